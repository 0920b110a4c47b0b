"""The extractive composer quotes whole facts: lists with their lead-in, figures when asked."""

from __future__ import annotations

from knowledge.composer import ExtractiveComposer
from tests.knowledge.index_support import make_passage


def test_list_is_quoted_with_its_lead_in() -> None:
    passage = make_passage(
        "Kommunen bruker flere kilder for risikokartlegging:\n"
        "- DFØs høyrisikoliste\n- Responsible sourcing tool\n- Egne revisjoner\n\n"
        "Arbeidet evalueres hvert år."
    )

    answer = ExtractiveComposer().compose(
        "Hvilke kilder brukes for risikokartlegging?", [passage], language="nb"
    )

    assert "Responsible sourcing tool" in answer.text
    assert "- Egne revisjoner" in answer.text


def test_how_much_question_gets_the_sentence_with_the_figure() -> None:
    passage = make_passage(
        "Oslo kommune er en stor offentlig innkjøper av varer og tjenester. "
        "Vi kjøper for rundt 27 milliarder kroner årlig. "
        "Innkjøpsmakten gir et stort ansvar."
    )

    answer = ExtractiveComposer().compose(
        "How much does Oslo kommune purchase per year?", [passage], language="en"
    )

    assert "27 milliarder" in answer.text


def test_sentence_repeated_by_overlapping_chunks_is_quoted_once() -> None:
    shared = "Leverandøren skal rette avvikene innen 30 dager."
    first = make_passage(f"Revisjonen fant tre avvik. {shared}", number=1)
    second = make_passage(f"{shared} Ny revisjon skjer i mars.", score=0.9, number=2)

    answer = ExtractiveComposer().compose(
        "Når skal leverandøren rette avvikene?", [first, second], language="nb"
    )

    assert answer.text.count(shared) == 1


def test_every_place_is_a_numbered_source_with_a_verbatim_quote() -> None:
    first = make_passage("Fristen for å svare er tre uker. Den kan forlenges.", number=1)
    second = make_passage("Avslag må begrunnes skriftlig.", score=0.5, number=2, location="Avslag")

    answer = ExtractiveComposer().compose("Hva er fristen?", [first, second], language="nb")

    assert [c.number for c in answer.sources] == [1, 2]
    assert answer.sources[0].quote in first.text
    assert answer.sources[1].quote in second.text


def test_no_passages_means_nothing_found() -> None:
    answer = ExtractiveComposer().compose("Hva er fristen?", [], language="nb")

    assert not answer.found
    assert answer.sources == ()


def test_chunks_of_one_section_are_one_source_with_the_quote_used() -> None:
    opening = make_passage("Innledning om informasjonskrav.", number=1)
    deadline = make_passage("Kravet skal besvares innen tre uker.", score=0.9, number=2)
    elsewhere = make_passage("Forlengelse gis skriftlig.", score=0.5, number=3, location="Frister")

    answer = ExtractiveComposer().compose(
        "Hva er fristen for å besvare kravet?", [opening, deadline, elsewhere], language="nb"
    )

    assert [(c.number, c.location) for c in answer.sources] == [(1, "Innkjøp"), (2, "Frister")]
    assert answer.sources[0].quote == "Kravet skal besvares innen tre uker."
    assert "«Kravet skal besvares innen tre uker.» [1]" in answer.text


def test_question_in_the_text_is_not_quoted_as_its_own_answer() -> None:
    passage = make_passage(
        "Har Forbrukertilsynet en standardmal for redegjørelsen? "
        "Vi har ikke utviklet en egen mal, men loven beskriver innholdet."
    )

    answer = ExtractiveComposer().compose(
        "Har Forbrukertilsynet en standardmal for redegjørelsen?", [passage], language="nb"
    )

    assert "Vi har ikke utviklet en egen mal" in answer.text
    assert "standardmal for redegjørelsen?»" not in answer.text
