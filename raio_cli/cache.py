"""The re-check cache of ``raio check``: unchanged applications are not checked again.

What an application's findings depend on, and so what its entry is keyed by:

- its own files: the bytes of every YAML file in its folder (as far as the loader reads them).
  A file is read again unless its size, modification and status-change times and inode are
  those recorded when it was last read, and were already so two seconds before that run began
  (git's rule for its index; see ``Store._content``);
- the portfolio's listing: every path under the portfolio (not ``.git``), with its kind and, for
  a link, where it points. Evidence paths may point anywhere in the portfolio (CMP004/CMP005),
  and an unknown file next to the dossier is reported (IDN007), so adding, removing or renaming
  any file checks everything again; editing a file's content checks only its application;
- raio.yaml (its bytes), ``--today``, ``--no-git`` and the check's options (one that is false
  or None counts as not given);
- raio itself: its version and the size and modification time of every file of the installed
  package, its schemas and catalogs (an edited rule in a development checkout counts), of the
  libraries whose verdicts it passes on (jsonschema, jsonschema-rs, PyYAML), and the Python
  version;
- the git history of the application: an entry is tied to a *history token*, which changes
  whenever a commit reachable from HEAD touched the application's folder. When HEAD moved on
  from the commit of the last run (a descendant of it), ``git log --full-history -m`` over the
  new commits names the folders they touched: those applications get a new token, the others
  keep theirs. After any other move of HEAD (rebase, amend, reset, another branch), a shallow
  clone, a history that was not complete, or new commits that touched raio.yaml (whether it is
  committed as it is on disk is a finding, GIT008, that its bytes do not show), every application
  gets a new token. Uncommitted edits are part of the files' bytes;
- the names of the repository's branches, tags and remote's branches (``git for-each-ref``, once
  per run with git, handed to the check so that it lists them no second time): a branch or tag
  created, renamed or deleted checks the portfolio-wide findings again (a name may hold a
  patient identifier, PRV011), not the applications.

The facts kept beside an application's findings (check.run ``facts``: the rows of raio status and
the report) are keyed by all of the above but ``--today``, so a check for another day (the next
day's, another ``--today``) keeps them, and a run that asks for them on another day is served
them while its findings are checked again; raio status dates them in its own process. Facts read
from a history with uncommitted edits, which count as made today, are kept for their day only.

The portfolio-wide findings (raio.yaml, cross-application and git-state rules) are keyed by all of
the above for every application. Results with internal errors are never stored, and an entry is
stored only if it reads back exactly as it was written. Any doubt (an unreadable cache, git
failing, a portfolio of more than :data:`MAX_LISTING` paths) means checking, never a stale result.

No patient identifier is written to the cache (a BSN, a match of raio.yaml's phi_patterns): a
result that quotes one in full (a finding's message, hint, file or data, such as "unknown field
'extra_111222333'", a suppression's reason, a fact) is not stored, and an application whose id
holds one is left out of the file altogether (its entry, file states and history token). Such an
application is checked again on every run, as raio check reports it (PRV001, PRV002) until it is
removed. Masking what is stored instead would serve something other than what was found: the
steps after the cache (suppressions matched by file, the files under a target, the facts handed
to raio status) would see masked texts, and a pattern need not mask its own mask the same way.

Where: one JSON file per portfolio and mode (with git, ``--no-git``: switching between them
checks nothing again) in the user's cache folder (``$RAIO_CACHE_DIR``, else
``$XDG_CACHE_HOME/raio``, ``~/.cache/raio``, ``~/Library/Caches/raio`` or
``%LOCALAPPDATA%\\raio\\Cache``), named by a hash of the portfolio's path and the mode. Nothing
is written into the portfolio, so a clone never carries a cache that someone else wrote. A file's
modification time is when it was last used: written, or read by a run that found it usable
(touched then, at most once a day). A run that writes its file removes the files of portfolios
not used for :data:`MAX_AGE_DAYS` days, and beyond the :data:`KEEP` most recently used (a
portfolio checked in both modes has two); only
files named as raio names them, never anything else in the folder (see :func:`_prune`).
``RAIO_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from raio_cli import __version__, jsontext
from raio_cli.fsio import read_limited
from raio_cli.yamlio import DEFAULT_MAX_BYTES
from raio_cli.findings import Finding, Severity

#: Changes whenever the layout of a cache file changes.
FORMAT = 5
#: A file's recorded state is trusted only when its times lie this long before the run that
#: recorded it began (see Store._content).
RACY_NS = 2_000_000_000
#: Cache files kept (one per portfolio and mode).
KEEP = 32
#: A portfolio's cache file not used (written, or read by a run) for this many days is removed.
MAX_AGE_DAYS = 60
#: A cache file read by a run is touched (marked as used) when it was last marked this long ago.
TOUCH_AFTER_S = 24 * 3600
#: A portfolio with more paths than this is not cached (listing it would cost too much).
MAX_LISTING = 200_000


def cache_dir() -> Path | None:
    """The folder of raio's caches, or None when no home folder can be found."""
    from raio_cli.fasthelp import cache_folder

    folder = cache_folder()
    return Path(folder) if folder is not None else None


