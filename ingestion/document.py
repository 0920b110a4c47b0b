"""What ingestion hands to the knowledge index: a document with its metadata, and its chunks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Language = Literal["nb", "nn", "sv", "en", "other"]
Kind = Literal["guidance", "supplier_report", "law"]
KINDS: tuple[Kind, ...] = ("guidance", "supplier_report", "law")


@dataclass(frozen=True, slots=True)
class Section:
    """A run of text under one heading (or one PDF page when `page` is set)."""

    text: str
    heading: str | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Chunk:
    """One retrievable passage.

    `header` is the context header ("Title — Section") that is embedded and indexed with the
    text; `text` is the verbatim passage that answers quote from.
    """

    chunk_id: str
    doc_id: str
    ordinal: int
    header: str
    text: str
    location: str

    @property
    def indexed_text(self) -> str:
        """The text the embedders and BM25 see: header, then passage."""
        return f"{self.header}\n{self.text}"


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed, normalised document ready to index."""

    doc_id: str
    title: str
    source: str
    language: Language
    kind: Kind
    content_hash: str
    ingested_at: datetime
    supplier: str | None = None
    sections: tuple[Section, ...] = field(default_factory=tuple)
    chunks: tuple[Chunk, ...] = field(default_factory=tuple)
