"""Records and findings as text for the screen, and as JSON-ready data.

Text is plain sentences first: severity is said in words (colour only adds to
it), nothing is drawn with boxes, and lines wrap to the terminal (80 columns
at most, readable at 40). JSON documents carry ``"version": 1``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from alslog import escape
from alslog.models import KINDS, CheckIn, Finding, Session
from alslog.summary import WeekSummary, aching_words
from alslog.term import Term
from alslog.words import KIND_LABELS

JSON_VERSION = 1

SEVERITY_LABEL = {"alert": "ALERT", "warning": "Warning", "caution": "Caution", "info": "Note"}
SEVERITY_STYLE: dict[str, tuple[str, ...]] = {
    "alert": ("bold", "red"),
    "warning": ("bold", "yellow"),
    "caution": ("yellow",),
    "info": ("cyan",),
}
SHORT_ID = 6


# ---- small formats ----------------------------------------------------------
def day_label(day: date, today: date | None = None) -> str:
    """'today', 'yesterday' or 'Sat 21 Nov' (with the year when it is not this year)."""
    if today is not None:
        delta = (today - day).days
        if delta == 0:
            return "today"
        if delta == 1:
            return "yesterday"
        if day.year != today.year:
            return f"{day:%a} {day.day} {day:%b %Y}"
    return f"{day:%a} {day.day} {day:%b}"


def week_day_label(day: date, today: date) -> str:
    """Within a week's summary: 'today', 'yesterday' or the weekday alone ('Wednesday').

    In a seven-day summary each weekday comes once, and the heading gives the
    dates: plain output says the shorter name (fewer words to listen to).
    """
    label = day_label(day, today)
    return label if label in ("today", "yesterday") else f"{day:%A}"


def when_label(at: datetime, today: date | None = None) -> str:
    """A session's day and time, e.g. 'yesterday 09:30'."""
    return f"{day_label(at.date(), today)} {at:%H:%M}"


def clean(text: str) -> str:
    """User text made safe for a terminal: control and bidi characters shown, never raw.

    An escape sequence in a note (typed, or from an imported file) must not
    recolour or rewrite the screen, nor a bidi control reverse it; what is
    stored stays exactly as typed. See :mod:`alslog.escape`.
    """
    return escape.clean(text)


def plural(count: int, word: str) -> str:
    """'1 day', '3 days'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def kind_label(kind: str) -> str:
    """The words for a kind: 'rom' reads as 'range of motion'."""
    return KIND_LABELS.get(kind, kind)


def session_text(session: Session, today: date | None = None) -> str:
    """One sentence about a session: kind, minutes, activity, effort, marks, when."""
    parts = [f"{kind_label(session.kind)}, {session.minutes} min"]
    if session.activity:
        parts[0] += f" ({session.activity})"
    if session.rpe is not None:
        parts.append(f"effort {session.rpe}")
    if session.assisted:
        parts.append("assisted")
    if session.tired:
        parts.append("felt tired")
    if session.kept_going:
        parts.append("kept going after tiring")
    if session.talk is True:
        parts.append("could talk")
    elif session.talk is False:
        parts.append("could not talk comfortably")
    if session.symptoms:
        parts.append("symptoms: " + ", ".join(session.symptoms))
    return clean(f"{', '.join(parts)}; {when_label(session.at, today)}")


def list_line(term: Term, record: Session | CheckIn, today: date) -> list[str]:
    """One record as ``alslog list`` shows it: the date first, what it was, the id last.

    'Tue 1 Dec 10:05  aerobic, 20 min (walking), effort 12  id 3h541e'; a
    check-in has no time, so its words start where a session's do. Wrapped,
    the id stays whole with its word ("id 3h541e" is never split).
    """
    if isinstance(record, Session):
        day, time = record.day, f" {record.at:%H:%M}"
        # The when is said at the front here, not again at the end.
        text = session_text(record).removesuffix(f"; {when_label(record.at)}")
        if record.note:
            text += f". Note: {clean(record.note)}"
    else:
        day, time = record.date, " " * 6
        text = f"check-in: {checkin_text(record)}"
    year = f" {day.year}" if day.year != today.year else ""
    indent = "    "
    lines = term.wrap(f"{day:%a} {day.day} {day:%b}{year}{time}  {text}", first="", indent=indent)
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
            text += f" Also on {_and([label_of(d) for d in more])}."
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


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def past_alert_text(finding: Finding, today: date) -> str:
    """An alert of an earlier day: 'On Fri 27 Nov you noted chest pain. If you have not...'."""
    day = day_label(finding.date, today)
    when = "Yesterday" if day == "yesterday" else f"On {day}"
    if finding.noted:
        text = f"{when} you noted {clean(_and(list(finding.noted)))}."
    else:
        text = f"{when}: {clean(finding.message)}"
    return text + " If you have not told your care team yet, do it now."


def earlier_alert_lines(term: Term, alerts: list[Finding]) -> list[str]:
    """Today's alerts from before this command, repeated first by `add` and `again`."""
    lines = alert_banner(term)
    for finding in alerts:
        what = (
            f"you noted {clean(_and(list(finding.noted)))}"
            if finding.noted
            else "alslog raised an alert"
        )
        when = f" ({finding.at:%H:%M})" if finding.at is not None else ""
        text = f"Earlier today{when} {what}. Don't exercise any more today."
        wrapped = term.wrap(text, first="ALERT: ", indent="  ")
        wrapped[0] = term.style("ALERT:", *SEVERITY_STYLE["alert"]) + wrapped[0][len("ALERT:") :]
        lines.extend(wrapped)
    return lines


