"""Drive the Store from a separate process, for the fault tests (not a test module).

Usage: python store_helper.py COMMAND DATA_DIR [ARGS...]; the logbook is
DATA_DIR/logbook and the backups DATA_DIR/backups. Domain errors are printed as
``ERROR <Kind> <message>`` with the error's exit code.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from alslog.errors import AlslogError
from alslog.models import Session
from alslog.store import Store, new_id

BASE = datetime(2024, 11, 20, 9, 0, tzinfo=UTC)


def session(at: datetime, minutes: int = 20) -> Session:
    return Session(id=new_id(), kind="aerobic", minutes=minutes, at=at)


def state(store: Store) -> dict[str, str]:
    return {s.id: s.at.isoformat() for s in store.sessions()}


def churn(store: Store) -> None:
    """Writes forever: add, move to another month, import across months, remove.

    Before each write: ``B <state expected after it>``; after it: ``C``.
    """
    expected = state(store)
    print("ready", flush=True)
    step = 0
    while True:
        step += 1
        ids = sorted(expected)
        if step % 4 == 1 or not ids:
            new = session(BASE + timedelta(days=step % 40))
            expected[new.id] = new.at.isoformat()
            print("B", json.dumps(expected), flush=True)
            store.add_session(new)
        elif step % 4 == 2:
            old = next(s for s in store.sessions() if s.id == ids[step % len(ids)])
            moved = old.model_copy(update={"at": old.at + timedelta(days=17)})
            expected[moved.id] = moved.at.isoformat()
            print("B", json.dumps(expected), flush=True)
            store.update_session(moved)
        elif step % 4 == 3:
            batch = [session(BASE + timedelta(days=31 * k + step % 5)) for k in range(3)]
            expected.update({s.id: s.at.isoformat() for s in batch})
            print("B", json.dumps(expected), flush=True)
            store.import_records(batch, [])
        else:
            victim = ids[0]
            del expected[victim]
            print("B", json.dumps(expected), flush=True)
            store.remove(victim)
        print("C", flush=True)


def main() -> int:
    command, data = sys.argv[1], Path(sys.argv[2])
    args = sys.argv[3:]
    timeout = float(os.environ.get("HELPER_LOCK_TIMEOUT", "30"))
    store = Store(
        data / "logbook", data / "backups", clock=lambda: datetime.now(UTC), lock_timeout=timeout
    )
    try:
        if command == "add":  # add N sessions
            for index in range(int(args[0])):
                store.add_session(session(BASE + timedelta(minutes=index)))
        elif command == "add-one":
            print(store.add_session(session(BASE)).description)
        elif command == "move":  # move every session 40 days later (another month)
            for old in store.sessions():
                store.update_session(old.model_copy(update={"at": old.at + timedelta(days=40)}))
        elif command == "churn":
            churn(store)
        elif command == "hold":  # hold the lock until killed
            from alslog.lock import FolderLock

            FolderLock(data / "logbook").acquire(timeout=10)
            print("locked", flush=True)
            signal.pause()
        elif command == "read-loop":  # read for SECONDS; print the counts seen
            deadline = time.monotonic() + float(args[0])
            counts = []
            while time.monotonic() < deadline:
                everything = store.sessions()
                ids = [s.id for s in everything]
                if len(ids) != len(set(ids)):
                    print("DUPLICATE", flush=True)
                    return 1
                counts.append(len(ids))
                store.sessions(date(2024, 11, 18), date(2024, 11, 24))
            print(json.dumps(counts))
        elif command == "read":
            print(json.dumps(state(store)))
        else:
            raise SystemExit(f"unknown command {command}")
    except AlslogError as exc:
        print(f"ERROR {type(exc).__name__} {exc.message}", flush=True)
        return int(exc.exit_code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
