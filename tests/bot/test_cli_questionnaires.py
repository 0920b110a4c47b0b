"""`aktsom saq send | list | scores`: links to copy without SMTP, e-mail with it, the
response rates, and a supplier's score history, on the configured register."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.core import questionnaires as saq
from bot.core.context import Core, open_core
from bot.core.store import open_store
from bot.settings import load_settings
from storage.db import make_sessionmaker
from storage.principal import Principal, Role
from storage.questionnaire import current_version, load_questionnaire
from storage.services.suppliers import SupplierCreate, create_supplier
from tests.fakes.smtp_server import SmtpServer

runner = CliRunner()
LINK = re.compile(r"http://127\.0\.0\.1:8080/saq/\S+")


@pytest.fixture
def suppliers(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two suppliers in the CLI's register: one with a contact e-mail, one without."""
    monkeypatch.setenv("AKTSOM_DATA_DIR", str(data_dir))
    engine, keyring = open_store(load_settings())
    officer = Principal("cli", "setup", frozenset({Role.COMPLIANCE}))
    ids = []
    with make_sessionmaker(engine, keyring=keyring)() as session:
        for name, email in (("Dhaka Knit Ltd", "csr@dhakaknit.example"), ("Mystery Parts", None)):
            data = SupplierCreate(name=name, countries=["BD"], contact_email=email)
            ids.append(create_supplier(session, principal=officer, data=data).id)
    engine.dispose()
    return ids


@pytest.fixture
def core(suppliers: list[int]) -> Iterator[Core]:
    """A core on the same register, as the web process would have."""
    core = open_core(load_settings(), seed=False)
    yield core
    core.close()


def test_send_without_smtp_prints_the_link_to_copy(suppliers: list[int], core: Core) -> None:
    result = runner.invoke(app, ["saq", "send", str(suppliers[0]), "--language", "en"])
    assert result.exit_code == 0, result.output
    assert "Dhaka Knit Ltd: egenvurdering #1 klar; ingen SMTP er satt opp" in result.output
    [link] = LINK.findall(result.output)
    page = saq.open_questionnaire(core, token=link.rsplit("/", 1)[1])
    assert page.language == "en" and page.supplier_name == "Dhaka Knit Ltd"


def test_a_supplier_without_an_address_exits_1_with_the_reason(suppliers: list[int]) -> None:
    result = runner.invoke(app, ["saq", "send", str(suppliers[1]), "--json"])
    assert result.exit_code == 1
    [row] = json.loads(result.output)
    assert row["outcome"] == "failed" and "e-postadresse" in row["reason"]
    given = runner.invoke(app, ["saq", "send", str(suppliers[1]), "--email", "a@mystery.example"])
    assert given.exit_code == 0, given.output


def test_send_with_smtp_e_mails_the_supplier(
    suppliers: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    with SmtpServer() as smtp:
        monkeypatch.setenv("AKTSOM_SMTP_URL", smtp.url)
        monkeypatch.setenv("AKTSOM_SMTP_FROM", "Acme compliance <csr@acme.example>")
        load_settings.cache_clear()
        result = runner.invoke(app, ["saq", "send", str(suppliers[0])])
        assert result.exit_code == 0, result.output
        assert "sendt på e-post til csr@dhakaknit.example" in result.output
        [message] = smtp.wait_for(1)
    assert message["To"] == "csr@dhakaknit.example"


def test_list_and_scores_show_rates_and_history(suppliers: list[int], core: Core) -> None:
    sent = runner.invoke(app, ["saq", "send", str(suppliers[0])])
    token = LINK.search(sent.output).group(0).rsplit("/", 1)[1]
    listed = json.loads(runner.invoke(app, ["saq", "list", "--json"]).output)
    assert listed["rates"] == {
        "sent": 1,
        "opened": 0,
        "submitted": 0,
        "overdue": 0,
        "opened_pct": 0.0,
        "submitted_pct": 0.0,
        "overdue_pct": 0.0,
    }
    for question in load_questionnaire(current_version()).questions:
        if question.required:
            text = "Gazipur" if question.kind == "text" else None
            choice = None if text else "no" if question.id == "forced.fees" else "yes"
            saq.save_answer(core, token=token, question_id=question.id, choice=choice, text=text)
    saq.submit(core, token=token, name="Ana Rahman", role="CEO")
    table = runner.invoke(app, ["saq", "list"])
    assert "submitted 1 (100 %)" in table.output
    [history] = json.loads(
        runner.invoke(app, ["saq", "scores", str(suppliers[0]), "--json"]).output
    )
    assert history["total"] == round((300 + round(100 * 34 / 38, 1)) / 4, 1)
    assert history["Arbeidsforhold"] == round(100 * 34 / 38, 1)
    assert history["red_flags"] == [
        "Leverandøren oppgir at arbeidere betaler rekrutteringsgebyr eller andre kostnader for "
        "å få jobben."
    ]
    shown = runner.invoke(app, ["saq", "scores", str(suppliers[0])])
    assert "Slik regnes poengene" in shown.output
