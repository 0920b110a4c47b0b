"""Rules of the extractive composer a user would notice: which sentences are quoted, and how.

Each test goes through `ExtractiveComposer.compose` with real passages; the meaning tests use
the bundled e5 model (loaded once for the module).
"""

from __future__ import annotations

import pytest

from knowledge import messages
from knowledge.answer import Passage
from knowledge.composer import ExtractiveComposer
from knowledge.embeddings import E5Embedder
from knowledge.glossary import Glossary
from tests.knowledge.index_support import make_passage


@pytest.fixture(scope="module")
def embedder() -> E5Embedder:
    return E5Embedder()


def _quotes(
    question: str, passages: list[Passage], composer: ExtractiveComposer | None = None
) -> list[str]:
    answer = (composer or ExtractiveComposer()).compose(question, passages, language="nb")
    return answer.text.splitlines()[1:]


def test_an_answer_quoting_passages_is_found() -> None:
    answer = ExtractiveComposer().compose(
        "Hva er fristen?", [make_passage("Fristen for å svare er tre uker.")], language="nb"
    )

    assert answer.found is True


def test_two_sentences_that_both_answer_are_both_quoted() -> None:
    passage = make_passage(
        "Leverandøren skal dokumentere aktsomhetsvurderingen av underleverandører hvert år. "
        "Aktsomhetsvurderingen av underleverandører skal dokumenteres skriftlig av leverandøren. "
        "Kantinen holder åpent til klokken fjorten."
    )

    quotes = _quotes("Hvordan skal leverandøren dokumentere aktsomhetsvurderingen?", [passage])

    assert len(quotes) == 2
    assert not any("Kantinen" in quote for quote in quotes)


def test_when_question_gets_the_sentence_with_the_date() -> None:
    passage = make_passage(
        "Redegjørelsen om aktsomhetsvurderinger skal publiseres på virksomhetens nettside "
        "og være lett tilgjengelig for alle. "
        "Dette skjer senest 30. juni hvert år."
    )

    quotes = _quotes("Når skal redegjørelsen om aktsomhetsvurderinger publiseres?", [passage])

    assert any("30. juni" in quote for quote in quotes)


def test_how_many_question_adds_the_figure_when_words_point_elsewhere() -> None:
    passage = make_passage(
        "Oslo kommune kjøper varer og tjenester fra mange leverandører hvert år, "
        "og Oslo kommune følger opp leverandørene sine tett. "
        "Det gjelder 4200 avtaler."
    )

    quotes = _quotes(
        "Hvor mange leverandører kjøper Oslo kommune varer og tjenester fra hvert år?", [passage]
    )

    assert any("4200" in quote for quote in quotes)


def test_number_question_quotes_the_figure_from_the_second_source() -> None:
    first = make_passage("Leverandøren har ansatte i flere land og er sertifisert.", number=1)
    second = make_passage("Totalt er det 350 ansatte.", score=0.9, number=2, location="Ansatte")

    quotes = _quotes("Hvor mange ansatte har leverandøren?", [first, second])

    assert "«Totalt er det 350 ansatte.» [2]" in quotes


def test_a_full_sentence_outranks_a_fragment_with_the_same_words() -> None:
    passage = make_passage(
        "Frist for svar\n\nSvaret på et informasjonskrav skal gis innen tre uker, som er fristen."
    )

    quotes = _quotes("Hva er fristen for svar på informasjonskrav?", [passage])

    assert quotes == [
        "«Svaret på et informasjonskrav skal gis innen tre uker, som er fristen.» [1]"
    ]


def test_low_retrieval_scores_do_not_change_which_sentence_is_quoted() -> None:
    question = "Hvem godkjenner de etiske retningslinjene for leverandører?"
    texts = (
        "Kommunen har mange avdelinger.",
        "De etiske retningslinjene for leverandører godkjennes av bystyret.",
    )

    def quoted(scale: float) -> list[str]:
        passages = [
            make_passage(texts[0], score=1.0 * scale, number=1, location="Om oss"),
            make_passage(texts[1], score=0.9 * scale, number=2, location="Etikk"),
        ]
        return _quotes(question, passages)

    assert quoted(1.0) == quoted(0.05)
    assert any("bystyret" in quote for quote in quoted(0.05))


def test_a_word_matched_in_a_far_weaker_passage_counts_for_less() -> None:
    strong = make_passage("De etiske retningslinjene gjelder alle leverandører.", number=1)
    weak = make_passage(
        "Bystyret godkjenner nye regler for innkjøp hvert år.",
        score=0.3,
        number=2,
        location="Økonomi",
    )

    quotes = _quotes("Hvem godkjenner de etiske retningslinjene?", [strong, weak])

    assert quotes == ["«De etiske retningslinjene gjelder alle leverandører.» [1]"]


