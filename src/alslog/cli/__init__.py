"""The command line: the only layer that imports typer, reads standard input,
the environment or the clock.

``from alslog.cli import main`` is the entry point. This module imports only
``alslog.cli.main``, which imports nothing at its top: Ctrl-C is handled from
the first moment of :func:`main`.
"""

from alslog.cli.main import main

__all__ = ["main"]
