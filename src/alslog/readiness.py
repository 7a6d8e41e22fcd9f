"""The before-exercise check (``alslog ready``): yes/no answers -> a verdict.

Pure: the questions, the verdict each "yes" leads to and the words come from
the ``[ready]`` section of the guideline file. The most cautious verdict wins:
rest > easy > fine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from alslog.guidelines import Guidelines, Verdict

VERDICT_RANK: dict[str, int] = {"fine": 0, "easy": 1, "rest": 2}


@dataclass(frozen=True)
class Reason:
    """One "yes" answer and what it means."""

    question: str  # the question's id
    verdict: Verdict
    text: str
    sources: str  # short source names, joined


@dataclass(frozen=True)
class Readiness:
    """The outcome of the before-exercise check."""

    verdict: Verdict
    summary: str  # the guideline file's words for the verdict
    reasons: tuple[Reason, ...]  # most cautious first, then in question order

    @property
    def sources(self) -> str:
        """The sources behind the reasons, each named once."""
        names: list[str] = []
        for reason in self.reasons:
            for name in reason.sources.split("; "):
                if name and name not in names:
                    names.append(name)
        return "; ".join(names)


def assess(answers: Mapping[str, bool], guidelines: Guidelines) -> Readiness:
    """Turn answers (question id -> yes/no) into a verdict with its reasons.

    A question left out counts as "no". An id that is not a question raises
    ``ValueError`` (a caller bug: the questions come from the same file).
    """
    questions = guidelines.ready.questions
    unknown = [key for key in answers if key not in questions]
    if unknown:
        raise ValueError(f"unknown readiness question(s): {', '.join(unknown)}")
    reasons = [
        Reason(
            question=qid,
            verdict=q.if_yes,
            text=q.reason,
            sources=guidelines.source_names(q.sources),
        )
        for qid, q in questions.items()
        if answers.get(qid) is True
    ]
    reasons.sort(key=lambda r: -VERDICT_RANK[r.verdict])  # stable: question order kept
    verdict: Verdict = reasons[0].verdict if reasons else "fine"
    words = guidelines.ready.verdicts
    return Readiness(
        verdict=verdict,
        summary={"rest": words.rest, "easy": words.easy, "fine": words.fine}[verdict],
        reasons=tuple(reasons),
    )