def test_unfinished_list_item_is_quoted_with_the_items_that_complete_it() -> None:
    passage = make_passage(
        "- Vi prioriterer risikoområder som\n- barnearbeid\n- tvangsarbeid\n\n"
        "Arbeidet evalueres hvert år av revisjonen."
    )

    answer = ExtractiveComposer().compose(
        "Hvilke risikoområder prioriteres?", [passage], language="nb"
    )

    assert "«- Vi prioriterer risikoområder som\n- barnearbeid\n- tvangsarbeid» [1]" in answer.text


def test_source_not_quoted_shows_its_opening_cut_at_a_word() -> None:
    long_text = " ".join(["Leverandørene rapporterer kvartalsvis om avvik og tiltak."] * 8)
    first = make_passage("Fristen for å svare er tre uker.", number=1)
    second = make_passage(long_text, score=0.2, number=2, location="Rapportering")

    answer = ExtractiveComposer().compose(
        "Hva er fristen for å svare?", [first, second], language="nb"
    )

    quote = answer.sources[1].quote
    assert quote.endswith(" …")
    assert 250 < len(quote) <= 302
    assert long_text.startswith(quote.removesuffix(" …"))
    assert long_text[len(quote) - 2] == " "


def test_asking_again_gives_the_same_answer(embedder: E5Embedder) -> None:
    composer = ExtractiveComposer(glossary=Glossary.bundled(), embedder=embedder)
    passage = make_passage(
        "Kontrollen gjennomføres av et uavhengig selskap hvert annet år. "
        "Dokumentet er oversatt til engelsk og polsk."
    )
    question = "Which languages is the document available in?"

    first = composer.compose(question, [passage], language="en")
    again = composer.compose(question, [passage], language="en")

    assert again == first


def test_nothing_to_quote_is_said_in_the_askers_language() -> None:
    answer = ExtractiveComposer().compose("Hva er fristen?", [], language="nb")

    assert answer.text == messages.nothing_found("nb")
    assert answer.found is False
    assert answer.language == "nb"


def test_answer_is_framed_in_the_askers_language() -> None:
    passage = make_passage("Fristen for å svare er tre uker.")

    answer = ExtractiveComposer().compose("Hva er fristen?", [passage], language="nb")

    assert answer.text.splitlines()[0] == messages.answer_intro("nb")
    assert answer.language == "nb"


def test_each_source_carries_its_passages_title_source_and_score() -> None:
    passage = make_passage("Fristen for å svare er tre uker.", score=0.42)

    answer = ExtractiveComposer().compose("Hva er fristen?", [passage], language="nb")

    source = answer.sources[0]
    assert (source.title, source.source, source.score) == ("Årsrapport", "rapport.md", 0.42)


def test_glossary_lets_an_english_question_find_the_norwegian_word() -> None:
    passage = make_passage(
        "Kommunen har mange leverandører i mange land. "
        "Innkjøpsavdelingen følger opp avtalene. "
        "Rapporten publiseres på nettsiden. "
        "Fristen er tre uker fra kravet kommer inn. "
        "Spørsmål kan sendes til kommunen."
    )
    composer = ExtractiveComposer(glossary=Glossary.bundled())

    quotes = _quotes("What is the deadline?", [passage], composer)

    assert quotes == ["«Fristen er tre uker fra kravet kommer inn.» [1]"]


def test_sentences_are_quoted_in_the_order_of_the_text() -> None:
    first = "Leverandøren skal rapportere avvik hvert kvartal."
    second = "Leverandøren skal rapportere avvik i underleverandørkjeden skriftlig hvert kvartal."
    passage = make_passage(f"{first} {second}")

    quotes = _quotes(
        "Hvordan skal leverandøren rapportere avvik i underleverandørkjeden?", [passage]
    )

    assert quotes == [f"«{first}» [1]", f"«{second}» [1]"]


def _padded(words: int, tag: str) -> str:
    """A sentence about supplier audits of exactly `words` words."""
    filler = [f"{tag}{n}" for n in range(words - 4)]
    return " ".join(["Leverandørrevisjonen", "dekker", "alle", "underleverandører", *filler]) + "."


def test_answer_stays_within_the_word_limit() -> None:
    sentences = [_padded(50, "a"), _padded(40, "b"), _padded(30, "c")]
    passage = make_passage(" ".join(sentences))

    quotes = _quotes("Hva dekker leverandørrevisjonen av underleverandører?", [passage])

    assert quotes == [f"«{sentences[0]}» [1]", f"«{sentences[1]}» [1]"]


def test_figure_added_for_a_number_question_keeps_the_answer_at_three_sentences() -> None:
    passage = make_passage(
        "Kommunen har avtaler med leverandører av mat, klær og elektronikk. "
        "Leverandører av mat, klær og elektronikk har avtaler med kommunen. "
        "Avtaler med leverandører av klær, mat og elektronikk følges av kommunen. "
        "Tallet var 4200."
    )

    quotes = _quotes(
        "Hvor mange leverandører av mat, klær og elektronikk har kommunen avtaler med?",
        [passage],
    )

    assert len(quotes) == 3
    assert quotes[-1] == "«Tallet var 4200.» [1]"
