"""Retention: closed cases older than the configured period are deleted with their messages.

The configured period is a floor, not a default: a purge may look further back, never less
far, whoever asks, so no role can destroy a recently closed case as "expired". The audit
trail keeps that a case existed and was purged (its reference and outcome), never its
contents; the audit rows themselves are not deleted, so the chain stays verifiable. Each
purged case's own key is destroyed once the deletion has committed, so copies of the database
made earlier, backups included, cannot be read for it either (`storage.case_keys`); keys
that no case refers to (a submission that never committed) go at the same time. On SQLite
deleted pages are zeroed (`secure_delete`) and the WAL is checkpointed and truncated after a
purge, so no copy of a purged case stays behind in the database files.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.crypto import keyring_for
from storage.db import scrub_sqlite
from storage.errors import ValidationFailed
from storage.models import Case, CaseStatus
from storage.principal import Principal, Role
from storage.services.changes import Guard, utc
from storage.services.keys import sweep_case_keys

PURGE = Guard("case", roles=frozenset({Role.COMPLIANCE, Role.ADMIN}))


def purge_closed_cases(
    session: Session,
    *,
    principal: Principal,
    retention_days: int,
    older_than_days: int | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Delete cases closed more than `older_than_days` ago (by default the configured
    `retention_days`, and never fewer); returns their references."""
    now = utc(now)
    older_than_days = retention_days if older_than_days is None else older_than_days
    with PURGE.transaction(session, principal=principal, action="case.purge") as change:
        if older_than_days < retention_days:
            raise ValidationFailed(
                f"cases are kept at least {retention_days} days after closing "
                "(AKTSOM_CASE_RETENTION_DAYS); a purge cannot look back less far"
            )
        expired = session.execute(
            select(Case.id, Case.reference, Case.outcome, Case.key_id)
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
    if expired:
        keyring_for(session).destroy_case_keys(row.key_id for row in expired if row.key_id)
        scrub_sqlite(session)
    sweep_case_keys(session)
    return [row.reference for row in expired]
