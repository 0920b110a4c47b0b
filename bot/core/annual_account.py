"""A draft of the annual account under the Transparency Act § 5, from the register, as
Markdown or DOCX, Norwegian by default.

The draft follows § 5 first paragraph: (a) the organisation, its guidelines and procedures;
(b) actual adverse impacts and significant risks found; (c) measures taken or planned and
their results; then the reporting channel, the information requests of §§ 6–7, and the
signatures. It states the supplier risk method with the editions of its sources, and how
suppliers were prioritised (risk × size, `bot.core.priorities`).

Cases appear only as counts by category and supplier: never a description, a message or
who reported. Everything the company must write itself, check, or sign is marked
`[FYLL INN: …]`, `[KONTROLLER: …]` or `[SIGNATUR: …]` (`[COMPLETE: …]`, `[CHECK: …]`,
`[SIGNATURE: …]` in English); the DOCX highlights each mark.

Usage::

    account = draft(core, person=person, year=2026, organisation=settings.organisation_description)
    to_markdown(account), to_docx(account)
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.text.paragraph import Paragraph as DocxParagraph
from sqlalchemy.orm import Session

from bot.core import messages, priorities, review, statistics
from bot.core.context import Core
from bot.core.exports import Download, deviation_label
from bot.core.people import Lang, Person
from storage.models import CaseOutcome, DeviationStatus, TaskStatus
from storage.risk import LEVEL_NAMES, UNDATED, RiskLevel
from storage.services import cases, deviations, suppliers, tasks
from storage.services.case_schemas import CasePublic
from storage.services.deviations import DeviationPublic
from storage.services.suppliers import SupplierPublic
from storage.services.tasks import TaskPublic

MARK = re.compile(r"\[[A-ZÆØÅ ]+: [^\]]*\]")
"""A place the user must complete, check or sign."""
_MARKDOWN_SPECIALS = str.maketrans({char: f"\\{char}" for char in "\\*_`<>|#"})


class AccountFormat(StrEnum):
    """The formats the draft comes in."""

    MD = "md"
    DOCX = "docx"


MEDIA_TYPES = {
    AccountFormat.MD: "text/markdown; charset=utf-8",
    AccountFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading."""

    text: str


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph."""

    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Text | Bullets | Table
Words = Callable[..., str]
"""`t(key, **values)`: a text in the draft's language."""


@dataclass(frozen=True, slots=True)
class AccountDraft:
    """The draft as blocks, rendered to Markdown or DOCX alike."""

    year: int
    lang: Lang
    title: str
    blocks: tuple[Block, ...]


def draft(
    core: Core, *, person: Person, year: int, organisation: str = "", lang: Lang = "nb"
) -> AccountDraft:
    """The draft for `year`; compliance members only (a refusal is audited).

    Args:
        organisation: the configured description of the organisation; empty leaves a mark.
    """
    review.require_member(
        core, person=person, action="account.draft", object_type="account", object_id=str(year)
    )
    summary = statistics.summarise(core, person=person, year=year)
    now = core.now()
    principal = person.principal
    with core.session() as session:
        found = [
            case
            for case in cases.list_cases(session, principal=principal)
            if case.received_at.year == year and case.supplier_name
        ]
        named = [_registered(session, case.supplier_name or "") for case in found]
        registered = suppliers.list_suppliers(
            session, principal=principal, reference=core.reference
        )
        alive = [
            task
            for task in tasks.list_tasks(session, principal=principal)
            if statistics.task_alive(task, year=year)
        ]
        findings = [
            deviation
            for deviation in deviations.list_deviations(session, principal=principal)
            if _deviation_alive(deviation, year=year)
        ]
    t = _words(lang)
    blocks = [
        Text(t("account.note", day=messages.day(lang, now), year=year)),
        Text(t("account.company")),
        *_organisation(t, organisation),
        *_risk_method(t, core, registered, lang),
        *_impacts(t, found, named, findings, lang),
        *_measures(t, alive, findings, lang),
        *_channel(t, summary, lang),
        *_requests(t, summary, lang),
        *_signatures(t, year),
    ]
    return AccountDraft(
        year=year, lang=lang, title=t("account.title", year=year), blocks=tuple(blocks)
    )


