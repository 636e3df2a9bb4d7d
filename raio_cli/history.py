"""The portfolio's git history, read in one pass: who changed which dossier file when, and how.

:func:`read` runs a fixed, small number of git processes whatever the size of the portfolio:

1. ``git rev-parse``: the repository, where the portfolio sits in it, shallow or not, HEAD;
2. ``git ls-tree -r HEAD``: what is committed now (tracked files and their blobs), raio.yaml
   included (:attr:`History.config`: whether the policy this check applies is the committed one);
3. ``git log --raw -z -M --full-history --diff-merges=first-parent --topo-order --reverse --
   <portfolio>/applications/``: every commit that touched an application, on every side of a
   merge, with the old and new blob of each file it touched (a merge's against its first parent);
   renames are followed, so an application folder renamed with ``git mv`` keeps its history (as do
   folders that swap names in one commit, which git sees as rewritten: :func:`_swapped`). A
   history without merges gets the same output from ``git rev-list`` and ``git diff-tree --stdin``,
   which compare each commit's trees once instead of twice (see :func:`_log`); a history with
   merges also runs ``git log --merges`` for the dates and subjects of its merges (a merge of
   ``git pull`` is told by its subject, :func:`_pulled`);
4. ``git cat-file --batch``: the contents of every version of ``effects.yaml``, ``pilot.yaml``
   and ``application.yaml``, fed all blob ids at once. (A commit where an effects.yaml became
   another folder's and both folders' application.yaml changed, or where two or more folders had
   both their application.yaml and effects.yaml changed, folders that may have swapped names with
   an edit, has those files read while the log is: one ``git cat-file`` of those few blobs,
   :func:`_effects_moved`, :func:`_rewritten`; ordinary histories have none.) In a partial clone
   (``git clone --filter=blob:none``, as CI runners make them) the versions it lacks are fetched
   first, in one ``git fetch`` of those blobs (:func:`_fetch_missing`), as git would fetch them
   itself, one by one, when read.

Versions are parsed lazily, on first use, with :func:`raio_cli.yamlio.load_bytes`; an old version
that cannot be read is skipped, never fatal. Uncommitted edits count as made now: a working-tree
file that differs from HEAD becomes one more version, dated ``today`` and marked uncommitted.

What is not a history is reported as :attr:`History.state`, never raised: git missing, not a
repository (or one git refuses to open), no commits, nothing of the portfolio committed, a shallow
clone cut within the portfolio's history (CI's default; the cut commits are listed in
``.git/shallow`` and show up as the oldest commit that "added" every file), or git failing. A
shallow clone deep enough to hold the portfolio's whole history is complete and counts as "ok".

Honest about git: the dates are those recorded in the commits, and commit dates are claims. Anyone
can set ``GIT_AUTHOR_DATE``; a rebase rewrites the committer date. raio uses the *author* date as
"when it was written" and shows the commit and its author so a reader can judge; the committer date
is kept beside it (``raio log`` shows it where it falls on another day, REG007 and REG006 read it). The
commits are read as they were made: a replace ref of the clone (``git replace``, a graft), which
could put a copy with another date in a commit's place, is not followed (``gitcmd``). A shallow clone
is never read as "no history". What a merge of the main line changed is what it changed against
the record's file before it (:func:`_on_record`): a branch's commits stand for that change where
they made it (a change that entered through a branch is seen in the branch's commit), and are left
out where the merge did not take them (``git merge -s ours``, the main line's file kept) or took
the branch's file over what the main line changed meanwhile (the merge's change is then the one
on record). The record is the main line, HEAD's first-parent line: the history is in its
order (a branch's commits come where the merge that took them in stands, the main line's before
that merge ahead of them), and each version of a branch's commit names that merge
(:attr:`Version.merge`): a branch's commit is on record from its merge on, so it counts as made at
the later of its own dates and the merge's (:attr:`Version.made`, :attr:`Version.landed`). A
fast-forward leaves no merge: its commits are the main line's, with their own dates. A merge git
made for ``git pull`` on the main branch (``Merge branch 'main' of <url>``; :func:`_pulled`) took
the shared main line in as its second parent: the record goes on through that one, and the local
commits of its first parent came in by the merge. With a branch checked out (a pre-commit hook,
a branch pipeline), the main branch (``origin/HEAD``, else ``main`` or ``master``, local or
``origin/``) is the record up to where the branch left it (a clone without one reads the branch
as the record: :attr:`History.unanchored`): a commit of its first-parent line that the branch
took in (``git merge main``) keeps its own dates, and the branch's own commits follow. A
portfolio moved within its repository (``git mv`` of its folder, or of the repository's top into a
subfolder) keeps its history: where the oldest commit of the
log renamed the applications in from elsewhere in the repository, the log is read again over
both places (:func:`_moved_from`); the old place is the portfolio's history up to the move only
(:func:`_relocated`), and each application whose history goes back through the move has it in
:attr:`AppHistory.moves` (``raio log`` names the folder where git keeps the earlier history). A
portfolio moved into the repository from another one starts its history at the move.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import hashlib
import itertools
import os
import re
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generator, Iterable

from raio_cli import gitcmd
from raio_cli.fsio import read_limited
from raio_cli.terminal import printable  # author names and subjects are shown in terminals

#: Dossier files whose every version is read and parsed (the others are listed, not read).
CONTENT_FILES = ("effects", "pilot", "application")
DOSSIER_FILES = ("application", "problem", "effects", "compliance", "pilot", "monitoring")
#: Fields of an effect whose change after the pilot's start is outcome switching (``post_hoc``:
#: a pre-registered effect marked exploratory no longer counts in memos and decisions).
DEFINITION_FIELDS = ("metric", "unit", "kind", "direction", "baseline", "target", "limit", "primary", "post_hoc")
#: Largest blob read (a dossier file is a few kilobytes; see yamlio.DEFAULT_MAX_BYTES).
MAX_BLOB = 1024 * 1024
UNCOMMITTED = "uncommitted"
#: How a Git LFS pointer starts (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): a
#: file that .gitattributes puts in LFS is held in git as such a pointer, its text elsewhere.
LFS_POINTER = b"version https://git-lfs.github.com/spec/"

_STATE_MESSAGES = {
    "no-git": "git is not installed or not on PATH",
    "not-a-repository": "the portfolio is not in a git repository",
    "unsafe-repository": "git refuses to read the repository because it belongs to another user (dubious ownership)",
    "worktree-elsewhere": "the repository's config (core.worktree) makes a folder outside the portfolio its working "
                          "tree, whose files git would read as the portfolio's; raio reads no history from it",
    "no-commits": "the git repository has no commits yet",
    "not-committed": "nothing of the portfolio's applications is committed to git",
    "shallow": "the repository is a shallow clone: older commits are missing",
    "error": "git failed to read the history",
}


def state_words(state: str) -> str:
    """What a History ``state`` means, for a person: "read" for ``ok``, the state's message
    otherwise (``not read``, a run with --no-git, as it is). raio status ended its summary with
    "History: error", which told nothing of what failed nor where to look."""
    if state == "ok":
        return "read"
    return _STATE_MESSAGES.get(state, state)


@dataclass
class Version:
    """One version of one file: the commit that wrote it, or the working tree (uncommitted).

    ``date`` is the author date (when the change was written, as the commit claims it),
    ``committed`` the committer date (when it entered this history, likewise a claim).
    """

    commit: str  # full hash; "" for an uncommitted version
    short: str  # 7-character hash, or "uncommitted"
    author: str
    email: str
    date: dt.date
    committed: dt.date
    subject: str
    path: str  # portfolio-relative path of the file in this version
    status: str  # A added, M modified, D deleted, R renamed (from old_path); W: uncommitted edit;
    #              U: uncommitted, removed from git but still on disk (git rm --cached)
    blob: str | None = None  # None when deleted (or the working-tree content, see _key)
    old_blob: str | None = None  # the blob this version replaced (first parent), None when added
    old_path: str | None = None
    order: int = 0  # position in the history (oldest first), for stable sorting
    #: written by a commit where a shallow clone was cut: it shows the file as it was then, not
    #: when it was written (its date says nothing about when the content was first committed)
    truncated: bool = False
    #: written by a commit on a side branch: the merge on the main line (HEAD's first-parent line)
    #: that brought it in, when it became part of the record (None: made on the main line)
    merge: Merge | None = None
    #: added to an application folder new in its commit, where that commit deleted another
    #: folder whole: ``(path, blob)`` of each file of that name the commit deleted with it. A
    #: folder copied and deleted, or renamed with every file rewritten: git saw no rename.
    vanished: tuple = ()
    #: written by a merge that changed the file otherwise than all its parents (as git log -c shows
    #: it; :func:`_on_record`): the file's blob in each parent after the first (``old_blob`` is
    #: the first's; None: not there).
    #: A value that one of them holds was taken in from it, not changed by the merge.
    others: tuple = ()
    _store: Any = field(default=None, repr=False, compare=False)
    _key: str | None = field(default=None, repr=False, compare=False)  # blob or working-tree key

    @property
    def uncommitted(self) -> bool:
        return not self.commit

    @property
    def made(self) -> dt.date:
        """The author date, or that of the merge that brought the version into the main line when
        later: a branch's commit is on record from its merge on, whatever date it claims."""
        return self.date if self.merge is None or self.merge.date <= self.date else self.merge.date

    @property
    def landed(self) -> dt.date:
        """The committer date, or that of the merge that brought the version in when later."""
        return self.committed if self.merge is None or self.merge.committed <= self.committed else self.merge.committed

    @property
    def deleted(self) -> bool:
        return self.status == "D"

    @property
    def loaded(self):
        """The parsed file (:class:`raio_cli.yamlio.Loaded`), ``None`` when deleted or not read."""
        if self.deleted or self._store is None:
            return None
        return self._store.load(self._key or self.blob, self.path)

    @property
    def data(self) -> dict | None:
        """The version's data as a mapping, ``None`` when deleted or unreadable."""
        lo = self.loaded
        return lo.data if lo is not None and isinstance(lo.data, dict) else None

    @property
    def definitions(self) -> dict | None:
        """Effect definitions of this version of effects.yaml (see :func:`definitions`);
        ``{}`` when deleted, ``None`` when unreadable."""
        if self.deleted:
            return {}
        if self._store is None:
            return None
        return self._store.definitions(self._key or self.blob, self.path)

    @property
    def old_data(self) -> dict | None:
        if self.old_blob is None or self._store is None:
            return None
        lo = self._store.load(self.old_blob, self.old_path or self.path)
        return lo.data if lo is not None and isinstance(lo.data, dict) else None

    def describe(self) -> str:
        """``on 2026-05-02 by J. de Vries (c0ffee1)``, or the uncommitted equivalent."""
        if self.uncommitted:
            return f"in an uncommitted edit (counted as made today, {self.date.isoformat()})"
        return f"on {self.date.isoformat()} by {self.author} ({self.short})"


@dataclass(frozen=True)
class Merge:
    """A merge commit on the main line, as :attr:`Version.merge` names it."""

    commit: str
    date: dt.date  # author date
    committed: dt.date
    #: ``git pull`` (or ``git merge origin/main``) on the main branch, merging the shared main
    #: branch into a local commit: the record goes on through its second parent, and the local
    #: commits of its first parent came in by it (:func:`_pulled`)
    pulled: bool = False

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass
class FieldChange:
    """A change of one definition field of one effect, in one version."""

    effect: str
    field: str  # one of DEFINITION_FIELDS ("baseline" is baseline.value)
    old: Any
    new: Any
    old_text: str
    new_text: str
    version: Version


@dataclass
class EffectHistory:
    """The life of one effect id in effects.yaml, oldest first."""

    id: str
    added: list[Version] = field(default_factory=list)  # first registration, then any re-additions
    changes: list[FieldChange] = field(default_factory=list)
    removed: list[Version] = field(default_factory=list)
    #: (version, definition) after each version that held the effect
    definitions: list[tuple[Version, dict]] = field(default_factory=list)

    @property
    def first(self) -> Version | None:
        """The version that first held the effect (its registration)."""
        return self.added[0] if self.added else None


@dataclass
class StageChange:
    stage: str
    previous: str | None
    version: Version
    since: str | None = None  # application.yaml stage_since in that version, as written


@dataclass
class AppHistory:
    """Everything git knows about one application, keyed by its current folder name."""

    id: str
    files: dict[str, list[Version]] = field(default_factory=dict)  # "effects" -> versions, oldest first
    memos: list[Version] = field(default_factory=list)
    tracked: set[str] = field(default_factory=set)  # dossier names committed at HEAD
    former_ids: list[str] = field(default_factory=list)
    #: the moves of the whole portfolio within its repository that this application's history
    #: goes back through, oldest first: (the move commit as a version of the folder, the folder's
    #: path in the repository before the move, and after it)
    moves: list[tuple[Version, str, str]] = field(default_factory=list)
    #: the folder renamed in the working tree, the rename not committed: ``(its name at HEAD, the
    #: dossier names committed there, whether git's index still holds that folder)``; the last
    #: is False once the rename is staged (``git mv``), when ``git add -A`` of the old folder fails
    renamed_from: tuple[str, set[str], bool] | None = None
    #: dossier files (of :data:`CONTENT_FILES`) that HEAD holds as something other than their
    #: text, by name: ``"link"`` (a symbolic link: git's history is the link's, not that of the
    #: file it leads to) or ``"lfs"`` (a Git LFS pointer: .gitattributes puts the file in LFS)
    stored_as: dict[str, str] = field(default_factory=dict)
    #: the folder is a git submodule at HEAD, or in one (``applications/`` itself): the
    #: portfolio's repository holds a commit of another repository there, whose files and
    #: history raio does not read (a known gap); the submodule's path, "" when none
    submodule: str = ""
    #: the folder is committed as a symbolic link (``applications/x -> y``), HEAD's ``applications/x``:
    #: git holds the link, not the files read through it, whose history (the other folder's, or
    #: none) is not this application's; "" when it is no link
    linked: str = ""
    _effects: dict | None = field(default=None, repr=False)
    _stages: list | None = field(default=None, repr=False)

    def versions(self, name: str) -> list[Version]:
        return self.files.get(name, [])

    def committed(self, name: str) -> list[Version]:
        return [v for v in self.versions(name) if not v.uncommitted]

    @property
    def has_uncommitted(self) -> bool:
        """Whether any version here is an uncommitted one (of a file, a memo or a move): dated
        ``today``, so that what is read from this history holds for that day only."""
        return any(v.uncommitted for vs in self.files.values() for v in vs) \
            or any(v.uncommitted for v in self.memos) or any(m[0].uncommitted for m in self.moves)

    def at(self, name: str, day: dt.date) -> Version | None:
        """The last version of ``name`` dated on or before ``day`` (None: none yet)."""
        last = None
        for v in self.versions(name):
            if v.date <= day:
                last = v
        return last

    @property
    def effects(self) -> dict[str, EffectHistory]:
        """Per effect id: registration, definition changes and removals, from effects.yaml versions."""
        if self._effects is None:
            self._effects = effect_histories(self.versions("effects"))
        return self._effects

    @property
    def stages(self) -> list[StageChange]:
        """Stage changes from application.yaml versions, oldest first."""
        if self._stages is None:
            self._stages = stage_changes(self.versions("application"))
        return self._stages

    @property
    def stage_since(self) -> dt.date | None:
        """Date of the version that set the current stage (for "days in stage"); None when
        unknown: no history, the stage was set before where a shallow clone was cut, or
        application.yaml came into git with its stage and a ``stage_since`` before that commit (a
        dossier kept before the portfolio was put in git: the commit says when the file came in,
        the date written when the stage began), written in that commit or in a later one that
        kept the stage (``raio new-pilot --stage production --commit`` scaffolds the file without
        it, and the RAIO fills it in afterwards)."""
        if self._stages is not None:
            last, first = (self._stages[-1].version, self._stages[-1].previous is None) if self._stages else (None, False)
        else:  # only the last change matters: read back from the newest version
            last, first = _last_stage_change(self.versions("application"))
        if last is None or last.truncated:
            return None
        if first:
            newest = self.versions("application")[-1]  # the stage is still the one the file came in with
            for version in (last, newest):
                data = version.data
                written = data.get("stage_since") if isinstance(data, dict) else None
                try:
                    if dt.date.fromisoformat(str(written)) < last.date:
                        return None
                except ValueError:  # none written, or no date: git's is the one known
                    pass
        return last.date


