"""What is due or overdue, for reminders: case acknowledgement and case feedback.

Each source is a small function returning `DueItem`s; `due_items` merges them in due order.
Follow-up tasks and information requests add their own sources to `SOURCES`.
Items carry references and dates only, never case contents.

Usage::

    for item in due_items(session, principal=officer, now=now, within=timedelta(days=2)):
        print(item.kind, item.reference, item.due_at, item.overdue)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Case, CaseStatus
from storage.principal import Principal, Role
from storage.services.access import require


@dataclass(frozen=True, slots=True)
class DueItem:
    """One deadline: what kind, which record, when, and whether it has passed."""

    kind: str
    reference: str
    due_at: datetime
    overdue: bool


def case_acknowledgements_due(session: Session, until: datetime, *, now: datetime) -> list[DueItem]:
    """Cases still unacknowledged whose 7-day deadline falls before `until`."""
    cases = session.execute(
        select(Case.reference, Case.acknowledge_due)
        .where(Case.status == CaseStatus.RECEIVED)
        .where(Case.acknowledge_due <= until)
    )
    return [DueItem("case_acknowledgement", ref, due, due < now) for ref, due in cases]


def case_feedback_due(session: Session, until: datetime, *, now: datetime) -> list[DueItem]:
    """Open cases whose 3-month feedback deadline falls before `until`."""
    cases = session.execute(
        select(Case.reference, Case.feedback_due)
        .where(Case.status != CaseStatus.CLOSED)
        .where(Case.feedback_due <= until)
    )
    return [DueItem("case_feedback", ref, due, due < now) for ref, due in cases]


SOURCES = [case_acknowledgements_due, case_feedback_due]


def due_items(
    session: Session,
    *,
    principal: Principal,
    now: datetime | None = None,
    within: timedelta = timedelta(0),
) -> list[DueItem]:
    """Everything overdue or due within `within` of `now`, earliest first; compliance only."""
    require(
        session,
        principal=principal,
        roles=(Role.COMPLIANCE,),
        action="deadlines.list",
        object_type="deadline",
    )
    now = (now or datetime.now(UTC)).astimezone(UTC)
    items = [item for source in SOURCES for item in source(session, now + within, now=now)]
    session.commit()
    return sorted(items, key=lambda item: (item.due_at, item.reference))
