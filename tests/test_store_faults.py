"""The store under real faults: SIGKILL, crash points, concurrency, full and read-only disks.

Every fault is real where it can be: separate processes driven through
``store_helper.py``, kills with SIGKILL, a file-size limit (EFBIG) and a
read-only bind mount. Only ENOSPC and EROFS are also injected in-process.
"""

from __future__ import annotations

import errno
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from alslog import atomic
from alslog.errors import BusyError, WriteError
from alslog.models import Session
from alslog.store import Store, new_id

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"
HELPER = TESTS / "store_helper.py"
BASE = datetime(2024, 11, 20, 9, 0, tzinfo=UTC)

# Kills and lock timeouts: on one worker, so another test's load cannot shift them.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serial")]


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k != atomic.CRASH_ENV}
    out["PYTHONPATH"] = str(SRC)
    out.update(extra)
    return out


def helper(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    extra = kw.pop("extra_env", {})
    return subprocess.run(
        [sys.executable, str(HELPER), *args],
        env=env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


def popen(*args: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HELPER), *args],
        env=env(**extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def store_at(data: Path, timeout: float = 10.0) -> Store:
    return Store(
        data / "logbook", data / "backups", clock=lambda: datetime.now(UTC), lock_timeout=timeout
    )


def seed(data: Path, count: int = 3) -> Store:
    store = store_at(data)
    for index in range(count):
        store.add_session(
            Session(id=new_id(), kind="rom", minutes=10, at=BASE + timedelta(days=index * 9))
        )
    return store


def state(store: Store) -> dict[str, str]:
    return {s.id: s.at.isoformat() for s in store.sessions()}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != ".lock"
    }


def temp_files(data: Path) -> list[Path]:
    return [p for p in data.rglob("*") if p.name.endswith(atomic.TEMP_SUFFIX)]


# ---- 1. SIGKILL at random moments -------------------------------------------------
def one_kill(data: Path, rng: random.Random) -> None:
    initial = state(seed(data))
    proc = popen("churn", str(data))
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
    time.sleep(rng.uniform(0.0, 0.06))
    proc.send_signal(signal.SIGKILL)
    out = proc.stdout.read()  # not communicate(): readline() may have buffered lines
    proc.wait(timeout=30)
    committed: dict[str, str] = initial
    pending: dict[str, str] | None = None
    # Only whole lines count: the kill can cut a long "B ..." line short while it is
    # being printed, before that write began.
    for line in out.split("\n")[:-1]:
        if line.startswith("B "):
            pending = json.loads(line[2:])
        elif line == "C":
            assert pending is not None
            committed, pending = pending, None
    store = store_at(data)
    allowed = [committed] if pending is None else [committed, pending]
    seen = state(store)
    assert seen in allowed, f"store holds neither the old nor the new set: {seen}"
    # A later write completes any leftover journal and works normally.
    extra = Session(id=new_id(), kind="aerobic", minutes=5, at=BASE)
    store.add_session(extra)
    assert state(store) == {**seen, extra.id: extra.at.isoformat()}
    assert not (data / "logbook" / "journal.json").exists()
    assert not temp_files(data)
    assert store.check().ok, store.check()


def test_sigkill_at_random_moments_leaves_old_or_new(tmp_path: Path) -> None:
    kills = 200
    rng = random.Random(20241121)
    folders = [tmp_path / f"k{index}" for index in range(kills)]
    seeds = [rng.randrange(1 << 30) for _ in folders]

    def run(index: int) -> None:
        one_kill(folders[index], random.Random(seeds[index]))

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(run, range(kills)))


# ---- 2. deterministic crash points ------------------------------------------------
CRASH_POINTS = ["before-fsync", "after-fsync", "after-replace", "after-dir-fsync", "after-journal"]


@pytest.mark.parametrize("command", ["add-one", "move"])
def test_crash_points_leave_old_or_new_and_recover(tmp_path: Path, command: str) -> None:
    cases = [(point, nth) for point in CRASH_POINTS for nth in (1, 2, 3, 4)]

    def run(case: tuple[str, int]) -> None:
        point, nth = case
        data = tmp_path / f"{point}-{nth}"
        store = seed(data, 2)
        old = state(store)
        result = helper(command, str(data), extra_env={atomic.CRASH_ENV: f"{point}:{nth}"})
        assert result.returncode in (0, atomic.CRASH_EXIT), result.stderr
        now = state(store)
        if command == "add-one":
            assert now == old or (len(now) == 3 and set(old) < set(now)), (point, nth, now)
        else:
            moved = {
                k: (datetime.fromisoformat(v) + timedelta(days=40)).isoformat()
                for k, v in old.items()
            }
            # move runs one transaction per session: any prefix of them may be done.
            assert set(now) == set(old)
            assert all(now[k] in (old[k], moved[k]) for k in old), (point, nth, now)
        store.add_session(Session(id=new_id(), kind="other", minutes=3, at=BASE))
        assert len(store.sessions()) == len(now) + 1
        assert not (data / "logbook" / "journal.json").exists()
        assert not temp_files(data)
        assert store.check().ok

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(run, cases))


def test_crash_after_journal_is_seen_by_readers_then_completed(tmp_path: Path) -> None:
    store = seed(tmp_path, 2)
    old = state(store)
    result = helper("move", str(tmp_path), extra_env={atomic.CRASH_ENV: "after-journal"})
    assert result.returncode == atomic.CRASH_EXIT
    journal = tmp_path / "logbook" / "journal.json"
    assert journal.exists()
    now = state(store)
    assert set(now) == set(old) and now != old  # the journaled move is visible already
    store.add_session(Session(id=new_id(), kind="other", minutes=3, at=BASE))
    assert not journal.exists()
    assert {k: v for k, v in state(store).items() if k in old} == now


