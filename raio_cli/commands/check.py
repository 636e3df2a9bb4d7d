"""raio check: validate the portfolio (or part of it) and report findings.

:func:`run` does the work and knows nothing of typer. ``raio check`` runs it without typer when
:func:`parsed` can read its arguments: every option of the command, spelled as ``--help`` shows
it (``--format json``, ``--format=json``, ``-f json``). Importing typer and click, and building
the command, took 0.04 s beyond what raio imports anyway: a tenth of a re-check of an unchanged
portfolio (benchmarks/README.md). Any other spelling (``--help``,
``--``, joined short options such as ``-qf``, a mistyped option, a missing value) goes to typer's
parser and :func:`check`, which says what is wrong as for every command. tests/test_cli.py holds
:data:`OPTIONS` equal to the options of :func:`check`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional, Sequence  # List, Optional: the typer command's annotations, read from this module

from raio_cli.commands._common import (err, fail, one_line, parse_date, portfolio_root, report_file, root_as_named,
                                      unknown_format, write_report, write_stdout, wrote)

#: How each option of ``raio check`` is read: its spelling -> (the parameter of :func:`run`, its
#: kind): "flag" takes no value, "value" one (the last given counts, as with typer), "values" one
#: each time it is given (a list).
OPTIONS = {
    "--format": ("format", "value"), "-f": ("format", "value"),
    "--output": ("output_name", "value"), "-o": ("output_name", "value"),
    "--force": ("force", "flag"),
    "--today": ("today", "value"),
    "--fail-on": ("fail_on", "value"),
    "--exit-zero": ("exit_zero", "flag"),
    "--select": ("select", "values"),
    "--ignore": ("ignore", "values"),
    "--no-git": ("no_git", "flag"),
    "--no-cache": ("no_cache", "flag"),
    "--quiet": ("quiet", "flag"), "-q": ("quiet", "flag"),
    "--info": ("info", "flag"),
    "--next-stage": ("next_stage", "flag"),
}


def parsed(args: list[str]) -> dict | None:
    """The keyword arguments of :func:`run` for ``args`` (what follows ``check`` on the command
    line), or None where typer is to read them: an argument that starts with '-' and is none of
    :data:`OPTIONS` (``--help``, ``--``, ``-``, ``-qf``, ``-fjson``), a flag given a value
    (``--force=yes``), an option without its value or followed by one that starts with '-' but
    is not '-' (typer would take ``--fail-on --info`` as the level "--info")."""
    kwargs: dict = {"paths": []}
    rest = iter(args)
    for arg in rest:
        if not arg.startswith("-"):
            kwargs["paths"].append(Path(arg))
            continue
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name not in OPTIONS:
            return None
        param, kind = OPTIONS[name]
        if kind == "flag":
            if equals:
                return None
            kwargs[param] = True
            continue
        if not equals:
            value = next(rest, None)
            if value is None or (value.startswith("-") and value != "-"):  # '-o -': standard output
                return None
        if kind == "values":
            kwargs.setdefault(param, []).append(value)
        else:
            kwargs[param] = value
    return kwargs


def run(paths: list[Path] | None = None, format: str = "text", output_name: str | None = None, force: bool = False,
        today: str | None = None, fail_on: str | None = None, exit_zero: bool = False, select: Sequence[str] = (),
        ignore: Sequence[str] = (), no_git: bool = False, no_cache: bool = False, quiet: bool = False,
        info: bool = False, next_stage: bool = False) -> int:
    """``raio check`` with its options as :func:`check` takes them: the report written, the exit
    code returned (a usage mistake raises :class:`raio_cli.commands._common.UsageError`)."""
    from raio_cli import check as engine
    from raio_cli import output as outputs
    from raio_cli.findings import Severity

    targets = paths or [Path(".")]
    select = [c.strip() for s in select for c in s.split(",") if c.strip()]  # --select GAT,CMP as well as repeated
    ignore = [c.strip() for s in ignore for c in s.split(",") if c.strip()]
    if select or ignore:  # a typo would select nothing and pass: a CI job green for no reason
        from raio_cli import rules

        codes = rules.load_all()
        for option, given in (("--select", select), ("--ignore", ignore)):
            unknown = [c for c in given if not any(code.startswith(c.upper()) for code in codes)]
            if unknown:
                fail(f"{option}: no rule code is or starts with {', '.join(repr(c) for c in unknown)}",
                     "Give codes such as REG002 or prefixes such as REG; 'raio rule' lists them.")
    if format not in outputs.FORMATS:
        unknown_format(format, outputs.available())
    try:
        render = outputs.renderer(format)
    except ModuleNotFoundError:
        fail(f"the {format} format is not available in this version of raio", f"Use one of: {', '.join(outputs.available())}.")
    day = parse_date(today)
    try:  # before the check runs; an empty value ("--fail-on $LEVEL" with LEVEL unset) is no default
        explicit = Severity.parse(fail_on) if fail_on is not None else None
    except ValueError as exc:
        fail(f"--fail-on: {exc}")
    # '-' is standard output, as for `raio report -o -` and `raio memo -o -` ('./-' names a file)
    output = Path(output_name) if output_name is not None and output_name != "-" else None
    if output is not None:
        report_file(output, force)  # before the check runs: a refusal should not wait for it
    elif sys.stdout is None:  # `raio check >&-`: say so before checking, not as an internal error after
        fail("standard output is closed", "Write the report to a file with --output FILE.")
    roots = {portfolio_root(t, files=True) for t in targets}
    if len(roots) > 1:
        fail("the paths belong to different portfolios", "Check one portfolio per run.")
    for t in targets:
        _refuse_unread(t, next(iter(roots)))
    options = {"next_stage": next_stage}
    # the text is read where raio ran: its hints' commands name the portfolio as the user does
    # there; the other formats, read elsewhere, name it from the top of its repository
    here = root_as_named(targets[0]) if format == "text" else None
    results = [engine.run(t, today=day, select=select, ignore=ignore, use_git=not no_git, options=options,
                          cache=not no_cache, here=here) for t in targets]
    result = engine.combine(results)
    if select or ignore:  # said on stderr, so a report on stdout stays what its format says
        kept = engine.kept_unread(result.findings, select, ignore)
        if kept:
            files = sorted({f.file for f in kept})
            shown_files = ", ".join(f"{one_line(name)} ({', '.join(sorted({f.code for f in kept if f.file == name}))})"
                                    for name in files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
            err(f"Note: --select and --ignore do not hide {len(kept)} finding{'s' if len(kept) != 1 else ''} saying "
                f"a file could not be read (no rule checked it): {shown_files}")
    try:
        threshold = explicit or result.policy_fail_on()
    except ValueError as exc:
        fail(str(exc))
    # what fails the job (the threshold, --exit-zero) is what a report marks as failing (JUnit)
    # info findings are listed when asked for, and when they fail the job (--fail-on info): a job
    # never fails on findings its report does not show
    show_info = info or next_stage or threshold <= Severity.INFO
    shown = {"quiet": quiet, "show_info": show_info, "fail_on": threshold, "exit_zero": exit_zero}
    if output is not None or format != "text":
        # A report is UTF-8 whatever the stream's encoding (a Windows runner's pipe is cp1252): JSON
        # and SARIF are UTF-8 by definition, the JUnit XML says so, GitHub reads its commands so.
        # A file is never a terminal: no colour in it, even under FORCE_COLOR.
        import io

        buf = io.StringIO()
        render(result, buf, plain=True, **shown)
        if output is not None:
            write_report(output, buf.getvalue().encode("utf-8"), force)
            if not quiet:
                wrote(output)
        else:
            write_stdout(buf.getvalue().encode("utf-8"), text=False)
    else:
        from raio_cli.terminal import tolerate_narrow_output

        tolerate_narrow_output()  # text for people: '>=' for '≥', '?' for what has no plain form
        render(result, sys.stdout, **shown)
    return result.exit_code(threshold, exit_zero)


def __getattr__(name: str):
    """:func:`check`, the typer command, made on first use: only typer's own runs need it."""
    if name == "check":
        command = globals()["check"] = _typer_command()
        return command
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _typer_command():
    import typer

    def check(
        paths: List[Path] = typer.Argument(None, metavar="[PATH]...", help="Portfolio, application folder or file to check (default: the current folder)."),
        format: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="Output format: text, json, sarif, junit, github, gitlab."),
        output_name: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to this file instead of standard output (an existing file only with --force; '-' is standard output, as for the other commands)."),
        force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists."),
        today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="Check as if today were this date (reproducible CI runs)."),
        fail_on: Optional[str] = typer.Option(None, "--fail-on", metavar="SEVERITY", help="Exit 1 on findings of this severity or worse: error, warning, info (default: raio.yaml policy.fail_on, else error)."),
        exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings (still 2 on usage or internal errors); a JUnit report then fails no test."),
        select: List[str] = typer.Option([], "--select", metavar="CODE", help="Only report these codes or code prefixes (repeatable: --select REG --select DAT001). A finding that a file could not be read at all (a YAML syntax error, an empty file, a folder where a file belongs) is reported whatever --select and --ignore say: no rule checked that file."),
        ignore: List[str] = typer.Option([], "--ignore", metavar="CODE", help="Do not report these codes or prefixes (repeatable; YML and SCH codes one by one too, e.g. --ignore YML002); a file that could not be read is still reported (see --select)."),
        no_git: bool = typer.Option(False, "--no-git", help="Skip the checks that read git history."),
        no_cache: bool = typer.Option(False, "--no-cache", help="Check every application again, even those unchanged since the last run (or set RAIO_NO_CACHE=1)."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="Text format: no hints; with --output, no 'Wrote FILE' line."),
        info: bool = typer.Option(False, "--info", help="Also show info findings (computed verdicts, applied suppressions) in text, github, sarif and gitlab output (so does --fail-on info); without it they are counted, not listed, so code scanning and Code Quality hold only what needs doing. json holds every finding; junit lists them with the findings that pass."),
        next_stage: bool = typer.Option(False, "--next-stage", help="Also list, as info findings, what the gate of each application's next stage will need (implies --info; never changes the exit code)."),
    ) -> None:
        """Check dossiers: YAML hygiene, schemas, identity, stage gates, dates, effect definitions, pre-registration, outcome, decision, compliance, privacy.

        Exit codes: 0 clean, 1 findings at or above the failing severity, 2 usage or internal error.
        Every finding has a stable code; 'raio rule CODE' explains it. Suppress one on its line with
        a comment that gives the reason:  # raio: ignore[CODE] why it is accepted
        """
        raise typer.Exit(run(paths, format, output_name, force, today, fail_on, exit_zero, select, ignore, no_git,
                             no_cache, quiet, info, next_stage))

    return check


