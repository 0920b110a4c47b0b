"""Teams benchmark: a burst of questions and report dialogs, all at once, against the real bot.

The same burst as `bench.slack`, through `/api/messages`. For each database (a SQLite file,
and a fresh PostgreSQL database dropped afterwards) `aktsom teams` runs in its own process,
as an operator starts it, with `AKTSOM_TEAMS_ALLOW_ANONYMOUS=1` and a knowledge base seeded
once with the bundled guide and samples and copied into each run. Every activity's
`serviceUrl` points at a `FakeBotConnector` in this process. Then `--questions` personal-chat
messages (40 people, Norwegian and English locales, each question in a chat of its own, as
`bench.slack` gives each its own channel, so no answer reads another's history) and
`--reports` report dialog submissions (`task/submit`, each a unique marker in its
description) are sent from 32 threads, shuffled together.

It measures each request's round trip (Teams gives up after 15 seconds) and, per question,
the time from sending until the connector received the `update_activity` that replaced the
bot's "looking" reply with the answer card (matched by the reply's id in that
conversation). Afterwards it checks that every question got one "looking" reply and one
answer card, no error text; that every dialog returned a receipt card with a distinct
reference and 16-digit code; and, reading the register with the server's keys, that every
report was stored exactly once, anonymous, and that no report text reached the chat. Not a
test: it prints one small table per database (and JSON with `--json`), with the failing
responses and the server's last log lines when a check fails, and then exits 1.

Usage::

    .venv/bin/python -m bench.teams                      # both databases, 200 + 100
    .venv/bin/python -m bench.teams --db sqlite --questions 50 --reports 20 --json
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx
from sqlalchemy import func, select

from bench.serving import aktsom_process, clean_env, free_port, log_tail
from bench.slack import (
    COUNTRIES,
    DATABASES,
    DESCRIPTIONS,
    LOCALES,
    QUESTIONS,
    SHUFFLE_SEED,
    WORKERS,
    Database,
    database_url,
    percentile,
    seed_knowledge,
)
from bot.core import messages
from bot.teams.cards import CARD_TYPE
from storage.crypto import key_file, load_keyring
from storage.db import make_engine
from storage.models import Case, CaseCategory, Channel, ChatAnswer
from tests.fakes.bot_connector import SENT_ACTIVITY_CALLS, Call, FakeBotConnector
from tests.fakes.teams_requests import TeamsSender, TeamsUser

Kind = Literal["question", "report"]

ACK_LIMIT_S = 15.0
"""Teams gives up on a request to the bot after 15 seconds."""
SEND_TIMEOUT_S = 60.0
"""Far past Teams' 15 seconds, so a slow round trip is measured rather than lost."""
ANSWER_TIMEOUT_S = 600.0
STALL_TIMEOUT_S = 120.0
"""Stop waiting for answers when none has arrived for this long."""
FAILURES_SHOWN = 30
ASKERS = 40
LANGUAGES = ("nb", "en", "sv")
MARKER = re.compile(r"bench-[0-9a-f]{8}-\d{5}")
REFERENCE = re.compile(r"AK-\d{4}-\d{4,}")
GROUPED_CODE = re.compile(r"\b\d{4} \d{4} \d{4} \d{4}\b")
WORKING_TEXTS = frozenset(messages.text(lang, "ask.working") for lang in LANGUAGES)
ERROR_TEXTS = frozenset(messages.text(lang, "error.unexpected") for lang in LANGUAGES)


@dataclass(frozen=True, slots=True)
class Planned:
    """One request to send: a question in a chat of its own, or a report dialog."""

    kind: Kind
    number: int
    user: TeamsUser
    locale: str
    conversation: str = ""
    """The question's personal chat (a report's dialog uses the reporter's own)."""
    question: str = ""
    marker: str = ""
    """The report's unique marker, put in its description."""


