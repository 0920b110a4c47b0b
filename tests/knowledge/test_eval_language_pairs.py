"""The eval report counts answer-hit per question language × document language."""

from __future__ import annotations

from pathlib import Path

from knowledge.engine import KnowledgeBase
from knowledge.eval import EvalQuestion, evaluate
from knowledge.index import KnowledgeIndex
from tests.knowledge.index_support import HashEmbedder, make_document


def test_questions_are_counted_under_their_language_pair(data_dir: Path) -> None:
    index = KnowledgeIndex(data_dir, embedder=HashEmbedder())
    index.upsert(
        [
            make_document("frist", ["Informasjonskrav besvares innen tre uker."], language="nb"),
            make_document("audit", ["The audit found locked fire exits."], language="en"),
        ]
    )
    questions = [
        EvalQuestion("Hva er fristen for informasjonskrav?", "tre uker", "frist.txt", "no"),
        EvalQuestion("What did the audit find?", "locked fire exits", "audit.txt", "en"),
        EvalQuestion("Hvor lang tid har man?", "tre uker", "frist.txt", "en"),
    ]

    payload = evaluate(KnowledgeBase(index), questions).to_json()

    pairs = payload["by_pair"]
    assert isinstance(pairs, dict)
    assert {pair: figures["n"] for pair, figures in pairs.items()} == {
        "en->en": 1,
        "en->no": 1,
        "no->no": 1,
    }
    assert payload["same_language"]["n"] == 2
    assert payload["cross_language"]["n"] == 1
