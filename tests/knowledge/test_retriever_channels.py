"""Each retrieval channel counts: BM25 sees the glossary's expansions and carries weight.

The dense channel is made blind here (every vector the same), so the ranking shows what BM25
contributes: an English question about forced labour must find the Norwegian passage through
the glossary, and rank it strictly above a passage that only shares the English word.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from knowledge.glossary import Glossary
from knowledge.index import KnowledgeIndex
from knowledge.retriever import Retriever
from tests.knowledge.index_support import make_document

TARGET = "Tvangsarbeid og tvångsarbete er forbudt hos alle leverandører."
DECOY = "Staff are never forced to stay late."


class BlindEmbedder:
    """The same vector for every text: the dense channel ranks nothing above anything."""

    name = "blind-4"
    dim = 4

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.full((len(texts), self.dim), 0.5, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_passages([text])[0]


def test_glossary_expansion_lets_bm25_rank_the_norwegian_passage_first(data_dir: Path) -> None:
    index = KnowledgeIndex(data_dir, embedder=BlindEmbedder())
    index.upsert([make_document("rutine", [TARGET]), make_document("personal", [DECOY])])
    retriever = Retriever(index, glossary=Glossary.bundled())

    retrieval = retriever.search("Is there forced labour at the supplier?", limit=2)

    assert "tvangsarbeid" in retrieval.expansions
    first, second = retrieval.passages
    assert first.text == TARGET
    assert first.score > second.score
