"""The day's check-in: checkin."""

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
from alslog.errors import UsageError


# ---- checkin ---------------------------------------------------------------------
@app.command(
    short_help="Record how you feel today: aching, fatigue.",
    epilog=examples(
        "alslog checkin --no-aching --fatigue 3",
        "alslog checkin --aching --where calves",
        'alslog checkin --symptom dizzy --note "felt faint getting up"',
    ),
)
def checkin(
    aching: Annotated[
        bool | None,
        typer.Option(
            "--aching/--no-aching",
            help="Muscle aching since the last exercise?",
            show_default=False,
        ),
    ] = None,
    where_: Annotated[
        str | None,
        typer.Option(
            "--where",
            metavar="TEXT",
            help="Where it aches: calves, shoulders...",
            show_default=False,
        ),
    ] = None,
    level: Annotated[
        int | None,
        typer.Option(
            "--level",
            metavar="0-10",
            help="How bad the aching is, 0 (hardly) to 10 (worst).",
            show_default=False,
        ),
    ] = None,
    fatigue: Annotated[
        int | None,
        typer.Option(
            "--fatigue",
            metavar="0-10",
            help="How tired you feel today, 0 (not at all) to 10.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="Which day: YYYY-MM-DD, today, yesterday, a weekday or '3 days ago'.",
            show_default=False,
        ),
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option(
            "--symptom",
            metavar="TEXT",
            help="Something you felt today (repeat for more): cramp, dizzy, chest pain...",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note.", show_default=False)
    ] = None,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Record how you feel today: any aching after exercise, fatigue, symptoms."""
    import alslog.cli.flows as flows
    import alslog.cli.prompts as prompts
    from alslog import parse
    from alslog.logbook import checkin as checkins
    from alslog.models import FATIGUE_MAX, FATIGUE_MIN
    from alslog.store import new_id
    from alslog.views import documents
    from alslog.views import text as render

    now = clock()
    today = now.date()
    day = parse.parse_date(on, today) if on is not None else today
    parse.check_range("Fatigue", fatigue, FATIGUE_MIN, FATIGUE_MAX)
    parse.check_range("Aching level", level, 0, 10)
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    store = open_store(where)
    if level is not None and aching is None:
        aching = True
    felt = [s.strip() for s in symptom or [] if s.strip()]
    if aching is None and fatigue is None and note is None and where_ is None and not felt:
        if not prompts.interactive(yes or as_json):
            raise UsageError(
                "Nothing to record: give --aching or --no-aching, --level 0-10, "
                "--fatigue 0-10, --symptom TEXT or --note."
            )
        aching, where_, level, felt = flows.checkin_questions()
    given = checkins.Answers(aching, where_, level, fatigue, note, tuple(felt))
    done = checkins.record_checkin(store, guide, day, today, new_id(), given)
    if as_json:
        print_json(documents.checkin_doc(done.checkin, done.findings))
        return
    term = output(plain)
    term.write(
        render.checkin_lines(term, done.checkin, done.findings, today, replaced=done.replaced)
    )
