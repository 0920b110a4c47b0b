"""The register in numbers for one year, and the same numbers drawn as SVG charts.

Counts only, never contents: cases by category and month; how the case deadlines were kept
(acknowledge within 7 days of receipt, feedback within 3 months of acknowledgement, the
first handler message being the feedback); follow-up tasks; information requests against
their deadline in force (three weeks, or the extended date). Closing a case tells the
reporter its outcome (they see it by receipt), so a close counts as the answer when it
comes first. Compliance members only; a refusal is audited by the register.

Usage::

    summary = summarise(core, person=person, year=2026)
    summary.acknowledgement.late         # acknowledged after the 7-day deadline
    svg = chart(summary, name=Chart.DEADLINES, lang="nb")
"""

from __future__ import annotations

import io
import statistics
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.core import messages, review
from bot.core.context import Core
from bot.core.errors import FormInvalid
from bot.core.people import Lang, Person
from storage.models import CaseCategory, TaskStatus
from storage.services import cases, info_requests, tasks
from storage.services.case_schemas import CasePublic
from storage.services.info_requests import InformationRequestPublic
from storage.services.tasks import TaskPublic

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FIRST_YEAR = 2022
"""The Transparency Act came into force on 1 July 2022: no earlier year is offered."""
FINISHED_TASKS = (TaskStatus.DONE, TaskStatus.CANCELLED)
SVG_SETTINGS = {"svg.hashsalt": "aktsom", "svg.fonttype": "none"}
"""A fixed salt makes the same numbers give the same bytes; text stays text (readable)."""
ACCENT = "#1d4e3f"
COLOURS = {"within": ACCENT, "late": "#a3261b", "overdue": "#d9822b", "waiting": "#9aa5a0"}
"""The parts of a deadline bar, in the order drawn, and the colour of each."""
TASK_COLOURS = (ACCENT, COLOURS["waiting"], COLOURS["late"], "#c9d1cd")
"""Done, open, overdue, cancelled."""
_RENDER_LOCK = threading.Lock()  # matplotlib's rcParams and font cache are process-wide


class Chart(StrEnum):
    """The charts the statistics page shows."""

    CATEGORIES = "categories"
    MONTHS = "months"
    DEADLINES = "deadlines"
    TASKS = "tasks"


@dataclass(frozen=True, slots=True)
class Timing:
    """One deadline of one record: when its clock started, when it was due, when met."""

    start: datetime
    due: datetime
    done: datetime | None


@dataclass(frozen=True, slots=True)
class DeadlineTally:
    """How one kind of deadline was kept: met in time, met late, missed and still open."""

    within: int = 0
    late: int = 0
    overdue: int = 0
    waiting: int = 0
    median_days: float | None = None
    """Median days from the clock's start to the answer, over the answered ones."""


@dataclass(frozen=True, slots=True)
class TaskTally:
    """Follow-up tasks by where they stand now."""

    done: int = 0
    open: int = 0
    overdue: int = 0
    cancelled: int = 0


@dataclass(frozen=True, slots=True)
class Summary:
    """The year's figures; cases and requests received in `year`, tasks alive during it."""

    year: int
    by_category: tuple[tuple[CaseCategory, int], ...]
    by_month: tuple[int, ...]
    acknowledgement: DeadlineTally
    feedback: DeadlineTally
    requests: DeadlineTally
    refused: int
    tasks: TaskTally

    @property
    def cases(self) -> int:
        """Cases received in the year."""
        return sum(self.by_month)


def summarise(core: Core, *, person: Person, year: int) -> Summary:
    """The figures for `year`, as of now; compliance members only (a refusal is audited)."""
    review.require_member(
        core, person=person, action="statistics.read", object_type="statistics", object_id=str(year)
    )
    check_year(core, person=person, year=year)
    now = core.now()
    principal = person.principal
    with core.session() as session:
        found = [
            case
            for case in cases.list_cases(session, principal=principal)
            if case.received_at.year == year
        ]
        replies = cases.first_handler_messages(session, principal=principal)
        requests = [
            request
            for request in info_requests.list_requests(session, principal=principal)
            if request.received_at.year == year
        ]
        alive = [
            task
            for task in tasks.list_tasks(session, principal=principal)
            if task_alive(task, year=year)
        ]
    counts = Counter(case.category for case in found)
    months = Counter(case.received_at.month for case in found)
    return Summary(
        year=year,
        by_category=tuple((category, counts[category]) for category in CaseCategory),
        by_month=tuple(months[month] for month in range(1, 13)),
        acknowledgement=tally(map(acknowledgement_timing, found), now=now),
        feedback=tally(
            (feedback_timing(case, first_reply=replies.get(case.reference)) for case in found),
            now=now,
        ),
        requests=tally(map(request_timing, requests), now=now),
        refused=sum(request.refusal_basis is not None for request in requests),
        tasks=tally_tasks(alive, now=now),
    )


def years(core: Core) -> list[int]:
    """The years there can be figures for, newest first."""
    return list(range(core.now().year, FIRST_YEAR - 1, -1))


def check_year(core: Core, *, person: Person, year: int) -> None:
    """Refuse a year before the Act or in the future, in words for the person."""
    if year not in years(core):
        last = core.now().year
        error = messages.text(person.language, "error.year", first=FIRST_YEAR, last=last)
        raise FormInvalid({"year": error})


def format_days(lang: Lang, days: float | None) -> str:
    """A median in days as people write it (`2,5` in Norwegian), or a dash for none."""
    if days is None:
        return "–"
    text = f"{days:g}"
    return text.replace(".", ",") if lang == "nb" else text


