"""Random damage to every file alslog reads, then every command.

A logbook of a few months, its undo log, a pending journal, the settings, a
personal guideline file, the guideline cache and an export file to import are
made once by the real program. Each example copies them, damages one file
(cut short, bytes flipped, garbage, nesting far too deep, a huge number, a
wrong type, a lone surrogate, hostile text) and runs the commands people run.
What must hold:

- never a traceback or "unexpected error", and an exit code alslog documents;
- a command that fails writes nothing: every file is byte-identical;
- a file damaged beyond doubt is never written, whatever the command did;
- control and bidi characters from a file never reach the terminal raw.

``ALSLOG_FAULT_EXAMPLES`` sets the number of damaged files (default 300) and
``ALSLOG_FAULT_SEED`` replays a run; the seed is printed with any failure.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from conftest import alslog_command

EXAMPLES = int(os.environ.get("ALSLOG_FAULT_EXAMPLES", "300"))
SEED = int(os.environ.get("ALSLOG_FAULT_SEED", str(random.randrange(2**32))))
EXIT_CODES = {0, 1, 2, 3, 4, 5}
# Raw control characters (but tab and newline) and bidi controls: never printed as is.
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
JOURNAL = "logbook/journal.json"
HOSTILE_TEXT = "\x1b]52;c;SGVsbG8=\x07\x1b[2J\u202eevil\u202c\x9b31m"


@dataclass(frozen=True)
class Damage:
    """What was done to which file, and whether the file is surely no longer valid."""

    target: str  # path relative to the home, or "import" for the file to import
    how: str
    invalid: bool  # beyond doubt: alslog must refuse it, never rewrite it


def _run(home: Path, args: list[str]) -> tuple[int, str]:
    """Run the real program in-process, as the entry point does: code and all output."""
    from alslog.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("ALSLOG_HOME")
    os.environ["ALSLOG_HOME"] = str(home)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(args)
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        if old is None:
            os.environ.pop("ALSLOG_HOME", None)
        else:
            os.environ["ALSLOG_HOME"] = old
    return code, out.getvalue() + err.getvalue()


def _process(home: Path, *args: str, crash_at: str | None = None) -> None:
    env = dict(os.environ, ALSLOG_HOME=str(home))
    if crash_at:
        env["ALSLOG_TEST_CRASH_AT"] = crash_at
    subprocess.run([*alslog_command(), *args], env=env, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A home made by the real program, and a copy of it with a journal left pending."""
    base = tmp_path_factory.mktemp("damage")
    home = base / "home"
    shipped = Path(__file__).resolve().parent.parent / "guidelines.toml"
    home.mkdir()
    shutil.copy(shipped, home / "guidelines.toml")
    _process(home, "config", "set", "name", "Sam Jones")
    _process(home, "config", "set", "routine.morning", "stretching 10, rom 10")
    for at, args in (
        ("2026-10-20 10:00", ["aerobic", "25", "-a", "walking", "--rpe", "12", "--talk"]),
        ("2026-10-21 10:00", ["stretching", "10", "--note", "seated stretches"]),
        ("2026-11-20 10:00", ["rom", "10", "--assisted"]),
        ("2026-11-21 10:00", ["strength", "15", "--rpe", "13", "--tired"]),
    ):
        _process(home, "add", *args, "--at", at, "--yes")
    _process(home, "checkin", "--aching", "--where", "calves", "--date", "2026-11-22")
    _process(home, "week", "--end", "2026-11-22")  # fills the guideline cache
    _process(home, "export", "-o", str(base / "export.json"))
    pending = base / "pending"
    shutil.copytree(home, pending)
    _process(
        pending, "add", "rom", "5", "--at", "2026-11-23 09:00", "--yes", crash_at="after-journal"
    )
    yield home, base / "export.json"


