"""The framework's floor: a minimal two-command typer app.

The benchmark runs it with the same interpreter as ``alslog`` and compares the
two, run for run. It does nothing but parse its arguments and print a line.
"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def add(kind: str, minutes: int) -> None:
    """Log a session."""
    print(f"{kind} {minutes}")


@app.command()
def week() -> None:
    """Sum up the week."""
    print("week")


if __name__ == "__main__":
    app()
