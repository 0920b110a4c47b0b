"""Block Kit for every core result: answers, modals, the App Home, notices.

Rendering only: every sentence comes from `bot.core.messages`, every decision from the
core. Document text is data: quotes go into `rich_text` elements, which Slack shows
verbatim (no mrkdwn, no links); titles and other document strings inside mrkdwn pass
through `escape`. Form blocks are named after the core form's fields (`block_id`), so a
core `FormInvalid` maps straight onto Slack's `response_action: errors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.core import messages, receipt
from bot.core.arrivals import Arrival
from bot.core.ask import AnswerView
from bot.core.people import Lang
from bot.core.reminders import Reminder
from bot.core.report import ReportForm, ReportReceipt
from bot.core.requests import RequestLogged
from bot.core.review import CaseRow, Home, ReviewAction, action_label
from bot.core.tasks import TaskList, describe
from bot.core.types import (
    CaseCategory,
    CaseDetail,
    CaseOutcome,
    DocumentInfo,
    ReceiptView,
    TaskKind,
)

Block = dict[str, Any]
View = dict[str, Any]
VALUE = "value"
"""The action id of every form input; the block id names the field."""
MAX_SECTION_CHARS = 2900
MAX_HOME_CASES = 20
MAX_OPTION_CHARS = 75

REPORT_VIEW = "report"
STATUS_VIEW = "status"
STATUS_REPLY_VIEW = "status_reply"
TASK_VIEW = "task"
REQUEST_VIEW = "request"
REVIEW_WRITE_VIEW = "review_write"
REVIEW_CLOSE_VIEW = "review_close"
OPEN_REPORT_ACTION = "open_report"
VOTE_UP_ACTION = "vote_up"
VOTE_DOWN_ACTION = "vote_down"
REVIEW_PREFIX = "review:"
OPEN_CASE_ACTION = f"{REVIEW_PREFIX}open"


def escape(text: str) -> str:
    """Text safe inside mrkdwn: Slack's three control characters escaped, formatting defused.

    `*`, `_`, `~` and backticks are followed by an invisible word joiner (U+2060) so
    Slack does not pair them into bold, italics, strike or code.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for mark in "*_~`":
        text = text.replace(mark, f"{mark}\u2060")
    return text


def verbatim(text: str) -> Block:
    """A rich_text block showing `text` exactly as written."""
    return {
        "type": "rich_text",
        "elements": [
            {
                "type": "rich_text_section",
                "elements": [{"type": "text", "text": text[:MAX_SECTION_CHARS]}],
            }
        ],
    }


def mrkdwn(text: str) -> Block:
    """A section of our own mrkdwn (document strings inside must already be escaped)."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:MAX_SECTION_CHARS]}}


def context(text: str) -> Block:
    """Small grey text."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:MAX_SECTION_CHARS]}]}


def button(text: str, action_id: str, value: str = "", *, style: str | None = None) -> Block:
    """A button element."""
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text[:MAX_OPTION_CHARS]},
        "action_id": action_id,
        "value": value or action_id,
    }
    if style:
        element["style"] = style
    return element


def answer_blocks(view: AnswerView) -> list[Block]:
    """An answer: the quoted text, numbered sources by document and section, votes."""
    lang = view.language
    blocks = [verbatim(view.answer.text)]
    if view.sources:
        lines = []
        for group in view.sources:
            sections = "; ".join(
                section.marks + (f" {escape(section.location)}" if section.location else "")
                for section in group.sections
            )
            lines.append(f"*{escape(group.title)}* {sections}")
        blocks.append(context(f"*{view.sources_heading}:*\n" + "\n".join(lines)))
    if view.offer_report:
        blocks.append(mrkdwn(messages.text(lang, "ask.report_offer")))
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    button(
                        messages.text(lang, "button.report"), OPEN_REPORT_ACTION, style="primary"
                    )
                ],
            }
        )
    if view.answer.found:
        blocks.append(context(messages.text(lang, "ask.feedback")))
        blocks.append(
            {
                "type": "actions",
                "block_id": f"vote:{view.answer_id}",
                "elements": [
                    button(
                        messages.text(lang, "button.helpful"), VOTE_UP_ACTION, str(view.answer_id)
                    ),
                    button(
                        messages.text(lang, "button.not_helpful"),
                        VOTE_DOWN_ACTION,
                        str(view.answer_id),
                    ),
                ],
            }
        )
    return blocks


