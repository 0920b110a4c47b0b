"""`aktsom web` serves the web pages; `aktsom dashboard-link USER` prints a sign-in link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer
import uvicorn

from bot.cli import app
from bot.cli.errors import exit_on_error, stderr
from bot.core.context import open_core
from bot.core.people import Directory
from bot.core.signin import issue_link
from bot.settings import Settings, load_settings
from bot.web.app import create_app


@app.command()
def web(
    port: Annotated[int, typer.Option(help="HTTP port.")] = 8080,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    secure_cookies: Annotated[
        bool, typer.Option(help="Mark cookies Secure (when served over HTTPS).")
    ] = False,
) -> None:
    """Serve /report and /report/status (public) and the team's /cases (signed in)."""
    settings = load_settings()
    with exit_on_error():
        core = open_core(settings)
    team = team_members(settings)
    try:
        # No access log: the public pages must not record who visited them (IP, agent).
        uvicorn.run(
            create_app(core, members=team, secure_cookies=secure_cookies),
            host=host,
            port=port,
            access_log=False,
        )
    finally:
        core.close()


@app.command("dashboard-link")
def dashboard_link(
    user: Annotated[str, typer.Argument(help="The member's user id, e.g. a Slack id U0123.")],
    platform: Annotated[str, typer.Option(help="The platform the id belongs to.")] = "slack",
    base_url: Annotated[
        str | None, typer.Option(help="Where `aktsom web` is reached; default AKTSOM_WEB_URL.")
    ] = None,
) -> None:
    """Print a one-time sign-in link (ten minutes) for a compliance team member."""
    settings = load_settings()
    if not team_members(settings)(platform, user):
        stderr.print(
            f"Error: {platform}:{user} is not on the compliance team "
            "(AKTSOM_SLACK_COMPLIANCE_USERS).",
            markup=False,
        )
        raise typer.Exit(1)
    with exit_on_error():
        core = open_core(settings, seed=False)
    try:
        url = base_url or settings.web_url
        print(issue_link(core, platform=platform, user_id=user, base_url=url))
    finally:
        core.close()


def team_members(settings: Settings) -> Callable[[str, str], bool]:
    """Who may use the team's pages: the configured compliance users of each platform."""
    slack = Directory(platform="slack", compliance_users=settings.slack_compliance_user_ids)
    return lambda platform, user_id: platform == "slack" and slack.is_compliance(user_id)
