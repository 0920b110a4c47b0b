"""The `aktsom` command line: knowledge commands, the terminal chat, and the compliance register.

Each concern registers its commands from its own module; this module only assembles them.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="aktsom",
    help="Due-diligence assistant for the Norwegian Transparency Act (åpenhetsloven).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from bot.cli import account as _account  # noqa: E402,F401  (registers commands)
from bot.cli import knowledge as _knowledge  # noqa: E402,F401  (registers commands)
from bot.cli import questionnaires as _questionnaires  # noqa: E402,F401  (registers commands)
from bot.cli import register as _register  # noqa: E402,F401  (registers commands)
from bot.cli import sample as _sample  # noqa: E402,F401  (registers commands)
from bot.cli import slack as _slack  # noqa: E402,F401  (registers commands)
from bot.cli import storage as _storage  # noqa: E402,F401  (registers commands)
from bot.cli import teams as _teams  # noqa: E402,F401  (registers commands)
from bot.cli import web as _web  # noqa: E402,F401  (registers commands)

__all__ = ["app"]
