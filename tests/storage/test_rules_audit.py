"""What the audit trail says about a case, as an auditor reads it: each step is recorded with
its case, what changed and when; a refused change names the action and the case it tried;
a reporter's reply through the receipt code is recorded without identity and to the hour;
a key rotation and a purge say what they did and when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import AccessDenied
from storage.models import AuditEvent, CaseCategory, CaseOutcome, Channel
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.cases import (
    acknowledge_case,
    add_handler_message,
    assign_handler,
    close_case,
    get_case,
    reply_by_receipt,
    start_investigation,
    submit_report,
    view_by_receipt,
)
from storage.services.keys import rotate_keys
from storage.services.retention import purge_closed_cases

NOW = datetime(2026, 5, 4, 9, 41, 17, tzinfo=UTC)
REPORT = CaseCreate(
    category=CaseCategory.WAGES_AND_BENEFITS,
    description="Overtime is not paid at the sewing line.",
    channel=Channel.TEAMS,
)


def _events(session: Session, *, action: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.seq)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    return list(session.scalars(query))


def test_each_step_of_a_case_is_audited_with_what_changed_and_when(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=NOW).reference
    at = [NOW + timedelta(days=day, minutes=day) for day in range(1, 6)]
    acknowledge_case(session, principal=officer, reference=reference, now=at[0])
    start_investigation(session, principal=officer, reference=reference, now=at[1])
    assign_handler(
        session, principal=officer, reference=reference, handler_id="U-HANDLER", now=at[2]
    )
    add_handler_message(session, principal=officer, reference=reference, body="Svar.", now=at[3])
    close_case(
        session,
        principal=officer,
        reference=reference,
        outcome=CaseOutcome.SUBSTANTIATED,
        now=at[4],
    )
    read_at = at[4] + timedelta(minutes=3)
    get_case(session, principal=officer, reference=reference, now=read_at)

    steps = [
        (event.actor, event.action, event.object_id, event.details or None, event.at)
        for event in _events(session)
        if event.action != "case.submitted"
    ]
    actor = officer.actor
    assert steps == [
        (
            actor,
            "case.status_changed",
            reference,
            {"from": "received", "to": "acknowledged"},
            at[0],
        ),
        (
            actor,
            "case.status_changed",
            reference,
            {"from": "acknowledged", "to": "investigating"},
            at[1],
        ),
        (actor, "case.assigned", reference, {"handler": "U-HANDLER"}, at[2]),
        (actor, "case.message_added", reference, {"author": "handler"}, at[3]),
        (
            actor,
            "case.status_changed",
            reference,
            {"from": "investigating", "to": "closed", "outcome": "substantiated"},
            at[4],
        ),
        (actor, "case.read", reference, None, read_at),
    ]


def test_a_refused_change_is_audited_with_the_action_and_case_it_tried(
    session: Session, employee: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=NOW).reference
    attempts = [
        lambda: assign_handler(
            session, principal=employee, reference=reference, handler_id=employee.user_id
        ),
        lambda: add_handler_message(session, principal=employee, reference=reference, body="Hei"),
        lambda: acknowledge_case(session, principal=employee, reference=reference),
        lambda: purge_closed_cases(session, principal=employee, retention_days=365),
        lambda: rotate_keys(session, principal=employee),
    ]
    for attempt in attempts:
        with pytest.raises(AccessDenied):
            attempt()

    denials = [
        (event.actor, event.details, event.object_id)
        for event in _events(session, action="access.denied")
    ]
    compliance, compliance_or_admin = ["compliance"], ["admin", "compliance"]
    assert denials == [
        (employee.actor, {"attempted": "case.assign", "needs": compliance}, reference),
        (employee.actor, {"attempted": "case.message", "needs": compliance}, reference),
        (employee.actor, {"attempted": "case.acknowledged", "needs": compliance}, reference),
        (employee.actor, {"attempted": "case.purge", "needs": compliance_or_admin}, None),
        (employee.actor, {"attempted": "keys.rotate", "needs": compliance_or_admin}, None),
    ]


def test_what_a_reporter_does_by_receipt_is_audited_without_identity_to_the_hour(
    session: Session, employee: Principal
) -> None:
    submitted = submit_report(session, principal=employee, data=REPORT, now=NOW)
    code = submitted.receipt_code
    view_by_receipt(session, code=code, source="slack:U1", now=NOW)
    reply_by_receipt(session, code=code, source="slack:U1", body="Mer info.", now=NOW)

    hour = NOW.replace(minute=0, second=0)
    steps = [
        (event.actor, event.action, event.object_type, event.object_id, event.details, event.at)
        for event in _events(session)
        if event.object_type == "case" and event.action != "case.submitted"
    ]
    assert steps == [
        ("receipt:holder", "case.read_by_receipt", "case", submitted.reference, {}, hour),
        (
            "receipt:holder",
            "case.message_added",
            "case",
            submitted.reference,
            {"author": "reporter"},
            hour,
        ),
    ]


def test_a_key_rotation_is_audited_with_what_it_re_encrypted(
    session: Session, employee: Principal, officer: Principal
) -> None:
    submit_report(session, principal=employee, data=REPORT, now=NOW)
    counts = rotate_keys(session, principal=officer)

    (event,) = _events(session, action="keys.rotated")
    assert (event.actor, event.object_type, event.details) == (officer.actor, "keyring", counts)
    assert counts and all(isinstance(count, int) for count in counts.values())


def test_a_purge_is_audited_at_the_moment_it_ran(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=NOW).reference
    close_case(
        session, principal=officer, reference=reference, outcome=CaseOutcome.REFERRED, now=NOW
    )
    purge_at = NOW + timedelta(days=400, minutes=7)
    purge_closed_cases(session, principal=officer, retention_days=365, now=purge_at)

    (event,) = _events(session, action="case.purged")
    assert (event.actor, event.object_id, event.details, event.at) == (
        officer.actor,
        reference,
        {"outcome": "referred"},
        purge_at,
    )
