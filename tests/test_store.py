"""The store's behaviour: reads, writes, undo, damaged files, schemas, backups, text."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from alslog.errors import NotFoundError, StoreCorruptError, StoreVersionError
from alslog.models import CheckIn, Session
from alslog.store import BACKUP_KEEP, UNDO_KEEP, Store, new_id
from alslog.store import codec as store_module

NOV = datetime(2024, 11, 21, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
DEC = datetime(2024, 12, 3, 18, 30, tzinfo=UTC)
FIXTURE_OK = [HealthCheck.function_scoped_fixture]  # each example uses its own folder


def make_store(tmp: Path) -> Store:
    return Store(tmp / "logbook", tmp / "backups", clock=lambda: datetime.now(UTC), lock_timeout=2)


def sess(at: datetime = NOV, **kw: Any) -> Session:
    fields: dict[str, Any] = {"id": new_id(), "kind": "aerobic", "minutes": 30, "at": at, **kw}
    return Session(**fields)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return make_store(tmp_path)


def month_file(store: Store, name: str = "2024-11") -> Path:
    return store.root / f"{name}.json"


def raw_of(path: Path) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return value


# ---- basics ----------------------------------------------------------------------------
def test_empty_store_reads_without_creating_anything(tmp_path: Path, store: Store) -> None:
    assert store.sessions() == [] and store.checkins() == []
    assert store.first_day() is None and store.last_session() is None
    with pytest.raises(NotFoundError):
        store.find("abc")
    assert not (tmp_path / "logbook").exists()


def test_layout_one_file_per_month_with_private_modes(store: Store) -> None:
    a, b = sess(NOV), sess(DEC, kind="rom")
    store.add_session(a)
    store.add_session(b)
    store.put_checkin(CheckIn(id=new_id(), date=date(2024, 10, 2), fatigue=4))
    names = sorted(p.name for p in store.root.iterdir())
    assert names == [".lock", "2024-10.json", "2024-11.json", "2024-12.json", "undo.json"]
    doc = raw_of(month_file(store))
    assert doc["format"] == "alslog" and doc["schema"] == 1 and doc["month"] == "2024-11"
    assert [s["id"] for s in doc["sessions"]] == [a.id]
    assert (month_file(store).stat().st_mode & 0o777) == 0o600
    assert (store.root.stat().st_mode & 0o777) == 0o700
    assert (store.backup_dir.stat().st_mode & 0o777) == 0o700


def test_reads_filter_sort_and_keep_offsets(store: Store) -> None:
    late = sess(datetime(2024, 11, 30, 23, 30, tzinfo=timezone(timedelta(hours=-8))))
    early = sess(datetime(2024, 11, 2, 7, 0, tzinfo=UTC))
    dec = sess(DEC, kind="strength")
    for s in (late, dec, early):
        store.add_session(s)
    assert [s.id for s in store.sessions()] == [early.id, late.id, dec.id]
    week = store.sessions(date(2024, 11, 25), date(2024, 12, 1))
    assert [s.id for s in week] == [late.id]  # filed by its local day, Nov 30
    assert week[0].at.utcoffset() == timedelta(hours=-8)
    assert store.first_day() == date(2024, 11, 2)
    assert store.last_session() == dec
    assert store.last_session("aerobic") == late
    assert store.last_session("stretching") is None


def test_find_by_prefix(store: Store) -> None:
    a = sess(id="abcd11112222")
    b = sess(DEC, id="abcd33334444")
    c = CheckIn(id="zzzz00001111", date=date(2024, 11, 21))
    for s in (a, b):
        store.add_session(s)
    store.put_checkin(c)
    assert store.find("abcd1") == a
    assert store.find("ZZZZ") == c
    with pytest.raises(NotFoundError, match="matches 2"):
        store.find("abcd")
    with pytest.raises(NotFoundError, match="no session"):
        store.find("qqqq")


def test_checkin_one_per_day(store: Store) -> None:
    first = CheckIn(id=new_id(), date=date(2024, 11, 21), fatigue=3)
    second = CheckIn(id=new_id(), date=date(2024, 11, 21), fatigue=6, aching=True)
    store.put_checkin(first)
    change = store.put_checkin(second)
    assert change.description == "Replaced the check-in of Thu 21 Nov"
    assert store.checkins() == [second]
    assert store.undo().description == "Restored the earlier check-in of Thu 21 Nov"
    assert store.checkins() == [first]


# ---- undo ---------------------------------------------------------------------------------
def test_undo_add_edit_rm_import_checkin(store: Store) -> None:
    a = sess(datetime(2024, 11, 21, 9, 0, tzinfo=UTC))
    assert store.add_session(a).description == "Added the aerobic session of Thu 21 Nov, 30 min"
    moved = a.model_copy(update={"at": DEC, "minutes": 45})
    store.update_session(moved)
    assert store.sessions() == [moved]
    assert store.undo().description.startswith("Restored the earlier version")
    assert store.sessions() == [a]
    store.remove(a.id)
    assert store.sessions() == []
    assert store.undo().description == "Restored the aerobic session of Thu 21 Nov, 30 min"
    assert store.sessions() == [a]
    batch = [sess(NOV + timedelta(days=40 * k)) for k in range(3)]
    assert store.import_records([*batch, a], []) == (3, 1)
    assert len(store.sessions()) == 4
    assert "3 imported" in store.undo().description
    assert store.sessions() == [a]
    c = CheckIn(id=new_id(), date=date(2024, 11, 22), fatigue=2)
    store.put_checkin(c)
    assert store.undo().description == "Removed the check-in of Fri 22 Nov"
    assert store.checkins() == []
    assert store.undo().description == "Removed the aerobic session of Thu 21 Nov, 30 min"
    assert store.sessions() == []
    with pytest.raises(NotFoundError, match="nothing to undo"):
        store.undo()


def test_logged_sessions_are_the_adds_the_undo_history_holds(store: Store) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    old, new = sess(DEC), sess(NOV, kind="rom")  # logged in this order: new is for an earlier day
    store.add_session(old)
    store.add_session(new)
    part1, part2 = sess(NOV + timedelta(hours=1), kind="stretching"), sess(NOV + timedelta(hours=2))
    store.add_sessions([part1, part2])  # a routine: its last part is the newest
    store.put_checkin(CheckIn(id=new_id(), date=date(2024, 11, 21), fatigue=3))
    store.import_records([sess(DEC + timedelta(hours=1))], [])  # an import is not logging
    store.update_session(new.model_copy(update={"minutes": 12}))  # an edit: the add still counts
    logged = store.logged_sessions()
    assert [s.id for _t, s in logged] == [part2.id, part1.id, new.id, old.id]
    assert logged[2][1].minutes == 12  # as it is now
    assert all(t >= before for t, _s in logged)
    assert [s.id for _t, s in store.logged_sessions(limit=1)] == [part2.id]
    assert store.logged_sessions(datetime.now(UTC) + timedelta(minutes=1)) == []
    store.remove(part2.id)
    assert [s.id for _t, s in store.logged_sessions(limit=1)] == [part1.id]
    store.undo()  # the removal
    store.undo()  # the edit
    store.undo()  # the import
    store.undo()  # the check-in
    store.undo()  # the routine: gone from what was logged
    assert [s.id for _t, s in store.logged_sessions()] == [new.id, old.id]
    # Not written for twenty minutes: nothing logged in the last ten, without reading the log.
    undo = store.root / "undo.json"
    log = raw_of(undo)
    log["entries"][-1]["time"] = (datetime.now(UTC) - timedelta(minutes=20)).isoformat()
    undo.write_text(json.dumps(log), encoding="utf-8")
    ten = datetime.now(UTC) - timedelta(minutes=10)
    assert [s.id for _t, s in store.logged_sessions(ten)] == [old.id]  # the log says so
    twenty = datetime.now().timestamp() - 20 * 60
    os.utime(undo, (twenty, twenty))
    assert store.logged_sessions(ten) == []  # the file says so, unread
    assert [s.id for _t, s in store.logged_sessions()] == [new.id, old.id]


def test_undo_log_is_bounded(store: Store) -> None:
    for index in range(UNDO_KEEP + 5):
        store.add_session(sess(NOV + timedelta(minutes=index)))
    log = raw_of(store.root / "undo.json")
    assert len(log["entries"]) == UNDO_KEEP


def test_edit_and_remove_unknown_ids(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.update_session(sess())
    with pytest.raises(NotFoundError):
        store.remove("nope1234")


# ---- damaged files ------------------------------------------------------------------------
GOOD_RECORD = {"id": "good12345678", "kind": "rom", "minutes": 10, "at": "2024-11-05T09:00:00Z"}


def _doc(*sessions: dict[str, Any]) -> bytes:
    body = {
        "format": "alslog",
        "schema": 1,
        "month": "2024-11",
        "sessions": list(sessions),
        "checkins": [],
    }
    return json.dumps(body).encode()


DAMAGE: dict[str, bytes] = {
    "empty": b"",
    "truncated": b'{"format": "alslog", "schema": 1, "month": "2024-11", "sessions": [{"id',
    "garbage": b"this is not json at all",
    "nul-filled": b"\x00" * 4096,
    "bom": b"\xef\xbb\xbf" + _doc(GOOD_RECORD),
    "binary": bytes(range(256)) * 4,
    "bad-minutes": _doc(GOOD_RECORD, {**GOOD_RECORD, "id": "bad000000000", "minutes": "lots"}),
    "missing-at": _doc({k: v for k, v in GOOD_RECORD.items() if k != "at"}),
    "wrong-month": _doc({**GOOD_RECORD, "at": "2024-12-05T09:00:00Z"}),
    "nan": _doc(GOOD_RECORD).replace(b'"minutes": 10', b'"minutes": NaN'),
    "huge-float": _doc(GOOD_RECORD).replace(b'"minutes": 10', b'"minutes": 1e999'),
    "huge-int": _doc(GOOD_RECORD).replace(b'"minutes": 10', b'"minutes": ' + b"9" * 40),
    "list": b"[]",
    "no-sessions": b'{"format": "alslog", "schema": 1, "month": "2024-11"}',
    "other-format": b'{"format": "watson", "schema": 1}',
    "duplicate-id": _doc(GOOD_RECORD, GOOD_RECORD),
}


def _seeded_with_backup(store: Store) -> None:
    store.add_session(sess(datetime(2024, 11, 5, tzinfo=UTC)))
    store.add_session(sess(datetime(2024, 11, 6, tzinfo=UTC)))  # backs up the first version
    store.add_session(sess(DEC))


def _assert_refused(store: Store, path: Path, fragment: str = "") -> None:
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    others = {p.name: p.read_bytes() for p in store.root.iterdir() if p != path}
    for action in (
        store.sessions,
        lambda: store.sessions(date(2024, 11, 1), date(2024, 11, 30)),
        lambda: store.add_session(sess()),
        lambda: store.put_checkin(CheckIn(id=new_id(), date=date(2024, 11, 9))),
        lambda: store.import_records([sess()], []),
        store.first_day,
    ):
        with pytest.raises(StoreCorruptError) as info:
            action()
        message = info.value.message
        assert str(path) in message and "\n" not in message
        assert fragment in message
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert {p.name: p.read_bytes() for p in store.root.iterdir() if p != path} == others
    # A read that does not need the damaged month still works.
    assert len(store.sessions(date(2024, 12, 1), date(2024, 12, 31))) == 1


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_month_is_refused_and_left_untouched(store: Store, case: str) -> None:
    _seeded_with_backup(store)
    path = month_file(store)
    path.write_bytes(DAMAGE[case])
    _assert_refused(store, path, "newest good backup")
    report = store.check()
    assert not report.ok
    [problem] = [p for p in report.problems if p.file == path]
    assert problem.backup is not None and problem.backup.parent == store.backup_dir


def test_bad_record_message_names_record_and_field(store: Store) -> None:
    store.add_session(sess(datetime(2024, 11, 5, tzinfo=UTC)))
    path = month_file(store)
    path.write_bytes(DAMAGE["bad-minutes"])
    with pytest.raises(StoreCorruptError, match=r"session #1 \(id 'bad000000000'\): field minutes"):
        store.sessions()


_TRUNCATE_SOURCE = _doc(
    GOOD_RECORD, {**GOOD_RECORD, "id": "more00000000", "note": "bonjour 🙂 שלום"}
)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE_OK)
@given(cut=st.integers(min_value=0, max_value=len(_TRUNCATE_SOURCE) - 2))
def test_truncated_at_any_offset_is_refused(tmp_path: Path, cut: int) -> None:
    data = tmp_path / f"t{cut}"
    store = make_store(data)
    store.add_session(sess(DEC))
    path = month_file(store)
    path.write_bytes(_TRUNCATE_SOURCE[:cut])
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(StoreCorruptError, match=r"2024-11\.json"):
        store.sessions()
    with pytest.raises(StoreCorruptError):
        store.add_session(sess())
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_damaged_undo_log_and_journal_are_refused(store: Store) -> None:
    store.add_session(sess())
    undo = store.root / "undo.json"
    undo.write_bytes(b"")
    with pytest.raises(StoreCorruptError, match=r"undo\.json"):
        store.add_session(sess())
    assert undo.read_bytes() == b""
    undo.unlink()
    journal = store.root / "journal.json"
    journal.write_bytes(b'{"format": "alslog-journal", "schema": 1, "writes": [')
    with pytest.raises(StoreCorruptError, match=r"journal\.json"):
        store.sessions()
    assert not store.check().ok


# ---- unknown fields and schemas ----------------------------------------------------------------
def test_unknown_fields_survive_edit_add_and_undo(store: Store) -> None:
    a = sess(NOV)
    store.add_session(a)
    path = month_file(store)
    doc = raw_of(path)
    doc["sessions"][0]["mood"] = {"scale": "new", "value": 3}
    doc["written_by"] = "alslog 9"
    path.write_text(json.dumps(doc), "utf-8")
    assert store.sessions() == [a]
    store.update_session(a.model_copy(update={"minutes": 40}))
    store.add_session(sess(NOV + timedelta(hours=2)))
    doc = raw_of(path)
    assert doc["written_by"] == "alslog 9"
    assert doc["sessions"][0]["mood"] == {"scale": "new", "value": 3}
    assert doc["sessions"][0]["minutes"] == 40
    store.undo()
    store.undo()
    assert raw_of(path)["sessions"][0]["mood"] == {"scale": "new", "value": 3}
    moved = a.model_copy(update={"at": DEC})
    store.update_session(moved)
    assert raw_of(month_file(store, "2024-12"))["sessions"][0]["mood"]["value"] == 3


def test_newer_schema_readable_but_not_writable(store: Store) -> None:
    a = sess(NOV)
    store.add_session(a)
    store.add_session(sess(DEC))
    path = month_file(store)
    doc = raw_of(path)
    doc["schema"] = 99
    path.write_text(json.dumps(doc), "utf-8")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    assert [s.id for s in store.sessions(date(2024, 11, 1), date(2024, 11, 30))] == [a.id]
    with pytest.raises(StoreVersionError, match="newer alslog"):
        store.add_session(sess(NOV))
    with pytest.raises(StoreVersionError):
        store.remove(a.id)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    store.add_session(sess(DEC))  # other months stay writable
    doc["sessions"][0]["minutes"] = "in a new unit"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(StoreVersionError, match="upgrade"):
        store.sessions()


def test_migration_from_older_schema(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    a = sess(NOV)
    store.add_session(a)
    path = month_file(store)
    old_bytes = path.read_bytes()

    def two_to_three(raw: dict[str, Any]) -> dict[str, Any]:
        raw["units"] = "minutes"
        return raw

    # The file is schema 1 (no ratings): it goes through the real 1 -> 2 step too.
    monkeypatch.setattr(store_module, "SCHEMA", 3)
    monkeypatch.setattr(store_module, "MIGRATIONS", {**store_module.MIGRATIONS, 2: two_to_three})
    assert store.sessions() == [a]
    assert path.read_bytes() == old_bytes  # reading migrates in memory only
    store.add_session(sess(NOV + timedelta(hours=1)))
    doc = raw_of(path)
    assert doc["schema"] == 3 and doc["units"] == "minutes" and len(doc["sessions"]) == 2
    assert doc["ratings"] == []
    assert any(b.path.read_bytes() == old_bytes for b in store.backups())  # backed up first
    store.add_session(sess(NOV + timedelta(hours=2)))  # idempotent: migrates nothing twice
    assert raw_of(path)["units"] == "minutes"


# ---- text and numbers -----------------------------------------------------------------
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=2000)


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    note=TEXT,
    activity=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200),
    symptom=st.sampled_from(["שלום", "e\u0301", "👩\u200d🦽", "line\nbreak", "tab\there"]),
)
def test_text_round_trips_exactly(tmp_path: Path, note: str, activity: str, symptom: str) -> None:
    store = make_store(tmp_path)
    s = sess(note=note, activity=activity, symptoms=(symptom,))
    store.add_session(s)
    [back] = [x for x in make_store(tmp_path).sessions() if x.id == s.id]
    assert back == s and back.note == note and back.activity == activity


def test_long_emoji_rtl_note_round_trips(store: Store) -> None:
    note = ("🙂 e\u0301 مرحبا \u202e\n" * 200)[:2000]
    s = sess(note=note)
    store.add_session(s)
    assert store.find(s.id) == s


@pytest.mark.parametrize(
    "bad",
    [
        {"minutes": float("nan")},
        {"minutes": float("inf")},
        {"minutes": 10**30},
        {"minutes": 0},
        {"minutes": -5},
        {"rpe": float("nan")},
        {"note": "\ud800"},
    ],
)
def test_bad_numbers_and_surrogates_are_rejected(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        sess(**bad)


# ---- backups -----------------------------------------------------------------------------
def test_rotation_keeps_n_and_the_fullest(store: Store) -> None:
    kept = [sess(NOV + timedelta(minutes=k)) for k in range(10)]
    for s in kept:
        store.add_session(s)
    for s in kept[:-1]:
        store.remove(s.id)  # the month shrinks: newer generations hold fewer records
    for k in range(5):
        store.add_session(sess(DEC + timedelta(minutes=k)))
    gens = [b for b in store.backups() if b.month == "2024-11"]
    assert len(gens) == BACKUP_KEEP + 1
    assert all(b.valid for b in gens)
    fullest = max(gens, key=lambda b: b.records or 0)
    assert fullest.records == 10  # the last copy with every session survived rotation
    change = store.restore(fullest.name)
    assert "10 records" in change.description
    assert {s.id for s in store.sessions(date(2024, 11, 1), date(2024, 11, 30))} == {
        s.id for s in kept
    }
    store.undo()  # restoring is undoable
    assert [s.id for s in store.sessions(date(2024, 11, 1), date(2024, 11, 30))] == [kept[-1].id]


def test_restore_over_a_damaged_file_keeps_the_damage_as_backup(store: Store) -> None:
    _seeded_with_backup(store)
    path = month_file(store)
    path.write_bytes(b"\x00" * 100)
    good = store.check().problems[0].backup
    assert good is not None
    store.restore(good.name)
    assert len(store.sessions(date(2024, 11, 1), date(2024, 11, 30))) == 1
    damaged = [b for b in store.backups() if not b.valid]
    assert [b.path.read_bytes() for b in damaged] == [b"\x00" * 100]
    assert store.check().ok
    with pytest.raises(NotFoundError):
        store.restore("../logbook/2024-12.json")


# ---- scale ---------------------------------------------------------------------------------------
def test_import_many_is_one_transaction_per_month(store: Store) -> None:
    start = datetime(2020, 1, 1, 8, tzinfo=UTC)
    batch = [sess(start + timedelta(hours=7 * k)) for k in range(5000)]
    assert store.import_records(batch, []) == (5000, 0)
    months = [p for p in store.root.iterdir() if p.name[0].isdigit()]
    assert len(months) == len({s.at.strftime("%Y-%m") for s in batch})
    assert store.import_records(batch[:10], []) == (0, 10)
    assert len(store.sessions()) == 5000
    assert not os.path.exists(store.root / "journal.json")


def test_period_reads_sessions_and_checkins_of_the_days_asked(tmp_path: Path) -> None:
    store = Store(tmp_path / "data", tmp_path / "backups", clock=lambda: datetime.now(UTC))
    for day in (1, 15, 28):
        at = datetime(2026, 11, day, 9, 0, tzinfo=UTC)
        store.add_session(Session(id=new_id(), at=at, kind="stretching", minutes=10))
    store.put_checkin(CheckIn(id=new_id(), date=date(2026, 11, 15), aching=False))
    got = store.period(date(2026, 11, 10), date(2026, 11, 30))
    assert [s.day.day for s in got.sessions] == [15, 28]
    assert [c.date.day for c in got.checkins] == [15]
    assert got.sessions == tuple(store.sessions(date(2026, 11, 10), date(2026, 11, 30)))
    assert store.period().sessions == tuple(store.sessions())


def test_a_checkin_moved_to_another_month_is_stored_once_and_undo_moves_it_back(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "data", tmp_path / "backups", clock=lambda: datetime.now(UTC))
    check = CheckIn(id=new_id(), date=date(2026, 12, 1), aching=False)
    store.put_checkin(check)
    store.put_checkin(check.model_copy(update={"date": date(2026, 11, 26)}), moved_from=check.date)
    assert [(c.id, c.date) for c in store.checkins()] == [(check.id, date(2026, 11, 26))]
    assert store.find(check.id[:6]).id == check.id
    store.undo()
    assert [(c.id, c.date) for c in store.checkins()] == [(check.id, date(2026, 12, 1))]