def enabled() -> bool:
    return os.environ.get("RAIO_NO_CACHE", "") in ("", "0")


def open_store(root: Path, pf, *, today: dt.date, use_git: bool, options: dict) -> "Store | None":
    """The cache of the portfolio at ``root`` for this run, or None when it cannot be used."""
    if not enabled():
        return None
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return Store(folder / "check", root, pf, today=today, use_git=use_git, options=options)
    except _Unusable:
        return None


class _Unusable(Exception):
    """Something the keys depend on cannot be established: no cache for this run."""


class Store:
    """The entries of one portfolio, and the keys of this run."""

    def __init__(self, folder: Path, root: Path, pf, *, today: dt.date, use_git: bool, options: dict):
        self.folder = folder
        self.root = Path(root)
        #: a file per mode: switching between runs with and without git keeps both modes' entries
        self.mode = "git" if use_git else "no-git"
        name = str(self.root) if use_git else f"{self.root}\0no-git"
        self.path = folder / (hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:32] + ".json")
        self.old = self._read()
        try:  # an option that is false or None is one not given (rules read them with .get): raio
            # status, which gives none, and raio check, which gives next_stage: false, share entries
            opts = json.dumps({k: v for k, v in options.items() if v is not False and v is not None},
                              sort_keys=True, default=repr)
        except (TypeError, ValueError):
            raise _Unusable from None
        listing, self._folders = _listing(self.root)
        # raio.yaml is hashed as the loader reads it: a link is followed within the portfolio only
        # (YML017); today is added below: the facts kept beside the findings are keyed by all
        # but the date (see check.run ``facts``)
        config = self.root / "raio.yaml"
        dateless = _digest(FORMAT, _code_fingerprint(), str(self.root), use_git, opts,
                           _file_digest(config, DEFAULT_MAX_BYTES,
                                        self.root if config.is_symlink() else None), listing)
        day = today.isoformat()
        self.apps = [a.id for a in pf.apps]
        from raio_cli import privacy

        self.masks = privacy.patterns_of(pf.policy)
        self.git = _GitState(self.root, self.apps, self.old) if use_git else None
        self.keys: dict[str, str] = {}
        #: the keys without today: of an application's facts (check.AppResult.facts_dated: else its key)
        self.fkeys: dict[str, str] = {}
        self.stamp = time.time_ns()  # before any dossier file is looked at (see _content)
        old_stats = self.old.get("stats") if isinstance(self.old.get("stats"), dict) else {}
        old_stamp = self.old.get("stamp") if isinstance(self.old.get("stamp"), int) else 0
        self.stats: dict[str, list] = {}
        self.settled = 0
        for app in pf.apps:
            h = hashlib.blake2b(f"{dateless}\0{app.id}\0".encode("utf-8", "surrogateescape"), digest_size=24)
            h.update(self._content(app, old_stats.get(app.id), old_stamp).encode())
            token = self.git.tokens[app.id] if self.git is not None else "no-git"
            h.update(f"\0{token}".encode())
            self.fkeys[app.id] = fkey = h.hexdigest()
            self.keys[app.id] = hashlib.blake2b(f"{fkey}\0{day}".encode(), digest_size=24).hexdigest()
        self.base = _digest(dateless, day)
        self.served: dict[str, tuple] = {}  # what was served from the cache: (result, its entry)

    def _content(self, app, old: Any, old_stamp: int) -> str:
        """The digest of the application's YAML files: their names and what the loader would read
        of each (:func:`_hash_file`).

        Taken from the last run without reading the files when nothing about them has changed:
        the same names, and for each the size, modification and status-change times (in
        nanoseconds) and inode recorded then, all those times more than :data:`RACY_NS` before
        that run began to look. Any write to a file changes its status-change time, which no
        program can set back, and a write after the last run looked carries a time no earlier
        than that (the margin covers file systems with timestamps of up to two seconds): git's
        rule for its index. Links and anything but regular files are always read."""
        listed = self._folders.get(app.rel)  # walked by _listing, unless the folder is a link
        entries = [e for e in (listed if listed is not None else sorted(_entries(app.dir), key=lambda e: e.name))
                   if e.name.endswith((".yaml", ".yml"))]
        sig: str | None = ""
        newest = 0
        for e in entries:
            try:
                st = None if e.is_symlink() else e.stat()
            except OSError:
                st = None
            if st is None or not stat.S_ISREG(st.st_mode):
                sig = None
                break
            sig += f"{e.name}\0{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}\n"
            newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
        if sig is not None and isinstance(old, list) and len(old) == 2 and old[0] == sig and isinstance(old[1], str) \
                and newest < old_stamp - RACY_NS:
            self.stats[app.id] = old
            return old[1]
        h = hashlib.blake2b(digest_size=24)
        for e in entries:
            h.update(e.name.encode("utf-8", "surrogateescape") + b"\0")
            _hash_file(h, e.path, DEFAULT_MAX_BYTES, self.root if e.is_symlink() else None)
        content = h.hexdigest()
        if sig is not None:
            self.stats[app.id] = [sig, content]
            if newest < self.stamp - RACY_NS:
                self.settled += 1  # trusted next time if this run's record is written
        return content

    @property
    def portfolio_key(self) -> str:
        return _digest(self.base, sorted(self.keys.items()), self.git.state_key() if self.git is not None else "no-git")

    # --- reading -------------------------------------------------------------------------

    def app(self, app_id: str, facts: bool = False):
        """The stored result of an application (check.AppResult) when its key still matches. Its
        ``facts`` (only when asked for: kept as JSON text, which a plain re-check does not
        decode) are those of the run that stored it: check.run computes those it lacks."""
        entry = (self.old.get("apps") or {}).get(app_id)
        if not isinstance(entry, dict) or entry.get("key") != self.keys.get(app_id):
            return None
        result = _result(app_id, entry)
        if result is not None:
            if facts:
                result.facts = _facts(entry) or {}
            self.served[app_id] = (result, entry)
        return result

    def facts(self, app_id: str) -> dict | None:
        """The stored facts of an application whose findings are to be checked again for another
        day, when all else they are keyed by is as it was (none when they were dated)."""
        entry = (self.old.get("apps") or {}).get(app_id)
        if not isinstance(entry, dict) or entry.get("fkey") != self.fkeys.get(app_id):
            return None
        return _facts(entry)

    def portfolio(self):
        entry = self.old.get("portfolio")
        if not isinstance(entry, dict) or entry.get("key") != self.portfolio_key:
            return None
        result = _result("", entry)
        if result is not None:
            self.served[""] = (result, entry)
        return result

    # --- writing -------------------------------------------------------------------------

    def save(self, results: dict, part, history) -> None:
        """Store this run's results (those without internal errors) and the git state."""
        apps = {}
        old_apps = self.old.get("apps") if isinstance(self.old.get("apps"), dict) else {}
        if self.git is not None and history is not None:
            self.git.state = getattr(history, "state", None)  # what the portfolio part was computed with
        hidden = _named_after_patient(self.apps, self.masks)
        git = self.git.to_store(hidden) if self.git is not None else None
        if (len(self.served) == len(self.apps) + 1 and set(old_apps) == set(self.apps) and not self.settled
                and git == self.old.get("git") and all(results.get(a) is self.served[a][0] for a in self.apps)):
            return  # everything was served from the cache, every file as recorded: nothing to write
        for app_id in self.apps:
            if app_id in hidden:
                continue
            r = results.get(app_id)
            if r is not None and app_id in self.served and self.served[app_id][0] is r:
                apps[app_id] = self.served[app_id][1]
            elif r is not None:
                fkey = self.keys[app_id] if r.facts_dated else self.fkeys[app_id]
                kept = None if r.facts else self.facts(app_id)
                if kept is not None:  # checked again for another day by a plain check: its facts still hold
                    r = replace(r, facts=kept)
                entry = _entry(self.keys[app_id], r, self.masks, fkey)
                if entry is not None:
                    apps[app_id] = entry
            elif app_id in old_apps:  # not checked this run (a narrower target): keep it
                apps[app_id] = old_apps[app_id]
        data: dict[str, Any] = {"format": FORMAT, "raio": __version__, "root": str(self.root), "mode": self.mode,
                                "apps": apps, "stamp": self.stamp,
                                "stats": {a: s for a, s in self.stats.items() if a not in hidden}}
        if part is not None and "" in self.served and self.served[""][0] is part:
            data["portfolio"] = self.served[""][1]
        elif part is not None:
            entry = _entry(self.portfolio_key, part, self.masks)
            if entry is not None:
                data["portfolio"] = entry
        if git is not None:
            data["git"] = git
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            from raio_cli.fsio import atomic_write_bytes

            atomic_write_bytes(self.path, jsontext.dumps(data, separators=(",", ":")).encode("utf-8"))
            _prune(self.folder, self.path)
        except OSError:
            pass  # a cache that cannot be written is no cache, not an error

    def _read(self) -> dict:
        try:
            with open(self.path, "rb") as fh:
                data = json.loads(fh.read())
                usable = isinstance(data, dict) and data.get("format") == FORMAT \
                    and data.get("root") == str(self.root) and data.get("mode") == self.mode
                if usable:
                    _mark_used(fh)
        except (OSError, ValueError):
            return {}
        if not usable:
            return {}
        return data


