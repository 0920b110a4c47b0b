"""Markdown files: headings become sections, and optional front matter declares metadata.

Front matter is the simple `key: value` kind, not full YAML::

    ---
    title: Exso — redegjørelse 2024
    kind: supplier_report
    supplier: Exso AS
    ---
"""

from __future__ import annotations

import re

from ingestion.document import Section
from ingestion.loaders.decoding import decode_text
from ingestion.loaders.loaded import LoadedText

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")


def load(data: bytes, *, name: str) -> LoadedText:
    """Load a Markdown file."""
    text = decode_text(data, name=name).replace("\r\n", "\n")
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        meta = _parse_front_matter(front.group(1))
        text = text[front.end() :]
    sections, first_h1 = _split_sections(text)
    title = meta.pop("title", None) or first_h1
    return LoadedText(title=title, sections=sections, meta=meta)


def _parse_front_matter(block: str) -> dict[str, str]:
    """Read `key: value` lines; quotes around values are dropped, other lines ignored."""
    meta: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#")):
            value = value.strip().strip("\"'").strip()
            if value:
                meta[key.strip().lower()] = value
    return meta


def _split_sections(text: str) -> tuple[list[Section], str | None]:
    """Cut the text at headings; return the sections with text and the first level-1 heading."""
    sections: list[Section] = []
    heading: str | None = None
    first_h1: str | None = None
    lines: list[str] = []
    in_fence = False
    for line in _setext_to_atx(text.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        atx = None if in_fence else _ATX_HEADING.match(line)
        if atx:
            sections.append(Section(text=_plain(lines), heading=heading))
            lines = []
            heading = _inline(atx.group(2)).strip()
            if len(atx.group(1)) == 1 and first_h1 is None:
                first_h1 = heading
        elif not in_fence and _RULE.match(line):
            lines.append("")
        else:
            lines.append(line if in_fence else _QUOTE.sub("", line))
    sections.append(Section(text=_plain(lines), heading=heading))
    return [section for section in sections if section.text], first_h1


def _setext_to_atx(lines: list[str]) -> list[str]:
    """Rewrite `Title` over `=====` (or `-----`) as `# Title` (or `## Title`)."""
    out: list[str] = []
    skip = False
    for index, line in enumerate(lines):
        if skip:
            skip = False
            continue
        underline = _SETEXT_UNDERLINE.match(lines[index + 1]) if index + 1 < len(lines) else None
        starts_paragraph = not out or not out[-1].strip()
        if underline and line.strip() and starts_paragraph and not _ATX_HEADING.match(line):
            out.append(("# " if underline.group(1)[0] == "=" else "## ") + line.strip())
            skip = True
        else:
            out.append(line)
    return out


def _plain(lines: list[str]) -> str:
    """Join lines and drop inline Markdown syntax, keeping the words people read."""
    return _inline("\n".join(lines)).strip()


def _inline(text: str) -> str:
    """Replace images and links by their text and drop emphasis and code markers."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    return _EMPHASIS.sub(r"\2", text)
