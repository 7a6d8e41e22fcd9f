"""Records and findings as text for the screen: a session, a check-in, what a command found.

Text is plain sentences first: severity is said in words (colour only adds to
it), nothing is drawn with boxes, and lines wrap to the terminal (80 columns
at most, readable at 40). The words come from :mod:`alslog.words`, the
guideline facts (the daily kinds, the last word after an alert) from the
caller; the week is in :mod:`alslog.views.week`, JSON in
:mod:`alslog.views.documents`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from alslog import escape
from alslog.models import CheckIn, Finding, Kind, Rating, Session
from alslog.words import SEVERITY_LABEL, and_list, day_short, session_marks, time_of, weekday

# Defined in alslog.words and offered here too (imported, not copied) for the
# commands that write ``render.day_label``, ``render.kind_label``, ``render.plural``.
from alslog.words import day_label as day_label
from alslog.words import kind_label as kind_label
from alslog.words import plural as plural

if TYPE_CHECKING:
    from alslog.views.term import Term

SEVERITY_STYLE: dict[str, tuple[str, ...]] = {
    "alert": ("bold", "red"),
    "warning": ("bold", "yellow"),
    "caution": ("yellow",),
    "info": ("cyan",),
}
SHORT_ID = 6


# ---- small formats ----------------------------------------------------------
def week_day_label(day: date, today: date) -> str:
    """Within a week's summary: 'today', 'yesterday' or the weekday alone ('Wednesday').

    In a seven-day summary each weekday comes once, and the heading gives the
    dates: plain output says the shorter name (fewer words to listen to).
    """
    label = day_label(day, today)
    return label if label in ("today", "yesterday") else weekday(day)


def when_label(at: datetime, today: date | None = None) -> str:
    """A session's day and time, e.g. 'yesterday 09:30'."""
    return f"{day_label(at.date(), today)} {time_of(at)}"


def clean(text: str) -> str:
    """User text made safe for a terminal: control and bidi characters shown, never raw.

    An escape sequence in a note (typed, or from an imported file) must not
    recolour or rewrite the screen, nor a bidi control reverse it; what is
    stored stays exactly as typed. See :mod:`alslog.escape`.
    """
    return escape.clean(text)


def session_text(session: Session, today: date | None = None) -> str:
    """One sentence about a session: kind, minutes, activity, effort, marks, when."""
    parts = [f"{kind_label(session.kind)}, {session.minutes} min"]
    if session.activity:
        parts[0] += f" ({session.activity})"
    if session.rpe is not None:
        parts.append(f"effort {session.rpe}")
    parts.extend(session_marks(session, sentence=True))
    if session.symptoms:
        parts.append("symptoms: " + ", ".join(session.symptoms))
    return clean(f"{', '.join(parts)}; {when_label(session.at, today)}")


def list_line(term: Term, record: Session | CheckIn | Rating, today: date) -> list[str]:
    """One record as ``alslog list`` shows it: the date first, what it was, the id last.

    'Tue 1 Dec 10:05  aerobic, 20 min (walking), effort 12  id 3h541e'; a
    check-in has no time, so its words start where a session's do. Wrapped,
    the id stays whole with its word ("id 3h541e" is never split).
    """
    if isinstance(record, Session):
        day, time = record.day, f" {time_of(record.at)}"
        # The when is said at the front here, not again at the end.
        text = session_text(record).removesuffix(f"; {when_label(record.at)}")
        if record.note:
            text += f". Note: {clean(record.note)}"
    elif isinstance(record, Rating):
        from alslog.views.rating import rating_text

        day, time = record.date, " " * 6
        text = f"rating: {rating_text(record)}"
        if record.note:
            text += f". Note: {clean(record.note)}"
    else:
        day, time = record.date, " " * 6
        text = f"check-in: {checkin_text(record)}"
    indent = "    "
    shown = day_short(day, year=day.year != today.year)
    lines = term.wrap(f"{shown}{time}  {text}", first="", indent=indent)
    short = f"id {record.id[:SHORT_ID]}"
    if term.plain or len(lines[-1]) + 2 + len(short) <= term.width:  # plain never wraps
        lines[-1] += f"  {short}"
    else:
        lines.append(indent + short)
    return lines


