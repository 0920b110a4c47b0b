"""Reading the audit trail, for the compliance team's audit page.

Usage::

    events = list_events(session, principal=officer, limit=50)
    older = list_events(session, principal=officer, before_seq=events[-1].seq)
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AuditEvent
from storage.principal import Principal
from storage.services.changes import Guard

AUDIT = Guard("audit")


def list_events(
    session: Session,
    *,
    principal: Principal,
    before_seq: int | None = None,
    limit: int | None = 50,
    about: tuple[str, str] | None = None,
) -> list[AuditEvent]:
    """The newest `limit` events (those before `before_seq`, for paging; only those `about`
    one `(object_type, object_id)` when given); compliance only."""
    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if before_seq is not None:
        query = query.where(AuditEvent.seq < before_seq)
    if about is not None:
        object_type, object_id = about
        query = query.where(AuditEvent.object_type == object_type)
        query = query.where(AuditEvent.object_id == object_id)
    with AUDIT.read(session, principal=principal, action="audit.list"):
        events = list(session.scalars(query))
        session.expunge_all()
        return events
