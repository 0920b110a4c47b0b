"""Knowledge benchmark: aktsom beside a naive LangChain baseline, in one run on one machine.

The issue's "Must show" figures (recall and MRR against the baseline, ingestion throughput,
re-ingesting unchanged files, query latency at growing index sizes, peak memory) only mean
something when they are taken the same way every time, on the same corpus and questions and
the same machine state. Not a test: it prints one table and writes the figures as JSON.

Usage::

    python bench/knowledge.py            # full run: sizes 1k, 10k, 50k chunks (long on 2 cores)
    python bench/knowledge.py --quick    # smoke run, a few minutes
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the `knowledge` package; run as a script, its own folder would come
# first on sys.path and shadow the package, so the folder is swapped for the repository root.
_BENCH_DIR = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _BENCH_DIR]
sys.path.insert(0, str(_BENCH_DIR.parent))

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import zlib  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from multiprocessing import get_context  # noqa: E402
from typing import Any, TypeVar  # noqa: E402

import numpy as np  # noqa: E402
import psutil  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402
from scipy.sparse import csr_matrix, vstack  # noqa: E402

from ingestion import read_document  # noqa: E402
from ingestion.document import KINDS, Chunk, Document  # noqa: E402
from knowledge.embeddings import E5Embedder, Embedder, bundled_minilm_path  # noqa: E402
from knowledge.engine import DEFAULT_CHUNK_WORDS, DEFAULT_MAX_BYTES, KnowledgeBase  # noqa: E402
from knowledge.eval import EvalQuestion, evaluate, load_questions  # noqa: E402
from knowledge.index import SPARSE_DIM, Filters, KnowledgeIndex  # noqa: E402

REPO = _BENCH_DIR.parent
DEFAULT_CORPUS = _BENCH_DIR / "eval2" / "docs"
DEFAULT_QUESTIONS = _BENCH_DIR / "eval2" / "questions.tsv"
"""The project's own second question set, so a fresh clone runs it; pass
`--corpus ../shared/corpus --questions ../shared/eval/questions.tsv` for the shared one."""
DEFAULT_OUT = _BENCH_DIR / "results" / "knowledge.json"
FULL = {"sizes": "1000,10000,50000", "queries": 200, "throughput_chunks": 300, "reingest": 1000}
QUICK = {"sizes": "500,2000", "queries": 30, "throughput_chunks": 20, "reingest": 1000}

BASELINE_CHUNK_SIZE = 1000
BASELINE_CHUNK_OVERLAP = 200
BASELINE_K = 5
THROUGHPUT_CHUNK_WORDS = 150
REINGEST_WORDS = 30
REINGEST_BASE_TEXTS = 20
SYNTHETIC_CHUNKS_PER_DOCUMENT = 10
WARMUP_QUERIES = 5
NOISE = 0.01
MIN_PARAGRAPH_WORDS = 12
RECOMBINED_FILE_WORDS = 1500
SYNTHETIC_SUPPLIERS = 50
SEED = 7

TARGET_RECALL_AT_5 = 0.92
TARGET_MRR = 0.80
TARGET_ANSWER_HIT = 0.75
TARGET_THROUGHPUT_RATIO = 0.95
TARGET_REINGEST_S = 10.0
TARGET_P95_MS = {10_000: 150.0, 50_000: 400.0}
TARGET_RSS_MB = 1536.0
REUSE_METHOD = (
    "synthetic chunks copy corpus chunks (~80 words) under new headers; each distinct base text "
    "(passage after the header, digits removed) is embedded once with the real e5, dense and "
    "sparse; copies reuse its vectors plus deterministic noise (dense N(0, 0.01) then "
    "re-normalised, sparse values x(1 +/- 0.01)); queries use the real model"
)
_DIGITS = re.compile(r"\d+")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Options:
    """What one run measures, and where it writes."""

    corpus: Path
    questions: Path
    sizes: tuple[int, ...]
    queries: int
    throughput_chunks: int
    reingest: int
    out: Path
    quick: bool


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement, print the table, write the JSON."""
    options = _parse(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    questions = load_questions(options.questions)
    console = Console(stderr=True)
    results: dict[str, Any] = {
        "corpus": str(options.corpus),
        "questions": str(options.questions),
        "n_questions": len(questions),
        "quick": options.quick,
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg()[0],
    }
    console.log("baseline (LangChain, in a child process so its torch stays out of our RSS)")
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        pairs = [(item.question, item.answer_key) for item in questions]
        results["baseline"] = pool.submit(run_baseline, options.corpus, questions=pairs).result()
    started = time.perf_counter()
    model = E5Embedder()
    results["e5_load_s"] = round(time.perf_counter() - started, 2)
    # One cache for every index built here: the quality index's chunks are the bases the
    # synthetic corpora copy, and they get their exact vectors (copies_in_quality_index: 0).
    reusing = ReusingEmbedder(model)
    with tempfile.TemporaryDirectory(prefix="aktsom-bench-") as scratch:
        work = Path(scratch)
        console.log("aktsom retrieval quality")
        results["aktsom"] = run_quality(
            options.corpus, questions=questions, embedder=reusing, work=work
        )
        results["aktsom"]["copies_in_quality_index"] = reusing.copies
        console.log("ingestion throughput: embedder alone vs full ingest")
        results["throughput"] = run_throughput(
            options.corpus, model=model, chunks=options.throughput_chunks, work=work
        )
        console.log(f"re-ingest of {options.reingest} unchanged documents")
        results["reingest"] = run_reingest(
            options.corpus, embedder=reusing, documents=options.reingest, work=work
        )
        console.log(f"query latency at {', '.join(map(str, options.sizes))} chunks")
        results["latency"] = run_latency(
            options.corpus,
            embedder=reusing,
            sizes=options.sizes,
            queries=options.queries,
            questions=questions,
            work=work,
            log=console.log,
        )
    results["vector_reuse"] = {**reusing.summary(), "method": REUSE_METHOD}
    console.log(
        f"vectors reused: {reusing.summary()['distinct_base_texts']} distinct base texts "
        f"embedded, {reusing.served} chunks served ({reusing.copies} noisy copies)"
    )
    results["peak_rss_mb"] = peak_rss_mb()
    results["load_average_at_end"] = os.getloadavg()[0]
    Console().print(to_table(results))
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    console.log(f"wrote {options.out}")
    return 0


def run_baseline(corpus: Path, *, questions: Sequence[tuple[str, str]]) -> dict[str, float | int]:
    """The LangChain tutorial pipeline: 1000/200 character splits, MiniLM, Chroma, top 5.

    Args:
        corpus: folder of .txt/.md files.
        questions: (question, answer key) pairs; plain tuples, so a child process can take them.
    """
    import chromadb
    from chromadb.config import Settings
    from langchain_chroma import Chroma
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    started = time.perf_counter()
    embeddings = HuggingFaceEmbeddings(model_name=bundled_minilm_path())
    load_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="aktsom-baseline-") as scratch:
        settings = Settings(anonymized_telemetry=False)
        client = chromadb.PersistentClient(path=scratch, settings=settings)
        store = Chroma(collection_name="baseline", embedding_function=embeddings, client=client)
        started = time.perf_counter()
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=BASELINE_CHUNK_SIZE, chunk_overlap=BASELINE_CHUNK_OVERLAP
        )
        texts, sources = [], []
        for path in _corpus_files(corpus):
            for piece in splitter.split_text(path.read_text(encoding="utf-8")):
                texts.append(piece)
                sources.append({"source": path.name})
        store.add_texts(texts, metadatas=sources)
        ingest_s = time.perf_counter() - started
        ranks = []
        for question, answer_key in questions:
            found = store.similarity_search(question, k=BASELINE_K)
            ranks.append(_rank([doc.page_content for doc in found], key=answer_key))
    return {
        **_rank_figures(ranks),
        "chunks": len(texts),
        "model_load_s": round(load_s, 2),
        "ingest_s": round(ingest_s, 2),
        "ingest_chunks_per_s": round(len(texts) / ingest_s, 2),
        "peak_rss_mb": peak_rss_mb(),
    }


