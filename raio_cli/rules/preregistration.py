"""Pre-registration integrity: effects fixed in git before the pilot, and no outcome switching.

These rules read the git history (:mod:`raio_cli.history`, one pass per check) and apply once a
pilot has started: ``pilot.yaml`` ``plan.start`` on or before today. Definitions used throughout:

- *Before the start* means a commit whose author date is on or before ``plan.start``; the start
  day itself counts as before (a pilot's first case is seen on its start day, the commit dates
  only to the day). Commit dates are claims: the messages name commit and author so a reader can
  judge them. A version of effects.yaml that follows, in the history, one dated after the start
  (of effects.yaml, or of another file of the application: a commit is made after its parent)
  came after the start whatever its own date (a commit can be given any date): the messages say
  so. A version dated after today (a wrong clock) is no evidence of that: itself, it counts as
  dated as it says.
  So does one that git records as committed after the start on top of a version committed before
  it (a change amended, squashed, rebased or cherry-picked in after the start, or merged by
  "rebase and merge": git keeps the author date): git shows the old definition on record at the
  start and the new one entering after it (:func:`raio_cli.history.first_after`). Where nothing
  of effects.yaml was committed before the start (the registration itself amended after it, or a
  whole history rewritten then, its changes untouched), git cannot tell: the registration rests on
  the date its commit claims, a warning (REG007).
- The record is the main line (HEAD's first-parent line; on a feature branch, the main branch's
  first-parent line first, see :mod:`raio_cli.history`): a commit made on a branch is on record
  from the merge that took it in, so it counts as made at the later of its own date and the
  merge's (:attr:`raio_cli.history.Version.made`), and the history is in the main line's order.
  A branch dated before the start and merged after it brought its changes in after the start: the
  messages name the merge. A fast-forward leaves no merge: its commits keep their own dates. A
  merge of ``git pull`` on the main branch has the shared main line as its second parent: local
  commits it pushed came in by it. What a merge changed is what it changed on the record: a
  merge that kept a branch's whole file over what the main line changed in it meanwhile (or took
  a value of each side's) made the change itself, from the value on record before it (a main-line
  value of before the start that it undid was the registration); a branch's change that the merge
  did not take (``git merge -s ours``, the main line's file kept) never came in.
- The *pre-registration* is effects.yaml as committed on the start date: its last version before
  the first one made after ``plan.start`` (dated, merged into the main line, or committed on top
  of the record after it). Uncommitted edits count as made today.
- A *definition change* is a change of ``metric``, ``unit``, ``kind``, ``direction``,
  ``baseline.value``, ``target``, ``limit``, ``primary`` or ``post_hoc`` (a pre-registered effect
  marked exploratory after the start drops out of what the decision rests on); a field changed
  after the start and changed back is not reported.
- An *amendment covers* a change when it names the effect (``amendments[].effect``), its
  ``date`` lies within :data:`AMENDMENT_WINDOW_DAYS` days (either side) of the change's date
  (raio.yaml ``policy.amendment_window_days`` may set another window), and it came into git no
  later than that many days after the change: the first version of effects.yaml that holds an
  amendment of that effect and date, dated as a change is (a branch's commit: its merge's; one
  that follows a later commit in the history: that one's), or today for one not committed yet;
  nor committed (git's committer date) more than that many days after the change's commit (a
  commit given an earlier date with ``git commit --date``; a history rewritten whole moves both).
  An amendment written down later, with the pilot's data in view, is no evidence that the change
  was decided when it says: the change is reported as undeclared, and the message says when the
  amendment came in. A change needs its own amendment: one amendment does not license every
  later change to the same effect.
- An amendment is a record too: its ``change``, ``reason`` and ``by`` as they stood in git that
  many days after it came in are its wording on record; rewritten later, the rewording is
  reported (REG008) with the commit that wrote the wording it has now.

Without a usable history (no git, not a repository, no commits, nothing committed, a shallow
clone) the REG rules say nothing and one GIT finding says why; a shallow clone is never read as
"no history", so it can never produce a false "committed after the start".
"""

from __future__ import annotations

import datetime as dt
import os

from raio_cli import shellhint
from raio_cli.findings import Finding, Severity
from raio_cli.portfolio import folder_listing
from raio_cli.rules import rule
from raio_cli.rules.dates import policy_int

#: Days either side of a change within which a dated amendment for the same effect covers it.
AMENDMENT_WINDOW_DAYS = 30

_FIELD_NAMES = {"baseline": "baseline value"}


# --------------------------------------------------------------------------------------------
# helpers


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _start(app) -> dt.date | None:
    return _date(app.get("pilot", "plan", "start"))


def _started(app, ctx) -> dt.date | None:
    start = _start(app)
    ran = _ran_from(app, ctx)
    if ran is not None and (start is None or ran < start):
        start = ran  # moved later after the pilot had begun: the line stays where the pilot began
    return start if start is not None and start <= ctx.today else None


#: Stages in which an application's pilot has begun.
_PILOT_BEGUN = frozenset({"pilot", "evaluation", "production", "stopped", "retired"})


def _moves(app, ctx) -> list:
    """``(old, new, version)`` for each commit that moved pilot.yaml ``plan.start`` later after the
    old date had passed (REG006), oldest first; computed once per check."""
    cache = ctx.options.setdefault("_start_moves", {})
    if app.id in cache:
        return cache[app.id]
    moves: list = []
    h = ctx.history
    ah = h.app(app.id) if h is not None and h.verifiable else None
    previous = None
    for v in ah.versions("pilot") if ah is not None else ():
        data = v.data
        if data is None:
            continue
        plan = data.get("plan")
        new = _date(plan.get("start")) if isinstance(plan, dict) else None
        if new is None:
            continue
        if previous is not None and new != previous and new > previous and _made_after(ah, v, previous):
            moves.append((previous, new, v))
        previous = new
    cache[app.id] = moves
    return moves


def _made_after(ah, v, day: dt.date) -> bool:
    """Whether version ``v`` was made after ``day``: dated after it, brought into the main line by
    a merge dated after it, committed after it (a commit dated earlier than it was made), or
    following in the history a version of the application dated after it."""
    return v.made > day or _after_note(ah, v, day) != ""


def _merged(v) -> str:
    """What a message adds of a version made on a branch, dated earlier than the merge that
    brought it into the main line."""
    return f", a branch commit that came in by the merge {v.merge.short} on {v.merge.date.isoformat()}"


def _follows(before: str, w) -> str:
    """What a message adds of a version dated before ``before`` that follows version ``w``, dated
    after it (or brought in by a merge dated after it), in the history."""
    if w.made != w.date:
        return (f", a commit dated before {before} that comes after the merge {w.merge.short} of "
                f"{w.made.isoformat()} in the history")
    return f", a commit dated before {before} that comes after {w.short} of {w.date.isoformat()} in the history"


def _after_note(ah, v, day: dt.date) -> str:
    """Why version ``v``, dated on or before ``day``, was made after it ("" when it was not)."""
    if v.date > day:
        return ""
    if v.made > day:
        return _merged(v)
    if not v.uncommitted and v.committed > day:
        return f", committed on {v.committed.isoformat()}"
    if not v.uncommitted and v.landed > day:
        return f"{_merged(v)}, committed on {v.landed.isoformat()}"
    later = [w for versions in ah.files.values() for w in versions if w.order < v.order and w.made > day]
    if later:
        w = min(later, key=lambda w: w.order)
        return _follows(day.isoformat(), w)
    return ""


def _ran_from(app, ctx) -> dt.date | None:
    """The old start of the first move (:func:`_moves`) where git shows the application in a stage
    where its pilot had begun (pilot or later) on the old date or after it, before the commit that
    moved it: evidence that the pilot ran from the old date, whatever plan.start now says."""
    moves = _moves(app, ctx)
    if not moves:
        return None
    ah = ctx.history.app(app.id)
    for old, _new, moved_by in moves:
        before = [v for v in ah.versions("application") if v.order < moved_by.order and not v.uncommitted]
        at_old = [v for v in before if v.made <= old][-1:]  # the stage on the old date
        for v in at_old + [v for v in before if v.made > old]:
            data = v.data
            if data is not None and data.get("stage") in _PILOT_BEGUN:
                return old
    return None


