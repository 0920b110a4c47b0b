"""HTML pages: h1–h3 start sections; scripts, styles and navigation are dropped.

The page is walked in document order rather than flattened with `get_text("\n")`, so inline
markup such as links stays inside its sentence while block elements still break lines.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from ingestion.document import Section
from ingestion.loaders.decoding import decode_text
from ingestion.loaders.loaded import LoadedText

_DROPPED = ("script", "style", "nav", "noscript", "template", "svg", "iframe", "head")
_SECTION_HEADINGS = frozenset({"h1", "h2", "h3"})
_PARAGRAPHS = frozenset(
    {"p", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "figure", "hr"}
)
_LINES = frozenset(
    {
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "tr",
        "dt",
        "dd",
        "figcaption",
        "address",
        "form",
        "fieldset",
    }
)
_CELLS = ("td", "th")
_SPACE = re.compile(r"\s+")


def load(data: bytes, *, name: str) -> LoadedText:
    """Load an HTML page."""
    soup = BeautifulSoup(decode_text(data, name=name), "lxml")
    page_title = _one_line(soup.title.get_text(" ")) if soup.title else ""
    for tag in soup.find_all(_DROPPED):
        tag.decompose()
    walker = _Walker()
    walker.visit(soup.body or soup)
    sections = walker.finish()
    first_h1 = soup.find("h1")
    title = page_title or (_one_line(first_h1.get_text(" ")) if first_h1 else "") or None
    return LoadedText(title=title, sections=sections)


def _one_line(text: str) -> str:
    """`text` with every run of whitespace, line breaks included, as one space."""
    return _SPACE.sub(" ", text).strip()


class _Walker:
    """Collects text in document order, cutting a new section at each h1–h3."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.heading: str | None = None
        self.parts: list[str] = []

    def visit(self, node: Tag) -> None:
        """Append the text under `node`, breaking lines and sections where blocks begin."""
        for child in node.children:
            if isinstance(child, NavigableString):
                # Comments, CDATA and doctypes are NavigableString subclasses: not page text.
                if type(child) is NavigableString:
                    self.parts.append(_SPACE.sub(" ", str(child)))
            elif not isinstance(child, Tag):
                continue
            elif child.name in _SECTION_HEADINGS:
                self._cut(child.get_text(" ", strip=True))
            elif child.name == "li":
                self.parts.append("\n- ")
                self.visit(child)
            elif child.name == "br":
                self.parts.append("\n")
            elif child.name in _CELLS:
                if child.find_previous_sibling(_CELLS):
                    self.parts.append(" | ")
                self.visit(child)
            elif child.name in _PARAGRAPHS:
                self.parts.append("\n\n")
                self.visit(child)
                self.parts.append("\n\n")
            elif child.name in _LINES:
                self.parts.append("\n")
                self.visit(child)
                self.parts.append("\n")
            else:
                self.visit(child)

    def finish(self) -> list[Section]:
        """Close the last section and return those that hold text."""
        self._cut(None)
        return self.sections

    def _cut(self, heading: str | None) -> None:
        """End the current section and start one under `heading`."""
        text = "\n".join(line.strip() for line in "".join(self.parts).split("\n")).strip()
        if text:
            self.sections.append(Section(text=text, heading=self.heading))
        self.parts = []
        self.heading = heading or None
