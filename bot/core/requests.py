"""Information requests (Transparency Act §§ 6–7) logged from chat, with a draft answer.

A compliance member logs a request that came by e-mail or letter; the register sets the
legal deadline (three weeks after receipt) and the knowledge base drafts an answer from the
company's own documents, for the member to read and adapt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from pydantic import ValidationError

from bot.core import messages
from bot.core.context import Core
from bot.core.errors import FormInvalid, NotAllowed
from bot.core.people import Person
from knowledge.answer import Answer
from storage.services.info_requests import (
    InformationRequestCreate,
    InformationRequestPublic,
    register_request,
)


@dataclass(frozen=True, slots=True)
class RequestForm:
    """A received request as typed in: who, how to reach them, when, and what."""

    requester: str
    contact: str
    question: str
    received: date | None = None


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
    errors = {
        field: messages.text(lang, key)
        for field, key, value in (
            ("requester", "error.requester_required", form.requester),
            ("contact", "error.contact_required", form.contact),
            ("question", "error.question_required", form.question),
        )
        if not value.strip()
    }
    if form.received and form.received > now.date():
        errors["received"] = messages.text(lang, "error.received_in_future")
    if errors:
        raise FormInvalid(errors)
    received = now if form.received in (None, now.date()) else _start_of(form.received)
    try:
        data = InformationRequestCreate(
            requester_name=form.requester.strip(),
            requester_contact=form.contact.strip(),
            question=form.question.strip(),
            received_at=received,
        )
    except ValidationError as error:
        raise FormInvalid(
            {"requester": messages.text(lang, "error.too_long", limit=200)}
        ) from error
    with core.session() as session:
        request = register_request(session, principal=person.principal, data=data, now=now)
    with core.knowledge_lock() as knowledge:
        draft = knowledge.ask(form.question)
    return RequestLogged(request=request, draft=draft)


def _start_of(day: date) -> datetime:
    """Midnight UTC of `day`: a request dated in the past counts from that day."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