@dataclass
class History:
    """The result of :func:`read`. ``state`` says whether the history can be trusted."""

    root: Path
    today: dt.date
    state: str = "ok"  # ok | shallow | no-git | not-a-repository | unsafe-repository | worktree-elsewhere | no-commits
    #                     | not-committed | error
    message: str = ""
    repo: Path | None = None
    prefix: str = ""  # the portfolio's path in the repository, "" or "sub/dir/"
    head: str | None = None
    #: a shallow clone; ``state`` is "shallow" only when the cut falls within the portfolio's
    #: history (a clone deep enough to hold all of it is complete, and "ok")
    shallow: bool = False
    apps: dict[str, AppHistory] = field(default_factory=dict)
    commits: int = 0  # commits read that touched the applications
    #: every commit read, oldest first, as ``(hash, author, e-mail, committer, committer's e-mail,
    #: subject, body, applications)`` (privacy looks there for patient identifiers: PRV007); the
    #: strings are those the versions hold, the committer's the author's very objects when they
    #: are the same (as nearly always), and ``applications`` the folder names under
    #: ``applications/`` the commit touched, a tuple shared by the commits that touched the same
    messages: list = field(default_factory=list, repr=False)
    #: every path under the applications that a commit read added, changed, renamed or deleted
    #: (repository paths, with :attr:`prefix`), with the full hashes of those commits, oldest first
    #: and each once (privacy names them for a file name with a patient identifier: PRV007)
    paths: dict = field(default_factory=dict, repr=False)
    #: the portfolio's raio.yaml against HEAD: "untracked" (on disk, not committed), "modified"
    #: (its data differs from the committed one's), "link_out" (a link out of the portfolio, not
    #: read, where HEAD has the file), or None (the same, absent, or not known)
    config: str | None = None
    #: where the applications were committed before a move of the portfolio that is not committed
    #: yet (state "not-committed"), a pathspec such as ``old/place/applications/``; None otherwise
    moved_from: str | None = None
    move_staged: bool = False  # that move is staged (git mv), so that a commit is all it needs
    #: what ``git add -A`` must stage to commit that move (repository paths): the old place where
    #: git's index still holds it (its removal not staged yet), the new place, and raio.yaml's
    #: old and new place alike when it moved with the applications
    move_paths: list = field(default_factory=list)
    #: the history has merges and the clone no main branch (origin/HEAD, main or master, local or
    #: remote; a CI job that fetched only its branch): the branch checked out is read as the
    #: record, and a merge on it may have taken in the main branch's commits
    unanchored: bool = False
    #: state "error" because objects the history points at are missing from the repository (a
    #: damaged clone: :class:`Damaged`), rather than because a git command failed
    damaged: bool = False
    #: the versions' contents, parsed on first use (see :meth:`parsing`)
    _store: "_Store | None" = field(default=None, repr=False)

    @property
    def verifiable(self) -> bool:
        """True when pre-registration can be checked against this history (complete, non-empty)."""
        return self.state == "ok"

    @property
    def readable(self) -> bool:
        """True when there is some history to show (complete or shallow)."""
        return self.state in ("ok", "shallow")

    def app(self, app_id: str) -> AppHistory | None:
        return self.apps.get(app_id)

    @contextmanager
    def parsing(self):
        """Within this block, the versions parsed (and their definitions taken) are forgotten
        afterwards: a worker of ``raio check`` reads each application's history once, and would
        otherwise keep every old version it parsed until it ends. What was parsed before stays."""
        store = self._store
        if store is None:
            yield
            return
        marks = len(store.parsed), len(store.defs)
        try:
            yield
        finally:
            for cache, mark in zip((store.parsed, store.defs), marks):
                for key in list(itertools.islice(cache, mark, None)):
                    del cache[key]

    def find(self, app_id: str) -> AppHistory | None:
        """The application by its current or a former folder name."""
        if app_id in self.apps:
            return self.apps[app_id]
        for a in self.apps.values():
            if app_id in a.former_ids:
                return a
        return None


# --------------------------------------------------------------------------------------------
# reading


class _Store:
    """Blob contents, parsed on first use (each distinct content once)."""

    def __init__(self):
        self.raw: dict[str, bytes] = {}
        self.parsed: dict[str, Any] = {}
        self.defs: dict[str, dict | None] = {}

    def definitions(self, key: str | None, rel: str) -> dict | None:
        """:func:`definitions` of a blob, once per content; None when it cannot be read."""
        if key is None:
            return None
        if key not in self.defs:
            lo = self.load(key, rel)
            self.defs[key] = definitions(lo) if lo is not None and isinstance(lo.data, dict) else None
        return self.defs[key]

    def load(self, key: str | None, rel: str):
        if key is None:
            return None
        if key not in self.parsed:
            raw = self.raw.get(key)
            if raw is None:
                self.parsed[key] = None
            else:
                from raio_cli.yamlio import load_bytes

                self.parsed[key] = load_bytes(raw, rel)
        return self.parsed[key]

    def reads_as(self, key: str, rel: str, raw: bytes) -> bool:
        """Whether ``raw``, a working-tree file's bytes (kept as ``worktree:<rel>``), holds the
        same data as the blob ``key``: equal bytes, or only comments, layout or line endings
        differ. Unreadable data is never the same."""
        if self.raw.get(key) == raw or _lfs_pointer_to(self.raw.get(key), raw):
            return True
        self.raw[f"worktree:{rel}"] = raw
        old, new = self.load(key, rel), self.load(f"worktree:{rel}", rel)
        return old is not None and new is not None and old.data == new.data and old.data is not None


def _lfs_pointer_to(pointer: bytes | None, raw: bytes) -> bool:
    """Whether ``pointer`` is a Git LFS pointer to ``raw`` (its ``oid sha256:`` and ``size``):
    a file in LFS, on disk as git's smudge filter wrote it, is as committed."""
    if not pointer or not pointer.startswith(LFS_POINTER):
        return False
    lines = pointer.decode("ascii", "replace").splitlines()
    return f"oid sha256:{hashlib.sha256(raw).hexdigest()}" in lines and f"size {len(raw)}" in lines


def read(root: Path, today: dt.date, only: Iterable[str] | None = None) -> History:
    """Read the history of the portfolio at ``root`` (see the module docstring). Never raises.

    ``only``: application ids (current or former folder names) whose history is wanted; the
    others are left out of :attr:`History.apps` and their versions are never fetched or parsed.
    What is kept is exactly what the whole read gives for those applications: git still
    compares every commit, and renames link a folder to its former and later names first."""
    return _driven(reading(root, today, only))


def _driven(steps: Generator["gitcmd.Running", None, Any]) -> Any:
    """The value of ``steps`` (a step-by-step reader), each git process it yields waited for in turn."""
    while True:
        try:
            running = next(steps)
        except StopIteration as stop:
            return stop.value
        running.wait()


def reading(root: Path, today: dt.date, only: Iterable[str] | None = None) -> Generator["gitcmd.Running", None, History]:
    """:func:`read`, step by step: yields each git process it waits for and returns the History.

    Between steps the caller may do other work until ``running.done()`` (raio check reads dossier
    files while git reads the history); the Python steps run in the caller's thread. Never raises."""
    root = Path(root).resolve()
    h = History(root=root, today=today)
    try:
        yield from _read(h, None if only is None else set(only))
    except gitcmd.GitError as exc:
        h.state, h.message = "error", f"{_STATE_MESSAGES['error']}: {exc}"
        h.damaged = isinstance(exc, Damaged)
        h.apps = {}
    return h


class Damaged(gitcmd.GitError):
    """Objects that the history points at are not in the repository: ``git cat-file`` answers
    ``<sha> missing`` for a version of a dossier file (an object file deleted, a disk error, an
    interrupted copy of .git). Read as an empty version it made a file that cannot be read as
    YAML in an old commit, and findings (REG001) that blamed the dossier for a damaged clone."""

    def __init__(self, missing: set, paths: dict):
        named = sorted({paths.get(sha, "") for sha in missing} - {""})
        where = f" (versions of {', '.join(named[:3])}{' and more' if len(named) > 3 else ''})" if named else ""
        n = len(missing)
        super().__init__(f"the repository is damaged: {n} object{'s' if n != 1 else ''} it points at "
                         f"{'are' if n != 1 else 'is'} missing{where}, first {min(missing)[:12]}")


def damaged_hint(git: str) -> str:
    """The hint for a repository missing objects its history points at (:class:`Damaged`), with
    ``git`` the git command as the user runs it (raio check's GIT007 and raio log say the same)."""
    return (f"The repository is damaged: run {git} fsck to list what is missing, then make a fresh clone of the "
            "portfolio's shared repository and work on in it (a git fetch brings back no object that the branches "
            "here already name).")


def _complete(got: dict, missing: set, paths) -> dict:
    """``got``, the blobs ``git cat-file`` gave; :class:`Damaged` when it said any was missing,
    naming their files from ``paths()`` (blob id -> path, made only then)."""
    if missing:
        raise Damaged(missing, paths())
    return got


def _holds(top: Path, folder: Path) -> bool:
    """Whether ``folder`` (resolved) is ``top`` (the work tree git names) or inside it."""
    try:
        top = top.resolve()
    except (OSError, RuntimeError):
        return False
    return folder == top or top in folder.parents


def _set(h: History, state: str, detail: str = "") -> History:
    h.state = state
    h.message = _STATE_MESSAGES[state] + (f": {detail}" if detail else "")
    return h


_LITERAL = {"GIT_LITERAL_PATHSPECS": "1"}


