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


def test_symptoms_reason_says_to_contact_the_care_team() -> None:
    (reason,) = assess({"symptoms": True}, G).reasons
    assert "contact your care team" in reason.text
    assert "Chest pain" in reason.text and "cola-coloured urine" in reason.text
    assert "medical help at once" in reason.text


def test_each_reason_agrees_with_its_verdict() -> None:
    # a "rest" reason must not say exercising is fine after all
    for qid, question in QUESTIONS.items():
        if question.if_yes == "rest":
            assert "is fine" not in question.reason, qid
    assert "extreme heat or cold" in QUESTIONS["heat"].reason


def test_aching_reason_is_hedged() -> None:
    reason = QUESTIONS["aching"].reason
    assert not reason.startswith("Aching means")
    assert "may have been too much" in reason and "lighter" in reason
