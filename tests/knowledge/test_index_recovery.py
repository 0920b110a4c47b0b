"""Crash safety: a changed document is old or new after a kill, and reopening heals Chroma."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from knowledge.errors import KnowledgeError
from knowledge.index import KnowledgeIndex
from knowledge.vectors import VectorStore
from tests.knowledge.index_support import HashEmbedder, crash_documents, make_document

REPO = Path(__file__).resolve().parents[2]
BATCH_DELAY_S = 0.5
QUERY = "aktsomhetsvurdering lønn rutine rapport"


def test_orphan_vectors_are_never_returned_and_are_removed_on_reopen(data_dir: Path) -> None:
    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    index.upsert([make_document("veileder", ["Revisjon av leverandører"])])
    orphan = index.embedder.embed_passages(["Revisjon av leverandører"])
    VectorStore(data_dir / "chroma").add(
        ["ghost:000000000000:0"],
        orphan,
        metadatas=[{"doc_id": "ghost", "kind": "guidance"}],
        texts=["Revisjon av leverandører"],
    )

    hits = index.dense_search(orphan[0], limit=5)
    assert "ghost:000000000000:0" not in hits
    assert len(hits) == 1
    index.close()

    KnowledgeIndex(data_dir, embedder=HashEmbedder())
    assert "ghost:000000000000:0" not in VectorStore(data_dir / "chroma").ids()


def test_missing_vectors_are_embedded_again_on_reopen(data_dir: Path) -> None:
    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    document = make_document("veileder", ["Revisjon av leverandører", "Tvangsarbeid stanses"])
    index.upsert([document])
    lost = document.chunks[1].chunk_id
    VectorStore(data_dir / "chroma").delete([lost])
    index.close()

    reopened = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    hits = reopened.dense_search(reopened.embedder.embed_query("Tvangsarbeid stanses"), limit=1)
    assert list(hits) == [lost]


def test_opening_with_another_embedder_asks_for_a_rebuild(data_dir: Path) -> None:
    KnowledgeIndex(data_dir, embedder=HashEmbedder()).upsert([make_document("a", ["tekst"])])

    with pytest.raises(KnowledgeError, match="Rebuild it"):
        KnowledgeIndex(data_dir, embedder=HashEmbedder("another-model"))


SCENARIOS = {
    # name: (batch whose announcement triggers the kill, extra delay before the kill)
    "new vectors added, nothing committed": (3, 0.0),
    "first document committed, second not": (4, 0.0),
    "around the last vector write and commit": (4, BATCH_DELAY_S + 0.01),
}
EXPECTED = {
    "new vectors added, nothing committed": {"rutine": "alfa", "rapport": "alfa"},
    "first document committed, second not": {"rutine": "beta", "rapport": "alfa"},
}


@pytest.fixture(scope="module")
def killed_indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Per scenario, an index whose upsert from "alfa" to "beta" was killed (all at once)."""
    root = tmp_path_factory.mktemp("crash")
    template = root / "template"
    built = KnowledgeIndex(template, embedder=HashEmbedder())
    built.upsert(crash_documents("alfa"))
    built.close()
    directories = {name: root / f"scenario-{i}" for i, name in enumerate(SCENARIOS)}
    threads = []
    for name, (kill_at_batch, extra_delay_s) in SCENARIOS.items():
        shutil.copytree(template, directories[name])
        child = subprocess.Popen(
            _writer(directories[name], "beta", BATCH_DELAY_S),
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        thread = threading.Thread(target=_kill_at, args=(child, kill_at_batch, extra_delay_s))
        thread.start()
        threads.append((thread, child))
    for thread, child in threads:
        thread.join(timeout=120)
        assert child.wait(timeout=5) == -signal.SIGKILL
    return directories


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_killed_upsert_leaves_each_document_entirely_old_or_new(
    killed_indexes: dict[str, Path], scenario: str
) -> None:
    directory = killed_indexes[scenario]

    index = KnowledgeIndex(directory, embedder=HashEmbedder())
    versions = _committed_versions(index)
    if scenario in EXPECTED:
        assert versions == EXPECTED[scenario]
    current = {
        chunk.chunk_id
        for document in crash_documents("alfa") + crash_documents("beta")
        if versions[document.doc_id] in document.chunks[0].text
        for chunk in document.chunks
    }
    embedder = index.embedder
    assert VectorStore(directory / "chroma").ids() == current
    assert set(index.bm25_search(QUERY, limit=100)) == current
    assert set(index.sparse_search(embedder.sparse_query(QUERY), limit=100)) == current
    assert set(index.dense_search(embedder.embed_query(QUERY), limit=100)) == current
    for chunk in index.chunks(sorted(current)):
        assert versions[chunk.doc_id] in chunk.text


def _committed_versions(index: KnowledgeIndex) -> dict[str, str]:
    """Which version ("alfa" or "beta") of each crash document the catalog holds."""
    hashes = {
        document.content_hash: (document.doc_id, version)
        for version in ("alfa", "beta")
        for document in crash_documents(version)
    }
    return dict(hashes[info.content_hash] for info in index.documents())


def _kill_at(child: subprocess.Popen, kill_at_batch: int, extra_delay_s: float) -> None:
    """Read the child's announcements; SIGKILL it once it announces `kill_at_batch`."""
    with child.stdout:
        for line in child.stdout:
            if line.strip() == f"embedding {kill_at_batch}":
                time.sleep(extra_delay_s)
                child.send_signal(signal.SIGKILL)
                return


def _writer(directory: Path, version: str, delay_s: float) -> list[str]:
    """The command line of the writer child."""
    return [
        sys.executable,
        "-m",
        "tests.knowledge.index_support",
        str(directory),
        version,
        str(delay_s),
    ]
