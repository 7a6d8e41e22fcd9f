"""The everyday commands through the CLI: add, checkin, week, guide; success and error paths."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from alslog import __version__


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file under ALSLOG_HOME (except the lock), with its bytes."""
    if not home.exists():
        return {}
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def days_ago(n: int) -> str:
    return (date.today() - timedelta(days=n)).isoformat()


def assert_one_line_error(result, code: int = 2) -> None:  # type: ignore[no-untyped-def]
    assert result.code == code, (result.code, result.out, result.err)
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    assert lines[0].startswith("alslog: ")
    assert "Traceback" not in result.err


# ---- add --------------------------------------------------------------------------
def test_add_prints_session_and_nothing_flagged(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "stretching", "15", "--at", f"{days_ago(1)} 09:00")
    assert result.code == 0, result.err
    assert "Logged: stretching, 15 min" in result.out
    assert "Nothing to flag" in result.out


def test_add_json_shape(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        "add",
        "aer",
        "25",
        "-a",
        "walking",
        "--rpe",
        "12",
        "--talk",
        "--symptom",
        "cramp",
        "--note",
        "park 🌳",
        "--json",
    )
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["version"] == 1
    session = doc["session"]
    assert set(session) == {
        "id",
        "kind",
        "activity",
        "minutes",
        "rpe",
        "at",
        "tired",
        "kept_going",
        "talk",
        "assisted",
        "symptoms",
        "note",
    }
    assert session["kind"] == "aerobic"
    assert session["minutes"] == 25
    assert session["activity"] == "walking"
    assert session["talk"] is True
    assert session["symptoms"] == ["cramp"]
    assert session["note"] == "park 🌳"
    at = datetime.fromisoformat(session["at"])
    assert at.utcoffset() is not None
    assert isinstance(doc["findings"], list)
    for finding in doc["findings"]:
        assert {"rule", "severity", "date", "message", "sessions"} <= set(finding)


def test_add_ids_are_unique_and_stable(cli) -> None:  # type: ignore[no-untyped-def]
    ids = {json.loads(cli("add", "rom", "10", "--json").out)["session"]["id"] for _ in range(5)}
    assert len(ids) == 5
    listed = json.loads(cli("week", "--json").out)
    assert listed["days"][-1]["sessions"] == 5


@pytest.mark.parametrize(("rpe", "flagged"), [("13", False), ("14", True)])
def test_add_above_moderate_boundary(cli, rpe: str, flagged: bool) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(cli("add", "aerobic", "20", "--rpe", rpe, "--json").out)
    rules = {f["rule"] for f in doc["findings"]}
    assert ("above-moderate" in rules) is flagged


def test_add_long_aerobic_boundary(cli) -> None:  # type: ignore[no-untyped-def]
    ok = json.loads(cli("add", "aerobic", "30", "--json").out)
    long = json.loads(cli("add", "aerobic", "31", "--json").out)
    assert "long-aerobic" not in {f["rule"] for f in ok["findings"]}
    assert "long-aerobic" in {f["rule"] for f in long["findings"]}


def test_add_kept_going_warns(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "aerobic", "20", "--kept-going")
    assert result.code == 0
    assert "Warning:" in result.out
    doc = json.loads(cli("add", "aerobic", "20", "--kept-going", "--json").out)
    finding = next(f for f in doc["findings"] if f["rule"] == "pushed-through-fatigue")
    assert finding["severity"] == "warning"
    assert finding["sessions"] == [doc["session"]["id"]]


def test_add_red_flag_alert_cannot_be_missed(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "aerobic", "10", "--symptom", "chest pain", "--plain")
    assert result.code == 0
    assert "ALERT:" in result.out
    assert "STOP" in result.out
    assert "care team" in result.out
    doc = json.loads(cli("add", "aerobic", "10", "--symptom", "chest pain", "--json").out)
    assert doc["findings"][0]["rule"] == "red-flag-symptom"
    assert doc["findings"][0]["severity"] == "alert"


def test_add_strength_caution(cli) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(cli("add", "strength", "15", "--json").out)
    assert "strength-caution" in {f["rule"] for f in doc["findings"]}


@pytest.mark.parametrize(
    "args",
    [
        ("add", "aerobic", "0"),
        ("add", "aerobic", "601"),
        ("add", "aerobic", "ten"),
        ("add", "aerobic", "20", "--rpe", "5"),
        ("add", "aerobic", "20", "--rpe", "21"),
        ("add", "aerobic", "20", "--rpe", "x"),
        ("add", "yoga", "20"),
        ("add", "s", "20"),
        ("add", "aerobic", "20", "--at", "tomorrow"),
        ("add", "aerobic", "20", "--at", "2999-01-01"),
        ("add", "aerobic", "20", "--at", "2026-02-30"),
        ("add", "aerobic", "20", "--bogus"),
        ("add",),
        ("add", "aerobic"),
    ],
)
def test_add_bad_input_is_one_line_exit_2_nothing_written(  # type: ignore[no-untyped-def]
    cli, alslog_home: Path, args: tuple[str, ...]
) -> None:
    cli("add", "rom", "10")  # an existing logbook must stay exactly as it was
    before = snapshot(alslog_home)
    result = cli(*args)
    assert_one_line_error(result, 2)
    assert snapshot(alslog_home) == before


