"""The cap on public submissions: a flood of reports or requests is refused with a clear
message and nothing typed is lost; chat reports, from signed-in users, are not capped."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from bot.core.context import Core
from bot.core.flood import FloodGuard
from bot.core.people import Person
from bot.core.report import ReportForm, submit
from bot.web.app import create_app
from storage.models import Case, Channel, InformationRequest
from tests.bot.webclient import csrf
from tests.fakes.asgi_server import serve


@pytest.fixture
def web(core: Core) -> Iterator[httpx.Client]:
    core.flood = FloodGuard("3/minute")
    with serve(create_app(core)) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def count(core: Core, table: type) -> int:
    with core.session() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_a_report_past_the_cap_is_refused_and_keeps_the_text(web: httpx.Client, core: Core) -> None:
    token = csrf(web.get("/report?lang=en"))
    for number in range(3):
        sent = web.post(
            "/report?lang=en",
            data={"csrf": token, "category": "other", "description": f"Rapport {number}"},
        )
        assert sent.status_code == 200

    refused = web.post(
        "/report?lang=en", data={"csrf": token, "category": "other", "description": "Den fjerde"}
    )

    assert refused.status_code == 429
    soup = BeautifulSoup(refused.text, "html.parser")
    assert "wait a minute" in soup.find(role="alert").get_text()
    assert soup.find(id="description").get_text() == "Den fjerde"
    assert count(core, Case) == 3


def test_requests_have_their_own_cap(web: httpx.Client, core: Core) -> None:
    token = csrf(web.get("/report?lang=en"))
    for _ in range(3):
        web.post("/report?lang=en", data={"csrf": token, "category": "other", "description": "x"})
    fields = {"csrf": token, "requester": "Kari", "contact": "k@example.no", "question": "Q?"}

    answers = [web.post("/request?lang=en", data=fields).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert count(core, InformationRequest) == 3


def test_reports_from_chat_are_not_capped(core: Core) -> None:
    core.flood = FloodGuard("1/minute")
    for _ in range(3):
        submit(
            core,
            person=Person("slack", "UEMP", "en"),
            form=ReportForm(description="Overtid", category="working_hours"),
            channel=Channel.SLACK,
        )

    assert count(core, Case) == 3
