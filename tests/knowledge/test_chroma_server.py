"""With AKTSOM_CHROMA_URL the vectors live in a Chroma server: a real `chroma run` on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.engine import KnowledgeBase
from knowledge.errors import KnowledgeError
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


def test_knowledge_base_on_a_chroma_server_answers_and_forgets(
    chroma_url: str, tmp_path: Path
) -> None:
    kb = KnowledgeBase.open(tmp_path / "index", chroma_url=chroma_url)
    kb.ingest([write_corpus(tmp_path / "docs")])

    answer = kb.ask("What did the audit of factory KX-77 find?")
    assert answer.found
    assert answer.sources[0].title == "Audit of Harbour Knitwear"

    kb.forget("Audit of Harbour Knitwear")
    again = kb.retrieve("What did the audit of factory KX-77 find?")
    assert all(p.title != "Audit of Harbour Knitwear" for p in again.passages)


def test_unreachable_chroma_server_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(
        KnowledgeError, match=r"cannot open the vector store at http://127\.0\.0\.1"
    ):
        KnowledgeBase.open(tmp_path / "index", chroma_url=f"http://127.0.0.1:{_free_port()}")
