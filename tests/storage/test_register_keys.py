"""Keys and files of the register (issue 14, findings 1, 9 and 12): the data dir is private,
a lost or wrong key stops the CLI instead of hiding the reports behind a new key, the key
can live outside the data dir, purges respect the retention floor, and the CLI acts as the
operating-system user who runs it."""

from __future__ import annotations

import json
import os
import pwd
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from cryptography.fernet import Fernet
from sqlalchemy import select, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from bot.cli import app
from bot.core.store import open_store
from bot.settings import load_settings
from storage.crypto import key_file, load_keyring
from storage.db import make_engine, make_sessionmaker
from storage.errors import ValidationFailed
from storage.models import AuditEvent, Case, CaseCategory, CaseOutcome, Channel
from storage.principal import Principal
from storage.schema import alembic_config, upgrade
from storage.services.case_schemas import CaseCreate
from storage.services.cases import close_case, submit_report
from storage.services.retention import purge_closed_cases

runner = CliRunner()
REPORT = CaseCreate(
    category=CaseCategory.ENVIRONMENT, description="Kjemikalier i elva.", channel=Channel.WEB
)
OS_USER = pwd.getpwuid(os.getuid()).pw_name


def _register(db_url: str, keys: Path, employee: Principal) -> str:
    """A register at `db_url` holding one case encrypted under the key file `keys`."""
    upgrade(db_url)
    engine = make_engine(db_url)
    keyring = load_keyring(secret=None, path=keys, may_create=True)
    with make_sessionmaker(engine, keyring=keyring)() as session:
        reference = submit_report(session, principal=employee, data=REPORT).reference
    engine.dispose()
    return reference


