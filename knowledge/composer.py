"""Extractive answers: the one to three sentences that best answer a question, quoted verbatim.

No generative model is needed. Sentences of the top passages are scored by what they mean
next to the question (the cosine of their embeddings, when an embedder is given, less the
part owed to the sentence's language), by the question's content words (stemmed in
Norwegian, Swedish and English, expanded with the glossary, weighted by rarity among the
candidates), by what kind of fact the question asks for (a number, a date), and by the rank
of the passage they come from. Word overlap cannot see a translation, so the embedding
carries the choice where the question and the passage are in different languages. When
retrieval found nothing relevant enough, the composer says so instead of quoting noise.

Usage::

    composer = ExtractiveComposer(embedder=index.embedder)
    answer = composer.compose(question, retrieval.passages, language="nb")
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ingestion.sentences import split_sentences
from knowledge import messages
from knowledge.answer import Answer, Citation, Passage, place
from knowledge.embeddings import Embedder
from knowledge.glossary import Glossary
from knowledge.sentence_meaning import SentenceMeaning
from knowledge.stemming import stem_query

MAX_SENTENCES = 3
MAX_ANSWER_WORDS = 90
PASSAGES_READ = 3
SECOND_SENTENCE_RATIO = 0.6
FACT_BONUS = 1.0
# The sentence closest in meaning to the question earns MEANING_WEIGHT; one whose cosine is
# MEANING_SPREAD lower earns nothing. e5 cosines of on-topic sentences crowd within ~0.1 of
# each other, so the spread is a fraction of that. The weight is of the order of the summed
# rarity of three or four matched words, so meaning and words carry about equal weight, and
# meaning alone decides where no word is shared (a question in another language). Chosen on
# bench/eval2 from weights 2-8 and spreads 0.03-0.1: 6-8 at 0.05 do best there and the same
# as all others on the shared set.
MEANING_WEIGHT = 6.0
MEANING_SPREAD = 0.05
FULL_SENTENCE_WORDS = 6
MAX_LIST_WORDS = 60
_FINISHED = frozenset('.!?;)»"')
_LIST_ITEM = re.compile(r"^\s*([-•*–▪]|\d{1,2}[.)]|[a-z][.)])\s")
QUOTE_CHARS = 300
_NUMBER = re.compile(r"\d")
_NUMBER_QUESTION = re.compile(
    r"\b(hvor (mange|mye|lang|stor|høy)|hur (många|mycket|lång|stor)|how (many|much|long|large|big)"
    r"|hvilket år|vilket år|what year|how old|hvor gammel|andel|share|percent|prosent|procent)\b",
    re.IGNORECASE,
)
_DATE_QUESTION = re.compile(
    r"\b(når|när|when|frist|fristen|deadline|innen|by what date|hvilken dato|vilket datum)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Unit:
    """A quotable unit of one of the top passages."""

    passage_rank: int
    position: int
    text: str


@dataclass(frozen=True, slots=True)
class _Candidate:
    passage_rank: int
    position: int
    text: str
    score: float


class ExtractiveComposer:
    """Quotes the best sentences of the top passages, each with its numbered source.

    Args:
        glossary: expands the question's terms into the other languages' words.
        embedder: scores each candidate sentence by its cosine with the question (see
            `knowledge.sentence_meaning`); without one, sentences are chosen by shared words
            alone.
    """

    def __init__(
        self, *, glossary: Glossary | None = None, embedder: Embedder | None = None
    ) -> None:
        self._glossary = glossary
        self._sentences = (
            SentenceMeaning(embedder, glossary or Glossary.bundled())
            if embedder is not None
            else None
        )

    def compose(self, question: str, passages: Sequence[Passage], *, language: str) -> Answer:
        """Answer `question` from `passages` (best first), framed in the asker's language."""
        if not passages:
            return Answer(messages.nothing_found(language), False, (), language)
        expansions = self._glossary.expand(question) if self._glossary else []
        units = _candidate_units(passages)
        meaning = self._meaning(question, passages, units)
        chosen = _choose_sentences(
            question, passages, units, expansions=expansions, meaning=meaning
        )
        numbers: dict[tuple[str, str], int] = {}
        number_of = [numbers.setdefault(place(passage), len(numbers) + 1) for passage in passages]
        quoted: dict[int, str] = {}
        for candidate in chosen:
            quoted.setdefault(number_of[candidate.passage_rank], candidate.text)
        citations = tuple(
            _citation(passages[number_of.index(number)], number, quoted.get(number))
            for number in numbers.values()
        )
        lines = [messages.answer_intro(language)]
        lines += [f"«{c.text}» [{number_of[c.passage_rank]}]" for c in chosen]
        return Answer("\n".join(lines), True, citations, language)

    def _meaning(
        self, question: str, passages: Sequence[Passage], units: Sequence[_Unit]
    ) -> np.ndarray | None:
        """The cosine of each unit with the question, or None without an embedder.

        A unit is embedded after its document's title, as chunks are indexed under theirs: "It
        was 27 billion" means little alone. The title lifted answer-hit over the bare sentence
        from 0.69 to 0.75 on bench/eval2 and from 0.58 to 0.83 on the shared set, and did as
        well as the full section header at fewer tokens.
        """
        if self._sentences is None or not units:
            return None
        texts = [f"{passages[unit.passage_rank].title}: {unit.text}" for unit in units]
        languages = [passages[unit.passage_rank].language for unit in units]
        return self._sentences.cosines(question, texts, languages)


