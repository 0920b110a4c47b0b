"""Markdown files: headings become sections and front matter declares metadata."""

from __future__ import annotations

from pathlib import Path

from ingestion import read_document

LIMIT = 1024 * 1024
REPORT = """---
title: Exso redegjørelse 2024
kind: supplier_report
supplier: "Exso AS"
---
Exso leverer arbeidsklær fra fabrikker i Bangladesh.

## Risiko

Vi har funnet **høy risiko** for ubetalt overtid.

## Tiltak

Exso har fått en [korrigerende handlingsplan](https://example.org/plan).

```
# ikke en overskrift
```
"""


def _md(tmp_path: Path, text: str, name: str = "notat.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_sets_title_kind_and_supplier(tmp_path: Path) -> None:
    document = read_document(_md(tmp_path, REPORT), max_bytes=LIMIT)
    assert document is not None
    assert document.title == "Exso redegjørelse 2024"
    assert document.kind == "supplier_report"
    assert document.supplier == "Exso AS"


def test_markdown_headings_become_sections(tmp_path: Path) -> None:
    document = read_document(_md(tmp_path, REPORT), max_bytes=LIMIT)
    assert document is not None
    assert [section.heading for section in document.sections] == [None, "Risiko", "Tiltak"]
    assert [chunk.header for chunk in document.chunks] == [
        "Exso redegjørelse 2024",
        "Exso redegjørelse 2024 — Risiko",
        "Exso redegjørelse 2024 — Tiltak",
    ]


def test_markdown_syntax_is_not_indexed(tmp_path: Path) -> None:
    document = read_document(_md(tmp_path, REPORT), max_bytes=LIMIT)
    assert document is not None
    assert document.sections[1].text == "Vi har funnet høy risiko for ubetalt overtid."
    assert "korrigerende handlingsplan." in document.sections[2].text
    assert "https://" not in document.sections[2].text


def test_hash_inside_code_block_is_not_a_heading(tmp_path: Path) -> None:
    document = read_document(_md(tmp_path, REPORT), max_bytes=LIMIT)
    assert document is not None
    assert "# ikke en overskrift" in document.sections[-1].text


def test_markdown_without_front_matter_takes_title_from_first_heading(tmp_path: Path) -> None:
    document = read_document(_md(tmp_path, "# Rutiner\n\nVi følger opp.\n"), max_bytes=LIMIT)
    assert document is not None
    assert document.title == "Rutiner"


def test_list_items_and_table_rows_keep_their_shape(tmp_path: Path) -> None:
    text = (
        "# Tiltak\n\nVi har avtalt følgende:\n\n- låse opp nødutganger\n- *begrense* overtid\n\n"
        "| Tiltak | Frist |\n|---|---|\n| Brannøvelse | 1. mars |\n"
    )
    document = read_document(_md(tmp_path, text), max_bytes=LIMIT)
    assert document is not None
    body = document.sections[0].text
    assert "Vi har avtalt følgende:\n\n- låse opp nødutganger\n- begrense overtid" in body
    assert "Brannøvelse | 1. mars" in body


def test_broken_front_matter_is_ignored_not_fatal(tmp_path: Path) -> None:
    text = "---\ntitle: [unclosed\n---\n# Rutiner\n\nVi følger opp.\n"
    document = read_document(_md(tmp_path, text), max_bytes=LIMIT)
    assert document is not None
    assert document.title == "Rutiner"
