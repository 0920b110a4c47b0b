"""A register for the questionnaire tests: a core on a fresh SQLite file with a clock the
test moves, sample suppliers, and an SMTP server on loopback when a test wants e-mail.

The questionnaire flows never touch the knowledge base, so this core has none and the
tests need no embedding model.

Usage::

    def test_something(saq_register: Register, smtp_server: SmtpServer) -> None:
        core = saq_register.with_smtp(smtp_server)
        [result] = send(core, person=saq_register.member, supplier_ids=[saq_register.knit])
        saq_register.clock.advance(days=7)

The fixtures are registered in `tests/bot/conftest.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.core.context import Core
from bot.core.mail import Mailer, SmtpConfig
from bot.core.people import Person
from storage.crypto import Keyring
from storage.db import make_engine, make_sessionmaker
from storage.risk import load_reference_data
from storage.schema import upgrade_engine
from storage.services.suppliers import SupplierCreate, create_supplier
from tests.fakes.smtp_server import SmtpServer

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SENDER = "Acme compliance <csr@acme.example>"


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@dataclass
class Register:
    """The core, its clock, a compliance member, an employee and three suppliers."""

    core: Core
    clock: Clock
    member: Person
    employee: Person
    knit: int
    """Dhaka Knit Ltd, Bangladesh, with a contact e-mail."""
    fjord: int
    """Fjordtre AS, Norway, with a contact e-mail."""
    silent: int
    """Mystery Parts, no country, no e-mail."""

    def with_smtp(self, smtp: SmtpServer) -> Core:
        """The same core sending e-mail through `smtp` (no pause between retries)."""
        config = replace(SmtpConfig.from_url(smtp.url, sender=SENDER), retry_wait_s=0)
        self.core.outreach = replace(self.core.outreach, mailer=Mailer(config))
        return self.core


@pytest.fixture
def saq_register(data_dir: Path) -> Iterator[Register]:
    """A fresh register at `START`."""
    engine = make_engine(f"sqlite:///{data_dir / 'aktsom.db'}")
    upgrade_engine(engine)
    clock = Clock(START)
    core = Core(
        knowledge=None,  # type: ignore[arg-type]  (not used by these flows)
        sessions=make_sessionmaker(engine, keyring=Keyring([Fernet.generate_key()])),
        uploads_dir=data_dir / "uploads",
        max_file_bytes=2**20,
        chunk_words=80,
        reference=load_reference_data(),
        checkpoints_dir=data_dir / "audit-checkpoints",
        clock=clock,
        engine=engine,
    )
    member = Person("slack", "UOFFICER", "nb", compliance=True)
    ids = []
    with core.session() as session:
        for name, countries, email in (
            ("Dhaka Knit Ltd", ["BD"], "csr@dhakaknit.example"),
            ("Fjordtre AS", ["NO"], "post@fjordtre.example"),
            ("Mystery Parts", [], None),
        ):
            data = SupplierCreate(name=name, countries=countries, contact_email=email)
            supplier = create_supplier(session, principal=member.principal, data=data, now=START)
            ids.append(supplier.id)
    yield Register(core, clock, member, Person("slack", "UEMPLOYEE", "en"), *ids)
    core.close()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """The loopback SMTP server, recording what it receives."""
    with SmtpServer() as server:
        yield server
