"""Durable file writing: the one place that turns bytes into a file on disk.

A file is never rewritten in place: the new content goes to a temp file in the
same folder, is flushed to the disk (fsync), renamed over the target
(``os.replace``, atomic within one filesystem) and the folder itself is fsynced
so the rename survives a power loss. A reader sees the old file or the new one,
never a mix; a kill at any moment leaves at worst a stray temp file, which the
store removes under its lock.

``ALSLOG_TEST_CRASH_AT`` is a test-only hook: ``before-fsync``, ``after-fsync``,
``after-replace``, ``after-dir-fsync``, ``after-journal`` (optionally ``:N``
for the Nth time that point is reached in the process) makes the process die
there with ``os._exit(70)``, as a power cut or SIGKILL would.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

CRASH_ENV = "ALSLOG_TEST_CRASH_AT"
CRASH_EXIT = 70
TEMP_SUFFIX = ".tmp"

_hits: dict[str, int] = {}


def crash_point(name: str) -> None:
    """Die here if the test hook asks for it (one dict lookup otherwise)."""
    wanted = os.environ.get(CRASH_ENV)
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= (int(nth) if nth.isdigit() else 1):
        os._exit(CRASH_EXIT)


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in folder durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def why(exc: OSError) -> str:
    """A failed file operation's cause in plain words ("the disk is full")."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EFBIG: "the file would exceed the file-size limit",
        errno.EROFS: "the folder is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def write_atomic(path: Path, data: bytes) -> None:
    """Replace path with data durably (mode 0600); on any failure path is untouched.

    The temp file is removed on every exception, KeyboardInterrupt included,
    and the exception is re-raised.
    """
    folder = path.parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            crash_point("before-fsync")
            os.fsync(fd)
        finally:
            os.close(fd)
        crash_point("after-fsync")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    crash_point("after-replace")
    fsync_dir(folder)
    crash_point("after-dir-fsync")


def remove_durably(path: Path) -> None:
    """Delete path (if present) and make the deletion durable."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    fsync_dir(path.parent)
