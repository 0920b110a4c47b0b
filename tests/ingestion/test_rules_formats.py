"""Format rules a person sees: PDF titles, Word tables, Markdown lists, undecodable text files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion import UndecodableText, read_document
from tests.ingestion.samples import make_docx, make_pdf

LIMIT = 1024 * 1024
PAGE = ["Leverandøren har gjennomført en aktsomhetsvurdering.", "Tiltak er iverksatt."]


def _read(path: Path, data: bytes):  # type: ignore[no-untyped-def]
    path.write_bytes(data)
    document = read_document(path, max_bytes=LIMIT)
    assert document is not None
    return document


@pytest.mark.parametrize(
    "metadata_title",
    [None, "Microsoft Word - Rapport 2024", "Untitled", "rapport_endelig.docx", "RAPPORT.PDF"],
)
def test_a_pdf_without_a_real_title_is_named_after_its_file(
    tmp_path: Path, metadata_title: str | None
) -> None:
    document = _read(tmp_path / "exso_rapport-2024.pdf", make_pdf([PAGE], title=metadata_title))

    assert document.title == "Exso rapport 2024"


def test_a_pdf_with_a_real_title_keeps_it(tmp_path: Path) -> None:
    document = _read(tmp_path / "x.pdf", make_pdf([PAGE], title="  Exso redegjørelse 2024 "))

    assert document.title == "Exso redegjørelse 2024"


def test_a_word_table_adds_no_text_of_its_own(tmp_path: Path) -> None:
    data = make_docx(
        [("Heading 1", "Leverandører"), ("Normal", "Tabellen viser risiko.")],
        table=[["Navn", "Risiko"], ["Nordvev", "Høy"]],
    )
    document = _read(tmp_path / "liste.docx", data)

    text = "\n".join(section.text for section in document.sections)
    assert [line for line in text.split("\n") if line] == [
        "Tabellen viser risiko.",
        "Navn | Risiko",
        "Nordvev | Høy",
    ]


def test_every_list_in_a_markdown_file_is_kept(tmp_path: Path) -> None:
    text = (
        "# Tiltak\n\nFørst:\n\n- rette avvik\n- følge opp\n\n"
        "Deretter:\n\n1. rapportere\n2. revidere\n"
    )
    document = _read(tmp_path / "tiltak.md", text.encode())

    [section] = document.sections
    assert section.text == (
        "Først:\n\n- rette avvik\n- følge opp\n\nDeretter:\n\n1. rapportere\n2. revidere"
    )


def test_a_text_file_with_a_broken_utf8_bom_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "notat.txt"
    path.write_bytes(b"\xef\xbb\xbfHei \xff\xfe verden")

    with pytest.raises(UndecodableText, match=r"^notat\.txt: invalid utf-8-sig text \("):
        read_document(path, max_bytes=LIMIT)
