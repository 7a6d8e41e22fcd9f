"""The records of the logbook: sessions, check-ins, ALSFRS-R ratings and findings.

These models validate what the user enters and what is read back from the
store. They import nothing of ours. Stored records may carry fields a newer
alslog added: the store keeps those (see ``store/codec.py``); the models here
describe what this version understands.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

Kind = Literal["stretching", "rom", "aerobic", "strength", "other"]
KINDS: tuple[Kind, ...] = ("stretching", "rom", "aerobic", "strength", "other")

Severity = Literal["info", "caution", "warning", "alert"]
SEVERITIES: tuple[Severity, ...] = ("info", "caution", "warning", "alert")
SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}

MINUTES_MIN, MINUTES_MAX = 1, 600
RPE_MIN, RPE_MAX = 6, 20  # Borg scale
FATIGUE_MIN, FATIGUE_MAX = 0, 10
TEXT_MAX = 2000  # a note; long enough for anything typed by hand
EARLIEST = date(1970, 1, 1)  # anything older is a typing mistake, not a logbook entry
# The ALSFRS-R: twelve items, each scored 4 (normal) down to 0 (see ``rating_items``,
# whose ITEMS a test keeps in step with these).
RATING_ITEMS = 12
RATING_SCORE_MIN, RATING_SCORE_MAX = 0, 4

Text = Annotated[str, StringConstraints(max_length=TEXT_MAX)]


def _not_ancient(value: date) -> date:
    if value < EARLIEST:
        raise ValueError(f"must be on or after {EARLIEST.isoformat()}")
    return value


# A check-in's or a rating's day: anything before 1970 is a typing mistake.
LogDay = Annotated[date, AfterValidator(_not_ancient)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]


def _no_surrogates(value: str | None) -> str | None:
    """Lone surrogates cannot be written as UTF-8: refuse them up front."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("contains characters that cannot be stored as text") from None
    return value


class Session(BaseModel):
    """One exercise session, as logged after it."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    id: str = Field(min_length=4, max_length=32, pattern=r"^[0-9a-z]+$")
    kind: Kind
    activity: ShortText | None = None
    minutes: int = Field(ge=MINUTES_MIN, le=MINUTES_MAX, strict=True)
    rpe: int | None = Field(default=None, ge=RPE_MIN, le=RPE_MAX, strict=True)
    at: datetime
    tired: bool = False
    kept_going: bool = False
    talk: bool | None = None
    assisted: bool = False
    symptoms: tuple[ShortText, ...] = ()
    note: Text | None = None

    @field_validator("at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("must carry a UTC offset")
        if value.date() < EARLIEST:
            raise ValueError(f"must be on or after {EARLIEST.isoformat()}")
        return value

    @field_validator("activity", "note")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return _no_surrogates(value)

    @field_validator("symptoms")
    @classmethod
    def _symptoms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            _no_surrogates(item)
        return value

    @property
    def day(self) -> date:
        """The calendar day of the session, where it was logged."""
        return self.at.date()


class CheckIn(BaseModel):
    """How the person feels on a day (aching, fatigue, symptoms), recorded once a day."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    id: str = Field(min_length=4, max_length=32, pattern=r"^[0-9a-z]+$")
    date: LogDay
    aching: bool | None = None
    where: ShortText | None = None
    aching_level: int | None = Field(default=None, ge=0, le=10, strict=True)  # how bad, 0-10
    fatigue: int | None = Field(default=None, ge=FATIGUE_MIN, le=FATIGUE_MAX, strict=True)
    # What was felt that day (older records have none). Screened for red flags.
    symptoms: tuple[ShortText, ...] = ()
    note: Text | None = None

    @field_validator("where", "note")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return _no_surrogates(value)

    @field_validator("symptoms")
    @classmethod
    def _symptoms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            _no_surrogates(item)
        return value


RatingScore = Annotated[int, Field(ge=RATING_SCORE_MIN, le=RATING_SCORE_MAX, strict=True)]


class Rating(BaseModel):
    """One ALSFRS-R self-rating: twelve scores in item order, on a day."""

    # defer_build: most runs never validate a rating, so its validator is built
    # on first use rather than at every start-up.
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)

    id: str = Field(min_length=4, max_length=32, pattern=r"^[0-9a-z]+$")
    date: LogDay
    scores: tuple[RatingScore, ...] = Field(min_length=RATING_ITEMS, max_length=RATING_ITEMS)
    # Item 5 was rated for handling a feeding tube (the instrument's 5b), not cutting food.
    tube: bool = False
    note: Text | None = None

    @field_validator("note")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return _no_surrogates(value)

    @property
    def total(self) -> int:
        """The sum of the twelve scores, 0-48."""
        return sum(self.scores)


class Finding(BaseModel):
    """What a guideline rule says about the log: one warning, caution or note."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    severity: Severity
    date: date
    message: str
    sessions: tuple[str, ...] = ()
    source: str = ""
    # What the person noted that raised it (symptoms, as written): "you noted X".
    noted: tuple[str, ...] = ()
    # When the session it is about was logged, for "at 10:05 today".
    at: datetime | None = None
    # Whether the message names its own day, so a list of days need not add it.
    names_day: bool = False

    @property
    def rank(self) -> int:
        """Higher is more serious."""
        return SEVERITY_RANK[self.severity]


def most_serious_first(findings: list[Finding]) -> list[Finding]:
    """Sort findings: most serious first, then by day (newest first), then rule."""
    return sorted(findings, key=lambda f: (-f.rank, -f.date.toordinal(), f.rule))
