"""The day's audit-trail head is posted to the compliance channel once a day, and the same
head is signed into the checkpoint file that `audit verify` holds the chain to."""

from __future__ import annotations

from bot.core import audit_log
from bot.core.context import Core
from bot.core.people import Person
from bot.core.report import ReportForm, submit
from bot.slack.app import build_app
from storage.crypto import keyring_for
from storage.models import Channel
from storage.services.audit_checkpoints import latest_checkpoint
from tests.bot.conftest import SlackHarness, slack_config
from tests.bot.webclient import OFFICER
from tests.storage.conftest import as_insider


def _report(core: Core) -> None:
    form = ReportForm(description="Noe skjedde.", category="other")
    submit(core, person=Person("web", "visitor", "nb"), form=form, channel=Channel.WEB)


def test_the_day_head_is_posted_once_and_matches_the_signed_checkpoint(
    slack: SlackHarness, core: Core
) -> None:
    _report(core)
    second = build_app(core, slack_config(slack.api))

    posted = [slack.bot.post_audit_head(), second.post_audit_head(), slack.bot.post_audit_head()]

    assert posted.count(True) == 1
    [post] = slack.api.calls_to("chat.postMessage")
    with core.session() as session:
        latest = latest_checkpoint(core.checkpoints_dir, keyring=keyring_for(session))
    assert latest is not None and latest.seq >= 1
    assert post.params["channel"] == "CCASES" and latest.hash in post.params["text"]
    assert "Noe skjedde" not in str(post.params)


def test_a_failed_post_is_tried_again(slack: SlackHarness, core: Core) -> None:
    slack.api.fail("chat.postMessage")
    assert slack.bot.post_audit_head() is False
    slack.api.unfail("chat.postMessage")
    assert slack.bot.post_audit_head() is True


def test_the_audit_page_holds_the_chain_to_the_checkpoint(slack: SlackHarness, core: Core) -> None:
    _report(core)
    slack.bot.post_audit_head()
    assert core.engine is not None
    as_insider(core.engine, "DELETE FROM audit_events")

    member = Person("slack", OFFICER, "nb", compliance=True)
    page = audit_log.audit_page(core, person=member)

    assert not page.report.ok and "checkpoint" in (page.report.problem or "")
