"""Correcting the log through the CLI: list, edit, rm, undo (after every kind of change)."""

from __future__ import annotations

import io
import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st


def day(n: int) -> str:
    return (date.today() - timedelta(days=n)).isoformat()


def add(cli, *args: str) -> dict:  # type: ignore[no-untyped-def]
    result = cli("add", *args, "--json")
    assert result.code == 0, result.err
    session: dict = json.loads(result.out)["session"]
    return session


def listed(cli, *args: str) -> dict:  # type: ignore[no-untyped-def]
    result = cli("list", "--json", *args)
    assert result.code == 0, result.err
    doc: dict = json.loads(result.out)
    return doc


def one_line_error(result, code: int, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert result.code == code, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("alslog: ")
    assert fragment in lines[0], lines[0]


@pytest.fixture
def logged(cli):  # type: ignore[no-untyped-def]
    """Three sessions on three days and one check-in."""
    a = add(cli, "stretching", "15", "--at", f"{day(3)} 09:00")
    b = add(cli, "aerobic", "30", "-a", "walking", "--rpe", "12", "--at", f"{day(2)} 17:00")
    c = add(cli, "rom", "10", "--assisted", "--at", f"{day(1)} 10:00")
    check = cli("checkin", "--aching", "--where", "calves", "--date", "yesterday", "--json")
    assert check.code == 0, check.err
    return {"a": a, "b": b, "c": c, "checkin": json.loads(check.out)["checkin"]}


# ---- list ------------------------------------------------------------------------
def test_list_empty(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("list")
    assert result.code == 0
    assert "Nothing logged" in result.out
    assert listed(cli) == {"version": 1, "sessions": [], "checkins": []}


def test_list_newest_first_with_short_ids(cli, logged) -> None:  # type: ignore[no-untyped-def]
    result = cli("list")
    assert result.code == 0
    lines = [line for line in result.out.splitlines() if line[:1].strip()]
    # The date first, the id last, one record a line (none of these wraps).
    lasts = [line.split()[-1] for line in lines[:-1]]
    assert lasts == [
        logged["c"]["id"][:6],
        logged["checkin"]["id"][:6],
        logged["b"]["id"][:6],
        logged["a"]["id"][:6],
    ]
    one = date.today() - timedelta(days=1)
    # Not a terminal: plain text, words spelled out (the terminal look is tested below).
    assert lines[0].startswith(f"{one:%A} {one.day} {one:%B} 10:00 range of motion, 10 minutes")
    assert lines[1].startswith(f"{one:%A} {one.day} {one:%B} check-in: aching (calves)")
    assert lines[0].endswith(f"  id {logged['c']['id'][:6]}")
    assert "3 sessions, 1 check-in" in result.out


def test_list_json_matches_add_json(cli, logged) -> None:  # type: ignore[no-untyped-def]
    doc = listed(cli)
    assert doc["version"] == 1
    assert doc["sessions"] == [logged["c"], logged["b"], logged["a"]]
    assert doc["checkins"] == [logged["checkin"]]


def test_list_filters(cli, logged) -> None:  # type: ignore[no-untyped-def]
    assert [s["id"] for s in listed(cli, "--since", day(2))["sessions"]] == [
        logged["c"]["id"],
        logged["b"]["id"],
    ]
    assert [s["id"] for s in listed(cli, "--until", day(2))["sessions"]] == [
        logged["b"]["id"],
        logged["a"]["id"],
    ]
    only = listed(cli, "--kind", "aer")
    assert [s["id"] for s in only["sessions"]] == [logged["b"]["id"]]
    assert only["checkins"] == []
    text = cli("list", "--kind", "strength")
    assert "Nothing logged of kind strengthening" in text.out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--since", "whenever"), "'whenever' is not a date I understand"),
        (("--since", "next week"), "in the future"),
        (("--since", "today", "--until", "yesterday"), "swap them"),
        (("--kind", "yoga"), "Unknown kind 'yoga'"),
        (("--until", "2999-01-01"), "in the future"),
    ],
)
def test_list_bad_arguments(cli, args, fragment) -> None:  # type: ignore[no-untyped-def]
    one_line_error(cli("list", *args), 2, fragment)


