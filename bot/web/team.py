"""The compliance team's pages: sign in with a one-time link, the case list, a case.

Every page checks membership on each request (a removed member loses access at once) and
goes through `bot.core.review`, so opening a case is audited and a non-member is refused
(and the refusal audited) by the register, as in chat.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from bot.core import messages, review, signin
from bot.core.people import Person
from bot.core.types import CaseCategory, CaseOutcome, CaseStatus
from bot.web.app import core_of, csrf_ok, language, render
from bot.web.guard import member, member_posting, person_of, problem, refused, team_page

router = APIRouter()
Optional = Annotated[str, Form()]


@router.get("/signin/{token}")
def signin_page(request: Request, token: str) -> Response:
    """A button that redeems the link: chat clients that preview links cannot use it up."""
    lang = language(request)
    return render(
        request, "signin.html", title=messages.text(lang, "web.signin.title"), token=token
    )


@router.post("/signin")
async def redeem(request: Request, csrf: Optional = "", token: Optional = "") -> Response:
    """Sign the link's person in, if the link is good and they are on the team."""
    lang = language(request)
    if not csrf_ok(request, csrf):
        return problem(request, messages.text(lang, "web.form_expired"), 403)
    core = core_of(request)
    try:
        platform, user_id = await run_in_threadpool(signin.redeem, core, token)
    except signin.LinkInvalid:
        return problem(request, messages.text(lang, "web.signin.invalid"), 403)
    person = person_of(request, platform, user_id)
    if not person.compliance:
        return await run_in_threadpool(refused, request, person, "dashboard.sign_in")
    await run_in_threadpool(signin.record_sign_in, core, person=person, method="link")
    request.session["user"] = [platform, user_id]
    return RedirectResponse("/cases", status_code=303)


@router.post("/signout")
def signout(request: Request, csrf: Optional = "") -> Response:
    """Forget the signed-in person."""
    if csrf_ok(request, csrf):
        request.session.pop("user", None)
    return RedirectResponse("/report", status_code=303)


@router.get("/cases")
async def cases(
    request: Request, status: str = "", category: str = "", supplier: str = "", due: str = ""
) -> Response:
    """Cases, overdue first, filtered by status, category, supplier name or deadline."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    chosen = review.CaseFilter(
        status=CaseStatus(status) if status in set(CaseStatus) else None,
        category=CaseCategory(category) if category in set(CaseCategory) else None,
        supplier=supplier[:200],
        due_within_days=int(due) if due.isdigit() else None,
    )
    rows = await run_in_threadpool(review.case_list, core_of(request), person=person, chosen=chosen)
    lang = person.language
    return team_page(
        request,
        "cases.html",
        title=messages.text(lang, "web.cases.title"),
        rows=rows,
        chosen=chosen,
        statuses=list(CaseStatus),
        categories=list(CaseCategory),
    )


@router.get("/cases/{reference}")
async def case(request: Request, reference: str) -> Response:
    """A case with its contents and the actions; opening it is audited."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    try:
        detail = await run_in_threadpool(
            review.open_case, core_of(request), person=person, reference=reference
        )
    except Exception as error:
        return problem(request, messages.explain(person.language, error), 404)
    lang = person.language
    history = await run_in_threadpool(review.timeline, core_of(request), person=person, case=detail)
    return team_page(
        request,
        "case.html",
        history=history,
        title=messages.text(lang, "review.case_title", reference=reference),
        case=detail,
        actions=review.available_actions(detail.status),
        notice=request.session.pop("notice", None),
        outcomes=[(o.value, messages.label(lang, o)) for o in CaseOutcome],
        action_label=lambda action: messages.plain(review.action_label(lang, action)),
    )


@router.post("/cases/{reference}")
async def act(
    request: Request,
    reference: str,
    csrf: Optional = "",
    action: Optional = "",
    outcome: Optional = "",
    body: Optional = "",
) -> Response:
    """Acknowledge, assign, investigate, write to the reporter or close."""
    person = member_posting(request, csrf)
    if not isinstance(person, Person):
        return person
    lang = person.language
    try:
        done = await run_in_threadpool(
            review.act,
            core_of(request),
            person=person,
            reference=reference,
            action=review.ReviewAction(action),
            outcome=outcome or None,
            body=body or None,
        )
        request.session["notice"] = done.confirmation
    except ValueError:
        request.session["notice"] = messages.text(lang, "error.invalid", detail=action)
    except Exception as error:
        request.session["notice"] = messages.explain(lang, error)
    return RedirectResponse(f"/cases/{reference}", status_code=303)