# ---- findings -----------------------------------------------------------------
def findings_lines(
    term: Term,
    findings: list[Finding] | tuple[Finding, ...],
    today: date | None = None,
    *,
    show_day: bool = False,
    group: bool = False,
    in_week: bool = False,
) -> list[str]:
    """Each finding as a labelled paragraph, most serious first (as given).

    An alert of today comes after the STOP NOW line (once); an alert of an
    earlier day is told in the past tense, with a reminder to tell the care
    team. ``show_day`` adds the day to findings whose message does not name it.
    ``group`` tells a reminder about a day (no session: the daily rules) once
    per rule and severity, listing its other days after it. ``in_week``: the
    findings of a week's summary, whose days plain output names by weekday.
    """
    lines: list[str] = []

    def label_of(day: date) -> str:
        if in_week and term.plain and today is not None:
            return week_day_label(day, today)
        return day_label(day, today)

    banner = False
    also: dict[tuple[str, str], list[date]] = {}
    if group:
        findings, also = grouped(findings)
    for finding in findings:
        label = SEVERITY_LABEL[finding.severity]
        head = term.style(f"{label}:", *SEVERITY_STYLE[finding.severity])
        past = finding.severity == "alert" and today is not None and finding.date < today
        if past:
            assert today is not None
            text = past_alert_text(finding, today)
        else:
            text = clean(finding.message)
            if show_day and not finding.names_day:
                text = f"({label_of(finding.date)}) {text}"
        more = also.get((finding.rule, finding.severity)) if not finding.sessions else None
        if more:
            text += f" Also on {and_list([label_of(d) for d in more])}."
        if finding.source:
            text += f" Source: {finding.source}."
        if in_week and term.plain and today is not None and not past:
            text = _week_days_named(text, today)
        if finding.severity == "alert" and not past and not banner:
            lines.extend(alert_banner(term))
            banner = True
        wrapped = term.wrap(text, first=f"{label}: ", indent="  ")
        wrapped[0] = head + wrapped[0][len(label) + 1 :]
        lines.extend(wrapped)
    return lines


def _week_days_named(text: str, today: date) -> str:
    """'Mon 30 Nov' in a finding of this week's summary said as 'yesterday' or 'Monday'.

    Only the seven days ending today: each weekday names one of them.
    """
    for back in range(7):
        day = today - timedelta(days=back)
        said = week_day_label(day, today)
        if back < 2:  # "on Tue 1 Dec" -> "today", not "on today"
            text = text.replace(f"on {day_label(day)}", said)
        text = text.replace(day_label(day), said)
    return text


def grouped(
    findings: list[Finding] | tuple[Finding, ...],
) -> tuple[list[Finding], dict[tuple[str, str], list[date]]]:
    """Day reminders (no session, not an alert) once per rule and severity, with their other days.

    Returns the findings to show, in order, and for each (rule, severity)
    shown that way the other days it applies to.
    """
    shown: list[Finding] = []
    also: dict[tuple[str, str], list[date]] = {}
    for finding in findings:
        key = (finding.rule, finding.severity)
        if finding.sessions or finding.severity == "alert":
            shown.append(finding)
        elif key in also:
            also[key].append(finding.date)
        else:
            also[key] = []
            shown.append(finding)
    return shown, also


def past_alert_text(finding: Finding, today: date) -> str:
    """An alert of an earlier day: 'On Fri 27 Nov you noted chest pain. If you have not...'."""
    day = day_label(finding.date, today)
    when = "Yesterday" if day == "yesterday" else f"On {day}"
    if finding.noted:
        text = f"{when} you noted {clean(and_list(list(finding.noted)))}."
    else:
        text = f"{when}: {clean(finding.message)}"
    return text + " If you have not told your care team yet, do it now."


def earlier_alert_lines(term: Term, alerts: list[Finding]) -> list[str]:
    """Today's alerts from before this command, repeated first by `add` and `again`."""
    lines = alert_banner(term)
    for finding in alerts:
        what = (
            f"you noted {clean(and_list(list(finding.noted)))}"
            if finding.noted
            else "alslog raised an alert"
        )
        when = f" ({time_of(finding.at)})" if finding.at is not None else ""
        text = f"Earlier today{when} {what}. Don't exercise any more today."
        wrapped = term.wrap(text, first="ALERT: ", indent="  ")
        wrapped[0] = term.style("ALERT:", *SEVERITY_STYLE["alert"]) + wrapped[0][len("ALERT:") :]
        lines.extend(wrapped)
    return lines


def alert_banner(term: Term) -> list[str]:
    """The line before an alert: what to do, in words a screen reader says as words.

    In colour it stands out in reverse red; in plain text it is a sentence on
    its own line (no rows of "!" that a screen reader reads out one by one).
    """
    words = "STOP NOW and contact your care team."
    if term.color:
        return ["", term.style(f" {words} ", "bold", "red", "reverse")]
    return ["", words]


