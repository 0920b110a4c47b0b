"""PDF files: one section per page, so answers can cite "page N".

PDFs that are encrypted with an empty user password (common: "no printing" restrictions)
open normally; those that need a password, and damaged files, raise CorruptFile. A PDF with
no text layer (a scan) raises EmptyDocument, since only OCR could help.
"""

from __future__ import annotations

import io
import logging
import struct
import zlib

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ingestion.document import Section
from ingestion.errors import CorruptFile, EmptyDocument
from ingestion.loaders.loaded import LoadedText

# pypdf reports damaged files through many exception types besides its own.
_PARSE_ERRORS = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    RecursionError,
    OSError,
    zlib.error,
    struct.error,
)
_HEADER = b"%PDF-"

# pypdf logs what it repairs ("EOF marker not found", "Ignoring wrong pointing object") as
# warnings on stderr; a file it cannot read is reported once, as a CorruptFile, instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)
_HEADER_WINDOW = 1024
_JUNK_TITLE_PREFIXES = ("microsoft word - ", "microsoft powerpoint - ", "untitled")
_FILE_SUFFIXES = (".doc", ".docx", ".pdf", ".ppt", ".pptx", ".odt", ".indd", ".txt")


def load(data: bytes, *, name: str) -> LoadedText:
    """Load a PDF, one Section per page that has text."""
    if _HEADER not in data[:_HEADER_WINDOW]:
        raise CorruptFile(f"{name}: corrupt PDF: not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CorruptFile(f"{name}: the PDF is password-protected; save an unlocked copy")
        sections = [
            Section(text=text, page=number)
            for number, page in enumerate(reader.pages, start=1)
            if (text := page.extract_text() or "").strip()
        ]
        title = _title(reader)
    except _PARSE_ERRORS as exc:
        raise CorruptFile(f"{name}: corrupt PDF: {exc}") from exc
    if not sections:
        raise EmptyDocument(f"{name}: the PDF has no extractable text (a scan? run OCR first)")
    return LoadedText(title=title, sections=sections)


def _title(reader: PdfReader) -> str | None:
    """The title in the PDF's metadata, unless it is an editor's placeholder or a file name."""
    title = ((reader.metadata.title if reader.metadata else None) or "").strip()
    lowered = title.lower()
    if not title or lowered.startswith(_JUNK_TITLE_PREFIXES) or lowered.endswith(_FILE_SUFFIXES):
        return None
    return title
