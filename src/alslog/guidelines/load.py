"""``guidelines.toml`` -> validated :class:`Guidelines`: read, validate, cross-check,
protect the red-flag rule and merge the shipped signs into a personal copy.

Users and therapists may edit a personal copy, so everything is checked:
unknown keys, bad values, unknown source ids, missing rules and unknown
``{placeholders}`` are refused with one line naming the file and the key.

Loading runs on every ``alslog add``: this module imports nothing heavy and
does no printing and no clock reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

import alslog.guidelines.cache as cache_file
from alslog import paths
from alslog.errors import GuidelineError
from alslog.guidelines.checks.red_flags import SymptomGroup, SymptomTerms
from alslog.guidelines.schema import (
    RED_FLAG_RULE,
    REQUIRED_RULES,
    REQUIRED_TOPICS,
    SCHEMA,
    Guidelines,
)

# The red-flag rule tells people to stop and contact their care team: a personal
# copy may add terms but must keep it on, as an alert, still catching these.
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
_FIX = "fix it, or remove your personal copy to use the shipped guidelines"


def load(path: Path | None = None) -> Guidelines:
    """Read and validate a guideline file (the shipped one when ``path`` is None).

    Raises :class:`GuidelineError` with one line (file, key, what is wrong).
    """
    if path is None:
        path = paths.shipped_guidelines()
    return _validate_bytes(path, _read(path))


def load_cached(path: Path | None, cache: Path) -> tuple[Guidelines, Callable[[], None] | None]:
    """:func:`load` through a cache file of the validated result: (guidelines, save).

    Parsing the TOML, building the validators of the many models and
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
    key = cache_file.key(path, data)
    cached = cache_file.read(cache, key)
    if cached is not None:
        return cached, None
    guidelines = _validate_bytes(path, data)
    return guidelines, lambda: cache_file.write(cache, key, guidelines)


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


def parse(
    raw: Mapping[str, Any], *, label: str = "guidelines", path: Path | None = None
) -> Guidelines:
    """Validate already-parsed TOML data (``label`` names it in errors)."""
    # The explanations are needed only for a file that has a problem.
    if "schema" not in raw:
        raise GuidelineError(f"{label}: schema: missing (this alslog reads schema {SCHEMA})")
    if raw["schema"] != SCHEMA or type(raw["schema"]) is not int:
        from alslog.guidelines.explain import show

        raise GuidelineError(
            f"{label}: schema: this alslog reads schema {SCHEMA} (got {show(raw['schema'])})"
        )
    data = _tuples(raw)
    try:
        guidelines = Guidelines.model_validate(data)
    except ValidationError as exc:
        from alslog.guidelines.explain import explain

        # A misspelt key shows as "unknown key" and "missing": name the typo first.
        errors = sorted(exc.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
        more = len(errors) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise GuidelineError(f"{label}: {explain(errors[0], data)}{tail}") from None
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
        g = _add_missing(g, shipped)
        rule = g.rules[RED_FLAG_RULE]
        assert isinstance(rule, SymptomTerms)
    from alslog.guidelines.symptoms import find  # pure and small, only needed when validating

    missed = [s for s in RED_FLAG_CORE if not find(s, rule.specs())]
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
    from alslog.guidelines.symptoms import find

    specs = tuple(group.spec() for group in merged)
    terms = tuple(t for t in rule.terms if not find(t, specs))
    rules = dict(g.rules)
    rules[RED_FLAG_RULE] = shipped_rule.model_copy(
        update={"groups": tuple(merged), "terms": terms, "sources": rule.sources}
    )
    return g.model_copy(update={"rules": rules, "sources": sources})


# Rules about records a personal copy may predate: a copy without one gets the
# shipped rule, so a fall in a self-rating is raised whatever the copy's age. To
# turn one off, a copy keeps it with enabled = false.
SHIPPED_WHEN_MISSING = ("rating-fall",)


def _add_missing(g: Guidelines, shipped: Guidelines) -> Guidelines:
    """``g`` with each rule of SHIPPED_WHEN_MISSING it lacks taken from the shipped file."""
    missing = [r for r in SHIPPED_WHEN_MISSING if r not in g.rules and r in shipped.rules]
    if not missing:
        return g
    rules = dict(g.rules)
    sources = dict(g.sources)
    for rule_id in missing:
        rules[rule_id] = shipped.rules[rule_id]
        for source_id in shipped.rules[rule_id].sources:
            sources.setdefault(source_id, shipped.sources[source_id])
    return g.model_copy(update={"rules": rules, "sources": sources})


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return first + tuple(x for x in second if x not in first)


# Compiled only for a file with a TOML error (re caches it), not on every load.
_TOML_TWICE = r"Cannot declare \((.*)\) twice \(at (line \d+)"


def _toml_problem(text: str) -> str:
    """tomllib's message, with plainer words for a table or key written twice."""
    twice = re.search(_TOML_TWICE, text)
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
