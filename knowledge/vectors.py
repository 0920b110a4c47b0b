"""The dense channel: chunk vectors in a Chroma collection (cosine space).

Embedded by default (`PersistentClient` under `<dir>/chroma`), or a Chroma server when the
operator gives a URL. Besides ids and vectors Chroma keeps each passage's text and its
document's metadata, so that a lost catalog can be rebuilt from it (`aktsom reindex`), and the
id of the catalog it belongs to, so that a missing or replaced catalog is noticed instead of
"reconciled" by deleting every vector. Vectors are always passed in, so Chroma never loads a
model of its own.

Usage::

    store = VectorStore(directory / "chroma")
    store.add(ids, vectors, metadatas=[{"doc_id": "...", "kind": "guidance", ...}])
    store.query(vector, limit=10, where={"kind": {"$in": ["guidance"]}})
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import chromadb
import numpy as np
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings

from knowledge.errors import KnowledgeError, VectorStoreUnreadable

COLLECTION = "aktsom-chunks"
_PAGE = 5000
_CATALOG_ID = "catalog_id"
_EMBEDDER = "embedder"


@dataclass(frozen=True, slots=True)
class StoredVector:
    """One record as Chroma holds it: id, metadata and passage text (None: not stored)."""

    chunk_id: str
    metadata: Mapping[str, Any]
    text: str | None


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
            if chroma_url:
                raise KnowledgeError(
                    f"cannot open the vector store at {chroma_url}: {error}. Check that the "
                    f"Chroma server answers there and that AKTSOM_CHROMA_URL is right."
                ) from error
            _forget_failed_client(directory)
            raise VectorStoreUnreadable(
                f"cannot read the vector store at {directory}: {error}. Run `aktsom reindex` "
                f"to rebuild it from the catalog (the damaged store is kept beside it), or "
                f"restore it from a backup."
            ) from error

    def close(self) -> None:
        """Release the client (Chroma stops a local store's files with its last client)."""
        self._client.close()

    def count(self) -> int:
        """Number of vectors stored."""
        return self._collection.count()

    def catalog_id(self) -> str | None:
        """The id of the catalog these vectors belong to; None before one claimed them."""
        metadata = self._collection.metadata or {}
        value = metadata.get(_CATALOG_ID)
        return value if isinstance(value, str) else None

    def embedder(self) -> str | None:
        """The name of the embedder that made these vectors, when a catalog recorded it."""
        value = (self._collection.metadata or {}).get(_EMBEDDER)
        return value if isinstance(value, str) else None

    def bind(self, catalog_id: str, *, embedder: str) -> None:
        """Record that these vectors belong to the catalog `catalog_id`, made by `embedder`."""
        metadata = {
            **(self._collection.metadata or {}),
            _CATALOG_ID: catalog_id,
            _EMBEDDER: embedder,
        }
        self._collection.modify(metadata=metadata)

    def records(self) -> Iterator[StoredVector]:
        """Every stored record with its metadata and text, page by page."""
        offset = 0
        while True:
            page = self._collection.get(
                include=["metadatas", "documents"], limit=_PAGE, offset=offset
            )
            texts = page["documents"] or [None] * len(page["ids"])
            metadatas = page["metadatas"] or [{}] * len(page["ids"])
            for chunk_id, metadata, text in zip(page["ids"], metadatas, texts, strict=True):
                yield StoredVector(chunk_id, dict(metadata or {}), text)
            if len(page["ids"]) < _PAGE:
                return
            offset += _PAGE

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

    def embeddings(self, ids: Sequence[str]) -> np.ndarray:
        """The stored vectors of `ids`, one row each in that order (float32)."""
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), _PAGE):
            batch = list(ids[start : start + _PAGE])
            page = self._collection.get(ids=batch, include=["embeddings"])
            found.update(zip(page["ids"], page["embeddings"], strict=True))
        missing = [chunk_id for chunk_id in ids if chunk_id not in found]
        if missing:
            raise VectorStoreUnreadable(
                f"the vector store lacks {len(missing)} passage(s) the catalog holds "
                f"(first: {missing[0]}); run `aktsom reindex`"
            )
        return np.asarray([found[chunk_id] for chunk_id in ids], dtype=np.float32).reshape(
            len(ids), -1
        )

    def add(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        *,
        metadatas: Sequence[Mapping[str, Any]],
        texts: Sequence[str],
    ) -> None:
        """Store vectors with their passages' texts (replacing any under the same id), in
        batches Chroma accepts."""
        for start in range(0, len(ids), self._batch):
            stop = start + self._batch
            self._collection.upsert(
                ids=list(ids[start:stop]),
                embeddings=np.asarray(vectors[start:stop], dtype=np.float32),
                metadatas=[dict(metadata) for metadata in metadatas[start:stop]],
                documents=list(texts[start:stop]),
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


def _forget_failed_client(directory: Path) -> None:
    """Drop the client Chroma cached for `directory` although it failed to start.

    Chroma keeps one client system per path for the whole process, a failed one included;
    without this, opening the path again (after `aktsom reindex` moved the damaged store
    aside) would reuse the broken one. Chroma has no public call for one path.
    """
    SharedSystemClient._identifier_to_system.pop(str(directory), None)
