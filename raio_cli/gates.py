"""Stage gates as a library: what an application's stage needs, and what of that is missing.

The gate of a stage (``raio_cli/catalog/stage_gates.yaml``, adjusted by raio.yaml ``policy``)
lists the dossier files, the fields and the checklist items that must be complete for an
application to be in that stage. :func:`gate_status` compares one application with one gate and
answers in plain data (:class:`GateStatus`), so ``raio check`` (rules ``GAT``), ``raio status``
and the memos all tell the same story.

Nothing here raises on odd data: a file that is absent or could not be read, a value of the wrong
type, a malformed raio.yaml policy (the schema and the ``CMP``/``GAT`` policy rules report it)
all lead to an answer, never an exception. A malformed ``policy.stage_gates`` falls back to the
built-in gates; a malformed ``policy.checklist_extra`` item is left out of the catalog.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

from raio_cli import catalog as cat
from raio_cli.checklist import SETTLED, is_open

__all__ = [
    "GateStatus",
    "ResolvedGate",
    "resolve",
    "DONE_STATUSES",
    "gate_status",
    "next_stage",
    "NEXT_STAGE",
    "resolved_gate",
    "checklist_catalog",
    "policy_extra_problems",
    "policy_extra_errors",
    "split_path",
]

#: Checklist statuses that settle an item for a gate (:data:`raio_cli.checklist.SETTLED`; any
#: other leaves it open, :func:`raio_cli.checklist.is_open`, as every count of open items says).
DONE_STATUSES = SETTLED

#: The lifecycle's next stage (PRODUCT.md). ``evaluation`` leads to ``production`` or, when the
#: decision is to stop, to ``stopped`` (:data:`ALTERNATIVE_NEXT`); a decision ``extend`` sends it
#: back to ``pilot``. ``stopped`` and ``retired`` end the lifecycle.
NEXT_STAGE: dict[str, str | None] = {
    "proposed": "planned",
    "planned": "pilot",
    "pilot": "evaluation",
    "evaluation": "production",
    "production": "retired",
    "stopped": None,
    "retired": None,
}
#: Other stages a stage can lead to, besides :data:`NEXT_STAGE`.
ALTERNATIVE_NEXT: dict[str, tuple[str, ...]] = {"evaluation": ("stopped",)}


@dataclass
class GateStatus:
    """What the gate of ``stage`` needs that an application does not (yet) have.

    - ``missing_files``: dossier file names (without ``.yaml``) that do not exist;
    - ``missing_fields``: ``(file, path)`` pairs, ``path`` being the full dotted path as
      :func:`raio_cli.catalog.missing_fields` reports it (``("pilot", "pilot.plan.sample_size")``,
      ``("effects", "effects.effects[1].baseline.value")``); fields of a missing or unreadable
      file are not listed (the file is);
    - ``wrong_values``: ``(file, path, expected, actual)`` for gate fields of the form
      ``path=value`` that are present with another value (``pilot.decision.choice`` is ``stop``
      where ``scale-up`` is needed); ``actual`` is ``None`` for a ``[?]`` pattern;
    - ``other_values``: ``(file, path, excluded, actual)`` for gate fields of the form
      ``path!=value`` that are present with the value they must not have
      (``application.regulatory.ai_act.risk`` is ``unknown``); ``actual`` as written, ``None``
      for a ``[?]`` pattern;
    - ``open_items``: ``(item id, owner role, status)`` of required checklist items that are not
      done or not-applicable; ``status`` is ``"absent"`` when compliance.yaml does not list the
      item, and the owner is compliance.yaml's ``owner`` or else the catalog's;
    - ``superseded``: ``(file, path, facts)`` for gate fields of the pilot's outcome that are
      present but cannot be the extended pilot's after an extension (an extend decision, or one
      under ``extensions``): the outcome is dated on or before the extension was decided (the
      results that led to it) or not dated at all, as DAT002 reads it
      (:func:`raio_cli.rules.dates.outcome_before_extension`). ``facts``: ``outcome`` (its date,
      None when it has none), ``decided`` (the day the last extension was decided, None when no
      extension is dated), ``end`` (the extended pilot's last end, None when it has none), all
      ``datetime.date``;
    - ``ok``: nothing is missing.
    """

    stage: str
    missing_files: list[str] = field(default_factory=list)
    missing_fields: list[tuple[str, str]] = field(default_factory=list)
    wrong_values: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    other_values: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    open_items: list[tuple[str, str, str]] = field(default_factory=list)
    superseded: list[tuple[str, str, dict]] = field(default_factory=list)
    ok: bool = True


def next_stage(stage: str | None) -> str | None:
    """The stage that follows ``stage`` in the lifecycle, ``None`` at the end or when unknown.

    ``evaluation`` is followed by ``production`` (or ``stopped``, see :data:`ALTERNATIVE_NEXT`).
    """
    return NEXT_STAGE.get(stage) if isinstance(stage, str) else None


# --------------------------------------------------------------------------------------------
# Policy, read without raising


def resolved_gate(stage: str, policy: dict | None) -> dict:
    """:func:`raio_cli.catalog.stage_gate` with ``policy``; the built-in gate when the policy's
    ``stage_gates`` are malformed (the schema reports that). ValueError for an unknown stage."""
    try:
        return cat.stage_gate(stage, policy)
    except cat.CatalogError:
        return cat.stage_gate(stage, _without_gates(policy))


def _without_gates(policy: Any) -> dict | None:
    if not isinstance(policy, dict):
        return None
    return {k: v for k, v in policy.items() if k != "stage_gates"}


def _safe_policy(stage: str, policy: dict | None) -> dict | None:
    try:
        cat.stage_gate(stage, policy)
        return policy
    except cat.CatalogError:
        return _without_gates(policy)


def checklist_catalog(policy: dict | None) -> dict[str, dict]:
    """The checklist catalog with the valid items of ``policy.checklist_extra``.

    An extra item that :func:`raio_cli.catalog.compliance_catalog` rejects is left out (see
    :func:`policy_extra_problems`); the result is shared, callers must not change it.
    """
    extra = policy.get("checklist_extra") if isinstance(policy, dict) else None
    return _catalog(_key(extra))[0]


def policy_extra_problems(policy: dict | None) -> list[tuple[int, str]]:
    """``(index, message)`` for each ``policy.checklist_extra`` item that is not used."""
    return [(index, message) for index, message, _kind, _values in policy_extra_errors(policy)]


def policy_extra_errors(policy: dict | None) -> list[tuple[int, str, str, dict]]:
    """``(index, message, kind, values)`` for each ``policy.checklist_extra`` item that is not
    used: :class:`raio_cli.catalog.CatalogError`'s message, ``kind`` and ``values``."""
    extra = policy.get("checklist_extra") if isinstance(policy, dict) else None
    return [(index, message, kind, dict(values)) for index, message, kind, values in _catalog(_key(extra))[1]]


def _key(extra: Any) -> str:
    if extra is None:
        return "null"
    try:
        return json.dumps(extra, sort_keys=True, default=str)
    except (TypeError, ValueError):
        return "null"


@functools.lru_cache(maxsize=16)
def _catalog(key: str) -> tuple[dict, tuple]:
    extra = json.loads(key)
    if not isinstance(extra, list):
        return cat.compliance_catalog(None), ()
    items, problems = cat.catalog_and_problems(extra)  # one pass, however many items
    return items, tuple((i, str(exc), exc.kind, tuple(exc.values.items())) for i, exc in problems)


# --------------------------------------------------------------------------------------------
# The status of one application


@dataclass(frozen=True)
class ResolvedGate:
    """The gate of a stage under a policy, with the checklist catalog: what :func:`gate_status`
    reads besides the application. The same for every application in that stage, so a check
    resolves it once per stage (:func:`resolve`) and hands it to each; read it, never change it."""

    stage: str
    policy: dict | None  # the policy, without its stage_gates when they are malformed
    gate: dict
    catalog: dict


def resolve(stage: str, policy: dict | None) -> ResolvedGate:
    """The gate of ``stage`` under ``policy`` for :func:`gate_status`; ValueError for an unknown stage."""
    cat.stage_index(stage)
    policy = _safe_policy(stage, policy)
    return ResolvedGate(stage, policy, cat.stage_gate(stage, policy), checklist_catalog(policy))


def gate_status(app, stage: str, policy: dict | None, resolved: ResolvedGate | None = None, *,
                entering: bool = False) -> GateStatus:
    """Compare ``app`` (a :class:`raio_cli.portfolio.App`) with the gate of ``stage``.

    ``policy`` is the merged raio.yaml policy (``Context.policy`` / ``Portfolio.policy``);
    ``resolved``, when given, is :func:`resolve` of the same stage and policy, done once for many
    applications; ``entering``: the gate of the move into ``stage`` (its next stage), with the
    gate's ``fields_to_enter`` besides its ``fields`` (stage_gates.yaml). Raises ValueError only
    for an unknown ``stage``; everything else is answered.
    """
    if resolved is None or resolved.stage != stage:
        resolved = resolve(stage, policy)
    policy, gate, catalog = resolved.policy, resolved.gate, resolved.catalog
    status = GateStatus(stage=stage)

    status.missing_files = [name for name in gate["files"] if not app.has(name)]
    readable = {name for name, doc in app.docs.items() if isinstance(doc.data, dict)}
    dossier = {name: app.data(name) for name in readable}

    fields = gate["fields"] + (gate["fields_to_enter"] if entering else [])
    for path in fields:
        file, pattern, condition, literal = _field(path)
        if file not in readable:
            continue
        gaps = _missing(pattern, dossier)
        if gaps:
            status.missing_fields.extend((file, gap) for gap in gaps if (file, gap) not in status.missing_fields)
        if condition:
            present = set(gaps)
            for gap in _missing(path, dossier):
                if gap in present:
                    continue
                expected = _literal(literal)
                actual = None if "[?]" in gap else _value(dossier, gap)
                (status.wrong_values if condition == "=" else status.other_values).append((file, gap, expected, actual))

    status.superseded = _superseded(app, fields, status.missing_fields)

    application = app.data("application")
    items = _listed_items(app)
    for item_id in cat.required_items(stage, application, catalog, policy, gate=gate):
        entry = items.get(item_id)
        item_status = entry.get("status") if entry is not None else "absent"
        if not is_open(item_status):
            continue
        owner = entry.get("owner") if entry is not None else None
        if not isinstance(owner, str) or not owner.strip():
            owner = str(catalog.get(item_id, {}).get("owner") or "")
        status.open_items.append((item_id, owner, item_status if isinstance(item_status, str) else "absent"))

    status.ok = not (status.missing_files or status.missing_fields or status.wrong_values or status.other_values
                     or status.open_items or status.superseded)
    return status


def _superseded(app, fields: list[str], missing: list[tuple[str, str]]) -> list[tuple[str, str, dict]]:
    """:attr:`GateStatus.superseded`: the gate's outcome fields, when the outcome on file came
    before an extension or has no date after one. Not when the gate asks for no outcome, or one
    of its outcome fields is missing already (that is what to do then)."""
    wanted = [pattern for file, pattern, _condition, _literal in map(_field, fields)
              if file == "pilot" and pattern.startswith("pilot.outcome.")]
    if not wanted or any(path.startswith("pilot.outcome.") for _file, path in missing):
        return []
    from raio_cli.rules import dates

    stale = dates.outcome_before_extension(app)
    if stale is None:
        return []
    facts = {**stale, "end": dates.pilot_end(app)[0]}
    return [("pilot", pattern, facts) for pattern in wanted]


@functools.lru_cache(maxsize=1024)
def _field(path: str) -> tuple[str, str, str, str]:
    """A gate field as ``(file, pattern, condition, literal)``: split once per path, not once
    per application (a pure function of the path's text)."""
    return (path.split(".", 1)[0].split("[", 1)[0], *cat.split_condition(path))


def word(value: Any) -> str:
    """A gate field's value as raio words it in findings and status: ``true``, ``scale-up``."""
    return "true" if value is True else "false" if value is False else str(value)


def _missing(path: str, dossier: dict) -> list[str]:
    try:
        return cat.missing_fields(path, dossier)
    except Exception:  # a malformed policy path (e.g. an unreadable '=value'): not a gap of the app
        return []


def _literal(text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def _listed_items(app) -> dict[str, dict]:
    """compliance.yaml items by id (the first of duplicates, as the compliance rules report)."""
    items = app.data("compliance").get("items")
    found: dict[str, dict] = {}
    for entry in items if isinstance(items, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            found.setdefault(entry["id"], entry)
    return found


def split_path(path: str) -> tuple[str, tuple]:
    """A dotted gate path as ``(file, steps)`` for :meth:`App.finding`.

    ``effects.effects[1].baseline.value`` -> ``("effects", ("effects", 1, "baseline", "value"))``.
    Steps stop before the first segment that names no single value: ``[?]``/``[]`` (the list
    itself is kept) and ``a|b`` alternatives (the parent is kept), so the finding lands on the
    nearest value that exists.
    """
    segments = cat.split_condition(path)[0].split(".")
    head = segments[0]
    file = head.split("[", 1)[0]
    steps: list = []
    for segment in segments[1:]:
        if "|" in segment:
            break
        name, bracket, rest = segment.partition("[")
        if name:
            steps.append(name)
        if not bracket:
            continue
        index = rest.rstrip("]")
        if index.isdigit():
            steps.append(int(index))
        else:
            break
    return file, tuple(steps)


def _value(dossier: dict, path: str) -> Any:
    file, steps = split_path(path)
    value: Any = dossier.get(file)
    for step in steps:
        if isinstance(value, dict) and isinstance(step, str):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return None
    return value
