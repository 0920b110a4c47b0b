"""Bytes to text for the plain-text formats (.txt, .md, .html).

Norwegian files that are not UTF-8 are nearly always Windows-1252 or Latin-1, and
charset-normalizer guesses short texts of that kind as Central European code pages (turning
"æøå" into "ćřĺ"), so after UTF-8 the Western European code page is tried first and the
open-ended detector only after that.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ingestion.errors import UndecodableText

_WESTERN = ["cp1252", "latin_1"]
_UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode_text(data: bytes, *, name: str) -> str:
    """Decode a text file's bytes, or raise UndecodableText when they are not text."""
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_strict(data, "utf-8-sig", name=name), name=name)
    if not data.startswith(_UNICODE_BOMS):
        try:
            return _checked(data.decode("utf-8"), name=name)
        except UnicodeDecodeError:
            pass
        if b"\x00" in data:
            raise UndecodableText(f"{name}: binary data, not text")
    match = from_bytes(data, cp_isolation=_WESTERN).best() or from_bytes(data).best()
    if match is None:
        raise UndecodableText(f"{name}: not text in any encoding we recognise")
    return _checked(str(match), name=name)


def _strict(data: bytes, encoding: str, *, name: str) -> str:
    """Decode with one encoding, turning failure into UndecodableText."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableText(f"{name}: invalid {encoding} text ({exc.reason})") from exc


def _checked(text: str, *, name: str) -> str:
    """Refuse text that is mostly control characters: a binary file that happened to decode."""
    if text and len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_SHARE:
        raise UndecodableText(f"{name}: binary data, not text")
    return text
