"""Signed checkpoints of the audit chain, as the operator keeps them: a checkpoint names the
newest row (row 0 and the genesis hash for an empty trail), goes into a folder only the
owner can open, and reading them back takes the newest line past blank ones and refuses
any line these keys did not sign, naming it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from storage.crypto import keyring_for
from storage.errors import ValidationFailed
from storage.principal import Principal
from storage.services.audit import GENESIS_HASH, verify_chain
from storage.services.audit_checkpoints import CHECKPOINT_FILE, latest_checkpoint, take_checkpoint
from tests.storage.conftest import write_read_events

NOW = datetime(2026, 5, 4, 9, 41, tzinfo=UTC)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that lets everyone read and enter what is created, as on a careless host."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_a_checkpoint_of_an_empty_trail_names_row_zero_and_the_genesis_hash(
    session: Session, officer: Principal, tmp_path: Path
) -> None:
    checkpoint = take_checkpoint(session, directory=tmp_path, now=NOW)

    assert (checkpoint.seq, checkpoint.hash) == (0, GENESIS_HASH)
    assert latest_checkpoint(tmp_path, keyring=keyring_for(session)) == checkpoint
    write_read_events(session, officer, 2)
    assert verify_chain(session, checkpoint=(checkpoint.seq, checkpoint.hash)).ok


def test_a_checkpoint_names_the_newest_row_at_the_time_it_was_taken(
    session: Session, officer: Principal, tmp_path: Path
) -> None:
    write_read_events(session, officer, 3)
    checkpoint = take_checkpoint(session, directory=tmp_path, now=NOW)

    assert (checkpoint.seq, checkpoint.hash) == (3, verify_chain(session).head)
    assert checkpoint.at == NOW


def test_checkpoints_go_into_a_new_folder_only_the_owner_can_open(
    session: Session, officer: Principal, tmp_path: Path, loose_umask: None
) -> None:
    directory = tmp_path / "off-site" / "checkpoints"
    write_read_events(session, officer, 1)
    take_checkpoint(session, directory=directory, now=NOW)

    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE((directory / CHECKPOINT_FILE).stat().st_mode) == 0o600


def test_the_newest_checkpoint_is_found_past_a_blank_line(
    session: Session, officer: Principal, tmp_path: Path
) -> None:
    write_read_events(session, officer, 1)
    take_checkpoint(session, directory=tmp_path, now=NOW)
    with (tmp_path / CHECKPOINT_FILE).open("a", encoding="ascii") as handle:
        handle.write("\n")
    write_read_events(session, officer, 2)
    newest = take_checkpoint(session, directory=tmp_path, now=NOW)

    assert latest_checkpoint(tmp_path, keyring=keyring_for(session)) == newest


@pytest.mark.parametrize("bad_line", ["not json at all", '{"seq": 1}', "[1, 2]"])
def test_a_line_these_keys_did_not_sign_is_refused_by_its_number(
    session: Session, officer: Principal, tmp_path: Path, bad_line: str
) -> None:
    write_read_events(session, officer, 1)
    take_checkpoint(session, directory=tmp_path, now=NOW)
    with (tmp_path / CHECKPOINT_FILE).open("a", encoding="ascii") as handle:
        handle.write("\n" + bad_line + "\n")

    with pytest.raises(ValidationFailed, match=r"^line 3 of "):
        latest_checkpoint(tmp_path, keyring=keyring_for(session))
