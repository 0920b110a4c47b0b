"""Paths on the `ingest` command line that cannot be read: each is reported, the rest go in."""

from __future__ import annotations

import errno
import os
import pathlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "rutine.txt").write_text("Rutine for informasjonskrav: svar innen tre uker.\n")
    return folder


def _ingest(*paths: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["ingest", *map(str, paths)])
    return result.exit_code, result.stdout, result.stderr


def _failed(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("FAILED")]


def test_unreadable_file_is_reported_and_the_rest_go_in(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = docs / "hemmelig.txt"
    secret.write_text("Ingen adgang.\n")
    real_open = pathlib.Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == secret:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "open", refuse)

    code, out, err = _ingest(secret, docs / "rutine.txt")

    assert code == 1
    assert _failed(err) == [f"FAILED {secret}: cannot read the file (Permission denied)"]
    assert "1 added" in out


def test_unreadable_folder_is_reported_and_the_rest_go_in(
    docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Ikke lesbar.\n")
    real_scandir = os.scandir

    def refuse(path: object = "."):  # type: ignore[no-untyped-def]
        if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refuse)

    code, out, err = _ingest(locked, docs)

    assert code == 1
    assert _failed(err) == [f"FAILED {locked}: cannot read the folder (Permission denied)"]
    assert "1 added" in out


@pytest.mark.parametrize("name", ["mangler.pdf", "mangler.xyz", "mangler-mappe"])
def test_missing_path_is_no_such_file_or_folder(docs: Path, name: str) -> None:
    missing = docs / name

    code, out, err = _ingest(missing, docs / "rutine.txt")

    assert code == 1
    assert _failed(err) == [f"FAILED {missing}: no such file or folder"]
    assert "1 added" in out
