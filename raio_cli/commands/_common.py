"""Small helpers shared by the commands: errors, dates, finding the portfolio."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn


class UsageError(Exception):
    """A mistake in how raio was called or what it was pointed at: one line, exit 2."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


def fail(message: str, hint: str = "") -> "NoReturn":
    """Stop with a one-line error on stderr and exit code 2."""
    raise UsageError(message, hint)


def unknown_format(given: str, allowed, use: str = "") -> "NoReturn":
    """Stop: ``--format given`` is none of ``allowed``. The hint starts with the format meant
    when ``given`` differs from one only in case or by a slip ('JSON', 'jsno'), as a mistyped
    application id or stage is answered, then ``use`` (else the list of formats)."""
    import difflib

    typed = str(given).strip()
    meant = [a for a in allowed if a.casefold() == typed.casefold()] or \
        difflib.get_close_matches(typed.casefold(), list(allowed), n=1, cutoff=0.75)
    fail(f"unknown format '{one_line(given, 40)}'", (f"Did you mean --format {meant[0]}? " if meant else "")
         + (use or f"Use one of: {', '.join(allowed)}."))


def err(message: str) -> None:
    """``message`` (an error, a warning, a note; its hint on lines of its own) on standard error:
    filled to the terminal's width (or COLUMNS when set), else one line each when piped
    (:func:`raio_cli.terminal.for_stream`)."""
    from raio_cli.terminal import for_stream

    sys.stderr.write(for_stream(message.rstrip("\n"), sys.stderr) + "\n")


def say(message: str) -> None:
    """``message`` (a note, a dry run's heading) on standard output as :func:`err` writes it."""
    from raio_cli.terminal import for_stream

    print(for_stream(message, sys.stdout))


def parse_date(value: str | None, option: str = "--today") -> dt.date | None:
    """The date an option gives, written YYYY-MM-DD (:func:`raio_cli.values.parse_date`); None when
    not given. Any other form is refused (exit 2) with the day it stands for, if any, as the hint."""
    if value is None:
        return None
    from raio_cli.values import date_refusal
    from raio_cli.values import parse_date as read_date

    day = read_date(value)
    if day is not None:
        return day
    reason, hint = date_refusal(value, option, one_line(value))
    fail(f"{option} '{one_line(value)}' {reason}", hint or "Write it as YYYY-MM-DD, e.g. 2026-03-01.")


#: The portfolios this command was pointed at (:func:`portfolio_root`), for :func:`patterns_in_play`.
pointed_at: list[Path] = []


def portfolio_root(path: Path, files: bool = False, out: bool = False) -> Path:
    """The portfolio around ``path``, the folder a command was pointed at (or any folder in it,
    or its raio.yaml). Another file is refused unless ``files`` (raio check reads a file of a
    dossier): 'raio status notes.txt' showed the whole portfolio as if the file had been read.
    ``out``: the command writes a file with --out, which a path that does not exist or is a file
    most likely meant ('raio report board.pdf'), and the hint says so."""
    from raio_cli.portfolio import PortfolioNotFound, find_root

    if not files and (not path.exists() or path.is_file() and path.name != "raio.yaml"):
        what = "does not exist" if not path.exists() else "is a file, not a folder"
        meant = f"; to write to that file, use --out {path}" if out and path.suffix else ""
        fail(f"{path} {what}", f"Give the portfolio's folder (or any folder in it), or leave it out for the portfolio "
                               f"around the current folder{meant}.")
    if not path.exists():
        fail(f"{path} does not exist", _application_meant(path)
             or "Give the portfolio, an application's folder or a dossier file, or leave it out for the portfolio "
                "around the current folder.")
    try:
        root = find_root(path)
    except PortfolioNotFound as exc:
        fail(str(exc), _below(path) or "Run raio in a portfolio folder, point at one, or create one with 'raio init'.")
    if root not in pointed_at:
        pointed_at.append(root)
    return root


