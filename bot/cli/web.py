"""`aktsom web`: serve the public report pages (the team's dashboard comes next)."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from bot.cli import app
from bot.cli.errors import exit_on_error
from bot.core.context import open_core
from bot.settings import load_settings
from bot.web.app import create_app


@app.command()
def web(
    port: Annotated[int, typer.Option(help="HTTP port.")] = 8080,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    secure_cookies: Annotated[
        bool, typer.Option(help="Mark cookies Secure (when served over HTTPS).")
    ] = False,
) -> None:
    """Serve the web pages: /report (report a concern) and /report/status (follow it)."""
    settings = load_settings()
    with exit_on_error():
        core = open_core(settings)
    try:
        # No access log: the public pages must not record who visited them (IP, agent).
        uvicorn.run(
            create_app(core, secure_cookies=secure_cookies),
            host=host,
            port=port,
            access_log=False,
        )
    finally:
        core.close()
