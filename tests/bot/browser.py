"""Headless Chromium for the browser tests: Debian's `chromium`, driven by Playwright.

No browser is downloaded: Playwright is pointed at `/usr/bin/chromium`. Where it is missing
the browser tests are skipped, except under CI (`REQUIRE_CHROMIUM=1`, set by `.ci/run`, which
installs the package), where a missing browser fails them. Each test's screenshots are
kept in `tests/artifacts/screenshots/` for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
SCREENSHOTS = Path(__file__).parents[1] / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One headless Chromium per test module (Playwright's sync API holds an event loop on
    the main thread while it runs, which later `asyncio.run` calls must not meet)."""
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_CHROMIUM") == "1":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser context (no cookies) and page, in English unless a test says so."""
    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def snapshot(page, name: str) -> Path:
    """Save a full-page screenshot under `tests/artifacts/screenshots/NAME.png`."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
