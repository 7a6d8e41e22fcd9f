"""Bounded parsing: hostile shapes give one plain ValueError, never a crash."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alslog import limits


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nests deeper"),
        (b"[" * (limits.MAX_DEPTH + 1) + b"]" * (limits.MAX_DEPTH + 1), "nests deeper"),
        (b'{"a": ' + b"9" * 5000 + b"}", "5000 digits"),
        (b'{"a": "\\ud800"}', "lone surrogate"),
        (b'{"\\udfff": 1}', "lone surrogate"),
        (b'{"a": 1e999}', "too large"),
        (b'{"a": NaN}', "not a number"),
    ],
)
def test_hostile_json_is_one_value_error(data: bytes, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        limits.parse_json(data)


def test_json_within_the_limits_parses() -> None:
    nested = "[" * limits.MAX_DEPTH + "]" * limits.MAX_DEPTH
    assert limits.parse_json(nested) is not None
    assert limits.parse_json('{"a": -' + "9" * limits.MAX_DIGITS + "}")["a"] < 0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a = " + "[" * 100_000 + "]" * 100_000, "nests deeper"),
        ("a = " + "9" * 5000, "too large"),
        ("a = " + "9" * 200, "digits"),
        ("a = 1e999", "too large"),
    ],
)
def test_hostile_toml_is_one_value_error(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        limits.parse_toml(text)


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(ValueError, match="larger than alslog reads"):
        limits.check_size(limits.MAX_BYTES + 1)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_any_ordinary_value_round_trips_or_is_refused_plainly(value: object) -> None:
    text = json.dumps(value)
    try:
        assert limits.parse_json(text) == value
    except ValueError as exc:  # only a huge integer or a lone surrogate may be refused
        assert "digits" in str(exc) or "surrogate" in str(exc) or "nests" in str(exc)


# ---- the stored files' depth check ---------------------------------------------------
_TEXT = st.text(alphabet='ab"\\[]{} \n', max_size=8)
_JSON = st.recursive(
    st.none() | st.integers(-5, 5) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=30,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


@given(_JSON, st.integers(0, 8), st.booleans())
def test_the_depth_check_of_stored_files_counts_only_real_nesting(
    value: object, depth: int, ascii_only: bool
) -> None:
    """Brackets and quotes inside strings (escaped or not) never change the answer."""
    from alslog.store.codec import shallow

    data = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")
    assert shallow(data, depth) == (_depth(value) <= depth)
