"""Register commands: `cases list|show`, `audit verify|checkpoint`, `keys rotate`, `purge`.

The CLI acts as the local compliance principal `cli:<operating-system user>` and is audited
like any reader; whoever can run it on the server with access to the data dir and the key is
the compliance team. Other register commands (tasks, suppliers, requests) follow the same pattern::

    tasks_app = typer.Typer(help="Supplier follow-up tasks.")
    app.add_typer(tasks_app, name="tasks")

    @tasks_app.command("list")
    def list_tasks(as_json: JsonOption = False) -> None:
        with open_register() as (session, principal):
            print_rows([...], as_json=as_json)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from bot.cli import app
from bot.cli.errors import exit_on_error, stderr
from bot.core.store import open_store
from bot.settings import load_settings
from storage.crypto import keyring_for
from storage.db import make_sessionmaker, session_scope
from storage.principal import Principal, Role
from storage.services.audit import verify_chain
from storage.services.audit_checkpoints import latest_checkpoint, take_checkpoint
from storage.services.cases import get_case, list_cases
from storage.services.keys import rotate_keys
from storage.services.retention import purge_closed_cases

console = Console(highlight=False)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

cases_app = typer.Typer(help="Reported cases (compliance only).", no_args_is_help=True)
audit_app = typer.Typer(help="The append-only audit trail.", no_args_is_help=True)
keys_app = typer.Typer(help="Encryption keys for case contents.", no_args_is_help=True)
app.add_typer(cases_app, name="cases")
app.add_typer(audit_app, name="audit")
app.add_typer(keys_app, name="keys")


@contextmanager
def open_register() -> Iterator[tuple[Session, Principal]]:
    """Migrate, open a session and yield it with the CLI principal.

    The session commits when the block ends and rolls back if it raises; a storage error
    anywhere inside ends the command through `exit_on_error`.
    """
    settings = load_settings()
    principal = Principal("cli", settings.cli_user, frozenset({Role.COMPLIANCE}))
    with exit_on_error():
        engine, keyring = open_store(settings)
        try:
            with session_scope(make_sessionmaker(engine, keyring=keyring)) as session:
                yield session, principal
        finally:
            engine.dispose()


def print_json(payload: object) -> None:
    """Print `payload` as JSON, keeping non-ASCII letters as they are."""
    console.print_json(json.dumps(payload, default=str, ensure_ascii=False))


def print_rows(rows: list[dict[str, Any]], *, as_json: bool, title: str = "") -> None:
    """Print `rows` as a JSON list or as a table with one column per key."""
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("Ingen treff / nothing found.")
        return
    table = Table(title=title or None)
    for column in rows[0]:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row.values()))
    console.print(table)


@cases_app.command("list")
def cases_list(as_json: JsonOption = False) -> None:
    """List cases without their contents, newest first."""
    with open_register() as (session, principal):
        rows = [case.model_dump(mode="json") for case in list_cases(session, principal=principal)]
    if not as_json:
        keys = ("reference", "category", "status", "received_at", "acknowledge_due", "feedback_due")
        rows = [{key: row[key] for key in keys} for row in rows]
    print_rows(rows, as_json=as_json, title="Saker / cases")


@cases_app.command("show")
def cases_show(
    reference: Annotated[str, typer.Argument(help="Case reference, e.g. AK-2026-0042.")],
    as_json: JsonOption = False,
) -> None:
    """Show one case with its contents (the read is audited)."""
    with open_register() as (session, principal):
        detail = get_case(session, principal=principal, reference=reference)
    payload = detail.model_dump(mode="json")
    if as_json:
        print_json(payload)
        return
    for key, value in payload.items():
        if key != "messages":
            console.print(f"[bold]{key}[/bold]: {value}")
    for message in payload["messages"]:
        console.print(
            f"[bold]{message['author']}[/bold] {message['created_at']}: {message['body']}"
        )


@audit_app.command("verify")
def audit_verify(
    as_json: JsonOption = False,
    anchor: Annotated[
        str | None,
        typer.Option(help="A head hash printed by an earlier run: fail if it is gone."),
    ] = None,
) -> None:
    """Check that no audit row was edited or deleted, against the latest signed checkpoint;
    exits 1 if one was."""
    directory = load_settings().resolved_checkpoint_dir
    with open_register() as (session, _principal):
        latest = latest_checkpoint(directory, keyring=keyring_for(session))
        checkpoint = None if latest is None else (latest.seq, latest.hash)
        report = verify_chain(session, anchor=anchor, checkpoint=checkpoint)
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "events": report.events,
                "first_bad_seq": report.first_bad_seq,
                "problem": report.problem,
                "head": report.head,
                "checkpoint": None if latest is None else latest.seq,
            }
        )
    elif report.ok:
        against = "" if latest is None else f", checkpoint at row {latest.seq} holds"
        console.print(
            f"Revisjonsloggen er intakt / audit trail intact: {report.events} events, "
            f"head {report.head}{against}."
        )
    else:
        stderr.print(
            f"[red]Revisjonsloggen er brutt / audit trail broken at row {report.first_bad_seq}: "
            f"{report.problem}[/red]"
        )
    if not report.ok:
        raise typer.Exit(1)


@audit_app.command("checkpoint")
def audit_checkpoint(as_json: JsonOption = False) -> None:
    """Sign the audit trail's head and append it to the checkpoint file (run it daily, e.g.
    from cron, when no bot posts the head to the compliance channel)."""
    directory = load_settings().resolved_checkpoint_dir
    with open_register() as (session, _principal):
        checkpoint = take_checkpoint(session, directory=directory)
    if as_json:
        print_json({"seq": checkpoint.seq, "hash": checkpoint.hash, "file": str(directory)})
    else:
        console.print(
            f"Sjekkpunkt / checkpoint: row {checkpoint.seq}, head {checkpoint.hash} in {directory}."
        )


@keys_app.command("rotate")
def keys_rotate(as_json: JsonOption = False) -> None:
    """Add a new key (key file) or use the newest in AKTSOM_SECRET_KEY; wrap case keys anew."""
    settings = load_settings()
    path = None if settings.secret_key else settings.resolved_key_file
    with open_register() as (session, principal):
        counts = rotate_keys(session, principal=principal, key_path=path)
    if as_json:
        print_json({"rotated": counts, "key_file": None if path is None else str(path)})
    else:
        console.print(
            f"Nøklene er rotert / keys rotated: {counts['case_keys']} case keys wrapped anew, "
            f"{counts['information_requests']} information requests re-encrypted."
        )


@app.command()
def purge(
    days: Annotated[
        int | None,
        typer.Option(help="Keep cases longer than AKTSOM_CASE_RETENTION_DAYS (never shorter)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Delete closed cases older than the retention period (the audit trail keeps the fact)."""
    retention = load_settings().case_retention_days
    with open_register() as (session, principal):
        purged = purge_closed_cases(
            session, principal=principal, retention_days=retention, older_than_days=days
        )
    if as_json:
        print_json({"purged": purged})
    else:
        console.print(f"Slettet / purged {len(purged)} cases: {', '.join(purged) or '-'}")