def _citation(passage: Passage, number: int, quote: str | None) -> Citation:
    """The source for the best passage at one place, with the sentence quoted from that place
    (or the start of the passage when none was)."""
    return Citation(
        number=number,
        title=passage.title,
        source=passage.source,
        location=passage.location,
        score=passage.score,
        quote=quote or _clip(passage.text),
    )


def _candidate_units(passages: Sequence[Passage]) -> list[_Unit]:
    """The quotable units of the top passages, each once (overlapping chunks repeat their
    edge sentences)."""
    seen: set[str] = set()
    units = []
    for rank, passage in enumerate(passages[:PASSAGES_READ]):
        for position, unit in enumerate(_quotable_units(split_sentences(passage.text))):
            if unit not in seen:
                seen.add(unit)
                units.append(_Unit(rank, position, unit))
    return units


def _choose_sentences(
    question: str,
    passages: Sequence[Passage],
    units: Sequence[_Unit],
    *,
    expansions: Sequence[str],
    meaning: np.ndarray | None,
) -> list[_Candidate]:
    terms = set(stem_query(" ".join([question, *expansions])))
    wants_number = bool(_NUMBER_QUESTION.search(question))
    wants_date = bool(_DATE_QUESTION.search(question))
    stems = [set(stem_query(unit.text)) for unit in units]
    rarity = _rarity(terms, stems)
    closeness = _closeness(meaning) if meaning is not None else np.zeros(len(units))
    scored = []
    top_score = max(passages[0].score, 1e-9)
    for unit, unit_stems, close in zip(units, stems, closeness, strict=True):
        rank = unit.passage_rank
        # Trust retrieval: words matched in a weaker passage count for less.
        trust = max(passages[rank].score, 0.0) / top_score
        lexical = trust * sum(rarity[term] for term in terms & unit_stems)
        shape = FACT_BONUS if (wants_number or wants_date) and _NUMBER.search(unit.text) else 0.0
        prior = 1.0 / (1.0 + rank) + 0.05 / (1.0 + unit.position)
        # Headings and list fragments rarely answer anything on their own.
        fullness = min(1.0, len(unit.text.split()) / FULL_SENTENCE_WORDS)
        content = lexical + MEANING_WEIGHT * float(close) + shape
        scored.append(_Candidate(rank, unit.position, unit.text, content * fullness + prior))
    # A question in the text (an FAQ's heading) echoes the asker's but never answers it: it
    # goes last, whatever its score.
    scored.sort(key=lambda c: (not _is_question(c.text), c.score), reverse=True)
    chosen = [scored[0]]
    words = len(scored[0].text.split())
    for candidate in scored[1:]:
        if (
            len(chosen) == MAX_SENTENCES
            or _is_question(candidate.text)
            or candidate.score < SECOND_SENTENCE_RATIO * chosen[0].score
        ):
            break
        size = len(candidate.text.split())
        if words + size <= MAX_ANSWER_WORDS:
            chosen.append(candidate)
            words += size
    if (wants_number or wants_date) and not any(_NUMBER.search(c.text) for c in chosen):
        chosen = _with_fact(chosen, scored)
    return sorted(chosen, key=lambda candidate: (candidate.passage_rank, candidate.position))


def _closeness(cosines: np.ndarray) -> np.ndarray:
    """1 for the unit closest in meaning to the question, falling linearly to 0 at
    MEANING_SPREAD below it."""
    return np.clip(1.0 - (cosines.max() - cosines) / MEANING_SPREAD, 0.0, None)


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def _with_fact(chosen: list[_Candidate], scored: Sequence[_Candidate]) -> list[_Candidate]:
    """Add the best sentence with a number from the top passage when the question asks for one.

    "How much does X buy per year?" is often answered by the sentence after the one that
    names X: the words match the first, the figure is in the second.
    """
    fact = next(
        (c for c in scored if c.passage_rank == 0 and _NUMBER.search(c.text) and c not in chosen),
        None,
    )
    if fact is None:
        return chosen
    return [*chosen[: MAX_SENTENCES - 1], fact]


def _quotable_units(sentences: Sequence[str]) -> list[str]:
    """Sentences, with a lead-in joined to the list items that complete it.

    A lead-in is a sentence ending in a colon, or a list item left unfinished ("focus on
    areas such as") whose own items follow.
    """
    units: list[str] = []
    open_list = False
    for sentence in sentences:
        is_item = bool(_LIST_ITEM.match(sentence))
        if is_item and open_list and len(units[-1].split()) < MAX_LIST_WORDS:
            units[-1] = f"{units[-1]}\n{sentence}"
            continue
        units.append(sentence)
        ending = sentence.rstrip()[-1:]
        open_list = ending == ":" or (is_item and ending not in _FINISHED)
    return units


def _rarity(terms: set[str], sentence_stems: Sequence[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each query term among the candidate sentences."""
    total = len(sentence_stems)
    return {
        term: math.log(1.0 + total / (1 + sum(term in stems for stems in sentence_stems)))
        for term in terms
    }


def _clip(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