class _Analysis:
    """What the REG rules need for one application with a started pilot and a usable history."""

    def __init__(self, app, ctx, start, ah):
        from raio_cli import history

        # today, not ctx: the analysis is cached on ctx.options, and a reference back to ctx would
        # make a cycle that keeps the application's files alive until the garbage collector runs
        self.app, self.today, self.start, self.ah = app, ctx.today, start, ah
        self.unanchored = ctx.history.unanchored
        self.git = shellhint.git(ctx.history.prefix)  # a hint's git command (raio_cli.shellhint)
        self.current = history.definitions(app.docs.get("effects")) if "effects" in app.docs else {}
        versions = ah.versions("effects")
        #: a version of another file of the application made after the start: what follows it in
        #: the history was made after it too (:func:`raio_cli.history.witness_after`)
        self.witness = history.witness_after(ah, start, ctx.today)
        #: the first version dated after the start (a branch's: merged after it): it and every
        #: version that follows it in the history were made after the start, whatever date they
        #: claim (a commit's date is set at will: one dated before the start on top of a later one
        #: must not rewrite the registration)
        registration_ends = history.first_after(versions, start, self.witness)
        #: the first version made after the start that shows what follows it was made after it too:
        #: one dated after today (a wrong clock) is itself counted as after the start, but is no
        #: evidence of when the versions that follow it were made
        self.first_after = history.first_after([v for v in versions if v.uncommitted or v.made <= ctx.today],
                                               start, self.witness)
        first = versions.index(registration_ends) if registration_ends is not None else len(versions)
        #: the pre-registration: the last readable version before it
        k = next((i for i in range(first - 1, -1, -1) if versions[i].definitions is not None), None)
        self.registered = versions[k].definitions if k is not None else {}
        self._registration = versions[:k + 1] if k is not None else []
        #: what happened after it (only these versions are parsed, however long the history)
        self.effects = history.effect_histories(versions[(k + 1 if k is not None else 0):], initial=self.registered)
        self._entered: dict | None = None  # (effect, date) -> when its amendment came into git
        self.window = policy_int(ctx.policy, "amendment_window_days", AMENDMENT_WINDOW_DAYS)

    def after_start(self, v) -> bool:
        """Whether version ``v`` was made after the start: dated after it, merged into the main line
        after it, or following in the history a version that is."""
        return v.made > self.start or (self.first_after is not None and v.order >= self.first_after.order)

    def day(self, v) -> dt.date:
        """The date of version ``v`` for amendments: its own (a branch's: its merge's, when later),
        or, when it claims one before the start, the date it was committed (a rebase after the start)
        or that of the version made after the start that it follows."""
        if v.made > self.start or self.first_after is None:
            return v.made
        if not v.uncommitted and v.landed > self.start:
            return v.landed
        return max(v.made, self._day_of_first)

    @property
    def _day_of_first(self) -> dt.date:
        w = self.first_after
        if self._after_witness:
            return self.witness.made
        return w.made if w.made > self.start else w.landed

    @property
    def _after_witness(self) -> bool:
        """Whether the first version made after the start shows it by the version of another file
        it follows, not by a date of its own."""
        w = self.first_after
        return w is not None and self.witness is not None and w.order > self.witness.order \
            and w.made <= self.start and (w.uncommitted or w.landed <= self.start)

    def backdated(self, v) -> bool:
        """Whether version ``v`` follows the start in the history but is dated before it."""
        return v.made <= self.start and self.after_start(v)

    def note(self, v) -> str:
        """What :meth:`describe` adds when a version made after the start is dated before it."""
        if v.date <= self.start < v.made:
            return _merged(v)
        if self.backdated(v) and not v.uncommitted and v.landed > self.start:
            return f", committed on {v.committed.isoformat()}" if v.committed > self.start else \
                f"{_merged(v)}, committed on {v.landed.isoformat()}"
        if self.backdated(v):
            w = self.first_after
            if self._after_witness:
                return _follows("the start", self.witness)
            if w.made <= self.start:  # itself committed after the start, on top of the record
                return (f", a commit dated before the start that comes after {w.short}, committed on "
                        f"{w.landed.isoformat()}, in the history")
            return _follows("the start", w)
        return ""

    def fetch_main(self, v) -> str:
        """What a hint adds of a version brought in by a merge, where the clone has no main branch
        (:attr:`raio_cli.history.History.unanchored`): the merge may have taken in the main
        branch, whose commits are on record at their own dates."""
        if v is None or v.merge is None or not self.unanchored:
            return ""
        return (" This clone has no main branch (origin/HEAD, main or master), so the branch checked out was read "
                f"as the record: if the merge {v.merge.short} took in the main branch, this may be a change the "
                "main branch made on its own date. Fetch it (git fetch origin main:refs/remotes/origin/main, in CI "
                "before raio check) and check again.")

    def describe(self, v) -> str:
        """:meth:`Version.describe`, saying so when a version made after the start is dated before it,
        or when it is dated after today (a wrong clock: git does not show when it was made, and it
        counts as dated as it says)."""
        text = v.describe()
        if not v.uncommitted and v.date > self.today:
            text = text.replace(f"on {v.date.isoformat()} by ", f"on {v.date.isoformat()}, a date after today, by ", 1)
        return text + self.note(v)

    def registered_by(self, eid: str):
        """The version that gave ``eid`` its registered definition: the oldest of the versions up to
        the registration that hold the effect as registered without a change in between."""
        found, registered = None, self.registered[eid][1]
        for v in reversed(self._registration):
            defs = v.definitions
            if defs is None:
                continue  # unreadable: skipped, as everywhere
            if eid not in defs or defs[eid][1] != registered:
                break
            found = v
        return found

    def effect(self, eid: str) -> dict:
        effects = self.app.get("effects", "effects", default=[])
        idx = self.current[eid][0]
        return effects[idx] if isinstance(effects, list) and idx < len(effects) and isinstance(effects[idx], dict) else {}

    def amendment(self, eid: str, day: dt.date, v=None):
        """The index and entry of an amendment covering a change of ``eid`` dated ``day`` (made by
        version ``v``; None: a removal not seen in the history): dated within the window of it, and
        come into git (:meth:`entered`) no later than the window after it."""
        return next(((i, a) for i, a, late in self._dated(eid, day, v) if late is None), None)

    def late_amendment(self, eid: str, day: dt.date, v=None):
        """``(index, entry, day, version, days)`` of an amendment of ``eid`` dated within the window
        of a change dated ``day`` (made by version ``v``) but come into git more than the window
        after it: on that day, in that version, that many days after the change (None: none is)."""
        return next(((i, a, *late) for i, a, late in self._dated(eid, day, v) if late is not None), None)

    def _dated(self, eid: str, day: dt.date, v) -> list:
        """``(index, entry, late)`` of the amendments of ``eid`` dated within the window of ``day``;
        ``late`` is ``(day, version, days)`` of when the entry came into git where that is more
        than the window after the change, else None. Both are compared as the history dates them
        (:meth:`entered`), and as git records them committed: an amendment in a commit dated in time
        but committed later (``git commit --date``, a rebase or amend of it alone) came in then; a
        history rewritten whole, the change's commit with it, moves both."""
        amendments = self.app.get("effects", "amendments", default=[])
        if not isinstance(amendments, list):
            return []
        changed = self.today if v is None or v.uncommitted else v.landed
        out = []
        for i, a in enumerate(amendments):
            if not isinstance(a, dict) or a.get("effect") != eid:
                continue
            when = _date(a.get("date"))
            if when is None or abs((when - day).days) > self.window:
                continue
            entered, w = self.entered(eid, when)
            landed = self.today if w is None or w.uncommitted else w.landed
            late = None
            if (entered - day).days > self.window:
                late = (entered, w, (entered - day).days)
            elif (landed - changed).days > self.window:
                late = (landed, w, (landed - changed).days)
            out.append((i, a, late))
        return out

    def entered(self, eid: str, when: dt.date):
        """``(day, version)``: when the amendment of ``eid`` dated ``when`` came into git, from the
        first version of effects.yaml that holds one (the same effect and date: its other fields
        may be reworded later), as the history dates it: the version's day as for a change
        (:meth:`day`; a branch's commit: its merge's), and no earlier than a version before it in
        the history (a commit can be given any date). An amendment not committed yet is today's
        (version None where no version holds it)."""
        if self._entered is None:
            self._entered = {}
            latest = None
            for v in self.ah.versions("effects"):
                latest = v.made if latest is None or v.made > latest else latest
                data = v.data
                amendments = data.get("amendments") if data is not None else None
                if not isinstance(amendments, list):
                    continue
                day = max(latest, self.day(v)) if self.after_start(v) else latest
                for a in amendments:
                    if isinstance(a, dict) and isinstance(a.get("effect"), str) and _date(a.get("date")):
                        self._entered.setdefault((a["effect"], _date(a.get("date"))), (day, v))
        return self._entered.get((eid, when), (self.today, None))


    def rewordings(self) -> list:
        """``(index, entry, part, record, version, day, entered)`` for each part (``change``,
        ``reason``, ``by``) of a current amendment whose wording differs from the wording on
        record: the one its versions held up to :attr:`window` days after the amendment came into
        git (:meth:`entered`; rewording before that is drafting); ``version`` is the version, dated
        later, that wrote the wording it has now, ``day`` its date as :meth:`entered` dates
        versions. An amendment is known by its effect and date; one whose effect and date another
        amendment shares is left out (which is which cannot be told)."""
        amendments = self.app.get("effects", "amendments", default=[])
        current = _keyed(amendments)
        if not current:
            return []
        record: dict = {}  # key -> {part: wording on record}
        last: dict = {}  # key -> {part: wording in the last version that held it}
        since: dict = {}  # (key, part) -> (version, day) that wrote the last version's wording, after the window
        latest = None
        for v in self.ah.versions("effects"):
            latest = v.made if latest is None or v.made > latest else latest
            data = v.data
            held = _keyed(data.get("amendments")) if data is not None else {}
            if not held:
                continue
            day = max(latest, self.day(v)) if self.after_start(v) else latest
            for key, (_i, entry) in held.items():
                if key not in current:
                    continue
                entered, _w = self.entered(*key)
                words = {part: _wording(entry.get(part)) for part in AMENDMENT_PARTS}
                if (day - entered).days <= self.window:
                    record[key] = words
                elif key in last:
                    since.update(((key, part), (v, day)) for part in AMENDMENT_PARTS if words[part] != last[key][part])
                last[key] = words
        out = []
        for key, (i, entry) in current.items():
            for part in AMENDMENT_PARTS:
                late = since.get((key, part))
                if late is not None and key in record and _wording(entry.get(part)) != record[key][part]:
                    out.append((i, entry, part, record[key][part], *late, self.entered(*key)[0]))
        return out


