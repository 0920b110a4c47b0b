"""The persistent knowledge index: one facade over the catalog, Chroma, BM25 and sparse vectors.

Why it is built this way: the SQLite catalog is the commit point. Replacing a changed
document (1) adds its new vectors to Chroma under new ids, (2) swaps its chunk rows in one
catalog transaction, (3) deletes the old vectors, (4) lets the BM25 and sparse caches go
stale, to be rebuilt once at the end. A crash before (2) leaves the old version plus orphan
vectors; after (2) the new version plus orphan vectors. Searches drop every id the catalog
does not hold, and opening the index removes orphans and re-adds any missing vector, so a
reader sees the old version of a document or the new one, never a mix.

Usage::

    index = KnowledgeIndex(data_dir / "index", embedder=make_embedder("e5"))
    index.upsert(documents)
    hits = index.bm25_search("frist informasjonskrav", limit=20)
    passages = index.chunks(list(hits))
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from ingestion.document import Chunk, Document
from knowledge.bm25 import BM25Index
from knowledge.catalog import Catalog, DocumentInfo, Snapshot, StoredChunk
from knowledge.embeddings import Embedder, SparseEncoder
from knowledge.errors import CatalogMissing, DocumentNotFound, FolderUnusable, KnowledgeError
from knowledge.names import Lexicon
from knowledge.sparse_index import SparseIndex, to_blob
from knowledge.vectors import VectorStore

__all__ = [
    "DocumentInfo",
    "Filters",
    "IngestResult",
    "KnowledgeIndex",
    "StoredChunk",
]

DEFAULT_BATCH_CHUNKS = 64
DENSE_OVERFETCH = 16
SPARSE_DIM = 16384
_DIRTY = "vectors_dirty"


@dataclass(frozen=True)
class Filters:
    """Restrict a search to some document kinds and/or one supplier (case-insensitive)."""

    kinds: frozenset[str] | None = None
    supplier: str | None = None


@dataclass(frozen=True)
class IngestResult:
    """What one `upsert` did: documents added, replaced, skipped, and chunks written."""

    added: int
    replaced: int
    unchanged: int
    chunks: int


@dataclass
class _Pending:
    """A changed document whose chunks are being embedded; committed once all are in Chroma."""

    document: Document
    is_new: bool
    remaining: int
    sparse: dict[str, bytes | None] = field(default_factory=dict)


class KnowledgeIndex:
    """Documents and chunks, searchable by dense vectors, BM25 and sparse latent terms."""

    def __init__(
        self, directory: Path, *, embedder: Embedder, chroma_url: str | None = None
    ) -> None:
        self._directory = directory
        self._embedder = embedder
        self._sparse_encoder = embedder if isinstance(embedder, SparseEncoder) else None
        self._lock = threading.RLock()
        _make_folder(directory)
        self._catalog = Catalog(directory / "catalog.sqlite")
        self._check_embedder()
        self._vectors = VectorStore(directory / "chroma", chroma_url=chroma_url)
        self._load(self._catalog.snapshot())
        self._bm25: BM25Index | None = None
        self._sparse: SparseIndex | None = None
        self._lexicon: Lexicon | None = None
        self._dense: tuple[int, np.ndarray] | None = None
        self._check_vectors_belong_here(chroma_url)
        with self._writer(wait=False) as acquired:
            if acquired:
                if self._vectors.catalog_id() is None:
                    self._vectors.bind(self._catalog.catalog_id, embedder=self._embedder.name)
                self._reconcile()

    @property
    def embedder(self) -> Embedder:
        """The embedder this index was built with."""
        return self._embedder

    def __len__(self) -> int:
        """Number of chunks currently indexed."""
        with self._lock:
            self._refresh()
            return len(self._rows)

    def is_current(self, doc_id: str, content_hash: str) -> bool:
        """Whether the index already holds this exact version of the document."""
        with self._lock:
            self._refresh()
            info = self._documents.get(doc_id)
            return info is not None and info.content_hash == content_hash

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document, by title."""
        with self._lock:
            self._refresh()
            return sorted(self._documents.values(), key=lambda info: (info.title, info.doc_id))

    def upsert(
        self,
        documents: Iterable[Document],
        *,
        batch_chunks: int = DEFAULT_BATCH_CHUNKS,
        progress: Callable[[int], None] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> IngestResult:
        """Add new documents, replace changed ones atomically, skip unchanged ones.

        Args:
            documents: parsed documents with their chunks; may be a lazy iterator.
            batch_chunks: chunks embedded per model call (and per Chroma write).
            progress: called after each batch with the number of chunks embedded so far.
            on_wait: called once when another process is writing and this one waits for it.
        """
        with self._lock, self._writer(wait=True, on_wait=on_wait):
            self._refresh()
            writer = _Ingest(self, batch_chunks=max(1, batch_chunks), progress=progress)
            for document in documents:
                writer.take(document)
            writer.finish()
            if writer.changed:
                self._finish_write()
            return writer.result()

    def forget(self, ref: str) -> DocumentInfo:
        """Remove a document, named by id, source path or exact title, from every channel."""
        with self._lock, self._writer(wait=True):
            self._refresh()
            info = self._resolve(ref)
            self._catalog.set_meta(_DIRTY, "1")
            self._vectors.delete(self._catalog.remove_document(info.doc_id))
            self._finish_write()
            return info

    def dense_search(
        self, query_vector: np.ndarray, *, limit: int, filters: Filters | None = None
    ) -> dict[str, float]:
        """Nearest current chunks to `query_vector`: chunk id -> cosine similarity.

        Unfiltered, Chroma's HNSW index answers. Filtered (by kind or supplier), the allowed
        rows are scored exactly against this version's vectors held in memory: Chroma's
        `where` filters before scoring too, but at 50k chunks it took 30–55 ms a question
        against 1.5 ms unfiltered, and a product filter scores a few thousand rows in well
        under a millisecond.
        """
        if limit <= 0:
            return {}
        with self._lock:
            self._refresh()
            mask = self._mask(filters)
            if mask is not None:
                return self._top_dense(query_vector, np.flatnonzero(mask), limit=limit)
            fetch = limit + max(limit, DENSE_OVERFETCH)
            while True:
                version = self._version
                found = self._vectors.query(query_vector, limit=fetch)
                self._refresh()
                if version != self._version:
                    continue
                current = [(cid, score) for cid, score in found if cid in self._position]
                if len(current) >= limit or len(found) < fetch:
                    return dict(current[:limit])
                fetch *= 4

    def bm25_search(
        self, query: str, *, limit: int, filters: Filters | None = None
    ) -> dict[str, float]:
        """Best BM25 matches of `query` (stemmed in nb, sv and en): chunk id -> score."""
        with self._lock:
            self._refresh()
            return self._top(self._lexical().scores(query), limit=limit, filters=filters)

    def sparse_search(
        self, query: csr_matrix, *, limit: int, filters: Filters | None = None
    ) -> dict[str, float]:
        """Best latent-term matches of a sparse query vector; {} without a sparse head."""
        if self._sparse_encoder is None:
            return {}
        with self._lock:
            self._refresh()
            return self._top(self._latent().scores(query), limit=limit, filters=filters)

    def lexicon(self) -> Lexicon:
        """The words of the current version, to tell the names it mentions from others."""
        with self._lock:
            self._refresh()
            if self._lexicon is None or self._lexicon.version != self._version:
                infos = self._documents.values()
                self._lexicon = Lexicon.build(
                    (text for row in self._rows for text in (row.header, row.text)),
                    names=[name for info in infos for name in (info.title, info.supplier) if name],
                    version=self._version,
                )
            return self._lexicon

    def chunks(self, chunk_ids: Sequence[str]) -> list[StoredChunk]:
        """The stored chunks for these ids, in the same order; unknown ids are left out."""
        with self._lock:
            rows, position = self._rows, self._position
            return [rows[position[cid]] for cid in chunk_ids if cid in position]

    def close(self) -> None:
        """Close the catalog connection and the vector store's client."""
        self._catalog.close()
        self._vectors.close()

    # --- snapshot and caches -------------------------------------------------------------

    def _load(self, snapshot: Snapshot) -> None:
        """Adopt a catalog snapshot as the in-memory view every search filters against."""
        self._version = snapshot.version
        self._documents = snapshot.documents
        self._rows = snapshot.rows
        self._position = {row.chunk_id: i for i, row in enumerate(snapshot.rows)}
        self._kinds = np.array([row.kind for row in snapshot.rows], dtype=object)
        self._suppliers = np.array(
            [(row.supplier or "").casefold() for row in snapshot.rows], dtype=object
        )

    def _refresh(self) -> None:
        """Reload the snapshot when another write (here or in another process) moved it on."""
        if self._catalog.version() != self._version:
            self._load(self._catalog.snapshot())

    def _lexical(self) -> BM25Index:
        """The BM25 index of the current version: in memory, from disk, or rebuilt."""
        if self._bm25 is None or self._bm25.version != self._version:
            directory = self._directory / "bm25"
            loaded = BM25Index.load(directory, version=self._version)
            if loaded is None or loaded.size != len(self._rows):
                loaded = BM25Index.build(
                    ((row.indexed_text, row.language) for row in self._rows),
                    version=self._version,
                )
                loaded.save(directory)
            self._bm25 = loaded
        return self._bm25

    def _latent(self) -> SparseIndex:
        """The sparse matrix of the current version: in memory, from disk, or rebuilt."""
        while self._sparse is None or self._sparse.version != self._version:
            directory = self._directory / "sparse"
            loaded = SparseIndex.load(directory, version=self._version)
            if loaded is None or loaded.size != len(self._rows):
                version, blobs = self._catalog.sparse_rows()
                if version != self._version:
                    self._refresh()
                    continue
                loaded = SparseIndex.build(blobs, dim=SPARSE_DIM, version=version)
                loaded.save(directory)
            self._sparse = loaded
        return self._sparse

    def _top_dense(
        self, query_vector: np.ndarray, allowed: np.ndarray, *, limit: int
    ) -> dict[str, float]:
        """The `limit` rows among `allowed` nearest to `query_vector`, by exact cosine."""
        if self._dense is None or self._dense[0] != self._version:
            ids = [row.chunk_id for row in self._rows]
            self._dense = (self._version, self._vectors.embeddings(ids))
        scores = self._dense[1][allowed] @ np.asarray(query_vector, dtype=np.float32)
        order = np.argsort(-scores, kind="stable")[:limit]
        return {self._rows[allowed[i]].chunk_id: float(scores[i]) for i in order}

    def _top(self, scores: np.ndarray, *, limit: int, filters: Filters | None) -> dict[str, float]:
        """The `limit` best positive scores after filtering, as chunk id -> score."""
        if limit <= 0:
            return {}
        mask = self._mask(filters)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        if candidates.size > limit:
            best = np.argpartition(-scores[candidates], limit - 1)[:limit]
            candidates = candidates[best]
        ordered = candidates[np.argsort(-scores[candidates], kind="stable")]
        return {self._rows[i].chunk_id: float(scores[i]) for i in ordered}

    def _mask(self, filters: Filters | None) -> np.ndarray | None:
        """Rows allowed by `filters`, or None when nothing is filtered."""
        if filters is None or (filters.kinds is None and filters.supplier is None):
            return None
        mask = np.ones(len(self._rows), dtype=bool)
        if filters.kinds is not None:
            mask &= np.isin(self._kinds, list(filters.kinds))
        if filters.supplier is not None:
            mask &= self._suppliers == filters.supplier.casefold()
        return mask

    # --- writing -------------------------------------------------------------------------

    @contextmanager
    def _writer(self, *, wait: bool, on_wait: Callable[[], None] | None = None) -> Iterator[bool]:
        """Hold the single-writer file lock (see `writer_lock`)."""
        with writer_lock(self._directory, wait=wait, on_wait=on_wait) as acquired:
            yield acquired

    def _finish_write(self) -> None:
        """After a write: mark Chroma clean, reload the snapshot, rebuild the caches once."""
        self._catalog.set_meta(_DIRTY, "0")
        self._refresh()
        self._lexical()
        if self._sparse_encoder is not None:
            self._latent()

    def _check_vectors_belong_here(self, chroma_url: str | None) -> None:
        """Refuse to open a catalog that lost its documents beside a vector store that holds
        them (or one that belongs to another catalog): reconciling would delete every vector.
        """
        claimed = self._vectors.catalog_id()
        if claimed == self._catalog.catalog_id:
            return
        count = self._vectors.count()
        if claimed is None and (self._rows or count == 0):
            return  # vectors of this catalog from before catalogs claimed theirs, or none
        documents = len({record.metadata.get("doc_id") for record in self._vectors.records()})
        where = chroma_url or str(self._directory / "chroma")
        raise CatalogMissing(
            f"the catalog {self._directory / 'catalog.sqlite'} does not hold the documents of "
            f"the vector store at {where} ({_plural(count, 'passage')} of "
            f"{_plural(documents, 'document')}): the catalog is missing, new or another one. "
            f"Nothing was deleted. Run `aktsom reindex` to rebuild the catalog from the vector "
            f"store, or point AKTSOM_DATA_DIR at the folder the catalog is in."
        )

    def _reconcile(self) -> None:
        """Make Chroma hold exactly the catalog's chunks, after a crash or a lost vector store."""
        if self._catalog.meta(_DIRTY) != "1" and self._vectors.count() == len(self._rows):
            return
        stored = self._vectors.ids()
        self._vectors.delete(sorted(stored - self._position.keys()))
        missing = [row for row in self._rows if row.chunk_id not in stored]
        for start in range(0, len(missing), DEFAULT_BATCH_CHUNKS):
            batch = missing[start : start + DEFAULT_BATCH_CHUNKS]
            vectors = self._embedder.embed_passages([row.indexed_text for row in batch])
            self._vectors.add(
                [row.chunk_id for row in batch],
                vectors,
                metadatas=[_to_metadata(self._documents[row.doc_id], row) for row in batch],
                texts=[row.text for row in batch],
            )
        self._catalog.set_meta(_DIRTY, "0")

    def _check_embedder(self) -> None:
        """Refuse to mix vectors of two embedders in one index."""
        name, dim = self._embedder.name, str(self._embedder.dim)
        stored_name, stored_dim = self._catalog.meta("embedder"), self._catalog.meta("dim")
        if self._catalog.document_count() and (stored_name, stored_dim) != (name, dim):
            raise KnowledgeError(
                f"this index was built with the embedder {stored_name!r} ({stored_dim} dims), "
                f"not {name!r} ({dim} dims). Rebuild it: delete {self._directory} and ingest "
                f"again, or `aktsom forget` every document first. / Indeksen ble bygd med "
                f"{stored_name!r}, ikke {name!r}: slett {self._directory} og les inn på nytt."
            )
        if (stored_name, stored_dim) != (name, dim):
            self._catalog.set_meta("embedder", name)
            self._catalog.set_meta("dim", dim)

    def _resolve(self, ref: str) -> DocumentInfo:
        """The document named by id, source path or title (exact, then case-insensitive)."""
        if ref in self._documents:
            return self._documents[ref]
        infos = list(self._documents.values())
        resolved = str(Path(ref).expanduser().resolve())
        for matches in (
            [info for info in infos if info.source == ref],
            [info for info in infos if str(Path(info.source).expanduser().resolve()) == resolved],
            [info for info in infos if info.title == ref],
            [info for info in infos if info.title.casefold() == ref.strip().casefold()],
        ):
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                listed = "; ".join(f"{info.doc_id} ({info.source})" for info in matches)
                raise KnowledgeError(
                    f"{ref!r} matches {len(matches)} documents: {listed}. Name one by id or "
                    f"source. / {ref!r} passer med flere dokumenter: oppgi id eller kilde."
                )
        raise DocumentNotFound(
            f"no document {ref!r} in the index (give its id, source path or title). / "
            f"Fant ikke dokumentet {ref!r} i indeksen."
        )


class _Ingest:
    """One `upsert` run: embeds chunks in batches across documents, commits each document."""

    def __init__(
        self,
        index: KnowledgeIndex,
        *,
        batch_chunks: int,
        progress: Callable[[int], None] | None,
    ) -> None:
        self._index = index
        self._batch_chunks = batch_chunks
        self._progress = progress
        self._pending: dict[str, _Pending] = {}
        self._queue: list[tuple[_Pending, Chunk]] = []
        self._dirty = False
        self._added = self._replaced = self._unchanged = self._done = 0

    def take(self, document: Document) -> None:
        """Queue a document's chunks unless the index already holds this version."""
        index = self._index
        known = index._documents.get(document.doc_id)
        if known is not None and known.content_hash == document.content_hash:
            self._unchanged += 1
            return
        if document.doc_id in self._pending:
            self.finish()
        if not self._dirty:
            index._catalog.set_meta(_DIRTY, "1")
            self._dirty = True
        pending = _Pending(document, is_new=known is None, remaining=len(document.chunks))
        self._pending[document.doc_id] = pending
        if not document.chunks:
            self._commit([pending])
        self._queue.extend((pending, chunk) for chunk in document.chunks)
        while len(self._queue) >= self._batch_chunks:
            self._embed(self._queue[: self._batch_chunks])
            del self._queue[: self._batch_chunks]

    def finish(self) -> None:
        """Embed and commit whatever is still queued."""
        if self._queue:
            self._embed(self._queue)
            self._queue = []

    @property
    def changed(self) -> bool:
        """Whether this run wrote anything."""
        return self._dirty

    def result(self) -> IngestResult:
        """Counts for the caller."""
        return IngestResult(
            added=self._added, replaced=self._replaced, unchanged=self._unchanged, chunks=self._done
        )

    def _embed(self, batch: list[tuple[_Pending, Chunk]]) -> None:
        """Embed one batch (dense and sparse), store the vectors, commit completed documents."""
        index = self._index
        texts = [chunk.indexed_text for _, chunk in batch]
        vectors = index._embedder.embed_passages(texts)
        encoder = index._sparse_encoder
        sparse = encoder.sparse_passages(texts).tocsr() if encoder is not None else None
        index._vectors.add(
            [chunk.chunk_id for _, chunk in batch],
            vectors,
            metadatas=[_to_metadata(pending.document, chunk) for pending, chunk in batch],
            texts=[chunk.text for _, chunk in batch],
        )
        completed = []
        for row, (pending, chunk) in enumerate(batch):
            pending.sparse[chunk.chunk_id] = None if sparse is None else to_blob(sparse[row])
            pending.remaining -= 1
            if pending.remaining == 0:
                completed.append(pending)
        self._commit(completed)
        self._done += len(batch)
        if self._progress is not None:
            self._progress(self._done)

    def _commit(self, completed: list[_Pending]) -> None:
        """Swap each completed document into the catalog, then delete its old vectors."""
        index = self._index
        stale: list[str] = []
        for pending in completed:
            document = pending.document
            blobs = [pending.sparse.get(chunk.chunk_id) for chunk in document.chunks]
            old_ids = index._catalog.replace_document(document, sparse=blobs)
            new_ids = {chunk.chunk_id for chunk in document.chunks}
            stale.extend(cid for cid in old_ids if cid not in new_ids)
            del self._pending[document.doc_id]
            if pending.is_new:
                self._added += 1
            else:
                self._replaced += 1
        if stale:
            index._vectors.delete(stale)


def _make_folder(directory: Path) -> None:
    """Create the index folder, or say why it cannot be (a file in the way, read-only)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # The single-writer lock lives here; a folder we cannot write is found out now.
        (directory / "writer.lock").touch()
    except OSError as error:
        blocker = next((p for p in (directory, *directory.parents) if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            reason = f"{blocker} is a file, not a folder"
        else:
            reason = error.strerror or str(error)
        raise FolderUnusable(
            f"cannot use {directory} for the knowledge base: {reason}. "
            f"Use a data folder you can write to."
        ) from error


@contextmanager
def writer_lock(
    directory: Path, *, wait: bool, on_wait: Callable[[], None] | None = None
) -> Iterator[bool]:
    """Hold the single-writer file lock of the index in `directory`; yields False when busy
    and `wait` is False.

    Args:
        wait: block until the lock is free.
        on_wait: called before blocking, so the caller can say that it waits.
    """
    with open(directory / "writer.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                yield False
                return
            if on_wait is not None:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _to_metadata(document: Document | DocumentInfo, chunk: Chunk) -> dict[str, str | int]:
    """What Chroma keeps beside a chunk's vector: the fields filters need, and all that
    rebuilding the catalog from the vector store needs (no None values: Chroma refuses them).
    """
    chunks = document.chunk_count if isinstance(document, DocumentInfo) else len(document.chunks)
    return {
        "doc_id": document.doc_id,
        "kind": document.kind,
        "supplier": document.supplier or "",
        "supplier_key": (document.supplier or "").casefold(),
        "title": document.title,
        "source": document.source,
        "language": document.language,
        "content_hash": document.content_hash,
        "ingested_at": document.ingested_at.isoformat(),
        "chunk_count": chunks,
        "ordinal": chunk.ordinal,
        "header": chunk.header,
        "location": chunk.location,
    }


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
