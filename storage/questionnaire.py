"""Supplier self-assessment questionnaires (SAQ): the bundled versions, read and checked.

Each version is one YAML file in `storage/questionnaires/` (package data). It holds the
title and introduction, the four UN Global Compact areas, and sections of questions, every
text in Norwegian bokmål, English and Swedish. A question is

- `kind: choice`: answered yes / partly / no, or "not applicable" where the question
  allows it (`not_applicable: true`); it carries `points` for yes, partly and no, and
  belongs to its section's area, which is what it scores in (see `storage.scoring`);
- `kind: text`: a free-text answer, not scored;

either may be `required` (choice questions are, unless they say `required: false`; text
questions are not, unless they say `required: true`) and may take an `attachment`. A choice
question may name `red_flags`: the answers (`when`) that call for a follow-up `task`
(kind and title) or a `deviation` (type and description), worded for the team in bokmål
and English. Loading checks all of it and raises `QuestionnaireInvalid` naming the fault,
so a broken file fails its test, not a supplier.

A changed questionnaire is a new version file; an invitation records its version, so old
answers keep rendering and scoring with the questions they were given.

Usage::

    saq = load_questionnaire(CURRENT_VERSION)
    saq.question("forced.documents").text["sv"]
    [flag.id for flag in saq.red_flags]       # ["no_grievance_channel", ...]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml

from storage.errors import QuestionnaireInvalid
from storage.models import DeviationType, TaskKind

LANGUAGES = ("nb", "en", "sv")
"""Every text a supplier reads is in each of these."""
TEAM_LANGUAGES = ("nb", "en")
"""Red-flag suggestions are for the team, in these."""
PACKAGE = "storage.questionnaires"


class Choice(StrEnum):
    """The answers to a choice question."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_APPLICABLE = "not_applicable"


SCORED_CHOICES = (Choice.YES, Choice.PARTLY, Choice.NO)


class QuestionKind(StrEnum):
    """What kind of answer a question takes."""

    CHOICE = "choice"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class RedFlag:
    """Answers to one question that call for follow-up: a task or a deviation to suggest."""

    id: str
    question_id: str
    when: frozenset[Choice]
    wording: Mapping[str, str]
    """The task's title or the deviation's description, per team language."""
    task_kind: TaskKind | None = None
    deviation_type: DeviationType | None = None

    @property
    def kind(self) -> str:
        """`task` or `deviation`."""
        return "task" if self.task_kind is not None else "deviation"


