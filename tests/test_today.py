"""The alert is the last word, and today is remembered: add, again, ready, checkin, week.

Through the CLI, with the shipped guidelines. Sessions are logged "now" or on
days before today, so every test reads the same whatever the date.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pytest

STOP = "STOP NOW and contact your care team."
LAST_WORD = "Stop here for today: rest, and contact your care team."


def days_ago(n: int) -> date:
    return datetime.now().astimezone().date() - timedelta(days=n)


def label(day: date) -> str:
    """A day as plain output says it: 'Saturday 28 November'."""
    return f"{day:%A} {day.day} {day:%B}"


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


# ---- add and again after an alert ------------------------------------------------------
def test_after_an_alert_no_praise_and_nothing_still_to_do(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "aerobic", "20", "--symptom", "chest pain", "--plain")
    assert result.code == 0, result.err
    lines = lines_of(result.out)
    assert STOP in lines
    assert lines[-1] == LAST_WORD
    assert "Still to do" not in result.out and "Well done" not in result.out


def test_a_later_add_the_same_day_repeats_the_alert_first(cli) -> None:  # type: ignore[no-untyped-def]
    first = json.loads(cli("add", "aerobic", "20", "--symptom", "chest pain", "--json").out)
    at = datetime.fromisoformat(first["session"]["at"])
    result = cli("add", "stretching", "10", "--plain")
    assert result.code == 0, result.err
    lines = lines_of(result.out)
    assert lines[0].startswith("Logged: stretching, 10 min")
    assert lines[2] == STOP  # after a blank line, before anything else
    text = " ".join(result.out.split())
    assert f"Earlier today ({at:%H:%M}) you noted chest pain." in text
    assert lines[-1] == LAST_WORD
    assert "Still to do" not in result.out and "Well done" not in result.out
    again = cli("again", "--plain")
    assert STOP in lines_of(again.out) and "you noted chest pain" in again.out
    doc = json.loads(cli("add", "rom", "5", "--json").out)
    assert [f["noted"] for f in doc["earlier_alerts"]] == [["chest pain"]]


def test_an_alert_of_another_day_is_not_repeated_by_add(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "aerobic", "20", "--symptom", "dizzy", "--at", "yesterday").code == 0
    result = cli("add", "stretching", "10", "--plain")
    assert STOP not in result.out and "Earlier today" not in result.out


# ---- ready remembers today ---------------------------------------------------------------
def test_ready_after_a_red_flag_today_is_rest_and_says_what_and_when(cli) -> None:  # type: ignore[no-untyped-def]
    logged = json.loads(cli("add", "aerobic", "20", "--symptom", "chest pain", "--json").out)
    at = datetime.fromisoformat(logged["session"]["at"])
    result = cli("ready", "--plain")
    assert result.code == 0, result.err
    lines = lines_of(result.out)
    assert lines[0] == STOP
    assert lines[1].startswith("Better to rest today.")
    assert f"You noted chest pain at {at:%H:%M} today." in " ".join(result.out.split())
    assert "Fine for your usual session" not in result.out
    doc = json.loads(cli("ready", "--json").out)
    assert doc["verdict"] == "rest" and doc["reasons"][0]["question"] == "logged-alert"


def test_ready_after_yesterdays_red_flag_is_not_rest(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "aerobic", "20", "--symptom", "chest pain", "--at", "yesterday").code == 0
    assert json.loads(cli("ready", "--json").out)["verdict"] == "fine"


@pytest.mark.parametrize(
    ("flag", "words"),
    [("--tired", "You felt tired in your aerobic session"),
     ("--kept-going", "You kept going after feeling tired in your aerobic session")],
)  # fmt: skip
def test_ready_after_a_tiring_session_today_is_go_easy(cli, flag: str, words: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "aerobic", "20", flag).code == 0
    result = cli("ready", "--plain")
    assert result.out.startswith("Go easy today")
    assert words in " ".join(result.out.split())


@pytest.mark.parametrize(("fatigue", "verdict"), [(6, "fine"), (7, "easy"), (10, "easy")])
def test_ready_after_a_tired_checkin_at_the_threshold(cli, fatigue: int, verdict: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("checkin", "--fatigue", str(fatigue)).code == 0
    doc = json.loads(cli("ready", "--json").out)
    assert doc["verdict"] == verdict
    if verdict == "easy":
        assert doc["reasons"][0]["question"] == "logged-fatigue"
        assert f"tiredness {fatigue} of 10" in doc["reasons"][0]["text"]


def test_a_question_answered_rest_still_wins_over_a_tired_log(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("checkin", "--fatigue", "8").code == 0
    doc = json.loads(cli("ready", "--ill", "--json").out)
    assert doc["verdict"] == "rest"
    assert [r["question"] for r in doc["reasons"]] == ["ill", "logged-fatigue"]


# ---- the tired-day rule ---------------------------------------------------------------------
@pytest.mark.parametrize(("fatigue", "flagged"), [(6, False), (7, True)])
def test_a_session_on_a_tired_day_is_flagged(cli, fatigue: int, flagged: bool) -> None:  # type: ignore[no-untyped-def]
    checkin = json.loads(cli("checkin", "--fatigue", str(fatigue), "--json").out)
    assert checkin["findings"] == []  # no session yet that day
    doc = json.loads(cli("add", "aerobic", "10", "--json").out)
    rules = [f["rule"] for f in doc["findings"]]
    assert ("tired-day" in rules) is flagged
    if flagged:
        (finding,) = [f for f in doc["findings"] if f["rule"] == "tired-day"]
        assert finding["severity"] == "caution" and "MDA" in finding["source"]


def test_a_tired_checkin_after_the_session_flags_it(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "aerobic", "10").code == 0
    doc = json.loads(cli("checkin", "--fatigue", "9", "--json").out)
    assert [f["rule"] for f in doc["findings"]] == ["tired-day"]


# ---- a check-in prints only what it raised itself -------------------------------------------
def test_a_checkin_without_aching_repeats_no_earlier_aching(cli) -> None:  # type: ignore[no-untyped-def]
    two, one = days_ago(2), days_ago(1)
    assert cli("add", "aerobic", "25", "--at", two.isoformat()).code == 0
    ache = cli("checkin", "--aching", "--date", one.isoformat(), "--plain")
    assert "Caution: You noted aching" in ache.out
    calm = cli("checkin", "--no-aching", "--fatigue", "2", "--plain")
    assert calm.code == 0
    assert "aching on" not in calm.out and "Caution" not in calm.out
    assert lines_of(calm.out) == ["Checked in for today: no aching, fatigue 2 out of 10."]


# ---- week --------------------------------------------------------------------------------------
def test_week_tells_an_earlier_alert_in_the_past_tense_first(cli) -> None:  # type: ignore[no-untyped-def]
    day = days_ago(3)
    assert cli("add", "aerobic", "20", "--symptom", "chest pain", "--at", day.isoformat()).code == 0
    assert cli("add", "aerobic", "40", "--rpe", "15").code == 0
    result = cli("week", "--plain")
    assert STOP not in result.out
    lines = lines_of(result.out)
    start = next(i for i, line in enumerate(lines) if "to look at:" in line)
    first = " ".join(" ".join(lines[start + 1 : start + 4]).split())
    assert first.startswith(
        f"ALERT: On {label(day)} you noted chest pain. "
        "If you have not told your care team yet, do it now."
    )


def test_week_says_stop_now_for_todays_alert(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "aerobic", "20", "--symptom", "chest pain").code == 0
    lines = lines_of(cli("week", "--plain").out)
    start = next(i for i, line in enumerate(lines) if "to look at:" in line)
    assert lines[start + 2] == STOP and lines[start + 3].startswith(
        "ALERT: (today) You noted chest pain"
    )


def test_a_week_with_an_aching_day_fits_one_screen(cli) -> None:  # type: ignore[no-untyped-def]
    """As in the README: a few sessions across days, then an aching check-in."""
    for n in (4, 3, 2, 1):
        day = days_ago(n).isoformat()
        assert cli("add", "stretching", "15", "--at", f"{day} 08:00").code == 0
        assert cli("add", "aerobic", "25", "-a", "walking", "--rpe", "12", "--talk",
                   "--at", f"{day} 10:00").code == 0  # fmt: skip
    assert cli("add", "rom", "10", "--assisted", "--at", f"{days_ago(2)} 11:00").code == 0
    assert cli("add", "strength", "20", "--at", f"{days_ago(1)} 12:00").code == 0
    assert cli("checkin", "--aching", "--where", "calves").code == 0
    result = cli("week", "--plain")
    lines = lines_of(result.out)
    start = next(i for i, line in enumerate(lines) if "to look at:" in line)
    findings = lines[start:]
    assert len(findings) <= 10, "\n".join(findings)  # one line each: never wrapped
    text = " ".join(" ".join(findings).split())
    assert text.count("You noted aching") == 1  # one finding per aching check-in
    assert "aerobic 25 minutes on" in text and "(try 19 minutes)" in text  # 25% of 25 is about 6
    assert "strengthening 20 minutes yesterday (try 15 minutes)" in text  # the week: no date
    assert "stretching 15 minutes on" not in text  # daily kinds are not cut
    assert "may speed muscle loss" in text
    # the day reminders come once each, with their other days
    assert len(re.findall(r"No range-of-motion exercises logged", text)) <= 1
