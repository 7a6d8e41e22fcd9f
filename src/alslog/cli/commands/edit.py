"""Correcting the log: edit."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from alslog import words
from alslog.cli.app import (
    GuidelinesOpt,
    IdArg,
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
)

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.models import CheckIn, Rating, Session
    from alslog.store import Store


# ---- edit ----------------------------------------------------------------------
@app.command(
    short_help="Correct a session or a check-in.",
    epilog=examples(
        "alslog edit 3f9k2a --minutes 25",
        "alslog edit 3f9 --rpe 12 --no-tired",
        "alslog edit 3f9 --at 'yesterday 18:00'",
        "alslog edit 7hq --no-aching    # a check-in",
    ),
)
def edit(
    record_id: IdArg,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="stretching, rom, aerobic, strength or other.",
            show_default=False,
        ),
    ] = None,
    minutes: Annotated[
        str | None,
        typer.Option("--minutes", "-m", metavar="MINUTES", help="1 to 600.", show_default=False),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help="When: YYYY-MM-DD or monday (keeps the time), 'YYYY-MM-DD HH:MM', "
            "'yesterday 9am'...",
            show_default=False,
        ),
    ] = None,
    activity: Annotated[
        str | None,
        typer.Option("--activity", "-a", metavar="TEXT", help="'' to clear.", show_default=False),
    ] = None,
    rpe: Annotated[
        int | None,
        typer.Option("--rpe", metavar="6-20", help="Effort, Borg 6 to 20.", show_default=False),
    ] = None,
    no_rpe: Annotated[bool, typer.Option("--no-rpe", help="Clear the effort rating.")] = False,
    tired: Annotated[
        bool | None,
        typer.Option("--tired/--no-tired", help="Felt tired during it.", show_default=False),
    ] = None,
    kept_going: Annotated[
        bool | None,
        typer.Option(
            "--kept-going/--no-kept-going",
            help="Carried on after tiring (implies --tired).",
            show_default=False,
        ),
    ] = None,
    talk: Annotated[
        bool | None,
        typer.Option("--talk/--no-talk", help="Could talk comfortably.", show_default=False),
    ] = None,
    assisted: Annotated[
        bool | None,
        typer.Option(
            "--assisted/--no-assisted", help="Passive or partner-assisted.", show_default=False
        ),
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option(
            "--symptom",
            metavar="TEXT",
            help="Replaces the symptoms (repeat for more; --symptom '' clears them).",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="'' to clear.", show_default=False),
    ] = None,
    aching: Annotated[
        bool | None,
        typer.Option("--aching/--no-aching", help="(check-ins)", show_default=False),
    ] = None,
    where_: Annotated[
        str | None,
        typer.Option(
            "--where", metavar="TEXT", help="(check-ins) Where it aches.", show_default=False
        ),
    ] = None,
    fatigue: Annotated[
        int | None,
        typer.Option("--fatigue", metavar="0-10", help="(check-ins)", show_default=False),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="(check-ins, ratings) The day.", show_default=False
        ),
    ] = None,
    scores: Annotated[
        str | None,
        typer.Option(
            "--scores",
            metavar="SCORES",
            help="(ratings) The twelve scores 4-0 in item order.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Correct a session (or a check-in): change any field; the rest stays as it was."""
    from alslog import parse
    from alslog.errors import UsageError
    from alslog.logbook import records
    from alslog.logbook.log import tiredness
    from alslog.models import CheckIn, Rating
    from alslog.views import documents
    from alslog.views import text as render

    now = clock()
    today = now.date()
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    store = open_store(where)
    record = store.find(record_id)
    short = record.id[: render.SHORT_ID]

    if isinstance(record, Rating):
        used = _given(
            kind=kind, minutes=minutes, at=at, activity=activity, rpe=rpe, tired=tired,
            kept_going=kept_going, talk=talk, assisted=assisted, no_rpe=no_rpe or None,
            symptom=symptom, aching=aching, where=where_, fatigue=fatigue,
        )  # fmt: skip
        if used:
            raise UsageError(
                f"{short} is a rating: --{used[0].replace('_', '-')} does not apply. "
                "Ratings take --scores, --date, --note."
            )
        _edit_rating(store, guide, record, scores, on, note, today, as_json, plain)
        return
    if scores is not None:
        raise UsageError(f"{short} is not a rating: --scores applies to ratings.")

    if isinstance(record, CheckIn):
        used = _given(
            kind=kind, minutes=minutes, at=at, activity=activity, rpe=rpe, tired=tired,
            kept_going=kept_going, talk=talk, assisted=assisted, no_rpe=no_rpe or None,
        )  # fmt: skip
        if used:
            raise UsageError(
                f"{short} is a check-in: --{used[0].replace('_', '-')} applies to sessions. "
                "Check-ins take --aching/--no-aching, --where, --fatigue, --symptom, --note, "
                "--date."
            )
        _edit_checkin(
            store, guide, record, aching, where_, fatigue, on, symptom, note, today, as_json, plain
        )
        return

    used = _given(aching=aching, where=where_, fatigue=fatigue, date=on)
    if used:
        raise UsageError(
            f"{short} is a session: --{used[0]} applies to check-ins. Sessions take "
            "--kind, --minutes, --at, --activity, --rpe, --tired, --kept-going, --talk, "
            "--assisted, --symptom, --note."
        )
    if rpe is not None and no_rpe:
        raise UsageError("Give --rpe N or --no-rpe, not both.")
    changes: dict[str, Any] = {}
    if kind is not None:
        changes["kind"] = parse.parse_kind(kind)
    if minutes is not None:
        changes["minutes"] = parse.parse_minutes(minutes)
    if at is not None:
        changes["at"] = _new_time(record, at, now)
    if activity is not None:
        changes["activity"] = activity.strip() or None
    if rpe is not None:
        changes["rpe"] = parse.check_rpe(rpe, moderate=guide.moderate_band)
    if no_rpe:
        changes["rpe"] = None
    if talk is not None:
        changes["talk"] = talk
    if assisted is not None:
        changes["assisted"] = assisted
    if symptom is not None:
        changes["symptoms"] = tuple(s.strip() for s in symptom if s.strip())
    if note is not None:
        changes["note"] = note or None
    try:
        said_tired, said_kept_going = tiredness(tired, kept_going)
    except ValueError:
        raise UsageError("--kept-going means kept going after tiring: drop --no-tired.") from None
    if said_tired is not None:
        changes["tired"] = said_tired
    if said_kept_going is not None:
        changes["kept_going"] = said_kept_going
    if not changes:
        raise UsageError(
            "Nothing to change: give what to correct, e.g. --minutes 20, --rpe 12, "
            "--at 'yesterday 18:00' (see 'alslog edit --help')."
        )
    edited = records.edit_session(store, guide, record, changes, today)
    session, findings = edited.session, edited.findings
    if as_json:
        print_json(documents.add_json(session, findings))
        return
    term = output(plain)
    lines = term.wrap(
        f"{render.session_text(session, today)}. (id {short})",
        first=term.style("Changed: ", "bold", "green") if term.color else "Changed: ",
        indent="  ",
    )
    if findings:
        lines.extend(render.findings_lines(term, findings, today))
    else:
        lines.append("Nothing to flag in this session.")
    lines.append("Changed your mind? alslog undo")
    term.write(lines)


