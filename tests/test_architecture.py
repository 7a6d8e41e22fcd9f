"""Keep the arrows of the design true: domain modules neither print, prompt nor read the clock,
and none of them imports the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import alslog

PACKAGE = Path(alslog.__file__).parent
CLI_LAYER = {"alslog.app", "alslog.cli", "alslog.commands", "alslog.ask", "alslog.term"}
UI_LIBRARIES = {"typer", "rich", "click"}
# Pure domain: no I/O at all, no clock. A dotted name is a module of a package; a
# package's name stands for every module in it.
GUIDELINES_PURE = [
    "guidelines.base",
    "guidelines.checks",
    "guidelines.engine",
    "guidelines.symptoms",
    "guidelines.schema",
    "guidelines.guide",
    "guidelines.explain",
]
PURE = [
    "models",
    "words",
    "summary",
    "parse",
    "readiness",
    "trend",
    "escape",
    "rating",
    "rating_items",
    *GUIDELINES_PURE,
]
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
    "safety",
    "lock",
]


def files_of(module: str) -> list[Path]:
    """The file of a module, or every file of a package ("guidelines.checks")."""
    path = PACKAGE.joinpath(*module.split("."))
    if path.is_dir():
        return sorted(path.rglob("*.py"))
    return [path.with_suffix(".py")] if path.with_suffix(".py").exists() else []


def imports_of(module: str) -> set[str]:
    found: set[str] = set()
    for path in files_of(module):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                # "from alslog import words" names the module alslog.words
                for alias in node.names:
                    dotted = f"{node.module}.{alias.name}"
                    inner = dotted.removeprefix("alslog.")
                    is_module = dotted.startswith("alslog.") and files_of(inner)
                    found.add(dotted if is_module else node.module)
    return found


def existing(modules: list[str]) -> list[str]:
    missing = [m for m in modules if not files_of(m)]
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


def test_checks_and_engine_use_only_models_words_and_the_guidelines() -> None:
    for module in ("guidelines.checks", "guidelines.engine"):
        ours = {n for n in imports_of(module) if n.startswith("alslog")}
        outside = {n for n in ours if not n.startswith("alslog.guidelines.")}
        # The ratings' arithmetic is pure domain beside models (rating-fall uses it).
        allowed = {"alslog.models", "alslog.errors", "alslog.words", "alslog.rating"}
        assert outside <= allowed, (module, ours)
        # The checks come before the file's shape and its loading, never after.
        assert not {n for n in ours if n.startswith("alslog.guidelines.load")}, (module, ours)
        assert not {n for n in ours if n.startswith("alslog.guidelines.cache")}, (module, ours)


def test_nothing_in_the_guidelines_imports_their_face() -> None:
    for path in (PACKAGE / "guidelines").rglob("*.py"):
        if path.name == "__init__.py" and path.parent.name == "guidelines":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "alslog.guidelines":
                raise AssertionError(f"{path.name} imports the face: {ast.unparse(node)}")
            if isinstance(node, ast.Import):
                names = {alias.name for alias in node.names}
                assert "alslog.guidelines" not in names, f"{path.name} imports the face"


def test_symptoms_import_nothing_of_ours() -> None:
    assert not {n for n in imports_of("guidelines.symptoms") if n.startswith("alslog")}


def test_domain_neither_prints_nor_prompts_nor_reads_the_clock() -> None:
    for module in existing(DOMAIN):
        for node in (
            n for p in files_of(module) for n in ast.walk(ast.parse(p.read_text("utf-8")))
        ):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("print", "input"), f"{module} calls {node.func.id}"
            if module in PURE and isinstance(node, ast.Attribute):
                text = ast.unparse(node)
                assert text not in ("datetime.now", "date.today", "time.time"), (
                    f"{module} reads the clock: {text}"
                )


def test_nothing_imports_the_entry_point() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("cli.py", "__main__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "alslog.cli":
                raise AssertionError(f"{path.name} imports alslog.cli")


def test_the_guidelines_modules_import_one_another_without_a_cycle() -> None:
    # Module-level imports only: one inside a function or under TYPE_CHECKING runs later.
    root = PACKAGE / "guidelines"
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        graph[name] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                graph[name].update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                graph[name].update(f"{node.module}.{a.name}" for a in node.names)
                graph[name].add(node.module)
    face = "alslog.guidelines"
    for name in graph:
        graph[name] = {n for n in graph[name] if n in graph and n not in (name, face)}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, f"import cycle: {' -> '.join((*trail, name))}"
        if name in done:
            return
        for other in sorted(graph[name]):
            # a package's own modules are imported by it, not the other way round
            if not name.startswith(other + "."):
                visit(other, (*trail, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())