def _read(h: History, only: set[str] | None = None) -> Generator["gitcmd.Running", None, None]:
    if not gitcmd.available():
        _set(h, "no-git")
        return
    if not h.root.is_dir():
        _set(h, "not-a-repository")
        return
    proc = yield from _git(h.root, "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository",
                           "--git-path", "shallow", "--git-path", "objects/pack", "--verify", "-q", "HEAD", check=False)
    lines = proc.stdout.split("\n")
    if len(lines) < 5 or not lines[0]:
        err = " ".join((proc.stderr or "").split())
        if "dubious ownership" in err:
            _set(h, "unsafe-repository")
        elif "not a git repository" in err or not err:
            _set(h, "not-a-repository")
        else:
            _set(h, "error", err[:200])
        return
    if not _holds(Path(lines[0]), h.root):
        # core.worktree (or a work tree set otherwise) elsewhere: git would read another folder's
        # files, and its commands run there find that folder's own repository, if it has one
        _set(h, "worktree-elsewhere")
        return
    h.repo = Path(lines[0])
    h.prefix = lines[1]
    h.shallow = lines[2].strip() == "true"
    boundary = _boundary(h.root / lines[3]) if h.shallow else set()
    partial = _promisor(h.root / lines[4])
    head = lines[5].strip() if len(lines) > 5 else ""
    if proc.returncode != 0 or not head:
        _set(h, "no-commits")
        return
    h.head = head
    apps_spec = h.prefix + "applications/"
    store = h._store = _Store()

    # 2. what HEAD holds
    tree = yield from _git(h.repo, "ls-tree", "-r", "-z", "--full-tree", "HEAD", paths=[apps_spec[:-1], h.prefix + "raio.yaml"],
                           env=_LITERAL)
    head_blobs: dict[str, str] = {}
    head_links: set[str] = set()  # files HEAD holds as symbolic links (mode 120000)
    submodules: dict[str, str] = {}  # application folder -> the submodule HEAD holds it in (a commit of another repository)
    folder_links: set[str] = set()  # application folders HEAD holds as a symbolic link (mode 120000)
    config_entry = None  # (mode, blob) of raio.yaml at HEAD
    for entry in tree.stdout.split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "commit" and path.startswith(apps_spec) and "/" not in path[len(apps_spec):]:
            submodules[path[len(apps_spec):]] = f"applications/{path[len(apps_spec):]}"
        elif len(parts) == 3 and parts[1] == "commit" and path == apps_spec[:-1]:
            submodules["*"] = "applications"  # every application is in it
        elif len(parts) == 3 and parts[0] == "120000" and path.startswith(apps_spec) and "/" not in path[len(apps_spec):]:
            folder_links.add(path[len(apps_spec):])
        if len(parts) == 3 and parts[1] == "blob" and path.startswith(h.prefix):
            rel = path[len(h.prefix):]
            if rel == "raio.yaml":
                config_entry = (parts[0], parts[2])
            elif rel.startswith("applications/"):
                head_blobs[rel] = parts[2]
                if parts[0] == "120000":
                    head_links.add(rel)
    config_raw, config_blob = _config_against_head(h, config_entry)

    # 3. one log over the applications
    log, main_line, commits, h.unanchored, every_side = yield from _log(h.repo, [apps_spec])
    specs = [apps_spec]  # and where the applications were before the portfolio moved in the repository
    movers: list[str] = []  # the commit that moved them from each of specs[1:]
    while len(specs) <= _MAX_MOVES:
        moved_from = yield from _moved_from(h.repo, log.stdout, specs, {c[0] for c in commits if len(c) == 1})
        if moved_from is None:
            break
        specs.append(moved_from[0])
        movers.append(moved_from[1])
        log, main_line, commits, h.unanchored, every_side = yield from _log(h.repo, specs)
    merge_commits = {c[0] for c in commits if len(c) > 2}
    parsed = _parse_log(log.stdout)
    if len(specs) > 1:
        parsed = _relocated(parsed, specs, _since(commits, movers))
    if main_line is not None:  # merges: the history's order is the main line's, a branch's commits at their merge
        parsed = sorted(parsed, key=lambda commit: main_line.get(commit[0]["hash"], (len(main_line), None))[0])
    parsed = parsed if only is None else list(parsed)
    keep = None if only is None else _renamed_together(parsed, only, h.prefix)
    apps_dir = h.root / "applications"
    # applications/ that raio may not list or enter (YML017): what is in it is unknown, so none
    # of its files is read, and none counts as deleted
    locked = apps_dir.is_dir() and not os.access(apps_dir, os.R_OK | os.X_OK)
    try:
        on_disk = [f.name for f in sorted(apps_dir.iterdir()) if not f.name.startswith(".") and not f.is_symlink()
                   and f.is_dir()] if apps_dir.is_dir() and not locked else []
    except OSError:
        on_disk, locked = [], True
    if keep is not None:  # a folder renamed in the working tree (see _worktree_moves): both names are read
        head_folders = {rel.split("/")[1] for rel in head_blobs}
        new = set(on_disk) - head_folders
        gone = {f for f in head_folders if not (apps_dir / f).exists()} if new else set()
        if gone and (keep & new or keep & gone):
            keep = _renamed_together(parsed, keep | new | gone, h.prefix)
        # folders that may have swapped names in the working tree (_worktree_swaps): a kept folder's
        # application.yaml, or effects.yaml (an application.yaml edited as well), on disk is another
        # folder's at HEAD
        swapped = {g for f in keep & head_folders & set(on_disk) for name in ("application.yaml", "effects.yaml")
                   for g in _held_at_head(apps_dir / f, head_blobs, name) if g != f and g in on_disk}
        # or both files edited as well: every folder whose application.yaml and effects.yaml both
        # differ from its own at HEAD may hold another's application
        if any(_rewritten_on_disk(apps_dir / f, head_blobs) for f in keep & head_folders & set(on_disk)):
            swapped |= {g for g in head_folders & set(on_disk) if _rewritten_on_disk(apps_dir / g, head_blobs)}
        if swapped - keep:
            keep = _renamed_together(parsed, keep | swapped, h.prefix)
    lineages: dict[str, list[Version]] = {}
    former: dict[str, set[str]] = {}  # current path -> former paths
    commits = 0
    truncated = False
    messages, paths = h.messages, h.paths
    touched: dict = {}  # one string per folder name, one tuple of them for all the commits that touched the same
    alive: dict[str, set[str]] = {}  # application folder -> its files, as the history so far leaves them
    moved_in: dict[tuple, list[str]] = {}  # (folder, other folder) -> files moved from the one to the other
    move_orders: dict[str, tuple[int, dict, Merge | None]] = {}  # a move commit of the portfolio -> its place
    for order, (meta, entries) in enumerate(parsed):
        commits += 1
        if meta["hash"] in movers:
            move_orders[meta["hash"]] = (order, meta, main_line.get(meta["hash"], (0, None))[1] if main_line else None)
        had = {f: bool(alive.get(f)) for f in {_folder(e[4], h.prefix) for e in entries}} \
            if any(e[0] == "D" for e in entries) and any(e[0] == "A" for e in entries) else None
        entries = _folder_moves(_moves_between(entries, alive, h.prefix), h.prefix)
        moved = _effects_moved(entries, h.prefix)
        rewritten = _rewritten(entries, h.prefix)
        if moved or rewritten:  # folders that may have swapped names with files edited (_swapped): their
            # application.yaml, and effects.yaml where it was edited too
            unread = sorted({b for e in entries if e[0] == "M" and (
                _folder(e[4], h.prefix) in moved and e[4].endswith("/application.yaml")
                or _folder(e[4], h.prefix) in rewritten and e[4].endswith(("/application.yaml", "/effects.yaml")))
                for b in (e[1], e[2]) if b not in store.raw})
            if unread:
                missing: set = set()
                got = yield from _cat_file(h.repo, unread, missing)
                store.raw.update(_complete(got, missing, lambda: {b: e[4] for e in entries for b in (e[1], e[2])}))
        entries = _swapped(entries, alive, lineages, h.prefix, store if moved or rewritten else None)
        vanished = _vanished(entries, had, alive, h.prefix) if had else {}
        author, email, committer, committer_email = meta["author"], meta["email"], meta["committer"], meta["committer_email"]
        folders = tuple(sorted({touched.setdefault(f, f) for e in entries
                                for f in (_folder(e[3], h.prefix), _folder(e[4], h.prefix)) if f}))
        messages.append((meta["hash"], author, email, author if committer == author else committer,
                         email if committer_email == email else committer_email, meta["subject"], meta["body"],
                         touched.setdefault(folders, folders)))
        commit = meta["hash"]
        for e in entries:
            for p in (e[3], e[4]):
                if p:
                    seen = paths.get(p)
                    if seen is None:
                        paths[p] = [commit]
                    elif seen[-1] != commit:
                        seen.append(commit)
        truncated = truncated or meta["hash"] in boundary or "*" in boundary
        merge = main_line.get(meta["hash"], (0, None))[1] if main_line is not None else None
        # files renamed onto each other's names (folders that swapped them, :func:`_swapped`):
        # each takes the other's history, so every history is taken before any is given
        sources = {_strip(e[3], h.prefix) for e in entries if e[0] == "R" and e[3]}
        swapped = sources & {_strip(e[4], h.prefix) for e in entries if e[0] == "R"}
        taken = {rel: (lineages.pop(rel, None), former.pop(rel, set())) for rel in sources} if swapped else {}
        for status, old_blob, new_blob, old_path, new_path in entries:
            if keep is not None and _folder(new_path, h.prefix) not in keep \
                    and _folder(old_path, h.prefix) not in keep:
                continue
            new_rel = _strip(new_path, h.prefix)
            if new_rel is None or _classify(new_rel) is None:
                if status == "R" and old_path is not None and _classify(_strip(old_path, h.prefix) or "") is not None:
                    # renamed to a name raio does not read: for raio the file was deleted
                    status, new_rel, new_blob, old_path = "D", _strip(old_path, h.prefix), None, None
                else:
                    continue
            v = Version(commit=meta["hash"], short=meta["hash"][:7], author=meta["author"], email=meta["email"],
                        date=meta["date"], committed=meta["committed"], subject=meta["subject"], path=new_rel,
                        status=status, blob=None if status == "D" else new_blob,
                        old_blob=old_blob, order=order, truncated=meta["hash"] in boundary, merge=merge,
                        vanished=vanished.get(new_path, ()) if vanished else (),
                        others=meta["others"].get(new_path, ()) if "others" in meta else (), _store=store)
            if status == "A" and old_path is not None:  # moved here from another application
                v.old_path = _strip(old_path, h.prefix)
                moved_in.setdefault((_folder(old_path, h.prefix), _folder(new_path, h.prefix)), []).append(new_rel)
            if status == "R" and old_path is not None:
                old_rel = _strip(old_path, h.prefix)
                v.old_path = old_rel
                old_lineage, old_former = taken.pop(old_rel) if old_rel in taken else \
                    (lineages.pop(old_rel, None), former.pop(old_rel, set())) if old_rel else (None, set())
                lineage = old_lineage or lineages.get(new_rel, [])
                former.setdefault(new_rel, set()).update(old_former)
                if old_rel:
                    former[new_rel].add(old_rel)
                lineage.append(v)
                lineages[new_rel] = lineage
            else:
                lineages.setdefault(new_rel, []).append(v)
        for rel, (lineage, formers) in taken.items():  # not renamed after all (left out, or renamed to a name
            if rel is not None and rel not in lineages:  # raio does not read): its history stays where it was
                if lineage:
                    lineages[rel] = lineage
                if formers:
                    former.setdefault(rel, set()).update(formers)
        if moved_in:  # a folder renamed where files moved from it before: they moved with it
            for pair in {(_folder(e[3], h.prefix), _folder(e[4], h.prefix)) for e in entries if e[0] == "R"}:
                for rel in moved_in.pop(pair, ()):
                    _relink(lineages, former, rel)
    h.commits = commits

    # 4. the working tree: uncommitted edits count as made today
    pending: list[tuple[str, bytes | None]] = []
    if "*" in submodules:
        submodules.update((folder, submodules["*"]) for folder in on_disk)
    for folder in on_disk:
        if keep is not None and folder not in keep or folder in submodules:
            continue
        if not os.access(apps_dir / folder, os.X_OK):  # its files cannot be reached (no permission): not read, not deleted
            continue
        for name in CONTENT_FILES:
            pending.append((f"applications/{folder}/{name}.yaml", _read_small(apps_dir / folder / f"{name}.yaml")))
    seen = {p for p, _ in pending}
    for rel in () if locked else head_blobs:  # committed files of application folders removed from the working tree
        kind = _classify(rel)
        if kind and kind[1] in CONTENT_FILES and rel not in seen and rel.endswith(".yaml") \
                and (keep is None or kind[0] in keep) and not (h.root / "applications" / kind[0]).exists():
            pending.append((rel, None))
    # files a sparse checkout keeps off the disk (git sparse-checkout) are committed, not deleted:
    # git's index marks them skip-worktree ("S"); asked only when committed files are not on disk
    absent = {rel for rel, raw in pending if raw is None and rel in head_blobs and not os.path.lexists(h.root / rel)}
    if absent:
        listed = yield from _git(h.repo, "ls-files", "-z", "-t", "--full-name", env=_LITERAL, check=False,
                                 paths=sorted({f"{h.prefix}applications/{rel.split('/')[1]}/" for rel in absent}))
        sparse = {entry[2 + len(h.prefix):] for entry in listed.stdout.split("\0") if entry.startswith("S ")} \
            if listed.returncode == 0 else set()
        if sparse & absent:
            pending = [(rel, raw) for rel, raw in pending if rel not in sparse]

    # 5. one cat-file for every blob that will be parsed
    wanted: set[str] = set()
    for path, versions in lineages.items():
        if _classify(path) and _classify(path)[1] in CONTENT_FILES:
            for v in versions:
                wanted.update(b for b in (v.blob, v.old_blob) if b)
                wanted.update(b for _path, b in v.vanished if b)
                wanted.update(b for b in v.others if b)
    for rel, _raw in pending:
        if rel in head_blobs:
            wanted.add(head_blobs[rel])
    if config_blob is not None:
        wanted.add(config_blob)
    wanted.difference_update(store.raw)  # read already (_swapped's ids)
    if wanted and partial:
        yield from _fetch_missing(h.repo, sorted(wanted))
    if wanted:
        missing = set()
        got = yield from _cat_file(h.repo, sorted(wanted), missing)
        store.raw.update(_complete(got, missing, lambda: {
            **{b: f"{h.prefix}raio.yaml" for b in [config_blob] if b},
            **{b: path for path, versions in lineages.items() for v in versions for b in (v.blob, v.old_blob) if b}}))

    if every_side:
        _on_record(lineages, former, main_line, merge_commits, store, {m[0]: m for m in messages})

    if config_blob is not None and config_raw is not None and config_blob in store.raw \
            and not store.reads_as(config_blob, "raio.yaml", config_raw):
        h.config = "modified"  # not only comments, layout or line endings

    last_order = commits
    moves = _worktree_moves(pending, head_blobs, set(on_disk), store)
    head_folders = {rel.split("/")[1] for rel in head_blobs}
    paired = {rel.split("/")[1] for pair in moves.items() for rel in pair}
    new_folders = {rel.split("/")[1] for rel, raw in pending if raw is not None} - head_folders - paired
    gone_folders = {rel.split("/")[1] for rel, raw in pending if raw is None and rel in head_blobs} - paired - set(on_disk)
    if new_folders and gone_folders:  # a folder renamed with every file edited: what git's index holds tells
        moves.update((yield from _staged_moves(h, pending, new_folders, gone_folders)))
    renames = {new.split("/")[1]: old.split("/")[1] for new, old in moves.items() if new.split("/")[1] not in head_folders}
    indexed: set[str] = set()  # of those folders' names at HEAD, those git's index still holds (the rename not staged)
    if renames:
        listed = yield from _git(h.repo, "ls-files", "-z", "--full-name", env=_LITERAL, check=False,
                                 paths=[f"{h.prefix}applications/{old}/" for old in sorted(set(renames.values()))])
        indexed = {_folder(path, h.prefix) for path in listed.stdout.split("\0") if path} \
            if listed.returncode == 0 else set(renames.values())
    moved_away = set(moves.values())
    # folders that swapped names (:func:`_worktree_swaps`): each takes the other's history
    taken = {old: (lineages.pop(old, []), former.pop(old, set())) for old in moved_away} \
        if moved_away & set(moves) else {}
    for rel, raw in pending:
        if rel in moved_away and rel not in moves:
            continue
        old_rel = moves.get(rel)
        head_blob = head_blobs.get(old_rel or rel)
        if raw is None and head_blob is None:
            continue
        if raw is None and old_rel is None and os.path.lexists(h.root / rel):
            continue  # there but not read (a link, or too large: the YAML rules report it): not deleted
        same = raw is not None and head_blob is not None and store.reads_as(head_blob, rel, raw)
        if same and old_rel is None:
            continue  # the same, or only comments, layout or line endings differ
        v = Version(commit="", short=UNCOMMITTED, author="(uncommitted)", email="", date=h.today,
                    committed=h.today, subject="uncommitted changes in the working tree", path=rel,
                    status="R" if old_rel else "W" if raw is not None else "D", blob=head_blob if same else None,
                    old_blob=head_blob, old_path=old_rel, order=last_order, _store=store)
        if raw is not None and not same:
            v._key = f"worktree:{rel}"
            store.raw[v._key] = raw
        if old_rel:  # the folder renamed in the working tree: the file's history goes on under its new name
            lineages[rel], old_former = taken.pop(old_rel) if old_rel in taken else \
                (lineages.pop(old_rel, []), former.pop(old_rel, set()))
            former[rel] = former.get(rel, set()) | old_former  # (a swapped folder's own was taken above)
            former[rel].add(old_rel)
        lineages.setdefault(rel, []).append(v)

    # group the lineages by application (the current folder name)
    for path, versions in lineages.items():
        kind = _classify(path)
        if kind is None:
            continue
        app_id, name = kind
        ah = h.apps.setdefault(app_id, AppHistory(id=app_id))
        for old in former.get(path, ()):
            old_kind = _classify(old)
            if old_kind and old_kind[0] != app_id and old_kind[0] not in ah.former_ids:
                ah.former_ids.append(old_kind[0])
        if name == "memo":
            ah.memos.extend(versions)
        elif name in ah.files:  # effects.yml and effects.yaml: one timeline
            ah.files[name] = sorted(ah.files[name] + versions, key=lambda v: v.order)
        else:
            ah.files[name] = versions
    for rel, blob in head_blobs.items():  # dossier files git holds as a link or an LFS pointer
        kind = _classify(rel)
        if kind and kind[1] in CONTENT_FILES and kind[0] in h.apps:
            how = "link" if rel in head_links else "lfs" if store.raw.get(blob, b"").startswith(LFS_POINTER) else None
            if how:
                h.apps[kind[0]].stored_as[kind[1]] = how
    for folder, held in submodules.items():
        if folder != "*" and (keep is None or folder in keep):
            h.apps.setdefault(folder, AppHistory(id=folder)).submodule = held
    for folder in folder_links:
        if keep is None or folder in keep:
            h.apps.setdefault(folder, AppHistory(id=folder)).linked = f"applications/{folder}"
    for ah in h.apps.values():
        ah.memos.sort(key=lambda v: (v.order, v.path))
        ah.tracked = {name for name in DOSSIER_FILES if f"applications/{ah.id}/{name}.yaml" in head_blobs}
        if ah.id in renames:
            old = renames[ah.id]
            ah.renamed_from = (old, {name for name in DOSSIER_FILES if f"applications/{old}/{name}.yaml" in head_blobs},
                               old in indexed)
    if move_orders:
        _portfolio_moves(h, specs, movers, move_orders)

    if not head_blobs and commits == 0:
        _set(h, "not-committed")
        h.moved_from, h.move_staged, h.move_paths = yield from _moved_uncommitted(h, apps_spec)
        if h.moved_from is not None:
            h.message = (f"the portfolio's applications were moved from {h.moved_from.rstrip('/')} to "
                         f"{apps_spec.rstrip('/')}, and the move is not committed: git holds their history at the old place")
    elif truncated:
        _set(h, "shallow")


