"""Markdown files: headings become sections, and optional YAML front matter declares metadata.

Parsing is CommonMark by `markdown-it-py`; the front matter block is read by PyYAML::

    ---
    title: Exso — redegjørelse 2024
    kind: supplier_report
    supplier: Exso AS
    ---

Text keeps what people read: words of links and emphasis (not the syntax), list items as
"- item" lines, code blocks verbatim, table rows as cells joined by " | ".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ingestion.document import Section
from ingestion.loaders.decoding import decode_text
from ingestion.loaders.loaded import LoadedText

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_PARSER = MarkdownIt("commonmark").enable("table")


def load(data: bytes, *, name: str) -> LoadedText:
    """Load a Markdown file."""
    text = decode_text(data, name=name).replace("\r\n", "\n")
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        meta = _parse_front_matter(front.group(1))
        text = text[front.end() :]
    sections, first_h1 = _split_sections(_PARSER.parse(text))
    title = meta.pop("title", None) or first_h1
    return LoadedText(title=title, sections=sections, meta=meta)


def _parse_front_matter(block: str) -> dict[str, str]:
    """Top-level scalar values of the YAML block, keys lower-cased; anything else is ignored."""
    try:
        parsed = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    if not isinstance(parsed, dict):
        return {}
    return {
        str(key).lower(): str(value).strip()
        for key, value in parsed.items()
        if isinstance(value, str | int | float) and str(value).strip()
    }


def _split_sections(tokens: Sequence[Token]) -> tuple[list[Section], str | None]:
    """Cut the token stream at headings; return the non-empty sections and the first h1."""
    sections: list[Section] = []
    heading: str | None = None
    first_h1: str | None = None
    blocks: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            sections.append(Section(text="\n\n".join(blocks), heading=heading))
            blocks = []
            heading = _words(tokens[index + 1]).strip()
            if token.tag == "h1" and first_h1 is None:
                first_h1 = heading
            index += 3
            continue
        index = _read_block(tokens, index, blocks)
    sections.append(Section(text="\n\n".join(blocks), heading=heading))
    return [section for section in sections if section.text.strip()], first_h1


def _read_block(tokens: Sequence[Token], index: int, blocks: list[str]) -> int:
    """Append the text of the block starting at `index`; return the index after it."""
    token = tokens[index]
    if token.type in ("fence", "code_block"):
        blocks.append(token.content.rstrip("\n"))
    elif token.type in ("bullet_list_open", "ordered_list_open"):
        lines: list[str] = []
        end = _close_of(tokens, index)
        ordered = token.type == "ordered_list_open"
        number = 0
        for inner in tokens[index + 1 : end]:
            if inner.type == "list_item_open" and inner.level == token.level + 1:
                number += 1
                lines.append(f"{number}." if ordered else "-")
            elif inner.type == "inline":
                lines[-1] = f"{lines[-1]} {_words(inner)}".rstrip() if lines else _words(inner)
        blocks.append("\n".join(lines))
        return end + 1
    elif token.type == "table_open":
        end = _close_of(tokens, index)
        rows: list[list[str]] = []
        for inner in tokens[index + 1 : end]:
            if inner.type == "tr_open":
                rows.append([])
            elif inner.type == "inline" and rows:
                rows[-1].append(_words(inner))
        blocks.append("\n".join(" | ".join(row) for row in rows))
        return end + 1
    elif token.type == "inline":
        blocks.append(_words(token))
    elif token.type == "html_block":
        blocks.append(re.sub(r"<[^>]+>", " ", token.content).strip())
    return index + 1


def _close_of(tokens: Sequence[Token], index: int) -> int:
    """Index of the token that closes the one opened at `index`."""
    opener = tokens[index]
    closer = opener.type.replace("_open", "_close")
    for position in range(index + 1, len(tokens)):
        if tokens[position].type == closer and tokens[position].level == opener.level:
            return position
    return len(tokens) - 1


def _words(inline: Token) -> str:
    """The readable text of an inline token: words of links and emphasis, breaks as newlines."""
    parts: list[str] = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)
