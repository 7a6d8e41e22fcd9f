"""The before-exercise check (``alslog ready``): yes/no answers -> a verdict.

Pure: the questions, the verdict each "yes" leads to and the words come from
the ``[ready]`` section of the guideline file. The most cautious verdict wins:
rest > easy > fine. What was logged today counts too (:func:`logged_reasons`):
an alert means rest; tiredness, pushing on, or a tired check-in means go easy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from alslog.guidelines import CheckinFatigue, Guidelines, Verdict
from alslog.models import CheckIn, Finding, Session
from alslog.words import KIND_LABELS

VERDICT_RANK: dict[str, int] = {"fine": 0, "easy": 1, "rest": 2}


@dataclass(frozen=True)
class Reason:
    """One "yes" answer and what it means."""

    question: str  # the question's id, or "logged-..." for what was logged today
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


def assess(
    answers: Mapping[str, bool], guidelines: Guidelines, logged: Sequence[Reason] = ()
) -> Readiness:
    """Turn answers (question id -> yes/no) into a verdict with its reasons.

    A question left out counts as "no". An id that is not a question raises
    ``ValueError`` (a caller bug: the questions come from the same file).
    ``logged`` (from :func:`logged_reasons`) come before the answers' reasons
    of the same verdict.
    """
    questions = guidelines.ready.questions
    unknown = [key for key in answers if key not in questions]
    if unknown:
        raise ValueError(f"unknown readiness question(s): {', '.join(unknown)}")
    reasons = [*logged] + [
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


def logged_reasons(
    sessions: Iterable[Session],
    checkin: CheckIn | None,
    findings: Iterable[Finding],
    guidelines: Guidelines,
) -> list[Reason]:
    """What was logged today that changes the answer, each naming what and when.

    ``sessions``, ``checkin`` and ``findings`` are today's. Any alert finding
    means rest (whatever raised it: a symptom of a session, a note, a
    check-in); a session logged as tiring or pushed through, or a check-in
    fatigue at or above ``[ready] fatigue_at``, means go easy.
    """
    reasons: list[Reason] = []
    for f in findings:
        if f.severity != "alert":
            continue
        if f.noted:
            text = f"You noted {_and(list(f.noted))}{_at(f)} today."
            text += " Don't exercise today: rest, and contact your care team."
        else:
            text = f.message
        reasons.append(Reason("logged-alert", "rest", text, f.source))
    pushed = guidelines.rules.get("pushed-through-fatigue")
    fatigue_sources = pushed.sources if pushed is not None else ()
    for s in sessions:
        what = f"your {KIND_LABELS.get(s.kind, s.kind)} session at {s.at:%H:%M} today"
        if s.kept_going:
            text = f"You kept going after feeling tired in {what}."
        elif s.tired:
            text = f"You felt tired in {what}."
        else:
            continue
        text += " Tiredness is a sign to stop: keep anything more today light and short."
        reasons.append(
            Reason("logged-tired", "easy", text, guidelines.source_names(fatigue_sources))
        )
    limit = guidelines.ready.fatigue_at
    if checkin is not None and checkin.fatigue is not None and checkin.fatigue >= limit:
        tired_day = next(
            (r for r in guidelines.rules.values() if isinstance(r, CheckinFatigue)), None
        )
        sources = tired_day.sources if tired_day is not None else fatigue_sources
        text = (
            f"Today's check-in rates your tiredness {checkin.fatigue} of 10 ({limit} or more is "
            "a tired day, alslog's own precaution). The sources advise not exercising when "
            "already tired."
        )
        reasons.append(Reason("logged-fatigue", "easy", text, guidelines.source_names(sources)))
    return reasons


def _at(f: Finding) -> str:
    return f" at {f.at:%H:%M}" if f.at is not None else ""


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
