"""`aktsom teams`: missing credentials are one line and exit 2; `aktsom teams package`
writes the app zip for the configured app id."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

APP_ID = "6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e"


def test_missing_credentials_are_one_line_and_exit_2(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_TEAMS_APP_ID", APP_ID)

    result = CliRunner().invoke(app, ["teams"])

    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: set AKTSOM_TEAMS_APP_PASSWORD, AKTSOM_TEAMS_TENANT_ID to run the Teams bot "
        "(or AKTSOM_TEAMS_ALLOW_ANONYMOUS=1 for local testing)."
    ]


def test_the_package_carries_the_app_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AKTSOM_TEAMS_APP_ID", APP_ID)
    monkeypatch.setenv("AKTSOM_WEB_URL", "https://aktsom.example")
    out = tmp_path / "app.zip"

    result = CliRunner().invoke(app, ["teams", "package", "--out", str(out)])

    assert result.exit_code == 0, result.output
    assert APP_ID in zipfile.ZipFile(out).read("manifest.json").decode()
