"""The § 5 draft: built from the register, counts without contents, the risk method stated,
every place to complete or sign marked, in Markdown and in a DOCX Word can open."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from typer.testing import CliRunner

from bot.cli import app
from bot.core import annual_account
from bot.core.annual_account import AccountFormat
from bot.core.context import Core
from bot.core.errors import FormInvalid
from bot.core.people import Person
from storage.errors import AccessDenied
from storage.models import CaseCategory, CaseOutcome, Channel, DeviationType, TaskKind
from storage.principal import Principal, Role
from storage.risk import RiskLevel
from storage.services import cases, deviations, suppliers, tasks
from storage.services.case_schemas import CaseCreate
from storage.services.deviations import DeviationCreate
from storage.services.tasks import TaskCreate
from tests.bot.conftest import fixed_clock

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
IN_2026 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
OFFICER = Principal("slack", "UOFFICER", frozenset({Role.COMPLIANCE}))
MEMBER = Person("slack", "UOFFICER", "en", compliance=True)
REPORTER = Person("slack", "UREPORTER", "nb")
STORY = "Vakten ved port 3 tar passene fra de nye syerskene"
REPLY = "Takk, vi har bedt om revisjon hos leverandøren"


@pytest.fixture
def register(core: Core) -> Core:
    """A very-high-risk supplier (overridden from its derived level) with a substantiated,
    non-anonymous case, a deviation, a finished and a planned task; a low-risk one."""
    core.clock = fixed_clock(NOW)
    with core.session() as session:
        knit = suppliers.create_supplier(
            session,
            principal=OFFICER,
            data=suppliers.SupplierCreate(
                name="Dhaka Knit Ltd", countries=["BD"], product_categories=["Tekstiler"]
            ),
            reference=core.reference,
            now=IN_2026,
        )
        suppliers.create_supplier(
            session,
            principal=OFFICER,
            data=suppliers.SupplierCreate(
                name="Nordvev AS", countries=["NO"], product_categories=["Møbler"]
            ),
            reference=core.reference,
            now=IN_2026,
        )
        mill = suppliers.create_supplier(
            session,
            principal=OFFICER,
            data=suppliers.SupplierCreate(name="Tamil Spin", countries=["DK"]),
            reference=core.reference,
            now=IN_2026,
        )
        suppliers.override_risk(
            session,
            principal=OFFICER,
            supplier_id=mill.id,
            level=RiskLevel.HIGH,
            justification="Revisjon fant tvangsarbeid i underleverandør",
            reference=core.reference,
        )
        reference = cases.submit_report(
            session,
            principal=REPORTER.principal,
            data=CaseCreate(
                category=CaseCategory.FORCED_LABOUR,
                description=STORY,
                channel=Channel.SLACK,
                anonymous=False,
                supplier_name="Dhaka Knit Ltd",
                supplier_id=knit.id,
            ),
            now=IN_2026,
        ).reference
        cases.acknowledge_case(session, principal=OFFICER, reference=reference, now=IN_2026)
        cases.add_handler_message(
            session, principal=OFFICER, reference=reference, body=REPLY, now=IN_2026
        )
        cases.close_case(
            session,
            principal=OFFICER,
            reference=reference,
            outcome=CaseOutcome.SUBSTANTIATED,
            now=IN_2026,
        )
        deviations.create_deviation(
            session,
            principal=OFFICER,
            data=DeviationCreate(
                supplier_id=knit.id,
                type=DeviationType.FORCED_LABOUR,
                description="Pass holdt tilbake ved fabrikk 2",
                measures="Korrigerende tiltaksplan avtalt",
            ),
            now=IN_2026,
        )
        audit = tasks.create_task(
            session,
            principal=OFFICER,
            data=TaskCreate(supplier_id=knit.id, kind=TaskKind.AUDIT, title="Sosial revisjon"),
            now=IN_2026,
        )
        tasks.complete_task(
            session,
            principal=OFFICER,
            task_id=audit.id,
            note="Passene levert tilbake",
            now=IN_2026,
        )
        tasks.create_task(
            session,
            principal=OFFICER,
            data=TaskCreate(
                supplier_id=knit.id,
                kind=TaskKind.DIALOGUE_MEETING,
                title="Oppfølgingsmøte",
                due_date=date(2026, 9, 1),
            ),
            now=IN_2026,
        )
    return core


def markdown(core: Core, **options: object) -> str:
    account = annual_account.draft(core, person=MEMBER, year=2026, **options)
    return annual_account.to_markdown(account)


def test_the_draft_never_holds_what_was_reported_or_who_reported(register: Core) -> None:
    for lang in ("nb", "en"):
        for fmt in AccountFormat:
            content = annual_account.account_file(
                register, person=MEMBER, year=2026, fmt=fmt, lang=lang
            ).content
            text = content.decode() if fmt == AccountFormat.MD else docx_text(content)
            assert "port 3" not in text and "revisjon hos leverandøren" not in text
            assert "UREPORTER" not in text


def test_cases_and_deviations_are_counted_by_category_and_supplier(register: Core) -> None:
    text = markdown(register)

    assert "| Tvangsarbeid | 1 | 1 |" in text  # one case, substantiated
    assert "| Dhaka Knit Ltd | 1 |" in text
    assert "Pass holdt tilbake" not in text  # a deviation's description stays in the register
    assert "Korrigerende tiltaksplan avtalt" in text


def test_suppliers_are_named_as_registered_never_in_the_reporters_words(register: Core) -> None:
    with register.session() as session:
        for named in ("fargeriet der Kari jobber hos Dhaka Knit", "Ukjent Fabrikk i Tiruppur"):
            cases.submit_report(
                session,
                principal=OFFICER,
                data=CaseCreate(
                    category=CaseCategory.WAGES_AND_BENEFITS,
                    description="Lønn for sent",
                    channel=Channel.WEB,
                    supplier_name=named,
                ),
                now=IN_2026,
            )

    text = markdown(register)

    assert "| Dhaka Knit Ltd | 2 |" in text and "| Leverandør utenfor registeret | 1 |" in text
    assert "Kari" not in text and "Tiruppur" not in text


def test_the_risk_method_and_each_risky_suppliers_reasons_are_stated(register: Core) -> None:
    text = markdown(register)

    assert "ITUC Global Rights Index (utgave 2025)" in text
    assert "DFØs høyrisikoliste" in text
    assert "ITUC-vurdering 5" in text  # Bangladesh, with its source beside it
    assert "Overstyrt fra middels til høy: Revisjon fant tvangsarbeid i underleverandør" in text
    assert "Nordvev" not in text.split("med begrunnelse:")[1]  # low risk: counted, not listed


def test_measures_taken_with_results_and_planned_ones_with_due_dates(register: Core) -> None:
    text = markdown(register)

    assert "| Dhaka Knit Ltd | Revisjon | Sosial revisjon | Passene levert tilbake |" in text
    assert "| Dhaka Knit Ltd | Dialogmøte | Oppfølgingsmøte | 1. sep 2026 |" in text


def test_missing_organisation_text_and_signatures_are_marked(register: Core) -> None:
    text = markdown(register)

    assert "[FYLL INN: generell beskrivelse av virksomhetens organisering" in text
    assert "[SIGNATUR: daglig leder, navn]" in text
    assert "regnskapsloven § 3-5" in text and "30. juni 2027" in text


def test_the_configured_organisation_description_is_used(register: Core) -> None:
    text = markdown(register, organisation="Arbeidsklær AS lager uniformer i Norge.")

    assert "Arbeidsklær AS lager uniformer i Norge." in text
    assert "[FYLL INN: generell beskrivelse" not in text


def test_english_on_request(register: Core) -> None:
    text = markdown(register, lang="en")

    assert "[SIGNATURE: general manager (daglig leder), name]" in text
    assert "Transparency Act section 5" in text


def test_the_docx_opens_and_highlights_the_signature_place(register: Core) -> None:
    download = annual_account.account_file(
        register, person=MEMBER, year=2026, fmt=AccountFormat.DOCX
    )

    document = Document(io.BytesIO(download.content))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    [signature] = [run for run in runs if run.text == "[SIGNATUR: daglig leder, navn]"]
    assert signature.font.highlight_color == WD_COLOR_INDEX.YELLOW and signature.bold
    assert document.tables and "Dhaka Knit Ltd" in docx_text(download.content)
    assert download.filename == "redegjorelse-apenhetsloven-2026.docx"


def test_register_text_cannot_inject_markdown(register: Core) -> None:
    with register.session() as session:
        suppliers.create_supplier(
            session,
            principal=OFFICER,
            data=suppliers.SupplierCreate(name="<b>Evil</b> | Co", countries=["BD"]),
            now=IN_2026,
        )

    text = markdown(register)

    assert r"\<b\>Evil\</b\> \| Co" in text
    assert re.search(r"(?<!\\)<b>", text) is None


def test_a_non_member_is_refused(register: Core) -> None:
    with pytest.raises(AccessDenied):
        annual_account.draft(register, person=REPORTER, year=2026)


def test_a_year_in_the_future_is_refused(register: Core) -> None:
    with pytest.raises(FormInvalid):
        annual_account.draft(register, person=MEMBER, year=2027)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_the_cli_writes_the_draft_and_explains_a_wrong_year(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    target = tmp_path / "utkast.docx"
    year = str(datetime.now(UTC).year)

    written = CliRunner().invoke(app, ["account-draft", "--year", year, "--out", str(target)])
    refused = CliRunner().invoke(app, ["account-draft", "--year", "2019", "--format", "md"])

    assert written.exit_code == 0, written.output
    assert "[SIGNATUR: daglig leder, navn]" in docx_text(target.read_bytes())
    assert refused.exit_code == 1 and "2022" in refused.output
