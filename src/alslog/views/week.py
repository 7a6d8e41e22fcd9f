"""The week as text: each day, the daily kinds, the minutes, a chart and what to look at.

``alslog week`` prints it. Plain output names this week's days by their
weekday and gives the chart as one sentence of numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alslog.models import KINDS
from alslog.views.text import clean, findings_lines, grouped, week_day_label
from alslog.words import and_list, day_label, kind_label, plural, weekday, weekday_short

if TYPE_CHECKING:
    from alslog.summary import WeekSummary
    from alslog.views.term import Term


def week_lines(term: Term, summary: WeekSummary, *, daily_kinds: tuple[str, ...]) -> list[str]:
    """The week as a patient reads it at a glance, and a therapist reads it closely.

    ``daily_kinds``: the kinds the guidelines' daily rules ask for, each given its count.
    """
    today = summary.today
    lines = [
        term.style(
            f"Week {day_label(summary.start)} to {day_label(summary.end)} {summary.end.year}",
            "bold",
        ),
        "",
    ]
    for day in summary.days:
        shown = week_day_label(day.date, today) if term.plain else day_label(day.date, today)
        label = f"{shown}:"
        if day.sessions:
            done = ", ".join(f"{kind_label(k)} {day.minutes[k]}" for k in KINDS if day.minutes[k])
            text = f"{done} min"
            if day.max_rpe is not None:
                text += f"; highest effort {day.max_rpe}"
        elif day.date > today:
            text = "still to come" if term.plain else "-"
        else:
            text = "no sessions"
        if day.marks:
            text += "; " + clean(", ".join(day.marks))
        # Plain: no padding to line up columns (a screen reader says nothing for it).
        first = f"{label} " if term.plain else f"{label:<11} "
        lines.extend(term.wrap(text, first=first, indent=" " * 12))
    lines.append("")
    target = summary.target_days
    if target:
        for kind in daily_kinds:
            have = summary.days_with(kind)
            missed = len(summary.missed_days(kind))
            text = f"Daily {kind_label(kind)}: {have} of {plural(target, 'day')}"
            if missed:
                text += ", " + term.style(f"missed {missed}", "yellow")
            elif have >= target:
                text += ", " + term.style("every day", "green")
            else:
                text += ", nothing missed"
            today_row = next((d for d in summary.days if d.date == today), None)
            if today_row is not None and today_row.counts and not today_row.minutes[kind]:
                text += " (today still to do)"
            lines.extend(term.wrap(text + ".", first="", indent="  "))
    elif daily_kinds:
        daily = and_list([kind_label(k) for k in daily_kinds])
        lines.extend(term.wrap(f"Daily {daily}: nothing logged yet this week."))
    aero = summary.minutes("aerobic")
    lines.append(f"Aerobic: {aero} min on {plural(summary.days_with('aerobic'), 'day')}.")
    if summary.minutes("strength"):
        lines.append(
            f"Strengthening: {summary.minutes('strength')} min "
            f"on {plural(summary.days_with('strength'), 'day')}."
        )
    lines.append("")
    lines.extend(chart_lines(term, summary))
    lines.append("")
    if summary.findings:
        count = len(grouped(summary.findings)[0])
        lines.append(term.style(f"{plural(count, 'thing')} to look at:", "bold"))
        lines.extend(
            findings_lines(term, summary.findings, today, show_day=True, group=True, in_week=True)
        )
    else:
        lines.append("Nothing flagged this week.")
    return lines


def chart_lines(term: Term, summary: WeekSummary) -> list[str]:
    """Minutes per day as bars, scaled to the width; plain: one short sentence of numbers."""
    if term.plain:
        first, last = summary.days[0].date, summary.days[-1].date
        numbers = ", ".join(str(d.total) for d in summary.days)
        return [f"Minutes per day, {weekday(first)} to {weekday(last)}: {numbers}."]
    lines = ["Minutes per day:"]
    most = max((d.total for d in summary.days), default=0)
    room = max(10, term.width - 16)
    for day in summary.days:
        bar = ""
        if most and day.total:
            bar = term.bar_char * max(1, round(day.total * room / most))
        drawn = f"{term.style(bar, 'cyan')} " if bar else ""
        lines.append(f"{weekday_short(day.date)} {day.date.day:>2}  {drawn}{day.total}")
    return lines
