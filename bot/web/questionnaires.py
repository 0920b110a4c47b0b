"""The compliance team's questionnaire pages: every invitation with its status, deadline,
reminders and score, the response rates and the scoring rule; sending to chosen suppliers
(e-mailed, or the link to copy, or why not), re-sending and withdrawing; one invitation's
answers, attachments, scores and red flags with one-click follow-ups; a supplier's score
history.

Each route checks membership (`guard.member`) and makes core calls in the thread pool
(`bot.core.questionnaires`, every one audited by the register); wording and rules are the
core's. Every form carries the CSRF token; after a change the page redirects back with a
notice (post/redirect/get). What a send did travels in the session as invitation ids and
outcomes only: the links are read back, audited, when the page shows them.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from bot.core import messages, suppliers
from bot.core import questionnaires as saq
from bot.core.context import Core
from bot.core.people import Lang, Person
from bot.core.questionnaires import SendOutcome, SendResult
from bot.core.types import InvitationPublic, InvitationStatus, SuggestionPublic, SuggestionStatus
from bot.web.app import PAGE_LANGUAGES, core_of, csrf_ok
from bot.web.guard import member, member_posting, problem, team_page

router = APIRouter()
Optional = Annotated[str, Form()]
OPEN = (InvitationStatus.SENT, InvitationStatus.IN_PROGRESS)
"""Invitations the supplier can still answer: their link can be shown or withdrawn."""
MAX_FAILURES_KEPT = 20
"""Failures carried to the page after a send; the rest are counted (the session is a cookie)."""


@router.get("/questionnaires")
async def board(request: Request) -> Response:
    """Every invitation, the response rates, the scoring rule, and the send form."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    core, lang = core_of(request), person.language
    found = await run_in_threadpool(saq.overview, core, person=person)
    chosen = await run_in_threadpool(suppliers.listing, core, person=person)
    sent = request.session.pop("saq_sent", None) or {}
    shown = request.session.pop("saq_shown", [])
    rows = {row.invitation.id: row.invitation for row in found.rows}
    results = [
        await run_in_threadpool(_result, core, person, rows[invitation_id], outcome)
        for invitation_id, outcome in sent.get("ids", [])
        if invitation_id in rows
    ]
    links = {
        invitation_id: await run_in_threadpool(
            saq.current_link, core, person=person, invitation_id=invitation_id
        )
        for invitation_id in shown
        if invitation_id in rows
    }
    return team_page(
        request,
        "questionnaires.html",
        title=messages.text(lang, "web.nav.questionnaires"),
        notice=request.session.pop("notice", None),
        overview=found,
        rates=[
            (key, count, found.rates.share(count))
            for key, count in (
                ("sent", found.rates.sent),
                ("opened", found.rates.opened),
                ("submitted", found.rates.submitted),
                ("overdue", found.rates.overdue),
            )
        ],
        rule=saq.scoring_rule(lang),
        suppliers=chosen,
        results=results,
        failed=sent.get("failed", []),
        more_failed=sent.get("more_failed", 0),
        links=links,
        open_statuses=OPEN,
        page_languages=PAGE_LANGUAGES,
        points=_points,
        describe=lambda result: _describe(lang, result),
    )


@router.post("/questionnaires/send")
async def send(request: Request) -> Response:
    """Send the questionnaire to the suppliers ticked, by e-mail or as links to copy."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    lang = person.language
    form = await request.form()
    if not csrf_ok(request, str(form.get("csrf", ""))):
        return problem(request, messages.text(lang, "web.form_expired"), 403)
    chosen = [int(value) for value in form.getlist("supplier") if str(value).isdigit()]
    email = str(form.get("email", "")).strip() or None
    language = str(form.get("language", "")) or None
    if not chosen or (email and len(chosen) > 1):
        key = "web.saq.none_chosen" if not chosen else "web.saq.email_one"
        return _back(request, lang, notice=messages.text(lang, key))
    results = await run_in_threadpool(
        saq.send,
        core_of(request),
        person=person,
        supplier_ids=chosen,
        email=email,
        language=language if language in PAGE_LANGUAGES else None,
    )
    _keep(request, lang, results)
    return _back(request, lang, anchor="#results")


@router.post("/questionnaires/{invitation_id}/resend")
async def resend(request: Request, invitation_id: int, csrf: Optional = "") -> Response:
    """A new link and deadline for an unsubmitted invitation; older links stop working."""
    person = member_posting(request, csrf)
    if not isinstance(person, Person):
        return person
    lang = person.language
    try:
        result = await run_in_threadpool(
            saq.resend, core_of(request), person=person, invitation_id=invitation_id
        )
    except Exception as error:
        return _back(request, lang, notice=messages.explain(lang, error))
    _keep(request, lang, [result])
    return _back(request, lang, anchor="#results")


@router.post("/questionnaires/{invitation_id}/cancel")
async def cancel(request: Request, invitation_id: int, csrf: Optional = "") -> Response:
    """Withdraw an unsubmitted invitation; its link is refused from now on."""
    person = member_posting(request, csrf)
    if not isinstance(person, Person):
        return person
    lang = person.language
    try:
        await run_in_threadpool(
            saq.cancel, core_of(request), person=person, invitation_id=invitation_id
        )
        notice = messages.text(lang, "web.saq.cancelled", id=invitation_id)
    except Exception as error:
        notice = messages.explain(lang, error)
    return _back(request, lang, notice=notice)


@router.post("/questionnaires/{invitation_id}/link")
async def show_link(request: Request, invitation_id: int, csrf: Optional = "") -> Response:
    """Show the invitation's current link once more, to copy (the read is audited)."""
    person = member_posting(request, csrf)
    if not isinstance(person, Person):
        return person
    request.session["saq_shown"] = [invitation_id]
    return _back(request, person.language, anchor=f"#invitation-{invitation_id}")


