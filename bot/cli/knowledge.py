"""Knowledge commands: ingest, ask, sources, forget, eval, and the terminal chat.

`aktsom chat` is one more surface over `bot.core`, like Slack: questions go through
`ask.answer`, `/report` through `report.submit`, `/status` through `receipt.status` and
`receipt.reply`, and every word shown comes from `bot.core.messages`. Piped input works
the same way, one line per answer, so a session can be scripted::

    printf '/report\\n2\\nHarbour Knitwear\\n\\nWorkers are 14.\\n\\n\\n\\n' | aktsom chat
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from bot.cli import app
from bot.cli.errors import HANDLED_ERRORS, exit_on_error
from bot.core import ask as ask_flow
from bot.core import messages, receipt, report
from bot.core.ask import Place
from bot.core.commands import Command, parse
from bot.core.context import Core, make_composer, open_core, open_knowledge
from bot.core.errors import CoreError, FormInvalid
from bot.core.people import Lang, Person, choose_language
from bot.core.report import ReportForm, ReportReceipt
from bot.settings import Settings, load_settings
from ingestion.document import KINDS
from ingestion.loaders import SUPPORTED_SUFFIXES
from knowledge.answer import Answer
from knowledge.bundled_info import bundled_info
from knowledge.embeddings import make_embedder
from knowledge.engine import BUNDLED_DIRS, IngestReport, KnowledgeBase
from knowledge.eval import QuestionFileError, evaluate, load_questions
from knowledge.index import Filters
from knowledge.reindex import reindex as rebuild
from storage.models import CaseCategory, Channel
from storage.private import make_private

# Document text is printed as it is: no markup, no emoji codes ("[ikke]" stays "[ikke]").
console = Console(highlight=False, soft_wrap=True, emoji=False)
errors = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
KindOption = Annotated[
    str | None,
    typer.Option(help=f"Document kind: {', '.join(KINDS)}."),
]
SupplierOption = Annotated[
    str | None,
    typer.Option(help="Supplier the documents are about (or: filter answers by supplier)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
CHAT_BANNER = (
    "aktsom — spør om åpenhetsloven og leverandørene dine, meld fra om et brudd med /report "
    "(/varsle) og følg saken med /status. / Ask about the Transparency Act and your "
    "suppliers, report a concern with /report and follow it with /status. /help lists the "
    "commands; an empty line or Ctrl-D quits."
)
CHAT_KEYS = (
    "Svar over flere linjer avsluttes med en tom linje; tom linje eller Ctrl-D avslutter. / "
    "Answers over several lines end with an empty line; an empty line or Ctrl-D quits."
)
WAITING_FOR_WRITER = "Another ingest is writing to the knowledge base; waiting for it to finish…"
TERMINAL_PLACE = Place("terminal")
"""Where terminal questions are recorded as asked (never who asked)."""
_YES_NO: dict[Lang, str] = {"nb": "[J/n]", "en": "[Y/n]"}
_YES = frozenset({"j", "ja", "y", "yes"})
_NO = frozenset({"n", "nei", "no"})
_REPORT_FIELDS = ("category", "supplier", "country", "description", "when", "anonymous")
_BOLD = re.compile(r"\*([^*\n]+)\*")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.")],
    kind: KindOption = None,
    supplier: SupplierOption = None,
) -> None:
    """Ingest documents; bad files are listed with the reason, the rest still go in."""
    settings = load_settings()
    _check_kind(kind)
    with exit_on_error():
        kb = open_knowledge(settings)
        report = _ingest_with_progress(kb, paths, settings=settings, kind=kind, supplier=supplier)
    if not report.files and not report.failures:
        errors.print(_nothing_to_ingest(paths), markup=False)
        raise typer.Exit(1)
    _print_report(report)
    if report.failures:
        raise typer.Exit(1)


@app.command()
def ask(
    question: Annotated[
        str, typer.Argument(help="The question, in Norwegian, Swedish or English.")
    ],
    as_json: JsonOption = False,
    kind: KindOption = None,
    supplier: SupplierOption = None,
) -> None:
    """Answer a question from the knowledge base, with sources."""
    settings = load_settings()
    _check_kind(kind)
    with exit_on_error():
        kb = open_knowledge(settings)
        _seed_on_first_run(kb, settings=settings, quiet=as_json)
        answer = kb.ask(question, filters=_filters(kind, supplier))
    if as_json:
        console.print_json(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        console.print(render_answer(answer), markup=False)


@app.command()
def sources(as_json: JsonOption = False) -> None:
    """List the documents in the knowledge base."""
    with exit_on_error():
        documents = open_knowledge(load_settings()).documents()
    if as_json:
        rows = [
            {
                "doc_id": d.doc_id,
                "title": d.title,
                "source": d.source,
                "language": d.language,
                "kind": d.kind,
                "supplier": d.supplier,
                "chunks": d.chunk_count,
                "ingested_at": d.ingested_at.isoformat(),
            }
            for d in documents
        ]
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return
    if not documents:
        console.print("The knowledge base is empty. Add documents with `aktsom ingest PATH`.")
    for d in documents:
        supplier = f", supplier {d.supplier}" if d.supplier else ""
        console.print(
            f"{d.doc_id}  {d.title}  [{d.kind}, {d.language}{supplier}, "
            f"{_count(d.chunk_count, 'chunk')}]"
            f"  {short_path(d.source)}",
            markup=False,
        )
    console.print("\nBundled with aktsom (version and sources as each file states them):")
    for info in bundled_info():
        console.print(f"  {info.title}: version {info.version}", markup=False)
        console.print(f"    law: {info.law}\n    sources: {info.source}", markup=False)


@app.command()
def forget(doc: Annotated[str, typer.Argument(help="Document id, title or source path.")]) -> None:
    """Remove a document from every index."""
    with exit_on_error():
        info = open_knowledge(load_settings()).forget(doc)
    console.print(
        f"Removed {info.title} ({info.doc_id}, {_count(info.chunk_count, 'chunk')}).",
        markup=False,
    )


@app.command()
def reindex() -> None:
    """Rebuild a lost or damaged catalog from the vector store, or the vectors from the catalog.

    Nothing is deleted: a damaged catalog file or vector store is moved aside first.
    """
    settings = load_settings()
    with exit_on_error():
        make_private(settings.data_dir)
        errors.print("Rebuilding the knowledge base index…")
        report = rebuild(
            settings.data_dir / "knowledge",
            embedder=make_embedder(settings.embedder),
            chroma_url=settings.chroma_url,
            on_wait=lambda: errors.print(WAITING_FOR_WRITER),
        )
    for moved in report.moved:
        errors.print(f"Kept the damaged copy as {moved}", markup=False)
    for source in report.incomplete:
        errors.print(f"INCOMPLETE {source}: ingest it again", markup=False)
    done = {
        "catalog": "Rebuilt the catalog from the vector store",
        "vectors": "Rebuilt the vectors from the catalog",
        None: "Nothing to rebuild: the catalog and the vector store agree",
    }[report.rebuilt]
    console.print(
        f"{done}: {_count(report.documents, 'document')}, {_count(report.chunks, 'chunk')}.",
        markup=False,
    )


@app.command(name="eval")
def eval_command(
    questions: Annotated[
        Path,
        typer.Option(
            help="TSV: question, answer_key, source, language. A question with an empty "
            "answer_key must be declined; their share is reported as `abstained`."
        ),
    ],
    corpus: Annotated[
        Path | None,
        typer.Option(help="Folder to index into a fresh temporary knowledge base."),
    ] = None,
    with_bundled: Annotated[
        bool, typer.Option(help="Also index the bundled guide and sample.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Measure recall@1/3/5, MRR, answer-hit rate and the share declined on a question set."""
    settings = load_settings()
    try:
        items = load_questions(questions)
    except (OSError, QuestionFileError) as error:
        errors.print(f"Error: {error}")
        raise typer.Exit(2) from error
    with tempfile.TemporaryDirectory(prefix="aktsom-eval-") as scratch, exit_on_error():
        kb = KnowledgeBase.open(
            Path(scratch), embedder=settings.embedder, composer=make_composer(settings)
        )
        paths = [corpus] if corpus else []
        if with_bundled or not corpus:
            paths += list(BUNDLED_DIRS)
        report = _ingest_with_progress(kb, paths, settings=settings, quiet=as_json)
        if report.failures:
            _print_report(report)
        result = evaluate(kb, items)
    payload = result.to_json()
    if as_json:
        console.print_json(json.dumps(payload, ensure_ascii=False))
        return
    _print_eval(payload)