def _application_meant(path: Path) -> str:
    """"'x' is an application: raio check applications/x" when ``path``, which does not exist, is
    a bare name that is an application's folder in the portfolio around the current folder
    ('raio check longnodule-ct', an id as raio memo and raio log take it); else ''."""
    import os

    from raio_cli.portfolio import PortfolioNotFound, find_root

    if len(path.parts) != 1 or path.is_absolute():
        return ""
    try:
        root = find_root(Path.cwd())
    except (PortfolioNotFound, OSError):
        return ""
    folder = root / "applications" / path.name
    if not folder.is_dir():
        return ""
    shown = os.path.relpath(folder)
    return f"'{path.name}' is an application: raio check {shown}"


def _below(path: Path) -> str:
    """"There is a portfolio in radiology/portfolio: ..." when the repository holds one below
    ``path`` (named from the current folder), else ""."""
    import os

    from raio_cli.portfolio import portfolios_below
    from raio_cli.terminal import printable

    found = []
    for folder in portfolios_below(path):
        try:
            found.append(printable(Path(os.path.relpath(folder)).as_posix()))
        except ValueError:  # another drive (Windows)
            found.append(printable(folder.as_posix()))
    if not found:
        return ""
    if len(found) == 1:
        return f"There is a portfolio in {found[0]}: run raio in that folder, or point at it."
    return f"There are portfolios in {', '.join(found)}: run raio in one of those folders, or point at it."


def patterns_in_play() -> list:
    """The patient-number patterns (raio.yaml ``policy.phi_patterns``) of the portfolios this
    command was pointed at, else of the one around the current folder; [] when there is none or
    it cannot be read. For what is shown of a value a user typed (an error message, a path, a
    traceback): masked as the portfolio's own texts are (BSNs always are). Where the patterns
    cannot be known (no portfolio, a raio.yaml that cannot be read), long numbers are masked too
    (:data:`raio_cli.privacy.LONG_NUMBER`)."""
    from raio_cli.portfolio import find_root, phi_patterns
    from raio_cli.privacy import LONG_NUMBER

    roots = list(pointed_at)
    if not roots:
        try:
            roots = [find_root(Path.cwd())]
        except Exception:  # no portfolio here, or no current folder
            return [LONG_NUMBER]
    patterns: list = []
    for root in roots:
        try:
            patterns += phi_patterns(root)
        except Exception:  # an unreadable raio.yaml: raio check reports it
            patterns.append(LONG_NUMBER)
    return patterns


def said(text: object) -> str:
    """``text`` (a path or value the user gave, in a line raio prints) as the terminal may show
    it: BSNs and matches of :func:`patterns_in_play` masked, control characters escaped."""
    from raio_cli.terminal import shown

    return shown(str(text), patterns_in_play())


def today_option():
    """The ``--today`` option of the commands other than check (typer is imported by them)."""
    import typer

    return typer.Option(None, "--today", metavar="YYYY-MM-DD",
                        help="Check as if today were this date (reproducible runs; default: the real date).")



