"""User input to a record: a validation error becomes one usage line."""

from __future__ import annotations

from typing import Any


def validated(model: Any, **fields: Any) -> Any:
    """Build a model from user input; a validation error becomes one usage line."""
    from pydantic import ValidationError

    from alslog.errors import UsageError

    try:
        return model(**fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "value"
        raise UsageError(f"{where}: {first['msg']}.") from None
