"""The shapes retrieval hands to a composer, and the answer a composer returns.

Usage::

    answer = composer.compose(question, passages, language="nb")
    answer.found      # False: the knowledge base has nothing on it
    answer.sources    # numbered citations, [1] first
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Passage:
    """A retrieved chunk with its document's metadata and its fused relevance score."""

    chunk_id: str
    doc_id: str
    title: str
    source: str
    location: str
    header: str
    text: str
    score: float
    language: str
    kind: str
    supplier: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A numbered source shown under an answer; `quote` is verbatim from the passage."""

    number: int
    title: str
    source: str
    location: str
    score: float
    quote: str


@dataclass(frozen=True, slots=True)
class Answer:
    """What the asker sees: framed text, whether anything was found, and the sources."""

    text: str
    found: bool
    sources: tuple[Citation, ...]
    language: str

    def to_json(self) -> dict[str, object]:
        """The `ask --json` shape."""
        return {
            "answer": self.text,
            "found": self.found,
            "sources": [
                {
                    "title": citation.title,
                    "source": citation.source,
                    "score": round(citation.score, 4),
                    "quote": citation.quote,
                }
                for citation in self.sources
            ],
        }


def place(passage: Passage) -> tuple[str, str]:
    """Where a passage sits: its document and section. Passages at one place (chunks of one
    long section) are one source under an answer, never listed twice."""
    return passage.doc_id, passage.location


class Composer(Protocol):
    """Turns a question and its retrieved passages into an answer."""

    def compose(self, question: str, passages: Sequence[Passage], *, language: str) -> Answer: ...
