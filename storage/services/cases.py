"""Reported concerns: submission with a one-time receipt code, handling, and the receipt side.

Rules kept here (see ARCHITECTURE.md, "Cases"): acknowledge within 7 days, feedback within
3 months of acknowledgement (or of day 7 when never acknowledged); anonymous cases store no
reporter id and are audited as `anonymous`; only `compliance` lists or reads cases; every
read of contents and every change is audited in the same transaction as the change.

Receipt codes are 16 random digits (53 bits), stored only as scrypt (n=2**14, r=8, p=1,
per-code salt, about 50 ms). To find the case without trying every hash, each case also
stores a selector: the first 5 hex digits (20 bits) of HMAC-SHA256 of the code under a key
derived from the keyring. That is a bucket, not an identifier: some 2**33 codes share each
one, so even someone holding the key must run scrypt for every guess. Attempts are counted
before the code is checked, per source and overall, under a salt thrown away with the window
(`receipt_limits`), so the limit holds across replicas and parallel guesses, and forgets.

Each case is encrypted under a data key of its own (description, reporter, messages), kept
outside the database and destroyed at purge (`storage.case_keys`). Slow work (scrypt,
encryption, writing the case key) happens before the transaction opens, so SQLite's write lock
and PostgreSQL's counter row lock are held only for the inserts.
"""

from __future__ import annotations

import base64
import calendar
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, selectinload
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from storage.crypto import Cipher, Keyring, keyring_for
from storage.db import transaction
from storage.errors import CaseNotFound, InvalidTransition, ReceiptInvalid
from storage.models import (
    Case,
    CaseMessage,
    CaseOutcome,
    CaseStatus,
    MessageAuthor,
)
from storage.principal import RECEIPT_HOLDER, Principal
from storage.services import audit, receipt_limits
from storage.services.case_schemas import (
    MAX_TEXT_CHARS,
    CaseCreate,
    CaseDetail,
    CasePublic,
    MessageView,
    ReceiptView,
    SubmittedReport,
)
from storage.services.changes import Guard, utc

ACKNOWLEDGE_WITHIN = timedelta(days=7)
FEEDBACK_WITHIN_MONTHS = 3
RECEIPT_DIGITS = 16
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SELECTOR_CHARS = 5
WRITE_RETRIES = 5
ANONYMOUS = Principal("anonymous", "reporter")
NAMED = Principal("named", "reporter")
"""Who the audit trail says submitted a named report: the name is in the case, encrypted,
and goes with it at purge; the trail never holds it."""
_NEXT_NUMBER = text(
    "INSERT INTO reference_counters (year, last_number) VALUES (:year, 1) "
    "ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + 1 "
    "RETURNING last_number"
)
_TRANSITIONS = {
    CaseStatus.RECEIVED: {CaseStatus.ACKNOWLEDGED, CaseStatus.CLOSED},
    CaseStatus.ACKNOWLEDGED: {CaseStatus.INVESTIGATING, CaseStatus.CLOSED},
    CaseStatus.INVESTIGATING: {CaseStatus.CLOSED},
    CaseStatus.CLOSED: set(),
}
CASES = Guard("case")
T = TypeVar("T")


