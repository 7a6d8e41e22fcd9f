"""The registry of export formats: each name writes what its module's functions write."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from alslog import transfer
from alslog.errors import UsageError
from alslog.models import CheckIn, Finding, Session

AT = datetime(2026, 3, 14, 10).astimezone()
SESSIONS = [Session(id="sess1", kind="aerobic", minutes=20, rpe=12, at=AT, note="=SUM(A1)")]
CHECKINS = [CheckIn(id="chk01", date=AT.date(), aching=True, where="calves", fatigue=3)]
FINDINGS = [
    Finding(rule="above-moderate", severity="caution", date=date(2026, 3, 14), message="Easy.")
]
EXTRAS = {"sess1": {"later_field": 1}}


def data(what: transfer.What | None = None) -> transfer.Exported:
    return transfer.Exported(SESSIONS, CHECKINS, FINDINGS, EXTRAS, what)


def test_every_format_is_in_the_registry() -> None:
    assert tuple(transfer.EXPORTS) == transfer.FORMATS
    assert set(transfer.READERS) == set(transfer.FORMATS)


def test_each_export_is_the_modules_own_output() -> None:
    assert transfer.export("json", data()) == transfer.to_json(SESSIONS, CHECKINS, EXTRAS)
    assert transfer.export("csv", data()) == transfer.to_csv(SESSIONS)
    assert transfer.export("csv", data("checkins")) == transfer.checkins_csv(CHECKINS)
    assert transfer.export("csv", data("findings")) == transfer.findings_csv(FINDINGS)


def test_what_is_exported_reads_back() -> None:
    for fmt in transfer.FORMATS:
        records = transfer.read(transfer.export(fmt, data()), fmt, today=AT.date())
        assert [s.id for s in records.sessions] == ["sess1"]
        assert records.sessions[0].note == "=SUM(A1)"


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(UsageError, match="Unknown format 'xml'"):
        transfer.export("xml", data())
