"""The compliance team's review in Slack: App Home, opening a case (audited), the actions, and
a non-member refused (and the refusal audited)."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.core.people import Person
from bot.core.report import ReportForm, ReportReceipt, submit
from storage.models import AuditEvent, Case, CaseStatus, Channel
from tests.bot.conftest import (
    EMPLOYEE,
    GROUP_MEMBER,
    OFFICER,
    SlackHarness,
    select_value,
    text_value,
)


def stored_case(slack: SlackHarness) -> ReportReceipt:
    return submit(
        slack.bot.core,
        person=Person("slack", EMPLOYEE, "en"),
        form=ReportForm(description="Barn i arbeid på pakkeriet", category="child_labour"),
        channel=Channel.SLACK,
    )


def home_of(slack: SlackHarness, user: str, *, count: int = 1) -> dict:
    slack.sender.event({"type": "app_home_opened", "user": user, "channel": "DHOME", "tab": "home"})
    published = slack.api.wait_for("views.publish", count=count, timeout=10)
    return published[-1].params["view"]


def press(slack: SlackHarness, user: str, action: str, reference: str, **kwargs) -> None:
    response = slack.sender.block_action(
        user_id=user,
        action_id=f"review:{action}",
        value=reference,
        view={"id": "VHOME", "type": "home"},
        **kwargs,
    )
    assert response.status_code == 200 and slack.sender.last_elapsed < 3


def audit_actions(slack: SlackHarness) -> list[tuple[str, str]]:
    with slack.bot.core.session() as session:
        return [
            (e.actor, e.action)
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))
        ]


def test_member_home_lists_open_cases_with_deadlines_and_buttons(slack: SlackHarness) -> None:
    case = stored_case(slack)

    view = home_of(slack, OFFICER)

    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert case.reference in text and "Barnearbeid" in text
    assert "Barn i arbeid" not in text  # contents only in the audited case modal
    actions = next(b for b in view["blocks"] if b.get("block_id") == f"case:{case.reference}")
    assert [e["action_id"] for e in actions["elements"]][:2] == [
        "review:open",
        "review:acknowledge",
    ]


def test_group_member_is_on_the_compliance_team(slack: SlackHarness) -> None:
    case = stored_case(slack)

    view = home_of(slack, GROUP_MEMBER)

    assert case.reference in json.dumps(view["blocks"])
    assert slack.api.calls_to("usergroups.users.list")


def test_employee_home_shows_how_to_report_and_no_cases(slack: SlackHarness) -> None:
    case = stored_case(slack)

    view = home_of(slack, EMPLOYEE)

    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert case.reference not in text
    assert "/aktsom report" in text


def test_opening_a_case_shows_contents_and_is_audited(slack: SlackHarness) -> None:
    case = stored_case(slack)

    press(slack, OFFICER, "open", case.reference, trigger_id="T-OPEN")

    [opened] = slack.api.wait_for("views.open", timeout=10)
    assert "Barn i arbeid på pakkeriet" in json.dumps(opened.params["view"], ensure_ascii=False)
    assert (f"slack:{OFFICER}", "case.read") in audit_actions(slack)


def test_non_member_pressing_a_review_button_is_refused_and_audited(slack: SlackHarness) -> None:
    case = stored_case(slack)

    press(slack, EMPLOYEE, "open", case.reference)
    press(slack, EMPLOYEE, "acknowledge", case.reference)
    press(slack, EMPLOYEE, "close", case.reference)

    published = slack.api.wait_for("views.publish", count=3, timeout=10)
    assert all("Only the compliance team" in json.dumps(p.params["view"]) for p in published)
    assert not slack.api.calls_to("views.open")
    denied = [a for a in audit_actions(slack) if a == (f"slack:{EMPLOYEE}", "access.denied")]
    assert len(denied) == 3
    with slack.bot.core.session() as session:
        assert session.scalar(select(Case.status)) == CaseStatus.RECEIVED


def test_acknowledge_assign_write_and_close(slack: SlackHarness) -> None:
    case = stored_case(slack)

    press(slack, OFFICER, "acknowledge", case.reference)
    press(slack, OFFICER, "assign", case.reference)
    slack.api.wait_for("views.publish", count=2, timeout=10)
    slack.sender.view_submission(
        user_id=OFFICER,
        callback_id="review_write",
        values={"message": text_value("Vi har startet en revisjon.")},
        private_metadata=case.reference,
    )
    closed = slack.sender.view_submission(
        user_id=OFFICER,
        callback_id="review_close",
        values={"outcome": select_value("substantiated")},
        private_metadata=case.reference,
    ).json()

    assert closed["response_action"] == "update"
    with slack.bot.core.session() as session:
        stored = session.scalar(select(Case))
        assert stored.status == CaseStatus.CLOSED
        assert stored.handler_id == f"slack:{OFFICER}"
        assert len(stored.messages) == 1
    assert "Vi har startet" not in slack.api.all_payload_text()


def test_closing_without_an_outcome_is_an_error_in_the_modal(slack: SlackHarness) -> None:
    case = stored_case(slack)

    answer = slack.sender.view_submission(
        user_id=OFFICER, callback_id="review_close", values={}, private_metadata=case.reference
    ).json()

    assert answer["response_action"] == "errors" and "outcome" in answer["errors"]


def test_a_member_gets_a_one_time_dashboard_link(slack: SlackHarness) -> None:
    slack.sender.command("dashboard", user_id=OFFICER, response_url=slack.api.response_url("d"))

    [reply] = slack.api.wait_for("response_url", timeout=10)
    assert reply.params["response_type"] == "ephemeral"
    assert "http://127.0.0.1:8080/signin/" in reply.params["text"]


def test_an_employee_gets_no_dashboard_link(slack: SlackHarness) -> None:
    slack.sender.command("dashboard", user_id=EMPLOYEE, response_url=slack.api.response_url("d"))

    [reply] = slack.api.wait_for("response_url", timeout=10)
    assert "/signin/" not in reply.params["text"]
    assert "Only the compliance team" in reply.params["text"]
