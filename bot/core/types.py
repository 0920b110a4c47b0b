"""The plain data the flows hand to surfaces, named here so adapters import only `bot.core`.

These are the register's and the knowledge base's own types (enums, read models); the
adapters render them and never call `storage/`, `knowledge/` or `ingestion/` themselves.
"""

from knowledge.catalog import DocumentInfo
from storage.errors import AccessDenied
from storage.models import CaseCategory, CaseOutcome, CaseStatus, Channel, TaskKind, TaskStatus
from storage.risk import RiskLevel
from storage.services.case_schemas import CaseDetail, ReceiptView

__all__ = [
    "AccessDenied",
    "CaseCategory",
    "CaseDetail",
    "CaseOutcome",
    "CaseStatus",
    "Channel",
    "DocumentInfo",
    "ReceiptView",
    "RiskLevel",
    "TaskKind",
    "TaskStatus",
]
