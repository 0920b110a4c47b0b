"""Chat answers and votes on SQLite and PostgreSQL: threads remembered, voters never stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine, delete, inspect, select
from sqlalchemy.orm import Session

from storage.crypto import Keyring
from storage.db import make_sessionmaker
from storage.errors import AnswerNotFound, NotFound, ValidationFailed
from storage.models import AnswerVote, AuditEvent, ChatAnswer
from storage.services.answers import VoteTally, answered_thread, record_answer, record_vote

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
THREAD = {"platform": "slack", "conversation_id": "C0123", "thread_id": "1714810000.000100"}
TEAMS_PERSONAL_CHAT = "a:1" + "x" * 140


def _answer(session: Session, **where: Any) -> int:
    """Record an answer in THREAD unless `where` says otherwise; returns its id."""
    return record_answer(
        session,
        **{**THREAD, **where},
        question="Hva er fristen for å svare på et informasjonskrav?",
        answer="Senest tre uker etter at kravet er mottatt (§ 7).",
        language="nb",
        found=True,
        now=NOW,
    )


def test_recorded_answer_keeps_where_it_was_given_what_was_asked_and_said(
    session: Session,
) -> None:
    answer_id = _answer(session)
    row = session.get(ChatAnswer, answer_id)
    assert row is not None
    assert (row.platform, row.conversation_id, row.thread_id) == tuple(THREAD.values())
    assert row.question.startswith("Hva er fristen")
    assert row.answer.startswith("Senest tre uker")
    assert (row.language, row.found, row.created_at) == ("nb", True, NOW)


def test_each_recorded_answer_gets_its_own_id(session: Session) -> None:
    assert _answer(session) != _answer(session)


def test_chat_answers_have_no_column_for_who_asked(session: Session) -> None:
    columns = {column["name"] for column in inspect(session.get_bind()).get_columns("chat_answers")}
    assert columns == {
        "id",
        "platform",
        "conversation_id",
        "thread_id",
        "question",
        "answer",
        "language",
        "found",
        "created_at",
    }


def test_teams_personal_chat_ids_fit(session: Session) -> None:
    _answer(session, platform="teams", conversation_id=TEAMS_PERSONAL_CHAT, thread_id=None)
    assert answered_thread(
        session, platform="teams", conversation_id=TEAMS_PERSONAL_CHAT, thread_id=None
    )


@pytest.mark.parametrize(
    "where",
    [{"platform": "x" * 17}, {"conversation_id": "C" * 256}, {"thread_id": "1" * 256}],
)
def test_overlong_location_is_refused_on_every_backend(
    session: Session, where: dict[str, str]
) -> None:
    with pytest.raises(ValidationFailed):
        _answer(session, **where)


def test_thread_with_an_answer_counts_as_answered(session: Session) -> None:
    _answer(session)
    assert answered_thread(session, **THREAD) is True


@pytest.mark.parametrize(
    "elsewhere",
    [{"platform": "teams"}, {"conversation_id": "C9999"}, {"thread_id": "1714819999.000900"}],
)
def test_answer_elsewhere_does_not_count_for_this_thread(
    session: Session, elsewhere: dict[str, str]
) -> None:
    _answer(session, **elsewhere)
    assert answered_thread(session, **THREAD) is False


def test_answer_outside_any_thread_counts_for_no_thread(session: Session) -> None:
    _answer(session, thread_id=None)
    assert answered_thread(session, **{**THREAD, "thread_id": None}) is True


def test_answer_outside_any_thread_does_not_count_for_a_thread(session: Session) -> None:
    _answer(session, thread_id=None)
    assert answered_thread(session, **THREAD) is False


def test_answer_in_a_thread_does_not_count_outside_threads(session: Session) -> None:
    _answer(session)
    assert answered_thread(session, **{**THREAD, "thread_id": None}) is False


def test_votes_up_and_down_are_tallied(session: Session) -> None:
    answer_id = _answer(session)
    record_vote(session, answer_id=answer_id, voter="slack:U1", vote=1, now=NOW)
    record_vote(session, answer_id=answer_id, voter="slack:U2", vote=1, now=NOW)
    tally = record_vote(session, answer_id=answer_id, voter="slack:U3", vote=-1, now=NOW)
    assert tally == VoteTally(up=2, down=1)


def test_second_vote_by_the_same_voter_replaces_the_first(session: Session) -> None:
    answer_id = _answer(session)
    record_vote(session, answer_id=answer_id, voter="slack:U1", vote=1, now=NOW)
    tally = record_vote(session, answer_id=answer_id, voter="slack:U1", vote=-1, now=NOW)
    assert tally == VoteTally(up=0, down=1)


def test_votes_on_another_answer_do_not_count(session: Session) -> None:
    first, second = _answer(session), _answer(session)
    record_vote(session, answer_id=first, voter="slack:U1", vote=1, now=NOW)
    tally = record_vote(session, answer_id=second, voter="slack:U1", vote=-1, now=NOW)
    assert tally == VoteTally(up=0, down=1)


def test_vote_never_stores_the_voter_id(session: Session) -> None:
    answer_id = _answer(session)
    record_vote(session, answer_id=answer_id, voter="slack:U0456", vote=1, now=NOW)
    row = session.scalars(select(AnswerVote)).one()
    assert all("U0456" not in str(value) for value in vars(row).values())


def test_voter_key_is_keyed_by_the_secret_not_a_plain_hash(
    session: Session, engine: Engine
) -> None:
    answer_id = _answer(session)
    record_vote(session, answer_id=answer_id, voter="slack:U0456", vote=1, now=NOW)
    other_keyring = make_sessionmaker(engine, keyring=Keyring([Fernet.generate_key()]))
    with other_keyring() as other:
        record_vote(other, answer_id=answer_id, voter="slack:U0456", vote=1, now=NOW)
    assert len(set(session.scalars(select(AnswerVote.voter_key)))) == 2


@pytest.mark.parametrize("vote", [0, 2, -2])
def test_vote_other_than_plus_or_minus_one_is_refused(session: Session, vote: int) -> None:
    answer_id = _answer(session)
    with pytest.raises(ValidationFailed):
        record_vote(session, answer_id=answer_id, voter="slack:U1", vote=vote, now=NOW)


def test_vote_on_an_unknown_answer_is_not_found(session: Session) -> None:
    with pytest.raises(AnswerNotFound) as raised:
        record_vote(session, answer_id=404, voter="slack:U1", vote=1, now=NOW)
    assert isinstance(raised.value, NotFound)


def test_votes_are_deleted_with_their_answer(session: Session) -> None:
    answer_id = _answer(session)
    record_vote(session, answer_id=answer_id, voter="slack:U1", vote=1, now=NOW)
    session.execute(delete(ChatAnswer).where(ChatAnswer.id == answer_id))
    session.commit()
    assert session.scalars(select(AnswerVote)).all() == []


def test_answers_and_votes_are_not_audited(session: Session) -> None:
    answer_id = _answer(session)
    record_vote(session, answer_id=answer_id, voter="slack:U1", vote=1, now=NOW)
    answered_thread(session, **THREAD)
    assert session.scalars(select(AuditEvent)).all() == []


@pytest.mark.parametrize(
    "call",
    [
        lambda session, answer_id: answered_thread(session, **THREAD),
        lambda session, answer_id: record_vote(
            session, answer_id=answer_id, voter="slack:U1", vote=1
        ),
        lambda session, answer_id: _answer(session),
    ],
    ids=["answered_thread", "record_vote", "record_answer"],
)
def test_calls_leave_no_transaction_open(
    session: Session, call: Callable[[Session, int], object]
) -> None:
    answer_id = _answer(session)
    call(session, answer_id)
    assert not session.in_transaction()
