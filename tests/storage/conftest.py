"""Storage fixtures: every test using `engine` or `session` runs on SQLite and PostgreSQL.

`db_url` is parametrised over a SQLite file in `tmp_path` and one PostgreSQL database per
test session (`aktsom_test_<random>` on 127.0.0.1:5432, dropped at the end, so parallel runs
never share tables; emptied after each test). The schema comes from the real migrations. PostgreSQL
tests are marked `postgres`; when the server does not answer they fail, never skip.

Usage in a test module (S2's services included)::

    def test_something(session: Session, principal: Principal) -> None:
        submit_report(session, principal=principal, data=...)

`sessions` is the factory for tests that need several sessions (threads, a second reader).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from storage.case_keys import CaseKeyDirectory
from storage.crypto import CASE_KEY_DIR_NAME, Keyring, key_file
from storage.db import make_engine, make_sessionmaker
from storage.errors import RateLimited, ReceiptInvalid
from storage.models import Base
from storage.principal import Principal, Role
from storage.schema import upgrade
from storage.services.audit import GENESIS_HASH, record
from storage.services.cases import view_by_receipt

POSTGRES_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database created and migrated once per test session, dropped at the end."""
    url = create_postgres_database()
    try:
        upgrade(url)
        yield url
    finally:
        drop_postgres_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL on each backend: a new SQLite file, or the session's PostgreSQL
    database, whose tables are emptied after the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'aktsom.db'}"
        return
    url = request.getfixturevalue("postgres_url")
    yield url
    engine = make_engine(url)
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


def create_postgres_database() -> str:
    """Create an empty, uniquely named PostgreSQL database and return its URL."""
    name = f"aktsom_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN_DSN, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES_URL.format(name=name)


def drop_postgres_database(url: str) -> None:
    """Drop a database made by `create_postgres_database`."""
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_ADMIN_DSN, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a database migrated to the newest schema."""
    upgrade(db_url)
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def keyring(data_dir: Path) -> Keyring:
    """A fresh one-key keyring, its case keys where the CLI looks for them in `data_dir`."""
    case_keys = CaseKeyDirectory(key_file(data_dir).parent / CASE_KEY_DIR_NAME)
    return Keyring([Fernet.generate_key()], case_keys=case_keys)


@pytest.fixture
def sessions(engine: Engine, keyring: Keyring) -> sessionmaker[Session]:
    """A session factory carrying `keyring`."""
    return make_sessionmaker(engine, keyring=keyring)


@pytest.fixture
def session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One session on the migrated database."""
    with sessions() as session:
        yield session


@pytest.fixture
def officer() -> Principal:
    """A compliance handler."""
    return Principal("slack", "U-OFFICER", frozenset({Role.COMPLIANCE}))


@pytest.fixture
def admin() -> Principal:
    """An administrator, who configures but may not read case contents."""
    return Principal("slack", "U-ADMIN", frozenset({Role.ADMIN}))


@pytest.fixture
def employee() -> Principal:
    """An employee with no special role."""
    return Principal("slack", "U-EMPLOYEE", frozenset())


TRIGGERS = {
    "sqlite": ["DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete"],
    "postgresql": ["DROP TRIGGER audit_events_append_only ON audit_events"],
}


def as_insider(engine: Engine, *statements: str) -> None:
    """Run `statements` the way someone with full rights on the database would: the
    append-only triggers dropped first (and put back after, for the next test)."""
    dialect = engine.dialect.name
    with engine.begin() as connection:
        for drop in TRIGGERS[dialect]:
            connection.execute(text(drop))
        for statement in statements:
            connection.execute(text(statement))
    _restore_triggers(engine)


def _restore_triggers(engine: Engine) -> None:
    message = "'audit_events is append-only: rows cannot be changed or deleted'"
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(
                text(
                    "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "
                    "audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
                )
            )
            return
        for verb in ("update", "delete"):
            connection.execute(
                text(
                    f"CREATE TRIGGER audit_events_no_{verb} BEFORE {verb.upper()} ON "
                    f"audit_events BEGIN SELECT RAISE(ABORT, {message}); END"
                )
            )


def rehash_without_the_key(engine: Engine) -> None:
    """What an insider without the key can do: recompute every hash with plain SHA-256."""
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM audit_events ORDER BY seq")).mappings().all()
    prev, statements = GENESIS_HASH, []
    for row in rows:
        at = row["at"]
        at = at if isinstance(at, str) else at.astimezone(UTC).isoformat(timespec="microseconds")
        details = row["details"] if isinstance(row["details"], dict) else json.loads(row["details"])
        payload = {
            **{key: row[key] for key in ("seq", "actor", "action", "object_type", "object_id")},
            "at": at,
            "details": details,
            "prev_hash": prev,
        }
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(canonical.encode()).hexdigest()
        statements.append(
            f"UPDATE audit_events SET prev_hash = '{prev}', hash = '{digest}' "
            f"WHERE seq = {row['seq']}"
        )
        prev = digest
    as_insider(engine, *statements)


def write_read_events(
    session: Session, principal: Principal, count: int, *, tag: str = "a"
) -> None:
    """Commit `count` audited case reads (`AK-2026-0000`, ...), each with its number and `tag`."""
    for number in range(count):
        record(
            session,
            principal=principal,
            action="case.read",
            object_type="case",
            object_id=f"AK-2026-{number:04d}",
            details={"n": number, "tag": tag},
        )
    session.commit()


def try_receipt(sessions: sessionmaker[Session], code: str, source: str, now: datetime) -> str:
    """Look a receipt code up once from `source`: `ok`, `wrong` or `limited`."""
    with sessions() as session:
        try:
            view_by_receipt(session, code=code, source=source, now=now)
        except RateLimited:
            return "limited"
        except ReceiptInvalid:
            return "wrong"
    return "ok"
