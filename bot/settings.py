"""The one settings object for aktsom, read once at start-up from `AKTSOM_*` and `.env`.

Usage::

    from bot.settings import load_settings
    settings = load_settings()
    settings.data_dir  # Path("./data") unless AKTSOM_DATA_DIR says otherwise

Only entry points build it; `knowledge/`, `ingestion/` and `storage/` take plain values.
"""

from __future__ import annotations

import os
import pwd
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from limits import parse_many
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.crypto import CASE_KEY_DIR_NAME, key_file

DEFAULT_DATA_DIR = Path("data")
DEFAULT_EMBEDDER = "e5"
DEFAULT_CHUNK_WORDS = 80
DEFAULT_TOP_K = 5
DEFAULT_MAX_FILE_MB = 25
DEFAULT_CASE_RETENTION_DAYS = 365
DEFAULT_TEAM_LANGUAGE = "nb"
DEFAULT_WEB_URL = "http://127.0.0.1:8080"
DEFAULT_OIDC_SCOPES = "openid email profile"
DEFAULT_REMINDER_INTERVAL_MINUTES = 30
DEFAULT_PUBLIC_LIMITS = "30/minute;300/hour"
DEFAULT_SAQ_LINK_DAYS = 30
DEFAULT_SAQ_REMINDER_DAYS = "7,14"
DEFAULT_SAQ_MAX_ATTACHMENT_MB = 10
PLACEHOLDER_SECRETS = frozenset({"changethis", "change-me", "secret", "xxx"})


