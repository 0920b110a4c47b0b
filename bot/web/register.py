"""The team's register pages: suppliers (risk, reasons, override, what is linked; the
prioritised view; importing a supplier list through upload, preview and confirmation), the
follow-up task board, information requests on their clock, and the audit trail.

Each route checks membership (`guard.member`), makes one core call in the thread pool and
renders the result; wording and rules are the core's. Every form carries the CSRF token;
after a change the page redirects back with a notice (post/redirect/get).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from bot.core import audit_log, messages, priorities, requests, supplier_import, suppliers, tasks
from bot.core.errors import FormInvalid
from bot.core.people import Person
from bot.core.supplier_import import Preview
from bot.core.types import RiskLevel, TaskStatus
from bot.web.app import core_of, csrf_ok
from bot.web.guard import member, member_posting, problem, team_page

router = APIRouter()
Optional = Annotated[str, Form()]


@router.get("/suppliers")
async def supplier_list(request: Request, min_risk: str = "") -> Response:
    """Every supplier, highest risk first, optionally from a level up."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    level = RiskLevel(min_risk) if min_risk in set(RiskLevel) else None
    rows = await run_in_threadpool(
        suppliers.listing, core_of(request), person=person, min_risk=level
    )
    return _page(
        request,
        person,
        "suppliers.html",
        "web.nav.suppliers",
        rows=rows,
        level=level,
        tab="all",
        upload_limit_mb=max(1, core_of(request).max_file_bytes // 2**20),
    )


@router.get("/suppliers/prioritised")
async def prioritised_list(request: Request) -> Response:
    """Suppliers ranked by risk × share of spend, with the reasons and the method stated."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    rows = await run_in_threadpool(priorities.prioritised, core_of(request), person=person)
    lang = person.language
    unknown = messages.text(lang, "priority.unknown")
    return _page(
        request,
        person,
        "suppliers_prioritised.html",
        "web.priority.title",
        rows=rows,
        tab="prioritised",
        method=priorities.method(lang),
        amount=lambda value: priorities.amount(lang, value),
        size=lambda row: unknown if row.share is None else priorities.percent(lang, row.share),
        reasons=lambda row: row.reasons(lang),
    )


@router.post("/suppliers/import")
async def upload_list(
    request: Request,
    csrf: Optional = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Keep an uploaded supplier list (size-checked) and show its preview."""
    person = member_posting(request, csrf)
    if not isinstance(person, Person):
        return person
    lang, core = person.language, core_of(request)
    content = b"" if file is None else await file.read(core.max_file_bytes + 1)
    name = "" if file is None else file.filename or ""
    try:
        token = await run_in_threadpool(
            supplier_import.keep_upload, core, person=person, name=name, content=content
        )
    except Exception as error:
        request.session["notice"] = messages.explain(lang, error)
        return RedirectResponse(f"/suppliers?lang={lang}", status_code=303)
    return RedirectResponse(f"/suppliers/import/{token}?lang={lang}", status_code=303)


@router.get("/suppliers/import/{token}")
async def review_list(request: Request, token: str) -> Response:
    """The kept list: columns as detected, the first rows, and what importing would do."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    try:
        shown = await run_in_threadpool(
            supplier_import.preview, core_of(request), person=person, token=token
        )
    except FormInvalid as error:
        return problem(request, messages.explain(person.language, error), 404)
    return _import_page(request, person, shown)


@router.post("/suppliers/import/{token}")
async def confirm_list(request: Request, token: str) -> Response:
    """With `action=remap`, the preview again with the columns chosen; with `confirm`, the
    import itself, then the supplier list with the counts."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    lang, core = person.language, core_of(request)
    form = await request.form()
    if not csrf_ok(request, str(form.get("csrf", ""))):
        return problem(request, messages.text(lang, "web.form_expired"), 403)
    choices = {
        int(key.removeprefix("col_")): str(value)
        for key, value in form.items()
        if key.startswith("col_") and key.removeprefix("col_").isdigit()
    }
    try:
        if form.get("action") == "confirm":
            plan = await run_in_threadpool(
                supplier_import.confirm, core, person=person, token=token, choices=choices
            )
            request.session["notice"] = messages.text(lang, "web.import.done", **plan.counts)
            return RedirectResponse(f"/suppliers/prioritised?lang={lang}", status_code=303)
    except FormInvalid:
        pass  # no name column chosen, or the file is gone: the preview below says which
    try:
        shown = await run_in_threadpool(
            supplier_import.preview, core, person=person, token=token, choices=choices
        )
    except FormInvalid as error:
        return problem(request, messages.explain(lang, error), 404)
    return _import_page(request, person, shown)


@router.get("/suppliers/{supplier_id}")
async def supplier_page(request: Request, supplier_id: int) -> Response:
    """A supplier: risk in force, the derivation with sources, and what is linked to it."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    try:
        file = await run_in_threadpool(
            suppliers.supplier_file, core_of(request), person=person, supplier_id=supplier_id
        )
    except Exception as error:
        return problem(request, messages.explain(person.language, error), 404)
    return _page(
        request,
        person,
        "supplier.html",
        None,
        file=file,
        title_text=file.supplier.name,
        amount=lambda value: priorities.amount(person.language, value),
    )


@router.post("/suppliers/{supplier_id}/risk")
async def override_risk(
    request: Request,
    supplier_id: int,
    csrf: Optional = "",
    level: Optional = "",
    justification: Optional = "",
) -> Response:
    """Set or clear the manual risk level, with its justification (audited)."""
    return await _change(
        request,
        csrf,
        f"/suppliers/{supplier_id}",
        "web.supplier.overridden",
        suppliers.override,
        supplier_id=supplier_id,
        level=level,
        justification=justification,
    )


@router.get("/tasks")
async def task_board(request: Request) -> Response:
    """The follow-up board: open, in progress, done, cancelled; overdue marked."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    columns = await run_in_threadpool(tasks.board, core_of(request), person=person)
    return _page(request, person, "tasks.html", "web.nav.tasks", columns=columns)


@router.post("/tasks/{task_id}")
async def move_task(
    request: Request, task_id: int, csrf: Optional = "", step: Optional = "", note: Optional = ""
) -> Response:
    """Start, complete (with what came of it) or cancel a task."""
    return await _change(
        request,
        csrf,
        "/tasks",
        "web.task.moved",
        tasks.advance,
        task_id=task_id,
        step=step,
        note=note,
    )


@router.get("/requests")
async def request_list(request: Request, done: bool = False) -> Response:
    """Information requests by deadline: days left, extended, overdue."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    rows = await run_in_threadpool(
        requests.listing, core_of(request), person=person, include_done=done
    )
    return _page(request, person, "requests.html", "web.nav.requests", rows=rows, done=done)


@router.get("/requests/{request_id}")
async def request_page(request: Request, request_id: int) -> Response:
    """One request: what was asked, by whom, its clock, and answer/extend/refuse."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    try:
        row = await run_in_threadpool(
            requests.request_file, core_of(request), person=person, request_id=request_id
        )
    except Exception as error:
        return problem(request, messages.explain(person.language, error), 404)
    title = messages.text(person.language, "web.request.title", id=request_id)
    return _page(request, person, "request.html", None, row=row, title_text=title)


@router.post("/requests/{request_id}")
async def handle_request(
    request: Request,
    request_id: int,
    csrf: Optional = "",
    action: Optional = "",
    text: Optional = "",
    until: Optional = "",
) -> Response:
    """Record the answer sent, an extension (told now) or a refusal with its basis."""
    call, confirmation, values = {
        "answer": (requests.answer, "web.request.answered", {"text": text}),
        "extend": (
            requests.extend,
            "web.request.extended",
            {"reason": text, "until": _date(until)},
        ),
        "refuse": (requests.refuse, "web.request.refused", {"basis": text}),
    }.get(action, (requests.refuse, "web.request.refused", {"basis": ""}))
    return await _change(
        request,
        csrf,
        f"/requests/{request_id}",
        confirmation,
        call,
        request_id=request_id,
        **values,
    )


@router.get("/audit")
async def audit_trail(request: Request, before: int | None = None) -> Response:
    """The newest audit events, paged, with the chain's verification at the top."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    page = await run_in_threadpool(
        audit_log.audit_page, core_of(request), person=person, before=before
    )
    return _page(request, person, "audit.html", "web.nav.audit", page=page)


async def _change(
    request: Request,
    csrf: str,
    back: str,
    confirmation: str,
    call: Callable[..., object],
    **values: object,
) -> Response:
    """Run a core change for the signed-in member and return to `back` with a notice; a
    form error or refusal is told there too, and nothing changes."""
    person = member_posting(request, csrf)
    if not isinstance(person, Person):
        return person
    lang = person.language
    try:
        await run_in_threadpool(call, core_of(request), person=person, **values)
        request.session["notice"] = messages.text(lang, confirmation)
    except Exception as error:
        request.session["notice"] = messages.explain(lang, error)
    return RedirectResponse(back, status_code=303)


def _import_page(request: Request, person: Person, shown: Preview) -> Response:
    lang = person.language
    return _page(
        request,
        person,
        "supplier_import.html",
        "web.import.preview",
        shown=shown,
        tab="",
        fields=supplier_import.field_choices(lang),
        issue_text=lambda issue: supplier_import.issue_text(lang, issue),
    )


def _page(
    request: Request,
    person: Person,
    template: str,
    title_key: str | None,
    *,
    title_text: str | None = None,
    **values: object,
) -> Response:
    lang = person.language
    return team_page(
        request,
        template,
        title=title_text or messages.text(lang, title_key or "web.nav.cases"),
        notice=request.session.pop("notice", None),
        statuses=list(TaskStatus),
        levels=list(RiskLevel),
        **values,
    )


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