def account_file(
    core: Core,
    *,
    person: Person,
    year: int,
    fmt: AccountFormat,
    organisation: str = "",
    lang: Lang = "nb",
) -> Download:
    """The draft for `year` as a file to download."""
    account = draft(core, person=person, year=year, organisation=organisation, lang=lang)
    content = to_markdown(account).encode() if fmt == AccountFormat.MD else to_docx(account)
    name = messages.text(lang, "account.filename", year=year)
    return Download(filename=f"{name}.{fmt.value}", media_type=MEDIA_TYPES[fmt], content=content)


def to_markdown(account: AccountDraft) -> str:
    """The draft as Markdown; text from the register is escaped, marks stay readable."""
    lines = [f"# {_md(account.title)}", ""]
    for block in account.blocks:
        if isinstance(block, Heading):
            lines += [f"## {_md(block.text)}", ""]
        elif isinstance(block, Text):
            lines += [_md(block.text), ""]
        elif isinstance(block, Bullets):
            lines += [*(f"- {_md(item)}" for item in block.items), ""]
        else:
            lines += [
                _md_row(map(_md, block.headers)),
                _md_row(["---"] * len(block.headers)),
                *(_md_row(map(_md, row)) for row in block.rows),
                "",
            ]
    return "\n".join(lines)


