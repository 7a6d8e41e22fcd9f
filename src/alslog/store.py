"""The logbook on disk: one JSON file per month, a lock, a journal, undo and backups.

Layout of ``root`` (``<data>/logbook``)::

    2024-11.json   {"format": "alslog", "schema": 1, "month": "2024-11",
                    "sessions": [...], "checkins": [...]}   one record per line
    undo.json      the last changes as record-level before/after images
    journal.json   only while a change spanning several files is being applied
    .lock          the cross-process lock (flock; released by the kernel on death)

A session lives in the month of its ``at`` (its local date as stored), a
check-in in the month of its ``date``. Reads open only the months they need and
validate (pydantic) only the records of the files they open; untouched records
are kept as the raw dicts read, so fields this version does not know survive.

Every write is one transaction under the lock: leftover journal completed,
months read and validated, new content built and round-trip checked, then
either one atomic replace, or (several files, which is the usual case since the
undo log changes too) a journal written atomically first, each target replaced,
the journal deleted. A kill at any point leaves the old state or a complete
journal, which readers read through and the next write completes.

Before a month file is replaced, its previous content is hard-linked into
``backup_dir`` as a generation (``YYYY-MM--<utc stamp>--<records>.json``);
rotation keeps the newest few and always the one holding the most records.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from alslog import atomic
from alslog.errors import (
    AlslogError,
    BusyError,
    NotFoundError,
    StoreCorruptError,
    StoreVersionError,
    UsageError,
    WriteError,
)
from alslog.models import CheckIn, Kind, Session, kind_adjective

_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case
ID_LENGTH = 12
SHORT_ID = 6  # how many characters of an id the list shows

FORMAT = "alslog"
SCHEMA = 1  # the newest month-file schema this code reads and writes
UNDO_FORMAT = "alslog-undo"
JOURNAL_FORMAT = "alslog-journal"
AUX_SCHEMA = 1  # schema of undo.json and journal.json
UNDO_FILE = "undo.json"
JOURNAL_FILE = "journal.json"
LOCK_FILE = ".lock"
UNDO_KEEP = 50  # changes that can be undone, newest first
UNDO_MAX_BYTES = 1 << 20  # older undo entries are dropped beyond this (big imports)
BACKUP_KEEP = 7  # newest generations kept per month (plus the fullest one)

Raw = dict[str, Any]
Migration = Callable[[Raw], Raw]
# MIGRATIONS[n] turns a month document of schema n into schema n + 1. Applied in
# memory on read; on write the old file is backed up first and the migrated one
# is round-trip checked before it replaces it.
MIGRATIONS: dict[int, Migration] = {}

_MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.json$")
_BACKUP_FILE = re.compile(r"^(\d{4}-\d{2})--(\d{8}T\d{12}Z(?:-\d+)?)--(\d+|bad)\.json$")
_SESSION_FIELDS = frozenset(Session.model_fields)
_CHECKIN_FIELDS = frozenset(CheckIn.model_fields)
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NUL = b"\x00"


def new_id() -> str:
    """A fresh random record id (60 bits, base32): unique, and short prefixes stay unique."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(ID_LENGTH))


@dataclass(frozen=True)
class Change:
    """What one write did, for messages and for undo: a short description."""

    description: str


@dataclass(frozen=True)
class Problem:
    """One damaged or suspicious file found by ``Store.check``."""

    file: Path
    message: str
    backup: Path | None = None  # the newest good backup of that file, if any


