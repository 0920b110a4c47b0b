"""The supplier register: who we buy from, where, what, and how risky that is.

A supplier's risk is never stored as a number someone typed: it is derived on every read from
its countries and product categories (`storage.risk`), with the reasons. A compliance handler
may override it with a written justification; the derived level and reasons stay beside it.

`match_supplier` links a report to the register from the reporter's free-text supplier field.
It needs no principal and is not audited: it reveals only whether a name is registered.

Usage::

    supplier = create_supplier(session, principal=officer, data=SupplierCreate(
        name="Dhaka Knit Ltd", countries=["Bangladesh"], product_categories=["Textiles"]))
    supplier.risk  # RiskLevel.VERY_HIGH
    match_supplier(session, text="the dyeing plant at Dhaka Knit")  # SupplierMatch(1, ...)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.category_keywords import match_reasons
from storage.db import transaction
from storage.errors import SupplierNotFound, ValidationFailed
from storage.models import Supplier
from storage.principal import Principal, Role
from storage.risk import (
    DFO_SOURCE,
    ReferenceData,
    RiskAssessment,
    RiskLevel,
    derive_risk,
    load_reference_data,
)
from storage.services.changes import COMPLIANCE_ONLY, Change, Guard, apply_update, utc

SUPPLIERS = Guard("supplier")
READERS = COMPLIANCE_ONLY | {Role.ADMIN}
_WORD = re.compile(r"[^\W_]+")
LEGAL_FORMS = frozenset(
    tuple(_WORD.findall(form.casefold()))
    for form in (
        *("AS", "ASA", "A/S", "ANS", "DA", "ApS", "AB", "Abp", "Oy", "Oyj", "hf", "ehf"),
        *("AG", "GmbH", "KG", "BV", "B.V.", "NV", "N.V.", "SA", "S.A.", "SAS", "S.A.S."),
        *("SARL", "S.r.l.", "SpA", "S.p.A.", "SL", "S.L.", "Lda", "Ltda", "Ltd", "Limited"),
        *("Private Limited", "LLC", "LLP", "PLC", "Inc", "Incorporated", "Corp", "Co."),
        *("Pte", "Pvt", "PT"),
    )
)
"""Legal forms as word sequences ("A/S" is ("a", "s")), ignored at either end of a name."""
_LONGEST_FORM = max(len(form) for form in LEGAL_FORMS)


class SupplierCreate(BaseModel):
    """A new supplier; countries as ISO codes or names, categories as free text."""

    name: str = Field(min_length=1, max_length=200)
    org_number: str | None = Field(None, max_length=32)
    countries: list[str] = Field(default_factory=list)
    product_categories: list[str] = Field(default_factory=list)
    description: str | None = None
    annual_spend: int | None = Field(None, ge=0)
    contact_email: str | None = Field(None, max_length=320)


class SupplierUpdate(BaseModel):
    """Fields to change on a supplier; None leaves a field as it is."""

    name: str | None = Field(None, min_length=1, max_length=200)
    org_number: str | None = Field(None, max_length=32)
    countries: list[str] | None = None
    product_categories: list[str] | None = None
    description: str | None = None
    annual_spend: int | None = Field(None, ge=0)
    contact_email: str | None = Field(None, max_length=320)


@dataclass(frozen=True, slots=True)
class SupplierMatch:
    """The registered supplier a free-text name refers to."""

    id: int
    name: str


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
    description: str | None = None
    category_matches: list[dict[str, str]] = Field(default_factory=list)
    annual_spend: int | None = None
    contact_email: str | None = None


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
    with SUPPLIERS.read(
        session, principal=principal, action="supplier.read", object_id=supplier_id, roles=READERS
    ):
        return to_public(load_supplier(session, supplier_id=supplier_id), reference=reference)


def list_suppliers(
    session: Session,
    *,
    principal: Principal,
    min_risk: RiskLevel | None = None,
    reference: ReferenceData | None = None,
) -> list[SupplierPublic]:
    """Every supplier by name, optionally only those at `min_risk` or above."""
    with SUPPLIERS.read(session, principal=principal, action="supplier.list", roles=READERS):
        suppliers = session.scalars(select(Supplier).order_by(Supplier.name, Supplier.id))
        public = [to_public(supplier, reference=reference) for supplier in suppliers]
    return [item for item in public if min_risk is None or item.risk >= min_risk]


def match_supplier(session: Session, *, text: str) -> SupplierMatch | None:
    """The registered supplier that `text` names, or None if none or several fit.

    Case, punctuation and legal forms (AS, A/S, Ltd, GmbH, Co., ...) are ignored on both
    sides. A registered name fits when its words appear in `text` as a whole-word sequence
    (an exact match is the longest such fit); the name with the most words wins, and a tie
    between different suppliers is settled only if just one of them, legal form included,
    appears in `text`, else there is no match.
    """
    words = _words(text)
    if not words:
        return None
    with transaction(session):
        rows = session.execute(select(Supplier.id, Supplier.name)).all()
    names = [(row, _strip_legal_forms(_words(row.name))) for row in rows]
    fits = [(row, name) for row, name in names if _contains(words, name)]
    if not fits:
        return None
    longest = max(len(name) for _, name in fits)
    best = [row for row, name in fits if len(name) == longest]
    if len(best) > 1:
        best = [row for row in best if _contains(words, _words(row.name))]
    return SupplierMatch(id=best[0].id, name=best[0].name) if len(best) == 1 else None


def to_public(supplier: Supplier, *, reference: ReferenceData | None = None) -> SupplierPublic:
    """The supplier with its derived risk (bundled tables by default) and any override."""
    derived = derive_risk(
        countries=supplier.countries or [],
        categories=supplier.product_categories or [],
        data=reference or bundled_reference_data(),
    )
    matches = list(supplier.category_matches or [])
    if matches:
        derived = _with_match_reasons(
            derived, supplier=supplier, matches=matches, data=reference or bundled_reference_data()
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
        description=supplier.description,
        category_matches=matches,
        annual_spend=supplier.annual_spend,
        contact_email=supplier.contact_email,
    )


def name_key(name: str) -> str:
    """A name as suppliers are told apart: case, punctuation and legal forms ignored, so
    "Nordvev Tekstil AS" and "NORDVEV TEKSTIL" are the same supplier."""
    words = _words(name)
    return " ".join(_strip_legal_forms(words) or words)


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


def _with_match_reasons(
    derived: RiskAssessment,
    *,
    supplier: Supplier,
    matches: list[dict[str, str]],
    data: ReferenceData,
) -> RiskAssessment:
    """The derivation with how free text was mapped to its categories, before the DFØ steps."""
    reasons = []
    for match in matches:
        field = match.get("field", "description")
        text = supplier.description if field == "description" else match.get("text", "")
        reasons += match_reasons(text or "", matches=[match], data=data, field=field)
    first_dfo = next(
        (i for i, reason in enumerate(derived.reasons) if reason.source == DFO_SOURCE),
        len(derived.reasons),
    )
    ordered = [*derived.reasons[:first_dfo], *reasons, *derived.reasons[first_dfo:]]
    return derived.model_copy(update={"reasons": ordered})


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


def _words(text: str) -> tuple[str, ...]:
    """Case-folded words of `text`, punctuation dropped."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _strip_legal_forms(words: tuple[str, ...]) -> tuple[str, ...]:
    """`words` without legal forms at either end ("AB Nordvev", "Dhaka Knit Co., Ltd.")."""
    stripped = True
    while stripped and words:
        stripped = False
        for size in range(min(_LONGEST_FORM, len(words)), 0, -1):
            if words[:size] in LEGAL_FORMS:
                words, stripped = words[size:], True
                break
            if words[-size:] in LEGAL_FORMS:
                words, stripped = words[:-size], True
                break
    return words


def _contains(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether `name` (non-empty) occurs in `words` as a contiguous run of whole words."""
    size = len(name)
    return size > 0 and any(words[i : i + size] == name for i in range(len(words) - size + 1))
