"""What a check looks at (:class:`Context`) and how it words a finding.

Pure: no I/O, no clock (``today`` is passed in).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from alslog import words
from alslog.models import CheckIn, Finding, Rating, Session

if TYPE_CHECKING:
    from alslog.guidelines.base import RuleBase
    from alslog.guidelines.schema import Guidelines


class Context:
    """Everything a check may look at.

    A plain class: a dataclass costs about a millisecond to define, paid by
    every run that loads the guidelines.
    """

    __slots__ = (
        "checkins",
        "end",
        "first_day",
        "guidelines",
        "ratings",
        "sessions",
        "start",
        "today",
    )

    def __init__(
        self,
        *,
        sessions: tuple[Session, ...],  # oldest first, one per id, may reach outside the window
        checkins: tuple[CheckIn, ...],
        guidelines: Guidelines,
        start: date,
        end: date,
        today: date,
        first_day: date | None,
        ratings: tuple[Rating, ...] = (),  # oldest first; the same day in the order given
    ) -> None:
        self.sessions = sessions
        self.checkins = checkins
        self.guidelines = guidelines
        self.start = start
        self.end = end
        self.today = today
        self.first_day = first_day
        self.ratings = ratings

    def window_sessions(self) -> Iterator[Session]:
        """Sessions whose day lies in [start, end]."""
        return (s for s in self.sessions if self.start <= s.day <= self.end)


def session_values(s: Session) -> dict[str, Any]:
    """The placeholders every session rule fills (``base.SESSION_PLACEHOLDERS``)."""
    kind = words.kind_adjective(s.kind)
    return {
        "kind": kind,
        "activity": s.activity or kind,
        "minutes": s.minutes,
        "day": words.day_short(s.day),
    }


@functools.lru_cache(maxsize=64)
def _names_day(message: str) -> bool:
    """Whether a message template names the finding's day ({day} or {ache_day})."""
    fields = {name for _, name, _, _ in string.Formatter().parse(message) if name}
    return bool(fields & {"day", "ache_day"})


def finding(
    rule_id: str,
    rule: RuleBase,
    ctx: Context,
    day: date,
    values: Mapping[str, Any],
    sessions: tuple[str, ...] = (),
    *,
    noted: tuple[str, ...] = (),
    at: datetime | None = None,
) -> Finding:
    """The finding of ``rule`` dated ``day``, its message filled from ``values``."""
    return Finding(
        rule=rule_id,
        severity=rule.severity,
        date=day,
        message=rule.message.format_map(values),
        sessions=sessions,
        source=ctx.guidelines.source_names(rule.sources),
        noted=noted,
        at=at,
        names_day=_names_day(rule.message),
    )


def about(
    rule_id: str,
    rule: RuleBase,
    ctx: Context,
    s: Session,
    *,
    noted: tuple[str, ...] = (),
    **extra: Any,
) -> Finding:
    """A finding about one session; ``noted``: what the person wrote that raised it."""
    values = session_values(s) | extra
    return finding(rule_id, rule, ctx, s.day, values, (s.id,), noted=noted, at=s.at)
