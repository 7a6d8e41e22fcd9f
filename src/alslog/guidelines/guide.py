"""The guide's pages: :class:`Topic` and :class:`Guide`, finding a topic by a prefix
of its name, and filling its ``{days}`` and ``{percent}`` from the aching rule."""

# Annotations are objects, not strings: see the note in base.py.

from collections.abc import Mapping
from typing import Annotated

from pydantic import BaseModel, Field, field_validator

from alslog.errors import UsageError
from alslog.guidelines.base import MODEL, Line, SourceIds, Text, check_placeholders
from alslog.guidelines.checks.aching import TOPIC_PLACEHOLDERS, AchingAfter


class Topic(BaseModel):
    """One page of ``alslog guide``."""

    model_config = MODEL

    title: Line
    summary: Line
    points: Annotated[tuple[Line, ...], Field(min_length=1)]
    sources: SourceIds

    @field_validator("title", "summary")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        check_placeholders(value, TOPIC_PLACEHOLDERS)
        return value

    @field_validator("points")
    @classmethod
    def _point_placeholders(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for point in value:
            check_placeholders(point, TOPIC_PLACEHOLDERS)
        return value


class Guide(BaseModel):
    """What ``alslog guide`` shows with no topic."""

    model_config = MODEL

    overview: Text


def topic_id(topics: Mapping[str, Topic], name: str) -> str:
    """The id of the topic called ``name``, or named by an unambiguous prefix.

    Case does not matter. Raises :class:`UsageError` for no match or several.
    """
    key = name.strip().lower()
    if key in topics:
        return key
    matches = [t for t in topics if key and t.startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UsageError(f"guide topic {name!r} could be {', '.join(matches)}: type a little more")
    raise UsageError(f"no guide topic {name!r}; topics: {', '.join(topics)}")


def filled(topic: Topic, aching: AchingAfter) -> Topic:
    """The topic with its placeholders filled from the aching rule's settings."""
    values = aching.topic_values()
    return topic.model_copy(
        update={
            "title": topic.title.format_map(values),
            "summary": topic.summary.format_map(values),
            "points": tuple(p.format_map(values) for p in topic.points),
        }
    )
