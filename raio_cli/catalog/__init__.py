"""The built-in catalogs: compliance items, regulatory dates and stage gates, as data.

Dates and legal facts are data, not constants in code: regulations move (the EU AI Act's
high-risk dates moved in 2026), so every requirement lives in a YAML file next to this module,
with its legal source and a link:

- ``compliance.yaml``: the checklist items an application's ``compliance.yaml`` answers
  (CE certificate, DPIA, human oversight ...), with the article each one rests on, the role that
  usually owns it, the first lifecycle stage in which it must be settled, and when it applies.
- ``regulatory_dates.yaml``: dated obligations (AI Act, MDR) with their status as of the
  catalog's ``as_of`` date; an entry that moved points at the entry that replaces it.
- ``stage_gates.yaml``: what each lifecycle stage requires (files, fields, checklist items).
- ``field_words.yaml``: dossier field names and the values of fixed lists in Dutch, so a Dutch key
  or value is answered with the English one; the Dutch headers of a results CSV that
  ``raio monitor APP import`` reads; the comparison words of a target written as text ("below
  80", "ten minste 85") with the direction each implies.

This module only reads those files and answers questions about them. It takes and returns plain
data (dicts, lists, strings, ``datetime.date``) and imports nothing but the standard library and
PyYAML, so every layer (rules, memos, export) can use it cheaply. Each file is parsed once per
process; callers get copies, so changing a returned dict never changes the catalog.

The condition language
----------------------
``applies_when`` (compliance items) and ``concerns`` (regulatory dates) are conditions on the
data of an application's ``application.yaml``. A condition is a mapping; all its keys must hold::

    applies_when:
      any:                          # at least one of the listed conditions
        - mdr_class_at_least: IIa   # regulatory.mdr_class, ordered none < I < IIa < IIb < III
        - ai_act_risk_in: [high]    # regulatory.ai_act.risk is one of these

Keys: ``all`` / ``any`` (lists of conditions), ``mdr_class_at_least`` (I | IIa | IIb | III |
none), ``ai_act_risk_in``, ``hosting_in``, ``task_in``, ``modality_any`` (lists) and
``in_house`` (true | false). There is no ``eval``, no expressions, no paths: an unknown key is an
error (:class:`CatalogError`), never silently false. See :func:`evaluate` for what missing data
means; in short, when raio cannot tell, a requirement applies ("better safe").
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

#: isinstance against this tests dict first: YAML data are dicts, and the ABC check costs more
_MAPPING = (dict, Mapping)

__all__ = [
    "STAGES",
    "MDR_CLASSES",
    "CONDITION_KEYS",
    "CatalogError",
    "stage_index",
    "gate_stages",
    "compliance_catalog",
    "applies",
    "evaluate",
    "high_risk_basis",
    "high_risk_mdr_class",
    "condition_problems",
    "condition_issues",
    "condition_problem_text",
    "required_items",
    "regulatory_dates",
    "regulatory_dates_as_of",
    "concerns",
    "stage_gate",
    "missing_fields",
    "split_condition",
    "field_words",
    "value_words",
    "import_column_words",
    "comparison_words",
]

#: MDR device classes from lowest to highest; ``none`` (not a medical device) sorts below all.
MDR_CLASSES: tuple[str, ...] = ("none", "I", "IIa", "IIb", "III")

#: The keys a condition mapping may use.
CONDITION_KEYS = frozenset(
    {"all", "any", "mdr_class_at_least", "ai_act_risk_in", "hosting_in", "in_house", "task_in", "modality_any"}
)

_HERE = Path(__file__).resolve().parent
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MDR_RANK = {name.casefold(): rank for rank, name in enumerate(MDR_CLASSES)}


class CatalogError(ValueError):
    """A catalog or policy entry is malformed: unknown stage, bad condition, missing key.

    Raised for mistakes in configuration (the built-in YAML files or raio.yaml ``policy``), never
    for gaps in an application's dossier: those are answered, not raised. ``kind`` and ``values``
    say what is wrong for a reader in another language (a memo words raio.yaml's CMP011 from them);
    ``kind`` is "" where raio has no other wording than the message.
    """

    def __init__(self, message: str = "", kind: str = "", **values: Any):
        super().__init__(message)
        self.kind = kind
        self.values = values


# --------------------------------------------------------------------------------------------
# Reading the files


@functools.lru_cache(maxsize=None)
def _load(name: str) -> Any:
    """Parse one catalog file next to this module, once per process (callers must copy)."""
    from raio_cli.resources import load_yaml

    return load_yaml(_HERE / name)


def __getattr__(name: str) -> Any:
    """``STAGES``: the lifecycle's stages in order, :func:`gate_stages`; read from the catalog
    file when first asked for, so importing this module parses no YAML."""
    if name == "STAGES":
        return gate_stages()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.lru_cache(maxsize=None)
def gate_stages() -> tuple[str, ...]:
    """The lifecycle's stages in order (also :data:`STAGES`): those ``stage_gates.yaml`` has a gate
    for, in the file's order, the first stage first. ``stopped`` follows ``evaluation`` and
    ``retired`` follows ``production`` (their gates' ``inherits``); they come last because they
    end a lifecycle. What ``raio new-pilot`` asks an application to start in."""
    return tuple(_load("stage_gates.yaml")["stages"])


def stage_index(stage: str) -> int:
    """Position of ``stage`` in :data:`STAGES` (``proposed`` is 0); ValueError if unknown."""
    stages = gate_stages()
    try:
        return stages.index(stage)
    except ValueError:
        raise ValueError(f"unknown stage {stage!r}; expected one of: {', '.join(stages)}") from None


# --------------------------------------------------------------------------------------------
# Compliance items

_ITEM_DEFAULTS: dict[str, Any] = {
    "applies_when": None,
    "implies_use": False,
    "expires": False,
}


def _plain_copy(value: Any) -> Any:
    """A deep copy of YAML data (mappings, lists and immutable scalars), several times faster
    than :func:`copy.deepcopy`; anything else is deep-copied the usual way."""
    kind = type(value)
    if kind is dict:
        return {k: _plain_copy(v) for k, v in value.items()}
    if kind is list:
        return [_plain_copy(v) for v in value]
    if value is None or kind in (str, int, float, bool, _dt.date):
        return value
    return copy.deepcopy(value)


#: Built catalogs by the repr of their raio.yaml extras: rules ask for the catalog once per
#: application and rule, so it is built once per process and handed out as a copy.
_BUILT: dict[str, dict] = {}


def compliance_catalog(extra: list[dict] | None = None) -> dict[str, dict]:
    """The checklist catalog as ``{id: item}``, in catalog order, with raio.yaml extras applied.

    ``extra`` is raio.yaml ``policy.checklist_extra``: a list of items with the same keys as
    ``compliance.yaml`` (``id``, ``title_nl``, ``title_en``, ``source``, ``owner``,
    ``required_from``, ``applies_when`` ...). An extra item whose id is built in overrides the
    keys it gives (e.g. an earlier ``required_from``) and keeps the others, but never a key that
    holds legal facts (compliance.yaml ``legal_keys``: ``mdd_transition``, ``wordings``, the
    ``high_risk_*`` keys of ai-act-classification); a new id
    is appended and must at least give ``required_from``. Every item gets ``origin``: ``"builtin"``, or
    ``"policy"`` when raio.yaml added or changed it, so a memo can say where a duty comes from.

    Raises :class:`CatalogError` for an extra item without an id, with an unknown stage, with
    a malformed condition or with a legal key of a built-in item.
    """
    try:
        key = repr(extra)
    except Exception:  # pragma: no cover - raio.yaml data always has a repr
        key = None
    if key is not None and key in _BUILT:
        return _plain_copy(_BUILT[key])
    items = _build_catalog(extra)
    if key is not None and len(_BUILT) < 64:
        _BUILT[key] = _plain_copy(items)
    return items


def catalog_and_problems(extra: list | None) -> tuple[dict[str, dict], list[tuple[int, "CatalogError"]]]:
    """:func:`compliance_catalog` with the extra items it can use, and ``(index, error)`` for each
    it cannot, in one pass over them: each item is judged against the catalog as the usable items
    before it left it (raio.yaml's 5,000 items took minutes when each was tried anew with all the
    items before it)."""
    problems: list[tuple[int, CatalogError]] = []
    return _build_catalog(extra, problems), problems


def _build_catalog(extra: list[dict] | None, problems: list | None = None) -> dict[str, dict]:
    """The catalog with ``extra`` applied; an unusable extra item raises :class:`CatalogError`, or,
    with ``problems``, is added there with its index and left out."""
    items: dict[str, dict] = {}
    as_of = regulatory_dates_as_of()
    legal_keys = _load("compliance.yaml").get("legal_keys") or []
    builtin = _builtin_ids()
    for raw in _load("compliance.yaml")["items"]:
        item = {**_ITEM_DEFAULTS, **copy.deepcopy(raw), "origin": "builtin"}
        if item.get("wordings"):
            item["wordings"] = _wordings(item["wordings"], f"compliance.yaml {item['id']}")
            item = worded_on(item, as_of)
        items[item["id"]] = item
    for index, raw in enumerate(extra or []):
        try:
            item = _extra_item(raw, items, legal_keys, builtin)
        except CatalogError as exc:
            if problems is None:
                raise
            problems.append((index, exc))
            continue
        items[item["id"]] = item
    return items


def _extra_item(raw: Any, items: dict[str, dict], legal_keys: list, builtin: frozenset) -> dict:
    """An item of policy.checklist_extra as it enters the catalog ``items`` (CatalogError if it cannot)."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str) or not raw["id"]:
        raise CatalogError(f"policy.checklist_extra: every item needs an id, got {raw!r}", "no_id")
    item_id = raw["id"]
    base = items.get(item_id)
    legal = [key for key in legal_keys if key in raw] if item_id in builtin else []
    if legal:
        raise CatalogError(
            f"policy.checklist_extra item {item_id!r}: {legal[0]} holds legal facts (what the law says: its "
            "dates, wordings and conditions, with their source) that raio's catalog carries; raio.yaml cannot change them",
            "legal_key", item=item_id, value=legal[0])
    if base is None:
        if "required_from" not in raw:
            raise CatalogError(f"policy.checklist_extra item {item_id!r}: required_from is missing",
                               "no_required_from", item=item_id)
        base = {**_ITEM_DEFAULTS, "id": item_id, "title_en": item_id, "source": "", "owner": "raio"}
    item = {**base, **copy.deepcopy(dict(raw)), "origin": "policy"}
    if "source" in raw:
        # the organisation's own source replaces the catalog's dated wordings of it
        item.pop("wordings", None)
        item.pop("wording_from", None)
    item.setdefault("title_nl", item["title_en"])
    if item["required_from"] not in gate_stages():
        raise CatalogError(
            f"policy.checklist_extra item {item_id!r}: required_from {item['required_from']!r} "
            f"is not a stage ({', '.join(gate_stages())})", "required_from_stage", item=item_id, value=str(item["required_from"])
        )
    issues = condition_issues(item.get("applies_when"))
    if issues:
        problems = [condition_problem_text(issue) for issue in issues]
        raise CatalogError(f"policy.checklist_extra item {item_id!r}: applies_when: {'; '.join(problems)}",
                           "condition", item=item_id, conditions=[list(issue) for issue in issues])
    return item


def field_words() -> dict[str, list[str]]:
    """Dutch words for dossier fields (``field_words.yaml`` ``fields``): word -> the English field
    names it may mean, most likely first."""
    return {str(word): [str(f) for f in fields] for word, fields in ((_load("field_words.yaml") or {}).get("fields") or {}).items()}


def value_words() -> dict[str, list[str]]:
    """Dutch words for the values of the schemas' fixed lists (``field_words.yaml`` ``values``):
    word -> the English values it may mean, most likely first (``hoger``: increase)."""
    return {str(word): [str(v) for v in values] for word, values in ((_load("field_words.yaml") or {}).get("values") or {}).items()}


def import_column_words() -> dict[str, list[str]]:
    """Dutch header words for the columns of a results CSV (``field_words.yaml``
    ``import_columns``): English column (date, metric ...) -> its Dutch words (``datum``)."""
    columns = (_load("field_words.yaml") or {}).get("import_columns") or {}
    return {str(column): [str(w) for w in words] for column, words in columns.items()}


def comparison_words() -> dict[str, str]:
    """The words of a target or limit written as text around its number (``field_words.yaml``
    ``comparisons``): word or phrase (lower case) -> the direction it implies (``below``:
    decrease, ``at least``: increase)."""
    groups = (_load("field_words.yaml") or {}).get("comparisons") or {}
    return {str(w): str(direction) for direction, words in groups.items() for w in words}


def _builtin_ids() -> frozenset:
    return frozenset(raw["id"] for raw in _load("compliance.yaml")["items"])


def applies(item: dict, application: dict | None) -> bool:
    """Does checklist ``item`` apply to the application described by ``application``?

    ``application`` is the data of ``application.yaml``. An item without ``applies_when``
    always applies; otherwise its condition is evaluated with :func:`evaluate`, whose rule for
    missing data matters here: when ``integration.hosting`` or ``regulatory.mdr_class`` is not
    given, conditions on them count as met, so e.g. the processor agreement (cloud hosting) and
    the AI Act deployer items (class IIa and up) apply until the dossier says otherwise. Better
    to ask for a piece of evidence that turns out not to be needed than to miss one.
    """
    return evaluate(item.get("applies_when"), application)


def evaluate(condition: Mapping | None, application: dict | None) -> bool:
    """Evaluate a condition (see the module docstring) against ``application.yaml`` data.

    ``None`` or ``{}`` is true. Several keys in one mapping must all hold. Each key reads one
    value of the application:

    ==================== ============================ ==========================================
    key                  reads                        when the value is missing or empty
    ==================== ============================ ==========================================
    mdr_class_at_least   ``regulatory.mdr_class``     true: unknown class counts as applying
    hosting_in           ``integration.hosting``      true: unknown hosting counts as applying
    ai_act_risk_in       ``regulatory.ai_act.risk``   false
    task_in              ``task``                     false
    modality_any         ``modality`` (a list)        false
    in_house             ``regulatory.in_house``      read as false (a bought product), so
                                                      ``in_house: false`` holds, ``true`` not
    ==================== ============================ ==========================================

    ``mdr_class_at_least`` also counts an unrecognised class as applying (the schema reports
    the typo). Text is compared without regard to case. Raises :class:`CatalogError` for an
    unknown key or a malformed value: a catalog mistake must not pass as "does not apply".
    """
    if condition is None:
        return True
    if not isinstance(condition, _MAPPING):
        raise CatalogError(f"a condition must be a mapping, got {condition!r}")
    app = application if isinstance(application, _MAPPING) else {}
    for key, value in condition.items():
        test = _TESTS.get(key)
        if test is None:
            raise CatalogError(f"unknown condition key {key!r}; expected one of: {', '.join(sorted(CONDITION_KEYS))}")
        if not test(value, app):
            return False
    return True


def high_risk_basis(mdr_class: str, lang: str = "en") -> str:
    """The ``regulatory.ai_act.basis`` of an application that MDR class ``mdr_class`` makes
    high-risk under the AI Act (:func:`high_risk_mdr_class`): the built-in item
    ai-act-classification's ``high_risk_basis`` (``high_risk_basis_nl`` for ``lang`` nl, the
    portfolio's language) with the class filled in. ``raio new-pilot`` writes it, and CMP012's
    hint asks for it."""
    item = next(raw for raw in _load("compliance.yaml")["items"] if raw["id"] == "ai-act-classification")
    wording = (item.get("high_risk_basis_nl") if lang == "nl" else None) or item["high_risk_basis"]
    return str(wording).replace("{mdr_class}", mdr_class)


def high_risk_mdr_class(application: dict | None, item: Mapping | None) -> str | None:
    """The MDR class that makes ``application`` high-risk under the AI Act by the checklist
    ``item``'s ``high_risk_when`` (item ai-act-classification: a class that needs a notified body,
    see its high_risk_source); None when no class is stated, the class does not, or the
    condition cannot be read (CMP011 reports that). CMP012 holds a dossier to it, and
    ``raio new-pilot`` writes ``risk: high`` for it."""
    condition = item.get("high_risk_when") if isinstance(item, Mapping) else None
    regulatory = application.get("regulatory") if isinstance(application, dict) else None
    mdr = regulatory.get("mdr_class") if isinstance(regulatory, dict) else None
    if not condition or not isinstance(mdr, str) or mdr not in MDR_CLASSES or mdr == "none":
        return None
    try:
        return mdr if evaluate(condition, application) else None
    except CatalogError:
        return None


def condition_problems(condition: Any, where: str = "") -> list[str]:
    """What is wrong with a condition, as readable messages (empty when it is well-formed).

    Use it to validate raio.yaml ``policy.checklist_extra`` before checking a portfolio, so a
    typo becomes one clear message instead of an error in the middle of a check.
    """
    return [condition_problem_text(issue) for issue in condition_issues(condition, where)]


#: The English of each kind of :func:`condition_issues` (strings.yaml ``condition_problem`` has
#: the same for a memo, in each language)
_CONDITION_TEXTS = {
    "not_mapping": "{at} must be a mapping of condition keys, got {got}",
    "unknown_key": "{at}: unknown key; expected one of: {allowed}",
    "not_conditions": "{at}: must be a list of conditions",
    "mdr_class": "{at}: must be one of {allowed}",
    "not_boolean": "{at}: must be true or false",
    "not_texts": "{at}: must be a non-empty list of strings",
    "empty": "{at}: empty",
}


def condition_problem_text(issue: tuple[str, str, str]) -> str:
    """One of :func:`condition_issues` in English."""
    kind, at, extra = issue
    return _CONDITION_TEXTS[kind].format(at=at, allowed=extra, got=extra)


def condition_issues(condition: Any, where: str = "") -> list[tuple[str, str, str]]:
    """:func:`condition_problems` as ``(kind, where, extra)``: the kind of problem (a key of
    strings.yaml ``condition_problem``), where in the condition, and what the wording quotes
    (the keys or classes allowed; for ``not_mapping`` the Python type found), "" when none."""
    if condition is None:
        return []
    if not isinstance(condition, _MAPPING):
        return [("not_mapping", where or "condition", type(condition).__name__)]
    problems: list[tuple[str, str, str]] = []
    for key, value in condition.items():
        at = f"{where}.{key}" if where else str(key)
        if key not in CONDITION_KEYS:
            problems.append(("unknown_key", at, ", ".join(sorted(CONDITION_KEYS))))
        elif key in ("all", "any"):
            if not isinstance(value, list):
                problems.append(("not_conditions", at, ""))
            else:
                for i, sub in enumerate(value):
                    problems.extend(condition_issues(sub, f"{at}[{i}]") if sub is not None else [("empty", f"{at}[{i}]", "")])
        elif key == "mdr_class_at_least":
            if not isinstance(value, str) or value.casefold() not in _MDR_RANK:
                problems.append(("mdr_class", at, ", ".join(MDR_CLASSES)))
        elif key == "in_house":
            if not isinstance(value, bool):
                problems.append(("not_boolean", at, ""))
        elif not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            problems.append(("not_texts", at, ""))
    return problems


def _get(data: Mapping, dotted: str) -> Any:
    """The value at a dotted path, or None when a step is missing or the value is empty."""
    value: Any = data
    for step in dotted.split("."):
        if not isinstance(value, _MAPPING):
            return None
        value = value.get(step)
    return value if _present(value) else None


def _words(value: Any, key: str) -> set[str]:
    """A condition's list of words, case-folded."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogError(f"condition {key}: expected a list of strings, got {value!r}")
    return {v.strip().casefold() for v in value}


def _app_words(value: Any) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {str(v).strip().casefold() for v in values if v is not None}


def _cond_list(value: Any, key: str) -> list:
    if not isinstance(value, list):
        raise CatalogError(f"condition {key}: expected a list of conditions, got {value!r}")
    return value


def _mdr_class_at_least(value: Any, app: Mapping) -> bool:
    if not isinstance(value, str) or value.casefold() not in _MDR_RANK:
        raise CatalogError(f"condition mdr_class_at_least: expected one of {', '.join(MDR_CLASSES)}, got {value!r}")
    actual = _get(app, "regulatory.mdr_class")
    rank = _MDR_RANK.get(str(actual).strip().casefold()) if actual is not None else None
    if rank is None:  # missing or unrecognised: better safe
        return True
    return rank >= _MDR_RANK[value.casefold()]


def _hosting_in(value: Any, app: Mapping) -> bool:
    wanted = _words(value, "hosting_in")
    actual = _get(app, "integration.hosting")
    if actual is None:  # unknown hosting: better safe
        return True
    return bool(_app_words(actual) & wanted)


def _in_house(value: Any, app: Mapping) -> bool:
    if not isinstance(value, bool):
        raise CatalogError(f"condition in_house: expected true or false, got {value!r}")
    return (_get(app, "regulatory.in_house") is True) == value


def _any_of(path: str, key: str):
    def test(value: Any, app: Mapping) -> bool:
        wanted = _words(value, key)
        actual = _get(app, path)
        return actual is not None and bool(_app_words(actual) & wanted)

    return test


_TESTS = {
    "all": lambda value, app: all(evaluate(c, app) for c in _cond_list(value, "all")),
    "any": lambda value, app: any(evaluate(c, app) for c in _cond_list(value, "any")),
    "mdr_class_at_least": _mdr_class_at_least,
    "hosting_in": _hosting_in,
    "in_house": _in_house,
    "ai_act_risk_in": _any_of("regulatory.ai_act.risk", "ai_act_risk_in"),
    "task_in": _any_of("task", "task_in"),
    "modality_any": _any_of("modality", "modality_any"),
}


def required_items(stage: str, application: dict | None, catalog: dict, policy: dict | None = None,
                   gate: dict | None = None) -> list[str]:
    """Ids of the checklist items that must be ``done`` or ``not-applicable`` at ``stage``.

    An item is required when it applies to the application (:func:`applies`) and its
    ``required_from`` is at or before the stage whose items the gate uses (``items_as_of`` in
    ``stage_gates.yaml``: the stage itself, ``evaluation`` for ``stopped`` and ``production``
    for ``retired``). A stopped or retired application uses nothing, so items that describe
    ongoing use (``implies_use: true``: human oversight, log retention, monitoring ...) are not
    required of it. With ``policy`` (raio.yaml ``policy``), ``require_items`` and
    ``relax_items`` of the stage gates are applied as :func:`stage_gate` resolves them; an
    extra id that is not in ``catalog`` is kept, so the compliance rules can report it.

    ``catalog`` is :func:`compliance_catalog`'s result; ``gate``, when given, is
    :func:`stage_gate` of the same stage and policy (resolved once for many applications). The
    order is the catalog's.
    """
    if gate is None:
        gate = stage_gate(stage, policy)
    as_of = stage_index(gate["items_as_of"])
    skip_use = gate["items_exclude_implies_use"]
    relaxed = set(gate["relax_items"])
    ids: list[str] = []

    def wanted(item: dict) -> bool:
        return not (skip_use and item.get("implies_use")) and applies(item, application)

    if gate["items_from_catalog"]:
        for item_id, item in catalog.items():
            if stage_index(item["required_from"]) <= as_of and wanted(item):
                ids.append(item_id)
    for item_id in gate["items"]:
        if item_id not in ids and (item_id not in catalog or wanted(catalog[item_id])):
            ids.append(item_id)
    return [i for i in ids if i not in relaxed]


# --------------------------------------------------------------------------------------------
# Regulatory dates


def regulatory_dates(shared: bool = False, on: _dt.date | None = None) -> list[dict]:
    """The dated obligations of ``regulatory_dates.yaml``, in file order; a copy of its own for
    every caller, or with ``shared=True`` the process's one list for that day (read it, never
    change it: the check rules ask for it once per application).

    ``on``: the day whose legal wording the entries quote (an entry's ``wordings`` say which
    ``article``, ``source``, ``note`` ... apply from which date, see :func:`worded_on`); the
    run's today, default the catalog's ``as_of``. A law amended on a later day must not be
    quoted as amended for an earlier one.

    Each entry: ``id``, ``title_en``, ``title_nl``, ``date`` (a ``datetime.date``),
    ``regulation``, ``article``, ``applies_to``, ``status`` (in-force | applicable | scheduled |
    moved | proposed, as of :func:`regulatory_dates_as_of`), ``replaces``, ``replaced_by``
    (filled in here from the other entries' ``replaces``), ``source``, ``source_url``, ``note``,
    ``requires_items`` (checklist ids due by that date, for the applications the entry
    ``concerns``; intersect with :func:`required_items`' notion of applying via :func:`applies`),
    ``concerns`` (a condition) and, where given, ``pending_publication`` and ``adoption``; an
    entry whose wording changed also has ``wordings`` and ``wording_from``.
    An entry with status ``moved`` is history: use the one in its ``replaced_by``.
    """
    day = on if on is not None else regulatory_dates_as_of()
    return _regulatory_dates_on(day) if shared else _plain_copy(_regulatory_dates_on(day))


@functools.lru_cache(maxsize=64)
def _regulatory_dates_on(day: _dt.date) -> list[dict]:
    """The entries as worded on ``day``, built once per process and day (callers get copies)."""
    return [worded_on(entry, day) for entry in _regulatory_dates()]


def worded_on(entry: dict, day: _dt.date) -> dict:
    """``entry`` (a regulatory date or a checklist item) with the wording in force on ``day``.

    An entry whose legal text changed keeps a ``wordings`` list in its catalog: each wording
    gives ``from`` (the day it applies from) and the keys it words (``article``, ``source``,
    ``source_url``, ``note`` ...). The last wording whose ``from`` is on or before ``day`` is
    laid over the entry (before the first one, the first: the text as then published), and
    ``wording_from`` says since when. An entry without ``wordings`` is returned as it is; the
    entry itself is never changed.
    """
    wordings = entry.get("wordings")
    if not wordings or day is None:
        return entry
    chosen = wordings[0]
    for wording in wordings:
        if wording["from"] <= day:
            chosen = wording
    out = dict(entry)
    out.update({k: v for k, v in chosen.items() if k != "from"})
    out["wording_from"] = chosen["from"]
    return out


def _wordings(raw: Any, what: str) -> list[dict]:
    """A ``wordings`` list checked and in date order (its ``from`` as dates)."""
    if not isinstance(raw, list) or not raw or not all(isinstance(w, dict) and "from" in w for w in raw):
        raise CatalogError(f"{what}: wordings must be a list of mappings, each with a from date")
    try:
        out = [{**w, "from": _dt.date.fromisoformat(str(w["from"]))} for w in raw]
    except ValueError:
        raise CatalogError(f"{what}: a wordings from is not a YYYY-MM-DD date") from None
    if [w["from"] for w in out] != sorted(w["from"] for w in out):
        raise CatalogError(f"{what}: wordings must be listed from the oldest to the newest")
    return out


@functools.lru_cache(maxsize=None)
def _regulatory_dates() -> list[dict]:
    """The entries of ``regulatory_dates.yaml`` as written, built once per process (never handed out)."""
    entries = copy.deepcopy(_load("regulatory_dates.yaml")["entries"])
    replaced_by = {e["replaces"]: e["id"] for e in entries if e.get("replaces")}
    for entry in entries:
        entry["date"] = _as_date(entry["date"], entry["id"])
        if entry.get("wordings"):
            entry["wordings"] = _wordings(entry["wordings"], f"regulatory_dates.yaml {entry['id']}")
        entry.setdefault("replaces", None)
        entry["replaced_by"] = replaced_by.get(entry["id"])
        entry.setdefault("requires_items", [])
        entry.setdefault("concerns", None)
        entry.setdefault("pending_publication", False)
    return entries


def regulatory_dates_as_of() -> _dt.date:
    """The date on which the statuses in ``regulatory_dates.yaml`` were last verified."""
    return _as_date(_load("regulatory_dates.yaml")["as_of"], "as_of")


def concerns(entry: dict, application: dict | None) -> bool:
    """Does the regulatory date ``entry`` concern this application? (``concerns`` condition.)"""
    return evaluate(entry.get("concerns"), application)


def _as_date(value: Any, what: str) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise CatalogError(f"regulatory_dates.yaml {what}: {value!r} is not a YYYY-MM-DD date") from None


# --------------------------------------------------------------------------------------------
# Stage gates

_POLICY_LISTS = {
    "require_files": ("files", True),
    "relax_files": ("files", False),
    "require_fields": ("fields", True),
    "relax_fields": ("fields", False),
}


def stage_gate(stage: str, policy: dict | None = None) -> dict:
    """The resolved gate of ``stage``: what an application must have to be in it.

    Returns ``{stage, description_en, description_nl, files, fields, fields_to_enter, items,
    relax_items, items_from_catalog, items_as_of, items_exclude_implies_use}``:

    - ``files``: dossier files (without ``.yaml``) that must exist;
    - ``fields``: paths that must be present and non-empty, checked with :func:`missing_fields`;
    - ``fields_to_enter``: paths as ``fields``, needed to move into the stage only (the gate of
      the next stage), not of an application in it (a rule of its own reports them there);
    - ``items``: checklist ids required in addition to the catalog's (raio.yaml
      ``require_items``); ``relax_items``: ids not required. For the complete list of an
      application's items use :func:`required_items` with the same ``policy``.

    Gates accumulate along the lifecycle: each stage in ``stage_gates.yaml`` ``inherits`` the
    stage before it and adds to it. ``policy`` is raio.yaml ``policy`` (or its ``stage_gates``
    mapping); its ``stage_gates.<stage>`` ``require_fields``/``require_items`` add and
    ``relax_fields``/``relax_items`` remove (``require_files``/``relax_files`` likewise). A
    policy change flows down the lifecycle like the built-in gate: a field relaxed at
    ``planned`` is not required at ``pilot`` and later either, unless a later stage requires it
    again. ``policy.monitoring_required: false`` drops the ``monitoring`` file and its fields.

    Resolved once per stage and policy (every application of a check asks, several times): the
    caller gets its own copy of the lists; a malformed policy raises :class:`CatalogError` each time.
    """
    stage_index(stage)
    key = None
    if policy is None or isinstance(policy, Mapping):  # anything else: the error, every time
        try:
            parts = [_policy_gates(policy), (policy or {}).get("monitoring_required")]
            key = (stage, json.dumps(parts, sort_keys=True, default=repr) if parts != [{}, None] else "")
        except (CatalogError, TypeError, ValueError):
            key = None
    done = _GATES.get(key) if key is not None else None
    if done is None:
        try:
            done = _resolve_gate(stage, policy)
        except CatalogError as exc:
            done = exc
        if key is not None and len(_GATES) < 256:
            _GATES[key] = done
    if isinstance(done, CatalogError):
        raise CatalogError(str(done))
    return {k: list(v) if type(v) is list else v for k, v in done.items()}


#: Resolved gates (or the CatalogError) by stage and the policy parts a gate reads.
_GATES: dict = {}


def _resolve_gate(stage: str, policy: Mapping | None) -> dict:
    gates = _load("stage_gates.yaml")["stages"]
    overrides = _policy_gates(policy)
    chain: list[str] = []
    current: str | None = stage
    while current is not None:
        if current in chain:
            raise CatalogError(f"stage_gates.yaml: inheritance loop through {current!r}")
        if current not in gates:
            raise CatalogError(f"stage_gates.yaml: no gate for stage {current!r}")
        chain.append(current)
        current = gates[current].get("inherits")

    lists: dict[str, list[str]] = {"files": [], "fields": [], "fields_to_enter": [], "items": [], "relax_items": []}
    from_catalog = False
    for name in reversed(chain):
        gate = gates[name]
        _add(lists["files"], gate.get("files") or [])
        _add(lists["fields"], gate.get("fields") or [])
        _add(lists["fields_to_enter"], gate.get("fields_to_enter") or [])
        _add(lists["items"], gate.get("items") or [])
        from_catalog = bool(gate.get("items_from_catalog", from_catalog))
        change = overrides.get(name) or {}
        if not isinstance(change, Mapping):
            raise CatalogError(f"policy.stage_gates.{name} must be a mapping of gate changes")
        for key, (target, adding) in _POLICY_LISTS.items():
            values = _strings(change.get(key), f"policy.stage_gates.{name}.{key}")
            if adding:
                _add(lists[target], values)
            elif target == "fields":  # a relaxed path relaxes the value asked of it too (path=value, path!=value)
                for kind in ("fields", "fields_to_enter"):
                    lists[kind] = [v for v in lists[kind] if v not in values and split_condition(v)[0] not in values]
            else:
                lists[target] = [v for v in lists[target] if v not in values]
        required = _strings(change.get("require_items"), f"policy.stage_gates.{name}.require_items")
        relaxed = _strings(change.get("relax_items"), f"policy.stage_gates.{name}.relax_items")
        lists["relax_items"] = [i for i in lists["relax_items"] if i not in required]
        _add(lists["items"], required)
        lists["items"] = [i for i in lists["items"] if i not in relaxed]
        _add(lists["relax_items"], relaxed)

    if isinstance(policy, Mapping) and policy.get("monitoring_required") is False:
        lists["files"] = [f for f in lists["files"] if f != "monitoring"]
        for kind in ("fields", "fields_to_enter"):
            lists[kind] = [f for f in lists[kind] if not f.startswith("monitoring.")]

    own = gates[stage]
    as_of = own.get("items_as_of", stage)
    stage_index(as_of)
    return {
        "stage": stage,
        "description_en": own.get("description_en", ""),
        "description_nl": own.get("description_nl", ""),
        **lists,
        "items_from_catalog": from_catalog,
        "items_as_of": as_of,
        "items_exclude_implies_use": bool(own.get("items_exclude_implies_use", False)),
    }


def _policy_gates(policy: Mapping | None) -> Mapping:
    if not policy:
        return {}
    if not isinstance(policy, Mapping):
        raise CatalogError("policy must be a mapping")
    gates = policy.get("stage_gates") if "stage_gates" in policy else (
        policy if any(k in gate_stages() for k in policy) else {})
    if gates is None:
        return {}
    if not isinstance(gates, Mapping):
        raise CatalogError("policy.stage_gates must be a mapping of stage to gate changes")
    return gates


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogError(f"{where} must be a list of strings")
    return value


def _add(target: list[str], values: list[str]) -> None:
    for value in values:
        if value not in target:
            target.append(value)


# --------------------------------------------------------------------------------------------
# Field paths of the stage gates

_EMPTY = object()


def missing_fields(path: str, dossier: Mapping) -> list[str]:
    """Where the gate field ``path`` is not met in ``dossier``; ``[]`` when it is.

    ``dossier`` maps a file name without ``.yaml`` to that file's data, e.g.
    ``{"application": {...}, "problem": {...}, "effects": {...}}``. A path starts with the file
    name and goes down by keys: ``problem.statement``. Present and non-empty means not missing,
    not null, not an empty or blank string, not an empty list or mapping (``false`` and ``0``
    are answers, so they count as present). Further syntax, as in ``stage_gates.yaml``:

    - ``effects.effects[].baseline.value``: for every element of the list, which must be
      non-empty; a gap is reported per element: ``effects.effects[2].baseline.value``;
    - ``effects.effects[?].primary=true``: at least one element; reported as the pattern
      itself (``effects.effects[?].primary``);
    - ``effects.effects[].target|limit``: at least one of the alternatives (any segment);
    - ``pilot.decision.choice=scale-up``: the value must equal the YAML value after ``=``
      (text compared without regard to case);
    - ``application.regulatory.ai_act.risk!=unknown``: the value must be present and other than
      the YAML value after ``!=`` (compared as ``=`` compares).

    Returns the concrete paths that fail, in document order, without the ``=value`` (or
    ``!=value``) part; a missing list is reported as the list's path (``effects.effects``).
    """
    pattern, expected, keys = _parsed(path)
    if keys is None:
        if _holds(dossier, _segments(pattern), 0, expected):
            return []  # the common case, answered without building the paths of gaps
        return _walk(dossier, pattern.split("."), [], expected, pattern)
    value: Any = dossier  # a path of plain keys (most gate fields): no list, no alternatives
    for key in keys:
        value = value.get(key) if isinstance(value, _MAPPING) else None
    return [] if _satisfied(value, expected) else [pattern]


@functools.lru_cache(maxsize=1024)
def _parsed(path: str) -> tuple[str, Any, tuple[str, ...] | None]:
    """A gate path as :func:`missing_fields` reads it: ``(pattern, expected, plain keys)``,
    parsed once per path (the same for every application; the expected value is only compared)."""
    pattern, condition, literal = split_condition(path)
    return pattern, _expected(condition, literal), _plain_keys(pattern)


def split_condition(path: str) -> tuple[str, str, str]:
    """A gate path as ``(pattern, condition, literal)``: ``pilot.decision.choice=stop`` ->
    ``("pilot.decision.choice", "=", "stop")``, ``application.regulatory.ai_act.risk!=unknown``
    -> ``(..., "!=", "unknown")``, a path without a value -> ``(path, "", "")``."""
    pattern, equals, literal = path.partition("=")
    if equals and pattern.endswith("!"):
        return pattern[:-1], "!=", literal
    return pattern, equals, literal


def _expected(condition: str, literal: str) -> Any:
    """What :func:`_satisfied` compares a gate field's value with, for its condition."""
    if not condition:
        return _EMPTY
    return _literal(literal) if condition == "=" else _Other(_literal(literal))


class _Other:
    """The value a ``path!=value`` gate field must not have (it must be present and other)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


@functools.lru_cache(maxsize=1024)
def _plain_keys(pattern: str) -> tuple[str, ...] | None:
    """The keys of a gate path that only goes down by keys, ``None`` for one with ``[]``,
    ``[?]`` or ``|`` (those take :func:`_walk`, which reports such a path whole when it fails)."""
    return None if "[" in pattern or "|" in pattern else tuple(pattern.split("."))


@functools.lru_cache(maxsize=256)
def _literal(text: str) -> Any:
    """The YAML value after ``=`` in a gate path, parsed once (compared only, never changed)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - safe loader


@functools.lru_cache(maxsize=1024)
def _segment(raw: str) -> tuple[str, str, tuple[str, ...]]:
    """One segment of a gate path as ``(name, mode, alternatives)``: the name without ``[]`` or
    ``[?]``, the mode ``"every"``, ``"some"`` or ``""``, the name's ``|`` alternatives."""
    name, mode = raw, ""
    if raw.endswith("[]"):
        name, mode = raw[:-2], "every"
    elif raw.endswith("[?]"):
        name, mode = raw[:-3], "some"
    return name, mode, tuple(name.split("|"))


@functools.lru_cache(maxsize=1024)
def _segments(pattern: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A gate path as ``(mode, alternatives)`` per segment (:func:`_segment`), for :func:`_holds`."""
    return tuple(_segment(raw)[1:] for raw in pattern.split("."))


def _holds(value: Any, segments: tuple, i: int, expected: Any) -> bool:
    """Whether :func:`_walk` would find no gap: the same walk, answering yes or no only."""
    n = len(segments)
    while i < n:  # plain keys (one alternative, no list): go down without a call per segment
        mode, alternatives = segments[i]
        if mode or len(alternatives) != 1:
            break
        value = value.get(alternatives[0]) if isinstance(value, _MAPPING) else None
        i += 1
    if i == n:
        return _satisfied(value, expected)
    if not mode:
        for alt in alternatives:
            if _holds(_child(value, alt), segments, i + 1, expected):
                return True
        return False
    elements = next((c for c in (_child(value, alt) for alt in alternatives) if isinstance(c, list) and c), None)
    if elements is None:
        return False
    if mode == "some":
        for el in elements:
            if _holds(el, segments, i + 1, expected):
                return True
        return False
    for el in elements:
        if not _holds(el, segments, i + 1, expected):
            return False
    return True


def _walk(value: Any, segments: list[str], done: list[str], expected: Any, pattern: str) -> list[str]:
    if not segments:
        return [] if _satisfied(value, expected) else [".".join(done)]
    (segment, mode, alternatives), rest = _segment(segments[0]), segments[1:]
    if not mode:
        results = [_walk(_child(value, alt), rest, done + [alt], expected, pattern) for alt in alternatives]
        if any(not gaps for gaps in results):
            return []
        return results[0] if len(alternatives) == 1 else [".".join(done + [segment] + rest)]
    elements = next((c for c in (_child(value, alt) for alt in alternatives) if isinstance(c, list) and c), None)
    if elements is None:
        return [".".join(done + [segment])]
    located = [_walk(el, rest, done + [f"{segment}[{i}]"], expected, pattern) for i, el in enumerate(elements)]
    if mode == "some":
        return [] if any(not gaps for gaps in located) else [pattern]
    return [gap for gaps in located for gap in gaps]


def _child(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, _MAPPING) else None


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return True


def _satisfied(value: Any, expected: Any) -> bool:
    if expected is _EMPTY:
        return _present(value)
    if isinstance(expected, _Other):
        return _present(value) and not _satisfied(value, expected.value)
    if isinstance(expected, str) and isinstance(value, str):
        return value.strip().casefold() == expected.strip().casefold()
    if isinstance(expected, bool) or isinstance(value, bool):
        return value is expected
    return value == expected
