"""The risk × size ranking: risk level first, then share of spend, unknown spend last in its
level, with the reasons in words in both languages."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.priorities import amount, method, percent, rank
from storage.risk import RiskLevel, derive_risk, load_reference_data
from storage.services.suppliers import SupplierPublic

DATA = load_reference_data()
NOW = datetime(2026, 11, 2, tzinfo=UTC)


def supplier(
    id: int,
    name: str,
    countries: list[str],
    categories: list[str],
    spend: int | None,
    override: RiskLevel | None = None,
) -> SupplierPublic:
    derived = derive_risk(countries=countries, categories=categories, data=DATA)
    return SupplierPublic(
        id=id,
        name=name,
        org_number=None,
        countries=countries,
        product_categories=categories,
        risk=override or derived.level,
        derived=derived,
        risk_override=override,
        override_justification="Revisjon i 2026 fant tvangsarbeid." if override else None,
        created_at=NOW,
        updated_at=NOW,
        annual_spend=spend,
    )


REGISTER = [
    supplier(1, "Liten Tekstil", ["BD"], ["Arbeidstøy, fottøy og tekstil"], 100_000),
    supplier(2, "Stor Tekstil", ["BD"], ["Arbeidstøy, fottøy og tekstil"], 2_000_000),
    supplier(3, "Ukjent Tekstil", ["BD"], ["Arbeidstøy, fottøy og tekstil"], None),
    supplier(4, "Kjempestor Revisor", ["NO"], ["Revisjon"], 7_000_000),
    supplier(5, "Middels Kaffe", ["SE"], ["Mat og drikke"], 900_000),
]


def test_risk_comes_first_then_the_largest_share_then_unknown_spend() -> None:
    ranked = rank(REGISTER)

    assert [(row.rank, row.supplier.name) for row in ranked] == [
        (1, "Stor Tekstil"),
        (2, "Liten Tekstil"),
        (3, "Ukjent Tekstil"),
        (4, "Middels Kaffe"),
        (5, "Kjempestor Revisor"),  # most of the spend, but low risk
    ]
    assert round(ranked[0].share or 0, 3) == round(2_000_000 / 10_000_000, 3)
    assert ranked[2].share is None


def test_the_reasons_name_the_risk_its_derivation_and_the_share() -> None:
    first = rank(REGISTER)[0]

    nb = first.reasons("nb")
    assert nb[0] == "Risikonivå: svært høy."
    assert "Bangladesh (BD) har ITUC-vurdering 5: svært høy risiko." in nb
    assert nb[-1] == "20,0 % av årlig innkjøp."
    assert first.reasons("en")[-1] == "20.0 % of annual spend."


def test_unknown_spend_is_a_reason() -> None:
    unknown = next(row for row in rank(REGISTER) if row.supplier.name == "Ukjent Tekstil")
    assert unknown.reasons("en")[-1] == "Spend unknown: ranked by risk alone."


def test_an_override_ranks_by_the_level_in_force_and_gives_its_justification() -> None:
    register = [*REGISTER, supplier(6, "Overstyrt AS", ["NO"], [], 10, RiskLevel.VERY_HIGH)]

    ranked = rank(register)
    overridden = next(row for row in ranked if row.supplier.name == "Overstyrt AS")
    assert overridden.rank == 3  # very high, after the two known textile shares
    assert "Satt manuelt: Revisjon i 2026 fant tvangsarbeid." in overridden.reasons("nb")


def test_a_register_without_any_spend_ranks_by_risk_alone() -> None:
    register = [
        supplier(1, "B", ["NO"], ["Revisjon"], None),
        supplier(2, "A", ["BD"], ["Mat og drikke"], None),
    ]
    assert [row.supplier.name for row in rank(register)] == ["A", "B"]


def test_the_method_is_stated_in_both_languages() -> None:
    assert method("nb").startswith("Prioritering etter risiko × størrelse")
    assert method("en").startswith("Prioritised by risk × size")
    assert "share of total annual spend" in method("en")


def test_figures_are_written_as_people_read_them() -> None:
    assert percent("nb", 0.1234) == "12,3 %"
    assert percent("en", 0.0004) == "< 0.1 %"
    assert amount("nb", 1_234_567) == "1\u00a0234\u00a0567"
    assert amount("en", None) == "unknown"
