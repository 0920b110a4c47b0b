"""Errors raised by the knowledge engine.

KnowledgeError
├── EmbedderUnavailable   the configured embedding model cannot be loaded
├── DocumentNotFound      `forget` or a lookup named no known document
├── AnswerUnavailable     the LLM backend failed or is misconfigured
├── FolderUnusable        the knowledge base folder cannot be created, opened or written
├── CatalogCorrupt        the catalog file is damaged or not an SQLite database
├── CatalogMissing        the catalog is gone (or another) while the vector store holds passages
└── VectorStoreUnreadable the embedded vector store is damaged
"""

from __future__ import annotations


class KnowledgeError(Exception):
    """Root of every knowledge-engine error; the message is meant for people."""


class EmbedderUnavailable(KnowledgeError):
    """The configured embedding model cannot be loaded."""


class DocumentNotFound(KnowledgeError):
    """No document in the index matches the given id, title or source."""


class AnswerUnavailable(KnowledgeError):
    """The LLM answer backend failed or is misconfigured."""


class FolderUnusable(KnowledgeError):
    """The knowledge base folder cannot be created, opened or written (a file, read-only)."""


class CatalogCorrupt(KnowledgeError):
    """The catalog file is damaged or is not an SQLite database."""


class CatalogMissing(KnowledgeError):
    """The catalog is missing, empty or another one, while the vector store holds passages."""


class VectorStoreUnreadable(KnowledgeError):
    """The embedded vector store cannot be read (damaged files)."""
