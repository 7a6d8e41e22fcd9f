"""Export the logbook to a file format, and read those files back for import.

Pure text in, text out: the command reads and writes the files. Each format
is a module with ``NAME``, ``export(data) -> str`` and, if it can be imported,
``from_...(text) -> Records``; ``EXPORTS`` names them. Adding an export
format is one module and one line of ``EXPORTS`` (and its name in ``Format``).

* JSON holds everything (sessions, check-ins and ratings), in the shape of
  ``alslog list --json``: ``{"version": 1, "sessions": [...], "checkins": [...]}``
  and ``"ratings": [...]`` when there are some.
* CSV is for spreadsheets: one row a session (or, with ``--what``, a check-in,
  a rating or a finding). Sessions and ratings are imported.

Import validates every record before anything is written, and names the first
bad one (see :mod:`alslog.transfer.reading`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from alslog.errors import UsageError
from alslog.transfer import csv_format, json_format
from alslog.transfer.csv_format import (
    CHECKIN_COLUMNS,
    CSV_COLUMNS,
    FINDING_COLUMNS,
    REQUIRED_COLUMNS,
    SYMPTOM_SEP,
    checkin_row,
    checkins_csv,
    csv_row,
    escape_cell,
    finding_row,
    findings_csv,
    from_csv,
    ratings_csv,
    to_csv,
    unescape_cell,
)
from alslog.transfer.exported import WHATS, Exported, Format, What
from alslog.transfer.json_format import from_json, to_json
from alslog.transfer.reading import Records, check_dates
from alslog.views.documents import JSON_VERSION
from alslog.views.documents import logbook_doc as document

__all__ = [
    "CHECKIN_COLUMNS",
    "CSV_COLUMNS",
    "EXPORTS",
    "FINDING_COLUMNS",
    "FORMATS",
    "JSON_VERSION",
    "READERS",
    "REQUIRED_COLUMNS",
    "SYMPTOM_SEP",
    "WHATS",
    "Exported",
    "Format",
    "Records",
    "What",
    "checkin_row",
    "checkins_csv",
    "csv_row",
    "detect_format",
    "document",
    "escape_cell",
    "export",
    "finding_row",
    "findings_csv",
    "from_csv",
    "from_json",
    "ratings_csv",
    "read",
    "to_csv",
    "to_json",
    "unescape_cell",
]

# The export formats: name -> the function that writes one.
EXPORTS: dict[str, Callable[[Exported], str]] = {
    json_format.NAME: json_format.export,
    csv_format.NAME: csv_format.export,
}
# The formats import reads: name -> the function that reads one.
READERS: dict[str, Callable[[str], Records]] = {
    json_format.NAME: json_format.from_json,
    csv_format.NAME: csv_format.from_csv,
}
FORMATS: tuple[Format, ...] = ("json", "csv")


def export(fmt: str, data: Exported) -> str:
    """The text of an export in the format named ``fmt``."""
    try:
        write = EXPORTS[fmt]
    except KeyError:
        raise UsageError(f"Unknown format '{fmt}': use {' or '.join(EXPORTS)}.") from None
    return write(data)


def detect_format(text: str, name: str = "") -> Format:
    """JSON if the file says so by its name or its first character, else CSV."""
    lower = name.lower()
    if lower.endswith(".json"):
        return "json"
    if lower.endswith(".csv"):
        return "csv"
    return "json" if text.lstrip("\ufeff \t\r\n").startswith("{") else "csv"


def read(text: str, fmt: Format, *, today: date) -> Records:
    """Records from an export file's text in the given format; none may lie after ``today``."""
    reader = READERS.get(fmt)
    if reader is None:
        raise UsageError(f"Unknown format '{fmt}': use json or csv.")
    return check_dates(reader(text), fmt, today=today)
