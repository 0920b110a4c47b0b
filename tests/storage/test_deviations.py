"""Deviations (avvik) at suppliers on SQLite and PostgreSQL: record, follow up, close."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import AccessDenied, DeviationNotFound, SupplierNotFound
from storage.models import AuditEvent, DeviationStatus, DeviationType
from storage.principal import Principal
from storage.services.deviations import (
    DeviationCreate,
    DeviationUpdate,
    create_deviation,
    get_deviation,
    list_deviations,
    update_deviation,
)
from storage.services.suppliers import SupplierCreate, create_supplier


@pytest.fixture
def supplier_id(session: Session, officer: Principal) -> int:
    return create_supplier(session, principal=officer, data=SupplierCreate(name="Dhaka Knit")).id


def _wages(session: Session, officer: Principal, supplier_id: int):
    return create_deviation(
        session,
        principal=officer,
        data=DeviationCreate(
            supplier_id=supplier_id,
            type=DeviationType.WAGES,
            description="Wages below legal minimum",
            supply_chain_location="Tier 2 spinning mill",
        ),
    )


def test_new_deviation_is_open_with_where_in_the_chain(
    session: Session, officer: Principal, supplier_id: int
):
    deviation = _wages(session, officer, supplier_id)
    assert deviation.status is DeviationStatus.OPEN
    assert deviation.supply_chain_location == "Tier 2 spinning mill"
    assert deviation.supplier_name == "Dhaka Knit"


def test_measures_and_closing_are_recorded(session: Session, officer: Principal, supplier_id: int):
    deviation = _wages(session, officer, supplier_id)
    closed = update_deviation(
        session,
        principal=officer,
        deviation_id=deviation.id,
        data=DeviationUpdate(measures="Back pay verified", status=DeviationStatus.CLOSED),
    )
    reread = get_deviation(session, principal=officer, deviation_id=deviation.id)
    assert (closed.status, reread.measures) == (DeviationStatus.CLOSED, "Back pay verified")
    assert reread.description == "Wages below legal minimum"


def test_list_filters_by_supplier_and_status(
    session: Session, officer: Principal, supplier_id: int
):
    other = create_supplier(session, principal=officer, data=SupplierCreate(name="Other")).id
    mine = _wages(session, officer, supplier_id)
    _wages(session, officer, other)
    update_deviation(
        session,
        principal=officer,
        deviation_id=mine.id,
        data=DeviationUpdate(status=DeviationStatus.IN_PROGRESS),
    )
    ours = list_deviations(session, principal=officer, supplier_id=supplier_id)
    assert [d.id for d in ours] == [mine.id]
    open_ones = list_deviations(session, principal=officer, status=DeviationStatus.OPEN)
    assert [d.supplier_name for d in open_ones] == ["Other"]


def test_deviation_for_unknown_supplier_is_refused(session: Session, officer: Principal):
    with pytest.raises(SupplierNotFound):
        _wages(session, officer, 999)


def test_unknown_deviation_is_reported_as_not_found(session: Session, officer: Principal):
    with pytest.raises(DeviationNotFound):
        get_deviation(session, principal=officer, deviation_id=42)


def test_deviation_changes_are_audited(session: Session, officer: Principal, supplier_id: int):
    deviation = _wages(session, officer, supplier_id)
    update_deviation(
        session, principal=officer, deviation_id=deviation.id, data=DeviationUpdate(measures="x")
    )
    events = session.scalars(select(AuditEvent).where(AuditEvent.object_type == "deviation")).all()
    assert [e.action for e in events] == ["deviation.create", "deviation.update"]
    assert events[1].details["fields"] == ["measures"]


def test_admin_cannot_record_deviations(session: Session, admin: Principal, supplier_id: int):
    with pytest.raises(AccessDenied):
        _wages(session, admin, supplier_id)
