"""raio memo APP: the memo the board signs, for the stage the application is in."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from raio_cli.commands._common import (APP_HELP, application_arg, applications_refused, document_format, err, fail, known_language, one_line as _safe, output_target, parse_date,
                                      refuse_existing, unknown_format, write_document, write_stdout)


def memo(
    app_id: Optional[str] = typer.Argument(None, metavar="APP", help=APP_HELP, show_default=False),
    format: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                         help="md, html, pdf or docx (default: the one --out's extension names, else md)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="nl or en (default: raio.yaml language)."),
    language: Optional[str] = typer.Option(None, "--language", hidden=True),  # --lang as raio init names it
    out: Optional[str] = typer.Option(None, "--out", "-o", metavar="PATH",
                                      help="Where to write the memo; '-' writes it to standard output (PDF and DOCX only into a pipe or "
                                           "a redirect, never onto a terminal). "
                                           "Default: a file named after the date and the memo's type in the application's memos/ folder (see above)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    final: bool = typer.Option(False, "--final", help="Refuse (exit 2) when the memo would be a DRAFT: uncommitted changes, check errors, or no git."),
    kind: Optional[str] = typer.Option(None, "--type", metavar="TYPE", help="Which memo: proposal or decision (default: the one the stage calls for: proposal while proposed or planned, and in a pilot without outcome or decision; decision after that)."),
    portfolio: Path = typer.Option(Path("."), "--portfolio", "-p", help="The portfolio (or any folder in it); default: the current folder."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="Render as if today were this date (reproducible memos; default: the real date)."),
) -> None:
    """Render the board memo of one application: a pilot proposal or a decision memo.

    Proposed and planned applications get a pilot proposal: the problem, the alternatives (without AI too), what stays with the radiologist, the effects registered in advance with their decision rules, the pilot plan, compliance readiness and the go/no-go asked (while the pilot plan lacks what the pilot stage's gate asks, agreement to the problem and effects only). From evaluation on, a decision memo: expected against observed per effect with the computed verdict and its interval (labelled with its level: Wilson from counts, at 95% or the higher level raio.yaml policy asks, else the level pilot.yaml states, or 95% marked as assumed), amendments and outcome switching, compliance, adoption, cost, the recommendation and the decision asked; in production more than raio.yaml policy decision_confirm_days (default 90) after the decision, a periodic review (continue, adjust or stop) instead of a confirmation.

    Every memo states the commit it was rendered from. It is marked DRAFT (CONCEPT in Dutch) when the application's folder, raio.yaml or the portfolio's templates have uncommitted changes, when 'raio check' reports errors for the application, or without git; --final refuses to render a draft.

    The default file is <YYYY-MM-DD>-<type>.<ext> in applications/<id>/memos/, its type proposal or decision; a memo in another language than the portfolio's gets -<lang> before the extension (2026-11-15-decision-en.pdf). An existing file is never overwritten without --force. Memos in the memos/ folder do not make the next memo a draft.

    Templates: a file in the portfolio's templates/ folder (or raio.yaml templates) with the name of a built-in one (decision.md.j2, proposal.typ.j2 ...) replaces it; templates are rendered in a sandbox.
    """
    import datetime as dt
    import sys

    from raio_cli.documents import memo as memo_lib
    from raio_cli.documents.render_pdf import TypesetError

    format = document_format(format, out, memo_lib.FORMATS, "md")
    if format not in memo_lib.FORMATS:
        unknown_format(format, memo_lib.FORMATS)
    lang = lang if lang is not None else language
    known_language(lang)
    if kind is not None and kind not in memo_lib.KINDS:
        fail(f"unknown memo type '{_safe(kind)}'", "Use --type proposal or --type decision.")
    day = parse_date(today) or dt.date.today()

    root, app_id = application_arg(app_id, portfolio, "memo")
    applications_refused(root)

    to_stdout = out == "-"
    if to_stdout and format in ("pdf", "docx") and sys.stdout.isatty():
        fail(f"a {format.upper()} memo is binary and standard output is a terminal; nothing was written",
             f"Give a file: --out memo.{format}, or redirect the output (> memo.{format}) or pipe it.")

    target = output_target(out, "memo.pdf")
    refuse_existing(target, force)

    try:
        reasons: list[str] = []
        data, name, draft = memo_lib.render_memo(root, app_id, format, lang, day, final=final, kind=kind,
                                                 draft_reasons=reasons)
    except memo_lib.MemoError as exc:
        fail(_safe(str(exc), 400), exc.hint)
    except TypesetError as exc:
        fail(str(exc), "Check the portfolio's typst template, or remove it to use the built-in one.")

    if to_stdout:
        write_stdout(data, text=format in ("md", "html"), kind=format)
        if draft:
            err(f"raio: warning: the memo is a DRAFT: {_why(reasons)}")
        return

    if target is None:
        target = root / "applications" / app_id / memo_lib.MEMOS_DIR / name
    from raio_cli.portfolio import phi_patterns

    write_document(target, data, force=force, within=root if out is None else None, patterns=phi_patterns(root))
    if draft:
        err(f"raio: warning: the memo is marked DRAFT: {_why(reasons)}; deal with that, then render it again "
            "(--final refuses drafts)")


def _why(reasons: list[str]) -> str:
    """The reasons a memo is a draft, as one clause (the memo's own DRAFT box lists them too)."""
    from raio_cli.commands._common import said  # a path may be named after a patient number: masked

    return said("; ".join(reasons)) if reasons else "see its first lines"
