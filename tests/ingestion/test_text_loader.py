"""Plain-text files in the encodings Norwegian offices actually produce."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from ingestion import UndecodableText, read_document

LIMIT = 1024 * 1024
TEXT = "Leverandøren må svare på forespørselen innen tre uker. Blåbær og ærfugl på Ørland."


def _txt(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "notat.txt"
    path.write_bytes(data)
    return path


def test_windows_1252_norwegian_text_is_decoded_correctly(tmp_path: Path) -> None:
    document = read_document(_txt(tmp_path, TEXT.encode("cp1252")), max_bytes=LIMIT)
    assert document is not None
    assert document.sections[0].text == TEXT


def test_latin_1_norwegian_text_is_decoded_correctly(tmp_path: Path) -> None:
    document = read_document(_txt(tmp_path, TEXT.encode("latin-1")), max_bytes=LIMIT)
    assert document is not None
    assert document.sections[0].text == TEXT


def test_utf8_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    document = read_document(_txt(tmp_path, data), max_bytes=LIMIT)
    assert document is not None
    assert document.sections[0].text == TEXT


def test_utf16_with_byte_order_mark_is_decoded(tmp_path: Path) -> None:
    document = read_document(_txt(tmp_path, TEXT.encode("utf-16")), max_bytes=LIMIT)
    assert document is not None
    assert document.sections[0].text == TEXT


def test_binary_garbage_named_txt_is_refused(tmp_path: Path) -> None:
    garbage = random.Random(7).randbytes(4000)
    with pytest.raises(UndecodableText, match=r"notat\.txt"):
        read_document(_txt(tmp_path, garbage), max_bytes=LIMIT)


def test_nul_heavy_file_is_refused(tmp_path: Path) -> None:
    data = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 64
    with pytest.raises(UndecodableText, match="not text"):
        read_document(_txt(tmp_path, data), max_bytes=LIMIT)
