"""Shared fixtures: every test gets its own empty ALSLOG_HOME, never the real one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# Tests run in parallel (pytest-xdist) on machines doing other work too: a
# hypothesis example that takes longer than usual is slow, not wrong.
settings.register_profile("alslog", deadline=None)
settings.load_profile("alslog")


@pytest.fixture(autouse=True)
def alslog_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point ALSLOG_HOME at a fresh folder and drop settings that change output."""
    home = tmp_path / "alslog-home"
    monkeypatch.setenv("ALSLOG_HOME", str(home))
    # LINES: pytest-xdist's workers set it, and it would override a test terminal's size.
    for var in ("NO_COLOR", "ALSLOG_PLAIN", "ALSLOG_TEST_CRASH_AT", "LINES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    yield home


@dataclass
class Result:
    """What one run of the command gave."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``alslog ARGS`` in this process, as ``main`` does; returns code, stdout, stderr."""
    from alslog.cli import main

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def alslog_command() -> list[str]:
    """The installed ``alslog`` script next to this Python, or ``python -m alslog``."""
    script = Path(sys.executable).with_name("alslog")
    if script.exists():
        return [str(script)]
    found = shutil.which("alslog")
    return [found] if found else [sys.executable, "-m", "alslog"]


@pytest.fixture
def run_alslog(alslog_home: Path):  # type: ignore[no-untyped-def]
    """Run the real ``alslog`` program as a separate process."""

    def run(
        *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 60
    ) -> Result:
        full_env = dict(os.environ)
        full_env["ALSLOG_HOME"] = str(alslog_home)
        if env:
            full_env.update(env)
        proc = subprocess.run(
            [*alslog_command(), *args],
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run
