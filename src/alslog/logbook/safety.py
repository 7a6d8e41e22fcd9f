"""What the guideline rules say about the log, read from the store.

The rules are pure; this module reads the slice of history they need (how
far back and ahead comes from the guideline file's aching window, so a
therapist's change to ``days_before`` reaches every command) and hands it
to them. It neither prints nor reads the clock: ``today`` is passed in.

Each function that reads makes ONE read (``Store.period``); the ``*_in``
functions take records already read, so a use case that reads once can ask
several questions of what it read (``log_sessions``: today's earlier alerts,
the new sessions' findings, what is done today).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from alslog import guidelines as rules
from alslog.frozen import Frozen
from alslog.models import CheckIn, Finding, Rating, Session, most_serious_first

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.store import Period as StorePeriod
    from alslog.store import Store


def margin(guide: Guidelines) -> timedelta:
    """How many days around a window the rules may look at (the aching window, plus one)."""
    return timedelta(days=max(rules.lookahead_days(guide), 1) + 1)


def _sessions_in(sessions: Iterable[Session], start: date, end: date) -> list[Session]:
    return [s for s in sessions if start <= s.day <= end]


def _checkins_in(checkins: Iterable[CheckIn], start: date, end: date) -> list[CheckIn]:
    return [c for c in checkins if start <= c.date <= end]


def sessions_window(guide: Guidelines, sessions: Sequence[Session]) -> tuple[date, date]:
    """The days the rules read to judge these sessions: their days and the margin around."""
    around = margin(guide)
    return min(s.day for s in sessions) - around, max(s.day for s in sessions) + around


def about_sessions_in(
    guide: Guidelines,
    sessions: Sequence[Session],
    history: Iterable[Session],
    checkins: Iterable[CheckIn],
    today: date,
) -> list[Finding]:
    """The findings about these sessions, given the records around them, most serious first.

    ``history`` and ``checkins`` must hold at least the records of
    ``sessions_window``; ``history`` may or may not hold ``sessions``.
    """
    if not sessions:
        return []
    first, last = sessions_window(guide, sessions)
    by_id = {s.id: s for s in _sessions_in(history, first, last)}
    by_id.update((s.id, s) for s in sessions)
    nearby = list(by_id.values())
    near_checkins = _checkins_in(checkins, first, last)
    findings: list[Finding] = []
    for session in sessions:
        findings.extend(rules.session_findings(session, nearby, near_checkins, guide, today=today))
    return most_serious_first(findings)


def about_sessions(
    store: Store, guide: Guidelines, sessions: list[Session], today: date
) -> list[Finding]:
    """The findings that concern these (just logged or edited) sessions, most serious first."""
    if not sessions:
        return []
    read = store.period(*sessions_window(guide, sessions))
    return about_sessions_in(guide, sessions, read.sessions, read.checkins, today)


# The checks that look at check-ins: a check-in raises their findings on its day.
CHECKIN_CHECKS = frozenset({"aching-after", "checkin-fatigue"})
# The checks that read what a person wrote: a check-in raises those without a session.
TEXT_CHECKS = frozenset({"symptom-terms", "symptom-other"})


def checkin_window(guide: Guidelines, day: date) -> tuple[date, date]:
    """The days the rules read to judge the check-in of ``day``."""
    return day - margin(guide), day


def about_checkin_in(
    guide: Guidelines, checkin: CheckIn, sessions: Iterable[Session], today: date
) -> list[Finding]:
    """What a day's check-in raised itself: its aching advice, its tired-day cautions,
    and a red flag or a symptom in what was written that day.

    Only findings dated on the check-in's day, of the rules that look at
    check-ins: a check-in without aching repeats no earlier day's aching.
    ``sessions`` must hold those of ``checkin_window`` (more are left out).
    """
    day = checkin.date
    found = rules.evaluate(
        _sessions_in(sessions, *checkin_window(guide, day)),
        [checkin],  # the day's one check-in, as stored
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


def about_checkin(store: Store, guide: Guidelines, checkin: CheckIn, today: date) -> list[Finding]:
    """``about_checkin_in`` with the sessions it needs read from the store (one read)."""
    read = store.period(*checkin_window(guide, checkin.date))
    return about_checkin_in(guide, checkin, read.sessions, today)


class Day(Frozen):
    """One day's records with the findings dated on it."""

    sessions: list[Session]
    checkin: CheckIn | None
    findings: list[Finding]  # most serious first

    @property
    def alerts(self) -> list[Finding]:
        """The findings that say stop and contact the care team."""
        return [f for f in self.findings if f.severity == "alert"]


