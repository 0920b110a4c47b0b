"""Forgetting a document removes it from the catalog, Chroma, BM25 and the sparse matrix."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.errors import DocumentNotFound, KnowledgeError
from knowledge.index import KnowledgeIndex
from knowledge.vectors import VectorStore
from tests.knowledge.index_support import HashEmbedder, make_document

REPORT = make_document(
    "exso-2024",
    ["Exso revisjon fant tvangsarbeid", "Exso lovet tiltaksplan"],
    title="Exso revisjon 2024",
    source="/docs/exso/revisjon-2024.pdf",
)
GUIDE = make_document("veileder", ["Revisjon av leverandører hvert år"], title="Veileder")


@pytest.fixture
def index(data_dir: Path) -> KnowledgeIndex:
    """An index with a supplier report and a guide."""
    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    index.upsert([REPORT, GUIDE])
    return index


@pytest.mark.parametrize("ref", ["exso-2024", "Exso revisjon 2024", "/docs/exso/revisjon-2024.pdf"])
def test_forget_by_id_title_or_source_removes_from_every_channel(
    index: KnowledgeIndex, data_dir: Path, ref: str
) -> None:
    embedder = index.embedder
    forgotten = index.forget(ref)

    assert forgotten.doc_id == "exso-2024"
    assert [info.doc_id for info in index.documents()] == ["veileder"]
    assert index.bm25_search("exso tvangsarbeid", limit=5) == {}
    assert index.sparse_search(embedder.sparse_query("exso tvangsarbeid"), limit=5) == {}
    dense = index.dense_search(embedder.embed_query("exso tvangsarbeid"), limit=5)
    assert {chunk.doc_id for chunk in index.chunks(list(dense))} == {"veileder"}
    assert VectorStore(data_dir / "chroma").count() == len(index) == 1


def test_forgotten_document_stays_gone_after_reopening(
    index: KnowledgeIndex, data_dir: Path
) -> None:
    index.forget("exso-2024")
    index.close()

    reopened = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    assert reopened.bm25_search("exso", limit=5) == {}
    assert not reopened.is_current("exso-2024", REPORT.content_hash)


def test_forget_unknown_document_raises_not_found(index: KnowledgeIndex) -> None:
    with pytest.raises(DocumentNotFound, match="no-such-doc"):
        index.forget("no-such-doc")
    assert len(index) == 3


def test_forget_ambiguous_title_lists_the_candidates(index: KnowledgeIndex) -> None:
    twin = make_document("veileder-2", ["En annen veileder"], title="Veileder")
    index.upsert([twin])

    with pytest.raises(KnowledgeError, match="veileder-2") as raised:
        index.forget("Veileder")
    assert not isinstance(raised.value, DocumentNotFound)
    assert len(index.documents()) == 3
