"""Small formats the report's charts and tables share: days, escaping, numbers, scroll areas."""

from __future__ import annotations

import math
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from alslog.models import KINDS
from alslog.words import SEVERITY_NAME, and_list, day_month, day_short, kind_label, kind_title

if TYPE_CHECKING:
    from alslog.trend import Trend

KIND_NAMES: dict[str, str] = {kind: kind_title(kind) for kind in KINDS}
SEVERITY_NAMES = SEVERITY_NAME


def _day(d: date) -> str:
    """'Sat 14 Mar 2026'."""
    return day_short(d, year=True)


def _table_day(d: date, trend: Trend) -> str:
    """A day in a table: the year only when the period spans two years."""
    return day_short(d, year=trend.start.year != trend.end.year)


def _short(d: date) -> str:
    """'14 Mar'."""
    return day_month(d)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _num(value: float) -> str:
    """SVG coordinates with at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _nice_max(value: float) -> tuple[int, int]:
    """A round axis maximum at or above value, and its tick step."""
    if value <= 0:
        return 10, 5
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step_int = max(1, int(step))
    top = step_int * math.ceil(value / step_int)
    return top, step_int


def _scroll(content: str, *, labelledby: str = "", label: str = "") -> str:
    """A named area that scrolls sideways on its own, so the page never does.

    Focusable, so that it can be scrolled with the keyboard too; named by the element
    with the id ``labelledby`` or by the text ``label``.
    """
    name = f'aria-labelledby="{labelledby}"' if labelledby else f'aria-label="{_e(label)}"'
    return f'<div class="scroll" role="region" {name} tabindex="0">{content}</div>'


def daily_title(kinds: tuple[str, ...]) -> str:
    """The daily kinds as a heading: 'Daily stretching and range of motion'."""
    return f"Daily {and_list([kind_label(k) for k in kinds])}"
