"""Everything due or overdue in one list, for reminders and `aktsom deadlines`.

Four kinds of deadline: case acknowledgement (7 days), case feedback (3 months), open
follow-up tasks (their due date) and unanswered information requests (three weeks, or the
extended date). The task and request rules live in their own modules (`tasks.active_due`,
`info_requests.open_due` and their `is_overdue`); this module only merges them with the
case deadlines. Items carry references and dates only, never case contents.

Usage::

    for item in due_items(session, principal=officer, now=now, within=timedelta(days=2)):
        print(item.kind, item.reference, item.due_at, item.overdue)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.crypto import keyring_for
from storage.models import Case, CaseStatus
from storage.principal import Principal
from storage.services import info_requests, tasks
from storage.services.changes import Guard, utc

DEADLINES = Guard("deadline")


class DueKind(StrEnum):
    """What a deadline belongs to."""

    CASE_ACKNOWLEDGEMENT = "case_acknowledgement"
    CASE_FEEDBACK = "case_feedback"
    TASK = "follow_up_task"
    INFORMATION_REQUEST = "information_request"


@dataclass(frozen=True, slots=True)
class DueItem:
    """One deadline: what kind, which record, when, and whether it has passed.

    `reference` is a case reference (`AK-2026-0042`) or a task or request id; a task due on a
    date is due from the start of that day (UTC) and overdue from the day after.
    """

    kind: DueKind
    reference: str
    due_at: datetime
    overdue: bool


def due_items(
    session: Session,
    *,
    principal: Principal,
    now: datetime | None = None,
    within: timedelta = timedelta(0),
) -> list[DueItem]:
    """Everything overdue or due within `within` of `now`, earliest first; compliance only."""
    now = utc(now)
    until = now + within
    with DEADLINES.transaction(session, principal=principal, action="deadlines.list") as change:
        items = [
            *_case_items(session, until=until, now=now),
            *_task_items(session, until=until, now=now),
            *_request_items(session, until=until, now=now),
        ]
        change.record(None, details={"items": len(items)}, now=now)
    return sorted(items, key=lambda item: (item.due_at, item.kind, item.reference))


def _case_items(session: Session, *, until: datetime, now: datetime) -> list[DueItem]:
    """Unacknowledged cases by their 7-day deadline, open cases by their feedback deadline."""
    unacknowledged = session.execute(
        select(Case.reference, Case.acknowledge_due)
        .where(Case.status == CaseStatus.RECEIVED)
        .where(Case.acknowledge_due <= until)
    )
    waiting = session.execute(
        select(Case.reference, Case.feedback_due)
        .where(Case.status != CaseStatus.CLOSED)
        .where(Case.feedback_due <= until)
    )
    return [
        DueItem(kind, reference, due, due < now)
        for kind, rows in (
            (DueKind.CASE_ACKNOWLEDGEMENT, unacknowledged),
            (DueKind.CASE_FEEDBACK, waiting),
        )
        for reference, due in rows
    ]


def _task_items(session: Session, *, until: datetime, now: datetime) -> list[DueItem]:
    """Open or in-progress follow-up tasks due by `until`'s date."""
    found = [tasks.to_public(task) for task in session.scalars(tasks.active_due(last=until.date()))]
    return [
        DueItem(
            DueKind.TASK,
            str(task.id),
            datetime.combine(task.due_date, time.min, tzinfo=UTC),
            tasks.is_overdue(task, now=now),
        )
        for task in found
    ]


def _request_items(session: Session, *, until: datetime, now: datetime) -> list[DueItem]:
    """Unanswered information requests whose deadline in force falls by `until`."""
    found = session.scalars(info_requests.open_due(until=until))
    keyring = keyring_for(session)
    return [
        DueItem(
            DueKind.INFORMATION_REQUEST,
            str(public.id),
            public.deadline,
            info_requests.is_overdue(public, now=now),
        )
        for public in (info_requests.to_public(request, keyring=keyring) for request in found)
    ]
