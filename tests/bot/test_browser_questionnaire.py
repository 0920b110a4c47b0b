"""The questionnaire round trip in headless Chromium: a supplier opens the link, answers
part of it (saved as they go, a document attached), comes back later and finds the answers
kept, finishes and submits with name and role; the team signs in and reads the score.

Screenshots of each step land in tests/artifacts/screenshots/saq-*.png.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core import questionnaires as saq
from bot.core.signin import issue_link
from bot.web.app import create_app
from storage.questionnaire import current_version, load_questionnaire
from tests.bot.browser import snapshot
from tests.bot.saq_register import Register
from tests.bot.webclient import OFFICER
from tests.fakes.asgi_server import serve

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
NO = {"grievance.channel", "forced.fees"}
"""The answers that are not "yes": each raises a red flag."""


@pytest.fixture
def site(saq_register: Register) -> Iterator[str]:
    members = lambda platform, user: (platform, user) == ("slack", OFFICER)  # noqa: E731
    with serve(create_app(saq_register.core, members=members)) as url:
        yield url


def answer(tab, question_id: str, choice: str) -> None:
    """Pick a choice and wait until the page says it is saved."""
    tab.locator(f'input[name="choice.{question_id}"][value="{choice}"]').check()
    expect_saved(tab, question_id)


def expect_saved(tab, question_id: str) -> None:
    status = tab.locator(f'[id="status-{question_id}"]')
    status.filter(has_text=re.compile(r"^Saved$")).wait_for()


def test_a_supplier_fills_in_comes_back_submits_and_the_team_sees_the_score(
    tab, site: str, saq_register: Register, tmp_path: Path
) -> None:
    [sent] = saq.send(
        saq_register.core, person=saq_register.member, supplier_ids=[saq_register.knit]
    )
    link = site + sent.link.removeprefix(saq_register.core.outreach.web_url)
    policy = tmp_path / "code-of-conduct.pdf"
    policy.write_bytes(PDF)

    tab.goto(link)
    assert tab.locator("h1").inner_text().startswith("Supplier self-assessment")
    assert tab.locator("#progress").inner_text() == "0 of 28 questions answered"
    assert tab.get_by_role("button", name="Save answers").first.is_hidden()  # the script saves
    snapshot(tab, "saq-1-opened")

    tab.fill('[id="text-about.sites"]', "Gazipur, Bangladesh: one knitting mill, 800 workers")
    expect_saved(tab, "about.sites")
    answer(tab, "hr.policy", "yes")
    answer(tab, "grievance.channel", "no")
    tab.set_input_files('[id="file-hr.policy"]', str(policy))
    tab.locator('[id="files-hr.policy"] li', has_text="code-of-conduct.pdf").wait_for()
    assert tab.locator("#progress").inner_text() == "3 of 28 questions answered"
    snapshot(tab, "saq-2-part-filled")

    tab.goto(link)  # coming back later with the same link
    assert tab.locator('input[name="choice.grievance.channel"][value="no"]').is_checked()
    assert tab.input_value('[id="text-about.sites"]').startswith("Gazipur")
    assert tab.locator('[id="files-hr.policy"] li').all_inner_texts() == ["code-of-conduct.pdf"]
    assert tab.locator("#progress").inner_text() == "3 of 28 questions answered"
    snapshot(tab, "saq-3-come-back")

    for question in load_questionnaire(current_version()).questions:
        if question.kind == "choice" and question.id not in {"hr.policy", "grievance.channel"}:
            answer(tab, question.id, "partly" if question.id in NO else "yes")
    assert tab.locator("#missing-box").is_hidden()
    tab.fill("#name", "Ana Rahman")
    tab.fill("#role", "Head of compliance")
    tab.check("#confirm")
    snapshot(tab, "saq-4-ready-to-submit")
    tab.get_by_role("button", name="Submit").click()

    tab.locator("#receipt").wait_for()
    assert tab.locator("h1").inner_text() == "Thank you, the self-assessment is submitted"
    assert tab.locator("#receipt").inner_text() == (
        "Submitted by Ana Rahman (Head of compliance) on 1 Dec 2026."
    )
    assert tab.locator('input[type="radio"]').count() == 0
    snapshot(tab, "saq-5-receipt")

    tab.goto(issue_link(saq_register.core, platform="slack", user_id=OFFICER, base_url=site))
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(re.compile(r"/cases"))
    tab.goto(f"{site}/questionnaires?lang=en")
    row = tab.locator("#invitation-1")
    assert row.locator(".status").inner_text() == "Submitted"
    score = row.locator(".score").inner_text()
    snapshot(tab, "saq-6-team-board")

    tab.locator("#invitation-1 a").first.click()
    areas = dict(
        zip(
            tab.locator("#scores tr[data-area] td:first-child").all_inner_texts(),
            tab.locator("#scores tr[data-area] td:last-child").all_inner_texts(),
            strict=True,
        )
    )
    total = tab.locator("#total th").last.inner_text()
    snapshot(tab, "saq-7-team-invitation")
    print(f"\nSAQ round trip scores: {areas}, total {total}")  # for the closing note
    assert total == score
    assert areas == {
        "Human rights": "80",
        "Labour": "92.1",
        "Environment": "100",
        "Anti-corruption": "100",
    }
    assert tab.locator(".card").count() == 2  # grievance channel; recruitment fees

    tab.goto(link[:-4] + ("BBBB" if link.endswith("AAAA") else "AAAA"))  # altered by hand
    assert tab.locator("#refusal").inner_text().startswith("This link is not valid")
    snapshot(tab, "saq-8-altered-link")