@app.command()
def chat() -> None:
    """Ask questions, report a concern (`/report`) or follow a case (`/status`) in the terminal.

    The main job when no Slack/Teams tokens are set. Questions, reports and receipts go
    through the same `bot.core` flows as Slack, so the rules and the words are the same.
    """
    if sys.stdin is None or sys.stdin.closed:
        errors.print(
            "Error: aktsom chat has no input (stdin is closed). Run it at a terminal, or pipe "
            "questions in: echo 'Hva er fristen?' | aktsom chat"
        )
        raise typer.Exit(1)
    settings = load_settings()
    with exit_on_error():
        core = open_core(settings, seed=False)
    try:
        with exit_on_error():
            _seed_on_first_run(core.knowledge, settings=settings)
        interactive = sys.stdin.isatty()
        if interactive:
            console.print(CHAT_BANNER, markup=False)
        with exit_on_error():
            _Chat(core, user_id=settings.cli_user, interactive=interactive).run()
    finally:
        core.close()


def render_answer(answer: Answer) -> str:
    """Plain-text rendering of an answer and its numbered sources."""
    from knowledge.messages import sources_heading

    if not answer.found:
        return answer.text
    lines = [answer.text, "", f"{sources_heading(answer.language)}:"]
    for c in answer.sources:
        where = f", {c.location}" if c.location else ""
        lines.append(f"  [{c.number}] {c.title}{where} ({short_path(c.source)})")
    return "\n".join(lines)