#: The parts of an amendment that say what was changed, why and by whom (REG008).
AMENDMENT_PARTS = ("change", "reason", "by")


def _wording(value) -> str:
    """A part of an amendment as its words: blanks collapsed (a reflowed text says the same)."""
    return "" if value is None else " ".join(str(value).split())


def _keyed(amendments) -> dict:
    """``(effect, date) -> (index, entry)`` of the amendments whose effect and date no other shares."""
    if not isinstance(amendments, list):
        return {}
    keyed: dict = {}
    for i, a in enumerate(amendments):
        if isinstance(a, dict) and isinstance(a.get("effect"), str) and _date(a.get("date")):
            keyed.setdefault((a["effect"], _date(a.get("date"))), []).append((i, a))
    return {key: found[0] for key, found in keyed.items() if len(found) == 1}


def _analysis(app, ctx) -> _Analysis | None:
    """The shared analysis of one application, computed once per check (the REG rules share it)."""
    cache = ctx.options.setdefault("_preregistration", {})
    if app.id not in cache:
        cache[app.id] = _analyse(app, ctx)
    return cache[app.id]


def _analyse(app, ctx) -> _Analysis | None:
    start = _started(app, ctx)
    if start is None:
        return None
    h = ctx.history
    if h is None or not h.verifiable:
        return None
    if "effects" in app.docs and not app.docs["effects"].ok:
        return None  # unreadable now: the YAML rules report it
    if "effects" not in app.docs and (any(os.path.lexists(app.dir / f"effects.{ext}") for ext in ("yaml", "yml")) or any(
            name.lower() in ("effects.yaml", "effects.yml") for name, _folder in folder_listing(app))):
        # there but not read (a link out of the portfolio: YML017; Effects.yaml or effects.yml: IDN005, on every
        # file system alike): that finding says so; its effects are not removed
        return None
    from raio_cli.history import AppHistory

    ah = h.app(app.id)
    if _not_as_text(app, ah) or ah is not None and (ah.submodule or ah.linked):
        return None  # git holds a link or an LFS pointer, not the file's text: GIT009 says so
    return _Analysis(app, ctx, start, ah or AppHistory(id=app.id))


def _field_path(idx: int, field: str) -> tuple:
    return ("effects", idx, "baseline", "value") if field == "baseline" else ("effects", idx, field)


def _start_text(start: dt.date) -> str:
    return f"the pilot started on {start.isoformat()}"


def _merge_data(v) -> dict:
    """A finding's data on the merge that brought version ``v`` into the main line, if one did."""
    m = v.merge
    return {} if m is None else {"merge": m.commit, "merged": m.date.isoformat(), "merge_committed": m.committed.isoformat()}


def _late_amendment(a: _Analysis, eid: str, day: dt.date, change) -> tuple[str, str, dict]:
    """What a REG002 or REG004 message, hint and data add of an amendment of ``eid`` dated within
    the window of a change dated ``day`` (made by version ``change``) that came into git too long
    after it ("" and {}: none)."""
    late = a.late_amendment(eid, day, change)
    if late is None:
        return "", "", {}
    i, entry, entered, v, days = late
    after = f"{days} day{'' if days == 1 else 's'} after the change"
    if v is None or v.uncommitted:
        how = f"is not committed yet (counted as made today, {entered.isoformat()}), {after}"
    elif v.merge is not None and entered in (v.merge.date, v.merge.committed):
        how = f"came into the main line only on {entered.isoformat()} (the merge {v.merge.short}), {after}"
    else:
        dated = f", dated {v.date.isoformat()}" if v.date != entered else ""
        how = f"came into git only on {entered.isoformat()} ({v.short}{dated}), {after}"
    hint = (f"The amendment dated {entry.get('date')} was written into git more than {a.window} days after the change, "
            "with the pilot's data in view: it is no evidence that the change was decided then. ")
    commit = "" if v is None or v.uncommitted else v.merge.commit \
        if v.merge is not None and entered in (v.merge.date, v.merge.committed) else v.commit
    data = {"amendment": i, "amendment_date": _date(entry.get("date")).isoformat(),
            "amendment_committed": entered.isoformat(), "amendment_commit": commit, "days": days,
            "variant": "late" if commit else "late_uncommitted"}
    return f"; the amendment for {eid} dated {entry.get('date')} {how}", hint, data


# --------------------------------------------------------------------------------------------
# REG: pre-registration integrity


@rule("REG001", "effects-not-registered-before-start")
def registered_before_start(app, ctx):
    """An effect was first committed after the pilot started, and nothing was pre-registered.

    What: The pilot has started (pilot.yaml `plan.start` is past), but effects.yaml held no
    committed effects on the start date: the effect was first committed after it (or is not
    committed at all). A commit made on a branch counts from the merge that brought it into the
    main line (the main branch's first-parent line): written on a branch before the
    start but merged after it is committed after the start. An effect committed and removed
    before the start, then added again after it, is named as added again; an effects.yaml
    committed before the start that cannot be read as YAML registers nothing, and the message
    names that commit.
    Why: Pre-registration means the effects a pilot must show are fixed, and dated by git,
    before the first case is seen. Effects written down afterwards can be fitted to what the
    pilot happened to show; a board cannot tell which. A branch is not the record until it is
    merged: it could have been rewritten, or never merged, until then.
    Fix: Commit effects.yaml, on the main line (or merge its branch), before `plan.start`. If the pilot has already started, the effects
    can no longer be pre-registered: mark them `post_hoc: true` so every memo reports them as
    exploratory, or, if the pilot really starts later, correct `plan.start`. Effects agreed before
    the start in a dated record outside git (a signed pilot plan, a steering group's minutes) may
    be accepted on the effect's line with where that record is (`- id: E1  # raio:
    ignore[REG001] agreed in the signed pilot plan PP-2026-014 of 2026-05-12`): the memo names
    what it accepts and why, for the board to judge. If the application's
    folder was renamed in a way git does not see as a rename (copied and deleted, or every file
    rewritten in the same commit), the registration in the old folder does not count for the new
    one; the message names the folder the commit deleted. Redo the move in three commits: undo it
    (`git rm -r` the new folder and `git checkout <commit>^ --` the old one), `git mv` the old
    folder to the new name alone, then `git checkout HEAD~2 --` the new folder to put back what it
    holds now (the hint gives the commands; `git revert` stops on a conflict where later commits
    changed the folder).
    Example: E2 was first committed on 2026-03-04 by J. de Vries (a1b2c3d), after the pilot
    started on 2026-03-01
    """
    a = _analysis(app, ctx)
    if a is None or a.registered:
        return
    for eid in a.current:
        if a.effect(eid).get("post_hoc") is True:
            continue
        yield _late(a, eid, "REG001",
                    "Effects must be committed before the pilot starts. Mark the effect post_hoc: true (it is then "
                    "reported as exploratory), or correct plan.start if the pilot has not really started.")


