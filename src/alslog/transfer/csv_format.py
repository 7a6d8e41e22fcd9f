"""The CSV export, for spreadsheets, and reading sessions back from one.

One row a session (or, with ``--what``, a check-in, a rating or a finding), a
header row, ISO dates, booleans as yes/no, symptoms (and a finding's session
ids) joined with "; ". Sessions and ratings are imported (``rating_csv``).
Text cells that a spreadsheet would run as a formula (starting with = + - @,
tab or carriage return) get a leading apostrophe, which import takes off again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

import alslog.transfer.rating_csv as rating_csv
from alslog import limits
from alslog.errors import DataError
from alslog.models import CheckIn, Finding, Rating, Session
from alslog.transfer.reading import Records, _check_unique, _first_error

if TYPE_CHECKING:
    from alslog.transfer.exported import Exported

NAME = "csv"

CSV_COLUMNS = (
    "id",
    "date",
    "at",
    "kind",
    "minutes",
    "activity",
    "rpe",
    "tired",
    "kept_going",
    "talk",
    "assisted",
    "symptoms",
    "note",
)
REQUIRED_COLUMNS = ("id", "at", "kind", "minutes")
CHECKIN_COLUMNS = ("id", "date", "aching", "where", "level", "fatigue", "symptoms", "note")
FINDING_COLUMNS = ("date", "rule", "severity", "message", "source", "sessions")
# What a CSV export holds: one row of one of these each.
SYMPTOM_SEP = "; "

# Cells a spreadsheet may take for a formula: escaped with one apostrophe.
_RISKY = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")


def escape_cell(text: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula."""
    return "'" + text if _RISKY.match(text) else text


def unescape_cell(text: str) -> str:
    """Undo ``escape_cell`` (exactly: the two are inverse on every string)."""
    return text[1:] if _ESCAPED.match(text) else text


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def csv_row(session: Session) -> list[str]:
    """One session as CSV cells, in the order of ``CSV_COLUMNS``."""
    return [
        session.id,
        session.day.isoformat(),
        session.at.isoformat(),
        session.kind,
        str(session.minutes),
        escape_cell(session.activity or ""),
        "" if session.rpe is None else str(session.rpe),
        _yes_no(session.tired),
        _yes_no(session.kept_going),
        _yes_no(session.talk),
        _yes_no(session.assisted),
        escape_cell(SYMPTOM_SEP.join(session.symptoms)),
        escape_cell(session.note or ""),
    ]


def checkin_row(checkin: CheckIn) -> list[str]:
    """One check-in as CSV cells, in the order of ``CHECKIN_COLUMNS``."""
    return [
        checkin.id,
        checkin.date.isoformat(),
        _yes_no(checkin.aching),
        escape_cell(checkin.where or ""),
        "" if checkin.aching_level is None else str(checkin.aching_level),
        "" if checkin.fatigue is None else str(checkin.fatigue),
        escape_cell(SYMPTOM_SEP.join(checkin.symptoms)),
        escape_cell(checkin.note or ""),
    ]


def finding_row(finding: Finding) -> list[str]:
    """One finding as CSV cells, in the order of ``FINDING_COLUMNS``.

    Rule names, messages and sources come from a guideline file someone may
    have edited: escaped like the text people type.
    """
    return [
        finding.date.isoformat(),
        escape_cell(finding.rule),
        finding.severity,
        escape_cell(finding.message),
        escape_cell(finding.source),
        SYMPTOM_SEP.join(finding.sessions),
    ]


def _csv(header: tuple[str, ...], rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def to_csv(sessions: Iterable[Session]) -> str:
    """The CSV export: a header and one row a session, oldest first."""
    return _csv(CSV_COLUMNS, (csv_row(s) for s in sessions))


def checkins_csv(checkins: Iterable[CheckIn]) -> str:
    """The CSV export of check-ins: a header and one row a check-in, oldest first."""
    return _csv(CHECKIN_COLUMNS, (checkin_row(c) for c in checkins))


def findings_csv(findings: Iterable[Finding]) -> str:
    """The CSV export of findings: a header and one row a finding, as given."""
    return _csv(FINDING_COLUMNS, (finding_row(f) for f in findings))


def ratings_csv(ratings: Iterable[Rating]) -> str:
    """The CSV export of ratings: a header and one row a rating, oldest first."""
    return _csv(rating_csv.RATING_COLUMNS, rating_csv.rows(ratings, escape_cell))


def export(data: Exported) -> str:
    """The CSV of what ``data`` holds: sessions, check-ins, ratings or findings (``data.what``)."""
    if data.what == "ratings":
        return ratings_csv(data.ratings)
    if data.what == "checkins":
        return checkins_csv(data.checkins)
    if data.what == "findings":
        return findings_csv(data.findings)
    return to_csv(data.sessions)


_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}


