"""Linking a reporter's free-text supplier field to the register, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import AuditEvent
from storage.principal import Principal
from storage.services.suppliers import SupplierCreate, create_supplier, match_supplier


def _register(session: Session, officer: Principal, *names: str) -> list[int]:
    """Register suppliers by name; returns their ids in order."""
    return [
        create_supplier(session, principal=officer, data=SupplierCreate(name=name)).id
        for name in names
    ]


def _matched_id(session: Session, text: str) -> int | None:
    match = match_supplier(session, text=text)
    return None if match is None else match.id


def test_exact_name_matches_with_its_id_and_registered_name(
    session: Session, officer: Principal
) -> None:
    [nordvev] = _register(session, officer, "Nordvev AS")
    match = match_supplier(session, text="Nordvev AS")
    assert match is not None
    assert (match.id, match.name) == (nordvev, "Nordvev AS")


def test_match_ignores_case(session: Session, officer: Principal) -> None:
    [knit] = _register(session, officer, "Dhaka Knit")
    assert _matched_id(session, "DHAKA knit") == knit


def test_match_ignores_punctuation(session: Session, officer: Principal) -> None:
    [knit] = _register(session, officer, "Dhaka Knit")
    assert _matched_id(session, "«Dhaka-Knit»!") == knit


@pytest.mark.parametrize(
    "registered",
    [
        "Nordvev AS",
        "Nordvev ASA",
        "Nordvev A/S",
        "AB Nordvev",
        "Nordvev Ltd.",
        "Nordvev Co., Ltd.",
        "Nordvev GmbH",
        "Nordvev Inc.",
        "Nordvev Limited",
        "Nordvev Oy",
        "Nordvev S.A.",
    ],
)
def test_match_ignores_the_legal_form_of_the_registered_name(
    session: Session, officer: Principal, registered: str
) -> None:
    [nordvev] = _register(session, officer, registered)
    assert _matched_id(session, "Nordvev") == nordvev


def test_reporter_may_write_another_legal_form_than_the_register(
    session: Session, officer: Principal
) -> None:
    [nordvev] = _register(session, officer, "Nordvev Ltd")
    assert _matched_id(session, "nordvev a/s") == nordvev


def test_name_inside_free_text_matches(session: Session, officer: Principal) -> None:
    [nordvev] = _register(session, officer, "Nordvev AS")
    assert _matched_id(session, "the dyeing plant at Nordvev in Dhaka") == nordvev


def test_name_of_several_words_matches_inside_free_text(
    session: Session, officer: Principal
) -> None:
    [knit] = _register(session, officer, "Dhaka Knit Composite Ltd")
    assert _matched_id(session, "spinnere hos Dhaka Knit Composite, Gazipur") == knit


def test_name_must_appear_as_whole_words(session: Session, officer: Principal) -> None:
    _register(session, officer, "Vev AS")
    assert match_supplier(session, text="the Nordvev plant") is None


def test_name_words_must_appear_together_and_in_order(session: Session, officer: Principal) -> None:
    _register(session, officer, "Dhaka Knit")
    assert match_supplier(session, text="knit fabric from Dhaka") is None


def test_longest_registered_name_in_the_text_wins(session: Session, officer: Principal) -> None:
    _, dhaka = _register(session, officer, "Nordvev AS", "Nordvev Dhaka Ltd")
    assert _matched_id(session, "the plant of Nordvev Dhaka in Gazipur") == dhaka


def test_equally_long_different_names_in_the_text_give_no_match(
    session: Session, officer: Principal
) -> None:
    _register(session, officer, "Nordvev AS", "Sørvev AS")
    assert match_supplier(session, text="either Nordvev or Sørvev, not sure") is None


def test_suppliers_with_the_same_name_give_no_match(session: Session, officer: Principal) -> None:
    _register(session, officer, "Nordvev AS", "Nordvev AB")
    assert match_supplier(session, text="Nordvev") is None


def test_legal_form_in_the_text_tells_same_named_suppliers_apart(
    session: Session, officer: Principal
) -> None:
    _, swedish = _register(session, officer, "Nordvev AS", "Nordvev AB")
    assert _matched_id(session, "the Nordvev AB mill in Borås") == swedish


def test_unregistered_name_gives_no_match(session: Session, officer: Principal) -> None:
    _register(session, officer, "Nordvev AS")
    assert match_supplier(session, text="a tannery near Kanpur") is None


@pytest.mark.parametrize("text", ["", " ", "AS", "Ltd."])
def test_text_without_a_name_gives_no_match(
    session: Session, officer: Principal, text: str
) -> None:
    _register(session, officer, "Nordvev AS", "AS")
    assert match_supplier(session, text=text) is None


def test_matching_is_not_audited(session: Session, officer: Principal) -> None:
    _register(session, officer, "Nordvev AS")
    before = session.scalar(select(func.count()).select_from(AuditEvent))
    match_supplier(session, text="Nordvev")
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_matching_leaves_no_transaction_open(session: Session, officer: Principal) -> None:
    _register(session, officer, "Nordvev AS")
    match_supplier(session, text="Nordvev")
    assert not session.in_transaction()
