"""The ``alslog`` entry point: run the app, turn every error into one line and an exit code.

The app and its shared options are in ``alslog.app``; the commands in
``alslog.commands``. Importing them here registers them on the app.
"""

from __future__ import annotations

import sys

import typer

from alslog.app import app
from alslog.commands import (  # noqa: F401  (importing registers the commands)
    doctor,
    guide,
    logbook,
    ready,
    records,
    report,
    settings,
    transfer,
)


# ---- entry point -----------------------------------------------------------------
def main(argv: list[str] | None = None) -> None:
    """Run the command; turn every error into one line on stderr and an exit code."""
    from typer.exceptions import TyperException

    from alslog.errors import AlslogError, ExitCode

    args = sys.argv[1:] if argv is None else argv
    try:
        code = app(args=args, prog_name="alslog", standalone_mode=False)
    except AlslogError as error:
        _fail(error.message, error.exit_code)
    except TyperException as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # plain `alslog`: show the help
            print(error.format_message())
            sys.exit(ExitCode.OK)
        message = _plain_usage(error.format_message())
        hint = getattr(error, "ctx", None)
        command = hint.command_path if hint is not None else "alslog"
        _fail(f"{message} (see '{command} --help')", getattr(error, "exit_code", ExitCode.USAGE))
    except typer.Abort:
        _fail("Cancelled; nothing was changed.", ExitCode.INTERRUPTED)
    except KeyboardInterrupt:
        _fail("Interrupted.", ExitCode.INTERRUPTED)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(ExitCode.FAILURE)
    except Exception as error:  # a bug: say so in one line; ALSLOG_DEBUG=1 shows the trace
        import os

        if os.environ.get("ALSLOG_DEBUG"):
            raise
        _fail(
            f"unexpected error ({type(error).__name__}: {error}). Please report it; "
            "run again with ALSLOG_DEBUG=1 set to see the details.",
            ExitCode.FAILURE,
        )

    if code == ExitCode.INTERRUPTED:  # typer turns Ctrl-C into this exit code
        _fail("Interrupted.", ExitCode.INTERRUPTED)
    sys.exit(code if isinstance(code, int) else 0)


def _plain_usage(message: str) -> str:
    """Say the framework's parsing errors in our words: what is accepted."""
    message = message.replace(
        "Input should be a valid integer, unable to parse string as an integer",
        "give a whole number",
    )
    if message.startswith("No such option: -") and message[len("No such option: -") :].isdigit():
        number = message[len("No such option: ") :]
        message = f"{number} is not accepted: numbers here are never negative."
    return message


def _fail(message: str, code: int) -> None:
    print(f"alslog: {message}", file=sys.stderr)
    sys.exit(int(code))
