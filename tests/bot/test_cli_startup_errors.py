"""A data folder, catalog or database URL that cannot be used ends in one `Error:` line, exit 1.

Each case is a way the operator's set-up can be wrong; the line says what is wrong and what
to do, never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from knowledge.catalog import Catalog

AKTSOM = Path(sys.executable).with_name("aktsom")


def _assert_one_error_line(code: int, stderr: str, *words: str) -> None:
    assert code == 1, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ")
    for word in words:
        assert word in lines[0]


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr


def _command(args: list[str], *, env: dict[str, str], **kwargs: object) -> tuple[int, str]:
    done = subprocess.run(
        args,
        env={**os.environ, "HF_HUB_OFFLINE": "1", **env},
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,  # type: ignore[arg-type]
    )
    return done.returncode, done.stderr


def test_catalog_that_is_not_sqlite_is_one_error_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data_dir / "knowledge").mkdir()
    (data_dir / "knowledge" / "catalog.sqlite").write_text("these are my notes, not a database")
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))

    code, stderr = _invoke("sources")

    _assert_one_error_line(code, stderr, "catalog", "ingest your documents again")


def test_damaged_catalog_is_one_error_line(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = data_dir / "knowledge" / "catalog.sqlite"
    Catalog(path).close()
    damaged = bytearray(path.read_bytes())
    damaged[20:] = b"\x7f" * (len(damaged) - 20)
    path.write_bytes(bytes(damaged))
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))

    code, stderr = _invoke("ask", "Hva er fristen for å svare på et informasjonskrav?")

    _assert_one_error_line(code, stderr, "damaged")


def test_data_dir_that_is_a_file_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("notes")
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(not_a_folder))

    code, stderr = _invoke("sources")

    _assert_one_error_line(code, stderr, "is a file, not a folder", "AKTSOM_DATA_DIR")


def test_chat_with_a_data_dir_that_is_a_file_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("notes")
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(not_a_folder))

    result = CliRunner().invoke(app, ["chat"], input="")

    _assert_one_error_line(result.exit_code, result.stderr, "AKTSOM_DATA_DIR")


@pytest.mark.parametrize("populated", [False, True], ids=["fresh", "with a catalog"])
def test_read_only_data_dir_is_one_error_line(data_dir: Path, populated: bool) -> None:
    if populated:
        Catalog(data_dir / "knowledge" / "catalog.sqlite").close()
    args = [str(AKTSOM), "ask", "Hva er fristen for å svare på et informasjonskrav?"]

    code, stderr = _run_read_only(data_dir, args)

    _assert_one_error_line(code, stderr, "AKTSOM_DATA_DIR", "write")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("::not a url::", ("is not a database URL",)),
        ("postgresql+nosuchdriver://user@localhost/aktsom", ("'postgresql+nosuchdriver'",)),
        ("mysql://user@localhost/aktsom", ("'MySQLdb'", "not installed")),
    ],
    ids=["does not parse", "unknown driver", "driver not installed"],
)
def test_unusable_database_url_is_one_error_line(
    url: str, words: tuple[str, ...], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_DATABASE_URL", url)

    code, stderr = _invoke("cases", "list")

    _assert_one_error_line(code, stderr, "AKTSOM_DATABASE_URL", *words)


def test_chat_with_stdin_closed_is_one_error_line(data_dir: Path) -> None:
    code, stderr = _command(
        [str(AKTSOM), "chat"],
        env={"AKTSOM_DATA_DIR": str(data_dir)},
        stdin=None,
        preexec_fn=lambda: os.close(0),
    )

    _assert_one_error_line(code, stderr, "stdin is closed")


def _run_read_only(folder: Path, args: list[str]) -> tuple[int, str]:
    """Run `args` with `folder` read-only: by its mode, or for root by a read-only bind mount."""
    env = {"AKTSOM_DATA_DIR": str(folder)}
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in [folder, *folder.rglob("*")]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            return _command(args, env=env)
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
    if shutil.which("unshare") is None:
        pytest.skip("root without unshare: no way to make a folder read-only")
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"'
    code, stderr = _command(["unshare", "-m", "sh", "-c", script, str(folder), *args], env=env)
    if stderr.startswith(("unshare:", "mount:")):
        pytest.skip(f"cannot mount a read-only folder here: {stderr.strip()}")
    return code, stderr
