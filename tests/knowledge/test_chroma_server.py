"""With AKTSOM_CHROMA_URL the vectors live in a Chroma server: a real `chroma run` on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import chromadb
import pytest
from typer.testing import CliRunner

from bot.cli import app
from knowledge.engine import KnowledgeBase
from knowledge.errors import CatalogMissing, KnowledgeError
from knowledge.vectors import COLLECTION
from tests.knowledge.corpus import write_corpus

CHROMA = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    server = subprocess.Popen(
        [CHROMA, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        else:
            pytest.fail("chroma server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def empty_server(chroma_url: str) -> str:
    """The server with the aktsom collection removed: each test starts with no vectors."""
    client = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_url.rsplit(":", 1)[1]))
    if COLLECTION in [collection.name for collection in client.list_collections()]:
        client.delete_collection(COLLECTION)
    return chroma_url


def _server_count(chroma_url: str) -> int:
    client = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_url.rsplit(":", 1)[1]))
    return client.get_collection(COLLECTION).count()


def test_knowledge_base_on_a_chroma_server_answers_and_forgets(
    empty_server: str, tmp_path: Path
) -> None:
    chroma_url = empty_server
    kb = KnowledgeBase.open(tmp_path / "index", chroma_url=chroma_url)
    kb.ingest([write_corpus(tmp_path / "docs")])

    answer = kb.ask("What did the audit of factory KX-77 find?")
    assert answer.found
    assert answer.sources[0].title == "Audit of Harbour Knitwear"

    kb.forget("Audit of Harbour Knitwear")
    again = kb.retrieve("What did the audit of factory KX-77 find?")
    assert all(p.title != "Audit of Harbour Knitwear" for p in again.passages)


def test_cli_with_chroma_url_keeps_the_vectors_on_the_server(
    empty_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("AKTSOM_CHROMA_URL", empty_server)

    result = CliRunner().invoke(app, ["ingest", str(write_corpus(tmp_path / "docs"))])

    assert result.exit_code == 0, result.stderr
    assert _server_count(empty_server) > 0
    assert not (tmp_path / "data" / "knowledge" / "chroma").exists()


def test_second_data_folder_on_the_same_server_is_refused_and_deletes_nothing(
    empty_server: str, tmp_path: Path
) -> None:
    first = KnowledgeBase.open(tmp_path / "first", chroma_url=empty_server)
    first.ingest([write_corpus(tmp_path / "docs")])
    stored = _server_count(empty_server)

    with pytest.raises(CatalogMissing, match="aktsom reindex"):
        KnowledgeBase.open(tmp_path / "second", chroma_url=empty_server)

    assert _server_count(empty_server) == stored
    assert first.ask("What did the audit of factory KX-77 find?").found


def test_unreachable_chroma_server_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(
        KnowledgeError, match=r"cannot open the vector store at http://127\.0\.0\.1"
    ):
        KnowledgeBase.open(tmp_path / "index", chroma_url=f"http://127.0.0.1:{_free_port()}")
