"""People's words stay out of error messages and logs, and every free-text field has a limit
(issue 14, findings 10 and 11)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from storage.errors import ValidationFailed
from storage.models import CaseCategory, Channel, DeviationType, TaskKind
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.confidential import MAX_TEXT_CHARS
from storage.services.deviations import DeviationCreate
from storage.services.info_requests import (
    InformationRequestCreate,
    answer_request,
    get_request,
    submit_request,
)
from storage.services.suppliers import SupplierCreate, create_supplier
from storage.services.tasks import TaskCreate, complete_task, create_task

SECRET = "My manager at Gazipur keeps our passports. "
NOW = datetime(2026, 3, 2, tzinfo=UTC)


def test_a_rejected_report_names_the_rule_never_the_text(caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(ValidationError) as raised:
        CaseCreate(
            category=CaseCategory.FORCED_LABOUR,
            description=SECRET * 1000,
            channel=Channel.WEB,
            country=SECRET,
        )
    logging.getLogger("aktsom.test").exception("report refused", exc_info=raised.value)
    assert "Gazipur" not in str(raised.value)
    assert all("input" not in error for error in raised.value.errors(include_input=False))
    assert "Gazipur" not in caplog.text and "at most 20000 characters" in caplog.text


def test_a_rejected_information_request_does_not_quote_the_requester() -> None:
    with pytest.raises(ValidationError) as raised:
        InformationRequestCreate(
            requester_name="Kari Nordmann " * 30,
            requester_contact="kari@example.no",
            question="Hvilke fabrikker?" * 2000,
            received_at=NOW,
        )
    assert "Kari" not in str(raised.value) and "fabrikker" not in str(raised.value)


@pytest.mark.parametrize("field", ["description", "measures"])
def test_a_two_megabyte_deviation_is_refused(field: str) -> None:
    values = {"description": "Overtid.", field: "x" * 2_000_000}
    with pytest.raises(ValidationError, match=f"at most {MAX_TEXT_CHARS} characters"):
        DeviationCreate(supplier_id=1, type=DeviationType.WORKING_HOURS, **values)


def test_a_task_origin_is_one_line_at_most() -> None:
    with pytest.raises(ValidationError, match="at most 300 characters"):
        TaskCreate(supplier_id=1, kind=TaskKind.AUDIT, title="Revisjon", origin="x" * 301)


def test_notes_and_answers_have_a_limit_and_keep_the_text_out(
    session: Session, officer: Principal
) -> None:
    supplier = create_supplier(session, principal=officer, data=SupplierCreate(name="Nordvev AS"))
    task = create_task(
        session,
        principal=officer,
        data=TaskCreate(supplier_id=supplier.id, kind=TaskKind.AUDIT, title="Revisjon"),
    )
    with pytest.raises(ValidationFailed) as raised:
        complete_task(session, principal=officer, task_id=task.id, note=SECRET * 1000)
    assert "Gazipur" not in str(raised.value)
    request = submit_request(
        session,
        data=InformationRequestCreate(
            requester_name="Kari",
            requester_contact="kari@example.no",
            question="Hvilke?",
            received_at=NOW,
        ),
    )
    with pytest.raises(ValidationFailed, match="at most"):
        answer_request(session, principal=officer, request_id=request.id, answer="x" * 20_001)


def test_a_requester_and_their_contact_are_stored_encrypted(
    engine: Engine, session: Session, officer: Principal
) -> None:
    request = submit_request(
        session,
        data=InformationRequestCreate(
            requester_name="Kari Nordmann",
            requester_contact="kari@example.no",
            question="Hvilke?",
            received_at=NOW,
        ),
    )
    with engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM information_requests")).mappings().one()
    assert "Kari" not in str(dict(row)) and "kari@example.no" not in str(dict(row))
    shown = get_request(session, principal=officer, request_id=request.id)
    assert (shown.requester_name, shown.requester_contact) == ("Kari Nordmann", "kari@example.no")
