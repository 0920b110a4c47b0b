"""Supplier self-assessment questionnaires: invitations, answers, attachments, scores and the
follow-ups their red flags suggest.

Two kinds of caller, two doors:

- **the team** (compliance role, through the `QUESTIONNAIRES` guard, audited): create an
  invitation, re-issue its link, record how it was delivered, cancel it, list and read
  invitations with their answers, download an attachment, read a supplier's score history,
  and accept or dismiss a suggestion (accepting creates the task or deviation through
  `storage.services.tasks` / `deviations`, and links it back);
- **the supplier**, holding a link: the caller (`bot.core.questionnaires`) has checked the
  link's signature and passes the invitation id and nonce it carries. Only the nonce whose
  SHA-256 the invitation stores opens it, so issuing a new link (`reissue_invitation`)
  invalidates every older one. The nonce is a keyed hash (the register's lookup key) of a
  random salt on the row, so the server can write the current link again for a reminder
  (`current_link`), while a copy of the database alone cannot. A cancelled or expired
  invitation, or a wrong nonce, is refused with `LinkRefused` before anything is read or
  changed; a submitted one opens read-only. Supplier actions are audited with the actor
  `supplier:<invitation id>`; details never hold answers.

Answers save one at a time, last write wins (an upsert on invitation and question). Submitting
needs every required question answered and a named person and role; it scores the answers
(`storage.scoring`), stores the scores, and records one suggestion per red flag raised.

Usage::

    issued = create_invitation(session, principal=officer, supplier_id=3, email="a@b.no",
                               language="en", expires_at=now + timedelta(days=30))
    # the link carries issued.invitation.id and issued.nonce; current_link() gives it again
    save_answer(session, invitation_id=issued.invitation.id, nonce=issued.nonce,
                question_id="hr.policy", choice="yes")
    submit_questionnaire(session, invitation_id=..., nonce=..., name="Ana", role="CEO")
    decide_suggestion(session, principal=officer, suggestion_id=1, accept=True)
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import AliasPath, BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage import scoring
from storage.crypto import keyring_for
from storage.db import transaction
from storage.errors import (
    AttachmentNotFound,
    InvalidTransition,
    InvitationNotFound,
    LinkRefused,
    QuestionnaireInvalid,
    SuggestionNotFound,
    ValidationFailed,
)
from storage.file_types import detect_content_type
from storage.models import (
    InvitationStatus,
    QuestionnaireAnswer,
    QuestionnaireAttachment,
    QuestionnaireInvitation,
    QuestionnaireSuggestion,
    SuggestionStatus,
)
from storage.principal import Principal
from storage.questionnaire import (
    LANGUAGES,
    Question,
    QuestionKind,
    Questionnaire,
    RedFlag,
    current_version,
    load_questionnaire,
)
from storage.services import audit, claims
from storage.services.changes import Guard, utc
from storage.services.deviations import DeviationCreate, create_deviation
from storage.services.suppliers import load_supplier
from storage.services.tasks import TaskCreate, create_task

QUESTIONNAIRES = Guard("questionnaire")
ANSWERING = (InvitationStatus.SENT, InvitationStatus.IN_PROGRESS)
"""Invitations still waiting for the supplier."""
MAX_TEXT_CHARS = 5000
MAX_ATTACHMENTS = 30
"""Per invitation, so a link cannot fill the database."""
MAX_NAME_CHARS = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class InvitationPublic(BaseModel):
    """An invitation as the team sees it (no nonce, no answers)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    supplier_id: int
    supplier_name: str = Field(validation_alias=AliasPath("supplier", "name"))
    version: str
    language: str
    recipient_email: str | None
    status: InvitationStatus
    created_by: str
    created_at: datetime
    sent_at: datetime | None
    delivery: str | None
    delivery_error: str | None
    expires_at: datetime
    opened_at: datetime | None
    reminders_sent: int
    last_reminded_at: datetime | None
    submitted_at: datetime | None
    confirmed_by_name: str | None
    confirmed_by_role: str | None
    scores: dict[str, Any] | None
    """`storage.scoring.to_json`, once submitted."""
    updated_at: datetime

    def overdue(self, *, now: datetime) -> bool:
        """Not submitted, and past its deadline (expired, or about to be marked so)."""
        return self.status == InvitationStatus.EXPIRED or (
            self.status in ANSWERING and now >= self.expires_at
        )


