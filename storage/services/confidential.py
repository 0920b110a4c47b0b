"""The base of every schema that carries people's words (reports, messages, information
requests, deviations, follow-up notes): a validation error names the field and the rule,
never the input, so a logged error or traceback cannot leak what someone wrote.

Usage::

    class CaseCreate(Confidential):
        description: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)

    note = required_text(note, missing="Completing a task needs a note.")
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from storage.errors import ValidationFailed

MAX_TEXT_CHARS = 20_000
"""The longest free text any one field takes (a report, an answer, a deviation)."""
MAX_LINE_CHARS = 300
"""The longest one-line field (a place in the supply chain, a link, a contact)."""


class Confidential(BaseModel):
    """A schema whose validation errors never quote the input."""

    model_config = ConfigDict(hide_input_in_errors=True)


def required_text(text: str, *, missing: str) -> str:
    """`text` stripped; ValidationFailed with `missing` when empty, or when longer than
    `MAX_TEXT_CHARS` (the message gives the limit, never the text)."""
    stripped = text.strip()
    if not stripped:
        raise ValidationFailed(missing)
    if len(stripped) > MAX_TEXT_CHARS:
        raise ValidationFailed(f"A text can be at most {MAX_TEXT_CHARS} characters long.")
    return stripped