def _moved_uncommitted(h: History, apps_spec: str):
    """Where the applications were committed before a move of the portfolio within its repository
    that is not committed yet (``git mv`` staged, or a plain ``mv``), as a pathspec like
    ``apps_spec``, whether the move is staged, and what ``git add -A`` must stage to commit it
    (:attr:`History.move_paths`); ``(None, False, [])`` when nothing shows such a move (a step of
    :func:`reading`, run only when nothing of the portfolio is committed). One ``git diff -M
    HEAD`` of the whole working tree: a move whose new place is staged is a rename into
    ``apps_spec``; a plain one, committed files deleted whose path ends in
    ``applications/<id>/<file>`` of a file on disk here (the new place not yet known to git). Then
    one ``git ls-files`` of the old place: where its removal is staged already (``git rm
    --cached``, ``git add`` of the old path), ``git add -A`` of it would fail ("pathspec did not
    match any files"), so it is left out of the paths; the move counts as staged only when
    nothing of it is left in the index and the new place is."""
    diff = yield from _git(h.repo, "diff", "--name-status", "--no-color", "--no-ext-diff", "-M", "-z", "HEAD", "--",
                           check=False)
    if diff.returncode != 0:
        return None, False
    tokens = diff.stdout.split("\0")
    found: dict[str, int] = {}
    staged: set[str] = set()
    gone: set[str] = set()  # committed paths deleted or renamed in the working tree
    i = 0
    while i < len(tokens) - 1:
        status = tokens[i]
        if status[:1] in ("R", "C"):
            old_path, new_path, i = tokens[i + 1], tokens[i + 2] if i + 2 < len(tokens) else "", i + 3
            if status[:1] == "R":
                gone.add(old_path)
            rest = new_path[len(apps_spec) - len("applications/"):] if new_path.startswith(apps_spec) else None
        else:
            old_path, i = tokens[i + 1], i + 2
            rest = None
            if status[:1] == "D":
                gone.add(old_path)
            if status[:1] == "D" and not old_path.startswith(apps_spec):
                parts = old_path.split("/")
                rest = next(("/".join(parts[k:]) for k in range(len(parts) - 2) if parts[k] == "applications"
                             and (h.root / "/".join(parts[k:])).is_file()), None)
        if rest and old_path != h.prefix + rest and old_path.endswith(rest) \
                and (len(old_path) == len(rest) or old_path[-len(rest) - 1] == "/"):
            spec = old_path[:-len(rest)] + "applications/"
            found[spec] = found.get(spec, 0) + 1
            if status[:1] in ("R", "C"):
                staged.add(spec)
    if not found:
        return None, False, []
    spec = max(found, key=lambda spec: (found[spec], spec))
    old_config = spec[:-len("applications/")] + "raio.yaml"
    config_moved = old_config in gone and old_config != h.prefix + "raio.yaml" and (h.root / "raio.yaml").is_file()
    olds = [spec.rstrip("/")] + ([old_config] if config_moved else [])
    listed = yield from _git(h.repo, "ls-files", "-z", "--", *[f":(top,literal){p}" for p in olds], check=False)
    indexed = [p for p in olds if listed.returncode != 0 or any(
        f == p or f.startswith(p + "/") for f in listed.stdout.split("\0") if f)]
    news = [f"{h.prefix}applications"] + ([f"{h.prefix}raio.yaml"] if config_moved else [])
    return spec, spec in staged and not indexed, indexed + news


def move_hint(h: History) -> str:
    """How to commit the move that :func:`_moved_uncommitted` found (``h.moved_from``): a command
    that works whatever part of it is staged already (paths quoted for the shell, named from the
    portfolio's folder, where the command runs: :mod:`raio_cli.shellhint`)."""
    from raio_cli import shellhint

    paths = h.move_paths or [h.moved_from.rstrip("/"), f"{h.prefix}applications"]
    what = ("Commit the move, the old place with the new" if h.moved_from.rstrip("/") in paths else
            "Commit the move: its removal from the old place is staged already, so stage the new place with it")
    git = shellhint.git(h.prefix)
    how = (f"The move is staged (git mv): commit it, {git} commit" if h.move_staged else
           f"{what}: {git} add -A {shellhint.quoted(*(shellhint.from_portfolio(h.prefix, p) for p in paths))}, "
           f"then {git} commit")
    return f"{how}. git then sees a rename, and the history follows the applications to their new place."


def in_repository(h: History | None, *rels: str) -> tuple[str, str]:
    """``(git, paths)``: the start of a hint's git command for the portfolio of ``h`` (a mark
    that :func:`raio_cli.shellhint.fill` puts in words as where the user runs it needs:
    ``git``, or ``git -C <the portfolio's folder>``), and portfolio paths as it names them,
    quoted for the shell."""
    from raio_cli import shellhint

    return shellhint.git_for(h), shellhint.quoted(*rels)


def _portfolio_moves(h: History, specs: list[str], movers: list[str], found: dict) -> None:
    """:attr:`AppHistory.moves` of each application whose history goes back through a move of the
    portfolio: ``movers[k]`` moved the applications from ``specs[k + 1]`` to ``specs[k]`` (repository
    pathspecs), ``found`` holds each move's ``(order, commit, merge)`` in the history read."""
    for sha, (order, meta, merge) in sorted(found.items(), key=lambda item: item[1][0]):
        k = movers.index(sha)
        for ah in h.apps.values():
            before = [v for versions in (*ah.files.values(), ah.memos) for v in versions if v.order < order]
            if not before:
                continue
            name = max(before, key=lambda v: v.order).path.split("/")[1]  # the folder's name then
            v = Version(commit=meta["hash"], short=meta["hash"][:7], author=meta["author"], email=meta["email"],
                        date=meta["date"], committed=meta["committed"], subject=meta["subject"],
                        path=f"applications/{name}", status="R", order=order, merge=merge)
            ah.moves.append((v, f"{specs[k + 1]}{name}", f"{specs[k]}{name}"))


def held_otherwise(ah: AppHistory, rel: str, names: Iterable[str] | None = None, of: str = "") -> str:
    """What git holds of an application in place of its dossier files' text, as GIT009 and
    ``raio log`` say it, "" when it holds the text: "applications/x is a git submodule: ...", or
    "git holds effects.yaml as a symbolic link, not as its text". ``rel``: the application's
    folder; ``names``: of those files only (default: every one :attr:`AppHistory.stored_as`
    names); ``of``: words after the files (" of x")."""
    if ah.submodule:
        where = "is a git submodule" if ah.submodule == rel else f"is in a git submodule ({ah.submodule})"
        return f"{rel} {where}: its files and their history are in another repository, which raio does not read"
    if ah.linked:
        return (f"git holds {rel} as a symbolic link, not as a folder of files: the history of the files read "
                "through it is not the application's")
    names = sorted(ah.stored_as if names is None else names)
    if not names:
        return ""

    def listed(ns: list[str]) -> str:
        files = [f"{n}.yaml" for n in ns]
        return files[0] if len(files) == 1 else ", ".join(files[:-1]) + " and " + files[-1]

    said = []
    for how, one, many in (("link", "a symbolic link", "symbolic links"), ("lfs", "a Git LFS pointer", "Git LFS pointers")):
        held = [n for n in names if ah.stored_as.get(n) == how]
        if held:
            said.append(f"{listed(held)}{of} as {one if len(held) == 1 else many}")
    return f"git holds {' and '.join(said)}, not as {'its' if len(names) == 1 else 'their'} text"


def uncommitted_files(h: History, app_id: str) -> list[Version]:
    """The dossier files and memos of application folder ``app_id`` whose working-tree state
    differs from the commit :func:`read` read, as uncommitted versions dated ``h.today``: the
    dossier files in the order of DOSSIER_FILES, except those :func:`read` already gave such a
    version, then the files of ``memos/`` by path. A new file has status ``W`` and no
    ``old_blob`` (the new ``.yaml`` CONTENT_FILES are read already); an edited (``W``) or
    deleted (``D``) file other than the CONTENT_FILES has ``old_blob``, its committed blob. A
    committed file removed from git but still on disk (``git rm --cached``: the next commit
    deletes it from the history, the file stays, untracked) has status ``U`` and ``old_blob``,
    CONTENT_FILES included (:func:`read` sees their content on disk, not that git let go of
    them). Memos are those git sees: a new file that .gitignore hides is not listed.

    :func:`read` looks at the working tree for CONTENT_FILES only, which is all ``raio check``
    needs; ``raio log`` lists every uncommitted file, for one application: one ``git ls-tree``
    of its dossier files and memos and, for edits, one ``git diff``, and for a memos folder one
    ``git ls-files`` of its files not yet in git, here, so that the history every check reads
    does no more. Never raises; ``[]`` when the history is not readable."""
    if not h.readable or h.repo is None or not h.head:
        return []
    if app_id in h.apps and (h.apps[app_id].submodule or h.apps[app_id].linked):  # its files are not its own in git
        return []
    folder = h.root / "applications" / app_id
    if not app_id or app_id.startswith(".") or "/" in app_id or not os.access(folder.parent, os.X_OK) \
            or folder.is_symlink() or not folder.is_dir() or not os.access(folder, os.X_OK):  # a folder raio may not search
        return []
    names = [f"{stem}.{ext}" for stem in DOSSIER_FILES for ext in ("yaml", "yml")]
    present = {name for name in names if (folder / name).is_file() and not (folder / name).is_symlink()}
    ah = h.apps.get(app_id)
    read_already = {v.path for name in DOSSIER_FILES for v in (ah.versions(name) if ah is not None else ())
                    if v.uncommitted and (v.old_blob is None or v.status == "R")}
    rel = f"applications/{app_id}/"
    top = h.prefix + rel  # the folder's path in the repository
    memos_here = (folder / "memos").is_dir() and not (folder / "memos").is_symlink()
    try:
        listed = gitcmd.git(h.repo, "ls-tree", "-r", "-z", "--full-tree", h.head,
                            paths=[top + name for name in names] + [top + "memos/"], env=_LITERAL).stdout
        committed = {}  # path in the folder ("effects.yaml", "memos/x.pdf") -> its blob at the commit read
        for entry in listed.split("\0"):
            meta, _tab, path = entry.partition("\t")
            mode_type_blob = meta.split()
            if path.startswith(top) and len(mode_type_blob) == 3 and mode_type_blob[1] == "blob":
                committed[path[len(top):]] = mode_type_blob[2]
        tracked = [name for name in names if name in committed and name.split(".")[0] not in CONTENT_FILES]
        with_memos = memos_here or any(name.startswith("memos/") for name in committed)
        kept = [name for name in names if name in committed and name in present]  # on disk: edited or let go?
        to_diff = [top + name for name in kept] + ([top + "memos/"] if with_memos else [])
        changed = {}  # path in the folder -> git's status letter (A, M, D, T) against the commit read
        if to_diff:
            diff = gitcmd.git(h.repo, "diff", "--name-status", "-z", "--no-renames", h.head,
                              paths=to_diff, env=_LITERAL).stdout
            fields = diff.split("\0")
            changed = {path[len(top):]: status[:1] for status, path in zip(fields[::2], fields[1::2])
                       if path.startswith(top)}
        untracked = []
        if memos_here:
            others = gitcmd.git(h.repo, "ls-files", "-z", "--others", "--exclude-standard", "--full-name",
                                paths=[top + "memos/"], env=_LITERAL).stdout
            untracked = [path[len(top):] for path in others.split("\0") if path.startswith(top + "memos/")]
    except gitcmd.GitError:
        return []

    def version(name: str, status: str, old_blob: str | None) -> Version:
        return Version(commit="", short=UNCOMMITTED, author="(uncommitted)", email="", date=h.today,
                       committed=h.today, subject="uncommitted changes in the working tree", path=rel + name,
                       status=status, old_blob=old_blob, order=h.commits)

    def on_disk(name: str) -> bool:  # git's diff says deleted: gone, or only let go of (git rm --cached)?
        return os.path.lexists(folder / name)

    out = []
    for name in names:
        if name in present and name not in committed and rel + name not in read_already:
            out.append(version(name, "W", None))
        elif name in tracked and name not in present:
            out.append(version(name, "D", committed[name]))
        elif changed.get(name) == "D":  # committed, on disk, not in git's index
            out.append(version(name, "U", committed[name]))
        elif name in changed and name in tracked:
            out.append(version(name, "W", committed[name]))
    memos = {name: status for name, status in changed.items() if name.startswith("memos/")}
    memos.update((name, "A") for name in untracked if name not in committed)
    for name in sorted(memos):
        status = memos[name]
        if status == "D":
            status = "U" if on_disk(name) else "D"
        out.append(version(name, status if status in ("D", "U") else "W", committed.get(name)))
    return out


def read_contents(h: History, versions: list[Version]) -> None:
    """Give ``versions`` of one application's files that :func:`read` does not parse (it reads
    the CONTENT_FILES only: monitoring.yaml's results are no part of the history a check needs)
    their content, as ``raio log`` describes them: one ``git cat-file --batch`` of the blobs
    not read yet, and the file on disk for an uncommitted edit (:func:`uncommitted_files`).
    A blob git cannot give (a partial clone, a file too large) leaves the version unread."""
    if not h.readable or h.repo is None:
        return
    store = h._store if h._store is not None else _Store()
    h._store = store
    wanted = {b for v in versions for b in (v.blob, v.old_blob, *v.others) if b and b not in store.raw}
    if wanted:
        try:
            store.raw.update(_driven(_cat_file(h.repo, sorted(wanted))))
        except gitcmd.GitError:
            pass
    for v in versions:
        if v.uncommitted and v.status == "W" and v._key is None and v.blob is None:
            try:
                raw = read_limited(h.root / v.path, MAX_BLOB)
            except OSError:
                continue
            if len(raw) <= MAX_BLOB:
                v._key = f"worktree:{v.path}"
                store.raw[v._key] = raw
        v._store = store


#: Names and e-mail addresses as each commit records them (%an, not %aN): a .mailmap committed later
#: would rename who made a change in the audit trail, and hide from PRV007 an identifier that every
#: clone still holds in the commit.
_LOG_FORMAT = "--format=%x01%H%x00%an%x00%ae%x00%aI%x00%cI%x00%cn%x00%ce%x00%s%x00%b%x00"
_DIFF_OPTIONS = ("--raw", "--no-abbrev", "-z", "-M", "-c", "--root", "--no-color", "--encoding=UTF-8")
#: A history with merges: every commit that touched the applications on any side of a merge
#: (git log's default simplification follows only the side a merge's file equals, and leaves out
#: what the main line did to it before the merge), each merge diffed against its first parent: what
#: it changed on the line it was made on. :func:`_on_record` keeps what came into the record.
_MERGE_DIFF_OPTIONS = tuple(o for o in _DIFF_OPTIONS if o != "-c") + ("--full-history", "--diff-merges=first-parent")


#: How many moves of the portfolio within its repository are followed back.
_MAX_MOVES = 5


def _moved_from(repo: Path, log: str, specs: list[str], roots: set[str]):
    """Where the applications were before the portfolio moved within the repository (``git mv``
    of the portfolio folder, or of the repository's top into a subfolder), as a pathspec like
    ``specs[0]`` (``old/place/applications/``), and the commit that moved them; None when the
    oldest commit of ``log`` did not move them there (a step of :func:`reading`). git log of a
    folder sees no rename from outside it: without this, every effect read as first committed at
    the move. One ``git diff-tree`` of that commit, over the whole tree, when it added files under
    the applications and is not one of ``roots``, the commits without a parent (a portfolio's own
    repository starts with one)."""
    cut = log.find("\x01", log.find("\x01") + 1)  # the oldest commit only: the log may be long
    first = next(iter(_parse_log(log if cut < 0 else log[:cut])), None)
    if first is None or first[0]["hash"] in roots or not any(e[0] == "A" and e[4].startswith(specs[-1])
                                                             for e in first[1]):
        return None
    diff = yield from _git(repo, "diff-tree", "-r", _LOG_FORMAT, *_DIFF_OPTIONS, first[0]["hash"], "--", check=False,
                           errors=_KEPT)
    if diff.returncode != 0:
        return None
    found: dict[str, int] = {}
    for _meta, entries in _parse_log(diff.stdout):
        for status, _ob, _nb, old_path, new_path in entries:
            if status != "R" or not new_path.startswith(specs[-1]) or any(old_path.startswith(s) for s in specs):
                continue
            rest = "applications/" + new_path[len(specs[-1]):]
            if old_path.endswith(rest) and (len(old_path) == len(rest) or old_path[-len(rest) - 1] == "/"):
                spec = old_path[:-len(rest)] + "applications/"
                found[spec] = found.get(spec, 0) + 1
    return (max(found, key=lambda spec: (found[spec], spec)), first[0]["hash"]) if found else None


def _since(commits: list[list[str]], movers: list[str]) -> list[set[str]]:
    """Per commit of ``movers``, the commits made after it: those of ``commits`` (``git rev-list
    --topo-order --reverse --parents``, parents first) that have it as an ancestor."""
    out = []
    for mover in movers:
        after: set[str] = set()
        for sha, *parents in commits:
            if any(p == mover or p in after for p in parents):
                after.add(sha)
        out.append(after)
    return out


