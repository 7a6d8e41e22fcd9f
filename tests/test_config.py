"""Settings: the config file, its validation, and `alslog config show|set|path`."""

from __future__ import annotations

import json
import stat
import tomllib
from pathlib import Path

import pytest

from alslog import config
from alslog.errors import ConfigError, UsageError
from alslog.paths import resolve


def paths_at(home: Path):  # type: ignore[no-untyped-def]
    return resolve({"ALSLOG_HOME": str(home)})


def test_no_file_gives_defaults(alslog_home: Path) -> None:
    settings = config.load(paths_at(alslog_home))
    assert settings == config.Config()
    assert settings.name is None and settings.routines == {}
    assert config.dumps(settings) == ""


def test_set_and_load_round_trip_with_private_mode(alslog_home: Path) -> None:
    where = paths_at(alslog_home)
    config.set_value(where, "name", "  Sam Jones ")
    config.set_value(where, "therapist", "Dr Lee")
    config.set_value(where, "aerobic_goal_minutes", "150")
    config.set_value(where, "activity.aero", "walking")
    config.set_value(where, "routine.morning", "stretching 10, rom 10 with Alex")
    settings = config.load(where)
    assert settings.name == "Sam Jones"
    assert settings.therapist == "Dr Lee"
    assert settings.aerobic_goal_minutes == 150
    assert settings.default_activity("aerobic") == "walking"
    assert settings.default_activity("rom") is None
    assert settings.routine("Morning") == (
        config.RoutineItem(kind="stretching", minutes=10),
        config.RoutineItem(kind="rom", minutes=10, activity="with Alex"),
    )
    mode = stat.S_IMODE(where.config_file.stat().st_mode)
    assert mode == 0o600
    data = tomllib.loads(where.config_file.read_text(encoding="utf-8"))
    assert data["routines"]["morning"][0] == {"kind": "stretching", "minutes": 10}
    # an empty value removes the setting
    config.set_value(where, "therapist", "")
    config.set_value(where, "routine.morning", "")
    settings = config.load(where)
    assert settings.therapist is None and settings.routines == {}


def test_unknown_routine_names_the_known_ones(alslog_home: Path) -> None:
    where = paths_at(alslog_home)
    config.set_value(where, "routine.evening", "stretch 15")
    with pytest.raises(UsageError, match="known: evening"):
        config.load(where).routine("morning")


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("colour", "blue", "Unknown setting 'colour'"),
        ("aerobic_goal_minutes", "lots", "whole minutes"),
        ("aerobic_goal_minutes", "0", "aerobic_goal_minutes"),
        ("aerobic_goal_minutes", "99999", "aerobic_goal_minutes"),
        ("activity.swimming", "pool", "Unknown kind"),
        ("routine.morning", "stretching", "not 'KIND MINUTES"),
        ("routine.morning", "stretching 10, yoga 5", "Unknown kind 'yoga'"),
        ("routine.morning", "rom 900", "out of range"),
        ("routine.Bad Name!", "rom 10", "routine name"),
        ("name", "x" * 300, "name"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(
    alslog_home: Path, key: str, value: str, fragment: str
) -> None:
    where = paths_at(alslog_home)
    with pytest.raises(UsageError, match=fragment):
        config.set_value(where, key, value)
    assert not where.config_file.exists()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("aerobic_goal_minutes = -5\n", "aerobic_goal_minutes"),
        ('aerobic_goal_minutes = "150"\n', "aerobic_goal_minutes"),
        ("colour = 'blue'\n", "colour"),
        ("[activity]\nswimming = 'pool'\n", "activity.swimming"),
        ("[routines]\nmorning = [{kind = 'rom'}]\n", "routines.morning.0.minutes"),
        ("[routines]\nmorning = []\n", "routines.morning"),
        ("name = \n", "not valid TOML"),
    ],
)
def test_bad_file_is_one_line_naming_file_and_key(
    alslog_home: Path, text: str, fragment: str
) -> None:
    where = paths_at(alslog_home)
    alslog_home.mkdir(parents=True)
    where.config_file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        config.load(where)
    message = caught.value.message
    assert str(where.config_file) in message
    assert fragment in message
    assert "\n" not in message


def test_not_utf8_file(alslog_home: Path) -> None:
    where = paths_at(alslog_home)
    alslog_home.mkdir(parents=True)
    where.config_file.write_bytes(b"name = '\xff'\n")
    with pytest.raises(ConfigError, match="UTF-8"):
        config.load(where)


def test_routine_text_round_trip() -> None:
    items = config.parse_routine("Stretching 10, ROM 1h, aerobic 20 brisk walk")
    assert config.routine_text(items) == "stretching 10, rom 60, aerobic 20 brisk walk"
    assert config.parse_routine(config.routine_text(items)) == items


# ---- through the CLI ---------------------------------------------------------------
def test_cli_set_show_path(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("config", "path")
    assert result.code == 0
    assert result.out.strip() == str(alslog_home / "config.toml")
    empty = cli("config", "show")
    assert empty.code == 0 and "No settings yet" in empty.out
    assert cli("config", "set", "name", "Sam").code == 0
    routine = cli("config", "set", "routine.morning", "stretching 10, rom 10")
    assert routine.code == 0
    assert "Routine morning: stretching 10, rom 10" in routine.out
    shown = cli("config", "show")
    assert 'name = "Sam"' in shown.out
    assert "morning" in shown.out
    doc = json.loads(cli("config", "show", "--json").out)
    assert doc == {
        "version": 1,
        "config": {
            "name": "Sam",
            "routines": {
                "morning": [{"kind": "stretching", "minutes": 10}, {"kind": "rom", "minutes": 10}]
            },
        },
    }
    removed = cli("config", "set", "name", "")
    assert removed.code == 0 and "Removed name" in removed.out


def test_cli_errors(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    bad_key = cli("config", "set", "colour", "blue")
    assert bad_key.code == 2
    assert bad_key.err.startswith("alslog: Unknown setting 'colour'")
    assert len(bad_key.err.strip().splitlines()) == 1
    missing = cli("config", "set", "name")
    assert missing.code == 2
    assert "VALUE" in missing.err
    alslog_home.mkdir(parents=True, exist_ok=True)
    (alslog_home / "config.toml").write_text("aerobic_goal_minutes = 0\n")
    broken = cli("config", "show")
    assert broken.code == 3
    assert "config.toml: aerobic_goal_minutes" in broken.err
    assert "Traceback" not in broken.err
    # setting another key does not silently rewrite (or lose) a broken file
    assert cli("config", "set", "name", "Sam").code == 3
    assert (alslog_home / "config.toml").read_text() == "aerobic_goal_minutes = 0\n"


def test_broken_settings_file_says_how_to_fix_it(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    alslog_home.mkdir(parents=True, exist_ok=True)
    (alslog_home / "config.toml").write_text('nmae = "x"\n', encoding="utf-8")
    result = cli("config", "show")
    assert result.code == 3
    assert "nmae: not a setting alslog knows" in result.err and "edit the file" in result.err
    (alslog_home / "config.toml").write_text("aerobic_goal_minutes = 0\n", encoding="utf-8")
    result = cli("config", "show")
    assert result.code == 3 and "from 1 to 10080" in result.err
