"""Help that teaches, shell completion, and dates as people say them, through the CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest


def commands_listed(help_text: str) -> dict[str, str]:
    """The Commands section of the top-level help: name -> description."""
    section = help_text.split("Commands:", 1)[1].split("Examples:", 1)[0]
    rows = [line.split(None, 1) for line in section.splitlines() if line.strip()]
    return {row[0]: row[1] for row in rows}


def test_top_level_help_has_whole_descriptions_and_examples(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--help")
    assert result.code == 0
    listed = commands_listed(result.out)
    assert {"add", "week", "help", "completion"} <= set(listed)
    for name, text in listed.items():
        assert not text.endswith("..."), name  # not cut off mid-sentence
        assert text.endswith((".", "?")), name
    examples = [line.strip() for line in result.out.split("Examples:", 1)[1].splitlines()]
    assert len([line for line in examples if line.startswith("alslog ")]) >= 3


def test_help_command_is_the_same_as_the_option(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("help").out == cli("--help").out
    for words in (["add"], ["week"], ["config", "set"], ["guide"]):
        by_command = cli("help", *words)
        assert by_command.code == 0
        assert by_command.out == cli(*words, "--help").out
        assert by_command.out.startswith(f"Usage: alslog {' '.join(words)} ")


def test_help_for_an_unknown_command_is_one_line(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("help", "bogus")
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        "alslog: No such command 'bogus'. (see 'alslog --help')"
    ]


@pytest.mark.parametrize(
    ("words", "usage"),
    [
        (["edit"], "Usage: alslog edit [OPTIONS] ID"),
        (["rm"], "Usage: alslog rm [OPTIONS] ID"),
        (["config", "set"], "Usage: alslog config set [OPTIONS] KEY VALUE"),
        (["guide"], "Usage: alslog guide [OPTIONS] [TOPIC]"),
        (["add"], "Usage: alslog add [OPTIONS] [KIND] [MINUTES]"),
        (["import"], "Usage: alslog import [OPTIONS] FILE"),
        (["completion"], "Usage: alslog completion [OPTIONS] SHELL"),
    ],
)
def test_arguments_are_named_plainly(cli, words: list[str], usage: str) -> None:  # type: ignore[no-untyped-def]
    out = cli(*words, "--help").out
    assert out.splitlines()[0] == usage
    assert not re.search(r"[{}]|<str>|<path>", out.split("Options:")[0])


# ---- completion ----------------------------------------------------------------------
BASH = shutil.which("bash")


def complete(script: str, *words: str) -> list[str]:
    """What bash offers for the last of ``words`` (the command line so far)."""
    assert BASH is not None
    line = " ".join(f"'{w}'" for w in words)
    harness = (
        f"source {script}\n"
        f"COMP_WORDS=({line})\n"
        "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
        "_alslog\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        [BASH, "--norc", "-c", harness], capture_output=True, text=True, timeout=30, check=True
    )
    return sorted(line for line in done.stdout.splitlines() if line)


@pytest.fixture
def bash_script(run_alslog, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    result = run_alslog("completion", "bash")
    assert result.code == 0, result.err
    path = tmp_path / "alslog.bash"
    path.write_text(result.out, encoding="utf-8")
    return str(path)


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_bash_completes_commands_kinds_and_words(bash_script: str) -> None:
    assert complete(bash_script, "alslog", "ad") == ["add"]
    assert complete(bash_script, "alslog", "add", "str") == ["strength", "stretching"]
    assert complete(bash_script, "alslog", "add", "--at", "monday", "a") == ["aerobic"]
    assert complete(bash_script, "alslog", "add", "rom", "10", "--at", "yes") == ["yesterday"]
    assert complete(bash_script, "alslog", "week", "--e") == ["--end"]
    assert complete(bash_script, "alslog", "config", "s") == ["set", "show"]
    assert "activity.aerobic" in complete(bash_script, "alslog", "config", "set", "")
    assert complete(bash_script, "alslog", "config", "set", "name", "") == []
    assert complete(bash_script, "alslog", "guide", "r") == ["red-flags", "rom"]
    assert complete(bash_script, "alslog", "export", "-f", "") == ["csv", "json"]
    assert complete(bash_script, "alslog", "help", "che") == ["checkin"]
    assert complete(bash_script, "alslog", "completion", "") == ["bash", "fish", "zsh"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_every_shell_gets_a_script_naming_the_commands(cli, shell: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("completion", shell)
    assert result.code == 0 and result.err == ""
    option = "-l at" if shell == "fish" else "--at"
    for word in ("add", "checkin", "stretching", "red-flags", "aerobic_goal_minutes", option):
        assert word in result.out, (shell, word)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")
def test_zsh_script_loads(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "alslog.zsh"
    path.write_text(cli("completion", "zsh").out, encoding="utf-8")
    done = subprocess.run(["zsh", "-f", "-c", f"source {path}"], capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("shell", ["tcsh", "", "powershell"])
def test_unknown_shell_is_one_line(cli, shell: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("completion", shell)
    assert result.code == 2 and result.out == ""
    assert result.err.strip().splitlines() == [
        f"alslog: Unknown shell '{shell}': use bash, zsh or fish."
    ]


def test_everyday_commands_load_neither_the_script_maker_nor_the_date_library() -> None:
    check = (
        "import sys\n"
        "from alslog.cli import main\n"
        "try:\n"
        "    main(['add', 'rom', '10', '--at', 'yesterday 9:00', '--yes'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({'alslog.cli.completion', 'parsedatetime'} & set(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


# ---- dates as people say them, end to end ------------------------------------------
def local_now() -> datetime:
    return datetime.now().astimezone()


def test_add_at_a_weekday_and_yesterday_9am(cli) -> None:  # type: ignore[no-untyped-def]
    today = local_now().date()
    name = (today - timedelta(days=2)).strftime("%A").lower()
    doc = json.loads(cli("add", "rom", "10", "--at", f"{name} 18:00", "--json").out)
    assert doc["session"]["at"].startswith(f"{today - timedelta(days=2)}T18:00")
    doc = json.loads(cli("add", "rom", "10", "--at", "yesterday 9am", "--json").out)
    assert doc["session"]["at"].startswith(f"{today - timedelta(days=1)}T09:00")
    doc = json.loads(cli("add", "rom", "10", "--at", "3 days ago", "--json").out)
    assert doc["session"]["at"].startswith(f"{today - timedelta(days=3)}T12:00")


def test_week_end_and_list_since_take_words(cli) -> None:  # type: ignore[no-untyped-def]
    today = local_now().date()
    assert cli("add", "rom", "10", "--at", "4 days ago").code == 0
    week = json.loads(cli("week", "--end", "2 days ago", "--json").out)
    assert week["end"] == (today - timedelta(days=2)).isoformat()
    listed = cli("list", "--since", "5 days ago", "--until", "3 days ago")
    assert listed.code == 0 and "1 session" in listed.out
    assert "range of motion" not in cli("list", "--since", "2 days ago").out


@pytest.mark.parametrize(
    ("option", "text"),
    [("--at", "tomorrow"), ("--at", "12/11"), ("--at", "next monday"), ("--at", "soonish")],
)
def test_refused_words_write_nothing(cli, option: str, text: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "rom", "10", option, text)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "a weekday" in lines[0] and "Traceback" not in result.err
    assert json.loads(cli("list", "--json").out)["sessions"] == []


def test_checkin_date_refuses_a_time(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("checkin", "--no-aching", "--date", "yesterday 9am")
    assert result.code == 2
    assert "has a time of day" in result.err
