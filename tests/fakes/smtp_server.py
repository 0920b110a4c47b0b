"""A real SMTP server on a free loopback port (aiosmtpd, in a thread) that records every
message it accepts, for tests of what aktsom e-mails.

`refuse` makes it answer the next messages with a given SMTP reply, e.g. a transient
`451` or a permanent `550`, to test retries and failures.

Usage::

    with SmtpServer() as smtp:
        mailer = Mailer(SmtpConfig.from_url(smtp.url, sender="csr@acme.example"))
        ...
        [message] = smtp.messages          # email.message.EmailMessage
        message["To"], message.get_content()
"""

from __future__ import annotations

import socket
import threading
import time
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller

WAIT_TIMEOUT_S = 10.0


class _Recorder:
    """The aiosmtpd handler: keeps each accepted message, or refuses as told."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refusals: list[str] = []
        self.attempts = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.attempts += 1
            if self.refusals:
                return self.refusals.pop(0)
            message = BytesParser(policy=policy.default).parsebytes(envelope.content)
            self.messages.append(message)
        return "250 Message accepted for delivery"


class SmtpServer:
    """The loopback SMTP server; a context manager that starts and stops it."""

    def __init__(self) -> None:
        self._recorder = _Recorder()
        self.port = _free_port()
        self._controller = Controller(self._recorder, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        """`smtp://127.0.0.1:PORT`, for `AKTSOM_SMTP_URL`."""
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        """Every message accepted so far, oldest first."""
        with self._recorder.lock:
            return list(self._recorder.messages)

    @property
    def attempts(self) -> int:
        """How many messages were offered, accepted or refused."""
        return self._recorder.attempts

    def refuse(self, *replies: str) -> None:
        """Answer the next messages with these replies (e.g. `451 Try later`)."""
        with self._recorder.lock:
            self._recorder.refusals.extend(replies)

    def wait_for(self, count: int) -> list[EmailMessage]:
        """The messages once at least `count` have arrived."""
        deadline = time.monotonic() + WAIT_TIMEOUT_S
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} e-mails, got {len(self.messages)}")
            time.sleep(0.01)
        return self.messages

    def __enter__(self) -> SmtpServer:
        self._controller.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._controller.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
