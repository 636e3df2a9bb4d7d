"""The audit trail of one application, from git: what changed in its dossier, when, and by whom.

:func:`audit_trail` turns the versions that :mod:`raio_cli.history` read (one pass over the
repository) into events, oldest first: stage changes, the registration of effects and every later
change of their definitions, removals, amendments (with the commit that added them), the pilot's
start and end dates, extensions, the outcome (its results, and which of its texts were added,
changed or removed, or the whole outcome removed), the decision (and its removal), the stop after scale-up (the
retirement: when, decided by whom and on which day, why), the monitoring results and incidents,
and committed memos. Uncommitted
edits in the working tree come last, marked ``uncommitted`` and dated today, as ``raio check``
counts them, and so does every dossier file and memo added, edited or deleted since the last
commit, or removed from git while still on disk (``git rm --cached``).

Each event is a plain dict::

    {"date": "2026-05-02", "author": "J. de Vries", "commit": "c0ffee1", "commit_full": "c0ffee1…",
     "kind": "effect-changed", "effect": "E1", "field": "target", "old": 0.9, "new": 0.85,
     "description": "E1 target changed 0.90 → 0.85 (after the pilot started on 2026-03-01)"}

``effect``, ``field``, ``old`` and ``new`` are present only where they apply; so are ``merge`` and
``merged``, the merge commit (short) that took a branch's commit into the main line and its date,
where that is later than the commit's own date (the description then says so). Kinds: ``stage``,
``application``, ``effect-registered``, ``effect-changed``, ``effect-removed``, ``amendment``,
``plan``, ``extension``, ``outcome``, ``decision``, ``retirement`` (the stop after scale-up, planned
or done, from application.yaml's ``retirement``), ``result`` and ``incident`` (monitoring.yaml's
results and incidents added, changed or removed), ``memo``, ``renamed`` (the application's folder, or
the whole portfolio moved within its repository: the event names where git keeps the history
before it), ``file``.

Dates are the commits' author dates: claims recorded in git, not proofs (see raio_cli.history).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from raio_cli import history as hist
from raio_cli.history import History, Version, display

KINDS = ("stage", "application", "effect-registered", "effect-changed", "effect-removed", "amendment", "plan",
         "extension", "outcome", "decision", "retirement", "result", "incident", "memo", "renamed", "file")


class UnknownApplication(LookupError):
    """No application with that id in the portfolio or its history."""

    def __init__(self, app_id: str, suggestions: list[str]):
        super().__init__(app_id)
        self.app_id = app_id
        self.suggestions = suggestions


class HistoryUnavailable(Exception):
    """There is no git history to read (no git, no repository, no commits, nothing committed)."""

    def __init__(self, message: str, hint: str = "", state: str = ""):
        super().__init__(message)
        self.hint = hint
        self.state = state


_HINTS = {
    "no-git": "Install git; the audit trail is the portfolio's git history.",
    "not-a-repository": "Run raio log in a clone of the portfolio's repository.",
    "unsafe-repository": "Run: git config --global --add safe.directory <the repository's path>",
    "worktree-elsewhere": "Remove the repository's core.worktree setting (git config --unset core.worktree), "
                          "or run raio log in a fresh clone of the portfolio's repository.",
}


def known_ids(root: Path, h: History | None = None) -> list[str]:
    """Application ids in the folder and in the history (current and former folder names)."""
    ids: set[str] = set()
    apps_dir = Path(root) / "applications"
    try:  # applications/ that raio may not list or enter: the ids the history knows
        if apps_dir.is_dir():
            ids.update(p.name for p in apps_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        pass
    if h is not None:
        for a in h.apps.values():
            ids.add(a.id)
            ids.update(a.former_ids)
    return sorted(ids)


def read_history(root: Path, app_id: str, today: dt.date) -> History:
    """The history :func:`audit_trail` needs for ``app_id``: only that application's versions (and
    those of the folders it was renamed from or to); the whole history when the id is none the
    application folder or that read knows, so that a typo gets suggestions from every former name."""
    h = hist.read(Path(root), today, only=[app_id])
    return h if app_id in known_ids(root, h) else hist.read(Path(root), today)


def audit_trail(root: Path, app_id: str, *, today: dt.date | None = None, history: History | None = None) -> list[dict]:
    """The events of application ``app_id`` (current or former folder name), oldest first.

    Raises :class:`UnknownApplication` (with close ids) and :class:`HistoryUnavailable`.
    Pass ``history`` to reuse one already read (e.g. to warn about a shallow clone first).
    """
    today = today or dt.date.today()
    h = history if history is not None else read_history(root, app_id, today)
    ids = known_ids(root, h)
    if app_id not in ids:
        from raio_cli.portfolio import close_ids

        raise UnknownApplication(app_id, close_ids(app_id, ids))
    if not h.readable:
        # a command in the hint has its git marked (raio_cli.shellhint): raio log words it as run where the user is
        hint = hist.move_hint(h) if h.moved_from is not None else _HINTS.get(h.state, "")
        git, paths = hist.in_repository(h, *(("raio.yaml",) if h.state == "no-commits" else ()), "applications")
        if h.moved_from is None and h.state in ("no-commits", "not-committed"):
            hint = f"Commit the {'portfolio' if h.state == 'no-commits' else 'applications'} first: {git} add {paths} && {git} commit"
        elif h.state == "error" and h.damaged:
            hint = hist.damaged_hint(git)
        elif h.state == "error":
            hint = f"Run {git} log -- applications to see what git reports."
        raise HistoryUnavailable(h.message, hint, h.state)
    ah = h.find(app_id)
    new = hist.uncommitted_files(h, ah.id if ah is not None else app_id)
    if ah is None and not new:
        return []
    hist.read_contents(h, (ah.versions("monitoring") if ah is not None else []) + [v for v in new if _monitoring(v)])
    from raio_cli.portfolio import phi_patterns

    patterns = phi_patterns(Path(root))
    return [_safe(e, patterns) for e in events(ah if ah is not None else hist.AppHistory(id=app_id), new, today)]


def not_as_text(h: History, app_id: str) -> str:
    """What ``raio log`` warns of when git holds dossier files of ``app_id`` as a symbolic link or
    a Git LFS pointer (:attr:`raio_cli.history.AppHistory.stored_as`), or the application in a
    submodule, in GIT009's words; "" otherwise: the trail then shows the history of the link or
    the pointer, not of the file's text."""
    ah = h.find(app_id) if h.readable else None
    if ah is None or not (ah.submodule or ah.linked or ah.stored_as):
        return ""
    said = hist.held_otherwise(ah, f"applications/{ah.id}", of=f" of {ah.id}")
    if ah.submodule or ah.linked:
        return said + "."
    what = "it held" if len(ah.stored_as) == 1 else "they held"
    return f"{said}: the trail cannot show what {what}. Commit the files themselves (see raio check's GIT009)."


