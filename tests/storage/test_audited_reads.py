"""Every read a person makes of the register is audited, a lookup that finds nothing too, in
the same guarded read; the bots' own schedule is not a person (issue 14, finding 7)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import NotFound
from storage.models import AuditEvent, DeviationType, TaskKind
from storage.principal import Principal, Role
from storage.services.cases import get_case, list_cases
from storage.services.deviations import (
    DeviationCreate,
    create_deviation,
    get_deviation,
    list_deviations,
)
from storage.services.info_requests import (
    InformationRequestCreate,
    get_request,
    list_requests,
    submit_request,
)
from storage.services.suppliers import SupplierCreate, create_supplier, get_supplier, list_suppliers
from storage.services.tasks import TaskCreate, create_task, get_task, list_tasks

SYSTEM = Principal("system", "reminders", frozenset({Role.COMPLIANCE}))


def _reads(session: Session, officer: Principal) -> list[tuple[str, str | None]]:
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.actor == officer.actor).order_by(AuditEvent.seq)
    )
    return [(event.action, event.object_id) for event in events if "." in event.action]


def test_each_read_is_audited_with_what_was_read(session: Session, officer: Principal) -> None:
    supplier = create_supplier(session, principal=officer, data=SupplierCreate(name="Nordvev AS"))
    task = create_task(
        session,
        principal=officer,
        data=TaskCreate(supplier_id=supplier.id, kind=TaskKind.AUDIT, title="Revisjon"),
    )
    deviation = create_deviation(
        session,
        principal=officer,
        data=DeviationCreate(
            supplier_id=supplier.id, type=DeviationType.WAGES, description="Under minstelønn."
        ),
    )
    request = submit_request(
        session,
        data=InformationRequestCreate(
            requester_name="Kari",
            requester_contact="kari@example.no",
            question="Hvilke?",
            received_at=datetime(2026, 3, 2, tzinfo=UTC),
        ),
    )
    before = len(_reads(session, officer))

    list_cases(session, principal=officer)
    list_suppliers(session, principal=officer)
    get_supplier(session, principal=officer, supplier_id=supplier.id)
    list_tasks(session, principal=officer)
    get_task(session, principal=officer, task_id=task.id)
    list_deviations(session, principal=officer)
    get_deviation(session, principal=officer, deviation_id=deviation.id)
    list_requests(session, principal=officer)
    get_request(session, principal=officer, request_id=request.id)

    assert _reads(session, officer)[before:] == [
        ("case.list", None),
        ("supplier.list", None),
        ("supplier.read", str(supplier.id)),
        ("task.list", None),
        ("task.read", str(task.id)),
        ("deviation.list", None),
        ("deviation.read", str(deviation.id)),
        ("request.list", None),
        ("request.read", str(request.id)),
    ]


def test_a_lookup_that_finds_nothing_is_audited(session: Session, officer: Principal) -> None:
    with pytest.raises(NotFound):
        get_case(session, principal=officer, reference="AK-2026-0999")
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "case.read")).one()
    assert (event.actor, event.object_id, event.details) == (
        officer.actor,
        "AK-2026-0999",
        {"found": False},
    )


def test_the_bots_schedule_reads_without_filling_the_trail(session: Session) -> None:
    list_cases(session, principal=SYSTEM)
    list_requests(session, principal=SYSTEM)
    assert session.scalars(select(AuditEvent)).all() == []