def report_modal(lang: Lang, *, form: ReportForm | None = None, problem: str | None = None) -> View:
    """The report form: category, supplier, country, what happened, when, anonymous.

    With `form`, the fields hold what the person wrote (after a failed store, so nothing is
    lost) and `problem` says what went wrong above them.
    """
    form = form or ReportForm(description="")
    anonymous = {
        "text": {"type": "plain_text", "text": messages.text(lang, "report.anonymous")},
        "description": {"type": "plain_text", "text": messages.text(lang, "report.anonymous_hint")},
        "value": "anonymous",
    }
    return _modal(
        REPORT_VIEW,
        lang,
        title=messages.text(lang, "report.title"),
        submit=messages.text(lang, "report.submit"),
        blocks=[
            *([mrkdwn(f"*{escape(problem)}*")] if problem else []),
            mrkdwn(messages.text(lang, "report.privacy", platform="Slack")),
            _input(
                "category",
                messages.text(lang, "report.category"),
                _select(
                    [(c.value, messages.label(lang, c)) for c in CaseCategory],
                    initial=form.category,
                ),
            ),
            _input(
                "supplier",
                messages.text(lang, "report.supplier"),
                _text_input(max_length=200, initial=form.supplier or ""),
                hint=messages.text(lang, "report.supplier_hint"),
                optional=True,
            ),
            _input(
                "country",
                messages.text(lang, "report.country"),
                _text_input(max_length=80, initial=form.country or ""),
                hint=messages.text(lang, "report.country_hint"),
                optional=True,
            ),
            _input(
                "description",
                messages.text(lang, "report.description"),
                _text_input(multiline=True, max_length=3000, initial=form.description),
                hint=messages.text(lang, "report.description_hint"),
            ),
            _input(
                "when",
                messages.text(lang, "report.when"),
                _text_input(max_length=200, initial=form.when or ""),
                hint=messages.text(lang, "report.when_hint"),
                optional=True,
            ),
            _input(
                "anonymous",
                messages.text(lang, "report.anonymous"),
                {
                    "type": "checkboxes",
                    "action_id": VALUE,
                    "options": [anonymous],
                    **({"initial_options": [anonymous]} if form.anonymous else {}),
                },
                optional=True,
            ),
        ],
    )


def storing_modal(lang: Lang) -> View:
    """Shown while a report is stored under load; the receipt replaces it seconds later."""
    return _modal(
        REPORT_VIEW,
        lang,
        title=messages.text(lang, "report.title"),
        blocks=[mrkdwn(messages.text(lang, "report.storing"))],
    )


def receipt_modal(lang: Lang, receipt: ReportReceipt) -> View:
    """What replaces the report form: reference and, this once, the receipt code."""
    blocks = [
        mrkdwn(messages.text(lang, "report.received", reference=receipt.reference)),
        mrkdwn(messages.text(lang, "report.receipt", code=receipt.receipt_code_grouped())),
        context(
            messages.text(
                lang,
                "report.deadlines",
                acknowledge=messages.day(lang, receipt.acknowledge_due),
                feedback=messages.day(lang, receipt.feedback_due),
            )
        ),
    ]
    if receipt.linked_supplier:
        blocks.append(
            context(messages.text(lang, "report.linked", supplier=escape(receipt.linked_supplier)))
        )
    return _modal(
        REPORT_VIEW, lang, title=messages.text(lang, "report.received_title"), blocks=blocks
    )


def case_notice(lang: Lang, receipt: ReportReceipt) -> list[Block]:
    """The compliance channel's notice of a new case: reference, category, deadlines only."""
    return [
        mrkdwn(receipt.notice(lang)),
        {
            "type": "actions",
            "elements": [
                button(messages.text(lang, "review.open"), OPEN_CASE_ACTION, receipt.reference)
            ],
        },
    ]


def status_modal(lang: Lang) -> View:
    """The form asking for a receipt code."""
    return _modal(
        STATUS_VIEW,
        lang,
        title=messages.text(lang, "status.title"),
        submit=messages.text(lang, "status.show"),
        blocks=[
            _input(
                "receipt",
                messages.text(lang, "status.receipt"),
                _text_input(max_length=40),
                hint=messages.text(lang, "status.receipt_hint"),
            )
        ],
    )


