"""The text commands every chat surface understands: `/aktsom ask …`, `report`, `status` ….

Slack's slash command and Teams' typed commands go through `parse`, so both offer the same
words; anything that is not a command but has words is taken as a question.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Command(StrEnum):
    """The subcommands of `/aktsom`."""

    ASK = "ask"
    REPORT = "report"
    STATUS = "status"
    TASK = "task"
    TASKS = "tasks"
    REQUEST = "request"
    SOURCES = "sources"
    DASHBOARD = "dashboard"
    HELP = "help"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Parsed:
    """A command and the rest of the text after it."""

    command: Command
    rest: str = ""


_ALIASES = {
    "spør": Command.ASK,
    "spor": Command.ASK,
    "varsle": Command.REPORT,
    "meld": Command.REPORT,
    "oppgave": Command.TASK,
    "oppgaver": Command.TASKS,
    "krav": Command.REQUEST,
    "kilder": Command.SOURCES,
    "dashbord": Command.DASHBOARD,
    "hjelp": Command.HELP,
}


def parse(text: str) -> Parsed:
    """The command in `text`; empty text is help, free words are a question."""
    words = text.strip().split(maxsplit=1)
    if not words:
        return Parsed(Command.HELP)
    head = words[0].lower()
    rest = words[1].strip() if len(words) > 1 else ""
    if head in set(Command) - {Command.UNKNOWN}:
        return Parsed(Command(head), rest)
    if head in _ALIASES:
        return Parsed(_ALIASES[head], rest)
    if rest:
        return Parsed(Command.ASK, text.strip())
    return Parsed(Command.UNKNOWN, head)
