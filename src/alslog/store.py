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

Nothing read is trusted before it is checked: every file is parsed within
``limits`` (size, depth, number size, text). Each journal write carries the
sha256 of its content and must parse as the file it replaces, or the whole
journal is refused and left in place; each undo entry is validated as the
records it restores, and the months it touches follow from those records'
dates, so no entry can name a file outside the logbook.

Before a month file is replaced, its previous content is copied into
``backup_dir`` as a generation (``YYYY-MM--<utc stamp>--<records>.json``): a
copy of the bytes, never a link, as a month may be a symlink into a synced
folder. Rotation keeps the newest few and always the one holding the most records.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from alslog import atomic, limits
from alslog.errors import (
    AlslogError,
    BusyError,
    NotFoundError,
    StoreCorruptError,
    StoreVersionError,
    UsageError,
    WriteError,
)
from alslog.models import CheckIn, Kind, Session
from alslog.words import kind_adjective

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
_Image = tuple[str, Raw]  # a record of an undo entry and the month (YYYY-MM) it lives in
Migration = Callable[[Raw], Raw]
# MIGRATIONS[n] turns a month document of schema n into schema n + 1. Applied in
# memory on read; on write the old file is backed up first and the migrated one
# is round-trip checked before it replaces it.
MIGRATIONS: dict[int, Migration] = {}

# What _loads scans for: an escape of a UTF-16 surrogate (valid UTF-8 holds none
# otherwise), a JSON string, an empty pair of brackets, and what is not a bracket.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_PAIR = re.compile(rb"\[\]|\{\}")
_NOT_BRACKET = bytes(sorted(set(range(256)) - set(b"[]{}")))
_MONTH_NAME = re.compile(r"\d{4}-\d{2}", re.ASCII)
_BACKUP_FILE = re.compile(r"^(\d{4}-\d{2})--(\d{8}T\d{12}Z(?:-\d+)?)--(\d+|bad)\.json\Z", re.ASCII)
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
class Period:
    """What one read of a stretch of days found: its sessions and check-ins, oldest first."""

    sessions: tuple[Session, ...]
    checkins: tuple[CheckIn, ...]


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


def _loads(data: bytes) -> Any:
    """Parse stored JSON strictly and within limits (depth, number size, text, file size).

    The outcome of ``limits.parse_json``, which walks every value of the tree
    (four times the cost of the parse on a month file, paid on every read).
    Here two scans at C speed prove the common case instead: no escape that
    can make a lone surrogate, and no nesting deeper than the limit. Anything
    they cannot prove goes to ``limits.parse_json``, which says what is wrong.
    ``UnicodeDecodeError`` and ``JSONDecodeError`` pass through; every other
    problem is a ``ValueError`` saying what is wrong.
    """
    if _SURROGATE_ESCAPE.search(data) or not _shallow(data):
        return limits.parse_json(data)
    limits.check_size(len(data))
    return json.loads(data.decode("utf-8"), **limits.JSON_HOOKS)


def _shallow(data: bytes, depth: int = limits.MAX_DEPTH) -> bool:
    """True when valid JSON ``data`` nests at most ``depth`` levels.

    With the strings taken out only brackets count; each pass removes the
    innermost (empty) pairs, so the tree is gone after as many passes as it is
    deep. (For invalid JSON the answer does not matter: the parse fails.)
    """
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKET)
    for _ in range(depth):
        if not brackets:
            return True
        brackets = _PAIR.sub(b"", brackets)
    return not brackets


def _parse(data: bytes) -> Any:
    """Like ``_loads``, with every failure a ``ValueError`` in plain words."""
    try:
        return _loads(data)
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (binary?) at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"is not valid JSON (truncated or damaged) at line {exc.lineno} column {exc.colno}"
        ) from None


def _read_bounded(path: Path) -> bytes:
    """A file's bytes; ValueError (before reading it) when it is larger than alslog reads."""
    with open(path, "rb") as handle:
        limits.check_size(os.fstat(handle.fileno()).st_size)
        return handle.read(limits.MAX_BYTES + 1)


