"""`aktsom sources` says which version of the bundled guide and of the Act ships (issue 17).

The versions and sources are read from the files' own front matter as they ship, so the test
reads the front matter itself and looks for the same words in what a person sees.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli import app

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
GUIDES = (
    KNOWLEDGE / "guide" / "apenhetsloven-veileder.md",
    KNOWLEDGE / "guide" / "transparency-act-guide.md",
)
LAW = KNOWLEDGE / "law" / "apenhetsloven.md"


def _front_matter(path: Path) -> dict[str, str]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


@pytest.fixture
def listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["sources"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_sources_names_each_guide_with_its_version_date_and_sources(listed: str) -> None:
    for path in GUIDES:
        meta = _front_matter(path)
        date.fromisoformat(meta["versjon"])

        assert f"{meta['title']}: version {meta['versjon']}" in listed
        assert f"law: {meta['lov']}" in listed
        assert f"sources: {meta['kilde']}" in listed


def test_sources_names_the_version_and_source_of_the_bundled_act(listed: str) -> None:
    meta = _front_matter(LAW)

    assert "1. november 2024" in meta["versjon"]
    assert f"{meta['title']}: version {meta['versjon']}" in listed
    assert "Lovdata" in meta["kilde"] and f"sources: {meta['kilde']}" in listed


def test_sample_documents_are_not_listed_as_bundled_versions(listed: str) -> None:
    bundled = listed.split("Bundled with aktsom", 1)[1]

    assert bundled.count(": version ") == len(GUIDES) + 1
