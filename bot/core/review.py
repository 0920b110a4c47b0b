"""The compliance team's review: the overview of open work, opening a case, and the actions.

Access is the register's: every call goes to a storage service with the person's principal,
so a non-member pressing a button is refused there and the refusal is audited there. The
rules about which deadline comes next and when it is overdue live here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.core import messages
from bot.core.context import Core
from bot.core.errors import FormInvalid
from bot.core.people import Lang, Person
from storage.models import CaseCategory, CaseOutcome, CaseStatus
from storage.principal import RECEIPT_HOLDER, Role
from storage.services import access, cases, info_requests, tasks
from storage.services.audit_trail import list_events
from storage.services.case_schemas import CaseDetail, CasePublic, MessageView
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
    supplier_name: str | None = None


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """Which cases the list shows; empty fields do not filter. Closed cases only when the
    status asked for is `closed`."""

    status: CaseStatus | None = None
    category: CaseCategory | None = None
    supplier: str = ""
    due_within_days: int | None = None
    """Only cases whose next deadline is within this many days (overdue ones included)."""

    def keeps(self, row: CaseRow, *, now: datetime) -> bool:
        """Whether `row` passes the filter."""
        if (row.status == CaseStatus.CLOSED) != (self.status == CaseStatus.CLOSED):
            return False
        if self.status is not None and row.status != self.status:
            return False
        if self.category is not None and row.category != self.category:
            return False
        wanted = self.supplier.strip().casefold()
        if wanted and wanted not in (row.supplier_name or "").casefold():
            return False
        if self.due_within_days is not None:
            return row.next_due <= now + timedelta(days=self.due_within_days)
        return True


@dataclass(frozen=True, slots=True)
class RequestRow:
    """An information request on its three-week clock (or the extended one)."""

    request: InformationRequestPublic
    overdue: bool
    days_left: int
    """Whole days to the deadline in force; negative once it has passed."""

    @property
    def open(self) -> bool:
        """Whether it still waits for an answer or refusal."""
        return self.request.status in info_requests.OPEN


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
        requests=tuple(request_row(request, now=now) for request in requests),
        team_tasks=tuple(team_tasks),
        my_tasks=mine,
    )


def case_list(core: Core, *, person: Person, chosen: CaseFilter) -> list[CaseRow]:
    """The cases `chosen` keeps, overdue first, then by next deadline; compliance only."""
    now = core.now()
    with core.session() as session:
        found = cases.list_cases(session, principal=person.principal, status=chosen.status)
    rows = (case_row(case, now=now) for case in found)
    return sorted((row for row in rows if chosen.keeps(row, now=now)), key=_urgency)


def case_row(case: CasePublic, *, now: datetime) -> CaseRow:
    """The next deadline of a case (acknowledgement until acknowledged, then feedback)."""
    next_due = case.acknowledge_due if case.status == CaseStatus.RECEIVED else case.feedback_due
    return CaseRow(
        reference=case.reference,
        category=case.category,
        status=case.status,
        age_days=(now - case.received_at).days,
        next_due=next_due,
        overdue=case.status != CaseStatus.CLOSED and next_due < now,
        handler_id=case.handler_id,
        actions=available_actions(case.status),
        supplier_name=case.supplier_name,
    )


def request_row(request: InformationRequestPublic, *, now: datetime) -> RequestRow:
    """A request with its clock; an answered or refused one is never overdue."""
    open_ = request.status in info_requests.OPEN
    return RequestRow(
        request=request,
        overdue=open_ and info_requests.is_overdue(request, now=now),
        days_left=(request.deadline.date() - now.date()).days,
    )


ACTION_TEXTS = {
    ReviewAction.ACKNOWLEDGE: "review.acknowledge",
    ReviewAction.ASSIGN: "review.assign_me",
    ReviewAction.INVESTIGATE: "review.investigate",
    ReviewAction.WRITE: "review.write",
    ReviewAction.CLOSE: "review.close",
}


def action_label(lang: Lang, action: ReviewAction) -> str:
    """What a button doing `action` says."""
    return messages.text(lang, ACTION_TEXTS[action])


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


REPORTER_ACTORS = frozenset({cases.ANONYMOUS.actor, RECEIPT_HOLDER.actor})


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One step in a case's history: who did what when, with a message's text if any."""

    at: datetime
    who: str
    what: str
    body: str | None = None


def timeline(core: Core, *, person: Person, case: CaseDetail) -> list[TimelineEntry]:
    """The case's history in the audit trail's order: received, status changes, assignments
    and each message where it was written; the reporter is never named."""
    lang = person.language
    with core.session() as session:
        events = list_events(
            session, principal=person.principal, limit=None, about=("case", case.reference)
        )
    reporter = messages.text(lang, "review.author.reporter")
    unplaced = list(case.messages)
    entries = []
    for event in reversed(events):
        who = reporter if event.actor in REPORTER_ACTORS else event.actor
        if event.action == "case.message_added" and unplaced:
            message = unplaced.pop(0)
            entries.append(_message_entry(lang, message, who=who))
            continue
        what = _event_words(lang, event.action, event.details)
        if what is not None:
            entries.append(TimelineEntry(at=event.at, who=who, what=what))
    return entries + [_message_entry(lang, message) for message in unplaced]


def _message_entry(lang: Lang, message: MessageView, *, who: str | None = None) -> TimelineEntry:
    return TimelineEntry(
        at=message.created_at,
        who=who or messages.text(lang, f"review.author.{message.author.value}"),
        what=messages.text(lang, "review.timeline.message"),
        body=message.body,
    )


def _event_words(lang: Lang, action: str, details: dict[str, object]) -> str | None:
    """The sentence for an audited step that changed the case, or None for reads."""
    if action == "case.submitted":
        return messages.text(lang, "review.timeline.received")
    if action == "case.assigned":
        return messages.text(lang, "review.timeline.assigned", handler=details.get("handler"))
    if action == "case.status_changed":
        status = messages.label(lang, CaseStatus(str(details["to"])))
        if "outcome" in details:
            outcome = messages.label(lang, CaseOutcome(str(details["outcome"])))
            return messages.text(lang, "review.timeline.closed", status=status, outcome=outcome)
        return messages.text(lang, "review.timeline.status", status=status)
    return None


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
