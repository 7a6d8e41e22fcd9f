"""Keep the arrows of the design true: domain modules neither print, prompt nor read the clock,
and none of them imports the command line."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import alslog

PACKAGE = Path(alslog.__file__).parent
CLI_LAYER = {"alslog.cli", "alslog.term"}
UI_LIBRARIES = {"typer", "rich", "click"}
# Pure domain: no I/O at all, no clock.
PURE = ["models", "words", "rules", "summary", "parse", "readiness", "trend", "symptoms", "escape"]
# Domain modules that may do file I/O but never talk to the user.
DOMAIN = [
    *PURE,
    "guidelines",
    "store",
    "atomic",
    "config",
    "transfer",
    "report",
    "paths",
    "logbook/__init__",
    "logbook/safety",
    "logbook/log",
    "logbook/checkin",
    "logbook/valid",
    "lock",
]


def imports_of(module: str) -> set[str]:
    path = PACKAGE / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def existing(modules: list[str]) -> list[str]:
    missing = [m for m in modules if not (PACKAGE / f"{m}.py").exists()]
    assert not missing, f"listed here but gone (renamed?): {missing}"
    return modules


def test_domain_never_imports_the_command_line() -> None:
    for module in existing(DOMAIN):
        for name in imports_of(module):
            top = name.split(".")[0]
            assert top not in UI_LIBRARIES, f"{module} imports {name}"
            assert not any(name == c or name.startswith(c + ".") for c in CLI_LAYER), (
                f"{module} imports {name}"
            )


def test_models_import_nothing_of_ours() -> None:
    assert not {n for n in imports_of("models") if n.startswith("alslog")}


def test_rules_use_only_models_and_guidelines() -> None:
    ours = {n for n in imports_of("rules") if n.startswith("alslog")}
    assert ours <= {
        "alslog.models",
        "alslog.guidelines",
        "alslog.errors",
        "alslog.symptoms",
        "alslog.words",
    }, ours


def test_symptoms_import_nothing_of_ours() -> None:
    assert not {n for n in imports_of("symptoms") if n.startswith("alslog")}


def test_domain_neither_prints_nor_prompts_nor_reads_the_clock() -> None:
    for module in existing(DOMAIN):
        tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("print", "input"), f"{module} calls {node.func.id}"
            if module in PURE and isinstance(node, ast.Attribute):
                text = ast.unparse(node)
                assert text not in ("datetime.now", "date.today", "time.time"), (
                    f"{module} reads the clock: {text}"
                )


def test_nothing_imports_the_entry_point() -> None:
    entry = {PACKAGE / "cli" / "__init__.py", PACKAGE / "__main__.py"}
    for path in PACKAGE.rglob("*.py"):
        if path in entry:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            names = {alias.name for alias in node.names}
            if node.module == "alslog.cli.main" or (
                node.module == "alslog.cli" and "main" in names
            ):
                raise AssertionError(f"{path.name} imports the entry point")


def test_no_command_module_imports_another() -> None:
    commands = PACKAGE / "cli" / "commands"
    for path in commands.glob("*.py"):
        for name in imports_of(f"cli/commands/{path.stem}"):
            assert not name.startswith("alslog.cli.commands"), f"{path.name} imports {name}"


def test_the_command_table_names_every_command_once() -> None:
    from alslog.cli.app import COMMANDS, HELP_ORDER, whole_app

    app = whole_app()
    names = [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands]  # type: ignore[union-attr]
    names += [str(g.name or g.typer_instance.info.name) for g in app.registered_groups]  # type: ignore[union-attr]
    assert sorted(names) == sorted(COMMANDS) == sorted(HELP_ORDER)
    homes: dict[str, str] = {}
    for info in app.registered_commands:
        callback: Any = info.callback
        homes[info.name or callback.__name__.replace("_", "-")] = callback.__module__
    for group in app.registered_groups:
        first: Any = group.typer_instance.registered_commands[0].callback  # type: ignore[union-attr]
        homes[str(group.name or group.typer_instance.info.name)] = first.__module__  # type: ignore[union-attr]
    for name, module in COMMANDS.items():  # running a command imports the module it is in
        assert homes[name] == f"alslog.cli.commands.{module}", name
