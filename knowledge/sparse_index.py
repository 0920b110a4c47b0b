"""The learned-sparse channel: e5 latent-term vectors of every chunk, scored by dot product.

Like BM25 it is a cache derived from the catalog (which stores each chunk's vector as a blob),
persisted as `<dir>/sparse/<version>.npz` and rebuilt when the catalog's version moves on.
The matrix is kept column-major so a query touches only the columns of its own terms.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.sparse import csc_matrix, csr_matrix, load_npz, save_npz

_INDEX_DTYPE = np.dtype("<i4")
_VALUE_DTYPE = np.dtype("<f2")


def to_blob(row: csr_matrix) -> bytes:
    """Pack one sparse row as little-endian int32 indices followed by float16 values."""
    row = row.tocsr()
    indices = row.indices.astype(_INDEX_DTYPE)
    values = row.data.astype(_VALUE_DTYPE)
    return indices.tobytes() + values.tobytes()


class SparseIndex:
    """Latent-term vectors of every chunk row of one catalog version."""

    def __init__(self, matrix: csc_matrix, *, version: str) -> None:
        self._matrix = matrix
        self.size = matrix.shape[0]
        self.version = version

    @classmethod
    def build(cls, blobs: Sequence[bytes | None], *, dim: int, version: str) -> SparseIndex:
        """Stack packed rows (None: a chunk without a sparse vector) into one matrix."""
        lengths = np.fromiter((len(blob or b"") // 6 for blob in blobs), dtype=np.int64)
        indptr = np.zeros(len(blobs) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        indices = np.empty(int(indptr[-1]), dtype=np.int32)
        values = np.empty(int(indptr[-1]), dtype=np.float32)
        for row, blob in enumerate(blobs):
            start, stop = indptr[row], indptr[row + 1]
            if stop > start:
                split = (stop - start) * _INDEX_DTYPE.itemsize
                indices[start:stop] = np.frombuffer(blob, dtype=_INDEX_DTYPE, count=stop - start)
                values[start:stop] = np.frombuffer(blob, dtype=_VALUE_DTYPE, offset=split)
        matrix = csr_matrix((values, indices, indptr), shape=(len(blobs), dim)).tocsc()
        return cls(matrix, version=version)

    @classmethod
    def load(cls, directory: Path, *, version: str) -> SparseIndex | None:
        """The matrix saved for `version`, or None when there is none or it cannot be read."""
        try:
            matrix = load_npz(directory / f"{version}.npz")
        except Exception:
            # A truncated or damaged cache (BadZipFile, EOFError, ...) is rebuilt from the
            # catalog like a missing one; failing here would break every question.
            return None
        return cls(csc_matrix(matrix), version=version)

    def save(self, directory: Path) -> None:
        """Persist as `directory/<version>.npz` atomically, then drop other versions."""
        directory.mkdir(parents=True, exist_ok=True)
        staging = directory / f".staging-{uuid.uuid4().hex}.npz"
        save_npz(staging, self._matrix, compressed=False)
        os.replace(staging, directory / f"{self.version}.npz")
        for other in directory.glob("*.npz"):
            if other.name != f"{self.version}.npz" and not other.name.startswith(".staging-"):
                other.unlink(missing_ok=True)

    def scores(self, query: csr_matrix) -> np.ndarray:
        """Dot product of `query` (a 1-row matrix) with every row."""
        query = query.tocsr()
        keep = query.indices < self._matrix.shape[1]
        columns, weights = query.indices[keep], query.data[keep].astype(np.float32)
        if columns.size == 0 or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._matrix[:, columns] @ weights, dtype=np.float32).ravel()
