"""The guided, interactive flows: the questions a command asks on a terminal.

The safety questions after a session, the guided add (kind, minutes and
activity, effort), the check-in's questions and the next-day aching question
that the first interactive command of a day asks by itself. Each question is
one key where possible (see ``alslog.cli.prompts``); what the answers mean is
the application layer's (``alslog.logbook``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alslog import words
from alslog.cli.prompts import ENTER, answered, ask_text, choose, key, pick_number, say
from alslog.logbook.log import tiredness

if TYPE_CHECKING:
    from datetime import datetime

    from alslog.guidelines import Guidelines
    from alslog.logbook.log import Flags
    from alslog.models import Kind
    from alslog.store import Store


# ---- the safety questions after a session ---------------------------------------
# Symptoms offered with one key. All but "cramp" are red flags in the shipped
# guideline file ([rules.red-flag-symptom]), so picking one raises the alert;
# a plain cramp is noted.
SYMPTOM_CHOICES: tuple[str, ...] = (
    "chest pain",
    "short of breath",
    "dizzy or faint",
    "severe cramps",
    "unusually heavy sweating",
    "cola-coloured urine",
    "pain",
    "cramp",
)


class Problems:
    """The answers to the safety questions about a session.

    A plain class, not a dataclass: building a dataclass costs start-up time
    on every ``alslog add``, even in scripts that never ask.
    """

    def __init__(self) -> None:
        self.tired = False
        self.kept_going = False
        self.talk: bool | None = None  # None: not said either way (nothing is assumed)
        self.symptoms: list[str] = []

    @property
    def any(self) -> bool:
        """Whether anything but "no problems" was answered."""
        return self.tired or self.kept_going or self.talk is False or bool(self.symptoms)


def problems(question: str = "Any problems?") -> Problems:
    """The safety questions in one step: Enter = none (the common answer: one key).

    Otherwise one key per problem: t tired, k kept going after tiring (implies
    tired), n could not talk comfortably, s a symptom (then one key to pick it);
    pressing t, k or n again takes it back. Enter ends.
    """
    found = Problems()
    say(f"{question} Enter = none, Esc cancels, or press:")
    for letter, label in (
        ("t", "felt tired"),
        ("k", "kept going after feeling tired"),
        ("n", "could not talk comfortably"),
        ("s", "a symptom (pain, breathless, dizzy...)"),
    ):
        say(f"{letter}  {label}", indent="  ")
    prompt = ">"
    while True:
        pressed = key(prompt, "tkns", retry="Please press t, k, n or s, or Enter:")
        if pressed == ENTER:
            answered("done" if found.any else "none")
            return found
        if pressed == "t":
            tired, kept_going = tiredness(not found.tired, None)
            found.tired = bool(tired)
            found.kept_going = found.kept_going if kept_going is None else kept_going
            answered("felt tired" if found.tired else "not tired after all")
        elif pressed == "k":
            tired, kept_going = tiredness(found.tired or None, not found.kept_going)
            found.tired = found.tired if tired is None else tired
            found.kept_going = bool(kept_going)
            answered("kept going after feeling tired" if found.kept_going else "did not keep going")
        elif pressed == "n":
            # Not said (or "could talk") -> could not; pressed again -> could after all.
            found.talk = found.talk is False
            if found.talk is False:
                answered("could not talk comfortably")
            else:
                answered("could talk after all")
        else:
            answered("a symptom")
            symptom = pick_symptom()
            if symptom and symptom not in found.symptoms:
                found.symptoms.append(symptom)
        prompt = "> Anything else? Enter = done:"


# The guided effort question: words a person knows, each a key of the
# guideline file's [effort] table (its Borg 6-20 value). "hard" says the
# person could not talk comfortably.
EFFORT_CHOICES: tuple[tuple[str, str], ...] = (
    ("easy", "easy"),
    ("moderate: could talk", "moderate"),
    ("hard: could not talk comfortably", "hard"),
    ("very hard", "very_hard"),
)


def effort(default: str = "moderate") -> str:
    """How hard the session felt, one key; Enter takes ``default`` (a key of EFFORT_CHOICES)."""
    keys = [value for _label, value in EFFORT_CHOICES]
    return choose("How hard was it?", EFFORT_CHOICES, default=keys.index(default))


def pick_symptom() -> str | None:
    """One symptom with one key (9 = type another); Enter goes back without one."""
    say("Which symptom? Press a number or type a word (Enter = back, Esc cancels):")
    for number, label in enumerate(SYMPTOM_CHOICES, start=1):
        say(f"{number} {label}", indent="  ")
    other = len(SYMPTOM_CHOICES) + 1
    say(f"{other} something else (type it)", indent="  ")
    picked = pick_number(
        [*SYMPTOM_CHOICES, "something else"],
        retry=f"Press 1 to {other} ({other} to type another), or Esc to cancel.",
    )
    if picked is None:
        answered("back")
        return None
    if picked == other - 1:
        answered("something else")
        return ask_text("What was it?")
    label = SYMPTOM_CHOICES[picked]
    answered(label)
    return label


def symptoms_today() -> list[str]:
    """For the check-in: anything felt today, one key each (s = a symptom, Enter = none)."""
    found: list[str] = []
    prompt = "Any symptom today? Enter = none, s = a symptom:"
    while True:
        pressed = key(prompt, "s", retry="Please press s, or Enter:")
        if pressed == ENTER:
            answered("done" if found else "none")
            return found
        answered("a symptom")
        symptom = pick_symptom()
        if symptom and symptom not in found:
            found.append(symptom)
        prompt = "Another symptom? Enter = done, s = another:"


def with_problems(flags: Flags, problems: Problems) -> Flags:
    """The flags with the answers to the safety questions."""
    return flags.with_problems(
        tired=problems.tired,
        kept_going=problems.kept_going,
        talk=problems.talk,
        symptoms=problems.symptoms,
    )


# ---- the guided add ----------------------------------------------------------------
# The kinds the guided add asks the effort of (the effort rules are about these).
EFFORT_KINDS = ("aerobic", "strength")


def what(kind: str, minutes: int, activity: str | None) -> str:
    """A session in a few words: "Stretching, 15 min, yoga"."""
    from alslog.views import text as render

    text = f"{words.kind_label(kind)}, {minutes} min"
    return text + (f", {render.clean(activity)}" if activity else "")  # stored text: shown


def ask_effort(store: Store, guide: Guidelines, kind: Kind) -> tuple[int, bool | None]:
    """The effort in words, one key (Enter = as last time, or moderate): (Borg value, talk).

    "hard" means the person could not talk comfortably: talk is False then,
    None otherwise (nothing else says whether they could).
    """
    table = guide.effort
    values = {name: getattr(table, name) for _label, name in EFFORT_CHOICES}
    last = store.last_session(kind)
    default = "moderate"
    if last is not None and last.rpe is not None:
        rated = last.rpe
        default = min(values, key=lambda name: (abs(values[name] - rated), values[name]))
    chosen = effort(default)
    return values[chosen], (False if chosen == "hard" else None)


def ask_kind(store: Store) -> Kind:
    """The kind of session, one key (Enter = the kind of the last session)."""
    from alslog.cli.rate_flow import say_if_due
    from alslog.models import KINDS

    say_if_due(store)

    last = store.last_session()
    default = KINDS.index(last.kind) if last is not None else 0
    return choose(
        "What kind of session?", [(words.kind_label(k), k) for k in KINDS], default=default
    )


def ask_minutes_activity(
    store: Store, kind: Kind, activity: str | None, default_activity: str | None
) -> tuple[int, str | None]:
    """Minutes and activity: last time's for this kind on Enter (one key)."""
    from alslog import parse
    from alslog.cli.prompts import ask_value

    last = store.last_session(kind)
    if activity is None:
        activity = last.activity if last is not None else None
    if activity is None:
        activity = default_activity
    if last is None:  # the first session of this kind: type the minutes once
        minutes = None
        while minutes is None:
            minutes = ask_value("Minutes", parse.parse_minutes)
        if activity is None and kind not in ("stretching", "rom"):
            activity = ask_text("Activity, e.g. walking")
        return minutes, activity
    minutes = last.minutes
    heading = "Same as last time:"
    while True:
        say(f"{heading} {what(kind, minutes, activity)}.")
        pressed = key(
            "Enter = yes, m = other minutes, a = other activity:",
            "ma",
            retry="Please press Enter, m or a:",
        )
        if pressed == ENTER:
            answered("yes")
            return minutes, activity
        answered("other minutes" if pressed == "m" else "other activity")
        if pressed == "m":
            minutes = ask_value("Minutes", parse.parse_minutes, minutes) or minutes
        else:
            activity = ask_text("Activity") or activity
        heading = "Now:"


