"""The rules engine: (logbook records, guidelines, today) -> findings.

Pure functions: no I/O, no clock (``today`` is passed in). Each guideline
rule names a ``check``; the check is a small function registered here under
that name, which yields the findings of one rule. ``guidelines.py`` validates
the rule's settings and message before any of this runs.

Dates: a finding is dated on the day it is about. For a session rule that is
the session's day; for ``aching-after`` the aching check-in's day (one finding
per check-in, listing the sessions before it); for ``daily`` the day with
nothing logged.
"""

from __future__ import annotations

import functools
import math
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

import alslog.symptoms as symptoms
from alslog.guidelines import (
    AchingAfter,
    CannotTalk,
    CheckinFatigue,
    Daily,
    Guidelines,
    KeptGoing,
    KindLogged,
    MinutesAbove,
    RpeAbove,
    RuleBase,
    SymptomOther,
    SymptomTerms,
)
from alslog.models import (
    CheckIn,
    Finding,
    Session,
    most_serious_first,
)
from alslog.words import KIND_LABELS, kind_adjective

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class _Context:
    """Everything a check may look at."""

    sessions: tuple[Session, ...]  # oldest first, one per id, may reach outside the window
    checkins: tuple[CheckIn, ...]
    guidelines: Guidelines
    start: date
    end: date
    today: date
    first_day: date | None

    def window_sessions(self) -> Iterator[Session]:
        """Sessions whose day lies in [start, end]."""
        return (s for s in self.sessions if self.start <= s.day <= self.end)


CheckFn = Callable[..., Iterable[Finding]]
_F = TypeVar("_F", bound=CheckFn)

CHECK_FUNCTIONS: dict[str, CheckFn] = {}


def _check(name: str) -> Callable[[_F], _F]:
    """Register the function that implements the ``check`` called ``name``."""

    def register(fn: _F) -> _F:
        CHECK_FUNCTIONS[name] = fn
        return fn

    return register


# ---- public API -------------------------------------------------------------


def evaluate(
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn],
    guidelines: Guidelines,
    *,
    start: date,
    end: date,
    today: date,
    first_day: date | None,
) -> list[Finding]:
    """Every finding dated in [start, end], most serious first.

    ``sessions`` and ``checkins`` may reach outside the window: pass check-ins
    up to ``end`` + the aching window so aching noted after a session is seen.
    ``first_day`` is the first day of the logbook: ``daily`` rules look only at
    days from then until yesterday (``today`` is not over yet); with None they
    report nothing.
    """
    by_id = {s.id: s for s in sessions}
    ctx = _Context(
        sessions=tuple(sorted(by_id.values(), key=lambda s: (s.at, s.id))),
        checkins=tuple(sorted(checkins, key=lambda c: (c.date, c.id))),
        guidelines=guidelines,
        start=start,
        end=end,
        today=today,
        first_day=first_day,
    )
    found: list[Finding] = []
    for rule_id, rule in guidelines.rules.items():
        if rule.enabled:
            check = CHECK_FUNCTIONS[rule.check]
            found.extend(f for f in check(rule_id, rule, ctx) if start <= f.date <= end)
    return most_serious_first(found)


def session_findings(
    session: Session,
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn],
    guidelines: Guidelines,
    *,
    today: date,
) -> list[Finding]:
    """The findings about one session (the prompt after ``alslog add``), most serious first.

    ``sessions`` is the rest of the history (it may or may not include
    ``session``); ``checkins`` should reach a few days past the session's day:
    aching noted then is dated on its own day and still concerns this session.
    """
    others = [s for s in sessions if s.id != session.id]
    found = evaluate(
        [*others, session],
        checkins,
        guidelines,
        start=session.day,
        end=session.day + timedelta(days=lookahead_days(guidelines)),
        today=today,
        first_day=None,
    )
    return [f for f in found if session.id in f.sessions]


def lookahead_days(guidelines: Guidelines) -> int:
    """How many days after a session a check-in can still raise a finding about it.

    Aching noted up to ``days_before`` days after a session lists it (in a
    finding dated on the aching day): to see everything said about the
    sessions of a window, fetch check-ins up to ``end`` + this many days. 0 when
    no aching rule is enabled.
    """
    return max(
        (
            r.days_before
            for r in guidelines.rules.values()
            if isinstance(r, AchingAfter) and r.enabled
        ),
        default=0,
    )


def history_days(guidelines: Guidelines) -> int:
    """How many days before a day any enabled rule looks back (its ``days_before``).

    A check-in on day D can concern sessions back to D minus this many days:
    fetch sessions from there (e.g. to ask about aching after recent exercise,
    or to evaluate a check-in's day). 0 when no rule looks back.
    """
    return max(
        (getattr(r, "days_before", 0) for r in guidelines.rules.values() if r.enabled),
        default=0,
    )


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