@dataclass(frozen=True, slots=True)
class Sent:
    """How one request went: its activity id, when it left (epoch seconds), the answer."""

    planned: Planned
    activity_id: str
    sent_at: float
    ack_s: float
    status: int | None
    body: dict[str, Any]
    text: str
    """The start of the raw response body, shown when the request failed."""

    @property
    def ok(self) -> bool:
        """Answered with a 2xx within Teams' 15 seconds."""
        return self.status is not None and 200 <= self.status < 300 and self.ack_s < ACK_LIMIT_S


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
    """Requests answered after `ACK_LIMIT_S`, or not with a 2xx at all."""
    statuses: dict[str, int] = field(default_factory=dict)
    """How many requests got each HTTP status (`"error"`: no response within the timeout)."""
    question_violations: int = 0
    report_violations: int = 0
    p95_question_ack_ms: float = 0.0
    p95_report_ack_ms: float = 0.0
    p95_looking_s: float = 0.0
    """Seconds from sending a question until its "looking" reply arrived."""
    p50_answer_s: float = 0.0
    p95_answer_s: float = 0.0
    max_answer_s: float = 0.0
    looking_sent: int = 0
    """Messages the bot sent that are a "looking" reply to one of the questions."""
    other_messages: int = 0
    """Any other message the bot sent (an error, a second reply, a stray answer)."""
    answered: int = 0
    """Questions with one "looking" reply, updated exactly once, with an answer card."""
    updates: int = 0
    answer_failures: int = 0
    """Updates that carry no answer card (the answer ended in an explained error)."""
    error_replies: int = 0
    """Messages or updates holding the "something went wrong" text."""
    receipts_shown: int = 0
    """Dialog responses showing a receipt card with a reference and a 16-digit code."""
    distinct_references: int = 0
    distinct_codes: int = 0
    references_unknown: int = 0
    """References shown on a receipt that the register does not hold."""
    reports_stored: int = 0
    markers_once: int = 0
    markers_missing: int = 0
    doubles: int = 0
    """Extra copies of a marker: a report stored more than once."""
    anonymous_stored: int = 0
    """Cases stored anonymous and without a reporter id."""
    not_teams: int = 0
    """Cases stored with a channel other than Teams."""
    markers_leaked: int = 0
    """Report markers seen in a receipt card or in anything the bot sent to the chat."""
    answers_stored: int = 0
    wall_s: float = 0.0
    problems: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    """Each failing request or question, in one line."""
    server_log_tail: list[str] = field(default_factory=list)
    """The server's last log lines, kept only when a check failed."""


# Plan -----------------------------------------------------------------------------------


def plan(*, questions: int, reports: int) -> list[Planned]:
    """The questions and reports, shuffled together; askers reused, reporters each new."""
    planned = [
        Planned(
            kind="question",
            number=n,
            user=_person("asker", n % ASKERS),
            locale=LOCALES[n % ASKERS % len(LOCALES)],
            conversation=f"a:1bench-chat-{n:05d}",
            question=QUESTIONS[n % len(QUESTIONS)],
        )
        for n in range(questions)
    ] + [
        Planned(
            kind="report",
            number=n,
            user=_person("reporter", n),
            locale=LOCALES[n % len(LOCALES)],
            marker=f"bench-{uuid.uuid4().hex[:8]}-{n:05d}",
        )
        for n in range(reports)
    ]
    random.Random(SHUFFLE_SEED).shuffle(planned)
    return planned


def report_data(planned: Planned) -> dict[str, str]:
    """The report dialog's inputs for a planned report, category and wording varied."""
    categories = list(CaseCategory)
    data = {
        "form": "report",
        "category": categories[planned.number % len(categories)].value,
        "description": f"{DESCRIPTIONS[planned.number % len(DESCRIPTIONS)]} ({planned.marker})",
        "anonymous": "true",
    }
    country = COUNTRIES[planned.number % len(COUNTRIES)]
    if country:
        data["country"] = country
    return data


def _person(role: str, number: int) -> TeamsUser:
    """A Teams user with a Bot Framework id and an Entra object id of its own."""
    group = 4000 if role == "asker" else 5000
    return TeamsUser(
        id=f"29:1bench-{role}-{number:04d}",
        aad_object_id=f"00000000-0000-4000-{group}-{number:012d}",
        name=f"{role.title()} {number}",
    )


# Send -----------------------------------------------------------------------------------


