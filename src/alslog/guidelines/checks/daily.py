"""The daily reminder: a finished day without a session of a kind asked for every day."""

# Annotations are objects, not strings: see the note in base.py.

from collections.abc import Iterator
from datetime import timedelta
from typing import Literal

from alslog import words
from alslog.guidelines.base import RuleBase
from alslog.guidelines.checks.context import Context, finding
from alslog.models import Finding, Kind

_ONE_DAY = timedelta(days=1)


class Daily(RuleBase):
    """A finished day, since the logbook began, without a session of ``kind``."""

    PLACEHOLDERS = frozenset({"day", "kind"})
    check: Literal["daily"]
    kind: Kind


def daily(rule_id: str, rule: Daily, ctx: Context) -> Iterator[Finding]:
    """One finding per day from the logbook's first day to yesterday without the kind."""
    if ctx.first_day is None:
        return
    done = {s.day for s in ctx.sessions if s.kind == rule.kind}
    day = max(ctx.start, ctx.first_day)
    last = min(ctx.end, ctx.today - _ONE_DAY)  # today is not over yet
    kind = words.kind_adjective(rule.kind)
    while day <= last:
        if day not in done:
            yield finding(rule_id, rule, ctx, day, {"day": words.day_short(day), "kind": kind})
        day += _ONE_DAY
