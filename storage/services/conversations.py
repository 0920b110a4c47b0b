"""Where the bot may write later: a platform's conversation reference by key (a member's
personal chat, `member:<id>`; the team's channel, `channel`). Bookkeeping, not the register:
no role, not audited; the adapter keeps references of compliance members only.

Usage::

    remember(session, platform="teams", key="member:a1b2", reference=json_text)
    recall(session, platform="teams", key="member:a1b2")   # the JSON, or None
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.db import transaction
from storage.models import ChatConversation
from storage.services.changes import utc

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def remember(
    session: Session, *, platform: str, key: str, reference: str, now: datetime | None = None
) -> None:
    """Keep (or replace) the reference stored under `key`."""
    moment = utc(now)
    upsert = _INSERTS[session.get_bind().dialect.name](ChatConversation).values(
        platform=platform, key=key, reference=reference, updated_at=moment
    )
    upsert = upsert.on_conflict_do_update(
        index_elements=[ChatConversation.platform, ChatConversation.key],
        set_={"reference": reference, "updated_at": moment},
    )
    with transaction(session):
        session.execute(upsert)


def recall(session: Session, *, platform: str, key: str) -> str | None:
    """The reference stored under `key`, or None."""
    with transaction(session):
        row = session.get(ChatConversation, (platform, key))
        return row.reference if row else None
