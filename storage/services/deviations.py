"""Deviations (avvik) found at suppliers, where in the chain, and the measures taken.

The register the annual account (§ 5) draws on: what was found, what was done about it.

Usage::

    deviation = create_deviation(session, principal=officer, data=DeviationCreate(
        supplier_id=7, type=DeviationType.WAGES, description="Wages below minimum"))
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import DeviationNotFound, SupplierNotFound
from storage.models import Deviation, DeviationStatus, DeviationType, Supplier
from storage.principal import Principal, Role
from storage.services import audit
from storage.services.access import require

OBJECT_TYPE = "deviation"


class DeviationCreate(BaseModel):
    """A deviation found at one supplier; it starts open."""

    supplier_id: int
    type: DeviationType
    description: str = Field(min_length=1)
    supply_chain_location: str | None = None
    measures: str | None = None


class DeviationUpdate(BaseModel):
    """Fields to change on a deviation; None leaves a field as it is."""

    type: DeviationType | None = None
    description: str | None = Field(None, min_length=1)
    supply_chain_location: str | None = None
    measures: str | None = None
    status: DeviationStatus | None = None


class DeviationPublic(BaseModel):
    """A deviation as shown to people."""

    id: int
    supplier_id: int
    supplier_name: str
    type: DeviationType
    description: str
    supply_chain_location: str | None
    measures: str | None
    status: DeviationStatus
    created_at: datetime
    updated_at: datetime


def create_deviation(
    session: Session, *, principal: Principal, data: DeviationCreate, now: datetime | None = None
) -> DeviationPublic:
    """Record a deviation at a supplier."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="deviation.create",
        object_type=OBJECT_TYPE,
    )
    if session.get(Supplier, data.supplier_id) is None:
        raise SupplierNotFound(f"No supplier with id {data.supplier_id}.")
    moment = now or datetime.now(UTC)
    deviation = Deviation(
        **data.model_dump(), status=DeviationStatus.OPEN, created_at=moment, updated_at=moment
    )
    session.add(deviation)
    session.flush()
    return _commit(session, principal=principal, deviation=deviation, action="deviation.create")


def update_deviation(
    session: Session,
    *,
    principal: Principal,
    deviation_id: int,
    data: DeviationUpdate,
    now: datetime | None = None,
) -> DeviationPublic:
    """Change a deviation's details, measures or status."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="deviation.update",
        object_type=OBJECT_TYPE,
    )
    deviation = _get(session, deviation_id=deviation_id)
    changed = data.model_dump(exclude_none=True)
    for name, value in changed.items():
        setattr(deviation, name, value)
    deviation.updated_at = now or datetime.now(UTC)
    return _commit(
        session,
        principal=principal,
        deviation=deviation,
        action="deviation.update",
        fields=sorted(changed),
    )


def get_deviation(session: Session, *, principal: Principal, deviation_id: int) -> DeviationPublic:
    """One deviation."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="deviation.read",
        object_type=OBJECT_TYPE,
    )
    found = to_public(_get(session, deviation_id=deviation_id))
    session.commit()
    return found


def list_deviations(
    session: Session,
    *,
    principal: Principal,
    supplier_id: int | None = None,
    status: DeviationStatus | None = None,
) -> list[DeviationPublic]:
    """Deviations, newest first, optionally for one supplier or in one status."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="deviation.list",
        object_type=OBJECT_TYPE,
    )
    query = select(Deviation).order_by(Deviation.created_at.desc(), Deviation.id.desc())
    if supplier_id is not None:
        query = query.where(Deviation.supplier_id == supplier_id)
    if status is not None:
        query = query.where(Deviation.status == status)
    found = [to_public(deviation) for deviation in session.scalars(query)]
    session.commit()
    return found


def to_public(deviation: Deviation) -> DeviationPublic:
    """The deviation with its supplier's name."""
    return DeviationPublic(
        id=deviation.id,
        supplier_id=deviation.supplier_id,
        supplier_name=deviation.supplier.name,
        type=deviation.type,
        description=deviation.description,
        supply_chain_location=deviation.supply_chain_location,
        measures=deviation.measures,
        status=deviation.status,
        created_at=deviation.created_at,
        updated_at=deviation.updated_at,
    )


def _get(session: Session, *, deviation_id: int) -> Deviation:
    """The deviation row, or DeviationNotFound."""
    deviation = session.get(Deviation, deviation_id)
    if deviation is None:
        raise DeviationNotFound(f"No deviation with id {deviation_id}.")
    return deviation


def _commit(
    session: Session,
    *,
    principal: Principal,
    deviation: Deviation,
    action: str,
    fields: list[str] | None = None,
) -> DeviationPublic:
    """Audit the change, commit, and return the deviation."""
    details = {"supplier_id": deviation.supplier_id, "status": deviation.status.value}
    if fields is not None:
        details["fields"] = fields
    audit.record(
        session,
        principal=principal,
        action=action,
        object_type=OBJECT_TYPE,
        object_id=deviation.id,
        details=details,
        now=deviation.updated_at,
    )
    public = to_public(deviation)
    session.commit()
    return public
