"""The trend on a terminal: week by week in plain sentences, bars unless plain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alslog import words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from alslog.models import Rating
    from alslog.trend import Trend
    from alslog.views.term import Term

# The order the kinds are named in a week's line: the effort kinds first.
_KIND_ORDER = ("aerobic", "strength", "stretching", "rom", "other")


def trend_lines(
    term: Term, picture: Trend, *, bars: bool, ratings: Sequence[Rating] = ()
) -> list[str]:
    """Week by week in plain sentences; bars (after the numbers) unless plain; a week's
    self-ratings beside its minutes."""
    from alslog.views.rating import in_week, week_line

    lines = [
        term.style(
            f"{words.plural(len(picture.weeks), 'week')}, {words.day_short(picture.start)} to "
            f"{words.day_short(picture.end, year=True)}",
            "bold",
        ),
        "",
    ]
    most = max((w.total for w in picture.weeks), default=0)
    room = max(10, term.width - 30)
    for week in picture.weeks:
        head = f"Week of {words.day_month(week.start)}: {week.total} min"
        if bars and week.total and most:
            head = f"{head:<28}" + term.style(
                term.bar_char * max(1, round(week.total * room / most)), "cyan"
            )
        lines.append(head)
        kinds = ", ".join(
            f"{words.kind_label(k)} {week.minutes(k)}" for k in _KIND_ORDER if week.minutes(k)
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
            details.append(f"aching on {words.plural(week.aching_days, 'day')}")
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
