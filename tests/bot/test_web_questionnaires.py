"""The questionnaire pages over real HTTP. The supplier's public page: in the invitation's
language with a nb/en/sv switch, answers saved one at a time (the page's script) or by
section (no script), documents checked, submit refused naming what is missing, a receipt,
read-only afterwards, and tampered, expired, cancelled or replaced links refused with
nothing changed. The team's pages: members only, sending by e-mail (loopback SMTP) or as
a link to copy, scores, red flags accepted into tasks, attachments and score history."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from bot.core import questionnaires as saq
from bot.core import swedish
from bot.core.flood import FloodGuard
from bot.web.app import create_app
from storage.models import AuditEvent, FollowUpTask, InvitationStatus, QuestionnaireAnswer
from storage.questionnaire import current_version, load_questionnaire
from tests.bot.saq_register import Register
from tests.bot.webclient import OFFICER, csrf, sign_in
from tests.fakes.asgi_server import serve
from tests.fakes.smtp_server import SmtpServer

TEMPLATES = Path(__file__).parents[2] / "bot" / "web" / "templates"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
QUESTIONS = load_questionnaire(current_version()).questions


@pytest.fixture
def site(saq_register: Register) -> Iterator[str]:
    members = lambda platform, user: (platform, user) == ("slack", OFFICER)  # noqa: E731
    with serve(create_app(saq_register.core, members=members)) as url:
        yield url


@pytest.fixture
def visitor(site: str) -> Iterator[httpx.Client]:
    """A supplier's browser: no account, its own session cookie."""
    with httpx.Client(base_url=site, timeout=30) as client:
        yield client


@pytest.fixture
def team(site: str, saq_register: Register) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site, timeout=30, follow_redirects=True) as client:
        sign_in(client, saq_register.core, site)
        yield client


def link_for(saq_register: Register, supplier: int, **options: str) -> str:
    """Send the questionnaire to `supplier` without SMTP; the path of its link."""
    [result] = saq.send(
        saq_register.core, person=saq_register.member, supplier_ids=[supplier], **options
    )
    return result.link.removeprefix(saq_register.core.outreach.web_url)


def soup(page: httpx.Response) -> BeautifulSoup:
    return BeautifulSoup(page.text, "html.parser")


def answers(saq_register: Register) -> dict[str, str | None]:
    with saq_register.core.session() as session:
        rows = session.execute(select(QuestionnaireAnswer.question_id, QuestionnaireAnswer.choice))
        return dict(rows.all())


def audit_rows(saq_register: Register) -> int:
    with saq_register.core.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent))


def complete_fields(token: str, *, choice: str = "yes") -> dict[str, str]:
    """Every required question answered, as the whole form posts it."""
    fields = {"csrf": token}
    for question in QUESTIONS:
        if question.required and question.kind == "choice":
            fields[f"choice.{question.id}"] = choice
        elif question.required:
            fields[f"text.{question.id}"] = "Gazipur, 800 workers"
    return fields


def autosave(visitor: httpx.Client, path: str, token: str, **field: str) -> httpx.Response:
    data = {"csrf": token, **{key.replace("__", "."): value for key, value in field.items()}}
    return visitor.post(f"{path}/autosave?lang=en", data=data)


# The supplier's page ---------------------------------------------------------------------


def test_the_page_opens_in_the_invitations_language_and_switches(
    visitor: httpx.Client, saq_register: Register
) -> None:
    path = link_for(saq_register, saq_register.fjord)

    norwegian = soup(visitor.get(path))
    assert norwegian.html["lang"] == "nb"
    assert norwegian.find(id="section-governance").h2.get_text() == "Styring og risikovurdering"
    assert norwegian.select('input[name="choice.hr.policy"]')[0]["type"] == "radio"
    assert "0 av 28 spørsmål besvart" in norwegian.find(id="progress").get_text()
    assert {a["hreflang"] for a in norwegian.select("nav a[hreflang]")} == {"en", "sv"}

    swedish_page = soup(visitor.get(f"{path}?lang=sv"))
    assert swedish_page.html["lang"] == "sv"
    assert "0 av 28 frågor besvarade" in swedish_page.find(id="progress").get_text()
    assert swedish_page.find("button", value="submit").get_text() == "Skicka in"
    english = soup(visitor.get(f"{path}?lang=en"))
    labels = [label.get_text(strip=True) for label in english.select("#q-hr\\.policy label.choice")]
    assert labels == ["Yes", "Partly", "No"]


