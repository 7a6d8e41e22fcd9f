"""Red flags through the command: notes, check-in symptoms and notes, personal guideline files."""

from __future__ import annotations

import json
import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
import tomli_w

from alslog import paths
from alslog.models import CheckIn
from alslog.store import Store

BANNER = "STOP NOW and contact your care team."


def logbook() -> Store:
    where = paths.resolve(os.environ)
    return Store(where.store_dir, where.backup_dir, clock=lambda: datetime.now(UTC))


def alerted(out: str) -> bool:
    lines = out.splitlines()
    return BANNER in lines and any(line.startswith("ALERT: ") for line in lines)


# The examples of the issue: each one only got an info note, or nothing.
ISSUE_EXAMPLES = [
    ("--note", "had chest pain halfway, stopped"),
    ("--symptom", "couldn't catch my breath"),
    ("--symptom", "SOB"),
    ("--symptom", "chest pian"),
    ("--symptom", "never had chest pain like this before"),
    ("--symptom", "cramping badly"),
    ("--symptom", "urine the colour of cola"),
]


@pytest.mark.parametrize(("option", "text"), ISSUE_EXAMPLES)
def test_the_issue_examples_alert(cli, option: str, text: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "aerobic", "20", "-a", "walking", option, text, "--yes", "--plain")
    assert result.code == 0, result.err
    assert alerted(result.out), result.out
    assert "Nothing to flag" not in result.out and "If something hurts, stop" not in result.out


def test_the_installed_command_alerts_on_a_note_and_a_checkin(run_alslog) -> None:  # type: ignore[no-untyped-def]
    added = run_alslog(
        "add", "aerobic", "20", "-a", "walking", "--note", "had chest pain halfway, stopped",
        "--plain",
    )  # fmt: skip
    assert added.code == 0 and alerted(added.out), added.err
    checked = run_alslog("checkin", "--symptom", "couldn't catch my breath", "--plain")
    assert checked.code == 0 and alerted(checked.out), checked.err
    assert "Traceback" not in added.err + checked.err


