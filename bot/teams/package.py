"""The Teams app package: the zip an admin uploads in Teams (Apps → Manage your apps → Upload).

`manifest.json` in this folder is the one manifest for every install; it holds `{{APP_ID}}`,
`{{WEB_URL}}` and `{{WEB_HOST}}`, which the package fills in. Teams routes messages to the bot
whose id is in the manifest, and that id must be the Microsoft Entra app id the bot signs in
with, so one value fills the app id, the bot id and the single sign-on resource. Usage::

    from bot.teams.package import build_package
    build_package(settings.teams_app_id, web_url=settings.web_url, out=Path("aktsom-teams.zip"))
"""

from __future__ import annotations

import json
import re
import uuid
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).parent
MANIFEST = "manifest.json"
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class PackageRefused(ValueError):
    """The app id or the web address cannot go into a Teams package; the message says why."""


def build_package(app_id: str | None, *, web_url: str, out: Path) -> Path:
    """Write the app package to `out` and return it; nothing is written when refused.

    Args:
        app_id: the bot's Entra app id (`AKTSOM_TEAMS_APP_ID`), a GUID.
        web_url: where people reach `aktsom web` (`AKTSOM_WEB_URL`), over https.
        out: the zip file to write.
    """
    values = {"APP_ID": _checked_app_id(app_id), **_web_values(web_url)}
    manifest = _filled(json.loads((HERE / MANIFEST).read_text(encoding="utf-8")), values)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        for name in _bundled_files(manifest):
            package.write(HERE / name, arcname=name)
    return out


def _checked_app_id(app_id: str | None) -> str:
    value = (app_id or "").strip()
    if not value:
        raise PackageRefused("set AKTSOM_TEAMS_APP_ID to the bot's Microsoft Entra app id")
    if not GUID.fullmatch(value) or uuid.UUID(value).int == 0:
        raise PackageRefused(
            f"AKTSOM_TEAMS_APP_ID is {value!r}, not an Entra app id: use the bot's "
            "Application (client) ID, a GUID such as 1b4f0c2e-5d6a-4e8f-9a7b-3c2d1e0f9a8b"
        )
    return value


def _web_values(web_url: str) -> dict[str, str]:
    parts = urlsplit(web_url.strip())
    if parts.scheme != "https" or not parts.hostname:
        # Teams opens only https pages, and the dashboard must be reachable from Teams clients.
        raise PackageRefused(
            f"AKTSOM_WEB_URL is {web_url!r}: set it to the public https:// address of "
            "`aktsom web`, e.g. https://aktsom.example.no"
        )
    host = f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname
    return {"WEB_URL": f"https://{host}{parts.path.rstrip('/')}", "WEB_HOST": host}


def _filled(value: Any, values: dict[str, str]) -> Any:
    """`value` with every `{{NAME}}` in its strings replaced by `values[NAME]`."""
    if isinstance(value, dict):
        return {key: _filled(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [_filled(item, values) for item in value]
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda match: values[match[1]], value)
    return value


def _bundled_files(manifest: dict[str, Any]) -> list[str]:
    """The files the manifest names: its icons and its localization files."""
    languages = manifest.get("localizationInfo", {}).get("additionalLanguages", [])
    return [*manifest["icons"].values(), *(language["file"] for language in languages)]
