"""One-time sign-in links to the dashboard: short-lived, single-use, signed.

The bot sends one to a compliance member (`/aktsom dashboard`), or `aktsom dashboard-link
USER` prints one. The token names the person and a random nonce, is signed with a key
derived from the register's keys (itsdangerous), expires after `LINK_TTL_S`, and is
redeemed at most once: the nonce is claimed in the database, so a replayed link fails on
every replica.

Usage::

    link = issue_link(core, platform="slack", user_id="U1", base_url="https://aktsom.example")
    platform, user_id = redeem(core, token)
    record_sign_in(core, person=member, method="link")    # once the route knows they may
"""

from __future__ import annotations

import secrets

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from bot.core.context import Core
from bot.core.errors import CoreError, NotAllowed
from bot.core.people import Person
from storage.db import transaction
from storage.services import audit

LINK_TTL_S = 10 * 60
SIGNIN_PATH = "/signin/"


class LinkInvalid(CoreError):
    """The sign-in link is forged, expired or already used."""


def issue_link(core: Core, *, platform: str, user_id: str, base_url: str) -> str:
    """A link that signs `platform:user_id` in once, within `LINK_TTL_S`."""
    token = _serializer(core).dumps(
        {"platform": platform, "user": user_id, "nonce": secrets.token_hex(16)}
    )
    return f"{base_url.rstrip('/')}{SIGNIN_PATH}{token}"


def link_for(core: Core, *, person: Person, base_url: str) -> str:
    """A member's own sign-in link; anyone else is refused before a link exists."""
    if not person.compliance:
        raise NotAllowed("the dashboard is for the compliance team")
    return issue_link(core, platform=person.platform, user_id=person.user_id, base_url=base_url)


def redeem(core: Core, token: str) -> tuple[str, str]:
    """The person a link signs in; `LinkInvalid` when forged, expired or used before."""
    try:
        data = _serializer(core).loads(token, max_age=LINK_TTL_S)
    except SignatureExpired as error:
        raise LinkInvalid("the sign-in link has expired") from error
    except BadSignature as error:
        raise LinkInvalid("the sign-in link is not valid") from error
    if not core.first_delivery(f"signin:{data['nonce']}"):
        raise LinkInvalid("the sign-in link has already been used")
    return data["platform"], data["user"]


def record_sign_in(core: Core, *, person: Person, method: str) -> None:
    """Write a member's sign-in to the dashboard (`link` or `oidc`) to the audit trail."""
    with core.session() as session, transaction(session):
        audit.record(
            session,
            principal=person.principal,
            action="dashboard.signed_in",
            object_type="dashboard",
            details={"method": method},
            now=core.now(),
        )


def _serializer(core: Core) -> URLSafeTimedSerializer:
    class CoreClockSigner(TimestampSigner):
        """Stamps and checks link ages by the core's clock, as every other deadline is."""

        def get_timestamp(self) -> int:
            return int(core.now().timestamp())

    return URLSafeTimedSerializer(
        core.derived_key("dashboard-sign-in-links"),
        salt="aktsom-sign-in",
        signer=CoreClockSigner,
    )
