"""Shell commands in hints that work where the user runs them.

A hint such as "git add applications/x && git commit" works only in the portfolio's folder: run
from inside applications/x, or from the folder above the portfolio (``raio check path/to/pf``),
git finds no such path, or no repository. The rules do not know where the user is (the library
never reads the current folder, and the re-check cache keeps findings by content), so they write
the start of such a command as a mark (:func:`git`, :func:`raio`) with the paths after it from
the portfolio's folder, and :func:`fill` turns the marks into words once it is known how the user
names that folder (``here``):

- ``here`` is "." (the user is in the portfolio's folder): ``git add applications/x``;
- any other name: ``git -C <here> add applications/x``, and a raio command that finds the
  portfolio from the current folder gets it named (``raio monitor -p <here> x``, ``raio check
  <here>``) unless the user is inside the portfolio (``here`` is ``..`` or ``../..``);
- ``here`` None (JSON, SARIF and the CI formats, read away from any terminal, kept the same from
  any folder and machine): named from the top of the git repository, where CI runs and the CI
  formats' paths start: ``git -C <the portfolio's folder in the repository>`` (plain ``git`` when
  the portfolio is the repository), and raio commands as the portfolio's folder runs them.

Names are quoted for the shell (a folder with a space or a ``$``).
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import replace

#: Opens and closes a mark: a NUL is in no path (no file system allows it) and no command.
_MARK = "\x00"
_MARKS = re.compile("\x00\x01([gr])([^\x00]*)\x01\x00")


def git(prefix: str = "") -> str:
    """The ``git`` that starts a command in a hint, run in the portfolio's folder (the paths after
    it from there). ``prefix``: the portfolio's folder in its repository ("" at its top, else
    ending in "/", as :attr:`raio_cli.history.History.prefix`)."""
    return f"{_MARK}\x01g{prefix}\x01{_MARK}"


def git_for(history) -> str:
    """:func:`git` for the portfolio whose git history (:class:`raio_cli.history.History`) is
    ``history`` (None: no history read, the portfolio named as at the top of its repository)."""
    return git(getattr(history, "prefix", "") if history is not None else "")


def raio(command: str, *args: str) -> str:
    """``raio <command> <args>`` (check, memo, monitor, log; the args quoted for the shell) in a
    hint, for the portfolio the finding is in."""
    return f"{_MARK}\x01r{command}\x01{_MARK}" + "".join(" " + shlex.quote(a) for a in args)


def from_portfolio(prefix: str, repo_path: str) -> str:
    """A path from the top of the repository (as git names it) as named from the portfolio's
    folder, whose path in the repository is ``prefix``: ``../old/applications`` for a place the
    portfolio moved from."""
    return posixpath.relpath("/" + repo_path, "/" + (prefix.rstrip("/") or "."))


def quoted(*paths: str) -> str:
    """``paths`` as a command names them: each quoted for the shell, separated by spaces."""
    return " ".join(shlex.quote(p) for p in paths)


def inside(here: str) -> bool:
    """Whether ``here`` names the portfolio from within it ("." or a row of "..")."""
    return all(part == ".." for part in posixpath.normpath(here.replace("\\", "/")).split("/") if part != ".")


def fill(text: str, here: str | None) -> str:
    """``text`` with its marks in words, for a user who names the portfolio's folder ``here``
    (None: from the top of its repository; see the module's description)."""
    if _MARK not in text:
        return text

    def said(m: re.Match) -> str:
        kind, what = m.group(1), m.group(2)
        if kind == "g":
            where = (what.rstrip("/") or ".") if here is None else here
            return "git" if where == "." else f"git -C {shlex.quote(where)}"
        if here is None or inside(here):
            return f"raio {what}"
        if what == "check":
            return f"raio check {shlex.quote(here)}"
        return f"raio {what} -p {shlex.quote(here)}"

    return _MARKS.sub(said, text)


def filled(findings: list, here: str | None) -> list:
    """``findings`` with the marks in their hints and messages in words (:func:`fill`)."""
    return [f if _MARK not in f.hint and _MARK not in f.message
            else replace(f, hint=fill(f.hint, here), message=fill(f.message, here)) for f in findings]