# ---- commands -----------------------------------------------------------------
def logged_lines(
    term: Term,
    sessions: list[Session],
    findings: list[Finding],
    today: date,
    *,
    done_today: Mapping[Kind, bool],
    daily_kinds: tuple[Kind, ...],
    stop_words: str,
    earlier_alerts: list[Finding] | tuple[Finding, ...] = (),
) -> list[str]:
    """What `alslog add` and `alslog again` print for one or more sessions just logged.

    ``earlier_alerts``: today's alerts about other sessions, repeated before the
    new findings. After any alert the last word is ``stop_words`` (the
    guidelines' stop and rest): no praise, nothing "still to do". Otherwise the
    ``daily_kinds`` (the guidelines' daily rules) not yet in ``done_today`` are
    still to do.
    """
    lines: list[str] = []
    for session in sessions:
        wrapped = term.wrap(
            f"{session_text(session, today)}. (id {session.id[:SHORT_ID]})",
            first="Logged: ",
            indent="  ",
        )
        wrapped[0] = term.style("Logged:", "bold", "green") + wrapped[0][len("Logged:") :]
        lines.extend(wrapped)
    if earlier_alerts:
        lines.extend(earlier_alert_lines(term, list(earlier_alerts)))
    if findings:
        lines.extend(findings_lines(term, findings, today))
    elif not earlier_alerts:
        what, it = ("this session", "it") if len(sessions) == 1 else ("these sessions", "them")
        lines.extend(term.wrap(f"Nothing to flag in {what}. Well done for logging {it}."))
    if earlier_alerts or any(f.severity == "alert" for f in findings):
        lines.extend(term.wrap(term.style(stop_words, "bold")))
        return lines
    todo = [kind_label(k) for k in daily_kinds if not done_today.get(k)]
    if any(s.day == today for s in sessions) and todo:
        lines.extend(term.wrap(f"Still to do today: {and_list(todo)}."))
    return lines


def checkin_text(checkin: CheckIn) -> str:
    """A check-in in words: 'aching (calves, 6/10), fatigue 3/10, symptoms: ..., note: ...'."""
    parts = []
    if checkin.aching is True:
        from alslog.summary import aching_words  # here: `add` needs no week summary

        parts.append(aching_words(checkin))
    elif checkin.aching is False:
        parts.append("no aching")
    if checkin.fatigue is not None:
        parts.append(f"fatigue {checkin.fatigue}/10")
    if checkin.symptoms:
        parts.append("symptoms: " + ", ".join(checkin.symptoms))
    if checkin.note:
        parts.append(f"note: {checkin.note}")
    return clean(", ".join(parts)) or "no answers"


def checkin_lines(
    term: Term, checkin: CheckIn, findings: list[Finding], today: date, *, replaced: bool
) -> list[str]:
    """What `alslog checkin` prints."""
    what = checkin_text(checkin)
    verb = "Updated the check-in" if replaced else "Checked in"
    lines = term.wrap(f"{verb} for {day_label(checkin.date, today)}: {what}.")
    lines.extend(findings_lines(term, findings, today, show_day=True))
    return lines


# ---- before exercise (alslog ready) -------------------------------------------------
READY_STYLE: dict[str, tuple[str, ...]] = {
    "rest": ("bold", "red"),
    "easy": ("bold", "yellow"),
    "fine": ("bold", "green"),
}


def ready_lines(
    term: Term,
    result: Any,
    questions: dict[str, str],
    *,
    alert: bool,
    notes: list[str],
    disclaimer: str,
) -> list[str]:
    """What `alslog ready` prints: the verdict in words, why, and the sources.

    ``result`` is a ``readiness.Readiness``; ``questions`` maps question ids to
    their text; ``alert`` puts the STOP NOW line first (red-flag symptoms).
    """
    lines: list[str] = []
    if alert:
        lines.extend(alert_banner(term)[1:])
    summary = term.wrap(result.summary)
    lines.extend(term.style(line, *READY_STYLE[result.verdict]) for line in summary)
    if result.reasons:
        lines.append("Because:")
        for reason in result.reasons:
            asked = questions.get(reason.question)
            # A reason from what was logged today says what and when itself.
            text = f"{asked} Yes. {reason.text}" if asked else reason.text
            if reason.sources:
                text += f" Source: {reason.sources}."
            lines.extend(term.wrap(text, first="- ", indent="  "))
    for note in notes:
        lines.extend(term.wrap(note))
    lines.extend(term.wrap(disclaimer))
    return lines
