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


def item_states(app, stage: Any, next_stage: str | None, items: dict, policy: Any, today: dt.date) -> list[dict]:
    """Each item of the catalog ``items`` for the application, in the catalog's order, as
    ``{"id", "item" (the catalog's entry), "record" (compliance.yaml's first entry of that id, or
    None), "status" (as recorded, "" when not), "due" (required now, :func:`required_now`),
    "state" (one of :data:`STATES`), "expires" (a date or None), "mdd_until" (the day MDR Art 120
    keeps an expired MDD certificate valid until, or None)}``."""
    from raio_cli.rules import dates

    A = app.data("application")
    due_ids = required_now(stage, next_stage, A, items, policy)
    recorded: dict[str, dict] = {}
    entries = app.get("compliance", "items")
    for raw in entries if isinstance(entries, list) else []:
        entry = raw if isinstance(raw, dict) else {}
        item_id = _str(entry.get("id"))
        if item_id and item_id not in recorded:
            recorded[item_id] = entry
    out = []
    for item_id, item in items.items():
        rec = recorded.get(item_id)
        status = _str(rec.get("status")) if rec else ""
        due = item_id in due_ids
        expires = as_date(rec.get("expires")) if rec else None
        mdd_until = None
        if status == "done":
            # a certificate under the former Directive past its printed date that MDR Art 120
            # keeps valid (raio check's DAT009 of variant mdd, a warning) has not expired
            mdd = dates.mdd_transition(A, app.data("compliance"), items.get(item_id), expires) \
                if item_id == "ce-certificate" and expires is not None and expires < today else None
            if mdd is not None and today <= mdd[0]:
                state, mdd_until = "done", mdd[0]
            elif expires is not None and expires < today:
                state = "expired"
            else:
                state = "done"
        elif status == "not-applicable":
            state = "na"
        elif status in ("open", "in-progress") or (not rec and (due or _applies(item, A))):
            state = "open-due" if due else "open"
        else:
            state = "none"
        out.append({"id": item_id, "item": item, "record": rec, "status": status, "due": due, "state": state,
                    "expires": expires, "mdd_until": mdd_until})
    return out

