"""Keep the arrows of the design true: domain modules neither print, prompt nor read the clock,
and none of them imports the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import alslog

PACKAGE = Path(alslog.__file__).parent
CLI_LAYER = {"alslog.app", "alslog.cli", "alslog.commands", "alslog.ask"}
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
    "views/report",
    "views/text",
    "views/week",
    "views/documents",
    "views/guide",
    "paths",
    "safety",
    "lock",
]


# Views: the terminal text, the JSON documents and the report. Term writes to the stream
# it is given; nothing in views reads the store, the environment or the clock.
VIEWS = PACKAGE / "views"


def files_of(module: str) -> list[Path]:
    """A module's file, or every file of a package ("views/report" is one too)."""
    path = PACKAGE / module
    if path.is_dir():
        return sorted(path.rglob("*.py"))
    return [path.with_name(path.name + ".py")]


def _imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def imports_of(module: str) -> set[str]:
    found: set[str] = set()
    for path in files_of(module):
        found |= _imports(ast.parse(path.read_text(encoding="utf-8")))
    return found


def existing(modules: list[str]) -> list[str]:
    missing = [m for m in modules if not all(p.exists() for p in files_of(m))]
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
        nodes = [
            node
            for path in files_of(module)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        ]
        for node in nodes:
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


def test_views_never_read_the_store_the_environment_nor_the_clock() -> None:
    files = sorted(VIEWS.rglob("*.py"))
    assert {p.stem for p in files} >= {"text", "week", "documents", "term", "guide", "page"}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in _imports(tree):
            assert not (name == "alslog.store" or name.startswith("alslog.store.")), (
                f"{path.name} imports {name}"
            )
            assert name.split(".")[0] not in UI_LIBRARIES, f"{path.name} imports {name}"
            assert not any(name == c or name.startswith(c + ".") for c in CLI_LAYER), (
                f"{path.name} imports {name}"
            )
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                text = ast.unparse(node)
                assert text not in (
                    "os.environ",
                    "sys.stdin",
                    "sys.stdout",
                    "datetime.now",
                    "date.today",
                    "time.time",
                ), f"{path.name} reads {text}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "input", f"{path.name} calls input"


def test_no_old_view_modules_are_left() -> None:
    for old in ("render", "report", "render_guide", "term", "transfer"):
        assert not (PACKAGE / f"{old}.py").exists(), f"{old}.py should have moved"
