"""Finding red-flag signs in what people write: symptoms, notes, check-ins.

Pure text matching, no I/O: the red-flag checks call :func:`find` with the term
groups of the guideline file. The steps:

1. Normalise: Unicode NFKC, case folded, curly apostrophes straight,
   "could not" read as "couldn't" and "didnt" as "didn't".
2. Split into clauses at punctuation (. , ; : ! ? brackets, dashes, new lines).
3. Tokenize each clause into words, and reduce each word to a light stem
   ("breathing" and "breathe" -> "breath", "dizziness" -> "dizzy",
   "cramps" -> "cramp"), so every inflection of a term counts.
4. A term (a few words) matches when all its words appear in one clause, in
   any order, with at most the group's ``gap`` other words between them.
   A word also matches with one typing slip (a letter missing, extra, wrong
   or two swapped) when the intended word has five letters or more, and with
   two letters swapped in a four-letter word ("pian"); real words that are one
   slip away from a term word ("paint", "watch") are never taken for typos.
   Abbreviations ("SOB") match only as whole words, exactly.
5. Negation: a match does not count only when its clause plainly says the sign
   was absent: "no", "not", "without", "never", "denies"... right before it
   (with at most three plain words like "feel", "any", "had" between, or other
   signs in the same list: "no chest pain or dizziness"), or "free" right after
   ("pain-free"), and nothing after it in the clause that says it did happen
   ("until", "before", "like this", "since"...). Anything else alerts.

Costs: the structures for a set of groups are built once per process
(:func:`compiled`) or restored from the guideline cache; a typical note takes some
tens of microseconds. rapidfuzz is imported only when a word is near a term word
without matching it exactly (ordinary notes rarely are), unicodedata for non-ASCII.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

# One group of the guideline file: (name, terms, abbreviations, gap).
GroupSpec = tuple[str, tuple[str, ...], tuple[str, ...], int]
_Term = tuple[int, tuple[int, ...], int]  # (group index, word ids, gap): plain data

# Words that say a sign was absent when they come right before it.
NEGATIONS = frozenset(
    {"no", "not", "without", "never", "denies", "deny", "denied", "none", "nor", "neither"}
    | {"didn't", "don't", "doesn't", "wasn't", "weren't", "isn't", "aren't", "ain't"}
    | {"haven't", "hasn't", "hadn't", "shouldn't"}
)
# Words that say "could not": part of signs ("can't breathe", "cramp won't stop"),
# never a negation of one. Read as one word, "can't", when matching terms.
_CANT = frozenset({"can't", "couldn't", "cannot", "unable", "won't", "wouldn't"})
# Plain words that may stand between a negation and the sign: "did not feel
# dizzy", "no pain in my calf", "never had any chest pain".
FILLERS = frozenset(
    {"a", "an", "any", "the", "at", "all", "of", "in", "my", "was", "were", "be", "been"}
    | {"sign", "signs", "feel", "feels", "feeling", "felt", "get", "gets", "getting", "got"}
    | {"have", "has", "having", "had", "notice", "noticed", "experience", "experienced"}
    | {"calf", "calves", "leg", "legs", "knee", "knees", "back", "hip", "hips", "arm", "arms"}
    | {"shoulder", "shoulders", "neck", "foot", "feet", "hand", "hands", "ankle", "ankles"}
    | {"muscle", "muscles", "joint", "joints", "real", "or"}
)
NEGATION_GAP = 3  # at most this many fillers between the negation and the sign
# After a negated sign, any of these in the clause means it did happen:
# "never had chest pain like this", "didn't feel dizzy until the end".
UNNEGATE = frozenset(
    {"until", "till", "til", "before", "like", "than", "since", "except", "apart", "unless"}
    | {"anymore", "now", "yet", "first", "initially", "earlier", "this"}
)
# Right after a sign, this says it was absent: "pain free", "pain-free".
POST_NEGATIONS = frozenset({"free"})

# Real words one slip away from a term word: never read as a typo of it (they
# still match when they are a term word themselves).
NOT_TYPOS = frozenset(
    {"paint", "painted", "painter", "painting", "saint", "feint", "taint", "fizzy", "tizzy"}
    | {"heard", "hearth", "hearty", "hears", "seat", "bread", "breadth", "clamp"}
    | {"crimp", "tramp", "cram", "crams", "eight", "light", "night", "right", "sight"}
    | {"fight", "might", "tights", "tighten", "pacing", "facing", "lacing", "raving", "racking"}
    | {"grasping", "rasping", "gaps", "minded", "winder", "winced", "wined", "wended"}
    | {"blocked", "block", "back", "backed", "lacked", "slack", "sweet", "swear", "swept"}
    | {"sweaty", "sweater", "round", "found", "sound", "mound", "wound", "pond", "pounds"}
    | {"boozy", "oozy", "chess", "heave", "planting", "ranting", "wanting", "parting"}
    | {"pasting", "wheeling", "cooking", "cooked", "swallow", "swallowed", "swallowing"}
    | {"double", "doubles", "watch", "watched", "watching", "match", "batch", "latch", "hatch"}
    | {"patch", "thumb", "purse", "flatter", "fluster", "clutter", "looked", "brine", "weight"}
    | {"height", "brown", "crown", "grown", "drown", "frown", "brows", "pained", "gasket"}
    | {"rained", "ruined", "coal", "colder", "shirt", "sport", "shorts", "snort", "shore"}
    | {"hurtle", "hurtled", "hurtles", "hurtling"}
)

# Straight apostrophes; the clause marks beyond ASCII (dashes, "…", "·") read as ".":
_APOSTROPHES = str.maketrans("\u2019\u2018\u02bc`\u2013\u2014\u2026\u00b7", "''''....")
_CLAUSE = re.compile(r"[.,;:!?()\[\]{}/|\\\n\r\t]|\s-+\s|^-+\s|\s-+$")  # ASCII: compiles 3x faster
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# "could not" -> "couldn't": one word, like its contraction.
_NOT_AFTER = {
    "can": "can't", "could": "couldn't", "would": "wouldn't", "will": "won't",
    "did": "didn't", "do": "don't", "does": "doesn't", "was": "wasn't", "were": "weren't",
    "is": "isn't", "are": "aren't", "have": "haven't", "has": "hasn't", "had": "hadn't",
    "should": "shouldn't",
}  # fmt: skip
# Contractions typed without the apostrophe ("wont" is a word, but mostly "won't" typed fast).
_BARE = {w.replace("'", ""): w for w in (*_NOT_AFTER.values(), "ain't")}


def normalise(text: str) -> str:
    """NFKC, case folded, with straight apostrophes and "." for the dashes, "…" and "·"."""
    if not text.isascii():  # NFKC leaves ASCII as it is: most notes never need unicodedata
        text = __import__("unicodedata").normalize("NFKC", text)
    return text.casefold().translate(_APOSTROPHES)


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` (as normalised), split at punctuation; empty ones dropped."""
    return [part for part in _CLAUSE.split(normalise(text)) if part and not part.isspace()]


