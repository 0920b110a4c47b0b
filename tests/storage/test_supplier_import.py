"""Importing supplier lists on SQLite and PostgreSQL: good, messy and broken files, dry runs,
re-imports that change nothing, duplicates, bad rows listed with the reason, one audit row."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.errors import AccessDenied, SupplierListUnreadable
from storage.models import AuditEvent, Supplier
from storage.principal import Principal
from storage.risk import RiskLevel
from storage.services.supplier_import import import_suppliers, org_key
from storage.services.suppliers import SupplierCreate, create_supplier, list_suppliers
from storage.supplier_lists import ImportField, map_columns, parse_amount, read_supplier_list

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 9, 9, 0, tzinfo=UTC)

GOOD_CSV = (
    "Navn,Organisasjonsnummer,Land,Varebeskrivelse,Årlig innkjøp,E-post\n"
    "Nordvev Tekstil AS,923456781,Bangladesh;Tyrkia,Arbeidsklær og t-skjorter i bomull,"
    "2500000,post@nordvev.example\n"
    "Elektra Komponent AB,556012-3456,Malaysia,Laptops og mobiltelefoner,900000,"
    "salg@elektra.example\n"
    "Fjordrevisjon AS,987654321,Norge,Konsulenttjenester,150000,\n"
)

MESSY_CSV = (
    "Leverandørliste eksportert 01.11.2026;;;;\n"
    "Leverandør;Org.nr.;Land;Varekategori;Innkjøp 2025 (NOK);Kontakt\n"
    "Søndre Møbelfabrikk AS;NO 912 345 678 MVA;Kina;Møbler;kr 1 234 567,50;ola@sondre.example\n"
    "Café Ørsta AS;;Norge;;12 000,-;\n"
    "Å Lys ANS;913 222 111;Vietnam / Kina;Kjøp av IKT-produkter;1.500,00;lys@aa.example\n"
)


def load(session: Session, officer: Principal) -> dict[str, Supplier]:
    return {s.name: s for s in session.scalars(select(Supplier)).all()}


def audit_actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def workbook_bytes(rows: list[list[object]], merges: tuple[str, ...] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(session: Session, officer: Principal, data: bytes, **options: object):
    table = read_supplier_list(data)
    return import_suppliers(
        session, principal=officer, table=table, source="list.csv", now=NOW, **options
    )


def test_a_good_list_creates_every_supplier_with_spend_email_and_risk(
    session: Session, officer: Principal
) -> None:
    plan = run(session, officer, GOOD_CSV.encode())

    assert plan.counts == {"rows": 3, "created": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    found = {s.name: s for s in list_suppliers(session, principal=officer)}
    nordvev = found["Nordvev Tekstil AS"]
    assert nordvev.countries == ["BD", "TR"]
    assert nordvev.annual_spend == 2_500_000
    assert nordvev.contact_email == "post@nordvev.example"
    assert nordvev.product_categories == ["Arbeidstøy, fottøy og tekstil"]
    assert nordvev.risk == RiskLevel.VERY_HIGH
    assert found["Elektra Komponent AB"].product_categories == ["Kjøp av IKT-produkter"]
    assert found["Fjordrevisjon AS"].product_categories == []  # unknown: a person sets it
    assert [note.code for note in plan.notes] == ["category_unknown"]


def test_a_messy_cp1252_semicolon_list_with_a_title_row_and_decimal_commas(
    session: Session, officer: Principal
) -> None:
    table = read_supplier_list(MESSY_CSV.encode("cp1252"))
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.mapping == {
        0: ImportField.NAME,
        1: ImportField.ORG_NUMBER,
        2: ImportField.COUNTRIES,
        3: ImportField.CATEGORY,
        4: ImportField.SPEND,
        5: ImportField.EMAIL,
    }

    plan = import_suppliers(session, principal=officer, table=table, now=NOW)

    assert plan.counts["created"] == 3 and not plan.rejected
    suppliers = load(session, officer)
    assert suppliers["Søndre Møbelfabrikk AS"].annual_spend == 1_234_568
    assert suppliers["Søndre Møbelfabrikk AS"].org_number == "NO 912 345 678 MVA"
    assert suppliers["Café Ørsta AS"].annual_spend == 12_000
    assert suppliers["Å Lys ANS"].countries == ["VN", "CN"]
    assert suppliers["Å Lys ANS"].annual_spend == 1_500


def test_a_utf8_list_with_bom_and_tabs_is_read(session: Session, officer: Principal) -> None:
    text = "Supplier\tVAT number\tCountry\tAnnual spend\nÆrlig Fisk AS\t923000111\tNorway\t5,000\n"
    table = read_supplier_list(text.encode("utf-8-sig"))
    assert table.headers[0] == "Supplier" and table.delimiter == "\t"
    run(session, officer, text.encode("utf-8-sig"))
    assert load(session, officer)["Ærlig Fisk AS"].annual_spend == 5000


def test_an_xlsx_with_a_title_row_and_a_merged_two_row_header(
    session: Session, officer: Principal
) -> None:
    data = workbook_bytes(
        [
            ["Leverandører 2026"],
            ["Leverandør", None, "Land", "Varer", "Innkjøp"],
            ["Navn", "Org.nr.", None, "Beskrivelse", "2025 (NOK)", "E-post"],
            ["Nordvev Tekstil AS", 923456781, "Bangladesh", "Arbeidsbukser", 1234567.5, "a@b.no"],
            ["Blue Fjord Seafood Ltd", None, "Thailand", "Frosne reker", 800000, None],
        ],
        merges=("A1:F1", "A2:B2", "C2:C3"),
    )
    table = read_supplier_list(data)
    assert table.kind == "xlsx"
    assert table.headers[:3] == ("Leverandør / Navn", "Leverandør / Org.nr.", "Land")
    assert set(table.mapping.values()) == set(ImportField) - {ImportField.CATEGORY}

    plan = import_suppliers(session, principal=officer, table=table, now=NOW)

    assert plan.counts["created"] == 2
    suppliers = load(session, officer)
    assert suppliers["Nordvev Tekstil AS"].countries == ["BD"]  # "Land" merged over two rows
    assert suppliers["Nordvev Tekstil AS"].annual_spend == 1_234_568
    assert suppliers["Blue Fjord Seafood Ltd"].product_categories == ["Mat og drikke"]


def test_merged_data_cells_read_as_their_value(session: Session, officer: Principal) -> None:
    data = workbook_bytes(
        [["Navn", "Land"], ["Dhaka Knit Ltd", "Bangladesh"], ["Dhaka Dye Ltd", None]],
        merges=("B2:B3",),
    )
    run(session, officer, data)
    assert load(session, officer)["Dhaka Dye Ltd"].countries == ["BD"]


def test_a_dry_run_plans_the_same_and_writes_nothing(session: Session, officer: Principal) -> None:
    dry = run(session, officer, GOOD_CSV.encode(), dry_run=True)

    assert dry.dry_run and dry.counts["created"] == 3
    assert session.scalar(select(func.count()).select_from(Supplier)) == 0
    assert audit_actions(session) == []
    real = run(session, officer, GOOD_CSV.encode())
    assert [c.name for c in real.created] == [c.name for c in dry.created]


def test_importing_is_one_audited_action_with_counts_and_ids(
    session: Session, officer: Principal
) -> None:
    run(session, officer, GOOD_CSV.encode())

    event = session.scalars(select(AuditEvent)).one()
    assert event.action == "supplier.import"
    assert event.details["created"] == 3 and event.details["source"] == "list.csv"
    assert sorted(event.details["created_ids"]) == sorted(
        s.id for s in load(session, officer).values()
    )


def test_re_importing_the_same_file_changes_nothing(session: Session, officer: Principal) -> None:
    run(session, officer, GOOD_CSV.encode())
    stamps = {s.name: s.updated_at for s in load(session, officer).values()}

    again = import_suppliers(
        session, principal=officer, table=read_supplier_list(GOOD_CSV.encode()), now=LATER
    )

    assert again.counts == {"rows": 3, "created": 0, "updated": 0, "unchanged": 3, "rejected": 0}
    session.expire_all()
    assert {s.name: s.updated_at for s in load(session, officer).values()} == stamps


def test_a_re_import_updates_by_org_number_then_by_name_without_duplicates(
    session: Session, officer: Principal
) -> None:
    for name, number in (("Nordvev Tekstil", "NO 923 456 781 MVA"), ("Elektra Komponent AB", None)):
        create_supplier(
            session, principal=officer, data=SupplierCreate(name=name, org_number=number)
        )
    plan = run(session, officer, GOOD_CSV.encode())

    assert plan.counts["created"] == 1 and plan.counts["updated"] == 2
    suppliers = load(session, officer)
    assert set(suppliers) == {"Nordvev Tekstil AS", "Elektra Komponent AB", "Fjordrevisjon AS"}
    assert suppliers["Nordvev Tekstil AS"].org_number == "NO 923 456 781 MVA"  # same number kept
    assert suppliers["Elektra Komponent AB"].org_number == "556012-3456"
    updated = {change.name: change.fields for change in plan.updated}
    assert "annual_spend" in updated["Elektra Komponent AB"]


def test_empty_cells_leave_the_register_as_it_is(session: Session, officer: Principal) -> None:
    create_supplier(
        session,
        principal=officer,
        data=SupplierCreate(name="Fjordrevisjon AS", contact_email="kari@fjord.example"),
    )
    run(session, officer, GOOD_CSV.encode())
    assert load(session, officer)["Fjordrevisjon AS"].contact_email == "kari@fjord.example"


def test_a_persons_categories_are_not_replaced_by_a_description_match(
    session: Session, officer: Principal
) -> None:
    create_supplier(
        session,
        principal=officer,
        data=SupplierCreate(name="Elektra Komponent AB", product_categories=["Kontorrekvisita"]),
    )
    run(session, officer, GOOD_CSV.encode())
    assert load(session, officer)["Elektra Komponent AB"].product_categories == ["Kontorrekvisita"]


def test_duplicates_in_one_file_merge_or_are_rejected_never_two_suppliers(
    session: Session, officer: Principal
) -> None:
    text = (
        "Navn;Orgnr;Land\n"
        "Nordvev Tekstil AS;923456781;Bangladesh\n"
        "Nordvev Tekstil AS;923456781;Bangladesh\n"
        "NORDVEV TEKSTIL;923 456 781;Tyrkia\n"
        "Elektra Komponent AB;;Malaysia\n"
        "Elektra Komponent;;Malaysia\n"
    )
    plan = run(session, officer, text.encode())

    assert sorted(load(session, officer)) == ["Elektra Komponent AB", "Nordvev Tekstil AS"]
    assert [(n.row, n.code, n.other_row) for n in plan.notes] == [(3, "merged", 2)]
    assert [(r.row, r.code, r.other_row) for r in plan.rejected] == [
        (4, "duplicate", 2),
        (6, "duplicate", 5),
    ]


def test_bad_rows_are_listed_with_row_and_reason_and_the_rest_go_in(
    session: Session, officer: Principal
) -> None:
    text = (
        "Navn,Land,Innkjøp,E-post\n"
        ",Norge,100,\n"
        "Godt Firma AS,Norge,100,ok@godt.example\n"
        "Rart Beløp AS,Norge,mange penger,\n"
        "Feil Post AS,Norge,100,ikke-en-adresse\n"
        "Ukjent Land AS,Atlantis,100,\n"
    )
    plan = run(session, officer, text.encode())

    assert sorted(load(session, officer)) == ["Godt Firma AS", "Ukjent Land AS"]
    assert [(r.row, r.code, r.value) for r in plan.rejected] == [
        (2, "no_name", ""),
        (4, "bad_spend", "mange penger"),
        (5, "bad_email", "ikke-en-adresse"),
    ]
    assert [(n.row, n.code, n.value) for n in plan.notes] == [(6, "unknown_country", "Atlantis")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (bytes(range(256)) * 20, "not_text"),
        (b"PK\x03\x04 this is not a workbook", "bad_xlsx"),
    ],
    ids=["empty", "blank", "binary-junk", "corrupt-xlsx"],
)
def test_broken_files_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(SupplierListUnreadable) as raised:
        read_supplier_list(data)
    assert raised.value.reason == reason


def test_a_file_over_the_limit_is_refused() -> None:
    with pytest.raises(SupplierListUnreadable) as raised:
        read_supplier_list(GOOD_CSV.encode(), max_bytes=100)
    assert raised.value.reason == "too_large"


def test_a_list_without_a_name_column_imports_nothing_until_one_is_mapped(
    session: Session, officer: Principal
) -> None:
    text = "Firma nr,Land\nNordvev Tekstil AS,Bangladesh\n"
    table = read_supplier_list(text.encode())
    with pytest.raises(SupplierListUnreadable) as raised:
        import_suppliers(session, principal=officer, table=table)
    assert raised.value.reason == "no_name_column"

    mapping = map_columns(table, overrides={"Firma nr": "name"})
    import_suppliers(session, principal=officer, table=table, mapping=mapping)
    assert list(load(session, officer)) == ["Nordvev Tekstil AS"]


def test_an_explicit_mapping_overrides_detection(session: Session, officer: Principal) -> None:
    table = read_supplier_list(GOOD_CSV.encode())
    mapping = map_columns(table, overrides={"Årlig innkjøp": "ignore", "E-post": ""})
    run_plan = import_suppliers(session, principal=officer, table=table, mapping=mapping)
    assert "Årlig innkjøp" not in run_plan.mapping
    assert all(s.annual_spend is None for s in load(session, officer).values())
    with pytest.raises(SupplierListUnreadable):
        map_columns(table, overrides={"No such column": "name"})


def test_only_the_compliance_team_or_an_admin_may_import(
    session: Session, employee: Principal, admin: Principal
) -> None:
    table = read_supplier_list(GOOD_CSV.encode())
    with pytest.raises(AccessDenied):
        import_suppliers(session, principal=employee, table=table)
    assert session.scalar(select(func.count()).select_from(Supplier)) == 0
    assert audit_actions(session) == ["access.denied"]
    import_suppliers(session, principal=admin, table=table)
    assert session.scalar(select(func.count()).select_from(Supplier)) == 3


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1 234 567,50", 1_234_568),
        ("1.234.567,50", 1_234_568),
        ("1,234,567.50", 1_234_568),
        ("kr 12 000", 12_000),
        ("12 000,-", 12_000),
        ("NOK 12000", 12_000),
        ("12,000", 12_000),
        ("1234,5", 1_235),
        ("", None),
    ],
)
def test_amounts_as_people_write_them(text: str, amount: int | None) -> None:
    assert parse_amount(text) == amount


def test_organisation_numbers_compare_by_digits() -> None:
    assert org_key("NO 923 456 781 MVA") == org_key("923456781") == "923456781"
    assert org_key("—") is None


def test_a_row_fitting_two_registered_suppliers_is_left_out(
    session: Session, officer: Principal
) -> None:
    for name in ("Nordvev Tekstil AS", "NORDVEV TEKSTIL"):
        create_supplier(session, principal=officer, data=SupplierCreate(name=name))

    plan = run(session, officer, b"Navn;Land\nNordvev Tekstil A/S;Bangladesh\n")

    assert [(r.row, r.code, r.value) for r in plan.rejected] == [
        (2, "ambiguous", "Nordvev Tekstil A/S")
    ]
    assert all(s.countries == [] for s in load(session, officer).values())


def test_a_contradicting_organisation_number_is_another_supplier(
    session: Session, officer: Principal
) -> None:
    create_supplier(
        session,
        principal=officer,
        data=SupplierCreate(name="Nordic Trade AS", org_number="911111111"),
    )

    plan = run(session, officer, b"Navn;Orgnr\nNordic Trade AS;922222222\n")

    assert plan.counts["created"] == 1 and plan.counts["updated"] == 0
    assert session.scalar(select(func.count()).select_from(Supplier)) == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_each_encoding_an_erp_writes_reads_the_same(encoding: str) -> None:
    text = "Navn;Land;Innkjøp\nSøndre Ærlig Å AS;Norge;1 000\n"
    table = read_supplier_list(text.encode(encoding))
    assert table.rows[0].cells == ("Søndre Ærlig Å AS", "Norge", "1 000")
