"""raio report: the portfolio report for the board (HTML, PDF or Markdown; Dutch or English)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from raio_cli.commands._common import (applications_warning, document_format, err, fail, known_language, one_line as _safe, output_target, parse_date, portfolio_root,
                                      refuse_existing, unknown_format, write_document, write_stdout)


def report(
    path: Path = typer.Argument(Path("."), metavar="PATH", help="The portfolio (or any folder in it); default: the current folder."),
    format: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                         help="html, pdf or md (Markdown: for a wiki, a merge request or the repository); "
                                              "default: the one --out's extension names, else html."),
    lang: Optional[str] = typer.Option(None, "--lang", help="nl or en (default: raio.yaml language)."),
    language: Optional[str] = typer.Option(None, "--language", hidden=True),  # --lang as raio init names it
    since: Optional[str] = typer.Option(None, "--since", metavar="YYYY-MM-DD",
                                        help="Start of the period whose decisions are listed (default: one year before today)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD",
                                        help="Report as if today were this date (reproducible reports; default: the real date)."),
    out: Optional[str] = typer.Option(None, "--out", "-o", metavar="PATH",
                                      help="Where to write the report; '-' writes it to standard output (PDF only into a pipe or "
                                           "a redirect, never onto a terminal). "
                                           "Default: a file named after the date in the portfolio's reports/ folder (<date>-portfolio.<ext>, "
                                           "with -<lang> before the extension in another language than the portfolio's)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    no_git: bool = typer.Option(False, "--no-git", help="Do not read git history (days in stage then come from stage_since)."),
) -> None:
    """Render the portfolio report for the board: every application at a glance.

    Sections: a summary with points for attention; applications by stage; a timeline of the
    pilots (planned start to end, extensions, the decision, today); pilotitis (pilots past their
    end without an outcome, overdue decisions, too many extensions, too long, with the days);
    CE certificates that expired or expire within the policy's horizon; a compliance matrix
    (applications against the checklist); the decisions of the period (--since to --today) with
    the verdicts of their pre-registered effects, and the stops after scale-up (application.yaml
    retirement.decided_on), then the recommendations awaiting a decision (a choice recorded
    without decided_by, counted apart); monitoring of the applications in production;
    and where the report comes from (commit, date, raio version).

    HTML is one self-contained file (inline CSS and charts, no scripts, nothing fetched) that
    prints on A4 landscape; PDF is typeset by typst; Markdown has the same sections as text and
    tables (the timeline as a table, the matrix's columns numbered). The report is marked DRAFT
    (CONCEPT in Dutch) when raio.yaml, a dossier or the portfolio's templates have uncommitted
    changes, or without git. An existing file is never overwritten without --force.
    """
    import datetime as dt
    import sys

    from raio_cli.documents import report as lib

    format = document_format(format, out, lib.FORMATS, "html")
    if format not in lib.FORMATS:
        unknown_format(format, lib.FORMATS)
    lang = lang if lang is not None else language
    known_language(lang)
    day = parse_date(today) or dt.date.today()
    start = parse_date(since, "--since")
    if start is not None and start > day:
        fail(f"--since {start.isoformat()} lies after today ({day.isoformat()})", "Give a start on or before --today.")
    root = portfolio_root(path, out=True)

    to_stdout = out == "-"
    if to_stdout and format == "pdf" and sys.stdout.isatty():
        fail("a PDF report is binary and standard output is a terminal; nothing was written",
             "Give a file: --out report.pdf, or redirect the output (> report.pdf) or pipe it.")
    target = output_target(out, "report.pdf")
    refuse_existing(target, force)

    try:
        data, name, draft = lib.render_report_with_name(root, format, lang, day, start, use_git=not no_git)
    except lib.ReportError as exc:
        fail(_safe(str(exc), 400), exc.hint)

    applications_warning(root, "the report")
    if to_stdout:
        write_stdout(data, text=format != "pdf", kind=format)
        if draft:
            err("raio: warning: the report is a DRAFT (uncommitted changes or no git); see its first lines")
        return

    if target is None:
        target = root / lib.REPORTS_DIR / name
    from raio_cli.portfolio import phi_patterns

    write_document(target, data, force=force, within=root if out is None else None, patterns=phi_patterns(root))
    if draft:
        err("raio: warning: the report is marked DRAFT: commit the changes to the portfolio, then render it again")
