"""Each month file is read once per Store call, and the same bytes are validated only once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from alslog.errors import StoreCorruptError
from alslog.models import CheckIn, Session
from alslog.store import Store, codec, new_id

NOV = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)


def counting(monkeypatch: pytest.MonkeyPatch) -> tuple[Counter[str], Counter[str]]:
    reads: Counter[str] = Counter()
    checks: Counter[str] = Counter()
    real_read, real_validate = codec.read_bounded, codec.validate_doc

    def read(path: Path) -> bytes:
        reads[path.name] += 1
        return real_read(path)

    def validate(doc: Any) -> None:
        checks[doc.name] += 1
        real_validate(doc)

    monkeypatch.setattr(codec, "read_bounded", read)
    monkeypatch.setattr(codec, "validate_doc", validate)
    return reads, checks


def test_one_call_reads_each_month_once_and_the_same_bytes_are_validated_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "logbook", tmp_path / "backups", clock=lambda: datetime.now(UTC))
    first = Session(id=new_id(), kind="aerobic", minutes=20, at=NOV)
    store.add_session(first)
    reads, checks = counting(monkeypatch)

    store.period(date(2025, 11, 1), date(2025, 11, 30))
    assert reads["2025-11.json"] == 1 and checks["2025-11"] == 1
    store.sessions()
    store.checkins()
    store.logged_sessions(NOV - timedelta(days=1))
    assert reads["2025-11.json"] == 4  # read afresh in every call: another alslog may write
    assert checks["2025-11"] == 1  # but the same bytes are not validated again

    second = Session(id=new_id(), kind="rom", minutes=5, at=NOV + timedelta(hours=1))
    store.add_sessions([second])
    assert reads["2025-11.json"] == 5 and checks["2025-11"] == 1
    store.put_checkin(CheckIn(id=new_id(), date=NOV.date(), fatigue=3))
    assert reads["2025-11.json"] == 6 and checks["2025-11"] == 2  # new bytes: validated
    assert [s.id for s in store.sessions()] == [first.id, second.id]
    assert checks["2025-11"] == 3


def test_changed_bytes_are_validated_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "logbook", tmp_path / "backups", clock=lambda: datetime.now(UTC))
    store.add_session(Session(id=new_id(), kind="aerobic", minutes=20, at=NOV))
    assert len(store.sessions()) == 1
    month = tmp_path / "logbook" / "2025-11.json"
    month.write_text(month.read_text("utf-8").replace('"minutes": 20', '"minutes": -1'), "utf-8")
    with pytest.raises(StoreCorruptError, match="minutes"):
        store.sessions()


def test_the_last_session_of_one_second_is_the_one_stored_last(tmp_path: Path) -> None:
    """Two adds within one second: "last" is the later one, whatever their random ids."""
    store = Store(tmp_path / "logbook", tmp_path / "backups", clock=lambda: datetime.now(UTC))
    ids = ["zzzzzzzzzzzz", "aaaaaaaaaaaa", "mmmmmmmmmmmm"]
    for n, sid in enumerate(ids):
        store.add_session(Session(id=sid, kind="aerobic", minutes=10 + n, at=NOV))
        last = store.last_session()
        assert last is not None and last.id == sid
        kind_last = store.last_session("aerobic")
        assert kind_last is not None and kind_last.id == sid


def _month_with_a_session(store: Store, tmp_path: Path) -> Path:
    store.add_session(Session(id=new_id(), kind="aerobic", minutes=20, at=NOV))
    return tmp_path / "logbook" / "2025-11.json"


def test_a_month_as_written_without_ratings_is_not_parsed_for_ratings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The months behind the slope hold no rating, as their first line says: not parsed."""
    store = Store(tmp_path / "logbook", tmp_path / "backups", clock=lambda: datetime.now(UTC))
    path = _month_with_a_session(store, tmp_path)
    assert codec.without_ratings("2025-11", path.read_bytes())
    parsed: Counter[str] = Counter()
    real = codec.read_doc

    def read_doc(name: str, where: Path, data: bytes) -> codec.Doc:
        parsed[name] += 1
        return real(name, where, data)

    monkeypatch.setattr(codec, "read_doc", read_doc)
    assert store.ratings(date(2025, 6, 1), date(2025, 12, 31)) == []
    assert store.last_rating(date(2025, 12, 31)) is None
    assert parsed["2025-11"] == 0
    assert len(store.sessions()) == 1 and parsed["2025-11"] == 1  # other reads parse it


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b[: len(b) // 2],
        lambda b: b"\0" * len(b),
        lambda b: b[:-3] + b"\0\n}\n",
        lambda b: b.replace(b'"schema": 1', b'"schema": 9'),
        lambda b: b.replace(b'"month": "2025-11"', b'"month": "2025-10"'),
        lambda b: b.replace(b' "checkins": []', b' "checkins": [], "ratings": "oops"'),
        lambda b: b"garbage" + b,
    ],
    ids=["empty", "cut", "zeroed", "nul", "newer", "other-month", "bad-ratings", "garbage"],
)
def test_any_other_shape_is_parsed_and_checked_in_full(tmp_path: Path, damage: Any) -> None:
    """Damage is never read as 'no ratings': it is parsed, and refused as before."""
    store = Store(tmp_path / "logbook", tmp_path / "backups", clock=lambda: datetime.now(UTC))
    path = _month_with_a_session(store, tmp_path)
    bad = damage(path.read_bytes())
    assert not codec.without_ratings("2025-11", bad)
    path.write_bytes(bad)
    if b'"schema": 9' in bad:  # a newer month is read for what this version knows
        assert store.ratings(date(2025, 6, 1), date(2025, 12, 31)) == []
        return
    with pytest.raises(StoreCorruptError):
        store.ratings(date(2025, 6, 1), date(2025, 12, 31))


def test_a_month_with_a_rating_is_never_skipped(tmp_path: Path) -> None:
    from alslog.models import Rating

    store = Store(tmp_path / "logbook", tmp_path / "backups", clock=lambda: datetime.now(UTC))
    path = _month_with_a_session(store, tmp_path)
    store.add_rating(Rating(id=new_id(), date=NOV.date(), scores=(4,) * 12))
    assert not codec.without_ratings("2025-11", path.read_bytes())
    assert len(store.ratings(date(2025, 6, 1), date(2025, 12, 31))) == 1
