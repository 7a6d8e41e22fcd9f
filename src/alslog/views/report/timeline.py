"""The report's timeline: aching check-ins and every finding, one row each, on their days."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alslog.views.report.charts import _day_axis, _svg_open, _x_of_day
from alslog.views.report.formats import SEVERITY_NAMES, _day, _e, _num
from alslog.views.report.style import WIDTH

if TYPE_CHECKING:
    from alslog.trend import Trend


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
