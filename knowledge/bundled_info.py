"""Version and sources of the files bundled with aktsom, read from their own front matter.

The bundled guide and the Act's text say in their YAML front matter which version they are
(`versjon`), which law they are or follow (`lov`) and where they come from (`kilde`). Those
fields are never indexed as passages and the catalog has no column for them, so
`aktsom sources` reads them from the files as shipped, each time it runs::

    for info in bundled_info():
        print(info.title, info.version, info.source)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingestion import find_files
from ingestion.loaders.markdown import load
from knowledge.engine import BUNDLED_DIRS


@dataclass(frozen=True, slots=True)
class BundledInfo:
    """One bundled file's provenance, worded as its front matter words it."""

    title: str
    path: Path
    version: str
    law: str
    source: str


def bundled_info(paths: Sequence[Path] = BUNDLED_DIRS) -> list[BundledInfo]:
    """The bundled Markdown files that declare a version (`versjon`), in path order.

    Args:
        paths: files and folders to read; the bundled guide, Act and samples by default
            (samples declare no version and are left out).
    """
    found = []
    for path in find_files(paths):
        if path.suffix.lower() != ".md":
            continue
        loaded = load(path.read_bytes(), name=path.name)
        version = loaded.meta.get("versjon")
        if version:
            found.append(
                BundledInfo(
                    title=loaded.title or path.stem,
                    path=path,
                    version=version,
                    law=loaded.meta.get("lov", ""),
                    source=loaded.meta.get("kilde", ""),
                )
            )
    return found
