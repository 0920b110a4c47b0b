"""Bring a database to the newest schema by running the bundled Alembic migrations.

Usage::

    upgrade("sqlite:///data/aktsom.db")
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from storage.db import make_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def upgrade(url: str) -> None:
    """Run every pending migration against `url`."""
    engine = make_engine(url)
    try:
        upgrade_engine(engine)
    finally:
        engine.dispose()


def upgrade_engine(engine: Engine) -> None:
    """Run every pending migration on an existing engine."""
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def alembic_config() -> Config:
    """An Alembic config pointing at the bundled migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config
