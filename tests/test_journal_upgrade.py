"""A journal left by alslog 0.1 (no checksums) is still finished after an upgrade."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from conftest import alslog_command


def _alslog(
    home: Path, *args: str, crash_at: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ALSLOG_HOME=str(home))
    if crash_at:
        env["ALSLOG_TEST_CRASH_AT"] = crash_at
    return subprocess.run(
        [*alslog_command(), *args], env=env, capture_output=True, text=True, timeout=60
    )


def _pending_journal(home: Path) -> Path:
    assert _alslog(home, "add", "rom", "10", "--yes").returncode == 0
    crashed = _alslog(home, "add", "stretching", "5", "--yes", crash_at="after-journal")
    assert crashed.returncode == 70, crashed.stderr
    journal = home / "logbook" / "journal.json"
    assert journal.exists()
    return journal


def test_a_journal_without_checksums_is_finished(tmp_path: Path) -> None:
    journal = _pending_journal(tmp_path)
    doc = json.loads(journal.read_text())
    for write in doc["writes"]:
        del write["sha256"]  # as alslog 0.1 wrote it
    journal.write_text(json.dumps(doc))
    listed = _alslog(tmp_path, "list", "--plain")
    assert listed.returncode == 0, listed.stderr
    assert "stretching" in listed.stdout and "range of motion" in listed.stdout
    assert _alslog(tmp_path, "add", "rom", "5", "--yes").returncode == 0
    assert not journal.exists()  # the next write finished it


def test_a_journal_with_some_checksums_missing_is_refused(tmp_path: Path) -> None:
    journal = _pending_journal(tmp_path)
    doc = json.loads(journal.read_text())
    del doc["writes"][0]["sha256"]
    journal.write_text(json.dumps(doc))
    before = journal.read_bytes()
    listed = _alslog(tmp_path, "list")
    assert listed.returncode == 3 and "journal.json is damaged" in listed.stderr
    assert journal.read_bytes() == before
