"""``alslog completion SHELL`` and ``alslog help [COMMAND]``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from alslog.cli.app import app, examples, whole_app

if TYPE_CHECKING:
    from alslog.cli.completion import CommandSpec


# ---- help ------------------------------------------------------------------------
@app.command(
    name="help",
    short_help="Show the help of alslog or of one command.",
    epilog=examples("alslog help", "alslog help add", "alslog help config set"),
)
def help_(
    command: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="COMMAND",
            help="A command, e.g. add, or config set (default: all of alslog).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the help of alslog or of one command: the same as --help."""
    # The whole app, not the one command main() may have picked to start faster.
    whole_app()(args=[*(command or []), "--help"], prog_name="alslog", standalone_mode=False)


# ---- completion ------------------------------------------------------------------
@app.command(
    short_help="Print a completion script for bash, zsh or fish.",
    epilog=examples(
        "alslog completion bash > ~/.local/share/bash-completion/completions/alslog",
        "alslog completion zsh > ~/.alslog-completion.zsh",
        "alslog completion fish > ~/.config/fish/completions/alslog.fish",
    ),
)
def completion(
    shell: Annotated[
        str,
        typer.Argument(metavar="SHELL", help="bash, zsh or fish.", show_default=False),
    ],
) -> None:
    """Print a script that lets the shell complete alslog's commands, options and words.

    It completes commands, options, kinds, guide topics and setting names
    with Tab: fewer keys to press. See the README for where to put it.
    """
    import alslog.cli.completion as scripts
    from alslog.errors import UsageError

    name = shell.strip().lower()
    if name not in scripts.SHELLS:
        raise UsageError(f"Unknown shell '{shell}': use bash, zsh or fish.")
    print(scripts.script(name, command_specs()), end="")


def command_specs() -> list[CommandSpec]:
    """What each command takes, read from the commands as registered."""
    from typer.main import get_command

    root = get_command(whole_app())
    specs: list[CommandSpec] = []
    _walk(root, "", specs)
    return specs


def _walk(command: Any, path: str, specs: list[CommandSpec]) -> None:
    from alslog.cli.completion import CommandSpec

    options: list[str] = []
    values: dict[str, tuple[str, ...]] = {}
    arguments: list[tuple[str, ...]] = []
    for param in command.params:
        if param.param_type_name == "argument":
            arguments.append(_words_for(path, param.name))
            continue
        names = [*param.opts, *param.secondary_opts]
        options += names
        if not param.is_flag:
            long = next((name for name in names if name.startswith("--")), names[0])
            for name in names:
                values[name] = _words_for(path, long.lstrip("-"))
    options += ["--help", "-h"]
    subcommands: tuple[str, ...] = ()
    children: Any = getattr(command, "commands", None)
    if children:
        subcommands = tuple(command.list_commands(None))
    specs.append(
        CommandSpec(
            path=path,
            options=tuple(options),
            values=values,
            arguments=tuple(arguments),
            subcommands=subcommands,
        )
    )
    for name in subcommands:
        _walk(children[name], f"{path} {name}".strip(), specs)


_DAYS = (
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


def _words_for(path: str, name: str) -> tuple[str, ...]:
    """The words a value may be, where they are few and known."""
    from alslog.cli.completion import SHELLS
    from alslog.guidelines import REQUIRED_TOPICS
    from alslog.models import KINDS

    if name == "kind":
        return KINDS
    if name in ("at", "date", "since", "until", "end"):
        return _DAYS
    if name == "format":
        return ("json", "csv")
    if path == "guide" and name == "topic":
        return REQUIRED_TOPICS
    if path == "config set" and name == "key":
        return ("name", "therapist", "aerobic_goal_minutes", *(f"activity.{k}" for k in KINDS))
    if path == "completion" and name == "shell":
        return SHELLS
    if path == "help" and name == "command":
        return tuple(app_command_names())
    return ()


def app_command_names() -> list[str]:
    """The commands of alslog, in the order --help lists them."""
    from typer.main import get_command

    root: Any = get_command(whole_app())
    return list(root.list_commands(None))
