"""Questionnaire reminders: suppliers who have not submitted are e-mailed on the configured
days after sending (`AKTSOM_SAQ_REMINDER_DAYS`, default 7 and 14), and invitations past
their deadline are marked expired.

Run from the web process's scheduler (`bot.core.reminders.start_scheduler`), as often as it
likes and in as many processes as share the database: each reminder is claimed once
(`reminder:saq:<invitation>:<n>:<day sent>`) before it goes out, and released again if the
e-mail fails, so a later run tries it again. A job that was down catches up with one
e-mail, not one per missed day. Without SMTP only the expiry runs.

Usage::

    sent = send_reminders(core)
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.core.context import Core
from bot.core.questionnaires.emails import deliver
from bot.core.questionnaires.links import link_for
from storage.principal import Principal, Role
from storage.services import claims
from storage.services import questionnaires as store
from storage.services.questionnaires import InvitationPublic

SCHEDULER = Principal("system", "questionnaires", frozenset({Role.COMPLIANCE}))
log = logging.getLogger(__name__)


def send_reminders(core: Core) -> int:
    """Expire what is past its deadline, then send the reminders due now; returns how many
    went out."""
    now = core.now()
    with core.session() as session:
        store.expire_invitations(session, principal=SCHEDULER, now=now)
        waiting = (
            store.awaiting_answers(session, principal=SCHEDULER) if core.outreach.mailer else []
        )
    return sum(_remind(core, invitation) for invitation in waiting)


def due_reminder(core: Core, invitation: InvitationPublic) -> int:
    """Which reminder (1, 2, ...) is due for the invitation now, or 0 when none is."""
    if invitation.sent_at is None or core.now() >= invitation.expires_at:
        return 0
    passed = sum(
        invitation.sent_at + timedelta(days=days) <= core.now()
        for days in core.outreach.reminder_days
    )
    return passed if passed > invitation.reminders_sent else 0


def _remind(core: Core, invitation: InvitationPublic) -> bool:
    number = due_reminder(core, invitation)
    if not number or not invitation.recipient_email:
        return False
    assert invitation.sent_at is not None
    key = f"reminder:saq:{invitation.id}:{number}:{invitation.sent_at.date().isoformat()}"
    with core.session() as session:
        if not claims.claim(session, key=key, now=core.now()):
            return False
        issued = store.current_link(session, principal=SCHEDULER, invitation_id=invitation.id)
    link = link_for(core, invitation_id=invitation.id, nonce=issued.nonce)
    error = deliver(core, invitation=issued.invitation, link=link, reminder=True)
    with core.session() as session:
        if error is not None:
            log.warning("questionnaire reminder %s not sent: %s", key, error)
            claims.release(session, key=key)
            return False
        store.record_reminder(
            session, principal=SCHEDULER, invitation_id=invitation.id, number=number, now=core.now()
        )
    return True
