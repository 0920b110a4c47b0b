"""Fusion weights and relevance gate, re-derived on a question set and checked on another.

Each question's channel candidates (dense, sparse latent terms, BM25) are taken once; every
weight triple on a grid is then scored offline by recall@5 and MRR, so a grid of hundreds of
rules costs one retrieval per question. The rules are ranked on the first set (the yardstick)
and each is shown on the other sets too: a rule is kept only if it holds on all of them. The
bonus for a passage naming what the question names (`NAMED_BONUS`) is left out here, so
these figures are the fusion's alone; `aktsom eval` measures the whole search.

The gate part counts, for each threshold, the answerable questions it would decline (each a
miss) and the off-topic questions of bench/abstain_questions.tsv it would answer.

Usage::

    python bench/fusion.py                                   # bench/eval2 only
    python bench/fusion.py --also shared=../shared/corpus:../shared/eval/questions.tsv
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(_BENCH_DIR.parent))

from knowledge.engine import BUNDLED_DIRS, E5_GATE, KnowledgeBase, RelevanceGate  # noqa: E402
from knowledge.eval import RANK_DEPTH, EvalQuestion, load_questions  # noqa: E402
from knowledge.names import find_names  # noqa: E402
from knowledge.retriever import DEFAULT_WEIGHTS, Channels, FusionWeights, fuse  # noqa: E402

GRID_STEP = 0.05
SHOWN = 12
ABSTAIN_QUESTIONS = _BENCH_DIR / "abstain_questions.tsv"


@dataclass(frozen=True, slots=True)
class Case:
    """One answerable question's channels and the candidates that hold its answer key."""

    question: EvalQuestion
    channels: Channels
    relevant: frozenset[str]
    languages: dict[str, str]
    evidence: float


@dataclass(frozen=True, slots=True)
class QuestionSet:
    """A named corpus with its questions."""

    name: str
    corpus: Path | None
    questions: Path


def main(argv: Sequence[str] | None = None) -> None:
    """Print the best weight triples on the first set beside their figures on the others."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=_BENCH_DIR / "eval2" / "docs")
    parser.add_argument("--questions", type=Path, default=_BENCH_DIR / "eval2" / "questions.tsv")
    parser.add_argument(
        "--also", action="append", default=[], help="name=CORPUS:QUESTIONS, a further set"
    )
    args = parser.parse_args(argv)
    sets = [QuestionSet("eval2", args.corpus, args.questions)]
    for spec in args.also:
        name, _, paths = spec.partition("=")
        corpus, _, questions = paths.partition(":")
        sets.append(QuestionSet(name, Path(corpus), Path(questions)))
    with tempfile.TemporaryDirectory(prefix="aktsom-fusion-") as scratch:
        cases = {item.name: _cases(item, Path(scratch) / item.name) for item in sets}
        off_topic = _off_topic_evidence(Path(scratch) / "bundled")
    _print_weights(cases)
    _print_gate(cases, off_topic)


def _cases(item: QuestionSet, directory: Path) -> list[Case]:
    kb = KnowledgeBase.open(directory)
    kb.ingest([item.corpus] if item.corpus else list(BUNDLED_DIRS))
    cases = []
    for question in load_questions(item.questions):
        key = question.answer_key.lower()
        if not key:
            continue
        channels = kb.retriever.channels(question.question)
        chunks = kb.index.chunks(sorted(channels.candidates()))
        relevant = frozenset(chunk.chunk_id for chunk in chunks if key in chunk.text.lower())
        languages = {chunk.chunk_id: chunk.language for chunk in chunks}
        evidence = _evidence(kb, question.question, E5_GATE)
        cases.append(Case(question, channels, relevant, languages, evidence))
    print(f"{item.name}: {len(cases)} answerable questions", file=sys.stderr)
    return cases


def _evidence(kb: KnowledgeBase, question: str, gate: RelevanceGate) -> float:
    """The gate's evidence for `question` with its threshold taken out (answers at >= 0)."""
    retrieval = kb.retrieve(question)
    if not retrieval.passages:
        return float("-inf")
    names = find_names(question, kb.index.lexicon())
    return gate.evidence(retrieval, names=names) - gate.threshold