def _safe(entry: dict, patterns: list) -> dict:
    """The event with patient identifiers masked and control characters replaced."""
    return {key: _safe_value(value, patterns) for key, value in entry.items()}


def _safe_value(value: Any, patterns: list) -> Any:
    """A value of an event (``old`` and ``new`` as a commit wrote them: a list or a mapping too)
    with patient identifiers masked in its texts and numbers (a BSN written as a number, which
    the definitions hold as 111222333.0, too), control characters replaced, and a number that is
    no number (``.nan``, ``.inf``) as its text: JSON has none."""
    from raio_cli import privacy

    if isinstance(value, str):
        return hist.printable(privacy.mask_identifiers(value, patterns))
    if isinstance(value, float) and not math.isfinite(value):  # JSON has no NaN or Infinity: as YAML writes them
        return ".nan" if value != value else ".inf" if value > 0 else "-.inf"
    if isinstance(value, float) and value.is_integer() and privacy.is_bsn_int(int(value)):
        return privacy.mask_bsn(str(int(value)))
    if isinstance(value, int) and not isinstance(value, bool) and privacy.is_bsn_int(value):
        return privacy.mask_bsn(str(value))
    if isinstance(value, dict):
        return {_safe_value(k, patterns): _safe_value(v, patterns) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_safe_value(v, patterns) for v in value]
    return value


def _start_of(ah) -> dt.date | None:
    for v in reversed(ah.versions("pilot")):
        data = v.data
        if data is not None:
            plan = data.get("plan")
            value = plan.get("start") if isinstance(plan, dict) else None
            try:
                return dt.date.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                return None
    return None


