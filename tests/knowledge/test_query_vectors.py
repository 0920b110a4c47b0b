"""A question embedded twice (retriever, then composer) costs one model pass, and the
remembered vector cannot be changed by whoever received it."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.embeddings import E5Embedder


def test_a_remembered_query_vector_is_the_models_and_read_only() -> None:
    embedder = E5Embedder()
    first = embedder.embed_query("Hva er fristen for å svare på et informasjonskrav?")
    again = embedder.embed_query("Hva er fristen for å svare på et informasjonskrav?")

    assert again is first
    np.testing.assert_allclose(
        first, E5Embedder().embed_query("Hva er fristen for å svare på et informasjonskrav?")
    )
    with pytest.raises(ValueError, match="read-only"):
        first *= 2