def day_window(guide: Guidelines, day: date) -> tuple[date, date]:
    """The days the rules read to judge ``day`` (check-ins after it may speak of it)."""
    around = margin(guide)
    return day - around, day + around


def on_day_in(
    guide: Guidelines,
    day: date,
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn],
    today: date,
    *,
    first_day: date | None = None,
) -> Day:
    """What was logged on ``day`` and what the rules say about it, from records read.

    ``sessions`` and ``checkins`` must hold those of ``day_window``. The
    daily rules need the logbook's ``first_day`` only for a day before
    ``today``: they judge finished days, so about today they say nothing.
    """
    period = period_in(guide, day, day, sessions, checkins, today, first_day=first_day)
    return Day(
        sessions=[s for s in period.sessions if s.day == day],
        checkin=next(iter(period.checkins), None),
        findings=period.findings,
    )


def begun_by(store: Store, start: date, read: StorePeriod) -> date | None:
    """The logbook's first day, or a day before ``start`` by which it had begun.

    The daily rules and the summary ask only whether the logbook had begun by
    each day from ``start`` on, so a record read before ``start`` answers them
    without reading the logbook's first month (None: the logbook is empty).
    """
    earlier = [s.day for s in read.sessions if s.day < start]
    earlier.extend(c.date for c in read.checkins if c.date < start)
    return min(earlier) if earlier else store.first_day()


def on_day(store: Store, guide: Guidelines, day: date, today: date) -> Day:
    """What was logged on ``day`` and what the rules say about it (``ready``, ``add``).

    One read; for a day before today the logbook's first day is read too.
    """
    read = store.period(*day_window(guide, day))
    first_day = begun_by(store, day, read) if day < today else None
    return on_day_in(guide, day, read.sessions, read.checkins, today, first_day=first_day)


class Period(Frozen):
    """The records of a period with the findings about it."""

    start: date
    end: date
    sessions: list[Session]  # those in [start, end]
    checkins: list[CheckIn]  # those in [start, end]
    findings: list[Finding]  # those dated in [start, end], most serious first
    first_day: date | None  # the logbook's first day, or a day before start (begun_by)


def period_in(
    guide: Guidelines,
    start: date,
    end: date,
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn],
    today: date,
    *,
    first_day: date | None,
    ratings: Sequence[Rating] = (),
) -> Period:
    """Every finding dated in [start, end], from records read over the margins (and the
    ratings of the period with the one before it, oldest first)."""
    around = margin(guide)
    near_sessions = _sessions_in(sessions, start - around, end)
    near_checkins = _checkins_in(checkins, start - around, end + around)
    findings = rules.evaluate(  # most serious first already
        near_sessions, near_checkins, guide, start=start, end=end, today=today,
        first_day=first_day, ratings=ratings,
    )  # fmt: skip
    return Period(
        start=start,
        end=end,
        sessions=[s for s in near_sessions if s.day >= start],
        checkins=_checkins_in(near_checkins, start, end),
        findings=findings,
        first_day=first_day,
    )


def over_period(store: Store, guide: Guidelines, start: date, end: date, today: date) -> Period:
    """Every finding dated in [start, end], reading the margins the rules need (one read,
    and the logbook's first day for the daily rules)."""
    around = margin(guide)
    read = store.period(start - around, end + around)
    first_day = begun_by(store, start, read)
    # A rating in the period is judged against the one before it, however long ago.
    ratings = [r for r in read.ratings if start <= r.date <= end]
    before = store.last_rating(start - timedelta(days=1)) if ratings else None
    if before is not None:
        ratings.insert(0, before)
    return period_in(
        guide, start, end, read.sessions, read.checkins, today, first_day=first_day,
        ratings=ratings,
    )  # fmt: skip
