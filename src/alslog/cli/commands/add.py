"""Logging sessions: add, again.

On a terminal these ask what was left out, one key per answer (see
``alslog.cli.flows``), and the first of them each day after exercise asks the
next-day aching question by itself. With ``--yes``, ``--json`` or without a
terminal they never ask.
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from alslog import words
from alslog.cli.app import (
    GuidelinesOpt,
    JsonOpt,
    PlainOpt,
    YesOpt,
    app,
    clock,
    default_activity,
    examples,
    get_paths,
    load_guidelines,
    open_store,
    output,
    print_json,
)
from alslog.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.logbook.log import Flags
    from alslog.models import Session
    from alslog.paths import Paths
    from alslog.store import Store


# ---- add -------------------------------------------------------------------------
@app.command(
    short_help="Log a session and see what the guidelines say.",
    epilog=examples(
        "alslog add    # on a terminal: asks, one key per answer",
        "alslog add stretching 15",
        "alslog add aerobic 30 -a walking --rpe 12",
        "alslog add rom 10 --assisted --at yesterday",
        "alslog add strength 20 --at 'monday 18:00'",
        "alslog add --routine morning",
    ),
)
def add(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="KIND",
            help="stretching, rom, aerobic, strength or other (a few letters do).",
            show_default=False,
        ),
    ] = None,
    minutes: Annotated[
        str | None,
        typer.Argument(
            metavar="MINUTES",
            help="How long, in minutes (1 to 600), e.g. 20 or 1h15.",
            show_default=False,
        ),
    ] = None,
    activity: Annotated[
        str | None,
        typer.Option(
            "--activity",
            "-a",
            metavar="TEXT",
            help="What you did: walking, swimming, cycling...",
            show_default=False,
        ),
    ] = None,
    rpe: Annotated[
        int | None,
        typer.Option(
            "--rpe",
            metavar="6-20",
            help="Effort on the Borg scale, 6 to 20 (11 to 13 is moderate).",
            show_default=False,
        ),
    ] = None,
    tired: Annotated[bool, typer.Option("--tired", help="You felt tired during it.")] = False,
    kept_going: Annotated[
        bool, typer.Option("--kept-going", help="You carried on after feeling tired.")
    ] = False,
    talk: Annotated[
        bool | None,
        typer.Option(
            "--talk/--no-talk",
            help="You could (or could not) talk comfortably.",
            show_default=False,
        ),
    ] = None,
    assisted: Annotated[
        bool, typer.Option("--assisted", help="Passive or partner-assisted.")
    ] = False,
    symptom: Annotated[
        list[str] | None,
        typer.Option(
            "--symptom",
            metavar="TEXT",
            help="A symptom (repeat for more): cramp, dizzy, chest pain...",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note.", show_default=False)
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help="When: YYYY-MM-DD, 'YYYY-MM-DD HH:MM', HH:MM, 9am, yesterday, monday, "
            "'3 days ago', 'yesterday 9am', 'last monday 18:00' (default now).",
            show_default=False,
        ),
    ] = None,
    routine: Annotated[
        str | None,
        typer.Option(
            "--routine",
            "-r",
            metavar="NAME",
            help="Log a routine from your config in one go, e.g. morning "
            '(set one with: alslog config set routine.morning "stretching 10, rom 10").',
            show_default=False,
        ),
    ] = None,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Log a session, and see at once what the guidelines say about it.

    On a terminal, what you leave out is asked, one key per answer, Enter for
    the usual: the kind, the minutes and activity of last time, how hard an
    aerobic or strengthening session was (as last time), and any problems
    (tired, kept going, could not talk, a symptom).
    """
    import alslog.cli.prompts as prompts
    from alslog import parse
    from alslog.logbook.log import Flags

    now = clock()
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)  # a bad guideline file stops us before writing
    store = open_store(where)
    may_ask = prompts.interactive(yes or as_json)
    safety_given = tired or kept_going or talk is not None or bool(symptom)
    flags = Flags(tired, kept_going, talk, tuple(symptom or ()), assisted, note)
    if routine is not None:
        if kind is not None or minutes is not None or activity or rpe is not None:
            raise UsageError(
                "--routine logs the sessions of the routine: give no KIND, MINUTES, "
                "--activity or --rpe with it."
            )
        parse.check_rpe(rpe, moderate=guide.moderate_band)
        when = parse.parse_when(at, now) if at is not None else now
        if may_ask:
            import alslog.cli.flows as flows  # the questions: only on a terminal

            flows.offer_checkin(store, guide, now, plain)
        _add_routine(routine, where, store, guide, now, when, flags=flags,
                     ask_problems=may_ask and not safety_given, may_ask=may_ask,
                     as_json=as_json, plain=plain)  # fmt: skip
        return

    if kind is None and not may_ask:
        raise UsageError(
            "Missing KIND: give stretching, rom, aerobic, strength or other, "
            "e.g. 'alslog add stretching 15'."
        )
    if minutes is None and kind is not None and not may_ask:
        raise UsageError(
            "Missing MINUTES: give the length in minutes, 1 to 600, e.g. 'alslog add rom 10'."
        )
    # Check what was typed before asking anything: a mistake costs no answers.
    the_kind = parse.parse_kind(kind) if kind is not None else None
    the_minutes = parse.parse_minutes(minutes) if minutes is not None else None
    parse.check_rpe(rpe, moderate=guide.moderate_band)
    when = parse.parse_when(at, now) if at is not None else now

    asked = False
    if may_ask:
        import alslog.cli.flows as flows  # the questions, here and below: only on a terminal

        asked = flows.offer_checkin(store, guide, now, plain)
        if the_kind is None:
            the_kind = flows.ask_kind(store)
            asked = True
        if the_minutes is None:
            the_minutes, activity = flows.ask_minutes_activity(
                store, the_kind, activity, default_activity(where, the_kind)
            )
            asked = True
    assert the_kind is not None and the_minutes is not None
    if activity is None:  # not given with -a, nor asked: the default for the kind, if set
        activity = default_activity(where, the_kind)
    if may_ask and rpe is None and the_kind in flows.EFFORT_KINDS:
        rpe, said_talk = flows.ask_effort(store, guide, the_kind)
        if talk is None and said_talk is not None:
            flags = flags._replace(talk=said_talk)
        asked = True
    if may_ask and not safety_given:
        flags = flows.with_problems(flags, flows.problems())
        asked = True
    session = _session(the_kind, the_minutes, activity, rpe, when, flags)
    _log_and_show(store, guide, [session], now, as_json=as_json, plain=plain, gap=asked,
                  may_ask=may_ask)  # fmt: skip


