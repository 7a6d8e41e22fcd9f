"""The logbook on disk: one JSON file per month, a lock, a journal, undo and backups.

The face is ``Store`` (``face``); below it, one module per job: ``codec`` (month
files <-> documents), ``files`` (one call's lock and reads), ``journal`` (the
transaction), ``undo`` (the undo log), ``backups`` (generations), ``check``
(doctor's check and restore), ``describe`` (a record in words), ``ids``.
The parts never import this package's face.
"""

from __future__ import annotations

from alslog.store.backups import BACKUP_KEEP, BackupInfo
from alslog.store.check import CheckReport, Problem
from alslog.store.face import Store
from alslog.store.ids import ID_LENGTH, SHORT_ID, new_id
from alslog.store.reads import Period
from alslog.store.undo import UNDO_KEEP
from alslog.store.writes import Change

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