def _refuse_unread(target: Path, root: Path) -> None:
    """A path in the portfolio outside raio.yaml and applications/ (README.md, .github/, .raio/)
    holds nothing the check reads: checked, it would pass with no finding, and a CI job pointed at
    the wrong path would be green."""
    from raio_cli.portfolio import APPS_DIR, CONFIG, locate

    try:  # the path as named: applications/x through a linked applications/ is applications/x
        found, named = locate(target)
        parts = named.relative_to(found).parts
    except (ValueError, OSError):
        return
    if parts and parts[0] not in (CONFIG, APPS_DIR):
        fail(f"{one_line('/'.join(parts))} (in the portfolio) holds nothing raio check reads",
             f"Give the portfolio, {CONFIG}, or an application's folder or file under {APPS_DIR}/.")
    # a file beside the applications' folders (applications/README.md, .gitkeep): no finding is
    # ever about it, and the check said "0 errors in 10 applications" (a link is YML017's to judge)
    named = found.joinpath(*parts)
    if len(parts) == 2 and parts[0] == APPS_DIR and named.is_file() and not named.is_symlink():
        fail(f"{one_line('/'.join(parts))} (in the portfolio) holds nothing raio check reads: it is no application's folder",
             f"Give an application's folder ({APPS_DIR}/<id>), or {APPS_DIR}/ for them all.")
