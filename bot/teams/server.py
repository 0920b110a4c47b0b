"""Serving the Teams bot: `POST /api/messages` behind the Bot Framework JWT check, and
`GET /api/healthz`.

Usage::

    api = http_app(bot, auth=auth_configuration(app_id=..., password=..., tenant_id=...))
    uvicorn.run(api, host="0.0.0.0", port=3978)

In production every request must carry a token Teams signed for our app id; anonymous
access (`AKTSOM_TEAMS_ALLOW_ANONYMOUS=1`) is for local testing against a fake connector.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import (
    AccessTokenProviderBase,
    AgentAuthConfiguration,
    AuthTypes,
    ClaimsIdentity,
    ConnectionManager,
    OutboundHostValidator,
    TurnContext,
)
from microsoft_agents.hosting.fastapi import CloudAdapter, jwt_authorization_decorator

from bot.core import messages
from bot.core.people import choose_language
from bot.teams.app import TeamsBot

CONNECTION = "SERVICE_CONNECTION"
log = logging.getLogger(__name__)
ProviderFactory = Callable[[AgentAuthConfiguration], AccessTokenProviderBase]


def auth_configuration(
    *, app_id: str | None, password: str | None, tenant_id: str | None, anonymous: bool
) -> AgentAuthConfiguration:
    """The SDK's auth settings from ours; anonymous has no client id, so no token is asked
    for or sent."""
    if anonymous:
        return AgentAuthConfiguration(anonymous_allowed=True)
    return AgentAuthConfiguration(
        auth_type=AuthTypes.client_secret,
        client_id=app_id,
        client_secret=password,
        tenant_id=tenant_id,
        connection_name=CONNECTION,
    )


def http_app(
    bot: TeamsBot,
    *,
    auth: AgentAuthConfiguration,
    provider_factory: ProviderFactory = MsalAuth,
) -> FastAPI:
    """The FastAPI app serving `bot`.

    Args:
        provider_factory: where outbound tokens come from (MSAL; tests aim it at a fake).
    """
    connections = ConnectionManager(
        provider_factory=provider_factory, connections_configurations={CONNECTION: auth}
    )
    production = not auth.ANONYMOUS_ALLOWED
    adapter = CloudAdapter(
        connection_manager=connections,
        host_validator=OutboundHostValidator(enabled=True) if production else None,
    )
    adapter.on_turn_error = _on_turn_error
    identity = (
        ClaimsIdentity()
        if auth.ANONYMOUS_ALLOWED
        else adapter.create_claims_identity(auth.CLIENT_ID)
    )
    bot.connect(adapter, identity)
    api = FastAPI(title="aktsom-teams", docs_url=None, redoc_url=None, openapi_url=None)
    api.state.agent_configuration = auth  # read by the JWT check

    @api.post("/api/messages", response_model=None)
    @jwt_authorization_decorator
    async def activities(request: Request) -> Response | None:
        return await adapter.process(request, bot)

    @api.get("/api/healthz")
    async def healthz() -> Response:
        return JSONResponse({"ok": True})

    return api


async def _on_turn_error(turn_context: TurnContext, error: Exception) -> None:
    """Log the failure and tell the person plainly, never with the details (the SDK's
    default sends the exception text)."""
    log.error("Teams turn failed", exc_info=error)
    lang = choose_language(turn_context.activity.locale)
    try:
        await turn_context.send_activity(messages.text(lang, "error.unexpected"))
    except Exception:
        log.exception("could not tell the person either")
