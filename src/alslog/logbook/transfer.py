"""Moving the log in and out: what an export holds, and storing an import.

The formats themselves (text in, text out) are ``alslog.transfer``'s; these
use cases read what an export needs (one read of the period) and store what
an import brings (one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.models import Finding
    from alslog.store import Store
    from alslog.transfer import Exported, Format, Records, What


def export_data(
    store: Store,
    fmt: Format,
    what: What | None,
    start: date | None,
    end: date | None,
    today: date,
    guide: Guidelines | None = None,
) -> Exported:
    """The records an export of [start, end] holds (``transfer.export`` writes them).

    JSON holds everything, with the fields this version does not know; a CSV
    holds the sessions, the check-ins or (``guide`` given) the findings.
    """
    from alslog import transfer

    if what == "findings":
        assert guide is not None
        return transfer.Exported(findings=_findings(store, guide, start, end, today), what=what)
    read = store.period(start, end)
    extras = store.extra_fields(start, end) if fmt == "json" else {}
    return transfer.Exported(
        read.sessions, read.checkins, extras=extras, what=what, ratings=read.ratings
    )


def _findings(
    store: Store, guide: Guidelines, start: date | None, end: date | None, today: date
) -> list[Finding]:
    """What the rules say about the export period (open ends: the logbook's first day, today),
    by date."""
    import alslog.logbook.safety as safety

    first = start or store.first_day() or today
    last = end or today
    if first > last:  # an empty logbook asked about a past period
        return []
    findings = safety.over_period(store, guide, first, last, today).findings
    return sorted(findings, key=lambda f: (f.date, -f.rank, f.rule))


@dataclass(frozen=True)
class Imported:
    """What an import did: records added, records skipped, what the file held."""

    added: int
    skipped: int  # already stored (same id), or a check-in for a day that has one
    sessions_in_file: int
    checkins_in_file: int
    ratings_in_file: int = 0


def import_records(store: Store, records: Records) -> Imported:
    """Add the records of an export file, all in one transaction.

    A record whose id is stored already is skipped, and so is a check-in for
    a day that has one (one check-in a day: the logbook's is kept).
    """
    days = {c.date for c in store.checkins()}
    checkins = [c for c in records.checkins if c.date not in days]
    same_day = len(records.checkins) - len(checkins)
    added, skipped = store.import_records(
        records.sessions, checkins, records.extras, records.ratings
    )
    return Imported(
        added,
        skipped + same_day,
        len(records.sessions),
        len(records.checkins),
        len(records.ratings),
    )
