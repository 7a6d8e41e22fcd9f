"""The guideline file's shape: :class:`Guidelines` and its tables, and the ids the
program relies on.

Layout of ``guidelines.toml`` (tables keyed by id, so a duplicate id is a TOML error)::

    schema = 1
    disclaimer = "..."
    [guide]              overview
    [rules.ID]           check, severity, message, sources, enabled, + the check's settings
    [[rules.ID.groups]]  symptom-terms: name, terms, abbreviations, gap, sources
    [topics.ID]          title, summary, points, sources
    [effort]             easy, moderate, hard, very-hard (Borg values of the guided answers)
    [ready]              fatigue_at (optional)
    [ready.verdicts]     rest, easy, fine
    [ready.questions.ID] question, if_yes, reason, sources
    [sources.ID]         name, authors, title, publisher, year, url, note

Each rule's settings are defined beside its check in ``checks/``.
"""

# Annotations are objects, not strings: see the note in base.py.

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

import alslog.guidelines.guide as pages
from alslog import words
from alslog.guidelines.base import MODEL, Id, Line, SourceIds, Text, Url
from alslog.guidelines.checks import AnyRule, Rule
from alslog.guidelines.checks.aching import AchingAfter
from alslog.guidelines.checks.daily import Daily
from alslog.guidelines.checks.effort import RpeAbove
from alslog.guidelines.checks.red_flags import SymptomTerms
from alslog.guidelines.guide import Guide, Topic
from alslog.models import RPE_MAX, RPE_MIN, Kind

SCHEMA = 1

# Rule ids the program relies on, and the check each must use. Rules added
# later (like "far-above-moderate") stay optional, so older personal copies load.
REQUIRED_RULES: dict[str, str] = {
    "above-moderate": "rpe-above",
    "pushed-through-fatigue": "kept-going",
    "next-day-aching": "aching-after",
    "daily-stretching": "daily",
    "daily-rom": "daily",
    "strength-caution": "kind-logged",
    "red-flag-symptom": "symptom-terms",
    "long-aerobic": "minutes-above",
}
# The red-flag rule tells people to stop and contact their care team (see load.py).
RED_FLAG_RULE = "red-flag-symptom"
# The shipped last word after an alert, for a personal copy that has none.
STOP_WORDS = "Stop here for today: rest, and contact your care team."
REQUIRED_TOPICS: tuple[str, ...] = (
    "stretching",
    "rom",
    "aerobic",
    "strength",
    "fatigue",
    "aching",
    "red-flags",
    "before",
)


class Source(BaseModel):
    """A published source, as far as alslog has established it.

    ``authors`` as known ("Surname Initials"; "Surname et al." when only the
    first author is known); ``publisher`` is the journal with volume and pages,
    or who published it; ``note`` says what alslog takes from the source.
    """

    model_config = MODEL

    name: Line
    authors: Annotated[tuple[Line, ...], Field(max_length=40)] = ()  # optional: older copies load
    title: Line | None = None
    publisher: Line | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: Url | None = None
    note: Line | None = None

    def citation(self) -> str:
        """One plain line: 'name: authors, "title", publisher, year. url'.

        More than three authors are cut to the first and "et al.", so a
        citation read aloud stays short. The note (what alslog takes from the
        source: the guide's text says it) is left out, except for a source with
        neither authors nor a URL, which its citation alone does not find: the
        note then says what it is.
        """
        parts: list[str] = []
        if self.authors:
            parts.append(_authors(self.authors))
        if self.title:
            parts.append(f"“{self.title}”")
        if self.publisher and self.publisher not in (self.name, *self.authors):
            parts.append(self.publisher)
        if self.year is not None:
            parts.append(str(self.year))
        text = f"{self.name}: {', '.join(parts)}." if parts else f"{self.name}."
        if self.note and not self.authors and not self.url:
            text += f" {self.note}"
        if self.url:
            text += f" {self.url}"
        return text


AUTHORS_SHOWN = 3


def _authors(authors: tuple[str, ...]) -> str:
    """'A, B and C' up to three; more: 'A et al.' (an entry may already end in 'et al.')."""
    if len(authors) > AUTHORS_SHOWN:
        return f"{authors[0].removesuffix(' et al.')} et al."
    return words.and_list(list(authors))


