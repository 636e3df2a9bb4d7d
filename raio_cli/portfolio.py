"""Find a portfolio, list its applications and load their dossier files.

A portfolio is a folder with ``raio.yaml`` and ``applications/<id>/`` folders (see PRODUCT.md).
Loading never raises on bad content: unreadable files, links that leave the portfolio, folders
where files belong all become findings on :attr:`Portfolio.findings`.
"""

from __future__ import annotations

import copy
import errno
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator

from raio_cli.findings import Finding, Severity
from raio_cli.fsio import kind_of
from raio_cli.yamlio import DEFAULT_MAX_BYTES, NOT_READ, Loaded, unreadable_data, load_file, remember

CONFIG = "raio.yaml"
APPS_DIR = "applications"
#: The dossier files of an application, in reading order.
DOSSIER_FILES = ("application", "problem", "effects", "compliance", "pilot", "monitoring")
#: An application id, and its folder's name: lower-case ASCII letters, digits and '-', 3 to 64
#: characters, no '-' at either end (IDN006). Use it with ``fullmatch``.
APP_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]")


class PortfolioNotFound(Exception):
    """No raio.yaml in the given folder or any parent."""


@dataclass
class App:
    """One application's dossier: the folder and the files that were found in it."""

    id: str  # the folder name
    dir: Path
    rel: str  # "applications/<id>"
    docs: dict[str, Loaded] = field(default_factory=dict)

    def file(self, name: str) -> str:
        """The portfolio-relative path of a dossier file, present or not."""
        return f"{self.rel}/{name}.yaml"

    def has(self, name: str) -> bool:
        return name in self.docs

    def data(self, name: str) -> dict:
        """The file's data, or ``{}`` when it is absent or could not be read."""
        doc = self.docs.get(name)
        return doc.data if doc is not None and isinstance(doc.data, dict) else {}

    def get(self, name: str, *path, default: Any = None) -> Any:
        """A value by path (keys and list indexes), ``default`` when any step is missing."""
        value: Any = self.data(name)
        for step in path:
            if isinstance(value, dict) and isinstance(step, str):
                value = value.get(step)
            elif isinstance(value, list) and isinstance(step, int) and -len(value) <= step < len(value):
                value = value[step]
            else:
                return default
            if value is None:
                return default
        return value

    @property
    def stage(self) -> str | None:
        stage = self.get("application", "stage")
        return stage if isinstance(stage, str) else None

    @property
    def name(self) -> str:
        name = self.get("application", "name")
        return name if isinstance(name, str) else self.id

    def where(self, name: str, path: Iterable = (), key: bool = False) -> tuple[int, int]:
        doc = self.docs.get(name)
        if doc is None:
            return (0, 0)
        return doc.where(tuple(path), key=key)

    def finding(self, code: str, name: str, path: Iterable = (), message: str = "", hint: str = "",
                *, key: bool = False, severity: Severity | None = None, data: dict | None = None) -> Finding:
        """A finding at the value ``path`` of dossier file ``name`` (its nearest existing ancestor),
        ``path`` kept on it (:attr:`~raio_cli.findings.Finding.path`)."""
        from raio_cli.rules import severity_of

        path = tuple(path)
        line, col = self.where(name, path, key=key)
        return Finding(self.file(name), line, col, code, severity or severity_of(code), message, hint,
                       self.id, data or {}, path)


