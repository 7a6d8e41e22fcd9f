"""The ALSFRS-R self-rating core: items, scores, slope, delta-FS, changes, due dates, parsing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from alslog.errors import UsageError
from alslog.rating import (
    BREATHING_ITEMS,
    ITEMS,
    MAX_TOTAL,
    SUBSCORES,
    Change,
    Rating,
    change_since,
    delta_fs,
    item,
    parse_onset,
    parse_scores,
    rating_due,
    slope,
    subscores,
    total,
)

TODAY = date(2026, 12, 1)
NORMAL = (4,) * 12
EXAMPLE = (4, 4, 3, 4, 4, 4, 4, 3, 3, 4, 4, 4)

score_lists = st.lists(st.integers(0, 4), min_size=12, max_size=12).map(tuple)


def with_total(points: int) -> tuple[int, ...]:
    """Twelve scores adding up to ``points``: the last items lose points first."""
    scores = [4] * 12
    missing = MAX_TOTAL - points
    for index in reversed(range(12)):
        cut = min(4, missing)
        scores[index] -= cut
        missing -= cut
    return tuple(scores)


_ids = iter(range(10**6))


def rating(day: date, scores: tuple[int, ...] = NORMAL, **extra: object) -> Rating:
    return Rating(id=f"r{next(_ids):04d}", date=day, scores=scores, **extra)  # type: ignore[arg-type]


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def by_total(*pairs: tuple[date, int]) -> list[Rating]:
    return [rating(day, with_total(points)) for day, points in pairs]


# ---- the items ----------------------------------------------------------------------------
def test_twelve_items_in_the_instruments_order() -> None:
    names = [i.name for i in ITEMS]
    assert names == [
        "speech",
        "salivation",
        "swallowing",
        "handwriting",
        "cutting food and handling utensils",
        "dressing and hygiene",
        "turning in bed and adjusting bed clothes",
        "walking",
        "climbing stairs",
        "shortness of breath",
        "breathing lying down",
        "breathing support",
    ]
    assert [i.number for i in ITEMS] == list(range(1, 13))
    assert len({i.key for i in ITEMS}) == 12
    assert all(i.key.isidentifier() for i in ITEMS)


def test_answers_are_short_distinct_and_listed_four_down_to_zero() -> None:
    for entry in ITEMS:
        assert entry.question.endswith("?")
        for labels in (entry.answers, entry.tube_answers):
            if labels is None:
                continue
            assert len(labels) == 5
            assert len(set(labels)) == 5, entry.key
            assert all(0 < len(label) < 45 for label in labels), entry.key
        assert entry.answer(4) == entry.answers[0]
        assert entry.answer(0) == entry.answers[4]


def test_item_five_has_feeding_tube_wording_and_no_other_does() -> None:
    five = item(5)
    assert five.tube_question is not None and "tube" in five.tube_question
    assert five.tube_answers is not None
    assert five.answer(2, tube=True) == five.tube_answers[2]
    assert five.answer(2) == five.answers[2]
    assert all(i.tube_answers is None for i in ITEMS if i.number != 5)
    # Asking another item "for the tube" gives its own answers.
    assert item(1).answer(3, tube=True) == item(1).answers[1]


@pytest.mark.parametrize("bad", [-1, 5])
def test_answer_refuses_a_score_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        item(1).answer(bad)


@pytest.mark.parametrize("bad", [0, 13])
def test_item_numbers_are_one_to_twelve(bad: int) -> None:
    with pytest.raises(ValueError):
        item(bad)


# ---- the record -----------------------------------------------------------------------------
def test_a_rating_round_trips_through_json() -> None:
    saved = rating(TODAY, EXAMPLE, note="after a bad week", tube=True)
    assert Rating.model_validate_json(saved.model_dump_json()) == saved
    assert saved.total == 45


@pytest.mark.parametrize(
    "scores",
    [
        (4,) * 11,
        (4,) * 13,
        (4,) * 11 + (5,),
        (4,) * 11 + (-1,),
        (4,) * 11 + (True,),
        (4,) * 11 + (3.0,),
        (4,) * 11 + ("4",),
    ],
)
def test_a_rating_refuses_anything_but_twelve_scores_0_to_4(scores: tuple[object, ...]) -> None:
    with pytest.raises(ValidationError):
        Rating(id="abcd", date=TODAY, scores=scores)  # type: ignore[arg-type]


def test_a_rating_is_frozen_and_refuses_unknown_fields() -> None:
    saved = rating(TODAY)
    with pytest.raises(ValidationError):
        saved.note = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Rating(id="abcd", date=TODAY, scores=NORMAL, mood=3)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Rating(id="abcd", date=date(1969, 12, 31), scores=NORMAL)
    with pytest.raises(ValidationError):
        Rating(id="abcd", date=TODAY, scores=NORMAL, note="\ud800")


# ---- total and subscores ----------------------------------------------------------------
def test_total_and_subscores_of_an_example() -> None:
    assert total(EXAMPLE) == 45
    parts = subscores(EXAMPLE)
    assert (parts.bulbar, parts.fine_motor, parts.gross_motor, parts.breathing) == (11, 12, 10, 12)
    assert (
        list(parts.as_dict())
        == list(SUBSCORES)
        == [
            "bulbar",
            "fine_motor",
            "gross_motor",
            "breathing",
        ]
    )
    assert total(rating(TODAY, EXAMPLE)) == 45
    assert subscores(rating(TODAY, EXAMPLE)) == parts


def test_the_edges_of_the_scale() -> None:
    assert total(NORMAL) == MAX_TOTAL == 48
    assert total((0,) * 12) == 0
    assert set(subscores((0,) * 12).as_dict().values()) == {0}
    assert set(subscores(NORMAL).as_dict().values()) == {12}


def test_total_refuses_the_wrong_number_of_scores() -> None:
    with pytest.raises(ValueError):
        total((4,) * 11)


@given(score_lists)
def test_total_is_the_sum_of_the_subscores(scores: tuple[int, ...]) -> None:
    parts = subscores(scores).as_dict()
    assert sum(parts.values()) == total(scores)
    assert 0 <= total(scores) <= 48
    assert all(0 <= points <= 12 for points in parts.values())
    assert parts["breathing"] == sum(scores[n - 1] for n in BREATHING_ITEMS)


# ---- slope --------------------------------------------------------------------------------
def test_slope_against_a_hand_computed_example() -> None:
    # Days after the first rating x = 0, 31, 61, 92; totals y = 44, 43, 43, 41.
    # mean x = 184 / 4 = 46, deviations -46, -15, 15, 46
    # mean y = 171 / 4 = 42.75, deviations 1.25, 0.25, 0.25, -1.75
    # sum dx*dy = -57.5 - 3.75 + 3.75 - 80.5 = -138
    # sum dx^2  = 2116 + 225 + 225 + 2116 = 4682
    # per day: -138 / 4682; per month (x 30.4375): -4200.375 / 4682 = -0.89713...
    ratings = by_total(
        (date(2026, 3, 1), 44),
        (date(2026, 4, 1), 43),
        (date(2026, 5, 1), 43),
        (date(2026, 6, 1), 41),
    )
    result = slope(ratings, today=date(2026, 6, 1))
    assert result == pytest.approx(-4200.375 / 4682)
    assert result == pytest.approx(-0.8971, abs=1e-4)
    # The order ratings come in does not matter.
    assert slope(list(reversed(ratings)), today=date(2026, 6, 1)) == pytest.approx(result)


def test_two_ratings_give_the_straight_line_between_them() -> None:
    # 46 then 43 after 60.875 days (two months of 30.4375 days, rounded to 61): -3 / (61/30.4375)
    ratings = by_total((TODAY - timedelta(days=61), 46), (TODAY, 43))
    assert slope(ratings, TODAY) == pytest.approx(-3 / (61 / 30.4375))


def test_no_slope_from_fewer_than_two_ratings() -> None:
    assert slope([], TODAY) is None
    assert slope(by_total((TODAY, 40)), TODAY) is None


def test_no_slope_from_ratings_less_than_28_days_apart() -> None:
    close = by_total(
        (TODAY - timedelta(days=27), 44), (TODAY - timedelta(days=10), 43), (TODAY, 42)
    )
    assert slope(close, TODAY) is None
    apart = by_total((TODAY - timedelta(days=28), 44), (TODAY, 42))
    assert slope(apart, TODAY) == pytest.approx(-2 / (28 / 30.4375))


def test_only_the_six_months_up_to_today_count() -> None:
    # 182 days (six months of 30.4375 days, 182.6) is inside; 183 is not.
    inside = by_total(
        (TODAY - timedelta(days=182), 30), (TODAY - timedelta(days=60), 44), (TODAY, 44)
    )
    assert slope(inside, TODAY) is not None and slope(inside, TODAY) > 0  # type: ignore[operator]
    outside = by_total(
        (TODAY - timedelta(days=183), 30), (TODAY - timedelta(days=60), 44), (TODAY, 44)
    )
    assert slope(outside, TODAY) == 0
    # Only one rating left in the window: no slope at all.
    old = by_total((TODAY - timedelta(days=300), 30), (TODAY - timedelta(days=5), 44))
    assert slope(old, TODAY) is None


def test_ratings_after_today_are_left_out() -> None:
    ratings = by_total(
        (TODAY - timedelta(days=40), 44), (TODAY, 44), (TODAY + timedelta(days=3), 10)
    )
    assert slope(ratings, TODAY) == 0
    # Seen from the earlier day, the later rating does not exist yet.
    assert slope(ratings, TODAY - timedelta(days=1)) is None


def test_two_ratings_on_one_day_both_count() -> None:
    ratings = by_total((TODAY - timedelta(days=30), 44), (TODAY, 40), (TODAY, 42))
    # x = 0, 30, 30 days; y = 44, 40, 42: mean x 20, mean y 42;
    # sum dx*dy = (-20)(2) + (10)(-2) + (10)(0) = -60; sum dx^2 = 400 + 100 + 100 = 600
    assert slope(ratings, TODAY) == pytest.approx(-60 / 600 * 30.4375)


days_apart = st.lists(st.integers(0, 182), min_size=2, max_size=8, unique=True)


@given(days_apart, st.integers(0, 48))
def test_slope_of_equal_totals_is_zero(offsets: list[int], points: int) -> None:
    ratings = by_total(*[(TODAY - timedelta(days=d), points) for d in offsets])
    result = slope(ratings, TODAY)
    if max(offsets) - min(offsets) >= 28:
        assert result == 0
    else:
        assert result is None


@given(days_apart, st.lists(st.integers(0, 48), min_size=8, max_size=8))
def test_a_total_that_never_rises_never_has_a_rising_slope(
    offsets: list[int], totals: list[int]
) -> None:
    days = sorted(TODAY - timedelta(days=d) for d in offsets)
    falling = sorted(totals[: len(days)], reverse=True)
    result = slope(by_total(*zip(days, falling, strict=True)), TODAY)
    if result is not None:
        assert result <= 1e-9
        if falling[0] > falling[-1]:
            assert result < 0


# ---- delta-FS -----------------------------------------------------------------------------
def test_delta_fs_against_a_hand_computed_example() -> None:
    # Onset March 2025 counts from 15 March 2025; rated 15 March 2026 with 36 points:
    # 365 days = 365 / 30.4375 months; (48 - 36) / (365 / 30.4375) = 365.25 / 365 = 1.000685
    rated = rating(date(2026, 3, 15), with_total(36))
    assert delta_fs(rated, "2025-03") == pytest.approx(365.25 / 365)


def test_delta_fs_is_zero_at_full_score_and_accepts_a_one_digit_month() -> None:
    assert delta_fs(rating(date(2026, 3, 15)), "2025-3") == 0


def test_an_onset_is_counted_from_the_15th() -> None:
    assert parse_onset("2025-03") == date(2025, 3, 15)
    assert parse_onset(" 2025-12 ") == date(2025, 12, 15)


def test_an_onset_after_the_rating_is_refused() -> None:
    with pytest.raises(UsageError, match="after the rating of 2026-03-10"):
        delta_fs(rating(date(2026, 3, 10)), "2026-04")


def test_no_delta_fs_within_a_month_of_onset() -> None:
    # The onset's own month (from the 15th: 5 days before, or even after, the rating).
    assert delta_fs(rating(date(2026, 3, 20), with_total(47)), "2026-03") is None
    assert delta_fs(rating(date(2026, 3, 1), with_total(47)), "2026-03") is None
    # 15 Feb to 10 Mar is 23 days: still too soon; 15 Feb to 18 Mar is 31 days.
    assert delta_fs(rating(date(2026, 3, 10), with_total(47)), "2026-02") is None
    assert delta_fs(rating(date(2026, 3, 18), with_total(47)), "2026-02") == pytest.approx(
        1 / (31 / 30.4375)
    )


@pytest.mark.parametrize(
    "text", ["2025-13", "2025-00", "2025/03", "March 2025", "2025", "", "1969-12"]
)
def test_an_onset_must_be_a_month(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_onset(text)
    assert "YYYY-MM" in caught.value.message
    assert "\n" not in caught.value.message


@given(score_lists, st.integers(31, 4000))
def test_delta_fs_is_never_negative(scores: tuple[int, ...], days: int) -> None:
    rated = rating(date(2020, 1, 15) + timedelta(days=days), scores)
    result = delta_fs(rated, "2020-01")
    assert result is not None and result >= 0
    assert (result == 0) == (total(scores) == 48)


# ---- change since the last rating ---------------------------------------------------------
def test_no_change() -> None:
    before = rating(TODAY - timedelta(days=30), EXAMPLE)
    change = change_since(before, rating(TODAY, EXAMPLE))
    assert isinstance(change, Change)
    assert (change.difference, change.fall, change.fell, change.breathing_fell) == (0, 0, (), ())
    assert change.days == 30


def test_a_fall_of_three_points_in_gross_motor() -> None:
    before = rating(TODAY - timedelta(days=28), EXAMPLE)
    now = list(EXAMPLE)
    now[7], now[8] = 2, 1  # walking 3 -> 2, stairs 3 -> 1
    change = change_since(before, rating(TODAY, tuple(now)))
    assert (change.difference, change.fall, change.fell, change.breathing_fell) == (
        -3,
        3,
        (8, 9),
        (),
    )


def test_a_breathing_item_that_falls_is_named_even_when_the_total_does_not_fall() -> None:
    before = rating(TODAY - timedelta(days=30), EXAMPLE)
    now = list(EXAMPLE)
    now[10] = 3  # breathing lying down 4 -> 3
    now[3] = 3  # handwriting 4 -> 3 ...
    now[7] = 4  # ... walking 3 -> 4
    now[8] = 4  # ... stairs 3 -> 4: the total stays the same
    change = change_since(before, rating(TODAY, tuple(now)))
    assert change.fall == 0 and change.difference == 0
    assert change.fell == (4, 11)
    assert change.breathing_fell == (11,)


def test_a_rise_is_not_a_fall() -> None:
    change = change_since(rating(TODAY - timedelta(days=30), with_total(40)), rating(TODAY))
    assert (change.difference, change.fall, change.fell) == (8, 0, ())


def test_all_three_breathing_items_falling() -> None:
    change = change_since(rating(TODAY - timedelta(days=30)), rating(TODAY, (4,) * 9 + (3, 2, 3)))
    assert change.breathing_fell == (10, 11, 12) == change.fell
    assert change.fall == 4


def test_a_switch_to_the_feeding_tube_form_of_item_five_is_noted() -> None:
    before = rating(TODAY - timedelta(days=30), EXAMPLE)
    now = list(EXAMPLE)
    now[4] = 3
    change = change_since(before, rating(TODAY, tuple(now), tube=True))
    assert change.tube_changed and change.fell == (5,)
    assert not change_since(before, rating(TODAY, EXAMPLE)).tube_changed


def test_change_since_refuses_the_ratings_the_wrong_way_round() -> None:
    with pytest.raises(ValueError):
        change_since(rating(TODAY), rating(TODAY - timedelta(days=1)))


def test_change_is_frozen() -> None:
    change = change_since(rating(TODAY), rating(TODAY))
    with pytest.raises(AttributeError):
        change.fall = 3  # type: ignore[misc]


@given(score_lists, score_lists)
def test_change_properties(previous: tuple[int, ...], latest: tuple[int, ...]) -> None:
    change = change_since(rating(TODAY - timedelta(days=30), previous), rating(TODAY, latest))
    assert change.difference == total(latest) - total(previous)
    assert change.fall == max(0, total(previous) - total(latest))
    assert set(change.breathing_fell) <= set(change.fell) <= set(range(1, 13))
    assert set(change.breathing_fell) <= set(BREATHING_ITEMS)
    if change.fall:
        assert change.fell
    assert change_since(rating(TODAY, latest), rating(TODAY, latest)).fell == ()


# ---- is a rating due ----------------------------------------------------------------------
def test_never_rated_is_due() -> None:
    assert rating_due(None, today=TODAY) is True


def test_due_every_30_days_by_default() -> None:
    assert rating_due(TODAY - timedelta(days=29), today=TODAY) is False
    assert rating_due(TODAY - timedelta(days=30), today=TODAY) is True
    assert rating_due(TODAY - timedelta(days=31), today=TODAY) == 1
    assert rating_due(TODAY - timedelta(days=40), today=TODAY) == 10
    assert rating_due(TODAY, today=TODAY) is False


def test_due_with_another_interval() -> None:
    assert rating_due(TODAY - timedelta(days=6), 7, today=TODAY) is False
    assert rating_due(TODAY - timedelta(days=7), 7, today=TODAY) is True
    assert rating_due(TODAY - timedelta(days=9), 7, today=TODAY) == 2


def test_a_rating_dated_after_today_is_not_due() -> None:
    assert rating_due(TODAY + timedelta(days=3), today=TODAY) is False


@pytest.mark.parametrize("every", [0, -7])
def test_the_interval_is_at_least_a_day(every: int) -> None:
    with pytest.raises(UsageError, match="at least 1 day"):
        rating_due(TODAY, every, today=TODAY)


@given(st.integers(-100, 400), st.integers(1, 120))
def test_due_is_truthy_exactly_when_the_interval_has_passed(ago: int, every: int) -> None:
    due = rating_due(TODAY - timedelta(days=ago), every, today=TODAY)
    assert bool(due) == (ago >= every)
    if due is not True and due is not False:
        assert due == ago - every >= 1


# ---- parsing for scripts ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "4,4,3,4,4,4,4,3,3,4,4,4",
        "4 4 3 4 4 4 4 3 3 4 4 4",
        "4, 4, 3, 4, 4, 4, 4, 3, 3, 4, 4, 4",
        "  4,4,3 4 4,4,4 3 3,4\t4,4\n",
        "4,4,3,4,4,4,4,3,3,4,4,4,",
    ],
)
def test_parse_scores_accepts_commas_and_spaces(text: str) -> None:
    assert parse_scores(text) == EXAMPLE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "4,4,3,4,4,4,4,3,3,5,4,4",
            "item 10 (shortness of breath): 5 is not a score; scores are 0 to 4 (4 is normal)",
        ),
        (
            "x,4,3,4,4,4,4,3,3,4,4,4",
            "item 1 (speech): 'x' is not a score; scores are 0 to 4 (4 is normal)",
        ),
        (
            "4,4,3,4,4,4,4,3,3,4,4,-1",
            "item 12 (breathing support): '-1' is not a score; scores are 0 to 4 (4 is normal)",
        ),
        (
            "4,4,3,4,3.5,4,4,3,3,4,4,4",
            "item 5 (cutting food and handling utensils): '3.5' is not a score;"
            " scores are 0 to 4 (4 is normal)",
        ),
        (
            "4,4,3,4,4,04,4,3,3,4,4,4",
            "item 6 (dressing and hygiene): 04 is not a score; scores are 0 to 4 (4 is normal)",
        ),
        (
            "4,,3,4,4,4,4,3,3,4,4,4",
            "item 2 (salivation): no score between the commas; scores are 0 to 4 (4 is normal)",
        ),
        ("4,4,3,4,4,4,4,3,3,4,4", "12 scores are needed, in item order; got 11"),
        ("4,4,3,4,4,4,4,3,3,4,4,4,4", "12 scores are needed, in item order; got 13"),
        ("4,4,3,4,4,4,4,3,3,4,,4,4", "12 scores are needed, in item order; got 13"),
        ("44,3,4,4,4,4,3,3,4,4,4", "12 scores are needed, in item order; got 11"),
        ("", "12 scores are needed, in item order (e.g. 4,4,3,4,4,4,4,3,3,4,4,4)"),
        ("  ", "12 scores are needed, in item order (e.g. 4,4,3,4,4,4,4,3,3,4,4,4)"),
    ],
)
def test_parse_scores_errors_are_one_line_naming_the_item(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_scores(text)
    assert caught.value.message == message


def test_a_long_bad_value_is_cut_short_in_the_message() -> None:
    with pytest.raises(UsageError) as caught:
        parse_scores("y" * 500 + ",4,3,4,4,4,4,3,3,4,4,4")
    assert len(caught.value.message) < 120


def test_digits_of_other_scripts_are_not_scores() -> None:
    # int() would read "٤" (Arabic-Indic four) as 4; a score is one of 0-4 as typed.
    with pytest.raises(UsageError, match="item 1 "):
        parse_scores("٤,4,3,4,4,4,4,3,3,4,4,4")


separators = st.sampled_from([",", " ", ", ", " ,", "\t", " , ", "  "])


@given(score_lists, st.lists(separators, min_size=11, max_size=11))
def test_parse_scores_reads_back_what_was_written(scores: tuple[int, ...], gaps: list[str]) -> None:
    text = str(scores[0]) + "".join(gap + str(s) for gap, s in zip(gaps, scores[1:], strict=True))
    assert parse_scores(text) == scores


@given(
    score_lists,
    st.integers(0, 11),
    st.one_of(st.integers(5, 10**6).map(str), st.sampled_from(["a", "-", "4.0", "½", "four"])),
)
def test_a_bad_score_names_its_item(scores: tuple[int, ...], index: int, bad: str) -> None:
    values = [str(s) for s in scores]
    values[index] = bad
    with pytest.raises(UsageError) as caught:
        parse_scores(",".join(values))
    message = caught.value.message
    assert message.startswith(f"item {index + 1} ({ITEMS[index].name}): ")
    assert message.endswith("scores are 0 to 4 (4 is normal)")
    assert "\n" not in message


@given(st.lists(st.integers(0, 4), min_size=1, max_size=40).filter(lambda v: len(v) != 12))
def test_the_wrong_count_says_how_many(values: list[int]) -> None:
    with pytest.raises(UsageError) as caught:
        parse_scores(" ".join(map(str, values)))
    assert caught.value.message == f"12 scores are needed, in item order; got {len(values)}"
