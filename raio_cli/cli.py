"""The ``raio`` command: options in, library calls, output out; no logic of its own.

Commands live in ``raio_cli/commands/<name>.py`` and are registered in :data:`COMMANDS`. The error
contract is enforced in :func:`main`: a usage mistake or an unexpected failure prints one line that
says what failed and what to do, exits 2, and shows a traceback only with ``--debug`` (and never
local variables: they may hold patient data).
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

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

app = typer.Typer(
    name="raio",
    help=(
        "raio: the Radiology AI Officer's toolkit. Each AI application is a folder of YAML files in a git "
        "portfolio; raio scaffolds the dossiers, checks them in CI (schemas, stage gates, pre-registered "
        "effects against git history, compliance, privacy) and renders the memos a board signs.\n\n"
        "Start with:  raio demo   (a complete example portfolio, checked, with memos)"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
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


_flags_without_type()


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


for _name, (_module, _func) in COMMANDS.items():
    try:
        _mod = importlib.import_module(f"raio_cli.commands.{_module}")
    except ModuleNotFoundError as _exc:  # a command not written yet is simply absent
        if _exc.name != f"raio_cli.commands.{_module}":
            raise
        continue
    app.command(_name)(getattr(_mod, _func))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: the error contract lives here."""
    from raio_cli.commands._common import UsageError

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args or os.environ.get("RAIO_DEBUG") == "1"
    try:
        app(args=args, prog_name="raio", standalone_mode=True)
    except SystemExit:
        raise
    except UsageError as exc:
        from raio_cli.privacy import mask_identifiers

        sys.stderr.write(f"raio: error: {mask_identifiers(str(exc))}\n")
        if exc.hint:
            sys.stderr.write(f"  {mask_identifiers(exc.hint)}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.stderr.write("raio: interrupted; nothing half-written was left behind\n")
        sys.exit(2)
    except Exception as exc:  # the boundary: never a raw traceback unless asked
        if debug:
            import traceback

            traceback.print_exception(type(exc), exc, exc.__traceback__)  # no locals
        sys.stderr.write(f"raio: internal error: {type(exc).__name__}: {_one_line(exc)}\n"
                         "  This is a bug in raio. Run again with --debug for the traceback and report it.\n")
        sys.exit(2)


def _one_line(exc: BaseException) -> str:
    from raio_cli.privacy import mask_identifiers  # an exception may quote a value: never a BSN in full

    text = mask_identifiers(" ".join(str(exc).split()))
    return text[:300] or "(no message)"


if __name__ == "__main__":  # pragma: no cover
    main()
