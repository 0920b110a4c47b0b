"""Knowledge commands: ingest, ask, sources, forget, eval, chat."""

from __future__ import annotations

from bot.cli import app


@app.command()
def sources() -> None:
    """List the documents in the knowledge base."""
    raise NotImplementedError
