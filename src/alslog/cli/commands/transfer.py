"""Moving the log in and out: export (JSON, CSV) and import."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from alslog.cli.app import (
    GuidelinesOpt,
    JsonOpt,
    SinceOpt,
    UntilOpt,
    app,
    clock,
    date_range,
    examples,
    get_paths,
    load_guidelines,
    open_store,
    print_json,
    write_output,
)

if TYPE_CHECKING:
    from alslog.transfer import Format, What

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


def _what(value: str | None, fmt: str | None, path: str | None) -> What | None:
    """What a CSV export holds (None: JSON, which holds everything)."""
    from alslog import transfer
    from alslog.errors import UsageError

    if value is None:
        return None
    word = value.strip().lower().replace("-", "")
    chosen = next((w for w in transfer.WHATS if word in (w, w[:-1])), None)
    if chosen is None:
        raise UsageError(f"Unknown --what '{value}': use sessions, checkins, ratings or findings.")
    json_asked = fmt is not None and fmt.strip().lower() == "json"
    if json_asked or (fmt is None and path is not None and path.lower().endswith(".json")):
        raise UsageError(
            "--what is for CSV (JSON holds everything): add --format csv, or drop --what."
        )
    return chosen


# ---- export ----------------------------------------------------------------------
@app.command(
    short_help="Save the log as JSON or CSV.",
    epilog=examples(
        "alslog export -o alslog.json",
        "alslog export --format csv -o log.csv",
        "alslog export --since 2026-01-01 --format csv > log.csv",
        "alslog export --format csv --what checkins -o checkins.csv",
        "alslog export --format csv --what ratings -o ratings.csv",
    ),
)
def export(
    fmt: FormatOpt = None,
    what: Annotated[
        str | None,
        typer.Option(
            "--what",
            metavar="WHAT",
            help="What the CSV holds: sessions (default), checkins, ratings, or findings "
            "(what the guideline rules say about the period).",
            show_default=False,
        ),
    ] = None,
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
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Save the log as JSON (everything) or CSV (one row each, for a spreadsheet)."""
    from alslog import transfer
    from alslog.logbook.transfer import export_data

    path = str(out) if out else None
    the_what = _what(what, fmt, path)
    the_format = _format(fmt, path) if the_what is None else "csv"
    today = clock().date()
    start, end = date_range(since, until, today)
    where = get_paths()
    guide = load_guidelines(where, guidelines_path) if the_what == "findings" else None
    data = export_data(open_store(where), the_format, the_what, start, end, today, guide)
    text = transfer.export(the_format, data)
    sessions, checkins, findings = data.sessions, data.checkins, data.findings
    ratings = data.ratings
    if out is None or str(out) == "-":
        sys.stdout.write(text)
        return
    if the_format == "csv":
        text = "\ufeff" + text  # a byte-order mark: Excel then reads accents as UTF-8
    write_output(out, text)
    from alslog.words import plural

    if the_what == "ratings":
        wrote = plural(len(ratings), "rating")
    elif the_what == "checkins":
        wrote = plural(len(checkins), "check-in")
    elif the_what == "findings":
        wrote = plural(len(findings), "finding")
    else:
        wrote = plural(len(sessions), "session")
    if the_format == "json":
        wrote += (
            f", {plural(len(checkins), 'check-in')} and {plural(len(ratings), 'rating')}"
            if ratings
            else f" and {plural(len(checkins), 'check-in')}"
        )
    print(f"Wrote {wrote} to {out} ({the_format.upper()}).")
    if the_format == "csv" and the_what is None and checkins:
        those, them = (
            ("The check-in is", "it")
            if len(checkins) == 1
            else (f"The {len(checkins)} check-ins are", "them")
        )
        print(
            f"{those} not in the CSV: use --what checkins for {them}, "
            "or --format json to keep everything."
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
    from alslog.logbook.transfer import import_records
    from alslog.views import documents
    from alslog.words import plural

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
    done = import_records(open_store(get_paths()), records)
    if as_json:
        print_json(documents.import_doc(done.added, done.skipped))
        return
    total = done.sessions_in_file + done.checkins_in_file + done.ratings_in_file
    message = (
        f"Imported {done.added} of {plural(total, 'record')} from {name} "
        f"({plural(done.sessions_in_file, 'session')}, "
        f"{plural(done.checkins_in_file, 'check-in')}"
        + (f", {plural(done.ratings_in_file, 'rating')}" if done.ratings_in_file else "")
        + " in the file)"
    )
    if done.skipped:
        message += (
            f"; skipped {done.skipped} whose id (or check-in day) is already in the logbook, "
            "keeping the logbook's version"
        )
    print(message + ".")
    if done.added:
        print("To take the import back: alslog undo")
