"""Bot fixtures: one small e5 knowledge base per test session, a fresh register per test,
and the Slack bot served for real over HTTP against the loopback fake of Slack's Web API.

Usage in a test::

    def test_something(slack: SlackHarness) -> None:
        slack.sender.event({...})
        slack.api.wait_for("chat.update")
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.core.context import Core
from bot.slack.app import SlackBot, SlackConfig, build_app
from bot.slack.server import http_app
from knowledge.engine import KnowledgeBase
from storage.crypto import Keyring
from storage.db import make_engine, make_sessionmaker
from storage.risk import load_reference_data
from storage.schema import upgrade_engine
from tests.bot.browser import chromium, tab  # noqa: F401  (fixtures)
from tests.bot.saq_register import saq_register, smtp_server  # noqa: F401  (fixtures)
from tests.fakes.asgi_server import serve
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_requests import SlackSender
from tests.knowledge.corpus import write_corpus

SIGNING_SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test"
OFFICER = "UOFFICER"
GROUP_MEMBER = "UGROUPED"
EMPLOYEE = "UEMPLOYEE"
COMPLIANCE_GROUP = "SCOMPLIANCE"
CASES_CHANNEL = "CCASES"


@pytest.fixture(scope="session")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The test corpus (Norwegian guide, English and Swedish supplier reports) with e5."""
    root = tmp_path_factory.mktemp("bot-knowledge")
    kb = KnowledgeBase.open(root / "index")
    report = kb.ingest([write_corpus(root / "corpus")])
    assert not report.failures
    return kb


@pytest.fixture
def core(knowledge: KnowledgeBase, data_dir: Path) -> Iterator[Core]:
    """A core on a fresh SQLite register in the data dir, sharing the session's knowledge."""
    engine = make_engine(f"sqlite:///{data_dir / 'aktsom.db'}")
    upgrade_engine(engine)
    core = Core(
        knowledge=knowledge,
        sessions=make_sessionmaker(engine, keyring=Keyring([Fernet.generate_key()])),
        uploads_dir=data_dir / "uploads",
        max_file_bytes=2 * 2**20,
        chunk_words=80,
        reference=load_reference_data(),
        checkpoints_dir=data_dir / "audit-checkpoints",
        engine=engine,
    )
    yield core
    core.close()


def fixed_clock(moment: datetime):
    """A clock stuck at `moment`."""
    return lambda: moment.astimezone(UTC)


@dataclass
class SlackHarness:
    """The bot served over HTTP, the fake Web API it talks to, and a signed sender."""

    bot: SlackBot
    api: FakeSlackApi
    sender: SlackSender
    url: str


@pytest.fixture
def slack_api() -> Iterator[FakeSlackApi]:
    """The loopback Slack Web API, with an officer, a group member and an employee."""
    with FakeSlackApi(token=BOT_TOKEN) as api:
        api.users[OFFICER] = {"locale": "nb-NO", "real_name": "Olga Officer"}
        api.users[GROUP_MEMBER] = {"locale": "en-GB", "real_name": "Gry Group"}
        api.users[EMPLOYEE] = {"locale": "en-US", "real_name": "Erik Employee"}
        api.usergroups[COMPLIANCE_GROUP] = [GROUP_MEMBER]
        yield api


@pytest.fixture
def slack(core: Core, slack_api: FakeSlackApi) -> Iterator[SlackHarness]:
    """The Slack bot on a free port, its Web API pointed at the fake."""
    bot = build_app(core, slack_config(slack_api))
    with serve(http_app(bot.app)) as url:
        yield SlackHarness(bot, slack_api, SlackSender(url, signing_secret=SIGNING_SECRET), url)


def slack_config(api: FakeSlackApi) -> SlackConfig:
    """The adapter settings the tests run with."""
    return SlackConfig(
        bot_token=BOT_TOKEN,
        signing_secret=SIGNING_SECRET,
        api_url=api.url,
        compliance_users=frozenset({OFFICER}),
        compliance_group=COMPLIANCE_GROUP,
        cases_channel=CASES_CHANNEL,
    )


def text_value(value: str) -> dict[str, dict[str, object]]:
    """A plain-text input's state."""
    return {"value": {"type": "plain_text_input", "value": value}}


def select_value(value: str) -> dict[str, dict[str, object]]:
    """A static select's state."""
    return {"value": {"type": "static_select", "selected_option": {"value": value}}}


def date_value(value: str) -> dict[str, dict[str, object]]:
    """A date picker's state."""
    return {"value": {"type": "datepicker", "selected_date": value}}


def user_value(value: str) -> dict[str, dict[str, object]]:
    """A user select's state."""
    return {"value": {"type": "users_select", "selected_user": value}}


def anonymous_value(checked: bool) -> dict[str, dict[str, object]]:
    """The anonymous checkbox's state."""
    options = [{"value": "anonymous"}] if checked else []
    return {"value": {"type": "checkboxes", "selected_options": options}}
