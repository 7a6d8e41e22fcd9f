"""The report for the physical therapist: one self-contained, printable HTML page.

Pure: a ``Trend`` (see ``trend.py``) and a few facts in, HTML text out. The
page needs nothing else: no network, no external files, no scripts. Charts
are inline SVG, each with a <title> and <desc> for screen readers and a data
table next to it (the text alternative, which also prints in black and white).
The print styles fit both A4 and US Letter: the page size is left to the
printer, the content fits the narrower of the two, and no chart is split.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from html import escape

from alslog.models import KINDS, Session
from alslog.trend import Trend, TrendDay
from alslog.words import KIND_LABELS

KIND_NAMES = {kind: label.capitalize() for kind, label in KIND_LABELS.items()}
# Okabe-Ito, told apart by people with colour-blindness and in grey print, except range of
# motion: Okabe-Ito's orange is 2.25:1 on white, below the 3:1 WCAG 1.4.11 asks of
# graphics, so it is a darker orange. Every colour here is 3:1 or more on white, which
# is also the colour of the lines between stacked segments (tests/test_report_access.py).
KIND_COLOURS = {
    "aerobic": "#009E73",
    "strength": "#CC79A7",
    "stretching": "#0072B2",
    "rom": "#B86E00",
    "other": "#7f7f7f",
}
# With forced colours (Windows high contrast and the like) the person's own palette rules:
# system colours only, and as many different ones as a theme is likely to have.
KIND_FORCED = {
    "aerobic": "Highlight",
    "strength": "LinkText",
    "stretching": "CanvasText",
    "rom": "GrayText",
    "other": "Canvas",  # drawn hollow, with a CanvasText edge
}
STACK_ORDER = ("aerobic", "strength", "stretching", "rom", "other")
SEVERITY_NAMES = {"alert": "Alert", "warning": "Warning", "caution": "Caution", "info": "Note"}
SEVERITY_COLOURS = {
    "alert": "#b00020",
    "warning": "#c25400",
    "caution": "#8a6d00",
    "info": "#2a6f97",
}
# The timeline's marks: each row has its own shape as well as its colour.
MARK_COLOURS = {"aching": "#6a3d9a", **SEVERITY_COLOURS}
# The rest of the charts' palette, by what it paints. Text is 4.5:1 or more on white,
# marks 3:1 or more against what they touch; grid lines are only a reading aid (every
# number is in a table), so they stay light.
PAGE = "#ffffff"
INK = {
    "text": "#222222",
    "axis": "#444444",
    "empty": "#555555",
    "grid": "#dddddd",
    "tick": "#888888",
    "goal": "#111111",
    "separator": PAGE,
    "band": "#e8f3ea",
    "band-edge": "#2e7d32",
    "point-edge": "#111111",
    "missed-edge": "#888888",
    "uncounted": "#888888",
}
# The SVG coordinate width, and the charts' width in px on screen: at this size their
# smallest text is 11 px, and where the screen is narrower they scroll sideways in their
# own area rather than shrink. Print scales them to the paper.
WIDTH = 720


@dataclass(frozen=True)
class ReportInfo:
    """What the page says about whom and when, besides the data."""

    generated: date
    name: str | None = None
    therapist: str | None = None
    disclaimer: str = (
        "Not medical advice. alslog repeats what published sources say; agree your "
        "exercise programme with your physical therapist."
    )
    version: str = ""


# ---- small formats -----------------------------------------------------------------
def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def _table_day(d: date, trend: Trend) -> str:
    """A day in a table: the year only when the period spans two years."""
    if trend.start.year == trend.end.year:
        return f"{d:%a} {d.day} {d:%b}"
    return _day(d)


def _short(d: date) -> str:
    return f"{d.day} {d:%b}"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _num(value: float) -> str:
    """SVG coordinates with at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _nice_max(value: float) -> tuple[int, int]:
    """A round axis maximum at or above value, and its tick step."""
    if value <= 0:
        return 10, 5
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step_int = max(1, int(step))
    top = step_int * math.ceil(value / step_int)
    return top, step_int


CHART_TITLES = {
    "weekly": "Weekly minutes by kind",
    "adherence": "Daily stretching and range of motion",
    "effort": "Effort (RPE) of each session",
    "timeline": "Aching and findings over time",
}


def _svg_open(ident: str, height: int, desc: str) -> str:
    title = CHART_TITLES[ident]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{ident}" class="chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{_e(title)}</title>'
        f'<desc id="{ident}-desc">{_e(desc)}</desc>'
    )


