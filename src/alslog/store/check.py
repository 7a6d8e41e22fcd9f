"""Doctor's check of every file of the store, and putting a backup back."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import alslog.store.codec as codec
import alslog.store.journal as journal
import alslog.store.undo as undo
from alslog import atomic, words
from alslog.errors import NotFoundError, StoreCorruptError, StoreVersionError
from alslog.store.backups import BACKUP_FILE
from alslog.store.codec import JOURNAL_FILE, UNDO_FILE
from alslog.store.files import Files
from alslog.store.writes import Change


@dataclass(frozen=True)
class Problem:
    """One damaged or suspicious file found by ``Store.check``."""

    file: Path
    message: str
    backup: Path | None = None  # the newest good backup of that file, if any


@dataclass(frozen=True)
class CheckReport:
    """What ``Store.check`` found: files looked at and their problems."""

    files_checked: int
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every file of the store is readable and valid."""
        return not self.problems


def check(files: Files) -> CheckReport:
    """Validate every file of the store (months, journal, undo log); list the problems.

    A home that is not a folder, or a folder that cannot be read, is a problem
    too, never an empty logbook.
    """
    root = files.root
    problems: list[Problem] = []
    checked = 0
    for folder in (root.parent, root, files.backup_dir):
        if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
            problems.append(Problem(folder, files.not_a_folder(folder).message))
    if problems:
        return CheckReport(0, tuple(problems))
    if not root.is_dir():
        return CheckReport(0)
    try:
        entries = sorted(os.listdir(root))
    except OSError as exc:
        why = atomic.why(exc)
        message = f"{root} cannot be read ({why}): give alslog access to it"
        return CheckReport(0, (Problem(root, message),))
    with files.reading(overlay=False) as op:
        for entry in entries:
            path = root / entry
            if entry.endswith(atomic.TEMP_SUFFIX):
                problems.append(Problem(path, "a temp file left by an interrupted save"))
                continue
            is_month = codec.is_month_file(entry)
            if not is_month and entry not in (UNDO_FILE, JOURNAL_FILE):
                continue
            checked += 1
            try:
                if is_month:
                    files.doc(op, entry[:-5])
                elif entry == UNDO_FILE:
                    # Every record of every entry is validated as it is read.
                    files.undo_log(op)
                else:
                    journal.pending(files.root)
                    problems.append(
                        Problem(path, "an unfinished change; the next write completes it")
                    )
            except (StoreCorruptError, StoreVersionError) as exc:
                backup = files.backups.newest_good(entry[:-5]) if is_month else None
                problems.append(Problem(path, exc.message, backup))
    return CheckReport(checked, tuple(problems))


def restore(files: Files, name: str) -> Change:
    """Put a backup generation back as its month file (the current one is backed up first)."""
    files.check_folders()
    match = BACKUP_FILE.match(name)
    path = files.backup_dir / name
    if match is None or not path.is_file():
        raise NotFoundError(f"no backup named {name!r} in {files.backup_dir}")
    month = match.group(1)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoreCorruptError(f"{path}: cannot be read ({atomic.why(exc)})") from None
    backup = files.parse(month, path, data, validate=True)
    if backup.schema > codec.SCHEMA:
        raise StoreVersionError(f"{path}: written by a newer alslog; upgrade alslog")
    with files.writing() as op:
        images: list[undo.Touched] = []
        try:
            current = files.for_write(op, month)
        except StoreCorruptError:
            # The damaged file becomes a backup generation itself ("bad"), never lost.
            current = codec.empty_doc(month, files.root / f"{month}.json")
            current.exists = True
            current.count = -1
        else:
            for key, kind in (
                ("sessions", "session"),
                ("checkins", "checkin"),
                ("ratings", "rating"),
            ):
                before = {r["id"]: r for r in current.raw[key]}
                after = {r["id"]: r for r in backup.raw[key]}
                for rid in before.keys() | after.keys():
                    if before.get(rid) != after.get(rid):
                        images.append((kind, rid, before.get(rid), after.get(rid)))
        damaged = current.count < 0
        # Record order too, so that undo puts back the very month it replaced.
        order = {key: [r["id"] for r in current.raw[key]] for key in codec.LISTS}
        current.raw = backup.raw
        op.docs[month] = op.dirty[month] = current
        text = f"Restored {month} from backup {name} ({words.plural(backup.count, 'record')})"
        # Undo takes the restore back record by record; over a damaged file it
        # cannot, and says so rather than pretend.
        files.commit(op, text, images, restore={"month": month, "damaged": damaged, "order": order})
    return Change(text)
