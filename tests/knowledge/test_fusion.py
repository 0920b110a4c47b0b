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


def test_a_translation_ranks_first_when_word_scores_are_compared_within_each_language() -> None:
    """An English question over an English passage that shares its words but not its subject
    ("en") and a Norwegian one that answers it ("nb", found by meaning and a glossary word)."""
    channels = {
        "dense": {"en": 0.80, "nb": 0.86, "sv": 0.70},
        "sparse": {"en": 20.0, "nb": 4.0, "sv": 3.0, "en2": 6.0},
        "bm25": {"en": 9.0, "nb": 2.0, "en2": 1.0},
    }
    languages = {"en": "en", "en2": "en", "nb": "nb", "sv": "sv"}

    over_all = fuse(channels, weights=FusionWeights())
    within = fuse(channels, weights=FusionWeights(), languages=languages)

    assert max(over_all, key=over_all.__getitem__) == "en"
    assert max(within, key=within.__getitem__) == "nb"
    assert within["en"] == over_all["en"]


def test_bokmal_and_nynorsk_word_scores_are_compared_as_one_language() -> None:
    channels = {"dense": {"a": 0.5, "b": 0.5}, "bm25": {"a": 8.0, "b": 2.0}}

    fused = fuse(channels, weights=FusionWeights(), languages={"a": "nb", "b": "nn"})

    assert fused["a"] > fused["b"]


def test_dense_scores_are_compared_over_all_languages() -> None:
    channels = {"dense": {"a": 0.9, "b": 0.5}, "bm25": {"a": 1.0, "b": 1.0}}

    fused = fuse(channels, weights=FusionWeights(), languages={"a": "en", "b": "nb"})

    assert fused["a"] > fused["b"]
