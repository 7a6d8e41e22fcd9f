"""The questions, driven through the real program in a real terminal (pexpect).

Keys go in, the screen comes out: the guided ``add``, ``again``, a routine,
the next-day check-in that asks itself, and ``ready``. Every key sent is
counted, so the cost of the common path is a tested number. The second half
shows that nothing is ever asked with ``--yes`` or without a terminal.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pexpect
import pytest

from alslog.cli import flows, prompts
from alslog.models import CheckIn, Session
from alslog.paths import resolve
from alslog.store import Store, new_id
from conftest import alslog_command
from history import logged_ago

TIMEOUT = 8  # seconds for one screen to appear; the program answers in well under one
ANSI = re.compile(r"\x1b\[[0-9;]*m")
ESC = "\x1b"
MORNING = (
    "[routines]\n"
    'morning = [{{kind = "stretching", minutes = 10}}, {{kind = "rom", minutes = {rom}}}]\n'
)
ROUTINE_KEYS_MAX = 4  # the issue: a routine session in at most 4 keystrokes


class Screen:
    """One run of ``alslog`` in a pseudo-terminal; counts the keys sent."""

    def __init__(
        self, home: Path, *args: str, columns: int = 80, env: dict[str, str] | None = None
    ):
        full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "ALSLOG_PLAIN")}
        full_env.update({"ALSLOG_HOME": str(home), "TERM": "xterm-256color"})
        full_env.pop("COLUMNS", None)  # the terminal's own size, as for a person
        full_env.update(env or {})
        command = alslog_command()
        self.child = pexpect.spawn(
            command[0],
            [*command[1:], *args],
            env=full_env,
            dimensions=(24, columns),
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        self.keys = 0
        self.raw = ""  # the end of the screen, colour codes and all

    def wait(self, pattern: str) -> str:
        """Wait for text on the screen (a regular expression); what came before it."""
        self.child.expect(pattern)
        return str(self.child.before) + str(self.child.after)

    def press(self, keys: str) -> None:
        """Send keys; each character is one keystroke (Enter is '\\r')."""
        self.keys += len(keys)
        self.child.send(keys)

    def finish(self) -> tuple[int, str]:
        """Wait for the program to end: its exit status and the rest of the screen."""
        self.child.expect(pexpect.EOF)
        self.raw = str(self.child.before)
        self.child.close()
        status = self.child.exitstatus
        return (status if status is not None else -1), ANSI.sub("", self.raw)


@pytest.fixture
def screen(alslog_home: Path) -> Iterator[type[Screen]]:
    opened: list[Screen] = []

    class _Screen(Screen):
        def __init__(self, *args: str, **kw: object) -> None:
            super().__init__(alslog_home, *args, **kw)  # type: ignore[arg-type]
            opened.append(self)

    yield _Screen
    for s in opened:
        if s.child.isalive():
            s.child.terminate(force=True)


def store(home: Path) -> Store:
    where = resolve({"ALSLOG_HOME": str(home)})
    return Store(where.store_dir, where.backup_dir, clock=lambda: datetime.now(UTC))


def now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def seed(home: Path, *, days_ago: int, kind: str = "stretching", minutes: int = 10,
         activity: str | None = None) -> Session:  # fmt: skip
    """A session in the logbook, days_ago days back (0 = a minute ago), logged an hour ago
    at the latest (so logging it again asks nothing: see the tests of logging twice)."""
    start_of_today = now().replace(hour=0, minute=0, second=0)
    at = now() - timedelta(days=days_ago) if days_ago else max(start_of_today, now())
    session = Session(id=new_id(), kind=kind, minutes=minutes, activity=activity, at=at)  # type: ignore[arg-type]
    store(home).add_session(session)
    logged_ago(home, max(now() - at, timedelta(hours=1)))
    return session


def checked_in_today(home: Path) -> None:
    store(home).put_checkin(CheckIn(id=new_id(), date=now().date(), aching=False))


def config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


def plain_lines(text: str) -> list[str]:
    return [ANSI.sub("", line) for line in text.replace("\r", "").split("\n")]


# ---- the guided add ------------------------------------------------------------------
def test_routine_session_takes_three_keys(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    """The everyday path: kind (1 key), same as last time (Enter), no problems (Enter)."""
    seed(alslog_home, days_ago=1, minutes=12, activity="gentle")
    checked_in_today(alslog_home)  # so the next-day question is not part of this count
    s = screen("add")
    s.wait(r"What kind of session\?.*\n.*1 stretching")
    s.press("1")  # one key, no Enter
    s.wait(r"Same as last time: stretching, 12 min, gentle\.")
    s.press("\r")
    s.wait(r"Any problems\? Enter = none")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0, rest
    assert "Logged: stretching, 12 min (gentle); today" in rest  # nobody said "could talk"
    assert "How hard" not in rest  # stretching: no effort question
    assert "Nothing to flag" in rest
    assert s.keys == 3 <= ROUTINE_KEYS_MAX
    latest = store(alslog_home).last_session()
    assert latest is not None and (latest.minutes, latest.activity, latest.talk) == (
        12,
        "gentle",
        None,
    )


def test_aerobic_session_asks_effort_in_words_and_takes_four_keys(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    """Kind, same as last time, Enter for the effort of last time, no problems."""
    seed(alslog_home, days_ago=1, kind="aerobic", minutes=20, activity="walking")
    checked_in_today(alslog_home)
    s = screen("add")
    s.wait(r"What kind")
    s.press("3")
    s.wait(r"Same as last time: aerobic, 20 min, walking\.")
    s.press("\r")
    s.wait(r"How hard was it\? Press a number \(Enter = 2, Esc cancels\):")
    s.wait(r"3 hard: could not talk comfortably")
    s.press("\r")  # moderate: no effort logged last time
    s.wait(r"2 moderate: could talk")
    s.wait("Any problems")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0, rest
    assert s.keys == ROUTINE_KEYS_MAX
    assert "Logged: aerobic, 20 min (walking), effort 12; today" in rest
    latest = store(alslog_home).last_session()
    assert latest is not None and (latest.rpe, latest.talk) == (12, None)


def test_effort_default_is_last_times_answer_and_hard_means_could_not_talk(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    seed(alslog_home, days_ago=1, kind="strength", minutes=10)
    store(alslog_home).add_session(
        Session(id=new_id(), kind="strength", minutes=10, rpe=15, at=now() - timedelta(hours=1))
    )
    logged_ago(alslog_home, timedelta(hours=1))
    checked_in_today(alslog_home)
    s = screen("add", "strength", "10", "--plain")
    s.wait(r"How hard was it\? Press a number \(Enter = 3, Esc cancels\):")  # as last time: hard
    s.press("3")
    s.wait("Any problems")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0, rest
    latest = store(alslog_home).last_session()
    assert latest is not None and (latest.rpe, latest.talk) == (15, False)
    text = " ".join(" ".join(plain_lines(rest)).split())
    assert "could not talk comfortably" in text
    assert "If ALS has affected your speech, go by the effort scale" in text
    assert "Caution: You rated the effort 15" in text


def test_talk_is_stored_as_said_by_the_flag(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    for flag, said, minutes in (("--talk", True, "10"), ("--no-talk", False, "11")):
        # The flag answers the safety step and --rpe the effort: nothing is asked
        # (other minutes: the same session twice in a minute would be asked about).
        s = screen("add", "aerobic", minutes, flag, "--rpe", "12")
        code, rest = s.finish()
        assert s.keys == 0
        assert code == 0, rest
        latest = store(alslog_home).last_session()
        assert latest is not None and latest.talk is said


def test_first_command_of_the_day_asks_aching_and_still_takes_four_keys(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    """With the next-day question in front, the routine session costs 4 keys."""
    seed(alslog_home, days_ago=1, minutes=10)
    s = screen("add")
    s.wait(r"Any muscle aching since yesterday's exercise\? \[y/N\]")
    s.press("\r")
    s.wait("Checked in for today: no aching")
    s.wait(r"What kind")
    s.press("1")
    s.wait("Same as last time")
    s.press("\r")
    s.wait("Any problems")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0, rest
    assert s.keys == ROUTINE_KEYS_MAX
    checkins = store(alslog_home).checkins()
    assert [(c.aching, c.date) for c in checkins] == [(False, now().date())]


def test_guided_add_first_time_types_minutes_and_kind_default_is_enter(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    config(alslog_home, '[activity]\naerobic = "walking"\n')
    s = screen("add")
    s.wait(r"What kind.*Enter = 1")
    s.press("3")
    s.wait(r"3 aerobic")
    s.wait("Minutes:")
    s.press("25\r")
    s.wait("How hard")  # the config's activity for aerobic: not asked
    s.press("1")
    s.wait("Any problems")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0, rest
    assert "Logged: aerobic, 25 min (walking), effort 10; today" in rest


def test_guided_add_change_minutes_then_accept(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    seed(alslog_home, days_ago=0, kind="rom", minutes=10)
    s = screen("add")
    s.wait("What kind")
    s.press("\r")  # Enter: the kind of the last session (range of motion)
    s.wait(r"2 range of motion")
    s.wait("Enter = yes, m = other minutes")
    s.press("m")
    s.wait(r"Minutes \[10\]:")
    s.press("15\r")
    s.wait(r"Now: range of motion, 15 min\.")
    s.press("\r")
    s.wait("Any problems")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0
    assert "Logged: range of motion, 15 min" in rest


def test_safety_keys_tired_kept_going_symptom_show_the_alert(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    s = screen("add", "aerobic", "20")
    s.wait("How hard")
    s.press("\r")
    s.wait(r"Any problems\?")
    s.press("k")  # kept going after tiring: tired too
    s.wait("kept going after feeling tired")
    s.wait("Anything else")
    s.press("s")
    s.wait(r"Which symptom\?")
    s.press("1")
    s.wait("chest pain")
    s.wait("Anything else")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0
    lines = plain_lines(rest)
    assert "STOP NOW and contact your care team." in [line.strip() for line in lines]
    assert any(line.startswith("ALERT: You noted chest pain") for line in lines)
    assert any(line.startswith("Warning: You kept going") for line in lines)
    assert "Stop here for today: rest, and contact your care team." in lines[-2:]
    assert not any("Still to do" in line or "Well done" in line for line in lines)
    assert "\x1b[" in s.raw  # colour on a terminal, as well as the words
    session = store(alslog_home).last_session()
    assert session is not None
    assert (session.tired, session.kept_going, session.symptoms) == (True, True, ("chest pain",))


def test_could_not_talk_and_typed_symptom(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    s = screen("add", "aerobic", "20", "--plain")
    s.wait("How hard")
    s.press("2")
    s.wait("Any problems")
    s.press("n")
    s.wait("could not talk comfortably")
    s.press("s")
    s.wait("Which symptom")
    s.press("9")
    s.wait(r"What was it\?")
    s.press("sore knee\r")
    s.wait("Anything else")
    s.press("\r")
    code, _rest = s.finish()
    assert code == 0
    assert "\x1b[" not in s.raw  # --plain: no colour codes at all
    session = store(alslog_home).last_session()
    assert session is not None and session.talk is False and session.symptoms == ("sore knee",)


def test_escape_cancels_and_stores_nothing(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    s = screen("add")
    s.wait(r"What kind of session\? Press a number \(Enter = 1, Esc cancels\):")
    s.press(ESC)
    code, rest = s.finish()
    assert code == 130
    assert "Cancelled; nothing was saved." in own_lines(rest)
    assert "Interrupted" not in rest
    assert store(alslog_home).sessions() == []


def own_lines(text: str) -> list[str]:
    """The lines of the screen, without colour and the 'alslog: ' of a message."""
    return [line.removeprefix("alslog: ").strip() for line in plain_lines(text)]


@pytest.mark.parametrize("where", ["kind", "problems", "minutes"])
def test_ctrl_c_at_a_question_cancels_on_a_line_of_its_own(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path, where: str
) -> None:
    """Ctrl-C with the cursor after a prompt: the message starts a new line; exit 130."""
    checked_in_today(alslog_home)
    args = {"kind": ("add",), "problems": ("add", "rom", "10"), "minutes": ("add", "aerobic")}
    s = screen(*args[where])
    s.wait({"kind": r"5 other", "problems": r"a symptom \(pain", "minutes": r"Minutes:"}[where])
    time.sleep(0.2)  # the prompt is up and reading
    s.child.sendintr()
    code, rest = s.finish()
    assert code == 130, rest
    assert "Cancelled; nothing was saved." in own_lines(rest)
    assert not any(line.startswith((">", "Minutes")) and "Cancelled" in line
                   for line in plain_lines(rest))  # fmt: skip
    assert store(alslog_home).sessions() == []


def test_cancel_after_the_check_in_says_what_was_saved(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    seed(alslog_home, days_ago=1)
    s = screen("add")
    s.wait(r"aching since yesterday's exercise\? \[y/N\]")
    s.press("\r")
    s.wait("What kind")
    s.press(ESC)
    code, rest = s.finish()
    assert code == 130
    assert "Cancelled; only the check-in was saved." in own_lines(rest)
    assert len(store(alslog_home).sessions()) == 1  # only the seeded one


@pytest.mark.parametrize("line_mode", [False, True])
def test_a_typed_word_picks_the_option_it_names(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path, line_mode: bool
) -> None:
    """'stretch' at the kind menu, 'dizzy' at the symptom menu: letters, then Enter."""
    seeded = seed(alslog_home, days_ago=0, minutes=10)
    s = screen("add", env={"ALSLOG_LINE_INPUT": "1"} if line_mode else None)
    s.wait(r"5 other")
    s.press("stretch\r")
    s.wait(r"Same as last time: stretching, 10 min\.")
    s.press("\r")
    s.wait("Any problems")
    s.press("s\r" if line_mode else "s")
    s.wait(r"9 something else")
    s.press("dizzy\r")
    s.wait(r"dizzy or faint")
    s.wait("Anything else")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0, rest
    # The new session, whatever its time beside the seeded one (logged to the minute).
    (latest,) = [x for x in store(alslog_home).sessions() if x.id != seeded.id]
    assert latest.kind == "stretching"
    assert latest.symptoms == ("dizzy or faint",)
    assert "STOP NOW and contact your care team." in rest  # dizziness is a red flag


@pytest.mark.parametrize("line_mode", [False, True])
def test_a_word_that_names_no_option_is_answered_with_the_keys(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path, line_mode: bool
) -> None:
    checked_in_today(alslog_home)
    s = screen("add", env={"ALSLOG_LINE_INPUT": "1"} if line_mode else None)
    s.wait(r"5 other")
    s.press("yoga\r")
    s.wait(r"Press 1 to 5, or Esc to cancel\.")
    s.press("2\r" if line_mode else "2")
    s.wait(r"2 range of motion")
    s.wait("Minutes")
    s.press(ESC + "\r")  # a typed answer: Escape, then Enter
    code, rest = s.finish()
    assert code == 130
    assert "Cancelled; nothing was saved." in own_lines(rest)
    assert store(alslog_home).sessions() == []


def test_backspace_corrects_a_typed_word(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    checked_in_today(alslog_home)
    seed(alslog_home, days_ago=1, kind="aerobic", minutes=20, activity="walking")
    s = screen("add")
    s.wait(r"5 other")
    s.press("aer\x7f\x7f\x7fstrength\r")
    s.wait(r"strength, 4 strengthening")  # the word as typed, then the answer
    s.wait("Minutes")
    s.press(ESC + "\r")
    code, _rest = s.finish()
    assert code == 130


def test_a_wrong_key_asks_again_in_words(screen) -> None:  # type: ignore[no-untyped-def]
    s = screen("add", "rom", "10")
    s.wait("Any problems")
    s.press("x")
    s.wait(r"Please press t, k, n or s, or Enter:")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0 and "Logged: range of motion" in rest


def test_line_input_mode_for_on_screen_keyboards(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    seed(alslog_home, days_ago=0, minutes=10)
    s = screen("add", env={"ALSLOG_LINE_INPUT": "1"})
    s.wait("What kind")
    s.press("1\r")
    s.wait("Same as last time")
    s.press("\r")
    s.wait("Any problems")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0 and "Logged: stretching, 10 min" in rest


# ---- again and routines ------------------------------------------------------------------
def test_again_asks_one_key_and_repeats_the_last_session(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    seed(alslog_home, days_ago=0, kind="aerobic", minutes=20, activity="walking")
    s = screen("again")
    s.wait(r"Again: aerobic, 20 min, walking\.")
    s.wait("Any problems")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0
    assert s.keys == 1
    assert "Logged: aerobic, 20 min (walking); today" in rest
    assert len(store(alslog_home).sessions()) == 2


# ---- the same session twice within ten minutes --------------------------------------
def words(pattern: str) -> str:
    """A pattern whose spaces also match where the question wraps to the next line."""
    return pattern.replace(" ", r"\s+")


TWICE = words(r"You logged the same session 2 minutes ago\. Save it again\? \[y/N\]")


def test_the_same_session_again_within_minutes_asks_and_enter_saves_nothing(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    seed(alslog_home, days_ago=0, minutes=10)
    logged_ago(alslog_home, timedelta(minutes=2, seconds=10))
    s = screen("add", "stretching", "10", "--no-talk")
    s.wait(TWICE)
    s.press("\r")
    code, rest = s.finish()
    assert code == 0
    assert s.keys == 1
    assert "Not saved: nothing was added, the earlier one is kept." in rest
    assert "Logged:" not in rest
    assert len(store(alslog_home).sessions()) == 1


def test_the_same_session_again_saved_with_y(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    seed(alslog_home, days_ago=0, kind="aerobic", minutes=20, activity="walking")
    logged_ago(alslog_home, timedelta(minutes=2, seconds=10))
    s = screen("add", "aerobic", "20", "-a", "Walking", "--rpe", "12", "--talk")
    s.wait(TWICE)
    s.press("y")
    code, rest = s.finish()
    assert code == 0
    assert "Logged: aerobic, 20 min (Walking), effort 12" in rest
    assert "Note:" not in rest  # asked, so not told again
    assert len(store(alslog_home).sessions()) == 2


def test_guided_add_and_again_ask_after_the_other_questions(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    seed(alslog_home, days_ago=0, minutes=12, activity="gentle")
    logged_ago(alslog_home, timedelta(minutes=2, seconds=10))
    checked_in_today(alslog_home)
    s = screen("add")
    s.wait("What kind of session")
    s.press("\r")
    s.wait("Same as last time: stretching, 12 min, gentle")
    s.press("\r")
    s.wait("Any problems")
    s.press("\r")
    s.wait(TWICE)
    s.press("n")
    code, rest = s.finish()
    assert (code, s.keys) == (0, 4)
    assert "Not saved" in rest
    s = screen("again")
    s.wait("Any problems")
    s.press("\r")
    s.wait(TWICE)
    s.press("y")
    code, rest = s.finish()
    assert code == 0
    assert "Logged: stretching, 12 min (gentle)" in rest
    assert len(store(alslog_home).sessions()) == 2


def test_a_routine_logged_twice_asks_naming_the_session(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    config(alslog_home, MORNING.format(rom=10))
    checked_in_today(alslog_home)
    first = screen("add", "--routine", "morning", "--yes")
    assert first.finish()[0] == 0
    s = screen("add", "--routine", "morning", "--no-talk")
    s.wait(
        words(
            r"You logged the same session \(stretching, 10 min\) less than a minute ago\. "
            r"Save the routine again\? \[y/N\]"
        )
    )
    s.press("\r")
    code, rest = s.finish()
    assert code == 0 and "Not saved" in rest
    assert len(store(alslog_home).sessions()) == 2


def test_yes_on_a_terminal_saves_the_same_session_and_says_so(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    seed(alslog_home, days_ago=0, minutes=10)
    logged_ago(alslog_home, timedelta(minutes=2, seconds=10))
    code, rest = screen("add", "stretching", "10", "--yes").finish()
    assert code == 0
    lines = [line for line in plain_lines(rest) if line]
    assert lines[0] == "Note: the same session was logged 2 minutes ago; saved again."
    assert lines[1].startswith("Logged: stretching, 10 min; today")
    assert len(store(alslog_home).sessions()) == 2


def test_routine_logs_each_part_and_puts_problems_where_they_happened(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    config(
        alslog_home,
        MORNING.format(rom=10),
    )
    s = screen("add", "--routine", "morning")
    s.wait(r"Routine morning: stretching, 10 min; range of motion, 10 min\.")
    s.press("t")
    s.wait("Anything else")
    s.press("\r")
    s.wait(r"In which part\?.*Enter = 2")
    s.press("1")
    code, rest = s.finish()
    assert code == 0
    assert "Logged: stretching, 10 min, felt tired" in rest
    assert "Logged: range of motion, 10 min; today" in rest
    stretching, rom = store(alslog_home).sessions()
    assert (stretching.kind, stretching.tired, rom.kind, rom.tired, rom.talk) == (
        "stretching",
        True,
        "rom",
        False,
        None,
    )
    assert stretching.at + timedelta(minutes=10) == rom.at  # one after the other, ending now


# ---- the next-day check-in ---------------------------------------------------------------
def test_aching_next_day_is_asked_once_and_shows_the_cut_back(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    seed(alslog_home, days_ago=1, kind="aerobic", minutes=20)
    s = screen("week")
    s.wait(r"Any muscle aching since yesterday's exercise\? \[y/N\]")
    s.press("y")
    s.wait(r"Where\? \(type it, or Enter to skip\):")
    s.press("calves\r")
    s.wait(r"How bad")
    s.press("1")
    s.press("0")  # 1 then 0: ten
    s.wait("Checked in for today: aching \\(calves, 10/10\\)")
    code, rest = s.finish()
    assert code == 0
    text = " ".join(" ".join(plain_lines(rest)).split())
    assert "aerobic 20 min on" in text and "(try 15 min)" in text  # the aching rule's cut
    assert "Week" in text
    (record,) = store(alslog_home).checkins()
    assert (record.aching, record.where, record.aching_level) == (True, "calves", 10)

    again = screen("week")  # answered today: not asked again
    code, rest = again.finish()
    assert code == 0 and "aching since" not in rest and again.keys == 0


def test_no_question_without_exercise_before_today(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    seed(alslog_home, days_ago=5)  # outside the aching window
    s = screen("week")
    code, rest = s.finish()
    assert code == 0 and "aching" not in rest.split("Week")[0]


# ---- ready -------------------------------------------------------------------------------
def test_ready_one_key_per_question_all_no_is_fine(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    s = screen("ready")
    for _ in range(6):
        s.wait(r"\[y/N\]")
        s.press("\r")
    code, rest = s.finish()
    assert code == 0
    assert s.keys == 6
    assert "Fine for your usual session. Keep it moderate" in " ".join(plain_lines(rest))


def test_ready_red_flag_stops_at_once(screen) -> None:  # type: ignore[no-untyped-def]
    s = screen("ready", "--plain")
    s.wait(r"chest pain, shortness of breath or dizziness right now\? \[y/N\]")
    s.press("y")
    code, rest = s.finish()
    assert code == 0
    assert s.keys == 1
    lines = [line.strip() for line in plain_lines(rest)]
    assert "STOP NOW and contact your care team." in lines
    assert "Better to rest today." in lines
    assert "!!" not in rest


def test_ready_uses_todays_aching_answer(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    seed(alslog_home, days_ago=1)
    s = screen("ready")
    s.wait("aching since yesterday")
    s.press("y")
    s.wait("Where")
    s.press("\r")
    s.wait("How bad")
    s.press("\r")
    for _ in range(5):  # symptoms, ill, tired, heat, meal: aching is known
        s.wait(r"\[y/N\]")
        s.press("\r")
    code, rest = s.finish()
    assert code == 0 and "Go easy today" in rest and "Aching: from today's check-in." in rest


def test_ready_after_an_alert_today_asks_nothing_and_says_rest(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    session = Session(id=new_id(), kind="aerobic", minutes=20, at=now(), symptoms=("chest pain",))
    store(alslog_home).add_session(session)
    s = screen("ready", "--plain")
    code, rest = s.finish()
    assert code == 0 and s.keys == 0
    lines = [line.strip() for line in plain_lines(rest) if line.strip()]
    assert lines[0] == "STOP NOW and contact your care team."
    assert lines[1] == "Better to rest today."
    assert "[y/N]" not in rest
    assert f"You noted chest pain at {session.at:%H:%M} today." in " ".join(rest.split())


# ---- width and colour ----------------------------------------------------------------------
@pytest.mark.parametrize("args", [("week",), ("ready", "--tired"), ("guide",), ("add", "rom", "5")])
def test_readable_at_forty_columns(screen, alslog_home: Path, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    seed(alslog_home, days_ago=0, kind="aerobic", minutes=45)
    full = (*args, "--yes") if args[0] in ("add", "week") else args
    s = screen(*full, columns=40)
    code, rest = s.finish()
    assert code == 0, rest
    too_wide = [line for line in plain_lines(rest) if len(line) > 40]
    assert not too_wide


def test_no_color_on_a_terminal_means_plain(screen, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    s = screen("add", "aerobic", "10", "--symptom", "chest pain", "--yes", env={"NO_COLOR": "1"})
    code, rest = s.finish()
    assert code == 0
    assert "\x1b" not in s.raw and "STOP NOW and contact your care team." in rest
    assert not set(rest) & set("─│┌┐└┘═║╔╗╚╝█")


# ---- never a question with --yes or without a terminal ---------------------------------------
@pytest.mark.parametrize(
    "args",
    [("add", "--yes"), ("add", "rom", "--yes"), ("checkin", "--yes"), ("add", "--json")],
)
def test_yes_never_asks_on_a_terminal(screen, alslog_home: Path, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    seed(alslog_home, days_ago=1)  # would trigger the next-day question
    s = screen(*args)
    code, rest = s.finish()
    assert code == 2, rest
    assert "[y/N]" not in rest and "Press a number" not in rest


@pytest.mark.parametrize(
    "args",
    [("week", "--yes"), ("again", "--yes"), ("ready", "--yes"), ("add", "rom", "5", "--yes")],
)
def test_yes_runs_without_questions_on_a_terminal(
    screen, alslog_home: Path, args: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    seed(alslog_home, days_ago=1)
    s = screen(*args)
    code, rest = s.finish()
    assert code == 0, rest
    assert "[y/N]" not in rest and "Any problems" not in rest
    assert store(alslog_home).checkins() == []


def run_without_terminal(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ALSLOG_HOME=str(home))
    return subprocess.run(
        [*alslog_command(), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
    )


def test_without_a_terminal_nothing_waits(alslog_home: Path) -> None:
    seed(alslog_home, days_ago=1, kind="aerobic", minutes=20, activity="walking")
    config(
        alslog_home,
        MORNING.format(rom=5),
    )
    started = time.monotonic()
    add = run_without_terminal(alslog_home, "add")
    assert add.returncode == 2 and "Missing KIND" in add.stderr and add.stdout == ""
    minutes = run_without_terminal(alslog_home, "add", "rom")
    assert minutes.returncode == 2 and "Missing MINUTES" in minutes.stderr
    checkin = run_without_terminal(alslog_home, "checkin")
    assert checkin.returncode == 2 and "Nothing to record" in checkin.stderr

    again = run_without_terminal(alslog_home, "again", "--json")
    assert again.returncode == 0, again.stderr
    session = json.loads(again.stdout)["session"]
    assert (session["kind"], session["minutes"], session["activity"]) == ("aerobic", 20, "walking")
    assert (session["tired"], session["kept_going"], session["talk"], session["symptoms"]) == (
        False,
        False,
        None,
        [],
    )

    routine = run_without_terminal(alslog_home, "add", "--routine", "morning")
    assert routine.returncode == 0, routine.stderr
    assert routine.stdout.count("Logged:") == 2

    ready = run_without_terminal(alslog_home, "ready")
    assert ready.returncode == 0 and "every question counted as no" in ready.stdout

    week = run_without_terminal(alslog_home, "week")
    assert week.returncode == 0 and "aching since" not in week.stdout
    assert "?" not in week.stdout.split("Week")[0]
    assert store(alslog_home).checkins() == []  # nothing asked, nothing recorded
    assert time.monotonic() - started < 60


# ---- a typed word at a number menu ---------------------------------------------------------
KINDS_SHOWN = ["stretching", "range of motion", "aerobic", "strengthening", "other"]


@pytest.mark.parametrize(
    ("typed", "labels", "picked"),
    [
        ("stretch", KINDS_SHOWN, 0),
        ("Range", KINDS_SHOWN, 1),
        ("motion", KINDS_SHOWN, 1),
        ("strength", KINDS_SHOWN, 3),
        ("strech", KINDS_SHOWN, 0),  # a typo, by spelling
        ("s", KINDS_SHOWN, None),  # stretching or strengthening: say the keys
        ("yoga", KINDS_SHOWN, None),
        ("dizzy", [*flows.SYMPTOM_CHOICES, "something else"], 2),
        ("dizy", [*flows.SYMPTOM_CHOICES, "something else"], 2),
        ("pain", [*flows.SYMPTOM_CHOICES, "something else"], 6),  # the whole label first
        ("chest", [*flows.SYMPTOM_CHOICES, "something else"], 0),
        ("breath", [*flows.SYMPTOM_CHOICES, "something else"], 1),
        ("urine", [*flows.SYMPTOM_CHOICES, "something else"], 5),
        ("or", [*flows.SYMPTOM_CHOICES, "something else"], None),
        ("", KINDS_SHOWN, None),
    ],
)
def test_a_typed_word_is_matched_to_the_option_it_names(
    typed: str, labels: list[str], picked: int | None
) -> None:
    assert prompts.match_option(typed, labels) == picked


# ---- the aching question belongs to commands about today ---------------------------------
def _asks_nothing(screen, *args: str) -> str:  # type: ignore[no-untyped-def]
    s = screen(*args)
    code, rest = s.finish()
    assert code == 0, (args, rest)
    assert "aching since" not in rest, args
    return rest


def test_looking_at_the_past_never_asks_todays_question(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path, tmp_path: Path
) -> None:
    session = seed(alslog_home, days_ago=1, kind="aerobic", minutes=20)
    last_week = (now() - timedelta(days=8)).date().isoformat()
    for args in (
        ("week", "--end", last_week),
        ("week", "--end", "2 days ago"),
        ("trend", "--end", last_week),
        ("list",),
        ("export", "-o", str(tmp_path / "out.json")),
        ("report", "-o", str(tmp_path / "report.html")),
        ("edit", session.id[:6], "--minutes", "25"),
        ("guide",),
        ("config", "show"),
        ("doctor",),
    ):
        _asks_nothing(screen, *args)
    assert store(alslog_home).checkins() == []  # nothing was recorded for today

    s = screen("week", "--end", "today")  # this week: asked, as with no --end
    s.wait(r"Any muscle aching since yesterday's exercise\? \[y/N\]")
    s.press("n")
    code, _ = s.finish()
    assert code == 0
    (record,) = store(alslog_home).checkins()
    assert record.aching is False
