"""The supplier import in headless Chromium: a member uploads the bundled sample list, reviews
the preview, imports it and reads the prioritised list. Screenshots land in
tests/artifacts/screenshots/ (see tests/bot/browser.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.cli.sample import SAMPLE_LIST
from bot.core.context import Core
from bot.core.priorities import method
from bot.core.signin import issue_link
from bot.web.app import create_app
from tests.bot.browser import snapshot
from tests.bot.webclient import OFFICER
from tests.fakes.asgi_server import serve


@pytest.fixture
def site(core: Core) -> Iterator[str]:
    members = lambda platform, user: (platform, user) == ("slack", OFFICER)  # noqa: E731
    with serve(create_app(core, members=members)) as url:
        yield url


def test_a_member_imports_the_sample_list_and_reads_the_ranking(tab, core: Core, site: str) -> None:
    tab.goto(issue_link(core, platform="slack", user_id=OFFICER, base_url=site))
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(re.compile(r"/cases"))

    tab.goto(f"{site}/suppliers?lang=en")
    tab.set_input_files("#list-file", str(SAMPLE_LIST))
    tab.get_by_role("button", name="Upload and review").click()
    tab.wait_for_url(re.compile(r"/suppliers/import/"))
    assert tab.locator("#counts").inner_text() == (
        "11 rows: 11 new suppliers, 0 changed, 0 unchanged, 0 rejected."
    )
    assert tab.locator("#col-4").input_value() == "description"
    snapshot(tab, "supplier-import-preview")

    tab.get_by_role("button", name="Import", exact=True).click()
    tab.wait_for_url(re.compile(r"/suppliers/prioritised"))

    assert "Imported: 11 new" in tab.locator(".notice").inner_text()
    assert tab.locator("#method").inner_text() == method("en")
    first = tab.locator("#priorities tbody tr").first
    assert "Nordvev Tekstil AS" in first.inner_text()
    assert "28.6 % of annual spend." in first.inner_text()
    snapshot(tab, "suppliers-prioritised")
