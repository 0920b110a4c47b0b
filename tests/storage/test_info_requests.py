"""Information requests (§§ 6–7) on SQLite and PostgreSQL: the three-week and two-month rules."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from bot.cli import app
from storage.crypto import Keyring
from storage.errors import AccessDenied, InvalidTransition, ValidationFailed
from storage.models import AuditEvent, InformationRequestStatus
from storage.principal import Principal
from storage.services.info_requests import (
    InformationRequestCreate,
    answer_request,
    due_requests,
    extend_request,
    list_requests,
    overdue_requests,
    refuse_request,
    register_request,
)

RECEIVED = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


def _register(session: Session, officer: Principal, received: datetime = RECEIVED):
    return register_request(
        session,
        principal=officer,
        data=InformationRequestCreate(
            requester_name="Kari Nordmann",
            requester_contact="kari@example.no",
            question="Hvilke fabrikker syr arbeidsklærne deres?",
            received_at=received,
        ),
    )


def test_answer_is_due_three_weeks_after_receipt(session: Session, officer: Principal):
    request = _register(session, officer)
    assert request.status is InformationRequestStatus.RECEIVED
    assert request.due_at == datetime(2026, 1, 26, 10, 0, tzinfo=UTC)
    assert request.deadline == request.due_at


def test_extension_within_two_months_told_in_time_moves_the_deadline(
    session: Session, officer: Principal
):
    request = _register(session, officer)
    extended = extend_request(
        session,
        principal=officer,
        request_id=request.id,
        new_due_at=datetime(2026, 3, 5, 10, 0, tzinfo=UTC),
        reason="Covers 40 suppliers in 6 countries",
        notified_at=RECEIVED + timedelta(days=10),
    )
    assert extended.status is InformationRequestStatus.EXTENDED
    assert extended.deadline == datetime(2026, 3, 5, 10, 0, tzinfo=UTC)
    assert extended.extension_reason == "Covers 40 suppliers in 6 countries"


def test_extension_beyond_two_months_is_refused(session: Session, officer: Principal):
    request = _register(session, officer)
    with pytest.raises(ValidationFailed, match="two months"):
        extend_request(
            session,
            principal=officer,
            request_id=request.id,
            new_due_at=datetime(2026, 3, 5, 10, 1, tzinfo=UTC),
            reason="Large",
            notified_at=RECEIVED,
        )


def test_extension_told_after_three_weeks_is_refused(session: Session, officer: Principal):
    request = _register(session, officer)
    with pytest.raises(ValidationFailed, match="within three weeks"):
        extend_request(
            session,
            principal=officer,
            request_id=request.id,
            new_due_at=datetime(2026, 2, 20, tzinfo=UTC),
            reason="Large",
            notified_at=RECEIVED + timedelta(days=22),
        )


def test_extension_without_reason_is_refused(session: Session, officer: Principal):
    request = _register(session, officer)
    with pytest.raises(ValidationFailed, match="reason"):
        extend_request(
            session,
            principal=officer,
            request_id=request.id,
            new_due_at=datetime(2026, 2, 20, tzinfo=UTC),
            reason="",
            notified_at=RECEIVED,
        )


def test_refusal_requires_and_records_its_legal_basis(session: Session, officer: Principal):
    request = _register(session, officer)
    with pytest.raises(ValidationFailed, match="legal basis"):
        refuse_request(session, principal=officer, request_id=request.id, legal_basis=" ")
    refused = refuse_request(
        session,
        principal=officer,
        request_id=request.id,
        legal_basis="åpenhetsloven § 6 tredje ledd bokstav b",
    )
    assert refused.status is InformationRequestStatus.REFUSED
    assert refused.refusal_basis == "åpenhetsloven § 6 tredje ledd bokstav b"


def test_answered_request_cannot_be_answered_or_extended_again(
    session: Session, officer: Principal
):
    request = _register(session, officer)
    answered = answer_request(
        session, principal=officer, request_id=request.id, answer="Se vedlagt liste."
    )
    assert answered.status is InformationRequestStatus.ANSWERED
    with pytest.raises(InvalidTransition):
        answer_request(session, principal=officer, request_id=request.id, answer="Again")


def test_due_and_overdue_requests_follow_the_deadline_in_force(
    session: Session, officer: Principal
):
    now = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
    overdue = _register(session, officer, received=now - timedelta(days=22))
    due_soon = _register(session, officer, received=now - timedelta(days=18))
    extended = _register(session, officer, received=now - timedelta(days=25))
    extend_request(
        session,
        principal=officer,
        request_id=extended.id,
        new_due_at=now + timedelta(days=20),
        reason="Many suppliers",
        notified_at=now - timedelta(days=20),
    )
    answered = _register(session, officer, received=now - timedelta(days=30))
    answer_request(session, principal=officer, request_id=answered.id, answer="Done")
    due = due_requests(session, principal=officer, within_days=7, now=now)
    assert [r.id for r in due] == [due_soon.id]
    assert [r.id for r in overdue_requests(session, principal=officer, now=now)] == [overdue.id]


def test_list_filters_by_status(session: Session, officer: Principal):
    first = _register(session, officer)
    _register(session, officer, received=RECEIVED + timedelta(days=1))
    answer_request(session, principal=officer, request_id=first.id, answer="Svar")
    received = list_requests(session, principal=officer, status=InformationRequestStatus.RECEIVED)
    assert [r.received_at for r in received] == [RECEIVED + timedelta(days=1)]


def test_request_changes_are_audited_without_personal_data(session: Session, officer: Principal):
    request = _register(session, officer)
    answer_request(session, principal=officer, request_id=request.id, answer="Svar")
    events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert [e.action for e in events] == ["request.register", "request.answer"]
    assert "kari" not in str([e.details for e in events]).lower()


def test_employee_cannot_register_requests(session: Session, employee: Principal):
    with pytest.raises(AccessDenied):
        _register(session, employee)


def test_cli_lists_overdue_requests_as_json(
    db_url: str,
    data_dir: Path,
    session: Session,
    officer: Principal,
    keyring: Keyring,
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_DATABASE_URL", db_url)
    monkeypatch.setenv("AKTSOM_SECRET_KEY", keyring.keys[0].decode())
    late = _register(session, officer, received=datetime.now(UTC) - timedelta(days=30))
    _register(session, officer, received=datetime.now(UTC))
    result = CliRunner().invoke(app, ["requests", "list", "--overdue", "--json"])
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.output)] == [late.id]


def test_extension_to_a_date_before_the_three_week_deadline_is_refused(
    session: Session, officer: Principal
):
    request = _register(session, officer)
    with pytest.raises(ValidationFailed, match="after the three-week deadline"):
        extend_request(
            session,
            principal=officer,
            request_id=request.id,
            new_due_at=RECEIVED + timedelta(days=20),
            reason="Large",
            notified_at=RECEIVED + timedelta(days=1),
        )
