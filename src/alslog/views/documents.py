"""Every JSON document alslog prints or writes, built in one place with one version.

``--json`` output and the JSON export are contracts: each document carries
``"version": JSON_VERSION`` and its shape changes only with a new version (see
the CHANGELOG). A record is written as its model dumps it, so a field means the
same in every document. Pure: data in, plain dicts out; printing is the
caller's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from alslog.models import KINDS, CheckIn, Finding, Session

if TYPE_CHECKING:
    from alslog.logbook.rate import Rated
    from alslog.models import Rating
    from alslog.summary import WeekSummary
    from alslog.trend import Trend

JSON_VERSION = 1


# ---- records ---------------------------------------------------------------------
def session_json(session: Session) -> dict[str, Any]:
    """A session as stable JSON data."""
    return session.model_dump(mode="json")


def checkin_json(checkin: CheckIn) -> dict[str, Any]:
    """A check-in as stable JSON data."""
    return checkin.model_dump(mode="json")


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as stable JSON data."""
    return finding.model_dump(mode="json")


def add_json(
    session: Session, findings: list[Finding], earlier_alerts: list[Finding] | None = None
) -> dict[str, Any]:
    """The document `alslog add --json` prints (``earlier_alerts``: today's, of other sessions)."""
    return {
        "version": JSON_VERSION,
        "session": session_json(session),
        "findings": [finding_json(f) for f in findings],
        "earlier_alerts": [finding_json(f) for f in earlier_alerts or []],
    }


def checkin_doc(checkin: CheckIn, findings: list[Finding]) -> dict[str, Any]:
    """The document `alslog checkin --json` prints."""
    return {
        "version": JSON_VERSION,
        "checkin": checkin_json(checkin),
        "findings": [finding_json(f) for f in findings],
    }


def week_json(summary: WeekSummary) -> dict[str, Any]:
    """The document `alslog week --json` prints."""
    return {
        "version": JSON_VERSION,
        "start": summary.start.isoformat(),
        "end": summary.end.isoformat(),
        "days": [
            {
                "date": d.date.isoformat(),
                "minutes": dict(d.minutes),
                "sessions": d.sessions,
                "max_rpe": d.max_rpe,
                "marks": list(d.marks),
            }
            for d in summary.days
        ],
        "totals": summary.totals(),
        "checkins": [checkin_json(c) for c in summary.checkins],
        "findings": [finding_json(f) for f in summary.findings],
    }


# ---- commands ------------------------------------------------------------------------
def ready_json(result: Any, answers: dict[str, bool]) -> dict[str, Any]:
    """The document `alslog ready --json` prints."""
    return {
        "version": JSON_VERSION,
        "verdict": result.verdict,
        "summary": result.summary,
        "answers": dict(answers),
        "reasons": [
            {
                "question": r.question,
                "verdict": r.verdict,
                "text": r.text,
                "sources": r.sources,
            }
            for r in result.reasons
        ],
        "sources": result.sources,
    }


def routine_json(
    name: str,
    sessions: list[Session],
    findings: list[Finding],
    earlier_alerts: list[Finding] | None = None,
) -> dict[str, Any]:
    """The document `alslog add --routine NAME --json` prints."""
    return {
        "version": JSON_VERSION,
        "routine": name,
        "sessions": [session_json(s) for s in sessions],
        "findings": [finding_json(f) for f in findings],
        "earlier_alerts": [finding_json(f) for f in earlier_alerts or []],
    }


def logbook_doc(
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn],
    extras: Mapping[str, Mapping[str, Any]] | None = None,
    ratings: Iterable[Rating] = (),
) -> dict[str, Any]:
    """The versioned JSON document of ``list --json`` and ``export --format json``.

    ``extras`` (by id) are fields this version does not know, written after
    the known ones so that a round trip through export and import keeps them.
    ``ratings`` are there only when there are some: an older alslog refuses
    an export with ratings by name (it knows none) and still reads the rest.
    """
    extras = extras or {}

    def one(record: Session | CheckIn | Rating) -> dict[str, Any]:
        known = record.model_dump(mode="json")
        extra = extras.get(record.id)
        if extra:
            known.update({k: v for k, v in extra.items() if k not in known})
        return known

    doc: dict[str, Any] = {
        "version": JSON_VERSION,
        "sessions": [one(s) for s in sessions],
        "checkins": [one(c) for c in checkins],
    }
    shown = [one(r) for r in ratings]
    if shown:
        doc["ratings"] = shown
    return doc


