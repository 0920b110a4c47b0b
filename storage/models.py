"""SQLAlchemy tables for the compliance register (cases, suppliers, follow-up, audit) and the
chat bots' bookkeeping beside it (claims, answers given, votes on them).

Only structure lives here; rules (deadlines, access, hashing, encryption) live in
`storage/services/`. Case descriptions and message bodies are `bytes` because they are
stored encrypted (see `storage/crypto.py`); enums are stored as their string values.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.risk import RiskLevel
from storage.types import StrEnumType, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base; its metadata is the target of the Alembic migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CaseCategory(StrEnum):
    """What a reported concern is about."""

    FORCED_LABOUR = "forced_labour"
    CHILD_LABOUR = "child_labour"
    WAGES_AND_BENEFITS = "wages_and_benefits"
    WORKING_HOURS = "working_hours"
    HEALTH_AND_SAFETY = "health_and_safety"
    DISCRIMINATION_AND_HARASSMENT = "discrimination_and_harassment"
    FREEDOM_OF_ASSOCIATION = "freedom_of_association"
    ENVIRONMENT = "environment"
    CORRUPTION_AND_BRIBERY = "corruption_and_bribery"
    OTHER = "other"


class Channel(StrEnum):
    """Where a case was reported."""

    SLACK = "slack"
    TEAMS = "teams"
    WEB = "web"
    CLI = "cli"


class CaseStatus(StrEnum):
    """Case workflow: received → acknowledged → investigating → closed."""

    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    INVESTIGATING = "investigating"
    CLOSED = "closed"


class CaseOutcome(StrEnum):
    """How a closed case ended."""

    SUBSTANTIATED = "substantiated"
    NOT_SUBSTANTIATED = "not_substantiated"
    REFERRED = "referred"
    WITHDRAWN = "withdrawn"


class MessageAuthor(StrEnum):
    """Which side of a case wrote a message."""

    HANDLER = "handler"
    REPORTER = "reporter"


class TaskKind(StrEnum):
    """Kinds of supplier follow-up."""

    SELF_ASSESSMENT = "self_assessment"
    AUDIT = "audit"
    DIALOGUE_MEETING = "dialogue_meeting"
    CORRECTIVE_ACTION_PLAN = "corrective_action_plan"
    DOCUMENT_REQUEST = "document_request"
    OTHER = "other"


class TaskStatus(StrEnum):
    """Follow-up task status."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class DeviationType(StrEnum):
    """What kind of deviation (avvik) was found at a supplier."""

    CHILD_LABOUR = "child_labour"
    FORCED_LABOUR = "forced_labour"
    WAGES = "wages"
    WORKING_HOURS = "working_hours"
    HSE = "hse"
    DUE_DILIGENCE_ROUTINES = "due_diligence_routines"
    SOCIAL_DIALOGUE = "social_dialogue"
    OTHER = "other"


class DeviationStatus(StrEnum):
    """Deviation status."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class InformationRequestStatus(StrEnum):
    """Status of an information request under §§ 6–7."""

    RECEIVED = "received"
    ANSWERED = "answered"
    REFUSED = "refused"
    EXTENDED = "extended"


class Supplier(Base):
    """A supplier or business partner in the due-diligence register."""

    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    org_number: Mapped[str | None] = mapped_column(String(32), index=True)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    """ISO 3166-1 alpha-2 codes, e.g. ["BD", "CN"]."""
    product_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str | None] = mapped_column(Text)
    """What we buy, as the supplier list words it ("bomullsskjorter og arbeidsbukser")."""
    category_matches: Mapped[list[dict[str, str]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )
    """How free text was mapped to DFØ categories: [{"category": ..., "matched": ...}]."""
    annual_spend: Mapped[int | None] = mapped_column(BigInteger)
    """Annual spend in whole currency units (NOK unless the company says otherwise)."""
    contact_email: Mapped[str | None] = mapped_column(String(320))
    risk_override: Mapped[RiskLevel | None] = mapped_column(StrEnumType(RiskLevel))
    override_justification: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    tasks: Mapped[list[FollowUpTask]] = relationship(back_populates="supplier")
    deviations: Mapped[list[Deviation]] = relationship(back_populates="supplier")


class Case(Base):
    """A reported concern; contents encrypted, reachable by reporters only via the receipt."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    category: Mapped[CaseCategory] = mapped_column(StrEnumType(CaseCategory))
    supplier_id: Mapped[int | None] = mapped_column(
        ForeignKey("suppliers.id", ondelete="SET NULL"), index=True
    )
    supplier_name: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    description: Mapped[bytes] = mapped_column(LargeBinary)
    anonymous: Mapped[bool] = mapped_column(Boolean)
    reporter: Mapped[bytes | None] = mapped_column(LargeBinary)
    """A named reporter's `platform:user id`, encrypted; None for an anonymous report."""
    key_id: Mapped[str | None] = mapped_column(String(32))
    """The case's own data key in the case key directory (see `storage.case_keys`); the
    description, reporter and messages are encrypted under it. None: written before case
    keys, under the keyring."""
    channel: Mapped[Channel] = mapped_column(StrEnumType(Channel))
    status: Mapped[CaseStatus] = mapped_column(StrEnumType(CaseStatus), index=True)
    outcome: Mapped[CaseOutcome | None] = mapped_column(StrEnumType(CaseOutcome))
    handler_id: Mapped[str | None] = mapped_column(String(128))
    receipt_selector: Mapped[str] = mapped_column(String(16), index=True)
    receipt_hash: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    acknowledge_due: Mapped[datetime] = mapped_column(UTCDateTime)
    feedback_due: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    messages: Mapped[list[CaseMessage]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="CaseMessage.id",
    )


