"""The compliance team's review: the overview of open work, opening a case, and the actions.

Access is the register's: every call goes to a storage service with the person's principal,
so a non-member pressing a button is refused there and the refusal is audited there. The
rules about which deadline comes next and when it is overdue live here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.core import messages
from bot.core.context import Core
from bot.core.errors import FormInvalid
from bot.core.people import Person
from storage.models import CaseCategory, CaseOutcome, CaseStatus
from storage.principal import Role
from storage.services import access, cases, info_requests, tasks
from storage.services.case_schemas import CaseDetail, CasePublic
from storage.services.info_requests import InformationRequestPublic
from storage.services.tasks import TaskPublic


class ReviewAction(StrEnum):
    """What a compliance member can do to a case from a chat surface."""

    ACKNOWLEDGE = "acknowledge"
    ASSIGN = "assign"
    INVESTIGATE = "investigate"
    WRITE = "write"
    CLOSE = "close"


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One open case in the overview: no contents, just what decides what to do next."""

    reference: str
    category: CaseCategory
    status: CaseStatus
    age_days: int
    next_due: datetime
    overdue: bool
    handler_id: str | None
    actions: tuple[ReviewAction, ...]


@dataclass(frozen=True, slots=True)
class RequestRow:
    """One open information request in the overview."""

    request: InformationRequestPublic
    overdue: bool


@dataclass(frozen=True, slots=True)
class Home:
    """A person's home view: the team's open work for members, own tasks for everyone."""

    compliance: bool
    cases: tuple[CaseRow, ...] = ()
    requests: tuple[RequestRow, ...] = ()
    team_tasks: tuple[TaskPublic, ...] = ()
    my_tasks: tuple[TaskPublic, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewDone:
    """The case after an action, and the sentence confirming it."""

    case: CasePublic
    confirmation: str


def home(core: Core, *, person: Person) -> Home:
    """The home view for `person`."""
    now = core.now()
    with core.session() as session:
        mine = tuple(tasks.assigned_tasks(session, principal=person.principal))
        if not person.compliance:
            return Home(compliance=False, my_tasks=mine)
        open_cases = [
            case
            for case in cases.list_cases(session, principal=person.principal)
            if case.status != CaseStatus.CLOSED
        ]
        team_tasks = [
            task
            for task in tasks.list_tasks(session, principal=person.principal)
            if task.status in tasks.ACTIVE
        ]
        requests = [
            request
            for request in info_requests.list_requests(session, principal=person.principal)
            if request.status in info_requests.OPEN
        ]
    return Home(
        compliance=True,
        cases=tuple(sorted((case_row(case, now=now) for case in open_cases), key=_urgency)),
        requests=tuple(
            RequestRow(request, info_requests.is_overdue(request, now=now)) for request in requests
        ),
        team_tasks=tuple(team_tasks),
        my_tasks=mine,
    )


def case_row(case: CasePublic, *, now: datetime) -> CaseRow:
    """The next deadline of a case (acknowledgement until acknowledged, then feedback)."""
    next_due = case.acknowledge_due if case.status == CaseStatus.RECEIVED else case.feedback_due
    return CaseRow(
        reference=case.reference,
        category=case.category,
        status=case.status,
        age_days=(now - case.received_at).days,
        next_due=next_due,
        overdue=next_due < now,
        handler_id=case.handler_id,
        actions=available_actions(case.status),
    )


def available_actions(status: CaseStatus) -> tuple[ReviewAction, ...]:
    """The buttons worth offering for a case in `status`."""
    if status == CaseStatus.CLOSED:
        return ()
    first = {
        CaseStatus.RECEIVED: ReviewAction.ACKNOWLEDGE,
        CaseStatus.ACKNOWLEDGED: ReviewAction.INVESTIGATE,
    }.get(status)
    rest = (ReviewAction.ASSIGN, ReviewAction.WRITE, ReviewAction.CLOSE)
    return (first, *rest) if first else rest


def require_member(
    core: Core, *, person: Person, action: str, object_type: str, object_id: str | None = None
) -> None:
    """Refuse a non-member before a form or page is even shown; the refusal is audited."""
    with core.session() as session:
        access.require(
            session,
            principal=person.principal,
            roles={Role.COMPLIANCE},
            action=action,
            object_type=object_type,
            object_id=object_id,
        )


def open_case(core: Core, *, person: Person, reference: str) -> CaseDetail:
    """The case with its contents; the register refuses non-members and audits the read."""
    with core.session() as session:
        return cases.get_case(
            session, principal=person.principal, reference=reference, now=core.now()
        )


def act(
    core: Core,
    *,
    person: Person,
    reference: str,
    action: ReviewAction,
    outcome: str | None = None,
    body: str | None = None,
) -> ReviewDone:
    """Do `action` to a case; `outcome` closes it, `body` is the message to the reporter."""
    lang = person.language
    principal, now = person.principal, core.now()
    with core.session() as session:
        if action == ReviewAction.ACKNOWLEDGE:
            case = cases.acknowledge_case(
                session, principal=principal, reference=reference, now=now
            )
            done = messages.text(
                lang,
                "review.done.acknowledge",
                reference=reference,
                feedback=messages.day(lang, case.feedback_due),
            )
        elif action == ReviewAction.ASSIGN:
            case = cases.assign_handler(
                session,
                principal=principal,
                reference=reference,
                handler_id=principal.actor,
                now=now,
            )
            done = messages.text(lang, "review.done.assign", reference=reference)
        elif action == ReviewAction.INVESTIGATE:
            case = cases.start_investigation(
                session, principal=principal, reference=reference, now=now
            )
            done = messages.text(lang, "review.done.investigate", reference=reference)
        elif action == ReviewAction.WRITE:
            if not body or not body.strip():
                raise FormInvalid({"message": messages.text(lang, "error.message_required")})
            case = cases.add_handler_message(
                session, principal=principal, reference=reference, body=body, now=now
            )
            done = messages.text(lang, "review.done.write", reference=reference)
        else:
            try:
                chosen = CaseOutcome(outcome or "")
            except ValueError as error:
                raise FormInvalid(
                    {"outcome": messages.text(lang, "error.outcome_required")}
                ) from error
            case = cases.close_case(
                session, principal=principal, reference=reference, outcome=chosen, now=now
            )
            done = messages.text(
                lang,
                "review.done.close",
                reference=reference,
                outcome=messages.label(lang, chosen),
            )
    return ReviewDone(case=case, confirmation=done)


def _urgency(row: CaseRow) -> tuple[bool, datetime]:
    return (not row.overdue, row.next_due)
