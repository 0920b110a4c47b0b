"""One clean text form for every format, so chunking, hashing of chunks and quoting agree.

Loaders hand over whatever their format produced: Windows line ends, non-breaking spaces,
soft hyphens, decomposed "å", PDF lines broken inside words. `normalise_text` turns that into
NFC text with single spaces, `\\n` line breaks and at most one blank line between paragraphs.
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Control and invisible format characters; \t and \n are handled separately.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
# A hyphen at a line end between letters, unless the next word is a conjunction ("olje- og").
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-\n(?!(?:og|eller|and|or|och|samt|und)\b)(?=[a-zæøåäöüé])")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str, *, dehyphenate: bool = False) -> str:
    """Return `text` in NFC with tidy whitespace, keeping paragraph breaks.

    Args:
        text: raw text from a loader.
        dehyphenate: join words split over a line end ("leveran-\\ndører" → "leverandører");
            right for PDFs, whose lines were broken by the layout, not by the author.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    if dehyphenate:
        text = _HYPHENATED.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip()
