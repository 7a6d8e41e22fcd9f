"""Function beside exercise: the ALSFRS-R self-ratings, drawn and listed next to weekly minutes.

The ratings come with ``ReportInfo`` (the caller reads them from the store);
this module only shows them. Every chart and summary of them says that the
picture shows no cause: a rating is information for the care team, not a
diagnosis, and a change in it does not mean the exercise caused it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from alslog.errors import UsageError
from alslog.rating import MAX_TOTAL, SLOPE_WINDOW_DAYS, SUBSCORES, change_since, delta_fs
from alslog.rating import slope as rating_slope
from alslog.rating import subscores as rating_subscores
from alslog.views.report.charts import _day_axis, _svg_open, _x_of_day
from alslog.views.report.formats import _day, _e, _nice_max, _num, _scroll, _short, _table_day
from alslog.views.report.style import WIDTH
from alslog.words import plural

if TYPE_CHECKING:
    from alslog.models import Rating
    from alslog.trend import Trend

FUNCTION_TITLE = "Function beside exercise (ALSFRS-R self-ratings)"
NO_CAUSE = (
    "The ratings are drawn beside the exercise log to be read together; the picture shows "
    "no cause: a change in a rating does not mean that exercise caused it. A self-rating is "
    "information for the care team, not a diagnosis."
)
# The subscores' lines differ by dash (style.py) and by the letter on each point, so they
# read apart in grey print and in forced colours too.
SUB_SHORT = {"bulbar": "B", "fine_motor": "F", "gross_motor": "G", "breathing": "R"}


def until_end(ratings: tuple[Rating, ...], trend: Trend) -> list[Rating]:
    """The ratings on or before the report's last day, oldest first."""
    return sorted((r for r in ratings if r.date <= trend.end), key=lambda r: (r.date, r.id))


def shown(ratings: tuple[Rating, ...], trend: Trend) -> list[Rating]:
    """What the table lists: the ratings of the slope's six months up to the report's end,
    and every rating of the period (a long period reaches further back)."""
    first = min(trend.start, trend.end - timedelta(days=SLOPE_WINDOW_DAYS))
    return [r for r in until_end(ratings, trend) if r.date >= first]


def _slope_text(ratings: list[Rating], end: date) -> str:
    value = rating_slope(ratings, end)
    if value is None:
        return (
            "Slope: not enough ratings yet (it needs two or more, at least 28 days apart, "
            "in the six months up to the report's last day)."
        )
    if round(value, 2) == 0:
        return "Slope over the last six months: no change."
    way = "falling" if value < 0 else "rising"
    return f"Slope over the last six months: {value:+.2f} points a month ({way})."


def summary(ratings: tuple[Rating, ...], trend: Trend, onset: str | None) -> list[str]:
    """The first page's lines about the latest rating: total, subscores, slope, delta-FS."""
    kept = until_end(ratings, trend)
    if not kept:
        return []
    latest = kept[-1]
    subs = rating_subscores(latest).as_dict()
    parts = "; ".join(f"{SUBSCORES[name][0].lower()} {subs[name]}/12" for name in subs)
    when = _day(latest.date)
    if latest.date < trend.start:
        when += " (before this period)"
    lines = [
        f"Latest ALSFRS-R self-rating, {when}: total {latest.total} of {MAX_TOTAL} ({parts}).",
    ]
    if len(kept) > 1:
        change = change_since(kept[-2], latest)
        diff = change.difference
        moved = "the same" if diff == 0 else f"{abs(diff)} {'lower' if diff < 0 else 'higher'}"
        lines.append(
            f"Since the rating before it ({_day(change.previous.date)}, total "
            f"{change.previous.total}): {moved}."
        )
    lines.append(_slope_text(kept, trend.end))
    if onset:
        try:
            dfs = delta_fs(latest, onset)
        except UsageError:
            dfs = None  # an onset the view cannot use is left out, not shown wrong
        if dfs is not None:
            lines.append(
                f"Delta-FS since the first symptoms ({onset.strip()}): {dfs:.2f} points a month."
            )
    if latest.tube:
        lines.append("Item 5 was rated in its feeding-tube form.")
    return lines


def chartable(ratings: tuple[Rating, ...], trend: Trend) -> bool:
    """Whether the period holds the two ratings a line needs (one dot alone says nothing)."""
    return sum(1 for r in until_end(ratings, trend) if r.date >= trend.start) >= 2


