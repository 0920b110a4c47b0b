"""Free-text descriptions mapped to DFØ categories: clear matches with the words as the
reason beside the risk derivation, unclear text left unknown, a category column first."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from storage.category_keywords import match_categories
from storage.principal import Principal
from storage.risk import RiskLevel, load_reference_data
from storage.services.supplier_import import import_suppliers
from storage.services.suppliers import list_suppliers
from storage.supplier_lists import read_supplier_list

DATA = load_reference_data()


@pytest.mark.parametrize(
    ("text", "category", "matched"),
    [
        (
            "Arbeidsklær og t-skjorter i bomull",
            "Arbeidstøy, fottøy og tekstil",
            ("arbeidsklær", "t-skjorter", "bomull"),
        ),
        (
            "bomullsskjorter og arbeidsbukser",
            "Arbeidstøy, fottøy og tekstil",
            ("bomullsskjorter", "arbeidsbukser"),
        ),
        (
            "Laptops, PC-er og mobiltelefoner",
            "Kjøp av IKT-produkter",
            ("laptops", "pc", "mobiltelefoner"),
        ),
        ("Arbetskläder och skor", "Arbeidstøy, fottøy og tekstil", ("arbetskläder", "skor")),
        ("Office supplies and toner", "Kontorrekvisita", ("office supplies", "toner")),
        ("Kontorstoler og skrivebord", "Møbler", ("kontorstoler", "skrivebord")),
        ("Frosne reker og laks", "Mat og drikke", ("reker", "laks")),
        (
            "Nitrile gloves, disposable gloves",
            "Medisinsk utstyr og forbruksmateriell",
            ("nitrile gloves", "disposable gloves"),
        ),
    ],
)
def test_a_clear_description_names_its_category_and_the_words(
    text: str, category: str, matched: tuple[str, ...]
) -> None:
    found = match_categories(text, data=DATA)
    assert [(m.category.name_nb, m.matched) for m in found] == [(category, matched)]


@pytest.mark.parametrize(
    "text", ["Konsulenttjenester", "Regnskap og revisjon", "desktop support", "Pistolboks"]
)
def test_an_unclear_description_names_no_category(text: str) -> None:
    assert match_categories(text, data=DATA) == []


def test_the_match_is_shown_as_a_reason_beside_the_derivation(
    session: Session, officer: Principal
) -> None:
    text = "Navn,Land,Beskrivelse\nNordvev Tekstil AS,Bangladesh,Arbeidsklær til lageret\n"
    import_suppliers(session, principal=officer, table=read_supplier_list(text.encode()))

    [supplier] = list_suppliers(session, principal=officer)
    assert supplier.category_matches == [
        {
            "category": "Arbeidstøy, fottøy og tekstil",
            "matched": "arbeidsklær",
            "field": "description",
        }
    ]
    reasons = [reason.text_nb for reason in supplier.derived.reasons]
    assert (
        "Beskrivelsen «Arbeidsklær til lageret» nevner «arbeidsklær» → "
        "Arbeidstøy, fottøy og tekstil." in reasons
    )
    # the match comes after the country step and before the DFØ steps it feeds
    assert reasons.index(next(r for r in reasons if r.startswith("Beskrivelsen"))) == 1
    assert supplier.risk == RiskLevel.VERY_HIGH


def test_an_unclear_description_leaves_the_category_unknown(
    session: Session, officer: Principal
) -> None:
    text = "Navn,Land,Beskrivelse\nFjordrevisjon AS,Norge,Revisjon og rådgivning\n"
    plan = import_suppliers(session, principal=officer, table=read_supplier_list(text.encode()))

    [supplier] = list_suppliers(session, principal=officer)
    assert supplier.product_categories == [] and supplier.category_matches == []
    assert any("ingen produktkategori" in r.text_nb for r in supplier.derived.reasons)
    assert supplier.risk == RiskLevel.MEDIUM  # not enough information
    assert [(n.code, n.value) for n in plan.notes] == [
        ("category_unknown", "Revisjon og rådgivning")
    ]


def test_an_explicit_category_column_wins_over_the_description(
    session: Session, officer: Principal
) -> None:
    text = (
        "Navn,Land,Kategori,Beskrivelse\n"
        "Elektra Komponent AB,Sverige,Møbler,Laptops og skjermer\n"
        "Kontorkompaniet AS,Norge,Tekstiler,Alt til kontoret\n"
    )
    import_suppliers(session, principal=officer, table=read_supplier_list(text.encode()))

    found = {s.name: s for s in list_suppliers(session, principal=officer)}
    assert found["Elektra Komponent AB"].product_categories == ["Møbler"]
    assert found["Elektra Komponent AB"].category_matches == []
    # a category cell in everyday words is mapped too, with its own reason
    assert found["Kontorkompaniet AS"].product_categories == ["Arbeidstøy, fottøy og tekstil"]
    reasons = [reason.text_en for reason in found["Kontorkompaniet AS"].derived.reasons]
    assert (
        'The category "Tekstiler" mentions "tekstiler" → Workwear, footwear and textiles.'
        in reasons
    )