# --------------------------------------------------------------------------------------------
# entries


def _entry(key: str, result, masks: list, fkey: str | None = None) -> dict | None:
    """A JSON entry for a result, or None when it must not or cannot be stored exactly; its facts
    keyed by ``fkey`` (Store.fkeys, or ``key`` for facts that hold for the day only)."""
    if result.internal or _quotes_identifier(result, masks):
        return None
    entry = {"key": key, "clean": bool(result.clean),
             "findings": [[f.file, f.line, f.column, f.code, int(f.severity), f.message, f.hint, f.app,
                           json.dumps(f.data, ensure_ascii=False, separators=(",", ":")) if f.data else None]
                          for f in result.findings],
             "suppressions": {file: [[[s.line, s.comment_line, s.column, list(s.codes), s.reason] for s in sups], app]
                              for file, (sups, app) in result.suppressions.items()}}
    if result.facts:  # as JSON text: decoded only by a run that asks for facts (Store.app)
        try:
            entry["facts"] = json.dumps(result.facts, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return None
        entry["fkey"] = fkey or key
    try:
        back = json.loads(json.dumps(entry, ensure_ascii=False))
    except (TypeError, ValueError):  # e.g. a date in a finding's data
        return None
    again = _result(result.app, back)
    if again is None or again.findings != result.findings or again.suppressions != result.suppressions \
            or [f.data for f in again.findings] != [f.data or {} for f in result.findings] \
            or (_facts(back) or {}) != result.facts:
        return None  # it would not read back as it was (a tuple in a finding's data, say)
    return back


def _named_after_patient(apps: list[str], masks: list) -> set[str]:
    """The applications whose id holds a patient identifier (their entries are not stored): one
    search over all ids joined as check._may_need_masking joins texts, then, only if it finds
    one, a search per id. Patterns that look at a text's edges are searched per id."""
    from raio_cli import privacy
    from raio_cli.check import _ANCHORED, _JOIN

    if not any(not p.email and _ANCHORED.search(p.regex.pattern) for p in masks):
        joined = _JOIN.join(apps)
        if privacy.mask_identifiers(joined, masks) == joined:
            return set()
    return {a for a in apps if privacy.mask_identifiers(a, masks) != a}


def _quotes_identifier(result, masks: list) -> bool:
    """True when ``result`` holds a patient identifier that its output would show masked (the
    safety net of :func:`raio_cli.check.run`): in a finding, a suppression's file or reason, or
    a fact. Such a result is not stored (see the module's docstring)."""
    from raio_cli import privacy
    from raio_cli.check import _may_need_masking

    if not result.clean and _may_need_masking(result.findings, masks) \
            and any(privacy.mask_finding(f, masks) is not f for f in result.findings):
        return True
    for file, (sups, _app) in result.suppressions.items():
        for text in (file, *(s.reason or "" for s in sups)):
            if privacy.mask_identifiers(text, masks) != text:
                return True
    return bool(result.facts) and privacy.mask_data(result.facts, masks) != result.facts


_SEVERITY = {int(s): s for s in Severity}
_FIELDS = tuple(f for f in Finding.__dataclass_fields__)


def _finding(*values) -> Finding:
    """A Finding without the frozen dataclass's field-by-field __init__ (6,000 of them per
    re-check). Its data, stored as JSON text, is decoded when first read (Finding.__getattr__)."""
    f = object.__new__(Finding)
    f.__dict__.update(zip(_FIELDS, values))
    data = values[-1]
    if data is None:
        f.__dict__["data"] = {}
    else:
        del f.__dict__["data"]
        f.__dict__["_data_json"] = data
    return f


def _result(app_id: str, entry: dict):
    from raio_cli.check import AppResult
    from raio_cli.yamlio import Suppression

    try:
        findings = [_finding(f[0], f[1], f[2], f[3], _SEVERITY[f[4]], f[5], f[6], f[7], f[8])
                    for f in entry["findings"] if f[8] is None or type(f[8]) is str]
        if len(findings) != len(entry["findings"]):
            return None
        sups = {file: (tuple(Suppression(s[0], s[1], s[2], tuple(s[3]), s[4]) for s in value[0]), value[1])
                for file, value in entry["suppressions"].items()}
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return AppResult(app_id, findings, sups, [], clean=entry.get("clean") is True)


def _facts(entry: dict) -> dict | None:
    """The facts stored in ``entry`` (JSON text), or None when it holds none that can be read."""
    text = entry.get("facts")
    try:
        facts = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return facts if isinstance(facts, dict) and facts else None


# --------------------------------------------------------------------------------------------
# what the keys are made of


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8", "surrogateescape")).hexdigest()


def _entries(folder: Path) -> list:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError:
        return []


def _file_digest(path, max_bytes: int, link_root: Path | None = None) -> str:
    """The hash of what the loader would read of ``path`` (see :func:`_hash_file`)."""
    h = hashlib.blake2b(digest_size=20)
    _hash_file(h, path, max_bytes, link_root)
    return h.hexdigest()


def _hash_file(h, path, max_bytes: int, link_root: Path | None = None) -> None:
    """Feed ``h`` what the loader would read of ``path``: its length and bytes, at most
    ``max_bytes + 1`` of them, or a marker when it is no readable file.

    ``link_root``: ``path`` is a link; one that leads out of this portfolio is not read (the
    loader refuses it; the listing holds where it points)."""
    try:
        if link_root is not None:
            root = os.path.realpath(link_root)
            if os.path.commonpath([os.path.realpath(path), root]) != root:
                h.update(b"\0outside\0")
                return
        data = read_limited(path, max_bytes)
        h.update(b"%d\0" % len(data))
        h.update(data)
    except IsADirectoryError:
        h.update(b"\0folder\0")
    except (OSError, ValueError) as exc:
        h.update(f"\0unreadable:{getattr(exc, 'errno', None) or type(exc).__name__}\0".encode())


def _listing(root: Path) -> tuple[str, dict[str, list]]:
    """A hash of every path under ``root`` (but ``.git``), its kind and, for links, the target;
    and the entries of every folder walked, by its relative path (sorted by name)."""
    lines: list[str] = []
    folders: dict[str, list] = {}
    count = 0
    stack = [""]
    while stack:
        rel = stack.pop()
        try:
            with os.scandir(os.path.join(root, rel) if rel else root) as it:
                entries = folders[rel] = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            lines.append(f"{rel}\0!{type(exc).__name__}\n")
            continue
        count += len(entries)
        if count > MAX_LISTING:
            raise _Unusable
        for e in entries:
            if e.name == ".git":
                continue
            path = f"{rel}/{e.name}" if rel else e.name
            if e.is_symlink():
                try:
                    target = os.readlink(e.path)
                except OSError:
                    target = "?"
                lines.append(f"{path}\0l\0{target}\n")
            elif e.is_dir(follow_symlinks=False):
                lines.append(f"{path}\0d\n")
                stack.append(path)
            else:
                lines.append(f"{path}\0f\n")
    return hashlib.blake2b("".join(lines).encode("utf-8", "surrogateescape"), digest_size=20).hexdigest(), folders


_FINGERPRINT: str | None = None


def _code_fingerprint() -> str:
    """raio's version and the size and time of every file of raio and the libraries it relies on."""
    global _FINGERPRINT
    if _FINGERPRINT is not None:
        return _FINGERPRINT
    import importlib.util

    from raio_cli.resources import data_dir

    h = hashlib.blake2b(digest_size=20)
    h.update(f"{__version__}\0{sys.version}\n".encode())
    folders = [Path(__file__).resolve().parent]
    for name in ("schemas", "templates"):
        try:
            folders.append(data_dir(name))
        except FileNotFoundError:
            pass
    for name in ("jsonschema", "jsonschema_rs", "yaml", "referencing", "rpds"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None and spec.origin else None
        if origin:
            folders.append(Path(origin).parent)
        else:
            h.update(f"{name}: absent\n".encode())
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith((".pyc", ".pyo")):
                    continue
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                h.update(f"{dirpath}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    _FINGERPRINT = h.hexdigest()
    return _FINGERPRINT


# --------------------------------------------------------------------------------------------
# the git history's part


class _GitState:
    """HEAD, and a history token per application (see the module docstring)."""

    def __init__(self, root: Path, apps: list[str], old: dict):
        from raio_cli import gitcmd

        self.head: str | None = None
        self.where = ""
        #: the names of the branches, tags and remote's branches (None: no repository, no commits)
        self.refs: list[str] | None = None
        prev = old.get("git") if isinstance(old.get("git"), dict) else {}
        if not gitcmd.available():
            self.where, self.tokens, self.state = "no-git", {a: "no-git" for a in apps}, "no-git"
            return
        try:
            proc = gitcmd.git(root, "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository",
                              "--git-path", "shallow", "--verify", "-q", "HEAD", check=False)
        except Exception:  # git failing in any way: no cache
            raise _Unusable from None
        lines = proc.stdout.split("\n")
        if len(lines) < 5 or not lines[4].strip() or proc.returncode != 0:
            # no repository, no commits, a refused repository: the history is that state, whatever it is
            self.where = _digest(proc.returncode, proc.stdout, " ".join((proc.stderr or "").split()))
            self.tokens, self.state = {a: "none:" + self.where for a in apps}, None
            return
        toplevel, prefix, shallow, shallow_path, head = (x.strip() for x in lines[:5])
        self.head, self.prefix = head, prefix
        try:
            self.refs = gitcmd.ref_names(root)
        except Exception:
            self.refs = None
        if self.refs is None:
            raise _Unusable
        self.where = _digest(toplevel, prefix, shallow)
        if shallow == "true":
            try:
                self.where = _digest(self.where, (Path(root) / shallow_path).read_text("ascii", "replace"))
            except OSError:
                raise _Unusable from None
        old_tokens = prev.get("tokens") if isinstance(prev.get("tokens"), dict) else {}
        same_place = prev.get("where") == self.where and isinstance(prev.get("head"), str)
        self.state = prev.get("state") if same_place and prev.get("head") == head else None
        if same_place and prev.get("head") == head:
            self.tokens = {a: old_tokens.get(a) or head for a in apps}
        elif same_place and prev.get("state") == "ok" and shallow != "true" and self._descends(root, prev["head"], head):
            touched = self._touched(root, prev["head"], head)
            if touched is None:
                self.tokens = {a: head for a in apps}
            else:
                self.tokens = {a: head if a in touched or not old_tokens.get(a) else old_tokens[a] for a in apps}
                self.state = "ok"  # more commits on a complete, unshallow history: still complete
        else:
            self.tokens = {a: head for a in apps}

    @staticmethod
    def _descends(root: Path, old: str, new: str) -> bool:
        from raio_cli import gitcmd

        if not all(c in "0123456789abcdef" for c in old) or not 7 <= len(old) <= 64:
            return False
        try:
            return gitcmd.git(root, "merge-base", "--is-ancestor", old, new, check=False).returncode == 0
        except Exception:
            return False

    def _touched(self, root: Path, old: str, new: str) -> set[str] | None:
        """Application folders touched by the commits after ``old`` up to ``new`` (None: unknown,
        or raio.yaml was touched too)."""
        from raio_cli import gitcmd

        try:  # git runs in the portfolio's folder: its paths from there, the paths it names from the top
            proc = gitcmd.git(root, "log", "--format=", "--name-only", "--no-renames", "--full-history", "-m",
                              "-z", f"{old}..{new}", paths=["applications/", "raio.yaml"],
                              env={"GIT_LITERAL_PATHSPECS": "1"}, check=False)
        except Exception:
            return None
        if proc.returncode != 0:
            return None
        top = _toplevel_prefix(self.prefix)
        touched = set()
        for path in proc.stdout.replace("\n", "\0").split("\0"):
            path = path.strip()
            if not path:
                continue
            if not path.startswith(top):
                return None
            parts = path[len(top):].split("/")
            if parts == ["raio.yaml"]:
                return None
            if len(parts) >= 2 and parts[0] == "applications":
                touched.add(parts[1])
        return touched

    def state_key(self) -> Any:
        """What the portfolio-wide git findings depend on besides the applications' tokens: the
        history's state, and the names of the branches and tags (PRV011 reads them)."""
        refs = _digest(self.refs)
        return [self.where, self.head, self.state, refs] if self.state != "ok" else [self.where, "ok", refs]

    def to_store(self, hidden: set = frozenset()) -> dict:
        """What the next run reads back; the applications in ``hidden`` (named after a patient) left out."""
        return {"where": self.where, "head": self.head, "state": self.state,
                "tokens": {a: t for a, t in self.tokens.items() if a not in hidden}}


def _toplevel_prefix(prefix: str) -> str:
    return prefix if not prefix or prefix.endswith("/") else prefix + "/"


def _mark_used(fh) -> None:
    """Mark the cache file open as ``fh`` as used now (its modification time, which
    :func:`_prune` goes by), unless that was done in the last :data:`TOUCH_AFTER_S` seconds: a
    re-check that finds nothing changed writes nothing, and its portfolio's file must not age
    away while it is read every day. One ``fstat`` per run, one ``utime`` at most once a day."""
    try:
        st = os.fstat(fh.fileno())
        if time.time() - st.st_mtime > TOUCH_AFTER_S:
            os.utime(fh.fileno() if os.utime in os.supports_fd else fh.name)
    except (OSError, TypeError, ValueError):
        pass  # read-only cache folder, a file of someone else: it ages, and is checked again later


#: The names raio gives the files of this folder: a portfolio's file, and one being written by
#: :func:`raio_cli.fsio.atomic_write_bytes` (or left by a run that was killed while writing).
_CACHE_NAME = re.compile(r"[0-9a-f]{32}\.json|\.[0-9a-f]{32}\.json\.[A-Za-z0-9_]+\.tmp")


def _is_cache_file(name: str) -> bool:
    return _CACHE_NAME.fullmatch(name) is not None


def _prune(folder: Path, keep: Path) -> None:
    """Remove the cache files of portfolios not used for :data:`MAX_AGE_DAYS` days, and beyond
    the :data:`KEEP` most recently used (``keep``, just written, among them); a temporary file
    of a write only when it is that old (no run writes for days). One listing of the folder and
    one ``lstat`` per cache file in it; files raio did not name (:func:`_is_cache_file`), links
    and folders are never touched. Each file is looked at again just before it is removed, and
    left when it changed meanwhile (another raio run replaced or marked it): at worst a cache
    file goes that a run would have used, which then checks again, never a stale result."""
    try:
        now = time.time()
        old_ns = int((now - MAX_AGE_DAYS * 86400) * 1e9)
        files = []
        with os.scandir(folder) as it:
            for e in it:
                if e.name == keep.name or not _is_cache_file(e.name):
                    continue
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    files.append((st.st_mtime_ns, e.path, (st.st_ino, st.st_mtime_ns)))
        temps = [f for f in files if os.path.basename(f[1]).startswith(".")]
        files = sorted((f for f in files if f not in temps), reverse=True)  # most recently used first
        doomed = [f for f in temps if f[0] < old_ns]
        doomed += [f for i, f in enumerate(files) if f[0] < old_ns or i >= KEEP - 1]
        for _mtime, path, seen in doomed:
            try:
                st = os.lstat(path)
                if (st.st_ino, st.st_mtime_ns) == seen:
                    os.unlink(path)
            except OSError:
                pass  # gone already, or open elsewhere (Windows): left for another run
    except OSError:
        pass
