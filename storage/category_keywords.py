"""DFØ product categories found in free text: a supplier list's "what we buy" column.

ERP exports rarely name a DFØ category; they say "arbeidsbukser og t-skjorter" or "laptops
and monitors". `match_categories` maps such text to the categories of the DFØ high-risk list
through aktsom's own keyword table (`reference_data/dfo_category_keywords.csv`, Norwegian,
Swedish and English; see SOURCES.md), matching whole words: a keyword `bomull*` also matches
words that start with it ("bomullsskjorter"), `*bukser` words that end with it
("arbeidsbukser"), `*skärm*` words that contain it; a keyword of several words ("office
supplies") matches them in a row. Every category with at least one matched keyword is a
clear match and is kept with the words that matched; text that matches nothing gives no
category, which the risk rule treats as "not enough information" for a person to settle.

Usage::

    found = match_categories("Arbeidsklær i bomull", data=load_reference_data())
    found[0].category.name_nb  # "Arbeidstøy, fottøy og tekstil"
    found[0].matched           # ("arbeidsklær", "bomull")
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from storage.errors import ReferenceDataError
from storage.risk import DFO_SOURCE, HighRiskCategory, ReferenceData, RiskReason

KEYWORDS_FILE = "dfo_category_keywords.csv"
KEYWORD_SOURCE = "aktsom: nøkkelord for DFØ-kategorier / keywords for DFØ categories"
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Keyword:
    """One row of the keyword table: its words (a `*` marks an open end) and category."""

    category_no: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CategoryMatch:
    """A DFØ category the text names, and the words in the text that named it."""

    category: HighRiskCategory
    matched: tuple[str, ...]


def match_categories(text: str, *, data: ReferenceData) -> list[CategoryMatch]:
    """The DFØ categories that `text` clearly names, in the order the text names them.

    Where keywords overlap ("t-skjorter" and "skjorter"), the longer one is the match.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    spans = [(found.start(), found.end()) for found in _WORD.finditer(folded)]
    words = tuple(folded[begin:end] for begin, end in spans)
    index = keyword_index()
    hits: list[tuple[int, int, str]] = []
    for start, word in enumerate(words):
        for keyword in index.starting(word):
            window = words[start : start + len(keyword.words)]
            if len(window) == len(keyword.words) and all(
                _fits(one, pattern) for one, pattern in zip(window, keyword.words, strict=True)
            ):
                hits.append((start, start + len(window), keyword.category_no))
    kept: list[tuple[int, int, str]] = []
    for hit in sorted(hits, key=lambda hit: (hit[0] - hit[1], hit[0])):
        if not any(hit[0] < other[1] and other[0] < hit[1] for other in kept):
            kept.append(hit)
    found: dict[str, list[str]] = {}
    for begin, end, category in sorted(kept):
        phrase = folded[spans[begin][0] : spans[end - 1][1]]
        if phrase not in found.setdefault(category, []):
            found[category].append(phrase)
    by_name = {category.name_nb: category for category in data.categories}
    return [
        CategoryMatch(category=by_name[name], matched=tuple(phrases))
        for name, phrases in found.items()
        if name in by_name
    ]


def match_reasons(
    text: str, *, matches: list[dict[str, str]], data: ReferenceData, field: str = "description"
) -> list[RiskReason]:
    """The stored matches as reasons beside the risk derivation.

    Args:
        text: the description (or category text) the matches were found in.
        matches: `Supplier.category_matches`: [{"category", "matched"}].
        field: "description" or "category", the column the text came from.
    """
    quoted = text if len(text) <= 80 else f"{text[:77]}…"
    subject_nb, subject_en = (
        ("Beskrivelsen", "The description")
        if field == "description"
        else ("Kategorien", "The category")
    )
    reasons = []
    for match in matches:
        category = data.find_category(match["category"])
        name_en = category.short_en if category else match["category"]
        reasons.append(
            RiskReason(
                text_nb=f"{subject_nb} «{quoted}» nevner «{match['matched']}» → "
                f"{match['category']}.",
                text_en=f'{subject_en} "{quoted}" mentions "{match["matched"]}" → {name_en}.',
                source=f"{KEYWORD_SOURCE}; {DFO_SOURCE}",
                edition="aktsom",
            )
        )
    return reasons


@dataclass(frozen=True, slots=True)
class KeywordIndex:
    """The keywords by the shape of their first word, so a word is looked up, not scanned."""

    exact: dict[str, tuple[Keyword, ...]]
    prefixes: dict[str, tuple[Keyword, ...]]
    suffixes: dict[str, tuple[Keyword, ...]]
    inner: tuple[Keyword, ...]

    def starting(self, word: str) -> list[Keyword]:
        """The keywords whose first word fits `word`."""
        found = list(self.exact.get(word, ()))
        for size in range(1, len(word) + 1):
            found += self.prefixes.get(word[:size], ())
            found += self.suffixes.get(word[-size:], ())
        return found + [keyword for keyword in self.inner if _fits(word, keyword.words[0])]


@lru_cache(maxsize=1)
def keyword_index() -> KeywordIndex:
    """The bundled keyword table, read and indexed once."""
    source = resources.files("storage.reference_data") / KEYWORDS_FILE
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not {"category_no", "language", "keyword"} <= set(reader.fieldnames or ()):
            raise ReferenceDataError(f"{KEYWORDS_FILE}: needs category_no, language, keyword")
        rows = list(reader)
    keywords = [
        Keyword(category_no=row["category_no"].strip(), words=tuple(_pattern_words(row["keyword"])))
        for row in rows
        if _pattern_words(row["keyword"])
    ]
    groups: dict[str, dict[str, list[Keyword]]] = {"exact": {}, "prefix": {}, "suffix": {}}
    inner = []
    for keyword in keywords:
        first = keyword.words[0]
        head, tail = first.startswith("*"), first.endswith("*")
        shape = "inner" if head and tail else "suffix" if head else "prefix" if tail else "exact"
        if shape == "inner":
            inner.append(keyword)
        else:
            groups[shape].setdefault(first.strip("*"), []).append(keyword)
    frozen = {shape: {k: tuple(v) for k, v in group.items()} for shape, group in groups.items()}
    return KeywordIndex(
        exact=frozen["exact"],
        prefixes=frozen["prefix"],
        suffixes=frozen["suffix"],
        inner=tuple(inner),
    )


def _fits(word: str, pattern: str) -> bool:
    """Whether one word of the text fits one word of a keyword, `*` being an open end."""
    core = pattern.strip("*")
    if pattern.startswith("*") and pattern.endswith("*"):
        return core in word
    if pattern.endswith("*"):
        return word.startswith(core)
    if pattern.startswith("*"):
        return word.endswith(core)
    return word == pattern


def _words(text: str) -> tuple[str, ...]:
    """Case-folded words of `text`; Norwegian and Swedish letters kept as they are."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _pattern_words(keyword: str) -> list[str]:
    """A keyword's words, each keeping a leading or trailing `*`."""
    parts = []
    for token in keyword.casefold().split():
        head, tail = token.startswith("*"), token.endswith("*")
        inner = _words(token.strip("*"))
        for index, word in enumerate(inner):
            star_head = "*" if head and index == 0 else ""
            star_tail = "*" if tail and index == len(inner) - 1 else ""
            parts.append(f"{star_head}{word}{star_tail}")
    return parts