def submit_report(
    session: Session, *, principal: Principal, data: CaseCreate, now: datetime | None = None
) -> SubmittedReport:
    """Store a new case and return its reference with the receipt code (shown once)."""
    now = utc(now)
    keyring = keyring_for(session)
    code = f"{secrets.randbelow(10**RECEIPT_DIGITS):0{RECEIPT_DIGITS}d}"
    receipt_hash = _hash_code(code)
    key_id, cipher = keyring.new_case_key()
    description = cipher.encrypt(data.description)
    reporter = None if data.anonymous else cipher.encrypt(principal.actor)
    actor = ANONYMOUS if data.anonymous else NAMED

    acknowledge_due = now + ACKNOWLEDGE_WITHIN
    feedback_due = add_months(acknowledge_due, FEEDBACK_WITHIN_MONTHS)

    def store() -> str:
        number = session.execute(_NEXT_NUMBER, {"year": now.year}).scalar_one()
        case = Case(
            reference=f"AK-{now.year}-{number:04d}",
            category=data.category,
            supplier_id=data.supplier_id,
            supplier_name=data.supplier_name,
            country=data.country,
            description=description,
            anonymous=data.anonymous,
            reporter=reporter,
            key_id=key_id,
            channel=data.channel,
            status=CaseStatus.RECEIVED,
            receipt_selector=_selector(keyring, code),
            receipt_hash=receipt_hash,
            received_at=now,
            acknowledge_due=acknowledge_due,
            feedback_due=feedback_due,
            updated_at=now,
        )
        session.add(case)
        session.flush()
        audit.record(
            session,
            principal=actor,
            action="case.submitted",
            object_type="case",
            object_id=case.reference,
            details={"category": data.category.value, "channel": data.channel.value},
            now=now,
        )
        session.commit()
        return case.reference

    return SubmittedReport(
        reference=_with_retry(session, store),
        receipt_code=code,
        acknowledge_due=acknowledge_due,
        feedback_due=feedback_due,
    )


def list_cases(
    session: Session,
    *,
    principal: Principal,
    status: CaseStatus | None = None,
    received_since: datetime | None = None,
    supplier_id: int | None = None,
) -> list[CasePublic]:
    """Cases without contents, newest first, optionally in one status, recent or linked to
    one supplier; compliance only."""
    with CASES.read(session, principal=principal, action="case.list"):
        query = select(Case).order_by(Case.received_at.desc(), Case.id.desc())
        if status is not None:
            query = query.where(Case.status == status)
        if received_since is not None:
            query = query.where(Case.received_at >= received_since)
        if supplier_id is not None:
            query = query.where(Case.supplier_id == supplier_id)
        return [CasePublic.model_validate(case) for case in session.scalars(query)]


def first_handler_messages(session: Session, *, principal: Principal) -> dict[str, datetime]:
    """When each case first got a message from a handler, by reference: times only, nothing
    decrypted (feedback within three months is measured by it); compliance only."""
    with CASES.read(session, principal=principal, action="case.list"):
        rows = session.execute(
            select(Case.reference, func.min(CaseMessage.created_at))
            .join(CaseMessage, CaseMessage.case_id == Case.id)
            .where(CaseMessage.author == MessageAuthor.HANDLER)
            .group_by(Case.reference)
        ).all()
    return dict(rows)


def get_case(
    session: Session, *, principal: Principal, reference: str, now: datetime | None = None
) -> CaseDetail:
    """A case with decrypted contents; compliance only, and the read is audited."""
    with CASES.read(
        session, principal=principal, action="case.read", object_id=reference, now=utc(now)
    ):
        case = _load(session, reference)
        cipher = keyring_for(session).for_case(case.key_id)
        return CaseDetail(
            **CasePublic.model_validate(case).model_dump(),
            description=cipher.decrypt(case.description),
            reporter_id=_reporter(case, cipher),
            messages=[_to_view(message, cipher) for message in case.messages],
        )


def acknowledge_case(
    session: Session, *, principal: Principal, reference: str, now: datetime | None = None
) -> CasePublic:
    """Mark receipt acknowledged; feedback is then due 3 months later."""
    return _transition(session, principal, reference, CaseStatus.ACKNOWLEDGED, None, utc(now))


def start_investigation(
    session: Session, *, principal: Principal, reference: str, now: datetime | None = None
) -> CasePublic:
    """Move an acknowledged case to investigating."""
    return _transition(session, principal, reference, CaseStatus.INVESTIGATING, None, utc(now))


def close_case(
    session: Session,
    *,
    principal: Principal,
    reference: str,
    outcome: CaseOutcome,
    now: datetime | None = None,
) -> CasePublic:
    """Close a case with its outcome."""
    return _transition(session, principal, reference, CaseStatus.CLOSED, outcome, utc(now))


