"""On first run the bundled Transparency Act guide and samples answer common questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.engine import KnowledgeBase


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    knowledge = KnowledgeBase.open(tmp_path_factory.mktemp("bundled") / "index")
    report = knowledge.seed_if_empty()
    assert report is not None and not report.failures
    return knowledge


def test_first_run_seeds_guide_and_samples_once(kb: KnowledgeBase) -> None:
    titles = {document.title for document in kb.documents()}

    assert {"Veileder til åpenhetsloven", "Guide to the Transparency Act"} <= titles
    assert any(document.kind == "supplier_report" for document in kb.documents())
    assert kb.seed_if_empty() is None


def test_information_request_deadline_out_of_the_box(kb: KnowledgeBase) -> None:
    answer = kb.ask("Hva er fristen for å svare på et informasjonskrav?")

    assert answer.found
    assert "tre uker" in answer.text
    assert answer.sources[0].title == "Veileder til åpenhetsloven"


def test_english_question_about_the_annual_account(kb: KnowledgeBase) -> None:
    answer = kb.ask("By when must the account of due diligence be published?")

    assert answer.found
    assert "30 June" in answer.text


def test_sample_supplier_report_answers_about_its_supplier(kb: KnowledgeBase) -> None:
    answer = kb.ask("Hvilke korrigerende tiltak ble avtalt med Nordvev?")

    assert answer.found
    assert answer.sources[0].title == "Leverandørrapport – Nordvev Tekstil AS"


def test_guide_sources_point_at_bundled_files(kb: KnowledgeBase) -> None:
    sources = {Path(document.source).name for document in kb.documents()}

    assert "apenhetsloven-veileder.md" in sources
