"""Errors raised while turning files into documents.

Every message is written for the person who dropped the file in, so the CLI and the bot
can show `str(error)` as it is.

    IngestionError
    ├── NoSuchPath          the path names no file or folder
    ├── UnsupportedFormat   the file suffix has no loader
    ├── EmptyDocument       the file holds no text worth indexing
    ├── FileTooLarge        the file is over the configured size limit
    ├── CorruptFile         the file cannot be parsed (truncated, encrypted, garbage)
    └── UndecodableText     a text file whose bytes are not text in any known encoding
"""

from __future__ import annotations

_MB = 1024 * 1024


class IngestionError(Exception):
    """Root of every ingestion error; the message is meant for people."""


class NoSuchPath(IngestionError):
    """The path names no file or folder."""


class UnsupportedFormat(IngestionError):
    """No loader handles this file suffix."""


class EmptyDocument(IngestionError):
    """The file holds no extractable text."""


class FileTooLarge(IngestionError):
    """The file is larger than the configured limit."""

    def __init__(self, name: str, *, size: int, limit: int) -> None:
        super().__init__(f"{name}: over the {_megabytes(limit)} MB limit ({_megabytes(size)} MB)")
        self.size = size
        self.limit = limit


class CorruptFile(IngestionError):
    """The file cannot be parsed."""


class UndecodableText(IngestionError):
    """A text file whose bytes are not text in any encoding we recognise."""


def _megabytes(size: int) -> str:
    """Format a byte count as megabytes, dropping a needless ".0"."""
    value = f"{size / _MB:.1f}"
    return value.removesuffix(".0")
