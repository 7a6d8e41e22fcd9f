"""The picture over several weeks: trend (terminal) and report (HTML for the therapist)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from alslog.cli.app import (
    GuidelinesOpt,
    JsonOpt,
    PlainOpt,
    app,
    clock,
    examples,
    get_paths,
    load_guidelines,
    open_store,
    output,
    print_json,
    write_output,
)

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.paths import Paths
    from alslog.trend import Trend

WeeksOpt = Annotated[
    int,
    typer.Option("--weeks", "-w", metavar="N", help="How many weeks, 1 to 104.", min=1, max=104),
]
EndOpt = Annotated[
    str | None,
    typer.Option(
        "--end",
        metavar="DATE",
        help="Last day: YYYY-MM-DD, today, yesterday or a weekday (default today).",
        show_default=False,
    ),
]


def build_trend(
    where: Paths, guide: Guidelines, weeks: int, end_text: str | None, today: date
) -> Trend:
    """Parse the end day and read the trend (``logbook.period.trend``: one read)."""
    from alslog import config, parse
    from alslog.logbook import period

    end = parse.parse_date(end_text, today) if end_text is not None else today
    settings = config.load(where)
    return period.trend(
        open_store(where), guide, weeks, end, today, aerobic_goal=settings.aerobic_goal_minutes
    )


# ---- report ----------------------------------------------------------------------
@app.command(
    short_help="Make a printable page for your therapist.",
    epilog=examples("alslog report", "alslog report --weeks 12 -o for-the-therapist.html"),
)
def report(
    weeks: WeeksOpt = 6,
    end: EndOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write the page (default alslog-report-DATE.html here).",
            show_default=False,
        ),
    ] = None,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Make a printable web page of the last weeks for your physical therapist."""
    from alslog import __version__, config
    from alslog.views import report as report_module

    today = clock().date()
    where = get_paths()
    settings = config.load(where)  # a bad config file stops us before any work
    guide = load_guidelines(where, guidelines_path)
    picture = build_trend(where, guide, weeks, end, today)
    from alslog.logbook import rate

    # The report shows the six months of ratings up to its last day, beside the weeks.
    since = min(picture.start, picture.end - rate.WINDOW)
    ratings = open_store(where).ratings(since, picture.end)
    info = report_module.ReportInfo.of(
        guide,
        generated=today,
        name=settings.name,
        therapist=settings.therapist,
        version=__version__,
        ratings=tuple(ratings),
        onset=settings.onset,
    )
    page = report_module.render(picture, info)
    target = out if out is not None else Path(report_module.default_name(today))
    write_output(target, page)
    print(
        f"Wrote the report for {picture.start:%d %b} to {picture.end:%d %b %Y} to "
        f"{target.expanduser().resolve()}"
    )
    print("Open it in a web browser to read or print it (A4 or Letter).")
    if picture.empty:
        print("Nothing was logged in this period, so the charts are empty.")


# ---- trend -----------------------------------------------------------------------
@app.command(
    short_help="Week by week: minutes, daily targets, effort.",
    epilog=examples("alslog trend", "alslog trend --weeks 12", "alslog trend --json"),
)
def trend(
    weeks: WeeksOpt = 6,
    end: EndOpt = None,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Week by week: minutes by kind, daily stretching and ROM, effort, aching."""
    from alslog.views import documents
    from alslog.views.trend import trend_lines

    today = clock().date()
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    picture = build_trend(where, guide, weeks, end, today)
    from alslog.logbook import rate
    from alslog.views import rating as rated

    function = rate.over_period(open_store(where), picture.start, picture.end)
    if as_json:
        doc = documents.trend_json(picture)
        found = rated.weeks_json(picture.weeks, function.ratings)
        for week, week_ratings in zip(doc["weeks"], found, strict=True):
            week["ratings"] = week_ratings
        doc.update(rated.ratings_dict(function.ratings, function.slope))
        print_json(doc)
        return
    term = output(plain)
    shown = rate.from_first(picture.from_first_data(), picture, function.ratings)
    lines = trend_lines(term, shown, bars=not term.plain, ratings=function.ratings)
    lines[-2:-2] = rated.summary_lines(term, function.ratings, function.slope)
    term.write(lines)
