"""The rule catalog: every finding's code, with what it finds, why it matters and how to fix it.

A rule is a small function registered with :func:`rule`; its docstring is its documentation and
must have the sections ``What:``, ``Why:`` and ``Fix:`` (checked at import). Codes are stable: a
code is never reused for something else. Codes emitted by the loader and the schema layer, which
are not functions, are registered with :func:`define` in :mod:`raio_cli.rules.hygiene`.

Scopes, i.e. what the function receives:

- ``app``: ``fn(app: App, ctx: Context) -> Iterable[Finding]``, once per application;
- ``portfolio``: ``fn(portfolio: Portfolio, ctx: Context) -> Iterable[Finding]``, once;
  with ``per_app=True`` the rule promises that its findings for a portfolio are the union of its
  findings for the portfolio narrowed to each single application (and to none), so the engine
  may run it application by application, alongside the ``app`` rules (privacy scans do this);
- ``doc``: documented only; findings come from the loader or the schema layer.

Families are named by the code's prefix, see :data:`FAMILIES`.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Callable

from raio_cli.findings import Severity

FAMILIES = {
    "YML": "YAML hygiene",
    "SCH": "schema",
    "IDN": "identity",
    "GAT": "stage gates",
    "DAT": "dates and pilotitis",
    "REG": "pre-registration integrity",
    "EFF": "effect definitions",
    "OUT": "outcome completeness",
    "DEC": "decision consistency",
    "CMP": "compliance",
    "PRV": "privacy",
    "MON": "monitoring and after the decision",
    "GIT": "git history",
    "SUP": "suppressions",
}

#: Rule modules, imported on demand by :func:`load_all` (never at ``raio --help``).
MODULES = (
    "hygiene",
    "identity",
    "stages",
    "dates",
    "preregistration",
    "effects",
    "outcome",
    "decision",
    "compliance",
    "privacy",
    "monitoring",
)

_CODE = re.compile(r"^[A-Z]{3}\d{3}$")
_SECTION = re.compile(r"^(What|Why|Fix|Severity|Example):\s*", re.M)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: str
    summary: str
    what: str
    why: str
    fix: str
    example: str = ""
    func: Callable | None = None
    #: When the severity depends on something (a docstring's optional "Severity:" section): when
    #: findings of this rule have another severity than :attr:`severity`. Never changes it.
    severity_note: str = ""

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[:3], "other")

    def doc(self, level: int = 1) -> str:
        """The rule's documentation as Markdown, its title a heading of ``level`` (its sections
        one level below): 1 for a page of its own, 2 within :func:`reference`."""
        title, section = "#" * level, "#" * (level + 1)
        parts = [f"{title} {self.code} {self.name}", "", self.summary, "",
                 f"Family: {self.family}. Severity: {self.severity}"
                 + (f"; {self.severity_note.rstrip('.')}." if self.severity_note else "."), "",
                 f"{section} What it finds", "", self.what, "", f"{section} Why it matters", "", self.why, "",
                 f"{section} How to fix", "", self.fix]
        if self.example:
            parts += ["", f"{section} Example", "", self.example]
        return "\n".join(parts) + "\n"

    def text(self, width: int | None) -> str:
        """:meth:`doc` for a terminal ``width`` columns wide: every paragraph but the headings
        filled anew (the docstrings are wrapped at about 95 columns, for the source); a heading
        too long for a line ('# CMP003 not-applicable-without-justification') goes over two,
        the name whole. ``width`` None (written to no terminal): each paragraph one line."""
        from raio_cli.terminal import wrapped

        def fill(block: str) -> str:  # the spaces in a `code` example are part of it (YML019's two before a '#')
            kept = re.sub(r"`[^`]*`", lambda m: re.sub(r" {2,}", lambda s: "\0" * len(s.group()), m.group()), block)
            return wrapped(kept, width).replace("\0", " ")

        blocks = self.doc().rstrip("\n").split("\n\n")
        return "\n\n".join((b if width is None or len(b) <= width else wrapped(b, width, "", "  ")) if b.startswith("#")
                             else fill(b) for b in blocks) + "\n"


def reference(rules: list[Rule]) -> str:
    """The pages of ``rules`` as one Markdown document, in the order given (``raio rule --format
    markdown`` without a code: a rules reference to keep beside the portfolio): a title, then each
    rule's page under a heading of its own (its code and name)."""
    from raio_cli import __version__

    head = (f"# raio rules\n\nThe rules of raio check (raio {__version__}), in code order: what each finds, "
            "why it matters and how to fix it. `raio rule CODE` shows one of them.\n")
    return "\n".join([head] + [r.doc(level=2) for r in rules])


