"""Where each checklist item of an application stands, as the portfolio report's compliance matrix
shows it and ``raio export --format checklist`` lists it: one judgement, asked by both.

Plain functions: an application (:class:`~raio_cli.portfolio.App`) and the catalog in, plain data
out; nothing here raises on odd dossier data (check reports it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from raio_cli.values import as_date, scalar_text as _str  # as the memo and the report read an id

#: What an item's state is (:func:`item_states`): done, done but its evidence expired, marked
#: not applicable, open (or not recorded) and required now, open and required later, or not
#: shown (the item does not apply and the dossier does not list it).
STATES = ("done", "expired", "na", "open-due", "open", "none")


def catalog(policy: Any) -> dict:
    """The checklist catalog with raio.yaml's extra items (the built-in ones when those are malformed)."""
    from raio_cli import catalog as cat

    try:
        extra = policy.get("checklist_extra") if isinstance(policy, dict) else None
        return cat.compliance_catalog(extra if isinstance(extra, list) else None)
    except Exception:  # a malformed raio.yaml extra is check's to report; the built-in items still show
        return cat.compliance_catalog()


def next_gate(app) -> str | None:
    """The stage whose gate the application passes next, as ``raio status`` counts "next gate":
    production's next stage, retirement, is no goal to work towards, so none there; a scale-up or
    stop recorded in pilot or evaluation leads to production or stopped (DEC004)."""
    from raio_cli import gates
    from raio_cli.catalog import STAGES
    from raio_cli.rules.decision import stage_lagging

    stage = app.stage
    return (stage_lagging(app) or gates.next_stage(stage)) if stage in STAGES and stage != "production" else None


def _applies(item: dict, application: Any) -> bool:
    """Whether a checklist item applies to the application (True when that cannot be told):
    asked only of the items it has not recorded, which most of its 37 are."""
    from raio_cli import catalog as cat

    try:
        return cat.applies(item, application)
    except Exception:
        return True


def required_now(stage: Any, next_stage: str | None, application: Any, items: dict, policy: Any) -> set[str]:
    """The ids of the items required now: by the stage the application is in and by the gate it
    passes next (:func:`next_gate`); none for an unknown stage or a policy that cannot be read."""
    from raio_cli import catalog as cat

    try:
        required = set(cat.required_items(stage, application, items, policy))
        if next_stage:
            required |= set(cat.required_items(next_stage, application, items, policy))
    except Exception:  # an unknown stage or bad policy: nothing counts as due
        required = set()
    return required


#: The statuses compliance.yaml may give an item (its schema's); any other is check's SCH004.
STATUSES = ("done", "in-progress", "open", "not-applicable")
#: The statuses that settle an item, for the gates and for every count of open items.
SETTLED = ("done", "not-applicable")


def is_open(status: Any) -> bool:
    """Whether an item with this status, as compliance.yaml writes it, is open: every status
    but :data:`SETTLED`, exactly so. Open and in progress, and as well a status that is none of
    the four (raio check's SCH004: ``bezig``, ``Done``, a list, a number) or none at all
    (SCH001): not settled, as the gates count it. The one definition of an open item that the
    gates, ``raio status``, the report, the memo and the exports share."""
    return not (isinstance(status, str) and status in SETTLED)


def status_words(rec: dict | None, t, prefix: str) -> str:
    """How a memo (``prefix`` "compliance") or the report's matrix ("matrix") words the status of
    an item whose entry in compliance.yaml is ``rec`` (None: not listed), with ``t`` the
    document's strings: one of :data:`STATUSES` by its label; else ``<prefix>_not_recorded`` for
    an item not listed, ``<prefix>_invalid_status`` for a status that is none of the four
    (check's SCH004: ``bezig``, "done " with a blank), as written, and ``<prefix>_no_status`` for
    none (SCH001). The last two are open (:func:`is_open`), and said so."""
    written = rec.get("status") if rec is not None else None
    if isinstance(written, str) and written in STATUSES:
        return t.label("status", written)
    if rec is None:
        return t(f"{prefix}_not_recorded")
    status = _str(written)
    if status:
        return t(f"{prefix}_invalid_status", status=written if isinstance(written, str) else status)
    return t(f"{prefix}_no_status")


