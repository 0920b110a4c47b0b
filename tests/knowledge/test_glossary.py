"""The glossary finds due-diligence terms in a question and names them in other languages."""

from __future__ import annotations

from pathlib import Path

from knowledge.glossary import Glossary


def _write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "glossary.tsv"
    path.write_text("concept\tnb\tnn\tsv\ten\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_english_question_is_expanded_with_norwegian_and_swedish_terms(tmp_path: Path) -> None:
    glossary = Glossary.load(
        _write(tmp_path, ["forced labour\ttvangsarbeid\ttvangsarbeid\ttvångsarbete\tforced labour"])
    )

    expansions = glossary.expand("Is there forced labour at the supplier?")

    assert "tvangsarbeid" in expansions
    assert "tvångsarbete" in expansions
    assert "forced labour" not in expansions


def test_inflected_form_matches_but_expansion_uses_headwords(tmp_path: Path) -> None:
    glossary = Glossary.load(
        _write(
            tmp_path,
            ["supplier\tleverandør|leverandørene\t\tleverantör|leverantörerna\tsupplier|suppliers"],
        )
    )

    expansions = glossary.expand("Hva gjør leverandørene?")

    assert expansions == ["leverandør", "leverantör", "supplier"]


def test_question_without_glossary_terms_is_not_expanded(tmp_path: Path) -> None:
    glossary = Glossary.load(_write(tmp_path, ["audit\trevisjon\trevisjon\trevision\taudit"]))

    assert glossary.expand("What is the weather tomorrow?") == []


def test_bundled_glossary_covers_core_terms_in_three_languages() -> None:
    glossary = Glossary.bundled()

    assert len(glossary) >= 100
    expansions = glossary.expand("Hva er fristen for å svare på et informasjonskrav?")
    assert "information request" in expansions