def test_an_answer_the_script_posts_is_saved_and_counted(
    visitor: httpx.Client, saq_register: Register
) -> None:
    path = link_for(saq_register, saq_register.knit)
    token = csrf(visitor.get(path))

    reply = autosave(visitor, path, token, choice__hr__policy="partly")

    assert reply.status_code == 200
    assert reply.json()["saved"] == ["hr.policy"]
    assert reply.json()["progress"] == "1 of 28 questions answered"
    assert "hr.policy" not in reply.json()["missing"]
    again = soup(visitor.get(path))
    assert again.find("input", {"name": "choice.hr.policy", "checked": True})["value"] == "partly"
    assert again.find("li", {"data-question": "hr.policy"}).has_attr("hidden")


def test_without_the_script_a_section_button_saves_the_whole_form(
    visitor: httpx.Client, saq_register: Register
) -> None:
    path = link_for(saq_register, saq_register.knit)
    token = csrf(visitor.get(path))
    fields = {
        "csrf": token,
        "choice.grievance.channel": "no",
        "text.about.sites": "Gazipur: 800 workers",
        "action": "save:grievance",
    }

    saved = visitor.post(f"{path}?lang=en", data=fields, files={"file.hr.policy": ("", b"")})

    assert saved.status_code == 303
    assert saved.headers["location"].endswith("#section-grievance")
    page = soup(visitor.get(saved.headers["location"]))
    assert page.find(role="status").get_text() == "Your answers are saved."
    assert page.find(id="text-about.sites").get_text() == "Gazipur: 800 workers"
    assert answers(saq_register) == {"grievance.channel": "no", "about.sites": None}


def test_a_refused_file_is_named_and_the_rest_is_kept(
    visitor: httpx.Client, saq_register: Register
) -> None:
    path = link_for(saq_register, saq_register.knit)
    token = csrf(visitor.get(path))
    fields = {"csrf": token, "choice.ac.policy": "yes", "action": "save:anti_corruption"}
    files = {
        "file.hr.policy": ("policy.pdf", PDF, "application/pdf"),
        "file.ac.policy": ("script.exe", b"MZ\x90\x00 not a document", "application/pdf"),
    }

    page = visitor.post(f"{path}?lang=en", data=fields, files=files)

    assert page.status_code == 422
    html = soup(page)
    refusal = html.select_one("#q-ac\\.policy .error").get_text()
    assert refusal.startswith("script.exe was not attached")
    assert "PDF, PNG, JPEG, Word (DOCX) and Excel (XLSX) files of at most 10 MB" in refusal
    assert [li.get_text() for li in html.select("#files-hr\\.policy li")] == ["policy.pdf"]
    assert html.select("#files-ac\\.policy li") == []
    assert answers(saq_register) == {"ac.policy": "yes"}


def test_an_oversized_file_through_the_script_is_refused_by_size(
    visitor: httpx.Client, saq_register: Register
) -> None:
    saq_register.core.outreach = replace(saq_register.core.outreach, max_attachment_bytes=2**20)
    path = link_for(saq_register, saq_register.knit)
    token = csrf(visitor.get(path))
    big = PDF + b"0" * 2**20

    reply = visitor.post(
        f"{path}/autosave?lang=en",
        data={"csrf": token},
        files={"file.env.permits": ("permit.pdf", big, "application/pdf")},
    )

    assert reply.status_code == 422
    assert "larger than 1 MB" in reply.json()["errors"]["env.permits"]
    assert reply.json()["attachments"]["env.permits"] == []


def test_uploads_past_the_public_flood_cap_are_refused_with_a_clear_word(
    visitor: httpx.Client, saq_register: Register
) -> None:
    saq_register.core.flood = FloodGuard("2/minute")
    path = link_for(saq_register, saq_register.knit)
    token = csrf(visitor.get(path))

    replies = [
        visitor.post(
            f"{path}/autosave?lang=en",
            data={"csrf": token},
            files={"file.hr.policy": (f"policy-{n}.pdf", PDF, "application/pdf")},
        )
        for n in range(3)
    ]

    assert [reply.status_code for reply in replies] == [200, 200, 422]
    assert "wait a minute" in replies[2].json()["errors"]["hr.policy"]
    assert replies[2].json()["attachments"]["hr.policy"] == ["policy-0.pdf", "policy-1.pdf"]