class AnswerPublic(BaseModel):
    """One saved answer."""

    model_config = ConfigDict(from_attributes=True)

    question_id: str
    choice: str | None
    text: str | None
    updated_at: datetime


class AttachmentPublic(BaseModel):
    """An attached document's description (its bytes come from `read_attachment`)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    question_id: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime


class SuggestionPublic(BaseModel):
    """A red flag's suggested follow-up and what became of it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    invitation_id: int
    question_id: str
    flag_id: str
    kind: str
    status: SuggestionStatus
    task_id: int | None
    deviation_id: int | None
    decided_by: str | None
    decided_at: datetime | None
    created_at: datetime


class InvitationDetail(BaseModel):
    """An invitation with everything the supplier gave."""

    invitation: InvitationPublic
    answers: list[AnswerPublic]
    attachments: list[AttachmentPublic]
    suggestions: list[SuggestionPublic]


@dataclass(frozen=True, slots=True)
class IssuedInvitation:
    """An invitation and the nonce its new link carries; the nonce is never stored."""

    invitation: InvitationPublic
    nonce: str


def supplier_principal(invitation_id: int) -> Principal:
    """Who acts through an invitation's link, as the audit trail names them."""
    return Principal("supplier", str(invitation_id))


# The team's side -------------------------------------------------------------------------


def create_invitation(
    session: Session,
    *,
    principal: Principal,
    supplier_id: int,
    email: str,
    language: str,
    expires_at: datetime,
    version: str | None = None,
    now: datetime | None = None,
) -> IssuedInvitation:
    """Invite a supplier to the questionnaire (`version`, default the newest); refused while
    the supplier has an invitation waiting for answers (re-issue that one instead)."""
    version = version or current_version()
    email = email.strip()
    if not _EMAIL.match(email) or len(email) > 320:
        raise ValidationFailed(f"{email!r} is not an e-mail address")
    if language not in LANGUAGES:
        raise ValidationFailed(f"the questionnaire language must be one of {', '.join(LANGUAGES)}")
    load_questionnaire(version)
    with QUESTIONNAIRES.transaction(
        session, principal=principal, action="questionnaire.invite"
    ) as change:
        load_supplier(session, supplier_id=supplier_id)
        waiting = session.scalar(
            select(QuestionnaireInvitation.id).where(
                QuestionnaireInvitation.supplier_id == supplier_id,
                QuestionnaireInvitation.status.in_(ANSWERING),
            )
        )
        if waiting is not None:
            raise InvalidTransition(
                f"the supplier already has questionnaire #{waiting} waiting for answers"
            )
        moment = utc(now)
        invitation = QuestionnaireInvitation(
            supplier_id=supplier_id,
            version=version,
            language=language,
            recipient_email=email,
            status=InvitationStatus.SENT,
            created_by=principal.actor,
            created_at=moment,
            expires_at=expires_at,
            reminders_sent=0,
            updated_at=moment,
        )
        nonce = _new_link(session, invitation)
        session.add(invitation)
        session.flush()
        change.record(
            invitation.id,
            details={"supplier_id": supplier_id, "version": version, "language": language},
            now=moment,
        )
        return IssuedInvitation(_to_public(invitation), nonce)


def reissue_invitation(
    session: Session,
    *,
    principal: Principal,
    invitation_id: int,
    expires_at: datetime,
    email: str | None = None,
    now: datetime | None = None,
) -> IssuedInvitation:
    """A new link for an unsubmitted invitation (older links stop working); an expired or
    cancelled one is opened again, with answers saved so far kept and reminders restarted."""
    with QUESTIONNAIRES.transaction(
        session, principal=principal, action="questionnaire.reissue", object_id=invitation_id
    ) as change:
        invitation = _get(session, invitation_id=invitation_id, lock=True)
        if invitation.status == InvitationStatus.SUBMITTED:
            raise InvalidTransition(f"questionnaire #{invitation_id} is already submitted")
        if email is not None:
            if not _EMAIL.match(email.strip()):
                raise ValidationFailed(f"{email!r} is not an e-mail address")
            invitation.recipient_email = email.strip()
        moment = utc(now)
        nonce = _new_link(session, invitation)
        if invitation.status not in ANSWERING:
            answered = session.scalar(
                select(QuestionnaireAnswer.id).where(
                    QuestionnaireAnswer.invitation_id == invitation_id
                )
            )
            invitation.status = InvitationStatus.IN_PROGRESS if answered else InvitationStatus.SENT
        invitation.expires_at = expires_at
        invitation.reminders_sent = 0
        invitation.last_reminded_at = None
        invitation.updated_at = moment
        change.record(invitation.id, details={"status": invitation.status.value}, now=moment)
        return IssuedInvitation(_to_public(invitation), nonce)


