"""Word files: heading styles become sections, tables are kept as rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion import CorruptFile, read_document
from tests.ingestion.samples import make_docx

LIMIT = 5 * 1024 * 1024
BLOCKS = [
    ("Title", "Veileder for leverandøroppfølging"),
    ("Normal", "Denne veilederen forklarer hvordan vi følger opp leverandører."),
    ("Heading 1", "Risikovurdering"),
    ("Normal", "Vi vurderer risiko for tvangsarbeid hos alle leverandører."),
    ("List Bullet", "Revisjon hos leverandøren"),
    ("Heading 2", "Frister"),
    ("Normal", "Svar på informasjonskrav sendes innen tre uker."),
]


def _docx(tmp_path: Path, data: bytes, name: str = "veileder.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_docx_heading_styles_become_sections(tmp_path: Path) -> None:
    document = read_document(_docx(tmp_path, make_docx(BLOCKS)), max_bytes=LIMIT)
    assert document is not None
    assert [section.heading for section in document.sections] == [
        None,
        "Risikovurdering",
        "Frister",
    ]
    assert document.chunks[2].header == "Veileder for leverandøroppfølging — Frister"


def test_docx_title_style_names_the_document(tmp_path: Path) -> None:
    document = read_document(_docx(tmp_path, make_docx(BLOCKS)), max_bytes=LIMIT)
    assert document is not None
    assert document.title == "Veileder for leverandøroppfølging"


def test_docx_tables_are_read_row_by_row(tmp_path: Path) -> None:
    data = make_docx(BLOCKS, table=[["Land", "Risiko"], ["Kina", "Høy"]])
    document = read_document(_docx(tmp_path, data), max_bytes=LIMIT)
    assert document is not None
    assert "Kina | Høy" in document.chunks[-1].text


def test_truncated_docx_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = _docx(tmp_path, make_docx(BLOCKS)[:400], name="ødelagt.docx")
    with pytest.raises(CorruptFile, match=r"ødelagt\.docx: corrupt Word document"):
        read_document(path, max_bytes=LIMIT)
