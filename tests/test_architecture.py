"""Keep the arrows of the design true (docs/architecture.md).

The layers, bottom up: the foundation (records, errors, paths, the file
writer, the vocabulary); the domain (parsing, settings, the guidelines and
their rules, the store, import and export, the period computations); the
application layer (``logbook``) and the output layer (``views``) side by side;
and the command line (``cli``) on top. An import may only point down or
sideways within its own layer, with the exceptions named below. Only the
command line imports typer, reads stdin, the environment or the clock.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import alslog

PACKAGE = Path(alslog.__file__).parent
MAX_LINES = 400
UI_LIBRARIES = {"typer", "rich", "click"}

FOUNDATION = {"models", "errors", "paths", "atomic", "limits", "escape", "lock", "words", "frozen"}
DOMAIN = {
    "parse",
    "config",
    "summary",
    "readiness",
    "trend",
    "rating",
    "rating_items",
    "guidelines",
    "store",
}
UPPER = {"logbook", "views", "transfer"}
TOP = {"cli", "__main__"}
RANK = {
    **dict.fromkeys(FOUNDATION, 0),
    **dict.fromkeys(DOMAIN, 1),
    **dict.fromkeys(UPPER, 2),
    **dict.fromkeys(TOP, 3),
}
# Arrows that would point sideways and must not: (from, to) by top-level part.
FORBIDDEN = {
    ("views", "store"),  # views render what they are given; they never read the logbook
    ("views", "logbook"),
    ("logbook", "views"),  # use cases return results; rendering them is the CLI's job
    ("store", "guidelines"),  # the store keeps records; it knows no rules
    ("guidelines", "store"),
    ("transfer", "store"),  # export and import work on records; the use case stores them
    ("transfer", "logbook"),
}
# Pure modules: no file I/O, no clock, no environment.
PURE_PARTS = {"models", "words", "escape", "parse", "summary", "readiness", "trend", "rating"}
PURE_PARTS |= {"rating_items"}


# ---- reading the code ---------------------------------------------------------------
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name ('alslog.store.codec')."""
    found: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = modules()


def part_of(module: str) -> str:
    """The top-level part a module belongs to: 'alslog.store.codec' -> 'store'."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else ""


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _runtime_nodes(tree: ast.AST, *, top_only: bool = False) -> Iterator[ast.AST]:
    """Every node that runs (nothing under ``if TYPE_CHECKING:``); with top_only, the
    module's own level only (not inside functions)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                stack.extend(child.orelse)
                continue
            if top_only and isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            stack.append(child)


