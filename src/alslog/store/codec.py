"""Month files: bytes <-> documents, the strict parse, schema migration, validation.

A month file is ``{"format": "alslog", "schema": 1, "month": "2024-11",
"sessions": [...], "checkins": [...]}``, one record per line. Records stay the
raw dicts read, so fields this version does not know survive a rewrite; they
are validated (pydantic) only for the fields it knows.

Schema 2 adds ``"ratings": [...]`` (ALSFRS-R self-ratings). A month is written
as schema 2 only when it holds a rating (``schema_for``): an older alslog then
still reads its sessions and check-ins but refuses to change it ("upgrade
alslog") rather than rewrite it without knowing its ratings, and every month
without a rating stays schema 1, as an older alslog writes it. A schema-1 file
(no ``ratings``) loads with none.

``SCHEMA`` and ``MIGRATIONS`` are read through this module at call time (tests
patch them to try a migration).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from alslog import limits
from alslog.errors import StoreVersionError
from alslog.models import CheckIn, Rating, Session

FORMAT = "alslog"
SCHEMA = 2  # the newest month-file schema this code reads and writes
RATINGS_SCHEMA = 2  # the first schema with a "ratings" list
AUX_SCHEMA = 1  # schema of undo.json and journal.json
UNDO_FILE = "undo.json"
JOURNAL_FILE = "journal.json"

Raw = dict[str, Any]
Migration = Callable[[Raw], Raw]


# MIGRATIONS[n] turns a month of schema n into n + 1, in memory on read; on write the
# old file is backed up first and the migrated one round-trip checked before it replaces it.
def _add_ratings(raw: Raw) -> Raw:
    raw.setdefault("ratings", [])
    return raw


MIGRATIONS: dict[int, Migration] = {1: _add_ratings}
LISTS = ("sessions", "checkins", "ratings")  # the record lists of a month, one record a line

# What loads scans for: an escape of a UTF-16 surrogate (valid UTF-8 holds none
# otherwise), a JSON string, an empty pair of brackets, and what is not a bracket.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_PAIR = re.compile(rb"\[\]|\{\}")
_NOT_BRACKET = bytes(sorted(set(range(256)) - set(b"[]{}")))
_MONTH_NAME = re.compile(r"\d{4}-\d{2}", re.ASCII)
SESSION_FIELDS = frozenset(Session.model_fields)
CHECKIN_FIELDS = frozenset(CheckIn.model_fields)
RATING_FIELDS = frozenset(Rating.model_fields)
NUL = b"\x00"


def month_of(day: date) -> str:
    """The month file a day belongs in: 'YYYY-MM'."""
    return f"{day.year:04d}-{day.month:02d}"


def loads(data: bytes) -> Any:
    """Parse stored JSON strictly and within limits (depth, number size, text, file size).

    The outcome of ``limits.parse_json``, which walks every value of the tree
    (four times the cost of the parse on a month file, paid on every read).
    Here two scans at C speed prove the common case instead: no escape that
    can make a lone surrogate, and no nesting deeper than the limit. Anything
    they cannot prove goes to ``limits.parse_json``, which says what is wrong.
    ``UnicodeDecodeError`` and ``JSONDecodeError`` pass through; every other
    problem is a ``ValueError`` saying what is wrong.
    """
    if _SURROGATE_ESCAPE.search(data) or not shallow(data):
        return limits.parse_json(data)
    limits.check_size(len(data))
    return json.loads(data.decode("utf-8"), **limits.JSON_HOOKS)


def shallow(data: bytes, depth: int = limits.MAX_DEPTH) -> bool:
    """True when valid JSON ``data`` nests at most ``depth`` levels.

    With the strings taken out only brackets count; each pass removes the
    innermost (empty) pairs, so the tree is gone after as many passes as it is
    deep. (For invalid JSON the answer does not matter: the parse fails.)
    """
    # With no escape every quote opens or closes a string, so every other piece is
    # outside one: a split finds them three times as fast as the pattern.
    plain = b"\\" not in data
    outside = b"".join(data.split(b'"')[::2]) if plain else _STRING.sub(b"", data)
    brackets = outside.translate(None, _NOT_BRACKET)
    for _ in range(depth):
        if not brackets:
            return True
        brackets = _PAIR.sub(b"", brackets)
    return not brackets


def parse(data: bytes) -> Any:
    """Like ``loads``, with every failure a ``ValueError`` in plain words."""
    try:
        return loads(data)
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (binary?) at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"is not valid JSON (truncated or damaged) at line {exc.lineno} column {exc.colno}"
        ) from None


def without_ratings(name: str, data: bytes) -> bool:
    """True when ``data`` is plainly a month as alslog writes one without ratings.

    Schema 1 (a month holding a rating is schema 2), from its usual first lines to
    its closing brace, no NUL byte, no "ratings" anywhere. Anything else (empty, cut
    short, zeroed, garbage, newer, reshaped by hand) is False: parsed and checked.
    """
    head = f'{{\n "format": {dumps(FORMAT)},\n "schema": 1,\n "month": "{name}",\n'.encode()
    return (
        data.startswith(head)
        and data.endswith(b"\n}\n")
        and b"\0" not in data
        and b'"ratings"' not in data
    )


def read_bounded(path: Path) -> bytes:
    """A file's bytes; ValueError (before reading it) when it is larger than alslog reads."""
    with open(path, "rb") as handle:
        limits.check_size(os.fstat(handle.fileno()).st_size)
        return handle.read(limits.MAX_BYTES + 1)


