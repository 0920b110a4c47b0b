"""Who is acting: every service call takes a `Principal` so access rules live in one layer.

Usage::

    officer = Principal("slack", "U123", frozenset({Role.COMPLIANCE}))
    officer.has(Role.COMPLIANCE)  # True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

SYSTEM_PLATFORM = "system"


class Role(StrEnum):
    """Roles a principal may hold; a plain reporter holds none."""

    COMPLIANCE = "compliance"
    ADMIN = "admin"
    REPORTER = "reporter"


@dataclass(frozen=True, slots=True)
class Principal:
    """An acting user on one platform with a set of roles."""

    platform: str
    user_id: str
    roles: frozenset[str] = field(default_factory=frozenset)

    def has(self, role: str) -> bool:
        """Whether this principal holds `role`."""
        return role in self.roles

    @property
    def is_system(self) -> bool:
        """Whether this is the bots' own schedule (reminders, announcements), not a person."""
        return self.platform == SYSTEM_PLATFORM

    @property
    def actor(self) -> str:
        """The name written to the audit trail, e.g. `slack:U123`."""
        return f"{self.platform}:{self.user_id}"


RECEIPT_HOLDER = Principal("receipt", "holder")
"""The principal for a reporter acting through a receipt code: no identity is recorded."""

PUBLIC_REQUESTER = Principal("web", "public", frozenset({Role.REPORTER}))
"""The principal for anyone sending an information request through the public form."""