@dataclass(frozen=True)
class CheckReport:
    """What ``Store.check`` found: files looked at and their problems."""

    files_checked: int
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every file of the store is readable and valid."""
        return not self.problems


@dataclass(frozen=True)
class BackupInfo:
    """One backup generation of a month file."""

    name: str
    month: str
    time: datetime
    records: int | None  # None when it does not parse
    valid: bool
    path: Path


# ---- small helpers ------------------------------------------------------------
def _month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _day_text(day: date) -> str:
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def _describe_session(raw: Raw) -> str:
    kind = str(raw.get("kind", "?"))
    at = str(raw.get("at", ""))
    try:
        day_text = _day_text(date.fromisoformat(at[:10]))
    except ValueError:
        day_text = at[:10]
    return f"the {kind_adjective(kind)} session of {day_text}, {raw.get('minutes')} min"


def _describe_checkin(raw: Raw) -> str:
    try:
        return f"the check-in of {_day_text(date.fromisoformat(str(raw.get('date'))))}"
    except ValueError:
        return f"the check-in of {raw.get('date')}"


def _describe(kind: str, raw: Raw) -> str:
    return _describe_session(raw) if kind == "session" else _describe_checkin(raw)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"holds {name}, which is not a number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"holds the number {text}, too large to store")
    return value


def _loads(data: bytes) -> Any:
    """Parse stored JSON strictly: UTF-8 only, no NaN/Infinity, no overflowing floats."""
    return json.loads(
        data.decode("utf-8"), parse_constant=_reject_constant, parse_float=_finite_float
    )


def _dumps(value: Any) -> str:
    return json.dumps(value, allow_nan=False, ensure_ascii=False)


def _encode_doc(doc: Raw, lists: tuple[str, ...]) -> bytes:
    """One key per line, one record per line: readable by a person, fast to write."""
    parts = []
    for key, value in doc.items():
        if key in lists and isinstance(value, list):
            if value:
                inner = ",\n  ".join(_dumps(item) for item in value)
                text = f"[\n  {inner}\n ]"
            else:
                text = "[]"
        else:
            text = _dumps(value)
        parts.append(f" {_dumps(key)}: {text}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(part) for part in err["loc"]) or "record"
    return f"field {loc}: {err['msg']}".replace("\n", " ")


def _validated(model: type[BaseModel], raw: Raw, known: frozenset[str]) -> Any:
    """Validate the fields this version knows; unknown ones stay in the raw dict only."""
    return model.model_validate({k: v for k, v in raw.items() if k in known})


def _merge(old: Raw | None, new: Raw, known: frozenset[str]) -> Raw:
    """The new record, keeping fields of the old one that this version does not know."""
    if old is None:
        return new
    merged = {k: v for k, v in old.items() if k not in known}
    merged.update(new)
    return merged


def _session_raw(session: Session) -> Raw:
    return session.model_dump(mode="json")


def _checkin_raw(checkin: CheckIn) -> Raw:
    return checkin.model_dump(mode="json")


# ---- one month document -----------------------------------------------------------
@dataclass
class _Doc:
    """A month file as read: raw dicts (kept for writing) and, once validated, models."""

    name: str
    path: Path
    raw: Raw
    exists: bool
    schema: int = SCHEMA
    count: int = 0  # records in the file as read
    sessions: list[Session] | None = None  # validated models, parallel to raw["sessions"]
    checkins: list[CheckIn] | None = None

    @property
    def raw_sessions(self) -> list[Raw]:
        value: list[Raw] = self.raw["sessions"]
        return value

    @property
    def raw_checkins(self) -> list[Raw]:
        value: list[Raw] = self.raw["checkins"]
        return value


def _empty_doc(name: str, path: Path) -> _Doc:
    raw: Raw = {"format": FORMAT, "schema": SCHEMA, "month": name, "sessions": [], "checkins": []}
    return _Doc(name=name, path=path, raw=raw, exists=False, sessions=[], checkins=[])


def _structure(name: str, data: bytes) -> tuple[Raw, int]:
    """Parse a month file and check its shape; ValueError says what is wrong."""
    if not data:
        raise ValueError("is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        raise ValueError("starts with a byte-order mark (BOM); it was saved by another program")
    if NUL in data:
        raise ValueError(f"contains NUL bytes at offset {data.index(NUL)} (damaged)")
    try:
        raw = _loads(data)
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (binary?) at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"is not valid JSON (truncated or damaged) at line {exc.lineno} column {exc.colno}"
        ) from None
    if not isinstance(raw, dict):
        raise ValueError("does not hold a JSON object")
    if raw.get("format") != FORMAT:
        raise ValueError(f"is not an alslog month file (format {raw.get('format')!r})")
    schema = raw.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise ValueError(f"has no valid schema number ({schema!r})")
    if raw.get("month") != name:
        raise ValueError(f"says month {raw.get('month')!r} but is named {name}.json")
    for key in ("sessions", "checkins"):
        records = raw.get(key)
        if not isinstance(records, list):
            raise ValueError(f"has no {key!r} list")
        for index, record in enumerate(records):
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise ValueError(f"{key[:-1]} #{index}: not a record with an id")
    return raw, schema


def _migrate(raw: Raw, schema: int, path: Path) -> Raw:
    """Bring an older document up to SCHEMA in memory (the file is not touched)."""
    while schema < SCHEMA:
        step = MIGRATIONS.get(schema)
        if step is None:
            raise StoreVersionError(f"{path}: schema {schema} is too old for this alslog to read")
        raw = step(copy.deepcopy(raw))
        schema += 1
        raw["schema"] = schema
    return raw


def _validate_doc(doc: _Doc) -> None:
    """Validate every record of a month; ValueError names the record and field."""
    sessions: list[Session] = []
    checkins: list[CheckIn] = []
    seen: set[str] = set()
    for key, model, known, out in (
        ("sessions", Session, _SESSION_FIELDS, sessions),
        ("checkins", CheckIn, _CHECKIN_FIELDS, checkins),
    ):
        label = key[:-1]
        for index, record in enumerate(doc.raw[key]):
            rid = record["id"]
            try:
                item = _validated(model, record, known)
            except ValidationError as exc:
                raise ValueError(f"{label} #{index} (id {rid!r}): {_first_error(exc)}") from None
            day = item.day if isinstance(item, Session) else item.date
            if _month_of(day) != doc.name:
                raise ValueError(
                    f"{label} #{index} (id {rid!r}): dated {day}, outside month {doc.name}"
                )
            if rid in seen:
                raise ValueError(f"{label} #{index}: id {rid!r} appears twice")
            seen.add(rid)
            out.append(item)
    doc.sessions = sessions
    doc.checkins = checkins


# ---- the store ------------------------------------------------------------------
@dataclass
class _Op:
    """One public call: the journal overlay it reads through and the months it loaded."""

    overlay: dict[str, bytes]
    docs: dict[str, _Doc | None] = field(default_factory=dict)
    dirty: dict[str, _Doc] = field(default_factory=dict)
    writing: bool = False


class Store:
    """A logbook kept in a folder: one JSON file per month, plus lock, journal and undo log."""

    def __init__(self, root: Path, backup_dir: Path, *, lock_timeout: float = 10.0) -> None:
        self.root = root
        self.backup_dir = backup_dir
        self.lock_timeout = lock_timeout

    # ---- reads -------------------------------------------------------------
    def sessions(self, start: date | None = None, end: date | None = None) -> list[Session]:
        """Sessions whose day lies in [start, end] (inclusive; None = open), oldest first."""
        with self._reading() as op:
            found: list[Session] = []
            for name in self._months_in(op, start, end):
                doc = self._doc(op, name)
                if doc is None:
                    continue
                assert doc.sessions is not None
                found.extend(
                    s
                    for s in doc.sessions
                    if (start is None or s.day >= start) and (end is None or s.day <= end)
                )
        found.sort(key=lambda s: (s.at, s.id))
        return found

    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        """Check-ins dated in [start, end] (inclusive), oldest first."""
        with self._reading() as op:
            found: list[CheckIn] = []
            for name in self._months_in(op, start, end):
                doc = self._doc(op, name)
                if doc is None:
                    continue
                assert doc.checkins is not None
                found.extend(
                    c
                    for c in doc.checkins
                    if (start is None or c.date >= start) and (end is None or c.date <= end)
                )
        found.sort(key=lambda c: (c.date, c.id))
        return found

    def first_day(self) -> date | None:
        """The earliest day with a session or check-in; None for an empty logbook."""
        with self._reading() as op:
            for name in self._months(op):
                doc = self._doc(op, name)
                if doc is None or doc.sessions is None or doc.checkins is None:
                    continue
                days = [s.day for s in doc.sessions] + [c.date for c in doc.checkins]
                if days:
                    return min(days)
        return None

    def last_session(self, kind: Kind | None = None) -> Session | None:
        """The most recent session (of that kind, if given), by its time."""
        with self._reading() as op:
            names = self._months(op)
            for position in range(len(names) - 1, -1, -1):
                doc = self._doc(op, names[position])
                if doc is None or doc.sessions is None:
                    continue
                if not any(kind is None or s.kind == kind for s in doc.sessions):
                    continue
                # A session filed in the month before can be later in time (time zones).
                candidates = list(doc.sessions)
                if position > 0:
                    earlier = self._doc(op, names[position - 1])
                    if earlier is not None and earlier.sessions is not None:
                        candidates.extend(earlier.sessions)
                matching = [s for s in candidates if kind is None or s.kind == kind]
                return max(matching, key=lambda s: (s.at, s.id))
        return None

    def find(self, prefix: str) -> Session | CheckIn:
        """The one record whose id starts with prefix (NotFoundError if none or several)."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise UsageError("Give an id (or its first few characters, as 'alslog list' shows).")
        with self._reading() as op:
            hits: list[tuple[str, str, str]] = []  # (month, "sessions"/"checkins", id)
            for name in self._months(op):
                doc = self._doc(op, name, validate=False)
                if doc is None:
                    continue
                for key in ("sessions", "checkins"):
                    hits.extend(
                        (name, key, r["id"]) for r in doc.raw[key] if r["id"].startswith(prefix)
                    )
            if not hits:
                raise NotFoundError(f"no session or check-in has an id starting with {prefix!r}")
            if len(hits) > 1:
                ids = ", ".join(sorted(h[2] for h in hits)[:5])
                raise NotFoundError(
                    f"{prefix!r} matches {len(hits)} records ({ids}); give more characters"
                )
            name, key, rid = hits[0]
            doc = self._doc(op, name)
            assert doc is not None and doc.sessions is not None and doc.checkins is not None
            records: list[Session] | list[CheckIn] = (
                doc.sessions if key == "sessions" else doc.checkins
            )
            for record in records:
                if record.id == rid:
                    return record
        raise NotFoundError(f"no session or check-in has the id {rid!r}")  # pragma: no cover

    # ---- writes: each is one locked, durable transaction, undoable ----------
    def add_session(self, session: Session) -> Change:
        """Store a new session."""
        with self._writing() as op:
            doc = self._for_write(op, _month_of(session.day))
            if any(r["id"] == session.id for r in doc.raw_sessions):
                raise AlslogError(f"a session with the id {session.id} is already stored")
            raw = _session_raw(session)
            doc.raw_sessions.append(raw)
            text = f"Added {_describe_session(raw)}"
            self._commit(op, text, [("session", session.id, None, raw)])
        return Change(text)

    def put_checkin(self, checkin: CheckIn) -> Change:
        """Store the day's check-in, replacing an earlier one of the same date."""
        with self._writing() as op:
            doc = self._for_write(op, _month_of(checkin.date))
            day = checkin.date.isoformat()
            images: list[tuple[str, str, Raw | None, Raw | None]] = []
            kept: list[Raw] = []
            old_same_id: Raw | None = None
            for record in doc.raw_checkins:
                if record["id"] == checkin.id:
                    old_same_id = record
                if record["id"] == checkin.id or record.get("date") == day:
                    images.append(("checkin", record["id"], record, None))
                else:
                    kept.append(record)
            raw = _merge(old_same_id, _checkin_raw(checkin), _CHECKIN_FIELDS)
            kept.append(raw)
            doc.raw["checkins"] = kept
            verb = "Replaced" if images else "Added"
            for index, image in enumerate(images):
                if image[1] == checkin.id:  # same id: one image, before -> after
                    images[index] = ("checkin", checkin.id, image[2], raw)
                    break
            else:
                images.append(("checkin", checkin.id, None, raw))
            text = f"{verb} {_describe_checkin(raw)}"
            self._commit(op, text, images)
        return Change(text)

    def update_session(self, session: Session) -> Change:
        """Replace the stored session of the same id (its day may change)."""
        with self._writing() as op:
            target = _month_of(session.day)
            where = self._locate(op, session.id, "sessions", first=target)
            if where is None:
                raise NotFoundError(f"no session has the id {session.id!r}")
            old_doc, index = where
            old = old_doc.raw_sessions[index]
            new = _merge(old, _session_raw(session), _SESSION_FIELDS)
            if old_doc.name == target:
                old_doc.raw_sessions[index] = new
            else:
                del old_doc.raw_sessions[index]
                self._for_write(op, target).raw_sessions.append(new)
            text = f"Changed {_describe_session(new)}"
            self._commit(op, text, [("session", session.id, old, new)])
        return Change(text)

    def remove(self, record_id: str) -> Change:
        """Delete a session or check-in by its full id."""
        with self._writing() as op:
            for key, kind in (("sessions", "session"), ("checkins", "checkin")):
                where = self._locate(op, record_id, key)
                if where is not None:
                    doc, index = where
                    old = doc.raw[key].pop(index)
                    text = f"Removed {_describe(kind, old)}"
                    self._commit(op, text, [(kind, record_id, old, None)])
                    return Change(text)
        raise NotFoundError(f"no session or check-in has the id {record_id!r}")

    def import_records(
        self, sessions: Iterable[Session], checkins: Iterable[CheckIn]
    ) -> tuple[int, int]:
        """Add records whose id is not stored yet, all in one transaction: (added, skipped)."""
        with self._writing() as op:
            stored: set[str] = set()
            for name in self._months(op):
                doc = self._doc(op, name, validate=False)
                if doc is not None:
                    stored.update(r["id"] for r in doc.raw_sessions)
                    stored.update(r["id"] for r in doc.raw_checkins)
            added: list[list[str]] = []
            skipped = 0
            for key, items in (("sessions", sessions), ("checkins", checkins)):
                for item in items:
                    if item.id in stored:
                        skipped += 1
                        continue
                    stored.add(item.id)
                    if isinstance(item, Session):
                        name, raw = _month_of(item.day), _session_raw(item)
                    else:
                        name, raw = _month_of(item.date), _checkin_raw(item)
                    self._for_write(op, name).raw[key].append(raw)
                    added.append([key[:-1], item.id, name])
            if added:
                text = f"Imported {len(added)} records"
                self._commit(op, text, [], added=added)
        return len(added), skipped

    def undo(self) -> Change:
        """Revert the last change; NotFoundError when there is nothing to undo."""
        with self._writing() as op:
            log = self._undo_log(op)
            entries: list[Raw] = log["entries"]
            if not entries:
                raise NotFoundError("nothing to undo")
            entry = entries.pop()
            texts: list[str] = []
            for kind, rid, name in reversed(entry.get("added", [])):
                key = f"{kind}s"
                doc = self._for_write(op, name)
                index = self._index(doc, key, rid)
                if index is None:
                    raise AlslogError(f"cannot undo: record {rid} was changed since; nothing done")
                del doc.raw[key][index]
            if entry.get("added"):
                texts.append(f"Removed the {len(entry['added'])} imported records")
            for image in reversed(entry.get("records", [])):
                kind, rid = image["kind"], image["id"]
                before, after = image["before"], image["after"]
                key = f"{kind}s"
                if after is not None:
                    doc = self._for_write(op, self._month_key(kind, after))
                    index = self._index(doc, key, rid)
                    if index is None or doc.raw[key][index] != after:
                        raise AlslogError(
                            f"cannot undo: {_describe(kind, after)} was changed since; nothing done"
                        )
                    del doc.raw[key][index]
                if before is not None:
                    doc = self._for_write(op, self._month_key(kind, before))
                    if self._index(doc, key, rid) is not None:
                        raise AlslogError(
                            f"cannot undo: record {rid} is stored again; nothing done"
                        )
                    doc.raw[key].append(before)
                if before is None and after is not None:
                    texts.append(f"Removed {_describe(kind, after)}")
                elif before is not None and after is None:
                    texts.append(f"Restored {_describe(kind, before)}")
                elif before is not None:
                    texts.append(f"Restored the earlier version of {_describe(kind, before)}")
            if len(texts) == 2 and texts[0].startswith("Removed the check-in"):
                # A replaced check-in: one day's check-in swapped back for the earlier one.
                texts = [texts[1].replace("Restored the", "Restored the earlier", 1)]
            text = "; ".join(texts) or f"Undid: {entry.get('description', 'a change')}"
            self._write_all(op, log)
        return Change(text)

    # ---- doctor: check, backups, restore -------------------------------------
    def check(self) -> CheckReport:
        """Validate every file of the store (months, journal, undo log); list the problems."""
        problems: list[Problem] = []
        checked = 0
        if not self.root.is_dir():
            return CheckReport(0)
        with self._reading(overlay=False) as op:
            for entry in sorted(os.listdir(self.root)):
                path = self.root / entry
                if entry.endswith(atomic.TEMP_SUFFIX):
                    problems.append(Problem(path, "a temp file left by an interrupted save"))
                    continue
                match = _MONTH_FILE.match(entry)
                if match is None and entry not in (UNDO_FILE, JOURNAL_FILE):
                    continue
                checked += 1
                try:
                    if match is not None:
                        self._doc(op, entry[:-5])
                    elif entry == UNDO_FILE:
                        self._undo_log(op)
                    else:
                        self._journal()
                        problems.append(
                            Problem(path, "an unfinished change; the next write completes it")
                        )
                except (StoreCorruptError, StoreVersionError) as exc:
                    backup = self._newest_good_backup(entry[:-5]) if match else None
                    problems.append(Problem(path, exc.message, backup))
        return CheckReport(checked, tuple(problems))

    def backups(self) -> list[BackupInfo]:
        """Every backup generation, newest first, each parsed and validated."""
        found: list[BackupInfo] = []
        with contextlib.suppress(FileNotFoundError):
            for entry in os.listdir(self.backup_dir):
                match = _BACKUP_FILE.match(entry)
                if match is None:
                    continue
                path = self.backup_dir / entry
                stamp = match.group(2).split("-")[0]
                when = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
                try:
                    doc = self._parse_file(match.group(1), path, path.read_bytes(), validate=True)
                    count: int | None = doc.count
                    valid = True
                except (AlslogError, OSError):
                    count, valid = None, False
                found.append(BackupInfo(entry, match.group(1), when, count, valid, path))
        found.sort(key=lambda b: (b.time, b.name), reverse=True)
        return found

    def restore(self, name: str) -> Change:
        """Put a backup generation back as its month file (the current one is backed up first)."""
        match = _BACKUP_FILE.match(name)
        path = self.backup_dir / name
        if match is None or not path.is_file():
            raise NotFoundError(f"no backup named {name!r} in {self.backup_dir}")
        month = match.group(1)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StoreCorruptError(f"{path}: cannot be read ({atomic.why(exc)})") from None
        backup = self._parse_file(month, path, data, validate=True)
        if backup.schema > SCHEMA:
            raise StoreVersionError(f"{path}: written by a newer alslog; upgrade alslog")
        with self._writing() as op:
            images: list[tuple[str, str, Raw | None, Raw | None]] = []
            try:
                current = self._for_write(op, month)
            except StoreCorruptError:
                # The damaged file becomes a backup generation itself ("bad"), never lost.
                current = _empty_doc(month, self.root / f"{month}.json")
                current.exists = True
                current.count = -1
            else:
                for key, kind in (("sessions", "session"), ("checkins", "checkin")):
                    before = {r["id"]: r for r in current.raw[key]}
                    after = {r["id"]: r for r in backup.raw[key]}
                    for rid in before.keys() | after.keys():
                        if before.get(rid) != after.get(rid):
                            images.append((kind, rid, before.get(rid), after.get(rid)))
            current.raw = backup.raw
            op.docs[month] = op.dirty[month] = current
            text = f"Restored {month} from backup {name} ({backup.count} records)"
            self._commit(op, text, images)
        return Change(text)

    # ---- internals: locking and views -----------------------------------------
    def _lock(self) -> Any:
        from alslog import lock  # the lock config set shares

        return lock.file_lock(self.root)

    @contextlib.contextmanager
    def _reading(self, *, overlay: bool = True) -> Iterator[_Op]:
        """Hold the lock when possible; read through a leftover journal either way."""
        from filelock import Timeout

        lock = None
        if self.root.is_dir():
            lock = self._lock()
            try:
                lock.acquire(timeout=self.lock_timeout, poll_interval=0.02)
            except (OSError, Timeout):
                # Read-only folder (no lock file) or a stuck holder: reading through
                # the journal still gives a whole view.
                lock = None
        try:
            yield _Op(overlay=self._journal() if overlay else {})
        finally:
            if lock is not None:
                lock.release()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[_Op]:
        """The lock, a completed leftover journal, and OSErrors turned into WriteError."""
        from filelock import Timeout

        try:
            for folder in (self.root.parent, self.root, self.backup_dir):
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            lock = self._lock()
            lock.acquire(timeout=self.lock_timeout, poll_interval=0.02)
        except Timeout:
            raise BusyError(
                "the logbook is busy: another alslog is writing to it; try again in a moment"
            ) from None
        except OSError as exc:
            raise self._write_error(exc) from None
        try:
            pending = self._journal()
            if pending:
                self._apply(list(pending.items()), {}, replay=True)
                atomic.remove_durably(self.root / JOURNAL_FILE)
            for entry in os.listdir(self.root):
                if entry.startswith(".") and entry.endswith(atomic.TEMP_SUFFIX):
                    with contextlib.suppress(OSError):
                        os.unlink(self.root / entry)
            yield _Op(overlay={}, writing=True)
        except OSError as exc:
            raise self._write_error(exc) from None
        finally:
            lock.release()

    def _write_error(self, exc: OSError) -> WriteError:
        where = exc.filename or self.root
        pending = (self.root / JOURNAL_FILE).exists()
        after = (
            "; the change is saved in the journal and the next command completes it"
            if pending
            else "; nothing was changed"
        )
        return WriteError(f"cannot write the logbook at {where}: {atomic.why(exc)}{after}")

    def _months(self, op: _Op) -> list[str]:
        """Month names present (files and pending journal), oldest first."""
        try:
            entries = os.listdir(self.root)
        except FileNotFoundError:
            entries = []
        names = {e[:-5] for e in entries if _MONTH_FILE.match(e)}
        names.update(e[:-5] for e in op.overlay if _MONTH_FILE.match(e))
        return sorted(names)

    def _months_in(self, op: _Op, start: date | None, end: date | None) -> list[str]:
        low = _month_of(start) if start else ""
        high = _month_of(end) if end else "~"
        return [n for n in self._months(op) if low <= n <= high]

    def _doc(self, op: _Op, name: str, *, validate: bool = True) -> _Doc | None:
        """A month, parsed (and validated unless told not to); None if it does not exist."""
        if name in op.docs:
            doc = op.docs[name]
        else:
            path = self.root / f"{name}.json"
            data = op.overlay.get(f"{name}.json")
            if data is None:
                try:
                    data = path.read_bytes()
                except FileNotFoundError:
                    data = None
                except OSError as exc:
                    raise self._corrupt(name, path, f"cannot be read ({atomic.why(exc)})") from None
            doc = None if data is None else self._parse_file(name, path, data, validate=False)
            op.docs[name] = doc
        if doc is not None and validate and doc.sessions is None:
            try:
                _validate_doc(doc)
            except ValueError as exc:
                if doc.schema > SCHEMA:
                    raise StoreVersionError(
                        f"{doc.path}: written by a newer alslog (schema {doc.schema}) and not "
                        f"readable by this one ({exc}); upgrade alslog"
                    ) from None
                raise self._corrupt(name, doc.path, str(exc)) from None
        return doc

    def _parse_file(self, name: str, path: Path, data: bytes, *, validate: bool) -> _Doc:
        try:
            raw, schema = _structure(name, data)
        except ValueError as exc:
            raise self._corrupt(name, path, str(exc)) from None
        raw = _migrate(raw, schema, path) if schema < SCHEMA else raw
        count = len(raw["sessions"]) + len(raw["checkins"])
        doc = _Doc(name=name, path=path, raw=raw, exists=True, schema=schema, count=count)
        if validate:
            try:
                _validate_doc(doc)
            except ValueError as exc:
                raise self._corrupt(name, path, str(exc)) from None
        return doc

    def _corrupt(self, name: str, path: Path, what: str) -> StoreCorruptError:
        backup = self._newest_good_backup(name) if _MONTH_FILE.match(f"{name}.json") else None
        hint = (
            f"; newest good backup: {backup} ('alslog doctor --restore {backup.name}')"
            if backup
            else "; no backup of it was found"
        )
        return StoreCorruptError(f"{path} {what}; it was left untouched{hint}")

    def _newest_good_backup(self, month: str) -> Path | None:
        try:
            entries = os.listdir(self.backup_dir)
        except OSError:
            return None
        names = sorted(
            (e for e in entries if e.startswith(f"{month}--") and _BACKUP_FILE.match(e)),
            reverse=True,
        )
        for entry in names:
            path = self.backup_dir / entry
            try:
                self._parse_backup_quietly(month, path)
            except (ValueError, OSError):
                continue
            return path
        return None

    @staticmethod
    def _parse_backup_quietly(month: str, path: Path) -> None:
        raw, schema = _structure(month, path.read_bytes())
        if schema <= SCHEMA:
            doc = _Doc(name=month, path=path, raw=_migrate(raw, schema, path), exists=True)
            _validate_doc(doc)

    def _journal(self) -> dict[str, bytes]:
        """The pending journal's targets and their new content ({} if none)."""
        path = self.root / JOURNAL_FILE
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise StoreCorruptError(f"{path} cannot be read ({atomic.why(exc)})") from None
        try:
            raw = _loads(data)
            if raw.get("format") != JOURNAL_FORMAT:
                raise ValueError("not an alslog journal")
            if raw.get("schema") != AUX_SCHEMA:
                raise StoreVersionError(f"{path}: written by a newer alslog; upgrade alslog")
            writes = {w["file"]: w["content"].encode("utf-8") for w in raw["writes"]}
        except (ValueError, AttributeError, KeyError, TypeError):
            raise StoreCorruptError(
                f"{path} is damaged (an unfinished change); it was left untouched"
            ) from None
        for target in writes:
            if not (_MONTH_FILE.match(target) or target == UNDO_FILE):
                raise StoreCorruptError(f"{path} names an unexpected file {target!r}")
        return writes

    def _undo_log(self, op: _Op) -> Raw:
        path = self.root / UNDO_FILE
        data = op.overlay.get(UNDO_FILE)
        if data is None:
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                return {"format": UNDO_FORMAT, "schema": AUX_SCHEMA, "entries": []}
            except OSError as exc:
                raise StoreCorruptError(f"{path} cannot be read ({atomic.why(exc)})") from None
        try:
            raw = _loads(data)
            if not isinstance(raw, dict) or raw.get("format") != UNDO_FORMAT:
                raise ValueError
            if not isinstance(raw.get("entries"), list):
                raise ValueError
        except ValueError:
            raise StoreCorruptError(
                f"{path} is damaged; it only holds the undo history: move it away to go on"
            ) from None
        schema = raw.get("schema")
        if not isinstance(schema, int) or schema > AUX_SCHEMA:
            raise StoreVersionError(f"{path}: written by a newer alslog; upgrade alslog")
        return raw

    # ---- internals: the write path ----------------------------------------------
    def _for_write(self, op: _Op, name: str) -> _Doc:
        """A month to change: validated, not newer than this code, marked dirty."""
        if name in op.dirty:
            return op.dirty[name]
        doc = self._doc(op, name)
        if doc is None:
            doc = _empty_doc(name, self.root / f"{name}.json")
            op.docs[name] = doc
        elif doc.schema > SCHEMA:
            raise StoreVersionError(
                f"{doc.path}: written by a newer alslog (schema {doc.schema}; this one knows "
                f"{SCHEMA}); upgrade alslog to change it"
            )
        op.dirty[name] = doc
        return doc

    @staticmethod
    def _index(doc: _Doc, key: str, rid: str) -> int | None:
        for index, record in enumerate(doc.raw[key]):
            if record["id"] == rid:
                return index
        return None

    @staticmethod
    def _month_key(kind: str, raw: Raw) -> str:
        return str(raw["at"])[:7] if kind == "session" else str(raw["date"])[:7]

    def _locate(
        self, op: _Op, rid: str, key: str, *, first: str | None = None
    ) -> tuple[_Doc, int] | None:
        """Where a record is: its month's doc (made writable) and index; newest months first."""
        names = self._months(op)[::-1]
        if first is not None and first in names:
            names.remove(first)
            names.insert(0, first)
        for name in names:
            doc = self._doc(op, name, validate=False)
            if doc is not None and self._index(doc, key, rid) is not None:
                doc = self._for_write(op, name)
                index = self._index(doc, key, rid)
                assert index is not None
                return doc, index
        return None

    def _commit(
        self,
        op: _Op,
        description: str,
        images: list[tuple[str, str, Raw | None, Raw | None]],
        *,
        added: list[list[str]] | None = None,
    ) -> None:
        """Push the undo entry and write every changed file as one transaction."""
        log = self._undo_log(op)
        entry: Raw = {
            "description": description,
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "records": [
                {"kind": kind, "id": rid, "before": before, "after": after}
                for kind, rid, before, after in images
            ],
        }
        if added:
            entry["added"] = added
        entries: list[Raw] = [*log["entries"][-(UNDO_KEEP - 1) :], entry]
        sizes = [len(_dumps(e)) for e in entries]
        while len(entries) > 1 and sum(sizes) > UNDO_MAX_BYTES:
            entries.pop(0)
            sizes.pop(0)
        log["entries"] = entries
        self._write_all(op, log)

    def _write_all(self, op: _Op, log: Raw) -> None:
        writes: list[tuple[str, bytes]] = []
        counts: dict[str, int] = {}
        for name, doc in sorted(op.dirty.items()):
            doc.raw["schema"] = SCHEMA
            data = _encode_doc(doc.raw, ("sessions", "checkins"))
            if _loads(data) != doc.raw:  # round-trip check before anything is replaced
                raise WriteError(f"{doc.path}: the new content did not read back; nothing changed")
            writes.append((f"{name}.json", data))
            if doc.exists:
                counts[f"{name}.json"] = doc.count
        writes.append((UNDO_FILE, _encode_doc(log, ("entries",))))
        if len(writes) == 1:
            self._apply(writes, counts)
            return
        journal = {
            "format": JOURNAL_FORMAT,
            "schema": AUX_SCHEMA,
            "writes": [{"file": n, "content": d.decode("utf-8")} for n, d in writes],
        }
        atomic.write_atomic(self.root / JOURNAL_FILE, _encode_doc(journal, ("writes",)))
        atomic.crash_point("after-journal")
        self._apply(writes, counts)
        atomic.remove_durably(self.root / JOURNAL_FILE)

    def _apply(
        self, writes: list[tuple[str, bytes]], counts: dict[str, int], *, replay: bool = False
    ) -> None:
        for name, data in writes:
            target = self.root / name
            if replay:
                try:
                    if target.read_bytes() == data:
                        continue  # already applied before the interruption
                except FileNotFoundError:
                    pass
            if _MONTH_FILE.match(name):
                self._backup(name[:-5], target, counts.get(name))
            atomic.write_atomic(target, data)

    def _backup(self, month: str, target: Path, count: int | None) -> None:
        """Keep the content about to be replaced as a generation; then rotate."""
        if not target.exists():
            return
        if count is None:  # replaying a journal: the old content was not read yet
            try:
                raw, _ = _structure(month, target.read_bytes())
                count = len(raw["sessions"]) + len(raw["checkins"])
            except ValueError:
                count = -1
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        tag = "bad" if count < 0 else str(count)
        gen = self.backup_dir / f"{month}--{stamp}--{tag}.json"
        serial = 1
        while gen.exists():
            gen = self.backup_dir / f"{month}--{stamp}-{serial}--{tag}.json"
            serial += 1
        try:
            os.link(target, gen)  # O(1): the old inode lives on as the backup
        except OSError:
            with open(target, "rb") as source:
                atomic.write_atomic(gen, source.read())
        else:
            atomic.fsync_dir(self.backup_dir)
        self._rotate(month)

    def _rotate(self, month: str) -> None:
        """Keep the newest BACKUP_KEEP generations and, always, the one with most records."""
        gens: list[tuple[str, int]] = []
        for entry in os.listdir(self.backup_dir):
            match = _BACKUP_FILE.match(entry)
            if match is not None and match.group(1) == month:
                tag = match.group(3)
                gens.append((entry, -1 if tag == "bad" else int(tag)))
        if len(gens) <= BACKUP_KEEP:
            return
        gens.sort(key=lambda g: _BACKUP_FILE.match(g[0]).group(2))  # type: ignore[union-attr]
        keep = {g[0] for g in gens[-BACKUP_KEEP:]}
        fullest = max(gens, key=lambda g: (g[1], g[0]))
        keep.add(fullest[0])
        for entry, _ in gens:
            if entry not in keep:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.backup_dir / entry)