def open_entries(app) -> list[tuple[int, Any]]:
    """The entries of compliance.yaml's ``items`` that are open (:func:`is_open`), as ``(index,
    entry)`` in the file's order: every mapping, also one without an id or a second of an id
    (check's SCH001, CMP007), which is not settled either; and every entry that is no mapping (a
    bare ``- mdr-class``, check's SCH003), which has no status and settles nothing, as check's
    gates read it (the item it names is not listed). Empty when ``items`` is no list."""
    entries = app.get("compliance", "items")
    return [(i, e) for i, e in enumerate(entries if isinstance(entries, list) else [])
            if not isinstance(e, dict) or is_open(e.get("status"))]


def _recorded(app) -> tuple[list, dict[str, int]]:
    """compliance.yaml's ``items`` (empty when they are no list) and, per id, the index of its
    first entry: the entry raio reads, as the rules and the gates do (an id read as
    :func:`~raio_cli.values.scalar_text` reads it)."""
    entries = app.get("compliance", "items")
    entries = entries if isinstance(entries, list) else []
    first: dict[str, int] = {}
    for i, raw in enumerate(entries):
        item_id = _str(raw.get("id")) if isinstance(raw, dict) else ""
        if item_id and item_id not in first:
            first[item_id] = i
    return entries, first


def _judged(app, item_id: str, item: Any, rec: dict | None, due: bool, applies, today: dt.date) -> dict:
    """The state of one item (:data:`STATES`), its expiry and MDR Art 120's end date, from its
    entry ``rec`` (None: compliance.yaml does not list it); ``applies``: whether the item applies
    to the application, asked only when it is not listed."""
    from raio_cli.rules import dates

    status = _str(rec.get("status")) if rec else ""
    expires = as_date(rec.get("expires")) if rec else None
    mdd_until = None
    if status != "not-applicable" and item_id == "ce-certificate" and expires is not None and expires < today:
        # a certificate under the former Directive past its printed date that MDR Art 120 keeps
        # valid (raio check's DAT009 of variant mdd, a warning) has not expired, done or being
        # renewed (in progress: the status, the memo and the report read it so too)
        mdd = dates.mdd_transition(app.data("application"), app.data("compliance"), item, expires)
        if mdd is not None and today <= mdd[0]:
            mdd_until = mdd[0]
    settled = rec is not None and not is_open(rec.get("status"))  # "done " with a blank is SCH004: open
    if settled and status == "done":
        state = "expired" if expires is not None and expires < today and mdd_until is None else "done"
    elif settled:
        state = "na"
    elif rec is not None or due or applies():
        # open, in progress, or a status that is none of the four (SCH004) or none at all (SCH001):
        # not settled, as the gates count it
        state = "open-due" if due else "open"
    else:
        state = "none"
    return {"status": status, "due": due, "state": state, "expires": expires, "mdd_until": mdd_until}


def item_states(app, stage: Any, next_stage: str | None, items: dict, policy: Any, today: dt.date,
                every: bool = False) -> list[dict]:
    """Each item of the catalog ``items`` for the application, in the catalog's order, as
    ``{"id", "item" (the catalog's entry), "record" (compliance.yaml's first entry of that id, or
    None), "index" (that entry's place in compliance.yaml's items, or None), "status" (as
    recorded, "" when not or when it is no text), "due" (required now, :func:`required_now`),
    "state" (one of :data:`STATES`), "expires" (a date or None), "mdd_until" (the day MDR Art
    120 keeps an expired MDD certificate valid until, done or being renewed, or None), "extra"
    (False)}``. An item compliance.yaml lists with a status that is none of :data:`STATUSES`
    (or without one) is open: it is not settled.

    ``every``: after them, with ``extra`` True and in the file's order, each entry of
    compliance.yaml the catalog's items do not take: an id in neither the catalog nor raio.yaml's
    checklist_extra (CMP006), a second entry of an id (CMP007), an entry without an id or that
    is no mapping; its ``id`` as read ("" when it has none), ``item`` the catalog's entry or
    None, ``record`` the entry when it is a mapping, else ``{}``."""
    A = app.data("application")
    due_ids = required_now(stage, next_stage, A, items, policy)
    entries, first = _recorded(app)
    out = []
    for item_id, item in items.items():
        i = first.get(item_id)
        rec = entries[i] if i is not None else None
        due = item_id in due_ids
        out.append({"id": item_id, "item": item, "record": rec, "index": i, "extra": False,
                    **_judged(app, item_id, item, rec, due, lambda item=item: _applies(item, A), today)})
    taken = {first[item_id] for item_id in items if item_id in first}
    for i, raw in enumerate(entries if every else []):
        if i in taken:
            continue
        rec = raw if isinstance(raw, dict) else {}
        item_id = _str(rec.get("id"))
        item = items.get(item_id)
        out.append({"id": item_id, "item": item, "record": rec, "index": i, "extra": True,
                    **_judged(app, item_id, item, rec, item_id in due_ids if item else False, lambda: True, today)})
    return out


