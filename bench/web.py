"""Web benchmark: public reports and dashboard pages, all at once, against the real server.

For each database (a SQLite file, and a fresh PostgreSQL database dropped afterwards)
`aktsom web` runs in its own process, as an operator starts it, on a knowledge base seeded
once with the bundled guide and samples and copied into each run. Two bursts follow, from
an async client bounded by `--concurrency` requests in flight:

1. `--reports` reporters at once, each its own browser (own client, own session cookie):
   GET /report, then POST /report with the form's CSRF token and a unique marker in the
   description. Afterwards the register is read with the server's keys: one case per
   reporter, each marker stored exactly once, and each receipt page showing a distinct
   reference and 16-digit receipt code that the register holds.
2. One compliance member signs in with a one-time link (`aktsom dashboard-link`), then
   `--loads` GETs spread evenly over the team's pages (a different case for each
   /cases/<ref>) share that one session cookie; every one must answer 200. Pages that
   answer 404 to a first, unmeasured visit are skipped and named.

Each latency is one request's round trip, body read, timed from when it got its slot under
the bound (so waiting for a slot is not counted). p95 is what 19 in 20 visitors got at
least as fast, under the whole burst on this machine: client and server share its cores.
Not a test: it prints one small table per database (and JSON with `--json`), and exits 1
when a check fails. The server keeps no access log, so no IP address or user agent of these
visits is recorded anywhere.

Usage::

    .venv/bin/python -m bench.web                        # both databases, 200 + 200
    .venv/bin/python -m bench.web --db sqlite --reports 50 --loads 50 --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import ssl
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
from bs4 import BeautifulSoup
from sqlalchemy import select

from bench.serving import (
    START_TIMEOUT_S,
    aktsom_command,
    aktsom_process,
    clean_env,
    free_port,
    log_tail,
)
from bench.slack import (
    COUNTRIES,
    DATABASES,
    DESCRIPTIONS,
    Database,
    database_url,
    percentile,
    seed_knowledge,
)
from storage.crypto import key_file, load_keyring
from storage.db import make_engine
from storage.models import Case, CaseCategory

MEMBER = "UBENCH"
"""The Slack id put on the compliance team (`AKTSOM_SLACK_COMPLIANCE_USERS`)."""
DASHBOARD_PAGES: tuple[str, ...] = (
    "/cases",
    "/cases/<ref>",
    "/suppliers",
    "/tasks",
    "/requests",
    "/audit",
    "/statistics",
)
CASE_PAGE = "/cases/<ref>"
REQUEST_TIMEOUT_S = 120.0
"""Far past any visitor's patience, so a slow page is measured rather than lost."""
RECEIPT_CODE = re.compile(r"\d{16}")
REFERENCE = re.compile(r"AK-\d{4}-\d{4,}")
MARKER = re.compile(r"bench-[0-9a-f]{8}-\d{5}")
HIDDEN_FIELD = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
"""A form's hidden fields (CSRF token, sign-in token): a regex, not an HTML parser, as a
parse takes milliseconds of the event loop that every request in flight would be timed with."""


@dataclass(frozen=True, slots=True)
class Timed:
    """One request: the page it counts under, its round trip, and the answer (None: none)."""

    page: str
    seconds: float
    response: httpx.Response | None

    @property
    def status(self) -> int | None:
        """The HTTP status, or None when no answer came."""
        return self.response.status_code if self.response is not None else None


@dataclass(frozen=True, slots=True)
class PageFigures:
    """Latencies of one page over a burst."""

    page: str
    count: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    non_200: int


@dataclass(slots=True)
class Figures:
    """The measured figures and the checks for one database."""

    database: str
    reports: int
    loads: int
    concurrency: int
    pages: list[PageFigures] = field(default_factory=list)
    skipped_pages: list[str] = field(default_factory=list)
    """Dashboard pages that answered 404, so are not in this version of the app."""
    report_wall_s: float = 0.0
    load_wall_s: float = 0.0
    loads_sent: int = 0
    """Dashboard GETs sent: fewer than `loads` only when every page answered 404."""
    non_200: int = 0
    answers_seen: dict[str, int] = field(default_factory=dict)
    """Each non-200 answer by page, status and the error shown, with how often it came."""
    receipts_shown: int = 0
    """Receipt pages showing both a reference and a 16-digit receipt code."""
    distinct_references: int = 0
    distinct_codes: int = 0
    cases_stored: int = 0
    markers_once: int = 0
    markers_missing: int = 0
    doubles: int = 0
    """Extra copies of a marker: a report stored more than once."""
    references_unknown: int = 0
    """References shown on a receipt that the register does not hold."""
    problems: list[str] = field(default_factory=list)
    server_log_tail: list[str] = field(default_factory=list)
    """The server's last log lines, kept only when a check failed."""


