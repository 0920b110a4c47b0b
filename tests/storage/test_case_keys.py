"""Each case's own key: a private file per case, destroyed at purge, never lost to a
submission still on its way, and a missing key folder stops start-up with a clear error."""

from __future__ import annotations

import os
import shutil
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from bot.cli import app
from bot.core.store import open_store
from bot.settings import load_settings
from storage.case_keys import CaseKeyDirectory
from storage.crypto import Keyring
from storage.db import make_sessionmaker
from storage.errors import AccessDenied, KeyringError
from storage.models import CaseCategory, CaseOutcome, Channel
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.cases import close_case, get_case, submit_report
from storage.services.keys import rotate_keys
from storage.services.retention import purge_closed_cases

REPORT = CaseCreate(category=CaseCategory.OTHER, description="Nøkkel per sak.", channel=Channel.WEB)
DAY_S = 24 * 3600


def _age(keyring: Keyring, key_id: str, seconds: float) -> None:
    """Make a key file look `seconds` old."""
    assert isinstance(keyring.case_keys, CaseKeyDirectory)
    then = time.time() - seconds
    os.utime(keyring.case_keys.directory / key_id, (then, then))


def _key_of(engine: Engine, reference: str) -> str:
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT key_id FROM cases WHERE reference = :reference"), {"reference": reference}
        ).scalar_one()


def test_case_keys_are_private_files_named_by_random_ids(
    engine: Engine, session: Session, keyring: Keyring, employee: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT).reference
    key_id = _key_of(engine, reference)
    assert isinstance(keyring.case_keys, CaseKeyDirectory)
    path = keyring.case_keys.directory / key_id
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert reference not in key_id and os.listdir(path.parent) == [key_id]


def test_a_purge_destroys_the_purged_cases_keys_and_orphans_but_nothing_in_use(
    engine: Engine, session: Session, keyring: Keyring, employee: Principal, officer: Principal
) -> None:
    old = datetime.now(UTC) - timedelta(days=400)
    purged = submit_report(session, principal=employee, data=REPORT, now=old).reference
    close_case(session, principal=officer, reference=purged, outcome=CaseOutcome.REFERRED, now=old)
    open_case = submit_report(session, principal=employee, data=REPORT, now=old).reference
    old_orphan, _ = keyring.new_case_key()
    new_orphan, _ = keyring.new_case_key()
    for key_id in (old_orphan, _key_of(engine, open_case)):
        _age(keyring, key_id, 2 * DAY_S)
    purged_key = _key_of(engine, purged)

    assert purge_closed_cases(session, principal=officer, retention_days=365) == [purged]

    assert keyring.case_keys.get(purged_key) is None
    assert keyring.case_keys.get(old_orphan) is None
    assert keyring.case_keys.get(new_orphan) is not None
    case = get_case(session, principal=officer, reference=open_case)
    assert case.description == "Nøkkel per sak."


def test_a_case_key_folder_that_cannot_be_written_refuses_the_report_and_says_why(
    engine: Engine, tmp_path: Path, keyring: Keyring, employee: Principal
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    stuck = Keyring(keyring.keys, case_keys=CaseKeyDirectory(blocked / "case-keys"))
    with (
        make_sessionmaker(engine, keyring=stuck)() as session,
        pytest.raises(KeyringError, match="AKTSOM_CASE_KEY_DIR"),
    ):
        submit_report(session, principal=employee, data=REPORT)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM cases")).scalar_one() == 0


def test_a_missing_case_key_folder_stops_every_command_with_one_line(
    data_dir: Path, tmp_path: Path, employee: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_CASE_KEY_DIR", str(tmp_path / "case-keys"))
    engine, keyring = open_store(load_settings())
    with make_sessionmaker(engine, keyring=keyring)() as session:
        submit_report(session, principal=employee, data=REPORT)
    engine.dispose()
    shutil.move(tmp_path / "case-keys", tmp_path / "elsewhere")

    result = CliRunner().invoke(app, ["cases", "list"])

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the key of a stored case")
    assert "AKTSOM_CASE_KEY_DIR" in result.stderr and "Traceback" not in result.output


def test_only_the_team_and_admin_may_purge_or_rotate_and_a_refusal_is_audited(
    engine: Engine,
    session: Session,
    keyring: Keyring,
    data_dir: Path,
    employee: Principal,
    officer: Principal,
) -> None:
    old = datetime.now(UTC) - timedelta(days=400)
    reference = submit_report(session, principal=employee, data=REPORT, now=old).reference
    close_case(
        session, principal=officer, reference=reference, outcome=CaseOutcome.REFERRED, now=old
    )
    key_id = _key_of(engine, reference)
    wrapped = keyring.case_keys.get(key_id)

    with pytest.raises(AccessDenied):
        purge_closed_cases(session, principal=employee, retention_days=365)
    with pytest.raises(AccessDenied):
        rotate_keys(session, principal=employee, key_path=data_dir / "keys" / "rotated.keys")

    assert keyring.case_keys.get(key_id) == wrapped
    assert not (data_dir / "keys" / "rotated.keys").exists()
    assert get_case(session, principal=officer, reference=reference).description
    with engine.connect() as connection:
        denied = connection.execute(
            text("SELECT object_type FROM audit_events WHERE action = 'access.denied'")
        ).scalars()
        assert sorted(denied) == ["case", "keyring"]
