"""The logbook's lock: one file that every read-modify-write of alslog's data holds.

The logbook (``Store``) and the settings (``config set``) share it, so that
two alslog processes never interleave their changes: with no lock, three
loops of ``config set`` at once kept 33 of 45 routines.

The lock is an ``flock`` on ``.lock`` in the logbook folder, taken directly
from the kernel. The kernel releases it when its holder dies, so a killed
alslog never leaves a stale lock, and there is no lock file content to trust.
It is the same lock the filelock library took in earlier versions (its Unix
lock is this ``flock``), so an older alslog still running during an upgrade
and this one keep out of each other's way. The library itself cost about a
tenth of every command's start-up, and alslog runs on Linux and macOS only.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from alslog.errors import BusyError

LOCK_FILE = ".lock"
POLL_SECONDS = 0.02


class LockTimeout(Exception):
    """Another process held the lock for the whole wait."""


class FolderLock:
    """The (not yet acquired) lock of the logbook in a folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE
        self._fd: int | None = None

    def acquire(self, timeout: float, poll: float = POLL_SECONDS) -> None:
        """Take the lock, waiting at most ``timeout`` seconds (LockTimeout after that).

        An ``OSError`` (a read-only folder, a full disk, a symlink planted as the
        lock file) passes through for the caller to name.
        """
        import fcntl

        flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                _wait(fd, timeout, poll, self.path)
        except BaseException:  # a timeout, an error or a Ctrl-C: leave no descriptor
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        """Let the lock go (closing the descriptor releases it, whatever else happens)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)


class _Expired(Exception):
    pass


def _wait(fd: int, timeout: float, poll: float, path: Path) -> None:
    """Wait for the lock another process holds, at most ``timeout`` seconds.

    In the main thread the wait is the kernel's: a blocked flock, cut short by a
    timer. Waiting there, this process is woken as the holder lets go; one that
    polled could miss every moment the lock was free while others kept taking
    it (four processes adding at once starved one for 30 seconds). Elsewhere
    (no timer signal off the main thread, or a timer someone else set) it polls.
    """
    import fcntl
    import signal
    import threading
    import time

    main = threading.current_thread() is threading.main_thread()
    if timeout > 0 and main and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0):

        def expired(signum: int, frame: object) -> None:
            raise _Expired

        previous = signal.signal(signal.SIGALRM, expired)
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Expired:
            raise LockTimeout(str(path)) from None
        finally:
            signal.signal(signal.SIGALRM, previous)
        return
    deadline = time.monotonic() + timeout
    while True:
        if time.monotonic() >= deadline:
            raise LockTimeout(str(path))
        time.sleep(poll)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            continue


@contextlib.contextmanager
def held(folder: Path, timeout: float) -> Iterator[None]:
    """Hold the logbook's lock for the block, waiting at most ``timeout`` seconds.

    Creates ``folder`` (0700) when missing. Raises :class:`BusyError` when
    another alslog holds the lock that long; an ``OSError`` (a read-only
    folder, a full disk) passes through for the caller to name what it was
    writing.
    """
    for private in (folder.parent, folder):  # 0700 both, as the store makes them
        private.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = FolderLock(folder)
    try:
        lock.acquire(timeout)
    except LockTimeout:
        raise BusyError(
            "the logbook is busy: another alslog is changing it; try again in a moment"
        ) from None
    try:
        yield
    finally:
        lock.release()
