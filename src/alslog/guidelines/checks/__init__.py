"""The checks a rule can name, built in one place: check name -> (settings, function).

Each module of this package holds a family of checks, every check's settings
model beside the function that yields its findings. A new kind of check is a
module (or a class and a function in one), a line of :data:`REGISTRY` and its
rule in ``guidelines.toml``.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from pydantic import Field

from alslog.guidelines.base import RuleBase
from alslog.guidelines.checks import aching, amount, daily, effort, red_flags
from alslog.models import Finding

CheckFn = Callable[..., Iterable[Finding]]


class Check(NamedTuple):
    """A check: the model of its settings and the function that applies them."""

    settings: type[RuleBase]
    apply: CheckFn


REGISTRY: dict[str, Check] = {
    "rpe-above": Check(effort.RpeAbove, effort.rpe_above),
    "cannot-talk": Check(effort.CannotTalk, effort.cannot_talk),
    "kept-going": Check(effort.KeptGoing, effort.kept_going),
    "aching-after": Check(aching.AchingAfter, aching.aching_after),
    "checkin-fatigue": Check(aching.CheckinFatigue, aching.checkin_fatigue),
    "minutes-above": Check(amount.MinutesAbove, amount.minutes_above),
    "kind-logged": Check(amount.KindLogged, amount.kind_logged),
    "symptom-terms": Check(red_flags.SymptomTerms, red_flags.symptom_terms),
    "symptom-other": Check(red_flags.SymptomOther, red_flags.symptom_other),
    "daily": Check(daily.Daily, daily.daily),
}


def _tag(settings: type[RuleBase]) -> Any:
    return typing.get_args(settings.model_fields["check"].annotation)[0]


# A registry line that names one check's settings under another's name would
# send its rules to the wrong function.
_wrong = [name for name, check in REGISTRY.items() if _tag(check.settings) != name]
assert not _wrong, f"checks registered under another name: {_wrong}"

if TYPE_CHECKING:
    AnyRule = RuleBase
else:
    # The tagged union of every check's settings, in the registry's order.
    AnyRule = typing.Union[tuple(check.settings for check in REGISTRY.values())]  # noqa: UP007
Rule = Annotated[AnyRule, Field(discriminator="check")]

RULE_CLASSES: dict[str, type[RuleBase]] = {name: c.settings for name, c in REGISTRY.items()}
CHECK_FUNCTIONS: dict[str, CheckFn] = {name: c.apply for name, c in REGISTRY.items()}
CHECKS: tuple[str, ...] = tuple(REGISTRY)
