"""Red-flag matching against a corpus of phrasings, and on random text (hypothesis).

Every phrasing in tests/data/red_flags.toml under [alert] must alert and name
its sign; the [quiet] ones should not. Recall must be 100%; false alarms are
printed (run with -s to see them) and kept below a small ceiling.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alslog import guidelines
from alslog.guidelines import symptoms
from alslog.guidelines.checks.red_flags import red_flags

CORPUS = tomllib.loads((Path(__file__).parent / "data" / "red_flags.toml").read_text("utf-8"))
RULE = guidelines.load().rule("red-flag-symptom")
assert isinstance(RULE, guidelines.SymptomTerms)
SPECS = tuple(group.spec() for group in RULE.all_groups())
ALERTS = [(group, text) for group, texts in CORPUS["alert"].items() for text in texts]
QUIET: list[str] = CORPUS["quiet"]["texts"]
FALSE_ALARMS_MAX = 0.05  # of the quiet texts


def groups_in(text: str) -> list[str]:
    return [hit.group for hit in symptoms.find(text, SPECS)]


def test_the_corpus_is_big_enough_and_covers_every_group() -> None:
    assert len(ALERTS) >= 200 and len(QUIET) >= 60
    assert set(CORPUS["alert"]) == {group.name for group in RULE.groups}
    assert max(CORPUS["alert"], key=lambda g: len(CORPUS["alert"][g])) == "breathing"


def test_recall_is_complete_and_false_alarms_are_few() -> None:
    missed = [(group, text) for group, text in ALERTS if group not in groups_in(text)]
    alarms = [text for text in QUIET if groups_in(text)]
    recall = 1 - len(missed) / len(ALERTS)
    rate = len(alarms) / len(QUIET)
    print(f"\nrecall {recall:.1%} of {len(ALERTS)}; false alarms {rate:.1%} of {len(QUIET)}")
    for text in alarms:
        print(f"  false alarm: {text!r} -> {groups_in(text)}")
    assert missed == []
    assert rate <= FALSE_ALARMS_MAX, alarms


def test_the_matcher_is_built_once_for_every_note() -> None:
    # What a note costs is measured by bench/red_flags.py, not asserted here.
    first = symptoms._matcher(SPECS)
    for _group, text in ALERTS[:20]:
        symptoms.find(text, SPECS)
    assert symptoms._matcher(SPECS) is first


# ---- hypothesis -----------------------------------------------------------------------

PLAIN = st.sampled_from(
    [
        "walked",
        "to",
        "the",
        "park",
        "with",
        "my",
        "sister",
        "today",
        "after",
        "lunch",
        "slowly",
        "on",
        "the",
        "flat",
        "path",
        "it",
        "was",
        "sunny",
        "and",
        "then",
        "we",
        "sat",
        "on",
        "a",
        "bench",
        "for",
        "a",
        "while",
    ]
)
SIGNS = st.sampled_from(
    [(group, text) for group, text in ALERTS if not any(c in text for c in ",.;:!?()/")]
)


@settings(max_examples=300, deadline=None)
@given(before=st.lists(PLAIN, max_size=8), sign=SIGNS, after=st.lists(PLAIN, max_size=8))
def test_a_sign_among_plain_words_still_alerts(
    before: list[str], sign: tuple[str, str], after: list[str]
) -> None:
    group, text = sign
    note = " ".join([*before, text, *after])
    assert group in groups_in(note), note


@settings(max_examples=300, deadline=None)
@given(before=st.lists(PLAIN, max_size=5), sign=SIGNS)
def test_a_sign_in_a_sentence_of_its_own_alerts(before: list[str], sign: tuple[str, str]) -> None:
    group, text = sign
    note = " ".join(before) + ". " + text.upper() + "!"
    assert group in groups_in(note), note


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_screened_without_error(text: str) -> None:
    for hit in symptoms.find(text, SPECS):
        assert hit.group in {group.name for group in RULE.groups}


@pytest.mark.parametrize("negation", ["no", "not", "without", "denies", "never had any"])
def test_a_plain_negation_hides_each_shipped_single_word_sign(negation: str) -> None:
    for group in RULE.groups:
        for term in group.terms:
            if " " in term or group.name == "cramping":
                continue
            assert groups_in(f"{negation} {term}") == [], f"{negation} {term}"


# ---- the matcher kept in the guideline cache ------------------------------------------


def _from_cache(tmp_path: Path) -> guidelines.SymptomTerms:
    from alslog.guidelines import cache

    path = tmp_path / "guidelines.pickle"
    cache.write(path, b"key", guidelines.load())
    loaded = cache.read(path, b"key")
    assert loaded is not None
    rule = loaded.rule("red-flag-symptom")
    assert isinstance(rule, guidelines.SymptomTerms)
    return rule


def test_the_matcher_restored_from_the_cache_finds_what_a_built_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [text for _group, text in ALERTS] + QUIET + ["chest pian", "SOB", "no chest pain"]
    built = [groups_in(text) for text in texts]
    built_state = symptoms._matcher(SPECS).state()
    rule = _from_cache(tmp_path)
    monkeypatch.setattr(symptoms, "_MATCHERS", {})
    monkeypatch.setattr(symptoms._Matcher, "__init__", None)  # restored, never built
    restored = [[h.group for _, hits in red_flags([text], rule) for h in hits] for text in texts]
    assert restored == built
    assert symptoms._matcher(SPECS).state() == built_state


def test_tables_that_do_not_fit_the_groups_are_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    from alslog.guidelines.checks import red_flags as checks

    expected = groups_in("chest pain")
    rule = _from_cache(tmp_path)
    assert isinstance(checks._TABLES[id(rule)][1][1], bytes)  # read only when needed
    specs, state = checks.tables(rule)
    other = checks.tables(rule.model_copy(update={"groups": rule.groups[:1]}))
    bad_states = (state[:3], ("x",) * 7, b"\x80junk", pickle.dumps(Path("x")), pickle.dumps(1))
    bad_tables = (other, "damaged", None, *((specs, bad) for bad in bad_states))
    for bad in bad_tables:
        monkeypatch.setattr(symptoms, "_MATCHERS", {})
        checks.keep_tables(rule, bad)
        assert [h.group for _, hits in red_flags(["chest pain"], rule) for h in hits] == expected
        assert symptoms._matcher(rule.specs()).state() == checks.tables(rule)[1]
