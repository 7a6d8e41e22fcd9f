"""Questions asked on a terminal: one key each where possible, a safe default on Enter.

Only the CLI calls these, and only when both standard input and standard
output are terminals and ``--yes`` was not given: scripts and cron never wait
on a prompt. Every keystroke costs effort for weak hands, so a question is
answered by a single key press (read in cbreak mode, without Enter) and Enter
takes the default, which is always the safe, common answer. Set
``ALSLOG_LINE_INPUT=1`` to answer with a line and Enter instead (some
on-screen keyboards and screen readers prefer it).

Each answer is written back in words after the question ("no", "stretching"),
so the screen (and a screen reader) says what was chosen. Escape (or Ctrl-C,
Ctrl-D) cancels: "Cancelled; nothing was saved." on a line of its own, exit
130. At a number menu a typed word ("dizzy", "stretch") picks the option it
names; in single-key mode a first key that is a letter starts a word that
Enter ends.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeVar

from alslog.errors import AlslogError, ExitCode

T = TypeVar("T")

ENTER = ""  # what key() returns for Enter
_CANCEL = {"\x03", "\x04", "\x1b"}  # Ctrl-C, Ctrl-D, Escape
_BACKSPACE = {"\x7f", "\x08"}


class Cancelled(AlslogError):
    """A question was cancelled (Escape, Ctrl-C, Ctrl-D): exit 130, nothing more is saved."""

    exit_code = ExitCode.INTERRUPTED


# What was already saved before the question that was cancelled (the day's
# check-in asked first, say): the cancel message must not say "nothing".
_saved: list[str] = []


def saved(what: str) -> None:
    """Note that ``what`` ("the check-in") is saved: a later cancel must not say "nothing"."""
    _saved.append(what)


def cancel() -> NoReturn:
    """End the questions: the cursor to a new line, then Cancelled, saying what was kept."""
    global _column
    if _column:
        print(flush=True)
        _column = 0
    if _saved:
        raise Cancelled(f"Cancelled; only {' and '.join(_saved)} was saved.")
    raise Cancelled("Cancelled; nothing was saved.")


def interactive(yes: bool) -> bool:
    """Whether we may ask: a terminal on stdin and stdout, and no ``--yes``."""
    return (
        not yes
        and sys.stdin is not None  # closed stdin (`alslog add <&-`): never ask
        and sys.stdout is not None
        and sys.stdin.isatty()
        and sys.stdout.isatty()
    )


def width() -> int:
    """The width questions wrap to: the terminal's, between 40 and 80."""
    import shutil  # here, not at the top: `add -y` in a script never asks

    return max(40, min(80, shutil.get_terminal_size((80, 24)).columns))


def say(text: str, indent: str = "") -> None:
    """Print a line of a question, wrapped to the terminal."""
    import textwrap

    global _column
    lines = textwrap.wrap(
        text, width=width(), initial_indent=indent, subsequent_indent=indent + "  " * bool(indent)
    )
    print("\n".join(lines or [""]), flush=True)
    _column = 0


_column = 0  # where the cursor is after the last prompt: the answer goes there


def _prompt(text: str) -> None:
    """Write a prompt that the answer follows on the same line (wrapped if long)."""
    global _column
    import textwrap

    lines = textwrap.wrap(text, width=width(), subsequent_indent="  ") or [""]
    print("\n".join(lines) + " ", end="", flush=True)
    _column = len(lines[-1]) + 1


# ---- reading ------------------------------------------------------------------
def _line_mode() -> bool:
    return bool(os.environ.get("ALSLOG_LINE_INPUT")) or not sys.stdin.isatty()


def _read_line() -> str:
    """One line from the terminal (the terminal itself echoes and handles Backspace)."""
    if not sys.stdin.isatty():
        try:
            return input()
        except EOFError:
            print(file=sys.stderr)
            raise KeyboardInterrupt from None
    # Read the file descriptor directly, as _read_key does, so keys typed ahead
    # are never stranded in a Python buffer between the two ways of reading.
    fd = sys.stdin.fileno()
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 1024)
        if not chunk:  # Ctrl-D on an empty line
            print()
            raise KeyboardInterrupt
        data += chunk
    return data.decode("utf-8", "replace").rstrip("\r\n")


