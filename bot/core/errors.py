"""Errors raised by the bot core; each surface shows them through `messages.explain`.

    CoreError
    ├── FormInvalid     a form field is missing or wrong; `errors` maps field -> message
    ├── Duplicate       the same submission arrived twice; it was handled the first time
    ├── NotAllowed      the person lacks the role for this flow (checked before any work)
    └── Busy            the public pages' cap on submissions is reached; try again soon

Storage, knowledge and ingestion errors pass through unchanged; `messages.explain` words
every one of them.
"""

from __future__ import annotations


class CoreError(Exception):
    """Root of the errors raised by `bot.core`."""


class FormInvalid(CoreError):
    """One or more form fields are missing or wrong; shown beside the fields."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


class Duplicate(CoreError):
    """The same delivery (event, form submission) was already handled, maybe by a replica."""


class NotAllowed(CoreError):
    """The person may not use this flow (e.g. adding documents without the compliance role);
    refused before any work, so nothing reached the register or its audit trail.

    Args:
        explanation: the text key telling the person what to do instead.
    """

    def __init__(self, detail: str, *, explanation: str = "error.not_allowed") -> None:
        super().__init__(detail)
        self.explanation = explanation


class Busy(CoreError):
    """Too many public submissions of this kind right now (see `bot.core.flood`)."""
