"""Reading an export file back: the records it holds, each validated before anything is stored.

The formats' own readers (``json_format.from_json``, ``csv_format.from_csv``)
use these: the first bad record is named (``row 12: minutes: ...`` for CSV,
rows numbered as in a spreadsheet; ``sessions[11]: minutes: ...`` for JSON,
counted from 0), and no record may lie after today.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from alslog.errors import DataError
from alslog.models import CheckIn, Rating, Session


@dataclass(frozen=True)
class Records:
    """What an import file holds, validated."""

    sessions: list[Session]
    checkins: list[CheckIn]
    # Fields this version does not know, by record id: kept, and stored on import.
    extras: dict[str, dict[str, Any]] = field(default_factory=dict)
    ratings: list[Rating] = field(default_factory=list)


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = ".".join(str(p) for p in first["loc"])
    msg = str(first["msg"])
    if first["type"] == "extra_forbidden":
        msg = "not a field alslog knows"
    return f"{loc}: {msg}" if loc else msg


def _check_unique(ids: Iterable[tuple[str, str]]) -> None:
    seen: dict[str, str] = {}
    for where, record_id in ids:
        if record_id in seen:
            raise DataError(f"{where}: id {record_id} appears twice (also at {seen[record_id]}).")
        seen[record_id] = where


def record(model: Any, raw: Any, where: str, extras: dict[str, dict[str, Any]]) -> Any:
    """One record of a JSON import, validated on the fields this version knows.

    Fields it does not know (written by a newer alslog) are kept in ``extras``,
    to be stored with the record, as the logbook keeps them.
    """
    if not isinstance(raw, dict):
        raise DataError(f"{where}: not a record (expected an object with an id).")
    known = model.model_fields
    try:
        record = model.model_validate({k: v for k, v in raw.items() if k in known})
    except ValidationError as error:
        raise DataError(f"{where}: {_first_error(error)}.") from None
    extra = {k: v for k, v in raw.items() if k not in known}
    if extra:
        extras[record.id] = extra
    return record


def check_dates(records: Records, fmt: str, *, today: date) -> Records:
    """The records, if none lies after ``today`` (else DataError naming the first)."""
    for number, session in enumerate(records.sessions):
        if session.day > today:
            where = f"sessions[{number}]" if fmt == "json" else f"row {number + 2}"
            raise DataError(f"{where}: at: {session.day.isoformat()} is in the future.")
    for number, checkin in enumerate(records.checkins):
        if checkin.date > today:
            raise DataError(
                f"checkins[{number}]: date: {checkin.date.isoformat()} is in the future."
            )
    for number, rated in enumerate(records.ratings):
        if rated.date > today:
            where = f"ratings[{number}]" if fmt == "json" else f"row {number + 2}"
            raise DataError(f"{where}: date: {rated.date.isoformat()} is in the future.")
    return records
