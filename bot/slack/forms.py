"""Slack payloads into core inputs: view state into forms, event text into a question.

The inverse of `blocks`: each input block's id is a core form field, its action id `value`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.core.report import ReportForm
from bot.core.requests import RequestForm
from bot.core.tasks import TaskForm
from bot.slack.blocks import VALUE

_MENTION = re.compile(r"<@[UW][A-Z0-9]+(\|[^>]*)?>")


def field(view: dict[str, Any], name: str) -> str | None:
    """The value of one input of a submitted view, whatever its element type."""
    state = view.get("state", {}).get("values", {}).get(name, {}).get(VALUE)
    if not state:
        return None
    kind = state.get("type")
    if kind == "static_select":
        option = state.get("selected_option") or {}
        return option.get("value")
    if kind == "datepicker":
        return state.get("selected_date")
    if kind == "users_select":
        return state.get("selected_user")
    if kind == "checkboxes":
        return ",".join(option.get("value", "") for option in state.get("selected_options") or [])
    return state.get("value")


def to_report_form(view: dict[str, Any]) -> ReportForm:
    """The report form from the submitted modal."""
    return ReportForm(
        description=field(view, "description") or "",
        category=field(view, "category"),
        supplier=field(view, "supplier"),
        country=field(view, "country"),
        when=field(view, "when"),
        anonymous="anonymous" in (field(view, "anonymous") or ""),
    )


def to_task_form(view: dict[str, Any]) -> TaskForm:
    """The follow-up task form from the submitted modal."""
    return TaskForm(
        supplier=field(view, "supplier") or "",
        title=field(view, "title") or "",
        kind=field(view, "kind"),
        due=_date(field(view, "due")),
        assignee=field(view, "assignee"),
        origin=view.get("private_metadata") or None,
    )


def to_request_form(view: dict[str, Any]) -> RequestForm:
    """The information-request form from the submitted modal."""
    return RequestForm(
        requester=field(view, "requester") or "",
        contact=field(view, "contact") or "",
        question=field(view, "question") or "",
        received=_date(field(view, "received")),
    )


def question_text(text: str) -> str:
    """A message's text without @mentions, as the question asked."""
    return " ".join(_MENTION.sub(" ", text or "").split())


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
