"""The e-mails a supplier gets about a questionnaire: the invitation and the reminders, in
the invitation's language (bokmål, English or Swedish), each with the link and deadline.

Usage::

    error = deliver(core, invitation=invitation, link=url)              # None when sent
    error = deliver(core, invitation=invitation, link=url, reminder=True)
"""

from __future__ import annotations

from email.utils import parseaddr

from bot.core import messages
from bot.core.context import Core
from bot.core.mail import MailFailed
from storage.services.questionnaires import InvitationPublic


def compose(
    core: Core, *, invitation: InvitationPublic, link: str, reminder: bool = False
) -> tuple[str, str]:
    """The subject and body of the invitation (or a reminder of it)."""
    lang = invitation.language
    kind = "saq.reminder" if reminder else "saq.email"
    values = {
        "supplier": invitation.supplier_name,
        "sender": _sender(core),
        "link": link,
        "deadline": messages.day(lang, invitation.expires_at),
        "sent": messages.day(lang, invitation.sent_at or invitation.created_at),
    }
    return (
        messages.text(lang, f"{kind}.subject", **values),
        messages.text(lang, f"{kind}.body", **values),
    )


def deliver(
    core: Core, *, invitation: InvitationPublic, link: str, reminder: bool = False
) -> str | None:
    """E-mail the invitation or a reminder; the reason when it could not be sent, else None.

    Needs a configured mailer (`core.outreach.mailer`) and a recipient on the invitation.
    """
    mailer = core.outreach.mailer
    if mailer is None or not invitation.recipient_email:
        return "no SMTP server or no recipient"
    subject, body = compose(core, invitation=invitation, link=link, reminder=reminder)
    try:
        mailer.send(to=invitation.recipient_email, subject=subject, body=body)
    except MailFailed as error:
        return str(error)
    return None


def _sender(core: Core) -> str:
    """Who the supplier hears from: the sender's display name, else its address."""
    mailer = core.outreach.mailer
    if mailer is None:
        return "aktsom"
    name, address = parseaddr(mailer.config.sender)
    return name or address
