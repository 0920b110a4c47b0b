"""No visitor's IP address or browser is kept: not in the server's log (served as `aktsom
web` serves it), not in the register."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import inspect, select, text

from bot.core.context import Core
from bot.web.app import SERVER_OPTIONS, create_app
from tests.bot.webclient import csrf
from tests.fakes.asgi_server import serve

AGENT = "Probe-Browser/9.9 (aktsom-trace-test)"


def visit(core: Core, capfd: pytest.CaptureFixture[str], **options: object) -> str:
    """Report a concern and ask for information; returns what the server wrote (its log
    handlers write to stdout and stderr)."""
    headers = {"user-agent": AGENT}
    with (
        serve(create_app(core), log_level="info", **options) as url,
        httpx.Client(base_url=url, headers=headers, timeout=30) as client,
    ):
        token = csrf(client.get("/report"))
        client.post("/report", data={"csrf": token, "category": "other", "description": "x"})
        client.post(
            "/request",
            data={"csrf": token, "requester": "K", "contact": "k@x.no", "question": "Q?"},
        )
    written = capfd.readouterr()
    return written.out + written.err


def test_the_server_logs_no_address_or_browser(
    core: Core, capfd: pytest.CaptureFixture[str]
) -> None:
    logged = visit(core, capfd, **SERVER_OPTIONS)

    assert "127.0.0.1:" not in logged.replace("Uvicorn running on http://127.0.0.1:", "")
    assert "POST /report" not in logged and AGENT not in logged


def test_an_access_log_would_show_the_address(
    core: Core, capfd: pytest.CaptureFixture[str]
) -> None:
    logged = visit(core, capfd, access_log=True)

    assert "POST /report" in logged and "127.0.0.1:" in logged


def test_the_register_keeps_no_browser_string(
    core: Core, capfd: pytest.CaptureFixture[str]
) -> None:
    visit(core, capfd, **SERVER_OPTIONS)

    with core.session() as session:
        tables = inspect(session.get_bind()).get_table_names()
        rows = [
            str(row)
            for table in tables
            for row in session.execute(select(text("*")).select_from(text(table)))
        ]
    assert rows and not [row for row in rows if "Probe-Browser" in row or "127.0.0.1" in row]
