"""The checks a rule can name, built in one place: check name -> (settings, function).

Each module of this package holds a family of checks, every check's settings
model beside the function that yields its findings. A new kind of check is a
module (or a class and a function in one), a line of :data:`REGISTRY` and its
rule in ``guidelines.toml``.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from alslog.guidelines.base import RuleBase
from alslog.guidelines.checks import aching, amount, daily, effort, ratings, red_flags
from alslog.models import Finding

CheckFn = Callable[..., Iterable[Finding]]


# A check: the model of its settings and the function that applies them.
Check = tuple[type[RuleBase], CheckFn]

REGISTRY: dict[str, Check] = {
    "rpe-above": (effort.RpeAbove, effort.rpe_above),
    "cannot-talk": (effort.CannotTalk, effort.cannot_talk),
    "kept-going": (effort.KeptGoing, effort.kept_going),
    "aching-after": (aching.AchingAfter, aching.aching_after),
    "checkin-fatigue": (aching.CheckinFatigue, aching.checkin_fatigue),
    "minutes-above": (amount.MinutesAbove, amount.minutes_above),
    "kind-logged": (amount.KindLogged, amount.kind_logged),
    "symptom-terms": (red_flags.SymptomTerms, red_flags.symptom_terms),
    "symptom-other": (red_flags.SymptomOther, red_flags.symptom_other),
    "daily": (daily.Daily, daily.daily),
    "rating-fall": (ratings.RatingFall, ratings.rating_fall),
}


if TYPE_CHECKING:
    AnyRule = RuleBase
else:
    # The tagged union of every check's settings, in the registry's order.
    AnyRule = typing.Union[tuple(settings for settings, _ in REGISTRY.values())]  # noqa: UP007
Rule = Annotated[AnyRule, Field(discriminator="check")]

RULE_CLASSES: dict[str, type[RuleBase]] = {name: c[0] for name, c in REGISTRY.items()}
CHECK_FUNCTIONS: dict[str, CheckFn] = {name: c[1] for name, c in REGISTRY.items()}
CHECKS: tuple[str, ...] = tuple(REGISTRY)
