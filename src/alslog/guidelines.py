"""``guidelines.toml`` -> validated :class:`Guidelines`.

The guideline file holds, as data, what the published sources say: the rules
the engine in ``rules.py`` applies, the guide topics, the before-exercise
questions and the sources themselves. Users and therapists may edit a personal
copy, so everything is checked: unknown keys, bad values, unknown source ids,
missing rules and unknown ``{placeholders}`` are refused with one line naming
the file and the key.

Layout (tables keyed by id, so a duplicate id is a TOML error)::

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
    [sources.ID]         name, title, publisher, year, url, note

Loading runs on every ``alslog add``: this module imports nothing heavy and
does no printing and no clock reads.
"""

from __future__ import annotations

import re
import string
import typing
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from alslog import paths
from alslog.errors import GuidelineError, UsageError
from alslog.models import RPE_MAX, RPE_MIN, Kind, Severity

SCHEMA = 1

# defer_build: a model's validator is built on its first validation, not at
# import; with the cache of validated guidelines most runs never validate (see
# ``load_cached``).
_MODEL = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)]
Line = Annotated[str, Field(min_length=1, max_length=300)]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
Url = Annotated[str, Field(pattern=r"^https?://\S+$", max_length=500)]
SourceIds = Annotated[tuple[Id, ...], Field(min_length=1)]
Term = Annotated[str, Field(min_length=2, max_length=60)]
Verdict = Literal["rest", "easy", "fine"]

# Placeholders every session rule can use in its message.
_SESSION = frozenset({"kind", "activity", "minutes", "day"})
# Placeholders guide topics can use: the window and cut of the aching rule.
TOPIC_PLACEHOLDERS = frozenset({"days", "percent"})


class Source(BaseModel):
    """A published source, as far as the documents describe it."""

    model_config = _MODEL

    name: Line
    title: Line | None = None
    publisher: Line | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: Url | None = None
    note: Line | None = None

    def citation(self) -> str:
        """One line: name, "title", publisher, year. note url."""
        parts = [self.name]
        if self.title:
            parts.append(f"“{self.title}”")
        if self.publisher and self.publisher != self.name:
            parts.append(self.publisher)
        if self.year is not None:
            parts.append(str(self.year))
        text = ", ".join(parts) + "."
        if self.note:
            text += f" {self.note}"
        if self.url:
            text += f" {self.url}"
        return text


class RuleBase(BaseModel):
    """Fields every rule has; each check adds its own settings in a subclass."""

    model_config = _MODEL

    # The {placeholders} the engine fills for this check.
    PLACEHOLDERS: ClassVar[frozenset[str]] = frozenset()

    severity: Severity
    message: Text
    sources: SourceIds
    enabled: bool = True

    @field_validator("message")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        _check_placeholders(value, cls.PLACEHOLDERS)
        return value


class RpeAbove(RuleBase):
    """A session rated above ``rpe_max`` on the Borg 6-20 scale."""

    PLACEHOLDERS = _SESSION | {"rpe", "limit"}
    check: Literal["rpe-above"]
    rpe_max: int = Field(ge=RPE_MIN, le=RPE_MAX)


class CannotTalk(RuleBase):
    """A session during which the person could not talk comfortably."""

    PLACEHOLDERS = _SESSION
    check: Literal["cannot-talk"]


class KeptGoing(RuleBase):
    """A session where the person kept going after getting tired."""

    PLACEHOLDERS = _SESSION
    check: Literal["kept-going"]


# The kinds an aching check-in suggests cutting, unless a guideline file says
# otherwise: stretching and range of motion are asked for every day.
CUT_KINDS: tuple[Kind, ...] = ("aerobic", "strength", "other")


class AchingAfter(RuleBase):
    """A check-in that reports aching, after sessions of ``kinds`` in the ``days_before`` days.

    {sessions} lists them with their shorter times; the one-session
    placeholders ({minutes}, {suggested}...) describe the latest of them.
    """

    PLACEHOLDERS = _SESSION | {"ache_day", "suggested", "percent", "days", "sessions"}
    check: Literal["aching-after"]
    days_before: int = Field(ge=1, le=7)
    cut_back_percent: int = Field(ge=5, le=75)
    kinds: Annotated[tuple[Kind, ...], Field(min_length=1)] = CUT_KINDS


