"""The weekly picture over several weeks: minutes by kind, daily adherence, effort.

Pure: sessions, check-ins and findings in, a ``Trend`` out; no I/O, no clock.
Weeks are seven-day blocks ending on ``end`` (like ``alslog week``), so the
last week of a trend is the week ``alslog week`` shows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from alslog.models import KINDS, CheckIn, Finding, Session, most_serious_first

WEEK_DAYS = 7
WEEKS_DEFAULT = 6
WEEKS_MAX = 104


@dataclass(frozen=True)
class TrendDay:
    """One day: minutes by kind, the highest effort, aching, and whether it counts."""

    date: date
    minutes: dict[str, int]
    rpes: tuple[int, ...]
    aching: bool
    where: str | None
    fatigue: int | None
    counts: bool  # on or after the first entry and not in the future

    @property
    def total(self) -> int:
        """All minutes of the day."""
        return sum(self.minutes.values())

    def did(self, kind: str) -> bool:
        """Whether at least one session of that kind was logged."""
        return self.minutes[kind] > 0


@dataclass(frozen=True)
class TrendWeek:
    """Seven days, with totals."""

    start: date
    end: date
    days: tuple[TrendDay, ...]
    findings: int

    def minutes(self, kind: str) -> int:
        """Minutes of one kind over the week."""
        return sum(day.minutes[kind] for day in self.days)

    @property
    def total(self) -> int:
        """All minutes of the week."""
        return sum(day.total for day in self.days)

    @property
    def counted_days(self) -> int:
        """Days that count toward the daily targets."""
        return sum(1 for day in self.days if day.counts)

    def days_with(self, kind: str) -> int:
        """Days with at least one session of that kind (counted days only)."""
        return sum(1 for day in self.days if day.counts and day.did(kind))

    @property
    def rpes(self) -> tuple[int, ...]:
        """Every effort rating logged in the week."""
        return tuple(r for day in self.days for r in day.rpes)

    @property
    def max_rpe(self) -> int | None:
        """The highest effort rating of the week."""
        return max(self.rpes, default=None)

    @property
    def mean_rpe(self) -> float | None:
        """The average effort rating of the week, to one decimal."""
        rpes = self.rpes
        return round(sum(rpes) / len(rpes), 1) if rpes else None

    @property
    def aching_days(self) -> int:
        """Days with an aching check-in."""
        return sum(1 for day in self.days if day.aching)


@dataclass(frozen=True)
class Trend:
    """Several weeks ending on ``end``, oldest first, with the findings of the period."""

    start: date
    end: date
    today: date
    weeks: tuple[TrendWeek, ...]
    findings: tuple[Finding, ...]
    sessions: tuple[Session, ...]
    checkins: tuple[CheckIn, ...]
    aerobic_goal: int | None = None

    @property
    def days(self) -> tuple[TrendDay, ...]:
        """Every day of the period, oldest first."""
        return tuple(day for week in self.weeks for day in week.days)

    @property
    def empty(self) -> bool:
        """Nothing was logged in the period."""
        return not self.sessions and not self.checkins

    def from_first_data(self) -> Trend:
        """The trend from its first week with a session or a check-in (at least the last week).

        Empty weeks before anything was logged say nothing, and take time to listen to.
        """
        logged = {s.day for s in self.sessions} | {c.date for c in self.checkins}
        first = next(
            (i for i, w in enumerate(self.weeks) if any(w.start <= d <= w.end for d in logged)),
            len(self.weeks) - 1,
        )
        if first <= 0:
            return self
        return replace(self, start=self.weeks[first].start, weeks=self.weeks[first:])


def period(end: date, weeks: int) -> tuple[date, date]:
    """First and last day of ``weeks`` seven-day blocks ending on ``end``."""
    return end - timedelta(days=WEEK_DAYS * weeks - 1), end


def build(
    sessions: list[Session],
    checkins: list[CheckIn],
    findings: list[Finding],
    *,
    end: date,
    weeks: int,
    today: date,
    first_day: date | None,
    aerobic_goal: int | None = None,
) -> Trend:
    """Aggregate the records into weeks. Records outside the period are ignored."""
    start, end = period(end, weeks)
    in_period = tuple(sorted((s for s in sessions if start <= s.day <= end), key=lambda s: s.at))
    checks = tuple(sorted((c for c in checkins if start <= c.date <= end), key=lambda c: c.date))
    by_day: dict[date, list[Session]] = {}
    for session in in_period:
        by_day.setdefault(session.day, []).append(session)
    checkin_by_day = {c.date: c for c in checks}
    kept = [f for f in findings if start <= f.date <= end]
    week_list: list[TrendWeek] = []
    for w in range(weeks):
        w_start = start + timedelta(days=WEEK_DAYS * w)
        days: list[TrendDay] = []
        for offset in range(WEEK_DAYS):
            day = w_start + timedelta(days=offset)
            todays = by_day.get(day, [])
            minutes: dict[str, int] = dict.fromkeys(KINDS, 0)
            for session in todays:
                minutes[session.kind] += session.minutes
            check = checkin_by_day.get(day)
            days.append(
                TrendDay(
                    date=day,
                    minutes=minutes,
                    rpes=tuple(s.rpe for s in todays if s.rpe is not None),
                    aching=bool(check is not None and check.aching),
                    where=check.where if check is not None else None,
                    fatigue=check.fatigue if check is not None else None,
                    counts=first_day is not None and first_day <= day <= today,
                )
            )
        w_end = w_start + timedelta(days=WEEK_DAYS - 1)
        week_list.append(
            TrendWeek(
                start=w_start,
                end=w_end,
                days=tuple(days),
                findings=sum(1 for f in kept if w_start <= f.date <= w_end),
            )
        )
    return Trend(
        start=start,
        end=end,
        today=today,
        weeks=tuple(week_list),
        findings=tuple(sorted(most_serious_first(kept), key=lambda f: f.date)),
        sessions=in_period,
        checkins=checks,
        aerobic_goal=aerobic_goal,
    )
