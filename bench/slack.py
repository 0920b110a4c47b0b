"""Slack benchmark: a burst of questions and reports, all at once, against the real bot.

For each database (a SQLite file, and a fresh PostgreSQL database dropped afterwards) the
Slack bot is served over HTTP with uvicorn, its Web API pointed at the loopback fake, on a
knowledge base seeded once with the bundled guide and samples and shared by both runs. Then
`--questions` signed `app_mention` events and `--reports` report `view_submission`s are sent
from 32 threads, shuffled together. It measures each request's acknowledgement (the HTTP
round trip; Slack gives up after 3 seconds) and, per question, the time from sending until
the fake Web API received the `chat.update` carrying the answer; it then checks that every
report was stored exactly once and every question answered exactly once. Not a test: it
prints one small table per database (and JSON with `--json`), and exits 1 when a check fails.

Usage::

    .venv/bin/python -m bench.slack                      # both databases, 200 + 100
    .venv/bin/python -m bench.slack --db sqlite --questions 50 --reports 20 --json
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx
import psycopg
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bench.serving import aktsom_process, clean_env, free_port
from knowledge.engine import KnowledgeBase
from storage.db import make_engine
from storage.models import Case, CaseCategory, ChatAnswer
from tests.bot.conftest import (
    BOT_TOKEN,
    COMPLIANCE_GROUP,
    SIGNING_SECRET,
    anonymous_value,
    select_value,
    text_value,
)
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_requests import SlackSender

Database = Literal["sqlite", "postgresql"]
Kind = Literal["question", "report"]

DATABASES: tuple[Database, ...] = ("sqlite", "postgresql")
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
ACK_LIMIT_S = 3.0
WORKERS = 32
SEND_TIMEOUT_S = 60.0
"""Far past Slack's 3 seconds, so a slow acknowledgement is measured rather than lost."""
ANSWER_TIMEOUT_S = 600.0
START_TIMEOUT_S = 120.0
SHUFFLE_SEED = 20240601
FIRST_TS = 1_710_000_000
REPORT_VIEW = "report"

QUESTIONS: tuple[str, ...] = (
    "Hva er fristen for å svare på et informasjonskrav?",
    "Hvor lang tid har vi på å svare når noen ber om informasjon etter åpenhetsloven?",
    "Kan fristen for å svare på et informasjonskrav forlenges?",
    "Hva betyr aktsomhetsvurderinger etter åpenhetsloven?",
    "Hvilke virksomheter omfattes av åpenhetsloven?",
    "Når må redegjørelsen om aktsomhetsvurderinger offentliggjøres?",
    "Hvor skal redegjørelsen publiseres?",
    "Hva skal redegjørelsen inneholde?",
    "Kan vi nekte å gi ut informasjon om leverandørkjeden?",
    "Hvem fører tilsyn med åpenhetsloven?",
    "Hva er grunnleggende menneskerettigheter og anstendige arbeidsforhold?",
    "Hvordan kartlegger vi risiko hos leverandører?",
    "Må vi svare skriftlig på et informasjonskrav?",
    "Hva skjer hvis vi bryter åpenhetsloven?",
    "What is the deadline for answering an information request?",
    "How long do we have to respond to a request under the Transparency Act?",
    "Can the deadline for an information request be extended?",
    "What does due diligence mean under the Transparency Act?",
    "Which enterprises are covered by the Transparency Act?",
    "When must the account of due diligence be published?",
    "Where do we have to publish the due diligence account?",
    "What must the account of our due diligence contain?",
    "May we refuse an information request about our suppliers?",
    "Who supervises compliance with the Transparency Act?",
    "What counts as decent working conditions?",
    "How should we assess the risk of forced labour in our supply chain?",
    "Does the account have to be signed by the board?",
    "What happens if we do not comply with the Transparency Act?",
)

