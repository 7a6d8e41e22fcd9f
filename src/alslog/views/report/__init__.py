"""The report for the physical therapist: one self-contained, printable HTML page.

``render(trend, info)`` writes it; ``page`` puts it together, ``charts`` draws
the SVG charts, ``tables`` the numbers behind them, ``style`` holds the palette
and the stylesheet.
"""

from __future__ import annotations

from alslog.views.report.charts import adherence_chart, effort_chart, weekly_chart
from alslog.views.report.page import ReportInfo, default_name, render
from alslog.views.report.style import INK, KIND_COLOURS, MARK_COLOURS, PAGE, STYLE
from alslog.views.report.timeline import timeline_chart

__all__ = [
    "INK",
    "KIND_COLOURS",
    "MARK_COLOURS",
    "PAGE",
    "STYLE",
    "ReportInfo",
    "adherence_chart",
    "default_name",
    "effort_chart",
    "render",
    "timeline_chart",
    "weekly_chart",
]
