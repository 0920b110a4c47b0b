"""CLI errors end as one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from bot.cli import app


def test_unreachable_database_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("AKTSOM_DATABASE_URL", f"postgresql+psycopg://postgres@127.0.0.1:{port}/x")

    result = CliRunner().invoke(app, ["cases", "list"])

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot use the database:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
