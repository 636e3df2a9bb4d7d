"""The terminal: one place that decides how wide tables are and whether they have colour."""

from __future__ import annotations

import sys


def wide_console():
    """A rich console for tables: the terminal's width, or 150 columns when piped (rich's 80 would
    fold every row of a portfolio table). Colour follows rich's rules: none when piped or under NO_COLOR."""
    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else 150)