# ---- charts --------------------------------------------------------------------------
def weekly_chart(trend: Trend) -> str:
    """Stacked bars: minutes per week by kind, with the aerobic goal as a line."""
    height, left, right, top, bottom = 280, 52, 16, 34, 44
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    weeks = trend.weeks
    goal = trend.aerobic_goal
    top_value, step = _nice_max(max([w.total for w in weeks] + [goal or 0, 1]))
    totals = ", ".join(f"week of {_short(w.start)}: {w.total} min" for w in weeks)
    desc = f"Minutes of exercise each week, by kind. {totals}."
    if goal:
        desc += f" The dashed line is the weekly aerobic goal of {goal} minutes."
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
    bar = min(56.0, band * 0.62)
    every = max(1, math.ceil(len(weeks) / 12))
    for index, week in enumerate(weeks):
        x = left + band * index + (band - bar) / 2
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
        if index % every == 0:
            parts.append(
                f'<text class="axis" x="{_num(x + bar / 2)}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{_e(_short(week.start))}</text>'
            )
    parts.append(
        f'<text class="axis" x="{left}" y="{height - 8}">Each bar is seven days, '
        f"starting on the day shown.</text>"
    )
    if goal:
        gy = _num(y(goal))
        # A halo of the page's colour keeps the dashed line clear of the bars it crosses.
        for line in ("goal-halo", "goal"):
            parts.append(
                f'<line class="{line}" x1="{left}" x2="{WIDTH - right}" y1="{gy}" y2="{gy}"/>'
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
            f'<line class="goal" x1="{lx}" x2="{lx + 22}" y1="12" y2="12"/>'
            f'<text class="legend" x="{lx + 28}" y="16">aerobic goal {goal} min</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def adherence_chart(trend: Trend) -> str:
    """Two small calendars: a filled square for each day with stretching (and ROM)."""
    weeks = trend.weeks
    cell, gap, label_w, top = 22, 4, 70, 44
    panel_w = label_w + 7 * (cell + gap)
    height = top + len(weeks) * (cell + gap) + 30
    done = {kind: sum(w.days_with(kind) for w in weeks) for kind in ("stretching", "rom")}
    counted = sum(w.counted_days for w in weeks)
    desc = (
        f"Days with stretching: {done['stretching']} of {counted}. Days with range of "
        f"motion exercises: {done['rom']} of {counted}. One row per week, one square per "
        "day; a filled square is a day it was done, an empty one a day it was not, "
        "a grey dot a day before the logbook started or not over yet."
    )
    parts = [_svg_open("adherence", height, desc)]
    for panel, kind in enumerate(("stretching", "rom")):
        x0 = 8 + panel * (panel_w + 40)
        parts.append(
            f'<text class="heading" x="{x0 + label_w}" y="16">{_e(KIND_NAMES[kind])}: '
            f"{done[kind]} of {counted} days</text>"
        )
        for col, day in enumerate(weeks[0].days):
            parts.append(
                f'<text class="axis" x="{x0 + label_w + col * (cell + gap) + cell / 2}" '
                f'y="{top - 8}" text-anchor="middle">{day.date:%a}</text>'
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
        f'<rect class="key k-stretching" x="8" y="{ly - 10}" width="12" height="12"/>'
        f'<text class="legend" x="24" y="{ly}">done</text>'
        f'<rect class="missed" x="80" y="{ly - 10}" width="12" height="12"/>'
        f'<text class="legend" x="96" y="{ly}">not done</text>'
        f'<circle class="uncounted" cx="176" cy="{ly - 4}" r="3"/>'
        f'<text class="legend" x="186" y="{ly}">before the logbook or not over yet</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _day_cell(day: TrendDay, kind: str, x: int, y: int, cell: int) -> str:
    what = KIND_NAMES[kind].lower()
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


def effort_chart(trend: Trend) -> str:
    """Each session's effort (Borg RPE 6 to 20) by day, with the moderate band 11 to 13."""
    height, left, right, top, bottom = 260, 52, 16, 30, 40
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    rated = [s for s in trend.sessions if s.rpe is not None]
    step, xs = _x_of_day(trend, left, plot_w)

    def y(value: float) -> float:
        return top + plot_h - (value - 6) * plot_h / 14

    if rated:
        values = [s.rpe for s in rated if s.rpe is not None]
        above = sum(1 for v in values if v > 13)
        desc = (
            f"Effort of {len(rated)} rated sessions on the Borg scale (6 to 20). "
            f"Average {sum(values) / len(values):.1f}, highest {max(values)}; "
            f"{above} above the moderate band of 11 to 13."
        )
    else:
        desc = "No session in the period has an effort rating."
    parts = [_svg_open("effort", height, desc)]
    # The band's fill is too pale to see on its own (1.14:1 on white); its edges are drawn.
    band_top, band_bottom = _num(y(13.5)), _num(y(10.5))
    parts.append(
        f'<rect class="band" x="{left}" y="{band_top}" width="{plot_w}" '
        f'height="{_num(y(10.5) - y(13.5))}"/>'
    )
    for edge in (band_top, band_bottom):
        parts.append(
            f'<line class="band-edge" x1="{left}" x2="{WIDTH - right}" y1="{edge}" y2="{edge}"/>'
        )
    parts.append(
        f'<rect class="band-key" x="{WIDTH - right - 150}" y="{top - 18}" width="12" '
        f'height="12"/><text class="legend" x="{WIDTH - right - 132}" y="{top - 8}">'
        "moderate (11 to 13)</text>"
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
    text = f"{_day(session.day)} {session.at:%H:%M}: {KIND_NAMES[session.kind].lower()} "
    text += f"{session.minutes} min"
    if session.rpe is not None:
        text += f", effort {session.rpe}"
    return text


TIMELINE_ROWS = ("aching", "alert", "warning", "caution", "info")
TIMELINE_LABELS = {
    "aching": "Aching",
    "alert": "Alerts",
    "warning": "Warnings",
    "caution": "Cautions",
    "info": "Notes",
}


def _marker(row: str, x: float, y: float, title: str) -> str:
    t = f"<title>{_e(title)}</title>"
    mark = f'class="m-{row}"'
    if row == "aching":
        points = f"{_num(x)},{_num(y - 6)} {_num(x + 6)},{_num(y + 5)} {_num(x - 6)},{_num(y + 5)}"
        return f'<polygon {mark} points="{points}">{t}</polygon>'
    if row == "alert":
        points = f"{_num(x)},{_num(y - 7)} {_num(x + 7)},{_num(y)} {_num(x)},{_num(y + 7)} "
        points += f"{_num(x - 7)},{_num(y)}"
        return f'<polygon {mark} points="{points}">{t}</polygon>'
    if row == "warning":
        return f'<rect {mark} x="{_num(x - 5)}" y="{_num(y - 5)}" width="10" height="10">{t}</rect>'
    return f'<circle {mark} cx="{_num(x)}" cy="{_num(y)}" r="5">{t}</circle>'


def timeline_chart(trend: Trend) -> str:
    """Aching check-ins and every finding, one row each, on the days they fall."""
    row_h, left, right, top = 30, 84, 16, 14
    height = top + row_h * len(TIMELINE_ROWS) + 34
    plot_w = WIDTH - left - right
    _step, xs = _x_of_day(trend, left, plot_w)
    aching = [c for c in trend.checkins if c.aching]
    counts = {s: sum(1 for f in trend.findings if f.severity == s) for s in SEVERITY_NAMES}
    desc = (
        f"{len(aching)} days with aching after exercise; findings: "
        + ", ".join(f"{counts[s]} {SEVERITY_NAMES[s].lower()}" for s in SEVERITY_NAMES)
        + ". Each is listed with its date in the table below."
    )
    parts = [_svg_open("timeline", height, desc)]
    for index, row in enumerate(TIMELINE_ROWS):
        y = top + row_h * index + row_h / 2
        parts.append(
            f'<line class="grid" x1="{left}" x2="{WIDTH - right}" y1="{_num(y)}" '
            f'y2="{_num(y)}"/><text class="axis" x="{left - 8}" y="{_num(y + 4)}" '
            f'text-anchor="end">{TIMELINE_LABELS[row]}</text>'
        )
    for check in aching:
        y = top + row_h / 2
        where = f" ({check.where})" if check.where else ""
        parts.append(_marker("aching", xs[check.date], y, f"{_day(check.date)}: aching{where}"))
    for finding in trend.findings:
        index = TIMELINE_ROWS.index(finding.severity)
        y = top + row_h * index + row_h / 2
        parts.append(
            _marker(
                finding.severity,
                xs[finding.date],
                y,
                f"{_day(finding.date)}: {finding.message}",
            )
        )
    parts.append(_day_axis(trend, left, plot_w, top + row_h * len(TIMELINE_ROWS) + 10))
    parts.append("</svg>")
    return "".join(parts)


# ---- tables --------------------------------------------------------------------------
def _scroll(content: str, *, labelledby: str = "", label: str = "") -> str:
    """A named area that scrolls sideways on its own, so the page never does.

    Focusable, so that it can be scrolled with the keyboard too; named by the element
    with the id ``labelledby`` or by the text ``label``.
    """
    name = f'aria-labelledby="{labelledby}"' if labelledby else f'aria-label="{_e(label)}"'
    return f'<div class="scroll" role="region" {name} tabindex="0">{content}</div>'


SHORT_KIND = {
    "stretching": "Stretch",
    "rom": "ROM",
    "aerobic": "Aerobic",
    "strength": "Strength",
    "other": "Other",
}


def _weekly_table(trend: Trend) -> str:
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
            f"<td>{week.days_with('stretching')}/{week.counted_days}</td>"
            f"<td>{week.days_with('rom')}/{week.counted_days}</td>"
            f"<td>{mean}</td><td>{peak}</td><td>{week.aching_days}</td>"
            f"<td>{week.findings}</td></tr>"
        )
    goal_note = f" Aerobic goal: {goal} minutes a week." if goal else ""
    table = (
        '<table class="data weeks"><caption id="cap-weeks">Week by week (seven days from '
        "the date shown): minutes by kind; days with stretching and with range of motion, "
        f"of the days counted; effort (RPE); days with aching; findings.{_e(goal_note)}</caption>"
        f'<thead><tr><th scope="col">Week of</th>{head}<th scope="col">Total</th>'
        '<th scope="col"><abbr title="Days with stretching">Stretch days</abbr></th>'
        '<th scope="col"><abbr title="Days with range of motion">ROM days</abbr></th>'
        '<th scope="col"><abbr title="Average effort">RPE avg</abbr></th>'
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
        marks = []
        if s.assisted:
            marks.append("assisted")
        if s.tired:
            marks.append("tired")
        if s.kept_going:
            marks.append("kept going")
        if s.talk is False:
            marks.append("could not talk")
        marks.extend(s.symptoms)
        rows.append(
            f'<tr><th scope="row" class="when">{_e(_table_day(s.day, trend))} {s.at:%H:%M}</th>'
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


def _glance(trend: Trend) -> str:
    weeks = trend.weeks
    counted = sum(w.counted_days for w in weeks)
    aerobic = sum(w.minutes("aerobic") for w in weeks)
    per_week = aerobic / len(weeks)
    items = [
        f"{len(trend.sessions)} sessions, {sum(w.total for w in weeks)} minutes in all.",
    ]
    if counted:
        items.append(
            f"Stretching on {sum(w.days_with('stretching') for w in weeks)} of {counted} days; "
            f"range of motion on {sum(w.days_with('rom') for w in weeks)} of {counted} days."
        )
    goal = trend.aerobic_goal
    aerobic_text = f"Aerobic: {aerobic} minutes, {per_week:.0f} a week on average"
    aerobic_text += f" (goal {goal} a week)." if goal else "."
    items.append(aerobic_text)
    rpes = [r for w in weeks for r in w.rpes]
    if rpes:
        items.append(
            f"Effort: average {sum(rpes) / len(rpes):.1f}, highest {max(rpes)} "
            "(Borg 6 to 20; 11 to 13 is moderate)."
        )
    aching = sum(w.aching_days for w in weeks)
    items.append(f"Aching reported on {aching} day{'s' if aching != 1 else ''}.")
    counts = [
        f"{n} {SEVERITY_NAMES[s].lower()}{'s' if n != 1 else ''}"
        for s in ("alert", "warning", "caution", "info")
        if (n := sum(1 for f in trend.findings if f.severity == s))
    ]
    items.append("Flagged: " + (", ".join(counts) if counts else "nothing") + ".")
    return '<ul class="glance">' + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"


_BASE_STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: #111; background: #fff; margin: 0 auto; padding: 24px; max-width: 820px;
  line-height: 1.45; font-size: 15px; overflow-wrap: break-word; }
h1 { font-size: 1.7em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .5em; border-bottom: 2px solid #ddd; padding-bottom: .2em;
  break-after: avoid; page-break-after: avoid; }
p.meta { margin: .2em 0; }
.notice { border: 2px solid #b00020; padding: .6em .8em; margin: 1em 0; border-radius: 4px; }
figure { margin: .5em 0 1em; break-inside: avoid; page-break-inside: avoid; }
.scroll { overflow-x: auto; max-width: 100%; container-type: inline-size; }
.scroll:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
svg.chart { display: block; overflow: visible; }
svg text { font-family: inherit; }
svg .axis { font-size: 11px; }
svg .legend, svg .value { font-size: 12px; }
svg .heading { font-size: 13px; font-weight: 600; }
svg .empty { font-size: 14px; }
svg .grid { stroke-width: 1; }
svg .seg { stroke-width: 1.5; }
svg .goal { stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .goal-halo { stroke-width: 5; }
svg .band-edge, svg .band-key { stroke-width: 1.5; }
svg .missed { stroke-width: 1; }
svg .point { stroke-width: .8; }
figcaption { font-size: .9em; color: #333; margin-top: .3em; }
table.data { border-collapse: collapse; width: 100%; font-size: .85em; margin: .4em 0 1em; }
table.data caption { text-align: left; font-size: .95em; color: #333; padding-bottom: .3em;
  max-width: 100cqw; }
table.data th, table.data td { border: 1px solid #ccc; padding: 3px 5px; text-align: left;
  vertical-align: top; }
table.data thead th { background: #f2f2f2; }
table.weeks th, table.weeks td { text-align: right; }
table.weeks td, table.weeks th[scope="row"] { white-space: nowrap; }
table.weeks th[scope="row"], table.weeks thead th:first-child { text-align: left; }
abbr { text-decoration: none; }
.when { white-space: nowrap; }
th.when { font-weight: normal; }
td.text { overflow-wrap: anywhere; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
tr.alert .sev { color: #b00020; font-weight: 700; }
tr.warning .sev { color: #c25400; font-weight: 700; }
tr.caution .sev { color: #8a6d00; }
.source { color: #555; }
footer { margin-top: 2em; font-size: .85em; color: #333; border-top: 1px solid #ddd;
  padding-top: .5em; }
@media (max-width: 30em) {
  body { padding: 12px; }
}
@media (forced-colors: active) {
  body, figcaption, table.data caption, table.data tr .sev, .source, footer {
    color: CanvasText; }
  body, table.data thead th { background: Canvas; }
  .scroll:focus-visible { outline-color: Highlight; }
  svg.chart { forced-color-adjust: none; }
  svg text, svg .axis, svg .empty { fill: CanvasText; }
  svg .grid, svg .tick { stroke: GrayText; }
  svg .seg, svg .goal-halo { stroke: Canvas; }
  svg .goal, svg .band-edge, svg .point, svg .missed { stroke: CanvasText; }
  svg .band { fill: none; }
  svg .band-key, svg .missed { fill: Canvas; stroke: CanvasText; }
  svg .uncounted { fill: GrayText; }
/* forced kinds */
}
@page { margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { margin-top: 1.1em; }
  .scroll { overflow: visible; }
  svg.chart { width: 100%; height: auto; }
  thead { display: table-header-group; }
  .notice { border-width: 1.5pt; }
  section { break-inside: auto; }
}
"""


def _palette_style() -> str:
    """The charts' colours, as CSS: the palette above is the one place they are set."""
    rules = [
        f"svg text {{ fill: {INK['text']}; }}",
        f"svg .axis {{ fill: {INK['axis']}; }}",
        f"svg .empty {{ fill: {INK['empty']}; }}",
        f"svg .grid {{ stroke: {INK['grid']}; }}",
        f"svg .tick {{ stroke: {INK['tick']}; }}",
        f"svg .seg {{ stroke: {INK['separator']}; }}",
        f"svg .goal {{ stroke: {INK['goal']}; }}",
        f"svg .goal-halo {{ stroke: {PAGE}; }}",
        f"svg .band {{ fill: {INK['band']}; }}",
        f"svg .band-edge {{ stroke: {INK['band-edge']}; }}",
        f"svg .band-key {{ fill: {INK['band']}; stroke: {INK['band-edge']}; }}",
        f"svg .missed {{ fill: {PAGE}; stroke: {INK['missed-edge']}; }}",
        f"svg .uncounted {{ fill: {INK['uncounted']}; }}",
        f"svg .point {{ stroke: {INK['point-edge']}; }}",
    ]
    rules += [f"svg .k-{kind} {{ fill: {colour}; }}" for kind, colour in KIND_COLOURS.items()]
    rules += [f"svg .m-{row} {{ fill: {colour}; }}" for row, colour in MARK_COLOURS.items()]
    forced = [f"  svg .k-{kind} {{ fill: {colour}; }}" for kind, colour in KIND_FORCED.items()]
    # The timeline's rows differ by shape and place; one colour for all its marks is enough.
    forced.append(f"  {', '.join(f'svg .m-{row}' for row in MARK_COLOURS)} {{ fill: CanvasText; }}")
    # Canvas on Canvas would vanish: the kind drawn in the page's colour gets an edge.
    hollow = [kind for kind, colour in KIND_FORCED.items() if colour == "Canvas"]
    forced += [
        f"  svg .k-{kind}, svg .seg.k-{kind} {{ stroke: CanvasText; stroke-width: 1.5; }}"
        for kind in hollow
    ]
    return "\n".join(rules) + "\n" + _BASE_STYLE.replace("/* forced kinds */", "\n".join(forced))


STYLE = _palette_style()


def _figure(ident: str, chart: str, caption: str) -> str:
    """A chart in its own scroll area (it keeps a legible size on a phone), then its caption."""
    # Not named by the chart's own title: the section around it has that name already.
    area = _scroll(chart, label=f"Chart: {CHART_TITLES[ident]}")
    return f"<figure>{area}<figcaption>{_e(caption)}</figcaption></figure>"


def render(trend: Trend, info: ReportInfo) -> str:
    """The whole page."""
    who = info.name or "the person who keeps this logbook"
    weeks = len(trend.weeks)
    title = f"Exercise report for {who}, {_short(trend.start)} to {_day(trend.end)}"
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="alslog {_e(info.version)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Exercise report</h1>",
        f'<p class="meta"><strong>For:</strong> {_e(who)}</p>',
    ]
    if info.therapist:
        lines.append(
            f'<p class="meta"><strong>Physical therapist:</strong> {_e(info.therapist)}</p>'
        )
    lines += [
        f'<p class="meta"><strong>Period:</strong> {_e(_day(trend.start))} to '
        f"{_e(_day(trend.end))} ({weeks} week{'s' if weeks != 1 else ''})</p>",
        f'<p class="meta"><strong>Made on:</strong> {_e(_day(info.generated))} with alslog '
        f"{_e(info.version)}, from the logbook kept by the patient or their caregiver.</p>",
        f'<p class="notice" role="note">{_e(info.disclaimer)}</p>',
        "</header>",
        "<main>",
        '<section aria-labelledby="h-glance"><h2 id="h-glance">At a glance</h2>',
        _glance(trend),
        "</section>",
        '<section aria-labelledby="h-weekly"><h2 id="h-weekly">Weekly minutes by kind</h2>',
        _figure(
            "weekly",
            weekly_chart(trend),
            "Minutes per seven-day week, stacked by kind. The table below gives the numbers.",
        ),
        _weekly_table(trend),
        "</section>",
        '<section aria-labelledby="h-daily"><h2 id="h-daily">Daily stretching and range '
        "of motion</h2>",
        _figure(
            "adherence",
            adherence_chart(trend),
            "The guidelines ask for both every day. Each square is a day; the week table "
            "above gives the counts.",
        ),
        "</section>",
        '<section aria-labelledby="h-effort"><h2 id="h-effort">Effort over time</h2>',
        _figure(
            "effort",
            effort_chart(trend),
            "Each dot is a session with an effort rating, coloured by kind as the key above "
            "it shows; the band between the two lines is moderate effort.",
        ),
        "</section>",
        '<section aria-labelledby="h-flags"><h2 id="h-flags">Aching and findings</h2>',
        _figure(
            "timeline",
            timeline_chart(trend),
            "Triangles: aching reported; diamonds: alerts; squares: warnings; circles: "
            "cautions and notes.",
        ),
        _findings_table(trend),
        _aching_list(trend),
        "</section>",
        '<section aria-labelledby="h-sessions"><h2 id="h-sessions">Sessions</h2>',
        _sessions_table(trend),
        "</section>",
        "</main>",
        f"<footer><p>{_e(info.disclaimer)}</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def default_name(today: date) -> str:
    """The file name used when none is given: alslog-report-YYYY-MM-DD.html."""
    return f"alslog-report-{today.isoformat()}.html"
