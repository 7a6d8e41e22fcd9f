"""The report's tables and its summary at a glance: every number the charts draw."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from alslog.models import KINDS
from alslog.views.report.formats import KIND_NAMES, SEVERITY_NAMES, _e, _scroll, _short, _table_day
from alslog.words import MARK_SHORT, and_list, day_short, kind_label, session_marks, time_of

if TYPE_CHECKING:
    from alslog.models import Finding, Session
    from alslog.trend import Trend


# On a narrow screen a wide table scrolls in its own area; without a visible scroll bar (a
# phone's are hidden until used) its right-hand columns look cut off, so it says so.
HINT = '<span class="narrow-hint"> Scroll sideways to see every column.</span>'

# A kind as a column's short heading.
SHORT_KIND = {
    "stretching": "Stretch",
    "rom": "ROM",
    "aerobic": "Aerobic",
    "strength": "Strength",
    "other": "Other",
}


def _weekly_table(trend: Trend, daily_kinds: tuple[str, ...]) -> str:
    goal = trend.aerobic_goal
    head = "".join(
        f'<th scope="col"><abbr title="{_e(KIND_NAMES[k])} minutes">{SHORT_KIND[k]}</abbr></th>'
        for k in KINDS
    )
    rows = []
    for week in trend.weeks:
        cells = "".join(f"<td>{week.minutes(k)}</td>" for k in KINDS)
        mean = "" if week.mean_rpe is None else f"{week.mean_rpe:.1f}"
        peak = "" if week.max_rpe is None else str(week.max_rpe)
        rows.append(
            f'<tr><th scope="row">{_e(_short(week.start))}</th>'
            f"{cells}<td>{week.total}</td>"
            + "".join(f"<td>{week.days_with(k)}/{week.counted_days}</td>" for k in daily_kinds)
            + f"<td>{mean}</td><td>{peak}</td><td>{week.aching_days}</td>"
            f"<td>{week.findings}</td></tr>"
        )
    with_daily = and_list([f"with {kind_label(k)}" for k in daily_kinds])
    daily_heads = "".join(
        f'<th scope="col"><abbr title="Days with {_e(kind_label(k))}">'
        f"{SHORT_KIND.get(k, _e(k))} days</abbr></th>"
        for k in daily_kinds
    )
    goal_note = f" Aerobic goal: {goal} minutes a week." if goal else ""
    table = (
        '<table class="data weeks"><caption id="cap-weeks">Week by week (seven days from '
        f"the date shown): minutes by kind; days {with_daily}, "
        f"of the days counted; effort (RPE); days with aching; findings.{_e(goal_note)}{HINT}"
        "</caption>"
        f'<thead><tr><th scope="col">Week of</th>{head}<th scope="col">Total</th>'
        f'{daily_heads}<th scope="col"><abbr title="Average effort">RPE avg</abbr></th>'
        '<th scope="col"><abbr title="Highest effort">RPE max</abbr></th>'
        '<th scope="col"><abbr title="Days with aching">Aching</abbr></th>'
        '<th scope="col"><abbr title="Findings">Flags</abbr></th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _scroll(table, labelledby="cap-weeks")


# Where a rule's message names its own day, a row for several days says this instead.
EACH_DAY = "each of these days"


def _grouped(findings: tuple[Finding, ...]) -> list[tuple[list[Finding], str]]:
    """Findings that say the same thing (the same rule, level, source and words, but for its
    own day) as one row, with its days: ten copies of one caution fill a page and say
    nothing more. In the order of each group's first day."""
    groups: dict[tuple[str, str, str, str], list[Finding]] = {}
    for f in findings:
        words = f.message
        for form in (day_short(f.date, year=True), day_short(f.date)):
            words = words.replace(form, "{day}")
        groups.setdefault((f.rule, f.severity, f.source, words), []).append(f)
    return [
        (group, group[0].message if len(group) == 1 else words.replace("{day}", EACH_DAY))
        for (_rule, _sev, _source, words), group in groups.items()
    ]