def red_flags(texts: Iterable[str], rule: SymptomTerms) -> list[tuple[str, list[symptoms.Hit]]]:
    """Each text that mentions a sign of ``rule``'s groups, with what was found.

    Matching is in :mod:`alslog.symptoms` (any inflection, word order, one
    typing slip, abbreviations; a sign counts unless plainly negated).
    """
    texts = [t for t in texts if t]
    if not texts:  # most sessions: nothing to screen
        return []
    return symptoms.screen(texts, _specs(rule))


def _specs(rule: SymptomTerms) -> tuple[symptoms.GroupSpec, ...]:
    return tuple(group.spec() for group in rule.all_groups())


# ---- helpers ----------------------------------------------------------------


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _session_values(s: Session) -> dict[str, Any]:
    kind = kind_adjective(s.kind)
    return {"kind": kind, "activity": s.activity or kind, "minutes": s.minutes, "day": _day(s.day)}


@functools.lru_cache(maxsize=64)
def _names_day(message: str) -> bool:
    """Whether a message template names the finding's day ({day} or {ache_day})."""
    fields = {name for _, name, _, _ in string.Formatter().parse(message) if name}
    return bool(fields & {"day", "ache_day"})


def _finding(
    rule_id: str,
    rule: RuleBase,
    ctx: _Context,
    day: date,
    values: Mapping[str, Any],
    sessions: tuple[str, ...] = (),
    *,
    noted: tuple[str, ...] = (),
    at: datetime | None = None,
) -> Finding:
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


def _about(
    rule_id: str,
    rule: RuleBase,
    ctx: _Context,
    s: Session,
    *,
    noted: tuple[str, ...] = (),
    **extra: Any,
) -> Finding:
    """A finding about one session; ``noted``: what the person wrote that raised it."""
    values = _session_values(s) | extra
    return _finding(rule_id, rule, ctx, s.day, values, (s.id,), noted=noted, at=s.at)


# ---- the checks -------------------------------------------------------------


@_check("rpe-above")
def _rpe_above(rule_id: str, rule: RpeAbove, ctx: _Context) -> Iterator[Finding]:
    # With several effort rules (above-moderate, far-above-moderate), a session
    # gets only the one with the highest limit it goes over.
    higher = [
        r.rpe_max
        for r in ctx.guidelines.rules.values()
        if isinstance(r, RpeAbove) and r.enabled and r.rpe_max > rule.rpe_max
    ]
    for s in ctx.window_sessions():
        if s.rpe is not None and s.rpe > rule.rpe_max and not any(s.rpe > h for h in higher):
            yield _about(rule_id, rule, ctx, s, rpe=s.rpe, limit=rule.rpe_max)


@_check("cannot-talk")
def _cannot_talk(rule_id: str, rule: CannotTalk, ctx: _Context) -> Iterator[Finding]:
    for s in ctx.window_sessions():
        if s.talk is False:
            yield _about(rule_id, rule, ctx, s)


@_check("kept-going")
def _kept_going(rule_id: str, rule: KeptGoing, ctx: _Context) -> Iterator[Finding]:
    for s in ctx.window_sessions():
        if s.kept_going:
            yield _about(rule_id, rule, ctx, s)


@_check("aching-after")
def _aching_after(rule_id: str, rule: AchingAfter, ctx: _Context) -> Iterator[Finding]:
    # One finding per aching check-in in the window, listing the sessions of
    # the kinds to cut in the days before it, each with its shorter time.
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
        values = _session_values(last) | {
            "ache_day": _day(c.date),
            "sessions": "; ".join(listed),
            "suggested": suggest_minutes(last.minutes, rule.cut_back_percent),
            "percent": rule.cut_back_percent,
            "days": rule.days_before,
        }
        yield _finding(rule_id, rule, ctx, c.date, values, tuple(s.id for s in cut))


def _cut_text(s: Session, percent: int) -> str:
    """'aerobic 25 min on Mon 23 Nov (try 19 min)'."""
    text = f"{KIND_LABELS.get(s.kind, s.kind)} {s.minutes} min on {_day(s.day)}"
    if s.minutes < 2:
        return text + " (already as short as it gets)"
    return text + f" (try {suggest_minutes(s.minutes, percent)} min)"


@_check("checkin-fatigue")
def _checkin_fatigue(rule_id: str, rule: CheckinFatigue, ctx: _Context) -> Iterator[Finding]:
    # One finding per tired day, listing its sessions (not one per session).
    for c in ctx.checkins:
        if c.fatigue is None or c.fatigue < rule.fatigue_at or not ctx.start <= c.date <= ctx.end:
            continue
        logged = [s for s in ctx.sessions if s.day == c.date]
        if not logged:
            continue
        listed = _and([f"{KIND_LABELS.get(s.kind, s.kind)} {s.minutes} min" for s in logged])
        values = _session_values(logged[-1]) | {
            "sessions": listed,
            "fatigue": c.fatigue,
            "limit": rule.fatigue_at,
        }
        yield _finding(rule_id, rule, ctx, c.date, values, tuple(s.id for s in logged))


