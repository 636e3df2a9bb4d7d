"""raio demo: a complete example portfolio, checked, with memos, in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from raio_cli.commands._common import fail, known_language, parse_date


def demo(
    directory: Path = typer.Argument(Path("raio-demo"), metavar="DIR", help="Folder to create the demo portfolio in (must not exist or be empty)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="Build the demo as of this date (2026-11-15 gives the example exactly as written)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Only render memos in this language (nl or en; default both)."),
    no_documents: bool = typer.Option(False, "--no-documents", help="Build and check only; render no memos or report."),
) -> None:
    """Build a demo portfolio from the built-in examples and show what raio does with it.

    The examples become a git repository whose commits are dated along each application's own
    timeline (proposal, pre-registration, pilot start, outcome, decision, monitoring), so the
    pre-registration checks have a real history to verify. The demo then runs 'raio check' and
    'raio status', renders a memo of each type in Dutch and English and the portfolio report, and
    prints where everything is.
    """
    import datetime as dt
    import io
    import sys

    from rich.text import Text

    from raio_cli import check as engine
    from raio_cli import demo as builder
    from raio_cli.output import text as text_output
    from raio_cli.terminal import drawn_width, wide_console

    console = wide_console()

    def rule(title: str) -> None:  # across the console, or 150 columns where its tables are unbounded
        from rich.rule import Rule

        console.print(Rule(title), width=drawn_width(console))

    day = parse_date(today) or dt.date.today()
    known_language(lang)  # before anything is built
    try:
        summary = builder.build(directory, day)
    except builder.DemoError as exc:
        fail(str(exc), "Choose a new folder: raio demo my-demo")
    root = summary["root"].resolve()
    shifted = summary["shifted_days"]
    from raio_cli.portfolio import phi_patterns
    from raio_cli.terminal import shown as safe

    shown = safe(str(root), phi_patterns(root))  # the folder as typed, with any identifier in it masked
    console.print(Text.assemble(("Demo portfolio", "bold"), f" {shown}"))
    console.print(f"  {summary['commits']} commits dated along each application's timeline"
                  + (f"; example dates moved {shifted} days to today ({day.isoformat()})" if shifted else ""))

    rule("raio check")
    result = engine.run(root, today=day)
    buf = io.StringIO()
    text_output.render(result, buf, quiet=True)
    sys.stdout.write(buf.getvalue())
    sys.stdout.flush()

    if _has("raio_cli.status"):
        from raio_cli import status as status_lib

        rule("raio status")
        status_lib.print_status(root, today=day, console=console)

    written: list[Path] = []
    if not no_documents:
        written = _documents(root, day, [lang] if lang else ["nl", "en"])
    if written:
        rule("documents (committed, so 'raio log' lists the memos)")
        for path in written:
            console.print(f"  {path.relative_to(root)}", markup=False)
    rule("next")
    console.print(f"  cd {shown}", markup=False)
    console.print("  raio check                 # all checks, as CI runs them")
    console.print("  raio rule REG002           # what a finding means and how to fix it")
    console.print("  raio new-pilot             # scaffold a new application")
    console.print("  raio log stroke-lvo-triage # the audit trail from git")


def _documents(root: Path, day, langs: list[str]) -> list[Path]:
    """Render a pilot proposal and a decision memo (every format, each language) and the portfolio
    report where raio memo and raio report put them by default, then commit them."""
    from raio_cli import gitcmd
    from raio_cli.fsio import atomic_write_bytes
    from raio_cli.portfolio import load

    written: list[Path] = []
    pf = load(root)
    # the proposal the board is asked to approve (planned) and the decision it is asked to take (evaluation)
    chosen = {}
    for kind, stages in (("proposal", ("planned", "proposed")), ("decision", ("evaluation", "production", "stopped"))):
        for stage in stages:
            app = next((a for a in pf.apps if a.stage == stage), None)
            if app is not None:
                chosen[kind] = app.id
                break
    if _has("raio_cli.documents.memo"):
        from raio_cli.documents.memo import render_memo

        for kind, app_id in chosen.items():
            for language in langs:
                for fmt in ("md", "html", "pdf", "docx"):
                    data, name, _draft = render_memo(root, app_id, fmt, language, day, kind=kind)
                    dest = root / "applications" / app_id / "memos" / name
                    atomic_write_bytes(dest, data)
                    written.append(dest)
    if _has("raio_cli.documents.report"):
        from raio_cli.documents.report import REPORTS_DIR, render_report, suggested_filename

        for language in langs:
            for fmt in ("html", "pdf"):
                dest = root / REPORTS_DIR / suggested_filename(day, fmt, language, pf.language)
                atomic_write_bytes(dest, render_report(root, fmt, language, day))
                written.append(dest)
    if written:
        stamp = f"{day.isoformat()}T16:00:00+01:00"
        gitcmd.git(root, "add", "-A", paths=[str(p.relative_to(root)) for p in written])
        gitcmd.git(root, "commit", "-q", "-m", "Board documents: pilot proposal, decision memo and portfolio report",
                   env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
    return written


def _has(module: str) -> bool:
    """Whether an optional part of raio is installed (a later release may add it)."""
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False