class PooledSender(TeamsSender):
    """A `TeamsSender` on one kept-alive httpx client.

    `TeamsSender.raw` calls `httpx.post`, which builds a client (and its TLS context, about
    50 ms of CPU) per request; on 2 cores, shared with the bot, that would be billed to the
    bot's round trips.
    """

    def __init__(self, base_url: str, *, service_url: str) -> None:
        super().__init__(base_url, service_url=service_url, timeout=SEND_TIMEOUT_S)
        self.client = httpx.Client(timeout=self.timeout)

    def raw(self, body: bytes, *, headers: dict[str, str]) -> httpx.Response:
        """POST `body` on the kept-alive client, timing the round trip."""
        started = time.perf_counter()
        response = self.client.post(
            self.url, content=body, headers={"Content-Type": "application/json", **headers}
        )
        self.last_elapsed = time.perf_counter() - started
        return response


def send_all(base_url: str, *, service_url: str, planned: Sequence[Planned]) -> list[Sent]:
    """Send every request from `WORKERS` threads, one sender each."""
    local = threading.local()
    senders: list[PooledSender] = []

    def send(request: Planned) -> Sent:
        if not hasattr(local, "sender"):
            local.sender = PooledSender(base_url, service_url=service_url)
            senders.append(local.sender)
        return send_one(local.sender, request)

    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            return list(pool.map(send, planned))
    finally:
        for sender in senders:
            sender.client.close()


def send_one(sender: TeamsSender, planned: Planned) -> Sent:
    """Send one request and time its round trip; a transport error is recorded too."""
    if planned.kind == "question":
        activity = sender.personal_message(
            planned.question,
            user=planned.user,
            locale=planned.locale,
            conversation_id=planned.conversation,
        )
    else:
        activity = sender.task_submit(
            report_data(planned), user=planned.user, locale=planned.locale
        )
    sent_at = time.time()
    started = time.perf_counter()
    try:
        response = sender.post(activity)
    except httpx.HTTPError as error:
        elapsed = time.perf_counter() - started
        return Sent(planned, activity["id"], sent_at, elapsed, None, {}, repr(error))
    ack_s = sender.last_elapsed if sender.last_elapsed is not None else 0.0
    return Sent(
        planned,
        activity["id"],
        sent_at,
        ack_s,
        response.status_code,
        _json_or_empty(response),
        response.text[:500],
    )


