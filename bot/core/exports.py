"""Downloads of the register: cases, follow-up tasks, deviations, information requests and the
prioritised supplier list (risk × size, with its reasons) as CSV or XLSX, with column
headers and labels in the member's language.

Cases go out as metadata only (reference, category, status, channel, supplier, dates,
deadlines, outcome). Their contents, the description and the messages, go out only when the
member explicitly chooses so; that choice is written to the audit trail, and so is each
case read for it. A cell that a spreadsheet would run as a formula (starting with `=`, `+`,
`-`, `@`, a tab or a carriage return) is defused: prefixed with a quote in CSV, typed as text
in XLSX. CSV is UTF-8 with a byte-order mark, so Excel shows æøå.

Usage::

    download = export(core, person=person, kind=ExportKind.CASES, fmt=ExportFormat.XLSX)
    download.filename, download.media_type, download.content
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from bot.core import messages, priorities, review
from bot.core.context import Core
from bot.core.people import Lang, Person
from storage.db import transaction
from storage.models import DeviationStatus, DeviationType
from storage.services import audit, cases, deviations, info_requests, suppliers, tasks
from storage.services.case_schemas import CaseDetail

Cell = str | int | float | date | datetime | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_COLUMN_WIDTH = 60


class ExportKind(StrEnum):
    """What can be exported."""

    CASES = "cases"
    TASKS = "tasks"
    DEVIATIONS = "deviations"
    REQUESTS = "requests"
    PRIORITIES = "priorities"


class ExportFormat(StrEnum):
    """The file formats offered."""

    CSV = "csv"
    XLSX = "xlsx"


MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table to export: its name, headers and rows, already in the member's language."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class Download:
    """A file to hand to the member."""

    filename: str
    media_type: str
    content: bytes


def export(
    core: Core,
    *,
    person: Person,
    kind: ExportKind,
    fmt: ExportFormat,
    contents: bool = False,
) -> Download:
    """The export of `kind` as a file; `contents` adds case descriptions and messages."""
    sheet = collect(core, person=person, kind=kind, contents=contents)
    content = to_csv(sheet) if fmt == ExportFormat.CSV else to_xlsx(sheet)
    suffix = "-contents" if contents and kind == ExportKind.CASES else ""
    return Download(
        filename=f"aktsom-{kind.value}{suffix}-{core.now():%Y-%m-%d}.{fmt.value}",
        media_type=MEDIA_TYPES[fmt],
        content=content,
    )


def collect(core: Core, *, person: Person, kind: ExportKind, contents: bool = False) -> Sheet:
    """The rows of `kind`; compliance members only (a refusal is audited by the register)."""
    review.require_member(
        core,
        person=person,
        action=f"export.{kind.value}",
        object_type="export",
        object_id=kind.value,
    )
    lang, principal = person.language, person.principal
    with core.session() as session:
        if kind == ExportKind.CASES:
            found: Sequence[Any] = cases.list_cases(session, principal=principal)
        elif kind == ExportKind.TASKS:
            found = tasks.list_tasks(session, principal=principal)
        elif kind == ExportKind.DEVIATIONS:
            found = deviations.list_deviations(session, principal=principal)
        elif kind == ExportKind.PRIORITIES:
            found = priorities.rank(
                suppliers.list_suppliers(session, principal=principal, reference=core.reference)
            )
        else:
            found = info_requests.list_requests(session, principal=principal)
    columns = _COLUMNS[kind]
    if kind == ExportKind.CASES and contents:
        found = _with_contents(core, person=person, references=[c.reference for c in found])
        columns = (*columns, *_CONTENT_COLUMNS)
    return Sheet(
        title=messages.text(lang, f"export.sheet.{kind.value}"),
        headers=tuple(messages.text(lang, key) for key, _ in columns),
        rows=tuple(tuple(value(row, lang) for _, value in columns) for row in found),
    )


def to_csv(sheet: Sheet) -> bytes:
    """The sheet as CSV, UTF-8 with a byte-order mark, formula-looking cells defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([defuse(header) for header in sheet.headers])
    writer.writerows([[defuse(_as_text(cell)) for cell in row] for row in sheet.rows])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(sheet: Sheet) -> bytes:
    """The sheet as an Excel workbook: bold, frozen headers, a filter, dates as dates."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet.title[:31]
    worksheet.append(list(sheet.headers))
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for values in sheet.rows:
        worksheet.append([_xlsx_value(value) for value in values])
    for row in worksheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            elif isinstance(cell.value, datetime):
                cell.number_format = XLSX_DATETIME_FORMAT
    for index, header in enumerate(sheet.headers, start=1):
        width = max([len(header), *(len(_as_text(row[index - 1])) for row in sheet.rows)])
        letter = worksheet.cell(row=1, column=index).column_letter
        worksheet.column_dimensions[letter].width = min(width + 2, MAX_COLUMN_WIDTH)
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = worksheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def defuse(text: str) -> str:
    """`text`, prefixed with a quote if a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def deviation_label(lang: Lang, value: DeviationType | DeviationStatus) -> str:
    """A deviation's type or status in words."""
    group = "type" if isinstance(value, DeviationType) else "status"
    return messages.text(lang, f"deviation.{group}.{value.value}")