@rule("REG005", "effect-added-after-start")
def added_after_start(app, ctx):
    """An effect was added after the pilot started without being marked `post_hoc: true`.

    What: effects.yaml was pre-registered before the start, but this effect first appeared in a
    commit (or an uncommitted edit) after `plan.start`, or on a branch merged into the main line
    after it, and it has no `post_hoc: true`.
    Why: An effect added during a pilot can be chosen because the data already show it; reported
    alongside the pre-registered effects it would pass as one of them.
    Fix: Mark it `post_hoc: true`: it may stay, and memos report it as exploratory. If it really
    replaces a pre-registered effect, keep the original id and declare the change in
    `amendments` instead.
    """
    a = _analysis(app, ctx)
    if a is None or not a.registered:
        return
    for eid in a.current:
        if eid in a.registered or a.effect(eid).get("post_hoc") is True:
            continue
        yield _late(a, eid, "REG005",
                    f"Mark it post_hoc: true (memos then show {eid} as exploratory), or declare the change of a "
                    "pre-registered effect in amendments and keep its id.")


def _late(a: _Analysis, eid: str, code: str, hint: str) -> Finding:
    eh = a.effects.get(eid)
    after = [v for v in (eh.added if eh else []) if a.after_start(v)]
    v = after[0] if after else None
    idx = a.current[eid][0]
    verb = "first committed" if code == "REG001" else "added"
    # committed before the start and removed before it too, then added again: not first committed now
    removed = _removed_before(a, eid, v) if code == "REG001" and v is not None and not v.uncommitted else None
    if v is None:
        message = f"{eid} is not in effects.yaml as committed on the start date, and {_start_text(a.start)}"
    elif v.uncommitted:
        message = f"{eid} is not committed yet, and {_start_text(a.start)} (uncommitted edits count as made today)"
    elif removed is not None:
        message = (f"{eid} was added again {a.describe(v)}, after {_start_text(a.start)}; it had been removed "
                   f"{removed.describe()}, before the start")
    else:
        message = f"{eid} was {verb} {a.describe(v)}, after {_start_text(a.start)}"
    if code == "REG001":
        unread = [w for w in a.ah.versions("effects") if not w.deleted and not a.after_start(w)
                  and w.definitions is None]
        if unread:  # committed before the start in a form no one can read: no registration
            message += (f"; effects.yaml as committed before the start ({unread[-1].short}, "
                        f"{unread[-1].date.isoformat()}) cannot be read as YAML")
    if code == "REG005":
        message += "; it is not marked post_hoc"
    data = {"effect": eid, "start": a.start.isoformat()}
    if v is not None:
        data.update(commit=v.commit, date=v.date.isoformat(), author=v.author)
        data.update(_merge_data(v))
        if removed is not None:  # the memo words it (strings.yaml REG001_again)
            data.update(variant="again", removed=removed.date.isoformat())
        gone = _vanished(a, v, eid)
        if gone is not None:
            folder, same = gone
            message += (f"; the same commit deleted {folder}, whose effects.yaml held {eid} with the same metric: git "
                        "saw no rename of that folder to this one" if same else
                        f"; the same commit deleted {folder}: if this folder is that one renamed, git did not see it")
            git, here, there = a.git, shellhint.quoted(a.app.rel), shellhint.quoted(folder)
            hint = (f"Git saw no rename (the folder was copied and deleted, or every file was rewritten as it moved), "
                    f"so the registration in {folder} does not count here. If this is that application, redo the "
                    f"move so that git sees it, in three commits: undo it ({git} rm -r -q {here} && {git} checkout "
                    f"{v.short}^ -- {there}, then commit), move it alone ({git} mv {there} {here}, then "
                    f"commit), and put back what the folder holds now ({git} checkout HEAD~2 -- {here}, then "
                    f"commit). Otherwise: " + hint)
            data["deleted"] = folder
            if same:  # the memo words it (strings.yaml REG001_deleted)
                data["variant"] = "deleted"
    return a.app.finding(code, "effects", ("effects", idx, "id"), message, hint + a.fetch_main(v), data=data)


def _removed_before(a: _Analysis, eid: str, v):
    """The version that removed ``eid`` before the start, where it was committed before the start
    and removed before it, then added again by ``v`` after it (None: ``v`` first committed it)."""
    eh = a.ah.effects.get(eid)
    before = [w for w in (eh.removed if eh else []) if w.order < v.order and not a.after_start(w)]
    return before[-1] if before else None


def _vanished(a: _Analysis, v, eid: str) -> tuple[str, bool] | None:
    """The application folder that the commit of ``v``, which added this folder's effects.yaml,
    deleted whole (:attr:`raio_cli.history.Version.vanished`), and whether its effects.yaml held
    ``eid`` with the metric it has now; None when the commit deleted no folder, or two."""
    if not v.vanished:
        return None
    metric = a.current[eid][1].get("metric")
    held = []
    for path, blob in v.vanished:
        defs = v._store.definitions(blob, path) if v._store is not None else None
        held.append((path.rsplit("/", 1)[0], bool(defs and eid in defs and defs[eid][1].get("metric") == metric)))
    same = [h for h in held if h[1]]
    return same[0] if len(same) == 1 else held[0] if len(held) == 1 else None


@rule("REG002", "outcome-switching")
def outcome_switching(app, ctx):
    """A pre-registered effect's definition changed after the pilot started, undeclared.

    What: A commit (or an uncommitted edit) dated after `plan.start` changed the metric, unit,
    kind, direction, baseline value, target, limit, primary flag or `post_hoc` flag of an effect
    that was pre-registered (marked `post_hoc: true`, it reads as exploratory in memos and no
    decision rule counts it), and no amendment for that effect is both dated within 30 days of
    the change and committed within 30 days after it (one dated near the change but committed
    later is named in the message). A commit made on a branch counts from the merge that brought
    it into the main line: a change written on a branch before the start and merged after it is a
    change after the start (the message names the merge), as is one in a commit dated before the
    start that comes after a later one in the history, or that git records as committed after the
    start on top of the registration committed before it (an amend, squash, rebase or cherry-pick
    after the start, or GitHub's "rebase and merge": git keeps the author date, the committer date
    is the merge's; the message names both). A merge after the start that kept a branch's whole file
    undid what the main line had changed in it: that is the merge's change, from the value on
    record.
    Why: Changing the yardstick after seeing data is outcome switching, the best-documented way
    clinical trials mislead. A target lowered from 92% to 88% in month four turns a failed pilot
    into a success; the board would never know. A branch is not the record until it is merged:
    a change kept on a branch and merged once the data are in is chosen with the data in view,
    whatever date its commit claims. So is an amendment written down months after the change,
    whatever date it gives itself: it counts from when it came into git.
    Fix: If the change is justified, declare it in effects.yaml `amendments` with the date, the
    effect, what changed, why and who decided (for a branch's change, dated near its merge), and
    commit it with the change or within 30 days of it (on a branch: merged by then); raio then
    reports it as a warning (REG003) and every memo shows the amendment. Otherwise restore the
    pre-registered value. If the change was decided in time but its amendment committed late,
    keep the evidence (the minutes of the meeting) and suppress this finding with that reason. A change agreed before the start belongs on the main line
    before the start: merge its branch then. If the change was on the main line before the start and
    only its commit was rewritten later (a rebase that reworded it), keep the evidence (the original
    commit, the pull request) and suppress this finding with that reason.
    Example: E1 target changed 0.90 → 0.85 on 2026-05-02 by J. de Vries (c0ffee1) after the
    pilot started on 2026-03-01
    """
    yield from _changes(app, ctx, amended=False)


@rule("REG003", "amended-after-start", severity=Severity.WARNING)
def amended_after_start(app, ctx):
    """A pre-registered effect changed (or was removed) after the start, declared as an amendment.

    What: Like REG002 or REG004, but effects.yaml `amendments` holds an entry for the effect dated
    within 30 days of the change (a change made on a branch: of the merge that brought it into
    the main line), and the entry came into git (the first commit that holds it; on a branch, the
    merge that brought it in; uncommitted, today) no later than 30 days after the change.
    Why: A declared amendment is legitimate, yet it weakens the evidence: the result is no longer
    judged purely against what was fixed in advance. The warning keeps it visible in CI, and
    memos show the amendment beside the effect.
    Fix: Nothing is required. Make sure the amendment says what changed from what to what, why,
    and who decided; a board reads it.
    """
    yield from _changes(app, ctx, amended=True)
    yield from _removals(app, ctx, amended=True)


