"""Start-up and history-size benchmark for alslog: ``python bench/run.py``.

Times ``alslog add``, ``alslog week`` and ``alslog --help`` as whole processes
(the ``alslog`` console script of the virtual environment running this file)
against a minimal two-command typer app (``bench/minimal_app.py``, the
framework's floor) in the same environment, on logbooks of 0, 1,000, 20,000
and 100,000 generated sessions. Runs alternate A B A B after a warm-up; it
prints medians, the ratio alslog / minimal app (median of the per-pair
ratios) and the peak memory (maximum resident set size) of each process, then
the time to import the largest history from one file.

Each process is measured on its own: ``os.wait4`` returns the resource usage
of that one child, so its ``ru_maxrss`` is that run's peak, not a maximum over
every child so far. Unix only (Linux, macOS).

It prints figures and whether each target of the issue is met; it never fails
on a time. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
ALSLOG = str(BIN / "alslog")
MINIMAL = [sys.executable, str(HERE / "minimal_app.py")]
DEFAULT_SIZES = (0, 1_000, 20_000, 100_000)
MIB = 1024 * 1024

# The targets of the issue: ratios to the minimal app taken in the same run.
TARGET_RATIO = 1.2  # add and week at 20,000 sessions (issue 11; aim 1.1)
TARGET_FLAT = 1.10  # at 100,000 against the same at 1,000
TARGET_PEAK_MIB = 40.0  # add and week at 100,000
TARGET_HELP = 1.0  # alslog --help against the minimal app's --help


# ---- where the logbook lives -------------------------------------------------------
def at_home(env: dict[str, str], home: Path) -> dict[str, str]:
    """env with alslog's data and config under home.

    On Linux through the XDG variables, so that alslog finds its folders as it
    does for a user (platformdirs included); elsewhere through ALSLOG_HOME.
    """
    if sys.platform.startswith("linux"):
        return {**env, "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    return {**env, "ALSLOG_HOME": str(home)}


def base_env(work: Path) -> dict[str, str]:
    """The environment of every timed process.

    Bytecode is on, cached under work: an installed alslog runs from compiled
    bytecode, so a setting that turns it off (PYTHONDONTWRITEBYTECODE) would time
    the compiler, not the program. The warm-up runs fill the cache.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALSLOG", "XDG_"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["NO_COLOR"] = "1"
    return env


# ---- running one process --------------------------------------------------------
@dataclass
class Run:
    wall: float  # seconds
    peak: float  # MiB


