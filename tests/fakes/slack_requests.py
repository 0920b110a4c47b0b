"""Signed requests as Slack sends them, so tests hit the app's real `/slack/events` endpoint.

Each method builds the body Slack would send (Events API envelope, slash-command form,
interaction payload), signs it with the signing secret (v0 HMAC-SHA256 over
`v0:{timestamp}:{body}`) and POSTs it with httpx. `last_elapsed` holds how long the app took
to answer, for "acknowledged within 3 seconds" checks.

Usage::

    sender = SlackSender("http://127.0.0.1:8000", signing_secret="s3cret")
    response = sender.event({"type": "app_mention", "user": "U1", "text": "<@UBOT> hi", ...})
    assert response.status_code == 200 and sender.last_elapsed < 3
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any
from urllib.parse import urlencode

import httpx
from slack_sdk.signature import SignatureVerifier

EVENTS_PATH = "/slack/events"
APP_ID = "A1"
TEAM_ID = "T1"
BOT_USER_ID = "UBOT"
VERIFICATION_TOKEN = "legacy-verification-token"
RETRY_REASON = "http_timeout"
DEFAULT_TIMEOUT_S = 10.0

Payload = dict[str, Any]


class SlackSender:
    """POSTs correctly signed Slack requests to `base_url + "/slack/events"`."""

    def __init__(
        self, base_url: str, *, signing_secret: str, timeout: float = DEFAULT_TIMEOUT_S
    ) -> None:
        """Sign with `signing_secret`; give up on a request after `timeout` seconds."""
        self.url = base_url.rstrip("/") + EVENTS_PATH
        self.timeout = timeout
        self.last_elapsed: float | None = None
        self._verifier = SignatureVerifier(signing_secret)

    def signed_headers(self, body: bytes, *, timestamp: int | None = None) -> dict[str, str]:
        """The two signature headers for `body`, signed at `timestamp` (default: now)."""
        at = str(int(time.time()) if timestamp is None else timestamp)
        signature = self._verifier.generate_signature(timestamp=at, body=body)
        return {"X-Slack-Request-Timestamp": at, "X-Slack-Signature": signature or ""}

    def raw(self, body: bytes, *, headers: dict[str, str]) -> httpx.Response:
        """POST `body` with exactly `headers`, for forged or stale signatures."""
        started = time.perf_counter()
        response = httpx.post(self.url, content=body, headers=headers, timeout=self.timeout)
        self.last_elapsed = time.perf_counter() - started
        return response

    def url_verification(self, challenge: str) -> httpx.Response:
        """The handshake Slack sends when the Request URL is saved."""
        payload = {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
        return self._post_json(payload)

    def event(
        self,
        event: Payload,
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        team_id: str = TEAM_ID,
    ) -> httpx.Response:
        """Deliver `event` in an `event_callback` envelope; `retry_num` marks a redelivery."""
        envelope = {
            "token": VERIFICATION_TOKEN,
            "team_id": team_id,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team_id,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
        retry = {}
        if retry_num is not None:
            retry = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": RETRY_REASON}
        return self._post_json(envelope, headers=retry)

    def command(
        self,
        text: str,
        *,
        user_id: str,
        command: str = "/aktsom",
        channel_id: str = "C1",
        trigger_id: str | None = None,
        response_url: str | None = None,
    ) -> httpx.Response:
        """A slash command, form-encoded; without `response_url` the field is left out."""
        fields = {
            "token": VERIFICATION_TOKEN,
            "team_id": TEAM_ID,
            "team_domain": "test",
            "channel_id": channel_id,
            "channel_name": "general",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id or _new_trigger_id(),
        }
        body = urlencode({k: v for k, v in fields.items() if v is not None}).encode()
        return self._post(body, content_type="application/x-www-form-urlencoded")

    def interaction(self, payload: Payload) -> httpx.Response:
        """Any interaction payload, sent as Slack does: form field `payload` holding JSON."""
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self._post(body, content_type="application/x-www-form-urlencoded")

    def block_action(
        self,
        *,
        user_id: str,
        action_id: str,
        value: str | None = None,
        view: Payload | None = None,
        trigger_id: str | None = None,
        response_url: str | None = None,
        channel_id: str | None = None,
        message: Payload | None = None,
    ) -> httpx.Response:
        """A button press, in a `message` (with `channel_id`) or in a `view`."""
        action = {
            "type": "button",
            "action_id": action_id,
            "block_id": action_id,
            "value": value,
            "action_ts": _now_ts(),
        }
        container: Payload = {}
        if message is not None:
            container = {
                "type": "message",
                "message_ts": message.get("ts"),
                "channel_id": channel_id,
            }
        elif view is not None:
            container = {"type": "view", "view_id": view.get("id")}
        payload = {
            **_interaction_base("block_actions", user_id=user_id, trigger_id=trigger_id),
            "container": container,
            "channel": {"id": channel_id, "name": "general"} if channel_id else None,
            "message": message,
            "view": view,
            "response_url": response_url,
            "actions": [_without_none(action)],
        }
        return self.interaction(_without_none(payload))

    def view_submission(
        self,
        *,
        user_id: str,
        callback_id: str,
        values: dict[str, dict[str, Payload]],
        private_metadata: str = "",
        view_id: str | None = None,
    ) -> httpx.Response:
        """A modal submitted with `values` as `{block_id: {action_id: element_state}}`."""
        view_id = view_id or f"V{uuid.uuid4().hex[:10].upper()}"
        view = {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "state": {"values": values},
            "hash": f"{int(time.time())}.fake",
            "blocks": [],
            "app_id": APP_ID,
            "bot_id": "BBOT",
            "root_view_id": view_id,
            "previous_view_id": None,
        }
        payload = {
            **_interaction_base("view_submission", user_id=user_id, trigger_id=None),
            "view": view,
            "response_urls": [],
        }
        return self.interaction(payload)

    def shortcut(
        self, *, user_id: str, callback_id: str, trigger_id: str | None = None
    ) -> httpx.Response:
        """A global shortcut."""
        payload = {
            **_interaction_base("shortcut", user_id=user_id, trigger_id=trigger_id),
            "callback_id": callback_id,
            "action_ts": _now_ts(),
        }
        return self.interaction(payload)

    def message_action(
        self,
        *,
        user_id: str,
        callback_id: str,
        message: Payload,
        channel_id: str,
        trigger_id: str | None = None,
        response_url: str | None = None,
    ) -> httpx.Response:
        """A message shortcut on `message` in `channel_id`."""
        payload = {
            **_interaction_base("message_action", user_id=user_id, trigger_id=trigger_id),
            "callback_id": callback_id,
            "action_ts": _now_ts(),
            "channel": {"id": channel_id, "name": "general"},
            "message_ts": message.get("ts"),
            "message": message,
            "response_url": response_url,
        }
        return self.interaction(_without_none(payload))

    def _post_json(
        self, payload: Payload, *, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """Sign and POST a JSON body."""
        body = json.dumps(payload).encode()
        return self._post(body, content_type="application/json", headers=headers)

    def _post(
        self, body: bytes, *, content_type: str, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """Sign and POST `body`."""
        signed = {**self.signed_headers(body), "Content-Type": content_type, **(headers or {})}
        return self.raw(body, headers=signed)


def _interaction_base(kind: str, *, user_id: str, trigger_id: str | None) -> Payload:
    """The fields every interaction payload shares."""
    return {
        "type": kind,
        "token": VERIFICATION_TOKEN,
        "api_app_id": APP_ID,
        "team": {"id": TEAM_ID, "domain": "test"},
        "user": {
            "id": user_id,
            "username": user_id.lower(),
            "name": user_id.lower(),
            "team_id": TEAM_ID,
        },
        "enterprise": None,
        "is_enterprise_install": False,
        "trigger_id": trigger_id or _new_trigger_id(),
    }


def _new_trigger_id() -> str:
    """A trigger id shaped like Slack's (`<digits>.<digits>.<hex>`)."""
    return f"{int(time.time())}.1.{uuid.uuid4().hex}"


def _now_ts() -> str:
    return f"{time.time():.6f}"


def _without_none(values: Payload) -> Payload:
    """Drop absent fields, as Slack leaves them out."""
    return {key: value for key, value in values.items() if value is not None}