def test_add_bad_minutes_message_says_what_is_accepted(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "aerobic", "601")
    assert "1 to 600" in result.err


def test_add_with_bad_guideline_file_writes_nothing(  # type: ignore[no-untyped-def]
    cli, alslog_home: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "mine.toml"
    bad.write_text("schema = 1\n[rules.above-moderate]\nseverity = 'severe'\n", encoding="utf-8")
    result = cli("add", "rom", "10", "--guidelines", str(bad))
    assert_one_line_error(result, 3)
    assert "mine.toml" in result.err
    assert snapshot(alslog_home) == {}


def test_personal_guideline_copy_overrides_shipped(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    from alslog.paths import shipped_guidelines

    text = shipped_guidelines().read_text(encoding="utf-8")
    assert "minutes_max = 30" in text
    alslog_home.mkdir(parents=True, exist_ok=True)
    (alslog_home / "guidelines.toml").write_text(
        text.replace("minutes_max = 30", "minutes_max = 20"), encoding="utf-8"
    )
    doc = json.loads(cli("add", "aerobic", "25", "--json").out)
    assert "long-aerobic" in {f["rule"] for f in doc["findings"]}


# ---- checkin -----------------------------------------------------------------------
def test_checkin_aching_flags_previous_days_sessions(cli) -> None:  # type: ignore[no-untyped-def]
    day1 = json.loads(cli("add", "aerobic", "40", "--at", f"{days_ago(2)} 10:00", "--json").out)
    day0 = json.loads(cli("add", "aerobic", "20", "--at", f"{days_ago(1)} 10:00", "--json").out)
    old = json.loads(cli("add", "aerobic", "20", "--at", f"{days_ago(3)} 10:00", "--json").out)
    result = cli("checkin", "--aching", "--where", "calves", "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["version"] == 1
    assert doc["checkin"]["aching"] is True
    flagged = {sid for f in doc["findings"] for sid in f["sessions"]}
    assert day1["session"]["id"] in flagged
    assert day0["session"]["id"] in flagged
    assert old["session"]["id"] not in flagged
    assert all(f["rule"] == "next-day-aching" for f in doc["findings"])
    text = cli("checkin", "--aching", "--plain")
    assert "Updated the check-in" in text.out
    assert "Caution:" in text.out or "Warning:" in text.out


def test_checkin_no_aching_flags_nothing(cli) -> None:  # type: ignore[no-untyped-def]
    cli("add", "aerobic", "40", "--at", "yesterday")
    doc = json.loads(cli("checkin", "--no-aching", "--fatigue", "3", "--json").out)
    assert doc["findings"] == []
    assert doc["checkin"]["fatigue"] == 3


@pytest.mark.parametrize(
    "args",
    [
        ("checkin", "--fatigue", "11"),
        ("checkin", "--fatigue", "-1"),
        ("checkin", "--aching", "--date", "tomorrow"),
        ("checkin", "--aching", "--date", "2999-01-01"),
        ("checkin",),
    ],
)
def test_checkin_bad_input(cli, alslog_home: Path, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(alslog_home)
    assert_one_line_error(cli(*args), 2)
    assert snapshot(alslog_home) == before


# ---- week ------------------------------------------------------------------------
def test_week_json_shape_and_counts(cli) -> None:  # type: ignore[no-untyped-def]
    cli("add", "stretching", "10", "--at", f"{days_ago(2)} 08:00")
    cli("add", "rom", "10", "--at", f"{days_ago(2)} 08:15")
    cli("add", "aerobic", "30", "--rpe", "15", "--at", f"{days_ago(1)} 11:00")
    cli("add", "aerobic", "20", "--at", f"{days_ago(9)} 11:00")  # outside the week
    doc = json.loads(cli("week", "--json").out)
    assert doc["version"] == 1
    assert doc["end"] == date.today().isoformat()
    assert doc["start"] == days_ago(6)
    assert [d["date"] for d in doc["days"]] == [days_ago(n) for n in range(6, -1, -1)]
    two = doc["days"][4]
    assert two["minutes"] == {"stretching": 10, "rom": 10, "aerobic": 0, "strength": 0, "other": 0}
    assert two["sessions"] == 2
    assert doc["days"][5]["minutes"]["aerobic"] == 30
    assert doc["totals"]["minutes"]["aerobic"] == 30
    assert doc["totals"]["aerobic_days"] == 1
    ranks = ["info", "caution", "warning", "alert"]
    severities = [ranks.index(f["severity"]) for f in doc["findings"]]
    assert severities == sorted(severities, reverse=True)
    rules = {f["rule"] for f in doc["findings"]}
    assert "above-moderate" in rules
    missed = {f["date"] for f in doc["findings"] if f["rule"] == "daily-stretching"}
    assert days_ago(1) in missed  # logbook started, no stretching
    assert days_ago(7) not in missed and date.today().isoformat() not in missed


def test_week_days_before_first_entry_do_not_count(cli) -> None:  # type: ignore[no-untyped-def]
    cli("add", "stretching", "10", "--at", f"{days_ago(1)} 08:00")
    doc = json.loads(cli("week", "--json").out)
    missed = [f for f in doc["findings"] if f["rule"] in ("daily-stretching", "daily-rom")]
    assert [(f["rule"], f["date"]) for f in missed] == [("daily-rom", days_ago(1))]


def test_week_text_reads_at_a_glance(cli) -> None:  # type: ignore[no-untyped-def]
    cli("add", "stretching", "10", "--at", f"{days_ago(1)} 08:00")
    cli("add", "aerobic", "20", "-a", "walking", "--tired", "--at", f"{days_ago(1)} 11:00")
    result = cli("week", "--plain")
    assert result.code == 0
    assert "yesterday:" in result.out
    assert "stretching 10, aerobic 20 minutes" in result.out
    assert "tired" in result.out
    assert "Daily stretching: 1 of 2 days" in result.out
    assert "Minutes per day, " in result.out
    assert "\x1b[" not in result.out
    assert not any(line.startswith(" ") for line in result.out.splitlines())  # never wrapped


def test_week_end_option(cli) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(cli("week", "--end", "2026-01-10", "--json").out)
    assert doc["start"] == "2026-01-04" and doc["end"] == "2026-01-10"


@pytest.mark.parametrize("end", ["tomorrow", "2999-01-01", "10/01/2026"])
def test_week_bad_end(cli, end: str) -> None:  # type: ignore[no-untyped-def]
    assert_one_line_error(cli("week", "--end", end), 2)


def test_empty_week(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("week")
    assert result.code == 0
    assert "Nothing flagged" in result.out


# ---- guide, version, help -----------------------------------------------------------
def test_guide_overview_and_topics(cli) -> None:  # type: ignore[no-untyped-def]
    overview = cli("guide")
    assert overview.code == 0
    assert "Not medical advice" in overview.out
    for topic in ("stretching", "rom", "aerobic", "strength", "fatigue", "aching", "red-flags"):
        result = cli("guide", topic)
        assert result.code == 0, (topic, result.err)
        assert "Source" in result.out


def test_guide_unknown_topic(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("guide", "yoga")
    assert_one_line_error(result, 2)
    assert "stretching" in result.err


def test_version_and_help(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("--version").out.strip() == f"alslog {__version__}"
    for command in ("add", "checkin", "week", "guide"):
        result = cli(command, "--help")
        assert result.code == 0
        assert "Example" in result.out


def test_no_arguments_shows_help(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli()
    assert result.code == 0
    assert "Commands:" in result.out


# ---- the installed program, as a real process ------------------------------------------
def test_installed_command_end_to_end(run_alslog) -> None:  # type: ignore[no-untyped-def]
    added = run_alslog("add", "rom", "10", "--assisted")
    assert added.code == 0, added.err
    assert "Logged: range of motion, 10 min" in added.out
    week = run_alslog("week", "--json")
    assert week.code == 0, week.err
    assert json.loads(week.out)["totals"]["minutes"]["rom"] == 10
    guide = run_alslog("guide", "aerobic")
    assert guide.code == 0 and "Source" in guide.out
    bad = run_alslog("add", "aerobic", "999")
    assert bad.code == 2 and "Traceback" not in bad.err


def test_changing_time_zone_between_runs_keeps_stored_instants(run_alslog) -> None:  # type: ignore[no-untyped-def]
    added = run_alslog(
        "add", "rom", "10", "--at", "2026-06-15 09:30", "--json", env={"TZ": "America/New_York"}
    )
    assert added.code == 0, added.err
    at = json.loads(added.out)["session"]["at"]
    assert at == "2026-06-15T09:30:00-04:00"
    week = run_alslog("week", "--end", "2026-06-16", "--json", env={"TZ": "Asia/Tokyo"})
    assert week.code == 0, week.err
    doc = json.loads(week.out)
    # the session stays on the day it was logged, at the instant it was logged
    assert next(d for d in doc["days"] if d["date"] == "2026-06-15")["minutes"]["rom"] == 10
    listed = run_alslog("add", "rom", "5", "--json", env={"TZ": "Asia/Tokyo"})
    assert json.loads(listed.out)["session"]["at"].endswith("+09:00")


def test_checkin_aching_level(cli) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(cli("checkin", "--level", "6", "--where", "calves", "--json").out)
    assert doc["checkin"]["aching"] is True and doc["checkin"]["aching_level"] == 6
    text = cli("checkin", "--aching", "--level", "0", "--plain")
    assert "aching (calves, 0 out of 10)" in text.out  # the second check-in adds to the first
    assert_one_line_error(cli("checkin", "--level", "11"), 2)
    week = cli("week", "--plain")
    assert "aching (calves, 0 out of 10)" in week.out


@pytest.mark.parametrize("command", ["add", "ready", "again", "checkin"])
def test_closed_stdin_never_asks_and_never_crashes(alslog_home: Path, command: str) -> None:
    import subprocess

    from conftest import alslog_command

    env = {**__import__("os").environ, "ALSLOG_HOME": str(alslog_home)}
    proc = subprocess.run(
        [*alslog_command(), command],
        stdin=None,
        capture_output=True,
        text=True,
        env=env,
        close_fds=True,
        preexec_fn=lambda: __import__("os").close(0),
        timeout=30,
    )
    assert "unexpected error" not in proc.stderr and "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1, 2), proc.stderr


def test_a_longer_aching_window_reaches_checkin_and_week(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    from alslog.paths import shipped_guidelines

    text = shipped_guidelines().read_text(encoding="utf-8")
    assert "days_before = 2" in text
    alslog_home.mkdir(parents=True, exist_ok=True)
    (alslog_home / "guidelines.toml").write_text(
        text.replace("days_before = 2", "days_before = 5"), encoding="utf-8"
    )
    far = json.loads(cli("add", "aerobic", "30", "--at", days_ago(5), "--json").out)
    near = json.loads(cli("add", "aerobic", "30", "--at", days_ago(2), "--json").out)
    doc = json.loads(cli("checkin", "--aching", "--json").out)
    flagged = {sid for f in doc["findings"] for sid in f["sessions"]}
    assert {far["session"]["id"], near["session"]["id"]} <= flagged
    week = json.loads(cli("week", "--json").out)
    aching = {
        sid for f in week["findings"] if f["rule"] == "next-day-aching" for sid in f["sessions"]
    }
    assert far["session"]["id"] in aching


def test_escape_sequences_in_text_never_reach_the_terminal_raw(cli) -> None:  # type: ignore[no-untyped-def]
    note = "a\x1b[31mred\x07"
    added = cli("add", "rom", "10", "-a", "chair\x1b[2J", "--note", note, "--json")
    assert json.loads(added.out)["session"]["note"] == note  # stored exactly as typed
    for args in (("list",), ("week",), ("add", "rom", "5", "--symptom", "x\x1b[31m")):
        result = cli(*args)
        assert "\x1b" not in result.out and "\x07" not in result.out, args
    assert "\\x1b" in cli("list").out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("add", "aerobic", "20", "--rpe", "12.5"), "give a whole number"),
        (("checkin", "--fatigue", "5.5"), "give a whole number"),
        (("add", "stretching", "-1"), "never negative"),
    ],
)
def test_number_errors_say_what_is_accepted(cli, args: tuple[str, ...], says: str) -> None:  # type: ignore[no-untyped-def]
    result = cli(*args)
    assert_one_line_error(result, 2)
    assert says in result.err


def test_personal_guideline_path_that_is_not_a_file_is_an_error(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    (alslog_home / "guidelines.toml").mkdir(parents=True)
    result = cli("add", "rom", "10")
    assert_one_line_error(result, 3)
    assert "personal guideline file" in result.err


def test_every_command_has_help_with_an_example(cli) -> None:  # type: ignore[no-untyped-def]
    from alslog.cli.app import whole_app

    app = whole_app()

    names = [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands]  # type: ignore[union-attr]
    names += [str(g.name or g.typer_instance.info.name) for g in app.registered_groups]  # type: ignore[union-attr]
    assert {"add", "week", "guide", "config", "doctor", "report"} <= set(names)
    names += ["config show", "config set", "config path"]
    for name in names:
        result = cli(*name.split(), "--help")
        assert result.code == 0, name
        assert "Example" in result.out, name
        examples = result.out.split("Example", 1)[1].splitlines()[1:]
        commands = [line.strip() for line in examples if line.strip()]
        assert commands, name
        for line in commands:  # one whole example a line, ready to copy
            assert line.startswith(f"alslog {name}"), (name, line)
            assert " | alslog" not in line and line.count("alslog ") == 1, (name, line)
