"""The web app: public report and follow-up pages, security headers, CSRF on every form.

Usage::

    api = create_app(core)
    uvicorn.run(api, host="127.0.0.1", port=8080, **SERVER_OPTIONS)

Sessions are signed cookies (HttpOnly, SameSite=Lax) keyed from the register's keys; they
hold only a CSRF token and a random id that the receipt-code limit counts wrong codes by.
No IP address or user agent is stored, and `aktsom web` runs without uvicorn's access log.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from bot.core import messages
from bot.core.context import Core
from bot.core.messages import plain
from bot.core.people import Lang, Person, choose_language

if TYPE_CHECKING:
    from bot.web.oidc import OidcConfig

HERE = Path(__file__).parent
SESSION_MAX_AGE_S = 2 * 60 * 60
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
SERVER_OPTIONS = {"access_log": False}
"""How uvicorn serves the app: no access log, so no visitor's IP address or browser is
written anywhere (`aktsom web`, and any process that mounts the app, use these)."""
PUBLIC_PATHS = ("/report", "/request", "/saq")
PAGE_LANGUAGES = {"nb": "Norsk", "en": "English", "sv": "Svenska"}
templates = Jinja2Templates(directory=HERE / "templates")  # autoescapes .html


def create_app(
    core: Core,
    *,
    members: Callable[[str, str], bool] = lambda platform, user_id: False,
    secure_cookies: bool = False,
    oidc: OidcConfig | None = None,
    organisation: str = "",
) -> FastAPI:
    """The web app for `core`.

    Args:
        members: whether `(platform, user_id)` is on the compliance team, asked on every
            team page (the chat adapters' `Directory.is_compliance`).
        secure_cookies: mark cookies Secure, when served over HTTPS (production).
        oidc: sign-in with an OpenID Connect issuer; without it, one-time links only.
        organisation: the organisation's description for the § 5 draft (settings).
    """
    from bot.web import insight, public, questionnaires, register, saq, team
    from bot.web import oidc as oidc_pages

    api = FastAPI(title="aktsom", docs_url=None, redoc_url=None, openapi_url=None)
    api.state.core = core
    api.state.members = members
    api.state.organisation = organisation
    api.state.oidc = oidc_pages.connect(oidc) if oidc else None
    api.add_middleware(
        SessionMiddleware,
        secret_key=core.derived_key("web-session-cookie"),
        session_cookie="aktsom_session",
        max_age=SESSION_MAX_AGE_S,
        same_site="lax",
        https_only=secure_cookies,
    )
    api.middleware("http")(_security_headers)
    api.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    api.include_router(public.router)
    api.include_router(oidc_pages.router)  # before team's, whose /signin/{token} is broader
    api.include_router(team.router)
    api.include_router(insight.router)
    api.include_router(register.router)
    api.include_router(saq.router)
    api.include_router(questionnaires.router)
    return api


def core_of(request: Request) -> Core:
    """The core the app was built with."""
    return request.app.state.core


def language(request: Request) -> Lang:
    """`?lang=` when given, else the browser's first language; Swedish on public pages only
    (the team's pages show Norwegian to a Swedish browser)."""
    chosen = request.query_params.get("lang")
    preferred = request.headers.get("accept-language", "").split(",")[0].strip().lower()
    if chosen not in PAGE_LANGUAGES:
        chosen = "sv" if preferred.startswith("sv") else choose_language(preferred or None)
    if chosen == "sv" and not is_public(request):
        return "nb"
    return chosen  # type: ignore[return-value]


def is_public(request: Request) -> bool:
    """Whether the page is one of the public ones, open without sign-in."""
    path = request.url.path
    return any(path == public or path.startswith(f"{public}/") for public in PUBLIC_PATHS)


def visitor(request: Request) -> Person:
    """A public visitor: no identity, only a random per-session id for the receipt limit."""
    session = request.session
    session.setdefault("visitor", secrets.token_hex(16))
    return Person("web", session["visitor"], language(request))


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use."""
    return request.session.setdefault("csrf", secrets.token_urlsafe(32))


def csrf_ok(request: Request, submitted: str | None) -> bool:
    """Whether a form carried this session's token."""
    expected = request.session.get("csrf")
    return bool(expected and submitted and hmac.compare_digest(expected, submitted))


def render(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    lang: Lang | None = None,
    **values: object,
) -> Response:
    """A page in the visitor's language (or `lang`, where the page knows better, as a
    questionnaire does), with `t()`, `day()` and `label()` for the template."""
    lang = lang or language(request)
    context = {
        "lang": lang,
        "languages": [
            (code, name)
            for code, name in PAGE_LANGUAGES.items()
            if code != lang and (code != "sv" or is_public(request))
        ],
        "t": lambda key, **more: plain(messages.text(lang, key, **more)),
        "day": lambda moment: messages.day(lang, moment),
        "label": lambda value: messages.label(lang, value),
        "csrf": csrf_token(request),
        **values,
    }
    return templates.TemplateResponse(request, template, context, status_code=status_code)


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
