"""One deadline list for reminders: cases, follow-up tasks and information requests together."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from bot.cli import app
from storage.crypto import Keyring
from storage.errors import AccessDenied
from storage.models import AuditEvent, CaseCategory, Channel, TaskKind
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.cases import submit_report
from storage.services.deadlines import DueItem, due_items
from storage.services.info_requests import (
    InformationRequestCreate,
    answer_request,
    extend_request,
    register_request,
)
from storage.services.suppliers import SupplierCreate, create_supplier
from storage.services.tasks import TaskCreate, complete_task, create_task

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


@pytest.fixture
def register(session: Session, officer: Principal, employee: Principal) -> dict[str, str]:
    """A case, five tasks and three requests; returns the references that can fall due."""
    report = CaseCreate(
        category=CaseCategory.CHILD_LABOUR, description="Barn på fabrikken.", channel=Channel.SLACK
    )
    case = submit_report(session, principal=employee, data=report, now=NOW - timedelta(days=9))
    supplier = create_supplier(session, principal=officer, data=SupplierCreate(name="Dhaka Knit"))

    def task(title: str, due: date | None) -> str:
        data = TaskCreate(supplier_id=supplier.id, kind=TaskKind.AUDIT, title=title, due_date=due)
        return str(create_task(session, principal=officer, data=data).id)

    def request(received: datetime) -> str:
        data = InformationRequestCreate(
            requester_name="Kari",
            requester_contact="kari@example.no",
            question="Hvor syes uniformene?",
            received_at=received,
        )
        return str(register_request(session, principal=officer, data=data).id)

    late_task, soon_task = task("Late", date(2026, 3, 9)), task("Soon", date(2026, 3, 12))
    task("Undated", None)
    task("Next month", date(2026, 4, 30))
    done = task("Done", date(2026, 3, 1))
    complete_task(session, principal=officer, task_id=int(done), note="Ok")
    soon_request = request(datetime(2026, 2, 20, 9, 0, tzinfo=UTC))
    extended = request(datetime(2026, 2, 1, 9, 0, tzinfo=UTC))
    extend_request(
        session,
        principal=officer,
        request_id=int(extended),
        new_due_at=datetime(2026, 3, 25, 9, 0, tzinfo=UTC),
        reason="Mange underleverandører må spørres.",
        notified_at=datetime(2026, 2, 10, tzinfo=UTC),
    )
    answered = request(datetime(2026, 2, 25, 9, 0, tzinfo=UTC))
    answer_request(session, principal=officer, request_id=int(answered), answer="Bangladesh.")
    return {
        "case": case.reference,
        "late_task": late_task,
        "soon_task": soon_task,
        "soon_request": soon_request,
        "extended_request": extended,
    }


def test_due_items_merge_every_kind_in_due_order(
    session: Session, officer: Principal, register: dict[str, str]
) -> None:
    items = due_items(session, principal=officer, now=NOW, within=WEEK)
    assert [(i.kind, i.reference, i.due_at, i.overdue) for i in items] == [
        ("case_acknowledgement", register["case"], datetime(2026, 3, 8, 9, 0, tzinfo=UTC), True),
        ("follow_up_task", register["late_task"], datetime(2026, 3, 9, tzinfo=UTC), True),
        ("follow_up_task", register["soon_task"], datetime(2026, 3, 12, tzinfo=UTC), False),
        (
            "information_request",
            register["soon_request"],
            datetime(2026, 3, 13, 9, 0, tzinfo=UTC),
            False,
        ),
    ]


def test_extended_request_is_due_at_its_extended_date(
    session: Session, officer: Principal, register: dict[str, str]
) -> None:
    items = due_items(session, principal=officer, now=NOW, within=timedelta(days=20))
    requests = [(i.reference, i.due_at) for i in items if i.kind == "information_request"]
    assert requests[-1] == (register["extended_request"], datetime(2026, 3, 25, 9, 0, tzinfo=UTC))


def test_task_is_overdue_only_after_its_due_day(
    session: Session, officer: Principal, register: dict[str, str]
) -> None:
    on_the_day = due_items(session, principal=officer, now=datetime(2026, 3, 12, 23, tzinfo=UTC))
    assert ("follow_up_task", register["soon_task"], False) in _flags(on_the_day)
    next_day = due_items(session, principal=officer, now=datetime(2026, 3, 13, 1, tzinfo=UTC))
    assert ("follow_up_task", register["soon_task"], True) in _flags(next_day)


def test_only_compliance_sees_deadlines_and_each_look_is_audited(
    session: Session, officer: Principal, admin: Principal, register: dict[str, str]
) -> None:
    with pytest.raises(AccessDenied):
        due_items(session, principal=admin, now=NOW)
    due_items(session, principal=officer, now=NOW)
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.object_type == "deadline").order_by(AuditEvent.seq)
    ).all()
    assert [(e.actor, e.action) for e in events] == [
        ("slack:U-ADMIN", "access.denied"),
        ("slack:U-OFFICER", "deadlines.list"),
    ]


def test_cli_lists_deadlines_as_json(
    db_url: str,
    data_dir: Path,
    register: dict[str, str],
    keyring: Keyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_DATABASE_URL", db_url)
    monkeypatch.setenv("AKTSOM_SECRET_KEY", keyring.keys[0].decode())
    result = CliRunner().invoke(app, ["deadlines", "--within", "3650", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["kind"] for row in rows].count("follow_up_task") == 3
    assert rows[0] == {
        "kind": "case_acknowledgement",
        "reference": register["case"],
        "due_at": "2026-03-08T09:00:00+00:00",
        "overdue": True,
    }


def _flags(items: list[DueItem]) -> list[tuple[str, str, bool]]:
    """Kind, reference and overdue flag of each item."""
    return [(item.kind, item.reference, item.overdue) for item in items]