def events(ah: hist.AppHistory, new: list[Version] = (), today: dt.date | None = None) -> list[dict]:
    """All events of one application's history, oldest first; ``new``: its dossier files and
    memos whose uncommitted state the history did not read
    (:func:`raio_cli.history.uncommitted_files`), listed as added, updated, deleted or removed
    from git (still on disk) among the uncommitted edits; ``today``: a commit dated after it shows
    nothing of when what follows it was made (:func:`raio_cli.history.witness_after`)."""
    out: list[tuple[tuple, dict]] = []
    start = _start_of(ah)

    def add(v: Version, kind: str, description: str, **extra: Any) -> None:
        entry = {"date": v.date.isoformat(), "committed": v.committed.isoformat(), "author": v.author,
                 "commit": v.short, "commit_full": v.commit, "kind": kind}
        entry.update({k: val for k, val in extra.items() if val is not ...})
        if v.committed != v.date and not v.uncommitted:  # a rebase, an amend, or a date set by hand
            description += f" [committed on {v.committed.isoformat()}]"
        if v.made != v.date:  # a branch's commit, on record from the later merge that took it in
            entry.update(merge=v.merge.short, merged=v.merge.date.isoformat())
            description += f" [on a branch, merged by {v.merge.short} on {v.merge.date.isoformat()}]"
        if v.truncated:
            description += " [shallow clone: the history before this commit was not fetched]"
        if today is not None and not v.uncommitted and v.date > today:  # a wrong clock: when it was made is not known
            description += f" [dated after today, {today.isoformat()}: a wrong clock, or a date set by hand]"
        entry["description"] = description
        out.append(((v.date, v.order, len(out)), entry))

    renamed: set[str] = set()
    for name, versions in ah.files.items():
        for v in versions:
            if v.status == "R" and v.old_path and v.old_path.split("/")[1] != v.path.split("/")[1] and v.commit not in renamed:
                renamed.add(v.commit)
                add(v, "renamed", f"application folder renamed from {'/'.join(v.old_path.split('/')[:2])}")
            elif v.status == "A" and v.old_path:  # moved from an application that goes on
                add(v, "file", f"{name}.yaml moved here from {'/'.join(v.old_path.split('/')[:2])}")
            elif v.status == "R" and v.old_path and v.old_path != v.path:  # Effects.yaml, effects.yml given its name (IDN005)
                add(v, "file", f"{v.path.rsplit('/', 1)[1]} renamed from {v.old_path.rsplit('/', 1)[1]}")
            elif v.vanished and len(v.vanished) == 1:  # copied from a folder deleted in the same commit
                add(v, "file", f"{name}.yaml added; the same commit deleted {v.vanished[0][0]}: git saw no rename")

    for v, old, new_path in ah.moves:  # the whole portfolio moved (git mv) within its repository
        old_root, new_root = old[:-len(v.path)], new_path[:-len(v.path)]
        add(v, "renamed", f"portfolio moved within its repository, from {old_root or 'its top'} to "
                          f"{new_root or 'its top'}: before this commit, the history of {new_path} is that of {old}")
    _application_events(ah, add)
    _effect_events(ah, add, start, today or dt.date.max)
    _pilot_events(ah, add)
    for name in ("problem", "compliance"):
        for v in ah.versions(name):
            _plain_event(v, name, add)
    monitoring_now = _monitoring_events(ah.versions("monitoring"), add)
    for v in ah.memos:
        memo = v.path.split("/", 2)[2] if v.path.count("/") >= 2 else v.path
        verb = {"A": "committed", "D": "removed", "R": "renamed"}.get(v.status, "updated")
        add(v, "memo", f"memo {verb}: {memo}")
    for v in new:
        if _monitoring(v):
            monitoring_now(v)
        else:
            _uncommitted_event(v, add)
    out.sort(key=lambda item: (item[1]["commit"] == hist.UNCOMMITTED, item[0]))
    return [entry for _key, entry in out]


def _monitoring(v: Version) -> bool:
    """Whether ``v`` is a version of the application's monitoring.yaml (or .yml)."""
    return v.path.rsplit("/", 1)[-1] in ("monitoring.yaml", "monitoring.yml")


def _uncommitted_event(v: Version, add) -> None:
    """A dossier file or memo added, edited, deleted or removed from git since the last commit
    (:func:`raio_cli.history.uncommitted_files`)."""
    verb = "deleted" if v.deleted else "removed from git (still on disk)" if v.status == "U" \
        else "added" if v.old_blob is None else "updated"
    name = v.path.split("/", 2)[2]  # its path in the application's folder
    if name.startswith("memos/"):
        add(v, "memo", f"memo {verb}: {name}")
    else:
        add(v, "file", f"{name} {verb}")