def run_quality(
    corpus: Path, *, questions: Sequence[EvalQuestion], embedder: Embedder, work: Path
) -> dict[str, Any]:
    """A fresh knowledge base over the corpus with default settings, evaluated."""
    kb = KnowledgeBase.open(work / "quality", embedder=embedder)
    started = time.perf_counter()
    ingested = kb.ingest([corpus])
    ingest_s = time.perf_counter() - started
    chunks = ingested.result.chunks if ingested.result else 0
    report = evaluate(kb, questions)
    top5 = [
        o.rank if o.rank is not None and o.rank <= BASELINE_K else None for o in report.outcomes
    ]
    return {
        **report.figures(),
        f"mrr@{BASELINE_K}": _rank_figures(top5)["mrr"],
        "chunks": chunks,
        "ingest_s": round(ingest_s, 2),
        "ingest_chunks_per_s": round(chunks / ingest_s, 2) if ingest_s else 0.0,
    }


def run_throughput(corpus: Path, *, model: E5Embedder, chunks: int, work: Path) -> dict[str, Any]:
    """Chunks/s of the embedder alone vs a full ingest, on the very same new chunk texts.

    The files are corpus paragraphs recombined in a new order (new to any index), cut into
    ~150-word chunks. They are timed file by file (~10 chunks each), alternating which side
    goes first, so both sides see the same machine state even when other work comes and goes.
    """
    files = _write_recombined(
        _paragraphs(corpus), folder=work / "throughput", words=chunks * THROUGHPUT_CHUNK_WORDS
    )
    timed = TimedEmbedder(model)
    kb = KnowledgeBase.open(work / "throughput-index", embedder=timed)
    seconds = {"alone": 0.0, "ingest": 0.0}
    counts = {"alone": 0, "ingest": 0}
    words: list[int] = []
    turns: list[dict[str, float]] = []
    for turn, path in enumerate(files):
        read = read_document(
            path, max_bytes=DEFAULT_MAX_BYTES, chunk_words=THROUGHPUT_CHUNK_WORDS
        ).chunks
        texts = [chunk.indexed_text for chunk in read]
        words.extend(len(chunk.text.split()) for chunk in read)

        def alone(texts: list[str] = texts) -> int:
            model.embed_passages(texts)
            model.sparse_passages(texts)
            return len(texts)

        def ingest(path: Path = path) -> int:
            report = kb.ingest([path], chunk_words=THROUGHPUT_CHUNK_WORDS)
            return report.result.chunks if report.result else 0

        steps = [("alone", alone), ("ingest", ingest)]
        in_model = timed.seconds
        this_turn = {"chunks": len(texts)}
        for name, step in steps if turn % 2 == 0 else reversed(steps):
            elapsed, count = _timed(step)
            seconds[name] += elapsed
            counts[name] += count
            this_turn[f"{name}_s"] = round(elapsed, 2)
        this_turn["model_in_ingest_s"] = round(timed.seconds - in_model, 2)
        turns.append(this_turn)
    alone_rate = counts["alone"] / seconds["alone"]
    ingest_rate = counts["ingest"] / seconds["ingest"]
    return {
        "files": len(files),
        "chunks": counts["alone"],
        "ingested_chunks": counts["ingest"],
        "mean_words_per_chunk": round(statistics.fmean(words), 1),
        "embedder_alone_s": round(seconds["alone"], 2),
        "ingest_s": round(seconds["ingest"], 2),
        "embedder_alone_chunks_per_s": round(alone_rate, 2),
        "ingest_chunks_per_s": round(ingest_rate, 2),
        "ratio": round(ingest_rate / alone_rate, 3),
        "model_share_of_ingest": round(timed.seconds / seconds["ingest"], 3),
        "per_file": turns,
    }


