"""Case contents are encrypted at rest, and key rotation keeps them readable."""

from __future__ import annotations

import base64
import hashlib
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from storage.crypto import Keyring, key_file, load_keyring
from storage.db import make_sessionmaker
from storage.errors import KeyringError
from storage.models import CaseCategory, Channel
from storage.principal import Principal
from storage.services.case_schemas import CaseCreate
from storage.services.cases import add_handler_message, get_case, submit_report
from storage.services.keys import check_keyring, passphrase_salt, rotate_keys

SECRET_TEXT = "Forman Rahim holder tilbake lønn ved fabrikken i Gazipur"
NOW = datetime(2026, 4, 1, tzinfo=UTC)


def _submit(session: Session, principal: Principal) -> str:
    data = CaseCreate(
        category=CaseCategory.WAGES_AND_BENEFITS, description=SECRET_TEXT, channel=Channel.TEAMS
    )
    return submit_report(session, principal=principal, data=data, now=NOW).reference


def _raw_contents(engine: Engine) -> list[bytes]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT description FROM cases")).scalars().all()
        rows += connection.execute(text("SELECT body FROM case_messages")).scalars().all()
    return [bytes(row) for row in rows]


def test_report_text_is_not_stored_in_clear(
    engine: Engine, session: Session, employee: Principal, officer: Principal
) -> None:
    reference = _submit(session, employee)
    add_handler_message(session, principal=officer, reference=reference, body="Gazipur besøk")
    raw = _raw_contents(engine)
    assert len(raw) == 2
    assert all(b"Gazipur" not in value and b"Rahim" not in value for value in raw)


def test_rotation_wraps_case_keys_anew_and_cases_stay_readable(
    engine: Engine, session: Session, data_dir: Path, employee: Principal, officer: Principal
) -> None:
    keyring = load_keyring(secret=None, path=key_file(data_dir), may_create=True)
    sessions = make_sessionmaker(engine, keyring=keyring)
    with sessions() as first:
        reference = _submit(first, employee)
    with sessions() as rotating:
        counts = rotate_keys(rotating, principal=officer, key_path=key_file(data_dir))
    assert counts == {"case_keys": 1, "information_requests": 0}
    reloaded = load_keyring(secret=None, path=key_file(data_dir), may_create=False)
    assert len(reloaded.keys) == 2 and reloaded.keys[1:] == keyring.keys
    with engine.connect() as connection:
        key_id = connection.execute(text("SELECT key_id FROM cases")).scalar_one()
    newest_only = Keyring(reloaded.keys[:1], case_keys=reloaded.case_keys)
    assert newest_only.for_case(key_id).decrypt(_raw_contents(engine)[0]) == SECRET_TEXT
    with pytest.raises(KeyringError):
        Keyring(keyring.keys, case_keys=reloaded.case_keys).for_case(key_id)
    with make_sessionmaker(engine, keyring=reloaded)() as reader:
        assert get_case(reader, principal=officer, reference=reference).description == SECRET_TEXT


def test_each_case_has_its_own_key_and_the_register_key_alone_opens_none(
    engine: Engine, session: Session, keyring: Keyring, employee: Principal
) -> None:
    _submit(session, employee)
    _submit(session, employee)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT description, key_id FROM cases")).all()
    assert len({row.key_id for row in rows}) == 2
    for description, key_id in rows:
        assert keyring.for_case(key_id).decrypt(description) == SECRET_TEXT
        with pytest.raises(KeyringError):
            keyring.decrypt(description)


def test_old_key_ciphertext_is_readable_before_rotation() -> None:
    old = Keyring([Fernet.generate_key()])
    token = old.encrypt(SECRET_TEXT)
    assert old.with_new_key().decrypt(token) == SECRET_TEXT


def test_key_file_is_private(data_dir: Path) -> None:
    load_keyring(secret=None, path=key_file(data_dir), may_create=True)
    path = key_file(data_dir)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def _passphrase_keyring(passphrase: str, salt: bytes | None) -> Keyring:
    return load_keyring(secret=passphrase, path=Path("/nonexistent"), may_create=False, salt=salt)


def test_a_passphrase_gives_a_stable_key_per_salt_and_is_stretched() -> None:
    salt, other_salt = b"s" * 16, b"t" * 16
    one = _passphrase_keyring("a long operator passphrase", salt)
    two = _passphrase_keyring("a long operator passphrase", salt)
    assert two.decrypt(one.encrypt(SECRET_TEXT)) == SECRET_TEXT
    single_hash = base64.urlsafe_b64encode(
        hashlib.sha256(b"aktsom-secret-key-v1:a long operator passphrase").digest()
    )
    assert one.keys[0] != single_hash
    for different in (
        _passphrase_keyring("a long operator passphrase", other_salt),
        _passphrase_keyring("another operator passphrase", salt),
    ):
        with pytest.raises(KeyringError):
            different.decrypt(one.encrypt(SECRET_TEXT))


def test_the_register_keeps_its_passphrase_salt(
    engine: Engine, session: Session, employee: Principal
) -> None:
    salt = passphrase_salt(session)
    assert salt is not None and len(salt) == 16
    assert passphrase_salt(session) == salt


def test_a_register_filled_before_salts_keeps_its_old_derivation(
    engine: Engine, employee: Principal
) -> None:
    legacy = _passphrase_keyring("a long operator passphrase", None)
    with make_sessionmaker(engine, keyring=legacy)() as session:
        reference = _submit(session, employee)
        assert passphrase_salt(session) is None
    reopened = _passphrase_keyring("a long operator passphrase", None)
    with make_sessionmaker(engine, keyring=reopened)() as session:
        check_keyring(session, reopened)
        assert reference