def _with_contents(core: Core, *, person: Person, references: list[str]) -> list[CaseDetail]:
    """Every case with its contents: the choice is audited first, then each read."""
    with core.session() as session, transaction(session):
        audit.record(
            session,
            principal=person.principal,
            action="export.contents",
            object_type="export",
            object_id=ExportKind.CASES.value,
            details={"cases": len(references)},
            now=core.now(),
        )
    return [review.open_case(core, person=person, reference=ref) for ref in references]


def _as_text(value: Cell) -> str:
    """A cell as CSV text: dates ISO, times to the minute (UTC), nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _xlsx_value(value: Cell) -> Cell:
    """A cell for openpyxl: times naive UTC (Excel has no zones), no control characters."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _yes_no(lang: Lang, value: bool | None) -> str | None:
    if value is None:
        return None
    return messages.text(lang, "export.yes" if value else "export.no")


def _in_time(row: info_requests.InformationRequestPublic) -> bool | None:
    return None if row.answered_at is None else row.answered_at <= row.deadline


def _thread(row: CaseDetail, lang: Lang) -> str:
    return "\n".join(
        f"{m.created_at:{DATETIME_FORMAT}} "
        f"{messages.text(lang, f'review.author.{m.author.value}')}: {m.body}"
        for m in row.messages
    )


def _share(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def _label(value: Any, lang: Lang) -> str | None:
    return None if value is None else messages.label(lang, value)


Column = tuple[str, Callable[[Any, Lang], Cell]]
_COLUMNS: dict[ExportKind, tuple[Column, ...]] = {
    ExportKind.CASES: (
        ("export.reference", lambda row, lang: row.reference),
        ("export.category", lambda row, lang: _label(row.category, lang)),
        ("export.status", lambda row, lang: _label(row.status, lang)),
        ("export.channel", lambda row, lang: row.channel.value),
        ("export.supplier", lambda row, lang: row.supplier_name),
        ("export.country", lambda row, lang: row.country),
        ("export.received", lambda row, lang: row.received_at),
        ("export.acknowledge_due", lambda row, lang: row.acknowledge_due),
        ("export.acknowledged", lambda row, lang: row.acknowledged_at),
        ("export.feedback_due", lambda row, lang: row.feedback_due),
        ("export.closed", lambda row, lang: row.closed_at),
        ("export.outcome", lambda row, lang: _label(row.outcome, lang)),
    ),
    ExportKind.TASKS: (
        ("export.id", lambda row, lang: row.id),
        ("export.supplier", lambda row, lang: row.supplier_name),
        ("export.kind", lambda row, lang: _label(row.kind, lang)),
        ("export.title", lambda row, lang: row.title),
        ("export.status", lambda row, lang: _label(row.status, lang)),
        ("export.due", lambda row, lang: row.due_date),
        ("export.assignee", lambda row, lang: row.assignee),
        ("export.result", lambda row, lang: row.completion_note),
        ("export.created", lambda row, lang: row.created_at),
        ("export.updated", lambda row, lang: row.updated_at),
    ),
    ExportKind.DEVIATIONS: (
        ("export.id", lambda row, lang: row.id),
        ("export.supplier", lambda row, lang: row.supplier_name),
        ("export.type", lambda row, lang: deviation_label(lang, row.type)),
        ("export.location", lambda row, lang: row.supply_chain_location),
        ("export.description", lambda row, lang: row.description),
        ("export.measures", lambda row, lang: row.measures),
        ("export.status", lambda row, lang: deviation_label(lang, row.status)),
        ("export.created", lambda row, lang: row.created_at),
        ("export.updated", lambda row, lang: row.updated_at),
    ),
    ExportKind.REQUESTS: (
        ("export.id", lambda row, lang: row.id),
        ("export.requester", lambda row, lang: row.requester_name),
        ("export.contact", lambda row, lang: row.requester_contact),
        ("export.question", lambda row, lang: row.question),
        ("export.status", lambda row, lang: _label(row.status, lang)),
        ("export.received", lambda row, lang: row.received_at),
        ("export.deadline", lambda row, lang: row.deadline),
        ("export.extension_reason", lambda row, lang: row.extension_reason),
        ("export.answered", lambda row, lang: row.answered_at),
        ("export.in_time", lambda row, lang: _yes_no(lang, _in_time(row))),
        ("export.refusal_basis", lambda row, lang: row.refusal_basis),
    ),
    ExportKind.PRIORITIES: (
        ("export.rank", lambda row, lang: row.rank),
        ("export.supplier", lambda row, lang: row.supplier.name),
        ("export.org_number", lambda row, lang: row.supplier.org_number),
        ("export.countries", lambda row, lang: ", ".join(row.supplier.countries)),
        ("export.categories", lambda row, lang: ", ".join(row.supplier.product_categories)),
        ("export.risk", lambda row, lang: _label(row.supplier.risk, lang)),
        ("export.spend", lambda row, lang: row.supplier.annual_spend),
        ("export.share", lambda row, lang: _share(row.share)),
        ("export.reasons", lambda row, lang: "\n".join(row.reasons(lang))),
    ),
}
_CONTENT_COLUMNS: tuple[Column, ...] = (
    ("export.description", lambda row, lang: row.description),
    ("export.messages", _thread),
)
