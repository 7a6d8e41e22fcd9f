"""One call's view of the logbook: the lock, the months it reads, the changes it writes.

Every public call of the Store is one operation (``Op``): a read holds the lock
when it can and reads through a leftover journal; a write holds the lock,
completes a leftover journal first, and commits its changes as one transaction.
Within one operation each month file is read, parsed and validated once: the
documents are kept on the ``Op``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import alslog.store.codec as codec
import alslog.store.journal as journal
import alslog.store.undo as undo
from alslog import atomic
from alslog.errors import BusyError, StoreCorruptError, StoreVersionError, WriteError
from alslog.models import CheckIn, Rating, Session
from alslog.store.codec import UNDO_FILE, Doc, Raw

if TYPE_CHECKING:
    from alslog.lock import FolderLock
    from alslog.store.backups import Backups


class Op:
    """One public call: the journal overlay it reads through and what it loaded:
    ``docs`` by month, ``data`` (the bytes each doc was read from), ``dirty`` (the
    months it changes) and ``log`` (the undo log, once read)."""

    __slots__ = ("data", "dirty", "docs", "log", "overlay", "writing")

    def __init__(self, overlay: dict[str, bytes], *, writing: bool = False) -> None:
        self.overlay = overlay
        self.docs: dict[str, Doc | None] = {}
        self.data: dict[str, bytes] = {}
        self.dirty: dict[str, Doc] = {}
        self.log: Raw | None = None
        self.writing = writing


def position(doc: Doc, key: str, rid: str) -> int | None:
    """Where the record ``rid`` is in ``doc.raw[key]``; None when it is not there."""
    for number, record in enumerate(doc.raw[key]):
        if record["id"] == rid:
            return number
    return None


class Files:
    """The logbook folder, its backups, the lock's patience and the clock."""

    def __init__(
        self, root: Path, backup_dir: Path, clock: Callable[[], datetime], lock_timeout: float
    ) -> None:
        self.root = root
        self.backup_dir = backup_dir
        self.clock = clock
        self.lock_timeout = lock_timeout
        self._backups: Backups | None = None
        # Month name -> the bytes last validated and the records they gave. Files
        # are read afresh in every call (another alslog may have written), but
        # validating the very same bytes again gives the very same records.
        self._validated: dict[str, tuple[bytes, list[Session], list[CheckIn], list[Rating]]] = {}
        self._undo_checked: bytes | None = None  # the undo log's bytes last checked whole

    @property
    def backups(self) -> Backups:
        """The backup generations, loaded on first use (a plain read needs them only to
        name a good backup of a damaged file)."""
        if self._backups is None:
            from alslog.store.backups import Backups

            self._backups = Backups(self.backup_dir, self.clock)
        return self._backups

    # ---- the lock ---------------------------------------------------------------
    def _lock(self) -> FolderLock:
        from alslog.lock import FolderLock  # the lock config set shares

        return FolderLock(self.root)

    @contextlib.contextmanager
    def reading(self, *, overlay: bool = True) -> Iterator[Op]:
        """Hold the lock when possible; read through a leftover journal either way."""
        from alslog.lock import LockTimeout

        lock = None
        if not self.root.is_dir():
            self.check_folders()
        else:
            lock = self._lock()
            try:
                lock.acquire(self.lock_timeout)
            except (OSError, LockTimeout):
                # Read-only folder (no lock file) or a stuck holder: reading through
                # the journal still gives a whole view.
                lock = None
        try:
            yield Op(overlay=journal.pending(self.root) if overlay else {})
        finally:
            if lock is not None:
                lock.release()

    @contextlib.contextmanager
    def writing(self) -> Iterator[Op]:
        """The lock, a completed leftover journal, and OSErrors turned into WriteError."""
        from alslog.lock import LockTimeout

        self.check_folders()
        try:
            for folder in (self.root.parent, self.root, self.backup_dir):
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            lock = self._lock()
            lock.acquire(self.lock_timeout)
        except LockTimeout:
            raise BusyError(
                "the logbook is busy: another alslog is writing to it; try again in a moment"
            ) from None
        except OSError as exc:
            raise self.write_error(exc) from None
        try:
            journal.replay(self.root, self.backups)
            # Temp files of a save (or a backup copy) that was killed: under the lock
            # no other writer is saving, so they are leftovers.
            for folder in (self.root, self.backup_dir):
                for entry in os.listdir(folder):
                    if entry.startswith(".") and entry.endswith(atomic.TEMP_SUFFIX):
                        with contextlib.suppress(OSError):
                            os.unlink(folder / entry)
            yield Op(overlay={}, writing=True)
        except OSError as exc:
            raise self.write_error(exc) from None
        finally:
            lock.release()

    # ---- errors -------------------------------------------------------------------
    def check_folders(self) -> None:
        """StoreCorruptError when the data folder, logbook or backups is there but no folder."""
        for folder in (self.root.parent, self.root, self.backup_dir):
            if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
                raise self.not_a_folder(folder)

    def not_a_folder(self, folder: Path | None = None) -> StoreCorruptError:
        """The error for a file where one of the store's folders should be."""
        return journal.not_a_folder(self.root, folder or self.root, self.backup_dir)

    def write_error(self, exc: OSError) -> WriteError:
        """An OSError of a write in words, saying whether the journal holds the change."""
        where = exc.filename or self.root
        pending = (self.root / codec.JOURNAL_FILE).exists()
        after = (
            "; the change is saved in the journal and the next command completes it"
            if pending
            else "; nothing was changed"
        )
        return WriteError(f"cannot write the logbook at {where}: {atomic.why(exc)}{after}")

    def corrupt(self, name: str, path: Path, what: str) -> StoreCorruptError:
        """The error for a month file that does not read, naming its newest good backup."""
        backup = self.backups.newest_good(name) if codec.is_month_file(f"{name}.json") else None
        hint = (
            f"; newest good backup: {backup} ('alslog doctor --restore {backup.name}')"
            if backup
            else "; no backup of it was found"
        )
        return StoreCorruptError(f"{path} {what}; it was left untouched{hint}")

    def invalid(self, doc: Doc, exc: ValueError) -> StoreCorruptError | StoreVersionError:
        """The error for a month whose records do not validate (a newer one: upgrade)."""
        if doc.schema > codec.SCHEMA:
            return StoreVersionError(
                f"{doc.path}: written by a newer alslog (schema {doc.schema}) and not "
                f"readable by this one ({exc}); upgrade alslog"
            )
        return self.corrupt(doc.name, doc.path, str(exc))

    # ---- months -------------------------------------------------------------------
    def months(self, op: Op) -> list[str]:
        """Month names present (files and pending journal), oldest first."""
        try:
            entries = os.listdir(self.root)
        except FileNotFoundError:
            entries = []
        except NotADirectoryError:
            raise self.not_a_folder() from None
        except OSError as exc:
            raise StoreCorruptError(
                f"{self.root} cannot be read ({atomic.why(exc)}): give alslog access to it"
            ) from None
        names = {e[:-5] for e in entries if codec.is_month_file(e)}
        names.update(e[:-5] for e in op.overlay if codec.is_month_file(e))
        return sorted(names)

    def months_in(self, op: Op, start: date | None, end: date | None) -> list[str]:
        """The months present that hold days of [start, end] (None: open)."""
        low = codec.month_of(start) if start else ""
        high = codec.month_of(end) if end else "~"
        return [n for n in self.months(op) if low <= n <= high]

    def doc(self, op: Op, name: str, *, validate: bool = True) -> Doc | None:
        """A month, parsed (and validated unless told not to); None if it does not exist.

        Read, parsed and validated at most once per operation; bytes this Store
        validated before (unchanged since an earlier call) are not validated again.
        """
        if name in op.docs:
            doc = op.docs[name]
        else:
            data = self.data(op, name)
            doc = None if data is None else self.parse(name, self.root / f"{name}.json", data)
            op.docs[name] = doc
        if doc is not None and validate and doc.sessions is None:
            data = op.data.get(name)
            known = self._validated.get(name)
            if known is not None and data is not None and known[0] == data:
                doc.sessions, doc.checkins = list(known[1]), list(known[2])
                doc.ratings = list(known[3])
                return doc
            try:
                codec.validate_doc(doc)
            except ValueError as exc:
                raise self.invalid(doc, exc) from None
            if (
                data is not None
                and doc.sessions is not None
                and doc.checkins is not None
                and doc.ratings is not None
            ):
                self._validated[name] = (
                    data,
                    list(doc.sessions),
                    list(doc.checkins),
                    list(doc.ratings),
                )
        return doc

    def data(self, op: Op, name: str) -> bytes | None:
        """A month file's bytes (through the journal), read once per operation; None if
        there is no such month."""
        if name in op.data:
            return op.data[name]
        path = self.root / f"{name}.json"
        data = op.overlay.get(f"{name}.json")
        if data is None:
            try:
                data = codec.read_bounded(path)
            except FileNotFoundError:
                return None
            except OSError as exc:
                raise self.corrupt(name, path, f"cannot be read ({atomic.why(exc)})") from None
            except ValueError as exc:
                raise self.corrupt(name, path, str(exc)) from None
        op.data[name] = data
        return data

    def ratings(self, op: Op, name: str) -> list[Rating]:
        """A month's ratings, validated; its other records are not (a read of ratings
        alone, for the months behind the slope).

        A month as alslog writes one without ratings (schema 1, whole from its
        first line to its last, no "ratings" anywhere) is not parsed at all: its
        sessions are not what this read is for, and any other shape, damage
        included, is parsed and checked in full.
        """
        if name not in op.docs:
            data = self.data(op, name)
            if data is None or codec.without_ratings(name, data):
                return []
        doc = self.doc(op, name, validate=False)
        if doc is None:
            return []
        if doc.ratings is None:
            known = self._validated.get(name)
            if known is not None and known[0] == op.data.get(name):
                doc.ratings = list(known[3])
            else:
                try:
                    doc.ratings = codec.validate_ratings(doc)
                except ValueError as exc:
                    raise self.invalid(doc, exc) from None
        return doc.ratings

    def parse(self, name: str, path: Path, data: bytes, *, validate: bool = False) -> Doc:
        """A month file's document (validated if told); StoreCorruptError names a backup."""
        try:
            doc = codec.read_doc(name, path, data)
            if validate:
                codec.validate_doc(doc)
        except ValueError as exc:
            raise self.corrupt(name, path, str(exc)) from None
        return doc

    def undo_log(self, op: Op) -> Raw:
        """The undo log, every entry checked; read once per operation."""
        if op.log is not None:
            return op.log
        path = self.root / UNDO_FILE
        data = op.overlay.get(UNDO_FILE)
        if data is None:
            try:
                data = codec.read_bounded(path)
            except FileNotFoundError:
                op.log = undo.empty()
                return op.log
            except OSError as exc:
                raise StoreCorruptError(
                    f"{path} cannot be read ({atomic.why(exc)}); nothing was changed"
                ) from None
            except ValueError as exc:
                raise undo.damaged(path, str(exc)) from None
        try:
            if data == self._undo_checked:  # the same bytes as checked before: parse only
                op.log = codec.parse(data)
            else:
                op.log = undo.read(path, data)
                self._undo_checked = data
        except ValueError as exc:
            raise undo.damaged(path, str(exc)) from None
        return op.log

    # ---- the write path -----------------------------------------------------------
    def for_write(self, op: Op, name: str) -> Doc:
        """A month to change: validated, not newer than this code, marked dirty."""
        if name in op.dirty:
            return op.dirty[name]
        doc = self.doc(op, name)
        if doc is None:
            doc = codec.empty_doc(name, self.root / f"{name}.json")
            op.docs[name] = doc
        elif doc.schema > codec.SCHEMA:
            raise StoreVersionError(
                f"{doc.path}: written by a newer alslog (schema {doc.schema}; this one knows "
                f"{codec.SCHEMA}); upgrade alslog to change it"
            )
        op.dirty[name] = doc
        return doc

    def locate(
        self, op: Op, rid: str, key: str, *, first: str | None = None
    ) -> tuple[Doc, int] | None:
        """Where a record is: its month's doc (made writable) and index; newest months first."""
        names = self.months(op)[::-1]
        if first is not None and first in names:
            names.remove(first)
            names.insert(0, first)
        for name in names:
            doc = self.doc(op, name, validate=False)
            if doc is not None and position(doc, key, rid) is not None:
                doc = self.for_write(op, name)
                found = position(doc, key, rid)
                assert found is not None
                return doc, found
        return None

    def commit(
        self,
        op: Op,
        description: str,
        images: list[undo.Touched],
        *,
        added: list[list[str]] | None = None,
        restore: Raw | None = None,
    ) -> None:
        """Push the undo entry (stamped by the clock) and write every changed file."""
        log = self.undo_log(op)
        undo.push(log, description, images, self.clock(), added=added, restore=restore)
        journal.commit(self.root, self.backups, op.dirty, log)

    def write(self, op: Op, log: Raw) -> None:
        """Write every changed file and ``log`` as one transaction (no new undo entry)."""
        journal.commit(self.root, self.backups, op.dirty, log)
