"""Retention: closed cases older than the configured period are deleted with their messages.

The audit trail keeps that a case existed and was purged (its reference and outcome), never
its contents; the audit rows themselves are not deleted, so the chain stays verifiable.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import Case, CaseStatus
from storage.principal import Principal, Role
from storage.services.changes import Guard, utc

PURGE = Guard("case", roles=frozenset({Role.COMPLIANCE, Role.ADMIN}))


def purge_closed_cases(
    session: Session,
    *,
    principal: Principal,
    older_than_days: int,
    now: datetime | None = None,
) -> list[str]:
    """Delete cases closed more than `older_than_days` ago; returns their references."""
    now = utc(now)
    with PURGE.transaction(session, principal=principal, action="case.purge") as change:
        expired = session.execute(
            select(Case.id, Case.reference, Case.outcome)
            .where(Case.status == CaseStatus.CLOSED)
            .where(Case.closed_at < now - timedelta(days=older_than_days))
            .order_by(Case.id)
        ).all()
        for row in expired:
            outcome = row.outcome.value if row.outcome else None
            change.record(
                row.reference, action="case.purged", details={"outcome": outcome}, now=now
            )
        if expired:
            session.execute(delete(Case).where(Case.id.in_([row.id for row in expired])))
        return [row.reference for row in expired]