class CaseMessage(Base):
    """One message on a case, handler ↔ reporter; the body is encrypted."""

    __tablename__ = "case_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author: Mapped[MessageAuthor] = mapped_column(StrEnumType(MessageAuthor))
    author_id: Mapped[str | None] = mapped_column(String(128))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    case: Mapped[Case] = relationship(back_populates="messages")


class ReferenceCounter(Base):
    """Last case number used per year, locked while a reference is drawn."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class RegisterSetting(Base):
    """A value the register keeps about itself, e.g. the salt a passphrase key is made with."""

    __tablename__ = "register_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


class ReceiptWindow(Base):
    """One rate-limit window for receipt codes and the salt that hides sources in it; both
    are deleted when the window is over, so no attempt can later be tied to a person."""

    __tablename__ = "receipt_windows"

    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary)


class ReceiptAttempt(Base):
    """A receipt code being tried, failed or refused in a window, counted for the limits."""

    __tablename__ = "receipt_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    window_starts_at: Mapped[datetime] = mapped_column(
        ForeignKey("receipt_windows.starts_at", ondelete="CASCADE"), index=True
    )
    source_key: Mapped[str] = mapped_column(String(64))
    """HMAC of the caller's source under the window's salt, so no user id is stored."""
    outcome: Mapped[str] = mapped_column(String(16))
    """`pending` while the code is checked, `failed` when wrong, `refused` past a limit."""


class FollowUpTask(Base):
    """A follow-up with a supplier: audit, questionnaire, meeting, plan."""

    __tablename__ = "follow_up_tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[TaskKind] = mapped_column(StrEnumType(TaskKind))
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    assignee: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[TaskStatus] = mapped_column(StrEnumType(TaskStatus), index=True)
    origin: Mapped[str | None] = mapped_column(Text)
    """Chat permalink or case reference the task came from."""
    completion_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    supplier: Mapped[Supplier] = relationship(back_populates="tasks")


class Deviation(Base):
    """A deviation (avvik) found at a supplier and the measures taken."""

    __tablename__ = "deviations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[DeviationType] = mapped_column(StrEnumType(DeviationType))
    supply_chain_location: Mapped[str | None] = mapped_column(Text)
    """Where in the supply chain, e.g. 'tier 2, spinning mill, Tamil Nadu'."""
    description: Mapped[str] = mapped_column(Text)
    measures: Mapped[str | None] = mapped_column(Text)
    status: Mapped[DeviationStatus] = mapped_column(StrEnumType(DeviationStatus), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    supplier: Mapped[Supplier] = relationship(back_populates="deviations")


class InformationRequest(Base):
    """A request for information under the Transparency Act §§ 6–7."""

    __tablename__ = "information_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requester_name: Mapped[bytes] = mapped_column(LargeBinary)
    """Who asked, encrypted."""
    requester_contact: Mapped[bytes] = mapped_column(LargeBinary)
    """How to reach them (e-mail, address), encrypted."""
    question: Mapped[str] = mapped_column(Text)
    concerns: Mapped[str | None] = mapped_column(String(300))
    channel: Mapped[Channel] = mapped_column(StrEnumType(Channel), server_default="cli")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    extended_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    extension_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[InformationRequestStatus] = mapped_column(
        StrEnumType(InformationRequestStatus), index=True
    )
    answer: Mapped[str | None] = mapped_column(Text)
    refusal_basis: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    """One append-only audit row; `hash` covers the row and the previous row's hash."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class Claim(Base):
    """A key taken once across bot processes: an event handled, a reminder sent today."""

    __tablename__ = "claims"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class ChatConversation(Base):
    """Where a chat platform lets the bot write later (a Teams conversation reference), kept
    only for compliance members and the team's channel, never for reporters."""

    __tablename__ = "chat_conversations"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    reference: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChatAnswer(Base):
    """An answer the bot gave to a question in chat; who asked is never stored."""

    __tablename__ = "chat_answers"
    __table_args__ = (
        Index(
            "ix_chat_answers_platform_conversation_id_thread_id",
            "platform",
            "conversation_id",
            "thread_id",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    conversation_id: Mapped[str] = mapped_column(String(255))
    """Teams personal-chat ids run past 100 characters, Slack's are about 11."""
    thread_id: Mapped[str | None] = mapped_column(String(255))
    """None for an answer outside a thread."""
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    found: Mapped[bool] = mapped_column(Boolean)
    """Whether the answer quoted a source, or said nothing was found."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AnswerVote(Base):
    """One person's thumbs up (+1) or down (-1) on an answer, under a keyed hash of them."""

    __tablename__ = "answer_votes"
    __table_args__ = (
        UniqueConstraint("answer_id", "voter_key", name="uq_answer_votes_answer_id_voter_key"),
        CheckConstraint("vote IN (-1, 1)", name="vote"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("chat_answers.id", ondelete="CASCADE"))
    voter_key: Mapped[str] = mapped_column(String(64))
    """`Keyring.lookup` of the voter, never the platform user id."""
    vote: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class InvitationStatus(StrEnum):
    """A questionnaire invitation: sent → in progress → submitted, or expired or cancelled."""

    SENT = "sent"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class SuggestionStatus(StrEnum):
    """A follow-up suggested by a red flag, until a person accepts or dismisses it."""

    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class QuestionnaireInvitation(Base):
    """A self-assessment questionnaire sent to one supplier, answered through a signed link
    whose nonce only this row's hash can match (a new link replaces the old one)."""

    __tablename__ = "questionnaire_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[str] = mapped_column(String(32))
    """The questionnaire version it was sent with, e.g. `saq-2026-1`."""
    language: Mapped[str] = mapped_column(String(2))
    recipient_email: Mapped[str | None] = mapped_column(String(320))
    status: Mapped[InvitationStatus] = mapped_column(StrEnumType(InvitationStatus), index=True)
    link_salt: Mapped[str] = mapped_column(String(32))
    """Random per link; the link's nonce is the keyed hash of it, so the server can write the
    same link again (reminders) while a database copy alone cannot."""
    nonce_hash: Mapped[str] = mapped_column(String(64))
    """SHA-256 of the nonce the current link carries; a new link replaces it."""
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the link last went out by e-mail, or was handed to the team to copy."""
    delivery: Mapped[str | None] = mapped_column(String(16))
    """`email` or `link` (copied by the team); None until delivered."""
    delivery_error: Mapped[str | None] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_by_name: Mapped[str | None] = mapped_column(String(200))
    confirmed_by_role: Mapped[str | None] = mapped_column(String(200))
    scores: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """`storage.scoring.to_json` of the answers, written on submit."""
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    supplier: Mapped[Supplier] = relationship()


class QuestionnaireAnswer(Base):
    """One saved answer; saving again overwrites it (last write wins)."""

    __tablename__ = "questionnaire_answers"
    __table_args__ = (
        UniqueConstraint(
            "invitation_id", "question_id", name="uq_questionnaire_answers_invitation_id_question"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_invitations.id", ondelete="CASCADE")
    )
    question_id: Mapped[str] = mapped_column(String(64))
    choice: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class QuestionnaireAttachment(Base):
    """A document a supplier attached to an answer, type-checked by its content."""

    __tablename__ = "questionnaire_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_invitations.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(64))
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    """Detected from the bytes (`storage.file_types`), never taken from the name."""
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    """Kept in the database, so every replica serves it."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class QuestionnaireSuggestion(Base):
    """A follow-up task or deviation suggested by a red flag in a submitted questionnaire."""

    __tablename__ = "questionnaire_suggestions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_invitations.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(64))
    flag_id: Mapped[str] = mapped_column(String(64))
    """The red flag in the invitation's questionnaire version; its wording is read there."""
    kind: Mapped[str] = mapped_column(String(16))
    """`task` or `deviation`."""
    status: Mapped[SuggestionStatus] = mapped_column(StrEnumType(SuggestionStatus), index=True)
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_up_tasks.id", ondelete="SET NULL")
    )
    deviation_id: Mapped[int | None] = mapped_column(
        ForeignKey("deviations.id", ondelete="SET NULL")
    )
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
