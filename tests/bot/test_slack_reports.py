"""Reporting a concern in Slack, end to end: the modal, validation in the modal, the receipt
shown once, anonymity kept in every table and file, and following the case by receipt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot.core.report import ReportForm, submit
from bot.slack import app as slack_app
from storage.crypto import keyring_for
from storage.models import Case, CaseStatus, Channel
from storage.principal import Principal, Role
from storage.services.suppliers import SupplierCreate, create_supplier
from tests.bot.conftest import (
    CASES_CHANNEL,
    EMPLOYEE,
    OFFICER,
    SlackHarness,
    anonymous_value,
    select_value,
    text_value,
)

SECRET_STORY = "Arbeiderne ved Nordvev-fabrikken får ikke lønn for overtid siden mars-XYZZY"


def report_values(*, description: str = SECRET_STORY, anonymous: bool = True, **extra: str) -> dict:
    values = {
        "category": select_value("wages_and_benefits"),
        "description": text_value(description),
        "anonymous": anonymous_value(anonymous),
    }
    values.update({name: text_value(value) for name, value in extra.items()})
    return values


def submit_report(slack: SlackHarness, *, user: str = EMPLOYEE, **kwargs) -> dict:
    response = slack.sender.view_submission(
        user_id=user, callback_id="report", values=report_values(**kwargs)
    )
    assert response.status_code == 200 and slack.sender.last_elapsed < 3
    return response.json() if response.content else {}


def modal_text(view: dict) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def test_slash_report_opens_the_modal_with_the_privacy_statement(slack: SlackHarness) -> None:
    slack.sender.command("report", user_id=EMPLOYEE, trigger_id="T-REPORT")

    [opened] = slack.api.wait_for("views.open", timeout=10)
    view = opened.params["view"]
    assert opened.params["trigger_id"] == "T-REPORT"
    assert view["callback_id"] == "report"
    assert "What Slack still records" in modal_text(view)
    anonymous = next(b for b in view["blocks"] if b.get("block_id") == "anonymous")
    assert anonymous["element"]["initial_options"]


def test_submitting_stores_the_case_and_shows_the_receipt_once_in_the_modal(
    slack: SlackHarness,
) -> None:
    answer = submit_report(slack)

    assert answer["response_action"] == "update"
    shown = modal_text(answer["view"])
    with slack.bot.core.session() as session:
        [case] = session.scalars(select(Case)).all()
    assert case.reference in shown
    assert "Receipt code" in shown
    assert case.status == CaseStatus.RECEIVED and case.channel == Channel.SLACK


def test_the_compliance_channel_gets_the_reference_without_contents(slack: SlackHarness) -> None:
    submit_report(slack, supplier="Nordvev", country="Bangladesh")

    [notice] = slack.api.wait_for("chat.postMessage", timeout=10)
    assert notice.params["channel"] == CASES_CHANNEL
    with slack.bot.core.session() as session:
        [case] = session.scalars(select(Case)).all()
    assert case.reference in notice.params["text"]
    assert "XYZZY" not in json.dumps(notice.params)
    assert case.country == "BD"


def test_report_text_and_receipt_appear_in_no_slack_call(slack: SlackHarness) -> None:
    answer = submit_report(slack)
    slack.api.wait_for("chat.postMessage", timeout=10)
    code = next(
        line for line in modal_text(answer["view"]).split("*") if line.replace(" ", "").isdigit()
    )

    recorded = slack.api.all_payload_text()
    assert "XYZZY" not in recorded
    assert code.replace(" ", "") not in recorded.replace(" ", "")


def test_anonymous_report_leaves_no_slack_user_id_in_the_data_dir(
    slack: SlackHarness, data_dir: Path
) -> None:
    submit_report(slack, user="UANONYMOUS77")
    slack.bot.core.close()

    for path in data_dir.rglob("*"):
        if path.is_file():
            assert b"UANONYMOUS77" not in path.read_bytes(), path


def test_named_report_keeps_the_reporter(slack: SlackHarness) -> None:
    submit_report(slack, anonymous=False)

    with slack.bot.core.session() as session:
        [case] = session.scalars(select(Case)).all()
        keyring = keyring_for(session)
    assert not case.anonymous and EMPLOYEE.encode() not in case.reporter
    assert keyring.for_case(case.key_id).decrypt(case.reporter) == f"slack:{EMPLOYEE}"


def test_missing_description_is_shown_beside_the_field(slack: SlackHarness) -> None:
    answer = submit_report(slack, description="   ", country="Atlantis")

    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"description", "country"}
    with slack.bot.core.session() as session:
        assert session.scalars(select(Case)).all() == []


def test_the_same_submission_delivered_twice_stores_one_case(slack: SlackHarness) -> None:
    for _ in range(2):
        slack.sender.view_submission(
            user_id=EMPLOYEE, callback_id="report", values=report_values(), view_id="VSAME"
        )

    with slack.bot.core.session() as session:
        assert len(session.scalars(select(Case)).all()) == 1


def test_a_named_supplier_links_the_case_to_the_register(slack: SlackHarness) -> None:
    officer = Principal("slack", OFFICER, frozenset({Role.COMPLIANCE}))
    with slack.bot.core.session() as session:
        supplier = create_supplier(
            session, principal=officer, data=SupplierCreate(name="Nordvev Tekstil AS")
        )

    answer = submit_report(slack, supplier="the dye house of nordvev tekstil in Dhaka")

    with slack.bot.core.session() as session:
        [case] = session.scalars(select(Case)).all()
    assert case.supplier_id == supplier.id
    assert "Nordvev Tekstil AS" in modal_text(answer["view"])


def test_status_by_receipt_shows_handler_messages_and_takes_a_reply(slack: SlackHarness) -> None:
    core = slack.bot.core
    from bot.core.people import Person

    stored = submit(
        core,
        person=Person("slack", EMPLOYEE, "en"),
        form=ReportForm(description=SECRET_STORY),
        channel=Channel.SLACK,
    )
    officer = Person("slack", OFFICER, "nb", compliance=True)
    from bot.core.review import ReviewAction, act

    act(
        core,
        person=officer,
        reference=stored.reference,
        action=ReviewAction.WRITE,
        body="Takk, vi undersøker saken.",
    )

    shown = slack.sender.view_submission(
        user_id=EMPLOYEE,
        callback_id="status",
        values={"receipt": text_value(stored.receipt_code)},
    ).json()
    assert shown["response_action"] == "update"
    assert "Takk, vi undersøker saken." in modal_text(shown["view"])
    sealed = shown["view"]["private_metadata"]
    assert stored.receipt_code not in sealed

    replied = slack.sender.view_submission(
        user_id=EMPLOYEE,
        callback_id="status_reply",
        values={"reply": text_value("Det gjelder nattskiftet.")},
        private_metadata=sealed,
    ).json()
    assert stored.reference in modal_text(replied["view"])


def test_an_unknown_receipt_code_is_a_clear_error_in_the_modal(slack: SlackHarness) -> None:
    answer = slack.sender.view_submission(
        user_id=EMPLOYEE,
        callback_id="status",
        values={"receipt": text_value("1234 5678 9012 3456")},
    ).json()

    assert answer["response_action"] == "errors"
    assert "No case has this receipt code" in answer["errors"]["receipt"]


def test_under_load_the_receipt_replaces_a_storing_view(
    slack: SlackHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(slack_app, "RECEIPT_IN_ACK_S", 0.0)

    answer = slack.sender.view_submission(
        user_id=EMPLOYEE, callback_id="report", values=report_values(), view_id="VSLOW"
    ).json()

    assert "Do not close this window" in modal_text(answer["view"])
    [update] = slack.api.wait_for("views.update", timeout=10)
    with slack.bot.core.session() as session:
        [case] = session.scalars(select(Case)).all()
    assert update.params["view_id"] == "VSLOW"
    assert case.reference in modal_text(update.params["view"])
    assert "XYZZY" not in slack.api.all_payload_text()


def test_a_report_that_cannot_be_stored_gives_the_form_back_with_the_text(
    slack: SlackHarness,
) -> None:
    with slack.bot.core.session() as session:
        session.execute(text("DROP TABLE case_messages"))
        session.execute(text("DROP TABLE cases"))
        session.commit()

    answer = submit_report(slack, supplier="Nordvev")

    shown = answer["view"]
    assert shown["callback_id"] == "report" and "submit" in shown
    assert "could not be stored" in modal_text(shown)
    description = next(b for b in shown["blocks"] if b.get("block_id") == "description")
    assert description["element"]["initial_value"] == SECRET_STORY
