"""A filtered dense search gives the best allowed passages, best first, with the cosine the
unfiltered search gives them, and sees a passage added after the first filtered search."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.index import Filters, KnowledgeIndex
from tests.knowledge.index_support import HashEmbedder, make_document

DOCUMENTS = [
    make_document(
        f"rapport-{n}",
        [f"Leverandør {n} betaler overtid.", f"Fabrikk {n} har tvangsarbeid i kapittel {n}."],
        title=f"Rapport {n}",
        kind="supplier_report" if n % 2 else "guidance",
        supplier=f"Leverandør {n % 3}",
    )
    for n in range(12)
]
QUESTION = "Er det tvangsarbeid hos leverandøren?"


@pytest.fixture
def index(tmp_path: Path) -> KnowledgeIndex:
    index = KnowledgeIndex(tmp_path / "index", embedder=HashEmbedder())
    index.upsert(DOCUMENTS)
    return index


@pytest.mark.parametrize(
    "filters",
    [
        Filters(kinds=frozenset({"guidance"})),
        Filters(supplier="LEVERANDØR 1"),
        Filters(kinds=frozenset({"supplier_report"}), supplier="leverandør 2"),
    ],
)
def test_filtered_scores_and_order_match_the_unfiltered_search(
    index: KnowledgeIndex, filters: Filters
) -> None:
    vector = index.embedder.embed_query(QUESTION)
    everything = index.dense_search(vector, limit=100)
    allowed = {
        chunk.chunk_id
        for chunk in index.chunks(list(everything))
        if (filters.kinds is None or chunk.kind in filters.kinds)
        and (filters.supplier is None or chunk.supplier.casefold() == filters.supplier.casefold())
    }

    filtered = index.dense_search(vector, limit=3, filters=filters)

    best_allowed = sorted((everything[chunk_id] for chunk_id in allowed), reverse=True)[:3]
    assert set(filtered) <= allowed
    assert list(filtered.values()) == pytest.approx(best_allowed, abs=1e-5)
    for chunk_id, score in filtered.items():
        assert score == pytest.approx(everything[chunk_id], abs=1e-5)


def test_a_passage_added_later_is_found_by_a_filtered_search(index: KnowledgeIndex) -> None:
    only_new = Filters(supplier="Ny leverandør")
    vector = index.embedder.embed_query(QUESTION)
    assert index.dense_search(vector, limit=5, filters=only_new) == {}

    index.upsert(
        [
            make_document(
                "ny", ["Tvangsarbeid hos ny leverandør."], title="Ny", supplier="Ny leverandør"
            )
        ]
    )

    found = index.dense_search(vector, limit=5, filters=only_new)
    assert [chunk.doc_id for chunk in index.chunks(list(found))] == ["ny"]
