"""Reading the week: week."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from alslog.cli.app import (
    GuidelinesOpt,
    JsonOpt,
    PlainOpt,
    YesOpt,
    app,
    clock,
    examples,
    get_paths,
    load_guidelines,
    open_store,
    output,
    print_json,
    rating_every,
)


# ---- week ------------------------------------------------------------------------
@app.command(
    short_help="Sum up the last seven days.",
    epilog=examples(
        "alslog week",
        "alslog week --end 2026-11-15",
        "alslog week --end sunday",
        "alslog week --json",
    ),
)
def week(
    end: Annotated[
        str | None,
        typer.Option(
            "--end",
            metavar="DATE",
            help="Last day of the week: YYYY-MM-DD, today, yesterday, a weekday or "
            "'3 days ago' (default today).",
            show_default=False,
        ),
    ] = None,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Sum up the last seven days: what was done, daily targets, warnings."""
    import alslog.cli.prompts as prompts
    from alslog.logbook import period

    now = clock()
    today = now.date()
    last = today
    if end is not None:
        from alslog import parse  # only for --end: this week needs no parsing

        last = parse.parse_date(end, today)
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    store = open_store(where)
    # Today's question only when the week is this one: a look at the past asks nothing.
    if last == today and prompts.interactive(yes or as_json):
        import alslog.cli.flows as flows

        flows.offer_checkin(store, guide, now, plain)
    result = period.week(store, guide, last, today)
    from alslog.logbook import rate
    from alslog.summary import WEEK_DAYS
    from alslog.views import rating as rated

    start = last - timedelta(days=WEEK_DAYS - 1)
    # The due line only for this week: a look at the past is not told what is due now.
    due_on = today if last == today else None
    function = rate.over_period(store, start, last, due_on=due_on, every_days=rating_every(where))
    due = function.due
    if as_json:
        from alslog.views import documents

        doc = documents.week_json(result)
        doc.update(rated.ratings_dict(function.ratings, function.slope), rating_due=due)
        print_json(doc)
        return
    from alslog.views.week import week_lines

    term = output(plain)
    lines = week_lines(term, result, daily_kinds=guide.daily_kinds)
    ratings = rated.week_line(function.ratings)
    lines.extend(term.wrap(f"Function: {ratings}") if ratings else [])
    due_text = rated.due_text(due)
    lines.extend(term.wrap(due_text) if due_text else [])
    term.write(lines)
