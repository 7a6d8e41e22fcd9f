"""Plain output: for listening with a screen reader and for pasting.

Output that is not a terminal, ``--plain`` and ``config set plain true`` give
text with no bars, no hard wrapping and the short forms said in words; a
terminal keeps its look (``NO_COLOR`` drops only the colour).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pexpect
from hypothesis import given, settings
from hypothesis import strategies as st

from alslog.views.term import MAX_WIDTH, Term, spoken
from conftest import alslog_command

ANSI = re.compile(r"\x1b\[[0-9;]*m")
BLOCKS = set("█▇▆▅▄▃▂▁▏▎▍▌▋▊▉─│┌┐└┘═║╔╗╚╝")
REPEATED = re.compile(r"([^\w\s])\1\1")  # ###, ---, ===, ***, ... and the like
SHORT_DAY = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
)
SHORT_FORMS = re.compile(r"\b\d+ min\b|\b\d+/10\b|\b\d+-\d+\b")
WORDS_MAX = 250


def days_ago(n: int) -> str:
    return (date.today() - timedelta(days=n)).isoformat()


def readme_week(cli) -> None:  # type: ignore[no-untyped-def]
    """The README's "Everyday use" commands, after a few days of stretching and range of motion."""
    for args in (
        ("add", "stretching", "10", "--at", f"{days_ago(5)} 09:00"),
        ("add", "rom", "10", "--at", f"{days_ago(5)} 09:20"),
        ("add", "stretching", "10", "--at", f"{days_ago(4)} 09:00"),
        ("add", "stretching", "10", "--at", f"{days_ago(3)} 09:00"),
        ("add", "rom", "10", "--at", f"{days_ago(3)} 09:20"),
        ("add", "aerobic", "20", "-a", "walking", "--rpe", "13", "--at", f"{days_ago(3)} 11:00"),
        ("add", "stretching", "15"),
        ("add", "aerobic", "30", "-a", "walking", "--rpe", "12", "--talk"),
        ("add", "rom", "10", "--assisted", "--at", "yesterday"),
        ("checkin", "--aching", "--where", "calves"),
    ):
        result = cli(*args)
        assert result.code == 0, (args, result.err)


def assert_listenable(text: str, *, details: str | None = None) -> None:
    """No bars or boxes, no run of symbols, no line broken inside a phrase, words spelled out.

    ``details``: the start of the line that an indented line of details follows.
    """
    assert not set(text) & BLOCKS
    assert not REPEATED.search(text), REPEATED.search(text)
    assert "\x1b" not in text
    lines = text.splitlines()
    for before, line in zip(["", *lines], lines, strict=False):
        if line.startswith("  ") and details and before.startswith(details):
            line = line[2:]
        assert not line.startswith(" "), f"a continuation line: {line!r}"
        assert "  " not in line, f"a double space: {line!r}"
    assert not SHORT_DAY.search(text), SHORT_DAY.search(text)
    assert not SHORT_FORMS.search(text), SHORT_FORMS.search(text)


def test_the_readme_week_is_short_and_reads_well(cli) -> None:  # type: ignore[no-untyped-def]
    readme_week(cli)
    result = cli("week", "--plain")
    assert result.code == 0, result.err
    assert_listenable(result.out)
    assert len(result.out.split()) <= WORDS_MAX, result.out
    # the chart is one sentence of numbers, the days are named in full
    assert re.search(r"^Minutes per day, \w+day to \w+day: (\d+, ){6}\d+\.$", result.out, re.M)
    assert re.search(r"^Week \w+day \d+ \w+ to \w+day \d+ \w+ \d{4}$", result.out, re.M)
    assert "aching (calves)" in result.out
    assert "things to look at:" in result.out
    missed = date.today() - timedelta(days=2)  # said by its weekday: it is this week
    assert f"Note: No range-of-motion exercises logged for {missed:%A}." in result.out


def test_without_a_terminal_output_is_plain(cli, run_alslog) -> None:  # type: ignore[no-untyped-def]
    readme_week(cli)
    week = run_alslog("week")  # the real program, its output a pipe
    assert week.code == 0, week.err
    assert week.out == cli("week", "--plain").out
    assert_listenable(week.out)


def test_add_says_minutes_and_puts_the_id_last(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "aerobic", "35", "-a", "walking", "--rpe", "15", "--at", "yesterday 10:05")
    assert result.code == 0, result.err
    first = result.out.splitlines()[0]
    assert re.fullmatch(
        r"Logged: aerobic, 35 minutes \(walking\), effort 15; yesterday 10:05\. \(id [a-z0-9]{6}\)",
        first,
    )
    assert_listenable(result.out)
    assert "Caution: 35 minutes of aerobic exercise is more than the suggested 30." in result.out


