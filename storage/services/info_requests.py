"""Information requests under the Transparency Act §§ 6–7 and their legal deadlines.

§ 7: the answer is due within a reasonable time and at the latest three weeks after receipt.
If answering is disproportionately burdensome, the deadline may be extended to at most two
months after receipt, and the requester must be told of the extension and why within the
three weeks. A refusal must state its legal basis. This module refuses anything else.

Usage::

    request = register_request(session, principal=officer, data=InformationRequestCreate(
        requester_name="Kari", requester_contact="kari@example.no",
        question="Which factories make your uniforms?", received_at=now))
    request.due_at  # received_at + 21 days
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import AwareDatetime, ConfigDict, Field, computed_field
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from storage.crypto import Keyring, keyring_for
from storage.errors import InformationRequestNotFound, InvalidTransition, ValidationFailed
from storage.models import Channel, InformationRequest, InformationRequestStatus
from storage.principal import PUBLIC_REQUESTER, Principal, Role
from storage.services.cases import add_months
from storage.services.changes import Change, Guard, utc
from storage.services.confidential import MAX_TEXT_CHARS, Confidential, required_text

REQUESTS = Guard("information_request")
ANSWER_WITHIN = timedelta(weeks=3)
EXTENSION_MONTHS = 2
OPEN = (InformationRequestStatus.RECEIVED, InformationRequestStatus.EXTENDED)


class InformationRequestCreate(Confidential):
    """A request as received: who asked, how to reach them, what, and when."""

    requester_name: str = Field(min_length=1, max_length=200)
    requester_contact: str = Field(min_length=1, max_length=300)
    question: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    received_at: AwareDatetime
    concerns: str | None = Field(default=None, max_length=300)
    channel: Channel = Channel.CLI


class InformationRequestPublic(Confidential):
    """An information request with the deadline in force."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    requester_name: str
    requester_contact: str
    question: str
    concerns: str | None
    channel: Channel
    status: InformationRequestStatus
    received_at: datetime
    due_at: datetime
    extended_due_at: datetime | None
    extension_reason: str | None
    extension_notified_at: datetime | None
    answer: str | None
    refusal_basis: str | None
    answered_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @computed_field
    @property
    def deadline(self) -> datetime:
        """The extended due date if there is one, else the three-week one."""
        return self.extended_due_at or self.due_at


def register_request(
    session: Session,
    *,
    principal: Principal,
    data: InformationRequestCreate,
    now: datetime | None = None,
) -> InformationRequestPublic:
    """Record a received request; the answer is due three weeks after receipt."""
    with REQUESTS.transaction(session, principal=principal, action="request.register") as change:
        return _received(change, data=data, now=now)


def submit_request(
    session: Session, *, data: InformationRequestCreate, now: datetime | None = None
) -> InformationRequestPublic:
    """Record a request sent by anyone through the public form; audited as `web:public`."""
    with REQUESTS.transaction(
        session, principal=PUBLIC_REQUESTER, action="request.submit", roles={Role.REPORTER}
    ) as change:
        return _received(change, data=data, now=now)


def extend_request(
    session: Session,
    *,
    principal: Principal,
    request_id: int,
    new_due_at: datetime,
    reason: str,
    notified_at: datetime,
    now: datetime | None = None,
) -> InformationRequestPublic:
    """Extend the deadline (at most two months after receipt) for a burdensome request.

    Args:
        new_due_at: the new deadline, after the three-week one and within two months.
        reason: why answering within three weeks is disproportionately burdensome.
        notified_at: when the requester was told; must be within the three weeks.
    """
    with REQUESTS.transaction(session, principal=principal, action="request.extend") as change:
        request = _get_open(session, request_id=request_id)
        reason = required_text(reason, missing="An extension needs a reason.")
        latest = add_months(request.received_at, EXTENSION_MONTHS)
        if new_due_at > latest:
            raise ValidationFailed(
                f"An extension may run at most two months after receipt, until {latest:%Y-%m-%d}."
            )
        if new_due_at <= request.due_at:
            raise ValidationFailed("The extended deadline must come after the three-week deadline.")
        if not request.received_at <= notified_at <= request.due_at:
            raise ValidationFailed(
                "The requester must be told of the extension within three weeks of receipt, "
                f"by {request.due_at:%Y-%m-%d}."
            )
        request.extended_due_at = new_due_at
        request.extension_reason = reason
        request.extension_notified_at = notified_at
        request.status = InformationRequestStatus.EXTENDED
        return _saved(change, request=request, now=now)


def answer_request(
    session: Session,
    *,
    principal: Principal,
    request_id: int,
    answer: str,
    answered_at: datetime | None = None,
) -> InformationRequestPublic:
    """Record the written answer sent to the requester."""
    with REQUESTS.transaction(session, principal=principal, action="request.answer") as change:
        answer = required_text(answer, missing="An answer cannot be empty.")
        request = _get_open(session, request_id=request_id)
        request.answer = answer
        request.answered_at = utc(answered_at)
        request.status = InformationRequestStatus.ANSWERED
        return _saved(change, request=request, now=request.answered_at)


