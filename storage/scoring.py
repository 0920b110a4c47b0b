"""How a questionnaire's answers are scored: per area, in total, and the red flags raised.

The rule, as the team is shown it:

- **per area** (human rights, labour, environment, anti-corruption): the points earned
  divided by the points possible, times 100, over the area's choice questions that were
  answered and apply. An answer of yes, partly or no earns the question's points for it and
  counts its highest points as possible; "not applicable" and unanswered questions count in
  neither. An area with no such answer has no score (shown as "–"), rather than 0 or 100.
- **total**: the plain mean of the area scores that exist, so each area weighs the same
  however many questions it has.
- **red flags** are listed whatever the score: a high total never hides an answer such as
  "no" to age checks.

Scores are rounded to one decimal. Pure functions: no database, no clock.

Usage::

    result = score_answers(load_questionnaire("saq-2026-1"), {"hr.policy": "yes", ...})
    result.total, [area.score for area in result.areas], [flag.id for flag in result.red_flags]
    to_json(result)     # what an invitation stores on submit
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storage.questionnaire import Choice, Question, QuestionKind, Questionnaire, RedFlag

DECIMALS = 1


@dataclass(frozen=True, slots=True)
class AreaScore:
    """One area's points; `score` is None when no scored answer counts in it."""

    area: str
    earned: int
    possible: int
    answered: int

    @property
    def score(self) -> float | None:
        """Earned / possible × 100, rounded, or None without a scored answer."""
        if not self.possible:
            return None
        return round(100 * self.earned / self.possible, DECIMALS)


@dataclass(frozen=True, slots=True)
class Score:
    """A questionnaire's scores per area and in total, and the red flags its answers raise."""

    version: str
    areas: tuple[AreaScore, ...]
    red_flags: tuple[RedFlag, ...]

    @property
    def total(self) -> float | None:
        """The mean of the area scores that exist, or None when none does."""
        scores = [area.score for area in self.areas if area.score is not None]
        if not scores:
            return None
        return round(sum(scores) / len(scores), DECIMALS)


def score_answers(questionnaire: Questionnaire, answers: Mapping[str, str | None]) -> Score:
    """Score `answers` (question id -> choice value) by the rule in the module docstring;
    answers to text questions and unknown ids are ignored."""
    areas = []
    for area in questionnaire.areas:
        counted = [
            (question, Choice(answers[question.id]))
            for question in questionnaire.questions
            if question.area == area.id and _scored(question, answers.get(question.id))
        ]
        areas.append(
            AreaScore(
                area=area.id,
                earned=sum(question.points[choice] for question, choice in counted),
                possible=sum(question.max_points for question, _ in counted),
                answered=len(counted),
            )
        )
    return Score(
        version=questionnaire.version,
        areas=tuple(areas),
        red_flags=raised_flags(questionnaire, answers),
    )


def raised_flags(
    questionnaire: Questionnaire, answers: Mapping[str, str | None]
) -> tuple[RedFlag, ...]:
    """The red flags whose answers were given, in question order."""
    return tuple(
        flag for flag in questionnaire.red_flags if answers.get(flag.question_id) in flag.when
    )


def to_json(score: Score) -> dict[str, Any]:
    """The score as stored with a submitted invitation and shown in its history."""
    return {
        "version": score.version,
        "total": score.total,
        "areas": {
            area.area: {
                "score": area.score,
                "earned": area.earned,
                "possible": area.possible,
                "answered": area.answered,
            }
            for area in score.areas
        },
        "red_flags": [flag.id for flag in score.red_flags],
    }


def _scored(question: Question, answer: str | None) -> bool:
    """Whether an answer counts toward its area: a yes/partly/no to a choice question."""
    return (
        question.kind == QuestionKind.CHOICE
        and answer in question.points
        and answer != Choice.NOT_APPLICABLE
    )
