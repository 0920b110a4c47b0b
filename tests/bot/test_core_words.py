"""The core's words, language choice and command parsing."""

from __future__ import annotations

import string

import pytest

from bot.core import messages
from bot.core.commands import Command, parse
from bot.core.people import Directory, choose_language
from storage.errors import AccessDenied, RateLimited, ReceiptInvalid


@pytest.mark.parametrize("key", sorted(messages.TEXTS))
def test_every_text_exists_in_both_languages_with_the_same_placeholders(key: str) -> None:
    nb, en = messages.TEXTS[key]
    fields = {name for _, name, _, _ in string.Formatter().parse(nb) if name}

    assert nb.strip() and en.strip()
    assert fields == {name for _, name, _, _ in string.Formatter().parse(en) if name}


def test_every_label_has_both_languages() -> None:
    assert all(nb and en for nb, en in messages.LABELS.values())


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("nb-NO", "What is the deadline?", "nb"),
        ("en-US", "Hva er fristen for å svare på et informasjonskrav?", "nb"),
        ("en-US", "What is the deadline for an information request?", "en"),
        ("en-GB", None, "en"),
        (None, None, "en"),
        ("sv-SE", None, "nb"),
    ],
)
def test_language_from_locale_then_what_was_written(
    locale: str | None, text: str | None, expected: str
) -> None:
    assert choose_language(locale, text) == expected


def test_errors_are_explained_without_internals() -> None:
    assert "compliance" in messages.explain("en", AccessDenied("slack:U1 may not case.read"))
    assert "U1" not in messages.explain("en", AccessDenied("slack:U1 may not case.read"))
    assert "15" in messages.explain("nb", RateLimited("x"))
    assert "kvitteringskode" in messages.explain("nb", ReceiptInvalid("x"))
    assert "Traceback" not in messages.explain("en", ZeroDivisionError("boom"))
    assert "boom" not in messages.explain("en", ZeroDivisionError("boom"))


def test_dates_read_as_people_write_them() -> None:
    from datetime import date

    assert messages.day("nb", date(2027, 1, 12)) == "12. jan 2027"
    assert messages.day("en", date(2027, 1, 12)) == "12 Jan 2027"


@pytest.mark.parametrize(
    ("text", "command", "rest"),
    [
        ("", Command.HELP, ""),
        ("ask Hva er fristen?", Command.ASK, "Hva er fristen?"),
        ("REPORT", Command.REPORT, ""),
        ("varsle", Command.REPORT, ""),
        ("Hva er fristen?", Command.ASK, "Hva er fristen?"),
        ("frobnicate", Command.UNKNOWN, "frobnicate"),
    ],
)
def test_subcommands(text: str, command: Command, rest: str) -> None:
    assert parse(text) == (parse(text).__class__(command, rest))


def test_compliance_group_is_looked_up_once_within_the_cache_time() -> None:
    lookups: list[str] = []

    def members(group: str) -> list[str]:
        lookups.append(group)
        return ["U2"]

    directory = Directory(
        platform="slack", compliance_users={"U1"}, compliance_group="S1", fetch_group=members
    )

    assert directory.is_compliance("U1") and directory.is_compliance("U2")
    assert not directory.is_compliance("U3")
    assert lookups == ["S1"]


def test_an_unreadable_group_grants_nobody_the_role() -> None:
    def broken(group: str) -> list[str]:
        raise RuntimeError("slack down")

    directory = Directory(platform="slack", compliance_group="S1", fetch_group=broken)

    assert not directory.person("U2").compliance


def test_report_intent_is_recognised_in_three_languages() -> None:
    from bot.core.ask import wants_to_report

    assert wants_to_report("I want to report forced labour at a supplier")
    assert wants_to_report("jeg vil varsle om noe")
    assert wants_to_report("Jag vill anmäla ett missförhållande")
    assert not wants_to_report("What does the audit report say about Nordvev?")