def assign_handler(
    session: Session,
    *,
    principal: Principal,
    reference: str,
    handler_id: str,
    now: datetime | None = None,
) -> CasePublic:
    """Make `handler_id` responsible for the case."""
    now = utc(now)
    with CASES.transaction(
        session, principal=principal, action="case.assign", object_id=reference
    ) as change:
        case = _load(session, reference)
        case.handler_id = handler_id
        case.updated_at = now
        change.record(reference, action="case.assigned", details={"handler": handler_id}, now=now)
        return CasePublic.model_validate(case)


def add_handler_message(
    session: Session,
    *,
    principal: Principal,
    reference: str,
    body: str,
    now: datetime | None = None,
) -> CasePublic:
    """Write a message to the reporter, who reads it through the receipt code."""
    now = utc(now)
    with CASES.transaction(
        session, principal=principal, action="case.message", object_id=reference
    ) as change:
        case = _load(session, reference)
        _add_message(session, case, MessageAuthor.HANDLER, principal.user_id, body, now)
        change.record(
            reference, action="case.message_added", details={"author": "handler"}, now=now
        )
        return CasePublic.model_validate(case)


def view_by_receipt(
    session: Session, *, code: str, source: str, now: datetime | None = None
) -> ReceiptView:
    """Status and handler messages for the case behind `code`.

    Args:
        source: who is trying (platform user, IP); wrong codes are limited per source.
    """
    now = utc(now)
    with transaction(session):
        case = _case_for_receipt(session, code, source, now)
        cipher = keyring_for(session).for_case(case.key_id)
        _audit_receipt_holder(session, "case.read_by_receipt", case, now, None)
        return ReceiptView(
            reference=case.reference,
            status=case.status,
            outcome=case.outcome,
            received_at=case.received_at,
            messages=[
                _to_view(message, cipher)
                for message in case.messages
                if message.author == MessageAuthor.HANDLER
            ],
        )


def reply_by_receipt(
    session: Session, *, code: str, source: str, body: str, now: datetime | None = None
) -> str:
    """Add the reporter's reply to the case behind `code`; returns the case reference."""
    now = utc(now)
    with transaction(session):
        case = _case_for_receipt(session, code, source, now)
        _add_message(session, case, MessageAuthor.REPORTER, None, body, now)
        _audit_receipt_holder(session, "case.message_added", case, now, {"author": "reporter"})
        return case.reference


