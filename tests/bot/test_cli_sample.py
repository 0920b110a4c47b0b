"""`aktsom sample-register` fills an empty register once, so the dashboard and the § 5
draft can be tried at once; a register with data is left alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app


def test_the_sample_register_fills_once_and_feeds_the_account_draft(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    runner = CliRunner()

    first = runner.invoke(app, ["sample-register"])
    second = runner.invoke(app, ["sample-register"])
    draft = runner.invoke(
        app,
        [
            "account-draft",
            "--year",
            str(date.today().year),
            "--format",
            "md",
            "--out",
            str(data_dir / "d.md"),
        ],
    )

    assert first.exit_code == 0 and second.exit_code == 1
    assert "already holds suppliers" in second.output
    assert draft.exit_code == 0
    text = (data_dir / "d.md").read_text()
    for name in ("Nordvev Tekstil AS", "Blue Fjord Seafood Ltd", "Elektra Komponent AB"):
        assert name in text
    assert "har betalt høye" not in text  # the case's own words stay out
