"""Must-show benchmark: importing a 5,000-row supplier list, re-importing it (no changes),
and the prioritised list of the bundled sample suppliers with its reasons.

Generates a supplier list as an ERP exports it (cp1252, `;`, decimal commas, Norwegian
column names, free-text descriptions), then on fresh SQLite and PostgreSQL databases times:
reading the file, the dry run, the import, a re-import of the same file (asserted to change
nothing: no creation, no update, `updated_at` untouched) and an import where 100 spends
changed. Then it registers the three sample suppliers of `aktsom sample-register`, imports
the bundled sample list `bot/cli/sample_suppliers.csv` over them, and prints the ranking.
Not a test: run

    python -m bench.suppliers [--rows 5000] [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import psycopg
from cryptography.fernet import Fernet
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bot.cli.sample import SAMPLE_LIST, SUPPLIERS
from bot.core.priorities import method, percent, rank
from storage.crypto import Keyring
from storage.db import make_engine, make_sessionmaker, session_scope
from storage.models import Supplier
from storage.principal import Principal, Role
from storage.schema import upgrade
from storage.services.supplier_import import import_suppliers
from storage.services.suppliers import create_supplier, list_suppliers
from storage.supplier_lists import read_supplier_list

OFFICER = Principal("cli", "bench", frozenset({Role.COMPLIANCE}))
COUNTRIES = ("Norge", "Sverige", "Kina", "Bangladesh", "Tyrkia", "India", "Vietnam", "Polen")
GOODS = (
    "Arbeidsklær og vernesko",
    "T-skjorter i bomull",
    "Laptops og skjermer",
    "Kontorrekvisita og kopipapir",
    "Kontorstoler",
    "Kaffe og te",
    "Frosne reker",
    "Nitrilhansker",
    "Naturstein",
    "Konsulenttjenester",
    "Renhold",
    "Transport og logistikk",
)
T = TypeVar("T")


def supplier_list(rows: int, *, changed: int = 0) -> bytes:
    """A generated list of `rows` suppliers; the first `changed` spends differ by one krone."""
    pick = random.Random(13)
    lines = ["Leverandørnavn;Organisasjonsnummer;Land;Varebeskrivelse;Årlig innkjøp;E-post"]
    for number in range(rows):
        spend = pick.randrange(10_000, 50_000_000) + (1 if number < changed else 0)
        countries = ", ".join(pick.sample(COUNTRIES, pick.choice((1, 1, 2))))
        lines.append(
            f"Leverandør {number:05d} AS;9{number:08d};{countries};{pick.choice(GOODS)};"
            f"{spend:,}".replace(",", " ")
            + f",00;innkjop{number}@leverandor.example"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def timed(label: str, call: Callable[[], T]) -> T:
    """Run `call`, print how long it took, return its result."""
    started = time.perf_counter()
    result = call()
    print(f"  {label:34} {time.perf_counter() - started:6.2f} s")
    return result


def run(url: str, *, rows: int) -> None:
    """Time reading, dry run, import, unchanged re-import and a partial update on `url`."""
    upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine, keyring=Keyring([Fernet.generate_key()]))
    data = supplier_list(rows)
    print(f"{make_url(url).get_backend_name()}: {rows} rows, {len(data) / 2**20:.2f} MB")
    table = timed("read and detect columns", lambda: read_supplier_list(data))

    def load(dry_run: bool = False, content: bytes = data):
        with session_scope(sessions) as session:
            return import_suppliers(
                session, principal=OFFICER, table=read_supplier_list(content), dry_run=dry_run
            )

    dry = timed("dry run (read included)", lambda: load(dry_run=True))
    first = timed("import (read included)", load)
    with session_scope(sessions) as session:
        stamps = dict(session.execute(select(Supplier.id, Supplier.updated_at)).all())
    again = timed("re-import of the same file", load)
    with session_scope(sessions) as session:
        after = dict(session.execute(select(Supplier.id, Supplier.updated_at)).all())
        stored = session.scalar(select(func.count()).select_from(Supplier))
    changed = timed(
        "import with 100 spends changed", lambda: load(content=supplier_list(rows, changed=100))
    )
    engine.dispose()
    print(f"  dry run: {dry.counts}")
    print(f"  import: {first.counts}")
    print(f"  re-import: {again.counts}; updated_at unchanged: {stamps == after}")
    print(f"  changed spends: {changed.counts}")
    assert len(table.rows) == rows and first.counts["created"] == rows == stored
    assert again.counts["created"] == again.counts["updated"] == 0 and stamps == after
    assert changed.counts["updated"] == 100


def sample_ranking() -> None:
    """The sample suppliers plus the bundled sample list, ranked, with every reason."""
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'sample.db'}"
        upgrade(url)
        engine = make_engine(url)
        sessions = make_sessionmaker(engine, keyring=Keyring([Fernet.generate_key()]))
        with session_scope(sessions) as session:
            for data in SUPPLIERS:
                create_supplier(session, principal=OFFICER, data=data)
            plan = import_suppliers(
                session, principal=OFFICER, table=read_supplier_list(SAMPLE_LIST.read_bytes())
            )
            ranked = rank(list_suppliers(session, principal=OFFICER))
        engine.dispose()
    print(f"\nSample suppliers + {SAMPLE_LIST.name}: {plan.counts}")
    print(method("en"))
    for row in ranked:
        share = "spend unknown" if row.share is None else percent("en", row.share)
        print(f"\n{row.rank:2}. {row.supplier.name} — {row.supplier.risk.value}, {share}")
        for reason in row.reasons("en")[1:]:
            print(f"      - {reason}")


def main() -> None:
    """Parse arguments and run on SQLite, then PostgreSQL, then print the sample ranking."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument(
        "--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        run(f"sqlite:///{Path(scratch) / 'bench.db'}", rows=args.rows)
    admin = make_url(args.postgres)
    name = f"aktsom_bench_{uuid.uuid4().hex[:8]}"
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        run(admin.set(database=name).render_as_string(hide_password=False), rows=args.rows)
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    sample_ranking()


if __name__ == "__main__":
    main()
