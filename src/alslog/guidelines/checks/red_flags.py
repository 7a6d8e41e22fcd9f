"""The red-flag checks: signs to stop for in what people write, and other symptoms.

Matching is in :mod:`alslog.guidelines.symptoms`, imported on the first text
to screen (a cached load of the guidelines needs none of it). The guideline
cache keeps each rule's compiled matcher as plain data beside the guidelines
(:func:`keep_tables`), so a run restores it instead of building it.
"""

# Annotations are objects, not strings: see the note in base.py.

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, Field

from alslog import words
from alslog.guidelines.base import MODEL, Id, Line, RuleBase, SourceIds, Term
from alslog.guidelines.checks.context import Context, finding
from alslog.models import CheckIn, Finding, Session

if TYPE_CHECKING:
    from alslog.guidelines.symptoms import GroupSpec, Hit

# The symptom rules look at check-ins too, which have no kind or minutes.
SYMPTOM_PLACEHOLDERS = frozenset({"symptoms", "day"})
Abbreviation = Annotated[str, Field(pattern=r"^[A-Za-z0-9]{2,12}$")]


class SymptomGroup(BaseModel):
    """One sign of a ``symptom-terms`` rule: its phrasings, abbreviations and sources."""

    model_config = MODEL

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

    PLACEHOLDERS = SYMPTOM_PLACEHOLDERS
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

    def specs(self) -> "tuple[GroupSpec, ...]":
        """Every group as the matcher takes it."""
        return tuple(group.spec() for group in self.all_groups())


class SymptomOther(RuleBase):
    """Symptoms of a session or check-in that no ``symptom-terms`` rule matched."""

    PLACEHOLDERS = SYMPTOM_PLACEHOLDERS
    check: Literal["symptom-other"]


# The compiled matchers that came with cached guidelines: id(rule) -> (rule, tables).
# Kept beside the rules, not in them, so a rule equals the same rule validated anew.
_TABLES: dict[int, tuple[SymptomTerms, Any]] = {}
# What a matcher's state is made of (``symptoms._Matcher.state``).
_STATE_TYPES = (tuple, dict, dict, dict, list, dict, dict)


def tables(rule: SymptomTerms) -> tuple[Any, Any]:
    """The rule's compiled matcher as plain data (its groups and the matcher's state),
    for the guideline cache to keep and :func:`keep_tables` to hand back."""
    from alslog.guidelines.symptoms import compiled

    specs = rule.specs()
    return (specs, compiled(specs).state())


def keep_tables(rule: SymptomTerms, kept: Any) -> None:
    """Use ``kept`` (:func:`tables` of a rule with the same groups, its state maybe pickled)
    for ``rule``'s matcher. A pickled state is read on the first text to screen, if any."""
    if len(_TABLES) >= 16:
        del _TABLES[next(iter(_TABLES))]
    _TABLES[id(rule)] = (rule, kept)


def _restore(rule: "SymptomTerms", specs: "tuple[GroupSpec, ...]") -> None:
    """Hand the matcher kept for this very rule to the matcher, if it fits its groups.

    Tables of other groups (or not tables at all: a damaged cache) are left
    unused, and the matcher is built from the groups as without a cache.
    """
    entry = _TABLES.pop(id(rule), None)
    if entry is None or entry[0] is not rule:
        return
    kept = entry[1]
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == specs):
        return
    state = _plain(kept[1]) if isinstance(kept[1], bytes) else kept[1]
    if not isinstance(state, tuple) or len(state) != len(_STATE_TYPES):
        return
    if all(isinstance(part, kind) for part, kind in zip(state, _STATE_TYPES, strict=True)):
        from alslog.guidelines.symptoms import compiled

        compiled(specs, state)


