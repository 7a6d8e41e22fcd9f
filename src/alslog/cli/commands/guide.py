"""Reading the recommendations: guide."""

from __future__ import annotations

from typing import Annotated

import typer

from alslog.cli.app import (
    GuidelinesOpt,
    PlainOpt,
    app,
    examples,
    get_paths,
    load_guidelines,
    output,
)


# ---- guide -----------------------------------------------------------------------
@app.command(
    short_help="Read the recommendations, with their sources.",
    epilog=examples("alslog guide", "alslog guide aerobic", "alslog guide red-flags"),
)
def guide(
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar="TOPIC",
            help="stretching, rom, aerobic, strength, fatigue, aching, red-flags, before.",
            show_default=False,
        ),
    ] = None,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Read the recommendations, with their sources."""
    from alslog.views import guide as render_guide

    where = get_paths()
    guide_data = load_guidelines(where, guidelines_path)
    term = output(plain)
    if topic is None:
        term.write(render_guide.overview_lines(term, guide_data))
    else:
        term.write(render_guide.topic_lines(term, guide_data, topic))