def _month_name(name: object) -> bool:
    """True for a month name YYYY-MM (month 01-12): a bare file name inside the logbook."""
    if not isinstance(name, str) or not _MONTH_NAME.fullmatch(name):
        return False
    return 1 <= int(name[5:]) <= 12


def _is_month_file(entry: str) -> bool:
    return entry.endswith(".json") and _month_name(entry[:-5])


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
    raw = _parse(data)
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


# ---- the undo log ----------------------------------------------------------------
_KINDS = ("session", "checkin")


def _undo_structure(raw: Any) -> None:
    """Check the shape of the undo log, every entry; ValueError names the entry.

    The records an entry restores are validated in full (``_undo_record``) when
    it is undone: this cheap check runs on every write.
    """
    if not isinstance(raw, dict) or raw.get("format") != UNDO_FORMAT:
        raise ValueError("is not an alslog undo log")
    if raw.get("schema") != AUX_SCHEMA or isinstance(raw.get("schema"), bool):
        raise ValueError(f"has no valid schema number ({raw.get('schema')!r})")
    entries = raw.get("entries")
    if not isinstance(entries, list):
        raise ValueError("has no list of entries")
    for number, entry in enumerate(entries):
        where = f"entry #{number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("description", ""), str):
            raise ValueError(f"{where} is not an undo entry")
        images = entry.get("records", [])
        if not isinstance(images, list):
            raise ValueError(f"{where} has no list of records")
        for image in images:
            if not isinstance(image, dict) or image.get("kind") not in _KINDS:
                raise ValueError(f"{where} holds a record of no known kind")
            if not isinstance(image.get("id"), str):
                raise ValueError(f"{where} holds a record without an id")
            for side in ("before", "after"):
                if not (image.get(side) is None or isinstance(image.get(side), dict)):
                    raise ValueError(f"{where}: the {side} image is not a record")
        added = entry.get("added", [])
        if not isinstance(added, list):
            raise ValueError(f"{where} has no list of added records")
        for item in added:
            if (
                not isinstance(item, list)
                or len(item) != 3
                or item[0] not in _KINDS
                or not isinstance(item[1], str)
                or not _month_name(item[2])
            ):
                raise ValueError(f"{where} names an added record that is not [kind, id, YYYY-MM]")
        restore = entry.get("restore")
        if restore is not None and not (
            isinstance(restore, dict)
            and _month_name(restore.get("month"))
            and isinstance(restore.get("damaged"), bool)
            and isinstance(restore.get("order", {}), dict)
            and all(
                isinstance(ids, list) and all(isinstance(i, str) for i in ids)
                for ids in restore.get("order", {}).values()
            )
        ):
            raise ValueError(f"{where} describes a restore without its month")


