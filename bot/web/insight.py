"""The team's statistics, exports and § 5 draft: pages and downloads over `bot.core`.

Each route checks membership (`guard.member`), calls one core function in a worker thread,
and turns its result into a page or a file (`Content-Disposition: attachment`). Exports of
case contents are a POST with a CSRF token and a ticked box; the core audits the choice.

Charts are SVG files on this origin, shown with `<img>` so the page's CSP stays as it is.
An SVG image carries its own, narrower policy: nothing in it may load or run, only its own
inline presentation styles (matplotlib writes `style="fill: …"`) apply.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from starlette.concurrency import run_in_threadpool

from bot.core import annual_account, exports, messages, statistics
from bot.core.annual_account import AccountFormat
from bot.core.errors import FormInvalid
from bot.core.exports import Download, ExportFormat, ExportKind
from bot.core.people import Person
from bot.core.statistics import Chart
from bot.web.app import core_of
from bot.web.guard import member, member_posting, problem, team_page

router = APIRouter()
Optional = Annotated[str, Form()]
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


@router.get("/statistics")
async def statistics_page(request: Request, year: int | None = None) -> Response:
    """The year's figures: a chart and a table for each."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    core = core_of(request)
    try:
        summary = await run_in_threadpool(
            statistics.summarise, core, person=person, year=year or core.now().year
        )
    except FormInvalid as error:
        return problem(request, messages.explain(person.language, error), 422)
    lang = person.language
    return team_page(
        request,
        "statistics.html",
        title=messages.text(lang, "web.stats.title", year=summary.year),
        summary=summary,
        years=statistics.years(core),
        charts=list(Chart),
        months=list(zip(statistics.month_names(lang), summary.by_month, strict=True)),
        deadlines=statistics.deadline_rows(summary),
        task_columns=statistics.task_columns(summary),
        days=lambda value: statistics.format_days(lang, value),
    )


@router.get("/statistics/{name}.svg")
async def chart(request: Request, name: str, year: int | None = None) -> Response:
    """One chart of the year's figures, as an SVG image."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    if name not in set(Chart):
        return _not_found(request, person, name)
    core = core_of(request)
    try:
        summary = await run_in_threadpool(
            statistics.summarise, core, person=person, year=year or core.now().year
        )
    except FormInvalid as error:
        return problem(request, messages.explain(person.language, error), 422)
    svg = statistics.chart(summary, name=Chart(name), lang=person.language)
    return Response(
        svg, media_type="image/svg+xml", headers={"Content-Security-Policy": SVG_POLICY}
    )


@router.get("/exports")
def exports_page(request: Request) -> Response:
    """The downloads: the register as spreadsheets, cases with contents, the § 5 draft."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    return team_page(
        request,
        "exports.html",
        title=messages.text(person.language, "web.exports.title"),
        kinds=list(ExportKind),
        formats=list(ExportFormat),
        account_years=statistics.years(core_of(request))[:2],
        account_formats=[(AccountFormat.DOCX, "Word"), (AccountFormat.MD, "Markdown")],
    )


@router.get("/exports/{kind}.{fmt}")
async def export(request: Request, kind: str, fmt: str) -> Response:
    """The register's `kind` as CSV or XLSX, without case contents."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    return await _export(request, person, kind, fmt, contents=False)


@router.post("/exports/{kind}.{fmt}")
async def export_with_contents(
    request: Request, kind: str, fmt: str, csrf: Optional = "", contents: Optional = ""
) -> Response:
    """Cases with their descriptions and messages: only with the box ticked; audited."""
    person = member_posting(request, csrf)
    if not isinstance(person, Person):
        return person
    if contents != "yes":
        return problem(request, messages.text(person.language, "web.exports.confirm_required"), 422)
    return await _export(request, person, kind, fmt, contents=True)


@router.get("/account/{year}.{fmt}")
async def account(request: Request, year: int, fmt: str) -> Response:
    """The § 5 draft for `year` as Markdown or DOCX; Norwegian unless `?lang=en`."""
    person = member(request)
    if not isinstance(person, Person):
        return person
    if fmt not in set(AccountFormat):
        return _not_found(request, person, fmt)
    try:
        download = await run_in_threadpool(
            annual_account.account_file,
            core_of(request),
            person=person,
            year=year,
            fmt=AccountFormat(fmt),
            organisation=request.app.state.organisation,
            lang="en" if request.query_params.get("lang") == "en" else "nb",
        )
    except FormInvalid as error:
        return problem(request, messages.explain(person.language, error), 422)
    return _attachment(download)


async def _export(
    request: Request, person: Person, kind: str, fmt: str, *, contents: bool
) -> Response:
    """The export as a download, or the 404 page for an unknown kind or format."""
    if kind not in set(ExportKind) or fmt not in set(ExportFormat):
        return _not_found(request, person, f"{kind}.{fmt}")
    download = await run_in_threadpool(
        exports.export,
        core_of(request),
        person=person,
        kind=ExportKind(kind),
        fmt=ExportFormat(fmt),
        contents=contents,
    )
    return _attachment(download)


def _not_found(request: Request, person: Person, detail: str) -> Response:
    return problem(request, messages.text(person.language, "error.not_found", detail=detail), 404)


def _attachment(download: Download) -> Response:
    """A file the browser saves rather than shows."""
    return Response(
        download.content,
        media_type=download.media_type,
        headers={"Content-Disposition": f'attachment; filename="{download.filename}"'},
    )