def test_list_limit_cuts_the_oldest_and_says_so(cli, logged) -> None:  # type: ignore[no-untyped-def]
    cut = cli("list", "--limit", "2")
    assert cut.code == 0, cut.err
    lines = cut.out.splitlines()
    assert [line.split()[-1] for line in lines[:2]] == [
        logged["c"]["id"][:6],
        logged["checkin"]["id"][:6],
    ]
    assert lines[2] == "2 more; use --limit 4 to see them all."
    assert lines[3].startswith("3 sessions, 1 check-in.")
    for everything in (("--limit", "4"), ("--limit", "ALL"), ()):  # not a terminal: all
        out = cli("list", *everything).out
        assert "more; use --limit" not in out and logged["a"]["id"][:6] in out
    doc = listed(cli, "--limit", "3")
    assert doc["version"] == 1
    assert [s["id"] for s in doc["sessions"]] == [logged["c"]["id"], logged["b"]["id"]]
    assert doc["checkins"] == [logged["checkin"]]
    assert len(listed(cli, "-n", "1")["sessions"]) == 1


def test_list_grep_looks_in_what_was_written_in_any_case(cli, logged) -> None:  # type: ignore[no-untyped-def]
    noted = add(cli, "other", "5", "--note", "Sore KNEE after the stairs", "--at", day(4))
    felt = add(cli, "strength", "10", "--symptom", "knee pain", "--at", day(5))
    assert cli("checkin", "--fatigue", "2", "--note", "knee fine", "--date", day(6)).code == 0

    def ids(*args: str) -> list[str]:
        doc = listed(cli, *args)
        return [r["id"] for r in doc["sessions"] + doc["checkins"]]

    knees = listed(cli, "--grep", "Knee")
    assert [s["id"] for s in knees["sessions"]] == [noted["id"], felt["id"]]
    assert [c["note"] for c in knees["checkins"]] == ["knee fine"]
    assert ids("--grep", "WALK") == [logged["b"]["id"]]  # the activity
    assert ids("--grep", "alve") == [logged["checkin"]["id"]]  # where it aches
    assert ids("--grep", "knee", "--kind", "stren") == [felt["id"]]  # with a kind: no check-ins
    assert ids("--grep", "aerobic") == []  # the kind is not text someone wrote
    text = cli("list", "--grep", "knee")
    assert "Sore KNEE" in text.out and "2 sessions, 1 check-in." in text.out
    none = cli("list", "--grep", "elbow")
    assert none.code == 0 and "Nothing logged with 'elbow' in it." in none.out


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    note=st.text(st.characters(codec="ascii", categories=["L", "N"]) | st.just(" "), min_size=1),
    data=st.data(),
)
def test_list_grep_finds_any_part_of_a_note(cli, note: str, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    start = data.draw(st.integers(0, len(note) - 1))
    part = note[start : data.draw(st.integers(start + 1, len(note)))]
    assume(part.strip())
    session = add(cli, "rom", "5", "--note", note, "--at", day(1))
    found = listed(cli, "--grep", part.swapcase())["sessions"]
    assert session["id"] in [s["id"] for s in found]
    assert all(part.strip().lower() in s["note"].lower() for s in found)


def test_list_keeps_each_id_whole_with_its_word(cli) -> None:  # type: ignore[no-untyped-def]
    ids = [
        add(cli, "rom", "10", "--note", "x" * n, "--at", f"{day(1)} {n % 24:02d}:00")["id"]
        for n in range(18, 38)  # the end of the line falls at every place of "id 3h541e"
    ]
    from alslog.paths import resolve
    from alslog.store import Store
    from alslog.views import text as render
    from alslog.views.term import Term

    where = resolve(os.environ)
    terminal = Term(color=False, width=80, stream=io.StringIO())  # the terminal look
    lines = [
        line
        for record in Store(
            where.store_dir, where.backup_dir, clock=lambda: datetime.now(UTC)
        ).sessions()
        for line in render.list_line(terminal, record, date.today())
    ]
    assert all(len(line) <= 80 for line in lines)
    for record_id in ids:
        assert sum(line.endswith(f"id {record_id[:6]}") for line in lines) == 1
    plain = cli("list").out.splitlines()  # plain: one line a record, never wrapped
    for record_id in ids:
        assert sum(line.endswith(f"  id {record_id[:6]}") for line in plain) == 1


def test_list_shows_the_year_of_another_year(cli) -> None:  # type: ignore[no-untyped-def]
    old = date(date.today().year - 1, 3, 5)
    session = add(cli, "rom", "10", "--at", f"{old.isoformat()} 08:15")
    (line, _count) = cli("list").out.splitlines()
    short = session["id"][:6]
    assert line == f"{old:%A} 5 March {old.year} 08:15 range of motion, 10 minutes  id {short}"


def test_list_fills_a_screen_on_a_terminal(alslog_home: Path) -> None:
    import pexpect

    from alslog.models import Session
    from alslog.paths import resolve
    from alslog.store import Store, new_id
    from conftest import alslog_command

    where = resolve({"ALSLOG_HOME": str(alslog_home)})
    start = datetime.now().astimezone().replace(microsecond=0) - timedelta(days=20)
    sessions = [
        Session(id=new_id(), kind="rom", minutes=n + 1, at=start + timedelta(days=n))
        for n in range(15)
    ]
    Store(where.store_dir, where.backup_dir, clock=lambda: datetime.now(UTC)).import_records(
        sessions, []
    )
    command = alslog_command()
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env["ALSLOG_HOME"] = str(alslog_home)
    child = pexpect.spawn(
        command[0], [*command[1:], "list"], env=env, dimensions=(12, 80), encoding="utf-8"
    )
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    lines = [line for line in str(child.before).replace("\r", "").split("\n") if line]
    assert child.exitstatus == 0, lines
    assert len(lines) == 11  # a screen of 12 lines: 9 records, the two last lines, a prompt
    assert lines[0].split("  ")[1] == "range of motion, 15 min"  # newest first
    assert lines[9] == "6 more; use --limit 15 to see them all."
    assert lines[10].startswith("15 sessions, 0 check-ins.")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--limit", "0"), "--limit '0' is not accepted: give a whole number, 1 or more, or all."),
        (("--limit", "-3"), "--limit '-3' is not accepted"),
        (("--limit", "1.5"), "--limit '1.5' is not accepted"),
        (("--limit", "ten"), "--limit 'ten' is not accepted"),
        (("--limit", ""), "--limit '' is not accepted"),
        (("--limit", "99999999999999999999"), "is not accepted"),
        (("--grep", ""), "--grep needs some text to look for"),
        (("--grep", "   "), "--grep needs some text to look for"),
        (("--kind", ""), "Unknown kind ''"),
    ],
)
def test_list_bad_limit_grep_kind(cli, logged, args, fragment) -> None:  # type: ignore[no-untyped-def]
    for json_flag in ((), ("--json",)):
        result = cli("list", *args, *json_flag)
        one_line_error(result, 2, fragment)
        assert result.out == ""


