"""Logging and reading the log: add, again, checkin, week.

On a terminal these ask what was left out, one key per answer (see
``alslog.ask``), and the first of them each day after exercise asks the
next-day aching question by itself (``offer_checkin``). With ``--yes``,
``--json`` or without a terminal they never ask.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
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
from alslog.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from alslog import ask
    from alslog.guidelines import Guidelines
    from alslog.models import CheckIn, Finding, Kind, Session
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
    from alslog import ask, parse

    now = clock()
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)  # a bad guideline file stops us before writing
    store = open_store(where)
    may_ask = ask.interactive(yes or as_json)
    safety_given = tired or kept_going or talk is not None or bool(symptom)
    if routine is not None:
        if kind is not None or minutes is not None or activity or rpe is not None:
            raise UsageError(
                "--routine logs the sessions of the routine: give no KIND, MINUTES, "
                "--activity or --rpe with it."
            )
        parse.check_rpe(rpe)
        when = parse.parse_when(at, now) if at is not None else now
        if may_ask:
            offer_checkin(store, guide, now, plain)
        _add_routine(
            routine,
            where,
            store,
            guide,
            now,
            when,
            flags=_Flags(tired, kept_going, talk, symptom, assisted, note),
            ask_problems=may_ask and not safety_given,
            may_ask=may_ask,
            as_json=as_json,
            plain=plain,
        )
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
    parse.check_rpe(rpe)
    when = parse.parse_when(at, now) if at is not None else now

    asked = False
    if may_ask:
        asked = offer_checkin(store, guide, now, plain)
        if the_kind is None:
            the_kind = _ask_kind(store)
            asked = True
        if the_minutes is None:
            the_minutes, activity = _ask_minutes_activity(where, store, the_kind, activity)
            asked = True
    assert the_kind is not None and the_minutes is not None
    if activity is None:  # not given with -a, nor asked: the default for the kind, if set
        activity = _default_activity(where, the_kind)
    flags = _Flags(tired, kept_going, talk, symptom, assisted, note)
    if may_ask and rpe is None and the_kind in EFFORT_KINDS:
        rpe, said_talk = _ask_effort(store, guide, the_kind)
        if talk is None and said_talk is not None:
            flags = replace(flags, talk=said_talk)
        asked = True
    if may_ask and not safety_given:
        flags = flags.with_problems(ask.problems())
        asked = True
    session = _new_session(the_kind, the_minutes, activity, rpe, when, flags)
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
    from alslog import ask, parse
    from alslog.views import text as render

    now = clock()
    when = parse.parse_when(at, now) if at is not None else now
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    store = open_store(where)
    may_ask = ask.interactive(yes or as_json)
    last = last_logged(store)
    if last is None:
        raise NotFoundError("Nothing to repeat yet: log a session first with 'alslog add'.")
    flags = _Flags(assisted=last.assisted)
    if may_ask:
        offer_checkin(store, guide, now, plain)
        ask.say(f"Again: {_what(render, last.kind, last.minutes, last.activity)}.")
        flags = flags.with_problems(ask.problems())
    activity = last.activity if last.activity is not None else _default_activity(where, last.kind)
    session = _new_session(last.kind, last.minutes, activity, None, when, flags)
    _log_and_show(store, guide, [session], now, as_json=as_json, plain=plain, gap=may_ask,
                  may_ask=may_ask)  # fmt: skip


def last_logged(store: Store) -> Session | None:
    """The session logged last: the newest add the undo history holds.

    The undo history knows when each session was stored, so a session logged
    now for yesterday still counts as the last one logged; beyond its reach
    (an empty or moved-away undo log) the latest session by its time is used.
    """
    logged = store.logged_sessions(limit=1)
    return logged[0][1] if logged else store.last_session()


# ---- the parts of add and again --------------------------------------------------
# The kinds the guided add asks the effort of (the effort rules are about these).
EFFORT_KINDS = ("aerobic", "strength")


def _ask_effort(store: Store, guide: Guidelines, kind: Kind) -> tuple[int, bool | None]:
    """The effort in words, one key (Enter = as last time, or moderate): (Borg value, talk).

    "hard" means the person could not talk comfortably: talk is False then,
    None otherwise (nothing else says whether they could).
    """
    from alslog import ask

    table = guide.effort
    values = {name: getattr(table, name) for _label, name in ask.EFFORT_CHOICES}
    last = store.last_session(kind)
    default = "moderate"
    if last is not None and last.rpe is not None:
        rated = last.rpe
        default = min(values, key=lambda name: (abs(values[name] - rated), values[name]))
    chosen = ask.effort(default)
    return values[chosen], (False if chosen == "hard" else None)


@dataclass(frozen=True)
class _Flags:
    """What is said about how a session went (from options or from the questions)."""

    tired: bool = False
    kept_going: bool = False
    talk: bool | None = None
    symptoms: list[str] | None = None
    assisted: bool = False
    note: str | None = None

    def with_problems(self, problems: ask.Problems) -> _Flags:
        """These flags with the answers to the safety questions (talk: only if said there)."""
        return replace(
            self,
            tired=problems.tired,
            kept_going=problems.kept_going,
            talk=problems.talk if problems.talk is not None else self.talk,
            symptoms=list(problems.symptoms),
        )

    def calm(self) -> _Flags:
        """Only what belongs to every session (assisted), and no problems."""
        return _Flags(assisted=self.assisted)


def _what(render: Any, kind: str, minutes: int, activity: str | None) -> str:
    text = f"{render.kind_label(kind)}, {minutes} min"
    return text + (f", {render.clean(activity)}" if activity else "")  # stored text: shown


def _ask_kind(store: Store) -> Kind:
    from alslog import ask
    from alslog.models import KINDS
    from alslog.views import text as render

    last = store.last_session()
    default = KINDS.index(last.kind) if last is not None else 0
    return ask.choose(
        "What kind of session?", [(render.kind_label(k), k) for k in KINDS], default=default
    )


def _ask_minutes_activity(
    where: Paths, store: Store, kind: Kind, activity: str | None
) -> tuple[int, str | None]:
    """Minutes and activity: last time's for this kind on Enter (one key)."""
    from alslog import ask, parse
    from alslog.views import text as render

    last = store.last_session(kind)
    if activity is None:
        activity = last.activity if last is not None else None
    if activity is None:
        activity = _default_activity(where, kind)
    if last is None:  # the first session of this kind: type the minutes once
        minutes = None
        while minutes is None:
            minutes = ask.ask_value("Minutes", parse.parse_minutes)
        if activity is None and kind not in ("stretching", "rom"):
            activity = ask.ask_text("Activity, e.g. walking")
        return minutes, activity
    minutes = last.minutes
    heading = "Same as last time:"
    while True:
        ask.say(f"{heading} {_what(render, kind, minutes, activity)}.")
        pressed = ask.key(
            "Enter = yes, m = other minutes, a = other activity:",
            "ma",
            retry="Please press Enter, m or a:",
        )
        if pressed == ask.ENTER:
            ask.answered("yes")
            return minutes, activity
        ask.answered("other minutes" if pressed == "m" else "other activity")
        if pressed == "m":
            minutes = ask.ask_value("Minutes", parse.parse_minutes, minutes) or minutes
        else:
            activity = ask.ask_text("Activity") or activity
        heading = "Now:"