def _plain_event(v: Version, name: str, add) -> None:
    """``problem.yaml updated``: a version of a file whose content the trail does not describe."""
    if len(v.vanished) == 1:
        return  # "added; the same commit deleted ..." says it
    if (v.status in ("A", "M", "D", "W") and not v.old_path) or (v.status == "R" and v.blob != v.old_blob):
        verb = {"A": "added", "D": "deleted"}.get(v.status, "updated")
        add(v, "file", f"{name}.yaml {verb}")


def _monitoring_events(versions: list[Version], add):
    """The results and incidents each version of monitoring.yaml in ``versions`` (from the
    history) added, changed or removed (as ``raio monitor APP result``, ``incident``,
    ``update-incident`` and ``import`` write them, or by hand). A version that changed neither
    (the plan, a comment) is ``monitoring.yaml updated``, and the file's addition
    ``monitoring.yaml added`` besides (:func:`_plain_event`). Returns what describes the file's
    uncommitted state after them (of :func:`raio_cli.history.uncommitted_files`;
    :func:`_uncommitted_event` where it tells nothing more)."""
    prev: dict = {"results": {}, "incidents": {}}
    states: dict = {}  # blob -> prev after the version that wrote it

    def one(v: Version, uncommitted: bool) -> None:
        nonlocal prev
        prev, others = _parents(v, states, prev)
        data = v.data
        told: list[tuple[str, str]] = []  # (kind, description)
        if data is not None:
            now = {"results": _results_of(data), "incidents": _incidents_of(data)}
            for key, what in (("results", "result"), ("incidents", "incident")):
                theirs = [o.get(key) or {} for o in others]
                old = prev.get(key) or {}
                added = [k for k in now[key] if k not in old and not any(k in t for t in theirs)]
                changed = [k for k in now[key] if k in old and now[key][k] != old[k]
                           and not any(t.get(k) == now[key][k] for t in theirs)]
                removed = [k for k in old if k not in now[key] and not any(k not in t for t in theirs)]
                told += [(what, _monitoring_text(what, verb, keys, now[key] if verb != "removed" else old, old))
                         for verb, keys in (("added", added), ("changed", changed), ("removed", removed)) if keys]
            prev = now
        elif v.deleted:
            prev = {"results": {}, "incidents": {}}
        if uncommitted:
            if not told or v.old_blob is None:
                _uncommitted_event(v, add)
        elif not told or v.status == "A":
            _plain_event(v, "monitoring", add)
        for kind, text in told:
            add(v, kind, text)
        if v.blob:
            states[v.blob] = prev

    for v in versions:
        one(v, False)
    return lambda v: one(v, True)


def _results_of(data: dict) -> dict:
    """monitoring.yaml's results, by date: their values (``M1 2.1, M2 27``)."""
    from raio_cli import monitoring as mon

    return {day.isoformat(): ", ".join(f"{_clip(k, 30)} {_clip(val, 30)}" for k, val in mon.values(r).items())
            for _i, r, day in mon.results(data)}


def _incidents_of(data: dict) -> dict:
    """monitoring.yaml's incidents, by date (and, of several that day, their order): each as the
    fields it holds (``reported_to.vendor``: its value)."""
    from raio_cli import monitoring as mon

    out: dict = {}
    for _i, inc, day in mon.incidents(data):
        date = day.isoformat() if day else "(no date)"
        n = sum(1 for k in out if k[0] == date)
        fields: dict = {}
        for name, value in inc.items():
            if isinstance(value, dict):
                fields.update({f"{name}.{k}": _clip(val, 60) for k, val in value.items()})
            else:
                fields[str(name)] = _clip(value, 60)
        out[(date, n)] = fields
    return out


def _monitoring_text(what: str, verb: str, keys: list, now: dict, old: dict) -> str:
    """``result of 2026-11-14 added: M1 2.1, M2 27``; of several, ``3 results added, 2026-08-31
    to 2026-10-31``; ``incident of 2026-11-10 added (minor)``, ``incident of 2026-11-10
    changed: reported_to.manufacturer added``."""
    dates = [k[0] if isinstance(k, tuple) else k for k in keys]
    if len(keys) > 1:
        return f"{len(keys)} {what}s {verb}, " + (f"{min(dates)} to {max(dates)}" if len(set(dates)) > 1 else f"of {dates[0]}")
    text, key = f"{what} of {dates[0]} {verb}", keys[0]
    if verb == "removed":
        return text
    if what == "result":
        return text + (f": {old[key]} → {now[key]}" if verb == "changed" else f": {now[key]}" if now[key] else "")
    if verb == "added":
        return text + (f" ({now[key]['severity']})" if now[key].get("severity") else "")
    before, after = old[key], now[key]
    parts = [f"{f} added" for f in after if f not in before] + \
        [f"{f} {before[f]} → {after[f]}" if f == "severity" else f"{f} changed" for f in after
         if f in before and after[f] != before[f]] + [f"{f} removed" for f in before if f not in after]
    return text + ": " + ", ".join(parts)


