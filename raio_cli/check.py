"""``raio check`` as a library: a portfolio in, findings out.

Layers, in order: reading the files (:mod:`raio_cli.yamlio`), the schemas (:mod:`raio_cli.schema`),
then every registered rule (:mod:`raio_cli.rules`): per application and for the portfolio as a
whole. Inline suppressions, ``select`` and ``ignore`` are applied last; a finding that says a
file could not be read at all is never hidden by ``select`` or ``ignore`` (see :func:`_kept`).

How the work is laid out, so that 1,000 applications take seconds and little memory:

- Applications are checked one at a time, each from reading its files to its last ``app`` rule
  (and the ``per_app`` portfolio rules, see :mod:`raio_cli.rules`), and then let go: only the
  findings and the files' inline suppressions are kept. An ``app`` rule therefore sees
  ``ctx.portfolio`` narrowed to its own application; rules that compare applications are
  ``portfolio`` rules.
- From :data:`POOL_MIN_APPS` applications on, and with more than one CPU, the applications are
  spread over a pool of worker processes (forked, so they share the rules, the validators and the
  git history read once by the parent). Smaller portfolios are checked in this process: starting
  workers would cost more than it saves.
- The git history is read at most once per run (:attr:`Context.history`): in a thread while
  this process imports the rules; in a pool, step by step before the workers are forked (they
  inherit it), and while git works this process reads dossier files that the workers then
  inherit too (:func:`_preload`). The names of the branches and tags are listed at most once
  per run too (:meth:`Context.ref_names`, one ``git for-each-ref``; the cache's when it listed them).
- The portfolio rules run in this process on a portfolio whose files are read on first use
  (:func:`raio_cli.portfolio.open_lazily`), while the workers run.
- With ``cache=True`` (the ``raio check`` command), each application's findings are kept in
  :mod:`raio_cli.cache`, keyed by everything they depend on, and served when nothing changed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from raio_cli import gcquiet
from raio_cli import portfolio as pf_mod
from raio_cli.findings import Finding, Severity, sort_key
from raio_cli.portfolio import App, Portfolio
from raio_cli.yamlio import NOT_READ

#: From this many applications to check on, a pool of worker processes is used.
POOL_MIN_APPS = 50
#: At most this many worker processes (each holds one application at a time, plus the history).
MAX_JOBS = 4
#: At most this many files are read ahead while git reads the history (see :func:`_preload`):
#: every worker inherits them, so they count in each process's memory (about 16 KB a file).
PRELOAD_MAX_FILES = 2000


@dataclass
class Context:
    """What every rule may consult besides the dossier itself."""

    portfolio: Portfolio
    today: dt.date
    use_git: bool = True
    options: dict = field(default_factory=dict)
    _history: Any = None
    _history_read: bool = False
    #: the run's own context, whose history this one shares (per-application contexts)
    _shared: Any = field(default=None, repr=False)

    @property
    def policy(self) -> dict:
        return self.portfolio.policy

    def per_run(self, key, compute: Callable[[], Any]) -> Any:
        """``compute()``, computed once per run and shared by every application's context: for
        what depends on raio.yaml only (a stage's resolved gate, the checklist catalog), which
        every application would otherwise work out again. Read the value, never change it."""
        run = self._shared if self._shared is not None else self
        memo = run.__dict__.setdefault("_per_run", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def per_app(self, key, compute: Callable[[], Any]) -> Any:
        """``compute()``, computed once for the application this context checks and shared by its
        rules (its verdicts, which three rules read); computed every time in a run's own context,
        which belongs to no application. Read the value, never change it."""
        if self._shared is None:
            return compute()
        memo = self.__dict__.setdefault("_per_app", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    @property
    def history(self):
        """The portfolio's git history, read in one pass on first use (``None`` without git)."""
        if self._shared is not None:
            return self._shared.history
        if not self._history_read:
            while self.history_step():  # started step by step: finish it, waiting for git
                self.__dict__["_steps"][1].wait()
            if self._history_read:
                return self._history
            reader = self.__dict__.pop("_reader", None)
            if reader is not None:  # being read in the background (prefetch_history)
                reader.join()
                if reader.error is not None:
                    raise reader.error
                self._history = reader.result
            elif self.use_git:
                from raio_cli import history

                self._history = history.read(self.portfolio.root, today=self.today)
            self._history_read = True
        return self._history

    def ref_names(self) -> list[str] | None:
        """The names of the repository's branches, tags and remote's branches
        (:func:`raio_cli.gitcmd.ref_names`), listed once per run and only with git; None without
        git, outside a repository or when git fails. A run whose re-check cache listed them (its
        key holds them, :mod:`raio_cli.cache`) is handed those: one ``git for-each-ref`` per run."""
        run = self._shared if self._shared is not None else self
        if "_refs" not in run.__dict__:
            from raio_cli import gitcmd

            h = self.history
            run.__dict__["_refs"] = gitcmd.ref_names(h.repo) if h is not None and h.repo is not None else None
        return run.__dict__["_refs"]

    def start_history(self) -> None:
        """Start reading the history step by step (:func:`raio_cli.history.reading`): git runs
        while this process works, and :meth:`history_step` moves it on between two pieces of
        that work. No second thread: a thread reading files next to this one made both slower
        (each of its thousands of system calls waited for the interpreter lock)."""
        if self._history_read or not self.use_git or self._shared is not None or "_steps" in self.__dict__ \
                or "_reader" in self.__dict__:
            return
        from raio_cli import history

        self.__dict__["_steps"] = [history.reading(self.portfolio.root, today=self.today), None]
        self.history_step()

    def history_step(self) -> bool:
        """Move the history read started by :meth:`start_history` on as far as it goes without
        waiting; True while git is still at work, False when the history is read (or not started)."""
        steps = self.__dict__.get("_steps")
        if steps is None:
            return False
        gen, running = steps
        while running is None or running.done():
            try:
                running = steps[1] = next(gen)
            except StopIteration as stop:
                del self.__dict__["_steps"]
                self._history, self._history_read = stop.value, True
                return False
        return True

    def history_if_started(self):
        """The history when this run read it or started reading it (waiting for the rest), else None."""
        if self._history_read or "_steps" in self.__dict__ or "_reader" in self.__dict__:
            return self.history
        return None

    def prefetch_history(self) -> None:
        """Start reading the history in a thread (git runs while this process reads files);
        :attr:`history` waits for it. Never started twice; without git, nothing to do."""
        if self._history_read or not self.use_git or "_reader" in self.__dict__ or self._shared is not None:
            return
        import threading

        from raio_cli import history

        ctx = self

        class Reader(threading.Thread):
            result = error = None

            def run(self):
                try:
                    self.result = history.read(ctx.portfolio.root, today=ctx.today)
                except BaseException as exc:  # handed to whoever asks for the history
                    self.error = exc

        reader = Reader(name="raio-history", daemon=True)
        self.__dict__["_reader"] = reader
        reader.start()


def combine(results: list[CheckResult]) -> CheckResult:
    """One result of the runs over several paths of one portfolio (``raio check A B``): their
    findings, suppressed findings (SARIF shows them as suppressed results), internal errors and
    applications, each once."""
    result = results[0]
    for extra in results[1:]:
        result.findings = sorted(set(result.findings) | set(extra.findings), key=sort_key)
        result.suppressed = sorted(set(result.suppressed) | set(extra.suppressed), key=sort_key)
        result.internal_errors = list(dict.fromkeys(result.internal_errors + extra.internal_errors))
        result.scope = list(dict.fromkeys(result.checked_apps + extra.checked_apps))
    return result


#: Codes that never fail a run, whatever the failing severity: advice the user asked for
#: (GAT010, ``raio check --next-stage``: what the next stage's gate will need).
ADVISORY = frozenset({"GAT010"})


@dataclass
class CheckResult:
    root: Path
    findings: list[Finding]
    suppressed: list[Finding] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)
    apps: list[str] = field(default_factory=list)
    today: dt.date | None = None
    policy: dict = field(default_factory=dict)
    #: how the run went: applications checked and served from the cache, workers used
    stats: dict = field(default_factory=dict)
    #: the state of the git history the findings rest on (History.state): of the history this run
    #: read, or as the cache recorded it when everything was served from there; None without git
    history_state: str | None = None
    #: application id -> name -> what the ``facts`` function of that name gave (see :func:`run`)
    facts: dict = field(default_factory=dict)
    #: raio.yaml as read (Portfolio.settings): organisation, department, language ...
    settings: dict = field(default_factory=dict)
    #: the ids of the applications this run reported on (those under its paths); None: all of ``apps``
    scope: list[str] | None = None

    @property
    def checked_apps(self) -> list[str]:
        """The applications the findings cover: :attr:`scope`, or every one of :attr:`apps`."""
        return self.apps if self.scope is None else self.scope

    def counts(self) -> dict[str, int]:
        from collections import Counter

        by = Counter(f.severity for f in self.findings)
        return {str(s): by.get(s, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}

    def policy_fail_on(self) -> Severity:
        """The failing severity raio.yaml sets (``policy.fail_on``, valid: see
        :func:`raio_cli.portfolio.merged_policy`), else error."""
        return Severity.parse(str((self.policy or {}).get("fail_on") or "error"))

    def fails(self, finding: Finding, fail_on: Severity = Severity.ERROR, exit_zero: bool = False) -> bool:
        """Whether ``finding`` fails the run: at or above ``fail_on``, and not advice
        (:data:`ADVISORY`); nothing does with ``exit_zero`` (``raio check --exit-zero``). The one
        test of the exit code and of every report that marks what fails (JUnit's failures)."""
        return not exit_zero and finding.severity >= fail_on and finding.code not in ADVISORY

    def exit_code(self, fail_on: Severity = Severity.ERROR, exit_zero: bool = False) -> int:
        """0 clean, 1 findings that fail the run (:meth:`fails`), 2 when raio itself failed
        (with ``exit_zero`` too)."""
        if self.internal_errors:
            return 2
        return 1 if any(self.fails(f, fail_on, exit_zero) for f in self.findings) else 0


@dataclass
class AppResult:
    """What checking one application produced, before suppressions, selection and masking."""

    app: str
    findings: list[Finding]
    #: portfolio-relative file -> its inline suppressions (yamlio.Suppression)
    suppressions: dict = field(default_factory=dict)
    internal: list[str] = field(default_factory=list)
    #: True when none of ``findings`` quotes an identifier that privacy.mask_finding would mask
    clean: bool = False
    #: name -> the value of each ``facts`` function of the run (see :func:`run`)
    facts: dict = field(default_factory=dict)
    #: True when ``facts`` were computed from a history with uncommitted versions, dated today:
    #: the cache keeps them for that day only (see :func:`run`)
    facts_dated: bool = False


def run(target: Path, *, today: dt.date | None = None, select: Iterable[str] = (), ignore: Iterable[str] = (),
        use_git: bool = True, debug: bool = False, portfolio: Portfolio | None = None,
        options: dict | None = None, cache: bool = False, jobs: int | None = None,
        facts: dict | None = None, here: str | None = None) -> CheckResult:
    """Check the portfolio that holds ``target`` (a portfolio, an application folder or a file).

    Findings are limited to what lies under ``target``; cross-application rules still see the
    whole portfolio. ``options`` become :attr:`Context.options` (e.g. ``{"next_stage": True}``).
    ``cache`` serves unchanged applications from :mod:`raio_cli.cache` (never with a
    ``portfolio`` passed in); ``jobs`` caps the worker processes (default: the CPUs, at most
    :data:`MAX_JOBS`; 1 checks in this process).

    ``facts`` maps a name to a function ``(app, ctx) -> plain data`` that is called for every
    application where it is checked (in a worker, with its files loaded and the run's history at
    hand), after its rules; the values come back in :attr:`CheckResult.facts`, so a caller such
    as ``raio status`` needs no second pass over the files. A value must depend only on what an
    application's findings depend on but today (its files, raio.yaml, the history; never
    ``ctx.today``): the cache keeps it beside the findings, keyed as they are but for the date,
    and serves it on other days too, also beside findings checked again for another day. The
    one way today enters a value is the history of an application with uncommitted edits, dated
    today (:mod:`raio_cli.history`): such values are kept for their day only. A function that
    fails is an internal error, like a failing rule.

    ``here``: how the user names the portfolio's folder from where the hints' commands are to be
    run ("." in it, ``../..`` from an application's folder, ``path/to/pf`` from elsewhere); None
    (JSON, SARIF, the CI formats): from the top of its git repository. The rules write such
    commands with marks (:mod:`raio_cli.shellhint`), which the cache keeps as they are, so that
    a run from another folder is served the same entries; they are put in words here, last.
    """
    root, target = pf_mod.locate(Path(target))  # target: root / its path in the portfolio, links kept
    today = today or dt.date.today()
    given = portfolio is not None
    pf = portfolio if given else pf_mod.open_lazily(root)
    ctx = Context(portfolio=pf, today=today, use_git=use_git, options=dict(options or {}))
    names = [a.id for a in pf.apps]
    wanted = _apps_under(target, pf)

    store = None
    results: dict[str, AppResult] = {}
    todo = []
    facts_todo = []  # served from the cache but for some of ``facts`` (a plain check keeps none)
    facts_known: dict[str, dict] = {}  # checked again (another day), their facts served from the cache
    part = None
    with gcquiet.quiet(len(wanted)):  # the cache file read and its findings rebuilt: few collections
        if cache and not given:
            from raio_cli import cache as cache_mod

            store = cache_mod.open_store(root, pf, today=today, use_git=use_git, options=ctx.options)
            if store is not None and store.git is not None and store.git.refs is not None:
                ctx.__dict__["_refs"] = store.git.refs  # listed for the key: not listed again (PRV011)
        for app in wanted:
            hit = store.app(app.id, facts=bool(facts)) if store is not None else None
            if hit is None:
                todo.append(app)
                known = store.facts(app.id) if store is not None and facts else None
                if known is not None and all(name in known for name in facts):
                    facts_known[app.id] = known
            else:
                results[app.id] = hit
                if any(name not in hit.facts for name in facts or ()):
                    facts_todo.append(app)
        part = store.portfolio() if store is not None else None
    part_cached = part is not None

    sh = None
    if todo or facts_todo or part is None:
        if _pooled(debug, jobs, len(todo) + len(facts_todo)):
            ctx.start_history()  # git works while this process reads files (_preload)
        else:
            ctx.prefetch_history()  # git works while the rules are imported and the files read
        sh = _Shared(pf, ctx, given, debug, facts, facts_only={a.id for a in facts_todo},
                     facts_known=set(facts_known))
    pool = 0
    if todo or facts_todo:
        items = todo + facts_todo
        computed, pool = _check_apps(sh, items if given else [a.id for a in items], jobs,
                                     then=(lambda: _portfolio_part(sh)) if part is None else None)
        if part is None:
            part = sh.part
        for r in computed:
            if r.app in sh.facts_only:  # the cached findings, with the facts now computed
                served = results[r.app]
                r = replace(served, facts={**served.facts, **r.facts}, internal=served.internal + r.internal,
                            facts_dated=r.facts_dated)
            elif r.app in facts_known:  # the findings of another day checked again, the facts served
                r = replace(r, facts=facts_known[r.app])
            results[r.app] = r
    elif part is None:
        part = _portfolio_part(sh)
    history = ctx.history_if_started()
    history_state = getattr(history, "state", None)
    with gcquiet.quiet(len(wanted)):  # the cache written, thousands of findings gathered and sorted
        if store is not None:
            store.save(results, part, history)
            if history_state is None and use_git and store.git is not None:
                history_state = store.git.state  # what the served results were computed with

        findings: list[Finding] = list(part.findings)
        docs: dict[str, tuple] = dict(part.suppressions)
        internal = list(part.internal)
        clean: set[int] = set()  # ids of findings known to need no masking
        app_facts: dict[str, dict] = {}
        for app in wanted:
            r = results[app.id]
            if facts:
                app_facts[app.id] = r.facts
            findings.extend(r.findings)
            if r.clean:
                clean.update(map(id, r.findings))
            docs.update(r.suppressions)
            internal.extend(m for m in r.internal if m not in internal)

        findings = list(dict.fromkeys(findings))  # per_app rules report raio.yaml once per application
        findings, suppressed = as_reported(findings, docs)
        findings, accepted = _accept_history(findings, _accepted_history(pf.config))
        suppressed += accepted
        findings = _within(findings, target, root)
        if select or ignore:
            findings = [f for f in findings if _kept(f, select, ignore)]
        suppressed = [f for f in _within(suppressed, target, root) if _selected(f.code, select, ignore)]
        # The safety net: no layer may echo a patient identifier it happened to quote (raio_cli.privacy).
        from raio_cli import privacy

        masks = privacy.patterns_of(pf.policy)
        if _may_need_masking([f for f in findings + suppressed if id(f) not in clean], masks):
            findings = [f if id(f) in clean else privacy.mask_finding(f, masks) for f in findings]
            suppressed = [f if id(f) in clean else privacy.mask_finding(f, masks) for f in suppressed]
        internal = [privacy.mask_identifiers(m, masks) for m in internal]
        from raio_cli import shellhint  # the hints' commands as run from ``here``

        findings = sorted(set(shellhint.filled(findings, here)), key=sort_key)
        suppressed = shellhint.filled(suppressed, here)
    stats = {"apps": len(names), "checked": len(todo), "cached": len(wanted) - len(todo), "facts": len(facts_todo),
             "facts_cached": len(facts_known),
             "portfolio_cached": part_cached, "workers": pool}
    return CheckResult(root=root, findings=findings, suppressed=suppressed, internal_errors=internal,
                       apps=names, today=today, policy=pf.policy, stats=stats, history_state=history_state,
                       facts=app_facts, settings=pf.settings, scope=[a.id for a in wanted])


#: Joins texts for one search: characters that are no digit, letter, separator or decimal point
#: and no word character, so no BSN and no match of a pattern without anchors or lookarounds can
#: span two texts or tell the joined texts from separate ones.
_JOIN = "\x00\x00\x00"
_ANCHORED = re.compile(r"(?<!\\)[\^$]|\\[AZzG]|\(\?<?[=!]|\(\?[a-zA-Z]")


def _may_need_masking(findings: list[Finding], masks: list) -> bool:
    """False only when :func:`raio_cli.privacy.mask_finding` would change none of ``findings``:
    one search over all their texts (message, hint, file, app and every key, text and number of
    their data) instead of one per text. Patterns that look at a text's edges (anchors,
    lookarounds, flags) or texts longer than privacy.WINDOW (searched in windows there) always
    take the exact way. A ``\\b`` as raio rewrites it (:data:`raio_cli.privacy.WORD_EDGE`, two
    lookarounds) looks no further than the characters beside it, and the texts are joined by
    characters that are an edge as a text's end is: it takes the quick way as ``\\b`` did."""
    from raio_cli import privacy

    if any(not p.email and _ANCHORED.search(p.regex.pattern.replace(privacy.WORD_EDGE, "")) for p in masks):
        return True  # (the e-mail pattern's lookaheads look no further than the address: privacy.PhiPattern)
    texts: list[str] = []
    for f in findings:
        texts += (f.message, f.hint, f.file, f.app)
        if f.data:
            _texts_of(f.data, texts)
    if any(not p.email for p in masks) and any(len(t) > privacy.WINDOW for t in texts):
        return True
    joined = _JOIN.join(texts)
    if privacy.may_hold_bsn(joined) and privacy.find_bsns(joined):  # the loose look first: 6 x cheaper
        return True
    return any(privacy.may_occur(p.regex, joined) and next(privacy.joined_matches(p.regex, joined), None)
               for p in masks)


def _texts_of(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _texts_of(k, out)
            _texts_of(v, out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _texts_of(v, out)
    elif isinstance(value, int) and not isinstance(value, bool):
        out.append(str(value))
    elif value is not None and not isinstance(value, (bool, float)):
        out.append(str(value))


# --------------------------------------------------------------------------------------------
# one application at a time


class _Shared:
    """What checking any application needs, prepared once per run (and inherited by workers)."""

    def __init__(self, pf: Portfolio, ctx: Context, given: bool, debug: bool, facts: dict | None = None,
                 facts_only: set[str] = frozenset(), facts_known: set[str] = frozenset()):
        from raio_cli import rules

        catalog = rules.load_all()
        self.pf, self.ctx, self.given, self.debug = pf, ctx, given, debug
        self.facts = dict(facts or {})
        #: applications whose findings came from the cache: only their facts are computed
        self.facts_only = facts_only
        #: applications checked again whose facts came from the cache: their facts are not computed
        self.facts_known = facts_known
        self.root = pf.root
        self.app_rules = [r for r in catalog.values() if r.func is not None and r.scope == "app"]
        self.per_app_rules = [r for r in catalog.values() if r.func is not None and r.scope == "portfolio"
                              and getattr(r.func, "per_app", False)]
        self.portfolio_rules = [r for r in catalog.values() if r.func is not None and r.scope == "portfolio"
                                and not getattr(r.func, "per_app", False)]
        self.items: list = []
        #: application id -> file name -> (bytes, Loaded): read before the workers start (_preload)
        self.preloaded: dict[str, dict] = {}
        self.part: AppResult | None = None
        #: application id -> its App in ``pf``, when this process checks the applications itself
        #: and the portfolio rules run after them: each application.yaml read is handed over
        #: (IDN002 reads them all) instead of being read a second time (see :func:`_check_apps`)
        self.hand_over: dict[str, App] | None = None
        from raio_cli import privacy

        self.masks = privacy.patterns_of(pf.policy)

    def view(self, apps: list[App]) -> Portfolio:
        """The portfolio narrowed to ``apps`` (same root, raio.yaml and policy object)."""
        v = Portfolio(root=self.pf.root, config=self.pf.config, apps=apps)
        v.__dict__["policy"] = self.pf.policy  # functools.cached_property's slot: computed once per run
        return v


def _one_app(sh: _Shared, item: App | str) -> AppResult:
    """Read, validate and run every application rule on one application."""
    from raio_cli import yamlio

    with yamlio.sharing():  # the history's last versions are mostly the files just read
        return _one_app_shared(sh, item)


def _one_app_shared(sh: _Shared, item: App | str) -> AppResult:
    from raio_cli import schema

    findings: list[Finding] = []
    facts_only = (item.id if isinstance(item, App) else item) in sh.facts_only
    if isinstance(item, App):  # a portfolio loaded by the caller: its loader findings are on it
        app = item
    elif facts_only:  # its findings came from the cache: read only the files the facts ask for
        app = pf_mod.lazy_app(sh.root, sh.root / pf_mod.APPS_DIR / item, pf_mod.DEFAULT_MAX_BYTES)
        for name, (raw, loaded) in (sh.preloaded.get(item) or {}).items():
            if raw is not None:
                app.docs.put(name, loaded)
    else:
        app = pf_mod.load_app(sh.root, sh.root / pf_mod.APPS_DIR / item, pf_mod.DEFAULT_MAX_BYTES, findings,
                              sh.preloaded.get(item))
        if sh.hand_over is not None and item in sh.hand_over and "application" in app.docs:
            sh.hand_over[item].docs.put("application", app.docs["application"])
    view = sh.view([app])
    ctx = Context(portfolio=view, today=sh.ctx.today, use_git=sh.ctx.use_git, options=dict(sh.ctx.options),
                  _shared=sh.ctx)
    internal: list[str] = []
    if facts_only:
        findings = []  # the loader's too: the cache has them
    else:
        for name, doc in app.docs.items():
            findings += schema.validate(doc, name, app.id)
        for r in sh.app_rules:
            _apply(r, app, ctx, findings, internal, sh.debug, app.id)
        for r in sh.per_app_rules:
            _apply(r, view, ctx, findings, internal, sh.debug, app.id)
    facts = {}
    for name, func in sh.facts.items() if app.id not in sh.facts_known else ():
        try:
            facts[name] = func(app, ctx)
        except Exception as exc:  # as a failing rule: reported, and the run goes on
            if sh.debug:
                raise
            internal.append(f"{name} of {app.id} failed: {type(exc).__name__}: {exc}")
    dated = bool(facts) and _read_uncommitted(ctx, app.id)
    if facts_only:
        return AppResult(app.id, [], {}, internal, clean=True, facts=facts, facts_dated=dated)
    suppressions = {doc.file: (tuple(doc.suppressions), app.id) for doc in app.docs.values() if doc.suppressions}
    return AppResult(app.id, findings, suppressions, internal, clean=not _may_need_masking(findings, sh.masks),
                     facts=facts, facts_dated=dated)


def _read_uncommitted(ctx: Context, app_id: str) -> bool:
    """Whether the history of ``app_id`` (by its name or a former one) holds uncommitted versions,
    dated today: facts read from it hold for today only. True when the history cannot be read."""
    if not ctx.use_git:
        return False
    try:
        h = ctx.history
    except Exception:
        return True
    if h is None:
        return False
    a = h.find(app_id)  # its current folder's history first, else the one it was renamed from
    return a is not None and a.has_uncommitted


def _apply(r, unit, ctx: Context, findings: list, internal: list, debug: bool, where: str = "") -> None:
    try:
        findings.extend(r.func(unit, ctx) or ())
    except Exception as exc:  # a bug in one rule must not hide the others' findings
        if debug:
            raise
        internal.append(f"rule {r.code}{' on ' + where if where else ''} failed: {type(exc).__name__}: {exc}")


def _portfolio_part(sh: _Shared) -> AppResult:
    """raio.yaml, the listing and the portfolio rules (what is not any one application's)."""
    from raio_cli import schema

    pf = sh.pf
    findings: list[Finding] = list(pf.findings)
    if pf.config is not None:
        findings += schema.validate(pf.config, "raio")
    internal: list[str] = []
    for r in sh.portfolio_rules:
        _apply(r, pf, sh.ctx, findings, internal, sh.debug)
    if sh.per_app_rules:  # their raio.yaml part, which no application's run may be there to give
        empty = sh.view([])
        ctx = Context(portfolio=empty, today=sh.ctx.today, use_git=sh.ctx.use_git, options=dict(sh.ctx.options),
                      _shared=sh.ctx)
        for r in sh.per_app_rules:
            _apply(r, empty, ctx, findings, internal, sh.debug)
    suppressions = {}
    if pf.config is not None and pf.config.suppressions:
        suppressions[pf.config.file] = (tuple(pf.config.suppressions), "")
    if sh.given:  # a caller's loaded portfolio: every file's suppressions are here already
        for app in pf.apps:
            for doc in app.docs.values():
                if doc.suppressions:
                    suppressions[doc.file] = (tuple(doc.suppressions), app.id)
    sh.part = AppResult("", findings, suppressions, internal)
    return sh.part


# --------------------------------------------------------------------------------------------
# the worker pool

_SHARED: _Shared | None = None  # set in the parent just before the workers are forked


def _check_apps(sh: _Shared, items: list, jobs: int | None, then=None) -> tuple[list[AppResult], int]:
    """Check ``items`` (application ids, or loaded Apps) in this process or in a pool; ``then``
    (the portfolio part) runs in this process meanwhile. Returns the results and the number of
    workers used."""
    n = _jobs(jobs)
    if not _pooled(sh.debug, jobs, len(items)):
        if then is not None and not sh.given:
            sh.hand_over = {a.id: a for a in sh.pf.apps}
        with gcquiet.quiet(len(items)):
            out = [_one_app(sh, item) for item in items]
        if then is not None:
            then()
        return out, 0
    from raio_cli import schema

    for name in schema.SCHEMA_NAMES:  # built once, here, and inherited
        schema.fast_validator(name)
    if sh.ctx.use_git:
        _preload(sh, items, sh.ctx.history_step)
        sh.ctx.history  # read once, here: the workers inherit it
    with gcquiet.quiet(len(items)):
        return _pool(sh, items, n, then), n


def _preload(sh: _Shared, items: list, busy) -> None:
    """Read dossier files in this process while ``busy()`` (git reading the history, which the
    workers must inherit): time this process would otherwise spend waiting.

    First the application.yaml of every application (the portfolio rules, IDN002, read them
    all), then whole applications from the last one back; the workers inherit what was read
    (:func:`raio_cli.portfolio.load_app` ``preloaded``) and read only the rest. At most
    :data:`PRELOAD_MAX_FILES` files."""
    if sh.given:
        return
    from raio_cli import yamlio

    wanted = set(items)
    apps = [a for a in sh.pf.apps if a.id in wanted]
    order = [(a, "application") for a in apps] + [(a, n) for a in reversed(apps) for n in pf_mod.DOSSIER_FILES
                                                   if n != "application"]
    for app, name in order[:PRELOAD_MAX_FILES]:
        if not busy():
            return
        if name not in app.docs:
            continue
        rel = app.file(name)
        raw, loaded = yamlio.read_file(app.dir / f"{name}.yaml", rel, app.id)
        if raw is not None:
            loaded = yamlio.load_bytes(raw, rel, app.id)
        sh.preloaded.setdefault(app.id, {})[name] = (raw, loaded)
        app.docs.put(name, loaded)  # the portfolio rules use it too


def _pool(sh: _Shared, items: list, n: int, then) -> list[AppResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _SHARED
    sh.items = items
    size = max(4, min(64, len(items) // (n * 6) or 1))
    chunks = [range(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    _SHARED = sh
    try:
        with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_worker_init) as pool:
            futures = [pool.submit(_work, (c.start, c.stop)) for c in chunks]
            try:
                if then is not None:  # the portfolio part, while the workers check the applications
                    then()
                return [r for fut in futures for r in fut.result()]
            except BaseException:  # Ctrl-C (the workers ignore it), or a failure: no chunk not begun is
                pool.shutdown(wait=True, cancel_futures=True)  # started; leaving the with waited for them all
                raise
    finally:
        _SHARED = None
        sh.items = []


def _work(span: tuple[int, int]) -> list[AppResult]:
    sh = _SHARED
    assert sh is not None
    history = sh.ctx.history if sh.ctx.use_git else None
    out = []
    for i in range(*span):
        # each application's history is read once: what was parsed for it is forgotten after it
        with history.parsing() if history is not None else contextlib.nullcontext():
            out.append(_one_app(sh, sh.items[i]))
    return out


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _pooled(debug: bool, jobs: int | None, count: int) -> bool:
    """Whether ``count`` applications are checked by a pool of workers (see :func:`_check_apps`)."""
    return not debug and count >= POOL_MIN_APPS and _jobs(jobs) >= 2 and _can_fork()


def _jobs(jobs: int | None) -> int:
    if jobs is None:
        env = os.environ.get("RAIO_JOBS", "")
        jobs = int(env) if env.isdigit() else None
    if jobs is None:
        try:
            jobs = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            jobs = os.cpu_count() or 1
        jobs = min(jobs, MAX_JOBS)
    return max(1, jobs)


def _can_fork() -> bool:
    """Workers are forked (they inherit the prepared run); elsewhere one process does it all."""
    if not sys.platform.startswith("linux"):
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


# --------------------------------------------------------------------------------------------
# what to check, what to report


def _apps_under(target: Path, pf: Portfolio) -> list[App]:
    """The applications whose findings can lie under ``target``: one when it is inside an
    application's folder, all otherwise."""
    app_id = pf_mod.application_at(target, pf.root)  # as named in the portfolio (pf_mod.locate)
    if app_id is not None and target.exists():  # what an omitted APP means to memo, log, monitor
        app = pf.app(app_id)
        if app is not None:
            return [app]
    return list(pf.apps)


def _within(findings: list[Finding], target: Path, root: Path) -> list[Finding]:
    """The findings of the files under ``target``; for an application's folder, also the
    findings placed elsewhere or at no file that concern it (``data["apps"]``: a commit that
    touched it, PRV007; a history that could not be read for its started pilot, GIT001-GIT005,
    placed in the checked application: :func:`_placed`). A check of a file of an application
    keeps the latter too: a CI job that checks the changed files of a shallow clone passed with
    the pre-registration of those files never checked, and nothing said so.

    The findings of raio.yaml are kept whatever the target: its policy (gates, pilot lengths,
    fail_on, phi_patterns, checklist extras) is what every application was judged by, so a check
    of one application whose raio.yaml is unreadable, invalid or leaks an identifier must not pass
    (a CI job per application was green while the settings it was judged by were broken). A
    finding placed at raio.yaml that names the applications it concerns (``data["apps"]``: a
    commit that matched a phi pattern, PRV007) is kept for those only."""
    if target == root or not target.exists():
        return findings
    rel = target.relative_to(root).as_posix()
    parts = rel.split("/")
    app = parts[1] if len(parts) == 2 and parts[0] == pf_mod.APPS_DIR else None
    within = parts[1] if len(parts) > 2 and parts[0] == pf_mod.APPS_DIR else None  # a file of an application
    kept = [f for f in findings if f.file == rel or f.file.startswith(rel.rstrip("/") + "/")
            or (f.file == pf_mod.CONFIG and "apps" not in f.data)
            or (app is not None and app in (f.data.get("apps") or ()))
            or (within is not None and "places" in f.data and within in (f.data.get("apps") or ()))]
    if within is not None:
        return [_placed(f, within, f"{pf_mod.APPS_DIR}/{within}") if "places" in f.data else f for f in kept]
    return [_placed(f, app, rel) for f in kept] if app is not None else kept


def _placed(f: Finding, app: str, rel: str) -> Finding:
    """``f``, a finding kept for application ``app`` (folder ``rel``), placed in that application
    where it says where (``data["places"]``: GIT001-GIT005, placed at the first started pilot of
    a portfolio check) and lies in another folder: a CI job that checks one application shows it
    at a file of its own (an annotation on a file outside the job's change showed nowhere)."""
    place = (f.data.get("places") or {}).get(app) if not f.file.startswith(rel + "/") else None
    if not place:
        return f
    file, line, column = place
    return replace(f, file=file, line=line, column=column, app=app)


def _kept(f: Finding, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Whether --select/--ignore keep ``f``. The note of an accepted finding (SUP002, which holds
    the reason) goes with the finding it accepts, unless SUP002 itself is ignored: with --select
    YML, SARIF and JSON lost the reason of every YML finding accepted inline.

    A finding that says its file could not be read at all (``data["not_read"]``: a YAML syntax
    error, an empty file, a folder where a file belongs ...) is always kept: no other rule
    checked that file, so hiding it would pass a run over a file nothing looked at (as ruff
    always reports a syntax error). :func:`kept_unread` tells which were kept so."""
    if _selected(f.code, select, ignore) or f.data.get(NOT_READ):
        return True
    accepted = f.data.get("suppressed") if f.code == "SUP002" else None
    return (isinstance(accepted, dict) and _selected(str(accepted.get("code", "")), select, ignore)
            and _selected(f.code, (), ignore))


def kept_unread(findings: Iterable[Finding], select: Iterable[str], ignore: Iterable[str]) -> list[Finding]:
    """The findings ``--select``/``--ignore`` would have hidden but that are kept because their
    file could not be read (see :func:`_kept`), for the command to say why they are shown."""
    return [f for f in findings if f.data.get(NOT_READ) and not _selected(f.code, select, ignore)]


def _selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    select, ignore = [s.upper() for s in select], [s.upper() for s in ignore]
    if select and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(s) for s in ignore)


#: Findings no inline comment accepts: a patient identifier in the git history (PRV007) or in a
#: branch or tag name (PRV011) is placed at its phi pattern's line in raio.yaml to point at it,
#: and a comment there would accept every commit or name that pattern ever matches, those still
#: to come too.
UNSUPPRESSIBLE = frozenset({"PRV007", "PRV011"})


#: Findings that say better what another finding at the same value says, and the codes they
#: stand in for: YML007 ("must be text, quote it") and SCH004 (one of a list of values) for the
#: loader's warnings about how YAML 1.1 and 1.2 read a plain value (YML005 a yes/no word, YML006
#: a number); CMP011 (raio.yaml cannot change a legal fact of the catalog) for the schema's
#: "unknown field" at that key; PRV010 (an allowed e-mail domain that is an address: give the
#: domain) for PRV003 on the address in that entry, whose hint (add its domain to
#: allowed_email_domains) would send the user back to the same line; PRV004 (a patient-number
#: pattern that cannot be used, and why) for the schema's "is not a 'regex'" at that pattern.
_SAYS_BETTER = {"YML007": frozenset({"YML005", "YML006"}), "SCH004": frozenset({"YML005", "YML006"}),
                "CMP011": frozenset({"SCH002", "SCH003", "SCH004"}), "PRV010": frozenset({"PRV003"}), "PRV004": frozenset({"SCH005"})}
#: The same for a finding of one variant (its data's ``variant``): SCH005's "not a date in the
#: form YYYY-MM-DD" for YML006 at a value YAML reads as a number where a date belongs
#: (`start: 111_222_333`), whose hint (write the number in plain digits) does not fit a date.
_SAYS_BETTER_AS = {("SCH005", "date"): frozenset({"YML006"}),
                   # PRV004's pattern whose \b YAML read as a backspace, in double quotes: the line to
                   # write in single quotes, for YML020's "a character that shows nothing" at it
                   ("PRV004", "backspace"): frozenset({"YML020"}),
                   # YML003 for a text that was only '&word', read as an anchor on nothing (`cost:
                   # &Conform`: quote it; its data's ``empty``), for the schema's "must be text, not
                   # empty" and a stage gate's "needs" at it (GAT002: `design: &Prospectief`), whose
                   # hints (fill in a value) point away from the fix; not where the anchor stands on a
                   # value (`sites: &s 12`, `id: &a [x]`): what the schema says of it stands
                   ("YML003", "anchor_text"): frozenset({"SCH003", "GAT002"})}
_SAYS_BETTER_CODES = frozenset(code for code, _variant in _SAYS_BETTER_AS)
#: CMP011 at one slip of a raio.yaml checklist_extra item (its data's ``slip``) speaks for the
#: schema's finding at the same place (SCH002 `hosting: cloud`, SCH003 `hosting_in: cloud`, SCH004
#: `required_from: productie`): it says that the item is not used, and takes the schema's hint,
#: which gives the line to write ("Did you mean 'hosting_in'?"). Not for a condition that is no
#: mapping at all, where CMP011's own hint (the condition keys) is the better.
_SCHEMA_CODES = frozenset({"SCH002", "SCH003", "SCH004"})


def _one_per_slip(findings: list[Finding]) -> list[Finding]:
    """One finding for one slip: where a finding of :data:`_SAYS_BETTER` stands at a value, the
    findings it stands in for at the same place are left out (the loader's hint, write false,
    would contradict the schema's error, quote it). Done before the suppressions, so that
    accepting the one finding accepts the slip."""
    covered: dict[tuple, frozenset] = {}
    for f in findings:
        better = _SAYS_BETTER.get(f.code)
        if f.code in _SAYS_BETTER_CODES and (f.code != "YML003" or f.data.get("empty")):  # data read only for these
            better = (better or frozenset()) | _SAYS_BETTER_AS.get((f.code, f.data.get("variant")), frozenset())
        if better:
            where = (f.file, f.line, f.column)
            covered[where] = covered.get(where, frozenset()) | better
    if not covered:
        return findings
    kept = [f for f in findings if f.code not in covered.get((f.file, f.line, f.column), ())]
    if len(kept) == len(findings):
        return kept
    hints = {(f.file, f.line, f.column): f.hint for f in findings if f.code in _SCHEMA_CODES and f.hint}
    return [dataclasses.replace(f, hint=hints[where])
            if f.code == "CMP011" and f.data.get("slip") not in (None, "not_mapping")
            and (where := (f.file, f.line, f.column)) in hints else f for f in kept]


#: A full commit hash (SHA-1 or SHA-256), as raio.yaml policy.accepted_history names a commit.
_FULL_HASH = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def _accepted_history(config) -> dict[str, tuple[str, int]]:
    """raio.yaml ``policy.accepted_history`` as ``{full commit hash: (reason, line in raio.yaml)}``:
    the commits whose patient identifier (PRV007) the privacy officer has reviewed and that stay
    in a history that cannot be rewritten. An entry without a full hash or a reason accepts
    nothing (the schema reports it): a short hash could one day name a new commit too."""
    data = config.data if config is not None and isinstance(config.data, dict) else {}
    policy = data.get("policy")
    entries = policy.get("accepted_history") if isinstance(policy, dict) else None
    accepted = {}
    for i, entry in enumerate(entries if isinstance(entries, list) else ()):
        commit, reason = (entry.get("commit"), entry.get("reason")) if isinstance(entry, dict) else (None, None)
        if isinstance(commit, str) and _FULL_HASH.fullmatch(commit) and isinstance(reason, str) and reason.strip():
            accepted[commit] = (reason.strip(), config.where(("policy", "accepted_history", i))[0])
    return accepted


def _accept_history(findings: list[Finding], accepted: dict) -> tuple[list[Finding], list[Finding]]:
    """The PRV007 findings of the commits raio.yaml accepts (:func:`_accepted_history`) moved to
    the suppressed ones, each announced by a SUP002 with the reason, as an inline suppression is;
    every other commit's PRV007 stays. A committed file name (``data["hashes"]``, no one commit)
    is accepted when every commit that committed it is: one commit of it not accepted (the name
    committed again later) and it stays."""
    if not accepted:
        return findings, []
    from raio_cli.rules.privacy import commits_named

    kept, suppressed, notes = [], [], []
    for f in findings:
        hashes = f.data.get("hashes") if f.code == "PRV007" and not f.data.get("hash") else None
        if hashes:
            entries = [accepted.get(c) for c in hashes]
            entry = None if None in entries else (
                "; ".join(dict.fromkeys(e[0] for e in entries)), min(e[1] for e in entries))
            if entry is None and entries.count(None) < len(entries):  # some accepted: say which are left
                left = [c for c, e in zip(hashes, entries) if e is None]
                f = replace(f, hint=f"{f.hint} Accepted already: {len(hashes) - len(left)} of its "
                                    f"{len(hashes)} commits; still to accept: {', '.join(left[:10])}"
                                    + (f" and {len(left) - 10} more" if len(left) > 10 else "") + ".",
                            data={**f.data, "not_accepted": left})
        else:
            entry = accepted.get(f.data.get("hash")) if f.code == "PRV007" else None
        if entry is None:
            kept.append(f)
            continue
        suppressed.append(f)
        what = (f"the file name {f.data.get('file')} ({commits_named(hashes)})" if hashes
                else f"commit {f.data.get('commit')}'s {f.data.get('in')}")
        notes.append(Finding(f.file, f.line, f.column, "SUP002", Severity.INFO,
                             f"{f.code} of {what} accepted in raio.yaml (policy.accepted_history): {entry[0]}",
                             "", f.app,
                             {"suppressed": f.to_dict(), "reason": entry[0], "accepted_line": entry[1],
                              "commit": hashes[0][:7] if hashes else f.data.get("commit"),
                              "apps": f.data.get("apps") or [],
                              **({"commits": [c[:7] for c in hashes]} if hashes else {})}))
    return kept + notes, suppressed


def as_reported(findings: list[Finding], docs: dict) -> tuple[list[Finding], list[Finding]]:
    """The findings as raio check reports them, and those it suppresses: one finding for one
    slip (:func:`_one_per_slip`), then the inline ``# raio: ignore[CODE] reason`` comments of
    ``docs`` applied (:func:`_apply_suppressions`, which adds SUP001-SUP003). For a caller that
    runs some rules itself (the checklist export) and must say of them what check says."""
    return _apply_suppressions(_one_per_slip(findings), docs)


def _apply_suppressions(findings: list[Finding], docs: dict) -> tuple[list[Finding], list[Finding]]:
    """Apply ``# raio: ignore[CODE] reason`` comments; report bad and unused ones.

    ``docs`` maps a portfolio-relative file to ``(its suppressions, application id)``."""
    by_line: dict[tuple[str, int], list] = {}
    extra: list[Finding] = []
    for file, (sups, app_id) in docs.items():
        for s in sups:
            if not s.reason or not s.codes:
                extra.append(Finding(file, s.comment_line, s.column, "SUP001", Severity.ERROR,
                                     "inline suppression without " + ("a code" if not s.codes else "a reason"),
                                     "Write: # raio: ignore[CODE] why this finding is accepted", app_id,
                                     {"variant": "code" if not s.codes else "reason"}))
                continue
            by_line.setdefault((file, s.line), []).append([s, False, app_id])
    if not by_line:
        return findings + extra, []
    kept, suppressed = [], []
    for f in findings:
        hit = None
        for entry in by_line.get((f.file, f.line), ()):
            if any(f.code.startswith(c) for c in entry[0].codes) and not f.code.startswith("SUP") \
                    and f.code not in UNSUPPRESSIBLE:
                hit = entry
                break
        if hit is None:
            kept.append(f)
            continue
        hit[1] = True
        suppressed.append(f)
        s = hit[0]
        extra.append(Finding(f.file, f.line, f.column, "SUP002", Severity.INFO,
                             f"{f.code} suppressed: {s.reason}", "", f.app,
                             {"suppressed": f.to_dict(), "reason": s.reason, "comment_line": s.comment_line}))
    for (file, _line), entries in by_line.items():
        for s, used, app_id in entries:
            if not used:
                extra.append(Finding(file, s.comment_line, s.column, "SUP003", Severity.WARNING,
                                     f"the suppression of {', '.join(s.codes)} matches no finding on line {s.line}",
                                     "Remove the comment, or move it to the line of the finding.", app_id))
    return kept + extra, suppressed
