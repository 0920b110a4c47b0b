"""The knowledge settings and options change what the commands do, as the README says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import load_settings
from knowledge.embeddings import bundled_minilm_path
from tests.fakes.openai_server import OpenAIServer
from tests.knowledge.corpus import write_corpus

LONG_TEXT = " ".join(
    f"Leverandør nummer {n} har levert en egenvurdering om arbeidsforhold og lønn i fabrikken."
    for n in range(40)
)


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(tmp_path / "data"))
    return write_corpus(tmp_path / "docs")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _ingested(*args: str) -> None:
    code, _, err = _run("ingest", *args)
    assert code == 0, err


def _sources() -> list[dict[str, object]]:
    code, out, err = _run("sources", "--json")
    assert code == 0, err
    return json.loads(out)


def _ask(*args: str) -> dict[str, object]:
    code, out, err = _run("ask", *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize(("words", "fewest", "most"), [("30", 6, 40), ("200", 1, 3)])
def test_chunk_words_setting_sets_the_size_of_passages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, words: str, fewest: int, most: int
) -> None:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("AKTSOM_CHUNK_WORDS", words)
    (tmp_path / "lang.txt").write_text(LONG_TEXT, encoding="utf-8")

    _ingested(str(tmp_path / "lang.txt"))

    (document,) = _sources()
    assert fewest <= int(document["chunks"]) <= most  # type: ignore[call-overload]


def test_max_file_mb_setting_refuses_a_larger_file(
    docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKTSOM_MAX_FILE_MB", "1")
    big = tmp_path / "stor.txt"
    big.write_text("Leverandøren svarte på kravet. " * 40_000, encoding="utf-8")

    code, out, err = _run("ingest", str(big), str(docs))

    assert code == 1
    assert f"FAILED {big}: over the 1 MB limit" in err
    assert "3 added" in out


def test_top_k_setting_limits_the_sources_of_an_answer(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ingested(str(docs))
    question = "Hva er fristen for å svare på et informasjonskrav?"
    assert len(_ask(question)["sources"]) > 1  # type: ignore[arg-type]

    monkeypatch.setenv("AKTSOM_TOP_K", "1")
    load_settings.cache_clear()  # settings are read once per process

    assert len(_ask(question)["sources"]) == 1  # type: ignore[arg-type]


def test_ingest_kind_and_supplier_options_are_stored(docs: Path) -> None:
    _ingested(str(docs / "informasjonskrav.md"), "--kind", "law", "--supplier", "Fjordlaks AS")

    (document,) = _sources()
    assert (document["kind"], document["supplier"]) == ("law", "Fjordlaks AS")


def test_ask_supplier_and_kind_options_filter_the_sources(docs: Path) -> None:
    _ingested(str(docs))
    question = "What recruitment fees did the migrant workers pay to agents?"

    by_supplier = _ask(question, "--supplier", "norrsken elektronik")
    by_kind = _ask(question, "--kind", "guidance")

    assert by_supplier["found"]
    titles = {source["title"] for source in by_supplier["sources"]}  # type: ignore[union-attr,index]
    assert titles == {"Uppföljning av Norrsken Elektronik"}
    titles = {source["title"] for source in by_kind["sources"]}  # type: ignore[union-attr,index]
    assert titles <= {"Rutine for informasjonskrav"}


def test_llm_setting_answers_through_the_configured_model(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ingested(str(docs))
    with OpenAIServer(lambda _request: "Svaret skal gis senest tre uker etter mottak [1].") as llm:
        monkeypatch.setenv("AKTSOM_LLM", "openai:fake-model")
        monkeypatch.setenv("AKTSOM_LLM_BASE_URL", llm.base_url)
        load_settings.cache_clear()  # settings are read once per process

        answer = _ask("Hva er fristen for å svare på et informasjonskrav?")

        assert len(llm.requests) == 1
    assert "Svaret skal gis senest tre uker etter mottak" in str(answer["answer"])


def test_embedder_setting_builds_the_index_with_that_model(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    minilm = f"sentence-transformers:{bundled_minilm_path()}"
    monkeypatch.setenv("AKTSOM_EMBEDDER", minilm)
    _ingested(str(docs))
    answer = _ask("How many hours of overtime did workers report at the factory?")
    assert answer["found"] and "72 hours" in answer["answer"]

    monkeypatch.delenv("AKTSOM_EMBEDDER")
    load_settings.cache_clear()
    code, _, err = _run("ask", "How many hours of overtime did workers report?")
    assert code == 1
    assert "built with the embedder" in err and minilm in err


def test_eval_with_bundled_also_indexes_the_bundled_documents(
    tmp_path: Path, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / "husregler.md").write_text(
        "# Husregler\n\nBesøkende skal alltid registrere seg i resepsjonen før de går inn.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("bot.cli.knowledge.BUNDLED_DIRS", (bundled,))
    questions = tmp_path / "questions.tsv"
    questions.write_text(
        "question\tanswer_key\tsource\tlanguage\n"
        "Hvor skal besøkende registrere seg?\tresepsjonen\thusregler.md\tno\n",
        encoding="utf-8",
    )
    common = ("eval", "--questions", str(questions), "--corpus", str(docs), "--json")

    without = json.loads(_run(*common)[1])
    with_bundled = json.loads(_run(*common, "--with-bundled")[1])

    assert without["recall@5"] == 0.0
    assert with_bundled["recall@5"] == 1.0 and with_bundled["answer_hit"] == 1.0
