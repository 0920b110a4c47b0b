"""Quoted sentences are chosen by meaning as well as words, so a translation is seen.

The questions below share no word with the sentence that answers them (nor with its
glossary expansions): only the bundled e5 model can tell which sentence that is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer import Passage
from knowledge.composer import ExtractiveComposer
from knowledge.embeddings import E5Embedder
from knowledge.engine import KnowledgeBase
from knowledge.glossary import Glossary
from knowledge.index import KnowledgeIndex

AUDIT_NB = (
    "Kontrollen gjennomføres av et uavhengig selskap hvert annet år. "
    "Leverandøren dekker utgiftene til kontrollen. "
    "Resultatene deles med ledelsen og styret. "
    "Alle funn følges opp med en tiltaksplan. "
    "Dokumentet er oversatt til engelsk og polsk."
)
BREACH_NB = (
    "Retningslinjene gjelder alle som selger varer til oss. "
    "Styret vedtok dem i 2021 og gjennomgår dem hvert år. "
    "Den som bryter kravene, får først en skriftlig advarsel, og ved gjentatte brudd heves "
    "avtalen. "
    "Spørsmål om retningslinjene kan rettes til innkjøpsavdelingen."
)


@pytest.fixture(scope="module")
def embedder() -> E5Embedder:
    return E5Embedder()


def _passage(text: str) -> Passage:
    return Passage(
        chunk_id="retningslinjer:1",
        doc_id="retningslinjer",
        title="Etiske retningslinjer for innkjøp",
        source="retningslinjer.md",
        location="Oppfølging",
        header="Etiske retningslinjer for innkjøp — Oppfølging",
        text=text,
        score=1.0,
        language="nb",
        kind="guidance",
    )


def _quotes(composer: ExtractiveComposer, question: str, text: str) -> list[str]:
    answer = composer.compose(question, [_passage(text)], language="en")
    return answer.text.splitlines()[1:]


def test_english_question_is_answered_with_the_norwegian_sentence_it_means(
    embedder: E5Embedder,
) -> None:
    composer = ExtractiveComposer(glossary=Glossary.bundled(), embedder=embedder)

    quotes = _quotes(composer, "Which languages is the document available in?", AUDIT_NB)

    assert quotes == ["«Dokumentet er oversatt til engelsk og polsk.» [1]"]


def test_words_alone_miss_the_translated_answer() -> None:
    composer = ExtractiveComposer(glossary=Glossary.bundled())

    quotes = _quotes(composer, "Which languages is the document available in?", AUDIT_NB)

    assert not any("engelsk og polsk" in quote for quote in quotes)


def test_meaning_leaves_out_the_sentences_that_do_not_answer(embedder: E5Embedder) -> None:
    composer = ExtractiveComposer(glossary=Glossary.bundled(), embedder=embedder)

    quotes = _quotes(composer, "What happens to a vendor that breaks the rules?", BREACH_NB)

    assert len(quotes) == 1
    assert "skriftlig advarsel" in quotes[0]


def test_how_many_question_still_gets_the_sentence_with_the_number(embedder: E5Embedder) -> None:
    composer = ExtractiveComposer(glossary=Glossary.bundled(), embedder=embedder)
    text = (
        "Et informasjonskrav skal besvares på en forståelig og dekkende måte. "
        "Svaret skal gis innen 21 dager etter at kravet er mottatt. "
        "Virksomheten skal ha rutiner for dette."
    )

    quotes = _quotes(composer, "How many days does a company have to reply?", text)

    assert any("21 dager" in quote for quote in quotes)


def test_knowledge_base_chooses_sentences_with_its_own_embedder(
    embedder: E5Embedder, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "revisjon.md").write_text(
        f"---\ntitle: Revisjon av leverandører\nkind: guidance\n---\n# Revisjon\n\n{AUDIT_NB}\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase(KnowledgeIndex(tmp_path / "index", embedder=embedder))
    assert not kb.ingest([docs]).failures

    question = "Which languages is the document available in?"
    # The relevance gate is not what this checks: one short document is too little to pass it.
    passages = kb.retrieve(question).passages

    answer = kb.composer.compose(question, passages, language="en")

    assert answer.text.splitlines()[1:] == ["«Dokumentet er oversatt til engelsk og polsk.» [1]"]
