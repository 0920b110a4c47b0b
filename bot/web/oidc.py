"""Sign-in to the team's pages with OpenID Connect: Entra ID, Slack, Google Workspace, any
issuer with a discovery document.

`GET /signin` offers the issuer's button beside one-time links. `/signin/oidc` sends the
browser to the issuer (authorization code flow, PKCE with S256, `state` and `nonce` kept in
the signed session cookie by Authlib). `/signin/oidc/callback` has Authlib check `state`,
redeem the code with the PKCE verifier and validate the ID token: its signature against the
issuer's JWKS, `iss`, `aud`, `exp` and `nonce`. Who is on the team is the core's
(`OidcTeam`); a non-member's attempt is audited, and a failed or forged callback changes
nothing.

Usage::

    config = OidcConfig(
        discovery_url="https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration",
        client_id="...", client_secret="...",
        redirect_uri="https://aktsom.example/signin/oidc/callback", team=OidcTeam(group="..."),
    )
    create_app(core, members=members, oidc=config)
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App
from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from joserfc.errors import JoseError
from starlette.concurrency import run_in_threadpool

from bot.core import messages, signin
from bot.core.oidc_members import OidcTeam
from bot.settings import DEFAULT_OIDC_SCOPES
from bot.web.app import core_of, language, render
from bot.web.guard import person_of, problem, refused

try:  # Authlib talks to the issuer with httpx2 when it is installed, else with httpx
    from httpx2 import HTTPError
except ImportError:
    from httpx import HTTPError

CALLBACK_PATH = "/signin/oidc/callback"
ISSUER_NAMES = {
    "login.microsoftonline.com": "Microsoft",
    "slack.com": "Slack",
    "accounts.google.com": "Google",
}
SIGN_IN_FAILURES = (AuthlibBaseError, JoseError, HTTPError, ValueError, RuntimeError)
"""What a refused, forged or unreachable exchange raises: Authlib's OAuth errors (`state`,
the issuer's `error=`), joserfc's token errors, the network, bad JSON or metadata."""

router = APIRouter()
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OidcConfig:
    """One issuer's client registration, and who of its users is on the team.

    Args:
        redirect_uri: `<AKTSOM_WEB_URL>/signin/oidc/callback`, as registered with the issuer.
        team: the same `OidcTeam` that `create_app`'s `members` asks for platform "oidc".
    """

    discovery_url: str
    client_id: str
    client_secret: str | None
    redirect_uri: str
    team: OidcTeam
    scopes: str = DEFAULT_OIDC_SCOPES

    @property
    def issuer_name(self) -> str:
        """What the button calls the issuer: a known name, else the discovery URL's host."""
        host = urlsplit(self.discovery_url).hostname or self.discovery_url
        return ISSUER_NAMES.get(host, host)


@dataclass(frozen=True, slots=True)
class Issuer:
    """A configured issuer and the Authlib client that talks to it."""

    config: OidcConfig
    client: StarletteOAuth2App


def connect(config: OidcConfig) -> Issuer:
    """An Authlib client for `config`; it reads the discovery document on first use."""
    client = OAuth().register(
        name="oidc",
        client_id=config.client_id,
        client_secret=config.client_secret,
        server_metadata_url=config.discovery_url,
        client_kwargs={"scope": config.scopes, "code_challenge_method": "S256"},
    )
    return Issuer(config, client)


@router.get("/signin")
def choose(request: Request) -> Response:
    """How to sign in: the issuer's button when one is configured, and one-time links."""
    issuer = _issuer(request)
    return render(
        request,
        "signin_choice.html",
        title=messages.text(language(request), "web.signin.title"),
        issuer=issuer.config.issuer_name if issuer else None,
    )


@router.get("/signin/oidc")
async def start(request: Request) -> Response:
    """Send the browser to the issuer, with `state`, `nonce` and the PKCE challenge."""
    issuer = _issuer(request)
    lang = language(request)
    if issuer is None:
        return problem(request, messages.text(lang, "web.oidc.not_configured"), 404)
    try:
        return await issuer.client.authorize_redirect(request, issuer.config.redirect_uri)
    except SIGN_IN_FAILURES as error:
        log.warning("cannot reach the OpenID Connect issuer: %s", error)
        return problem(request, messages.text(lang, "web.oidc.unreachable"), 503)


@router.get(CALLBACK_PATH)
async def callback(request: Request) -> Response:
    """Sign the issuer's user in, if its answer is genuine and they are on the team."""
    issuer = _issuer(request)
    lang = language(request)
    if issuer is None:
        return problem(request, messages.text(lang, "web.oidc.not_configured"), 404)
    try:
        identity = issuer.config.team.sign_in(await _verified_claims(issuer, request))
    except SIGN_IN_FAILURES as error:
        log.warning("OpenID Connect sign-in refused: %s", error)
        return problem(request, messages.text(lang, "web.oidc.failed"), 403)
    person = person_of(request, "oidc", identity)
    if not person.compliance:
        return await run_in_threadpool(refused, request, person, "dashboard.sign_in")
    core = core_of(request)
    await run_in_threadpool(signin.record_sign_in, core, person=person, method="oidc")
    request.session["user"] = ["oidc", identity]
    return RedirectResponse("/cases", status_code=303)


def _issuer(request: Request) -> Issuer | None:
    return request.app.state.oidc


async def _verified_claims(issuer: Issuer, request: Request) -> Mapping[str, object]:
    """The ID token's claims once Authlib has checked `state`, PKCE, signature and claims."""
    metadata = await issuer.client.load_server_metadata()
    if not metadata.get("issuer"):
        raise ValueError("the discovery document names no issuer")
    # Authlib alone accepts a token for another audience when its `azp` names us, and its
    # own `iss` check gives way to any options passed: both are required here.
    options = {
        "iss": {"essential": True, "value": metadata["issuer"]},
        "aud": {"essential": True, "value": issuer.config.client_id},
    }
    token = await issuer.client.authorize_access_token(request, claims_options=options)
    if "userinfo" not in token:  # no ID token, e.g. scopes without "openid"
        raise ValueError("the issuer sent no ID token")
    return token["userinfo"]
