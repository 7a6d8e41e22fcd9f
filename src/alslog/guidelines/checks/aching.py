"""Checks on how the body took it afterwards: aching after sessions, a tired day.

The aching rule's window and cut also fill the guide topics' ``{days}`` and
``{percent}`` (:data:`TOPIC_PLACEHOLDERS`, :meth:`AchingAfter.topic_values`).
"""

# Annotations are objects, not strings: see the note in base.py.

import math
from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated, Any, Literal

from pydantic import Field

from alslog import words
from alslog.guidelines.base import SESSION_PLACEHOLDERS, RuleBase
from alslog.guidelines.checks.context import Context, finding, session_values
from alslog.models import Finding, Kind, Session

# The kinds an aching check-in suggests cutting, unless a guideline file says
# otherwise: stretching and range of motion are asked for every day.
CUT_KINDS: tuple[Kind, ...] = ("aerobic", "strength", "other")

# What guide topics can write, filled from the aching rule by ``topic_values``.
TOPIC_PLACEHOLDERS = frozenset({"days", "percent"})


class AchingAfter(RuleBase):
    """A check-in that reports aching, after sessions of ``kinds`` in the ``days_before`` days.

    {sessions} lists them with their shorter times; the one-session
    placeholders ({minutes}, {suggested}...) describe the latest of them.
    """

    PLACEHOLDERS = SESSION_PLACEHOLDERS | TOPIC_PLACEHOLDERS | {"ache_day", "suggested", "sessions"}
    check: Literal["aching-after"]
    days_before: int = Field(ge=1, le=7)
    cut_back_percent: int = Field(ge=5, le=75)
    kinds: Annotated[tuple[Kind, ...], Field(min_length=1)] = CUT_KINDS

    def topic_values(self) -> dict[str, Any]:
        """The values of :data:`TOPIC_PLACEHOLDERS` (and of this rule's own message)."""
        return {"days": self.days_before, "percent": self.cut_back_percent}


def suggest_minutes(minutes: int, cut_percent: int) -> int:
    """A shorter next session: ``cut_percent`` less, to the nearest minute.

    The message states the percent, so the number must agree with it: it is
    within a minute of the exact cut (25% of 25 minutes is about 19), a half
    rounded down (the cut is a precaution). Always less than ``minutes``, and
    never below 1 minute (a 1-minute session stays 1).
    """
    raw = minutes * (100 - cut_percent) / 100
    suggested = math.ceil(raw - 0.5)
    return max(1, min(suggested, minutes - 1))


def aching_after(rule_id: str, rule: AchingAfter, ctx: Context) -> Iterator[Finding]:
    """One finding per aching check-in in the window, listing the sessions before it."""
    # The sessions of the kinds to cut in the days before it, each with its shorter time.
    window = timedelta(days=rule.days_before)
    for c in ctx.checkins:
        if not c.aching or not ctx.start <= c.date <= ctx.end:
            continue
        cut = [
            s for s in ctx.sessions if c.date - window <= s.day < c.date and s.kind in rule.kinds
        ]
        if not cut:
            continue
        listed = [_cut_text(s, rule.cut_back_percent) for s in cut]
        last = cut[-1]  # fills the one-session placeholders of older personal copies
        values = (
            session_values(last)
            | {
                "ache_day": words.day_short(c.date),
                "sessions": "; ".join(listed),
                "suggested": suggest_minutes(last.minutes, rule.cut_back_percent),
            }
            | rule.topic_values()
        )
        yield finding(rule_id, rule, ctx, c.date, values, tuple(s.id for s in cut))


def _cut_text(s: Session, percent: int) -> str:
    """'aerobic 25 min on Mon 23 Nov (try 19 min)'."""
    text = f"{words.kind_label(s.kind)} {words.minutes(s.minutes)} on {words.day_short(s.day)}"
    if s.minutes < 2:
        return text + " (already as short as it gets)"
    return text + f" (try {words.minutes(suggest_minutes(s.minutes, percent))})"


class CheckinFatigue(RuleBase):
    """Sessions on a day whose check-in rates fatigue ``fatigue_at`` or more (0-10).

    One finding per such day: {sessions} lists its sessions; the session
    placeholders describe the latest.
    """

    PLACEHOLDERS = SESSION_PLACEHOLDERS | {"fatigue", "limit", "sessions"}
    check: Literal["checkin-fatigue"]
    fatigue_at: int = Field(ge=1, le=10)


def checkin_fatigue(rule_id: str, rule: CheckinFatigue, ctx: Context) -> Iterator[Finding]:
    """One finding per tired day, listing its sessions (not one per session)."""
    for c in ctx.checkins:
        if c.fatigue is None or c.fatigue < rule.fatigue_at or not ctx.start <= c.date <= ctx.end:
            continue
        logged = [s for s in ctx.sessions if s.day == c.date]
        if not logged:
            continue
        listed = words.and_list(
            [f"{words.kind_label(s.kind)} {words.minutes(s.minutes)}" for s in logged]
        )
        values = session_values(logged[-1]) | {
            "sessions": listed,
            "fatigue": c.fatigue,
            "limit": rule.fatigue_at,
        }
        yield finding(rule_id, rule, ctx, c.date, values, tuple(s.id for s in logged))