def test_submitting_with_answers_missing_names_them_and_changes_nothing(
    visitor: httpx.Client, saq_register: Register
) -> None:
    path = link_for(saq_register, saq_register.knit)
    token = csrf(visitor.get(path))
    fields = {
        **complete_fields(token),
        "action": "submit",
        "name": "Ana Rahman",
        "role": "CSR lead",
        "confirm": "yes",
    }
    del fields["choice.forced.fees"], fields["choice.env.targets"]

    page = visitor.post(f"{path}?lang=en", data=fields)

    assert page.status_code == 422
    html = soup(page)
    assert html.find(role="alert").get_text() == (
        "Answer every required question before you submit (2 missing)."
    )
    flagged = [fieldset["id"] for fieldset in html.select("fieldset.has-error")]
    assert flagged == ["q-forced.fees", "q-env.targets"]
    assert html.find(id="name")["value"] == "Ana Rahman"
    missing = [li["data-question"] for li in html.select("#missing li:not([hidden])")]
    assert missing == ["forced.fees", "env.targets"]
    [row] = saq.overview(saq_register.core, person=saq_register.member).rows
    assert row.invitation.status == InvitationStatus.IN_PROGRESS


def test_submitting_needs_the_confirmation_box_name_and_role(
    visitor: httpx.Client, saq_register: Register
) -> None:
    path = link_for(saq_register, saq_register.knit)
    token = csrf(visitor.get(path))
    fields = {**complete_fields(token), "action": "submit", "name": "Ana Rahman", "role": ""}

    unticked = soup(visitor.post(f"{path}?lang=en", data=fields))
    assert "Tick the box to confirm the answers." in unticked.get_text()
    no_role = soup(visitor.post(f"{path}?lang=en", data={**fields, "confirm": "yes"}))
    assert "Give the name and role of the person confirming" in no_role.get_text()

    [row] = saq.overview(saq_register.core, person=saq_register.member).rows
    assert row.invitation.submitted_at is None


def test_a_complete_submission_shows_a_receipt_and_reads_back_read_only(
    visitor: httpx.Client, saq_register: Register
) -> None:
    path = link_for(saq_register, saq_register.knit)
    token = csrf(visitor.get(path))
    fields = {
        **complete_fields(token),
        "action": "submit",
        "name": "Ana Rahman",
        "role": "CSR lead",
        "confirm": "yes",
    }

    done = visitor.post(f"{path}?lang=en", data=fields)

    assert done.status_code == 303
    receipt = soup(visitor.get(done.headers["location"]))
    assert receipt.h1.get_text() == "Thank you, the self-assessment is submitted"
    assert receipt.find(id="receipt").get_text() == (
        "Submitted by Ana Rahman (CSR lead) on 1 Dec 2026."
    )
    assert receipt.find("input", {"type": "radio"}) is None
    assert receipt.select_one("#q-hr\\.policy .answer").get_text() == "Yes"
    late = autosave(visitor, path, token, choice__hr__policy="no")
    assert late.status_code == 409
    assert answers(saq_register)["hr.policy"] == "yes"


@pytest.mark.parametrize(
    ("spoil", "status", "words"),
    [
        ("tamper", 403, "This link is not valid"),
        ("expire", 410, "This link has expired, and nothing was changed"),
        ("cancel", 410, "This self-assessment has been withdrawn"),
        ("replace", 403, "a newer one has replaced it"),
    ],
)
def test_a_spoilt_link_is_refused_clearly_and_changes_nothing(
    visitor: httpx.Client, saq_register: Register, spoil: str, status: int, words: str
) -> None:
    path = link_for(saq_register, saq_register.knit)
    token = csrf(visitor.get(path))
    autosave(visitor, path, token, choice__hr__policy="yes")
    [row] = saq.overview(saq_register.core, person=saq_register.member).rows
    if spoil == "tamper":
        path = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    elif spoil == "expire":
        saq_register.clock.advance(days=31)
    elif spoil == "cancel":
        saq.cancel(saq_register.core, person=saq_register.member, invitation_id=row.invitation.id)
    else:
        saq.resend(saq_register.core, person=saq_register.member, invitation_id=row.invitation.id)
    before = audit_rows(saq_register)

    page = visitor.get(f"{path}?lang=en")
    saved = autosave(visitor, path, token, choice__hr__policy="no")
    posted = visitor.post(f"{path}?lang=en", data={**complete_fields(token), "action": "submit"})

    assert page.status_code == saved.status_code == posted.status_code == status
    html = soup(page)
    assert words in html.find(id="refusal").get_text()
    assert "Contact the company that sent you the link" in html.get_text()
    assert "Dhaka Knit" not in page.text
    assert words in saved.json()["refused"]
    assert answers(saq_register) == {"hr.policy": "yes"}
    assert audit_rows(saq_register) == before


