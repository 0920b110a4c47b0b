"""Keys against the register: whether a new key may be made, whether the keys in hand open
what is stored, rotation (a new key first, every case key wrapped again and every other
encrypted column re-encrypted with it), and case keys that no case needs any more.

A service rather than part of `storage.crypto` because it needs the register's tables (and,
for rotation, a principal and an audit event); `storage.crypto` stays pure key handling.

Usage::

    keyring = load_keyring(secret=None, path=path, may_create=not holds_secrets(session))
    check_keyring(session, keyring)          # KeyringError if these keys are the wrong ones
    counts = rotate_keys(session, principal=officer, key_path=path)
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.crypto import KEYRING_INFO, Keyring, keyring_for, save_keyring
from storage.db import transaction
from storage.errors import KeyringError
from storage.models import Case, InformationRequest, RegisterSetting
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
ORPHAN_KEY_AGE = timedelta(days=1)
"""How old a case key that no case refers to must be before it is destroyed: far longer than
any submission takes to commit, so one still on its way never loses its key."""


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
                    cipher = keyring.for_case(row.key_id) if model is Case else keyring
                    setattr(row, column.key, cipher.encrypt(plain))
                    sealed += 1
    return sealed


def give_cases_keys(session: Session, keyring: Keyring) -> int:
    """Move every case written before case keys onto a key of its own; returns how many."""
    with transaction(session):
        return _give_keys(session, keyring)


def sweep_case_keys(session: Session, *, older_than: timedelta = ORPHAN_KEY_AGE) -> int:
    """Destroy case keys older than `older_than` that no case refers to (left by a
    submission that never committed); returns how many."""
    keyring = keyring_for(session)
    stale = set(keyring.case_keys.stale(older_than))
    if not stale:
        return 0
    with transaction(session):
        used = set(session.scalars(select(Case.key_id).where(Case.key_id.in_(stale))))
    keyring.destroy_case_keys(stale - used)
    return len(stale - used)


def holds_secrets(session: Session) -> bool:
    """Whether anything encrypted is stored (a case or an information request), so a new
    key must not be made; values a migration only marked `plain:` are not encrypted yet."""
    newest = _newest_secret(session)
    return newest is not None and not newest[0].startswith(PLAIN)


def check_keyring(session: Session, keyring: Keyring) -> None:
    """Raise KeyringError unless `keyring` (and, for a case, its key in the case key
    directory) decrypts the newest stored case or request."""
    newest = _newest_secret(session)
    if newest is None or newest[0].startswith(PLAIN):
        return
    value, key_id = newest
    cipher = keyring.for_case(key_id)
    try:
        cipher.decrypt(value)
    except KeyringError as error:
        raise KeyringError(
            "these keys do not open the reports already stored: use the key file or "
            "AKTSOM_SECRET_KEY they were written with"
        ) from error


def _newest_secret(session: Session) -> tuple[bytes, str | None] | None:
    """The newest encrypted value with the key id it is under: a case description (and
    its case key), else a requester's name (under the keyring)."""
    case = session.execute(
        select(Case.description, Case.key_id).order_by(Case.id.desc()).limit(1)
    ).first()
    if case is not None:
        return case.description, case.key_id
    name = session.scalar(
        select(InformationRequest.requester_name).order_by(InformationRequest.id.desc()).limit(1)
    )
    return None if name is None else (name, None)


def rotate_keys(
    session: Session, *, principal: Principal, key_path: Path | None = None
) -> dict[str, int]:
    """Put a new key first, wrap every case key again with it and re-encrypt the other
    encrypted columns, in one transaction.

    With `key_path` a fresh key is generated and written to the file *before* anything is
    wrapped or re-encrypted, so a crash never leaves data under a lost key. Without it (keys
    from the secret) the operator has already put the new key first. Case contents stay
    under their own keys, which only get wrapped anew. Returns counts, never keys: the case
    keys wrapped again and the requesters re-encrypted; the session's keyring is replaced
    by the new one.
    """
    with KEYRING.transaction(session, principal=principal, action="keys.rotate") as change:
        keyring = keyring_for(session)
        if key_path is not None:
            keyring = keyring.with_new_key()
            save_keyring(keyring, path=key_path)
        _give_keys(session, keyring)
        key_ids = session.scalars(select(Case.key_id)).all()
        for key_id in key_ids:
            keyring.rewrap_case_key(key_id)
        requests = session.scalars(select(InformationRequest)).all()
        for request in requests:
            for _, column in SEALED_PEOPLE[1:]:
                if (value := getattr(request, column.key)) is not None:
                    setattr(request, column.key, keyring.reencrypt(value))
        counts = {"case_keys": len(key_ids), "information_requests": len(requests)}
        change.record(None, action="keys.rotated", details=counts)
    session.info[KEYRING_INFO] = keyring
    return counts


def _give_keys(session: Session, keyring: Keyring) -> int:
    """Re-encrypt each case without a key id (description, reporter, messages) under a new
    case key of its own."""
    legacy = session.scalars(
        select(Case).where(Case.key_id.is_(None)).options(selectinload(Case.messages))
    ).all()
    for case in legacy:
        key_id, cipher = keyring.new_case_key()
        case.description = cipher.encrypt(keyring.decrypt(case.description))
        if case.reporter is not None:
            case.reporter = cipher.encrypt(keyring.decrypt(case.reporter))
        for message in case.messages:
            message.body = cipher.encrypt(keyring.decrypt(message.body))
        case.key_id = key_id
    return len(legacy)
