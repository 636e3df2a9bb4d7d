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
    # the commits as they were made, as every clone has them: not what a replace ref of this
    # clone puts in their place (git replace, grafts), which could give a commit another date
    env["GIT_NO_REPLACE_OBJECTS"] = "1"
    return env


def git(cwd: Path, *args: str, paths: tuple | list = (), check: bool = True, text: bool = True,
        input: str | bytes | None = None, env: dict | None = None, errors: str = "replace") -> subprocess.CompletedProcess:
    """Run ``git -C cwd <args> -- <paths>``. ``args`` must be literals chosen by raio."""
    return start(cwd, *args, paths=paths, check=check, text=text, input=input, env=env, errors=errors).result()


def start(cwd: Path, *args: str, paths: tuple | list = (), check: bool = True, text: bool = True,
          input: str | bytes | None = None, env: dict | None = None, errors: str = "replace") -> "Running":
    """Start what :func:`git` runs and return at once: :meth:`Running.done` says whether it has
    finished, :meth:`Running.result` waits for it (so a caller can work meanwhile). ``errors``:
    how bytes of the output that are no UTF-8 are decoded (``surrogateescape``: kept, for a
    caller that decodes each field of it as it must be read)."""
    if not available():
        raise GitError("git is not installed or not on PATH")
    cmd = ["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args]
    if paths:
        cmd += ["--", *[str(p) for p in paths]]
    full_env = _env()
    if env:
        full_env.update(env)
    options = args[:args.index("--")] if "--" in args else args
    return Running(cmd, cwd, input, full_env, text, check, args[0] if args else "", "-z" in options, errors)


class Running:
    """A git process whose input, output and errors are unnamed temporary files, not pipes.

    With pipes, Python wakes up for every chunk git writes (thousands for a large history) and
    each wake-up needs the interpreter lock: a busy thread next to it made a history read several
    times slower. Here nothing is read until git has exited. Text is decoded as
    ``subprocess.run(text=True)`` would: UTF-8 with replacement, universal newlines; but output
    that git separates with NUL (``-z``, ``zero``) keeps every carriage return it holds: a CR in a
    path is part of the name, and read as a line feed the path names a file that does not exist."""

    def __init__(self, cmd: list[str], cwd: Path, input, env: dict, text: bool, check: bool, what: str,
                 zero: bool = False, errors: str = "replace"):
        import tempfile

        self.cmd, self.text, self.check, self.what, self.zero, self.errors = cmd, text, check, what, zero, errors
        self._result: subprocess.CompletedProcess | None = None
        self._out = self._err = None
        stdin = subprocess.DEVNULL
        try:
            self._out, self._err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
            if input is not None:
                stdin = tempfile.TemporaryFile()
                stdin.write(input.encode("utf-8") if isinstance(input, str) else input)
                stdin.seek(0)
            self._proc = subprocess.Popen(cmd, cwd=str(cwd), stdin=stdin, stdout=self._out, stderr=self._err, env=env)
        except OSError as exc:
            self._close()
            raise GitError(f"git could not be started: {exc}") from None
        finally:
            if stdin is not subprocess.DEVNULL:
                stdin.close()

    def done(self) -> bool:
        return self._proc.poll() is not None

    def wait(self) -> None:
        self._proc.wait()

    def result(self) -> subprocess.CompletedProcess:
        """Wait for git and return what it wrote (read once; GitError if it failed and ``check``)."""
        if self._result is None:
            self._result = self._read()
        if self.check and self._result.returncode != 0:
            err = self._result.stderr if self.text else self._result.stderr.decode("utf-8", "replace")
            raise GitError(f"git {self.what} failed: {' '.join(err.split())[:300]}")
        return self._result

    def output(self):
        """Wait for git and hand over its standard output: a binary file at its start, which the
        caller reads piece by piece and closes. A large output (``cat-file --batch`` of every
        version read, 17 MB at 1,000 applications) is then never held whole beside the pieces cut
        from it. GitError as from :meth:`result` when git failed and ``check``."""
        code = self._proc.wait()
        if self.check and code != 0:
            self._result = self._read()
            self.result()  # raises
        out, self._out = self._out, None
        self._close()
        out.seek(0)
        return out

    def _read(self) -> subprocess.CompletedProcess:
        code = self._proc.wait()
        try:
            self._out.seek(0)
            self._err.seek(0)
            stdout, stderr = self._out.read(), self._err.read()
        finally:
            self._close()
        if self.text:
            stdout, stderr = stdout.decode("utf-8", self.errors), stderr.decode("utf-8", "replace")
            if not self.zero:
                stdout = stdout.replace("\r\n", "\n").replace("\r", "\n")
            stderr = stderr.replace("\r\n", "\n").replace("\r", "\n")
        return subprocess.CompletedProcess(self.cmd, code, stdout, stderr)

    def _close(self) -> None:
        for f in (self._out, self._err):
            if f is not None:
                f.close()


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


#: The refs whose names are shared with a repository's remote or fetched from it.
REF_NAMESPACES = ("refs/heads/", "refs/tags/", "refs/remotes/")


def ref_names(cwd: Path) -> list[str] | None:
    """The full names of the repository's branches, tags and remote's branches (as the last
    fetch left them), e.g. ``refs/heads/main``, in git's order; None when git cannot list them.
    One process that reads no object."""
    proc = git(cwd, "for-each-ref", "--format=%(refname)", *REF_NAMESPACES, check=False)
    if proc.returncode != 0:
        return None
    return [name for name in proc.stdout.split("\n") if name]


def remote_names(cwd: Path) -> list[str]:
    """The names of the repository's remotes (``git remote``), which may hold a '/'
    (``team/origin``); [] when git cannot list them."""
    proc = git(cwd, "remote", check=False)
    return [name for name in proc.stdout.split("\n") if name] if proc.returncode == 0 else []


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


def ignored_paths(root: Path, paths: tuple | list = ()) -> list[str]:
    """Files (relative to the repository root) that exist but are not tracked because .gitignore
    (or info/exclude) hides them: never committed, yet not listed by :func:`dirty_paths`."""
    proc = git(root, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--full-name",
               paths=paths or (".",), check=False)
    if proc.returncode != 0:
        return []
    return [p for p in proc.stdout.split("\0") if p]


def init(root: Path) -> None:
    """A new repository whose first branch is ``main`` (older gits ignore the setting)."""
    git(root, "-c", "init.defaultBranch=main", "init", "-q")


def knows_identity(cwd: Path) -> bool:
    """Whether git in ``cwd`` has a name and e-mail address to write into a commit."""
    return all(git(cwd, "var", ident, check=False).returncode == 0
               for ident in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"))


def commit(root: Path, paths: list, message: str, env: dict | None = None) -> str:
    """Stage exactly ``paths`` and commit them; returns the new commit's hash."""
    git(root, "add", "-A", paths=paths)
    git(root, "commit", "-q", "-m", message, paths=paths, env=env)
    return head(root) or ""
