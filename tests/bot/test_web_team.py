"""The team's pages over real HTTP: one-time sign-in links, the case list, a case opened
(audited), replies and closing; refusals for non-members, replayed or forged links, CSRF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from bot.core.context import Core
from bot.core.people import Person
from bot.core.report import ReportForm, submit
from bot.core.signin import issue_link
from bot.web.app import create_app
from storage.models import AuditEvent, Case, CaseStatus, Channel
from tests.bot.conftest import fixed_clock
from tests.bot.webclient import OFFICER, csrf, sign_in
from tests.fakes.asgi_server import serve

STORY = "Passene <script>alert(1)</script> holdes tilbake av byrået"


@pytest.fixture
def site(core: Core) -> Iterator[str]:
    members = lambda platform, user: (platform, user) == ("slack", OFFICER)  # noqa: E731
    with serve(create_app(core, members=members)) as url:
        yield url


@pytest.fixture
def browser(site: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site, timeout=30, follow_redirects=True) as client:
        yield client


def a_case(core: Core) -> str:
    stored = submit(
        core,
        person=Person("slack", "UEMP", "en"),
        form=ReportForm(description=STORY, category="forced_labour"),
        channel=Channel.SLACK,
    )
    return stored.reference


def actions(core: Core) -> list[tuple[str, str]]:
    with core.session() as session:
        return [(e.actor, e.action) for e in session.scalars(select(AuditEvent))]


def test_a_member_signs_in_and_sees_open_cases(
    browser: httpx.Client, core: Core, site: str
) -> None:
    reference = a_case(core)

    page = sign_in(browser, core, site)

    assert page.status_code == 200 and str(page.url).endswith("/cases")
    assert reference in page.text and "Forced labour" in page.text
    assert ("slack:UOFFICER", "dashboard.signed_in") in actions(core)
    assert "holdes tilbake" not in page.text  # contents only on the audited case page


def test_opening_a_case_is_audited_and_contents_are_escaped(
    browser: httpx.Client, core: Core, site: str
) -> None:
    reference = a_case(core)
    sign_in(browser, core, site)

    page = browser.get(f"/cases/{reference}?lang=en")

    assert page.status_code == 200
    description = BeautifulSoup(page.text, "html.parser").find(id="description").get_text()
    assert STORY in description and "<script>alert" not in page.text
    assert ("slack:UOFFICER", "case.read") in actions(core)


def test_acknowledge_reply_and_close_from_the_case_page(
    browser: httpx.Client, core: Core, site: str
) -> None:
    reference = a_case(core)
    sign_in(browser, core, site)
    page = browser.get(f"/cases/{reference}?lang=en")

    for data in (
        {"action": "acknowledge"},
        {"action": "write", "body": "Vi undersøker."},
        {"action": "close", "outcome": "substantiated"},
    ):
        page = browser.post(f"/cases/{reference}?lang=en", data={"csrf": csrf(page), **data})
        assert page.status_code == 200

    with core.session() as session:
        case = session.scalar(select(Case))
        assert case.status == CaseStatus.CLOSED and len(case.messages) == 1
    assert "closed" in page.text.lower()


def test_a_link_works_once(browser: httpx.Client, core: Core, site: str) -> None:
    link = issue_link(core, platform="slack", user_id=OFFICER, base_url=site)
    page = browser.get(link.removeprefix(site))
    token = BeautifulSoup(page.text, "html.parser").find("input", {"name": "token"})["value"]

    first = browser.post("/signin?lang=en", data={"csrf": csrf(page), "token": token})
    with httpx.Client(base_url=site, follow_redirects=True) as other:
        again_page = other.get(link.removeprefix(site))
        again = other.post("/signin?lang=en", data={"csrf": csrf(again_page), "token": token})

    assert first.status_code == 200
    assert again.status_code == 403 and "already used" in again.text


def test_an_expired_link_is_refused_and_signs_no_one_in(
    browser: httpx.Client, core: Core, site: str
) -> None:
    issued = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    core.clock = fixed_clock(issued)
    link = issue_link(core, platform="slack", user_id=OFFICER, base_url=site)
    page = browser.get(link.removeprefix(site))
    token = BeautifulSoup(page.text, "html.parser").find("input", {"name": "token"})["value"]
    core.clock = fixed_clock(issued + timedelta(minutes=11))

    refused = browser.post("/signin?lang=en", data={"csrf": csrf(page), "token": token})

    assert refused.status_code == 403 and "expired" in refused.text.lower()
    assert browser.get("/cases").status_code == 401


def test_a_forged_link_is_refused(browser: httpx.Client, site: str) -> None:
    page = browser.get("/signin/forged-token")
    refused = browser.post("/signin?lang=en", data={"csrf": csrf(page), "token": "forged-token"})

    assert refused.status_code == 403 and "not valid" in refused.text
    assert browser.get("/cases").status_code == 401


def test_a_non_member_gets_403_and_the_attempt_is_audited(
    browser: httpx.Client, core: Core, site: str
) -> None:
    page = sign_in(browser, core, site, user="UEMPLOYEE")

    assert page.status_code == 403 and "not on the team" in page.text
    assert ("slack:UEMPLOYEE", "access.denied") in actions(core)
    assert browser.get("/cases").status_code == 401


def test_a_forged_csrf_token_changes_nothing(browser: httpx.Client, core: Core, site: str) -> None:
    reference = a_case(core)
    sign_in(browser, core, site)

    page = browser.post(f"/cases/{reference}", data={"csrf": "forged", "action": "acknowledge"})

    assert page.status_code == 403
    with core.session() as session:
        assert session.scalar(select(Case.status)) == CaseStatus.RECEIVED
