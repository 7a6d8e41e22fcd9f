"""Move changes back in time in the undo history (not a test module).

alslog knows when a session was logged from its undo history (``again``
repeats the one logged last; logging the same session twice within ten
minutes is asked about), so a test that needs "logged an hour ago" says so here.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alslog.paths import resolve


def undo_file(home: Path) -> Path:
    """The undo history of the logbook in ``home`` (an ALSLOG_HOME)."""
    return resolve({"ALSLOG_HOME": str(home)}).store_dir / "undo.json"


def logged_ago(home: Path, ago: timedelta, *, entry: int = -1) -> None:
    """Say that a change (the newest by default) was made ``ago`` before now."""
    path = undo_file(home)
    log = json.loads(path.read_text(encoding="utf-8"))
    when = datetime.now(UTC) - ago
    log["entries"][entry]["time"] = when.isoformat(timespec="seconds")
    path.write_text(json.dumps(log, ensure_ascii=False), encoding="utf-8")
