"""`aktsom teams`: serve the Teams bot on `/api/messages`; `aktsom teams package`: the app zip.

Production needs the Entra app registration (`AKTSOM_TEAMS_APP_ID`, `_APP_PASSWORD`,
`_TENANT_ID`); without them, and without `AKTSOM_TEAMS_ALLOW_ANONYMOUS=1`, it prints one line
and exits 2. Anonymous mode accepts requests without a token and says so loudly at start.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli import app
from bot.cli.errors import exit_on_error, stderr
from bot.cli.slack import ARRIVALS_EVERY_MINUTES
from bot.core import reminders
from bot.core.context import open_core
from bot.settings import Settings, load_settings
from bot.teams.package import PackageRefused, build_package

DEFAULT_PORT = 3978
DEFAULT_PACKAGE = Path("aktsom-teams.zip")

teams_app = typer.Typer(
    help="The Teams bot: `aktsom teams` serves it, `aktsom teams package` builds the app.",
    invoke_without_command=True,
)
app.add_typer(teams_app, name="teams")


@teams_app.callback()
def teams(
    context: typer.Context,
    port: Annotated[int, typer.Option(help="HTTP port.")] = DEFAULT_PORT,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "0.0.0.0",
) -> None:
    """Serve the Teams bot on /api/messages (and /api/healthz)."""
    if context.invoked_subcommand is not None:
        return
    # The server's packages load only to serve: every other command starts without them.
    import uvicorn

    from bot.teams.app import TeamsBot, TeamsConfig
    from bot.teams.graph import group_reader
    from bot.teams.server import auth_configuration, http_app

    settings = load_settings()
    missing = _missing(settings)
    if missing and not settings.teams_allow_anonymous:
        stderr.print(
            f"Error: set {', '.join(missing)} to run the Teams bot "
            "(or AKTSOM_TEAMS_ALLOW_ANONYMOUS=1 for local testing).",
            markup=False,
        )
        raise typer.Exit(2)
    if settings.teams_allow_anonymous:
        stderr.print(
            "WARNING: AKTSOM_TEAMS_ALLOW_ANONYMOUS=1: requests are accepted WITHOUT a Bot "
            "Framework token. Use this only for local testing, never where Teams can reach it.",
            markup=False,
        )
    with exit_on_error():
        core = open_core(settings)
    password = settings.teams_app_password
    auth = auth_configuration(
        app_id=settings.teams_app_id,
        password=password.get_secret_value() if password else None,
        tenant_id=settings.teams_tenant_id,
        anonymous=settings.teams_allow_anonymous,
    )
    config = TeamsConfig(
        compliance_users=settings.teams_compliance_user_ids,
        compliance_group=settings.teams_compliance_group,
        fetch_group=group_reader(settings),
        web_url=settings.web_url,
        cases_channel=settings.teams_cases_channel,
        team_language=settings.team_language,
    )
    bot = TeamsBot(core, config)
    api = http_app(bot, auth=auth)
    scheduler = reminders.start_scheduler(
        (bot.send_reminders, settings.reminder_interval_minutes),
        (bot.announce_arrivals, ARRIVALS_EVERY_MINUTES),
        (bot.post_audit_head, ARRIVALS_EVERY_MINUTES),
    )
    try:
        uvicorn.run(api, host=host, port=port)
    finally:
        scheduler.shutdown(wait=False)
        core.close()


@teams_app.command("package")
def package(
    out: Annotated[Path, typer.Option(help="Where to write the zip.")] = DEFAULT_PACKAGE,
) -> None:
    """Write the Teams app package (manifest and icons) to upload, for AKTSOM_TEAMS_APP_ID."""
    settings = load_settings()
    try:
        path = build_package(settings.teams_app_id, web_url=settings.web_url, out=out)
    except PackageRefused as error:
        stderr.print(f"Error: {error}", markup=False)
        raise typer.Exit(2) from error
    print(path)


def _missing(settings: Settings) -> list[str]:
    names = {
        "AKTSOM_TEAMS_APP_ID": settings.teams_app_id,
        "AKTSOM_TEAMS_APP_PASSWORD": settings.teams_app_password,
        "AKTSOM_TEAMS_TENANT_ID": settings.teams_tenant_id,
    }
    return [name for name, value in names.items() if not value]
