"""What the guideline rules say about the log, read from the store.

The rules are pure; this module reads the slice of history they need (how
far back and ahead comes from the guideline file's aching window, so a
therapist's change to ``days_before`` reaches every command) and hands it
to them. It neither prints nor reads the clock: ``today`` is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from alslog import guidelines as rules
from alslog.models import CheckIn, Finding, Session, most_serious_first

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.store import Store


def margin(guide: Guidelines) -> timedelta:
    """How many days around a window the rules may look at (the aching window, plus one)."""
    return timedelta(days=max(rules.lookahead_days(guide), 1) + 1)


def about_sessions(
    store: Store, guide: Guidelines, sessions: list[Session], today: date
) -> list[Finding]:
    """The findings that concern these (just logged or edited) sessions, most serious first."""
    if not sessions:
        return []
    around = margin(guide)
    first = min(s.day for s in sessions)
    last = max(s.day for s in sessions)
    nearby = store.sessions(first - around, last + around)
    checkins = store.checkins(first - around, last + around)
    findings: list[Finding] = []
    for session in sessions:
        findings.extend(rules.session_findings(session, nearby, checkins, guide, today=today))
    return most_serious_first(findings)


# The checks that look at check-ins: a check-in raises their findings on its day.
CHECKIN_CHECKS = frozenset({"aching-after", "checkin-fatigue"})
# The checks that read what a person wrote: a check-in raises those without a session.
TEXT_CHECKS = frozenset({"symptom-terms", "symptom-other"})


def about_checkin(store: Store, guide: Guidelines, checkin: CheckIn, today: date) -> list[Finding]:
    """What a day's check-in raised itself: its aching advice, its tired-day cautions,
    and a red flag or a symptom in what was written that day.

    Only findings dated on the check-in's day, of the rules that look at
    check-ins: a check-in without aching repeats no earlier day's aching.
    """
    around = margin(guide)
    day = checkin.date
    found = rules.evaluate(
        store.sessions(day - around, day),
        store.checkins(day, day),
        guide,
        start=day,
        end=day,
        today=today,
        first_day=None,
    )
    return [
        f
        for f in found
        if f.date == day
        and (
            guide.rules[f.rule].check in CHECKIN_CHECKS
            or (guide.rules[f.rule].check in TEXT_CHECKS and not f.sessions)
        )
    ]


@dataclass(frozen=True)
class Day:
    """One day's records with the findings dated on it."""

    sessions: list[Session]
    checkin: CheckIn | None
    findings: list[Finding]  # most serious first

    @property
    def alerts(self) -> list[Finding]:
        """The findings that say stop and contact the care team."""
        return [f for f in self.findings if f.severity == "alert"]


def on_day(store: Store, guide: Guidelines, day: date, today: date) -> Day:
    """What was logged on ``day`` and what the rules say about it (``ready``, ``add``)."""
    period = over_period(store, guide, day, day, today)
    return Day(
        sessions=[s for s in period.sessions if s.day == day],
        checkin=next(iter(period.checkins), None),
        findings=period.findings,
    )


@dataclass(frozen=True)
class Period:
    """The records of a period with the findings about it."""

    start: date
    end: date
    sessions: list[Session]  # those in [start, end]
    checkins: list[CheckIn]  # those in [start, end]
    findings: list[Finding]  # those dated in [start, end], most serious first
    first_day: date | None  # the logbook's first day


def over_period(store: Store, guide: Guidelines, start: date, end: date, today: date) -> Period:
    """Every finding dated in [start, end], reading the margins the rules need."""
    around = margin(guide)
    sessions = store.sessions(start - around, end)
    checkins = store.checkins(start - around, end + around)
    first_day = store.first_day()
    findings = rules.evaluate(
        sessions, checkins, guide, start=start, end=end, today=today, first_day=first_day
    )
    return Period(
        start=start,
        end=end,
        sessions=[s for s in sessions if s.day >= start],
        checkins=[c for c in checkins if start <= c.date <= end],
        findings=most_serious_first(findings),
        first_day=first_day,
    )
