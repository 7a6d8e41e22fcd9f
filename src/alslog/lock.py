"""The logbook's lock: one file that every read-modify-write of alslog's data holds.

The logbook (``Store``) and the settings (``config set``) share it, so that
two alslog processes never interleave their changes: with no lock, three
loops of ``config set`` at once kept 33 of 45 routines. The lock is an
``flock`` on ``.lock`` in the logbook folder; the kernel releases it when its
holder dies.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alslog.errors import BusyError

LOCK_FILE = ".lock"
POLL_SECONDS = 0.02


def file_lock(folder: Path) -> Any:
    """The (not yet acquired) lock of the logbook in ``folder``."""
    from filelock import FileLock  # imported here: reads of an absent store skip it

    return FileLock(folder / LOCK_FILE, mode=0o600)


@contextlib.contextmanager
def held(folder: Path, timeout: float) -> Iterator[None]:
    """Hold the logbook's lock for the block, waiting at most ``timeout`` seconds.

    Creates ``folder`` (0700) when missing. Raises :class:`BusyError` when
    another alslog holds the lock that long; an ``OSError`` (a read-only
    folder, a full disk) passes through for the caller to name what it was
    writing.
    """
    from filelock import Timeout

    for private in (folder.parent, folder):  # 0700 both, as the store makes them
        private.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = file_lock(folder)
    try:
        lock.acquire(timeout=timeout, poll_interval=POLL_SECONDS)
    except Timeout:
        raise BusyError(
            "the logbook is busy: another alslog is changing it; try again in a moment"
        ) from None
    try:
        yield
    finally:
        lock.release()
