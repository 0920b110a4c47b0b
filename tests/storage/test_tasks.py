"""Supplier follow-up tasks on SQLite and PostgreSQL: workflow, filters, deadlines, roles."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from bot.cli import app
from storage.errors import AccessDenied, InvalidTransition, SupplierNotFound, ValidationFailed
from storage.models import AuditEvent, TaskKind, TaskStatus
from storage.principal import Principal
from storage.services.suppliers import SupplierCreate, create_supplier
from storage.services.tasks import (
    TaskCreate,
    TaskUpdate,
    cancel_task,
    complete_task,
    create_task,
    due_tasks,
    list_tasks,
    overdue_tasks,
    start_task,
    update_task,
)

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def supplier_id(session: Session, officer: Principal) -> int:
    return create_supplier(session, principal=officer, data=SupplierCreate(name="Dhaka Knit")).id


def _task(session: Session, officer: Principal, supplier_id: int, title: str, due: date | None):
    return create_task(
        session,
        principal=officer,
        data=TaskCreate(supplier_id=supplier_id, kind=TaskKind.AUDIT, title=title, due_date=due),
    )


def test_new_task_is_open_and_names_its_supplier(
    session: Session, officer: Principal, supplier_id: int
):
    task = create_task(
        session,
        principal=officer,
        data=TaskCreate(
            supplier_id=supplier_id,
            kind=TaskKind.SELF_ASSESSMENT,
            title="Send SAQ",
            origin="AK-2026-0001",
        ),
    )
    assert (task.status, task.supplier_name, task.origin) == (
        TaskStatus.OPEN,
        "Dhaka Knit",
        "AK-2026-0001",
    )


def test_task_for_unknown_supplier_is_refused(session: Session, officer: Principal):
    with pytest.raises(SupplierNotFound):
        _task(session, officer, 999, "Audit", None)


def test_completing_a_task_keeps_the_note(session: Session, officer: Principal, supplier_id: int):
    task = _task(session, officer, supplier_id, "Audit", date(2026, 4, 1))
    start_task(session, principal=officer, task_id=task.id)
    done = complete_task(
        session, principal=officer, task_id=task.id, note="Two findings, CAP sent."
    )
    assert (done.status, done.completion_note) == (TaskStatus.DONE, "Two findings, CAP sent.")


def test_completing_without_a_note_is_refused(
    session: Session, officer: Principal, supplier_id: int
):
    task = _task(session, officer, supplier_id, "Audit", None)
    with pytest.raises(ValidationFailed):
        complete_task(session, principal=officer, task_id=task.id, note="  ")


def test_done_or_cancelled_task_cannot_change_again(
    session: Session, officer: Principal, supplier_id: int
):
    task = _task(session, officer, supplier_id, "Audit", None)
    cancel_task(session, principal=officer, task_id=task.id, reason="Supplier dropped")
    with pytest.raises(InvalidTransition):
        complete_task(session, principal=officer, task_id=task.id, note="late")
    with pytest.raises(InvalidTransition):
        update_task(session, principal=officer, task_id=task.id, data=TaskUpdate(title="New"))


def test_update_moves_the_due_date(session: Session, officer: Principal, supplier_id: int):
    task = _task(session, officer, supplier_id, "Audit", date(2026, 3, 1))
    moved = update_task(
        session, principal=officer, task_id=task.id, data=TaskUpdate(due_date=date(2026, 5, 1))
    )
    assert moved.due_date == date(2026, 5, 1)
    assert moved.title == "Audit"


def test_list_filters_by_supplier_and_status(
    session: Session, officer: Principal, supplier_id: int
):
    other = create_supplier(session, principal=officer, data=SupplierCreate(name="Other")).id
    first = _task(session, officer, supplier_id, "Mine", None)
    _task(session, officer, other, "Theirs", None)
    start_task(session, principal=officer, task_id=first.id)
    assert [t.title for t in list_tasks(session, principal=officer, supplier_id=supplier_id)] == [
        "Mine"
    ]
    in_progress = list_tasks(session, principal=officer, status=TaskStatus.IN_PROGRESS)
    assert [t.title for t in in_progress] == ["Mine"]


def test_list_puts_soonest_due_first_and_undated_last(
    session: Session, officer: Principal, supplier_id: int
):
    _task(session, officer, supplier_id, "Undated", None)
    _task(session, officer, supplier_id, "Later", date(2026, 6, 1))
    _task(session, officer, supplier_id, "Sooner", date(2026, 4, 1))
    titles = [t.title for t in list_tasks(session, principal=officer)]
    assert titles == ["Sooner", "Later", "Undated"]


def test_due_and_overdue_tasks_for_reminders(
    session: Session, officer: Principal, supplier_id: int
):
    _task(session, officer, supplier_id, "Overdue", date(2026, 3, 9))
    _task(session, officer, supplier_id, "Today", date(2026, 3, 10))
    _task(session, officer, supplier_id, "In a week", date(2026, 3, 17))
    _task(session, officer, supplier_id, "Next month", date(2026, 4, 10))
    done = _task(session, officer, supplier_id, "Done overdue", date(2026, 3, 1))
    complete_task(session, principal=officer, task_id=done.id, note="ok")
    due = due_tasks(session, principal=officer, within_days=7, now=NOW)
    assert [t.title for t in due] == ["Today", "In a week"]
    assert [t.title for t in overdue_tasks(session, principal=officer, now=NOW)] == ["Overdue"]


def test_task_changes_are_audited(session: Session, officer: Principal, supplier_id: int):
    task = _task(session, officer, supplier_id, "Audit", None)
    complete_task(session, principal=officer, task_id=task.id, note="ok")
    actions = session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "follow_up_task")
    ).all()
    assert actions == ["task.create", "task.complete"]


def test_admin_cannot_read_or_write_tasks(
    session: Session, officer: Principal, admin: Principal, supplier_id: int
):
    with pytest.raises(AccessDenied):
        list_tasks(session, principal=admin)
    with pytest.raises(AccessDenied):
        _task(session, admin, supplier_id, "Audit", None)


def test_cli_lists_tasks_by_status_as_json(
    db_url: str,
    data_dir: Path,
    session: Session,
    officer: Principal,
    supplier_id: int,
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_DATABASE_URL", db_url)
    open_task = _task(session, officer, supplier_id, "Social audit", date(2026, 4, 1))
    done = _task(session, officer, supplier_id, "SAQ", None)
    complete_task(session, principal=officer, task_id=done.id, note="Received")
    result = CliRunner().invoke(app, ["tasks", "list", "--status", "open", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(row["id"], row["title"], row["supplier_name"]) for row in rows] == [
        (open_task.id, "Social audit", "Dhaka Knit")
    ]