# Measure --------------------------------------------------------------------------------


def run_database(
    database: Database, *, seeded: Path, data_dir: Path, reports: int, loads: int, bound: int
) -> Figures:
    """Start `aktsom web` on `database`, send both bursts, check the register."""
    figures = Figures(database=database, reports=reports, loads=loads, concurrency=bound)
    markers = [f"bench-{uuid.uuid4().hex[:8]}-{n:05d}" for n in range(reports)]
    shutil.copytree(seeded, data_dir / "knowledge")
    log = data_dir / "server.log"
    with database_url(database, data_dir) as url:
        port = free_port()
        env = server_env(data_dir=data_dir, database_url=url, port=port)
        with aktsom_process("web", port=port, env=env, ready="/report", log=log) as base_url:
            started = time.perf_counter()
            posted = asyncio.run(report_burst(base_url, markers=markers, bound=bound))
            figures.report_wall_s = time.perf_counter() - started
            shown = read_receipts(figures, posted)
            stored = count_register(figures, url=url, data_dir=data_dir, markers=markers)
            figures.references_unknown = len(shown - stored)
            link = dashboard_link(env)
            loaded = asyncio.run(
                dashboard_burst(
                    base_url, link=link, references=sorted(shown & stored), figures=figures
                )
            )
    figures.loads_sent = len(loaded)
    measure(figures, [*posted, *loaded])
    figures.problems = problems(figures)
    if figures.problems:
        figures.server_log_tail = log_tail(log)
    return figures


def server_env(*, data_dir: Path, database_url: str, port: int) -> dict[str, str]:
    """The environment of `aktsom web` and `aktsom dashboard-link`: this run's data only."""
    return clean_env(
        AKTSOM_DATA_DIR=str(data_dir),
        AKTSOM_DATABASE_URL=database_url,
        AKTSOM_SLACK_COMPLIANCE_USERS=MEMBER,
        AKTSOM_WEB_URL=f"http://127.0.0.1:{port}",
        AKTSOM_PUBLIC_LIMITS="100000/minute",  # the burst is the load, not a flood to stop
    )


def dashboard_link(env: dict[str, str]) -> str:
    """A one-time sign-in link for `MEMBER`, printed by `aktsom dashboard-link`."""
    done = subprocess.run(
        aktsom_command("dashboard-link", MEMBER),
        env=env,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"aktsom dashboard-link failed: {done.stderr.strip()}")
    return done.stdout.strip().splitlines()[-1]


async def report_burst(base_url: str, *, markers: Sequence[str], bound: int) -> list[Timed]:
    """One reporter per marker, all at once, at most `bound` requests in flight."""
    slots = asyncio.Semaphore(bound)
    # One TLS context for every browser: each loading the CA bundle would block the event
    # loop for some 40 ms, counted in the latency of every request in flight.
    tls = ssl.create_default_context()
    async with asyncio.TaskGroup() as group:
        tasks = [
            group.create_task(_report(base_url, number=n, marker=marker, slots=slots, tls=tls))
            for n, marker in enumerate(markers)
        ]
    return [timed for task in tasks for timed in task.result()]


async def _report(
    base_url: str, *, number: int, marker: str, slots: asyncio.Semaphore, tls: ssl.SSLContext
) -> list[Timed]:
    """A reporter in a browser of their own: open the form, send it (not if it did not open)."""
    async with httpx.AsyncClient(
        base_url=base_url, timeout=REQUEST_TIMEOUT_S, verify=tls
    ) as browser:
        form = await _timed(browser, slots, "GET /report", "GET", "/report?lang=en")
        if form.status != 200 or form.response is None:
            return [form]
        categories = list(CaseCategory)
        fields = {
            "csrf": hidden_fields(form.response).get("csrf", ""),
            "category": categories[number % len(categories)].value,
            "country": COUNTRIES[number % len(COUNTRIES)] or "",
            "description": f"{DESCRIPTIONS[number % len(DESCRIPTIONS)]} ({marker})",
        }
        sent = await _timed(browser, slots, "POST /report", "POST", "/report?lang=en", data=fields)
        return [form, sent]