@router.get("/questionnaires/{invitation_id}")
async def invitation(request: Request, invitation_id: int) -> Response:
    """One invitation: answers by section with attachments, scores, red flags to decide."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    lang = person.language
    try:
        file = await run_in_threadpool(
            saq.invitation_file, core_of(request), person=person, invitation_id=invitation_id
        )
    except Exception as error:
        return problem(request, messages.explain(lang, error), 404)
    sections: dict[str, list] = {}
    for row in file.answers:
        sections.setdefault(row.section, []).append(row)
    return team_page(
        request,
        "questionnaire.html",
        title=messages.text(
            lang,
            "web.saq.invitation_title",
            id=invitation_id,
            supplier=file.invitation.supplier_name,
        ),
        notice=request.session.pop("notice", None),
        file=file,
        sections=sections,
        points=_points,
        rule=saq.scoring_rule(lang),
        suggested=SuggestionStatus.SUGGESTED,
    )


@router.post("/questionnaires/suggestions/{suggestion_id}")
async def decide(
    request: Request,
    suggestion_id: int,
    csrf: Optional = "",
    decision: Optional = "",
    invitation_id: Annotated[int, Form()] = 0,
) -> Response:
    """Accept a red flag's suggestion (the task or deviation is created) or dismiss it."""
    person = member_posting(request, csrf)
    if not isinstance(person, Person):
        return person
    lang = person.language
    try:
        decided = await run_in_threadpool(
            saq.decide,
            core_of(request),
            person=person,
            suggestion_id=suggestion_id,
            accept=decision == "accept",
        )
        request.session["notice"] = _decision(lang, decided)
    except Exception as error:
        request.session["notice"] = messages.explain(lang, error)
    return RedirectResponse(
        f"/questionnaires/{invitation_id}?lang={lang}#suggestion-{suggestion_id}", status_code=303
    )


@router.get("/questionnaires/attachments/{attachment_id}")
async def download(request: Request, attachment_id: int) -> Response:
    """An attached document, as the supplier sent it (the download is audited)."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    try:
        item, data = await run_in_threadpool(
            saq.attachment, core_of(request), person=person, attachment_id=attachment_id
        )
    except Exception as error:
        return problem(request, messages.explain(person.language, error), 404)
    disposition = f"attachment; filename*=UTF-8''{quote(item.original_name, safe='')}"
    return Response(
        data, media_type=item.content_type, headers={"Content-Disposition": disposition}
    )


@router.get("/questionnaires/supplier/{supplier_id}")
async def history(request: Request, supplier_id: int) -> Response:
    """A supplier's scores per area and in total, one row per submitted questionnaire."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    core, lang = core_of(request), person.language
    try:
        file = await run_in_threadpool(
            suppliers.supplier_file, core, person=person, supplier_id=supplier_id
        )
        rows = await run_in_threadpool(
            saq.score_history, core, person=person, supplier_id=supplier_id
        )
    except Exception as error:
        return problem(request, messages.explain(lang, error), 404)
    return team_page(
        request,
        "questionnaire_history.html",
        title=messages.text(lang, "web.saq.history_title", supplier=file.supplier.name),
        supplier=file.supplier,
        rows=rows,
        areas=rows[-1].areas if rows else (),
        points=_points,
    )


def _keep(request: Request, lang: Lang, results: list[SendResult]) -> None:
    """What a send did, for the page after the redirect: ids and outcomes, and the failures
    that made no invitation, worded."""
    failed = [r.describe(lang) for r in results if r.invitation_id is None]
    request.session["saq_sent"] = {
        "ids": [[r.invitation_id, r.outcome.value] for r in results if r.invitation_id],
        "failed": failed[:MAX_FAILURES_KEPT],
        "more_failed": max(0, len(failed) - MAX_FAILURES_KEPT),
    }


def _result(core: Core, person: Person, invitation: InvitationPublic, outcome: str) -> SendResult:
    """A kept outcome as a result again, its link read back unless it was e-mailed."""
    emailed = outcome == SendOutcome.EMAILED
    return SendResult(
        supplier_id=invitation.supplier_id,
        supplier_name=invitation.supplier_name,
        outcome=SendOutcome(outcome),
        invitation_id=invitation.id,
        email=invitation.recipient_email,
        link=None
        if emailed
        else saq.current_link(core, person=person, invitation_id=invitation.id),
        reason=invitation.delivery_error,
    )


def _describe(lang: Lang, result: SendResult) -> str:
    """The result's line without the link, which the page shows beside a copy button."""
    return messages.text(
        lang,
        f"saq.sent.{result.outcome.value}",
        supplier=result.supplier_name,
        id=result.invitation_id,
        email=result.email,
        link="",
        reason=result.reason,
    ).rstrip()


def _decision(lang: Lang, decided: SuggestionPublic) -> str:
    if decided.task_id:
        return messages.text(lang, "web.saq.accepted_task", id=decided.task_id)
    if decided.deviation_id:
        return messages.text(lang, "web.saq.accepted_deviation", id=decided.deviation_id)
    return messages.text(lang, "web.saq.dismissed")


def _points(value: float | None) -> str:
    """A score as shown: one decimal at most, "–" when there is none."""
    return "–" if value is None else f"{value:g}"


def _back(request: Request, lang: Lang, *, notice: str | None = None, anchor: str = "") -> Response:
    if notice:
        request.session["notice"] = notice
    return RedirectResponse(f"/questionnaires?lang={lang}{anchor}", status_code=303)