def words(clause: str) -> list[str]:
    """The words of a normalised clause, contractions joined ("could not" -> "couldn't")."""
    out: list[str] = []
    for word in _WORD.findall(clause):
        word = _BARE.get(word, word)
        if word == "not" and out and out[-1] in _NOT_AFTER:
            out[-1] = _NOT_AFTER[out[-1]]
            continue
        out.append(word)
    return out


_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    # (suffix, replacement, shortest stem left): "dizziness" -> "dizzy", "badly" -> "bad".
    ("iness", "y", 3),
    ("ness", "", 3),
    # The same, with the last "s" missed (a common slip): "dizzines", "breathlessnes".
    ("ines", "y", 3),
    ("nes", "", 6),
    ("ily", "y", 3),
    ("ly", "", 3),
    ("ier", "y", 3),
    ("ied", "y", 3),
    ("ies", "y", 3),
    # "ing" and "ed" only leave stems of five letters or more: "winded" stays
    # itself (not "wind"), "racing" stays itself (not "rac"), so short words
    # list their forms in the guideline file.
    ("ing", "", 5),
    ("ed", "", 5),
    ("s", "", 3),
)
_DOUBLED = frozenset("bdgmnprt")


@functools.lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A light stem: inflections of the same word meet ("cramping", "cramps" -> "cramp").

    Negations read as "not" and "could not" forms as "can't", so a term may
    say "not enough air" or "can't breathe" and match each way of writing it.
    """
    if word in NEGATIONS:
        return "not"
    if word in _CANT:
        return "can't"
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    for suffix, replacement, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            if suffix == "s" and word.endswith("ss"):
                break
            base = word[: -len(suffix)]
            doubled = len(base) > 1 and base[-1] == base[-2] and base[-1] in _DOUBLED
            if suffix in ("ing", "ed") and doubled:  # "skipping" -> "skip"
                base = base[:-1]
            word = base + replacement
            break
    if word.endswith("e") and len(word) > 3:  # "breathe" -> "breath", "severe" -> "sever"
        word = word[:-1]
    return word


class Hit(NamedTuple):
    """A sign found in a text: which group, and the clause it is in (as written, normalised)."""

    group: str
    clause: str


class _Matcher:
    """The compiled form of a set of groups (see :func:`find`)."""

    STATE = ("names", "_ids", "_exact", "_forms", "terms", "by_word", "_near")  # see state()

    def __init__(self, groups: tuple[GroupSpec, ...]) -> None:
        self._cache: dict[str, frozenset[int]] = {}
        self.names = tuple(g[0] for g in groups)
        self._ids: dict[str, int] = {}  # stem -> word id
        self._exact: dict[str, int] = {}  # abbreviation -> word id
        self._forms: dict[str, int] = {}  # a term word as written and its stem -> word id
        self.terms: list[_Term] = []
        self.by_word: dict[int, list[int]] = {}  # word id -> term indexes
        for index, (_name, terms, abbreviations, gap) in enumerate(groups):
            for term in terms:
                ids = tuple(self._word_id(w) for w in words(normalise(term)))
                if ids:
                    self._add((index, ids, gap))
            for abbreviation in abbreviations:
                key = normalise(abbreviation).strip()
                word_id = self._exact.setdefault(key, len(self._ids) + len(self._exact) + 10**6)
                self._add((index, (word_id,), 0))
        # Symmetric-delete index for typos: a form, or it less a letter -> forms, space-joined.
        self._near: dict[str, str] = {}
        near = self._near
        for form in self._forms:
            if len(form) >= 4 and form.isalpha():
                near[form] = near[form] + " " + form if form in near else form
                for i in range(len(form)):
                    variant = form[:i] + form[i + 1 :]
                    if variant in near:
                        near[variant] += " " + form
                    else:
                        near[variant] = form

    def state(self) -> tuple[Any, ...]:
        """The compiled form as plain data (dicts, lists, tuples, strings, ints)."""
        return tuple(getattr(self, name) for name in self.STATE)

    def _word_id(self, word: str) -> int:
        key = stem(word)
        word_id = self._ids.setdefault(key, len(self._ids))
        self._forms.setdefault(word, word_id)
        self._forms.setdefault(key, word_id)
        return word_id

    def _add(self, term: _Term) -> None:
        number = len(self.terms)
        self.terms.append(term)
        for word_id in set(term[1]):
            self.by_word.setdefault(word_id, []).append(number)

    def word_ids(self, word: str) -> frozenset[int]:
        """The term words ``word`` stands for: exactly, by its stem, or with one typing slip."""
        found = self._cache.get(word)
        if found is not None:
            return found
        ids: set[int] = set()
        if word in self._exact:
            ids.add(self._exact[word])
        key = stem(word)
        if key in self._ids:
            ids.add(self._ids[key])
        if word in self._forms:
            ids.add(self._forms[word])
        if not ids and word not in NOT_TYPOS and key not in NOT_TYPOS:
            ids.update(self._typo_ids(word, key))
        result = frozenset(ids)
        if len(self._cache) < 20_000:
            self._cache[word] = result
        return result

    def _typo_ids(self, word: str, key: str) -> set[int]:
        found: set[int] = set()
        for written in {word, key}:
            if len(written) < 4 or not written.isalpha():
                continue
            variants = (written, *_deletions(written))
            near = {f for v in variants for f in self._near.get(v, "").split()}
            # Five letters or more: any one slip. Four: only two letters swapped.
            candidates = [
                form
                for form in near
                if (len(form) >= 5 and abs(len(form) - len(written)) <= 1)
                or (len(form) == len(written) == 4 and sorted(form) == sorted(written))
            ]
            if not candidates:
                continue
            from rapidfuzz.distance import OSA  # only for a near miss: most texts never need it

            for form in candidates:
                if OSA.distance(written, form, score_cutoff=1) <= 1:
                    found.add(self._forms[form])
        return found

    def find(self, text: str) -> list[Hit]:
        """Every group with a match in ``text`` that is not plainly negated, in group order."""
        hits: dict[int, str] = {}
        for clause in clauses(text):
            tokens = words(clause)
            if not tokens:
                continue
            token_ids = [self.word_ids(t) for t in tokens]
            present = set().union(*token_ids)
            if not present:
                continue
            matches = list(self._matches(token_ids, present))
            covered = {p for _g, positions in matches for p in positions}
            for group, positions in matches:
                if group not in hits and not _negated(tokens, positions, covered):
                    hits[group] = clause.strip()
        return [Hit(self.names[g], hits[g]) for g in sorted(hits)]

    def _matches(
        self, token_ids: list[frozenset[int]], present: set[int]
    ) -> Iterator[tuple[int, tuple[int, ...]]]:
        """(group, positions) of each place a term matches in one clause."""
        seen: set[int] = set()
        for word_id in present:
            for number in self.by_word.get(word_id, ()):
                if number in seen:
                    continue
                seen.add(number)
                term = self.terms[number]
                if not set(term[1]) <= present:
                    continue
                for positions in _windows(term, token_ids):
                    yield term[0], positions


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _windows(term: _Term, token_ids: list[frozenset[int]]) -> Iterator[tuple[int, ...]]:
    """Each set of positions holding all the term's words within its span (any order)."""
    places = [[p for p, ids in enumerate(token_ids) if w in ids] for w in term[1]]
    anchors = sorted({p for ps in places for p in ps})
    span = len(term[1]) + term[2]  # its words and the gap
    for anchor in anchors:
        used: list[int] = []
        for ps in places:
            pick = next((p for p in ps if anchor <= p < anchor + span and p not in used), None)
            if pick is None:
                break
            used.append(pick)
        else:
            yield tuple(sorted(used))


