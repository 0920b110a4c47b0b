"""What `verify_chain` tells the operator (`aktsom audit verify` prints it): which row broke,
why, how many rows it checked and the head of what is left; an intact chain passes against
its signed checkpoint, and a trail rebuilt with the key does not."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from storage.crypto import keyring_for
from storage.models import AuditEvent
from storage.principal import Principal
from storage.services.audit import ChainReport, verify_chain
from storage.services.audit_checkpoints import latest_checkpoint, take_checkpoint
from tests.storage.conftest import as_insider, write_read_events


def _hash_of(session: Session, seq: int) -> str:
    return session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == seq))


def _told(report: ChainReport) -> tuple[int, int | None, str | None]:
    return report.events, report.first_bad_seq, report.problem


def test_an_intact_chain_passes_against_its_signed_checkpoint(
    session: Session, officer: Principal, tmp_path: Path
) -> None:
    write_read_events(session, officer, 3)
    take_checkpoint(session, directory=tmp_path)
    latest = latest_checkpoint(tmp_path, keyring=keyring_for(session))
    assert latest is not None
    at_head = verify_chain(session, checkpoint=(latest.seq, latest.hash))
    write_read_events(session, officer, 2)
    behind_head = verify_chain(session, checkpoint=(latest.seq, latest.hash))

    assert (at_head.ok, at_head.events, behind_head.ok, behind_head.events) == (True, 3, True, 5)


def test_a_trail_rebuilt_with_the_key_fails_at_the_checkpoint_row(
    engine: Engine, session: Session, officer: Principal, tmp_path: Path
) -> None:
    write_read_events(session, officer, 3)
    take_checkpoint(session, directory=tmp_path)
    session.rollback()
    as_insider(engine, "DELETE FROM audit_events")
    write_read_events(session, officer, 4, tag="rewritten")  # a consistent chain under the key
    latest = latest_checkpoint(tmp_path, keyring=keyring_for(session))
    assert latest is not None

    report = verify_chain(session, checkpoint=(latest.seq, latest.hash))
    assert _told(report) == (3, 3, "differs from the signed checkpoint")


def test_a_missing_row_is_named_with_the_row_that_follows_the_gap(
    engine: Engine, session: Session, officer: Principal
) -> None:
    write_read_events(session, officer, 5)
    session.rollback()
    as_insider(engine, "DELETE FROM audit_events WHERE seq = 2")

    assert _told(verify_chain(session)) == (2, 2, "row 2 is missing (next is 3)")


def test_a_row_that_no_longer_follows_its_predecessor_is_named(
    engine: Engine, session: Session, officer: Principal
) -> None:
    write_read_events(session, officer, 5)
    session.rollback()
    as_insider(engine, f"UPDATE audit_events SET prev_hash = '{'f' * 64}' WHERE seq = 3")

    assert _told(verify_chain(session)) == (3, 3, "does not follow the previous row")


def test_an_edited_row_is_named_with_the_rows_checked_up_to_it(
    engine: Engine, session: Session, officer: Principal
) -> None:
    write_read_events(session, officer, 5)
    session.rollback()
    as_insider(engine, "UPDATE audit_events SET actor = 'slack:U-SOMEONE' WHERE seq = 4")

    assert _told(verify_chain(session)) == (4, 4, "was edited after it was written")


def test_rows_cut_from_the_end_are_named_from_the_first_one_gone(
    engine: Engine, session: Session, officer: Principal, tmp_path: Path
) -> None:
    write_read_events(session, officer, 5)
    take_checkpoint(session, directory=tmp_path)
    latest = latest_checkpoint(tmp_path, keyring=keyring_for(session))
    assert latest is not None
    anchor, remaining_head = verify_chain(session).head, _hash_of(session, 3)
    session.rollback()
    as_insider(engine, "DELETE FROM audit_events WHERE seq >= 4")

    for report in (
        verify_chain(session, anchor=anchor),
        verify_chain(session, checkpoint=(latest.seq, latest.hash)),
    ):
        assert (report.events, report.first_bad_seq, report.head) == (3, 4, remaining_head)
        assert "deleted from the end" in (report.problem or "")


def test_rows_stored_out_of_order_still_verify_in_sequence(
    engine: Engine, session: Session, officer: Principal
) -> None:
    # an unchanged rewrite moves a PostgreSQL row to the end of the table, as a restore may
    write_read_events(session, officer, 5)
    session.rollback()
    as_insider(engine, "UPDATE audit_events SET actor = actor WHERE seq = 2")

    report = verify_chain(session)
    assert (report.ok, report.events) == (True, 5)