def _amendment_said(entry: dict) -> str:
    """How REG003 names the amendment that declares a change: its date and who decided, which
    the commit's author (named before it) need not be."""
    by = entry.get("by")
    by = " ".join(by.split()) if isinstance(by, str) else ""
    # not in brackets: who decided is often worded with brackets of its own ("A. de Vries (RAIO)")
    return f"declared in amendments, dated {entry.get('date')}" + (f" and decided by {by}" if by else "")


def _changes(app, ctx, amended: bool):
    a = _analysis(app, ctx)
    if a is None:
        return
    for eid, (idx, values, _texts) in a.current.items():
        if eid not in a.registered:
            continue
        eh = a.effects.get(eid)
        if eh is None:
            continue
        _ridx, reg_values, reg_texts = a.registered[eid]
        for c in eh.changes:
            if not a.after_start(c.version) or values.get(c.field) == reg_values.get(c.field) \
                    or _dutch_for(values.get(c.field), reg_values.get(c.field)):
                continue
            if _seen_elsewhere(a, c, eh.changes):
                continue
            found = a.amendment(eid, a.day(c.version), c.version)
            if (found is not None) != amended:
                continue
            name = _FIELD_NAMES.get(c.field, c.field)
            change = f"{eid} {name} changed {c.old_text} → {c.new_text}"
            if c.field == "post_hoc":  # the effect moved out of (or into) what the decision rests on
                change = f"{eid} was marked post_hoc: true" if c.new else f"{eid} lost its post_hoc: true"
            message = (f"{change} {a.describe(c.version)}"
                       f"{',' if a.note(c.version) else ''} after {_start_text(a.start)}")
            if c.field == "post_hoc":
                message += (": memos now report a pre-registered effect as exploratory, and the decision no longer "
                            "rests on it" if c.new else
                            ": memos now report an effect that was exploratory at the start as pre-registered")
            data = {"effect": eid, "field": c.field, "old": c.old, "new": c.new, "commit": c.version.commit,
                    "author": c.version.author, "date": c.version.date.isoformat(), "start": a.start.isoformat(),
                    **_merge_data(c.version)}
            if found is not None:
                i, entry = found
                message += f"; {_amendment_said(entry)}"
                data["amendment"] = i
                yield app.finding("REG003", "effects", _field_path(idx, c.field), message,
                                  "Declared amendments are shown in every memo; check that it says what, why and who.",
                                  data=data)
            else:
                # the value registered, not this change's old one (a second change after the start
                # starts from the first's value)
                registered = reg_values.get(c.field)
                undo, declare = (f"Restore the pre-registered value {reg_texts.get(c.field, c.old_text)}",
                                 ", or declare the change") if registered is not None else \
                    (f"{eid} had no {name} when the pilot started, so there is nothing to restore",
                     ": declare it")  # the gate asks for the value: "restore (none)" contradicted it
                if c.field == "post_hoc":
                    undo = (f"Remove post_hoc: true from {eid}: it was pre-registered, so its result counts (report "
                            f"it in pilot.yaml, or why it is missing)" if c.new else
                            f"Put post_hoc: true back on {eid}: it was exploratory when the pilot started")
                    declare = "; or declare the change"
                late, late_hint, late_data = _late_amendment(a, eid, a.day(c.version), c.version)
                data.update(late_data)
                hint = (f"{late_hint}{undo}. If the change was decided within {a.window} days of it, keep the "
                        "evidence (the minutes, a pull request) and suppress this finding with that reason."
                        if late else
                        f"{undo}{declare} in effects.yaml amendments (date, effect: {eid}, change, reason, by) "
                        f"dated within {a.window} days of the change.")
                yield app.finding("REG002", "effects", _field_path(idx, c.field), message + late,
                                  hint + a.fetch_main(c.version), data=data)


def _dutch_for(current, registered) -> bool:
    """Whether ``current`` is a Dutch word for the ``registered`` value of a fixed list (hoger for
    increase): the definition is unchanged, and SCH004 says to write the English value."""
    from raio_cli.schema import _dutch_value

    return isinstance(current, str) and isinstance(registered, str) and current != registered \
        and _dutch_value(current, [registered]) == registered


def _seen_elsewhere(a: _Analysis, c, changes) -> bool:
    """Whether change ``c``, of a branch's commit (or one dated before the start that follows a
    later one), is a change the history shows again, where it is reported once: at the merge that
    brought it into the main line (which changed the file too), or, for a branch that took in the
    main line (git merge main), at the main line's commit that made it."""
    v = c.version
    if not (v.merge is not None or a.backdated(v)):
        return False
    on_branch = v.merge is not None
    return any(d is not c and d.field == c.field and d.old == c.old and d.new == c.new
               # a later version, not a branch's when this one is the main line's; or, of a branch,
               # an earlier version of the main line (never both ways: one of two is reported)
               and ((d.version.order > v.order and (on_branch or d.version.merge is None))
                    or (on_branch and d.version.merge is None and d.version.order < v.order))
               for d in changes)


@rule("REG004", "effect-removed-after-start")
def removed_after_start(app, ctx):
    """A pre-registered effect was removed after the pilot started, undeclared.

    What: An effect present in effects.yaml on the start date is gone now, removed by a commit
    (or an uncommitted edit) after `plan.start`, or by a branch merged into the main line after
    it, with no amendment for it dated within 30 days and committed within 30 days after it.
    Why: Dropping an effect that is going badly is outcome switching by omission: the memo
    would then report only the effects that worked.
    Fix: Put the effect back and report its result (or `missing_reason`) in pilot.yaml. If it
    truly cannot be measured, keep it and declare why in `amendments` (effect, date, change,
    reason, by), committed with the removal or within 30 days of it; a declared removal is a
    warning (REG003). Two application folders that swapped names in one commit keep their
    histories, though git sees every file of both rewritten: raio reads a swap where each folder
    now holds exactly one other folder's application, as its application.yaml tells (the same
    file, the same id, or all it said but the id, where the ids were edited to match the
    folders), with that folder's effects.yaml (the same file, or mostly so: more than half of
    what it says of its effects, field by field, is what the other's said) and its other files.
    Where that does not hold (only the effects exchanged, say), the effects read as removed.
    """
    yield from _removals(app, ctx, amended=False)


def _removals(app, ctx, amended: bool):
    a = _analysis(app, ctx)
    listed = app.get("effects", "effects")
    if a is None or (listed is not None and not (isinstance(listed, list) and all(isinstance(e, dict) for e in listed))):
        return  # `effects: E1, E2` or a list of ids: one slip, SCH003's; the effects are unreadable, not removed
    for eid in a.registered:
        if eid in a.current:
            continue
        eh = a.effects.get(eid)
        after = [v for v in (eh.removed if eh else []) if a.after_start(v)]
        v = after[-1] if after else None
        day = a.day(v) if v is not None else a.today
        found = a.amendment(eid, day, v)
        if (found is not None) != amended:
            continue
        how = a.describe(v) if v is not None else "after the start"
        message = f"{eid} was pre-registered but removed {how}, after {_start_text(a.start)}"
        data = {"effect": eid, "start": a.start.isoformat()}
        if v is not None:
            data.update(commit=v.commit, author=v.author, date=v.date.isoformat(), **_merge_data(v))
        if found is not None:
            message += f"; {_amendment_said(found[1])}"
            yield app.finding("REG003", "effects", ("effects",), message,
                              "Declared amendments are shown in every memo; report the effect as missing with its reason.",
                              key=True, data=data)
        else:
            late, late_hint, late_data = _late_amendment(a, eid, day, v)
            data.update(late_data)
            hint = (f"{late_hint}Restore {eid} and report its result. If the removal was decided within {a.window} days "
                    "of it, keep the evidence (the minutes, a pull request) and suppress this finding with that reason."
                    if late else
                    f"Restore {eid} and report its result, or declare the removal in amendments (date, effect: "
                    f"{eid}, change, reason, by).")
            yield app.finding("REG004", "effects", ("effects",), message + late, hint + a.fetch_main(v),
                              key=True, data=data)


