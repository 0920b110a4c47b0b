"""Role checks shared by the services: a denial is written to the audit trail, then raised.

Usage::

    require(session, principal=me, roles={Role.COMPLIANCE}, action="case.read",
            object_type="case", object_id="AK-2026-0001")
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.orm import Session

from storage.errors import AccessDenied
from storage.principal import Principal
from storage.services import audit


def require(
    session: Session,
    *,
    principal: Principal,
    roles: Collection[str],
    action: str,
    object_type: str,
    object_id: str | int | None = None,
) -> None:
    """Return if `principal` holds one of `roles`; else audit the denial and raise AccessDenied."""
    if any(principal.has(role) for role in roles):
        return
    session.rollback()
    audit.record(
        session,
        principal=principal,
        action="access.denied",
        object_type=object_type,
        object_id=object_id,
        details={"attempted": action, "needs": sorted(roles)},
    )
    session.commit()
    raise AccessDenied(f"{principal.actor} may not {action}: needs role {' or '.join(roles)}")
