"""The commands of ``alslog``, one module per area; each registers on ``alslog.cli.app.app``
when imported (``alslog.cli.app.COMMANDS`` says which module holds which command)."""
