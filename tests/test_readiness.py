"""The before-exercise check: answers -> rest, easy or fine."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from alslog import guidelines
from alslog.models import CheckIn, Finding
from alslog.readiness import assess, logged_reasons

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


# ---- what was logged today -------------------------------------------------------------
def _alert(**fields: object) -> Finding:
    base: dict[str, object] = {
        "rule": "some-alert",
        "severity": "alert",
        "date": date(2026, 3, 2),
        "message": "You noted trouble breathing in your check-in. Stop and contact your care team.",
        "source": "MDA",
    }
    return Finding.model_validate(base | fields)


def test_any_alert_finding_means_rest_whatever_raised_it() -> None:
    """An alert from a check-in or a note (no session, nothing noted) still means rest."""
    (reason,) = logged_reasons([], None, [_alert()], G)
    assert (reason.question, reason.verdict) == ("logged-alert", "rest")
    assert reason.text.startswith("You noted trouble breathing in your check-in.")
    result = assess({}, G, [reason])
    assert result.verdict == "rest" and result.sources == "MDA"


def test_an_alert_names_what_was_noted_and_when() -> None:
    at = datetime(2026, 3, 2, 10, 5, tzinfo=UTC)
    (reason,) = logged_reasons([], None, [_alert(noted=("chest pain", "dizzy"), at=at)], G)
    assert reason.text.startswith("You noted chest pain and dizzy at 10:05 today.")


def test_cautions_of_today_do_not_change_the_answer() -> None:
    assert logged_reasons([], None, [_alert(severity="caution")], G) == []


@pytest.mark.parametrize(("fatigue", "count"), [(None, 0), (0, 0), (6, 0), (7, 1), (10, 1)])
def test_checkin_fatigue_at_the_threshold_means_go_easy(fatigue: int | None, count: int) -> None:
    checkin = CheckIn(id="c0001", date=date(2026, 3, 2), fatigue=fatigue)
    reasons = logged_reasons([], checkin, [], G)
    assert len(reasons) == count
    assert all(r.verdict == "easy" for r in reasons)
    if count:
        assert assess({"meal": True}, G, reasons).verdict == "easy"
