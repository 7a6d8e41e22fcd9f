"""The application layer: the use cases of the logbook, one function each.

Each use case is one store transaction or one read (with the read the rules
need before a write) and returns a frozen result the command line renders.
Nothing here imports typer, reads standard input, the environment or the
clock: ``now`` and ``today`` are arguments, answers to questions are too.
The modules: ``log`` (logging sessions), ``checkin`` (the day's check-in),
``records`` (edit, remove, undo), ``period`` (the week, the trend, today for
``ready``), ``transfer`` (what an export holds, storing an import),
``safety`` (what the guideline rules say about what was read), ``valid``
(user input to a record).
"""
