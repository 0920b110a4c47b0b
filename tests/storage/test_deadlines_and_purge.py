"""Deadline queries for reminders, and the retention purge of old closed cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from storage.models import AuditEvent, CaseCategory, CaseOutcome, Channel
from storage.principal import Principal
from storage.services.audit import verify_chain
from storage.services.case_schemas import CaseCreate
from storage.services.cases import acknowledge_case, add_handler_message, close_case, submit_report
from storage.services.deadlines import due_items
from storage.services.retention import purge_closed_cases

DAY0 = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
REPORT = CaseCreate(
    category=CaseCategory.CORRUPTION_AND_BRIBERY,
    description="Innkjøper fikk betalt for kontrakten.",
    channel=Channel.WEB,
)


def test_unacknowledged_case_becomes_overdue_after_seven_days(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=DAY0).reference
    assert due_items(session, principal=officer, now=DAY0 + timedelta(days=5)) == []
    soon = due_items(
        session, principal=officer, now=DAY0 + timedelta(days=5), within=timedelta(days=3)
    )
    assert [(i.kind, i.reference, i.overdue) for i in soon] == [
        ("case_acknowledgement", reference, False)
    ]
    late = due_items(session, principal=officer, now=DAY0 + timedelta(days=8))
    assert [(i.kind, i.overdue) for i in late] == [("case_acknowledgement", True)]


def test_acknowledged_case_is_due_for_feedback_three_months_later(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=DAY0).reference
    acknowledge_case(session, principal=officer, reference=reference, now=DAY0 + timedelta(days=1))
    items = due_items(session, principal=officer, now=datetime(2026, 4, 12, tzinfo=UTC))
    assert [(i.kind, i.due_at, i.overdue) for i in items] == [
        ("case_feedback", datetime(2026, 4, 11, 12, 0, tzinfo=UTC), True)
    ]


def test_purge_deletes_old_closed_cases_and_keeps_the_fact(
    engine: Engine, session: Session, employee: Principal, officer: Principal
) -> None:
    old = submit_report(session, principal=employee, data=REPORT, now=DAY0).reference
    recent = submit_report(session, principal=employee, data=REPORT, now=DAY0).reference
    add_handler_message(session, principal=officer, reference=old, body="Avsluttet.")
    close_case(session, principal=officer, reference=old, outcome=CaseOutcome.REFERRED, now=DAY0)
    close_case(
        session,
        principal=officer,
        reference=recent,
        outcome=CaseOutcome.WITHDRAWN,
        now=DAY0 + timedelta(days=300),
    )
    purged = purge_closed_cases(
        session, principal=officer, retention_days=365, now=DAY0 + timedelta(days=400)
    )
    assert purged == [old]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT reference FROM cases")).scalars().all() == [recent]
        assert connection.execute(text("SELECT count(*) FROM case_messages")).scalar() == 0
    fact = session.scalars(select(AuditEvent).where(AuditEvent.action == "case.purged")).one()
    assert (fact.object_id, fact.details) == (old, {"outcome": "referred"})
    assert verify_chain(session).ok