def month_name(name: object) -> bool:
    """True for a month name YYYY-MM (month 01-12): a bare file name inside the logbook."""
    if not isinstance(name, str) or not _MONTH_NAME.fullmatch(name):
        return False
    return 1 <= int(name[5:]) <= 12


def is_month_file(entry: str) -> bool:
    return entry.endswith(".json") and month_name(entry[:-5])


def sha256(data: bytes) -> str:
    import hashlib  # only the journal sums what it writes

    return hashlib.sha256(data).hexdigest()


def dumps(value: Any) -> str:
    return json.dumps(value, allow_nan=False, ensure_ascii=False)


def encode_doc(doc: Raw, lists: tuple[str, ...]) -> bytes:
    """One key per line, one record per line: readable by a person, fast to write."""
    parts = []
    for key, value in doc.items():
        if key in lists and isinstance(value, list):
            if value:
                inner = ",\n  ".join(dumps(item) for item in value)
                text = f"[\n  {inner}\n ]"
            else:
                text = "[]"
        else:
            text = dumps(value)
        parts.append(f" {dumps(key)}: {text}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(part) for part in err["loc"]) or "record"
    return f"field {loc}: {err['msg']}".replace("\n", " ")


def validated(model: type[BaseModel], raw: Raw, known: frozenset[str]) -> Any:
    """Validate the fields this version knows; unknown ones stay in the raw dict only."""
    return model.model_validate({k: v for k, v in raw.items() if k in known})


def merge(old: Raw | None, new: Raw, known: frozenset[str]) -> Raw:
    """The new record, keeping fields of the old one that this version does not know."""
    if old is None:
        return new
    merged = {k: v for k, v in old.items() if k not in known}
    merged.update(new)
    return merged


def session_raw(session: Session) -> Raw:
    return session.model_dump(mode="json")


def checkin_raw(checkin: CheckIn) -> Raw:
    return checkin.model_dump(mode="json")


def rating_raw(rating: Rating) -> Raw:
    return rating.model_dump(mode="json")


def schema_for(raw: Raw) -> int:
    """The schema a month is written as: the newest when it holds ratings, else the one before.

    A month without ratings is then byte for byte what an older alslog writes,
    so it stays writable by one; a month with ratings is refused by it.
    """
    if raw.get("ratings") or SCHEMA > RATINGS_SCHEMA:
        return SCHEMA
    return RATINGS_SCHEMA - 1


def record_count(raw: Raw) -> int:
    """The records of a month document (its lists that are there)."""
    return sum(len(raw[key]) for key in LISTS if isinstance(raw.get(key), list))


# ---- one month document -----------------------------------------------------------
class Doc:
    """A month file as read: raw dicts (kept for writing) and, once validated, models.

    ``sessions``, ``checkins`` and ``ratings``: the validated models, parallel to the
    raw lists (None until validated); ``count``: the records in the file as read.
    """

    def __init__(
        self,
        *,
        name: str,
        path: Path,
        raw: Raw,
        exists: bool,
        schema: int = SCHEMA,
        count: int = 0,
        sessions: list[Session] | None = None,
        checkins: list[CheckIn] | None = None,
        ratings: list[Rating] | None = None,
    ) -> None:
        self.name = name
        self.path = path
        self.raw = raw
        self.exists = exists
        self.schema = schema
        self.count = count
        self.sessions = sessions
        self.checkins = checkins
        self.ratings = ratings

    @property
    def raw_sessions(self) -> list[Raw]:
        value: list[Raw] = self.raw["sessions"]
        return value

    @property
    def raw_checkins(self) -> list[Raw]:
        value: list[Raw] = self.raw["checkins"]
        return value

    @property
    def raw_ratings(self) -> list[Raw]:
        value: list[Raw] = self.raw["ratings"]
        return value


def empty_doc(name: str, path: Path) -> Doc:
    raw: Raw = {
        "format": FORMAT,
        "schema": SCHEMA,
        "month": name,
        "sessions": [],
        "checkins": [],
        "ratings": [],
    }
    return Doc(name=name, path=path, raw=raw, exists=False, sessions=[], checkins=[], ratings=[])


def structure(name: str, data: bytes) -> tuple[Raw, int]:
    """Parse a month file and check its shape; ValueError says what is wrong."""
    if not data:
        raise ValueError("is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        raise ValueError("starts with a byte-order mark (BOM); it was saved by another program")
    if NUL in data:
        raise ValueError(f"contains NUL bytes at offset {data.index(NUL)} (damaged)")
    raw = parse(data)
    if not isinstance(raw, dict):
        raise ValueError("does not hold a JSON object")
    if raw.get("format") != FORMAT:
        raise ValueError(f"is not an alslog month file (format {raw.get('format')!r})")
    schema = raw.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise ValueError(f"has no valid schema number ({schema!r})")
    if raw.get("month") != name:
        raise ValueError(f"says month {raw.get('month')!r} but is named {name}.json")
    for key in LISTS:
        records = raw.get(key)
        if key == "ratings" and records is None and not RATINGS_SCHEMA <= schema <= SCHEMA:
            # An older month has none (the migration adds the list); a newer one is
            # read for what this version knows, and never written by it.
            continue
        if not isinstance(records, list):
            raise ValueError(f"has no {key!r} list")
        for index, record in enumerate(records):
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise ValueError(f"{key[:-1]} #{index}: not a record with an id")
    return raw, schema


def migrate(raw: Raw, schema: int, path: Path) -> Raw:
    """Bring an older document up to SCHEMA in memory (the file is not touched).

    The steps change ``raw`` in place: it is the caller's own, freshly parsed.
    """
    while schema < SCHEMA:
        step = MIGRATIONS.get(schema)
        if step is None:
            raise StoreVersionError(f"{path}: schema {schema} is too old for this alslog to read")
        raw = step(raw)
        schema += 1
        raw["schema"] = schema
    return raw


_SECTIONS: tuple[tuple[str, type[BaseModel], frozenset[str]], ...] = (
    ("sessions", Session, SESSION_FIELDS),
    ("checkins", CheckIn, CHECKIN_FIELDS),
    ("ratings", Rating, RATING_FIELDS),
)


def _validate_section(
    doc: Doc, key: str, model: type[BaseModel], known: frozenset[str], seen: set[str]
) -> list[Any]:
    """The records of one list of a month, validated; ValueError names record and field."""
    out: list[Any] = []
    label = key[:-1]
    for index, record in enumerate(doc.raw.get(key, ())):  # a newer month may lack one
        rid = record["id"]
        try:
            item = validated(model, record, known)
        except ValidationError as exc:
            raise ValueError(f"{label} #{index} (id {rid!r}): {first_error(exc)}") from None
        day = item.day if isinstance(item, Session) else item.date
        if month_of(day) != doc.name:
            where = f"dated {day}, outside month {doc.name}"
            raise ValueError(f"{label} #{index} (id {rid!r}): {where}")
        if rid in seen:
            raise ValueError(f"{label} #{index}: id {rid!r} appears twice")
        seen.add(rid)
        out.append(item)
    return out


def validate_doc(doc: Doc) -> None:
    """Validate every record of a month; ValueError names the record and field."""
    seen: set[str] = set()
    doc.sessions, doc.checkins, doc.ratings = (
        _validate_section(doc, key, model, known, seen) for key, model, known in _SECTIONS
    )


def validate_ratings(doc: Doc) -> list[Rating]:
    """Only the ratings of a month, validated (for a read that needs no other record:
    most months hold none, and their sessions then cost nothing to check)."""
    _, model, known = _SECTIONS[2]
    ratings: list[Rating] = _validate_section(doc, "ratings", model, known, set())
    return ratings


def read_doc(name: str, path: Path, data: bytes) -> Doc:
    """A month file's document, migrated in memory, not yet validated.

    ValueError says what is wrong with its shape; StoreVersionError when its
    schema is too old to migrate.
    """
    raw, schema = structure(name, data)
    raw = migrate(raw, schema, path) if schema < SCHEMA else raw
    raw.setdefault("ratings", [])  # a newer schema without them: none this code knows
    count = record_count(raw)
    return Doc(name=name, path=path, raw=raw, exists=True, schema=schema, count=count)


def check_month(name: str, path: Path, data: bytes) -> None:
    """ValueError unless ``data`` is a valid month file (one newer than this code passes)."""
    raw, schema = structure(name, data)
    if schema <= SCHEMA:
        doc = Doc(name=name, path=path, raw=migrate(raw, schema, path), exists=True)
        validate_doc(doc)
