"""Your settings: alslog config show | set KEY VALUE | path."""

from __future__ import annotations

from typing import Annotated

import typer

from alslog.cli.app import AlslogTyper, JsonOpt, app, examples, get_paths, lock_timeout, print_json

config_app = AlslogTyper(
    name="config",
    short_help="Your settings: name, therapist, goal, routines.",
    help=(
        "Your settings: name and therapist (shown on the report), weekly aerobic goal, "
        "default activity per kind, and routines."
    ),
    epilog=examples(
        "alslog config show", 'alslog config set name "Sam Jones"', "alslog config path"
    ),
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(config_app)


@config_app.command(epilog=examples("alslog config show", "alslog config show --json"))
def show(as_json: JsonOpt = False) -> None:
    """Show your settings (as they are in the config file)."""
    from alslog import config
    from alslog.escape import clean

    where = get_paths()
    settings = config.load(where)
    if as_json:
        from alslog.views import documents

        print_json(documents.config_doc(settings.to_toml_data()))
        return
    text = config.dumps(settings).rstrip()
    if not text:
        print(f"No settings yet (they would go in {where.config_file}).")
        print('Set one with, e.g.: alslog config set name "Sam Jones"')
        return
    print(f"# {where.config_file}")
    print(clean(text))  # a name or activity may hold any text: shown, never obeyed


@config_app.command(
    name="set",
    epilog=examples(
        'alslog config set name "Sam Jones"',
        'alslog config set therapist "Dr Lee"',
        "alslog config set aerobic_goal_minutes 150",
        "alslog config set activity.aerobic walking",
        "alslog config set onset 2025-03",
        "alslog config set rating_every_days 30",
        'alslog config set routine.morning "stretching 10, rom 10"',
        'alslog config set therapist ""    # removes it',
    ),
)
def set_(
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY",
            help="name, therapist, aerobic_goal_minutes, onset, rating_every_days, "
            "activity.KIND or routine.NAME.",
            show_default=False,
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The new value; an empty one removes the setting.",
            show_default=False,
        ),
    ],
) -> None:
    """Change one setting (checked before it is saved)."""
    from alslog import config
    from alslog.escape import clean

    where = get_paths()
    new = config.set_value(where, key, value, lock_timeout=lock_timeout())
    shown = key.strip().lower()
    if not value.strip():
        print(f"Removed {shown} from {where.config_file}.")
        return
    if shown.startswith(("routine.", "routines.")):
        name = shown.split(".", 1)[1]
        print(
            f"Routine {clean(name)}: {clean(config.routine_text(new.routines[name]))}. Saved in "
            f"{where.config_file}."
        )
        return
    print(f"Set {clean(shown)} to {clean(repr(value.strip()))} in {where.config_file}.")


@config_app.command(epilog=examples("alslog config path"))
def path() -> None:
    """Print where the config file is (it may not exist yet)."""
    print(get_paths().config_file)