def _bool(cell: str, column: str, *, optional: bool = False) -> bool | None:
    word = cell.strip().lower()
    if optional and word == "":
        return None
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"{column}: '{cell}' is not yes or no")


def _int(cell: str, column: str) -> int | None:
    text = cell.strip()
    if not text:
        return None
    if len(text) > limits.MAX_DIGITS:
        raise ValueError(f"{column}: '{text[:20]}...' is not a whole number alslog accepts")
    try:
        return int(text)
    except ValueError:
        try:  # spreadsheets like to write 30 as 30.0
            number = float(text)
        except ValueError:
            number = float("nan")
        if number.is_integer():
            return int(number)
        raise ValueError(f"{column}: '{cell}' is not a whole number") from None


def _session_from_row(row: dict[str, str]) -> Session:
    def cell(column: str) -> str:
        return row.get(column) or ""

    minutes = _int(cell("minutes"), "minutes")
    if minutes is None:
        raise ValueError("minutes: missing")
    at_text = cell("at").strip()
    try:
        at = datetime.fromisoformat(at_text)
    except ValueError:
        raise ValueError(
            f"at: '{at_text}' is not an ISO date and time like 2026-03-01T09:30:00+01:00"
        ) from None
    day = cell("date").strip()
    if day and day != at.date().isoformat():
        raise ValueError(f"date: {day} does not match at {at_text}; correct one of them")
    symptoms = unescape_cell(cell("symptoms"))
    fields: dict[str, Any] = {
        "id": cell("id").strip(),
        "kind": cell("kind").strip().lower(),
        "minutes": minutes,
        "activity": unescape_cell(cell("activity")) or None,
        "rpe": _int(cell("rpe"), "rpe"),
        "at": at,
        "tired": _bool(cell("tired"), "tired"),
        "kept_going": _bool(cell("kept_going"), "kept_going"),
        "talk": _bool(cell("talk"), "talk", optional=True),
        "assisted": _bool(cell("assisted"), "assisted"),
        "symptoms": tuple(s.strip() for s in symptoms.split(";") if s.strip()),
        "note": unescape_cell(cell("note")) or None,
    }
    return Session.model_validate(fields)


def from_csv(text: str) -> Records:
    """Sessions from a CSV export; DataError naming the first bad row."""
    try:
        limits.check_size(len(text))
    except ValueError as error:
        raise DataError(f"the file {error}.") from None
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise DataError("the file is empty: expected a header row and one row a session.")
        columns = [name.strip().lower() for name in header]
        if tuple(columns) == rating_csv.RATING_COLUMNS:
            return Records([], [], ratings=rating_csv.read_rows(reader, unescape_cell))
        for what, known in (("check-ins", CHECKIN_COLUMNS), ("findings", FINDING_COLUMNS)):
            if tuple(columns) == known:
                raise DataError(
                    f"this is a CSV of {what} (alslog export --what {what.replace('-', '')}); "
                    "import reads a CSV of sessions or a JSON export."
                )
        unknown = [c for c in columns if c not in CSV_COLUMNS]
        if unknown:
            raise DataError(f"row 1: unknown column '{unknown[0]}': use {', '.join(CSV_COLUMNS)}.")
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise DataError(
                f"row 1: missing column '{missing[0]}' (needed: id, at, kind, minutes)."
            )
        sessions: list[Session] = []
        # Numbered as a spreadsheet shows them: the header is row 1.
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                raise DataError(f"row {number}: empty row; delete it and import again.")
            if len(cells) != len(columns):
                raise DataError(
                    f"row {number}: {len(cells)} cells where the header has {len(columns)}."
                )
            try:
                sessions.append(_session_from_row(dict(zip(columns, cells, strict=True))))
            except ValidationError as error:
                raise DataError(f"row {number}: {_first_error(error)}.") from None
            except ValueError as error:
                raise DataError(f"row {number}: {error}.") from None
    except csv.Error as error:
        if "field limit" in str(error):
            raise DataError(
                f"a cell is longer than {csv.field_size_limit()} characters; "
                "not a CSV file this alslog reads."
            ) from None
        raise DataError(f"not a CSV file this alslog reads ({error}).") from None
    _check_unique((f"row {n}", s.id) for n, s in enumerate(sessions, start=2))
    return Records(sessions, [])
