"""Supplier risk derived from the bundled ITUC 2025 and DFØ tables, rule by rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.errors import ReferenceDataError
from storage.risk import (
    DFO_SOURCE,
    ITUC_SOURCE,
    RiskLevel,
    derive_risk,
    load_reference_data,
)

BUNDLED = load_reference_data()
FURNITURE = "Møbler"
FOOD = "Mat og drikke"


def _level(countries: list[str], categories: list[str] = (FURNITURE,)) -> RiskLevel:
    return derive_risk(countries=countries, categories=list(categories), data=BUNDLED).level


def test_bundled_data_is_the_2025_ituc_edition_with_151_countries_and_nine_dfo_categories():
    assert BUNDLED.ituc_edition == "2025"
    assert len(BUNDLED.ratings) == 151
    assert len(BUNDLED.categories) == 9


def test_levels_are_ordered_low_to_very_high():
    assert RiskLevel.LOW < RiskLevel.MEDIUM < RiskLevel.HIGH < RiskLevel.VERY_HIGH
    assert max(RiskLevel.HIGH, RiskLevel.LOW) is RiskLevel.HIGH


@pytest.mark.parametrize(
    ("country", "rating", "level"),
    [
        ("Norway", "1", RiskLevel.LOW),
        ("Japan", "2", RiskLevel.LOW),
        ("Canada", "3", RiskLevel.MEDIUM),
        ("Vietnam", "4", RiskLevel.HIGH),
        ("Bangladesh", "5", RiskLevel.VERY_HIGH),
        ("Myanmar", "5+", RiskLevel.VERY_HIGH),
    ],
)
def test_ituc_rating_sets_the_country_level(country: str, rating: str, level: RiskLevel):
    assessment = derive_risk(countries=[country], categories=["Consulting"], data=BUNDLED)
    assert assessment.level is level
    first = assessment.reasons[0]
    assert f"ITUC rating {rating}" in first.text_en
    assert f"ITUC-vurdering {rating}" in first.text_nb
    assert (first.source, first.edition) == (ITUC_SOURCE, "2025")


def test_several_countries_take_the_highest_level():
    assessment = derive_risk(
        countries=["Sweden", "Vietnam"], categories=["Consulting"], data=BUNDLED
    )
    assert assessment.level is RiskLevel.HIGH
    assert any("Several countries" in reason.text_en for reason in assessment.reasons)


@pytest.mark.parametrize("name", ["China", "Kina", "CN", "cn", " kina "])
def test_country_is_accepted_as_code_english_or_norwegian_name(name: str):
    assert BUNDLED.resolve_country(name) == "CN"


def test_accents_and_aliases_find_the_ituc_row():
    assert BUNDLED.resolve_country("Cote d'Ivoire") == "CI"
    assert BUNDLED.resolve_country("Tyrkia") == "TR"
    assert BUNDLED.resolve_country("South Korea") == "KR"


def test_dfo_category_raises_a_low_country_one_step_to_medium():
    assessment = derive_risk(countries=["Norway"], categories=["Furniture"], data=BUNDLED)
    assert assessment.level is RiskLevel.MEDIUM
    assert any(r.source == DFO_SOURCE and "one step up" in r.text_en for r in assessment.reasons)


def test_dfo_category_raises_a_high_country_to_very_high():
    assert _level(["Vietnam"]) is RiskLevel.VERY_HIGH


def test_category_not_on_the_dfo_list_changes_nothing():
    assessment = derive_risk(countries=["Norway"], categories=["Consulting"], data=BUNDLED)
    assert assessment.level is RiskLevel.LOW
    assert any("not on the DFØ high-risk list" in r.text_en for r in assessment.reasons)


def test_country_dfo_names_for_the_category_makes_it_at_least_high():
    # Spain is ITUC 2 (low); DFØ names it for food and drink (migrant farm workers).
    assessment = derive_risk(countries=["Spania"], categories=[FOOD], data=BUNDLED)
    assert assessment.level is RiskLevel.HIGH
    assert any("DFØ names Spain" in r.text_en for r in assessment.reasons)
    assert any("DFØ nevner Spain" in r.text_nb for r in assessment.reasons)


def test_dfo_country_named_with_another_spelling_still_counts():
    # DFØ writes "South Korea"; ITUC writes "Korea (Republic of)".
    assessment = derive_risk(countries=["KR"], categories=["Office supplies"], data=BUNDLED)
    assert any("for Office supplies" in r.text_en for r in assessment.reasons)


def test_country_dfo_names_for_another_category_does_not_count():
    # Taiwan is named for toys, not for food.
    assert _level(["Taiwan"], [FOOD]) is RiskLevel.MEDIUM
    assert _level(["Taiwan"], ["Leke- og idrettsutstyr"]) is RiskLevel.HIGH


def test_unknown_country_is_medium_for_lack_of_information():
    assessment = derive_risk(countries=["Atlantis"], categories=["Consulting"], data=BUNDLED)
    assert assessment.level is RiskLevel.MEDIUM
    reason = assessment.reasons[0]
    assert "Not enough information" in reason.text_en
    assert "Ikke nok informasjon" in reason.text_nb


def test_no_category_is_at_least_medium_for_lack_of_information():
    assessment = derive_risk(countries=["Norway"], categories=[], data=BUNDLED)
    assert assessment.level is RiskLevel.MEDIUM
    assert any("no product category" in r.text_en for r in assessment.reasons)


def test_no_country_is_medium_for_lack_of_information():
    assessment = derive_risk(countries=[], categories=["Consulting"], data=BUNDLED)
    assert assessment.level is RiskLevel.MEDIUM
    assert "no country" in assessment.reasons[0].text_en


def _write_ituc(directory: Path, *, edition: str, norway: str) -> None:
    bundled = Path(__file__).parents[2] / "storage/reference_data/ituc_global_rights_index.csv"
    text = bundled.read_text(encoding="utf-8").replace(",2025", f",{edition}")
    text = text.replace("Norway,NO,1,", f"Norway,NO,{norway},")
    (directory / "ituc_global_rights_index.csv").write_text(text, encoding="utf-8")


def test_newer_ituc_edition_dropped_by_the_operator_wins(tmp_path: Path):
    _write_ituc(tmp_path, edition="2026", norway="3")
    data = load_reference_data(tmp_path)
    assessment = derive_risk(countries=["Norge"], categories=["Consulting"], data=data)
    assert assessment.level is RiskLevel.MEDIUM
    assert assessment.reasons[0].edition == "2026"


def test_older_ituc_edition_dropped_by_the_operator_is_ignored(tmp_path: Path):
    _write_ituc(tmp_path, edition="2024", norway="3")
    data = load_reference_data(tmp_path)
    assert data.ituc_edition == "2025"
    assert len(data.ratings) == 151


def test_operator_dfo_table_with_an_unknown_country_is_refused(tmp_path: Path):
    (tmp_path / "dfo_high_risk_categories.csv").write_text(
        "category_no,category_en,risks,high_risk_countries\nTe,Tea,child labour,Narnia\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match="Narnia"):
        load_reference_data(tmp_path)
