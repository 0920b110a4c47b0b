"""Which words of a question are names, and whether the index knows them (no model needed)."""

from __future__ import annotations

import pytest

from knowledge.names import Lexicon, find_names

TEXTS = (
    "Nordvev Tekstil AS eier en syfabrikk i Gazipur. Revisjonen fant låste nødutganger.",
    "The audit of factory KX-77 found locked fire exits; the risk is high where workers "
    "pay recruitment fees, and suppliers must table a plan to drop overtime.",
    "Arbeiderne ved Elektra-fabrikken fikk passene tilbake. DFØ lister høyrisikoprodukter.",
)
LEXICON = Lexicon.build(
    TEXTS,
    names=["Nordvev Tekstil AS", "Blue Fjord Seafood Ltd", "Leverandørrapport – Nordvev"],
    version="v1",
)


def _names(question: str) -> dict[str, bool]:
    return {name.text: name.known for name in find_names(question, LEXICON)}


def test_a_supplier_the_index_never_mentions_is_an_unknown_name() -> None:
    assert _names("Which corrective actions were agreed with Acme Widgets?") == {
        "Acme Widgets": False
    }


def test_a_word_before_a_legal_form_names_an_organisation() -> None:
    (name,) = find_names("Hvilken frist har Kobberfjell AS fått?", LEXICON)

    assert (name.text, name.known, name.entity) == ("Kobberfjell AS", False, True)


def test_a_single_capitalised_word_may_be_a_place_and_is_not_an_entity() -> None:
    (name,) = find_names("Hur många arbetare i Turkiet har arbetstillstånd?", LEXICON)

    assert (name.text, name.known, name.entity) == ("Turkiet", False, False)


def test_sql_keywords_that_are_function_words_are_not_names() -> None:
    names = _names("SELECT * FROM suppliers WHERE risk = 'high'")

    assert "FROM" not in names and "WHERE" not in names


def test_capitalised_words_the_index_writes_in_lowercase_are_not_names() -> None:
    assert _names("What did the Audit say about the Risk for Workers?") == {}


def test_sentence_initial_capitals_are_not_names() -> None:
    assert _names("Revisjonen fant hva? Arbeiderne sa hva?") == {}


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Hvor mange arbeidere har Nordvev Tekstil?", "Nordvev Tekstil"),
        ("Hva har Nordvevs revisjon vist?", "Nordvevs"),
        ("What did the audit of KX-77 find?", "KX-77"),
        ("Hva sier DFØ om elektronikk?", "DFØ"),
        ("Når fikk arbeiderne ved Elektra-fabrikken passene?", "Elektra"),
        ("Which fish does Blue Fjord buy?", "Blue Fjord"),
    ],
)
def test_names_the_index_mentions_are_known(question: str, name: str) -> None:
    assert _names(question) == {name: True}


def test_a_code_the_index_does_not_hold_is_unknown() -> None:
    assert _names("What did the audit of KX-99 find?") == {"KX-99": False}


def test_close_supplier_names_are_offered_for_an_unknown_one() -> None:
    assert LEXICON.similar("Nordveiv") == ["Nordvev Tekstil AS"]
    assert LEXICON.similar("Blue Fjord Foods") == ["Blue Fjord Seafood Ltd"]
    assert LEXICON.similar("Acme Widgets") == []
