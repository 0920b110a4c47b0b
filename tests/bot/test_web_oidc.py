"""Sign-in to the team's pages with OpenID Connect, over real HTTP against a fake issuer:
members in, non-members refused and audited, forged answers refused, access re-checked."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from joserfc.jwk import RSAKey
from sqlalchemy import select

from bot.cli.web import oidc_config, team_members
from bot.core.context import Core
from bot.core.oidc_members import GROUP_GRANT_TTL_S, OidcTeam
from bot.core.people import Person
from bot.core.report import ReportForm, submit
from bot.settings import Settings
from bot.web.app import create_app
from bot.web.oidc import CALLBACK_PATH, OidcConfig
from storage.models import AuditEvent, Channel
from tests.fakes.asgi_server import serve
from tests.fakes.oidc_issuer import FakeIssuer

CLIENT_ID = "aktsom-dashboard"
CLIENT_SECRET = "fake-issuer-client-secret"
WEB_URL = "https://aktsom.example"
GROUP = "5e1f0c2a-compliance"
MEMBER = {"sub": "sub-kari", "email": "Kari@Example.com", "email_verified": True}
OUTSIDER = {"sub": "sub-ola", "email": "ola@example.com", "email_verified": True}
GROUPED = {"sub": "sub-gry", "groups": ["5e1f0c2a-other", GROUP]}


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def issuer() -> Iterator[FakeIssuer]:
    with FakeIssuer(client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as fake:
        fake.user = MEMBER
        yield fake


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def site(core: Core, issuer: FakeIssuer, clock: Clock) -> Iterator[str]:
    team = OidcTeam(users={"kari@example.com"}, group=GROUP, clock=clock)
    with serve(dashboard(core, issuer, team)) as url:
        yield url


@pytest.fixture
def browser(site: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site, timeout=30) as client:
        yield client


def dashboard(core: Core, issuer: FakeIssuer, team: OidcTeam) -> FastAPI:
    """The web app signing in with `issuer`, its members decided as `aktsom web` does."""
    config = OidcConfig(
        discovery_url=issuer.discovery_url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uri=WEB_URL + CALLBACK_PATH,
        team=team,
    )
    return create_app(core, members=team_members(Settings(), oidc=team), oidc=config)


def to_callback(browser: httpx.Client) -> str:
    """Press the issuer's button on /signin and come back: the callback's path and query."""
    choice = BeautifulSoup(browser.get("/signin").text, "html.parser")
    to_issuer = browser.get(choice.find("a", id="oidc")["href"])
    assert to_issuer.status_code == 302
    back = browser.get(to_issuer.headers["location"])
    assert back.status_code == 302 and back.headers["location"].startswith(WEB_URL)
    return back.headers["location"].removeprefix(WEB_URL)


def follow(browser: httpx.Client, path: str) -> httpx.Response:
    """GET `path` and the redirects after it, as a browser would."""
    response = browser.get(path)
    while response.is_redirect:
        response = browser.get(response.headers["location"])
    return response


def sign_in(browser: httpx.Client) -> httpx.Response:
    return follow(browser, to_callback(browser))


def a_case(core: Core) -> str:
    stored = submit(
        core,
        person=Person("slack", "UEMP", "en"),
        form=ReportForm(description="Passene holdes tilbake", category="forced_labour"),
        channel=Channel.SLACK,
    )
    return stored.reference


def refusals(core: Core) -> list[tuple[str, str]]:
    """Who was refused, and what they tried, as the audit trail says."""
    denied = select(AuditEvent).where(AuditEvent.action == "access.denied")
    with core.session() as session:
        return [(e.actor, e.details["attempted"]) for e in session.scalars(denied)]


def test_a_member_signs_in_and_sees_open_cases(core: Core, browser: httpx.Client) -> None:
    reference = a_case(core)

    page = sign_in(browser)

    assert page.status_code == 200 and str(page.url).endswith("/cases")
    assert reference in page.text
    signed_in = select(AuditEvent).where(AuditEvent.action == "dashboard.signed_in")
    with core.session() as session:
        [event] = session.scalars(signed_in)
    assert event.details == {"method": "oidc"} and event.actor.startswith("oidc:kari")


def test_a_non_member_gets_403_and_the_attempt_is_audited(
    core: Core, issuer: FakeIssuer, browser: httpx.Client
) -> None:
    issuer.user = OUTSIDER

    page = sign_in(browser)

    assert page.status_code == 403 and "not on the team" in page.text
    assert refusals(core) == [("oidc:ola@example.com", "dashboard.sign_in")]
    assert browser.get("/cases").status_code == 401


def test_an_unverified_email_does_not_match_a_listed_member(
    issuer: FakeIssuer, browser: httpx.Client
) -> None:
    issuer.user = {"sub": "sub-eve", "email": "kari@example.com", "email_verified": False}

    assert sign_in(browser).status_code == 403
    assert browser.get("/cases").status_code == 401


def test_a_tampered_state_is_refused_and_nobody_is_signed_in(
    issuer: FakeIssuer, browser: httpx.Client
) -> None:
    callback = re.sub(r"state=[^&]+", "state=forged", to_callback(browser))

    page = follow(browser, callback)

    assert page.status_code == 403 and "could not be verified" in page.text
    assert issuer.tokens_issued == 0
    assert browser.get("/cases").status_code == 401


def test_a_callback_begun_in_another_browser_is_refused(
    issuer: FakeIssuer, browser: httpx.Client, site: str
) -> None:
    issuer.user = OUTSIDER
    with httpx.Client(base_url=site) as attacker:
        planted = to_callback(attacker)  # a genuine code and state, for the attacker's session

    page = follow(browser, planted)

    assert page.status_code == 403 and "could not be verified" in page.text
    assert issuer.tokens_issued == 0
    assert browser.get("/cases").status_code == 401


def test_an_id_token_signed_by_another_key_is_refused(
    issuer: FakeIssuer, browser: httpx.Client
) -> None:
    issuer.signing_key = RSAKey.generate_key(2048, parameters={"kid": issuer.key.kid})

    page = sign_in(browser)

    assert page.status_code == 403 and "could not be verified" in page.text
    assert browser.get("/cases").status_code == 401


@pytest.mark.parametrize(
    "forged",
    [
        # Naming us as the authorized party must not make another audience's token ours.
        pytest.param(lambda: {"aud": "another-client", "azp": CLIENT_ID}, id="another-audience"),
        pytest.param(lambda: {"iss": "https://elsewhere.example"}, id="another-issuer"),
        pytest.param(lambda: {"exp": int(time.time()) - 3600}, id="expired"),
        pytest.param(lambda: {"nonce": "from-another-sign-in"}, id="another-nonce"),
    ],
)
def test_an_id_token_with_a_wrong_claim_is_refused(
    issuer: FakeIssuer, browser: httpx.Client, forged: Callable[[], dict[str, object]]
) -> None:
    issuer.overrides = forged()

    page = sign_in(browser)

    assert page.status_code == 403 and "could not be verified" in page.text
    assert browser.get("/cases").status_code == 401


def test_an_error_from_the_issuer_is_refused(browser: httpx.Client) -> None:
    state = re.search(r"state=([^&]+)", to_callback(browser))[1]

    page = follow(browser, f"{CALLBACK_PATH}?error=access_denied&state={state}")

    assert page.status_code == 403 and "could not be verified" in page.text
    assert browser.get("/cases").status_code == 401


def test_a_removed_member_loses_access_on_the_next_request(
    core: Core, issuer: FakeIssuer, browser: httpx.Client
) -> None:
    assert sign_in(browser).status_code == 200
    restarted = dashboard(core, issuer, OidcTeam(users={"someone.else@example.com"}))

    with serve(restarted) as url, httpx.Client(base_url=url, cookies=browser.cookies) as again:
        refused = again.get("/cases?lang=en")
        after = again.get("/cases")

    assert refused.status_code == 403 and "not on the team" in refused.text
    assert refusals(core) == [("oidc:kari@example.com", "dashboard.get")]
    assert after.status_code == 401


def test_a_group_member_signs_in_by_the_tokens_groups_claim(
    issuer: FakeIssuer, browser: httpx.Client
) -> None:
    issuer.user = GROUPED

    page = sign_in(browser)

    assert page.status_code == 200 and str(page.url).endswith("/cases")


def test_leaving_the_group_ends_access_once_the_issuer_says_so(
    issuer: FakeIssuer, browser: httpx.Client, site: str
) -> None:
    issuer.user = GROUPED
    sign_in(browser)
    issuer.user = {**GROUPED, "groups": ["5e1f0c2a-other"]}

    with httpx.Client(base_url=site) as phone:
        assert sign_in(phone).status_code == 403

    assert browser.get("/cases").status_code == 403


def test_a_group_grant_lasts_no_longer_than_its_ttl(
    issuer: FakeIssuer, browser: httpx.Client, clock: Clock
) -> None:
    issuer.user = GROUPED
    sign_in(browser)

    clock.now += GROUP_GRANT_TTL_S + 1

    assert browser.get("/cases").status_code == 403


def test_an_unreachable_issuer_gives_a_clear_page(core: Core) -> None:
    config = OidcConfig(
        discovery_url="http://127.0.0.1:9/.well-known/openid-configuration",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uri=WEB_URL + CALLBACK_PATH,
        team=OidcTeam(users={"kari@example.com"}),
    )
    with serve(create_app(core, oidc=config)) as url, httpx.Client(base_url=url) as browser:
        page = browser.get("/signin/oidc?lang=en")

    assert page.status_code == 503 and "not answering" in page.text


def test_without_oidc_signin_explains_one_time_links(core: Core) -> None:
    with serve(create_app(core)) as url, httpx.Client(base_url=url) as browser:
        choice = browser.get("/signin?lang=en")
        start = browser.get("/signin/oidc?lang=en")

    assert choice.status_code == 200 and "one-time link" in choice.text
    assert BeautifulSoup(choice.text, "html.parser").find("a", id="oidc") is None
    assert start.status_code == 404 and "not set up" in start.text


def test_aktsom_web_builds_the_client_and_the_team_from_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AKTSOM_WEB_URL", "https://aktsom.example/")
    monkeypatch.setenv(
        "AKTSOM_OIDC_DISCOVERY_URL", "https://slack.com/.well-known/openid-configuration"
    )
    monkeypatch.setenv("AKTSOM_OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("AKTSOM_OIDC_COMPLIANCE_USERS", "Kari@Example.com, sub-per")

    config = oidc_config(Settings())

    assert config is not None and config.issuer_name == "Slack"
    assert config.redirect_uri == "https://aktsom.example/signin/oidc/callback"
    assert config.team.is_member("kari@example.com") and config.team.is_member("sub-per")
    assert team_members(Settings())("oidc", "sub-per")
