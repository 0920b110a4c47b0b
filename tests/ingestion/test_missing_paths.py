"""A path that names nothing is "no such file or folder", whatever its suffix."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion import NoSuchPath, read_document


@pytest.mark.parametrize("name", ["gone.pdf", "gone.xyz", "gone"])
def test_missing_path_raises_no_such_path(tmp_path: Path, name: str) -> None:
    with pytest.raises(NoSuchPath, match=f"^{name}: no such file or folder$"):
        read_document(tmp_path / name, max_bytes=2**20)
