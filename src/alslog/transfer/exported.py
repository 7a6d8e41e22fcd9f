"""What an export is made of, and the names of the formats and of what a CSV holds.

Its own module so that each format's module can name it without importing
the package's face (which imports the formats).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from alslog.models import CheckIn, Finding, Rating, Session

Format = Literal["json", "csv"]
# What a CSV export holds: one row of one of these each.
What = Literal["sessions", "checkins", "ratings", "findings"]
WHATS: tuple[What, ...] = ("sessions", "checkins", "ratings", "findings")


@dataclass(frozen=True)
class Exported:
    """What an export is made of: the records of the period, and (CSV) which of them."""

    sessions: Sequence[Session] = ()
    checkins: Sequence[CheckIn] = ()
    findings: Sequence[Finding] = ()
    # Fields this version does not know, by record id (JSON keeps them).
    extras: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    what: What | None = None
    ratings: Sequence[Rating] = ()
