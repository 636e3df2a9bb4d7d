"""Small helpers shared by the commands: errors, dates, finding the portfolio."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer


class UsageError(Exception):
    """A mistake in how raio was called or what it was pointed at: one line, exit 2."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


def fail(message: str, hint: str = "") -> "typer.Exit":
    """Stop with a one-line error on stderr and exit code 2."""
    raise UsageError(message, hint)


def err(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


def parse_date(value: str | None, option: str = "--today") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} '{value}' is not a date", "Write it as YYYY-MM-DD, e.g. 2026-03-01.")


def portfolio_root(path: Path) -> Path:
    from raio_cli.portfolio import PortfolioNotFound, find_root

    if not path.exists():
        fail(f"{path} does not exist")
    try:
        return find_root(path)
    except PortfolioNotFound as exc:
        fail(str(exc), "Run raio in a portfolio folder, point at one, or create one with 'raio init'.")


def today_option() -> typer.Option:
    return typer.Option(None, "--today", metavar="YYYY-MM-DD",
                        help="Check as if today were this date (reproducible runs; default: the real date).")



def shown_path(path: Path) -> str:
    """The path relative to the current folder when it lies below it (what the user typed, roughly)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def one_line(text: object, limit: int = 80) -> str:
    """Text as typed, without control characters and clipped: safe to echo in a one-line message."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def application_arg(app_id: str, portfolio: Path) -> tuple[Path, str]:
    """``(portfolio root, application id)`` from an APP argument: an id (the portfolio found from
    ``portfolio`` upwards) or the application's folder (``applications/<id>`` or ``.`` inside it)."""
    candidate = Path(app_id)
    if ("/" in app_id or "\\" in app_id or app_id in (".", "..")) and candidate.is_dir():
        folder = candidate.resolve()
        root = portfolio_root(folder)
        if folder.parent != root / "applications":
            fail(f"{one_line(app_id)} is not an application folder", "Give the application's id, or its folder under applications/.")
        return root, folder.name
    return portfolio_root(portfolio), app_id
