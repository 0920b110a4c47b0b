"""A bilingual glossary of due-diligence terms (nb/nn/sv/en) used to expand queries.

A question in English about "forced labour" also searches for "tvangsarbeid" and "tvångsarbete",
so it finds the Norwegian or Swedish passage that says it. The glossary is data
(`glossary.tsv`: `concept, nb, nn, sv, en`; synonyms in a cell separated by `|`).

Usage::

    glossary = Glossary.bundled()
    glossary.expand("What is forced labour?")   # ["tvangsarbeid", "tvångsarbete", ...]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BUNDLED_GLOSSARY = Path(__file__).with_name("glossary.tsv")
LANGUAGE_COLUMNS = ("nb", "nn", "sv", "en")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Concept:
    """One glossary row: the same idea named in each language."""

    name: str
    terms: dict[str, tuple[str, ...]]

    def all_terms(self) -> tuple[str, ...]:
        """Every term of the concept, in every language (synonyms and inflections too)."""
        return tuple(term for terms in self.terms.values() for term in terms)

    def headwords(self) -> tuple[str, ...]:
        """The first term of each language: what a query is expanded with."""
        return tuple(terms[0] for terms in self.terms.values() if terms)


class Glossary:
    """Looks up which concepts a text mentions and names them in the other languages."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self._concepts = tuple(concepts)
        self._by_phrase: dict[tuple[str, ...], list[Concept]] = {}
        for concept in self._concepts:
            for term in concept.all_terms():
                self._by_phrase.setdefault(_words(term), []).append(concept)
        self._longest = max((len(phrase) for phrase in self._by_phrase), default=0)

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """Read a glossary TSV with the columns `concept, nb, nn, sv, en`."""
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t")
            return cls(_to_concept(row) for row in rows if (row.get("concept") or "").strip())

    @classmethod
    def bundled(cls) -> Glossary:
        """The glossary shipped with aktsom (read once per process)."""
        return _bundled()

    def __len__(self) -> int:
        return len(self._concepts)

    def terms(self, language: str) -> list[str]:
        """Every term the glossary gives in `language` (a column name), each once, in order."""
        return list(
            dict.fromkeys(term for concept in self._concepts for term in concept.terms[language])
        )

    def concepts_in(self, text: str) -> list[Concept]:
        """Concepts whose terms occur in `text` as whole words, longest phrases first."""
        words = _words(text)
        found: list[Concept] = []
        for start in range(len(words)):
            for size in range(min(self._longest, len(words) - start), 0, -1):
                for concept in self._by_phrase.get(words[start : start + size], ()):
                    if concept not in found:
                        found.append(concept)
        return found

    def translations(self, term: str) -> list[str]:
        """Every term of the concepts that `term` names as a whole ("Consumer Authority" ->
        "forbrukertilsynet", ...); [] when it is no glossary term."""
        concepts = self._by_phrase.get(_words(term), [])
        return [other for concept in concepts for other in concept.all_terms()]

    def expand(self, text: str) -> list[str]:
        """Headwords of the concepts `text` mentions, in every language, minus those present."""
        present = set(_words(text))
        expansions: list[str] = []
        for concept in self.concepts_in(text):
            for term in concept.headwords():
                if term not in expansions and not set(_words(term)) <= present:
                    expansions.append(term)
        return expansions


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


def _to_concept(row: dict[str, str | None]) -> Concept:
    terms = {
        language: tuple(
            t.strip().lower() for t in (row.get(language) or "").split("|") if t.strip()
        )
        for language in LANGUAGE_COLUMNS
    }
    return Concept(name=(row["concept"] or "").strip(), terms=terms)


@cache
def _bundled() -> Glossary:
    return Glossary.load(BUNDLED_GLOSSARY)
