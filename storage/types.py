"""Column types that behave the same on SQLite and PostgreSQL.

SQLite has no time zone type, so `UTCDateTime` stores naive UTC there and hands back aware
UTC datetimes on both databases; `StrEnumType` stores a `StrEnum` as its plain string value
(no native enum), so adding a member needs no migration on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.types import TypeDecorator

ENUM_LENGTH = 32


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime, always UTC on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes; store UTC (naive on SQLite)."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class StrEnumType(TypeDecorator[StrEnum]):
    """A `StrEnum` stored as its string value in a VARCHAR."""

    impl = String(ENUM_LENGTH)
    cache_ok = True

    def __init__(self, enum_class: type[StrEnum], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Store the member's value; a plain string must name a member."""
        return None if value is None else self.enum_class(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> StrEnum | None:
        """Turn the stored string back into the member."""
        return None if value is None else self.enum_class(value)
