"""Language detection on short, real sentences of each language the assistant serves."""

from __future__ import annotations

import pytest

from ingestion import detect_language, detect_question_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Virksomheten skal svare på forespørselen innen tre uker etter at den er mottatt.", "nb"),
        ("Hvem har ansvaret for aktsomhetsvurderingene i selskapet?", "nb"),
        ("Verksemda skal svare på førespurnaden innan tre veker etter at ho er motteken.", "nn"),
        ("Kven har ansvaret for aktsemdsvurderingane i selskapet?", "nn"),
        ("Företaget ska besvara begäran inom tre veckor efter att den har tagits emot.", "sv"),
        ("The company must answer the request within three weeks of receiving it.", "en"),
    ],
)
def test_language_of_a_sentence_is_recognised(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Virksomheden skal besvare anmodningen inden for tre uger efter modtagelsen.",
        "Das Unternehmen muss die Anfrage innerhalb von drei Wochen beantworten.",
        "12345 67 89",
        "",
    ],
)
def test_danish_german_and_non_text_are_other(text: str) -> None:
    assert detect_language(text) == "other"


def test_long_documents_are_judged_on_their_opening() -> None:
    opening = "Virksomheten skal svare på forespørselen innen tre uker. " * 40
    text = opening + "The end of the report. " * 400
    assert detect_language(text) == "nb"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvordan lager man surdeigsbrød?", "nb"),
        ("Hvor mange ansatte har Exso?", "nb"),
        ("What is forced labour?", "en"),
        ("Vilka effekter har Region Stockholms hållbarhetskrav inom IT gett?", "sv"),
        ("Is Nordvev high risk?", "en"),
        ("Who audits Elektra?", "en"),
        ("How many workers at Nordvev?", "en"),
        ("What is aktsomhetsvurdering?", "en"),
        ("Hvem eier Nordvev?", "nb"),
        ("Når er fristen?", "nb"),
        ("Vem äger Elektra?", "sv"),
    ],
)
def test_short_questions_get_a_language_for_framing(question: str, expected: str) -> None:
    assert detect_question_language(question) == expected
