"""A service that fails leaves no transaction open: on SQLite other writers go on at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from storage.crypto import Keyring
from storage.db import make_engine, make_sessionmaker, session_scope
from storage.errors import AccessDenied, NotFound, StorageError, ValidationFailed
from storage.models import AuditEvent, Case, CaseCategory, Channel, Supplier, TaskKind
from storage.principal import Principal
from storage.schema import upgrade
from storage.services.case_schemas import CaseCreate
from storage.services.cases import get_case, submit_report
from storage.services.suppliers import SupplierCreate, create_supplier
from storage.services.tasks import TaskCreate, complete_task, create_task, get_task

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
REPORT = CaseCreate(
    category=CaseCategory.WORKING_HOURS,
    description="Tolvtimersskift hver dag.",
    channel=Channel.WEB,
)
SHORT_BUSY_TIMEOUT_S = 0.2


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A migrated SQLite file."""
    path = tmp_path / "aktsom.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_sessions(db_path: Path, keyring: Keyring) -> Iterator[sessionmaker[Session]]:
    """Sessions on the SQLite file, each transaction taking the write lock at BEGIN."""
    engine = make_engine(f"sqlite:///{db_path}")
    yield make_sessionmaker(engine, keyring=keyring)
    engine.dispose()


def _write_elsewhere(db_path: Path) -> None:
    """Take the write lock from a second connection that waits at most a moment."""
    other = sqlite3.connect(db_path, timeout=SHORT_BUSY_TIMEOUT_S, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO reference_counters (year, last_number) VALUES (1999, 1)")
        other.execute("COMMIT")
    finally:
        other.close()


def _unknown_case(session: Session, officer: Principal, employee: Principal) -> None:
    get_case(session, principal=officer, reference="AK-2026-9999")


def _unknown_task(session: Session, officer: Principal, employee: Principal) -> None:
    get_task(session, principal=officer, task_id=404)


def _task_done_without_note(session: Session, officer: Principal, employee: Principal) -> None:
    supplier = create_supplier(session, principal=officer, data=SupplierCreate(name="Dhaka Knit"))
    data = TaskCreate(supplier_id=supplier.id, kind=TaskKind.AUDIT, title="Audit")
    task = create_task(session, principal=officer, data=data)
    complete_task(session, principal=officer, task_id=task.id, note=" ")


def _denied_read(session: Session, officer: Principal, employee: Principal) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=NOW).reference
    get_case(session, principal=employee, reference=reference)


@pytest.mark.parametrize(
    ("failing_call", "error"),
    [
        (_unknown_case, NotFound),
        (_unknown_task, NotFound),
        (_task_done_without_note, ValidationFailed),
        (_denied_read, AccessDenied),
    ],
)
def test_failed_service_call_leaves_the_database_free_for_other_writers(
    sqlite_sessions: sessionmaker[Session],
    db_path: Path,
    officer: Principal,
    employee: Principal,
    failing_call: Callable[[Session, Principal, Principal], None],
    error: type[StorageError],
) -> None:
    with sqlite_sessions() as session:
        with pytest.raises(error):
            failing_call(session, officer, employee)
        assert not session.in_transaction()
        _write_elsewhere(db_path)


def test_denied_read_is_audited_even_though_the_call_failed(
    sqlite_sessions: sessionmaker[Session], officer: Principal, employee: Principal
) -> None:
    with sqlite_sessions() as session, pytest.raises(AccessDenied):
        _denied_read(session, officer, employee)
    with sqlite_sessions() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert actions == ["case.submitted", "access.denied"]


def test_session_scope_keeps_work_that_succeeds(
    sqlite_sessions: sessionmaker[Session], employee: Principal
) -> None:
    with session_scope(sqlite_sessions) as session:
        reference = submit_report(session, principal=employee, data=REPORT, now=NOW).reference
    with session_scope(sqlite_sessions) as session:
        assert session.scalar(select(Case.reference)) == reference


def test_session_scope_discards_unfinished_work_and_frees_the_lock(
    sqlite_sessions: sessionmaker[Session], db_path: Path
) -> None:
    with pytest.raises(RuntimeError), session_scope(sqlite_sessions) as session:
        session.add(Supplier(name="Half written", countries=[], created_at=NOW, updated_at=NOW))
        session.flush()
        raise RuntimeError("the caller failed half way")
    _write_elsewhere(db_path)
    with session_scope(sqlite_sessions) as session:
        assert session.scalar(select(func.count()).select_from(Supplier)) == 0
