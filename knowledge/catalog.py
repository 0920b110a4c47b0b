"""The catalog: a SQLite file that is the source of truth and the commit point of the index.

Chroma, BM25 and the sparse matrix are all derived from it. Replacing a document's chunks is
one SQLite transaction that also bumps the `generation` counter, so any reader sees either the
old version of a document or the new one, and every derived cache can tell whether it is
current by comparing the catalog's `version` (`<catalog id>-<generation>`) with its own.

Usage::

    catalog = Catalog(directory / "catalog.sqlite")
    snapshot = catalog.snapshot()          # documents and chunk rows of one version
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ingestion.document import Chunk, Document
from knowledge.errors import CatalogCorrupt, FolderUnusable, KnowledgeError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    language TEXT NOT NULL,
    kind TEXT NOT NULL,
    supplier TEXT,
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    chunk_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    header TEXT NOT NULL,
    text TEXT NOT NULL,
    location TEXT NOT NULL,
    sparse BLOB
);
CREATE INDEX IF NOT EXISTS chunks_by_document ON chunks (doc_id, ordinal);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_PLACEHOLDERS = ", ".join("?" * 9)
_ROW_ORDER = "ORDER BY doc_id, ordinal"
_DOCUMENT_COLUMNS = (
    "doc_id, title, source, language, kind, supplier, content_hash, ingested_at, chunk_count"
)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the index knows about one document."""

    doc_id: str
    title: str
    source: str
    language: str
    kind: str
    supplier: str | None
    content_hash: str
    ingested_at: datetime
    chunk_count: int


@dataclass(frozen=True, slots=True)
class StoredChunk(Chunk):
    """One indexed passage with its document's metadata, ready to quote and cite."""

    title: str
    source: str
    language: str
    kind: str
    supplier: str | None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Every document and chunk row of one catalog version, rows in catalog order."""

    version: str
    documents: dict[str, DocumentInfo]
    rows: tuple[StoredChunk, ...]


class Catalog:
    """The SQLite catalog of documents and chunks (WAL, safe for one writer and many readers)."""

    def __init__(self, path: Path) -> None:
        """Open (or create) the catalog at `path`.

        Raises:
            FolderUnusable: the file cannot be opened or written (a read-only folder).
            CatalogCorrupt: the file is damaged or is not an SQLite database.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            self._connection.execute("PRAGMA busy_timeout = 10000")
            self._connection.execute("PRAGMA journal_mode = WAL")
            self._connection.execute("PRAGMA synchronous = NORMAL")
            self._connection.executescript(_SCHEMA)
            self._connection.execute(
                "INSERT OR IGNORE INTO meta VALUES ('catalog_id', ?), ('generation', '0')",
                (uuid.uuid4().hex,),
            )
            self._catalog_id = self.meta("catalog_id") or ""
        except sqlite3.DatabaseError as error:
            self._connection.close()
            raise _to_open_error(path, error) from error

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()

    @property
    def catalog_id(self) -> str:
        """This catalog's random id, fixed when the file was created."""
        return self._catalog_id

    def version(self) -> str:
        """The current version, `<catalog id>-<generation>`: one cheap read."""
        return f"{self._catalog_id}-{self.meta('generation')}"

    def meta(self, key: str) -> str | None:
        """A value from the meta table, or None."""
        row = self._connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the meta table (its own transaction)."""
        self._connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def document_count(self) -> int:
        """Number of documents stored."""
        return self._connection.execute("SELECT count(*) FROM documents").fetchone()[0]

    def snapshot(self) -> Snapshot:
        """Documents and chunk rows as of one version, read in one transaction."""
        with self._transaction():
            version = self.version()
            documents = {
                row[0]: _to_document_info(row)
                for row in self._connection.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents")
            }
            rows = tuple(
                _to_stored_chunk(row, documents[row[1]])
                for row in self._connection.execute(
                    "SELECT chunk_id, doc_id, ordinal, header, text, location FROM chunks "
                    + _ROW_ORDER
                )
            )
        return Snapshot(version=version, documents=documents, rows=rows)

    def sparse_rows(self) -> tuple[str, list[bytes | None]]:
        """The version and every chunk's packed sparse vector, in catalog order."""
        with self._transaction():
            version = self.version()
            blobs = [
                row[0]
                for row in self._connection.execute(f"SELECT sparse FROM chunks {_ROW_ORDER}")
            ]
        return version, blobs

    def replace_document(self, document: Document, *, sparse: Sequence[bytes | None]) -> list[str]:
        """Swap in `document` and its chunks in one transaction; return the old chunk ids.

        Args:
            document: the new version, with its chunks.
            sparse: the packed sparse vector of each chunk (None without a sparse head).
        """
        with self._transaction(write=True):
            old_ids = self._chunk_ids(document.doc_id)
            self._connection.execute("DELETE FROM chunks WHERE doc_id = ?", (document.doc_id,))
            self._connection.executemany(
                "INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    _to_chunk_row(chunk, blob)
                    for chunk, blob in zip(document.chunks, sparse, strict=True)
                ],
            )
            self._connection.execute(
                f"INSERT OR REPLACE INTO documents ({_DOCUMENT_COLUMNS}) VALUES ({_PLACEHOLDERS})",
                _to_document_row(document),
            )
            self._bump_generation()
        return old_ids

    def remove_document(self, doc_id: str) -> list[str]:
        """Delete a document and its chunks in one transaction; return the chunk ids."""
        with self._transaction(write=True):
            old_ids = self._chunk_ids(doc_id)
            self._connection.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
            self._connection.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
            self._bump_generation()
        return old_ids

    @contextmanager
    def _transaction(self, *, write: bool = False) -> Iterator[None]:
        """One transaction: IMMEDIATE for writes so the write lock is taken up front."""
        self._connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")

    def _chunk_ids(self, doc_id: str) -> list[str]:
        """Chunk ids of one document as stored."""
        rows = self._connection.execute("SELECT chunk_id FROM chunks WHERE doc_id = ?", (doc_id,))
        return [row[0] for row in rows]

    def _bump_generation(self) -> None:
        """Move the version on, so that derived caches know they are stale."""
        self._connection.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'"
        )


