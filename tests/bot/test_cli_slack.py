"""`aktsom slack` refuses to start without its tokens: one clear line and exit code 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import app


@pytest.fixture(autouse=True)
def _no_slack_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)


def test_http_mode_without_tokens_names_both(monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(app, ["slack", "--http", "--port", "0"])

    assert result.exit_code == 2
    assert "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_socket_mode_without_app_token_says_how_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")

    result = CliRunner().invoke(app, ["slack"])

    assert result.exit_code == 2
    assert "SLACK_APP_TOKEN" in result.output and "--http" in result.output