class CheckinFatigue(RuleBase):
    """Sessions on a day whose check-in rates fatigue ``fatigue_at`` or more (0-10).

    One finding per such day: {sessions} lists its sessions; the session
    placeholders describe the latest.
    """

    PLACEHOLDERS = _SESSION | {"fatigue", "limit", "sessions"}
    check: Literal["checkin-fatigue"]
    fatigue_at: int = Field(ge=1, le=10)


class MinutesAbove(RuleBase):
    """A session of ``kind`` longer than ``minutes_max``."""

    PLACEHOLDERS = _SESSION | {"limit"}
    check: Literal["minutes-above"]
    kind: Kind
    minutes_max: int = Field(ge=1, le=600)


class KindLogged(RuleBase):
    """Any session of ``kind`` (a standing caution about that kind of exercise)."""

    PLACEHOLDERS = _SESSION
    check: Literal["kind-logged"]
    kind: Kind


# The symptom rules look at check-ins too, which have no kind or minutes.
_SYMPTOM = frozenset({"symptoms", "day"})
Abbreviation = Annotated[str, Field(pattern=r"^[A-Za-z0-9]{2,12}$")]


class SymptomGroup(BaseModel):
    """One sign of a ``symptom-terms`` rule: its phrasings, abbreviations and sources."""

    model_config = _MODEL

    name: Id
    terms: Annotated[tuple[Term, ...], Field(min_length=1)]
    abbreviations: tuple[Abbreviation, ...] = ()
    gap: int = Field(default=2, ge=0, le=6)  # other words allowed between a term's words
    sources: SourceIds

    def spec(self) -> tuple[str, tuple[str, ...], tuple[str, ...], int]:
        """The group as ``symptoms.find`` takes it."""
        return (self.name, self.terms, self.abbreviations, self.gap)


class SymptomTerms(RuleBase):
    """A session or check-in whose symptoms or notes mention a sign of ``groups``.

    ``terms`` is the older form (one list, credited to the rule's sources):
    personal copies written before groups still load.
    """

    PLACEHOLDERS = _SYMPTOM
    check: Literal["symptom-terms"]
    groups: tuple[SymptomGroup, ...] = ()
    terms: tuple[Term, ...] = ()
    # The last word after an alert ("Stop here for today: ..."). Optional, so
    # older personal copies load; they get the shipped words.
    stop: Line | None = None

    def all_groups(self) -> tuple[SymptomGroup, ...]:
        """The groups, with the older ``terms`` list as one more group."""
        if not self.terms:
            return self.groups
        legacy = SymptomGroup(name="your-terms", terms=self.terms, sources=self.sources)
        return (*self.groups, legacy)


class SymptomOther(RuleBase):
    """Symptoms of a session or check-in that no ``symptom-terms`` rule matched."""

    PLACEHOLDERS = _SYMPTOM
    check: Literal["symptom-other"]


class Daily(RuleBase):
    """A finished day, since the logbook began, without a session of ``kind``."""

    PLACEHOLDERS = frozenset({"day", "kind"})
    check: Literal["daily"]
    kind: Kind


AnyRule = (
    RpeAbove
    | CannotTalk
    | KeptGoing
    | AchingAfter
    | CheckinFatigue
    | MinutesAbove
    | KindLogged
    | SymptomTerms
    | SymptomOther
    | Daily
)
Rule = Annotated[AnyRule, Field(discriminator="check")]

RULE_CLASSES: dict[str, type[RuleBase]] = {
    typing.get_args(cls.model_fields["check"].annotation)[0]: cls
    for cls in typing.get_args(typing.get_args(Rule)[0])
}
CHECKS: tuple[str, ...] = tuple(RULE_CLASSES)

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
# The red-flag rule tells people to stop and contact their care team: a personal
# copy may add terms but must keep it on, as an alert, still catching these.
RED_FLAG_RULE = "red-flag-symptom"
# The shipped last word after an alert, for a personal copy that has none.
STOP_WORDS = "Stop here for today: rest, and contact your care team."
RED_FLAG_CORE: tuple[str, ...] = (
    "chest pain",
    "short of breath",
    "severe cramps",
    "unusually heavy sweating",
    "cola-coloured urine",
    "dizzy",
    "fainted",
    "heart racing",
)
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