def undo_doc(description: str) -> dict[str, Any]:
    """The document `alslog undo --json` prints: what was taken back."""
    return {"version": JSON_VERSION, "undone": description}


def config_doc(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The document `alslog config show --json` prints (the settings as TOML data)."""
    return {"version": JSON_VERSION, "config": dict(settings)}


def import_doc(added: int, skipped: int) -> dict[str, Any]:
    """The document `alslog import --json` prints: how many records came in, how many not."""
    return {"version": JSON_VERSION, "added": added, "skipped": skipped}


def trend_json(picture: Trend) -> dict[str, Any]:
    """The document `alslog trend --json` prints."""
    return {
        "version": JSON_VERSION,
        "start": picture.start.isoformat(),
        "end": picture.end.isoformat(),
        "aerobic_goal_minutes": picture.aerobic_goal,
        "weeks": [
            {
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "minutes": {k: w.minutes(k) for k in KINDS},
                "total": w.total,
                "counted_days": w.counted_days,
                "stretching_days": w.days_with("stretching"),
                "rom_days": w.days_with("rom"),
                "mean_rpe": w.mean_rpe,
                "max_rpe": w.max_rpe,
                "aching_days": w.aching_days,
                "findings": w.findings,
            }
            for w in picture.weeks
        ],
        "findings": [finding_json(f) for f in picture.findings],
    }


# ---- doctor ------------------------------------------------------------------------
# The store's check and backups, as far as this document reads them (the views
# never import the store: these say which attributes are used).
class _Problem(Protocol):
    @property
    def file(self) -> Path: ...
    @property
    def message(self) -> str: ...
    @property
    def backup(self) -> Path | None: ...


class _Check(Protocol):
    @property
    def files_checked(self) -> int: ...
    @property
    def ok(self) -> bool: ...
    @property
    def problems(self) -> Iterable[_Problem]: ...


class _Backup(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def month(self) -> str: ...
    @property
    def time(self) -> datetime: ...
    @property
    def records(self) -> int | None: ...
    @property
    def valid(self) -> bool: ...


def doctor_doc(
    store_dir: Path, backup_dir: Path, report: _Check, backups: Iterable[_Backup]
) -> dict[str, Any]:
    """The document `alslog doctor --json` prints: the check, its problems, the backups."""
    return {
        "version": JSON_VERSION,
        "store": str(store_dir),
        "backup_dir": str(backup_dir),
        "files_checked": report.files_checked,
        "ok": report.ok,
        "problems": [
            {
                "file": str(p.file),
                "message": p.message,
                "backup": str(p.backup) if p.backup else None,
            }
            for p in report.problems
        ],
        "backups": [
            {
                "name": b.name,
                "month": b.month,
                "time": b.time.isoformat(),
                "records": b.records,
                "valid": b.valid,
            }
            for b in backups
        ],
    }


# ---- ratings ----------------------------------------------------------------------------
def rating_doc(rating: Rating) -> dict[str, Any]:
    """`alslog edit ID --json` of a rating."""
    from alslog.views.rating import rating_dict

    return {"version": JSON_VERSION, "rating": rating_dict(rating)}


def rated_doc(done: Rated, delta_fs: float | None) -> dict[str, Any]:
    """`alslog rate --json`: the rating, the one before, the slope, delta-FS, any findings."""
    from alslog.views.rating import rating_dict

    return {
        "version": JSON_VERSION,
        "rating": rating_dict(done.rating),
        "previous": None if done.previous is None else rating_dict(done.previous),
        "slope_per_month": None if done.slope is None else round(done.slope, 2),
        "delta_fs": delta_fs,
        "findings": [finding_json(f) for f in done.findings],
    }
