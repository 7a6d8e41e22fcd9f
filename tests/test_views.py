"""The views take the guideline facts from the guidelines in use, not from their own copies.

A personal guideline file that moves the above-moderate limit to 14 and drops
the daily range-of-motion rule changes the report's band and counts, the
week's daily lines and what `add` says is still to do, all through the CLI.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

from alslog import guidelines
from alslog.paths import shipped_guidelines
from alslog.views import documents
from alslog.views.report import ReportInfo, render
from alslog.views.term import Term


def personal_file(tmp_path: Path) -> Path:
    data: dict[str, Any] = tomllib.loads(shipped_guidelines().read_text(encoding="utf-8"))
    data["rules"]["above-moderate"]["rpe_max"] = 14
    data["rules"]["daily-rom"]["enabled"] = False
    path = tmp_path / "mine.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_report_band_and_count_follow_a_personal_limit(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = str(personal_file(tmp_path))
    for rpe in ("12", "14", "15"):  # only 15 is above a limit of 14 (13 would count 14 too)
        assert cli("add", "aerobic", "20", "--rpe", rpe, "--guidelines", mine).code == 0
    out = tmp_path / "r.html"
    result = cli("report", "--weeks", "1", "-o", str(out), "--guidelines", mine)
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert "moderate (11 to 14)" in page
    assert "1 above the moderate band of 11 to 14." in page
    assert "11 to 14 is moderate" in page
    assert "11 to 13" not in page
    findings = cli("export", "--what", "findings", "--guidelines", mine).out
    above = [line for line in findings.splitlines() if ",above-moderate," in line]
    assert len(above) == 1  # the findings agree with the page's count
    # The daily kinds are the personal file's: no range-of-motion column or panel.
    assert "Daily stretching</h2>" in page
    assert "ROM days" not in page and "range of motion exercises" not in page


def test_the_shipped_report_keeps_its_band_and_daily_kinds() -> None:
    from alslog import trend

    picture = trend.build([], [], [], end=date(2026, 3, 15), weeks=1, today=date(2026, 3, 15),
                          first_day=None)  # fmt: skip
    page = render(picture, ReportInfo.of(guidelines.load(), generated=date(2026, 3, 15)))
    assert "moderate (11 to 13)" in page
    assert "Daily stretching and range of motion</h2>" in page
    assert "Stretch days" in page and "ROM days" in page


def test_add_and_week_follow_the_daily_kinds(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = str(personal_file(tmp_path))
    shipped = cli("add", "aerobic", "10", "--plain")
    assert "Still to do today: stretching and range of motion." in shipped.out
    personal = cli("add", "aerobic", "10", "--plain", "--guidelines", mine)
    assert "Still to do today: stretching." in personal.out
    week = cli("week", "--plain", "--yes", "--guidelines", mine).out
    assert "Daily stretching:" in week
    assert "Daily range of motion" not in week


def test_stop_words_come_from_the_guidelines() -> None:
    import io

    from alslog.models import Finding
    from alslog.views.text import logged_lines

    term = Term(color=False, width=80, stream=io.StringIO())
    day = date(2026, 3, 15)
    alert = Finding(rule="red-flag-symptom", severity="alert", date=day, message="Stop.")
    lines = logged_lines(
        term, [], [alert], day, done_today={}, daily_kinds=("stretching",), stop_words="Rest now."
    )
    assert lines[-1] == "Rest now."


def test_term_detect_reads_only_the_environment_it_is_given() -> None:
    import io

    stream = io.StringIO()  # not a terminal: plain, no colour
    assert Term.detect(stream, {}).plain
    assert not Term.detect(stream, {}).color
    assert Term.detect(stream, {"ALSLOG_PLAIN": "1"}).plain


def test_every_document_has_the_one_version() -> None:
    docs = [
        documents.undo_doc("x"),
        documents.config_doc({}),
        documents.import_doc(1, 2),
        documents.logbook_doc([], []),
    ]
    assert {d["version"] for d in docs} == {documents.JSON_VERSION}
    assert documents.import_doc(1, 2) == {"version": 1, "added": 1, "skipped": 2}
    assert re.fullmatch(r"\d+", str(documents.JSON_VERSION))
