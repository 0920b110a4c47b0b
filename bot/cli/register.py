"""Supplier register commands: `suppliers list`, `tasks list`, `requests list`, `deadlines`.

Each prints a table, or JSON with `--json`.

Thin shells over the services: the CLI acts as the local compliance principal (see
`bot/cli/storage.py`), reads the operator's reference tables from `<data dir>/reference/`
when there are any, and prints a table or JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from bot.cli import app
from bot.cli.storage import JsonOption, open_register, print_rows
from bot.settings import load_settings
from storage.models import InformationRequestStatus, TaskStatus
from storage.risk import RiskLevel, load_reference_data
from storage.services.deadlines import due_items
from storage.services.info_requests import list_requests, overdue_requests
from storage.services.suppliers import list_suppliers
from storage.services.tasks import due_tasks, list_tasks, overdue_tasks

REFERENCE_DIR = "reference"

suppliers_app = typer.Typer(help="The supplier register and its risk levels.", no_args_is_help=True)
tasks_app = typer.Typer(help="Supplier follow-up tasks.", no_args_is_help=True)
requests_app = typer.Typer(
    help="Information requests (åpenhetsloven §§ 6–7).", no_args_is_help=True
)
app.add_typer(suppliers_app, name="suppliers")
app.add_typer(tasks_app, name="tasks")
app.add_typer(requests_app, name="requests")


@suppliers_app.command("list")
def suppliers_list(
    min_risk: Annotated[
        RiskLevel | None, typer.Option(help="Only suppliers at this risk level or above.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List suppliers with the risk level in force; --json adds the reasons and sources."""
    with open_register() as (session, principal):
        reference = load_reference_data(load_settings().data_dir / REFERENCE_DIR)
        suppliers = list_suppliers(
            session, principal=principal, min_risk=min_risk, reference=reference
        )
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