ALERT_LAST_WORD = "Stop here for today: rest, and contact your care team."


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
    done_today: dict[str, bool],
    earlier_alerts: list[Finding] | tuple[Finding, ...] = (),
) -> list[str]:
    """What `alslog add` and `alslog again` print for one or more sessions just logged.

    ``earlier_alerts``: today's alerts about other sessions, repeated before the
    new findings. After any alert the last word is stop and rest: no praise,
    nothing "still to do".
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
        lines.extend(term.wrap(term.style(ALERT_LAST_WORD, "bold")))
        return lines
    todo = [kind_label(k) for k in ("stretching", "rom") if not done_today.get(k)]
    if any(s.day == today for s in sessions) and todo:
        lines.extend(term.wrap(f"Still to do today: {' and '.join(todo)}."))
    return lines


def checkin_text(checkin: CheckIn) -> str:
    """A check-in in words: 'aching (calves, 6/10), fatigue 3/10, symptoms: ..., note: ...'."""
    parts = []
    if checkin.aching is True:
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


def week_lines(term: Term, summary: WeekSummary) -> list[str]:
    """The week as a patient reads it at a glance, and a therapist reads it closely."""
    today = summary.today
    lines = [
        term.style(
            f"Week {day_label(summary.start)} to {day_label(summary.end)} {summary.end.year}",
            "bold",
        ),
        "",
    ]
    for day in summary.days:
        shown = week_day_label(day.date, today) if term.plain else day_label(day.date, today)
        label = f"{shown}:"
        if day.sessions:
            done = ", ".join(f"{kind_label(k)} {day.minutes[k]}" for k in KINDS if day.minutes[k])
            text = f"{done} min"
            if day.max_rpe is not None:
                text += f"; highest effort {day.max_rpe}"
        elif day.date > today:
            text = "still to come" if term.plain else "-"
        else:
            text = "no sessions"
        if day.marks:
            text += "; " + clean(", ".join(day.marks))
        # Plain: no padding to line up columns (a screen reader says nothing for it).
        first = f"{label} " if term.plain else f"{label:<11} "
        lines.extend(term.wrap(text, first=first, indent=" " * 12))
    lines.append("")
    target = summary.target_days
    if target:
        for kind in ("stretching", "rom"):
            have = summary.days_with(kind)
            missed = len(summary.missed_days(kind))
            text = f"Daily {kind_label(kind)}: {have} of {plural(target, 'day')}"
            if missed:
                text += ", " + term.style(f"missed {missed}", "yellow")
            elif have >= target:
                text += ", " + term.style("every day", "green")
            else:
                text += ", nothing missed"
            today_row = next((d for d in summary.days if d.date == today), None)
            if today_row is not None and today_row.counts and not today_row.minutes[kind]:
                text += " (today still to do)"
            lines.extend(term.wrap(text + ".", first="", indent="  "))
    else:
        lines.extend(
            term.wrap("Daily stretching and range of motion: nothing logged yet this week.")
        )
    aero = summary.minutes("aerobic")
    lines.append(f"Aerobic: {aero} min on {plural(summary.days_with('aerobic'), 'day')}.")
    if summary.minutes("strength"):
        lines.append(
            f"Strengthening: {summary.minutes('strength')} min "
            f"on {plural(summary.days_with('strength'), 'day')}."
        )
    lines.append("")
    lines.extend(chart_lines(term, summary))
    lines.append("")
    if summary.findings:
        count = len(grouped(summary.findings)[0])
        lines.append(term.style(f"{count} thing{'s' if count != 1 else ''} to look at:", "bold"))
        lines.extend(
            findings_lines(term, summary.findings, today, show_day=True, group=True, in_week=True)
        )
    else:
        lines.append("Nothing flagged this week.")
    return lines


def chart_lines(term: Term, summary: WeekSummary) -> list[str]:
    """Minutes per day as bars, scaled to the width; plain: one short sentence of numbers."""
    if term.plain:
        first, last = summary.days[0].date, summary.days[-1].date
        numbers = ", ".join(str(d.total) for d in summary.days)
        return [f"Minutes per day, {first:%A} to {last:%A}: {numbers}."]
    lines = ["Minutes per day:"]
    most = max((d.total for d in summary.days), default=0)
    room = max(10, term.width - 16)
    for day in summary.days:
        bar = ""
        if most and day.total:
            bar = term.bar_char * max(1, round(day.total * room / most))
        drawn = f"{term.style(bar, 'cyan')} " if bar else ""
        lines.append(f"{day.date:%a} {day.date.day:>2}  {drawn}{day.total}")
    return lines


# ---- JSON ------------------------------------------------------------------------
def session_json(session: Session) -> dict[str, Any]:
    """A session as stable JSON data."""
    return session.model_dump(mode="json")


def checkin_json(checkin: CheckIn) -> dict[str, Any]:
    """A check-in as stable JSON data."""
    return checkin.model_dump(mode="json")


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as stable JSON data."""
    return finding.model_dump(mode="json")


