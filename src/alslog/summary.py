"""The week summary: what was done each day, adherence to the daily targets.

Pure: sessions, check-ins and findings in, a summary out. No I/O, no clock.
"""

from __future__ import annotations

from datetime import date, timedelta

from alslog.frozen import Frozen
from alslog.models import KINDS, CheckIn, Finding, Session, most_serious_first
from alslog.words import MARK_SHORT, session_marks

WEEK_DAYS = 7


class Day(Frozen):
    """One day of the summary."""

    date: date
    minutes: dict[str, int]
    sessions: int
    max_rpe: int | None
    marks: tuple[str, ...]
    counts: bool  # on or after the first entry and not in the future: counts toward targets

    @property
    def total(self) -> int:
        """All minutes of the day."""
        return sum(self.minutes.values())


class WeekSummary(Frozen):
    """Seven days ending on ``end``, with totals and findings."""

    start: date
    end: date
    today: date
    days: tuple[Day, ...]
    findings: tuple[Finding, ...]
    checkins: tuple[CheckIn, ...] = ()

    def minutes(self, kind: str) -> int:
        """Minutes of one kind over the week."""
        return sum(day.minutes[kind] for day in self.days)

    def days_with(self, kind: str) -> int:
        """How many days had at least one session of that kind."""
        return sum(1 for day in self.days if day.minutes[kind] > 0)

    def missed_days(self, kind: str) -> list[date]:
        """Counted days now over (before today) with no session of that kind."""
        return [
            day.date
            for day in self.days
            if day.counts and day.date < self.today and day.minutes[kind] == 0
        ]

    @property
    def target_days(self) -> int:
        """Days that count toward the daily stretching/ROM target (logbook started, not future)."""
        return sum(1 for day in self.days if day.counts)

    @property
    def sessions(self) -> int:
        """Number of sessions in the week."""
        return sum(day.sessions for day in self.days)

    def totals(self) -> dict[str, object]:
        """The totals as plain data (also used for JSON)."""
        return {
            "minutes": {kind: self.minutes(kind) for kind in KINDS},
            "sessions": self.sessions,
            "target_days": self.target_days,
            "stretching_days": self.days_with("stretching"),
            "rom_days": self.days_with("rom"),
            "stretching_missed": len(self.missed_days("stretching")),
            "rom_missed": len(self.missed_days("rom")),
            "aerobic_minutes": self.minutes("aerobic"),
            "aerobic_days": self.days_with("aerobic"),
        }


def aching_words(checkin: CheckIn) -> str:
    """'aching', with where and how bad when known: 'aching (calves, 6/10)'."""
    details = [
        d
        for d in (
            checkin.where,
            None if checkin.aching_level is None else f"{checkin.aching_level}/10",
        )
        if d
    ]
    return "aching" + (f" ({', '.join(details)})" if details else "")


def _marks(day_sessions: list[Session], checkin: CheckIn | None) -> tuple[str, ...]:
    marks: list[str] = []
    # A day's marks: any of its sessions marked so, in the order of words.session_marks
    # ("could talk" is what a good session says, not a mark of the day).
    said = {mark for s in day_sessions for mark in session_marks(s)}
    marks.extend(m for m in MARK_SHORT.values() if m in said and m != MARK_SHORT["could_talk"])
    symptoms = sorted(
        {sym for s in day_sessions for sym in s.symptoms}
        | set(checkin.symptoms if checkin is not None else ())
    )
    marks.extend(f"symptom: {sym}" for sym in symptoms)
    if checkin is not None and checkin.aching:
        marks.append(aching_words(checkin))
    if checkin is not None and checkin.fatigue is not None:
        marks.append(f"fatigue {checkin.fatigue}/10")
    return tuple(marks)


def summarize_week(
    sessions: list[Session],
    checkins: list[CheckIn],
    findings: list[Finding],
    *,
    end: date,
    today: date,
    first_day: date | None,
) -> WeekSummary:
    """Build the summary of the seven days ending on ``end``.

    ``sessions`` and ``checkins`` may include records outside the week; only
    those inside it are counted. ``findings`` are kept if dated in the week.
    """
    start = end - timedelta(days=WEEK_DAYS - 1)
    by_day: dict[date, list[Session]] = {}
    for session in sessions:
        by_day.setdefault(session.day, []).append(session)
    checkin_by_day = {c.date: c for c in checkins}
    days: list[Day] = []
    for offset in range(WEEK_DAYS):
        day = start + timedelta(days=offset)
        todays = by_day.get(day, [])
        minutes: dict[str, int] = dict.fromkeys(KINDS, 0)
        for session in todays:
            minutes[session.kind] += session.minutes
        rpes = [s.rpe for s in todays if s.rpe is not None]
        counts = first_day is not None and first_day <= day <= today
        days.append(
            Day(
                date=day,
                minutes=minutes,
                sessions=len(todays),
                max_rpe=max(rpes) if rpes else None,
                marks=_marks(todays, checkin_by_day.get(day)),
                counts=counts,
            )
        )
    in_week = [f for f in findings if start <= f.date <= end]
    return WeekSummary(
        start=start,
        end=end,
        today=today,
        days=tuple(days),
        findings=tuple(most_serious_first(in_week)),
        checkins=tuple(c for c in checkins if start <= c.date <= end),
    )
