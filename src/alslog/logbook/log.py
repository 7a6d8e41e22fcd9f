"""Logging sessions: one session, a routine's parts, the last one again.

Also the rule every way of saying how a session went shares (kept going
means kept going after tiring) and the check for a session logged twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import alslog.logbook.safety as safety
from alslog.frozen import Frozen
from alslog.logbook.valid import validated

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.models import Finding, Kind, Session
    from alslog.store import Store

# The same session logged again within this time is taken for a slip (asked, or noted).
TWICE_WITHIN = timedelta(minutes=10)


def tiredness(tired: bool | None, kept_going: bool | None) -> tuple[bool | None, bool | None]:
    """The one rule: "kept going" means kept going after tiring.

    Kept going makes the session tired; not tired means it did not keep
    going. None is "not said" (and stays so unless the rule decides it).
    Raises ValueError when kept going is said of a session said not tired.
    """
    if kept_going and tired is False:
        raise ValueError("kept going after tiring, yet not tired")
    if kept_going:
        tired = True
    if tired is False:
        kept_going = False
    return tired, kept_going


class Flags(Frozen):
    """What is said about how a session went (from options or from the questions)."""

    tired: bool = False
    kept_going: bool = False
    talk: bool | None = None
    symptoms: tuple[str, ...] = ()
    assisted: bool = False
    note: str | None = None

    def with_problems(
        self, *, tired: bool, kept_going: bool, talk: bool | None, symptoms: Sequence[str]
    ) -> Flags:
        """These flags with the answers to the safety questions (talk: only if said there)."""
        return self._replace(
            tired=tired,
            kept_going=kept_going,
            talk=talk if talk is not None else self.talk,
            symptoms=tuple(symptoms),
        )

    def calm(self) -> Flags:
        """Only what belongs to every session (assisted), and no problems."""
        return Flags(assisted=self.assisted)


def new_session(
    session_id: str,
    kind: Kind,
    minutes: int,
    activity: str | None,
    rpe: int | None,
    when: datetime,
    flags: Flags,
) -> Session:
    """A session from what was given or answered (checked: a bad value is a usage error)."""
    from alslog.models import Session

    tired, kept_going = tiredness(flags.tired or None, flags.kept_going or None)
    session: Session = validated(
        Session,
        id=session_id,
        kind=kind,
        activity=activity or None,
        minutes=minutes,
        rpe=rpe,
        at=when,
        tired=bool(tired),
        kept_going=bool(kept_going),
        talk=flags.talk,
        assisted=flags.assisted,
        symptoms=tuple(s.strip() for s in flags.symptoms if s.strip()),
        note=flags.note or None,
    )
    return session


class RoutinePart(Frozen):
    """One session of a routine: what, and when it ended."""

    kind: Kind
    minutes: int
    activity: str | None
    at: datetime


def routine_parts(
    items: Sequence[tuple[Kind, int, str | None]],
    default_activity: Callable[[Kind], str | None],
    end: datetime,
) -> list[RoutinePart]:
    """The parts of a routine ending at ``end``, each timed when it ended.

    A session's time is when it ended (as when logging right after it): the
    last part ends at ``end``, and each earlier part ends when the next began.
    """
    ends: list[datetime] = []
    at = end
    for _kind, minutes, _activity in reversed(items):
        ends.append(at)
        at -= timedelta(minutes=minutes)
    ends.reverse()
    return [
        RoutinePart(kind, minutes, activity or default_activity(kind), when)
        for (kind, minutes, activity), when in zip(items, ends, strict=True)
    ]


def routine_sessions(
    parts: Sequence[RoutinePart],
    flags: Flags,
    problem_part: int,
    new_id: Callable[[], str],
) -> list[Session]:
    """The sessions of a routine's parts; the problems said go on ``problem_part`` only.

    The other parts get none (and no talk answer: nobody said whether they
    could talk); being assisted belongs to every part.
    """
    sessions = []
    for index, part in enumerate(parts):
        said = flags if index == problem_part else flags.calm()
        sessions.append(
            new_session(new_id(), part.kind, part.minutes, part.activity, None, part.at, said)
        )
    return sessions


def last_logged(store: Store) -> Session | None:
    """The session logged last: the newest add the undo history holds.

    The undo history knows when each session was stored, so a session logged
    now for yesterday still counts as the last one logged; beyond its reach
    (an empty or moved-away undo log) the latest session by its time is used.
    """
    logged = store.logged_sessions(limit=1)
    return logged[0][1] if logged else store.last_session()


class Twice(Frozen):
    """One of the sessions being logged was logged a few minutes ago."""

    session: Session  # the new one
    minutes_ago: int


def logged_twice(store: Store, sessions: Sequence[Session], now: datetime) -> Twice | None:
    """Whether one of these sessions was logged within ``TWICE_WITHIN``.

    The same session: kind, minutes and activity (ignoring case and spaces),
    the undo history saying when it was stored.
    """

    def same(session: Session) -> tuple[str, int, str]:
        return session.kind, session.minutes, " ".join((session.activity or "").lower().split())

    recent = store.logged_sessions(now - TWICE_WITHIN)
    for new in sessions:
        for stored, old in recent:
            if same(new) == same(old):
                return Twice(new, max(0, int((now - stored).total_seconds() // 60)))
    return None


class Logged:
    """Sessions stored, and what the guidelines say about them."""

    __slots__ = ("done_today", "earlier_alerts", "findings", "sessions")

    def __init__(
        self,
        sessions: tuple[Session, ...],
        findings: list[Finding],
        earlier_alerts: list[Finding],  # today's alerts from before: they still mean stop
        done_today: dict[Kind, bool] | None = None,  # the daily kinds done today
    ) -> None:
        self.sessions = sessions
        self.findings = findings
        self.earlier_alerts = earlier_alerts
        self.done_today: dict[Kind, bool] = {} if done_today is None else done_today

    def __repr__(self) -> str:
        return (
            f"Logged(sessions={self.sessions!r}, findings={self.findings!r}, "
            f"earlier_alerts={self.earlier_alerts!r}, done_today={self.done_today!r})"
        )


def log_sessions(
    store: Store, guide: Guidelines, sessions: Sequence[Session], today: date
) -> Logged:
    """Store the sessions (a routine's parts all or nothing, one undo) and read the rules.

    One read before the write covers all the rules need: today's earlier
    alerts, the new sessions' findings (the new sessions added to what was
    read) and which daily kinds are done today. Nothing is read again after.
    """
    new = list(sessions)
    if not new:
        return Logged((), [], [])
    first, last = safety.sessions_window(guide, new)
    today_first, today_last = safety.day_window(guide, today)
    read = store.period(min(first, today_first), max(last, today_last))
    earlier = safety.on_day_in(guide, today, read.sessions, read.checkins, today).alerts
    store.add_sessions(new)
    findings = safety.about_sessions_in(guide, new, read.sessions, read.checkins, today)
    logged_today = [s for s in (*read.sessions, *new) if s.day == today]
    done_today = {k: any(s.kind == k for s in logged_today) for k in guide.daily_kinds}
    return Logged(tuple(new), findings, earlier, done_today)
