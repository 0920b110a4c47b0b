"""The year's figures from a seeded register, on SQLite and PostgreSQL, and their SVG charts."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from bot.core import statistics
from bot.core.context import Core
from bot.core.errors import FormInvalid
from bot.core.people import Person
from bot.core.statistics import Chart, DeadlineTally, TaskTally
from knowledge.engine import KnowledgeBase
from storage.crypto import Keyring
from storage.db import make_engine, make_sessionmaker
from storage.errors import AccessDenied
from storage.models import AuditEvent, CaseCategory, CaseOutcome, Channel, TaskKind
from storage.principal import Principal, Role
from storage.risk import load_reference_data
from storage.schema import upgrade
from storage.services import cases, info_requests, suppliers, tasks
from storage.services.case_schemas import CaseCreate
from storage.services.info_requests import InformationRequestCreate
from storage.services.tasks import TaskCreate
from tests.bot.conftest import fixed_clock
from tests.storage.conftest import create_postgres_database, drop_postgres_database

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
OFFICER = Principal("slack", "UOFFICER", frozenset({Role.COMPLIANCE}))
MEMBER = Person("slack", "UOFFICER", "en", compliance=True)
OUTSIDER = Person("slack", "UEMPLOYEE", "en")


def at(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def register(
    request: pytest.FixtureRequest, core: Core, knowledge: KnowledgeBase
) -> Iterator[Core]:
    """The core on SQLite, or an equal one on a fresh PostgreSQL database; clock fixed."""
    if request.param == "sqlite":
        core.clock = fixed_clock(NOW)
        yield core
        return
    url = create_postgres_database()
    try:
        upgrade(url)
        engine = make_engine(url)
        on_postgres = Core(
            knowledge=knowledge,
            sessions=make_sessionmaker(engine, keyring=Keyring([Fernet.generate_key()])),
            uploads_dir=core.uploads_dir,
            max_file_bytes=core.max_file_bytes,
            chunk_words=core.chunk_words,
            reference=load_reference_data(),
            checkpoints_dir=core.checkpoints_dir,
            clock=fixed_clock(NOW),
            engine=engine,
        )
        yield on_postgres
        on_postgres.close()
    finally:
        drop_postgres_database(url)


def report(
    core: Core,
    received: datetime,
    category: CaseCategory = CaseCategory.FORCED_LABOUR,
    *,
    acknowledged: datetime | None = None,
    replied: datetime | None = None,
    supplier: str | None = None,
    description: str = "Passene holdes tilbake",
) -> str:
    """A case received at `received`, acknowledged and answered when given."""
    with core.session() as session:
        reference = cases.submit_report(
            session,
            principal=OFFICER,
            data=CaseCreate(
                category=category,
                description=description,
                channel=Channel.WEB,
                supplier_name=supplier,
            ),
            now=received,
        ).reference
        if acknowledged:
            cases.acknowledge_case(
                session, principal=OFFICER, reference=reference, now=acknowledged
            )
        if replied:
            cases.add_handler_message(
                session, principal=OFFICER, reference=reference, body="Vi ser på det.", now=replied
            )
    return reference


def information_request(core: Core, received: datetime) -> int:
    with core.session() as session:
        return info_requests.register_request(
            session,
            principal=OFFICER,
            data=InformationRequestCreate(
                requester_name="Kari",
                requester_contact="kari@example.no",
                question="Hvilke fabrikker?",
                received_at=received,
            ),
            now=received,
        ).id


def task(core: Core, created: datetime, *, due: date | None = None) -> int:
    with core.session() as session:
        supplier = suppliers.match_supplier(session, text="Dhaka Knit")
        if supplier is None:
            supplier = suppliers.create_supplier(
                session,
                principal=OFFICER,
                data=suppliers.SupplierCreate(name="Dhaka Knit", countries=["BD"]),
                now=created,
            )
        return tasks.create_task(
            session,
            principal=OFFICER,
            data=TaskCreate(
                supplier_id=supplier.id, kind=TaskKind.AUDIT, title="Audit", due_date=due
            ),
            now=created,
        ).id


def seed(core: Core) -> None:
    """The register the expected figures below were worked out from (now is 15 June 2026)."""
    report(core, at(1, 5), acknowledged=at(1, 8), replied=at(1, 20))  # in time twice
    report(core, at(2, 10), acknowledged=at(2, 19))  # acknowledged on day 9: late
    report(core, at(6, 10), CaseCategory.WAGES_AND_BENEFITS)  # not yet due
    report(core, at(3, 1), CaseCategory.CHILD_LABOUR)  # never acknowledged: overdue
    report(core, at(1, 2), CaseCategory.ENVIRONMENT, acknowledged=at(1, 3), replied=at(4, 10))
    report(core, at(12, 20, 2025))  # another year

    received = (at(2, 1), at(3, 1), at(4, 1), at(5, 1))
    in_time, late, extended, refused = (information_request(core, day) for day in received)
    information_request(core, at(5, 10))  # open, past its three weeks
    information_request(core, at(6, 5))  # open, not yet due
    with core.session() as session:
        for request_id, moment in ((in_time, at(2, 15)), (late, at(3, 30))):
            info_requests.answer_request(
                session, principal=OFFICER, request_id=request_id, answer="Svar", answered_at=moment
            )
        info_requests.extend_request(
            session,
            principal=OFFICER,
            request_id=extended,
            new_due_at=at(5, 20),
            reason="Mange leverandører",
            notified_at=at(4, 10),
            now=at(4, 10),
        )
        info_requests.answer_request(
            session, principal=OFFICER, request_id=extended, answer="Svar", answered_at=at(5, 15)
        )
        info_requests.refuse_request(
            session,
            principal=OFFICER,
            request_id=refused,
            legal_basis="åpenhetsloven § 6 tredje ledd",
            refused_at=at(5, 10),
        )

    done, cancelled, finished_before = (
        task(core, day) for day in (at(1, 10), at(3, 1), at(1, 1, 2025))
    )
    task(core, at(2, 1), due=date(2026, 5, 1))  # overdue
    task(core, at(3, 1), due=date(2026, 12, 1))  # open
    task(core, at(6, 1, 2025))  # open since last year, no due date
    with core.session() as session:
        tasks.complete_task(session, principal=OFFICER, task_id=done, note="OK", now=at(2, 1))
        tasks.cancel_task(session, principal=OFFICER, task_id=cancelled, now=at(3, 2))
        tasks.complete_task(
            session, principal=OFFICER, task_id=finished_before, note="OK", now=at(3, 1, 2025)
        )


def test_the_year_in_numbers(register: Core) -> None:
    seed(register)

    summary = statistics.summarise(register, person=MEMBER, year=2026)

    assert summary.cases == 5
    assert dict(summary.by_category)[CaseCategory.FORCED_LABOUR] == 2
    assert dict(summary.by_category)[CaseCategory.ENVIRONMENT] == 1
    assert summary.by_month == (2, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0)
    assert summary.acknowledgement == DeadlineTally(
        within=2, late=1, overdue=1, waiting=1, median_days=3.0
    )
    assert summary.feedback == DeadlineTally(
        within=1, late=1, overdue=2, waiting=1, median_days=54.5
    )
    assert summary.requests == DeadlineTally(
        within=3, late=1, overdue=1, waiting=1, median_days=21.5
    )
    assert summary.refused == 1
    assert summary.tasks == TaskTally(done=1, open=2, overdue=1, cancelled=1)


@pytest.mark.parametrize(("day", "in_time"), [(7, True), (9, False)])
def test_acknowledging_after_day_seven_is_late(core: Core, day: int, in_time: bool) -> None:
    core.clock = fixed_clock(NOW)
    report(core, at(1, 5), acknowledged=at(1, 5) + timedelta(days=day))

    found = statistics.summarise(core, person=MEMBER, year=2026).acknowledgement

    assert (found.within, found.late) == ((1, 0) if in_time else (0, 1))
    assert found.median_days == day


def test_a_case_closed_before_any_message_is_not_overdue(core: Core) -> None:
    core.clock = fixed_clock(NOW)
    reference = report(core, at(1, 5), acknowledged=at(1, 6))
    with core.session() as session:
        cases.close_case(
            session,
            principal=OFFICER,
            reference=reference,
            outcome=CaseOutcome.WITHDRAWN,
            now=at(1, 9),
        )

    found = statistics.summarise(core, person=MEMBER, year=2026).feedback

    assert (found.within, found.overdue) == (1, 0)


def test_a_non_member_is_refused_and_the_attempt_audited(core: Core) -> None:
    with pytest.raises(AccessDenied):
        statistics.summarise(core, person=OUTSIDER, year=2026)

    with core.session() as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "access.denied"))
    assert event.actor == "slack:UEMPLOYEE"
    assert event.details["attempted"] == "statistics.read"


def test_a_year_before_the_act_is_refused_in_words(core: Core) -> None:
    core.clock = fixed_clock(NOW)

    with pytest.raises(FormInvalid, match="2022"):
        statistics.summarise(core, person=MEMBER, year=2019)


def test_charts_are_svg_labelled_in_the_language_and_stable(core: Core) -> None:
    core.clock = fixed_clock(NOW)
    report(core, at(1, 5))
    summary = statistics.summarise(core, person=MEMBER, year=2026)

    norwegian = statistics.chart(summary, name=Chart.CATEGORIES, lang="nb")
    english = statistics.chart(summary, name=Chart.CATEGORIES, lang="en")

    root = ElementTree.fromstring(norwegian)
    assert root.tag.endswith("svg")
    assert "Tvangsarbeid" in norwegian.decode() and "Forced labour" in english.decode()
    assert statistics.chart(summary, name=Chart.CATEGORIES, lang="nb") == norwegian
    assert b"<script" not in norwegian


@pytest.mark.parametrize("name", list(Chart))
def test_every_chart_renders(core: Core, name: Chart) -> None:
    core.clock = fixed_clock(NOW)
    summary = statistics.summarise(core, person=MEMBER, year=2026)

    svg = statistics.chart(summary, name=name, lang="nb").decode()

    assert "2026" in svg and svg.rstrip().endswith("</svg>")
