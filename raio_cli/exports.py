"""The portfolio as data for others: one row per application (CSV, JSON), and records in the
Dutch Algorithm Register's publication standard.

Plain functions: a loaded :class:`~raio_cli.portfolio.Portfolio` in, rows, records and text out;
``raio export`` only writes them. Nothing here raises on odd dossier data: a value that cannot be
read is left empty.

CSV safety: cells are written with the :mod:`csv` module (quoting as needed, so commas, quotes
and line breaks in texts survive), and a text cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return, or with a full-width form of them (``＝``: a first character that
Unicode's NFKC normalisation makes one of them), gets a leading single quote (``'``), so that a
spreadsheet shows it as text instead of running it as a formula ("CSV injection"). Numbers are
never prefixed. A cell longer than Excel holds (32,767 characters) is cut with a visible marker
and named (:func:`csv_cuts`): written whole, Excel spilled its rest into the rows below.

Texts that a spreadsheet would take for a date or a number (a version ``1.9`` or a code ``3-4``,
a date to Excel in Dutch settings; ``2.10``, the number 2.1) are written as they are. The ways to
make Excel keep them as text when it opens a CSV change the value for every other reader: a
formula ``="1.9"`` (which the CSV-injection rule above exists to defuse), a leading ``'`` (Excel
shows it when it opens a CSV), a leading tab or an invisible character. ``raio export --help``
points to Excel's import (Data > From Text/CSV, columns typed Text) instead.

The register export fills each record only from what the dossier says (see ``mapping`` in
``raio_cli/catalog/algoritmeregister.yaml``), lists per record what the register requires or
always shows but the dossier does not give (``missing``; for a retired or stopped application also the end
date, which the register asks for once an algorithm is out of use), and checks every value against the
standard's limits (``violations``: lengths, permitted values, forms).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

from raio_cli import jsontext
from raio_cli.portfolio import App, Portfolio

__all__ = [
    "COLUMNS",
    "CHECKLIST_COLUMNS",
    "checklist_rows",
    "VERDICT_STATUSES",
    "application_row",
    "config_unreadable",
    "rows",
    "to_csv",
    "to_json",
    "csv_safe",
    "csv_cuts",
    "register_spec",
    "register_record",
    "register_export",
    "validate_record",
]

#: Verdict statuses counted per application (raio_cli.verdicts.STATUSES).
VERDICT_STATUSES = ("met", "not-met", "breached", "within-limit", "inconclusive", "missing", "no-target")

#: The columns of the CSV export, in order (the JSON objects have the same keys).
COLUMNS = (
    "id", "name", "stage", "vendor", "product", "version", "modality", "task", "mdr_class", "ai_act_risk",
    "certificate_expires", "owner", "owner_role", "plan_start", "plan_end", "extensions", "last_end",
    "decision_choice", "decision_date",
    *(f"verdicts_{s.replace('-', '_')}" for s in VERDICT_STATUSES), "verdicts",
    "open_items_count", "open_items",
    # added later, at the end so that the columns before keep their places: the stop after scale-up
    "retirement_date", "retirement_decided_on", "retirement_decided_by",
    # what is wrong with plan_start or plan_end: a typo that is no date, an end before the start
    "plan_dates_problem",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: An e-mail address as the register publishes one: a local part of RFC 5322's characters (no
#: ':' or brackets, so "javascript:alert(1)//@x.nl" is none) at a domain of labels.
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


# --------------------------------------------------------------------------------------------
# Rows


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _written(app: App, name: str, *path: str) -> str | None:
    """A text of the dossier as the file writes it: a plain value YAML reads as a number or a
    yes/no (``version: 2.10`` as 2.1, ``product: 0700`` as the octal 448, ``role: no`` as false;
    raio check's YML findings) is exported as its text in the file, not as what YAML made of it."""
    doc = app.docs.get(name)
    kind, source = doc.coerced.get(path, (None, None)) if doc is not None and not _unread(app, name) else (None, None)
    if kind in ("int", "float", "bool") and isinstance(source, str):
        return _text(source)
    return _text(app.get(name, *path))


def _date(value: Any) -> str | None:
    """A date as YYYY-MM-DD, read as raio reads every date (:func:`raio_cli.values.parse_date`)."""
    from raio_cli.values import parse_date

    day = parse_date(value)
    return day.isoformat() if day is not None else None


def _verdict_counts(app: App, level: float = 95.0) -> tuple[dict[str, int] | None, str | None]:
    """Counts per status of the pre-registered effects and "E1 met; G1 within-limit; X1 met (post
    hoc)", or (None, None) before there is an outcome;
    ``level``: that of intervals from counts (:func:`raio_cli.verdicts.counts_level`)."""
    outcome = app.get("pilot", "outcome")
    if not isinstance(outcome, dict) or not isinstance(outcome.get("results"), list) or not app.has("effects") \
            or _unread(app, "effects"):  # no effects read, no verdicts to count: unknown, not 0
        return None, None
    try:
        from raio_cli.verdicts import evaluate_app

        verdicts = evaluate_app(app.data("effects"), app.data("pilot"), level)
    except Exception:  # odd data must not break an export; the check reports it
        return None, None
    counts = {s: 0 for s in VERDICT_STATUSES}
    parts = []
    for v in verdicts:
        status = str(getattr(v, "status", "")).strip().lower().replace("_", "-").replace(" ", "-")
        # the counts are of the pre-registered effects, as the memo and the report count them;
        # an exploratory (post hoc) effect is named, marked so, and counts for nothing
        if getattr(v, "post_hoc", False):
            parts.append(f"{getattr(v, 'effect', '?')} {status} (post hoc)")
            continue
        if status in counts:
            counts[status] += 1
        parts.append(f"{getattr(v, 'effect', '?')} {status}")
    return counts, "; ".join(parts) or None


def _open_items(app: App) -> list[str]:
    """The ids of the open checklist items (:func:`raio_cli.checklist.open_entries`: open, in
    progress, and a status that is none of the four or none, as ``raio status`` counts them),
    each as the file writes it; an entry without an id by its place (``items[3] (no id)``), one
    that is no mapping (``- mdr-class``, check's SCH003) by what it says."""
    from raio_cli.checklist import open_entries

    return [(_as_written(app, "items", i, "id") if isinstance(entry, dict) else _as_written(app, "items", i))
            or f"items[{i}] (no id)" for i, entry in open_entries(app)]


def _unread(app: App, name: str) -> bool:
    """The dossier file is there but could not be read (a YAML syntax error, not UTF-8 ...)."""
    doc = app.docs.get(name)
    return doc is not None and not isinstance(doc.data, dict)


def application_row(app: App, policy: Any = None) -> dict:
    """One application as a flat mapping with the keys of :data:`COLUMNS` (None for unknown:
    a count from a file that could not be read, or the open items without a compliance.yaml,
    is unknown, never 0); its verdicts as raio check computes them under raio.yaml ``policy``."""
    plan = app.get("pilot", "plan", default={})
    plan = plan if isinstance(plan, dict) else {}
    extensions = app.get("pilot", "extensions", default=[])
    extensions = [] if extensions is None else extensions if isinstance(extensions, list) else None  # "twice": unknown
    from raio_cli.rules.dates import last_planned_end, outcome_before_planned_end, plan_date_note, plan_date_problems

    modality = app.get("application", "modality")
    modality = [m for m in (modality if isinstance(modality, list) else [modality]) if _text(m)]
    from raio_cli.verdicts import counts_level

    counts, summary = _verdict_counts(app, counts_level(policy))
    open_items = _open_items(app)
    early = outcome_before_planned_end(app)  # DAT016: the pilot ended early, on its outcome's day
    from raio_cli.terminal import printable

    shown_id = printable(app.id)  # one line, as every text of a row: a line break shown as \x{0a}
    row = {
        "id": shown_id,
        # without a name, the application is named by its folder, written as its id is (a byte of a
        # folder name that is no UTF-8 as \u{dce9} in both, not raw in one)
        "name": _written(app, "application", "name") or shown_id,
        "stage": _text(app.stage),
        "vendor": _written(app, "application", "vendor"),
        "product": _written(app, "application", "product"),
        "version": _written(app, "application", "version"),
        "modality": [_text(m) for m in modality],
        "task": _written(app, "application", "task"),
        "mdr_class": _written(app, "application", "regulatory", "mdr_class"),
        "ai_act_risk": _text(app.get("application", "regulatory", "ai_act", "risk")),
        "certificate_expires": _date(app.get("application", "regulatory", "certificate", "expires")),
        "owner": _written(app, "application", "owner", "name"),
        "owner_role": _written(app, "application", "owner", "role"),
        "plan_start": _date(plan.get("start")),
        "plan_end": _date(plan.get("end")),
        "extensions": None if _unread(app, "pilot") or extensions is None else
        len([e for e in extensions if isinstance(e, dict)]),
        "last_end": _date(early["outcome"] if early else last_planned_end(app)),
        "decision_choice": _text(app.get("pilot", "decision", "choice")),
        "decision_date": _date(app.get("pilot", "decision", "date")),
    }
    for s in VERDICT_STATUSES:
        row[f"verdicts_{s.replace('-', '_')}"] = counts[s] if counts else None
    row["verdicts"] = summary
    checklist = app.has("compliance") and not _unread(app, "compliance")  # none, or unreadable: unknown, not 0
    row["open_items_count"] = len(open_items) if checklist else None
    row["open_items"] = open_items if checklist else None
    row["retirement_date"] = _date(app.get("application", "retirement", "date"))
    row["retirement_decided_on"] = _date(app.get("application", "retirement", "decided_on"))
    row["retirement_decided_by"] = _written(app, "application", "retirement", "decided_by")
    row["plan_dates_problem"] = plan_date_note(plan_date_problems(app))
    return row


def unreadable(portfolio: Portfolio) -> list[tuple[str, str]]:
    """The applications an export can give only in part, as ``(app id, why)``: a dossier file that
    could not be read (a YAML syntax error, bytes that are not UTF-8 ...: the loading errors
    ``raio check`` reports) or a folder without application.yaml. Their rows stay in the export,
    with the cells those files would fill left empty; no patient identifier in full."""
    from raio_cli import privacy
    from raio_cli.findings import Severity

    patterns = privacy.patterns_of(portfolio.policy)
    apps = {app.id: app for app in portfolio.apps}
    read = {app.file(name) for app in portfolio.apps for name, doc in app.docs.items() if isinstance(doc.data, dict)}
    out = []
    for f in portfolio.findings:  # a file read with a hygiene error (a duplicate key ...) is read: check's to report
        if f.app in apps and f.severity >= Severity.ERROR and f.file and f.file not in read:
            first = f.message.splitlines()[0] if f.message else f.code
            out.append((f.app, f"{f.file} cannot be read ({first})"))
    out += [(app.id, f"{app.rel} has no application.yaml") for app in portfolio.apps if not app.has("application")]
    return [(privacy.mask_identifiers(app_id, patterns), privacy.mask_identifiers(why, patterns)) for app_id, why in out]


#: The single values a row takes from the dossier as text or as a date, as (file, key path, kind:
#: "text", "long" for a text that is not taken as a number, or "date"); the plan's dates have their
#: own column (plan_dates_problem).
_SOURCES = (
    ("application", ("name",), "text"), ("application", ("stage",), "long"),
    ("application", ("vendor",), "text"), ("application", ("product",), "text"), ("application", ("version",), "text"),
    ("application", ("task",), "text"), ("application", ("regulatory", "mdr_class"), "text"),
    ("application", ("regulatory", "ai_act", "risk"), "text"),
    ("application", ("regulatory", "certificate", "expires"), "date"),
    ("application", ("owner", "name"), "text"), ("application", ("owner", "role"), "text"),
    ("pilot", ("decision", "choice"), "text"), ("pilot", ("decision", "date"), "date"),
    ("application", ("retirement", "date"), "date"), ("application", ("retirement", "decided_on"), "date"),
    ("application", ("retirement", "decided_by"), "text"),
)


#: Those of :data:`_SOURCES` a register record takes too (name, provider, tags, category, dates).
_REGISTER_USES = {("name",), ("stage",), ("vendor",), ("product",), ("task",), ("regulatory", "ai_act", "risk"),
                  ("decision", "choice"), ("decision", "date"), ("retirement", "date")}
#: The same for the register's texts from application.yaml ``public`` (its long texts take no number).
_PUBLIC_SOURCES = (
    *(("application", ("public", key), "text") for key in ("contact", "url", "publication_category")),
    *(("application", ("public", key), "long") for key in
      ("short_description", "goal", "proportionality", "human_intervention", "risks", "lawful_basis", "source_data")),
)


def _what(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return {list: "a list", dict: "a mapping", str: "a text"}.get(type(value), "a value of another kind")


def unexported(portfolio: Portfolio, register: bool = False) -> list[tuple[str, str]]:
    """The dossier values a row leaves out because they are not what its column holds (a vendor
    written as a list, an owner as a bare name, a date that is none), as ``(app id, why)``: the
    cell stays empty, and this says so (raio check reports them as schema findings); with
    ``register``, those a register record leaves out: its public texts and the values of a row
    it takes too. Files that could not be read are :func:`unreadable`'s; no patient identifier
    in full."""
    from raio_cli import privacy

    patterns = privacy.patterns_of(portfolio.policy)
    out = []
    sources = (tuple(s for s in _SOURCES if s[1] in _REGISTER_USES) + _PUBLIC_SOURCES) if register else _SOURCES
    for app in portfolio.apps:
        said: set[tuple] = set()
        for name, path, kind in sources:
            if _unread(app, name):
                continue
            value: Any = app.data(name)
            for i, step in enumerate(path):
                if i and not isinstance(value, dict):
                    if value is not None and (name, path[:i]) not in said:
                        said.add((name, path[:i]))
                        keys = ", ".join(".".join(p) for f, p, _k in sources if f == name and p[:i] == path[:i])
                        out.append((app.id, f"{name}.yaml {'.'.join(path[:i])} is {_what(value)}, not a mapping: "
                                            f"{keys} not exported"))
                    value = None
                    break
                value = value.get(step)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            key = f"{name}.yaml {'.'.join(path)}"
            text = _written(app, name, *path) if kind == "text" else value if isinstance(value, str) else None
            if kind != "date" and text is None:
                out.append((app.id, f"{key} is {_what(value)}, not a text: not exported"))
            elif kind == "date" and _date(value) is None:
                out.append((app.id, f"{key} '{_clip(value, 40)}' is no date (YYYY-MM-DD): not exported"
                            if isinstance(value, str) else f"{key} is {_what(value)}, not a date: not exported"))
        modality = None if _unread(app, "application") else app.get("application", "modality")
        for i, m in enumerate(modality if isinstance(modality, list) else [modality]):
            if m is not None and _text(m) is None and not (isinstance(m, str) and not m.strip()):
                where = f"modality[{i}]" if isinstance(modality, list) else "modality"
                out.append((app.id, f"application.yaml {where} is {_what(m)}, not a text: not exported"))
        listed = None if _unread(app, "compliance") else app.get("compliance", "items")
        if listed is not None and not isinstance(listed, list):  # check's SCH003: no item can be read
            out.append((app.id, f"compliance.yaml items is {_what(listed)}, not a list: no checklist item exported"))
        items = None if not register or _unread(app, "compliance") else app.get("compliance", "items")
        items = items if isinstance(items, list) else []
        for assessment in _spec()["mapping"]["impact_assessments"] if register else []:  # as _impact_assessment
            i, entry = next(((i, e) for i, e in enumerate(items)
                             if isinstance(e, dict) and e.get("id") == assessment["item"]), (0, None))
            day, why = (entry or {}).get("date"), (entry or {}).get("justification")
            evidence = (entry or {}).get("evidence")
            links = [(f"[{j}]" if isinstance(evidence, list) else "", e.strip())
                     for j, e in enumerate(evidence if isinstance(evidence, list) else [evidence]) if isinstance(e, str)]
            if entry and entry.get("status") == "done" and not any(e.startswith("https://") for _j, e in links):
                out += [(app.id, f"compliance.yaml items[{i}].evidence{j} '{_clip(e, 60)}' is no https:// link"
                                 + (" (write its scheme in lower case: https://)" if e.lower().startswith("https://") else "")
                                 + ", the only kind the register takes: impacttoetsen_grouping gets no link to the "
                                 f"{assessment['title']}") for j, e in links if e.lower().startswith(("http://", "https://"))]
            if entry and entry.get("status") == "done" and str(day or "").strip() and _date(day) is None:
                out.append((app.id, f"compliance.yaml items[{i}].date '{_clip(str(day), 40)}' is no date "
                                    "(YYYY-MM-DD): not exported"))
            elif entry and entry.get("status") == "not-applicable" and why is not None and _text(why) is None \
                    and not (isinstance(why, str) and not why.strip()):
                out.append((app.id, f"compliance.yaml items[{i}].justification is {_what(why)}, not a text: "
                                    "not exported"))
        extensions = None if register or _unread(app, "pilot") else app.get("pilot", "extensions")
        if extensions is not None and not isinstance(extensions, list):
            out.append((app.id, f"pilot.yaml extensions is {_what(extensions)}, not a list: not counted"))
        for i, entry in enumerate(extensions if isinstance(extensions, list) else []):
            if not isinstance(entry, dict):
                out.append((app.id, f"pilot.yaml extensions[{i}] is {_what(entry)}, not a mapping: not counted"))
    return [(privacy.mask_identifiers(app_id, patterns), privacy.mask_identifiers(why, patterns))
            for app_id, why in out]


def settings_unexported(portfolio: Portfolio, register: bool = False) -> list[str]:
    """The raio.yaml settings a register record leaves out because they are not a text
    (``organisation: [Ziekenhuis]``), as lines for standard error, as :func:`unexported` gives
    those of a dossier: the record then misses its organisation, and this says why. The rows
    take no settings: empty without ``register``."""
    from raio_cli import privacy

    out = []
    for key in ("organisation", "department") if register else ():
        value = portfolio.settings.get(key)
        if value is not None and _text(value) is None and not (isinstance(value, str) and not value.strip()):
            out.append(f"raio.yaml {key} is {_what(value)}, not a text: not exported")
    return [privacy.mask_identifiers(why, privacy.patterns_of(portfolio.policy)) for why in out]


def config_unreadable(portfolio: Portfolio) -> str | None:
    """Why raio.yaml could not be read (a YAML syntax error, a link out of the portfolio ...), as
    a line for standard error, or None when it was read. Without it the export goes on, but its
    patient-number patterns (policy.phi_patterns) mask nothing: only BSNs are masked."""
    from raio_cli import privacy
    from raio_cli.findings import Severity

    config = portfolio.config
    if config is None or isinstance(config.data, dict):
        return None
    first = next((f.message.splitlines()[0] for f in config.findings if f.severity >= Severity.ERROR and f.message),
                 "it holds no settings")
    return privacy.mask_identifiers(
        f"raio.yaml cannot be read ({first}): its patient-number patterns (policy.phi_patterns), "
        "organisation and department are not used, so only BSNs are masked", [])


def rows(portfolio: Portfolio) -> list[dict]:
    """One row per application of the portfolio, in folder order; no patient identifier in full."""
    from raio_cli import privacy

    return privacy.mask_data([application_row(app, portfolio.policy) for app in portfolio.apps],
                             privacy.patterns_of(portfolio.policy))


#: The columns of the checklist export (``--format checklist``), in order: one row per
#: application and checklist item (the JSON objects have the same keys).
CHECKLIST_COLUMNS = (
    "id", "name", "stage", "item", "title", "source", "source_url", "status", "required_now", "owner", "evidence", "date",
    "expires", "expired", "justification",
    # added later, at the end so that the columns before keep their places: why the entry is not a
    # valid checklist entry (raio check's findings of it, with their line), and their codes
    "problem", "problem_codes",
)
#: The status of an item the catalog asks of the application but compliance.yaml does not list.
NOT_IN_DOSSIER = "not in dossier"
#: Between two problems of one entry in the ``problem`` cell (a message may hold "; ").
PROBLEM_SEPARATOR = " | "


def _as_written(app: App, *path: Any) -> str | None:
    """A value of compliance.yaml as the file writes it: a text or number as :func:`_written`
    gives it (``status: no`` as 'no'), a list or mapping in YAML's flow form (``[done, open]``),
    so that a row shows what the entry says, also where that is no valid value."""
    value = app.get("compliance", *path)
    if isinstance(value, (list, dict)):
        import yaml

        try:
            text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 30)
        except Exception:
            return None
        return _text(text.removesuffix("\n...\n"))
    return _written(app, "compliance", *path)


def checklist_rows(portfolio: Portfolio, today: dt.date | None = None) -> list[dict]:
    """One row per application and checklist item, in folder and catalog order, with the keys of
    :data:`CHECKLIST_COLUMNS`; no patient identifier in full.

    The items are those the portfolio report's compliance matrix shows for the application
    (:func:`raio_cli.checklist.item_states`: recorded, or applying to it; an item whose
    ``applies_when`` does not hold and that compliance.yaml does not list is left out), its title
    in the portfolio's language, its legal source as worded on ``today``; ``required_now`` as the
    matrix's "open, now required" (the current stage and the next gate), ``expired`` whether the
    evidence's ``expires`` lies before ``today`` (an MDD certificate MDR Art 120 keeps valid,
    done or being renewed, has not expired). A stopped or retired application keeps its rows (the
    report's matrix leaves it out): what was done before its stop stays on record, and
    ``required_now`` says what its stage's gate still asks (no duties of ongoing use:
    ``implies_use``).

    Every entry of compliance.yaml has a row, once, with what it says: the status as written,
    also one that is none of the four (``bezig``); after the catalog's items, in the file's order,
    each entry the catalog does not take (an id in neither the catalog nor raio.yaml's
    checklist_extra, its title and source empty; a second entry of an id; an entry without an
    id, or that is no mapping). ``problem`` says what raio check says of the entry
    (:func:`raio_cli.checklist.entry_problems`: its schema findings and those of the rules that
    judge an entry, each as "CODE line N: message", joined by :data:`PROBLEM_SEPARATOR`; a
    finding accepted inline left out, as check leaves it out; a patient identifier check finds
    within the entry's lines, masked as check shows it), ``problem_codes`` their codes; both
    empty where check says nothing of it. An item not listed has what check says of it at
    ``items`` (its stage's gate needs it, GAT003; an AI Act date does, DAT011, DAT012). An application whose compliance.yaml cannot be read keeps one row, its item
    cells empty (:func:`unreadable` names it)."""
    from raio_cli import catalog as cat
    from raio_cli import checklist, privacy
    from raio_cli.terminal import printable

    from raio_cli.check import Context

    day = today or dt.date.today()
    items = checklist.catalog(portfolio.policy)
    lang = portfolio.language
    ctx = Context(portfolio=portfolio, today=day, use_git=False)  # the entry rules' run, shared by every application
    out = []
    for app in portfolio.apps:
        shown_id = printable(app.id)
        head = {"id": shown_id, "name": _written(app, "application", "name") or shown_id, "stage": _text(app.stage)}
        if _unread(app, "compliance"):
            out.append({**head, **{c: None for c in CHECKLIST_COLUMNS if c not in head}})
            continue
        problems = checklist.entry_problems(app, items, ctx)
        for one in checklist.item_states(app, app.stage, checklist.next_gate(app), items, portfolio.policy, day,
                                         every=True):
            if one["state"] == "none":
                continue
            item, rec, i = one["item"] or {}, one["record"] or {}, one["index"]
            title = _text(item.get(f"title_{lang}")) or _text(item.get("title_en")) or one["id"] if item else None
            evidence = rec.get("evidence")
            worded = cat.worded_on(item, day) if item else {}
            expired = one["state"] == "expired" or (
                one["status"] != "not-applicable" and one["mdd_until"] is None
                and one["expires"] is not None and one["expires"] < day)
            entry = app.get("compliance", "items", i) if i is not None else None
            # of an item not listed: why compliance.yaml lists none, if it says, and what check says of it at items
            said = problems.get(i, []) if i is not None else sorted(
                problems.get(None, []) + problems.get(one["id"], []), key=lambda p: p[1])
            out.append({
                **head,
                # an entry that is no mapping (`- dpia`) says what it says where its id would be
                "item": (_as_written(app, "items", i, "id") if isinstance(entry, dict) else _as_written(app, "items", i))
                if i is not None else one["id"],
                "title": title,
                "source": _text(worded.get("source")),
                "source_url": _text(worded.get("source_url")),
                "status": (_as_written(app, "items", i, "status") if isinstance(entry, dict) else None)
                if i is not None else NOT_IN_DOSSIER,
                "required_now": one["due"],
                "owner": _text(rec.get("owner")),
                "evidence": [_text(e) for e in evidence if _text(e)] if isinstance(evidence, list) else _text(evidence),
                "date": _date(rec.get("date")),
                "expires": _date(rec.get("expires")),
                "expired": expired,
                "justification": _text(rec.get("justification")),
                "problem": PROBLEM_SEPARATOR.join(f"{code + ' ' if code else ''}line {line}: {message}"
                                                  for code, line, message in said) or None,
                "problem_codes": list(dict.fromkeys(code for code, _line, _message in said if code)),
            })
    return privacy.mask_data(out, privacy.patterns_of(portfolio.policy))


def csv_safe(value: Any) -> str:
    """One CSV cell: lists joined with '; ', None empty, formula-like text (its first character
    = + - @, a tab or a carriage return, or a full-width form of one, ＝ ＋ － ＠) prefixed with ', and
    control characters other than line breaks and tabs written as visible escapes (``\\x{1b}``):
    the CSV goes to a terminal by default, and ESC or BEL from a dossier would act on it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    from raio_cli.terminal import printable

    text = printable(str(value), keep="\n\r\t")
    # a full-width sign (＝ U+FF1D, ＋, －, ＠, as East Asian input methods type them) starts a
    # formula in Excel in such settings too: its first character is read as NFKC makes it. The
    # minus sign − (U+2212) and the katakana long vowel mark ー (U+30FC), which NFKC keeps, start
    # none (LibreOffice's CSV import starts a formula only at '=', Excel reads only '-' as a
    # minus): they are written as they are
    return "'" + text if unicodedata.normalize("NFKC", text[:1]).startswith(_FORMULA_START) else text


#: The most characters Excel holds in a cell ("Excel specifications and limits", Microsoft
#: Support: "Total number of characters that a cell can contain: 32,767"), counted as Excel
#: counts them, in UTF-16 units (a character beyond U+FFFF, such as an emoji, takes two). A CSV
#: cell longer than this is not kept whole: Excel spills the rest into the cells below.
EXCEL_CELL_LIMIT = 32767
#: What ends a CSV cell cut to :data:`EXCEL_CELL_LIMIT` (the JSON export keeps the whole text).
EXCEL_CUT_MARKER = " [... cut by raio export: a cell holds at most 32,767 characters; --format json has all]"


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _excel_cut(cell: str) -> str:
    """``cell`` as it fits in one Excel cell: whole, or cut (never inside a character) so that
    it and :data:`EXCEL_CUT_MARKER` take at most :data:`EXCEL_CELL_LIMIT` UTF-16 units."""
    if len(cell) <= EXCEL_CELL_LIMIT // 2 or _utf16_length(cell) <= EXCEL_CELL_LIMIT:
        return cell
    room = EXCEL_CELL_LIMIT - len(EXCEL_CUT_MARKER)
    kept = cell[:room]
    while _utf16_length(kept) > room:
        kept = kept[:room - (_utf16_length(kept) - room)]
    return kept + EXCEL_CUT_MARKER


def csv_cuts(data: list[dict], columns: tuple[str, ...] = COLUMNS, whole: str = "json") -> list[tuple[str, str]]:
    """The CSV cells :func:`to_csv` cuts to Excel's cell limit, as ``(app id, why)`` for standard
    error: the cut is visible in the cell (:data:`EXCEL_CUT_MARKER`) and said, never silent;
    ``whole``: the format that keeps the text whole."""
    out = []
    for n, row in enumerate(data, 1):
        for c in columns:
            cell = csv_safe(row.get(c))
            if _excel_cut(cell) != cell:
                # a checklist row is one of many of its application: which, by its item and its row
                # in the CSV (the header is row 1; an item listed twice has two)
                row_no = f"row {n + 1} of the CSV"
                where = "" if "item" not in columns else f"item '{_clip(csv_safe(row['item']), 80)}' ({row_no}): " \
                    if row.get("item") and c != "item" else f"{row_no}: "
                out.append((str(row.get("id")), where
                            + f"{c} has {_utf16_length(cell):,} characters, more than the "
                              f"{EXCEL_CELL_LIMIT:,} a spreadsheet cell holds: cut in the CSV, "
                              f"marked at its end; --format {whole} has the whole text"))
    return out


def to_csv(data: list[dict], columns: tuple[str, ...] = COLUMNS, excel: bool = False) -> str:
    """RFC 4180 CSV; ``excel``: as a spreadsheet in Dutch (or other European) settings opens it
    with a double click: a byte-order mark first, so Excel reads UTF-8 (ë, ö, €) instead of
    Windows-1252, and semicolons between the cells, as Excel's list separator is there. A cell
    longer than Excel holds is cut with a marker (:func:`csv_cuts` names them), with or without
    ``excel``: a plain CSV is opened in Excel as often."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if excel else ",", lineterminator="\r\n")  # RFC 4180
    writer.writerow(columns)
    for row in data:
        writer.writerow([_excel_cut(csv_safe(row.get(c))) for c in columns])
    return ("\ufeff" if excel else "") + buf.getvalue()


def to_json(data: Any) -> str:
    return jsontext.dumps(data, indent=2) + "\n"


# --------------------------------------------------------------------------------------------
# The Algorithm Register


@functools.lru_cache(maxsize=None)
def _spec() -> dict:
    from raio_cli.resources import load_yaml

    return load_yaml(Path(__file__).resolve().parent / "catalog" / "algoritmeregister.yaml")


def register_spec() -> dict:
    """The standard as data (``raio_cli/catalog/algoritmeregister.yaml``), a copy."""
    return copy.deepcopy(_spec())


def _month(value: Any) -> str | None:
    day = _date(value)
    return day[:7] if day else None


def _long_text(value: Any) -> str | None:
    """A plain-language text as written, paragraphs kept, surrounding space trimmed."""
    if not isinstance(value, str):
        return None
    lines = [" ".join(line.split()) for line in value.strip().splitlines()]
    text = "\n".join(lines).strip()
    return text or None


_LIST_ITEM = re.compile(r"(?:[-*•]|(\d{1,3})[.)])\s+(\S.*)")


def _escape_html(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def _for_field(field: dict, text: str) -> str:
    """A one-line ``text`` as the register keeps it in ``field`` (its entry in the catalog):
    escaped (``&``, ``<``, ``>``) when the register takes the field as HTML (``html: true``), so
    it is never taken for markup; as written in a field of plain text."""
    return _escape_html(text) if field.get("html") else text


def _register_html(value: Any) -> str | None:
    """A plain-language text for a field the register takes as HTML (``html: true`` in the
    catalog): the register's page shows such a field as HTML, where a line break is a space, so
    each paragraph (split at blank lines) becomes ``<p>``, lines starting with ``-``, ``*`` or
    ``•`` a ``<ul>``, lines starting with ``1.`` or ``1)`` an ``<ol>``, each item an ``<li>`` (an
    indented line goes on with the item above); the other lines of a paragraph are joined with a
    space. A text of one paragraph gets no tags. ``&``, ``<`` and ``>`` are escaped: the text is
    never taken for markup."""
    if not isinstance(value, str) or not value.strip():
        return None
    parts: list[str] = []
    para: list[str] = []
    items: list[list[str]] = []
    kind = ""

    def flush() -> None:
        if para:
            parts.append("<p>" + _escape_html(" ".join(para)) + "</p>")
            para.clear()
        if items:
            parts.append(f"<{kind}>" + "".join("<li>" + _escape_html(" ".join(i)) + "</li>" for i in items) + f"</{kind}>")
            items.clear()

    for raw in value.strip().splitlines():
        line = " ".join(raw.split())
        item = _LIST_ITEM.fullmatch(line)
        if not line:
            flush()
        elif item:
            if para or (items and kind != ("ol" if item.group(1) else "ul")):
                flush()
            kind = "ol" if item.group(1) else "ul"
            items.append([item.group(2)])
        elif items and raw[:1].isspace():
            items[-1].append(line)
        else:
            if items:
                flush()
            para.append(line)
    flush()
    if len(parts) == 1 and parts[0].startswith("<p>"):
        return parts[0][3:-4]
    return "".join(parts)


def _html_texts(value: str) -> list[str]:
    """The texts of ``value`` read as HTML: what lies between its tags and comments, entities
    read as characters (``&amp;`` as ``&``); a ``<`` or ``&`` that starts no tag or entity is text."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    reader = Text()
    reader.feed(value)
    reader.close()
    return reader.parts


def _length_without_html(value: str) -> int:
    """The length the register counts for a field that takes HTML: the text without its tags,
    entities read as characters, the texts between tags joined by a space (``strip_html`` in
    backend/app/util/html.py of the register's repository)."""
    if not value.strip():
        return len(value)
    return len(" ".join(_html_texts(value)))


def _as_plain_text(value: str) -> str:
    """``value`` as the register keeps it in a field it takes as plain text (a string without
    ``html`` in the catalog): ``sanitize_string_fields`` in backend/app/util/html.py removes its
    tags and comments and reads its entities (``strip_html``); a text without them is kept."""
    return "".join(_html_texts(value))


#: Where in the portfolio each register field that may be missing is written, as a user fills it
#: in (the register's names differ from the dossier's keys: description_short is
#: public.short_description). category and lang are always filled.
DOSSIER_FIELDS = {
    "name": "application.yaml name", "description_short": "application.yaml public.short_description",
    "organization": "raio.yaml organisation", "status": "application.yaml stage",
    "begin_date": "pilot.yaml plan.start", "end_date": "application.yaml retirement.date",
    "contact_email": "application.yaml public.contact", "website": "application.yaml public.url",
    "publication_category": "application.yaml public.publication_category",
    **{name: f"application.yaml public.{name}" for name in
       ("goal", "proportionality", "human_intervention", "risks", "lawful_basis", "source_data")},
}


def dossier_fields(names: list[str]) -> str:
    """Where to write the register fields ``names``, grouped by file: ``application.yaml
    public.short_description, public.contact; raio.yaml organisation``."""
    files: dict[str, list[str]] = {}
    for name in names:
        file, _, key = DOSSIER_FIELDS.get(name, f"? {name}").partition(" ")
        if file != "?":
            files.setdefault(file, []).append(key)
    return "; ".join(f"{file} {', '.join(keys)}" for file, keys in files.items())


def _stage_on(app: App, today: dt.date) -> tuple[str, str] | None:
    """The stage the application was in on ``today`` when its dossier's dates put that day before
    its stage (``raio export --today`` a day in the past), with why, for a note; None when the
    stage holds (a retirement or stop whose day lies ahead is :func:`register_record`'s own).
    Before its use on patients began (the pilot's start; without one, a pilot's or production's
    stage_since, a scale-up decision's date) it was not in use: ``planned``; after its pilot's
    last end (extensions included) and before the decision to scale it up or stop it:
    ``evaluation``, as an application in that stage; in production, after the decision to scale
    it up and its pilot and before its ``stage_since`` (switched on later): not in use,
    ``planned``; in evaluation, from its pilot's start to its end: in use, ``pilot``. A pilot
    that ended early (DAT016) ended on its outcome's date."""
    from raio_cli.rules.dates import last_planned_end, outcome_before_planned_end

    stage, day = app.stage, today.isoformat()
    if stage not in ("pilot", "evaluation", "production", "retired", "stopped"):
        return None
    decided, choice = _date(app.get("pilot", "decision", "date")), app.get("pilot", "decision", "choice")
    ended = _date(app.get("application", "retirement", "date"))
    if stage == "stopped":  # stopped on the day end_date gives
        ended = ended or decided or _date(app.get("application", "stage_since"))
    began, key = _date(app.get("pilot", "plan", "start")), "pilot.yaml plan.start"
    if stage in ("retired", "stopped") and began and ended and began > ended:  # stopped before it: never began
        began = None
    if not began and stage in ("pilot", "production"):
        began, key = _date(app.get("application", "stage_since")), "application.yaml stage_since"
    if not began and stage in ("production", "retired") and choice == "scale-up":
        began, key = decided, "pilot.yaml decision.date"
    if began and day < began and not (stage == "stopped" and ended and ended <= day):
        return "planned", (f"the application was not in use yet: its use on patients starts on {began} ({key}); "
                           "no begin_date before then (the register: the month it was taken into use)")
    early = outcome_before_planned_end(app)  # DAT016: the pilot ended early, on its outcome's day
    pilot_end = early["outcome"] if early else last_planned_end(app)
    pilot_end = pilot_end.isoformat() if pilot_end else None
    if stage == "evaluation" and began and pilot_end and began <= day <= pilot_end:  # in evaluation since: not then
        return "pilot", (f"the application was in its pilot, in use on patients from {began} ({key}) to "
                         f"{pilot_end}; it is in evaluation only after that")
    if stage in ("production", "retired", "stopped") and choice in ("scale-up", "stop") and decided and pilot_end \
            and pilot_end < day < decided and not (stage != "production" and ended and ended <= day) \
            and not (stage == "stopped" and ended and ended > decided):
        return "evaluation", (f"the application was in evaluation: its pilot ended on {pilot_end} and the decision "
                              f"to {choice.replace('-', ' ')} was taken on {decided} (pilot.yaml decision.date)")
    since = _date(app.get("application", "stage_since"))
    if stage == "production" and choice == "scale-up" and decided and since and decided <= day < since \
            and not (pilot_end and day <= pilot_end):  # decided, switched on later: not in use meanwhile
        return "planned", (f"the application was not in use: the decision to scale it up was taken on {decided} "
                           f"(pilot.yaml decision.date), its use in production starts on {since} (application.yaml "
                           f"stage_since) and its pilot ended on {pilot_end or 'a day the dossier does not give'}; no "
                           "begin_date before then (the register: the month it was taken into use); if it is still "
                           "used on patients until then, the register's status is 'In gebruik'")
    if stage == "stopped" and began and began <= day and ended and day < ended \
            and not _date(app.get("application", "retirement", "date")):  # a retirement.date ahead: the caller's
        return "pilot", (f"the application was in its pilot, in use on patients from {began} ({key}); it was stopped "
                         f"on {ended}, so end_date stays empty until then (the register: empty while in use)")
    return None


def register_record(app: App, portfolio: Portfolio | None = None, spec: dict | None = None,
                    today: dt.date | None = None) -> dict:
    """The register record of one application, with what is missing and what breaks the limits.

    Returns ``{"app": id, "record": {field: value}, "missing": [field, ...],
    "violations": [message, ...], "identifiers": [message, ...], "unprintable": [message, ...],
    "notes": [message, ...]}``.
    ``record`` holds only the fields raio could fill, in the standard's order; ``identifiers``
    names each field holding a BSN or a match of raio.yaml's phi_patterns (masked, as the
    export masks it), which must not be published at all, or an e-mail address at a domain
    raio.yaml does not allow (masked too: the register would publish a broken contact);
    ``unprintable`` each field holding characters that show nothing or act on a screen (ESC, a
    right-to-left override), which the register would publish as they are: like those, never to
    be published so (``raio export`` exits 1), and kept in the record, not changed silently.
    ``today`` (default: the real date) decides the status of a retired or stopped application
    whose end of use lies ahead: in use until then, without an end date, and a note gives it; and
    of one whose dossier dates put ``today`` before its stage (:func:`_stage_on`): before its use
    on patients began, after its pilot and before the decision.
    """
    from raio_cli.documents.i18n import Text

    today = today or dt.date.today()
    spec = spec or _spec()
    fields, mapping = spec["fields"], spec["mapping"]
    settings = portfolio.settings if portfolio is not None else {}
    public = app.get("application", "public", default={})
    public = public if isinstance(public, dict) else {}
    stage, then = app.stage, _stage_on(app, today)  # --today a day before the dossier's stage began
    notes: list[str] = []
    if then is not None:
        stage, why = then
        was = mapping["status_of_stage"].get(app.stage) if isinstance(app.stage, str) else None
        notes.append(f"status '{mapping['status_of_stage'][stage]}'"
                     + (f", not '{was}'" if was != mapping["status_of_stage"][stage] else "")
                     + f": on {today.isoformat()} {why}")
    status = mapping["status_of_stage"].get(stage) if isinstance(stage, str) else None
    values: dict[str, Any] = {}
    start_unknown = False  # stopped after a pilot whose start the dossier does not give

    values["name"] = _written(app, "application", "name")
    values["description_short"] = _long_text(public.get("short_description"))
    values["organization"] = _text(settings.get("organisation"))
    values["category"] = list(mapping["category"])
    values["status"] = status
    decided = _date(app.get("pilot", "decision", "date"))
    choice = app.get("pilot", "decision", "choice")
    piloted = _month(app.get("pilot", "plan", "start"))  # in use on patients from the pilot's start
    if stage == "pilot":
        values["begin_date"] = piloted or _month(app.get("application", "stage_since"))
    elif stage == "production":
        values["begin_date"] = piloted or _month(app.get("application", "stage_since")) \
            or (_month(decided) if choice == "scale-up" else None)
    elif stage == "retired":  # in production before: in use on patients from the pilot's start
        retired_on = _date(app.get("application", "retirement", "date"))
        began = _date(app.get("pilot", "plan", "start"))
        began = began if began and not (retired_on and began > retired_on) else None
        if choice == "scale-up":
            values["begin_date"] = _month(began) or _month(decided)
        elif began:
            values["begin_date"] = _month(began)
            notes.append("begin_date: the pilot's start (pilot.yaml plan.start), as the application was used on "
                         "patients from then; pilot.yaml has no scale-up decision, so check that it stayed in use "
                         "until its retirement")
        if not values.get("begin_date"):  # left empty, not guessed; listed as missing below
            notes.append("begin_date: the application is retired but neither pilot.yaml (plan.start before its "
                         "retirement, a scale-up decision's date) says when it was taken into use; the register "
                         "shows the month it was taken into use")
    if stage == "evaluation" and status != mapping["status_of_stage"].get("pilot"):
        from raio_cli.rules.dates import last_planned_end, outcome_before_planned_end

        start, end = _date(app.get("pilot", "plan", "start")), last_planned_end(app)
        early = outcome_before_planned_end(app)  # DAT016: it ended early, on its outcome's day
        span = (f" from {start}" if start else "") + (f" to {(early['outcome'] if early else end).isoformat()}"
                                                      if end else "")
        source = (f"pilot.yaml outcome.date: it ended early, planned to {end.isoformat()}" if early and end
                  else "pilot.yaml plan, extensions")
        in_use = mapping["status_of_stage"].get("pilot")
        notes.append(f"status '{status}': the pilot used the application on patients{span} ({source}), "
                     "but in evaluation it is not in use until a decision to scale it up; the register's "
                     f"status is the algorithm's state today, '{in_use}' only while it is used, and "
                     f"'{mapping['status_of_stage'].get('retired')}' is for one taken out of use, with an end date. "
                     "The record has no begin date, so it does not tell the public that the pilot used it on "
                     "patients: say so in public.short_description. If it is still used on patients until the "
                     f"decision, the register's status is '{in_use}' (begin_date: " + (piloted or "the pilot's start") + ")")
    if stage == "retired":
        values["end_date"] = _month(app.get("application", "retirement", "date"))
        if not values["end_date"]:  # left empty, not guessed; listed as missing below
            notes.append("end_date: the application is retired but application.yaml has no retirement.date; "
                         "the register asks for the date it was taken out of use")
    elif stage == "stopped":
        stopped = _date(app.get("application", "retirement", "date")) or decided \
            or _date(app.get("application", "stage_since"))
        values["end_date"] = _month(stopped)
        if not values["end_date"]:  # left empty, not guessed; listed as missing below
            notes.append("end_date: the application is stopped but neither application.yaml (retirement.date, "
                         "stage_since) nor pilot.yaml (decision.date) says when; the register asks for the date it "
                         "was taken out of use")
        began = _date(app.get("pilot", "plan", "start"))
        results = app.get("pilot", "outcome", "results")
        if began and stopped and began <= stopped:  # stopped after its pilot began: in use until then
            values["begin_date"] = _month(began)
        elif began and stopped:  # said, as the register shows the begin date empty
            notes.append(f"begin_date: the application was stopped ({stopped}) before its pilot was to begin "
                         f"(pilot.yaml plan.start {began}), so it was never used on patients and has no begin date; "
                         "the register always shows the begin date (here empty), and need not list an algorithm "
                         "that was never in use")
        elif not began and isinstance(results, list) and results:  # listed as missing below
            start_unknown = True
            notes.append("begin_date: the pilot ran (pilot.yaml has an outcome) but pilot.yaml has no plan.start date; "
                         "the register shows the month the application was taken into use")
        elif not began:
            notes.append("begin_date: pilot.yaml has no plan.start date, so whether the application was used on "
                         "patients before its stop is not known; if its pilot ran, write its start in plan.start (the "
                         "register shows the month it was taken into use), else the begin date stays empty")
    ends = _date(app.get("application", "retirement", "date"))
    in_use_until = ends if stage in ("retired", "stopped", "production") and ends and ends > today.isoformat() \
        else None  # the switch-off lies ahead: in use until then, whatever the stage says
    if in_use_until and stage in ("retired", "stopped"):
        began = _date(app.get("pilot", "plan", "start"))
        status = mapping["status_of_stage"].get("production" if stage == "retired" or (began and began <= today.isoformat())
                                                else "planned")
        values["status"] = status
        values.pop("end_date", None)
        if stage == "stopped" and not (began and began <= today.isoformat()):  # not begun: no begin month ahead
            values.pop("begin_date", None)
        notes.append(f"status '{status}', not '{mapping['status_of_stage'].get(stage)}': the stage is {stage}, but "
                     f"application.yaml retirement.date {in_use_until} lies after today ({today.isoformat()}): it is "
                     "not out of use before then, and end_date stays empty until it is (the register: empty while in "
                     "use); "
                     f"on {in_use_until} update the record to 'Buiten gebruik' with end_date {in_use_until[:7]}")
    elif in_use_until:
        notes.append(f"retirement planned on {in_use_until} (application.yaml retirement.date): end_date stays empty "
                     "while the application is in use (the register: empty while in use); on that day update the "
                     f"record to 'Buiten gebruik' with end_date {in_use_until[:7]}")
    elif stage == "production" and ends and ends < today.isoformat():  # raio check's MON016: not guessed, said
        notes.append(f"retirement.date {ends} has passed, but the stage is still production, so the record says "
                     f"'{status}': if the application was switched off, set stage: retired in application.yaml (the "
                     f"record then says 'Buiten gebruik', end_date {ends[:7]}); if it still runs, move retirement.date "
                     "to the planned day")
    values["contact_email"] = _text(public.get("contact"))
    values["website"] = _text(public.get("url"))
    category = _text(public.get("publication_category"))
    risk = app.get("application", "regulatory", "ai_act", "risk")
    if category:
        values["publication_category"] = mapping["publication_category"].get(category.casefold(), category)
        if risk == "high" and values["publication_category"] != mapping["category_for_ai_act_high"]:
            notes.append(f"the AI Act risk is high, but public.publication_category is '{category}'; the register's "
                         f"category for high-risk AI systems is '{mapping['category_for_ai_act_high']}'")
    elif risk == "high":
        values["publication_category"] = mapping["category_for_ai_act_high"]
        notes.append("publication_category derived from regulatory.ai_act.risk: high")
    for name in ("goal", "proportionality", "human_intervention", "risks", "lawful_basis", "source_data"):
        values[name] = (_register_html if fields[name].get("html") else _long_text)(public.get(name))
    groups, texts = [], []
    for assessment in mapping["impact_assessments"]:
        group, text = _impact_assessment(app, assessment)
        groups += group
        texts += [text] if text else []
    if groups:
        values["impacttoetsen_grouping"] = groups
    if texts:
        values["impacttoetsen"] = _for_field(fields["impacttoetsen"], " ".join(texts))
    if app.get("application", "regulatory", "in_house") is True:
        values["provider"] = mapping["provider_in_house"]
    else:
        values["provider"] = _written(app, "application", "vendor")
    values["lang"] = mapping["lang"]
    if portfolio is not None and portfolio.language != "nl":
        notes.append("the register accepts Dutch (nld) only; this portfolio's language is "
                     f"'{portfolio.language}', so check that the public texts are in Dutch")
    values["standard_version"] = str(spec["version"])
    values["source_id"] = app.id
    tags = [_text(settings.get("department")), _written(app, "application", "product")]
    modality = app.get("application", "modality")
    tags += [_text(m) for m in (modality if isinstance(modality, list) else [])]
    task = _text(app.get("application", "task"))
    tags.append(Text("nl").label("task", task) if task else None)  # the register is in Dutch
    tags = [t for t in dict.fromkeys(tags) if t]
    if tags:
        values["tags"] = _for_field(fields["tags"], ", ".join(tags))

    record = {name: values[name] for name in fields if values.get(name) not in (None, "", [])}
    for name, value in record.items():  # the register would change the text: said, not published silently
        if fields[name].get("type") == "string" and not fields[name].get("html") and isinstance(value, str) \
                and _as_plain_text(value) != value:
            notes.append(f"{name}: the register takes this field as plain text and removes what reads as HTML "
                         f"(tags, comments) and reads entities (&amp; as &): '{_clip(value)}' would be published as "
                         f"'{_clip(_as_plain_text(value))}'; write it without them (a < or & between words is kept)")
    from raio_cli import privacy
    from raio_cli.terminal import printable

    patterns = privacy.patterns_of(portfolio.policy) if portfolio is not None else []
    identifiers = [f"{privacy.describe_hits([hit])}; the register would publish it: remove it from the dossier"
                   for hit in privacy.identifiers_in(record, patterns)]
    emails = [p for p in patterns if p.email]
    unseen: dict[str, list[str]] = {}  # field -> the characters that show nothing or act on a screen
    for path, value, _key in privacy.walk(record):
        if not isinstance(value, str):
            continue
        shown = printable(value, keep="\n")
        if shown != value:
            chars = unseen.setdefault(path[0], [])
            chars += [e for e in re.findall(r"\\[xu]\{[0-9a-f]+\}", shown) if e not in chars]
        for pat in emails if "@" in value else []:  # masked below as everywhere: said, not published masked
            for m in pat.regex.finditer(value):
                message = (f"{path[0]} holds an e-mail address ({privacy.mask_email(m.group())}) at a domain raio.yaml "
                           "does not allow (policy.allowed_email_domains, people[].email); the export masks it, so the "
                           "register would publish it masked: write the hospital's address, or allow its domain")
                identifiers += [message] if message not in identifiers else []
    unprintable = [f"{name} holds characters that show nothing or act on a screen ({', '.join(chars[:5])}); the "
                   "register would publish them as they are: remove them from the dossier"
                   for name, chars in unseen.items()]  # not changed silently, and not to be published (exit 1)
    missing = []
    for name, f in fields.items():
        if name in record:
            continue
        if name == "end_date" and stage in ("retired", "stopped") and not in_use_until:  # asked for once out of use
            missing.append(name)
            continue
        if not (f.get("required") or f.get("show_always")):
            continue
        if name == "begin_date" and status != "In gebruik" and stage != "retired" and not start_unknown:
            continue  # not (yet) in use: no begin date to give
        missing.append(name)
    return {"app": app.id, "record": record, "missing": missing, "violations": validate_record(record, spec),
            "identifiers": identifiers, "unprintable": unprintable, "notes": notes}


def _impact_assessment(app, assessment: dict) -> tuple[list, str | None]:
    """One impact assessment of the register mapping (its compliance item, title and texts) as
    ``impacttoetsen_grouping`` elements (a done item's first https:// evidence link) and the
    sentence ``impacttoetsen`` gives of its status (None when the dossier says nothing usable)."""
    from raio_cli.documents.i18n import format_date

    items = app.get("compliance", "items")
    entry = next((e for e in (items if isinstance(items, list) else [])
                  if isinstance(e, dict) and e.get("id") == assessment["item"]), None)
    if entry is None:
        return [], None
    status = entry.get("status")
    texts = assessment["text"]
    group = []
    if status == "done":
        evidence = entry.get("evidence")
        links = [e.strip() for e in (evidence if isinstance(evidence, list) else [evidence])
                 if isinstance(e, str) and e.strip().startswith("https://")]
        if links:
            group = [{"title": assessment["title"], "link": links[0]}]
        day = _date(entry.get("date"))
        text = texts["done"].format(date=format_date(day, "nl")) if day else texts["done_undated"]
    elif status == "in-progress":
        text = texts["in-progress"]
    elif status == "not-applicable" and _text(entry.get("justification")):
        text = texts["not-applicable"].format(justification=_text(entry["justification"]))
    else:
        text = None
    return group, text


def validate_record(record: dict, spec: dict | None = None) -> list[str]:
    """Every way ``record`` breaks the standard's limits, as readable messages (empty: none)."""
    spec = spec or _spec()
    out: list[str] = []
    for name, value in record.items():
        f = spec["fields"].get(name)
        if f is None:
            out.append(f"{name}: not a field of the standard {spec['version']}")
            continue
        out += _check_value(name, value, f)
    return out


def _check_value(name: str, value: Any, f: dict) -> list[str]:
    kind = f.get("type")
    out = []
    if kind in ("string", "enum"):
        if not isinstance(value, str):
            return [f"{name}: must be text"]
        limit = f.get("max_length")
        length = _length_without_html(value) if f.get("html") else len(value)
        if isinstance(limit, int) and length > limit:
            out.append(f"{name}: {length} characters; the standard allows {limit}")
        if kind == "enum" and value not in f.get("permitted", []):
            out.append(f"{name}: '{value}' is not one of: {', '.join(f.get('permitted', []))}")
        form = f.get("format")
        if form == "url" and not value.startswith("https://"):
            out.append(f"{name}: '{_clip(value)}' must begin with https://")
        elif form == "contact" and not (value.startswith("https://") or _EMAIL.fullmatch(value)):
            out.append(f"{name}: '{_clip(value)}' must be an e-mail address or a URL beginning with https://")
        elif form == "month" and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
            out.append(f"{name}: '{_clip(value)}' must be a month written as YYYY-MM")
    elif kind == "array":
        if not isinstance(value, list):
            return [f"{name}: must be a list"]
        limit = f.get("max_items")
        if isinstance(limit, int) and len(value) > limit:
            out.append(f"{name}: {len(value)} values; the standard allows {limit}")
        for v in value:
            if v not in f.get("permitted", [v]):
                out.append(f"{name}: '{v}' is not a permitted value")
    elif kind == "grouping":
        if not isinstance(value, list):
            return [f"{name}: must be a list"]
        for i, element in enumerate(value):
            if not isinstance(element, dict):
                out.append(f"{name}[{i}]: must be a mapping of title and link")
                continue
            for sub, sf in f.get("items", {}).items():
                if sub not in element or element[sub] in (None, ""):
                    if sf.get("required"):
                        out.append(f"{name}[{i}].{sub}: required")
                    continue
                out += _check_value(f"{name}[{i}].{sub}", element[sub], sf)
    return out


def register_export(portfolio: Portfolio, today: dt.date | None = None) -> dict:
    """All applications as register records, with the standard's name, version and source;
    ``today``: as :func:`register_record`."""
    from raio_cli import privacy

    spec = _spec()
    return privacy.mask_data({  # published: never a patient identifier in full
        "standard": spec["standard"],
        "standard_version": str(spec["version"]),
        "source": spec["source"]["url"],
        "organisation": _text(portfolio.settings.get("organisation")),
        "records": [register_record(app, portfolio, spec, today) for app in portfolio.apps],
    }, privacy.patterns_of(portfolio.policy))


def _clip(text: str, n: int = 60) -> str:
    from raio_cli.privacy import clip

    return clip(text, n)
