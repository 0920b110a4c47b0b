"""The index with the bundled e5 model: real dense and sparse vectors, stored and searched."""

from __future__ import annotations

from pathlib import Path

from knowledge.embeddings import E5Embedder
from knowledge.index import KnowledgeIndex
from knowledge.vectors import VectorStore
from tests.knowledge.index_support import make_document

DOCUMENTS = [
    make_document(
        "frist",
        ["Et informasjonskrav skal besvares skriftlig senest tre uker etter at det ble mottatt."],
        title="Informasjonskrav",
    ),
    make_document(
        "tvang",
        ["Forced labour was found at the supplier's factory during the 2024 audit."],
        title="Audit report",
        language="en",
        kind="supplier_report",
        supplier="Exso AS",
    ),
    make_document(
        "lon",
        ["Leverantören betalade inte ut löner i tid under tre månader."],
        title="Lönerapport",
        language="sv",
        kind="supplier_report",
        supplier="Nordteks",
    ),
]


def test_e5_index_answers_across_languages_and_skips_unchanged_documents(data_dir: Path) -> None:
    index = KnowledgeIndex(data_dir, embedder=E5Embedder())
    first = index.upsert(DOCUMENTS)
    second = index.upsert(DOCUMENTS)
    embedder = index.embedder
    question = "Hvor lang tid har man på å svare på et informasjonskrav?"

    dense = index.dense_search(embedder.embed_query(question), limit=1)
    sparse = index.sparse_search(embedder.sparse_query("lønn utbetalt for sent"), limit=1)

    assert (first.added, second.unchanged, second.chunks) == (3, 3, 0)
    assert VectorStore(data_dir / "chroma").count() == 3
    assert [chunk.doc_id for chunk in index.chunks(list(dense))] == ["frist"]
    assert [chunk.doc_id for chunk in index.chunks(list(sparse))] == ["lon"]
