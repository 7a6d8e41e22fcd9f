"""The report's first section, what matters first: every alert and warning of the period,
then the daily work, the aerobic minutes against the goal, and the latest self-rating.

An alert on the first page in full (its date, what was noted, its source), not as a
count whose details are pages later: a missed danger sign is the worst miss of a report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alslog.views.report.formats import SEVERITY_NAMES, _e, _scroll, _table_day
from alslog.views.report.function import NO_CAUSE, summary
from alslog.words import kind_label, plural, severity_count

if TYPE_CHECKING:
    from alslog.models import Rating
    from alslog.trend import Trend

SERIOUS = ("alert", "warning")


def _serious_table(trend: Trend) -> str:
    serious = [f for f in trend.findings if f.severity in SERIOUS]
    if not serious:
        return '<p class="calm">No alerts or warnings in this period.</p>'
    # The most serious first, then by date: an alert is never below a warning.
    serious.sort(key=lambda f: (-f.rank, f.date))
    rows = "".join(
        f'<tr class="{f.severity}"><th scope="row" class="when">'
        f"{_e(_table_day(f.date, trend))}</th>"
        f'<td><span class="sev">{SEVERITY_NAMES[f.severity]}</span></td>'
        f'<td class="text">'
        + (f"<strong>Noted: {_e(', '.join(f.noted))}.</strong> " if f.noted else "")
        + f'{_e(f.message)}</td><td class="text">{_e(f.source)}</td></tr>'
        for f in serious
    )
    counts = ", ".join(
        severity_count(s, n) for s in SERIOUS if (n := sum(1 for f in serious if f.severity == s))
    )
    table = (
        '<table class="data serious"><caption id="cap-serious">Alerts and warnings of the '
        f"period ({_e(counts)}), the most serious first.</caption>"
        '<thead><tr><th scope="col">Date</th><th scope="col">Level</th>'
        '<th scope="col">What was noted</th><th scope="col">Source</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return _scroll(table, labelledby="cap-serious")


def _exercise_lines(trend: Trend, daily_kinds: tuple[str, ...], band: tuple[int, int]) -> list[str]:
    weeks = trend.weeks
    counted = sum(w.counted_days for w in weeks)
    items = []
    if counted and daily_kinds:
        done = "; ".join(
            f"{kind_label(k)} on {sum(w.days_with(k) for w in weeks)} of {counted} days"
            for k in daily_kinds
        )
        items.append("Every day: " + done + ".")
    aerobic = sum(w.minutes("aerobic") for w in weeks)
    goal = trend.aerobic_goal
    text = f"Aerobic: {aerobic} minutes, {aerobic / len(weeks):.0f} a week on average"
    if goal:
        met = sum(1 for w in weeks if w.minutes("aerobic") >= goal)
        short = [w for w in weeks if w.minutes("aerobic") < goal]
        text += f"; the goal of {goal} a week was met in {met} of {plural(len(weeks), 'week')}"
        if short and len(short) <= 4:
            text += (
                " (short: "
                + ", ".join(
                    f"week of {_table_day(w.start, trend)}, {w.minutes('aerobic')}" for w in short
                )
                + ")"
            )
    items.append(text + ".")
    total = sum(w.total for w in weeks)
    items.append(f"{plural(len(trend.sessions), 'session')}, {plural(total, 'minute')} in all.")
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
    items.append(
        "Flagged: "
        + (", ".join(counts) + " (all under Aching and findings)" if counts else "nothing")
        + "."
    )
    return items


def first_section(
    trend: Trend,
    daily_kinds: tuple[str, ...],
    band: tuple[int, int],
    ratings: tuple[Rating, ...],
    onset: str | None,
) -> str:
    """The section the page starts with."""
    parts = [
        '<section class="first" aria-labelledby="h-first"><h2 id="h-first">What matters first</h2>',
        _serious_table(trend),
        '<ul class="glance">',
        *(f"<li>{_e(line)}</li>" for line in _exercise_lines(trend, daily_kinds, band)),
        "</ul>",
    ]
    rated = summary(ratings, trend, onset)
    if rated:
        parts += [
            '<ul class="glance rating">',
            *(f"<li>{_e(line)}</li>" for line in rated),
            f'<li class="cause">{_e(NO_CAUSE)}</li>',
            "</ul>",
        ]
    parts.append("</section>")
    return "".join(parts)
