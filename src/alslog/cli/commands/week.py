"""Reading the week: week."""

from __future__ import annotations

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
    from alslog import parse
    from alslog.cli import prompts
    from alslog.logbook import period
    from alslog.views import documents
    from alslog.views.week import week_lines

    now = clock()
    today = now.date()
    last = parse.parse_date(end, today) if end is not None else today
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    store = open_store(where)
    # Today's question only when the week is this one: a look at the past asks nothing.
    if last == today and prompts.interactive(yes or as_json):
        from alslog.cli import flows

        flows.offer_checkin(store, guide, now, plain)
    result = period.week(store, guide, last, today)
    if as_json:
        print_json(documents.week_json(result))
        return
    term = output(plain)
    term.write(week_lines(term, result, daily_kinds=guide.daily_kinds))
