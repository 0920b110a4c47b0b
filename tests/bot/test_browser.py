"""The web pages in headless Chromium, as their users meet them: a member signs in with a
one-time link, opens a case, replies and closes it; a reporter sends a report, reads the
team's reply with the receipt and answers; a § 6 request reaches the team's list.

Screenshots land in tests/artifacts/screenshots/ (see tests/bot/browser.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.core.context import Core
from bot.core.people import Person
from bot.core.review import ReviewAction, act, home, open_case
from bot.core.signin import issue_link
from bot.web.app import create_app
from tests.bot.browser import snapshot
from tests.bot.webclient import OFFICER
from tests.fakes.asgi_server import serve

MEMBER = Person("slack", OFFICER, "en", compliance=True)


@pytest.fixture
def site(core: Core) -> Iterator[str]:
    members = lambda platform, user: (platform, user) == ("slack", OFFICER)  # noqa: E731
    with serve(create_app(core, members=members)) as url:
        yield url


def sign_in(tab, core: Core, site: str) -> None:
    tab.goto(issue_link(core, platform="slack", user_id=OFFICER, base_url=site))
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(re.compile(r"/cases"))


def report(tab, site: str, story: str) -> str:
    """Send a report on the public page; returns the receipt code shown."""
    tab.goto(f"{site}/report?lang=en")
    tab.select_option("#category", "wages_and_benefits")
    tab.fill("#supplier", "Nordvev")
    tab.fill("#description", story)
    tab.get_by_role("button", name="Send").click()
    code = tab.locator("#receipt").inner_text()
    assert re.fullmatch(r"[\d ]{19}", code)
    return code.replace(" ", "")


def test_a_member_opens_a_case_replies_and_closes_it(tab, core: Core, site: str) -> None:
    report(tab, site, "Overtid betales ikke <b>ut</b>.")
    sign_in(tab, core, site)
    snapshot(tab, "team-cases")

    tab.locator("#cases a").first.click()
    assert "Overtid betales ikke <b>ut</b>." in tab.locator("#description").inner_text()
    tab.get_by_role("button", name="Acknowledge").click()
    tab.fill("#body", "Takk. Hvilken avdeling gjelder det?")
    tab.get_by_role("button", name="Write to reporter").click()
    assert "Takk. Hvilken avdeling" in tab.locator("#timeline").inner_text()
    snapshot(tab, "team-case")
    tab.select_option("#outcome", "substantiated")
    tab.get_by_role("button", name="Close case").click()

    assert "Closed" in tab.locator("dl").inner_text()
    history = tab.locator("#timeline").inner_text()
    assert history.index("Acknowledged") < history.index("Takk.") < history.index("Closed")


def test_a_member_sees_the_statistics_charts_render(tab, core: Core, site: str) -> None:
    report(tab, site, "Lønn utbetales for sent.")
    sign_in(tab, core, site)

    tab.get_by_role("link", name="Statistics").click()
    tab.wait_for_load_state("load")

    charts = tab.locator("main img")
    assert charts.count() >= 4
    for index in range(charts.count()):
        assert charts.nth(index).evaluate("image => image.complete && image.naturalWidth > 0")
    assert "Wages and benefits" in tab.locator("#table-categories").inner_text()
    snapshot(tab, "team-statistics")


def test_a_reporter_reads_the_reply_with_the_receipt_and_answers(
    tab, core: Core, site: str
) -> None:
    code = report(tab, site, "Passene holdes tilbake.")
    snapshot(tab, "public-receipt")
    [row] = home(core, person=MEMBER).cases
    act(core, person=MEMBER, reference=row.reference, action=ReviewAction.ACKNOWLEDGE)
    act(
        core,
        person=MEMBER,
        reference=row.reference,
        action=ReviewAction.WRITE,
        body="Hvilket lager?",
    )

    tab.goto(f"{site}/report/status?lang=en")
    tab.fill("#receipt", code)
    tab.get_by_role("button", name="Show").click()
    assert "Hvilket lager?" in tab.locator("main").inner_text()
    tab.fill("#reply", "Lageret i Drammen.")
    tab.get_by_role("button", name="Send reply").click()

    assert "Your reply has been added" in tab.locator("main").inner_text()
    case = open_case(core, person=MEMBER, reference=row.reference)
    assert [message.body for message in case.messages] == ["Hvilket lager?", "Lageret i Drammen."]


def test_a_request_sent_on_the_public_page_appears_on_the_teams_list(
    tab, core: Core, site: str
) -> None:
    tab.goto(f"{site}/request?lang=en")
    snapshot(tab, "public-request")
    tab.fill("#requester", "Kari Nordmann")
    tab.fill("#contact", "kari@example.no")
    tab.fill("#question", "Hvilke fabrikker syr arbeidsklærne?")
    tab.get_by_role("button", name="Send the request").click()
    told = tab.locator("#request-reference").inner_text()
    due = re.search(r"by (\d+ \w+ \d{4})", told).group(1)

    sign_in(tab, core, site)
    tab.goto(f"{site}/requests?lang=en")

    row = tab.locator("#requests tbody tr").first
    assert "Kari Nordmann" in row.inner_text() and due in row.inner_text()
    assert row.locator("td").last.inner_text() == "21"
    snapshot(tab, "team-requests")
