"""The team's register pages over real HTTP: case filters and history, suppliers with risk
reasons and an audited override, the task board, requests on their clock, the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from bot.core.context import Core
from bot.core.people import Person
from bot.core.report import ReportForm, submit
from bot.core.review import ReviewAction, act
from bot.core.tasks import TaskForm, create
from bot.web.app import create_app
from storage.models import AuditEvent, Channel, InformationRequest
from storage.services.info_requests import InformationRequestCreate, submit_request
from storage.services.suppliers import SupplierCreate, create_supplier
from tests.bot.conftest import fixed_clock
from tests.bot.webclient import OFFICER, csrf, sign_in
from tests.fakes.asgi_server import serve
from tests.storage.conftest import as_insider

MEMBER = Person("slack", OFFICER, "en", compliance=True)
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def site(core: Core) -> Iterator[str]:
    core.clock = fixed_clock(NOW)
    members = lambda platform, user: (platform, user) == ("slack", OFFICER)  # noqa: E731
    with serve(create_app(core, members=members)) as url:
        yield url


@pytest.fixture
def browser(site: str, core: Core) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site, timeout=30, follow_redirects=True) as client:
        sign_in(client, core, site)
        yield client


def report(core: Core, supplier: str = "", category: str = "forced_labour") -> str:
    form = ReportForm(description="Passene holdes tilbake.", category=category, supplier=supplier)
    return submit(core, person=Person("slack", "UEMP", "en"), form=form, channel=Channel.SLACK)


def supplier(core: Core, name: str, countries: list[str], categories: list[str]) -> int:
    with core.session() as session:
        return create_supplier(
            session,
            principal=MEMBER.principal,
            data=SupplierCreate(name=name, countries=countries, product_categories=categories),
            reference=core.reference,
        ).id


def table_refs(page: httpx.Response, table: str) -> list[str]:
    soup = BeautifulSoup(page.text, "html.parser")
    return [row.find("td").get_text(strip=True) for row in soup.select(f"#{table} tbody tr")]


def test_the_case_list_filters_by_category_supplier_and_status(
    browser: httpx.Client, core: Core
) -> None:
    supplier(core, "Dhaka Garments Ltd", ["BD"], [])
    linked = report(core, supplier="Dhaka Garments").reference
    other = report(core, category="environment").reference
    act(core, person=MEMBER, reference=other, action=ReviewAction.ACKNOWLEDGE)
    act(core, person=MEMBER, reference=other, action=ReviewAction.CLOSE, outcome="withdrawn")

    assert table_refs(browser.get("/cases"), "cases") == [linked]
    assert table_refs(browser.get("/cases?supplier=dhaka"), "cases") == [linked]
    assert table_refs(browser.get("/cases?category=environment"), "cases") == []
    assert table_refs(browser.get("/cases?status=closed"), "cases") == [other]


def test_the_deadline_filter_keeps_overdue_cases_and_marks_them(
    browser: httpx.Client, core: Core
) -> None:
    late = report(core).reference
    core.clock = fixed_clock(NOW + timedelta(days=6))
    fresh = report(core).reference
    core.clock = fixed_clock(NOW + timedelta(days=8))

    page = browser.get("/cases?due=0")

    assert table_refs(page, "cases") == [late]
    assert "OVERDUE" in page.text and fresh not in page.text


def test_the_case_history_shows_status_changes_and_messages_in_order(
    browser: httpx.Client, core: Core
) -> None:
    reference = report(core).reference
    act(core, person=MEMBER, reference=reference, action=ReviewAction.ACKNOWLEDGE)
    act(core, person=MEMBER, reference=reference, action=ReviewAction.WRITE, body="Vi ser på det")

    page = browser.get(f"/cases/{reference}")

    steps = [
        item.get_text(" ", strip=True)
        for item in BeautifulSoup(page.text, "html.parser").select("#timeline li")
    ]
    assert "The case came in" in steps[0]
    assert "Status: Acknowledged" in steps[1] and "slack:UOFFICER" in steps[1]
    assert "Vi ser på det" in steps[2]


def test_a_supplier_shows_its_risk_reasons_with_sources_and_what_is_linked(
    browser: httpx.Client, core: Core
) -> None:
    supplier_id = supplier(core, "Dhaka Garments Ltd", ["BD"], ["tekstiler"])
    reference = report(core, supplier="Dhaka Garments").reference
    create(core, person=MEMBER, form=TaskForm(supplier="Dhaka Garments", title="Revisjon"))

    page = browser.get(f"/suppliers/{supplier_id}")

    soup = BeautifulSoup(page.text, "html.parser")
    reasons = soup.find(id="reasons").get_text()
    assert "ITUC" in reasons and "Bangladesh" in reasons
    assert reference in page.text and "Revisjon" in page.text
    assert "Passene holdes" not in page.text
    listing = browser.get("/suppliers?min_risk=very_high")
    assert "Dhaka Garments Ltd" in listing.text


def test_a_risk_override_needs_a_justification_and_is_audited_with_it(
    browser: httpx.Client, core: Core
) -> None:
    supplier_id = supplier(core, "Nordvev AS", ["NO"], [])
    page = browser.get(f"/suppliers/{supplier_id}")

    refused = browser.post(
        f"/suppliers/{supplier_id}/risk",
        data={"csrf": csrf(page), "level": "high", "justification": " "},
    )
    assert "Write a justification" in refused.text
    done = browser.post(
        f"/suppliers/{supplier_id}/risk",
        data={"csrf": csrf(page), "level": "high", "justification": "Revisjon fant brudd"},
    )

    assert "High" in BeautifulSoup(done.text, "html.parser").find(id="risk").get_text()
    with core.session() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "supplier.override_risk")
        ).one()
    assert event.actor == "slack:UOFFICER" and event.details["justification"]


def test_the_task_board_marks_overdue_tasks_and_completing_needs_a_note(
    browser: httpx.Client, core: Core
) -> None:
    form = TaskForm(supplier="Nordvev", title="Egenerklæring", due=date(2026, 10, 1))
    task = create(core, person=MEMBER, form=form).task
    page = browser.get("/tasks")
    assert (
        "overdue"
        in BeautifulSoup(page.text, "html.parser").select_one("#tasks-open article")["class"]
    )

    refused = browser.post(f"/tasks/{task.id}", data={"csrf": csrf(page), "step": "complete"})
    assert "Write what came of the task" in refused.text
    done = browser.post(
        f"/tasks/{task.id}",
        data={"csrf": csrf(page), "step": "complete", "note": "Mottatt og vurdert"},
    )
    assert "Mottatt og vurdert" in done.text
    assert done.text.count("Egenerklæring") == 1
    assert BeautifulSoup(done.text, "html.parser").select("#tasks-done article")


def public_request(core: Core, received: datetime) -> int:
    data = InformationRequestCreate(
        requester_name="Kari",
        requester_contact="kari@example.no",
        question="Hvilke fabrikker?",
        received_at=received,
        channel=Channel.WEB,
    )
    with core.session() as session:
        return submit_request(session, data=data, now=received).id


def test_requests_show_days_left_and_overdue(browser: httpx.Client, core: Core) -> None:
    fresh = public_request(core, NOW - timedelta(days=1))
    late = public_request(core, NOW - timedelta(days=30))

    page = browser.get("/requests")

    rows = {
        row.find("td").get_text(strip=True): row
        for row in BeautifulSoup(page.text, "html.parser").select("#requests tbody tr")
    }
    assert rows[f"#{fresh}"].find_all("td")[-1].get_text() == "20"
    assert "overdue" in rows[f"#{late}"]["class"]


def test_an_extension_is_recorded_and_one_beyond_two_months_is_refused(
    browser: httpx.Client, core: Core
) -> None:
    request_id = public_request(core, NOW - timedelta(days=2))
    page = browser.get(f"/requests/{request_id}")

    too_late = browser.post(
        f"/requests/{request_id}",
        data={"csrf": csrf(page), "action": "extend", "until": "2027-03-01", "text": "Mange"},
    )
    assert "at most two months" in too_late.text
    done = browser.post(
        f"/requests/{request_id}",
        data={"csrf": csrf(page), "action": "extend", "until": "2026-12-20", "text": "Mange"},
    )

    assert "The extension is recorded." in done.text and "20 Dec 2026" in done.text
    with core.session() as session:
        assert session.get(InformationRequest, request_id).extension_notified_at is not None


def test_a_refusal_needs_its_legal_basis(browser: httpx.Client, core: Core) -> None:
    request_id = public_request(core, NOW)
    page = browser.get(f"/requests/{request_id}")

    refused = browser.post(
        f"/requests/{request_id}", data={"csrf": csrf(page), "action": "refuse", "text": ""}
    )

    assert "State the legal basis" in refused.text
    with core.session() as session:
        assert session.get(InformationRequest, request_id).refusal_basis is None


def test_the_audit_page_shows_the_newest_events_first_and_the_chain_intact(
    browser: httpx.Client, core: Core
) -> None:
    reference = report(core).reference
    act(core, person=MEMBER, reference=reference, action=ReviewAction.ACKNOWLEDGE)

    page = browser.get("/audit")

    assert "The audit trail is intact" in page.text
    actions = [
        row.find_all("td")[3].get_text()
        for row in BeautifulSoup(page.text, "html.parser").select("#audit tbody tr")
    ]
    assert actions == [
        "case.status_changed",
        "case.submitted",
        "case.list",  # the case list the member landed on after signing in
        "dashboard.signed_in",
    ]


def test_the_audit_page_says_where_an_edited_trail_breaks(
    browser: httpx.Client, core: Core
) -> None:
    report(core)
    assert core.engine is not None
    as_insider(core.engine, "UPDATE audit_events SET actor = 'someone' WHERE seq = 1")

    page = browser.get("/audit")

    alert = BeautifulSoup(page.text, "html.parser").find(id="verification")
    assert "broken at row 1" in alert.get_text() and "error" in alert["class"]


def test_a_signed_out_visitor_sees_no_register_page(site: str) -> None:
    with httpx.Client(base_url=site, timeout=30) as anonymous:
        for path in ("/suppliers", "/tasks", "/requests", "/audit"):
            assert anonymous.get(path).status_code == 401
