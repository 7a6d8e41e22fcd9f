"""The rules engine: every rule at its boundaries, with the shipped guidelines."""

from __future__ import annotations

import itertools
import tomllib
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from alslog import guidelines, paths, words
from alslog.guidelines import (
    Guidelines,
    evaluate,
    history_days,
    lookahead_days,
    red_flags,
    session_findings,
    suggest_minutes,
)
from alslog.models import CheckIn, Finding, Rating, Session

G = guidelines.load()
TZ = timezone(timedelta(hours=-5))
TODAY = date(2024, 3, 20)
D = date(2024, 3, 10)  # a day in the past
_ids = itertools.count(1)


def sess(day: date = D, kind: str = "aerobic", minutes: int = 20, **fields: Any) -> Session:
    return Session.model_validate(
        {
            "id": f"s{next(_ids):05d}",
            "kind": kind,
            "minutes": minutes,
            "at": datetime.combine(day, time(10, 0), TZ),
            **fields,
        }
    )


def checkin(day: date, aching: bool | None = True) -> CheckIn:
    return CheckIn(id=f"c{next(_ids):05d}", date=day, aching=aching)


def run(
    sessions: list[Session],
    checkins: list[CheckIn] | None = None,
    g: Guidelines = G,
    *,
    start: date = D,
    end: date = D,
    today: date = TODAY,
    first_day: date | None = None,
    ratings: list[Rating] | None = None,
) -> list[Finding]:
    if ratings is None:  # as the callers from before ratings call it
        return evaluate(
            sessions, checkins or [], g, start=start, end=end, today=today, first_day=first_day
        )
    return evaluate(
        sessions,
        checkins or [],
        g,
        start=start,
        end=end,
        today=today,
        first_day=first_day,
        ratings=ratings,
    )


