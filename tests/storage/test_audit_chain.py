"""The audit chain detects rows edited or deleted behind the application's back: the
database refuses changes, the chain is keyed so it cannot be re-hashed without the key, and
signed checkpoints outside the database catch rows cut from the end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from storage.crypto import keyring_for
from storage.errors import ValidationFailed
from storage.principal import Principal
from storage.services.audit import verify_chain
from storage.services.audit_checkpoints import CHECKPOINT_FILE, latest_checkpoint, take_checkpoint
from tests.storage.conftest import as_insider, rehash_without_the_key, write_read_events


def test_untouched_chain_verifies(session: Session, officer: Principal) -> None:
    write_read_events(session, officer, 5)
    report = verify_chain(session)
    assert report.ok and report.events == 5


def test_edited_details_are_detected(engine: Engine, session: Session, officer: Principal) -> None:
    write_read_events(session, officer, 5)
    as_insider(engine, "UPDATE audit_events SET details = '{\"n\": 99}' WHERE seq = 3")
    report = verify_chain(session)
    assert report.first_bad_seq == 3


def test_deleted_middle_row_is_detected(
    engine: Engine, session: Session, officer: Principal
) -> None:
    write_read_events(session, officer, 5)
    as_insider(engine, "DELETE FROM audit_events WHERE seq = 2")
    report = verify_chain(session)
    assert report.first_bad_seq == 2 and not report.ok


def test_rows_cut_from_the_end_are_detected_against_an_anchor(
    engine: Engine, session: Session, officer: Principal
) -> None:
    write_read_events(session, officer, 5)
    anchor = verify_chain(session).head
    session.rollback()  # end the read so the raw delete can take the write lock
    as_insider(engine, "DELETE FROM audit_events WHERE seq >= 4")

    assert verify_chain(session).ok  # the chain alone cannot tell
    report = verify_chain(session, anchor=anchor)
    assert not report.ok
    assert "anchored head is gone" in (report.problem or "")


def test_anchor_still_in_a_longer_chain_verifies(session: Session, officer: Principal) -> None:
    write_read_events(session, officer, 3)
    anchor = verify_chain(session).head
    write_read_events(session, officer, 2)

    report = verify_chain(session, anchor=anchor)
    assert report.ok and report.events == 5 and report.head != anchor


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_events SET actor = 'slack:U-SOMEONE' WHERE seq = 1", "DELETE FROM audit_events"],
)
def test_the_database_refuses_to_change_or_delete_audit_rows(
    engine: Engine, session: Session, officer: Principal, statement: str
) -> None:
    write_read_events(session, officer, 2)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))
    assert verify_chain(session).events == 2


def test_a_deleted_row_rehashed_without_the_key_is_detected(
    engine: Engine, session: Session, officer: Principal
) -> None:
    write_read_events(session, officer, 5)
    session.rollback()
    as_insider(engine, "DELETE FROM audit_events WHERE seq = 5")
    rehash_without_the_key(engine)
    report = verify_chain(session)
    assert report.first_bad_seq == 1 and report.problem == "was edited after it was written"


def test_rows_cut_from_the_end_fail_against_the_signed_checkpoint(
    engine: Engine, session: Session, officer: Principal, tmp_path: Path
) -> None:
    write_read_events(session, officer, 5)
    take_checkpoint(session, directory=tmp_path)
    session.rollback()
    as_insider(engine, "DELETE FROM audit_events WHERE seq >= 4")
    latest = latest_checkpoint(tmp_path, keyring=keyring_for(session))
    assert latest is not None and latest.seq == 5
    report = verify_chain(session, checkpoint=(latest.seq, latest.hash))
    assert not report.ok and "checkpoint names row 5" in (report.problem or "")


def test_an_edited_checkpoint_line_is_refused(
    session: Session, officer: Principal, tmp_path: Path
) -> None:
    write_read_events(session, officer, 3)
    take_checkpoint(session, directory=tmp_path)
    path = tmp_path / CHECKPOINT_FILE
    line = json.loads(path.read_text())
    path.write_text(json.dumps({**line, "seq": 2}) + "\n")
    with pytest.raises(ValidationFailed, match="not a checkpoint these keys signed"):
        latest_checkpoint(tmp_path, keyring=keyring_for(session))
