"""The public pages in Swedish: every text they show has a Swedish version with the same
placeholders, and a Swedish visitor reports and follows a case in Swedish."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup

from bot.core import messages, swedish
from bot.core.context import Core
from bot.web.app import create_app
from storage.models import CaseCategory, CaseOutcome, CaseStatus
from tests.fakes.asgi_server import serve

TEMPLATES = Path(messages.__file__).parents[1] / "web" / "templates"
PUBLIC_TEMPLATES = (
    "base.html",
    "problem.html",
    "report_form.html",
    "report_receipt.html",
    "status_form.html",
    "status_view.html",
    "request_form.html",
    "request_receipt.html",
)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def public_keys() -> set[str]:
    found = set()
    for name in PUBLIC_TEMPLATES:
        found |= set(re.findall(r't\("([a-z_.]+)"', (TEMPLATES / name).read_text()))
    return found - {"web.signout"} - {key for key in found if key.startswith("web.nav.")}


@pytest.mark.parametrize("key", sorted(public_keys()))
def test_every_text_on_a_public_page_has_swedish(key: str) -> None:
    assert key in swedish.TEXTS


@pytest.mark.parametrize("key", sorted(swedish.TEXTS))
def test_swedish_has_the_same_placeholders_as_english(key: str) -> None:
    english = messages.TEXTS[key][1]
    assert placeholders(swedish.TEXTS[key]) == placeholders(english)


def test_every_category_status_and_outcome_has_a_swedish_name() -> None:
    missing = [
        value for value in (*CaseCategory, *CaseStatus, *CaseOutcome) if value not in swedish.LABELS
    ]
    assert missing == []


@pytest.fixture
def web(core: Core) -> Iterator[httpx.Client]:
    with serve(create_app(core)) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def test_a_swedish_visitor_reports_and_reads_the_status_in_swedish(web: httpx.Client) -> None:
    page = web.get("/report?lang=sv")
    token = BeautifulSoup(page.text, "html.parser").find("input", {"name": "csrf"})["value"]
    assert "Tvångsarbete" in page.text and "Vad hände?" in page.text

    missing = web.post("/report?lang=sv", data={"csrf": token, "category": "other"})
    assert "Beskriv vad som hände." in missing.text

    done = web.post(
        "/report?lang=sv",
        data={"csrf": token, "category": "forced_labour", "description": "Passen tas."},
    )
    code = BeautifulSoup(done.text, "html.parser").find(id="receipt").get_text()
    status = web.post(
        "/report/status?lang=sv", data={"csrf": token, "receipt": code.replace(" ", "")}
    )
    assert "Mottaget" in status.text and "Inga meddelanden från compliance-teamet" in status.text


@pytest.mark.parametrize("path", ["/cases", "/requests", "/requests/1"])
def test_the_team_pages_offer_no_swedish(web: httpx.Client, path: str) -> None:
    page = web.get(f"{path}?lang=sv")

    assert 'lang="nb"' in page.text and "Svenska" not in page.text