# ---- edit ------------------------------------------------------------------------
def test_edit_by_prefix_changes_only_what_is_given(cli, logged) -> None:  # type: ignore[no-untyped-def]
    b = logged["b"]
    result = cli("edit", b["id"][:5], "--minutes", "25", "--note", "hilly")
    assert result.code == 0, result.err
    assert "Changed: aerobic, 25 minutes (walking), effort 12" in result.out
    (after,) = listed(cli, "--kind", "aerobic")["sessions"]
    assert after == {**b, "minutes": 25, "note": "hilly"}


def test_edit_reruns_the_rules(cli, logged) -> None:  # type: ignore[no-untyped-def]
    result = cli("edit", logged["b"]["id"], "--rpe", "16", "--kept-going", "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["session"]["rpe"] == 16
    assert doc["session"]["tired"] is True and doc["session"]["kept_going"] is True
    assert {f["severity"] for f in doc["findings"]} >= {"warning", "caution"}
    text = cli("edit", logged["b"]["id"], "--no-tired")
    assert "kept going" not in text.out.split("Changed:")[1].split(")")[0]
    (after,) = listed(cli, "--kind", "aerobic")["sessions"]
    assert after["tired"] is False and after["kept_going"] is False


def test_edit_every_field(cli, logged) -> None:  # type: ignore[no-untyped-def]
    a = logged["a"]
    result = cli(
        "edit", a["id"], "--kind", "strength", "--minutes", "1h", "--at", f"{day(4)} 08:15",
        "-a", "bands", "--rpe", "11", "--talk", "--assisted", "--tired", "--symptom", "cramp",
        "--symptom", "dizzy", "--note", "n", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    s = json.loads(result.out)["session"]
    assert (s["kind"], s["minutes"], s["activity"], s["rpe"]) == ("strength", 60, "bands", 11)
    assert s["at"].startswith(f"{day(4)}T08:15")
    assert (s["talk"], s["assisted"], s["tired"]) == (True, True, True)
    assert s["symptoms"] == ["cramp", "dizzy"]
    cleared = cli("edit", a["id"], "-a", "", "--no-rpe", "--symptom", "", "--note", "", "--json")
    s = json.loads(cleared.out)["session"]
    assert (s["activity"], s["rpe"], s["symptoms"], s["note"]) == (None, None, [], None)


def test_edit_at_a_bare_day_keeps_the_time(cli, logged) -> None:  # type: ignore[no-untyped-def]
    result = cli("edit", logged["b"]["id"], "--at", day(5), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["session"]["at"].startswith(f"{day(5)}T17:00")


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("--minutes", "0"), 2, "out of range"),
        (("--minutes", "lots"), 2, "not a duration"),
        (("--rpe", "30"), 2, "off the scale"),
        (("--rpe", "12", "--no-rpe"), 2, "not both"),
        (("--kind", "yoga"), 2, "Unknown kind"),
        (("--at", "2999-01-01 10:00"), 2, "in the future"),
        (("--at", "someday"), 2, "not a time I understand"),
        (("-a", "x" * 300), 2, "activity"),
        (("--no-tired", "--kept-going"), 2, "drop --no-tired"),
        (("--fatigue", "3"), 2, "applies to check-ins"),
        ((), 2, "Nothing to change"),
    ],
)
def test_edit_bad_input_changes_nothing(cli, logged, args, code, fragment) -> None:  # type: ignore[no-untyped-def]
    before = listed(cli)
    one_line_error(cli("edit", logged["b"]["id"], *args), code, fragment)
    assert listed(cli) == before