def _undo_record(kind: str, rid: str, raw: Raw, where: str) -> str:
    """Validate one record an undo entry restores or removes; its month (YYYY-MM).

    The month comes from the validated date, never from the text of the entry, so
    a damaged entry can name no file outside the logbook.
    """
    model, known = (Session, _SESSION_FIELDS) if kind == "session" else (CheckIn, _CHECKIN_FIELDS)
    if raw.get("id") != rid:
        raise ValueError(f"{where}: the record's id is not {rid!r}")
    try:
        limits.check_tree(raw)
        item = _validated(model, raw, known)
    except ValidationError as exc:
        raise ValueError(f"{where} (id {rid!r}): {_first_error(exc)}") from None
    except ValueError as exc:
        raise ValueError(f"{where} (id {rid!r}): {exc}") from None
    return _month_of(item.day if isinstance(item, Session) else item.date)


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

    def period(self, start: date | None = None, end: date | None = None) -> Period:
        """Sessions and check-ins of [start, end] in one read (each month file parsed once)."""
        with self._reading() as op:
            sessions: list[Session] = []
            checkins: list[CheckIn] = []
            for name in self._months_in(op, start, end):
                doc = self._doc(op, name)
                if doc is None:
                    continue
                assert doc.sessions is not None and doc.checkins is not None
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
        return Period(tuple(sessions), tuple(checkins))

    def extra_fields(self, start: date | None = None, end: date | None = None) -> dict[str, Raw]:
        """Fields this version does not know, by record id, for records in [start, end].

        Only records that have any are listed; an export carries them so that
        nothing a newer alslog stored is lost on the way to another computer.
        """
        with self._reading() as op:
            found: dict[str, Raw] = {}
            for name in self._months_in(op, start, end):
                doc = self._doc(op, name)
                if doc is None:
                    continue
                for key, known in (("sessions", _SESSION_FIELDS), ("checkins", _CHECKIN_FIELDS)):
                    for record in doc.raw[key]:
                        extra = {k: v for k, v in record.items() if k not in known}
                        if extra:
                            found[record["id"]] = copy.deepcopy(extra)
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

    def logged_sessions(
        self, since: datetime | None = None, *, limit: int | None = None
    ) -> list[tuple[datetime, Session]]:
        """Sessions in the order they were stored (newest first), each with when it was.

        Read from the undo history (a session's time says when it happened, not
        when it was logged), so it reaches back over the last ``UNDO_KEEP``
        changes only, and a change undone is gone from it. Only adds count (one
        session or a routine's, never an import); a session removed since is
        left out, an edited one is given as it is now. ``since`` (aware) leaves
        out what was stored before it; ``limit`` stops after that many.
        """
        with self._reading() as op:
            found: list[tuple[datetime, Session]] = []
            seen: set[str] = set()
            if since is not None and UNDO_FILE not in op.overlay:
                # Nothing written since then, so no entry is newer: skip reading the
                # log, which can be large (up to UNDO_MAX_BYTES) after an import.
                try:
                    changed = (self.root / UNDO_FILE).stat().st_mtime
                except OSError:
                    changed = None  # missing, or not readable: _undo_log says which
                if changed is not None and changed < since.timestamp():
                    return found
            names = self._months(op)
            for entry in reversed(self._undo_log(op)["entries"]):
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
                    session = self._session_by_id(op, names, rid, image["after"])
                    if session is not None:
                        found.append((stored, session))
                        if limit is not None and len(found) >= limit:
                            return found
        return found

    def _session_by_id(self, op: _Op, names: list[str], rid: str, hint: Raw) -> Session | None:
        """The stored session of that id (looked for first in the month ``hint`` was in)."""
        try:
            first = _undo_record("session", rid, hint, "the undo history")
        except ValueError:
            first = None
        if first in names:
            names = [first] + [n for n in names if n != first]
        for name in names:
            doc = self._doc(op, name, validate=False)
            if doc is None or self._index(doc, "sessions", rid) is None:
                continue
            doc = self._doc(op, name)
            assert doc is not None and doc.sessions is not None
            return next(s for s in doc.sessions if s.id == rid)
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
            exact = [h for h in hits if h[2] == prefix]
            if exact:  # an id typed in full wins over the longer ids it begins
                hits = exact
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
        return self.add_sessions([session])

    def add_sessions(self, sessions: Sequence[Session]) -> Change:
        """Store new sessions (a routine's parts) all or nothing: one transaction, one undo."""
        if not sessions:
            raise UsageError("no session to store")
        with self._writing() as op:
            images: list[tuple[str, str, Raw | None, Raw | None]] = []
            texts: list[str] = []
            for session in sessions:
                doc = self._for_write(op, _month_of(session.day))
                if any(r["id"] == session.id for r in doc.raw_sessions) or any(
                    image[1] == session.id for image in images
                ):
                    raise AlslogError(f"a session with the id {session.id} is already stored")
                raw = _session_raw(session)
                doc.raw_sessions.append(raw)
                images.append(("session", session.id, None, raw))
                texts.append(_describe_session(raw))
            text = (
                f"Added {texts[0]}"
                if len(texts) == 1
                else f"Added {len(texts)} sessions: {'; '.join(texts)}"
            )
            self._commit(op, text, images)
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
        self,
        sessions: Iterable[Session],
        checkins: Iterable[CheckIn],
        extras: dict[str, Raw] | None = None,
    ) -> tuple[int, int]:
        """Add records whose id is not stored yet, all in one transaction: (added, skipped).

        ``extras`` holds, by id, fields this version does not know (from an
        export of a newer alslog): they are stored with the record, as read.
        """
        extras = extras or {}
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
                        known = _SESSION_FIELDS
                    else:
                        name, raw = _month_of(item.date), _checkin_raw(item)
                        known = _CHECKIN_FIELDS
                    extra = extras.get(item.id, {})
                    raw.update({k: v for k, v in extra.items() if k not in known})
                    self._for_write(op, name).raw[key].append(raw)
                    added.append([key[:-1], item.id, name])
            if added:
                text = f"Imported {len(added)} records"
                self._commit(op, text, [], added=added)
        return len(added), skipped

    def undo(self) -> Change:
        """Revert the last change; NotFoundError when there is nothing to undo.

        The entry is validated first, every record it restores as a record of
        its kind, and each month it touches follows from those records' dates:
        a damaged entry is refused (StoreCorruptError) and nothing is written.
        """
        with self._writing() as op:
            log = self._undo_log(op)
            entries: list[Raw] = log["entries"]
            if not entries:
                raise NotFoundError("nothing to undo")
            entry = entries.pop()
            path = self.root / UNDO_FILE
            try:
                images, added = self._checked_entry(entry, len(entries))
            except ValueError as exc:
                raise self._bad_undo(path, str(exc)) from None
            restore = entry.get("restore")
            if restore is not None and restore["damaged"]:
                raise AlslogError(
                    f"cannot undo the restore of {restore['month']}: the file it replaced was "
                    "damaged, so there is no earlier version to go back to (the damaged file "
                    "is kept among the backups, see 'alslog doctor --backups'); nothing was changed"
                )
            texts: list[str] = []
            for kind, rid, name in reversed(added):
                key = f"{kind}s"
                doc = self._for_write(op, name)
                index = self._index(doc, key, rid)
                if index is None:
                    raise AlslogError(f"cannot undo: record {rid} was changed since; nothing done")
                del doc.raw[key][index]
            if added:
                texts.append(f"Removed the {len(added)} imported records")
            for kind, rid, before, after in reversed(images):
                key = f"{kind}s"
                if after is not None:
                    doc = self._for_write(op, after[0])
                    index = self._index(doc, key, rid)
                    if index is None or doc.raw[key][index] != after[1]:
                        raise AlslogError(
                            f"cannot undo: {_describe(kind, after[1])} was changed since; "
                            "nothing done"
                        )
                    del doc.raw[key][index]
                if before is not None:
                    doc = self._for_write(op, before[0])
                    if self._index(doc, key, rid) is not None:
                        raise AlslogError(
                            f"cannot undo: record {rid} is stored again; nothing done"
                        )
                    doc.raw[key].append(before[1])
                if before is None and after is not None:
                    texts.append(f"Removed {_describe(kind, after[1])}")
                elif before is not None and after is None:
                    texts.append(f"Restored {_describe(kind, before[1])}")
                elif before is not None:
                    texts.append(f"Restored the earlier version of {_describe(kind, before[1])}")
            if len(texts) == 2 and texts[0].startswith("Removed the check-in"):
                # A replaced check-in: one day's check-in swapped back for the earlier one.
                texts = [texts[1].replace("Restored the", "Restored the earlier", 1)]
            if restore is not None:
                doc = self._for_write(op, restore["month"])
                for key, ids in restore.get("order", {}).items():
                    if key in ("sessions", "checkins"):
                        rank = {rid: n for n, rid in enumerate(ids)}
                        doc.raw[key].sort(key=lambda r: rank.get(r["id"], len(rank)))
                what = "; ".join(texts) if texts else "no record had changed"
                text = f"Took back the restore of {restore['month']} ({what})"
            else:
                text = "; ".join(texts) or f"Undid: {entry.get('description', 'a change')}"
            self._write_all(op, log)
        return Change(text)

    @staticmethod
    def _checked_entry(
        entry: Raw, number: int
    ) -> tuple[list[tuple[str, str, _Image | None, _Image | None]], list[tuple[str, str, str]]]:
        """An undo entry's images, each record validated and placed in its month."""
        where = f"entry #{number}"
        images: list[tuple[str, str, _Image | None, _Image | None]] = []
        for image in entry.get("records", []):
            kind, rid = image["kind"], image["id"]
            sides: list[_Image | None] = []
            for side in ("before", "after"):
                raw = image.get(side)
                sides.append(None if raw is None else (_undo_record(kind, rid, raw, where), raw))
            if sides[0] is None and sides[1] is None:
                raise ValueError(f"{where} holds a record with neither a before nor an after")
            images.append((kind, rid, sides[0], sides[1]))
        added = [(str(k), str(i), str(m)) for k, i, m in entry.get("added", [])]
        return images, added

    # ---- doctor: check, backups, restore -------------------------------------
    def check(self) -> CheckReport:
        """Validate every file of the store (months, journal, undo log); list the problems.

        A home that is not a folder, or a folder that cannot be read, is a problem
        too, never an empty logbook.
        """
        problems: list[Problem] = []
        checked = 0
        for folder in (self.root.parent, self.root, self.backup_dir):
            if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
                problems.append(Problem(folder, self._not_a_folder(folder).message))
        if problems:
            return CheckReport(0, tuple(problems))
        if not self.root.is_dir():
            return CheckReport(0)
        try:
            entries = sorted(os.listdir(self.root))
        except OSError as exc:
            why = atomic.why(exc)
            message = f"{self.root} cannot be read ({why}): give alslog access to it"
            return CheckReport(0, (Problem(self.root, message),))
        with self._reading(overlay=False) as op:
            for entry in entries:
                path = self.root / entry
                if entry.endswith(atomic.TEMP_SUFFIX):
                    problems.append(Problem(path, "a temp file left by an interrupted save"))
                    continue
                is_month = _is_month_file(entry)
                if not is_month and entry not in (UNDO_FILE, JOURNAL_FILE):
                    continue
                checked += 1
                try:
                    if is_month:
                        self._doc(op, entry[:-5])
                    elif entry == UNDO_FILE:
                        log = self._undo_log(op)
                        self._check_undo_records(log)
                    else:
                        self._journal()
                        problems.append(
                            Problem(path, "an unfinished change; the next write completes it")
                        )
                except (StoreCorruptError, StoreVersionError) as exc:
                    backup = self._newest_good_backup(entry[:-5]) if is_month else None
                    problems.append(Problem(path, exc.message, backup))
        return CheckReport(checked, tuple(problems))

    def _check_undo_records(self, log: Raw) -> None:
        """Validate every record of every undo entry (doctor only: too slow for each write)."""
        for number, entry in enumerate(log["entries"]):
            try:
                self._checked_entry(entry, number)
            except ValueError as exc:
                raise self._bad_undo(self.root / UNDO_FILE, str(exc)) from None

    def backups(self) -> list[BackupInfo]:
        """Every backup generation, newest first, each parsed and validated."""
        found: list[BackupInfo] = []
        try:
            entries = os.listdir(self.backup_dir)
        except OSError:  # none yet, or not a folder (which check() reports)
            entries = []
        if entries:
            for entry in entries:
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
        self._check_folders()
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
            damaged = current.count < 0
            # Record order too, so that undo puts back the very month it replaced.
            order = {key: [r["id"] for r in current.raw[key]] for key in ("sessions", "checkins")}
            current.raw = backup.raw
            op.docs[month] = op.dirty[month] = current
            text = f"Restored {month} from backup {name} ({backup.count} records)"
            # Undo takes the restore back record by record; over a damaged file it
            # cannot, and says so rather than pretend.
            self._commit(
                op, text, images, restore={"month": month, "damaged": damaged, "order": order}
            )
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
        if not self.root.is_dir():
            self._check_folders()
        else:
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

        self._check_folders()
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
            # Temp files of a save (or a backup copy) that was killed: under the lock
            # no other writer is saving, so they are leftovers.
            for folder in (self.root, self.backup_dir):
                for entry in os.listdir(folder):
                    if entry.startswith(".") and entry.endswith(atomic.TEMP_SUFFIX):
                        with contextlib.suppress(OSError):
                            os.unlink(folder / entry)
            yield _Op(overlay={}, writing=True)
        except OSError as exc:
            raise self._write_error(exc) from None
        finally:
            lock.release()

    def _check_folders(self) -> None:
        """StoreCorruptError when the data folder, logbook or backups is there but no folder."""
        for folder in (self.root.parent, self.root, self.backup_dir):
            if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
                raise self._not_a_folder(folder)

    def _not_a_folder(self, folder: Path | None = None) -> StoreCorruptError:
        folder = folder or self.root
        if folder == self.root.parent:
            what = "its data (ALSLOG_HOME, if set)"
            fix = "point ALSLOG_HOME at a folder, or move that file away"
        else:
            what = "the backups" if folder == self.backup_dir else "the logbook"
            fix = "move that file away (alslog never reads it)"
        return StoreCorruptError(
            f"{folder} is a file, not a folder: alslog keeps {what} in a folder there; "
            f"{fix}; nothing was changed"
        )

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
        except NotADirectoryError:
            raise self._not_a_folder() from None
        except OSError as exc:
            raise StoreCorruptError(
                f"{self.root} cannot be read ({atomic.why(exc)}): give alslog access to it"
            ) from None
        names = {e[:-5] for e in entries if _is_month_file(e)}
        names.update(e[:-5] for e in op.overlay if _is_month_file(e))
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
                    data = _read_bounded(path)
                except FileNotFoundError:
                    data = None
                except OSError as exc:
                    raise self._corrupt(name, path, f"cannot be read ({atomic.why(exc)})") from None
                except ValueError as exc:
                    raise self._corrupt(name, path, str(exc)) from None
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
        backup = self._newest_good_backup(name) if _is_month_file(f"{name}.json") else None
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
        """The pending journal's targets and their new content ({} if none).

        Nothing of a journal is trusted before all of it is checked: every write
        must name a month file or the undo log, match its checksum, and parse as
        the file it replaces. A journal that fails is refused and left in place.
        """
        path = self.root / JOURNAL_FILE
        try:
            data = _read_bounded(path)
        except FileNotFoundError:
            return {}
        except NotADirectoryError:
            raise self._not_a_folder() from None
        except OSError as exc:
            raise StoreCorruptError(
                f"{path} cannot be read ({atomic.why(exc)}); nothing was changed"
            ) from None
        except ValueError as exc:
            raise self._bad_journal(path, str(exc)) from None
        try:
            return self._journal_writes(path, data)
        except ValueError as exc:
            raise self._bad_journal(path, str(exc)) from None

    def _journal_writes(self, path: Path, data: bytes) -> dict[str, bytes]:
        raw = _parse(data)
        if not isinstance(raw, dict) or raw.get("format") != JOURNAL_FORMAT:
            raise ValueError("is not an alslog journal")
        schema = raw.get("schema")
        if isinstance(schema, int) and not isinstance(schema, bool) and schema > AUX_SCHEMA:
            raise StoreVersionError(f"{path}: written by a newer alslog; upgrade alslog")
        if schema != AUX_SCHEMA or isinstance(schema, bool):
            raise ValueError(f"has no valid schema number ({schema!r})")
        items = raw.get("writes")
        if not isinstance(items, list) or not items:
            raise ValueError("has no list of writes")
        writes: dict[str, bytes] = {}
        # alslog 0.1 wrote no checksums: such a journal (none in any write) is still
        # finished, each write checked as the file it replaces, so upgrading never
        # costs the change a crash interrupted.
        unsummed = all(isinstance(item, dict) and "sha256" not in item for item in items)
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise ValueError(f"write #{index} is not an object")
            target, content = item.get("file"), item.get("content")
            checksum = (
                _sha256(content.encode("utf-8"))
                if unsummed and isinstance(content, str)
                else item.get("sha256")
            )
            if not (target == UNDO_FILE or (isinstance(target, str) and _is_month_file(target))):
                raise ValueError(f"write #{index} names an unexpected file {target!r}")
            if target in writes:
                raise ValueError(f"write #{index} names {target} a second time")
            if not isinstance(content, str) or not isinstance(checksum, str):
                raise ValueError(f"write #{index} ({target}) has no content and checksum")
            body = content.encode("utf-8")
            if _sha256(body) != checksum:
                raise ValueError(f"write #{index} ({target}) does not match its checksum")
            try:
                if target == UNDO_FILE:
                    _undo_structure(_parse(body))
                else:
                    name = target[:-5]
                    month, schema_of = _structure(name, body)
                    if schema_of <= SCHEMA:
                        month = _migrate(month, schema_of, self.root / target)
                        doc = _Doc(name=name, path=self.root / target, raw=month, exists=True)
                        _validate_doc(doc)
            except ValueError as exc:
                raise ValueError(f"write #{index} is not a valid {target}: it {exc}") from None
            writes[target] = body
        return writes

    def _bad_journal(self, path: Path, what: str) -> StoreCorruptError:
        return StoreCorruptError(
            f"{path} is damaged ({what}); it was not replayed and no month file was changed. "
            f"It held a change that was interrupted: move it away (e.g. rename it to "
            f"{JOURNAL_FILE}.bad) to go on without that change"
        )

    def _undo_log(self, op: _Op) -> Raw:
        path = self.root / UNDO_FILE
        data = op.overlay.get(UNDO_FILE)
        if data is None:
            try:
                data = _read_bounded(path)
            except FileNotFoundError:
                return {"format": UNDO_FORMAT, "schema": AUX_SCHEMA, "entries": []}
            except OSError as exc:
                raise StoreCorruptError(
                    f"{path} cannot be read ({atomic.why(exc)}); nothing was changed"
                ) from None
            except ValueError as exc:
                raise self._bad_undo(path, str(exc)) from None
        try:
            raw = _parse(data)
            schema = raw.get("schema") if isinstance(raw, dict) else None
            if isinstance(schema, int) and not isinstance(schema, bool) and schema > AUX_SCHEMA:
                raise StoreVersionError(f"{path}: written by a newer alslog; upgrade alslog")
            _undo_structure(raw)
            # Every record an entry would restore is checked too: a change never
            # carries a damaged entry forward into a rewritten undo log.
            for number, entry in enumerate(raw["entries"]):
                self._checked_entry(entry, number)
        except ValueError as exc:
            raise self._bad_undo(path, str(exc)) from None
        value: Raw = raw
        return value

    @staticmethod
    def _bad_undo(path: Path, what: str) -> StoreCorruptError:
        return StoreCorruptError(
            f"{path} is damaged ({what}); nothing was changed. It only holds the undo "
            "history, not your records: move it away to go on"
        )

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
        restore: Raw | None = None,
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
        if restore is not None:
            entry["restore"] = restore
        # The log holds an entry two levels down: a record that only just fits in
        # its month would make the log itself unreadable. Refuse before writing.
        if not _shallow(_dumps(entry).encode("utf-8"), limits.MAX_DEPTH - 2):
            raise StoreCorruptError(
                f"{description}: a record holds a field nested too deep to keep in the undo "
                f"history ({limits.LIMITS_TEXT}); nothing was changed"
            )
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
            if json.loads(data) != doc.raw:  # round-trip check before anything is replaced
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
            "writes": [
                {"file": n, "content": d.decode("utf-8"), "sha256": _sha256(d)} for n, d in writes
            ],
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
            if _is_month_file(name):
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
        # A copy of the bytes, never a link: a month file may be a symlink into a
        # synced folder, and a link would follow whatever that file becomes.
        with open(target, "rb") as source:
            atomic.write_atomic(gen, source.read())
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
