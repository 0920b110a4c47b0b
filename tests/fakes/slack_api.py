"""A fake Slack Web API on loopback, so bot tests drive the real slack_sdk clients.

It is a real `http.server` on 127.0.0.1, port 0, in a daemon thread. Every request to
`/api/<method>` is recorded as a `Call` and answered the way Slack answers the methods aktsom
uses; it also serves file downloads (`/files/<id>/<name>`, bearer token required) and
`response_url` posts (`/response/<name>`), and records those too.

Usage::

    with FakeSlackApi(token="xoxb-test") as api:
        client = WebClient(token="xoxb-test", base_url=api.url)
        client.chat_postMessage(channel="C1", text="hi")
        [call] = api.wait_for("chat.postMessage")
        assert call.params["text"] == "hi"
        assert "s3cret" not in api.all_payload_text()
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T1"
TEAM_NAME = "Test"
DEFAULT_LOCALE = "en-US"
DEFAULT_TZ = "Europe/Oslo"
PERMALINK_BASE = "https://test.slack.com/archives"
FIRST_TS_SECONDS = 1_700_000_000
FIRST_TS_COUNTER = 101
# slack_sdk sends these as JSON strings inside form posts; tests want the objects.
JSON_STRING_FIELDS = ("blocks", "view", "attachments")

Result = dict[str, Any]


@dataclass(frozen=True)
class Call:
    """One request the fake received: its method, merged arguments, headers, time and raw body."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    at: float
    body: bytes = b""


class _SlackError(Exception):
    """Raised inside a method handler to answer `{"ok": false, "error": ...}`."""


@dataclass(frozen=True)
class _File:
    """A file seeded by `add_file`."""

    id: str
    name: str
    content: bytes
    mimetype: str
    user: str


