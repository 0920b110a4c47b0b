"""The audit trail as the compliance team reads it: the newest events, and whether the
chain is intact up to the latest signed checkpoint.

Usage::

    page = audit_page(core, person=member)
    page.report.ok, [event.action for event in page.events]
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.context import Core
from bot.core.people import Person
from storage.crypto import keyring_for
from storage.models import AuditEvent
from storage.services.audit import ChainReport, verify_chain
from storage.services.audit_checkpoints import latest_checkpoint
from storage.services.audit_trail import list_events

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One page of events, newest first, with the chain's verification."""

    events: tuple[AuditEvent, ...]
    report: ChainReport
    older: int | None
    """The `before` value of the next (older) page, or None at the first event."""


def audit_page(core: Core, *, person: Person, before: int | None = None) -> AuditPage:
    """The `PAGE_SIZE` events before `before` (newest when None); compliance only."""
    with core.session() as session:
        events = list_events(
            session, principal=person.principal, before_seq=before, limit=PAGE_SIZE
        )
        latest = latest_checkpoint(core.checkpoints_dir, keyring=keyring_for(session))
        checkpoint = None if latest is None else (latest.seq, latest.hash)
        report = verify_chain(session, checkpoint=checkpoint)
    older = events[-1].seq if events and events[-1].seq > 1 else None
    return AuditPage(events=tuple(events), report=report, older=older)
