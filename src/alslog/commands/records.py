"""Looking through and correcting the log: list, edit, rm, undo."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from alslog.app import (
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
    validated,
)

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.models import CheckIn, Session
    from alslog.store import Store

IdArg = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The record's id, or its first few characters (as 'alslog list' shows).",
        show_default=False,
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="From this day: YYYY-MM-DD, today, yesterday, a weekday or '3 days ago'.",
        show_default=False,
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help="Up to this day (included): YYYY-MM-DD, today, yesterday or a weekday.",
        show_default=False,
    ),
]


def date_range(
    since: str | None, until: str | None, today: date
) -> tuple[date | None, date | None]:
    """--since/--until as days (either may be open); refuses an empty range."""
    from alslog import parse
    from alslog.errors import UsageError

    start = parse.parse_date(since, today) if since is not None else None
    end = parse.parse_date(until, today) if until is not None else None
    if start and end and start > end:
        raise UsageError(
            f"--since {start.isoformat()} is after --until {end.isoformat()}: swap them."
        )
    return start, end


# ---- list ------------------------------------------------------------------------
@app.command(
    short_help="Show sessions and check-ins, newest first.",
    name="list",
    epilog=examples(
        "alslog list",
        "alslog list --since 2026-01-01 --kind aerobic",
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
            help="Only sessions of this kind (check-ins are left out).",
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
    """Show sessions and check-ins, newest first, each with its short id."""
    import shutil
    import sys

    from alslog import parse, transfer
    from alslog.errors import UsageError
    from alslog.models import Session
    from alslog.views import text as render

    today = clock().date()
    start, end = date_range(since, until, today)
    the_kind = parse.parse_kind(kind) if kind is not None else None
    needle = None
    if grep is not None:
        needle = grep.strip().casefold()
        if not needle:
            raise UsageError("--grep needs some text to look for, e.g. --grep cramp.")
    most = _limit(limit)
    store = open_store(get_paths())
    sessions = store.sessions(start, end)
    checkins = [] if the_kind else store.checkins(start, end)
    if the_kind:
        sessions = [s for s in sessions if s.kind == the_kind]
    if needle is not None:
        sessions = [s for s in sessions if needle in _words(s.note, s.activity, *s.symptoms)]
        checkins = [c for c in checkins if needle in _words(c.note, c.where, *c.symptoms)]
    # Newest first; a day's check-in after its sessions.
    records: list[Session | CheckIn] = sorted([*sessions, *checkins], key=_newest, reverse=True)
    total = len(records)
    if most is not None:
        records = records[:most]
    if as_json:
        print_json(
            transfer.document(
                [r for r in records if isinstance(r, Session)],
                [r for r in records if not isinstance(r, Session)],
            )
        )
        return
    term = output(plain)
    if not records:
        term.write(
            term.wrap(
                "Nothing logged"
                + (" in this period" if start or end else "")
                + (f" of kind {render.kind_label(the_kind)}" if the_kind else "")
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
    count = render.plural(len(sessions), "session")
    if not the_kind:
        count += f", {render.plural(len(checkins), 'check-in')}"
    lines.extend(term.wrap(f"{count}. Edit or remove one with: alslog edit ID, alslog rm ID"))
    term.write(lines)


def _newest(record: Session | CheckIn) -> tuple[date, str]:
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


# ---- edit ------------------------------------------------------------------------
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
        typer.Option("--date", metavar="DATE", help="(check-ins) The day.", show_default=False),
    ] = None,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Correct a session (or a check-in): change any field; the rest stays as it was."""
    from alslog import parse, safety
    from alslog.errors import UsageError
    from alslog.models import CheckIn, Session
    from alslog.views import documents
    from alslog.views import text as render

    now = clock()
    today = now.date()
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    store = open_store(where)
    record = store.find(record_id)
    short = record.id[: render.SHORT_ID]

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
        changes["rpe"] = parse.check_rpe(rpe)
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
    if tired is not None:
        changes["tired"] = tired
        if not tired and kept_going is None:
            changes["kept_going"] = False  # "kept going after tiring" needs tiring
    if kept_going is not None:
        if kept_going and tired is False:
            raise UsageError("--kept-going means kept going after tiring: drop --no-tired.")
        changes["kept_going"] = kept_going
        if kept_going:
            changes["tired"] = True
    if not changes:
        raise UsageError(
            "Nothing to change: give what to correct, e.g. --minutes 20, --rpe 12, "
            "--at 'yesterday 18:00' (see 'alslog edit --help')."
        )
    fields = record.model_dump()
    fields.update(changes)
    session: Session = validated(Session, **fields)
    store.update_session(session)
    findings = safety.about_sessions(store, guide, [session], today)
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
    from alslog import parse, safety
    from alslog.errors import UsageError
    from alslog.models import FATIGUE_MAX, FATIGUE_MIN, CheckIn
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
        day = parse.parse_date(on, today)
        others = [c for c in store.checkins(day, day) if c.id != record.id]
        if others:
            raise UsageError(
                f"{day.isoformat()} already has a check-in ({others[0].id[: render.SHORT_ID]}): "
                "edit or remove that one instead."
            )
        changes["date"] = day
    if not changes:
        raise UsageError(
            "Nothing to change: give --aching/--no-aching, --where, --fatigue, --symptom, "
            "--note or --date."
        )
    fields = record.model_dump()
    fields.update(changes)
    checkin: CheckIn = validated(CheckIn, **fields)
    store.put_checkin(checkin)
    # Only what the check-in itself says (a red flag in it), not the aching advice again.
    found = [f for f in safety.about_checkin(store, guide, checkin, today) if not f.sessions]
    if as_json:
        print_json(documents.checkin_doc(checkin, found))
        return
    term = output(plain)
    lines = term.wrap(
        f"Changed the check-in for {render.day_label(checkin.date, today)}: "
        f"{render.checkin_text(checkin)}. (id {checkin.id[: render.SHORT_ID]})"
    )
    lines.extend(render.findings_lines(term, found, today, show_day=True))
    lines.append("Changed your mind? alslog undo")
    term.write(lines)