class Verdicts(BaseModel):
    """The words for each verdict of the before-exercise check."""

    model_config = MODEL

    rest: Line
    easy: Line
    fine: Line


class Question(BaseModel):
    """A yes/no question of the before-exercise check."""

    model_config = MODEL

    question: Line
    if_yes: Literal["rest", "easy"]
    reason: Line
    sources: SourceIds


class Effort(BaseModel):
    """The Borg 6-20 value stored for each answer of the guided effort question."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True,
                              populate_by_name=True)  # fmt: skip

    easy: int = Field(default=10, ge=RPE_MIN, le=RPE_MAX)
    moderate: int = Field(default=12, ge=RPE_MIN, le=RPE_MAX)
    hard: int = Field(default=15, ge=RPE_MIN, le=RPE_MAX)
    very_hard: int = Field(default=17, ge=RPE_MIN, le=RPE_MAX, alias="very-hard")
    # Where the moderate band starts; it ends at the above-moderate rule's rpe_max.
    moderate_from: int = Field(default=11, ge=RPE_MIN, le=RPE_MAX, alias="moderate-from")


class Ready(BaseModel):
    """The before-exercise check (``alslog ready``)."""

    model_config = MODEL

    # A check-in fatigue at or above this (0-10) today means "go easy".
    fatigue_at: int = Field(default=7, ge=1, le=10)
    verdicts: Verdicts
    questions: Annotated[dict[Id, Question], Field(min_length=1)]


class Guidelines(BaseModel):
    """A validated guideline file."""

    model_config = MODEL

    schema_version: Literal[1] = Field(alias="schema")
    disclaimer: Text
    guide: Guide
    rules: dict[Id, Rule]
    topics: dict[Id, Topic]
    effort: Effort = Field(default_factory=Effort)  # optional: older copies load
    ready: Ready
    sources: dict[Id, Source]

    _path: Path | None = PrivateAttr(default=None)

    @property
    def path(self) -> Path | None:
        """The file these guidelines were read from."""
        return self._path

    @property
    def moderate_band(self) -> tuple[int, int]:
        """The Borg values called moderate: from ``[effort] moderate-from`` to the
        above-moderate rule's ``rpe_max`` (so a personal limit moves the band too)."""
        rule = self.rules["above-moderate"]
        assert isinstance(rule, RpeAbove)  # load's cross-check made sure
        return (min(self.effort.moderate_from, rule.rpe_max), rule.rpe_max)

    @property
    def daily_kinds(self) -> tuple[Kind, ...]:
        """The kinds the enabled daily rules ask for every day, in file order."""
        kinds: list[Kind] = []
        for rule in self.rules.values():
            if isinstance(rule, Daily) and rule.enabled and rule.kind not in kinds:
                kinds.append(rule.kind)
        return tuple(kinds)

    @property
    def stop_words(self) -> str:
        """The last word after an alert: stop, rest, and contact the care team."""
        rule = self.rules[RED_FLAG_RULE]
        assert isinstance(rule, SymptomTerms)  # load's cross-check made sure
        return rule.stop or STOP_WORDS

    def rule(self, rule_id: str) -> AnyRule:
        """The rule with that id (KeyError if there is none)."""
        return self.rules[rule_id]

    def source(self, source_id: str) -> Source:
        """The source with that id (KeyError if there is none)."""
        return self.sources[source_id]

    def cite(self, source_id: str) -> str:
        """The full one-line citation of a source."""
        return self.sources[source_id].citation()

    def source_names(self, source_ids: Iterable[str]) -> str:
        """Short names of the sources, joined: ``"ALS News Today; ACSM"``."""
        return "; ".join(self.sources[s].name for s in source_ids)

    def topic_id(self, name: str) -> str:
        """The id of the guide topic called ``name``, or named by an unambiguous prefix.

        Case does not matter. Raises :class:`UsageError` for no match or several.
        """
        return pages.topic_id(self.topics, name)

    def topic(self, name: str) -> Topic:
        """The guide topic called ``name`` or an unambiguous prefix (see :meth:`topic_id`).

        Its text with ``{days}`` and ``{percent}`` filled from the aching rule
        (``topics`` holds the text as written).
        """
        aching = self.rules["next-day-aching"]
        assert isinstance(aching, AchingAfter)  # load's cross-check made sure
        return pages.filled(self.topics[self.topic_id(name)], aching)
