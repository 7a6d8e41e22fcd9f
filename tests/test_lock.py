"""The logbook's lock: held across processes, bounded waits, and nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alslog.errors import BusyError
from alslog.lock import LOCK_FILE, FolderLock, LockTimeout, held

HOLD = (
    "import sys, time, fcntl; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); "
    "print('held', flush=True); time.sleep(float(sys.argv[2]))"
)


def holder(folder: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding an flock on the logbook's lock file (as any alslog does)."""
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder / LOCK_FILE), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_the_lock_file_is_private_and_the_lock_can_be_taken_again(tmp_path: Path) -> None:
    lock = FolderLock(tmp_path)
    for _ in range(3):
        lock.acquire(timeout=1)
        lock.release()
    assert (tmp_path / LOCK_FILE).stat().st_mode & 0o777 == 0o600


@pytest.mark.xdist_group("serial")  # waits on another process
def test_a_held_lock_makes_the_next_wait_then_give_up(tmp_path: Path) -> None:
    proc = holder(tmp_path, 30)
    try:
        started = time.monotonic()
        with pytest.raises(LockTimeout):
            FolderLock(tmp_path).acquire(timeout=0.3)
        assert 0.3 <= time.monotonic() - started < 5
        with pytest.raises(BusyError, match="busy"), held(tmp_path, 0.2):
            pass  # pragma: no cover - never reached
    finally:
        proc.kill()
        proc.wait()
    # The holder died: the kernel let its lock go, and nothing stale is left to clear.
    lock = FolderLock(tmp_path)
    lock.acquire(timeout=1)
    lock.release()


@pytest.mark.xdist_group("serial")  # waits on another process
def test_a_waiter_gets_the_lock_as_soon_as_the_holder_lets_go(tmp_path: Path) -> None:
    proc = holder(tmp_path, 0.5)
    try:
        lock = FolderLock(tmp_path)
        lock.acquire(timeout=20)  # the holder sleeps half a second, then exits
        assert proc.wait(timeout=20) == 0
        lock.release()
    finally:
        proc.kill()
        proc.wait()


def test_a_symlink_planted_as_the_lock_file_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep me\n")
    (tmp_path / LOCK_FILE).symlink_to(target)
    with pytest.raises(OSError):
        FolderLock(tmp_path).acquire(timeout=0.1)
    assert target.read_text() == "keep me\n"


def test_a_failed_wait_leaves_no_descriptor_open(tmp_path: Path) -> None:
    proc = holder(tmp_path, 30)
    try:
        before = len(os.listdir("/proc/self/fd")) if Path("/proc/self/fd").is_dir() else None
        for _ in range(5):
            with pytest.raises(LockTimeout):
                FolderLock(tmp_path).acquire(timeout=0.01)
        if before is not None:
            assert len(os.listdir("/proc/self/fd")) == before
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.xdist_group("serial")  # waits on another process
def test_a_wait_leaves_the_timer_signal_as_it_found_it(tmp_path: Path) -> None:
    import signal

    def mine(signum: int, frame: object) -> None:  # pragma: no cover - never fired
        raise AssertionError("a stray timer signal")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        proc = holder(tmp_path, 30)
        try:
            with pytest.raises(LockTimeout):
                FolderLock(tmp_path).acquire(timeout=0.2)
            assert signal.getsignal(signal.SIGALRM) is mine
            assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
            # A timer someone else set is left running: the wait polls instead.
            signal.setitimer(signal.ITIMER_REAL, 60)
            with pytest.raises(LockTimeout):
                FolderLock(tmp_path).acquire(timeout=0.2)
            assert signal.getitimer(signal.ITIMER_REAL)[0] > 50
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            proc.kill()
            proc.wait()
    finally:
        signal.signal(signal.SIGALRM, previous)
