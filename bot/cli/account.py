"""`aktsom account-draft`: the § 5 annual account draft from the register, written to a file.

The CLI acts as the local compliance principal `cli:<AKTSOM_CLI_USER>`, like the other
register commands, and the draft is the same one the web page offers::

    aktsom account-draft --year 2026 --format docx --out redegjorelse-2026.docx
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bot.cli import app
from bot.cli.errors import exit_on_error, stderr
from bot.core.annual_account import AccountFormat, account_file
from bot.core.context import open_core
from bot.core.errors import FormInvalid
from bot.core.people import Person
from bot.settings import load_settings


class DraftLanguage(StrEnum):
    """The languages the draft is written in."""

    NB = "nb"
    EN = "en"


@app.command("account-draft")
def account_draft(
    year: Annotated[int, typer.Option(help="The year the account covers.")],
    fmt: Annotated[
        AccountFormat, typer.Option("--format", help="Markdown (md) or Word (docx).")
    ] = AccountFormat.DOCX,
    out: Annotated[
        Path | None, typer.Option(help="Where to write it; default a named file here.")
    ] = None,
    lang: Annotated[DraftLanguage, typer.Option(help="Norwegian (nb) or English (en).")] = (
        DraftLanguage.NB
    ),
) -> None:
    """Write a draft of the annual account (åpenhetsloven § 5) for the board to complete."""
    settings = load_settings()
    person = Person("cli", settings.cli_user, lang.value, compliance=True)
    with exit_on_error():
        core = open_core(settings, seed=False)
    try:
        with exit_on_error():
            download = account_file(
                core,
                person=person,
                year=year,
                fmt=fmt,
                organisation=settings.organisation_description,
                lang=lang.value,
            )
    except FormInvalid as error:
        stderr.print(f"Error: {' '.join(error.errors.values())}", markup=False)
        raise typer.Exit(1) from error
    finally:
        core.close()
    target = out or Path(download.filename)
    with exit_on_error():
        target.write_bytes(download.content)
    print(target)
