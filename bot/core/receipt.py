"""The reporter's side of a case: status, handler messages and a reply, by receipt code.

A surface that shows the status and then offers a reply box must keep the code between the
two steps without storing it: `seal` encrypts it (Fernet, with the register's keys) into a
token that expires after `SEAL_TTL_S`, to be carried in the form (a Slack view's private
metadata, a hidden field); `unseal` opens it again.
"""

from __future__ import annotations

import re

from bot.core import messages
from bot.core.context import Core
from bot.core.errors import FormInvalid
from bot.core.people import Lang, Person
from storage.crypto import keyring_for
from storage.errors import KeyringError, ReceiptInvalid
from storage.services.case_schemas import ReceiptView
from storage.services.cases import reply_by_receipt, view_by_receipt

SEAL_TTL_S = 30 * 60
_CODE = re.compile(r"^\d{16}$")


def status(core: Core, *, person: Person, code: str) -> ReceiptView:
    """Status and handler messages of the case behind `code`; wrong codes are rate-limited."""
    with core.session() as session:
        return view_by_receipt(
            session, code=_checked(person, code), source=person.source, now=core.now()
        )


def reply(core: Core, *, person: Person, code: str, body: str) -> str:
    """Add the reporter's reply to the case behind `code`; returns the case reference."""
    if not body.strip():
        raise FormInvalid({"reply": messages.text(person.language, "error.reply_required")})
    with core.session() as session:
        return reply_by_receipt(
            session,
            code=_checked(person, code),
            source=person.source,
            body=body,
            now=core.now(),
        )


def summary(lang: Lang, view: ReceiptView) -> list[str]:
    """The lines every surface shows above the messages: case, received, status, outcome."""
    lines = [
        messages.text(
            lang,
            "status.summary",
            reference=view.reference,
            received=messages.day(lang, view.received_at),
            status=messages.label(lang, view.status),
        )
    ]
    if view.outcome:
        lines.append(
            messages.text(lang, "status.outcome", outcome=messages.label(lang, view.outcome))
        )
    return lines


def seal(core: Core, code: str) -> str:
    """`code` encrypted for carrying in a form between two steps."""
    with core.session() as session:
        return keyring_for(session).encrypt(code).decode("ascii")


def unseal(core: Core, token: str) -> str:
    """The code inside a token from `seal`; `ReceiptInvalid` when forged or expired."""
    with core.session() as session:
        try:
            return keyring_for(session).decrypt(token.encode("ascii"), ttl_s=SEAL_TTL_S)
        except (KeyringError, UnicodeEncodeError) as error:
            raise ReceiptInvalid("the form has expired; enter the receipt code again") from error


def _checked(person: Person, code: str) -> str:
    digits = re.sub(r"[\s-]", "", code)
    if not _CODE.match(digits):
        raise FormInvalid({"receipt": messages.text(person.language, "error.receipt_format")})
    return digits