def _json_or_empty(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json() if response.content else {}
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


# Measure --------------------------------------------------------------------------------


def run_database(
    database: Database, *, seeded: Path, data_dir: Path, questions: int, reports: int
) -> Figures:
    """Start `aktsom teams` on `database`, send the burst, wait, check replies and register."""
    figures = Figures(database=database, questions=questions, reports=reports)
    planned = plan(questions=questions, reports=reports)
    shutil.copytree(seeded, data_dir / "knowledge")
    log = data_dir / "server.log"
    with database_url(database, data_dir) as url, FakeBotConnector() as connector:
        env = clean_env(
            AKTSOM_TEAMS_ALLOW_ANONYMOUS="1", AKTSOM_DATA_DIR=str(data_dir), AKTSOM_DATABASE_URL=url
        )
        server = aktsom_process("teams", port=free_port(), env=env, ready="/api/healthz", log=log)
        with server as base_url:
            started = time.perf_counter()
            sent = send_all(base_url, service_url=connector.url, planned=planned)
            wait_for_answers(connector, questions)
            figures.wall_s = time.perf_counter() - started
        measure_acks(figures, sent)
        measure_answers(figures, sent, connector)
        shown = read_receipts(figures, sent)
        stored = count_register(figures, url=url, data_dir=data_dir, planned=planned)
        figures.references_unknown = len(shown - stored)
        figures.markers_leaked = count_leaks(sent, connector)
    figures.problems = problems(figures)
    if figures.problems:
        figures.server_log_tail = log_tail(log)
    return figures


def wait_for_answers(connector: FakeBotConnector, questions: int) -> None:
    """Wait for one `update_activity` per question, until the timeout or a long silence."""
    deadline = time.monotonic() + ANSWER_TIMEOUT_S
    seen = len(connector.calls_to("update_activity"))
    while seen < questions:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:  # what did not arrive is counted as unanswered
            arrived = connector.wait_for(
                "update_activity", count=seen + 1, timeout=min(STALL_TIMEOUT_S, left)
            )
        except AssertionError:
            break
        seen = len(arrived)
    time.sleep(0.5)  # let a stray second update for the same question show up


def measure_acks(figures: Figures, sent: Sequence[Sent]) -> None:
    """Round-trip figures over every request, and how many missed Teams' 15 seconds."""
    acks = [request.ack_s for request in sent]
    figures.requests = len(sent)
    figures.max_ack_ms = max(acks, default=0.0) * 1000
    figures.p50_ack_ms = percentile(acks, 50) * 1000
    figures.p95_ack_ms = percentile(acks, 95) * 1000
    statuses = Counter(str(request.status or "error") for request in sent)
    figures.statuses = dict(sorted(statuses.items()))
    late = [request for request in sent if not request.ok]
    figures.violations = len(late)
    figures.question_violations = sum(1 for request in late if request.planned.kind == "question")
    figures.report_violations = figures.violations - figures.question_violations
    figures.p95_question_ack_ms = percentile(_acks(sent, "question"), 95) * 1000
    figures.p95_report_ack_ms = percentile(_acks(sent, "report"), 95) * 1000
    figures.failures += [
        f"{_name(request)}: HTTP {request.status or 'no answer'} after {request.ack_s:.2f} s: "
        f"{request.text[:300]}"
        for request in late
    ]


def _acks(sent: Sequence[Sent], kind: Kind) -> list[float]:
    return [request.ack_s for request in sent if request.planned.kind == kind]


def measure_answers(figures: Figures, sent: Sequence[Sent], connector: FakeBotConnector) -> None:
    """Per question: its "looking" reply, the update of that reply, and the seconds to both."""
    messages_sent = connector.calls_to(*SENT_ACTIVITY_CALLS)
    updates = connector.calls_to("update_activity")
    looking_calls = [call for call in messages_sent if _is_looking(call)]
    others = [call for call in messages_sent if not _is_looking(call)]
    looking_by_question: dict[str, list[Call]] = defaultdict(list)
    for call in looking_calls:
        body = call.body if isinstance(call.body, dict) else {}
        looking_by_question[call.activity_id or str(body.get("replyToId", ""))].append(call)
    updates_by_reply: dict[tuple[str, str], list[Call]] = defaultdict(list)
    for call in updates:
        if _accepted(call):  # one the connector refused never reached the person
            updates_by_reply[(call.conversation_id or "", call.activity_id or "")].append(call)
    looking_waits: list[float] = []
    answer_waits: list[float] = []
    for request in sent:
        if request.planned.kind != "question":
            continue
        looking = looking_by_question.get(request.activity_id, [])
        answers = [
            update
            for call in looking
            for update in updates_by_reply.get((request.planned.conversation, _answer_id(call)), [])
        ]
        looking_waits += [call.at - request.sent_at for call in looking[:1]]
        answer_waits += [update.at - request.sent_at for update in answers[:1]]
        if len(looking) == 1 and len(answers) == 1 and _has_card(answers[0]):
            figures.answered += 1
        else:
            shown = _shown_text(answers[0]) if answers else ""
            figures.failures.append(
                f"{_name(request)}: {len(looking)} looking, {len(answers)} updates {shown}"
            )
    figures.failures += [
        f"{call.name} {call.conversation_id} "
        f"({'taken' if _accepted(call) else 'refused'} by the connector): {_shown_text(call)}"
        for call in [*others, *(update for update in updates if not _accepted(update))]
    ]
    figures.looking_sent = len(looking_calls)
    figures.other_messages = len(others)
    figures.updates = len(updates)
    figures.answer_failures = sum(1 for call in updates if not _has_card(call))
    figures.error_replies = sum(
        1
        for call in [*messages_sent, *updates]
        if any(error in json.dumps(call.body, ensure_ascii=False) for error in ERROR_TEXTS)
    )
    figures.p95_looking_s = percentile(looking_waits, 95)
    figures.p50_answer_s = percentile(answer_waits, 50)
    figures.p95_answer_s = percentile(answer_waits, 95)
    figures.max_answer_s = max(answer_waits, default=0.0)


def _is_looking(call: Call) -> bool:
    """Whether a sent activity is a "looking" reply that the connector took."""
    body = call.body if isinstance(call.body, dict) else {}
    return body.get("text") in WORKING_TEXTS and _accepted(call)


def _accepted(call: Call) -> bool:
    """Whether the connector took a sent or updated activity (it answers with its id)."""
    return isinstance(call.answer, dict) and "id" in call.answer


def _answer_id(call: Call) -> str:
    """The id the connector gave a sent activity (what a later update names)."""
    return str(call.answer.get("id", "")) if isinstance(call.answer, dict) else ""


def _has_card(call: Call) -> bool:
    """Whether a sent or updated activity carries an Adaptive Card."""
    body = call.body if isinstance(call.body, dict) else {}
    return any(
        isinstance(attachment, dict) and attachment.get("contentType") == CARD_TYPE
        for attachment in body.get("attachments") or []
    )


def _shown_text(call: Call) -> str:
    """What a sent or updated activity said, in short."""
    body = call.body if isinstance(call.body, dict) else {}
    shown = body.get("text") or json.dumps(body.get("attachments"), ensure_ascii=False)
    return repr(str(shown)[:200])


def _name(request: Sent) -> str:
    planned = request.planned
    return f"{planned.kind} {planned.number} (activity {request.activity_id})"


def read_receipts(figures: Figures, sent: Sequence[Sent]) -> set[str]:
    """Count the receipt cards' references and codes; returns the references shown."""
    references: list[str] = []
    codes: list[str] = []
    for request in sent:
        if request.planned.kind != "report":
            continue
        shown = json.dumps(dialog_card(request.body), ensure_ascii=False)
        reference = REFERENCE.search(shown)
        code = GROUPED_CODE.search(shown)
        if reference and code:
            references.append(reference.group())
            codes.append(code.group().replace(" ", ""))
        elif request.ok:
            figures.failures.append(f"{_name(request)}: no receipt: {request.text[:300]}")
    figures.receipts_shown = len(references)
    figures.distinct_references = len(set(references))
    figures.distinct_codes = len(set(codes))
    return set(references)


def dialog_card(body: dict[str, Any]) -> dict[str, Any]:
    """The card a `task/submit` response continues the dialog with; empty when none."""
    task = body.get("task")
    value = task.get("value") if isinstance(task, dict) else None
    card = value.get("card") if isinstance(value, dict) else None
    content = card.get("content") if isinstance(card, dict) else None
    return content if isinstance(content, dict) else {}


def count_register(
    figures: Figures, *, url: str, data_dir: Path, planned: Sequence[Planned]
) -> set[str]:
    """Read every case with the server's keys, count each marker; returns the references."""
    keyring = load_keyring(secret=None, path=key_file(data_dir), may_create=True)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(
                    Case.reference, Case.description, Case.anonymous, Case.reporter, Case.channel
                )
            ).all()
            figures.answers_stored = (
                connection.scalar(select(func.count()).select_from(ChatAnswer)) or 0
            )
    finally:
        engine.dispose()
    markers = [request.marker for request in planned if request.kind == "report"]
    found = Counter(
        marker for row in rows for marker in MARKER.findall(keyring.decrypt(row.description))
    )
    figures.reports_stored = len(rows)
    figures.markers_once = sum(1 for marker in markers if found[marker] == 1)
    figures.markers_missing = sum(1 for marker in markers if found[marker] == 0)
    figures.doubles = sum(count - 1 for count in found.values() if count > 1)
    figures.anonymous_stored = sum(1 for row in rows if row.anonymous and row.reporter is None)
    figures.not_teams = sum(1 for row in rows if row.channel != Channel.TEAMS)
    return {row.reference for row in rows}


