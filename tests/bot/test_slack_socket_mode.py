"""Socket Mode: the same bot, reached over a websocket instead of HTTP."""

from __future__ import annotations

from bot.core.context import Core
from bot.slack.app import build_app
from bot.slack.server import socket_mode_handler
from tests.bot.conftest import EMPLOYEE, slack_config
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_socket import FakeSocketModeServer


def test_an_event_over_socket_mode_is_acked_and_answered(
    core: Core, slack_api: FakeSlackApi
) -> None:
    bot = build_app(core, slack_config(slack_api))
    with FakeSocketModeServer() as server:
        slack_api.socket_url = server.url
        handler = socket_mode_handler(bot.app, app_token="xapp-test")
        handler.connect()
        try:
            server.wait_connected()
            envelope = server.send_envelope(
                "events_api",
                {
                    "type": "event_callback",
                    "event_id": "EvSocket1",
                    "team_id": "T1",
                    "api_app_id": "A1",
                    "event": {
                        "type": "app_mention",
                        "user": EMPLOYEE,
                        "text": "<@UBOT> Hva er fristen for å svare på et informasjonskrav?",
                        "ts": "1700000040.000100",
                        "channel": "CGENERAL",
                    },
                },
            )
            assert server.wait_for_ack(envelope)["envelope_id"] == envelope
            [update] = slack_api.wait_for("chat.update", timeout=30)
        finally:
            handler.close()
    assert "tre uker" in update.params["text"]
    assert slack_api.calls_to("apps.connections.open")