def rule_ids(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def variant(tmp_path: Path, edit: Any) -> Guidelines:
    data = tomllib.loads(paths.shipped_guidelines().read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "guidelines.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return guidelines.load(path)


# ---- effort -----------------------------------------------------------------------


def test_rpe_13_is_moderate_14_is_above() -> None:
    assert run([sess(rpe=13)]) == []
    assert run([sess(rpe=None)]) == []
    (finding,) = run([sess(rpe=14)])
    assert finding.rule == "above-moderate" and finding.severity == "caution"
    assert "14" in finding.message and "13" in finding.message
    assert finding.date == D
    assert "Borg RPE scale" in finding.source


@pytest.mark.parametrize(
    ("rpe", "expected"),
    [
        (13, []),
        (14, [("above-moderate", "caution")]),
        (16, [("above-moderate", "caution")]),
        (17, [("far-above-moderate", "warning")]),
        (20, [("far-above-moderate", "warning")]),
    ],
)
def test_effort_bands(rpe: int, expected: list[tuple[str, str]]) -> None:
    found = run([sess(rpe=rpe)])
    assert [(f.rule, f.severity) for f in found] == expected
    for finding in found:
        assert str(rpe) in finding.message and "Borg RPE scale" in finding.source
    if rpe >= 17:
        assert "16" in found[0].message and "very hard" in found[0].message


def test_without_the_far_above_rule_20_is_still_above_moderate(tmp_path: Path) -> None:
    g = variant(tmp_path, lambda data: data["rules"].pop("far-above-moderate"))
    assert [(f.rule, f.severity) for f in run([sess(rpe=20)], g=g)] == [
        ("above-moderate", "caution")
    ]
    off = variant(tmp_path, lambda data: data["rules"]["far-above-moderate"].update(enabled=False))
    assert rule_ids(run([sess(rpe=20)], g=off)) == ["above-moderate"]


def test_could_not_talk() -> None:
    assert run([sess(talk=True)]) == [] and run([sess(talk=None)]) == []
    assert rule_ids(run([sess(talk=False)])) == ["could-not-talk"]


def test_kept_going_is_a_warning() -> None:
    assert run([sess(tired=True)]) == []
    (finding,) = run([sess(tired=True, kept_going=True)])
    assert (finding.rule, finding.severity) == ("pushed-through-fatigue", "warning")
    assert "ALS News Today" in finding.source


def test_aerobic_30_minutes_is_fine_31_is_long() -> None:
    assert run([sess(minutes=30)]) == []
    (finding,) = run([sess(minutes=31)])
    assert finding.rule == "long-aerobic" and "31" in finding.message and "30" in finding.message
    assert finding.source == "ACSM"
    assert run([sess(kind="stretching", minutes=45)]) == []


def test_strength_session_gets_the_caution_about_disagreeing_sources() -> None:
    (finding,) = run([sess(kind="strength", minutes=15)])
    assert (finding.rule, finding.severity) == ("strength-caution", "caution")
    assert "disagree" in finding.message and "therapist" in finding.message
    assert "Cleveland Clinic" in finding.source and "AAN press release" in finding.source


# ---- next-day aching --------------------------------------------------------------


def aching_run(
    sessions: list[Session], checkins: list[CheckIn], g: Guidelines = G
) -> list[Finding]:
    """The aching findings of the check-ins' days (a finding is dated on its check-in)."""
    days = [c.date for c in checkins]
    found = run(sessions, checkins, g, start=min(days), end=max(days))
    return only(found, "next-day-aching")


@pytest.mark.parametrize(("days_before", "flagged"), [(1, True), (2, True), (3, False), (0, False)])
def test_aching_window(days_before: int, flagged: bool) -> None:
    s = sess(day=D, minutes=40)
    ache = D + timedelta(days=days_before)
    found = aching_run([s], [checkin(ache)])
    assert bool(found) is flagged
    if flagged:
        (finding,) = found
        assert finding.date == ache and finding.sessions == (s.id,) and finding.names_day
        assert finding.severity == "caution"
        assert "aerobic 40 min on Sun 10 Mar (try 30 min)" in finding.message
        assert "25% less" in finding.message and "therapist" in finding.message
        assert "may speed muscle loss" in finding.message


def test_one_finding_per_aching_checkin_listing_the_sessions_before_it() -> None:
    a = sess(day=D - timedelta(days=1), minutes=20)
    b = sess(day=D, kind="strength", minutes=25)
    stretch = sess(day=D, kind="stretching", minutes=10)
    rom = sess(day=D, kind="rom", minutes=10)
    ache = D + timedelta(days=1)
    (finding,) = aching_run([a, b, stretch, rom], [checkin(ache)])
    assert finding.sessions == (a.id, b.id)  # stretching and ROM are not cut
    assert "aerobic 20 min on Sat 9 Mar (try 15 min)" in finding.message
    assert "strengthening 25 min on Sun 10 Mar (try 19 min)" in finding.message
    assert "stretching 10" not in finding.message and "range of motion 10" not in finding.message
    assert "Keep up daily stretching" in finding.message


def test_each_aching_day_gets_its_own_finding() -> None:
    a = sess(day=D - timedelta(days=1), minutes=20)
    aches = [checkin(D), checkin(D + timedelta(days=1))]
    found = aching_run([a], aches)
    assert sorted(f.date for f in found) == [D, D + timedelta(days=1)]


def test_aching_after_only_stretching_and_rom_cuts_nothing() -> None:
    found = aching_run(
        [sess(kind="stretching", minutes=10), sess(kind="rom", minutes=10)],
        [checkin(D + timedelta(days=1))],
    )
    assert found == []


def test_no_aching_no_finding() -> None:
    s = sess()
    nxt = D + timedelta(days=1)
    assert aching_run([s], [checkin(nxt, aching=False)]) == []
    assert aching_run([s], [checkin(nxt, aching=None)]) == []


def test_aching_finding_is_dated_on_the_checkin_day() -> None:
    s = sess(day=D)
    # the aching day lies after the window: nothing dated in the window
    assert only(run([s], [checkin(D + timedelta(days=1))]), "next-day-aching") == []


def test_aching_window_and_cut_come_from_the_file(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["rules"]["next-day-aching"].update(days_before=3, cut_back_percent=50)

    g = variant(tmp_path, edit)
    (finding,) = aching_run([sess(minutes=40)], [checkin(D + timedelta(days=3))], g)
    assert "(try 20 min)" in finding.message and "50% less" in finding.message


def test_a_personal_copy_may_cut_stretching(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["rules"]["next-day-aching"]["kinds"] = ["stretching", "aerobic"]

    g = variant(tmp_path, edit)
    (finding,) = aching_run(
        [sess(kind="stretching", minutes=12)], [checkin(D + timedelta(days=1))], g
    )
    assert "stretching 12 min on Sun 10 Mar (try 9 min)" in finding.message


def test_an_older_copy_with_the_one_session_placeholders_still_works(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["rules"]["next-day-aching"]["message"] = (
            "Aching on {ache_day} after {minutes} minutes of {kind}: try {suggested}."
        )

    g = variant(tmp_path, edit)
    (finding,) = aching_run([sess(minutes=40)], [checkin(D + timedelta(days=1))], g)
    assert finding.message == "Aching on Mon 11 Mar after 40 minutes of aerobic: try 30."


@pytest.mark.parametrize(
    ("minutes", "percent", "expected"),
    [(40, 25, 30), (25, 25, 19), (30, 25, 22), (45, 25, 34), (20, 25, 15), (12, 25, 9),
     (10, 25, 7), (2, 50, 1), (1, 25, 1), (3, 50, 1)],
)  # fmt: skip
def test_suggest_minutes(minutes: int, percent: int, expected: int) -> None:
    assert suggest_minutes(minutes, percent) == expected


@given(st.integers(2, 600), st.integers(5, 75))
def test_suggestion_is_less_positive_and_true_to_the_percent(minutes: int, percent: int) -> None:
    suggested = suggest_minutes(minutes, percent)
    assert 1 <= suggested < minutes
    assert abs(suggested - minutes * (100 - percent) / 100) < 1  # "N% less" stays true


@given(st.integers(2, 600), st.sampled_from([5, 10, 20, 25, 33, 50, 75]))
def test_the_numbers_in_the_aching_text_agree_with_its_percent(minutes: int, percent: int) -> None:
    import re

    data = tomllib.loads(paths.shipped_guidelines().read_text(encoding="utf-8"))
    data["rules"]["next-day-aching"]["cut_back_percent"] = percent
    g = guidelines.parse(data)
    (finding,) = aching_run([sess(minutes=minutes)], [checkin(D + timedelta(days=1))], g)
    said = re.search(r"aerobic (\d+) min on .*?\(try (\d+) min\)", finding.message)
    stated = re.search(r"(\d+)% less", finding.message)
    assert said is not None and stated is not None
    before, after = int(said.group(1)), int(said.group(2))
    assert before == minutes and after < before
    assert abs(after - before * (100 - int(stated.group(1))) / 100) < 1


# ---- tired day (a check-in fatigue at or above the rule's threshold) ------------------


def new_checkin_id() -> str:
    return f"c{next(_ids):05d}"


def fatigue_checkin(day: date, level: int) -> CheckIn:
    return CheckIn(id=f"c{next(_ids):05d}", date=day, fatigue=level)


@pytest.mark.parametrize(("level", "flagged"), [(6, False), (7, True), (10, True), (0, False)])
def test_tired_day_boundary(level: int, flagged: bool) -> None:
    limit = G.rule("tired-day")
    assert isinstance(limit, guidelines.CheckinFatigue) and limit.fatigue_at == 7
    a, b = sess(minutes=20), sess(kind="rom", minutes=10)
    found = only(run([a, b], [fatigue_checkin(D, level)]), "tired-day")
    assert bool(found) is flagged
    if flagged:
        (finding,) = found  # one per day, listing its sessions
        assert finding.sessions == (a.id, b.id) and finding.date == D
        assert f"tiredness {level} of 10" in finding.message
        assert "aerobic 20 min and range of motion 10 min" in finding.message
        assert "MDA" in finding.source and "Exercises page" in finding.source


def test_tired_day_threshold_comes_from_the_file(tmp_path: Path) -> None:
    g = variant(tmp_path, lambda data: data["rules"]["tired-day"].update(fatigue_at=4))
    assert only(run([sess()], [fatigue_checkin(D, 3)], g), "tired-day") == []
    assert len(only(run([sess()], [fatigue_checkin(D, 4)], g), "tired-day")) == 1


def test_tired_day_needs_a_session_that_day() -> None:
    other_day = sess(day=D - timedelta(days=1))
    assert only(run([other_day], [fatigue_checkin(D, 9)]), "tired-day") == []


# ---- daily stretching and range of motion ---------------------------------------


def test_daily_rules_need_a_first_day() -> None:
    assert run([], start=D, end=D, first_day=None) == []


def test_missing_day_flags_both_daily_rules() -> None:
    found = run([], first_day=D)
    assert sorted(rule_ids(found)) == ["daily-rom", "daily-stretching"]
    assert all(f.date == D and f.severity == "info" and f.sessions == () for f in found)


def test_logged_kinds_are_not_flagged() -> None:
    found = run([sess(kind="stretching", minutes=10)], first_day=D)
    assert rule_ids(found) == ["daily-rom"]
    assert run([sess(kind="stretching"), sess(kind="rom", assisted=True)], first_day=D) == []


def test_days_before_the_first_entry_do_not_count() -> None:
    start = D - timedelta(days=5)
    found = run([], start=start, end=D, first_day=D - timedelta(days=1))
    assert {f.date for f in found} == {D - timedelta(days=1), D}


def test_today_and_later_are_not_flagged() -> None:
    yesterday = TODAY - timedelta(days=1)
    found = run([], start=yesterday, end=TODAY + timedelta(days=3), first_day=D)
    assert {f.date for f in found} == {yesterday}


def test_daily_rule_can_be_switched_off(tmp_path: Path) -> None:
    g = variant(tmp_path, lambda data: data["rules"]["daily-rom"].update(enabled=False))
    assert rule_ids(run([], g=g, first_day=D)) == ["daily-stretching"]


# ---- symptoms ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "symptom",
    [
        "chest pain",
        "Chest Pain",
        "pain in my chest",
        "breathless",
        "Breathlessness",
        "short of breath",
        "a bit short of breath",
        "shortness of breath",
        "dizzy",
        "felt dizzy",
        "Dizziness",
        "light-headed",
        "fainted",
        "severe cramp",
        "severe leg cramps",
        "Excessive cramping",
        "unusually heavy sweating",
        "cola-coloured urine",
        "can’t breathe",
        # chest pain in other words
        "chest hurts",
        "chest ache",
        "chest aching",
        "my chest really hurts",
        "chest feels tight",
        "tightness in my chest",
        "mid-chest pain",
        # alslog's own precaution
        "palpitations",
        "heart racing",
        "my heart was racing",
        "racing heart",
        # cola-coloured urine, however written
        "cola coloured urine",
        "Cola-colored urine",
        "cola-coloured",
        "urine looked like cola",
        # not negated: something else stands between, or a new clause starts
        "never been so dizzy",
        "never felt this breathless",
        "not sure why I'm dizzy",
        "don't know why, dizzy",
        "no, dizzy",
        "no pain but short of breath",
        "no cramps and chest pain",
        "no chest pain yesterday, chest pain today",
        "not just dizzy",
        "I can not breathe",
        "'dizzy'",
    ],
)
def test_red_flag_symptoms_alert(symptom: str) -> None:
    found = run([sess(symptoms=(symptom,))])
    assert rule_ids(found) == ["red-flag-symptom"]
    (finding,) = found
    assert finding.severity == "alert" and symptom in finding.message
    assert "care team" in finding.message


def flagged(texts: list[str]) -> list[str]:
    red = G.rule("red-flag-symptom")
    assert isinstance(red, guidelines.SymptomTerms)
    return [text for text, _hits in red_flags(texts, red)]


@pytest.mark.parametrize(
    "symptom",
    [
        "cramp",
        "cramps",
        "calf cramp",
        "mild cramping",
        "tired legs",
        "sore shoulder",
        "sweaty",
        "calf cramp, eased with stretching",
        "stiff knees",
    ],
)
def test_other_symptoms_are_noted_not_alerted(symptom: str) -> None:
    found = run([sess(symptoms=(symptom,))])
    assert rule_ids(found) == ["symptom-noted"]
    assert found[0].severity == "info" and symptom in found[0].message


@pytest.mark.parametrize(
    "symptom",
    [
        "no chest pain",
        "No chest pain.",
        "not dizzy",
        "did not feel dizzy",
        "didn't feel dizzy",
        "wasn't dizzy at all",
        "without getting short of breath",
        "never had any chest pain",
        "denies chest pain",
        "no sign of chest pain",
        "no dizziness, no chest pain",
        "drank a coca-cola",
        "coca cola at lunch",
    ],
)
def test_negated_symptoms_and_cola_drinks_are_not_alerts(symptom: str) -> None:
    assert flagged([symptom]) == []
    found = run([sess(symptoms=(symptom,))])
    assert rule_ids(found) == ["symptom-noted"]  # still noted, as info


def test_mixed_symptoms_are_split_between_alert_and_note() -> None:
    found = run([sess(symptoms=("cramp", "dizzy", "short of breath"))])
    assert rule_ids(found) == ["red-flag-symptom", "symptom-noted"]
    assert "dizzy and short of breath" in found[0].message
    assert "cramp" in found[1].message and "dizzy" not in found[1].message


def test_each_finding_cites_only_the_sources_of_the_signs_found() -> None:
    (mda,) = run([sess(symptoms=("chest pain",))])
    assert mda.source == "MDA, Everyday Life with ALS"
    (own,) = run([sess(symptoms=("dizzy",))])
    assert own.source == "alslog's own precaution"
    (both,) = run([sess(symptoms=("dizzy", "short of breath"))])
    assert both.source == "MDA, Everyday Life with ALS; alslog's own precaution"


def test_a_note_is_screened_and_quoted() -> None:
    (found,) = run([sess(note="had chest pain halfway, stopped")])
    assert found.rule == "red-flag-symptom" and found.severity == "alert"
    assert "\u201chad chest pain halfway, stopped\u201d" in found.message
    long_note = "walked by the river with my sister and the dog for a good while, " * 3
    (cut,) = run([sess(note=long_note + "then my chest felt tight")])
    assert "\u201cthen my chest felt tight\u201d" in cut.message
    assert run([sess(note="walked to the park, good session")]) == []  # a note is not a symptom


def test_a_checkin_is_screened_and_dated_on_its_day() -> None:
    day = D + timedelta(days=1)
    record = CheckIn(id="c99999", date=day, symptoms=("racing heart", "cramp"), note="ok")
    found = run([], [record], start=D, end=day)
    assert rule_ids(found) == ["red-flag-symptom", "symptom-noted"]
    assert all(f.date == day and f.sessions == () for f in found)
    assert "racing heart" in found[0].message and "cramp" in found[1].message
    noted = CheckIn(id="c99998", date=day, note="felt faint getting up")
    (alert,) = run([], [noted], start=day, end=day)
    assert alert.rule == "red-flag-symptom"


def test_word_starts_and_lists() -> None:
    assert flagged(["spain trip", "painting the fence"]) == []
    assert flagged(["painful"]) == ["painful"]
    assert flagged(["severe, sharp leg cramp"]) == []  # another clause: a plain cramp
    assert flagged(["severe sharp leg cramp"]) == ["severe sharp leg cramp"]
    assert flagged([]) == []


def test_negation_is_within_its_clause_and_a_few_plain_words() -> None:
    assert flagged(["not dizzy"]) == []
    assert flagged(["never felt at all dizzy"]) == []  # 3 plain words
    assert flagged(["not feeling at all dizzy"]) == []
    assert flagged(["not having felt at all dizzy"]) == ["not having felt at all dizzy"]  # 4
    assert flagged(["not; dizzy"]) == ["not; dizzy"]
    assert flagged(["not dizzy, then dizzy"]) == ["not dizzy, then dizzy"]
    # a negation inside a term is part of it, not of the sentence
    assert flagged(["cannot breathe"]) == ["cannot breathe"]
    assert flagged(["no I can't breathe"]) == ["no I can't breathe"]


# ---- ALSFRS-R self-ratings ----------------------------------------------------------

NORMAL = (4,) * 12
EARLIER = D - timedelta(days=30)


def rate(day: date, scores: tuple[int, ...] = NORMAL, *, tube: bool = False) -> Rating:
    return Rating(id=f"r{next(_ids):05d}", date=day, scores=scores, tube=tube)


def with_total(points: int) -> tuple[int, ...]:
    """Twelve scores adding up to ``points``, lost from items 1-9 first (never breathing)."""
    scores = [4] * 12
    lost = 48 - points
    for index in range(9):
        take = min(4, lost)
        scores[index] -= take
        lost -= take
    assert lost == 0, points
    return tuple(scores)


def breathing(item: int, score: int, base: tuple[int, ...] = NORMAL) -> tuple[int, ...]:
    scores = list(base)
    scores[item - 1] = score
    return tuple(scores)


def falls(ratings: list[Rating], g: Guidelines = G, **kw: Any) -> list[Finding]:
    return only(run([], ratings=ratings, g=g, **kw), "rating-fall")


@pytest.mark.parametrize(("total", "raised"), [(48, False), (47, False), (46, True), (40, True)])
def test_a_fall_of_2_points_is_raised_1_is_not(total: int, raised: bool) -> None:
    found = falls([rate(EARLIER), rate(D, with_total(total))])
    assert bool(found) is raised
    if raised:
        (finding,) = found
        assert finding.severity == "caution" and finding.date == D
        assert f"your total went from 48 to {total} ({48 - total} points lower)" in finding.message
        assert "care team" in finding.message and "physical therapist" in finding.message
        assert finding.source == "Cedarbaum 1999; Maier 2012; alslog's own precaution"
        assert finding.sessions == () and finding.names_day is False
        assert "breathing" not in finding.message.split(".")[0]


@pytest.mark.parametrize(
    ("item", "other"),
    [
        (10, NORMAL),  # the total falls by 1 only
        (11, breathing(1, 3)),  # item 1 was 3 last time and is 4 now: the total is unchanged
        (12, breathing(1, 2)),  # item 1 rose by 2: the total went up
    ],
)
def test_any_fall_in_a_breathing_item_is_raised(item: int, other: tuple[int, ...]) -> None:
    before = rate(EARLIER, other)
    latest = rate(D, breathing(item, 3))
    assert latest.total - before.total in (-1, 0, 1)
    (finding,) = falls([before, latest])
    name = {10: "shortness of breath", 11: "breathing lying down", 12: "breathing support"}[item]
    assert f"your score for {name} went from 4 to 3" in finding.message
    assert "your total" not in finding.message  # it did not fall by 2
    assert finding.date == D


def test_both_are_said_when_the_total_and_a_breathing_item_fell() -> None:
    latest = rate(D, breathing(11, 2, with_total(44)))
    (finding,) = falls([rate(EARLIER), latest])
    assert finding.message.startswith(
        f"Since your rating of {words.day_short(EARLIER)}, your total went from 48 to 42 "
        "(6 points lower) and your score for breathing lying down went from 4 to 2."
    )


def test_a_rise_or_a_fall_outside_breathing_of_1_is_quiet() -> None:
    assert falls([rate(EARLIER, with_total(40)), rate(D, with_total(44))]) == []
    assert falls([rate(EARLIER, with_total(44)), rate(D, with_total(43))]) == []


def test_no_previous_rating_no_finding() -> None:
    assert falls([rate(D, with_total(20))]) == []
    assert falls([]) == []
    # Existing callers pass no ratings at all.
    assert only(run([]), "rating-fall") == []


def test_two_ratings_the_same_day_the_later_counts() -> None:
    # A slip corrected the same day is not a fall...
    assert falls([rate(EARLIER), rate(D, with_total(40)), rate(D)]) == []
    # ...and a later, lower rating the same day is compared with the day before.
    (finding,) = falls([rate(EARLIER), rate(D), rate(D, with_total(45))])
    assert f"Since your rating of {words.day_short(EARLIER)}," in finding.message
    assert "from 48 to 45" in finding.message
    # Two the same day and none before: nothing to compare with.
    assert falls([rate(D), rate(D, with_total(40))]) == []
    # The order given counts within a day, not the ids.
    first, second = rate(D), rate(D, with_total(40))
    assert falls([rate(EARLIER), second, first]) == []


def test_each_rating_in_the_window_is_compared_with_the_one_before() -> None:
    before_start = rate(D - timedelta(days=60))
    ratings = [
        rate(D - timedelta(days=90), with_total(48)),
        before_start,
        rate(D - timedelta(days=1), with_total(45)),
        rate(D + timedelta(days=2), with_total(44)),  # a fall of 1 from the day before
        rate(D + timedelta(days=40), with_total(40)),  # outside the window
    ]
    found = falls(list(reversed(ratings)), start=D - timedelta(days=7), end=D + timedelta(days=7))
    assert [f.date for f in found] == [D - timedelta(days=1)]
    assert "from 48 to 45" in found[0].message


def test_a_rating_a_year_apart_names_the_year() -> None:
    last_year = date(2023, 11, 20)
    (finding,) = falls([rate(last_year), rate(D, with_total(45))])
    assert f"Since your rating of {words.day_short(last_year, year=True)}," in finding.message


def test_item_five_asked_in_its_other_form_is_said() -> None:
    latest = rate(D, breathing(5, 1), tube=True)
    (finding,) = falls([rate(EARLIER), latest])
    assert "item 5 was rated for a feeding tube this time, for cutting food last time" in (
        finding.message
    )


def test_rating_fall_settings_come_from_the_file(tmp_path: Path) -> None:
    assert isinstance(G.rule("rating-fall"), guidelines.RatingFall)
    three = variant(tmp_path, lambda data: data["rules"]["rating-fall"].update(points=3))
    assert falls([rate(EARLIER), rate(D, with_total(46))], g=three) == []
    assert len(falls([rate(EARLIER), rate(D, with_total(45))], g=three)) == 1
    no_breathing = variant(
        tmp_path, lambda data: data["rules"]["rating-fall"].update(breathing_items=False)
    )
    assert falls([rate(EARLIER), rate(D, breathing(10, 3))], g=no_breathing) == []
    assert falls([rate(EARLIER), rate(D, breathing(10, 2))], g=no_breathing) != []  # 2 points
    off = variant(tmp_path, lambda data: data["rules"]["rating-fall"].update(enabled=False))
    assert falls([rate(EARLIER), rate(D, with_total(30))], g=off) == []
    # A copy without the rule gets the shipped one (an older copy must not keep it quiet).
    gone = variant(tmp_path, lambda data: data["rules"].pop("rating-fall"))
    assert len(falls([rate(EARLIER), rate(D, with_total(30))], g=gone)) == 1


# ---- the whole -------------------------------------------------------------------


def test_most_serious_first_and_only_inside_the_window() -> None:
    inside = sess(rpe=15, kept_going=True, symptoms=("chest pain",))
    outside = sess(day=D + timedelta(days=1), rpe=18)
    found = run([inside, outside])
    assert [f.severity for f in found] == ["alert", "warning", "caution"]
    assert all(f.date == D and f.sessions == (inside.id,) for f in found)


def test_duplicate_session_ids_count_once() -> None:
    s = sess(rpe=15)
    assert len(run([s, s])) == 1


def test_every_placeholder_of_every_check_is_filled(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        for rule_id, rule in data["rules"].items():
            if rule_id == "red-flag-symptom":
                continue  # its words cannot change
            names = guidelines.RULE_CLASSES[rule["check"]].PLACEHOLDERS
            rule["message"] = " ".join("{" + n + "}=" for n in sorted(names))

    g = variant(tmp_path, edit)
    history = [
        sess(minutes=40, rpe=16, talk=False, kept_going=True, symptoms=("dizzy", "cramp")),
        sess(kind="strength", minutes=10, rpe=18),
    ]
    ache = CheckIn(id=new_checkin_id(), date=D + timedelta(days=1), aching=True, fatigue=9)
    later = sess(day=D + timedelta(days=1), minutes=15)
    ratings = [rate(D - timedelta(days=30)), rate(D, with_total(45))]
    found = run(
        [*history, later], [ache], g, end=D + timedelta(days=1), first_day=D, ratings=ratings
    )
    assert set(rule_ids(found)) == set(g.rules)
    for finding in found:
        assert "{" not in finding.message and "}" not in finding.message


# ---- after `alslog add` -------------------------------------------------------------


def test_session_findings_concern_only_that_session() -> None:
    earlier = sess(day=D - timedelta(days=1), rpe=17)
    new = sess(minutes=45, rpe=15, kept_going=True)
    found = session_findings(new, [earlier], [], G, today=D)
    assert rule_ids(found) == ["pushed-through-fatigue", "above-moderate", "long-aerobic"]
    assert all(f.sessions == (new.id,) for f in found)


def test_session_findings_see_aching_reported_after_it() -> None:
    new = sess(minutes=30)
    found = session_findings(new, [new], [checkin(D + timedelta(days=1))], G, today=TODAY)
    assert rule_ids(found) == ["next-day-aching"]
    assert "(try 22 min)" in found[0].message


def test_a_quiet_session_has_no_findings() -> None:
    new = sess(kind="stretching", minutes=10, rpe=11, talk=True)
    assert session_findings(new, [], [], G, today=D) == []


def test_lookahead_follows_the_aching_window(tmp_path: Path) -> None:
    assert lookahead_days(G) == 2 and history_days(G) == 2
    g = variant(tmp_path, lambda data: data["rules"]["next-day-aching"].update(days_before=4))
    assert lookahead_days(g) == 4 and history_days(g) == 4
    off = variant(tmp_path, lambda data: data["rules"]["next-day-aching"].update(enabled=False))
    assert lookahead_days(off) == 0 and history_days(off) == 0
