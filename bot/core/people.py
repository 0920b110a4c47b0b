"""Who is talking to the bot: one person on one platform, their language and their role.

The compliance team is configured per platform (user ids and/or one group whose members the
platform's API lists). `Directory` caches group members and locales for a few minutes, so a
busy channel costs one lookup per person per few minutes, and a change of membership takes
effect without a restart. Adapters give it two fetch functions; the rule lives here.

Usage::

    directory = Directory(platform="slack", compliance_users={"U1"}, compliance_group="S1",
                          fetch_group=lambda group: {...}, fetch_locale=lambda user: "nb-NO")
    person = directory.person("U2", text="Hva er fristen?")
    person.compliance, person.language   # False, "nb"
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Literal

from cachetools import TTLCache

from ingestion.language import detect_question_language
from storage.principal import Principal, Role

Lang = Literal["nb", "en", "sv"]
"""Norwegian (bokmål) and English everywhere; Swedish on the public web pages."""
DIRECTORY_TTL_S = 300
SCANDINAVIAN_LOCALES = ("nb", "nn", "no", "sv", "da")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Person:
    """A user of one platform as the flows see them."""

    platform: str
    user_id: str
    language: Lang
    compliance: bool = False

    @property
    def principal(self) -> Principal:
        """The register principal: compliance members hold the compliance role."""
        roles = frozenset({Role.COMPLIANCE}) if self.compliance else frozenset()
        return Principal(self.platform, self.user_id, roles)

    @property
    def source(self) -> str:
        """Who is trying a receipt code, for the per-source limit (stored only keyed-hashed)."""
        return f"{self.platform}:{self.user_id}"


def choose_language(locale: str | None, text: str | None = None) -> Lang:
    """Norwegian or English for a person, from their locale and what they wrote.

    A Scandinavian locale means Norwegian. Otherwise the language of their text decides
    when there is one: Slack and Teams often offer no Norwegian interface, so `en-US` is
    the default of most Norwegian users and says little. With neither, English.
    """
    if locale and locale.lower().split("-")[0].split("_")[0] in SCANDINAVIAN_LOCALES:
        return "nb"
    if text and text.strip():
        return "nb" if detect_question_language(text) in ("nb", "nn", "sv") else "en"
    return "en"


class Directory:
    """Compliance membership and locales of one platform's users, cached for a few minutes."""

    def __init__(
        self,
        *,
        platform: str,
        compliance_users: Collection[str] = (),
        compliance_group: str | None = None,
        fetch_group: Callable[[str], Collection[str]] | None = None,
        fetch_locale: Callable[[str], str | None] | None = None,
        ttl_s: float = DIRECTORY_TTL_S,
    ) -> None:
        self.platform = platform
        self._users = frozenset(compliance_users)
        self._group = compliance_group
        self._fetch_group = fetch_group
        self._fetch_locale = fetch_locale
        self._members: TTLCache[str, frozenset[str]] = TTLCache(maxsize=8, ttl=ttl_s)
        self._locales: TTLCache[str, str | None] = TTLCache(maxsize=10_000, ttl=ttl_s)
        self._lock = threading.Lock()

    def person(self, user_id: str, *, text: str | None = None, locale: str | None = None) -> Person:
        """The person behind `user_id`; `locale` when the event carried one, else looked up."""
        if locale is None:
            locale = self.locale(user_id)
        return Person(
            self.platform,
            user_id,
            choose_language(locale, text),
            compliance=self.is_compliance(user_id),
        )

    def is_compliance(self, user_id: str) -> bool:
        """Whether `user_id` is on the compliance team (listed, or in the configured group)."""
        return user_id in self._users or user_id in self._group_members()

    def locale(self, user_id: str) -> str | None:
        """The user's locale from the platform, or None when it cannot be looked up."""
        if self._fetch_locale is None:
            return None
        with self._lock:
            if user_id in self._locales:
                return self._locales[user_id]
        try:
            locale = self._fetch_locale(user_id)
        except Exception as error:  # a lookup failure must not stop the conversation
            log.warning("cannot look up the locale of %s: %s", user_id, error)
            locale = None
        with self._lock:
            self._locales[user_id] = locale
        return locale

    def _group_members(self) -> frozenset[str]:
        if not self._group or self._fetch_group is None:
            return frozenset()
        with self._lock:
            if self._group in self._members:
                return self._members[self._group]
        # Fail closed: when the group cannot be read, nobody gains the role through it.
        try:
            members = frozenset(self._fetch_group(self._group))
        except Exception as error:
            log.warning("cannot list compliance group %s: %s", self._group, error)
            return frozenset()
        with self._lock:
            self._members[self._group] = members
        return members