def _file_event(v: Version, name: str, add, described: bool) -> None:
    """A plain entry for a version of a content file that no other event describes."""
    if described or (v.status == "A" and v.old_path) or len(v.vanished) == 1:  # a file moved here: the event says so
        return
    if v.status == "D":
        add(v, "file", f"{name}.yaml deleted")
    elif v.status == "A" or (v.uncommitted and v.status == "W" and v.old_blob is None):  # new, maybe not committed
        add(v, "file", f"{name}.yaml added" + (" (cannot be read as YAML)" if v.data is None else ""))
    elif v.status == "R" and v.blob == v.old_blob:
        return  # a pure rename: the "renamed" event says it
    elif v.others and v.data is not None:
        return  # a merge that combined its parents' edits: each is listed at the commit that made it
    else:
        add(v, "file", f"{name}.yaml edited" + (" (cannot be read as YAML)" if v.data is None else
                                                " (no change to what raio tracks)"))


def _application_events(ah, add) -> None:
    stages = {id(s.version): s for s in ah.stages}
    prev: dict = {"version": None, "stop": None}
    states: dict = {}  # blob -> prev after the version that wrote it
    for v in ah.versions("application"):
        prev, others = _parents(v, states, prev)
        described = False
        s = stages.get(id(v))
        if s is not None:
            text = f"stage: {_clip(s.previous, 30)} → {_clip(s.stage, 30)}" if s.previous else \
                f"stage set to {_clip(s.stage, 30)}"
            if s.since:
                text += f" (stage_since {_clip(s.since, 30)})"
            add(v, "stage", text, field="stage", old=s.previous, new=s.stage)
            described = True
        data = v.data
        if data is not None:
            version, previous_version = data.get("version"), prev["version"]
            if previous_version is not None and version != previous_version and version is not None \
                    and not any(o["version"] == version for o in others):
                add(v, "application", f"product version {display(previous_version)} → {display(version)}",
                    field="version", old=previous_version, new=version)
                described = True
            prev["version"] = version if version is not None else previous_version
            stop = _retirement_event(data, prev["stop"], v, add, [o["stop"] for o in others])
            described = described or stop != prev["stop"]
            prev["stop"] = stop
        _file_event(v, "application", add, described)
        if v.blob:
            states[v.blob] = prev


def _retirement_event(data: dict, previous: tuple | None, v: Version, add, taken: list = ()) -> tuple | None:
    """An event for the stop after scale-up when application.yaml's ``retirement`` (or whether
    the stage says it is done) changed; returns what was compared, for the next version.
    ``taken``: what the other parents of a merge held (a stop one of them held is taken in)."""
    retirement = data.get("retirement") if isinstance(data.get("retirement"), dict) else {}
    fields = ("date", "decided_on", "decided_by", "reason")
    if not any(retirement.get(k) is not None for k in fields):
        return previous  # none (or removed): nothing to tell
    done = data.get("stage") == "retired"
    key = (done, *(retirement.get(k) for k in fields))
    if key == previous or key in taken:
        return key if key in taken else previous
    day = retirement.get("date")
    if done:
        text = f"stop: switched off on {_clip(day, 30)}" if day is not None else "stop: switched off"
    else:
        text = f"stop planned: switch-off on {_clip(day, 30)}" if day is not None else "stop planned"
    details = [f"decided on {_clip(retirement.get('decided_on'), 30)}" if retirement.get("decided_on") is not None else None,
               f"by {_clip(retirement.get('decided_by'), 60)}" if retirement.get("decided_by") else None]
    if any(details):
        text += " (" + ", ".join(d for d in details if d) + ")"
    if retirement.get("reason"):
        text += f": {_clip(retirement.get('reason'))}"
    add(v, "retirement", text, field="retirement.date", old=previous[1] if previous else None, new=day)
    return key


def _effect_summary(effect: dict, texts: dict) -> str:
    parts = [_clip(effect.get("kind") or "effect", 30)]
    if effect.get("metric"):
        parts.append(_clip(effect["metric"], 70))
    goal = "target" if effect.get("target") is not None else "limit"
    if effect.get(goal) is not None:
        unit = f" {_clip(effect['unit'], 30)}" if isinstance(effect.get("unit"), str) else ""
        parts.append(f"{goal} {texts.get(goal) or display(effect.get(goal))}{unit}")
    text = ", ".join(parts)
    if effect.get("post_hoc") is True:
        text += " (post hoc: exploratory)"
    return text


