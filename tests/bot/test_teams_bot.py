"""The Teams bot over HTTP on loopback: activities POSTed to `/api/messages`, replies at the
fake Bot Connector. Questions and follow-ups, votes, the report dialog (receipt shown once,
nothing of the report in any chat message), status and reply by receipt, commands, one
case per activity id, and production auth refusing a request without a valid token."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from bot.core import documents, tasks
from bot.core.context import Core
from bot.core.people import Person
from bot.core.report import ReportForm, submit
from bot.core.review import ReviewAction, act, home
from bot.teams.app import TeamsBot, TeamsConfig
from bot.teams.graph import GraphGroups
from bot.teams.server import auth_configuration, http_app
from storage.models import AuditEvent, Case, Channel, ChatAnswer, ChatConversation
from tests.fakes.asgi_server import serve
from tests.fakes.bot_connector import FakeBotConnector
from tests.fakes.teams_requests import CHANNEL_CONVERSATION_ID, KARI, OLA, TeamsSender

DEADLINE_QUESTION = "Hva er fristen for å svare på et informasjonskrav?"
STORY = "Sjåførene <b>må</b> levere passet til byrået *XYZZY-TEAMS*"
OFFICER = Person("teams", OLA.aad_object_id, "en", compliance=True)


@dataclass
class TeamsHarness:
    bot: TeamsBot
    connector: FakeBotConnector
    sender: TeamsSender


@pytest.fixture
def teams(core: Core) -> Iterator[TeamsHarness]:
    config = TeamsConfig(
        compliance_users=frozenset({OLA.aad_object_id}),
        web_url="https://a.example",
        cases_channel=CHANNEL_CONVERSATION_ID,
    )
    bot = TeamsBot(core, config)
    auth = auth_configuration(app_id=None, password=None, tenant_id=None, anonymous=True)
    with FakeBotConnector() as connector, serve(http_app(bot, auth=auth)) as url:
        yield TeamsHarness(bot, connector, TeamsSender(url, service_url=connector.url))


def answer_of(teams: TeamsHarness) -> dict:
    """The answer card that replaced the "looking" reply."""
    [update] = teams.connector.wait_for("update_activity", timeout=60)
    [card] = update.body["attachments"]
    return card["content"]


def card_text(card: dict) -> str:
    return json.dumps(card, ensure_ascii=False)


def dialog_card(response) -> dict:
    return response.json()["task"]["value"]["card"]["content"]


def test_a_question_in_personal_chat_is_answered_with_sources_and_votes(
    teams: TeamsHarness,
) -> None:
    response = teams.sender.post(teams.sender.personal_message(DEADLINE_QUESTION))

    assert response.status_code in (200, 202) and teams.sender.last_elapsed < 5
    card = answer_of(teams)
    assert "tre uker" in card_text(card)
    assert [a["data"]["verb"] for a in card["actions"]] == ["vote", "vote"]


def test_a_follow_up_in_the_same_chat_is_read_with_the_question_before(
    teams: TeamsHarness, core: Core
) -> None:
    teams.sender.post(teams.sender.personal_message(DEADLINE_QUESTION))
    answer_of(teams)
    teams.connector.reset()

    teams.sender.post(teams.sender.personal_message("Kan den forlenges?"))

    assert "to måneder" in card_text(answer_of(teams))


def test_a_channel_mention_is_answered_and_a_follow_up_there_needs_no_mention(
    teams: TeamsHarness,
) -> None:
    mention = teams.sender.channel_mention(DEADLINE_QUESTION)
    thread = mention["conversation"]["id"].split("=")[-1]
    teams.sender.post(mention)
    answer_of(teams)
    teams.connector.reset()
    follow_up = teams.sender.channel_mention("Kan den forlenges?", thread_id=thread)
    follow_up["entities"] = [e for e in follow_up["entities"] if e["type"] != "mention"]
    follow_up["text"] = "Kan den forlenges?"
    elsewhere = teams.sender.channel_mention("Hva er lunsjmenyen i dag?")
    elsewhere["entities"] = [e for e in elsewhere["entities"] if e["type"] != "mention"]

    teams.sender.post(elsewhere)
    teams.sender.post(follow_up)

    assert "to måneder" in card_text(answer_of(teams))
    [looking] = teams.connector.replies()
    assert looking["conversation"]["id"].endswith(thread)


def test_a_vote_is_counted_and_thanked(teams: TeamsHarness) -> None:
    teams.sender.post(teams.sender.personal_message(DEADLINE_QUESTION))
    vote = answer_of(teams)["actions"][0]["data"]

    teams.sender.post(teams.sender.card_submit(vote, reply_to_id="1"))

    thanks = teams.connector.wait_for_replies(2)[-1]
    assert "1 👍 / 0 👎" in thanks["text"]


def test_a_report_through_the_dialog_shows_the_receipt_once_and_posts_nothing(
    teams: TeamsHarness, core: Core, data_dir: Path
) -> None:
    form = dialog_card(teams.sender.post(teams.sender.task_fetch({"form": "report"})))
    assert "Teams" in card_text(form) and "anonymous" in card_text(form)

    submitted = teams.sender.post(
        teams.sender.task_submit(
            {
                "form": "report",
                "category": "forced_labour",
                "description": STORY,
                "anonymous": "true",
            }
        )
    )

    receipt = card_text(dialog_card(submitted))
    with core.session() as session:
        [case] = session.scalars(select(Case)).all()
    assert case.channel == Channel.TEAMS and case.anonymous and case.reporter is None
    assert case.reference in receipt and "XYZZY" not in receipt
    assert "XYZZY" not in teams.connector.all_payload_text()
    assert KARI.aad_object_id not in dump_register(core) + dump_files(data_dir)
    assert KARI.id not in dump_register(core) + dump_files(data_dir)


def test_a_missing_description_comes_back_beside_the_field_with_the_rest_kept(
    teams: TeamsHarness, core: Core
) -> None:
    submitted = teams.sender.post(
        teams.sender.task_submit({"form": "report", "category": "other", "supplier": "Nordvev"})
    )

    form = card_text(dialog_card(submitted))
    assert "Describe what happened." in form or "Beskriv hva som skjedde." in form
    assert '"value": "Nordvev"' in form
    with core.session() as session:
        assert session.scalars(select(Case)).all() == []


def test_the_same_activity_delivered_twice_creates_one_case(
    teams: TeamsHarness, core: Core
) -> None:
    activity = teams.sender.task_submit(
        {"form": "report", "category": "other", "description": "Noe skjedde."}
    )

    teams.sender.post(activity)
    teams.sender.post(activity)

    with core.session() as session:
        assert len(session.scalars(select(Case)).all()) == 1


def test_status_and_reply_by_receipt(teams: TeamsHarness, core: Core) -> None:
    submitted = teams.sender.post(
        teams.sender.task_submit({"form": "report", "category": "other", "description": "x y z"})
    )
    grouped = re.search(r"\d{4} \d{4} \d{4} \d{4}", card_text(dialog_card(submitted))).group()
    code = grouped.replace(" ", "")
    [row] = home(core, person=OFFICER).cases
    act(core, person=OFFICER, reference=row.reference, action=ReviewAction.ACKNOWLEDGE)
    act(
        core,
        person=OFFICER,
        reference=row.reference,
        action=ReviewAction.WRITE,
        body="Hvilket lager?",
    )

    status = dialog_card(
        teams.sender.post(teams.sender.task_submit({"form": "status", "receipt": code}))
    )
    assert "Hvilket lager?" in card_text(status)
    sealed = status["actions"][0]["data"]["sealed"]
    replied = dialog_card(
        teams.sender.post(
            teams.sender.task_submit({"form": "status_reply", "sealed": sealed, "reply": "Drammen"})
        )
    )

    assert row.reference in card_text(replied)
    assert grouped not in teams.connector.all_payload_text()


def test_an_unknown_receipt_is_a_clear_refusal(teams: TeamsHarness) -> None:
    status = dialog_card(
        teams.sender.post(teams.sender.task_submit({"form": "status", "receipt": "1" * 16}))
    )

    assert "receipt" in card_text(status).lower() or "kvittering" in card_text(status).lower()


def test_the_dashboard_link_is_for_members_only(teams: TeamsHarness) -> None:
    teams.sender.post(teams.sender.personal_message("dashboard", user=KARI))
    teams.sender.post(teams.sender.personal_message("dashboard", user=OLA))

    first, second = teams.connector.wait_for_replies(2)
    assert "https://a.example/signin/" not in first["text"]
    assert "https://a.example/signin/" in second["text"]


def test_without_a_token_production_auth_answers_401_and_sends_nothing(core: Core) -> None:
    bot = TeamsBot(core, TeamsConfig())
    auth = auth_configuration(
        app_id="00000000-0000-0000-0000-0000000a4b07",
        password="a-real-looking-secret",
        tenant_id="00000000-0000-0000-0000-00000000d0e5",
        anonymous=False,
    )
    with FakeBotConnector() as connector, serve(http_app(bot, auth=auth)) as url:
        sender = TeamsSender(url, service_url=connector.url)
        missing = sender.post(sender.personal_message("Hva er fristen?"))
        forged = sender.post(sender.personal_message("Hva er fristen?"), token="not.a.jwt")

        assert missing.status_code == 401 and forged.status_code == 401
        assert connector.calls == []
    with core.session() as session:
        assert session.scalars(select(ChatAnswer)).all() == []


def dump_register(core: Core) -> str:
    with core.session() as session:
        tables = inspect(session.get_bind()).get_table_names()
        return "\n".join(
            str(row)
            for table in tables
            for row in session.execute(select(text("*")).select_from(text(table)))
        )


def dump_files(data_dir: Path) -> str:
    return "\n".join(
        path.read_bytes().decode("latin-1") for path in data_dir.rglob("*") if path.is_file()
    )


def test_a_task_is_created_through_its_dialog(teams: TeamsHarness, core: Core) -> None:
    form = dialog_card(teams.sender.post(teams.sender.task_fetch({"form": "task"}, user=OLA)))
    assert [element.get("id") for element in form["body"]][:2] == ["supplier", "kind"]

    done = teams.sender.post(
        teams.sender.task_submit(
            {"form": "task", "supplier": "Nordvev", "title": "Revisjon", "kind": "audit"},
            user=OLA,
        )
    )

    assert "Revisjon" in card_text(dialog_card(done))
    listing = tasks.listing(core, person=OFFICER)
    assert [task.title for task in listing.mine] == ["Revisjon"]


def test_only_members_log_information_requests(teams: TeamsHarness) -> None:
    refused = dialog_card(teams.sender.post(teams.sender.task_fetch({"form": "request"})))
    form = dialog_card(teams.sender.post(teams.sender.task_fetch({"form": "request"}, user=OLA)))
    logged = dialog_card(
        teams.sender.post(
            teams.sender.task_submit(
                {
                    "form": "request",
                    "requester": "Kari",
                    "contact": "kari@example.no",
                    "question": "Hva er fristen for å svare på et informasjonskrav?",
                },
                user=OLA,
            )
        )
    )

    assert "compliance" in card_text(refused).lower() and "requester" not in card_text(refused)
    assert "requester" in card_text(form)
    assert "#1" in card_text(logged) and "tre uker" in card_text(logged)


def test_a_member_reviews_a_case_in_a_dialog_and_opening_it_is_audited(
    teams: TeamsHarness, core: Core
) -> None:
    teams.sender.post(
        teams.sender.task_submit({"form": "report", "category": "other", "description": STORY})
    )
    teams.sender.post(teams.sender.personal_message("help", user=OLA))
    overview = next(
        reply for reply in teams.connector.wait_for_replies(2) if reply.get("attachments")
    )
    opener = overview["attachments"][0]["content"]["body"][1]["selectAction"]["data"]

    case = dialog_card(teams.sender.post(teams.sender.task_fetch(opener, user=OLA)))
    assert "XYZZY-TEAMS" in card_text(case)
    acknowledge = next(a["data"] for a in case["actions"] if a["data"]["action"] == "acknowledge")
    after = dialog_card(teams.sender.post(teams.sender.task_submit(acknowledge, user=OLA)))
    written = dialog_card(
        teams.sender.post(
            teams.sender.task_submit(
                {**acknowledge, "action": "write", "body": "Hvilket lager?"}, user=OLA
            )
        )
    )

    assert "Acknowledged" in card_text(after) or "Bekreftet" in card_text(after)
    assert "Hvilket lager?" in card_text(written)
    with core.session() as session:
        reads = session.scalars(select(AuditEvent).where(AuditEvent.action == "case.read")).all()
    assert reads and all(event.actor == f"teams:{OLA.aad_object_id}" for event in reads)
    assert "XYZZY" not in teams.connector.all_payload_text()


def test_a_non_member_cannot_open_a_case(teams: TeamsHarness, core: Core) -> None:
    teams.sender.post(
        teams.sender.task_submit({"form": "report", "category": "other", "description": STORY})
    )
    [row] = home(core, person=OFFICER).cases

    refused = dialog_card(
        teams.sender.post(teams.sender.task_fetch({"form": "case", "reference": row.reference}))
    )

    assert "XYZZY" not in card_text(refused) and "compliance" in card_text(refused).lower()


def test_only_compliance_members_conversations_are_kept_for_later(
    teams: TeamsHarness, core: Core
) -> None:
    teams.sender.post(teams.sender.personal_message("tasks", user=KARI))
    teams.sender.post(teams.sender.personal_message("tasks", user=OLA))
    teams.connector.wait_for_replies(2)

    with core.session() as session:
        kept = session.scalars(select(ChatConversation)).all()
    assert [row.key for row in kept] == [f"member:{OLA.aad_object_id}"]
    assert KARI.aad_object_id not in dump_register(core)


def test_an_overdue_task_is_reminded_in_the_assignees_chat_once_a_day(
    teams: TeamsHarness, core: Core
) -> None:
    hello = teams.sender.personal_message("tasks", user=OLA)
    teams.sender.post(hello)
    teams.connector.wait_for_replies(1)
    form = tasks.TaskForm(supplier="Nordvev", title="Egenerklæring", due=date(2020, 1, 1))
    tasks.create(core, person=OFFICER, form=form)
    teams.connector.reset()

    sent = teams.bot.send_reminders() + teams.bot.send_reminders()

    assert sent == 1
    [call] = teams.connector.calls_to("send_to_conversation")
    assert "Egenerklæring" in call.body["text"]
    assert call.conversation_id == hello["conversation"]["id"]


def test_a_web_report_is_announced_in_the_team_channel_once(
    teams: TeamsHarness, core: Core
) -> None:
    teams.sender.post(teams.sender.channel_mention("tasks", user=OLA))
    teams.connector.wait_for_replies(1)
    submit(
        core,
        person=Person("web", "visitor", "nb"),
        form=ReportForm(description="Noe skjedde XYZZY.", category="other"),
        channel=Channel.WEB,
    )
    teams.connector.reset()

    sent = teams.bot.announce_arrivals() + teams.bot.announce_arrivals()

    assert sent == 1
    [call] = teams.connector.calls_to("send_to_conversation")
    assert call.conversation_id == CHANNEL_CONVERSATION_ID and "AK-" in call.body["text"]
    assert "XYZZY" not in str(call.body)


def test_the_day_audit_head_is_posted_in_the_team_channel_once(
    teams: TeamsHarness, core: Core
) -> None:
    teams.sender.post(teams.sender.channel_mention("tasks", user=OLA))
    teams.connector.wait_for_replies(1)
    teams.connector.reset()

    posted = [teams.bot.post_audit_head(), teams.bot.post_audit_head()]

    assert posted == [True, False]
    [call] = teams.connector.calls_to("send_to_conversation")
    assert (
        call.conversation_id == CHANNEL_CONVERSATION_ID and "Revisjonsloggen" in call.body["text"]
    )


def test_a_member_adds_a_document_by_sending_it_in_personal_chat(
    teams: TeamsHarness, core: Core
) -> None:
    text_file = (
        "Leverandørrapport Fjordvev 2026\n\nFjordvev har avtalt revisjon av syfabrikken i Kaunas."
    )
    url = teams.connector.add_file("fjordvev.txt", content=text_file.encode())

    teams.sender.post(teams.sender.file_message(name="fjordvev.txt", download_url=url, user=OLA))
    teams.sender.post(teams.sender.file_message(name="fjordvev.txt", download_url=url, user=KARI))

    member, other = teams.connector.wait_for_replies(2, timeout=60)
    assert "fjordvev" in member["text"].lower()
    assert (
        "Send dokumentet til dem" in other["text"] or "Send the document to them" in other["text"]
    )
    assert any(d.source.endswith("fjordvev.txt") for d in documents.listing(core))


def test_a_file_over_the_limit_is_refused_without_reading_it_all(
    teams: TeamsHarness, core: Core
) -> None:
    url = teams.connector.add_file("big.txt", content=b"x" * (core.max_file_bytes + 10))

    teams.sender.post(teams.sender.file_message(name="big.txt", download_url=url, user=OLA))

    [reply] = teams.connector.wait_for_replies(1)
    assert "MB" in reply["text"]
    assert not any(d.source.endswith("big.txt") for d in documents.listing(core))


def graph_for(connector: FakeBotConnector) -> GraphGroups:
    return GraphGroups(
        app_id=connector.client_id,
        password=connector.client_secret,
        tenant_id=connector.tenant_id,
        graph_url=connector.base,
        http_client=connector.login_session(),
    )


def test_members_of_the_compliance_group_are_read_from_graph_page_by_page() -> None:
    with FakeBotConnector() as connector:
        connector.groups["g-compliance"] = ["m1", "m2", "m3", OLA.aad_object_id, "m5"]

        members = graph_for(connector).members("g-compliance")

        assert members == ["m1", "m2", "m3", OLA.aad_object_id, "m5"]
        [token] = connector.calls_to("token")
        assert token.body["client_id"] == connector.client_id
        assert len(connector.calls_to("group_members")) == 3


def test_a_group_member_reviews_and_an_unreadable_group_admits_nobody(core: Core) -> None:
    with FakeBotConnector() as connector:
        connector.groups["g-compliance"] = [KARI.aad_object_id]
        graph = graph_for(connector)
        config = TeamsConfig(compliance_group="g-compliance", fetch_group=graph.members)
        auth = auth_configuration(app_id=None, password=None, tenant_id=None, anonymous=True)
        bot = TeamsBot(core, config)
        closed = TeamsBot(
            core, TeamsConfig(compliance_group="g-missing", fetch_group=graph.members)
        )
        with serve(http_app(bot, auth=auth)) as url, serve(http_app(closed, auth=auth)) as other:
            member = TeamsSender(url, service_url=connector.url)
            outsider = TeamsSender(other, service_url=connector.url)
            allowed = member.post(member.task_fetch({"form": "request"}, user=KARI))
            refused = outsider.post(outsider.task_fetch({"form": "request"}, user=KARI))

        assert "requester" in card_text(dialog_card(allowed))
        assert "requester" not in card_text(dialog_card(refused))