def add_months(moment: datetime, months: int) -> datetime:
    """`moment` plus calendar months, clamped to the last day of a shorter month."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _transition(
    session: Session,
    principal: Principal,
    reference: str,
    target: CaseStatus,
    outcome: CaseOutcome | None,
    now: datetime,
) -> CasePublic:
    """Move a case to `target` if the workflow allows it, and audit the change."""
    with CASES.transaction(
        session, principal=principal, action=f"case.{target.value}", object_id=reference
    ) as change:
        case = _load(session, reference)
        if target not in _TRANSITIONS[case.status]:
            raise InvalidTransition(f"{reference} is {case.status.value}; cannot become {target}")
        if target == CaseStatus.CLOSED and outcome is None:
            raise InvalidTransition(f"closing {reference} needs an outcome")
        details = {"from": case.status.value, "to": target.value}
        case.status = target
        case.updated_at = now
        if target == CaseStatus.ACKNOWLEDGED:
            case.acknowledged_at = now
            case.feedback_due = add_months(now, FEEDBACK_WITHIN_MONTHS)
        if target == CaseStatus.CLOSED:
            case.closed_at = now
            case.outcome = outcome
            details["outcome"] = outcome.value
        change.record(reference, action="case.status_changed", details=details, now=now)
        return CasePublic.model_validate(case)


def _case_for_receipt(session: Session, code: str, source: str, now: datetime) -> Case:
    """The case for a receipt code; the attempt is counted before the code is checked."""
    keyring = keyring_for(session)
    digits = re.sub(r"[\s-]", "", code)
    attempt = receipt_limits.reserve(session, source=source, now=now)
    candidates = []
    if re.fullmatch(rf"\d{{{RECEIPT_DIGITS}}}", digits):
        candidates = session.execute(
            select(Case.id, Case.receipt_hash).where(
                Case.receipt_selector == _selector(keyring, digits)
            )
        ).all()
    session.rollback()  # release SQLite's write lock while scrypt runs
    match = next((row.id for row in candidates if _check_code(digits, row.receipt_hash)), None)
    if not candidates:
        _check_code(digits, _DUMMY_HASH)  # the same work whether or not the bucket held a case
    receipt_limits.settle(session, attempt, matched=match is not None, now=now)
    case = None
    if match is not None:
        case = session.scalar(
            select(Case).where(Case.id == match).options(selectinload(Case.messages))
        )
    if case is None:
        raise ReceiptInvalid("no case matches this receipt code")
    return case


def _add_message(
    session: Session,
    case: Case,
    author: MessageAuthor,
    author_id: str | None,
    body: str,
    now: datetime,
) -> None:
    """Encrypt and attach a message to `case`."""
    body = body.strip()
    if not body or len(body) > MAX_TEXT_CHARS:
        raise InvalidTransition("a message must have 1 to 20,000 characters")
    session.add(
        CaseMessage(
            case_id=case.id,
            author=author,
            author_id=author_id,
            body=keyring_for(session).for_case(case.key_id).encrypt(body),
            created_at=now,
        )
    )
    case.updated_at = now


def _audit_receipt_holder(
    session: Session,
    action: str,
    case: Case,
    now: datetime,
    details: dict[str, str] | None,
) -> None:
    """Record what the reporter did through the receipt code: no identity, the hour only."""
    audit.record(
        session,
        principal=RECEIPT_HOLDER,
        action=action,
        object_type="case",
        object_id=case.reference,
        details=details,
        now=receipt_limits.coarse(now),
    )


def _load(session: Session, reference: str) -> Case:
    """The case with `reference`, with its messages."""
    case = session.scalar(
        select(Case).where(Case.reference == reference).options(selectinload(Case.messages))
    )
    if case is None:
        raise CaseNotFound(f"no case {reference}")
    return case


def _reporter(case: Case, cipher: Cipher) -> str | None:
    """A named reporter's user id (the part after `platform:`), or None when anonymous."""
    if case.reporter is None:
        return None
    return cipher.decrypt(case.reporter).split(":", 1)[1]


def _to_view(message: CaseMessage, cipher: Cipher) -> MessageView:
    """A decrypted message."""
    return MessageView(
        author=message.author, body=cipher.decrypt(message.body), created_at=message.created_at
    )


def _hash_code(code: str) -> str:
    """scrypt of the code with a fresh salt, parameters stored beside it."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(code.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    encoded = [base64.b64encode(part).decode() for part in (salt, digest)]
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encoded[0]}${encoded[1]}"


def _check_code(code: str, stored: str) -> bool:
    """Whether `code` matches a stored scrypt hash."""
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(
        code.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p)
    )
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def _selector(keyring: Keyring, code: str) -> str:
    """The keyed bucket of a receipt code (see module docstring)."""
    return keyring.lookup(f"receipt:{code}")[:SELECTOR_CHARS]


def _with_retry(session: Session, work: Callable[[], T]) -> T:
    """Run a write transaction, retrying with backoff when the database reports lock contention."""
    retrying = Retrying(
        retry=retry_if_exception_type(OperationalError),
        stop=stop_after_attempt(WRITE_RETRIES),
        wait=wait_exponential(multiplier=0.05),
        before_sleep=lambda _: session.rollback(),
        reraise=True,
    )
    return retrying(work)


_DUMMY_HASH = _hash_code("0" * RECEIPT_DIGITS)