class Topic(BaseModel):
    """One page of ``alslog guide``."""

    model_config = _MODEL

    title: Line
    summary: Line
    points: Annotated[tuple[Line, ...], Field(min_length=1)]
    sources: SourceIds

    @field_validator("title", "summary")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        _check_placeholders(value, TOPIC_PLACEHOLDERS)
        return value

    @field_validator("points")
    @classmethod
    def _point_placeholders(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for point in value:
            _check_placeholders(point, TOPIC_PLACEHOLDERS)
        return value


class Guide(BaseModel):
    """What ``alslog guide`` shows with no topic."""

    model_config = _MODEL

    overview: Text


class Verdicts(BaseModel):
    """The words for each verdict of the before-exercise check."""

    model_config = _MODEL

    rest: Line
    easy: Line
    fine: Line


class Question(BaseModel):
    """A yes/no question of the before-exercise check."""

    model_config = _MODEL

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

    model_config = _MODEL

    # A check-in fatigue at or above this (0-10) today means "go easy".
    fatigue_at: int = Field(default=7, ge=1, le=10)
    verdicts: Verdicts
    questions: Annotated[dict[Id, Question], Field(min_length=1)]


class Guidelines(BaseModel):
    """A validated guideline file."""

    model_config = _MODEL

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
        assert isinstance(rule, RpeAbove)  # _cross_check made sure
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
        assert isinstance(rule, SymptomTerms)  # _cross_check made sure
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
        key = name.strip().lower()
        if key in self.topics:
            return key
        matches = [t for t in self.topics if key and t.startswith(key)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise UsageError(
                f"guide topic {name!r} could be {', '.join(matches)}: type a little more"
            )
        raise UsageError(f"no guide topic {name!r}; topics: {', '.join(self.topics)}")

    def topic(self, name: str) -> Topic:
        """The guide topic called ``name`` or an unambiguous prefix (see :meth:`topic_id`).

        Its text with ``{days}`` and ``{percent}`` filled from the aching rule
        (``topics`` holds the text as written).
        """
        topic = self.topics[self.topic_id(name)]
        aching = self.rules["next-day-aching"]
        assert isinstance(aching, AchingAfter)  # _cross_check made sure
        values = {"days": aching.days_before, "percent": aching.cut_back_percent}
        return topic.model_copy(
            update={
                "title": topic.title.format_map(values),
                "summary": topic.summary.format_map(values),
                "points": tuple(p.format_map(values) for p in topic.points),
            }
        )


# ---- loading ----------------------------------------------------------------


def load(path: Path | None = None) -> Guidelines:
    """Read and validate a guideline file (the shipped one when ``path`` is None).

    Raises :class:`GuidelineError` with one line (file, key, what is wrong).
    """
    if path is None:
        path = paths.shipped_guidelines()
    return _validate_bytes(path, _read(path))


def load_cached(path: Path | None, cache: Path) -> tuple[Guidelines, Callable[[], None] | None]:
    """:func:`load` through a cache file of the validated result: (guidelines, save).

    Parsing the TOML, building the validators of the many models above and
    validating cost ~10 ms on every ``alslog add``, and the file rarely
    changes. The cache is used while the file's path and bytes and this
    program's code are the same; otherwise the file is validated, and ``save``
    (None on a hit) writes the cache when called, which the caller does only
    once its command succeeded. Only a file that passed every check is ever
    cached, so a bad file is always reported.
    """
    if path is None:
        path = paths.shipped_guidelines()
    data = _read(path)
    key = _cache_key(path, data)
    cached = _from_cache(cache, key)
    if cached is not None:
        return cached, None
    guidelines = _validate_bytes(path, data)
    return guidelines, lambda: _to_cache(cache, key, guidelines)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GuidelineError(f"{path}: cannot read the file ({exc.strerror or exc})") from None


def _validate_bytes(path: Path, data: bytes) -> Guidelines:
    import tomllib  # only when validating: a cached run needs no TOML

    from alslog import limits

    label = str(path)
    try:
        limits.check_size(len(data))
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GuidelineError(f"{label}: line {line}: not UTF-8 text") from None
    except ValueError as exc:
        raise GuidelineError(f"{label}: the file {exc}; {_FIX}") from None
    try:
        raw = limits.parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise GuidelineError(f"{label}: {_toml_problem(str(exc))}") from None
    except ValueError as exc:  # nested too deep, a huge number...: Python's limits, said plainly
        raise GuidelineError(f"{label}: the file {exc}; {_FIX}") from None
    return parse(raw, label=label, path=path)


_FIX = "fix it, or remove your personal copy to use the shipped guidelines"


# ---- the cache of validated guidelines ---------------------------------------------
# The file holds a key line, then the pickled Guidelines. It lives in the user's
# own data folder (0700), next to the logbook, and is read only when its key
# matches. Any problem reading it means a miss; writing it is best effort.
#
# Unpickling can run any code a pickle names, and the cache is a file anyone who
# can write the data folder can replace: it is read by _CacheUnpickler, which
# builds only the guideline models of this module and a path, so a forged or
# damaged cache is at worst a miss (the toml is then validated), never code run.
_CACHE_FORMAT = b"alslog-guidelines-cache 1"
_CACHE_MAX_BYTES = 4 * 1024 * 1024  # the shipped guidelines pickle to ~16 KB


def _cache_key(path: Path, data: bytes) -> bytes:
    """Hash of the file's path and bytes and of the code that validated it."""
    import hashlib

    import pydantic

    from alslog import __version__, models

    digest = hashlib.sha256(_CACHE_FORMAT)
    for part in (str(path), __version__, pydantic.VERSION):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    # The shipped file too: a personal copy is merged with its red-flag groups.
    for module in (__file__, models.__file__, paths.shipped_guidelines()):
        try:
            info = Path(module).stat()
        except OSError:
            continue
        digest.update(f"{info.st_mtime_ns}:{info.st_size}\0".encode())
    digest.update(data)
    return digest.hexdigest().encode("ascii")


def _cache_classes() -> dict[tuple[str, str], type]:
    """The only classes a cache may build: the guideline models and a path."""
    import pathlib

    # Every model defined in this module, so a new one can never make the cache miss.
    models = [
        value
        for value in globals().values()
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == __name__
    ]
    allowed: dict[tuple[str, str], type] = {(__name__, cls.__name__): cls for cls in models}
    for name in ("PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath", "Path"):
        allowed[("pathlib", name)] = getattr(pathlib, name)
    return allowed


def _from_cache(cache: Path, key: bytes) -> Guidelines | None:
    import io
    import pickle

    class _CacheUnpickler(pickle.Unpickler):
        """Builds guideline models and paths only: anything else is a miss."""

        allowed = _cache_classes()

        def find_class(self, module: str, name: str) -> Any:
            found = self.allowed.get((module, name))
            if found is None:
                raise pickle.UnpicklingError(f"{module}.{name} is not a guideline class")
            return found

        def persistent_load(self, pid: Any) -> Any:
            raise pickle.UnpicklingError("no persistent ids in a guideline cache")

    import os
    import stat

    try:
        # Non-blocking, and only a regular file: a FIFO put there must not hang alslog.
        fd = os.open(cache, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None
            blob = file.read(_CACHE_MAX_BYTES + 1)
        if len(blob) > _CACHE_MAX_BYTES:
            return None
        head, _, body = blob.partition(b"\n")
        if head != key:
            return None
        guidelines = _CacheUnpickler(io.BytesIO(body)).load()
        if not isinstance(guidelines, Guidelines) or not _whole(guidelines):
            return None
    except Exception:  # a missing, damaged, forged or outdated cache is a miss
        return None
    return guidelines


def _whole(guidelines: Guidelines) -> bool:
    """Whether an unpickled Guidelines has the shape validation gives (cheap checks).

    A cache is only written from a file that passed every check; this catches
    one that was not (hand-made, or from another version) before the rules
    trip over it.
    """
    state = vars(guidelines)
    if set(state) != set(Guidelines.model_fields):
        return False
    return (
        all(isinstance(rule, RuleBase) for rule in guidelines.rules.values())
        and all(isinstance(topic, Topic) for topic in guidelines.topics.values())
        and all(isinstance(source, Source) for source in guidelines.sources.values())
        and isinstance(guidelines.ready, Ready)
        and isinstance(guidelines.guide, Guide)
        and set(REQUIRED_RULES) <= set(guidelines.rules)
        and isinstance(guidelines.path, Path | None)
    )


def _to_cache(cache: Path, key: bytes, guidelines: Guidelines) -> None:
    import pickle

    from alslog import atomic

    try:
        data = key + b"\n" + pickle.dumps(guidelines, protocol=5)
        cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic.write_atomic(cache, data)
    except Exception:  # best effort: without a cache (read-only home...) it is only slower
        pass


def parse(
    raw: Mapping[str, Any], *, label: str = "guidelines", path: Path | None = None
) -> Guidelines:
    """Validate already-parsed TOML data (``label`` names it in errors)."""
    if "schema" not in raw:
        raise GuidelineError(f"{label}: schema: missing (this alslog reads schema {SCHEMA})")
    if raw["schema"] != SCHEMA or type(raw["schema"]) is not int:
        raise GuidelineError(
            f"{label}: schema: this alslog reads schema {SCHEMA} (got {_show(raw['schema'])})"
        )
    data = _tuples(raw)
    try:
        guidelines = Guidelines.model_validate(data)
    except ValidationError as exc:
        # A misspelt key shows as "unknown key" and "missing": name the typo first.
        errors = sorted(exc.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
        more = len(errors) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise GuidelineError(f"{label}: {_explain(errors[0], data)}{tail}") from None
    _cross_check(guidelines, label)
    _check_sources(guidelines, label)
    guidelines = _check_red_flag(guidelines, label, path)
    guidelines._path = path
    return guidelines


def _cross_check(g: Guidelines, label: str) -> None:
    """What one table cannot check alone: required ids and source references."""
    for rule_id, check in REQUIRED_RULES.items():
        if rule_id not in g.rules:
            raise GuidelineError(
                f"{label}: rules: missing [rules.{rule_id}] (every guideline file needs: "
                f"{', '.join(REQUIRED_RULES)})"
            )
        got = g.rules[rule_id].check
        if got != check:
            raise GuidelineError(
                f"{label}: rules.{rule_id}.check: must be {check!r} for this rule (got {got!r})"
            )
    for topic_id in REQUIRED_TOPICS:
        if topic_id not in g.topics:
            raise GuidelineError(
                f"{label}: topics: missing [topics.{topic_id}] (every guideline file needs: "
                f"{', '.join(REQUIRED_TOPICS)})"
            )


def _check_sources(g: Guidelines, label: str) -> None:
    """Every source id cited names a [sources.ID] of the file."""
    cited: list[tuple[str, tuple[str, ...]]] = []
    cited += [(f"rules.{k}.sources", r.sources) for k, r in g.rules.items()]
    cited += [(f"topics.{k}.sources", t.sources) for k, t in g.topics.items()]
    cited += [(f"ready.questions.{k}.sources", q.sources) for k, q in g.ready.questions.items()]
    for rule_id, rule in g.rules.items():
        if isinstance(rule, SymptomTerms):
            cited += [
                (f"rules.{rule_id}.groups[{i}].sources", group.sources)
                for i, group in enumerate(rule.groups)
            ]
    for key, ids in cited:
        for index, source_id in enumerate(ids):
            if source_id not in g.sources:
                raise GuidelineError(
                    f"{label}: {key}[{index}]: unknown source {source_id!r} "
                    f"(no [sources.{source_id}] in this file)"
                )


def _check_red_flag(g: Guidelines, label: str, path: Path | None) -> Guidelines:
    """The red-flag rule stays on, an alert, in the shipped words, with every shipped sign.

    A personal copy that turns it off, lowers it or rewrites its message is
    refused (as for any other bad value: one line naming the file and key), so
    nobody is told "all good" by a file they may not know was edited. Its terms
    are merged instead of checked: the shipped groups are always added (a group
    of the same name adds its terms to the shipped one), so a copy made before
    a new phrasing was shipped still gets it, and no copy can drop one.
    Returns the guidelines with the merged rule (and any shipped source its
    groups cite that the copy lacks).
    """
    rule = g.rules[RED_FLAG_RULE]
    assert isinstance(rule, SymptomTerms)  # _cross_check checked the check
    key = f"rules.{RED_FLAG_RULE}"
    why = "(it tells people to stop and contact their care team)"
    if not rule.enabled:
        raise GuidelineError(f"{label}: {key}.enabled: must stay enabled with severity alert {why}")
    if rule.severity != "alert":
        raise GuidelineError(
            f"{label}: {key}.severity: must stay enabled with severity alert {why}"
        )
    if not rule.groups and not rule.terms:
        raise GuidelineError(f"{label}: {key}.groups: missing (list the signs to alert on)")
    if path is None or path.resolve() != paths.shipped_guidelines().resolve():
        shipped = load()
        shipped_rule = shipped.rules[RED_FLAG_RULE]
        assert isinstance(shipped_rule, SymptomTerms)
        if rule.message != shipped_rule.message:
            raise GuidelineError(
                f"{label}: {key}.message: must stay as shipped {why}; copy it from "
                f"{paths.shipped_guidelines()}"
            )
        if rule.stop is not None and rule.stop != shipped_rule.stop:
            raise GuidelineError(
                f"{label}: {key}.stop: must stay as shipped {why}; copy it from "
                f"{paths.shipped_guidelines()}, or leave it out"
            )
        g = _merge_red_flag(g, rule, shipped, shipped_rule)
        rule = g.rules[RED_FLAG_RULE]
        assert isinstance(rule, SymptomTerms)
    from alslog import symptoms  # pure and small, but only needed when validating

    specs = tuple(group.spec() for group in rule.all_groups())
    missed = [s for s in RED_FLAG_CORE if not symptoms.find(s, specs)]
    if missed:
        raise GuidelineError(
            f"{label}: {key}.groups: must still catch {', '.join(repr(s) for s in missed)}; "
            f"add terms, don't drop these {why}"
        )
    return g


def _merge_red_flag(
    g: Guidelines, rule: SymptomTerms, shipped: Guidelines, shipped_rule: SymptomTerms
) -> Guidelines:
    """``g`` with the shipped red-flag groups merged into its own (see :func:`_check_red_flag`)."""
    own = {group.name: group for group in rule.groups}
    merged: list[SymptomGroup] = []
    for group in shipped_rule.groups:
        extra = own.pop(group.name, None)
        if extra is not None:
            group = group.model_copy(
                update={
                    "terms": _union(group.terms, extra.terms),
                    "abbreviations": _union(group.abbreviations, extra.abbreviations),
                }
            )
        merged.append(group)
    merged.extend(own.values())
    sources = dict(g.sources)
    for group in merged:
        for source_id in group.sources:
            if source_id not in sources and source_id in shipped.sources:
                sources[source_id] = shipped.sources[source_id]
    # An older copy's one list of terms: keep only what the shipped groups do not
    # already catch, so "dizzy" is not credited to the copy's sources as well.
    from alslog import symptoms

    specs = tuple(group.spec() for group in merged)
    terms = tuple(t for t in rule.terms if not symptoms.find(t, specs))
    rules = dict(g.rules)
    rules[RED_FLAG_RULE] = shipped_rule.model_copy(
        update={"groups": tuple(merged), "terms": terms, "sources": rule.sources}
    )
    return g.model_copy(update={"rules": rules, "sources": sources})


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return first + tuple(x for x in second if x not in first)


def _check_placeholders(message: str, allowed: frozenset[str]) -> None:
    """Refuse {placeholders} the check does not fill, and any formatting in them."""
    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError:
        raise ValueError("unbalanced { or } (write {{ or }} for a plain brace)") from None
    known = ", ".join("{" + p + "}" for p in sorted(allowed))
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        shown = (
            "{"
            + name
            + (f"!{conversion}" if conversion else "")
            + (f":{spec}" if spec else "")
            + "}"
        )
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"write placeholders plainly, like {{minutes}} (got {shown})")
        if name not in allowed:
            raise ValueError(f"unknown placeholder {shown}; this check provides {known}")


_TOML_TWICE = re.compile(r"Cannot declare \((.*)\) twice \(at (line \d+)")


def _toml_problem(text: str) -> str:
    """tomllib's message, with plainer words for a table or key written twice."""
    twice = _TOML_TWICE.search(text)
    if twice:
        key = ".".join(part.strip().strip("'\"") for part in twice.group(1).split(",") if part)
        return f"{twice.group(2)}: [{key}] is written twice (ids must be unique)"
    text = text.replace("Cannot overwrite a value", "a key is written twice")
    return f"TOML syntax error: {text}"


def _tuples(value: Any) -> Any:
    """Lists -> tuples, so the strict models accept TOML arrays as tuples."""
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


# ---- turning a pydantic error into one plain line ---------------------------

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _explain(error: Mapping[str, Any], data: Any) -> str:
    loc = list(error["loc"])
    kind: str = error["type"]
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    # A rule's check is a tagged union: pydantic puts the tag into the location.
    rules_data = data.get("rules")
    if len(loc) >= 3 and loc[0] == "rules" and isinstance(rules_data, dict):
        rule = rules_data.get(loc[1])
        if isinstance(rule, dict) and loc[2] == rule.get("check"):
            del loc[2]
    if loc and loc[-1] == "[key]":
        loc.pop()
        return f"{_dotted(loc)}: not a valid id: use lowercase letters, digits and '-'"
    field_type, field_info = _type_at(loc, data)
    key = _dotted(loc)
    got = f" (got {_show(value)})"

    if kind == "missing":
        return f"{key}: missing (required)"
    if kind == "extra_forbidden":
        parent, _ = _type_at(loc[:-1], data)
        accepted = _accepted_keys(parent)
        return f"{key}: unknown key" + (f" (accepted: {', '.join(accepted)})" if accepted else "")
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        checks = ", ".join(CHECKS)
        if kind == "union_tag_not_found":
            return f"{key}.check: missing (known checks: {checks})"
        return f"{key}.check: unknown check {ctx.get('tag')!r} (known checks: {checks})"
    if kind == "literal_error":
        options = _literal_options(field_type)
        return f"{key}: must be one of {', '.join(options)}{got}"
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = _bounds(field_info)
        if low is not None and high is not None:
            return f"{key}: must be from {low} to {high}{got}"
        bound = ctx.get("ge", ctx.get("le"))
        word = "at least" if kind == "greater_than_equal" else "at most"
        return f"{key}: must be {word} {bound}{got}"
    if kind == "int_type":
        return f"{key}: must be a whole number{got}"
    if kind == "string_type":
        return f"{key}: must be text in quotes{got}"
    if kind == "bool_type":
        return f"{key}: must be true or false{got}"
    if kind in ("tuple_type", "list_type"):
        return f"{key}: must be a list [...]{got}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{key}: must be a table{got}"
    if kind == "string_too_short":
        return f"{key}: must not be empty"
    if kind == "string_too_long":
        return f"{key}: too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_short":
        return f"{key}: must list at least {ctx.get('min_length')} item(s)"
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "url":
            return f"{key}: must start with http:// or https://{got}"
        return f"{key}: use lowercase letters, digits and '-'{got}"
    if kind == "value_error":
        return f"{key}: {str(error['msg']).removeprefix('Value error, ')}"
    message = str(error["msg"])
    return f"{key}: {message[:1].lower()}{message[1:]}{got}"


def _dotted(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = str(part) if _PLAIN_KEY.match(str(part)) else f'"{part}"'
            out += f".{text}" if out else text
    return out or "(top level)"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, tuple):
        value = list(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """Strip Annotated and Optional; return the bare type and the metadata."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            args = typing.get_args(tp)
            tp, meta = args[0], meta + list(args[1:])
            continue
        args = typing.get_args(tp)
        if args and type(None) in args and len(args) == 2:
            tp = next(a for a in args if a is not type(None))
            continue
        return tp, meta


def _type_at(loc: list[Any], data: Any) -> tuple[Any, Any]:
    """The declared type at ``loc`` (and the pydantic field there), best effort."""
    tp: Any = Guidelines
    info: Any = None
    here: Any = data
    for part in loc:
        tp, _ = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            field = next(
                (f for n, f in tp.model_fields.items() if part in (n, f.alias)),
                None,
            )
            if field is None:
                return None, None
            tp, info = field.annotation, field
            if field.metadata:
                tp = Annotated[(tp, *field.metadata)]
        elif typing.get_origin(tp) is dict:
            tp, info = typing.get_args(tp)[1], None
        elif typing.get_origin(tp) is tuple:
            tp, info = typing.get_args(tp)[0], None
        else:
            return None, None
        here = here.get(part) if isinstance(here, dict) else None
        # the union of rule models: pick the member the data asks for
        bare, _ = _unwrap(tp)
        if typing.get_args(bare) and all(
            isinstance(a, type) and issubclass(a, RuleBase) for a in typing.get_args(bare)
        ):
            check = here.get("check") if isinstance(here, dict) else None
            tp = RULE_CLASSES.get(check) if isinstance(check, str) else None
            if tp is None:
                return None, None
    return tp, info


def _accepted_keys(tp: Any) -> list[str]:
    tp, _ = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or n for n, f in tp.model_fields.items()]
    return []


def _literal_options(tp: Any) -> list[str]:
    tp, _ = _unwrap(tp)
    if typing.get_origin(tp) is tuple:
        tp, _ = _unwrap(typing.get_args(tp)[0])
    if typing.get_origin(tp) is Literal:
        return [str(a) for a in typing.get_args(tp)]
    return []


def _bounds(info: Any) -> tuple[Any, Any]:
    low = high = None
    for item in getattr(info, "metadata", None) or ():
        low = getattr(item, "ge", low)
        high = getattr(item, "le", high)
    return low, high
