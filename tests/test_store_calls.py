"""How many times one command calls the Store: one read of what it needs, one write.

Each Store method called counts once (a read that opens several month files
is still one call). A command that re-reads what it just read or wrote grows
slower with every month of history, so the counts are pinned here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from alslog.store import Store

_PUBLIC = [
    name for name, value in vars(Store).items() if callable(value) and not name.startswith("_")
]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Count every call of a public Store method while the test runs."""
    counted: Counter[str] = Counter()
    for name in _PUBLIC:
        original = getattr(Store, name)

        def wrapper(self: Store, *args: Any, _f: Any = original, _n: str = name, **kw: Any) -> Any:
            counted[_n] += 1
            return _f(self, *args, **kw)

        monkeypatch.setattr(Store, name, wrapper)
    yield counted


def _history(cli: Any) -> None:
    assert cli("add", "stretching", "15", "--at", "yesterday", "--yes").code == 0
    assert cli("checkin", "--no-aching", "--fatigue", "3", "--date", "yesterday").code == 0
    assert cli("add", "aerobic", "30", "--rpe", "12", "--at", "2 days ago", "--yes").code == 0


def test_add_reads_once_and_writes_once(cli: Any, calls: Counter[str]) -> None:
    _history(cli)
    calls.clear()
    assert cli("add", "rom", "10", "--yes").code == 0
    assert dict(calls) == {"logged_sessions": 1, "period": 1, "add_sessions": 1}


def test_add_json_reads_once_and_writes_once(cli: Any, calls: Counter[str]) -> None:
    _history(cli)
    calls.clear()
    assert cli("add", "--routine", "x", "--yes").code != 0  # no such routine: nothing read
    calls.clear()
    assert cli("add", "rom", "10", "--json").code == 0
    assert dict(calls) == {"logged_sessions": 1, "period": 1, "add_sessions": 1}


def test_week_reads_once(cli: Any, calls: Counter[str]) -> None:
    _history(cli)
    calls.clear()
    assert cli("week", "--yes").code == 0
    # The ratings beside the week: one read of six months serves the slope and the due line.
    assert dict(calls) == {"period": 1, "first_day": 1, "ratings": 1}


def test_week_with_history_before_it_does_not_look_for_the_first_day(
    cli: Any, calls: Counter[str]
) -> None:
    """A record read in the days before the week shows the logbook had begun."""
    _history(cli)
    assert cli("add", "rom", "10", "--at", "8 days ago", "--yes").code == 0
    calls.clear()
    assert cli("week", "--yes").code == 0
    assert dict(calls) == {"period": 1, "ratings": 1}


@pytest.mark.parametrize("first", [30, 9, 8, 7, 6, 3, 0])
@pytest.mark.parametrize("also", [(), (8,), (9, 2)])
def test_the_week_is_the_same_whether_or_not_the_first_day_is_read(
    cli: Any, monkeypatch: pytest.MonkeyPatch, first: int, also: tuple[int, ...]
) -> None:
    """Skipping the first day's read changes nothing: a day before the week is as good."""
    import json

    import alslog.logbook.safety as safety

    for age in (first, *also):
        assert cli("add", "stretching", "15", "--at", f"{age} days ago", "--yes").code == 0
    quick = json.loads(cli("week", "--json", "--yes").out)
    monkeypatch.setattr(safety, "begun_by", lambda store, start, read: store.first_day())
    assert json.loads(cli("week", "--json", "--yes").out) == quick


def test_checkin_reads_once_and_writes_once(cli: Any, calls: Counter[str]) -> None:
    _history(cli)
    calls.clear()
    assert cli("checkin", "--aching", "--level", "3").code == 0
    assert dict(calls) == {"period": 1, "put_checkin": 1}


def _ids(cli: Any) -> tuple[str, str]:
    import json

    doc = json.loads(cli("list", "--json").out)
    return doc["sessions"][0]["id"][:6], doc["checkins"][0]["id"][:6]


def test_edit_finds_reads_once_and_writes_once(cli: Any, calls: Counter[str]) -> None:
    _history(cli)
    session, checkin = _ids(cli)
    calls.clear()
    assert cli("edit", session, "--minutes", "20").code == 0
    assert dict(calls) == {"find": 1, "period": 1, "update_session": 1}
    calls.clear()
    assert cli("edit", checkin, "--fatigue", "4").code == 0
    assert dict(calls) == {"find": 1, "period": 1, "put_checkin": 1}


def test_ready_reads_today_once(cli: Any, calls: Counter[str]) -> None:
    _history(cli)
    calls.clear()
    assert cli("ready", "--yes").code == 0
    assert dict(calls) == {"period": 1}


def test_export_reads_the_period_once(cli: Any, calls: Counter[str]) -> None:
    _history(cli)
    calls.clear()
    assert cli("export").code == 0
    assert dict(calls) == {"period": 1, "extra_fields": 1}  # JSON keeps unknown fields
