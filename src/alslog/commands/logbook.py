"""Logging and reading the log: add, checkin, week."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from alslog.app import (
    GuidelinesOpt,
    JsonOpt,
    PlainOpt,
    YesOpt,
    app,
    clock,
    get_paths,
    load_guidelines,
    open_store,
    output,
    print_json,
    validated,
)


# ---- add -------------------------------------------------------------------------
@app.command(
    epilog=(
        "Examples: alslog add stretching 15 | alslog add aerobic 30 -a walking --rpe 12 "
        "| alslog add rom 10 --assisted --at yesterday"
    )
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
            help="When: YYYY-MM-DD, 'YYYY-MM-DD HH:MM', HH:MM, yesterday, "
            "'yesterday HH:MM' (default now).",
            show_default=False,
        ),
    ] = None,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Log a session, and see at once what the guidelines say about it."""
    from alslog import ask, parse, render, rules
    from alslog.models import Session
    from alslog.store import new_id

    now = clock()
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)  # a bad guideline file stops us before writing
    store = open_store(where)
    may_ask = ask.interactive(yes or as_json)

    if kind is None:
        if not may_ask:
            raise typer.BadParameter(
                "Missing KIND: give stretching, rom, aerobic, strength or other.",
                param_hint="KIND",
            )
        from alslog.models import KINDS

        kind = ask.choose(
            "What kind of session?",
            [(render.kind_label(k), k) for k in KINDS],
        )
    the_kind = parse.parse_kind(kind)
    if minutes is None:
        last = store.last_session(the_kind)
        default = last.minutes if last else None
        value = ask.ask_value("Minutes", parse.parse_minutes, default) if may_ask else None
        if value is None:
            raise typer.BadParameter(
                "Missing MINUTES: give the length in minutes, 1 to 600.", param_hint="MINUTES"
            )
        the_minutes = value
    else:
        the_minutes = parse.parse_minutes(minutes)
    parse.check_rpe(rpe)
    when = parse.parse_when(at, now) if at else now
    session = validated(
        Session,
        id=new_id(),
        kind=the_kind,
        activity=activity or None,
        minutes=the_minutes,
        rpe=rpe,
        at=when,
        tired=tired or kept_going,
        kept_going=kept_going,
        talk=talk,
        assisted=assisted,
        symptoms=tuple(s.strip() for s in (symptom or []) if s.strip()),
        note=note or None,
    )
    store.add_session(session)

    day = session.day
    nearby = store.sessions(day - timedelta(days=3), day + timedelta(days=2))
    checkins = store.checkins(day - timedelta(days=3), day + timedelta(days=3))
    findings = rules.session_findings(session, nearby, checkins, guide, today=now.date())
    if as_json:
        print_json(render.add_json(session, findings))
        return
    today = now.date()
    done_today = {
        k: any(s.kind == k and s.day == today for s in nearby) for k in ("stretching", "rom")
    }
    term = output(plain)
    term.write(render.added_lines(term, session, findings, today, done_today=done_today))


# ---- checkin ---------------------------------------------------------------------
@app.command(
    epilog=(
        "Examples: alslog checkin --no-aching --fatigue 3 | alslog checkin --aching --where calves"
    )
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
            help="Which day: YYYY-MM-DD, today or yesterday.",
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
    """Record how you feel today: any aching after exercise, and fatigue."""
    from alslog import ask, parse, render, rules
    from alslog.models import FATIGUE_MAX, FATIGUE_MIN, CheckIn
    from alslog.store import new_id

    now = clock()
    today = now.date()
    day = parse.parse_date(on, today) if on else today
    parse.check_range("Fatigue", fatigue, FATIGUE_MIN, FATIGUE_MAX)
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    store = open_store(where)
    if aching is None and fatigue is None and note is None and where_ is None:
        if not ask.interactive(yes or as_json):
            raise typer.BadParameter(
                "Nothing to record: give --aching or --no-aching, --fatigue 0-10 or --note.",
                param_hint="options",
            )
        aching = ask.yes_no("Any muscle aching since your last exercise?", default=False)
        if aching:
            where_ = ask.ask_value("Where", lambda s: s, None)
    record = validated(
        CheckIn,
        id=new_id(),
        date=day,
        aching=aching,
        where=where_ or None,
        fatigue=fatigue,
        note=note or None,
    )
    replaced = any(c.date == day for c in store.checkins(day, day))
    store.put_checkin(record)
    sessions = store.sessions(day - timedelta(days=3), day)
    checkins = store.checkins(day - timedelta(days=3), day)
    findings = [
        f
        for f in rules.evaluate(
            sessions,
            checkins,
            guide,
            start=day - timedelta(days=3),
            end=day,
            today=today,
            first_day=store.first_day(),
        )
        if f.rule == "next-day-aching"
    ]
    if as_json:
        print_json(render.checkin_doc(record, findings))
        return
    term = output(plain)
    term.write(render.checkin_lines(term, record, findings, today, replaced=replaced))


# ---- week ------------------------------------------------------------------------
@app.command(epilog="Examples: alslog week | alslog week --end 2026-11-15 | alslog week --json")
def week(
    end: Annotated[
        str | None,
        typer.Option(
            "--end",
            metavar="DATE",
            help="Last day of the week: YYYY-MM-DD, today or yesterday (default today).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Sum up the last seven days: what was done, daily targets, warnings."""
    from alslog import parse, render, rules, summary

    now = clock()
    today = now.date()
    last = parse.parse_date(end, today, what="end date") if end else today
    start = last - timedelta(days=summary.WEEK_DAYS - 1)
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    store = open_store(where)
    margin = timedelta(days=3)
    sessions = store.sessions(start - margin, last)
    checkins = store.checkins(start - margin, last + margin)
    first_day = store.first_day()
    findings = rules.evaluate(
        sessions, checkins, guide, start=start, end=last, today=today, first_day=first_day
    )
    result = summary.summarize_week(
        [s for s in sessions if s.day >= start],
        [c for c in checkins if start <= c.date <= last],
        findings,
        end=last,
        today=today,
        first_day=first_day,
    )
    if as_json:
        print_json(render.week_json(result))
        return
    term = output(plain)
    term.write(render.week_lines(term, result))
