"""The team's statistics, exports and § 5 draft over real HTTP: pages, SVG charts, downloads
as attachments; contents only by a ticked, CSRF-checked form; non-members refused, audited."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from bs4 import BeautifulSoup
from docx import Document
from sqlalchemy import select

from bot.core.context import Core
from bot.core.signin import issue_link
from bot.web.app import CONTENT_SECURITY_POLICY, create_app
from storage.models import AuditEvent, CaseCategory, Channel
from storage.principal import Principal, Role
from storage.services import cases
from storage.services.case_schemas import CaseCreate
from tests.bot.conftest import fixed_clock
from tests.fakes.asgi_server import serve

OFFICER = "UOFFICER"
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
RECEIVED = datetime(2026, 2, 10, 9, 0, tzinfo=UTC)
STORY = "Arbeiderne på linje 4 får ikke gå hjem før kvoten er nådd"


@pytest.fixture
def team() -> set[str]:
    """The compliance team's Slack ids; a test may remove someone."""
    return {OFFICER}


@pytest.fixture
def site(core: Core, team: set[str]) -> Iterator[str]:
    core.clock = fixed_clock(NOW)
    members = lambda platform, user: platform == "slack" and user in team  # noqa: E731
    app = create_app(core, members=members, organisation="Arbeidsklær AS syr uniformer.")
    with serve(app) as url:
        yield url


@pytest.fixture
def browser(site: str, core: Core) -> Iterator[httpx.Client]:
    """A browser signed in as the officer."""
    with httpx.Client(base_url=site, timeout=30, follow_redirects=True) as client:
        link = issue_link(core, platform="slack", user_id=OFFICER, base_url=site)
        page = client.get(link.removeprefix(site))
        token = BeautifulSoup(page.text, "html.parser").find("input", {"name": "token"})["value"]
        client.post("/signin?lang=en", data={"csrf": csrf(page), "token": token})
        yield client


@pytest.fixture
def late_case(core: Core) -> str:
    """A case acknowledged on day 9, i.e. late."""
    officer = Principal("slack", OFFICER, frozenset({Role.COMPLIANCE}))
    with core.session() as session:
        reference = cases.submit_report(
            session,
            principal=officer,
            data=CaseCreate(
                category=CaseCategory.FORCED_LABOUR,
                description=STORY,
                channel=Channel.WEB,
                supplier_name="Dhaka Knit",
            ),
            now=RECEIVED,
        ).reference
        cases.acknowledge_case(
            session, principal=officer, reference=reference, now=RECEIVED + timedelta(days=9)
        )
    return reference


def csrf(page: httpx.Response) -> str:
    return BeautifulSoup(page.text, "html.parser").find("input", {"name": "csrf"})["value"]


def actions(core: Core) -> list[tuple[str, str, dict]]:
    with core.session() as session:
        return [(e.actor, e.action, e.details) for e in session.scalars(select(AuditEvent))]


def cells(page: httpx.Response, table: str) -> dict[str, list[str]]:
    """Each body row of a table by its header cell, with the row's other cells."""
    rows = BeautifulSoup(page.text, "html.parser").find(id=table).find("tbody").find_all("tr")
    return {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row("td")] for row in rows
    }


def test_the_statistics_page_has_charts_and_the_figures_as_tables(
    browser: httpx.Client, late_case: str
) -> None:
    page = browser.get("/statistics?year=2026&lang=en")

    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    deadlines = cells(page, "table-deadlines")
    assert deadlines["Acknowledge receipt (7 days)"] == ["0", "1", "0", "0", "9"]
    assert cells(page, "table-categories")["Forced labour"] == ["1"]
    assert cells(page, "table-months")["Feb"] == ["1"]
    images = BeautifulSoup(page.text, "html.parser").find_all("img")
    assert [image["src"].split("?")[0] for image in images] == [
        "/statistics/categories.svg",
        "/statistics/months.svg",
        "/statistics/deadlines.svg",
        "/statistics/tasks.svg",
    ]
    assert all(image["alt"] for image in images)
    chart = browser.get(images[2]["src"])
    assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml"
    assert "Acknowledge receipt (7 days)" in chart.text and "<script" not in chart.text
    assert "script-src" not in chart.headers["content-security-policy"]  # none may run
    assert "default-src 'none'" in chart.headers["content-security-policy"]