#: The rules of raio check whose findings stand at an entry of compliance.yaml's ``items`` (their
#: path ``items[i]``, :attr:`~raio_cli.findings.Finding.path`): an entry's completeness, evidence,
#: id and dates (CMP001-CMP010), its evidence expired or expiring (DAT009, DAT010), an AI Act
#: date that needs it (DAT011, DAT012), the stage's gate that needs it settled (GAT003) and its
#: status after use (MON012, MON013). :func:`entry_problems` runs these, not the whole check;
#: tests/test_exports.py holds the list to what check reports of every entry.
ENTRY_RULES = ("CMP001", "CMP002", "CMP003", "CMP004", "CMP005", "CMP006", "CMP007", "CMP008", "CMP009", "CMP010",
               "DAT009", "DAT010", "DAT011", "DAT012", "GAT003", "MON012", "MON013")


#: The rules of raio check that report a patient identifier (a BSN, a match of raio.yaml's
#: phi_patterns, an e-mail address outside the allowed domains) by its line, with no path: an
#: entry's findings when the line lies within the entry (:func:`entry_spans`), masked as check
#: masks them.
PRIVACY_RULES = ("PRV001", "PRV002", "PRV003", "PRV005", "PRV008")


def _entry_index(path: tuple) -> int | None:
    """The index ``i`` of a finding's path ``("items", i, ...)`` in compliance.yaml, else None."""
    return path[1] if len(path) > 1 and path[0] == "items" and type(path[1]) is int else None


def item_ids(finding) -> list[str]:
    """The checklist items a finding of compliance.yaml's ``items`` names in its data: the one a
    stage's gate needs (GAT003's ``item``), those an AI Act date needs (DAT011, DAT012's
    ``lacking``)."""
    data = finding.data or {}
    named = [data.get("item")] + [p[0] for p in data.get("lacking") or () if isinstance(p, (list, tuple)) and p]
    return [i for i in named if isinstance(i, str) and i]


def entry_spans(doc) -> dict[int, tuple[int, int]]:
    """Per index of compliance.yaml's ``items``, the first and last line of the entry: those of
    the positions of its keys and values as the file was read (a finding reported by its line, a
    BSN in its justification, lies within them)."""
    spans: dict[int, tuple[int, int]] = {}
    for positions in (doc.pos, doc.keypos):
        for path, (line, _col) in positions.items():
            i = _entry_index(path)
            if i is not None and line:
                first, last = spans.get(i, (line, line))
                spans[i] = (min(first, line), max(last, line))
    return spans