def add_json(
    session: Session, findings: list[Finding], earlier_alerts: list[Finding] | None = None
) -> dict[str, Any]:
    """The document `alslog add --json` prints (``earlier_alerts``: today's, of other sessions)."""
    return {
        "version": JSON_VERSION,
        "session": session_json(session),
        "findings": [finding_json(f) for f in findings],
        "earlier_alerts": [finding_json(f) for f in earlier_alerts or []],
    }


def checkin_doc(checkin: CheckIn, findings: list[Finding]) -> dict[str, Any]:
    """The document `alslog checkin --json` prints."""
    return {
        "version": JSON_VERSION,
        "checkin": checkin_json(checkin),
        "findings": [finding_json(f) for f in findings],
    }


def week_json(summary: WeekSummary) -> dict[str, Any]:
    """The document `alslog week --json` prints."""
    return {
        "version": JSON_VERSION,
        "start": summary.start.isoformat(),
        "end": summary.end.isoformat(),
        "days": [
            {
                "date": d.date.isoformat(),
                "minutes": dict(d.minutes),
                "sessions": d.sessions,
                "max_rpe": d.max_rpe,
                "marks": list(d.marks),
            }
            for d in summary.days
        ],
        "totals": summary.totals(),
        "checkins": [checkin_json(c) for c in summary.checkins],
        "findings": [finding_json(f) for f in summary.findings],
    }


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


def ready_json(result: Any, answers: dict[str, bool]) -> dict[str, Any]:
    """The document `alslog ready --json` prints."""
    return {
        "version": JSON_VERSION,
        "verdict": result.verdict,
        "summary": result.summary,
        "answers": dict(answers),
        "reasons": [
            {
                "question": r.question,
                "verdict": r.verdict,
                "text": r.text,
                "sources": r.sources,
            }
            for r in result.reasons
        ],
        "sources": result.sources,
    }


def routine_json(
    name: str,
    sessions: list[Session],
    findings: list[Finding],
    earlier_alerts: list[Finding] | None = None,
) -> dict[str, Any]:
    """The document `alslog add --routine NAME --json` prints."""
    return {
        "version": JSON_VERSION,
        "routine": name,
        "sessions": [session_json(s) for s in sessions],
        "findings": [finding_json(f) for f in findings],
        "earlier_alerts": [finding_json(f) for f in earlier_alerts or []],
    }
