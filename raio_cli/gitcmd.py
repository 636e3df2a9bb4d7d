"""Calling git safely: fixed argument lists, ``--`` before paths, only the local repository.

No value from a dossier or the command line can become a git option: callers pass options as
literals and user-supplied paths only after ``--`` (see :func:`git`'s ``paths``). GitPython has had
many option-injection CVEs; raio calls the git program directly with ``subprocess`` and no shell.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


class GitError(Exception):
    """git is missing, or a git command failed."""


def available() -> bool:
    return shutil.which("git") is not None


def _env() -> dict:
    env = dict(os.environ)
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF", "GIT_PAGER"):
        env.pop(var, None)
    env["GIT_PAGER"] = "cat"
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["LC_ALL"] = "C"
    return env


def git(cwd: Path, *args: str, paths: tuple | list = (), check: bool = True, text: bool = True,
        input: str | bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``git -C cwd <args> -- <paths>``. ``args`` must be literals chosen by raio."""
    if not available():
        raise GitError("git is not installed or not on PATH")
    cmd = ["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args]
    if paths:
        cmd += ["--", *[str(p) for p in paths]]
    full_env = _env()
    if env:
        full_env.update(env)
    try:
        proc = subprocess.run(cmd, cwd=str(cwd), capture_output=True, text=text, input=input, env=full_env,
                              encoding="utf-8" if text else None, errors="replace" if text else None)
    except OSError as exc:
        raise GitError(f"git could not be started: {exc}") from None
    if check and proc.returncode != 0:
        err = proc.stderr if text else proc.stderr.decode("utf-8", "replace")
        raise GitError(f"git {args[0] if args else ''} failed: {' '.join(err.split())[:300]}")
    return proc


def toplevel(path: Path) -> Path | None:
    """The work tree root of the repository holding ``path``, or None when it is in none."""
    if not available():
        return None
    proc = git(path, "rev-parse", "--show-toplevel", check=False)
    if proc.returncode != 0:
        return None
    return Path(proc.stdout.strip())


def has_commits(root: Path) -> bool:
    return git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0


def is_shallow(root: Path) -> bool:
    proc = git(root, "rev-parse", "--is-shallow-repository", check=False)
    return proc.stdout.strip() == "true"


def head(root: Path) -> str | None:
    proc = git(root, "rev-parse", "HEAD", check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def dirty_paths(root: Path, paths: tuple | list = ()) -> list[str]:
    """Paths (relative to the repository root) with uncommitted changes, untracked files included."""
    proc = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", paths=paths or (".",), check=False)
    if proc.returncode != 0:
        return []
    out = []
    entries = proc.stdout.split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        if len(entry) > 3:
            out.append(entry[3:])
            if entry[0] in "RC":  # a rename has its source path next
                i += 1
        i += 1
    return out


def init(root: Path) -> None:
    """A new repository whose first branch is ``main`` (older gits ignore the setting)."""
    git(root, "-c", "init.defaultBranch=main", "init", "-q")


def commit(root: Path, paths: list, message: str, env: dict | None = None) -> str:
    """Stage exactly ``paths`` and commit them; returns the new commit's hash."""
    git(root, "add", "-A", paths=paths)
    git(root, "commit", "-q", "-m", message, paths=paths, env=env)
    return head(root) or ""