@rule("REG007", "registration-committed-after-start", severity=Severity.WARNING)
def registration_committed_late(app, ctx):
    """An effect's pre-registration comes from a commit dated before the start but made after it.

    What: The commit that gave a pre-registered effect its definition has an author date on or
    before `plan.start` (the date raio reads), but git recorded it as committed after the start;
    or it was made on a branch, and the merge that brought it into the main line is dated on or
    before the start but git recorded the merge as committed after it. Reported where nothing of
    effects.yaml was committed before the start: a commit committed after the start on top of a
    version committed before it is a change after the start (REG002, REG004, REG005).
    Why: Git keeps two dates per commit. `git commit --date`, or a rebase, amend or cherry-pick
    after the start, makes a commit whose date lies before the day it was made. Nothing in git
    then shows that the effect was fixed before the first case was seen: the registration rests
    on the date the commit claims.
    Fix: If the effect was fixed before the start (a branch rebased later, say), keep the
    evidence, such as the original commit or the pull request, and suppress this finding with
    that reason. If it was not, mark it `post_hoc: true`: memos then report it as exploratory.
    Example: E1 as pre-registered comes from commit a1b2c3d, dated 2026-02-01 but committed on
    2026-06-01, after the pilot started on 2026-03-01
    """
    a = _analysis(app, ctx)
    if a is None or not a.registered:
        return
    for eid, (idx, _values, _texts) in a.current.items():
        if eid not in a.registered or a.effect(eid).get("post_hoc") is True:
            continue
        v = a.registered_by(eid)
        if v is None or v.uncommitted or v.landed <= a.start:
            continue
        if v.committed > a.start:
            made = f"{v.short}, dated {v.date.isoformat()} but committed on {v.committed.isoformat()}"
        else:  # the merge that brought it in was committed after the start
            made = (f"{v.short}, dated {v.date.isoformat()}, a branch commit that came in by the merge "
                    f"{v.merge.short}, dated {v.merge.date.isoformat()} but committed on {v.landed.isoformat()}")
        yield app.finding("REG007", "effects", ("effects", idx, "id"),
                          f"{eid} as pre-registered comes from commit {made}, after {_start_text(a.start)}",
                          "A rebase, amend or cherry-pick after the start, or git commit --date, dates a commit before "
                          f"the day it was made. If {eid} was fixed before the start, keep the evidence (the original "
                          "commit, a pull request) and suppress this finding with that reason; if not, mark it "
                          "post_hoc: true.",
                          data={"effect": eid, "commit": v.commit, "author": v.author, "date": v.date.isoformat(),
                                "committed": v.committed.isoformat(), "start": a.start.isoformat(), **_merge_data(v)})


@rule("REG008", "amendment-reworded", severity=Severity.WARNING)
def amendment_reworded(app, ctx):
    """An amendment's wording (what changed, why, who decided) was rewritten long after it came into git.

    What: effects.yaml `amendments` holds an entry (known by its effect and date) whose `change`,
    `reason` or `by` differs from the wording it had in git up to 30 days (raio.yaml
    `policy.amendment_window_days`) after the amendment first came into git; the finding names
    the first commit (or the uncommitted edit) that worded it otherwise, and the wording on record.
    Why: An amendment is the record of why a pre-registered effect changed after the start.
    Rewritten later, with the pilot's results in view, it says something other than what was
    decided then, while it keeps the date, and memos show it as if it had always said so. A
    slip corrected within the window is drafting, and not reported.
    Fix: Restore the wording on record, and add what you learned since as a new amendment
    (dated today) or in the outcome. If the rewording only corrects a slip, suppress this finding
    on that line with that reason.
    """
    a = _analysis(app, ctx)
    if a is None:
        return
    from raio_cli.history import display

    for i, entry, part, was, v, day, entered in a.rewordings():
        days = (day - entered).days
        message = (f"the {'by (who decided)' if part == 'by' else part} of the amendment of {entry.get('effect')} dated {_date(entry.get('date')).isoformat()} "
                   f"was reworded {a.describe(v)}, {days} day{'' if days == 1 else 's'} after the amendment came into "
                   f"git on {entered.isoformat()}: it was {display(was) if was else '(none)'}")
        yield app.finding("REG008", "effects", ("amendments", i, part) if part in entry else ("amendments", i), message,
                          "Restore the wording on record and add what changed since as a new amendment; if this only "
                          "corrects a slip, suppress this finding with that reason.",
                          data={"effect": entry.get("effect"), "amendment": i,
                                "amendment_date": _date(entry.get("date")).isoformat(), "variant": part, "commit": v.commit, "author": v.author, "date": day.isoformat(),
                                "entered": entered.isoformat(), "days": days, "old": was, "new": _wording(entry.get(part)),
                                **_merge_data(v)})


@rule("REG006", "start-moved-after-it-passed", severity=Severity.WARNING)
def start_moved(app, ctx):
    """The pilot's start date was moved later after the old start date had passed.

    What: A commit moved pilot.yaml `plan.start` later, from a date that was already past when the
    commit was made: the commit is dated after the old start, or git recorded it as committed
    after it, or it was made on a branch merged into the main line after it, or it follows in the
    history a commit of the application dated after it (a commit can be given any date). Moving it earlier is not reported: that moves the line for
    pre-registration earlier, so it checks more, not less.
    Why: The start date is the line that pre-registration is checked against. Moving it later
    after the fact also moves that line: changes made between the old and the new start would no
    longer count as outcome switching. Where git shows the application in the pilot stage (or
    later) from the old date on, before the move, the pilot did run: the REG rules then keep
    checking against the old date.
    Fix: If the pilot really did not start on the old date, say so in the pilot's records (an
    extension or the plan's `design` text) and suppress this finding with the reason. If it did
    start, restore the original start date.
    """
    ran = _ran_from(app, ctx)
    for old, new, v in _moves(app, ctx):
        against = (f"git shows the application in the pilot stage after {ran.isoformat()}, so pre-registration "
                   f"is checked against that date" if ran == old else "pre-registration is checked against the new date")
        yield app.finding("REG006", "pilot", ("plan", "start"),
                          f"plan.start was moved from {old.isoformat()} to {new.isoformat()} {v.describe()}"
                          f"{_after_note(ctx.history.app(app.id), v, old)}, "
                          f"after the pilot had started on the old date; {against}",
                          "If the pilot did start on the old date, restore it; if it did not, "
                          "record why and suppress this finding with that reason.",
                          data={"old": old.isoformat(), "new": new.isoformat(), "commit": v.commit})


@rule("REG009", "nothing-pre-registered", severity=Severity.WARNING)
def nothing_pre_registered(app, ctx):
    """A pilot is under way, or over, and every one of its effects is marked `post_hoc`.

    What: An application in stage pilot or later (evaluation, production, stopped, retired)
    whose effects.yaml lists effects and marks every one `post_hoc: true`: nothing was
    pre-registered. Read from the files alone, without git.
    Why: Pre-registration is the point of raio: a pilot is judged against what was promised
    before it started. With every effect exploratory the decision rests on results chosen after
    they were seen; the memo has no verdict to put to the board, and the pilot cannot be told
    from one that showed nothing.
    Fix: If the pilot has not really started, set the stage it is in, remove `post_hoc: true`
    from the effects and commit effects.yaml before `plan.start`. If it has, its results are
    exploratory only: say so in the decision's rationale, and pre-register the effects of a new
    pilot (committed before its start) before scaling up; or accept the finding on its line with
    the reason (`# raio: ignore[REG009] ...`).
    """
    if app.stage not in _PILOT_BEGUN:
        return
    effects = app.get("effects", "effects")
    if not isinstance(effects, list) or not effects or not all(isinstance(e, dict) for e in effects):
        return
    if not all(e.get("post_hoc") is True for e in effects):
        return
    n = len(effects)
    which = "the only effect is" if n == 1 else f"all {n} effects are"
    yield app.finding("REG009", "effects", ("effects",),
                      f"nothing was pre-registered: {which} marked post_hoc, and the application is in stage "
                      f"'{app.stage}'",
                      "If the pilot has not really started, set the stage it is in, remove post_hoc: true from "
                      "the effects and commit effects.yaml before plan.start. If it has, its results are "
                      "exploratory: say so in the decision's rationale and pre-register the effects of a new "
                      "pilot before it starts.",
                      data={"count": n, "stage": app.stage, "variant": "one" if n == 1 else "all"})


# --------------------------------------------------------------------------------------------
# GIT: whether the history can be used at all


