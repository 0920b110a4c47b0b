"""The public report pages over real HTTP: report, receipt once, follow, reply; CSRF and
security headers; document-like text shown verbatim (autoescaped)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from bot.core.context import Core
from bot.core.people import Person
from bot.core.review import ReviewAction, act
from bot.web.app import create_app
from storage.models import Case, CaseMessage, Channel
from tests.fakes.asgi_server import serve

STORY = "Sjåførene <b>må</b> levere passet til byrået *XYZZY* [ikke] `rm -rf` https://evil.example"


@pytest.fixture
def web(core: Core) -> Iterator[httpx.Client]:
    with serve(create_app(core)) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def csrf(page: httpx.Response) -> str:
    return BeautifulSoup(page.text, "html.parser").find("input", {"name": "csrf"})["value"]


def submit(web: httpx.Client, **fields: str) -> httpx.Response:
    page = web.get("/report?lang=en")
    return web.post("/report?lang=en", data={"csrf": csrf(page), **fields})


def receipt_of(page: httpx.Response) -> str:
    return BeautifulSoup(page.text, "html.parser").find(id="receipt").get_text().replace(" ", "")


def test_report_page_says_what_is_kept_and_sends_security_headers(web: httpx.Client) -> None:
    page = web.get("/report?lang=en")

    assert page.status_code == 200
    assert "does not store your IP address" in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_a_report_is_stored_anonymously_and_the_receipt_shown_once(
    web: httpx.Client, core: Core
) -> None:
    page = submit(web, category="forced_labour", description=STORY, country="Qatar")

    assert page.status_code == 200
    code = receipt_of(page)
    assert re.fullmatch(r"\d{16}", code)
    with core.session() as session:
        [case] = session.scalars(select(Case)).all()
    assert case.channel == Channel.WEB and case.anonymous and case.reporter is None
    assert case.reference in page.text and case.country == "QA"
    assert STORY not in page.text


def test_a_missing_description_is_shown_beside_the_field_and_nothing_typed_is_lost(
    web: httpx.Client, core: Core
) -> None:
    page = submit(
        web, category="wages_and_benefits", description=" ", supplier="Nordvev", country="Atlantis"
    )

    assert page.status_code == 422
    soup = BeautifulSoup(page.text, "html.parser")
    assert len(soup.select("p.error")) == 2
    assert soup.find(id="supplier")["value"] == "Nordvev"
    with core.session() as session:
        assert session.scalars(select(Case)).all() == []


def test_a_forged_csrf_token_changes_nothing(web: httpx.Client, core: Core) -> None:
    web.get("/report")
    page = web.post("/report", data={"csrf": "forged", "description": STORY})

    assert page.status_code == 403
    assert STORY.split(" ")[0] in page.text  # the text is kept in the form, not lost
    with core.session() as session:
        assert session.scalars(select(Case)).all() == []


def test_the_reporter_reads_the_team_reply_verbatim_and_answers(
    web: httpx.Client, core: Core
) -> None:
    code = receipt_of(submit(web, description="Lønn mangler for mars."))
    with core.session() as session:
        reference = session.scalar(select(Case.reference))
    act(
        core,
        person=Person("slack", "UOFFICER", "nb", compliance=True),
        reference=reference,
        action=ReviewAction.WRITE,
        body=STORY,
    )

    form = web.get("/report/status?lang=en")
    shown = web.post("/report/status?lang=en", data={"csrf": csrf(form), "receipt": code})

    assert shown.status_code == 200
    message = BeautifulSoup(shown.text, "html.parser").select_one("div.message").get_text()
    assert STORY in message
    sealed = BeautifulSoup(shown.text, "html.parser").find("input", {"name": "sealed"})["value"]
    assert code not in shown.text.replace(" ", "")
    replied = web.post(
        "/report/status/reply?lang=en",
        data={"csrf": csrf(shown), "sealed": sealed, "reply": "Det gjelder nattskiftet."},
    )
    assert reference in replied.text
    with core.session() as session:
        assert len(session.scalars(select(CaseMessage)).all()) == 2


def test_an_unknown_receipt_is_a_clear_refusal(web: httpx.Client) -> None:
    form = web.get("/report/status?lang=en")
    page = web.post(
        "/report/status?lang=en", data={"csrf": csrf(form), "receipt": "1234567812345678"}
    )

    assert page.status_code == 400
    assert "No case has this receipt code" in page.text


def test_the_page_follows_the_browser_language(web: httpx.Client) -> None:
    page = web.get("/report", headers={"Accept-Language": "nb-NO,nb;q=0.9"})

    assert "lagrer ikke IP-adressen" in page.text and '<html lang="nb">' in page.text
