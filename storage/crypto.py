"""Authenticated encryption of case contents, and the keys behind it.

Keys come either from a secret the caller passes (the value of `AKTSOM_SECRET_KEY`: one or
more comma-separated keys, newest first; a Fernet key is used as is, any other text is a
passphrase stretched into one with scrypt and the register's stored salt) or from a key file
(`AKTSOM_KEY_FILE`, by default `<data dir>/keys/aktsom.keys`), created on first use with 0600
permissions, one Fernet key per line, newest first. A key file is only ever created for a
register that holds nothing encrypted yet: a missing file beside stored reports is an error,
never a new key. The newest key encrypts; every key decrypts, so rotation never strands old
data.

Each case has a data key of its own (`new_case_key`, `for_case`), wrapped by these keys and
kept outside the database in a `storage.case_keys` store, so a purge destroys it (see that
module). The oldest key also derives separate HMAC keys: one indexes receipt codes and hides rate
limit sources, one keys the audit chain and signs its checkpoints; keep old keys after
rotation (they are needed for backups anyway).

Usage::

    keyring = load_keyring(secret=None, path=key_file(Path("data")), may_create=True)
    token = keyring.encrypt("text")
    keyring.decrypt(token)  # "text"
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy.orm import Session

from storage.case_keys import CaseKeyDirectory, CaseKeyStore, MemoryCaseKeys
from storage.errors import KeyringError

KEY_FILE_NAME = "aktsom.keys"
CASE_KEY_DIR_NAME = "case-keys"
KEYRING_INFO = "aktsom.keyring"
_DERIVE_CONTEXT = b"aktsom-secret-key-v1:"
PASSPHRASE_SCRYPT_N = 2**15
"""scrypt cost for a passphrase: about 0.1 s once per start, 32 MiB; every guess costs that."""
_LOOKUP_CONTEXT = b"aktsom-lookup-key-v1"
_AUDIT_CONTEXT = b"aktsom-audit-key-v1"


class Cipher:
    """Authenticated encryption of text under one or more Fernet keys."""

    def __init__(self, fernet: Fernet | MultiFernet) -> None:
        self._fernet = fernet

    def encrypt(self, text: str) -> bytes:
        """Encrypt and authenticate `text` (with the newest key, where there are several)."""
        return self._fernet.encrypt(text.encode("utf-8"))

    def decrypt(self, token: bytes, *, ttl_s: int | None = None) -> str:
        """Decrypt `token` with whichever key made it; with `ttl_s`, refuse older tokens."""
        try:
            return self._fernet.decrypt(token, ttl=ttl_s).decode("utf-8")
        except InvalidToken as error:
            raise KeyringError("a stored value cannot be decrypted with these keys") from error


class Keyring(Cipher):
    """Fernet keys, newest first: encrypts with the first, decrypts with any; wraps case keys.

    `case_keys` is where wrapped case keys are kept; without one they live in memory, which
    suits tests and benchmarks only (`load_keyring` always gives a directory).
    """

    def __init__(self, keys: Sequence[bytes], *, case_keys: CaseKeyStore | None = None) -> None:
        if not keys:
            raise KeyringError("no encryption key configured")
        try:
            super().__init__(MultiFernet([Fernet(key) for key in keys]))
        except ValueError as error:
            raise KeyringError(f"not a valid Fernet key: {error}") from error
        self.keys = tuple(keys)
        self.case_keys = MemoryCaseKeys() if case_keys is None else case_keys
        self._lookup_key = hmac.digest(keys[-1], _LOOKUP_CONTEXT, "sha256")
        self._audit_key = hmac.digest(keys[-1], _AUDIT_CONTEXT, "sha256")

    def new_case_key(self) -> tuple[str, Cipher]:
        """A fresh data key for one case, stored wrapped; returns its id and its cipher."""
        key, key_id = Fernet.generate_key(), secrets.token_hex(16)
        self.case_keys.put(key_id, self._fernet.encrypt(key))
        return key_id, Cipher(Fernet(key))

    def for_case(self, key_id: str | None) -> Cipher:
        """The cipher of the case whose key is `key_id` (None: a case written before case
        keys, encrypted under the keyring itself)."""
        if key_id is None:
            return self
        return Cipher(Fernet(self._unwrap(key_id)))

    def rewrap_case_key(self, key_id: str) -> None:
        """Wrap a case key again under the newest key (during rotation)."""
        self.case_keys.put(key_id, self._fernet.encrypt(self._unwrap(key_id)))

    def destroy_case_keys(self, key_ids: Iterable[str]) -> None:
        """Destroy these case keys: what was encrypted under them is unreadable from now on."""
        self.case_keys.delete(key_ids)

    def reencrypt(self, token: bytes) -> bytes:
        """Re-encrypt `token` under the newest key."""
        try:
            return self._fernet.rotate(token)
        except InvalidToken as error:
            raise KeyringError("a stored value cannot be decrypted with these keys") from error

    def lookup(self, value: str) -> str:
        """A keyed, non-reversible hex digest of `value` for indexes that must not leak it."""
        return hmac.new(self._lookup_key, value.encode("utf-8"), hashlib.sha256).hexdigest()

    def seal(self, value: bytes) -> str:
        """HMAC-SHA256 of `value` under the audit key (not stored with the data), as hex."""
        return hmac.new(self._audit_key, value, hashlib.sha256).hexdigest()

    def with_new_key(self) -> Keyring:
        """A keyring with a fresh key in front of these, keeping the same case keys."""
        return Keyring([Fernet.generate_key(), *self.keys], case_keys=self.case_keys)

    def _unwrap(self, key_id: str) -> bytes:
        """The plain case key `key_id`; an error that says why when it cannot be had."""
        wrapped = self.case_keys.get(key_id)
        if wrapped is None:
            raise KeyringError(
                f"the key of a stored case ({key_id}) is not in the case key directory: "
                "restore that folder from your backup, or point AKTSOM_CASE_KEY_DIR at the "
                "one the register was written with"
            )
        try:
            return self._fernet.decrypt(wrapped)
        except InvalidToken as error:
            raise KeyringError(
                "these keys do not open the reports already stored (case key "
                f"{key_id}): use the key file or AKTSOM_SECRET_KEY they were written with"
            ) from error


def load_keyring(
    *,
    secret: str | None,
    path: Path,
    may_create: bool,
    salt: bytes | None = None,
    case_key_dir: Path | None = None,
) -> Keyring:
    """The keyring from `secret` when given, else from the key file at `path`, with its case
    keys in `case_key_dir` (by default `case-keys` beside `path`).

    A passphrase in `secret` needs the register's `salt`; without one (a register from before
    salts, see `storage.services.keys.passphrase_salt`) the old single-hash derivation is used.
    A missing file is created with a fresh key only when `may_create` (the register holds
    nothing encrypted yet); otherwise it is an error that says what to do.
    """
    case_keys = CaseKeyDirectory(case_key_dir or path.parent / CASE_KEY_DIR_NAME)
    if secret:
        parts = [part.strip() for part in secret.split(",") if part.strip()]
        return Keyring([_to_fernet_key(part, salt=salt) for part in parts], case_keys=case_keys)
    if not path.exists():
        if not may_create:
            raise KeyringError(
                f"the key file {path} is missing, but the register already holds encrypted "
                "reports: restore the key file from your backup (or point AKTSOM_KEY_FILE or "
                "AKTSOM_SECRET_KEY at the key); a new key would make them unreadable"
            )
        save_keyring(Keyring([Fernet.generate_key()]), path=path)
    try:
        lines = path.read_text(encoding="ascii").split()
    except OSError as error:
        raise KeyringError(f"cannot read key file {path}: {error}") from error
    return Keyring([line.encode("ascii") for line in lines], case_keys=case_keys)


def key_file(data_dir: Path) -> Path:
    """Where the key file lives when `AKTSOM_KEY_FILE` does not say: inside `data_dir`."""
    return data_dir / "keys" / KEY_FILE_NAME


def save_keyring(keyring: Keyring, *, path: Path) -> None:
    """Write the keys atomically, newest first, readable by the owner only."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write("".join(key.decode("ascii") + "\n" for key in keyring.keys))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def keyring_for(session: Session) -> Keyring:
    """The keyring attached to `session` by `storage.db.make_sessionmaker`."""
    keyring = session.info.get(KEYRING_INFO)
    if keyring is None:
        raise KeyringError("this session has no keyring; pass keyring= to make_sessionmaker")
    return keyring


def _to_fernet_key(secret: str, *, salt: bytes | None) -> bytes:
    """Use a Fernet key as given; stretch any other secret into one (scrypt with `salt`)."""
    raw = secret.encode("utf-8")
    try:
        if len(base64.urlsafe_b64decode(raw)) == 32:
            return raw
    except ValueError:
        pass
    if salt is None:
        return base64.urlsafe_b64encode(hashlib.sha256(_DERIVE_CONTEXT + raw).digest())
    stretched = hashlib.scrypt(
        raw, salt=salt, n=PASSPHRASE_SCRYPT_N, r=8, p=1, maxmem=64 * 2**20, dklen=32
    )
    return base64.urlsafe_b64encode(stretched)
