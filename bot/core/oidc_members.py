"""Who is on the compliance team when signing in with OpenID Connect.

A sign-in stores `["oidc", <identity>]` in the session, and every team page asks
`OidcTeam.is_member(identity)` again, like the chat platforms' `Directory`. The identity is
the e-mail when the issuer says it is verified, else the token's `sub`: an unverified
e-mail could be anyone's, so it never matches a listed address.

Membership is either of:

- **Listed** (`AKTSOM_OIDC_COMPLIANCE_USERS`, e-mails or `sub` values): checked against the
  list on every request, so removing someone takes effect on their next request after a
  restart, whatever their session cookie says.
- **By group** (`AKTSOM_OIDC_COMPLIANCE_GROUP`): only the ID token says who is in the group
  (its `groups` claim, as Entra ID sends object ids), and only at sign-in. So a sign-in
  whose token shows the group records a *grant* for the identity here, and each request
  checks the grant: one that is older than `GROUP_GRANT_TTL_S`, or lost to a restart, means
  signing in again (fail closed), and a sign-in whose token no longer shows the group drops
  the grant at once. Removing someone from the group thus takes effect when the issuer next
  says so, within `GROUP_GRANT_TTL_S` at the latest. The cookie itself grants nothing: it
  names who signed in, never what they may do. Grants live in this process, so several web
  replicas need sticky sessions for group members (listed members work on any replica).

Usage::

    team = OidcTeam(users={"kari@example.com"}, group="4f1c...e2")
    identity = team.sign_in(claims)     # from the validated ID token
    team.is_member(identity)            # asked again on every request
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Mapping

from cachetools import TTLCache

GROUP_GRANT_TTL_S = 2 * 60 * 60
MAX_GROUP_GRANTS = 10_000


class OidcTeam:
    """The compliance team as OpenID Connect sign-ins show it: listed people and one group."""

    def __init__(
        self,
        *,
        users: Collection[str] = (),
        group: str | None = None,
        ttl_s: float = GROUP_GRANT_TTL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._users = frozenset(_normal(user) for user in users if user.strip())
        self._group = group
        self._grants: TTLCache[str, bool] = TTLCache(
            maxsize=MAX_GROUP_GRANTS, ttl=ttl_s, timer=clock
        )
        self._lock = threading.Lock()

    def sign_in(self, claims: Mapping[str, object]) -> str:
        """The identity a validated ID token names; records or drops its group grant.

        Whichever of the verified e-mail and `sub` the list names is the identity, so either
        may be listed; for anyone else it is the verified e-mail, else `sub`.
        """
        candidates = _identities(claims)
        identity = next((c for c in candidates if c in self._users), candidates[0])
        groups = claims.get("groups")
        in_group = bool(self._group) and isinstance(groups, list) and self._group in groups
        with self._lock:
            if in_group:
                self._grants[identity] = True
            else:
                self._grants.pop(identity, None)
        return identity

    def is_member(self, identity: str) -> bool:
        """Whether `identity` is on the team now: listed, or granted by the group lately."""
        if identity in self._users:
            return True
        with self._lock:
            return identity in self._grants


def _identities(claims: Mapping[str, object]) -> list[str]:
    """The token's verified e-mail (when there is one), then its `sub`."""
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub.strip():
        raise ValueError("the ID token names no subject")
    email = claims.get("email")
    if isinstance(email, str) and "@" in email and claims.get("email_verified") is True:
        return [_normal(email), _normal(sub)]
    return [_normal(sub)]


def _normal(value: str) -> str:
    """E-mails compare without case; `sub` values are compared exactly."""
    value = value.strip()
    return value.lower() if "@" in value else value