def record_delivery(
    session: Session,
    *,
    principal: Principal,
    invitation_id: int,
    delivery: Literal["email", "link"],
    error: str | None = None,
    now: datetime | None = None,
) -> InvitationPublic:
    """Note that the link went out by e-mail or was handed to the team to copy, or, with
    `error`, why the e-mail could not be sent (kept on the invitation, not lost)."""
    with QUESTIONNAIRES.transaction(
        session, principal=principal, action="questionnaire.deliver", object_id=invitation_id
    ) as change:
        invitation = _get(session, invitation_id=invitation_id)
        moment = utc(now)
        invitation.delivery_error = error
        if error is None:
            invitation.sent_at = moment
            invitation.delivery = delivery
        invitation.updated_at = moment
        change.record(
            invitation.id, details={"delivery": delivery, "failed": error is not None}, now=moment
        )
        return _to_public(invitation)


def current_link(session: Session, *, principal: Principal, invitation_id: int) -> IssuedInvitation:
    """The invitation with the nonce of its current link, to write that link again (a
    reminder, the team copying it); the read is audited."""
    with QUESTIONNAIRES.transaction(
        session, principal=principal, action="questionnaire.link", object_id=invitation_id
    ) as change:
        invitation = _get(session, invitation_id=invitation_id)
        change.record(invitation.id)
        return IssuedInvitation(_to_public(invitation), _nonce(session, invitation))


def cancel_invitation(
    session: Session, *, principal: Principal, invitation_id: int, now: datetime | None = None
) -> InvitationPublic:
    """Withdraw an unsubmitted invitation; its link is refused from now on."""
    with QUESTIONNAIRES.transaction(
        session, principal=principal, action="questionnaire.cancel", object_id=invitation_id
    ) as change:
        invitation = _get(session, invitation_id=invitation_id, lock=True)
        if invitation.status == InvitationStatus.SUBMITTED:
            raise InvalidTransition(f"questionnaire #{invitation_id} is already submitted")
        moment = utc(now)
        invitation.status = InvitationStatus.CANCELLED
        invitation.updated_at = moment
        change.record(invitation.id, details={"status": "cancelled"}, now=moment)
        return _to_public(invitation)


def list_invitations(
    session: Session,
    *,
    principal: Principal,
    supplier_id: int | None = None,
    status: InvitationStatus | None = None,
) -> list[InvitationPublic]:
    """Invitations, newest first, optionally for one supplier or in one status."""
    query = select(QuestionnaireInvitation).order_by(
        QuestionnaireInvitation.created_at.desc(), QuestionnaireInvitation.id.desc()
    )
    if supplier_id is not None:
        query = query.where(QuestionnaireInvitation.supplier_id == supplier_id)
    if status is not None:
        query = query.where(QuestionnaireInvitation.status == status)
    with QUESTIONNAIRES.read(session, principal=principal, action="questionnaire.list"):
        return [_to_public(invitation) for invitation in session.scalars(query)]


def score_history(
    session: Session, *, principal: Principal, supplier_id: int
) -> list[InvitationPublic]:
    """A supplier's submitted questionnaires with their scores, oldest first."""
    query = (
        select(QuestionnaireInvitation)
        .where(
            QuestionnaireInvitation.supplier_id == supplier_id,
            QuestionnaireInvitation.status == InvitationStatus.SUBMITTED,
        )
        .order_by(QuestionnaireInvitation.submitted_at, QuestionnaireInvitation.id)
    )
    with QUESTIONNAIRES.transaction(
        session, principal=principal, action="questionnaire.scores", object_id=supplier_id
    ):
        load_supplier(session, supplier_id=supplier_id)
        return [_to_public(invitation) for invitation in session.scalars(query)]


