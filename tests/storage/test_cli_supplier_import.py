"""`aktsom suppliers import` and `aktsom suppliers list --prioritised` on SQLite and
PostgreSQL: the plan and bad rows printed, dry runs, re-imports, column mapping, ranking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.cli.sample import SAMPLE_LIST
from storage.schema import upgrade

runner = CliRunner()
LIST = (
    "Leverandørnavn;Organisasjonsnummer;Land;Varebeskrivelse;Årlig innkjøp;Firmaets e-post\n"
    "Nordvev Tekstil AS;923456781;Bangladesh;Arbeidsklær i bomull;2 000 000;a@nordvev.example\n"
    "Fjordrevisjon AS;987654321;Norge;Revisjon;8 000 000;\n"
    "Kaffebrenneriet AS;912000111;Brasil;Kaffe;;\n"
    ";;Norge;;100;\n"
)


@pytest.fixture
def register(db_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    monkeypatch.setenv("AKTSOM_DATABASE_URL", db_url)
    monkeypatch.setenv("AKTSOM_CLI_USER", "kari")
    upgrade(db_url)
    path = data_dir / "leverandorer.csv"
    path.write_text(LIST, encoding="cp1252")
    return path


def names() -> list[str]:
    result = runner.invoke(app, ["suppliers", "list", "--json"])
    assert result.exit_code == 0, result.output
    return sorted(row["name"] for row in json.loads(result.output))


def test_a_dry_run_prints_the_plan_and_writes_nothing(register: Path) -> None:
    result = runner.invoke(app, ["suppliers", "import", str(register), "--dry-run"])

    assert "4 rader: 3 nye leverandører, 0 endres, 0 uendret, 1 avvist." in result.output
    assert "Mangler navn." in result.output
    assert result.exit_code == 1  # a row was left out
    assert names() == []


def test_an_import_then_a_re_import_changes_nothing(register: Path) -> None:
    first = runner.invoke(app, ["suppliers", "import", str(register), "--json"])
    assert json.loads(first.output)["counts"]["created"] == 3
    assert names() == ["Fjordrevisjon AS", "Kaffebrenneriet AS", "Nordvev Tekstil AS"]

    again = runner.invoke(app, ["suppliers", "import", str(register), "--json"])
    counts = json.loads(again.output)["counts"]
    assert counts == {"rows": 4, "created": 0, "updated": 0, "unchanged": 3, "rejected": 1}


def test_a_column_is_mapped_by_hand(register: Path) -> None:
    result = runner.invoke(
        app,
        ["suppliers", "import", str(register), "--map", "Firmaets e-post=email", "--json"],
    )
    plan = json.loads(result.output)
    assert plan["mapping"]["Firmaets e-post"] == "email"
    listed = json.loads(runner.invoke(app, ["suppliers", "list", "--json"]).output)
    emails = {row["name"]: row["contact_email"] for row in listed}
    assert emails["Nordvev Tekstil AS"] == "a@nordvev.example"


def test_an_unreadable_file_is_one_line_and_exit_1(register: Path) -> None:
    junk = register.with_name("junk.csv")
    junk.write_bytes(bytes(range(256)) * 10)

    result = runner.invoke(app, ["suppliers", "import", str(junk), "--lang", "en"])

    assert result.exit_code == 1
    assert "neither CSV text nor an Excel workbook" in result.output
    wrong = runner.invoke(app, ["suppliers", "import", str(register), "--map", "Nope=name"])
    assert wrong.exit_code == 1 and "Nope" in wrong.output


def test_the_prioritised_list_ranks_by_risk_then_share_with_reasons(register: Path) -> None:
    runner.invoke(app, ["suppliers", "import", str(register)])

    result = runner.invoke(app, ["suppliers", "list", "--prioritised", "--json", "--lang", "en"])

    rows = json.loads(result.output)
    assert [row["name"] for row in rows] == [
        "Nordvev Tekstil AS",
        "Kaffebrenneriet AS",
        "Fjordrevisjon AS",
    ]
    assert rows[0]["share"] == 0.2 and rows[0]["reasons"][-1] == "20.0 % of annual spend."
    assert rows[1]["reasons"][-1] == "Spend unknown: ranked by risk alone."
    table = runner.invoke(app, ["suppliers", "list", "--prioritised"])
    assert "Prioritering etter risiko × størrelse" in table.output
    assert "1. Nordvev Tekstil AS" in table.output


def test_the_sample_list_adds_to_the_sample_register_without_changing_it(register: Path) -> None:
    assert runner.invoke(app, ["sample-register"]).exit_code == 0

    result = runner.invoke(app, ["suppliers", "import", str(SAMPLE_LIST), "--dry-run", "--json"])

    plan = json.loads(result.output)
    assert result.exit_code == 0
    assert plan["counts"] == {"rows": 11, "created": 8, "updated": 0, "unchanged": 3, "rejected": 0}
    listed = json.loads(runner.invoke(app, ["suppliers", "list", "--json"]).output)
    assert {row["name"]: row["annual_spend"] for row in listed}["Nordvev Tekstil AS"] == 4_850_000
