"""A cap on what the public pages take in, against floods: no visitor is identified, so the
limit is on the whole service, per kind of submission (reports, information requests).

A company receives a handful of reports a month; the defaults (30 a minute, 300 an hour)
are far above that and stop a script from filling the register. A refused visitor is told
to wait and keeps what they typed. Several web replicas share one count through Redis
(`AKTSOM_PUBLIC_LIMIT_STORAGE=redis://host:6379`); the default counts in the process.

Usage::

    guard = FloodGuard("30/minute;300/hour")
    guard.admit("report")          # raises Busy when the cap is reached
"""

from __future__ import annotations

from limits import parse_many, storage, strategies

from bot.core.errors import Busy
from bot.settings import DEFAULT_PUBLIC_LIMITS


class FloodGuard:
    """Moving-window limits on public submissions, counted per kind."""

    def __init__(
        self, limits: str = DEFAULT_PUBLIC_LIMITS, *, storage_uri: str = "memory://"
    ) -> None:
        self._limits = parse_many(limits)
        self._window = strategies.MovingWindowRateLimiter(storage.storage_from_string(storage_uri))

    def admit(self, kind: str) -> None:
        """Count one submission of `kind`, or raise Busy if a limit is reached."""
        if not all(self._window.hit(limit, "public", kind) for limit in self._limits):
            raise Busy(kind)
