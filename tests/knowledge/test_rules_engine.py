"""What `KnowledgeBase` does between retrieval and the answer: names, gate, top k, filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer import Passage
from knowledge.embeddings import E5_SPEC
from knowledge.engine import DEFAULT_GATE, E5_GATE, KnowledgeBase, RelevanceGate
from knowledge.index import Filters, KnowledgeIndex
from knowledge.names import Lexicon, find_names
from knowledge.retriever import Retrieval
from tests.knowledge.corpus import write_corpus
from tests.knowledge.index_support import HashEmbedder, make_document

ADMIT_ALL = RelevanceGate(dense_floor=-10.0, dense_scale=1.0, sparse_floor=-10.0)
ADMIT_NONE = RelevanceGate(dense_floor=10.0, dense_scale=1.0, sparse_floor=1e9, threshold=5.0)
QUESTION = "What did Harbour Knitwear agree to about overtime and fire exits?"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    root = tmp_path_factory.mktemp("kb")
    kb = KnowledgeBase(KnowledgeIndex(root / "data", embedder=HashEmbedder()))
    report = kb.ingest([write_corpus(root / "docs")])
    assert report.failures == []
    return kb.index


def test_a_question_naming_an_unknown_company_is_told_so_by_name(index: KnowledgeIndex) -> None:
    answer = KnowledgeBase(index, gate=ADMIT_ALL).ask(
        "Which corrective actions were agreed with Acme Widgets?"
    )

    assert not answer.found
    assert answer.sources == ()
    assert "“Acme Widgets”" in answer.text


def test_a_misspelt_supplier_is_declined_and_the_known_one_offered(index: KnowledgeIndex) -> None:
    answer = KnowledgeBase(index, gate=ADMIT_ALL).ask("What did Harbour Knitware agree to?")

    assert not answer.found
    assert "“Harbour Knitware”" in answer.text
    assert "Harbour Knitwear." in answer.text


def test_the_answer_is_framed_in_the_language_of_the_question(index: KnowledgeIndex) -> None:
    kb = KnowledgeBase(index, gate=ADMIT_ALL)

    assert kb.ask(QUESTION).language == "en"
    assert kb.ask("Hva er fristen for å svare på et informasjonskrav?").language == "nb"


def test_passages_the_gate_declines_are_never_quoted(index: KnowledgeIndex) -> None:
    answered = KnowledgeBase(index, gate=ADMIT_ALL).ask(QUESTION)
    declined = KnowledgeBase(index, gate=ADMIT_NONE).ask(QUESTION)

    assert answered.found and answered.sources
    assert not declined.found
    assert declined.sources == ()


def test_top_k_caps_the_passages_retrieved_and_quoted(index: KnowledgeIndex) -> None:
    kb = KnowledgeBase(index, gate=ADMIT_ALL, top_k=2)

    assert len(kb.retrieve(QUESTION).passages) == 2
    assert len(kb.retrieve(QUESTION, limit=3).passages) == 3
    assert 1 <= len(kb.ask(QUESTION).sources) <= 2


def test_compose_quotes_no_more_than_top_k_of_a_longer_retrieval(index: KnowledgeIndex) -> None:
    wide = KnowledgeBase(index, gate=ADMIT_ALL, top_k=6).retrieve(QUESTION)
    narrow = KnowledgeBase(index, gate=ADMIT_ALL, top_k=1)

    assert len(narrow.compose(QUESTION, wide).sources) == 1


def test_a_supplier_filter_keeps_other_documents_out(index: KnowledgeIndex) -> None:
    kb = KnowledgeBase(index, gate=ADMIT_ALL, top_k=10)
    only = Filters(supplier="harbour knitwear")

    passages = kb.retrieve("informasjonskrav frist tre uker", filters=only).passages
    answer = kb.ask("informasjonskrav frist tre uker", filters=only)

    assert passages
    assert {passage.supplier for passage in passages} == {"Harbour Knitwear"}
    assert {source.title for source in answer.sources} <= {"Audit of Harbour Knitwear"}


def test_the_e5_model_gets_the_calibrated_gate_and_others_the_default(tmp_path: Path) -> None:
    e5 = KnowledgeBase(KnowledgeIndex(tmp_path / "e5", embedder=HashEmbedder(E5_SPEC)))
    other = KnowledgeBase(KnowledgeIndex(tmp_path / "other", embedder=HashEmbedder()))

    assert e5.gate == E5_GATE
    assert other.gate == DEFAULT_GATE


def test_open_makes_a_knowledge_base_with_the_given_embedder_and_top_k(
    tmp_path: Path,
) -> None:
    kb = KnowledgeBase.open(tmp_path / "data", embedder=HashEmbedder(), top_k=1)
    kb.ingest([write_corpus(tmp_path / "docs")])

    assert kb.index.embedder.name == "hash-64"
    assert len(kb.retrieve(QUESTION).passages) == 1
    reopened = KnowledgeBase.open(tmp_path / "data", embedder=HashEmbedder())
    assert len(reopened.documents()) == 3


def test_first_run_seeds_the_bundled_guide_law_and_samples_once(tmp_path: Path) -> None:
    kb = KnowledgeBase(KnowledgeIndex(tmp_path / "data", embedder=HashEmbedder()))

    report = kb.seed_if_empty()

    assert report is not None and report.failures == []
    assert report.files == 6
    sources = {Path(info.source).name for info in kb.documents()}
    assert {"apenhetsloven.md", "apenhetsloven-veileder.md", "nordvev-tekstil.md"} <= sources
    assert "SOURCES.md" not in sources
    assert kb.seed_if_empty() is None


def _retrieval(text: str, *, dense: float) -> Retrieval:
    passage = Passage(
        chunk_id="c1",
        doc_id="d1",
        title="Audit",
        source="audit.md",
        location="",
        header="",
        text=text,
        score=1.0,
        language="en",
        kind="supplier_report",
    )
    return Retrieval(passages=[passage], best_dense=dense, best_sparse=None, expansions=[])


def test_evidence_exactly_at_the_threshold_is_enough() -> None:
    gate = RelevanceGate(dense_floor=0.0, dense_scale=1.0, threshold=0.5)

    assert gate.admits(_retrieval("Any text.", dense=0.5))
    assert not gate.admits(_retrieval("Any text.", dense=0.25))


def test_a_name_in_the_best_passage_adds_to_the_evidence_rather_than_replacing_it() -> None:
    text = "Harbour Knitwear agreed to unlock the fire exits."
    lexicon = Lexicon.build([text], names=["Harbour Knitwear"], version="v1")
    names = find_names("What did Harbour Knitwear agree to?", lexicon)
    gate = RelevanceGate(dense_floor=0.0, dense_scale=1.0, threshold=2.5, name_bonus=2.0)

    assert gate.admits(_retrieval(text, dense=1.0), names=names)
    assert not gate.admits(_retrieval(text, dense=0.25), names=names)


def test_a_body_named_in_translation_is_known_and_an_unknown_one_is_not(tmp_path: Path) -> None:
    """The documents say "Forbrukertilsynet"; the glossary says that is the Consumer Authority."""
    index = KnowledgeIndex(tmp_path / "data", embedder=HashEmbedder())
    index.upsert(
        [
            make_document(
                "veileder",
                ["Forbrukertilsynet fører tilsyn med at virksomhetene følger åpenhetsloven."],
            )
        ]
    )
    kb = KnowledgeBase(index, gate=ADMIT_ALL)

    translated = kb.ask("What does the Consumer Authority supervise?")
    unknown = kb.ask("What does the Widget Authority supervise?")

    assert translated.found
    assert "Forbrukertilsynet fører tilsyn" in translated.text
    assert not unknown.found
    assert "“Widget Authority”" in unknown.text
