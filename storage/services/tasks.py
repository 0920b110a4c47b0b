"""Follow-up tasks with suppliers: audits, questionnaires, meetings, corrective-action plans.

A task is open, then in progress, then done (with a completion note saying what came of it)
or cancelled; done and cancelled are final. `active_due` is the one query for what is due:
`due_tasks`, `overdue_tasks` and `storage.services.deadlines` all use it.

Usage::

    task = create_task(session, principal=officer, data=TaskCreate(
        supplier_id=7, kind=TaskKind.AUDIT, title="Social audit", due_date=date(2026, 3, 1)))
    complete_task(session, principal=officer, task_id=task.id, note="No findings.")
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pydantic import AliasPath, ConfigDict, Field
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from storage.db import transaction
from storage.errors import InvalidTransition, TaskNotFound
from storage.models import FollowUpTask, TaskKind, TaskStatus
from storage.principal import Principal
from storage.services.changes import Change, Guard, apply_update, utc
from storage.services.confidential import MAX_LINE_CHARS, Confidential, required_text
from storage.services.suppliers import load_supplier

TASKS = Guard("follow_up_task")
ACTIVE = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)


class TaskCreate(Confidential):
    """A new follow-up task for one supplier."""

    supplier_id: int
    kind: TaskKind
    title: str = Field(min_length=1, max_length=300)
    due_date: date | None = None
    assignee: str | None = Field(None, max_length=128)
    origin: str | None = Field(None, max_length=MAX_LINE_CHARS)
    """Chat permalink or case reference the task came from."""


class TaskUpdate(Confidential):
    """Fields to change on an active task; None leaves a field as it is."""

    kind: TaskKind | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    due_date: date | None = None
    assignee: str | None = Field(None, max_length=128)


class TaskPublic(Confidential):
    """A follow-up task as shown to people."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    supplier_id: int
    supplier_name: str = Field(validation_alias=AliasPath("supplier", "name"))
    """Read from the task's supplier row."""
    kind: TaskKind
    title: str
    due_date: date | None
    assignee: str | None
    status: TaskStatus
    origin: str | None
    completion_note: str | None
    created_at: datetime
    updated_at: datetime


def create_task(
    session: Session, *, principal: Principal, data: TaskCreate, now: datetime | None = None
) -> TaskPublic:
    """Record a follow-up task; it starts open."""
    with TASKS.transaction(session, principal=principal, action="task.create") as change:
        load_supplier(session, supplier_id=data.supplier_id)
        moment = utc(now)
        task = FollowUpTask(**data.model_dump(), status=TaskStatus.OPEN, created_at=moment)
        session.add(task)
        return _saved(change, task=task, now=moment)


def update_task(
    session: Session,
    *,
    principal: Principal,
    task_id: int,
    data: TaskUpdate,
    now: datetime | None = None,
) -> TaskPublic:
    """Change an active task's kind, title, due date or assignee."""
    with TASKS.transaction(session, principal=principal, action="task.update") as change:
        task = _get_active(session, task_id=task_id)
        fields = apply_update(task, values=data.model_dump(exclude_none=True))
        return _saved(change, task=task, now=now, details={"fields": fields})


def start_task(
    session: Session, *, principal: Principal, task_id: int, now: datetime | None = None
) -> TaskPublic:
    """Mark an open task as in progress."""
    with TASKS.transaction(session, principal=principal, action="task.start") as change:
        task = _get_active(session, task_id=task_id)
        task.status = TaskStatus.IN_PROGRESS
        return _saved(change, task=task, now=now)


def complete_task(
    session: Session,
    *,
    principal: Principal,
    task_id: int,
    note: str,
    now: datetime | None = None,
) -> TaskPublic:
    """Close an active task as done, with a note saying what came of it."""
    with TASKS.transaction(session, principal=principal, action="task.complete") as change:
        note = required_text(note, missing="Completing a task needs a note saying what came of it.")
        task = _get_active(session, task_id=task_id)
        task.status = TaskStatus.DONE
        task.completion_note = note
        return _saved(change, task=task, now=now)


def cancel_task(
    session: Session,
    *,
    principal: Principal,
    task_id: int,
    reason: str | None = None,
    now: datetime | None = None,
) -> TaskPublic:
    """Cancel an active task, keeping the reason as its note."""
    with TASKS.transaction(session, principal=principal, action="task.cancel") as change:
        task = _get_active(session, task_id=task_id)
        task.status = TaskStatus.CANCELLED
        task.completion_note = reason.strip() if reason and reason.strip() else None
        return _saved(change, task=task, now=now)


