"""What arrived through the public web pages, announced once in the team's chat channel.

A report or an information request sent on the web reaches no chat by itself; each chat
process runs `claim_new` every minute and posts what it claims. A claim is taken once per
platform in the database (`claims` table), so several processes announce each arrival once;
one whose posting fails is released and tried again. Announcements carry the reference and
the deadline, never contents or the requester's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.core import messages
from bot.core.context import Core
from bot.core.people import Lang
from bot.core.reminders import SCHEDULER
from storage.models import Channel
from storage.services import claims
from storage.services.cases import list_cases
from storage.services.info_requests import list_requests

LOOK_BACK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Arrival:
    """A new case or information request from the web, to announce."""

    key: str
    kind: Literal["case", "request"]
    reference: str
    due: datetime

    def describe(self, lang: Lang) -> str:
        """The announcement's sentence."""
        return messages.text(
            lang, f"arrival.{self.kind}", reference=self.reference, due=messages.day(lang, self.due)
        )


def claim_new(core: Core, *, platform: str) -> list[Arrival]:
    """Web arrivals of the last week not yet announced on `platform`, now claimed."""
    now = core.now()
    since = now - LOOK_BACK
    claimed = []
    with core.session() as session:
        cases = list_cases(session, principal=SCHEDULER, received_since=since)
        requests = list_requests(session, principal=SCHEDULER, received_since=since)
        found = [
            *(
                ("case", case.reference, case.acknowledge_due, case.received_at)
                for case in cases
                if case.channel == Channel.WEB
            ),
            *(
                ("request", f"#{request.id}", request.deadline, request.received_at)
                for request in requests
                if request.channel == Channel.WEB
            ),
        ]
        for kind, reference, due, _ in sorted(found, key=lambda item: item[3]):
            key = f"arrival:{platform}:{kind}:{reference}"
            if claims.claim(session, key=key, now=now):
                claimed.append(Arrival(key=key, kind=kind, reference=reference, due=due))
    return claimed


def release(core: Core, arrival: Arrival) -> None:
    """Give an arrival back after its announcement failed, so a later run posts it."""
    with core.session() as session:
        claims.release(session, key=arrival.key)
