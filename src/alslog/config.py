"""The user's settings: a small TOML file at ``Paths.config_file``.

Read with ``load(paths)``: a missing file gives the defaults; a file that does
not parse or validate raises ``ConfigError`` with one line naming the file and
the key. Written with ``set_value``: validated first, then written atomically
(mode 0600) with tomli-w, so a bad value never reaches the disk.

Settings:

* ``name``, ``therapist``: shown on the report.
* ``aerobic_goal_minutes``: the weekly aerobic goal agreed with the therapist.
* ``plain``: ``true`` makes plain output the default (for a screen reader:
  no wrapping, no bars, words spelled out), as ``--plain`` does.
* ``onset``: the month the first symptoms began, ``YYYY-MM`` (for the delta-FS of
  a rating).
* ``rating_every_days``: how often a function rating (ALSFRS-R) is due, 1-365
  days (default 30); ``week`` and the guided commands say so in one line.
* ``[activity]``: the default activity per kind, e.g. ``aerobic = "walking"``.
* ``[routines]``: named lists of sessions, e.g.
  ``morning = [{kind = "stretching", minutes = 10}, {kind = "rom", minutes = 10}]``,
  which ``alslog add --routine NAME`` logs in one go.
"""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from alslog.errors import ConfigError, UsageError
from alslog.models import MINUTES_MAX, MINUTES_MIN, Kind, ShortText

if TYPE_CHECKING:
    from alslog.paths import Paths

GOAL_MAX = 7 * 24 * 60  # minutes in a week: anything above is a typo
RATING_EVERY_MAX = 365
RoutineName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")]
ACCEPTED_KEYS = (
    "name, therapist, aerobic_goal_minutes, plain, onset, rating_every_days, "
    "activity.KIND (e.g. activity.aerobic) or routine.NAME (e.g. routine.morning)"
)
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


class RoutineItem(BaseModel):
    """One session of a routine: a kind, minutes, and optionally the activity."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Kind
    minutes: int = Field(ge=MINUTES_MIN, le=MINUTES_MAX, strict=True)
    activity: ShortText | None = None


class Config(BaseModel):
    """Everything in the config file; every field is optional."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: ShortText | None = None
    therapist: ShortText | None = None
    aerobic_goal_minutes: int | None = Field(default=None, ge=1, le=GOAL_MAX, strict=True)
    plain: bool | None = Field(default=None, strict=True)
    onset: str | None = None  # "YYYY-MM": the month the first symptoms began
    rating_every_days: int | None = Field(default=None, ge=1, le=RATING_EVERY_MAX, strict=True)
    activity: dict[Kind, ShortText] = Field(default_factory=dict)
    routines: dict[RoutineName, Annotated[tuple[RoutineItem, ...], Field(min_length=1)]] = Field(
        default_factory=dict
    )

    @field_validator("onset")
    @classmethod
    def _onset(cls, value: str | None) -> str | None:
        from alslog.rating import parse_onset

        if value is None:
            return None
        try:
            day = parse_onset(value)
        except UsageError as error:
            raise ValueError(error.message) from None
        return f"{day.year:04d}-{day.month:02d}"

    @property
    def rating_interval(self) -> int:
        """Days between function ratings (``rating_every_days``, default 30)."""
        from alslog.rating import DUE_EVERY_DAYS

        return self.rating_every_days or DUE_EVERY_DAYS

    def routine(self, name: str) -> tuple[RoutineItem, ...]:
        """The sessions of a routine by name; NotFoundError-like UsageError if unknown."""
        key = name.strip().lower()
        if key in self.routines:
            return self.routines[key]
        known = ", ".join(sorted(self.routines)) or "none yet"
        raise UsageError(
            f"No routine called '{name}' (known: {known}); "
            'add one with: alslog config set routine.NAME "stretching 10, rom 10".'
        )

    def default_activity(self, kind: str) -> str | None:
        """The activity to use for a kind when none is given."""
        return next((text for k, text in self.activity.items() if k == kind), None)

    def to_toml_data(self) -> dict[str, Any]:
        """The settings as TOML-ready data (unset values left out)."""
        data = self.model_dump(mode="json", exclude_none=True)
        if not data.get("activity"):
            data.pop("activity", None)
        if not data.get("routines"):
            data.pop("routines", None)
        else:
            data["routines"] = {
                name: [{k: v for k, v in item.items() if v is not None} for item in items]
                for name, items in data["routines"].items()
            }
        return data


def _where(error: ValidationError) -> tuple[str, str]:
    first = error.errors()[0]
    loc = ".".join(str(p) for p in first["loc"]) or "file"
    return loc, str(first["msg"])


def parse(text: str, source: str) -> Config:
    """Settings from TOML text; ``source`` names the file in the error message."""
    from alslog import limits

    try:
        data = limits.parse_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source} is not valid TOML ({error}); fix or delete it.") from None
    except ValueError as error:  # nested too deep, a huge number...: Python's limits, said plainly
        raise ConfigError(f"{source} {error}; fix or delete it.") from None
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        key, msg = _where(error)
        if key == "aerobic_goal_minutes":
            msg = f"use whole minutes from 1 to {GOAL_MAX} (got {data.get(key)!r})"
        elif key == "plain":
            msg = f"use true or false (got {data.get(key)!r})"
        elif key == "rating_every_days":
            msg = f"use whole days from 1 to {RATING_EVERY_MAX} (got {data.get(key)!r})"
        elif key.split(".")[0] not in Config.model_fields:
            msg = f"not a setting alslog knows (use {ACCEPTED_KEYS})"
        raise ConfigError(f"{source}: {key}: {msg}; edit the file to fix it.") from None


