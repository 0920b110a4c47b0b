"""Claims: make something happen once when several bot processes share one database.

A claim is a key inserted with `INSERT ... ON CONFLICT DO NOTHING`; whoever inserts the row
holds it, everyone else learns it is taken. The database decides, so the answer is right
however many processes or threads race: on PostgreSQL a second insert of the same key waits
for the first transaction and then does nothing; on SQLite `BEGIN IMMEDIATE` (see
`storage.db`) queues the writers. Each call commits before it returns, so a claim is
visible to every other process the moment the caller learns it won.

Keys say what they stand for, e.g. `slack:event:Ev0123` (an event processed once) or
`reminder:task:42:2026-05-04` (one reminder per item per day). Claims are bookkeeping,
not the register: they need no role and are not audited.

Usage::

    if claim(session, key=f"slack:event:{event_id}"):
        handle(event)
    purge_claims(session, older_than=now - timedelta(days=7))
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.db import transaction
from storage.errors import ValidationFailed
from storage.models import Claim
from storage.services.changes import utc

MAX_KEY_LENGTH = Claim.__table__.c.key.type.length
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def claim(session: Session, *, key: str, now: datetime | None = None) -> bool:
    """Take `key`; True if this caller got it, False if anyone already had it."""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValidationFailed(f"a claim key must have 1 to {MAX_KEY_LENGTH} characters")
    insert = _INSERTS[session.get_bind().dialect.name]
    statement = (
        insert(Claim)
        .values(key=key, claimed_at=utc(now))
        .on_conflict_do_nothing(index_elements=[Claim.key])
        .returning(Claim.key)
    )
    with transaction(session):
        return session.execute(statement).first() is not None


def release(session: Session, *, key: str) -> None:
    """Give `key` up, e.g. when the work it guarded failed and may be tried again."""
    with transaction(session):
        session.execute(delete(Claim).where(Claim.key == key))


def purge_claims(session: Session, *, older_than: datetime) -> int:
    """Delete claims taken before `older_than`; returns how many went."""
    with transaction(session):
        result = session.execute(delete(Claim).where(Claim.claimed_at < older_than))
        return result.rowcount
