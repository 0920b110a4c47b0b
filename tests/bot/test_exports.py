"""CSV and XLSX exports: metadata only unless contents are chosen (and then audited), headers
in the member's language, formula-looking cells defused, æøå readable in Excel."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.core import exports
from bot.core.context import Core
from bot.core.exports import ExportFormat, ExportKind
from bot.core.people import Person
from storage.errors import AccessDenied
from storage.models import AuditEvent, CaseCategory, Channel, DeviationType, TaskKind
from storage.principal import Principal, Role
from storage.services import cases, deviations, suppliers, tasks
from storage.services.case_schemas import CaseCreate
from storage.services.deviations import DeviationCreate
from storage.services.tasks import TaskCreate
from tests.bot.conftest import fixed_clock

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
OFFICER = Principal("slack", "UOFFICER", frozenset({Role.COMPLIANCE}))
MEMBER = Person("slack", "UOFFICER", "nb", compliance=True)
STORY = "Passene til arbeiderne på Ærøy holdes tilbake av byrået"
FORMULA = '=HYPERLINK("http://evil.example","Åpne")'


@pytest.fixture
def register(core: Core) -> Core:
    """One case naming a formula-looking supplier, answered once; a task; a deviation."""
    core.clock = fixed_clock(NOW)
    with core.session() as session:
        reference = cases.submit_report(
            session,
            principal=OFFICER,
            data=CaseCreate(
                category=CaseCategory.FORCED_LABOUR,
                description=STORY,
                channel=Channel.WEB,
                supplier_name=FORMULA,
            ),
            now=NOW,
        ).reference
        cases.add_handler_message(
            session, principal=OFFICER, reference=reference, body="Vi undersøker.", now=NOW
        )
        supplier = suppliers.create_supplier(
            session,
            principal=OFFICER,
            data=suppliers.SupplierCreate(name="@Søm og Strikk", countries=["BD"]),
            now=NOW,
        )
        tasks.create_task(
            session,
            principal=OFFICER,
            data=TaskCreate(supplier_id=supplier.id, kind=TaskKind.AUDIT, title="-1+2 revisjon"),
            now=NOW,
        )
        deviations.create_deviation(
            session,
            principal=OFFICER,
            data=DeviationCreate(
                supplier_id=supplier.id,
                type=DeviationType.WAGES,
                description="Lønn under minstelønn",
            ),
            now=NOW,
        )
    return core


def rows_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def audited(core: Core, action: str) -> list[AuditEvent]:
    with core.session() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_cases_go_out_without_contents_by_default(register: Core) -> None:
    download = exports.export(register, person=MEMBER, kind=ExportKind.CASES, fmt=ExportFormat.CSV)

    text = download.content.decode("utf-8-sig")
    assert "Ærøy" not in text and "Vi undersøker" not in text
    assert "Tvangsarbeid" in text
    assert audited(register, "export.contents") == []
    assert audited(register, "case.read") == []


def test_contents_go_out_only_when_chosen_and_the_choice_is_audited(register: Core) -> None:
    download = exports.export(
        register, person=MEMBER, kind=ExportKind.CASES, fmt=ExportFormat.CSV, contents=True
    )

    header, row = rows_of(download.content)
    assert row[header.index("Beskrivelse")] == STORY
    assert "Vi undersøker." in row[header.index("Meldinger")]
    [choice] = audited(register, "export.contents")
    assert choice.actor == "slack:UOFFICER" and choice.details == {"cases": 1}
    assert len(audited(register, "case.read")) == 1
    assert "Ærøy" not in str(choice.details)


def test_csv_has_a_byte_order_mark_and_headers_in_the_members_language(register: Core) -> None:
    norwegian = exports.export(register, person=MEMBER, kind=ExportKind.TASKS, fmt=ExportFormat.CSV)
    english = exports.export(
        register,
        person=Person("slack", "UOFFICER", "en", compliance=True),
        kind=ExportKind.TASKS,
        fmt=ExportFormat.CSV,
    )

    assert norwegian.content.startswith(b"\xef\xbb\xbf")
    assert rows_of(norwegian.content)[0][:3] == ["Nr.", "Leverandør", "Type"]
    assert rows_of(english.content)[0][:3] == ["No.", "Supplier", "Kind"]
    assert rows_of(norwegian.content)[1][2] == "Revisjon"


@pytest.mark.parametrize(
    ("kind", "column", "dangerous"),
    [
        (ExportKind.CASES, "Leverandør", FORMULA),
        (ExportKind.TASKS, "Leverandør", "@Søm og Strikk"),
        (ExportKind.TASKS, "Hva skal gjøres", "-1+2 revisjon"),
    ],
)
def test_formula_looking_cells_are_defused_in_csv(
    register: Core, kind: ExportKind, column: str, dangerous: str
) -> None:
    header, row = rows_of(
        exports.export(register, person=MEMBER, kind=kind, fmt=ExportFormat.CSV).content
    )

    assert row[header.index(column)] == f"'{dangerous}"


def test_xlsx_keeps_formula_looking_text_as_text_and_dates_as_dates(register: Core) -> None:
    download = exports.export(register, person=MEMBER, kind=ExportKind.CASES, fmt=ExportFormat.XLSX)

    sheet = load_workbook(io.BytesIO(download.content)).active
    header = [cell.value for cell in sheet[1]]
    supplier = sheet.cell(row=2, column=header.index("Leverandør") + 1)
    received = sheet.cell(row=2, column=header.index("Mottatt") + 1)
    assert sheet.title == "Saker"
    assert supplier.value == FORMULA and supplier.data_type == "s"
    assert received.value == NOW.replace(tzinfo=None)
    assert download.filename == "aktsom-cases-2026-06-15.xlsx"


def test_every_kind_exports_in_both_formats(register: Core) -> None:
    for kind in ExportKind:
        for fmt in ExportFormat:
            download = exports.export(register, person=MEMBER, kind=kind, fmt=fmt)
            assert download.content and download.filename.endswith(f".{fmt.value}")
    header, row = rows_of(
        exports.export(
            register, person=MEMBER, kind=ExportKind.DEVIATIONS, fmt=ExportFormat.CSV
        ).content
    )
    assert row[header.index("Type avvik")] == "Lønn"


def test_a_non_member_cannot_export_and_the_attempt_is_audited(register: Core) -> None:
    with pytest.raises(AccessDenied):
        exports.export(
            register,
            person=Person("slack", "UEMPLOYEE", "nb"),
            kind=ExportKind.CASES,
            fmt=ExportFormat.CSV,
            contents=True,
        )

    [denied] = audited(register, "access.denied")
    assert denied.details["attempted"] == "export.cases"
    assert audited(register, "export.contents") == []