def count_leaks(sent: Sequence[Sent], connector: FakeBotConnector) -> int:
    """How many report markers show in a receipt card or anywhere the bot sent to the chat."""
    receipts = "\n".join(
        json.dumps(dialog_card(request.body), ensure_ascii=False)
        for request in sent
        if request.planned.kind == "report"
    )
    seen = set(MARKER.findall(receipts)) | set(MARKER.findall(connector.all_payload_text()))
    return len(seen)


def problems(figures: Figures) -> list[str]:
    """Every check that failed, in words; empty when the run is clean."""
    questions, reports = figures.questions, figures.reports
    expected = {
        f"requests over {ACK_LIMIT_S:.0f} s or not 2xx": (figures.violations, 0),
        '"looking" replies': (figures.looking_sent, questions),
        "other messages sent": (figures.other_messages, 0),
        "questions answered exactly once": (figures.answered, questions),
        "update_activity calls": (figures.updates, questions),
        "answers ending in an error": (figures.answer_failures, 0),
        "replies with error text": (figures.error_replies, 0),
        "receipts returned (reference and 16-digit code)": (figures.receipts_shown, reports),
        "distinct references returned": (figures.distinct_references, reports),
        "distinct receipt codes returned": (figures.distinct_codes, reports),
        "references returned but not stored": (figures.references_unknown, 0),
        "cases stored": (figures.reports_stored, reports),
        "reports stored exactly once": (figures.markers_once, reports),
        "reports lost": (figures.markers_missing, 0),
        "reports doubled": (figures.doubles, 0),
        "anonymous cases without a reporter id": (figures.anonymous_stored, reports),
        "cases not on the Teams channel": (figures.not_teams, 0),
        "report text seen in the chat or a receipt": (figures.markers_leaked, 0),
        "chat_answers rows": (figures.answers_stored, questions),
    }
    return [
        f"{name}: {got} (expected {want})" for name, (got, want) in expected.items() if got != want
    ]


