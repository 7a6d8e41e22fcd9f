"""The ALSFRS-R self-rating as a record of the logbook: saving one, reading them back.

One function per use case, each one store transaction or one read, returning
a frozen result for the command line to render. ``today`` is an argument.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from alslog import rating as core
from alslog.frozen import Frozen

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.models import Finding, Rating
    from alslog.store import Store
    from alslog.trend import Trend

# Ratings read for the slope: the six-month window, and a little more for "last time".
WINDOW = timedelta(days=core.SLOPE_WINDOW_DAYS)


class Rated(Frozen):
    """A rating stored: the record, the one before it, the slope now and any findings."""

    rating: Rating
    previous: Rating | None
    slope: float | None
    findings: tuple[Finding, ...] = ()


def rate(
    store: Store,
    guide: Guidelines,
    scores: tuple[int, ...],
    day: date,
    *,
    new_id: str,
    today: date,
    note: str | None = None,
    tube: bool = False,
) -> Rated:
    """Store a new rating of ``day`` and say what it shows beside the earlier ones."""
    from alslog.logbook.valid import validated
    from alslog.models import Rating

    record: Rating = validated(Rating, id=new_id, date=day, scores=scores, tube=tube, note=note)
    previous = store.last_rating(day)
    store.add_rating(record)
    return outcome(store, guide, record, previous, today)


def edit(
    store: Store,
    guide: Guidelines,
    record: Rating,
    *,
    scores: tuple[int, ...] | None,
    day: date | None,
    note: str | None,
    today: date,
) -> Rated:
    """Change a stored rating's scores, date or note ('' clears the note)."""
    from alslog.logbook.valid import validated
    from alslog.models import Rating

    fields = record.model_dump()
    if scores is not None:
        fields["scores"] = scores
    if day is not None:
        fields["date"] = day
    if note is not None:
        fields["note"] = note.strip() or None
    changed: Rating = validated(Rating, **fields)
    store.update_rating(changed)
    earlier = [r for r in store.ratings(None, changed.date) if r.id != changed.id]
    return outcome(store, guide, changed, earlier[-1] if earlier else None, today)


def outcome(
    store: Store, guide: Guidelines, record: Rating, previous: Rating | None, today: date
) -> Rated:
    """The slope up to ``today`` (or the rating's day, if later) and the findings."""
    end = max(today, record.date)
    ratings = store.ratings(end - WINDOW, end)
    return Rated(
        rating=record,
        previous=previous,
        slope=core.slope(ratings, end),
        findings=rating_findings(guide, record, previous, today),
    )


def rating_findings(
    guide: Guidelines, record: Rating, previous: Rating | None, today: date
) -> tuple[Finding, ...]:
    """What the guideline rules say about a rating beside the one before it (a fall in
    the total, or in a breathing item): the one place a new rating meets the rules."""
    from alslog import guidelines

    ratings = [r for r in (previous, record) if r is not None]
    found = guidelines.evaluate(
        [], [], guide, start=record.date, end=record.date, today=today, first_day=None,
        ratings=ratings,
    )  # fmt: skip
    return tuple(f for f in found if f.date == record.date)


def last(store: Store, before: date | None = None) -> Rating | None:
    """The latest rating on or before ``before`` (all, if None)."""
    return store.last_rating(before)


def due(store: Store, every_days: int | None, today: date) -> bool | int:
    """Whether a rating is due today (see ``rating.rating_due``); ``every_days`` None: the
    default, and only for someone who has rated in the last six months.

    Only the months that can matter are read (the interval, or six months), so a
    logbook without ratings is not read whole every day.
    """
    since = _due_since(every_days, today)
    return _due(store.last_rating(today, since=since), every_days, today)


def _due_since(every_days: int | None, today: date) -> date:
    """The oldest day whose rating can matter to the due line."""
    return today - max(WINDOW, timedelta(days=every_days or 0))


def _due(latest: Rating | None, every_days: int | None, today: date) -> bool | int:
    if latest is None and every_days is None:
        return False  # never rated (lately) and asked for no reminder: say nothing
    return core.rating_due(
        latest.date if latest else None, every_days or core.DUE_EVERY_DAYS, today=today
    )


class Function(Frozen):
    """The ratings of a period and the slope at its end (None without enough ratings),
    and whether a rating is due (False unless asked for ``due_on`` a day)."""

    ratings: tuple[Rating, ...]
    slope: float | None
    due: bool | int = False


def over_period(
    store: Store,
    start: date,
    end: date,
    *,
    due_on: date | None = None,
    every_days: int | None = None,
) -> Function:
    """The ratings dated in [start, end], and the six-month slope up to ``end``; with
    ``due_on``, whether a rating is due that day (``every_days`` as for ``due``).

    One read of the ratings serves all three (``week`` asks for them together).
    """
    oldest = min(start, end - WINDOW)
    since = _due_since(every_days, due_on) if due_on is not None else oldest
    read = store.ratings(min(oldest, since), max(end, due_on or end))
    window = [r for r in read if end - WINDOW <= r.date <= end]
    due: bool | int = False
    if due_on is not None:
        recent = (r for r in read if since <= r.date <= due_on)
        latest = max(recent, key=lambda r: (r.date, r.id), default=None)
        due = _due(latest, every_days, due_on)
    return Function(
        ratings=tuple(r for r in window if r.date >= start),
        slope=core.slope(window, end),
        due=due,
    )


def from_first(shown: Trend, whole: Trend, ratings: Sequence[Rating]) -> Trend:
    """``shown`` (the trend from its first logged week), started earlier for an earlier rating."""
    from dataclasses import replace

    if not ratings or ratings[0].date >= shown.start:
        return shown
    first = next(i for i, w in enumerate(whole.weeks) if ratings[0].date <= w.end)
    return replace(whole, start=whole.weeks[first].start, weeks=whole.weeks[first:])
