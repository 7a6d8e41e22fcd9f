"""The report for the physical therapist: one self-contained, printable HTML page.

Pure: a ``Trend`` (see ``trend.py``) and a few facts in, HTML text out. The
page needs nothing else: no network, no external files, no scripts. Charts
are inline SVG, each with a <title> and <desc> for screen readers and a data
table next to it (the text alternative, which also prints in black and white).
The print styles fit both A4 and US Letter: the page size is left to the
printer, the content fits the narrower of the two, and no chart is split.
The guideline facts it shows (the moderate band, the daily kinds, the
disclaimer) come with ``ReportInfo``, from the guidelines in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from alslog.views.report.charts import (
    CHART_TITLES,
    adherence_chart,
    effort_chart,
    weekly_chart,
)
from alslog.views.report.first import first_section
from alslog.views.report.formats import _day, _e, _scroll, _short, daily_title
from alslog.views.report.function import (
    FUNCTION_TITLE,
    NO_CAUSE,
    chartable,
    function_chart,
    ratings_table,
)
from alslog.views.report.style import STYLE
from alslog.views.report.tables import (
    _aching_list,
    _findings_table,
    _sessions_by_day,
    _sessions_table,
    _weekly_table,
)
from alslog.views.report.timeline import timeline_chart
from alslog.words import plural

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.models import Rating
    from alslog.trend import Trend


@dataclass(frozen=True)
class ReportInfo:
    """What the page says about whom and when, besides the data, and the guideline facts it shows.

    ``moderate_band``: the Borg values called moderate (its top is the limit the
    above-moderate rule uses); ``daily_kinds``: the kinds asked for every day;
    ``disclaimer``: the guidelines' own. :meth:`of` takes them from the guidelines.
    ``ratings``: the ALSFRS-R self-ratings the logbook holds (any dates: the page picks
    those up to its last day); ``onset``: the month the first symptoms began, "YYYY-MM",
    for the delta-FS. Both are optional: without ratings the page has no function section.
    """

    generated: date
    disclaimer: str
    moderate_band: tuple[int, int]
    daily_kinds: tuple[str, ...]
    name: str | None = None
    therapist: str | None = None
    version: str = ""
    ratings: tuple[Rating, ...] = ()
    onset: str | None = None

    @classmethod
    def of(
        cls,
        guide: Guidelines,
        *,
        generated: date,
        name: str | None = None,
        therapist: str | None = None,
        version: str = "",
        ratings: tuple[Rating, ...] = (),
        onset: str | None = None,
    ) -> ReportInfo:
        """The facts of a report made with the guidelines ``guide``."""
        return cls(
            generated=generated,
            disclaimer=guide.disclaimer,
            moderate_band=guide.moderate_band,
            daily_kinds=tuple(guide.daily_kinds),
            name=name,
            therapist=therapist,
            version=version,
            ratings=tuple(ratings),
            onset=onset,
        )


def _figure(ident: str, chart: str, caption: str, title: str = "") -> str:
    """A chart in its own scroll area (it keeps a legible size on a phone), then its caption."""
    # Not named by the chart's own title: the section around it has that name already.
    area = _scroll(chart, label=f"Chart: {title or CHART_TITLES[ident]}")
    hint = '<span class="narrow-hint"> Scroll sideways to see the whole chart.</span>'
    return f"<figure>{area}<figcaption>{_e(caption)}{hint}</figcaption></figure>"


def _function_section(trend: Trend, info: ReportInfo) -> list[str]:
    """The ratings beside the weekly minutes, when the logbook holds any ratings."""
    if not info.ratings:
        return []
    head = f'<section aria-labelledby="h-function"><h2 id="h-function">{_e(FUNCTION_TITLE)}</h2>'
    if not chartable(info.ratings, trend):
        return [
            head,
            "<p>Fewer than two self-ratings fall in this period, too few for a line: the table "
            f"lists those of the last six months. {_e(NO_CAUSE)}</p>",
            ratings_table(info.ratings, trend),
            "</section>",
        ]
    # The table first: it can break across pages where the chart cannot, so on paper it
    # fills the end of a page instead of leaving it blank.
    return [
        head,
        ratings_table(info.ratings, trend),
        _figure(
            "function",
            function_chart(info.ratings, trend),
            "Top: the total of each self-rating; middle: its four subscores (B bulbar, "
            "F fine motor, G gross motor, R breathing); bottom: the minutes of each week. "
            f"{NO_CAUSE}",
            FUNCTION_TITLE,
        ),
        "</section>",
    ]


def render(trend: Trend, info: ReportInfo) -> str:
    """The whole page."""
    who = info.name or "the person who keeps this logbook"
    weeks = len(trend.weeks)
    daily = daily_title(info.daily_kinds)
    both = "both" if len(info.daily_kinds) == 2 else "each"
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
        f"{_e(_day(trend.end))} ({plural(weeks, 'week')})</p>",
        f'<p class="meta"><strong>Made on:</strong> {_e(_day(info.generated))} with alslog '
        f"{_e(info.version)}, from the logbook kept by the patient or their caregiver.</p>",
        f'<p class="notice" role="note">{_e(info.disclaimer)}</p>',
        "</header>",
        "<main>",
        first_section(trend, info.daily_kinds, info.moderate_band, info.ratings, info.onset),
        '<section aria-labelledby="h-weekly"><h2 id="h-weekly">Weekly minutes by kind</h2>',
        _figure(
            "weekly",
            weekly_chart(trend),
            "Minutes per seven-day week, stacked by kind. The table below gives the numbers.",
        ),
        _weekly_table(trend, info.daily_kinds),
        "</section>",
        *_function_section(trend, info),
        f'<section aria-labelledby="h-daily"><h2 id="h-daily">{_e(daily)}</h2>',
        _figure(
            "adherence",
            adherence_chart(trend, info.daily_kinds),
            f"The guidelines ask for {both} every day. Each square is a day; the week table "
            "above gives the counts.",
            daily,
        ),
        "</section>",
        '<section aria-labelledby="h-effort"><h2 id="h-effort">Effort over time</h2>',
        _figure(
            "effort",
            effort_chart(trend, band=info.moderate_band),
            "Each dot is a session with an effort rating, coloured by kind as the key above "
            "it shows; the band between the two lines is moderate effort.",
        ),
        "</section>",
        '<section aria-labelledby="h-flags"><h2 id="h-flags">Aching and findings</h2>',
        '<div class="screen-only">',
        _figure(
            "timeline",
            timeline_chart(trend),
            "Triangles: aching reported; diamonds: alerts; squares: warnings; circles: "
            "cautions and notes.",
        ),
        "</div>",
        _findings_table(trend),
        _aching_list(trend),
        "</section>",
        '<section aria-labelledby="h-sessions"><h2 id="h-sessions">Sessions</h2>',
        _sessions_table(trend),
        _sessions_by_day(trend),
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
