"""The ``alslog`` entry point: run the app, turn every error into one line and an exit code.

The app and its shared options are in ``alslog.app``; the commands in
``alslog.commands``. Importing them here registers them on the app.
"""

from __future__ import annotations

import copy
import sys

import typer

from alslog.app import AFTER_SUCCESS, app
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
    AFTER_SUCCESS.clear()
    try:
        code = _app_for(args)(args=args, prog_name="alslog", standalone_mode=False)
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
    code = code if isinstance(code, int) else 0
    if code == 0:
        for task in AFTER_SUCCESS:
            task()
    AFTER_SUCCESS.clear()
    sys.exit(code)


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command asked for, when the first argument names one.

    Before it runs a command, typer builds every registered one (parameters and
    their type hints): about 1 ms a command, more than the rest of
    ``alslog week`` takes. Anything else (root options, a typo to suggest a
    correction for, no arguments) goes to the whole app.
    """
    name = args[0] if args else ""
    if name.startswith("-") or app.registered_callback is None:
        return app  # without its callback typer would run a lone command as the app
    for info in app.registered_commands:
        callback = info.callback
        named = info.name or (callback.__name__.lower().replace("_", "-") if callback else "")
        if named == name:
            one = copy.copy(app)  # the same settings and root callback
            one.registered_commands = [info]
            one.registered_groups = []
            return one
    return app


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
