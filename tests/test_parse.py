"""Parsing what people type: kinds, minutes, dates and times, at their edges."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alslog.errors import UsageError
from alslog.parse import (
    check_range,
    check_rpe,
    parse_date,
    parse_kind,
    parse_minutes,
    parse_when,
)

NOW = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("stretching", "stretching"),
        ("Stretch", "stretching"),
        ("stret", "stretching"),
        ("rom", "rom"),
        ("range-of-motion", "rom"),
        ("range of motion", "rom"),
        ("ro", "rom"),
        ("a", "aerobic"),
        ("cardio", "aerobic"),
        ("stren", "strength"),
        ("weights", "strength"),
        ("o", "other"),
    ],
)
def test_kinds_aliases_and_prefixes(text: str, kind: str) -> None:
    assert parse_kind(text) == kind


@pytest.mark.parametrize("text", ["s", "st", "stre", "r"])
def test_ambiguous_prefix_names_the_choices(text: str) -> None:
    with pytest.raises(UsageError, match="could mean"):
        parse_kind(text)


@pytest.mark.parametrize("text", ["", "walk", "yoga", "x"])
def test_unknown_kind_lists_accepted(text: str) -> None:
    with pytest.raises(UsageError, match="stretching, rom, aerobic, strength or other"):
        parse_kind(text)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("1", 1), ("600", 600), ("30m", 30), ("45 min", 45), ("1h", 60), ("1h15", 75), ("10h", 600)],
)
def test_minutes_accepted(text: str, minutes: int) -> None:
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize("text", ["0", "601", "-5", "abc", "", "1.5", "11h", "nan", "inf"])
def test_minutes_refused(text: str) -> None:
    with pytest.raises(UsageError, match=r"1 to 600|out of range"):
        parse_minutes(text)


@pytest.mark.parametrize("rpe", [6, 13, 20, None])
def test_rpe_on_scale(rpe: int | None) -> None:
    assert check_rpe(rpe) == rpe


@pytest.mark.parametrize("rpe", [5, 21, 0, -1, 10**9])
def test_rpe_off_scale(rpe: int) -> None:
    with pytest.raises(UsageError, match=r"6.*20"):
        check_rpe(rpe)


def test_rpe_off_scale_names_the_moderate_band_it_is_given() -> None:
    with pytest.raises(UsageError, match="11 to 13 is moderate"):
        check_rpe(21)
    with pytest.raises(UsageError, match="10 to 12 is moderate"):
        check_rpe(21, moderate=(10, 12))


def test_range_check() -> None:
    assert check_range("Fatigue", 0, 0, 10) == 0
    assert check_range("Fatigue", 10, 0, 10) == 10
    with pytest.raises(UsageError, match="0 to 10"):
        check_range("Fatigue", 11, 0, 10)


def test_dates() -> None:
    today = date(2026, 11, 22)
    assert parse_date("today", today) == today
    assert parse_date("yesterday", today) == today - timedelta(days=1)
    assert parse_date("2024-02-29", today) == date(2024, 2, 29)
    for bad in ["2026-02-29", "2026-13-01", "22/11/2026", "soon", ""]:
        with pytest.raises(UsageError, match="YYYY-MM-DD"):
            parse_date(bad, today)
    with pytest.raises(UsageError, match="future"):
        parse_date("2026-11-23", today)


def test_when_forms() -> None:
    assert parse_when("now", NOW) == NOW
    assert parse_when("today", NOW) == NOW
    assert parse_when("09:15", NOW).strftime("%Y-%m-%d %H:%M") == "2026-11-22 09:15"
    assert parse_when("yesterday", NOW).strftime("%Y-%m-%d %H:%M") == "2026-11-21 12:00"
    assert parse_when("yesterday 7:05", NOW).strftime("%Y-%m-%d %H:%M") == "2026-11-21 07:05"
    assert parse_when("2026-11-01 18:00", NOW).strftime("%Y-%m-%d %H:%M") == "2026-11-01 18:00"
    assert parse_when("2026-11-01T18:00", NOW).strftime("%H:%M") == "18:00"
    assert parse_when("2026-11-01", NOW).utcoffset() is not None


@pytest.mark.parametrize(
    "text",
    ["25:00", "12:60", "2026-02-30", "2026-02-30 10:00", "", "soon", "monday blah", "18h"],
)
def test_when_refused(text: str) -> None:
    with pytest.raises(UsageError, match=r"not a time I understand: use YYYY-MM-DD.*a weekday"):
        parse_when(text, NOW)


def test_when_in_future_refused() -> None:
    with pytest.raises(UsageError, match="future"):
        parse_when("2026-12-01", NOW)


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_daylight_saving_gap_is_refused_and_overlap_accepted(new_york) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 11, 22, 12, 0).astimezone()
    with pytest.raises(UsageError, match="clocks went forward"):
        parse_when("2026-03-08 02:30", now)
    before = parse_when("2026-03-08 01:59", now)
    after = parse_when("2026-03-08 03:00", now)
    assert before.utcoffset() == timedelta(hours=-5)
    assert after.utcoffset() == timedelta(hours=-4)
    overlap = parse_when("2026-11-01 01:30", now)  # happens twice: the first is taken
    assert overlap.strftime("%H:%M") == "01:30"


@pytest.mark.parametrize("text", ["0001-01-01", "1969-12-31 23:59", "1900-06-01"])
def test_too_long_ago_refused(text: str) -> None:
    with pytest.raises(UsageError, match="too long ago"):
        parse_when(text, NOW)
    with pytest.raises(UsageError, match="too long ago"):
        parse_date(text.split()[0], NOW.date())
    assert parse_date("1970-01-01", NOW.date()) == date(1970, 1, 1)


# ---- dates as people say them ------------------------------------------------------
# NOW is Sunday 2026-11-22, 15:30.
def _at(text: str, now: datetime = NOW) -> str:
    return parse_when(text, now).strftime("%Y-%m-%d %H:%M")


def test_weekday_is_the_last_one_and_today_is_today() -> None:
    assert NOW.strftime("%A") == "Sunday"
    assert _at("sunday") == "2026-11-22 15:30"  # today's name: today, now
    assert _at("Sun") == "2026-11-22 15:30"
    assert _at("saturday") == "2026-11-21 12:00"  # an earlier day without a time: midday
    assert _at("monday") == "2026-11-16 12:00"  # six days back, never next Monday
    assert _at("last sunday") == "2026-11-15 12:00"  # "last" and today's name: a week ago
    assert _at("last saturday") == "2026-11-21 12:00"
    assert parse_date("sunday", NOW.date()) == NOW.date()
    assert parse_date("monday", NOW.date()) == date(2026, 11, 16)
    assert parse_date("last sunday", NOW.date()) == date(2026, 11, 15)


def test_days_ago_at_its_edges() -> None:
    assert _at("0 days ago") == "2026-11-22 15:30"
    assert _at("1 day ago") == "2026-11-21 12:00"
    assert _at("two days ago") == "2026-11-20 12:00"
    assert parse_date("3 days ago", NOW.date()) == date(2026, 11, 19)
    assert parse_date("0 days ago", NOW.date()) == NOW.date()
    with pytest.raises(UsageError, match="too long ago"):
        parse_when("30000 days ago", NOW)


def test_times_of_day_in_words() -> None:
    assert _at("9am") == "2026-11-22 09:00"
    assert _at("3pm") == "2026-11-22 15:00"
    assert _at("yesterday 9am") == "2026-11-21 09:00"
    assert _at("yesterday at 9:30pm") == "2026-11-21 21:30"
    assert _at("yesterday noon") == "2026-11-21 12:00"
    assert _at("last monday 18:00") == "2026-11-16 18:00"
    assert _at("friday 7pm") == "2026-11-20 19:00"
    assert _at("2026-11-01 9am") == "2026-11-01 09:00"


@pytest.mark.parametrize("text", ["tomorrow", "next week", "in 2 days", "next monday"])
def test_future_in_words_refused_with_the_forms(text: str) -> None:
    with pytest.raises(UsageError, match=r"in the future.*a weekday"):
        parse_when(text, NOW)
    with pytest.raises(UsageError, match="in the future"):
        parse_date(text, NOW.date())


def test_later_today_is_the_future() -> None:
    assert _at("3:30pm") == "2026-11-22 15:30"  # now itself is fine
    with pytest.raises(UsageError, match="future"):
        parse_when("4pm", NOW)


@pytest.mark.parametrize("text", ["12/11", "11/12/2026", "22.11.2026", "1/2"])
def test_day_month_figures_are_ambiguous_and_refused(text: str) -> None:
    with pytest.raises(UsageError, match=r"day/month or month/day.*YYYY-MM-DD.*a weekday"):
        parse_when(text, NOW)
    with pytest.raises(UsageError, match="day/month or month/day"):
        parse_date(text, NOW.date())


@pytest.mark.parametrize("text", ["9am", "yesterday 9am", "monday 18:00"])
def test_a_date_option_refuses_a_time(text: str) -> None:
    with pytest.raises(UsageError, match="time of day: give a day"):
        parse_date(text, NOW.date())


def test_daylight_saving_gap_in_words(new_york) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 3, 9, 12, 0).astimezone()  # Monday, the day after the change
    with pytest.raises(UsageError, match="clocks went forward"):
        parse_when("yesterday 2:30am", now)
    with pytest.raises(UsageError, match="clocks went forward"):
        parse_when("sunday 2:30am", now)
    assert parse_when("sunday 3am", now).utcoffset() == timedelta(hours=-4)
    assert parse_when("last monday 9am", now).utcoffset() == timedelta(hours=-5)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_text_is_a_past_time_or_one_clear_refusal(text: str) -> None:
    try:
        when = parse_when(text, NOW)
    except UsageError as error:  # the command line shows it on one line, escaped
        assert error.message.endswith(".")
    else:
        assert when <= NOW
    try:
        day = parse_date(text, NOW.date())
    except UsageError as error:
        assert error.message.endswith(".")
    else:
        assert day <= NOW.date()


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
)
def test_a_weekday_is_within_the_last_seven_days(name: str, today: date) -> None:
    day = parse_date(name, today)
    assert 0 <= (today - day).days <= 6
    assert day.strftime("%A").lower() == name
    last = parse_date(f"last {name}", today)
    assert 1 <= (today - last).days <= 7


def _modules_after(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def test_the_date_library_is_loaded_only_for_words() -> None:
    check = (
        "import sys\n"
        "from datetime import datetime\n"
        "from alslog.parse import parse_date, parse_when\n"
        "now = datetime(2026, 11, 22, 15, 30).astimezone()\n"
        "for text in ('now', 'today', '09:15', 'yesterday 7:05', '2026-11-01 18:00'):\n"
        "    parse_when(text, now)\n"
        "for text in ('today', 'yesterday', '2026-11-01'):\n"
        "    parse_date(text, now.date())\n"
        "print('parsedatetime' in sys.modules)\n"
        "parse_when(TEXT, now)\n"
        "print('parsedatetime' in sys.modules)\n"
    )
    assert _modules_after(check.replace("TEXT", "'2 days ago'")).split() == ["False", "True"]