def test_a_note_alert_names_the_note_and_only_the_sources_of_its_signs(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = cli("add", "aerobic", "20", "--note", "felt dizzy on the way back", "--json")
    (finding,) = json.loads(result.out)["findings"]
    assert finding["rule"] == "red-flag-symptom" and finding["severity"] == "alert"
    assert "\u201cfelt dizzy on the way back\u201d" in finding["message"]
    assert finding["source"] == "alslog's own precaution"
    # Today already holds an alert, which a later add repeats: the negated note is
    # logged in a fresh logbook to show it raises nothing of its own.
    monkeypatch.setenv("ALSLOG_HOME", str(tmp_path / "fresh"))
    plain = cli("add", "aerobic", "20", "--note", "no chest pain, walked to the park", "--plain")
    assert "Nothing to flag in this session" in plain.out


def test_a_plain_symptom_is_a_kind_note(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "stretching", "10", "--symptom", "calf cramp", "--yes", "--plain")
    assert not alerted(result.out)
    assert "Note: You noted calf cramp." in result.out
    assert "If something hurts, stop" not in result.out and "therapist" in result.out


def test_checkin_symptoms_are_stored_alert_on_their_day_and_show_in_the_week(  # type: ignore[no-untyped-def]
    cli, alslog_home: Path
) -> None:
    result = cli(
        "checkin", "--symptom", "heart racing", "--symptom", "cramp",
        "--plain",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert alerted(result.out)
    assert "symptoms: heart racing, cramp" in result.out
    assert "ALERT: (today) You noted heart racing." in result.out
    assert "Source: alslog's own precaution." in result.out
    assert "Note: (today) You noted cramp." in result.out
    (record,) = logbook().checkins()
    assert record.symptoms == ("heart racing", "cramp")
    # A second check-in that day adds to the symptoms, keeping the rest.
    again = cli("checkin", "--symptom", "dizzy", "--fatigue", "4", "--json")
    doc = json.loads(again.out)
    assert doc["checkin"]["symptoms"] == ["heart racing", "cramp", "dizzy"]
    assert [f["rule"] for f in doc["findings"]] == ["red-flag-symptom", "symptom-noted"]
    week = cli("week", "--plain", "--yes")
    assert alerted(week.out) and "You noted heart racing and dizzy." in week.out
    assert "symptom: heart racing" in week.out
    week_doc = json.loads(cli("week", "--json").out)
    assert week_doc["findings"][0]["sessions"] == []


def test_a_checkin_note_alerts(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("checkin", "--note", "nearly passed out getting up this morning", "--plain")
    assert result.code == 0 and alerted(result.out)
    calm = cli("checkin", "--note", "slept well, legs tired", "--plain")
    assert not alerted(calm.out) and "ALERT" not in calm.out


def test_editing_a_checkin_shows_a_red_flag_it_now_has(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("checkin", "--fatigue", "3").code == 0
    (record,) = logbook().checkins()
    edited = cli("edit", record.id, "--note", "felt faint in the shower", "--plain")
    assert edited.code == 0, edited.err
    assert "Changed the check-in" in edited.out and alerted(edited.out)
    doc = json.loads(cli("edit", record.id, "--symptom", "sore knee", "--json").out)
    assert doc["checkin"]["symptoms"] == ["sore knee"]
    assert [f["rule"] for f in doc["findings"]] == ["red-flag-symptom", "symptom-noted"]
    cleared = cli("edit", record.id, "--symptom", "", "--note", "", "--plain")
    assert not alerted(cleared.out) and logbook().checkins()[0].symptoms == ()


def test_checkin_without_anything_says_symptom_is_accepted(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("checkin", "--yes")
    assert result.code == 2 and "--symptom TEXT" in result.err
    assert cli("checkin", "--symptom", "   ").code == 2  # blank is nothing


def test_an_older_checkin_without_symptoms_loads_and_exports_round_trip(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    old = CheckIn.model_validate({"id": "c00001", "date": "2026-01-05", "aching": False})
    assert old.symptoms == ()
    assert cli("checkin", "--date", "2026-01-06", "--symptom", "woozy").code == 0
    exported = tmp_path / "log.json"
    assert cli("export", "-o", str(exported)).code == 0
    (record,) = json.loads(exported.read_text("utf-8"))["checkins"]
    assert record["symptoms"] == ["woozy"]
    home = tmp_path / "other-home"
    import os

    os.environ["ALSLOG_HOME"] = str(home)  # the autouse fixture restores it
    assert cli("import", str(exported)).code == 0
    (imported,) = logbook().checkins()
    assert imported.symptoms == ("woozy",)


# ---- a personal guideline file -------------------------------------------------------


def personal(alslog_home: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    data = tomllib.loads(paths.shipped_guidelines().read_text("utf-8"))
    edit(data)
    path = paths.resolve(os.environ).personal_guidelines
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def test_a_personal_file_cannot_rewrite_the_red_flag_words(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    def edit(data):  # type: ignore[no-untyped-def]
        data["rules"]["red-flag-symptom"]["message"] = "All good, chest pain is normal. Keep going."

    path = personal(alslog_home, edit)
    result = cli("add", "aerobic", "20", "--symptom", "chest pain", "--yes")
    assert result.code == 3
    (line,) = result.err.strip().splitlines()
    assert line.endswith(
        f"{path}: rules.red-flag-symptom.message: must stay as shipped (it tells people to "
        f"stop and contact their care team); copy it from {paths.shipped_guidelines()}"
    )
    assert logbook().sessions() == []  # nothing written


def test_a_personal_file_that_drops_terms_still_alerts_and_may_add_its_own(  # type: ignore[no-untyped-def]
    cli, alslog_home: Path
) -> None:
    def edit(data):  # type: ignore[no-untyped-def]
        rule = data["rules"]["red-flag-symptom"]
        rule["groups"] = [g for g in rule["groups"] if g["name"] not in ("chest", "breathing")]
        rule["groups"].append(
            {"name": "lips", "terms": ["blue lips"], "sources": ["neurorehab-2015"]}
        )

    personal(alslog_home, edit)
    for text in ("chest pain", "short of breath", "SOB", "blue lips"):
        result = cli("add", "aerobic", "20", "--symptom", text, "--yes", "--plain")
        assert result.code == 0, result.err
        assert alerted(result.out), text
    lips = cli("add", "aerobic", "20", "--symptom", "blue lips", "--json")
    assert json.loads(lips.out)["findings"][0]["source"] == "NeuroRehabilitation 2015"


def test_a_personal_file_cannot_turn_the_alert_down(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    personal(alslog_home, lambda data: data["rules"]["red-flag-symptom"].update(severity="info"))
    result = cli("checkin", "--symptom", "dizzy")
    assert result.code == 3 and "rules.red-flag-symptom.severity" in result.err


COMMON_ACTIVITIES = [
    "walking", "water walking", "cycling", "recumbent bike", "swimming", "rowing",
    "seated stretches", "chest stretch", "breathing exercises", "deep breathing", "yoga",
    "tai chi", "resistance band", "arm circles", "passive range of motion with helper",
    "calf stretch", "hamstring stretch", "light weights",
]  # fmt: skip


def test_the_activity_and_where_it_aches_are_screened_too(cli) -> None:  # type: ignore[no-untyped-def]
    added = cli("add", "aerobic", "20", "-a", "walk, chest tight after", "--yes", "--plain")
    assert alerted(added.out) and "\u201cwalk, chest tight after\u201d" in added.out
    checked = cli("checkin", "--aching", "--where", "calves, and dizzy", "--plain")
    assert alerted(checked.out) and "\u201ccalves, and dizzy\u201d" in checked.out


@pytest.mark.parametrize("activity", COMMON_ACTIVITIES)
def test_common_activities_raise_no_alert(cli, activity: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "aerobic", "20", "-a", activity, "--yes", "--json")
    assert json.loads(result.out)["findings"] == [], activity
