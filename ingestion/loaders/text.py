"""Plain .txt files: one untitled section holding the whole text."""

from __future__ import annotations

from ingestion.document import Section
from ingestion.loaders.decoding import decode_text
from ingestion.loaders.loaded import LoadedText


def load(data: bytes, *, name: str) -> LoadedText:
    """Load a plain-text file."""
    return LoadedText(title=None, sections=[Section(text=decode_text(data, name=name))])
