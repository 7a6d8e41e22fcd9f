"""Backup generations of month files: made before each replace, rotated, listed, picked.

A generation is ``YYYY-MM--<utc stamp>--<records>.json`` in the backup folder:
a copy of the bytes, never a link, as a month may be a symlink into a synced
folder. Rotation keeps the newest ``BACKUP_KEEP`` and always the fullest one.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import alslog.store.codec as codec
from alslog import atomic
from alslog.errors import AlslogError
from alslog.frozen import Frozen

BACKUP_KEEP = 7  # newest generations kept per month (plus the fullest one)
STAMP = "%Y%m%dT%H%M%S%fZ"
BACKUP_FILE = re.compile(r"^(\d{4}-\d{2})--(\d{8}T\d{12}Z(?:-\d+)?)--(\d+|bad)\.json\Z", re.ASCII)


class BackupInfo(Frozen):
    """One backup generation of a month file."""

    name: str
    month: str
    time: datetime
    records: int | None  # None when it does not parse
    valid: bool
    path: Path


class Backups:
    """The backup folder of one logbook; ``clock`` stamps each generation."""

    def __init__(self, folder: Path, clock: Callable[[], datetime]) -> None:
        self.folder = folder
        self.clock = clock

    def keep(self, month: str, target: Path, count: int | None) -> None:
        """Keep the content about to be replaced as a generation; then rotate.

        ``count`` is the records of the file as read; None when it was not read
        (replaying a journal), then it is counted here.
        """
        if not target.exists():
            return
        if count is None:
            try:
                raw, _ = codec.structure(month, target.read_bytes())
                count = codec.record_count(raw)
            except ValueError:
                count = -1
        stamp = self.clock().astimezone(UTC).strftime(STAMP)
        tag = "bad" if count < 0 else str(count)
        gen = self.folder / f"{month}--{stamp}--{tag}.json"
        serial = 1
        while gen.exists():
            gen = self.folder / f"{month}--{stamp}-{serial}--{tag}.json"
            serial += 1
        # A copy of the bytes, never a link: a month file may be a symlink into a
        # synced folder, and a link would follow whatever that file becomes.
        with open(target, "rb") as source:
            atomic.write_atomic(gen, source.read())
        self.rotate(month)

    def rotate(self, month: str) -> None:
        """Keep the newest BACKUP_KEEP generations and, always, the one with most records."""
        gens: list[tuple[str, int]] = []
        for entry in os.listdir(self.folder):
            match = BACKUP_FILE.match(entry)
            if match is not None and match.group(1) == month:
                tag = match.group(3)
                gens.append((entry, -1 if tag == "bad" else int(tag)))
        if len(gens) <= BACKUP_KEEP:
            return
        gens.sort(key=lambda g: BACKUP_FILE.match(g[0]).group(2))  # type: ignore[union-attr]
        keep = {g[0] for g in gens[-BACKUP_KEEP:]}
        fullest = max(gens, key=lambda g: (g[1], g[0]))
        keep.add(fullest[0])
        for entry, _ in gens:
            if entry not in keep:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.folder / entry)

    def newest_good(self, month: str) -> Path | None:
        """The newest generation of ``month`` that reads as a valid month file."""
        try:
            entries = os.listdir(self.folder)
        except OSError:
            return None
        names = sorted(
            (e for e in entries if e.startswith(f"{month}--") and BACKUP_FILE.match(e)),
            reverse=True,
        )
        for entry in names:
            path = self.folder / entry
            try:
                codec.check_month(month, path, path.read_bytes())
            except (ValueError, OSError):
                continue
            return path
        return None

    def listing(self) -> list[BackupInfo]:
        """Every backup generation, newest first, each parsed and validated."""
        found: list[BackupInfo] = []
        try:
            entries = os.listdir(self.folder)
        except OSError:  # none yet, or not a folder (which the check reports)
            entries = []
        for entry in entries:
            match = BACKUP_FILE.match(entry)
            if match is None:
                continue
            path = self.folder / entry
            stamp = match.group(2).split("-")[0]
            when = datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)
            try:
                doc = codec.read_doc(match.group(1), path, path.read_bytes())
                codec.validate_doc(doc)
                count: int | None = doc.count
                valid = True
            except (ValueError, OSError, AlslogError):
                count, valid = None, False
            found.append(BackupInfo(entry, match.group(1), when, count, valid, path))
        found.sort(key=lambda b: (b.time, b.name), reverse=True)
        return found