DESCRIPTIONS: tuple[str, ...] = (
    "Arbeiderne på fabrikken får ikke betalt for overtid.",
    "Workers at the warehouse are made to work seventy hours a week.",
    "Det brukes barnearbeid hos en underleverandør av bomull.",
    "Passports of migrant workers are kept by the employer.",
    "Nødutgangene på verkstedet er låst i arbeidstiden.",
    "Union members were dismissed after asking for a meeting.",
    "Lønnen er lavere enn minstelønnen i landet.",
    "Waste water from the dye house runs straight into the river.",
)
COUNTRIES: tuple[str | None, ...] = (None, "Bangladesh", "Vietnam", "India", None, "Kina")
LOCALES: tuple[str, ...] = ("nb-NO", "en-US", "en-GB", "nb-NO")


@dataclass(frozen=True, slots=True)
class Planned:
    """One request to send: a question in its own channel, or a report in its own view."""

    kind: Kind
    number: int
    user: str
    key: str
    """The question's channel, or the report's view id."""
    question: str = ""
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class Sent:
    """How one request went: when it left (epoch seconds), its round trip and its answer."""

    planned: Planned
    sent_at: float
    ack_s: float
    status: int | None
    body: dict[str, Any]


@dataclass(slots=True)
class Figures:
    """The measured figures and the checks for one database."""

    database: str
    questions: int
    reports: int
    requests: int = 0
    max_ack_ms: float = 0.0
    p50_ack_ms: float = 0.0
    p95_ack_ms: float = 0.0
    violations: int = 0
    """Requests acknowledged after `ACK_LIMIT_S`, or not acknowledged with a 200 at all."""
    statuses: dict[str, int] = field(default_factory=dict)
    """How many requests got each HTTP status (`"error"`: no response within the timeout)."""
    question_violations: int = 0
    report_violations: int = 0
    p95_question_ack_ms: float = 0.0
    p95_report_ack_ms: float = 0.0
    p50_answer_s: float = 0.0
    p95_answer_s: float = 0.0
    max_answer_s: float = 0.0
    answered: int = 0
    """Questions whose channel got exactly one `chat.update`."""
    chat_updates: int = 0
    answer_failures: int = 0
    """Answers that ended in an error message (`chat.postEphemeral`)."""
    reports_acked: int = 0
    """Report submissions answered with the receipt modal."""
    reports_stored: int = 0
    unique_references: int = 0
    anonymous_stored: int = 0
    answers_stored: int = 0
    wall_s: float = 0.0
    problems: list[str] = field(default_factory=list)


# Plan -----------------------------------------------------------------------------------


def plan(*, questions: int, reports: int) -> list[Planned]:
    """The questions and reports, shuffled together; distinct users, channels and view ids."""
    planned = [
        Planned(
            kind="question",
            number=n,
            user=f"UASK{n % 40:03d}",
            key=f"CBENCH{n:05d}",
            question=QUESTIONS[n % len(QUESTIONS)],
        )
        for n in range(questions)
    ] + [
        Planned(
            kind="report",
            number=n,
            user=f"UREPORT{n:04d}",
            key=f"VBENCH{uuid.uuid4().hex[:10].upper()}",
            anonymous=n % 3 != 0,
        )
        for n in range(reports)
    ]
    random.Random(SHUFFLE_SEED).shuffle(planned)
    return planned


def mention_event(planned: Planned) -> dict[str, Any]:
    """The `app_mention` for a planned question: its own ts and channel."""
    ts = f"{FIRST_TS + planned.number}.000100"
    return {
        "type": "app_mention",
        "user": planned.user,
        "text": f"<@UBOT> {planned.question}",
        "ts": ts,
        "event_ts": ts,
        "channel": planned.key,
        "channel_type": "channel",
    }


def report_values(planned: Planned) -> dict[str, dict[str, Any]]:
    """The report modal's state for a planned report, category and wording varied."""
    categories = list(CaseCategory)
    values = {
        "category": select_value(categories[planned.number % len(categories)].value),
        "description": text_value(DESCRIPTIONS[planned.number % len(DESCRIPTIONS)]),
        "anonymous": anonymous_value(planned.anonymous),
    }
    country = COUNTRIES[planned.number % len(COUNTRIES)]
    if country:
        values["country"] = text_value(country)
    return values