# ---- the check-in --------------------------------------------------------------------
def checkin_questions() -> tuple[bool, str | None, int | None, list[str]]:
    """The check-in asked: (aching, where, how bad, symptoms felt today)."""
    from alslog.cli.prompts import scale, yes_no
    from alslog.cli.rate_flow import say_if_due

    say_if_due()

    where = level = None
    aching = yes_no("Any muscle aching since your last exercise?", default=False)
    if aching:
        where = ask_text("Where?")
        level = scale("How bad, 0 (hardly) to 10 (worst)?")
    return aching, where, level, symptoms_today()


def offer_checkin(store: Store, guide: Guidelines, now: datetime, plain: bool) -> bool:
    """On the first interactive command of a day after exercise, ask about aching.

    Asked when there is no check-in for today yet and a session lies within
    the aching rule's window before today (e.g. yesterday). A "no" is recorded
    too (aching=False), so the question comes once a day. Returns whether it asked.
    """
    from datetime import timedelta

    from alslog.cli.app import output
    from alslog.cli.prompts import saved, scale, yes_no
    from alslog.logbook import checkin
    from alslog.store import new_id
    from alslog.views import text as render

    today = now.date()
    last_day = checkin.aching_question_day(store, guide, today)
    if last_day is None:
        return False
    since = (
        "yesterday's exercise"
        if last_day == today - timedelta(days=1)
        else f"your exercise on {words.day_label(last_day, today)}"
    )
    aching = yes_no(f"Any muscle aching since {since}?", default=False)
    where_ = how_bad = None
    if aching:
        where_ = ask_text("Where?")
        how_bad = scale("How bad, 0 (hardly) to 10 (worst)?")
    given = checkin.Answers(aching=aching, where=where_, level=how_bad)
    record = checkin.merged(None, today, new_id(), given)
    done = checkin.save(store, guide, record, today, replaced=False)
    saved("the check-in")  # a later cancel says so
    term = output(plain)
    term.write(render.checkin_lines(term, done.checkin, done.findings, today, replaced=False))
    term.write("")
    return True
