"""The files around the logbook and the edges of the process, through the real program.

Settings written by processes at once, hostile text quoted back in messages,
config and guideline files built to break the parser, a forged guideline
cache, a full disk or a closed pipe on standard output, Ctrl-C at any moment
of start-up, empty dates, and the default activity per kind.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import random
import signal
import subprocess
import time
import tomllib
from pathlib import Path

import pytest

from conftest import alslog_command

# Ctrl-C timing and closed pipes: on one worker, so another test's load cannot shift them.
pytestmark = pytest.mark.xdist_group("serial")


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["ALSLOG_HOME"] = str(home)
    env.pop("ALSLOG_DEBUG", None)
    env.update(extra)
    return env


def _files(home: Path) -> dict[str, bytes]:
    """Every file under the home, cache excluded (it is safe to rewrite)."""
    if not home.exists():
        return {}
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and "cache" not in p.parts and p.name != ".lock"
    }


def _one_clean_line(err: str) -> None:
    assert "Traceback" not in err, err
    assert "unexpected error" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("alslog: "), err


# ---- config set takes the logbook's lock ------------------------------------------
def test_three_processes_setting_routines_at_once_keep_all_45(alslog_home: Path) -> None:
    loop = (
        'for i in $(seq 1 15); do "$ALSLOG" config set "routine.p${P}r$i" "rom $i" '
        ">/dev/null || echo FAILED $i; done"
    )
    procs = [
        subprocess.Popen(
            ["sh", "-c", loop],
            env=_env(alslog_home, P=str(p), ALSLOG=alslog_command()[0]),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in range(3)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and "FAILED" not in out, (out, err)
        assert "Traceback" not in err, err
    routines = tomllib.loads((alslog_home / "config.toml").read_text("utf-8"))["routines"]
    assert len(routines) == 45
    assert routines["p2r15"] == [{"kind": "rom", "minutes": 15}]


# ---- hostile text is escaped wherever it is quoted back ------------------------------
def test_escape_sequences_in_an_import_file_never_reach_the_terminal(
    run_alslog, alslog_home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "x.csv"
    bad.write_bytes(b"id,at,kind,minutes\nabcd1234abcd,\x1b]52;c;SGVsbG8=\x07\x1b[2J,rom,10\n")
    result = run_alslog("import", str(bad))
    assert result.code != 0
    _one_clean_line(result.err)
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert "\\x1b" in result.err
    assert _files(alslog_home) == {}


def test_bidi_controls_are_shown_escaped_in_notes_and_in_errors(
    run_alslog, alslog_home: Path
) -> None:  # type: ignore[no-untyped-def]
    assert run_alslog("add", "rom", "5", "--note", "abc\u202edef", "--yes").code == 0
    listed = run_alslog("list")
    assert "\u202e" not in listed.out and "abc\\u202edef" in listed.out
    refused = run_alslog("add", "rom", "5", "--at", "to\u2066day\x1b[2J", "--yes")
    assert refused.code == 2
    _one_clean_line(refused.err)
    assert "\u2066" not in refused.err and "\x1b" not in refused.err
    assert "\\u2066" in refused.err
    stored = json.loads(run_alslog("export").out)
    assert stored["sessions"][0]["note"] == "abc\u202edef"  # stored as typed


def test_settings_are_shown_escaped(run_alslog) -> None:  # type: ignore[no-untyped-def]
    for key, value in (("name", "Sam\u202e\x1b[2J"), ("activity.aerobic", "walk\u2066\x07")):
        result = run_alslog("config", "set", key, value)
        assert result.code == 0, result.err
        assert not set(result.out) & {"\u202e", "\u2066", "\x1b", "\x07"}, result.out
    shown = run_alslog("config", "show")
    assert not set(shown.out) & {"\u202e", "\u2066", "\x1b", "\x07"}, shown.out
    as_json = json.loads(run_alslog("config", "show", "--json").out)
    assert as_json["config"]["name"] == "Sam\u202e\x1b[2J"  # JSON, for scripts: as stored


# ---- config.toml and guidelines.toml built to break the parser -----------------------
DEEP = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"
HUGE = "aerobic_goal_minutes = 1" + "0" * 5_000 + "\n"


@pytest.mark.parametrize("text", [DEEP, HUGE], ids=["deep", "huge-number"])
def test_a_config_file_built_to_break_the_parser_is_one_line_exit_3(
    run_alslog, alslog_home: Path, text: str
) -> None:  # type: ignore[no-untyped-def]
    alslog_home.mkdir(parents=True, exist_ok=True)
    (alslog_home / "config.toml").write_text(text, "utf-8")
    before = _files(alslog_home)
    for args in (
        ("config", "show"),
        ("config", "set", "name", "Sam"),
        ("add", "aerobic", "20", "--yes"),
    ):
        result = run_alslog(*args)
        assert result.code == 3, (args, result.err)
        _one_clean_line(result.err)
        assert "config.toml" in result.err and ("fix" in result.err or "delete" in result.err)
    assert _files(alslog_home) == before


@pytest.mark.parametrize("text", [DEEP, HUGE.replace("aerobic_goal_minutes", "x")])
def test_a_personal_guideline_file_built_to_break_the_parser_is_one_line_exit_3(
    run_alslog, alslog_home: Path, text: str
) -> None:  # type: ignore[no-untyped-def]
    alslog_home.mkdir(parents=True, exist_ok=True)
    (alslog_home / "guidelines.toml").write_text("schema = 1\n" + text, "utf-8")
    before = _files(alslog_home)
    for args in (("add", "rom", "5", "--yes"), ("week",), ("guide",)):
        result = run_alslog(*args)
        assert result.code == 3, (args, result.err)
        _one_clean_line(result.err)
        assert "guidelines.toml" in result.err
    assert _files(alslog_home) == before


# ---- the guideline cache is never trusted to run code --------------------------------
class _Forged:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


def test_a_forged_guideline_cache_is_a_miss_never_code_run(
    run_alslog, alslog_home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from alslog import paths
    from alslog.guidelines import cache as guideline_cache

    shipped = paths.shipped_guidelines()
    key = guideline_cache.key(shipped, shipped.read_bytes())
    cache = alslog_home / "cache" / "guidelines.pickle"
    cache.parent.mkdir(parents=True)
    marker = tmp_path / "ran"
    for body in (
        pickle.dumps(_Forged(marker)),
        pickle.dumps({"not": "guidelines"}),
        b"\x80\x05garbage",
        pickle.dumps(shipped),  # an allowed class, but not guidelines
    ):
        # With its checksum right (anyone can compute it): the unpickler is what refuses it.
        forged = key + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body
        cache.write_bytes(forged)
        result = run_alslog("add", "rom", "5", "--yes")
        assert result.code == 0, result.err
        assert result.err == ""
        assert not marker.exists()
        # The miss was revalidated from the toml and a good cache written in its place.
        assert cache.read_bytes().startswith(key + b" ")
        assert cache.read_bytes() != forged
    assert run_alslog("week").code == 0  # and the rewritten cache is a hit that works


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_place_of_the_cache_or_the_config_never_hangs(
    run_alslog, alslog_home: Path
) -> None:  # type: ignore[no-untyped-def]
    assert run_alslog("add", "rom", "5", "--yes").code == 0
    cache = alslog_home / "cache" / "guidelines.pickle"
    cache.unlink()
    os.mkfifo(cache)
    assert run_alslog("week", timeout=30).code == 0  # a miss: checked from the toml
    os.mkfifo(alslog_home / "config.toml")
    refused = run_alslog("config", "show", timeout=30)
    assert refused.code == 3
    _one_clean_line(refused.err)
    assert "config.toml is not a file" in refused.err


# ---- standard output that cannot be written -------------------------------------------
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("export",), ("week", "--json"), ("list",), ("week",)])
def test_a_full_disk_on_standard_output_is_one_line_exit_5(
    run_alslog, alslog_home: Path, args: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    assert run_alslog("add", "rom", "5", "--yes").code == 0
    for buffered in ("", "1"):  # with and without Python's output buffer
        with open("/dev/full", "w") as full:
            proc = subprocess.run(
                [*alslog_command(), *args],
                env=_env(alslog_home, PYTHONUNBUFFERED=buffered),
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                timeout=60,
            )
        assert proc.returncode == 5, proc.stderr
        _one_clean_line(proc.stderr)
        assert "the disk is full" in proc.stderr


def test_a_closed_pipe_ends_quietly_with_exit_0(alslog_home: Path) -> None:
    env = _env(alslog_home)
    for minutes in range(1, 40):
        subprocess.run(
            [*alslog_command(), "add", "rom", str(minutes), "--yes", "--at", "yesterday"],
            env=env,
            capture_output=True,
            check=True,
        )
    for args in (("export",), ("list",)):
        proc = subprocess.Popen(
            [*alslog_command(), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader is gone before anything was written, like `| head -0`
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0, err
        assert err == ""


# ---- Ctrl-C at any moment ----------------------------------------------------------------
def _python_itself(err: str) -> bool:
    """Whether a report on stderr is Python's own, from before alslog's first line ran.

    A Ctrl-C while the interpreter still imports its ``site`` module is a
    "Fatal Python error" of Python's start-up; one just before the script's
    first line shows only "line 0" of it, or no frame at all. No program can
    handle those.
    """
    if err.startswith("Fatal Python error: init_"):
        return True
    if err.strip() == "KeyboardInterrupt":  # raised with no frame at all: before line one
        return True
    frames = [line for line in err.splitlines() if line.lstrip().startswith("File ")]
    return bool(frames) and all(line.rstrip().endswith("line 0, in <module>") for line in frames)


@pytest.mark.slow
def test_ctrl_c_at_any_early_moment_is_interrupted_never_a_traceback(alslog_home: Path) -> None:
    env = _env(alslog_home)
    rng = random.Random(10)
    seen: dict[str, int] = {}
    for attempt in range(40):
        args = ("add", "rom", "5", "--yes") if attempt % 2 else ("week",)
        proc = subprocess.Popen(
            [*alslog_command(), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0, 0.3))
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
        if _python_itself(err):
            seen["python's start-up"] = seen.get("python's start-up", 0) + 1
            continue
        assert "Traceback" not in err, err
        # 130: our handling; -SIGINT: the signal came before Python itself was
        # running (the shell shows 130 too); 0: the command had finished.
        assert proc.returncode in (0, 130, -signal.SIGINT), (proc.returncode, err)
        if proc.returncode == 130:
            assert err.strip().splitlines()[-1] == "alslog: Interrupted.", err
        seen[str(proc.returncode)] = seen.get(str(proc.returncode), 0) + 1
    assert seen.get("130", 0) >= 10, seen  # the early window was hit, and handled
    listed = subprocess.run(
        [*alslog_command(), "list", "--json"], env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr


# ---- empty dates are refused like any bad date ---------------------------------------------
@pytest.mark.parametrize(
    ("args", "accepted"),
    [
        (("add", "rom", "5", "--at", ""), "YYYY-MM-DD HH:MM"),
        (("add", "--routine", "m", "--at", ""), "YYYY-MM-DD HH:MM"),
        (("again", "--at", ""), "YYYY-MM-DD HH:MM"),
        (("checkin", "--no-aching", "--date", ""), "YYYY-MM-DD"),
        (("list", "--since", ""), "YYYY-MM-DD"),
        (("list", "--until", ""), "YYYY-MM-DD"),
        (("export", "--since", ""), "YYYY-MM-DD"),
        (("week", "--end", ""), "YYYY-MM-DD"),
        (("trend", "--end", ""), "YYYY-MM-DD"),
    ],
)
def test_an_empty_date_is_refused_with_the_accepted_forms(
    run_alslog, alslog_home: Path, args: tuple[str, ...], accepted: str
) -> None:  # type: ignore[no-untyped-def]
    assert run_alslog("config", "set", "routine.m", "rom 5").code == 0
    assert run_alslog("add", "rom", "5", "--yes", "--at", "yesterday").code == 0
    before = _files(alslog_home)
    result = run_alslog(*args, "--yes") if args[0] in ("add", "again") else run_alslog(*args)
    assert result.code == 2, result.err
    _one_clean_line(result.err)
    assert accepted in result.err and "''" in result.err
    assert _files(alslog_home) == before


# ---- the default activity per kind --------------------------------------------------------
def test_the_default_activity_applies_to_every_add_unless_given(run_alslog) -> None:  # type: ignore[no-untyped-def]
    assert run_alslog("config", "set", "activity.aerobic", "walking").code == 0
    assert run_alslog("config", "set", "routine.m", "rom 5, aerobic 20").code == 0

    def logged(*args: str) -> list[str | None]:
        result = run_alslog(*args, "--yes", "--json")
        assert result.code == 0, result.err
        doc = json.loads(result.out)
        sessions = doc["sessions"] if "sessions" in doc else [doc["session"]]
        return [s.get("activity") for s in sessions]

    assert logged("add", "aerobic", "20") == ["walking"]
    assert logged("add", "aerobic", "20", "-a", "swimming") == ["swimming"]
    assert logged("again") == ["swimming"]  # again repeats what was done
    assert logged("add", "aerobic", "20", "-a", "") == [None]  # '' means none, on purpose
    assert logged("again") == ["walking"]  # nothing to repeat: the default
    assert logged("add", "--routine", "m") == [None, "walking"]
    assert logged("add", "rom", "5") == [None]


# ---- in a terminal: stored text in the questions, and Ctrl-C at a question --------------
def _spawn(home: Path, *args: str):  # type: ignore[no-untyped-def]
    import pexpect

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "ALSLOG_PLAIN")}
    env.update({"ALSLOG_HOME": str(home), "TERM": "xterm-256color"})
    command = alslog_command()
    return pexpect.spawn(command[0], [*command[1:], *args], env=env, encoding="utf-8", timeout=60)


def test_stored_text_in_a_question_is_shown_escaped(run_alslog, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    hostile = "walk\x1b]52;c;SGVsbG8=\x07\u202e"
    assert run_alslog("add", "aerobic", "20", "-a", hostile, "--yes").code == 0
    assert run_alslog("checkin", "--no-aching").code == 0  # no aching question first
    child = _spawn(alslog_home, "again")
    child.expect("Again: ")
    child.expect(r"\.\r?\n")
    shown = str(child.before)
    assert "\x07" not in shown and "\u202e" not in shown and "]52;" in shown
    assert "walk\\x1b]52;c;SGVsbG8=\\x07\\u202e" in shown
    child.terminate(force=True)


def test_ctrl_c_at_a_question_is_interrupted_and_nothing_is_logged(
    run_alslog, alslog_home: Path
) -> None:  # type: ignore[no-untyped-def]
    import pexpect

    assert run_alslog("add", "rom", "5", "--yes").code == 0
    assert run_alslog("checkin", "--no-aching").code == 0
    before = _files(alslog_home)
    child = _spawn(alslog_home, "again")
    child.expect("Again: ")
    child.expect("Any problems")  # the question itself is up (before it, Ctrl-C interrupts)
    child.expect("\n> ")  # and waits for its key
    child.sendintr()
    child.expect(pexpect.EOF)
    rest = str(child.before)
    child.close()
    assert "Traceback" not in rest, rest
    assert "Cancelled; nothing was saved." in rest  # at a question, Ctrl-C is a cancel
    assert child.exitstatus == 130, rest
    assert _files(alslog_home) == before


def test_a_ctrl_c_while_pydantic_builds_a_validator_is_interrupted() -> None:
    """pydantic's core reports a Ctrl-C during a validator's build in words only."""
    from pydantic_core import SchemaError

    from alslog.cli.main import _explain

    wrapped = SchemaError('Error building "model" validator:\n  KeyboardInterrupt: ')
    assert _explain(wrapped) == ("Interrupted.", 130)
    other = SchemaError('Error building "model" validator: bad schema')
    assert _explain(other)[1] == 1
