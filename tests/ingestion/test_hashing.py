"""Stable, readable document ids and content hashes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingestion import content_hash, document_id


def test_document_id_is_a_readable_slug_with_a_short_path_hash(tmp_path: Path) -> None:
    doc_id = document_id(tmp_path / "Exso Åpenhetsloven.pdf")
    assert re.fullmatch(r"exso-apenhetsloven-[0-9a-f]{6}", doc_id)


def test_document_id_is_stable_between_runs(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    assert document_id(path) == document_id(tmp_path / "." / "rapport.pdf")


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "rapport.pdf", tmp_path / "b" / "rapport.pdf"
    assert document_id(first) != document_id(second)


def test_file_name_without_letters_still_gets_an_id(tmp_path: Path) -> None:
    assert document_id(tmp_path / "§§.txt").startswith("document-")


def test_content_hash_is_sha256_of_the_bytes() -> None:
    assert content_hash(b"data") == hashlib.sha256(b"data").hexdigest()
