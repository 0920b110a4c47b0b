"""What `aktsom ingest` prints: one mention of each failed file, counts in good English,
a hint when a folder holds nothing to ingest, and a word when it waits for another ingest."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

LOCKS = Path("/proc/locks")


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


def _ingest(*paths: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["ingest", *map(str, paths)])
    return result.exit_code, result.stdout, result.stderr


def test_failed_line_names_the_file_once(docs: Path) -> None:
    broken = docs / "truncated.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>")

    code, _, err = _ingest(broken)

    assert code == 1
    (line,) = err.strip().splitlines()
    assert line.startswith(f"FAILED {broken}: corrupt PDF")
    assert line.count("truncated.pdf") == 1


def test_folder_without_supported_files_says_there_is_nothing_to_ingest(docs: Path) -> None:
    (docs / "notes.xyz").write_text("not a format aktsom reads")
    (docs / "sheet.xlsx").write_bytes(b"PK\x03\x04")

    code, out, err = _ingest(docs)

    assert code == 1
    assert out == ""
    assert err.strip().startswith(f"Error: nothing to ingest in {docs}: no supported files")
    assert ".pdf" in err and ".docx" in err and ".md" in err


def test_one_file_of_one_chunk_is_counted_in_the_singular(docs: Path) -> None:
    (docs / "kort.txt").write_text("Svar på informasjonskrav innen tre uker.\n")

    code, out, _ = _ingest(docs)

    assert code == 0
    assert out.startswith("1 file: 1 added")
    assert "1 chunk indexed." in out


@pytest.mark.skipif(not LOCKS.exists(), reason="needs /proc/locks to see the ingest waiting")
def test_second_ingest_says_it_waits_for_the_first(docs: Path, tmp_path: Path) -> None:
    (docs / "kort.txt").write_text("Svar på informasjonskrav innen tre uker.\n")
    index = tmp_path / "data" / "knowledge"
    index.mkdir(parents=True)
    with open(index / "writer.lock", "a") as first_writer:
        fcntl.flock(first_writer, fcntl.LOCK_EX)
        releaser = threading.Thread(target=_release_when_waited_on, args=(first_writer,))
        releaser.start()
        code, out, err = _ingest(docs)
        releaser.join()

    assert code == 0
    assert "waiting for it to finish" in err
    assert "1 added" in out


def _release_when_waited_on(handle, timeout_s: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    """Unlock `handle` once a process blocks on that very file (a `->` line in /proc/locks
    naming its inode; other processes on the machine may be waiting on locks of their own)."""
    inode = f":{os.fstat(handle.fileno()).st_ino} "
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not any(
        "->" in line and inode in line for line in LOCKS.read_text().splitlines()
    ):
        time.sleep(0.05)
    fcntl.flock(handle, fcntl.LOCK_UN)
