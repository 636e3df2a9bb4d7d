"""raio demo: a complete example portfolio, checked, with memos, in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from raio_cli.commands._common import fail, parse_date


def demo(
    directory: Path = typer.Argument(Path("raio-demo"), help="Folder to create the demo portfolio in (must not exist or be empty)."),
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

    from rich.console import Console

    from raio_cli import check as engine
    from raio_cli import demo as builder
    from raio_cli.output import text as text_output

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 150)
    day = parse_date(today) or dt.date.today()
    try:
        summary = builder.build(directory, day)
    except builder.DemoError as exc:
        fail(str(exc), "Choose a new folder: raio demo my-demo")
    root = summary["root"].resolve()
    shifted = summary["shifted_days"]
    console.print(f"[bold]Demo portfolio[/bold] {root}")
    console.print(f"  {summary['commits']} commits dated along each application's timeline"
                  + (f"; example dates moved {shifted} days to today ({day.isoformat()})" if shifted else ""))

    console.rule("raio check")
    result = engine.run(root, today=day)
    buf = io.StringIO()
    text_output.render(result, buf, quiet=True)
    sys.stdout.write(buf.getvalue())
    sys.stdout.flush()

    if _has("raio_cli.status"):
        from raio_cli import status as status_lib

        console.rule("raio status")
        status_lib.print_status(root, today=day, console=console)

    written: list[Path] = []
    if not no_documents and _has("raio_cli.documents.memo"):
        from raio_cli.documents.memo import render_memo
        from raio_cli.fsio import atomic_write_bytes
        from raio_cli.portfolio import load

        pf = load(root)
        langs = [lang] if lang else ["nl", "en"]
        chosen = {}
        for app in pf.apps:  # one application per memo type: a proposal and a decision
            kind = "proposal" if app.stage in ("proposed", "planned") else ("decision" if app.stage in ("evaluation", "production", "stopped", "retired") else None)
            if kind and kind not in chosen:
                chosen[kind] = app.id
        out_dir = root / "memos-demo"
        for kind, app_id in sorted(chosen.items()):
            for language in langs:
                for fmt in ("md", "html", "pdf", "docx"):
                    data, name, _draft = render_memo(root, app_id, fmt, language, day)
                    dest = out_dir / f"{app_id}-{kind}-{language}.{fmt}"
                    atomic_write_bytes(dest, data)
                    written.append(dest)
    if not no_documents and _has("raio_cli.documents.report"):
        from raio_cli.documents.report import render_report
        from raio_cli.fsio import atomic_write_bytes

        for language in ([lang] if lang else ["nl", "en"]):
            for fmt in ("html", "pdf"):
                data = render_report(root, fmt, language, day)
                dest = root / "memos-demo" / f"portfolio-report-{language}.{fmt}"
                atomic_write_bytes(dest, data)
                written.append(dest)
    if written:
        console.rule("documents")
        for path in written:
            console.print(f"  {path.relative_to(root)}")
    console.rule("next")
    console.print(f"  cd {root}")
    console.print("  raio check                 # all checks, as CI runs them")
    console.print("  raio rule REG002           # what a finding means and how to fix it")
    console.print("  raio new-pilot             # scaffold a new application")
    console.print("  raio log stroke-lvo-triage # the audit trail from git")


def _has(module: str) -> bool:
    """Whether an optional part of raio is installed (a later release may add it)."""
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False
