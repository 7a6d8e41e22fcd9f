"""How text reaches the screen: colour or plain, and how wide.

Colour is used only on a terminal, never with ``--plain``, ``NO_COLOR`` or
``TERM=dumb``. Nothing here draws boxes: output reads well aloud with a
screen reader and survives being piped or printed. This module is small on
purpose: the everyday commands must start fast, so rich is not imported here.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from dataclasses import dataclass
from typing import TextIO

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


@dataclass(frozen=True)
class Term:
    """An output target: whether to colour, and the width to wrap to."""

    color: bool
    width: int
    stream: TextIO

    @classmethod
    def detect(cls, *, plain: bool = False, stream: TextIO | None = None) -> Term:
        """Decide colour and width from the flags, environment and the stream."""
        out = sys.stdout if stream is None else stream
        env = os.environ
        plain = plain or bool(env.get("ALSLOG_PLAIN"))
        is_tty = hasattr(out, "isatty") and out.isatty()
        color = not plain and is_tty and "NO_COLOR" not in env and env.get("TERM", "") != "dumb"
        columns = shutil.get_terminal_size((MAX_WIDTH, 24)).columns if is_tty else MAX_WIDTH
        return cls(color=color, width=max(MIN_WIDTH, min(MAX_WIDTH, columns)), stream=out)

    def style(self, text: str, *styles: str) -> str:
        """Text in the given styles (bold, red, ...) when colour is on; else as it is."""
        if not self.color or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def wrap(self, text: str, *, indent: str = "", first: str | None = None) -> list[str]:
        """Wrap a paragraph to the width; ``first`` starts the first line (default: indent)."""
        return textwrap.wrap(
            text,
            width=self.width,
            initial_indent=indent if first is None else first,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        ) or [(indent if first is None else first).rstrip()]

    def write(self, lines: list[str] | str) -> None:
        """Print lines to the stream."""
        text = lines if isinstance(lines, str) else "\n".join(lines)
        print(text, file=self.stream)

    @property
    def bar_char(self) -> str:
        """A block on a colour terminal; a plain character otherwise."""
        return "█" if self.color else "#"
