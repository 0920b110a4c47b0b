"""Follow-up tasks with suppliers: audits, questionnaires, meetings, corrective-action plans.

A task is open, then in progress, then done (with a completion note saying what came of it)
or cancelled; done and cancelled are final. `due_tasks` and `overdue_tasks` feed reminders.

Usage::

    task = create_task(session, principal=officer, data=TaskCreate(
        supplier_id=7, kind=TaskKind.AUDIT, title="Social audit", due_date=date(2026, 3, 1)))
    complete_task(session, principal=officer, task_id=task.id, note="No findings.")
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from storage.errors import InvalidTransition, SupplierNotFound, TaskNotFound, ValidationFailed
from storage.models import FollowUpTask, Supplier, TaskKind, TaskStatus
from storage.principal import Principal, Role
from storage.services import audit
from storage.services.access import require

OBJECT_TYPE = "follow_up_task"
ACTIVE = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)


class TaskCreate(BaseModel):
    """A new follow-up task for one supplier."""

    supplier_id: int
    kind: TaskKind
    title: str = Field(min_length=1, max_length=300)
    due_date: date | None = None
    assignee: str | None = Field(None, max_length=128)
    origin: str | None = None
    """Chat permalink or case reference the task came from."""


class TaskUpdate(BaseModel):
    """Fields to change on an active task; None leaves a field as it is."""

    kind: TaskKind | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    due_date: date | None = None
    assignee: str | None = Field(None, max_length=128)


class TaskPublic(BaseModel):
    """A follow-up task as shown to people."""

    id: int
    supplier_id: int
    supplier_name: str
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
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="task.create",
        object_type=OBJECT_TYPE,
    )
    if session.get(Supplier, data.supplier_id) is None:
        raise SupplierNotFound(f"No supplier with id {data.supplier_id}.")
    moment = now or datetime.now(UTC)
    task = FollowUpTask(
        **data.model_dump(), status=TaskStatus.OPEN, created_at=moment, updated_at=moment
    )
    session.add(task)
    session.flush()
    return _commit(session, principal=principal, task=task, action="task.create", details={})


def update_task(
    session: Session,
    *,
    principal: Principal,
    task_id: int,
    data: TaskUpdate,
    now: datetime | None = None,
) -> TaskPublic:
    """Change an active task's kind, title, due date or assignee."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="task.update",
        object_type=OBJECT_TYPE,
    )
    task = _get_active(session, task_id=task_id)
    changed = data.model_dump(exclude_none=True)
    for name, value in changed.items():
        setattr(task, name, value)
    task.updated_at = now or datetime.now(UTC)
    details = {"fields": sorted(changed)}
    return _commit(session, principal=principal, task=task, action="task.update", details=details)


def start_task(
    session: Session, *, principal: Principal, task_id: int, now: datetime | None = None
) -> TaskPublic:
    """Mark an open task as in progress."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="task.start",
        object_type=OBJECT_TYPE,
    )
    task = _get_active(session, task_id=task_id)
    task.status = TaskStatus.IN_PROGRESS
    task.updated_at = now or datetime.now(UTC)
    return _commit(session, principal=principal, task=task, action="task.start", details={})


def complete_task(
    session: Session,
    *,
    principal: Principal,
    task_id: int,
    note: str,
    now: datetime | None = None,
) -> TaskPublic:
    """Close an active task as done, with a note saying what came of it."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="task.complete",
        object_type=OBJECT_TYPE,
    )
    if not note.strip():
        raise ValidationFailed("Completing a task needs a note saying what came of it.")
    task = _get_active(session, task_id=task_id)
    task.status = TaskStatus.DONE
    task.completion_note = note.strip()
    task.updated_at = now or datetime.now(UTC)
    return _commit(session, principal=principal, task=task, action="task.complete", details={})


def cancel_task(
    session: Session,
    *,
    principal: Principal,
    task_id: int,
    reason: str | None = None,
    now: datetime | None = None,
) -> TaskPublic:
    """Cancel an active task, keeping the reason as its note."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="task.cancel",
        object_type=OBJECT_TYPE,
    )
    task = _get_active(session, task_id=task_id)
    task.status = TaskStatus.CANCELLED
    task.completion_note = reason.strip() if reason and reason.strip() else None
    task.updated_at = now or datetime.now(UTC)
    return _commit(session, principal=principal, task=task, action="task.cancel", details={})


def get_task(session: Session, *, principal: Principal, task_id: int) -> TaskPublic:
    """One task."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="task.read",
        object_type=OBJECT_TYPE,
    )
    found = to_public(_get(session, task_id=task_id))
    session.commit()
    return found


def list_tasks(
    session: Session,
    *,
    principal: Principal,
    supplier_id: int | None = None,
    status: TaskStatus | None = None,
    due_before: date | None = None,
) -> list[TaskPublic]:
    """Tasks by due date (undated last), filtered by supplier, status or due date."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="task.list",
        object_type=OBJECT_TYPE,
    )
    query = _ordered(select(FollowUpTask))
    if supplier_id is not None:
        query = query.where(FollowUpTask.supplier_id == supplier_id)
    if status is not None:
        query = query.where(FollowUpTask.status == status)
    if due_before is not None:
        query = query.where(FollowUpTask.due_date < due_before)
    found = [to_public(task) for task in session.scalars(query)]
    session.commit()
    return found


def due_tasks(
    session: Session, *, principal: Principal, within_days: int, now: datetime
) -> list[TaskPublic]:
    """Active tasks due from today up to `within_days` days ahead (today is `now`'s date)."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="task.list",
        object_type=OBJECT_TYPE,
    )
    today = now.date()
    query = _ordered(select(FollowUpTask)).where(
        FollowUpTask.status.in_(ACTIVE),
        FollowUpTask.due_date >= today,
        FollowUpTask.due_date <= today + timedelta(days=within_days),
    )
    found = [to_public(task) for task in session.scalars(query)]
    session.commit()
    return found


def overdue_tasks(session: Session, *, principal: Principal, now: datetime) -> list[TaskPublic]:
    """Active tasks whose due date is before `now`'s date."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="task.list",
        object_type=OBJECT_TYPE,
    )
    query = _ordered(select(FollowUpTask)).where(
        FollowUpTask.status.in_(ACTIVE), FollowUpTask.due_date < now.date()
    )
    found = [to_public(task) for task in session.scalars(query)]
    session.commit()
    return found


def to_public(task: FollowUpTask) -> TaskPublic:
    """The task with its supplier's name."""
    return TaskPublic(
        id=task.id,
        supplier_id=task.supplier_id,
        supplier_name=task.supplier.name,
        kind=task.kind,
        title=task.title,
        due_date=task.due_date,
        assignee=task.assignee,
        status=task.status,
        origin=task.origin,
        completion_note=task.completion_note,
        created_at=task.created_at,
        updated_at=task.updated_at,
    )


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


def _commit(
    session: Session, *, principal: Principal, task: FollowUpTask, action: str, details: dict
) -> TaskPublic:
    """Audit the change, commit, and return the task."""
    audit.record(
        session,
        principal=principal,
        action=action,
        object_type=OBJECT_TYPE,
        object_id=task.id,
        details={"supplier_id": task.supplier_id, "status": task.status.value, **details},
        now=task.updated_at,
    )
    public = to_public(task)
    session.commit()
    return public
