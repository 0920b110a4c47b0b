"""Ingesting into the knowledge index: unchanged documents are skipped, changed ones replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.index import KnowledgeIndex
from knowledge.vectors import VectorStore
from tests.knowledge.index_support import HashEmbedder, make_document

POLICY_V1 = ["Frist for informasjonskrav er tre uker", "Gammel regel om revisjon hvert år"]
POLICY_V2 = ["Frist for informasjonskrav er tre uker", "Ny regel om revisjon hvert kvartal"]


@pytest.fixture
def index(data_dir: Path) -> KnowledgeIndex:
    """An empty index with the hashing embedder."""
    return KnowledgeIndex(data_dir, embedder=HashEmbedder())


def test_second_ingest_of_same_document_adds_nothing(index: KnowledgeIndex, data_dir: Path) -> None:
    document = make_document("policy", POLICY_V1)
    first = index.upsert([document])
    second = index.upsert([document])

    assert (first.added, first.chunks) == (1, 2)
    assert (second.added, second.replaced, second.unchanged, second.chunks) == (0, 0, 1, 0)
    assert len(index) == 2
    assert VectorStore(data_dir / "chroma").count() == 2


def test_is_current_tells_unchanged_from_changed(index: KnowledgeIndex) -> None:
    old, new = make_document("policy", POLICY_V1), make_document("policy", POLICY_V2)
    index.upsert([old])

    assert index.is_current("policy", old.content_hash)
    assert not index.is_current("policy", new.content_hash)
    assert not index.is_current("unknown", old.content_hash)


def test_changed_document_replaces_its_chunks_in_every_channel(
    index: KnowledgeIndex, data_dir: Path
) -> None:
    index.upsert([make_document("policy", POLICY_V1), make_document("other", ["Revisjon av lønn"])])
    result = index.upsert([make_document("policy", POLICY_V2)])
    embedder = index.embedder

    assert (result.replaced, result.added, result.chunks) == (1, 0, 2)
    texts = {chunk.text for chunk in index.chunks(list(index.bm25_search("revisjon", limit=10)))}
    assert texts == {"Ny regel om revisjon hvert kvartal", "Revisjon av lønn"}
    assert index.bm25_search("gammel", limit=5) == {}
    assert index.sparse_search(embedder.sparse_query("gammel"), limit=5) == {}
    dense = index.chunks(list(index.dense_search(embedder.embed_query("gammel"), limit=10)))
    assert "Gammel regel om revisjon hvert år" not in {chunk.text for chunk in dense}
    assert len(dense) == len(index) == 3
    assert VectorStore(data_dir / "chroma").count() == 3
    assert [info.chunk_count for info in index.documents()] == [1, 2]


def test_progress_reports_chunks_done_after_each_batch(index: KnowledgeIndex) -> None:
    seen: list[int] = []
    texts = [f"avsnitt {i} om aktsomhet" for i in range(5)]
    index.upsert(
        [make_document("a", texts), make_document("b", ["ett avsnitt"])],
        batch_chunks=4,
        progress=seen.append,
    )

    assert seen == [4, 6]


def test_documents_lists_metadata_of_each_document(index: KnowledgeIndex) -> None:
    index.upsert(
        [
            make_document(
                "rapport",
                ["Revisjon 2024"],
                title="Exso revisjon",
                kind="supplier_report",
                supplier="Exso AS",
                language="sv",
            )
        ]
    )

    [info] = index.documents()
    assert (info.title, info.kind, info.supplier, info.language) == (
        "Exso revisjon",
        "supplier_report",
        "Exso AS",
        "sv",
    )
    assert info.ingested_at.year == 2025
