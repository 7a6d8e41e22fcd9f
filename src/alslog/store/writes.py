"""The Store's writes: each one locked, durable transaction with its undo entry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import alslog.store.codec as codec
import alslog.store.describe as describe
import alslog.store.undo as undo
from alslog import words
from alslog.errors import AlslogError, NotFoundError, UsageError
from alslog.frozen import Frozen
from alslog.models import CheckIn, Rating, Session
from alslog.store.codec import (
    CHECKIN_FIELDS,
    RATING_FIELDS,
    SESSION_FIELDS,
    UNDO_FILE,
    Raw,
    month_of,
)
from alslog.store.files import Files, position


class Change(Frozen):
    """What one write did, for messages and for undo: a short description."""

    description: str


def add_sessions(files: Files, sessions: Sequence[Session]) -> Change:
    """Store new sessions (a routine's parts) all or nothing: one transaction, one undo."""
    if not sessions:
        raise UsageError("no session to store")
    with files.writing() as op:
        images: list[undo.Touched] = []
        texts: list[str] = []
        for session in sessions:
            doc = files.for_write(op, month_of(session.day))
            if any(r["id"] == session.id for r in doc.raw_sessions) or any(
                image[1] == session.id for image in images
            ):
                raise AlslogError(f"a session with the id {session.id} is already stored")
            raw = codec.session_raw(session)
            doc.raw_sessions.append(raw)
            images.append(("session", session.id, None, raw))
            texts.append(describe.session(raw))
        text = (
            f"Added {texts[0]}"
            if len(texts) == 1
            else f"Added {len(texts)} sessions: {'; '.join(texts)}"
        )
        files.commit(op, text, images)
    return Change(text)


def put_checkin(files: Files, checkin: CheckIn, moved_from: date | None = None) -> Change:
    """Store the day's check-in, replacing an earlier one of the same date.

    ``moved_from``: the date an edit moves it from. Only that month is looked in
    for the old copy, so a new check-in never reads (nor fails on) other months.
    """
    with files.writing() as op:
        target = month_of(checkin.date)
        doc = files.for_write(op, target)
        day = checkin.date.isoformat()
        images: list[undo.Touched] = []
        kept: list[Raw] = []
        old_same_id: Raw | None = None
        # An edit may move a check-in to a date of another month: take it out of its
        # old month, or the same id would be stored twice.
        where = None
        if moved_from is not None and month_of(moved_from) != target:
            where = files.locate(op, checkin.id, "checkins", first=month_of(moved_from))
        if where is not None and where[0].name != target:
            old_doc, index = where
            old_same_id = old_doc.raw_checkins.pop(index)
            images.append(("checkin", checkin.id, old_same_id, None))
        for record in doc.raw_checkins:
            if record["id"] == checkin.id:
                old_same_id = record
            if record["id"] == checkin.id or record.get("date") == day:
                images.append(("checkin", record["id"], record, None))
            else:
                kept.append(record)
        raw = codec.merge(old_same_id, codec.checkin_raw(checkin), CHECKIN_FIELDS)
        kept.append(raw)
        doc.raw["checkins"] = kept
        verb = "Replaced" if images else "Added"
        for index, image in enumerate(images):
            if image[1] == checkin.id:  # same id: one image, before -> after
                images[index] = ("checkin", checkin.id, image[2], raw)
                break
        else:
            images.append(("checkin", checkin.id, None, raw))
        text = f"{verb} {describe.checkin(raw)}"
        files.commit(op, text, images)
    return Change(text)


def update_session(files: Files, session: Session) -> Change:
    """Replace the stored session of the same id (its day may change)."""
    with files.writing() as op:
        target = month_of(session.day)
        where = files.locate(op, session.id, "sessions", first=target)
        if where is None:
            raise NotFoundError(f"no session has the id {session.id!r}")
        old_doc, index = where
        old = old_doc.raw_sessions[index]
        new = codec.merge(old, codec.session_raw(session), SESSION_FIELDS)
        if old_doc.name == target:
            old_doc.raw_sessions[index] = new
        else:
            del old_doc.raw_sessions[index]
            files.for_write(op, target).raw_sessions.append(new)
        text = f"Changed {describe.session(new)}"
        files.commit(op, text, [("session", session.id, old, new)])
    return Change(text)


def add_rating(files: Files, rating: Rating) -> Change:
    """Store a new rating (several may share a day: each is its own record)."""
    with files.writing() as op:
        doc = files.for_write(op, month_of(rating.date))
        if position(doc, "ratings", rating.id) is not None:
            raise AlslogError(f"a rating with the id {rating.id} is already stored")
        raw = codec.rating_raw(rating)
        doc.raw_ratings.append(raw)
        text = f"Added {describe.rating(raw)}"
        files.commit(op, text, [("rating", rating.id, None, raw)])
    return Change(text)


def update_rating(files: Files, rating: Rating) -> Change:
    """Replace the stored rating of the same id (its date may change)."""
    with files.writing() as op:
        target = month_of(rating.date)
        where = files.locate(op, rating.id, "ratings", first=target)
        if where is None:
            raise NotFoundError(f"no rating has the id {rating.id!r}")
        old_doc, index = where
        old = old_doc.raw_ratings[index]
        new = codec.merge(old, codec.rating_raw(rating), RATING_FIELDS)
        if old_doc.name == target:
            old_doc.raw_ratings[index] = new
        else:
            del old_doc.raw_ratings[index]
            files.for_write(op, target).raw_ratings.append(new)
        text = f"Changed {describe.rating(new)}"
        files.commit(op, text, [("rating", rating.id, old, new)])
    return Change(text)


def remove(files: Files, record_id: str) -> Change:
    """Delete a session, check-in or rating by its full id."""
    with files.writing() as op:
        for key, kind in (("sessions", "session"), ("checkins", "checkin"), ("ratings", "rating")):
            where = files.locate(op, record_id, key)
            if where is not None:
                doc, index = where
                old = doc.raw[key].pop(index)
                text = f"Removed {describe.record(kind, old)}"
                files.commit(op, text, [(kind, record_id, old, None)])
                return Change(text)
    raise NotFoundError(f"no session, check-in or rating has the id {record_id!r}")


def import_records(
    files: Files,
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn],
    extras: dict[str, Raw] | None = None,
    ratings: Iterable[Rating] = (),
) -> tuple[int, int]:
    """Add records whose id is not stored yet, all in one transaction: (added, skipped).

    ``extras`` holds, by id, fields this version does not know (from an
    export of a newer alslog): they are stored with the record, as read.
    """
    extras = extras or {}
    with files.writing() as op:
        stored: set[str] = set()
        for name in files.months(op):
            doc = files.doc(op, name, validate=False)
            if doc is not None:
                stored.update(r["id"] for r in doc.raw_sessions)
                stored.update(r["id"] for r in doc.raw_checkins)
                stored.update(r["id"] for r in doc.raw_ratings)
        added: list[list[str]] = []
        skipped = 0
        lists: tuple[tuple[str, Iterable[Session | CheckIn | Rating]], ...] = (
            ("sessions", sessions),
            ("checkins", checkins),
            ("ratings", ratings),
        )
        for key, items in lists:
            for item in items:
                if item.id in stored:
                    skipped += 1
                    continue
                stored.add(item.id)
                if isinstance(item, Session):
                    name, raw = month_of(item.day), codec.session_raw(item)
                    known = SESSION_FIELDS
                elif isinstance(item, Rating):
                    name, raw = month_of(item.date), codec.rating_raw(item)
                    known = RATING_FIELDS
                else:
                    name, raw = month_of(item.date), codec.checkin_raw(item)
                    known = CHECKIN_FIELDS
                extra = extras.get(item.id, {})
                raw.update({k: v for k, v in extra.items() if k not in known})
                files.for_write(op, name).raw[key].append(raw)
                added.append([key[:-1], item.id, name])
        if added:
            text = f"Imported {words.plural(len(added), 'record')}"
            files.commit(op, text, [], added=added)
    return len(added), skipped


