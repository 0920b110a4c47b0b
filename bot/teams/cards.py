"""Adaptive Cards for every core result Teams shows: answers, forms, receipts, notices.

Rendering only: every sentence comes from `bot.core.messages`, every decision from the
core. All text goes into `RichTextBlock` text runs, which Teams shows exactly as written (no
Markdown, no links), so a quote or a supplier name can never turn into formatting; our own
chat-formatted sentences pass through `messages.plain`. Form inputs are named after the core
form's fields (`id`), so a core `FormInvalid` maps straight onto the inputs' error lines.

Forms open in a Teams dialog (task module: `task/fetch`, `task/submit`), private to the person
like a Slack modal; other buttons on a card in the chat send the bot a message value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from bot.core import messages, receipt
from bot.core.ask import AnswerView
from bot.core.people import Lang
from bot.core.report import ReportForm, ReportReceipt
from bot.core.requests import RequestLogged
from bot.core.review import CaseRow, Home, ReviewAction, action_label, available_actions
from bot.core.tasks import describe
from bot.core.types import (
    CaseCategory,
    CaseDetail,
    CaseOutcome,
    ReceiptView,
    TaskKind,
)

Card = dict[str, Any]
Element = dict[str, Any]
CARD_TYPE = "application/vnd.microsoft.card.adaptive"
VERSION = "1.5"
MAX_TEXT_CHARS = 20_000
MAX_HOME_CASES = 20

FORM = "form"
"""The data key naming the form a dialog button opens or a submission comes from."""
VERB = "verb"
"""The data key naming what a chat button (not a dialog's) asks for."""
VERB_VOTE = "vote"


def attachment(card: Card) -> dict[str, Any]:
    """A card as a message attachment."""
    return {"contentType": CARD_TYPE, "content": card}


def card(body: Sequence[Element], actions: Sequence[Element] = ()) -> Card:
    """An Adaptive Card of `body` elements and `actions` buttons."""
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": VERSION,
        "body": list(body),
        "actions": list(actions),
    }


def verbatim(text: str, *, subtle: bool = False, bold: bool = False) -> Element:
    """Text shown exactly as written."""
    run: Element = {"type": "TextRun", "text": text[:MAX_TEXT_CHARS]}
    if subtle:
        run.update(isSubtle=True, size="Small")
    if bold:
        run["weight"] = "Bolder"
    return {"type": "RichTextBlock", "inlines": [run]}


def said(text: str, *, subtle: bool = False, bold: bool = False) -> Element:
    """One of our own sentences."""
    return verbatim(messages.plain(text), subtle=subtle, bold=bold)


def dialog_button(title: str, form: str, **data: str) -> Element:
    """A button that opens the dialog holding `form`."""
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {"msteams": {"type": "task/fetch"}, FORM: form, **data},
    }


def message_button(title: str, verb: str, **data: str) -> Element:
    """A button that sends the bot `data` as a message's value, answered in the chat."""
    return {"type": "Action.Submit", "title": title, "data": {VERB: verb, **data}}


def submit_button(title: str, form: str, **data: str) -> Element:
    """The button that sends a dialog's form."""
    return {"type": "Action.Submit", "title": title, "data": {FORM: form, **data}}


def answer_card(view: AnswerView) -> Card:
    """An answer: the quoted text, numbered sources by document and section, the report
    offer when the question asks to report, and 👍/👎."""
    lang = view.language
    body = [verbatim(view.answer.text)]
    if view.sources:
        body.append(verbatim(f"{view.sources_heading}:", subtle=True, bold=True))
        for group in view.sources:
            sections = "; ".join(
                section.marks + (f" {section.location}" if section.location else "")
                for section in group.sections
            )
            body.append(verbatim(f"{group.title} {sections}", subtle=True))
    actions = []
    if view.offer_report:
        body.append(said(messages.text(lang, "ask.report_offer")))
        actions.append(dialog_button(messages.text(lang, "button.report"), "report"))
    if view.answer.found:
        body.append(said(messages.text(lang, "ask.feedback"), subtle=True))
        answer_id = str(view.answer_id)
        actions += [
            message_button(
                messages.text(lang, "button.helpful"), VERB_VOTE, answer=answer_id, helpful="1"
            ),
            message_button(
                messages.text(lang, "button.not_helpful"), VERB_VOTE, answer=answer_id, helpful="0"
            ),
        ]
    return card(body, actions)


