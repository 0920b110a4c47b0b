"""Supplier self-assessment questionnaires from the terminal: `saq send`, `saq list`,
`saq scores`.

The CLI acts as the local compliance member `cli:<user>` (audited like any reader) and calls
the same flows as the dashboard (`bot.core.questionnaires`). Without `AKTSOM_SMTP_URL`,
`saq send` prints each link for the team to pass on; with it, the questionnaire is e-mailed.

Usage::

    aktsom saq send 3 7 --language en       # e-mailed, or the link to copy, or why not
    aktsom saq list                         # status per invitation and the response rates
    aktsom saq scores 3 --json
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from bot.cli import app
from bot.cli.errors import exit_on_error
from bot.cli.storage import JsonOption, console, print_json, print_rows
from bot.core import questionnaires as saq
from bot.core.context import Core, open_core
from bot.core.people import Lang, Person
from bot.settings import load_settings

saq_app = typer.Typer(
    help="Supplier self-assessment questionnaires (SAQ): send, follow, scores.",
    no_args_is_help=True,
)
app.add_typer(saq_app, name="saq")


@contextmanager
def open_team() -> Iterator[tuple[Core, Person]]:
    """The core and the CLI's compliance member; any register error ends the command."""
    settings = load_settings()
    with exit_on_error():
        core = open_core(settings, seed=False)
        try:
            yield core, Person("cli", settings.cli_user, settings.team_language, compliance=True)
        finally:
            core.close()


@saq_app.command("send")
def saq_send(
    supplier_ids: Annotated[list[int], typer.Argument(help="Supplier ids (see `suppliers list`).")],
    email: Annotated[
        str | None, typer.Option(help="Send to this address instead of the register's contact.")
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(help="nb, en or sv; default by the supplier's country (else English)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Send the questionnaire; prints per supplier: e-mailed, the link to copy, or why not.
    Exits 1 when any could not be sent."""
    if language is not None and language not in ("nb", "en", "sv"):
        raise typer.BadParameter("must be nb, en or sv", param_hint="--language")
    with open_team() as (core, person):
        results = saq.send(
            core, person=person, supplier_ids=supplier_ids, email=email, language=language
        )
    if as_json:
        print_json(
            [
                {
                    "supplier_id": result.supplier_id,
                    "supplier": result.supplier_name,
                    "outcome": result.outcome.value,
                    "invitation_id": result.invitation_id,
                    "email": result.email,
                    "link": result.link,
                    "reason": result.reason,
                }
                for result in results
            ]
        )
    else:
        for result in results:
            console.print(result.describe(person.language), markup=False, soft_wrap=True)
    if any(result.outcome == saq.SendOutcome.FAILED for result in results):
        raise typer.Exit(1)


@saq_app.command("list")
def saq_list(
    supplier: Annotated[int | None, typer.Option(help="Only this supplier's (id).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List invitations with their status, and the response rates."""
    with open_team() as (core, person):
        board = saq.overview(core, person=person, supplier_id=supplier)
    rates = board.rates
    rows = [
        {
            "id": row.invitation.id,
            "supplier": row.invitation.supplier_name,
            "status": row.invitation.status.value,
            "language": row.invitation.language,
            "sent": row.invitation.sent_at.date().isoformat() if row.invitation.sent_at else None,
            "opened": row.invitation.opened_at is not None,
            "deadline": row.invitation.expires_at.date().isoformat(),
            "overdue": row.overdue,
            "total": (row.invitation.scores or {}).get("total"),
        }
        for row in board.rows
    ]
    summary = {
        "sent": rates.sent,
        "opened": rates.opened,
        "submitted": rates.submitted,
        "overdue": rates.overdue,
        "opened_pct": rates.share(rates.opened),
        "submitted_pct": rates.share(rates.submitted),
        "overdue_pct": rates.share(rates.overdue),
    }
    if as_json:
        print_json({"invitations": rows, "rates": summary})
        return
    print_rows(rows, as_json=False, title="Egenvurderinger / self-assessments")
    console.print(_rates_line(person.language, summary), markup=False)


@saq_app.command("scores")
def saq_scores(
    supplier_id: Annotated[int, typer.Argument(help="Supplier id.")],
    as_json: JsonOption = False,
) -> None:
    """A supplier's score history: total and per area, and the red flags raised."""
    with open_team() as (core, person):
        history = saq.score_history(core, person=person, supplier_id=supplier_id)
    rows = [
        {
            "invitation": row.invitation_id,
            "submitted": row.submitted_at.date().isoformat() if row.submitted_at else None,
            "version": row.version,
            "total": row.total,
            **{area.title: area.score for area in row.areas},
            "red_flags": "; ".join(row.red_flags) if not as_json else list(row.red_flags),
        }
        for row in history
    ]
    print_rows(rows, as_json=as_json, title="Poeng / scores")
    if not as_json:
        console.print(saq.scoring_rule(person.language), markup=False, soft_wrap=True)


def _rates_line(lang: Lang, rates: dict[str, float | int | None]) -> str:
    def pct(key: str) -> str:
        value = rates[f"{key}_pct"]
        return "–" if value is None else f"{value:.0f} %"

    return (
        f"sendt/sent {rates['sent']}, åpnet/opened {rates['opened']} ({pct('opened')}), "
        f"sendt inn/submitted {rates['submitted']} ({pct('submitted')}), "
        f"over fristen/overdue {rates['overdue']} ({pct('overdue')})"
    )
