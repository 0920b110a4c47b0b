"""`aktsom slack`: run the Slack bot (Socket Mode, or HTTP with `--http`), and `aktsom start`.

A missing token is one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import app
from bot.cli.errors import exit_on_error, stderr
from bot.core import reminders
from bot.core.context import open_core
from bot.settings import Settings, load_settings

DEFAULT_PORT = 3000
ARRIVALS_EVERY_MINUTES = 1
"""How soon a report or request sent on the web page is announced in the team channel."""


@app.command()
def slack(
    http: Annotated[
        bool, typer.Option("--http", help="Serve the Events API over HTTP instead of Socket Mode.")
    ] = False,
    port: Annotated[int, typer.Option(help="HTTP port (with --http).")] = DEFAULT_PORT,
    host: Annotated[str, typer.Option(help="HTTP address (with --http).")] = "0.0.0.0",
) -> None:
    """Run the Slack bot: Socket Mode when SLACK_APP_TOKEN is set, or HTTP with --http."""
    run_slack(load_settings(), http=http, port=port, host=host)


@app.command()
def start() -> None:
    """The main job: the Slack bot when SLACK_BOT_TOKEN is set, else the terminal chat."""
    settings = load_settings()
    if settings.slack_bot_token is None:
        from bot.cli.knowledge import chat

        chat()
        return
    run_slack(settings, http=settings.slack_app_token is None, port=DEFAULT_PORT, host="0.0.0.0")


def run_slack(settings: Settings, *, http: bool, port: int, host: str) -> None:
    """Check the tokens, open the core, start reminders and serve until stopped."""
    # The server's packages load only to serve: every other command starts without them.
    import uvicorn
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError

    from bot.slack.app import SlackConfig, build_app
    from bot.slack.server import http_app, socket_mode_handler

    missing = _missing(settings, http=http)
    if missing:
        stderr.print(f"Error: set {' and '.join(missing)} to run the Slack bot.", markup=False)
        raise typer.Exit(2)
    assert settings.slack_bot_token is not None
    with exit_on_error():
        core = open_core(settings)
    secret = settings.slack_signing_secret
    config = SlackConfig(
        bot_token=settings.slack_bot_token.get_secret_value(),
        signing_secret=secret.get_secret_value() if secret else None,
        api_url=settings.slack_api_url,
        compliance_users=settings.slack_compliance_user_ids,
        compliance_group=settings.slack_compliance_group,
        cases_channel=settings.slack_cases_channel,
        team_language=settings.team_language,
        web_url=settings.web_url,
    )
    try:
        bot = build_app(core, config)
    except (BoltError, SlackApiError) as error:
        stderr.print(f"Error: Slack refused the bot token: {error}", markup=False)
        raise typer.Exit(1) from error
    scheduler = reminders.start_scheduler(
        (bot.send_reminders, settings.reminder_interval_minutes),
        (bot.announce_arrivals, ARRIVALS_EVERY_MINUTES),
        (bot.post_audit_head, ARRIVALS_EVERY_MINUTES),
    )
    try:
        if http:
            uvicorn.run(http_app(bot.app), host=host, port=port, log_level="info")
        else:
            assert settings.slack_app_token is not None
            token = settings.slack_app_token.get_secret_value()
            socket_mode_handler(bot.app, app_token=token).start()
    finally:
        scheduler.shutdown(wait=False)
        core.close()


def _missing(settings: Settings, *, http: bool) -> list[str]:
    missing = [] if settings.slack_bot_token else ["SLACK_BOT_TOKEN"]
    if http and settings.slack_signing_secret is None:
        missing.append("SLACK_SIGNING_SECRET")
    if not http and settings.slack_app_token is None:
        missing.append("SLACK_APP_TOKEN (for Socket Mode; or use --http)")
    return missing
