"""How close in meaning each candidate sentence is to a question, across languages.

The extractive composer chooses sentences by shared words, which cannot see a translation
("deadline" and "frist"). This scores them with the embedder as well: the question is
embedded as a query, the sentences as passages, in one batch per question, and each gets
its cosine with the question, less the part owed to its language alone (see
`knowledge.language_centroids` and SENTENCE_LEAN): raw, the sentences in the question's
language would crowd out the one that answers it in another.

Sentences are embedded at question time, over the top passages only. That costs about as
much as embedding those passages again (some 450 tokens a question on bench/eval2), so
vectors are kept in a bounded cache: questions about one document meet the same sentences
again (three in four sentence embeddings of bench/eval2 are repeats). Vectors do not depend
on the batch they were computed in, so the cache changes no answer.

Usage::

    meaning = SentenceMeaning(embedder, Glossary.bundled())
    cosines = meaning.cosines("When must a request be answered?", ["Fristen er tre uker."], ["nb"])
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from knowledge.embeddings import Embedder
from knowledge.glossary import Glossary
from knowledge.language_centroids import language_centroids

# 384-dimension float32 vectors: about 12 MiB.
MAX_CACHED_SENTENCES = 8192
# How many times the language lean measured on glossary terms is taken off a sentence's
# cosine. A sentence, embedded after its document's title, is longer than a term and carries
# more of its language. Chosen on bench/eval2 from 0-4: cross-language answer-hit 0.70 at 0,
# 0.76 at 1, 0.78 at 1.5-3 (same-language 0.83 throughout); 4 loses a question of the
# bundled set; the shared set is the same at every value.
SENTENCE_LEAN = 2.0


class SentenceMeaning:
    """Cosines of sentences with a question, with the sentence vectors cached (LRU).

    Args:
        glossary: its terms place each language (see `knowledge.language_centroids`).
    """

    def __init__(
        self, embedder: Embedder, glossary: Glossary, *, max_cached: int = MAX_CACHED_SENTENCES
    ) -> None:
        self._embedder = embedder
        self._glossary = glossary
        self._max_cached = max_cached
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def cosines(self, question: str, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        """The cosine of each of `texts` (in `languages`) with `question`, in order, less the
        part owed to its language."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        query = self._embedder.embed_query(question)
        centroids = language_centroids(self._glossary, self._embedder)
        offsets = centroids.offsets(query, languages)
        return self._vectors(texts) @ query - SENTENCE_LEAN * offsets

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors of `texts`: cached ones reused, the rest embedded in one batch."""
        with self._lock:
            known = {text: self._cache[text] for text in texts if text in self._cache}
            for text in known:
                self._cache.move_to_end(text)
        missing = list(dict.fromkeys(text for text in texts if text not in known))
        if missing:
            fresh = dict(zip(missing, self._embedder.embed_passages(missing), strict=True))
            known.update(fresh)
            with self._lock:
                self._cache.update(fresh)
                while len(self._cache) > self._max_cached:
                    self._cache.popitem(last=False)
        return np.stack([known[text] for text in texts])
