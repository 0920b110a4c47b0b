"""Score fusion ranks a passage found by several channels above one found by a single channel."""

from __future__ import annotations

from knowledge.retriever import FusionWeights, fuse


def test_passage_found_by_all_channels_ranks_first() -> None:
    fused = fuse(
        {
            "dense": {"a": 0.86, "b": 0.84, "c": 0.80},
            "sparse": {"a": 9.0, "c": 2.0},
            "bm25": {"a": 4.0, "b": 6.0},
        },
        weights=FusionWeights(),
    )

    assert max(fused, key=fused.__getitem__) == "a"


def test_missing_channel_gives_its_weight_to_the_others() -> None:
    fused = fuse(
        {"dense": {"a": 0.9, "b": 0.1}, "sparse": {}, "bm25": {"a": 1.0, "b": 3.0}},
        weights=FusionWeights(dense=0.45, sparse=0.45, bm25=0.10),
    )

    assert fused["a"] == 0.45 / 0.55
    assert fused["b"] == 0.10 / 0.55


def test_equal_scores_in_a_channel_do_not_divide_by_zero() -> None:
    fused = fuse({"dense": {"a": 0.5, "b": 0.5}}, weights=FusionWeights())

    assert fused == {"a": 1.0, "b": 1.0}