# ---- rm --------------------------------------------------------------------------
@app.command(
    short_help="Remove a session or a check-in.",
    epilog=examples("alslog rm 3f9k2a", "alslog rm 3f9 --yes"),
)
def rm(record_id: IdArg, yes: YesOpt = False, plain: PlainOpt = False) -> None:
    """Remove a session or check-in (asks first; 'alslog undo' brings it back)."""
    from alslog import ask
    from alslog.errors import UsageError
    from alslog.models import Session
    from alslog.views import text as render

    today = clock().date()
    store = open_store(get_paths())
    record = store.find(record_id)
    short = record.id[: render.SHORT_ID]
    if isinstance(record, Session):
        what = f"the session {render.session_text(record, today)}"
    else:
        day = render.day_label(record.date, today)
        what = f"the check-in for {day} ({render.checkin_text(record)})"
    if not yes:
        if not ask.interactive(False):
            raise UsageError(
                f"Not removing {short} without confirmation: run it on a terminal to be "
                f"asked, or add --yes: alslog rm {short} --yes"
            )
        term = output(plain)
        term.write(term.wrap(f"Remove {what}? (id {short})"))
        if not ask.yes_no("Remove it?", default=False):
            term.write("Kept it; nothing was removed.")
            return
    store.remove(record.id)
    term = output(plain)
    term.write(term.wrap(f"Removed {what}. (id {short}) To bring it back: alslog undo"))


# ---- undo ------------------------------------------------------------------------
@app.command(short_help="Take back the last change.", epilog=examples("alslog undo"))
def undo(as_json: JsonOpt = False, plain: PlainOpt = False) -> None:
    """Take back the last change: an add, edit, rm, import or check-in."""
    store = open_store(get_paths())
    change = store.undo()
    if as_json:
        print_json({"version": 1, "undone": change.description})
        return
    term = output(plain)
    term.write(term.wrap(f"Undone: {change.description}."))
