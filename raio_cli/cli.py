"""The ``raio`` command: options in, library calls, output out; no logic of its own.

Commands live in ``raio_cli/commands/<name>.py`` and are registered in :data:`COMMANDS`. The error
contract is enforced in :func:`main`: a usage mistake or an unexpected failure prints one line that
says what failed and what to do, exits 2, and shows a traceback only with ``--debug`` (and never
local variables: they may hold patient data).

Start-up: ``raio --version`` and ``raio --help`` import neither typer nor any command (see
:mod:`raio_cli.fasthelp`), nor does ``raio check`` with the options it reads itself (see
:func:`raio_cli.commands.check.parsed`); the typer application is built on first use of :data:`app`.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys

from raio_cli import __version__

#: command name -> (module in raio_cli.commands, function name)
COMMANDS = {
    "init": ("scaffold", "init"),
    "new-pilot": ("scaffold", "new_pilot"),
    "check": ("check", "check"),
    "memo": ("memo", "memo"),
    "status": ("status", "status"),
    "report": ("report", "report"),
    "log": ("log", "log"),
    "export": ("export", "export"),
    "monitor": ("monitor", "monitor"),
    "schema": ("schema", "schema"),
    "rule": ("rule", "rule"),
    "demo": ("demo", "demo"),
}

#: Examples under each command's help (its epilog), as the README's walk-through runs them.
EXAMPLES = {
    "init": ['raio init ziekenhuis-ai --organisation "Ziekenhuis Noorderzon" --department Radiologie '
             '--email-domain noorderzon.nl --commit'],
    "new-pilot": ['raio new-pilot --id fractuurdetectie-seh --name "Fractuurdetectie SEH" --vendor "Ossa Vision" '
                  '--product BoneSight --modality DX --owner "dr. A. de Vries" --no-input --commit',
                  "raio new-pilot   (asks for each value in a terminal)"],
    "check": ["raio check   (the portfolio of the current folder)", "raio check --next-stage",
              "raio check applications/fractuurdetectie-seh --today 2026-11-15",
              "raio check --format sarif --output raio.sarif --fail-on warning"],
    "memo": ["raio memo fractuurdetectie-seh", "raio memo fractuurdetectie-seh --format pdf --lang nl",
             "raio memo fractuurdetectie-seh --type decision --final",
             "raio memo --format pdf   (in applications/fractuurdetectie-seh/: that application)"],
    "status": ["raio status", "raio status --format json"],
    "report": ["raio report --format pdf", "raio report --format md --out - --since 2026-01-01"],
    "log": ["raio log fractuurdetectie-seh", "raio log fractuurdetectie-seh --format json",
            "raio log   (in applications/fractuurdetectie-seh/: that application)"],
    "export": ["raio export --format csv --excel --out portfolio.csv",
               "raio export --format checklist --excel --out checklist.csv", "raio export --format algoritmeregister"],
    "monitor": ["raio monitor fractuurdetectie-seh init",
                'raio monitor fractuurdetectie-seh result --date 2026-11-01 --value M1=0.91 --by "dr. A. de Vries"',
                "raio monitor fractuurdetectie-seh",
                "raio monitor init   (in applications/fractuurdetectie-seh/: that application)"],
    "schema": ["raio schema effects", "raio schema --write .raio/schemas --force"],
    "rule": ["raio rule REG002", "raio rule   (every rule, one line each)", "raio rule --format markdown > docs/rules.md"],
    "demo": ["raio demo raio-demo", "raio demo raio-demo --today 2026-11-15 --no-documents"],
}


def epilog(name: str) -> str | None:
    """The examples of command ``name`` for its help page, one per line."""
    lines = EXAMPLES.get(name)
    return "\n".join(["Examples:", *(f"  {line}" for line in lines)]) if lines else None


HELP = (
    "raio: the Radiology AI Officer's toolkit. Each AI application is a folder of YAML files in a git "
    "portfolio; raio scaffolds the dossiers, checks them in CI (schemas, stage gates, pre-registered "
    "effects against git history, compliance, privacy) and renders the memos a board signs.\n\n"
    "Start with:  raio demo   (a complete example portfolio, checked, with memos)"
)


def _flags_without_type() -> None:
    """Recent typer shows '<bool>' after every on/off flag in --help, which reads as if the flag
    took a value; flags consume none, so show no type for them (other options keep theirs)."""
    try:
        from typer.core import TyperOption
    except ImportError:  # pragma: no cover - typer's layout changed
        return
    original = getattr(TyperOption, "display_type_rich", None)
    if original is None or getattr(original, "_raio", False):
        return

    def display_type_rich(self, ctx):
        if getattr(self, "is_flag", False) and self.metavar is None:
            return None
        return original(self, ctx)

    display_type_rich._raio = True
    TyperOption.display_type_rich = display_type_rich


#: Columns below which an option's help goes under its names instead of beside them (also
#: where its longest word would not fit: rich would cut it with '…').
_HELP_COLUMN_LEAST = 16


def _help_tables_keep_words() -> None:
    """typer's option tables hold a column per kind of name (long, short, their negatives), the
    type and the help. In a narrow terminal rich shrinks the widest columns alike, so an option's
    name or type was cut with '…' or folded mid-word (60 columns: '--stays-with-radio…',
    'proposal|decisio n'). In these tables only the help column wraps, at word boundaries; the
    other columns keep their width, and a column no row fills takes no room.

    Where that leaves the help column too little room (at 40 columns raio new-pilot's help
    column got none, and every option's help was lost; at 50 raio init cut
    '(.github/workflows…'), each option's help follows its names on lines of its own, indented."""
    try:
        from rich.table import Table
        from typer import rich_utils
    except ImportError:  # pragma: no cover - typer's layout changed
        return
    if getattr(rich_utils.Table, "_raio", False):
        return

    class HelpTable(Table):
        _raio = True

        def __rich_console__(self, console, options):
            if all(hasattr(column, "_cells") for column in self.columns):  # rich's Column since 2020
                kept = [column for column in self.columns
                        if any(getattr(cell, "plain", cell) for cell in column._cells)] or self.columns
                for index, column in enumerate(kept):
                    column._index = index
                    column.no_wrap = column.no_wrap or index < len(kept) - 1
                self.columns = kept
                names = sum(max(console.measure(cell).maximum for cell in column._cells) + 2 for column in kept[:-1])
                words = [len(word) for cell in kept[-1]._cells  # a Text, or typer's Columns of Texts
                         for text in getattr(cell, "renderables", [cell])
                         for word in str(getattr(text, "plain", "")).split()]
                if len(kept) > 1 and options.max_width - names < max([_HELP_COLUMN_LEAST, *words]):
                    yield from _stacked(kept).__rich_console__(console, options)
                    return
            yield from super().__rich_console__(console, options)

    def _stacked(columns) -> Table:
        """One row per option: its names and type on a line, its help below them, indented."""
        from rich.console import Group
        from rich.padding import Padding
        from rich.text import Text

        table = Table.grid(expand=True)
        table.add_column()
        for row in zip(*(column._cells for column in columns)):
            head = Text(" ").join(cell if isinstance(cell, Text) else Text(str(cell))
                                  for cell in row[:-1] if getattr(cell, "plain", cell))
            table.add_row(Group(head, Padding(row[-1], (0, 0, 0, 4))) if getattr(row[-1], "plain", row[-1]) else head)
        return table

    rich_utils.Table = HelpTable


