"""Calling git safely: fixed argument lists, ``--`` before paths, only the local repository.

No value from a dossier or the command line can become a git option: callers pass options as
literals and user-supplied paths only after ``--`` (see :func:`git`'s ``paths``). GitPython has had
many option-injection CVEs; raio calls the git program directly with ``subprocess`` and no shell.

No program that the checked repository's own config names is run either: the portfolio may be
an untrusted checkout (a CI job on a pull request), and its ``.git/config`` can name programs git
runs (an fsmonitor hook, a hooks folder, a filter driver that ``.gitattributes`` applies, an ssh
command, a credential helper, an upload-pack program). Every git process raio starts has
``core.fsmonitor``, ``core.hooksPath`` and ``protocol.ext.allow`` set on its command line, and
each such setting of the repository's own config (local and worktree scope, listed by one ``git
config --list --show-scope`` per repository) replaced by the user's own value (system, global)
or a neutral one, through ``GIT_CONFIG_COUNT`` (:func:`_neutralised`). Every process, as in a
partial clone any command that reads a file's content may fetch it from the remote.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path


class GitError(Exception):
    """git is missing, or a git command failed."""


#: How bytes of git's output that are no UTF-8 are decoded: kept as Python's file system keeps
#: them (``os.fsdecode``, ``os.listdir``: a lone surrogate per byte), so that a path git names is
#: the path raio finds on disk. A folder ``caf\xe9-app`` (Latin-1) read with U+FFFD in its place
#: was another folder: its committed files read as renamed and uncommitted (GIT006).
PATHS = "surrogateescape"


def shown(path: str) -> str:
    """``path`` as a document (a memo, a report: UTF-8 text) writes it: a byte of a name that is
    no UTF-8, kept as :data:`PATHS` keeps it, written U+FFFD."""
    return _LONE.sub("\ufffd", path)


_LONE = re.compile("[\ud800-\udfff]")


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


#: Set on the command line of every git process raio starts (above any config file): git asks
#: no fsmonitor hook (``core.fsmonitor`` may name a program), never runs the ``ext::`` transport
#: (a remote URL that is a shell command), and opens no bare repository it was not pointed at (a
#: folder of the checkout laid out as one, whose config would be read as the repository's).
_ALWAYS = ("-c", "core.fsmonitor=false", "-c", "protocol.ext.allow=never", "-c", "safe.bareRepository=explicit")
#: And, but for raio's own writes (:data:`_WRITES`), no hook: a hook of the repository (its
#: ``.git/hooks`` or the folder ``core.hooksPath`` names) runs when git writes the index, which
#: ``git status`` and ``git diff`` may do.
_NO_HOOKS = ("-c", f"core.hooksPath={os.devnull}")
#: The commands with which raio writes a commit (raio init, raio new-pilot, raio demo): they run the
#: user's hooks, as the ``git commit`` they stand for would. They are run by a person in their own
#: clone, never by a check of someone else's; and a team's pre-commit hook (a scanner for patient
#: numbers or secrets) must see raio's commits as it sees theirs.
_WRITES = frozenset({"add", "commit"})
#: Settings of a repository's own config that name a program git runs, with the neutral value that
#: replaces each where the user's own config (system, global) has none for the same key.
_PROGRAMS = (
    (re.compile(r"filter\..+\.(clean|smudge|process)", re.S), ""),
    (re.compile(r"core\.sshcommand"), "ssh"),
    (re.compile(r"core\.askpass"), ""),
    (re.compile(r"gpg\.program"), "gpg"),
    (re.compile(r"gpg\.ssh\.program"), "ssh-keygen"),
    (re.compile(r"gpg\.x509\.program"), "gpgsm"),
)
#: The program a fetch (or push) runs at the remote's end, which a remote reached as a folder
#: (``file://``) runs here. git takes the first value it reads, the repository's own before any
#: given on the command line: where the repository names one, no remote is reached that way (a
#: partial clone of a folder then cannot fetch the versions it lacks; over ssh or https it can).
_PACK_PROGRAM = re.compile(r"remote\..+\.(uploadpack|receivepack)", re.S)
#: Credential helpers are a list: an empty value empties it, and the user's own are added again.
_HELPER = re.compile(r"credential\.(.+\.)?helper", re.S)
_REPOSITORY_SCOPES = ("local", "worktree")
#: cwd -> (the repository's config files as they were, the settings that neutralise them)
_SEEN: dict[str, tuple[tuple, list, dict]] = {}


def _stamp(files) -> tuple:
    out = []
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            return ()
        out.append((f, st.st_mtime_ns, st.st_size, st.st_ino))
    return tuple(out)


def _neutralised(cwd: Path, env: dict) -> dict:
    """The environment that replaces, for a git process in ``cwd``, every setting of the
    repository's own config (local, worktree; files they include count as theirs) that names a
    program (:data:`_PROGRAMS`, credential helpers, ``core.gitProxy``), as entries of
    ``GIT_CONFIG_COUNT`` after any of the user's. One ``git config --list`` per repository, again
    only when one of its config files changed."""
    key = _work_tree(Path(cwd))
    seen = _SEEN.get(key) if key is not None else None
    if seen is None or _stamp(f for f, *_ in seen[0]) != seen[0]:
        proc = Running(["git", "config", "--list", "--show-scope", "--show-origin", "-z"], cwd, None, env, True,
                       False, "config").result()
        fields = proc.stdout.split("\0") if proc.returncode == 0 else []
        entries, files = [], []
        for scope, origin, item in zip(fields[0::3], fields[1::3], fields[2::3]):
            name, _, value = item.partition("\n")
            entries.append((scope, name, value))
            if scope in _REPOSITORY_SCOPES and origin.startswith("file:"):
                path = _origin(Path(cwd), origin[5:])
                if path is not None and path not in files:
                    files.append(path)
        pairs, extra = _overrides(entries)
        seen = (_stamp(files), pairs, extra)
        if seen[0] and key is not None:  # outside a repository nothing is kept: one may be made there later
            _SEEN[key] = seen
    _, pairs, extra = seen
    if not pairs and not extra:
        return env
    env = dict(env)
    try:
        count = int(env.get("GIT_CONFIG_COUNT", "0") or 0)
    except ValueError:
        count = 0
    for i, (name, value) in enumerate(pairs, count):
        env[f"GIT_CONFIG_KEY_{i}"], env[f"GIT_CONFIG_VALUE_{i}"] = name, value
    env["GIT_CONFIG_COUNT"] = str(count + len(pairs))
    for var, value in extra.items():
        env.setdefault(var, value)
    return env


def _work_tree(cwd: Path) -> str | None:
    """The folder holding ``.git`` that git finds from ``cwd`` (the key of what :func:`_neutralised`
    keeps); None when there is none, and git finds no repository, or only one that ``.git`` is not."""
    for folder in (cwd, *cwd.parents):
        if os.path.lexists(os.path.join(str(folder), ".git")):
            return str(folder)
    return None


def _origin(cwd: Path, name: str) -> str | None:
    """The config file git names ``name``: git names the repository's relative to the work tree's
    root (where it goes), which is ``cwd`` or a folder above it; None when none holds it."""
    for folder in (cwd, *cwd.parents) if not os.path.isabs(name) else (cwd,):
        path = os.path.join(str(folder), name)
        if os.path.isfile(path):
            return path
    return None


def _overrides(entries: list[tuple[str, str, str]]) -> tuple[list, dict]:
    """(key, value) pairs that replace the program-naming settings among ``entries`` (scope, key,
    value, in git's reading order) set by the repository, and environment variables to set."""
    mine = [(name, value) for scope, name, value in entries if scope not in _REPOSITORY_SCOPES]
    theirs = [name for scope, name, _ in entries if scope in _REPOSITORY_SCOPES]
    pairs: list[tuple[str, str]] = []
    done: set[str] = set()
    for name in theirs:
        if name in done:
            continue
        done.add(name)
        neutral = next((value for pattern, value in _PROGRAMS if pattern.fullmatch(name)), None)
        if neutral is None:
            continue
        own = [value for n, value in mine if n == name]
        pairs.append((name, own[-1] if own else neutral))
        if not own and name.startswith("filter."):  # a filter left without a program must not be required
            pairs.append((name.rsplit(".", 1)[0] + ".required", "false"))
    if any(_HELPER.fullmatch(name) for name in theirs):
        pairs.append(("credential.helper", ""))
        pairs += [(name, value) for name, value in mine if _HELPER.fullmatch(name)]
    if any(_PACK_PROGRAM.fullmatch(name) for name in theirs):
        pairs.append(("protocol.file.allow", "never"))
    # git takes the first proxy command it reads, and none of the config's when this is set
    extra = {"GIT_PROXY_COMMAND": ""} if "core.gitproxy" in theirs else {}
    return pairs, extra


def _command(args: tuple) -> str:
    """The git command among ``args`` (after any ``-c name=value``)."""
    i = 0
    while i < len(args) - 1 and args[i] == "-c":
        i += 2
    return args[i] if i < len(args) else ""


def git(cwd: Path, *args: str, paths: tuple | list = (), check: bool = True, text: bool = True,
        input: str | bytes | None = None, env: dict | None = None, errors: str = PATHS) -> subprocess.CompletedProcess:
    """Run ``git -C cwd <args> -- <paths>``. ``args`` must be literals chosen by raio."""
    return start(cwd, *args, paths=paths, check=check, text=text, input=input, env=env, errors=errors).result()


def start(cwd: Path, *args: str, paths: tuple | list = (), check: bool = True, text: bool = True,
          input: str | bytes | None = None, env: dict | None = None, errors: str = PATHS) -> "Running":
    """Start what :func:`git` runs and return at once: :meth:`Running.done` says whether it has
    finished, :meth:`Running.result` waits for it (so a caller can work meanwhile). ``errors``:
    how bytes of the output that are no UTF-8 are decoded (:data:`PATHS` unless told)."""
    if not available():
        raise GitError("git is not installed or not on PATH")
    command = _command(args)
    cmd = ["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", *_ALWAYS,
           *(() if command in _WRITES else _NO_HOOKS), *args]
    if paths:
        cmd += ["--", *[str(p) for p in paths]]
    full_env = _env()
    if env:
        full_env.update(env)
    full_env = _neutralised(cwd, full_env)
    options = args[:args.index("--")] if "--" in args else args
    return Running(cmd, cwd, input, full_env, text, check, args[0] if args else "", "-z" in options, errors)


class Running:
    """A git process whose input, output and errors are unnamed temporary files, not pipes.

    With pipes, Python wakes up for every chunk git writes (thousands for a large history) and
    each wake-up needs the interpreter lock: a busy thread next to it made a history read several
    times slower. Here nothing is read until git has exited. Text is decoded as
    ``subprocess.run(text=True)`` would: UTF-8 (bytes that are none kept, :data:`PATHS`; in its
    errors replaced), universal newlines; but output
    that git separates with NUL (``-z``, ``zero``) keeps every carriage return it holds: a CR in a
    path is part of the name, and read as a line feed the path names a file that does not exist."""

    def __init__(self, cmd: list[str], cwd: Path, input, env: dict, text: bool, check: bool, what: str,
                 zero: bool = False, errors: str = PATHS):
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
