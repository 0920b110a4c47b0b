"""Where each case's own data key is kept: outside the database, so a purge destroys it.

A case's description, reporter and messages are encrypted under a key of their own (see
`storage.crypto.Keyring.new_case_key`). That key, wrapped by the keyring, is one small file
in the case key directory (`AKTSOM_CASE_KEY_DIR`, by default `case-keys` beside the key
file), named by a random id that the case row holds. Purging a case deletes its file, so
every copy of the database made before the purge, backups included, keeps only ciphertext
that nothing opens any more (crypto-shredding). That holds as long as the directory is not
copied along with the database: back it up apart, and keep its copies no longer than the
retention period.

A file is written and synced before the case that needs it commits; a case that never
commits (a crash, a failed insert) leaves a file nothing refers to, which `stale` lists
once it is old enough that no submission can still be on its way.

Usage::

    store = CaseKeyDirectory(Path("/etc/aktsom/case-keys"))
    store.put("3f9c…", wrapped)
    store.get("3f9c…")      # the wrapped key, or None once destroyed
    store.delete(["3f9c…"])
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from storage.errors import KeyringError

_KEY_ID = re.compile(r"[0-9a-f]{32}")


class CaseKeyStore(Protocol):
    """Wrapped case keys by id."""

    def put(self, key_id: str, wrapped: bytes) -> None:
        """Keep `wrapped` under `key_id`, durably, replacing what was there."""

    def get(self, key_id: str) -> bytes | None:
        """The wrapped key, or None when it was destroyed (or never written)."""

    def delete(self, key_ids: Iterable[str]) -> None:
        """Destroy these keys; ids already gone are skipped."""

    def stale(self, older_than: timedelta) -> list[str]:
        """Ids of keys written more than `older_than` ago."""


class CaseKeyDirectory:
    """One file per key in a directory that only the owner can enter (0700, files 0600)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def put(self, key_id: str, wrapped: bytes) -> None:
        """Write the key to a temporary file, sync it, and move it into place."""
        path = self._path(key_id)
        temporary = path.with_suffix(".tmp")
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(wrapped)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except OSError as error:
            raise KeyringError(
                f"cannot write a case key in {self.directory}: {error.strerror or error}; "
                "AKTSOM_CASE_KEY_DIR must be a folder aktsom can write to"
            ) from error

    def get(self, key_id: str) -> bytes | None:
        """The wrapped key, or None when its file is gone."""
        try:
            return self._path(key_id).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise KeyringError(
                f"cannot read case key {key_id} in {self.directory}: {error.strerror or error}"
            ) from error

    def delete(self, key_ids: Iterable[str]) -> None:
        """Remove each key's file."""
        for key_id in key_ids:
            self._path(key_id).unlink(missing_ok=True)

    def stale(self, older_than: timedelta) -> list[str]:
        """Ids of key files last written more than `older_than` ago."""
        if not self.directory.is_dir():
            return []
        cutoff = time.time() - older_than.total_seconds()
        return sorted(
            path.name
            for path in self.directory.iterdir()
            if _KEY_ID.fullmatch(path.name) and path.stat().st_mtime < cutoff
        )

    def _path(self, key_id: str) -> Path:
        if not _KEY_ID.fullmatch(key_id):
            raise KeyringError(f"not a case key id: {key_id!r}")
        return self.directory / key_id


class MemoryCaseKeys:
    """Keys in a dict, gone with the process: for tests and benchmarks, never a register."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[bytes, float]] = {}

    def put(self, key_id: str, wrapped: bytes) -> None:
        """Keep the key in memory."""
        self._keys[key_id] = (wrapped, time.time())

    def get(self, key_id: str) -> bytes | None:
        """The key, or None."""
        entry = self._keys.get(key_id)
        return None if entry is None else entry[0]

    def delete(self, key_ids: Iterable[str]) -> None:
        """Forget these keys."""
        for key_id in key_ids:
            self._keys.pop(key_id, None)

    def stale(self, older_than: timedelta) -> list[str]:
        """Ids of keys kept more than `older_than` ago."""
        cutoff = time.time() - older_than.total_seconds()
        return sorted(key for key, (_, at) in self._keys.items() if at < cutoff)
