"""The one place where CLI commands turn library errors into a line on stderr and exit 1.

Each package raises errors under one root whose message is written for people
(`StorageError`, `KnowledgeError`, `IngestionError`); a command wraps its work in
`exit_on_error()` so every such error ends the same way, never as a traceback::

    @app.command()
    def show(reference: str) -> None:
        with exit_on_error():
            ...
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from ingestion.errors import IngestionError
from knowledge.errors import FolderUnusable, KnowledgeError
from storage.errors import StorageError

HANDLED_ERRORS = (StorageError, KnowledgeError, IngestionError)
"""Roots of the errors whose message is shown as it is."""
DATA_DIR_HINT = "Set AKTSOM_DATA_DIR to a folder you can write to."
DATABASE_URL_EXAMPLES = (
    "e.g. sqlite:///data/aktsom.db or postgresql+psycopg://user:password@host:5432/aktsom"
)

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def exit_on_error() -> Iterator[None]:
    """Print a library error as one line on stderr (`Error: ...`) and exit with status 1."""
    try:
        yield
    except FolderUnusable as error:
        _fail(f"{error} {DATA_DIR_HINT}", error)
    except HANDLED_ERRORS as error:
        _fail(str(error), error)
    except OperationalError as error:
        # The database is down or the URL is wrong: say which, without the driver's traceback.
        _fail(f"cannot use the database: {error.orig or error}", error)
    except (ArgumentError, ModuleNotFoundError) as error:
        # Raised for many reasons; only a database URL that is at fault is the user's to fix.
        problem = _database_url_problem()
        if problem is None:
            raise
        _fail(problem, error)
    except OSError as error:
        # The data folder is a file, read-only or gone: the system's words, and what to do.
        where = f" {error.filename}" if error.filename else ""
        _fail(f"cannot use{where}: {error.strerror or error}. {DATA_DIR_HINT}", error)


def _fail(message: str, error: BaseException) -> NoReturn:
    stderr.print(f"Error: {' '.join(message.split())}", markup=False)
    raise typer.Exit(1) from error


def _database_url_problem() -> str | None:
    """What is wrong with the configured database URL, or None when it is usable."""
    from bot.settings import load_settings

    try:
        url = load_settings().resolved_database_url
    except Exception:  # settings that do not load are reported where they are read
        return None
    try:
        dialect = make_url(url).get_dialect()
    except NoSuchModuleError:
        name = url.split(":", 1)[0]
        return (
            f"AKTSOM_DATABASE_URL names the database driver {name!r}, which is unknown or "
            f"not installed; {DATABASE_URL_EXAMPLES}."
        )
    except ArgumentError:
        return f"AKTSOM_DATABASE_URL is not a database URL; {DATABASE_URL_EXAMPLES}."
    try:
        dialect.import_dbapi()
    except ImportError as error:
        return (
            f"AKTSOM_DATABASE_URL needs the Python package {error.name!r}, which is not "
            f"installed: install it, or use another driver; {DATABASE_URL_EXAMPLES}."
        )
    return None
