"""Questions in Slack, end to end over HTTP: mentions, DMs, thread follow-ups, /aktsom ask,
votes, the report offer, and Slack's redelivery of an event."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from storage.models import AnswerVote, ChatAnswer
from tests.bot.conftest import EMPLOYEE, SlackHarness

QUESTION = "Hva er fristen for å svare på et informasjonskrav?"


def mention(text: str, *, ts: str = "1700000001.000100", thread_ts: str | None = None) -> dict:
    event = {
        "type": "app_mention",
        "user": EMPLOYEE,
        "text": f"<@UBOT> {text}",
        "ts": ts,
        "channel": "CGENERAL",
        "channel_type": "channel",
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def answer_text(call) -> str:
    return "".join(
        element["text"]
        for block in call.params["blocks"]
        if block["type"] == "rich_text"
        for section in block["elements"]
        for element in section["elements"]
    )


def test_mention_is_acked_fast_and_answered_in_the_thread(slack: SlackHarness) -> None:
    response = slack.sender.event(mention(QUESTION))

    assert response.status_code == 200
    assert slack.sender.last_elapsed < 3
    [placeholder] = slack.api.wait_for("chat.postMessage")
    assert placeholder.params["thread_ts"] == "1700000001.000100"
    [update] = slack.api.wait_for("chat.update", timeout=30)
    assert "tre uker" in answer_text(update)
    assert update.params["ts"] == "1700000000.000101"


def test_sources_are_grouped_by_document_and_each_section_listed_once(
    slack: SlackHarness,
) -> None:
    slack.sender.event(mention(QUESTION))

    [update] = slack.api.wait_for("chat.update", timeout=30)
    sources = next(
        block["elements"][0]["text"]
        for block in update.params["blocks"]
        if block["type"] == "context" and "Kilder" in block["elements"][0]["text"]
    )
    lines = sources.splitlines()[1:]
    assert lines[0].startswith("*Rutine for informasjonskrav*")
    assert len(lines) == len(set(lines))
    sections = [part for line in lines for part in line.split("; ")]
    assert all(sections.count(section) == 1 for section in sections)


def test_redelivered_event_is_answered_once(slack: SlackHarness) -> None:
    slack.sender.event(mention(QUESTION), event_id="Ev1")
    again = slack.sender.event(mention(QUESTION), event_id="Ev1", retry_num=1)

    assert again.status_code == 200
    slack.api.wait_for("chat.update", timeout=30)
    time.sleep(0.5)
    assert len(slack.api.calls_to("chat.postMessage")) == 1
    with slack.bot.core.session() as session:
        assert session.scalar(select(func.count()).select_from(ChatAnswer)) == 1


def test_follow_up_in_an_answered_thread_needs_no_mention(slack: SlackHarness) -> None:
    slack.sender.event(mention(QUESTION, ts="1700000005.000100"))
    slack.api.wait_for("chat.update", timeout=30)
    slack.api.add_message(
        channel="CGENERAL", ts="1700000005.000100", user=EMPLOYEE, text=f"<@UBOT> {QUESTION}"
    )
    follow_up = {
        "type": "message",
        "user": EMPLOYEE,
        "text": "Kan den forlenges?",
        "ts": "1700000006.000100",
        "thread_ts": "1700000005.000100",
        "channel": "CGENERAL",
        "channel_type": "channel",
    }

    slack.sender.event(follow_up)

    updates = slack.api.wait_for("chat.update", count=2, timeout=30)
    assert "to måneder" in answer_text(updates[1])
    assert slack.api.calls_to("conversations.replies")


def test_message_in_a_thread_the_bot_never_answered_is_ignored(slack: SlackHarness) -> None:
    slack.sender.event(
        {
            "type": "message",
            "user": EMPLOYEE,
            "text": "Kan den forlenges?",
            "ts": "1700000009.000100",
            "thread_ts": "1700000008.000100",
            "channel": "CGENERAL",
            "channel_type": "channel",
        }
    )

    time.sleep(1)
    assert not slack.api.calls_to("chat.postMessage")


def test_direct_message_is_answered_in_the_conversation(slack: SlackHarness) -> None:
    slack.sender.event(
        {
            "type": "message",
            "user": EMPLOYEE,
            "text": "What did Harbour Knitwear agree to do about the fire exits?",
            "ts": "1700000010.000100",
            "channel": "DEMPLOYEE",
            "channel_type": "im",
        }
    )

    [update] = slack.api.wait_for("chat.update", timeout=30)
    assert "unlock all fire exits" in answer_text(update)
    assert "thread_ts" not in slack.api.calls_to("chat.postMessage")[0].params


def test_slash_ask_answers_through_the_response_url(slack: SlackHarness) -> None:
    response = slack.sender.command(
        f"ask {QUESTION}", user_id=EMPLOYEE, response_url=slack.api.response_url("ask")
    )

    assert response.status_code == 200 and slack.sender.last_elapsed < 3
    [reply] = slack.api.wait_for("response_url", timeout=30)
    assert reply.params["response_type"] == "ephemeral"
    assert "tre uker" in answer_text(reply)


def test_votes_are_stored_with_the_answer_and_replaced_on_a_second_vote(
    slack: SlackHarness,
) -> None:
    slack.sender.event(mention(QUESTION))
    [update] = slack.api.wait_for("chat.update", timeout=30)
    votes = next(b for b in update.params["blocks"] if b.get("block_id", "").startswith("vote:"))
    answer_id = votes["elements"][0]["value"]

    for action in ("vote_up", "vote_down"):
        slack.sender.block_action(
            user_id=EMPLOYEE,
            action_id=action,
            value=answer_id,
            channel_id="CGENERAL",
            message={"ts": update.params["ts"]},
            response_url=slack.api.response_url(action),
        )
        slack.api.wait_for("response_url", count=1 if action == "vote_up" else 2, timeout=10)

    with slack.bot.core.session() as session:
        stored = session.scalars(select(AnswerVote)).all()
        assert [(vote.answer_id, vote.vote) for vote in stored] == [(int(answer_id), -1)]
        assert session.get(ChatAnswer, int(answer_id)).question == QUESTION


def test_a_message_asking_to_report_offers_the_report_form(slack: SlackHarness) -> None:
    slack.sender.event(mention("Jeg vil varsle om tvangsarbeid hos en leverandør"))

    [update] = slack.api.wait_for("chat.update", timeout=30)
    buttons = [
        element["action_id"]
        for block in update.params["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert "open_report" in buttons


def test_forged_signature_is_refused_and_answers_nothing(slack: SlackHarness) -> None:
    import json

    body = json.dumps({"type": "event_callback", "event_id": "EvX", "event": mention(QUESTION)})
    headers = slack.sender.signed_headers(body.encode())
    headers["X-Slack-Signature"] = "v0=" + "0" * 64

    response = slack.sender.raw(body.encode(), headers=headers)
    stale = slack.sender.raw(
        body.encode(),
        headers=slack.sender.signed_headers(body.encode(), timestamp=int(time.time()) - 600),
    )

    assert response.status_code == 401 and stale.status_code == 401
    time.sleep(0.5)
    assert not slack.api.calls_to("chat.postMessage")
    with slack.bot.core.session() as session:
        assert session.scalar(select(func.count()).select_from(ChatAnswer)) == 0
