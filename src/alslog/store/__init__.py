"""The logbook on disk: one JSON file per month, a lock, a journal, undo and backups.

The face is ``Store`` (``face``); below it, one module per job: ``codec`` (month
files <-> documents), ``files`` (one call's lock and reads), ``journal`` (the
transaction), ``undo`` (the undo log), ``backups`` (generations), ``check``
(doctor's check and restore), ``describe`` (a record in words), ``ids``.
The parts never import this package's face.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from alslog.store.face import Store
from alslog.store.ids import ID_LENGTH, SHORT_ID, new_id
from alslog.store.reads import Period
from alslog.store.undo import UNDO_KEEP

if TYPE_CHECKING:
    from alslog.store.backups import BACKUP_KEEP, BackupInfo
    from alslog.store.check import CheckReport, Problem
    from alslog.store.writes import Change

# Names of the parts a command that only reads never needs: imported when first asked for.
_LATER = {
    "BACKUP_KEEP": "alslog.store.backups",
    "BackupInfo": "alslog.store.backups",
    "CheckReport": "alslog.store.check",
    "Problem": "alslog.store.check",
    "Change": "alslog.store.writes",
}


def __getattr__(name: str) -> Any:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_LATER[name]), name)


__all__ = [
    "BACKUP_KEEP",
    "ID_LENGTH",
    "SHORT_ID",
    "UNDO_KEEP",
    "BackupInfo",
    "Change",
    "CheckReport",
    "Period",
    "Problem",
    "Store",
    "new_id",
]
