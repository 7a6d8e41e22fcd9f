"""The Store's reads: each one operation, each month file read and validated once in it."""

from __future__ import annotations

import copy
from datetime import date, datetime

import alslog.store.undo as undo
from alslog.errors import NotFoundError, UsageError
from alslog.frozen import Frozen
from alslog.models import CheckIn, Kind, Rating, Session
from alslog.store.codec import CHECKIN_FIELDS, RATING_FIELDS, SESSION_FIELDS, UNDO_FILE, Raw
from alslog.store.files import Files, Op, position


class Period(Frozen):
    """What one read of a stretch of days found: its sessions, check-ins, ratings, oldest first."""

    sessions: tuple[Session, ...]
    checkins: tuple[CheckIn, ...]
    ratings: tuple[Rating, ...] = ()


def period(files: Files, start: date | None = None, end: date | None = None) -> Period:
    """Sessions and check-ins of [start, end] in one read (each month file parsed once)."""
    with files.reading() as op:
        sessions: list[Session] = []
        checkins: list[CheckIn] = []
        ratings: list[Rating] = []
        for name in files.months_in(op, start, end):
            doc = files.doc(op, name)
            if doc is None:
                continue
            assert doc.sessions is not None and doc.checkins is not None
            assert doc.ratings is not None
            ratings.extend(
                r
                for r in doc.ratings
                if (start is None or r.date >= start) and (end is None or r.date <= end)
            )
            sessions.extend(
                s
                for s in doc.sessions
                if (start is None or s.day >= start) and (end is None or s.day <= end)
            )
            checkins.extend(
                c
                for c in doc.checkins
                if (start is None or c.date >= start) and (end is None or c.date <= end)
            )
    sessions.sort(key=lambda s: (s.at, s.id))
    checkins.sort(key=lambda c: (c.date, c.id))
    ratings.sort(key=lambda r: (r.date, r.id))
    return Period(tuple(sessions), tuple(checkins), tuple(ratings))


def ratings(files: Files, start: date | None = None, end: date | None = None) -> list[Rating]:
    """Ratings dated in [start, end], oldest first; only the ratings are validated."""
    with files.reading() as op:
        found = [
            r
            for name in files.months_in(op, start, end)
            for r in files.ratings(op, name)
            if (start is None or r.date >= start) and (end is None or r.date <= end)
        ]
    found.sort(key=lambda r: (r.date, r.id))
    return found


def last_rating(
    files: Files, before: date | None = None, since: date | None = None
) -> Rating | None:
    """The latest rating (dated on or before ``before``, and not before ``since``, if given);
    None when there is none. ``since`` bounds the months read: without it a logbook with
    no rating is read whole (the ratings only)."""
    with files.reading() as op:
        names = files.months_in(op, since, before)
        for name in reversed(names):
            found = [
                r
                for r in files.ratings(op, name)
                if (before is None or r.date <= before) and (since is None or r.date >= since)
            ]
            if found:
                return max(found, key=lambda r: (r.date, r.id))
    return None


def extra_fields(
    files: Files, start: date | None = None, end: date | None = None
) -> dict[str, Raw]:
    """Fields this version does not know, by record id, for records in [start, end].

    Only records that have any are listed; an export carries them so that
    nothing a newer alslog stored is lost on the way to another computer.
    """
    with files.reading() as op:
        found: dict[str, Raw] = {}
        for name in files.months_in(op, start, end):
            doc = files.doc(op, name)
            if doc is None:
                continue
            for key, known in (
                ("sessions", SESSION_FIELDS),
                ("checkins", CHECKIN_FIELDS),
                ("ratings", RATING_FIELDS),
            ):
                for record in doc.raw[key]:
                    extra = {k: v for k, v in record.items() if k not in known}
                    if extra:
                        found[record["id"]] = copy.deepcopy(extra)
    return found


def first_day(files: Files) -> date | None:
    """The earliest day with a session or check-in; None for an empty logbook."""
    with files.reading() as op:
        for name in files.months(op):
            doc = files.doc(op, name)
            if doc is None or doc.sessions is None or doc.checkins is None:
                continue
            days = [s.day for s in doc.sessions] + [c.date for c in doc.checkins]
            if days:
                return min(days)
    return None


def last_session(files: Files, kind: Kind | None = None) -> Session | None:
    """The most recent session (of that kind, if given), by its time."""
    with files.reading() as op:
        names = files.months(op)
        for position in range(len(names) - 1, -1, -1):
            doc = files.doc(op, names[position])
            if doc is None or doc.sessions is None:
                continue
            if not any(kind is None or s.kind == kind for s in doc.sessions):
                continue
            # A session filed in the month before can be later in time (time zones).
            candidates: list[Session] = []
            if position > 0:
                earlier = files.doc(op, names[position - 1])
                if earlier is not None and earlier.sessions is not None:
                    candidates.extend(earlier.sessions)
            candidates.extend(doc.sessions)
            matching = [s for s in candidates if kind is None or s.kind == kind]
            # Two sessions of the same second: the one stored last (a month keeps its
            # sessions in the order they were stored), never a coin toss on the id.
            newest = max(range(len(matching)), key=lambda i: (matching[i].at, i))
            return matching[newest]
    return None