def _anchor(portfolio, ctx):
    """The first application whose pilot has started (the findings point at its plan.start)."""
    for app in portfolio.apps:
        if _started(app, ctx) is not None:
            return app
    return None


def _availability(portfolio, ctx, states: tuple, code: str, message: str, hint: str):
    app = _anchor(portfolio, ctx)
    if app is None:
        return
    h = ctx.history
    if h is None or h.state not in states:
        return
    started = [a.id for a in portfolio.apps if _started(a, ctx) is not None]
    scope = "the pilot" if len(started) == 1 else f"the {len(started)} started pilots"
    # placed at the first one; data["apps"] names them all, so that a check of any one of them
    # (raio check applications/<id>) shows that its history was not verified, and data["places"]
    # says where in each, so that such a check places it in the application it checks
    places = {a.id: [a.file("pilot"), *a.where("pilot", ("plan", "start"))] for a in portfolio.apps if a.id in started}
    yield app.finding(code, "pilot", ("plan", "start"),
                      f"pre-registration of {scope} cannot be verified: {h.message}" + (f". {message}" if message else ""),
                      hint, data={"state": h.state, "apps": started, "places": places})


@rule("GIT001", "git-not-available", severity=Severity.WARNING, scope="portfolio")
def git_missing(portfolio, ctx):
    """git is not installed, so pre-registration cannot be verified.

    What: A pilot has started, but the `git` program is not on PATH.
    Why: raio verifies that effects were committed before the start, and that they did not
    change after it, from the git history; without git it can verify neither.
    Fix: Install git (and run raio in the portfolio's clone), or pass `--no-git` to skip the
    history checks knowingly.
    """
    yield from _availability(portfolio, ctx, ("no-git",), "GIT001", "",
                             "Install git, or run raio check --no-git to skip the history checks knowingly.")


@rule("GIT002", "not-a-repository", severity=Severity.WARNING, scope="portfolio")
def not_a_repository(portfolio, ctx):
    """The portfolio is not in a git repository (or git refuses to open it, or raio refuses it).

    What: A pilot has started, but the portfolio folder is not inside a git repository, or git
    refuses it because the repository belongs to another user ("dubious ownership", common in
    CI containers), or the repository's config makes a folder outside the portfolio its working
    tree (`core.worktree`): git would then read that folder's files, and that folder's history,
    as the portfolio's, and raio reads none of it.
    Why: Git is the audit trail: the dates of its commits are what pre-registration rests on.
    A copy of the files without `.git` cannot show when anything was written; another folder's
    history shows when other files were written.
    Fix: Run raio in a clone of the portfolio repository (`raio init` creates one). For dubious
    ownership: `git config --global --add safe.directory <path>`. For a working tree elsewhere:
    remove the setting (`git config --unset core.worktree` in the portfolio), or check a fresh
    clone.
    """
    h = ctx.history
    hint = "Remove the repository's core.worktree setting (git config --unset core.worktree), or run raio in a " \
        "fresh clone of the portfolio's repository." if h is not None and h.state == "worktree-elsewhere" else \
        "Run raio in a clone of the portfolio's repository; if git reports dubious ownership, " \
        "run: git config --global --add safe.directory <the repository's path>."
    yield from _availability(portfolio, ctx, ("not-a-repository", "unsafe-repository", "worktree-elsewhere"),
                             "GIT002", "", hint)


@rule("GIT003", "no-commits", severity=Severity.WARNING, scope="portfolio")
def no_commits(portfolio, ctx):
    """The git repository has no commits yet.

    What: A pilot has started, but the repository has no commit at all.
    Why: Until the dossiers are committed, nothing dates the pre-registration.
    Fix: Commit the portfolio: `git add raio.yaml applications && git commit -m "..."`. Note that a
    first commit after the start cannot pre-register that pilot's effects.
    """
    from raio_cli.history import in_repository

    git, paths = in_repository(ctx.history, "raio.yaml", "applications")
    yield from _availability(portfolio, ctx, ("no-commits",), "GIT003", "",
                             f"Commit the portfolio: {git} add {paths}; {git} commit.")


@rule("GIT004", "shallow-clone", severity=Severity.WARNING, scope="portfolio")
def shallow_clone(portfolio, ctx):
    """The repository is a shallow clone: the history that pre-registration rests on is missing.

    What: A pilot has started, and the checkout has only the latest commit(s), as CI systems
    make by default (`fetch-depth: 1` on GitHub Actions, `GIT_DEPTH` on GitLab), cut within the
    portfolio's history. (A shallow clone deep enough to hold all of it is not reported.)
    Why: In a shallow clone every file seems to have been written in the newest commit. raio
    does not read that as "no history": it skips the pre-registration checks and says so here,
    so that no false "committed after the start" is ever reported.
    A check of some files of a started pilot (the changed files, in CI) reports it too, in that
    application. It is a warning: to fail a CI job on a shallow clone, and on nothing else, add a
    step `raio check --select GIT004 --fail-on warning`.
    Fix: Fetch the full history: `git fetch --unshallow`, or in CI `fetch-depth: 0`
    (actions/checkout) or `GIT_DEPTH: 0` (GitLab).
    """
    git = shellhint.git_for(ctx.history)
    yield from _availability(portfolio, ctx, ("shallow",), "GIT004", "The pre-registration checks (REG) were skipped",
                             f"Fetch the full history: {git} fetch --unshallow; in CI set fetch-depth: 0 (GitHub "
                             "actions/checkout) or GIT_DEPTH: 0 (GitLab).")


@rule("GIT005", "portfolio-not-committed", severity=Severity.WARNING, scope="portfolio")
def portfolio_not_committed(portfolio, ctx):
    """Nothing of the portfolio's applications is committed to its git repository.

    What: A pilot has started; the portfolio is inside a git repository with commits, but no file
    under `applications/` has ever been committed.
    Why: The dossiers' history is the evidence of pre-registration; uncommitted files have none.
    Where the portfolio was moved within its repository and the move is not committed yet (a
    `git mv` staged, or a plain `mv`), the message says so: git holds the history at the old
    place until the move is committed.
    Fix: Commit the applications: `git add applications && git commit -m "..."`. A move: commit
    the old place's removal with the new place (`git add -A <old>/applications
    <new>/applications`, raio.yaml's old and new place too when it moved, then `git commit`), so
    that git sees a rename and the history follows it; a commit of the new place alone copies the
    applications and leaves their registration behind. The hint gives the command for what is
    staged already: where the old place's removal is (`git rm -r --cached`), it names only the
    new place, as git refuses a path that matches nothing.
    """
    from raio_cli.history import in_repository, move_hint

    h = ctx.history
    git, paths = in_repository(h, "applications")
    hint = move_hint(h) if h is not None and h.moved_from is not None else \
        f"Commit the applications: {git} add {paths}; {git} commit."
    yield from _availability(portfolio, ctx, ("not-committed",), "GIT005", "", hint)


@rule("GIT007", "history-unreadable", severity=Severity.WARNING, scope="portfolio")
def history_unreadable(portfolio, ctx):
    """git failed while reading the portfolio's history.

    What: A pilot has started, but a git command failed (a damaged repository, a missing object,
    an unsupported repository format); the message repeats git's own. A version of a dossier
    file that the history points at but that is missing from the repository (its object file
    deleted or lost) is reported here too, as a damaged repository, never as that old version
    of the file being unreadable YAML.
    Why: raio cannot verify pre-registration without the history, and will not guess.
    Fix: Run `git fsck` and `git log -- applications` in the portfolio to see what git reports;
    re-clone if the repository is damaged. Missing objects: `git fsck` lists them; make a fresh
    clone of the shared repository (a `git fetch` does not bring back an object that the local
    branches already name), and carry over any work not pushed yet.
    """
    from raio_cli import history

    git = shellhint.git_for(ctx.history)
    damaged = ctx.history is not None and ctx.history.damaged
    hint = history.damaged_hint(git) if damaged else \
        f"Run {git} fsck and {git} log -- applications to see the error; re-clone if needed."
    yield from _availability(portfolio, ctx, ("error",), "GIT007", "", hint)


