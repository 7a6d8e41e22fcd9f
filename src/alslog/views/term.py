"""How text reaches the screen: colour or plain, and how wide.

Colour is used only on a terminal, never with ``--plain``, ``NO_COLOR`` or
``TERM=dumb``. Nothing here draws boxes: output reads well aloud with a
screen reader and survives being piped or printed.

Plain output (``--plain``, the ``plain`` setting, or any output that is not a
terminal) is for listening and for pasting: no hard wrapping (the terminal or
the screen reader wraps), no bars, and short forms said in words ("minutes",
"3 out of 10", "6 to 20", "Tuesday 1 December"), see :func:`spoken`. This module is small on
purpose: the everyday commands must start fast, so rich is not imported here.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TYPE_CHECKING, TextIO

from alslog.frozen import Frozen
from alslog.words import DAYS_LONG, DAYS_SHORT, MONTHS_LONG, MONTHS_SHORT

if TYPE_CHECKING:
    import re
    from collections.abc import Callable, Mapping

MAX_WIDTH = 80
MIN_WIDTH = 40

_CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "reverse": "7",
}


class Term(Frozen):
    """An output target: whether to colour, the width to wrap to, and whether plain.

    ``plain``: text for listening and pasting (no wrapping, no bars, words
    spelled out). A terminal with ``NO_COLOR`` is not plain: it keeps the
    look of the terminal, without colour.
    """

    color: bool
    width: int
    stream: TextIO
    plain: bool = False

    @classmethod
    def detect(cls, stream: TextIO, environ: Mapping[str, str], *, plain: bool = False) -> Term:
        """Decide colour, width and plain text from the flag, the given environment and the stream.

        The environment is passed in (the command line gives ``os.environ``), so
        that only the command line reads it and a test can give its own.
        """
        out = stream
        env = environ
        plain = plain or bool(env.get("ALSLOG_PLAIN"))
        is_tty = hasattr(out, "isatty") and out.isatty()
        color = not plain and is_tty and "NO_COLOR" not in env and env.get("TERM", "") != "dumb"
        columns = shutil.get_terminal_size((MAX_WIDTH, 24)).columns if is_tty else MAX_WIDTH
        return cls(
            color=color,
            width=max(MIN_WIDTH, min(MAX_WIDTH, columns)),
            stream=out,
            plain=plain or not is_tty,
        )

    def style(self, text: str, *styles: str) -> str:
        """Text in the given styles (bold, red, ...) when colour is on; else as it is."""
        if not self.color or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def wrap(self, text: str, *, indent: str = "", first: str | None = None) -> list[str]:
        """Wrap a paragraph to the width; ``first`` starts the first line (default: indent).

        Plain text is one line: a line broken inside a phrase is read as two.
        """
        if self.plain:
            return [((indent if first is None else first) + " ".join(text.split())).rstrip()]
        return textwrap.wrap(
            text,
            width=self.width,
            initial_indent=indent if first is None else first,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        ) or [(indent if first is None else first).rstrip()]

    def write(self, lines: list[str] | str) -> None:
        """Print lines to the stream (plain: with short forms in words)."""
        text = lines if isinstance(lines, str) else "\n".join(lines)
        print(spoken(text) if self.plain else text, file=self.stream)

    @property
    def bar_char(self) -> str:
        """A block on a colour terminal; a plain character otherwise."""
        return "█" if self.color else "#"


# ---- plain text said in words ------------------------------------------------------
# "Tue" -> "Tuesday", "Dec" -> "December": the names of alslog.words ("May" stays).
_DAYS = dict(zip(DAYS_SHORT, DAYS_LONG, strict=True))
_MONTHS = {s: name for s, name in zip(MONTHS_SHORT, MONTHS_LONG, strict=True) if s != name}
_Rule = tuple[tuple[str, ...], str, "Callable[[re.Match[str]], str]"]
_rules: list[_Rule] = []


def _spoken_rules() -> list[_Rule]:
    """Each short form: what a text must hold for it to be there, its pattern, its words.

    A pattern is compiled (by ``re``, once) only when a text holds one of its
    needles: a line of ``add`` has no dates nor scales, so it compiles neither.
    """
    if not _rules:
        days = "|".join(_DAYS)
        months = "|".join(_MONTHS)
        _rules.extend(
            [
                # "Tue 1 Dec" -> "Tuesday 1 December"; "1 Dec" -> "1 December"
                (tuple(_DAYS), rf"\b({days})(?= \d{{1,2}}\b)", lambda m: _DAYS[m[1]]),
                (tuple(_MONTHS), rf"(?<=\b\d )({months})\b|(?<=\b\d\d )({months})\b",
                 lambda m: _MONTHS[m[1] or m[2]]),
                # "35 min" -> "35 minutes", "1 min" -> "1 minute"
                ((" min",), r"\b(\d+) min\b(?!-)",
                 lambda m: f"{m[1]} minute{'' if m[1] == '1' else 's'}"),
                # "3/10" -> "3 out of 10"
                (("/10",), r"(?<![\w/.:])(\d{1,2})/10\b(?![/.:]\w|/)",
                 lambda m: f"{m[1]} out of 10"),
                # "6-20", "11–13" -> "6 to 20" (never a date: 2026-11-20 has longer parts)
                (("-", "–"), r"(?<![\w\-–/.:])(\d{1,3}) ?[-–] ?(\d{1,3})(?![\w\-–/]|[.:]\w)",
                 lambda m: f"{m[1]} to {m[2]}"),
            ]
        )  # fmt: skip
    return _rules


def spoken(text: str) -> str:
    """Plain text with its short forms in words, for a screen reader and for pasting.

    "Tue 1 Dec" reads "Tuesday 1 December", "35 min" "35 minutes", "3/10"
    "3 out of 10", "6-20" "6 to 20". Dates (2026-11-20), times (09:30), file
    names and paths (2026-11--....json, a/1-2/b) and record ids are left as they are.
    """
    import re  # here: `alslog add` in a script must not pay for it before it is needed

    for needles, pattern, replacement in _spoken_rules():
        if any(needle in text for needle in needles):
            text = re.sub(pattern, replacement, text)
    return text
