"""The dense channel: chunk vectors in a Chroma collection (cosine space).

Embedded by default (`PersistentClient` under `<dir>/chroma`), or a Chroma server when the
operator gives a URL. Chroma holds only ids, vectors and the metadata that filters need; the
catalog holds the text. Vectors are always passed in, so Chroma never loads a model of its own.

Usage::

    store = VectorStore(directory / "chroma")
    store.add(ids, vectors, metadatas=[{"doc_id": "...", "kind": "guidance", ...}])
    store.query(vector, limit=10, where={"kind": {"$in": ["guidance"]}})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import chromadb
import numpy as np
from chromadb.config import Settings

from knowledge.errors import KnowledgeError

COLLECTION = "aktsom-chunks"
_PAGE = 5000


class VectorStore:
    """One Chroma collection of chunk vectors, added and deleted in batches."""

    def __init__(
        self, directory: Path, *, chroma_url: str | None = None, collection: str = COLLECTION
    ) -> None:
        settings = Settings(anonymized_telemetry=False)
        try:
            if chroma_url:
                url = urlsplit(chroma_url)
                self._client = chromadb.HttpClient(
                    host=url.hostname or "localhost",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=settings,
                )
            else:
                directory.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(directory), settings=settings)
            self._collection = self._client.get_or_create_collection(
                collection, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
            )
            self._batch = self._client.get_max_batch_size()
        except Exception as error:
            where = chroma_url or str(directory)
            raise KnowledgeError(f"cannot open the vector store at {where}: {error}") from error

    def count(self) -> int:
        """Number of vectors stored."""
        return self._collection.count()

    def ids(self) -> set[str]:
        """Every stored id (read page by page)."""
        found: set[str] = set()
        offset = 0
        while True:
            page = self._collection.get(include=[], limit=_PAGE, offset=offset)["ids"]
            found.update(page)
            if len(page) < _PAGE:
                return found
            offset += _PAGE

    def add(
        self, ids: Sequence[str], vectors: np.ndarray, *, metadatas: Sequence[Mapping[str, Any]]
    ) -> None:
        """Store vectors (replacing any under the same id), in batches Chroma accepts."""
        for start in range(0, len(ids), self._batch):
            stop = start + self._batch
            self._collection.upsert(
                ids=list(ids[start:stop]),
                embeddings=np.asarray(vectors[start:stop], dtype=np.float32),
                metadatas=[dict(metadata) for metadata in metadatas[start:stop]],
            )

    def delete(self, ids: Sequence[str]) -> None:
        """Remove vectors by id; unknown ids are ignored."""
        for start in range(0, len(ids), self._batch):
            self._collection.delete(ids=list(ids[start : start + self._batch]))

    def query(
        self, vector: np.ndarray, *, limit: int, where: Mapping[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """The `limit` nearest ids with their cosine similarity, best first."""
        if limit <= 0:
            return []
        result = self._collection.query(
            query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
            n_results=limit,
            where=dict(where) if where else None,
            include=["distances"],
        )
        distances = result["distances"][0] if result["distances"] else []
        return [
            (chunk_id, 1.0 - float(distance))
            for chunk_id, distance in zip(result["ids"][0], distances, strict=True)
        ]
