"""The report's charts: inline SVG, each with a <title> and <desc> said by a screen reader.

The numbers of each chart are also in a table of the page (the text
alternative, which prints in black and white too).
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from alslog.views.report.formats import (
    KIND_NAMES,
    _day,
    _e,
    _nice_max,
    _num,
    _short,
    daily_title,
)
from alslog.views.report.style import STACK_ORDER, WIDTH
from alslog.words import kind_label, time_of, weekday_short

if TYPE_CHECKING:
    from collections.abc import Callable

    from alslog.models import Session
    from alslog.trend import Trend, TrendDay, TrendWeek


# The adherence chart's title names the daily kinds (see daily_title).
CHART_TITLES = {
    "weekly": "Weekly minutes by kind",
    "effort": "Effort (RPE) of each session",
    "timeline": "Aching and findings over time",
}
# How the adherence chart's description says a kind's days, where it differs from its label.
DAYS_WITH = {"rom": "range of motion exercises"}


def _svg_open(ident: str, height: int, desc: str, title: str = "") -> str:
    title = title or CHART_TITLES[ident]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{ident}" class="chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{_e(title)}</title>'
        f'<desc id="{ident}-desc">{_e(desc)}</desc>'
    )


# ---- charts --------------------------------------------------------------------------
def weekly_chart(trend: Trend) -> str:
    """Stacked bars: minutes per week by kind; with a goal, a thin bar of the aerobic minutes
    alone beside each, marked at the goal.

    The goal is drawn against the aerobic minutes only: a line across the stacked bars
    made a week short of its aerobic goal look above it.
    """
    height, left, right, top, bottom = 220, 52, 16, 34, 44
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    weeks = trend.weeks
    goal = trend.aerobic_goal
    top_value, step = _nice_max(max([w.total for w in weeks] + [goal or 0, 1]))
    totals = ", ".join(f"week of {_short(w.start)}: {w.total} min" for w in weeks)
    desc = f"Minutes of exercise each week, by kind. {totals}."
    if goal:
        met = sum(1 for w in weeks if w.minutes("aerobic") >= goal)
        desc += (
            f" Beside each bar, a thin bar of the aerobic minutes alone, with a mark at the "
            f"weekly aerobic goal of {goal} minutes: reached in {met} of {len(weeks)} weeks."
        )
    parts = [_svg_open("weekly", height, desc)]

    def y(value: float) -> float:
        return top + plot_h - value * plot_h / top_value

    for tick in range(0, top_value + 1, step):
        parts.append(
            f'<line class="grid" x1="{left}" x2="{WIDTH - right}" '
            f'y1="{_num(y(tick))}" y2="{_num(y(tick))}"/>'
            f'<text class="axis" x="{left - 6}" y="{_num(y(tick) + 4)}" '
            f'text-anchor="end">{tick}</text>'
        )
    parts.append(f'<text class="axis" x="{left - 6}" y="{top - 12}" text-anchor="end">min</text>')
    band = plot_w / len(weeks)
    bar = min(56.0, band * (0.46 if goal else 0.62))
    thin = min(14.0, band * 0.14) if goal else 0.0
    pair = bar + (thin + 3 if goal else 0)
    every = max(1, math.ceil(len(weeks) / 12))
    for index, week in enumerate(weeks):
        x = left + band * index + (band - pair) / 2
        base = 0
        for kind in STACK_ORDER:
            value = week.minutes(kind)
            if not value:
                continue
            y0, y1 = y(base + value), y(base)
            parts.append(
                f'<rect x="{_num(x)}" y="{_num(y0)}" width="{_num(bar)}" '
                f'height="{_num(y1 - y0)}" class="seg k-{kind}">'
                f"<title>Week of {_e(_short(week.start))}: {_e(KIND_NAMES[kind])} "
                f"{value} min</title></rect>"
            )
            base += value
        if week.total:
            parts.append(
                f'<text class="value" x="{_num(x + bar / 2)}" y="{_num(y(base) - 4)}" '
                f'text-anchor="middle">{week.total}</text>'
            )
        if goal:
            parts.append(_goal_bar(week.minutes("aerobic"), goal, x + bar + 3, thin, y, week))
        if index % every == 0:
            parts.append(
                f'<text class="axis" x="{_num(x + pair / 2)}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{_e(_short(week.start))}</text>'
            )
    parts.append(
        f'<text class="axis" x="{left}" y="{height - 8}">Each bar is seven days, '
        f"starting on the day shown.</text>"
    )
    # legend, top row
    lx = left
    for kind in STACK_ORDER:
        parts.append(
            f'<rect class="key k-{kind}" x="{lx}" y="6" width="12" height="12"/>'
            f'<text class="legend" x="{lx + 16}" y="16">{_e(KIND_NAMES[kind])}</text>'
        )
        lx += 24 + 7 * len(KIND_NAMES[kind])
    if goal:
        parts.append(
            f'<line class="goal" x1="{lx}" x2="{lx + 16}" y1="12" y2="12"/>'
            f'<text class="legend" x="{lx + 22}" y="16">aerobic goal {goal} min</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _goal_bar(
    aerobic: int, goal: int, x: float, width: float, y: Callable[[float], float], week: TrendWeek
) -> str:
    """The aerobic minutes of a week alone, and a mark across them at the goal."""
    said = "reached" if aerobic >= goal else f"{goal - aerobic} short"
    title = f"Week of {_short(week.start)}: aerobic {aerobic} of the goal {goal} min, {said}"
    out = ""
    if aerobic:
        out += (
            f'<rect class="seg k-aerobic" x="{_num(x)}" y="{_num(y(aerobic))}" '
            f'width="{_num(width)}" height="{_num(y(0) - y(aerobic))}">'
            f"<title>{_e(title)}</title></rect>"
        )
    gy = _num(y(goal))
    # A halo of the page's colour keeps the mark clear of the bar it crosses.
    for line in ("goal-halo", "goal"):
        out += (
            f'<line class="{line}" x1="{_num(x - 3)}" x2="{_num(x + width + 3)}" '
            f'y1="{gy}" y2="{gy}"><title>{_e(title)}</title></line>'
        )
    return out


def adherence_chart(trend: Trend, kinds: tuple[str, ...]) -> str:
    """Small calendars, one per daily kind: a filled square for each day it was done."""
    weeks = trend.weeks
    cell, gap, label_w, top = 20, 4, 70, 40
    panel_w = label_w + 7 * (cell + gap)
    height = top + len(weeks) * (cell + gap) + 30
    done = {kind: sum(w.days_with(kind) for w in weeks) for kind in kinds}
    counted = sum(w.counted_days for w in weeks)
    said = " ".join(
        f"Days with {DAYS_WITH.get(kind, kind_label(kind))}: {done[kind]} of {counted}."
        for kind in kinds
    )
    desc = (
        f"{said} One row per week, one square per "
        "day; a filled square is a day it was done, an empty one a day it was not, "
        "a grey dot a day before the logbook started or not over yet."
    )
    parts = [_svg_open("adherence", height, desc, daily_title(kinds))]
    for panel, kind in enumerate(kinds):
        x0 = 8 + panel * (panel_w + 40)
        parts.append(
            f'<text class="heading" x="{x0 + label_w}" y="16">{_e(KIND_NAMES[kind])}: '
            f"{done[kind]} of {counted} days</text>"
        )
        for col, day in enumerate(weeks[0].days):
            parts.append(
                f'<text class="axis" x="{x0 + label_w + col * (cell + gap) + cell / 2}" '
                f'y="{top - 8}" text-anchor="middle">{weekday_short(day.date)}</text>'
            )
        for row, week in enumerate(weeks):
            y = top + row * (cell + gap)
            parts.append(
                f'<text class="axis" x="{x0 + label_w - 8}" y="{y + cell - 6}" '
                f'text-anchor="end">{_e(_short(week.start))}</text>'
            )
            for col, day in enumerate(week.days):
                x = x0 + label_w + col * (cell + gap)
                parts.append(_day_cell(day, kind, x, y, cell))
    ly = height - 12
    parts.append(
        f'<rect class="key k-{kinds[0] if kinds else "stretching"}" x="8" y="{ly - 10}" '
        'width="12" height="12"/>'
        f'<text class="legend" x="24" y="{ly}">done</text>'
        f'<rect class="missed" x="80" y="{ly - 10}" width="12" height="12"/>'
        f'<text class="legend" x="96" y="{ly}">not done</text>'
        f'<circle class="uncounted" cx="176" cy="{ly - 4}" r="3"/>'
        f'<text class="legend" x="186" y="{ly}">before the logbook or not over yet</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _day_cell(day: TrendDay, kind: str, x: int, y: int, cell: int) -> str:
    what = kind_label(kind)
    if day.did(kind):
        label = f"{_day(day.date)}: {what} {day.minutes[kind]} min"
        return (
            f'<rect class="k-{kind}" x="{x}" y="{y}" width="{cell}" height="{cell}" rx="3">'
            f"<title>{_e(label)}</title></rect>"
        )
    if day.counts:
        return (
            f'<rect class="missed" x="{x + 0.5}" y="{y + 0.5}" width="{cell - 1}" '
            f'height="{cell - 1}" rx="3"><title>{_e(_day(day.date))}: no {_e(what)}'
            "</title></rect>"
        )
    return (
        f'<circle class="uncounted" cx="{x + cell / 2}" cy="{y + cell / 2}" r="3">'
        f"<title>{_e(_day(day.date))}: not counted</title></circle>"
    )


def _x_of_day(trend: Trend, left: int, plot_w: int) -> tuple[float, dict[date, float]]:
    days = trend.days
    step = plot_w / len(days)
    return step, {d.date: left + step * (i + 0.5) for i, d in enumerate(days)}


def _day_axis(trend: Trend, left: int, plot_w: int, y: int) -> str:
    """Tick labels under a day-by-day chart: the first day of each week."""
    step, xs = _x_of_day(trend, left, plot_w)
    every = max(1, math.ceil(len(trend.weeks) / 12))
    parts = []
    for index, week in enumerate(trend.weeks):
        if index % every:
            continue
        x = xs[week.start] - step / 2
        parts.append(
            f'<line class="tick" x1="{_num(x)}" x2="{_num(x)}" y1="{y - 6}" y2="{y - 2}"/>'
            f'<text class="axis" x="{_num(x)}" y="{y + 10}">{_e(_short(week.start))}</text>'
        )
    return "".join(parts)


def effort_chart(trend: Trend, *, band: tuple[int, int]) -> str:
    """Each session's effort (Borg RPE 6 to 20) by day, with the moderate ``band`` (low, high).

    The band is the guidelines' (11 to 13 by default): its top is the limit of
    the above-moderate rule, so the count said here agrees with the findings.
    """
    low, high = band
    height, left, right, top, bottom = 196, 52, 16, 30, 40
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    rated = [s for s in trend.sessions if s.rpe is not None]
    step, xs = _x_of_day(trend, left, plot_w)

    def y(value: float) -> float:
        return top + plot_h - (value - 6) * plot_h / 14

    if rated:
        values = [s.rpe for s in rated if s.rpe is not None]
        above = sum(1 for v in values if v > high)
        desc = (
            f"Effort of {len(rated)} rated sessions on the Borg scale (6 to 20). "
            f"Average {sum(values) / len(values):.1f}, highest {max(values)}; "
            f"{above} above the moderate band of {low} to {high}."
        )
    else:
        desc = "No session in the period has an effort rating."
    parts = [_svg_open("effort", height, desc)]
    # The band's fill is too pale to see on its own (1.14:1 on white); its edges are drawn.
    band_top, band_bottom = _num(y(high + 0.5)), _num(y(low - 0.5))
    parts.append(
        f'<rect class="band" x="{left}" y="{band_top}" width="{plot_w}" '
        f'height="{_num(y(low - 0.5) - y(high + 0.5))}"/>'
    )
    for edge in (band_top, band_bottom):
        parts.append(
            f'<line class="band-edge" x1="{left}" x2="{WIDTH - right}" y1="{edge}" y2="{edge}"/>'
        )
    parts.append(
        f'<rect class="band-key" x="{WIDTH - right - 150}" y="{top - 18}" width="12" '
        f'height="12"/><text class="legend" x="{WIDTH - right - 132}" y="{top - 8}">'
        f"moderate ({low} to {high})</text>"
    )
    # The key to the dots' colours: the kinds that have a rated session, in the bars' order.
    lx = left + 12
    for kind in (k for k in STACK_ORDER if any(s.kind == k for s in rated)):
        parts.append(
            f'<circle class="point k-{kind}" cx="{lx + 6}" cy="{top - 12}" r="5"/>'
            f'<text class="legend" x="{lx + 16}" y="{top - 8}">{_e(KIND_NAMES[kind])}</text>'
        )
        lx += 24 + 7 * len(KIND_NAMES[kind])
    for tick in (6, 9, 11, 13, 15, 17, 20):
        parts.append(
            f'<line class="grid" x1="{left}" x2="{WIDTH - right}" '
            f'y1="{_num(y(tick))}" y2="{_num(y(tick))}"/>'
            f'<text class="axis" x="{left - 6}" y="{_num(y(tick) + 4)}" '
            f'text-anchor="end">{tick}</text>'
        )
    parts.append(_day_axis(trend, left, plot_w, height - bottom + 12))
    parts.append(f'<text class="axis" x="{left - 6}" y="{top - 8}" text-anchor="end">RPE</text>')
    per_day: dict[date, int] = {}
    for session in rated:
        assert session.rpe is not None
        n = per_day.get(session.day, 0)
        per_day[session.day] = n + 1
        cx = xs[session.day] + (n % 3 - 1) * min(3.0, step / 4) * (1 if n else 0)
        parts.append(
            f'<circle class="point k-{session.kind}" cx="{_num(cx)}" cy="{_num(y(session.rpe))}" '
            f'r="4"><title>{_e(_session_label(session))}</title></circle>'
        )
    if not rated:
        parts.append(
            f'<text class="empty" x="{WIDTH / 2}" y="{height / 2}" text-anchor="middle">'
            "No effort ratings logged in this period.</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _session_label(session: Session) -> str:
    text = f"{_day(session.day)} {time_of(session.at)}: {kind_label(session.kind)} "
    text += f"{session.minutes} min"
    if session.rpe is not None:
        text += f", effort {session.rpe}"
    return text
