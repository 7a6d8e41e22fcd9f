"""Ratings (ALSFRS-R) in words: a list line, the line after saving, the slope, JSON.

The numbers come from ``alslog.rating``; the words are said once here so that
``list``, ``rate``, ``week`` and ``trend`` say them alike. Nothing here is
advice: the picture shows no cause.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from alslog import rating as core
from alslog.models import Rating
from alslog.words import day_short

if TYPE_CHECKING:
    from alslog.views.term import Term

NO_CAUSE = (
    "Ratings and minutes side by side show no cause: exercise does not explain a change "
    "of the rating, nor the rating a change of exercise. Talk it over with the care team."
)


def subscore_text(record: Rating) -> str:
    """'bulbar 12, fine motor 11, gross motor 10, breathing 11'."""
    parts = core.subscores(record).as_dict()
    return ", ".join(
        f"{core.SUBSCORES[name][0].lower()} {points}" for name, points in parts.items()
    )


def rating_text(record: Rating) -> str:
    """'total 44 of 48 (bulbar 12, fine motor 11, gross motor 10, breathing 11)'."""
    return f"total {record.total} of {core.MAX_TOTAL} ({subscore_text(record)})"


def slope_text(slope: float | None) -> str | None:
    """'Over six months: -0.8 points a month.'; None when there is no slope yet."""
    if slope is None:
        return None
    shown = f"{slope:+.1f}".replace("+0.0", "0.0").replace("-0.0", "0.0")
    return f"Rating over the last six months: {shown} points a month."


def change_text(previous: Rating | None, latest: Rating) -> str:
    """'Down 2 since Tue 3 Nov (44).' / 'The same as ...' / 'First rating.'"""
    if previous is None:
        return "First rating."
    change = core.change_since(previous, latest)
    when = f"since {day_short(previous.date)} ({previous.total})"
    if change.difference < 0:
        text = f"Down {-change.difference} {when}."
    elif change.difference > 0:
        text = f"Up {change.difference} {when}."
    else:
        text = f"The same total as {day_short(previous.date)}."
    if change.breathing_fell:
        numbers = ", ".join(str(n) for n in change.breathing_fell)
        text += f" Breathing item {numbers} fell."
    return text


def saved_line(record: Rating, previous: Rating | None, slope: float | None) -> str:
    """The one line after saving: the total and subscores, the change, the slope if any."""
    parts = [f"Rating saved: {rating_text(record)}.", change_text(previous, record)]
    shown = slope_text(slope)
    if shown:
        parts.append(shown)
    return " ".join(parts)


def due_text(due: bool | int) -> str | None:
    """One line when a rating is due (rating_due's answer); None when it is not."""
    if due is False:
        return None
    if due is True:
        return "A function rating (ALSFRS-R) is due: alslog rate"
    return f"A function rating (ALSFRS-R) is due ({due} days over): alslog rate"


def rating_dict(record: Rating) -> dict[str, Any]:
    """A rating in JSON: its fields, the total and the subscores."""
    return {
        "id": record.id,
        "date": record.date.isoformat(),
        "scores": list(record.scores),
        "tube": record.tube,
        "note": record.note,
        "total": record.total,
        "subscores": core.subscores(record).as_dict(),
    }


def ratings_dict(ratings: Sequence[Rating], slope: float | None) -> dict[str, Any]:
    """The ratings of a period and the six-month slope (None without one)."""
    return {
        "ratings": [rating_dict(r) for r in ratings],
        "slope_per_month": None if slope is None else round(slope, 2),
    }


def in_week(ratings: Sequence[Rating], start: date, end: date) -> list[Rating]:
    """The ratings dated from ``start`` to ``end``."""
    return [r for r in ratings if start <= r.date <= end]


def week_line(ratings: Sequence[Rating]) -> str | None:
    """'  rating Tue 3 Nov: total 44 of 48 (...)' for a week's ratings; None without any."""
    if not ratings:
        return None
    return "; ".join(f"rating {day_short(r.date)}: {rating_text(r)}" for r in ratings) + "."


def summary_lines(term: Term, ratings: Sequence[Rating], slope: float | None) -> list[str]:
    """After the weeks: the slope once (when there is one) and that the picture shows no cause."""
    if not ratings and slope is None:
        return []
    lines = [""]
    shown = slope_text(slope)
    lines.extend(
        term.wrap(shown or "Rating over the last six months: too few ratings for a slope.")
    )
    lines.extend(term.wrap(NO_CAUSE))
    return lines


def weeks_json(weeks: Sequence[Any], ratings: Sequence[Rating]) -> list[list[dict[str, Any]]]:
    """Each week's ratings (objects with ``start`` and ``end``), in JSON."""
    return [[rating_dict(r) for r in in_week(ratings, w.start, w.end)] for w in weeks]
