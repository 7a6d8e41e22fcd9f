"""The Store: the logbook's one face; each method one operation of the parts below.

Layout of ``root`` (``<data>/logbook``)::

    2024-11.json   {"format": "alslog", "schema": 1, "month": "2024-11",
                    "sessions": [...], "checkins": [...],
                    "ratings": [...]}   one record per line (schema 2 with ratings)
    undo.json      the last changes as record-level before/after images
    journal.json   only while a change spanning several files is being applied
    .lock          the cross-process lock (flock; released by the kernel on death)

A session lives in the month of its ``at`` (its local date as stored), a
check-in in the month of its ``date``. Reads open only the months they need and
validate only the records of the files they open, each file once per call.
Every write is one locked transaction (``journal``); the month file it replaces
is first kept as a backup generation (``backups``); each write is undoable
(``undo``). The clock is given, never read here: it stamps undo entries and
backups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import alslog.store.reads as reads
from alslog.models import CheckIn, Kind, Rating, Session
from alslog.store.codec import Raw
from alslog.store.files import Files
from alslog.store.reads import Period

if TYPE_CHECKING:
    import alslog.store.check as check
    import alslog.store.writes as writes
    from alslog.store.backups import BackupInfo
    from alslog.store.check import CheckReport
    from alslog.store.writes import Change
else:

    class _Later:
        """A part imported when first used: a command that only reads never loads the
        write path, and only doctor loads the check."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attr: str) -> Any:
            import importlib

            return getattr(importlib.import_module(self._name), attr)

    check = _Later("alslog.store.check")
    writes = _Later("alslog.store.writes")


class Store:
    """A logbook kept in a folder: one JSON file per month, plus lock, journal and undo log.

    ``clock`` returns the time now, aware (the command line passes
    ``lambda: datetime.now(UTC)``).
    """

    def __init__(
        self,
        root: Path,
        backup_dir: Path,
        *,
        clock: Callable[[], datetime],
        lock_timeout: float = 10.0,
    ) -> None:
        self._files = Files(root, backup_dir, clock, lock_timeout)

    @property
    def root(self) -> Path:
        """The logbook folder."""
        return self._files.root

    @property
    def backup_dir(self) -> Path:
        """The folder of backup generations."""
        return self._files.backup_dir

    @property
    def lock_timeout(self) -> float:
        """Seconds to wait for another alslog holding the lock."""
        return self._files.lock_timeout

    # ---- reads -------------------------------------------------------------
    def sessions(self, start: date | None = None, end: date | None = None) -> list[Session]:
        """Sessions whose day lies in [start, end] (inclusive; None = open), oldest first."""
        return list(reads.period(self._files, start, end).sessions)

    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        """Check-ins dated in [start, end] (inclusive), oldest first."""
        return list(reads.period(self._files, start, end).checkins)

    def ratings(self, start: date | None = None, end: date | None = None) -> list[Rating]:
        """Ratings dated in [start, end] (inclusive), oldest first."""
        return reads.ratings(self._files, start, end)

    def last_rating(
        self, before: date | None = None, *, since: date | None = None
    ) -> Rating | None:
        """The latest rating (dated on or before ``before``; not before ``since``, which
        bounds the months read)."""
        return reads.last_rating(self._files, before, since)

    def period(self, start: date | None = None, end: date | None = None) -> Period:
        """Sessions and check-ins of [start, end] in one read (each month file parsed once)."""
        return reads.period(self._files, start, end)

    def extra_fields(self, start: date | None = None, end: date | None = None) -> dict[str, Raw]:
        """Fields this version does not know, by record id, for records in [start, end]."""
        return reads.extra_fields(self._files, start, end)

    def first_day(self) -> date | None:
        """The earliest day with a session or check-in; None for an empty logbook."""
        return reads.first_day(self._files)

    def last_session(self, kind: Kind | None = None) -> Session | None:
        """The most recent session (of that kind, if given), by its time."""
        return reads.last_session(self._files, kind)

    def logged_sessions(
        self, since: datetime | None = None, *, limit: int | None = None
    ) -> list[tuple[datetime, Session]]:
        """Sessions in the order they were stored (newest first), each with when it was."""
        return reads.logged_sessions(self._files, since, limit=limit)

    def find(self, prefix: str) -> Session | CheckIn | Rating:
        """The one record whose id starts with prefix (NotFoundError if none or several)."""
        return reads.find(self._files, prefix)

    # ---- writes: each is one locked, durable transaction, undoable ----------
    def add_session(self, session: Session) -> Change:
        """Store a new session."""
        return writes.add_sessions(self._files, [session])

    def add_sessions(self, sessions: Sequence[Session]) -> Change:
        """Store new sessions (a routine's parts) all or nothing: one transaction, one undo."""
        return writes.add_sessions(self._files, sessions)

    def put_checkin(self, checkin: CheckIn, *, moved_from: date | None = None) -> Change:
        """Store the day's check-in, replacing an earlier one of the same date (and, when an
        edit moves it from ``moved_from``, taking it out of that day's month)."""
        return writes.put_checkin(self._files, checkin, moved_from)

    def add_rating(self, rating: Rating) -> Change:
        """Store a new ALSFRS-R rating."""
        return writes.add_rating(self._files, rating)

    def update_rating(self, rating: Rating) -> Change:
        """Replace the stored rating of the same id (its date may change)."""
        return writes.update_rating(self._files, rating)

    def update_session(self, session: Session) -> Change:
        """Replace the stored session of the same id (its day may change)."""
        return writes.update_session(self._files, session)

    def remove(self, record_id: str) -> Change:
        """Delete a session, check-in or rating by its full id."""
        return writes.remove(self._files, record_id)

    def import_records(
        self,
        sessions: Iterable[Session],
        checkins: Iterable[CheckIn],
        extras: dict[str, Raw] | None = None,
        ratings: Iterable[Rating] = (),
    ) -> tuple[int, int]:
        """Add records whose id is not stored yet, all in one transaction: (added, skipped)."""
        return writes.import_records(self._files, sessions, checkins, extras, ratings)

    def undo(self) -> Change:
        """Revert the last change; NotFoundError when there is nothing to undo."""
        return writes.undo_last(self._files)

    # ---- doctor: check, backups, restore -------------------------------------
    def check(self) -> CheckReport:
        """Validate every file of the store (months, journal, undo log); list the problems."""
        return check.check(self._files)

    def backups(self) -> list[BackupInfo]:
        """Every backup generation, newest first, each parsed and validated."""
        return self._files.backups.listing()

    def restore(self, name: str) -> Change:
        """Put a backup generation back as its month file (the current one is backed up first)."""
        return check.restore(self._files, name)
