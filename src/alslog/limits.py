"""Bounded parsing of every file alslog reads.

A file people edit, sync or are sent can hold anything: nesting a hundred
thousand levels deep, an integer of ten thousand digits, a lone UTF-16
surrogate that cannot be written back, or gigabytes. Python's parsers turn
those into ``RecursionError``, ``ValueError`` or ``MemoryError`` deep in the
code. These helpers parse JSON and TOML with limits and raise one
``ValueError`` whose text says plainly what is wrong, for the caller to turn
into its own error naming the file.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_BYTES = 64 * 1024 * 1024  # a month file of 20 years of sessions is far below
MAX_DEPTH = 32  # alslog's own files nest 3 levels deep at most
MAX_DIGITS = 30  # no count, minute or score needs more digits than this

LIMITS_TEXT = (
    f"alslog reads files of up to {MAX_BYTES // (1024 * 1024)} MiB, nested at most "
    f"{MAX_DEPTH} levels, with numbers of at most {MAX_DIGITS} digits"
)


def check_size(size: int) -> None:
    """ValueError when a file of ``size`` bytes is larger than alslog reads."""
    if size > MAX_BYTES:
        raise ValueError(
            f"is {size // (1024 * 1024)} MiB, larger than alslog reads ({LIMITS_TEXT})"
        )


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"holds a number of {len(text.lstrip('-'))} digits ({LIMITS_TEXT})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > 4 * MAX_DIGITS:
        raise ValueError(f"holds a number written with {len(text)} characters ({LIMITS_TEXT})")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"holds the number {text[:20]}, too large to store")
    return value


def _constant(name: str) -> Any:
    raise ValueError(f"holds {name}, which is not a number")


# The hooks that make ``json.loads`` keep to the limits (also used by the store's fast path).
JSON_HOOKS: dict[str, Any] = {"parse_int": _int, "parse_float": _float, "parse_constant": _constant}


def check_tree(value: Any) -> None:
    """ValueError when a parsed value nests too deep or holds text that cannot be stored.

    Walks the value without recursion, so a deep value cannot overflow the stack.
    """
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            if depth > MAX_DEPTH:
                raise ValueError(f"nests deeper than {MAX_DEPTH} levels ({LIMITS_TEXT})")
            for key, inner in item.items():
                _check_text(key)
                stack.append((inner, depth + 1))
        elif isinstance(item, list):
            if depth > MAX_DEPTH:
                raise ValueError(f"nests deeper than {MAX_DEPTH} levels ({LIMITS_TEXT})")
            stack.extend((inner, depth + 1) for inner in item)
        elif isinstance(item, str):
            _check_text(item)
        elif isinstance(item, int) and item.bit_length() > MAX_DIGITS * 4:
            # TOML has no integer hook: check the size of what it parsed.
            raise ValueError(f"holds a number of more than {MAX_DIGITS} digits ({LIMITS_TEXT})")


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(
            "holds text with a lone surrogate escape (\\ud800-\\udfff), which is not valid text"
        ) from None


def parse_json(data: bytes | str) -> Any:
    """Parse JSON strictly and within the limits.

    UTF-8 only, no NaN or Infinity, no overflowing floats, no huge integers, no
    deep nesting, no lone surrogates. ``UnicodeDecodeError`` and
    ``json.JSONDecodeError`` pass through for the caller to place; any other
    problem is a ``ValueError`` that says what is wrong.
    """
    check_size(len(data))
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    try:
        value = json.loads(text, **JSON_HOOKS)
    except RecursionError:
        raise ValueError(f"nests deeper than {MAX_DEPTH} levels ({LIMITS_TEXT})") from None
    check_tree(value)
    return value


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML within the limits; ``tomllib.TOMLDecodeError`` passes through."""
    import tomllib

    check_size(len(text))
    try:
        value = tomllib.loads(text, parse_float=_float)
    except RecursionError:
        raise ValueError(f"nests deeper than {MAX_DEPTH} levels ({LIMITS_TEXT})") from None
    except ValueError as exc:
        if isinstance(exc, tomllib.TOMLDecodeError):
            raise
        # int() refuses more than 4,300 digits with a ValueError of its own
        raise ValueError(f"holds a number too large to read ({LIMITS_TEXT})") from None
    check_tree(value)
    return value