def _when_help_is_shown(patch) -> None:
    """Run ``patch`` just before typer formats a help page, not on every run: what it imports
    (typer.rich_utils, rich.table: about 0.1 s) only the help needs."""
    try:
        from typer.core import TyperCommand, TyperGroup
    except ImportError:  # pragma: no cover - typer's layout changed
        patch()
        return
    for cls in (TyperCommand, TyperGroup):
        original = cls.format_help
        if getattr(original, "_raio", False):
            continue

        def format_help(self, ctx, formatter, _original=original):
            patch()
            return _original(self, ctx, formatter)

        format_help._raio = True
        cls.format_help = format_help


def _build(only: str | None = None):
    """The typer application with every command (imports typer and the command modules), or
    with the command ``only`` alone: typer reads the signature of every command it is given,
    and a run uses one (a fifth of a re-check of an unchanged portfolio went into the others)."""
    import typer

    app = typer.Typer(
        name="raio",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        cls=_masking_group(),
    )
    _flags_without_type()
    _when_help_is_shown(_help_tables_keep_words)

    def _version(value: bool) -> None:
        if value:
            print(f"raio {__version__}")
            raise typer.Exit(0)

    @app.callback()
    def _root(
        version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
        debug: bool = typer.Option(False, "--debug", help="On an unexpected error, print the traceback (without local variables)."),
    ) -> None:
        """raio: pre-register, pilot, decide: AI in radiology with evidence."""

    for name, (module, func) in COMMANDS.items():
        if only is not None and name != only:
            continue
        try:
            mod = importlib.import_module(f"raio_cli.commands.{module}")
        except ModuleNotFoundError as exc:  # a command not written yet is simply absent
            if exc.name != f"raio_cli.commands.{module}":
                raise
            continue
        command = getattr(mod, func)
        app.command(name, help=reflowed(command.__doc__), epilog=epilog(name))(command)
    return app


