"""Looking through and taking back: list, rm, undo."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from alslog import words
from alslog.cli.app import (
    IdArg,
    JsonOpt,
    PlainOpt,
    SinceOpt,
    UntilOpt,
    YesOpt,
    app,
    clock,
    date_range,
    examples,
    get_paths,
    open_store,
    output,
    print_json,
)

if TYPE_CHECKING:
    from alslog.models import CheckIn, Rating, Session


# ---- list ------------------------------------------------------------------------
@app.command(
    short_help="Show sessions, check-ins and ratings, newest first.",
    name="list",
    epilog=examples(
        "alslog list",
        "alslog list --since 2026-01-01 --kind aerobic",
        "alslog list --kind rating",
        "alslog list --json",
        "alslog list --grep cramp --limit 5",
    ),
)
def list_(
    since: SinceOpt = None,
    until: UntilOpt = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Only sessions of this kind (check-ins and ratings are left out); "
            "rating: only ratings.",
            show_default=False,
        ),
    ] = None,
    grep: Annotated[
        str | None,
        typer.Option(
            "--grep",
            metavar="TEXT",
            help="Only records with this text in a note, activity, symptom or where it aches "
            "(any case).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        str | None,
        typer.Option(
            "--limit",
            "-n",
            metavar="N",
            help="Show the newest N (or all). Default: a screenful on a terminal, else all.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
) -> None:
    """Show sessions, check-ins and ratings, newest first, each with its short id."""
    import shutil
    import sys

    from alslog import parse, transfer
    from alslog.errors import UsageError
    from alslog.models import CheckIn, Rating, Session
    from alslog.views import text as render

    today = clock().date()
    start, end = date_range(since, until, today)
    only_ratings = kind is not None and kind.strip().lower() in ("rating", "ratings", "alsfrs")
    the_kind = parse.parse_kind(kind) if kind is not None and not only_ratings else None
    needle = None
    if grep is not None:
        needle = grep.strip().casefold()
        if not needle:
            raise UsageError("--grep needs some text to look for, e.g. --grep cramp.")
    most = _limit(limit)
    store = open_store(get_paths())
    period = store.period(start, end)
    sessions = [] if only_ratings else list(period.sessions)
    checkins = [] if the_kind or only_ratings else list(period.checkins)
    ratings = [] if the_kind else list(period.ratings)
    if the_kind:
        sessions = [s for s in sessions if s.kind == the_kind]
    if needle is not None:
        sessions = [s for s in sessions if needle in _words(s.note, s.activity, *s.symptoms)]
        checkins = [c for c in checkins if needle in _words(c.note, c.where, *c.symptoms)]
        ratings = [r for r in ratings if needle in _words(r.note)]
    # Newest first; a day's check-in after its sessions.
    records: list[Session | CheckIn | Rating] = sorted(
        [*sessions, *checkins, *ratings], key=_newest, reverse=True
    )
    total = len(records)
    if most is not None:
        records = records[:most]
    if as_json:
        print_json(
            transfer.document(
                [r for r in records if isinstance(r, Session)],
                [r for r in records if isinstance(r, CheckIn)],
                ratings=[r for r in records if isinstance(r, Rating)],
            )
        )
        return
    term = output(plain)
    if not records:
        term.write(
            term.wrap(
                "Nothing logged"
                + (" in this period" if start or end else "")
                + (f" of kind {words.kind_label(the_kind)}" if the_kind else "")
                + (" of ratings" if only_ratings else "")
                + (f" with '{render.clean(grep or '')}' in it" if needle else "")
                + ". Log a session with: alslog add KIND MINUTES"
            )
        )
        return
    rows = [render.list_line(term, r, today) for r in records]
    if most is None and sys.stdout.isatty():  # a screenful: the count lines and a prompt stay
        room = max(shutil.get_terminal_size((80, 24)).lines - 3, 5)
        shown = 0
        used = 0
        while shown < len(rows) and (shown == 0 or used + len(rows[shown]) <= room):
            used += len(rows[shown])
            shown += 1
        rows = rows[:shown]
    lines = [line for row in rows for line in row]
    if len(rows) < total:
        lines.append(f"{total - len(rows)} more; use --limit {total} to see them all.")
    count = words.plural(len(sessions), "session")
    if not the_kind:
        count += f", {words.plural(len(checkins), 'check-in')}"
    if ratings:
        count += f", {words.plural(len(ratings), 'rating')}"
    lines.extend(term.wrap(f"{count}. Edit or remove one with: alslog edit ID, alslog rm ID"))
    term.write(lines)


def _newest(record: Session | CheckIn | Rating) -> tuple[date, str]:
    """The sort key of a list line: the day, then the time (a check-in after the sessions)."""
    from alslog.models import Session

    if isinstance(record, Session):
        return record.day, record.at.strftime("%H:%M:%S")
    return record.date, ""


def _limit(text: str | None) -> int | None:
    """--limit: a whole number, 1 or more, or 'all' (None: not given or all)."""
    from alslog.errors import UsageError

    if text is None or text.strip().lower() == "all":
        return None
    word = text.strip()
    if word.isascii() and word.isdigit() and len(word) <= 9 and int(word) >= 1:
        return int(word)
    raise UsageError(f"--limit '{text}' is not accepted: give a whole number, 1 or more, or all.")


def _words(*texts: str | None) -> str:
    """What --grep looks in, as one lower-case text (parts kept apart by a line break)."""
    return "\n".join(t for t in texts if t).casefold()


# ---- rm --------------------------------------------------------------------------
@app.command(
    short_help="Remove a session, a check-in or a rating.",
    epilog=examples("alslog rm 3f9k2a", "alslog rm 3f9 --yes"),
)
def rm(record_id: IdArg, yes: YesOpt = False, plain: PlainOpt = False) -> None:
    """Remove a session, check-in or rating (asks first; 'alslog undo' brings it back)."""
    import alslog.cli.prompts as prompts
    from alslog.errors import UsageError
    from alslog.logbook import records
    from alslog.models import Rating, Session
    from alslog.views import text as render

    today = clock().date()
    store = open_store(get_paths())
    record = store.find(record_id)
    short = record.id[: render.SHORT_ID]
    if isinstance(record, Session):
        what = f"the session {render.session_text(record, today)}"
    elif isinstance(record, Rating):
        from alslog.views.rating import rating_text

        what = f"the rating of {words.day_label(record.date, today)} ({rating_text(record)})"
    else:
        day = words.day_label(record.date, today)
        what = f"the check-in for {day} ({render.checkin_text(record)})"
    if not yes:
        if not prompts.interactive(False):
            raise UsageError(
                f"Not removing {short} without confirmation: run it on a terminal to be "
                f"asked, or add --yes: alslog rm {short} --yes"
            )
        term = output(plain)
        term.write(term.wrap(f"Remove {what}? (id {short})"))
        if not prompts.yes_no("Remove it?", default=False):
            term.write("Kept it; nothing was removed.")
            return
    records.remove(store, record)
    term = output(plain)
    term.write(term.wrap(f"Removed {what}. (id {short}) To bring it back: alslog undo"))


# ---- undo ------------------------------------------------------------------------
@app.command(short_help="Take back the last change.", epilog=examples("alslog undo"))
def undo(as_json: JsonOpt = False, plain: PlainOpt = False) -> None:
    """Take back the last change: an add, edit, rm, import or check-in."""
    from alslog.logbook import records
    from alslog.views import documents

    undone = records.undo(open_store(get_paths()))
    if as_json:
        print_json(documents.undo_doc(undone.description))
        return
    term = output(plain)
    term.write(term.wrap(f"Undone: {undone.description}."))
