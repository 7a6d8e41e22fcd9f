"""The views: records, findings and reports as text, JSON and HTML, from data given to them.

Nothing here reads the store, the clock or the environment: the command line
reads them and passes the values in.
"""
