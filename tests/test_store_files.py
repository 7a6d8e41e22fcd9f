"""Every file the store reads is checked before it is trusted (issue 10).

The journal, the undo log, month files, import files and the folders around
them, each damaged as an adversarial pass found, through real ``alslog``
processes: exit 3 (or a plain refusal), one line naming the file and what to
do, never "unexpected error", and the damaged file left byte-identical.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from alslog.errors import AlslogError, StoreCorruptError
from alslog.models import CheckIn, Session
from alslog.store import Store, new_id
from alslog.store import codec as store_module

NOV = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)


def make_store(home: Path) -> Store:
    return Store(
        home / "logbook", home / "backups", clock=lambda: datetime.now(UTC), lock_timeout=2
    )


def sess(at: datetime = NOV, **kw: Any) -> Session:
    fields: dict[str, Any] = {"id": new_id(), "kind": "aerobic", "minutes": 30, "at": at, **kw}
    return Session(**fields)


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file under home (the lock file aside), by relative path."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def one_line_error(result: Any, *fragments: str) -> str:
    assert "Traceback" not in result.err and "unexpected error" not in result.err, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    line: str = lines[0]
    return line


def seed(run_alslog: Callable[..., Any], *when: str) -> None:
    for at in when or ("2025-11-20 09:00", "2025-11-21 10:00"):
        result = run_alslog("add", "aerobic", "20", "--at", at)
        assert result.code == 0, result.err


# ---- the journal -------------------------------------------------------------------
def journal_with(
    content: str, *, checksum: str | None = None, target: str = "2025-11.json"
) -> bytes:
    sha = checksum or hashlib.sha256(content.encode("utf-8")).hexdigest()
    doc = {
        "format": "alslog-journal",
        "schema": 1,
        "writes": [{"file": target, "content": content, "sha256": sha}],
    }
    return json.dumps(doc).encode("utf-8")


@pytest.mark.parametrize(
    ("case", "fragment"),
    [
        ("garbage-content", "not a valid 2025-11.json"),
        ("bad-checksum", "checksum"),
        ("no-checksum", "not a valid 2025-11.json"),  # 0.1 wrote none: content decides
        ("outside", "unexpected file"),
        ("garbled-file", "journal.json is damaged"),
    ],
)
def test_a_bad_journal_is_never_replayed(
    run_alslog: Callable[..., Any], alslog_home: Path, case: str, fragment: str
) -> None:
    seed(run_alslog)
    month = alslog_home / "logbook" / "2025-11.json"
    good = month.read_text("utf-8")
    journal = alslog_home / "logbook" / "journal.json"
    data = {
        "garbage-content": journal_with("garbage"),
        "bad-checksum": journal_with(good.replace("20", "25"), checksum="0" * 64),
        "no-checksum": json.dumps(
            {
                "format": "alslog-journal",
                "schema": 1,
                "writes": [{"file": "2025-11.json", "content": "garbage"}],
            }
        ).encode(),
        "outside": journal_with(good, target="../../x.json"),
        "garbled-file": b'{"format": "alslog-journal", "schema": 1, "wri',
    }[case]
    journal.write_bytes(data)
    before = snapshot(alslog_home)
    for args in (("add", "rom", "5"), ("list",), ("undo",), ("week",)):
        result = run_alslog(*args)
        assert result.code == 3, (args, result.err)
        one_line_error(result, str(journal), fragment, "no month file was changed", "move it")
        assert snapshot(alslog_home) == before
    assert not (alslog_home.parent / "x.json").exists()
    doctor = run_alslog("doctor")
    assert doctor.code == 3
    said = " ".join(doctor.out.split())  # the lines are wrapped for the terminal
    assert "journal.json is damaged" in said and "move it away" in said
    assert snapshot(alslog_home) == before
    journal.unlink()  # what the message says to do: the logbook goes on as it was
    assert run_alslog("add", "rom", "5", "--at", "2025-11-22 09:00").code == 0
    assert len(json.loads(run_alslog("list", "--json").out)["sessions"]) == 3


def test_a_good_journal_is_still_completed(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    first = sess()
    store.add_session(first)
    month = store.root / "2025-11.json"
    moved = json.loads(month.read_text("utf-8"))
    moved["sessions"][0]["minutes"] = 45
    content = store_module.encode_doc(moved, ("sessions", "checkins")).decode("utf-8")
    (store.root / "journal.json").write_bytes(journal_with(content))
    assert [s.minutes for s in store.sessions()] == [45]  # read through
    store.add_session(sess(NOV + timedelta(days=1)))  # completes it first
    assert not (store.root / "journal.json").exists()
    assert sorted(s.minutes for s in store.sessions()) == [30, 45]


# ---- the undo log ------------------------------------------------------------------
def _damage_undo(entry: dict[str, Any], how: str) -> None:
    image = entry["records"][0]
    if how == "at-outside":
        image["before"], image["after"] = {"id": image["id"], "at": "../../x"}, None
    elif how == "after-outside":
        image["after"]["at"] = "../../x"
    elif how == "records-not-a-list":
        entry["records"] = "x"
    elif how == "image-not-a-record":
        entry["records"] = [7]
    elif how == "no-kind":
        del image["kind"]
    elif how == "before-is-text":
        image["before"] = "x"
    elif how == "added-outside":
        entry["added"] = [["session", image["id"], "../../x"]]
        entry["records"] = []
    elif how == "added-bad-month":
        entry["added"] = [["session", image["id"], "2025-13"]]
        entry["records"] = []
    elif how == "neither":
        image["after"] = None
    elif how == "bad-minutes":
        image["after"]["minutes"] = "many"
    else:  # pragma: no cover
        raise AssertionError(how)


@pytest.mark.parametrize(
    "how",
    [
        "at-outside",
        "after-outside",
        "records-not-a-list",
        "image-not-a-record",
        "no-kind",
        "before-is-text",
        "added-outside",
        "added-bad-month",
        "neither",
        "bad-minutes",
    ],
)
def test_a_damaged_undo_entry_is_refused_not_acted_on(
    run_alslog: Callable[..., Any], alslog_home: Path, how: str
) -> None:
    seed(run_alslog)
    undo = alslog_home / "logbook" / "undo.json"
    log = json.loads(undo.read_text("utf-8"))
    _damage_undo(log["entries"][-1], how)
    undo.write_text(json.dumps(log), "utf-8")
    before = snapshot(alslog_home)
    result = run_alslog("undo")
    assert result.code == 3, result.err
    one_line_error(result, str(undo), "is damaged", "move it away")
    assert "Undone" not in result.out
    assert snapshot(alslog_home) == before
    assert not list(alslog_home.parent.glob("x*.json"))
    assert not (alslog_home / "x.json").exists()
    assert run_alslog("doctor").code == 3


def test_doctor_validates_every_undo_record(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.add_session(sess())
    store.add_session(sess(NOV + timedelta(hours=1)))
    undo = store.root / "undo.json"
    log = json.loads(undo.read_text("utf-8"))
    log["entries"][0]["records"][0]["after"]["minutes"] = -4  # an old entry, not the last
    undo.write_text(json.dumps(log), "utf-8")
    report = store.check()
    assert [p.file.name for p in report.problems] == ["undo.json"]
    assert "entry #0" in report.problems[0].message


# ---- one command, one change --------------------------------------------------------
def test_a_routine_is_logged_all_or_nothing_and_undone_at_once(
    run_alslog: Callable[..., Any], alslog_home: Path
) -> None:
    routine = run_alslog("config", "set", "routine.late", "stretching 10, aerobic 20, rom 5")
    assert routine.code == 0, routine.err
    # Ends at 00:10 on 1 Nov: the stretching falls on 31 Oct, in another month file.
    logged = run_alslog("add", "--routine", "late", "--at", "2025-11-01 00:10")
    assert logged.code == 0, logged.err
    assert (alslog_home / "logbook" / "2025-10.json").exists()
    assert len(json.loads(run_alslog("list", "--json").out)["sessions"]) == 3
    undone = run_alslog("undo")
    assert undone.code == 0, undone.err
    assert undone.out.count("Removed") == 3
    assert json.loads(run_alslog("list", "--json").out)["sessions"] == []
    assert run_alslog("undo").code == 1  # nothing left: one undo took back the routine


def test_a_routine_with_one_damaged_month_logs_no_part(
    run_alslog: Callable[..., Any], alslog_home: Path
) -> None:
    assert run_alslog("config", "set", "routine.late", "stretching 10, aerobic 20").code == 0
    seed(run_alslog, "2025-10-15 10:00", "2025-11-02 10:00")
    october = alslog_home / "logbook" / "2025-10.json"
    october.write_bytes(b"garbage")
    before = snapshot(alslog_home)
    result = run_alslog("add", "--routine", "late", "--at", "2025-11-01 00:10")
    assert result.code == 3, result.err
    one_line_error(result, str(october), "left untouched")
    assert snapshot(alslog_home) == before  # November was not logged either


def test_undo_after_doctor_restore_puts_the_month_back(
    run_alslog: Callable[..., Any], alslog_home: Path
) -> None:
    seed(run_alslog, "2025-11-20 09:00", "2025-11-21 09:00", "2025-11-22 09:00")
    month = alslog_home / "logbook" / "2025-11.json"
    three = month.read_bytes()
    oldest = sorted((alslog_home / "backups").iterdir())[0].name
    restored = run_alslog("doctor", "--restore", oldest, "--yes")
    assert restored.code == 0, restored.err
    assert len(json.loads(run_alslog("list", "--json").out)["sessions"]) == 1
    undone = run_alslog("undo")
    assert undone.code == 0, undone.err
    assert "restore of 2025-11" in undone.out
    assert json.loads(month.read_bytes()) == json.loads(three)
    # the undo history goes on from there: the adds before the restore undo one by one
    assert run_alslog("undo").code == 0
    assert len(json.loads(run_alslog("list", "--json").out)["sessions"]) == 2


def test_undo_of_a_restore_over_a_damaged_file_says_why_it_cannot(
    run_alslog: Callable[..., Any], alslog_home: Path
) -> None:
    seed(run_alslog)
    month = alslog_home / "logbook" / "2025-11.json"
    month.write_bytes(b"garbage")
    good = sorted((alslog_home / "backups").iterdir())[-1].name
    assert run_alslog("doctor", "--restore", good, "--yes").code == 0
    before = snapshot(alslog_home)
    result = run_alslog("undo")
    assert result.code == 1
    one_line_error(result, "cannot undo the restore of 2025-11", "damaged", "nothing was changed")
    assert "Undone" not in result.out
    assert snapshot(alslog_home) == before
    assert any("--bad.json" in name for name in before)  # the damage itself is kept


# ---- backups -------------------------------------------------------------------------
def test_the_backup_of_a_symlinked_month_is_a_copy_of_its_bytes(
    run_alslog: Callable[..., Any], alslog_home: Path, tmp_path: Path
) -> None:
    seed(run_alslog, "2025-11-20 09:00")
    synced = tmp_path / "synced"
    synced.mkdir()
    month = alslog_home / "logbook" / "2025-11.json"
    first = month.read_bytes()
    (synced / "2025-11.json").write_bytes(first)
    month.unlink()
    month.symlink_to(synced / "2025-11.json")
    assert run_alslog("add", "rom", "5", "--at", "2025-11-21 09:00").code == 0
    backups = list((alslog_home / "backups").iterdir())
    copy = [b for b in backups if b.read_bytes() == first]
    assert copy, [b.name for b in backups]
    assert not copy[0].is_symlink()
    (synced / "2025-11.json").unlink()  # the synced copy goes
    assert copy[0].read_bytes() == first  # the previous version is still there


# ---- limits on what is parsed --------------------------------------------------------
@pytest.mark.parametrize(
    ("what", "fragment"),
    [
        ("[" * 100_000 + "]" * 100_000, "nests deeper"),
        ("9" * 5000, "5000 digits"),
        ('"\\ud800"', "lone surrogate"),
    ],
)
def test_a_hostile_month_file_is_refused_naming_its_backup(
    run_alslog: Callable[..., Any], alslog_home: Path, what: str, fragment: str
) -> None:
    seed(run_alslog)
    month = alslog_home / "logbook" / "2025-11.json"
    text = month.read_text("utf-8").replace('"kind"', f'"unknown": {what}, "kind"', 1)
    month.write_text(text, "utf-8")
    before = snapshot(alslog_home)
    for args in (("list",), ("add", "rom", "5", "--at", "2025-11-22 09:00"), ("week",)):
        result = run_alslog(*args)
        assert result.code == 3, (args, result.err)
        one_line_error(result, str(month), fragment, "newest good backup", "--restore")
    assert snapshot(alslog_home) == before
    assert run_alslog("doctor").code == 3


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("deep.json", '{"version": 1, "sessions": ' + "[" * 100_000 + "]" * 100_000 + "}", "nests"),
        (
            "int.json",
            '{"version": 1, "sessions": [{"id": "abcd", "minutes": ' + "9" * 5000 + "}]}",
            "digits",
        ),
        (
            "big.csv",
            "id,at,kind,minutes\nabcd,2025-11-01T10:00:00+00:00,rom," + "9" * 5000,
            "row 2",
        ),
        (
            "cell.csv",
            "id,at,kind,minutes,note\nabcd,2025-11-01T10:00:00+00:00,rom,3," + "x" * 200_000,
            "longer than",
        ),
    ],
)
def test_a_hostile_import_file_is_refused(
    run_alslog: Callable[..., Any], alslog_home: Path, tmp_path: Path, name: str, text: str,
    fragment: str,
) -> None:  # fmt: skip
    seed(run_alslog)
    before = snapshot(alslog_home)
    path = tmp_path / name
    path.write_text(text, "utf-8")
    result = run_alslog("import", str(path))
    assert result.code == 3, result.err
    one_line_error(result, name, fragment, "Nothing was imported")
    assert snapshot(alslog_home) == before


def test_an_import_file_over_the_size_limit_is_refused_before_reading(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alslog import limits

    monkeypatch.setattr(limits, "MAX_BYTES", 100)
    path = tmp_path / "big.json"
    path.write_text('{"version": 1, "sessions": []}' + " " * 200, "utf-8")
    result = cli("import", str(path))
    assert result.code == 3
    assert "larger than alslog reads" in result.err and "big.json" in result.err


# ---- the folders -----------------------------------------------------------------------
def test_a_home_that_is_a_file_is_named_by_every_command(
    run_alslog: Callable[..., Any], tmp_path: Path
) -> None:
    home = tmp_path / "home-file"
    home.write_bytes(b"my notes")
    env = {"ALSLOG_HOME": str(home)}
    doctor = run_alslog("doctor", env=env)
    assert doctor.code == 3, doctor.err
    said = " ".join(doctor.out.split())
    assert f"{home} is a file, not a folder" in said and "ALSLOG_HOME" in said
    for args in (("list",), ("add", "rom", "5"), ("undo",), ("week",)):
        result = run_alslog(*args, env=env)
        assert result.code == 3, (args, result.err)
        one_line_error(result, str(home), "not a folder")
    assert home.read_bytes() == b"my notes"


@pytest.mark.parametrize("which", ["logbook", "backups"])
def test_a_logbook_or_backup_folder_that_is_a_file(
    run_alslog: Callable[..., Any], alslog_home: Path, which: str
) -> None:
    alslog_home.mkdir()
    (alslog_home / which).write_bytes(b"x")
    doctor = run_alslog("doctor")
    assert doctor.code == 3, doctor.out
    said = " ".join(doctor.out.split())
    assert "is a file, not a folder" in said and "empty" not in said
    added = run_alslog("add", "rom", "5")
    assert added.code == 3
    one_line_error(added, str(alslog_home / which), "not a folder")
    if which == "logbook":
        assert run_alslog("list").code == 3
    assert (alslog_home / which).read_bytes() == b"x"


def test_an_unreadable_logbook_folder_is_a_problem_not_an_empty_logbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path)
    store.add_session(sess())
    real = os.listdir

    def listdir(path: Any = ".") -> list[str]:
        if Path(path) == store.root:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(store_module.os, "listdir", listdir)
    report = store.check()
    assert not report.ok and "cannot be read" in report.problems[0].message
    with pytest.raises(StoreCorruptError, match="cannot be read"):
        store.sessions()


# ---- ids and fields ----------------------------------------------------------------------
def test_an_exact_id_wins_over_a_longer_one_it_begins(
    run_alslog: Callable[..., Any], alslog_home: Path
) -> None:
    store = make_store(alslog_home)
    store.add_session(sess(id="abcd", minutes=10))
    store.add_session(sess(NOV + timedelta(hours=1), id="abcd1234wxyz", minutes=20))
    edited = run_alslog("edit", "abcd", "--minutes", "7")
    assert edited.code == 0, edited.err
    assert {s.id: s.minutes for s in store.sessions()} == {"abcd": 7, "abcd1234wxyz": 20}
    removed = run_alslog("rm", "abcd", "--yes")
    assert removed.code == 0, removed.err
    assert [s.id for s in store.sessions()] == ["abcd1234wxyz"]
    assert store.find("abcd").id == "abcd1234wxyz"  # now the only one it begins
    store.add_session(sess(id="abcdzz"))
    with pytest.raises(AlslogError, match="matches 2 records"):
        store.find("abcd")


def test_export_keeps_unknown_fields_and_import_brings_them_back(
    run_alslog: Callable[..., Any], alslog_home: Path, tmp_path: Path
) -> None:
    store = make_store(alslog_home)
    store.add_session(sess())
    store.put_checkin(CheckIn(id=new_id(), date=NOV.date(), aching=False))
    month = alslog_home / "logbook" / "2025-11.json"
    doc = json.loads(month.read_text("utf-8"))
    doc["sessions"][0]["mood"] = {"scale": "new", "value": 3}
    doc["checkins"][0]["sleep_hours"] = 7
    month.write_text(json.dumps(doc), "utf-8")
    out = tmp_path / "all.json"
    assert run_alslog("export", "-o", str(out)).code == 0
    exported = json.loads(out.read_text("utf-8"))
    assert exported["sessions"][0]["mood"] == {"scale": "new", "value": 3}
    assert exported["checkins"][0]["sleep_hours"] == 7
    other = tmp_path / "other-home"
    imported = run_alslog("import", str(out), env={"ALSLOG_HOME": str(other)})
    assert imported.code == 0, imported.err
    again = json.loads((other / "logbook" / "2025-11.json").read_text("utf-8"))
    assert again["sessions"][0]["mood"] == {"scale": "new", "value": 3}
    assert again["checkins"][0]["sleep_hours"] == 7
    assert again["sessions"] == doc["sessions"]


# ---- store level ---------------------------------------------------------------------------
def test_add_sessions_is_one_transaction_with_one_undo(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    parts = [sess(NOV - timedelta(days=25)), sess(NOV, kind="rom"), sess(NOV, kind="stretching")]
    change = store.add_sessions(parts)
    assert change.description.startswith("Added 3 sessions")
    assert {s.id for s in store.sessions()} == {p.id for p in parts}
    log = json.loads((store.root / "undo.json").read_text("utf-8"))
    assert len(log["entries"]) == 1 and len(log["entries"][0]["records"]) == 3
    store.undo()
    assert store.sessions() == []
    duplicate = sess()
    with pytest.raises(AlslogError, match="already stored"):
        store.add_sessions([duplicate, duplicate])
    assert store.sessions() == []


def test_a_journal_write_of_a_valid_file_with_a_wrong_checksum_is_refused(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.add_session(sess())
    month = store.root / "2025-11.json"
    before = month.read_bytes()
    journal = store.root / "journal.json"
    journal.write_bytes(journal_with(before.decode("utf-8"), checksum="f" * 64))
    with pytest.raises(StoreCorruptError, match="checksum"):
        store.add_session(sess(NOV + timedelta(hours=1)))
    assert month.read_bytes() == before and journal.exists()
    assert not store.check().ok


# ---- damage of any kind, generated ------------------------------------------------------------
def _mutations() -> Any:
    from hypothesis import strategies as st

    cut = st.tuples(st.just("cut"), st.integers(0, 10_000))
    flip = st.tuples(st.just("flip"), st.integers(0, 10_000), st.integers(1, 255))
    swap = st.tuples(
        st.just("swap"),
        st.integers(0, 50),
        st.sampled_from([None, 7, -1, "x", "../../x", [], {}, True, "2025-13", [1, 2]]),
    )
    deep = st.tuples(st.just("deep"), st.integers(0, 50))
    return st.one_of(cut, flip, swap, deep)


def _damage(data: bytes, mutation: tuple[Any, ...]) -> bytes:
    """Truncate, flip a byte, or swap one value of the JSON tree for another type."""
    how = mutation[0]
    if how == "cut":
        return data[: mutation[1] % max(len(data), 1)]
    if how == "flip":
        at = mutation[1] % max(len(data), 1)
        return data[:at] + bytes([data[at] ^ mutation[2]]) + data[at + 1 :]
    tree = json.loads(data)
    spots: list[tuple[Any, Any]] = []
    stack: list[Any] = [tree]
    while stack:
        node = stack.pop()
        pairs = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in pairs:
            spots.append((node, key))
            if isinstance(value, (dict, list)):
                stack.append(value)
    node, key = spots[mutation[1] % len(spots)]
    node[key] = mutation[2] if how == "swap" else "@DEEP@"
    text = json.dumps(tree).replace('"@DEEP@"', "[" * 5000 + "]" * 5000)
    return text.encode("utf-8")


def _run_everything(store: Store) -> None:
    """Every store operation; only the store's own errors may come out of them."""
    for call in (
        store.sessions,
        store.checkins,
        lambda: store.find("zz"),
        lambda: store.add_session(sess(NOV + timedelta(hours=3))),
        lambda: store.add_sessions([sess(NOV - timedelta(days=40)), sess(NOV)]),
        store.undo,
        store.check,
        store.backups,
    ):
        with contextlib.suppress(AlslogError):
            call()


