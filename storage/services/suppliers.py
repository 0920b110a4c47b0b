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

from datetime import UTC, datetime
from functools import lru_cache

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import SupplierNotFound, ValidationFailed
from storage.models import Supplier
from storage.principal import Principal, Role
from storage.risk import ReferenceData, RiskAssessment, RiskLevel, derive_risk, load_reference_data
from storage.services import audit
from storage.services.access import require

OBJECT_TYPE = "supplier"


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
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="supplier.create",
        object_type=OBJECT_TYPE,
    )
    reference = reference or bundled_reference_data()
    moment = now or datetime.now(UTC)
    supplier = Supplier(
        name=data.name.strip(),
        org_number=data.org_number,
        countries=_to_codes(data.countries, reference=reference),
        product_categories=_clean(data.product_categories),
        created_at=moment,
        updated_at=moment,
    )
    session.add(supplier)
    session.flush()
    public = to_public(supplier, reference=reference)
    audit.record(
        session,
        principal=principal,
        action="supplier.create",
        object_type=OBJECT_TYPE,
        object_id=supplier.id,
        details={"risk": public.risk.value},
        now=moment,
    )
    session.commit()
    return public


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
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="supplier.update",
        object_type=OBJECT_TYPE,
    )
    reference = reference or bundled_reference_data()
    supplier = _get(session, supplier_id=supplier_id)
    changed = data.model_dump(exclude_none=True)
    if data.name is not None:
        supplier.name = data.name.strip()
    if data.org_number is not None:
        supplier.org_number = data.org_number
    if data.countries is not None:
        supplier.countries = _to_codes(data.countries, reference=reference)
    if data.product_categories is not None:
        supplier.product_categories = _clean(data.product_categories)
    supplier.updated_at = now or datetime.now(UTC)
    public = to_public(supplier, reference=reference)
    audit.record(
        session,
        principal=principal,
        action="supplier.update",
        object_type=OBJECT_TYPE,
        object_id=supplier.id,
        details={"fields": sorted(changed), "risk": public.risk.value},
        now=supplier.updated_at,
    )
    session.commit()
    return public


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
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE},
        action="supplier.override_risk",
        object_type=OBJECT_TYPE,
    )
    if not justification.strip():
        raise ValidationFailed("A risk override needs a written justification.")
    reference = reference or bundled_reference_data()
    supplier = _get(session, supplier_id=supplier_id)
    previous = supplier.risk_override
    supplier.risk_override = level
    supplier.override_justification = justification.strip() if level is not None else None
    supplier.updated_at = now or datetime.now(UTC)
    public = to_public(supplier, reference=reference)
    audit.record(
        session,
        principal=principal,
        action="supplier.override_risk",
        object_type=OBJECT_TYPE,
        object_id=supplier.id,
        details={
            "from": None if previous is None else previous.value,
            "to": None if level is None else level.value,
            "derived": public.derived.level.value,
            "justification": justification.strip(),
        },
        now=supplier.updated_at,
    )
    session.commit()
    return public


def get_supplier(
    session: Session,
    *,
    principal: Principal,
    supplier_id: int,
    reference: ReferenceData | None = None,
) -> SupplierPublic:
    """One supplier with its risk and reasons."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE, Role.ADMIN},
        action="supplier.read",
        object_type=OBJECT_TYPE,
    )
    found = to_public(
        _get(session, supplier_id=supplier_id), reference=reference or bundled_reference_data()
    )
    session.commit()
    return found


def list_suppliers(
    session: Session,
    *,
    principal: Principal,
    min_risk: RiskLevel | None = None,
    reference: ReferenceData | None = None,
) -> list[SupplierPublic]:
    """Every supplier by name, optionally only those at `min_risk` or above."""
    require(
        session,
        principal=principal,
        roles={Role.COMPLIANCE, Role.ADMIN},
        action="supplier.list",
        object_type=OBJECT_TYPE,
    )
    reference = reference or bundled_reference_data()
    suppliers = session.scalars(select(Supplier).order_by(Supplier.name, Supplier.id))
    public = [to_public(supplier, reference=reference) for supplier in suppliers]
    session.commit()
    return [item for item in public if min_risk is None or item.risk >= min_risk]


def to_public(supplier: Supplier, *, reference: ReferenceData) -> SupplierPublic:
    """The supplier with its derived risk and any override in force."""
    derived = derive_risk(
        countries=supplier.countries or [],
        categories=supplier.product_categories or [],
        data=reference,
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


def _get(session: Session, *, supplier_id: int) -> Supplier:
    """The supplier row, or SupplierNotFound."""
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        raise SupplierNotFound(f"No supplier with id {supplier_id}.")
    return supplier


def _to_codes(countries: list[str], *, reference: ReferenceData) -> list[str]:
    """ISO codes for the countries the tables know; other names are kept as written."""
    cleaned = _clean(countries)
    return [reference.resolve_country(name) or name for name in cleaned]


def _clean(values: list[str]) -> list[str]:
    """Stripped, non-empty, first occurrence kept."""
    return list(dict.fromkeys(value.strip() for value in values if value.strip()))