# Send -----------------------------------------------------------------------------------


class PooledSender(SlackSender):
    """A `SlackSender` on one kept-alive httpx client.

    `SlackSender.raw` calls `httpx.post`, which builds a client (and its TLS context, about
    50 ms of CPU) per request; on 2 cores, in the bot's own process, that would be billed to
    the bot's acknowledgements.
    """

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url, signing_secret=SIGNING_SECRET, timeout=SEND_TIMEOUT_S)
        self.client = httpx.Client(timeout=self.timeout)

    def raw(self, body: bytes, *, headers: dict[str, str]) -> httpx.Response:
        """POST `body` on the kept-alive client, timing the round trip."""
        started = time.perf_counter()
        response = self.client.post(self.url, content=body, headers=headers)
        self.last_elapsed = time.perf_counter() - started
        return response


def send_all(base_url: str, planned: Sequence[Planned]) -> tuple[list[Sent], float]:
    """Send every request from `WORKERS` threads, one sender each; also the seconds it took."""
    local = threading.local()
    senders: list[PooledSender] = []

    def send(request: Planned) -> Sent:
        if not hasattr(local, "sender"):
            local.sender = PooledSender(base_url)
            senders.append(local.sender)
        return send_one(local.sender, request)

    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            sent = list(pool.map(send, planned))
    finally:
        for sender in senders:
            sender.client.close()
    return sent, time.perf_counter() - started


def send_one(sender: SlackSender, planned: Planned) -> Sent:
    """Send one request and time its acknowledgement; a transport error is recorded too."""
    sent_at = time.time()
    started = time.perf_counter()
    try:
        if planned.kind == "question":
            response = sender.event(mention_event(planned), event_id=f"EvBENCH{planned.number:05d}")
        else:
            response = sender.view_submission(
                user_id=planned.user,
                callback_id=REPORT_VIEW,
                values=report_values(planned),
                view_id=planned.key,
            )
    except httpx.HTTPError:
        return Sent(planned, sent_at, time.perf_counter() - started, None, {})
    ack_s = sender.last_elapsed if sender.last_elapsed is not None else 0.0
    return Sent(planned, sent_at, ack_s, response.status_code, _json_or_empty(response))


def _json_or_empty(response: httpx.Response) -> dict[str, Any]:
    try:
        return response.json() if response.content else {}
    except ValueError:
        return {}


# Measure --------------------------------------------------------------------------------


def run_database(
    database: Database, *, seeded: Path, data_dir: Path, questions: int, reports: int
) -> Figures:
    """Start `aktsom slack --http` on `database`, send the burst, wait, check the register."""
    figures = Figures(database=database, questions=questions, reports=reports)
    planned = plan(questions=questions, reports=reports)
    shutil.copytree(seeded, data_dir / "knowledge")
    with database_url(database, data_dir) as url, FakeSlackApi(token=BOT_TOKEN) as api:
        add_users(api, planned)
        env = clean_env(
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            AKTSOM_SLACK_API_URL=api.url,
            AKTSOM_SLACK_COMPLIANCE_GROUP=COMPLIANCE_GROUP,
            AKTSOM_DATA_DIR=str(data_dir),
            AKTSOM_DATABASE_URL=url,
        )
        log = data_dir / "server.log"
        server = aktsom_process(
            "slack",
            "--http",
            port=free_port(),
            env=env,
            ready="/slack/healthz",
            log=log,
            timeout_s=START_TIMEOUT_S,
        )
        with server as base_url:
            started = time.perf_counter()
            sent, _ = send_all(base_url, planned)
            wait_for_answers(api, questions)
            figures.wall_s = time.perf_counter() - started
        measure_acks(figures, sent)
        measure_answers(figures, sent, api)
        count_register(figures, url)
    figures.problems = problems(figures)
    return figures