def _relocated(parsed: Iterable[tuple[dict, list[tuple]]], specs: list[str], since: list[set[str]]):
    """The commits of :func:`_log` over ``specs`` (the applications' place now, then where they
    were before each move of the portfolio), with every path where it is now: a file the move
    renamed is the same file (modified where the move changed it, left out where it did not).
    A place the portfolio left is its history only up to the move (``since[k - 1]``: the commits
    after the move from ``specs[k]``): what a later commit put there (a new portfolio at the old
    place) is not, and a commit that touched nothing else is left out, as git log of the
    portfolio's places leaves it out."""
    def here(path, sha):
        if path:
            for k, spec in enumerate(specs[1:]):
                if path.startswith(spec):
                    return None if sha in since[k] else specs[0] + path[len(spec):]
        return path

    for meta, entries in parsed:
        out = []
        sha = meta["hash"]
        for status, old_blob, new_blob, old_path, new_path in entries:
            old_path, new_path = here(old_path, sha), here(new_path, sha)
            if new_path is None:
                if status != "R" or old_path is None:
                    continue  # at the old place, after the move
                status, new_path, new_blob, old_path = "D", old_path, None, None  # moved out to there
            elif status == "R" and old_path is None:
                status, old_blob = "A", None  # moved in from the old place, after the move: new here
            if status == "R" and old_path == new_path:
                if old_blob == new_blob:
                    continue  # moved with the portfolio, unchanged
                status, old_path = "M", None
            out.append((status, old_blob, new_blob, old_path, new_path))
        if out or not entries or not any(sha in after for after in since):
            yield meta, out


def _log(repo: Path, specs: list[str]):
    """``git log --raw -M --topo-order --reverse -- <applications>`` (a step of :func:`reading`),
    the main line (:func:`_main_line`; None without merges), HEAD's commits, parents first, each
    as ``[hash, *parents]``, whether the clone has no main branch, and whether the log lists every
    side of the merges (:data:`_MERGE_DIFF_OPTIONS`; not before git 2.31). ``specs``: the applications' folder, then where it was before each
    move of the portfolio (:func:`_moved_from`).

    A history without merges takes a faster way to the same bytes: ``git rev-list`` lists the
    commits and ``git diff-tree --stdin`` diffs each with its parent. ``git log`` with a path
    compares every commit's trees twice (once to decide whether to show it, once for its diff):
    10 s against 5 s at 15,000 commits over 5,000 applications. With merges, git log lists every
    side (``--full-history``: its default simplification follows only the side a merge's file
    equals, and left out what the main line changed before a merge that took a branch's file
    whole) and diffs each merge against its first parent (:data:`_MERGE_DIFF_OPTIONS`;
    :func:`_on_record` keeps what came into the record), after one ``git log --merges`` for
    the dates of the merges (and, checked out elsewhere than the main branch, the
    main branch's first-parent line: :func:`_main_branch_line`)."""
    # a revision is always followed by "--": a file named HEAD (or like a commit) is never ambiguous with it
    revs = yield from _git(repo, "rev-list", "--topo-order", "--reverse", "--parents", "HEAD", "--")
    commits = [line.split() for line in revs.stdout.splitlines() if line.strip()]
    if any(len(c) > 2 for c in commits):  # a commit with two or more parents: a merge
        graph = yield from _main_branch_line(repo, commits[-1][0])
        unanchored, graph = graph is None, graph or []
        # every merge, not only the first-parent line's: the main line goes on through the second
        # parent of a merge made by git pull (:func:`_pulled`)
        merges = yield from _git(repo, "log", "--merges", "--format=%H%x00%aI%x00%cI%x00%s", "HEAD",
                                 *[c[0] for c in graph[:1]], "--")
        dates = {}
        for line in merges.stdout.splitlines():
            fields = line.split("\0")
            if len(fields) == 4:
                dates[fields[0]] = Merge(fields[0], _date(fields[1]), _date(fields[2]), _pulled(fields[3]))
        record = _line({c[0]: c[1:] for c in graph}, graph[0][0], dates) if graph else []
        log = yield from _git(repo, "log", _LOG_FORMAT, *_MERGE_DIFF_OPTIONS, "--topo-order", "--reverse",
                              paths=specs, env=_LITERAL, check=False, errors=_KEPT)
        every_side = log.returncode == 0
        if not every_side:
            if "diff-merges" not in log.stderr:
                raise gitcmd.GitError(f"git log failed: {' '.join(log.stderr.split())[:300]}")
            # git before 2.31 has no --diff-merges: the log as git log -c shows it (a merge that
            # took a branch's file whole then hides what the main line changed in it meanwhile)
            log = yield from _git(repo, "log", _LOG_FORMAT, *_DIFF_OPTIONS, "--topo-order", "--reverse",
                                  paths=specs, env=_LITERAL, errors=_KEPT)
        return log, _main_line(commits, dates, record[::-1]), commits, unanchored, every_side
    shas = "".join(c[0] + "\n" for c in commits)
    return (yield from _git(repo, "diff-tree", "--stdin", "-r", _LOG_FORMAT, *_DIFF_OPTIONS, input=shas,
                            paths=specs, env=_LITERAL, errors=_KEPT)), None, commits, False, False


#: Where the main branch is looked for, first found first: the remote's default branch, then the
#: usual names of a local one, then of the remote's (a CI checkout such as GitHub's actions/checkout
#: fetches the branches as refs/remotes/origin/* and sets neither origin/HEAD nor a local main).
_MAIN_BRANCHES = ("refs/remotes/origin/HEAD", "refs/heads/main", "refs/heads/master", "refs/remotes/origin/main",
                  "refs/remotes/origin/master")
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def _main_branch_line(repo: Path, head: str):
    """The main branch's commits, each as ``[hash, *parents]``, its tip first, when HEAD is not on
    it (a feature branch checked out: a pre-commit hook, a branch pipeline); ``[]`` when HEAD is
    the main branch, None when none is found (a step of :func:`reading`). Its main line
    (:func:`_line`) is the record: a commit of it that a branch took in (``git merge main``) is on
    record at its own dates, not from the branch's merge."""
    refs = yield from _git(repo, "for-each-ref", "--format=%(objectname) %(refname)", *_MAIN_BRANCHES, check=False)
    found = {ref: sha for sha, _, ref in (line.partition(" ") for line in refs.stdout.splitlines())}
    tip = next((found[ref] for ref in _MAIN_BRANCHES if ref in found), None)
    if tip is None:
        return None
    if tip == head or not _SHA.fullmatch(tip):  # only a commit id ever reaches git's arguments
        return []
    graph = yield from _git(repo, "rev-list", "--parents", tip, "--", check=False)
    return [line.split() for line in graph.stdout.splitlines() if line.strip()] if graph.returncode == 0 else []


#: The subject git gives the merge of ``git pull`` (``Merge branch 'main' of <url>``) and of ``git
#: merge origin/main`` (``Merge remote-tracking branch 'origin/main'``), `` into <branch>`` added
#: where the branch merged into is not the default one.
_PULL_SUBJECT = re.compile(r"Merge (?:branch '(?P<branch>[^']+)' of .+?|remote-tracking branch '(?P<tracking>[^']+)')"
                           r"(?: into (?P<into>\S+))?")


def _pulled(subject: str) -> bool:
    """Whether a merge's subject is git's for merging a remote's branch into the local branch of
    the same name (the default branch when git left out `` into <branch>``): two people committed
    to main, and the second to push took the first's commits in with git pull. Its first parent is
    the local commit; what was the shared main line, the record, is its second parent."""
    m = _PULL_SUBJECT.fullmatch(subject.strip())
    if m is None:
        return False
    branch = m["branch"] or (m["tracking"].split("/", 1)[1] if "/" in m["tracking"] else "")
    return branch == m["into"] if m["into"] else branch in ("main", "master")


def _line(parents: dict[str, list[str]], tip: str, merges: dict[str, Merge]) -> list[str]:
    """The main line from ``tip``, newest first: its first parents, but a merge of git pull's
    (:attr:`Merge.pulled`) goes on through its second."""
    line, sha = [], tip
    while sha is not None:
        line.append(sha)
        up = parents.get(sha)
        sha = (up[1] if len(up) > 1 and sha in merges and merges[sha].pulled else up[0]) if up else None
    return line


def _main_line(commits: list[list[str]], merges: dict[str, Merge],
               record: list[str] = ()) -> dict[str, tuple[int, Merge | None]]:
    """Per commit, from ``git rev-list --topo-order --reverse --parents HEAD`` (HEAD last): the
    position on the main line (HEAD's first-parent line, oldest first) of the commit that put it
    there, and the merge that brought it in (None: a commit of the main line itself; a fast-forward
    leaves no merge, its commits are on the main line). A commit of a side branch, or of a branch
    merged into one, belongs to the first merge of the main line that has it as an ancestor.

    ``record``, the main branch's main line (:func:`_line`, oldest first) when HEAD is a branch of it,
    comes first: its commits that HEAD has are the main line up to where HEAD's own line leaves
    it, each with what its merges brought in; HEAD's own commits and what they merged follow."""
    parents = {c[0]: c[1:] for c in commits}
    line = _line(parents, commits[-1][0], merges) if commits else []
    # merges of git pull on either line: it went on through their second parent
    pulled = {m for m in (*line, *record) if m in merges and merges[m].pulled and len(parents.get(m, ())) > 1}
    out: dict[str, tuple[int, Merge | None]] = {}
    order = [sha for sha in record if sha in parents] + line[::-1]  # record's part HEAD has, then HEAD's line
    for pos, m in enumerate(order):
        if m in out:
            continue  # a commit of the record that HEAD's line shares: it has its place
        out[m] = (pos, None)
        # what the merge brought in: the ancestors of its other parents that no earlier commit of
        # the main line has (those have a place already)
        up = parents.get(m, ())
        todo, merge = [up[0], *up[2:]] if m in pulled else list(up[1:]), merges.get(m)
        while todo:
            sha = todo.pop()
            if sha in out:
                continue
            out[sha] = (pos, merge)
            todo.extend(parents.get(sha, ()))
    return out


def _on_record(lineages: dict[str, list[Version]], former: dict[str, set[str]],
               main_line: dict[str, tuple[int, Merge | None]], merge_commits: set[str], store: _Store,
               messages: dict[str, tuple]) -> None:
    """Each file's versions as the record holds them, where merges on the main line brought
    branches in (``lineages`` from a log of every side, merges diffed against their first parent).

    Per merge of the main line and file: where the merge left the file as the record had it,
    nothing of the branch's commits to it came in (``git merge -s ours``, or the main line's file
    kept), and they are left out. Where it changed the file, the branch's commits stand for the
    merge's change when they explain it: the merge holds the last one's file (for a merge of git
    pull, the local commits are its first side) and every change of an effect's definition the merge
    made on the record is one a commit of theirs made. Otherwise the merge's change is the one on
    record (the branch's file taken whole over what the main line changed meanwhile, or a value of
    each side's), compared with what the record held before it, and the branch's commits are left
    out. A merge of git pull that kept the local commits' file over what the shared main line
    changed in it meanwhile shows no change against its first side: its change on the record is
    made from the merge's commit (``messages``: :attr:`History.messages` by hash). A file that
    such commits alone renamed or added is where the record has it (``former``, each path's
    former paths, follows)."""
    merges = {m.commit: m for _pos, m in main_line.values() if m is not None}
    for path, versions in list(lineages.items()):
        if not any(v.merge is not None or v.commit in merge_commits for v in versions):
            continue
        out: list[Version] = []
        i = 0
        while i < len(versions):
            v = versions[i]
            sha = v.merge.commit if v.merge is not None else v.commit if v.commit in merge_commits \
                and main_line.get(v.commit, (0, None))[1] is None else None
            if sha is None:
                out.append(v)
                i += 1
                continue
            group = []
            while i < len(versions) and (versions[i].commit == sha or (versions[i].merge is not None
                                                                      and versions[i].merge.commit == sha)):
                group.append(versions[i])
                i += 1
            own = [w for w in group if w.commit == sha]
            branch = [w for w in group if w.commit != sha]
            merge = merges.get(sha)
            pulled = merge is not None and merge.pulled
            before = out[-1].blob if out else None  # the record's file before the merge
            if not own:
                if not pulled or not branch or branch[-1].blob == before:
                    continue  # the file as the record had it: nothing of the branch came in
                # git pull's merge holds its first side's file: the local commits came in, or,
                # where they do not explain the change, the merge made it on the record
                m = branch[-1]
                meta = messages.get(sha)
                if meta is None or _explained(before, m, branch, store):
                    out.extend(branch)
                    continue
                m = dataclasses.replace(m, commit=sha, short=sha[:7], author=meta[1], email=meta[2], date=merge.date,
                                        committed=merge.committed, subject=meta[5],
                                        status="D" if m.blob is None else "M" if before else "A",
                                        old_blob=before, old_path=None, merge=None, vanished=(), others=())
                out.append(m)
                continue
            m = own[-1]
            if m.blob == before and m.blob is not None:
                continue  # the record holds it already (a branch that took in the main branch)
            explained = bool(branch) and _explained(before, m, branch, store)
            if explained and (pulled or branch[-1].blob == m.blob):
                out.extend(branch)
                continue
            if branch and not pulled and branch[-1].blob != m.blob \
                    and (explained or (_classify(m.path) or ("", ""))[1] != "effects"):
                # a merge of changes on both sides: each side's commits made theirs, and the
                # merge's own change, against its first parent, is what it took in from the
                # branch's file (as git log -c shows a merge)
                m.others = (branch[-1].blob,)
                out.extend(branch)
                out.append(m)
                continue
            if out and m.old_blob != before:  # the record's file, not the first side's (git pull's)
                m.old_blob = before
            out.append(m)
        versions[:] = out
        where = out[-1].path if out else None
        if where != path:  # renamed, or added, only by what the record does not hold
            del lineages[path]
            names = former.pop(path, set())
            if where is not None:
                lineages[where] = sorted(lineages.get(where, []) + out, key=lambda v: v.order)
                former.setdefault(where, set()).update(n for n in names if n != where)


def _explained(before: str | None, m: Version, branch: list[Version], store: _Store) -> bool:
    """Whether the commits of ``branch`` explain the change the merge ``m`` made to the record's
    file ``before``: they start from it; or, of effects.yaml, every change of an effect's
    definition (an effect added, removed, or a field's value) is one of theirs, or of all of them
    together (a value changed twice on the branch)."""
    if branch[0].old_blob == before or (_classify(m.path) or ("", ""))[1] != "effects":
        return branch[0].old_blob == before
    old, new = store.definitions(before, m.path) if before else {}, store.definitions(m.blob, m.path) if m.blob else {}
    if old is None or new is None:
        return False
    made: list = []
    for b_old, b_new in [(b.old_blob, b.blob) for b in branch] + [(branch[0].old_blob, branch[-1].blob)]:
        b_old = store.definitions(b_old, m.path) if b_old else {}
        b_new = store.definitions(b_new, m.path) if b_new else {}
        if b_old is not None and b_new is not None:
            made.extend(_definition_changes(b_old, b_new))
    return all(c in made for c in _definition_changes(old, new))


def _definition_changes(old: dict, new: dict) -> list[tuple]:
    """The changes of effect definitions from ``old`` to ``new`` (:func:`definitions`)."""
    out: list[tuple] = [("removed", eid) for eid in old if eid not in new]
    for eid, (_i, values, _texts) in new.items():
        if eid not in old:
            out.append(("added", eid))
            continue
        old_values = old[eid][1]
        out.extend((eid, f, old_values.get(f), values.get(f)) for f in DEFINITION_FIELDS
                   if old_values.get(f) != values.get(f))
    return out


def _folder(path: str | None, prefix: str) -> str | None:
    """The application folder of a repository path (``<prefix>applications/<id>/...``), or None."""
    rel = _strip(path, prefix) if path else None
    if rel is None:
        return None
    parts = rel.split("/", 2)
    return parts[1] if len(parts) == 3 and parts[0] == "applications" else None


