"""The bundled migrations build the schema from empty and agree with the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from storage.db import make_engine
from storage.models import Base
from storage.schema import upgrade
from tests.storage.conftest import create_postgres_database, drop_postgres_database


def test_upgrade_from_empty_creates_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_migrations_match_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


@pytest.mark.postgres
def test_upgrade_from_empty_postgres_matches_models() -> None:
    url = create_postgres_database()
    try:
        upgrade(url)
        engine = make_engine(url)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        engine.dispose()
    finally:
        drop_postgres_database(url)


def test_upgrade_twice_is_harmless(db_url: str, engine: Engine) -> None:
    upgrade(db_url)
    assert "cases" in inspect(engine).get_table_names()
