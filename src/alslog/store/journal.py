"""The transaction's journal (``journal.json``): written, applied, read back, replayed.

A change to several files (the usual case, as the undo log changes too) is
first written whole to the journal, atomically, with the sha256 of each new
file; then each target is replaced (its old content backed up first) and the
journal deleted. A kill at any point leaves the old state or a complete
journal, which readers read through and the next write completes.

Nothing of a journal is trusted before all of it is checked: every write must
name a month file or the undo log, match its checksum, and parse as the file it
replaces. A journal that fails is refused and left in place.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import alslog.store.codec as codec
import alslog.store.undo as undo
from alslog import atomic
from alslog.errors import StoreCorruptError, StoreVersionError, WriteError
from alslog.store.codec import JOURNAL_FILE, UNDO_FILE, Doc, Raw

if TYPE_CHECKING:
    from alslog.store.backups import Backups

JOURNAL_FORMAT = "alslog-journal"


def pending(root: Path) -> dict[str, bytes]:
    """The pending journal's targets and their new content ({} if none).

    StoreCorruptError when it is there but cannot be read or is damaged.
    """
    path = root / JOURNAL_FILE
    try:
        data = codec.read_bounded(path)
    except FileNotFoundError:
        return {}
    except NotADirectoryError:
        raise not_a_folder(root, root) from None
    except OSError as exc:
        raise StoreCorruptError(
            f"{path} cannot be read ({atomic.why(exc)}); nothing was changed"
        ) from None
    except ValueError as exc:
        raise damaged(path, str(exc)) from None
    try:
        return writes_of(root, path, data)
    except ValueError as exc:
        raise damaged(path, str(exc)) from None


def writes_of(root: Path, path: Path, data: bytes) -> dict[str, bytes]:
    """Every write of a journal, each checked; ValueError says which is wrong."""
    raw = codec.parse(data)
    if not isinstance(raw, dict) or raw.get("format") != JOURNAL_FORMAT:
        raise ValueError("is not an alslog journal")
    schema = raw.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > codec.AUX_SCHEMA:
        raise StoreVersionError(f"{path}: written by a newer alslog; upgrade alslog")
    if schema != codec.AUX_SCHEMA or isinstance(schema, bool):
        raise ValueError(f"has no valid schema number ({schema!r})")
    items = raw.get("writes")
    if not isinstance(items, list) or not items:
        raise ValueError("has no list of writes")
    writes: dict[str, bytes] = {}
    # alslog 0.1 wrote no checksums: such a journal (none in any write) is still
    # finished, each write checked as the file it replaces, so upgrading never
    # costs the change a crash interrupted.
    unsummed = all(isinstance(item, dict) and "sha256" not in item for item in items)
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise ValueError(f"write #{index} is not an object")
        target, content = item.get("file"), item.get("content")
        checksum = (
            codec.sha256(content.encode("utf-8"))
            if unsummed and isinstance(content, str)
            else item.get("sha256")
        )
        if not (target == UNDO_FILE or (isinstance(target, str) and codec.is_month_file(target))):
            raise ValueError(f"write #{index} names an unexpected file {target!r}")
        if target in writes:
            raise ValueError(f"write #{index} names {target} a second time")
        if not isinstance(content, str) or not isinstance(checksum, str):
            raise ValueError(f"write #{index} ({target}) has no content and checksum")
        body = content.encode("utf-8")
        if codec.sha256(body) != checksum:
            raise ValueError(f"write #{index} ({target}) does not match its checksum")
        try:
            if target == UNDO_FILE:
                undo.check_structure(codec.parse(body))
            else:
                codec.check_month(target[:-5], root / target, body)
        except ValueError as exc:
            raise ValueError(f"write #{index} is not a valid {target}: it {exc}") from None
        writes[target] = body
    return writes


def damaged(path: Path, what: str) -> StoreCorruptError:
    """The error for a journal that does not read: it is left in place, never replayed."""
    return StoreCorruptError(
        f"{path} is damaged ({what}); it was not replayed and no month file was changed. "
        f"It held a change that was interrupted: move it away (e.g. rename it to "
        f"{JOURNAL_FILE}.bad) to go on without that change"
    )


def not_a_folder(root: Path, folder: Path, backup_dir: Path | None = None) -> StoreCorruptError:
    """The error for a file where the data folder, the logbook or the backups should be."""
    if folder == root.parent:
        what = "its data (ALSLOG_HOME, if set)"
        fix = "point ALSLOG_HOME at a folder, or move that file away"
    else:
        what = "the backups" if folder == backup_dir else "the logbook"
        fix = "move that file away (alslog never reads it)"
    return StoreCorruptError(
        f"{folder} is a file, not a folder: alslog keeps {what} in a folder there; "
        f"{fix}; nothing was changed"
    )


def commit(root: Path, backups: Backups, dirty: dict[str, Doc], log: Raw) -> None:
    """Write every changed month and the undo log as one transaction."""
    writes: list[tuple[str, bytes]] = []
    counts: dict[str, int] = {}
    for name, doc in sorted(dirty.items()):
        doc.raw["schema"] = codec.schema_for(doc.raw)
        if doc.raw["schema"] < codec.RATINGS_SCHEMA and not doc.raw.get("ratings"):
            doc.raw.pop("ratings", None)  # as an older alslog writes it
        data = codec.encode_doc(doc.raw, codec.LISTS)
        if json.loads(data) != doc.raw:  # round-trip check before anything is replaced
            raise WriteError(f"{doc.path}: the new content did not read back; nothing changed")
        writes.append((f"{name}.json", data))
        if doc.exists:
            counts[f"{name}.json"] = doc.count
    log["schema"] = undo.schema_for(log)
    writes.append((UNDO_FILE, codec.encode_doc(log, ("entries",))))
    if len(writes) == 1:
        apply(root, backups, writes, counts)
        return
    journal = {
        "format": JOURNAL_FORMAT,
        "schema": codec.AUX_SCHEMA,
        "writes": [
            {"file": n, "content": d.decode("utf-8"), "sha256": codec.sha256(d)} for n, d in writes
        ],
    }
    atomic.write_atomic(root / JOURNAL_FILE, codec.encode_doc(journal, ("writes",)))
    atomic.crash_point("after-journal")
    apply(root, backups, writes, counts)
    atomic.remove_durably(root / JOURNAL_FILE)


def apply(
    root: Path,
    backups: Backups,
    writes: list[tuple[str, bytes]],
    counts: dict[str, int],
    *,
    replay: bool = False,
) -> None:
    """Replace each target (a month's old content backed up first)."""
    for name, data in writes:
        target = root / name
        if replay:
            try:
                if target.read_bytes() == data:
                    continue  # already applied before the interruption
            except FileNotFoundError:
                pass
        if codec.is_month_file(name):
            backups.keep(name[:-5], target, counts.get(name))
        atomic.write_atomic(target, data)


def replay(root: Path, backups: Backups) -> None:
    """Complete a leftover journal (under the lock), then delete it."""
    writes = pending(root)
    if writes:
        apply(root, backups, list(writes.items()), {}, replay=True)
        atomic.remove_durably(root / JOURNAL_FILE)
