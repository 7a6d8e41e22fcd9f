"""Checks on how hard a session was: above a Borg rating, could not talk, kept going."""

# Annotations are objects, not strings: see the note in base.py.

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from alslog.guidelines.base import SESSION_PLACEHOLDERS, RuleBase
from alslog.guidelines.checks.context import Context, about
from alslog.models import RPE_MAX, RPE_MIN, Finding


class RpeAbove(RuleBase):
    """A session rated above ``rpe_max`` on the Borg 6-20 scale."""

    PLACEHOLDERS = SESSION_PLACEHOLDERS | {"rpe", "limit"}
    check: Literal["rpe-above"]
    rpe_max: int = Field(ge=RPE_MIN, le=RPE_MAX)


def rpe_above(rule_id: str, rule: RpeAbove, ctx: Context) -> Iterator[Finding]:
    """Sessions rated above the rule's limit, and above no higher limit of another rule."""
    # With several effort rules (above-moderate, far-above-moderate), a session
    # gets only the one with the highest limit it goes over.
    higher = [
        r.rpe_max
        for r in ctx.guidelines.rules.values()
        if isinstance(r, RpeAbove) and r.enabled and r.rpe_max > rule.rpe_max
    ]
    for s in ctx.window_sessions():
        if s.rpe is not None and s.rpe > rule.rpe_max and not any(s.rpe > h for h in higher):
            yield about(rule_id, rule, ctx, s, rpe=s.rpe, limit=rule.rpe_max)


class CannotTalk(RuleBase):
    """A session during which the person could not talk comfortably."""

    PLACEHOLDERS = SESSION_PLACEHOLDERS
    check: Literal["cannot-talk"]


def cannot_talk(rule_id: str, rule: CannotTalk, ctx: Context) -> Iterator[Finding]:
    """Sessions marked "could not talk" (never those with no answer)."""
    for s in ctx.window_sessions():
        if s.talk is False:
            yield about(rule_id, rule, ctx, s)


class KeptGoing(RuleBase):
    """A session where the person kept going after getting tired."""

    PLACEHOLDERS = SESSION_PLACEHOLDERS
    check: Literal["kept-going"]


def kept_going(rule_id: str, rule: KeptGoing, ctx: Context) -> Iterator[Finding]:
    """Sessions marked "kept going after tiring"."""
    for s in ctx.window_sessions():
        if s.kept_going:
            yield about(rule_id, rule, ctx, s)
