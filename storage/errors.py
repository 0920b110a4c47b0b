"""Errors raised by `storage`, one root so surfaces can map them in one place.

Callers catch `StorageError` broadly or a leaf narrowly::

    StorageError
    ├── NotFound
    │   ├── CaseNotFound
    │   ├── SupplierNotFound
    │   ├── TaskNotFound
    │   ├── DeviationNotFound
    │   ├── InformationRequestNotFound
    │   ├── AnswerNotFound
    │   ├── InvitationNotFound
    │   ├── SuggestionNotFound
    │   └── AttachmentNotFound
    ├── AccessDenied          the principal lacks the role (the denial is audited)
    ├── ReceiptInvalid        no case matches the receipt code
    ├── RateLimited           too many wrong receipt codes from one source
    ├── InvalidTransition     a status change the workflow does not allow
    ├── ValidationFailed      input that breaks a rule (e.g. an extension without reason)
    ├── KeyringError          encryption keys missing, unreadable or unable to decrypt
    ├── ReferenceDataError    a supplier-risk reference table is malformed
    ├── QuestionnaireInvalid  a bundled questionnaire file breaks the format
    └── LinkRefused           a questionnaire link is forged, expired, cancelled or replaced
"""

from __future__ import annotations


class StorageError(Exception):
    """Root of every error raised by the storage package."""


class NotFound(StorageError):
    """The requested record does not exist."""


class CaseNotFound(NotFound):
    """No case has that reference or id."""


class SupplierNotFound(NotFound):
    """No supplier has that id."""


class TaskNotFound(NotFound):
    """No follow-up task has that id."""


class DeviationNotFound(NotFound):
    """No deviation has that id."""


class InformationRequestNotFound(NotFound):
    """No information request has that id."""


class AnswerNotFound(NotFound):
    """No chat answer has that id."""


class InvitationNotFound(NotFound):
    """No questionnaire invitation has that id."""


class SuggestionNotFound(NotFound):
    """No red-flag suggestion has that id."""


class AttachmentNotFound(NotFound):
    """No questionnaire attachment has that id."""


class AccessDenied(StorageError):
    """The acting principal may not do this."""


class ReceiptInvalid(StorageError):
    """The receipt code matches no case."""


class RateLimited(StorageError):
    """Too many failed attempts; try again later."""


class InvalidTransition(StorageError):
    """The record cannot move to that status from its current one."""


class ValidationFailed(StorageError):
    """The input breaks a business rule."""


class DataDirUnusable(StorageError):
    """The data folder cannot be created or used (a file is in the way, no permission)."""


class KeyringError(StorageError):
    """Encryption keys are missing, unreadable, or cannot decrypt a value."""


class ReferenceDataError(StorageError):
    """A supplier-risk reference table is missing a column or holds an unknown value."""


class QuestionnaireInvalid(StorageError):
    """A questionnaire file is missing a language, a score or a field, or names an unknown one."""


class LinkRefused(StorageError):
    """A supplier's questionnaire link is refused; nothing was read or changed.

    Args:
        reason: `invalid` (forged or replaced by a newer link), `expired`, `cancelled`, or
            `submitted` (the questionnaire is read-only now).
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


class SupplierListUnreadable(StorageError):
    """A supplier list that cannot be read or imported; `reason` says why, as a code.

    Codes: too_large, empty, not_text, bad_xlsx, no_name_column, unknown_column,
    unknown_field; `detail` names the column or field where there is one.
    """

    def __init__(self, reason: str, *, detail: str = "") -> None:
        super().__init__(f"supplier list unreadable: {reason}{f' ({detail})' if detail else ''}")
        self.reason = reason
        self.detail = detail
