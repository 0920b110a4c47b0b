"""A read-only cache of passage vectors, keyed by the exact text the model reads.

Why: on first run aktsom indexes its bundled guide, Act and samples, and embedding them (the
dense pass and the sparse latent-term pass) takes tens of seconds on a laptop before the first
answer. Their vectors ship in `knowledge/bundled_vectors.npz`, built from the bundled text by
`python -m knowledge.build_bundled_vectors` (`make bundled-vectors`). A passage is looked up by
the sha256 of the text exactly as the model embeds it (the `passage: ` prefix included), so
a passage whose text changed is not found and is embedded by the model as before. The file
names the embedder that built it, and an embedder of any other identity ignores it.

Usage::

    cache = VectorCache.load(BUNDLED_VECTORS)
    rows, missing = cache.dense_rows(["passage: ..."])   # rows[i] is None where not cached
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

BUNDLED_VECTORS = Path(__file__).with_name("bundled_vectors.npz")
# Dense vectors keep their cosines to about 1e-3 in float16; the sparse values are stored
# as float16 in the catalog anyway (see `sparse_index.to_blob`), so nothing is lost there.
_VALUE_DTYPE = np.float16
_INDEX_DTYPE = np.uint16


@dataclass(frozen=True)
class VectorCache:
    """Dense and sparse vectors of known texts, for one embedder identity."""

    identity: str
    dense: dict[bytes, np.ndarray]
    sparse: dict[bytes, csr_matrix]

    @classmethod
    def load(cls, path: Path) -> VectorCache | None:
        """The cache stored at `path`, or None when there is none (or it cannot be read)."""
        try:
            with np.load(path, allow_pickle=False) as stored:
                return cls._from_arrays({name: stored[name] for name in stored.files})
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            return None

    def dense_rows(self, texts: Sequence[str]) -> tuple[list[np.ndarray | None], list[int]]:
        """The cached dense vector of each text as embedded (None where absent), and the
        positions of the absent ones."""
        rows = [self.dense.get(text_key(text)) for text in texts]
        return rows, [i for i, row in enumerate(rows) if row is None]

    def sparse_rows(self, texts: Sequence[str]) -> tuple[list[csr_matrix | None], list[int]]:
        """The cached sparse 1-row matrix of each text as encoded (None where absent), and
        the positions of the absent ones."""
        rows = [self.sparse.get(text_key(text)) for text in texts]
        return rows, [i for i, row in enumerate(rows) if row is None]

    @classmethod
    def _from_arrays(cls, arrays: dict[str, np.ndarray]) -> VectorCache:
        """The cache from the arrays `save_cache` wrote."""
        dense = arrays["dense"].astype(np.float32)
        dense /= np.linalg.norm(dense, axis=1, keepdims=True)
        sparse = csr_matrix(
            (
                arrays["sparse_values"].astype(np.float32),
                arrays["sparse_indices"].astype(np.int32),
                arrays["sparse_indptr"].astype(np.int64),
            ),
            shape=(len(arrays["sparse_keys"]), int(arrays["sparse_dim"])),
        )
        return cls(
            identity=str(arrays["identity"]),
            dense={key.tobytes(): dense[i] for i, key in enumerate(arrays["dense_keys"])},
            sparse={key.tobytes(): sparse[i] for i, key in enumerate(arrays["sparse_keys"])},
        )


def save_cache(
    path: Path,
    *,
    identity: str,
    dense_texts: Sequence[str],
    dense: np.ndarray,
    sparse_texts: Sequence[str],
    sparse: csr_matrix,
) -> None:
    """Write a cache file: each text (exactly as embedded) beside its vector.

    Args:
        identity: the embedder's identity; a cache is used only by an embedder of the same.
    """
    sparse = sparse.tocsr()
    if sparse.shape[1] > np.iinfo(_INDEX_DTYPE).max + 1:
        raise ValueError(f"{sparse.shape[1]} sparse dimensions do not fit the cache's indices")
    sparse.sort_indices()
    np.savez_compressed(
        path,
        identity=np.array(identity),
        dense_keys=_keys(dense_texts),
        dense=np.asarray(dense, dtype=_VALUE_DTYPE),
        sparse_keys=_keys(sparse_texts),
        sparse_indptr=sparse.indptr.astype(np.int32),
        sparse_indices=sparse.indices.astype(_INDEX_DTYPE),
        sparse_values=sparse.data.astype(_VALUE_DTYPE),
        sparse_dim=np.array(sparse.shape[1]),
    )


def text_key(text: str) -> bytes:
    """The key of a text in the cache: the sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def _keys(texts: Sequence[str]) -> np.ndarray:
    """The keys of `texts` as an (n, 32) byte array."""
    joined = b"".join(text_key(text) for text in texts)
    return np.frombuffer(joined, dtype=np.uint8).reshape(len(texts), 32)
