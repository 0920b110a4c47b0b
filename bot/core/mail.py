"""E-mail through an SMTP server, for what aktsom sends outside the chat (questionnaires).

`AKTSOM_SMTP_URL` says where: `smtp://user:password@host:587?starttls=1` (plain SMTP,
upgraded with STARTTLS), `smtps://user:password@host:465` (TLS from the start), or
`smtp://host:25` (no login, e.g. a relay on the same network). User and password are
URL-encoded. Messages are built with `email.message.EmailMessage` and sent with the
standard library's `smtplib`.

A transient failure (connection refused or dropped, a timeout, a 4xx reply) is retried a
few times with a growing pause (tenacity); a permanent one (5xx, a refused login or
recipient) is not. Either way, a message that cannot be sent raises `MailFailed` with the
reason, so the caller reports it and nothing is lost silently.

Usage::

    mailer = Mailer(SmtpConfig.from_url("smtp://u:p@mail.example:587?starttls=1",
                                        sender="Acme compliance <csr@acme.example>"))
    mailer.send(to="supplier@example.com", subject="...", body="...")
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from tenacity import (
    retry,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from bot.core.errors import CoreError

SMTP_TIMEOUT_S = 20
SEND_ATTEMPTS = 3
RETRY_WAIT_S = 1.0
DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


class MailFailed(CoreError):
    """An e-mail could not be sent; the message says why (after any retries)."""


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    """Where and how to send: the server, its security, the login and the sender."""

    host: str
    port: int
    sender: str
    security: Literal["none", "starttls", "tls"] = "none"
    username: str | None = None
    password: str | None = None
    timeout_s: float = SMTP_TIMEOUT_S
    retry_wait_s: float = RETRY_WAIT_S

    @classmethod
    def from_url(cls, url: str, *, sender: str | None = None) -> SmtpConfig:
        """Read an `smtp://` or `smtps://` URL (see the module docstring); `sender` defaults
        to `aktsom@<host>`. ValueError when the URL is not one of those."""
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ValueError("the SMTP URL must look like smtp://user:password@host:587")
        query = parse_qs(parts.query)
        starttls = query.get("starttls", [""])[0].lower() in TRUE_WORDS
        security = "tls" if parts.scheme == "smtps" else "starttls" if starttls else "none"
        return cls(
            host=parts.hostname,
            port=parts.port or DEFAULT_PORTS[parts.scheme],
            sender=sender or f"aktsom@{parts.hostname}",
            security=security,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )

    @property
    def sender_name(self) -> str | None:
        """The display name in the sender address (`Acme compliance`), if it has one."""
        return parseaddr(self.sender)[0] or None


class Mailer:
    """Sends one plain-text e-mail at a time through the configured server."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    def send(self, *, to: str, subject: str, body: str) -> None:
        """Send `body` to `to`; MailFailed with the reason when it cannot be delivered."""
        message = EmailMessage()
        message["From"] = self.config.sender
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=self.config.host)
        message.set_content(body)
        sending = retry(
            retry=retry_if_exception(_transient),
            stop=stop_after_attempt(SEND_ATTEMPTS),
            wait=wait_exponential(multiplier=self.config.retry_wait_s, max=10),
            reraise=True,
        )(self._deliver)
        try:
            sending(message)
        except (smtplib.SMTPException, OSError) as error:
            raise MailFailed(f"the e-mail to {to} could not be sent: {_reason(error)}") from error

    def _deliver(self, message: EmailMessage) -> None:
        config = self.config
        if config.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host,
                config.port,
                timeout=config.timeout_s,
                context=ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(config.host, config.port, timeout=config.timeout_s)
        with client:
            if config.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if config.username:
                client.login(config.username, config.password or "")
            client.send_message(message)


def _transient(error: BaseException) -> bool:
    """Worth trying again: the connection failed or the server said 'try later' (4xx)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | OSError)


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        detail = error.smtp_error
        text = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
        return f"the server answered {error.smtp_code} {text}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "the server refused the recipient"
    return str(error) or type(error).__name__
