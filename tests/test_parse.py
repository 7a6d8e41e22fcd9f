"""Parsing what people type: kinds, minutes, dates and times, at their edges."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

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
    "text", ["tomorrow", "25:00", "12:60", "2026-02-30", "yesterday noon", "next week", ""]
)
def test_when_refused(text: str) -> None:
    with pytest.raises(UsageError, match="not a time"):
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