def listing(rules: list[Rule], width: int | None) -> list[str]:
    """The lines of ``raio rule`` without a code: code, severity, name and summary in aligned
    columns, the summary filled to ``width`` under its own column; when that column would be
    narrower than 30, the summary goes on the lines below, indented. Where the name column does not
    fit at all (40 columns: a name is up to 36 long), each rule is a list entry: its code and
    severity, then its name and its summary on lines of their own, so that no name runs past
    the edge and is broken there. ``width`` None (written to no terminal): one line a rule."""
    from raio_cli.terminal import wrapped

    name_width = max((len(r.name) for r in rules), default=0)
    lines = []
    for r in rules:
        head = f"{r.code}  {str(r.severity):<7}  {r.name:<{name_width}}  "
        if width is None:
            lines.append(wrapped(r.summary, None, head))
        elif len(head) - 2 > width:
            lines += [f"{r.code}  {r.severity}", f"  {r.name}", wrapped(r.summary, width, " " * 4)]
        elif width - len(head) >= 30:
            lines.append(wrapped(r.summary, width, head, " " * len(head)))
        else:
            lines.append(head.rstrip())
            lines.append(wrapped(r.summary, width, " " * 8))
    return lines


RULES: dict[str, Rule] = {}


def _parse_doc(code: str, doc: str | None) -> dict:
    if not doc:
        raise ValueError(f"rule {code} has no documentation")
    doc = _dedent(doc)
    pieces = _SECTION.split(doc)
    summary = pieces[0].strip()
    sections = {pieces[i]: pieces[i + 1].strip() for i in range(1, len(pieces) - 1, 2)}
    missing = [s for s in ("What", "Why", "Fix") if not sections.get(s)]
    if not summary or missing:
        raise ValueError(f"rule {code}: documentation lacks {', '.join(missing) or 'a summary line'}")
    return dict(summary=summary, what=sections["What"], why=sections["Why"], fix=sections["Fix"],
                example=sections.get("Example", ""), severity_note=" ".join(sections.get("Severity", "").split()))


def _dedent(doc: str) -> str:
    import textwrap

    first, _, rest = doc.partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()


def _register(code: str, name: str, severity: Severity | str, scope: str, doc: str | None, func=None) -> Rule:
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} must be three capitals and three digits")
    if code[:3] not in FAMILIES:
        raise ValueError(f"rule code {code!r} has an unknown family prefix")
    if code in RULES and RULES[code].func is not func:
        raise ValueError(f"rule code {code} registered twice")
    sev = severity if isinstance(severity, Severity) else Severity.parse(severity)
    r = Rule(code=code, name=name, severity=sev, scope=scope, func=func, **_parse_doc(code, doc))
    RULES[code] = r
    return r


def rule(code: str, name: str, severity: Severity | str = Severity.ERROR, scope: str = "app", per_app: bool = False):
    """Register a check function under a stable code; its docstring documents it."""
    if scope not in ("app", "portfolio"):
        raise ValueError("scope must be 'app' or 'portfolio'")

    def deco(fn):
        _register(code, name, severity, scope, fn.__doc__, fn)
        fn.code = code
        fn.per_app = per_app and scope == "portfolio"
        return fn

    return deco


def define(code: str, name: str, severity: Severity | str, doc: str) -> Rule:
    """Register a code that the loader or the schema layer emits (no function)."""
    return _register(code, name, severity, "doc", doc)


_loaded = False


def load_all() -> dict[str, Rule]:
    """Import every rule module (idempotent) and return the catalog."""
    global _loaded
    if not _loaded:
        for mod in MODULES:
            try:
                importlib.import_module(f"raio_cli.rules.{mod}")
            except ModuleNotFoundError as exc:  # a family not written yet is simply absent
                if exc.name != f"raio_cli.rules.{mod}":
                    raise
        _loaded = True
    return RULES


