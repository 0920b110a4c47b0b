"""Follow-up tasks, information requests, documents and reminders in Slack, end to end."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.core.people import Person
from bot.core.report import ReportForm, submit
from bot.slack.app import build_app
from storage.models import Channel, FollowUpTask, InformationRequest
from tests.bot.conftest import (
    EMPLOYEE,
    OFFICER,
    SlackHarness,
    date_value,
    select_value,
    slack_config,
    text_value,
    user_value,
)


def create_task(slack: SlackHarness, *, user: str = OFFICER, due: str | None = None) -> dict:
    values = {
        "supplier": text_value("Harbour Knitwear"),
        "kind": select_value("audit"),
        "title": text_value("Follow-up audit of factory KX-77"),
        "assignee": user_value(OFFICER),
    }
    if due:
        values["due"] = date_value(due)
    return slack.sender.view_submission(
        user_id=user,
        callback_id="task",
        values=values,
        private_metadata="https://test.slack.com/archives/C1/p1",
    ).json()


def test_task_from_a_message_shortcut_is_prefilled_with_its_permalink(slack: SlackHarness) -> None:
    slack.sender.message_action(
        user_id=OFFICER,
        callback_id="create_task",
        channel_id="CGENERAL",
        message={"ts": "1700000020.000100", "text": "Book the KX-77 audit"},
    )

    [opened] = slack.api.wait_for("views.open", timeout=10)
    view = json.dumps(opened.params["view"])
    assert "Book the KX-77 audit" in view
    assert "https://test.slack.com/archives/CGENERAL/p1700000020000100" in view


def test_creating_a_task_adds_an_unknown_supplier_and_records_the_origin(
    slack: SlackHarness,
) -> None:
    answer = create_task(slack, due="2027-01-15")

    assert answer["response_action"] == "update"
    assert "Harbour Knitwear" in json.dumps(answer["view"])
    with slack.bot.core.session() as session:
        task = session.scalar(select(FollowUpTask))
        assert task.assignee == f"slack:{OFFICER}"
        assert task.origin == "https://test.slack.com/archives/C1/p1"
        assert task.due_date == date(2027, 1, 15)


def test_an_employee_cannot_create_tasks(slack: SlackHarness) -> None:
    answer = create_task(slack, user=EMPLOYEE)

    assert answer["response_action"] == "errors"
    assert "Only the compliance team" in json.dumps(answer["errors"])


def test_tasks_lists_mine_and_the_overdue_ones(slack: SlackHarness) -> None:
    create_task(slack, due="2020-01-01")

    slack.sender.command("tasks", user_id=OFFICER, response_url=slack.api.response_url("tasks"))

    [reply] = slack.api.wait_for("response_url", timeout=10)
    text = json.dumps(reply.params["blocks"], ensure_ascii=False)
    assert "Dine oppgaver" in text and "Forfalte oppgaver" in text
    assert text.count("Follow-up audit of factory KX-77") == 2


def test_logging_a_request_shows_the_three_week_deadline_and_a_draft(slack: SlackHarness) -> None:
    answer = slack.sender.view_submission(
        user_id=OFFICER,
        callback_id="request",
        values={
            "requester": text_value("Fremtiden i våre hender"),
            "contact": text_value("post@example.org"),
            "received": date_value(slack.bot.core.now().date().isoformat()),
            "question": text_value("Hvordan håndterer dere informasjonskrav, og hva er fristen?"),
        },
    ).json()

    shown = json.dumps(answer["view"], ensure_ascii=False)
    with slack.bot.core.session() as session:
        request = session.scalar(select(InformationRequest))
    assert request.due_at - request.received_at == timedelta(weeks=3)
    assert "tre uker" in shown and "Utkast til svar" in shown


def test_an_employee_cannot_open_the_request_form(slack: SlackHarness) -> None:
    slack.sender.command("request", user_id=EMPLOYEE, response_url=slack.api.response_url("req"))

    [reply] = slack.api.wait_for("response_url", timeout=10)
    assert "Only the compliance team" in reply.params["text"]
    assert not slack.api.calls_to("views.open")


def file_share(user: str, file_id: str) -> dict:
    return {
        "type": "message",
        "subtype": "file_share",
        "user": user,
        "channel": f"D{user}",
        "channel_type": "im",
        "ts": "1700000030.000100",
        "text": "",
        "files": [{"id": file_id}],
    }


def test_a_member_uploads_a_document_and_it_answers_questions(slack: SlackHarness) -> None:
    content = (
        "# Leverandørkode\n\nLeverandører skal betale en lønn det går an å leve av, og "
        "lønnen skal utbetales senest den femte virkedagen hver måned.\n"
    ).encode()
    slack.api.add_file(
        "F1", name="leverandorkode-zephyr.md", content=content, mimetype="text/markdown"
    )

    slack.sender.event(file_share(OFFICER, "F1"))

    [reply] = slack.api.wait_for("chat.postMessage", timeout=30)
    assert (
        "leverandorkode-zephyr" in reply.params["text"].lower()
        or "Leverandørkode" in reply.params["text"]
    )
    assert slack.api.calls_to("files.download")
    answer = slack.bot.core.knowledge.ask("Når skal leverandørene utbetale lønn?")
    assert "femte virkedagen" in answer.text
    [uploaded] = [d for d in slack.bot.core.knowledge.documents() if "zephyr" in d.source]
    slack.bot.core.knowledge.forget(uploaded.doc_id)


def test_an_employee_upload_is_refused_without_downloading(slack: SlackHarness) -> None:
    slack.api.add_file("F2", name="notes.txt", content=b"hello", mimetype="text/plain")

    slack.sender.event(file_share(EMPLOYEE, "F2"))

    [reply] = slack.api.wait_for("chat.postMessage", timeout=10)
    assert "Only the compliance team can add documents" in reply.params["text"]
    assert not slack.api.calls_to("files.download")


def test_an_oversized_upload_is_refused_before_download(slack: SlackHarness) -> None:
    slack.api.add_file(
        "F3", name="huge.pdf", content=b"%PDF" + b"0" * (3 * 2**20), mimetype="application/pdf"
    )

    slack.sender.event(file_share(OFFICER, "F3"))

    [reply] = slack.api.wait_for("chat.postMessage", timeout=10)
    assert "MB" in reply.params["text"]
    assert not slack.api.calls_to("files.download")


def test_a_broken_pdf_gets_the_reason(slack: SlackHarness) -> None:
    slack.api.add_file(
        "F4", name="broken.pdf", content=b"%PDF-1.7 not really", mimetype="application/pdf"
    )

    slack.sender.event(file_share(OFFICER, "F4"))

    [reply] = slack.api.wait_for("chat.postMessage", timeout=30)
    assert "broken.pdf" in reply.params["text"] and "kunne ikke legges til" in reply.params["text"]


def test_reminders_go_out_once_per_item_per_day_with_two_bots(slack: SlackHarness) -> None:
    core = slack.bot.core
    create_task(slack, due="2020-01-01")
    submit(
        core,
        person=Person("slack", EMPLOYEE, "en"),
        form=ReportForm(description="x y z"),
        channel=Channel.SLACK,
    )
    core.clock = lambda: datetime.now(UTC) + timedelta(days=8)
    second = build_app(core, slack_config(slack.api))

    sent = slack.bot.send_reminders() + second.send_reminders() + slack.bot.send_reminders()

    assert sent == 2
    posts = slack.api.calls_to("chat.postMessage")
    dm = next(p for p in posts if p.params["channel"] == f"D{OFFICER}")
    assert "Follow-up audit" in dm.params["text"]
    channel = next(p for p in posts if p.params["channel"] == "CCASES")
    assert "AK-" in channel.params["text"] and "x y z" not in channel.params["text"]


def test_a_reminder_whose_sending_failed_is_sent_on_the_next_run(slack: SlackHarness) -> None:
    create_task(slack, due="2020-01-01")
    slack.api.fail("chat.postMessage")

    assert slack.bot.send_reminders() == 0
    slack.api.unfail("chat.postMessage")
    assert slack.bot.send_reminders() == 1