# ---- 3. lost updates ----------------------------------------------------------------
def test_four_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    procs = [popen("add", str(tmp_path), "250") for _ in range(4)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    sessions = store_at(tmp_path).sessions()
    assert len(sessions) == 1000
    assert len({s.id for s in sessions}) == 1000


# ---- 5. the lock -------------------------------------------------------------------
def test_live_lock_holder_gives_busy_then_killed_holder_releases(tmp_path: Path) -> None:
    store = seed(tmp_path, 1)
    holder = popen("hold", str(tmp_path))
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    try:
        busy = store_at(tmp_path, timeout=0.5)
        started = time.monotonic()
        with pytest.raises(BusyError, match="busy"):
            busy.add_session(Session(id=new_id(), kind="rom", minutes=5, at=BASE))
        assert 0.4 <= time.monotonic() - started < 5
        # Reads still answer after the bounded wait (a stuck holder must not hide the log).
        assert len(busy.sessions()) == 1
        # Another process gets the same clean message and exit code.
        result = helper("add-one", str(tmp_path), extra_env={"HELPER_LOCK_TIMEOUT": "0.3"})
        assert result.returncode == 4 and "ERROR BusyError" in result.stdout
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=10)
    store.add_session(Session(id=new_id(), kind="rom", minutes=5, at=BASE))
    assert len(store.sessions()) == 2


# ---- 4. readers during a writer -------------------------------------------------------
def test_readers_during_writer_never_see_damage_or_half_changes(tmp_path: Path) -> None:
    seed(tmp_path, 5)
    readers = [popen("read-loop", str(tmp_path), "3") for _ in range(2)]
    writer = popen("churn", str(tmp_path))
    for reader in readers:
        out, err = reader.communicate(timeout=60)
        assert reader.returncode == 0, out + err
        counts = json.loads(out)
        assert counts and min(counts) >= 3  # never an empty view
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=10)


# ---- 10. disk full --------------------------------------------------------------------
def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))


def test_file_size_limit_gives_write_error_and_keeps_store(tmp_path: Path) -> None:
    store = seed(tmp_path, 12)  # a month file well over 3000 bytes
    before = snapshot(tmp_path / "logbook")
    result = subprocess.run(
        [sys.executable, str(HELPER), "add-one", str(tmp_path)],
        env=env(),
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_file_size,
    )
    assert result.returncode == 5, result.stdout + result.stderr
    assert "ERROR WriteError" in result.stdout and "file-size limit" in result.stdout
    assert str(tmp_path / "logbook") in result.stdout
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path / "logbook") == before
    assert not temp_files(tmp_path)
    assert len(store.sessions()) == 12


def test_enospc_before_the_journal_keeps_old_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seed(tmp_path, 3)
    before = snapshot(tmp_path / "logbook")

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)
    with pytest.raises(WriteError, match="disk is full") as info:
        store.add_session(Session(id=new_id(), kind="rom", minutes=5, at=BASE))
    monkeypatch.undo()
    assert "nothing was changed" in info.value.message
    assert snapshot(tmp_path / "logbook") == before
    assert not temp_files(tmp_path)


def test_enospc_after_the_journal_is_completed_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seed(tmp_path, 3)
    real_write = os.write
    calls = {"n": 0}

    def full_after_first(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > 1:  # the journal is written, the targets are not
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    new = Session(id=new_id(), kind="rom", minutes=5, at=BASE)
    monkeypatch.setattr(atomic.os, "write", full_after_first)
    with pytest.raises(WriteError, match="journal"):
        store.add_session(new)
    monkeypatch.undo()
    assert not temp_files(tmp_path)
    assert new.id in state(store)  # committed through the journal: readers see it
    store.add_session(Session(id=new_id(), kind="rom", minutes=5, at=BASE))
    assert len(store.sessions()) == 5
    assert not (tmp_path / "logbook" / "journal.json").exists()


# ---- 11. read-only folder ------------------------------------------------------------------
def test_erofs_injected_gives_write_error_reads_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seed(tmp_path, 2)
    before = snapshot(tmp_path / "logbook")

    def read_only(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "logbook"))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)
    with pytest.raises(WriteError, match="read-only"):
        store.add_session(Session(id=new_id(), kind="rom", minutes=5, at=BASE))
    assert len(store.sessions()) == 2
    monkeypatch.undo()
    assert snapshot(tmp_path / "logbook") == before


def test_read_only_bind_mount(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare is not installed")
    probe = subprocess.run([unshare, "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -rm is not permitted here: {probe.stderr.decode().strip()}")
    store = seed(tmp_path, 2)
    (tmp_path / "logbook" / ".lock").unlink()  # reads must not need to create it
    before = snapshot(tmp_path / "logbook")
    folder = str(tmp_path)
    script = (
        f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && '
        f'"{sys.executable}" "{HELPER}" read "{folder}" && '
        f'"{sys.executable}" "{HELPER}" add-one "{folder}"; echo "exit=$?"'
    )
    result = subprocess.run(
        [unshare, "-rm", "sh", "-c", script],
        env=env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = result.stdout.splitlines()
    assert json.loads(lines[0]) == state(store), result.stdout + result.stderr
    assert lines[1].startswith("ERROR WriteError") and "read-only" in lines[1]
    assert lines[-1] == "exit=5"
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path / "logbook") == before
    assert not temp_files(tmp_path)
