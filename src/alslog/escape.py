"""Text made safe for a terminal: control and bidi characters shown, never sent raw.

A note, a cell of an imported file or a line of a damaged file can hold an
escape sequence (set the clipboard, clear the screen, recolour) or a bidi
control that makes the text read backwards. Everything alslog prints that
quotes stored or given text goes through :func:`clean`; what is stored stays
exactly as typed. This module imports nothing, so the error path can use it
at any moment of start-up.
"""

from __future__ import annotations

# C0 controls (newline kept: notes may have several lines), DEL and the C1 controls.
_CONTROLS = [*range(0x20), *range(0x7F, 0xA0)]
# Bidi and invisible direction marks: they reorder what follows them on screen.
_BIDI = [
    0x061C,  # Arabic letter mark
    0x200E,  # left-to-right mark
    0x200F,  # right-to-left mark
    *range(0x202A, 0x202F),  # embeddings and overrides, pop
    *range(0x2066, 0x206A),  # isolates, pop
]
_TABLE = {c: f"\\x{c:02x}" for c in _CONTROLS if c != 0x0A} | {c: f"\\u{c:04x}" for c in _BIDI}
_ONE_LINE = _TABLE | {0x0A: "\\x0a"}


def clean(text: str, *, one_line: bool = False) -> str:
    """``text`` with control and bidi characters written as visible escapes.

    ``one_line`` escapes newlines too, for messages that must stay one line.
    """
    return text.translate(_ONE_LINE if one_line else _TABLE)


# In JSON text: json.dumps already escapes C0; DEL, C1 and bidi are written as \uXXXX.
_JSON_TABLE = {c: f"\\u{c:04x}" for c in [0x7F, *range(0x80, 0xA0), *_BIDI]}


def json_text(document: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` that is safe on a terminal.

    The characters that could steer a terminal (DEL, C1 controls, bidi marks) can
    only stand inside JSON strings, where their ``\\uXXXX`` escape means the same:
    the data parses back exactly as stored.
    """
    return document.translate(_JSON_TABLE)
