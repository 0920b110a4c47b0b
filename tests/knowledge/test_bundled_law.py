"""The Transparency Act's own text is bundled as kind `law`, and the bundled guide is held to it.

A legal question quotes the Act beside the guide, located at the § it comes from; the Act's
provenance stays in the file and never answers a question; and every § the guide cites, with
its ledd and letter, is one the bundled Act has, in both language versions alike (issues 16
point 3 and 17).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml

from ingestion import read_document
from ingestion.sentences import split_sentences
from knowledge.engine import KnowledgeBase
from knowledge.index import Filters

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
LAW = KNOWLEDGE / "law" / "apenhetsloven.md"
NORWEGIAN = KNOWLEDGE / "guide" / "apenhetsloven-veileder.md"
ENGLISH = KNOWLEDGE / "guide" / "transparency-act-guide.md"
ACT_TITLE = "Åpenhetsloven (LOV-2021-06-18-99)"

# Sections of other Acts are numbered "2 A-6" (arbeidsmiljøloven) or "3-5" (regnskapsloven);
# the Transparency Act's are plain numbers, so a number followed by "-" or " A-" is not one.
_NUMBER = r"\d+(?!\d|-| A-)"
_NUMBERS = rf"{_NUMBER}(?:(?:,\s*|\s*–\s*|\s+(?:og|eller|til|and|or|to)\s+){_NUMBER})*"
_ORDINALS = {
    "første": 1,
    "andre": 2,
    "annet": 2,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
}
_ORDINAL = "|".join(_ORDINALS)
_CITATION = {
    "nb": re.compile(
        rf"(?<![\w-])§§?\s*(?P<numbers>{_NUMBERS})"
        rf"(?:\s+(?P<ledd>(?:{_ORDINAL})(?:\s+og\s+(?:{_ORDINAL}))?)\s+ledd)?"
        r"(?:\s+bokstav\s+(?P<letters>[a-f](?:\s+til\s+[a-f])?))?"
    ),
    "en": re.compile(
        rf"\bsections?\s+(?P<numbers>{_NUMBERS})"
        rf"(?:\s+(?P<ledd>(?:{_ORDINAL})(?:\s+and\s+(?:{_ORDINAL}))?)\s+paragraphs?)?"
        r"(?:\s+letters?\s+(?P<letters>[a-f](?:\s+to\s+[a-f])?))?"
    ),
}
# Month names as the guides write dates ("1. desember 2026", "1 December 2026").
_MONTHS = {
    name: number
    for names in (
        "januar februar mars april mai juni juli august september oktober november desember",
        "January February March April May June July August September October November December",
    )
    for number, name in enumerate(names.split(), start=1)
}
# Deadlines a rule can name; the ledd it cites must name the same one.
_DEADLINES = ("tre uker", "to måneder", "30. juni", "seks måneder", "fire uker", "rimelig tid")


@dataclass(frozen=True)
class Citation:
    """One reference to the Transparency Act: sections, the ledd named (0: none), letters."""

    sections: tuple[int, ...]
    ledd: tuple[int, ...]
    letters: tuple[str, ...]


def _act() -> dict[int, list[str]]:
    """The bundled Act as § number -> its ledd, read from the file as it is shipped."""
    body = LAW.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    sections: dict[int, list[str]] = {}
    for part in re.split(r"^## ", body, flags=re.MULTILINE)[1:]:
        heading, _, text = part.partition("\n")
        number = int(re.match(r"§ (\d+)\.", heading).group(1))
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        sections[number] = [p for p in paragraphs if not p.startswith("Merknad (Lovdata)")]
    return sections


def _sentences(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", body.strip())]
    return [s for part in paragraphs if not part.startswith("#") for s in split_sentences(part)]


def _front_matter(path: Path) -> dict[str, str]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def _citations(text: str, *, language: str) -> list[Citation]:
    found = []
    for match in _CITATION[language].finditer(text):
        numbers = [int(n) for n in re.findall(r"\d+", match["numbers"])]
        if "–" in match["numbers"] or re.search(r"\b(?:til|to)\b", match["numbers"]):
            numbers = list(range(numbers[0], numbers[-1] + 1))
        ledd = tuple(_ORDINALS[word] for word in re.findall(_ORDINAL, match["ledd"] or ""))
        bounds = re.findall(r"\b[a-f]\b", match["letters"] or "")
        letters = (
            tuple(chr(c) for c in range(ord(bounds[0]), ord(bounds[-1]) + 1)) if bounds else ()
        )
        found.append(Citation(tuple(numbers), ledd, letters))
    return found


@pytest.fixture(scope="module")
def act() -> dict[int, list[str]]:
    return _act()


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    knowledge = KnowledgeBase.open(tmp_path_factory.mktemp("bundled-law") / "index")
    report = knowledge.seed_if_empty()
    assert report is not None and not report.failures
    return knowledge


# --- the Act as the index holds it --------------------------------------------------------


def test_act_is_read_as_law_one_section_after_another() -> None:
    document = read_document(LAW, max_bytes=10**6)

    assert document is not None
    assert (document.kind, document.title, document.language) == ("law", ACT_TITLE, "nb")
    numbers = [int(chunk.location.removeprefix("§ ")) for chunk in document.chunks]
    assert sorted(set(numbers)) == list(range(1, 16)) and numbers == sorted(numbers)
    headers = {chunk.header for chunk in document.chunks}
    assert f"{ACT_TITLE} — § 6 Rett til informasjon" in headers
    assert f"{ACT_TITLE} — § 14 Vedtak om overtredelsesgebyr" in headers


def test_each_section_is_its_chunks_verbatim_and_split_only_between_ledd(
    act: dict[int, list[str]],
) -> None:
    document = read_document(LAW, max_bytes=10**6)
    lines = set(LAW.read_text(encoding="utf-8").splitlines())

    assert document is not None and len(document.sections) == len(act) == 15
    for section in document.sections:
        number = section.heading.split(".")[0]
        texts = [chunk.text for chunk in document.chunks if chunk.location == number]
        # Joined back, the chunks are the section: nothing cut, repeated or left out.
        assert "\n\n".join(texts) == section.text, number
        assert all(set(text.splitlines()) - {""} <= lines for text in texts), number
        # A later chunk starts a ledd, never a list item cut from the lead-in above it.
        assert not any(text.startswith(("a. ", "b. ", "1. ")) for text in texts[1:]), number


def test_short_sections_are_one_chunk_each() -> None:
    document = read_document(LAW, max_bytes=10**6)

    assert document is not None
    for number in (1, 7, 11, 12, 14):
        assert [c.location for c in document.chunks].count(f"§ {number}") == 1, number


def test_provenance_stays_in_the_file_and_out_of_every_passage() -> None:
    document = read_document(LAW, max_bytes=10**6)
    front_matter = LAW.read_text(encoding="utf-8").split("\n---\n", 1)[0]

    assert "LOV-2021-06-18-99" in front_matter and "1. november 2024" in front_matter
    assert "Ansvar-Systems/Norwegian-law-mcp" in front_matter
    assert "LOV-2021-06-18-99" in (LAW.parent / "SOURCES.md").read_text(encoding="utf-8")
    assert document is not None
    for chunk in document.chunks:
        for provenance in ("commit", "NLOD", "Opphavsrett", "Kilde", "konsolidert tekst"):
            assert provenance not in chunk.indexed_text, chunk.location


# --- legal questions quote the Act --------------------------------------------------------


def test_deadline_question_is_answered_with_section_7_of_the_act(kb: KnowledgeBase) -> None:
    question = "Hvor lang tid har virksomheten på å svare på et informasjonskrav?"

    answer = kb.ask(question)
    passages = kb.retrieve(question).passages

    assert answer.found and "tre uker" in answer.text
    assert any(s.title == ACT_TITLE and s.location == "§ 7" for s in answer.sources)
    assert any(p.kind == "law" and p.location == "§ 7" for p in passages[: kb.top_k])


def test_infringement_fee_question_quotes_the_repeated_breach_rule_of_section_14(
    kb: KnowledgeBase,
) -> None:
    answer = kb.ask("Når kan det ilegges overtredelsesgebyr etter åpenhetsloven?")

    assert answer.found
    assert "gjentatte overtredelser av §§ 5, 6 eller 7" in answer.text
    act_sources = [s for s in answer.sources if s.title == ACT_TITLE and s.location == "§ 14"]
    assert act_sources and "Ved gjentatte overtredelser" in act_sources[0].quote


def test_act_can_be_asked_alone_by_kind(kb: KnowledgeBase) -> None:
    answer = kb.ask(
        "Hva skal et avslag på et informasjonskrav opplyse om?",
        filters=Filters(kinds=frozenset({"law"})),
    )

    assert answer.found
    assert {s.title for s in answer.sources} == {ACT_TITLE}
    assert answer.sources[0].location == "§ 7"


# --- the guide is held to the Act ---------------------------------------------------------


def test_every_section_ledd_and_letter_the_guide_cites_exists_in_the_act(
    act: dict[int, list[str]],
) -> None:
    citations = [
        citation
        for sentence in _sentences(NORWEGIAN)
        for citation in _citations(sentence, language="nb")
    ]

    assert len(citations) > 60
    assert {5, 6, 7, 14} <= {n for c in citations for n in c.sections}
    for citation in citations:
        for number in citation.sections:
            assert number in act, citation
            assert all(ledd <= len(act[number]) for ledd in citation.ledd), citation
            cited = "\n".join(act[number][ledd - 1] for ledd in citation.ledd) or "\n".join(
                act[number]
            )
            for letter in citation.letters:
                assert re.search(rf"^{letter}\. ", cited, re.MULTILINE), citation


def test_both_guides_cite_the_same_sections_of_the_act_in_the_same_order() -> None:
    norwegian = [c for s in _sentences(NORWEGIAN) for c in _citations(s, language="nb")]
    english = [c for s in _sentences(ENGLISH) for c in _citations(s, language="en")]

    assert norwegian == english


def test_a_deadline_the_guide_states_is_in_the_ledd_it_cites(act: dict[int, list[str]]) -> None:
    checked = 0
    for sentence in _sentences(NORWEGIAN):
        cited = [
            act[number][ledd - 1] if ledd else "\n\n".join(act[number])
            for citation in _citations(sentence, language="nb")
            for number in citation.sections
            for ledd in citation.ledd or (0,)
        ]
        for deadline in (d for d in _DEADLINES if d in sentence and cited):
            checked += 1
            assert any(deadline in text for text in cited), sentence
    assert checked >= 8


def test_supervision_is_cited_to_section_9_and_guidance_to_section_8(
    act: dict[int, list[str]],
) -> None:
    sentences = _sentences(NORWEGIAN)
    supervision = [s for s in sentences if "Forbrukertilsynet fører tilsyn" in s]
    guidance = [s for s in sentences if "Forbrukertilsynet skal også veilede" in s]

    assert "fører tilsyn" in act[9][0] and "veiledninger" in act[8][0]
    assert [_citations(s, language="nb") for s in supervision] == [[Citation((9,), (1,), ())]]
    assert [_citations(s, language="nb") for s in guidance] == [[Citation((8,), (), ())]]


def test_guide_defines_larger_enterprises_by_the_consolidated_section_3_a(
    act: dict[int, list[str]],
) -> None:
    letter_a = act[3][0].split("\nb. ")[0]
    letter_a_citation = Citation((3,), (1,), ("a",))
    norwegian = " ".join(
        s for s in _sentences(NORWEGIAN) if letter_a_citation in _citations(s, language="nb")
    )
    english = " ".join(
        s for s in _sentences(ENGLISH) if letter_a_citation in _citations(s, language="en")
    )

    # Each phrase is the Act's own, and the guide's § 3 a passage uses it.
    for phrase in (
        "foretak av allmenn interesse etter regnskapsloven § 1-6",
        "på balansedagen overskrider minst to av",
        "70 millioner kroner",
        "35 millioner kroner",
        "50 årsverk",
        "mor- og datterselskaper sett som en enhet",
        "ikke lenger overskrider",
        "først for det andre av to regnskapsår etter hverandre",
    ):
        assert phrase in letter_a, phrase
        assert phrase in norwegian, phrase
    for phrase in (
        "public-interest entity",
        "section 1-6 of the Accounting Act",
        "exceeds at least two of these three thresholds",
        "seen as one unit",
        "no longer exceeds",
        "only for the second of two consecutive financial years",
    ):
        assert phrase in english, phrase
    # The 2021 wording and the warning that stood in for the amended text are gone.
    for text in (NORWEGIAN.read_text(encoding="utf-8"), ENGLISH.read_text(encoding="utf-8")):
        assert "1-5" not in text
        for stale in ("sekundærkilder", "secondary sources", "lovteksten fra 2021", "2021 text"):
            assert stale not in text


def test_each_rule_of_section_5_cites_the_ledd_that_states_it(
    act: dict[int, list[str]],
) -> None:
    # Phrases of the consolidated § 5, each with the ledd it stands in there.
    rules = {
        "innen 30. juni hvert år": 4,
        "underskrives i tråd med reglene i regnskapsloven § 3-5": 4,
        "vesentlige endringer i virksomhetens risikovurderinger": 4,
        "lett tilgjengelig på virksomhetens nettsider": 3,
        "i årsberetningen opplyse om hvor redegjørelsen er tilgjengelig": 3,
    }
    sentences = _sentences(NORWEGIAN)

    for phrase, ledd in rules.items():
        assert phrase in act[5][ledd - 1], phrase
        stating = [s for s in sentences if phrase in s]
        assert stating, phrase
        for sentence in stating:
            cited = [c.ledd for c in _citations(sentence, language="nb") if c.sections == (5,)]
            assert cited == [(ledd,)], sentence
    # No rule is cited to § 5 as a whole: every citation of § 5 alone names its ledd.
    alone = [c for s in sentences for c in _citations(s, language="nb") if c.sections == (5,)]
    assert alone and all(c.ledd for c in alone)


def test_guide_states_its_own_version_and_the_version_of_the_act_it_follows() -> None:
    law = _front_matter(LAW)
    for path, dated, follows in (
        (NORWEGIAN, r"datert (\d+)\. (\w+) (\d{4})", "gjelder fra 1. november 2024"),
        (ENGLISH, r"dated (\d+) (\w+) (\d{4})", "in force from 1 November 2024"),
    ):
        guide = _front_matter(path)
        version = date.fromisoformat(guide["versjon"])
        (sentence,) = [s for s in _sentences(path) if re.search(dated, s)]
        day, month, year = re.search(dated, sentence).groups()

        assert date(int(year), _MONTHS[month], int(day)) == version, path.name
        assert follows in sentence and follows in guide["lov"], path.name
        assert "LOV-2021-06-18-99" in guide["lov"] and guide["kilde"], path.name
    assert "1. november 2024" in law["versjon"]