def _relink(lineages: dict[str, list[Version]], former: dict[str, set[str]], rel: str) -> None:
    """The file ``rel``, moved from another application folder (:func:`_moves_between`) that a
    later commit renamed to this one, read as renamed: the move was the first step of renaming
    the folder (effects.yaml moved in one commit, the other files in the next), so its history
    before the move is its own. Left as it is when the source was written again since."""
    versions = lineages.get(rel) or []
    i = next((k for k, v in enumerate(versions) if v.status == "A" and v.old_path), None)
    if i is None:
        return
    moved = versions[i]
    source = lineages.get(moved.old_path) or []
    if not source or not source[-1].deleted or source[-1].commit != moved.commit:
        return
    moved.status, moved.old_blob = "R", source.pop().old_blob
    lineages[rel] = source + versions[i:]
    del lineages[moved.old_path]
    former.setdefault(rel, set()).update(former.pop(moved.old_path, set()))
    former[rel].add(moved.old_path)


def _worktree_moves(pending: list[tuple[str, bytes | None]], head_blobs: dict[str, str], on_disk: set[str],
                    store: _Store) -> dict[str, str]:
    """Application folders renamed in the working tree and not yet committed (``git mv``, or the
    folder moved on disk), as new path -> path at HEAD for their CONTENT_FILES: a folder that HEAD
    does not hold, paired with a folder of HEAD gone from the working tree (not a file deleted
    from a folder that stays: that application goes on) of which at least one
    file reads the same (the most such files; none when two gone folders tie). Without it, a
    pre-commit hook saw the renamed application's effects as new, written after its start.
    The commit then records the rename, as git's rename detection sees it."""
    head_folders = {rel.split("/")[1] for rel in head_blobs}
    new: dict[str, dict[str, bytes]] = {}  # new folder -> file name -> bytes
    gone: dict[str, dict[str, str]] = {}  # gone folder -> file name -> blob at HEAD
    for rel, raw in pending:
        _apps, folder, name = rel.split("/", 2)
        if raw is not None and folder not in head_folders:
            new.setdefault(folder, {})[name] = raw
        elif raw is None and rel in head_blobs and folder not in on_disk:
            gone.setdefault(folder, {})[name] = head_blobs[rel]
    moves: dict[str, str] = {}
    for folder, files in sorted(new.items()):
        scores = sorted(((sum(1 for name, raw in files.items() if name in blobs and blobs[name] in store.raw
                              and store.reads_as(blobs[name], f"applications/{folder}/{name}", raw)), old)
                         for old, blobs in gone.items()), reverse=True)
        if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
            continue
        old = scores[0][1]
        moves.update((f"applications/{folder}/{name}", f"applications/{old}/{name}") for name in files if name in gone[old])
        del gone[old]
    moves.update(_worktree_swaps(pending, head_blobs, head_folders, store))
    return moves


def _staged_moves(h: History, pending: list[tuple[str, bytes | None]], new_folders: set[str],
                  gone_folders: set[str]):
    """Application folders renamed in the working tree with every file edited (no file reads as
    the one at HEAD: :func:`_worktree_moves` pairs none), where the rename is staged (``git mv``,
    or ``git add -A`` of both folders): as :func:`_worktree_moves`, new path -> path at HEAD of
    their CONTENT_FILES, for each new folder the gone folder from which git's index holds the most
    of its files renamed (none when two tie). That is the rename the commit will record, as git's
    rename detection sees it; without it, a pre-commit hook saw the application's effects as new,
    not committed, after its start (REG001). One ``git diff --cached -M`` of the applications, run
    only where a new folder and a gone one are left unpaired (a step of :func:`reading`)."""
    diff = yield from _git(h.repo, "diff", "--cached", "--name-status", "--no-color", "--no-ext-diff", "-M", "-z",
                           "HEAD", paths=[h.prefix + "applications/"], env=_LITERAL, check=False)
    if diff.returncode != 0:
        return {}
    tokens = diff.stdout.split("\0")
    renamed: dict[str, dict[str, int]] = {}  # new folder -> gone folder -> files renamed from it
    i = 0
    while i < len(tokens) - 1:
        status = tokens[i]
        if status[:1] in ("R", "C"):
            old_path, new_path, i = tokens[i + 1], tokens[i + 2] if i + 2 < len(tokens) else "", i + 3
            a, b = _folder(old_path, h.prefix), _folder(new_path, h.prefix)
            if status[:1] == "R" and a in gone_folders and b in new_folders:
                renamed.setdefault(b, {})[a] = renamed.get(b, {}).get(a, 0) + 1
        else:
            i += 2
    files: dict[str, set[str]] = {}  # folder -> its CONTENT_FILES, on disk (new) or at HEAD (gone)
    for rel, raw in pending:
        _apps, folder, name = rel.split("/", 2)
        if raw is not None or folder in gone_folders:
            files.setdefault(folder, set()).add(name)
    moves: dict[str, str] = {}
    for b, counts in sorted(renamed.items()):
        ranked = sorted(((n, a) for a, n in counts.items()), reverse=True)
        if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
            continue
        a = ranked[0][1]
        moves.update((f"applications/{b}/{name}", f"applications/{a}/{name}") for name in files.get(b, ())
                     if name in files.get(a, ()))
    return moves


def _worktree_swaps(pending: list[tuple[str, bytes | None]], head_blobs: dict[str, str], head_folders: set[str],
                    store: _Store) -> dict[str, str]:
    """Application folders that swapped names in the working tree (:func:`_swapped`, not yet
    committed), as new path -> path at HEAD for their CONTENT_FILES: folders of HEAD still on disk
    whose application.yaml reads as another one's at HEAD (exactly one other's, and not as its
    own), among themselves (two or more, whole), with that one's files by name, and no file that
    reads as its own at HEAD and not as the other's (only application.yaml exchanged is no swap).
    An application.yaml edited as well tells by what it says, with the effects.yaml that came
    with it, as in a commit (:func:`_swapped`)."""
    disk: dict[str, dict[str, bytes]] = {}  # folder of HEAD -> file name -> bytes on disk
    for rel, raw in pending:
        _apps, folder, name = rel.split("/", 2)
        if raw is not None and folder in head_folders:
            disk.setdefault(folder, {})[name] = raw

    def reads_as(folder: str, name: str, at: str) -> bool:
        """Whether ``folder``'s file ``name`` on disk reads as folder ``at``'s at HEAD."""
        blob = head_blobs.get(f"applications/{at}/{name}")
        return blob is not None and blob in store.raw and name in disk.get(folder, {}) \
            and store.reads_as(blob, f"applications/{folder}/{name}", disk[folder][name])

    def ident(folder: str, at: str | None = None) -> str | None:
        """The id in ``folder``'s application.yaml on disk, or in folder ``at``'s at HEAD."""
        if at is not None:
            return _app_id(store, head_blobs.get(f"applications/{at}/application.yaml"),
                           f"applications/{at}/application.yaml")
        from raio_cli.yamlio import load_bytes

        lo = load_bytes(disk[folder]["application.yaml"], f"applications/{folder}/application.yaml")
        value = lo.data.get("id") if isinstance(lo.data, dict) else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    source: dict[str, str] = {}
    ids: dict[str, str | None] | None = None  # folder -> its id at HEAD, read when needed
    for g in sorted(disk):
        if "application.yaml" not in disk[g] or reads_as(g, "application.yaml", g):
            continue
        froms = [f for f in disk if f != g and reads_as(g, "application.yaml", f)]
        if len(froms) == 1:
            source[g] = froms[0]
        elif not froms and "effects.yaml" in disk[g] and not reads_as(g, "effects.yaml", g):
            # an application.yaml edited as well (:func:`_swapped`): the id it names, or all it says
            # but the id, with the effects.yaml (or most of it) of the one folder whose it was at HEAD
            ids = ids if ids is not None else {f: ident(f, at=f) for f in disk}
            gid = ident(g)
            for name in ("application.yaml", "effects.yaml"):
                store.raw[f"worktree:applications/{g}/{name}"] = disk[g][name]

            def head(f: str, name: str) -> str | None:
                return head_blobs.get(f"applications/{f}/{name}")

            held = [f for f in disk if f != g and (
                gid is not None and gid != ids[g] and [k for k, i in ids.items() if i == gid] == [f]
                or _described_alike(store, f"worktree:applications/{g}/application.yaml", head(f, "application.yaml"),
                                    head(g, "application.yaml"), f"applications/{g}/application.yaml"))
                and (reads_as(g, "effects.yaml", f) or _effects_alike(
                    store, f"worktree:applications/{g}/effects.yaml", head(f, "effects.yaml"), head(g, "effects.yaml"),
                    f"applications/{g}/effects.yaml"))]
            if len(held) == 1:
                source[g] = held[0]
    source = _exchanged(source)
    moves: dict[str, str] = {}
    for g, f in source.items():
        at_head = {name for name in (f"{n}.yaml" for n in CONTENT_FILES) if f"applications/{f}/{name}" in head_blobs}
        if set(disk[g]) != at_head or any(reads_as(g, name, g) and not reads_as(g, name, f) for name in disk[g]):
            return {}
        moves.update((f"applications/{g}/{name}", f"applications/{f}/{name}") for name in disk[g])
    return moves


def _moves_between(entries: list[tuple], alive: dict[str, set[str]], prefix: str) -> list[tuple]:
    """A commit's entries, with a file that git saw renamed from one application folder to another
    that the commit leaves with files (``git mv`` of effects.yaml into another application) read
    as deleted from the first and added to the second: the folder was not renamed, the application
    goes on, and what the file holds is the second one's from the move on (its effects registered
    for it then, not when the first application registered them). The source keeps ``old_path``
    on the added entry. Updates ``alive``, each folder's files after the commit."""
    def folder(path):
        return _folder(path, prefix)

    after: dict[str, set[str]] = {}  # the folders this commit touched, as it leaves them
    for status, _ob, _nb, old_path, new_path in entries:
        if status == "R":
            a = folder(old_path)
            if a:
                after.setdefault(a, set(alive.get(a, ()))).discard(old_path)
        b = folder(new_path)
        if b:
            files = after.setdefault(b, set(alive.get(b, ())))
            files.discard(new_path) if status == "D" else files.add(new_path)
    alive.update(after)
    out = []
    for e in entries:
        status, old_blob, new_blob, old_path, new_path = e
        a, b = (folder(old_path), folder(new_path)) if status == "R" else (None, None)
        if a and b and a != b and after.get(a):
            out.append(("D", old_blob, None, None, old_path))
            e = ("A", None, new_blob, old_path, new_path)
        out.append(e)
    return out


def _vanished(entries: list[tuple], had: dict, alive: dict[str, set[str]], prefix: str) -> dict[str, tuple]:
    """:attr:`Version.vanished` of a commit's added files (repository path -> ``(path, blob)``
    pairs, portfolio-relative paths): of each folder that the commit created (``had``: whether
    each folder it touched held files before it; ``alive``: as it leaves them), the files named
    as files that it deleted from a folder it left empty."""
    emptied = {f for f, before in had.items() if f and before and not alive.get(f)}
    created = {f for f, before in had.items() if f and not before and alive.get(f)}
    if not emptied or not created:
        return {}
    deleted: dict[str, list] = {}  # file name in its folder -> (path, blob) of each deleted
    for status, old_blob, _nb, _op, path in entries:
        if status == "D" and _folder(path, prefix) in emptied:
            deleted.setdefault(path.rsplit("/", 1)[1], []).append((_strip(path, prefix), old_blob))
    return {path: tuple(deleted[path.rsplit("/", 1)[1]]) for status, _ob, _nb, old_path, path in entries
            if status == "A" and old_path is None and _folder(path, prefix) in created
            and path.rsplit("/", 1)[1] in deleted}


def _exchanged(source: dict[str, str]) -> dict[str, str]:
    """Of ``source`` (folder -> the folder whose application it holds now), only the folders that
    gave their application to one of them and took another's: a closed exchange among themselves."""
    while True:
        given = list(source.values())
        keep = {g: f for g, f in source.items() if f in source and given.count(f) == 1}
        if keep == source:
            return source
        source = keep


def _effects_moved(entries: list[tuple], prefix: str) -> dict[str, str]:
    """Of a commit's entries, each application folder whose effects.yaml the commit changed into
    the one exactly one other folder held before it (folder -> that folder), where both
    folders' application.yaml changed too: folders that may have swapped names with an
    application.yaml edited (:func:`_swapped`). Blob ids only: nothing is read."""
    root = prefix + "applications/"
    changed: dict[str, tuple] = {}  # folder -> (old, new) blob of its effects.yaml
    apps = set()
    for status, old_blob, new_blob, _old_path, path in entries:
        f = _folder(path, prefix)
        if f and status in ("M", "D") and path == f"{root}{f}/effects.yaml":
            changed[f] = (old_blob, new_blob)
        elif f and status == "M" and path == f"{root}{f}/application.yaml":
            apps.add(f)
    out = {}
    for g, (_old, new) in changed.items():
        held = [f for f, (old, _new) in changed.items() if old == new and f != g]
        if new is not None and len(held) == 1 and g in apps and held[0] in apps:
            out[g] = held[0]
    return out


def _rewritten(entries: list[tuple], prefix: str) -> set[str]:
    """Of a commit's entries, the application folders whose application.yaml and effects.yaml the
    commit both changed, where two or more folders had both changed: folders that may have swapped
    names with both files edited (:func:`_swapped`). Blob ids only: nothing is read."""
    root = prefix + "applications/"
    seen: dict[str, set[str]] = {}
    for status, _ob, _nb, _old_path, path in entries:
        f = _folder(path, prefix)
        if f and status == "M" and path in (f"{root}{f}/application.yaml", f"{root}{f}/effects.yaml"):
            seen.setdefault(f, set()).add(path.rsplit("/", 1)[1])
    both = {f for f, names in seen.items() if len(names) == 2}
    return both if len(both) > 1 else set()


def _described_alike(store: _Store, new: str | None, other: str | None, own: str | None, rel: str) -> bool:
    """Whether a new application.yaml says all that another folder's old one said but the ``id``,
    and not all that its own old one said: the application moved here and its id was edited to
    match the folder's name (a swap of folder names, :func:`_swapped`). Unread or empty: no."""
    def rest(blob):
        lo = store.load(blob, rel)
        data = lo.data if lo is not None and isinstance(lo.data, dict) else None
        return {k: v for k, v in data.items() if k != "id"} if data else None

    mine = rest(new)
    return bool(mine) and mine == rest(other) and mine != rest(own)


def _effects_alike(store: _Store, new: str | None, other: str | None, own: str | None, rel: str) -> bool:
    """Whether a new effects.yaml is mostly another folder's old one: of what it says of its effects
    (each effect's fields and their values, by effect id), more than half is what the other's said,
    and more than its own folder's old one said (effects.yaml edited in a swap, :func:`_swapped`)."""
    def said(blob) -> set:
        lo = store.load(blob, rel)
        effects = lo.data.get("effects") if lo is not None and isinstance(lo.data, dict) else None
        return {(e["id"], k, repr(v)) for e in effects if isinstance(e, dict) and isinstance(e.get("id"), str)
                for k, v in e.items() if k != "id"} if isinstance(effects, list) else set()

    mine = said(new)
    same = len(mine & said(other))
    return 2 * same > len(mine) and same > len(mine & said(own))


