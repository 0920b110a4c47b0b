"""From a file on disk to a Document: metadata, language, chunks, and the unchanged-file path."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from ingestion import content_hash, document_id, read_document

LIMIT = 1024 * 1024
GUIDE = (
    "Virksomheten skal svare på forespørselen innen tre uker. "
    "Svaret skal være skriftlig og forståelig.\n"
)


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_unchanged_file_is_skipped_without_parsing(tmp_path: Path) -> None:
    # A corrupt PDF: if it were parsed, read_document would raise CorruptFile.
    path = _write(tmp_path / "rapport.pdf", b"%PDF-1.4 truncated")
    asked: list[tuple[str, str]] = []

    def already_indexed(doc_id: str, digest: str) -> bool:
        asked.append((doc_id, digest))
        return True

    assert read_document(path, max_bytes=LIMIT, skip_if=already_indexed) is None
    assert asked == [(document_id(path), content_hash(path.read_bytes()))]


def test_changed_file_is_read_in_full(tmp_path: Path) -> None:
    path = _write(tmp_path / "frister.txt", GUIDE.encode())
    document = read_document(path, max_bytes=LIMIT, skip_if=lambda doc_id, digest: False)
    assert document is not None
    assert document.content_hash == content_hash(GUIDE.encode())
    version = f"{document.doc_id}:{document.content_hash[:12]}:"
    assert document.chunks[0].chunk_id.startswith(version)


def test_document_carries_language_source_and_ingestion_time(tmp_path: Path) -> None:
    path = _write(tmp_path / "frister.txt", GUIDE.encode())
    before = datetime.now(UTC)
    document = read_document(path, max_bytes=LIMIT)
    assert document is not None
    assert document.language == "nb"
    assert document.source == str(path.resolve())
    assert before <= document.ingested_at <= datetime.now(UTC)


def test_title_falls_back_to_a_readable_file_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "svar_paa-informasjonskrav.txt", GUIDE.encode())
    document = read_document(path, max_bytes=LIMIT)
    assert document is not None
    assert document.title == "Svar paa informasjonskrav"
    assert document.chunks[0].header == "Svar paa informasjonskrav"


def test_kind_is_guessed_from_file_and_folder_names(tmp_path: Path) -> None:
    cases = {
        "apenhetsloven.txt": "law",
        "Leverandører/exso-2024.txt": "supplier_report",
        "redegjørelse åpenhetsloven 2024.txt": "supplier_report",
        "veileder til åpenhetsloven.txt": "guidance",
        "rutiner.txt": "guidance",
    }
    for name, kind in cases.items():
        document = read_document(_write(tmp_path / name, GUIDE.encode()), max_bytes=LIMIT)
        assert document is not None
        assert (name, document.kind) == (name, kind)


def test_arguments_override_declared_kind_and_supplier(tmp_path: Path) -> None:
    text = "---\nkind: law\nsupplier: Feil AS\n---\n" + GUIDE
    path = _write(tmp_path / "notat.md", text.encode())
    document = read_document(path, max_bytes=LIMIT, kind="supplier_report", supplier="Exso AS")
    assert document is not None
    assert (document.kind, document.supplier) == ("supplier_report", "Exso AS")


def test_unknown_declared_kind_falls_back_to_the_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "apenhetsloven.md", ("---\nkind: memo\n---\n" + GUIDE).encode())
    document = read_document(path, max_bytes=LIMIT)
    assert document is not None
    assert document.kind == "law"


def test_chunk_size_follows_chunk_words(tmp_path: Path) -> None:
    path = _write(tmp_path / "lang.txt", (GUIDE * 20).encode())
    small = read_document(path, max_bytes=LIMIT, chunk_words=20)
    large = read_document(path, max_bytes=LIMIT, chunk_words=120)
    assert small is not None and large is not None
    assert len(small.chunks) > len(large.chunks)
