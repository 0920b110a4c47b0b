"""How much of a cosine is owed to language alone, so a translation scores like the original.

A multilingual embedder places a text partly by what it says and partly by the language it
says it in: a Norwegian question lies closer to any Norwegian passage than to an English one
saying the same, so the passage in the question's language wins a close call whatever it
says. On bench/eval2 a Norwegian or Swedish question over an English statement found its
answer at rank 2-5 behind Norwegian passages of other documents (MRR 0.39, answer-hit 0.17).

The shared part is the mean vector of a language (its centroid). Measured on the whole
index, a centroid mixes language with topic (the English documents may all be about one
thing). Measured on parallel text it is language alone: the glossary names each concept in
every language, so the centroids of its terms differ by language, not by topic. A passage's
cosine with the question, less the question's cosine with the centroid of the passage's
language, is that passage's lead over an average text of its language; these leads compare
across languages (centring by language, Libovický et al. 2020, "On the language neutrality
of pre-trained multilingual representations").

Measured on bench/eval2 (retrieval's dense channel): MRR 0.81 -> 0.83, cross-language
answer-hit 0.65 -> 0.70, the shared set unchanged; with the composer's sentence meaning
centred too, cross-language answer-hit 0.78 (same-language 0.83). Centroids from the
glossary's headwords alone did as well on bench/eval2 and worse on the shared set (MRR
0.84), from the index's own chunks worse on both.

The e5 vectors of the bundled glossary's terms ship in the bundled vector cache, so building
the centroids costs no model time; an embedder without them embeds some 2,800 short terms
once per process (about 20 s with e5, a few seconds with MiniLM).

Usage::

    centroids = language_centroids(Glossary.bundled(), embedder)
    offsets = centroids.offsets(query_vector, ["nb", "en"])    # subtract from the cosines
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from knowledge.embeddings import Embedder
from knowledge.glossary import LANGUAGE_COLUMNS, Glossary


class LanguageCentroids:
    """The mean passage vector of each language's glossary terms."""

    def __init__(self, centroids: Mapping[str, np.ndarray]) -> None:
        self._languages = {language: i for i, language in enumerate(centroids)}
        self._matrix = np.stack([np.asarray(v, dtype=np.float32) for v in centroids.values()])

    @classmethod
    def from_glossary(cls, glossary: Glossary, embedder: Embedder) -> LanguageCentroids:
        """Centroids of every language the glossary has terms in, embedded as passages."""
        centroids = {}
        for language in LANGUAGE_COLUMNS:
            terms = glossary.terms(language)
            if terms:
                centroids[language] = np.asarray(embedder.embed_passages(terms)).mean(axis=0)
        return cls(centroids)

    def offsets(self, query_vector: np.ndarray, languages: Sequence[str]) -> np.ndarray:
        """The part of each cosine with `query_vector` owed to its text's language: the query's
        cosine with that language's centroid, less its mean over the languages (0 for a
        language without a centroid)."""
        leans = self._matrix @ np.asarray(query_vector, dtype=np.float32)
        leans -= leans.mean()
        known = self._languages
        return np.array([leans[known[lang]] if lang in known else 0.0 for lang in languages])


@lru_cache(maxsize=4)
def language_centroids(glossary: Glossary, embedder: Embedder) -> LanguageCentroids:
    """The centroids of `glossary` under `embedder`, built once per pair in a process."""
    return LanguageCentroids.from_glossary(glossary, embedder)
