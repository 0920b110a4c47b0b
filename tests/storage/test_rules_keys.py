"""Keys that must keep opening the register: a passphrase gives the same key in every
release (or registers made with it could not be read after an upgrade), the key file is
where the documentation says and only its owner can read it, a secret of several keys opens
what any of them wrote, a sealed token expires, a rotation puts the people named in
information requests under the new key while a named reporter stays known, and a register
whose newest request is sealed holds secrets (so no new key may be made for it)."""

from __future__ import annotations

import os
import stat
import time
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
from storage.services.cases import get_case, submit_report
from storage.services.info_requests import InformationRequestCreate, get_request, submit_request
from storage.services.keys import holds_secrets, rotate_keys

PASSPHRASE = "correct horse battery staple"
SALT = bytes(range(16))
# scrypt(PASSPHRASE, SALT, n=2**15, r=8, p=1, dklen=32), and the salt-less derivation of
# registers from before salts; written down so that a change of parameters shows here.
STRETCHED_KEY = b"eo40JB24mNWRdcaWU4xBdGepdf_laQaEJfFhiNMVnFg="
UNSALTED_KEY = b"mn5pdO98mfb5baBUmQgFxJ24bCiDrz48IR6Oi_ywMBo="
NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def test_a_passphrase_derives_the_same_key_in_every_release(tmp_path: Path) -> None:
    path = tmp_path / "aktsom.keys"
    salted = load_keyring(secret=PASSPHRASE, path=path, may_create=False, salt=SALT)
    unsalted = load_keyring(secret=PASSPHRASE, path=path, may_create=False)

    assert salted.keys == (STRETCHED_KEY,)
    assert unsalted.keys == (UNSALTED_KEY,)


def test_the_key_file_is_where_the_documentation_says_by_default(tmp_path: Path) -> None:
    assert key_file(tmp_path) == tmp_path / "keys" / "aktsom.keys"


def test_a_secret_of_several_keys_encrypts_with_the_first_and_opens_with_any(
    tmp_path: Path,
) -> None:
    new, old = Fernet.generate_key(), Fernet.generate_key()
    written_before = Fernet(old).encrypt(b"gammel rapport")
    keyring = load_keyring(
        secret=f"{new.decode()}, {old.decode()}", path=tmp_path / "aktsom.keys", may_create=False
    )

    assert keyring.keys == (new, old)
    assert keyring.decrypt(written_before) == "gammel rapport"
    assert Fernet(new).decrypt(keyring.encrypt("ny rapport")) == b"ny rapport"


def test_a_token_older_than_its_time_limit_is_refused(keyring: Keyring) -> None:
    # receipt codes carried between two form steps are sealed like this and expire
    an_hour_ago = int(time.time()) - 3600
    token = Fernet(keyring.keys[0]).encrypt_at_time(b"1234567812345678", an_hour_ago)

    assert keyring.decrypt(token) == "1234567812345678"
    with pytest.raises(KeyringError):
        keyring.decrypt(token, ttl_s=600)


def test_a_new_key_file_is_made_in_new_folders_for_the_owner_only(tmp_path: Path) -> None:
    previous = os.umask(0)  # a careless host: nothing masked
    try:
        path = tmp_path / "etc" / "aktsom" / "aktsom.keys"
        keyring = load_keyring(secret=None, path=path, may_create=True)
    finally:
        os.umask(previous)

    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_keyring(secret=None, path=path, may_create=False).keys == keyring.keys


def test_a_rotation_puts_requesters_under_the_new_key(
    engine: Engine, session: Session, officer: Principal, tmp_path: Path
) -> None:
    request = submit_request(
        session,
        data=InformationRequestCreate(
            requester_name="Kari Nordmann",
            requester_contact="kari@example.no",
            question="Hvilke leverandører i Bangladesh?",
            received_at=NOW,
        ),
    )
    key_path = tmp_path / "keys" / "aktsom.keys"
    rotate_keys(session, principal=officer, key_path=key_path)

    newest = key_path.read_text(encoding="ascii").split()[0].encode("ascii")
    with make_sessionmaker(engine, keyring=Keyring([newest]))() as reader:
        found = get_request(reader, principal=officer, request_id=request.id)
    assert (found.requester_name, found.requester_contact) == ("Kari Nordmann", "kari@example.no")


def test_a_register_whose_newest_request_is_encrypted_holds_secrets(
    engine: Engine, session: Session
) -> None:
    # the older request is one a migration could only mark `plain:`; the newer is sealed
    requests = [
        submit_request(
            session,
            data=InformationRequestCreate(
                requester_name=name, requester_contact="x@example.no", question="?", received_at=NOW
            ),
        )
        for name in ("Kari", "Ola")
    ]
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE information_requests SET requester_name = :name WHERE id = :id"),
            {"name": b"plain:Kari", "id": requests[0].id},
        )

    assert holds_secrets(session)


def test_a_named_reporter_stays_known_after_a_rotation(
    session: Session, employee: Principal, officer: Principal, tmp_path: Path
) -> None:
    data = CaseCreate(
        category=CaseCategory.HEALTH_AND_SAFETY,
        description="Nødutgangen er låst.",
        channel=Channel.SLACK,
        anonymous=False,
    )
    reference = submit_report(session, principal=employee, data=data, now=NOW).reference
    rotate_keys(session, principal=officer, key_path=tmp_path / "keys" / "aktsom.keys")

    detail = get_case(session, principal=officer, reference=reference)
    assert (detail.reporter_id, detail.description) == ("U-EMPLOYEE", "Nødutgangen er låst.")
