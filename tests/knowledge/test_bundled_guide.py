"""On first run the bundled Transparency Act guide and samples answer common questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.engine import KnowledgeBase
from knowledge.eval import evaluate, load_questions

REPO = Path(__file__).resolve().parents[2]


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


def test_who_the_act_covers_is_answered_from_the_section_on_its_scope(kb: KnowledgeBase) -> None:
    answer = kb.ask("Which enterprises are covered by the Transparency Act?")

    assert answer.found
    assert answer.sources[0].location.startswith("Who the Transparency Act applies to")
    assert "(section 2)" in answer.text.splitlines()[1]


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


def test_wrong_name_and_off_topic_questions_of_the_calibration_set_are_declined(
    kb: KnowledgeBase,
) -> None:
    questions = load_questions(REPO / "bench" / "abstain_questions.tsv")

    outcomes = evaluate(kb, questions).outcomes

    assert len(outcomes) == 30
    # 28 of 30 are declined: two name a single unknown word that may as well be a place
    # ("Spania", "Lieferkettengesetz") and pass the relevance gate. Before names were
    # checked, 14 were.
    assert sum(outcome.declined_rightly for outcome in outcomes) >= 28


def test_wrong_supplier_question_is_not_answered_from_another_supplier(kb: KnowledgeBase) -> None:
    answer = kb.ask("Which corrective actions were agreed with Acme Widgets?")

    assert not answer.found
    assert "Blue Fjord" not in answer.text
    assert "“Acme Widgets”" in answer.text


def test_sql_string_is_not_answered_from_the_samples(kb: KnowledgeBase) -> None:
    answer = kb.ask("SELECT * FROM suppliers WHERE risk = 'high'; DROP TABLE cases;")

    assert not answer.found
    assert answer.sources == ()