def _edit_rating(
    store: Store,
    guide: Guidelines,
    record: Rating,
    scores: str | None,
    on: str | None,
    note: str | None,
    today: date,
    as_json: bool,
    plain: bool,
) -> None:
    from alslog import parse, rating
    from alslog.errors import UsageError
    from alslog.logbook import rate
    from alslog.views import documents, text
    from alslog.views import rating as render

    if scores is None and on is None and note is None:
        raise UsageError("Nothing to change: give --scores, --date or --note.")
    done = rate.edit(
        store,
        guide,
        record,
        scores=None if scores is None else rating.parse_scores(scores),
        day=None if on is None else parse.parse_date(on, today),
        note=note,
        today=today,
    )
    if as_json:
        print_json(documents.rating_doc(done.rating))
        return
    term = output(plain)
    said = f"Changed: the rating of {words.day_label(done.rating.date, today)}, "
    said += f"{render.rating_text(done.rating)}. (id {done.rating.id[:6]})"
    term.write([*term.wrap(said), *text.findings_lines(term, done.findings, today)])
    term.write("Changed your mind? alslog undo")


def _given(**options: Any) -> list[str]:
    return [name for name, value in options.items() if value is not None]


def _new_time(session: Session, text: str, now: datetime) -> datetime:
    """A new time for a session: a bare day keeps the session's time of day."""
    from alslog import parse
    from alslog.errors import UsageError

    try:
        day = parse.parse_date(text, now.date())
    except UsageError:
        return parse.parse_when(text, now)
    local = session.at.astimezone()
    when = datetime.combine(day, local.time().replace(tzinfo=None)).astimezone()
    if when > now:
        raise UsageError(
            f"{when:%Y-%m-%d %H:%M} is in the future: give the time the session happened, "
            "e.g. --at 'today 09:30'."
        )
    return when


def _edit_checkin(
    store: Store,
    guide: Guidelines,
    record: CheckIn,
    aching: bool | None,
    where_: str | None,
    fatigue: int | None,
    on: str | None,
    symptom: list[str] | None,
    note: str | None,
    today: date,
    as_json: bool,
    plain: bool,
) -> None:
    from alslog import parse
    from alslog.errors import UsageError
    from alslog.logbook import records
    from alslog.models import FATIGUE_MAX, FATIGUE_MIN
    from alslog.views import documents
    from alslog.views import text as render

    changes: dict[str, Any] = {}
    if symptom is not None:
        changes["symptoms"] = tuple(s.strip() for s in symptom if s.strip())
    if aching is not None:
        changes["aching"] = aching
    if where_ is not None:
        changes["where"] = where_.strip() or None
    if fatigue is not None:
        changes["fatigue"] = parse.check_range("Fatigue", fatigue, FATIGUE_MIN, FATIGUE_MAX)
    if note is not None:
        changes["note"] = note or None
    if on is not None:
        changes["date"] = parse.parse_date(on, today)
    if not changes:
        raise UsageError(
            "Nothing to change: give --aching/--no-aching, --where, --fatigue, --symptom, "
            "--note or --date."
        )
    edited = records.edit_checkin(store, guide, record, changes, today)
    if isinstance(edited, records.DayTaken):
        raise UsageError(
            f"{edited.day.isoformat()} already has a check-in "
            f"({edited.other.id[: render.SHORT_ID]}): edit or remove that one instead."
        )
    checkin, found = edited.checkin, edited.findings
    if as_json:
        print_json(documents.checkin_doc(checkin, found))
        return
    term = output(plain)
    lines = term.wrap(
        f"Changed the check-in for {words.day_label(checkin.date, today)}: "
        f"{render.checkin_text(checkin)}. (id {checkin.id[: render.SHORT_ID]})"
    )
    lines.extend(render.findings_lines(term, found, today, show_day=True))
    lines.append("Changed your mind? alslog undo")
    term.write(lines)


# ---- rm --------------------------------------------------------------------------
