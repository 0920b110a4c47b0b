"""The day's head of the audit trail, posted to the compliance channel once a day.

Each chat process runs `claim_today` with its other scheduled work; whichever claims the
day's key (per platform, in the `claims` table) signs a checkpoint of the chain's head into
the checkpoint folder and posts the head to the team's channel. The chat history then holds a
copy of every day's head that no one with access to the database can rewrite, to compare
with `aktsom audit verify`. A post that fails is released and tried on the next run.

Usage::

    head = claim_today(core, platform="slack")
    if head is not None:
        post(head.describe("nb"))
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import messages
from bot.core.context import Core
from bot.core.people import Lang
from storage.services import claims
from storage.services.audit_checkpoints import Checkpoint, take_checkpoint


@dataclass(frozen=True, slots=True)
class AuditHead:
    """The checkpoint taken for today, to post."""

    key: str
    checkpoint: Checkpoint

    def describe(self, lang: Lang) -> str:
        """The post's sentence: the day, how many events, and the full head hash."""
        checkpoint = self.checkpoint
        return messages.text(
            lang,
            "audit.head",
            day=messages.day(lang, checkpoint.at),
            events=checkpoint.seq,
            head=checkpoint.hash,
        )


def claim_today(core: Core, *, platform: str) -> AuditHead | None:
    """Today's head for `platform`, checkpointed, if no process has claimed it yet."""
    now = core.now()
    key = f"audit-head:{platform}:{now.date()}"
    with core.session() as session:
        if not claims.claim(session, key=key, now=now):
            return None
        checkpoint = take_checkpoint(session, directory=core.checkpoints_dir, now=now)
    return AuditHead(key=key, checkpoint=checkpoint)


def release(core: Core, head: AuditHead) -> None:
    """Give the day back after the post failed, so a later run posts it."""
    with core.session() as session:
        claims.release(session, key=head.key)
