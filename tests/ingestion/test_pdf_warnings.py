"""A damaged PDF is one CorruptFile, not pypdf's repair warnings on stderr besides."""

from __future__ import annotations

import logging

import pytest

from ingestion.errors import CorruptFile
from ingestion.loaders import pdf

TRUNCATED = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>"


def test_truncated_pdf_logs_no_pypdf_warnings(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="")

    with pytest.raises(CorruptFile):
        pdf.load(TRUNCATED, name="truncated.pdf")

    assert [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")] == []
