"""The bundled questionnaires: every version complete in three languages, scores well-formed,
and the scoring rule the team is shown."""

from __future__ import annotations

import copy
from importlib import resources

import pytest
import yaml

from storage.errors import QuestionnaireInvalid
from storage.models import DeviationType, TaskKind
from storage.questionnaire import (
    LANGUAGES,
    PACKAGE,
    Choice,
    QuestionKind,
    _parse,
    current_version,
    load_questionnaire,
    versions,
)
from storage.scoring import score_answers, to_json

UN_GLOBAL_COMPACT = {"human_rights", "labour", "environment", "anti_corruption"}


@pytest.mark.parametrize("version", versions())
def test_every_version_is_complete_in_nb_en_and_sv(version: str) -> None:
    saq = load_questionnaire(version)
    texts = [saq.title, saq.intro, *(area.title for area in saq.areas)]
    texts += [section.title for section in saq.sections]
    texts += [question.text for question in saq.questions]
    texts += list(saq.choice_labels.values())
    for text in texts:
        assert all(text[lang].strip() for lang in LANGUAGES), text
    assert {area.id for area in saq.areas} == UN_GLOBAL_COMPACT
    assert 20 <= len(saq.questions) <= 30


@pytest.mark.parametrize("version", versions())
def test_every_choice_question_scores_and_every_flag_suggests_something(version: str) -> None:
    saq = load_questionnaire(version)
    for question in saq.questions:
        if question.kind == QuestionKind.CHOICE:
            assert question.area in UN_GLOBAL_COMPACT
            assert question.points[Choice.YES] == question.max_points > 0
            assert question.points[Choice.NO] == 0
        else:
            assert not question.points and not question.red_flags
    for flag in saq.red_flags:
        assert (flag.task_kind in set(TaskKind)) != (flag.deviation_type in set(DeviationType))
        assert flag.wording["nb"].strip() and flag.wording["en"].strip()


def test_the_red_flags_the_act_calls_for_are_there() -> None:
    flags = {flag.id for flag in load_questionnaire(current_version()).red_flags}
    assert {
        "no_age_checks",
        "recruitment_fees",
        "withheld_documents",
        "not_free_to_leave",
        "no_grievance_channel",
        "below_minimum_wage",
        "excessive_hours",
    } <= flags


def test_a_file_missing_a_swedish_text_is_refused_naming_it() -> None:
    version = current_version()
    raw = yaml.safe_load(resources.files(PACKAGE).joinpath(f"{version}.yaml").read_text("utf-8"))
    broken = copy.deepcopy(raw)
    del broken["sections"][1]["questions"][0]["text"]["sv"]
    with pytest.raises(QuestionnaireInvalid, match=r"hr\.policy: text missing in sv"):
        _parse(broken, version=version)


def test_a_file_with_points_out_of_order_is_refused() -> None:
    version = current_version()
    raw = yaml.safe_load(resources.files(PACKAGE).joinpath(f"{version}.yaml").read_text("utf-8"))
    raw["sections"][1]["questions"][0]["points"] = {"yes": 1, "partly": 2, "no": 0}
    with pytest.raises(QuestionnaireInvalid, match="yes > partly"):
        _parse(raw, version=version)


def test_all_yes_scores_100_in_every_area_and_raises_no_flag() -> None:
    saq = load_questionnaire(current_version())
    result = score_answers(saq, {q.id: "yes" for q in saq.questions if q.kind == "choice"})
    assert [area.score for area in result.areas] == [100.0] * 4
    assert result.total == 100.0
    assert result.red_flags == ()


def test_not_applicable_counts_in_neither_earned_nor_possible() -> None:
    saq = load_questionnaire(current_version())
    answers = {"env.permits": "not_applicable", "env.chemicals": "yes", "env.targets": "no"}
    environment = next(a for a in score_answers(saq, answers).areas if a.area == "environment")
    assert (environment.earned, environment.possible, environment.answered) == (2, 4, 2)
    assert environment.score == 50.0


def test_total_is_the_mean_of_the_areas_that_have_answers() -> None:
    saq = load_questionnaire(current_version())
    answers = {"env.chemicals": "yes", "ac.policy": "partly", "ac.training": "no"}
    result = score_answers(saq, answers)
    scores = {area.area: area.score for area in result.areas}
    assert scores == {
        "human_rights": None,
        "labour": None,
        "environment": 100.0,
        "anti_corruption": 20.0,
    }
    assert result.total == 60.0


def test_red_flags_are_listed_however_high_the_score() -> None:
    saq = load_questionnaire(current_version())
    answers = {q.id: "yes" for q in saq.questions if q.kind == "choice"}
    answers["child.age_checks"] = "partly"
    result = score_answers(saq, answers)
    assert result.total is not None and result.total > 95
    assert [flag.id for flag in result.red_flags] == ["no_age_checks"]
    assert to_json(result)["red_flags"] == ["no_age_checks"]