def acknowledgement_timing(case: CasePublic) -> Timing:
    """Receipt to acknowledgement (or to closing, when closed unacknowledged), 7 days."""
    return Timing(case.received_at, case.acknowledge_due, case.acknowledged_at or case.closed_at)


def feedback_timing(case: CasePublic, *, first_reply: datetime | None) -> Timing:
    """Acknowledgement (or day 7, if never acknowledged) to the first handler message or
    the close, whichever came first; due 3 months after acknowledgement."""
    answers = [moment for moment in (first_reply, case.closed_at) if moment is not None]
    start = case.acknowledged_at or case.acknowledge_due
    return Timing(start, case.feedback_due, min(answers) if answers else None)


def request_timing(request: InformationRequestPublic) -> Timing:
    """Receipt to the written answer or refusal, due by the deadline in force."""
    return Timing(request.received_at, request.deadline, request.answered_at)


def tally(timings: Iterable[Timing], *, now: datetime) -> DeadlineTally:
    """Count deadlines met in time, met late, missed (still open) and not yet due."""
    counts: Counter[str] = Counter()
    days: list[float] = []
    for timing in timings:
        if timing.done is not None:
            counts["within" if timing.done <= timing.due else "late"] += 1
            days.append(max(0.0, (timing.done - timing.start).total_seconds() / 86_400))
        else:
            counts["overdue" if timing.due < now else "waiting"] += 1
    median = round(statistics.median(days), 1) if days else None
    return DeadlineTally(**counts, median_days=median)


def tally_tasks(found: Iterable[TaskPublic], *, now: datetime) -> TaskTally:
    """Done, cancelled, overdue (active past its due date) and open (active, not overdue)."""
    counts: Counter[str] = Counter()
    for task in found:
        if task.status == TaskStatus.DONE:
            counts["done"] += 1
        elif task.status == TaskStatus.CANCELLED:
            counts["cancelled"] += 1
        else:
            counts["overdue" if tasks.is_overdue(task, now=now) else "open"] += 1
    return TaskTally(**counts)


def task_alive(task: TaskPublic, *, year: int) -> bool:
    """Whether a task existed during `year`: made by its end, not finished before it began
    (a finished task's last change is when it was finished)."""
    if task.created_at.year > year:
        return False
    return not (task.status in FINISHED_TASKS and task.updated_at.year < year)


def chart(summary: Summary, *, name: Chart, lang: Lang) -> bytes:
    """One chart of `summary` as SVG, labelled in `lang`; the same numbers give the same bytes.

    matplotlib is imported here, on the first chart: it costs every command of the CLI over
    a second of start-up otherwise (seconds on a fresh machine, building its font cache).
    """
    import matplotlib
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.5, 3.6), layout="constrained")
    axes = figure.add_subplot()
    _DRAW[name](axes, summary, lang)
    axes.set_title(messages.text(lang, f"web.stats.chart.{name.value}", year=summary.year))
    axes.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    with _RENDER_LOCK, matplotlib.rc_context(SVG_SETTINGS):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def deadline_rows(summary: Summary) -> tuple[tuple[str, DeadlineTally], ...]:
    """The three deadlines with the text key naming each, for tables and the chart."""
    return (
        ("web.stats.acknowledgement", summary.acknowledgement),
        ("web.stats.feedback", summary.feedback),
        ("web.stats.requests", summary.requests),
    )


def task_columns(summary: Summary) -> tuple[tuple[str, int], ...]:
    """The task counts with the text key naming each."""
    found = summary.tasks
    return (
        ("web.stats.done", found.done),
        ("web.stats.open", found.open),
        ("web.stats.overdue", found.overdue),
        ("web.stats.cancelled", found.cancelled),
    )


def month_names(lang: Lang) -> list[str]:
    """Short month names, January first."""
    return messages.text(lang, "web.stats.months").split()


def _draw_categories(axes: Axes, summary: Summary, lang: Lang) -> None:
    names = [messages.label(lang, category) for category, _ in summary.by_category]
    axes.barh(names[::-1], [count for _, count in summary.by_category][::-1], color=ACCENT)
    axes.xaxis.get_major_locator().set_params(integer=True)


def _draw_months(axes: Axes, summary: Summary, lang: Lang) -> None:
    axes.bar(month_names(lang), summary.by_month, color=ACCENT)
    axes.set_ylim(bottom=0, top=max(1, *summary.by_month))
    axes.yaxis.get_major_locator().set_params(integer=True)


def _draw_deadlines(axes: Axes, summary: Summary, lang: Lang) -> None:
    rows = deadline_rows(summary)[::-1]
    names = [messages.text(lang, key) for key, _ in rows]
    left = [0] * len(rows)
    for part, colour in COLOURS.items():
        widths = [getattr(found, part) for _, found in rows]
        axes.barh(
            names, widths, left=left, color=colour, label=messages.text(lang, f"web.stats.{part}")
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.figure.legend(loc="outside lower center", ncols=len(COLOURS), frameon=False)


def _draw_tasks(axes: Axes, summary: Summary, lang: Lang) -> None:
    columns = task_columns(summary)
    axes.bar(
        [messages.text(lang, key) for key, _ in columns],
        [count for _, count in columns],
        color=TASK_COLOURS,
    )
    axes.set_ylim(bottom=0, top=max(1, *(count for _, count in columns)))
    axes.yaxis.get_major_locator().set_params(integer=True)


_DRAW = {
    Chart.CATEGORIES: _draw_categories,
    Chart.MONTHS: _draw_months,
    Chart.DEADLINES: _draw_deadlines,
    Chart.TASKS: _draw_tasks,
}
