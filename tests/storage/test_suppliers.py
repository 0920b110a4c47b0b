"""The supplier register on SQLite and PostgreSQL: derived risk, overrides, roles, audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from bot.cli import app
from storage.errors import AccessDenied, SupplierNotFound, ValidationFailed
from storage.models import AuditEvent
from storage.principal import Principal
from storage.risk import RiskLevel
from storage.services.suppliers import (
    SupplierCreate,
    SupplierUpdate,
    create_supplier,
    get_supplier,
    list_suppliers,
    override_risk,
    update_supplier,
)

TEXTILES = "Arbeidstøy, fottøy og tekstil"


def _audit_actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def test_new_supplier_shows_risk_derived_from_country_and_category(
    session: Session, officer: Principal
):
    supplier = create_supplier(
        session,
        principal=officer,
        data=SupplierCreate(
            name="Dhaka Knit", countries=["Bangladesh"], product_categories=[TEXTILES]
        ),
    )
    assert supplier.countries == ["BD"]
    assert supplier.risk is RiskLevel.VERY_HIGH
    texts = [reason.text_en for reason in supplier.derived.reasons]
    assert any("ITUC rating 5" in text for text in texts)
    assert any("DFØ names Bangladesh" in text for text in texts)


def test_country_names_are_stored_as_iso_codes_and_unknown_ones_as_written(
    session: Session, officer: Principal
):
    supplier = create_supplier(
        session,
        principal=officer,
        data=SupplierCreate(
            name="Mixed", countries=["Kina", "Atlantis"], product_categories=["Møbler"]
        ),
    )
    assert supplier.countries == ["CN", "Atlantis"]
    assert any("Not enough information" in r.text_en for r in supplier.derived.reasons)


def test_changing_countries_changes_the_derived_risk(session: Session, officer: Principal):
    supplier = create_supplier(
        session,
        principal=officer,
        data=SupplierCreate(
            name="Nordic Paper", countries=["Norge"], product_categories=["Consulting"]
        ),
    )
    assert supplier.risk is RiskLevel.LOW
    updated = update_supplier(
        session,
        principal=officer,
        supplier_id=supplier.id,
        data=SupplierUpdate(countries=["Norge", "Vietnam"]),
    )
    assert updated.risk is RiskLevel.HIGH
    assert updated.name == "Nordic Paper"


def test_override_keeps_derived_level_and_reasons_beside_it(session: Session, officer: Principal):
    supplier = create_supplier(
        session,
        principal=officer,
        data=SupplierCreate(name="Oslo Møbler", countries=["NO"], product_categories=["Møbler"]),
    )
    overridden = override_risk(
        session,
        principal=officer,
        supplier_id=supplier.id,
        level=RiskLevel.HIGH,
        justification="Audit 2025 found unpaid overtime at the sub-supplier.",
    )
    assert overridden.risk is RiskLevel.HIGH
    assert overridden.derived.level is RiskLevel.MEDIUM
    assert overridden.derived.reasons == supplier.derived.reasons
    assert overridden.override_justification.startswith("Audit 2025")
    reread = get_supplier(session, principal=officer, supplier_id=supplier.id)
    assert (reread.risk, reread.risk_override) == (RiskLevel.HIGH, RiskLevel.HIGH)


def test_override_without_justification_is_refused(session: Session, officer: Principal):
    supplier = create_supplier(session, principal=officer, data=SupplierCreate(name="Acme"))
    with pytest.raises(ValidationFailed, match="justification"):
        override_risk(
            session,
            principal=officer,
            supplier_id=supplier.id,
            level=RiskLevel.LOW,
            justification=" ",
        )
    assert get_supplier(session, principal=officer, supplier_id=supplier.id).risk_override is None


def test_override_is_audited_with_who_from_what_to_what(session: Session, officer: Principal):
    supplier = create_supplier(session, principal=officer, data=SupplierCreate(name="Acme"))
    override_risk(
        session,
        principal=officer,
        supplier_id=supplier.id,
        level=RiskLevel.LOW,
        justification="Known",
    )
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "supplier.override_risk")
    ).one()
    assert event.actor == "slack:U-OFFICER"
    assert event.details["to"] == "low"
    assert event.details["derived"] == "medium"


def test_removing_an_override_returns_to_the_derived_level(session: Session, officer: Principal):
    supplier = create_supplier(session, principal=officer, data=SupplierCreate(name="Acme"))
    override_risk(
        session, principal=officer, supplier_id=supplier.id, level=RiskLevel.LOW, justification="x"
    )
    cleared = override_risk(
        session, principal=officer, supplier_id=supplier.id, level=None, justification="Re-assessed"
    )
    assert cleared.risk is RiskLevel.MEDIUM
    assert cleared.override_justification is None


def test_list_filters_by_minimum_risk(session: Session, officer: Principal):
    for name, country in [("Low AS", "Sverige"), ("High Ltd", "Vietnam"), ("Top Co", "Kina")]:
        create_supplier(
            session,
            principal=officer,
            data=SupplierCreate(name=name, countries=[country], product_categories=["Consulting"]),
        )
    names = [s.name for s in list_suppliers(session, principal=officer, min_risk=RiskLevel.HIGH)]
    assert names == ["High Ltd", "Top Co"]


def test_admin_may_read_suppliers_but_not_change_them(
    session: Session, officer: Principal, admin: Principal
):
    supplier = create_supplier(session, principal=officer, data=SupplierCreate(name="Acme"))
    assert [s.name for s in list_suppliers(session, principal=admin)] == ["Acme"]
    with pytest.raises(AccessDenied):
        override_risk(
            session,
            principal=admin,
            supplier_id=supplier.id,
            level=RiskLevel.LOW,
            justification="x",
        )
    assert _audit_actions(session)[-1] == "access.denied"


def test_employee_cannot_see_the_supplier_register(session: Session, employee: Principal):
    with pytest.raises(AccessDenied):
        list_suppliers(session, principal=employee)
    assert _audit_actions(session) == ["access.denied"]


def test_unknown_supplier_is_reported_as_not_found(session: Session, officer: Principal):
    with pytest.raises(SupplierNotFound):
        get_supplier(session, principal=officer, supplier_id=999)


def test_every_change_writes_an_audit_event(session: Session, officer: Principal):
    supplier = create_supplier(session, principal=officer, data=SupplierCreate(name="Acme"))
    update_supplier(
        session, principal=officer, supplier_id=supplier.id, data=SupplierUpdate(org_number="9")
    )
    assert _audit_actions(session) == ["supplier.create", "supplier.update"]


@pytest.fixture
def cli_data_dir(
    db_url: str, data_dir: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the CLI at the test database (already migrated by `session`)."""
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_DATABASE_URL", db_url)
    return data_dir


