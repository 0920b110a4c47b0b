"""Receipt codes under attack (issue 14, findings 4, 6 and 8): attempts are counted before
they are checked, per source and overall; a burst is audited once; nothing tying an attempt
to a person outlives its window; and the selector is a bucket that still needs scrypt."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from storage.crypto import keyring_for
from storage.models import AuditEvent, Case, CaseCategory, Channel, ReceiptAttempt, ReceiptWindow
from storage.principal import Principal
from storage.services import receipt_limits
from storage.services.case_schemas import CaseCreate
from storage.services.cases import _selector, submit_report
from tests.storage.conftest import try_receipt

NOW = datetime(2026, 5, 4, 8, 7, 30, tzinfo=UTC)
WRONG = "0000000000000000"
REPORT = CaseCreate(
    category=CaseCategory.CHILD_LABOUR, description="Barn i sorteringen.", channel=Channel.WEB
)


def _actions(session: Session) -> list[str]:
    """The audit actions so far, read in a transaction that ends at once (SQLite's write
    lock is taken by every transaction here, reads included)."""
    actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))
    session.rollback()
    return actions


def test_parallel_guesses_from_one_source_get_five_checks_only(
    sessions: sessionmaker[Session], session: Session
) -> None:
    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(
            pool.map(lambda _: try_receipt(sessions, WRONG, "slack:U-ATTACKER", NOW), range(10))
        )
    assert sorted(outcomes) == ["limited"] * 5 + ["wrong"] * 5
    assert _actions(session).count("receipt.failed") == receipt_limits.PER_SOURCE


def test_a_burst_is_audited_once_and_counted_when_the_window_closes(
    sessions: sessionmaker[Session], session: Session
) -> None:
    outcomes = [try_receipt(sessions, WRONG, "web:visitor", NOW) for _ in range(40)]
    assert outcomes.count("wrong") == 5 and outcomes.count("limited") == 35
    assert _actions(session) == ["receipt.failed"] * 5 + ["receipt.rate_limited"]
    try_receipt(sessions, WRONG, "web:visitor", NOW + receipt_limits.WINDOW)
    closed = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "receipt.window_closed")
    ).one()
    assert closed.details == {"failed": 5, "refused": 35}


def test_everyone_together_is_limited_too(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(receipt_limits, "OVERALL", 3)
    outcomes = [try_receipt(sessions, WRONG, f"web:visitor-{number}", NOW) for number in range(5)]
    assert outcomes == ["wrong", "wrong", "wrong", "limited", "limited"]


def test_a_right_code_is_not_counted_as_a_failure(
    sessions: sessionmaker[Session], session: Session, employee: Principal
) -> None:
    code = submit_report(session, principal=employee, data=REPORT, now=NOW).receipt_code
    session.commit()
    outcomes = [try_receipt(sessions, code, "slack:U-REPORTER", NOW) for _ in range(8)]
    assert outcomes == ["ok"] * 8


def test_nothing_ties_an_attempt_to_a_person_after_its_window(
    sessions: sessionmaker[Session], session: Session, employee: Principal
) -> None:
    code = submit_report(session, principal=employee, data=REPORT, now=NOW).receipt_code
    session.commit()
    try_receipt(sessions, WRONG, "slack:U-REPORTER", NOW)
    try_receipt(sessions, code, "slack:U-REPORTER", NOW)
    with sessions() as later:
        receipt_limits.close_windows(later, now=NOW + receipt_limits.WINDOW)
        later.commit()
    assert session.scalar(select(func.count()).select_from(ReceiptAttempt)) == 0
    assert session.scalar(select(func.count()).select_from(ReceiptWindow)) == 0
    receipt_events = session.scalars(
        select(AuditEvent).where(AuditEvent.actor == "receipt:holder")
    ).all()
    assert {event.action for event in receipt_events} >= {"receipt.failed", "case.read_by_receipt"}
    assert all(event.at.minute == 0 and event.at.second == 0 for event in receipt_events)
    assert all("U-REPORTER" not in str(event.details) for event in receipt_events)


def test_the_selector_is_a_bucket_shared_by_wrong_codes(
    sessions: sessionmaker[Session], session: Session, employee: Principal
) -> None:
    code = submit_report(session, principal=employee, data=REPORT, now=NOW).receipt_code
    session.commit()
    stored = session.scalars(select(Case.receipt_selector)).one()
    keyring = keyring_for(session)
    session.rollback()
    assert len(stored) == 5 and stored == _selector(keyring, code)
    twin = next(
        candidate
        for number in itertools.count(10**15)
        if (candidate := str(number)) != code and _selector(keyring, candidate) == stored
    )
    assert try_receipt(sessions, twin, "slack:U-GUESS", NOW) == "wrong"


def test_windows_are_fixed_fifteen_minute_slots() -> None:
    start = receipt_limits.window_start(NOW)
    assert start == datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    assert receipt_limits.window_start(start + timedelta(minutes=15)) == start + timedelta(
        minutes=15
    )