def _default_activity(where: Paths, kind: Kind) -> str | None:
    """The activity set for the kind (``config set activity.KIND``), if any."""
    if not where.config_file.exists():  # no settings: skip loading them
        return None
    from alslog import config as config_module

    return config_module.load(where).default_activity(kind)


def _new_session(
    kind: Kind,
    minutes: int,
    activity: str | None,
    rpe: int | None,
    when: datetime,
    flags: _Flags,
) -> Session:
    from alslog.models import Session
    from alslog.store import new_id

    session: Session = validated(
        Session,
        id=new_id(),
        kind=kind,
        activity=activity or None,
        minutes=minutes,
        rpe=rpe,
        at=when,
        tired=flags.tired or flags.kept_going,
        kept_going=flags.kept_going,
        talk=flags.talk,
        assisted=flags.assisted,
        symptoms=tuple(s.strip() for s in (flags.symptoms or []) if s.strip()),
        note=flags.note or None,
    )
    return session


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
    from alslog import ask, safety
    from alslog.views import documents
    from alslog.views import text as render

    today = now.date()
    twice = _logged_twice(store, sessions, now, routine=routine is not None)
    if twice is not None and may_ask:
        if gap:
            ask.say("")
        again = "it" if routine is None else "the routine"
        if not ask.yes_no(f"You logged {twice[0]} {twice[1]}. Save {again} again?"):
            output(plain).write("Not saved: nothing was added, the earlier one is kept.")
            return
        gap = True
    earlier = safety.on_day(store, guide, today, today).alerts
    store.add_sessions(sessions)
    findings = safety.about_sessions(store, guide, sessions, today)
    note = None
    if twice is not None and not may_ask:
        note = f"Note: {twice[0]} was logged {twice[1]}; saved again."
    if as_json:
        if note is not None:  # stdout holds the JSON document only
            print(note, file=sys.stderr)
        if routine is not None:
            print_json(documents.routine_json(routine, sessions, findings, earlier))
        else:
            print_json(documents.add_json(sessions[0], findings, earlier))
        return
    logged_today = store.sessions(today, today)
    done_today = {k: any(s.kind == k for s in logged_today) for k in guide.daily_kinds}
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
            done_today=done_today,
            daily_kinds=guide.daily_kinds,
            stop_words=guide.stop_words,
            earlier_alerts=earlier,
        )
    )


