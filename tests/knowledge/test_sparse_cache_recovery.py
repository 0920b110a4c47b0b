"""Derived caches that cannot be read (truncated, damaged) are rebuilt, never fatal."""

from __future__ import annotations

from pathlib import Path

from knowledge.index import KnowledgeIndex
from tests.knowledge.index_support import HashEmbedder, make_document

QUERY = "Tvangsarbeid stanses"


def _built_index(data_dir: Path) -> None:
    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    index.upsert([make_document("veileder", ["Revisjon av leverandører", QUERY])])
    index.close()


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_truncated_sparse_cache_is_rebuilt(data_dir: Path) -> None:
    _built_index(data_dir)
    (cache,) = (data_dir / "sparse").glob("*.npz")
    _truncate(cache)

    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    hits = index.sparse_search(index.embedder.sparse_query(QUERY), limit=1)

    assert len(hits) == 1
    assert index.chunks(list(hits))[0].text == QUERY


def test_sparse_cache_that_is_not_a_matrix_is_rebuilt(data_dir: Path) -> None:
    _built_index(data_dir)
    (cache,) = (data_dir / "sparse").glob("*.npz")
    cache.write_bytes(b"PK\x03\x04 not really a zip file")

    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())

    assert index.sparse_search(index.embedder.sparse_query(QUERY), limit=1)


def test_truncated_bm25_cache_is_rebuilt(data_dir: Path) -> None:
    _built_index(data_dir)
    for path in (data_dir / "bm25").rglob("*"):
        if path.is_file() and path.name != "rows.txt":
            _truncate(path)

    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    hits = index.bm25_search(QUERY, limit=1)

    assert index.chunks(list(hits))[0].text == QUERY
