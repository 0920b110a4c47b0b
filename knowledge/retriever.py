"""Hybrid retrieval: dense e5 vectors, e5 sparse latent terms and BM25, fused by score.

Each channel returns its best candidates with raw scores; scores are min-max normalised per
channel (a candidate a channel did not return scores 0 there) and combined convexly. Score
fusion beats rank fusion on due-diligence text (see ARCHITECTURE.md), and the learned sparse
channel carries as much weight as dense.

The two word-matching channels (sparse latent terms, BM25) are normalised within each
document language, not over all candidates: their scores measure shared words, so a
Norwegian passage answering an English question scores far below any English passage
sharing a few words with it, however well it answers. Normalised per language, the best
match in each language counts alike, and the dense channel, which does see translations,
decides between them. Dense scores are normalised over all candidates, after taking from
each the part owed to its document's language alone (`knowledge.language_centroids`): the
raw cosine favours the question's language.

A passage that names what the question names (a company, an organisation, in its text,
header, title or supplier) earns NAMED_BONUS on top of its fused score: "How many duties
does the law impose, according to Bredengen?" is about Bredengen's statement, not about the
other statements that list the same duties in the question's language.

BM25 and the dense channel see the question expanded with the glossary, so an English
question about "forced labour" also matches "tvangsarbeid" and "tvångsarbete", and its
vector moves toward the documents' own words. The sparse channel gets the question as asked:
expansion terms dilute its latent terms (measured: MRR drops when the sparse query is
expanded). `bench/fusion.py` re-derives the weights and these choices on bench/eval2 and
checks them on a second set.

The sparse pass over the question runs in a worker thread while the dense pass runs in the
caller's: both are model calls that release the GIL, so the question costs about one pass
instead of two (on two cores, about 32 ms instead of 60 ms a question).

Usage::

    retriever = Retriever(index, glossary=Glossary.bundled())
    hits = retriever.search("Hva er fristen for å svare på et informasjonskrav?", limit=5)
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from knowledge.answer import Passage
from knowledge.catalog import StoredChunk
from knowledge.embeddings import SparseEncoder
from knowledge.glossary import Glossary
from knowledge.index import Filters, KnowledgeIndex
from knowledge.language_centroids import language_centroids
from knowledge.names import find_names, words_in

CANDIDATES_PER_CHANNEL = 50
LEXICAL_CHANNELS = frozenset({"sparse", "bm25"})
# Fused scores lie in 0-1. Chosen on bench/eval2 from 0.1 and 0.3 (the same there; 0.1 moves
# fewer passages): answer-hit 0.726 -> 0.753, the shared set unchanged.
NAMED_BONUS = 0.1
# Bokmål and Nynorsk share most of their words: one group for the word-matching channels.
_LANGUAGE_GROUPS = {"nn": "nb"}
SPARSE_WORKERS = 2


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """Weights of the three channels; the dense weight also applies when sparse is absent."""

    dense: float = 0.45
    sparse: float = 0.40
    bm25: float = 0.15


DEFAULT_WEIGHTS = FusionWeights()


@dataclass(frozen=True, slots=True)
class Channels:
    """Each channel's candidates by chunk id with raw scores; sparse is None without an encoder.

    `dense_offsets` holds, for each dense candidate, the part of its cosine owed to its
    document's language (see `knowledge.language_centroids`).
    """

    dense: dict[str, float]
    sparse: dict[str, float] | None
    bm25: dict[str, float]
    expansions: list[str]
    dense_offsets: dict[str, float] = field(default_factory=dict)

    def scores(self) -> dict[str, dict[str, float]]:
        """The channels by name, as `fuse` takes them: dense cosines less their offsets."""
        dense = {cid: score - self.dense_offsets.get(cid, 0.0) for cid, score in self.dense.items()}
        return {"dense": dense, "sparse": self.sparse or {}, "bm25": self.bm25}

    def candidates(self) -> set[str]:
        """Every chunk id some channel returned."""
        return set(self.dense) | set(self.sparse or {}) | set(self.bm25)


@dataclass(frozen=True, slots=True)
class Retrieval:
    """Ranked passages plus the raw evidence the composer uses to decide whether to answer."""

    passages: list[Passage]
    best_dense: float
    best_sparse: float | None
    expansions: list[str]


class Retriever:
    """Runs the three channels over one index and fuses them."""

    def __init__(
        self,
        index: KnowledgeIndex,
        *,
        glossary: Glossary,
        weights: FusionWeights = DEFAULT_WEIGHTS,
    ) -> None:
        self._index = index
        self._glossary = glossary
        self._weights = weights
        self._sparse_pool = ThreadPoolExecutor(SPARSE_WORKERS, thread_name_prefix="sparse-query")

    def channels(self, question: str, *, filters: Filters | None = None) -> Channels:
        """Each channel's best candidates for `question` with their raw scores."""
        expansions = self._glossary.expand(question)
        expanded = " ".join([question, *expansions])
        embedder = self._index.embedder
        sparse_capable = isinstance(embedder, SparseEncoder)
        sparse_query = (
            self._sparse_pool.submit(embedder.sparse_query, question) if sparse_capable else None
        )
        query_vector = embedder.embed_query(expanded)
        dense = self._index.dense_search(
            query_vector, limit=CANDIDATES_PER_CHANNEL, filters=filters
        )
        bm25 = self._index.bm25_search(expanded, limit=CANDIDATES_PER_CHANNEL, filters=filters)
        sparse: dict[str, float] | None = None
        if sparse_query is not None:
            sparse = self._index.sparse_search(
                sparse_query.result(), limit=CANDIDATES_PER_CHANNEL, filters=filters
            )
        return Channels(
            dense=dense,
            sparse=sparse,
            bm25=bm25,
            expansions=expansions,
            dense_offsets=self._language_offsets(query_vector, dense),
        )

    def _language_offsets(
        self, query_vector: np.ndarray, dense: Mapping[str, float]
    ) -> dict[str, float]:
        """The part of each dense candidate's cosine owed to its document's language."""
        chunks = self._index.chunks(list(dense))
        centroids = language_centroids(self._glossary, self._index.embedder)
        offsets = centroids.offsets(query_vector, [chunk.language for chunk in chunks])
        return {chunk.chunk_id: float(o) for chunk, o in zip(chunks, offsets, strict=True)}

    def search(self, question: str, *, limit: int = 5, filters: Filters | None = None) -> Retrieval:
        """The `limit` best passages for `question`, best first."""
        found = self.channels(question, filters=filters)
        candidates = {
            chunk.chunk_id: chunk for chunk in self._index.chunks(list(found.candidates()))
        }
        languages = {chunk_id: chunk.language for chunk_id, chunk in candidates.items()}
        fused = fuse(found.scores(), weights=self._weights, languages=languages)
        self._favour_named(question, candidates, fused)
        best = sorted(fused.items(), key=lambda item: item[1], reverse=True)[:limit]
        passages = [_to_passage(candidates[chunk_id], score) for chunk_id, score in best]
        return Retrieval(
            passages=passages,
            best_dense=max(found.dense.values(), default=0.0),
            best_sparse=None if found.sparse is None else max(found.sparse.values(), default=0.0),
            expansions=found.expansions,
        )

    def _favour_named(
        self, question: str, candidates: Mapping[str, StoredChunk], fused: dict[str, float]
    ) -> None:
        """Add NAMED_BONUS to the fused score of each candidate naming what `question` names.

        Only names the index knows count, and no glossary term (a concept, not a name).
        """
        names = [
            name
            for name in find_names(question, self._index.lexicon())
            if name.known and not self._glossary.translations(name.text)
        ]
        if not names:
            return
        for chunk_id, chunk in candidates.items():
            text = " ".join([chunk.title, chunk.header, chunk.text, chunk.supplier or ""])
            words = words_in(text)
            if any(name.mentioned_in(words) for name in names):
                fused[chunk_id] += NAMED_BONUS


