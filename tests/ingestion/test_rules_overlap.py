"""How much of one chunk the next repeats: one sentence when it is short enough, none when asked."""

from __future__ import annotations

from itertools import pairwise

from ingestion import Section, chunk_document

HASH = "0123456789abcdef" * 4


def _texts(sentences: list[str], *, target: int, overlap: int = 1) -> list[str]:
    chunks = chunk_document(
        doc_id="doc-abc123",
        title="Rutine",
        sections=[Section(" ".join(sentences), heading="Plikt")],
        content_hash=HASH,
        target_words=target,
        overlap_sentences=overlap,
    )
    return [chunk.text for chunk in chunks]


def test_a_sentence_of_half_the_size_is_still_repeated() -> None:
    s = [f"Ord ord ord {n}." for n in range(1, 7)]  # four words each, target eight

    assert _texts(s, target=8) == [f"{a} {b}" for a, b in pairwise(s)]


def test_only_the_last_sentence_is_repeated() -> None:
    s = [f"Ord {n}." for n in range(1, 10)]  # two words each, target six

    texts = _texts(s, target=6)

    assert texts[0] == " ".join(s[:3])
    assert texts[1] == " ".join(s[2:5])


def test_no_overlap_asked_repeats_nothing() -> None:
    s = ["Kort setning her.", "En mye lengre setning med hele åtte ord.", "Kort igjen nå."] * 3

    texts = _texts(s, target=10, overlap=0)

    assert " ".join(texts) == " ".join(s)
