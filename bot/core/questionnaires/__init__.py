"""Supplier self-assessment questionnaires (SAQ): the flows every surface calls.

The team (compliance role; every call audited in the register):

- `send(core, *, person, supplier_ids, email=None, language=None) -> list[SendResult]`:
  per supplier `outcome` `emailed`, `link` (no SMTP: `result.link` to copy) or `failed`
  (`result.reason`; a failed e-mail keeps its invitation and `link`); `describe(lang)`.
- `resend(core, *, person, invitation_id, email=None) -> SendResult`: a new link and
  deadline (older links stop working); `cancel(core, *, person, invitation_id)`;
  `current_link(core, *, person, invitation_id) -> str` to copy the link again.
- `overview(core, *, person, supplier_id=None) -> Overview`: `rows` (`InvitationRow`:
  invitation, overdue) and `rates` (`ResponseRates`: sent, opened, submitted, overdue,
  `share(count)` in percent).
- `score_history(core, *, person, supplier_id) -> list[ScoreRow]`;
  `invitation_file(core, *, person, invitation_id) -> InvitationFile` (answers in the team's
  language, attachments, score, `SuggestionRow`s); `scoring_rule(lang) -> str`.
- `decide(core, *, person, suggestion_id, accept) -> SuggestionPublic`: accepting creates the
  follow-up task or deviation and links it; each suggestion is decided once.
- `attachment(core, *, person, attachment_id) -> (AttachmentPublic, bytes)`.

The supplier, with the token from the link (`/saq/<token>`, see `links`):

- `open_questionnaire(core, *, token, language=None) -> QuestionnairePage` (sections of
  `QuestionView` with saved answers, `read_only` once submitted, `deadline`, `missing`);
- `save_answer(core, *, token, question_id, choice=None, text=None) -> AnswerPublic`;
- `attach(core, *, token, question_id, filename, data) -> AttachmentPublic`;
- `submit(core, *, token, name, role) -> QuestionnairePage` (`FormInvalid` naming what is
  missing);
- every one raises `storage.errors.LinkRefused` (reason `invalid`, `expired`, `cancelled`,
  `submitted`) before changing anything; `refusal(lang, error)` words it.

Reminders and expiry: `send_reminders(core) -> int`, run by the web process's scheduler.
"""

from __future__ import annotations

from bot.core.questionnaires.links import SAQ_PATH, link_for, read_token
from bot.core.questionnaires.reminders import send_reminders
from bot.core.questionnaires.supplier import (
    QuestionnairePage,
    QuestionView,
    SectionView,
    attach,
    open_questionnaire,
    refusal,
    save_answer,
    submit,
)
from bot.core.questionnaires.team import (
    InvitationFile,
    Overview,
    ResponseRates,
    ScoreRow,
    SendOutcome,
    SendResult,
    attachment,
    cancel,
    current_link,
    decide,
    invitation_file,
    overview,
    resend,
    score_history,
    scoring_rule,
    send,
)

__all__ = [
    "SAQ_PATH",
    "InvitationFile",
    "Overview",
    "QuestionView",
    "QuestionnairePage",
    "ResponseRates",
    "ScoreRow",
    "SectionView",
    "SendOutcome",
    "SendResult",
    "attach",
    "attachment",
    "cancel",
    "current_link",
    "decide",
    "invitation_file",
    "link_for",
    "open_questionnaire",
    "overview",
    "read_token",
    "refusal",
    "resend",
    "save_answer",
    "score_history",
    "scoring_rule",
    "send",
    "send_reminders",
    "submit",
]
