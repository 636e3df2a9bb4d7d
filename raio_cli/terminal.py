"""The terminal: one place that decides how wide tables are and whether they have colour."""

from __future__ import annotations

import sys


def wide_console():
    """A rich console for tables: the terminal's width, or when piped the COLUMNS the user set,
    else 150 columns (rich's 80 would fold every row of a portfolio table). Colour follows rich's
    rules: none when piped or under NO_COLOR."""
    import os

    from rich.console import Console

    width = None
    if not sys.stdout.isatty():
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and 20 <= int(columns) <= 10_000 else 150
    return Console(highlight=False, width=width)