def shown_path(path: Path) -> str:
    """The path relative to the current folder when it lies below it (what the user typed, roughly)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def from_here(path: Path, root: Path | None = None) -> str:
    """``path`` as the user can type it in the current folder, as every command's "Next:" steps
    show paths: relative to the current folder when it lies below it, or when the current folder
    is inside the portfolio ``root`` (``../effects.yaml``); absolute otherwise. ``.`` for the
    current folder itself."""
    import os

    path = Path(path).absolute()
    try:
        cwd = Path.cwd().resolve()
        target = path.resolve()
    except (OSError, RuntimeError):
        return str(path)
    try:
        return target.relative_to(cwd).as_posix() or "."
    except ValueError:
        pass
    if root is not None:
        try:
            cwd.relative_to(Path(root).resolve())
            return Path(os.path.relpath(target, cwd)).as_posix()
        except (ValueError, OSError):
            pass
    return str(target)


def root_as_named(target: Path) -> str:
    """The portfolio around ``target`` (a path as given on the command line) as the user names it
    from the current folder, for the commands that hints print (:mod:`raio_cli.shellhint`): "."
    when it is the current folder, ``../..`` from an application's folder (however the target
    was given), ``path/to/pf`` when the user named a path in it so, an absolute path when the
    user gave one for a portfolio elsewhere. A BSN or a match of the portfolio's patterns in it is
    masked, as everywhere raio shows a path."""
    from raio_cli.privacy import mask_identifiers

    return mask_identifiers(_root_as_named(target), patterns_in_play())


def app_root_as_named(app_arg: str | None, portfolio: Path) -> str:
    """:func:`root_as_named` for a command that takes APP (an id, or the application's folder,
    :func:`application_arg`) and --portfolio: the portfolio as named by the folder when APP is
    one, else by --portfolio."""
    folder = app_arg is not None and ("/" in app_arg or "\\" in app_arg or app_arg in (".", "..")) and Path(app_arg).is_dir()
    return root_as_named(Path(app_arg) if folder else portfolio)


def _root_as_named(target: Path) -> str:
    import os

    from raio_cli.portfolio import locate

    try:
        root, named = locate(target)
    except Exception:  # no portfolio: the command has said so already
        return "."
    try:
        depth = len(named.relative_to(root).parts)
    except ValueError:  # found only with the links in the path resolved: named from here
        return from_here(root, root)
    parts = list(Path(os.path.normpath(target)).parts)
    for _ in range(depth):  # up from the path as typed, as cd goes up: 'pf/applications/x' -> 'pf'
        if parts and parts[-1] not in (".", "..") and parts[-1] != Path(parts[-1]).anchor:
            parts.pop()
        else:
            parts.append("..")
    named_so = Path(*parts).as_posix() if parts else "."
    if Path(named_so).is_absolute():  # 'raio check /abs/pf' in pf or below it: named from here
        try:
            up = Path.cwd().resolve().relative_to(root).parts
            return "/".join([".."] * len(up)) or "."
        except (ValueError, OSError):
            pass
    return named_so


def known_language(lang: str | None) -> None:
    """Refuse a ``--lang`` the documents are not written in, before anything is read or built."""
    from raio_cli.documents.i18n import LANGS

    if lang is not None and lang not in LANGS:
        fail(f"unknown language '{one_line(lang)}'", "Use --lang nl or --lang en.")


def one_line(text: object, limit: int = 80) -> str:
    """Text as typed, control characters as visible escapes and clipped: safe to echo in a one-line message."""
    from raio_cli.terminal import printable

    from raio_cli.privacy import clip

    return clip(printable(str(text)), limit)


#: The help of the APP argument of raio memo, log and monitor.
APP_HELP = ("Application id (its folder name under applications/), or the application's folder. "
            "May be omitted inside the application's folder (applications/<id>/ or a folder below it): "
            "that application.")


def application_arg(app_id: str | None, portfolio: Path, command: str = "") -> tuple[Path, str]:
    """``(portfolio root, application id)`` from an APP argument: an id (the portfolio found from
    ``portfolio`` upwards) or the application's folder (``applications/<id>`` or ``.`` inside it).
    An empty APP (``raio memo ""``, a variable in a script that was not set) is refused as such:
    it said "no application ''", as if one had been named. APP omitted (None): the application
    whose folder ``portfolio`` (default: the current folder) is in, as ``raio check`` run there
    checks only that one (:func:`application_here`); ``command`` names the command in the error
    that teaches APP elsewhere."""
    if app_id is None:
        return application_here(portfolio, command)
    if not app_id.strip():
        fail(f"an application's id is needed: APP is {'empty' if not app_id else 'blank'}",
             "Give the application's id (its folder's name under applications/) or its folder; "
             "'raio status' lists the applications.")
    candidate = Path(app_id)
    if ("/" in app_id or "\\" in app_id or app_id in (".", "..")) and candidate.is_dir():
        from raio_cli.portfolio import locate

        root = portfolio_root(candidate)
        folder = locate(candidate)[1]  # as named: applications/x through a linked applications/
        if folder.parent != root / "applications":
            fail(f"{one_line(app_id)} is not an application folder", "Give the application's id, or its folder under applications/.")
        return root, folder.name
    if ("/" in app_id or "\\" in app_id) and candidate.is_file():  # a dossier's file, tab-completed one step too far
        from raio_cli.portfolio import locate

        root = portfolio_root(candidate, files=True)
        folder = locate(candidate)[1].parent
        if folder.parent == root / "applications":
            fail(f"{one_line(app_id)} is a file, not an application",
                 f"Give the application's id ({one_line(folder.name)}) or its folder ({one_line(from_here(folder, root))}).")
        fail(f"{one_line(app_id)} is a file, not an application", "Give the application's id, or its folder under applications/.")
    return portfolio_root(portfolio), app_id


def application_here(portfolio: Path, command: str) -> tuple[Path, str]:
    """``(portfolio root, application id)`` for an omitted APP: the application whose folder
    ``portfolio`` (default: the current folder, links kept as the shell names it) is in or below
    (:func:`raio_cli.portfolio.application_here`). Elsewhere (the portfolio's top, applications/
    itself, a hidden folder, outside any portfolio) a usage error that teaches: which argument is
    missing, a few of the portfolio's ids, and that inside applications/<id>/ it may be omitted."""
    from raio_cli.portfolio import PortfolioNotFound, application_here as found_here

    if not portfolio.is_dir():  # --portfolio names nothing, or a file: said as for an id given
        portfolio_root(portfolio)
    try:
        found = found_here(portfolio)
    except (PortfolioNotFound, OSError, RuntimeError):
        app_missing(command, portfolio, None)
    if found is None:
        root = portfolio_root(portfolio)
        applications_refused(root)  # no application to name or list: why, not "none yet"
        app_missing(command, portfolio, root)
    if found[0] not in pointed_at:  # its patterns mask what is said of it
        pointed_at.append(found[0])
    return found


