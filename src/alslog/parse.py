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
ACCEPTED_WHEN = "YYYY-MM-DD, YYYY-MM-DD HH:MM, HH:MM, today, yesterday or 'yesterday HH:MM'"
ACCEPTED_DATE = "YYYY-MM-DD, today or yesterday"


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


_DURATION = re.compile(
    r"^(?:(?P<h>\d+)\s*h(?:ours?|rs?)?)?\s*(?:(?P<m>\d+)\s*(?:m|min|mins|minutes?)?)?$"
)


def parse_minutes(text: str) -> int:
    """Minutes from '30', '30m', '1h' or '1h15' (1 to 600)."""
    raw = text.strip().lower()
    match = _DURATION.match(raw) if raw else None
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


def check_rpe(rpe: int | None) -> int | None:
    """Refuse an exertion rating outside the Borg scale 6 to 20."""
    if rpe is not None and not RPE_MIN <= rpe <= RPE_MAX:
        raise UsageError(
            f"RPE {rpe} is off the scale: use the Borg scale from {RPE_MIN} (no effort) "
            f"to {RPE_MAX} (maximal); 11 to 13 is moderate."
        )
    return rpe


def check_range(name: str, value: int | None, low: int, high: int) -> int | None:
    """Refuse a whole number outside [low, high]."""
    if value is not None and not low <= value <= high:
        raise UsageError(f"{name} {value} is out of range: use {low} to {high}.")
    return value


_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")


def _parse_day(word: str, today: date) -> date | None:
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    match = _DATE.match(word)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _parse_time(word: str) -> time | None:
    match = _TIME.match(word)
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
        raise UsageError(f"'{text}' is not a date I understand: use {ACCEPTED_DATE}.")
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
        raise UsageError(f"'{text}' is not a time I understand: use {ACCEPTED_WHEN}.")
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
