"""The app manifest asks for what the bot uses, so a real install is one paste."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.core.commands import Command
from bot.slack.app import REPORT_SHORTCUT, TASK_SHORTCUT

MANIFEST = yaml.safe_load(
    (Path(__file__).parents[2] / "bot" / "slack" / "manifest.yaml").read_text(encoding="utf-8")
)


def test_manifest_names_the_shortcuts_the_bot_handles() -> None:
    shortcuts = {s["callback_id"]: s["type"] for s in MANIFEST["features"]["shortcuts"]}

    assert shortcuts == {REPORT_SHORTCUT: "global", TASK_SHORTCUT: "message"}


def test_manifest_slash_command_lists_every_subcommand() -> None:
    [command] = MANIFEST["features"]["slash_commands"]
    listed = {word.strip() for word in command["description"].split(",")}

    assert command["command"] == "/aktsom"
    assert listed == {c.value for c in Command} - {Command.UNKNOWN}


def test_manifest_subscribes_to_the_events_the_bot_listens_to() -> None:
    events = set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])

    assert events == {
        "app_mention",
        "app_home_opened",
        "message.channels",
        "message.groups",
        "message.im",
    }
    assert "chat:write" in MANIFEST["oauth_config"]["scopes"]["bot"]
