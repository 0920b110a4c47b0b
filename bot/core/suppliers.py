"""The supplier register for the compliance team: risk with its reasons, and everything
linked to a supplier (cases, deviations, follow-up tasks), and the audited risk override.

Usage::

    rows = listing(core, person=member)
    file = supplier_file(core, person=member, supplier_id=3)
    override(core, person=member, supplier_id=3, level="high", justification="Audit found ...")
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import messages
from bot.core.context import Core
from bot.core.errors import FormInvalid
from bot.core.people import Person
from bot.core.review import CaseRow, case_row
from storage.risk import RiskLevel
from storage.services import cases, deviations, suppliers, tasks
from storage.services.deviations import DeviationPublic
from storage.services.suppliers import SupplierPublic
from storage.services.tasks import TaskPublic

MAX_JUSTIFICATION_CHARS = 2000


@dataclass(frozen=True, slots=True)
class SupplierFile:
    """A supplier with the cases, deviations and tasks linked to it."""

    supplier: SupplierPublic
    cases: tuple[CaseRow, ...]
    deviations: tuple[DeviationPublic, ...]
    tasks: tuple[TaskPublic, ...]


def listing(
    core: Core, *, person: Person, min_risk: RiskLevel | None = None
) -> list[SupplierPublic]:
    """Suppliers, highest risk first, then by name."""
    with core.session() as session:
        found = suppliers.list_suppliers(
            session, principal=person.principal, min_risk=min_risk, reference=core.reference
        )
    return sorted(found, key=lambda supplier: -supplier.risk.rank)


def supplier_file(core: Core, *, person: Person, supplier_id: int) -> SupplierFile:
    """One supplier and what is linked to it; case rows carry no contents."""
    principal, now = person.principal, core.now()
    with core.session() as session:
        supplier = suppliers.get_supplier(
            session, principal=principal, supplier_id=supplier_id, reference=core.reference
        )
        linked = cases.list_cases(session, principal=principal, supplier_id=supplier_id)
        found = deviations.list_deviations(session, principal=principal, supplier_id=supplier_id)
        work = tasks.list_tasks(session, principal=principal, supplier_id=supplier_id)
    return SupplierFile(
        supplier=supplier,
        cases=tuple(case_row(case, now=now) for case in linked),
        deviations=tuple(found),
        tasks=tuple(work),
    )


def override(
    core: Core, *, person: Person, supplier_id: int, level: str, justification: str
) -> SupplierPublic:
    """Set the risk level by hand (or, with `level` empty, go back to the derived one); a
    written justification is required and the change is audited with it."""
    lang = person.language
    if level and level not in set(RiskLevel):
        raise FormInvalid({"level": messages.text(lang, "error.invalid", detail=level)})
    if not justification.strip():
        raise FormInvalid({"justification": messages.text(lang, "error.justification_required")})
    if len(justification) > MAX_JUSTIFICATION_CHARS:
        limit = MAX_JUSTIFICATION_CHARS
        raise FormInvalid({"justification": messages.text(lang, "error.too_long", limit=limit)})
    with core.session() as session:
        return suppliers.override_risk(
            session,
            principal=person.principal,
            supplier_id=supplier_id,
            level=RiskLevel(level) if level else None,
            justification=justification,
            reference=core.reference,
            now=core.now(),
        )
