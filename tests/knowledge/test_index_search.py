"""Searching the knowledge index: three channels, filters, and reopening from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.index import Filters, KnowledgeIndex
from tests.knowledge.index_support import DenseOnlyEmbedder, HashEmbedder, make_document

GUIDE = make_document(
    "veileder",
    [
        "Tvangsarbeid skal stanses straks",
        "Informasjonskrav besvares innen tre uker",
        "Revisjon av leverandører hvert år",
    ],
    title="Veileder",
)
EXSO = make_document(
    "exso",
    ["Exso revisjon fant tvangsarbeid på fabrikken"],
    title="Exso rapport",
    kind="supplier_report",
    supplier="Exso AS",
)
NORDTEKS = make_document(
    "nordteks",
    ["Nordteks revisjon fant ubetalt lønn og tvangsarbeid"],
    title="Nordteks rapport",
    kind="supplier_report",
    supplier="Nordteks",
)
SWEDISH = make_document(
    "svensk",
    ["Leverantören betalar inte ut lönerna"],
    title="Svensk rapport",
    language="sv",
    kind="supplier_report",
    supplier="Exso AS",
)


@pytest.fixture
def index(data_dir: Path) -> KnowledgeIndex:
    """An index holding a guide and three supplier reports."""
    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    index.upsert([GUIDE, EXSO, NORDTEKS, SWEDISH])
    return index


def _doc_ids(index: KnowledgeIndex, hits: dict[str, float]) -> set[str]:
    """The documents a search hit."""
    return {chunk.doc_id for chunk in index.chunks(list(hits))}


def test_every_channel_finds_the_passage_with_the_words(index: KnowledgeIndex) -> None:
    embedder = index.embedder
    query = "informasjonskrav tre uker"

    for hits in (
        index.bm25_search(query, limit=1),
        index.sparse_search(embedder.sparse_query(query), limit=1),
        index.dense_search(embedder.embed_query(query), limit=1),
    ):
        [chunk] = index.chunks(list(hits))
        assert chunk.text == "Informasjonskrav besvares innen tre uker"


def test_bm25_matches_inflected_forms_in_another_language(index: KnowledgeIndex) -> None:
    hits = index.bm25_search("Vilka leverantörer betalar inte lön?", limit=3)

    assert index.chunks(list(hits))[0].doc_id == "svensk"
    assert index.bm25_search("kvantefysikk", limit=3) == {}


def test_filter_by_kind_applies_in_every_channel(index: KnowledgeIndex) -> None:
    embedder, query = index.embedder, "tvangsarbeid revisjon"
    reports = Filters(kinds=frozenset({"supplier_report"}))

    for hits in (
        index.bm25_search(query, limit=10, filters=reports),
        index.sparse_search(embedder.sparse_query(query), limit=10, filters=reports),
        index.dense_search(embedder.embed_query(query), limit=10, filters=reports),
    ):
        assert hits
        assert _doc_ids(index, hits) <= {"exso", "nordteks", "svensk"}


def test_filter_by_supplier_ignores_case_in_every_channel(index: KnowledgeIndex) -> None:
    embedder, query = index.embedder, "tvangsarbeid revisjon lønn"
    exso = Filters(supplier="exso as")

    for hits in (
        index.bm25_search(query, limit=10, filters=exso),
        index.sparse_search(embedder.sparse_query(query), limit=10, filters=exso),
        index.dense_search(embedder.embed_query(query), limit=10, filters=exso),
    ):
        assert hits
        assert _doc_ids(index, hits) <= {"exso", "svensk"}


def test_chunks_come_back_in_the_order_asked(index: KnowledgeIndex) -> None:
    hits = list(index.bm25_search("revisjon", limit=10))

    assert [chunk.chunk_id for chunk in index.chunks(hits[::-1])] == hits[::-1]


def test_reopened_index_gives_the_same_results(index: KnowledgeIndex, data_dir: Path) -> None:
    embedder, query = index.embedder, "tvangsarbeid revisjon"
    before = (
        index.bm25_search(query, limit=5),
        index.sparse_search(embedder.sparse_query(query), limit=5),
        index.dense_search(embedder.embed_query(query), limit=5),
    )
    index.close()

    reopened = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    after = (
        reopened.bm25_search(query, limit=5),
        reopened.sparse_search(embedder.sparse_query(query), limit=5),
        reopened.dense_search(embedder.embed_query(query), limit=5),
    )
    assert after == before
    assert len(reopened) == 6


def test_reader_sees_documents_written_by_another_handle(
    index: KnowledgeIndex, data_dir: Path
) -> None:
    reader = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    assert reader.bm25_search("barnearbeid", limit=5) == {}

    index.upsert([make_document("ny", ["Barnearbeid ble funnet"])])

    assert _doc_ids(reader, reader.bm25_search("barnearbeid", limit=5)) == {"ny"}


def test_sparse_search_is_empty_without_a_sparse_head(data_dir: Path) -> None:
    index = KnowledgeIndex(data_dir, embedder=DenseOnlyEmbedder())
    index.upsert([GUIDE])

    assert index.sparse_search(HashEmbedder().sparse_query("revisjon"), limit=5) == {}
    assert index.bm25_search("revisjon", limit=5)
