"""The knowledge commands as a person at a terminal uses them: exit codes, lines and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.knowledge.corpus import write_corpus


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(tmp_path / "data"))
    return write_corpus(tmp_path / "docs")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_reports_bad_files_one_per_line_and_keeps_the_rest(cli_env: Path) -> None:
    (cli_env / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a real pdf")
    (cli_env / "empty.txt").write_bytes(b"")

    code, out, err = _run("ingest", str(cli_env))

    assert code == 1
    failed = [line for line in err.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 2
    assert any("broken.pdf" in line for line in failed)
    assert any("empty.txt" in line for line in failed)
    assert "3 added" in out


def test_ask_json_has_the_documented_shape(cli_env: Path) -> None:
    assert _run("ingest", str(cli_env))[0] == 0

    code, out, _ = _run("ask", "Hva er fristen for å svare på et informasjonskrav?", "--json")

    assert code == 0
    payload = json.loads(out)
    assert set(payload) == {"answer", "found", "sources"}
    assert payload["found"] is True
    assert "tre uker" in payload["answer"]
    assert set(payload["sources"][0]) == {"title", "source", "score", "quote"}
    assert payload["sources"][0]["title"] == "Rutine for informasjonskrav"


def test_sources_and_forget_remove_a_document_everywhere(cli_env: Path) -> None:
    _run("ingest", str(cli_env))

    code, out, _ = _run("forget", "Audit of Harbour Knitwear")
    assert code == 0
    assert "Removed Audit of Harbour Knitwear" in out

    listed = json.loads(_run("sources", "--json")[1])
    assert "Audit of Harbour Knitwear" not in {row["title"] for row in listed}
    answer = json.loads(_run("ask", "What did the audit of factory KX-77 find?", "--json")[1])
    assert all(s["title"] != "Audit of Harbour Knitwear" for s in answer["sources"])


def test_forget_unknown_document_says_so_and_exits_non_zero(cli_env: Path) -> None:
    _run("ingest", str(cli_env))

    code, _, err = _run("forget", "no-such-document")

    assert code == 1
    assert "no-such-document" in err


def test_eval_json_reports_every_figure(cli_env: Path, tmp_path: Path) -> None:
    questions = tmp_path / "questions.tsv"
    questions.write_text(
        "question\tanswer_key\tsource\tlanguage\n"
        "Hva er fristen for å svare på et informasjonskrav?\ttre uker\tinformasjonskrav.md\tno\n"
        "How many hours of overtime did workers report?\t72 hours\tharbour-knitwear.md\ten\n",
        encoding="utf-8",
    )

    code, out, _ = _run("eval", "--questions", str(questions), "--corpus", str(cli_env), "--json")

    assert code == 0
    payload = json.loads(out)
    for key in ("recall@1", "recall@3", "recall@5", "mrr", "answer_hit", "n", "by_language"):
        assert key in payload
    assert payload["n"] == 2
    assert payload["recall@5"] == 1.0
    # Each question's passage ranks first: a ranking turned upside down would not.
    assert (payload["recall@1"], payload["mrr"]) == (1.0, 1.0)
    assert set(payload["by_language"]) == {"no", "en"}


def test_eval_counts_questions_without_a_key_as_ones_to_decline(
    cli_env: Path, tmp_path: Path
) -> None:
    questions = tmp_path / "questions.tsv"
    questions.write_text(
        "question\tanswer_key\tsource\tlanguage\n"
        "Hva er fristen for å svare på et informasjonskrav?\ttre uker\tinformasjonskrav.md\tno\n"
        "What is the best recipe for pizza dough?\t\t\ten\n"
        "Which corrective actions were agreed with Acme Widgets?\t\t\ten\n",
        encoding="utf-8",
    )

    code, out, _ = _run("eval", "--questions", str(questions), "--corpus", str(cli_env))

    assert code == 0
    assert "n=1  abstained=1.0  n_abstain=2" in out.splitlines()[0]


def test_eval_refuses_a_question_file_without_the_required_columns(tmp_path: Path) -> None:
    questions = tmp_path / "bad.tsv"
    questions.write_text("question\tanswer\nHva?\tx\n", encoding="utf-8")

    code, _, err = _run("eval", "--questions", str(questions), "--corpus", str(tmp_path))

    assert code == 2
    assert "answer_key" in err


def test_forget_by_a_path_given_from_another_directory(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(cli_env.parent)
    [name] = [path.name for path in sorted(cli_env.iterdir())][:1]
    assert _run("ingest", f"docs/{name}")[0] == 0
    (cli_env.parent / "elsewhere").mkdir()
    monkeypatch.chdir(cli_env.parent / "elsewhere")

    code, out, err = _run("forget", f"../docs/{name}")

    assert code == 0, err
    assert "Removed" in out
    assert json.loads(_run("sources", "--json")[1]) == []
