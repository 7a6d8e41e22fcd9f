"""Reading a stretch of days: the week, the trend (and the report's data), today for ``ready``.

Each use case is one read of the period with the margins the rules need
(``safety.over_period``: the records, and the logbook's first day for the
daily rules) and returns the picture the command renders.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import alslog.logbook.safety as safety
from alslog.frozen import Frozen

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.readiness import Reason
    from alslog.store import Store
    from alslog.summary import WeekSummary
    from alslog.trend import Trend


def week(store: Store, guide: Guidelines, end: date, today: date) -> WeekSummary:
    """The seven days ending on ``end``: what was done, daily targets, findings."""
    from alslog import summary

    start = end - timedelta(days=summary.WEEK_DAYS - 1)
    period = safety.over_period(store, guide, start, end, today)
    return summary.summarize_week(
        period.sessions,
        period.checkins,
        period.findings,
        end=end,
        today=today,
        first_day=period.first_day,
    )


def trend(
    store: Store, guide: Guidelines, weeks: int, end: date, today: date, *, aerobic_goal: int | None
) -> Trend:
    """``weeks`` seven-day blocks ending on ``end``, week by week (``trend``, ``report``)."""
    from alslog import trend as trends

    start, end = trends.period(end, weeks)
    period = safety.over_period(store, guide, start, end, today)
    return trends.build(
        period.sessions,
        period.checkins,
        period.findings,
        end=end,
        weeks=weeks,
        today=today,
        first_day=period.first_day,
        aerobic_goal=aerobic_goal,
    )


class Today(Frozen):
    """What was logged today, for ``ready``: the day's records and findings, and the
    reasons they give (an alert means rest)."""

    day: safety.Day
    reasons: list[Reason]


def today_for_ready(store: Store, guide: Guidelines, today: date) -> Today:
    """Today's records, findings and the reasons they give before exercise (one read)."""
    from alslog import readiness

    day = safety.on_day(store, guide, today, today)
    return Today(day, readiness.logged_reasons(day.sessions, day.checkin, day.findings, guide))
