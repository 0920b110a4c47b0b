"""Importing a supplier list: every row becomes a new supplier, an update, or nothing.

The rules, in order:

1. A row needs a name; a spend that is not an amount, an e-mail address that is not one, an
   organisation number longer than 32 characters or a name longer than 200 rejects the row
   (listed with its row number and reason) and the other rows still go in. A country the
   reference tables do not know is kept as written and noted; the risk rule treats it as
   "not enough information".
2. A row is the same supplier as a registered one when their organisation numbers agree
   (digits only: "NO 923 456 781 MVA" is 923456781), else when their names agree as
   `match_supplier` compares them (case, punctuation and legal forms ignored) and neither
   number contradicts the other. Two registered suppliers fitting one row reject the row.
3. Rows of one file naming the same supplier are one supplier: a repeat that says the same
   is merged (noted), a repeat that says something else is rejected, never a second supplier.
4. Only what a row states is changed: an empty cell leaves the register's value as it is,
   so re-importing the same file changes nothing (no update, no new `updated_at`).
5. An explicit category column is taken as written (a DFØ category name, or words that
   `storage.category_keywords` maps to one, or other text kept as it is); without one, the
   description is matched to DFØ categories, with the matched words kept as the reason.
   Categories a person set are never replaced by those matched from a description.

An import is one audited action, `supplier.import`, with the counts and the ids created and
updated: one hash-chained audit row instead of thousands keeps a 5,000-row list at a few
seconds and still tells which suppliers the import touched. A dry run plans the same and
writes nothing. Only the compliance team and administrators may import.

Usage::

    table = read_supplier_list(data)
    plan = import_suppliers(session, principal=officer, table=table, dry_run=True)
    plan.counts  # {"rows": 120, "created": 80, "updated": 30, "unchanged": 8, "rejected": 2}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.category_keywords import match_categories
from storage.errors import SupplierListUnreadable
from storage.models import Supplier
from storage.principal import Principal
from storage.risk import ReferenceData
from storage.services.changes import utc
from storage.services.suppliers import READERS, SUPPLIERS, bundled_reference_data, name_key
from storage.supplier_lists import ImportField, SupplierTable, TableRow, parse_amount

MAX_NAME_CHARS = 200
MAX_ORG_CHARS = 32
MAX_EMAIL_CHARS = 320
EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]{2,}")
COUNTRY_SEPARATORS = re.compile(r"[,;/|]")
CATEGORY_SEPARATORS = re.compile(r"[;|]")
_ORG_AFFIXES = re.compile(r"^\s*NO\b|\bMVA\s*$", re.IGNORECASE)


class RowIssue(BaseModel):
    """A row left out, or a remark on a row that went in; `code` names the rule.

    Left out: no_name, name_too_long, bad_org, bad_spend, bad_email, duplicate, ambiguous.
    Remarks: unknown_country, merged (a repeat of `other_row`), category_unknown.
    """

    row: int
    code: str
    value: str = ""
    other_row: int | None = None


class PlannedChange(BaseModel):
    """A supplier the import creates or changes; `fields` names what changes."""

    row: int
    name: str
    supplier_id: int | None = None
    fields: list[str] = Field(default_factory=list)


class ImportPlan(BaseModel):
    """What an import does (or, dry, would do), row by row."""

    rows: int
    mapping: dict[str, str]
    created: list[PlannedChange]
    updated: list[PlannedChange]
    unchanged: int
    rejected: list[RowIssue]
    notes: list[RowIssue]
    dry_run: bool

    @property
    def counts(self) -> dict[str, int]:
        """The numbers the audit row and the surfaces show."""
        return {
            "rows": self.rows,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
        }


def import_suppliers(
    session: Session,
    *,
    principal: Principal,
    table: SupplierTable,
    mapping: Mapping[int, ImportField] | None = None,
    dry_run: bool = False,
    source: str = "",
    reference: ReferenceData | None = None,
    now: datetime | None = None,
) -> ImportPlan:
    """Import `table` (columns as `mapping`, by default as detected), or with `dry_run` only
    say what importing would do.

    Args:
        source: the file's name, for the audit row.
    """
    columns = dict(table.mapping if mapping is None else mapping)
    if ImportField.NAME not in columns.values():
        raise SupplierListUnreadable("no_name_column")
    data = reference or bundled_reference_data()
    with SUPPLIERS.transaction(
        session, principal=principal, action="supplier.import", roles=READERS
    ) as change:
        registered = list(session.scalars(select(Supplier).order_by(Supplier.id)))
        work = _plan(table.rows, columns=columns, registered=registered, data=data)
        plan = ImportPlan(
            rows=len(table.rows),
            mapping={table.headers[index]: name.value for index, name in columns.items()},
            created=[item.change for item in work.created],
            updated=[item.change for item in work.updated],
            unchanged=work.unchanged,
            rejected=work.rejected,
            notes=work.notes,
            dry_run=dry_run,
        )
        if dry_run:
            return plan
        moment = utc(now)
        rows = [Supplier(**_new(item.values), created_at=moment) for item in work.created]
        for supplier in rows:
            supplier.updated_at = moment
        session.add_all(rows)
        for item in work.updated:
            for name, value in item.values.items():
                setattr(item.supplier, name, value)
            item.supplier.updated_at = moment
        session.flush()
        for planned, supplier in zip(plan.created, rows, strict=True):
            planned.supplier_id = supplier.id
        change.record(
            None,
            details={
                "source": source,
                **plan.counts,
                "created_ids": [supplier.id for supplier in rows],
                "updated_ids": [item.supplier.id for item in work.updated],
            },
            now=moment,
        )
        return plan


def org_key(number: str | None) -> str | None:
    """An organisation number's digits, with "NO" before and "MVA" after dropped; None when
    it has no digits."""
    digits = re.sub(r"\D", "", _ORG_AFFIXES.sub("", number or ""))
    return digits or None


@dataclass(slots=True)
class _Row:
    """One row read: the column values it states, and how it is known."""

    row: int
    values: dict[str, Any]
    org: str | None
    name: str
    description_categories: bool = False


@dataclass(slots=True)
class _Planned:
    change: PlannedChange
    values: dict[str, Any]
    supplier: Supplier | None = None


@dataclass(slots=True)
class _Work:
    created: list[_Planned] = field(default_factory=list)
    updated: list[_Planned] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[RowIssue] = field(default_factory=list)
    notes: list[RowIssue] = field(default_factory=list)


def _plan(
    rows: Sequence[TableRow],
    *,
    columns: dict[int, ImportField],
    registered: list[Supplier],
    data: ReferenceData,
) -> _Work:
    """Sort every row into created, updated, unchanged or rejected."""
    work = _Work()
    by_org: dict[str, list[Supplier]] = {}
    by_name: dict[str, list[Supplier]] = {}
    for supplier in registered:
        if key := org_key(supplier.org_number):
            by_org.setdefault(key, []).append(supplier)
        by_name.setdefault(name_key(supplier.name), []).append(supplier)
    seen_org: dict[str, _Row] = {}
    seen_name: dict[str, _Row] = {}
    claimed: dict[int, _Row] = {}
    for table_row in rows:
        read = _read(table_row, columns=columns, data=data, work=work)
        if read is None:
            continue
        fits = _fits(read, by_org=by_org, by_name=by_name)
        if len(fits) > 1:
            work.rejected.append(
                RowIssue(row=read.row, code="ambiguous", value=read.values["name"])
            )
            continue
        supplier = fits[0] if fits else None
        earlier = _earlier(read, seen_org=seen_org, seen_name=seen_name)
        if earlier is None and supplier is not None:
            earlier = claimed.get(supplier.id)
        if earlier is not None:
            code = "merged" if read.values == earlier.values else "duplicate"
            issue = RowIssue(
                row=read.row, code=code, value=read.values["name"], other_row=earlier.row
            )
            (work.notes if code == "merged" else work.rejected).append(issue)
            continue
        if read.org:
            seen_org.setdefault(read.org, read)
        seen_name.setdefault(read.name, read)
        if supplier is not None:
            claimed[supplier.id] = read
        _sort(read, supplier=supplier, work=work)
    return work


def _read(
    table_row: TableRow, *, columns: dict[int, ImportField], data: ReferenceData, work: _Work
) -> _Row | None:
    """The values a row states, or None (and a rejection) when it breaks a rule."""
    cells = {name: table_row.cells[index].strip() for index, name in columns.items()}
    number = table_row.number

    def reject(code: str, value: str = "") -> None:
        work.rejected.append(RowIssue(row=number, code=code, value=value))

    name = " ".join(cells.get(ImportField.NAME, "").split())
    if not name:
        reject("no_name")
        return None
    if len(name) > MAX_NAME_CHARS:
        reject("name_too_long", name[:60])
        return None
    values: dict[str, Any] = {"name": name}
    org = cells.get(ImportField.ORG_NUMBER, "")
    if len(org) > MAX_ORG_CHARS:
        reject("bad_org", org[:60])
        return None
    if org:
        values["org_number"] = org
    spend = cells.get(ImportField.SPEND, "")
    try:
        amount = parse_amount(spend)
    except ValueError:
        reject("bad_spend", spend)
        return None
    if amount is not None:
        values["annual_spend"] = amount
    email = cells.get(ImportField.EMAIL, "")
    if email and (len(email) > MAX_EMAIL_CHARS or not EMAIL.fullmatch(email)):
        reject("bad_email", email)
        return None
    if email:
        values["contact_email"] = email
    countries = [
        part.strip() for part in COUNTRY_SEPARATORS.split(cells.get(ImportField.COUNTRIES, ""))
    ]
    codes = []
    for country in filter(None, countries):
        code = data.resolve_country(country)
        if code is None:
            work.notes.append(RowIssue(row=number, code="unknown_country", value=country))
        codes.append(code or country)
    if codes:
        values["countries"] = list(dict.fromkeys(codes))
    description = " ".join(cells.get(ImportField.DESCRIPTION, "").split())
    if description:
        values["description"] = description
    read = _Row(row=number, values=values, org=org_key(org), name=name_key(name))
    _categorise(read, category=cells.get(ImportField.CATEGORY, ""), data=data, work=work)
    return read


def _categorise(read: _Row, *, category: str, data: ReferenceData, work: _Work) -> None:
    """Categories from the category column as written, else matched from the description."""
    categories: list[str] = []
    matches: list[dict[str, str]] = []
    for part in filter(None, (part.strip() for part in CATEGORY_SEPARATORS.split(category))):
        named = data.find_category(part)
        found = [] if named else match_categories(part, data=data)
        if named:
            categories.append(named.name_nb)
        elif found:
            categories += [match.category.name_nb for match in found]
            matches += [_match(match, field="category", text=part) for match in found]
        else:
            categories.append(part)
    if category.strip():
        read.values["product_categories"] = list(dict.fromkeys(categories))
        read.values["category_matches"] = matches
        return
    description = read.values.get("description")
    if not description:
        return
    found = match_categories(description, data=data)
    if not found:
        work.notes.append(RowIssue(row=read.row, code="category_unknown", value=description[:80]))
    read.values["product_categories"] = [match.category.name_nb for match in found]
    read.values["category_matches"] = [_match(match, field="description") for match in found]
    read.description_categories = True


def _match(match: Any, *, field: str, text: str = "") -> dict[str, str]:
    """One stored match: {"category", "matched", "field"}, and the text for a category cell."""
    stored = {
        "category": match.category.name_nb,
        "matched": ", ".join(match.matched),
        "field": field,
    }
    return {**stored, "text": text} if text else stored


def _earlier(read: _Row, *, seen_org: dict[str, _Row], seen_name: dict[str, _Row]) -> _Row | None:
    """An earlier row of the same file naming the same supplier."""
    if read.org and read.org in seen_org:
        return seen_org[read.org]
    same_name = seen_name.get(read.name)
    if same_name and (not read.org or not same_name.org or read.org == same_name.org):
        return same_name
    return None


def _fits(
    read: _Row, *, by_org: dict[str, list[Supplier]], by_name: dict[str, list[Supplier]]
) -> list[Supplier]:
    """The registered suppliers a row names: by number first, else by name."""
    if read.org and read.org in by_org:
        return by_org[read.org]
    return [
        supplier
        for supplier in by_name.get(read.name, [])
        if not read.org or org_key(supplier.org_number) in (None, read.org)
    ]


def _sort(read: _Row, *, supplier: Supplier | None, work: _Work) -> None:
    """File the row as a new supplier, a change to `supplier`, or nothing to do."""
    if supplier is None:
        change = PlannedChange(row=read.row, name=read.values["name"], fields=sorted(read.values))
        work.created.append(_Planned(change=change, values=read.values))
        return
    values = dict(read.values)
    if org_key(supplier.org_number) == read.org:
        values.pop("org_number", None)
    if read.description_categories and not _categories_free(supplier):
        values.pop("product_categories", None)
        values.pop("category_matches", None)
    changed = {name: value for name, value in values.items() if getattr(supplier, name) != value}
    if not changed:
        work.unchanged += 1
        return
    change = PlannedChange(
        row=read.row, name=supplier.name, supplier_id=supplier.id, fields=sorted(changed)
    )
    work.updated.append(_Planned(change=change, values=changed, supplier=supplier))


def _categories_free(supplier: Supplier) -> bool:
    """Whether the supplier's categories are free for a description to set: none yet, or
    matched from a description before (never a person's choice)."""
    matches = supplier.category_matches or []
    if not supplier.product_categories:
        return True
    return bool(matches) and all(match.get("field") == "description" for match in matches)


def _new(values: dict[str, Any]) -> dict[str, Any]:
    """Column values for a new supplier: lists empty where the row stated none."""
    return {"countries": [], "product_categories": [], "category_matches": [], **values}