def _findings_table(trend: Trend) -> str:
    findings = trend.findings
    if not findings:
        return "<p>Nothing was flagged in this period.</p>"
    rows = []
    for group, message in _grouped(findings):
        f = group[0]
        when = _e(_table_day(f.date, trend))
        days = ""
        if len(group) > 1:
            when += f" to {_e(_table_day(group[-1].date, trend))}"
            listed = ", ".join(_table_day(g.date, trend) for g in group)
            days = f"<strong>On {len(group)} days:</strong> {_e(listed)}. "
        rows.append(
            f'<tr class="{f.severity}"><th scope="row" class="when">{when}</th>'
            f'<td><span class="sev">{SEVERITY_NAMES[f.severity]}</span></td>'
            f'<td class="text">{days}{_e(message)}'
            + (f' <span class="source">Source: {_e(f.source)}.</span>' if f.source else "")
            + "</td></tr>"
        )
    serious = any(f.severity in ("alert", "warning") for f in findings)
    on_paper = (
        '<span class="print-only-inline"> The alerts and warnings are on the first page.</span>'
        if serious
        else ""
    )
    table = (
        '<table class="data findings"><caption id="cap-findings">Everything the guideline '
        f"rules flagged, by date; the same words on several days are one row.{on_paper}"
        '</caption><thead><tr><th scope="col">Date</th>'
        '<th scope="col">Level</th>'
        f'<th scope="col">What</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    return _scroll(table, labelledby="cap-findings")


def _aching_list(trend: Trend) -> str:
    checks = [c for c in trend.checkins if c.aching or c.fatigue is not None or c.note]
    if not checks:
        return "<p>No check-ins in this period.</p>"
    rows = []
    for c in checks:
        aching = "yes" if c.aching else ("no" if c.aching is False else "")
        rows.append(
            f'<tr><th scope="row" class="when">{_e(_table_day(c.date, trend))}</th>'
            f'<td>{aching}</td><td class="text">{_e(c.where or "")}</td>'
            f"<td>{'' if c.fatigue is None else f'{c.fatigue}/10'}</td>"
            f'<td class="text">{_e(c.note or "")}</td></tr>'
        )
    table = (
        '<table class="data checkins"><caption id="cap-checkins">Check-ins: aching since '
        'the last exercise, and fatigue (0 to 10).</caption><thead><tr><th scope="col">Date</th>'
        '<th scope="col">Aching</th><th scope="col">Where</th><th scope="col">Fatigue</th>'
        f'<th scope="col">Note</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    return _scroll(table, labelledby="cap-checkins")


def _marks(s: Session) -> list[str]:
    # "could talk" is how a session should be, not a mark to look at (as in `week`).
    marks = [m for m in session_marks(s) if m != MARK_SHORT["could_talk"]]
    marks.extend(s.symptoms)
    return marks


def _sessions_table(trend: Trend) -> str:
    if not trend.sessions:
        return "<p>No sessions in this period.</p>"
    rows = []
    for s in reversed(trend.sessions):
        marks = _marks(s)
        rows.append(
            f'<tr><th scope="row" class="when">{_e(_table_day(s.day, trend))} {time_of(s.at)}</th>'
            f"<td>{_e(KIND_NAMES[s.kind])}</td>"
            f'<td class="text">{_e(s.activity or "")}</td><td>{s.minutes}</td>'
            f"<td>{'' if s.rpe is None else s.rpe}</td>"
            f'<td class="text">{_e(", ".join(marks))}</td>'
            f'<td class="text">{_e(s.note or "")}</td></tr>'
        )
    table = (
        '<table class="data sessions"><caption id="cap-sessions">Every session, newest first.'
        f"{HINT}"
        '</caption><thead><tr><th scope="col">When</th><th scope="col">Kind</th>'
        '<th scope="col">Activity</th><th scope="col"><abbr title="minutes">Min</abbr></th>'
        '<th scope="col"><abbr title="rating of perceived exertion, 6 to 20">RPE</abbr></th>'
        '<th scope="col">Marks and symptoms</th><th scope="col">Note</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return f'<div class="screen-only">{_scroll(table, labelledby="cap-sessions")}</div>'


def _sessions_by_day(trend: Trend) -> str:
    """The sessions on paper: one line a day, in two columns, everything the table says but
    the time of day. A table of every session would take pages on its own."""
    if not trend.sessions:
        return ""
    days: dict[date, list[str]] = {}
    for s in trend.sessions:
        what = KIND_NAMES[s.kind].lower() if s.kind != "rom" else "ROM"
        if s.activity:
            what += f" ({s.activity})"
        what += f" {s.minutes}"
        if s.rpe is not None:
            what += f" RPE {s.rpe}"
        extra = [*_marks(s), *([s.note] if s.note else [])]
        if extra:
            what += ": " + ", ".join(extra)
        days.setdefault(s.day, []).append(what)
    lines = "".join(
        f"<li><strong>{_e(_table_day(day, trend))}</strong> {_e('; '.join(items))}</li>"
        for day, items in days.items()
    )
    return (
        '<div class="print-only"><p class="small">Day by day, oldest first (minutes; '
        f'RPE is effort, 6 to 20):</p><ul class="by-day">{lines}</ul></div>'
    )