def test_edit_unknown_and_ambiguous_ids(cli, logged) -> None:  # type: ignore[no-untyped-def]
    one_line_error(cli("edit", "zzzzzzzz", "--minutes", "5"), 1, "no session, check-in or rating")
    # every id shares the empty prefix; a one-character prefix is likely ambiguous too
    ids = [logged[k]["id"] for k in ("a", "b", "c")] + [logged["checkin"]["id"]]
    shared = next((i[0] for i in ids if sum(j.startswith(i[0]) for j in ids) > 1), None)
    if shared:
        one_line_error(cli("edit", shared, "--minutes", "5"), 1, "give more characters")


def test_edit_a_checkin(cli, logged) -> None:  # type: ignore[no-untyped-def]
    check = logged["checkin"]
    result = cli("edit", check["id"][:6], "--no-aching", "--fatigue", "4")
    assert result.code == 0, result.err
    assert "no aching, fatigue 4 out of 10" in result.out
    (after,) = listed(cli)["checkins"]
    assert after == {**check, "aching": False, "fatigue": 4}
    one_line_error(cli("edit", check["id"], "--minutes", "5"), 2, "is a check-in")
    moved = cli("edit", check["id"], "--date", day(6))
    assert moved.code == 0, moved.err
    assert cli("checkin", "--no-aching", "--date", day(5)).code == 0
    one_line_error(cli("edit", check["id"], "--date", day(5)), 2, "already has a check-in")


