"""The supplier register: who we buy from, where, what, and how risky that is.

A supplier's risk is never stored as a number someone typed: it is derived on every read from
its countries and product categories (`storage.risk`), with the reasons. A compliance handler
may override it with a written justification; the derived level and reasons stay beside it.

Usage::

    supplier = create_supplier(session, principal=officer, data=SupplierCreate(
        name="Dhaka Knit Ltd", countries=["Bangladesh"], product_categories=["Textiles"]))
    supplier.risk  # RiskLevel.VERY_HIGH
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import SupplierNotFound, ValidationFailed
from storage.models import Supplier
from storage.principal import Principal, Role
from storage.risk import ReferenceData, RiskAssessment, RiskLevel, derive_risk, load_reference_data
from storage.services.changes import COMPLIANCE_ONLY, Change, Guard, apply_update, utc

SUPPLIERS = Guard("supplier")
READERS = COMPLIANCE_ONLY | {Role.ADMIN}


class SupplierCreate(BaseModel):
    """A new supplier; countries as ISO codes or names, categories as free text."""

    name: str = Field(min_length=1, max_length=200)
    org_number: str | None = Field(None, max_length=32)
    countries: list[str] = Field(default_factory=list)
    product_categories: list[str] = Field(default_factory=list)


class SupplierUpdate(BaseModel):
    """Fields to change on a supplier; None leaves a field as it is."""

    name: str | None = Field(None, min_length=1, max_length=200)
    org_number: str | None = Field(None, max_length=32)
    countries: list[str] | None = None
    product_categories: list[str] | None = None


class SupplierPublic(BaseModel):
    """A supplier as shown to people: the level in force, and the derivation beside it."""

    id: int
    name: str
    org_number: str | None
    countries: list[str]
    product_categories: list[str]
    risk: RiskLevel
    derived: RiskAssessment
    risk_override: RiskLevel | None
    override_justification: str | None
    created_at: datetime
    updated_at: datetime


def create_supplier(
    session: Session,
    *,
    principal: Principal,
    data: SupplierCreate,
    reference: ReferenceData | None = None,
    now: datetime | None = None,
) -> SupplierPublic:
    """Register a supplier and return it with its derived risk."""
    with SUPPLIERS.transaction(session, principal=principal, action="supplier.create") as change:
        moment = utc(now)
        supplier = Supplier(**_columns(data.model_dump(), reference=reference), created_at=moment)
        session.add(supplier)
        return _saved(change, supplier=supplier, now=moment, reference=reference)


def update_supplier(
    session: Session,
    *,
    principal: Principal,
    supplier_id: int,
    data: SupplierUpdate,
    reference: ReferenceData | None = None,
    now: datetime | None = None,
) -> SupplierPublic:
    """Change a supplier's name, number, countries or categories; risk follows."""
    with SUPPLIERS.transaction(session, principal=principal, action="supplier.update") as change:
        supplier = load_supplier(session, supplier_id=supplier_id)
        values = _columns(data.model_dump(exclude_none=True), reference=reference)
        fields = apply_update(supplier, values=values)
        return _saved(
            change, supplier=supplier, now=now, reference=reference, details={"fields": fields}
        )


def override_risk(
    session: Session,
    *,
    principal: Principal,
    supplier_id: int,
    level: RiskLevel | None,
    justification: str,
    reference: ReferenceData | None = None,
    now: datetime | None = None,
) -> SupplierPublic:
    """Set (or, with `level=None`, remove) a manual risk level; a justification is required."""
    with SUPPLIERS.transaction(
        session, principal=principal, action="supplier.override_risk"
    ) as change:
        if not justification.strip():
            raise ValidationFailed("A risk override needs a written justification.")
        supplier = load_supplier(session, supplier_id=supplier_id)
        previous = supplier.risk_override
        supplier.risk_override = level
        supplier.override_justification = justification.strip() if level is not None else None
        details = {
            "from": None if previous is None else previous.value,
            "to": None if level is None else level.value,
            "justification": justification.strip(),
        }
        return _saved(change, supplier=supplier, now=now, reference=reference, details=details)


