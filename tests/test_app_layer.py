"""What the application layer's move fixed on the way: a personal moderate band named in
``--rpe`` errors, and import counting in words."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from alslog.paths import shipped_guidelines


def _personal(tmp_path: Path) -> str:
    data: dict[str, Any] = tomllib.loads(shipped_guidelines().read_text(encoding="utf-8"))
    data["rules"]["above-moderate"]["rpe_max"] = 14
    path = tmp_path / "mine.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return str(path)


def test_add_names_the_personal_moderate_band(cli: Any, tmp_path: Path) -> None:
    result = cli("add", "aerobic", "20", "--rpe", "25", "--guidelines", _personal(tmp_path))
    assert result.code != 0
    assert "11 to 14 is moderate" in result.err


def test_edit_names_the_personal_moderate_band(cli: Any, tmp_path: Path) -> None:
    import json

    assert cli("add", "aerobic", "20", "--rpe", "12", "--yes").code == 0
    short = json.loads(cli("list", "--json").out)["sessions"][0]["id"][:6]
    result = cli("edit", short, "--rpe", "25", "--guidelines", _personal(tmp_path))
    assert result.code != 0
    assert "11 to 14 is moderate" in result.err


def test_import_counts_one_session_in_words(cli: Any, tmp_path: Path) -> None:
    assert cli("add", "rom", "10", "--yes").code == 0
    exported = tmp_path / "one.json"
    assert cli("export", "-o", str(exported)).code == 0
    assert cli("undo").code == 0
    result = cli("import", str(exported))
    assert result.code == 0, result.err
    assert "Imported 1 of 1 record from" in result.out
    assert "(1 session, 0 check-ins in the file)" in result.out
