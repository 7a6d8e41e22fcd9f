"""The day's check-in: recording it (a second one that day adds to the first) and
whether to ask the next-day aching question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import alslog.logbook.safety as safety
from alslog.logbook.valid import validated

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.models import CheckIn, Finding
    from alslog.store import Store


@dataclass(frozen=True)
class Answers:
    """What was said in a check-in; None: not said (the day's earlier answer is kept)."""

    aching: bool | None = None
    where: str | None = None
    level: int | None = None
    fatigue: int | None = None
    note: str | None = None
    symptoms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recorded:
    """A check-in stored: the day's record, whether it added to an earlier one, its findings."""

    checkin: CheckIn
    replaced: bool
    findings: list[Finding]


def merged(earlier: CheckIn | None, day: date, new_id: str, given: Answers) -> CheckIn:
    """The day's check-in with ``given`` added: what is not given again is kept.

    "No aching" clears where and how bad; symptoms are added to the ones
    noted earlier that day.
    """
    from alslog.models import CheckIn

    fields: dict[str, Any] = earlier.model_dump() if earlier else {"id": new_id, "date": day}
    if given.aching is False:
        fields.update(where=None, aching_level=None)
    said = {"aching": given.aching, "where": given.where, "aching_level": given.level,
            "fatigue": given.fatigue, "note": given.note}  # fmt: skip
    fields.update({key: value or None if isinstance(value, str) else value
                   for key, value in said.items() if value is not None})  # fmt: skip
    if given.symptoms:
        known = earlier.symptoms if earlier else ()
        fields["symptoms"] = known + tuple(
            dict.fromkeys(x for x in given.symptoms if x not in known)
        )
    record: CheckIn = validated(CheckIn, **fields)
    return record


def record_checkin(
    store: Store, guide: Guidelines, day: date, today: date, new_id: str, given: Answers
) -> Recorded:
    """Record the check-in of ``day``, added to any earlier one of that day.

    One read (the day's earlier check-in and the sessions the rules look at
    with it), one write.
    """
    start, end = safety.checkin_window(guide, day)
    read = store.period(start, end)
    earlier = [c for c in read.checkins if c.date == day]
    record = merged(earlier[0] if earlier else None, day, new_id, given)
    store.put_checkin(record)
    findings = safety.about_checkin_in(guide, record, read.sessions, today)
    return Recorded(record, bool(earlier), findings)


def save(
    store: Store, guide: Guidelines, record: CheckIn, today: date, *, replaced: bool
) -> Recorded:
    """Store a whole check-in; the findings it leads to (the cut-back advice)."""
    store.put_checkin(record)
    return Recorded(record, replaced, safety.about_checkin(store, guide, record, today))


def aching_question_day(store: Store, guide: Guidelines, today: date) -> date | None:
    """The day of the last exercise to ask about aching after, or None: do not ask.

    Asked when there is no check-in for today yet and a session lies within
    the aching rule's window before today (e.g. yesterday).
    """
    from alslog.guidelines import engine as rules

    window = rules.lookahead_days(guide)  # the enabled aching rule's days_before, or 0
    if not window:
        return None
    read = store.period(today - timedelta(days=window), today)  # one read
    if any(c.date == today for c in read.checkins):
        return None
    recent: Sequence[Any] = [s for s in read.sessions if s.day < today]
    return recent[-1].day if recent else None
