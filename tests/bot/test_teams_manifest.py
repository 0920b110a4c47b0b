"""The Teams app package installs as built: right files, right ids, commands the bot knows."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pytest
from PIL import Image

from bot.core.commands import Command, Parsed, parse
from bot.teams.package import PackageRefused, build_package
from bot.web.public import router as public_pages

APP_ID = "3f2b8c1e-6a4d-4e2f-9b7a-1c5d8e9f0a2b"
WEB_URL = "https://aktsom.example.no"
SCHEMA = "https://developer.microsoft.com/en-us/json-schemas/teams/v{version}/{name}.schema.json"
REQUIRED = frozenset(
    {"manifestVersion", "version", "id", "developer", "name", "icons", "description", "accentColor"}
)
"""The top-level keys the v1.22 manifest schema requires."""
SHARED_SCOPES = ("team", "groupChat")
PERSONAL_ONLY = {Command.REPORT, Command.STATUS, Command.TASKS, Command.DASHBOARD}
"""In a channel or group chat everyone sees the command and the reply: these name a reporter,
a case, someone's own tasks or a personal sign-in link."""


@pytest.fixture
def package(tmp_path: Path) -> Iterator[zipfile.ZipFile]:
    path = build_package(APP_ID, web_url=WEB_URL, out=tmp_path / "aktsom-teams.zip")
    with zipfile.ZipFile(path) as opened:
        yield opened


@pytest.fixture
def manifest(package: zipfile.ZipFile) -> dict[str, Any]:
    return json.loads(package.read("manifest.json"))


@pytest.fixture
def norwegian(package: zipfile.ZipFile) -> dict[str, str]:
    return json.loads(package.read("nb-NO.json"))


def test_package_holds_the_manifest_localization_and_icons_at_its_root(
    package: zipfile.ZipFile,
) -> None:
    assert sorted(package.namelist()) == ["color.png", "manifest.json", "nb-NO.json", "outline.png"]


def test_app_bot_and_sign_on_ids_are_the_entra_app_id(manifest: dict[str, Any]) -> None:
    [bot] = manifest["bots"]

    assert manifest["id"] == APP_ID
    assert bot["botId"] == APP_ID
    assert manifest["webApplicationInfo"] == {"id": APP_ID, "resource": f"api://botid-{APP_ID}"}


@pytest.mark.parametrize(
    "app_id",
    [
        None,
        " ",
        "{{APP_ID}}",
        "changethis",
        "00000000-0000-0000-0000-000000000000",
        "3f2b8c1e6a4d4e2f9b7a1c5d8e9f0a2b",
        "{3f2b8c1e-6a4d-4e2f-9b7a-1c5d8e9f0a2b}",
    ],
)
def test_missing_placeholder_or_malformed_app_id_is_refused(
    tmp_path: Path, app_id: str | None
) -> None:
    out = tmp_path / "aktsom-teams.zip"

    with pytest.raises(PackageRefused, match="AKTSOM_TEAMS_APP_ID"):
        build_package(app_id, web_url=WEB_URL, out=out)
    assert not out.exists()


@pytest.mark.parametrize("web_url", ["http://127.0.0.1:8080", "aktsom.example.no", "https://"])
def test_web_url_that_teams_cannot_open_is_refused(tmp_path: Path, web_url: str) -> None:
    out = tmp_path / "aktsom-teams.zip"

    with pytest.raises(PackageRefused, match="https://"):
        build_package(APP_ID, web_url=web_url, out=out)
    assert not out.exists()


def test_every_placeholder_is_filled(package: zipfile.ZipFile) -> None:
    for name in ("manifest.json", "nb-NO.json"):
        assert not re.search(r"\{\{|\}\}", package.read(name).decode("utf-8")), name


@pytest.mark.parametrize(
    ("web_url", "host", "prefix"),
    [
        (WEB_URL, "aktsom.example.no", WEB_URL),
        (
            "https://Intranet.example.no:8443/aktsom/",
            "intranet.example.no:8443",
            "https://intranet.example.no:8443/aktsom",
        ),
    ],
)
def test_valid_domain_and_developer_pages_come_from_the_web_url(
    tmp_path: Path, web_url: str, host: str, prefix: str
) -> None:
    path = build_package(APP_ID, web_url=web_url, out=tmp_path / "aktsom-teams.zip")
    with zipfile.ZipFile(path) as package:
        manifest = json.loads(package.read("manifest.json"))

    assert manifest["validDomains"] == [host]
    for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert manifest["developer"][key].startswith(prefix + "/"), key


def test_developer_pages_are_public_pages_of_the_web_app(manifest: dict[str, Any]) -> None:
    public = {route.path for route in public_pages.routes}

    for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert urlsplit(manifest["developer"][key]).path in public, key


def test_icons_have_the_sizes_teams_asks_for(package: zipfile.ZipFile) -> None:
    with package.open("color.png") as color, package.open("outline.png") as outline:
        assert Image.open(color).size == (192, 192)
        assert Image.open(outline).size == (32, 32)


