"""Key rotation: a new key goes first and every encrypted column is re-encrypted with it.

A service rather than part of `storage.crypto` because it needs a principal, an audit event
and the register's tables; `storage.crypto` stays pure key handling.

Usage::

    keyring = rotate_keys(session, principal=officer, key_path=key_file(data_dir))
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.crypto import KEYRING_INFO, Keyring, keyring_for, save_keyring
from storage.models import Case, CaseMessage
from storage.principal import Principal, Role
from storage.services.changes import Guard

KEYRING = Guard("keyring", roles=frozenset({Role.ADMIN, Role.COMPLIANCE}))


def rotate_keys(session: Session, *, principal: Principal, key_path: Path | None = None) -> Keyring:
    """Put a new key first and re-encrypt every encrypted column with it, in one transaction.

    With `key_path` a fresh key is generated and written to the file *before* any row is
    re-encrypted, so a crash never leaves data under a lost key. Without it (keys from the
    secret) the operator has already put the new key first and rows are re-encrypted to it.
    Returns the keyring now in use; the session's keyring is replaced by it.
    """
    with KEYRING.transaction(session, principal=principal, action="keys.rotate") as change:
        keyring = keyring_for(session)
        if key_path is not None:
            keyring = keyring.with_new_key()
            save_keyring(keyring, path=key_path)
        counts = {}
        for model, column in ((Case, "description"), (CaseMessage, "body")):
            rows = session.scalars(select(model)).all()
            for row in rows:
                setattr(row, column, keyring.reencrypt(getattr(row, column)))
            counts[model.__tablename__] = len(rows)
        change.record(None, action="keys.rotated", details=counts)
    session.info[KEYRING_INFO] = keyring
    return keyring