def run_once(argv: Sequence[str], env: dict[str, str]) -> Run:
    """Start argv, wait for it, and return its wall time and its own peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        shown = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        sys.exit(f"{' '.join(argv)} exited with {proc.returncode}:\n{shown.stderr}{shown.stdout}")
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    peak = usage.ru_maxrss / (MIB if sys.platform == "darwin" else 1024)
    return Run(wall, peak)


@dataclass
class Pair:
    """Alternating runs of alslog (a) and the minimal app (b)."""

    a: list[Run] = field(default_factory=list)
    b: list[Run] = field(default_factory=list)

    @property
    def a_ms(self) -> float:
        return statistics.median(r.wall for r in self.a) * 1000

    @property
    def b_ms(self) -> float:
        return statistics.median(r.wall for r in self.b) * 1000

    @property
    def ratio(self) -> float:
        return statistics.median(x.wall / y.wall for x, y in zip(self.a, self.b, strict=True))

    @property
    def a_peak(self) -> float:
        return max(r.peak for r in self.a)

    @property
    def b_peak(self) -> float:
        return max(r.peak for r in self.b)


def compare(
    a: Sequence[str],
    b: Sequence[str],
    env: dict[str, str],
    *,
    runs: int,
    warmup: int,
    fresh_home: Path | None = None,
) -> Pair:
    """Run a and b in turn (A B A B ...). With fresh_home, each a gets its own copy of it."""
    pair = Pair()
    for index in range(warmup + runs):
        env_a = env
        copy = None
        if fresh_home is not None:
            copy = Path(tempfile.mkdtemp(prefix="run-", dir=fresh_home.parent))
            shutil.rmtree(copy)
            shutil.copytree(fresh_home, copy)
            env_a = at_home(env, copy)
            # The copy's hundreds of new files wait in the page cache; without a sync
            # the timed add's first fsync would write them all (ext4 commits its
            # journal whole), which no add in daily use pays.
            os.sync()
        run_a = run_once(a, env_a)
        if copy is not None:
            shutil.rmtree(copy)
            os.sync()
        run_b = run_once(b, env)
        if index >= warmup:
            pair.a.append(run_a)
            pair.b.append(run_b)
    return pair


# ---- a realistic history ---------------------------------------------------------
_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_AEROBIC = ("walking", "cycling", "swimming", "recumbent bike", "arm ergometer", "pool walking")
_STRENGTH = ("resistance band", "light weights", "sit to stand", "wall push-ups")
_OTHER = ("yoga", "tai chi", "balance practice", "breathing exercises")
_NOTES = (
    "felt good",
    "legs heavy today",
    "short on time",
    "with the physio",
    "hands stiff in the morning, better after",
    "stopped early, cramp in the left calf",
    "good day, walked to the park and back",
    "partner helped with the shoulder stretches",
    "tired after a bad night",
    "new band, lighter resistance",
)
_SYMPTOMS = ("cramp", "fasciculations", "dizzy", "short of breath", "muscle twitching")
_WHERE = ("calves", "thighs", "shoulders", "forearms", "neck")


def _id(rng: random.Random, used: set[str]) -> str:
    while True:
        rid = "".join(rng.choice(_ALPHABET) for _ in range(12))
        if rid not in used:
            used.add(rid)
            return rid


History = tuple[list[dict[str, Any]], list[dict[str, Any]]]  # sessions, check-ins


PER_DAY = 2.9  # sessions a day, on average, in the pattern below
RECENT_YEARS = 20


def generate(n: int, seed: int = 4) -> History:
    """n sessions and the check-ins of those days, going back day by day from yesterday.

    About 2.9 sessions a day (stretching nearly daily, sometimes twice; range of
    motion nearly daily; aerobic and strength some days; now and then other),
    so 20,000 sessions span about nineteen years, and a check-in on about half
    of the days. More than twenty years of that is more than anyone logs (and
    the logbook starts in 1970): the sessions beyond are packed into the twenty
    years before, the day's pattern repeated. The recent weeks, which ``add``
    and ``week`` read, look the same at every size; only the history grows.
    """
    rng = random.Random(seed)
    used: set[str] = set()
    tz = datetime.now().astimezone().tzinfo
    sessions: list[dict[str, Any]] = []
    checkins: list[dict[str, Any]] = []
    day = date.today() - timedelta(days=1)  # today is left to the commands being timed
    recent_days = RECENT_YEARS * 365
    older = max(0.0, n - recent_days * PER_DAY)
    repeat = max(1, math.ceil(older / (recent_days * PER_DAY)))
    age = 0
    while len(sessions) < n:
        planned: list[str] = []
        for _ in range(1 if age < recent_days else repeat):
            if rng.random() < 0.9:
                planned.append("stretching")
                if rng.random() < 0.3:
                    planned.append("stretching")
            if rng.random() < 0.85:
                planned.append("rom")
            if rng.random() < 0.45:
                planned.append("aerobic")
            if rng.random() < 0.3:
                planned.append("strength")
            if rng.random() < 0.1:
                planned.append("other")
        age += 1
        hours = sorted(rng.choices(range(7, 21), k=len(planned)))
        for kind, hour in zip(planned, hours, strict=True):
            if len(sessions) == n:
                break
            at = datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=tz)
            record: dict[str, Any] = {"id": _id(rng, used), "kind": kind, "at": at.isoformat()}
            if kind == "stretching":
                record["minutes"] = rng.choice((10, 15, 15, 20, 20, 30))
            elif kind == "rom":
                record["minutes"] = rng.choice((10, 10, 15, 20))
                record["assisted"] = rng.random() < 0.3
            elif kind == "aerobic":
                record["activity"] = rng.choice(_AEROBIC)
                record["minutes"] = rng.choice((15, 20, 20, 30, 30, 45, 60))
                record["rpe"] = rng.choice((9, 10, 11, 11, 12, 12, 13, 13, 14, 15, 16))
                record["talk"] = rng.random() < 0.93
            elif kind == "strength":
                record["activity"] = rng.choice(_STRENGTH)
                record["minutes"] = rng.choice((15, 20, 25, 30))
                record["rpe"] = rng.choice((10, 11, 12, 13, 14, 15))
            else:
                record["activity"] = rng.choice(_OTHER)
                record["minutes"] = rng.choice((20, 30, 45))
            if rng.random() < 0.1:
                record["tired"] = True
                record["kept_going"] = rng.random() < 0.3
            if rng.random() < 0.03:
                record["symptoms"] = rng.sample(_SYMPTOMS, k=rng.choice((1, 1, 2)))
            if rng.random() < 0.15:
                record["note"] = rng.choice(_NOTES)
            sessions.append(record)
        if rng.random() < 0.5:
            checkin: dict[str, Any] = {
                "id": _id(rng, used),
                "date": day.isoformat(),
                "aching": rng.random() < 0.15,
                "fatigue": rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7)),
            }
            if checkin["aching"]:
                checkin["where"] = rng.choice(_WHERE)
            if rng.random() < 0.1:
                checkin["note"] = rng.choice(_NOTES)
            checkins.append(checkin)
        day -= timedelta(days=1)
    return sessions, checkins


def build_store(home: Path, size: int, env: dict[str, str], *, settle: bool) -> None:
    """Fill a logbook with size sessions through the store's own API (validated models).

    Done in a child process: this one stays small, because a child's peak memory
    as the kernel reports it can include its parent's at the fork.
    """
    argv = [sys.executable, __file__, "--build", str(size)] + ([] if settle else ["--unsettled"])
    subprocess.run(argv, env=at_home(env, home), check=True)


def _build(size: int, settle: bool) -> None:
    from alslog import paths
    from alslog.models import CheckIn, Session
    from alslog.store import UNDO_KEEP, Store

    sessions, checkins = generate(size)
    where = paths.resolve(os.environ)
    store = Store(where.store_dir, where.backup_dir, clock=lambda: datetime.now(UTC))
    store.import_records(
        [Session.model_validate(s) for s in sessions],
        [CheckIn.model_validate(c) for c in checkins],
    )
    if settle:
        # A logbook in daily use has a full undo log of small changes; right after
        # an import its one entry lists every imported record (up to ~1 MiB), which
        # each change reads and rewrites until newer changes push it out. Re-record
        # the latest check-ins unchanged until it has been pushed out.
        latest = sorted(checkins, key=lambda c: c["date"])[-UNDO_KEEP:]
        for record in latest:
            store.put_checkin(CheckIn.model_validate(record))


def import_run(work: Path, source: Path, env: dict[str, str], *, runs: int) -> tuple[Run, int]:
    """Import the logbook in source into an empty one from one file: (median run, bytes).

    The file is the one ``alslog export`` writes; ``alslog import FILE`` reads it.
    """
    export = work / "export.json"
    with export.open("wb") as out:
        subprocess.run([ALSLOG, "export"], env=at_home(env, source), stdout=out, check=True)
    found = []
    for _ in range(runs):
        target = Path(tempfile.mkdtemp(prefix="import-", dir=work))
        found.append(run_once([ALSLOG, "import", str(export)], at_home(env, target)))
        shutil.rmtree(target)
    found.sort(key=lambda r: r.wall)
    return found[len(found) // 2], export.stat().st_size


def _helper(args: argparse.Namespace) -> bool:
    """The hidden helper mode, run in a child process; True if it ran."""
    if args.build is None:
        return False
    _build(args.build, settle=not args.unsettled)
    return True


# ---- the report ----------------------------------------------------------------
def _mark(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first (default 2)")
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="logbook sizes in sessions, comma-separated (default 0,1000,20000,100000)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="5 runs, 1 warm-up, sizes 0,1000,20000"
    )
    parser.add_argument("--no-import", action="store_true", help="skip the import timing")
    parser.add_argument(
        "--unsettled",
        action="store_true",
        help="time the logbooks as just imported (undo log holding the import) "
        "instead of as in daily use",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated logbooks")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if _helper(args):
        return
    if args.quick:
        args.runs, args.warmup, args.sizes = 5, 1, "0,1000,20000"
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    if not Path(ALSLOG).exists():
        sys.exit(f"no alslog script next to {sys.executable}: pip install -e . first")

    work = Path(tempfile.mkdtemp(prefix="alslog-bench-"))
    env = base_env(work)
    add = [ALSLOG, "add", "stretching", "15"]
    week = [ALSLOG, "week"]
    min_add = [*MINIMAL, "add", "stretching", "15"]
    min_week = [*MINIMAL, "week"]
    results: dict[str, Any] = {"runs": args.runs, "warmup": args.warmup, "sizes": {}}
    print(f"alslog benchmark: {args.runs} runs after {args.warmup} warm-up, A B A B; medians")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {sys.platform}")
    print()
    header = f"{'sessions':>9}  {'command':<7} {'alslog ms':>9} {'typer ms':>9} {'ratio':>6}"
    header += f" {'alslog MiB':>10} {'typer MiB':>9}"
    print(header)
    try:
        pairs: dict[tuple[int, str], Pair] = {}
        for size in sizes:
            home = work / f"home-{size}"
            home.mkdir()
            if size:
                build_store(home, size, env, settle=not args.unsettled)
            env_size = at_home(env, home)
            # As in daily use, the guideline cache is there: the first command after an
            # install or a change of the guideline file writes it. Without this every
            # timed add (each on a fresh copy of home) would validate the file anew.
            run_once(week, env_size)
            for name, a, b, fresh in (
                ("add", add, min_add, home),
                ("week", week, min_week, None),
            ):
                pair = compare(a, b, env_size, runs=args.runs, warmup=args.warmup, fresh_home=fresh)
                pairs[(size, name)] = pair
                print(
                    f"{size:>9,}  {name:<7} {pair.a_ms:>9.0f} {pair.b_ms:>9.0f} {pair.ratio:>6.2f}"
                    f" {pair.a_peak:>10.1f} {pair.b_peak:>9.1f}",
                    flush=True,
                )
                results["sizes"].setdefault(str(size), {})[name] = {
                    "alslog_ms": round(pair.a_ms, 1),
                    "typer_ms": round(pair.b_ms, 1),
                    "ratio": round(pair.ratio, 3),
                    "alslog_peak_mib": round(pair.a_peak, 1),
                    "typer_peak_mib": round(pair.b_peak, 1),
                }
        empty = at_home(env, work / "help-home")
        help_pair = compare(
            [ALSLOG, "--help"], [*MINIMAL, "--help"], empty, runs=args.runs, warmup=args.warmup
        )
        print(
            f"{'':>9}  {'--help':<7} {help_pair.a_ms:>9.0f} {help_pair.b_ms:>9.0f} "
            f"{help_pair.ratio:>6.2f} {help_pair.a_peak:>10.1f} {help_pair.b_peak:>9.1f}"
        )
        results["help"] = {
            "alslog_ms": round(help_pair.a_ms, 1),
            "typer_ms": round(help_pair.b_ms, 1),
            "ratio": round(help_pair.ratio, 3),
        }
        if not args.no_import and sizes[-1] > 0:
            run, size_bytes = import_run(
                work, work / f"home-{sizes[-1]}", env, runs=min(3, args.runs)
            )
            print(
                f"\nalslog import of {sizes[-1]:,} sessions from one file "
                f"({size_bytes / MIB:.1f} MiB, written by alslog export): "
                f"{run.wall:.2f} s, peak {run.peak:.0f} MiB"
            )
            results["import"] = {
                "sessions": sizes[-1],
                "seconds": round(run.wall, 2),
                "peak_mib": round(run.peak, 1),
            }

        print("\ntargets (a benchmark reports; it does not fail):")
        for name in ("add", "week"):
            if (20_000, name) in pairs:
                ratio = pairs[(20_000, name)].ratio
                ok = ratio <= TARGET_RATIO
                print(
                    f"  {name} at 20,000: {ratio:.2f}x the typer app (<= {TARGET_RATIO}): "
                    f"{_mark(ok)}"
                )
            if (1_000, name) in pairs and (100_000, name) in pairs:
                flat = pairs[(100_000, name)].ratio / pairs[(1_000, name)].ratio
                print(
                    f"  {name} at 100,000 / at 1,000: {flat:.2f} (<= {TARGET_FLAT}): "
                    f"{_mark(flat <= TARGET_FLAT)}"
                )
                results.setdefault("flat", {})[name] = round(flat, 3)
            if (100_000, name) in pairs:
                peak = pairs[(100_000, name)].a_peak
                print(
                    f"  {name} peak at 100,000: {peak:.1f} MiB (< {TARGET_PEAK_MIB:.0f}): "
                    f"{_mark(peak < TARGET_PEAK_MIB)}"
                )
        print(
            f"  --help: {help_pair.ratio:.2f}x the typer app's (<= {TARGET_HELP}): "
            f"{_mark(help_pair.ratio <= TARGET_HELP)}"
        )
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        own_mib = own / (MIB if sys.platform == "darwin" else 1024)
        print(f"  (a peak cannot read below this script's own: {own_mib:.1f} MiB)")
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    finally:
        if args.keep:
            print(f"\nlogbooks kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