@pytest.fixture
def cli_env(db_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_DATABASE_URL", db_url)
    return data_dir


def test_data_dir_and_its_files_are_private_under_a_loose_umask(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    command = "import os; os.umask(0o022); from bot.cli import app; app()"
    result = subprocess.run(
        [sys.executable, "-c", command, "cases", "list", "--json"],
        env={**os.environ, "AKTSOM_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    assert {path.name for path in files} >= {"aktsom.db", "aktsom.keys"}
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in files} == {
        path.name: 0o600 for path in files
    }


def test_an_existing_loose_data_dir_is_tightened(cli_env: Path) -> None:
    cli_env.chmod(0o755)
    (cli_env / "aktsom.db").touch(mode=0o644)
    assert runner.invoke(app, ["cases", "list"]).exit_code == 0
    assert stat.S_IMODE(cli_env.stat().st_mode) == 0o700
    assert stat.S_IMODE((cli_env / "aktsom.db").stat().st_mode) == 0o600


def test_missing_key_file_beside_stored_reports_stops_and_makes_no_new_key(
    db_url: str, cli_env: Path, employee: Principal
) -> None:
    _register(db_url, key_file(cli_env), employee)
    key_file(cli_env).unlink()
    result = runner.invoke(app, ["cases", "list"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the key file")
    assert "restore the key file" in result.stderr
    assert not key_file(cli_env).exists()


def test_a_wrong_secret_key_stops_with_a_clear_error(
    db_url: str, cli_env: Path, employee: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    _register(db_url, key_file(cli_env), employee)
    monkeypatch.setenv("AKTSOM_SECRET_KEY", Fernet.generate_key().decode())
    result = runner.invoke(app, ["cases", "list"])
    assert result.exit_code == 1
    assert "do not open the reports already stored" in result.stderr


def test_key_file_outside_the_data_dir_leaves_no_key_in_it(
    db_url: str, cli_env: Path, tmp_path: Path, employee: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "vault" / "aktsom.keys"
    monkeypatch.setenv("AKTSOM_KEY_FILE", str(outside))
    reference = _register(db_url, outside, employee)
    shown = runner.invoke(app, ["cases", "show", reference, "--json"])
    assert json.loads(shown.stdout)["description"] == "Kjemikalier i elva."
    assert not key_file(cli_env).exists()
    assert not [path for path in cli_env.rglob("*.keys")]


def test_purge_never_looks_back_less_than_the_retention_period(
    session: Session, officer: Principal, admin: Principal, employee: Principal
) -> None:
    start = datetime(2026, 1, 5, tzinfo=UTC)
    reference = submit_report(session, principal=employee, data=REPORT, now=start).reference
    close_case(
        session, principal=officer, reference=reference, outcome=CaseOutcome.WITHDRAWN, now=start
    )
    later = start + timedelta(days=40)
    for principal in (admin, officer):
        with pytest.raises(ValidationFailed, match="at least 365 days"):
            purge_closed_cases(
                session, principal=principal, retention_days=365, older_than_days=0, now=later
            )
    assert purge_closed_cases(session, principal=admin, retention_days=30, now=later) == [reference]


def test_cli_purge_days_cannot_shorten_retention(cli_env: Path) -> None:
    result = runner.invoke(app, ["purge", "--days", "1"])
    assert result.exit_code == 1
    assert "at least 365 days" in result.stderr


def test_cli_acts_as_the_os_user_whatever_aktsom_cli_user_says(
    db_url: str, cli_env: Path, employee: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = _register(db_url, key_file(cli_env), employee)
    monkeypatch.setenv("AKTSOM_CLI_USER", "someone-else")
    assert runner.invoke(app, ["cases", "show", reference]).exit_code == 0
    engine = make_engine(db_url)
    with Session(engine) as session:
        actors = session.scalars(
            select(AuditEvent.actor).where(AuditEvent.action == "case.read")
        ).all()
    engine.dispose()
    assert actors == [f"cli:{OS_USER}"]


def test_a_purged_case_leaves_no_copy_in_the_sqlite_files(
    tmp_path: Path, officer: Principal, employee: Principal
) -> None:
    url = f"sqlite:///{tmp_path / 'aktsom.db'}"
    upgrade(url)
    engine = make_engine(url)
    keyring = load_keyring(secret=None, path=tmp_path / "keys" / "aktsom.keys", may_create=True)
    sessions = make_sessionmaker(engine, keyring=keyring)
    start = datetime(2026, 1, 5, tzinfo=UTC)
    named = REPORT.model_copy(update={"supplier_name": "Zebrafabrikken Quux"})
    with sessions() as session:
        reference = submit_report(session, principal=employee, data=named, now=start).reference
        close_case(
            session,
            principal=officer,
            reference=reference,
            outcome=CaseOutcome.WITHDRAWN,
            now=start,
        )
        sealed = session.scalars(select(Case.description)).one()
        purged = purge_closed_cases(
            session, principal=officer, retention_days=30, now=start + timedelta(days=40)
        )
    assert purged == [reference]
    files = [path for path in tmp_path.glob("aktsom.db*") if path.is_file()]
    contents = b"".join(path.read_bytes() for path in files)
    assert b"Zebrafabrikken Quux" not in contents
    assert sealed[:40] not in contents
    engine.dispose()


def test_a_passphrase_opens_the_register_it_made_and_no_other_does(
    cli_env: Path, employee: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKTSOM_SECRET_KEY", "correct horse battery staple")
    load_settings.cache_clear()
    engine, keyring = open_store(load_settings())
    with make_sessionmaker(engine, keyring=keyring)() as session:
        reference = submit_report(session, principal=employee, data=REPORT).reference
    engine.dispose()
    shown = runner.invoke(app, ["cases", "show", reference, "--json"])
    assert json.loads(shown.stdout)["description"] == "Kjemikalier i elva."
    monkeypatch.setenv("AKTSOM_SECRET_KEY", "correct horse battery stapler")
    load_settings.cache_clear()
    refused = runner.invoke(app, ["cases", "show", reference])
    assert refused.exit_code == 1 and "do not open the reports" in refused.stderr


def test_a_reporter_named_in_clear_before_is_encrypted_at_the_next_start(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{data_dir / 'aktsom.db'}"
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_DATABASE_URL", url)
    keys = load_keyring(secret=None, path=key_file(data_dir), may_create=True)
    engine = make_engine(url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0009")
        connection.execute(
            text(
                "INSERT INTO cases (reference, category, description, anonymous, "
                "reporter_platform, reporter_id, channel, status, receipt_selector, "
                "receipt_hash, received_at, acknowledge_due, feedback_due, updated_at) VALUES "
                "('AK-2025-0001', 'other', :sealed, 0, 'slack', 'U-NAMED', 'slack', "
                "'received', 'abcde', 'x', :at, :at, :at, :at)"
            ),
            {"sealed": keys.encrypt("Noe skjedde."), "at": "2025-06-01 00:00:00.000000+00:00"},
        )
    engine.dispose()

    engine, keyring = open_store(load_settings())
    with engine.connect() as connection:
        stored, key_id = connection.execute(text("SELECT reporter, key_id FROM cases")).one()
    engine.dispose()
    assert b"U-NAMED" not in stored
    assert keyring.for_case(key_id).decrypt(stored) == "slack:U-NAMED"


def test_a_requester_written_in_clear_before_is_encrypted_at_the_next_start(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{data_dir / 'aktsom.db'}"
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_DATABASE_URL", url)
    engine = make_engine(url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0010")
        connection.execute(
            text(
                "INSERT INTO information_requests (requester_name, requester_contact, question, "
                "channel, received_at, due_at, status, created_at, updated_at) VALUES "
                "('Kari Nordmann', 'kari@example.no', 'Hvilke?', 'web', :at, :at, 'received', "
                ":at, :at)"
            ),
            {"at": "2025-06-01 00:00:00.000000+00:00"},
        )
    engine.dispose()

    engine, keyring = open_store(load_settings())
    with engine.connect() as connection:
        name, contact = connection.execute(
            text("SELECT requester_name, requester_contact FROM information_requests")
        ).one()
    engine.dispose()
    assert b"Kari" not in name and b"kari@" not in contact
    assert (keyring.decrypt(name), keyring.decrypt(contact)) == ("Kari Nordmann", "kari@example.no")
