"""Word .docx files: paragraphs styled as headings start sections; tables are read row by row.

Heading styles are recognised by name: "Heading 2", and the names Norwegian and Swedish
templates use ("Overskrift 2", "Rubrik 2"). A "Title" paragraph becomes the title.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document as open_docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError

from ingestion.document import Section
from ingestion.errors import CorruptFile
from ingestion.loaders.loaded import LoadedText

_HEADING_STYLE = re.compile(r"^(heading|overskrift|rubrik)\s*\d", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^(list|liste)", re.IGNORECASE)
_PARSE_ERRORS = (OpcError, zipfile.BadZipFile, LxmlError, KeyError, ValueError, AttributeError)


def load(data: bytes, *, name: str) -> LoadedText:
    """Load a Word document."""
    try:
        document = open_docx(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
        declared_title = (document.core_properties.title or "").strip()
    except _PARSE_ERRORS as exc:
        raise CorruptFile(f"{name}: corrupt Word document: {exc}") from exc
    sections: list[Section] = []
    heading: str | None = None
    title: str | None = None
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
            continue
        text = block.text.strip()
        style = _style_name(block)
        if not text:
            lines.append("")
        elif style == "title" and title is None:
            title = text
        elif _HEADING_STYLE.match(style):
            _close(sections, lines=lines, heading=heading)
            lines = []
            heading = text
        elif _LIST_STYLE.match(style):
            lines.append(f"- {text}")
        else:
            lines.extend([text, ""])
    _close(sections, lines=lines, heading=heading)
    return LoadedText(title=title or declared_title or None, sections=sections)


def _style_name(paragraph: Paragraph) -> str:
    """The paragraph's style name in lower case, or "" when it has none."""
    style = paragraph.style
    return (style.name or "").lower() if style is not None else ""


def _table_lines(table: Table) -> list[str]:
    """One line per table row, cells separated by " | ", then a blank line."""
    rows = []
    for row in table.rows:
        cells = [cell.text.strip() for cell in row.cells]
        if any(cells):
            rows.append(" | ".join(cells))
    return [*rows, ""]


def _close(sections: list[Section], *, lines: list[str], heading: str | None) -> None:
    """Append the section collected so far when it holds text."""
    text = "\n".join(lines).strip()
    if text:
        sections.append(Section(text=text, heading=heading))
