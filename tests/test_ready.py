"""`alslog ready` without a terminal: the options answer the questions; and the alert's words."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from alslog.models import Finding
from alslog.views.term import Term
from alslog.views.text import findings_lines


def test_no_answers_is_fine_and_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ready", "--plain")
    assert result.code == 0, result.err
    assert result.out.startswith("Fine for your usual session. Keep it moderate")
    assert "every question counted as no" in result.out
    assert "Not medical advice" in result.out


@pytest.mark.parametrize(
    ("flags", "verdict", "questions"),
    [
        ((), "fine", []),
        (("--meal",), "easy", ["meal"]),
        (("--aching",), "easy", ["aching"]),
        (("--tired",), "rest", ["tired"]),
        (("--ill",), "rest", ["ill"]),
        (("--hot",), "rest", ["heat"]),
        (("--meal", "--tired"), "rest", ["tired", "meal"]),  # the most cautious first
        (("--symptoms", "--aching"), "rest", ["symptoms", "aching"]),
    ],
)
def test_flags_give_the_verdict_with_reasons(  # type: ignore[no-untyped-def]
    cli, flags: tuple[str, ...], verdict: str, questions: list[str]
) -> None:
    result = cli("ready", *flags, "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["version"] == 1
    assert doc["verdict"] == verdict
    assert [r["question"] for r in doc["reasons"]] == questions
    assert all(r["sources"] for r in doc["reasons"])
    assert set(doc) == {"version", "verdict", "summary", "answers", "reasons", "sources"}


def test_text_names_the_reason_and_source(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ready", "--meal", "--plain")
    assert result.code == 0
    assert "Go easy today" in result.out
    assert "Have you had a meal in the last hour? Yes. Wait about an hour" in result.out
    assert "Source: MDA" in result.out


def test_symptoms_show_stop_now_in_words(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ready", "--symptoms", "--plain")
    lines = result.out.splitlines()
    assert lines[0] == "STOP NOW and contact your care team."
    assert "Better to rest today." in lines
    assert "!" not in result.out


def test_aching_from_todays_checkin_counts(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("checkin", "--aching", "--where", "calves").code == 0
    doc = json.loads(cli("ready", "--json").out)
    assert doc["verdict"] == "easy"
    assert doc["answers"]["aching"] is True
    assert "from today's check-in" in cli("ready", "--plain").out


def test_a_flag_without_its_question_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from alslog.paths import shipped_guidelines

    text = shipped_guidelines().read_text(encoding="utf-8")
    start = text.index("[ready.questions.heat]")
    end = text.index("[ready.questions.meal]")
    personal = tmp_path / "mine.toml"
    personal.write_text(text[:start] + text[end:], encoding="utf-8")
    result = cli("ready", "--hot", "--guidelines", str(personal))
    assert result.code == 2
    assert "no 'heat' question" in result.err


def test_bad_option_is_one_line(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ready", "--sleepy")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1


# ---- the alert, as a screen reader hears it ------------------------------------------------
ALERT = Finding(
    rule="red-flag-symptom",
    severity="alert",
    date=date(2026, 3, 2),
    message="You noted chest pain. Stop exercising and contact your care team.",
    source="MDA",
)


@pytest.mark.parametrize("width", [40, 80])
def test_plain_alert_is_words_on_their_own_line(width: int) -> None:
    term = Term(color=False, width=width, stream=io.StringIO())
    lines = findings_lines(term, [ALERT])
    assert "STOP NOW and contact your care team." in lines
    assert lines[lines.index("STOP NOW and contact your care team.") + 1].startswith("ALERT: ")
    assert all(len(line) <= width for line in lines)
    assert not any("!!" in line for line in lines)


def test_colour_alert_stands_out_and_keeps_the_words() -> None:
    term = Term(color=True, width=80, stream=io.StringIO())
    lines = findings_lines(term, [ALERT])
    banner = next(line for line in lines if "STOP NOW" in line)
    assert "\x1b[1;31;7m" in banner  # bold red, reversed
    assert any("ALERT:" in line for line in lines)


def test_an_earlier_days_alert_is_told_in_the_past_tense_without_stop_now() -> None:
    term = Term(color=False, width=80, stream=io.StringIO())
    noted = ALERT.model_copy(update={"noted": ("chest pain",)})
    lines = findings_lines(term, [noted, ALERT], today=date(2026, 3, 5), show_day=True)
    assert "STOP NOW and contact your care team." not in lines
    text = " ".join(" ".join(lines).split())
    assert text.startswith(
        "ALERT: On Mon 2 Mar you noted chest pain. If you have not told your care team yet, "
        "do it now. Source: MDA."
    )
    # without what was noted (an alert from a check-in or a note): its own words, dated
    assert "ALERT: On Mon 2 Mar: You noted chest pain. Stop exercising" in text


def test_todays_alerts_get_one_stop_now_line() -> None:
    term = Term(color=False, width=80, stream=io.StringIO())
    lines = findings_lines(term, [ALERT, ALERT], today=ALERT.date)
    assert lines.count("STOP NOW and contact your care team.") == 1
