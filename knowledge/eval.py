"""Retrieval and answer quality on a question set: recall@k, MRR and answer-hit rate.

A question set is a TSV with the header `question, answer_key, source, language`. A passage
"contains the answer" when it contains `answer_key` (case-insensitive); the answer "hits" when
the composed answer text contains it. A question with an empty `answer_key` is one the
knowledge base must decline (off-topic, or naming something it does not hold): it counts
towards `abstained`, the share of such questions answered with "nothing on this", and not
towards recall.

Each question is also counted under its language pair, question language × the language of
its source document (as detected at ingest; Bokmål and Nynorsk are both `no`), and as
same-language or cross-language, since a translation is what word matching cannot see.

Usage::

    questions = load_questions(Path("questions.tsv"))
    report = evaluate(kb, questions)
    print(report.to_json()["mrr"])
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.engine import KnowledgeBase

RANK_DEPTH = 10
RECALL_AT = (1, 3, 5)
REQUIRED_COLUMNS = ("question", "answer_key", "source", "language")
UNKNOWN_LANGUAGE = "?"
# The question sets label Norwegian questions `no`; ingestion tells the two written forms apart.
_DOCUMENT_LABELS = {"nb": "no", "nn": "no"}


@dataclass(frozen=True, slots=True)
class EvalQuestion:
    """One row of a question set."""

    question: str
    answer_key: str
    source: str
    language: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one question went: the rank of the first passage with the key (None: not found)."""

    question: EvalQuestion
    rank: int | None
    answer_hit: bool
    answer: str
    found: bool = True
    document_language: str = UNKNOWN_LANGUAGE

    @property
    def pair(self) -> str:
        """Question language -> document language, e.g. `en->no`."""
        return f"{self.question.language}->{self.document_language}"

    @property
    def cross_language(self) -> bool:
        """Whether the question is asked in another language than its document's."""
        return self.question.language != self.document_language

    @property
    def declined_rightly(self) -> bool:
        """For a question to decline: whether the answer declined it."""
        return not self.question.answer_key and not self.found


@dataclass(slots=True)
class EvalReport:
    """Figures over a question set, overall and per language."""

    outcomes: list[Outcome] = field(default_factory=list)

    def figures(self, outcomes: Sequence[Outcome] | None = None) -> dict[str, float | int]:
        """recall@1/3/5, MRR, answer-hit rate and n over the answerable `outcomes` (default:
        all), and the share of the others that were declined (`abstained`, `n_abstain`)."""
        chosen = self.outcomes if outcomes is None else outcomes
        rows = [o for o in chosen if o.question.answer_key]
        declinable = [o for o in chosen if not o.question.answer_key]
        n = len(rows)
        figures: dict[str, float | int] = {
            f"recall@{k}": _share(sum(o.rank is not None and o.rank <= k for o in rows), n)
            for k in RECALL_AT
        }
        figures["mrr"] = _share(sum(1.0 / o.rank for o in rows if o.rank), n)
        figures["answer_hit"] = _share(sum(o.answer_hit for o in rows), n)
        figures["n"] = n
        figures["abstained"] = _share(sum(o.declined_rightly for o in declinable), len(declinable))
        figures["n_abstain"] = len(declinable)
        return figures

    def misses(self) -> list[Outcome]:
        """Questions whose key is not in the top 5 passages or not in the answer, and
        questions to decline that were answered."""
        return [
            o
            for o in self.outcomes
            if (o.question.answer_key and (o.rank is None or o.rank > 5 or not o.answer_hit))
            or (not o.question.answer_key and o.found)
        ]

    def to_json(self) -> dict[str, object]:
        """The `eval --json` shape."""
        by_language: dict[str, list[Outcome]] = defaultdict(list)
        by_pair: dict[str, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            by_language[outcome.question.language].append(outcome)
            if outcome.document_language != UNKNOWN_LANGUAGE:
                by_pair[outcome.pair].append(outcome)
        paired = [o for rows in by_pair.values() for o in rows]
        return {
            **self.figures(),
            "by_language": {lang: self.figures(rows) for lang, rows in sorted(by_language.items())},
            "by_pair": {pair: self.figures(rows) for pair, rows in sorted(by_pair.items())},
            "same_language": self.figures([o for o in paired if not o.cross_language]),
            "cross_language": self.figures([o for o in paired if o.cross_language]),
            "misses": [
                {
                    "question": o.question.question,
                    "answer_key": o.question.answer_key,
                    "rank": o.rank,
                    "answer_hit": o.answer_hit,
                }
                for o in self.misses()
            ],
        }


class QuestionFileError(ValueError):
    """The question file is missing columns or unreadable."""


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read a question set TSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise QuestionFileError(f"{path}: missing column(s) {', '.join(missing)}")
        return [
            EvalQuestion(**{c: (row[c] or "").strip() for c in REQUIRED_COLUMNS})
            for row in reader
            if (row["question"] or "").strip()
        ]


def evaluate(kb: KnowledgeBase, questions: Sequence[EvalQuestion]) -> EvalReport:
    """Ask every question and record where its answer key was found."""
    report = EvalReport()
    languages = _document_languages(kb)
    for item in questions:
        retrieval = kb.retrieve(item.question, limit=RANK_DEPTH)
        key = item.answer_key.lower()
        rank = next(
            (i for i, p in enumerate(retrieval.passages, start=1) if key and key in p.text.lower()),
            None,
        )
        answer = kb.compose(item.question, retrieval)
        hit = bool(key) and answer.found and key in answer.text.lower()
        language = languages.get(item.source, UNKNOWN_LANGUAGE)
        report.outcomes.append(
            Outcome(item, rank, hit, answer.text, found=answer.found, document_language=language)
        )
    return report


def _document_languages(kb: KnowledgeBase) -> dict[str, str]:
    """The language of each indexed document by file name, the way question sets name sources."""
    return {
        Path(info.source).name: _DOCUMENT_LABELS.get(info.language, info.language)
        for info in kb.documents()
    }


def _share(count: float, n: int) -> float:
    return round(count / n, 4) if n else 0.0
