"""The rules engine: (logbook records, guidelines, today) -> findings.

Pure functions: no I/O, no clock (``today`` is passed in). Each guideline
rule names a ``check``; :data:`checks.REGISTRY` gives the function that yields
the findings of one rule. Loading validated the rule's settings and message
before any of this runs.

Dates: a finding is dated on the day it is about. For a session rule that is
the session's day; for ``aching-after`` the aching check-in's day (one finding
per check-in, listing the sessions before it); for ``daily`` the day with
nothing logged; for ``rating-fall`` the day of the later of the two ratings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from alslog.guidelines.checks import CHECK_FUNCTIONS
from alslog.guidelines.checks.aching import AchingAfter
from alslog.guidelines.checks.context import Context
from alslog.guidelines.schema import Guidelines
from alslog.models import CheckIn, Finding, Rating, Session, most_serious_first


def evaluate(
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn],
    guidelines: Guidelines,
    *,
    start: date,
    end: date,
    today: date,
    first_day: date | None,
    ratings: Sequence[Rating] = (),
) -> list[Finding]:
    """Every finding dated in [start, end], most serious first.

    ``sessions`` and ``checkins`` may reach outside the window: pass check-ins
    up to ``end`` + the aching window so aching noted after a session is seen.
    ``first_day`` is the first day of the logbook: ``daily`` rules look only at
    days from then until yesterday (``today`` is not over yet); with None they
    report nothing.

    ``ratings`` are the ALSFRS-R self-ratings, in the order they were made:
    a rating in the window is compared with the one before it, so pass at
    least the last rating before ``start`` too. Of two on the same day the
    later one given counts (a correction); with none, or one, the rating rules
    report nothing.
    """
    by_id = {s.id: s for s in sessions}
    ctx = Context(
        sessions=tuple(sorted(by_id.values(), key=lambda s: (s.at, s.id))),
        checkins=tuple(sorted(checkins, key=lambda c: (c.date, c.id))),
        guidelines=guidelines,
        start=start,
        end=end,
        today=today,
        first_day=first_day,
        # Stable: ratings of the same day keep the order they were given in.
        ratings=tuple(sorted(ratings, key=lambda r: r.date)),
    )
    found: list[Finding] = []
    for rule_id, rule in guidelines.rules.items():
        if rule.enabled:
            check = CHECK_FUNCTIONS[rule.check]
            found.extend(f for f in check(rule_id, rule, ctx) if start <= f.date <= end)
    return most_serious_first(found)


def session_findings(
    session: Session,
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn],
    guidelines: Guidelines,
    *,
    today: date,
) -> list[Finding]:
    """The findings about one session (the prompt after ``alslog add``), most serious first.

    ``sessions`` is the rest of the history (it may or may not include
    ``session``); ``checkins`` should reach a few days past the session's day:
    aching noted then is dated on its own day and still concerns this session.
    """
    others = [s for s in sessions if s.id != session.id]
    found = evaluate(
        [*others, session],
        checkins,
        guidelines,
        start=session.day,
        end=session.day + timedelta(days=lookahead_days(guidelines)),
        today=today,
        first_day=None,
    )
    return [f for f in found if session.id in f.sessions]


def lookahead_days(guidelines: Guidelines) -> int:
    """How many days after a session a check-in can still raise a finding about it.

    Aching noted up to ``days_before`` days after a session lists it (in a
    finding dated on the aching day): to see everything said about the
    sessions of a window, fetch check-ins up to ``end`` + this many days. 0 when
    no aching rule is enabled.
    """
    return max(
        (
            r.days_before
            for r in guidelines.rules.values()
            if isinstance(r, AchingAfter) and r.enabled
        ),
        default=0,
    )


def history_days(guidelines: Guidelines) -> int:
    """How many days before a day any enabled rule looks back (its ``days_before``).

    A check-in on day D can concern sessions back to D minus this many days:
    fetch sessions from there (e.g. to ask about aching after recent exercise,
    or to evaluate a check-in's day). 0 when no rule looks back.
    """
    return max(
        (getattr(r, "days_before", 0) for r in guidelines.rules.values() if r.enabled),
        default=0,
    )
