"""The guided check-in asks what was felt today, one key per answer (pexpect, a real terminal)."""

from __future__ import annotations

from pathlib import Path

from test_prompts import plain_lines, screen, store

__all__ = ["screen"]  # the fixture, shared with test_prompts


def test_guided_checkin_takes_a_symptom_with_two_keys_and_alerts(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    s = screen("checkin")
    s.wait(r"Any muscle aching since your last exercise\? \[y/N\]")
    s.press("\r")
    s.wait(r"Any symptom today\? Enter = none, s = a symptom:")
    s.press("s")
    s.wait(r"Which symptom\?")
    s.wait(r"short of breath")
    s.press("2")
    s.wait(r"Another symptom\? Enter = done, s = another:")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0
    lines = plain_lines(rest)
    assert any(
        line.strip() == "STOP NOW and contact your care team." for line in lines
    )  # colour: padded
    assert any(line.startswith("ALERT: (today) You noted short of breath.") for line in lines)
    (record,) = store(alslog_home).checkins()
    assert (record.aching, record.symptoms) == (False, ("short of breath",))
    assert s.keys == 4


def test_guided_checkin_with_nothing_felt_is_one_more_enter(  # type: ignore[no-untyped-def]
    screen, alslog_home: Path
) -> None:
    s = screen("checkin")
    s.wait(r"\[y/N\]")
    s.press("\r")
    s.wait(r"Any symptom today\?")
    s.press("\r")
    code, rest = s.finish()
    assert code == 0 and "ALERT" not in rest and s.keys == 2
    (record,) = store(alslog_home).checkins()
    assert record.symptoms == ()