def load(paths: Paths) -> Config:
    """The user's settings (defaults when there is no config file)."""
    path = paths.config_file
    if path.exists() and not path.is_file():  # a folder or a FIFO: reading it would fail or hang
        raise ConfigError(f"{path} is not a file; remove it (alslog makes it again when needed).")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise ConfigError(f"Cannot read {path}: {error.strerror or error}.") from None
    from alslog import limits

    try:
        limits.check_size(len(raw))
    except ValueError as error:
        raise ConfigError(f"{path} {error}; fix or delete it.") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text; fix or delete it.") from None
    return parse(text, str(path))


def dumps(config: Config) -> str:
    """The settings as TOML text."""
    import tomli_w

    return tomli_w.dumps(config.to_toml_data())


def save(paths: Paths, config: Config) -> None:
    """Write the settings atomically, readable only by the user (0600)."""
    from alslog.atomic import why, write_atomic
    from alslog.errors import WriteError

    path = paths.config_file
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, dumps(config).encode("utf-8"))
    except OSError as error:
        raise WriteError(
            f"Could not save the settings to {path}: {why(error)}. Nothing was changed."
        ) from None


_ITEM = re.compile(
    r"^(?P<kind>[a-z_-]+)\s+(?P<minutes>\S+)(?:\s+(?P<activity>.+))?$", re.IGNORECASE
)


def parse_routine(text: str) -> tuple[RoutineItem, ...]:
    """'stretching 10, rom 10, aerobic 20 walking' -> routine items."""
    from alslog.parse import parse_kind, parse_minutes

    items: list[RoutineItem] = []
    for number, part in enumerate(text.split(","), start=1):
        match = _ITEM.match(part.strip())
        if not match:
            raise UsageError(
                f"Routine part {number} '{part.strip()}' is not 'KIND MINUTES [ACTIVITY]': "
                'write e.g. "stretching 10, rom 10, aerobic 20 walking".'
            )
        kind = parse_kind(match.group("kind"))
        minutes = parse_minutes(match.group("minutes"))
        activity = match.group("activity")
        items.append(RoutineItem(kind=kind, minutes=minutes, activity=activity))
    return tuple(items)


def routine_text(items: tuple[RoutineItem, ...]) -> str:
    """Routine items back to the 'stretching 10, rom 10' form."""
    return ", ".join(
        f"{item.kind} {item.minutes}" + (f" {item.activity}" if item.activity else "")
        for item in items
    )


def with_value(config: Config, key: str, value: str) -> Config:
    """A copy of the settings with KEY set to VALUE (an empty VALUE removes the setting)."""
    from alslog.parse import parse_kind

    key = key.strip().lower()
    data = config.model_dump(mode="python")
    clear = value.strip() == ""
    if key in ("name", "therapist"):
        data[key] = None if clear else value.strip()
    elif key in ("aerobic_goal_minutes", "aerobic_goal", "goal"):
        key = "aerobic_goal_minutes"
        if clear:
            data[key] = None
        else:
            try:
                data[key] = int(value.strip().removesuffix("min").strip())
            except ValueError:
                raise UsageError(
                    f"aerobic_goal_minutes must be whole minutes a week, e.g. 150, not '{value}'."
                ) from None
    elif key == "onset":
        from alslog.rating import parse_onset

        if clear:
            data[key] = None
        else:
            day = parse_onset(value)  # UsageError in its own words
            data[key] = f"{day.year:04d}-{day.month:02d}"
    elif key in ("rating_every_days", "rating_every"):
        key = "rating_every_days"
        word = value.strip().removesuffix("days").strip()
        if clear:
            data[key] = None
        elif word.isascii() and word.isdigit() and 1 <= int(word) <= RATING_EVERY_MAX:
            data[key] = int(word)
        else:
            raise UsageError(
                f"rating_every_days must be whole days from 1 to {RATING_EVERY_MAX}, "
                f"e.g. 30, not '{value.strip()}'."
            )
    elif key == "plain":
        word = value.strip().lower()
        if clear:
            data[key] = None
        elif word in _TRUE + _FALSE:
            data[key] = word in _TRUE
        else:
            raise UsageError(f"plain must be true or false, not '{value.strip()}'.")
    elif key.startswith("activity."):
        kind = parse_kind(key.removeprefix("activity."))
        activities = dict(data["activity"])
        if clear:
            activities.pop(kind, None)
        else:
            activities[kind] = value.strip()
        data["activity"] = activities
    elif key.startswith(("routine.", "routines.")):
        name = key.split(".", 1)[1]
        routines = dict(data["routines"])
        if clear:
            routines.pop(name, None)
        else:
            routines[name] = parse_routine(value)
        data["routines"] = routines
    else:
        raise UsageError(f"Unknown setting '{key}': use {ACCEPTED_KEYS}.")
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        loc, msg = _where(error)
        if loc.startswith("routines."):
            raise UsageError(
                f"'{key.split('.', 1)[1]}' is not a routine name alslog accepts: "
                "use 1 to 32 lower-case letters, digits, - or _."
            ) from None
        raise UsageError(f"{key}: {msg}.") from None


def set_value(paths: Paths, key: str, value: str, *, lock_timeout: float = 10.0) -> Config:
    """Set one setting in the config file, validated, and return the new settings.

    The read, change and write hold the logbook's lock: two ``config set`` at
    once both keep their change (without it, one overwrote the other's).
    """
    from alslog import lock
    from alslog.atomic import why
    from alslog.errors import WriteError

    try:
        with lock.held(paths.store_dir, lock_timeout):
            new = with_value(load(paths), key, value)
            save(paths, new)
    except OSError as error:  # the lock file could not be made
        raise WriteError(
            f"Could not save the settings: cannot lock {paths.store_dir}: {why(error)}. "
            "Nothing was changed."
        ) from None
    return new