def undo_last(files: Files) -> Change:
    """Revert the last change; NotFoundError when there is nothing to undo.

    The entry is validated first, every record it restores as a record of
    its kind, and each month it touches follows from those records' dates:
    a damaged entry is refused (StoreCorruptError) and nothing is written.
    """
    with files.writing() as op:
        log = files.undo_log(op)
        entries: list[Raw] = log["entries"]
        if not entries:
            raise NotFoundError("nothing to undo")
        entry = entries.pop()
        path = files.root / UNDO_FILE
        try:
            images, added = undo.checked_entry(entry, len(entries))
        except ValueError as exc:
            raise undo.damaged(path, str(exc)) from None
        restore = entry.get("restore")
        if restore is not None and restore["damaged"]:
            raise AlslogError(
                f"cannot undo the restore of {restore['month']}: the file it replaced was "
                "damaged, so there is no earlier version to go back to (the damaged file "
                "is kept among the backups, see 'alslog doctor --backups'); nothing was changed"
            )
        texts: list[str] = []
        for kind, rid, name in reversed(added):
            key = f"{kind}s"
            doc = files.for_write(op, name)
            index = position(doc, key, rid)
            if index is None:
                raise AlslogError(f"cannot undo: record {rid} was changed since; nothing done")
            del doc.raw[key][index]
        if added:
            texts.append(f"Removed the {words.plural(len(added), 'imported record')}")
        for kind, rid, before, after in reversed(images):
            key = f"{kind}s"
            if after is not None:
                doc = files.for_write(op, after[0])
                index = position(doc, key, rid)
                if index is None or doc.raw[key][index] != after[1]:
                    raise AlslogError(
                        f"cannot undo: {describe.record(kind, after[1])} was changed since; "
                        "nothing done"
                    )
                del doc.raw[key][index]
            if before is not None:
                doc = files.for_write(op, before[0])
                if position(doc, key, rid) is not None:
                    raise AlslogError(f"cannot undo: record {rid} is stored again; nothing done")
                doc.raw[key].append(before[1])
            if before is None and after is not None:
                texts.append(f"Removed {describe.record(kind, after[1])}")
            elif before is not None and after is None:
                texts.append(f"Restored {describe.record(kind, before[1])}")
            elif before is not None:
                texts.append(f"Restored the earlier version of {describe.record(kind, before[1])}")
        if len(texts) == 2 and texts[0].startswith("Removed the check-in"):
            # A replaced check-in: one day's check-in swapped back for the earlier one.
            texts = [texts[1].replace("Restored the", "Restored the earlier", 1)]
        if restore is not None:
            doc = files.for_write(op, restore["month"])
            for key, ids in restore.get("order", {}).items():
                if key in codec.LISTS:
                    rank = {rid: n for n, rid in enumerate(ids)}
                    doc.raw[key].sort(key=lambda r: rank.get(r["id"], len(rank)))
            what = "; ".join(texts) if texts else "no record had changed"
            text = f"Took back the restore of {restore['month']} ({what})"
        else:
            text = "; ".join(texts) or f"Undid: {entry.get('description', 'a change')}"
        files.write(op, log)
    return Change(text)