# Report ---------------------------------------------------------------------------------


def render(figures: Figures) -> str:
    """A small two-column table of one database's figures; failures and log when failed."""
    errors = figures.answer_failures + figures.error_replies
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
            f"violations (>{ACK_LIMIT_S:.0f} s, non-2xx)",
            f"{figures.violations} ({figures.question_violations} questions, "
            f"{figures.report_violations} reports)",
        ),
        ("HTTP statuses", ", ".join(f"{n}× {code}" for code, n in figures.statuses.items())),
        ('p95 to "looking"', f"{figures.p95_looking_s:.2f} s"),
        ("p50 / p95 to answer", f"{figures.p50_answer_s:.2f} / {figures.p95_answer_s:.2f} s"),
        ("max to answer", f"{figures.max_answer_s:.2f} s"),
        (
            "questions answered once",
            f"{figures.answered} ({figures.looking_sent} looking, {figures.updates} updates, "
            f"{figures.other_messages} other messages, {errors} errors)",
        ),
        (
            "receipts: shown / refs / codes",
            f"{figures.receipts_shown} / {figures.distinct_references} / {figures.distinct_codes}",
        ),
        (
            "reports stored",
            f"{figures.reports_stored} ({figures.markers_once} once, {figures.markers_missing} "
            f"lost, {figures.doubles} doubled, {figures.anonymous_stored} anonymous)",
        ),
        ("answers stored", str(figures.answers_stored)),
        ("wall time", f"{figures.wall_s:.1f} s"),
        ("checks", "ok" if not figures.problems else "; ".join(figures.problems)),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [figures.database, "-" * (width + 2 + max(len(value) for _, value in rows))]
    lines += [f"{label:<{width}}  {value}" for label, value in rows]
    if figures.failures:
        lines += ["", "failing:", *(f"  {line}" for line in figures.failures[:FAILURES_SHOWN])]
        if len(figures.failures) > FAILURES_SHOWN:
            lines.append(f"  … and {len(figures.failures) - FAILURES_SHOWN} more (see --json)")
    if figures.server_log_tail:
        lines += ["", "server log (last lines):", *figures.server_log_tail]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run each chosen database, print the tables (and JSON)."""
    parser = argparse.ArgumentParser(
        description="Questions and report dialogs sent at once to the Teams bot, per database."
    )
    parser.add_argument("--db", choices=[*DATABASES, "both"], default="both")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)
    chosen = DATABASES if args.db == "both" else (args.db,)
    results: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="aktsom-bench-teams-") as scratch:
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
        print(json.dumps([asdict(figures) for figures in results], indent=2, ensure_ascii=False))
    return 1 if any(figures.problems for figures in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
