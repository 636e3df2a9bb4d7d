"""raio log APP: the audit trail of one application, from git."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from raio_cli.commands._common import APP_HELP, app_root_as_named, application_arg, err, fail, parse_date, unknown_format


def log(
    app_id: Optional[str] = typer.Argument(None, metavar="APP", help=APP_HELP, show_default=False),
    portfolio: Path = typer.Option(Path("."), "--portfolio", "-p", help="The portfolio (or any folder in it); default: the current folder."),
    format: str = typer.Option("text", "--format", "-f", help="Output format: text (a table) or json (a list of events)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="Date given to uncommitted edits (default: the real date)."),
) -> None:
    """Show the audit trail of one application from git, oldest first.

    Stage changes, the registration of each effect and every later change of its definition, removals, amendments, the pilot's dates and extensions, the outcome (its results, and which of its texts the decision memo shows were added, changed or removed: adoption, user feedback, unexpected findings, cost and capacity in the pilot; or the whole outcome removed), the decision (or its removal), the stop after scale-up (application.yaml's retirement: when it was switched off, who decided the stop and when, why), the monitoring results and incidents added, changed or removed (as raio monitor writes them), and committed memos: each with its date, author and commit. Uncommitted edits come last, dated today: every dossier file and every memo (in the memos/ folder) added, edited or deleted since the last commit, or removed from git but still on disk (git rm --cached).

    Dates are those recorded in the commits: claims, not proofs. A commit that git recorded on another day than its date (a rebase, an amend, git commit --date) shows that day too.

    Piped or written to a file (raio log APP > trail.txt), no line is broken by width: each event is one line. Set COLUMNS for a table of that width.
    """  # noqa: E501 (one line per paragraph: the help text is wrapped to the terminal)
    import datetime as dt
    import sys

    from raio_cli import auditlog, jsontext, shellhint

    if format not in ("text", "json"):
        unknown_format(format, ("text", "json"), "Use --format text or --format json.")
    day = parse_date(today) or dt.date.today()
    here = app_root_as_named(app_id, portfolio)  # the hints' git commands name the portfolio so (raio_cli.shellhint)
    root, app_id = application_arg(app_id, portfolio, "log")
    h = auditlog.read_history(root, app_id, day)
    try:
        events = auditlog.audit_trail(root, app_id, today=day, history=h)
    except auditlog.UnknownApplication:
        from raio_cli.portfolio import unknown_application

        fail(unknown_application(app_id, auditlog.known_ids(root, h), root))
    except auditlog.HistoryUnavailable as exc:
        fail(f"no audit trail: {exc}", shellhint.fill(exc.hint, here))
    if h.state == "shallow":
        err("raio: warning: this is a shallow clone; the trail starts at the oldest commit fetched. "
            f"For the full history, run: {shellhint.fill(shellhint.git_for(h), here)} fetch --unshallow")
    held_elsewhere = auditlog.not_as_text(h, app_id)
    if held_elsewhere:
        err(f"raio: warning: {held_elsewhere}")
    if format == "json":
        sys.stdout.write(jsontext.dumps(events, indent=2, default=str) + "\n")
        return
    from raio_cli.portfolio import phi_patterns
    from raio_cli.terminal import shown

    if events or not held_elsewhere:  # else "nothing of it is committed" would contradict the warning
        _print_table(shown(app_id, phi_patterns(root)), events)



def _print_table(app_id: str, events: list[dict]) -> None:
    """The events as a table, or listed where the terminal is too narrow for one; ``app_id`` is
    shown as given (the caller masks it)."""
    from raio_cli.terminal import fitted, wide_console
    from rich.text import Text

    console = wide_console()
    if not events:
        console.print(f"No history yet for {app_id}: nothing of it is committed.", markup=False)
        return
    title = Text(f"Audit trail of {app_id}", style="table.title")
    widest = {key: max(len(fitted(e[key])) for e in events) for key in ("date", "commit", "author")}
    if console.width - sum(widest.values()) - 13 < _EVENT_LEAST:  # the event would be folded in pieces
        _print_listed(console, title, events)
    else:
        _print_columns(console, title, events)
    console.print("Dates are the commits' author dates as recorded in git: claims, not proofs.", style="dim", markup=False)
    if any(e.get("committed", e["date"]) != e["date"] and e.get("commit_full") for e in events):
        console.print("'committed on' is the day git recorded the commit itself, when it differs from its date: "
                      "a rebase, an amend or a cherry-pick, or a date set by hand (git commit --date).",
                      style="dim", markup=False)
    if any(e.get("merged") for e in events):
        console.print("'on a branch, merged by' names the merge that took a branch's commit into the main line, "
                      "later than the commit's date: it is on record from the merge.", style="dim", markup=False)


#: Columns the event needs beside the date, commit and author; with fewer, each event is listed
#: under them instead (at 40 columns the words were folded in pieces of six letters).
_EVENT_LEAST = 30


def _print_listed(console, title, events: list[dict]) -> None:
    """The events for a terminal too narrow for the table: date, commit and author on a line,
    the event below them, indented; words are wrapped whole."""
    from rich.padding import Padding
    from rich.text import Text

    from raio_cli.terminal import fitted

    console.print(title)
    for e in events:
        console.print(Text(" ".join(fitted(e[key]) for key in ("date", "commit", "author"))), overflow="fold")
        console.print(Padding(Text(fitted(e["description"])), (0, 0, 0, 2), expand=False), overflow="fold")


def _print_columns(console, title, events: list[dict]) -> None:
    from rich.table import Table
    from rich.text import Text

    from raio_cli.terminal import fitted

    table = Table(show_lines=False, expand=False)  # the title apart: rich pads a table's title to its width
    table.add_column("Date", no_wrap=True)
    table.add_column("Commit", no_wrap=True)
    # a word longer than the column (a metric's name) is broken, not cut with '…' (the rest lost)
    table.add_column("Author", overflow="fold")
    table.add_column("Event", overflow="fold")

    for e in events:
        # in the signs the console writes ('→' as '->' where it has no '→'): the table is laid out on them
        table.add_row(*(Text(fitted(e[key])) for key in ("date", "commit", "author", "description")))
    console.print(title)
    console.print(table)
