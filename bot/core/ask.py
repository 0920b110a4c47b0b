"""Ask: a question (with the thread's earlier turns) in, an answer with grouped sources out.

Every answer is recorded (question, answer, place; never who asked) so votes can be stored
against it and so a thread the bot answered can be recognised later: follow-ups there need
no new mention. A short follow-up is retrieved together with the question before it
("og kan den forlenges?" means little alone), but the answer is composed for the follow-up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.context import Core
from bot.core.people import Lang, Person
from knowledge.answer import Answer, Citation
from knowledge.messages import framing_language, sources_heading
from storage.services import answers

HISTORY_TURNS = 10
"""How many earlier questions of a thread go with a follow-up."""
FOLLOW_UP_WORDS = 8
"""A question shorter than this in a thread is read together with the one before it."""
_REPORT_INTENT = re.compile(
    r"\b(varsl\w*|melde (fra|ifra)|(vil|ønsker å|hvordan) (melde|rapportere)|visselbl\w*"
    r"|anmäla|rapportera|whistle\s?-?blow\w*|report (a|an|this|the|my)? ?(concern|violation|"
    r"breach|abuse|incident|case|problem)|(want|like|need|how) (to|do i|can i) report"
    r"|i (want|wish|need) to report)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a question was asked: a conversation, and the thread in it if any."""

    conversation_id: str
    thread_id: str | None = None


@dataclass(frozen=True, slots=True)
class SourceSection:
    """One section of a document, with the numbers the answer cites it by."""

    numbers: tuple[int, ...]
    location: str

    @property
    def marks(self) -> str:
        """The numbers as the answer text cites them: `[1][3]`."""
        return "".join(f"[{number}]" for number in self.numbers)


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """One document among the sources, each of its sections listed once."""

    title: str
    source: str
    sections: tuple[SourceSection, ...]


@dataclass(frozen=True, slots=True)
class AnswerView:
    """What a surface renders for a question."""

    answer: Answer
    answer_id: int
    language: Lang
    sources: tuple[SourceGroup, ...]
    offer_report: bool

    @property
    def sources_heading(self) -> str:
        """The heading above the sources, in the answer's language."""
        return sources_heading(self.language)


def earlier_questions(
    core: Core, *, platform: str, place: Place, limit: int = HISTORY_TURNS
) -> list[str]:
    """The questions answered before in this thread, oldest first: the history of a platform
    whose API cannot read a thread back (Teams)."""
    with core.session() as session:
        return answers.earlier_questions(
            session,
            platform=platform,
            conversation_id=place.conversation_id,
            thread_id=place.thread_id,
            limit=limit,
        )


def answer(
    core: Core,
    *,
    person: Person,
    question: str,
    place: Place,
    history: Sequence[str] = (),
) -> AnswerView:
    """Answer `question`; `history` holds the thread's earlier questions, oldest first."""
    query = _with_context(question, history)
    with core.knowledge_lock() as knowledge:
        retrieval = knowledge.retrieve(query)
        result = knowledge.compose(question, retrieval)
    with core.session() as session:
        answer_id = answers.record_answer(
            session,
            platform=person.platform,
            conversation_id=place.conversation_id,
            thread_id=place.thread_id,
            question=question,
            answer=result.text,
            language=result.language,
            found=result.found,
            now=core.now(),
        )
    return AnswerView(
        answer=result,
        answer_id=answer_id,
        language=framing_language(result.language),  # type: ignore[arg-type]
        sources=group_sources(result.sources),
        offer_report=wants_to_report(question),
    )


def is_answered_thread(core: Core, *, platform: str, place: Place) -> bool:
    """Whether the bot already answered in this thread, so a follow-up needs no mention."""
    if place.thread_id is None:
        return False
    with core.session() as session:
        return answers.answered_thread(
            session,
            platform=platform,
            conversation_id=place.conversation_id,
            thread_id=place.thread_id,
        )


def vote(core: Core, *, person: Person, answer_id: int, helpful: bool) -> answers.VoteTally:
    """Store a 👍 or 👎 for an answer; a second vote by the same person replaces the first."""
    with core.session() as session:
        return answers.record_vote(
            session,
            answer_id=answer_id,
            voter=person.source,
            vote=1 if helpful else -1,
            now=core.now(),
        )


def wants_to_report(text: str) -> bool:
    """Whether a message asks to report something ("I want to report…", "jeg vil varsle…")."""
    return bool(_REPORT_INTENT.search(text))


def group_sources(citations: Sequence[Citation]) -> tuple[SourceGroup, ...]:
    """Citations grouped by document, in citation order, each section listed once."""
    groups: dict[tuple[str, str], dict[str, list[int]]] = {}
    for citation in citations:
        sections = groups.setdefault((citation.title, citation.source), {})
        sections.setdefault(citation.location, []).append(citation.number)
    return tuple(
        SourceGroup(
            title=title,
            source=source,
            sections=tuple(
                SourceSection(numbers=tuple(numbers), location=location)
                for location, numbers in sections.items()
            ),
        )
        for (title, source), sections in groups.items()
    )


def _with_context(question: str, history: Sequence[str]) -> str:
    if history and len(question.split()) < FOLLOW_UP_WORDS:
        return f"{history[-1]} {question}"
    return question
