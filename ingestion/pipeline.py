"""From a path on disk to a `Document` ready to index, one file at a time.

The cheap path matters most: re-ingesting a folder of unchanged files costs a stat, a read
and a hash per file, because `skip_if` is asked before any parsing happens.

Usage::

    for path in find_files([Path("docs")]):
        try:
            document = read_document(path, max_bytes=25 * 1024 * 1024, skip_if=index.has)
        except IngestionError as error:
            print(f"skipped: {error}")
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from ingestion.chunking import DEFAULT_TARGET_WORDS, chunk_document, chunk_statute, is_statute
from ingestion.document import KINDS, Document, Kind, Section
from ingestion.errors import EmptyDocument, FileTooLarge, IngestionError, NoSuchPath
from ingestion.hashing import content_hash, document_id, slugify
from ingestion.language import detect_language
from ingestion.loaders import SUPPORTED_SUFFIXES, loader_for
from ingestion.normalise import normalise_text

SkipCheck = Callable[[str, str], bool]
"""`skip_if(doc_id, content_hash)`: True when the index already holds this exact version."""

# Checked on the file name first, then on its folder's; supplier words win over law words
# because a supplier's account is usually named after the act it answers to.
_KIND_HINTS: tuple[tuple[Kind, tuple[str, ...]], ...] = (
    (
        "supplier_report",
        ("leverandor", "leverantor", "supplier", "redegjorelse", "rapport", "report"),
    ),
    ("guidance", ("veileder", "veiledning", "vegleiar", "guide", "guidance")),
    ("law", ("lov", "law")),
)
_OFFICE_LOCK_PREFIX = "~$"


def find_files(
    paths: Sequence[Path], *, on_error: Callable[[Path, OSError], None] | None = None
) -> list[Path]:
    """Expand folders recursively into the files to ingest, in a stable order.

    Files named directly are kept whatever their suffix (missing ones too), so each is
    reported by `read_document`; inside folders, only supported formats are taken. Hidden
    files and folders and Office lock files (`~$report.docx`) are skipped. Duplicates are
    dropped.

    Args:
        paths: files and folders.
        on_error: told of each folder that cannot be listed; without it such folders are
            passed over silently.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(_files_in(path, on_error=on_error)))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def read_document(
    path: Path,
    *,
    max_bytes: int,
    chunk_words: int = DEFAULT_TARGET_WORDS,
    kind: Kind | None = None,
    supplier: str | None = None,
    skip_if: SkipCheck | None = None,
) -> Document | None:
    """Read, parse and chunk one file; None when `skip_if` says it is already indexed.

    Args:
        path: the file.
        max_bytes: files larger than this raise FileTooLarge before they are read.
        chunk_words: the chunk size in words.
        kind: overrides the kind declared in the file or guessed from its name.
        supplier: overrides the supplier declared in the file's front matter.
        skip_if: asked with the document id and content hash before any parsing.

    Raises:
        IngestionError: a subclass saying why the file cannot be ingested.
    """
    if not path.exists():
        raise NoSuchPath(f"{path.name or path}: no such file or folder")
    load = loader_for(path.name)
    data = _read_bytes(path, max_bytes=max_bytes)
    digest = content_hash(data)
    doc_id = document_id(path)
    if skip_if is not None and skip_if(doc_id, digest):
        return None
    loaded = load(data, name=path.name)
    dehyphenate = path.suffix.lower() == ".pdf"
    sections = tuple(
        Section(text=text, heading=section.heading, page=section.page)
        for section in loaded.sections
        if (text := normalise_text(section.text, dehyphenate=dehyphenate))
    )
    if not sections:
        raise EmptyDocument(f"{path.name}: no text found")
    title = _title(loaded.title, sections=sections, path=path)
    kind = kind or _declared_kind(loaded.meta.get("kind")) or _guess_kind(path)
    # A statute is cited by §, so its chunks follow its sections and paragraphs.
    statute = kind == "law" and is_statute(sections)
    chunk, size = (chunk_statute, 2 * chunk_words) if statute else (chunk_document, chunk_words)
    return Document(
        doc_id=doc_id,
        title=title,
        source=str(path.resolve()),
        language=detect_language("\n\n".join(section.text for section in sections)),
        kind=kind,
        content_hash=digest,
        ingested_at=datetime.now(UTC),
        supplier=supplier or loaded.meta.get("supplier"),
        sections=sections,
        chunks=tuple(
            chunk(
                doc_id=doc_id,
                title=title,
                sections=sections,
                content_hash=digest,
                target_words=size,
            )
        ),
    )


def _files_in(folder: Path, *, on_error: Callable[[Path, OSError], None] | None) -> Iterator[Path]:
    """Supported, visible files under `folder`; folders that cannot be listed go to `on_error`."""

    def unreadable(error: OSError) -> None:
        if on_error is not None:
            on_error(Path(error.filename or folder), error)

    for root, folders, names in os.walk(folder, onerror=unreadable):
        here = Path(root)
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            child = here / name
            if (
                child.suffix.lower() in SUPPORTED_SUFFIXES
                and not _is_hidden(Path(name))
                and child.is_file()
            ):
                yield child


def _read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """Read the file after checking its size, so a huge file is refused unread."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLarge(path.name, size=size, limit=max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestionError(f"{path.name}: cannot read the file ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise FileTooLarge(path.name, size=len(data), limit=max_bytes)
    if not data.strip():
        raise EmptyDocument(f"{path.name}: the file is empty")
    return data


def _title(declared: str | None, *, sections: Sequence[Section], path: Path) -> str:
    """The declared title, else the first heading, else the file name made readable."""
    if declared and declared.strip():
        return normalise_text(declared)
    for section in sections:
        if section.heading:
            return section.heading
    return _prettify(path.stem)


def _prettify(stem: str) -> str:
    """ "exso_apenhetsloven-2024" → "Exso apenhetsloven 2024"."""
    words = re.sub(r"[\s_\-]+", " ", stem).strip()
    if not words:
        return stem
    return words[0].upper() + words[1:] if words.islower() else words


def _declared_kind(value: str | None) -> Kind | None:
    """A kind named in front matter, if it is one we know."""
    cleaned = (value or "").strip().lower()
    return cast(Kind, cleaned) if cleaned in KINDS else None


def _guess_kind(path: Path) -> Kind:
    """Guess the kind from the file name, then the folder name; "guidance" when neither says."""
    for name in (path.stem, path.parent.name):
        slug = slugify(name)
        for kind, hints in _KIND_HINTS:
            if any(hint in slug for hint in hints):
                return kind
    return "guidance"


def _is_hidden(relative: Path) -> bool:
    """True for hidden files, files in hidden folders, and Office lock files."""
    return any(part.startswith(".") for part in relative.parts) or relative.name.startswith(
        _OFFICE_LOCK_PREFIX
    )
