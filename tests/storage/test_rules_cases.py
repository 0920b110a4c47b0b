"""Rules of the case list and case messages that the team relies on: each filter of the case
list keeps only what it names, newest first; the first handler reply per case is measured
from handler messages only; a message holds 1 to 20,000 characters; a handler's message
keeps who wrote it and a reporter's reply keeps nobody."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import AccessDenied, InvalidTransition
from storage.models import AuditEvent, CaseCategory, CaseMessage, CaseOutcome, CaseStatus, Channel
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.cases import (
    acknowledge_case,
    add_handler_message,
    close_case,
    first_handler_messages,
    get_case,
    list_cases,
    reply_by_receipt,
    submit_report,
)
from storage.services.confidential import MAX_TEXT_CHARS
from storage.services.suppliers import SupplierCreate, create_supplier

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REPORT = CaseCreate(
    category=CaseCategory.FORCED_LABOUR,
    description="Passports are withheld at the dyeing mill.",
    channel=Channel.SLACK,
)


def _submit(session: Session, employee: Principal, at: datetime, **fields: object) -> str:
    data = REPORT.model_copy(update=fields)
    return submit_report(session, principal=employee, data=data, now=at).reference


def _references(session: Session, officer: Principal, **filters: object) -> list[str]:
    return [case.reference for case in list_cases(session, principal=officer, **filters)]


def test_a_status_filter_lists_only_cases_in_that_status(
    session: Session, employee: Principal, officer: Principal
) -> None:
    waiting = _submit(session, employee, NOW)
    acknowledged = _submit(session, employee, NOW + timedelta(hours=1))
    closed = _submit(session, employee, NOW + timedelta(hours=2))
    acknowledge_case(session, principal=officer, reference=acknowledged)
    close_case(session, principal=officer, reference=closed, outcome=CaseOutcome.WITHDRAWN)

    assert _references(session, officer, status=CaseStatus.ACKNOWLEDGED) == [acknowledged]
    assert _references(session, officer, status=CaseStatus.RECEIVED) == [waiting]


def test_cases_are_listed_newest_first_and_a_since_filter_keeps_that_moment(
    session: Session, employee: Principal, officer: Principal
) -> None:
    # references follow submission order, received times do not: the list follows the time
    late = _submit(session, employee, NOW + timedelta(hours=1))
    old = _submit(session, employee, NOW - timedelta(days=1))
    exact = _submit(session, employee, NOW)

    assert _references(session, officer) == [late, exact, old]
    assert _references(session, officer, received_since=NOW) == [late, exact]


def test_cases_received_at_the_same_moment_are_listed_latest_reference_first(
    session: Session, employee: Principal, officer: Principal
) -> None:
    first = _submit(session, employee, NOW)
    second = _submit(session, employee, NOW)
    third = _submit(session, employee, NOW)

    assert _references(session, officer) == [third, second, first]


def test_a_supplier_filter_lists_only_that_suppliers_cases(
    session: Session, employee: Principal, officer: Principal
) -> None:
    exso = create_supplier(session, principal=officer, data=SupplierCreate(name="Exso AS"))
    nordvev = create_supplier(session, principal=officer, data=SupplierCreate(name="Nordvev AS"))
    linked = _submit(session, employee, NOW, supplier_id=exso.id)
    other = _submit(session, employee, NOW + timedelta(hours=1), supplier_id=nordvev.id)
    unlinked = _submit(session, employee, NOW + timedelta(hours=2))

    assert _references(session, officer, supplier_id=exso.id) == [linked]
    assert _references(session, officer) == [unlinked, other, linked]


def test_the_first_handler_reply_is_the_earliest_handler_message_of_each_case(
    session: Session, employee: Principal, officer: Principal
) -> None:
    answered = submit_report(session, principal=employee, data=REPORT, now=NOW)
    answered_later = _submit(session, employee, NOW)
    only_reporter = submit_report(session, principal=employee, data=REPORT, now=NOW)
    _submit(session, employee, NOW)  # no messages at all
    for number, submitted in enumerate((answered, only_reporter)):
        reply_by_receipt(
            session, code=submitted.receipt_code, source=f"slack:U{number}", body="Hei", now=NOW
        )
    first_reply = NOW + timedelta(days=3)
    for reference, at in (
        (answered.reference, first_reply + timedelta(days=1)),
        (answered.reference, first_reply),
        (answered_later, first_reply + timedelta(days=9)),
    ):
        add_handler_message(session, principal=officer, reference=reference, body="Svar.", now=at)

    replies = first_handler_messages(session, principal=officer)

    assert replies == {
        answered.reference: first_reply,
        answered_later: first_reply + timedelta(days=9),
    }
    newest = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
    assert (newest.actor, newest.action) == (officer.actor, "case.list")


def test_only_compliance_sees_when_cases_were_answered(
    session: Session, employee: Principal, admin: Principal
) -> None:
    for principal in (employee, admin):
        with pytest.raises(AccessDenied):
            first_handler_messages(session, principal=principal)


@pytest.mark.parametrize("body", ["", "   \n "])
def test_an_empty_message_is_refused(
    session: Session, employee: Principal, officer: Principal, body: str
) -> None:
    reference = _submit(session, employee, NOW)
    with pytest.raises(InvalidTransition):
        add_handler_message(session, principal=officer, reference=reference, body=body)


def test_a_message_of_exactly_the_longest_length_is_kept(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = _submit(session, employee, NOW)
    add_handler_message(session, principal=officer, reference=reference, body="x" * MAX_TEXT_CHARS)
    with pytest.raises(InvalidTransition):
        add_handler_message(
            session, principal=officer, reference=reference, body="x" * (MAX_TEXT_CHARS + 1)
        )
    assert len(session.scalars(select(CaseMessage)).all()) == 1


def test_acknowledging_shows_when_it_happened_and_moves_the_feedback_deadline(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = _submit(session, employee, NOW)
    at = NOW + timedelta(days=2, hours=3)
    acknowledged = acknowledge_case(session, principal=officer, reference=reference, now=at)

    assert (acknowledged.acknowledged_at, acknowledged.feedback_due) == (
        at,
        at.replace(month=at.month + 3),
    )
    assert list_cases(session, principal=officer)[0].acknowledged_at == at


def test_a_named_reporter_with_a_colon_in_the_user_id_is_shown_whole(
    session: Session, officer: Principal
) -> None:
    # Teams user ids look like 29:1AbC...; only the platform prefix is cut off
    reporter = Principal("teams", "29:1AbC-xyz:9")
    reference = _submit(session, reporter, NOW, anonymous=False)

    assert get_case(session, principal=officer, reference=reference).reporter_id == "29:1AbC-xyz:9"


def test_a_handler_message_keeps_its_writer_and_a_reporter_reply_nobody(
    session: Session, employee: Principal, officer: Principal
) -> None:
    submitted = submit_report(session, principal=employee, data=REPORT, now=NOW)
    add_handler_message(session, principal=officer, reference=submitted.reference, body="Svar.")
    reply_by_receipt(session, code=submitted.receipt_code, source="slack:U1", body="Takk.")

    rows = session.execute(select(CaseMessage.author, CaseMessage.author_id)).all()
    assert sorted(rows) == [("handler", officer.user_id), ("reporter", None)]