def function_chart(ratings: tuple[Rating, ...], trend: Trend) -> str:
    """Three bands on one time line: the rating totals (0-48), the four subscores (0-12 each),
    and the minutes of each week, so the two can be read together."""
    left, right, top = 60, 110, 28
    band_total, band_sub, band_min, gap = 64, 56, 40, 26
    height = top + band_total + gap + band_sub + gap + band_min + 40
    plot_w = WIDTH - left - right
    step, xs = _x_of_day(trend, left, plot_w)
    drawn = [r for r in until_end(ratings, trend) if r.date >= trend.start]
    said = "; ".join(f"{_short(r.date)}: total {r.total}" for r in drawn) or "none in this period"
    desc = (
        f"ALSFRS-R self-ratings in this period ({said}), their four subscores, and the minutes "
        f"of exercise each week below them. {NO_CAUSE}"
    )
    parts = [_svg_open("function", height, desc, FUNCTION_TITLE)]

    def band(y0: int, h: int, top_value: int, ticks: tuple[int, ...], unit: str) -> None:
        for tick in ticks:
            ty = y0 + h - tick * h / top_value
            parts.append(
                f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{_num(ty)}" '
                f'y2="{_num(ty)}"/><text class="axis" x="{left - 6}" y="{_num(ty + 4)}" '
                f'text-anchor="end">{tick}</text>'
            )
        parts.append(f'<text class="heading" x="{left}" y="{y0 - 6}">{_e(unit)}</text>')

    y_total = top
    band(y_total, band_total, MAX_TOTAL, (0, 12, 24, 36, 48), "ALSFRS-R total (0 to 48)")
    y_sub = y_total + band_total + gap
    band(y_sub, band_sub, 12, (0, 6, 12), "Subscores (0 to 12 each)")
    y_min = y_sub + band_sub + gap
    top_minutes, _step = _nice_max(max([w.total for w in trend.weeks] + [1]))
    band(y_min, band_min, top_minutes, (0, top_minutes), "Minutes of exercise each week")

    def line(points: list[tuple[float, float]], cls: str) -> None:
        if len(points) > 1:
            path = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
            parts.append(f'<polyline class="{cls}" points="{path}"/>')

    totals = [(xs[r.date], y_total + band_total - r.total * band_total / MAX_TOTAL) for r in drawn]
    line(totals, "rating-line")
    for r, (x, y) in zip(drawn, totals, strict=True):
        parts.append(
            f'<circle class="rating-point" cx="{_num(x)}" cy="{_num(y)}" r="4.5">'
            f"<title>{_e(_day(r.date))}: total {r.total} of {MAX_TOTAL}</title></circle>"
            f'<text class="value" x="{_num(x)}" y="{_num(y - 8)}" text-anchor="middle">'
            f"{r.total}</text>"
        )
    subs = [rating_subscores(r).as_dict() for r in drawn]
    ends: list[tuple[float, str]] = []
    for index, name in enumerate(SUBSCORES):
        # Side by side around the day, so equal subscores do not hide each other's letter.
        shift = (index - 1.5) * 9
        pts = [
            (xs[r.date] + shift, y_sub + band_sub - s[name] * band_sub / 12)
            for r, s in zip(drawn, subs, strict=True)
        ]
        line(pts, f"sub-line sub-{name}")
        for (x, y), s, r in zip(pts, subs, drawn, strict=True):
            parts.append(
                f'<text class="value" x="{_num(x)}" y="{_num(y + 4)}" text-anchor="middle">'
                f"{SUB_SHORT[name]}<title>{_e(_day(r.date))}: "
                f"{_e(SUBSCORES[name][0].lower())} {s[name]}</title></text>"
            )
        if pts:
            ends.append(
                (pts[-1][1], f"{SUB_SHORT[name]} {SUBSCORES[name][0].lower()} {subs[-1][name]}")
            )
    last_y = -100.0
    for y, label in sorted(ends):  # the key at the right end, pushed apart where values meet
        last_y = max(y + 4, last_y + 13)
        parts.append(
            f'<text class="legend" x="{left + plot_w + 12}" y="{_num(last_y)}">{_e(label)}</text>'
        )
    if not drawn:
        parts.append(
            f'<text class="empty" x="{left + plot_w / 2}" y="{y_total + band_total / 2}" '
            'text-anchor="middle">No self-rating in this period.</text>'
        )
    bar = min(40.0, step * 7 * 0.6)
    for week in trend.weeks:
        x = xs[week.start] - step / 2 + (step * 7 - bar) / 2
        h = week.total * band_min / top_minutes
        if week.total:
            parts.append(
                f'<rect class="minutes-bar" x="{_num(x)}" y="{_num(y_min + band_min - h)}" '
                f'width="{_num(bar)}" height="{_num(h)}"><title>Week of '
                f"{_e(_short(week.start))}: {week.total} min</title></rect>"
            )
    parts.append(_day_axis(trend, left, plot_w, y_min + band_min + 12))
    parts.append(
        f'<text class="axis" x="{left}" y="{height - 6}">Read together, not as cause and '
        "effect: the picture shows no cause.</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def ratings_table(ratings: tuple[Rating, ...], trend: Trend) -> str:
    """Every rating the chart draws and the slope uses: the chart's text alternative."""
    rows = []
    for r in shown(ratings, trend):
        subs = rating_subscores(r).as_dict()
        cells = "".join(f"<td>{subs[name]}</td>" for name in SUBSCORES)
        before = "" if r.date >= trend.start else " (before this period)"
        rows.append(
            f'<tr><th scope="row" class="when">{_e(_table_day(r.date, trend))}{before}</th>'
            f"<td>{r.total}</td>{cells}"
            f'<td class="text">{_e(r.note or "")}{" (item 5: feeding tube)" if r.tube else ""}'
            "</td></tr>"
        )
    if not rows:
        return "<p>No self-rating in the six months up to this report.</p>"
    heads = "".join(f'<th scope="col">{_e(title)}</th>' for title, _ in SUBSCORES.values())
    count = plural(len(rows), "rating")
    table = (
        '<table class="data ratings"><caption id="cap-ratings">ALSFRS-R self-ratings: '
        f"{count} of the six months up to the report's last day and of the period; total of "
        "48 and subscores of 12 each.</caption>"
        f'<thead><tr><th scope="col">Date</th><th scope="col">Total</th>{heads}'
        '<th scope="col">Note</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _scroll(table, labelledby="cap-ratings")
