"""The supplier's side of a questionnaire, through its link only: open it in the
invitation's language with what was saved, save one answer at a time, attach documents,
and submit with a named person and role.

Every call starts from the token in the link (`links.read_token`); a forged, replaced,
cancelled or expired link raises `LinkRefused` before anything is read or changed, and
`refusal(lang, error)` words it. A submitted questionnaire opens read-only.

Usage::

    page = open_questionnaire(core, token=token)          # sections, questions, answers
    save_answer(core, token=token, question_id="hr.policy", choice="yes")
    attach(core, token=token, question_id="hr.policy", filename="policy.pdf", data=b"%PDF-")
    submit(core, token=token, name="Ana Rahman", role="Head of compliance")
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core import messages
from bot.core.context import Core
from bot.core.errors import FormInvalid
from bot.core.people import Lang
from bot.core.questionnaires.links import read_token
from storage.errors import LinkRefused
from storage.questionnaire import LANGUAGES, QuestionKind, load_questionnaire
from storage.services import questionnaires as store
from storage.services.questionnaires import AnswerPublic, AttachmentPublic, SupplierCopy


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """One answer a choice question offers."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class QuestionView:
    """A question as the supplier sees it, with what they saved."""

    id: str
    kind: QuestionKind
    text: str
    required: bool
    choices: tuple[ChoiceView, ...]
    takes_attachment: bool
    choice: str | None
    answer_text: str | None
    attachments: tuple[AttachmentPublic, ...]

    @property
    def answered(self) -> bool:
        """Whether something is saved for it."""
        return bool(self.choice or self.answer_text)


@dataclass(frozen=True, slots=True)
class SectionView:
    """A heading and its questions."""

    id: str
    title: str
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True, slots=True)
class QuestionnairePage:
    """Everything the public page shows for one link."""

    invitation_id: int
    supplier_name: str
    language: str
    version: str
    title: str
    intro: str
    sections: tuple[SectionView, ...]
    read_only: bool
    deadline: datetime
    submitted_at: datetime | None
    confirmed_by_name: str | None
    confirmed_by_role: str | None

    @property
    def questions(self) -> tuple[QuestionView, ...]:
        """Every question, in order."""
        return tuple(question for section in self.sections for question in section.questions)

    @property
    def missing(self) -> tuple[str, ...]:
        """The required questions not answered yet."""
        return tuple(q.id for q in self.questions if q.required and not q.answered)


def open_questionnaire(core: Core, *, token: str, language: str | None = None) -> QuestionnairePage:
    """The questionnaire behind a link, in the invitation's language (or `language`, when the
    supplier switches), with the answers and documents saved so far."""
    invitation_id, nonce = read_token(core, token)
    with core.session() as session:
        copy = store.open_for_supplier(
            session, invitation_id=invitation_id, nonce=nonce, now=core.now()
        )
    return _page(copy, language=language if language in LANGUAGES else None)


def save_answer(
    core: Core,
    *,
    token: str,
    question_id: str,
    choice: str | None = None,
    text: str | None = None,
) -> AnswerPublic:
    """Save one answer; saving again replaces it, and an empty one clears it."""
    invitation_id, nonce = read_token(core, token)
    with core.session() as session:
        return store.save_answer(
            session,
            invitation_id=invitation_id,
            nonce=nonce,
            question_id=question_id,
            choice=choice,
            text=text,
            now=core.now(),
        )


def attach(
    core: Core, *, token: str, question_id: str, filename: str, data: bytes
) -> AttachmentPublic:
    """Attach a document (PDF, PNG, JPEG, DOCX or XLSX by content, size-limited); uploads
    count against the public pages' flood cap (`Busy`), once the link's signature holds."""
    invitation_id, nonce = read_token(core, token)
    core.flood.admit("questionnaire")
    with core.session() as session:
        return store.add_attachment(
            session,
            invitation_id=invitation_id,
            nonce=nonce,
            question_id=question_id,
            filename=filename,
            data=data,
            max_bytes=core.outreach.max_attachment_bytes,
            now=core.now(),
        )


def submit(core: Core, *, token: str, name: str, role: str) -> QuestionnairePage:
    """Submit the questionnaire; `FormInvalid` names each unanswered required question (by
    id, plus `submit` for the summary) and `confirm` when the name or role is missing."""
    page = open_questionnaire(core, token=token)
    core.flood.admit("questionnaire")
    lang = page.language
    errors = {}
    if page.missing:
        errors["submit"] = messages.text(lang, "saq.missing", count=len(page.missing))
        errors.update({qid: messages.text(lang, "saq.question_missing") for qid in page.missing})
    if not name.strip() or not role.strip():
        errors["confirm"] = messages.text(lang, "saq.confirm_required")
    if errors and not page.read_only:
        raise FormInvalid(errors)
    invitation_id, nonce = read_token(core, token)
    with core.session() as session:
        store.submit_questionnaire(
            session, invitation_id=invitation_id, nonce=nonce, name=name, role=role, now=core.now()
        )
    return open_questionnaire(core, token=token)


def refusal(lang: Lang, error: LinkRefused) -> str:
    """Why a link was refused, in words for the supplier."""
    return messages.text(lang, f"saq.refused.{error.reason}")


def _page(copy: SupplierCopy, *, language: str | None) -> QuestionnairePage:
    invitation = copy.invitation
    lang = language or invitation.language
    saq = load_questionnaire(invitation.version)
    sections = tuple(
        SectionView(
            id=section.id,
            title=section.title[lang],
            questions=tuple(
                QuestionView(
                    id=question.id,
                    kind=question.kind,
                    text=question.text[lang],
                    required=question.required,
                    choices=tuple(
                        ChoiceView(choice.value, saq.choice_labels[choice][lang])
                        for choice in question.choices
                    ),
                    takes_attachment=question.attachment,
                    choice=_saved(copy, question.id).choice,
                    answer_text=_saved(copy, question.id).text,
                    attachments=tuple(
                        item for item in copy.attachments if item.question_id == question.id
                    ),
                )
                for question in section.questions
            ),
        )
        for section in saq.sections
    )
    return QuestionnairePage(
        invitation_id=invitation.id,
        supplier_name=invitation.supplier_name,
        language=lang,
        version=invitation.version,
        title=saq.title[lang],
        intro=saq.intro[lang],
        sections=sections,
        read_only=copy.read_only,
        deadline=invitation.expires_at,
        submitted_at=invitation.submitted_at,
        confirmed_by_name=invitation.confirmed_by_name,
        confirmed_by_role=invitation.confirmed_by_role,
    )


def _saved(copy: SupplierCopy, question_id: str) -> AnswerPublic:
    return copy.answers.get(question_id) or AnswerPublic(
        question_id=question_id, choice=None, text=None, updated_at=copy.invitation.updated_at
    )