# The same session logged again within this time is taken for a slip (asked, or noted).
TWICE_WITHIN = timedelta(minutes=10)


def _logged_twice(
    store: Store, sessions: list[Session], now: datetime, *, routine: bool
) -> tuple[str, str] | None:
    """(what, how long ago) when one of these sessions was logged a few minutes ago.

    The same session: kind, minutes and activity (ignoring case and spaces),
    logged within ``TWICE_WITHIN``, the undo history saying when it was stored.
    """
    from alslog.views import text as render

    def same(session: Session) -> tuple[str, int, str]:
        return session.kind, session.minutes, " ".join((session.activity or "").lower().split())

    recent = store.logged_sessions(now - TWICE_WITHIN)
    for new in sessions:
        for stored, old in recent:
            if same(new) != same(old):
                continue
            minutes = max(0, int((now - stored).total_seconds() // 60))
            ago = (
                "less than a minute ago"
                if minutes == 0
                else f"{render.plural(minutes, 'minute')} ago"
            )
            what = "the same session"
            if routine:
                what += f" ({_what(render, new.kind, new.minutes, new.activity)})"
            return what, ago
    return None


def _add_routine(
    name: str,
    where: Paths,
    store: Store,
    guide: Guidelines,
    now: datetime,
    end: datetime,
    *,
    flags: _Flags,
    ask_problems: bool,
    may_ask: bool,
    as_json: bool,
    plain: bool,
) -> None:
    """Log each session of a routine; problems go on the part they happened in."""
    from alslog import ask
    from alslog import config as config_module
    from alslog.views import text as render

    settings = config_module.load(where)
    items = settings.routine(name)
    # A session's time is when it ended (as when logging right after it): the last part
    # ends at `end`, and each earlier part ends when the next one began.
    starts: list[datetime] = []
    at = end
    for item in reversed(items):
        starts.append(at)
        at -= timedelta(minutes=item.minutes)
    starts.reverse()
    parts = [
        (item.kind, item.minutes, item.activity or settings.default_activity(item.kind), when)
        for item, when in zip(items, starts, strict=True)
    ]
    where_problems = len(parts) - 1  # flags given as options: the last part
    if ask_problems:
        listed = "; ".join(_what(render, k, m, a) for k, m, a, _ in parts)
        ask.say(f"Routine {name}: {listed}.")
        problems = ask.problems("Any problems during it?")
        flags = flags.with_problems(problems)
        if problems.any and len(parts) > 1:
            where_problems = ask.choose(
                "In which part?",
                [(render.kind_label(k), i) for i, (k, _m, _a, _w) in enumerate(parts)],
                default=len(parts) - 1,
            )
    sessions = [
        _new_session(
            kind,
            minutes,
            activity,
            None,
            when,
            # The problems belong to one part; the others get none (and no talk
            # answer: nobody said whether they could talk).
            flags if index == where_problems else flags.calm(),
        )
        for index, (kind, minutes, activity, when) in enumerate(parts)
    ]
    _log_and_show(
        store, guide, sessions, now, as_json=as_json, plain=plain, gap=ask_problems,
        routine=name, may_ask=may_ask,
    )  # fmt: skip


# ---- the next-day check-in, asked by itself ---------------------------------------
def offer_checkin(store: Store, guide: Guidelines, now: datetime, plain: bool) -> bool:
    """On the first interactive command of a day after exercise, ask about aching.

    Asked when there is no check-in for today yet and a session lies within
    the aching rule's window before today (e.g. yesterday). A "no" is recorded
    too (aching=False), so the question comes once a day. Returns whether it asked.
    """
    from alslog import ask
    from alslog.models import CheckIn
    from alslog.store import new_id
    from alslog.views import text as render

    today = now.date()
    window = max(
        (
            getattr(rule, "days_before", 0)
            for rule in guide.rules.values()
            if rule.check == "aching-after" and rule.enabled
        ),
        default=0,
    )
    if not window or store.checkins(today, today):
        return False
    recent = store.sessions(today - timedelta(days=window), today - timedelta(days=1))
    if not recent:
        return False
    last_day = recent[-1].day
    since = (
        "yesterday's exercise"
        if last_day == today - timedelta(days=1)
        else f"your exercise on {render.day_label(last_day, today)}"
    )
    aching = ask.yes_no(f"Any muscle aching since {since}?", default=False)
    where_ = how_bad = None
    if aching:
        where_ = ask.ask_text("Where?")
        how_bad = ask.scale("How bad, 0 (hardly) to 10 (worst)?")
    record = validated(
        CheckIn,
        id=new_id(),
        date=today,
        aching=aching,
        where=where_,
        aching_level=how_bad,
    )
    replaced, findings = _save_checkin(store, guide, record, today)
    ask.saved("the check-in")  # a later cancel says so
    term = output(plain)
    term.write(render.checkin_lines(term, record, findings, today, replaced=replaced))
    term.write("")
    return True


def _save_checkin(
    store: Store, guide: Guidelines, record: CheckIn, today: date
) -> tuple[bool, list[Finding]]:
    """Store the day's check-in; the aching findings it leads to (the cut-back advice)."""
    from alslog import safety

    day = record.date
    replaced = any(c.date == day for c in store.checkins(day, day))
    store.put_checkin(record)
    findings = safety.about_checkin(store, guide, record, today)
    return replaced, findings


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
    from alslog import ask, parse
    from alslog.models import FATIGUE_MAX, FATIGUE_MIN, CheckIn
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
        if not ask.interactive(yes or as_json):
            raise UsageError(
                "Nothing to record: give --aching or --no-aching, --level 0-10, "
                "--fatigue 0-10, --symptom TEXT or --note."
            )
        aching = ask.yes_no("Any muscle aching since your last exercise?", default=False)
        if aching:
            where_ = ask.ask_text("Where?")
            level = ask.scale("How bad, 0 (hardly) to 10 (worst)?")
        felt = ask.symptoms_today()
    # A second check-in on the same day adds to the first: what is not given again is kept.
    earlier = store.checkins(day, day)
    fields = earlier[0].model_dump() if earlier else {"id": new_id(), "date": day}
    if aching is False:
        fields.update(where=None, aching_level=None)
    given = {"aching": aching, "where": where_, "aching_level": level, "fatigue": fatigue,
             "note": note}  # fmt: skip
    fields.update({key: value or None if isinstance(value, str) else value
                   for key, value in given.items() if value is not None})  # fmt: skip
    if felt:  # added to the symptoms noted earlier that day
        known = earlier[0].symptoms if earlier else ()
        fields["symptoms"] = known + tuple(dict.fromkeys(x for x in felt if x not in known))
    record = validated(CheckIn, **fields)
    replaced, findings = _save_checkin(store, guide, record, today)
    if as_json:
        print_json(documents.checkin_doc(record, findings))
        return
    term = output(plain)
    term.write(render.checkin_lines(term, record, findings, today, replaced=replaced))


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
    from alslog import ask, parse, safety, summary
    from alslog.views import documents
    from alslog.views.week import week_lines

    now = clock()
    today = now.date()
    last = parse.parse_date(end, today) if end is not None else today
    start = last - timedelta(days=summary.WEEK_DAYS - 1)
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    store = open_store(where)
    # Today's question only when the week is this one: a look at the past asks nothing.
    if last == today and ask.interactive(yes or as_json):
        offer_checkin(store, guide, now, plain)
    period = safety.over_period(store, guide, start, last, today)
    result = summary.summarize_week(
        period.sessions,
        period.checkins,
        period.findings,
        end=last,
        today=today,
        first_day=period.first_day,
    )
    if as_json:
        print_json(documents.week_json(result))
        return
    term = output(plain)
    term.write(week_lines(term, result, daily_kinds=guide.daily_kinds))
