"""Turning a pydantic error about a guideline file into one plain line.

``explain(error, data)`` names the key (``rules.above-moderate.rpe_max``), says
what is wrong in words (``must be from 6 to 20 (got 25)``) and, for an unknown
key, lists the accepted ones; ``show`` quotes a value briefly.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel

from alslog.guidelines.base import RuleBase
from alslog.guidelines.checks import CHECKS, RULE_CLASSES
from alslog.guidelines.schema import Guidelines

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def explain(error: Mapping[str, Any], data: Any) -> str:
    """One line for a pydantic error of validating ``data``: the key, then what is wrong."""
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
    got = f" (got {show(value)})"

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


def show(value: Any) -> str:
    """A value as the error line quotes it: short, a table as "a table"."""
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
