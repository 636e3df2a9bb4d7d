"""Human output: one line per finding (file:line:col, severity, code, message) and its hint.

Colour only on a terminal and never under NO_COLOR (rich decides both). Control characters
from the portfolio (a folder name, a quoted value) are shown as escapes (``\\x{1b}``), never run;
so is the ``[`` of ``##[`` and ``##vso[``, which CI runners read as a command anywhere in a line.
"""

from __future__ import annotations

from raio_cli.findings import Severity
# a command to a CI runner ('##[' and '##vso[' anywhere in a line, '::' at its start) made inert,
# in one place for raio check's outputs and every other command's
from raio_cli.terminal import inert
from raio_cli.terminal import printable

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(result, out, *, show_hints: bool = True, quiet: bool = False, show_info: bool = False,
           plain: bool = False, **options) -> None:
    """Errors and warnings line by line; info findings (verdicts, applied suppressions) only with
    ``show_info`` (``raio check --info``), else counted in the summary. ``plain``: never colour
    nor style (a report file), whatever FORCE_COLOR says."""
    # Without colour (a pipe, a CI log) rich would write each line as it is; writing it directly is
    # ten times faster for a large portfolio, and rich is not even imported (a fifth of a re-check)
    # unless a line needs it: one it would change (tabs, control characters), or a terminal.
    console = None if plain or _surely_plain(out) else _console(out)
    styled = console is not None and (console.color_system is not None or console.is_jupyter)

    plain_lines: list[str] = []  # lines without colour, written a few hundred at a time (not one by one)

    def emit(text: str) -> None:
        plain_lines.append(text + "\n")
        if len(plain_lines) >= 500:
            flush()

    def show(text) -> None:
        nonlocal console
        if console is None:  # no colour here: rich only for what it would change (tabs, escapes)
            console = _console(out, plain=True)
        flush()
        console.print(text)

    def flush() -> None:
        if plain_lines:
            out.write("".join(plain_lines))
            plain_lines.clear()

    def line(*parts) -> None:
        # file names and values quoted in messages come from the portfolio: escapes shown, not run
        parts = [printable(p) if isinstance(p, str) else (printable(p[0]), p[1]) for p in parts]
        text = "".join(p if isinstance(p, str) else p[0] for p in parts)
        if not styled and text.isprintable():
            emit(text)
        else:
            from rich.text import Text

            show(Text.assemble(*parts))

    hints = show_hints and not quiet
    for f in result.findings:
        if f.severity == Severity.INFO and not show_info:
            continue
        # "##[" and "##vso[" anywhere in a line are commands to a CI runner: shown as "##\x{5b}"
        where = inert(f.file or "(portfolio)")
        if f.line:
            where += f":{f.line}:{f.column}"
        message = inert(f.message, starts_line=False)
        text = f"{where}: {f.severity} {f.code} {message}"
        if not styled and text.isprintable():  # what line() writes, without taking it apart
            emit(text)
        else:
            line((where, "bold"), ": ", (f"{f.severity} {f.code}", _STYLE[f.severity]), " ", message)
        if hints and f.hint:
            hint = inert(f.hint, starts_line=False)
            text = f"    hint: {hint}"
            if not styled and text.isprintable():
                emit(text)
            else:
                line("    ", ("hint: ", "dim"), hint)
    for message in result.internal_errors:
        line(("internal error: ", "bold red"), inert(message, starts_line=False))
    accepted = {c for f in result.findings if f.code == "SUP002" and "accepted_line" in f.data  # a file name: its commits
                for c in (f.data.get("commits") or [f.data.get("commit")])}
    if accepted:
        line(f"{len(accepted)} commit{'s' if len(accepted) != 1 else ''} with a patient identifier accepted in "
             "raio.yaml (policy.accepted_history)")
    c = result.counts()
    parts = [f"{c['error']} error{'s' if c['error'] != 1 else ''}", f"{c['warning']} warning{'s' if c['warning'] != 1 else ''}"]
    if c["info"]:
        parts.append(f"{c['info']} info" + ("" if show_info else " (shown with --info)"))
    n = len(result.checked_apps)
    summary = f"{', '.join(parts)} in {n} application{'s' if n != 1 else ''}"
    if result.today:
        summary += f" (today: {result.today.isoformat()})"
    style = "bold red" if c["error"] else ("yellow" if c["warning"] else "bold green")
    line((("✓ " if not c["error"] and not c["warning"] else "") + summary, style))
    flush()


def _console(out, plain: bool = False):
    from rich.console import Console

    if plain:  # an explicit colour system and terminal overrule FORCE_COLOR and TTY_COMPATIBLE
        return Console(file=out, highlight=False, soft_wrap=True, color_system=None, force_terminal=False)
    return Console(file=out, highlight=False, soft_wrap=True)


def _surely_plain(out) -> bool:
    """True when rich would surely write ``out`` without colour or styles (its own test, in
    rich.console.Console.is_terminal: no TTY_COMPATIBLE=1 or FORCE_COLOR, and no terminal);
    when in doubt False, and rich decides."""
    import os
    import sys

    env = os.environ
    if env.get("TTY_COMPATIBLE") == "0":
        return True
    if env.get("TTY_COMPATIBLE") == "1" or env.get("FORCE_COLOR") is not None or "ipykernel" in sys.modules:
        return False
    try:
        return not out.isatty()
    except (AttributeError, ValueError):
        return False
