"""Retention: closed cases older than the configured period are deleted with their messages.

The audit trail keeps that a case existed and was purged (its reference and outcome), never
its contents; the audit rows themselves are not deleted, so the chain stays verifiable.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import Case, CaseStatus
from storage.principal import Principal, Role
from storage.services import audit
from storage.services.access import require


def purge_closed_cases(
    session: Session,
    *,
    principal: Principal,
    older_than_days: int,
    now: datetime | None = None,
) -> list[str]:
    """Delete cases closed more than `older_than_days` ago; returns their references."""
    require(
        session,
        principal=principal,
        roles=(Role.COMPLIANCE, Role.ADMIN),
        action="case.purge",
        object_type="case",
    )
    now = (now or datetime.now(UTC)).astimezone(UTC)
    cutoff = now - timedelta(days=older_than_days)
    expired = session.execute(
        select(Case.id, Case.reference, Case.outcome)
        .where(Case.status == CaseStatus.CLOSED)
        .where(Case.closed_at < cutoff)
        .order_by(Case.id)
    ).all()
    for row in expired:
        audit.record(
            session,
            principal=principal,
            action="case.purged",
            object_type="case",
            object_id=row.reference,
            details={"outcome": row.outcome.value if row.outcome else None},
            now=now,
        )
    if expired:
        session.execute(delete(Case).where(Case.id.in_([row.id for row in expired])))
    session.commit()
    return [row.reference for row in expired]