def _to_open_error(path: Path, error: sqlite3.DatabaseError) -> KnowledgeError:
    """Why the catalog at `path` cannot be opened, and what to do, in words for people."""
    if isinstance(error, sqlite3.OperationalError):
        # SQLite says "unable to open database file" or "attempt to write a readonly database"
        # when the folder or the file is read-only: opening needs to write the WAL beside it.
        return FolderUnusable(
            f"cannot open the catalog {path} ({error}): the folder {path.parent} must be "
            f"writable; make it writable or use a data folder you can write to."
        )
    return CatalogCorrupt(
        f"the catalog {path} is damaged or not an aktsom catalog ({error}). Run `aktsom "
        f"reindex` to rebuild it from the vector store (the damaged file is kept beside it), "
        f"restore it from a backup, or move it away and ingest your documents again."
    )


def _to_document_info(row: tuple) -> DocumentInfo:
    """A documents row as a DocumentInfo."""
    doc_id, title, source, language, kind, supplier, content_hash, ingested_at, count = row
    return DocumentInfo(
        doc_id=doc_id,
        title=title,
        source=source,
        language=language,
        kind=kind,
        supplier=supplier,
        content_hash=content_hash,
        ingested_at=datetime.fromisoformat(ingested_at),
        chunk_count=count,
    )


def _to_stored_chunk(row: tuple, document: DocumentInfo) -> StoredChunk:
    """A chunks row joined with its document."""
    chunk_id, doc_id, ordinal, header, text, location = row
    return StoredChunk(
        chunk_id=chunk_id,
        doc_id=doc_id,
        ordinal=ordinal,
        header=header,
        text=text,
        location=location,
        title=document.title,
        source=document.source,
        language=document.language,
        kind=document.kind,
        supplier=document.supplier,
    )


def _to_chunk_row(chunk: Chunk, blob: bytes | None) -> tuple:
    """A Chunk as a chunks row."""
    return (
        chunk.chunk_id,
        chunk.doc_id,
        chunk.ordinal,
        chunk.header,
        chunk.text,
        chunk.location,
        blob,
    )


def _to_document_row(document: Document) -> tuple:
    """A Document as a documents row."""
    return (
        document.doc_id,
        document.title,
        document.source,
        document.language,
        document.kind,
        document.supplier,
        document.content_hash,
        document.ingested_at.isoformat(),
        len(document.chunks),
    )
