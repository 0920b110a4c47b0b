"""The append-only audit trail: every read of case contents and every change lands here.

Each row's `hash` is an HMAC-SHA256, under a key derived from the keyring and never stored in
the database, over the canonical JSON of the row and the previous row's hash: editing or
deleting a row breaks the chain at that point and `verify_chain` names it, and someone with
write access to the database but not the key cannot re-hash the rows after it. The newest
rows are guarded by signed checkpoints of the head kept outside the database
(`audit_checkpoints`); the database itself refuses UPDATE and DELETE on the table (triggers).
Appends are serialised (a transaction-level advisory lock on PostgreSQL; SQLite's write
lock, taken by `BEGIN IMMEDIATE`), so two writers never fork the chain. An append joins the
caller's transaction: the event commits with the change it records, or not at all.
Details must never hold case contents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from storage.crypto import Keyring, keyring_for
from storage.models import AuditEvent
from storage.principal import Principal

GENESIS_HASH = "0" * 64
AUDIT_LOCK_ID = 0x616B74736F6D  # "aktsom": one advisory lock for the chain head


@dataclass(frozen=True, slots=True)
class ChainReport:
    """Result of checking the audit chain; `first_bad_seq` is None when intact."""

    events: int
    first_bad_seq: int | None
    problem: str | None
    head: str = GENESIS_HASH

    @property
    def ok(self) -> bool:
        """Whether every row is present and unedited."""
        return self.first_bad_seq is None


def record(
    session: Session,
    *,
    principal: Principal,
    action: str,
    object_type: str,
    object_id: str | int | None = None,
    details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain inside the caller's transaction (not committed)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": AUDIT_LOCK_ID})
    head = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (head.seq + 1, head.hash) if head else (1, GENESIS_HASH)
    event = AuditEvent(
        seq=seq,
        at=(now or datetime.now(UTC)).astimezone(UTC),
        actor=principal.actor,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        details=details or {},
        prev_hash=prev_hash,
    )
    event.hash = hash_event(event, keyring=keyring_for(session))
    session.add(event)
    session.flush()
    return event


def verify_chain(
    session: Session, *, anchor: str | None = None, checkpoint: tuple[int, str] | None = None
) -> ChainReport:
    """Walk the chain in order and report the first edited, inserted or missing row.

    The chain alone cannot show that its newest rows were cut off. `anchor` is a head hash
    noted earlier (printed by `aktsom audit verify`) and `checkpoint` a signed `(seq, hash)`
    kept outside the database; the chain is broken if that row is no longer in it as it was.
    """
    keyring = keyring_for(session)
    expected_prev, count, anchored = GENESIS_HASH, 0, anchor is None
    for count, event in enumerate(
        session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(500), start=1
    ):
        if event.seq != count:
            return ChainReport(count, count, f"row {count} is missing (next is {event.seq})")
        if event.prev_hash != expected_prev:
            return ChainReport(count, event.seq, "does not follow the previous row")
        if hash_event(event, keyring=keyring) != event.hash:
            return ChainReport(count, event.seq, "was edited after it was written")
        if checkpoint is not None and event.seq == checkpoint[0] and event.hash != checkpoint[1]:
            return ChainReport(count, event.seq, "differs from the signed checkpoint")
        expected_prev = event.hash
        anchored = anchored or event.hash == anchor
    if not anchored:
        problem = "the anchored head is gone: rows were deleted from the end of the trail"
        return ChainReport(count, count + 1, problem, expected_prev)
    if checkpoint is not None and count < checkpoint[0]:
        problem = f"the checkpoint names row {checkpoint[0]}: rows were deleted from the end"
        return ChainReport(count, count + 1, problem, expected_prev)
    return ChainReport(count, None, None, expected_prev)


def hash_event(event: AuditEvent, *, keyring: Keyring) -> str:
    """The keyed hash over the canonical JSON of the event's fields and the previous hash."""
    payload = {
        "seq": event.seq,
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": event.actor,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "details": event.details,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return keyring.seal(canonical.encode("utf-8"))