def _effect_events(ah, add, start: dt.date | None, today: dt.date) -> None:
    effects = ah.effects
    by_version: dict[int, list] = {}
    for eh in effects.values():
        for i, v in enumerate(eh.added):  # after the first: removed and put back
            by_version.setdefault(id(v), []).append(("added" if i == 0 else "added again", eh.id, None))
        for c in eh.changes:
            by_version.setdefault(id(c.version), []).append(("changed", eh.id, c))
        for v in eh.removed:
            by_version.setdefault(id(v), []).append(("removed", eh.id, None))
    seen_amendments: set = set()
    # the first version made after the start (a branch's: merged after it; or committed after it
    # on top of the record): those that follow it came after the start too, whatever their own
    # dates (as the REG rules see it)
    witness = hist.witness_after(ah, start, today) if start is not None else None
    first = hist.first_after([v for v in ah.versions("effects") if v.uncommitted or v.made <= today], start, witness) \
        if start is not None else None  # a version dated after today (a wrong clock) shows nothing of those after it
    if first is not None and witness is not None and first.order > witness.order and first.made <= start \
            and (first.uncommitted or first.landed <= start):
        first = witness  # it shows the start passed: the versions that follow it came after it
    for v in ah.versions("effects"):
        described = False
        data = v.data or {}
        current = {e.get("id"): e for e in data.get("effects") or []  # an id that is no text: SCH003
                   if isinstance(e, dict) and isinstance(e.get("id"), str)} if isinstance(data.get("effects"), list) else {}
        order = {eid: i for i, eid in enumerate(current)}
        texts = {eid: t for eid, (_i, _values, t) in hist.definitions(v.loaded).items()} if current else {}
        after = ""
        if v.truncated:  # where a shallow clone was cut: its date says nothing of when it was written
            pass
        elif start is not None and v.made > start:  # a branch's commit: the merge's note says when
            after = f" (after the pilot started on {start.isoformat()})"
        elif first is v:  # committed after the start on top of the record, dated before it
            after = f" (after the pilot started on {start.isoformat()}: dated before it, committed after it)"
        elif first is not None and v.order > first.order:
            follows = (f"{first.short} of {first.date.isoformat()}" if first.made == first.date > start else
                       f"{first.short}, committed on {first.landed.isoformat()}," if first.made <= start else
                       f"the merge {first.merge.short} of {first.made.isoformat()}")
            after = (f" (after the pilot started on {start.isoformat()}: dated before it, but it comes after "
                     f"{follows} in the history)")
        for what, eid, change in sorted(by_version.get(id(v), []), key=lambda t: (order.get(t[1], 1_000), t[1])):
            if v.others and _taken_in(v, what, eid, change):
                continue
            described = True
            if what in ("added", "added again"):
                verb = "registered" if what == "added" else "added again"
                add(v, "effect-registered", f"{eid} {verb}: {_effect_summary(current.get(eid) or {}, texts.get(eid) or {})}{after}",
                    effect=eid)
            elif what == "removed":
                add(v, "effect-removed", f"{eid} removed{after}", effect=eid)
            else:
                name = "baseline value" if change.field == "baseline" else change.field
                text = f"{eid} {name} changed {change.old_text} → {change.new_text}"
                if change.field == "post_hoc":  # a flag: marked, or no longer
                    text = f"{eid} marked post hoc, exploratory" if change.new else f"{eid} no longer marked post hoc"
                add(v, "effect-changed", f"{text}{after}",
                    effect=eid, field=change.field, old=change.old, new=change.new)
        amendments = data.get("amendments") if isinstance(data.get("amendments"), list) else []
        for a in amendments:
            if not isinstance(a, dict):
                continue
            key = (str(a.get("date")), str(a.get("effect")), " ".join(str(a.get("change") or "").split()))
            if key in seen_amendments:
                continue
            seen_amendments.add(key)
            described = True
            text = f"amendment for {_clip(a.get('effect'), 30)} dated {_clip(a.get('date'), 30)}"
            if a.get("by"):
                text += f" by {_clip(a.get('by'), 60)}"
            if a.get("change"):
                text += f": {_clip(a.get('change'))}"
            if a.get("reason"):
                text += f" (reason: {_clip(a.get('reason'))})"
            add(v, "amendment", text, effect=a.get("effect") if isinstance(a.get("effect"), str) else ...)
        _file_event(v, "effects", add, described)


