"""A record in words, for undo and messages: 'the stretching session of Tue 1 Dec, 10 min'.

The words (days, kinds, counts) come from ``alslog.words``; a record is described
from its raw dict, as stored, so a damaged field still gives a sentence.
"""

from __future__ import annotations

from datetime import date

from alslog import words
from alslog.store.codec import Raw


def session(raw: Raw) -> str:
    """'the stretching session of Tue 1 Dec, 10 min'."""
    kind = str(raw.get("kind", "?"))
    at = str(raw.get("at", ""))
    try:
        day_text = words.day_short(date.fromisoformat(at[:10]))
    except ValueError:
        day_text = at[:10]
    minutes = raw.get("minutes")
    length = words.minutes(minutes) if isinstance(minutes, int) else f"{minutes} min"
    return f"the {words.kind_adjective(kind)} session of {day_text}, {length}"


def checkin(raw: Raw) -> str:
    """'the check-in of Tue 1 Dec'."""
    try:
        return f"the check-in of {words.day_short(date.fromisoformat(str(raw.get('date'))))}"
    except ValueError:
        return f"the check-in of {raw.get('date')}"


def rating(raw: Raw) -> str:
    """'the rating of Tue 1 Dec (total 44)'."""
    scores = raw.get("scores")
    total = (
        f" (total {sum(scores)})"
        if isinstance(scores, list) and all(type(s) is int for s in scores)
        else ""
    )
    try:
        day_text = words.day_short(date.fromisoformat(str(raw.get("date"))))
    except ValueError:
        day_text = str(raw.get("date"))
    return f"the rating of {day_text}{total}"


def record(kind: str, raw: Raw) -> str:
    """A session, check-in or rating (``kind`` 'session', 'checkin', 'rating') in words."""
    if kind == "rating":
        return rating(raw)
    return session(raw) if kind == "session" else checkin(raw)
