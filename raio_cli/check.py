"""``raio check`` as a library: a portfolio in, findings out.

Layers, in order: reading the files (:mod:`raio_cli.yamlio`), the schemas (:mod:`raio_cli.schema`),
then every registered rule (:mod:`raio_cli.rules`): per application and for the portfolio as a
whole. The git history is read at most once, lazily, by the rules that need it
(:attr:`Context.history`). Inline suppressions, ``select`` and ``ignore`` are applied last.
"""

from __future__ import annotations

import datetime as dt
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from raio_cli import portfolio as pf_mod
from raio_cli.findings import Finding, Severity, sort_key
from raio_cli.portfolio import App, Portfolio


@dataclass
class Context:
    """What every rule may consult besides the dossier itself."""

    portfolio: Portfolio
    today: dt.date
    use_git: bool = True
    options: dict = field(default_factory=dict)
    _history: Any = None
    _history_read: bool = False

    @property
    def policy(self) -> dict:
        return self.portfolio.policy

    @property
    def history(self):
        """The portfolio's git history, read in one pass on first use (``None`` without git)."""
        if not self._history_read:
            self._history_read = True
            if self.use_git:
                from raio_cli import history

                self._history = history.read(self.portfolio.root, today=self.today)
        return self._history


@dataclass
class CheckResult:
    root: Path
    findings: list[Finding]
    suppressed: list[Finding] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)
    apps: list[str] = field(default_factory=list)
    today: dt.date | None = None
    policy: dict = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[str(f.severity)] += 1
        return out

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 when raio itself failed."""
        if self.internal_errors:
            return 2
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0


def run(target: Path, *, today: dt.date | None = None, select: Iterable[str] = (), ignore: Iterable[str] = (),
        use_git: bool = True, debug: bool = False, portfolio: Portfolio | None = None,
        options: dict | None = None) -> CheckResult:
    """Check the portfolio that holds ``target`` (a portfolio, an application folder or a file).

    Findings are limited to what lies under ``target``; cross-application rules still see the
    whole portfolio. ``options`` become :attr:`Context.options` (e.g. ``{"next_stage": True}``).
    """
    from raio_cli import rules, schema

    target = Path(target)
    root = pf_mod.find_root(target)
    today = today or dt.date.today()
    pf = portfolio or pf_mod.load(root)
    ctx = Context(portfolio=pf, today=today, use_git=use_git, options=dict(options or {}))
    catalog = rules.load_all()

    findings: list[Finding] = list(pf.findings)
    if pf.config is not None:
        findings += schema.validate(pf.config, "raio")
    for app in pf.apps:
        for name, doc in app.docs.items():
            findings += schema.validate(doc, name, app.id)

    internal: list[str] = []
    for r in catalog.values():
        if r.func is None:
            continue
        units: list = pf.apps if r.scope == "app" else [pf]
        for unit in units:
            try:
                findings.extend(r.func(unit, ctx) or ())
            except Exception as exc:  # a bug in one rule must not hide the others' findings
                if debug:
                    raise
                where = f" on {unit.id}" if isinstance(unit, App) else ""
                internal.append(f"rule {r.code}{where} failed: {type(exc).__name__}: {exc}")
                if ctx.options.get("trace"):
                    internal.append(traceback.format_exc())

    findings, suppressed = _apply_suppressions(findings, pf)
    findings = _within(findings, target.resolve(), root)
    findings = [f for f in findings if _selected(f.code, select, ignore)]
    suppressed = [f for f in _within(suppressed, target.resolve(), root) if _selected(f.code, select, ignore)]
    # The safety net: no layer may echo a patient identifier it happened to quote (raio_cli.privacy).
    from raio_cli import privacy

    masks = privacy.patterns_of(pf.policy)
    findings = [privacy.mask_finding(f, masks) for f in findings]
    suppressed = [privacy.mask_finding(f, masks) for f in suppressed]
    internal = [privacy.mask_identifiers(m, masks) for m in internal]
    findings = sorted(set(findings), key=sort_key)
    return CheckResult(root=root, findings=findings, suppressed=suppressed, internal_errors=internal,
                       apps=[a.id for a in pf.apps], today=today, policy=pf.policy)


def _within(findings: list[Finding], target: Path, root: Path) -> list[Finding]:
    if target == root or not target.exists():
        return findings
    rel = target.relative_to(root).as_posix()
    return [f for f in findings if f.file == rel or f.file.startswith(rel.rstrip("/") + "/")]


def _selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    select, ignore = [s.upper() for s in select], [s.upper() for s in ignore]
    if select and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(s) for s in ignore)


def _apply_suppressions(findings: list[Finding], pf: Portfolio) -> tuple[list[Finding], list[Finding]]:
    """Apply ``# raio: ignore[CODE] reason`` comments; report bad and unused ones."""
    docs = {}
    if pf.config is not None:
        docs[pf.config.file] = (pf.config, "")
    for app in pf.apps:
        for doc in app.docs.values():
            docs[doc.file] = (doc, app.id)
    by_line: dict[tuple[str, int], list] = {}
    extra: list[Finding] = []
    for file, (doc, app_id) in docs.items():
        for s in doc.suppressions:
            if not s.reason or not s.codes:
                extra.append(Finding(file, s.comment_line, s.column, "SUP001", Severity.ERROR,
                                     "inline suppression without " + ("a code" if not s.codes else "a reason"),
                                     "Write: # raio: ignore[CODE] why this finding is accepted", app_id))
                continue
            by_line.setdefault((file, s.line), []).append([s, False, app_id])
    kept, suppressed = [], []
    for f in findings:
        hit = None
        for entry in by_line.get((f.file, f.line), ()):
            if any(f.code.startswith(c) for c in entry[0].codes) and not f.code.startswith("SUP"):
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