def test_a_refused_link_speaks_the_visitors_language(
    visitor: httpx.Client, saq_register: Register
) -> None:
    page = visitor.get("/saq/not-a-token", headers={"Accept-Language": "sv-SE,sv;q=0.9"})

    assert page.status_code == 403
    assert soup(page).html["lang"] == "sv"
    assert soup(page).h1.get_text() == "Länken fungerar inte"


def test_a_post_without_the_forms_token_changes_nothing(
    visitor: httpx.Client, saq_register: Register
) -> None:
    path = link_for(saq_register, saq_register.knit)
    visitor.get(path)

    script = visitor.post(f"{path}/autosave?lang=en", data={"choice.hr.policy": "no"})
    form = visitor.post(f"{path}?lang=en", data={"csrf": "forged", "choice.hr.policy": "no"})

    assert script.status_code == form.status_code == 403
    assert "The form had expired" in script.json()["problem"]
    assert answers(saq_register) == {}


def test_the_page_loads_no_third_party_asset(visitor: httpx.Client, saq_register: Register) -> None:
    page = soup(visitor.get(link_for(saq_register, saq_register.knit)))

    sources = [tag.get("src") or tag.get("href") for tag in page.select("script, link")]
    assert sources == ["/static/aktsom.css", "/static/saq.js"]


@pytest.mark.parametrize("template", ["saq.html", "saq_refused.html"])
def test_every_text_on_the_public_page_has_swedish(template: str) -> None:
    keys = set(re.findall(r"\bt\([\"']([a-z_.]+)[\"']", (TEMPLATES / template).read_text()))

    assert keys and sorted(keys - set(swedish.TEXTS)) == []


# The team's pages ------------------------------------------------------------------------


def submit_as_supplier(visitor: httpx.Client, path: str, **choices: str) -> None:
    """Answer every required question "yes" unless `choices` says otherwise, and submit."""
    token = csrf(visitor.get(path))
    fields = {
        **complete_fields(token),
        **{f"choice.{key.replace('__', '.')}": value for key, value in choices.items()},
        "action": "submit",
        "name": "Ana Rahman",
        "role": "CSR lead",
        "confirm": "yes",
    }
    files = {"file.hr.policy": ("policy.pdf", PDF, "application/pdf")}
    assert visitor.post(f"{path}?lang=en", data=fields, files=files).status_code == 303


def notice(page: httpx.Response) -> str:
    return soup(page).find(role="status").get_text()


def test_the_team_pages_are_for_members_only(
    site: str, saq_register: Register, visitor: httpx.Client
) -> None:
    path = link_for(saq_register, saq_register.knit)
    [row] = saq.overview(saq_register.core, person=saq_register.member).rows
    pages = ["/questionnaires", f"/questionnaires/{row.invitation.id}"]
    pages += [f"/questionnaires/supplier/{saq_register.knit}", "/questionnaires/attachments/1"]

    assert [visitor.get(f"{page}?lang=en").status_code for page in pages] == [401] * 4
    with httpx.Client(base_url=site, timeout=30, follow_redirects=True) as outsider:
        assert sign_in(outsider, saq_register.core, site, user="UEMPLOYEE").status_code == 403
        assert outsider.get("/questionnaires?lang=en").status_code == 401
    token = csrf(visitor.get(path))
    sent = visitor.post(
        "/questionnaires/send?lang=en", data={"csrf": token, "supplier": saq_register.fjord}
    )
    assert sent.status_code == 401
    assert len(saq.overview(saq_register.core, person=saq_register.member).rows) == 1


