"""The commands of ``alslog``, one module per area; each registers on ``alslog.app.app``."""
