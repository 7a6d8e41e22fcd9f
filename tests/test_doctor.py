"""The logbook's files through the CLI: damaged stores, disk full, and `alslog doctor`."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import alslog_command


def month_file(home: Path) -> Path:
    files = sorted((home / "logbook").glob("????-??.json"))
    assert files, "no month file"
    return files[-1]


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    damaged = {
        "empty": b"",
        "truncated": data[: len(data) // 2],
        "garbage": b"this is not json {{{",
        "nul": b"\x00" * len(data),
        "bom": b"\xef\xbb\xbf" + data,
        "binary": bytes(range(256)),
        "bad-record": data.replace(b'"minutes": 10', b'"minutes": -3'),
    }[how]
    assert damaged != data
    path.write_bytes(damaged)


@pytest.mark.parametrize(
    "how", ["empty", "truncated", "garbage", "nul", "bom", "binary", "bad-record"]
)
def test_damaged_store_is_refused_and_left_untouched(cli, alslog_home: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "rom", "10").code == 0
    assert cli("add", "stretching", "10").code == 0
    target = month_file(alslog_home)
    damage(target, how)
    before = target.read_bytes()
    for args in (("add", "rom", "5"), ("week",), ("checkin", "--no-aching")):
        result = cli(*args)
        assert result.code == 3, (args, result.err)
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.err
        assert str(target) in lines[0]
        assert "backup" in lines[0]
        assert target.read_bytes() == before
    assert not list((alslog_home / "logbook").glob("*.tmp"))


def test_doctor_finds_the_damage_and_restores_the_newest_good_backup(
    cli, alslog_home: Path
) -> None:  # type: ignore[no-untyped-def]
    cli("add", "rom", "10")
    cli("add", "stretching", "12")
    cli("add", "aerobic", "20")
    target = month_file(alslog_home)
    damage(target, "truncated")
    report = cli("doctor")
    assert report.code == 3
    assert "Problem:" in report.out and str(target) in report.out
    doc = json.loads(cli("doctor", "--json").out)
    assert doc["ok"] is False
    backup = doc["problems"][0]["backup"]
    assert backup and Path(backup).exists()
    refused = cli("doctor", "--restore", Path(backup).name)  # no terminal, no --yes
    assert refused.code == 2 and "--yes" in refused.err
    restored = cli("doctor", "--restore", Path(backup).name, "--yes")
    assert restored.code == 0, restored.err
    assert cli("doctor").code == 0
    week = json.loads(cli("week", "--json").out)
    assert week["totals"]["sessions"] == 2  # the state before the last write
    # the damaged file was kept among the backups, never lost
    assert any("bad" in b["name"] for b in json.loads(cli("doctor", "--json").out)["backups"])


def test_doctor_on_an_empty_logbook(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("doctor")
    assert result.code == 0
    assert "empty" in result.out


def test_unknown_backup_name(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("doctor", "--restore", "nope.json", "--yes")
    assert result.code != 0 and result.err.startswith("alslog: ")


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


def test_file_size_limit_fails_cleanly_through_the_real_command(alslog_home: Path) -> None:
    env = {**os.environ, "ALSLOG_HOME": str(alslog_home)}
    first = subprocess.run(
        [*alslog_command(), "add", "rom", "10"], env=env, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    target = month_file(alslog_home)
    before = target.read_bytes()
    big_note = "x" * 1900
    result = subprocess.run(
        [*alslog_command(), "add", "aerobic", "20", "--note", big_note],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert target.read_bytes() == before
    assert not [p for p in (alslog_home / "logbook").iterdir() if p.name.endswith(".tmp")]
    week = subprocess.run(
        [*alslog_command(), "week", "--json"], env=env, capture_output=True, text=True
    )
    assert week.returncode == 0 and json.loads(week.stdout)["totals"]["sessions"] == 1


@pytest.mark.xdist_group("serial")  # a lock timeout and Ctrl-C timing
def test_busy_logbook_says_so_and_a_killed_holder_never_blocks(alslog_home: Path) -> None:
    env = {**os.environ, "ALSLOG_HOME": str(alslog_home), "ALSLOG_LOCK_TIMEOUT": "0.5"}
    assert subprocess.run([*alslog_command(), "add", "rom", "10"], env=env).returncode == 0
    lock = alslog_home / "logbook" / ".lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, fcntl; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('held', flush=True); time.sleep(60)",
            str(lock),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        busy = subprocess.run(
            [*alslog_command(), "add", "rom", "5"], env=env, capture_output=True, text=True
        )
        assert busy.returncode == 4
        assert "busy" in busy.stderr and "Traceback" not in busy.stderr
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        after = subprocess.run(
            [*alslog_command(), "add", "rom", "5"], env=env, capture_output=True, text=True
        )
        assert after.returncode == 0, after.stderr
    finally:
        holder.kill()
        holder.wait()


def test_bad_lock_timeout_setting(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ALSLOG_LOCK_TIMEOUT", "soon")
    result = cli("add", "rom", "10")
    assert result.code == 2 and "ALSLOG_LOCK_TIMEOUT" in result.err


@pytest.mark.xdist_group("serial")  # a lock timeout and Ctrl-C timing
def test_ctrl_c_during_a_big_import_leaves_old_or_new_never_half(
    alslog_home: Path, tmp_path: Path
) -> None:
    """SIGINT (Ctrl-C) at several moments of a long write: exit 130 or done, never half."""
    import random
    import time

    from alslog import transfer
    from test_transfer import many_sessions

    count = 20_000
    big = tmp_path / "big.json"
    big.write_text(transfer.to_json(many_sessions(count), []), encoding="utf-8")
    env = {**os.environ, "ALSLOG_HOME": str(alslog_home)}
    assert subprocess.run([*alslog_command(), "add", "rom", "10"], env=env).returncode == 0
    rng = random.Random(7)
    interrupted = 0
    for _ in range(6):
        proc = subprocess.Popen(
            [*alslog_command(), "import", str(big)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.3, 1.5))
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
        assert "Traceback" not in err
        # 130: our handler; -SIGINT: the signal came before Python took charge of it
        assert proc.returncode in (0, 130, -signal.SIGINT), err
        interrupted += proc.returncode != 0
        week = subprocess.run(
            [*alslog_command(), "list", "--json"], env=env, capture_output=True, text=True
        )
        assert week.returncode == 0, week.stderr
        stored = len(json.loads(week.stdout)["sessions"])
        assert stored in (1, count + 1), stored
        assert not [p for p in (alslog_home / "logbook").iterdir() if p.name.endswith(".tmp")]
        if stored == count + 1:  # it finished: take it back and try again
            undo = subprocess.run([*alslog_command(), "undo"], env=env, capture_output=True)
            assert undo.returncode == 0
    assert interrupted, "no run was interrupted: the timings need a look"