def get_supplier(
    session: Session,
    *,
    principal: Principal,
    supplier_id: int,
    reference: ReferenceData | None = None,
) -> SupplierPublic:
    """One supplier with its risk and reasons."""
    with SUPPLIERS.transaction(session, principal=principal, action="supplier.read", roles=READERS):
        return to_public(load_supplier(session, supplier_id=supplier_id), reference=reference)


def list_suppliers(
    session: Session,
    *,
    principal: Principal,
    min_risk: RiskLevel | None = None,
    reference: ReferenceData | None = None,
) -> list[SupplierPublic]:
    """Every supplier by name, optionally only those at `min_risk` or above."""
    with SUPPLIERS.transaction(session, principal=principal, action="supplier.list", roles=READERS):
        suppliers = session.scalars(select(Supplier).order_by(Supplier.name, Supplier.id))
        public = [to_public(supplier, reference=reference) for supplier in suppliers]
    return [item for item in public if min_risk is None or item.risk >= min_risk]


def to_public(supplier: Supplier, *, reference: ReferenceData | None = None) -> SupplierPublic:
    """The supplier with its derived risk (bundled tables by default) and any override."""
    derived = derive_risk(
        countries=supplier.countries or [],
        categories=supplier.product_categories or [],
        data=reference or bundled_reference_data(),
    )
    override = None if supplier.risk_override is None else RiskLevel(supplier.risk_override)
    return SupplierPublic(
        id=supplier.id,
        name=supplier.name,
        org_number=supplier.org_number,
        countries=list(supplier.countries or []),
        product_categories=list(supplier.product_categories or []),
        risk=override or derived.level,
        derived=derived,
        risk_override=override,
        override_justification=supplier.override_justification,
        created_at=supplier.created_at,
        updated_at=supplier.updated_at,
    )


@lru_cache(maxsize=1)
def bundled_reference_data() -> ReferenceData:
    """The reference tables shipped with aktsom, read once."""
    return load_reference_data()


def load_supplier(session: Session, *, supplier_id: int) -> Supplier:
    """The supplier row, or SupplierNotFound."""
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        raise SupplierNotFound(f"No supplier with id {supplier_id}.")
    return supplier


def _saved(
    change: Change,
    *,
    supplier: Supplier,
    now: datetime | None,
    reference: ReferenceData | None,
    details: dict[str, Any] | None = None,
) -> SupplierPublic:
    """Stamp the change time, audit it with the level in force and the derived one."""
    supplier.updated_at = utc(now)
    change.session.flush()
    public = to_public(supplier, reference=reference)
    risk = {"risk": public.risk.value, "derived": public.derived.level.value}
    change.record(supplier.id, details={**(details or {}), **risk}, now=supplier.updated_at)
    return public


def _columns(values: dict[str, Any], *, reference: ReferenceData | None) -> dict[str, Any]:
    """Column values from create or update input: name stripped, countries as ISO codes."""
    cleaned = dict(values)
    if "name" in cleaned:
        cleaned["name"] = cleaned["name"].strip()
    if "countries" in cleaned:
        cleaned["countries"] = _to_codes(
            cleaned["countries"], reference=reference or bundled_reference_data()
        )
    if "product_categories" in cleaned:
        cleaned["product_categories"] = _clean(cleaned["product_categories"])
    return cleaned


def _to_codes(countries: list[str], *, reference: ReferenceData) -> list[str]:
    """ISO codes for the countries the tables know; other names are kept as written."""
    cleaned = _clean(countries)
    return [reference.resolve_country(name) or name for name in cleaned]


def _clean(values: list[str]) -> list[str]:
    """Stripped, non-empty, first occurrence kept."""
    return list(dict.fromkeys(value.strip() for value in values if value.strip()))
