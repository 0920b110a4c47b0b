"""Who may see a team page: the signed-in compliance member, checked on every request.

Usage in a route::

    person = member(request)
    if not isinstance(person, Person):
        return person          # the 401 or audited 403 page

A removed member loses access at once; a non-member's attempt is refused by the register,
which audits it, as in chat.
"""

from __future__ import annotations

from contextlib import suppress

from fastapi import Request, Response

from bot.core import messages, review
from bot.core.people import Person
from bot.core.types import AccessDenied
from bot.web.app import core_of, csrf_ok, language, render


def member(request: Request) -> Person | Response:
    """The signed-in compliance member, or the page that refuses."""
    user = request.session.get("user")
    if not user:
        return problem(request, messages.text(language(request), "web.signed_out"), 401)
    person = person_of(request, *user)
    if not person.compliance:
        request.session.pop("user", None)
        return refused(request, person, f"dashboard.{request.method.lower()}")
    return person


def member_posting(request: Request, csrf: str | None) -> Person | Response:
    """The signed-in compliance member sending one of our forms, or the page that refuses
    (signed out, not on the team, or a form without this session's token)."""
    person = member(request)
    if isinstance(person, Person) and not csrf_ok(request, csrf):
        return problem(request, messages.text(person.language, "web.form_expired"), 403)
    return person


def person_of(request: Request, platform: str, user_id: str) -> Person:
    members = request.app.state.members
    return Person(platform, user_id, language(request), compliance=members(platform, user_id))


def refused(request: Request, person: Person, action: str) -> Response:
    """A non-member's attempt: audited by the register, answered with a clear 403."""
    with suppress(AccessDenied):  # raised after the register audited the refusal
        review.require_member(
            core_of(request), person=person, action=action, object_type="dashboard"
        )
    return problem(request, messages.text(person.language, "web.forbidden"), 403)


def team_page(request: Request, template: str, **values: object) -> Response:
    """A page of the team's: wide, with the navigation and the sign-out button."""
    return render(request, template, signed_in=True, wide=True, **values)


def problem(request: Request, text: str, status: int) -> Response:
    lang = language(request)
    return render(
        request,
        "problem.html",
        status_code=status,
        title=messages.text(lang, "web.signin.title") if status == 401 else "aktsom",
        problem=text,
    )
