"""Signed checkpoints of the audit chain's head, kept outside the database.

A checkpoint is the newest row's `seq` and `hash` at a moment, signed with the keyring's
audit key and appended as one JSON line to `audit-checkpoints.jsonl` in a folder of the
operator's choosing (`AKTSOM_AUDIT_CHECKPOINT_DIR`; keep it off the database's disk and
backups). Whoever can rewrite the database cannot rewrite a checkpoint without the key, so
`verify_chain(..., checkpoint=...)` catches rows cut from the end or a chain re-hashed from
scratch. The bots also post the day's head to the compliance channel, a second copy no
database user can reach.

Usage::

    take_checkpoint(session, directory=Path("/var/lib/aktsom-checkpoints"))
    latest = latest_checkpoint(Path("/var/lib/aktsom-checkpoints"), keyring=keyring)
    verify_chain(session, checkpoint=(latest.seq, latest.hash))
"""

from __future__ import annotations

import hmac
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.crypto import Keyring, keyring_for
from storage.errors import ValidationFailed
from storage.models import AuditEvent
from storage.services.audit import GENESIS_HASH
from storage.services.changes import utc

CHECKPOINT_FILE = "audit-checkpoints.jsonl"


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The chain's head at a moment: the newest row's number and hash."""

    seq: int
    hash: str
    at: datetime

    def signed_fields(self) -> bytes:
        """What the signature covers."""
        return f"aktsom-checkpoint-v1:{self.seq}:{self.hash}:{self.at.isoformat()}".encode()


def take_checkpoint(
    session: Session, *, directory: Path, now: datetime | None = None
) -> Checkpoint:
    """Sign the chain's current head and append it to the checkpoint file (fsynced)."""
    head = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    checkpoint = Checkpoint(seq=seq, hash=head_hash, at=utc(now))
    signature = keyring_for(session).seal(checkpoint.signed_fields())
    line = json.dumps(
        {"seq": seq, "hash": head_hash, "at": checkpoint.at.isoformat(), "signature": signature}
    )
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(directory / CHECKPOINT_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a", encoding="ascii") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return checkpoint


def latest_checkpoint(directory: Path, *, keyring: Keyring) -> Checkpoint | None:
    """The newest checkpoint in `directory`, None if there is none; a line that these keys
    did not sign (edited or forged) is an error, never skipped."""
    path = directory / CHECKPOINT_FILE
    if not path.exists():
        return None
    newest = None
    for number, line in enumerate(path.read_text(encoding="ascii").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
            checkpoint = Checkpoint(
                seq=int(fields["seq"]),
                hash=str(fields["hash"]),
                at=datetime.fromisoformat(fields["at"]),
            )
            expected = keyring.seal(checkpoint.signed_fields())
            signed = hmac.compare_digest(expected, str(fields["signature"]))
        except (ValueError, KeyError, TypeError):
            signed = False
        if not signed:
            raise ValidationFailed(f"line {number} of {path} is not a checkpoint these keys signed")
        if newest is None or checkpoint.seq >= newest.seq:
            newest = checkpoint
    return newest
