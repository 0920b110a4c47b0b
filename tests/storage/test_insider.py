"""The scripted insider (issue 14): someone who copies the data dir after a purge, and who
deletes an audit row and re-hashes the rest, gets nothing from the first and is caught by
`aktsom audit verify` on the second; a backup of the database taken before the purge cannot
be read for the purged case afterwards, with the register's key in hand."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from bot.cli import app
from bot.core.store import open_store
from bot.settings import load_settings
from storage.crypto import Keyring
from storage.db import make_sessionmaker
from storage.errors import KeyringError
from storage.models import CaseCategory, CaseOutcome, Channel
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.cases import close_case, submit_report
from storage.services.retention import purge_closed_cases
from tests.storage.conftest import as_insider, rehash_without_the_key

runner = CliRunner()
SECRET = "Vaktene på Quuxfabrikken tar passene til arbeiderne."
LONG_AGO = datetime.now(UTC) - timedelta(days=400)
REPORT = CaseCreate(
    category=CaseCategory.FORCED_LABOUR,
    description=SECRET,
    channel=Channel.WEB,
    supplier_name="Quuxfabrikken Ltd",
)


@pytest.fixture
def register(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Engine, Keyring]:
    """The register as every aktsom process opens it, in `data_dir`."""
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    return open_store(load_settings())


def test_an_insider_gets_nothing_from_a_purge_and_cannot_rewrite_the_trail(
    register: tuple[Engine, Keyring],
    data_dir: Path,
    tmp_path: Path,
    employee: Principal,
    officer: Principal,
) -> None:
    engine, keyring = register
    sessions = make_sessionmaker(engine, keyring=keyring)
    with sessions() as session:
        reference = submit_report(session, principal=employee, data=REPORT, now=LONG_AGO).reference
        close_case(
            session,
            principal=officer,
            reference=reference,
            outcome=CaseOutcome.REFERRED,
            now=LONG_AGO,
        )
        assert purge_closed_cases(session, principal=officer, retention_days=365) == [reference]
    assert runner.invoke(app, ["audit", "checkpoint"]).exit_code == 0

    copy = shutil.copytree(data_dir, tmp_path / "copied")
    everything = b"".join(path.read_bytes() for path in copy.rglob("*") if path.is_file())
    assert b"Quuxfabrikken" not in everything and SECRET.encode() not in everything

    as_insider(engine, "DELETE FROM audit_events WHERE action = 'case.purged'")
    rehash_without_the_key(engine)
    engine.dispose()
    verified = runner.invoke(app, ["audit", "verify"])
    assert verified.exit_code == 1
    assert "broken at row 1" in verified.stderr


def test_a_backup_taken_before_a_purge_cannot_be_read_for_the_purged_case(
    register: tuple[Engine, Keyring],
    data_dir: Path,
    tmp_path: Path,
    employee: Principal,
    officer: Principal,
) -> None:
    engine, keyring = register
    sessions = make_sessionmaker(engine, keyring=keyring)
    with sessions() as session:
        purged = submit_report(session, principal=employee, data=REPORT, now=LONG_AGO).reference
        kept = submit_report(session, principal=employee, data=REPORT, now=LONG_AGO).reference
        close_case(
            session, principal=officer, reference=purged, outcome=CaseOutcome.REFERRED, now=LONG_AGO
        )
    backup = tmp_path / "backup.db"
    with sqlite3.connect(data_dir / "aktsom.db") as live, sqlite3.connect(backup) as copy:
        live.backup(copy)
    assert _read_from(backup, purged, keyring) == SECRET

    with sessions() as session:
        assert purge_closed_cases(session, principal=officer, retention_days=365) == [purged]
    engine.dispose()

    _, reopened = open_store(load_settings())
    with pytest.raises(KeyringError, match="not in the case key directory"):
        _read_from(backup, purged, reopened)
    assert _read_from(backup, kept, reopened) == SECRET


def _read_from(database: Path, reference: str, keyring: Keyring) -> str:
    """Decrypt a case's description straight from a copy of the database file."""
    with sqlite3.connect(database) as connection:
        description, key_id = connection.execute(
            "SELECT description, key_id FROM cases WHERE reference = ?", (reference,)
        ).fetchone()
    return keyring.for_case(key_id).decrypt(description)
