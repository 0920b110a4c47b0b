"""The one shape every register service call has: check the role, work, audit, commit.

Each service module names its kind of record once (`TASKS = Guard("follow_up_task")`); a
call then opens `guard.transaction(...)`, which requires a role (auditing a denial, see
`access.require`), runs the block as one transaction and commits it, or rolls it back if
the block raises, so no error path leaves SQLite's write lock held. The `Change` it yields
appends audit events to that same transaction: a change commits with its record or not at all.

Reads go through `guard.read(...)`, which audits every read a person makes (and a lookup
that finds nothing) in that same transaction; the bots' own scheduled reads (principal
platform `system`: reminders, announcements, a few a minute) read no contents and are not
recorded, or the trail would fill with them.

Usage::

    TASKS = Guard("follow_up_task")

    with TASKS.transaction(session, principal=me, action="task.start") as change:
        task = load_task(...)
        task.status = TaskStatus.IN_PROGRESS
        change.record(task.id, details={"status": "in_progress"})
        return to_public(task)
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from storage.db import transaction
from storage.errors import NotFound
from storage.principal import Principal, Role
from storage.services import audit
from storage.services.access import require

COMPLIANCE_ONLY = frozenset({Role.COMPLIANCE})


@dataclass(frozen=True, slots=True)
class Change:
    """One guarded call in progress; `record` audits it inside the open transaction."""

    session: Session
    principal: Principal
    action: str
    object_type: str

    def record(
        self,
        object_id: str | int | None,
        *,
        details: dict[str, Any] | None = None,
        now: datetime | None = None,
        action: str | None = None,
    ) -> None:
        """Append an audit event for `object_id`; `action` defaults to the guarded one."""
        audit.record(
            self.session,
            principal=self.principal,
            action=action or self.action,
            object_type=self.object_type,
            object_id=object_id,
            details=details,
            now=now,
        )


@dataclass(frozen=True, slots=True)
class Guard:
    """The kind of record a service module keeps, and the roles that may touch it."""

    object_type: str
    roles: frozenset[str] = field(default=COMPLIANCE_ONLY)

    @contextmanager
    def transaction(
        self,
        session: Session,
        *,
        principal: Principal,
        action: str,
        object_id: str | int | None = None,
        roles: Collection[str] | None = None,
    ) -> Iterator[Change]:
        """Require a role for `action`, then run the block as one committed transaction."""
        with transaction(session):
            require(
                session,
                principal=principal,
                roles=self.roles if roles is None else roles,
                action=action,
                object_type=self.object_type,
                object_id=object_id,
            )
            yield Change(session, principal, action, self.object_type)

    @contextmanager
    def read(
        self,
        session: Session,
        *,
        principal: Principal,
        action: str,
        object_id: str | int | None = None,
        roles: Collection[str] | None = None,
        now: datetime | None = None,
    ) -> Iterator[Change]:
        """Like `transaction`, and the read is audited as `action` when the block ends; a
        lookup that raises NotFound is audited with `{"found": false}` before it propagates."""
        try:
            with self.transaction(
                session, principal=principal, action=action, object_id=object_id, roles=roles
            ) as change:
                yield change
                if not principal.is_system:
                    change.record(object_id, now=now)
        except NotFound:
            if not principal.is_system:
                with transaction(session):
                    Change(session, principal, action, self.object_type).record(
                        object_id, details={"found": False}, now=now
                    )
            raise


def apply_update(row: object, *, values: dict[str, Any]) -> list[str]:
    """Set each of `values` on `row`; returns the changed field names, sorted, for the audit."""
    for name, value in values.items():
        setattr(row, name, value)
    return sorted(values)


def utc(now: datetime | None) -> datetime:
    """`now` in UTC, or the current UTC time."""
    return (now or datetime.now(UTC)).astimezone(UTC)