def _to_passage(chunk: StoredChunk, score: float) -> Passage:
    return Passage(
        chunk_id=chunk.chunk_id,
        doc_id=chunk.doc_id,
        title=chunk.title,
        source=chunk.source,
        location=chunk.location,
        header=chunk.header,
        text=chunk.text,
        score=score,
        language=chunk.language,
        kind=chunk.kind,
        supplier=chunk.supplier,
    )


def fuse(
    channels: Mapping[str, Mapping[str, float]],
    *,
    weights: FusionWeights,
    languages: Mapping[str, str] | None = None,
) -> dict[str, float]:
    """Convex combination of min-max normalised channel scores over the union of candidates.

    With `languages` (chunk id -> document language), the word-matching channels are
    normalised within each language. A channel with no candidates gives its weight to the
    others, so dense-only embedders (sentence-transformers) are fused with BM25 alone.
    """
    active = {name: scores for name, scores in channels.items() if scores}
    total = sum(getattr(weights, name) for name in active)
    fused: dict[str, float] = {}
    for name, scores in active.items():
        weight = getattr(weights, name) / total if total else 0.0
        lexical = languages is not None and name in LEXICAL_CHANNELS
        normalised = _min_max_within(scores, languages) if lexical else _min_max(scores)
        for chunk_id, value in normalised.items():
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight * value
    return fused


def _min_max_within(scores: Mapping[str, float], languages: Mapping[str, str]) -> dict[str, float]:
    """Min-max normalised scores, each language group on its own."""
    groups: dict[str, dict[str, float]] = {}
    for chunk_id, value in scores.items():
        language = languages.get(chunk_id, "")
        groups.setdefault(_LANGUAGE_GROUPS.get(language, language), {})[chunk_id] = value
    return {key: value for group in groups.values() for key, value in _min_max(group).items()}


def _min_max(scores: Mapping[str, float]) -> dict[str, float]:
    values = np.fromiter(scores.values(), dtype=np.float64)
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-12:
        return dict.fromkeys(scores, 1.0)
    return {key: (value - low) / (high - low) for key, value in scores.items()}