def test_cli_lists_suppliers_with_risk_reasons_as_json(
    cli_data_dir: Path, session: Session, officer: Principal
):
    create_supplier(
        session,
        principal=officer,
        data=SupplierCreate(name="Dhaka Knit", countries=["BD"], product_categories=[TEXTILES]),
    )
    result = CliRunner().invoke(app, ["suppliers", "list", "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert (row["name"], row["risk"]) == ("Dhaka Knit", "very_high")
    assert {reason["edition"] for reason in row["derived"]["reasons"]} >= {"2025"}


def test_cli_uses_a_newer_ituc_edition_from_the_data_dir(
    cli_data_dir: Path, session: Session, officer: Principal
):
    create_supplier(
        session,
        principal=officer,
        data=SupplierCreate(name="Oslo Konsult", countries=["NO"], product_categories=["IT"]),
    )
    bundled = Path(__file__).parents[2] / "storage/reference_data/ituc_global_rights_index.csv"
    newer = bundled.read_text(encoding="utf-8").replace(",2025", ",2026")
    (cli_data_dir / "reference").mkdir()
    (cli_data_dir / "reference" / bundled.name).write_text(
        newer.replace("Norway,NO,1,", "Norway,NO,4,"), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["suppliers", "list"])
    assert result.exit_code == 0, result.output
    assert "Oslo Konsult" in result.output
    assert "high" in result.output
