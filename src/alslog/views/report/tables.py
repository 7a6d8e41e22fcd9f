"""The report's tables and its summary at a glance: every number the charts draw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alslog.models import KINDS
from alslog.views.report.formats import KIND_NAMES, SEVERITY_NAMES, _e, _scroll, _short, _table_day
from alslog.words import (
    MARK_SHORT,
    and_list,
    kind_label,
    plural,
    session_marks,
    severity_count,
    time_of,
)

if TYPE_CHECKING:
    from alslog.trend import Trend


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
        f"of the days counted; effort (RPE); days with aching; findings.{_e(goal_note)}</caption>"
        f'<thead><tr><th scope="col">Week of</th>{head}<th scope="col">Total</th>'
        f'{daily_heads}<th scope="col"><abbr title="Average effort">RPE avg</abbr></th>'
        '<th scope="col"><abbr title="Highest effort">RPE max</abbr></th>'
        '<th scope="col"><abbr title="Days with aching">Aching</abbr></th>'
        '<th scope="col"><abbr title="Findings">Flags</abbr></th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _scroll(table, labelledby="cap-weeks")


def _findings_table(trend: Trend) -> str:
    findings = trend.findings
    if not findings:
        return "<p>Nothing was flagged in this period.</p>"
    rows = "".join(
        f'<tr class="{f.severity}"><th scope="row" class="when">'
        f"{_e(_table_day(f.date, trend))}</th>"
        f'<td><span class="sev">{SEVERITY_NAMES[f.severity]}</span></td>'
        f'<td class="text">{_e(f.message)}'
        + (f' <span class="source">Source: {_e(f.source)}.</span>' if f.source else "")
        + "</td></tr>"
        for f in findings
    )
    table = (
        '<table class="data findings"><caption id="cap-findings">Everything the guideline '
        'rules flagged, by date.</caption><thead><tr><th scope="col">Date</th>'
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


def _sessions_table(trend: Trend) -> str:
    if not trend.sessions:
        return "<p>No sessions in this period.</p>"
    rows = []
    for s in reversed(trend.sessions):
        # "could talk" is how a session should be, not a mark to look at (as in `week`).
        marks = [m for m in session_marks(s) if m != MARK_SHORT["could_talk"]]
        marks.extend(s.symptoms)
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
        '</caption><thead><tr><th scope="col">When</th><th scope="col">Kind</th>'
        '<th scope="col">Activity</th><th scope="col"><abbr title="minutes">Min</abbr></th>'
        '<th scope="col"><abbr title="rating of perceived exertion, 6 to 20">RPE</abbr></th>'
        '<th scope="col">Marks and symptoms</th><th scope="col">Note</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _scroll(table, labelledby="cap-sessions")


def _glance(trend: Trend, daily_kinds: tuple[str, ...], band: tuple[int, int]) -> str:
    weeks = trend.weeks
    counted = sum(w.counted_days for w in weeks)
    aerobic = sum(w.minutes("aerobic") for w in weeks)
    per_week = aerobic / len(weeks)
    items = [
        f"{len(trend.sessions)} sessions, {sum(w.total for w in weeks)} minutes in all.",
    ]
    if counted and daily_kinds:
        done = "; ".join(
            f"{kind_label(k)} on {sum(w.days_with(k) for w in weeks)} of {counted} days"
            for k in daily_kinds
        )
        items.append(done[0].upper() + done[1:] + ".")
    goal = trend.aerobic_goal
    aerobic_text = f"Aerobic: {aerobic} minutes, {per_week:.0f} a week on average"
    aerobic_text += f" (goal {goal} a week)." if goal else "."
    items.append(aerobic_text)
    rpes = [r for w in weeks for r in w.rpes]
    if rpes:
        items.append(
            f"Effort: average {sum(rpes) / len(rpes):.1f}, highest {max(rpes)} "
            f"(Borg 6 to 20; {band[0]} to {band[1]} is moderate)."
        )
    aching = sum(w.aching_days for w in weeks)
    items.append(f"Aching reported on {plural(aching, 'day')}.")
    counts = [
        severity_count(s, n)
        for s in ("alert", "warning", "caution", "info")
        if (n := sum(1 for f in trend.findings if f.severity == s))
    ]
    items.append("Flagged: " + (", ".join(counts) if counts else "nothing") + ".")
    return '<ul class="glance">' + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"
