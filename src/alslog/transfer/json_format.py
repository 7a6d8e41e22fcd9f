"""The JSON export: everything (sessions and check-ins) in the shape of ``alslog list --json``.

``{"version": 1, "sessions": [...], "checkins": [...]}`` (see
:func:`alslog.views.documents.logbook_doc`); fields this version does not know
are kept, so a round trip through export and import loses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from alslog import limits
from alslog.errors import DataError
from alslog.models import CheckIn, Rating, Session
from alslog.transfer.reading import Records, _check_unique, record
from alslog.views.documents import JSON_VERSION, logbook_doc

if TYPE_CHECKING:
    from alslog.transfer.exported import Exported

NAME = "json"


def to_json(
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn],
    extras: Mapping[str, Mapping[str, Any]] | None = None,
    ratings: Iterable[Rating] = (),
) -> str:
    """The JSON export: everything, oldest first, unknown fields included."""
    from alslog.escape import json_text

    doc = logbook_doc(sessions, checkins, extras, ratings)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    return json_text(text) + "\n"


def export(data: Exported) -> str:
    """The export of everything in ``data`` (JSON holds every kind of record)."""
    return to_json(data.sessions, data.checkins, data.extras, data.ratings)


def from_json(text: str) -> Records:
    """Records from a JSON export; DataError naming the first bad record."""
    try:
        data = limits.parse_json(text)
    except json.JSONDecodeError as error:
        raise DataError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except ValueError as error:  # too deep, too large, a huge number, a lone surrogate
        raise DataError(f"the file {error}.") from None
    if not isinstance(data, dict):
        raise DataError('not an alslog export: expected {"version": 1, "sessions": [...]}.')
    version = data.get("version")
    if version != JSON_VERSION:
        raise DataError(
            f"export version {version!r} is not one this alslog reads "
            f"(it reads version {JSON_VERSION})."
        )
    unknown = sorted(set(data) - {"version", "sessions", "checkins", "ratings"})
    if unknown:
        raise DataError(
            f"unknown top-level key '{unknown[0]}': expected sessions, checkins and ratings."
        )
    raw_sessions = data.get("sessions", [])
    raw_checkins = data.get("checkins", [])
    raw_ratings = data.get("ratings", [])
    for key, value in (
        ("sessions", raw_sessions),
        ("checkins", raw_checkins),
        ("ratings", raw_ratings),
    ):
        if not isinstance(value, list):
            raise DataError(f"{key}: must be a list of records.")
    extras: dict[str, dict[str, Any]] = {}
    sessions: list[Session] = [
        record(Session, raw, f"sessions[{n}]", extras) for n, raw in enumerate(raw_sessions)
    ]
    checkins: list[CheckIn] = [
        record(CheckIn, raw, f"checkins[{n}]", extras) for n, raw in enumerate(raw_checkins)
    ]
    ratings: list[Rating] = [
        record(Rating, raw, f"ratings[{n}]", extras) for n, raw in enumerate(raw_ratings)
    ]
    _check_unique(
        [(f"sessions[{n}]", s.id) for n, s in enumerate(sessions)]
        + [(f"checkins[{n}]", c.id) for n, c in enumerate(checkins)]
        + [(f"ratings[{n}]", r.id) for n, r in enumerate(ratings)]
    )
    days: dict[date, int] = {}
    for number, checkin in enumerate(checkins):
        if checkin.date in days:
            raise DataError(
                f"checkins[{number}]: a second check-in for {checkin.date} "
                f"(also checkins[{days[checkin.date]}]); keep one a day."
            )
        days[checkin.date] = number
    return Records(sessions, checkins, extras, ratings)
