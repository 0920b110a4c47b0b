"""Unchanged files are skipped by their content hash before they are parsed at all."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingestion.pipeline
from knowledge.engine import KnowledgeBase
from knowledge.index import KnowledgeIndex
from tests.knowledge.corpus import write_corpus
from tests.knowledge.index_support import HashEmbedder


def test_second_ingest_of_unchanged_files_parses_none_of_them(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = KnowledgeBase(KnowledgeIndex(data_dir, embedder=HashEmbedder()))
    docs = write_corpus(tmp_path / "docs")
    assert kb.ingest([docs]).result.added == 3  # type: ignore[union-attr]

    def no_parsing(name: str):  # type: ignore[no-untyped-def]
        def refuse(data: bytes, *, name: str) -> None:
            raise AssertionError(f"{name} was parsed again although unchanged")

        return refuse

    monkeypatch.setattr(ingestion.pipeline, "loader_for", no_parsing)
    again = kb.ingest([docs])

    assert again.failures == []
    assert (again.skipped, again.result.unchanged, again.result.added) == (3, 3, 0)  # type: ignore[union-attr]
