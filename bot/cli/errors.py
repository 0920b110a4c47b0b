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
from sqlalchemy.exc import OperationalError

from ingestion.errors import IngestionError
from knowledge.errors import KnowledgeError
from storage.errors import StorageError

HANDLED_ERRORS = (StorageError, KnowledgeError, IngestionError)
"""Roots of the errors whose message is shown as it is."""

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def exit_on_error() -> Iterator[None]:
    """Print a library error as one line on stderr (`Error: ...`) and exit with status 1."""
    try:
        yield
    except HANDLED_ERRORS as error:
        _fail(str(error), error)
    except OperationalError as error:
        # The database is down or the URL is wrong: say which, without the driver's traceback.
        _fail(f"cannot use the database: {error.orig or error}", error)


def _fail(message: str, error: BaseException) -> NoReturn:
    stderr.print(f"Error: {' '.join(message.split())}", markup=False)
    raise typer.Exit(1) from error
