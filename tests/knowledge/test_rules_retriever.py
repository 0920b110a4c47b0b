"""What a search returns: passages best first with their fields, filtered on every channel."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.glossary import Glossary
from knowledge.index import Filters, KnowledgeIndex
from knowledge.retriever import FusionWeights, Retriever, fuse
from tests.knowledge.index_support import DenseOnlyEmbedder, HashEmbedder, make_document

QUESTION = "Is there forced labour at the supplier factory?"
DOCUMENTS = [
    make_document(
        "harbour",
        [
            "Forced labour was found at the Harbour factory in Izmir.",
            "The supplier factory agreed to pay overtime.",
        ],
        title="Audit of Harbour",
        kind="supplier_report",
        supplier="Harbour Knitwear",
        language="en",
    ),
    make_document(
        "nordvev",
        ["Tvangsarbeid ble ikke funnet hos leverandøren Nordvev.", "Fabrikken betaler lønn."],
        title="Nordvev rapport",
        kind="supplier_report",
        supplier="Nordvev",
    ),
    make_document(
        "veileder",
        ["Forced labour at a supplier must be stopped.", "Veilederen om aktsomhet."],
        title="Veileder",
    ),
]


def _retriever(directory: Path, embedder: object) -> Retriever:
    index = KnowledgeIndex(directory, embedder=embedder)  # type: ignore[arg-type]
    index.upsert(DOCUMENTS)
    return Retriever(index, glossary=Glossary.bundled())


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory) -> Retriever:
    return _retriever(tmp_path_factory.mktemp("hash"), HashEmbedder())


def test_passages_come_best_first_and_no_more_than_asked(retriever: Retriever) -> None:
    retrieval = retriever.search(QUESTION, limit=3)
    scores = [passage.score for passage in retrieval.passages]

    assert len(scores) == 3
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[-1]
    assert len(retriever.search(QUESTION, limit=6).passages) == 6
    assert len(retriever.search(QUESTION).passages) == 5


def test_each_passage_carries_its_chunk_and_document_fields(retriever: Retriever) -> None:
    retrieval = retriever.search("Forced labour Harbour factory Izmir", limit=6)
    [passage] = [p for p in retrieval.passages if "Izmir" in p.text]

    assert (passage.doc_id, passage.title, passage.source) == (
        "harbour",
        "Audit of Harbour",
        "/docs/harbour.txt",
    )
    assert passage.chunk_id.startswith("harbour:") and passage.chunk_id.endswith(":0")
    assert (passage.location, passage.header, passage.language) == (
        "avsnitt 1",
        "Audit of Harbour",
        "en",
    )
    assert (passage.kind, passage.supplier) == ("supplier_report", "Harbour Knitwear")


def test_each_passage_score_is_its_fused_score(retriever: Retriever) -> None:
    retrieval = retriever.search(QUESTION, limit=6)

    assert all(0.0 <= passage.score <= 1.0 for passage in retrieval.passages)
    assert retrieval.passages[0].score == pytest.approx(
        max(passage.score for passage in retrieval.passages)
    )


@pytest.mark.parametrize(
    "filters, allowed",
    [
        (Filters(supplier="nordvev"), {"nordvev"}),
        (Filters(kinds=frozenset({"guidance"})), {"veileder"}),
    ],
)
def test_a_filter_holds_on_every_channel(
    retriever: Retriever, filters: Filters, allowed: set[str]
) -> None:
    retrieval = retriever.search(QUESTION, limit=6, filters=filters)

    assert retrieval.passages
    assert {passage.doc_id for passage in retrieval.passages} == allowed


def test_the_evidence_is_the_best_raw_dense_and_sparse_score(
    retriever: Retriever, tmp_path: Path
) -> None:
    """Dense: the question with its glossary expansions; sparse: the question as asked."""
    retrieval = retriever.search(QUESTION, limit=1)
    embedder = HashEmbedder()
    index = KnowledgeIndex(tmp_path / "again", embedder=embedder)
    index.upsert(DOCUMENTS)
    expanded = " ".join([QUESTION, *Glossary.bundled().expand(QUESTION)])
    dense = index.dense_search(embedder.embed_query(expanded), limit=50)
    sparse = index.sparse_search(embedder.sparse_query(QUESTION), limit=50)

    assert retrieval.best_dense == pytest.approx(max(dense.values()))
    assert retrieval.best_sparse == pytest.approx(max(sparse.values()))
    assert retrieval.best_sparse > 1.0


def test_a_dense_only_embedder_has_no_sparse_evidence(tmp_path: Path) -> None:
    retrieval = _retriever(tmp_path, DenseOnlyEmbedder()).search(QUESTION, limit=2)

    assert retrieval.best_sparse is None
    assert 0.0 < retrieval.best_dense <= 1.0
    assert len(retrieval.passages) == 2


def test_the_glossary_expansions_are_reported(retriever: Retriever) -> None:
    retrieval = retriever.search(QUESTION, limit=2)

    assert "tvangsarbeid" in retrieval.expansions
    assert retriever.search("Izmir Harbour", limit=2).expansions == []


def test_fused_scores_are_a_convex_combination_of_normalised_channels() -> None:
    fused = fuse(
        {"dense": {"a": 0.9, "b": 0.5, "c": 0.1}, "bm25": {"a": 2.0, "c": 4.0}},
        weights=FusionWeights(dense=0.6, sparse=0.3, bm25=0.2),
    )

    assert fused == pytest.approx({"a": 0.75, "b": 0.375, "c": 0.25})


def test_no_candidates_fuse_to_nothing() -> None:
    assert fuse({"dense": {}, "sparse": {}, "bm25": {}}, weights=FusionWeights()) == {}


def test_a_passage_naming_what_the_question_names_ranks_first(tmp_path: Path) -> None:
    """Two statements say much the same; the question asks for Bredengen's."""
    index = KnowledgeIndex(tmp_path / "named", embedder=HashEmbedder())
    index.upsert(
        [
            make_document(
                "other", ["The law imposes duties on companies."], title="Statement", language="en"
            ),
            make_document(
                "bredengen",
                ["The law imposes three duties on companies."],
                title="Statement",
                supplier="Bredengen",
                language="en",
            ),
            make_document(
                "filler", ["Companies report each year."], title="Statement", language="en"
            ),
        ]
    )
    retriever = Retriever(index, glossary=Glossary.bundled())
    question = "How many duties does the law impose on companies according to Bredengen?"

    unnamed = fuse(retriever.channels(question).scores(), weights=FusionWeights())
    ranked = [passage.doc_id for passage in retriever.search(question, limit=3).passages]

    assert max(unnamed, key=unnamed.__getitem__).startswith("other:")
    assert ranked == ["bredengen", "other", "filler"]


def test_a_glossary_term_written_like_a_name_earns_no_bonus(tmp_path: Path) -> None:
    """ "the Transparency Act" is a concept every statement names, not a company to favour."""
    index = KnowledgeIndex(tmp_path / "concept", embedder=HashEmbedder())
    index.upsert(
        [
            make_document(
                "duties", ["Companies must carry out due diligence each year."], language="en"
            ),
            make_document(
                "act", ["The Transparency Act entered into force in 2022."], language="en"
            ),
            make_document("filler", ["Suppliers report each year."], language="en"),
        ]
    )
    retriever = Retriever(index, glossary=Glossary.bundled())
    question = "What must companies do each year under the Transparency Act?"

    fused = fuse(retriever.channels(question).scores(), weights=FusionWeights())
    passages = retriever.search(question, limit=3).passages

    assert {passage.chunk_id: passage.score for passage in passages} == pytest.approx(fused)
