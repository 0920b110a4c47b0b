"""The audit chain detects rows edited or deleted behind the application's back."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from storage.principal import Principal
from storage.services.audit import record, verify_chain


def _write_events(session: Session, principal: Principal, count: int) -> None:
    for number in range(count):
        record(
            session,
            principal=principal,
            action="case.read",
            object_type="case",
            object_id=f"AK-2026-{number:04d}",
            details={"n": number},
        )
    session.commit()


def test_untouched_chain_verifies(session: Session, officer: Principal) -> None:
    _write_events(session, officer, 5)
    report = verify_chain(session)
    assert report.ok and report.events == 5


def test_edited_details_are_detected(engine: Engine, session: Session, officer: Principal) -> None:
    _write_events(session, officer, 5)
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET details = '{\"n\": 99}' WHERE seq = 3"))
    report = verify_chain(session)
    assert report.first_bad_seq == 3


def test_deleted_middle_row_is_detected(
    engine: Engine, session: Session, officer: Principal
) -> None:
    _write_events(session, officer, 5)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE seq = 2"))
    report = verify_chain(session)
    assert report.first_bad_seq == 2 and not report.ok


def test_rows_cut_from_the_end_are_detected_against_an_anchor(
    engine: Engine, session: Session, officer: Principal
) -> None:
    _write_events(session, officer, 5)
    anchor = verify_chain(session).head
    session.rollback()  # end the read so the raw delete can take the write lock
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE seq >= 4"))

    assert verify_chain(session).ok  # the chain alone cannot tell
    report = verify_chain(session, anchor=anchor)
    assert not report.ok
    assert "anchored head is gone" in (report.problem or "")


def test_anchor_still_in_a_longer_chain_verifies(session: Session, officer: Principal) -> None:
    _write_events(session, officer, 3)
    anchor = verify_chain(session).head
    _write_events(session, officer, 2)

    report = verify_chain(session, anchor=anchor)
    assert report.ok and report.events == 5 and report.head != anchor