def add_users(api: FakeSlackApi, planned: Sequence[Planned]) -> None:
    """Give every sender a profile, Norwegian and English locales mixed."""
    for number, user in enumerate(sorted({request.user for request in planned})):
        api.users[user] = {"locale": LOCALES[number % len(LOCALES)], "real_name": user.title()}
    api.usergroups[COMPLIANCE_GROUP] = []


def wait_for_answers(api: FakeSlackApi, questions: int) -> None:
    """Wait until the fake received one `chat.update` per question, or the timeout passed."""
    with suppress(AssertionError):  # what did not arrive is counted as unanswered
        api.wait_for("chat.update", count=questions, timeout=ANSWER_TIMEOUT_S)
    time.sleep(0.5)  # let a stray second update for the same question show up


def measure_acks(figures: Figures, sent: Sequence[Sent]) -> None:
    """Round-trip figures over every request, and how many missed Slack's 3 seconds."""
    acks = [request.ack_s for request in sent]
    figures.requests = len(sent)
    figures.max_ack_ms = max(acks, default=0.0) * 1000
    figures.p50_ack_ms = percentile(acks, 50) * 1000
    figures.p95_ack_ms = percentile(acks, 95) * 1000
    statuses = Counter(str(request.status or "error") for request in sent)
    figures.statuses = dict(sorted(statuses.items()))
    late = [request for request in sent if request.status != 200 or request.ack_s >= ACK_LIMIT_S]
    figures.violations = len(late)
    figures.question_violations = sum(1 for request in late if request.planned.kind == "question")
    figures.report_violations = figures.violations - figures.question_violations
    figures.p95_question_ack_ms = percentile(_acks(sent, "question"), 95) * 1000
    figures.p95_report_ack_ms = percentile(_acks(sent, "report"), 95) * 1000
    figures.reports_acked = sum(
        1
        for request in sent
        if request.planned.kind == "report" and request.body.get("response_action") == "update"
    )


def _acks(sent: Sequence[Sent], kind: Kind) -> list[float]:
    return [request.ack_s for request in sent if request.planned.kind == kind]


def measure_answers(figures: Figures, sent: Sequence[Sent], api: FakeSlackApi) -> None:
    """Per question, the seconds from sending until its channel's `chat.update` arrived."""
    updates = api.calls_to("chat.update")
    per_channel = Counter(call.params.get("channel") for call in updates)
    first_at: dict[str, float] = {}
    for call in updates:
        first_at.setdefault(call.params.get("channel", ""), call.at)
    asked = [request for request in sent if request.planned.kind == "question"]
    waits = [
        first_at[request.planned.key] - request.sent_at
        for request in asked
        if request.planned.key in first_at
    ]
    figures.chat_updates = len(updates)
    figures.answered = sum(1 for request in asked if per_channel[request.planned.key] == 1)
    figures.answer_failures = len(api.calls_to("chat.postEphemeral"))
    figures.p50_answer_s = percentile(waits, 50)
    figures.p95_answer_s = percentile(waits, 95)
    figures.max_answer_s = max(waits, default=0.0)


