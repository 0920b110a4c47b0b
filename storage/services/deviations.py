"""Deviations (avvik) found at suppliers, where in the chain, and the measures taken.

The register the annual account (§ 5) draws on: what was found, what was done about it.

Usage::

    deviation = create_deviation(session, principal=officer, data=DeviationCreate(
        supplier_id=7, type=DeviationType.WAGES, description="Wages below minimum"))
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AliasPath, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import DeviationNotFound
from storage.models import Deviation, DeviationStatus, DeviationType
from storage.principal import Principal
from storage.services.changes import Change, Guard, apply_update, utc
from storage.services.confidential import MAX_LINE_CHARS, MAX_TEXT_CHARS, Confidential
from storage.services.suppliers import load_supplier

DEVIATIONS = Guard("deviation")


class DeviationCreate(Confidential):
    """A deviation found at one supplier; it starts open."""

    supplier_id: int
    type: DeviationType
    description: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    supply_chain_location: str | None = Field(None, max_length=MAX_LINE_CHARS)
    measures: str | None = Field(None, max_length=MAX_TEXT_CHARS)


class DeviationUpdate(Confidential):
    """Fields to change on a deviation; None leaves a field as it is."""

    type: DeviationType | None = None
    description: str | None = Field(None, min_length=1, max_length=MAX_TEXT_CHARS)
    supply_chain_location: str | None = Field(None, max_length=MAX_LINE_CHARS)
    measures: str | None = Field(None, max_length=MAX_TEXT_CHARS)
    status: DeviationStatus | None = None


class DeviationPublic(Confidential):
    """A deviation as shown to people."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    supplier_id: int
    supplier_name: str = Field(validation_alias=AliasPath("supplier", "name"))
    """Read from the deviation's supplier row."""
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
    with DEVIATIONS.transaction(session, principal=principal, action="deviation.create") as change:
        load_supplier(session, supplier_id=data.supplier_id)
        moment = utc(now)
        deviation = Deviation(**data.model_dump(), status=DeviationStatus.OPEN, created_at=moment)
        session.add(deviation)
        return _saved(change, deviation=deviation, now=moment)


def update_deviation(
    session: Session,
    *,
    principal: Principal,
    deviation_id: int,
    data: DeviationUpdate,
    now: datetime | None = None,
) -> DeviationPublic:
    """Change a deviation's details, measures or status."""
    with DEVIATIONS.transaction(session, principal=principal, action="deviation.update") as change:
        deviation = _get(session, deviation_id=deviation_id)
        fields = apply_update(deviation, values=data.model_dump(exclude_none=True))
        return _saved(change, deviation=deviation, now=now, fields=fields)


def get_deviation(session: Session, *, principal: Principal, deviation_id: int) -> DeviationPublic:
    """One deviation."""
    with DEVIATIONS.read(
        session, principal=principal, action="deviation.read", object_id=deviation_id
    ):
        return to_public(_get(session, deviation_id=deviation_id))


def list_deviations(
    session: Session,
    *,
    principal: Principal,
    supplier_id: int | None = None,
    status: DeviationStatus | None = None,
) -> list[DeviationPublic]:
    """Deviations, newest first, optionally for one supplier or in one status."""
    query = select(Deviation).order_by(Deviation.created_at.desc(), Deviation.id.desc())
    if supplier_id is not None:
        query = query.where(Deviation.supplier_id == supplier_id)
    if status is not None:
        query = query.where(Deviation.status == status)
    with DEVIATIONS.read(session, principal=principal, action="deviation.list"):
        return [to_public(deviation) for deviation in session.scalars(query)]


def to_public(deviation: Deviation) -> DeviationPublic:
    """The deviation with its supplier's name."""
    return DeviationPublic.model_validate(deviation)


def _get(session: Session, *, deviation_id: int) -> Deviation:
    """The deviation row, or DeviationNotFound."""
    deviation = session.get(Deviation, deviation_id)
    if deviation is None:
        raise DeviationNotFound(f"No deviation with id {deviation_id}.")
    return deviation


def _saved(
    change: Change,
    *,
    deviation: Deviation,
    now: datetime | None,
    fields: list[str] | None = None,
) -> DeviationPublic:
    """Stamp the change time, audit it, and return the deviation (committed by the guard)."""
    deviation.updated_at = utc(now)
    change.session.flush()
    details: dict[str, Any] = {
        "supplier_id": deviation.supplier_id,
        "status": deviation.status.value,
    }
    if fields is not None:
        details["fields"] = fields
    change.record(deviation.id, details=details, now=deviation.updated_at)
    return to_public(deviation)
