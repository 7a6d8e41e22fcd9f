"""Checks on how much and what was done: too long a session, a kind with a standing caution."""

# Annotations are objects, not strings: see the note in base.py.

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from alslog.guidelines.base import SESSION_PLACEHOLDERS, RuleBase
from alslog.guidelines.checks.context import Context, about
from alslog.models import Finding, Kind


class MinutesAbove(RuleBase):
    """A session of ``kind`` longer than ``minutes_max``."""

    PLACEHOLDERS = SESSION_PLACEHOLDERS | {"limit"}
    check: Literal["minutes-above"]
    kind: Kind
    minutes_max: int = Field(ge=1, le=600)


def minutes_above(rule_id: str, rule: MinutesAbove, ctx: Context) -> Iterator[Finding]:
    """Sessions of the rule's kind longer than its limit."""
    for s in ctx.window_sessions():
        if s.kind == rule.kind and s.minutes > rule.minutes_max:
            yield about(rule_id, rule, ctx, s, limit=rule.minutes_max)


class KindLogged(RuleBase):
    """Any session of ``kind`` (a standing caution about that kind of exercise)."""

    PLACEHOLDERS = SESSION_PLACEHOLDERS
    check: Literal["kind-logged"]
    kind: Kind


def kind_logged(rule_id: str, rule: KindLogged, ctx: Context) -> Iterator[Finding]:
    """Every session of the rule's kind."""
    for s in ctx.window_sessions():
        if s.kind == rule.kind:
            yield about(rule_id, rule, ctx, s)
