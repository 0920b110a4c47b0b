"""Where a bot may write later without being asked: a platform's conversation reference kept
by key (`member:<id>` for a compliance member's personal chat, `channel` for the team's).

Teams lets a bot post only into a conversation it has seen; the adapter keeps the reference
of compliance members and the team channel (never a reporter's) and reminders use it.
"""

from __future__ import annotations

from bot.core.context import Core
from storage.services import conversations


def remember(core: Core, *, platform: str, key: str, reference: str) -> None:
    """Keep `reference` (the platform's own JSON) under `key`, replacing an older one."""
    with core.session() as session:
        conversations.remember(
            session, platform=platform, key=key, reference=reference, now=core.now()
        )


def recall(core: Core, *, platform: str, key: str) -> str | None:
    """The reference kept under `key`, or None when the bot has not seen that conversation."""
    with core.session() as session:
        return conversations.recall(session, platform=platform, key=key)
