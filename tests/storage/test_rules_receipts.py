"""Receipt-code limits as an auditor and an attacker see them: a window that saw only wrong
codes is still accounted for when it closes, and closing an old window (one a replica with
a slower clock opened late) never resets the count of the window in force."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.models import AuditEvent
from storage.services import receipt_limits
from tests.storage.conftest import try_receipt

NOW = datetime(2026, 5, 4, 8, 7, 30, tzinfo=UTC)
WRONG = "0000000000000000"


def test_a_window_with_wrong_codes_only_is_accounted_for_when_it_closes(
    sessions: sessionmaker[Session], session: Session
) -> None:
    assert [try_receipt(sessions, WRONG, "web:visitor", NOW) for _ in range(2)] == [
        "wrong",
        "wrong",
    ]
    try_receipt(sessions, WRONG, "web:visitor", NOW + receipt_limits.WINDOW)

    closed = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "receipt.window_closed")
    ).one()
    assert closed.details == {"failed": 2, "refused": 0}


def test_closing_an_old_window_keeps_the_count_of_the_window_in_force(
    sessions: sessionmaker[Session],
) -> None:
    source = "slack:U-ATTACKER"
    first = [
        try_receipt(sessions, WRONG, source, NOW) for _ in range(receipt_limits.PER_SOURCE - 1)
    ]
    late = try_receipt(
        sessions, WRONG, source, NOW - receipt_limits.WINDOW
    )  # a replica's slow clock
    after = [try_receipt(sessions, WRONG, source, NOW) for _ in range(2)]

    assert [*first, late, *after] == [*["wrong"] * (receipt_limits.PER_SOURCE + 1), "limited"]