def status_result_modal(lang: Lang, view: ReceiptView, *, sealed: str) -> View:
    """Status and the handlers' messages, with a reply box; the code travels sealed."""
    blocks = [mrkdwn(line) for line in receipt.summary(lang, view)]
    blocks.append(context(f"*{messages.text(lang, 'status.messages')}*"))
    if not view.messages:
        blocks.append(context(messages.text(lang, "status.no_messages")))
    for message in view.messages:
        blocks.append(context(messages.day(lang, message.created_at)))
        blocks.append(verbatim(message.body))
    blocks.append(
        _input(
            "reply",
            messages.text(lang, "status.reply"),
            _text_input(multiline=True, max_length=3000),
            optional=True,
        )
    )
    return _modal(
        STATUS_REPLY_VIEW,
        lang,
        title=messages.text(lang, "status.title"),
        submit=messages.text(lang, "status.send_reply"),
        blocks=blocks,
        metadata=sealed,
    )


def notice_modal(lang: Lang, callback_id: str, title: str, lines: Sequence[str]) -> View:
    """A modal that only says something (a confirmation, a result)."""
    return _modal(callback_id, lang, title=title, blocks=[mrkdwn(line) for line in lines])


def task_modal(
    lang: Lang, *, title: str = "", origin: str | None = None, assignee: str | None = None
) -> View:
    """The follow-up task form, optionally prefilled from a message."""
    assignee_select: Block = {"type": "users_select", "action_id": VALUE}
    if assignee:
        assignee_select["initial_user"] = assignee
    blocks = [
        _input("supplier", messages.text(lang, "task.supplier"), _text_input(max_length=200)),
        _input(
            "kind",
            messages.text(lang, "task.kind"),
            _select([(k.value, messages.label(lang, k)) for k in TaskKind]),
            optional=True,
        ),
        _input(
            "title",
            messages.text(lang, "task.task_title"),
            _text_input(multiline=True, max_length=300, initial=title[:300]),
        ),
        _input(
            "due",
            messages.text(lang, "task.due"),
            {"type": "datepicker", "action_id": VALUE},
            optional=True,
        ),
        _input("assignee", messages.text(lang, "task.assignee"), assignee_select, optional=True),
    ]
    if origin:
        blocks.append(context(messages.text(lang, "task.origin", origin=escape(origin))))
    return _modal(
        TASK_VIEW,
        lang,
        title=messages.text(lang, "task.title"),
        submit=messages.text(lang, "task.create"),
        blocks=blocks,
        metadata=origin or "",
    )


def task_list_blocks(lang: Lang, listing: TaskList) -> list[Block]:
    """My tasks and the overdue ones."""
    blocks = [mrkdwn(f"*{messages.text(lang, 'task.mine')}*"), _lines(lang, listing.mine)]
    if listing.overdue:
        blocks += [
            mrkdwn(f"*{messages.text(lang, 'task.overdue')}*"),
            _lines(lang, listing.overdue),
        ]
    return blocks


def request_modal(lang: Lang, *, today: date) -> View:
    """The information-request form."""
    return _modal(
        REQUEST_VIEW,
        lang,
        title=messages.text(lang, "request.title"),
        submit=messages.text(lang, "request.submit"),
        blocks=[
            _input(
                "requester", messages.text(lang, "request.requester"), _text_input(max_length=200)
            ),
            _input("contact", messages.text(lang, "request.contact"), _text_input(max_length=300)),
            _input(
                "received",
                messages.text(lang, "request.received"),
                {"type": "datepicker", "action_id": VALUE, "initial_date": today.isoformat()},
            ),
            _input(
                "question",
                messages.text(lang, "request.question"),
                _text_input(multiline=True, max_length=3000),
            ),
        ],
    )


def request_logged_modal(lang: Lang, logged: RequestLogged) -> View:
    """The request's legal deadline and the draft answer."""
    request = logged.request
    blocks = [
        mrkdwn(
            messages.text(
                lang,
                "request.logged",
                id=request.id,
                requester=escape(request.requester_name),
                deadline=messages.day(lang, request.deadline),
            )
        )
    ]
    if logged.draft.found:
        blocks.append(context(messages.text(lang, "request.draft")))
        blocks.append(verbatim(logged.draft.text))
    else:
        blocks.append(context(messages.text(lang, "request.no_draft")))
    return _modal(REQUEST_VIEW, lang, title=messages.text(lang, "request.title"), blocks=blocks)


