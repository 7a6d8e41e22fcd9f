"""The undo log (``undo.json``): its shape, every entry checked, new entries pushed.

Each entry holds record-level before/after images. Nothing of it is trusted:
each record an entry restores is validated as a record of its kind, and the
month it touches follows from that record's date, never from the entry's text,
so no entry can name a file outside the logbook.

A log that holds a rating's change is written as schema 2 (``schema_for``):
an older alslog, which knows no ratings, then says to upgrade instead of
calling the log damaged. Without one it stays schema 1.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

import alslog.store.codec as codec
from alslog import limits
from alslog.errors import StoreCorruptError, StoreVersionError
from alslog.models import CheckIn, Rating, Session
from alslog.store.codec import CHECKIN_FIELDS, RATING_FIELDS, SESSION_FIELDS, Raw

UNDO_FORMAT = "alslog-undo"
UNDO_KEEP = 50  # changes that can be undone, newest first
UNDO_MAX_BYTES = 1 << 20  # older undo entries are dropped beyond this (big imports)
KINDS = ("session", "checkin", "rating")
UNDO_SCHEMA = 2  # the newest undo-log schema: 2 once it holds a rating's change
MODELS: dict[str, tuple[type[Session] | type[CheckIn] | type[Rating], frozenset[str]]] = {
    "session": (Session, SESSION_FIELDS),
    "checkin": (CheckIn, CHECKIN_FIELDS),
    "rating": (Rating, RATING_FIELDS),
}
Image = tuple[str, Raw]  # a record of an undo entry and the month (YYYY-MM) it lives in
# (kind, id, before, after) of one record a change touched, as stored
Touched = tuple[str, str, Raw | None, Raw | None]
Checked = tuple[list[tuple[str, str, Image | None, Image | None]], list[tuple[str, str, str]]]


def empty() -> Raw:
    """An undo log with no entries (no file yet)."""
    return {"format": UNDO_FORMAT, "schema": codec.AUX_SCHEMA, "entries": []}


def check_structure(raw: Any) -> None:
    """Check the shape of the undo log, every entry; ValueError names the entry.

    The records an entry restores are validated in full (``record_month``) when
    it is undone: this cheap check runs on every write.
    """
    if not isinstance(raw, dict) or raw.get("format") != UNDO_FORMAT:
        raise ValueError("is not an alslog undo log")
    if raw.get("schema") not in (codec.AUX_SCHEMA, UNDO_SCHEMA) or isinstance(
        raw.get("schema"), bool
    ):
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
            if not isinstance(image, dict) or image.get("kind") not in KINDS:
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
                or item[0] not in KINDS
                or not isinstance(item[1], str)
                or not codec.month_name(item[2])
            ):
                raise ValueError(f"{where} names an added record that is not [kind, id, YYYY-MM]")
        restore = entry.get("restore")
        if restore is not None and not (
            isinstance(restore, dict)
            and codec.month_name(restore.get("month"))
            and isinstance(restore.get("damaged"), bool)
            and isinstance(restore.get("order", {}), dict)
            and all(
                isinstance(ids, list) and all(isinstance(i, str) for i in ids)
                for ids in restore.get("order", {}).values()
            )
        ):
            raise ValueError(f"{where} describes a restore without its month")


def record_month(kind: str, rid: str, raw: Raw, where: str) -> str:
    """Validate one record an undo entry restores or removes; its month (YYYY-MM).

    The month comes from the validated date, never from the text of the entry, so
    a damaged entry can name no file outside the logbook. ``raw`` is part of an
    undo log parsed by ``codec.parse``, which already kept the whole file within
    the limits (depth, text, numbers): only the record itself is checked here.
    """
    model, known = MODELS[kind]
    if raw.get("id") != rid:
        raise ValueError(f"{where}: the record's id is not {rid!r}")
    try:
        item = codec.validated(model, raw, known)
    except ValidationError as exc:
        raise ValueError(f"{where} (id {rid!r}): {codec.first_error(exc)}") from None
    except ValueError as exc:
        raise ValueError(f"{where} (id {rid!r}): {exc}") from None
    return codec.month_of(item.day if isinstance(item, Session) else item.date)


def checked_entry(entry: Raw, number: int) -> Checked:
    """An undo entry's images, each record validated and placed in its month."""
    where = f"entry #{number}"
    images: list[tuple[str, str, Image | None, Image | None]] = []
    for image in entry.get("records", []):
        kind, rid = image["kind"], image["id"]
        sides: list[Image | None] = []
        for side in ("before", "after"):
            raw = image.get(side)
            sides.append(None if raw is None else (record_month(kind, rid, raw, where), raw))
        if sides[0] is None and sides[1] is None:
            raise ValueError(f"{where} holds a record with neither a before nor an after")
        images.append((kind, rid, sides[0], sides[1]))
    added = [(str(k), str(i), str(m)) for k, i, m in entry.get("added", [])]
    return images, added


def read(path: Path, data: bytes) -> Raw:
    """The undo log in ``data``, every entry checked; ValueError says what is wrong."""
    raw = codec.parse(data)
    schema = raw.get("schema") if isinstance(raw, dict) else None
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > UNDO_SCHEMA:
        raise StoreVersionError(f"{path}: written by a newer alslog; upgrade alslog")
    check_structure(raw)
    # Every record an entry would restore is checked too: a change never
    # carries a damaged entry forward into a rewritten undo log.
    for number, entry in enumerate(raw["entries"]):
        checked_entry(entry, number)
    value: Raw = raw
    return value


def schema_for(log: Raw) -> int:
    """2 when an entry of the log touches a rating (an older alslog knows none), else 1."""
    for entry in log["entries"]:
        if any(i.get("kind") == "rating" for i in entry.get("records", [])) or any(
            a[0] == "rating" for a in entry.get("added", [])
        ):
            return UNDO_SCHEMA
    return codec.AUX_SCHEMA


def damaged(path: Path, what: str) -> StoreCorruptError:
    """The error for an undo log that does not read; it holds no records of the user's."""
    return StoreCorruptError(
        f"{path} is damaged ({what}); nothing was changed. It only holds the undo "
        "history, not your records: move it away to go on"
    )


def push(
    log: Raw,
    description: str,
    images: list[Touched],
    when: datetime,
    *,
    added: list[list[str]] | None = None,
    restore: Raw | None = None,
) -> None:
    """Add the entry of one change to ``log`` (stamped ``when``), dropping the oldest.

    StoreCorruptError, before anything is written, when a record is nested too
    deep to be kept two levels down in the log.
    """
    entry: Raw = {
        "description": description,
        "time": when.astimezone(UTC).isoformat(timespec="seconds"),
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
    if not codec.shallow(codec.dumps(entry).encode("utf-8"), limits.MAX_DEPTH - 2):
        raise StoreCorruptError(
            f"{description}: a record holds a field nested too deep to keep in the undo "
            f"history ({limits.LIMITS_TEXT}); nothing was changed"
        )
    entries: list[Raw] = [*log["entries"][-(UNDO_KEEP - 1) :], entry]
    sizes = [len(codec.dumps(e)) for e in entries]
    while len(entries) > 1 and sum(sizes) > UNDO_MAX_BYTES:
        entries.pop(0)
        sizes.pop(0)
    log["entries"] = entries