# ---- rm --------------------------------------------------------------------------
def test_rm_with_yes(cli, logged) -> None:  # type: ignore[no-untyped-def]
    result = cli("rm", logged["a"]["id"][:6], "--yes")
    assert result.code == 0, result.err
    assert "Removed the session stretching, 15 min" in result.out
    assert logged["a"]["id"] not in [s["id"] for s in listed(cli)["sessions"]]


def test_rm_without_a_terminal_refuses(run_alslog, cli, logged) -> None:  # type: ignore[no-untyped-def]
    result = run_alslog("rm", logged["a"]["id"], timeout=30)  # stdin is not a terminal
    one_line_error(result, 2, "without confirmation")
    assert "--yes" in result.err
    assert len(listed(cli)["sessions"]) == 3


def test_rm_asks_on_a_terminal(cli, logged, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from alslog.cli import prompts

    monkeypatch.setattr(prompts, "interactive", lambda yes: not yes)
    answers = iter(["n", "y"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    kept = cli("rm", logged["checkin"]["id"])
    assert kept.code == 0
    assert "nothing was removed" in kept.out
    assert len(listed(cli)["checkins"]) == 1
    gone = cli("rm", logged["checkin"]["id"])
    assert gone.code == 0
    assert "Removed the check-in" in gone.out
    assert listed(cli)["checkins"] == []


def test_rm_unknown_id(cli, logged) -> None:  # type: ignore[no-untyped-def]
    one_line_error(cli("rm", "zzzzzzzz", "--yes"), 1, "no session, check-in or rating")


# ---- undo ------------------------------------------------------------------------
def test_undo_with_nothing_to_undo(cli) -> None:  # type: ignore[no-untyped-def]
    one_line_error(cli("undo"), 1, "nothing to undo")


def test_undo_after_each_kind_of_change(cli, logged, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start = listed(cli)

    # add
    add(cli, "other", "5")
    result = cli("undo")
    assert result.code == 0 and result.out.startswith("Undone: ")
    assert listed(cli) == start

    # edit
    assert cli("edit", logged["a"]["id"], "--minutes", "40", "--kind", "rom").code == 0
    assert "Restored" in cli("undo").out
    assert listed(cli) == start

    # rm
    assert cli("rm", logged["b"]["id"], "--yes").code == 0
    assert "Restored" in cli("undo").out
    assert listed(cli) == start

    # check-in (a new day) and check-in (replacing the day's one)
    assert cli("checkin", "--no-aching", "--date", day(4)).code == 0
    cli("undo")
    assert listed(cli) == start
    assert cli("checkin", "--fatigue", "7", "--date", "yesterday").code == 0
    cli("undo")
    assert listed(cli) == start

    # edit of a check-in
    assert cli("edit", logged["checkin"]["id"], "--no-aching").code == 0
    cli("undo")
    assert listed(cli) == start

    # import
    other = {
        "version": 1,
        "sessions": [{**logged["a"], "id": "imported0001"}],
        "checkins": [{**logged["checkin"], "id": "imported0002", "date": day(9)}],
    }
    file = tmp_path / "in.json"
    file.write_text(json.dumps(other))
    assert "Imported 2 of 2" in cli("import", str(file)).out
    undone = cli("undo", "--json")
    assert json.loads(undone.out)["version"] == 1
    assert "imported" in json.loads(undone.out)["undone"]
    assert listed(cli) == start
