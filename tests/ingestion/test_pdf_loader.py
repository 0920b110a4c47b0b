"""PDF files: pages become sections, broken and locked files are refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion import CorruptFile, EmptyDocument, read_document
from tests.ingestion.samples import encrypt_pdf, make_pdf

LIMIT = 5 * 1024 * 1024
PAGES = [
    ["Risikovurdering", "Vi har kartlagt alle leveran-", "dører i Asia og Europa i 2024."],
    ["Tiltak", "Leverandøren i Vietnam har fått en plan for å rette avvikene."],
]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_pages_are_cited_by_page_number(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "exso.pdf", make_pdf(PAGES)), max_bytes=LIMIT)
    assert document is not None
    assert [section.page for section in document.sections] == [1, 2]
    assert [chunk.location for chunk in document.chunks] == ["page 1", "page 2"]


def test_pdf_words_broken_over_lines_are_joined(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "exso.pdf", make_pdf(PAGES)), max_bytes=LIMIT)
    assert document is not None
    assert "kartlagt alle leverandører i Asia" in document.chunks[0].text


def test_pdf_chunk_header_names_the_nearest_heading(tmp_path: Path) -> None:
    pdf = make_pdf(PAGES, title="Exso redegjørelse")
    document = read_document(_write(tmp_path, "exso.pdf", pdf), max_bytes=LIMIT)
    assert document is not None
    assert document.title == "Exso redegjørelse"
    assert [chunk.header for chunk in document.chunks] == [
        "Exso redegjørelse — Risikovurdering",
        "Exso redegjørelse — Tiltak",
    ]


def test_pdf_norwegian_letters_survive(tmp_path: Path) -> None:
    pdf = make_pdf([["Blåbær, ærlig og østlig: æøå ÆØÅ."]])
    document = read_document(_write(tmp_path, "tegn.pdf", pdf), max_bytes=LIMIT)
    assert document is not None
    assert "æøå ÆØÅ" in document.chunks[0].text


def test_truncated_pdf_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = _write(tmp_path, "halv.pdf", make_pdf(PAGES)[:300])
    with pytest.raises(CorruptFile, match=r"halv\.pdf: corrupt PDF"):
        read_document(path, max_bytes=LIMIT)


def test_garbage_named_pdf_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = _write(tmp_path, "tull.pdf", b"this is not a pdf at all")
    with pytest.raises(CorruptFile, match="not a PDF"):
        read_document(path, max_bytes=LIMIT)


def test_password_protected_pdf_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = _write(tmp_path, "låst.pdf", encrypt_pdf(make_pdf(PAGES), password="hemmelig"))
    with pytest.raises(CorruptFile, match="password-protected"):
        read_document(path, max_bytes=LIMIT)


def test_pdf_encrypted_only_against_editing_opens_normally(tmp_path: Path) -> None:
    data = encrypt_pdf(make_pdf(PAGES), password="", owner_password="eier")
    document = read_document(_write(tmp_path, "begrenset.pdf", data), max_bytes=LIMIT)
    assert document is not None
    assert document.sections[1].text.startswith("Tiltak")


def test_pdf_without_text_layer_asks_for_ocr(tmp_path: Path) -> None:
    path = _write(tmp_path, "skann.pdf", make_pdf([[]]))
    with pytest.raises(EmptyDocument, match="OCR"):
        read_document(path, max_bytes=LIMIT)
