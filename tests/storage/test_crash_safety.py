"""A process killed (SIGKILL) at a chosen point of a submission, a key rotation or a purge
leaves every case complete and readable or absent, the audit chain intact, and no key lost.

The child process runs the real service and kills itself from a hook at the named point: a
case key written, the case row flushed, the audit row flushed, the commit done; halfway
through wrapping case keys anew; a purge committed before its keys were destroyed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from storage.crypto import key_file, load_keyring
from storage.db import make_sessionmaker
from storage.models import AuditEvent, Case, CaseCategory, CaseOutcome, Channel
from storage.principal import Principal
from storage.services.audit import verify_chain
from storage.services.case_schemas import CaseCreate
from storage.services.cases import close_case, get_case, submit_report
from storage.services.keys import rotate_keys, sweep_case_keys
from storage.services.retention import purge_closed_cases

TEXT = "Rapport under krasj"
OLD = datetime.now(UTC) - timedelta(days=400)
CHILD = """
import os, signal, sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.orm import Session
from storage.case_keys import CaseKeyDirectory
from storage.crypto import key_file, load_keyring
from storage.db import make_engine, make_sessionmaker
from storage.models import CaseCategory, Channel
from storage.principal import Principal, Role
from storage.services.case_schemas import CaseCreate
from storage.services.cases import submit_report
from storage.services.keys import rotate_keys
from storage.services.retention import purge_closed_cases

url, data_dir, point = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
die = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
flushes = []
def on_flush(*args):
    flushes.append(1)
    if (point, len(flushes)) in {("case-flushed", 1), ("audit-flushed", 2)}:
        die()
event.listen(Session, "after_flush", on_flush)
if point in {"committed", "purge-committed"}:
    event.listen(Session, "after_commit", die)
put = CaseKeyDirectory.put
writes = []
def put_then_maybe_die(self, key_id, wrapped):
    put(self, key_id, wrapped)
    writes.append(key_id)
    if (point, len(writes)) in {("key-written", 1), ("rotate-midway", 2)}:
        die()
CaseKeyDirectory.put = put_then_maybe_die

keyring = load_keyring(secret=None, path=key_file(data_dir), may_create=True)
sessions = make_sessionmaker(make_engine(url), keyring=keyring)
officer = Principal("slack", "U-OFFICER", frozenset({Role.COMPLIANCE}))
with sessions() as session:
    if point == "rotate-midway":
        rotate_keys(session, principal=officer, key_path=key_file(data_dir))
    elif point == "purge-committed":
        purge_closed_cases(session, principal=officer, retention_days=365)
    else:
        data = CaseCreate(category=CaseCategory.OTHER, description="Rapport under krasj",
                          channel=Channel.SLACK, anonymous=False)
        submit_report(session, principal=Principal("slack", "U-CHILD", frozenset()), data=data)
sys.exit(3)  # the hook never fired
"""


def _kill_at(point: str, db_url: str, data_dir: Path) -> None:
    """Run the child until it kills itself at `point`."""
    child = subprocess.run(
        [sys.executable, "-c", CHILD, db_url, str(data_dir), point],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -9, child.stderr


def _submit(session: Session, principal: Principal, *, closed_by: Principal | None = None) -> str:
    data = CaseCreate(category=CaseCategory.OTHER, description=TEXT, channel=Channel.WEB)
    reference = submit_report(session, principal=principal, data=data, now=OLD).reference
    if closed_by is not None:
        close_case(
            session, principal=closed_by, reference=reference, outcome=CaseOutcome.REFERRED, now=OLD
        )
    return reference


@pytest.mark.parametrize(
    ("point", "stored"),
    [("key-written", 1), ("case-flushed", 1), ("audit-flushed", 1), ("committed", 2)],
)
def test_a_submission_killed_at_any_point_leaves_whole_cases_only(
    point: str,
    stored: int,
    db_url: str,
    engine: Engine,
    data_dir: Path,
    employee: Principal,
    officer: Principal,
) -> None:
    keyring = load_keyring(secret=None, path=key_file(data_dir), may_create=True)
    sessions = make_sessionmaker(engine, keyring=keyring)
    with sessions() as session:
        _submit(session, employee)

    _kill_at(point, db_url, data_dir)

    with sessions() as session:
        cases = session.scalars(select(Case).order_by(Case.id)).all()
        assert len(cases) == stored
        submitted = session.scalars(
            select(AuditEvent.object_id).where(AuditEvent.action == "case.submitted")
        ).all()
        assert sorted(submitted) == [case.reference for case in cases]
        for case in cases:
            assert get_case(session, principal=officer, reference=case.reference).description
        assert verify_chain(session).ok
        assert sweep_case_keys(session, older_than=timedelta(0)) == 2 - stored
        for case in cases:
            assert get_case(session, principal=officer, reference=case.reference).description


def test_a_rotation_killed_halfway_leaves_every_case_readable_and_can_be_run_again(
    db_url: str, engine: Engine, data_dir: Path, employee: Principal, officer: Principal
) -> None:
    keyring = load_keyring(secret=None, path=key_file(data_dir), may_create=True)
    with make_sessionmaker(engine, keyring=keyring)() as session:
        references = [_submit(session, employee) for _ in range(3)]

    _kill_at("rotate-midway", db_url, data_dir)

    reloaded = load_keyring(secret=None, path=key_file(data_dir), may_create=False)
    assert len(reloaded.keys) == 2
    with make_sessionmaker(engine, keyring=reloaded)() as session:
        for reference in references:
            assert get_case(session, principal=officer, reference=reference).description == TEXT
        assert verify_chain(session).ok
        assert rotate_keys(session, principal=officer, key_path=key_file(data_dir)) == {
            "case_keys": 3,
            "information_requests": 0,
        }
        for reference in references:
            assert get_case(session, principal=officer, reference=reference).description == TEXT


def test_a_purge_killed_before_its_keys_went_has_them_destroyed_by_the_next_purge(
    db_url: str, engine: Engine, data_dir: Path, employee: Principal, officer: Principal
) -> None:
    keyring = load_keyring(secret=None, path=key_file(data_dir), may_create=True)
    with make_sessionmaker(engine, keyring=keyring)() as session:
        purged = _submit(session, employee, closed_by=officer)
        kept = _submit(session, employee)
        purged_key = session.scalar(select(Case.key_id).where(Case.reference == purged))
    assert purged_key is not None

    _kill_at("purge-committed", db_url, data_dir)

    with make_sessionmaker(engine, keyring=keyring)() as session:
        assert session.scalars(select(Case.reference)).all() == [kept]
        assert keyring.case_keys.get(purged_key) is not None
        assert verify_chain(session).ok
        then = time.time() - 2 * 24 * 3600
        os.utime(data_dir / "keys" / "case-keys" / purged_key, (then, then))
        assert purge_closed_cases(session, principal=officer, retention_days=365) == []
        assert keyring.case_keys.get(purged_key) is None
        assert get_case(session, principal=officer, reference=kept).description == TEXT
