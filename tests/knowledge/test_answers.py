"""Answers quote the sources verbatim with numbered citations, or say plainly there is nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import messages
from knowledge.engine import KnowledgeBase
from knowledge.index import Filters
from tests.knowledge.corpus import GUIDE_NB, REPORT_EN, write_corpus


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("answers")
    knowledge = KnowledgeBase.open(root / "index")
    report = knowledge.ingest([write_corpus(root / "docs")])
    assert not report.failures
    return knowledge


def test_norwegian_question_quotes_the_deadline_with_its_source(kb: KnowledgeBase) -> None:
    answer = kb.ask("Hva er fristen for å svare på et informasjonskrav?")

    assert answer.found
    assert "tre uker" in answer.text
    assert answer.text.startswith(messages.answer_intro("nb"))
    first = answer.sources[0]
    assert first.number == 1
    assert first.title == "Rutine for informasjonskrav"
    assert first.quote in " ".join(GUIDE_NB.split()) or first.quote in GUIDE_NB


def test_english_question_finds_the_norwegian_rule_and_frames_in_english(
    kb: KnowledgeBase,
) -> None:
    answer = kb.ask("What is the deadline for answering an information request?")

    assert answer.found
    assert answer.text.startswith(messages.answer_intro("en"))
    assert answer.sources[0].title == "Rutine for informasjonskrav"


def test_quoted_sentences_are_verbatim_from_the_passages(kb: KnowledgeBase) -> None:
    answer = kb.ask("Which corrective actions did Harbour Knitwear agree to?")

    quoted = [line for line in answer.text.splitlines() if line.startswith("«")]
    assert quoted
    flat_report = " ".join(REPORT_EN.split())
    for line in quoted:
        sentence = line[1 : line.rindex("»")]
        assert " ".join(sentence.split()) in flat_report


def test_off_topic_question_gets_a_plain_no_answer_without_sources(kb: KnowledgeBase) -> None:
    answer = kb.ask("What is the best recipe for pizza dough?")

    assert not answer.found
    assert answer.sources == ()
    assert answer.text == messages.nothing_found("en")


def test_off_topic_norwegian_question_is_declined_in_norwegian(kb: KnowledgeBase) -> None:
    answer = kb.ask("Hvordan lager man surdeigsbrød?")

    assert not answer.found
    assert answer.text == messages.nothing_found("nb")


def test_exact_code_in_question_ranks_its_passage_first(kb: KnowledgeBase) -> None:
    retrieval = kb.retrieve("What did the audit of KX-77 find?")

    assert "KX-77" in retrieval.passages[0].text


def test_supplier_filter_keeps_other_suppliers_out(kb: KnowledgeBase) -> None:
    retrieval = kb.retrieve(
        "Which fees did workers pay?", filters=Filters(supplier="norrsken elektronik")
    )

    assert retrieval.passages
    assert {p.supplier for p in retrieval.passages} == {"Norrsken Elektronik"}


def test_kind_filter_returns_only_guidance(kb: KnowledgeBase) -> None:
    retrieval = kb.retrieve(
        "fire exits and deadlines", filters=Filters(kinds=frozenset({"guidance"}))
    )

    assert {p.kind for p in retrieval.passages} == {"guidance"}


def test_reingesting_the_same_folder_changes_nothing(kb: KnowledgeBase, tmp_path: Path) -> None:
    before = len(kb.index)
    docs = write_corpus(tmp_path / "again")
    first = kb.ingest([docs])
    second = kb.ingest([docs])

    assert first.result is not None and second.result is not None
    assert second.result.unchanged == 3
    assert second.result.added == second.result.replaced == 0
    assert len(kb.index) == before + first.result.chunks


def test_question_naming_a_supplier_no_passage_mentions_says_nothing_on_that_name(
    kb: KnowledgeBase,
) -> None:
    answer = kb.ask("Which corrective actions were agreed with Acme Widgets?")

    assert not answer.found
    assert answer.sources == ()
    assert answer.text.startswith("The knowledge base has nothing on “Acme Widgets”.")
    assert "Harbour" not in answer.text


def test_norwegian_question_naming_an_unknown_company_is_declined_by_name(
    kb: KnowledgeBase,
) -> None:
    answer = kb.ask("Hvilken frist har Kobberfjell AS fått?")

    assert not answer.found
    assert answer.sources == ()
    assert answer.text.startswith("Kunnskapsbasen har ikke noe om «Kobberfjell AS».")


def test_sql_string_quotes_nothing(kb: KnowledgeBase) -> None:
    answer = kb.ask("SELECT * FROM suppliers WHERE risk = 'high'; DROP TABLE cases;")

    assert not answer.found
    assert answer.sources == ()


def test_misspelt_supplier_is_declined_and_the_known_one_offered(kb: KnowledgeBase) -> None:
    answer = kb.ask("What did Harbour Knitware agree to?")

    assert not answer.found
    assert "“Harbour Knitware”" in answer.text
    assert "It does have something on: Harbour Knitwear." in answer.text


def test_short_english_question_naming_a_supplier_is_framed_in_english(
    kb: KnowledgeBase,
) -> None:
    answer = kb.ask("Who audits Harbour Knitwear?")

    assert answer.language == "en"
    assert answer.text.startswith((messages.answer_intro("en"), "The knowledge base"))
