"""Must-show benchmark: receipt codes under attack (issue 14, finding 6).

On SQLite and PostgreSQL, with one real case in the register: 50 wrong guesses at once from
one source, then (in the next window) 50 wrong guesses at once from 50 sources, each while an
honest reporter checks their own code 10 times. Prints how many guesses were evaluated (ran
scrypt), how many were refused, how many audit rows the burst wrote, and the honest
reporter's p50/p95 latency and refusals. Not a test: run

    python -m bench.receipts [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bench.storage import REPORT, postgres_database
from storage.crypto import Keyring
from storage.db import make_engine, make_sessionmaker, session_scope
from storage.errors import RateLimited, ReceiptInvalid
from storage.models import AuditEvent
from storage.principal import Principal
from storage.schema import upgrade
from storage.services import receipt_limits
from storage.services.cases import submit_report, view_by_receipt

GUESSES = 50
HONEST_CHECKS = 10
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def attempt(sessions: sessionmaker[Session], code: str, source: str, now: datetime) -> str:
    """Try `code` once; `ok`, `wrong` or `refused`."""
    with sessions() as session:
        try:
            view_by_receipt(session, code=code, source=source, now=now)
        except RateLimited:
            return "refused"
        except ReceiptInvalid:
            return "wrong"
    return "ok"


def burst(
    sessions: sessionmaker[Session], code: str, sources: list[str], now: datetime
) -> tuple[list[str], list[float], list[str]]:
    """Wrong guesses from `sources` at once while the honest reporter checks `code`."""

    def honest() -> tuple[list[float], list[str]]:
        latencies, outcomes = [], []
        for _ in range(HONEST_CHECKS):
            started = time.perf_counter()
            outcomes.append(attempt(sessions, code, "web:honest-reporter", now))
            latencies.append(time.perf_counter() - started)
        return latencies, outcomes

    with ThreadPoolExecutor(max_workers=GUESSES + 1) as pool:
        checker = pool.submit(honest)
        guesses = list(pool.map(lambda source: attempt(sessions, "0" * 16, source, now), sources))
        latencies, outcomes = checker.result()
    return guesses, latencies, outcomes


def audit_rows(sessions: sessionmaker[Session]) -> int:
    with session_scope(sessions) as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def run(url: str) -> None:
    """Both bursts against `url`; print the figures."""
    upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine, keyring=Keyring([Fernet.generate_key()]))
    with session_scope(sessions) as session:
        reporter = Principal("web", "reporter", frozenset())
        code = submit_report(session, principal=reporter, data=REPORT, now=START).receipt_code
    scenarios = (
        ("one source", ["web:attacker"] * GUESSES, START),
        (
            "50 sources",
            [f"web:attacker-{n}" for n in range(GUESSES)],
            START + receipt_limits.WINDOW,
        ),
    )
    backend = make_url(url).get_backend_name()
    for name, sources, now in scenarios:
        before = audit_rows(sessions)
        guesses, latencies, outcomes = burst(sessions, code, sources, now)
        written = audit_rows(sessions) - before
        honest_ms = sorted(seconds * 1000 for seconds in latencies)
        print(
            f"{backend:10} {name:10}: {GUESSES} wrong guesses, evaluated={guesses.count('wrong')} "
            f"refused={guesses.count('refused')} audit_rows={written} (incl. "
            f"{outcomes.count('ok')} honest reads) honest p50={statistics.median(honest_ms):.0f}ms "
            f"p95={honest_ms[int(0.95 * len(honest_ms)) - 1]:.0f}ms "
            f"honest_refused={outcomes.count('refused')}"
        )
    engine.dispose()


def main() -> None:
    """Parse arguments and run on SQLite, then PostgreSQL."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        run(f"sqlite:///{Path(scratch) / 'bench.db'}")
    with postgres_database(args.postgres) as url:
        run(url)


if __name__ == "__main__":
    main()