def get_invitation(
    session: Session, *, principal: Principal, invitation_id: int
) -> InvitationDetail:
    """One invitation with its answers, attachments and suggestions (the read is audited)."""
    with QUESTIONNAIRES.read(
        session, principal=principal, action="questionnaire.read", object_id=invitation_id
    ):
        invitation = _get(session, invitation_id=invitation_id)
        return InvitationDetail(
            invitation=_to_public(invitation),
            answers=_answers(session, invitation_id=invitation_id),
            attachments=_attachments(session, invitation_id=invitation_id),
            suggestions=[
                SuggestionPublic.model_validate(row)
                for row in session.scalars(
                    select(QuestionnaireSuggestion)
                    .where(QuestionnaireSuggestion.invitation_id == invitation_id)
                    .order_by(QuestionnaireSuggestion.id)
                )
            ],
        )


def read_attachment(
    session: Session, *, principal: Principal, attachment_id: int
) -> tuple[AttachmentPublic, bytes]:
    """An attached document and its bytes, for the team (the download is audited)."""
    with QUESTIONNAIRES.transaction(
        session, principal=principal, action="questionnaire.attachment_read"
    ) as change:
        attachment = session.get(QuestionnaireAttachment, attachment_id)
        if attachment is None:
            raise AttachmentNotFound(f"No attachment with id {attachment_id}.")
        change.record(attachment.invitation_id, details={"attachment_id": attachment_id})
        return AttachmentPublic.model_validate(attachment), attachment.data


def decide_suggestion(
    session: Session,
    *,
    principal: Principal,
    suggestion_id: int,
    accept: bool,
    language: Literal["nb", "en"] = "nb",
    now: datetime | None = None,
) -> SuggestionPublic:
    """Accept a suggestion (the follow-up task or deviation is created, in `language`, and
    linked) or dismiss it; each suggestion is decided once, even by two people at once."""
    with QUESTIONNAIRES.transaction(
        session, principal=principal, action="questionnaire.suggestion_check"
    ):
        suggestion = _get_suggestion(session, suggestion_id=suggestion_id)
        invitation = _get(session, invitation_id=suggestion.invitation_id)
        flag = _flag(load_questionnaire(invitation.version), flag_id=suggestion.flag_id)
        supplier_id = invitation.supplier_id
    key = f"questionnaire:suggestion:{suggestion_id}"
    if suggestion.status != SuggestionStatus.SUGGESTED or not claims.claim(
        session, key=key, now=now
    ):
        raise InvalidTransition(f"suggestion #{suggestion_id} has already been decided")
    task_id = deviation_id = None
    try:
        if accept:
            task_id, deviation_id = _follow_up(
                session,
                principal=principal,
                flag=flag,
                supplier_id=supplier_id,
                origin=f"SAQ #{suggestion.invitation_id} ({suggestion.question_id})",
                language=language,
                now=now,
            )
    except BaseException:
        claims.release(session, key=key)
        raise
    action = "questionnaire.suggestion_accept" if accept else "questionnaire.suggestion_dismiss"
    with QUESTIONNAIRES.transaction(session, principal=principal, action=action) as change:
        suggestion = _get_suggestion(session, suggestion_id=suggestion_id)
        moment = utc(now)
        suggestion.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.DISMISSED
        suggestion.task_id, suggestion.deviation_id = task_id, deviation_id
        suggestion.decided_by, suggestion.decided_at = principal.actor, moment
        change.record(
            suggestion.invitation_id,
            details={
                "suggestion_id": suggestion_id,
                "task_id": task_id,
                "deviation_id": deviation_id,
            },
            now=moment,
        )
        return SuggestionPublic.model_validate(suggestion)


def expire_invitations(
    session: Session, *, principal: Principal, now: datetime | None = None
) -> list[int]:
    """Mark every unsubmitted invitation past its deadline as expired; returns their ids."""
    moment = utc(now)
    with QUESTIONNAIRES.transaction(
        session, principal=principal, action="questionnaire.expire"
    ) as change:
        due = session.scalars(
            select(QuestionnaireInvitation).where(
                QuestionnaireInvitation.status.in_(ANSWERING),
                QuestionnaireInvitation.expires_at <= moment,
            )
        ).all()
        for invitation in due:
            invitation.status = InvitationStatus.EXPIRED
            invitation.updated_at = moment
            change.record(invitation.id, details={"status": "expired"}, now=moment)
        return [invitation.id for invitation in due]


