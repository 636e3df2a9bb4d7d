"""raio status: the portfolio at a glance."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from raio_cli.commands._common import applications_warning, parse_date, portfolio_root, root_as_named, unknown_format


def status(
    path: Path = typer.Argument(Path("."), metavar="PATH", help="The portfolio (or any folder in it); default: the current folder."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="As if today were this date."),
    no_git: bool = typer.Option(False, "--no-git", help="Do not read git history (days in stage then come from stage_since)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Look at every application again, even those unchanged since the last check (or set RAIO_NO_CACHE=1)."),
) -> None:
    """The portfolio at a glance: applications by stage, days in stage, what the next gate needs,
    overdue outcomes and decisions (pilotitis), expiring CE certificates, monitoring to catch up
    in production (results overdue, an alert without follow-up, a serious incident not reported),
    open checklist items.

    'raio check' gives the details of every finding; 'raio report' makes the board's version.
    Unchanged applications are served from the cache that 'raio check' keeps.

    Piped or written to a file (raio status | grep pilot), no line is broken by width: each
    application's row is one line, however long its signals, and so is the summary under the
    table. Set COLUMNS for a table of that width.
    """
    import datetime as dt

    from raio_cli import jsontext, status as lib

    if format not in ("text", "json"):
        unknown_format(format, ("text", "json"), "Use text or json.")
    root = portfolio_root(path)
    day = parse_date(today) or dt.date.today()
    data = lib.portfolio_status(root, day, use_git=not no_git, cache=not no_cache)
    applications_warning(root, "raio status")
    if format == "json":
        print(jsontext.dumps(data, indent=2))
    else:
        lib.print_status(root, day, data=data, here=root_as_named(path))
