"""Where a long § is cut: whole paragraphs up to the size, a short last one kept with the last."""

from __future__ import annotations

import pytest

from ingestion import Section
from ingestion.chunking import chunk_statute, is_statute

HASH = "0123456789abcdef" * 4
TARGET = 30


def _words(count: int, word: str = "ord") -> str:
    """A paragraph of `count` words ending in a full stop."""
    return " ".join([word] * count) + "."


def _texts(*paragraphs: str) -> list[str]:
    chunks = chunk_statute(
        doc_id="lov-abc123",
        title="Loven",
        sections=[Section("\n\n".join(paragraphs), heading="§ 8 Plikt")],
        content_hash=HASH,
        target_words=TARGET,
    )
    return [chunk.text for chunk in chunks]


def test_paragraphs_filling_the_size_exactly_stay_in_one_chunk() -> None:
    first, second = _words(20), _words(10, "ledd")

    assert _texts(first, second) == [f"{first}\n\n{second}"]


def test_a_paragraph_past_the_size_starts_a_new_chunk() -> None:
    first, second, third = _words(20), _words(11, "ledd"), _words(20, "regel")

    assert _texts(first, second, third) == [first, second, third]


def test_a_short_last_paragraph_that_does_not_fit_joins_the_chunk_before() -> None:
    first, last = _words(25), _words(6, "forskrift")

    assert _texts(first, last) == [f"{first}\n\n{last}"]


def test_a_last_paragraph_of_a_quarter_of_the_size_keeps_its_own_chunk() -> None:
    first, last = _words(25), _words(7, "forskrift")

    assert _texts(first, last) == [first, last]


def test_only_the_last_paragraph_decides_whether_the_tail_is_joined() -> None:
    short, second, last = _words(5, "kort"), _words(28), _words(25, "regel")

    assert _texts(short, second, last) == [short, second, last]


def test_a_paragraph_of_twice_the_size_is_kept_whole() -> None:
    paragraph = " ".join(f"Setning {n} har fem ord." for n in range(12))  # 60 words

    assert _texts(paragraph) == [paragraph]


def test_a_longer_paragraph_is_packed_by_sentences_without_repeating_one() -> None:
    paragraph = " ".join(f"Setning {n} har fem ord." for n in range(13))  # 65 words
    lead = _words(10, "innledning")

    texts = _texts(lead, paragraph)

    assert texts[0] == lead
    assert len(texts) > 2
    assert " ".join(texts[1:]) == paragraph


def test_the_paragraph_after_a_sentence_packed_one_starts_its_own_chunk() -> None:
    paragraph = " ".join(f"Setning {n} har fem ord." for n in range(14))  # 70 words: 30+30+10
    after = _words(12, "ledd")

    texts = _texts(paragraph, after)

    assert texts[-1] == after
    assert " ".join(texts[:-1]) == paragraph


def test_statute_chunks_are_numbered_in_order_under_the_document() -> None:
    chunks = chunk_statute(
        doc_id="lov-abc123",
        title="Loven",
        sections=[Section(_words(20), heading="§ 1 Formål"), Section(_words(20), heading="§ 2")],
        content_hash=HASH,
    )

    assert [(c.chunk_id, c.doc_id, c.ordinal) for c in chunks] == [
        ("lov-abc123:0123456789ab:0", "lov-abc123", 0),
        ("lov-abc123:0123456789ab:1", "lov-abc123", 1),
    ]
    assert [c.header for c in chunks] == ["Loven — § 1 Formål", "Loven — § 2"]


def test_a_heading_without_a_section_number_is_kept_as_written() -> None:
    [chunk] = chunk_statute(
        doc_id="lov-abc123",
        title="Loven",
        sections=[Section(_words(5), heading="Kapittel 1 Innledning")],
        content_hash=HASH,
    )

    assert chunk.header == "Loven — Kapittel 1 Innledning"


def test_a_lead_in_ending_in_a_colon_is_never_cut_from_its_list() -> None:
    lead_in = _words(25, "innledning")[:-1] + ":"
    items = "1. " + _words(20, "punkt")
    after = _words(20, "regel")

    assert _texts(_words(5, "kort"), lead_in, items, after) == [
        _words(5, "kort"),
        f"{lead_in}\n\n{items}",
        after,
    ]


@pytest.mark.parametrize(
    "numbered, plain, statute",
    [(2, 2, True), (1, 2, False), (1, 0, True), (0, 3, False)],
)
def test_a_document_is_a_statute_when_at_least_half_its_sections_are_numbered(
    numbered: int, plain: int, statute: bool
) -> None:
    sections = [Section("Ledd.", heading=f"§ {n + 1}") for n in range(numbered)]
    sections += [Section("Tekst.", heading="Innledning") for _ in range(plain)]

    assert is_statute(sections) is statute