def _masking_group():
    """typer's command group, whose usage errors (click's: a mistyped command or option, an
    extra argument, a missing value, a value click itself refuses) are said as raio's own are:
    one line on stderr, "raio: error: ...", with what to do below it, exit 2 (typer drew a box
    as wide as COLUMNS, even in a CI log), and masked: they quote what was typed ('No such
    command 111222333'), and a BSN or patient number never comes out in full."""
    import typer
    from typer.core import TyperGroup

    # click's base of its errors: typer re-exports click's BadParameter (typer 0.28 vendors click)
    click_error = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
    usage_error = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")

    class Group(TyperGroup):
        def make_context(self, *args, **kwargs):
            try:
                return super().make_context(*args, **kwargs)
            except usage_error as exc:
                if type(exc).__name__ == "NoArgsIsHelpError":  # bare 'raio': the help, as typer shows it
                    raise
                raise _said_as_raio(exc) from None
            except click_error as exc:
                _mask_click_error(exc)
                raise

        def invoke(self, ctx):
            try:
                return super().invoke(ctx)
            except usage_error as exc:
                if getattr(exc, "ctx", None) is None and ctx.invoked_subcommand:  # '--today' without its value
                    command = self.get_command(ctx, ctx.invoked_subcommand)
                    if command is not None:
                        exc.ctx = type(ctx)(command, parent=ctx, info_name=ctx.invoked_subcommand)
                raise _said_as_raio(exc) from None
            except click_error as exc:
                _mask_click_error(exc)
                raise

    return Group


def _said_as_raio(exc):
    """click's usage error ``exc`` as raio's :class:`~raio_cli.commands._common.UsageError`: its
    message, and how to get the command's help ('raio check -h', 'raio -h' for a mistyped command)."""
    from raio_cli.commands._common import UsageError

    _mask_click_error(exc)
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", "") or "raio"
    usage = " ".join(ctx.get_usage().split()) if ctx is not None else ""
    hint = (f"{usage}; " if usage else "") + f"'{command} -h' " + ("lists the commands." if command == "raio" else "explains the options.")
    return UsageError(" ".join(exc.format_message().split()), hint)


def _mask_click_error(exc) -> None:
    """Let ``exc`` (a click.ClickException, shown by typer with its format_message) say its
    message with the identifiers in it masked."""
    from raio_cli.commands._common import patterns_in_play
    from raio_cli.privacy import mask_identifiers
    from raio_cli.terminal import printable

    message = printable(mask_identifiers(exc.format_message(), patterns_in_play()), keep="\n")
    exc.format_message = lambda: message


def reflowed(doc: str | None) -> str | None:
    """A command's docstring as help: each paragraph on one line, for the terminal to wrap.

    typer keeps the line breaks of every paragraph after the first, so a docstring wrapped at 100
    columns came out in an 80-column terminal as lines broken in two. A paragraph that starts with
    ``\\b`` (click's "do not rewrap") or holds an indented line keeps its lines."""
    if not doc:
        return doc
    import inspect

    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(p if p.startswith("\b") or any(line[:1].isspace() for line in p.split("\n")[1:])
                       else " ".join(line.strip() for line in p.split("\n")) for p in paragraphs)


