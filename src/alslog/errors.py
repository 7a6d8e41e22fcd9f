"""Every error the user can see, each with its exit code.

Domain modules raise these; only the CLI turns them into a message on stderr
and an exit status. Messages are one plain line: what is wrong, and what is
accepted or what to do next.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of the ``alslog`` command (stable: scripts rely on them)."""

    OK = 0
    FAILURE = 1  # a domain error: something could not be done
    USAGE = 2  # bad arguments (the same code typer/click uses)
    DATA = 3  # the logbook or a guideline/config file is damaged or unreadable
    BUSY = 4  # another alslog holds the logbook lock
    WRITE = 5  # the logbook could not be written (disk full, read-only...)
    INTERRUPTED = 130  # Ctrl-C


class AlslogError(Exception):
    """Base of every error meant for the user."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(AlslogError):
    """A value given on the command line is not accepted."""

    exit_code = ExitCode.USAGE


class NotFoundError(AlslogError):
    """An id or name given by the user matches nothing (or more than one thing)."""

    exit_code = ExitCode.FAILURE


class DataError(AlslogError):
    """A stored or user-edited file cannot be read or does not validate."""

    exit_code = ExitCode.DATA


class GuidelineError(DataError):
    """``guidelines.toml`` (shipped or personal) is invalid."""


class ConfigError(DataError):
    """The user's config file is invalid."""


class StoreCorruptError(DataError):
    """The logbook on disk is damaged; it is left untouched."""


class StoreVersionError(DataError):
    """The logbook was written by a newer alslog."""


class BusyError(AlslogError):
    """Another alslog process holds the logbook lock."""

    exit_code = ExitCode.BUSY


class WriteError(AlslogError):
    """The logbook could not be written; the previous version is intact."""

    exit_code = ExitCode.WRITE