def test_sending_from_the_board_e_mails_through_smtp(
    team: httpx.Client, visitor: httpx.Client, saq_register: Register, smtp_server: SmtpServer
) -> None:
    saq_register.with_smtp(smtp_server)
    board = team.get("/questionnaires?lang=en")
    fields = {"csrf": csrf(board), "supplier": [saq_register.knit, saq_register.silent]}

    page = team.post("/questionnaires/send?lang=en", data=fields)

    results = [li.get_text(" ", strip=True) for li in soup(page).select("#results li")]
    assert results == [
        "Dhaka Knit Ltd: self-assessment #1 e-mailed to csr@dhakaknit.example.",
        "Mystery Parts: not sent: the supplier has no e-mail address in the register; give one",
    ]
    assert soup(page).select("#results input") == []  # an e-mailed link is not shown
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "csr@dhakaknit.example"
    [path] = re.findall(r"http://127\.0\.0\.1:8080(/saq/\S+)", message.get_content())
    assert soup(visitor.get(path)).find(id="progress")
    assert soup(team.get("/questionnaires?lang=en")).find(id="results") is None


def test_without_smtp_the_board_gives_the_link_to_copy(
    team: httpx.Client, visitor: httpx.Client, saq_register: Register
) -> None:
    board = team.get("/questionnaires?lang=en")
    fields = {"csrf": csrf(board), "supplier": saq_register.fjord, "language": "en"}

    page = soup(team.post("/questionnaires/send?lang=en", data=fields))

    [result] = page.select("#results li")
    assert result.get_text(" ", strip=True).startswith(
        "Fjordtre AS: self-assessment #1 ready; no SMTP is configured, so send the link yourself:"
    )
    link = result.find("input")["value"]
    assert result.find("button", {"data-copy": result.find("input")["id"]}).get_text() == (
        "Copy the link"
    )
    opened = visitor.get(link.removeprefix(saq_register.core.outreach.web_url))
    assert soup(opened).html["lang"] == "en"
    assert page.select_one("#rate-sent strong").get_text() == "1"


def test_an_e_mail_address_for_several_suppliers_is_refused(
    team: httpx.Client, saq_register: Register
) -> None:
    fields = {
        "csrf": csrf(team.get("/questionnaires?lang=en")),
        "supplier": [saq_register.knit, saq_register.fjord],
        "email": "one@example.com",
    }

    page = team.post("/questionnaires/send?lang=en", data=fields)

    assert notice(page).startswith("An e-mail address can only be given with one supplier")
    assert saq.overview(saq_register.core, person=saq_register.member).rows == ()


def test_the_board_shows_status_reminders_rates_and_the_score(
    team: httpx.Client, visitor: httpx.Client, saq_register: Register
) -> None:
    submit_as_supplier(visitor, link_for(saq_register, saq_register.knit), grievance__channel="no")
    link_for(saq_register, saq_register.fjord)

    page = soup(team.get("/questionnaires?lang=en"))

    rows = {
        row.select("td")[1].get_text(): (
            row.select_one(".status").get_text(),
            row.select_one(".score").get_text(),
        )
        for row in page.select("#invitations tbody tr")
    }
    assert rows == {"Dhaka Knit Ltd": ("Submitted", "95"), "Fjordtre AS": ("Sent", "–")}
    assert page.select_one("#rate-submitted").get_text(" ", strip=True) == "Submitted 1 50.0 %"
    assert page.find(id="rule").get_text().startswith("How the score is counted:")
    assert page.select_one('a[href="/questionnaires"]').get_text() == "Questionnaires"


def test_the_invitation_page_shows_scores_answers_and_attachments(
    team: httpx.Client, visitor: httpx.Client, saq_register: Register
) -> None:
    submit_as_supplier(visitor, link_for(saq_register, saq_register.knit), grievance__channel="no")

    page = soup(team.get("/questionnaires/1?lang=en"))

    scores = {
        row["data-area"]: row.select("td")[1].get_text()
        for row in page.select("#scores tr[data-area]")
    }
    assert scores == {
        "human_rights": "80",
        "labour": "100",
        "environment": "100",
        "anti_corruption": "100",
    }
    assert page.select_one("#total").get_text(" ", strip=True) == "Total 95"
    assert (
        page.find(id="submitted").get_text() == "Submitted by Ana Rahman (CSR lead) on 1 Dec 2026."
    )
    assert page.select_one("#answer-grievance\\.channel .answer").get_text(strip=True) == "No"
    [attachment] = page.select("a.attachment")
    download = team.get(attachment["href"])
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert "policy.pdf" in download.headers["content-disposition"]


