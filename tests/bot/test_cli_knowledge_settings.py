"""The knowledge settings and options change what the commands do, as the README says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import load_settings
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
