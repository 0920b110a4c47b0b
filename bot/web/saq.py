"""The supplier's questionnaire page, public through its signed link (`/saq/<token>`): no
account, in the invitation's language with a nb/en/sv switch, answers saved as they go,
documents attached per question, a named person and role confirm on submit, then a receipt;
a submitted questionnaire reads back read-only.

Saving works twice over (progressive enhancement): `static/saq.js` posts each change to
`/saq/<token>/autosave` and shows "saved"; without JavaScript any section's save button, or
the submit button, posts the whole form to `/saq/<token>` and the page comes back
(post/redirect/get). Every POST carries the session's CSRF token, as the other public forms
do. A forged, replaced, expired or cancelled link gets a page in the visitor's language
saying what to do (403 or 410); the core refuses it before anything is read or written.

Usage (what the browser does)::

    GET  /saq/<token>?lang=sv                       the questionnaire, in Swedish
    POST /saq/<token>/autosave  csrf, choice.hr.policy=yes        -> JSON progress
    POST /saq/<token>  csrf, text.about.sites=..., file.hr.policy=<file>, action=submit, ...
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from bot.core import messages
from bot.core import questionnaires as saq
from bot.core.context import Core
from bot.core.errors import Busy, FormInvalid
from bot.core.people import Lang
from bot.core.questionnaires import QuestionnairePage
from bot.core.types import QUESTIONNAIRE_LANGUAGES, LinkRefused, ValidationFailed
from bot.web.app import core_of, csrf_ok, language, render

router = APIRouter()
REFUSAL_STATUS = {"invalid": 403, "expired": 410, "cancelled": 410, "submitted": 409}
"""A link that was never good is forbidden; one that was and is no more is gone."""
ANSWER_FIELDS = ("choice.", "text.")
FILE_FIELD = "file."


@dataclass
class Upload:
    """A file chosen for a question, read from the form (at most one byte past the limit)."""

    question_id: str
    filename: str
    data: bytes


@dataclass
class Saved:
    """What one save did: the questions saved, and why others were not."""

    questions: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


@router.get("/saq/{token}")
async def questionnaire(request: Request, token: str) -> Response:
    """The questionnaire with what was saved, or the receipt and read-only answers once
    submitted."""
    try:
        page = await run_in_threadpool(
            saq.open_questionnaire, core_of(request), token=token, language=_asked(request)
        )
    except LinkRefused as error:
        return _refused(request, error)
    return _show(request, token, page, notice=request.session.pop("saq_notice", None))


@router.post("/saq/{token}")
async def save_form(request: Request, token: str) -> Response:
    """The whole form, without JavaScript: save what changed, attach the files chosen, and
    with `action=submit` submit it; errors come back beside their questions."""
    core = core_of(request)
    form = await request.form()
    if not csrf_ok(request, str(form.get("csrf", ""))):
        return _problem(request, language(request), "web.form_expired", 403)
    uploads = await _uploads(form, limit=core.outreach.max_attachment_bytes)
    try:
        before = await run_in_threadpool(
            saq.open_questionnaire, core, token=token, language=_asked(request)
        )
        lang = before.language
        saved = await run_in_threadpool(
            _store, core, token=token, lang=lang, form=form, uploads=uploads, before=before
        )
        submitting = form.get("action") == "submit" and not before.read_only
        if submitting and not saved.errors:
            saved.errors.update(await _submit(core, token=token, lang=lang, form=form))
    except LinkRefused as error:
        if error.reason == "submitted":
            return RedirectResponse(_address(token, _asked(request)), status_code=303)
        return _refused(request, error)
    if saved.errors:
        page = await run_in_threadpool(saq.open_questionnaire, core, token=token, language=lang)
        notice = messages.text(lang, "web.saq.saved_notice") if saved.questions else None
        return _show(
            request, token, page, notice=notice, errors=saved.errors, typed=form, status=422
        )
    if not submitting:
        request.session["saq_notice"] = messages.text(lang, "web.saq.saved_notice")
    section = str(form.get("action", "")).removeprefix("save:")
    anchor = f"#section-{section}" if section and not submitting else ""
    return RedirectResponse(_address(token, lang) + anchor, status_code=303)


@router.post("/saq/{token}/autosave")
async def autosave(request: Request, token: str) -> JSONResponse:
    """One changed answer or one chosen file, from the page's script: what was saved, any
    error by question, and the progress as it now stands."""
    core = core_of(request)
    lang = _asked(request) or language(request)
    form = await request.form()
    if not csrf_ok(request, str(form.get("csrf", ""))):
        return JSONResponse({"problem": messages.text(lang, "web.form_expired")}, 403)
    uploads = await _uploads(form, limit=core.outreach.max_attachment_bytes)
    try:
        saved = await run_in_threadpool(
            _store, core, token=token, lang=lang, form=form, uploads=uploads
        )
        page = await run_in_threadpool(saq.open_questionnaire, core, token=token, language=lang)
    except LinkRefused as error:
        refusal = saq.refusal(lang, error)
        return JSONResponse({"refused": refusal}, REFUSAL_STATUS[error.reason])
    return JSONResponse(
        {
            "saved": saved.questions,
            "errors": saved.errors,
            "progress": _progress(lang, page),
            "missing": list(page.missing),
            "attachments": {
                question.id: [item.original_name for item in question.attachments]
                for question in page.questions
                if question.takes_attachment
            },
        },
        422 if saved.errors else 200,
    )


def _store(
    core: Core,
    *,
    token: str,
    lang: Lang,
    form: FormData,
    uploads: Iterable[Upload],
    before: QuestionnairePage | None = None,
) -> Saved:
    """Save the answers in `form` (those that differ from `before`, when given) and attach
    the uploads; a refused file or answer is named, the rest go in."""
    saved = Saved()
    current = {q.id: q.choice or q.answer_text or "" for q in before.questions} if before else {}
    for key, value in form.multi_items():
        kind, _, question_id = key.partition(".")
        if f"{kind}." not in ANSWER_FIELDS or not isinstance(value, str):
            continue
        if before is not None and current.get(question_id, "") == value.strip():
            continue
        try:
            saq.save_answer(core, token=token, question_id=question_id, **{kind: value})
        except ValidationFailed as error:
            saved.errors[question_id] = messages.explain(lang, error)
        else:
            saved.questions.append(question_id)
    mb = core.outreach.max_attachment_bytes // 2**20
    for upload in uploads:
        try:
            saq.attach(
                core,
                token=token,
                question_id=upload.question_id,
                filename=upload.filename,
                data=upload.data,
            )
        except ValidationFailed as error:
            saved.errors[upload.question_id] = messages.text(
                lang, "web.saq.file_refused", name=upload.filename, detail=error, mb=mb
            )
        except Busy as error:
            saved.errors[upload.question_id] = messages.explain(lang, error)
        else:
            saved.questions.append(upload.question_id)
    return saved


async def _submit(core: Core, *, token: str, lang: Lang, form: FormData) -> dict[str, str]:
    """Submit with the named person; the errors by field when something is missing."""
    if form.get("confirm") != "yes":
        return {"confirm_box": messages.text(lang, "web.saq.confirm_box")}
    try:
        await run_in_threadpool(
            saq.submit,
            core,
            token=token,
            name=str(form.get("name", "")),
            role=str(form.get("role", "")),
        )
    except FormInvalid as error:
        return error.errors
    except (Busy, ValidationFailed) as error:
        return {"submit": messages.explain(lang, error)}
    return {}


async def _uploads(form: FormData, *, limit: int) -> list[Upload]:
    """The files chosen in `form`, each read up to one byte past `limit` (so an oversized
    one is refused by size without being read whole)."""
    found = []
    for key, value in form.multi_items():
        if key.startswith(FILE_FIELD) and isinstance(value, UploadFile) and value.filename:
            data = await value.read(limit + 1)
            found.append(Upload(key.removeprefix(FILE_FIELD), value.filename, data))
    return found


def _show(
    request: Request,
    token: str,
    page: QuestionnairePage,
    *,
    notice: str | None = None,
    errors: dict[str, str] | None = None,
    typed: FormData | None = None,
    status: int = 200,
) -> Response:
    lang: Lang = page.language  # type: ignore[assignment]
    title = messages.text(lang, "web.saq.receipt_title") if page.read_only else page.title
    return render(
        request,
        "saq.html",
        status_code=status,
        lang=lang,
        title=title,
        page=page,
        token=token,
        notice=notice,
        errors=errors or {},
        typed={key: value for key, value in (typed or {}).items() if isinstance(value, str)},
        progress=_progress(lang, page),
        limit_mb=core_of(request).outreach.max_attachment_bytes // 2**20,
    )


def _progress(lang: Lang, page: QuestionnairePage) -> str:
    answered = sum(question.answered for question in page.questions)
    return messages.text(lang, "web.saq.progress", answered=answered, total=len(page.questions))


def _refused(request: Request, error: LinkRefused) -> Response:
    """Why the link does not work and what to do, in the visitor's language."""
    lang = language(request)
    return render(
        request,
        "saq_refused.html",
        status_code=REFUSAL_STATUS[error.reason],
        title=messages.text(lang, "web.saq.refused_title"),
        reason=saq.refusal(lang, error),
    )


def _problem(request: Request, lang: Lang, key: str, status: int) -> Response:
    return render(
        request,
        "problem.html",
        status_code=status,
        title="aktsom",
        problem=messages.text(lang, key),
    )


def _asked(request: Request) -> Lang | None:
    """The language the visitor switched to, if any (else the invitation's is used)."""
    chosen = request.query_params.get("lang")
    return chosen if chosen in QUESTIONNAIRE_LANGUAGES else None  # type: ignore[return-value]


def _address(token: str, lang: str | None) -> str:
    return f"{saq.SAQ_PATH}{token}" + (f"?lang={lang}" if lang else "")