def awaiting_answers(session: Session, *, principal: Principal) -> list[InvitationPublic]:
    """Invitations delivered and still waiting for the supplier, oldest first (for reminders)."""
    query = (
        select(QuestionnaireInvitation)
        .where(
            QuestionnaireInvitation.status.in_(ANSWERING),
            QuestionnaireInvitation.sent_at.is_not(None),
        )
        .order_by(QuestionnaireInvitation.sent_at, QuestionnaireInvitation.id)
    )
    with QUESTIONNAIRES.read(session, principal=principal, action="questionnaire.list"):
        return [_to_public(invitation) for invitation in session.scalars(query)]


def record_reminder(
    session: Session,
    *,
    principal: Principal,
    invitation_id: int,
    number: int,
    now: datetime | None = None,
) -> InvitationPublic:
    """Note that reminder `number` (1, 2, ...) went out."""
    with QUESTIONNAIRES.transaction(
        session, principal=principal, action="questionnaire.remind", object_id=invitation_id
    ) as change:
        invitation = _get(session, invitation_id=invitation_id)
        moment = utc(now)
        invitation.reminders_sent = max(invitation.reminders_sent, number)
        invitation.last_reminded_at = moment
        invitation.updated_at = moment
        change.record(invitation.id, details={"reminder": number}, now=moment)
        return _to_public(invitation)


# The supplier's side, through the link ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class SupplierCopy:
    """What a link opens: the invitation, the answers saved so far, the documents attached."""

    invitation: InvitationPublic
    answers: dict[str, AnswerPublic]
    attachments: tuple[AttachmentPublic, ...]

    @property
    def read_only(self) -> bool:
        """Submitted questionnaires can be read through the link, no longer changed."""
        return self.invitation.status == InvitationStatus.SUBMITTED


def open_for_supplier(
    session: Session, *, invitation_id: int, nonce: str, now: datetime | None = None
) -> SupplierCopy:
    """The invitation behind a link with what was saved; the first opening is noted."""
    moment = utc(now)
    with transaction(session):
        invitation = _for_link(session, invitation_id=invitation_id, nonce=nonce, now=moment)
        _audit_supplier(session, invitation, action="questionnaire.open", now=moment)
        if invitation.opened_at is None:
            invitation.opened_at = moment
        return SupplierCopy(
            invitation=_to_public(invitation),
            answers={a.question_id: a for a in _answers(session, invitation_id=invitation_id)},
            attachments=tuple(_attachments(session, invitation_id=invitation_id)),
        )


def save_answer(
    session: Session,
    *,
    invitation_id: int,
    nonce: str,
    question_id: str,
    choice: str | None = None,
    text: str | None = None,
    now: datetime | None = None,
) -> AnswerPublic:
    """Save one answer (a choice, or text for a text question; an empty one clears it)."""
    moment = utc(now)
    with transaction(session):
        invitation = _for_link(
            session, invitation_id=invitation_id, nonce=nonce, now=moment, writing=True
        )
        question = _question(load_questionnaire(invitation.version), question_id=question_id)
        choice = choice or None
        text = (text or "").strip() or None
        if question.kind == QuestionKind.CHOICE:
            if choice is not None and choice not in question.choices:
                raise ValidationFailed(f"{choice!r} is not an answer to {question_id}")
            text = None
        else:
            choice = None
            if text is not None and len(text) > MAX_TEXT_CHARS:
                raise ValidationFailed(f"an answer may have at most {MAX_TEXT_CHARS} characters")
        insert = _INSERTS[session.get_bind().dialect.name]
        values = {"choice": choice, "text": text, "updated_at": moment}
        session.execute(
            insert(QuestionnaireAnswer)
            .values(invitation_id=invitation_id, question_id=question_id, **values)
            .on_conflict_do_update(index_elements=["invitation_id", "question_id"], set_=values)
        )
        if invitation.status == InvitationStatus.SENT:
            invitation.status = InvitationStatus.IN_PROGRESS
        invitation.updated_at = moment
        _audit_supplier(
            session,
            invitation,
            action="questionnaire.answer",
            details={"question_id": question_id},
            now=moment,
        )
        return AnswerPublic(question_id=question_id, choice=choice, text=text, updated_at=moment)