def test_checkin_says_out_of_ten(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("checkin", "--aching", "--where", "calves", "--level", "3", "--fatigue", "10")
    assert result.out.startswith(
        "Checked in for today: aching (calves, 3 out of 10), fatigue 10 out of 10"
    )


def test_trend_starts_at_the_first_week_with_data(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "aerobic", "20", "--at", days_ago(9)).code == 0
    assert cli("add", "stretching", "10").code == 0
    result = cli("trend", "--weeks", "6")
    assert result.code == 0, result.err
    assert result.out.startswith("2 weeks, ")
    assert result.out.count("Week of ") == 2 and "Nothing logged." not in result.out
    assert_listenable(result.out, details="Week of ")
    doc = json.loads(cli("trend", "--weeks", "6", "--json").out)
    assert len(doc["weeks"]) == 6  # the JSON keeps the period asked for


def test_trend_with_nothing_logged_is_one_week(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("trend")
    assert result.code == 0
    assert result.out.startswith("1 week, ") and result.out.count("Nothing logged.") == 1


# ---- the plain setting --------------------------------------------------------------------
def terminal(home: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """What ``alslog ARGS`` shows in an 80-column terminal, colour codes removed."""
    import os

    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "ALSLOG_PLAIN", "COLUMNS")}
    full.update({"ALSLOG_HOME": str(home), "TERM": "xterm-256color", **(env or {})})
    command = alslog_command()
    child = pexpect.spawn(
        command[0],
        [*command[1:], *args],
        env=full,
        dimensions=(60, 80),
        encoding="utf-8",
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before).replace("\r", "")


def test_a_terminal_keeps_its_look_and_the_setting_makes_it_plain(  # type: ignore[no-untyped-def]
    cli, alslog_home: Path
) -> None:
    readme_week(cli)
    looks = terminal(alslog_home, "week", "--yes")
    assert "█" in looks and "\x1b[" in looks  # bars, in colour
    assert any(line.startswith("  ") for line in looks.splitlines())  # wrapped to 80 columns
    assert "Tue " in looks or "Mon " in looks or "Sun " in looks or "Wed " in looks
    no_color = terminal(alslog_home, "week", "--yes", env={"NO_COLOR": "1"})
    assert "\x1b" not in no_color and "#" in no_color  # the look, without colour
    assert all(len(line) <= MAX_WIDTH for line in no_color.splitlines())

    said = cli("config", "set", "plain", "true")
    assert said.code == 0 and "Set plain to 'true'" in said.out
    assert "plain = true" in cli("config", "show").out
    plain = terminal(alslog_home, "week", "--yes")
    assert_listenable(ANSI.sub("", plain))
    assert "\x1b[" not in plain
    assert ANSI.sub("", plain).strip() == cli("week", "--plain").out.strip()

    assert cli("config", "set", "plain", "no").code == 0
    assert "█" in terminal(alslog_home, "week", "--yes")
    assert cli("config", "set", "plain", "").code == 0
    assert "plain" not in cli("config", "show").out


def test_bad_plain_values_are_refused(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    bad = cli("config", "set", "plain", "maybe")
    assert bad.code == 2 and bad.err.count("\n") == 1
    assert "plain must be true or false, not 'maybe'" in bad.err
    assert not (alslog_home / "config.toml").exists()  # nothing written
    (alslog_home / "config.toml").write_text('plain = "yes"\n')
    shown = cli("config", "show")
    assert shown.code == 3 and "plain: use true or false" in shown.err
    # a bad config file never turns a saved session into an error
    added = cli("add", "rom", "10", "-a", "seated")
    assert added.code == 0 and added.out.startswith("Logged: range of motion, 10 minutes")


# ---- the words --------------------------------------------------------------------------
@settings(deadline=None)  # a shared machine: time is not what is tested
@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2999, 12, 31)))
def test_dates_times_and_iso_forms_are_left_alone(at: datetime) -> None:
    for text in (at.date().isoformat(), f"{at:%Y-%m-%d %H:%M}", f"{at:%H:%M}", at.isoformat()):
        assert spoken(text) == text


@settings(deadline=None)  # a shared machine: time is not what is tested
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_short_day_labels_are_said_in_full(day: date) -> None:
    assert spoken(f"{day:%a} {day.day} {day:%b}") == f"{day:%A} {day.day} {day:%B}"
    assert spoken(f"on {day:%a} {day.day} {day:%b %Y}.") == f"on {day:%A} {day.day} {day:%B %Y}."


def test_short_forms_in_words() -> None:
    assert spoken("1 min, 35 min; 3/10; the 6-20 scale, 11–13") == (
        "1 minute, 35 minutes; 3 out of 10; the 6 to 20 scale, 11 to 13"
    )
    for kept in (
        "(id 3h5-41) 10-minute bouts 1660-4601",
        "backups/2026-11--20261201T101010123456Z-1--a.json",
        "v1.2-3 and 4-5.6, 1/10/2026, 12:3-4",
    ):
        assert spoken(kept) == kept
    assert spoken("the 6-20.") == "the 6 to 20."


@settings(deadline=None)  # a shared machine: time is not what is tested
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=300))
def test_plain_text_is_never_wrapped(text: str) -> None:
    import io

    term = Term(color=False, width=40, stream=io.StringIO(), plain=True)
    lines = term.wrap(text, first="Caution: ", indent="  ")
    assert len(lines) == 1 and "\n" not in lines[0]
