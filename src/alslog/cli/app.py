"""The typer app, the options several commands share, and the plumbing they use.

Commands live in ``alslog.cli.commands`` (one module per area) and stay thin:
parse the arguments, call a use case of ``alslog.logbook``, render the result.
A command module is imported only when its command runs (:data:`COMMANDS`,
:func:`load_commands`), and it imports the domain modules inside the command
function, so that each command loads only what it uses.
``alslog.cli.main`` runs the app and turns errors into messages and exit codes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from alslog import __version__

if TYPE_CHECKING:
    from alslog.guidelines import Guidelines
    from alslog.paths import Paths
    from alslog.store import Store
    from alslog.views.term import Term

# The order commands are listed in by --help: everyday ones first.
HELP_ORDER = (
    "add",
    "again",
    "checkin",
    "rate",
    "ready",
    "week",
    "guide",
    "list",
    "edit",
    "rm",
    "undo",
    "trend",
    "report",
    "export",
    "import",
    "config",
    "doctor",
    "help",
    "completion",
)


# Which module of ``alslog.cli.commands`` holds each command: running one imports only
# its own module (as pip's command table does); --help and anything unknown import all.
COMMANDS: dict[str, str] = {
    "add": "add",
    "again": "add",
    "checkin": "checkin",
    "rate": "rate",
    "ready": "ready",
    "week": "week",
    "guide": "guide",
    "list": "records",
    "edit": "edit",
    "rm": "records",
    "undo": "records",
    "trend": "report",
    "report": "report",
    "export": "transfer",
    "import": "transfer",
    "config": "settings",
    "doctor": "doctor",
    "help": "help",
    "completion": "help",
}


def load_commands(name: str | None = None) -> typer.Typer:
    """The app with the module of command ``name`` imported (every command's if None).

    Importing a command module registers its commands on :data:`app`.
    """
    import importlib

    modules = [COMMANDS[name]] if name in COMMANDS else sorted(set(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"alslog.cli.commands.{module}")
    return app


def whole_app() -> typer.Typer:
    """The app with every command registered (for help, completion and tests)."""
    return load_commands(None)


class _OrderedGroup(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(HELP_ORDER)}
        return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))


def examples(*lines: str) -> str:
    """A command's epilog: "Examples:" then one command a line, as written.

    The ``\\b`` line tells the help formatter not to re-wrap the paragraph, so
    each example stays on its own line, whole, ready to copy.
    """
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


class _Command(TyperCommand):
    """A command whose help names its arguments plainly: ``ID``, ``KEY VALUE``.

    typer writes a required argument as ``{ID}`` on the usage line and adds
    ``<str>`` after its name; both read as noise, aloud most of all.
    """

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [re.sub(r"^\{(.*)\}(\.\.\.)?$", r"\1\2", piece) for piece in pieces]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((re.sub(r" <[^>]*>$", "", record[0]), record[1]))
            elif param.param_type_name == "option":
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class AlslogTyper(typer.Typer):
    """typer's app whose commands are :class:`_Command` unless told otherwise."""

    def command(
        self, *args: Any, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


app = AlslogTyper(
    name="alslog",
    cls=_OrderedGroup,
    help=(
        "A personal exercise logbook for people living with ALS. Log each session, "
        "see what the published guidelines say about it, and share the week with your "
        "physical therapist. Not medical advice: agree your programme with your therapist."
    ),
    epilog=examples(
        "alslog add    # on a terminal: asks, one key per answer",
        "alslog add stretching 15 --at 'yesterday 9am'",
        "alslog week",
        "alslog help add    # more about one command",
    ),
    rich_markup_mode=None,
    # typer's own completion starts alslog again on every Tab (a whole start-up, each
    # time): `alslog completion` prints a static script instead.
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Options shared by several commands, declared once.
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON only (for scripts).")]
PlainOpt = Annotated[
    bool, typer.Option("--plain", help="No colour: plain text that reads well aloud.")
]
YesOpt = Annotated[
    bool, typer.Option("--yes", "-y", help="Never ask questions; use what was given.")
]
GuidelinesOpt = Annotated[
    Path | None,
    typer.Option(
        "--guidelines",
        metavar="PATH",
        help="Use this guideline file instead of your personal or the shipped one.",
        show_default=False,
    ),
]
IdArg = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The record's id, or its first few characters (as 'alslog list' shows).",
        show_default=False,
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="From this day: YYYY-MM-DD, today, yesterday, a weekday or '3 days ago'.",
        show_default=False,
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help="Up to this day (included): YYYY-MM-DD, today, yesterday or a weekday.",
        show_default=False,
    ),
]


def date_range(
    since: str | None, until: str | None, today: date
) -> tuple[date | None, date | None]:
    """--since/--until as days (either may be open); refuses an empty range."""
    from alslog import parse
    from alslog.errors import UsageError

    start = parse.parse_date(since, today) if since is not None else None
    end = parse.parse_date(until, today) if until is not None else None
    if start and end and start > end:
        raise UsageError(
            f"--since {start.isoformat()} is after --until {end.isoformat()}: swap them."
        )
    return start, end


# ---- plumbing --------------------------------------------------------------------
# Work for after the command succeeded (saving a cache): a failed command writes nothing.
AFTER_SUCCESS: list[Callable[[], None]] = []


def clock() -> datetime:
    """The one place the clock is read: local time with its offset."""
    return datetime.now().astimezone().replace(microsecond=0)


def get_paths() -> Paths:
    import os

    from alslog import paths as paths_module

    return paths_module.resolve(os.environ)


LOCK_TIMEOUT_ENV = "ALSLOG_LOCK_TIMEOUT"


def lock_timeout() -> float:
    """How long to wait for another alslog's lock: ALSLOG_LOCK_TIMEOUT seconds (10)."""
    import os

    from alslog.errors import UsageError

    wait = os.environ.get(LOCK_TIMEOUT_ENV, "10")
    try:
        seconds = float(wait)
        if not 0 <= seconds <= 3600:
            raise ValueError
    except ValueError:
        raise UsageError(
            f"{LOCK_TIMEOUT_ENV}={wait!r} is not accepted: give seconds from 0 to 3600."
        ) from None
    return seconds


def open_store(where: Paths) -> Store:
    """The logbook; how long to wait for another alslog comes from ALSLOG_LOCK_TIMEOUT."""
    from alslog.store import Store

    # The store stamps undo entries and backups in UTC, to the microsecond.
    return Store(
        where.store_dir,
        where.backup_dir,
        clock=lambda: datetime.now(UTC),
        lock_timeout=lock_timeout(),
    )


def default_activity(where: Paths, kind: str) -> str | None:
    """The activity set for the kind (``config set activity.KIND``), if any."""
    if not where.config_file.exists():  # no settings: skip loading them
        return None
    from alslog import config as config_module

    return config_module.load(where).default_activity(kind)


def rating_every(where: Paths) -> int | None:
    """The ``rating_every_days`` setting (None: unset, or a config file that does not load:
    its own commands say what is wrong with it)."""
    if not where.config_file.is_file():  # no settings: skip loading them (and tomllib)
        return None
    from alslog import config
    from alslog.errors import ConfigError

    try:
        return config.load(where).rating_every_days
    except ConfigError:
        return None


def load_guidelines(where: Paths, override: Path | None) -> Guidelines:
    from alslog import guidelines as guidelines_module

    path: Path | None = override
    if path is None:
        personal = where.personal_guidelines
        if personal.is_file():
            path = personal
        elif personal.is_symlink() or personal.exists():  # a folder or a broken link: say so
            from alslog.errors import GuidelineError

            raise GuidelineError(
                f"{personal}: your personal guideline file is not a readable file; "
                "make it a copy of guidelines.toml or remove it."
            )
    guidelines, save = guidelines_module.load_cached(path, where.cache_dir / "guidelines.pickle")
    if save is not None:
        AFTER_SUCCESS.append(save)
    return guidelines


def output(plain: bool) -> Term:
    import os
    import sys

    from alslog.views.term import Term

    return Term.detect(sys.stdout, os.environ, plain=plain or _plain_setting())


def _plain_setting() -> bool:
    """Whether ``alslog config set plain true`` made plain output the default.

    Output comes after a command has saved: a config file that does not load
    must not turn a saved session into an error (its other commands say what
    is wrong with it), so here it counts as "not set".
    """
    where = get_paths()
    if not where.config_file.is_file():  # no settings: skip loading them
        return False
    from alslog import config
    from alslog.errors import ConfigError

    try:
        return bool(config.load(where).plain)
    except ConfigError:
        return False


def print_json(document: dict[str, Any]) -> None:
    from alslog.escape import json_text

    print(json_text(json.dumps(document, ensure_ascii=False, indent=2)))


def _version(value: bool) -> None:
    if value:
        print(f"alslog {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """A personal exercise logbook for people living with ALS.

    Not medical advice: agree your programme with your physical therapist.
    """


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