def _parents(v: Version, states: dict, prev: dict) -> tuple[dict, list[dict]]:
    """What a version is compared with: what the trail knew after the version it replaced (its
    parent's blob; else, after the one before it in the history), and after the other parents of
    a merge (:attr:`Version.others`). A branch's commit is compared with its own parent, not with
    the main line's commit listed before it, and a merge changes only what no parent held."""
    return dict(states.get(v.old_blob, prev) if v.old_blob else prev), [states[b] for b in v.others if b in states]


def _taken_in(v: Version, what: str, eid: str, change) -> bool:
    """Whether a merge (:attr:`Version.others`) took this effect's registration, change or
    removal in from another of its parents, where the branch's own commit lists it: git compares
    the merge with its first parent only."""
    for blob in v.others:
        defs = v._store.definitions(blob, v.path) if blob and v._store is not None else {}
        if defs is None:
            continue  # that parent's file cannot be read: nothing to tell from it
        if what == "removed" and eid not in defs:
            return True
        if what != "removed" and eid in defs and (change is None or defs[eid][1].get(change.field) == change.new):
            return True
    return False


def _pilot_events(ah, add) -> None:
    prev: dict = {}
    states: dict = {}  # blob -> prev after the version that wrote it
    seen_ext: set = set()
    for v in ah.versions("pilot"):
        prev, others = _parents(v, states, prev)
        data = v.data
        if data is None:
            _file_event(v, "pilot", add, False)
            if v.blob:
                states[v.blob] = prev
            continue
        described = False
        plan = data.get("plan") if isinstance(data.get("plan"), dict) else {}
        for key in ("start", "end"):
            new, old = plan.get(key), prev.get(key)
            if new != old and new is not None and not any(o.get(key) == new for o in others):
                text = f"pilot {key} set to {_clip(new, 30)}" if old is None else \
                    f"pilot {key} moved {_clip(old, 30)} → {_clip(new, 30)}"
                add(v, "plan", text, field=f"plan.{key}", old=old, new=new)
                described = True
            prev[key] = new if new is not None else old
        for ext in data.get("extensions") or [] if isinstance(data.get("extensions"), list) else []:
            if not isinstance(ext, dict):
                continue
            key = (str(ext.get("end")), " ".join(str(ext.get("reason") or "").split()))
            if key in seen_ext:
                continue
            seen_ext.add(key)
            text = f"pilot extended to {_clip(ext.get('end'), 30)}"
            if ext.get("date") or ext.get("by"):
                text += " (" + ", ".join(str(x) for x in (f"dated {_clip(ext.get('date'), 30)}" if ext.get("date") else None,
                                                          f"by {_clip(ext.get('by'), 60)}" if ext.get("by") else None)
                                         if x) + ")"
            if ext.get("reason"):
                text += f": {_clip(ext.get('reason'))}"
            add(v, "extension", text, new=ext.get("end"))
            described = True
        outcome = data.get("outcome") if isinstance(data.get("outcome"), dict) else {}
        results = outcome.get("results") if isinstance(outcome.get("results"), list) else []
        out_key = (outcome.get("date"), len(results), _outcome_results(results), _outcome_texts(outcome))
        if outcome and out_key != prev.get("outcome") and not any(o.get("outcome") == out_key for o in others):
            n = len(results)
            text = ("outcome recorded" if prev.get("outcome") is None else "outcome updated") + \
                   f": {n} result{'s' if n != 1 else ''}" + (f", dated {_clip(outcome.get('date'), 30)}" if outcome.get("date") else "")
            if prev.get("outcome") is not None:
                text += _outcome_changes(prev["outcome"][2], out_key[2])
            text += _outcome_text_changes(prev["outcome"][3] if prev.get("outcome") is not None else {}, out_key[3])
            add(v, "outcome", text)
            described = True
        elif not outcome and prev.get("outcome") is not None and not any(o.get("outcome") is None for o in others):
            # the results a decision rests on, gone from the dossier: said as loudly as their arrival
            date, n = prev["outcome"][0], prev["outcome"][1]
            add(v, "outcome", f"outcome removed (it held {n} result{'s' if n != 1 else ''}"
                              + (f", dated {_clip(date, 30)}" if date else "") + ")")
            described = True
        prev["outcome"] = out_key if outcome else None
        decision = data.get("decision") if isinstance(data.get("decision"), dict) else {}
        dec_key = (decision.get("choice"), decision.get("date"))
        if decision and decision.get("choice") is not None and dec_key != prev.get("decision") \
                and not any(o.get("decision") == dec_key for o in others):
            old_choice = (prev.get("decision") or (None, None))[0]
            text = f"decision: {_clip(decision.get('choice'), 30)}"
            details = [f"dated {_clip(decision.get('date'), 30)}" if decision.get("date") else None,
                       f"by {_clip(decision.get('decided_by'), 60)}" if decision.get("decided_by") else None]
            if any(details):
                text += " (" + ", ".join(d for d in details if d) + ")"
            if old_choice is not None and old_choice != decision.get("choice"):
                text += f", was {_clip(old_choice, 30)}"
            add(v, "decision", text, field="decision.choice", old=old_choice, new=decision.get("choice"))
            described = True
            prev["decision"] = dec_key
        elif decision and decision.get("choice") is not None:
            prev["decision"] = dec_key  # taken in by a merge
        elif prev.get("decision") is not None and not any(o.get("decision") is None for o in others):
            old_choice, old_date = prev["decision"]
            add(v, "decision", f"decision removed (it was {_clip(old_choice, 30)}"
                               + (f", dated {_clip(old_date, 30)}" if old_date else "") + ")",
                field="decision.choice", old=old_choice, new=None)
            described = True
            prev["decision"] = None
        _file_event(v, "pilot", add, described)
        if v.blob:
            states[v.blob] = prev


