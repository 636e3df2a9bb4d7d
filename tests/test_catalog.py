"""The built-in catalogs (compliance items, regulatory dates, stage gates) and their reader."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from raio_cli import catalog
from raio_cli.catalog import (
    STAGES,
    CatalogError,
    applies,
    compliance_catalog,
    concerns,
    condition_problems,
    evaluate,
    missing_fields,
    regulatory_dates,
    regulatory_dates_as_of,
    required_items,
    stage_gate,
    stage_index,
)

ITEM_KEYS = {
    "id", "title_nl", "title_en", "description_en", "source", "source_url", "owner",
    "required_from", "applies_when", "implies_use", "expires",
}
KNOWN_IDS = {
    "ce-certificate", "instructions-for-use", "ai-act-classification", "human-oversight",
    "ai-literacy", "log-retention", "works-council", "monitoring-incident-route", "dpia",
    "processor-agreement", "security-review", "integration-test", "local-validation",
    "bias-analysis", "fallback-procedure", "exit-terms", "in-house-justification", "input-data",
    "fria",
}
AI_ACT_DEPLOYER = {
    "instructions-for-use", "human-oversight", "log-retention", "works-council",
    "monitoring-incident-route", "input-data",
}


def app(mdr_class=None, hosting=None, in_house=None, risk=None, task=None, modality=None) -> dict:
    """application.yaml data with only the given values."""
    data: dict = {"regulatory": {"ai_act": {}}, "integration": {}}
    if mdr_class is not None:
        data["regulatory"]["mdr_class"] = mdr_class
    if in_house is not None:
        data["regulatory"]["in_house"] = in_house
    if risk is not None:
        data["regulatory"]["ai_act"]["risk"] = risk
    if hosting is not None:
        data["integration"]["hosting"] = hosting
    if task is not None:
        data["task"] = task
    if modality is not None:
        data["modality"] = modality
    return data


# --- the compliance catalog ------------------------------------------------------------------


def test_stages_in_lifecycle_order():
    assert STAGES == ("proposed", "planned", "pilot", "evaluation", "production", "stopped", "retired")
    # the stages raio new-pilot asks for are stage_gates.yaml's, the ones the schema allows
    from raio_cli.schema import load_schema

    assert catalog.gate_stages() == STAGES == tuple(load_schema("application")["properties"]["stage"]["enum"])
    # the stages raio new-pilot asks for are stage_gates.yaml's, the ones the schema allows
    from raio_cli.schema import load_schema

    assert catalog.gate_stages() == STAGES == tuple(load_schema("application")["properties"]["stage"]["enum"])
    assert stage_index("proposed") == 0 and stage_index("production") == 4
    with pytest.raises(ValueError):
        stage_index("pilotitis")


def test_every_item_has_all_keys_and_a_source():
    items = compliance_catalog()
    assert KNOWN_IDS <= set(items)
    for item_id, item in items.items():
        assert ITEM_KEYS <= set(item), f"{item_id} lacks {ITEM_KEYS - set(item)}"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item_id)
        for key in ("title_nl", "title_en", "description_en", "source", "owner"):
            assert isinstance(item[key], str) and item[key].strip(), f"{item_id}.{key} is empty"
        assert item["source_url"].startswith("https://"), item_id
        assert item["required_from"] in STAGES
        assert isinstance(item["implies_use"], bool) and isinstance(item["expires"], bool)
        assert condition_problems(item["applies_when"]) == [], item_id
        assert item["origin"] == "builtin"


def test_item_ids_are_unique_in_the_file():
    raw = catalog._load("compliance.yaml")["items"]
    ids = [item["id"] for item in raw]
    assert len(ids) == len(set(ids))


def test_sources_cite_articles_down_to_the_paragraph_where_the_article_has_several():
    """A reader checks a paragraph, not a page of the regulation."""
    items = compliance_catalog()
    assert "Art 26(2)" in items["human-oversight"]["source"]
    assert "Art 4" in items["ai-literacy"]["source"]
    assert "Art 26(6)" in items["log-retention"]["source"]
    assert "Art 26(7)" in items["works-council"]["source"]
    assert "Art 25(1)" in items["ai-act-classification"]["source"]
    assert "Art 27(1)" in items["fria"]["source"]
    assert "Art 28(3)" in items["processor-agreement"]["source"]
    assert "Art 28(3)(g)" in items["exit-terms"]["source"]
    assert "Art 32(1)" in items["security-review"]["source"]
    assert "Art 87(1)" in items["monitoring-incident-route"]["source"]
    assert "Art 5(5)" in items["in-house-justification"]["source"]
    assert "Art 10(2)(f)" in items["bias-analysis"]["source"]
    assert "Annex III" in items["fria"]["description_en"]
    assert "Rule 11" in items["ce-certificate"]["source"]


def test_log_retention_and_use_flags():
    items = compliance_catalog()
    assert items["log-retention"]["retention_after_use_months"] == 6
    assert items["log-retention"]["implies_use"] and items["human-oversight"]["implies_use"]
    assert items["ce-certificate"]["expires"] and items["ai-literacy"]["expires"]
    assert not items["dpia"]["implies_use"]


def test_catalog_is_a_copy():
    first = compliance_catalog()
    first["dpia"]["title_en"] = "changed"
    assert compliance_catalog()["dpia"]["title_en"] != "changed"


def test_extra_items_extend_and_override():
    items = compliance_catalog([
        {"id": "algorithm-register", "title_en": "Published in the algorithm register",
         "source": "hospital policy", "owner": "cmio", "required_from": "production"},
        {"id": "dpia", "required_from": "proposed"},
    ])
    assert list(items)[-1] == "algorithm-register"
    extra = items["algorithm-register"]
    assert extra["origin"] == "policy" and extra["title_nl"] == extra["title_en"]
    assert extra["applies_when"] is None and extra["implies_use"] is False
    assert items["dpia"]["required_from"] == "proposed"
    assert items["dpia"]["source"].startswith("GDPR") and items["dpia"]["origin"] == "policy"


@pytest.mark.parametrize("extra", [
    [{"title_en": "no id", "required_from": "pilot"}],
    [{"id": "new-item"}],  # a new item must say from when it is required
    [{"id": "new-item", "required_from": "someday"}],
    [{"id": "new-item", "required_from": "pilot", "applies_when": "integration.hosting == cloud"}],
    [{"id": "new-item", "required_from": "pilot", "applies_when": {"hosting": ["cloud"]}}],
])
def test_bad_extra_items_are_refused(extra):
    with pytest.raises(CatalogError):
        compliance_catalog(extra)


# --- the condition language ------------------------------------------------------------------


@pytest.mark.parametrize("condition, data, expected", [
    # mdr_class_at_least: none < I < IIa < IIb < III; missing or unknown counts as applying
    ({"mdr_class_at_least": "IIa"}, app(mdr_class="IIb"), True),
    ({"mdr_class_at_least": "IIa"}, app(mdr_class="IIa"), True),
    ({"mdr_class_at_least": "IIa"}, app(mdr_class="I"), False),
    ({"mdr_class_at_least": "I"}, app(mdr_class="none"), False),
    ({"mdr_class_at_least": "IIa"}, app(), True),
    ({"mdr_class_at_least": "IIa"}, app(mdr_class="IIc"), True),
    ({"mdr_class_at_least": "iib"}, app(mdr_class="III"), True),
    # ai_act_risk_in: missing is false
    ({"ai_act_risk_in": ["high"]}, app(risk="high"), True),
    ({"ai_act_risk_in": ["high"]}, app(risk="minimal"), False),
    ({"ai_act_risk_in": ["high"]}, app(), False),
    # hosting_in: missing counts as applying
    ({"hosting_in": ["cloud", "hybrid"]}, app(hosting="cloud"), True),
    ({"hosting_in": ["cloud", "hybrid"]}, app(hosting="on-premise"), False),
    ({"hosting_in": ["cloud", "hybrid"]}, app(), True),
    # in_house: missing reads as false
    ({"in_house": True}, app(in_house=True), True),
    ({"in_house": True}, app(in_house=False), False),
    ({"in_house": True}, app(), False),
    ({"in_house": False}, app(), True),
    ({"in_house": False}, app(in_house=True), False),
    # task_in: missing is false
    ({"task_in": ["triage"]}, app(task="triage"), True),
    ({"task_in": ["triage"]}, app(task="detection"), False),
    ({"task_in": ["triage"]}, app(), False),
    # modality_any: any overlap, case-insensitive; missing is false
    ({"modality_any": ["CT", "MR"]}, app(modality=["CR", "ct"]), True),
    ({"modality_any": ["CT", "MR"]}, app(modality=["MG"]), False),
    ({"modality_any": ["CT"]}, app(), False),
    # all / any, and several keys in one mapping (all must hold)
    ({"any": [{"mdr_class_at_least": "IIa"}, {"ai_act_risk_in": ["high"]}]}, app(mdr_class="I", risk="high"), True),
    ({"any": [{"mdr_class_at_least": "IIa"}, {"ai_act_risk_in": ["high"]}]}, app(mdr_class="I", risk="limited"), False),
    ({"all": [{"task_in": ["triage"]}, {"modality_any": ["CT"]}]}, app(task="triage", modality=["CT"]), True),
    ({"all": [{"task_in": ["triage"]}, {"modality_any": ["CT"]}]}, app(task="triage", modality=["MR"]), False),
    ({"mdr_class_at_least": "I", "in_house": False}, app(mdr_class="IIa", in_house=True), False),
    ({"mdr_class_at_least": "I", "in_house": False}, app(mdr_class="IIa"), True),
    ({"any": []}, app(), False),
    ({"all": []}, app(), True),
    # no condition: always
    (None, app(), True),
    ({}, app(), True),
])
def test_evaluate(condition, data, expected):
    assert evaluate(condition, data) is expected
    assert applies({"id": "x", "applies_when": condition}, data) is expected


def test_item_without_condition_applies_even_without_data():
    assert applies({"id": "x"}, None)
    assert applies({"id": "x"}, {})


@pytest.mark.parametrize("condition", [
    {"eval": "__import__('os')"},
    {"mdr_class_at_least": "IV"},
    {"in_house": "yes"},
    {"hosting_in": 3},
    {"any": {"task_in": ["triage"]}},
    "integration.hosting == cloud",
])
def test_malformed_conditions_raise_and_are_described(condition):
    with pytest.raises(CatalogError):
        evaluate(condition, app(mdr_class="IIa", hosting="cloud", in_house=True, task="triage"))
    assert condition_problems(condition)


def test_condition_problems_points_into_nested_conditions():
    problems = condition_problems({"any": [{"mdr_class_at_least": "IIa"}, {"risk": ["high"]}]})
    assert len(problems) == 1 and problems[0].startswith("any[1].risk")


# --- required items --------------------------------------------------------------------------


def test_class_iia_cloud_app_at_pilot():
    items = required_items("pilot", app(mdr_class="IIa", hosting="cloud"), compliance_catalog())
    assert {"processor-agreement", "human-oversight", "ce-certificate", "dpia", "ai-literacy"} <= set(items)
    assert AI_ACT_DEPLOYER <= set(items)
    # not yet: these are due from evaluation or production, or do not apply
    assert not {"local-validation", "bias-analysis", "exit-terms", "in-house-justification", "fria"} & set(items)


def test_class_i_on_premise_app_at_pilot():
    items = required_items("pilot", app(mdr_class="I", hosting="on-premise"), compliance_catalog())
    assert "processor-agreement" not in items and "human-oversight" not in items
    assert not AI_ACT_DEPLOYER & set(items)
    assert {"ce-certificate", "dpia", "ai-literacy", "security-review"} <= set(items)


def test_unknown_class_and_hosting_count_as_applying():
    items = required_items("pilot", {}, compliance_catalog())
    assert {"processor-agreement", "human-oversight", "ce-certificate"} <= set(items)
    assert "in-house-justification" not in items and "fria" not in items


def test_items_accumulate_along_the_lifecycle():
    cat = compliance_catalog()
    data = app(mdr_class="IIb", hosting="cloud", task="triage")
    seen: set[str] = set()
    for stage in ("proposed", "planned", "pilot", "evaluation", "production"):
        now = set(required_items(stage, data, cat))
        assert seen <= now, stage
        seen = now
    assert required_items("proposed", data, cat) == []
    assert "fria" in seen and "exit-terms" in seen


def test_in_house_device_needs_justification_not_ce_or_exit_terms():
    items = required_items("production", app(mdr_class="IIa", in_house=True, hosting="on-premise"), compliance_catalog())
    assert "in-house-justification" in items
    assert "ce-certificate" not in items and "exit-terms" not in items


def test_stopped_and_retired_apps_are_not_held_to_duties_of_use():
    cat = compliance_catalog()
    data = app(mdr_class="IIa", hosting="cloud")
    use = {i for i, item in cat.items() if item["implies_use"]}
    assert use and use <= set(required_items("production", data, cat))
    stopped = set(required_items("stopped", data, cat))
    assert not stopped & use
    assert "local-validation" in stopped and "exit-terms" not in stopped  # as of evaluation
    retired = set(required_items("retired", data, cat))
    assert not retired & use and "exit-terms" in retired  # as of production


def test_required_items_with_policy_and_extras():
    cat = compliance_catalog([{"id": "algorithm-register", "required_from": "production"}])
    policy = {"stage_gates": {
        "planned": {"require_items": ["security-review"], "relax_items": ["dpia"]},
        "pilot": {"require_items": ["not-in-catalog"]},
    }}
    data = app(mdr_class="I", hosting="on-premise")
    planned = required_items("planned", data, cat, policy)
    assert "security-review" in planned and "dpia" not in planned
    pilot = required_items("pilot", data, cat, policy)
    assert "not-in-catalog" in pilot and "dpia" not in pilot  # relaxations flow on
    assert "algorithm-register" in required_items("production", data, cat, policy)
    # a required extra that does not apply to the application stays out
    policy = {"stage_gates": {"planned": {"require_items": ["processor-agreement"]}}}
    assert "processor-agreement" not in required_items("planned", data, cat, policy)


# --- stage gates -----------------------------------------------------------------------------


def test_every_stage_has_a_gate_with_descriptions():
    for stage in STAGES:
        gate = stage_gate(stage)
        assert gate["stage"] == stage
        assert gate["description_en"] and gate["description_nl"]
        assert "application" in gate["files"]
        assert gate["items_from_catalog"] is True


def test_gates_accumulate():
    for earlier, later in [("proposed", "planned"), ("planned", "pilot"), ("pilot", "evaluation"),
                           ("evaluation", "production"), ("evaluation", "stopped"), ("production", "retired")]:
        a, b = stage_gate(earlier), stage_gate(later)
        assert set(a["files"]) <= set(b["files"]), (earlier, later)
        assert set(a["fields"]) <= set(b["fields"]), (earlier, later)
    assert "problem.statement" in stage_gate("proposed")["fields"]
    planned = stage_gate("planned")
    assert {"effects.effects[].baseline.value", "effects.effects[].target|limit", "pilot.plan.start"} <= set(planned["fields"])
    assert "problem.stays_with_radiologist" in planned["fields"]
    assert "pilot.outcome.results" in stage_gate("evaluation")["fields"]
    assert "pilot.decision.choice=scale-up" in stage_gate("production")["fields"]
    assert "monitoring" in stage_gate("production")["files"]
    assert "pilot.decision.choice=stop" in stage_gate("stopped")["fields"]
    assert "pilot.decision.choice=scale-up" not in stage_gate("stopped")["fields"]
    assert "application.retirement.replaced_by" in stage_gate("retired")["fields"]
    assert stage_gate("stopped")["items_as_of"] == "evaluation"
    assert stage_gate("pilot")["items_as_of"] == "pilot"


def test_policy_requires_and_relaxes_fields_down_the_lifecycle():
    policy = {"stage_gates": {
        "proposed": {"require_fields": ["application.integration.fallback"]},
        "planned": {"relax_fields": ["pilot.plan.sample_size", "problem.alternatives"]},
        "evaluation": {"require_fields": ["problem.alternatives"]},
    }}
    assert "application.integration.fallback" in stage_gate("proposed", policy)["fields"]
    assert "application.integration.fallback" in stage_gate("production", policy)["fields"]
    assert "problem.alternatives" in stage_gate("proposed", policy)["fields"]
    for stage in ("planned", "pilot"):
        fields = stage_gate(stage, policy)["fields"]
        assert "pilot.plan.sample_size" not in fields and "problem.alternatives" not in fields
    assert "problem.alternatives" in stage_gate("evaluation", policy)["fields"]
    assert "pilot.plan.sample_size" not in stage_gate("retired", policy)["fields"]
    # the stage_gates mapping alone works too, and no policy leaves the defaults alone
    assert stage_gate("planned", policy["stage_gates"]) == stage_gate("planned", policy)
    assert "pilot.plan.sample_size" in stage_gate("planned", None)["fields"]
    assert "pilot.plan.sample_size" in stage_gate("planned", {"stage_gates": {}})["fields"]


def test_policy_items_in_gate():
    gate = stage_gate("pilot", {"stage_gates": {"planned": {"require_items": ["a-b"]}, "pilot": {"relax_items": ["dpia"]}}})
    assert gate["items"] == ["a-b"] and gate["relax_items"] == ["dpia"]
    gate = stage_gate("production", {"stage_gates": {"pilot": {"relax_items": ["dpia"]}, "production": {"require_items": ["dpia"]}}})
    assert gate["items"] == ["dpia"] and gate["relax_items"] == []


def test_monitoring_not_required_drops_the_monitoring_file():
    gate = stage_gate("production", {"monitoring_required": False, "stage_gates": {}})
    assert "monitoring" not in gate["files"]
    assert not [f for f in gate["fields"] if f.startswith("monitoring.")]


def test_bad_policy_raises():
    with pytest.raises(CatalogError):
        stage_gate("pilot", {"stage_gates": {"pilot": {"require_fields": "pilot.plan.start"}}})
    with pytest.raises(ValueError):
        stage_gate("someday")


# --- field paths -----------------------------------------------------------------------------


def dossier() -> dict:
    return {
        "problem": {"statement": "Fractures are missed at night", "for_whom": " ", "alternatives": []},
        "effects": {"effects": [
            {"id": "E1", "primary": True, "baseline": {"value": 0}, "target": 5, "measurement": "audit"},
            {"id": "E2", "primary": False, "baseline": {"value": None}, "limit": 2},
        ]},
        "pilot": {"decision": {"choice": "Stop"}},
    }


@pytest.mark.parametrize("path, gaps", [
    ("problem.statement", []),
    ("problem.for_whom", ["problem.for_whom"]),  # blank
    ("problem.alternatives", ["problem.alternatives"]),  # empty list
    ("problem.stays_with_radiologist", ["problem.stays_with_radiologist"]),
    ("application.name", ["application.name"]),  # file missing
    ("effects.effects", []),
    ("effects.effects[].baseline.value", ["effects.effects[1].baseline.value"]),  # 0 is a value
    ("effects.effects[].target|limit", []),
    ("effects.effects[].target", ["effects.effects[1].target"]),
    ("effects.effects[].measurement", ["effects.effects[1].measurement"]),
    ("effects.effects[?].primary=true", []),
    ("effects.effects[?].measurement", []),
    ("effects.effects[?].unit", ["effects.effects[?].unit"]),
    ("effects.effects[].primary", []),  # false is an answer
    ("monitoring.plan[].metric", ["monitoring.plan"]),
    ("pilot.decision.choice=stop", []),
    ("pilot.decision.choice=scale-up", ["pilot.decision.choice"]),
    ("pilot.plan.start", ["pilot.plan.start"]),
])
def test_missing_fields(path, gaps):
    assert missing_fields(path, dossier()) == gaps


def test_no_primary_effect_is_reported():
    data = dossier()
    data["effects"]["effects"][0]["primary"] = False
    assert missing_fields("effects.effects[?].primary=true", data) == ["effects.effects[?].primary"]


def test_a_gate_value_is_read_from_each_path_however_many_were_read_before():
    """Gate paths are parsed once per process: a policy that asks another value (raio.yaml
    edited between two checks in one process) must be answered for that value, not the last."""
    data = dossier()
    for _ in range(2):
        assert missing_fields("pilot.decision.choice=stop", data) == []
        assert missing_fields("pilot.decision.choice=scale-up", data) == ["pilot.decision.choice"]
        assert missing_fields("pilot.decision.choice!=stop", data) == ["pilot.decision.choice"]
        assert missing_fields("pilot.decision.choice!=scale-up", data) == []
        assert missing_fields("effects.effects[?].primary=true", data) == []
        assert missing_fields("effects.effects[?].primary=false", data) == []
        assert missing_fields("effects.effects[].primary=true", data) == ["effects.effects[1].primary"]


def test_plain_paths_answer_as_the_general_walk_does():
    """missing_fields takes a shortcut for paths of plain keys; it must answer exactly as the
    walk over segments does, for every gate field of every stage, on real and odd dossiers."""
    from pathlib import Path

    import yaml

    from raio_cli.catalog import _expected, _plain_keys, _walk, split_condition

    apps = Path(__file__).resolve().parent.parent / "examples" / "portfolio" / "applications"
    dossiers = [{}, dossier(), {"pilot": {"plan": None}, "problem": "text", "application": {"regulatory": []}},
                {"pilot": {"plan": {"start": " "}, "decision": {"choice": 0}}, "effects": {"effects": "x"}}]
    for folder in sorted(apps.iterdir()):
        dossiers.append({f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) for f in folder.glob("*.yaml")})
    paths = {p for stage in STAGES for p in stage_gate(stage)["fields"]}
    paths |= {"pilot.decision.choice=stop", "pilot.plan.sample_size=0", "application..id", "pilot.plan.design!=other"}
    plain = [p for p in sorted(paths) if _plain_keys(split_condition(p)[0]) is not None]
    assert len(plain) > 10  # the shortcut is what most gate fields take
    for path in plain:
        pattern, condition, literal = split_condition(path)
        expected = _expected(condition, literal)
        for data in dossiers:
            assert missing_fields(path, data) == _walk(data, pattern.split("."), [], expected, pattern), (path, data)


def test_paths_with_lists_and_alternatives_answer_as_the_walk_does():
    """Paths with ``[]``, ``[?]`` or ``|`` are first answered yes/no by ``_holds`` and only
    walked for their gaps when it says no: the answer must be the walk's, on dossiers where each
    effect and list element in turn loses, blanks or changes a field."""
    import copy
    from pathlib import Path

    import yaml

    from raio_cli.catalog import _expected, _plain_keys, _walk, split_condition

    apps = Path(__file__).resolve().parent.parent / "examples" / "portfolio" / "applications"
    base = [dossier()] + [{f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) for f in folder.glob("*.yaml")}
                          for folder in sorted(apps.iterdir())]
    dossiers = [{}, {"effects": {"effects": []}}, {"effects": {"effects": [None, "x", 3]}}]
    for data in base:
        dossiers.append(data)
        for file, content in data.items():
            for key, value in (content or {}).items() if isinstance(content, dict) else ():
                for i, element in enumerate(value) if isinstance(value, list) else ():
                    for field in element if isinstance(element, dict) else ():
                        for odd in (None, "", " ", [], False, 0, "other"):
                            changed = copy.deepcopy(data)
                            changed[file][key][i][field] = odd
                            dossiers.append(changed)
    paths = {p for stage in STAGES for p in stage_gate(stage)["fields"]}
    paths |= {"effects.effects[?].primary=false", "effects.effects[].target|limit=0", "pilot|effects.plan|effects"}
    listed = [p for p in sorted(paths) if _plain_keys(split_condition(p)[0]) is None]
    assert len(listed) >= 5
    failing = 0
    for path in listed:
        pattern, condition, literal = split_condition(path)
        expected = _expected(condition, literal)
        for data in dossiers:
            walked = _walk(data, pattern.split("."), [], expected, pattern)
            assert missing_fields(path, data) == walked, (path, data)
            failing += bool(walked)
    assert failing > 100  # both answers are exercised, not only "no gap"


def test_every_builtin_gate_field_is_well_formed():
    for stage in STAGES:
        for path in stage_gate(stage)["fields"]:
            assert re.fullmatch(r"[a-z_]+(\.[a-z_|]+(\[\]|\[\?\])?)+(!?=[a-z0-9-]+)?", path), path
            assert path.split(".")[0] in {"application", "problem", "effects", "compliance", "pilot", "monitoring"}
            assert isinstance(missing_fields(path, {}), list)


# --- regulatory dates ------------------------------------------------------------------------


def test_regulatory_dates_parse():
    entries = regulatory_dates()
    assert regulatory_dates_as_of() == dt.date(2026, 11, 29)
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    items = compliance_catalog()
    for entry in entries:
        assert isinstance(entry["date"], dt.date)
        assert entry["status"] in {"in-force", "applicable", "scheduled", "moved", "proposed"}
        for key in ("title_en", "title_nl", "regulation", "article", "article_nl", "applies_to", "source", "source_url", "note"):
            assert isinstance(entry[key], str) and entry[key].strip(), f"{entry['id']}.{key}"
        assert entry["source_url"].startswith("https://")
        assert set(entry["requires_items"]) <= set(items), entry["id"]
        assert condition_problems(entry["concerns"]) == [], entry["id"]
        if entry["status"] == "applicable" or entry["status"] == "in-force":
            assert entry["date"] <= regulatory_dates_as_of(), entry["id"]
        if entry["status"] == "scheduled":
            assert entry["date"] > regulatory_dates_as_of(), entry["id"]


def test_moved_entries_point_at_existing_entries():
    entries = {e["id"]: e for e in regulatory_dates()}
    moved = [e for e in entries.values() if e["status"] == "moved"]
    assert len(moved) == 2
    for entry in moved:
        new = entries[entry["replaced_by"]]
        assert new["replaces"] == entry["id"]
        assert new["date"] > entry["date"]
    for entry in entries.values():
        if entry["replaces"]:
            assert entries[entry["replaces"]]["status"] == "moved"


def test_key_dates():
    entries = {e["id"]: e for e in regulatory_dates()}
    assert entries["ai-act-entry-into-force"]["date"] == dt.date(2024, 8, 1)
    assert entries["ai-act-ai-literacy"]["date"] == dt.date(2025, 2, 2)
    assert entries["ai-act-prohibitions"]["date"] == dt.date(2025, 2, 2)
    assert entries["ai-act-general-application"]["date"] == dt.date(2026, 8, 2)
    assert entries["mdr-date-of-application"]["date"] == dt.date(2021, 5, 26)
    annex_iii = entries["ai-act-annex-iii-high-risk"]
    assert annex_iii["date"] == dt.date(2027, 12, 2)
    assert entries[annex_iii["replaces"]]["date"] == dt.date(2026, 8, 2)
    annex_i = entries["ai-act-annex-i-high-risk"]
    assert annex_i["date"] == dt.date(2028, 8, 2)
    assert entries[annex_i["replaces"]]["date"] == dt.date(2027, 8, 2)
    # the Omnibus is published (Regulation (EU) 2026/1744): the catalog records where and since when
    for entry in (annex_iii, annex_i):
        assert entry["pending_publication"] is False
        assert entry["adoption"]["council"] == dt.date(2026, 6, 29)
        assert entry["adoption"]["official_journal"] == "OJ L 2026/1744, 2026-07-24"
        assert entry["adoption"]["in_force"] == dt.date(2026, 7, 27)
        assert "Official Journal" in entry["note"] and "2026/1744" in entry["note"]


def test_concerns():
    entries = {e["id"]: e for e in regulatory_dates()}
    annex_i = entries["ai-act-annex-i-high-risk"]
    assert concerns(annex_i, app(mdr_class="IIa"))
    assert not concerns(annex_i, app(mdr_class="I"))
    assert concerns(annex_i, app())  # unknown class: better safe
    annex_iii = entries["ai-act-annex-iii-high-risk"]
    assert concerns(annex_iii, app(task="triage")) and not concerns(annex_iii, app(task="detection"))
    assert "fria" in annex_iii["requires_items"]
    assert concerns(entries["ai-act-ai-literacy"], app())


def test_dates_are_data_not_code():
    """No date or article literal in the module: they belong in the YAML files."""
    source = (catalog._HERE / "__init__.py").read_text(encoding="utf-8")
    assert not re.search(r"20\d\d-\d\d-\d\d", source)
    assert not re.search(r"Art \d", source)


def test_a_resolved_gate_is_the_callers_own_and_a_bad_policy_fails_every_time():
    """stage_gate resolves a stage once per policy (every application of a check asks): what
    one caller does to its copy never reaches the next, and a policy change is a new gate."""
    first = catalog.stage_gate("pilot")
    first["files"].append("not-a-file")
    first["fields"].clear()
    again = catalog.stage_gate("pilot")
    assert "not-a-file" not in again["files"] and again["fields"]
    relaxed = catalog.stage_gate("pilot", {"stage_gates": {"pilot": {"relax_files": ["pilot"]}}})
    assert "pilot" in again["files"] and "pilot" not in relaxed["files"]
    assert "monitoring" not in catalog.stage_gate("production", {"monitoring_required": False})["files"]
    assert "monitoring" in catalog.stage_gate("production", {"monitoring_required": True})["files"]
    for _ in range(2):
        with pytest.raises(catalog.CatalogError):
            catalog.stage_gate("pilot", {"stage_gates": {"pilot": {"require_files": "effects"}}})


def test_raios_own_yaml_files_read_the_same_with_either_loader():
    """resources.load_yaml uses libyaml's loader when PyYAML has one: raio's catalogs and texts
    must not depend on which parser read them."""
    from pathlib import Path

    import yaml

    from raio_cli.resources import load_yaml

    package = Path(__file__).resolve().parent.parent / "raio_cli"
    files = sorted(package.glob("catalog/*.yaml")) + sorted(package.glob("documents/*.yaml"))
    assert len(files) >= 5
    for f in files:
        assert load_yaml(f) == yaml.safe_load(f.read_text(encoding="utf-8")), f