def _off_topic_evidence(directory: Path) -> list[float]:
    """Gate evidence of the off-topic questions that no unknown name declines first."""
    kb = KnowledgeBase.open(directory)
    kb.ingest(list(BUNDLED_DIRS))
    lexicon = kb.index.lexicon()
    values = []
    for question in load_questions(ABSTAIN_QUESTIONS):
        names = find_names(question.question, lexicon)
        if any(name.entity and not name.known for name in names):
            continue
        values.append(_evidence(kb, question.question, E5_GATE))
    return values


def _figures(
    cases: Sequence[Case], weights: FusionWeights, *, by_language: bool = True
) -> tuple[float, float]:
    """Recall@5 and MRR (to rank 10) of `cases` fused with `weights`."""
    found, reciprocal = 0, 0.0
    for case in cases:
        languages = case.languages if by_language else None
        fused = fuse(case.channels.scores(), weights=weights, languages=languages)
        ranked = sorted(fused, key=fused.__getitem__, reverse=True)[:RANK_DEPTH]
        rank = next((i for i, cid in enumerate(ranked, 1) if cid in case.relevant), None)
        found += rank is not None and rank <= 5
        reciprocal += 1 / rank if rank else 0.0
    return found / len(cases), reciprocal / len(cases)


def _grid() -> list[FusionWeights]:
    steps = round(1 / GRID_STEP)
    return [
        FusionWeights(dense=d * GRID_STEP, sparse=s * GRID_STEP, bm25=(steps - d - s) * GRID_STEP)
        for d, s in itertools.product(range(steps + 1), repeat=2)
        if d + s <= steps
    ]


def _print_weights(cases: dict[str, list[Case]]) -> None:
    rows = []
    for weights in [DEFAULT_WEIGHTS, *_grid()]:
        figures = {name: _figures(items, weights) for name, items in cases.items()}
        rows.append((weights, figures))
    first = next(iter(cases))
    current, *grid = rows
    grid = [row for row in grid if not _same(row[0], DEFAULT_WEIGHTS)]
    grid.sort(key=lambda row: sum(row[1][first]), reverse=True)
    header = "  ".join(f"{name:>16}" for name in cases)
    print(f"{'dense sparse bm25':<20}{header}   (recall@5 / MRR)")
    for weights, figures in [current, *grid[:SHOWN]]:
        label = f"{weights.dense:.2f}  {weights.sparse:.2f}  {weights.bm25:.2f}"
        cells = "  ".join(f"{r5:7.3f} / {mrr:6.3f}" for r5, mrr in figures.values())
        mark = "  <- current" if weights is DEFAULT_WEIGHTS else ""
        print(f"{label:<20}{cells}{mark}")
    overall = "  ".join(
        "{:7.3f} / {:6.3f}".format(*_figures(items, DEFAULT_WEIGHTS, by_language=False))
        for items in cases.values()
    )
    print(f"{'current, lexical scores normalised over all languages':<20}\n{'':<20}{overall}")


def _same(one: FusionWeights, other: FusionWeights) -> bool:
    names = ("dense", "sparse", "bm25")
    return all(abs(getattr(one, name) - getattr(other, name)) < 1e-9 for name in names)


def _print_gate(cases: dict[str, list[Case]], off_topic: list[float]) -> None:
    print("\nthreshold shift   " + "  ".join(f"{n:>14}" for n in cases) + "   off-topic answered")
    for shift in (-1.5, -1.0, -0.5, 0.0, 0.5, 1.0):
        declined = [
            f"{sum(case.evidence < shift for case in items):>3} of {len(items):<3} declined"
            for items in cases.values()
        ]
        answered = sum(value >= shift for value in off_topic)
        print(f"{shift:+15.1f}   " + "  ".join(declined) + f"   {answered} of {len(off_topic)}")
    for name, items in cases.items():
        low = sorted(case.evidence for case in items)[:3]
        print(
            f"{name}: lowest answerable evidence {[round(v, 2) for v in low]}, "
            f"median {statistics.median(case.evidence for case in items):.2f}"
        )
    print(f"off-topic evidence, highest: {sorted(off_topic, reverse=True)[:3]}")


if __name__ == "__main__":
    main()
