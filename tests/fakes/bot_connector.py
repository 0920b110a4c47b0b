"""A fake Bot Framework connector on loopback, so Teams tests drive the real Agents SDK clients.

A Teams bot replies by calling the connector at the inbound activity's `serviceUrl`. This fake
is that connector: a Starlette app under uvicorn on 127.0.0.1, port 0, that records every
request as a `Call` and answers the Bot Connector v3 routes the SDK uses (send, reply,
update, delete, create conversation, members). It also stands in for the two Microsoft
services around it, so nothing leaves the machine:

- **Entra ID's token endpoint** (`/{tenant}/oauth2/v2.0/token`, with the OpenID discovery
  document MSAL fetches first). MSAL insists on an `https` authority and, for a host it does
  not know, on instance discovery at login.microsoftonline.com, so it cannot be pointed at
  loopback by configuration. `msal_auth` (a `provider_factory` for the SDK's
  `ConnectionManager`) keeps the real authority and hands MSAL a `requests` session that
  carries login.microsoftonline.com to this fake and refuses every other host.
- **The channel's token issuer** (`channel_token()` signs a Bot Framework JWT; the key is
  published at `jwks_url`). The SDK looks up that key set by issuer, so a test routes it here
  with `monkeypatch.setitem(BOTFRAMEWORK_JWKS_URIS, AGENTS_SDK_TOKEN_ISSUER, connector.jwks_url)`.

Files seeded with `add_file` are served without a token, as Teams' pre-authenticated
`downloadUrl` links are.

Usage::

    with FakeBotConnector() as connector:
        activity = {..., "serviceUrl": connector.url}
        ...                                  # POST it to the bot's /api/messages
        [reply] = connector.replies()
        assert reply["text"] == "hei"
        connector.fail("reply_to_activity")  # the next replies get HTTP 500
        connector.add_member("29:kari", aad_object_id="a1", name="Kari")

With real credentials (production auth)::

    with FakeBotConnector(expected_token="fake-bot-token") as connector:
        manager = ConnectionManager(
            provider_factory=connector.msal_auth,
            connections_configurations={"SERVICE_CONNECTION": auth_config},
        )
        ...
        [token_call] = connector.calls_to("token")
        assert token_call.body["client_secret"] == "s3cret"
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import AgentAuthConfiguration
from msal import ConfidentialClientApplication
from requests.adapters import BaseAdapter, HTTPAdapter
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.asgi_server import serve

CLIENT_ID = "00000000-0000-0000-0000-0000000a4b07"
CLIENT_SECRET = "fake-client-secret"
TENANT_ID = "00000000-0000-0000-0000-00000000d0e5"
ACCESS_TOKEN = "fake-bot-token"
TOKEN_TTL_S = 3599
SERVICE_PATH = "/teams/"
LOGIN_HOST = "https://login.microsoftonline.com"
CHANNEL_ISSUER = "https://api.botframework.com"
CHANNEL_KEY_ID = "fake-channel-key-1"
FIRST_ACTIVITY_ID = 1_700_000_000_000
DEFAULT_WAIT_S = 5.0
# Every answer the fake gives to a v3 route after `fail()`; the shape is Bot Connector's.
FAILURE_BODY = {"error": {"code": "ServiceError", "message": "fake connector failure"}}
DENIED_BODY = {"message": "Authorization has been denied for this request."}
# The names `calls_to()` and `fail()` take, after the SDK's connector client methods.
SENT_ACTIVITY_CALLS = ("send_to_conversation", "reply_to_activity")

Json = dict[str, Any]


@dataclass(frozen=True)
class Call:
    """One request the fake received.

    `name` says which endpoint (see the route table in `FakeBotConnector._app`); `body` is the
    decoded JSON (or form fields, for `token`); `answer` is the JSON the fake sent back.
    """

    name: str
    method: str
    path: str
    body: Any
    headers: dict[str, str]
    at: float
    answer: Any = None
    path_params: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)

    @property
    def conversation_id(self) -> str | None:
        """The `{conversationId}` in the path, if the route has one."""
        return self.path_params.get("conversation_id")

    @property
    def activity_id(self) -> str | None:
        """The `{activityId}` in the path, if the route has one."""
        return self.path_params.get("activity_id")

    @property
    def bearer(self) -> str | None:
        """The bearer token the caller sent, or None."""
        value = _header(self.headers, "authorization") or ""
        scheme, _, token = value.partition(" ")
        return token if scheme.lower() == "bearer" and token else None


@dataclass(frozen=True)
class _File:
    """A file seeded by `add_file`."""

    content: bytes
    content_type: str


class FakeBotConnector:
    """The Bot Connector service (plus Entra ID and the channel's key set) on 127.0.0.1."""

    def __init__(
        self,
        *,
        client_id: str = CLIENT_ID,
        client_secret: str = CLIENT_SECRET,
        tenant_id: str = TENANT_ID,
        access_token: str = ACCESS_TOKEN,
        expected_token: str | None = None,
    ) -> None:
        """Configure the credentials the fake accepts.

        Args:
            client_id: The bot's app id; the token endpoint accepts only it, and
                `channel_token()` uses it as the audience.
            client_secret: The secret the token endpoint accepts with `client_id`.
            tenant_id: The tenant in the token endpoint's path.
            access_token: What the token endpoint hands out.
            expected_token: When set, v3 routes answer 401 unless the request carries
                `Authorization: Bearer <expected_token>`, as the real connector does. Leave it
                None for anonymous bots, which send no token.
        """
        self.client_id = client_id
        self.client_secret = client_secret
        self.tenant_id = tenant_id
        self.access_token = access_token
        self.expected_token = expected_token
        self.base = ""
        self.members: dict[str, Json] = {}
        self.groups: dict[str, list[str]] = {}
        """Entra groups by object id, with their members' object ids, for the Graph route."""
        self._calls: list[Call] = []
        self._changed = threading.Condition()
        self._failures: dict[str, int] = {}
        self._files: dict[str, _File] = {}
        self._ids = itertools.count(FIRST_ACTIVITY_ID)
        self._conversations = itertools.count(1)
        self._channel_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._forged_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._stack = ExitStack()

    @property
    def url(self) -> str:
        """The `serviceUrl` to put on inbound activities (ends in `/teams/`, like Teams')."""
        return f"{self.base}{SERVICE_PATH}"

    @property
    def jwks_url(self) -> str:
        """Where the key that signs `channel_token()` is published."""
        return f"{self.base}/v1/.well-known/keys"

    @property
    def token_url(self) -> str:
        """The loopback address of the token endpoint (MSAL itself asks `LOGIN_HOST`)."""
        return f"{self.base}/{self.tenant_id}/oauth2/v2.0/token"

    def start(self) -> FakeBotConnector:
        """Start serving in a daemon thread."""
        self.base = self._stack.enter_context(serve(self._app()))
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        self._stack.close()

    def __enter__(self) -> FakeBotConnector:
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

    def calls_to(self, *names: str) -> list[Call]:
        """The recorded calls to any of `names`, e.g. `"reply_to_activity"` or `"token"`."""
        return [call for call in self.calls if call.name in names]

    def wait_for(self, *names: str, count: int = 1, timeout: float = DEFAULT_WAIT_S) -> list[Call]:
        """Wait until `names` have been called `count` times; fail listing what did arrive."""
        with self._changed:
            reached = self._changed.wait_for(
                lambda: len(self.calls_to(*names)) >= count, timeout=timeout
            )
            if not reached:
                received = [call.name for call in self._calls]
                raise AssertionError(
                    f"expected {count} call(s) to {names} within {timeout}s; received {received}"
                )
            return self.calls_to(*names)

    def replies(self, *, activity_type: str | None = "message") -> list[Json]:
        """The activities the bot sent and the fake accepted, each with the id it was given.

        Args:
            activity_type: Keep only activities of this type; None keeps typing indicators too.
        """
        sent = [
            {**call.body, "id": call.answer["id"]}
            for call in self.calls_to(*SENT_ACTIVITY_CALLS)
            if isinstance(call.answer, dict) and "id" in call.answer  # failed sends have none
        ]
        return [a for a in sent if activity_type is None or a.get("type") == activity_type]

    def wait_for_replies(self, count: int = 1, *, timeout: float = DEFAULT_WAIT_S) -> list[Json]:
        """Wait until the bot has sent `count` messages; return them all."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.replies()) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"expected {count} message(s) within {timeout}s; got {self.replies()}"
                    )
                self._changed.wait(left)
            return self.replies()

    def all_payload_text(self) -> str:
        """Every recorded call's path, headers and body as one string, for leak scans."""
        return "\n".join(
            json.dumps(
                {"path": call.path, "headers": call.headers, "body": call.body},
                ensure_ascii=False,
                default=str,
            )
            for call in self.calls
        )

    def reset(self) -> None:
        """Forget the recorded calls (members and files stay)."""
        with self._changed:
            self._calls.clear()

    def fail(self, name: str, *, status: int = 500) -> None:
        """Answer every later call to `name` with `status`, until `unfail(name)`."""
        with self._changed:
            self._failures[name] = status

    def unfail(self, name: str) -> None:
        """Let `name` succeed again."""
        with self._changed:
            self._failures.pop(name, None)

    def add_member(
        self,
        member_id: str,
        *,
        aad_object_id: str,
        name: str,
        user_principal_name: str | None = None,
        email: str | None = None,
        **extra: Any,
    ) -> Json:
        """Seed a member for both member routes, shaped like Teams' `TeamsChannelAccount`."""
        upn = user_principal_name or f"{name.split()[0].lower()}@example.com"
        member = {
            "id": member_id,
            "name": name,
            "aadObjectId": aad_object_id,
            "userPrincipalName": upn,
            "email": email or upn,
            "tenantId": self.tenant_id,
            "userRole": "user",
            **extra,
        }
        with self._changed:
            self.members[member_id] = member
        return member

    def add_file(
        self, name: str, *, content: bytes, content_type: str = "application/octet-stream"
    ) -> str:
        """Seed a file and return its download URL (no token needed, like Teams' links)."""
        with self._changed:
            self._files[name] = _File(content, content_type)
        return f"{self.base}/files/{quote(name)}"

    def channel_token(
        self,
        *,
        audience: str | None = None,
        service_url: str | None = None,
        expires_in: int = TOKEN_TTL_S,
        forged: bool = False,
    ) -> str:
        """A JWT like the one Bot Framework puts on each POST to the bot.

        Args:
            audience: The `aud` claim; defaults to the bot's `client_id`.
            service_url: The `serviceurl` claim; defaults to `url`.
            expires_in: Seconds until `exp`; negative for an expired token.
            forged: Sign with a key that `jwks_url` does not publish.
        """
        now = int(time.time())
        claims = {
            "iss": CHANNEL_ISSUER,
            "aud": audience or self.client_id,
            "serviceurl": service_url or self.url,
            "nbf": now - 5,
            "iat": now - 5,
            "exp": now + expires_in,
        }
        key = self._forged_key if forged else self._channel_key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": CHANNEL_KEY_ID})

    def login_session(self) -> requests.Session:
        """A `requests` session that carries `LOGIN_HOST` to this fake and refuses other hosts."""
        session = requests.Session()
        session.mount("https://", _Refuse())
        session.mount("http://", _Refuse())
        session.mount(f"{LOGIN_HOST}/", _ToLoopback(self.base))
        return session

    def msal_auth(self, configuration: AgentAuthConfiguration) -> MsalAuth:
        """An `MsalAuth` whose MSAL client talks to this fake; a `provider_factory`."""
        return _LoopbackMsalAuth(configuration, http_client=self.login_session())

    def _app(self) -> Starlette:
        v3 = f"{SERVICE_PATH}v3/conversations"
        activity = f"{v3}/{{conversation_id}}/activities/{{activity_id}}"
        routes = [
            ("create_conversation", "POST", v3, self._create_conversation),
            ("send_to_conversation", "POST", f"{v3}/{{conversation_id}}/activities", self._sent),
            ("reply_to_activity", "POST", activity, self._sent),
            ("update_activity", "PUT", activity, self._updated),
            ("delete_activity", "DELETE", activity, lambda call: (200, None)),
            ("get_conversation_members", "GET", f"{v3}/{{conversation_id}}/members", self._all),
            (
                "get_conversation_member",
                "GET",
                f"{v3}/{{conversation_id}}/members/{{member_id}}",
                self._member,
            ),
            (
                "openid_configuration",
                "GET",
                "/{tenant}/v2.0/.well-known/openid-configuration",
                self._openid_configuration,
            ),
            ("token", "POST", "/{tenant}/oauth2/v2.0/token", self._token),
            ("jwks", "GET", "/v1/.well-known/keys", self._jwks),
            ("download", "GET", "/files/{name}", self._download),
            (
                "group_members",
                "GET",
                "/v1.0/groups/{group_id}/transitiveMembers/microsoft.graph.user",
                self._group_members,
            ),
        ]
        return Starlette(
            routes=[
                Route(path, self._endpoint(name, answer), methods=[method])
                for name, method, path, answer in routes
            ]
        )

    def _endpoint(
        self, name: str, answer: Callable[[Call], tuple[int, Any]]
    ) -> Callable[[Request], Any]:
        """A Starlette endpoint that records the request as `name` and answers with `answer`."""

        async def endpoint(request: Request) -> Response:
            raw = await request.body()
            call = Call(
                name=name,
                method=request.method,
                path=request.url.path,
                body=_decode(raw, content_type=request.headers.get("content-type", "")),
                headers=dict(request.headers),
                at=time.time(),
                path_params={key: str(value) for key, value in request.path_params.items()},
                query=dict(request.query_params),
            )
            status, payload = self._answer(call, answer)
            with self._changed:
                # A streamed file is recorded without an answer.
                answer_json = None if isinstance(payload, Response) else payload
                self._calls.append(replace(call, answer=answer_json))
                self._changed.notify_all()
            if isinstance(payload, Response):
                return payload
            if payload is None:
                return Response(status_code=status)
            return JSONResponse(payload, status_code=status)

        return endpoint

    def _answer(self, call: Call, answer: Callable[[Call], tuple[int, Any]]) -> tuple[int, Any]:
        """Apply `fail()` and the bearer check, then the route's own answer."""
        with self._changed:
            failure = self._failures.get(call.name)
            if failure is not None:
                return failure, FAILURE_BODY
            if (
                call.path.startswith(SERVICE_PATH)
                and self.expected_token is not None
                and call.bearer != self.expected_token
            ):
                return 401, DENIED_BODY
            return answer(call)

    def _next_id(self) -> str:
        return str(next(self._ids))

    def _sent(self, call: Call) -> tuple[int, Any]:
        if not isinstance(call.body, dict) or not call.body.get("type"):
            return 400, {"error": {"code": "BadArgument", "message": "activity type missing"}}
        return 201, {"id": self._next_id()}

    def _updated(self, call: Call) -> tuple[int, Any]:
        return 200, {"id": call.activity_id}

    def _create_conversation(self, call: Call) -> tuple[int, Any]:
        answer = {"id": f"a:fake-conversation-{next(self._conversations)}"}
        if isinstance(call.body, dict) and call.body.get("activity"):
            answer["activityId"] = self._next_id()
        return 201, answer

    def _all(self, call: Call) -> tuple[int, Any]:
        return 200, list(self.members.values())

    def _member(self, call: Call) -> tuple[int, Any]:
        member = self.members.get(call.path_params["member_id"])
        if member is None:
            error = {"code": "MemberNotFoundInConversation", "message": "Member not found"}
            return 404, {"error": error}
        return 200, member

    def _openid_configuration(self, call: Call) -> tuple[int, Any]:
        # MSAL wants https endpoints, so the document names the real host, as Entra's does;
        # `login_session()` carries those requests back here.
        tenant = call.path_params["tenant"]
        return 200, {
            "issuer": f"{LOGIN_HOST}/{tenant}/v2.0",
            "authorization_endpoint": f"{LOGIN_HOST}/{tenant}/oauth2/v2.0/authorize",
            "token_endpoint": f"{LOGIN_HOST}/{tenant}/oauth2/v2.0/token",
            "jwks_uri": f"{LOGIN_HOST}/{tenant}/discovery/v2.0/keys",
            "response_types_supported": ["code", "id_token", "token"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        }

    def _token(self, call: Call) -> tuple[int, Any]:
        form = call.body if isinstance(call.body, dict) else {}
        if form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        if form.get("client_id") != self.client_id or form.get("client_secret") != (
            self.client_secret
        ):
            return 401, {
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided.",
            }
        return 200, {
            "token_type": "Bearer",
            "expires_in": TOKEN_TTL_S,
            "ext_expires_in": TOKEN_TTL_S,
            "access_token": self.access_token,
        }

    def _group_members(self, call: Call) -> tuple[int, Any]:
        """Microsoft Graph's transitive user members of a group, two per page (so paging is
        exercised), for the bearer token the token endpoint handed out."""
        if call.bearer != self.access_token:
            return 401, {"error": {"code": "InvalidAuthenticationToken"}}
        group = self.groups.get(call.path_params["group_id"])
        if group is None:
            return 404, {"error": {"code": "Request_ResourceNotFound"}}
        start = int(call.query.get("skip", "0"))
        page: Json = {"value": [{"id": member} for member in group[start : start + 2]]}
        if start + 2 < len(group):
            page["@odata.nextLink"] = f"{self.base}{call.path}?skip={start + 2}"
        return 200, page

    def _jwks(self, call: Call) -> tuple[int, Any]:
        key = RSAAlgorithm.to_jwk(self._channel_key.public_key(), as_dict=True)
        return 200, {"keys": [{**key, "kid": CHANNEL_KEY_ID, "use": "sig", "alg": "RS256"}]}

    def _download(self, call: Call) -> tuple[int, Any]:
        file = self._files.get(call.path_params["name"])
        if file is None:
            return 404, {"error": "no such file"}
        return 200, Response(file.content, media_type=file.content_type)


class _LoopbackMsalAuth(MsalAuth):
    """`MsalAuth` whose MSAL client uses a given `http_client`.

    It overrides the private `_create_client_application` of microsoft-agents 1.9 (client
    secret only); `test_bot_connector.py` fails loudly if a new SDK version stops calling it.
    """

    def __init__(
        self, configuration: AgentAuthConfiguration, *, http_client: requests.Session
    ) -> None:
        super().__init__(configuration)
        self._http_client = http_client

    def _create_client_application(
        self, tenant_id: str | None = None
    ) -> ConfidentialClientApplication:
        configuration = self.configuration
        return ConfidentialClientApplication(
            client_id=configuration.CLIENT_ID,
            authority=MsalAuth._resolve_authority(configuration, tenant_id),
            client_credential=configuration.CLIENT_SECRET,
            http_client=self._http_client,
        )


class _ToLoopback(HTTPAdapter):
    """Sends each request to `base` instead, keeping its path and query."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self._base = base

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        split = urlsplit(request.url or "")
        request.url = f"{self._base}{split.path}" + (f"?{split.query}" if split.query else "")
        return super().send(request, **kwargs)


class _Refuse(BaseAdapter):
    """Fails every request, so a test can never reach the internet by accident."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        raise requests.ConnectionError(f"the fake refuses to reach {request.url}")

    def close(self) -> None:
        """Nothing to release."""


def _decode(raw: bytes, *, content_type: str) -> Any:
    """JSON or form fields as Python values; raw text when it is neither."""
    if not raw:
        return None
    if content_type.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", errors="replace")


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value, looked up without regard to case."""
    return next((v for k, v in headers.items() if k.lower() == name.lower()), None)
