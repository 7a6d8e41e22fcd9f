"""Checks on the ALSFRS-R self-ratings: a lower rating than last time.

A rating is information for the care team, not a diagnosis: the finding says
what fell and whom to tell, never why it fell.
"""

# Annotations are objects, not strings: see the note in base.py.

import itertools
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from alslog import words
from alslog.guidelines.base import RuleBase
from alslog.guidelines.checks.context import Context, finding
from alslog.models import RATING_ITEMS, RATING_SCORE_MAX, Finding, Rating

if TYPE_CHECKING:
    from alslog.rating import Change


class RatingFall(RuleBase):
    """A rating whose total fell ``points`` or more since the rating before it, or
    (with ``breathing_items``) in which any breathing item (10-12) fell at all.

    {what} says what fell, in words; {day} is the latest rating's day and
    {previous_day} the one it is compared with.
    """

    PLACEHOLDERS = frozenset({"day", "previous_day", "what", "fall", "previous_total", "total"})
    check: Literal["rating-fall"]
    points: int = Field(ge=1, le=RATING_ITEMS * RATING_SCORE_MAX)
    breathing_items: bool = True


def standing_ratings(ratings: tuple[Rating, ...]) -> list[Rating]:
    """One rating per day, oldest first: of two on the same day, the later one given.

    A second rating the same day is taken as a correction of the first (a
    slipped key, a second try): the day is compared as last rated.
    """
    by_day: dict[date, Rating] = {}
    for r in ratings:
        by_day[r.date] = r
    return [by_day[day] for day in sorted(by_day)]


def rating_fall(rule_id: str, rule: RatingFall, ctx: Context) -> Iterator[Finding]:
    """One finding per rated day in the window whose rating fell from the day rated before."""
    if len(ctx.ratings) < 2:
        return
    # Only needed when there is something to compare: loading the guidelines
    # (every run) need not import the rating module.
    from alslog.rating import change_since

    standing = standing_ratings(ctx.ratings)
    for previous, latest in itertools.pairwise(standing):
        if not ctx.start <= latest.date <= ctx.end:
            continue
        change = change_since(previous, latest)
        total_fell = change.fall >= rule.points
        breathing = change.breathing_fell if rule.breathing_items else ()
        if not total_fell and not breathing:
            continue
        values = {
            "day": words.day_short(latest.date),
            "previous_day": words.day_short(
                previous.date, year=previous.date.year != latest.date.year
            ),
            "what": _what(change, total_fell, breathing),
            "fall": change.fall,
            "previous_total": previous.total,
            "total": latest.total,
        }
        yield finding(rule_id, rule, ctx, latest.date, values)


def _what(change: "Change", total_fell: bool, breathing: tuple[int, ...]) -> str:
    """'your total went from 45 to 42 (3 points lower) and your score for ... went from 4 to 3'."""
    from alslog.rating import item

    parts: list[str] = []
    if total_fell:
        text = (
            f"your total went from {change.previous.total} to {change.latest.total} "
            f"({words.plural(change.fall, 'point')} lower)"
        )
        if change.tube_changed:
            now, then = ("a feeding tube", "cutting food")
            if not change.latest.tube:
                now, then = then, now
            text += f"; item 5 was rated for {now} this time, for {then} last time"
        parts.append(text)
    for number in breathing:
        before = change.previous.scores[number - 1]
        now_score = change.latest.scores[number - 1]
        parts.append(f"your score for {item(number).name} went from {before} to {now_score}")
    return words.and_list(parts)
