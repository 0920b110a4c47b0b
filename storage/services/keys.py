"""Keys against the register: whether a new key may be made, whether the keys in hand open
what is stored, and rotation (a new key first, every encrypted column re-encrypted with it).

A service rather than part of `storage.crypto` because it needs the register's tables (and,
for rotation, a principal and an audit event); `storage.crypto` stays pure key handling.

Usage::

    keyring = load_keyring(secret=None, path=path, may_create=not holds_secrets(session))
    check_keyring(session, keyring)          # KeyringError if these keys are the wrong ones
    counts = rotate_keys(session, principal=officer, key_path=path)
"""

from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.crypto import KEYRING_INFO, Keyring, keyring_for, save_keyring
from storage.db import transaction
from storage.errors import KeyringError
from storage.models import Case, CaseMessage, InformationRequest, RegisterSetting
from storage.principal import Principal, Role
from storage.services.changes import Guard

KEYRING = Guard("keyring", roles=frozenset({Role.ADMIN, Role.COMPLIANCE}))
SALT_NAME = "passphrase_salt"
PLAIN = b"plain:"
"""How migrations 0010 and 0011 mark a name they moved but could not encrypt."""
SEALED_PEOPLE = (
    (Case, Case.reporter),
    (InformationRequest, InformationRequest.requester_name),
    (InformationRequest, InformationRequest.requester_contact),
)
"""Encrypted columns that name people (beside case descriptions and message bodies)."""


def passphrase_salt(session: Session) -> bytes | None:
    """The salt a passphrase in `AKTSOM_SECRET_KEY` is stretched with, made for a register
    that holds nothing encrypted yet; None for one filled before salts existed (it keeps the
    old derivation, so its reports stay readable)."""
    with transaction(session):
        stored = session.get(RegisterSetting, SALT_NAME)
        if stored is not None:
            return stored.value
        if holds_secrets(session):
            return None
        salt = secrets.token_bytes(16)
        session.add(RegisterSetting(name=SALT_NAME, value=salt))
        return salt


def seal_marked(session: Session, keyring: Keyring) -> int:
    """Encrypt what a migration could only mark `plain:` (reporter names, requesters and
    their contacts written before these were encrypted); returns how many were sealed."""
    sealed = 0
    with transaction(session):
        for model, column in SEALED_PEOPLE:
            for row in session.scalars(select(model).where(column.is_not(None))):
                value = getattr(row, column.key)
                if value.startswith(PLAIN):
                    plain = value.removeprefix(PLAIN).decode("utf-8")
                    setattr(row, column.key, keyring.encrypt(plain))
                    sealed += 1
    return sealed


def holds_secrets(session: Session) -> bool:
    """Whether anything encrypted is stored (a case or an information request), so a new
    key must not be made; values a migration only marked `plain:` are not encrypted yet."""
    newest = _newest_secret(session)
    return newest is not None and not newest.startswith(PLAIN)


def check_keyring(session: Session, keyring: Keyring) -> None:
    """Raise KeyringError unless `keyring` decrypts the newest stored case or request."""
    newest = _newest_secret(session)
    if newest is None or newest.startswith(PLAIN):
        return
    try:
        keyring.decrypt(newest)
    except KeyringError as error:
        raise KeyringError(
            "these keys do not open the reports already stored: use the key file or "
            "AKTSOM_SECRET_KEY they were written with"
        ) from error


def _newest_secret(session: Session) -> bytes | None:
    """The newest encrypted value: a case description, else a requester's name."""
    case = session.scalar(select(Case.description).order_by(Case.id.desc()).limit(1))
    if case is not None:
        return case
    return session.scalar(
        select(InformationRequest.requester_name).order_by(InformationRequest.id.desc()).limit(1)
    )


def rotate_keys(
    session: Session, *, principal: Principal, key_path: Path | None = None
) -> dict[str, int]:
    """Put a new key first and re-encrypt every encrypted column with it, in one transaction.

    With `key_path` a fresh key is generated and written to the file *before* any row is
    re-encrypted, so a crash never leaves data under a lost key. Without it (keys from the
    secret) the operator has already put the new key first and rows are re-encrypted to it.
    Returns how many rows of each table were re-encrypted, never the keys; the session's
    keyring is replaced by the new one.
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
        for model, column in SEALED_PEOPLE:
            for row in session.scalars(select(model).where(column.is_not(None))):
                setattr(row, column.key, keyring.reencrypt(getattr(row, column.key)))
        change.record(None, action="keys.rotated", details=counts)
    session.info[KEYRING_INFO] = keyring
    return counts