async def dashboard_burst(
    base_url: str, *, link: str, references: Sequence[str], figures: Figures
) -> list[Timed]:
    """Sign in once, drop the pages that answer 404, then `figures.loads` GETs at once.

    Args:
        references: cases to open, one after another, for the /cases/<ref> loads.
    """
    slots = asyncio.Semaphore(figures.concurrency)
    limits = httpx.Limits(max_connections=figures.concurrency)
    async with httpx.AsyncClient(
        base_url=base_url, timeout=REQUEST_TIMEOUT_S, limits=limits
    ) as browser:
        await sign_in(browser, link.removeprefix(base_url))
        pages = [page for page in DASHBOARD_PAGES if page != CASE_PAGE or references]
        for page in pages:
            first = await browser.get(_path(page, references, 0))
            if first.status_code == 404:
                figures.skipped_pages.append(page)
        pages = [page for page in pages if page not in figures.skipped_pages]
        planned = [pages[n % len(pages)] for n in range(figures.loads)] if pages else []
        started = time.perf_counter()
        async with asyncio.TaskGroup() as group:
            tasks = [
                group.create_task(
                    _timed(
                        browser,
                        slots,
                        f"GET {page}",
                        "GET",
                        _path(page, references, n // len(pages)),
                    )
                )
                for n, page in enumerate(planned)
            ]
        figures.load_wall_s = time.perf_counter() - started
    return [task.result() for task in tasks]


async def sign_in(browser: httpx.AsyncClient, link_path: str) -> None:
    """Open the one-time link and press its button, as a member would; the cookie stays."""
    page = await browser.get(link_path)
    answer = await browser.post("/signin?lang=en", data=hidden_fields(page))
    if answer.status_code != 303:
        raise SystemExit(f"sign-in failed: {answer.status_code} {_shown_error(answer)}")


def hidden_fields(page: httpx.Response) -> dict[str, str]:
    """The hidden fields of the forms on `page`, by name."""
    return dict(HIDDEN_FIELD.findall(page.text))


def _path(page: str, references: Sequence[str], number: int) -> str:
    if page == CASE_PAGE:
        return f"/cases/{references[number % len(references)]}"
    return page


async def _timed(
    browser: httpx.AsyncClient,
    slots: asyncio.Semaphore,
    page: str,
    method: str,
    url: str,
    *,
    data: dict[str, str] | None = None,
) -> Timed:
    """Send one request once a slot is free and time it; no answer is recorded too."""
    async with slots:
        started = time.perf_counter()
        try:
            response = await browser.request(method, url, data=data)
        except httpx.HTTPError:
            return Timed(page, time.perf_counter() - started, None)
        return Timed(page, time.perf_counter() - started, response)


def read_receipts(figures: Figures, posted: Sequence[Timed]) -> set[str]:
    """Count the receipt pages' references and codes; returns the references shown."""
    references: list[str] = []
    codes: list[str] = []
    for sent in posted:
        if sent.page != "POST /report" or sent.status != 200 or sent.response is None:
            continue
        soup = BeautifulSoup(sent.response.text, "html.parser")
        code = soup.find(id="receipt")
        digits = code.get_text().replace(" ", "") if code else ""
        reference = REFERENCE.search(soup.get_text())
        if reference and RECEIPT_CODE.fullmatch(digits):
            references.append(reference.group())
            codes.append(digits)
    figures.receipts_shown = len(references)
    figures.distinct_references = len(set(references))
    figures.distinct_codes = len(set(codes))
    return set(references)


def count_register(
    figures: Figures, *, url: str, data_dir: Path, markers: Sequence[str]
) -> set[str]:
    """Read every case with the server's keys, count each marker; returns the references."""
    keyring = load_keyring(secret=None, path=key_file(data_dir), may_create=True)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Case.reference, Case.description)).all()
    finally:
        engine.dispose()
    found = Counter(
        marker for _, description in rows for marker in MARKER.findall(keyring.decrypt(description))
    )
    figures.cases_stored = len(rows)
    figures.markers_once = sum(1 for marker in markers if found[marker] == 1)
    figures.markers_missing = sum(1 for marker in markers if found[marker] == 0)
    figures.doubles = sum(count - 1 for count in found.values() if count > 1)
    return {reference for reference, _ in rows}


