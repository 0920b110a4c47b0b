"""Engines and sessions for SQLite (one machine) and PostgreSQL (several replicas).

SQLite gets WAL, foreign keys, secure delete and a busy timeout on every connection, and
every transaction starts with `BEGIN IMMEDIATE`: writers queue on the database lock up front
instead of failing when a reader later tries to write. PostgreSQL runs at READ COMMITTED; services
take row or advisory locks where order matters.

Because the write lock is taken at `BEGIN`, a transaction left open after an error would
block every other writer until its session closes. So there is one way in: `session_scope`
for callers, which commits, rolls back on any error and always closes, and `transaction`
for services, which ends its transaction either way before returning or raising.

Usage::

    engine = make_engine("sqlite:///data/aktsom.db")
    sessions = make_sessionmaker(engine, keyring=keyring)
    with session_scope(sessions) as session:
        submit_report(session, principal=me, data=report)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from storage.crypto import KEYRING_INFO, Keyring

SQLITE_BUSY_TIMEOUT_MS = 30_000
POSTGRES_POOL_SIZE = 10
POSTGRES_MAX_OVERFLOW = 30


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine for `url` with the settings aktsom relies on."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(
        url,
        echo=echo,
        pool_pre_ping=True,
        pool_size=POSTGRES_POOL_SIZE,
        max_overflow=POSTGRES_MAX_OVERFLOW,
    )


def make_sessionmaker(engine: Engine, *, keyring: Keyring | None = None) -> sessionmaker[Session]:
    """A session factory whose sessions carry `keyring` for the services that encrypt."""
    return sessionmaker(bind=engine, expire_on_commit=False, info={KEYRING_INFO: keyring})


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A new session: committed on success, rolled back on any error, always closed."""
    with factory() as session, transaction(session):
        yield session


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """Commit what the block did, or roll all of it back if the block raises."""
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    session.commit()


def scrub_sqlite(session: Session) -> None:
    """On SQLite, copy the WAL into the database and cut it to nothing, so rows just deleted
    leave no old copy in `-wal` (with `secure_delete` their pages are already zeroed).
    Call it after the transaction that deleted them has committed; elsewhere it does nothing."""
    engine = session.get_bind()
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    """Turn on WAL, foreign keys and the busy timeout; let SQLAlchemy emit BEGIN itself."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(
        "PRAGMA secure_delete=ON"
    )  # deleted rows are overwritten, not left in free pages
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    """Take the write lock at the start of each transaction (see module docstring)."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")
