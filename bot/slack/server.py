"""How the Slack bot is reached: HTTP (Events API, commands, interactivity) or Socket Mode.

Both end in `App.dispatch`. Over HTTP, FastAPI serves `/slack/events` and `/slack/healthz`;
dispatch runs in the thread pool so one slow request (a report's scrypt) never holds up the
others' acknowledgements.
"""

from __future__ import annotations

from fastapi import FastAPI, Request, Response
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool


def http_app(app: App) -> FastAPI:
    """A FastAPI app serving the Bolt app on `/slack/events`."""
    api = FastAPI(title="aktsom Slack", docs_url=None, redoc_url=None, openapi_url=None)

    @api.post("/slack/events")
    async def events(request: Request) -> Response:
        bolt_request = to_bolt_request(request, await request.body())
        return to_starlette_response(await run_in_threadpool(app.dispatch, bolt_request))

    @api.get("/slack/healthz")
    async def healthz() -> dict[str, bool]:
        return {"ok": True}

    return api


def socket_mode_handler(app: App, *, app_token: str) -> SocketModeHandler:
    """A Socket Mode connection for `app` (no public URL needed); call `.start()`."""
    return SocketModeHandler(app, app_token)
