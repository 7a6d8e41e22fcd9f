"""Moving the log in and out: export (JSON, CSV) and import."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from alslog.app import JsonOpt, app, clock, examples, get_paths, open_store, print_json
from alslog.commands.records import SinceOpt, UntilOpt, date_range

if TYPE_CHECKING:
    from alslog.transfer import Format

FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="json (everything) or csv (sessions, for a spreadsheet). "
        "Default: from the file name, else json.",
        show_default=False,
    ),
]


def _format(value: str | None, path: str | None) -> Format:
    from alslog.errors import UsageError

    if value is None:
        return "csv" if path and path.lower().endswith(".csv") else "json"
    word = value.strip().lower()
    if word in ("json", "csv"):
        return "json" if word == "json" else "csv"
    raise UsageError(f"Unknown format '{value}': use json or csv.")


def write_output(path: Path, data: str) -> None:
    """Write a file the user asked for, atomically; a bad path is one usage line."""
    from alslog.atomic import why, write_atomic
    from alslog.errors import UsageError, WriteError

    target = path.expanduser()
    if target.is_dir():
        raise UsageError(f"{path} is a folder: give a file name, e.g. {path / 'alslog.json'}.")
    if not target.parent.is_dir():
        raise UsageError(f"The folder {target.parent} does not exist: create it or pick another.")
    try:
        write_atomic(target, data.encode("utf-8"))
    except OSError as error:
        raise WriteError(f"Could not write {path}: {why(error)}.") from None


# ---- export ----------------------------------------------------------------------
@app.command(
    short_help="Save the log as JSON or CSV.",
    epilog=examples(
        "alslog export -o alslog.json",
        "alslog export --format csv -o log.csv",
        "alslog export --since 2026-01-01 --format csv > log.csv",
    ),
)
def export(
    fmt: FormatOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (replaced safely) instead of the screen.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Save the log as JSON (everything) or CSV (sessions, one row each, for a spreadsheet)."""
    from alslog import transfer

    the_format = _format(fmt, str(out) if out else None)
    start, end = date_range(since, until, clock().date())
    store = open_store(get_paths())
    sessions = store.sessions(start, end)
    checkins = store.checkins(start, end)
    if the_format == "json":
        text = transfer.to_json(sessions, checkins, store.extra_fields(start, end))
    else:
        text = transfer.to_csv(sessions)
    if out is None or str(out) == "-":
        sys.stdout.write(text)
        return
    if the_format == "csv":
        text = "\ufeff" + text  # a byte-order mark: Excel then reads accents as UTF-8
    write_output(out, text)
    what = f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}"
    if the_format == "json":
        what += f" and {len(checkins)} check-in{'s' if len(checkins) != 1 else ''}"
    print(f"Wrote {what} to {out} ({the_format.upper()}).")
    if the_format == "csv" and checkins:
        print(
            f"The {len(checkins)} check-ins are not in the CSV: "
            "use --format json to keep everything."
        )


# ---- import ----------------------------------------------------------------------
@app.command(
    short_help="Add the records of an exported file.",
    name="import",
    epilog=examples(
        "alslog import alslog.json",
        "alslog import log.csv",
        "alslog import - --format json < alslog.json",
    ),
)
def import_(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="A file made by 'alslog export' (JSON or CSV); - reads standard input.",
            show_default=False,
        ),
    ],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add the records of an exported file; those already in the logbook are skipped.

    Everything is checked first: one bad record and nothing is written.
    """
    import os

    from alslog import limits, transfer
    from alslog.errors import DataError, UsageError

    if file == "-":
        text = sys.stdin.read(limits.MAX_BYTES + 1)
        name = "standard input"
        try:
            limits.check_size(len(text))
        except ValueError as error:
            raise DataError(f"{name}: the file {error}. Nothing was imported.") from None
    else:
        path = Path(file).expanduser()
        name = file
        try:
            with open(path, "rb") as handle:
                limits.check_size(os.fstat(handle.fileno()).st_size)
                raw = handle.read(limits.MAX_BYTES + 1)
        except ValueError as error:
            raise DataError(f"{file}: the file {error}. Nothing was imported.") from None
        except FileNotFoundError:
            raise UsageError(f"No file {file}: give the path of an alslog export.") from None
        except IsADirectoryError:
            raise UsageError(f"{file} is a folder: give the path of an alslog export.") from None
        except OSError as error:
            raise DataError(f"Cannot read {file}: {error.strerror or error}.") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DataError(
                f"{file} is not UTF-8 text: save it from the spreadsheet as 'CSV UTF-8'."
            ) from None
    the_format = (
        _format(fmt, None) if fmt else transfer.detect_format(text, "" if file == "-" else file)
    )
    try:
        records = transfer.read(text, the_format, today=clock().date())
    except DataError as error:
        raise DataError(f"{name}: {error.message} Nothing was imported.") from None
    store = open_store(get_paths())
    # One check-in a day: a day that already has one keeps it.
    days = {c.date for c in store.checkins()}
    checkins = [c for c in records.checkins if c.date not in days]
    same_day = len(records.checkins) - len(checkins)
    added, skipped = store.import_records(records.sessions, checkins, records.extras)
    skipped += same_day
    if as_json:
        print_json({"version": 1, "added": added, "skipped": skipped})
        return
    total = len(records.sessions) + len(records.checkins)
    message = (
        f"Imported {added} of {total} record{'s' if total != 1 else ''} from {name} "
        f"({len(records.sessions)} sessions, {len(records.checkins)} check-ins in the file)"
    )
    if skipped:
        message += (
            f"; skipped {skipped} whose id (or check-in day) is already in the logbook, "
            "keeping the logbook's version"
        )
    print(message + ".")
    if added:
        print("To take the import back: alslog undo")
