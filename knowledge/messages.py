"""Words the knowledge engine shows people, Norwegian (bokmål) and English side by side.

Questions in Norwegian (bokmål or nynorsk) and Swedish are answered with Norwegian framing;
everything else with English.
"""

from __future__ import annotations

NORWEGIAN_FRAMING = frozenset({"nb", "nn", "sv"})


def framing_language(language: str) -> str:
    """`nb` for Scandinavian questions, `en` otherwise."""
    return "nb" if language in NORWEGIAN_FRAMING else "en"


def nothing_found(language: str) -> str:
    """Said when no passage is relevant enough to quote."""
    if framing_language(language) == "nb":
        return (
            "Kunnskapsbasen har ikke noe om dette. Prøv å omformulere spørsmålet, "
            "eller spør compliance-teamet."
        )
    return (
        "The knowledge base has nothing on this. Try rephrasing the question, "
        "or ask the compliance team."
    )


def answer_intro(language: str) -> str:
    """The line above the quoted sentences."""
    return "Dette sier kildene:" if framing_language(language) == "nb" else "The sources say:"


def sources_heading(language: str) -> str:
    """Heading of the numbered source list."""
    return "Kilder" if framing_language(language) == "nb" else "Sources"


def nothing_on(language: str, *, names: list[str], similar: list[str]) -> str:
    """Said when the question names something no passage mentions; `similar` are close names."""
    norwegian = framing_language(language) == "nb"
    quoted = ", ".join(f"«{name}»" if norwegian else f"“{name}”" for name in names)
    if norwegian:
        text = f"Kunnskapsbasen har ikke noe om {quoted}."
        if similar:
            text += f" Den har noe om: {', '.join(similar)}."
        return text + " Sjekk navnet, eller spør compliance-teamet."
    text = f"The knowledge base has nothing on {quoted}."
    if similar:
        text += f" It does have something on: {', '.join(similar)}."
    return text + " Check the name, or ask the compliance team."
