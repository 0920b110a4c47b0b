"""Claims on SQLite and PostgreSQL: a key is taken once, however many bot processes race for it."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.errors import ValidationFailed
from storage.models import AuditEvent, Claim
from storage.services.claims import MAX_KEY_LENGTH, claim, purge_claims, release

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
RACERS = 8
ROUNDS = 15
BARRIER_TIMEOUT_S = 60


def test_first_claim_of_a_key_wins(session: Session) -> None:
    assert claim(session, key="slack:event:Ev1", now=NOW) is True


def test_second_claim_of_the_same_key_loses(session: Session) -> None:
    claim(session, key="slack:event:Ev1", now=NOW)
    assert claim(session, key="slack:event:Ev1", now=NOW) is False


def test_different_keys_are_claimed_independently(session: Session) -> None:
    claim(session, key="slack:event:Ev1", now=NOW)
    assert claim(session, key="slack:event:Ev2", now=NOW) is True


def test_claim_is_committed_before_it_returns(
    session: Session, sessions: sessionmaker[Session]
) -> None:
    claim(session, key="reminder:task:42:2026-05-04", now=NOW)
    assert not session.in_transaction()
    with sessions() as other:
        assert other.get(Claim, "reminder:task:42:2026-05-04") is not None


def test_only_one_of_many_racing_threads_gets_each_key(sessions: sessionmaker[Session]) -> None:
    keys = [f"slack:event:race-{round_}" for round_ in range(ROUNDS)]
    barrier = threading.Barrier(RACERS, timeout=BARRIER_TIMEOUT_S)

    def race(_: int) -> list[str]:
        won = []
        with sessions() as session:
            for key in keys:
                barrier.wait()  # every thread asks for the same key at the same moment
                if claim(session, key=key):
                    won.append(key)
        return won

    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        results = list(pool.map(race, range(RACERS)))
    assert Counter(key for won in results for key in won) == Counter(keys)


def test_released_key_can_be_claimed_again(session: Session) -> None:
    claim(session, key="slack:event:Ev1", now=NOW)
    release(session, key="slack:event:Ev1")
    assert claim(session, key="slack:event:Ev1", now=NOW) is True


def test_releasing_one_key_keeps_the_others(session: Session) -> None:
    claim(session, key="slack:event:Ev1", now=NOW)
    claim(session, key="slack:event:Ev2", now=NOW)
    release(session, key="slack:event:Ev1")
    assert claim(session, key="slack:event:Ev2", now=NOW) is False


def test_purge_deletes_claims_older_than_the_cutoff_and_keeps_newer(session: Session) -> None:
    claim(session, key="old", now=NOW - timedelta(days=8))
    claim(session, key="at-cutoff", now=NOW - timedelta(days=7))
    claim(session, key="new", now=NOW - timedelta(days=1))
    purge_claims(session, older_than=NOW - timedelta(days=7))
    assert set(session.scalars(select(Claim.key))) == {"at-cutoff", "new"}


def test_purge_returns_how_many_claims_it_deleted(session: Session) -> None:
    claim(session, key="old-1", now=NOW - timedelta(days=9))
    claim(session, key="old-2", now=NOW - timedelta(days=8))
    claim(session, key="new", now=NOW)
    assert purge_claims(session, older_than=NOW - timedelta(days=7)) == 2


def test_purged_key_can_be_claimed_again(session: Session) -> None:
    claim(session, key="reminder:task:42", now=NOW - timedelta(days=8))
    purge_claims(session, older_than=NOW - timedelta(days=7))
    assert claim(session, key="reminder:task:42", now=NOW) is True


@pytest.mark.parametrize("key", ["", "k" * (MAX_KEY_LENGTH + 1)])
def test_empty_or_overlong_key_is_refused_on_every_backend(session: Session, key: str) -> None:
    with pytest.raises(ValidationFailed):
        claim(session, key=key, now=NOW)


def test_longest_allowed_key_is_claimed(session: Session) -> None:
    assert claim(session, key="k" * MAX_KEY_LENGTH, now=NOW) is True


def test_claims_are_not_audited(session: Session) -> None:
    claim(session, key="slack:event:Ev1", now=NOW)
    release(session, key="slack:event:Ev1")
    purge_claims(session, older_than=NOW)
    assert session.scalars(select(AuditEvent)).all() == []
