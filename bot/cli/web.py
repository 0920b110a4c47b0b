"""`aktsom web` serves the web pages; `aktsom dashboard-link USER` prints a sign-in link."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from bot.cli import app
from bot.cli.errors import exit_on_error, stderr
from bot.core.context import open_core
from bot.core.oidc_members import OidcTeam
from bot.core.people import Directory
from bot.core.questionnaires import send_reminders
from bot.core.reminders import start_scheduler
from bot.core.signin import issue_link
from bot.settings import Settings, load_settings
from bot.teams.graph import group_reader

if TYPE_CHECKING:
    from bot.web.oidc import OidcConfig


@app.command()
def web(
    port: Annotated[int, typer.Option(help="HTTP port.")] = 8080,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    secure_cookies: Annotated[
        bool, typer.Option(help="Mark cookies Secure (when served over HTTPS).")
    ] = False,
) -> None:
    """Serve /report and /report/status (public) and the team's /cases (signed in); remind
    suppliers of unanswered questionnaires on the configured days."""
    # The server's packages load only to serve: every other command starts without them.
    import uvicorn

    from bot.web.app import SERVER_OPTIONS, create_app

    settings = load_settings()
    oidc = oidc_config(settings)
    with exit_on_error():
        core = open_core(settings)
    team = team_members(settings, oidc=oidc.team if oidc else None)
    scheduler = start_scheduler((lambda: send_reminders(core), settings.reminder_interval_minutes))
    try:
        uvicorn.run(
            create_app(
                core,
                members=team,
                secure_cookies=secure_cookies,
                oidc=oidc,
                organisation=settings.organisation_description,
            ),
            host=host,
            port=port,
            **SERVER_OPTIONS,
        )
    finally:
        scheduler.shutdown(wait=False)
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
            "(AKTSOM_SLACK_COMPLIANCE_USERS, AKTSOM_TEAMS_COMPLIANCE_USERS or "
            "AKTSOM_OIDC_COMPLIANCE_USERS).",
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


def team_members(settings: Settings, *, oidc: OidcTeam | None = None) -> Callable[[str, str], bool]:
    """Who may use the team's pages: the configured compliance users of each platform.

    Args:
        oidc: the team that OpenID Connect sign-ins record group grants in; by default one
            from the settings, which knows the listed people only.
    """
    slack = Directory(platform="slack", compliance_users=settings.slack_compliance_user_ids)
    teams = Directory(
        platform="teams",
        compliance_users=settings.teams_compliance_user_ids,
        compliance_group=settings.teams_compliance_group,
        fetch_group=group_reader(settings),
    )
    if oidc is None:
        oidc = _oidc_team(settings)
    checks = {"slack": slack.is_compliance, "teams": teams.is_compliance, "oidc": oidc.is_member}
    return lambda platform, user_id: platform in checks and checks[platform](user_id)


def oidc_config(settings: Settings) -> OidcConfig | None:
    """Sign-in with the configured OpenID Connect issuer; None when there is none."""
    if not settings.oidc_discovery_url:
        return None
    # authlib and starlette load only where sign-in is configured (some 1.4 s at start-up).
    from bot.web.oidc import CALLBACK_PATH, OidcConfig

    if not settings.oidc_client_id:
        _config_error("AKTSOM_OIDC_DISCOVERY_URL is set, AKTSOM_OIDC_CLIENT_ID is not.")
    if "openid" not in settings.oidc_scopes.split():
        _config_error("AKTSOM_OIDC_SCOPES must include openid.")
    if not (settings.oidc_compliance_ids or settings.oidc_compliance_group):
        _config_error(
            "set AKTSOM_OIDC_COMPLIANCE_USERS or AKTSOM_OIDC_COMPLIANCE_GROUP: "
            "nobody can sign in with OpenID Connect without them."
        )
    secret = settings.oidc_client_secret
    return OidcConfig(
        discovery_url=settings.oidc_discovery_url,
        client_id=settings.oidc_client_id,
        client_secret=secret.get_secret_value() if secret else None,
        redirect_uri=settings.web_url.rstrip("/") + CALLBACK_PATH,
        team=_oidc_team(settings),
        scopes=settings.oidc_scopes,
    )


def _oidc_team(settings: Settings) -> OidcTeam:
    return OidcTeam(users=settings.oidc_compliance_ids, group=settings.oidc_compliance_group)


def _config_error(message: str) -> NoReturn:
    stderr.print(f"Error: {message}", markup=False)
    raise typer.Exit(2)