def _outcome_results(results: list) -> dict:
    """pilot.yaml's outcome results, by effect: what each says (``observed 91.5, n 300``), as
    raio log compares them: a result corrected after it was recorded is an event of its own."""
    return {_clip(r.get("effect"), 30): ", ".join(f"{_clip(k, 30)} {_clip(val, 60)}" for k, val in r.items() if k != "effect")
            for r in results if isinstance(r, dict)}


# pilot.yaml's outcome texts (schemas/pilot.schema.json), in the words of the decision memo's
# labels: what the board reads beside the results
OUTCOME_TEXTS = {"unexpected": "unexpected findings", "adoption": "adoption", "feedback": "user feedback",
                 "cost": "cost in the pilot", "capacity": "capacity in the pilot"}


def _outcome_texts(outcome: dict) -> dict:
    """The outcome's texts (:data:`OUTCOME_TEXTS`) it holds, by key, as raio log compares them:
    a text rewrapped (its spaces and line breaks only) is the same text; an empty one is none."""
    out = {}
    for key in OUTCOME_TEXTS:
        value = outcome.get(key)
        if isinstance(value, str):
            value = " ".join(value.split())
        if value not in (None, ""):
            out[key] = value
    return out


def _outcome_text_changes(old: dict, now: dict) -> str:
    """``; adoption, user feedback added; unexpected findings changed``: which of the outcome's
    texts were added, changed or removed; their words are not quoted (a text may be long, and
    may name a patient)."""
    parts = [(verb, [k for k in OUTCOME_TEXTS if test(k)]) for verb, test in (
        ("added", lambda k: k in now and k not in old), ("changed", lambda k: k in now and k in old and now[k] != old[k]),
        ("removed", lambda k: k in old and k not in now))]
    return "".join(f"; {', '.join(OUTCOME_TEXTS[k] for k in keys)} {verb}" for verb, keys in parts if keys)


def _outcome_changes(old: dict, now: dict) -> str:
    """``; result of E1 changed: observed 95.5, n 380 → counts {tp: 363, ...}``, and the results
    added or removed, as raio log words monitoring results."""
    parts = [f"result of {e} added: {now[e]}" for e in now if e not in old] + \
        [f"result of {e} changed: {old[e]} → {now[e]}" for e in now if e in old and now[e] != old[e]] + \
        [f"result of {e} removed" for e in old if e not in now]
    return "".join(f"; {p}" for p in parts)


def _clip(value: Any, n: int = 100) -> str:
    """A value of the dossier as a description shows it (every value an event quotes is shown
    through this): on one line, cut to ``n`` characters (never inside a number), a list or
    mapping as YAML's flow style writes it (``[a, {case: b}]``: the dossier's notation, not
    Python's). Identifiers in it are masked with the whole description (:func:`_safe`)."""
    from raio_cli.privacy import clip

    text = hist.flow(value, n) if isinstance(value, (list, tuple, dict)) else str(value)
    return clip(" ".join(text.split()), n)