class Settings(BaseSettings):
    """Every setting aktsom reads; each field documents itself."""

    model_config = SettingsConfigDict(env_prefix="AKTSOM_", env_file=".env", extra="ignore")

    data_dir: Path = Field(DEFAULT_DATA_DIR, description="Where the index, database and keys live.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default sqlite:///<data dir>/aktsom.db."
    )
    chroma_url: str | None = Field(
        None, description="Chroma server URL (http://host:port); default: embedded in data dir."
    )
    embedder: str = Field(
        DEFAULT_EMBEDDER, description="'e5' (bundled) or 'sentence-transformers:<name or path>'."
    )
    chunk_words: int = Field(DEFAULT_CHUNK_WORDS, ge=20, le=1000, description="Words per chunk.")
    top_k: int = Field(DEFAULT_TOP_K, ge=1, le=50, description="Passages shown as sources.")
    max_file_mb: int = Field(DEFAULT_MAX_FILE_MB, ge=1, description="Largest file ingested, MB.")
    llm: str | None = Field(
        None, description="LLM answers: 'openai:<model>' or 'ollama:<model>'; default extractive."
    )
    llm_base_url: str | None = Field(None, description="Base URL for an OpenAI-compatible server.")
    llm_api_key: SecretStr | None = Field(None, description="API key for the LLM server.")
    secret_key: SecretStr | None = Field(
        None, description="Encryption key for case contents; default: the key file."
    )
    key_file: Path | None = Field(
        None,
        description="Key file for case contents, kept outside the data dir in production; "
        "default <data dir>/keys/aktsom.keys.",
    )
    case_key_dir: Path | None = Field(
        None,
        description="Where each case's own key is kept (destroyed at purge); keep it apart "
        "from the database and its backups. Default: case-keys beside the key file.",
    )
    audit_checkpoint_dir: Path | None = Field(
        None,
        description="Where signed checkpoints of the audit trail's head are appended; keep it "
        "apart from the database and its backups. Default <data dir>/audit-checkpoints.",
    )
    case_retention_days: int = Field(
        DEFAULT_CASE_RETENTION_DAYS, ge=1, description="Closed cases older than this are purged."
    )
    organisation_description: str = Field(
        "", description="Who the organisation is, for the § 5 account draft; empty leaves a mark."
    )
    team_language: Literal["nb", "en"] = Field(
        DEFAULT_TEAM_LANGUAGE, description="Language of posts to the compliance channel."
    )
    reminder_interval_minutes: int = Field(
        DEFAULT_REMINDER_INTERVAL_MINUTES, ge=1, description="How often reminders are checked."
    )
    public_limits: str = Field(
        DEFAULT_PUBLIC_LIMITS,
        description="Cap on public reports and on public information requests, each "
        "(`limits` notation, e.g. `30/minute;300/hour`).",
    )
    public_limit_storage: str = Field(
        "memory://", description="Where the cap is counted: `memory://` or `redis://host:6379`."
    )
    web_url: str = Field(
        DEFAULT_WEB_URL, description="Where `aktsom web` is reached, for sign-in links."
    )
    smtp_url: SecretStr | None = Field(
        None,
        description="SMTP server for e-mail to suppliers: `smtp://user:password@host:587"
        "?starttls=1` or `smtps://user:password@host:465`; without it, questionnaire links "
        "are given to the team to copy.",
    )
    smtp_from: str | None = Field(
        None, description="Sender of e-mail to suppliers, e.g. `Acme compliance <csr@acme.no>`."
    )
    saq_link_days: int = Field(
        DEFAULT_SAQ_LINK_DAYS,
        ge=1,
        le=365,
        description="Days a questionnaire link stays valid; its deadline for the supplier.",
    )
    saq_reminder_days: str = Field(
        DEFAULT_SAQ_REMINDER_DAYS,
        description="Days after sending on which suppliers who have not submitted the "
        "questionnaire are reminded by e-mail, comma-separated.",
    )
    saq_max_attachment_mb: int = Field(
        DEFAULT_SAQ_MAX_ATTACHMENT_MB,
        ge=1,
        le=100,
        description="Largest questionnaire attachment, MB.",
    )
    oidc_discovery_url: str | None = Field(
        None, description="OpenID Connect issuer's discovery URL; enables dashboard sign-in."
    )
    oidc_client_id: str | None = Field(None, description="Client id registered with the issuer.")
    oidc_client_secret: SecretStr | None = Field(None, description="Client secret (OIDC).")
    oidc_scopes: str = Field(DEFAULT_OIDC_SCOPES, description="Scopes asked of the issuer.")
    oidc_compliance_users: str = Field(
        "", description="Comma-separated e-mails or `sub` values of the team (OIDC sign-in)."
    )
    oidc_compliance_group: str | None = Field(
        None, description="A value of the ID token's `groups` claim that puts one on the team."
    )
    slack_bot_token: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("SLACK_BOT_TOKEN", "AKTSOM_SLACK_BOT_TOKEN"),
        description="Slack bot token (xoxb-...), from SLACK_BOT_TOKEN.",
    )
    slack_app_token: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("SLACK_APP_TOKEN", "AKTSOM_SLACK_APP_TOKEN"),
        description="Slack app-level token (xapp-...) for Socket Mode, from SLACK_APP_TOKEN.",
    )
    slack_signing_secret: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "AKTSOM_SLACK_SIGNING_SECRET"),
        description="Slack signing secret for the HTTP endpoint, from SLACK_SIGNING_SECRET.",
    )
    slack_api_url: str | None = Field(
        None, description="Slack Web API base URL; default Slack's (tests point it at a fake)."
    )
    slack_compliance_users: str = Field(
        "", description="Comma-separated Slack user ids of the compliance team."
    )
    slack_compliance_group: str | None = Field(
        None, description="Slack user group id (S...) whose members are the compliance team."
    )
    slack_cases_channel: str | None = Field(
        None, description="Channel id where new cases and deadlines are announced (no contents)."
    )
    teams_app_id: str | None = Field(None, description="Microsoft Teams (Entra) app id.")
    teams_app_password: SecretStr | None = Field(None, description="Teams app secret.")
    teams_tenant_id: str | None = Field(None, description="Teams tenant id.")
    teams_allow_anonymous: bool = Field(
        False,
        description="Accept Teams requests without a Bot Framework token (local testing only).",
    )
    teams_cases_channel: str | None = Field(
        None,
        description="Teams channel id (19:...@thread.tacv2) for new-case notices and reminders.",
    )
    teams_compliance_group: str | None = Field(
        None, description="Object id of the Entra group whose members are the compliance team."
    )
    teams_graph_url: str = Field(
        "https://graph.microsoft.com", description="Microsoft Graph, for the group's members."
    )
    teams_compliance_users: str = Field(
        "", description="Comma-separated Entra object ids of the compliance team in Teams."
    )

    @field_validator(
        "secret_key",
        "slack_signing_secret",
        "llm_api_key",
        "teams_app_password",
        "oidc_client_secret",
        mode="after",
    )
    @classmethod
    def _refuse_placeholders(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS:
            raise ValueError("is a placeholder; set a real secret")
        return value

    @field_validator("public_limits")
    @classmethod
    def _readable_limits(cls, value: str) -> str:
        try:
            parse_many(value)
        except ValueError as error:
            raise ValueError("is not a limit such as `30/minute;300/hour`") from error
        return value

    @field_validator("smtp_url")
    @classmethod
    def _readable_smtp_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            parts = urlsplit(value.get_secret_value())
            if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
                raise ValueError("must look like smtp://user:password@host:587?starttls=1")
        return value

    @field_validator("saq_reminder_days")
    @classmethod
    def _readable_reminder_days(cls, value: str) -> str:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not all(part.isdigit() and int(part) > 0 for part in parts):
            raise ValueError("must be whole days after sending, e.g. `7,14`")
        return value

    @property
    def saq_reminder_day_list(self) -> tuple[int, ...]:
        """The days in `AKTSOM_SAQ_REMINDER_DAYS`, ascending."""
        return tuple(
            sorted({int(part) for part in self.saq_reminder_days.split(",") if part.strip()})
        )

    @property
    def slack_compliance_user_ids(self) -> frozenset[str]:
        """The user ids in `AKTSOM_SLACK_COMPLIANCE_USERS`."""
        return frozenset(
            part.strip() for part in self.slack_compliance_users.split(",") if part.strip()
        )

    @property
    def teams_compliance_user_ids(self) -> frozenset[str]:
        """The Entra object ids in `AKTSOM_TEAMS_COMPLIANCE_USERS`."""
        return frozenset(
            part.strip() for part in self.teams_compliance_users.split(",") if part.strip()
        )

    @property
    def oidc_compliance_ids(self) -> frozenset[str]:
        """The e-mails and `sub` values in `AKTSOM_OIDC_COMPLIANCE_USERS`."""
        return frozenset(
            part.strip() for part in self.oidc_compliance_users.split(",") if part.strip()
        )

    @property
    def cli_user(self) -> str:
        """Who the CLI acts as (compliance role): the operating-system user running it."""
        return pwd.getpwuid(os.getuid()).pw_name

    @property
    def resolved_key_file(self) -> Path:
        """The key file: `AKTSOM_KEY_FILE`, else inside the data dir."""
        return self.key_file or key_file(self.data_dir)

    @property
    def resolved_case_key_dir(self) -> Path:
        """The case key folder: `AKTSOM_CASE_KEY_DIR`, else `case-keys` beside the key file."""
        return self.case_key_dir or self.resolved_key_file.parent / CASE_KEY_DIR_NAME

    @property
    def resolved_checkpoint_dir(self) -> Path:
        """The audit checkpoint folder: `AKTSOM_AUDIT_CHECKPOINT_DIR`, else in the data dir."""
        return self.audit_checkpoint_dir or self.data_dir / "audit-checkpoints"

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the data dir."""
        return self.database_url or f"sqlite:///{self.data_dir / 'aktsom.db'}"


@lru_cache(maxsize=1)
def load_settings() -> Settings:
    """Build the settings once per process."""
    return Settings()
