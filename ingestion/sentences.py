"""Sentence splitting for Norwegian, Swedish and English due-diligence text.

Chunks are packed from whole sentences, and answers quote whole sentences, so the splitter
must not cut at "f.eks.", "bl.a.", "jf. § 4", "nr. 3", "ca. 30" or "t.ex.", nor inside
numbers like "1.5". Lines without final punctuation (headings, list items, table rows) are
units of their own and never merge into the sentence after them; a line that continues in
lower case (a wrapped line in a PDF or a hard-wrapped .txt) is joined to the one before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_HEADING_WORDS = 10
MAX_HEADING_CHARS = 80
WRAPPED_LINE_CHARS = 60
# Words that end in a period without ending the sentence (lower case, final period dropped).
_ABBREVIATION_WORDS = """
    f.eks bl.a jf jfr nr ca dvs mht iht pga evt ev inkl ekskl kap pkt avd tlf ref vedr mv
    m.fl o.l t.o.m f.o.m fhv adm dir stk st kr mill mrd mnd kl prof dr mr mrs ms no vs cf
    e.g i.e approx fig vol pp para sec corp inc ltd co jr sr t.ex s.k resp ang enl fr.o.m
    jan feb mar apr jun jul aug sep sept okt oct nov des dec bl.annat m.a.o forts ngt
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# "d.v.s", "p.g.a", "t.ex": short letter groups joined by periods are abbreviations too.
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,4}\.)+[^\W\d_]{1,4}$")
_BOUNDARY = re.compile(r"[.!?…]+[\"»”’')\]]*\s+(?=\S)")
_LIST_ITEM = re.compile(r"^(?:[-*•–·▪►✓]|\(?\d{1,3}[.)]|\(?[a-zæøå][.)])\s+")
_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+[^\W\d_]")
# Page labels ("Side 3 av 10") and dated lines ("Publisert 24.02.2022") look like headings.
_NOT_HEADING = re.compile(
    r"^(?:side|page|sida|s\.)\s*\d|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b", re.IGNORECASE
)
_OPENERS = "([«\"'“‘"
_FINAL = re.compile(r"[.!?…:;][\"»”’')\]]*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, or one line that ends without punctuation.

    `joiner` is what stood between it and the sentence before: " " inside a line, "\\n"
    between lines, "\\n\\n" between paragraphs ("" for the first).
    """

    text: str
    joiner: str
    whole_line: bool


def split_sentences(text: str) -> list[str]:
    """Split text into sentences and punctuation-free lines, in order."""
    return [sentence.text for sentence in segment_text(text)]


def segment_text(text: str) -> list[Sentence]:
    """Like `split_sentences`, keeping what joined each sentence to the one before."""
    sentences: list[Sentence] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        paragraph_joiner = "\n\n"
        for line in _logical_lines(paragraph.split("\n")):
            parts = _split_line(line)
            for index, part in enumerate(parts):
                joiner = " " if index else paragraph_joiner
                sentences.append(Sentence(part, "" if not sentences else joiner, len(parts) == 1))
            paragraph_joiner = "\n"
    return sentences


def is_heading_like(sentence: Sentence) -> bool:
    """True for a short whole line without final punctuation that reads like a heading."""
    text = sentence.text
    return (
        sentence.whole_line
        and 0 < len(text.split()) <= MAX_HEADING_WORDS
        and len(text) <= MAX_HEADING_CHARS
        and not _FINAL.search(text)
        and not text.endswith(",")
        and "|" not in text
        and not _LIST_ITEM.match(text)
        and not _NOT_HEADING.search(text)
        and bool(text[0].isupper() or _NUMBERED_HEADING.match(text))
    )


def _logical_lines(lines: list[str]) -> list[str]:
    """Join each line that continues the one before it into one logical line."""
    joined: list[str] = []
    previous = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if joined and _continues(line, previous=previous):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
        previous = line
    return joined


def _continues(line: str, *, previous: str) -> bool:
    """True when `line` carries on the sentence of `previous` rather than starting anew.

    It does when it starts in lower case, when `previous` ends with a comma or dash, or when
    `previous` is a long line without final punctuation (a line wrapped by the layout).
    """
    if _LIST_ITEM.match(line):
        return False
    wrapped = (
        len(previous) >= WRAPPED_LINE_CHARS and not _FINAL.search(previous) and "|" not in previous
    )
    return line[0].islower() or previous.endswith((",", "-", "–")) or wrapped


def _split_line(line: str) -> list[str]:
    """Split one logical line at sentence ends, skipping abbreviations."""
    parts: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        if _ends_sentence(line, start=start, match=match):
            parts.append(line[start : match.end()].strip())
            start = match.end()
    parts.append(line[start:].strip())
    return [part for part in parts if part]


def _ends_sentence(line: str, *, start: int, match: re.Match[str]) -> bool:
    """Decide whether the punctuation at `match` ends a sentence."""
    following = line[match.end()]
    if following.islower():
        return False
    mark = match.group().rstrip()
    if not mark.startswith(".") or mark.startswith(".."):
        return True
    before = line[start : match.start()].split()
    if len(before) == 1 and before[0].isdigit():
        return False  # "1. Innledning": a numbered item, not a one-word sentence
    word = before[-1].lstrip(_OPENERS).lower() if before else ""
    is_initial = len(word) == 1 and word.isalpha()
    return not (word in ABBREVIATIONS or _DOTTED.match(word) or is_initial)