def app_missing(command: str, portfolio: Path, root: Path | None, action: str = "") -> "NoReturn":
    """Stop: APP is missing and ``portfolio`` (the current folder by default) is in no
    application's folder; ``root``: the portfolio around it (a few of its ids are named), None
    outside any. ``action``: the word typed where APP belongs ('raio monitor init')."""
    from raio_cli.portfolio import application_ids
    from raio_cli.privacy import mask_identifiers

    where = "the current folder" if portfolio == Path(".") else f"--portfolio {one_line(portfolio)}"
    ids = application_ids(root) if root is not None else []
    why = f" before the action '{action}'" if action else ""
    # the example is one to type: an id the masking leaves whole (one holding a number that
    # looks like a patient's is shown masked in the list, and typed masked names nothing)
    whole = [i for i in ids[:20] if mask_identifiers(i, patterns_in_play()) == i] if ids else []
    example = " ".join(w for w in ("raio", command, whole[0] if whole else "<id>", action) if w)
    if root is None:
        listed = "; 'raio status' in the portfolio lists the ids"
    elif not ids:
        listed = "; the portfolio has no applications yet ('raio new-pilot' creates one)"
    else:
        more = f" and {len(ids) - 3} more" if len(ids) > 3 else ""
        listed = f"; this portfolio has {', '.join(ids[:3])}{more} ('raio status' lists them)"
    place = "no portfolio" if root is None else "no application's folder"
    fail(f"missing argument 'APP': the application's id{why} ({where} is in {place})",
         f"Give it, e.g. {example}{listed}. Inside an application's folder (applications/<id>/ or below it) "
         "APP may be omitted.")


def applications_refused(root: Path) -> None:
    """Stop, with raio check's YML017 message and hint, when the portfolio's applications/ holds
    no application raio can read (a file by that name, a link out or to nowhere, a folder raio
    may not enter): raio memo and raio monitor said "no application" or failed on it."""
    from raio_cli.portfolio import applications_unusable

    found = applications_unusable(root)
    if found is not None:
        fail(f"{found.message} (YML017)", found.hint)