def home_view(lang: Lang, home: Home, *, notice: str | None = None) -> View:
    """The App Home: open cases, tasks and requests for members; own tasks for everyone."""
    blocks: list[Block] = []
    if notice:
        blocks.append(mrkdwn(notice))
        blocks.append({"type": "divider"})
    if home.compliance:
        blocks.append(_header(messages.text(lang, "review.cases")))
        if not home.cases:
            blocks.append(context(messages.text(lang, "review.no_cases")))
        for row in home.cases[:MAX_HOME_CASES]:
            blocks += _case_blocks(lang, row)
        blocks.append(_header(messages.text(lang, "review.requests")))
        blocks.append(
            _text_lines(
                lang,
                [
                    messages.text(
                        lang,
                        "review.request_line",
                        id=row.request.id,
                        requester=escape(row.request.requester_name),
                        deadline=messages.day(lang, row.request.deadline),
                        overdue=messages.text(lang, "review.overdue") if row.overdue else "",
                    )
                    for row in home.requests
                ],
            )
        )
        blocks.append(_header(messages.text(lang, "review.tasks")))
        blocks.append(_lines(lang, home.team_tasks))
    else:
        blocks.append(mrkdwn(messages.text(lang, "home.intro")))
        blocks.append(mrkdwn(messages.text(lang, "home.report")))
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    button(
                        messages.text(lang, "button.report"), OPEN_REPORT_ACTION, style="primary"
                    )
                ],
            }
        )
    blocks.append(_header(messages.text(lang, "task.mine")))
    blocks.append(_lines(lang, home.my_tasks))
    return {"type": "home", "blocks": blocks[:100]}


def case_modal(lang: Lang, case: CaseDetail) -> View:
    """A case with its contents, for a compliance member (the read was audited)."""
    reporter = case.reporter_id or messages.text(lang, "review.anonymous")
    fields = [
        f"*{messages.text(lang, 'report.category')}* {messages.label(lang, case.category)}",
        f"*Status* {messages.label(lang, case.status)}",
        f"*{messages.text(lang, 'review.reporter')}* {escape(reporter)}",
    ]
    if case.supplier_name:
        fields.append(f"*{messages.text(lang, 'report.supplier')}* {escape(case.supplier_name)}")
    if case.country:
        fields.append(f"*{messages.text(lang, 'report.country')}* {case.country}")
    blocks = [
        mrkdwn("\n".join(fields)),
        context(f"*{messages.text(lang, 'review.description')}*"),
        verbatim(case.description),
    ]
    if case.messages:
        blocks.append(context(f"*{messages.text(lang, 'review.thread')}*"))
    for message in case.messages:
        author = messages.text(lang, f"review.author.{message.author.value}")
        blocks.append(context(f"{author}, {messages.day(lang, message.created_at)}"))
        blocks.append(verbatim(message.body))
    return _modal(
        "case",
        lang,
        title=messages.text(lang, "review.case_title", reference=case.reference),
        blocks=blocks[:100],
    )


def write_modal(lang: Lang, reference: str) -> View:
    """The message-to-reporter form."""
    return _modal(
        REVIEW_WRITE_VIEW,
        lang,
        title=messages.text(lang, "review.write"),
        submit=messages.text(lang, "report.submit"),
        blocks=[
            _input(
                "message",
                messages.text(lang, "review.message"),
                _text_input(multiline=True, max_length=3000),
                hint=messages.text(lang, "review.message_hint"),
            )
        ],
        metadata=reference,
    )


def close_modal(lang: Lang, reference: str) -> View:
    """The close-with-outcome form."""
    return _modal(
        REVIEW_CLOSE_VIEW,
        lang,
        title=messages.text(lang, "review.close"),
        submit=messages.text(lang, "review.close"),
        blocks=[
            _input(
                "outcome",
                messages.text(lang, "review.outcome"),
                _select([(o.value, messages.label(lang, o)) for o in CaseOutcome]),
            )
        ],
        metadata=reference,
    )