def add_attachment(
    session: Session,
    *,
    invitation_id: int,
    nonce: str,
    question_id: str,
    filename: str,
    data: bytes,
    max_bytes: int,
    now: datetime | None = None,
) -> AttachmentPublic:
    """Attach a document to a question that takes one: PDF, PNG, JPEG, DOCX or XLSX by its
    content, at most `max_bytes`."""
    moment = utc(now)
    if not data:
        raise ValidationFailed("the file is empty")
    if len(data) > max_bytes:
        raise ValidationFailed(f"the file is larger than {max_bytes // 2**20} MB")
    content_type = detect_content_type(data)
    if content_type is None:
        raise ValidationFailed("only PDF, PNG, JPEG, Word (DOCX) and Excel (XLSX) files are taken")
    with transaction(session):
        invitation = _for_link(
            session, invitation_id=invitation_id, nonce=nonce, now=moment, writing=True
        )
        question = _question(load_questionnaire(invitation.version), question_id=question_id)
        if not question.attachment:
            raise ValidationFailed(f"question {question_id} takes no attachment")
        if len(_attachments(session, invitation_id=invitation_id)) >= MAX_ATTACHMENTS:
            raise ValidationFailed(f"at most {MAX_ATTACHMENTS} files can be attached")
        attachment = QuestionnaireAttachment(
            invitation_id=invitation_id,
            question_id=question_id,
            original_name=_file_name(filename),
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            created_at=moment,
        )
        session.add(attachment)
        if invitation.status == InvitationStatus.SENT:
            invitation.status = InvitationStatus.IN_PROGRESS
        invitation.updated_at = moment
        session.flush()
        _audit_supplier(
            session,
            invitation,
            action="questionnaire.attach",
            details={"question_id": question_id, "attachment_id": attachment.id},
            now=moment,
        )
        return AttachmentPublic.model_validate(attachment)


def submit_questionnaire(
    session: Session,
    *,
    invitation_id: int,
    nonce: str,
    name: str,
    role: str,
    now: datetime | None = None,
) -> InvitationPublic:
    """Submit: every required question answered, a named person and role confirm; the
    answers are scored and each red flag raised becomes a suggestion for the team."""
    moment = utc(now)
    name, role = " ".join(name.split()), " ".join(role.split())
    if not name or not role or len(name) > MAX_NAME_CHARS or len(role) > MAX_NAME_CHARS:
        raise ValidationFailed("the name and role of the person confirming are required")
    with transaction(session):
        invitation = _for_link(
            session, invitation_id=invitation_id, nonce=nonce, now=moment, writing=True
        )
        saq = load_questionnaire(invitation.version)
        answers = _answer_values(session, invitation_id=invitation_id)
        missing = missing_answers(saq, answers)
        if missing:
            raise ValidationFailed(f"unanswered required questions: {', '.join(missing)}")
        score = scoring.score_answers(saq, answers)
        invitation.status = InvitationStatus.SUBMITTED
        invitation.submitted_at = moment
        invitation.confirmed_by_name, invitation.confirmed_by_role = name, role
        invitation.scores = scoring.to_json(score)
        invitation.updated_at = moment
        for flag in score.red_flags:
            session.add(
                QuestionnaireSuggestion(
                    invitation_id=invitation_id,
                    question_id=flag.question_id,
                    flag_id=flag.id,
                    kind=flag.kind,
                    status=SuggestionStatus.SUGGESTED,
                    created_at=moment,
                )
            )
        _audit_supplier(
            session,
            invitation,
            action="questionnaire.submit",
            details={"total": score.total, "red_flags": len(score.red_flags)},
            now=moment,
        )
        return _to_public(invitation)


def missing_answers(questionnaire: Questionnaire, answers: dict[str, str | None]) -> list[str]:
    """The required questions without an answer, in order."""
    return [
        question.id
        for question in questionnaire.questions
        if question.required and not answers.get(question.id)
    ]


# Helpers ---------------------------------------------------------------------------------


def _for_link(
    session: Session, *, invitation_id: int, nonce: str, now: datetime, writing: bool = False
) -> QuestionnaireInvitation:
    """The invitation a link opens, or `LinkRefused` saying why; locked when `writing`."""
    invitation = session.get(QuestionnaireInvitation, invitation_id, with_for_update=writing)
    if invitation is None or not hmac.compare_digest(invitation.nonce_hash, _hash(nonce)):
        raise LinkRefused("invalid", "this questionnaire link is not valid or has been replaced")
    if invitation.status == InvitationStatus.CANCELLED:
        raise LinkRefused("cancelled", "this questionnaire has been withdrawn")
    if invitation.status == InvitationStatus.EXPIRED or (
        invitation.status in ANSWERING and now >= invitation.expires_at
    ):
        raise LinkRefused("expired", "this questionnaire link has expired")
    if writing and invitation.status == InvitationStatus.SUBMITTED:
        raise LinkRefused("submitted", "this questionnaire is submitted and can no longer change")
    return invitation


