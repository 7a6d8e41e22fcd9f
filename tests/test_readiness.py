"""The before-exercise check: answers -> rest, easy or fine."""

from __future__ import annotations

import pytest

from alslog import guidelines
from alslog.readiness import assess

G = guidelines.load()
QUESTIONS = G.ready.questions


def test_shipped_questions_cover_the_sources() -> None:
    assert {"ill", "tired", "heat", "meal", "aching", "symptoms"} <= set(QUESTIONS)
    for question in QUESTIONS.values():
        assert question.question.endswith("?")


def test_no_answers_or_all_no_is_fine() -> None:
    for answers in ({}, dict.fromkeys(QUESTIONS, False)):
        result = assess(answers, G)
        assert result.verdict == "fine"
        assert result.summary == G.ready.verdicts.fine
        assert result.reasons == () and result.sources == ""


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("ill", "rest"),
        ("tired", "rest"),
        ("heat", "rest"),
        ("symptoms", "rest"),
        ("meal", "easy"),
        ("aching", "easy"),
    ],
)
def test_each_yes_leads_to_its_verdict(question: str, verdict: str) -> None:
    result = assess({question: True}, G)
    assert result.verdict == verdict
    (reason,) = result.reasons
    assert reason.question == question and reason.text == QUESTIONS[question].reason
    assert reason.sources  # every reason names its source


def test_rest_beats_easy_and_reasons_come_most_cautious_first() -> None:
    result = assess({"meal": True, "aching": True, "tired": True, "ill": False}, G)
    assert result.verdict == "rest"
    assert result.summary == G.ready.verdicts.rest
    assert [r.question for r in result.reasons] == ["tired", "meal", "aching"]
    assert result.sources.count("MDA, Everyday Life with ALS") == 1


def test_easy_beats_fine() -> None:
    result = assess({"meal": True, "tired": False}, G)
    assert (result.verdict, result.summary) == ("easy", G.ready.verdicts.easy)


def test_unknown_question_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="hungry"):
        assess({"hungry": True}, G)
