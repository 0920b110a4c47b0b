"""Rebuild the side of the index that was lost from the side that is left.

The catalog and the vector store each hold enough to rebuild the other: the catalog keeps
every passage's text (the vectors are embedded again from it), and Chroma keeps every
passage's text and its document's metadata beside the vector (the catalog's rows are written
back from it, and the sparse vectors computed again). Nothing is deleted: a damaged catalog
file or vector store folder is moved aside as `<name>.damaged-<time>` first.

Usage::

    report = reindex(data_dir / "knowledge", embedder=make_embedder("e5"))
    report.documents, report.rebuilt    # 5, "catalog"
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingestion.document import Chunk, Document
from knowledge.catalog import Catalog
from knowledge.embeddings import Embedder, SparseEncoder
from knowledge.errors import CatalogCorrupt, KnowledgeError, VectorStoreUnreadable
from knowledge.index import KnowledgeIndex, writer_lock
from knowledge.sparse_index import to_blob
from knowledge.vectors import StoredVector, VectorStore

CATALOG_FILE = "catalog.sqlite"
VECTORS_FOLDER = "chroma"
_REQUIRED = ("doc_id", "title", "source", "language", "kind", "content_hash", "ordinal")


@dataclass(slots=True)
class ReindexReport:
    """What `reindex` did.

    Args:
        rebuilt: "catalog" (from the vector store), "vectors" (from the catalog) or None.
        moved: damaged files and folders moved aside, kept for the operator.
        incomplete: sources of documents the vector store held only part of, left out.
    """

    rebuilt: str | None = None
    documents: int = 0
    chunks: int = 0
    moved: list[Path] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)


def reindex(
    directory: Path,
    *,
    embedder: Embedder,
    chroma_url: str | None = None,
    on_wait: Callable[[], None] | None = None,
) -> ReindexReport:
    """Rebuild a missing or damaged catalog from the vector store, or a damaged vector store
    from the catalog; with both intact, only check that they agree."""
    report = ReindexReport()
    directory.mkdir(parents=True, exist_ok=True)
    with writer_lock(directory, wait=True, on_wait=on_wait):
        try:
            vectors: VectorStore | None = VectorStore(
                directory / VECTORS_FOLDER, chroma_url=chroma_url
            )
        except VectorStoreUnreadable:
            report.moved.append(_move_aside(directory / VECTORS_FOLDER))
            report.rebuilt = "vectors"
            vectors = None
        try:
            catalog = Catalog(directory / CATALOG_FILE)
        except CatalogCorrupt:
            if vectors is None:
                raise KnowledgeError(
                    f"both the catalog and the vector store in {directory} are damaged: "
                    f"restore one of them from a backup, or ingest the documents again."
                ) from None
            for suffix in ("", "-wal", "-shm"):
                path = directory / f"{CATALOG_FILE}{suffix}"
                if path.exists():
                    report.moved.append(_move_aside(path))
            catalog = Catalog(directory / CATALOG_FILE)
        try:
            if vectors is not None and _catalog_lost(catalog, vectors):
                _rebuild_catalog(catalog, vectors, embedder=embedder, report=report)
                vectors.bind(catalog.catalog_id, embedder=embedder.name)
                report.rebuilt = "catalog"
        finally:
            catalog.close()
    # Opening the index embeds every passage the vector store lacks: all of them when it
    # was moved aside.
    index = KnowledgeIndex(directory, embedder=embedder, chroma_url=chroma_url)
    try:
        documents = index.documents()
        report.documents = len(documents)
        report.chunks = len(index)
    finally:
        index.close()
    return report


def _catalog_lost(catalog: Catalog, vectors: VectorStore) -> bool:
    """Whether the catalog does not hold the documents whose vectors the store holds."""
    if vectors.catalog_id() == catalog.catalog_id or vectors.count() == 0:
        return False
    if catalog.document_count():
        raise KnowledgeError(
            "the vector store belongs to another catalog, and this catalog holds documents "
            "of its own: give each data folder its own vector store (AKTSOM_CHROMA_URL), or "
            "ingest the documents again."
        )
    return True


def _rebuild_catalog(
    catalog: Catalog, vectors: VectorStore, *, embedder: Embedder, report: ReindexReport
) -> None:
    """Write back every complete document the vector store holds, with its sparse vectors."""
    made_by = vectors.embedder()
    if made_by is not None and made_by != embedder.name:
        raise KnowledgeError(
            f"the vector store was made with the embedder {made_by!r}, not {embedder.name!r}: "
            f"set AKTSOM_EMBEDDER={made_by} to rebuild the catalog from it."
        )
    catalog.set_meta("embedder", embedder.name)
    catalog.set_meta("dim", str(embedder.dim))
    by_document: dict[str, list[StoredVector]] = defaultdict(list)
    for record in vectors.records():
        if record.text is None or any(key not in record.metadata for key in _REQUIRED):
            raise KnowledgeError(
                "the vector store holds no passage texts (it was written by an older aktsom), "
                "so the catalog cannot be rebuilt from it: ingest the documents again."
            )
        by_document[str(record.metadata["doc_id"])].append(record)
    encoder = embedder if isinstance(embedder, SparseEncoder) else None
    for records in by_document.values():
        document = _to_document(records)
        if len(document.chunks) != records[0].metadata.get("chunk_count", len(records)):
            report.incomplete.append(document.source)
            continue
        texts = [chunk.indexed_text for chunk in document.chunks]
        if encoder is not None and texts:
            sparse = encoder.sparse_passages(texts).tocsr()
            blobs: list[bytes | None] = [to_blob(sparse[row]) for row in range(len(texts))]
        else:
            blobs = [None] * len(texts)
        catalog.replace_document(document, sparse=blobs)


def _to_document(records: list[StoredVector]) -> Document:
    """One document's records as the Document they were ingested from."""
    first = records[0].metadata
    chunks = tuple(
        sorted(
            (
                Chunk(
                    chunk_id=record.chunk_id,
                    doc_id=str(first["doc_id"]),
                    ordinal=int(record.metadata["ordinal"]),
                    header=str(record.metadata.get("header", "")),
                    text=record.text or "",
                    location=str(record.metadata.get("location", "")),
                )
                for record in records
            ),
            key=lambda chunk: chunk.ordinal,
        )
    )
    ingested = first.get("ingested_at")
    return Document(
        doc_id=str(first["doc_id"]),
        title=str(first["title"]),
        source=str(first["source"]),
        language=first["language"],  # type: ignore[arg-type]
        kind=first["kind"],  # type: ignore[arg-type]
        content_hash=str(first["content_hash"]),
        ingested_at=datetime.fromisoformat(str(ingested)) if ingested else datetime.now(UTC),
        supplier=str(first.get("supplier") or "") or None,
        chunks=chunks,
    )


def _move_aside(path: Path) -> Path:
    """Rename a damaged file or folder to `<name>.damaged-<UTC time>`, keeping it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    path.rename(target)
    return target
