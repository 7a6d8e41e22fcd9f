"""Turn what the user types into values: kinds, minutes, dates and times.

Pure functions: the current time is passed in, never read here. Every error
is a UsageError whose one line says what was wrong and what is accepted.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from alslog.errors import UsageError
from alslog.models import EARLIEST, KINDS, MINUTES_MAX, MINUTES_MIN, RPE_MAX, RPE_MIN, Kind

# Words people use for each kind. Any unambiguous prefix of a kind or an alias works too.
KIND_ALIASES: dict[str, Kind] = {
    "stretching": "stretching",
    "stretch": "stretching",
    "stretches": "stretching",
    "rom": "rom",
    "range-of-motion": "rom",
    "range": "rom",
    "motion": "rom",
    "aerobic": "aerobic",
    "cardio": "aerobic",
    "endurance": "aerobic",
    "strength": "strength",
    "strengthening": "strength",
    "weights": "strength",
    "resistance": "strength",
    "other": "other",
}

ACCEPTED_KINDS = "stretching, rom, aerobic, strength or other"
ACCEPTED_WHEN = (
    "YYYY-MM-DD, 'YYYY-MM-DD HH:MM', HH:MM, 9am, today, yesterday, a weekday (monday), "
    "'3 days ago' or those with a time ('yesterday 9am', 'last monday 18:00')"
)
ACCEPTED_DATE = "YYYY-MM-DD, today, yesterday, a weekday (monday) or '3 days ago'"


def parse_kind(text: str) -> Kind:
    """A kind from its name, an alias, or an unambiguous prefix of either."""
    word = text.strip().lower().replace("_", "-").replace(" ", "-")
    if word in KIND_ALIASES:
        return KIND_ALIASES[word]
    if word:
        matches = {kind for alias, kind in KIND_ALIASES.items() if alias.startswith(word)}
        if len(matches) == 1:
            return matches.pop()
        if len(matches) > 1:
            options = ", ".join(k for k in KINDS if k in matches)
            raise UsageError(f"'{text}' could mean {options}: type a few more letters.")
    raise UsageError(f"Unknown kind '{text}': use {ACCEPTED_KINDS}.")


# The patterns here are text, compiled on first use (and cached by re): `add stretching
# 15` compiles only this one, not the forms of dates and times it was not given.
_DURATION = r"^(?:(?P<h>\d+)\s*h(?:ours?|rs?)?)?\s*(?:(?P<m>\d+)\s*(?:m|min|mins|minutes?)?)?$"


def parse_minutes(text: str) -> int:
    """Minutes from '30', '30m', '1h' or '1h15' (1 to 600)."""
    raw = text.strip().lower()
    match = re.match(_DURATION, raw) if raw else None
    if not match or not (match.group("h") or match.group("m")):
        raise UsageError(
            f"'{text}' is not a duration: give whole minutes from {MINUTES_MIN} to {MINUTES_MAX}, "
            "e.g. 20 or 1h15."
        )
    minutes = int(match.group("h") or 0) * 60 + int(match.group("m") or 0)
    return check_minutes(minutes)


def check_minutes(minutes: int) -> int:
    """Refuse minutes outside 1 to 600."""
    if not MINUTES_MIN <= minutes <= MINUTES_MAX:
        raise UsageError(
            f"{minutes} minutes is out of range: give {MINUTES_MIN} to {MINUTES_MAX} minutes."
        )
    return minutes


def check_rpe(rpe: int | None, *, moderate: tuple[int, int] = (11, 13)) -> int | None:
    """Refuse an exertion rating outside the Borg scale 6 to 20.

    ``moderate`` is the band the message calls moderate: a caller holding the
    guidelines passes their ``moderate_band``, so a personal limit is named.
    """
    if rpe is not None and not RPE_MIN <= rpe <= RPE_MAX:
        low, high = moderate
        raise UsageError(
            f"RPE {rpe} is off the scale: use the Borg scale from {RPE_MIN} (no effort) "
            f"to {RPE_MAX} (maximal); {low} to {high} is moderate."
        )
    return rpe


def check_range(name: str, value: int | None, low: int, high: int) -> int | None:
    """Refuse a whole number outside [low, high]."""
    if value is not None and not low <= value <= high:
        raise UsageError(f"{name} {value} is out of range: use {low} to {high}.")
    return value


_DATE = r"^(\d{4})-(\d{1,2})-(\d{1,2})$"
_TIME = r"^(\d{1,2})[:.h](\d{2})$"


def _parse_day(word: str, today: date) -> date | None:
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    match = re.match(_DATE, word)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _parse_time(word: str) -> time | None:
    match = re.match(_TIME, word)
    if not match:
        return None
    try:
        return time(int(match.group(1)), int(match.group(2)))
    except ValueError:
        return None


def parse_date(text: str, today: date) -> date:
    """A calendar day: YYYY-MM-DD, today or yesterday; never in the future."""
    day = _parse_day(text.strip().lower(), today)
    if day is None:
        day, clock = _natural(text, datetime.combine(today, time(12, 0)), ACCEPTED_DATE, "date")
        if clock is not None:
            raise UsageError(f"'{text}' has a time of day: give a day: {ACCEPTED_DATE}.")
    if day > today:
        raise UsageError(f"{day.isoformat()} is in the future: give today or an earlier day.")
    _not_ancient(day)
    return day


def _not_ancient(day: date) -> None:
    if day < EARLIEST:
        raise UsageError(
            f"{day.isoformat()} is too long ago: give a day from {EARLIEST.isoformat()} on."
        )


def parse_when(text: str, now: datetime) -> datetime:
    """When a session happened, as an aware local time; never in the future.

    ``now`` must be aware. A day without a time means "now" for today and
    midday for an earlier day. Local offsets follow the system's time zone
    rules for that day (daylight saving included).
    """
    raw = re.sub(r"^(\d{4}-\d{1,2}-\d{1,2})t", r"\1 ", text.strip().lower())
    if raw == "now":
        return now.replace(second=0, microsecond=0)
    words = raw.split()
    today = now.date()
    day: date | None = None
    clock: time | None = None
    if len(words) == 1:
        day = _parse_day(words[0], today)
        if day is None:
            clock = _parse_time(words[0])
            day = today if clock is not None else None
    elif len(words) == 2:
        clock = _parse_time(words[1])
        day = _parse_day(words[0], today) if clock is not None else None
    if day is None:
        day, clock = _natural(text, now.replace(tzinfo=None), ACCEPTED_WHEN, "time")
    if clock is None:
        if day == today:
            return now.replace(second=0, microsecond=0)
        clock = time(12, 0)
    if day > today:
        raise UsageError(f"{day.isoformat()} is in the future: give the day the session happened.")
    _not_ancient(day)
    local = datetime.combine(day, clock)
    when = local.astimezone()  # the system's offset for that day (daylight saving included)
    if when.replace(tzinfo=None) != local:
        raise UsageError(
            f"{local:%Y-%m-%d %H:%M} did not exist here: the clocks went forward that night. "
            "Give a time before or after the change."
        )
    if when > now:
        raise UsageError(
            f"{when:%Y-%m-%d %H:%M} is in the future: give the time the session happened."
        )
    return when


# ---- dates as people say them ----------------------------------------------------
# The fixed forms above cover nearly every use; only what they do not match
# goes on to these (and to the date library, imported only then: it costs
# about 50 ms).
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"^(?P<last>last\s+)?(?P<name>[a-z]{3,9})\b\s*(?:at\s+)?(?P<rest>.*)$"
# Day and month in figures could be read either way round (11/12): refused.
_SLASHED = r"\d\s*[/.]\s*\d+\s*[/.]|\d+\s*/\s*\d"
_CLOCK_WORDS = (
    r"^(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|noon|midnight|morning|afternoon|evening|night"
    r"|(?:in the |this )(?:morning|afternoon|evening))$"
)
# "18h" or "2h": a length, read by the library as "in 18 hours".
_SPAN = r"^\d+\s*(?:h|hrs?|hours?|m|mins?|minutes?)$"
# A date in figures is for the fixed forms alone: one they refused is not a real day.
_FIGURES = r"\d{3,}\s*-|-\s*\d"


def _weekday(name: str) -> int | None:
    """Monday=0 for a weekday's name or its first three letters or more."""
    matches = [i for i, day in enumerate(_WEEKDAYS) if len(name) >= 3 and day.startswith(name)]
    return matches[0] if len(matches) == 1 else None