def _read_key(*, keep: bool = False) -> str:
    """One key press, without Enter; '\\n' for Enter. Falls back to a line.

    Keys pressed before the question are dropped (a bounced key must not
    answer it); ``keep`` keeps them, for the letters of a word typed fast.
    """
    if _line_mode():
        line = _read_line().strip()
        return line[:1] if line else "\n"
    import termios
    import tty

    fd = sys.stdin.fileno()
    try:
        saved = termios.tcgetattr(fd)
    except termios.error:
        line = _read_line().strip()
        return line[:1] if line else "\n"
    try:
        # no echo, no Enter needed; Ctrl-C still interrupts
        tty.setcbreak(fd, termios.TCSANOW if keep else termios.TCSAFLUSH)
        first = os.read(fd, 1)
        if first == b"\x1b":  # Escape, or the start of an arrow key: drop the rest
            _drain(fd)
        elif first and first[0] >= 0xC0:  # the start of a multi-byte character
            more = 1 if first[0] < 0xE0 else 2 if first[0] < 0xF0 else 3
            first += os.read(fd, more)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    if not first:
        return "\x04"
    text = first.decode("utf-8", "replace")
    return "\n" if text in ("\r", "\n") else text


def _drain(fd: int) -> None:
    import select

    while select.select([fd], [], [], 0.05)[0]:
        if not os.read(fd, 32):
            break


def _get_key(*, keep: bool = False) -> str:
    """One key press; Escape, Ctrl-C or Ctrl-D cancel (see :func:`cancel`)."""
    try:
        pressed = _read_key(keep=keep)
    except KeyboardInterrupt:
        cancel()
    if pressed in _CANCEL:
        cancel()
    return pressed


def _get_line() -> str:
    """One line; Ctrl-C, Ctrl-D or a line that starts with Escape cancel."""
    try:
        line = _read_line()
    except KeyboardInterrupt:
        cancel()
    if line.lstrip()[:1] in _CANCEL:
        cancel()
    return line


def key(prompt: str, keys: str, *, retry: str) -> str:
    """Ask for one of ``keys`` (lower case) with one key press; '' means Enter.

    Escape, Ctrl-C and Ctrl-D cancel (:class:`Cancelled`). Any other key
    repeats ``retry`` on its own line and asks again.
    """
    _prompt(prompt)
    while True:
        pressed = _get_key()
        if pressed == "\n":
            return ENTER
        if pressed.lower() in keys:
            return pressed.lower()
        print(flush=True)
        _prompt(retry)


def answered(words: str) -> None:
    """Write the chosen answer, in words, after the question, and end the line."""
    global _column
    if words and _column + len(words) > width():  # no wrapping in the middle of a word
        words = "\n  " + words
    print(words, flush=True)
    _column = 0


# ---- questions ------------------------------------------------------------------
def yes_no(question: str, default: bool = False) -> bool:
    """A y/n question answered with one key; Enter takes the default."""
    hint = "Y/n" if default else "y/N"
    pressed = key(f"{question} [{hint}]", "yn", retry="Please press y or n, or Enter:")
    answer = default if pressed == ENTER else pressed == "y"
    answered("yes" if answer else "no")
    return answer


def choose(question: str, options: Sequence[tuple[str, T]], default: int = 0) -> T:
    """Pick one option by its number, one key press (up to 9 options); Enter takes the default.

    A typed word that names an option picks it ("stretch": stretching).
    """
    say(f"{question} Press a number (Enter = {default + 1}, Esc cancels):")
    for number, (label, _value) in enumerate(options, start=1):
        say(f"{number} {label}", indent="  ")
    if len(options) > 9:  # pragma: no cover - our lists are short
        raise ValueError("choose() takes at most 9 options")
    picked = pick_number([label for label, _value in options])
    index = default if picked is None else picked
    answered(f"{index + 1} {options[index][0]}")
    return options[index][1]


