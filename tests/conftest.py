"""Fixtures shared by every test package: a clean environment and a temporary data dir."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Empty every AKTSOM_* variable so tests never see the developer's settings."""
    for name in list(os.environ):
        if name.startswith("AKTSOM_"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    from bot.settings import load_settings

    load_settings.cache_clear()
    yield
    load_settings.cache_clear()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data dir for one test."""
    path = tmp_path / "data"
    path.mkdir()
    return path