@dataclass
class Portfolio:
    root: Path
    config: Loaded | None = None
    apps: list[App] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def settings(self) -> dict:
        return self.config.data if self.config is not None and isinstance(self.config.data, dict) else {}

    @cached_property
    def policy(self) -> dict:
        """Policy defaults (``raio_cli/catalog/policy.yaml``) overlaid with raio.yaml ``policy``.

        Computed once per loaded portfolio: rules read it for every application. When raio.yaml
        could not be read, it says so (:data:`raio_cli.privacy.UNREAD`): the hospital's
        patient-number patterns are unknown, and what raio prints is masked the more."""
        return _unread_marked(merged_policy(self.settings.get("policy"), self.config), self.config)

    @property
    def language(self) -> str:
        return language_of(self.settings)

    def app(self, app_id: str) -> App | None:
        for a in self.apps:
            if a.id == app_id:
                return a
        return None


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds raio.yaml (resolved): see :func:`locate`."""
    return locate(start)[0]


def locate(target: Path) -> tuple[Path, Path]:
    """``(root, path)``: the portfolio that holds ``target`` (its folder resolved) and ``target``
    as ``root / its path in the portfolio``. The folders above ``target`` are searched as named,
    links in the path kept, before they are resolved: through a linked ``applications/``
    (applications -> elsewhere), ``applications/<id>`` is that application of the portfolio,
    which raio reads or refuses (YML017) as in a check of the whole portfolio, not a folder
    elsewhere with no raio.yaml above it, nor a folder of the portfolio outside applications/."""
    named = Path(os.path.normpath(os.path.join(_working_folder(), target)))  # '..' as typed, as cd does
    for folder in (named, *named.parents):
        if _holds_config(folder):
            root = folder.resolve()
            return root, root.joinpath(*named.relative_to(folder).parts)
    root = _find_resolved(target)
    return root, Path(target).resolve()


def application_at(named: Path, root: Path) -> str | None:
    """The id of the application whose folder holds ``named`` (a path as :func:`locate` names it
    in the portfolio ``root``): ``applications/<id>`` itself or any path below it. None for the
    portfolio's top, ``applications/`` itself, a hidden folder there (``applications/.cache``:
    no application, as :func:`application_ids` lists them) or a path outside the portfolio."""
    try:
        parts = Path(named).relative_to(root).parts
    except ValueError:
        return None
    if len(parts) >= 2 and parts[0] == APPS_DIR and not parts[1].startswith("."):
        return parts[1]
    return None


def application_here(start: Path = Path(".")) -> tuple[Path, str] | None:
    """``(root, id)`` of the application whose folder ``start`` (default: the current folder, as
    the shell names it, links kept) is in or below, as ``raio check`` run there checks only that
    application: what an omitted APP means to raio memo, log and monitor. None when ``start``
    is in the portfolio but in no application's folder; raises :class:`PortfolioNotFound` when
    there is no portfolio around it."""
    root, named = locate(start)
    app_id = application_at(named, root)
    if app_id is None or not (root / APPS_DIR / app_id).is_dir():
        return None
    return root, app_id


def input_file(target: Path) -> str | None:
    """What ``target`` is to the portfolio around it when raio reads it as input (raio.yaml, a
    dossier's YAML file, git's own data), in words; None for any other file. A rendered report
    or memo never replaces such a file, even with --force: ``raio report -o raio.yaml --force``
    would leave a PDF where the portfolio's settings were."""
    try:
        root, path = locate(target)
    except (PortfolioNotFound, OSError, RuntimeError, ValueError):
        return None
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    if parts == (CONFIG,):
        return f"the portfolio's {CONFIG}"
    if parts and parts[0] == ".git":
        return "a file of the portfolio's git repository"
    if len(parts) > 1 and parts[0] == "applications" and path.suffix.lower() in (".yaml", ".yml"):
        return "a dossier file"
    return None


def _working_folder() -> str:
    """The current folder as the shell names it ($PWD, links kept: cd applications/x through a
    linked applications/), when that is the current folder; else the resolved one."""
    cwd = os.getcwd()
    pwd = os.environ.get("PWD")
    try:
        if pwd and os.path.isabs(pwd) and pwd != cwd and os.path.samefile(pwd, cwd):
            return pwd
    except OSError:
        pass
    return cwd


def _holds_config(folder: Path) -> bool:
    """Whether ``folder`` is a portfolio: it holds raio.yaml, or a link by that name that leads
    nowhere (a file moved away): :func:`load_config` then reports the link (YML017), rather than
    every command saying there is no raio.yaml where the user sees one."""
    path = folder / CONFIG
    return path.is_file() or (path.is_symlink() and not path.exists())


def _find_resolved(start: Path) -> Path:
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        if _holds_config(folder):
            return folder
    raise PortfolioNotFound(f"no {CONFIG} in {start} or any folder above it")


