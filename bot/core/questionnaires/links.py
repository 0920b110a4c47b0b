"""Questionnaire links: signed, expiring tokens that name one invitation and its nonce.

A link is `<AKTSOM_WEB_URL>/saq/<token>`. The token carries the invitation id and the nonce
of its current link, signed (itsdangerous) with a key derived from the register's keys, as
the dashboard's sign-in links are, and stamped with the time it was made: it is refused
after `Outreach.link_days`. The register then checks the nonce against the hash it keeps
and the invitation's own deadline and status (`storage.services.questionnaires`), so a
re-sent or cancelled invitation's older links stop working.

Usage::

    url = link_for(core, invitation_id=7, nonce=issued.nonce)
    invitation_id, nonce = read_token(core, token)     # LinkRefused when forged or expired
"""

from __future__ import annotations

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from bot.core.context import Core
from storage.errors import LinkRefused

SAQ_PATH = "/saq/"
DAY_S = 24 * 60 * 60


def issue_token(core: Core, *, invitation_id: int, nonce: str) -> str:
    """A token for the invitation's current link, valid for `link_days` from now."""
    return _serializer(core).dumps({"invitation": invitation_id, "nonce": nonce})


def link_for(core: Core, *, invitation_id: int, nonce: str) -> str:
    """The full link a supplier opens."""
    token = issue_token(core, invitation_id=invitation_id, nonce=nonce)
    return f"{core.outreach.web_url.rstrip('/')}{SAQ_PATH}{token}"


def read_token(core: Core, token: str) -> tuple[int, str]:
    """The invitation id and nonce a token carries; `LinkRefused` (`expired` or `invalid`)
    when it is too old, altered or not ours."""
    try:
        data = _serializer(core).loads(token, max_age=core.outreach.link_days * DAY_S)
    except SignatureExpired as error:
        raise LinkRefused("expired", "this questionnaire link has expired") from error
    except BadSignature as error:
        raise LinkRefused("invalid", "this questionnaire link is not valid") from error
    if not isinstance(data, dict) or not isinstance(data.get("invitation"), int):
        raise LinkRefused("invalid", "this questionnaire link is not valid")
    return data["invitation"], str(data.get("nonce", ""))


def _serializer(core: Core) -> URLSafeTimedSerializer:
    class CoreClockSigner(TimestampSigner):
        """Stamps and checks link ages by the core's clock, as every other deadline is."""

        def get_timestamp(self) -> int:
            return int(core.now().timestamp())

    return URLSafeTimedSerializer(
        core.derived_key("questionnaire-links"),
        salt="aktsom-questionnaire",
        signer=CoreClockSigner,
    )
