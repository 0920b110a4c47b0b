"""The server CLI: a compliance officer lists and reads cases, verifies the audit trail, purges."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from storage.crypto import key_file, load_keyring
from storage.db import make_engine, make_sessionmaker
from storage.models import CaseCategory, Channel
from storage.principal import Principal
from storage.schema import upgrade
from storage.services.case_schemas import CaseCreate
from storage.services.cases import submit_report
from tests.storage.conftest import as_insider

runner = CliRunner()


@pytest.fixture
def reference(
    db_url: str, data_dir: Path, employee: Principal, monkeypatch: pytest.MonkeyPatch
) -> str:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_DATABASE_URL", db_url)
    upgrade(db_url)
    engine = make_engine(db_url)
    keyring = load_keyring(secret=None, path=key_file(data_dir), may_create=True)
    data = CaseCreate(
        category=CaseCategory.ENVIRONMENT, description="Kjemikalier i elva.", channel=Channel.TEAMS
    )
    with make_sessionmaker(engine, keyring=keyring)() as session:
        submitted = submit_report(
            session, principal=employee, data=data, now=datetime(2026, 2, 1, tzinfo=UTC)
        )
    engine.dispose()
    return submitted.reference


def test_cases_list_json_has_no_contents(reference: str) -> None:
    result = runner.invoke(app, ["cases", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [row["reference"] for row in rows] == [reference]
    assert "Kjemikalier" not in result.output


def test_cases_show_reads_contents_and_is_audited(reference: str) -> None:
    shown = runner.invoke(app, ["cases", "show", reference, "--json"])
    assert json.loads(shown.output)["description"] == "Kjemikalier i elva."
    verified = json.loads(runner.invoke(app, ["audit", "verify", "--json"]).output)
    head = verified.pop("head")
    assert verified == {
        "ok": True,
        "events": 2,
        "first_bad_seq": None,
        "problem": None,
        "checkpoint": None,
    }
    assert len(head) == 64
    anchored = runner.invoke(app, ["audit", "verify", "--json", "--anchor", head])
    assert json.loads(anchored.output)["ok"] is True
    missing = runner.invoke(app, ["audit", "verify", "--anchor", "0" * 64])
    assert missing.exit_code == 1


def test_unknown_case_exits_non_zero(reference: str) -> None:
    result = runner.invoke(app, ["cases", "show", "AK-1999-0001"])
    assert result.exit_code == 1


def test_keys_rotate_keeps_cases_readable(reference: str, data_dir: Path) -> None:
    assert runner.invoke(app, ["keys", "rotate"]).exit_code == 0
    assert len(load_keyring(secret=None, path=key_file(data_dir), may_create=True).keys) == 2
    shown = runner.invoke(app, ["cases", "show", reference, "--json"])
    assert json.loads(shown.output)["description"] == "Kjemikalier i elva."


def test_purge_reports_nothing_for_open_cases(reference: str) -> None:
    result = runner.invoke(app, ["purge", "--json"])
    assert json.loads(result.output) == {"purged": []}


def test_unknown_case_is_one_line_on_stderr(reference: str) -> None:
    result = runner.invoke(app, ["cases", "show", "AK-1999-0001"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["Error: no case AK-1999-0001"]


def test_malformed_reference_table_is_one_line_on_stderr(reference: str, data_dir: Path) -> None:
    (data_dir / "reference").mkdir()
    (data_dir / "reference" / "ituc_global_rights_index.csv").write_text("land;score\nX;1\n")
    result = runner.invoke(app, ["suppliers", "list", "--json"])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Error: ")


def test_keys_rotate_json_reports_the_keys(reference: str, data_dir: Path) -> None:
    result = runner.invoke(app, ["keys", "rotate", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "rotated": {"case_keys": 1, "information_requests": 0},
        "key_file": str(key_file(data_dir)),
    }


def test_audit_verify_holds_the_chain_to_the_latest_checkpoint(
    reference: str, db_url: str, data_dir: Path
) -> None:
    taken = runner.invoke(app, ["audit", "checkpoint", "--json"])
    assert taken.exit_code == 0, taken.output
    assert json.loads(taken.stdout)["seq"] == 1
    assert (data_dir / "audit-checkpoints" / "audit-checkpoints.jsonl").exists()
    engine = make_engine(db_url)
    as_insider(engine, "DELETE FROM audit_events")
    engine.dispose()
    verified = runner.invoke(app, ["audit", "verify"])
    assert verified.exit_code == 1
    assert "checkpoint names row 1" in verified.stderr
