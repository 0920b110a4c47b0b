"""The compliance team's pages: sign in with a one-time link, the case list, a case.

Every page checks membership on each request (a removed member loses access at once) and
goes through `bot.core.review`, so opening a case is audited and a non-member is refused
(and the refusal audited) by the register, as in chat.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from bot.core import messages, review, signin
from bot.core.people import Person
from bot.core.types import AccessDenied, CaseOutcome
from bot.web.app import core_of, csrf_ok, language, render

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
        return _problem(request, messages.text(lang, "web.form_expired"), 403)
    core = core_of(request)
    try:
        platform, user_id = await run_in_threadpool(signin.redeem, core, token)
    except signin.LinkInvalid:
        return _problem(request, messages.text(lang, "web.signin.invalid"), 403)
    person = _person(request, platform, user_id)
    if not person.compliance:
        return await run_in_threadpool(_refused, request, person, "dashboard.sign_in")
    request.session["user"] = [platform, user_id]
    return RedirectResponse("/cases", status_code=303)


@router.post("/signout")
def signout(request: Request, csrf: Optional = "") -> Response:
    """Forget the signed-in person."""
    if csrf_ok(request, csrf):
        request.session.pop("user", None)
    return RedirectResponse("/report", status_code=303)


@router.get("/cases")
async def cases(request: Request) -> Response:
    """Open cases, overdue first, with their next deadline."""
    person = _member(request)
    if not isinstance(person, Person):
        return person
    home = await run_in_threadpool(review.home, core_of(request), person=person)
    return render(
        request,
        "cases.html",
        title=messages.text(person.language, "web.cases.title"),
        rows=home.cases,
        label=lambda value: messages.label(person.language, value),
        signed_in=True,
        wide=True,
    )


@router.get("/cases/{reference}")
async def case(request: Request, reference: str) -> Response:
    """A case with its contents and the actions; opening it is audited."""
    person = _member(request)
    if not isinstance(person, Person):
        return person
    try:
        detail = await run_in_threadpool(
            review.open_case, core_of(request), person=person, reference=reference
        )
    except Exception as error:
        return _problem(request, messages.explain(person.language, error), 404)
    lang = person.language
    return render(
        request,
        "case.html",
        title=messages.text(lang, "review.case_title", reference=reference),
        case=detail,
        actions=review.available_actions(detail.status),
        notice=request.session.pop("notice", None),
        label=lambda value: messages.label(lang, value),
        outcomes=[(o.value, messages.label(lang, o)) for o in CaseOutcome],
        action_labels={
            "acknowledge": "review.acknowledge",
            "assign": "review.assign_me",
            "investigate": "review.investigate",
        },
        wide=True,
        signed_in=True,
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
    person = _member(request)
    if not isinstance(person, Person):
        return person
    lang = person.language
    if not csrf_ok(request, csrf):
        return _problem(request, messages.text(lang, "web.form_expired"), 403)
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


def _member(request: Request) -> Person | Response:
    """The signed-in compliance member, or the page that refuses."""
    user = request.session.get("user")
    if not user:
        return _problem(request, messages.text(language(request), "web.signed_out"), 401)
    person = _person(request, *user)
    if not person.compliance:
        request.session.pop("user", None)
        return _refused(request, person, f"dashboard.{request.method.lower()}")
    return person


def _person(request: Request, platform: str, user_id: str) -> Person:
    members = request.app.state.members
    return Person(platform, user_id, language(request), compliance=members(platform, user_id))


def _refused(request: Request, person: Person, action: str) -> Response:
    """A non-member's attempt: audited by the register, answered with a clear 403."""
    with suppress(AccessDenied):  # raised after the register audited the refusal
        review.require_member(
            core_of(request), person=person, action=action, object_type="dashboard"
        )
    return _problem(request, messages.text(person.language, "web.forbidden"), 403)


def _problem(request: Request, text: str, status: int) -> Response:
    lang = language(request)
    return render(
        request,
        "problem.html",
        status_code=status,
        title=messages.text(lang, "web.signin.title") if status == 401 else "aktsom",
        problem=text,
    )
