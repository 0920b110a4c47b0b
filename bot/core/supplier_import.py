"""Importing a supplier list from the dashboard: upload, preview, confirm.

The uploaded file is kept on the server between the preview and the confirmation, under
`<uploads>/supplier-lists/` with a random token for a name (never the name the browser
sent), size-checked against the configured maximum before it is written, and deleted once
imported; files left behind by a preview nobody confirmed are deleted after a day. The
preview is a dry run of `storage.services.supplier_import`, so it shows exactly what the
import will do; the person may change what each column is used as before confirming.

Usage::

    token = keep_upload(core, person=member, name="leverandører.xlsx", content=data)
    shown = preview(core, person=member, token=token)            # detected columns
    shown = preview(core, person=member, token=token, choices={3: "description"})
    plan = confirm(core, person=member, token=token, choices=shown.choices)
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.core import messages, review
from bot.core.context import Core
from bot.core.errors import FormInvalid
from bot.core.people import Lang, Person
from storage.errors import SupplierListUnreadable
from storage.services.supplier_import import ImportPlan, RowIssue, import_suppliers
from storage.supplier_lists import ImportField, SupplierTable, TableRow, read_supplier_list

UPLOAD_FOLDER = "supplier-lists"
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
KEEP_UNCONFIRMED = timedelta(days=1)
PREVIEW_ROWS = 5
IGNORE = ""


@dataclass(frozen=True, slots=True)
class Preview:
    """What the person reviews: the columns and what each is used as, the first rows, and
    the dry run's plan (or why there is none yet, e.g. no name column chosen)."""

    token: str
    name: str
    headers: tuple[str, ...]
    choices: dict[int, str]
    first_rows: tuple[TableRow, ...]
    plan: ImportPlan | None
    problem: str | None


def keep_upload(core: Core, *, person: Person, name: str, content: bytes) -> str:
    """Check the role, the size and that the file reads as a supplier list, then keep it
    and return its token. Raises SupplierListUnreadable with the reason."""
    review.require_member(
        core, person=person, action="supplier.import_upload", object_type="supplier"
    )
    read_supplier_list(content, max_bytes=core.max_file_bytes)
    folder = core.uploads_dir / UPLOAD_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    _forget_unconfirmed(folder)
    token = secrets.token_hex(16)
    (folder / token).write_bytes(content)
    (folder / f"{token}.name").write_text(Path(name).name[:200] or "upload", encoding="utf-8")
    return token


def preview(
    core: Core, *, person: Person, token: str, choices: dict[int, str] | None = None
) -> Preview:
    """The kept file read, its columns as detected or as `choices` ({column: field or ""}),
    and the dry run of importing it."""
    name, table = _kept(core, person=person, token=token)
    chosen = _choices(table, choices)
    try:
        with core.session() as session:
            plan = import_suppliers(
                session,
                principal=person.principal,
                table=table,
                mapping=_mapping(chosen),
                dry_run=True,
                source=name,
                reference=core.reference,
            )
        problem = None
    except SupplierListUnreadable as error:
        plan, problem = None, messages.explain(person.language, error)
    return Preview(
        token=token,
        name=name,
        headers=table.headers,
        choices=chosen,
        first_rows=table.rows[:PREVIEW_ROWS],
        plan=plan,
        problem=problem,
    )


def confirm(
    core: Core, *, person: Person, token: str, choices: dict[int, str] | None = None
) -> ImportPlan:
    """Import the kept file with the chosen columns, then delete it; a mapping that cannot
    be imported (no name column) is a FormInvalid, and the file stays."""
    name, table = _kept(core, person=person, token=token)
    try:
        with core.session() as session:
            plan = import_suppliers(
                session,
                principal=person.principal,
                table=table,
                mapping=_mapping(_choices(table, choices)),
                source=name,
                reference=core.reference,
                now=core.now(),
            )
    except SupplierListUnreadable as error:  # no name column chosen
        raise FormInvalid({"file": messages.explain(person.language, error)}) from error
    for path in _paths(core, token):
        path.unlink(missing_ok=True)
    return plan


def issue_text(lang: Lang, issue: RowIssue) -> str:
    """A row's problem or remark in words."""
    return messages.text(
        lang, f"import.issue.{issue.code}", value=issue.value, other_row=issue.other_row
    )


def field_choices(lang: Lang) -> list[tuple[str, str]]:
    """What a column may be used as, in words, "not used" first."""
    ignore = (IGNORE, messages.text(lang, "import.field.ignore"))
    return [
        ignore,
        *((f.value, messages.text(lang, f"import.field.{f.value}")) for f in ImportField),
    ]


def _kept(core: Core, *, person: Person, token: str) -> tuple[str, SupplierTable]:
    """The kept file's name and table; a token that names no file is told as gone."""
    review.require_member(
        core, person=person, action="supplier.import_preview", object_type="supplier"
    )
    content, label = _paths(core, token) if TOKEN.fullmatch(token) else (None, None)
    if content is None or label is None or not content.is_file():
        raise FormInvalid({"file": messages.text(person.language, "web.import.gone")})
    return label.read_text(encoding="utf-8"), read_supplier_list(content.read_bytes())


def _paths(core: Core, token: str) -> tuple[Path, Path]:
    folder = core.uploads_dir / UPLOAD_FOLDER
    return folder / token, folder / f"{token}.name"


def _choices(table: SupplierTable, choices: dict[int, str] | None) -> dict[int, str]:
    """Every column's use: the person's choices where given and known, else as detected."""
    if choices is None:
        return {
            i: table.mapping[i].value if i in table.mapping else IGNORE
            for i in range(len(table.headers))
        }
    known = set(ImportField)
    return {
        index: choices.get(index, IGNORE) if choices.get(index, IGNORE) in known else IGNORE
        for index in range(len(table.headers))
    }


def _mapping(choices: dict[int, str]) -> dict[int, ImportField]:
    """The columns in use, each field taken by its first column only."""
    mapping: dict[int, ImportField] = {}
    for index, chosen in sorted(choices.items()):
        if chosen and ImportField(chosen) not in mapping.values():
            mapping[index] = ImportField(chosen)
    return mapping


def _forget_unconfirmed(folder: Path) -> None:
    """Delete kept files older than a day (by the file system's clock): previews nobody
    confirmed."""
    cutoff = time.time() - KEEP_UNCONFIRMED.total_seconds()
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
