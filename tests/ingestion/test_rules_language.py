"""The language an answer is framed in, read from a short question."""

from __future__ import annotations

import pytest

from ingestion import detect_question_language


@pytest.mark.parametrize(
    "question, language",
    [
        ("123 456?", "other"),
        ("Hva er fristen for å svare på et informasjonskrav?", "nb"),
        ("Kva er fristen for å svare på eit informasjonskrav frå ein forbrukar?", "nn"),
        ("Kvifor er eg her?", "nn"),
        ("Vad är tidsfristen för att svara på en begäran om information?", "sv"),
        ("Wie lange dauert die Frist für die Antwort auf eine Anfrage?", "other"),
        ("Is the deadline for answering a request three weeks or two months?", "en"),
        ("Nordvev Tekstil", "nb"),
        (
            "Hvor lang tid har virksomheten på å svare når noen ber om informasjon "
            "om hvordan den håndterer risiko hos leverandører?",
            "nb",
        ),
    ],
)
def test_the_question_language_is_recognised(question: str, language: str) -> None:
    assert detect_question_language(question) == language
