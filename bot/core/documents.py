"""Adding documents from chat, and listing what the knowledge base holds.

Only compliance members add documents. The size is checked before the file is fetched, so
a 50 MB upload costs nothing; the file is kept under `<data dir>/uploads/` (its source in the
index, so re-uploading the same name replaces that document) and ingested through
`ingestion/`. A file that fails to ingest leaves the previous upload of that name in place.

Usage::

    result = documents.add(core, person=member, name="code.pdf", size=120_000,
                           fetch=lambda most: download(url, most))
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.core import messages
from bot.core.context import Core
from bot.core.errors import NotAllowed
from bot.core.people import Lang, Person
from knowledge.index import DocumentInfo

_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


class Outcome(StrEnum):
    """What happened to an uploaded file."""

    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One uploaded file's fate, with the document it became when it went in."""

    name: str
    outcome: Outcome
    document: DocumentInfo | None = None
    reason: str | None = None

    def describe(self, lang: Lang) -> str:
        """The sentence telling the uploader what happened."""
        if self.document is None:
            return messages.text(lang, "documents.failed", name=self.name, reason=self.reason)
        return messages.text(
            lang,
            f"documents.{self.outcome.value}",
            title=self.document.title,
            language=messages.language_name(lang, self.document.language),
            chunks=self.document.chunk_count,
        )


def add(
    core: Core, *, person: Person, name: str, size: int | None, fetch: Callable[[int], bytes]
) -> DocumentResult:
    """Check the role and size, fetch the file, keep it under uploads and ingest it.

    Args:
        size: the size the platform states, or None where it states none (Teams).
        fetch: downloads the file, given the most bytes worth reading (one past the limit:
            a longer file is too large, whatever was stated).
    """
    if not person.compliance:
        raise NotAllowed(
            "only the compliance team can add documents", explanation="documents.only_compliance"
        )
    if size is not None and size > core.max_file_bytes:
        return _too_large(core, person.language, name, size)
    content = fetch(core.max_file_bytes + 1)
    if len(content) > core.max_file_bytes:
        return _too_large(core, person.language, name, len(content))
    core.uploads_dir.mkdir(parents=True, exist_ok=True)
    path = core.uploads_dir / _safe_name(name)
    backup = path.with_name(f".{path.name}.previous")
    if path.exists():
        shutil.copy2(path, backup)
    path.write_bytes(content)
    with core.knowledge_lock() as knowledge:
        report = knowledge.ingest(
            [path], max_bytes=core.max_file_bytes, chunk_words=core.chunk_words
        )
        document = next((d for d in knowledge.documents() if d.source == str(path.resolve())), None)
    if report.failures:
        if backup.exists():
            backup.replace(path)
        else:
            path.unlink(missing_ok=True)
        return DocumentResult(name, Outcome.FAILED, reason=report.failures[0].reason)
    backup.unlink(missing_ok=True)
    result = report.result
    outcome = (
        Outcome.ADDED
        if result and result.added
        else Outcome.REPLACED
        if result and result.replaced
        else Outcome.UNCHANGED
    )
    return DocumentResult(name, outcome, document=document)


def _too_large(core: Core, lang: Lang, name: str, size: int) -> DocumentResult:
    reason = messages.text(
        lang,
        "documents.too_large",
        size=round(size / 2**20, 1),
        limit=round(core.max_file_bytes / 2**20),
    )
    return DocumentResult(name, Outcome.FAILED, reason=reason)


def listing(core: Core) -> list[DocumentInfo]:
    """The documents in the knowledge base."""
    with core.knowledge_lock() as knowledge:
        return knowledge.documents()


def _safe_name(name: str) -> str:
    """A file name that cannot leave the uploads folder, keeping its suffix."""
    cleaned = _UNSAFE.sub("_", name.replace("/", "_").replace("\\", "_")).strip(" .")
    return cleaned or "upload.txt"
