"""The data dir belongs to the user aktsom runs as: the folder 0700, every file in it 0600.

`make_private` creates the folder (or tightens one made before), tightens the SQLite
database already in it, and sets the process umask to 077, so everything written from then
on (the database and its WAL, the index, uploads, key files) is created readable by that user
only. Permissions guard against other accounts on the machine; they do not protect a copy
of the folder (see README, "Keys").

Usage::

    make_private(settings.data_dir)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from storage.errors import DataDirUnusable

PRIVATE_UMASK = 0o077
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def make_private(directory: Path) -> Path:
    """Create `directory` 0700, take group and other access off it and its files, umask 077.

    The owner's own bits are kept, so a folder made read-only stays read-only.
    """
    os.umask(PRIVATE_UMASK)
    try:
        directory.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    except OSError as error:
        blocker = next((p for p in (directory, *directory.parents) if p.exists()), None)
        reason = error.strerror or str(error)
        if blocker is not None and not blocker.is_dir():
            reason = f"{blocker} is a file, not a folder"
        raise DataDirUnusable(
            f"cannot use the data folder {directory}: {reason}. "
            "Set AKTSOM_DATA_DIR to a folder you can write to."
        ) from error
    _tighten(directory, PRIVATE_DIR_MODE)
    for path in directory.glob("*"):
        if path.is_file() and not path.is_symlink():
            _tighten(path, PRIVATE_FILE_MODE)
    return directory


def _tighten(path: Path, allowed: int) -> None:
    """Clear every permission bit of `path` outside `allowed`."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & ~allowed:
        path.chmod(mode & allowed)
