"""One loader per file format, picked by suffix.

A format's module is imported when a file of that format is first read: the PDF, Word and
HTML parsers (pypdf, python-docx, BeautifulSoup) take some 1.5 s to import, which a first run
indexing the bundled Markdown, or a chat that reads no file, need not spend.

Usage::

    load = loader_for("rapport.pdf")       # raises UnsupportedFormat for unknown suffixes
    loaded = load(data, name="rapport.pdf")
"""

from __future__ import annotations

import importlib
from pathlib import PurePath
from typing import cast

from ingestion.errors import UnsupportedFormat
from ingestion.loaders.loaded import LoadedText, Loader

# Suffix -> the module of `ingestion.loaders` whose `load` reads it.
LOADERS: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
SUPPORTED_SUFFIXES = frozenset(LOADERS)

__all__ = ["LOADERS", "SUPPORTED_SUFFIXES", "LoadedText", "Loader", "loader_for"]


def loader_for(name: str) -> Loader:
    """The loader for a file name's suffix (case-insensitive)."""
    suffix = PurePath(name).suffix.lower()
    try:
        module = LOADERS[suffix]
    except KeyError:
        supported = ", ".join(sorted(LOADERS))
        shown = suffix or "no suffix"
        raise UnsupportedFormat(
            f"{name}: unsupported format ({shown}); supported: {supported}"
        ) from None
    return cast(Loader, importlib.import_module(f"{__name__}.{module}").load)
