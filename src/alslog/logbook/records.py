"""Correcting and taking back: edit a session, edit a check-in, remove, undo.

Each use case is one store transaction (with the one read the rules need
before it) and returns a frozen result; the command parses what was typed
into ``changes`` and renders the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import alslog.logbook.safety as safety
from alslog.logbook.valid import validated

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.models import CheckIn, Finding, Rating, Session
    from alslog.store import Store


@dataclass(frozen=True)
class EditedSession:
    """A session corrected, and what the guidelines now say about it."""

    session: Session
    findings: list[Finding]


def edit_session(
    store: Store, guide: Guidelines, record: Session, changes: Mapping[str, Any], today: date
) -> EditedSession:
    """Store ``record`` with ``changes`` (parsed fields); the findings about it.

    One read of the days the rules look at (around the new day), then the
    write; the findings come from what was read, with the corrected session.
    """
    from alslog.models import Session

    session: Session = validated(Session, **{**record.model_dump(), **changes})
    read = store.period(*safety.sessions_window(guide, [session]))
    store.update_session(session)
    findings = safety.about_sessions_in(guide, [session], read.sessions, read.checkins, today)
    return EditedSession(session, findings)


@dataclass(frozen=True)
class EditedCheckIn:
    """A check-in corrected, and what it says itself (a red flag in it)."""

    checkin: CheckIn
    findings: list[Finding]


@dataclass(frozen=True)
class DayTaken:
    """``edit --date`` onto a day that has a check-in already: edit or remove that one."""

    day: date
    other: CheckIn


def edit_checkin(
    store: Store, guide: Guidelines, record: CheckIn, changes: Mapping[str, Any], today: date
) -> EditedCheckIn | DayTaken:
    """Store ``record`` with ``changes``, unless its new day has another check-in.

    One read (the new day's check-ins and the sessions before it), then the
    write. Only what the check-in itself says is returned (a red flag in
    it), not the aching advice again.
    """
    from alslog.models import CheckIn

    day: date = changes.get("date", record.date)
    read = store.period(*safety.checkin_window(guide, day))
    if "date" in changes:
        others = [c for c in read.checkins if c.date == day and c.id != record.id]
        if others:
            return DayTaken(day, others[0])
    checkin: CheckIn = validated(CheckIn, **{**record.model_dump(), **changes})
    store.put_checkin(checkin, moved_from=record.date)
    found = safety.about_checkin_in(guide, checkin, read.sessions, today)
    return EditedCheckIn(checkin, [f for f in found if not f.sessions])


@dataclass(frozen=True)
class Removed:
    """A record removed ('alslog undo' brings it back)."""

    record: Session | CheckIn | Rating
    description: str


def remove(store: Store, record: Session | CheckIn | Rating) -> Removed:
    """Remove a record found earlier (the command asks first): one transaction."""
    change = store.remove(record.id)
    return Removed(record, change.description)


@dataclass(frozen=True)
class Undone:
    """The last change taken back."""

    description: str


def undo(store: Store) -> Undone:
    """Take back the last change (NotFoundError when there is none): one transaction."""
    return Undone(store.undo().description)
