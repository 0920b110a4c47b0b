"""Which files are taken in: suffixes, sizes, empty files, folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion import (
    EmptyDocument,
    FileTooLarge,
    IngestionError,
    UnsupportedFormat,
    find_files,
    loader_for,
    read_document,
)


def test_unknown_suffix_is_refused_and_supported_ones_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "budsjett.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormat, match=r"budsjett\.xlsx: unsupported format \(\.xlsx\)"):
        read_document(path, max_bytes=1024)


def test_suffix_matching_ignores_case() -> None:
    assert loader_for("RAPPORT.PDF") is loader_for("rapport.pdf")


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tom.md"
    path.write_bytes(b"")
    with pytest.raises(EmptyDocument, match=r"tom\.md: the file is empty"):
        read_document(path, max_bytes=1024)


def test_file_with_only_front_matter_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bare-meta.md"
    path.write_text("---\ntitle: Ingenting\n---\n\n", encoding="utf-8")
    with pytest.raises(EmptyDocument):
        read_document(path, max_bytes=1024)


def test_oversize_file_is_refused_with_both_sizes(tmp_path: Path) -> None:
    path = tmp_path / "stor.txt"
    path.write_bytes(b"a" * (3 * 1024 * 1024 + 300 * 1024))
    with pytest.raises(FileTooLarge, match=r"over the 2 MB limit \(3\.3 MB\)"):
        read_document(path, max_bytes=2 * 1024 * 1024)


def test_missing_file_is_reported_as_an_ingestion_error(tmp_path: Path) -> None:
    with pytest.raises(IngestionError, match=r"borte\.txt: no such file or folder"):
        read_document(tmp_path / "borte.txt", max_bytes=1024)


def test_folders_expand_sorted_skipping_hidden_and_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["b/z.md", "a.pdf", ".skjult.txt", ".git/config.txt", "bilde.png", "~$a.docx"]:
        (tmp_path / name).write_text("x")
    assert find_files([tmp_path]) == [tmp_path / "a.pdf", tmp_path / "b" / "z.md"]


def test_files_named_directly_are_kept_even_if_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "bilde.png"
    path.write_bytes(b"\x89PNG")
    assert find_files([path, path]) == [path]
