"""Sentence-packed chunks with one sentence of overlap and a context header."""

from __future__ import annotations

from itertools import pairwise

from ingestion import Section, chunk_document, split_sentences

HASH = "0123456789abcdef" * 4
RISK = " ".join(
    f"Leverandør nummer {n} i Bangladesh har f.eks. hatt ubetalt overtid i {2000 + n}."
    for n in range(12)
)


def _chunks(sections: list[Section], *, target_words: int = 30) -> list:
    return chunk_document(
        doc_id="exso-abc123",
        title="Exso redegjørelse",
        sections=sections,
        content_hash=HASH,
        target_words=target_words,
    )


def test_chunks_hold_whole_sentences() -> None:
    sentences = set(split_sentences(RISK))
    for chunk in _chunks([Section(RISK, heading="Risiko")]):
        assert set(split_sentences(chunk.text)) <= sentences


def test_consecutive_chunks_overlap_by_exactly_one_sentence() -> None:
    chunks = _chunks([Section(RISK, heading="Risiko")])
    assert len(chunks) > 2
    for before, after in pairwise(chunks):
        assert split_sentences(after.text)[0] == split_sentences(before.text)[-1]
        assert split_sentences(after.text)[1] not in split_sentences(before.text)


def test_chunks_stay_near_the_target_size() -> None:
    for chunk in _chunks([Section(RISK, heading="Risiko")], target_words=40):
        assert len(chunk.text.split()) <= 40 + 10


def test_header_names_title_and_section_heading() -> None:
    chunks = _chunks([Section("Innledende tekst.", heading=None), Section(RISK, heading="Risiko")])
    assert chunks[0].header == "Exso redegjørelse"
    assert chunks[0].location == ""
    assert chunks[1].header == "Exso redegjørelse — Risiko"
    assert chunks[1].location == "Risiko"


def test_no_chunk_crosses_a_section_boundary() -> None:
    first = Section("Første seksjon har én setning.", heading="En")
    second = Section("Andre seksjon har også én setning.", heading="To")
    chunks = _chunks([first, second], target_words=80)
    assert [chunk.text for chunk in chunks] == [first.text, second.text]


def test_chunk_ids_carry_document_version_and_position() -> None:
    chunks = _chunks([Section(RISK, heading="Risiko")])
    assert [chunk.chunk_id for chunk in chunks[:2]] == [
        "exso-abc123:0123456789ab:0",
        "exso-abc123:0123456789ab:1",
    ]
    assert [chunk.ordinal for chunk in chunks] == list(range(len(chunks)))


def test_overlong_sentence_is_cut_at_word_boundaries() -> None:
    words = [f"ord{n}" for n in range(70)]
    chunks = _chunks([Section(" ".join(words) + ".")], target_words=30)
    pieces = [" ".join(words[:30]), " ".join(words[30:60]), " ".join(words[60:]) + "."]
    assert [chunk.text for chunk in chunks] == pieces


def test_tiny_trailing_fragment_joins_the_previous_chunk() -> None:
    text = " ".join(["Dette er en setning med nøyaktig ni ord her."] * 3) + " Slutt."
    chunks = _chunks([Section(text, heading="Risiko")], target_words=27)
    assert len(chunks) == 1
    assert chunks[0].text.endswith("her. Slutt.")


def test_abbreviations_are_not_split_between_chunks() -> None:
    sentence = (
        "Vi bruker f.eks. revisjoner, jf. § 4, og bl.a. egenerklæringer hos ca. 30 leverandører."
    )
    chunks = _chunks([Section(" ".join([sentence] * 6), heading="Tiltak")], target_words=20)
    assert all(chunk.text.startswith("Vi bruker f.eks.") for chunk in chunks)
    assert all(chunk.text.endswith("leverandører.") for chunk in chunks)


def test_paragraph_and_list_breaks_are_kept_in_the_passage() -> None:
    text = "Tiltak:\n- revisjon\n- ny kontrakt\n\nNeste avsnitt."
    assert _chunks([Section(text)], target_words=80)[0].text == text


def test_plain_text_heading_lines_name_the_chunks_below_them() -> None:
    text = "Publisert 24.02.2022\n\nRutiner\nVi følger opp alle leverandører.\nSide 2 av 9"
    chunks = _chunks([Section(text)], target_words=80)
    assert [(chunk.header, chunk.location) for chunk in chunks] == [
        ("Exso redegjørelse — Rutiner", "Rutiner")
    ]