def measure(figures: Figures, timed: Sequence[Timed]) -> None:
    """Per page latencies, and every answer that was not a 200."""
    by_page: dict[str, list[Timed]] = {}
    for request in timed:
        by_page.setdefault(request.page, []).append(request)
    figures.pages = [
        PageFigures(
            page=page,
            count=len(requests),
            p50_ms=percentile([r.seconds for r in requests], 50) * 1000,
            p95_ms=percentile([r.seconds for r in requests], 95) * 1000,
            max_ms=max(r.seconds for r in requests) * 1000,
            non_200=sum(1 for r in requests if r.status != 200),
        )
        for page, requests in by_page.items()
    ]
    failed = [request for request in timed if request.status != 200]
    figures.non_200 = len(failed)
    seen = Counter(
        f"{r.page} {r.status or 'no answer'}: {_shown_error(r.response)}" for r in failed
    )
    figures.answers_seen = dict(seen.most_common())


def _shown_error(response: httpx.Response | None) -> str:
    """The error a page showed its visitor, in short; empty when it showed none."""
    if response is None:
        return ""
    shown = BeautifulSoup(response.text, "html.parser").select_one("p.error")
    return shown.get_text(" ", strip=True)[:200] if shown else ""


def problems(figures: Figures) -> list[str]:
    """Every check that failed, in words; empty when the run is clean."""
    reports = figures.reports
    expected = {
        "non-200 answers": (figures.non_200, 0),
        "dashboard pages loaded": (figures.loads_sent, figures.loads),
        "receipts shown (reference and 16-digit code)": (figures.receipts_shown, reports),
        "distinct references shown": (figures.distinct_references, reports),
        "distinct receipt codes shown": (figures.distinct_codes, reports),
        "cases stored": (figures.cases_stored, reports),
        "reports stored exactly once": (figures.markers_once, reports),
        "reports lost": (figures.markers_missing, 0),
        "reports doubled": (figures.doubles, 0),
        "references shown but not stored": (figures.references_unknown, 0),
    }
    return [
        f"{name}: {got} (expected {want})" for name, (got, want) in expected.items() if got != want
    ]


# Report ---------------------------------------------------------------------------------


def render(figures: Figures) -> str:
    """A table of latencies per page, then the checks, for one database."""
    header = ("page", "count", "p50 ms", "p95 ms", "max ms", "non-200")
    rows = [
        (
            p.page,
            str(p.count),
            f"{p.p50_ms:.0f}",
            f"{p.p95_ms:.0f}",
            f"{p.max_ms:.0f}",
            str(p.non_200),
        )
        for p in figures.pages
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    table = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    ]
    checks = [
        ("cases stored", f"{figures.cases_stored}/{figures.reports}"),
        (
            "reports once / lost / doubled",
            f"{figures.markers_once} / {figures.markers_missing} / {figures.doubles}",
        ),
        (
            "receipts: shown / distinct refs / codes",
            f"{figures.receipts_shown} / {figures.distinct_references} / {figures.distinct_codes}",
        ),
        ("non-200 answers", str(figures.non_200)),
        *((f"  {answer}", f"{count}×") for answer, count in figures.answers_seen.items()),
        ("skipped (404)", ", ".join(figures.skipped_pages) or "none"),
        ("wall time reports / pages", f"{figures.report_wall_s:.1f} / {figures.load_wall_s:.1f} s"),
        ("checks", "ok" if not figures.problems else "; ".join(figures.problems)),
    ]
    width = max(len(label) for label, _ in checks)
    title = (
        f"{figures.database}: {figures.reports} reports, {figures.loads} dashboard loads, "
        f"at most {figures.concurrency} in flight"
    )
    lines = [title, "-" * len(title), *table, ""]
    lines += [f"{label:<{width}}  {value}" for label, value in checks]
    if figures.server_log_tail:
        lines += ["", "server log (last lines):", *figures.server_log_tail]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run each chosen database, print the tables (and JSON)."""
    parser = argparse.ArgumentParser(
        description="Public reports and dashboard pages loaded at once, per database."
    )
    parser.add_argument("--db", choices=[*DATABASES, "both"], default="both")
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--loads", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=200, help="requests in flight")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)
    chosen = DATABASES if args.db == "both" else (args.db,)
    results: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="aktsom-bench-web-") as scratch:
        root = Path(scratch)
        started = time.perf_counter()
        seed_knowledge(root / "knowledge")
        print(f"knowledge base seeded in {time.perf_counter() - started:.0f} s\n", flush=True)
        for database in chosen:
            figures = run_database(
                database,
                seeded=root / "knowledge",
                data_dir=root / database,
                reports=args.reports,
                loads=args.loads,
                bound=args.concurrency,
            )
            results.append(figures)
            print(render(figures), end="\n\n", flush=True)
    if args.json:
        print(json.dumps([asdict(figures) for figures in results], indent=2))
    return 1 if any(figures.problems for figures in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