def report_form(
    lang: Lang,
    *,
    form: ReportForm | None = None,
    errors: Mapping[str, str] | None = None,
    problem: str | None = None,
) -> Card:
    """The report form in a dialog: anonymous by default, with what stays private.

    With `form`, the fields hold what the person wrote (after a failed check or store, so
    nothing is lost), `errors` stand under their fields and `problem` above them.
    """
    form = form or ReportForm(description="")
    errors = errors or {}
    body = [
        *([said(problem, bold=True)] if problem else []),
        said(messages.text(lang, "report.privacy", platform="Teams"), subtle=True),
        choice(
            "category",
            messages.text(lang, "report.category"),
            [(c.value, messages.label(lang, c)) for c in CaseCategory],
            value=form.category,
            error=errors.get("category"),
        ),
        text_input(
            "supplier",
            messages.text(lang, "report.supplier"),
            hint=messages.text(lang, "report.supplier_hint"),
            value=form.supplier or "",
            max_length=200,
            error=errors.get("supplier"),
        ),
        text_input(
            "country",
            messages.text(lang, "report.country"),
            hint=messages.text(lang, "report.country_hint"),
            value=form.country or "",
            max_length=80,
            error=errors.get("country"),
        ),
        text_input(
            "description",
            messages.text(lang, "report.description"),
            hint=messages.text(lang, "report.description_hint"),
            value=form.description,
            multiline=True,
            max_length=19_000,
            error=errors.get("description"),
        ),
        text_input(
            "when",
            messages.text(lang, "report.when"),
            hint=messages.text(lang, "report.when_hint"),
            value=form.when or "",
            max_length=200,
            error=errors.get("when"),
        ),
        {
            "type": "Input.Toggle",
            "id": "anonymous",
            "title": messages.text(lang, "report.anonymous"),
            "value": "true" if form.anonymous else "false",
            "valueOn": "true",
            "valueOff": "false",
        },
        said(messages.text(lang, "report.anonymous_hint"), subtle=True),
    ]
    return card(body, [submit_button(messages.text(lang, "report.submit"), "report")])


def receipt_card(lang: Lang, stored: ReportReceipt) -> Card:
    """What replaces the report form in the dialog: the reference and, this once, the code."""
    body = [
        said(messages.text(lang, "report.received_title"), bold=True),
        said(messages.text(lang, "report.received", reference=stored.reference)),
        said(messages.text(lang, "report.receipt", code=stored.receipt_code_grouped())),
        said(
            messages.text(
                lang,
                "report.deadlines",
                acknowledge=messages.day(lang, stored.acknowledge_due),
                feedback=messages.day(lang, stored.feedback_due),
            ),
            subtle=True,
        ),
    ]
    if stored.linked_supplier:
        linked = messages.text(lang, "report.linked", supplier=stored.linked_supplier)
        body.append(said(linked, subtle=True))
    return card(body)


def status_form(lang: Lang, *, problem: str | None = None) -> Card:
    """The dialog asking for a receipt code."""
    return card(
        [
            *([said(problem, bold=True)] if problem else []),
            text_input(
                "receipt",
                messages.text(lang, "status.receipt"),
                hint=messages.text(lang, "status.receipt_hint"),
                max_length=40,
            ),
        ],
        [submit_button(messages.text(lang, "status.show"), "status")],
    )


def status_card(lang: Lang, view: ReceiptView, *, sealed: str, notice: str | None = None) -> Card:
    """Status and the team's messages, with a reply box; the code travels sealed."""
    body = [*([said(notice, bold=True)] if notice else [])]
    body += [said(line) for line in receipt.summary(lang, view)]
    body.append(said(messages.text(lang, "status.messages"), bold=True))
    if not view.messages:
        body.append(said(messages.text(lang, "status.no_messages"), subtle=True))
    for message in view.messages:
        body.append(verbatim(messages.day(lang, message.created_at), subtle=True))
        body.append(verbatim(message.body))
    body.append(
        text_input("reply", messages.text(lang, "status.reply"), multiline=True, max_length=19_000)
    )
    send = submit_button(messages.text(lang, "status.send_reply"), "status_reply", sealed=sealed)
    return card(body, [send])


