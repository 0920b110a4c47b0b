"""`aktsom chat` as a person at a terminal uses it, with input piped in line by line.

The knowledge base is built once per module from the small test corpus and copied into each
test's data dir, so `chat` finds it non-empty and never indexes the bundled guide.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from bot.cli import app
from bot.core import messages
from knowledge.engine import KnowledgeBase
from storage.models import CaseStatus
from tests.knowledge.corpus import write_corpus

DESCRIPTION = "Workers on the night shift are 14 years old."
REPORT = ["/report", "2", "Harbour Knitwear", "BD", DESCRIPTION, "", "March 2026", ""]
"""A whole report: category, supplier, country, description (ended by an empty line),
when, and anonymous left at its default."""
NOTE = """---
title: Merknad om overtid [ikke endelig]
kind: guidance
---
# Overtidstillegg

Overtidstillegget for nattarbeid er 40 prosent [ikke avtalt ennå] og merkes [/red] i lønnsslippen.
"""
_RECEIPT = re.compile(r"\b\d{4} \d{4} \d{4} \d{4}\b")


@pytest.fixture(scope="module")
def knowledge_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus plus a note with brackets in it, indexed once for the module."""
    root = tmp_path_factory.mktemp("chat-knowledge")
    docs = write_corpus(root / "docs")
    (docs / "merknad.md").write_text(NOTE, encoding="utf-8")
    report = KnowledgeBase.open(root / "knowledge").ingest([docs])
    assert not report.failures
    return root / "knowledge"


@pytest.fixture
def chat_env(data_dir: Path, knowledge_template: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data dir holding its own copy of the indexed corpus and a fresh register."""
    shutil.copytree(knowledge_template, data_dir / "knowledge")
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    return data_dir


def _chat(*lines: str) -> Result:
    result = CliRunner().invoke(app, ["chat"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return result


def _cases() -> list[dict[str, Any]]:
    return json.loads(CliRunner().invoke(app, ["cases", "list", "--json"]).stdout)


def _case(reference: str) -> dict[str, Any]:
    return json.loads(CliRunner().invoke(app, ["cases", "show", reference, "--json"]).stdout)


def _receipt(output: str) -> str:
    codes = _RECEIPT.findall(output)
    assert len(codes) == 1, output
    return codes[0].replace(" ", "")


def _either(key: str, **values: object) -> tuple[str, str]:
    return messages.text("nb", key, **values), messages.text("en", key, **values)


@pytest.mark.usefixtures("chat_env")
def test_piped_report_stores_a_case_and_prints_a_16_digit_receipt() -> None:
    out = _chat(*REPORT).stdout

    [case] = _cases()
    assert case["channel"] == "cli"
    assert case["category"] == "child_labour"
    assert case["supplier_name"] == "Harbour Knitwear"
    assert case["country"] == "BD"
    assert case["reference"] in out
    assert len(_receipt(out)) == 16
    assert DESCRIPTION not in out


@pytest.mark.usefixtures("chat_env")
def test_anonymous_report_stores_no_reporter_id() -> None:
    _chat(*REPORT)

    [case] = _cases()
    detail = _case(case["reference"])
    assert detail["anonymous"] is True
    assert detail["reporter_id"] is None
    assert DESCRIPTION in detail["description"]


@pytest.mark.usefixtures("chat_env")
def test_report_signed_with_no_keeps_who_reported() -> None:
    _chat(*REPORT[:-1], "n")

    [case] = _cases()
    detail = _case(case["reference"])
    assert detail["anonymous"] is False
    assert detail["reporter_id"]


@pytest.mark.usefixtures("chat_env")
def test_missing_description_is_asked_again_and_nothing_typed_is_lost() -> None:
    out = _chat(
        "/varsle", "2", "Harbour Knitwear", "BD", "", "March 2026", "", DESCRIPTION, ""
    ).stdout

    assert any(text in out for text in _either("error.description_required"))
    assert max(out.count(label) for label in _either("report.description")) == 2
    [case] = _cases()
    assert case["category"] == "child_labour"
    assert case["supplier_name"] == "Harbour Knitwear"
    assert case["country"] == "BD"
    description = _case(case["reference"])["description"]
    assert DESCRIPTION in description
    assert "March 2026" in description


@pytest.mark.usefixtures("chat_env")
def test_unknown_country_is_asked_again() -> None:
    _chat("/report", "2", "", "Atlantis", DESCRIPTION, "", "", "", "Bangladesh")

    [case] = _cases()
    assert case["country"] == "BD"


@pytest.mark.usefixtures("chat_env")
def test_status_with_the_receipt_shows_the_status_and_takes_a_reply() -> None:
    code = _receipt(_chat(*REPORT).stdout)

    out = _chat("/status", code, "The shift starts at 22.", "").stdout

    [case] = _cases()
    assert case["reference"] in out
    assert any(messages.label(lang, CaseStatus.RECEIVED) in out for lang in ("nb", "en"))
    assert any(text in out for text in _either("status.no_messages"))
    assert any(text in out for text in _either("status.reply_sent", reference=case["reference"]))
    [reply] = _case(case["reference"])["messages"]
    assert (reply["author"], reply["body"]) == ("reporter", "The shift starts at 22.")


@pytest.mark.usefixtures("chat_env")
def test_status_without_a_reply_adds_nothing() -> None:
    code = _receipt(_chat(*REPORT).stdout)

    _chat(f"/status {code}", "")

    [case] = _cases()
    assert _case(case["reference"])["messages"] == []


@pytest.mark.usefixtures("chat_env")
def test_unknown_receipt_code_prints_the_core_error_and_the_chat_goes_on() -> None:
    question = "Hva er fristen for å svare på et informasjonskrav?"
    out = _chat("/status", "1234 5678 1234 5678", question).stdout

    assert any(text in out for text in _either("error.receipt_invalid"))
    assert "tre uker" in out


@pytest.mark.usefixtures("chat_env")
def test_question_gets_an_answer_with_sources() -> None:
    out = _chat("Hva er fristen for å svare på et informasjonskrav?").stdout

    assert "tre uker" in out
    assert "Kilder:" in out
    assert "[1] Rutine for informasjonskrav" in out


@pytest.mark.usefixtures("chat_env")
def test_document_text_in_brackets_prints_verbatim() -> None:
    out = _chat("Hvor stort er overtidstillegget for nattarbeid?").stdout

    assert "[ikke avtalt ennå]" in out
    assert "[/red]" in out
    assert "Merknad om overtid [ikke endelig]" in out


@pytest.mark.usefixtures("chat_env")
def test_help_lists_report_and_status() -> None:
    out = _chat("/help").stdout

    assert "/report" in out
    assert "/status" in out


@pytest.mark.usefixtures("chat_env")
def test_unknown_command_says_so_and_lists_the_commands() -> None:
    out = _chat("/frobnicate").stdout

    assert any(text in out for text in _either("error.unknown_command", command="/frobnicate"))
    assert "/report" in out
