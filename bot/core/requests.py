"""Information requests (Transparency Act §§ 6–7): sent by anyone, or logged by the team.

Anyone may ask (§ 6): the public form sends a request straight into the register. A
compliance member logs a request that came by e-mail or letter, and the knowledge base
drafts an answer from the company's own documents, for the member to read and adapt. Either
way the register sets the legal deadline (three weeks after receipt).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.core import messages
from bot.core.context import Core
from bot.core.errors import FormInvalid, NotAllowed
from bot.core.people import Lang, Person
from bot.core.review import RequestRow, request_row
from knowledge.answer import Answer
from storage.models import Channel
from storage.services import info_requests
from storage.services.info_requests import (
    InformationRequestCreate,
    InformationRequestPublic,
    register_request,
    submit_request,
)

LIMITS = {"requester": 200, "contact": 300}
CONCERNS_LIMIT = 300


@dataclass(frozen=True, slots=True)
class RequestForm:
    """A received request as typed in: who, how to reach them, when, and what."""

    requester: str
    contact: str
    question: str
    received: date | None = None


@dataclass(frozen=True, slots=True)
class PublicRequestForm:
    """A request sent through the public page: the name and contact are needed to answer."""

    requester: str
    contact: str
    question: str
    concerns: str = ""


@dataclass(frozen=True, slots=True)
class RequestLogged:
    """The stored request with its deadline, and a draft answer (found or not)."""

    request: InformationRequestPublic
    draft: Answer


def check_member(person: Person) -> None:
    """Refuse a non-member before the form is shown."""
    if not person.compliance:
        raise NotAllowed("logging information requests is for the compliance team")


def log(core: Core, *, person: Person, form: RequestForm) -> RequestLogged:
    """Register the request and draft an answer; compliance members only."""
    check_member(person)
    lang, now = person.language, core.now()
    errors = _missing(
        lang,
        ("requester", "error.requester_required", form.requester),
        ("contact", "error.contact_required", form.contact),
        ("question", "error.question_required", form.question),
    )
    if form.received and form.received > now.date():
        errors["received"] = messages.text(lang, "error.received_in_future")
    if errors:
        raise FormInvalid(errors)
    received = now if form.received in (None, now.date()) else _start_of(form.received)
    data = _request(
        lang,
        requester=form.requester,
        contact=form.contact,
        question=form.question,
        received=received,
        channel=_channel(person),
    )
    with core.session() as session:
        request = register_request(session, principal=person.principal, data=data, now=now)
    with core.knowledge_lock() as knowledge:
        draft = knowledge.ask(form.question)
    return RequestLogged(request=request, draft=draft)


def submit(core: Core, *, person: Person, form: PublicRequestForm) -> InformationRequestPublic:
    """Register a request from the public page, due three weeks from now; anyone may."""
    lang = person.language
    errors = _missing(
        lang,
        ("requester", "error.name_required", form.requester),
        ("contact", "error.reach_you_required", form.contact),
        ("question", "error.ask_required", form.question),
    )
    if len(form.concerns) > CONCERNS_LIMIT:
        errors["concerns"] = messages.text(lang, "error.too_long", limit=CONCERNS_LIMIT)
    if errors:
        raise FormInvalid(errors)
    core.flood.admit("request")
    data = _request(
        lang,
        requester=form.requester,
        contact=form.contact,
        question=form.question,
        received=core.now(),
        channel=Channel.WEB,
        concerns=form.concerns.strip() or None,
    )
    with core.session() as session:
        return submit_request(session, data=data, now=core.now())


def listing(core: Core, *, person: Person, include_done: bool = False) -> list[RequestRow]:
    """Requests by deadline, soonest first; open ones only unless `include_done`."""
    now = core.now()
    with core.session() as session:
        found = info_requests.list_requests(session, principal=person.principal)
    rows = [request_row(request, now=now) for request in found]
    return [row for row in rows if include_done or row.open]


def request_file(core: Core, *, person: Person, request_id: int) -> RequestRow:
    """One request with its clock; compliance only."""
    with core.session() as session:
        request = info_requests.get_request(
            session, principal=person.principal, request_id=request_id
        )
    return request_row(request, now=core.now())


def answer(core: Core, *, person: Person, request_id: int, text: str) -> InformationRequestPublic:
    """Record the written answer that was sent to the requester."""
    if not text.strip():
        raise FormInvalid({"answer": messages.text(person.language, "error.answer_required")})
    with core.session() as session:
        return info_requests.answer_request(
            session,
            principal=person.principal,
            request_id=request_id,
            answer=text,
            answered_at=core.now(),
        )


def extend(
    core: Core, *, person: Person, request_id: int, until: date | None, reason: str
) -> InformationRequestPublic:
    """Extend the deadline (at most two months after receipt) because answering is
    disproportionately burdensome; the requester is told now, in writing, with the reason."""
    lang = person.language
    errors = _missing(lang, ("reason", "error.extension_reason_required", reason))
    if until is None:
        errors["until"] = messages.text(lang, "error.extension_until_required")
    if errors or until is None:
        raise FormInvalid(errors)
    with core.session() as session:
        return info_requests.extend_request(
            session,
            principal=person.principal,
            request_id=request_id,
            new_due_at=_start_of(until),
            reason=reason,
            notified_at=core.now(),
            now=core.now(),
        )


def refuse(
    core: Core, *, person: Person, request_id: int, basis: str, explanation: str = ""
) -> InformationRequestPublic:
    """Record a refusal with its legal basis (§ 6 second paragraph)."""
    errors = _missing(person.language, ("basis", "error.refusal_basis_required", basis))
    if errors:
        raise FormInvalid(errors)
    with core.session() as session:
        return info_requests.refuse_request(
            session,
            principal=person.principal,
            request_id=request_id,
            legal_basis=basis,
            explanation=explanation,
            refused_at=core.now(),
        )


def _missing(lang: Lang, *fields: tuple[str, str, str]) -> dict[str, str]:
    """The message for each `(field, text key, value)` left empty."""
    return {field: messages.text(lang, key) for field, key, value in fields if not value.strip()}


def _request(
    lang: Lang,
    *,
    requester: str,
    contact: str,
    question: str,
    received: datetime,
    channel: Channel,
    concerns: str | None = None,
) -> InformationRequestCreate:
    """The register's request, or FormInvalid naming the field that is too long."""
    values = {"requester": requester.strip(), "contact": contact.strip()}
    for field, value in values.items():
        limit = LIMITS[field]
        if len(value) > limit:
            raise FormInvalid({field: messages.text(lang, "error.too_long", limit=limit)})
    return InformationRequestCreate(
        requester_name=values["requester"],
        requester_contact=values["contact"],
        question=question.strip(),
        received_at=received,
        concerns=concerns,
        channel=channel,
    )


def _channel(person: Person) -> Channel:
    """Where a member logged the request: their chat platform, else the terminal."""
    return Channel(person.platform) if person.platform in set(Channel) else Channel.CLI


def _start_of(day: date) -> datetime:
    """Midnight UTC of `day`: a request dated in the past counts from that day."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