def imports_of(module: str, *, top_only: bool = False) -> set[str]:
    """The names a module imports when it runs; ``from alslog import x`` counts as
    alslog.x when x is a module, ``from alslog.views import text`` as alslog.views.text."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in _runtime_nodes(tree, top_only=top_only):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                found.add(dotted if dotted in MODULES else node.module)
    return found


def ours(names: set[str]) -> set[str]:
    return {n for n in names if n == "alslog" or n.startswith("alslog.")}


def calls_and_attributes(module: str) -> Iterator[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            yield f"{node.func.id}()"
        if isinstance(node, ast.Attribute):
            yield ast.unparse(node)


# ---- the tests ----------------------------------------------------------------------
def test_every_module_has_a_layer() -> None:
    unplaced = {m for m in MODULES if m != "alslog" and part_of(m) not in RANK}
    assert not unplaced, f"give these a layer in this test and docs/architecture.md: {unplaced}"
    gone = {p for p in RANK if not any(part_of(m) == p for m in MODULES)}
    assert not gone, f"listed here but gone (renamed?): {gone}"


def test_arrows_point_down() -> None:
    for module in MODULES:
        here = part_of(module)
        for name in ours(imports_of(module)):
            there = part_of(name)
            if name == "alslog" or there == here:
                continue
            assert RANK[there] <= RANK.get(here, 0), f"{module} imports {name} (upwards)"
            assert (here, there) not in FORBIDDEN, f"{module} imports {name}"


def test_no_import_cycles() -> None:
    # Every runtime import counts, inside functions too: a cycle there is one
    # refactoring away from an import error.
    graph = {m: {n for n in ours(imports_of(m)) if n in MODULES and n != m} for m in MODULES}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_no_part_of_a_package_imports_its_face() -> None:
    faces = {m for m, p in MODULES.items() if p.name == "__init__.py" and m != "alslog"}
    for module, path in MODULES.items():
        if path.name == "__init__.py":
            continue
        for face in faces:
            if module.startswith(face + "."):
                tree = ast.parse(path.read_text(encoding="utf-8"))
                for node in _runtime_nodes(tree):
                    # Even a sibling module by the face's name runs through the face,
                    # an arrow back up: import it by its own name.
                    if isinstance(node, ast.ImportFrom) and node.module == face:
                        raise AssertionError(f"{module} imports from its face {face}")


def test_no_module_is_over_the_limit() -> None:
    for module, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= MAX_LINES, f"{module} has {lines} lines (split it by job)"


def test_only_the_command_line_imports_the_ui_libraries() -> None:
    for module in MODULES:
        if part_of(module) in TOP:
            continue
        for name in imports_of(module):
            assert name.split(".")[0] not in UI_LIBRARIES, f"{module} imports {name}"


# What only the command line may read. One named exception: the store's
# crash hook, a test-only fault switch read where the crash must happen.
ONLY_THE_CLI = {
    "datetime.now",
    "date.today",
    "time.time",
    "os.environ",
    "os.getenv",
    "sys.stdin",
    "sys.argv",
    "input()",
}
EXCEPTIONS = {("alslog.atomic", "os.environ")}


def test_only_the_command_line_reads_the_clock_stdin_or_the_environment() -> None:
    for module in MODULES:
        if part_of(module) in TOP:
            continue
        for text in calls_and_attributes(module):
            if text in ONLY_THE_CLI or text.startswith(("os.environ.", "sys.stdin.")):
                key = text if text in ONLY_THE_CLI else text.rsplit(".", 1)[0]
                assert (module, key) in EXCEPTIONS, f"{module} reads {text}"


def test_only_the_views_and_the_command_line_write_to_the_screen() -> None:
    for module in MODULES:
        if part_of(module) in TOP | {"views"}:
            continue
        for text in calls_and_attributes(module):
            assert text not in ("print()", "sys.stdout.write", "sys.stderr.write"), (
                f"{module} writes to the screen: {text}"
            )


def test_pure_modules_do_no_file_io() -> None:
    for module in MODULES:
        if part_of(module) not in PURE_PARTS:
            continue
        for text in calls_and_attributes(module):
            assert text not in ("open()",) and not text.endswith(
                (".read_text", ".read_bytes", ".write_text", ".write_bytes")
            ), f"{module} does file I/O: {text}"


def test_models_and_the_matcher_import_nothing_of_ours() -> None:
    assert not ours(imports_of("alslog.models"))
    assert not ours(imports_of("alslog.guidelines.symptoms"))


def test_checks_and_engine_use_only_the_foundation_and_the_guidelines() -> None:
    for module in MODULES:
        if module.startswith(("alslog.guidelines.checks", "alslog.guidelines.engine")):
            for name in ours(imports_of(module)):
                # rating: the pure ALSFRS-R arithmetic the rating-fall check reuses
                allowed = FOUNDATION | {"guidelines", "rating", "rating_items"}
                assert part_of(name) in allowed, f"{module} imports {name}"


def test_nothing_imports_the_entry_point() -> None:
    for module in MODULES:
        if module.startswith("alslog.cli") or module == "alslog.__main__":
            continue
        assert not {n for n in ours(imports_of(module)) if n.startswith("alslog.cli")}, module


def test_no_command_module_imports_another() -> None:
    for module in MODULES:
        if module.startswith("alslog.cli.commands."):
            for name in ours(imports_of(module)):
                assert not name.startswith("alslog.cli.commands"), f"{module} imports {name}"


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


def test_the_old_single_modules_are_gone() -> None:
    for old in ("store", "guidelines", "rules", "symptoms", "render", "report", "render_guide"):
        assert not (PACKAGE / f"{old}.py").exists(), f"{old}.py came back beside its package"
    for old in ("app", "ask", "completion", "safety", "term", "transfer", "cli"):
        assert not (PACKAGE / f"{old}.py").exists(), f"{old}.py came back"
    assert not (PACKAGE / "commands").exists()