def get_task(session: Session, *, principal: Principal, task_id: int) -> TaskPublic:
    """One task."""
    with TASKS.read(session, principal=principal, action="task.read", object_id=task_id):
        return to_public(_get(session, task_id=task_id))


def list_tasks(
    session: Session,
    *,
    principal: Principal,
    supplier_id: int | None = None,
    status: TaskStatus | None = None,
    due_before: date | None = None,
) -> list[TaskPublic]:
    """Tasks by due date (undated last), filtered by supplier, status or due date."""
    query = _ordered(select(FollowUpTask))
    if supplier_id is not None:
        query = query.where(FollowUpTask.supplier_id == supplier_id)
    if status is not None:
        query = query.where(FollowUpTask.status == status)
    if due_before is not None:
        query = query.where(FollowUpTask.due_date < due_before)
    return _listed(session, principal=principal, query=query)


def assigned_tasks(session: Session, *, principal: Principal) -> list[TaskPublic]:
    """The principal's own active tasks (assignee `platform:user`); anyone may list their own."""
    query = _ordered(select(FollowUpTask)).where(
        FollowUpTask.status.in_(ACTIVE), FollowUpTask.assignee == principal.actor
    )
    with transaction(session):
        return [to_public(task) for task in session.scalars(query)]


def due_tasks(
    session: Session, *, principal: Principal, within_days: int, now: datetime
) -> list[TaskPublic]:
    """Active tasks due from today up to `within_days` days ahead (today is `now`'s date)."""
    today = now.date()
    query = active_due(first=today, last=today + timedelta(days=within_days))
    return _listed(session, principal=principal, query=query)


def overdue_tasks(session: Session, *, principal: Principal, now: datetime) -> list[TaskPublic]:
    """Active tasks whose due date is before `now`'s date."""
    query = active_due(last=now.date() - timedelta(days=1))
    return _listed(session, principal=principal, query=query)


def active_due(*, last: date, first: date | None = None) -> Select[tuple[FollowUpTask]]:
    """Active tasks due from `first` (if given) to `last`, both inclusive, soonest first."""
    query = _ordered(select(FollowUpTask)).where(
        FollowUpTask.status.in_(ACTIVE), FollowUpTask.due_date <= last
    )
    return query if first is None else query.where(FollowUpTask.due_date >= first)


def is_overdue(task: TaskPublic, *, now: datetime) -> bool:
    """Whether an active task's due date is before `now`'s date."""
    return task.due_date is not None and task.due_date < now.date()


def to_public(task: FollowUpTask) -> TaskPublic:
    """The task with its supplier's name."""
    return TaskPublic.model_validate(task)


def _listed(
    session: Session, *, principal: Principal, query: Select[tuple[FollowUpTask]]
) -> list[TaskPublic]:
    """Run a task query as a compliance read."""
    with TASKS.read(session, principal=principal, action="task.list"):
        return [to_public(task) for task in session.scalars(query)]


def _ordered(query: Select) -> Select:
    """Soonest due first, undated last, then oldest first."""
    return query.order_by(FollowUpTask.due_date.is_(None), FollowUpTask.due_date, FollowUpTask.id)


def _get(session: Session, *, task_id: int) -> FollowUpTask:
    """The task row, or TaskNotFound."""
    task = session.get(FollowUpTask, task_id)
    if task is None:
        raise TaskNotFound(f"No follow-up task with id {task_id}.")
    return task


def _get_active(session: Session, *, task_id: int) -> FollowUpTask:
    """The task row if it is still open or in progress, else InvalidTransition."""
    task = _get(session, task_id=task_id)
    if task.status not in ACTIVE:
        raise InvalidTransition(f"Task {task_id} is {task.status.value} and cannot change.")
    return task


def _saved(
    change: Change,
    *,
    task: FollowUpTask,
    now: datetime | None,
    details: dict[str, Any] | None = None,
) -> TaskPublic:
    """Stamp the change time, audit it, and return the task (committed by the guard)."""
    task.updated_at = utc(now)
    change.session.flush()
    change.record(
        task.id,
        details={"supplier_id": task.supplier_id, "status": task.status.value, **(details or {})},
        now=task.updated_at,
    )
    return to_public(task)
