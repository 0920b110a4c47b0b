"""What goes into and comes out of `storage.services.cases`; contents appear only in
`CaseDetail` (compliance) and `ReceiptView` (the reporter, via the receipt code)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import ConfigDict, Field

from storage.models import CaseCategory, CaseOutcome, CaseStatus, Channel, MessageAuthor
from storage.services.confidential import MAX_TEXT_CHARS, Confidential


class CaseCreate(Confidential):
    """A new report as the reporter filled in the form."""

    model_config = ConfigDict(str_strip_whitespace=True)

    category: CaseCategory
    description: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    anonymous: bool = True
    channel: Channel
    supplier_name: str | None = Field(None, max_length=200)
    supplier_id: int | None = None
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2.")


class CasePublic(Confidential):
    """A case as listed for handlers: no description, no messages, no reporter."""

    model_config = ConfigDict(from_attributes=True)

    reference: str
    category: CaseCategory
    status: CaseStatus
    outcome: CaseOutcome | None
    channel: Channel
    anonymous: bool
    supplier_name: str | None
    country: str | None
    handler_id: str | None
    received_at: datetime
    acknowledged_at: datetime | None
    closed_at: datetime | None
    acknowledge_due: datetime
    feedback_due: datetime


class MessageView(Confidential):
    """One decrypted case message."""

    author: MessageAuthor
    body: str
    created_at: datetime


class CaseDetail(CasePublic):
    """A case with its decrypted contents, for compliance handlers only."""

    description: str
    reporter_id: str | None
    messages: list[MessageView]


class ReceiptView(Confidential):
    """What a receipt code shows: status and the handlers' messages, nothing else."""

    reference: str
    status: CaseStatus
    outcome: CaseOutcome | None
    received_at: datetime
    messages: list[MessageView]


@dataclass(frozen=True, slots=True)
class SubmittedReport:
    """The reference and the one-time receipt code, shown to the reporter once, and the
    deadlines the reporter is promised."""

    reference: str
    receipt_code: str
    acknowledge_due: datetime
    feedback_due: datetime
