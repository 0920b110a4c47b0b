"""A fake OpenID provider on loopback, so sign-in tests drive Authlib over real HTTP.

It serves a discovery document, its JWKS, `/authorize` (which approves at once as `user`
and redirects back with a code and the `state`) and `/token` (which checks the client's
secret, the single-use code, the redirect URI and the PKCE verifier, then returns an
RS256-signed ID token). Tests forge answers by changing `signing_key` or `overrides`.

Usage::

    with FakeIssuer(client_id="aktsom", client_secret="s3cret") as issuer:
        issuer.user = {"sub": "u1", "email": "kari@example.com", "email_verified": True}
        issuer.overrides = {"aud": "another-client"}     # every ID token from now on
        OidcConfig(discovery_url=issuer.discovery_url, ...)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from contextlib import ExitStack
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlencode

from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.fakes.asgi_server import serve

ID_TOKEN_TTL_S = 300


@dataclass(frozen=True)
class _Grant:
    """What `/authorize` approved, for `/token` to check and sign."""

    redirect_uri: str
    code_challenge: str
    claims: dict[str, object]


class FakeIssuer:
    """An OpenID provider that signs in whoever `user` is, no questions asked."""

    def __init__(self, *, client_id: str, client_secret: str) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = RSAKey.generate_key(2048, parameters={"kid": "fake-issuer-1"})
        self.signing_key = self.key
        self.user: dict[str, object] = {"sub": "nobody"}
        self.overrides: dict[str, object] = {}
        self.tokens_issued = 0
        self.url = ""
        self._codes: dict[str, _Grant] = {}
        self._stack = ExitStack()

    @property
    def discovery_url(self) -> str:
        """Where the discovery document is."""
        return f"{self.url}/.well-known/openid-configuration"

    def __enter__(self) -> FakeIssuer:
        self.url = self._stack.enter_context(serve(self._app()))
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stack.close()

    def _app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self._discovery),
                Route("/jwks", self._jwks),
                Route("/authorize", self._authorize),
                Route("/token", self._token, methods=["POST"]),
            ]
        )

    async def _discovery(self, request: Request) -> Response:
        return JSONResponse(
            {
                "issuer": self.url,
                "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token",
                "jwks_uri": f"{self.url}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            }
        )

    async def _jwks(self, request: Request) -> Response:
        return JSONResponse({"keys": [self.key.as_dict(private=False)]})

    async def _authorize(self, request: Request) -> Response:
        asked = request.query_params
        if (
            asked.get("response_type") != "code"
            or asked.get("client_id") != self.client_id
            or asked.get("code_challenge_method") != "S256"
            or not asked.get("code_challenge")
            or not asked.get("state")
            or "openid" not in asked.get("scope", "").split()
        ):
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        code = secrets.token_urlsafe(16)
        claims = {**self.user, "nonce": asked.get("nonce")}
        self._codes[code] = _Grant(asked["redirect_uri"], asked["code_challenge"], claims)
        query = urlencode({"code": code, "state": asked["state"]})
        return RedirectResponse(f"{asked['redirect_uri']}?{query}", status_code=302)

    async def _token(self, request: Request) -> Response:
        if not self._client_authenticated(request):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        form = await request.form()
        grant = self._codes.pop(str(form.get("code")), None)  # a code works once
        if (
            grant is None
            or form.get("grant_type") != "authorization_code"
            or form.get("redirect_uri") != grant.redirect_uri
            or _s256(str(form.get("code_verifier", ""))) != grant.code_challenge
        ):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        self.tokens_issued += 1
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": self.client_id,
            "iat": now,
            "exp": now + ID_TOKEN_TTL_S,
            **grant.claims,
            **self.overrides,
        }
        header = {"alg": "RS256", "kid": self.signing_key.kid}
        return JSONResponse(
            {
                "access_token": secrets.token_urlsafe(16),
                "token_type": "Bearer",
                "expires_in": ID_TOKEN_TTL_S,
                "id_token": jwt.encode(header, claims, self.signing_key),
            }
        )

    def _client_authenticated(self, request: Request) -> bool:
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        given = request.headers.get("authorization", "")
        return hmac.compare_digest(given, f"Basic {expected}")


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
