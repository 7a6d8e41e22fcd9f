"""Questions asked on a terminal: short, numbered, with a default on Enter.

Only the CLI calls these, and only when standard input is a terminal and
``--yes`` was not given: scripts and cron never wait on a prompt.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def interactive(yes: bool) -> bool:
    """Whether we may ask: a terminal on stdin, and no ``--yes``."""
    return not yes and sys.stdin.isatty()


def _read(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        print(file=sys.stderr)
        raise KeyboardInterrupt from None


def choose(question: str, options: Sequence[tuple[str, T]], default: int = 0) -> T:
    """Pick one option by its number (or the start of its name); Enter takes the default."""
    print(question)
    for number, (label, _value) in enumerate(options, start=1):
        marker = " (Enter)" if number - 1 == default else ""
        print(f"  {number} {label}{marker}")
    while True:
        answer = _read("> ").strip().lower()
        if not answer:
            return options[default][1]
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][1]
        starts = [value for label, value in options if label.lower().startswith(answer)]
        if len(starts) == 1:
            return starts[0]
        print(f"Please type a number from 1 to {len(options)}, or press Enter.")


def ask_value(question: str, parse: Callable[[str], T], default: T | None = None) -> T | None:
    """Ask for a value, parse it, ask again on a mistake; Enter keeps the default."""
    suffix = f" [{default}]" if default is not None else ""
    while True:
        answer = _read(f"{question}{suffix}: ").strip()
        if not answer:
            return default
        try:
            return parse(answer)
        except Exception as error:  # the parser's own message says what is accepted
            print(getattr(error, "message", str(error)))


def yes_no(question: str, default: bool) -> bool:
    """A y/n question answered with one key; Enter takes the default."""
    hint = "Y/n" if default else "y/N"
    while True:
        answer = _read(f"{question} [{hint}] ").strip().lower()
        if not answer:
            return default
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        print("Please answer y or n, or press Enter.")
