"""The one vocabulary: the words alslog writes for days, kinds, severities, marks and counts.

Every layer that turns a record into words (the rules' messages, the store's
undo descriptions, the terminal, the report) takes them from here, so a day
reads "Tue 1 Dec" everywhere and a severity has one name per place it is shown.
Day and month names are written here rather than by ``strftime``, whose names
follow the process's locale. Pure: no I/O, no clock.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alslog.models import Session

DAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAYS_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# ---- days ---------------------------------------------------------------------------
def weekday(day: date) -> str:
    """'Tuesday'."""
    return DAYS_LONG[day.weekday()]


def weekday_short(day: date) -> str:
    """'Tue'."""
    return DAYS_SHORT[day.weekday()]


def month_short(day: date) -> str:
    """'Dec'."""
    return MONTHS_SHORT[day.month - 1]


def day_month(day: date) -> str:
    """'1 Dec'."""
    return f"{day.day} {month_short(day)}"


def day_short(day: date, *, year: bool = False) -> str:
    """'Tue 1 Dec', or 'Tue 1 Dec 2026' with the year."""
    text = f"{weekday_short(day)} {day_month(day)}"
    return f"{text} {day.year}" if year else text


def day_long(day: date, *, year: bool = False) -> str:
    """'Tuesday 1 December', or with the year: 'Tuesday 1 December 2026'."""
    text = f"{weekday(day)} {day.day} {MONTHS_LONG[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def day_label(day: date, today: date | None = None) -> str:
    """'today', 'yesterday' or 'Sat 21 Nov' (with the year when it is not this year)."""
    if today is not None:
        delta = (today - day).days
        if delta == 0:
            return "today"
        if delta == 1:
            return "yesterday"
        if day.year != today.year:
            return day_short(day, year=True)
    return day_short(day)


def time_of(at: datetime) -> str:
    """'09:30'."""
    return f"{at:%H:%M}"


# ---- kinds --------------------------------------------------------------------------
# The words for each kind of session, everywhere alslog writes one.
KIND_LABELS: dict[str, str] = {
    "stretching": "stretching",
    "rom": "range of motion",
    "aerobic": "aerobic",
    "strength": "strengthening",
    "other": "other",
}


def kind_label(kind: str) -> str:
    """The words for a kind: 'rom' reads as 'range of motion'."""
    return KIND_LABELS.get(kind, kind)


def kind_adjective(kind: str) -> str:
    """A kind before a noun: 'a 10-minute range-of-motion session'."""
    return kind_label(kind).replace(" ", "-")


def kind_title(kind: str) -> str:
    """A kind as a heading or a chart's key: 'Range of motion'."""
    return kind_label(kind).capitalize()


# ---- severities ---------------------------------------------------------------------
# On a terminal an alert is written in capitals, the one word that must not be missed.
SEVERITY_LABEL = {"alert": "ALERT", "warning": "Warning", "caution": "Caution", "info": "Note"}
# In the report (a page, where capitals are not needed to stand out).
SEVERITY_NAME = {"alert": "Alert", "warning": "Warning", "caution": "Caution", "info": "Note"}
SEVERITY_PLURAL = {"alert": "alerts", "warning": "warnings", "caution": "cautions", "info": "notes"}


def severity_count(severity: str, count: int) -> str:
    """'1 alert', '3 warnings'."""
    word = SEVERITY_PLURAL.get(severity, severity)
    return f"{count} {word.removesuffix('s') if count == 1 else word}"


# ---- marks on a session ---------------------------------------------------------------
# Short marks (a day's row, the report's table) and the words of a sentence.
MARK_SHORT = {
    "tired": "tired",
    "kept_going": "kept going",
    "could_not_talk": "could not talk",
    "could_talk": "could talk",
    "assisted": "assisted",
}
MARK_SENTENCE = {
    "tired": "felt tired",
    "kept_going": "kept going after tiring",
    "could_not_talk": "could not talk comfortably",
    "could_talk": "could talk",
    "assisted": "assisted",
}


# ---- counts ---------------------------------------------------------------------------
def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 day', '3 days'; with ``many`` for irregular words: plural(2, 'entry', 'entries')."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many if many is not None else word + 's'}"


def minutes(count: int) -> str:
    """'10 min'."""
    return f"{count} min"


def and_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def session_marks(session: Session, *, sentence: bool = False) -> list[str]:
    """What a session was marked with, in order: tired, kept going, could (not) talk, assisted."""
    names = []
    if session.tired:
        names.append("tired")
    if session.kept_going:
        names.append("kept_going")
    if session.talk is False:
        names.append("could_not_talk")
    elif session.talk is True:
        names.append("could_talk")
    if session.assisted:
        names.append("assisted")
    table = MARK_SENTENCE if sentence else MARK_SHORT
    return [table[name] for name in names]