def _audit_supplier(
    session: Session,
    invitation: QuestionnaireInvitation,
    *,
    action: str,
    now: datetime,
    details: dict[str, Any] | None = None,
) -> None:
    audit.record(
        session,
        principal=supplier_principal(invitation.id),
        action=action,
        object_type=QUESTIONNAIRES.object_type,
        object_id=invitation.id,
        details=details,
        now=now,
    )


def _follow_up(
    session: Session,
    *,
    principal: Principal,
    flag: RedFlag,
    supplier_id: int,
    origin: str,
    language: str,
    now: datetime | None,
) -> tuple[int | None, int | None]:
    """Create the task or deviation a flag suggests; returns (task id, deviation id)."""
    wording = flag.wording[language]
    if flag.task_kind is not None:
        data = TaskCreate(
            supplier_id=supplier_id, kind=flag.task_kind, title=wording, origin=origin
        )
        return create_task(session, principal=principal, data=data, now=now).id, None
    assert flag.deviation_type is not None
    found = DeviationCreate(supplier_id=supplier_id, type=flag.deviation_type, description=wording)
    return None, create_deviation(session, principal=principal, data=found, now=now).id


def _get(session: Session, *, invitation_id: int, lock: bool = False) -> QuestionnaireInvitation:
    invitation = session.get(QuestionnaireInvitation, invitation_id, with_for_update=lock)
    if invitation is None:
        raise InvitationNotFound(f"No questionnaire invitation with id {invitation_id}.")
    return invitation


def _get_suggestion(session: Session, *, suggestion_id: int) -> QuestionnaireSuggestion:
    suggestion = session.get(QuestionnaireSuggestion, suggestion_id)
    if suggestion is None:
        raise SuggestionNotFound(f"No suggestion with id {suggestion_id}.")
    return suggestion


def _flag(questionnaire: Questionnaire, *, flag_id: str) -> RedFlag:
    for flag in questionnaire.red_flags:
        if flag.id == flag_id:
            return flag
    raise QuestionnaireInvalid(f"{questionnaire.version} has no red flag {flag_id!r}")


def _question(questionnaire: Questionnaire, *, question_id: str) -> Question:
    try:
        return questionnaire.question(question_id)
    except KeyError as error:
        raise ValidationFailed(f"the questionnaire has no question {question_id!r}") from error


def _answers(session: Session, *, invitation_id: int) -> list[AnswerPublic]:
    query = (
        select(QuestionnaireAnswer)
        .where(QuestionnaireAnswer.invitation_id == invitation_id)
        .order_by(QuestionnaireAnswer.id)
    )
    return [AnswerPublic.model_validate(answer) for answer in session.scalars(query)]


def _answer_values(session: Session, *, invitation_id: int) -> dict[str, str | None]:
    return {
        answer.question_id: answer.choice or answer.text
        for answer in _answers(session, invitation_id=invitation_id)
    }


def _attachments(session: Session, *, invitation_id: int) -> list[AttachmentPublic]:
    query = (
        select(QuestionnaireAttachment)
        .where(QuestionnaireAttachment.invitation_id == invitation_id)
        .order_by(QuestionnaireAttachment.id)
    )
    return [AttachmentPublic.model_validate(row) for row in session.scalars(query)]


def _new_link(session: Session, invitation: QuestionnaireInvitation) -> str:
    """Give the invitation a fresh link (older ones stop matching); returns its nonce."""
    invitation.link_salt = secrets.token_hex(16)
    nonce = _nonce(session, invitation)
    invitation.nonce_hash = _hash(nonce)
    return nonce


def _nonce(session: Session, invitation: QuestionnaireInvitation) -> str:
    """The nonce of the invitation's current link: a keyed hash of its salt."""
    return keyring_for(session).lookup(f"questionnaire-link:{invitation.link_salt}")[:32]


def _to_public(invitation: QuestionnaireInvitation) -> InvitationPublic:
    return InvitationPublic.model_validate(invitation)


def _hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode("ascii", "replace")).hexdigest()


def _file_name(filename: str) -> str:
    """The uploaded file's own name, without any folder part, at most 255 characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return (name or "file")[:255]
