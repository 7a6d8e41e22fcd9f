"""Export and import: formats, formula guard, all-or-nothing import, exact round trips."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alslog import transfer
from alslog.errors import DataError
from alslog.models import KINDS, CheckIn, Finding, Session
from alslog.store import Store


# ---- strategies ------------------------------------------------------------------
def offsets() -> st.SearchStrategy[timezone]:
    return st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


ids = st.from_regex(r"[0-9a-z]{4,32}", fullmatch=True)
short_text = st.text(min_size=1, max_size=40)
moments = st.datetimes(
    min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30), timezones=offsets()
)


@st.composite
def sessions(draw: st.DrawFn, *, csv_safe: bool = False) -> Session:
    symptom = short_text
    if csv_safe:  # CSV joins symptoms with "; ": a symptom cannot hold ";" or edge spaces
        symptom = short_text.filter(lambda s: ";" not in s and s.strip() == s and s != "")
    note = st.none() | st.text(min_size=1 if csv_safe else 0, max_size=80)
    return Session(
        id=draw(ids),
        kind=draw(st.sampled_from(KINDS)),
        activity=draw(st.none() | short_text),
        minutes=draw(st.integers(1, 600)),
        rpe=draw(st.none() | st.integers(6, 20)),
        at=draw(moments),
        tired=draw(st.booleans()),
        kept_going=draw(st.booleans()),
        talk=draw(st.none() | st.booleans()),
        assisted=draw(st.booleans()),
        symptoms=tuple(draw(st.lists(symptom, max_size=3))),
        note=draw(note),
    )


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    return CheckIn(
        id=draw(ids),
        date=draw(st.dates(date(2000, 1, 1), date(2099, 12, 31))),
        aching=draw(st.none() | st.booleans()),
        where=draw(st.none() | short_text),
        fatigue=draw(st.none() | st.integers(0, 10)),
        note=draw(st.none() | st.text(max_size=80)),
    )


def logbooks(*, csv_safe: bool = False):  # type: ignore[no-untyped-def]
    return st.tuples(
        st.lists(sessions(csv_safe=csv_safe), max_size=8, unique_by=lambda s: s.id),
        st.lists(checkins(), max_size=5, unique_by=(lambda c: c.id, lambda c: c.date)),
    ).filter(lambda t: not {s.id for s in t[0]} & {c.id for c in t[1]})


def same(a: list[Session], b: list[Session]) -> bool:
    """Equal field by field, times by instant *and* by offset."""
    return [s.model_dump() for s in a] == [s.model_dump() for s in b] and [
        s.at.utcoffset() for s in a
    ] == [s.at.utcoffset() for s in b]


# ---- properties ------------------------------------------------------------------
@given(st.text(max_size=20))
def test_formula_escape_is_exactly_undone(text: str) -> None:
    escaped = transfer.escape_cell(text)
    assert transfer.unescape_cell(escaped) == text
    assert not escaped or escaped[0] not in "=+-@\t\r"


@given(logbooks())
@settings(max_examples=60, deadline=None)
def test_json_round_trip(book: tuple[list[Session], list[CheckIn]]) -> None:
    records = transfer.from_json(transfer.to_json(*book))
    assert same(records.sessions, book[0])
    assert records.checkins == book[1]


@given(logbooks(csv_safe=True))
@settings(max_examples=60, deadline=None)
def test_csv_round_trip(book: tuple[list[Session], list[CheckIn]]) -> None:
    records = transfer.from_csv(transfer.to_csv(book[0]))
    assert same(records.sessions, book[0])
    assert records.checkins == []


@given(logbooks())
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_export_import_into_an_empty_logbook_reproduces_it(
    book: tuple[list[Session], list[CheckIn]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first = Store(Path(tmp) / "a", Path(tmp) / "ab", clock=lambda: datetime.now(UTC))
        first.import_records(*book)
        exported = transfer.to_json(first.sessions(), first.checkins())
        second = Store(Path(tmp) / "b", Path(tmp) / "bb", clock=lambda: datetime.now(UTC))
        records = transfer.from_json(exported)
        assert second.import_records(records.sessions, records.checkins) == (
            len(book[0]) + len(book[1]),
            0,
        )
        assert transfer.to_json(second.sessions(), second.checkins()) == exported
        # importing the same file again adds nothing
        assert second.import_records(records.sessions, records.checkins) == (
            0,
            len(book[0]) + len(book[1]),
        )


# ---- CSV details -----------------------------------------------------------------
def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_csv_shape_for_a_spreadsheet() -> None:
    session = Session(
        id="abc123def456", kind="aerobic", activity="=HYPERLINK(\"x\")", minutes=30, rpe=12,
        at=at("2026-03-01T09:30:00+01:00"), talk=True, symptoms=("cramp", "dizzy"),
        note="@home, \"quoted\"\nsecond line",
    )  # fmt: skip
    text = transfer.to_csv([session])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(transfer.CSV_COLUMNS)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["date"] == "2026-03-01"
    assert row["at"] == "2026-03-01T09:30:00+01:00"
    assert row["activity"] == '\'=HYPERLINK("x")'
    assert row["symptoms"] == "cramp; dizzy"
    assert row["note"].startswith("'@home")
    assert row["talk"] == "yes" and row["tired"] == "no" and row["rpe"] == "12"
    assert transfer.from_csv(text).sessions == [session]


HEADER = ",".join(transfer.CSV_COLUMNS)
GOOD = "abcd01,2026-03-01,2026-03-01T09:30:00+01:00,rom,10,,,no,no,,yes,,"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (f"{HEADER}\n{GOOD}\n{GOOD.replace('abcd01', 'abcd02').replace(',10,', ',900,')}\n",
         "row 3: minutes: Input should be less than or equal to 600"),
        (f"{HEADER}\n{GOOD.replace(',rom,', ',yoga,')}\n", "row 2: kind"),
        (f"{HEADER}\n{GOOD.replace(',10,', ',ten,')}\n", "row 2: minutes: 'ten'"),
        (f"{HEADER}\n{GOOD.replace(',yes,', ',maybe,')}\n", "row 2: assisted: 'maybe'"),
        (f"{HEADER}\n{GOOD.replace('T09:30:00+01:00', ' soon')}\n", "row 2: at:"),
        (f"{HEADER}\n{GOOD.replace('+01:00', '')}\n", "row 2: at: Value error, must carry"),
        (f"{HEADER}\n{GOOD.replace('2026-03-01,', '2026-03-02,', 1)}\n", "row 2: date"),
        (f"{HEADER}\n{GOOD}\n{GOOD}\n", "row 3: id abcd01 appears twice"),
        (f"{HEADER}\n{GOOD},extra\n", "row 2: 14 cells"),
        (f"{HEADER}\n\n", "row 2: empty row"),
        (f"{HEADER},colour\n", "row 1: unknown column 'colour'"),
        ("id,kind\n", "row 1: missing column 'at'"),
        ("", "the file is empty"),
    ],
)  # fmt: skip
def test_csv_import_names_the_first_bad_row(text: str, fragment: str) -> None:
    with pytest.raises(DataError) as caught:
        transfer.from_csv(text)
    assert fragment in caught.value.message


def test_csv_from_a_spreadsheet_is_forgiving() -> None:
    text = (
        "\ufeffID,At,Kind,Minutes,RPE,Tired\r\n"
        "abcd01,2026-03-01T09:30:00+01:00,Aerobic,30.0,12,TRUE\r\n"
    )
    (session,) = transfer.from_csv(text).sessions
    assert session.minutes == 30 and session.kind == "aerobic" and session.tired


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{", "not valid JSON (line 1"),
        ("[]", "not an alslog export"),
        ('{"version": 2, "sessions": []}', "version 2"),
        ('{"version": 1, "sessions": {}}', "sessions: must be a list"),
        ('{"version": 1, "stuff": []}', "unknown top-level key 'stuff'"),
        ('{"version": 1, "sessions": [{"id": "abcd"}]}', "sessions[0]: kind: Field required"),
        ('{"version": 1, "sessions": [1]}', "sessions[0]: not a record"),
        ('{"version": 1, "sessions": ' + "[" * 100_000 + "]" * 100_000 + "}", "nests deeper"),
        ('{"version": 1, "sessions": [{"id": "a", "minutes": ' + "9" * 5000 + "}]}", "digits"),
        (
            '{"version": 1, "checkins": [{"id": "abcd", "date": "2026-01-01"},'
            ' {"id": "abce", "date": "2026-01-01"}]}',
            "checkins[1]: a second check-in for 2026-01-01",
        ),
    ],
)
def test_json_import_names_the_first_bad_record(text: str, fragment: str) -> None:
    with pytest.raises(DataError) as caught:
        transfer.from_json(text)
    assert fragment in caught.value.message


def test_detect_format() -> None:
    assert transfer.detect_format("id,at\n", "x.txt") == "csv"
    assert transfer.detect_format('\ufeff {"version": 1}', "") == "json"
    assert transfer.detect_format("{", "log.CSV") == "csv"


# ---- a big logbook -----------------------------------------------------------------
def many_sessions(count: int) -> list[Session]:
    start = datetime(2020, 1, 1, 9, tzinfo=timezone(timedelta(hours=1)))
    return [
        Session(
            id=f"p{n:09d}",
            kind=KINDS[n % 5],
            minutes=10 + n % 50,
            rpe=6 + n % 15,
            at=start + timedelta(hours=2 * n),
            note="a note" if n % 7 == 0 else None,
        )
        for n in range(count)
    ]


def test_import_of_many_sessions(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Its speed is measured by bench/run.py, not asserted here.
    count = 20_000
    file = tmp_path / "big.json"
    file.write_text(transfer.to_json(many_sessions(count), []), encoding="utf-8")
    result = cli("import", str(file))
    assert result.code == 0, result.err
    assert f"Imported {count} of {count}" in result.out
    again = cli("import", str(file), "--json")
    assert json.loads(again.out) == {"version": 1, "added": 0, "skipped": count}


# ---- through the CLI ---------------------------------------------------------------
def days_ago(n: int, hour: int = 9) -> str:
    return f"{(date.today() - timedelta(days=n)).isoformat()} {hour:02d}:00"


def fill(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "stretching", "15", "--at", days_ago(3)).code == 0
    assert cli("add", "aerobic", "30", "-a", "=cmd|' /C calc'!A0", "--rpe", "12",
               "--symptom", "cramp", "--at", days_ago(2)).code == 0  # fmt: skip
    assert (
        cli("add", "rom", "10", "--assisted", "--note", "with Alex", "--at", days_ago(1)).code == 0
    )
    assert cli("checkin", "--aching", "--where", "calves", "--date", "yesterday").code == 0


def test_export_json_to_stdout_is_the_list_json(cli) -> None:  # type: ignore[no-untyped-def]
    fill(cli)
    exported = json.loads(cli("export").out)
    listed = json.loads(cli("list", "--json").out)
    assert exported["version"] == 1
    assert len(exported["sessions"]) == 3 and len(exported["checkins"]) == 1
    # same records and shape; export is oldest first, list newest first
    assert exported["sessions"] == listed["sessions"][::-1]
    assert exported["checkins"] == listed["checkins"]


def test_export_csv_file_and_import_into_an_empty_logbook(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    fill(cli)
    out = tmp_path / "log.csv"
    result = cli("export", "-o", str(out))
    assert result.code == 0, result.err
    assert "Wrote 3 sessions" in result.out and "(CSV)" in result.out
    assert "The check-in is not in the CSV: use --what checkins for it" in result.out
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeffid,date,at,kind,minutes,")  # Excel needs the BOM for UTF-8
    assert "'=cmd|" in text
    assert "cramp" in text
    sessions_before = cli("list", "--json", "--kind", "aerobic").out
    monkeypatch.setenv("ALSLOG_HOME", str(tmp_path / "other-home"))
    imported = cli("import", str(out))
    assert imported.code == 0, imported.err
    assert "Imported 3 of 3 records" in imported.out
    assert cli("list", "--json", "--kind", "aerobic").out == sessions_before


def test_export_json_import_reproduces_the_logbook(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    fill(cli)
    out = tmp_path / "log.json"
    assert cli("export", "--format", "json", "-o", str(out)).code == 0
    monkeypatch.setenv("ALSLOG_HOME", str(tmp_path / "other-home"))
    assert cli("import", str(out)).code == 0
    again = tmp_path / "again.json"
    assert cli("export", "-o", str(again)).code == 0
    assert again.read_bytes() == out.read_bytes()


def test_export_since_until(cli) -> None:  # type: ignore[no-untyped-def]
    fill(cli)
    day = (date.today() - timedelta(days=2)).isoformat()
    doc = json.loads(cli("export", "--since", day, "--until", day).out)
    assert [s["kind"] for s in doc["sessions"]] == ["aerobic"]
    assert doc["checkins"] == []
    csv_text = cli("export", "--format", "csv", "--since", day).out
    assert len(csv_text.strip().splitlines()) == 3


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--format", "xml"), "Unknown format 'xml'"),
        (("--since", "soon"), "'soon' is not a date I understand"),
        (("--since", "today", "--until", "yesterday"), "swap them"),
        (("-o", "no/such/dir/x.json"), "does not exist"),
    ],
)
def test_export_bad_arguments(cli, args, fragment, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = cli("export", *args)
    assert result.code == 2
    assert fragment in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_import_is_all_or_nothing(cli, alslog_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = "\n".join(
        f"abcd{n:02d},,2026-03-0{n}T09:30:00+01:00,rom,10,,,no,no,,no,," for n in range(1, 9)
    )
    file = tmp_path / "log.csv"
    file.write_text(f"{HEADER}\n{good}\nbad0001,,2026-03-09T09:30:00+01:00,rom,0,,,,,,,,\n")
    before = sorted(p.name for p in alslog_home.rglob("*")) if alslog_home.exists() else []
    result = cli("import", str(file))
    assert result.code == 3
    assert result.err.startswith(f"alslog: {file}: row 10: minutes:")
    assert "Nothing was imported" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert cli("list", "--json").out.count('"id"') == 0
    after = sorted(p.name for p in alslog_home.rglob("*")) if alslog_home.exists() else []
    assert [n for n in after if n.endswith(".json")] == [n for n in before if n.endswith(".json")]


def test_import_skips_stored_records_and_days_with_a_checkin(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill(cli)
    file = tmp_path / "log.json"
    assert cli("export", "-o", str(file)).code == 0
    doc = json.loads(file.read_text())
    doc["checkins"][0]["id"] = "zzzzzz000001"  # another check-in for a day that has one
    doc["sessions"].append({**doc["sessions"][0], "id": "zzzzzz000002"})
    file.write_text(json.dumps(doc))
    result = cli("import", str(file))
    assert result.code == 0, result.err
    assert "Imported 1 of 5 records" in result.out
    assert "skipped 4 whose id (or check-in day) is already in the logbook" in result.out


def test_import_from_stdin(run_alslog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = transfer.to_json(many_sessions(3), [])
    result = run_alslog("import", "-", "--format", "json", stdin=text)
    assert result.code == 0, result.err
    assert "Imported 3 of 3" in result.out


@pytest.mark.parametrize(
    ("setup", "code", "fragment"),
    [
        ("missing", 2, "No file"),
        ("folder", 2, "is a folder"),
        ("latin1", 3, "not UTF-8"),
        ("garbage", 3, "not valid JSON"),
    ],
)
def test_import_bad_files(cli, tmp_path: Path, setup: str, code: int, fragment: str) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "in.json"
    if setup == "folder":
        file.mkdir()
    elif setup == "latin1":
        file.write_bytes(b"id,at\n\xe9\n")
    elif setup == "garbage":
        file.write_text("{nope")
    result = cli("import", str(file))
    assert result.code == code, result.err
    assert fragment in result.err
    assert "Traceback" not in result.err


def test_import_refuses_future_and_ancient_records(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    future = tmp_path / "future.json"
    future.write_text(
        '{"version": 1, "sessions": [{"id": "abcd1234", "kind": "rom", "minutes": 5, '
        '"at": "2099-01-01T00:00:00+00:00"}]}',
        encoding="utf-8",
    )
    result = cli("import", str(future))
    assert result.code == 3
    assert "sessions[0]: at: 2099-01-01 is in the future" in result.err
    ancient = tmp_path / "ancient.json"
    ancient.write_text(future.read_text().replace("2099-01-01", "0001-01-01"), encoding="utf-8")
    result = cli("import", str(ancient))
    assert result.code == 3 and "1970-01-01" in result.err
    assert json.loads(cli("list", "--json").out)["sessions"] == []


# ---- CSV of check-ins and of findings -------------------------------------------------
def read_csv(text: str) -> list[list[str]]:
    """A CSV as a spreadsheet reads it (the BOM of a file taken off)."""
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


RISKY_START = ("=", "+", "-", "@", "\t", "\r")


@settings(max_examples=200)
@given(where=short_text, note=st.text(max_size=60), symptom=short_text)
def test_checkin_and_finding_cells_never_start_a_formula(
    where: str, note: str, symptom: str
) -> None:
    checkin = CheckIn(
        id="abcd", date=date(2026, 1, 2), aching=True, where=where, symptoms=(symptom,), note=note
    )
    cells = read_csv(transfer.checkins_csv([checkin]))[1]
    assert cells[3] == transfer.escape_cell(where)
    assert [transfer.unescape_cell(c) for c in (cells[3], cells[6], cells[7])] == [
        where,
        symptom,
        note,
    ]
    finding = Finding(
        rule=where, severity="caution", date=date(2026, 1, 2), message=note, source=symptom
    )
    row = read_csv(transfer.findings_csv([finding]))[1]
    for cell in [*cells, *row]:
        assert not cell.startswith(RISKY_START), cell


def test_export_checkins_csv_holds_every_field(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill(cli)
    assert cli("checkin", "--no-aching", "--fatigue", "8", "--symptom", "-cramp", "--symptom",
               "dizzy", "--note", "@home", "--date", days_ago(3)[:10]).code == 0  # fmt: skip
    out = tmp_path / "checkins.csv"
    result = cli("export", "--format", "csv", "--what", "checkins", "-o", str(out))
    assert result.code == 0, result.err
    assert result.out.startswith("Wrote 2 check-ins to ") and "(CSV)" in result.out
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    header, *rows = read_csv(text)
    assert header == ["id", "date", "aching", "where", "level", "fatigue", "symptoms", "note"]
    listed = json.loads(cli("list", "--json").out)["checkins"]  # newest first
    old, new = listed[1], listed[0]
    assert rows == [
        [old["id"], days_ago(3)[:10], "no", "", "", "8", "'-cramp; dizzy", "'@home"],
        [new["id"], days_ago(1)[:10], "yes", "calves", "", "", "", ""],
    ]
    assert cli("checkin", "--aching", "--level", "6", "--date", "yesterday").code == 0
    (again,) = read_csv(cli("export", "--what", "checkin", "--since", "yesterday").out)[1:]
    assert again[2:5] == ["yes", "calves", "6"]  # --what alone means CSV; 'checkin' will do


def test_export_findings_csv_is_what_the_rules_say_about_the_period(cli) -> None:  # type: ignore[no-untyped-def]
    fill(cli)
    added = cli("add", "aerobic", "35", "--rpe", "15", "--at", days_ago(2, 18), "--json")
    hard = json.loads(added.out)["session"]
    text = cli("export", "--format", "csv", "--what", "findings", "--since", days_ago(6)[:10]).out
    header, *rows = read_csv(text)
    assert header == ["date", "rule", "severity", "message", "source", "sessions"]
    week = json.loads(cli("week", "--json", "--yes").out)["findings"]
    key = ["date", "rule", "severity", "message", "source"]
    assert sorted(rows) == sorted([*[f[k] for k in key], "; ".join(f["sessions"])] for f in week)
    by_rule = {row[1]: row for row in rows}
    assert by_rule["above-moderate"][0] == days_ago(2)[:10]
    assert by_rule["above-moderate"][2] == "caution"
    assert by_rule["above-moderate"][5] == hard["id"]
    assert "Borg" in by_rule["above-moderate"][4]
    aching = by_rule["next-day-aching"]  # the check-in's advice names the sessions before it
    assert aching[0] == days_ago(1)[:10] and hard["id"] in aching[5].split("; ")
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)  # by day, oldest first


def test_export_findings_of_an_empty_logbook(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "findings.csv"
    result = cli("export", "--what", "findings", "-o", str(out))
    assert result.code == 0, result.err
    assert result.out.startswith("Wrote 0 findings to ")
    assert read_csv(out.read_text(encoding="utf-8")) == [list(transfer.FINDING_COLUMNS)]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ("--what", "symptoms"),
            "Unknown --what 'symptoms': use sessions, checkins, ratings or findings.",
        ),
        (("--what", ""), "Unknown --what ''"),
        (("--what", "checkins", "--format", "json"), "--what is for CSV"),
        (("--what", "findings", "-o", "out.json"), "--what is for CSV"),
    ],
)
def test_export_bad_what(cli, args, fragment, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    fill(cli)
    result = cli("export", *args)
    assert result.code == 2
    assert fragment in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert result.out == ""
    assert list(tmp_path.iterdir()) == [tmp_path / "alslog-home"]  # nothing written


def test_export_what_sessions_is_the_default(cli) -> None:  # type: ignore[no-untyped-def]
    fill(cli)
    assert (
        cli("export", "--format", "csv", "--what", "sessions").out
        == cli("export", "--format", "csv").out
    )


def test_export_what_through_the_real_program(run_alslog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_alslog("checkin", "--aching", "--where", "=calves").code == 0
    out = tmp_path / "c.csv"
    result = run_alslog("export", "--what", "checkins", "-o", str(out))
    assert result.code == 0, result.err
    assert read_csv(out.read_text(encoding="utf-8"))[1][3] == "'=calves"


def test_import_of_a_checkins_or_findings_csv_says_what_it_is(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill(cli)
    for what, words in (("checkins", "a CSV of check-ins"), ("findings", "a CSV of findings")):
        out = tmp_path / f"{what}.csv"
        assert cli("export", "--what", what, "-o", str(out)).code == 0
        before = cli("list", "--json").out
        result = cli("import", str(out))
        assert result.code == 3, result.err
        (line,) = result.err.strip().splitlines()
        assert words in line and "import reads a CSV of sessions or a JSON export" in line
        assert cli("list", "--json").out == before
