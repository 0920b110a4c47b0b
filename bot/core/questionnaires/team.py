"""The compliance team's side of the questionnaires: send, re-send, cancel, follow the
response rates, read what a supplier answered, its score history, and accept or dismiss the
follow-ups red flags suggest.

Every call acts as the person's register principal: the compliance role is required and the
register audits it (`storage.services.questionnaires`).

Usage::

    results = send(core, person=member, supplier_ids=[3, 4], language="en")
    [result.describe("nb") for result in results]   # e-mailed, or the link to copy, or why not
    board = overview(core, person=member)           # rows and response rates
    decide(core, person=member, suggestion_id=5, accept=True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.core import messages
from bot.core.context import Core
from bot.core.people import Lang, Person
from bot.core.questionnaires.emails import deliver
from bot.core.questionnaires.links import link_for
from storage.errors import InvalidTransition, SupplierNotFound, ValidationFailed
from storage.models import InvitationStatus
from storage.questionnaire import QuestionKind, Questionnaire, load_questionnaire
from storage.services import questionnaires as store
from storage.services import suppliers
from storage.services.questionnaires import (
    AttachmentPublic,
    InvitationPublic,
    IssuedInvitation,
    SuggestionPublic,
)
from storage.services.suppliers import SupplierPublic


class SendOutcome(StrEnum):
    """What became of sending the questionnaire to one supplier."""

    EMAILED = "emailed"
    LINK = "link"
    """No SMTP is configured: the team copies the link and sends it themselves."""
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class SendResult:
    """One supplier's outcome; `link` is set whenever an invitation exists, `reason` on
    failure (an e-mail that failed keeps its invitation and link, so nothing is lost)."""

    supplier_id: int
    supplier_name: str
    outcome: SendOutcome
    invitation_id: int | None = None
    email: str | None = None
    link: str | None = None
    reason: str | None = None

    def describe(self, lang: Lang) -> str:
        """One line for the team."""
        return messages.text(
            lang,
            f"saq.sent.{self.outcome.value}",
            supplier=self.supplier_name,
            id=self.invitation_id,
            email=self.email,
            link=self.link,
            reason=self.reason,
        )


@dataclass(frozen=True, slots=True)
class ResponseRates:
    """How many invitations went out, were opened, submitted, or are past their deadline
    unanswered (cancelled ones are left out)."""

    sent: int
    opened: int
    submitted: int
    overdue: int

    def share(self, count: int) -> float | None:
        """`count` as a percentage of those sent, one decimal; None when none were sent."""
        return round(100 * count / self.sent, 1) if self.sent else None


@dataclass(frozen=True, slots=True)
class InvitationRow:
    """An invitation on the team's board."""

    invitation: InvitationPublic
    overdue: bool


@dataclass(frozen=True, slots=True)
class Overview:
    """Every invitation, newest first, and the response rates over them."""

    rows: tuple[InvitationRow, ...]
    rates: ResponseRates


@dataclass(frozen=True, slots=True)
class AreaResult:
    """One area's score for the team's pages; `score` None shows as "–"."""

    area: str
    title: str
    score: float | None


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One submitted questionnaire in a supplier's score history."""

    invitation_id: int
    version: str
    submitted_at: datetime | None
    confirmed_by: str
    total: float | None
    areas: tuple[AreaResult, ...]
    red_flags: tuple[str, ...]
    """The red flags raised, worded for the team."""


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """A question with the supplier's answer, in the team's language."""

    question_id: str
    section: str
    question: str
    answer: str | None
    """The choice's label or the text written; None when unanswered."""
    attachments: tuple[AttachmentPublic, ...]


@dataclass(frozen=True, slots=True)
class SuggestionRow:
    """A red flag's suggested follow-up, worded for the team."""

    suggestion: SuggestionPublic
    wording: str
    """The task's title or the deviation's description."""
    target: str
    """The task kind's or deviation type's label."""


@dataclass(frozen=True, slots=True)
class InvitationFile:
    """One invitation with its answers, scores and suggestions, for the team."""

    invitation: InvitationPublic
    questionnaire: Questionnaire
    answers: tuple[AnswerRow, ...]
    score: ScoreRow | None
    suggestions: tuple[SuggestionRow, ...]