def run_reingest(
    corpus: Path, *, embedder: ReusingEmbedder, documents: int, work: Path
) -> dict[str, float | int]:
    """Ingest `documents` short distinct files, then time ingesting them again unchanged."""
    folder = work / "reingest"
    folder.mkdir()
    windows = _windows(_paragraphs(corpus), words=REINGEST_WORDS)[:REINGEST_BASE_TEXTS]
    for i in range(documents):
        # The number makes every file distinct; the vector cache ignores digits, so only
        # REINGEST_BASE_TEXTS base texts are embedded for real.
        text = f"Notat nr. {i}: {windows[i % len(windows)]}\n"
        (folder / f"notat-{i:05d}.txt").write_text(text, encoding="utf-8")
    kb = KnowledgeBase.open(work / "reingest-index", embedder=embedder)
    first_s, first = _timed(lambda: kb.ingest([folder]))
    again_s, again = _timed(lambda: kb.ingest([folder]))
    return {
        "documents": documents,
        "first_ingest_s": round(first_s, 2),
        "first_added": first.result.added if first.result else 0,
        "reingest_s": round(again_s, 3),
        "reingest_unchanged": again.result.unchanged if again.result else 0,
        "reingest_chunks_embedded": again.result.chunks if again.result else 0,
    }


def run_latency(
    corpus: Path,
    *,
    embedder: ReusingEmbedder,
    sizes: Sequence[int],
    queries: int,
    questions: Sequence[EvalQuestion],
    work: Path,
    log: Callable[[str], None],
) -> list[dict[str, float | int]]:
    """Time search alone, `kb.ask` end to end, and `kb.ask` filtered by supplier, on one
    synthetic index grown to each size in turn.

    The questions repeat every len(questions) queries: the first round composes from
    sentences never embedded before (the composer embeds them, some 12 a question), later
    rounds find them in its cache, as a team asking about the same documents would.
    """
    bases = _base_chunks(corpus)
    index = KnowledgeIndex(work / "latency-index", embedder=embedder)
    kb = KnowledgeBase(index)
    rng = random.Random(SEED)
    process = psutil.Process()
    rows = []
    built = 0
    for size in sorted(sizes):
        documents = _synthetic_documents(bases, first=built, chunks=size - built, rng=rng)
        build_s, _ = _timed(lambda documents=documents: index.upsert(documents))
        built = size
        log(f"  {len(index)} chunks built in {build_s:.1f} s; timing {queries} questions")
        for item in questions[:WARMUP_QUERIES]:
            kb.ask(item.question)

        def timings(run: Callable[[int], object]) -> list[float]:
            return [_timed(lambda i=i: run(i))[0] * 1000 for i in range(queries)]

        def question(i: int) -> str:
            return questions[i % len(questions)].question

        searched = timings(lambda i: kb.retrieve(question(i)))
        asked = timings(lambda i: kb.ask(question(i)))
        by_supplier = timings(
            lambda i: kb.ask(
                question(i), filters=Filters(supplier=f"Leverandør {i % SYNTHETIC_SUPPLIERS}")
            )
        )
        rows.append(
            {
                "chunks": len(index),
                "build_s": round(build_s, 1),
                "queries": queries,
                "search_p50_ms": _percentile(searched, 50),
                "search_p95_ms": _percentile(searched, 95),
                "p50_ms": _percentile(asked, 50),
                "p95_ms": _percentile(asked, 95),
                "max_ms": round(max(asked), 1),
                "supplier_p50_ms": _percentile(by_supplier, 50),
                "supplier_p95_ms": _percentile(by_supplier, 95),
                "rss_mb": round(process.memory_info().rss / 2**20, 1),
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    return rows


class TimedEmbedder:
    """E5 that adds up the seconds spent in the model, to show what ingestion adds around it.

    That share is measured within the same seconds as the ingest itself, so unlike the ratio
    of two timings it holds steady when other work on the machine comes and goes.
    """

    def __init__(self, model: E5Embedder) -> None:
        self._model = model
        self.name = model.name
        self.dim = model.dim
        self.seconds = 0.0

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """The model's dense vectors, timed."""
        elapsed, vectors = _timed(lambda: self._model.embed_passages(texts))
        self.seconds += elapsed
        return vectors

    def embed_query(self, text: str) -> np.ndarray:
        """The model's query vector (not timed: ingestion never asks)."""
        return self._model.embed_query(text)

    def sparse_passages(self, texts: Sequence[str]) -> csr_matrix:
        """The model's sparse vectors, timed."""
        elapsed, vectors = _timed(lambda: self._model.sparse_passages(texts))
        self.seconds += elapsed
        return vectors

    def sparse_query(self, text: str) -> csr_matrix:
        """The model's sparse query vector (not timed)."""
        return self._model.sparse_query(text)


class ReusingEmbedder:
    """E5 that embeds each distinct base text once and reuses its vectors for every copy.

    Embedding 50k chunks would take hours on 2 cores, and query latency does not depend on
    which vectors are stored, only on how many. A passage's base is its text after the header
    line with digits removed. The text a base was embedded from gets its exact vectors back (so
    an index of distinct chunks is the real thing); every other copy gets tiny deterministic
    noise, so no two vectors are identical. Queries go to the real model.
    """

    def __init__(self, model: E5Embedder) -> None:
        self._model = model
        self.name = model.name
        self.dim = model.dim
        self._dense: dict[str, tuple[str, np.ndarray]] = {}
        self._sparse: dict[str, tuple[str, csr_matrix]] = {}
        self.served = 0
        self.copies = 0

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Each text's base vector: exact for the base's own text, else noisy and re-normalised."""
        self._fill(self._dense, texts, encode=self._model.embed_passages)
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            origin, vector = self._dense[_base_key(text)]
            if text != origin:
                vector = vector + _noise(text).normal(0, NOISE, self.dim)
                self.copies += 1
            rows[i] = vector / np.linalg.norm(vector)
        self.served += len(texts)
        return rows

    def embed_query(self, text: str) -> np.ndarray:
        """The real query embedding."""
        return self._model.embed_query(text)

    def sparse_passages(self, texts: Sequence[str]) -> csr_matrix:
        """Each text's base sparse vector: exact for the base's own text, else values jittered."""
        if not texts:
            return csr_matrix((0, SPARSE_DIM), dtype=np.float32)
        self._fill(self._sparse, texts, encode=self._model.sparse_passages)
        rows = []
        for text in texts:
            origin, row = self._sparse[_base_key(text)]
            if text != origin:
                row = row.copy()
                row.data = row.data * (1 + _noise(text).uniform(-NOISE, NOISE, row.data.size))
            rows.append(row)
        return vstack(rows, format="csr")

    def sparse_query(self, text: str) -> csr_matrix:
        """The real sparse query vector."""
        return self._model.sparse_query(text)

    def summary(self) -> dict[str, int]:
        """Base texts embedded for real, chunks served, and how many of those were copies."""
        return {
            "distinct_base_texts": len(self._dense),
            "chunks_served": self.served,
            "copies_with_noise": self.copies,
        }

    @staticmethod
    def _fill(
        cache: dict[str, tuple[str, Any]],
        texts: Sequence[str],
        *,
        encode: Callable[[list[str]], Any],
    ) -> None:
        """Embed, in one batch, the first text seen of every base not cached yet."""
        missing: dict[str, str] = {}
        for text in texts:
            key = _base_key(text)
            if key not in cache:
                missing.setdefault(key, text)
        if missing:
            encoded = encode(list(missing.values()))
            for row, (key, text) in enumerate(missing.items()):
                cache[key] = (text, encoded[row])


def to_table(results: dict[str, Any]) -> Table:
    """Every figure beside its target (and the baseline's, where it has one)."""
    table = Table(title="aktsom knowledge benchmark", title_justify="left")
    for column in ("figure", "baseline (LangChain)", "aktsom", "target", "ok"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    base, ours = results["baseline"], results["aktsom"]

    def row(figure: str, baseline: object, value: object, target: str, ok: bool | None) -> None:
        mark = "" if ok is None else ("yes" if ok else "NO")
        table.add_row(figure, _show(baseline), _show(value), target, mark)

    row("recall@1", base["recall@1"], ours["recall@1"], "", None)
    row("recall@3", base["recall@3"], ours["recall@3"], "", None)
    row(
        "recall@5",
        base["recall@5"],
        ours["recall@5"],
        f">= {TARGET_RECALL_AT_5}",
        ours["recall@5"] >= TARGET_RECALL_AT_5,
    )
    row(
        f"MRR@{BASELINE_K} (first hit in the top {BASELINE_K})",
        base["mrr"],
        ours[f"mrr@{BASELINE_K}"],
        "",
        None,
    )
    row(
        "MRR (top 10, as aktsom eval)",
        "",
        ours["mrr"],
        f">= {TARGET_MRR}",
        ours["mrr"] >= TARGET_MRR,
    )
    row(
        "answer-hit",
        "",
        ours["answer_hit"],
        f">= {TARGET_ANSWER_HIT}",
        ours["answer_hit"] >= TARGET_ANSWER_HIT,
    )
    row(
        "corpus chunks (baseline 1000 chars, aktsom ~80 words)",
        base["chunks"],
        ours["chunks"],
        "",
        None,
    )
    row(
        "corpus ingest, chunks/s",
        base["ingest_chunks_per_s"],
        ours["ingest_chunks_per_s"],
        "",
        None,
    )
    speed = results["throughput"]
    row(
        f"embedder alone, chunks/s (~{speed['mean_words_per_chunk']} words)",
        "",
        speed["embedder_alone_chunks_per_s"],
        "",
        None,
    )
    row(
        f"ingest new text, chunks/s ({speed['chunks']} chunks)",
        "",
        speed["ingest_chunks_per_s"],
        "",
        None,
    )
    row(
        "ingest / embedder alone",
        "",
        speed["ratio"],
        f">= {TARGET_THROUGHPUT_RATIO}",
        speed["ratio"] >= TARGET_THROUGHPUT_RATIO,
    )
    row("model's share of ingest time", "", speed["model_share_of_ingest"], "", None)
    again = results["reingest"]
    row(
        f"re-ingest {again['documents']} unchanged docs, s",
        "",
        again["reingest_s"],
        f"< {TARGET_REINGEST_S:g}",
        again["reingest_s"] < TARGET_REINGEST_S,
    )
    for size in results["latency"]:
        target = TARGET_P95_MS.get(size["chunks"])
        row(f"{size['chunks']} chunks: build s", "", size["build_s"], "", None)
        row(f"{size['chunks']} chunks: search p95 ms", "", size["search_p95_ms"], "", None)
        row(f"{size['chunks']} chunks: ask p50 ms", "", size["p50_ms"], "", None)
        row(
            f"{size['chunks']} chunks: ask p95 ms",
            "",
            size["p95_ms"],
            f"<= {target:g}" if target else "",
            size["p95_ms"] <= target if target else None,
        )
        row(
            f"{size['chunks']} chunks: ask by supplier p50 / p95 ms",
            "",
            f"{size['supplier_p50_ms']} / {size['supplier_p95_ms']}",
            "",
            None,
        )
        row(f"{size['chunks']} chunks: RSS MB", "", size["rss_mb"], "", None)
    reuse = results["vector_reuse"]
    row(
        "vectors reused: distinct base texts embedded / chunks",
        "",
        f"{reuse['distinct_base_texts']} / {reuse['chunks_served']}",
        "",
        None,
    )
    row(
        "peak RSS MB",
        base["peak_rss_mb"],
        results["peak_rss_mb"],
        f"<= {TARGET_RSS_MB:g}",
        results["peak_rss_mb"] <= TARGET_RSS_MB,
    )
    return table


def _percentile(times: Sequence[float], q: int) -> float:
    return round(float(np.percentile(times, q)), 1)


def _show(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _timed(step: Callable[[], T]) -> tuple[float, T]:
    """Run `step`; return the seconds it took and what it returned."""
    started = time.perf_counter()
    result = step()
    return time.perf_counter() - started, result


def _base_key(text: str) -> str:
    """The base a passage was copied from: the text after its header line, digits removed."""
    return _DIGITS.sub("", text.split("\n", 1)[-1])


def _noise(text: str) -> np.random.Generator:
    """A generator seeded by the text, so the same chunk always gets the same noise."""
    return np.random.default_rng(zlib.crc32(text.encode()))


def _paragraphs(corpus: Path) -> list[str]:
    """The corpus's paragraphs (one per line in these files), headings left out."""
    return [
        line.strip()
        for path in _corpus_files(corpus)
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.split()) >= MIN_PARAGRAPH_WORDS
    ]


def _windows(paragraphs: Sequence[str], *, words: int) -> list[str]:
    """Every non-overlapping run of `words` words within a paragraph."""
    runs = []
    for paragraph in paragraphs:
        tokens = paragraph.split()
        runs.extend(
            " ".join(tokens[i : i + words]) for i in range(0, len(tokens) - words + 1, words)
        )
    return runs


def _write_recombined(paragraphs: Sequence[str], *, folder: Path, words: int) -> list[Path]:
    """Write shuffled paragraphs into files of about RECOMBINED_FILE_WORDS words each."""
    folder.mkdir()
    rng = random.Random(SEED)
    files: list[Path] = []
    written = 0
    while written < words:
        body: list[str] = []
        while sum(len(p.split()) for p in body) < RECOMBINED_FILE_WORDS:
            body.append(rng.choice(paragraphs))
        path = folder / f"sammenstilling-{len(files):04d}.txt"
        path.write_text(f"Sammenstilling {len(files)}\n\n" + "\n\n".join(body) + "\n")
        files.append(path)
        written += sum(len(p.split()) for p in body)
    return files


def _base_chunks(corpus: Path) -> list[tuple[Chunk, str]]:
    """The corpus's chunks as ingestion cuts them (default size), with their language."""

    bases = []
    for path in _corpus_files(corpus):
        document = read_document(path, max_bytes=DEFAULT_MAX_BYTES, chunk_words=DEFAULT_CHUNK_WORDS)
        bases.extend((chunk, document.language) for chunk in document.chunks)
    return bases


def _synthetic_documents(
    bases: Sequence[tuple[Chunk, str]], *, first: int, chunks: int, rng: random.Random
) -> list[Document]:
    """Documents of SYNTHETIC_CHUNKS_PER_DOCUMENT chunks each, recombined from `bases`."""
    documents = []
    for start in range(first, first + chunks, SYNTHETIC_CHUNKS_PER_DOCUMENT):
        number = start // SYNTHETIC_CHUNKS_PER_DOCUMENT
        picked = rng.sample(bases, min(SYNTHETIC_CHUNKS_PER_DOCUMENT, first + chunks - start))
        doc_id = f"syntetisk-{number:06d}"
        title = f"Syntetisk rapport {number}"
        parts = tuple(
            Chunk(
                chunk_id=f"{doc_id}:{ordinal}",
                doc_id=doc_id,
                ordinal=ordinal,
                header=f"{title} — {base.header}",
                text=base.text,
                location=base.location,
            )
            for ordinal, (base, _) in enumerate(picked)
        )
        documents.append(
            Document(
                doc_id=doc_id,
                title=title,
                source=f"synthetic/{doc_id}.txt",
                language=picked[0][1],
                kind=KINDS[number % len(KINDS)],
                content_hash=hashlib.sha256(
                    "\n".join(c.indexed_text for c in parts).encode()
                ).hexdigest(),
                ingested_at=datetime.now(UTC),
                supplier=f"Leverandør {number % SYNTHETIC_SUPPLIERS}",
                chunks=parts,
            )
        )
    return documents


def _rank(texts: Sequence[str], *, key: str) -> int | None:
    """1-based rank of the first text containing `key` (case-insensitive), as eval.py counts."""
    wanted = key.lower()
    return next((i for i, text in enumerate(texts, start=1) if wanted in text.lower()), None)


def _rank_figures(ranks: Sequence[int | None]) -> dict[str, float | int]:
    """recall@1/3/5, MRR and n from ranks (None: not found), as eval.py computes them."""
    n = len(ranks)
    figures: dict[str, float | int] = {
        f"recall@{k}": round(sum(r is not None and r <= k for r in ranks) / n, 4) if n else 0.0
        for k in (1, 3, 5)
    }
    figures["mrr"] = round(sum(1.0 / r for r in ranks if r) / n, 4) if n else 0.0
    figures["n"] = n
    return figures


def _corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix in {".txt", ".md"} and p.is_file())


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _parse(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--sizes", help=f"index sizes in chunks (default {FULL['sizes']})")
    parser.add_argument("--queries", type=int, help="timed questions per size (default 200)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    args = parser.parse_args(argv)
    preset = QUICK if args.quick else FULL
    return Options(
        corpus=args.corpus,
        questions=args.questions,
        sizes=tuple(int(s) for s in (args.sizes or preset["sizes"]).split(",")),
        queries=args.queries or int(preset["queries"]),
        throughput_chunks=int(preset["throughput_chunks"]),
        reingest=int(preset["reingest"]),
        out=args.out,
        quick=args.quick,
    )


if __name__ == "__main__":
    sys.exit(main())
