"""Supplier register commands: `suppliers list [--prioritised]`, `suppliers import`,
`tasks list`, `requests list`, `deadlines`.

Each prints a table, or JSON with `--json`.

Thin shells over the services: the CLI acts as the local compliance principal (see
`bot/cli/storage.py`), reads the operator's reference tables from `<data dir>/reference/`
when there are any, and prints a table or JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bot.cli import app
from bot.cli.errors import stderr
from bot.cli.storage import JsonOption, console, open_register, print_json, print_rows
from bot.core import messages
from bot.core.priorities import Priority, amount, method, percent, rank
from bot.core.supplier_import import issue_text
from bot.settings import load_settings
from storage.errors import SupplierListUnreadable
from storage.models import InformationRequestStatus, TaskStatus
from storage.risk import RiskLevel, load_reference_data
from storage.services.deadlines import due_items
from storage.services.info_requests import list_requests, overdue_requests
from storage.services.supplier_import import ImportPlan, import_suppliers
from storage.services.suppliers import list_suppliers
from storage.services.tasks import due_tasks, list_tasks, overdue_tasks
from storage.supplier_lists import map_columns, read_supplier_list

REFERENCE_DIR = "reference"

suppliers_app = typer.Typer(help="The supplier register and its risk levels.", no_args_is_help=True)
tasks_app = typer.Typer(help="Supplier follow-up tasks.", no_args_is_help=True)
requests_app = typer.Typer(
    help="Information requests (åpenhetsloven §§ 6–7).", no_args_is_help=True
)
app.add_typer(suppliers_app, name="suppliers")
app.add_typer(tasks_app, name="tasks")
app.add_typer(requests_app, name="requests")


class Language(StrEnum):
    """The languages reasons are printed in."""

    NB = "nb"
    EN = "en"


LangOption = Annotated[Language, typer.Option(help="Norwegian (nb) or English (en) reasons.")]


@suppliers_app.command("list")
def suppliers_list(
    min_risk: Annotated[
        RiskLevel | None, typer.Option(help="Only suppliers at this risk level or above.")
    ] = None,
    prioritised: Annotated[
        bool, typer.Option("--prioritised", help="Rank by risk × share of spend, with reasons.")
    ] = False,
    lang: LangOption = Language.NB,
    as_json: JsonOption = False,
) -> None:
    """List suppliers with the risk level in force; --json adds the reasons and sources."""
    with open_register() as (session, principal):
        reference = load_reference_data(load_settings().data_dir / REFERENCE_DIR)
        suppliers = list_suppliers(
            session, principal=principal, min_risk=min_risk, reference=reference
        )
    if prioritised:
        _print_priorities(rank(suppliers), lang=lang.value, as_json=as_json)
        return
    rows = [supplier.model_dump(mode="json") for supplier in suppliers]
    if not as_json:
        rows = [
            {
                "id": row["id"],
                "name": row["name"],
                "countries": ", ".join(row["countries"]),
                "categories": ", ".join(row["product_categories"]),
                "risk": row["risk"],
                "derived": row["derived"]["level"],
                "override": row["risk_override"],
            }
            for row in rows
        ]
    print_rows(rows, as_json=as_json, title="Leverandører / suppliers")


@suppliers_app.command("import")
def suppliers_import(
    file: Annotated[Path, typer.Argument(help="The supplier list, .csv or .xlsx.", exists=True)],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help='A column and the field it holds, "Column=field" (name, org_number, '
            "countries, category, description, spend, email; ignore to leave it out).",
        ),
    ] = None,
    lang: LangOption = Language.NB,
    as_json: JsonOption = False,
) -> None:
    """Import a supplier list: new suppliers, updates by organisation number or name, bad
    rows listed with the reason; exit code 1 when any row was left out."""
    settings = load_settings()
    overrides = dict(_pair(item) for item in mapping or [])
    with open_register() as (session, principal):
        try:
            table = read_supplier_list(file.read_bytes(), max_bytes=settings.max_file_mb * 2**20)
            plan = import_suppliers(
                session,
                principal=principal,
                table=table,
                mapping=map_columns(table, overrides=overrides),
                dry_run=dry_run,
                source=file.name,
                reference=load_reference_data(settings.data_dir / REFERENCE_DIR),
            )
        except SupplierListUnreadable as error:
            stderr.print(f"Error: {messages.explain(lang.value, error)}", markup=False)
            raise typer.Exit(1) from error
    _print_plan(plan, lang=lang.value, as_json=as_json)
    if plan.rejected:
        raise typer.Exit(1)


def _pair(item: str) -> tuple[str, str]:
    """`"Column=field"` as (column, field); a missing `=` is refused."""
    column, sign, name = item.rpartition("=")
    if not sign or not column.strip():
        raise typer.BadParameter(f'expected "Column=field", got {item!r}', param_hint="--map")
    return column.strip(), name.strip()


def _print_plan(plan: ImportPlan, *, lang: str, as_json: bool) -> None:
    """The import's counts, then the rows left out and the remarks, with their reasons."""
    if as_json:
        print_json({**plan.model_dump(mode="json"), "counts": plan.counts})
        return
    heading = "Prøvekjøring / dry run" if plan.dry_run else "Importert / imported"
    counts = messages.text(lang, "web.import.counts", **plan.counts)
    console.print(f"{heading}: {counts}", markup=False, soft_wrap=True)
    columns = ", ".join(f"{column} → {field}" for column, field in plan.mapping.items())
    console.print(columns, markup=False, soft_wrap=True)
    for title, issues in (("web.import.rejected", plan.rejected), ("web.import.notes", plan.notes)):
        if issues:
            print_rows(
                [{"row": issue.row, "reason": issue_text(lang, issue)} for issue in issues],
                as_json=False,
                title=messages.text(lang, title),
            )


