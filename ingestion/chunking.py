"""Cut sections into retrievable passages of about 80 words, aligned to sentences.

Measured on the shared corpus, sentence-packed chunks of ~80 words with one sentence of
overlap and a "Title — Section" header lifted recall@5 from 0.83 to 0.97 over larger chunks.
A chunk never crosses a section boundary, so its header and location stay true. Sections
without a heading of their own (PDF pages, plain text) take the nearest heading-like line
above them, carried across pages.

A statute (kind `law`) is cut differently by `chunk_statute`: a § is read and cited whole,
so each § is one chunk, split only between its paragraphs (ledd) when it is long, and the
location is the § itself ("§ 7"), the way people cite it.

Usage::

    chunks = chunk_document(doc_id="exso-3f2a1c", title="Exso", sections=sections,
                            content_hash=digest)
    chunks = chunk_statute(doc_id="apenhetsloven-1b2c3d", title="Åpenhetsloven",
                           sections=sections, content_hash=digest)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingestion.document import Chunk, Section
from ingestion.sentences import Sentence, is_heading_like, segment_text

DEFAULT_TARGET_WORDS = 80
DEFAULT_OVERLAP_SENTENCES = 1
# A ledd is one rule and is quoted whole, so a statute's chunks may hold twice as many words.
DEFAULT_STATUTE_WORDS = 2 * DEFAULT_TARGET_WORDS
HASH_CHARS = 12
# "§ 7", "§ 2 a", "§ 3-5", "§ 2 A-6" at the start of a heading such as "§ 7. Virksomhetenes ...".
_SECTION_NUMBER = re.compile(r"\A§\s*\d+(?:\s?[a-z](?=[\s.]|\Z)|\s[A-Z](?=-\d))?(?:-\d+)?")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def chunk_document(
    *,
    doc_id: str,
    title: str,
    sections: Sequence[Section],
    content_hash: str,
    target_words: int = DEFAULT_TARGET_WORDS,
    overlap_sentences: int = DEFAULT_OVERLAP_SENTENCES,
) -> list[Chunk]:
    """Pack each section's sentences into chunks of about `target_words` words.

    Args:
        doc_id: the document id; chunk ids are `{doc_id}:{content_hash[:12]}:{ordinal}`, so a
            new version of a file never reuses the ids of the old one.
        title: the document title, the first part of every header.
        sections: normalised sections in reading order.
        content_hash: the hash of the file's bytes.
        target_words: the size chunks are packed up to; a longer sentence is cut at words.
        overlap_sentences: sentences repeated from the end of one chunk at the start of the
            next in the same section.
    """
    groups: list[_Group] = []
    nearest: str | None = None
    for section in sections:
        units, nearest = _units(section, nearest=nearest if section.page else None)
        groups.extend(
            _pack(units, section=section, target_words=target_words, overlap=overlap_sentences)
        )
    return [
        Chunk(
            chunk_id=f"{doc_id}:{content_hash[:HASH_CHARS]}:{ordinal}",
            doc_id=doc_id,
            ordinal=ordinal,
            header=_header(title, heading=group.heading),
            text=group.text(),
            location=_location(group),
        )
        for ordinal, group in enumerate(groups)
    ]


def chunk_statute(
    *,
    doc_id: str,
    title: str,
    sections: Sequence[Section],
    content_hash: str,
    target_words: int = DEFAULT_STATUTE_WORDS,
) -> list[Chunk]:
    """One chunk per § of a statute, split between its paragraphs only when it is long.

    Paragraphs are never cut or repeated: a § of more than `target_words` words is packed
    paragraph by paragraph up to that size, a lead-in ending in ":" stays with the list
    after it, and a short last paragraph (a "Departementet kan gi forskrift" sentence)
    joins the one before. Only a paragraph longer than twice `target_words` (a statute
    without blank lines between its paragraphs, or a PDF page) is packed by sentences as
    `chunk_document` does, so no passage grows past what an embedder reads well.

    Args:
        doc_id: the document id, as for `chunk_document`.
        title: the statute's title, the first part of every header.
        sections: one section per §, its heading "§ 6. Rett til informasjon" or "§ 6 Rett
            til informasjon"; headers read "Title — § 6 Rett til informasjon".
        content_hash: the hash of the file's bytes.
        target_words: the size a long § is packed up to.
    """
    pieces: list[tuple[str | None, str, str]] = []
    for section in sections:
        number = _section_number(section.heading)
        heading = _statute_heading(section.heading, number=number)
        location = number or _location(_Group(section, section.heading))
        for text in _statute_texts(section, target_words=target_words):
            pieces.append((heading, text, location))
    return [
        Chunk(
            chunk_id=f"{doc_id}:{content_hash[:HASH_CHARS]}:{ordinal}",
            doc_id=doc_id,
            ordinal=ordinal,
            header=_header(title, heading=heading),
            text=text,
            location=location,
        )
        for ordinal, (heading, text, location) in enumerate(pieces)
    ]


@dataclass(frozen=True, slots=True)
class _Unit:
    """A sentence (or a piece of an over-long one) with the heading in force where it stands."""

    sentence: Sentence
    words: int
    heading: str | None
    starts_heading: bool = False


@dataclass(slots=True)
class _Group:
    """Units packed into one chunk; the first `overlap` of them repeat the chunk before."""

    section: Section
    heading: str | None
    units: list[_Unit] = field(default_factory=list)
    overlap: int = 0

    @property
    def new_words(self) -> int:
        """Words in this chunk that the previous chunk did not already hold."""
        return sum(unit.words for unit in self.units[self.overlap :])

    @property
    def words(self) -> int:
        """All words in this chunk."""
        return sum(unit.words for unit in self.units)

    def text(self) -> str:
        """The passage, with the original line and paragraph breaks between units."""
        first, *rest = self.units
        return first.sentence.text + "".join(u.sentence.joiner + u.sentence.text for u in rest)


def _units(section: Section, *, nearest: str | None) -> tuple[list[_Unit], str | None]:
    """Split a section into units; return them and the heading in force at its end."""
    units: list[_Unit] = []
    heading = section.heading or nearest
    for sentence in segment_text(section.text):
        starts_heading = section.heading is None and is_heading_like(sentence)
        if starts_heading:
            heading = sentence.text
        units.append(
            _Unit(sentence, len(sentence.text.split()), heading, starts_heading=starts_heading)
        )
    return units, heading


def _pack(units: list[_Unit], *, section: Section, target_words: int, overlap: int) -> list[_Group]:
    """Pack one section's units into groups of about `target_words` words."""
    min_words = max(1, target_words // 4)
    groups: list[_Group] = []
    current: _Group | None = None
    for unit in _cut_long(units, target_words=target_words):
        if current is None:
            current = _Group(section, unit.heading)
        elif unit.starts_heading and current.new_words >= min_words:
            # A heading starts a fresh chunk, and nothing from before it is repeated.
            groups.append(current)
            current = _Group(section, unit.heading)
        elif unit.starts_heading:
            # Too little above the heading for a chunk of its own: the heading names this one.
            current.heading = unit.heading
        elif current.new_words and current.words + unit.words > target_words:
            groups.append(current)
            carried = _overlap(current.units, count=overlap, limit=target_words // 2)
            current = _Group(section, unit.heading, units=carried, overlap=len(carried))
        current.units.append(unit)
    if current is not None and current.new_words:
        groups.append(current)
    return _merge_tail(groups, min_words=min_words)


def _cut_long(units: list[_Unit], *, target_words: int) -> list[_Unit]:
    """Cut any unit longer than `target_words` into pieces at word boundaries."""
    out: list[_Unit] = []
    for unit in units:
        if unit.words <= target_words:
            out.append(unit)
            continue
        words = unit.sentence.text.split()
        for start in range(0, len(words), target_words):
            piece = words[start : start + target_words]
            joiner = unit.sentence.joiner if start == 0 else " "
            sentence = Sentence(" ".join(piece), joiner, whole_line=False)
            out.append(_Unit(sentence, len(piece), unit.heading))
    return out


def _overlap(units: list[_Unit], *, count: int, limit: int) -> list[_Unit]:
    """The last `count` units, unless together they are longer than `limit` words."""
    if count <= 0:
        return []
    tail = units[-count:]
    return tail if sum(unit.words for unit in tail) <= limit else []


def _merge_tail(groups: list[_Group], *, min_words: int) -> list[_Group]:
    """Fold a tiny last chunk into the one before it when both sit under the same heading."""
    if len(groups) >= 2 and groups[-1].new_words < min_words:
        last, previous = groups[-1], groups[-2]
        if last.heading == previous.heading:
            previous.units.extend(last.units[last.overlap :])
            return groups[:-1]
    return groups


def _statute_texts(section: Section, *, target_words: int) -> list[str]:
    """The passages of one §: whole paragraphs packed up to `target_words` words."""
    groups: list[list[str]] = []
    packing = False  # whether the last group takes more paragraphs
    for paragraph in _paragraphs(section.text):
        words = len(paragraph.split())
        if words > 2 * target_words:
            units, _ = _units(Section(paragraph, heading=section.heading), nearest=None)
            groups += [
                [group.text()]
                for group in _pack(units, section=section, target_words=target_words, overlap=0)
            ]
            packing = False
        elif packing and _words(groups[-1]) + words <= target_words:
            groups[-1].append(paragraph)
        else:
            groups.append([paragraph])
            packing = True
    if len(groups) >= 2 and _words(groups[-1]) < target_words // 4:
        groups[-2:] = [groups[-2] + groups[-1]]
    return ["\n\n".join(group) for group in groups]


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a section, each lead-in ending in ":" joined to the list after it."""
    paragraphs: list[str] = []
    for paragraph in _PARAGRAPH_BREAK.split(text.strip()):
        if paragraphs and paragraphs[-1].endswith(":"):
            paragraphs[-1] = f"{paragraphs[-1]}\n\n{paragraph}"
        else:
            paragraphs.append(paragraph)
    return paragraphs


def _words(paragraphs: list[str]) -> int:
    """Words in a group of paragraphs."""
    return sum(len(paragraph.split()) for paragraph in paragraphs)


def is_statute(sections: Sequence[Section]) -> bool:
    """Whether `sections` are a statute's: most of them headed by a § number.

    A document of kind `law` by its file name alone ("exso_apenhetsloven.txt", a company's
    report on the Act) is cut like any other document unless its sections are §s.
    """
    numbered = sum(_section_number(section.heading) is not None for section in sections)
    return numbered > 0 and 2 * numbered >= len(sections)


def _section_number(heading: str | None) -> str | None:
    """ "§ 7" from "§ 7. Virksomhetenes behandling av informasjonskrav"; None without a §."""
    found = _SECTION_NUMBER.match(heading or "")
    return re.sub(r"\A§\s*", "§ ", found.group()) if found else None


def _statute_heading(heading: str | None, *, number: str | None) -> str | None:
    """ "§ 6 Rett til informasjon" from Lovdata's "§ 6. Rett til informasjon", as it is cited."""
    if heading is None or number is None:
        return heading
    rest = _SECTION_NUMBER.sub("", heading, count=1).lstrip(". ")
    return f"{number} {rest}" if rest else number


def _header(title: str, *, heading: str | None) -> str:
    """ "Title — Heading", or the title alone when there is no distinct heading."""
    if heading and heading.casefold() != title.casefold():
        return f"{title} — {heading}" if title else heading
    return title


def _location(group: _Group) -> str:
    """Where a person finds the passage: "page N" in a PDF, else the heading, else ""."""
    if group.section.page is not None:
        return f"page {group.section.page}"
    return group.heading or ""
