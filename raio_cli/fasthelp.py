"""``raio --help`` in a few milliseconds: the text typer rendered the last time, replayed.

Building the typer application imports typer, rich, pydantic and every command module, which is
most of a second on a busy CI runner, for a text that changes only when raio changes. So the
first ``raio --help`` renders it with typer as always and keeps a copy of what it wrote; the next
ones write that copy, when nothing it depends on has changed:

- raio's command modules (their docstrings and options) and the installed typer and rich:
  the size and modification time of their files;
- the terminal: whether standard input, output and error are terminals, and their sizes;
- the environment (``COLUMNS``, ``NO_COLOR``, ``TERM``, ``FORCE_COLOR`` … all of it, except the
  working directory and the shell's counters), and the output's encoding.

Any doubt (no cache folder, an unreadable copy, a file that cannot be looked at) means rendering
with typer. Only this module and the standard library are imported on the fast way; the copies
live in ``help/`` of :func:`raio_cli.cache.cache_dir` (``RAIO_NO_CACHE=1`` turns it off).
"""

from __future__ import annotations

import hashlib
import os
import sys

#: Environment variables that change from one prompt to the next but not the help text.
_VOLATILE = {"PWD", "OLDPWD", "SHLVL", "_", "LINENO", "RANDOM", "SECONDS", "HISTCMD"}
#: Copies kept (one per terminal set-up).
_KEEP = 16


def cache_folder() -> str | None:
    """raio's cache folder (see :func:`raio_cli.cache.cache_dir`), or None without a home."""
    env = os.environ.get("RAIO_CACHE_DIR")
    if env:
        return env
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return os.path.join(base, "raio", "Cache") if base else None
    home = os.path.expanduser("~")
    if home == "~" or not os.path.isabs(home):
        return None
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "raio")
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "raio")
    return os.path.join(home, ".cache", "raio")


def _folder() -> str | None:
    if os.environ.get("RAIO_NO_CACHE", "") not in ("", "0"):
        return None
    folder = cache_folder()
    return os.path.join(folder, "help") if folder is not None else None


def _key(args: list[str]) -> str | None:
    here = os.path.dirname(os.path.abspath(__file__))
    h = hashlib.sha256()
    h.update(repr((args, sys.version, getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "errors", None))).encode())
    try:
        files = [os.path.join(here, n) for n in ("__init__.py", "cli.py", "fasthelp.py")]
        commands = os.path.join(here, "commands")
        files += sorted(os.path.join(commands, n) for n in os.listdir(commands) if n.endswith(".py"))
        for name in ("typer", "rich", "click"):
            files += _package_files(name)
        for path in files:
            st = os.stat(path)
            h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    except OSError:
        return None
    for fd in (0, 1, 2):
        try:
            tty = os.isatty(fd)
            size = tuple(os.get_terminal_size(fd)) if tty else None
        except OSError:
            tty, size = False, None
        h.update(f"{fd}:{tty}:{size}\n".encode())
    stdout_tty = getattr(sys.stdout, "isatty", None)
    try:
        h.update(f"stdout:{stdout_tty() if stdout_tty else None}\n".encode())
    except (OSError, ValueError):
        return None
    env = sorted((k, v) for k, v in os.environ.items() if k not in _VOLATILE)
    h.update(repr(env).encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _package_files(name: str) -> list[str]:
    """The top files of an installed package, found without importing it."""
    for folder in sys.path:
        init = os.path.join(folder or ".", name, "__init__.py")
        if os.path.isfile(init):
            pkg = os.path.dirname(init)
            return sorted(os.path.join(pkg, n) for n in os.listdir(pkg) if n.endswith(".py"))
    return []


def serve(args: list[str]) -> bool:
    """Write the recorded help for ``args`` if it is still what typer would write; True if done."""
    folder = _folder()
    key = _key(args) if folder is not None else None
    if key is None:
        return False
    try:
        with open(os.path.join(folder, key + ".txt"), encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, ValueError):
        return False
    if not text:
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True


class _Tee:
    """Standard output that also keeps what was written (everything else is the real one's)."""

    def __init__(self, inner):
        self._inner = inner
        self._parts: list[str] = []

    def write(self, text):
        if isinstance(text, str):
            self._parts.append(text)
        return self._inner.write(text)

    def __getattr__(self, name):
        return getattr(self._inner, name)


def record(run, args: list[str]) -> None:
    """Run typer (``run``) with standard output kept, and keep the help it wrote."""
    key = _key(args)
    tee = _Tee(sys.stdout)
    sys.stdout = tee  # type: ignore[assignment]
    code = 0
    try:
        run()
    except SystemExit as exc:
        code = exc.code
        raise
    finally:
        sys.stdout = tee._inner
        text = "".join(tee._parts)
        if code in (0, None) and key and "raio" in text and "--help" in text:
            _store(key, text)


def _store(key: str, text: str) -> None:
    folder = _folder()
    if folder is None:
        return
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        path = os.path.join(folder, key + ".txt")
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
        copies = sorted((os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".txt")),
                        key=os.path.getmtime, reverse=True)
        for old in copies[_KEEP:]:
            os.unlink(old)
    except OSError:
        pass
