"""`aktsom dashboard-link` prints a working one-time link for members only."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app


def test_a_link_for_a_member_and_a_refusal_for_anyone_else(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_SLACK_COMPLIANCE_USERS", "U1")
    monkeypatch.setenv("AKTSOM_WEB_URL", "https://aktsom.example")

    member = CliRunner().invoke(app, ["dashboard-link", "U1"])
    other = CliRunner().invoke(app, ["dashboard-link", "U2"])

    assert member.exit_code == 0 and member.output.startswith("https://aktsom.example/signin/")
    assert other.exit_code == 1 and "not on the compliance team" in other.output


def test_a_teams_member_gets_a_link_too(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_TEAMS_COMPLIANCE_USERS", "a1b2c3")

    member = CliRunner().invoke(app, ["dashboard-link", "a1b2c3", "--platform", "teams"])
    slack = CliRunner().invoke(app, ["dashboard-link", "a1b2c3"])

    assert member.exit_code == 0 and "/signin/" in member.output
    assert slack.exit_code == 1
