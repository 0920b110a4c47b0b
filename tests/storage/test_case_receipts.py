"""The reporter's side: the receipt shows status and handler messages; wrong codes are limited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from storage.errors import RateLimited, ReceiptInvalid
from storage.models import CaseCategory, CaseStatus, Channel
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.cases import (
    acknowledge_case,
    add_handler_message,
    add_months,
    get_case,
    reply_by_receipt,
    submit_report,
    view_by_receipt,
)
from storage.services.keys import rotate_keys

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
REPORT = CaseCreate(
    category=CaseCategory.CHILD_LABOUR, description="Barn i sorteringen.", channel=Channel.SLACK
)


def test_receipt_shows_status_and_handler_messages_only(
    session: Session, employee: Principal, officer: Principal
) -> None:
    submitted = submit_report(session, principal=employee, data=REPORT, now=NOW)
    acknowledge_case(session, principal=officer, reference=submitted.reference)
    add_handler_message(session, principal=officer, reference=submitted.reference, body="Mottatt.")
    view = view_by_receipt(session, code=submitted.receipt_code, source="slack:U1")
    assert view.status == CaseStatus.ACKNOWLEDGED
    assert [m.body for m in view.messages] == ["Mottatt."]
    assert "description" not in view.model_dump()


def test_reporter_reply_reaches_the_handler(
    session: Session, employee: Principal, officer: Principal
) -> None:
    submitted = submit_report(session, principal=employee, data=REPORT, now=NOW)
    spaced = " ".join(submitted.receipt_code[i : i + 4] for i in range(0, 16, 4))
    reply_by_receipt(session, code=spaced, source="slack:U1", body="Det gjelder nattskiftet.")
    detail = get_case(session, principal=officer, reference=submitted.reference)
    assert [m.body for m in detail.messages] == ["Det gjelder nattskiftet."]


def test_wrong_code_is_rejected(session: Session) -> None:
    with pytest.raises(ReceiptInvalid):
        view_by_receipt(session, code="1234567812345678", source="slack:U2", now=NOW)


def test_sixth_wrong_code_in_fifteen_minutes_is_rate_limited(
    session: Session, employee: Principal
) -> None:
    submitted = submit_report(session, principal=employee, data=REPORT, now=NOW)
    for _ in range(5):
        with pytest.raises(ReceiptInvalid):
            view_by_receipt(session, code="0000000000000000", source="slack:U3", now=NOW)
    with pytest.raises(RateLimited):
        view_by_receipt(session, code=submitted.receipt_code, source="slack:U3", now=NOW)
    other_source = view_by_receipt(session, code=submitted.receipt_code, source="slack:U4", now=NOW)
    assert other_source.reference == submitted.reference
    later = view_by_receipt(
        session, code=submitted.receipt_code, source="slack:U3", now=NOW + timedelta(minutes=16)
    )
    assert later.reference == submitted.reference


def test_the_receipt_view_never_shows_the_reporters_own_words_as_the_handlers(
    session: Session, employee: Principal, officer: Principal
) -> None:
    submitted = submit_report(session, principal=employee, data=REPORT, now=NOW)
    reply_by_receipt(session, code=submitted.receipt_code, source="slack:U1", body="Min melding.")
    add_handler_message(session, principal=officer, reference=submitted.reference, body="Svar.")
    view = view_by_receipt(session, code=submitted.receipt_code, source="slack:U1")
    assert [m.body for m in view.messages] == ["Svar."]


def test_a_receipt_still_opens_its_case_after_the_keys_are_rotated(
    session: Session, employee: Principal, officer: Principal, tmp_path: Path
) -> None:
    submitted = submit_report(session, principal=employee, data=REPORT, now=NOW)
    rotate_keys(session, principal=officer, key_path=tmp_path / "aktsom.keys")
    view = view_by_receipt(session, code=submitted.receipt_code, source="slack:U1")
    assert view.reference == submitted.reference


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime(2026, 1, 31, tzinfo=UTC), 1, datetime(2026, 2, 28, tzinfo=UTC)),
        (datetime(2027, 11, 30, tzinfo=UTC), 3, datetime(2028, 2, 29, tzinfo=UTC)),
        (datetime(2026, 8, 31, tzinfo=UTC), 3, datetime(2026, 11, 30, tzinfo=UTC)),
        (datetime(2026, 10, 15, tzinfo=UTC), 3, datetime(2027, 1, 15, tzinfo=UTC)),
    ],
)
def test_feedback_months_end_on_the_last_day_of_a_shorter_month(
    start: datetime, months: int, expected: datetime
) -> None:
    assert add_months(start, months) == expected
