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

from alslog import rules
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


def about_checkin(store: Store, guide: Guidelines, checkin: CheckIn, today: date) -> list[Finding]:
    """What a day's check-in says: about the sessions before it (the aching advice),
    and about itself (a red flag or a symptom in what was written that day)."""
    around = margin(guide)
    day = checkin.date
    found = rules.evaluate(
        store.sessions(day - around, day),
        store.checkins(day - around, day),
        guide,
        start=day - around,
        end=day,
        today=today,
        first_day=store.first_day(),
    )
    aching = {rid for rid, rule in guide.rules.items() if rule.check == "aching-after"}
    symptom = {
        rid for rid, rule in guide.rules.items() if rule.check in ("symptom-terms", "symptom-other")
    }
    return [
        f
        for f in found
        if f.rule in aching or (f.rule in symptom and not f.sessions and f.date == day)
    ]


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
