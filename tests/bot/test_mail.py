"""SMTP settings read as operators write them, and mail sent through a loopback server:
retried on a transient refusal, reported (not lost) on a permanent one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import ValidationError

from bot.core.mail import Mailer, MailFailed, SmtpConfig
from bot.core.outreach import outreach_from
from bot.settings import Settings
from tests.fakes.smtp_server import SmtpServer


def test_smtp_urls_name_server_security_and_login() -> None:
    starttls = SmtpConfig.from_url("smtp://kari%40acme.no:p%C3%A5ss@mail.acme.no:587?starttls=1")
    assert (starttls.host, starttls.port, starttls.security) == ("mail.acme.no", 587, "starttls")
    assert (starttls.username, starttls.password) == ("kari@acme.no", "påss")
    assert starttls.sender == "aktsom@mail.acme.no"
    tls = SmtpConfig.from_url("smtps://u:p@mail.acme.no", sender="Acme <csr@acme.no>")
    assert (tls.port, tls.security, tls.sender_name) == (465, "tls", "Acme")
    relay = SmtpConfig.from_url("smtp://relay.local")
    assert (relay.port, relay.security, relay.username) == (25, "none", None)


def test_a_setting_that_is_not_an_smtp_url_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AKTSOM_SMTP_URL", "https://mail.acme.no")
    with pytest.raises(ValidationError, match="smtp://"):
        Settings()


def test_reminder_days_and_link_days_come_from_the_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AKTSOM_SAQ_REMINDER_DAYS", "10, 3")
    monkeypatch.setenv("AKTSOM_SAQ_LINK_DAYS", "21")
    outreach = outreach_from(Settings())
    assert (outreach.reminder_days, outreach.link_days, outreach.mailer) == ((3, 10), 21, None)
    monkeypatch.setenv("AKTSOM_SAQ_REMINDER_DAYS", "seven")
    with pytest.raises(ValidationError, match="whole days"):
        Settings()


def test_mail_is_retried_after_a_transient_refusal_and_reported_after_a_permanent_one() -> None:
    with SmtpServer() as smtp:
        mailer = Mailer(
            replace(SmtpConfig.from_url(smtp.url, sender="csr@acme.no"), retry_wait_s=0)
        )
        smtp.refuse("421 Busy", "451 Try later")
        mailer.send(to="a@b.example", subject="Æ ø å", body="Hei på deg")
        [message] = smtp.wait_for(1)
        assert message["Subject"] == "Æ ø å" and smtp.attempts == 3
        smtp.refuse("550 No such user")
        with pytest.raises(MailFailed, match="550 No such user"):
            mailer.send(to="nobody@b.example", subject="x", body="y")
        assert smtp.attempts == 4
