"""The ALSFRS-R self-rating: a record, its scores and what follows from them.

The revised ALS Functional Rating Scale (Cedarbaum et al., J Neurol Sci
1999;169:13-21) has twelve items, each 4 (normal) to 0 (no function), so a
total of 0-48 and four subscores. People can rate themselves reliably (Maier
et al., Amyotroph Lateral Scler 2012;13:210-216). The wording alslog asks
with is its own, in ``rating_items``.

A rating is information for the care team, not a diagnosis. This module only
computes: the total, the subscores, the slope in points per month, the delta-FS
since onset (Kimura et al., Neurology 2006;66:265-267), what changed since the
last rating and whether a rating is due. Pure: no I/O, no clock; ``today`` is
always an argument.

Months: everywhere here a month is 30.4375 days (365.25 / 12), so "months" is
days / 30.4375 and six months are 182 whole days.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from alslog.errors import UsageError
from alslog.frozen import Frozen
from alslog.models import EARLIEST, RATING_ITEMS, RATING_SCORE_MAX, RATING_SCORE_MIN, Rating

if TYPE_CHECKING:
    from alslog.rating_items import ITEMS, SCORES, Item

__all__ = [
    "BREATHING_ITEMS",
    "ITEMS",
    "ITEM_COUNT",
    "MAX_TOTAL",
    "SCORES",
    "SUBSCORES",
    "Change",
    "Item",
    "Rating",
    "Subscores",
    "change_since",
    "delta_fs",
    "item",
    "parse_onset",
    "parse_scores",
    "rating_due",
    "slope",
    "subscores",
    "total",
]

ITEM_COUNT = RATING_ITEMS  # 12, len(ITEMS)
MAX_TOTAL = ITEM_COUNT * RATING_SCORE_MAX  # 48
DAYS_PER_MONTH = 30.4375  # 365.25 / 12
SLOPE_WINDOW_DAYS = 182  # six months of 30.4375 days, in whole days (182.6)
SLOPE_MIN_SPAN_DAYS = 28  # a slope from ratings closer together is mostly noise
DUE_EVERY_DAYS = 30
ONSET_DAY = 15  # a month-only onset is counted from the middle of its month
DELTA_FS_MIN_MONTHS = 1.0  # closer to onset, a month-only onset is too rough to divide by

# name -> (title, item numbers). Ordered as the instrument groups them.
SUBSCORES: dict[str, tuple[str, tuple[int, ...]]] = {
    "bulbar": ("Bulbar", (1, 2, 3)),
    "fine_motor": ("Fine motor", (4, 5, 6)),
    "gross_motor": ("Gross motor", (7, 8, 9)),
    "breathing": ("Breathing", (10, 11, 12)),
}
BREATHING_ITEMS: tuple[int, ...] = SUBSCORES["breathing"][1]


def __getattr__(name: str) -> object:
    """``ITEMS``, ``Item`` and ``SCORES``, from ``rating_items`` when first asked for.

    Only asking and reporting need the items' words: ``week`` and ``add``, which
    read totals and slopes, do not pay for importing them.
    """
    if name in ("ITEMS", "Item", "SCORES"):
        from alslog import rating_items

        return getattr(rating_items, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def item(number: int) -> Item:
    """The item with that number (1-12)."""
    if not 1 <= number <= ITEM_COUNT:
        raise ValueError(f"items are numbered 1 to {ITEM_COUNT}, not {number}")
    from alslog.rating_items import ITEMS

    return ITEMS[number - 1]


def _scores_of(rating: Rating | Sequence[int]) -> Sequence[int]:
    scores = rating.scores if isinstance(rating, Rating) else rating
    if len(scores) != ITEM_COUNT:
        raise ValueError(f"a rating has {ITEM_COUNT} scores, not {len(scores)}")
    return scores


# ---- scores -----------------------------------------------------------------------------
def total(rating: Rating | Sequence[int]) -> int:
    """The ALSFRS-R total, 0 (no function) to 48 (normal), of a rating or its twelve scores."""
    return sum(_scores_of(rating))


class Subscores(Frozen):
    """The four subscores, each 0-12: items 1-3, 4-6, 7-9 and 10-12."""

    bulbar: int
    fine_motor: int
    gross_motor: int
    breathing: int

    def as_dict(self) -> dict[str, int]:
        """Name -> points, in the order of ``SUBSCORES``."""
        return {name: getattr(self, name) for name in SUBSCORES}


def subscores(rating: Rating | Sequence[int]) -> Subscores:
    """The bulbar, fine motor, gross motor and breathing subscores of a rating."""
    scores = _scores_of(rating)
    points = {name: sum(scores[n - 1] for n in numbers) for name, (_, numbers) in SUBSCORES.items()}
    return Subscores(**points)


# ---- rate of change ---------------------------------------------------------------------
def slope(ratings: Sequence[Rating], today: date) -> float | None:
    """The change of the total in points per month over the six months up to ``today``.

    A least-squares line through (months, total) of every rating dated from
    ``today`` - 182 days to ``today`` (later ones are ignored); a month is
    30.4375 days. Negative means the total is falling. None unless there are
    at least two such ratings whose first and last are at least 28 days
    apart: a line through ratings closer together says little.
    """
    window = [r for r in ratings if 0 <= (today - r.date).days <= SLOPE_WINDOW_DAYS]
    if len(window) < 2:
        return None
    first = min(r.date for r in window)
    if (max(r.date for r in window) - first).days < SLOPE_MIN_SPAN_DAYS:
        return None
    xs = [(r.date - first).days / DAYS_PER_MONTH for r in window]
    ys = [r.total for r in window]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    numerator = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    denominator = sum((x - mean_x) ** 2 for x in xs)
    return numerator / denominator


_ONSET = re.compile(r"(\d{4})-(\d{1,2})")


def parse_onset(text: str) -> date:
    """The day a month-only symptom onset ("2025-03") is counted from: the 15th of that month.

    Only the month of the first symptoms is usually known, so alslog takes
    its middle: the count is then at most about half a month off either way.
    """
    match = _ONSET.fullmatch(text.strip())
    hint = "write the month the first symptoms began as YYYY-MM, e.g. 2025-03"
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageError(f"onset {_shown(text)} is not a month; {hint}")
    day = date(int(match.group(1)), int(match.group(2)), ONSET_DAY)
    if day < EARLIEST:
        raise UsageError(f"onset {text.strip()} is too early; {hint}")
    return day


def delta_fs(rating: Rating, onset: str) -> float | None:
    """The delta-FS: (48 - total) / months from symptom onset to the rating.

    Kimura et al. (Neurology 2006;66:265-267) use it at diagnosis as the
    average loss of points per month since the first symptoms. ``onset`` is a
    month, "YYYY-MM", counted from its 15th (see ``parse_onset``); months are
    days / 30.4375. An onset month after the rating's month is refused
    (UsageError). None when the rating is less than a month after the 15th of
    the onset month: so close to onset half a month of uncertainty would
    swamp the rate.
    """
    start = parse_onset(onset)
    if (start.year, start.month) > (rating.date.year, rating.date.month):
        raise UsageError(
            f"onset {onset.strip()} is after the rating of {rating.date.isoformat()}; "
            "the onset is the month the first symptoms began"
        )
    months = (rating.date - start).days / DAYS_PER_MONTH
    if months < DELTA_FS_MIN_MONTHS:
        return None
    return (MAX_TOTAL - rating.total) / months


# ---- what a rule needs ------------------------------------------------------------------
class Change(Frozen):
    """What changed from one rating to a later one.

    ``fall`` is the points the total went down (0 when it stayed or rose);
    ``difference`` is latest - previous (negative when it fell). ``fell`` lists
    the numbers of the items whose score went down, and ``breathing_fell``
    those of them that are breathing items (10-12). ``tube_changed`` says that
    item 5 was rated in one form (cutting food) and then the other (handling a
    feeding tube): its two scores answer different questions.
    """

    previous: Rating
    latest: Rating
    difference: int
    fall: int
    fell: tuple[int, ...]
    breathing_fell: tuple[int, ...]
    days: int
    tube_changed: bool = False


def change_since(previous: Rating, latest: Rating) -> Change:
    """Compare ``latest`` with the rating before it: the fall in points and the items that fell."""
    if latest.date < previous.date:
        raise ValueError("the previous rating must not be dated after the latest one")
    difference = latest.total - previous.total
    fell = tuple(
        number
        for number, (before, now) in enumerate(
            zip(previous.scores, latest.scores, strict=True), start=1
        )
        if now < before
    )
    return Change(
        previous=previous,
        latest=latest,
        difference=difference,
        fall=max(0, -difference),
        fell=fell,
        breathing_fell=tuple(n for n in fell if n in BREATHING_ITEMS),
        days=(latest.date - previous.date).days,
        tube_changed=previous.tube != latest.tube,
    )


def rating_due(
    last_rating_day: date | None, every_days: int = DUE_EVERY_DAYS, *, today: date
) -> bool | int:
    """Whether a new rating is due, and if overdue by how many days.

    False: not due yet (or the last rating is dated after ``today``).
    True: due, with nothing overdue to count: never rated, or due today.
    An int of 1 or more: due, and that many days overdue.
    The result is truthy exactly when a rating is due; as ``True`` is also an
    int, test ``is True`` before reading it as a number of days.
    """
    if every_days < 1:
        raise UsageError(f"a rating interval is at least 1 day; got {every_days}")
    if last_rating_day is None:
        return True
    overdue = (today - last_rating_day).days - every_days
    if overdue < 0:
        return False
    return overdue if overdue > 0 else True


# ---- scripts ----------------------------------------------------------------------------
_ACCEPTED = f"scores are {RATING_SCORE_MIN} to {RATING_SCORE_MAX} ({RATING_SCORE_MAX} is normal)"


def _shown(token: str) -> str:
    token = token.strip()
    if re.fullmatch(r"[0-9]{1,6}", token):
        return token
    return repr(token if len(token) <= 20 else token[:20] + "…")


def parse_scores(text: str) -> tuple[int, ...]:
    """Twelve scores from a line such as "4,4,3,4,4,4,4,3,3,4,4,4", in item order.

    Commas and/or spaces separate them; one comma at the end is allowed. Two
    commas with nothing between are a missing score, never skipped (that
    would move every later score to the wrong item). Raises UsageError with
    one line naming the item at fault, or the count when there are not
    exactly twelve.
    """
    line = text.strip().removesuffix(",")
    fields: list[str] = []
    if line.strip():
        for part in line.split(","):
            words = part.split()
            fields.extend(words if words else [""])
    if len(fields) != ITEM_COUNT:
        raise UsageError(
            f"{ITEM_COUNT} scores are needed, in item order; got {len(fields)}"
            if fields
            else f"{ITEM_COUNT} scores are needed, in item order (e.g. 4,4,3,4,4,4,4,3,3,4,4,4)"
        )
    from alslog.rating_items import ITEMS

    scores: list[int] = []
    for number, token in enumerate(fields, start=1):
        where = f"item {number} ({ITEMS[number - 1].name})"
        if token == "":
            raise UsageError(f"{where}: no score between the commas; {_ACCEPTED}")
        if len(token) != 1 or token not in "01234":
            raise UsageError(f"{where}: {_shown(token)} is not a score; {_ACCEPTED}")
        scores.append(int(token))
    return tuple(scores)