def task_form(lang: Lang, *, errors: Mapping[str, str] | None = None) -> Card:
    """The follow-up task form; the person creating it is the assignee."""
    errors = errors or {}
    kinds = [(kind.value, messages.label(lang, kind)) for kind in TaskKind]
    body = [
        text_input(
            "supplier",
            messages.text(lang, "task.supplier"),
            max_length=200,
            error=errors.get("supplier"),
        ),
        choice("kind", messages.text(lang, "task.kind"), kinds),
        text_input(
            "title",
            messages.text(lang, "task.task_title"),
            multiline=True,
            max_length=300,
            error=errors.get("title"),
        ),
        {"type": "Input.Date", "id": "due", "label": messages.text(lang, "task.due")},
    ]
    return card(body, [submit_button(messages.text(lang, "task.create"), "task")])


def request_form(lang: Lang, *, today: date, errors: Mapping[str, str] | None = None) -> Card:
    """The form logging an information request that came by e-mail or letter."""
    errors = errors or {}
    body = [
        text_input(
            "requester",
            messages.text(lang, "request.requester"),
            max_length=200,
            error=errors.get("requester"),
        ),
        text_input(
            "contact",
            messages.text(lang, "request.contact"),
            max_length=300,
            error=errors.get("contact"),
        ),
        {
            "type": "Input.Date",
            "id": "received",
            "label": messages.text(lang, "request.received"),
            "value": today.isoformat(),
        },
        *([said(errors["received"], bold=True)] if "received" in errors else []),
        text_input(
            "question",
            messages.text(lang, "request.question"),
            multiline=True,
            max_length=19_000,
            error=errors.get("question"),
        ),
    ]
    return card(body, [submit_button(messages.text(lang, "request.submit"), "request")])


def request_logged_card(lang: Lang, logged: RequestLogged) -> Card:
    """The request's legal deadline and the draft answer from the knowledge base."""
    request = logged.request
    body = [
        said(
            messages.text(
                lang,
                "request.logged",
                id=request.id,
                requester=request.requester_name,
                deadline=messages.day(lang, request.deadline),
            )
        )
    ]
    if logged.draft.found:
        body += [said(messages.text(lang, "request.draft"), subtle=True)]
        body += [verbatim(logged.draft.text)]
    else:
        body.append(said(messages.text(lang, "request.no_draft"), subtle=True))
    return card(body)


def home_card(lang: Lang, home: Home) -> Card:
    """The overview: open cases (each opening in a dialog), requests and tasks for members;
    own tasks and the report button for everyone else."""
    body: list[Element] = []
    actions: list[Element] = []
    if home.compliance:
        body.append(said(messages.text(lang, "review.cases"), bold=True))
        if not home.cases:
            body.append(said(messages.text(lang, "review.no_cases"), subtle=True))
        for row in home.cases[:MAX_HOME_CASES]:
            body.append(_case_line(lang, row))
        body.append(said(messages.text(lang, "review.requests"), bold=True))
        body += [
            said(
                messages.text(
                    lang,
                    "review.request_line",
                    id=row.request.id,
                    requester=row.request.requester_name,
                    deadline=messages.day(lang, row.request.deadline),
                    overdue=messages.text(lang, "review.overdue") if row.overdue else "",
                )
            )
            for row in home.requests
        ]
        body.append(said(messages.text(lang, "review.tasks"), bold=True))
        body += [said(describe(lang, task)) for task in home.team_tasks]
        actions += [
            dialog_button(messages.text(lang, "task.title"), "task"),
            dialog_button(messages.text(lang, "request.title"), "request"),
        ]
    else:
        body.append(said(messages.text(lang, "home.intro")))
        actions.append(dialog_button(messages.text(lang, "button.report"), "report"))
    body.append(said(messages.text(lang, "task.mine"), bold=True))
    body += [said(describe(lang, task)) for task in home.my_tasks]
    return card(body, actions)


