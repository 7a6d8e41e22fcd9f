"""The guide as text: the overview and each topic, with their sources named."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.views.term import Term


def overview_lines(term: Term, guide: Guidelines) -> list[str]:
    """One screen: what the sources agree on, and the topics to read more."""
    lines = [term.style("Exercise with ALS: what the sources say", "bold"), ""]
    for paragraph in guide.guide.overview.split("\n\n"):
        lines.extend(_block(term, paragraph))
        lines.append("")
    lines.extend(term.wrap(guide.disclaimer.replace("\n", " "), first="", indent=""))
    return lines


def topic_lines(term: Term, guide: Guidelines, name: str) -> list[str]:
    """One topic: its summary, its points, and the full citation of each source."""
    topic = guide.topic(name)
    lines = [term.style(topic.title, "bold"), ""]
    lines.extend(term.wrap(topic.summary))
    lines.append("")
    for point in topic.points:
        lines.extend(term.wrap(point, first="- ", indent="  "))
    lines.append("")
    lines.append("Sources:")
    for source_id in topic.sources:
        lines.extend(term.wrap(guide.cite(source_id), first="- ", indent="  "))
    lines.append("")
    lines.extend(term.wrap(guide.disclaimer.replace("\n", " ")))
    return lines


def _block(term: Term, paragraph: str) -> list[str]:
    """Wrap a paragraph, keeping '* ' bullet items as separate items."""
    items: list[str] = []
    for raw in paragraph.splitlines():
        stripped = raw.strip()
        if stripped.startswith(("* ", "- ")):
            items.append("- " + stripped[2:])
        elif items:
            items[-1] += " " + stripped
        else:
            items.append(stripped)
    out: list[str] = []
    for item in items:
        if item.startswith("- "):
            out.extend(term.wrap(item[2:], first="- ", indent="  "))
        else:
            out.extend(term.wrap(item))
    return out