def _files(home: Path) -> dict[str, bytes]:
    """Every file under the home, but lock files (they are created and left on purpose)."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def _json_targets(home: Path) -> list[str]:
    names = [str(p.relative_to(home)) for p in sorted((home / "logbook").glob("*.json"))]
    return names


DAMAGES = ("truncate", "flip", "garbage", "deep", "huge", "wrong-type", "surrogate", "hostile")


def _damage(data: bytes, how: str, is_json: bool, rnd: random.Random) -> tuple[bytes, bool]:
    """The damaged bytes, and whether they are surely invalid for alslog."""
    if how == "truncate":
        cut = rnd.randrange(0, max(1, len(data) - 1))
        return data[:cut], is_json  # a JSON object cut before its last brace is never valid
    if how == "flip":
        out = bytearray(data)
        for _ in range(rnd.randint(1, 4)):
            i = rnd.randrange(len(out))
            out[i] ^= 1 << rnd.randrange(8)
        return bytes(out), False
    if how == "garbage":
        junk = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 64)))
        return b"\x00" + junk, True
    if how == "deep":
        depth = rnd.choice([40, 1000, 100_000])
        if is_json:
            return data.replace(b"{", b'{"zz": ' + b"[" * depth + b"]" * depth + b",", 1), True
        return b"zz = " + b"[" * depth + b"]" * depth + b"\n" + data, True
    if how == "huge":
        number = b"9" * rnd.choice([40, 4301, 20_000])
        if is_json:
            return data.replace(b"{", b'{"zz": ' + number + b",", 1), True
        return b"zz = " + number + b"\n" + data, True
    if how == "wrong-type":
        if is_json:
            for pattern, repl in (
                (rb'"minutes": \d+', b'"minutes": "lots"'),
                (rb'"entries": \[', b'"entries": [{"records": "x"}, '),
                (rb'"writes": \[', b'"writes": [{"file": 5}, '),
                (rb'"sessions": \[', b'"sessions": [17, '),
            ):
                damaged, n = re.subn(pattern, repl, data, count=1)
                if n:
                    return damaged, True
            return b"[]", True
        for pattern, repl in (
            (rb"(?m)^rpe_max = \d+", b'rpe_max = "high"'),
            (rb'(?m)^name = ".*"', b"name = [1, 2]"),
        ):
            damaged, n = re.subn(pattern, repl, data, count=1)
            if n:
                return damaged, True
        return b"schema = true\n" + data, True
    if how == "surrogate":
        if is_json:
            return data.replace(b"{", b'{"zz": "\\udc80",', 1), True
        return b'zz = "\\udc80"\n' + data, True
    # hostile: still valid files, with text that must be escaped on screen
    escaped = HOSTILE_TEXT.encode("unicode_escape").replace(b"\\x", b"\\u00")
    if is_json:
        note = b'"note": "' + escaped + b'"'
        damaged, n = re.subn(rb'"note": "[^"]*"', lambda _: note, data, count=1)
        return (damaged if n else data), False
    name = b'name = "' + escaped + b'"'
    damaged, n = re.subn(rb'(?m)^name = ".*"', lambda _: name, data, count=1)
    return (damaged if n else data), False


def _commands(export: Path) -> list[list[str]]:
    return [
        ["list"],
        ["week", "--plain", "--end", "2026-11-22"],
        ["add", "stretching", "5", "--at", "2026-11-24 09:00", "--yes"],
        ["checkin", "--no-aching", "--date", "2026-11-24"],
        ["undo"],
        ["export"],
        ["doctor"],
        ["config", "show"],
        ["trend"],
        ["import", str(export)],
    ]


@seed(SEED)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    which=st.integers(min_value=0, max_value=10_000),
    how=st.sampled_from(DAMAGES),
    salt=st.integers(min_value=0, max_value=2**32 - 1),
    pending=st.booleans(),
)
def test_damage_to_any_file_is_refused_plainly_and_changes_nothing(
    template: tuple[Path, Path], which: int, how: str, salt: int, pending: bool
) -> None:
    home_template, export_template = template
    source = home_template.parent / "pending" if pending else home_template
    rnd = random.Random(salt)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        shutil.copytree(source, home)
        export = Path(tmp) / "export.json"
        shutil.copy(export_template, export)
        targets = [
            *_json_targets(home),
            "config.toml",
            "guidelines.toml",
            *(str(p.relative_to(home)) for p in sorted((home / "cache").glob("*"))),
            "import",
        ]
        target = targets[which % len(targets)]
        path = export if target == "import" else home / target
        is_json = path.suffix == ".json"
        is_cache = target.startswith("cache")
        damaged, invalid = _damage(path.read_bytes(), how, is_json and not is_cache, rnd)
        path.write_bytes(damaged)
        damage = Damage(target, how, invalid and not is_cache)
        where = f"(seed {SEED}; {damage})"

        for args in _commands(export):
            before = _files(home)
            code, output = _run(home, args)
            after = _files(home)
            what = f"alslog {' '.join(args)} {where}: exit {code}\n{output}"
            assert "Traceback" not in output, what
            assert "unexpected error" not in output, what
            assert code in EXIT_CODES, what
            assert not RAW_CONTROL.search(output), f"raw control character in output: {what}"
            if code != 0:
                assert after == before, f"a failed command wrote files: {what}"
            # A pending journal holds whole new files: finishing it may rightly replace
            # a month or the undo log it names, damaged or not, so only the journal
            # itself is held to "never written" then.
            replayable = pending and target.startswith("logbook/") and target != JOURNAL
            if damage.invalid and target != "import" and not replayable:
                assert after.get(target) == damaged, f"the damaged file was written: {what}"