def entry_problems(app, items: dict, ctx: Any) -> dict[int | str | None, list[tuple[str | None, int, str]]]:
    """What raio check says of each entry of compliance.yaml's items, per index, as ``(finding
    code, line, message)``: its schema findings (a status that is none of the four, SCH004; a
    field missing, SCH001; of the wrong kind, SCH003 or YML007, also an entry that is no
    mapping; a date that is none, SCH005; a field it does not know, SCH002) and the findings of
    :data:`ENTRY_RULES` whose path is the entry's, run here with ``ctx`` (a
    :class:`raio_cli.check.Context`: the portfolio, its policy, today). As check reports them
    (:func:`raio_cli.check.as_reported`): one finding for one slip, and a finding accepted with a
    ``# raio: ignore[CODE] reason`` comment is left out, as check leaves it out of its findings.

    The code is None where check says nothing: an id not in the built-in catalog ``items`` while
    raio.yaml cannot be read (its checklist_extra is unknown then; CMP006 waits). Under the key
    None, why no entry could be read (``items`` missing, SCH001, or no list, SCH003): an item
    then counts as not listed. Under an item's id (a text key), what check says at ``items`` of
    an item compliance.yaml does not list: that its stage's gate needs it (GAT003), that an AI
    Act date does (DAT011, DAT012), matched by the id in the finding's data
    (:func:`item_ids`). And a patient identifier (:data:`PRIVACY_RULES`), which check reports by
    its line, is the entry's whose lines hold it (:func:`entry_spans`), in check's masked words.
    Empty when compliance.yaml cannot be read."""
    from raio_cli import privacy, schema
    from raio_cli.check import as_reported
    from raio_cli.portfolio import Portfolio
    from raio_cli.rules import load_all

    doc = app.docs.get("compliance")
    if doc is None or not isinstance(doc.data, dict):
        return {}
    try:
        found = list(schema.validate(doc, "compliance", app.id))
    except Exception:  # check reports what the schema cannot judge; the rows stay
        found = []
    rules = load_all()
    entries, first = _recorded(app)
    spans = entry_spans(doc)

    def at_entry(f) -> bool:
        return _entry_index(f.path) is not None or (
            f.path == ("items",) and any(i not in first for i in item_ids(f)))

    def in_entry(f) -> bool:
        return any(a <= f.line <= b for a, b in spans.values())

    view = Portfolio(root=ctx.portfolio.root, config=ctx.portfolio.config, apps=[app])  # as check runs them: per application
    view.__dict__["policy"] = ctx.portfolio.policy
    for code, unit, keep in ([(c, app, at_entry) for c in ENTRY_RULES] + [(c, view, in_entry) for c in PRIVACY_RULES]):
        try:
            found += [f for f in rules[code].func(unit, ctx) or () if f.file == doc.file and keep(f)]
        except Exception:  # a failing rule is check's internal error; the rows stay
            continue
    suppressions = {doc.file: (tuple(doc.suppressions), app.id)} if doc.suppressions else {}
    reported, _accepted = as_reported(found, suppressions)
    out: dict[int | str | None, list[tuple[str | None, int, str]]] = {}
    for f in reported:
        if f.code.startswith("SUP"):  # of the suppressions: check's, which runs every rule they may name
            continue
        i = _entry_index(f.path)
        if f.code in PRIVACY_RULES:
            i = next((j for j, (a, b) in sorted(spans.items()) if a <= f.line <= b), None)
            if i is not None:
                out.setdefault(i, []).append((f.code, f.line, f.message))
        elif i is not None:
            out.setdefault(i, []).append((f.code, f.line, f.message))
        elif f.code in ENTRY_RULES:  # at items, of items not listed: each one's row (a listed one's has it by path)
            for item_id in dict.fromkeys(n for n in item_ids(f) if n not in first):
                out.setdefault(item_id, []).append((f.code, f.line, f.message))
        elif f.path == ("items",) or (f.path == () and f.code == "SCH001" and f.data.get("key") == "items"):
            out.setdefault(None, []).append((f.code, f.line, f.message))  # no items to read: every item unlisted
    if isinstance(ctx.policy, dict) and ctx.policy.get(privacy.UNREAD):
        for i, entry in enumerate(entries):
            item_id = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(item_id, str) and item_id not in items:
                out.setdefault(i, []).append(
                    (None, app.where("compliance", ("items", i, "id"))[0],
                     "not in the built-in catalog; raio.yaml, whose checklist_extra may list it, cannot be read"))
    for problems in out.values():
        problems.sort(key=lambda p: p[1])
    return out
