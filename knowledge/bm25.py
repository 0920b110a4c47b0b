"""The lexical channel: BM25 (bm25s) over language-aware stems, a cache derived from the catalog.

The catalog is the truth; this index is rebuilt from its chunk rows whenever the catalog's
version moves on, and persisted under `<dir>/bm25/<version>/` so that opening an index with a
current cache costs a file read. Rows are in catalog order, so row `i` scores chunk `i`.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

import bm25s
import numpy as np

from knowledge.stemming import stem_document, stem_query

_SIZE_FILE = "rows.txt"

logging.getLogger("bm25s").setLevel(logging.WARNING)


class BM25Index:
    """BM25 scores for every chunk row of one catalog version."""

    def __init__(self, model: bm25s.BM25 | None, *, size: int, version: str) -> None:
        self._model = model
        self.size = size
        self.version = version

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str]], *, version: str) -> BM25Index:
        """Index `(indexed_text, language)` rows, in the order given."""
        corpus = [stem_document(text, language=language) for text, language in rows]
        if not corpus:
            return cls(None, size=0, version=version)
        model = bm25s.BM25()
        model.index(corpus, show_progress=False)
        return cls(model, size=len(corpus), version=version)

    @classmethod
    def load(cls, directory: Path, *, version: str) -> BM25Index | None:
        """The index saved for `version`, or None when there is none or it cannot be read."""
        path = directory / version
        try:
            size = int((path / _SIZE_FILE).read_text())
            model = None if size == 0 else bm25s.BM25.load(path, show_progress=False)
        except Exception:
            # A truncated or damaged cache is rebuilt from the catalog like a missing one.
            return None
        return cls(model, size=size, version=version)

    def save(self, directory: Path) -> None:
        """Persist under `directory/<version>` atomically, then drop other versions."""
        directory.mkdir(parents=True, exist_ok=True)
        staging = directory / f".staging-{uuid.uuid4().hex}"
        staging.mkdir()
        if self._model is not None:
            self._model.save(staging, show_progress=False)
        (staging / _SIZE_FILE).write_text(str(self.size))
        try:
            os.rename(staging, directory / self.version)
        except OSError:
            # Another process saved the same version first; theirs is as good as ours.
            shutil.rmtree(staging, ignore_errors=True)
        for other in directory.iterdir():
            if other.name != self.version and not other.name.startswith(".staging-"):
                shutil.rmtree(other, ignore_errors=True)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for `query` (zeros when no query stem is indexed)."""
        if self._model is None:
            return np.zeros(self.size, dtype=np.float32)
        token_ids = self._model.get_tokens_ids(stem_query(query))
        if not token_ids:
            return np.zeros(self.size, dtype=np.float32)
        return self._model.get_scores(token_ids)
