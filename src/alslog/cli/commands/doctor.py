"""Looking after the logbook itself: doctor (check the files, list and restore backups)."""

from __future__ import annotations

from typing import Annotated

import typer

from alslog.cli.app import (
    JsonOpt,
    PlainOpt,
    YesOpt,
    app,
    examples,
    get_paths,
    open_store,
    output,
    print_json,
)


@app.command(
    short_help="Check the files; list or restore backups.",
    epilog=examples(
        "alslog doctor",
        "alslog doctor --backups",
        "alslog doctor --restore 2026-11--20261121T080000000000Z--42.json",
    ),
)
def doctor(
    backups: Annotated[
        bool, typer.Option("--backups", help="List every backup, newest first.")
    ] = False,
    restore: Annotated[
        str | None,
        typer.Option(
            "--restore",
            metavar="NAME",
            help="Put this backup back in place (the current file is backed up first).",
            show_default=False,
        ),
    ] = None,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
) -> None:
    """Check the logbook's files, list the backups, and restore one if needed."""
    import alslog.cli.prompts as prompts
    from alslog.errors import StoreCorruptError, UsageError

    where = get_paths()
    store = open_store(where)
    term = output(plain)
    if restore is not None:
        if not yes:
            if not prompts.interactive(False):
                raise UsageError("Restoring replaces a month of the logbook: add --yes to confirm.")
            if not prompts.yes_no(
                f"Restore {restore}? The current file is backed up first.", False
            ):
                term.write("Nothing was changed.")
                return
        change = store.restore(restore)
        term.write(f"{change.description}. The file it replaced is kept among the backups.")
        return

    report = store.check()
    found = store.backups()
    if as_json:
        from alslog.views import documents

        print_json(documents.doctor_doc(where.store_dir, where.backup_dir, report, found))
    else:
        lines = [f"Logbook: {where.store_dir}", f"Backups: {where.backup_dir}"]
        if report.ok:
            lines.append(
                f"All {report.files_checked} files are readable and valid."
                if report.files_checked
                else "The logbook is empty: nothing to check yet."
            )
        for problem in report.problems:
            text = problem.message
            if not text.startswith(str(problem.file)):
                text = f"{problem.file}: {text}"
            lines.extend(term.wrap(text, first="Problem: ", indent="  "))
            if problem.backup is not None and "--restore" not in text:
                lines.extend(
                    term.wrap(
                        f"alslog doctor --restore {problem.backup.name}",
                        first="  To restore the newest good backup: ",
                        indent="    ",
                    )
                )
        shown = found if backups else found[:5]
        if shown:
            more = " (the newest 5; --backups lists all)" if len(shown) < len(found) else ""
            lines.append(f"{len(found)} backup{'s' if len(found) != 1 else ''}{more}:")
            for b in shown:
                what = (
                    f"{b.records} record{'s' if b.records != 1 else ''}" if b.valid else "damaged"
                )
                lines.append(f"  {b.name}  ({b.time:%Y-%m-%d %H:%M} UTC, {what})")
        else:
            lines.append("No backups yet: they are made each time a month file changes.")
        term.write(lines)
    if not report.ok:
        raise StoreCorruptError(
            f"{len(report.problems)} problem{'s' if len(report.problems) != 1 else ''} "
            "found in the logbook; see above."
        )
