"""A statute is chunked by §: whole paragraphs, the § as location, never a cut rule."""

from __future__ import annotations

from pathlib import Path

from ingestion import Section, read_document
from ingestion.chunking import chunk_statute

HASH = "0123456789abcdef" * 4
RULE = "Virksomheten skal gi informasjon innen rimelig tid og senest innen tre uker."
LONG_PARAGRAPHS = [f"{RULE} Dette er ledd nummer {n} med noen ekstra ord." for n in range(1, 7)]


def _chunks(sections: list[Section], *, target_words: int = 40) -> list:
    return chunk_statute(
        doc_id="lov-abc123",
        title="Loven",
        sections=sections,
        content_hash=HASH,
        target_words=target_words,
    )


def test_short_section_is_one_chunk_located_at_its_number() -> None:
    text = "Første ledd.\n\nAndre ledd."
    chunks = _chunks([Section(text, heading="§ 12. Forbuds- og påbudsvedtak")])

    assert [(chunk.text, chunk.location) for chunk in chunks] == [(text, "§ 12")]
    assert chunks[0].header == "Loven — § 12 Forbuds- og påbudsvedtak"


def test_long_section_is_split_only_between_paragraphs_and_never_repeats_one() -> None:
    text = "\n\n".join(LONG_PARAGRAPHS)
    chunks = _chunks([Section(text, heading="§ 7 Behandling")])

    assert len(chunks) > 1
    assert all(chunk.location == "§ 7" for chunk in chunks)
    assert "\n\n".join(chunk.text for chunk in chunks) == text
    for chunk in chunks:
        assert all(paragraph in LONG_PARAGRAPHS for paragraph in chunk.text.split("\n\n"))


def test_lead_in_ending_in_a_colon_stays_with_its_list() -> None:
    lead_in = "Med større virksomheter menes virksomheter som overskrider to av tre terskler:"
    items = "1. salgsinntekt: 70 millioner kroner\n2. balansesum: 35 millioner kroner"
    text = "\n\n".join([LONG_PARAGRAPHS[0], LONG_PARAGRAPHS[1], lead_in, items])
    chunks = _chunks([Section(text, heading="§ 3 Definisjoner")], target_words=30)

    assert any(f"{lead_in}\n\n{items}" in chunk.text for chunk in chunks)


def test_short_last_paragraph_joins_the_chunk_before() -> None:
    last = "Departementet kan gi forskrift."
    text = "\n\n".join([*LONG_PARAGRAPHS[:3], last])
    chunks = _chunks([Section(text, heading="§ 4 Plikt")], target_words=30)

    assert chunks[-1].text.endswith(f"\n\n{last}")
    assert chunks[-1].text != last


def test_paragraph_too_long_for_the_embedder_is_packed_by_sentences() -> None:
    paragraph = " ".join(LONG_PARAGRAPHS * 3)
    chunks = _chunks([Section(paragraph, heading="§ 5 Plikt")], target_words=20)

    assert len(chunks) > 1
    assert all(len(chunk.text.split()) <= 40 for chunk in chunks)
    assert all(chunk.location == "§ 5" for chunk in chunks)


def test_location_reads_the_section_number_in_its_usual_forms() -> None:
    headings = ["§ 2 A-6. Varsling", "§ 14 a Gebyr", "§3-5 Underskrift", "Kapittel 1 Innledning"]
    chunks = _chunks([Section("Ett ledd.", heading=heading) for heading in headings])

    assert [chunk.location for chunk in chunks] == [
        "§ 2 A-6",
        "§ 14 a",
        "§ 3-5",
        "Kapittel 1 Innledning",
    ]
    assert chunks[0].header == "Loven — § 2 A-6 Varsling"


def test_a_file_declared_as_law_is_chunked_by_section(tmp_path: Path) -> None:
    path = tmp_path / "forskrift.md"
    body = "\n\n".join(LONG_PARAGRAPHS)
    path.write_text(f"---\nkind: law\n---\n\n## § 1. Formål\n\n{body}\n", encoding="utf-8")

    document = read_document(path, max_bytes=10**6, chunk_words=20)

    assert document is not None and document.kind == "law"
    assert {chunk.location for chunk in document.chunks} == {"§ 1"}
    assert "\n\n".join(chunk.text for chunk in document.chunks) == body
