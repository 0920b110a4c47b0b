"""The public § 6 request page over real HTTP: anyone asks, the register sets the three-week
deadline, the requester sees the reference and the date, and the team's chat is told once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from bot.core.context import Core
from bot.core.messages import day
from bot.slack.app import build_app
from bot.web.app import create_app
from storage.models import AuditEvent, Channel, InformationRequest
from tests.bot.conftest import SlackHarness, slack_config
from tests.fakes.asgi_server import serve

QUESTION = "Hvilke fabrikker syr arbeidsklærne deres, og <b>hvordan</b> følger dere dem opp?"


@pytest.fixture
def web(core: Core) -> Iterator[httpx.Client]:
    with serve(create_app(core)) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def ask(web: httpx.Client, lang: str = "en", **fields: str) -> httpx.Response:
    page = web.get(f"/request?lang={lang}")
    token = BeautifulSoup(page.text, "html.parser").find("input", {"name": "csrf"})["value"]
    return web.post(f"/request?lang={lang}", data={"csrf": token, **fields})


def stored(core: Core) -> list[InformationRequest]:
    with core.session() as session:
        return list(session.scalars(select(InformationRequest)))


def test_a_request_is_registered_with_its_deadline_and_the_requester_told_the_date(
    web: httpx.Client, core: Core
) -> None:
    page = ask(
        web,
        requester="Kari Nordmann",
        contact="kari@example.no",
        question=QUESTION,
        concerns="Arbeidsklær fra Dhaka Garments",
    )

    assert page.status_code == 200
    [request] = stored(core)
    assert request.channel == Channel.WEB and request.question == QUESTION
    assert request.concerns == "Arbeidsklær fra Dhaka Garments"
    assert request.due_at - request.received_at == timedelta(weeks=3)
    told = BeautifulSoup(page.text, "html.parser").find(id="request-reference").get_text()
    assert f"#{request.id}" in told and day("en", request.due_at) in told


def test_a_request_without_contact_says_so_beside_the_field_and_keeps_the_question(
    web: httpx.Client, core: Core
) -> None:
    page = ask(web, requester="Kari", contact=" ", question=QUESTION)

    assert page.status_code == 422
    soup = BeautifulSoup(page.text, "html.parser")
    assert [p.get_text() for p in soup.select("p.error")] == [
        "Write where the answer should be sent."
    ]
    assert soup.find(id="question").get_text() == QUESTION
    assert stored(core) == []


def test_a_forged_csrf_token_stores_nothing(web: httpx.Client, core: Core) -> None:
    web.get("/request")
    page = web.post(
        "/request",
        data={"csrf": "forged", "requester": "K", "contact": "k@x.no", "question": "Q?"},
    )

    assert page.status_code == 403
    assert stored(core) == []


def test_the_request_page_is_in_swedish_for_a_swedish_browser(
    web: httpx.Client, core: Core
) -> None:
    page = web.get("/request", headers={"accept-language": "sv-SE,sv;q=0.9"})

    assert 'lang="sv"' in page.text and "Vad vill du veta?" in page.text
    answered = ask(web, "sv", requester="Sven", contact="sven@example.se", question="Vilka?")
    assert "Du får ett skriftligt svar senast" in answered.text


def test_the_team_channel_is_told_of_a_web_request_once_across_bot_processes(
    web: httpx.Client, slack: SlackHarness, core: Core
) -> None:
    ask(web, requester="Kari Nordmann", contact="kari@example.no", question=QUESTION)
    second = build_app(core, slack_config(slack.api))

    sent = slack.bot.announce_arrivals() + second.announce_arrivals()

    assert sent == 1
    [post] = slack.api.calls_to("chat.postMessage")
    assert post.params["channel"] == "CCASES" and "#1" in post.params["text"]
    assert "Kari" not in str(post.params) and "fabrikker" not in str(post.params)


def test_a_web_report_is_announced_but_a_chat_report_is_not_announced_twice(
    web: httpx.Client, slack: SlackHarness, core: Core
) -> None:
    page = web.get("/report")
    token = BeautifulSoup(page.text, "html.parser").find("input", {"name": "csrf"})["value"]
    web.post("/report", data={"csrf": token, "category": "other", "description": "Noe skjedde."})
    slack.api.fail("chat.postMessage")
    assert slack.bot.announce_arrivals() == 0

    slack.api.unfail("chat.postMessage")
    assert slack.bot.announce_arrivals() == 1
    [post] = slack.api.calls_to("chat.postMessage")[-1:]
    assert "AK-" in post.params["text"] and "Noe skjedde" not in str(post.params)


def test_a_public_request_is_audited_without_the_requesters_name(
    web: httpx.Client, core: Core
) -> None:
    ask(web, requester="Kari Nordmann", contact="kari@example.no", question=QUESTION)

    with core.session() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "request.submit")
        ).one()
    assert event.actor == "web:public" and "Kari" not in str(event.details)