def to_docx(account: AccountDraft) -> bytes:
    """The draft as a Word document; every mark is bold and highlighted."""
    document = Document()
    document.core_properties.title = account.title
    document.core_properties.language = "nb-NO" if account.lang == "nb" else "en-GB"
    document.add_heading(account.title, level=0)
    for block in account.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=1)
        elif isinstance(block, Text):
            _write(document.add_paragraph(), block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                _write(document.add_paragraph(style="List Bullet"), item)
        else:
            table = document.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
                cell.paragraphs[0].add_run(header).bold = True
            for row in block.rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    _write(cell.paragraphs[0], value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _organisation(t: Words, organisation: str) -> list[Block]:
    """§ 5 (a): who the organisation is, its guidelines, and the reporting channel."""
    paragraphs = [part.strip() for part in organisation.split("\n\n") if part.strip()]
    return [
        Heading(t("account.organisation")),
        *(Text(part) for part in paragraphs or [t("account.organisation_missing")]),
        Text(t("account.guidelines")),
        Text(t("account.channel_routine")),
    ]


def _risk_method(t: Words, core: Core, registered: list[SupplierPublic], lang: Lang) -> list[Block]:
    """How suppliers were assessed: the rule, its sources, the levels and their reasons."""
    reference = core.reference
    counts = Counter(supplier.risk for supplier in registered)
    risky = [supplier for supplier in registered if supplier.risk >= RiskLevel.HIGH]
    blocks: list[Block] = [
        Heading(t("account.risk")),
        Text(
            t(
                "account.risk_method",
                ituc=_edition(t, reference.ituc_edition),
                dfo=_edition(t, reference.dfo_edition),
            )
        ),
        Bullets(tuple(t(f"account.risk_rule.{rule}") for rule in _RISK_RULES)),
        Text(priorities.method(lang)),
        Text(t("account.risk_count", count=len(registered))),
        Table(
            (t("account.col.level"), t("account.col.suppliers")),
            tuple((_level(level, lang), str(counts[level])) for level in reversed(RiskLevel)),
        ),
    ]
    if not risky:
        return [*blocks, Text(t("account.risk_none_high"))]
    return [
        *blocks,
        Text(t("account.risk_high")),
        Table(
            (
                t("account.col.supplier"),
                t("account.col.countries"),
                t("account.col.level"),
                t("account.col.basis"),
            ),
            tuple(
                (
                    supplier.name,
                    ", ".join(supplier.countries) or "–",
                    _level(supplier.risk, lang),
                    _basis(t, supplier, lang),
                )
                for supplier in risky
            ),
        ),
    ]


def _impacts(
    t: Words,
    found: list[CasePublic],
    named: list[str | None],
    findings: list[DeviationPublic],
    lang: Lang,
) -> list[Block]:
    """§ 5 (b): deviations and cases naming a supplier, as counts only.

    Args:
        named: the register's name for each case's supplier, None when it is not registered.
    """
    blocks: list[Block] = [Heading(t("account.impacts")), Text(t("account.impacts_fill"))]
    if findings:
        by_type = Counter(deviation.type for deviation in findings)
        by_supplier = Counter(deviation.supplier_name for deviation in findings)
        blocks += [
            Text(t("account.deviations", count=len(findings))),
            Table(
                (t("account.col.type"), t("account.col.count")),
                tuple((deviation_label(lang, kind), str(n)) for kind, n in by_type.most_common()),
            ),
            Table(
                (t("account.col.supplier"), t("account.col.count")),
                tuple((name, str(n)) for name, n in sorted(by_supplier.items())),
            ),
        ]
    else:
        blocks.append(Text(t("account.no_deviations")))
    if not found:
        return [*blocks, Text(t("account.no_cases"))]
    by_category = Counter(case.category for case in found)
    substantiated = Counter(
        case.category for case in found if case.outcome == CaseOutcome.SUBSTANTIATED
    )
    by_supplier = Counter(name or t("account.unregistered") for name in named)
    return [
        *blocks,
        Text(t("account.cases", count=len(found))),
        Table(
            (t("account.col.category"), t("account.col.cases"), t("account.col.substantiated")),
            tuple(
                (messages.label(lang, category), str(n), str(substantiated[category]))
                for category, n in by_category.most_common()
            ),
        ),
        Table(
            (t("account.col.supplier"), t("account.col.cases")),
            tuple((name, str(n)) for name, n in sorted(by_supplier.items())),
        ),
        Text(t("account.cases_check")),
    ]


def _measures(
    t: Words, alive: list[TaskPublic], findings: list[DeviationPublic], lang: Lang
) -> list[Block]:
    """§ 5 (c): follow-up done with its results, follow-up planned, measures on deviations."""
    done = [task for task in alive if task.status == TaskStatus.DONE]
    planned = [task for task in alive if task.status in tasks.ACTIVE]
    blocks: list[Block] = [Heading(t("account.measures"))]
    if done:
        blocks += [
            Text(t("account.done", count=len(done))),
            _task_table(
                t,
                done,
                lang,
                last=t("account.col.result"),
                value=lambda task: task.completion_note or t("account.fill_result"),
            ),
        ]
    if planned:
        blocks += [
            Text(t("account.planned", count=len(planned))),
            _task_table(
                t,
                planned,
                lang,
                last=t("account.col.due"),
                value=lambda task: messages.day(lang, task.due_date) if task.due_date else "–",
            ),
        ]
    if not done and not planned:
        blocks.append(Text(t("account.no_tasks")))
    if findings:
        blocks.append(Text(t("account.deviation_measures")))
        blocks.append(
            Table(
                (
                    t("account.col.supplier"),
                    t("account.col.type"),
                    t("account.col.measures"),
                    t("account.col.status"),
                ),
                tuple(
                    (
                        deviation.supplier_name,
                        deviation_label(lang, deviation.type),
                        deviation.measures or t("account.fill_measures"),
                        deviation_label(lang, deviation.status),
                    )
                    for deviation in findings
                ),
            )
        )
    return [*blocks, Text(t("account.expected_results"))]


def _channel(t: Words, summary: statistics.Summary, lang: Lang) -> list[Block]:
    """The reporting channel's year: cases received and how the deadlines were kept."""
    ack, feedback = summary.acknowledgement, summary.feedback
    return [
        Heading(t("account.channel")),
        Bullets(
            (
                t("account.channel_cases", count=summary.cases),
                t("account.channel_ack", **_deadline_values(t, ack, lang)),
                t("account.channel_feedback", **_deadline_values(t, feedback, lang)),
            )
        ),
    ]


def _requests(t: Words, summary: statistics.Summary, lang: Lang) -> list[Block]:
    """§§ 6–7: how many information requests, answered in time, refused."""
    found = summary.requests
    total = found.within + found.late + found.overdue + found.waiting
    return [
        Heading(t("account.requests")),
        Bullets(
            (
                t("account.requests_count", count=total),
                t("account.requests_in_time", **_deadline_values(t, found, lang)),
                t("account.requests_refused", count=summary.refused),
                t("account.requests_open", count=found.overdue + found.waiting),
            )
        ),
    ]


def _signatures(t: Words, year: int) -> list[Block]:
    """Signing under regnskapsloven § 3-5 and publishing by 30 June the year after."""
    return [
        Heading(t("account.signing")),
        Text(t("account.signing_rule", deadline=year + 1)),
        Text(t("account.published_at")),
        Text(t("account.place_date")),
        Bullets((t("account.sign_chair"), t("account.sign_member"), t("account.sign_ceo"))),
    ]


_RISK_RULES = ("country", "category", "description", "unknown", "override")


def _task_table(
    t: Words,
    found: list[TaskPublic],
    lang: Lang,
    *,
    last: str,
    value: Callable[[TaskPublic], str],
) -> Table:
    """Follow-up tasks by supplier, kind and title, with `last` as the final column."""
    return Table(
        (t("account.col.supplier"), t("account.col.kind"), t("account.col.what"), last),
        tuple(
            (task.supplier_name, messages.label(lang, task.kind), task.title, value(task))
            for task in found
        ),
    )


def _deadline_values(t: Words, found: statistics.DeadlineTally, lang: Lang) -> dict[str, object]:
    """`{within} of {answered}{median}` values for a tally; no median when none answered."""
    days = found.median_days
    median = "" if days is None else t("account.median", days=statistics.format_days(lang, days))
    return {"within": found.within, "answered": found.within + found.late, "median": median}


def _edition(t: Words, edition: str) -> str:
    """A source's edition, or "undated" in words when the table states none."""
    return t("account.undated") if edition == UNDATED else edition


def _basis(t: Words, supplier: SupplierPublic, lang: Lang) -> str:
    """The reasons with their sources, and an override with its justification."""
    reasons = [
        t(
            "account.reason",
            reason=(reason.text_nb if lang == "nb" else reason.text_en).rstrip("."),
            source=reason.source,
            edition=_edition(t, reason.edition),
        )
        for reason in supplier.derived.reasons
    ]
    if supplier.risk_override is not None:
        reasons.append(
            t(
                "account.override",
                derived=_level(supplier.derived.level, lang),
                level=_level(supplier.risk_override, lang),
                justification=supplier.override_justification or "",
            )
        )
    return " ".join(reasons)


def _registered(session: Session, text: str) -> str | None:
    """The register's name for the supplier a reporter named: the reporter's own words
    ("the dye house where I work at …") never reach the draft."""
    match = suppliers.match_supplier(session, text=text)
    return match.name if match else None


def _deviation_alive(deviation: DeviationPublic, *, year: int) -> bool:
    """Whether a deviation was open at some point in `year`."""
    if deviation.created_at.year > year:
        return False
    return not (deviation.status == DeviationStatus.CLOSED and deviation.updated_at.year < year)


def _level(level: RiskLevel, lang: Lang) -> str:
    nb, en = LEVEL_NAMES[level]
    return nb if lang == "nb" else en


def _words(lang: Lang) -> Words:
    return lambda key, **values: messages.text(lang, key, **values)


def _md(text: str) -> str:
    """Markdown's own characters escaped, lines joined: register text stays plain text."""
    return " ".join(text.translate(_MARKDOWN_SPECIALS).split())


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _write(paragraph: DocxParagraph, text: str) -> None:
    """`text` into a paragraph, each mark as its own bold, highlighted run."""
    position = 0
    for match in MARK.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()])
        run = paragraph.add_run(match.group())
        run.bold = True
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])
