"""Ratings (ALSFRS-R) as CSV: one row a rating, for a spreadsheet, and read back.

Columns: id, date, the total and four subscores (for the reader; on import
they must agree with the scores, so a score changed in a spreadsheet without
its total is refused rather than guessed), the twelve items' scores named by
item, tube (yes/no: item 5 rated for a feeding tube) and note.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from pydantic import ValidationError

from alslog.errors import DataError
from alslog.rating import ITEMS, SUBSCORES, Rating, subscores
from alslog.transfer.reading import _check_unique, _first_error

RATING_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "total",
    *SUBSCORES,
    *(item.key for item in ITEMS),
    "tube",
    "note",
)


def rating_row(record: Rating, escape: Any) -> list[str]:
    """One rating as CSV cells, in the order of ``RATING_COLUMNS``."""
    parts = subscores(record).as_dict()
    return [
        record.id,
        record.date.isoformat(),
        str(record.total),
        *(str(parts[name]) for name in SUBSCORES),
        *(str(score) for score in record.scores),
        "yes" if record.tube else "no",
        escape(record.note or ""),
    ]


def _score(cell: str, column: str) -> int:
    text = cell.strip().removesuffix(".0")
    if len(text) != 1 or text not in "01234":
        raise ValueError(f"{column}: '{cell.strip()[:20]}' is not a score; scores are 4 to 0")
    return int(text)


def _rating(row: dict[str, str], unescape: Any) -> Rating:
    tube = row["tube"].strip().lower()
    if tube not in ("yes", "no", ""):
        raise ValueError(f"tube: '{row['tube']}' is not yes or no")
    try:
        day = date.fromisoformat(row["date"].strip())
    except ValueError:
        raise ValueError(f"date: '{row['date'].strip()}' is not a date like 2026-03-01") from None
    fields: dict[str, Any] = {
        "id": row["id"].strip(),
        "date": day,
        "scores": tuple(_score(row[item.key], item.key) for item in ITEMS),
        "tube": tube == "yes",
        "note": unescape(row["note"]) or None,
    }
    record = Rating.model_validate(fields)
    sums = {"total": record.total, **subscores(record).as_dict()}
    for column, value in sums.items():
        given = row[column].strip()
        if given and given.removesuffix(".0") != str(value):
            raise ValueError(
                f"{column}: {given} does not match the scores ({value}); correct one of them"
            )
    return record


def read_rows(rows: Iterator[list[str]], unescape: Any) -> list[Rating]:
    """The ratings of a CSV after its header; DataError naming the first bad row."""
    ratings: list[Rating] = []
    for number, cells in enumerate(rows, start=2):
        if not any(c.strip() for c in cells):
            raise DataError(f"row {number}: empty row; delete it and import again.")
        if len(cells) != len(RATING_COLUMNS):
            raise DataError(
                f"row {number}: {len(cells)} cells where the header has {len(RATING_COLUMNS)}."
            )
        try:
            ratings.append(_rating(dict(zip(RATING_COLUMNS, cells, strict=True)), unescape))
        except ValidationError as error:
            raise DataError(f"row {number}: {_first_error(error)}.") from None
        except ValueError as error:
            raise DataError(f"row {number}: {error}.") from None
    _check_unique((f"row {n}", r.id) for n, r in enumerate(ratings, start=2))
    return ratings


def rows(ratings: Iterable[Rating], escape: Any) -> Iterator[list[str]]:
    """Every rating's row, as given (oldest first)."""
    return (rating_row(r, escape) for r in ratings)
