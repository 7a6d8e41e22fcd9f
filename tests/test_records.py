"""Correcting the log through the CLI: list, edit, rm, undo (after every kind of change)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest


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
    firsts = [line.split()[0] for line in lines[:-1]]
    assert firsts == [
        logged["c"]["id"][:6],
        logged["checkin"]["id"][:6],
        logged["b"]["id"][:6],
        logged["a"]["id"][:6],
    ]
    assert "3 sessions, 1 check-in" in result.out
    assert all(len(line) <= 80 for line in result.out.splitlines())


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


# ---- edit ------------------------------------------------------------------------
def test_edit_by_prefix_changes_only_what_is_given(cli, logged) -> None:  # type: ignore[no-untyped-def]
    b = logged["b"]
    result = cli("edit", b["id"][:5], "--minutes", "25", "--note", "hilly")
    assert result.code == 0, result.err
    assert "Changed: aerobic, 25 min (walking), effort 12" in result.out
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
    one_line_error(cli("edit", "zzzzzzzz", "--minutes", "5"), 1, "no session or check-in")
    # every id shares the empty prefix; a one-character prefix is likely ambiguous too
    ids = [logged[k]["id"] for k in ("a", "b", "c")] + [logged["checkin"]["id"]]
    shared = next((i[0] for i in ids if sum(j.startswith(i[0]) for j in ids) > 1), None)
    if shared:
        one_line_error(cli("edit", shared, "--minutes", "5"), 1, "give more characters")


def test_edit_a_checkin(cli, logged) -> None:  # type: ignore[no-untyped-def]
    check = logged["checkin"]
    result = cli("edit", check["id"][:6], "--no-aching", "--fatigue", "4")
    assert result.code == 0, result.err
    assert "no aching, fatigue 4/10" in result.out
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
    from alslog import ask

    monkeypatch.setattr(ask, "interactive", lambda yes: not yes)
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
    one_line_error(cli("rm", "zzzzzzzz", "--yes"), 1, "no session or check-in")


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