def _app_id(store: _Store, blob: str | None, rel: str) -> str | None:
    """The ``id`` of a version of application.yaml (None: none, not text, or not read)."""
    lo = store.load(blob, rel)
    value = lo.data.get("id") if lo is not None and isinstance(lo.data, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _swapped(entries: list[tuple], alive: dict[str, set[str]], lineages: dict[str, list[Version]],
             prefix: str, store: _Store | None = None) -> list[tuple]:
    """A commit's entries, with application folders that swapped names in it (``git mv a tmp; git mv b
    a; git mv tmp b``, one commit) read as renamed into each other: git compares each path with
    itself and sees every file of both folders rewritten, no rename, so each application's effects
    would read as removed and another's added. application.yaml, which identifies the application,
    tells: each folder's new application.yaml is the one another folder held before the commit (the
    same blob, so the same ``id``), and its files, by name, are the ones that folder held. Read so
    where those folders exchanged their applications among themselves (two or more, whole), and only
    then: with the same file names, and no file left unchanged in one folder that differs from the
    other's (only application.yaml exchanged is no swap). A file also edited in the commit is read
    as renamed and changed; the files that did not change (the same in both folders) are renamed
    too, so that each history follows its application. An application.yaml edited in the commit
    as well is no longer the blob another folder held: there what it says tells (``store``, with
    the blobs read, given where :func:`_effects_moved` found a folder's effects.yaml to be, byte for
    byte, the one another held, or :func:`_rewritten` found effects.yaml edited too). A folder
    holds exactly one other folder's application where both

    - its application.yaml names the application: its new one names the id that exactly that other
      folder's old one named (not its own old one), or says all the other's old one said but the
      id (ids edited to match the folders they swapped into: :func:`_described_alike`), and
    - its effects.yaml came with it: the other folder's old one, byte for byte, or mostly so
      (effects.yaml edited as well: :func:`_effects_alike`).

    The id alone, the description alone, or the effects alone, moved is no swap. ``alive``: each
    folder's files after the commit; ``lineages``: the histories so far, for those files' blobs."""
    root = prefix + "applications/"
    apps: dict[str, tuple] = {}  # folder -> (old, new) blob of its application.yaml, changed in this commit
    for status, old_blob, new_blob, _old_path, new_path in entries:
        f = _folder(new_path, prefix)
        if status == "M" and f and new_path == f"{root}{f}/application.yaml":
            apps[f] = (old_blob, new_blob)
    if len(apps) < 2:
        return entries
    held: dict[str, list[str]] = {}
    for f, (old, _new) in apps.items():
        held.setdefault(old, []).append(f)
    # the folder whose application each folder holds now, where exactly one other held it
    source = {g: held[new][0] for g, (_old, new) in apps.items() if len(held.get(new, ())) == 1 and held[new][0] != g}
    if store is not None:  # an application.yaml edited as well: what it says, with the effects that moved with it
        moved = _effects_moved(entries, prefix)
        effects = {_folder(e[4], prefix): (e[1], e[2]) for e in entries if e[0] == "M" and _folder(e[4], prefix)
                   and e[4] == f"{root}{_folder(e[4], prefix)}/effects.yaml"}

        def rel(f: str, name: str = "application") -> str:
            return f"applications/{f}/{name}.yaml"

        ids = {f: _app_id(store, old, rel(f)) for f, (old, _new) in apps.items()}
        for g, (old, new) in apps.items():
            if g in source:
                continue
            gid = _app_id(store, new, rel(g))
            held = [f for f, (f_old, _new) in apps.items() if f != g and (
                gid is not None and gid != ids[g] and [k for k, v in ids.items() if v == gid] == [f]
                or _described_alike(store, new, f_old, old, rel(g)))
                and (moved.get(g) == f or g in effects and f in effects and _effects_alike(
                    store, effects[g][1], effects[f][0], effects[g][0], rel(g, "effects")))]
            if len(held) == 1:
                source[g] = held[0]
    source = _exchanged(source)
    if not source:
        return entries
    touched = {f for e in entries for f in (_folder(e[3], prefix), _folder(e[4], prefix)) if f in source}
    if any(e[0] not in ("M", "A", "D") for e in entries if _folder(e[4], prefix) in touched or
           _folder(e[3], prefix) in touched):
        return entries  # a rename git saw besides: left as git reads it

    def blob(path):
        versions = lineages.get(_strip(path, prefix) or "")
        return versions[-1].blob if versions and not versions[-1].deleted else None

    before: dict[str, dict[str, str | None]] = {f: {} for f in source}  # folder -> file name -> blob
    after: dict[str, dict[str, str | None]] = {f: {} for f in source}
    changed = set()
    for status, old_blob, new_blob, _old_path, path in entries:
        f = _folder(path, prefix)
        if f in source:
            changed.add(path)
            name = path[len(root) + len(f) + 1:]
            if status in ("M", "D"):
                before[f][name] = old_blob
            if status in ("M", "A"):
                after[f][name] = new_blob
    for f in source:
        for path in alive.get(f, ()):
            if path not in changed:  # the same before and after
                before[f][path[len(root) + len(f) + 1:]] = after[f][path[len(root) + len(f) + 1:]] = blob(path)
    if any(set(before[f]) != set(after[g]) for g, f in source.items()):
        return entries  # files added or removed as well: left as git reads it
    if any(after[g][name] != before[f][name] for g, f in source.items() for name in after[g]
           if f"{root}{g}/{name}" not in changed):
        return entries  # a file that stayed in its folder while the other's differs: not a swap
    out = [e for e in entries if _folder(e[4], prefix) not in source]
    for g, f in sorted(source.items()):
        for name in sorted(after[g]):
            out.append(("R", before[f][name], after[g][name], f"{root}{f}/{name}", f"{root}{g}/{name}"))
    return out


def _folder_moves(entries: list[tuple], prefix: str) -> list[tuple]:
    """A commit's entries, with a file of an application folder that the commit renamed (git saw
    other files of it renamed) read as renamed too where git saw it deleted from the old folder
    and added, under the same name, to the new one: rewritten as it moved, too different for git's
    rename detection. Otherwise its history would start again at the move (after a pilot's start,
    its effects would read as first committed then)."""
    moved = {(_folder(e[3], prefix), _folder(e[4], prefix)) for e in entries if e[0] == "R"}
    moved = {(a, b) for a, b in moved if a and b and a != b}
    if not moved:
        return entries
    root = prefix + "applications/"
    deleted = {e[4]: i for i, e in enumerate(entries) if e[0] == "D"}
    out, used = [], set()
    for e in entries:
        if e[0] == "A" and e[4]:
            b = _folder(e[4], prefix)
            rest = e[4][len(root) + len(b or "") + 1:]
            match = next((old for a, new in sorted(moved) if new == b
                          for old in (f"{root}{a}/{rest}",) if old in deleted and old not in used), None)
            if match is not None:
                used.add(match)
                e = ("R", entries[deleted[match]][1], e[2], match, e[4])
        out.append(e)
    return [e for e in out if not (e[0] == "D" and e[4] in used)]


def _renamed_together(parsed: list, only: set[str], prefix: str) -> set[str]:
    """``only`` and every application folder linked to one of them by renames, in either
    direction and through any chain (a folder renamed, then renamed again)."""
    links: dict[str, set[str]] = {}
    for _meta, entries in parsed:
        apps: dict[str, tuple] = {}  # folders that may have swapped names (:func:`_swapped`)
        for status, ob, nb, old_path, new_path in entries:
            if status == "R":
                a, b = _folder(old_path, prefix), _folder(new_path, prefix)
                if a and b and a != b:
                    links.setdefault(a, set()).add(b)
                    links.setdefault(b, set()).add(a)
            elif status == "M" and _folder(new_path, prefix) \
                    and new_path == f"{prefix}applications/{_folder(new_path, prefix)}/application.yaml":
                apps[_folder(new_path, prefix)] = (ob, nb)
        for a, (old, _new) in apps.items():
            for b, (_old, new) in apps.items():
                if a and b and a != b and new == old:
                    links.setdefault(a, set()).add(b)
                    links.setdefault(b, set()).add(a)
        for a, b in _effects_moved(entries, prefix).items() if len(apps) > 1 else ():  # swapped, ids told
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
        rewritten = _rewritten(entries, prefix)  # may have swapped with both files edited: read together
        for a in rewritten:
            links.setdefault(a, set()).update(rewritten - {a})
    keep, todo = set(only), list(only)
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in keep:
                keep.add(other)
                todo.append(other)
    return keep


def _boundary(path: Path) -> set[str]:
    """The commits where a shallow clone's history was cut (``.git/shallow``)."""
    try:
        return {line.strip() for line in path.read_text(encoding="ascii", errors="replace").split() if line.strip()}
    except OSError:
        return {"*"}  # unknown: treat every commit as possibly cut


def _promisor(pack_dir: Path) -> bool:
    """Whether the repository is a partial clone (``git clone --filter``): its packs from the
    remote are marked ``.promisor``, and the objects left out are fetched from it when read."""
    try:
        return any(name.endswith(".promisor") for name in os.listdir(pack_dir))
    except OSError:
        return False


def _fetch_missing(repo: Path, shas: list[str]):
    """In a partial clone, fetch the blobs of ``shas`` that are not in it, in one ``git fetch``
    (a step of :func:`reading`). git would fetch each on its own when ``git cat-file`` reads it:
    one round trip to the remote per old version, thousands for a portfolio. ``git rev-list
    --ignore-missing`` lists those present without fetching any. A fetch that fails is a
    GitError that says what is missing, rather than git's message for the first blob."""
    listed = yield from _git(repo, "rev-list", "--objects", "--no-walk", "--ignore-missing", "--missing=print",
                             "--stdin", input="".join(s + "\n" for s in shas), check=False)
    present = {line.split(" ", 1)[0] for line in listed.stdout.splitlines()} if listed.returncode == 0 else set()
    missing = [s for s in shas if s not in present]
    if not missing:
        return
    config = yield from _git(repo, "config", "--get", "extensions.partialclone", check=False)
    remote = config.stdout.strip() or "origin"
    if remote.startswith("-"):  # a remote's name, never an option of git fetch (gitcmd's rule)
        raise gitcmd.GitError(f"the repository is a partial clone whose remote is named {printable(remote)!r}, "
                              "which raio will not pass to git fetch")
    # as git itself fetches what a partial clone lacks (promisor-remote.c): these objects only
    fetched = yield from _git(repo, "-c", "fetch.negotiationAlgorithm=noop", "fetch", remote, "--no-tags",
                              "--no-write-fetch-head", "--recurse-submodules=no", "--filter=blob:none", "--stdin",
                              input="".join(s + "\n" for s in missing), check=False)
    if fetched.returncode != 0:
        raise gitcmd.GitError(
            f"the repository is a partial clone (git clone --filter) and {len(missing)} versions of the dossier "
            f"files are not in it; fetching them from its remote ({printable(remote)}) failed: "
            f"{_first_line(fetched.stderr)}. Run raio again where the remote can be reached, or clone without "
            "--filter")


def _first_line(text: str) -> str:
    """The first line of git's error, clipped (the rest repeats it or asks for access rights)."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:200]


def _strip(path: str, prefix: str) -> str | None:
    if not path.startswith(prefix):
        return None
    return path[len(prefix):]


def _classify(rel: str) -> tuple[str, str] | None:
    """("app-id", "effects") for a dossier file, ("app-id", "memo") for a memo; None otherwise.

    A dossier file's name in other capitals or ending in .yml (Effects.yaml, effects.yml: IDN005)
    is the file too: what it held before ``git mv Effects.yaml effects.yaml``, as IDN005's hint
    asks, stays the file's history, and effects committed under such a name before a pilot were
    registered before it (REG001)."""
    parts = rel.split("/")
    if len(parts) < 3 or parts[0] != "applications" or not parts[1]:
        return None
    if len(parts) == 3:
        stem, dot, ext = parts[2].rpartition(".")
        if dot and ext.lower() in ("yaml", "yml") and stem.lower() in DOSSIER_FILES:
            return parts[1], stem.lower()
    if len(parts) >= 4 and parts[2] == "memos":
        return parts[1], "memo"
    return None


def _config_against_head(h: History, entry: tuple[str, str] | None) -> tuple[bytes | None, str | None]:
    """Compare the portfolio's raio.yaml with ``entry``, its ``(mode, blob)`` at HEAD (None: not
    committed). Sets ``h.config`` to "untracked" when only the working tree has it, to "link_out"
    when the working tree has a link out of the portfolio where HEAD has the file (not read, as
    the loader reads no such link); returns the
    file's bytes and the blob whose content must be compared with them (the blob id computed from
    the bytes differs), else ``(None, None)``. No git process: the blob id is computed here."""
    from raio_cli.portfolio import inside

    path = h.root / "raio.yaml"
    if entry is None:
        if path.is_file():
            h.config = "untracked"
        return None, None
    mode, blob = entry
    if mode != "120000" and path.is_symlink() and path.exists() and not inside(path, h.root):
        # a link out of the portfolio where HEAD has the file: not read, as the loader does not
        # read it (YML017); the check applies the defaults, CI the committed file
        h.config = "link_out"
        return None, None
    try:
        if mode == "120000":  # a link at HEAD: its blob is where it points
            raw = os.fsencode(os.readlink(path)) if path.is_symlink() else None
        else:
            raw = read_limited(path, MAX_BLOB) if path.is_file() else None
    except OSError:
        return None, None
    if raw is None or len(raw) > MAX_BLOB:
        return None, None  # gone, or not what raio reads: raio check reports it
    digest = hashlib.sha256 if len(blob) == 64 else hashlib.sha1
    if digest(b"blob %d\0" % len(raw) + raw).hexdigest() == blob:
        return None, None
    if mode == "120000":
        h.config = "modified"
        return None, None
    return raw, blob


def _held_at_head(folder: Path, head_blobs: dict[str, str], name: str = "application.yaml") -> list[str]:
    """The application folders whose file ``name`` at HEAD has the very bytes of the one in
    ``folder`` on disk."""
    raw = _read_small(folder / name)
    if raw is None:
        return []
    blobs = {blob: rel.split("/")[1] for rel, blob in head_blobs.items() if rel.endswith(f"/{name}")
             and rel.count("/") == 2}
    digests = {len(blob) for blob in blobs}
    found = []
    for digest in (hashlib.sha1, hashlib.sha256):
        blob = digest(b"blob %d\0" % len(raw) + raw).hexdigest()
        if len(blob) in digests and blob in blobs:
            found.append(blobs[blob])
    return found


def _rewritten_on_disk(folder: Path, head_blobs: dict[str, str]) -> bool:
    """Whether the application folder's application.yaml and effects.yaml on disk both differ, byte
    for byte, from its own at HEAD (both there): a folder that may have swapped names with both
    edited (:func:`_worktree_swaps`)."""
    f = folder.name
    return all(f"applications/{f}/{name}" in head_blobs and os.path.isfile(folder / name)
               and f not in _held_at_head(folder, head_blobs, name) for name in ("application.yaml", "effects.yaml"))


def _read_small(path: Path) -> bytes | None:
    try:  # in a folder raio may not search (no permission), asking what a path is fails too
        if path.is_symlink() or not path.is_file():
            return None
        data = read_limited(path, MAX_BLOB)
    except OSError:
        return None
    return None if len(data) > MAX_BLOB else data


def _date(text: str) -> dt.date:
    """The day of a date git wrote (``%aI``); 1970-01-01, where git puts a date it cannot hold,
    for one that cannot be read, and the last day Python holds for one beyond the year 9999 (git
    writes ``10000-01-01T00:00:00+00:00``): a commit that claims so late a date is not read as
    made before everything else."""
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(text.strip()[:10])
        except ValueError:
            year = text.strip().partition("-")[0]
            return dt.date.max if year.isdigit() and len(year.lstrip("0")) > 4 else dt.date(1970, 1, 1)


#: git's log output is decoded keeping the bytes that are no UTF-8 (:func:`_parse_log` reads them)
_KEPT = gitcmd.PATHS


def _latin_1(exc: UnicodeDecodeError):
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


codecs.register_error("raio-latin-1", _latin_1)


def _named(text: str) -> str:
    """A name, e-mail address, subject or body of a commit read with :data:`_KEPT`: a byte that
    is no UTF-8 read as Latin-1, as git itself reads one in a name or message it commits (a
    commit written by an older tool, or converted from another system, may hold such)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "raio-latin-1")


