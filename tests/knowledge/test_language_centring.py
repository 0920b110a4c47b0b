"""A passage that answers in another language is not outranked for being in another language.

e5 places a Norwegian question closer to any Norwegian sentence than to an English sentence
saying what it asks. Each cosine is taken less the question's lean toward the passage's
language (measured on the glossary's parallel terms), in retrieval and in sentence choice.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.embeddings import E5Embedder, make_embedder
from knowledge.glossary import Glossary
from knowledge.index import KnowledgeIndex
from knowledge.language_centroids import language_centroids
from knowledge.retriever import Retriever
from knowledge.sentence_meaning import SentenceMeaning
from tests.knowledge.index_support import make_document

QUESTION_NB = "Må den som ber om informasjon oppgi en grunn?"
ANSWER_EN = "Anyone may request information, and no reason for the request has to be given."
# On topic, in the question's language, and no answer: raw e5 ranks it above ANSWER_EN.
NEIGHBOUR_NB = "Vi publiserer redegjørelsen på nettsiden vår innen 30. juni hvert år."
# The same, sharing the question's words too: a sentence is taken less twice the lean.
WORDY_NEIGHBOUR_NB = (
    "Leverandører som ber om informasjon om våre innkjøpsrutiner, får svar fra innkjøpsavdelingen."
)


@pytest.fixture(scope="module")
def embedder() -> E5Embedder:
    embedder = make_embedder("e5")
    assert isinstance(embedder, E5Embedder)
    return embedder


def test_a_question_leans_toward_its_own_language(embedder: E5Embedder) -> None:
    centroids = language_centroids(Glossary.bundled(), embedder)
    languages = ["nb", "sv", "en", "de"]

    norwegian = centroids.offsets(embedder.embed_query(QUESTION_NB), languages)
    english = centroids.offsets(embedder.embed_query("Must a requester give a reason?"), languages)

    # A language without a centroid (German) is taken as neutral: between the two.
    assert norwegian[0] > norwegian[3] > norwegian[2]
    assert english[2] > english[3] > english[0]


def test_sentence_answering_in_english_is_closer_than_a_norwegian_neighbour(
    embedder: E5Embedder,
) -> None:
    meaning = SentenceMeaning(embedder, Glossary.bundled())

    texts = [ANSWER_EN, NEIGHBOUR_NB, WORDY_NEIGHBOUR_NB]

    cosines = meaning.cosines(QUESTION_NB, texts, ["en", "nb", "nb"])

    assert cosines[0] > max(cosines[1:])


def test_dense_channel_ranks_the_english_answer_above_the_norwegian_neighbour(
    data_dir: Path, embedder: E5Embedder
) -> None:
    index = KnowledgeIndex(data_dir, embedder=embedder)
    index.upsert(
        [
            make_document("requests", [ANSWER_EN], title="Information requests", language="en"),
            make_document("rapport", [NEIGHBOUR_NB], title="Årsrapport"),
        ]
    )
    retriever = Retriever(index, glossary=Glossary.bundled())

    found = retriever.channels(QUESTION_NB)
    dense = found.scores()["dense"]

    best = max(dense, key=dense.__getitem__)
    assert best.startswith("requests:")
    raw_best = max(found.dense, key=found.dense.__getitem__)
    assert raw_best.startswith("rapport:"), "raw cosines no longer favour Norwegian: weaker test"
    assert np.isclose(found.dense[best] - found.dense_offsets[best], dense[best])