@rule("GIT006", "dossier-not-committed", severity=Severity.WARNING)
def dossier_not_committed(app, ctx):
    """Dossier files of an application are not committed to git.

    What: One or more of the application's YAML files exist in the folder but not in the
    repository's HEAD commit (new, only staged, or ignored by .gitignore).
    Why: Only committed files are dated evidence. Effects that exist only on one laptop are not
    pre-registered, and CI, which checks the committed files, never sees them.
    Fix: Commit them: `git add applications/<id> && git commit -m "..."`, before the pilot starts.
    The hint's command works where raio check ran: run elsewhere than in the portfolio's folder
    (in an application's folder, above the portfolio), it runs git there (`git -C ../..`, `git -C
    path/to/portfolio`, as the portfolio was named); in JSON, SARIF and the CI formats, from the
    top of the repository (`git -C <folder>` where the portfolio is a folder of it). A
    folder renamed and not committed yet (`git mv`, or `mv`) has its files committed under its
    old name: the message says the rename is what is not committed, and the hint commits it, the
    old folder with the new (`git add -A applications/<old> applications/<id>`; the new alone
    where `git mv` staged the old one's removal), so that git records a rename and the history
    follows the application.
    """
    h = ctx.history
    if h is None or not h.readable or not app.docs:
        return
    ah = h.app(app.id)
    if ah is not None and (ah.submodule or ah.linked):
        return  # committed in another repository, or as a link: GIT009 says so
    tracked = ah.tracked if ah is not None else set()
    missing = [name for name in app.docs if name not in tracked]
    if not missing:
        return
    from raio_cli.history import in_repository

    files = ", ".join(f"{n}.yaml" for n in missing)
    moved = [n for n in missing if ah is not None and ah.renamed_from is not None and n in ah.renamed_from[1]]
    if moved:  # committed under the folder's old name: the rename is what is not committed
        old, _names, indexed = ah.renamed_from
        others = [n for n in missing if n not in moved]
        git, path = in_repository(h, *([f"applications/{old}"] if indexed else []), app.rel)
        what = "the rename, the old folder with the new" if indexed else \
            "the rename (its removal of the old folder is staged already)"
        yield Finding(app.file(missing[0]), 0, 0, "GIT006", Severity.WARNING,
                      f"the folder was renamed from applications/{old} and the rename is not committed: git holds "
                      + ", ".join(f"{n}.yaml" for n in moved) + " under the old name"
                      + (f"; not committed to git: {', '.join(f'{n}.yaml' for n in others)}" if others else ""),
                      f"Commit {what}: {git} add -A {path} && {git} commit. git then records a rename, and the "
                      "history follows the application to its new folder", app.id,
                      {"files": [app.file(n) for n in missing], "renamed_from": f"applications/{old}"})
        return
    git, path = in_repository(h, app.rel)
    yield Finding(app.file(missing[0]), 0, 0, "GIT006", Severity.WARNING,
                  f"not committed to git: {files}",
                  f"Commit them so they are dated evidence: {git} add {path} && {git} commit", app.id,
                  {"files": [app.file(n) for n in missing]})


def _not_as_text(app, ah) -> list[str]:
    """The dossier files (names) that git holds as a Git LFS pointer, or as a link that the check
    read (a link out of the portfolio is not read: YML017 reports it, and nothing of it is checked)."""
    if ah is None:
        return []
    return sorted(n for n, how in ah.stored_as.items() if how == "lfs" or n in app.docs)


@rule("GIT009", "dossier-not-in-git-as-text", severity=Severity.WARNING)
def dossier_not_in_git_as_text(app, ctx):
    """git holds a dossier file as a symbolic link or a Git LFS pointer, not as its text, or the
    application folder is a git submodule or is committed as a symbolic link.

    What: application.yaml, effects.yaml or pilot.yaml is committed as a symbolic link (to a file
    elsewhere), or `.gitattributes` puts it in Git LFS (`filter=lfs`), so that git holds a pointer
    and the text is kept outside the repository; or `applications/<id>` is a git submodule, whose
    files and history are in another repository (a known gap: raio reads one repository), or is
    committed as a symbolic link to another folder (git holds the link, not the files).
    Why: raio reads what each commit holds. A link's history is that of the link, not of the file
    it leads to: the effects could change after the start without a commit of effects.yaml. An LFS
    pointer is no YAML: raio does not fetch LFS objects, so no version can be read. Rather than
    guess (every effect "not committed yet", or no change seen), raio skips the
    pre-registration checks (REG) for the application and says so here.
    Fix: Commit the file itself. A link: replace it with the file it leads to (`cp --remove-destination
    "$(readlink -f <file>)" <file>`) and commit. LFS: remove the `filter=lfs` line that matches the
    dossier files from `.gitattributes` (they are small text) and run `git add --renormalize
    applications && git commit`. A submodule: bring its history into the portfolio's repository
    (`git subtree add`, or a merge of its repository into the folder) in place of the submodule.
    A linked folder: replace the link with a folder of the application's own and commit it.
    """
    from raio_cli.history import held_otherwise

    h = ctx.history
    if h is None or not h.readable:
        return
    ah = h.app(app.id)
    skipped = ", and the pre-registration checks (REG) were skipped" if _started(app, ctx) is not None else ""
    if ah is not None and (ah.submodule or ah.linked):  # the whole folder is held otherwise: one finding
        hint, held = (("Keep the dossier in the portfolio's repository: bring the submodule's history in (git "
                       "subtree add, or a merge of its repository into that folder) in place of the submodule",
                       {"submodule": ah.submodule}) if ah.submodule else
                      ("Replace the link with a folder of the application's own that holds its dossier files, "
                       "and commit that folder", {"linked": ah.linked}))
        yield app.finding("GIT009", "application", (), f"{held_otherwise(ah, app.rel)}{skipped}", hint,
                          data={"files": [app.rel], **held})
        return
    names = _not_as_text(app, ah)
    if not names:
        return
    fixes = []
    if any(ah.stored_as[n] == "link" for n in names):
        fixes.append("replace each link with the file it leads to and commit it")
    if any(ah.stored_as[n] == "lfs" for n in names):
        fixes.append("remove the filter=lfs line that matches the dossier files from .gitattributes, then run "
                     f"{shellhint.git_for(h)} add --renormalize applications and commit")
    first = "effects" if "effects" in names else names[0]
    yield app.finding("GIT009", first, (),
                      f"{held_otherwise(ah, app.rel, names)}: {'its' if len(names) == 1 else 'their'} history "
                      f"cannot be read{skipped}",
                      "Commit the dossier files themselves: " + "; ".join(fixes),
                      data={"files": [app.file(n) for n in names], "stored_as": dict(ah.stored_as)})


@rule("GIT008", "policy-not-committed", severity=Severity.WARNING, scope="portfolio")
def policy_not_committed(portfolio, ctx):
    """raio.yaml, the portfolio's policy, is not committed, or differs from the last commit.

    What: raio.yaml exists in the portfolio folder but not in the repository's HEAD commit (new,
    only staged, or ignored by .gitignore), or its settings differ from the committed version's
    (a change of comments, layout or line endings only is not reported), or it is a link to a file
    outside the portfolio where HEAD has the file (not read, as YML017 says: the check applies the
    defaults). Reported when some of the portfolio's applications are committed, so that CI
    checks the repository.
    Why: raio.yaml holds the policy: which findings fail the check (fail_on), the patterns of
    patient numbers, the stage gates. CI on the repository checks the committed files with the
    committed policy, or with raio's defaults when there is none; the local check then passes or
    fails by another policy than CI's, and nothing says so.
    Fix: Commit it: `git add raio.yaml && git commit -m "..."`; or undo the change:
    `git restore raio.yaml`. The hint's commands work where raio check ran, as GIT006's do.
    """
    h = ctx.history
    if h is None or not h.readable or h.config is None:
        return
    from raio_cli.history import in_repository

    git, path = in_repository(h, "raio.yaml")
    if h.config == "untracked":
        what, hint = "is not committed to git", f"Commit it: {git} add {path} && {git} commit"
    elif h.config == "link_out":  # not read, as the loader reads no link out of the portfolio (YML017)
        yield Finding("raio.yaml", 0, 0, "GIT008", Severity.WARNING,
                      "raio.yaml is a link to a file outside the portfolio, which this check does not read (YML017): "
                      "it applies raio's defaults, while CI, which checks the committed portfolio, applies the "
                      "committed raio.yaml",
                      f"Replace the link with the file itself and commit it ({git} add {path} && {git} commit), "
                      f"or undo it: {git} restore {path}", "", {"state": h.config})
        return
    else:
        what = "differs from the last commit (HEAD)"
        hint = f"Commit the change ({git} add {path} && {git} commit), or undo it: {git} restore {path}"
    yield Finding("raio.yaml", 0, 0, "GIT008", Severity.WARNING,
                  f"raio.yaml {what}: CI, which checks the committed portfolio, applies another policy than this check",
                  hint, "", {"state": h.config})
