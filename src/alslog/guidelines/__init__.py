"""The guidelines: what the published sources say, as data, and the rules engine.

The face of the package; the rest of alslog imports from here (the red-flag
matcher from :mod:`alslog.guidelines.symptoms`). Inside, ``schema`` is the
file's shape, ``checks/`` each check's settings beside its function (and the
registry of them), ``engine`` applies the rules, ``load`` reads and validates a
file (``cache`` keeps the validated result, ``explain`` words a bad value) and
``guide`` fills the guide's pages. Nothing of the package imports this face.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from alslog.guidelines.base import RuleBase, Verdict
from alslog.guidelines.checks import CHECKS, RULE_CLASSES, AnyRule
from alslog.guidelines.checks.aching import AchingAfter, CheckinFatigue, suggest_minutes
from alslog.guidelines.checks.amount import KindLogged, MinutesAbove
from alslog.guidelines.checks.daily import Daily
from alslog.guidelines.checks.effort import CannotTalk, KeptGoing, RpeAbove
from alslog.guidelines.checks.ratings import RatingFall
from alslog.guidelines.checks.red_flags import SymptomGroup, SymptomOther, SymptomTerms, red_flags
from alslog.guidelines.guide import Guide, Topic
from alslog.guidelines.load import RED_FLAG_CORE, load, load_cached, parse
from alslog.guidelines.schema import (
    RED_FLAG_RULE,
    REQUIRED_RULES,
    REQUIRED_TOPICS,
    SCHEMA,
    STOP_WORDS,
    Effort,
    Guidelines,
    Question,
    Ready,
    Source,
    Verdicts,
)

if TYPE_CHECKING:
    from alslog.guidelines.engine import evaluate, history_days, lookahead_days, session_findings

# The engine is imported on first use: a run that only loads the (cached)
# guidelines, or refuses a bad file, needs none of it.
_ENGINE = frozenset({"evaluate", "history_days", "lookahead_days", "session_findings"})


def __getattr__(name: str) -> Any:
    if name in _ENGINE:
        import alslog.guidelines.engine as engine

        value = getattr(engine, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CHECKS",
    "RED_FLAG_CORE",
    "RED_FLAG_RULE",
    "REQUIRED_RULES",
    "REQUIRED_TOPICS",
    "RULE_CLASSES",
    "SCHEMA",
    "STOP_WORDS",
    "AchingAfter",
    "AnyRule",
    "CannotTalk",
    "CheckinFatigue",
    "Daily",
    "Effort",
    "Guide",
    "Guidelines",
    "KeptGoing",
    "KindLogged",
    "MinutesAbove",
    "Question",
    "RatingFall",
    "Ready",
    "RpeAbove",
    "RuleBase",
    "Source",
    "SymptomGroup",
    "SymptomOther",
    "SymptomTerms",
    "Topic",
    "Verdict",
    "Verdicts",
    "evaluate",
    "history_days",
    "load",
    "load_cached",
    "lookahead_days",
    "parse",
    "red_flags",
    "session_findings",
    "suggest_minutes",
]
