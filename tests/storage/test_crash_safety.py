"""A submitting process killed with SIGKILL leaves every case complete or absent."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from storage.crypto import key_file, load_keyring
from storage.db import make_sessionmaker
from storage.models import AuditEvent, Case
from storage.services.audit import verify_chain

KILLS = 2
CHILD = """
import random, sys, time
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.orm import Session
from storage.crypto import key_file, load_keyring
from storage.db import make_engine, make_sessionmaker
from storage.models import CaseCategory, Channel
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.cases import submit_report

event.listen(Session, "after_flush", lambda *args: time.sleep(random.uniform(0, 0.03)))
keyring = load_keyring(secret=None, path=key_file(Path(sys.argv[2])), may_create=True)
sessions = make_sessionmaker(make_engine(sys.argv[1]), keyring=keyring)
reporter = Principal("slack", "U-CHILD", frozenset())
data = CaseCreate(category=CaseCategory.OTHER, description="Rapport under krasj",
                  channel=Channel.SLACK, anonymous=False)
while True:
    with sessions() as session:
        print(submit_report(session, principal=reporter, data=data).reference, flush=True)
"""


def test_killed_submitter_leaves_complete_cases_only(
    db_url: str, engine: Engine, data_dir: Path
) -> None:
    keyring = load_keyring(secret=None, path=key_file(data_dir), may_create=True)
    rng = random.Random(7)
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, db_url, str(data_dir)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        child.stdout.readline()  # the child is up and has committed at least one case
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    with make_sessionmaker(engine, keyring=keyring)() as session:
        _assert_complete(session)


def _assert_complete(session: Session) -> None:
    keyring = session.info["aktsom.keyring"]
    cases = session.scalars(select(Case)).all()
    submitted = set(
        session.scalars(select(AuditEvent.object_id).where(AuditEvent.action == "case.submitted"))
    )
    assert len(cases) >= KILLS
    for case in cases:
        assert keyring.decrypt(case.description) == "Rapport under krasj"
        assert case.receipt_hash.startswith("scrypt$")
    assert {case.reference for case in cases} == submitted
    numbers = sorted(int(case.reference.rsplit("-", 1)[1]) for case in cases)
    assert numbers == list(range(1, len(cases) + 1))
    assert verify_chain(session).ok