def sources_blocks(lang: Lang, documents: Sequence[DocumentInfo]) -> list[Block]:
    """What the knowledge base holds."""
    if not documents:
        return [mrkdwn(messages.text(lang, "documents.empty"))]
    lines = [
        "• "
        + messages.text(
            lang,
            "documents.line",
            title=escape(d.title),
            kind=d.kind,
            language=messages.language_name(lang, d.language),
            chunks=d.chunk_count,
        )
        for d in documents
    ]
    return [mrkdwn(f"*{messages.text(lang, 'documents.heading')}*"), *_chunked(lines)]


def reminder_blocks(lang: Lang, reminder: Reminder) -> list[Block]:
    """One reminder; case reminders carry the button that opens the case."""
    blocks = [mrkdwn(escape(reminder.describe(lang)) if reminder.task else reminder.describe(lang))]
    if reminder.item.kind.value.startswith("case_"):
        blocks.append(_open_case(lang, reminder.item.reference))
    return blocks


def arrival_blocks(lang: Lang, arrival: Arrival) -> list[Block]:
    """A case or request from the web page; a case carries the button that opens it."""
    blocks = [mrkdwn(arrival.describe(lang))]
    if arrival.kind == "case":
        blocks.append(_open_case(lang, arrival.reference))
    return blocks


def _open_case(lang: Lang, reference: str) -> Block:
    return {
        "type": "actions",
        "elements": [button(messages.text(lang, "review.open"), OPEN_CASE_ACTION, reference)],
    }


def _case_blocks(lang: Lang, row: CaseRow) -> list[Block]:
    line = messages.text(
        lang,
        "review.case_line",
        reference=row.reference,
        category=messages.label(lang, row.category),
        status=messages.label(lang, row.status),
        age=row.age_days,
        next_due=messages.day(lang, row.next_due),
        overdue=messages.text(lang, "review.overdue") if row.overdue else "",
    )
    if row.handler_id:
        line += messages.text(lang, "review.handler", handler=escape(row.handler_id))
    elements = [button(messages.text(lang, "review.open"), OPEN_CASE_ACTION, row.reference)]
    elements += [
        button(
            action_label(lang, action),
            f"{REVIEW_PREFIX}{action.value}",
            row.reference,
            style="danger" if action == ReviewAction.CLOSE else None,
        )
        for action in row.actions
    ]
    return [
        mrkdwn(line),
        {"type": "actions", "block_id": f"case:{row.reference}", "elements": elements},
    ]


def _lines(lang: Lang, tasks: Sequence[Any]) -> Block:
    return _text_lines(lang, [escape(describe(lang, task)) for task in tasks])


def _text_lines(lang: Lang, lines: Sequence[str]) -> Block:
    if not lines:
        return context(messages.text(lang, "task.none"))
    return mrkdwn("\n".join(f"• {line}" for line in lines))


def _chunked(lines: Sequence[str]) -> list[Block]:
    """Lines packed into sections under Slack's length limit."""
    blocks, current = [], ""
    for line in lines:
        if len(current) + len(line) + 1 > MAX_SECTION_CHARS:
            blocks.append(mrkdwn(current))
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        blocks.append(mrkdwn(current))
    return blocks[:45]


def _header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:150]}}


def _modal(
    callback_id: str,
    lang: Lang,
    *,
    title: str,
    blocks: list[Block],
    submit: str | None = None,
    metadata: str = "",
) -> View:
    view: View = {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": title[:24]},
        "close": {"type": "plain_text", "text": messages.text(lang, "report.close")},
        "blocks": blocks,
        "private_metadata": metadata,
    }
    if submit:
        view["submit"] = {"type": "plain_text", "text": submit[:24]}
        view["close"] = {"type": "plain_text", "text": messages.text(lang, "report.cancel")}
    return view


def _input(
    block_id: str, label: str, element: Block, *, hint: str | None = None, optional: bool = False
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": label[:2000]},
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint[:2000]}
    return block


def _text_input(*, multiline: bool = False, max_length: int = 3000, initial: str = "") -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": VALUE,
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = initial
    return element


def _select(options: Sequence[tuple[str, str]], *, initial: str | None = None) -> Block:
    choices = [
        {"text": {"type": "plain_text", "text": text[:MAX_OPTION_CHARS]}, "value": value}
        for value, text in options
    ]
    element: Block = {"type": "static_select", "action_id": VALUE, "options": choices}
    chosen = [choice for choice in choices if choice["value"] == initial]
    if chosen:
        element["initial_option"] = chosen[0]
    return element
