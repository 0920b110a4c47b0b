"""What kind of document a file is, read from its bytes, never from its name.

Suppliers attach evidence to questionnaire answers; only PDF, PNG, JPEG and Office Open XML
documents (DOCX, XLSX) are taken. A DOCX or XLSX is a ZIP archive, so it is recognised by
the parts inside (`word/document.xml`, `xl/workbook.xml` beside `[Content_Types].xml`),
not by the ZIP signature alone.

Usage::

    detect_content_type(data)   # "application/pdf", or None for anything else
"""

from __future__ import annotations

import io
import zipfile

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
_OFFICE_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))


def detect_content_type(data: bytes) -> str | None:
    """The content type of `data` if it is a document we take, else None."""
    for signature, content_type in _SIGNATURES:
        if data.startswith(signature):
            return content_type
    if data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    return None


def _office_type(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OFFICE_PARTS if part in names), None)
