"""Settings come from AKTSOM_* variables or a .env file, with safe defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings


def test_defaults_put_everything_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    settings = Settings()

    assert settings.data_dir == Path("data")
    assert settings.resolved_database_url == "sqlite:///data/aktsom.db"
    assert settings.embedder == "e5"
    assert settings.llm is None


def test_environment_overrides_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("AKTSOM_TOP_K", "3")

    settings = Settings()

    assert settings.data_dir == tmp_path / "store"
    assert settings.top_k == 3


def test_dotenv_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("AKTSOM_CASE_RETENTION_DAYS=30\n", encoding="utf-8")

    assert Settings().case_retention_days == 30


def test_placeholder_secret_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AKTSOM_SECRET_KEY", "changethis")

    with pytest.raises(ValidationError, match="placeholder"):
        Settings()