def logged_sessions(
    files: Files, since: datetime | None = None, *, limit: int | None = None
) -> list[tuple[datetime, Session]]:
    """Sessions in the order they were stored (newest first), each with when it was.

    Read from the undo history (a session's time says when it happened, not
    when it was logged), so it reaches back over the last ``UNDO_KEEP``
    changes only, and a change undone is gone from it. Only adds count (one
    session or a routine's, never an import); a session removed since is
    left out, an edited one is given as it is now. ``since`` (aware) leaves
    out what was stored before it; ``limit`` stops after that many.
    """
    with files.reading() as op:
        found: list[tuple[datetime, Session]] = []
        seen: set[str] = set()
        if since is not None and UNDO_FILE not in op.overlay:
            # Nothing written since then, so no entry is newer: skip reading the
            # log, which can be large (up to UNDO_MAX_BYTES) after an import.
            try:
                changed = (files.root / UNDO_FILE).stat().st_mtime
            except OSError:
                changed = None  # missing, or not readable: the undo log read says which
            if changed is not None and changed < since.timestamp():
                return found
        names = files.months(op)
        for entry in reversed(files.undo_log(op)["entries"]):
            try:
                stored = datetime.fromisoformat(str(entry.get("time")))
            except ValueError:
                continue
            if stored.tzinfo is None or (since is not None and stored < since):
                continue
            images = entry.get("records", [])
            if entry.get("added") or entry.get("restore") or not images:
                continue
            if not all(
                i.get("kind") == "session" and i.get("before") is None and i.get("after")
                for i in images
            ):
                continue  # an edit, removal or check-in, not a session logged
            for image in reversed(images):  # a routine: its last part first
                rid = str(image.get("id"))
                if rid in seen:
                    continue
                seen.add(rid)
                session = session_by_id(files, op, names, rid, image["after"])
                if session is not None:
                    found.append((stored, session))
                    if limit is not None and len(found) >= limit:
                        return found
    return found


def session_by_id(files: Files, op: Op, names: list[str], rid: str, hint: Raw) -> Session | None:
    """The stored session of that id (looked for first in the month ``hint`` was in)."""
    try:
        first = undo.record_month("session", rid, hint, "the undo history")
    except ValueError:
        first = None
    if first in names:
        names = [first] + [n for n in names if n != first]
    for name in names:
        doc = files.doc(op, name, validate=False)
        if doc is None or position(doc, "sessions", rid) is None:
            continue
        doc = files.doc(op, name)
        assert doc is not None and doc.sessions is not None
        return next(s for s in doc.sessions if s.id == rid)
    return None


def find(files: Files, prefix: str) -> Session | CheckIn | Rating:
    """The one record whose id starts with prefix (NotFoundError if none or several)."""
    prefix = prefix.strip().lower()
    if not prefix:
        raise UsageError("Give an id (or its first few characters, as 'alslog list' shows).")
    with files.reading() as op:
        hits: list[tuple[str, str, str]] = []  # (month, "sessions"/"checkins", id)
        for name in files.months(op):
            doc = files.doc(op, name, validate=False)
            if doc is None:
                continue
            for key in ("sessions", "checkins", "ratings"):
                hits.extend(
                    (name, key, r["id"]) for r in doc.raw[key] if r["id"].startswith(prefix)
                )
        if not hits:
            raise NotFoundError(
                f"no session, check-in or rating has an id starting with {prefix!r}"
            )
        exact = [h for h in hits if h[2] == prefix]
        if exact:  # an id typed in full wins over the longer ids it begins
            hits = exact
        if len(hits) > 1:
            ids = ", ".join(sorted(h[2] for h in hits)[:5])
            raise NotFoundError(
                f"{prefix!r} matches {len(hits)} records ({ids}); give more characters"
            )
        name, key, rid = hits[0]
        doc = files.doc(op, name)
        assert doc is not None and doc.sessions is not None and doc.checkins is not None
        assert doc.ratings is not None
        records: list[Session] | list[CheckIn] | list[Rating]
        if key == "sessions":
            records = doc.sessions
        elif key == "checkins":
            records = doc.checkins
        else:
            records = doc.ratings
        for record in records:
            if record.id == rid:
                return record
    raise NotFoundError(f"no session or check-in has the id {rid!r}")  # pragma: no cover