def _parse_log(out: str) -> Iterable[tuple[dict, list[tuple]]]:
    """Commits from ``git log --format=<\\x01 + fields> --raw -z [-c]``, each with its raw entries.

    Entries are ``(status, old_blob, new_blob, old_path, new_path)``; blobs of all zeros are None.
    Parsed positionally: a header's nine fields and each entry's paths are consumed by count, so no
    file name or subject can be mistaken for a header. ``out`` read with :data:`_KEPT`: the bytes
    that are no UTF-8 are read as a name's (:func:`_named`), and kept in a path, as the file
    system names it (:data:`raio_cli.gitcmd.PATHS`).
    """
    try:
        out.encode("utf-8")
        named = str
    except UnicodeEncodeError:  # bytes that are no UTF-8 (rare): each field read as what it is
        named = _named
    tokens = out.split("\0")
    i, n = 0, len(tokens)
    meta: dict | None = None
    entries: list[tuple] = []
    while i < n:
        tok = tokens[i].lstrip("\n")
        if tok.startswith("\x01"):
            if meta is not None:
                yield meta, entries
            fields = [named(f) for f in [tok[1:]] + tokens[i + 1:i + 9]]
            fields += [""] * (9 - len(fields))
            meta = {"hash": fields[0].strip(), "author": printable(fields[1]), "email": printable(fields[2]),
                    "date": _date(fields[3]), "committed": _date(fields[4]), "committer": printable(fields[5]),
                    "committer_email": printable(fields[6]), "subject": printable(fields[7]), "body": fields[8]}
            entries = []
            i += 9
            continue
        if tok.startswith(":") and meta is not None:
            parents = len(tok) - len(tok.lstrip(":"))
            parts = tok[parents:].split(" ")
            if len(parts) < 2 * (parents + 1) + 1:
                i += 1
                continue
            # a side that is a submodule (mode 160000, a commit of another repository) holds no
            # file: read as absent, never asked of git as a blob (in a partial clone its fetch
            # fails, and with it the whole history)
            shas = [None if mode == _GITLINK else sha
                    for mode, sha in zip(parts[:parents + 1], parts[parents + 1:2 * (parents + 1)])]
            status_text = parts[2 * (parents + 1)]
            old_blob, new_blob = _sha(shas[0]), _sha(shas[-1])
            if parents > 1:  # a merge: the blobs of the other parents, for Version.others
                meta.setdefault("others", {})[tokens[i + 1] if i + 1 < n else ""] = tuple(_sha(b) for b in shas[1:-1])
            letter = status_text[:1] if parents == 1 else ("D" if new_blob is None else "A" if old_blob is None else "M")
            if letter in ("R", "C") and parents == 1:
                old_path, new_path = tokens[i + 1] if i + 1 < n else "", tokens[i + 2] if i + 2 < n else ""
                i += 3
                if letter == "C":
                    letter, old_blob, old_path = "A", None, None
            else:
                old_path, new_path = None, tokens[i + 1] if i + 1 < n else ""
                i += 2
            if not any(_sha(b) for b in shas):  # a submodule added, moved on or removed: no file
                continue
            if letter == "T" or letter not in ("A", "M", "D", "R"):
                letter = "M" if new_blob and old_blob else ("A" if new_blob else "D")
            entries.append((letter, old_blob, new_blob, old_path, new_path))
            continue
        i += 1
    if meta is not None:
        yield meta, entries


#: The mode of a submodule's entry in a tree (a commit of another repository, no file)
_GITLINK = "160000"


def _sha(text: str | None) -> str | None:
    text = (text or "").strip()
    return None if not text or set(text) == {"0"} else text


def _git(*args, **kwargs):
    """:func:`raio_cli.gitcmd.git` as a step of :func:`reading`: yields the running process."""
    running = gitcmd.start(*args, **kwargs)
    if not running.done():
        yield running
    return running.result()


def _cat_file(repo: Path, shas: list[str], missing: set | None = None):
    """Contents of the blobs, from one ``git cat-file --batch`` process (a step of :func:`reading`);
    those git says are missing from the repository are added to ``missing`` (when given).

    Its output is read blob by blob from git's output file, not whole: with the whole output
    and the blobs cut from it, the largest process of a check of 1,000 applications peaked at
    148 MiB here, 17 MB above what it then held."""
    running = gitcmd.start(repo, "cat-file", "--batch", text=False, input=("\n".join(shas) + "\n").encode("ascii"))
    if not running.done():
        yield running
    result: dict[str, bytes] = {}
    with running.output() as out:
        while True:
            line = out.readline()
            if not line.endswith(b"\n"):
                break
            header = line.decode("ascii", "replace").split()
            if len(header) == 2 and header[1] == "missing" and missing is not None:
                missing.add(header[0])
            if len(header) != 3 or header[1] == "missing":
                continue
            try:
                size = int(header[2])
            except ValueError:
                break
            if header[1] == "blob" and size <= MAX_BLOB:
                blob = out.read(size)
                if len(blob) < size:
                    break
                result[header[0]] = blob
                out.seek(1, 1)  # the line break after the contents
            else:
                out.seek(size + 1, 1)
    return result


# --------------------------------------------------------------------------------------------
# timelines


def display(value: Any) -> str:
    """A value as a short text for messages: numbers plain, text quoted and clipped."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    from raio_cli.privacy import clip

    if isinstance(value, (list, tuple, dict)):
        return clip(printable(flow(value, 60)), 60)
    return f"'{clip(printable(' '.join(str(value).split())), 60)}'"


def flow(value: list | tuple | dict, limit: int = 100) -> str:
    """A list or mapping on one line as YAML's flow style writes it, ``[a, {case: b}]``, not as
    Python does (``['a', {'case': 'b'}]``): a dossier's reader writes YAML. Texts have their
    blanks collapsed (as a text value is shown); after about ``limit`` characters the rest is
    ``…`` (a long value is clipped when shown: a list of 100,000 items is not written whole)."""
    import yaml

    out: list[str] = []
    left = limit

    def put(text: str) -> None:
        nonlocal left
        out.append(text)
        left -= len(text)

    def scalar(v) -> str:
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):  # as YAML writes it: .nan, .inf, 1.0e+30
            if v != v or v in (float("inf"), float("-inf")):
                return ".nan" if v != v else ".inf" if v > 0 else "-.inf"
            text = repr(v).lower()
            return text.replace("e", ".0e", 1) if "e" in text and "." not in text else text
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat(" ") if isinstance(v, dt.datetime) else v.isoformat()
        from raio_cli.privacy import clip

        text = clip(" ".join(str(v).split()), max(left, 1) + 1)  # never cut inside a number
        # quoted where YAML would read it otherwise ('0.90', 'true', 'a, b'), escaped where it must be
        return yaml.dump([text], Dumper=yaml.SafeDumper, default_flow_style=True, width=1 << 30,
                         allow_unicode=True)[1:-2]

    def walk(v) -> None:
        if isinstance(v, (list, tuple, dict)):
            mapping = isinstance(v, dict)
            put("{" if mapping else "[")
            for i, item in enumerate(v.items() if mapping else v):
                if i:
                    put(", ")
                if left <= 0:
                    put("…")
                    break
                if mapping:
                    walk(item[0])
                    put(": ")
                    walk(item[1])
                else:
                    walk(item)
            put("}" if mapping else "]")
        else:
            put(scalar(v))

    walk(value)
    return "".join(out)


def contrast(old: Any, new: Any, keep: int = 20) -> tuple[str, str]:
    """Two texts as :func:`display` shows them, each starting shortly before where they first
    differ ('…tot autoriseren)' → '…tot autoriseren, zonder onderbrekingen…'), for texts whose
    clipped displays would read the same."""
    def text(value) -> str:  # a list or mapping as display shows it (its first 1,000 characters)
        return flow(value, 1000) if isinstance(value, (list, tuple, dict)) else " ".join(str(value).split())

    def shown(value, text: str) -> str:
        if not text:
            return "(none)"
        if isinstance(value, (list, tuple, dict)):
            from raio_cli.privacy import clip

            return clip(printable(lead + text), 60)
        return display(lead + text)

    a, b = text(old), text(new)
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    from raio_cli.privacy import number_start

    start = min(number_start(a, max(0, k - keep)), number_start(b, max(0, k - keep)))  # a number shown whole
    a, b = a[start:], b[start:]
    lead = "…" if start else ""
    return shown(old, a), shown(new, b)


def _normal(field_name: str, value: Any) -> Any:
    if field_name == "primary":
        return value if not isinstance(value, bool) and value is not None else bool(value)
    if field_name == "post_hoc":  # as every reader takes it: exploratory only when true
        return value is True
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    value = float(value)
    return ".nan" if value != value else value  # no number, and unequal to itself: as YAML writes it, equal to itself


class _Texts(Mapping):
    """An effect's definition fields as display texts (:func:`display`, or a number as written),
    each made when first asked for: only changed fields are ever shown, and every version of every
    effects.yaml in the history has its definitions taken."""

    __slots__ = ("_raw", "_made")

    def __init__(self, raw: dict):
        self._raw = raw  # field -> (value, its source text when a number was written, else None)
        self._made: dict[str, str] = {}

    def __getitem__(self, f: str) -> str:
        text = self._made.get(f)
        if text is None:
            value, source = self._raw[f]
            text = self._made[f] = source if source is not None else display(value)
        return text

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def definitions(loaded) -> dict[str, tuple[int, dict, Mapping]]:
    """effect id -> (index, {field: normalised value}, {field: display text}) of a parsed effects.yaml."""
    out: dict[str, tuple[int, dict, Mapping]] = {}
    data = loaded.data if loaded is not None and isinstance(loaded.data, dict) else None
    effects = data.get("effects") if data else None
    if not isinstance(effects, list):
        return out
    coerced = loaded.coerced
    for i, effect in enumerate(effects):
        if not isinstance(effect, dict) or not isinstance(effect.get("id"), str) or effect["id"] in out:
            continue
        values, raws = {}, {}
        for f in DEFINITION_FIELDS:
            raw = effect.get(f)
            if f == "baseline":
                raw = raw.get("value") if isinstance(raw, dict) else (raw if isinstance(raw, (int, float)) else None)
            values[f] = _normal(f, raw)
            source = None
            if isinstance(raw, (int, float)) and coerced:  # a number keeps the text it was written as
                found = coerced.get(("effects", i, "baseline", "value") if f == "baseline" else ("effects", i, f))
                if found and found[0] in ("int", "float"):
                    source = found[1]
            raws[f] = (raw, source)
        out[effect["id"]] = (i, values, _Texts(raws))
    return out


def witness_after(ah: AppHistory, start: dt.date, today: dt.date) -> Version | None:
    """Of the versions of the application's files other than effects.yaml, the first in the
    history made after ``start`` (:attr:`Version.made`), committed, and not dated after ``today``
    (a date to come is no date at all: a wrong clock, it shows nothing of when the commit was
    made), for :func:`first_after`: what follows it in the history came after it. None: none."""
    return min((w for name, vs in ah.files.items() if name != "effects" for w in vs
                if not w.uncommitted and not w.truncated and start < w.made <= today),
               key=lambda w: w.order, default=None)


def first_after(versions: list[Version], start: dt.date, witness: Version | None = None) -> Version | None:
    """The first of ``versions`` (of one file, oldest first) made after ``start``: dated after it
    (a branch's commit: merged into the main line after it), or committed after it on top of a
    version committed on or before it. The latter is a change that entered the record after the
    start in a commit dated before it: rebased, amended, squashed or cherry-picked in then, or
    merged by "rebase and merge" (no merge commit: git keeps the author date, the committer date
    is when the commit entered the main line), while git shows the version before it on record at
    the start. Where nothing was committed on or before ``start``, committer dates after it are all
    there is (a whole history rewritten after the start, its changes untouched, looks the same):
    those versions count by their author dates, and REG007 says that the registration rests on
    them. The versions that follow the one returned came after the start too, whatever their dates;
    and so do those that follow ``witness`` (:func:`witness_after`), a version of another file of
    the application made after the start: a commit is made after its parent, so one dated before
    the start on top of a commit of after it was made after it too."""
    on_record = False
    for v in versions:
        if v.made > start or (on_record and not v.uncommitted and v.landed > start) \
                or (witness is not None and v.order > witness.order):
            return v
        if not v.uncommitted and v.landed <= start:
            on_record = True
    return None


def effect_histories(versions: list[Version], initial: dict | None = None) -> dict[str, EffectHistory]:
    """Per effect id, from the versions of effects.yaml (oldest first).

    Each version is compared with the version it replaced (its first parent's blob); when that
    one cannot be read, with the last readable version before it (``initial`` before the first).
    Unreadable versions are skipped. An effect removed and later put back counts as added again
    and as changed where its definition differs from the one it had when it was removed.
    """
    result: dict[str, EffectHistory] = {}
    last: dict | None = initial
    gone: dict[str, tuple] = {}  # the last definition of each removed effect: a re-addition is compared with it
    for v in versions:
        new = v.definitions
        if new is None:
            continue
        if v.old_blob is None:
            old = {} if v.status == "A" or last is None else last
        else:
            old_defs = v._store.definitions(v.old_blob, v.old_path or v.path) if v._store else None
            old = old_defs if old_defs is not None else (last or {})
        for eid, (_i, values, texts) in new.items():
            eh = result.setdefault(eid, EffectHistory(id=eid))
            eh.definitions.append((v, values))
            if eid in old:
                _oi, old_values, old_texts = old[eid]
            else:
                eh.added.append(v)
                if eid not in gone:
                    continue
                # removed and put back (the whole file deleted and written again, say): what
                # changed meanwhile is a change, not a new effect
                old_values, old_texts = gone.pop(eid)
            for f in DEFINITION_FIELDS:
                if old_values.get(f) != values.get(f):
                    old_text, new_text = old_texts.get(f, ""), texts.get(f, "")
                    if old_text == new_text:  # two long texts that differ after where they are clipped
                        old_text, new_text = contrast(old_values.get(f), values.get(f))
                    eh.changes.append(FieldChange(eid, f, old_values.get(f), values.get(f), old_text, new_text, v))
        for eid in old:
            if eid not in new:
                result.setdefault(eid, EffectHistory(id=eid)).removed.append(v)
                gone[eid] = old[eid][1:]
        last = new
    return result


def _last_stage_change(versions: list[Version]) -> tuple[Version | None, bool]:
    """The version of :func:`stage_changes`' last change, found from the newest version back: only
    the versions since that change are parsed (``raio status`` asks it of every application); and
    whether it is the first stage the file had (no stage before it). Where a version's parent is
    not the version before it (a branch's commit, merged) or a merge has other parents, each is
    compared with its own: the whole list is made."""
    if any(v.others or (i and v.old_blob and v.old_blob != versions[i - 1].blob) for i, v in enumerate(versions)):
        changes = stage_changes(versions)
        return (changes[-1].version, changes[-1].previous is None) if changes else (None, False)
    found, stage = None, None
    for v in reversed(versions):
        data = v.data
        value = data.get("stage") if data is not None else None
        if not isinstance(value, str):
            continue  # skipped by stage_changes too
        if stage is not None and value != stage:
            return found, False
        found, stage = v, value
    return found, found is not None


def stage_changes(versions: list[Version]) -> list[StageChange]:
    """The stage changes of application.yaml's versions (oldest first), each version compared with
    its parent's (a branch's commit with the version it was made from, not the main line's commit
    before it in the history); a merge sets only a stage none of its parents held."""
    out: list[StageChange] = []
    current: str | None = None
    states: dict[str, str | None] = {}  # blob -> the stage after the version that wrote it
    for v in versions:
        current = states.get(v.old_blob, current) if v.old_blob else current
        data = v.data
        stage = data.get("stage") if data is not None else None
        if isinstance(stage, str) and stage != current:
            if not any(states.get(b) == stage for b in v.others if b):  # else taken in by the merge
                since = data.get("stage_since")
                out.append(StageChange(stage=stage, previous=current, version=v,
                                       since=since if isinstance(since, str) else None))
            current = stage
        if v.blob:
            states[v.blob] = current
    return out
