"""Extractive answers: the one to three sentences that best answer a question, quoted verbatim.

No model is needed. Sentences of the top passages are scored by the question's content
words (stemmed in Norwegian, Swedish and English, expanded with the glossary, weighted by
rarity among the candidates), by what kind of fact the question asks for (a number, a date,
a name), and by the rank of the passage they come from. When retrieval found nothing relevant
enough, the composer says so instead of quoting noise.

Usage::

    composer = ExtractiveComposer()
    answer = composer.compose(question, retrieval.passages, language="nb")
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingestion.sentences import split_sentences
from knowledge import messages
from knowledge.answer import Answer, Citation, Passage
from knowledge.glossary import Glossary
from knowledge.stemming import stem_query

MAX_SENTENCES = 3
MAX_ANSWER_WORDS = 90
PASSAGES_READ = 3
SECOND_SENTENCE_RATIO = 0.6
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
class _Candidate:
    passage_rank: int
    position: int
    text: str
    score: float


class ExtractiveComposer:
    """Quotes the best sentences of the top passages, each with its numbered source."""

    def __init__(self, *, glossary: Glossary | None = None) -> None:
        self._glossary = glossary

    def compose(self, question: str, passages: Sequence[Passage], *, language: str) -> Answer:
        """Answer `question` from `passages` (best first), framed in the asker's language."""
        if not passages:
            return Answer(messages.nothing_found(language), False, (), language)
        expansions = self._glossary.expand(question) if self._glossary else []
        chosen = _choose_sentences(question, passages, expansions=expansions)
        quotes = {candidate.passage_rank: candidate.text for candidate in chosen}
        citations = tuple(
            Citation(
                number=rank + 1,
                title=passage.title,
                source=passage.source,
                location=passage.location,
                score=passage.score,
                quote=quotes.get(rank) or _clip(passage.text),
            )
            for rank, passage in enumerate(passages)
        )
        lines = [messages.answer_intro(language)]
        lines += [f"«{candidate.text}» [{candidate.passage_rank + 1}]" for candidate in chosen]
        return Answer("\n".join(lines), True, citations, language)


def _choose_sentences(
    question: str, passages: Sequence[Passage], *, expansions: Sequence[str]
) -> list[_Candidate]:
    terms = set(stem_query(" ".join([question, *expansions])))
    wants_number = bool(_NUMBER_QUESTION.search(question))
    wants_date = bool(_DATE_QUESTION.search(question))
    sentences = [
        (rank, position, sentence)
        for rank, passage in enumerate(passages[:PASSAGES_READ])
        for position, sentence in enumerate(split_sentences(passage.text))
    ]
    stems = [set(stem_query(sentence)) for _, _, sentence in sentences]
    rarity = _rarity(terms, stems)
    scored = []
    for (rank, position, sentence), sentence_stems in zip(sentences, stems, strict=True):
        lexical = sum(rarity[term] for term in terms & sentence_stems)
        shape = 0.5 if (wants_number or wants_date) and _NUMBER.search(sentence) else 0.0
        prior = 1.0 / (1.0 + rank) + 0.05 / (1.0 + position)
        scored.append(_Candidate(rank, position, sentence, lexical + shape + prior))
    scored.sort(key=lambda candidate: candidate.score, reverse=True)
    chosen = [scored[0]]
    words = len(scored[0].text.split())
    for candidate in scored[1:]:
        if (
            len(chosen) == MAX_SENTENCES
            or candidate.score < SECOND_SENTENCE_RATIO * chosen[0].score
        ):
            break
        size = len(candidate.text.split())
        if words + size <= MAX_ANSWER_WORDS:
            chosen.append(candidate)
            words += size
    return sorted(chosen, key=lambda candidate: (candidate.passage_rank, candidate.position))


def _rarity(terms: set[str], sentence_stems: Sequence[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each query term among the candidate sentences."""
    total = len(sentence_stems)
    return {
        term: math.log(1.0 + total / (1 + sum(term in stems for stems in sentence_stems)))
        for term in terms
    }


def _clip(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