def __getattr__(name: str):
    if name == "app":  # built on first use: ``from raio_cli.cli import app`` still works
        built = globals()["app"] = _build()
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None, *, exit_at_once: bool = False) -> None:
    """Run raio with ``argv`` (default: the command line); the error contract lives here. Ends
    with SystemExit, except that with ``exit_at_once`` (the console script, :func:`console`) the
    commands of :data:`EXIT_AT_ONCE` end the process (:func:`_exit_at_once`)."""
    args = sys.argv[1:] if argv is None else argv
    from raio_cli.terminal import tolerate_narrow_output

    tolerate_narrow_output()
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) < 20:  # 0 from a terminal with no size yet: rich would wrap
        del os.environ["COLUMNS"]                # every message to nothing; the terminal's width, else 80
    if args in (["--version"], ["-V"]):
        sys.stdout.write(f"raio {__version__}\n")
        raise SystemExit(0)
    if args in (["--help"], ["-h"]):
        from raio_cli import fasthelp

        if fasthelp.serve(args):  # the help text typer rendered last time, for this same terminal
            raise SystemExit(0)
        fasthelp.record(lambda: _main(args), args)
        return
    # A regular expression from raio.yaml (phi_patterns) or a dossier that Python reads with a
    # FutureWarning ("Possible nested set at position 1" for '[[') printed that warning with raio's
    # own source lines on stderr, once per place in raio that compiles or reads it; the pattern
    # works as written today, and what raio says about a pattern is a finding (PRV004).
    import warnings

    warnings.filterwarnings("ignore", message=r"Possible (nested set|set \w+)", category=FutureWarning)
    with _inert_streams(_invoked(args)):
        if exit_at_once and _invoked(args) in EXIT_AT_ONCE:
            _exit_at_once(lambda: _main(args))
        _main(args)


@contextlib.contextmanager
def _inert_streams(command: str | None):
    """Standard output and error written through :class:`raio_cli.terminal.InertStream` while a
    command runs: what it prints of a dossier (an application's name, an owner, a metric, a
    folder's name, a commit's author), of a value typed on the command line and of an error
    never reads as a command to the CI runner whose log it lands in ('##[set-output ...]',
    '##vso[task.setvariable ...]', a line break then '::error::'). raio check's standard output
    is its own: its formats make values inert each in their way, and --format github writes the
    runner's '::' commands on purpose."""
    from raio_cli.terminal import InertStream

    saved = sys.stdout, sys.stderr
    if sys.stdout is not None and command != "check":
        sys.stdout = InertStream(sys.stdout)
    if sys.stderr is not None:
        sys.stderr = InertStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def console() -> None:
    """The ``raio`` console script (and ``python -m raio_cli``): :func:`main`, with the commands
    of :data:`EXIT_AT_ONCE` leaving the process at once when done."""
    main(exit_at_once=True)


#: Commands that end by leaving the process at once (see :func:`_exit_at_once`).
EXIT_AT_ONCE = {"check", "status", "report", "log"}


def _exit_at_once(run) -> None:
    """Run a command, flush its output and end the process without the interpreter's teardown.

    After a cold ``raio check`` of 1,000 applications the process still holds a few hundred
    thousand objects (the history, the files read ahead for the workers, the findings): freeing
    them one by one and clearing every module takes 0.15-0.2 s after the last line is written,
    three to four in a hundred of the run (benchmarks/README.md). These commands leave nothing
    to finish at exit: their files are written and closed, their workers joined, the history
    thread is a daemon. Only for the console script: a caller of :func:`main` gets the usual
    SystemExit and keeps its process."""
    try:
        run()
        code = 0
    except SystemExit as done:
        code = done.code
    if code is not None and not isinstance(code, int):  # sys.exit("message"): what Python does
        sys.stderr.write(f"{code}\n")
        code = 1
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: the descriptor was closed before raio started
                stream.flush()
    except (OSError, ValueError):  # a closed pipe or stream: leave it to the usual exit
        raise SystemExit(code)
    os._exit(code or 0)