def pick_number(labels: Sequence[str], retry: str | None = None) -> int | None:
    """The index of the option picked by number or by a typed word; None for Enter.

    In single-key mode a digit answers at once; a letter starts a word, shown
    as it is typed (Backspace works) and ended by Enter. In line mode the line
    is read. A word that names no option (or several) says the keys again.
    """
    count = len(labels)
    retry = retry or f"Press 1 to {count}, or Esc to cancel."
    _prompt(">")
    while True:
        if _line_mode():
            typed = _get_line().strip()
        else:
            typed = _get_key()
            if typed == "\n":
                typed = ""
            elif typed.isalpha():
                typed = _type_word(typed)
                print(", ", end="", flush=True)  # the answer in words follows the word
        if not typed:
            return None
        if typed.isdigit() and 1 <= int(typed) <= count:
            return int(typed) - 1
        found = match_option(typed, labels)
        if found is not None:
            return found
        print(flush=True)
        say(retry)
        _prompt(">")


def _type_word(first: str) -> str:
    """Letters typed after ``first``, shown as they come, until Enter."""
    global _column
    word = first
    print(first, end="", flush=True)
    _column += 1
    while True:
        pressed = _get_key(keep=True)
        if pressed == "\n":
            return word
        if pressed in _BACKSPACE:
            if word:
                word = word[:-1]
                print("\b \b", end="", flush=True)
                _column -= 1
            continue
        if pressed.isprintable():
            word += pressed
            print(pressed, end="", flush=True)
            _column += 1


_FILLER = {"a", "an", "or", "of", "the", "and"}


def match_option(typed: str, labels: Sequence[str]) -> int | None:
    """The option a typed word names, or None when it names none or several.

    In order: the whole label ("pain"); the one label that a word of it starts
    with the typed word ("dizzy": "dizzy or faint", "stretch": "stretching");
    else the one closest label word by spelling ("strech", "dizy").
    """
    word = " ".join(typed.lower().split())
    if not word:
        return None
    names = [label.lower() for label in labels]
    if word in names:
        return names.index(word)
    parts = [[p.strip("(),.:") for p in name.split() if p not in _FILLER] for name in names]
    starts = [
        i
        for i, name in enumerate(names)
        if name.startswith(word) or any(p.startswith(word) for p in parts[i])
    ]
    if len(starts) == 1:
        return starts[0]
    if starts or len(word) < 3:
        return None
    from rapidfuzz import fuzz  # only when a word was typed

    # Each word of a label, whole ("dizy": dizzy) or cut to the typed length ("strech": stretc).
    scores = [
        max(
            (
                max(fuzz.ratio(word, p), fuzz.ratio(word, p[: len(word)]))
                for p in part
                if len(p) >= 3
            ),
            default=0.0,
        )
        for part in parts
    ]
    best = max(scores)
    if best < 80 or scores.count(best) > 1:
        return None
    return scores.index(best)


def ask_value(question: str, parse: Callable[[str], T], default: T | None = None) -> T | None:
    """Ask for a value typed as a line; ask again on a mistake; Enter keeps the default."""
    suffix = f" [{default}]" if default is not None else ""
    while True:
        _prompt(f"{question}{suffix}:")
        answer = _get_line().strip()
        if not answer:
            return default
        try:
            return parse(answer)
        except Exception as error:  # the parser's own message says what is accepted
            say(getattr(error, "message", str(error)))


def ask_text(question: str) -> str | None:
    """A short free text; Enter skips it (None)."""
    global _column
    _prompt(f"{question} (type it, or Enter to skip):")
    text = _get_line().strip() or None
    _column = 0  # the terminal echoed the line and its Enter
    return text


def scale(question: str, top: int = 10) -> int | None:
    """A number from 0 to ``top`` (at most 10) with one key; Enter skips it (None).

    0 and 2 to 9 take one key. 1 waits for a second key: 0 makes 10, Enter
    (or any other key) keeps 1. No timing is involved, so slow typing is fine.
    """
    say(question)
    pressed = key(
        f"Press 0 to {min(top, 9)}"
        + (" (1 then 0 for 10)" if top >= 10 else "")
        + ", Enter skips:",
        "0123456789",
        retry=f"Please press a number from 0 to {top}, or Enter:",
    )
    if pressed == ENTER:
        answered("skipped")
        return None
    value = int(pressed)
    if value == 1 and top >= 10:
        global _column
        print("1", end="", flush=True)
        _column += 1
        second = _get_key(keep=True)  # "10" typed fast is ten
        if second == "0":
            answered("0")
            return 10
        answered("")
        return 1
    answered(str(value))
    return min(value, top)
