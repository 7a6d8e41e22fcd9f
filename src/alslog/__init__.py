"""alslog: a personal exercise logbook for people living with ALS."""

__version__ = "0.1.0"
