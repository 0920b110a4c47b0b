"""The bundled guide states the Transparency Act's rules as the Act words them (issue 17).

People act on what the bot quotes from `knowledge/guide/`, so each rule the review found
imprecise is pinned here in both language versions, the two files are held to the same
sentences and the same citations in the same order, and every deadline names its section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from ingestion.sentences import split_sentences

GUIDE_DIR = Path(__file__).resolve().parents[2] / "knowledge" / "guide"
NORWEGIAN = GUIDE_DIR / "apenhetsloven-veileder.md"
ENGLISH = GUIDE_DIR / "transparency-act-guide.md"

# The Transparency Act's own sections that carry rules; a citation outside them is a typo.
ACT_SECTIONS = frozenset(str(number) for number in range(1, 15))
# Working Environment Act ch. 2 A and the Accounting Act sections the guide refers to.
OTHER_ACT_SECTIONS = frozenset({"2 A-1", "2 A-2", "2 A-3", "2 A-4", "2 A-6", "1-6", "3-5"})

_NUMBER = r"\d+(?: A-\d+|-\d+)?"
_NORWEGIAN_CITATION = re.compile(
    rf"§§?\s*(?P<numbers>{_NUMBER}(?:(?:,\s*|\s+(?:og|eller|til)\s+){_NUMBER})*)"
    r"(?:\s+(?P<paragraph>første|andre|tredje|fjerde|femte)\s+ledd)?"
    r"(?:\s+bokstav\s+(?P<letters>[a-f](?:\s+til\s+[a-f])?))?"
)
_ENGLISH_CITATION = re.compile(
    rf"\bsections?\s+(?P<numbers>{_NUMBER}(?:(?:,\s*|\s+(?:and|or|to)\s+){_NUMBER})*)"
    r"(?:\s+(?P<paragraph>first|second|third|fourth|fifth)\s+paragraph)?"
    r"(?:\s+letters?\s+(?P<letters>[a-f](?:\s+to\s+[a-f])?))?"
)
_ORDINALS = {
    "første": 1,
    "andre": 2,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
}
# Deadlines the Act and chapter 2 A set; a sentence naming one must say where it comes from.
_NORWEGIAN_DEADLINE = re.compile(
    r"tre uker|to måneder|30\. juni|seks måneder|fire uker|rimelig tid"
)
_ENGLISH_DEADLINE = re.compile(
    r"three weeks|two months|30 June|six months|four weeks|reasonable time"
)


@dataclass(frozen=True)
class Guide:
    """One guide file: its front matter, headings, paragraphs and sentences in order."""

    front_matter: str
    headings: list[str]
    paragraphs: list[str]
    sentences: list[str]
    text: str


def _read(path: Path) -> Guide:
    raw = path.read_text(encoding="utf-8")
    _, front_matter, body = raw.split("---", 2)
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", body.strip())]
    headings = [part for part in paragraphs if part.startswith("#")]
    sentences = [
        s for part in paragraphs if not part.startswith("#") for s in split_sentences(part)
    ]
    return Guide(front_matter, headings, paragraphs, sentences, body)


@pytest.fixture(scope="module")
def no() -> Guide:
    return _read(NORWEGIAN)


@pytest.fixture(scope="module")
def en() -> Guide:
    return _read(ENGLISH)


def _citations(text: str, pattern: re.Pattern[str]) -> list[tuple[tuple[str, ...], int, str]]:
    found = []
    for match in pattern.finditer(text):
        numbers = tuple(re.findall(_NUMBER, match["numbers"]))
        paragraph = _ORDINALS.get(match["paragraph"] or "", 0)
        letters = "".join(re.findall(r"\b[a-f]\b", match["letters"] or ""))
        found.append((numbers, paragraph, letters))
    return found


def _with(sentences: list[str], *words: str) -> list[str]:
    return [s for s in sentences if all(word.lower() in s.lower() for word in words)]


# --- the two versions stay one text -------------------------------------------------------


def test_front_matter_keeps_title_and_kind(no: Guide, en: Guide) -> None:
    assert "title: Veileder til åpenhetsloven" in no.front_matter
    assert "title: Guide to the Transparency Act" in en.front_matter
    assert "kind: guidance" in no.front_matter and "kind: guidance" in en.front_matter


def test_both_versions_have_the_same_sections(no: Guide, en: Guide) -> None:
    def levels(guide: Guide) -> list[int]:
        return [len(heading) - len(heading.lstrip("#")) for heading in guide.headings]

    assert len(no.headings) == len(en.headings)
    assert levels(no) == levels(en)


def test_both_versions_match_paragraph_for_paragraph_and_sentence_for_sentence(
    no: Guide, en: Guide
) -> None:
    assert len(no.paragraphs) == len(en.paragraphs)
    for norwegian, english in zip(no.paragraphs, en.paragraphs, strict=True):
        assert len(split_sentences(norwegian)) == len(split_sentences(english)), norwegian


def test_both_versions_cite_the_same_sections_in_the_same_order(no: Guide, en: Guide) -> None:
    norwegian = _citations(no.text, _NORWEGIAN_CITATION)
    english = _citations(en.text, _ENGLISH_CITATION)

    assert len(norwegian) > 60
    assert norwegian == english


def test_every_cited_section_exists(no: Guide) -> None:
    cited = {
        number for numbers, _, _ in _citations(no.text, _NORWEGIAN_CITATION) for number in numbers
    }

    assert cited <= ACT_SECTIONS | OTHER_ACT_SECTIONS
    assert {"5", "6", "7", "14"} <= cited


def test_guide_says_which_version_of_the_act_it_follows(no: Guide, en: Guide) -> None:
    assert "LOV-2021-06-18-99" in no.text and "LOV-2021-06-18-99" in en.text
    assert _with(no.sentences, "vedtatt 18. juni 2021")
    assert _with(en.sentences, "adopted on 18 June 2021")
    assert "ikke juridisk rådgivning" in no.text and "not legal advice" in en.text


# --- every rule names its source ----------------------------------------------------------


def test_every_deadline_sentence_cites_a_section(no: Guide, en: Guide) -> None:
    uncited_no = [s for s in no.sentences if _NORWEGIAN_DEADLINE.search(s) and "§" not in s]
    uncited_en = [s for s in en.sentences if _ENGLISH_DEADLINE.search(s) and "section" not in s]

    assert uncited_no == []
    assert uncited_en == []


def test_oecd_step_guidance_says_bor_not_skal(no: Guide, en: Guide) -> None:
    oecd_no = _with(no.sentences, "OECDs veiledning")
    oecd_en = _with(en.sentences, "OECD guidance")

    assert len(oecd_no) >= 6 and len(oecd_no) == len(oecd_en)
    assert not _with(oecd_no, " skal ")
    assert not _with(oecd_en, " must ")
    assert not _with(no.sentences, "skal den prioritere")
    assert not _with(en.sentences, "it must prioritise")


def test_eu_directive_deadlines_are_marked_as_not_norwegian_law(no: Guide, en: Guide) -> None:
    assert _with(no.sentences, "direktivets frister er ikke norsk lov")
    assert _with(en.sentences, "directive's deadlines are not Norwegian law")


# --- § 14: the infringement fee -----------------------------------------------------------


def test_infringement_fee_only_for_repeated_breaches_of_sections_5_6_or_7(
    no: Guide, en: Guide
) -> None:
    assert _with(no.sentences, "gjentatte overtredelser av §§ 5, 6 eller 7", "§ 14 første ledd")
    assert _with(
        en.sentences, "repeated breaches of sections 5, 6 or 7", "section 14 first paragraph"
    )


def test_infringement_fee_is_never_said_to_follow_a_breach_of_section_4(
    no: Guide, en: Guide
) -> None:
    for sentence in _with(no.sentences, "overtredelsesgebyr", "§ 4"):
        assert "ikke" in sentence, sentence
    for sentence in _with(en.sentences, "infringement fee", "section 4"):
        assert "cannot" in sentence, sentence
    assert not _with(no.sentences, "Ved overtredelse av åpenhetsloven kan det også ilegges")
    assert not _with(en.sentences, "can also be imposed for a breach of the Transparency Act")


def test_infringement_fee_reaches_individuals_and_falls_due_after_four_weeks(
    no: Guide, en: Guide
) -> None:
    assert _with(no.sentences, "enkeltpersoner", "§ 14")
    assert _with(no.sentences, "forfaller", "fire uker", "§ 14")
    assert _with(en.sentences, "individuals", "section 14")
    assert _with(en.sentences, "falls due", "four weeks", "section 14")


# --- § 6: the right to information and its limits -----------------------------------------


def test_refusal_ground_is_tilstrekkelig_grunnlag(no: Guide, en: Guide) -> None:
    assert _with(no.sentences, "tilstrekkelig grunnlag", "§ 6 andre ledd bokstav a")
    assert "rimelig grunnlag" not in no.text
    assert _with(en.sentences, "sufficient basis", "section 6 second paragraph letter a")


def test_actual_impacts_are_given_regardless_of_the_second_paragraph(no: Guide, en: Guide) -> None:
    assert _with(no.sentences, "uavhengig av begrensningene i annet ledd", "§ 6 tredje ledd")
    assert _with(en.sentences, "regardless of the limitations", "section 6 third paragraph")
    assert "gir ikke rett til forretningshemmeligheter" not in no.text
    assert "does not give a right to trade secrets" not in en.text


def test_classified_and_copyright_material_cite_section_6_fourth_paragraph(
    no: Guide, en: Guide
) -> None:
    assert _with(no.sentences, "gradert", "opphavsrett", "§ 6 fjerde ledd")
    assert _with(en.sentences, "classified", "copyright", "section 6 fourth paragraph")


# --- § 7: handling a request --------------------------------------------------------------


def test_answer_must_be_dekkende_and_in_writing(no: Guide, en: Guide) -> None:
    assert _with(no.sentences, "skriftlig", "dekkende og forståelig", "§ 7 første ledd")
    assert "tilstrekkelig og forståelig" not in no.text
    assert _with(en.sentences, "in writing", "adequate and comprehensible", "section 7")


def test_extension_notice_is_given_in_writing(no: Guide, en: Guide) -> None:
    notices_no = [
        s for s in no.sentences if "utsettelse" in s and ("beskjed" in s or "varsle" in s)
    ]
    notices_en = [
        s
        for s in en.sentences
        if "extension" in s and ("notice" in s or "notify" in s or "told" in s)
    ]

    assert len(notices_no) == len(notices_en) == 2
    assert all("skriftlig" in s for s in notices_no)
    assert all("in writing" in s or "written" in s for s in notices_en)


def test_consumer_authority_notice_belongs_to_a_refusal(no: Guide, en: Guide) -> None:
    assert _with(
        no.sentences, "avslaget", "tilsyns- og veiledningsorgan", "§ 7 tredje og fjerde ledd"
    )
    assert _with(en.sentences, "refusal", "supervisory and guidance body", "section 7")
    assert not _with(no.sentences, "skal gjøres kjent med at Forbrukertilsynet")
    assert not _with(en.sentences, "must be informed that the Consumer Authority")


def test_further_reasons_deadline_runs_from_the_demand_for_them(no: Guide, en: Guide) -> None:
    assert _with(
        no.sentences,
        "snarest mulig og senest innen tre uker etter at kravet om nærmere begrunnelse ble mottatt",
    )
    assert _with(no.sentences, "innen tre uker etter at avslaget er mottatt")
    assert _with(en.sentences, "as soon as possible and at the latest within three weeks")
    assert _with(en.sentences, "within three weeks after the refusal was received")


def test_written_refusal_is_good_practice_not_law(no: Guide, en: Guide) -> None:
    assert not _with(no.sentences, "avslag", "skal gis skriftlig")
    assert not _with(en.sentences, "refusal", "must be given in writing")
    assert _with(no.sentences, "avslaget", "god praksis")
    assert _with(en.sentences, "refusal", "good practice")


# --- § 5: the account ---------------------------------------------------------------------


def test_account_is_signed_under_accounting_act_section_3_5(no: Guide, en: Guide) -> None:
    assert _with(
        no.sentences, "underskrives i tråd med reglene i regnskapsloven § 3-5", "§ 5 fjerde ledd"
    )
    assert _with(no.sentences, "regnskapsloven § 3-5", "daglig leder")
    assert _with(
        en.sentences, "signed in line with the rules in section 3-5", "section 5 fourth paragraph"
    )
    assert _with(en.sentences, "section 3-5 of the Accounting Act", "general manager")
    assert "signeres av styret" not in no.text
    assert "signed by the board" not in en.text


def test_no_rule_for_enterprises_without_an_annual_report(no: Guide, en: Guide) -> None:
    assert "ikke har plikt til å utarbeide årsberetning" not in no.text
    assert "no duty to prepare an annual report" not in en.text


def test_actual_impacts_may_not_be_left_out_of_the_account(no: Guide, en: Guide) -> None:
    assert _with(no.sentences, "utelates", "faktiske negative konsekvenser", "§ 5 andre ledd")
    assert _with(en.sentences, "left out", "actual adverse impacts", "section 5 second paragraph")


# --- §§ 8 to 14: supervision --------------------------------------------------------------


def test_supervision_gives_prohibitions_orders_and_written_confirmation(
    no: Guide, en: Guide
) -> None:
    assert _with(no.sentences, "forbud og gis påbud", "§ 12")
    assert _with(no.sentences, "skriftlig bekreftelse", "§ 9 tredje ledd")
    assert _with(en.sentences, "prohibition and an order", "section 12")
    assert _with(en.sentences, "written confirmation", "section 9 third paragraph")


def test_coercive_fine_can_be_running_or_one_off(no: Guide, en: Guide) -> None:
    assert _with(no.sentences, "løpende beløp", "engangsbeløp", "§ 13")
    assert _with(en.sentences, "recurring amount", "one-off amount", "section 13")


def test_duty_to_inform_the_authority_and_decisions_against_accomplices(
    no: Guide, en: Guide
) -> None:
    assert _with(no.sentences, "opplysningene", "§ 10")
    assert _with(no.sentences, "medvirket", "§ 11")
    assert _with(no.sentences, "seks måneder", "§ 11")
    assert _with(en.sentences, "information they need", "section 10")
    assert _with(en.sentences, "accomplice", "section 11")
    assert _with(en.sentences, "six months", "section 11")


# --- Working Environment Act ch. 2 A ------------------------------------------------------


def test_whistleblowing_routines_also_below_five_employees(no: Guide, en: Guide) -> None:
    assert _with(no.sentences, "minst fem arbeidstakere", "§ 2 A-6")
    assert _with(
        no.sentences, "færre arbeidstakere", "forholdene i virksomheten tilsier det", "§ 2 A-6"
    )
    assert _with(en.sentences, "fewer employees", "call for it", "section 2 A-6")


def test_notification_is_sufficiently_investigated_within_reasonable_time(
    no: Guide, en: Guide
) -> None:
    assert _with(no.sentences, "innen rimelig tid blir tilstrekkelig undersøkt", "§ 2 A-3")
    assert _with(no.sentences, "fullt forsvarlig arbeidsmiljø", "§ 2 A-3")
    assert "forsvarlig undersøkt eller behandlet" not in no.text
    assert _with(en.sentences, "sufficiently investigated within a reasonable time", "2 A-3")
    assert _with(en.sentences, "fully sound working environment", "2 A-3")
