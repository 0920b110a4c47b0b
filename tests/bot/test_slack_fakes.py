"""The Slack fakes behave like Slack towards the real slack_sdk and slack_bolt clients."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import httpx
import pytest
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.webhook import WebhookClient

from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_requests import SlackSender
from tests.fakes.slack_socket import FakeSocketModeServer

TOKEN = "xoxb-test"
SIGNING_SECRET = "test-signing-secret"


@pytest.fixture
def api() -> Iterator[FakeSlackApi]:
    """A running fake Web API."""
    with FakeSlackApi(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def client(api: FakeSlackApi) -> WebClient:
    """A real slack_sdk client pointed at the fake."""
    return WebClient(token=TOKEN, base_url=api.url)


@pytest.fixture
def bolt(api: FakeSlackApi) -> Iterator[tuple[App, SlackSender]]:
    """A real bolt App served over HTTP on loopback, and a sender signing for it."""
    app = App(signing_secret=SIGNING_SECRET, client=WebClient(token=TOKEN, base_url=api.url))
    server = make_server("127.0.0.1", 0, SlackRequestHandler(app), handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield app, SlackSender(f"http://127.0.0.1:{server.server_port}", signing_secret=SIGNING_SECRET)
    server.shutdown()
    server.server_close()
    thread.join()


def test_auth_test_answers_as_the_bot(client: WebClient, api: FakeSlackApi) -> None:
    answer = client.auth_test()

    assert (answer["user_id"], answer["bot_id"], answer["team_id"]) == ("UBOT", "BBOT", "T1")
    assert api.calls_to("auth.test")[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_thread_replies_hold_the_seeded_parent_and_the_bot_reply(
    client: WebClient, api: FakeSlackApi
) -> None:
    api.add_message(channel="C1", ts="1600000000.000001", user="U1", text="Who signs off?")
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "The board."}}]

    first = client.chat_postMessage(channel="C1", text="a", thread_ts="1600000000.000001")
    second = client.chat_postMessage(channel="C1", text="b", blocks=blocks)

    assert float(first["ts"]) < float(second["ts"])
    assert api.calls_to("chat.postMessage")[1].params["blocks"] == blocks
    replies = client.conversations_replies(channel="C1", ts="1600000000.000001")
    assert [m["text"] for m in replies["messages"]] == ["Who signs off?", "a"]


def test_json_strings_in_form_posts_are_decoded(client: WebClient, api: FakeSlackApi) -> None:
    blocks = [{"type": "divider"}]

    client.api_call("chat.postMessage", data={"channel": "C1", "blocks": json.dumps(blocks)})

    assert api.calls_to("chat.postMessage")[0].params["blocks"] == blocks


def test_users_info_reads_seeded_users_and_refuses_unknown_ones(
    client: WebClient, api: FakeSlackApi
) -> None:
    api.users["U1"] = {"real_name": "Kari Nordmann", "locale": "nb-NO"}

    user = client.users_info(user="U1")["user"]

    assert (user["id"], user["real_name"], user["locale"]) == ("U1", "Kari Nordmann", "nb-NO")
    with pytest.raises(SlackApiError) as raised:
        client.users_info(user="U2")
    assert raised.value.response["error"] == "user_not_found"


def test_failed_method_answers_its_error_until_unfailed(
    client: WebClient, api: FakeSlackApi
) -> None:
    api.fail("chat.postMessage", error="ratelimited")

    with pytest.raises(SlackApiError, match="ratelimited"):
        client.chat_postMessage(channel="C1", text="hi")
    api.unfail("chat.postMessage")

    assert client.chat_postMessage(channel="C1", text="hi")["ok"]


def test_unknown_method_is_recorded_and_refused(client: WebClient, api: FakeSlackApi) -> None:
    with pytest.raises(SlackApiError, match="unknown_method"):
        client.api_call("admin.everything.delete")

    assert len(api.calls_to("admin.everything.delete")) == 1


def test_views_open_echoes_the_view_with_an_id(client: WebClient) -> None:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Report"}, "blocks": []}

    answer = client.views_open(trigger_id="t1", view=view)

    assert answer["view"]["id"].startswith("V")
    assert answer["view"]["title"] == view["title"]


def test_file_download_needs_the_bot_token(client: WebClient, api: FakeSlackApi) -> None:
    api.add_file("F1", name="policy.pdf", content=b"%PDF-1.7", mimetype="application/pdf")
    url = client.files_info(file="F1")["file"]["url_private_download"]

    allowed = httpx.get(url, headers={"Authorization": f"Bearer {TOKEN}"})
    refused = httpx.get(url)

    assert (allowed.status_code, allowed.content) == (200, b"%PDF-1.7")
    assert refused.status_code == 403
    assert len(api.calls_to("files.download")) == 2


def test_response_url_posts_are_recorded_for_leak_scans(api: FakeSlackApi) -> None:
    WebhookClient(api.response_url("r1")).send(text="Case opened", response_type="ephemeral")

    [call] = api.wait_for("response_url")

    assert call.params["_name"] == "r1"
    assert call.params["text"] == "Case opened"
    assert "Case opened" in api.all_payload_text()


def test_wait_for_names_the_calls_that_did_arrive(client: WebClient, api: FakeSlackApi) -> None:
    client.auth_test()

    with pytest.raises(AssertionError, match=r"auth\.test"):
        api.wait_for("chat.postMessage", timeout=0.1)


def test_builtin_socket_mode_client_connects_and_acks(api: FakeSlackApi) -> None:
    with FakeSocketModeServer() as socket:
        api.socket_url = socket.url
        client = SocketModeClient(app_token="xapp-test", web_client=WebClient(base_url=api.url))
        client.socket_mode_request_listeners.append(_ack_with_payload)
        client.connect()
        try:
            socket.wait_connected()
            envelope_id = socket.send_envelope("slash_commands", {"command": "/aktsom"})
            ack = socket.wait_for_ack(envelope_id)
        finally:
            client.close()

    assert ack == {"envelope_id": envelope_id, "payload": {"text": "/aktsom"}}
    assert api.calls_to("apps.connections.open")[0].headers["Authorization"] == "Bearer xapp-test"


def test_signed_event_reaches_the_bolt_app(
    bolt: tuple[App, SlackSender], api: FakeSlackApi
) -> None:
    app, sender = bolt
    retries: list[list[str]] = []

    @app.event("app_mention")
    def on_mention(event: dict[str, Any], request: Any, say: Any) -> None:
        retries.append(request.headers.get("x-slack-retry-num", []))
        say(text=f"echo {event['text']}", thread_ts=event["ts"])

    mention = {"type": "app_mention", "user": "U1", "text": "hi", "ts": "1.1", "channel": "C1"}
    response = sender.event(mention, retry_num=1)

    assert response.status_code == 200
    assert sender.last_elapsed is not None and sender.last_elapsed < 3
    [call] = api.wait_for("chat.postMessage")
    assert (call.params["text"], call.params["thread_ts"]) == ("echo hi", "1.1")
    assert retries == [["1"]]


def test_forged_and_stale_signatures_are_refused(bolt: tuple[App, SlackSender]) -> None:
    _, sender = bolt
    body = b'{"type": "url_verification", "challenge": "c"}'
    stale = sender.signed_headers(body, timestamp=int(time.time()) - 600)
    forged = {**sender.signed_headers(body), "X-Slack-Signature": "v0=" + "0" * 64}

    assert sender.raw(body, headers=stale).status_code == 401
    assert sender.raw(body, headers=forged).status_code == 401
    assert sender.url_verification("c").json() == {"challenge": "c"}


def test_command_block_action_and_view_submission_reach_listeners(
    bolt: tuple[App, SlackSender], api: FakeSlackApi
) -> None:
    app, sender = bolt
    submitted: list[dict[str, Any]] = []

    @app.command("/aktsom")
    def on_command(ack: Any, command: dict[str, Any]) -> None:
        ack(text=f"you said {command['text']}")

    @app.action("open_case")
    def on_action(ack: Any, respond: Any, action: dict[str, Any]) -> None:
        ack()
        respond(text=f"opening {action['value']}")

    @app.view("case_form")
    def on_submit(ack: Any, view: dict[str, Any]) -> None:
        ack()
        submitted.append(view["state"]["values"])

    values = {"b1": {"summary": {"type": "plain_text_input", "value": "Late wages"}}}
    command = sender.command("status", user_id="U1")
    sender.block_action(
        user_id="U1", action_id="open_case", value="C-7", response_url=api.response_url()
    )
    sender.view_submission(user_id="U1", callback_id="case_form", values=values)

    assert command.text == "you said status"
    assert api.wait_for("response_url")[0].params["text"] == "opening C-7"
    assert submitted == [values]


def _ack_with_payload(client: SocketModeClient, request: SocketModeRequest) -> None:
    """Ack a Socket Mode request the way bolt does, echoing the command as the payload."""
    response = SocketModeResponse(
        envelope_id=request.envelope_id, payload={"text": request.payload["command"]}
    )
    client.send_socket_mode_response(response)


class _QuietHandler(WSGIRequestHandler):
    """Keep test output free of request logs."""

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing."""
