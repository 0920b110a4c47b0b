"""Must-show benchmark: many reports submitted at once all land, with unique references.

Submits 500 reports from 16 threads on SQLite and 32 on PostgreSQL into fresh databases and
prints p50/p95 submit latency (scrypt of the receipt code and writing each case's own key
file included). Not a test: run

    python -m bench.storage [--reports 500] [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import psycopg
from cryptography.fernet import Fernet
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from storage.case_keys import CaseKeyDirectory
from storage.crypto import Keyring
from storage.db import make_engine, make_sessionmaker, session_scope
from storage.models import Case, CaseCategory, Channel
from storage.principal import Principal
from storage.schema import upgrade
from storage.services.audit import verify_chain
from storage.services.case_schemas import CaseCreate
from storage.services.cases import submit_report

REPORT = CaseCreate(
    category=CaseCategory.WORKING_HOURS,
    channel=Channel.SLACK,
    description="Overtid uten betaling på lageret i Vietnam.",
)


def run(url: str, *, reports: int, threads: int, case_keys: Path) -> None:
    """Submit `reports` from `threads` threads into `url`, case keys in the folder
    `case_keys`, and print the figures."""
    upgrade(url)
    engine = make_engine(url)
    keyring = Keyring([Fernet.generate_key()], case_keys=CaseKeyDirectory(case_keys))
    sessions = make_sessionmaker(engine, keyring=keyring)

    def submit(number: int) -> tuple[str, float]:
        started = time.perf_counter()
        with session_scope(sessions) as session:
            reporter = Principal("slack", f"U{number}", frozenset())
            reference = submit_report(session, principal=reporter, data=REPORT).reference
        return reference, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(submit, range(reports)))
    elapsed = time.perf_counter() - started
    with session_scope(sessions) as session:
        stored = session.scalar(select(func.count()).select_from(Case))
        chain = verify_chain(session)
    engine.dispose()
    latencies = sorted(seconds * 1000 for _, seconds in results)
    references = {reference for reference, _ in results}
    print(
        f"{make_url(url).get_backend_name():10} threads={threads:2} submitted={len(results)} "
        f"stored={stored} unique_refs={len(references)} chain_ok={chain.ok} "
        f"p50={statistics.median(latencies):.0f}ms "
        f"p95={latencies[int(0.95 * len(latencies)) - 1]:.0f}ms "
        f"throughput={len(results) / elapsed:.0f}/s"
    )
    assert stored == reports == len(references) and chain.ok


def main() -> None:
    """Parse arguments and run on SQLite, then PostgreSQL."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument(
        "--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        run(
            f"sqlite:///{folder / 'bench.db'}",
            reports=args.reports,
            threads=16,
            case_keys=folder / "sqlite-keys",
        )
        with postgres_database(args.postgres) as url:
            run(url, reports=args.reports, threads=32, case_keys=folder / "postgres-keys")


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database on the server `admin_url` names, dropped afterwards."""
    admin = make_url(admin_url)
    name = f"aktsom_bench_{uuid.uuid4().hex[:8]}"
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
