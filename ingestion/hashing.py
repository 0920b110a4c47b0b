"""Content hashes and document ids: how the index knows a file it has seen before.

`document_id` names the file (readable in logs and citations, stable across runs) and
`content_hash` names its bytes; a file whose id and hash are both known is unchanged.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

PATH_HASH_CHARS = 6
MAX_SLUG_CHARS = 60
_TRANSLITERATIONS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "þ": "th", "đ": "d"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def content_hash(data: bytes) -> str:
    """The SHA-256 of a file's raw bytes, as hex."""
    return hashlib.sha256(data).hexdigest()


def document_id(path: Path) -> str:
    """A stable, readable id: the slug of the file stem plus a short hash of its full path.

    "Exso åpenhetsloven.pdf" becomes e.g. "exso-apenhetsloven-3f2a1c"; the same name in
    another folder gets another suffix, so the two never collide.
    """
    where = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:PATH_HASH_CHARS]
    return f"{slugify(path.stem) or 'document'}-{where}"


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Åpenhetsloven § 4" → "apenhetsloven-4")."""
    text = text.lower().translate(_TRANSLITERATIONS)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text).strip("-")[:MAX_SLUG_CHARS].rstrip("-")