@_check("minutes-above")
def _minutes_above(rule_id: str, rule: MinutesAbove, ctx: _Context) -> Iterator[Finding]:
    for s in ctx.window_sessions():
        if s.kind == rule.kind and s.minutes > rule.minutes_max:
            yield _about(rule_id, rule, ctx, s, limit=rule.minutes_max)


@_check("kind-logged")
def _kind_logged(rule_id: str, rule: KindLogged, ctx: _Context) -> Iterator[Finding]:
    for s in ctx.window_sessions():
        if s.kind == rule.kind:
            yield _about(rule_id, rule, ctx, s)


# What a person wrote that is screened for red flags: each symptom, then every other
# free text (the note, a session's activity, where a check-in's aching is), quoted.
def _written(record: Session | CheckIn) -> list[tuple[str, bool]]:
    """(text, is_note) for each symptom, then the note and the other free texts."""
    out = [(text, False) for text in record.symptoms]
    other = record.activity if isinstance(record, Session) else record.where
    out.extend((text, True) for text in (record.note, other) if text)
    return out


_QUOTE_MAX = 80


def _shown(text: str, is_note: bool, hits: list[symptoms.Hit]) -> str:
    """A symptom as written; a note in quotes, cut to the part that matched when long."""
    if not is_note:
        return text
    if len(text) > _QUOTE_MAX:
        part = hits[0].clause
        text = part if len(part) <= _QUOTE_MAX else part[: _QUOTE_MAX - 1] + "\u2026"
    return f"\u201c{text.strip()}\u201d"


def _red_flag_records(ctx: _Context) -> Iterator[tuple[Session | CheckIn, date]]:
    """The sessions in the window, and the check-ins dated in it (with their day)."""
    for s in ctx.window_sessions():
        yield s, s.day
    for c in ctx.checkins:
        if ctx.start <= c.date <= ctx.end:
            yield c, c.date


@_check("symptom-terms")
def _symptom_terms(rule_id: str, rule: SymptomTerms, ctx: _Context) -> Iterator[Finding]:
    groups = {group.name: group for group in rule.all_groups()}
    for record, day in _red_flag_records(ctx):
        written = _written(record)
        if not written:
            continue
        notes = {text for text, is_note in written if is_note}
        found = red_flags([text for text, _ in written], rule)
        if not found:
            continue
        shown = [_shown(text, text in notes, hits) for text, hits in found]
        matched = {hit.group for _text, hits in found for hit in hits}
        cited: list[str] = []
        for name, group in groups.items():  # in the file's order
            if name in matched:
                cited += [x for x in group.sources if x not in cited]
        finding = _finding(rule_id, rule, ctx, day, {"symptoms": _and(shown), "day": _day(day)})
        yield finding.model_copy(
            update={
                "sessions": (record.id,) if isinstance(record, Session) else (),
                "source": ctx.guidelines.source_names(cited),
                "noted": tuple(shown),
                "at": record.at if isinstance(record, Session) else None,
            }
        )


@_check("symptom-other")
def _symptom_other(rule_id: str, rule: SymptomOther, ctx: _Context) -> Iterator[Finding]:
    red = [r for r in ctx.guidelines.rules.values() if isinstance(r, SymptomTerms) and r.enabled]
    for record, day in _red_flag_records(ctx):
        if not record.symptoms:
            continue
        flagged = {text for r in red for text, _ in red_flags(record.symptoms, r)}
        rest = [x for x in record.symptoms if x not in flagged]
        if rest:
            sessions = (record.id,) if isinstance(record, Session) else ()
            values = {"symptoms": _and(rest), "day": _day(day)}
            at = record.at if isinstance(record, Session) else None
            yield _finding(rule_id, rule, ctx, day, values, sessions, noted=tuple(rest), at=at)


@_check("daily")
def _daily(rule_id: str, rule: Daily, ctx: _Context) -> Iterator[Finding]:
    if ctx.first_day is None:
        return
    done = {s.day for s in ctx.sessions if s.kind == rule.kind}
    day = max(ctx.start, ctx.first_day)
    last = min(ctx.end, ctx.today - _ONE_DAY)  # today is not over yet
    kind = kind_adjective(rule.kind)
    while day <= last:
        if day not in done:
            yield _finding(rule_id, rule, ctx, day, {"day": _day(day), "kind": kind})
        day += _ONE_DAY