def _seed_on_first_run(kb: KnowledgeBase, *, settings: Settings, quiet: bool = False) -> None:
    """Index the bundled guide and samples when the knowledge base is empty."""
    if kb.documents():
        return  # nothing to index: no notice, no progress bar flashing by
    if not quiet:
        errors.print("First run: indexing the bundled Transparency Act guide and samples…")
    with _progress_bar(quiet=quiet) as progress:
        kb.seed_if_empty(chunk_words=settings.chunk_words, progress=progress)


def _ingest_with_progress(
    kb: KnowledgeBase,
    paths: list[Path],
    *,
    settings: Settings,
    kind: str | None = None,
    supplier: str | None = None,
    quiet: bool = False,
) -> IngestReport:
    with _progress_bar(quiet=quiet) as progress:
        return kb.ingest(
            paths,
            max_bytes=settings.max_file_mb * 2**20,
            chunk_words=settings.chunk_words,
            kind=kind,  # type: ignore[arg-type]
            supplier=supplier,
            progress=progress,
            on_wait=lambda: errors.print(WAITING_FOR_WRITER),
        )


@contextmanager
def _progress_bar(*, quiet: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr counting indexed chunks; yields the callback to feed it."""
    columns = (
        TextColumn("Indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("chunks"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=errors, transient=True, disable=quiet) as bar:
        task = bar.add_task("ingest", total=None)
        yield lambda done: bar.update(task, completed=done)


def _print_report(report: IngestReport) -> None:
    for failure in report.failures:
        errors.print(f"FAILED {failure.path}: {failure.reason}")
    result = report.result
    if result is not None:
        console.print(
            f"{_count(report.files, 'file')}: {result.added} added, {result.replaced} replaced, "
            f"{result.unchanged} unchanged, {len(report.failures)} failed; "
            f"{_count(result.chunks, 'chunk')} indexed."
        )


def _nothing_to_ingest(paths: list[Path]) -> str:
    """The error for folders that hold no file in a supported format."""
    where = ", ".join(str(path) for path in paths)
    supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
    return f"Error: nothing to ingest in {where}: no supported files (supported: {supported})."


def short_path(source: str) -> str:
    """A stored (absolute) source as people read it: relative to here when it lies below."""
    path = Path(source)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return source


def _count(number: int, noun: str) -> str:
    """`1 chunk`, `2 chunks`: English plurals of the nouns these lines use."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _print_eval(payload: dict[str, object]) -> None:
    names: tuple[str, ...] = ("recall@1", "recall@3", "recall@5", "mrr", "answer_hit", "n")
    if payload["n_abstain"]:
        names += ("abstained", "n_abstain")
    console.print("  ".join(f"{name}={payload[name]}" for name in names))
    by_language = payload["by_language"]
    assert isinstance(by_language, dict)
    for language, figures in by_language.items():
        console.print(f"  {language}: " + "  ".join(f"{n}={figures[n]}" for n in names))
    by_pair = payload["by_pair"]
    assert isinstance(by_pair, dict)
    if by_pair:
        pair_names = ("recall@5", "mrr", "answer_hit", "n")
        console.print("Question language -> document language:")
        for label, figures in [
            *by_pair.items(),
            ("same", payload["same_language"]),
            ("cross", payload["cross_language"]),
        ]:
            assert isinstance(figures, dict)
            line = "  ".join(f"{n}={figures[n]}" for n in pair_names)
            console.print(f"  {label}: {line}", markup=False)
    misses = payload["misses"]
    assert isinstance(misses, list)
    if misses:
        console.print("Misses:")
        for miss in misses:
            if not miss["answer_key"]:
                console.print(f"  answered, should decline  {miss['question']}", markup=False)
                continue
            console.print(
                f"  rank={miss['rank']} hit={miss['answer_hit']}  {miss['question']}"
                f"  (key: {miss['answer_key']})",
                markup=False,
            )


def _filters(kind: str | None, supplier: str | None) -> Filters | None:
    if not kind and not supplier:
        return None
    return Filters(kinds=frozenset({kind}) if kind else None, supplier=supplier)


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        errors.print(f"Error: unknown kind {kind!r}; use one of: {', '.join(KINDS)}.")
        raise typer.Exit(2)


@dataclass
class _Chat:
    """One terminal conversation: questions, `/report`, `/status`, `/sources`, `/help`."""

    core: Core
    user_id: str
    interactive: bool
    language: Lang | None = None
    history: list[str] = field(default_factory=list)

    def run(self) -> None:
        """Read lines until the input ends (or, at a terminal, an empty line)."""
        while True:
            try:
                line = self._read("? ").strip()
            except (EOFError, KeyboardInterrupt):
                break
            if not line:
                if self.interactive:
                    break
                continue
            try:
                self._handle(line)
            except EOFError:
                break
            except KeyboardInterrupt:
                # Ctrl-C inside a form drops that form, not the conversation.
                console.print()
            except (CoreError, *HANDLED_ERRORS) as error:
                self._say(messages.explain(self.language or "nb", error))
            console.print()

    def _handle(self, line: str) -> None:
        if not line.startswith("/"):
            self._answer(line)
            return
        words = line[1:].split(maxsplit=1)
        if words and words[0].lower() == "aktsom":  # the core's texts name `/aktsom status`
            words = words[1:]
        parsed = parse(" ".join(words))
        lang = self.language = self.language or choose_language(None, line)
        if parsed.command is Command.REPORT:
            self._report(lang)
        elif parsed.command is Command.STATUS:
            self._status(lang, code=parsed.rest)
        elif parsed.command is Command.ASK and parsed.rest:
            self._answer(parsed.rest)
        elif parsed.command is Command.SOURCES:
            self._sources(lang)
        elif parsed.command in (Command.HELP, Command.ASK):
            self._help(lang)
        else:
            self._say(messages.text(lang, "error.unknown_command", command=line.split()[0]))
            self._help(lang)

    def _answer(self, question: str) -> None:
        lang = self.language = choose_language(None, question)
        view = ask_flow.answer(
            self.core,
            person=self._person(lang),
            question=question,
            place=TERMINAL_PLACE,
            history=self.history,
        )
        self.history.append(question)
        console.print(render_answer(view.answer), markup=False)
        if view.offer_report:
            console.print()
            self._say(f"{messages.text(view.language, 'ask.report_offer')} → /report")

    def _report(self, lang: Lang) -> None:
        """The report form, field by field; only the fields the core refuses are asked again."""
        self._say(f"*{messages.text(lang, 'report.title')}*")
        self._say(
            messages.text(lang, "report.privacy", platform=messages.text(lang, "platform.terminal"))
        )
        values: dict[str, Any] = {}
        pending: list[str] = list(_REPORT_FIELDS)
        while True:
            for name in pending:
                values[name] = self._report_field(lang, name)
            try:
                submitted = report.submit(
                    self.core,
                    person=self._person(lang),
                    form=ReportForm(**values),
                    channel=Channel.CLI,
                )
            except FormInvalid as error:
                pending = [name for name in _REPORT_FIELDS if name in error.errors]
                if not pending:
                    raise
                for name in pending:
                    self._say(error.errors[name])
                continue
            self._show_receipt(lang, submitted)
            return

    def _report_field(self, lang: Lang, name: str) -> str | bool | None:
        if name == "category":
            return self._category(lang)
        if name == "description":
            self._label(lang, "report.description", hint="report.description_hint")
            return self._read_lines()
        if name == "anonymous":
            return self._anonymous(lang)
        self._label(lang, f"report.{name}", hint=f"report.{name}_hint")
        return self._read("> ").strip() or None

    def _category(self, lang: Lang) -> str | None:
        """A number from the list (or a category code); empty leaves it to the core's default."""
        self._label(lang, "report.category")
        categories = list(CaseCategory)
        for number, category in enumerate(categories, start=1):
            console.print(f"  {number:>2}. {messages.label(lang, category)}", markup=False)
        answer = self._read("> ").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(categories):
            return categories[int(answer) - 1].value
        return answer or None

    def _anonymous(self, lang: Lang) -> bool:
        """Yes unless the person says no; anything else is asked again."""
        while True:
            self._label(lang, "report.anonymous", hint="report.anonymous_hint", suffix=_YES_NO)
            answer = self._read("> ").strip().lower()
            if not answer or answer in _YES:
                return True
            if answer in _NO:
                return False

    def _show_receipt(self, lang: Lang, submitted: ReportReceipt) -> None:
        self._say(f"*{messages.text(lang, 'report.received_title')}*")
        self._say(messages.text(lang, "report.received", reference=submitted.reference))
        self._say(messages.text(lang, "report.receipt", code=submitted.receipt_code_grouped()))
        self._say(
            messages.text(
                lang,
                "report.deadlines",
                acknowledge=messages.day(lang, submitted.acknowledge_due),
                feedback=messages.day(lang, submitted.feedback_due),
            )
        )
        if submitted.linked_supplier:
            self._say(messages.text(lang, "report.linked", supplier=submitted.linked_supplier))

    def _status(self, lang: Lang, *, code: str) -> None:
        """Status, outcome and the handlers' messages by receipt code; then an optional reply."""
        if not code:
            self._label(lang, "status.receipt", hint="status.receipt_hint")
            code = self._read("> ").strip()
        person = self._person(lang)
        view = receipt.status(self.core, person=person, code=code)
        for line in receipt.summary(lang, view):
            self._say(line)
        self._say(f"*{messages.text(lang, 'status.messages')}*")
        if not view.messages:
            self._say(messages.text(lang, "status.no_messages"))
        for message in view.messages:
            console.print(messages.day(lang, message.created_at), markup=False)
            console.print(message.body, markup=False)
        self._label(lang, "status.reply")
        try:
            body = self._read_lines()
        except EOFError:
            return  # the input ended without a reply: nothing to send
        if body.strip():
            reference = receipt.reply(self.core, person=person, code=code, body=body)
            self._say(messages.text(lang, "status.reply_sent", reference=reference))

    def _sources(self, lang: Lang) -> None:
        with self.core.knowledge_lock() as knowledge:
            documents = knowledge.documents()
        if not documents:
            self._say(messages.text(lang, "documents.empty"))
            return
        self._say(f"*{messages.text(lang, 'documents.heading')}*")
        for d in documents:
            line = messages.text(
                lang,
                "documents.line",
                title=d.title,
                kind=d.kind,
                language=messages.language_name(lang, d.language),
                chunks=d.chunk_count,
            )
            console.print(f"  {line}", markup=False)

    def _help(self, lang: Lang) -> None:
        for command, key in (
            ("/report, /varsle", "report.title"),
            ("/status", "status.title"),
            ("/sources", "documents.heading"),
        ):
            console.print(f"  {command:<17} {messages.text(lang, key)}", markup=False)
        console.print(CHAT_KEYS, markup=False)

    def _person(self, lang: Lang) -> Person:
        # The core keeps this id only with a report the person chose to sign.
        return Person("cli", self.user_id, lang)

    def _label(
        self,
        lang: Lang,
        key: str,
        *,
        hint: str | None = None,
        suffix: dict[Lang, str] | None = None,
    ) -> None:
        """A field's label; hints only at a terminal, where a person reads them."""
        label = f"*{messages.text(lang, key)}*"
        if suffix:
            label = f"{label} {suffix[lang]}"
        self._say(label)
        if hint and self.interactive:
            console.print(messages.text(lang, hint), style="dim", markup=False)

    def _read(self, prompt: str) -> str:
        """One line; the prompt only at a terminal. Raises `EOFError` when the input ends."""
        return input(prompt if self.interactive else "")

    def _read_lines(self) -> str:
        """Lines up to an empty one (or the end of the input, once something was typed)."""
        lines: list[str] = []
        while True:
            try:
                line = self._read("… " if lines else "> ")
            except EOFError:
                if lines:
                    break
                raise
            if not line.strip():
                break
            lines.append(line.rstrip())
        return "\n".join(lines)

    def _say(self, text: str) -> None:
        console.print(_styled(text))


def _styled(text: str) -> Text:
    """A core text with its `*bold*` markers shown as bold; nothing in it read as markup."""
    styled = Text()
    for index, part in enumerate(_BOLD.split(text)):
        styled.append(part, style="bold" if index % 2 else "")
    return styled