def test_outline_icon_is_white_on_transparent(package: zipfile.ZipFile) -> None:
    with package.open("outline.png") as file:
        pixels = np.asarray(Image.open(file).convert("RGBA"))
    alpha = pixels[..., 3]

    assert (pixels[alpha > 0][:, :3] == 255).all()
    assert (alpha == 0).any()
    assert (alpha == 255).any()


def test_bot_works_in_all_three_scopes_and_takes_files(manifest: dict[str, Any]) -> None:
    [bot] = manifest["bots"]
    listed = [scope for command_list in bot["commandLists"] for scope in command_list["scopes"]]

    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    assert sorted(listed) == sorted(bot["scopes"])
    assert bot["supportsFiles"] is True
    assert bot["isNotificationOnly"] is False
    assert manifest["permissions"] == ["identity", "messageTeamMembers"]


def test_command_titles_and_descriptions_fit_teams_limits(
    manifest: dict[str, Any], norwegian: dict[str, str]
) -> None:
    for command_list in manifest["bots"][0]["commandLists"]:
        assert 1 <= len(command_list["commands"]) <= 10
    for path, text in [*_localizable(manifest).items(), *norwegian.items()]:
        if path.endswith(".title"):
            assert 0 < len(text) <= 32, path
        elif path.endswith(".description") and path.startswith("bots"):
            assert 0 < len(text) <= 128, path


def test_every_command_title_is_a_command_of_the_parser(
    manifest: dict[str, Any], norwegian: dict[str, str]
) -> None:
    for path, title in _localizable(manifest).items():
        if path.endswith(".title"):
            command = parse(title).command
            assert parse(title) == Parsed(command) and command != Command.UNKNOWN, title
            assert parse(norwegian[path]) == Parsed(command), norwegian[path]


def test_personal_chat_offers_every_command(manifest: dict[str, Any]) -> None:
    assert _commands(manifest, "personal") == set(Command) - {Command.UNKNOWN}


@pytest.mark.parametrize("scope", SHARED_SCOPES)
def test_shared_conversations_offer_no_command_that_exposes_a_person(
    manifest: dict[str, Any], scope: str
) -> None:
    assert _commands(manifest, scope) == set(Command) - {Command.UNKNOWN} - PERSONAL_ONLY


def test_norwegian_translates_every_localizable_string(
    manifest: dict[str, Any], norwegian: dict[str, str]
) -> None:
    translated = {key: text for key, text in norwegian.items() if key != "$schema"}

    assert translated.keys() == _localizable(manifest).keys()
    assert all(text.strip() for text in translated.values())


def test_norwegian_localization_is_declared(manifest: dict[str, Any]) -> None:
    assert manifest["localizationInfo"] == {
        "defaultLanguageTag": "en",
        "additionalLanguages": [{"languageTag": "nb-NO", "file": "nb-NO.json"}],
    }


def test_manifest_has_every_key_its_schema_requires(manifest: dict[str, Any]) -> None:
    assert manifest.keys() >= REQUIRED
    assert manifest["developer"].keys() >= {"name", "websiteUrl", "privacyUrl", "termsOfUseUrl"}
    assert manifest["name"].keys() >= {"short"}
    assert manifest["description"].keys() >= {"short", "full"}
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}


def test_manifest_and_localization_name_the_same_schema_version(
    manifest: dict[str, Any], norwegian: dict[str, str]
) -> None:
    version = manifest["manifestVersion"]

    assert manifest["$schema"] == SCHEMA.format(version=version, name="MicrosoftTeams")
    assert norwegian["$schema"] == SCHEMA.format(
        version=version, name="MicrosoftTeams.Localization"
    )


def test_manifest_values_match_the_schema_patterns(manifest: dict[str, Any]) -> None:
    assert re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)", manifest["version"])
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", manifest["accentColor"])
    assert len(manifest["developer"]["name"]) <= 32
    for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert manifest["developer"][key].startswith("https://"), key
    for domain in manifest["validDomains"]:
        assert "://" not in domain and "/" not in domain, domain


def test_names_and_descriptions_fit_the_schema_lengths(
    manifest: dict[str, Any], norwegian: dict[str, str]
) -> None:
    limits = {"name.short": 30, "name.full": 100, "description.short": 80, "description.full": 4000}
    for texts in (_localizable(manifest), norwegian):
        for key, limit in limits.items():
            assert 0 < len(texts[key]) <= limit, key


def _localizable(manifest: dict[str, Any]) -> dict[str, str]:
    """Every string the localization schema lets a language file override, by its key."""
    texts = {
        f"{field}.{part}": manifest[field][part]
        for field in ("name", "description")
        for part in ("short", "full")
    }
    for b, bot in enumerate(manifest["bots"]):
        for c, command_list in enumerate(bot["commandLists"]):
            for n, command in enumerate(command_list["commands"]):
                for part in ("title", "description"):
                    texts[f"bots[{b}].commandLists[{c}].commands[{n}].{part}"] = command[part]
    return texts


def _commands(manifest: dict[str, Any], scope: str) -> set[Command]:
    [command_list] = [
        listed for listed in manifest["bots"][0]["commandLists"] if scope in listed["scopes"]
    ]
    return {parse(command["title"]).command for command in command_list["commands"]}