def count_register(figures: Figures, url: str) -> None:
    """What the register holds: cases, distinct references, anonymous ones, chat answers."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            figures.reports_stored = connection.scalar(select(func.count()).select_from(Case)) or 0
            figures.unique_references = (
                connection.scalar(select(func.count(func.distinct(Case.reference)))) or 0
            )
            figures.anonymous_stored = (
                connection.scalar(select(func.count()).select_from(Case).where(Case.anonymous)) or 0
            )
            figures.answers_stored = (
                connection.scalar(select(func.count()).select_from(ChatAnswer)) or 0
            )
    finally:
        engine.dispose()


def problems(figures: Figures) -> list[str]:
    """Every check that failed, in words; empty when the run is clean."""
    anonymous = sum(1 for n in range(figures.reports) if n % 3 != 0)
    expected = {
        "acknowledged late or not with 200": (figures.violations, 0),
        "questions answered exactly once": (figures.answered, figures.questions),
        "chat.update calls": (figures.chat_updates, figures.questions),
        "answers ending in an error": (figures.answer_failures, 0),
        "reports acked with the receipt": (figures.reports_acked, figures.reports),
        "cases stored": (figures.reports_stored, figures.reports),
        "distinct references": (figures.unique_references, figures.reports),
        "anonymous cases": (figures.anonymous_stored, anonymous),
        "chat_answers rows": (figures.answers_stored, figures.questions),
    }
    return [
        f"{name}: {got} (expected {want})" for name, (got, want) in expected.items() if got != want
    ]


def percentile(values: Sequence[float], q: int) -> float:
    """The `q`th percentile (inclusive method); 0 for no values."""
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


# Set up ---------------------------------------------------------------------------------


def seed_knowledge(directory: Path) -> None:
    """The bundled guide and samples with e5, indexed once and copied into each run."""
    knowledge = KnowledgeBase.open(directory)
    knowledge.seed_if_empty()
    knowledge.index.close()


@contextmanager
def database_url(database: Database, data_dir: Path) -> Iterator[str]:
    """A SQLite file in `data_dir`, or a fresh PostgreSQL database dropped at the end."""
    if database == "sqlite":
        data_dir.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{data_dir / 'aktsom.db'}"
        return
    name = f"aktsom_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        admin = make_url(POSTGRES_ADMIN)
        url = admin.set(drivername="postgresql+psycopg", database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Report ---------------------------------------------------------------------------------


def render(figures: Figures) -> str:
    """A small two-column table of one database's figures."""
    rows = [
        (
            "requests",
            f"{figures.requests} ({figures.questions} questions, {figures.reports} reports)",
        ),
        ("max ack", f"{figures.max_ack_ms:.0f} ms"),
        ("p50 / p95 ack", f"{figures.p50_ack_ms:.0f} / {figures.p95_ack_ms:.0f} ms"),
        (
            "p95 ack questions / reports",
            f"{figures.p95_question_ack_ms:.0f} / {figures.p95_report_ack_ms:.0f} ms",
        ),
        (
            f"violations (>{ACK_LIMIT_S:.0f} s)",
            f"{figures.violations} ({figures.question_violations} questions, "
            f"{figures.report_violations} reports)",
        ),
        ("HTTP statuses", ", ".join(f"{n}× {code}" for code, n in figures.statuses.items())),
        ("p50 / p95 to answer", f"{figures.p50_answer_s:.2f} / {figures.p95_answer_s:.2f} s"),
        ("max to answer", f"{figures.max_answer_s:.2f} s"),
        ("questions answered once", f"{figures.answered} ({figures.chat_updates} chat.update)"),
        (
            "reports stored",
            f"{figures.reports_stored} ({figures.unique_references} unique refs, "
            f"{figures.anonymous_stored} anonymous)",
        ),
        ("answers stored", str(figures.answers_stored)),
        ("wall time", f"{figures.wall_s:.1f} s"),
        ("checks", "ok" if not figures.problems else "; ".join(figures.problems)),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [figures.database, "-" * (width + 2 + max(len(value) for _, value in rows))]
    lines += [f"{label:<{width}}  {value}" for label, value in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run each chosen database, print the tables (and JSON)."""
    parser = argparse.ArgumentParser(
        description="Questions and reports sent at once to the Slack bot, per database."
    )
    parser.add_argument("--db", choices=[*DATABASES, "both"], default="both")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)
    chosen = DATABASES if args.db == "both" else (args.db,)
    results: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="aktsom-bench-slack-") as scratch:
        root = Path(scratch)
        started = time.perf_counter()
        seed_knowledge(root / "knowledge")
        print(f"knowledge base seeded in {time.perf_counter() - started:.0f} s\n", flush=True)
        for database in chosen:
            figures = run_database(
                database,
                seeded=root / "knowledge",
                data_dir=root / database,
                questions=args.questions,
                reports=args.reports,
            )
            results.append(figures)
            print(render(figures), end="\n\n", flush=True)
    if args.json:
        print(json.dumps([asdict(figures) for figures in results], indent=2))
    return 1 if any(figures.problems for figures in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