def test_accepting_a_red_flag_creates_its_task_and_links_it(
    team: httpx.Client, visitor: httpx.Client, saq_register: Register
) -> None:
    path = link_for(saq_register, saq_register.knit)
    submit_as_supplier(visitor, path, grievance__channel="no", forced__fees="partly")
    page = team.get("/questionnaires/1?lang=en")
    cards = soup(page).select(".card")
    assert [card.p.get_text(" ", strip=True) for card in cards] == [
        "Corrective-action plan : Agree a corrective-action plan for a grievance channel at the "
        "supplier (grievance.channel)",
        "Forced labour : The supplier states that workers pay recruitment fees or other costs "
        "to get the job. (forced.fees)",
    ]
    first, second = (card["id"].removeprefix("suggestion-") for card in cards)
    token = csrf(page)

    accepted = team.post(
        f"/questionnaires/suggestions/{first}?lang=en",
        data={"csrf": token, "decision": "accept", "invitation_id": "1"},
    )
    dismissed = team.post(
        f"/questionnaires/suggestions/{second}?lang=en",
        data={"csrf": token, "decision": "dismiss", "invitation_id": "1"},
    )

    with saq_register.core.session() as session:
        [task] = session.scalars(select(FollowUpTask)).all()
    assert notice(accepted) == f"Accepted: task #{task.id}"
    assert task.supplier_id == saq_register.knit and task.title.startswith("Agree a corrective")
    assert notice(dismissed) == "Dismissed"
    decided = soup(dismissed)
    link = decided.select_one(f"#suggestion-{first} .decision a")
    assert link.get_text() == f"Accepted: task #{task.id}"
    assert decided.select_one(f"#suggestion-{second} .decision").get_text() == "Dismissed"
    assert decided.select("form.decide") == []


def test_the_score_history_is_reached_from_the_supplier_page(
    team: httpx.Client, visitor: httpx.Client, saq_register: Register
) -> None:
    submit_as_supplier(visitor, link_for(saq_register, saq_register.knit), grievance__channel="no")
    supplier_page = soup(team.get(f"/suppliers/{saq_register.knit}?lang=en"))

    page = soup(team.get(supplier_page.find(id="saq-history")["href"]))

    assert page.h1.get_text() == "Score history: Dhaka Knit Ltd"
    [row] = page.select("#history tbody tr")
    assert row.select_one('[data-area="human_rights"]').get_text() == "80"
    assert row.select_one(".total").get_text() == "95"


def test_withdrawing_from_the_board_stops_the_link(
    team: httpx.Client, visitor: httpx.Client, saq_register: Register
) -> None:
    path = link_for(saq_register, saq_register.knit)
    board = team.get("/questionnaires?lang=en")

    page = team.post("/questionnaires/1/cancel?lang=en", data={"csrf": csrf(board)})

    assert notice(page) == "Self-assessment #1 is withdrawn; its link no longer works."
    assert soup(page).select_one("#invitation-1 .status").get_text() == "Withdrawn"
    assert visitor.get(path).status_code == 410


def test_sending_again_gives_a_new_link_and_the_old_one_stops(
    team: httpx.Client, visitor: httpx.Client, saq_register: Register
) -> None:
    old = link_for(saq_register, saq_register.knit)
    board = team.get("/questionnaires?lang=en")
    shown = soup(team.post("/questionnaires/1/link?lang=en", data={"csrf": csrf(board)}))
    assert shown.select_one("#shown-1")["value"].endswith(old)

    page = soup(team.post("/questionnaires/1/resend?lang=en", data={"csrf": csrf(board)}))

    new = page.select_one("#results input")["value"]
    assert new != shown.select_one("#shown-1")["value"]
    assert visitor.get(old).status_code == 403
    assert visitor.get(new.removeprefix(saq_register.core.outreach.web_url)).status_code == 200