def applications_warning(root: Path, what: str) -> None:
    """Say on standard error that ``what`` (raio status, the report) shows no application, and
    why, when the portfolio's applications/ holds none raio can read."""
    from raio_cli.portfolio import applications_unusable

    found = applications_unusable(root)
    if found is not None:
        err(f"raio: warning: {found.message} (YML017); {what} shows none\n  {found.hint}")


# --------------------------------------------------------------------------------------------
# where a rendered document goes (raio memo, raio report)


#: File extensions of the documents raio writes, by format.
DOCUMENT_EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


def document_format(given: str | None, out: str | None, formats: tuple, default: str) -> str:
    """The format of a memo or report: ``--format`` when given, else the one ``--out``'s extension
    names (``-o board.pdf`` is a PDF), else ``default``. A ``--format`` that contradicts the
    extension is refused: HTML in a file named .pdf opens in no PDF reader."""
    if given == "markdown" and "md" in formats:  # as raio rule names it
        given = "md"
    ext = Path(out).suffix.lower() if out and out != "-" else ""
    named = DOCUMENT_EXTENSIONS.get(ext)
    if given is None:
        if named is not None and named not in formats:
            fail(f"--out {one_line(out)} ends in {ext}, a format this command does not write; nothing was written",
                 f"Use one of: {', '.join(formats)}, with --format or the file's extension.")
        return named or default
    if named is not None and named != given and given in formats:
        fail(f"--out {one_line(out)} ends in {ext}, but --format is {given}; nothing was written",
             f"Leave out --format to write {named}, or name the file .{given}.")
    return given


def output_target(out: str | None, example: str) -> Path | None:
    """The file ``--out`` names, refused before any rendering when it is a folder or exists
    (``--force`` is checked by the caller's ``force``); None for the default place or stdout."""
    if out is None or out == "-":
        return None
    if not out.strip():
        fail("--out is empty", f"Give a file name with --out, e.g. --out {example}, or '-' for standard output.")
    target = Path(out)
    if target.is_dir():
        fail(f"{one_line(out)} is a folder", f"Give a file name with --out, e.g. --out {example}.")
    return target


def refuse_existing(target: Path | None, force: bool) -> None:
    """Refuse an existing --out file without ``force``, and a named pipe, socket or device even with
    it: the document is renamed into place, which would turn /dev/null (run as root) into a file."""
    import stat

    if target is None:
        return
    refuse_input(target)
    try:
        mode = target.lstat().st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        fail(f"{one_line(target)} is a named pipe, a socket or a device, not a file; it was not replaced",
             "Give a file with --out, or '-' for standard output.")
    if not force:
        fail(f"{one_line(target)} exists; it was not overwritten", "Use --force to replace it, or --out for another file.")


def refuse_input(target: Path) -> None:
    """Refuse an output file that the portfolio around it reads as input (raio.yaml, a dossier
    file, git's data: :func:`raio_cli.portfolio.input_file`), with or without --force."""
    from raio_cli.portfolio import input_file

    what = input_file(target)
    if what is not None:
        fail(f"{one_line(shown_path(target))} is {what}; raio never writes its output over it, even with --force",
             "Give another file name, e.g. in the portfolio's reports/ folder or outside the portfolio.")


