"""The bundled migrations build the schema from empty, walk up and down, and agree with the models.

The chain test reads the revisions from the migrations folder, so a new migration is covered
(upgrade, downgrade, model agreement) without touching this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from storage.db import make_engine
from storage.models import Base
from storage.schema import alembic_config, upgrade
from tests.storage.conftest import create_postgres_database, drop_postgres_database


def test_upgrade_from_empty_creates_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_migrations_match_models(engine: Engine) -> None:
    _assert_matches_models(engine)


@pytest.mark.postgres
def test_upgrade_from_empty_postgres_matches_models() -> None:
    url = create_postgres_database()
    try:
        upgrade(url)
        engine = make_engine(url)
        _assert_matches_models(engine)
        engine.dispose()
    finally:
        drop_postgres_database(url)


def test_upgrade_twice_is_harmless(db_url: str, engine: Engine) -> None:
    upgrade(db_url)
    assert "cases" in inspect(engine).get_table_names()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a database with no tables at all, on each backend."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
        yield engine
        engine.dispose()
        return
    url = create_postgres_database()
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
        drop_postgres_database(url)


def test_every_migration_upgrades_and_downgrades_one_step_at_a_time(empty_engine: Engine) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    chain = [revision.revision for revision in reversed(list(script.walk_revisions()))]
    for revision in chain:
        _migrate(empty_engine, command.upgrade, revision)
        assert _current(empty_engine) == revision
    _assert_matches_models(empty_engine)
    for expected in [*reversed(chain[:-1]), None]:
        _migrate(empty_engine, command.downgrade, "-1")
        assert _current(empty_engine) == expected
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    _migrate(empty_engine, command.upgrade, "head")
    _assert_matches_models(empty_engine)


def _migrate(engine: Engine, step: Callable[[Config, str], None], target: str) -> None:
    """Run one Alembic command on `engine` in its own transaction."""
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        step(config, target)


def _current(engine: Engine) -> str | None:
    """The revision the database is at, or None at base."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _assert_matches_models(engine: Engine) -> None:
    """The live schema has exactly what the models declare."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
