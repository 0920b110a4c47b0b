"""An ingest that finds another writer holding the index says so, then waits its turn."""

from __future__ import annotations

import fcntl
import threading
from pathlib import Path

from knowledge.engine import IngestReport, KnowledgeBase
from knowledge.index import KnowledgeIndex
from tests.knowledge.index_support import HashEmbedder


def test_ingest_tells_its_caller_before_waiting_for_another_writer(
    data_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "rutine.txt"
    source.write_text("Svar på informasjonskrav innen tre uker.\n")
    kb = KnowledgeBase(KnowledgeIndex(data_dir, embedder=HashEmbedder()))
    waiting = threading.Event()
    reports: list[IngestReport] = []

    with open(data_dir / "writer.lock", "a") as other_writer:
        fcntl.flock(other_writer, fcntl.LOCK_EX)
        ingest = threading.Thread(
            target=lambda: reports.append(kb.ingest([source], on_wait=waiting.set))
        )
        ingest.start()
        assert waiting.wait(timeout=30)
        assert not reports  # still waiting while the other writer holds the lock
        fcntl.flock(other_writer, fcntl.LOCK_UN)
        ingest.join(timeout=30)

    assert reports[0].result is not None and reports[0].result.added == 1


def test_ingest_without_another_writer_does_not_report_waiting(
    data_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "rutine.txt"
    source.write_text("Svar på informasjonskrav innen tre uker.\n")
    kb = KnowledgeBase(KnowledgeIndex(data_dir, embedder=HashEmbedder()))
    waited: list[bool] = []

    kb.ingest([source], on_wait=lambda: waited.append(True))

    assert waited == []
