"""Case register: submission, references, deadlines, workflow and access by role."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from storage.errors import AccessDenied, CaseNotFound, InvalidTransition
from storage.models import AuditEvent, Case, CaseCategory, CaseOutcome, CaseStatus, Channel
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.cases import (
    acknowledge_case,
    add_handler_message,
    assign_handler,
    close_case,
    get_case,
    list_cases,
    start_investigation,
    submit_report,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REPORT = CaseCreate(
    category=CaseCategory.FORCED_LABOUR,
    description="Passports are withheld at the Dhaka dyeing mill.",
    channel=Channel.SLACK,
    supplier_name="Exso Textiles",
    country="BD",
)


def test_references_are_sequential_per_year(session: Session, employee: Principal) -> None:
    first = submit_report(session, principal=employee, data=REPORT, now=NOW)
    second = submit_report(session, principal=employee, data=REPORT, now=NOW)
    next_year = submit_report(session, principal=employee, data=REPORT, now=NOW.replace(year=2027))
    assert [first.reference, second.reference, next_year.reference] == [
        "AK-2026-0001",
        "AK-2026-0002",
        "AK-2027-0001",
    ]
    assert len(first.receipt_code) == 16 and first.receipt_code.isdigit()


def test_anonymous_report_stores_no_user_id(session: Session, employee: Principal) -> None:
    submitted = submit_report(session, principal=employee, data=REPORT, now=NOW)
    case = session.scalar(select(Case).where(Case.reference == submitted.reference))
    assert case.reporter is None
    actors = session.scalars(select(AuditEvent.actor)).all()
    assert not any("U-EMPLOYEE" in actor for actor in actors)


def test_named_report_keeps_reporter(
    session: Session, employee: Principal, officer: Principal
) -> None:
    data = REPORT.model_copy(update={"anonymous": False})
    submitted = submit_report(session, principal=employee, data=data, now=NOW)
    detail = get_case(session, principal=officer, reference=submitted.reference)
    assert detail.reporter_id == "U-EMPLOYEE"


def test_a_named_reporter_is_stored_encrypted_and_kept_out_of_the_trail(
    engine: Engine, session: Session, employee: Principal
) -> None:
    data = REPORT.model_copy(update={"anonymous": False})
    submit_report(session, principal=employee, data=data, now=NOW)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM cases")).mappings().one()
    assert b"U-EMPLOYEE" not in bytes(row["reporter"])
    assert "U-EMPLOYEE" not in str(dict(row))
    actors = session.scalars(select(AuditEvent.actor)).all()
    assert actors == ["named:reporter"]


def test_deadlines_follow_acknowledgement(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=NOW).reference
    listed = list_cases(session, principal=officer)[0]
    assert listed.acknowledge_due == datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
    assert listed.feedback_due == datetime(2026, 6, 9, 9, 0, tzinfo=UTC)
    acknowledged = acknowledge_case(
        session, principal=officer, reference=reference, now=datetime(2026, 3, 4, tzinfo=UTC)
    )
    assert acknowledged.feedback_due == datetime(2026, 6, 4, tzinfo=UTC)


def test_case_moves_through_workflow_to_closed_with_outcome(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=NOW).reference
    acknowledge_case(session, principal=officer, reference=reference)
    start_investigation(session, principal=officer, reference=reference)
    assign_handler(session, principal=officer, reference=reference, handler_id="U-OFFICER")
    closed = close_case(
        session, principal=officer, reference=reference, outcome=CaseOutcome.SUBSTANTIATED
    )
    assert (closed.status, closed.outcome, closed.handler_id) == (
        CaseStatus.CLOSED,
        CaseOutcome.SUBSTANTIATED,
        "U-OFFICER",
    )
    with pytest.raises(InvalidTransition):
        acknowledge_case(session, principal=officer, reference=reference)


def test_investigation_needs_acknowledgement_first(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=NOW).reference
    with pytest.raises(InvalidTransition):
        start_investigation(session, principal=officer, reference=reference)


def test_compliance_reads_contents_and_the_read_is_audited(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=NOW).reference
    add_handler_message(
        session, principal=officer, reference=reference, body="Takk, vi ser på det."
    )
    detail = get_case(session, principal=officer, reference=reference)
    assert detail.description == REPORT.description
    assert [m.body for m in detail.messages] == ["Takk, vi ser på det."]
    reads = session.scalars(select(AuditEvent).where(AuditEvent.action == "case.read")).all()
    assert [(e.actor, e.object_id) for e in reads] == [("slack:U-OFFICER", reference)]
    assert REPORT.description not in str([e.details for e in session.scalars(select(AuditEvent))])


@pytest.mark.parametrize("who", ["admin", "employee"])
def test_only_compliance_reads_or_lists_cases(
    session: Session, request: pytest.FixtureRequest, employee: Principal, who: str
) -> None:
    principal: Principal = request.getfixturevalue(who)
    reference = submit_report(session, principal=employee, data=REPORT, now=NOW).reference
    with pytest.raises(AccessDenied):
        get_case(session, principal=principal, reference=reference)
    with pytest.raises(AccessDenied):
        list_cases(session, principal=principal)
    with pytest.raises(AccessDenied):
        close_case(session, principal=principal, reference=reference, outcome=CaseOutcome.WITHDRAWN)
    denials = session.scalars(select(AuditEvent).where(AuditEvent.action == "access.denied")).all()
    assert [e.details["attempted"] for e in denials] == ["case.read", "case.list", "case.closed"]
    assert {e.actor for e in denials} == {principal.actor}


def test_unknown_reference_is_not_found(session: Session, officer: Principal) -> None:
    with pytest.raises(CaseNotFound):
        get_case(session, principal=officer, reference="AK-2026-9999")