def report_file(target: Path, force: bool) -> None:
    """Refuse a raio check --output (or raio export --out) path that cannot be a report file: empty, a folder, a named pipe, a
    device or a link (a report replaced them with a plain file), or an existing file without
    ``force``, and raio.yaml, a dossier file or git's data even with it (:func:`refuse_input`)."""
    import stat

    if not str(target) or str(target) == ".":
        fail("the output file has no name", "Give a file name, e.g. raio-check.json, or leave the option out for standard output.")
    refuse_input(target)
    shown = one_line(shown_path(target))
    try:
        st = target.lstat()
    except FileNotFoundError:
        if not target.parent.is_dir():
            fail(f"cannot write {shown}: its folder does not exist", "Create the folder first, or choose another file.")
        return
    except OSError as exc:
        fail(f"cannot write {shown}: {exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        fail(f"{shown} is a folder", "Give a file name.")
    if not stat.S_ISREG(st.st_mode):
        fail(f"{shown} is a link, a named pipe or a device, not a file; it was not replaced",
             "Give a plain file, or leave the option out to write to standard output.")
    if not force:
        fail(f"{shown} exists; it was not overwritten", "Use --force to replace it, or give another file name.")


def write_report(target: Path, data: bytes, force: bool) -> None:
    """Write a report (raio check, raio export) to the file checked by :func:`report_file`, at once
    or not at all."""
    from raio_cli.fsio import WouldOverwrite, atomic_write_bytes

    report_file(target, force)  # again: the file may have appeared while the check ran
    try:
        atomic_write_bytes(target, data, overwrite=force)
    except WouldOverwrite:
        fail(f"{one_line(shown_path(target))} exists; it was not overwritten", "Use --force to replace it.")
    except OSError as exc:
        fail(f"cannot write {one_line(shown_path(target))}: {exc.strerror or exc}")


def write_stdout(data: bytes, text: bool, kind: str = "text") -> None:
    """A rendered document on standard output: text through the text stream, bytes as they are.
    Standard output may be a CI job's log: a value of the dossier that reads as a command to the
    runner ('##[', '##vso[', '::' at a line's start) is made inert in the ``kind`` of text it is
    (:func:`raio_cli.terminal.inert`: a Markdown or HTML document in its own escapes, so that it
    reads as the same text; ``text`` for anything else, a CSV written as bytes too)."""
    from raio_cli.terminal import inert

    if text:
        sys.stdout.write(inert(data.decode("utf-8"), kind=kind))
        sys.stdout.flush()
    else:
        out = getattr(sys.stdout, "wrapped", sys.stdout).buffer  # under raio_cli.terminal.InertStream
        out.write(data)
        out.flush()


def wrote(path: Path | str, verb: str = "Wrote") -> None:
    """Say that raio wrote ``path``, the file a command's --out/--output named or its default
    document (a memo, a report, monitoring.yaml, a schema): ``Wrote PATH`` on standard output,
    every command alike, as one line whatever the width, so that a script reads the path after
    'Wrote ' (a memo's default name holds the date). Standard output holds no data then: the
    data went to the file ('-o -' writes it to standard output and says nothing). The path is
    shown as :func:`shown_path` names it and as :func:`said` shows a path: an identifier in it
    masked, control characters escaped, no CI runner command (raio check's standard output is
    not made inert for it). ``verb``: ``Replaced`` or ``Unchanged`` where raio schema --write
    lists its files. Nothing is said when standard output is closed (``>&-``): the file was
    written. A file named '-' is shown as './-', as it is typed ('-o -' is standard output)."""
    from raio_cli.terminal import inert

    if sys.stdout is None:
        return
    shown = shown_path(Path(path))
    print(inert(f"{verb} {said('./-' if shown == '-' else shown)}"))


def write_document(target: Path, data: bytes, *, force: bool, within: Path | None,
                   patterns=()) -> None:
    """Write a rendered document at once or not at all (:func:`raio_cli.fsio.atomic_write_bytes`),
    never over an existing file without ``force`` nor, with ``within``, outside that folder;
    says what was written (:func:`wrote`; an error's path with a BSN or a match of ``patterns``
    masked: an application's folder may be named after one)."""
    from raio_cli.fsio import WouldOverwrite, atomic_write_bytes
    from raio_cli.terminal import shown as safe

    shown = safe(shown_path(target), patterns)
    try:
        atomic_write_bytes(target, data, overwrite=force, within=within)
    except WouldOverwrite:
        fail(f"{shown} exists; it was not overwritten", "Use --force to replace it, or --out for another file.")
    except OSError as exc:
        fail(f"cannot write {shown}: {exc.strerror or exc}")
    wrote(target)