def send(
    core: Core,
    *,
    person: Person,
    supplier_ids: Sequence[int],
    email: str | None = None,
    language: str | None = None,
) -> list[SendResult]:
    """Send the newest questionnaire to each supplier: by e-mail when SMTP is configured,
    else as a link to copy. `email` overrides the register's contact address (for one
    supplier); `language` defaults to the supplier's (Norwegian or Swedish for suppliers only
    in Norway or Sweden, else English)."""
    return [
        _send_one(core, person=person, supplier_id=supplier_id, email=email, language=language)
        for supplier_id in supplier_ids
    ]


def resend(
    core: Core, *, person: Person, invitation_id: int, email: str | None = None
) -> SendResult:
    """A new link for an unsubmitted invitation (older links stop working), with a fresh
    deadline, delivered as `send` does."""
    with core.session() as session:
        issued = store.reissue_invitation(
            session,
            principal=person.principal,
            invitation_id=invitation_id,
            expires_at=_deadline(core),
            email=email,
            now=core.now(),
        )
    return _deliver(core, person=person, issued=issued)


def cancel(core: Core, *, person: Person, invitation_id: int) -> InvitationPublic:
    """Withdraw an unsubmitted invitation; its link is refused from now on."""
    with core.session() as session:
        return store.cancel_invitation(
            session, principal=person.principal, invitation_id=invitation_id, now=core.now()
        )


def current_link(core: Core, *, person: Person, invitation_id: int) -> str:
    """The invitation's link as it stands, for the team to copy again (the read is audited)."""
    with core.session() as session:
        issued = store.current_link(
            session, principal=person.principal, invitation_id=invitation_id
        )
    return link_for(core, invitation_id=invitation_id, nonce=issued.nonce)


def overview(core: Core, *, person: Person, supplier_id: int | None = None) -> Overview:
    """Every invitation (or one supplier's) with its status, and the response rates."""
    now = core.now()
    with core.session() as session:
        found = store.list_invitations(session, principal=person.principal, supplier_id=supplier_id)
    rows = tuple(InvitationRow(row, row.overdue(now=now)) for row in found)
    counted = [row for row in rows if row.invitation.status != InvitationStatus.CANCELLED]
    rates = ResponseRates(
        sent=sum(row.invitation.sent_at is not None for row in counted),
        opened=sum(row.invitation.opened_at is not None for row in counted),
        submitted=sum(row.invitation.status == InvitationStatus.SUBMITTED for row in counted),
        overdue=sum(row.overdue for row in counted),
    )
    return Overview(rows=rows, rates=rates)


def score_history(core: Core, *, person: Person, supplier_id: int) -> list[ScoreRow]:
    """A supplier's submitted questionnaires with their scores, oldest first."""
    with core.session() as session:
        found = store.score_history(session, principal=person.principal, supplier_id=supplier_id)
    return [_score_row(person.language, invitation) for invitation in found]


def invitation_file(core: Core, *, person: Person, invitation_id: int) -> InvitationFile:
    """One invitation with the questions and answers, scores and suggestions."""
    lang = person.language
    with core.session() as session:
        detail = store.get_invitation(
            session, principal=person.principal, invitation_id=invitation_id
        )
    saq = load_questionnaire(detail.invitation.version)
    given = {answer.question_id: answer for answer in detail.answers}
    rows = []
    for section in saq.sections:
        for question in section.questions:
            answer = given.get(question.id)
            rows.append(
                AnswerRow(
                    question_id=question.id,
                    section=section.title[lang],
                    question=question.text[lang],
                    answer=_answer_text(saq, lang, question.kind, answer),
                    attachments=tuple(
                        item for item in detail.attachments if item.question_id == question.id
                    ),
                )
            )
    flags = {flag.id: flag for flag in saq.red_flags}
    suggestions = tuple(
        SuggestionRow(
            suggestion=suggestion,
            wording=flags[suggestion.flag_id].wording[_team(lang)],
            target=messages.label(
                lang,
                flags[suggestion.flag_id].task_kind or flags[suggestion.flag_id].deviation_type,
            ),
        )
        for suggestion in detail.suggestions
    )
    score = _score_row(lang, detail.invitation) if detail.invitation.scores else None
    return InvitationFile(detail.invitation, saq, tuple(rows), score, suggestions)


def decide(core: Core, *, person: Person, suggestion_id: int, accept: bool) -> SuggestionPublic:
    """Accept a suggestion (the task or deviation is created and linked) or dismiss it."""
    with core.session() as session:
        return store.decide_suggestion(
            session,
            principal=person.principal,
            suggestion_id=suggestion_id,
            accept=accept,
            language=_team(person.language),
            now=core.now(),
        )


