"""The retention period is counted to the moment: a case closed exactly that long ago is
still kept, one closed a moment earlier is purged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from storage.models import CaseCategory, CaseOutcome, Channel
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.cases import close_case, submit_report
from storage.services.retention import purge_closed_cases

CLOSED_AT = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
RETENTION_DAYS = 365
REPORT = CaseCreate(
    category=CaseCategory.ENVIRONMENT, description="Kjemikalier i elva.", channel=Channel.WEB
)


def test_a_case_closed_exactly_the_retention_period_ago_is_kept_until_it_has_passed(
    session: Session, employee: Principal, officer: Principal
) -> None:
    reference = submit_report(session, principal=employee, data=REPORT, now=CLOSED_AT).reference
    close_case(
        session, principal=officer, reference=reference, outcome=CaseOutcome.REFERRED, now=CLOSED_AT
    )
    boundary = CLOSED_AT + timedelta(days=RETENTION_DAYS)

    kept = purge_closed_cases(
        session, principal=officer, retention_days=RETENTION_DAYS, now=boundary
    )
    purged = purge_closed_cases(
        session,
        principal=officer,
        retention_days=RETENTION_DAYS,
        now=boundary + timedelta(seconds=1),
    )

    assert (kept, purged) == ([], [reference])
