"""`again` repeats the session logged last; the same session logged twice within
ten minutes is noted (without a terminal or with --yes; the question on a
terminal is in test_prompts.py)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from history import logged_ago, undo_file

NOTE = "Note: the same session was logged"


def add(cli, *args: str) -> dict:  # type: ignore[no-untyped-def]
    result = cli("add", *args, "--json")
    assert result.code == 0, result.err
    session: dict = json.loads(result.out)["session"]
    return session


def sessions(cli) -> list[dict]:  # type: ignore[no-untyped-def]
    found: list[dict] = json.loads(cli("list", "--json").out)["sessions"]
    return found


def again(cli, *args: str) -> dict:  # type: ignore[no-untyped-def]
    result = cli("again", "--json", *args)
    assert result.code == 0, result.err
    session: dict = json.loads(result.out)["session"]
    return session


def yesterday(time: str = "09:00") -> str:
    return f"{(date.today() - timedelta(days=1)).isoformat()} {time}"


# ---- again: the last logged, not the latest by time ---------------------------------
def test_again_repeats_the_session_logged_last_not_the_latest_in_time(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "rom", "10")
    add(cli, "aerobic", "20", "-a", "walking", "--at", yesterday())  # logged later, for yesterday
    repeated = again(cli, "--yes")
    assert (repeated["kind"], repeated["minutes"], repeated["activity"]) == (
        "aerobic",
        20,
        "walking",
    )


def test_again_follows_undo_rm_and_edit(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "stretching", "15", "--at", yesterday("08:00"))
    second = add(cli, "rom", "10", "--at", yesterday("07:00"))
    third = add(cli, "aerobic", "30", "--at", yesterday("06:00"))
    assert cli("undo").code == 0  # the aerobic one is taken back: not logged any more
    assert again(cli)["kind"] == "rom"
    assert cli("undo").code == 0  # the repeat, taken back again
    assert cli("rm", second["id"], "--yes").code == 0  # removed: the one before it
    assert again(cli)["kind"] == "stretching"
    latest = sessions(cli)[0]
    assert cli("edit", latest["id"], "--minutes", "12").code == 0  # edited: as it is now
    assert again(cli)["minutes"] == 12
    assert third["id"] not in {s["id"] for s in sessions(cli)}


def test_again_without_an_undo_history_repeats_the_latest_by_time(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    add(cli, "rom", "10")
    add(cli, "aerobic", "20", "--at", yesterday())
    undo_file(alslog_home).unlink()  # moved away, as alslog says to when it is damaged
    assert again(cli)["kind"] == "rom"


def test_again_with_nothing_logged(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("again", "--yes")
    assert result.code != 0
    assert "Nothing to repeat yet" in result.err
    assert sessions(cli) == []


# ---- the same session twice ---------------------------------------------------------
def test_the_same_session_twice_is_saved_with_one_note(cli) -> None:  # type: ignore[no-untyped-def]
    assert NOTE not in cli("add", "aerobic", "20", "-a", "walking").out
    result = cli("add", "aerobic", "20", "-a", "  WALKING")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"{NOTE} less than a minute ago; saved again."
    assert lines[1].startswith("Logged: aerobic, 20 min")
    assert [line for line in lines if line.startswith("Note: the same")] == [lines[0]]
    assert len(sessions(cli)) == 2


@pytest.mark.parametrize(
    "other",
    [
        ("aerobic", "21", "-a", "walking"),  # other minutes
        ("aerobic", "20", "-a", "cycling"),  # other activity
        ("aerobic", "20"),  # no activity
        ("strength", "20", "-a", "walking"),  # other kind
    ],
)
def test_a_different_session_is_no_duplicate(cli, other: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    add(cli, "aerobic", "20", "-a", "walking")
    result = cli("add", *other)
    assert result.code == 0, result.err
    assert "Note:" not in result.out


@pytest.mark.parametrize(
    ("ago", "noted"),
    [
        (timedelta(minutes=1, seconds=5), "1 minute ago"),
        (timedelta(minutes=9, seconds=50), "9 minutes ago"),
        (timedelta(minutes=10, seconds=15), None),  # more than ten minutes: a new session
        (timedelta(hours=3), None),
    ],
)
def test_the_ten_minutes(cli, alslog_home: Path, ago: timedelta, noted: str | None) -> None:  # type: ignore[no-untyped-def]
    add(cli, "stretching", "10", "--at", yesterday())  # for any day: when it was *logged* counts
    logged_ago(alslog_home, ago)
    result = cli("add", "stretching", "10")
    assert result.code == 0, result.err
    if noted is None:
        assert "Note:" not in result.out
    else:
        assert result.out.splitlines()[0] == f"{NOTE} {noted}; saved again."
    assert len(sessions(cli)) == 2


def test_json_keeps_stdout_a_document_and_notes_on_stderr(cli) -> None:  # type: ignore[no-untyped-def]
    add(cli, "rom", "10")
    result = cli("add", "rom", "10", "--json")
    assert result.code == 0
    assert json.loads(result.out)["version"] == 1
    assert result.err.strip() == f"{NOTE} less than a minute ago; saved again."


def test_again_and_routines_are_noted_too(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    add(cli, "rom", "10")
    result = cli("again", "--yes")
    assert result.out.splitlines()[0] == f"{NOTE} less than a minute ago; saved again."
    alslog_home.mkdir(parents=True, exist_ok=True)
    (alslog_home / "config.toml").write_text(
        "[routines]\n"
        'morning = [{kind = "stretching", minutes = 10}, {kind = "rom", minutes = 5}]\n',
        encoding="utf-8",
    )
    first = cli("add", "--routine", "morning")
    assert first.code == 0 and "Note:" not in first.out  # rom 5 is not rom 10
    second = cli("add", "--routine", "morning")
    assert second.code == 0
    assert second.out.splitlines()[:2] == [  # plain: one line each, words spelled out
        "Note: the same session (stretching, 10 minutes) was logged less than a minute ago; "
        "saved again.",
        second.out.splitlines()[1],
    ]
    assert second.out.splitlines()[1].startswith("Logged: stretching, 10 minutes")
    assert len(sessions(cli)) == 6


def test_removed_or_undone_sessions_are_not_duplicates(cli) -> None:  # type: ignore[no-untyped-def]
    first = add(cli, "rom", "10")
    assert cli("rm", first["id"], "--yes").code == 0
    assert "Note:" not in cli("add", "rom", "10").out
    assert cli("undo").code == 0
    assert "Note:" not in cli("add", "rom", "10").out


def test_the_same_session_through_the_real_program(run_alslog) -> None:  # type: ignore[no-untyped-def]
    assert run_alslog("add", "rom", "10").code == 0
    result = run_alslog("add", "rom", "10")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == f"{NOTE} less than a minute ago; saved again."
    repeated = run_alslog("again", "--json")
    assert json.loads(repeated.out)["session"]["kind"] == "rom"
    assert repeated.err.strip() == f"{NOTE} less than a minute ago; saved again."
