"""Follow-up tasks: create one for a supplier, list mine and the overdue ones, the team's
board, and moving a task on (start, done with what came of it, cancel).

The supplier is named in free text and matched to the register; a name the register does
not know is added as a new supplier (the confirmation says so), because a chat surface has
no other way to register one and a task must belong to a supplier. Assignees are stored as
`platform:user` so reminders know where to reach them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import ValidationError

from bot.core import messages
from bot.core.context import Core
from bot.core.errors import FormInvalid
from bot.core.people import Lang, Person
from storage.models import TaskKind, TaskStatus
from storage.services import suppliers
from storage.services import tasks as task_store
from storage.services.tasks import TaskCreate, TaskPublic

MAX_TITLE_CHARS = 300


@dataclass(frozen=True, slots=True)
class TaskForm:
    """The task form as filled in; `assignee` is a user id on the person's platform."""

    supplier: str
    title: str
    kind: str | None = None
    due: date | None = None
    assignee: str | None = None
    origin: str | None = None
    """Permalink of the chat message the task was made from, or a case reference."""


@dataclass(frozen=True, slots=True)
class TaskCreated:
    """The new task, and whether its supplier was added to the register for it."""

    task: TaskPublic
    supplier_added: bool

    def describe(self, lang: Lang) -> list[str]:
        """The confirmation: the new task, and the supplier added for it if one was."""
        task = self.task
        lines = [
            messages.text(
                lang,
                "task.created",
                id=task.id,
                supplier=task.supplier_name,
                title=task.title,
                due=_due(lang, task),
            )
        ]
        if self.supplier_added:
            lines.append(messages.text(lang, "task.supplier_added", supplier=task.supplier_name))
        return lines


@dataclass(frozen=True, slots=True)
class TaskList:
    """My active tasks, and (for compliance members) every overdue one."""

    mine: tuple[TaskPublic, ...]
    overdue: tuple[TaskPublic, ...]


def create(core: Core, *, person: Person, form: TaskForm) -> TaskCreated:
    """Record a follow-up task; the register requires the compliance role and audits it."""
    lang = person.language
    errors = {}
    if not form.supplier.strip():
        errors["supplier"] = messages.text(lang, "error.supplier_required")
    if not form.title.strip():
        errors["title"] = messages.text(lang, "error.title_required")
    elif len(form.title.strip()) > MAX_TITLE_CHARS:
        errors["title"] = messages.text(lang, "error.too_long", limit=MAX_TITLE_CHARS)
    if errors:
        raise FormInvalid(errors)
    kind = TaskKind(form.kind) if form.kind in set(TaskKind) else TaskKind.OTHER
    assignee = f"{person.platform}:{form.assignee}" if form.assignee else person.principal.actor
    with core.session() as session:
        match = suppliers.match_supplier(session, text=form.supplier)
        supplier_id = match.id if match else None
        if supplier_id is None:
            created = suppliers.create_supplier(
                session,
                principal=person.principal,
                data=suppliers.SupplierCreate(name=form.supplier.strip()),
                reference=core.reference,
                now=core.now(),
            )
            supplier_id = created.id
        try:
            data = TaskCreate(
                supplier_id=supplier_id,
                kind=kind,
                title=form.title.strip(),
                due_date=form.due,
                assignee=assignee,
                origin=form.origin,
            )
        except ValidationError as error:
            raise FormInvalid({"title": str(error.errors()[0]["msg"])}) from error
        task = task_store.create_task(
            session, principal=person.principal, data=data, now=core.now()
        )
    return TaskCreated(task=task, supplier_added=match is None)


def listing(core: Core, *, person: Person) -> TaskList:
    """My active tasks; compliance members also see every overdue task."""
    with core.session() as session:
        mine = task_store.assigned_tasks(session, principal=person.principal)
        overdue = (
            task_store.overdue_tasks(session, principal=person.principal, now=core.now())
            if person.compliance
            else []
        )
    return TaskList(mine=tuple(mine), overdue=tuple(overdue))


@dataclass(frozen=True, slots=True)
class TaskCard:
    """A task on the board, marked when its due date has passed."""

    task: TaskPublic
    overdue: bool


class TaskStep(StrEnum):
    """What a member can do to an active task."""

    START = "start"
    COMPLETE = "complete"
    CANCEL = "cancel"


def board(core: Core, *, person: Person) -> dict[TaskStatus, tuple[TaskCard, ...]]:
    """Every task by status (open, in progress, done, cancelled), soonest due first."""
    now = core.now()
    with core.session() as session:
        found = task_store.list_tasks(session, principal=person.principal)
    return {
        status: tuple(
            TaskCard(
                task, task.status in task_store.ACTIVE and task_store.is_overdue(task, now=now)
            )
            for task in found
            if task.status == status
        )
        for status in TaskStatus
    }


def advance(core: Core, *, person: Person, task_id: int, step: str, note: str = "") -> TaskPublic:
    """Start, complete (a note saying what came of it is required) or cancel a task."""
    lang = person.language
    if step not in set(TaskStep):
        raise FormInvalid({"step": messages.text(lang, "error.invalid", detail=step)})
    if step == TaskStep.COMPLETE and not note.strip():
        raise FormInvalid({"note": messages.text(lang, "error.task_note_required")})
    principal, now = person.principal, core.now()
    with core.session() as session:
        if step == TaskStep.START:
            return task_store.start_task(session, principal=principal, task_id=task_id, now=now)
        if step == TaskStep.COMPLETE:
            return task_store.complete_task(
                session, principal=principal, task_id=task_id, note=note, now=now
            )
        return task_store.cancel_task(
            session, principal=principal, task_id=task_id, reason=note, now=now
        )


def describe(lang: Lang, task: TaskPublic) -> str:
    """One line for a task: id, supplier, title, kind and due date."""
    return messages.text(
        lang,
        "task.line",
        id=task.id,
        supplier=task.supplier_name,
        title=task.title,
        kind=messages.label(lang, task.kind),
        due=_due(lang, task),
    )


def _due(lang: Lang, task: TaskPublic) -> str:
    """`, due 15 Jan 2027`, or nothing for an undated task."""
    if task.due_date is None:
        return ""
    return messages.text(lang, "task.due_suffix", due=messages.day(lang, task.due_date))