class FakeSlackApi:
    """Slack's Web API on 127.0.0.1; a context manager, or `start()` and `stop()`."""

    def __init__(self, *, token: str = "xoxb-test") -> None:
        """Serve downloads only to requests carrying `Authorization: Bearer <token>`."""
        self.token = token
        self.users: dict[str, dict[str, Any]] = {}
        self.usergroups: dict[str, list[str]] = {}
        self.socket_url: str | None = None
        self._calls: list[Call] = []
        self._changed = threading.Condition()
        self._messages: dict[tuple[str, str], Result] = {}
        self._files: dict[str, _File] = {}
        self._failures: dict[str, str] = {}
        self._ts_counter = itertools.count(FIRST_TS_COUNTER)
        self._view_counter = itertools.count(1)
        self._handlers: dict[str, Callable[[dict[str, Any]], Result]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": lambda params: {"message_ts": self._next_ts()},
            "chat.getPermalink": self._chat_get_permalink,
            "views.open": self._views_echo,
            "views.push": self._views_echo,
            "views.update": self._views_echo,
            "views.publish": self._views_echo,
            "reactions.add": lambda params: {},
            "reactions.remove": lambda params: {},
            "users.info": self._users_info,
            "usergroups.users.list": self._usergroups_users_list,
            "conversations.open": self._conversations_open,
            "conversations.replies": self._conversations_replies,
            "files.info": self._files_info,
            "apps.connections.open": self._apps_connections_open,
        }
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_request_handler(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        """`http://127.0.0.1:PORT`, without a trailing slash."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """The `base_url` for slack_sdk's `WebClient`, ending in `/api/`."""
        return f"{self.base}/api/"

    def start(self) -> FakeSlackApi:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> FakeSlackApi:
        """Start serving."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop serving."""
        self.stop()

    @property
    def calls(self) -> list[Call]:
        """A snapshot of every recorded call, oldest first."""
        with self._changed:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """The recorded calls to one method, e.g. `"chat.postMessage"` or `"response_url"`."""
        return [call for call in self.calls if call.method == method]

    def wait_for(self, method: str, *, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until `method` has been called `count` times; fail listing what did arrive."""
        with self._changed:
            reached = self._changed.wait_for(
                lambda: len(self.calls_to(method)) >= count, timeout=timeout
            )
            if not reached:
                received = [call.method for call in self._calls]
                raise AssertionError(
                    f"expected {count} call(s) to {method} within {timeout}s; received {received}"
                )
            return self.calls_to(method)

    def all_payload_text(self) -> str:
        """Every recorded call's params, headers and body as one string, for leak scans."""
        return "\n".join(
            json.dumps(
                {"method": call.method, "params": call.params, "headers": call.headers},
                ensure_ascii=False,
                default=str,
            )
            + "\n"
            + call.body.decode("utf-8", errors="replace")
            for call in self.calls
        )

    def reset(self) -> None:
        """Forget the recorded calls (seeded messages, files and users stay)."""
        with self._changed:
            self._calls.clear()

    def fail(self, method: str, *, error: str = "internal_error") -> None:
        """Answer every later call to `method` with `ok: false` and `error`, until `unfail`."""
        with self._changed:
            self._failures[method] = error

    def unfail(self, method: str) -> None:
        """Let `method` succeed again."""
        with self._changed:
            self._failures.pop(method, None)

    def add_message(
        self, *, channel: str, ts: str, user: str, text: str, thread_ts: str | None = None
    ) -> None:
        """Seed a human message, so `conversations.replies` returns it."""
        message = {"type": "message", "user": user, "text": text, "ts": ts, "thread_ts": thread_ts}
        with self._changed:
            self._messages[(channel, ts)] = _without_none(message)

    def add_file(
        self, file_id: str, *, name: str, content: bytes, mimetype: str, user: str = "U1"
    ) -> None:
        """Seed a file for `files.info` and for download from its `url_private_download`."""
        with self._changed:
            self._files[file_id] = _File(file_id, name, content, mimetype, user)

    def response_url(self, name: str = "r1") -> str:
        """A `response_url` on this fake; posts to it are recorded as method `"response_url"`."""
        return f"{self.base}/response/{quote(name)}"

    def _route(
        self, *, verb: str, path: str, params: dict[str, Any], headers: dict[str, str], body: bytes
    ) -> tuple[int, str, bytes]:
        """Record one request and build its (status, content type, body) answer."""
        with self._changed:
            kind, _, rest = path.lstrip("/").partition("/")
            if kind == "api":
                answer = self._answer_api(rest, params)
                status, content_type, data = 200, "application/json", _to_json(answer)
                method = rest
            elif kind == "response" and verb == "POST":
                params = {**params, "_name": unquote(rest)}
                status, content_type, data = 200, "application/json", _to_json({"ok": True})
                method = "response_url"
            elif kind == "files" and verb == "GET":
                status, content_type, data = self._download(rest, headers=headers)
                params = {**params, "path": path}
                method = "files.download"
            else:
                return 404, "text/plain", b"not found"
            self._calls.append(Call(method, params, headers, time.time(), body))
            self._changed.notify_all()
            return status, content_type, data

    def _answer_api(self, method: str, params: dict[str, Any]) -> Result:
        """Run one Web API method, mapping `_SlackError` and failures to `ok: false`."""
        if method in self._failures:
            return {"ok": False, "error": self._failures[method]}
        handler = self._handlers.get(method)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        try:
            return {"ok": True, **handler(params)}
        except _SlackError as error:
            return {"ok": False, "error": str(error)}

    def _download(self, rest: str, *, headers: dict[str, str]) -> tuple[int, str, bytes]:
        """Serve a seeded file's bytes to a request with the right bearer token."""
        file_id, _, name = rest.partition("/")
        file = self._files.get(file_id)
        if file is None or unquote(name) != file.name:
            return 404, "text/plain", b"no such file"
        if _header(headers, "Authorization") != f"Bearer {self.token}":
            return 403, "text/plain", b"forbidden"
        return 200, file.mimetype, file.content

    def _next_ts(self) -> str:
        """A message ts later than every ts handed out before."""
        return f"{FIRST_TS_SECONDS}.{next(self._ts_counter):06d}"

    def _auth_test(self, params: dict[str, Any]) -> Result:
        return {
            "url": "https://test.slack.com/",
            "team": TEAM_NAME,
            "team_id": TEAM_ID,
            "user": "aktsom",
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
        }

    def _chat_post_message(self, params: dict[str, Any]) -> Result:
        channel = _to_channel_id(_required(params, "channel"))
        ts = self._next_ts()
        message = _without_none(
            {
                "type": "message",
                "text": params.get("text"),
                "blocks": params.get("blocks"),
                "ts": ts,
                "thread_ts": params.get("thread_ts"),
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        )
        self._messages[(channel, ts)] = message
        return {"channel": channel, "ts": ts, "message": message}

    def _chat_update(self, params: dict[str, Any]) -> Result:
        channel = _to_channel_id(_required(params, "channel"))
        ts = _required(params, "ts")
        stored = self._messages.get((channel, ts))
        if stored is not None:
            edits = {"text": params.get("text"), "blocks": params.get("blocks")}
            stored.update(_without_none(edits))
        return {"channel": channel, "ts": ts, "text": params.get("text")}

    def _chat_get_permalink(self, params: dict[str, Any]) -> Result:
        channel = _required(params, "channel")
        ts = _required(params, "message_ts")
        return {
            "channel": channel,
            "permalink": f"{PERMALINK_BASE}/{channel}/p{ts.replace('.', '')}",
        }

    def _views_echo(self, params: dict[str, Any]) -> Result:
        view = params.get("view")
        if not isinstance(view, dict):
            raise _SlackError("invalid_arguments")
        number = next(self._view_counter)
        view_id = params.get("view_id") or f"V{number}"
        return {"view": {**view, "id": view_id, "hash": f"h{number}"}}

    def _users_info(self, params: dict[str, Any]) -> Result:
        user_id = _required(params, "user")
        profile = self.users.get(user_id)
        if profile is None:
            raise _SlackError("user_not_found")
        name = profile.get("name", user_id.lower())
        defaults = {"name": name, "real_name": name, "locale": DEFAULT_LOCALE, "tz": DEFAULT_TZ}
        return {"user": {**defaults, **profile, "id": user_id}}

    def _usergroups_users_list(self, params: dict[str, Any]) -> Result:
        members = self.usergroups.get(_required(params, "usergroup"))
        if members is None:
            raise _SlackError("no_such_subteam")
        return {"users": list(members)}

    def _conversations_open(self, params: dict[str, Any]) -> Result:
        first_user = _required(params, "users").split(",")[0]
        return {"channel": {"id": f"D{first_user}"}}

    def _conversations_replies(self, params: dict[str, Any]) -> Result:
        channel, ts = _required(params, "channel"), _required(params, "ts")
        if (channel, ts) not in self._messages:
            raise _SlackError("thread_not_found")
        thread = [
            message
            for (message_channel, message_ts), message in self._messages.items()
            if message_channel == channel and (message_ts == ts or message.get("thread_ts") == ts)
        ]
        return {"messages": sorted(thread, key=lambda m: _ts_key(m["ts"])), "has_more": False}

    def _files_info(self, params: dict[str, Any]) -> Result:
        file = self._files.get(_required(params, "file"))
        if file is None:
            raise _SlackError("file_not_found")
        url = f"{self.base}/files/{quote(file.id)}/{quote(file.name)}"
        return {
            "file": {
                "id": file.id,
                "name": file.name,
                "title": file.name,
                "mimetype": file.mimetype,
                "filetype": file.name.rpartition(".")[2].lower() if "." in file.name else "binary",
                "size": len(file.content),
                "url_private": url,
                "url_private_download": url,
                "user": file.user,
            }
        }

    def _apps_connections_open(self, params: dict[str, Any]) -> Result:
        if self.socket_url is None:
            raise _SlackError("socket_url_not_set_on_fake")
        return {"url": self.socket_url}


def _to_params(*, query: str, body: bytes, content_type: str) -> dict[str, Any]:
    """Merge query-string, form and JSON arguments, decoding JSON-string fields like `blocks`."""
    params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    if content_type == "application/json" and body:
        decoded = json.loads(body)
        if isinstance(decoded, dict):
            params.update(decoded)
    elif content_type == "application/x-www-form-urlencoded":
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    for name in JSON_STRING_FIELDS:
        # A string that is not JSON stays a string, as Slack would reject it.
        if isinstance(params.get(name), str):
            with contextlib.suppress(ValueError):
                params[name] = json.loads(params[name])
    return params


def _make_request_handler(api: FakeSlackApi) -> type[BaseHTTPRequestHandler]:
    """A request-handler class that hands every GET and POST to `api._route`."""

    class _RequestHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def _handle(self, verb: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            split = urlsplit(self.path)
            params = _to_params(
                query=split.query, body=body, content_type=self.headers.get_content_type()
            )
            status, content_type, data = api._route(
                verb=verb, path=split.path, params=params, headers=dict(self.headers), body=body
            )
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet."""

    return _RequestHandler


def _required(params: dict[str, Any], name: str) -> str:
    """A required string argument, or Slack's error for a missing one."""
    value = params.get(name)
    if not value:
        raise _SlackError("invalid_arguments")
    return str(value)


def _to_channel_id(channel: str) -> str:
    """Slack answers a post to a user ID from the DM channel with that user."""
    return f"D{channel}" if channel[:1] in ("U", "W") else channel


def _header(headers: dict[str, str], name: str) -> str | None:
    """A header's value, looked up without regard to case."""
    return next((v for k, v in headers.items() if k.lower() == name.lower()), None)


def _ts_key(ts: str) -> tuple[int, int]:
    """Sort key for Slack's `seconds.micros` timestamps."""
    seconds, _, micros = ts.partition(".")
    return int(seconds), int(micros or 0)


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    """Drop absent fields, as Slack leaves them out of its JSON."""
    return {key: value for key, value in values.items() if value is not None}


def _to_json(payload: Result) -> bytes:
    return json.dumps(payload).encode()