def _main(args: list[str]) -> None:
    from raio_cli.commands._common import UsageError, pointed_at

    pointed_at.clear()  # the portfolios of this run only (main may run more than once in a process)

    debug = "--debug" in args or os.environ.get("RAIO_DEBUG") == "1"
    try:
        command = _invoked(args)
        plain = _without_typer(command, args)
        if plain is not None:
            raise SystemExit(plain())
        app = globals().get("app") or _build(command)
        app(args=args, prog_name="raio", standalone_mode=True)
    except SystemExit:
        raise
    except BrokenPipeError:  # `raio check | head`: as typer (click) ends a command whose reader left
        _quiet_stdout()
        sys.exit(1)
    except UsageError as exc:
        from raio_cli.commands._common import err, said  # a message may quote a value: never an identifier in full

        err(f"raio: error: {said(exc)}" + (f"\n  {said(exc.hint)}" if exc.hint else ""))
        sys.exit(2)
    except KeyboardInterrupt:
        sys.stderr.write("raio: interrupted; nothing half-written was left behind\n")
        sys.exit(2)
    except OSError as exc:
        if exc.errno not in _MACHINE_ERRORS:
            _internal_error(exc, debug)
        from raio_cli.commands._common import err, said

        where = f": {said(exc.filename)}" if exc.filename else " (standard output or a file raio wrote)"
        err(f"raio: error: {exc.strerror or type(exc).__name__}{where}\n"
            "  The system refused it: check the disk (space, quota, read-only) and run again.")
        sys.exit(2)
    except Exception as exc:  # the boundary: never a raw traceback unless asked
        _internal_error(exc, debug)


def _without_typer(command: str | None, args: list[str]):
    """``raio check`` run without typer (a call that returns its exit code) when
    :func:`raio_cli.commands.check.parsed` reads its arguments, else None (typer parses them)."""
    if command != "check":
        return None
    from raio_cli.commands import check

    kwargs = check.parsed(args[args.index(command) + 1:])
    return None if kwargs is None else (lambda: check.run(**kwargs))


def _quiet_stdout() -> None:
    """Standard output pointed at the null device, so that the interpreter's last flush of what
    a closed pipe did not take says nothing on stderr (what click does on a broken pipe)."""
    try:
        sys.stdout.flush()
    except OSError:
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _internal_error(exc: BaseException, debug: bool) -> None:
    """Say that raio failed (a bug), with the traceback under --debug, and exit 2."""
    if debug:
        import traceback

        from raio_cli.commands._common import patterns_in_play
        from raio_cli.privacy import mask_identifiers
        from raio_cli.terminal import printable

        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))  # no locals
        sys.stderr.write(printable(mask_identifiers(trace, patterns_in_play()), keep="\n"))  # nor identifiers
    from raio_cli.commands._common import err

    err(f"raio: internal error: {type(exc).__name__}: {_one_line(exc)}\n"
        "  This is a bug in raio. Run again with --debug for the traceback and report it.")
    sys.exit(2)


#: errno values of an OSError that the machine, not raio, is to blame for: a full disk or quota,
#: a read-only file system, a file too large, an input/output error. Said as an error, not a bug.
_MACHINE_ERRORS = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EROFS", "EFBIG", "EIO")
                            if hasattr(errno, name))


def _invoked(args: list[str]) -> str | None:
    """The command ``args`` invoke when it is certain (a known name after the root's flags);
    None (every command: help, suggestions for a mistyped name) otherwise."""
    for arg in args:
        if arg == "--debug":
            continue
        return arg if arg in COMMANDS else None
    return None


def _one_line(exc: BaseException) -> str:
    from raio_cli.commands._common import said  # an exception may quote a value: never an identifier in full
    from raio_cli.privacy import clip

    return clip(said(" ".join(str(exc).split())), 300, ellipsis="") or "(no message)"


if __name__ == "__main__":  # pragma: no cover
    console()