@pytest.mark.parametrize("target", ["undo.json", "journal.json", "2025-11.json"])
def test_generated_damage_never_escapes_as_a_crash(tmp_path: Path, target: str) -> None:
    from hypothesis import HealthCheck, given, settings

    counter = iter(range(10**6))

    @settings(
        max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(mutation=_mutations())
    def check(mutation: tuple[Any, ...]) -> None:
        home = tmp_path / str(next(counter))
        store = make_store(home)
        first = sess()
        store.add_session(first)
        store.update_session(first.model_copy(update={"minutes": 40}))
        path = store.root / target
        if target == "journal.json":
            content = (store.root / "2025-11.json").read_text("utf-8")
            path.write_bytes(journal_with(content))
        damaged = _damage(path.read_bytes(), mutation)
        path.write_bytes(damaged)
        try:
            store.sessions()
        except StoreCorruptError:
            refused = True
        else:
            refused = False
        _run_everything(store)
        assert not list(home.parent.glob("x*")), "a file was written outside the logbook"
        if refused and target != "undo.json":
            assert path.read_bytes() == damaged  # refused files stay as they are

    check()


def _json_values() -> Any:
    from hypothesis import strategies as st

    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**40), 10**40),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=60,
    )


def test_the_store_parser_agrees_with_limits_on_any_input() -> None:
    """codec.loads takes a short cut; it must refuse and accept exactly what limits does."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from alslog import limits

    def outcome(parse: Callable[[bytes], Any], data: bytes) -> tuple[str, Any]:
        try:
            return "ok", parse(data)
        except ValueError as error:  # JSONDecodeError and UnicodeDecodeError included
            return type(error).__name__, None

    texts = st.one_of(
        _json_values().map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8")),
        _json_values().map(lambda v: json.dumps(v, ensure_ascii=True).encode("utf-8")),
        st.integers(1, 70).map(lambda n: ("[" * n + "]" * n).encode()),
        st.integers(1, 70).map(lambda n: ('{"a":' * n + "1" + "}" * n).encode()),
        st.binary(max_size=40),
        st.text(alphabet='[]{}"\\ud8:,1 ', max_size=40).map(lambda t: t.encode()),
    )

    @settings(max_examples=300, deadline=None)
    @given(data=texts)
    def check(data: bytes) -> None:
        assert outcome(store_module.loads, data) == outcome(limits.parse_json, data)

    check()


def test_a_record_too_deep_for_the_undo_history_is_refused_before_writing(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    first = sess()
    store.add_session(first)
    month = store.root / "2025-11.json"
    doc = json.loads(month.read_text("utf-8"))
    nested: Any = 1
    for _ in range(28):  # the month nests 31 levels: readable, but 34 in the undo log
        nested = [nested]
    doc["sessions"][0]["future"] = nested
    month.write_text(json.dumps(doc), "utf-8")
    assert store.sessions() == [first]
    before = snapshot(tmp_path)
    with pytest.raises(StoreCorruptError, match="nested too deep"):
        store.update_session(first.model_copy(update={"minutes": 40}))
    assert snapshot(tmp_path) == before
    store.add_session(sess(NOV + timedelta(days=1)))  # other records are still fine
    assert len(store.sessions()) == 2
