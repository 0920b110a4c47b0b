"""Limits on trying receipt codes, counted so that they hold and forget.

Time is cut into fixed windows of `WINDOW`. Each window has a random salt; a caller's source
(platform user, browser) is stored only as HMAC under that salt. An attempt is counted
*before* its code is checked (`reserve`, in one locked write: SQLite's write lock, an
advisory lock on PostgreSQL), so parallel guesses cannot all slip under the limit: a source
gets `PER_SOURCE` attempts per window and everyone together `OVERALL`. A right code takes its
attempt back (`settle`); a wrong one stays counted.

When a window is over (`close_windows`, run with every attempt and by the bots' schedule),
its salt and attempts are deleted and one audit event states how many failed and how many
were refused, so nothing tying an attempt to a person outlives the window. Audit events of
receipt use carry the hour only, never the minute, and no source.

Usage::

    attempt = reserve(session, source="slack:U1", now=now)   # RateLimited past a limit
    settle(session, attempt, matched=False, now=now)          # audited as receipt.failed
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from storage.db import transaction
from storage.errors import RateLimited
from storage.models import ReceiptAttempt, ReceiptWindow
from storage.principal import RECEIPT_HOLDER
from storage.services import audit

WINDOW = timedelta(minutes=15)
PER_SOURCE = 5
OVERALL = 200
"""All sources together per window: at most 200 scrypt checks (about 10 s of one core) and a
200 in 10**16 chance of hitting any code, while honest reporters are rarely turned away."""
RECEIPT_LOCK_ID = 0x72656365697074  # "receipt": one advisory lock for the counting
PENDING, FAILED, REFUSED = "pending", "failed", "refused"
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def reserve(session: Session, *, source: str, now: datetime) -> int:
    """Count one attempt from `source` now and return its id, or raise RateLimited (counted
    too, audited once per source and window)."""
    with transaction(session):
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": RECEIPT_LOCK_ID})
        close_windows(session, now=now)
        window = _window(session, now)
        key = hmac.new(window.salt, source.encode("utf-8"), hashlib.sha256).hexdigest()
        counted = select(func.count()).where(
            ReceiptAttempt.window_starts_at == window.starts_at,
            ReceiptAttempt.outcome.in_((PENDING, FAILED)),
        )
        mine = session.scalar(counted.where(ReceiptAttempt.source_key == key)) or 0
        everyone = session.scalar(counted) or 0
        if mine >= PER_SOURCE or everyone >= OVERALL:
            refused_before = session.scalar(
                select(func.count()).where(
                    ReceiptAttempt.window_starts_at == window.starts_at,
                    ReceiptAttempt.source_key == key,
                    ReceiptAttempt.outcome == REFUSED,
                )
            )
            session.add(
                ReceiptAttempt(window_starts_at=window.starts_at, source_key=key, outcome=REFUSED)
            )
            if not refused_before:
                limit = "source" if mine >= PER_SOURCE else "overall"
                _audit(session, "receipt.rate_limited", now, {"limit": limit})
            session.commit()
            raise RateLimited("too many wrong receipt codes; try again in 15 minutes")
        attempt = ReceiptAttempt(window_starts_at=window.starts_at, source_key=key, outcome=PENDING)
        session.add(attempt)
        session.flush()
        return attempt.id


def settle(session: Session, attempt_id: int, *, matched: bool, now: datetime) -> None:
    """Take a right code's attempt back, or keep a wrong one counted and audit it."""
    with transaction(session):
        if matched:
            session.execute(delete(ReceiptAttempt).where(ReceiptAttempt.id == attempt_id))
            return
        session.execute(
            update(ReceiptAttempt).where(ReceiptAttempt.id == attempt_id).values(outcome=FAILED)
        )
        _audit(session, "receipt.failed", now, None)


def close_windows(session: Session, *, now: datetime) -> int:
    """Delete windows that are over, with their salts and attempts, auditing their counts;
    returns how many closed. Joins the caller's transaction."""
    current = window_start(now)
    closed = 0
    for window in session.scalars(
        select(ReceiptWindow)
        .where(ReceiptWindow.starts_at < current)
        .order_by(ReceiptWindow.starts_at)
    ):
        counts = dict(
            session.execute(
                select(ReceiptAttempt.outcome, func.count())
                .where(ReceiptAttempt.window_starts_at == window.starts_at)
                .group_by(ReceiptAttempt.outcome)
            ).all()
        )
        if counts.get(FAILED) or counts.get(REFUSED):
            details = {"failed": counts.get(FAILED, 0), "refused": counts.get(REFUSED, 0)}
            _audit(session, "receipt.window_closed", window.starts_at, details)
        session.execute(
            delete(ReceiptAttempt).where(ReceiptAttempt.window_starts_at == window.starts_at)
        )
        session.delete(window)
        closed += 1
    session.flush()
    return closed


def window_start(moment: datetime) -> datetime:
    """The start of the window `moment` falls in."""
    return moment - (moment.astimezone(UTC) - _EPOCH) % WINDOW


def coarse(moment: datetime) -> datetime:
    """`moment` to the hour, as receipt events are audited."""
    return moment.replace(minute=0, second=0, microsecond=0)


def _window(session: Session, now: datetime) -> ReceiptWindow:
    """The current window, made with a fresh salt when it is the first attempt in it."""
    starts_at = window_start(now)
    window = session.get(ReceiptWindow, starts_at)
    if window is None:
        window = ReceiptWindow(starts_at=starts_at, salt=secrets.token_bytes(32))
        session.add(window)
        session.flush()
    return window


def _audit(session: Session, action: str, now: datetime, details: dict[str, object] | None) -> None:
    audit.record(
        session,
        principal=RECEIPT_HOLDER,
        action=action,
        object_type="receipt",
        details=details,
        now=coarse(now),
    )
