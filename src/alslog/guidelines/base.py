"""What every model of the guideline file shares: the model settings, the field
types, :class:`RuleBase` (the fields every rule has) and the placeholder check.

The checks (``checks/``) and the file's other tables (``schema``, ``guide``)
build on this; it imports nothing of the package.
"""

# No ``from __future__ import annotations`` in the modules of models (this one,
# guide, schema, checks/): pydantic would compile and evaluate every field's
# annotation string when the class is made, on every run (~7 M instructions).
# Names imported only for type checking are quoted instead.

import string
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from alslog.models import Severity

# defer_build: a model's validator is built on its first validation, not at
# import; with the cache of validated guidelines most runs never validate (see
# ``load.load_cached``).
MODEL = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)]
Line = Annotated[str, Field(min_length=1, max_length=300)]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
Url = Annotated[str, Field(pattern=r"^https?://\S+$", max_length=500)]
SourceIds = Annotated[tuple[Id, ...], Field(min_length=1)]
Term = Annotated[str, Field(min_length=2, max_length=60)]
Verdict = Literal["rest", "easy", "fine"]

# Placeholders every session rule can use in its message (filled by
# ``checks.context.session_values``).
SESSION_PLACEHOLDERS = frozenset({"kind", "activity", "minutes", "day"})


class RuleBase(BaseModel):
    """Fields every rule has; each check adds its own settings in a subclass."""

    model_config = MODEL

    # The {placeholders} the engine fills for this check.
    PLACEHOLDERS: ClassVar[frozenset[str]] = frozenset()

    severity: Severity
    message: Text
    sources: SourceIds
    enabled: bool = True
    # Each check narrows this to its own name, the tag of the rules' union.
    check: str

    @field_validator("message")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        check_placeholders(value, cls.PLACEHOLDERS)
        return value


def check_placeholders(message: str, allowed: frozenset[str]) -> None:
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