def case_card(lang: Lang, case: CaseDetail, *, notice: str | None = None) -> Card:
    """A case with its contents and the actions its status allows, in a dialog (the read
    was audited); writing and closing take their text or outcome from the same card."""
    reporter = case.reporter_id or messages.text(lang, "review.anonymous")
    facts = [
        (messages.text(lang, "report.category"), messages.label(lang, case.category)),
        ("Status", messages.label(lang, case.status)),
        (messages.text(lang, "review.reporter"), reporter),
        *(
            [(messages.text(lang, "report.supplier"), case.supplier_name)]
            if case.supplier_name
            else []
        ),
        *([(messages.text(lang, "report.country"), case.country)] if case.country else []),
    ]
    body: list[Element] = [*([said(notice, bold=True)] if notice else [])]
    body.append(said(messages.text(lang, "review.case_title", reference=case.reference), bold=True))
    body += [verbatim(f"{name}: {value}") for name, value in facts]
    body += [said(messages.text(lang, "review.description"), bold=True), verbatim(case.description)]
    for message in case.messages:
        author = messages.text(lang, f"review.author.{message.author.value}")
        body.append(verbatim(f"{author}, {messages.day(lang, message.created_at)}", subtle=True))
        body.append(verbatim(message.body))
    allowed = available_actions(case.status)
    actions = [
        submit_button(action_label(lang, action), "review", reference=case.reference, action=action)
        for action in allowed
        if action not in (ReviewAction.WRITE, ReviewAction.CLOSE)
    ]
    if ReviewAction.WRITE in allowed:
        body.append(
            text_input(
                "body", messages.text(lang, "review.message"), multiline=True, max_length=19_000
            )
        )
        actions.append(_review_button(lang, case.reference, ReviewAction.WRITE))
    if ReviewAction.CLOSE in allowed:
        outcomes = [(outcome.value, messages.label(lang, outcome)) for outcome in CaseOutcome]
        body.append(choice("outcome", messages.text(lang, "review.outcome"), outcomes))
        actions.append(_review_button(lang, case.reference, ReviewAction.CLOSE))
    return card(body, actions)


def notice_card(lines: Sequence[str], actions: Sequence[Element] = ()) -> Card:
    """A card that only says something (a confirmation, a result, an error)."""
    return card([said(line) for line in lines], actions)


def _case_line(lang: Lang, row: CaseRow) -> Element:
    """One open case in the overview, with the button that opens it."""
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
    return {
        "type": "Container",
        "items": [said(line)],
        "selectAction": dialog_button(
            messages.text(lang, "review.open"), "case", reference=row.reference
        ),
    }


def _review_button(lang: Lang, reference: str, action: ReviewAction) -> Element:
    return submit_button(action_label(lang, action), "review", reference=reference, action=action)


def text_input(
    name: str,
    label: str,
    *,
    hint: str | None = None,
    value: str = "",
    multiline: bool = False,
    max_length: int = 3000,
    error: str | None = None,
) -> Element:
    """A text field named after the core form's field; its error stands under it."""
    element: Element = {
        "type": "Input.Text",
        "id": name,
        "label": label,
        "value": value,
        "isMultiline": multiline,
        "maxLength": max_length,
    }
    if hint:
        element["placeholder"] = hint
    return _with_error(element, error)


def choice(
    name: str,
    label: str,
    options: Sequence[tuple[str, str]],
    *,
    value: str | None = None,
    error: str | None = None,
) -> Element:
    """A drop-down named after the core form's field."""
    element: Element = {
        "type": "Input.ChoiceSet",
        "id": name,
        "label": label,
        "style": "compact",
        "choices": [{"title": title, "value": option} for option, title in options],
    }
    if value:
        element["value"] = value
    return _with_error(element, error)


def _with_error(element: Element, error: str | None) -> Element:
    """The input, with the core's message for it in red beneath when there is one."""
    if not error:
        return element
    warning = {"type": "TextRun", "text": error, "color": "Attention", "weight": "Bolder"}
    return {
        "type": "Container",
        "items": [element, {"type": "RichTextBlock", "inlines": [warning]}],
    }
