"""Reminders: what is due today or overdue, each item claimed once per day in the database.

Several bot processes may share one database; each runs the same schedule, and whichever
claims an item's key for the day (`claims` table) sends its reminder, so it goes out once.
A reminder whose sending fails is released, so the next run tries it again.

Tasks go to their assignee on this platform when there is one; case deadlines (acknowledge
in 7 days, feedback in 3 months), information-request deadlines (3 weeks) and unassigned
tasks go to the compliance channel. Reminders carry references and dates, never contents.
Each run also closes receipt-code windows that are over (`receipt_limits.close_windows`), so
their salts are gone even when no one tries a code for a while.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from bot.core import messages
from bot.core.context import Core
from bot.core.people import Lang
from storage.db import transaction
from storage.principal import Principal, Role
from storage.services import claims, receipt_limits
from storage.services.deadlines import DueItem, DueKind, due_items
from storage.services.tasks import TaskPublic, get_task

SCHEDULER = Principal("system", "reminders", frozenset({Role.COMPLIANCE}))


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder to send: to a person (`user_id`) or, when None, the compliance channel."""

    key: str
    item: DueItem
    user_id: str | None
    task: TaskPublic | None = None

    def describe(self, lang: Lang) -> str:
        """The reminder's sentence."""
        overdue = messages.text(lang, "remind.overdue") if self.item.overdue else ""
        due = messages.day(lang, self.item.due_at)
        if self.task is not None:
            return messages.text(
                lang,
                "remind.task",
                id=self.task.id,
                supplier=self.task.supplier_name,
                title=self.task.title,
                due=due,
                overdue=overdue,
            )
        return messages.text(
            lang,
            f"remind.{self.item.kind.value}",
            reference=self.item.reference,
            due=due,
            overdue=overdue,
        )


def claim_due(core: Core, *, platform: str) -> list[Reminder]:
    """The reminders this process should send now; each is claimed, so no one else sends it."""
    now = core.now()
    end_of_day = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=now.tzinfo)
    claimed = []
    with core.session() as session:
        with transaction(session):  # housekeeping: forget receipt windows that are over
            receipt_limits.close_windows(session, now=now)
        items = due_items(session, principal=SCHEDULER, now=now, within=end_of_day - now)
        for item in items:
            key = f"reminder:{platform}:{item.kind.value}:{item.reference}:{now.date()}"
            if not claims.claim(session, key=key, now=now):
                continue
            task = None
            user_id = None
            if item.kind == DueKind.TASK:
                task = get_task(session, principal=SCHEDULER, task_id=int(item.reference))
                prefix = f"{platform}:"
                if task.assignee and task.assignee.startswith(prefix):
                    user_id = task.assignee.removeprefix(prefix)
            claimed.append(Reminder(key=key, item=item, user_id=user_id, task=task))
    return claimed


def release(core: Core, reminder: Reminder) -> None:
    """Give a reminder back after its sending failed, so a later run sends it."""
    with core.session() as session:
        claims.release(session, key=reminder.key)


def start_scheduler(*jobs: tuple[Callable[[], int], int]) -> BackgroundScheduler:
    """Run each `(send, minutes)` now and every `minutes` in a background thread; the claims
    keep each item to once (per day, for reminders) however often it runs and however many
    processes run it."""
    scheduler = BackgroundScheduler(timezone=UTC)
    for send, minutes in jobs:
        scheduler.add_job(
            send,
            "interval",
            minutes=minutes,
            next_run_time=datetime.now(UTC),
            max_instances=1,
            coalesce=True,
        )
    scheduler.start()
    return scheduler