def refuse_request(
    session: Session,
    *,
    principal: Principal,
    request_id: int,
    legal_basis: str,
    explanation: str | None = None,
    refused_at: datetime | None = None,
) -> InformationRequestPublic:
    """Record a refusal and the legal basis it rests on (e.g. "åpenhetsloven § 6 tredje ledd")."""
    with REQUESTS.transaction(session, principal=principal, action="request.refuse") as change:
        legal_basis = required_text(legal_basis, missing="A refusal must state its legal basis.")
        request = _get_open(session, request_id=request_id)
        request.refusal_basis = legal_basis
        request.answer = (
            required_text(explanation, missing="") if explanation and explanation.strip() else None
        )
        request.answered_at = utc(refused_at)
        request.status = InformationRequestStatus.REFUSED
        return _saved(change, request=request, now=request.answered_at)


def get_request(
    session: Session, *, principal: Principal, request_id: int
) -> InformationRequestPublic:
    """One information request."""
    with REQUESTS.read(session, principal=principal, action="request.read", object_id=request_id):
        return to_public(_get(session, request_id=request_id), keyring=keyring_for(session))


def list_requests(
    session: Session,
    *,
    principal: Principal,
    status: InformationRequestStatus | None = None,
    received_since: datetime | None = None,
) -> list[InformationRequestPublic]:
    """Requests by deadline, soonest first, optionally in one status or recent."""
    query = _ordered(select(InformationRequest))
    if status is not None:
        query = query.where(InformationRequest.status == status)
    if received_since is not None:
        query = query.where(InformationRequest.received_at >= received_since)
    return _listed(session, principal=principal, query=query)


def due_requests(
    session: Session, *, principal: Principal, within_days: int, now: datetime
) -> list[InformationRequestPublic]:
    """Unanswered requests whose deadline falls between `now` and `within_days` days later."""
    query = open_due(until=now + timedelta(days=within_days)).where(deadline_in_force() >= now)
    return _listed(session, principal=principal, query=query)


def overdue_requests(
    session: Session, *, principal: Principal, now: datetime
) -> list[InformationRequestPublic]:
    """Unanswered requests whose deadline has passed."""
    query = open_due(before=now)
    return _listed(session, principal=principal, query=query)


def open_due(
    *, until: datetime | None = None, before: datetime | None = None
) -> Select[tuple[InformationRequest]]:
    """Unanswered requests whose deadline in force is at or before `until`, or before
    `before`, soonest first."""
    query = _ordered(select(InformationRequest)).where(InformationRequest.status.in_(OPEN))
    if until is not None:
        query = query.where(deadline_in_force() <= until)
    if before is not None:
        query = query.where(deadline_in_force() < before)
    return query


def deadline_in_force() -> ColumnElement[datetime]:
    """The deadline in force, as SQL: the extended due date if set, else the original."""
    return func.coalesce(InformationRequest.extended_due_at, InformationRequest.due_at)


def is_overdue(request: InformationRequestPublic, *, now: datetime) -> bool:
    """Whether an unanswered request's deadline in force has passed."""
    return request.deadline < now


def to_public(request: InformationRequest, *, keyring: Keyring) -> InformationRequestPublic:
    """The request with the requester decrypted and its deadline in force."""
    fields = {name: getattr(request, name) for name in InformationRequestPublic.model_fields}
    fields["requester_name"] = keyring.decrypt(request.requester_name)
    fields["requester_contact"] = keyring.decrypt(request.requester_contact)
    return InformationRequestPublic.model_validate(fields)


def _listed(
    session: Session, *, principal: Principal, query: Select[tuple[InformationRequest]]
) -> list[InformationRequestPublic]:
    """Run a request query as a compliance read."""
    with REQUESTS.read(session, principal=principal, action="request.list"):
        keyring = keyring_for(session)
        return [to_public(request, keyring=keyring) for request in session.scalars(query)]


def _ordered(query: Select) -> Select:
    """Soonest deadline first."""
    return query.order_by(deadline_in_force(), InformationRequest.id)


def _get(session: Session, *, request_id: int) -> InformationRequest:
    """The request row, or InformationRequestNotFound."""
    request = session.get(InformationRequest, request_id)
    if request is None:
        raise InformationRequestNotFound(f"No information request with id {request_id}.")
    return request


def _get_open(session: Session, *, request_id: int) -> InformationRequest:
    """The request row if it is not yet answered or refused, else InvalidTransition."""
    request = _get(session, request_id=request_id)
    if request.status not in OPEN:
        raise InvalidTransition(f"Request {request_id} is already {request.status.value}.")
    return request


def _received(
    change: Change, *, data: InformationRequestCreate, now: datetime | None
) -> InformationRequestPublic:
    """Add a received request, due three weeks after receipt."""
    moment = utc(now)
    keyring = keyring_for(change.session)
    values = data.model_dump()
    for name in ("requester_name", "requester_contact"):
        values[name] = keyring.encrypt(values[name])
    request = InformationRequest(
        **values,
        due_at=data.received_at + ANSWER_WITHIN,
        status=InformationRequestStatus.RECEIVED,
        created_at=moment,
    )
    change.session.add(request)
    return _saved(change, request=request, now=moment)


def _saved(
    change: Change, *, request: InformationRequest, now: datetime | None
) -> InformationRequestPublic:
    """Stamp the change time and audit it (no personal data in the details)."""
    request.updated_at = utc(now)
    change.session.flush()
    change.record(request.id, details={"status": request.status.value}, now=request.updated_at)
    return to_public(request, keyring=keyring_for(change.session))
