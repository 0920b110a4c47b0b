"""Helpers for the knowledge-index tests: a tiny deterministic embedder and hand-made documents.

Run as a script it is the writer that the crash test kills::

    python -m tests.knowledge.index_support DIR VERSION DELAY_S

It opens the index in DIR with a slow embedder and upserts VERSION of the test documents,
printing `embedding <n>` before each batch so the parent knows where it is.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from ingestion.document import Chunk, Document, Kind, Language
from knowledge.answer import Passage

DENSE_DIM = 64
SPARSE_DIM = 16384
_WORD = re.compile(r"\w+")


class HashEmbedder:
    """Bag of words hashed into 64 dense dims and 16,384 sparse ones: fast and deterministic."""

    def __init__(self, name: str = "hash-64") -> None:
        self.name = name
        self.dim = DENSE_DIM

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised hashed bag-of-words vector per text."""
        vectors = np.zeros((len(texts), DENSE_DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                vectors[row, zlib.crc32(word.encode()) % DENSE_DIM] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)

    def embed_query(self, text: str) -> np.ndarray:
        """The same hashing for a query."""
        return self.embed_passages([text])[0]

    def sparse_passages(self, texts: Sequence[str]) -> csr_matrix:
        """Hashed word counts, one row per text."""
        rows, columns = [], []
        for row, text in enumerate(texts):
            for word in set(_WORD.findall(text.lower())):
                rows.append(row)
                columns.append(zlib.crc32(word.encode()) % SPARSE_DIM)
        values = np.ones(len(rows), dtype=np.float32)
        return csr_matrix((values, (rows, columns)), shape=(len(texts), SPARSE_DIM))

    def sparse_query(self, text: str) -> csr_matrix:
        """Hashed word counts of a query, as a 1-row matrix."""
        return self.sparse_passages([text])


class DenseOnlyEmbedder:
    """The hashing embedder without a sparse head."""

    def __init__(self) -> None:
        self._inner = HashEmbedder("hash-64-dense")
        self.name = self._inner.name
        self.dim = DENSE_DIM

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Dense vectors only."""
        return self._inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        """Dense query vector."""
        return self._inner.embed_query(text)


class SlowEmbedder(HashEmbedder):
    """The hashing embedder, announcing and sleeping before each batch, to be killed mid-way."""

    def __init__(self, delay_s: float) -> None:
        super().__init__()
        self._delay_s = delay_s
        self._batches = 0

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Announce the batch on stdout, sleep, then embed."""
        self._batches += 1
        print(f"embedding {self._batches}", flush=True)
        time.sleep(self._delay_s)
        return super().embed_passages(texts)


def make_document(
    doc_id: str,
    texts: Sequence[str],
    *,
    title: str | None = None,
    source: str | None = None,
    language: Language = "nb",
    kind: Kind = "guidance",
    supplier: str | None = None,
) -> Document:
    """A document whose chunks are `texts`, with ids and hash as ingestion makes them."""
    content_hash = hashlib.sha256("\x00".join(texts).encode()).hexdigest()
    title = title or doc_id.title()
    chunks = tuple(
        Chunk(
            chunk_id=f"{doc_id}:{content_hash[:12]}:{ordinal}",
            doc_id=doc_id,
            ordinal=ordinal,
            header=title,
            text=text,
            location=f"avsnitt {ordinal + 1}",
        )
        for ordinal, text in enumerate(texts)
    )
    return Document(
        doc_id=doc_id,
        title=title,
        source=source or f"/docs/{doc_id}.txt",
        language=language,
        kind=kind,
        content_hash=content_hash,
        ingested_at=datetime(2025, 1, 1, tzinfo=UTC),
        supplier=supplier,
        chunks=chunks,
    )


def crash_documents(version: str) -> list[Document]:
    """A long document and a short one, whose every chunk names `version` (old or new)."""
    long_texts = [f"Rutine {version} avsnitt {i} om aktsomhetsvurdering" for i in range(10)]
    short_texts = [f"Leverandør {version} rapport del {i} om lønn" for i in range(3)]
    return [
        make_document("rutine", long_texts, title="Rutine"),
        make_document("rapport", short_texts, title="Rapport", kind="supplier_report"),
    ]


def main(directory: str, version: str, delay_s: str) -> None:
    """Upsert `version` of the crash documents slowly, four chunks per batch."""
    from knowledge.index import KnowledgeIndex

    index = KnowledgeIndex(Path(directory), embedder=SlowEmbedder(float(delay_s)))
    index.upsert(crash_documents(version), batch_chunks=4)
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])


def make_passage(
    text: str, *, score: float = 1.0, number: int = 1, location: str = "Innkjøp"
) -> Passage:
    """A retrieved passage of a Norwegian supplier report, as the composer receives it."""
    return Passage(
        chunk_id=f"doc:{number}",
        doc_id="doc",
        title="Årsrapport",
        source="rapport.md",
        location=location,
        header=f"Årsrapport — {location}",
        text=text,
        score=score,
        language="nb",
        kind="supplier_report",
    )