def portfolios_below(start: Path, limit: int = 3) -> list[Path]:
    """Folders below ``start`` holding a raio.yaml that its git repository has (committed, or new
    and not ignored), at most ``limit``: where raio run at the top of a larger repository (the
    hospital's IT repository with the portfolio in ``radiology/portfolio``) finds none above.
    One ``git ls-files``; [] outside a repository or when git fails."""
    from raio_cli import gitcmd

    folder = start if start.is_dir() else start.parent
    try:
        proc = gitcmd.git(folder, "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                          paths=[f":(glob)**/{CONFIG}"], check=False)
    except gitcmd.GitError:
        return []
    if proc.returncode != 0:
        return []
    found = sorted({Path(p).parent for p in proc.stdout.split("\0") if p.endswith(CONFIG) and Path(p).parent != Path(".")},
                   key=lambda p: (len(p.parts), p.as_posix()))
    return [folder / p for p in found[:limit]]


def language_of(settings: Any) -> str:
    """The language of memos and reports that raio.yaml's settings give: nl or en (nl when they
    give neither, or cannot be read)."""
    lang = settings.get("language") if isinstance(settings, dict) else None
    return lang if lang in ("nl", "en") else "nl"


def load_config(root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """raio.yaml at ``root``, read as a dossier file is: a link to a file outside the portfolio
    (or one that leads nowhere) is not read but reported (YML017), and every command then goes on
    as with a raio.yaml it cannot read, on the defaults."""
    path = Path(root) / CONFIG
    if path.is_symlink() and (not path.exists() or not inside(path, Path(root))):
        nowhere = not path.exists()
        message, hint = _bad_link(CONFIG, "file", nowhere=nowhere)
        failed = Loaded(file=CONFIG)
        failed.findings.append(Finding(CONFIG, 0, 0, "YML017", Severity.ERROR, message, hint, "",
                                       {"variant": "link_nowhere" if nowhere else "link_out_file", "file": CONFIG, NOT_READ: True}))
        return failed
    return load_file(path, CONFIG, max_bytes=max_bytes)


def load(root: Path, only: set[str] | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Portfolio:
    """Load raio.yaml and every application (or only the ids in ``only``)."""
    from raio_cli import gcquiet

    root = root.resolve()
    pf = Portfolio(root=root)
    pf.config = load_config(root, max_bytes)
    pf.findings.extend(pf.config.findings)
    folders = [e for e in app_folders(root, pf.findings) if only is None or e.name in only]
    with gcquiet.quiet(len(folders)):
        for entry in folders:
            pf.apps.append(load_app(root, entry, max_bytes, pf.findings))
    return pf


def open_lazily(root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Portfolio:
    """raio.yaml loaded and the applications listed, each dossier file read on first use.

    For a check that streams the applications (:mod:`raio_cli.check`) while the portfolio-wide
    rules look at only a few files of each. The loader's findings of the lazily read files are not
    collected here (the streaming pass reports them); those of raio.yaml and the listing are.
    """
    root = root.resolve()
    pf = Portfolio(root=root)
    pf.config = load_config(root, max_bytes)
    pf.findings.extend(pf.config.findings)
    for entry in app_folders(root, pf.findings):
        pf.apps.append(lazy_app(root, entry, max_bytes))
    return pf


def lazy_app(root: Path, folder: Path, max_bytes: int) -> App:
    """An application whose dossier files are read on first use (see :func:`open_lazily`)."""
    app = App(id=folder.name, dir=folder, rel=f"{APPS_DIR}/{folder.name}")
    app.docs = _LazyDocs(app, root, max_bytes)  # type: ignore[assignment]
    return app


def app_folders(root: Path, findings: list) -> list[Path]:
    """The application folders under ``applications/``, by name; links out of the portfolio are
    reported on ``findings`` (YML017) and left out."""
    apps_dir = root / APPS_DIR
    unusable = applications_unusable(root, linked_out=False)  # a link out: each application says so, below
    if unusable is not None:
        findings.append(unusable)
        return []
    if not apps_dir.is_dir():
        findings.extend(dossiers_elsewhere(root, read_any=False))
        return []  # none yet: a portfolio without applications
    out = []
    # Only a link can lead out of the portfolio: resolve the folder once and each link itself.
    all_inside = not apps_dir.is_symlink() and inside(apps_dir, root)
    linked_out = not all_inside and apps_dir.is_symlink() and not inside(apps_dir, root)
    try:
        with os.scandir(apps_dir) as it:  # kinds from the listing itself: no system call per folder
            listed = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        findings.append(_apps_dir_finding(*_apps_dir_said(exc), unreadable_data(exc, APPS_DIR)))
        return []
    if linked_out and not any(not item.name.startswith(".") for item in listed):  # else each application says so
        findings.append(_apps_dir_finding(*_LINKED_OUT, {"variant": "link_out_folder", "file": APPS_DIR}))
    for item in listed:
        if item.name.startswith("."):
            hidden = None if linked_out else _hidden_folder(apps_dir, item)
            if hidden is not None:
                findings.append(hidden)
            continue
        entry = apps_dir / item.name
        rel = f"{APPS_DIR}/{item.name}"
        if (item.is_symlink() and not entry.exists()) or (not (all_inside and not item.is_symlink()) and not inside(entry, root)):
            said = _bad_link(rel, "folder", nowhere=not entry.exists())
            data = {"variant": "link_nowhere" if not entry.exists() else "link_out_folder", "file": rel}
            if linked_out and entry.exists():  # not the application's folder: applications/ itself
                said = (f"{rel} is in {APPS_DIR}/, a link to a place outside the portfolio; it is not read", _LINKED_OUT[1])
                data = {"variant": "in_linked_apps", "file": rel, "folder": f"{APPS_DIR}/", NOT_READ: True}
            findings.append(Finding(rel, 0, 0, "YML017", Severity.ERROR, *said, entry.name, data))
            continue
        try:
            is_dir = item.is_dir()  # follows a link, as Path.is_dir does
        except OSError:
            is_dir = False
        if not is_dir:
            continue
        if not os.access(entry, os.X_OK):  # a folder whose files cannot be reached (no permission to search it)
            findings.append(Finding(rel, 0, 0, "YML017", Severity.ERROR, f"{rel} cannot be read: {os.strerror(errno.EACCES)}",
                                    "Check the folder's permissions: raio needs to read and enter it.", entry.name,
                                    {"variant": "os_error", "file": rel, "os_error": "EACCES",
                                     "detail": os.strerror(errno.EACCES), NOT_READ: True}))
            continue
        out.append(entry)
    # the folders read through a link (applications/ itself, or an application's folder) are read
    linked = {os.path.realpath(p) for p in ([apps_dir] if apps_dir.is_symlink() else []) + [p for p in out if p.is_symlink()]}
    findings.extend(dossiers_elsewhere(root, read_any=bool(out), linked=linked))
    return out


#: The most folders :func:`dossiers_elsewhere` looks into: a portfolio's top holds a few
#: (templates/, docs/, .github/); a tree larger than this is no dossier's place.
ELSEWHERE_MAX_FOLDERS = 2000


def dossiers_elsewhere(root: Path, read_any: bool, linked: set[str] | frozenset = frozenset()) -> list[Finding]:
    """IDN009 for each folder outside ``applications/`` that holds a dossier (its own, or one in
    each of its folders): raio reads ``applications/<id>/`` only, and a dossier anywhere else
    (``applications/`` renamed ``Applications/`` or ``apps/``, an application's folder moved to
    the top, retired dossiers moved to ``archief/``) dropped out of every check, status and
    report without a word, and CI passed on a portfolio of 0 applications.

    A folder holds a dossier when it holds application.yaml, or two of the other dossier files
    (any capitals, .yaml or .yml): a lone compliance.yaml in docs/ is no application. Looked at:
    the portfolio's top folder, the folders in it and the folders in those, none hidden (.git,
    .github, .raio), none a link (raio follows no link to look inside). An error when
    ``applications/`` gave no application to read (nothing at all is checked), a warning when it
    did. ``linked``: the real paths of the folders read through a link (``applications/`` a link
    to ``dossiers/``, an application's folder a link into another folder of the portfolio): read,
    so not reported."""
    root = Path(root)
    found: list[tuple[str, list[str], list[str]]] = []  # (folder, its dossier files, dossiers in it)
    budget = [ELSEWHERE_MAX_FOLDERS]

    def listing(path: str) -> list[os.DirEntry]:
        if budget[0] <= 0:
            return []
        budget[0] -= 1
        try:
            with os.scandir(path) as it:
                return sorted(it, key=lambda e: e.name)
        except OSError:
            return []

    def folders(entries: list[os.DirEntry]) -> list[os.DirEntry]:
        out = []
        for e in entries:
            try:
                if not e.name.startswith(".") and e.is_dir(follow_symlinks=False) \
                        and not (linked and os.path.realpath(e.path) in linked):
                    out.append(e)
            except OSError:
                continue
        return out

    top = listing(str(root))
    own = _dossier_names(top)
    if own:
        found.append(("", own, []))
    for folder in folders(top):
        if folder.name == APPS_DIR:
            continue
        entries = listing(folder.path)
        own = _dossier_names(entries)
        if own:
            found.append((folder.name, own, []))
            continue
        held = [sub.name for sub in folders(entries) if _dossier_names(listing(sub.path))]
        if held:
            found.append((folder.name, [], held))
    apps_missing = not os.path.lexists(root / APPS_DIR)
    return [_elsewhere_finding(rel, own, held, read_any, apps_missing) for rel, own, held in found]


def _dossier_names(entries: list[os.DirEntry]) -> list[str]:
    """The dossier files among ``entries`` when they make a dossier (application.yaml, or two
    others), else none."""
    names = []
    for e in entries:
        stem, ext = os.path.splitext(e.name)
        if ext.lower() in (".yaml", ".yml") and stem.lower() in DOSSIER_FILES:
            names.append(e.name)
    stems = {os.path.splitext(n)[0].lower() for n in names}
    return names if "application" in stems or len(stems) >= 2 else []


def _elsewhere_finding(rel: str, own: list[str], held: list[str], read_any: bool, apps_missing: bool) -> Finding:
    """IDN009's finding for ``rel`` (``""``: the portfolio's top folder), which holds a dossier
    (``own``: its files) or the dossiers of folders in it (``held``: their names)."""
    from raio_cli import shellhint

    def some(names: list[str]) -> str:
        return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")

    git_mv = f"{shellhint.git()} mv"
    if own:
        where = f"{rel}/" if rel else "The portfolio's top folder"
        said = f"{where} holds a dossier ({some(own)}) that is not read"
        new_home = f"{APPS_DIR}/{rel}" if rel and APP_ID.fullmatch(rel) else f"{APPS_DIR}/<id>"
        if rel:
            move = f"Move the folder into {APPS_DIR}/, named by the application's id: {git_mv} {shellhint.quoted(rel)} {new_home}"
        else:
            move = f"Move the dossier files into a folder of their own, {APPS_DIR}/<id>/ (raio new-pilot makes one)"
    else:
        kind = "a dossier" if len(held) == 1 else f"{len(held)} dossiers"
        said = f"{rel}/ holds {kind} ({some(held)}) that {'is' if len(held) == 1 else 'are'} not read"
        if apps_missing:  # applications/ renamed, or made under another name
            move = f"Give the folder the name raio reads: {git_mv} {shellhint.quoted(rel, APPS_DIR)}"
        else:
            others = ", and the others alike" if len(held) > 1 else ""
            move = f"Move {'them' if held[1:] else 'it'} into {APPS_DIR}/: {git_mv} {shellhint.quoted(f'{rel}/{held[0]}', APPS_DIR + '/')}{others}"
    said += f": raio reads the dossiers in {APPS_DIR}/<id>/ only"
    if read_any:
        said += f", so {'they are' if held[1:] else 'it is'} not checked and missing from raio status and the board's report"
        hint = (f"{move}. An application no longer in use stays in {APPS_DIR}/ with stage: retired (or stopped), "
                "so that its dossier and its history stay checked and reported.")
    else:
        said += (f", and there is no {APPS_DIR}/ folder" if apps_missing else f", and {APPS_DIR}/ holds none") + \
            ": nothing is checked"
        hint = move + (f" (make {APPS_DIR}/ first: mkdir {APPS_DIR})" if apps_missing and own and rel else "") + "."
    data = {"folder": (rel or ".")[:80], "files": own[:20], "applications": held[:20]}
    return Finding(rel or ".", 0, 0, "IDN009", Severity.WARNING if read_any else Severity.ERROR, said, hint, "", data)


#: YML017's message and hint for an applications/ that links out of the portfolio (the hint also
#: that of each application in it)
_LINKED_OUT = (f"{APPS_DIR}/ is a link to a place outside the portfolio; no application is read",
               f"Make {APPS_DIR}/ a folder of the portfolio rather than a link out of it, and move the dossiers into it: "
               "raio reads no dossier outside the portfolio, whose git history is the audit trail.")


def _apps_dir_finding(message: str, hint: str, data: dict) -> Finding:
    """A YML017 finding at ``applications/`` itself: not one application is read (a portfolio
    finding, of no application)."""
    return Finding(APPS_DIR, 0, 0, "YML017", Severity.ERROR, message, hint, "", {**data, NOT_READ: True})


def _apps_dir_said(exc: OSError) -> tuple[str, str]:
    """The message and hint of YML017 for an ``applications/`` folder that cannot be listed."""
    return (f"{APPS_DIR}/ cannot be read: {exc.strerror or exc}; no application is read",
            f"Check the folder's permissions: raio needs to read and enter {APPS_DIR}/ and the application folders in it.")


def applications_unusable(root: Path, linked_out: bool = True) -> Finding | None:
    """YML017 for an ``applications/`` at ``root`` that is there but holds no application raio
    can read: a link that leads nowhere, a file (or a link to one, a pipe, a device) in its place,
    a folder raio may not list or enter, and (``linked_out``) a link to a place outside the
    portfolio. A command on such a portfolio said nothing and showed it empty (0 applications,
    no finding), or stopped with an internal error. None when it is a usable folder or is not
    there at all (a portfolio with no application yet)."""
    apps_dir = Path(root) / APPS_DIR
    rel = f"{APPS_DIR}/"  # as the messages name it; the findings' file is APPS_DIR
    if linked_out and apps_dir.is_symlink() and apps_dir.exists() and not inside(apps_dir, Path(root)):
        return _apps_dir_finding(*_LINKED_OUT, {"variant": "link_out_folder", "file": APPS_DIR})
    if apps_dir.is_symlink() and not apps_dir.exists():
        return _apps_dir_finding(f"{rel} is a link that leads nowhere (dangling or a loop); no application is read",
                                 f"Replace the link with the folder of the application folders itself, {rel}<id>/.",
                                 {"variant": "link_nowhere", "file": APPS_DIR})
    try:
        is_dir = apps_dir.is_dir()
    except OSError:
        is_dir = False
    if not is_dir:
        if not apps_dir.exists():
            return None
        kind = kind_of(apps_dir) or "a file"  # (not a folder: a file, a pipe, a socket, a device)
        return _apps_dir_finding(f"{APPS_DIR} is {kind}, not a folder; no application is read",
                                 f"Move {'the file' if kind == 'a file' else 'it'} away and make {rel} a folder with one folder per application "
                                 f"({rel}<id>/, as raio new-pilot writes it).",
                                 {"variant": "not_a_folder", "file": APPS_DIR})
    if not os.access(apps_dir, os.R_OK | os.X_OK):
        exc = OSError(errno.EACCES, os.strerror(errno.EACCES))
        return _apps_dir_finding(*_apps_dir_said(exc), unreadable_data(exc, APPS_DIR))
    return None


def _hidden_folder(apps_dir: Path, item: os.DirEntry) -> Finding | None:
    """IDN006 for a hidden folder in ``applications/`` (``.verborgen/``) that holds YAML files:
    raio does not read it, since a name starting with '.' is no application id, and a dossier
    renamed so by mistake, or left behind by a tool, dropped out of every check, status and
    report unnoticed. An error when it holds a dossier file (an application raio does not see),
    a warning when it holds other YAML files. Nothing for hidden files (.DS_Store, .gitkeep), for
    a hidden folder without YAML files (an editor's or tool's, or an empty one, which git does
    not even keep), nor for a link (raio follows no link to look inside)."""
    try:
        if not item.is_dir(follow_symlinks=False):
            return None
        with os.scandir(item.path) as it:
            yaml_files = sorted(e.name for e in it if os.path.splitext(e.name)[1].lower() in (".yaml", ".yml"))
    except OSError:
        return None
    if not yaml_files:
        return None
    rel = f"{APPS_DIR}/{item.name}"
    dossier = [n for n in yaml_files if os.path.splitext(n)[0].lower() in DOSSIER_FILES]
    held = ", ".join(yaml_files[:3]) + (f" and {len(yaml_files) - 3} more" if len(yaml_files) > 3 else "")
    from raio_cli import shellhint

    kind = "a dossier" if dossier else "YAML files"
    return Finding(rel, 0, 0, "IDN006", Severity.ERROR if dossier else Severity.WARNING,
                   f"{rel} holds {kind} ({held}) but is not read: a folder whose name starts with '.' is hidden, "
                   "and no application id",
                   f"If it is an application, give the folder its id ({shellhint.git()} mv {shellhint.quoted(rel)} "
                   f"{APPS_DIR}/<id>); if not, remove it or keep it out of {APPS_DIR}/.", item.name,
                   {"variant": "hidden", "folder": item.name[:80], "files": yaml_files[:20], **({NOT_READ: True} if dossier else {})})


def _bad_link(rel: str, kind: str, nowhere: bool) -> tuple[str, str]:
    """The message and hint of YML017 for a link that is not read, to a ``kind`` ("file" or
    "folder"): one that leads nowhere (dangling, or a loop) or one that leads out of the portfolio."""
    itself = "the file itself" if kind == "file" else "the application's folder itself"
    if nowhere:
        return (f"{rel} is a link that leads nowhere (dangling or a loop); it is not read",
                f"Remove the link, or replace it with {itself}.")
    place = "a file" if kind == "file" else "a place"
    return f"{rel} is a link to {place} outside the portfolio; it is not read", f"Replace the link with {itself}."


def _readable_names(root: Path, folder: Path, app: App, findings: list | None) -> list[str]:
    """The dossier files of an application that are read (reporting .yml names and links out)."""
    names = []
    # A dossier file is read by its exact name, also where the file system ignores case (Windows,
    # macOS): there Effects.yaml opens as effects.yaml, while git and a Linux CI know it by its own
    # name. The folder's listing, which gives names as they are, decides.
    listed = {entry for entry, _is_dir in folder_listing(app)} if app.dir == folder else set()
    for name in DOSSIER_FILES:
        path = folder / f"{name}.yaml"
        rel = app.file(name)
        if not os_lexists(path) or (listed and f"{name}.yaml" not in listed):
            wrong = (next((n for n in sorted(listed) if n.lower() in (f"{name}.yaml", f"{name}.yml") and n != f"{name}.yaml"),
                          None) if listed else f"{name}.yml" if (folder / f"{name}.yml").exists() else None)
            if findings is not None and wrong is not None:
                findings.append(Finding(f"{app.rel}/{wrong}", 0, 0, "IDN005", Severity.ERROR,
                                        f"{wrong} must be named {name}.yaml", f"Rename it: git mv {wrong} {name}.yaml",
                                        app.id, {"wrong": wrong, "right": f"{name}.yaml"}))
            continue
        if path.is_symlink() and (not path.exists() or not inside(path, root)):
            if findings is not None:
                findings.append(Finding(rel, 0, 0, "YML017", Severity.ERROR,
                                        *_bad_link(rel, "file", nowhere=not path.exists()), app.id,
                                        {"variant": "link_nowhere" if not path.exists() else "link_out_file", "file": rel, NOT_READ: True}))
            continue
        names.append(name)
    return names


def load_app(root: Path, folder: Path, max_bytes: int, findings: list, preloaded: Mapping | None = None) -> App:
    """Read an application's dossier files; ``preloaded`` maps a file name to ``(bytes, Loaded)``
    read earlier in this run (see :func:`raio_cli.check._preload`), used instead of reading it again."""
    app = App(id=folder.name, dir=folder, rel=f"{APPS_DIR}/{folder.name}")
    for name in _readable_names(root, folder, app, findings):
        early = preloaded.get(name) if preloaded else None
        if early is not None:
            raw, loaded = early
            if raw is not None:
                remember(raw, app.file(name), loaded)
        else:
            loaded = load_file(folder / f"{name}.yaml", app.file(name), app.id, max_bytes)
        app.docs[name] = loaded
        findings.extend(loaded.findings)
    return app


class _LazyDocs(Mapping):
    """An application's dossier files by name, each read on first use (see :func:`open_lazily`)."""

    def __init__(self, app: App, root: Path, max_bytes: int):
        self._app, self._root, self._max = app, root, max_bytes
        self._known: list[str] | None = None
        self._loaded: dict[str, Loaded] = {}

    @property
    def _names(self) -> list[str]:
        if self._known is None:
            self._known = _readable_names(self._root, self._app.dir, self._app, None)
        return self._known

    def __getitem__(self, name: str) -> Loaded:
        doc = self._loaded.get(name)
        if doc is None:
            if name not in self._names:
                raise KeyError(name)
            doc = self._loaded[name] = load_file(self._app.dir / f"{name}.yaml", self._app.file(name),
                                                 self._app.id, self._max)
        return doc

    def put(self, name: str, loaded: Loaded) -> None:
        """Hand over a file that was read elsewhere (it is then not read again)."""
        self._loaded.setdefault(name, loaded)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def folder_listing(app: App) -> list[tuple[str, bool]]:
    """The entries of the application's folder as ``(name, is a folder)``, sorted by name, links
    not followed; [] when it cannot be listed. Listed once per run for the rules that look at
    the names (IDN007, PRV006)."""
    listed = app.__dict__.get("_listing")
    if listed is None:
        try:
            with os.scandir(app.dir) as it:
                listed = sorted((e.name, e.is_dir(follow_symlinks=False)) for e in it)
        except OSError:
            listed = []
        app.__dict__["_listing"] = listed
    return listed


def application_ids(root: Path) -> list[str]:
    """The ids of the application folders under ``root``/applications, sorted."""
    folder = Path(root) / APPS_DIR
    try:
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def close_ids(app_id: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``known`` that ``app_id`` may have meant: those it begins, or begins a part
    of ('ct': ct-lichaamssamenstelling, longnodule-ct), then the nearest by difflib; none when
    nothing is close."""
    import difflib

    typed = app_id.strip().lower()
    known = sorted(set(known) - {app_id})  # what was typed is no suggestion; its lowercase is (Fractuurdetectie-SEH)
    holding = [k for k in known if len(typed) >= 2 and (k.startswith(typed) or f"-{typed}" in k)]
    near = difflib.get_close_matches(typed, known, n=n, cutoff=0.6)
    return list(dict.fromkeys(holding + near))[:n]


def unknown_application(app_id: str, known: Iterable[str], root: Path) -> str:
    """The one message for an application id that is not in the portfolio at ``root`` (raio memo,
    raio log, raio monitor): the close ids, or else the command that lists them; one line."""
    from raio_cli.terminal import printable

    from raio_cli.privacy import clip

    shown = clip(printable(app_id), 80)
    close = close_ids(app_id, known)
    tail = f"did you mean: {', '.join(close)}?" if close else "'raio status' lists the applications"
    return f"no application '{shown}' in {root}; {tail}"


def inside(path: Path, root: Path) -> bool:
    """True when ``path``, with every link followed, lies within ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def os_lexists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


_POLICY_DEFAULTS: dict | None = None


def policy_defaults() -> dict:
    global _POLICY_DEFAULTS
    if _POLICY_DEFAULTS is None:
        from raio_cli.resources import load_yaml

        _POLICY_DEFAULTS = load_yaml(Path(__file__).parent / "catalog" / "policy.yaml")["policy"]
    return _POLICY_DEFAULTS


def _acted_on(overrides: Any, config: Loaded | None) -> Any:
    """raio.yaml ``policy`` without the whole numbers written with points between the thousands
    (``max_pilot_days: 1.000``, which YAML reads as 1): the schema reports them (SCH003, write
    1000), and a rule acting on 1 meanwhile would report every pilot. Their defaults apply."""
    if not isinstance(overrides, dict) or config is None or not config.coerced:
        return overrides
    from raio_cli.values import THOUSANDS_POINTS

    slips = {path[1] for path, (ytype, text) in config.coerced.items()
             if len(path) == 2 and path[0] == "policy" and ytype == "float" and THOUSANDS_POINTS.fullmatch(text)}
    return {k: v for k, v in overrides.items() if k not in slips} if slips else overrides


def merged_policy(overrides: Any, config: Loaded | None = None) -> dict:
    """The defaults overlaid with raio.yaml ``policy`` (read from ``config``, raio.yaml as loaded,
    when given: a number the schema reports for its thousands point keeps its default). A
    ``fail_on`` that names no severity keeps the default: the schema reports it at its line in
    raio.yaml (SCH004), and the check still runs and shows that finding instead of stopping on a
    value it cannot read."""
    from raio_cli.findings import Severity

    overrides = _acted_on(overrides, config)
    policy = copy.deepcopy(policy_defaults())
    if isinstance(overrides, dict):
        for key, value in overrides.items():
            if value is not None:
                policy[key] = value
    try:
        Severity.parse(str(policy.get("fail_on")))
    except ValueError:
        policy["fail_on"] = policy_defaults().get("fail_on", "error")
    return policy


def phi_patterns(root: Path) -> list:
    """The usable patient-number patterns of raio.yaml at ``root`` (BSNs are always masked):
    for masking what a command prints about the portfolio without loading all of it."""
    from raio_cli import privacy

    config = load_config(Path(root))
    settings = config.data if isinstance(config.data, dict) else {}
    return privacy.patterns_of(_unread_marked(merged_policy(settings.get("policy"), config), config))


def _unread_marked(policy: dict, config) -> dict:
    """``policy`` marked as that of a raio.yaml that could not be read, when ``config`` was not,
    and with the e-mail domains PRV003 allows (:data:`raio_cli.privacy.EMAIL_DOMAINS`, which
    may come from raio.yaml's people): what raio prints masks an address at another domain."""
    from raio_cli import privacy

    if config is None or not isinstance(config.data, dict):
        policy[privacy.UNREAD] = True
        return policy
    policy[privacy.EMAIL_DOMAINS] = privacy.allowed_domains(policy, config.data)
    return policy
