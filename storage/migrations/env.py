"""Alembic environment: the URL or connection comes from the caller, the schema from models.

`storage.schema.upgrade(url)` passes a live connection in `config.attributes["connection"]`;
the `alembic` command line may instead set `sqlalchemy.url`. Type decorators are compared
and rendered as their plain column types so migrations never import `storage.types`.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.types import TypeDecorator

from storage.db import make_engine
from storage.models import Base

target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render a type decorator as its implementation type."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def _run(connection: Connection) -> None:
    """Configure the context on `connection` and run the pending migrations."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_item=render_item,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as fresh:
        _run(fresh)
    engine.dispose()
