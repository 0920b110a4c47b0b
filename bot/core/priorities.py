"""Which suppliers to follow up first: a risk × size ranking, with the reasons in words.

The rule (stated to people as `messages.text(lang, "priority.method")`):

1. risk first: the level in force (a handler's override, else the derived level), very high
   before high before medium before low. Severity comes first in the OECD guidance, so a
   large low-risk supplier never ranks above a smaller high-risk one;
2. size within a level: the supplier's share of the total annual spend of the suppliers
   whose spend is known, largest first;
3. a supplier whose spend is unknown comes after those of its level with a known spend,
   with "spend unknown" as a reason: its size cannot be weighed;
4. ties by name.

Each row's reasons are the risk level (and an override's justification), the steps of the
risk derivation, and the share of spend.

Usage::

    rows = prioritised(core, person=member)
    rows[0].rank, rows[0].supplier.name, rows[0].share   # 1, "Nordvev Tekstil AS", 0.62
    rows[0].reasons("nb")   # ["Risikonivå: svært høy.", "Bangladesh (BD) har ...", "62,0 % av ..."]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core import messages
from bot.core.context import Core
from bot.core.people import Lang, Person
from storage.services import suppliers
from storage.services.suppliers import SupplierPublic

SMALLEST_SHARE_SHOWN = 0.001


@dataclass(frozen=True, slots=True)
class Priority:
    """One supplier's place in the ranking."""

    rank: int
    supplier: SupplierPublic
    share: float | None
    """Fraction of the total known annual spend; None when the supplier's spend is unknown."""

    def reasons(self, lang: Lang) -> list[str]:
        """Why the supplier ranks here: risk level, its derivation, share of spend."""
        supplier = self.supplier
        found = [messages.text(lang, "priority.reason.level", level=_level(lang, supplier))]
        if supplier.risk_override is not None:
            justification = supplier.override_justification or ""
            found.append(messages.text(lang, "priority.reason.manual", justification=justification))
        found += [r.text_nb if lang == "nb" else r.text_en for r in supplier.derived.reasons]
        found.append(self.size(lang))
        return found

    def size(self, lang: Lang) -> str:
        """The share of spend in words, or that spend is unknown."""
        if self.share is None:
            return messages.text(lang, "priority.reason.spend_unknown")
        return messages.text(lang, "priority.reason.share", share=percent(lang, self.share))


def prioritised(core: Core, *, person: Person) -> list[Priority]:
    """Every supplier in priority order; compliance members only (a refusal is audited)."""
    with core.session() as session:
        found = suppliers.list_suppliers(
            session, principal=person.principal, reference=core.reference
        )
    return rank(found)


def rank(found: Sequence[SupplierPublic]) -> list[Priority]:
    """`found` in priority order, by the rule in this module's docstring."""
    total = sum(supplier.annual_spend or 0 for supplier in found)

    def share(supplier: SupplierPublic) -> float | None:
        if supplier.annual_spend is None:
            return None
        return supplier.annual_spend / total if total else 0.0

    shares = {supplier.id: share(supplier) for supplier in found}
    ordered = sorted(
        found,
        key=lambda supplier: (
            -supplier.risk.rank,
            shares[supplier.id] is None,
            -(shares[supplier.id] or 0.0),
            supplier.name.casefold(),
        ),
    )
    return [
        Priority(rank=number, supplier=supplier, share=shares[supplier.id])
        for number, supplier in enumerate(ordered, start=1)
    ]


def method(lang: Lang) -> str:
    """The ranking rule in one paragraph, as the page, the export and the § 5 draft state it."""
    return messages.text(lang, "priority.method")


def percent(lang: Lang, share: float) -> str:
    """A share as people read it: "12,3 %" (nb) or "12.3 %" (en); tiny ones as "< 0,1 %"."""
    shown = "< 0.1 %" if 0 < share < SMALLEST_SHARE_SHOWN else f"{share * 100:.1f} %"
    return shown.replace(".", ",") if lang == "nb" else shown


def amount(lang: Lang, value: int | None) -> str:
    """Whole currency units grouped by thousands: "1 234 567" (nb) or "1,234,567" (en)."""
    if value is None:
        return messages.text(lang, "priority.unknown")
    grouped = f"{value:,}"
    return grouped.replace(",", "\u00a0") if lang == "nb" else grouped


def _level(lang: Lang, supplier: SupplierPublic) -> str:
    return messages.label(lang, supplier.risk).lower()