def test_the_page_is_in_norwegian_for_a_norwegian_member(
    browser: httpx.Client, late_case: str
) -> None:
    page = browser.get("/statistics?year=2026&lang=nb")

    assert cells(page, "table-deadlines")["Bekrefte mottak (7 dager)"][1] == "1"
    assert "Tvangsarbeid" in browser.get("/statistics/categories.svg?year=2026&lang=nb").text


@pytest.mark.parametrize(
    "path",
    [
        "/statistics",
        "/statistics/tasks.svg",
        "/exports",
        "/exports/cases.csv",
        "/account/2026.docx",
    ],
)
def test_a_removed_member_gets_403_and_the_attempt_is_audited(
    browser: httpx.Client, core: Core, team: set[str], path: str
) -> None:
    team.clear()

    page = browser.get(path)

    assert page.status_code == 403 and "content-disposition" not in page.headers
    assert (
        "slack:UOFFICER",
        "access.denied",
        {"attempted": "dashboard.get", "needs": ["compliance"]},
    ) in actions(core)


def test_a_csv_download_is_an_attachment_without_case_contents(
    browser: httpx.Client, core: Core, late_case: str
) -> None:
    download = browser.get("/exports/cases.csv?lang=nb")

    assert download.status_code == 200
    assert download.headers["content-disposition"] == (
        'attachment; filename="aktsom-cases-2026-06-15.csv"'
    )
    text = download.content.decode("utf-8-sig")
    assert late_case in text and "Dhaka Knit" in text and "linje 4" not in text
    assert not [event for event in actions(core) if event[1] == "export.contents"]


def test_contents_need_a_ticked_box_and_a_csrf_token_and_are_audited(
    browser: httpx.Client, core: Core, late_case: str
) -> None:
    page = browser.get("/exports?lang=nb")
    token = csrf(page)

    forged = browser.post("/exports/cases.csv", data={"csrf": "forged", "contents": "yes"})
    unticked = browser.post("/exports/cases.csv", data={"csrf": token})
    assert (forged.status_code, unticked.status_code) == (403, 422)
    assert not [event for event in actions(core) if event[1] == "export.contents"]

    download = browser.post("/exports/cases.csv?lang=nb", data={"csrf": token, "contents": "yes"})

    assert download.headers["content-disposition"].startswith("attachment;")
    assert STORY in download.content.decode("utf-8-sig")
    assert ("slack:UOFFICER", "export.contents", {"cases": 1}) in actions(core)


def test_the_exports_page_offers_every_download(browser: httpx.Client) -> None:
    page = BeautifulSoup(browser.get("/exports?lang=en").text, "html.parser")

    links = {a["href"] for a in page.find(id="downloads").find_all("a")}
    assert "/exports/requests.xlsx?lang=en" in links and "/exports/deviations.csv?lang=en" in links
    accounts = {a["href"] for a in page.find(id="account").find_all("a")}
    assert {"/account/2025.docx", "/account/2026.md?lang=en"} <= accounts
    form = page.find(id="contents")
    assert form["method"] == "post" and form.find("input", {"name": "csrf"})["value"]
    assert form.find("input", {"type": "checkbox", "name": "contents"}).has_attr("required")


def test_the_account_draft_downloads_as_docx_and_markdown(
    browser: httpx.Client, late_case: str
) -> None:
    docx = browser.get("/account/2026.docx")
    markdown = browser.get("/account/2026.md?lang=en")

    assert docx.headers["content-disposition"] == (
        'attachment; filename="redegjorelse-apenhetsloven-2026.docx"'
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "[SIGNATUR: daglig leder, navn]" in text and "Arbeidsklær AS syr uniformer." in text
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert "[SIGNATURE: chair of the board, name]" in markdown.text
    assert "linje 4" not in markdown.text and "linje 4" not in text


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/statistics/pie.svg", 404),
        ("/exports/passwords.csv", 404),
        ("/exports/cases.pdf", 404),
        ("/account/2026.pdf", 404),
        ("/account/2019.md", 422),
        ("/statistics?year=2031", 422),
    ],
)
def test_unknown_downloads_and_years_are_refused(
    browser: httpx.Client, path: str, status: int
) -> None:
    assert browser.get(path).status_code == status


def test_signed_out_visitors_get_401(site: str) -> None:
    with httpx.Client(base_url=site) as client:
        assert client.get("/exports/cases.csv").status_code == 401
        assert client.get("/statistics").status_code == 401
