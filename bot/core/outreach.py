"""How aktsom reaches suppliers: the mailer (when SMTP is configured), where questionnaire
links point, how long they last, when reminders go out, and how large an attachment may be.

Built once from the settings by `open_core` and kept on the `Core`; flows read it there.
Without SMTP (`mailer` None) a questionnaire's link is handed to the team to copy.

Usage::

    outreach = outreach_from(load_settings())
    outreach.mailer is None      # True unless AKTSOM_SMTP_URL is set
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.mail import Mailer, SmtpConfig
from bot.settings import (
    DEFAULT_SAQ_LINK_DAYS,
    DEFAULT_SAQ_MAX_ATTACHMENT_MB,
    DEFAULT_WEB_URL,
    Settings,
)

DEFAULT_REMINDER_DAYS = (7, 14)


@dataclass(frozen=True, slots=True)
class Outreach:
    """Settings of the questionnaire flows; the defaults suit tests and a first start."""

    web_url: str = DEFAULT_WEB_URL
    mailer: Mailer | None = None
    link_days: int = DEFAULT_SAQ_LINK_DAYS
    reminder_days: tuple[int, ...] = DEFAULT_REMINDER_DAYS
    """Days after sending on which a supplier who has not submitted is reminded."""
    max_attachment_bytes: int = DEFAULT_SAQ_MAX_ATTACHMENT_MB * 2**20
    team_language: str = "nb"
    """The language follow-up tasks and deviations from red flags are written in."""


def outreach_from(settings: Settings) -> Outreach:
    """The outreach settings; ValueError when `AKTSOM_SMTP_URL` is not an SMTP URL."""
    mailer = None
    if settings.smtp_url is not None:
        url = settings.smtp_url.get_secret_value()
        mailer = Mailer(SmtpConfig.from_url(url, sender=settings.smtp_from))
    return Outreach(
        web_url=settings.web_url,
        mailer=mailer,
        link_days=settings.saq_link_days,
        reminder_days=settings.saq_reminder_day_list,
        max_attachment_bytes=settings.saq_max_attachment_mb * 2**20,
        team_language=settings.team_language,
    )