def _print_priorities(found: list[Priority], *, lang: str, as_json: bool) -> None:
    """The ranking as a table (method first) or as JSON with every reason."""
    if as_json:
        print_json(
            [
                {
                    "rank": row.rank,
                    "id": row.supplier.id,
                    "name": row.supplier.name,
                    "risk": row.supplier.risk.value,
                    "annual_spend": row.supplier.annual_spend,
                    "share": None if row.share is None else round(row.share, 4),
                    "reasons": row.reasons(lang),
                }
                for row in found
            ]
        )
        return
    console.print(method(lang), markup=False)
    print_rows(
        [
            {
                "#": row.rank,
                "name": row.supplier.name,
                "risk": messages.label(lang, row.supplier.risk),
                "spend": amount(lang, row.supplier.annual_spend),
                "share": "–" if row.share is None else percent(lang, row.share),
            }
            for row in found
        ],
        as_json=False,
        title=messages.text(lang, "web.priority.title"),
    )
    for row in found:
        console.print(f"\n{row.rank}. {row.supplier.name}", style="bold", markup=False)
        for reason in row.reasons(lang):
            console.print(f"   - {reason}", markup=False)


@tasks_app.command("list")
def tasks_list(
    supplier: Annotated[int | None, typer.Option(help="Only this supplier's tasks (id).")] = None,
    status: Annotated[TaskStatus | None, typer.Option(help="Only tasks in this status.")] = None,
    due_within: Annotated[
        int | None, typer.Option(help="Only active tasks due within this many days.", min=0)
    ] = None,
    overdue: Annotated[bool, typer.Option(help="Only active tasks past their due date.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List follow-up tasks, soonest due first."""
    now = datetime.now(UTC)
    with open_register() as (session, principal):
        if overdue:
            tasks = overdue_tasks(session, principal=principal, now=now)
        elif due_within is not None:
            tasks = due_tasks(session, principal=principal, within_days=due_within, now=now)
        else:
            tasks = list_tasks(session, principal=principal, supplier_id=supplier, status=status)
    rows = [task.model_dump(mode="json") for task in tasks]
    if not as_json:
        keys = ("id", "supplier_name", "kind", "title", "due_date", "assignee", "status")
        rows = [{key: row[key] for key in keys} for row in rows]
    print_rows(rows, as_json=as_json, title="Oppfølgingsoppgaver / follow-up tasks")


@requests_app.command("list")
def requests_list(
    status: Annotated[
        InformationRequestStatus | None, typer.Option(help="Only requests in this status.")
    ] = None,
    overdue: Annotated[bool, typer.Option(help="Only unanswered requests past deadline.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List information requests, soonest deadline first."""
    with open_register() as (session, principal):
        if overdue:
            requests = overdue_requests(session, principal=principal, now=datetime.now(UTC))
        else:
            requests = list_requests(session, principal=principal, status=status)
    rows = [request.model_dump(mode="json") for request in requests]
    if not as_json:
        keys = ("id", "requester_name", "status", "received_at", "deadline")
        rows = [{key: row[key] for key in keys} for row in rows]
    print_rows(rows, as_json=as_json, title="Informasjonskrav / information requests")


@app.command()
def deadlines(
    within: Annotated[
        int, typer.Option(help="Also list what falls due within this many days.", min=0)
    ] = 0,
    as_json: JsonOption = False,
) -> None:
    """List overdue and upcoming deadlines: cases, follow-up tasks, information requests."""
    with open_register() as (session, principal):
        items = due_items(session, principal=principal, within=timedelta(days=within))
    rows = [
        {
            "kind": item.kind.value,
            "reference": item.reference,
            "due_at": item.due_at.isoformat(),
            "overdue": item.overdue,
        }
        for item in items
    ]
    print_rows(rows, as_json=as_json, title="Frister / deadlines")
