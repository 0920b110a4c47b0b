"""Knowledge commands: ingest, ask, sources, forget, eval, and the terminal chat."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.cli import app
from bot.cli.errors import exit_on_error
from bot.settings import Settings, load_settings
from ingestion.document import KINDS
from knowledge.answer import Answer, Composer
from knowledge.engine import BUNDLED_DIRS, IngestReport, KnowledgeBase
from knowledge.eval import QuestionFileError, evaluate, load_questions
from knowledge.index import Filters

console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)
KindOption = Annotated[
    str | None,
    typer.Option(help=f"Document kind: {', '.join(KINDS)}."),
]
SupplierOption = Annotated[
    str | None,
    typer.Option(help="Supplier the documents are about (or: filter answers by supplier)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


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
        console.print(render_answer(answer))


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
            f"{d.doc_id}  {d.title}  [{d.kind}, {d.language}{supplier}, {d.chunk_count} chunks]"
            f"  {d.source}"
        )


@app.command()
def forget(doc: Annotated[str, typer.Argument(help="Document id, title or source path.")]) -> None:
    """Remove a document from every index."""
    with exit_on_error():
        info = open_knowledge(load_settings()).forget(doc)
    console.print(f"Removed {info.title} ({info.doc_id}, {info.chunk_count} chunks).")


@app.command(name="eval")
def eval_command(
    questions: Annotated[Path, typer.Option(help="TSV: question, answer_key, source, language.")],
    corpus: Annotated[
        Path | None,
        typer.Option(help="Folder to index into a fresh temporary knowledge base."),
    ] = None,
    with_bundled: Annotated[
        bool, typer.Option(help="Also index the bundled guide and sample.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Measure recall@1/3/5, MRR and answer-hit rate on a question set."""
    settings = load_settings()
    try:
        items = load_questions(questions)
    except (OSError, QuestionFileError) as error:
        errors.print(f"Error: {error}")
        raise typer.Exit(2) from error
    with tempfile.TemporaryDirectory(prefix="aktsom-eval-") as scratch, exit_on_error():
        kb = KnowledgeBase.open(
            Path(scratch), embedder=settings.embedder, composer=_composer(settings)
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
    """Ask questions in the terminal (the main job when no Slack/Teams tokens are set)."""
    settings = load_settings()
    with exit_on_error():
        kb = open_knowledge(settings)
        _seed_on_first_run(kb, settings=settings)
    interactive = sys.stdin.isatty()
    if interactive:
        console.print(
            "aktsom — spør om åpenhetsloven og leverandørene dine / ask about the Transparency "
            "Act and your suppliers. Empty line or Ctrl-D to quit."
        )
    while True:
        try:
            question = input("? " if interactive else "").strip()
        except EOFError:
            break
        if not question:
            if interactive:
                break
            continue
        with exit_on_error():
            console.print(render_answer(kb.ask(question)))
        console.print()


def open_knowledge(settings: Settings) -> KnowledgeBase:
    """Open the knowledge base in the data dir with the configured embedder and composer."""
    return KnowledgeBase.open(
        settings.data_dir / "knowledge",
        embedder=settings.embedder,
        chroma_url=settings.chroma_url,
        composer=_composer(settings),
        top_k=settings.top_k,
    )


def render_answer(answer: Answer) -> str:
    """Plain-text rendering of an answer and its numbered sources."""
    from knowledge.messages import sources_heading

    if not answer.found:
        return answer.text
    lines = [answer.text, "", f"{sources_heading(answer.language)}:"]
    for c in answer.sources:
        where = f", {c.location}" if c.location else ""
        lines.append(f"  [{c.number}] {c.title}{where} ({c.source})")
    return "\n".join(lines)


def _composer(settings: Settings) -> Composer | None:
    if not settings.llm:
        return None
    from knowledge.llm import LLMComposer, make_chat_model

    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return LLMComposer(make_chat_model(settings.llm, base_url=settings.llm_base_url, api_key=key))


def _seed_on_first_run(kb: KnowledgeBase, *, settings: Settings, quiet: bool = False) -> None:
    """Index the bundled guide and samples when the knowledge base is empty."""
    if not quiet and not kb.documents():
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
            f"{report.files} file(s): {result.added} added, {result.replaced} replaced, "
            f"{result.unchanged} unchanged, {len(report.failures)} failed; "
            f"{result.chunks} chunks indexed."
        )


def _print_eval(payload: dict[str, object]) -> None:
    names = ("recall@1", "recall@3", "recall@5", "mrr", "answer_hit", "n")
    console.print("  ".join(f"{name}={payload[name]}" for name in names))
    by_language = payload["by_language"]
    assert isinstance(by_language, dict)
    for language, figures in by_language.items():
        console.print(f"  {language}: " + "  ".join(f"{n}={figures[n]}" for n in names))
    misses = payload["misses"]
    assert isinstance(misses, list)
    if misses:
        console.print("Misses:")
        for miss in misses:
            console.print(
                f"  rank={miss['rank']} hit={miss['answer_hit']}  {miss['question']}"
                f"  (key: {miss['answer_key']})"
            )


def _filters(kind: str | None, supplier: str | None) -> Filters | None:
    if not kind and not supplier:
        return None
    return Filters(kinds=frozenset({kind}) if kind else None, supplier=supplier)


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        errors.print(f"Error: unknown kind {kind!r}; use one of: {', '.join(KINDS)}.")
        raise typer.Exit(2)