@dataclass(frozen=True, slots=True)
class Question:
    """One question as the supplier sees it, with its points and red flags."""

    id: str
    kind: QuestionKind
    text: Mapping[str, str]
    section_id: str
    area: str | None
    required: bool
    points: Mapping[Choice, int]
    not_applicable: bool
    attachment: bool
    red_flags: tuple[RedFlag, ...]

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The answers a choice question offers (none for a text question)."""
        if self.kind != QuestionKind.CHOICE:
            return ()
        return (*SCORED_CHOICES, Choice.NOT_APPLICABLE) if self.not_applicable else SCORED_CHOICES

    @property
    def max_points(self) -> int:
        """The most this question can earn."""
        return max(self.points.values(), default=0)


@dataclass(frozen=True, slots=True)
class Section:
    """A group of questions under one heading, scored in one area (or none)."""

    id: str
    title: Mapping[str, str]
    area: str | None
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class Area:
    """One of the UN Global Compact areas a questionnaire scores."""

    id: str
    title: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """One version of the questionnaire."""

    version: str
    published: date
    title: Mapping[str, str]
    intro: Mapping[str, str]
    choice_labels: Mapping[Choice, Mapping[str, str]]
    areas: tuple[Area, ...]
    sections: tuple[Section, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in order."""
        return tuple(question for section in self.sections for question in section.questions)

    @property
    def red_flags(self) -> tuple[RedFlag, ...]:
        """Every red flag, in question order."""
        return tuple(flag for question in self.questions for flag in question.red_flags)

    def question(self, question_id: str) -> Question:
        """The question with `question_id`; KeyError when this version has none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def area(self, area_id: str) -> Area:
        """The area with `area_id`."""
        return next(area for area in self.areas if area.id == area_id)


def versions() -> list[str]:
    """Every bundled version, oldest first (by publication date, then name)."""
    found = [load_questionnaire(name) for name in _version_names()]
    return [saq.version for saq in sorted(found, key=lambda saq: (saq.published, saq.version))]


def current_version() -> str:
    """The version new invitations are sent with: the newest published."""
    return versions()[-1]


@cache
def load_questionnaire(version: str) -> Questionnaire:
    """Read and check one bundled version; `QuestionnaireInvalid` if it is unknown or broken."""
    if version not in _version_names():
        raise QuestionnaireInvalid(f"no questionnaire version {version!r}")
    raw = yaml.safe_load(resources.files(PACKAGE).joinpath(f"{version}.yaml").read_text("utf-8"))
    return _parse(raw, version=version)


def _version_names() -> list[str]:
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in resources.files(PACKAGE).iterdir()
        if entry.name.endswith(".yaml")
    )


def _parse(raw: Any, *, version: str) -> Questionnaire:
    if not isinstance(raw, dict) or raw.get("version") != version:
        raise QuestionnaireInvalid(f"{version}: the file must say `version: {version}`")
    areas = tuple(
        Area(id=_id(entry, where=version), title=_texts(entry.get("title"), where=version))
        for entry in raw.get("areas") or []
    )
    area_ids = {area.id for area in areas}
    sections = tuple(
        _section(entry, area_ids=area_ids, where=version) for entry in raw.get("sections") or []
    )
    labels = raw.get("choices") or {}
    saq = Questionnaire(
        version=version,
        published=_date(raw.get("published"), where=version),
        title=_texts(raw.get("title"), where=f"{version} title"),
        intro=_texts(raw.get("intro"), where=f"{version} intro"),
        choice_labels={
            choice: _texts(labels.get(choice.value), where=f"{version} choice {choice}")
            for choice in Choice
        },
        areas=areas,
        sections=sections,
    )
    _check_unique([question.id for question in saq.questions], what="question", where=version)
    _check_unique([flag.id for flag in saq.red_flags], what="red flag", where=version)
    _check_unique([section.id for section in sections], what="section", where=version)
    scored = {q.area for q in saq.questions if q.kind == QuestionKind.CHOICE}
    if not area_ids or scored != area_ids:
        raise QuestionnaireInvalid(f"{version}: every area needs choice questions, and only those")
    return saq


def _section(raw: Any, *, area_ids: set[str], where: str) -> Section:
    section_id = _id(raw, where=where)
    area = raw.get("area")
    if area is not None and area not in area_ids:
        raise QuestionnaireInvalid(f"{where} section {section_id}: unknown area {area!r}")
    questions = tuple(
        _question(entry, section_id=section_id, area=area, where=f"{where} {section_id}")
        for entry in raw.get("questions") or []
    )
    if not questions:
        raise QuestionnaireInvalid(f"{where} section {section_id}: no questions")
    title = _texts(raw.get("title"), where=f"{where} section {section_id}")
    return Section(id=section_id, title=title, area=area, questions=questions)


def _question(raw: Any, *, section_id: str, area: str | None, where: str) -> Question:
    question_id = _id(raw, where=where)
    here = f"{where} question {question_id}"
    try:
        kind = QuestionKind(raw.get("kind"))
    except ValueError as error:
        raise QuestionnaireInvalid(f"{here}: kind must be choice or text") from error
    points: dict[Choice, int] = {}
    flags: tuple[RedFlag, ...] = ()
    if kind == QuestionKind.CHOICE:
        if area is None:
            raise QuestionnaireInvalid(f"{here}: a choice question must be in a scored section")
        points = _points(raw.get("points"), where=here)
        flags = tuple(
            _red_flag(entry, question_id=question_id, where=here)
            for entry in raw.get("red_flags") or []
        )
        allowed = set(SCORED_CHOICES) | (
            {Choice.NOT_APPLICABLE} if raw.get("not_applicable") else set()
        )
        if any(not flag.when <= allowed for flag in flags):
            raise QuestionnaireInvalid(f"{here}: a red flag names an answer the question lacks")
    elif raw.get("points") or raw.get("red_flags") or raw.get("not_applicable"):
        raise QuestionnaireInvalid(f"{here}: a text question has no points or red flags")
    return Question(
        id=question_id,
        kind=kind,
        text=_texts(raw.get("text"), where=here),
        section_id=section_id,
        area=area if kind == QuestionKind.CHOICE else None,
        required=bool(raw.get("required", kind == QuestionKind.CHOICE)),
        points=points,
        not_applicable=bool(raw.get("not_applicable", False)),
        attachment=bool(raw.get("attachment", False)),
        red_flags=flags,
    )


def _points(raw: Any, *, where: str) -> dict[Choice, int]:
    if not isinstance(raw, dict) or set(raw) != {choice.value for choice in SCORED_CHOICES}:
        raise QuestionnaireInvalid(f"{where}: points must give yes, partly and no")
    points = {Choice(name): value for name, value in raw.items()}
    if any(not isinstance(value, int) or value < 0 for value in points.values()):
        raise QuestionnaireInvalid(f"{where}: points must be whole numbers, 0 or more")
    if not points[Choice.YES] > points[Choice.PARTLY] >= points[Choice.NO]:
        raise QuestionnaireInvalid(f"{where}: points must rank yes > partly >= no")
    return points


def _red_flag(raw: Any, *, question_id: str, where: str) -> RedFlag:
    flag_id = _id(raw, where=where)
    here = f"{where} red flag {flag_id}"
    try:
        when = frozenset(Choice(value) for value in raw.get("when") or [])
    except ValueError as error:
        raise QuestionnaireInvalid(f"{here}: `when` names an unknown answer") from error
    task, deviation = raw.get("task"), raw.get("deviation")
    if not when or (task is None) == (deviation is None):
        raise QuestionnaireInvalid(f"{here}: needs `when` and exactly one of task or deviation")
    try:
        if task is not None:
            wording = _texts(task.get("title"), where=here, languages=TEAM_LANGUAGES)
            return RedFlag(flag_id, question_id, when, wording, task_kind=TaskKind(task["kind"]))
        wording = _texts(deviation.get("description"), where=here, languages=TEAM_LANGUAGES)
        kind = DeviationType(deviation["type"])
    except (KeyError, ValueError) as error:
        raise QuestionnaireInvalid(
            f"{here}: unknown or missing task kind/deviation type"
        ) from error
    return RedFlag(flag_id, question_id, when, wording, deviation_type=kind)


def _texts(raw: Any, *, where: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise QuestionnaireInvalid(f"{where}: text missing")
    missing = [lang for lang in languages if not str(raw.get(lang) or "").strip()]
    if missing:
        raise QuestionnaireInvalid(f"{where}: text missing in {', '.join(missing)}")
    return {lang: " ".join(str(raw[lang]).split()) for lang in languages}


def _id(raw: Any, *, where: str) -> str:
    if not isinstance(raw, dict) or not str(raw.get("id") or "").strip():
        raise QuestionnaireInvalid(f"{where}: an entry has no id")
    return str(raw["id"])


def _date(raw: Any, *, where: str) -> date:
    if not isinstance(raw, date):
        raise QuestionnaireInvalid(f"{where}: `published` must be a date (YYYY-MM-DD)")
    return raw


def _check_unique(ids: list[str], *, what: str, where: str) -> None:
    repeated = sorted({one for one in ids if ids.count(one) > 1})
    if repeated:
        raise QuestionnaireInvalid(f"{where}: {what} ids used twice: {', '.join(repeated)}")