# ---- again -----------------------------------------------------------------------
@app.command(
    short_help="Log the last session again, now.",
    epilog=examples("alslog again", "alslog again --yes", "alslog again --at 9:30"),
)
def again(
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help="When: YYYY-MM-DD, 'YYYY-MM-DD HH:MM', HH:MM, 9am, yesterday, monday, "
            "'yesterday 9am' (default now).",
            show_default=False,
        ),
    ] = None,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Log the last session again, now (kind, minutes, activity as last time).

    On a terminal it asks about problems first, one key (Enter = none). With
    --yes or in a script nothing is asked, and no problems are recorded.
    """
    import alslog.cli.flows as flows
    import alslog.cli.prompts as prompts
    from alslog import parse
    from alslog.logbook.log import Flags, last_logged

    now = clock()
    when = parse.parse_when(at, now) if at is not None else now
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    store = open_store(where)
    may_ask = prompts.interactive(yes or as_json)
    last = last_logged(store)
    if last is None:
        raise NotFoundError("Nothing to repeat yet: log a session first with 'alslog add'.")
    flags = Flags(assisted=last.assisted)
    if may_ask:
        flows.offer_checkin(store, guide, now, plain)
        prompts.say(f"Again: {flows.what(last.kind, last.minutes, last.activity)}.")
        flags = flows.with_problems(flags, flows.problems())
    activity = last.activity if last.activity is not None else default_activity(where, last.kind)
    session = _session(last.kind, last.minutes, activity, None, when, flags)
    _log_and_show(store, guide, [session], now, as_json=as_json, plain=plain, gap=may_ask,
                  may_ask=may_ask)  # fmt: skip


# ---- the parts of add and again --------------------------------------------------
def _session(
    kind: str, minutes: int, activity: str | None, rpe: int | None, when: datetime, flags: Flags
) -> Session:
    from alslog.logbook.log import new_session
    from alslog.store import new_id

    return new_session(new_id(), kind, minutes, activity, rpe, when, flags)  # type: ignore[arg-type]


def _log_and_show(
    store: Store,
    guide: Guidelines,
    sessions: list[Session],
    now: datetime,
    *,
    as_json: bool,
    plain: bool,
    gap: bool,
    may_ask: bool,
    routine: str | None = None,
) -> None:
    """Store the sessions (a routine's parts all or nothing, one undo), then show the rules.

    The same session logged again within minutes is asked about first on a
    terminal (Enter = no, nothing saved), else saved with a note saying so.
    An alert logged earlier today is repeated first: it still means stop.
    """
    import alslog.cli.prompts as prompts
    from alslog.logbook.log import log_sessions, logged_twice
    from alslog.views import text as render

    today = now.date()
    twice = None
    found = logged_twice(store, sessions, now)
    if found is not None:
        minutes = found.minutes_ago
        ago = "less than a minute ago" if minutes == 0 else f"{words.plural(minutes, 'minute')} ago"
        said = "the same session"
        if routine is not None:
            from alslog.cli.flows import what

            said += f" ({what(found.session.kind, found.session.minutes, found.session.activity)})"
        twice = (said, ago)
    if twice is not None and may_ask:
        if gap:
            prompts.say("")
        again = "it" if routine is None else "the routine"
        if not prompts.yes_no(f"You logged {twice[0]} {twice[1]}. Save {again} again?"):
            output(plain).write("Not saved: nothing was added, the earlier one is kept.")
            return
        gap = True
    logged = log_sessions(store, guide, sessions, today)
    findings, earlier = logged.findings, logged.earlier_alerts
    note = None
    if twice is not None and not may_ask:
        note = f"Note: {twice[0]} was logged {twice[1]}; saved again."
    if as_json:
        from alslog.views import documents

        if note is not None:  # stdout holds the JSON document only
            print(note, file=sys.stderr)
        if routine is not None:
            print_json(documents.routine_json(routine, sessions, findings, earlier))
        else:
            print_json(documents.add_json(sessions[0], findings, earlier))
        return
    term = output(plain)
    if gap:
        term.write("")
    if note is not None:
        term.write(term.wrap(note))
    term.write(
        render.logged_lines(
            term,
            sessions,
            findings,
            today,
            done_today=logged.done_today,
            daily_kinds=guide.daily_kinds,
            stop_words=guide.stop_words,
            earlier_alerts=earlier,
        )
    )


def _add_routine(
    name: str,
    where: Paths,
    store: Store,
    guide: Guidelines,
    now: datetime,
    end: datetime,
    *,
    flags: Flags,
    ask_problems: bool,
    may_ask: bool,
    as_json: bool,
    plain: bool,
) -> None:
    """Log each session of a routine; problems go on the part they happened in."""
    import alslog.cli.flows as flows
    import alslog.cli.prompts as prompts
    from alslog import config as config_module
    from alslog.logbook.log import routine_parts, routine_sessions
    from alslog.store import new_id

    settings = config_module.load(where)
    items = [(item.kind, item.minutes, item.activity) for item in settings.routine(name)]
    parts = routine_parts(items, settings.default_activity, end)
    where_problems = len(parts) - 1  # flags given as options: the last part
    if ask_problems:
        listed = "; ".join(flows.what(p.kind, p.minutes, p.activity) for p in parts)
        prompts.say(f"Routine {name}: {listed}.")
        problems = flows.problems("Any problems during it?")
        flags = flows.with_problems(flags, problems)
        if problems.any and len(parts) > 1:
            where_problems = prompts.choose(
                "In which part?",
                [(words.kind_label(p.kind), i) for i, p in enumerate(parts)],
                default=len(parts) - 1,
            )
    sessions = routine_sessions(parts, flags, where_problems, new_id)
    _log_and_show(
        store, guide, sessions, now, as_json=as_json, plain=plain, gap=ask_problems,
        routine=name, may_ask=may_ask,
    )  # fmt: skip