def _plain(blob: bytes) -> Any:
    """Unpickle plain data (dicts, lists, tuples, strings, numbers); None for anything else.

    No class is ever looked up, so a forged blob can build nothing else.
    """
    import io

    try:
        from _pickle import Unpickler
    except ImportError:  # a Python without the accelerator
        from pickle import Unpickler

    class _PlainUnpickler(Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            raise ValueError(f"{module}.{name}: matcher tables hold no classes")

        def persistent_load(self, pid: Any) -> Any:
            raise ValueError("matcher tables hold no persistent ids")

    try:
        return _PlainUnpickler(io.BytesIO(blob)).load()
    except Exception:  # damaged: the matcher is built instead
        return None


def red_flags(texts: Iterable[str], rule: "SymptomTerms") -> "list[tuple[str, list[Hit]]]":
    """Each text that mentions a sign of ``rule``'s groups, with what was found.

    Matching is in :mod:`alslog.guidelines.symptoms` (any inflection, word
    order, one typing slip, abbreviations; a sign counts unless plainly negated).
    """
    texts = [t for t in texts if t]
    if not texts:  # most sessions: nothing to screen
        return []
    from alslog.guidelines.symptoms import screen

    specs = rule.specs()
    if _TABLES:
        _restore(rule, specs)
    return screen(texts, specs)


# What a person wrote that is screened for red flags: each symptom, then every other
# free text (the note, a session's activity, where a check-in's aching is), quoted.
def _written(record: Session | CheckIn) -> list[tuple[str, bool]]:
    """(text, is_note) for each symptom, then the note and the other free texts."""
    out = [(text, False) for text in record.symptoms]
    other = record.activity if isinstance(record, Session) else record.where
    out.extend((text, True) for text in (record.note, other) if text)
    return out


_QUOTE_MAX = 80


def _shown(text: str, is_note: bool, hits: "list[Hit]") -> str:
    """A symptom as written; a note in quotes, cut to the part that matched when long."""
    if not is_note:
        return text
    if len(text) > _QUOTE_MAX:
        part = hits[0].clause
        text = part if len(part) <= _QUOTE_MAX else part[: _QUOTE_MAX - 1] + "\u2026"
    return f"\u201c{text.strip()}\u201d"


def _records(ctx: Context) -> Iterator[tuple[Session | CheckIn, date]]:
    """The sessions in the window, and the check-ins dated in it (with their day)."""
    for s in ctx.window_sessions():
        yield s, s.day
    for c in ctx.checkins:
        if ctx.start <= c.date <= ctx.end:
            yield c, c.date


def symptom_terms(rule_id: str, rule: SymptomTerms, ctx: Context) -> Iterator[Finding]:
    """One alert per record whose written texts name a sign, citing the signs' sources."""
    groups = {group.name: group for group in rule.all_groups()}
    for record, day in _records(ctx):
        written = _written(record)
        if not written:
            continue
        notes = {text for text, is_note in written if is_note}
        found = red_flags([text for text, _ in written], rule)
        if not found:
            continue
        shown = [_shown(text, text in notes, hits) for text, hits in found]
        matched = {hit.group for _text, hits in found for hit in hits}
        cited: list[str] = []
        for name, group in groups.items():  # in the file's order
            if name in matched:
                cited += [x for x in group.sources if x not in cited]
        values = {"symptoms": words.and_list(shown), "day": words.day_short(day)}
        yield finding(rule_id, rule, ctx, day, values).model_copy(
            update={
                "sessions": (record.id,) if isinstance(record, Session) else (),
                "source": ctx.guidelines.source_names(cited),
                "noted": tuple(shown),
                "at": record.at if isinstance(record, Session) else None,
            }
        )


def symptom_other(rule_id: str, rule: SymptomOther, ctx: Context) -> Iterator[Finding]:
    """The symptoms no enabled red-flag rule matched, one finding per record."""
    red = [r for r in ctx.guidelines.rules.values() if isinstance(r, SymptomTerms) and r.enabled]
    for record, day in _records(ctx):
        if not record.symptoms:
            continue
        flagged = {text for r in red for text, _ in red_flags(record.symptoms, r)}
        rest = [x for x in record.symptoms if x not in flagged]
        if rest:
            sessions = (record.id,) if isinstance(record, Session) else ()
            values = {"symptoms": words.and_list(rest), "day": words.day_short(day)}
            at = record.at if isinstance(record, Session) else None
            yield finding(rule_id, rule, ctx, day, values, sessions, noted=tuple(rest), at=at)