def _negated(tokens: list[str], positions: tuple[int, ...], covered: set[int]) -> bool:
    """Whether the clause plainly says the sign at ``positions`` was absent."""
    start, end = positions[0], positions[-1]
    after = tokens[end + 1 :]
    if any(t in UNNEGATE for t in after):
        return False  # "never had chest pain like this", "not dizzy until the end"
    if after and after[0] in POST_NEGATIONS:
        return True  # "pain free"
    fillers = 0
    index = start - 1
    while index >= 0:
        word = tokens[index]
        if index in covered:  # another sign of the same list: "no chest pain or dizziness"
            index -= 1
            continue
        if word in NEGATIONS:
            return True
        if word in FILLERS and fillers < NEGATION_GAP:
            fillers += 1
            index -= 1
            continue
        return False
    return False


_MATCHERS: dict[tuple[GroupSpec, ...], _Matcher] = {}  # at most 16, the oldest dropped


def compiled(groups: tuple[GroupSpec, ...], state: tuple[Any, ...] | None = None) -> _Matcher:
    """The compiled form of ``groups``, made once (from ``state``, its ``_Matcher.state``)."""
    found = _MATCHERS.get(groups)
    if found is None:
        if len(_MATCHERS) >= 16:
            del _MATCHERS[next(iter(_MATCHERS))]
        found = _Matcher.__new__(_Matcher) if state else _Matcher(groups)
        if state:  # restored, not built: its tables as they were
            vars(found).update(zip(_Matcher.STATE, state, strict=True), _cache={})
        _MATCHERS[groups] = found
    return found


_matcher = compiled


def find(text: str, groups: tuple[GroupSpec, ...]) -> list[Hit]:
    """The groups whose signs ``text`` mentions (not plainly negated), in the order given.

    ``groups``: (name, terms, abbreviations, gap) for each group; the compiled
    form is cached per tuple. Never raises on any text.
    """
    if not text or not groups:
        return []
    return compiled(groups).find(text)


def screen(texts: Iterable[str], groups: tuple[GroupSpec, ...]) -> list[tuple[str, list[Hit]]]:
    """Each text that mentions a sign, with its hits (texts without one are left out)."""
    out: list[tuple[str, list[Hit]]] = []
    for text in texts:
        hits = find(text, groups)
        if hits:
            out.append((text, hits))
    return out
