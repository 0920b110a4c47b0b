"""Answers the chat bots gave, and the thumbs up or down people gave them.

What is kept serves two purposes: knowing whether the bot already answered in a thread (so
it follows up instead of starting over) and learning which answers help. Anonymity comes
first: an answer stores where it was given (platform, conversation, thread), never who
asked; a vote stores only a keyed hash of the voter (`Keyring.lookup`), enough to let a
second vote replace the first, never the platform user id.

These tables hold no case contents and are not the register, so the calls here need no
role and are not audited.

Usage::

    answer_id = record_answer(session, platform="slack", conversation_id="C0123",
                              thread_id="1714810000.000100", question=q, answer=a,
                              language="nb", found=True)
    record_vote(session, answer_id=answer_id, voter="slack:U0456", vote=1)  # VoteTally(1, 0)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.crypto import keyring_for
from storage.db import transaction
from storage.errors import AnswerNotFound, ValidationFailed
from storage.models import AnswerVote, ChatAnswer
from storage.services.changes import utc

UP, DOWN = 1, -1
_LIMITS = {
    name: ChatAnswer.__table__.c[name].type.length
    for name in ("platform", "conversation_id", "thread_id", "language")
}
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


@dataclass(frozen=True, slots=True)
class VoteTally:
    """How many people found an answer helpful (`up`) and how many did not (`down`)."""

    up: int
    down: int


def record_answer(
    session: Session,
    *,
    platform: str,
    conversation_id: str,
    thread_id: str | None,
    question: str,
    answer: str,
    language: str,
    found: bool,
    now: datetime | None = None,
) -> int:
    """Keep an answer the bot gave; returns its id, for votes on it.

    Args:
        thread_id: the thread answered in, or None for a message outside a thread.
        found: whether the answer quoted a source rather than saying nothing was found.
    """
    values = {"platform": platform, "conversation_id": conversation_id, "thread_id": thread_id}
    for name, value in {**values, "language": language}.items():
        if value is not None and len(value) > _LIMITS[name]:
            raise ValidationFailed(f"{name} is longer than {_LIMITS[name]} characters")
    with transaction(session):
        row = ChatAnswer(
            **values,
            question=question,
            answer=answer,
            language=language,
            found=found,
            created_at=utc(now),
        )
        session.add(row)
        session.flush()
        return row.id


def answered_thread(
    session: Session, *, platform: str, conversation_id: str, thread_id: str | None
) -> bool:
    """Whether the bot already answered in this thread (None: outside any thread)."""
    query = select(
        exists().where(
            ChatAnswer.platform == platform,
            ChatAnswer.conversation_id == conversation_id,
            ChatAnswer.thread_id == thread_id,  # None compares as IS NULL
        )
    )
    with transaction(session):
        return bool(session.scalar(query))


def earlier_questions(
    session: Session,
    *,
    platform: str,
    conversation_id: str,
    thread_id: str | None,
    limit: int,
) -> list[str]:
    """The last `limit` questions the bot answered in this thread, oldest first."""
    query = (
        select(ChatAnswer.question)
        .where(
            ChatAnswer.platform == platform,
            ChatAnswer.conversation_id == conversation_id,
            ChatAnswer.thread_id == thread_id,
        )
        .order_by(ChatAnswer.id.desc())
        .limit(limit)
    )
    with transaction(session):
        return list(reversed(session.scalars(query).all()))


def record_vote(
    session: Session, *, answer_id: int, voter: str, vote: int, now: datetime | None = None
) -> VoteTally:
    """Count `voter`'s +1 or -1 on an answer, replacing any earlier vote of theirs.

    Args:
        voter: who votes, with the platform, e.g. "slack:U0456"; only its keyed hash is kept.
    """
    if vote not in (UP, DOWN):
        raise ValidationFailed("a vote is +1 or -1")
    voter_key = keyring_for(session).lookup(f"voter:{voter}")
    moment = utc(now)
    upsert = _INSERTS[session.get_bind().dialect.name](AnswerVote).values(
        answer_id=answer_id, voter_key=voter_key, vote=vote, created_at=moment
    )
    upsert = upsert.on_conflict_do_update(
        index_elements=[AnswerVote.answer_id, AnswerVote.voter_key],
        set_={"vote": vote, "created_at": moment},
    )
    with transaction(session):
        if not session.scalar(select(exists().where(ChatAnswer.id == answer_id))):
            raise AnswerNotFound(f"No chat answer with id {answer_id}.")
        session.execute(upsert)
        return _tally(session, answer_id=answer_id)


def _tally(session: Session, *, answer_id: int) -> VoteTally:
    """The up and down votes on an answer."""
    rows = session.execute(
        select(AnswerVote.vote, func.count())
        .where(AnswerVote.answer_id == answer_id)
        .group_by(AnswerVote.vote)
    )
    counts = {vote: count for vote, count in rows}
    return VoteTally(up=counts.get(UP, 0), down=counts.get(DOWN, 0))
