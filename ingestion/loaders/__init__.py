"""One loader per file format, picked by suffix.

Usage::

    load = loader_for("rapport.pdf")       # raises UnsupportedFormat for unknown suffixes
    loaded = load(data, name="rapport.pdf")
"""

from __future__ import annotations

from pathlib import PurePath

from ingestion.errors import UnsupportedFormat
from ingestion.loaders import docx, html, markdown, pdf, text
from ingestion.loaders.loaded import LoadedText, Loader

LOADERS: dict[str, Loader] = {
    ".txt": text.load,
    ".md": markdown.load,
    ".markdown": markdown.load,
    ".html": html.load,
    ".htm": html.load,
    ".pdf": pdf.load,
    ".docx": docx.load,
}
SUPPORTED_SUFFIXES = frozenset(LOADERS)

__all__ = ["LOADERS", "SUPPORTED_SUFFIXES", "LoadedText", "Loader", "loader_for"]


def loader_for(name: str) -> Loader:
    """The loader for a file name's suffix (case-insensitive)."""
    suffix = PurePath(name).suffix.lower()
    try:
        return LOADERS[suffix]
    except KeyError:
        supported = ", ".join(sorted(LOADERS))
        shown = suffix or "no suffix"
        raise UnsupportedFormat(
            f"{name}: unsupported format ({shown}); supported: {supported}"
        ) from None
