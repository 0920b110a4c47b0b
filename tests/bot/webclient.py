"""Driving the web app as a browser would, over real HTTP: forms with their CSRF token, and
signing a member in with a one-time link."""

from __future__ import annotations

import httpx
from bs4 import BeautifulSoup

from bot.core.context import Core
from bot.core.signin import issue_link

OFFICER = "UOFFICER"


def csrf(page: httpx.Response) -> str:
    """The CSRF token of the first form on `page`."""
    return BeautifulSoup(page.text, "html.parser").find("input", {"name": "csrf"})["value"]


def sign_in(browser: httpx.Client, core: Core, site: str, *, user: str = OFFICER) -> httpx.Response:
    """Open a one-time link for Slack user `user` and press its button."""
    link = issue_link(core, platform="slack", user_id=user, base_url=site)
    page = browser.get(link.removeprefix(site))
    token = BeautifulSoup(page.text, "html.parser").find("input", {"name": "token"})["value"]
    return browser.post("/signin?lang=en", data={"csrf": csrf(page), "token": token})
