"""`aktsom reindex`, and a catalog lost beside a full vector store: refused, never wiped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.knowledge.corpus import write_corpus


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(tmp_path / "data"))
    code, _, err = _run("ingest", str(write_corpus(tmp_path / "docs")))
    assert code == 0, err
    return tmp_path / "data"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _titles() -> set[str]:
    code, out, err = _run("sources", "--json")
    assert code == 0, err
    return {row["title"] for row in json.loads(out)}


def test_deleted_catalog_is_an_error_and_read_only_commands_keep_the_vectors(
    data_dir: Path,
) -> None:
    for path in (data_dir / "knowledge").glob("catalog.sqlite*"):
        path.unlink()

    for command in (["sources"], ["ask", "Hva er fristen for å svare på et informasjonskrav?"]):
        code, out, err = _run(*command)
        assert code == 1
        assert out == ""
        (line,) = err.strip().splitlines()
        assert line.startswith("Error: ")
        assert "Nothing was deleted. Run `aktsom reindex`" in line

    code, out, err = _run("reindex")
    assert code == 0, err
    assert "Rebuilt the catalog from the vector store: 3 documents" in out
    assert _titles() == {
        "Rutine for informasjonskrav",
        "Audit of Harbour Knitwear",
        "Uppföljning av Norrsken Elektronik",
    }


def test_reindex_of_an_intact_knowledge_base_says_there_is_nothing_to_rebuild(
    data_dir: Path,
) -> None:
    code, out, err = _run("reindex")

    assert code == 0, err
    assert out.startswith("Nothing to rebuild: the catalog and the vector store agree")
    assert len(_titles()) == 3
