"""The function rating (ALSFRS-R): rate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from alslog.cli.app import (
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

if TYPE_CHECKING:
    from alslog.models import Rating


@app.command(
    short_help="Rate your function (ALSFRS-R): twelve questions.",
    epilog=examples(
        "alslog rate",
        "alslog rate --scores 4,4,3,4,4,4,4,3,3,4,4,4",
        "alslog rate --scores '4 4 3 4 4 4 4 3 3 4 4 4' --date 2026-11-03",
    ),
)
def rate(
    scores: Annotated[
        str | None,
        typer.Option(
            "--scores",
            metavar="SCORES",
            help="Twelve scores 4 (normal) to 0 in item order, e.g. 4,4,3,4,4,4,4,3,3,4,4,4.",
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
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note.", show_default=False)
    ] = None,
    tube: Annotated[
        bool,
        typer.Option(
            "--tube",
            help="Item 5 is rated for handling a feeding tube, not cutting food.",
        ),
    ] = False,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
) -> None:
    """Rate your function with the ALSFRS-R (Cedarbaum 1999), for your care team.

    Asked one key per item (4 to 0; Enter keeps last time's score), or given
    at once with --scores. Not a diagnosis: the numbers are for the care team.
    """
    from alslog import parse, rating
    from alslog.errors import UsageError
    from alslog.logbook import rate as use
    from alslog.store import new_id
    from alslog.views import documents, text
    from alslog.views import rating as render

    today = clock().date()
    day = parse.parse_date(on, today) if on is not None else today
    where = get_paths()
    onset = None
    if where.config_file.is_file():  # a bad config file stops us before anything is saved
        from alslog import config

        onset = config.load(where).onset
    guide = load_guidelines(where, None)
    store = open_store(where)
    if scores is not None:
        given = rating.parse_scores(scores)
    else:
        import alslog.cli.prompts as prompts
        import alslog.cli.rate_flow as rate_flow

        if not prompts.interactive(yes or as_json):
            raise UsageError(
                "Give the twelve scores with --scores (4 to 0, in item order), e.g. "
                "alslog rate --scores 4,4,3,4,4,4,4,3,3,4,4,4; or run it on a terminal "
                "to be asked."
            )
        given, tube = rate_flow.rating_questions(use.last(store, day), day)
    done = use.rate(store, guide, given, day, new_id=new_id(), today=today, note=note, tube=tube)
    if as_json:
        print_json(documents.rated_doc(done, _delta_fs(done.rating, onset)))
        return
    term = output(plain)
    short = done.rating.id[:6]
    line = render.saved_line(done.rating, done.previous, done.slope)
    term.write(term.wrap(f"{line} (id {short})"))
    if done.findings:
        term.write(text.findings_lines(term, done.findings, today))


def _delta_fs(record: Rating, onset: str | None) -> float | None:
    """Points lost a month since the onset month (``config set onset``); None if not set."""
    from alslog import rating
    from alslog.errors import UsageError

    if onset is None:
        return None
    try:
        value = rating.delta_fs(record, onset)
    except UsageError:  # an onset after the rating's month: no rate to give
        return None
    return None if value is None else round(value, 2)
