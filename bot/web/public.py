"""Public pages, no sign-in: report a concern, follow it by receipt and answer the team,
and ask for information under the Transparency Act § 6.

Each route turns a form into a core call and the result into a page; wording, validation
and storage are the core's. A forged or missing CSRF token changes nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from starlette.concurrency import run_in_threadpool

from bot.core import messages, receipt, report, requests
from bot.core.errors import Busy, FormInvalid
from bot.core.messages import plain
from bot.core.report import ReportForm
from bot.core.requests import PublicRequestForm
from bot.core.types import CaseCategory, Channel, ReceiptView
from bot.web.app import core_of, csrf_ok, render, visitor

router = APIRouter()
Optional = Annotated[str, Form()]


@router.get("/report")
def report_page(request: Request) -> Response:
    """The report form."""
    return _form(request, ReportForm(description=""))


@router.post("/report")
async def submit_report(
    request: Request,
    csrf: Optional = "",
    category: Optional = "",
    supplier: Optional = "",
    country: Optional = "",
    description: Optional = "",
    when: Optional = "",
) -> Response:
    """Store the report (always anonymous here) and show the receipt once."""
    person = visitor(request)
    lang = person.language
    form = ReportForm(
        description=description,
        category=category or None,
        supplier=supplier,
        country=country,
        when=when,
        anonymous=True,
    )
    if not csrf_ok(request, csrf):
        return _form(request, form, problem=messages.text(lang, "web.form_expired"), status=403)
    try:
        stored = await run_in_threadpool(
            report.submit, core_of(request), person=person, form=form, channel=Channel.WEB
        )
    except FormInvalid as error:
        return _form(request, form, errors=error.errors, status=422)
    except Busy as error:
        return _form(request, form, problem=messages.explain(lang, error), status=429)
    except Exception as error:
        problem = messages.text(lang, "report.store_failed", reason=messages.explain(lang, error))
        return _form(request, form, problem=plain(problem), status=503)
    return render(
        request,
        "report_receipt.html",
        title=plain(messages.text(lang, "report.received_title")),
        received=plain(messages.text(lang, "report.received", reference=stored.reference)),
        code=stored.receipt_code_grouped(),
        receipt_text=messages.text(lang, "web.report.receipt_note"),
        deadlines=messages.text(
            lang,
            "report.deadlines",
            acknowledge=messages.day(lang, stored.acknowledge_due),
            feedback=messages.day(lang, stored.feedback_due),
        ),
        linked=(
            messages.text(lang, "report.linked", supplier=stored.linked_supplier)
            if stored.linked_supplier
            else None
        ),
    )


@router.get("/report/status")
def status_page(request: Request) -> Response:
    """The receipt-code form."""
    return _status_form(request)


@router.post("/report/status")
async def show_status(
    request: Request, csrf: Optional = "", receipt_code: Annotated[str, Form(alias="receipt")] = ""
) -> Response:
    """Status and the team's messages for a receipt code, with a reply box."""
    person = visitor(request)
    if not csrf_ok(request, csrf):
        return _status_form(request, messages.text(person.language, "web.form_expired"), 403)
    core = core_of(request)
    try:
        view = await run_in_threadpool(receipt.status, core, person=person, code=receipt_code)
    except Exception as error:
        return _status_form(request, messages.explain(person.language, error), 400)
    return _status_view(request, view, receipt.seal(core, receipt_code))


@router.post("/report/status/reply")
async def reply(
    request: Request,
    csrf: Optional = "",
    sealed: Optional = "",
    reply_text: Annotated[str, Form(alias="reply")] = "",
) -> Response:
    """The reporter's answer to the team, added to the case."""
    person = visitor(request)
    lang = person.language
    if not csrf_ok(request, csrf):
        return _status_form(request, messages.text(lang, "web.form_expired"), 403)
    core = core_of(request)
    try:
        code = receipt.unseal(core, sealed)
        reference = await run_in_threadpool(
            receipt.reply, core, person=person, code=code, body=reply_text
        )
        view = await run_in_threadpool(receipt.status, core, person=person, code=code)
    except Exception as error:
        return _status_form(request, messages.explain(lang, error), 400)
    notice = messages.text(lang, "status.reply_sent", reference=reference)
    return _status_view(request, view, receipt.seal(core, code), notice=notice)


@router.get("/request")
def request_page(request: Request) -> Response:
    """The § 6 information-request form."""
    return _form(request, PublicRequestForm(requester="", contact="", question=""))


@router.post("/request")
async def submit_request(
    request: Request,
    csrf: Optional = "",
    requester: Optional = "",
    contact: Optional = "",
    question: Optional = "",
    concerns: Optional = "",
) -> Response:
    """Register the request with its three-week deadline and show the reference."""
    person = visitor(request)
    lang = person.language
    form = PublicRequestForm(
        requester=requester, contact=contact, question=question, concerns=concerns
    )
    if not csrf_ok(request, csrf):
        problem = messages.text(lang, "web.form_expired")
        return _form(request, form, problem=problem, status=403)
    try:
        stored = await run_in_threadpool(
            requests.submit, core_of(request), person=person, form=form
        )
    except FormInvalid as error:
        return _form(request, form, errors=error.errors, status=422)
    except Busy as error:
        return _form(request, form, problem=messages.explain(lang, error), status=429)
    except Exception as error:
        return _form(request, form, problem=messages.explain(lang, error), status=503)
    return render(
        request,
        "request_receipt.html",
        title=messages.text(lang, "request.public_received_title"),
        received=messages.text(
            lang,
            "request.public_received",
            reference=f"#{stored.id}",
            due=messages.day(lang, stored.deadline),
        ),
    )


FORM_PAGES = {
    ReportForm: ("report_form.html", "report.title"),
    PublicRequestForm: ("request_form.html", "request.public_title"),
}
"""Each public form's template and title."""


def _form(
    request: Request,
    form: ReportForm | PublicRequestForm,
    *,
    errors: dict[str, str] | None = None,
    problem: str | None = None,
    status: int = 200,
) -> Response:
    """The form's page holding what was typed, with each error beside its field."""
    lang = visitor(request).language
    template, title = FORM_PAGES[type(form)]
    return render(
        request,
        template,
        status_code=status,
        title=messages.text(lang, title),
        form=form,
        errors=errors or {},
        problem=problem,
        categories=[(c.value, messages.label(lang, c)) for c in CaseCategory],
    )


def _status_form(request: Request, problem: str | None = None, status: int = 200) -> Response:
    lang = visitor(request).language
    return render(
        request,
        "status_form.html",
        status_code=status,
        title=messages.text(lang, "status.title"),
        problem=problem,
    )


def _status_view(
    request: Request, view: ReceiptView, sealed: str, *, notice: str | None = None
) -> Response:
    lang = visitor(request).language
    return render(
        request,
        "status_view.html",
        title=messages.text(lang, "status.title"),
        view=view,
        sealed=sealed,
        notice=notice,
        summary=[plain(line) for line in receipt.summary(lang, view)],
    )
