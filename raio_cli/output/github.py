"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

One line per finding::

    ::error file=applications/x/effects.yaml,line=12,col=5,title=REG001 (outcome-switching)::message%0AHint: …

errors become ``::error``, warnings ``::warning``, info ``::notice`` (info findings only with
``--info`` or ``--next-stage``, as in the text output; the summary counts them). Escaping follows the
runner's rules: in the message ``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D``, ``%0A``; in
the properties ``:`` and ``,`` become ``%3A`` and ``%2C`` as well; other control characters
(an ESC in a folder name or a quoted value) are shown as escapes such as ``\\x{1b}``. Paths
are relative to the repository root (see :mod:`raio_cli.output._common`), a folder's with a trailing
slash as in SARIF; line and col are left out when the finding concerns a whole file. A first ``::notice`` gives the totals: GitHub shows
10 annotations of each kind per step (the others stay in the log), and a summary after the
verdicts (notices too) would never be shown; past 10 of a kind it says so, and it counts raio's
own internal errors, which follow as ``::error``.
"""

from __future__ import annotations

from raio_cli.findings import Severity
from raio_cli.output._common import ci_folder_path, ci_path, names_folder, repo_prefix, to_do
from raio_cli.terminal import printable

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
#: Annotations of one kind (error, warning, notice) that GitHub shows for a step.
SHOWN_PER_KIND = 10


def escape_data(text: str) -> str:
    """Other control characters (ESC: a CI log is a terminal too) as visible escapes, then the runner's own."""
    return printable(str(text), keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _count(count: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def render(result, out, *, show_info: bool = False, **options) -> None:
    from raio_cli.rules import load_all

    catalog = load_all()
    root = getattr(result, "root", None)
    prefix = repo_prefix(root, getattr(result, "policy", None))
    c = result.counts()
    findings = to_do(result.findings, show_info)
    shown_info = c["info"] if show_info else 0
    info = f"{c['info']} info" + ("" if show_info or not c["info"] else " (shown with --info)")
    summary = (f"raio check: {_count(c['error'], 'error')}, {_count(c['warning'], 'warning')}, {info} "
               f"in {_count(len(result.checked_apps), 'application')}")
    if result.internal_errors:
        summary += f"; raio could not run every check ({_count(len(result.internal_errors), 'internal error')})"
    # the summary is a notice itself: with ten info findings the tenth is one notice too many
    if max(c["error"] + len(result.internal_errors), c["warning"], shown_info + 1) > SHOWN_PER_KIND:
        summary += f"; GitHub shows {SHOWN_PER_KIND} annotations of each kind per step: this step's log lists them all"
    out.write(f"::notice title=raio::{escape_data(summary)}\n")
    for f in findings:
        rule = catalog.get(f.code)
        props = [("file", (ci_folder_path if names_folder(root, f) else ci_path)(f.file, prefix))]
        if f.line > 0:
            props += [("line", str(f.line)), ("col", str(max(f.column, 1)))]
        props.append(("title", f"{f.code} ({rule.name})" if rule else f.code))
        message = f.message + (f"\nHint: {f.hint}" if f.hint else "")
        out.write(f"::{_COMMAND[f.severity]} {','.join(f'{k}={escape_property(v)}' for k, v in props)}::{escape_data(message)}\n")
    for message in result.internal_errors:
        out.write(f"::error title={escape_property('raio internal error')}::{escape_data(message)}\n")
