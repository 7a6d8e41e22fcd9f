"""The ``alslog`` entry point: run the app, turn every error into one line and an exit code.

The app, its shared options and the table of commands are in
``alslog.cli.app``; the commands in ``alslog.cli.commands``, of which
:func:`main` imports (and so registers on the app) only the one asked for.
This module imports nothing at its top: Ctrl-C is handled from the first
moment of :func:`main`, before the heavy imports, so that it ends in
"Interrupted." and exit 130 at any moment, never in a traceback.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing's: importing typing costs 25 ms before Ctrl-C is handled
if TYPE_CHECKING:
    from typing import Any

    import typer

# Ctrl-C raises KeyboardInterrupt only while the command runs. Once it has been
# raised, or the command is over, it is ignored, so that turning it into a
# message and an exit code cannot itself be interrupted half-way.
_armed = False


def _on_interrupt(signum: int, frame: Any) -> None:
    global _armed
    if _armed:
        _armed = False
        raise KeyboardInterrupt


def _interrupted_unraisably(hook: Any) -> None:
    """A Ctrl-C raised where Python can only report it (an import lock's callback).

    Python would print "Exception ignored in ..." and go on as if no Ctrl-C had
    come. End the process as the Ctrl-C asked instead: every write alslog makes
    survives a kill at any moment, so stopping here loses nothing.
    """
    if isinstance(hook.exc_value, KeyboardInterrupt):
        import os  # loaded by Python's start-up already

        os.write(2, b"\nalslog: Interrupted.\n")
        os._exit(130)
    sys.__unraisablehook__(hook)


# ---- entry point -----------------------------------------------------------------
def main(argv: list[str] | None = None) -> None:
    """Run the command; turn every error into one line on stderr and an exit code."""
    import signal

    global _armed
    args = sys.argv[1:] if argv is None else argv
    previous: Any = None
    try:
        previous = signal.signal(signal.SIGINT, _on_interrupt)
        if argv is None:  # the program itself, not a caller's function call
            sys.unraisablehook = _interrupted_unraisably
    except ValueError:  # not the main thread (a caller's own): leave Ctrl-C to it
        pass
    try:
        try:
            _armed = True
            message, code = _run(args)
        finally:
            _armed = False
    except KeyboardInterrupt:
        message, code = "Interrupted.", 130
    if argv is not None and previous is not None:  # called as a function: put it back
        signal.signal(signal.SIGINT, previous)
    if message is not None:
        _say(message)
    if argv is None:
        _end(int(code))
    sys.exit(int(code))


def _end(code: int) -> None:
    """End the program now, skipping Python's teardown.

    Freeing every object and module one by one is about a fifteenth of a short
    command's time, and nothing is left for it to do: every file alslog writes
    is closed and synced before its command returns, and no exit handler holds
    anything of ours. The output is flushed first; if that fails, Python's own
    exit runs as before. It runs too under a profiler or a coverage tracer, which
    write their results at exit.
    """
    import os

    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)


def _run(args: list[str]) -> tuple[str | None, int]:
    """Run the command: (message for stderr or None, exit code)."""
    try:
        code = _command(args)
    except KeyboardInterrupt:
        raise
    except BaseException as error:
        return _explain(error)
    if code == 130:  # typer turns Ctrl-C into this exit code
        return "Interrupted.", 130
    return None, code


def _command(args: list[str]) -> int:
    """Import the app, run the command, flush its output; its exit code."""
    import os

    # pydantic looks for plugins among every installed package (importlib.metadata)
    # at its first validator: ~20 ms of each run, and alslog uses none. pydantic
    # reads this variable ("__all__", "1" or "true": no plugins); a value the user
    # set is theirs.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from alslog.cli.app import AFTER_SUCCESS, load_commands

    # Only the module of the command asked for (all of them for --help or a typo).
    app = load_commands(args[0] if args else None)
    global _armed
    AFTER_SUCCESS.clear()
    try:
        code = _app_for(app, args)(args=args, prog_name="alslog", standalone_mode=False)
        # The command is done: a Ctrl-C now changes nothing, and an exit of 130
        # would say it was not done (and invite logging a session twice).
        _armed = False
        code = code if isinstance(code, int) else 0
        if code == 0:
            for task in AFTER_SUCCESS:
                task()
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    finally:
        AFTER_SUCCESS.clear()
    return code


def _explain(error: BaseException) -> tuple[str | None, int]:
    """An error that ended the command as (message, exit code)."""
    import os

    from alslog.errors import AlslogError, ExitCode

    if isinstance(error, SystemExit):
        if _output_closed():  # typer's answer to a closed pipe: sys.exit(1)
            return None, ExitCode.OK
        if error.code is None or isinstance(error.code, int):
            return None, error.code or 0
        return str(error.code), ExitCode.FAILURE
    if isinstance(error, AlslogError):
        return error.message, error.exit_code
    if isinstance(error, OSError) and _is_output_error(error):
        return _output_failure(error)
    typer_module = sys.modules.get("typer")
    if typer_module is not None and isinstance(error, Exception):
        from typer.exceptions import TyperException

        if isinstance(error, TyperException):
            if type(error).__name__ == "NoArgsIsHelpError":  # plain `alslog`: show the help
                print(error.format_message())
                return None, ExitCode.OK
            message = _plain_usage(error.format_message())
            hint = getattr(error, "ctx", None)
            command = hint.command_path if hint is not None else "alslog"
            return f"{message} (see '{command} --help')", getattr(
                error, "exit_code", ExitCode.USAGE
            )
        if isinstance(error, typer_module.Abort):
            if isinstance(error.__context__, KeyboardInterrupt):
                return "Interrupted.", ExitCode.INTERRUPTED
            return "Cancelled; nothing was changed.", ExitCode.INTERRUPTED
    if _caused_by_interrupt(error):
        return "Interrupted.", ExitCode.INTERRUPTED
    if os.environ.get("ALSLOG_DEBUG"):  # a bug: ALSLOG_DEBUG=1 shows the trace
        import traceback

        traceback.print_exception(error)
    return (
        f"unexpected error ({type(error).__name__}: {error}). Please report it; "
        "run again with ALSLOG_DEBUG=1 set to see the details.",
        ExitCode.FAILURE,
    )


def _caused_by_interrupt(error: BaseException) -> bool:
    """Whether a Ctrl-C is what this error is made of.

    Python wraps some exceptions in its own: a Ctrl-C while a class is being
    built (as an import does) comes out as "RuntimeError: Error calling
    __set_name__", caused by the KeyboardInterrupt; one while pydantic builds a
    validator, as a SchemaError that names it.
    """
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        # pydantic's core builds validators in Rust: a Ctrl-C meanwhile comes out as
        # "SchemaError: Error building ... validator: KeyboardInterrupt", in words only.
        if type(cause).__name__ == "SchemaError" and "KeyboardInterrupt" in str(cause):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _output_closed() -> bool:
    """Whether typer found standard output closed (a reader like ``head`` is done)."""
    return type(sys.stdout).__name__ == "PacifyFlushWrapper"


def _is_output_error(error: OSError) -> bool:
    """Whether the error is a failed write to standard output (or a closed pipe).

    Every file alslog writes turns its errors into WriteError naming the file;
    what is left without a file name, of the kinds a full disk, a closed pipe or
    a lost terminal give, came from printing.
    """
    import errno

    kinds = {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.ECONNRESET}
    return error.filename is None and error.errno in kinds


def _output_failure(error: OSError) -> tuple[str | None, int]:
    """A write to standard output failed: quiet for a closed pipe, else one line and 5."""
    import errno
    import os

    from alslog.atomic import why
    from alslog.errors import ExitCode

    # What is left in the buffer cannot be written: send it nowhere, so that
    # the interpreter's own flush at exit does not fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    if error.errno == errno.EPIPE:  # the reader (head, less) stopped reading: not a failure
        return None, ExitCode.OK
    return (
        f"could not write the output: {why(error)}. What the command saved is kept "
        "(see 'alslog list').",
        ExitCode.WRITE,
    )


def _app_for(app: typer.Typer, args: list[str]) -> typer.Typer:
    """The app with only the command asked for, when the first argument names one.

    Before it runs a command, typer builds every registered one (parameters and
    their type hints): about 1 ms a command, more than the rest of
    ``alslog week`` takes. Anything else (root options, a typo to suggest a
    correction for, no arguments) goes to the whole app.
    """
    import copy

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


def _say(message: str) -> None:
    """One line on stderr, with any quoted text escaped (it may come from a hostile file)."""
    from alslog.escape import clean

    try:  # noqa: SIM105  (contextlib is one more import)
        print(f"alslog: {clean(message, one_line=True)}", file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed or full: the exit code still tells
        pass
