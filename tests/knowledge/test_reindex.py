"""A lost or damaged catalog or vector store is refused with a way out, and rebuilt by reindex.

The catalog and Chroma each hold enough to rebuild the other; nothing is ever deleted to make
them agree when one of them is gone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.errors import CatalogMissing, VectorStoreUnreadable
from knowledge.index import KnowledgeIndex
from knowledge.reindex import reindex
from knowledge.vectors import VectorStore
from tests.knowledge.index_support import HashEmbedder, make_document

TEXTS = ["Revisjonen fant låste nødutganger.", "Overtiden skal begrenses til 60 timer."]


def _indexed(directory: Path) -> None:
    index = KnowledgeIndex(directory, embedder=HashEmbedder())
    index.upsert(
        [
            make_document(
                "nordvev", TEXTS, title="Rapport – Nordvev", supplier="Nordvev Tekstil AS"
            ),
            make_document("veileder", ["Informasjonskrav besvares innen tre uker."]),
        ]
    )
    index.close()


def _vector_count(directory: Path) -> int:
    store = VectorStore(directory / "chroma")
    try:
        return store.count()
    finally:
        store.close()


def _remove_catalog(directory: Path) -> None:
    for path in directory.glob("catalog.sqlite*"):
        path.unlink()


def test_missing_catalog_beside_vectors_is_an_error_that_deletes_nothing(data_dir: Path) -> None:
    _indexed(data_dir)
    _remove_catalog(data_dir)

    for _ in range(2):  # the empty catalog the first attempt left is refused as well
        with pytest.raises(CatalogMissing, match=r"3 passages of 2 documents.*aktsom reindex"):
            KnowledgeIndex(data_dir, embedder=HashEmbedder())

    assert _vector_count(data_dir) == 3


def test_reindex_rebuilds_a_deleted_catalog_from_the_vector_store(data_dir: Path) -> None:
    _indexed(data_dir)
    _remove_catalog(data_dir)

    report = reindex(data_dir, embedder=HashEmbedder())

    assert (report.rebuilt, report.documents, report.chunks) == ("catalog", 2, 3)
    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    (nordvev,) = [info for info in index.documents() if info.doc_id == "nordvev"]
    assert (nordvev.title, nordvev.supplier, nordvev.chunk_count) == (
        "Rapport – Nordvev",
        "Nordvev Tekstil AS",
        2,
    )
    hits = index.bm25_search("overtiden timer", limit=1)
    (chunk,) = index.chunks(list(hits))
    assert chunk.text == TEXTS[1]
    assert index.sparse_search(index.embedder.sparse_query("nødutganger"), limit=1)
    assert index.is_current("nordvev", nordvev.content_hash)


def test_reindex_moves_a_damaged_catalog_aside_and_rebuilds_it(data_dir: Path) -> None:
    _indexed(data_dir)
    _remove_catalog(data_dir)
    (data_dir / "catalog.sqlite").write_bytes(b"not a database at all" * 100)

    report = reindex(data_dir, embedder=HashEmbedder())

    assert report.rebuilt == "catalog"
    (kept,) = report.moved
    assert kept.name.startswith("catalog.sqlite.damaged-")
    assert kept.read_bytes().startswith(b"not a database")
    assert len(KnowledgeIndex(data_dir, embedder=HashEmbedder()).documents()) == 2


def test_damaged_vector_store_is_an_error_that_says_how_to_rebuild(data_dir: Path) -> None:
    _indexed(data_dir)
    (data_dir / "chroma" / "chroma.sqlite3").write_bytes(b"junk")

    with pytest.raises(VectorStoreUnreadable, match="aktsom reindex"):
        KnowledgeIndex(data_dir, embedder=HashEmbedder())


def test_reindex_rebuilds_a_damaged_vector_store_from_the_catalog(data_dir: Path) -> None:
    _indexed(data_dir)
    (data_dir / "chroma" / "chroma.sqlite3").write_bytes(b"junk")

    report = reindex(data_dir, embedder=HashEmbedder())

    assert (report.rebuilt, report.documents, report.chunks) == ("vectors", 2, 3)
    assert report.moved[0].name.startswith("chroma.damaged-")
    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    query = index.embedder.embed_query(TEXTS[0])
    assert list(index.dense_search(query, limit=1)) == ["nordvev:" + _hash_part(index) + ":0"]


def test_reindex_of_an_intact_index_changes_nothing(data_dir: Path) -> None:
    _indexed(data_dir)

    report = reindex(data_dir, embedder=HashEmbedder())

    assert (report.rebuilt, report.moved, report.documents) == (None, [], 2)
    assert _vector_count(data_dir) == 3


def _hash_part(index: KnowledgeIndex) -> str:
    (nordvev,) = [info for info in index.documents() if info.doc_id == "nordvev"]
    return nordvev.content_hash[:12]