def get(code: str) -> Rule | None:
    return load_all().get(code.upper())


def severity_of(code: str) -> Severity:
    r = load_all().get(code)
    return r.severity if r else Severity.ERROR


def checklist_catalog(ctx) -> dict:
    """:func:`raio_cli.gates.checklist_catalog` of the run's policy, built once per run: the gate,
    compliance, monitoring and date rules of every application read it. Read it, never change it."""
    from raio_cli import gates

    return ctx.per_run("checklist_catalog", lambda: gates.checklist_catalog(ctx.policy))


def app_verdicts(app, ctx) -> tuple:
    """:func:`raio_cli.verdicts.evaluate_app` of the application (intervals from counts at the
    policy's :func:`raio_cli.verdicts.counts_level`), computed once for its rules (OUT010, OUT012,
    OUT013 and the decision rules read them). Read them, never change them."""
    from raio_cli import verdicts as vd

    return ctx.per_app("verdicts", lambda: tuple(vd.evaluate_app(app.data("effects"), app.data("pilot"),
                                                                 vd.counts_level(ctx.policy))))


def how_to_give(doc, path: tuple, value: str, what: str) -> str:
    """How to give the missing or empty mapping key ``path`` of ``doc`` (a loaded dossier file) a
    value, in words that work when typed as they read (lower case first; ``value`` its
    placeholder, ``what`` what it holds): fill in the empty key on its line, uncomment the lines
    raio new-pilot wrote commented out, or add a line indented as a key beside it. "Add date:"
    beside an empty or commented-out `date:` made a duplicate key or left the comment in place."""
    key = path[-1]
    if doc is None or not isinstance(doc.data, dict):
        return f"add {key}: {value} ({what})"
    if path in doc.pos:
        return f"fill in {key}: on line {doc.where(path, key=True)[0]}: {what} ({value})"
    from raio_cli.yamlio import commented_out

    lines = commented_out(doc, path)
    if lines:
        keys = " and ".join(f"{k}: (line {n})" for n, k in lines)
        return f"remove the '# ' in front of {keys} and replace its value with {what} ({value})"
    holder: object = doc.data
    for step in path[:-1]:
        holder = holder.get(step) if isinstance(holder, dict) else \
            holder[step] if isinstance(holder, list) and isinstance(step, int) and 0 <= step < len(holder) else None
    # a key on a line of its own: not the first of a list entry (its line starts '- '), nor one
    # of a mapping written in braces on its parent's line
    start = doc.where(path[:-1], key=True)[0] if path[:-1] else 0
    siblings = [k for k in holder if path[:-1] + (k,) in doc.pos
                and doc.where(path[:-1] + (k,), key=True)[0] != start] if isinstance(holder, dict) else []
    if siblings:
        # just below the line the mapping starts on, which the lines added in it leave where it
        # is (the line of a key below it moved with each one: a second hint's number was off),
        # where only comments lie between that line and the mapping's first key on a line of its own
        first = min(siblings, key=lambda k: doc.where(path[:-1] + (k,), key=True)[0])
        below = doc.where(path[:-1] + (first,), key=True)[0]
        from raio_cli.yamlio import only_comments_between

        if path[:-1] and 0 < start < below and only_comments_between(doc, start, below):
            opener = [k for k in holder if path[:-1] + (k,) in doc.pos and doc.where(path[:-1] + (k,), key=True)[0] == start]
            label = f"{path[-2]}:" if isinstance(path[-2], str) else \
                f"the entry's first line, - {opener[0]}:" if opener else "the entry's first line"
            return f"add {key}: {value} ({what}) on a new line just below {label} (line {start}), indented as {first}:"
        return (f"add {key}: {value} ({what}) on a new line just above {first}: "
                f"(line {below}), indented as it")
    if path[:-1] and isinstance(holder, dict) and holder:
        return f"add {key}: {value} ({what}) to the mapping that starts on line {start}"
    return f"add {key}: {value} ({what})"
