"""The picture over several weeks: trend (terminal) and report (HTML for the therapist)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
    from collections.abc import Sequence

    from alslog.guidelines import Guidelines
    from alslog.paths import Paths
    from alslog.rating import Rating
    from alslog.trend import Trend
    from alslog.views.term import Term

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
    """Read the period (with margins the rules need) and aggregate it."""
    from alslog import config, parse, trend
    from alslog.logbook import safety

    end = parse.parse_date(end_text, today) if end_text is not None else today
    settings = config.load(where)
    store = open_store(where)
    start, end = trend.period(end, weeks)
    period = safety.over_period(store, guide, start, end, today)
    return trend.build(
        period.sessions,
        period.checkins,
        period.findings,
        end=end,
        weeks=weeks,
        today=today,
        first_day=period.first_day,
        aerobic_goal=settings.aerobic_goal_minutes,
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
    info = report_module.ReportInfo.of(
        guide,
        generated=today,
        name=settings.name,
        therapist=settings.therapist,
        version=__version__,
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
    today = clock().date()
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    picture = build_trend(where, guide, weeks, end, today)
    from alslog.logbook import rate
    from alslog.views import rating as rated

    function = rate.over_period(open_store(where), picture.start, picture.end)
    if as_json:
        doc = trend_json(picture)
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


def trend_json(picture: Trend) -> dict[str, Any]:
    """The document `alslog trend --json` prints."""
    from alslog.models import KINDS

    return {
        "version": 1,
        "start": picture.start.isoformat(),
        "end": picture.end.isoformat(),
        "aerobic_goal_minutes": picture.aerobic_goal,
        "weeks": [
            {
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "minutes": {k: w.minutes(k) for k in KINDS},
                "total": w.total,
                "counted_days": w.counted_days,
                "stretching_days": w.days_with("stretching"),
                "rom_days": w.days_with("rom"),
                "mean_rpe": w.mean_rpe,
                "max_rpe": w.max_rpe,
                "aching_days": w.aching_days,
                "findings": w.findings,
            }
            for w in picture.weeks
        ],
        "findings": [f.model_dump(mode="json") for f in picture.findings],
    }


def trend_lines(
    term: Term, picture: Trend, *, bars: bool, ratings: Sequence[Rating] = ()
) -> list[str]:
    """Week by week in plain sentences; bars (after the numbers) unless plain."""
    from alslog.views.rating import in_week, week_line
    from alslog.words import kind_label

    count = len(picture.weeks)
    lines = [
        term.style(
            f"{count} week{'s' if count != 1 else ''}, {picture.start:%a} {picture.start.day} "
            f"{picture.start:%b} to {picture.end:%a} {picture.end.day} {picture.end:%b %Y}",
            "bold",
        ),
        "",
    ]
    most = max((w.total for w in picture.weeks), default=0)
    room = max(10, term.width - 30)
    for week in picture.weeks:
        head = f"Week of {week.start.day} {week.start:%b}: {week.total} min"
        if bars and week.total and most:
            head = f"{head:<28}" + term.style(
                term.bar_char * max(1, round(week.total * room / most)), "cyan"
            )
        lines.append(head)
        kinds = ", ".join(
            f"{kind_label(k)} {week.minutes(k)}"
            for k in ("aerobic", "strength", "stretching", "rom", "other")
            if week.minutes(k)
        )
        details = []
        if kinds:
            details.append(kinds + " min")
        if week.counted_days:
            details.append(
                f"stretching {week.days_with('stretching')} of {week.counted_days} days, "
                f"range of motion {week.days_with('rom')} of {week.counted_days}"
            )
        if week.mean_rpe is not None:
            details.append(f"effort average {week.mean_rpe:.1f}, highest {week.max_rpe}")
        if week.aching_days:
            details.append(f"aching on {week.aching_days} day{'s' if week.aching_days > 1 else ''}")
        if week.findings:
            details.append(f"{week.findings} flagged")
        function = week_line(in_week(ratings, week.start, week.end))
        if details:
            lines.extend(term.wrap("; ".join(details) + ".", indent="  "))
        else:
            lines.append("  No exercise logged." if function else "  Nothing logged.")
        if function:
            lines.extend(term.wrap(function, indent="  "))
    if picture.aerobic_goal:
        lines.append("")
        met = sum(1 for w in picture.weeks if w.minutes("aerobic") >= picture.aerobic_goal)
        lines.append(
            f"Aerobic goal of {picture.aerobic_goal} min a week met in {met} of "
            f"{len(picture.weeks)} weeks."
        )
    lines.append("")
    lines.append("For the therapist: alslog report makes a printable page of this.")
    return lines
