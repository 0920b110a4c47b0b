"""What every format loader returns: raw section text plus the little metadata the file holds.

Loaders stop here; normalising, language detection and chunking happen once, in the pipeline,
so each format only has to know how to find text and headings in its own container.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ingestion.document import Section


@dataclass(frozen=True, slots=True)
class LoadedText:
    """Text found in one file, before normalising.

    `title` is the title the file itself declares (front matter, <title>, PDF metadata), if
    any; `meta` holds other declared fields such as `kind` and `supplier`.
    """

    title: str | None
    sections: list[Section]
    meta: dict[str, str] = field(default_factory=dict)


class Loader(Protocol):
    """A format loader; `name` is the file name, used in error messages."""

    def __call__(self, data: bytes, *, name: str) -> LoadedText: ...