def attachment(core: Core, *, person: Person, attachment_id: int) -> tuple[AttachmentPublic, bytes]:
    """An attached document to download (the download is audited)."""
    with core.session() as session:
        return store.read_attachment(
            session, principal=person.principal, attachment_id=attachment_id
        )


def scoring_rule(lang: Lang) -> str:
    """How the scores are counted, in words for the team's pages."""
    return messages.text(lang, "saq.scoring_rule")


def _send_one(
    core: Core, *, person: Person, supplier_id: int, email: str | None, language: str | None
) -> SendResult:
    try:
        with core.session() as session:
            supplier = suppliers.get_supplier(
                session,
                principal=person.principal,
                supplier_id=supplier_id,
                reference=core.reference,
            )
    except SupplierNotFound as error:
        return SendResult(supplier_id, f"#{supplier_id}", SendOutcome.FAILED, reason=str(error))
    address = email or supplier.contact_email
    if not address:
        reason = messages.text(person.language, "saq.reason.no_email")
        return SendResult(supplier_id, supplier.name, SendOutcome.FAILED, reason=reason)
    try:
        with core.session() as session:
            issued = store.create_invitation(
                session,
                principal=person.principal,
                supplier_id=supplier_id,
                email=address,
                language=language or _language_for(supplier),
                expires_at=_deadline(core),
                now=core.now(),
            )
    except (InvalidTransition, ValidationFailed) as error:
        return SendResult(supplier_id, supplier.name, SendOutcome.FAILED, reason=str(error))
    return _deliver(core, person=person, issued=issued)


def _deliver(core: Core, *, person: Person, issued: IssuedInvitation) -> SendResult:
    """E-mail the link when SMTP is configured, else hand it over; record which."""
    invitation = issued.invitation
    link = link_for(core, invitation_id=invitation.id, nonce=issued.nonce)
    error = None
    if core.outreach.mailer is not None:
        error = deliver(core, invitation=invitation, link=link)
    with core.session() as session:
        store.record_delivery(
            session,
            principal=person.principal,
            invitation_id=invitation.id,
            delivery="email" if core.outreach.mailer is not None else "link",
            error=error,
            now=core.now(),
        )
    if error is not None:
        outcome = SendOutcome.FAILED
    else:
        outcome = SendOutcome.EMAILED if core.outreach.mailer is not None else SendOutcome.LINK
    return SendResult(
        supplier_id=invitation.supplier_id,
        supplier_name=invitation.supplier_name,
        outcome=outcome,
        invitation_id=invitation.id,
        email=invitation.recipient_email,
        link=link,
        reason=error,
    )


def _score_row(lang: Lang, invitation: InvitationPublic) -> ScoreRow:
    saq = load_questionnaire(invitation.version)
    scores = invitation.scores or {}
    areas = scores.get("areas", {})
    flags = {flag.id: flag for flag in saq.red_flags}
    return ScoreRow(
        invitation_id=invitation.id,
        version=invitation.version,
        submitted_at=invitation.submitted_at,
        confirmed_by=f"{invitation.confirmed_by_name} ({invitation.confirmed_by_role})",
        total=scores.get("total"),
        areas=tuple(
            AreaResult(area.id, area.title[lang], areas.get(area.id, {}).get("score"))
            for area in saq.areas
        ),
        red_flags=tuple(
            flags[flag_id].wording[_team(lang)]
            for flag_id in scores.get("red_flags", [])
            if flag_id in flags
        ),
    )


def _answer_text(
    saq: Questionnaire, lang: Lang, kind: QuestionKind, answer: store.AnswerPublic | None
) -> str | None:
    if answer is None:
        return None
    if kind == QuestionKind.CHOICE:
        return saq.choice_labels[answer.choice][lang] if answer.choice else None
    return answer.text


def _language_for(supplier: SupplierPublic) -> str:
    """Norwegian for suppliers only in Norway, Swedish for those only in Sweden, else English."""
    only = set(supplier.countries)
    return {"NO": "nb", "SE": "sv"}.get(only.pop(), "en") if len(only) == 1 else "en"


def _team(lang: Lang) -> str:
    """Red flags are worded for the team in bokmål and English."""
    return "nb" if lang == "nb" else "en"


def _deadline(core: Core) -> datetime:
    return core.now() + timedelta(days=core.outreach.link_days)