def _natural(text: str, now: datetime, accepted: str, what: str) -> tuple[date, time | None]:
    """A day and maybe a time of day from words: 'monday', '3 days ago', '9am'...

    ``now`` is naive local time. A weekday's name is the last such day, today
    included ('last monday' on a Monday is a week ago); anything else goes to
    the date library, which must read the whole text. The future, figures
    that could be day/month or month/day, and anything not understood are
    refused in one line naming the accepted forms.
    """
    raw = " ".join(text.strip().lower().split())
    refused = UsageError(f"'{text}' is not a {what} I understand: use {accepted}.")
    today = now.date()
    first, _, rest = raw.partition(" ")
    day = _parse_day(first, today)  # "2026-11-20 9am", "yesterday at 9:30pm"
    if day is not None and rest:
        return day, _clock_words(rest.removeprefix("at "), now, refused)
    if re.search(_SLASHED, raw):
        raise UsageError(
            f"'{text}' could be day/month or month/day: write the date as YYYY-MM-DD, "
            f"or use {accepted}."
        )
    if not raw or re.search(_FIGURES, raw) or re.match(_SPAN, raw):
        raise refused
    match = re.match(_WEEKDAY, raw)
    number = _weekday(match.group("name")) if match else None
    if match is not None and number is not None:
        back = (today.weekday() - number) % 7
        if match.group("last") and back == 0:
            back = 7
        day = today - timedelta(days=back)
        rest = match.group("rest")
        return day, _clock_words(rest, now, refused) if rest else None
    found = _library(raw, now)
    if found is None:
        raise refused
    day, clock, _ = found
    if day > today:
        raise UsageError(
            f"'{text}' is in the future ({day.isoformat()}): give the day it happened; use "
            f"{accepted}."
        )
    return day, clock


def _clock_words(raw: str, now: datetime, refused: UsageError) -> time:
    """A time of day alone: 18:00, 9am, 9:30pm, noon."""
    clock = _parse_time(raw)
    if clock is not None:
        return clock
    if not re.match(_CLOCK_WORDS, raw):  # "18h" would be read as "in 18 hours"
        raise refused
    found = _library(raw, now)
    if found is None or found[1] is None or found[2]:
        raise refused
    return found[1]


def _library(raw: str, now: datetime) -> tuple[date, time | None, bool] | None:
    """(day, time or None, whether a day was said) as the date library reads all of raw."""
    import parsedatetime  # type: ignore[import-untyped]

    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    found = calendar.nlp(raw, sourceTime=now)
    if not found or len(found) != 1:
        return None
    when, context, start, end, _ = found[0]
    if start != 0 or end != len(raw) or not (context.hasDate or context.hasTime):
        return None
    clock = time(when.hour, when.minute) if context.hasTime else None
    return when.date(), clock, bool(context.hasDate)
