"""The plain data the flows hand to surfaces, named here so adapters import only `bot.core`.

These are the register's and the knowledge base's own types (enums, read models); the
adapters render them and never call `storage/`, `knowledge/` or `ingestion/` themselves.
"""

from knowledge.catalog import DocumentInfo
from storage.errors import AccessDenied, LinkRefused, ValidationFailed
from storage.models import (
    CaseCategory,
    CaseOutcome,
    CaseStatus,
    Channel,
    InvitationStatus,
    SuggestionStatus,
    TaskKind,
    TaskStatus,
)
from storage.questionnaire import LANGUAGES as QUESTIONNAIRE_LANGUAGES
from storage.risk import RiskLevel
from storage.services.case_schemas import CaseDetail, ReceiptView
from storage.services.questionnaires import InvitationPublic, SuggestionPublic

__all__ = [
    "QUESTIONNAIRE_LANGUAGES",
    "AccessDenied",
    "CaseCategory",
    "CaseDetail",
    "CaseOutcome",
    "CaseStatus",
    "Channel",
    "DocumentInfo",
    "InvitationPublic",
    "InvitationStatus",
    "LinkRefused",
    "ReceiptView",
    "RiskLevel",
    "SuggestionPublic",
    "SuggestionStatus",
    "TaskKind",
    "TaskStatus",
    "ValidationFailed",
]
