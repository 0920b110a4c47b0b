"""Sentence splitting that respects Norwegian and Swedish abbreviations."""

from __future__ import annotations

import pytest

from ingestion import split_sentences


@pytest.mark.parametrize(
    "sentence",
    [
        "Vi bruker f.eks. revisjoner og bl.a. egenerklæringer.",
        "Dette følger av loven, jf. § 4 første ledd.",
        "Kravet gjelder nr. 3 i listen og ca. 30 leverandører.",
        "Vi använder t.ex. revisioner i Sverige.",
        "Andelen steg fra 1.5 til 2.5 prosent.",
        "Svaret kom 1. juli fra A. Hansen.",
    ],
)
def test_abbreviations_and_numbers_do_not_end_a_sentence(sentence: str) -> None:
    assert split_sentences(f"{sentence} Neste setning.") == [sentence, "Neste setning."]


def test_questions_and_exclamations_end_sentences() -> None:
    assert split_sentences("Hva er fristen? Tre uker! Se loven.") == [
        "Hva er fristen?",
        "Tre uker!",
        "Se loven.",
    ]


def test_heading_line_never_merges_into_the_next_sentence() -> None:
    assert split_sentences("Informasjonskrav\nAlle kan be om informasjon.") == [
        "Informasjonskrav",
        "Alle kan be om informasjon.",
    ]


def test_list_items_without_final_punctuation_stay_separate() -> None:
    assert split_sentences("Tiltak:\n- revisjon hos leverandør\n- ny kontrakt") == [
        "Tiltak:",
        "- revisjon hos leverandør",
        "- ny kontrakt",
    ]


def test_line_wrapped_inside_a_sentence_is_rejoined() -> None:
    assert split_sentences("Leverandøren har svart\npå forespørselen. Ferdig.") == [
        "Leverandøren har svart på forespørselen.",
        "Ferdig.",
    ]
