"""Stage gates (GAT): each stage's files, fields and checklist items, with raio.yaml policy."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from conftest import EXAMPLE_TODAY, add_as_hinted, copy_example, edit_yaml, make_portfolio, run_check, write

TODAY = "2026-11-15"
APP = "knee-mri"
DOSSIER_CODES = ("GAT001", "GAT002", "GAT003", "GAT004")


def _done(item_id: str) -> dict:
    return {"id": item_id, "status": "done", "owner": "raio", "evidence": f"DMS-{len(item_id) * 97}",
            "date": "2025-01-10"}


#: Items the base application needs up to production: not a medical device (no CE, no AI Act
#: deployer duties), on premise (no processor agreement), a bought product (exit terms).
ITEMS = ["ai-act-classification", "dpia", "ai-literacy", "security-review", "integration-test",
         "fallback-procedure", "local-validation", "bias-analysis", "exit-terms"]


def dossier(stage: str) -> dict:
    """A dossier that meets every built-in gate up to ``stage`` (files as dicts)."""
    files = {
        "application": {
            "id": APP, "name": "Knee MRI meniscus tears", "stage": stage,
            "owner": {"name": "dr. A. Test", "role": "RAIO"},
            "vendor": "Vendor", "product": "KneeAI", "version": "1.2",
            "intended_use": "Detection of meniscal tears on knee MRI in adults.",
            "modality": ["MR"], "task": "detection",
            "regulatory": {"mdr_class": "none", "in_house": False, "ai_act": {"risk": "minimal"}},
            "integration": {"hosting": "on-premise", "fallback": "Read without AI."},
        },
        "problem": {
            "statement": "Meniscal tears are missed on busy evening lists.",
            "for_whom": "Orthopaedic surgeons and their patients.",
            "alternatives": [{"option": "A second reading by a musculoskeletal radiologist", "ai": False}],
            "stays_with_radiologist": "The report and the final diagnosis.",
        },
        "effects": {"effects": [
            {"id": "E1", "kind": "benefit", "primary": True, "description": "Fewer missed tears",
             "metric": "sensitivity", "direction": "increase", "baseline": {"value": 0.80, "source": "audit 2024"}, "target": 0.90,
             "measurement": "Consensus read of 200 knees."},
            {"id": "G1", "kind": "guardrail", "primary": False, "description": "Reading time",
             "metric": "minutes", "direction": "decrease", "baseline": {"value": 6, "source": "RIS 2024"}, "limit": 7,
             "measurement": "RIS timestamps."},
        ]},
        "compliance": {"items": [_done(i) for i in ITEMS]},
        "pilot": {"plan": {"design": "before-after", "start": "2025-02-01", "end": "2025-08-01",
                           "sample_size": 400}},
    }
    if stage in ("evaluation", "production", "stopped", "retired"):
        files["pilot"]["outcome"] = {"results": [{"effect": "E1", "observed": 0.91, "n": 200},
                                                 {"effect": "G1", "observed": 6.2, "n": 400}]}
    if stage in ("production", "retired"):
        files["pilot"]["decision"] = {"choice": "scale-up", "date": "2025-09-01", "decided_by": "Board",
                                      "rationale": "E1 met, G1 within its limit."}
        files["monitoring"] = {"plan": {"frequency": "quarterly", "owner": "RAIO",
                                        "metrics": [{"id": "sens", "effect": "E1"}]}}
    if stage == "stopped":
        files["pilot"]["decision"] = {"choice": "stop", "date": "2025-09-01", "decided_by": "Board",
                                      "rationale": "E1 not met."}
    if stage == "retired":
        files["application"]["retirement"] = {"date": "2026-06-01", "reason": "Replaced",
                                              "replaced_by": "none: back to reading without AI"}
    return files


def portfolio(tmp_path, stage: str, change=None, config: dict | None = None):
    files = copy.deepcopy(dossier(stage))
    if change:
        change(files)
    cfg = {"organisation": "Test", "language": "en"}
    if config:
        cfg.update(config)
    return make_portfolio(tmp_path / "p", {APP: files}, cfg)


def check(root, **options):
    from raio_cli import check as engine

    return engine.run(root, today=dt.date.fromisoformat(TODAY), use_git=False, options=options)


def found(result, code):
    return [f for f in result.findings if f.code == code]


def line_of(path, text, start: int = 1) -> int:
    """1-based number of the first line at or after ``start`` that contains ``text``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number >= start and text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def app_file(root, name):
    return root / "applications" / APP / f"{name}.yaml"


# --------------------------------------------------------------------------------------------
# Passing: a complete dossier passes every gate


@pytest.mark.parametrize("stage", ["proposed", "planned", "pilot", "evaluation", "production", "stopped", "retired"])
def test_complete_dossier_passes_its_gate(tmp_path, stage):
    result = check(portfolio(tmp_path, stage))
    assert [f for f in result.findings if f.code.startswith("GAT")] == []
    assert [f for f in result.findings if f.code.startswith(("SCH", "YML", "CMP"))] == []


def test_unknown_stage_is_left_to_the_schema(tmp_path):
    result = check(portfolio(tmp_path, "production", lambda f: f["application"].update(stage="gepland")))
    assert not [f for f in result.findings if f.code.startswith("GAT")]


# --------------------------------------------------------------------------------------------
# GAT001 files


def test_missing_file_is_reported_at_the_stage_line(tmp_path):
    root = portfolio(tmp_path, "planned", lambda f: f.pop("effects"))
    result = check(root)
    (f,) = found(result, "GAT001")
    assert f.file == f"applications/{APP}/application.yaml"
    assert f.line == line_of(app_file(root, "application"), "stage:")
    assert f.message == "stage 'planned' needs effects.yaml"
    assert not any("effects." in g.message for g in found(result, "GAT002"))  # the file covers its fields


def test_missing_compliance_file_names_its_items_once(tmp_path):
    root = portfolio(tmp_path, "planned", lambda f: f.pop("compliance"))
    result = check(root)
    (f,) = found(result, "GAT001")
    assert "compliance.yaml" in f.message and "ai-act-classification" in f.message and "dpia" in f.message
    assert found(result, "GAT003") == []


def test_monitoring_file_needed_in_production_unless_policy_says_otherwise(tmp_path):
    root = portfolio(tmp_path, "production", lambda f: f.pop("monitoring"))
    assert [f.message for f in found(check(root), "GAT001")] == ["stage 'production' needs monitoring.yaml"]
    relaxed = portfolio(tmp_path / "r", "production", lambda f: f.pop("monitoring"),
                        {"policy": {"monitoring_required": False}})
    assert found(check(relaxed), "GAT001") == []


# --------------------------------------------------------------------------------------------
# GAT002 fields


def test_missing_field_is_reported_at_its_parent(tmp_path):
    root = portfolio(tmp_path, "pilot", lambda f: f["pilot"]["plan"].pop("sample_size"))
    (f,) = found(check(root), "GAT002")
    assert f.message == "stage 'pilot' needs pilot.plan.sample_size"
    assert f.file == f"applications/{APP}/pilot.yaml"
    # no commented-out sample_size to uncomment: the key of the mapping it belongs in
    assert (f.line, f.column) == (line_of(app_file(root, "pilot"), "plan:"), 1)


def test_a_field_read_as_only_an_anchor_is_one_finding_not_also_a_gate_gap(tmp_path):
    """`design: &Prospectief` in a stopped pilot: YAML reads an anchor named Prospectief on an empty
    value. YML003 says so (quote it), and GAT002 "needs pilot.plan.design" stood at the same
    place with the hint to fill it in: one slip, two errors. YML003 speaks; a design that is truly
    missing is still GAT002."""
    root = portfolio(tmp_path, "stopped")
    path = app_file(root, "pilot")
    path.write_text(path.read_text(encoding="utf-8").replace("design: before-after", "design: &Prospectief"),
                    encoding="utf-8")
    result = check(root)
    line = line_of(path, "design:")
    at = [f.code for f in result.findings if (f.file, f.line) == (f"applications/{APP}/pilot.yaml", line)]
    assert at == ["YML003"], [(f.code, f.message) for f in result.findings]
    missing = portfolio(tmp_path / "missing", "stopped", lambda f: f["pilot"]["plan"].pop("design"))
    (f,) = found(check(missing), "GAT002")
    assert f.message == "stage 'stopped' needs pilot.plan.design"


def test_missing_top_level_field_without_a_comment_is_reported_at_the_first_line(tmp_path):
    """problem.yaml written by hand, without the template's comments: no line holds for_whom, so
    the finding points at the file's first line, not at the first key (where nothing is wrong)."""
    root = portfolio(tmp_path, "proposed")
    write(app_file(root, "problem"), """\
# yaml-language-server: $schema=../../.raio/schemas/problem.schema.json
# The problem of the knee MRI pilot, for_whom it matters is still to be agreed.
statement: Meniscal tears are missed on busy evening lists.
alternatives:
  - option: A second reading by a musculoskeletal radiologist
    ai: false
stays_with_radiologist: The report and the final diagnosis.
""")
    (f,) = found(check(root), "GAT002")
    assert f.message == "stage 'proposed' needs problem.for_whom"
    assert (f.file, f.line, f.column) == (f"applications/{APP}/problem.yaml", 1, 1)


def test_missing_field_is_reported_at_its_commented_out_line_not_at_prose(tmp_path):
    """A commented-out `# key:` at the right indentation is where to act; a comment that only
    mentions the key in prose, or the same key commented out in another block, is not."""
    root = portfolio(tmp_path, "planned")
    write(app_file(root, "pilot"), """\
# Fill in the sample_size: the plan needs it (prose, not the key).
# sample_size: 12
plan:
  design: before-after
  start: 2025-02-01
  # Their sample_size: studies or patients needed, say why in analysis
  end: 2025-08-01
  # sample_size: 400                # studies needed
# decision:
#   sample_size: 3
""")
    (f,) = found(check(root), "GAT002")
    assert f.message == "stage 'planned' needs pilot.plan.sample_size"
    assert (f.file, f.line, f.column) == (f"applications/{APP}/pilot.yaml", 8, 3)


def test_a_missing_field_at_its_commented_out_line_can_be_suppressed_there(tmp_path):
    """The finding now stands on a comment line; a suppression after the commented-out key
    applies to that line (an own-line suppression still applies to the next line of YAML)."""
    root = portfolio(tmp_path, "planned")
    write(app_file(root, "pilot"), """\
plan:
  design: before-after
  start: 2025-02-01
  end: 2025-08-01
  # sample_size: 400  # raio: ignore[GAT002] set when the power calculation is back
""")
    result = check(root)
    assert found(result, "GAT002") == [] and found(result, "SUP003") == []
    assert [f.code for f in result.suppressed] == ["GAT002"]


def test_missing_field_in_a_list_element_has_its_index(tmp_path):
    root = portfolio(tmp_path, "planned")
    write(app_file(root, "effects"), """\
effects:
  - id: E1
    kind: benefit
    primary: true
    description: Fewer missed tears
    metric: sensitivity
    direction: increase
    baseline: {value: 0.8, source: audit}
    target: 0.9
    measurement: Consensus read.
  - id: G1
    kind: guardrail
    description: Reading time
    metric: minutes
    direction: decrease
    baseline:
      source: RIS 2024
    limit: 7
    measurement: RIS timestamps.
""")
    (f,) = found(check(root), "GAT002")
    assert f.message == "stage 'planned' needs effects.effects[1].baseline.value (G1)"  # index from 0: G1 named
    assert f.hint.startswith("Fill in effects[1].baseline.value (G1) in effects.yaml")
    assert (f.file, f.line, f.column) == (f"applications/{APP}/effects.yaml", 16, 5)  # the key baseline:


@pytest.mark.parametrize("stage", ["planned", "pilot", "production"])
def test_no_medical_device_still_needs_its_ai_act_risk_before_a_pilot(tmp_path, stage):
    """mdr_class: none says nothing about the AI Act (an Annex III use, a transparency duty): an
    application without regulatory.ai_act.risk does not pass the gate to a pilot."""
    root = portfolio(tmp_path, stage, lambda f: f["application"]["regulatory"].pop("ai_act"))
    (f,) = found(check(root), "GAT002")
    assert f.message == f"stage '{stage}' needs application.regulatory.ai_act.risk"
    assert (f.file, f.line) == (f"applications/{APP}/application.yaml",
                                line_of(app_file(root, "application"), "regulatory:"))


def test_a_proposal_does_not_need_its_ai_act_risk_yet(tmp_path):
    root = portfolio(tmp_path, "proposed", lambda f: f["application"]["regulatory"].pop("ai_act"))
    assert found(check(root), "GAT002") == []


def test_target_or_limit_and_empty_values(tmp_path):
    def change(files):
        files["effects"]["effects"][0].pop("target")
        files["problem"]["statement"] = "   "
    result = check(portfolio(tmp_path, "planned", change))
    gaps = sorted(found(result, "GAT002"), key=lambda f: f.message)
    assert [f.message for f in gaps] == ["stage 'planned' needs effects.effects[0].target|limit (E1)",
                                         "stage 'planned' needs problem.statement"]
    assert gaps[0].hint.startswith("Fill in effects[0].target or limit (E1) in effects.yaml")
    assert gaps[1].hint.startswith("Fill in statement in problem.yaml")


def test_proposed_does_not_need_what_planned_needs(tmp_path):
    def change(files):
        for name in ("effects", "compliance", "pilot"):
            files.pop(name)
    assert [f for f in check(portfolio(tmp_path, "proposed", change)).findings if f.code.startswith("GAT")] == []


def test_evaluation_needs_the_outcome(tmp_path):
    root = portfolio(tmp_path, "evaluation", lambda f: f["pilot"].pop("outcome"))
    assert [f.message for f in found(check(root), "GAT002")] == ["stage 'evaluation' needs pilot.outcome.results"]


def test_missing_decision_is_the_gates_but_a_contrary_choice_is_not(tmp_path):
    root = portfolio(tmp_path, "production", lambda f: f["pilot"].pop("decision"))
    messages = [f.message for f in found(check(root), "GAT002")]
    assert "stage 'production' needs pilot.decision.choice" in messages
    assert "stage 'production' needs pilot.decision.rationale" in messages
    # choice: stop while in production: the decision rules (DEC) report that, not the gate
    contrary = portfolio(tmp_path / "c", "production", lambda f: f["pilot"]["decision"].update(choice="stop"))
    assert [f for f in check(contrary).findings if f.code.startswith("GAT")] == []


def test_policy_can_require_a_field(tmp_path):
    config = {"policy": {"stage_gates": {"pilot": {"require_fields": ["pilot.plan.analysis"]}}}}
    root = portfolio(tmp_path, "pilot", config=config)
    (f,) = found(check(root), "GAT002")
    assert f.message == "stage 'pilot' needs pilot.plan.analysis"
    # the requirement flows on to later stages
    later = portfolio(tmp_path / "later", "evaluation", config=config)
    assert [f.message for f in found(check(later), "GAT002")] == ["stage 'evaluation' needs pilot.plan.analysis"]
    # and is met by filling it in
    filled = portfolio(tmp_path / "filled", "pilot", lambda f: f["pilot"]["plan"].update(analysis="Wilson CI"), config)
    assert found(check(filled), "GAT002") == []


def test_policy_can_relax_a_field(tmp_path):
    config = {"policy": {"stage_gates": {"planned": {"relax_fields": ["pilot.plan.sample_size"]}}}}
    root = portfolio(tmp_path, "pilot", lambda f: f["pilot"]["plan"].pop("sample_size"), config)
    assert found(check(root), "GAT002") == []


def test_malformed_policy_falls_back_to_the_builtin_gate(tmp_path):
    config = {"policy": {"stage_gates": {"pilot": {"require_fields": "pilot.plan.analysis"}}}}
    root = portfolio(tmp_path, "pilot", lambda f: f["pilot"]["plan"].pop("start"), config)
    result = check(root)
    assert not result.internal_errors
    assert [f.message for f in found(result, "GAT002")] == ["stage 'pilot' needs pilot.plan.start"]


@pytest.mark.parametrize("gate", ["pilot.plan.analysis", -1, 1.5, True, [None]])
def test_a_stage_gate_that_is_no_mapping_falls_back_to_the_builtin_gate(tmp_path, gate):
    """The value fuzzer: raio.yaml `stage_gates: {pilot: -1}` (or text, or a list) made GAT001
    and the other gate rules fail with "'int' object has no attribute 'get'" on every application
    in the pilot stage, and raio check exit 2. The schema's finding in raio.yaml is the user's."""
    config = {"policy": {"stage_gates": {"pilot": gate}}}
    root = portfolio(tmp_path, "pilot", lambda f: f["pilot"]["plan"].pop("start"), config)
    result = check(root)
    assert result.internal_errors == []
    assert [f.message for f in found(result, "GAT002")] == ["stage 'pilot' needs pilot.plan.start"]
    schema = [f for f in result.findings if f.code.startswith("SCH") and f.file == "raio.yaml"]
    assert schema and "policy.stage_gates.pilot" in schema[0].message
    assert result.exit_code() == 1


def test_gat002_empty_list_hint_followed_as_typed_gives_entries_the_schema_takes(tmp_path):
    """GAT002 said to replace `alternatives: []` with entries "each on a '- ' line": typed so
    (`- Extra training`), each entry is a text where a mapping with option: belongs (SCH003).
    The hint names the entry's first field; followed as typed, GAT002 is gone and no schema
    finding comes in its place."""
    import re

    root = portfolio(tmp_path, "proposed", lambda f: f["problem"].update(alternatives=[]))
    (f,) = [g for g in found(check(root), "GAT002") if "alternatives" in g.message]
    start = re.search(r"each starting on a '(- [^']*)' line", f.hint).group(1)
    assert start == "- option: ...", f.hint
    path = app_file(root, "problem")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("alternatives: []\n", "alternatives:\n  " + start.replace("...", "Extra training") + "\n"),
                    encoding="utf-8")
    result = check(root)
    assert [g for g in found(result, "GAT002") if "alternatives" in g.message] == []
    assert [g.code for g in result.findings if g.file.endswith("problem.yaml") and g.code[:3] in ("SCH", "YML")] == []


@pytest.mark.parametrize("flow", [False, True])
def test_gat002_missing_key_beside_others_says_where_to_add_it(tmp_path, flow):
    """A baseline without its source got "Fill in effects[0].baseline.source (E1) in effects.yaml
    (present and not empty)", which says neither where nor how. It now says to add the line
    above a key of that mapping (or, in braces, into that mapping); done so, GAT002 is gone."""
    import re

    root = portfolio(tmp_path, "planned", lambda f: f["effects"]["effects"][0]["baseline"].pop("source"))
    path = app_file(root, "effects")
    if flow:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"baseline:\n(\s+)value: 0\.8\n", "baseline: {value: 0.8}\n", text, count=1)
        assert "baseline: {value: 0.8}" in text
        path.write_text(text, encoding="utf-8")
    (f,) = [g for g in found(check(root), "GAT002") if "baseline.source" in g.message]
    lines = path.read_text(encoding="utf-8").split("\n")
    if flow:
        n = int(re.search(r"add source: SOURCE \(its value\) to the mapping that starts on line (\d+)", f.hint).group(1))
        lines[n - 1] = lines[n - 1].replace("{value: 0.8}", "{value: 0.8, source: audit 2024}")
    else:
        add_as_hinted(lines, f.hint, "source", "audit 2024")
    path.write_text("\n".join(lines), encoding="utf-8")
    result = check(root)
    assert [g for g in found(result, "GAT002") if "baseline.source" in g.message] == []
    assert [g.code for g in result.findings if g.file.endswith("effects.yaml") and g.code[:3] in ("SCH", "YML")] == []


# --------------------------------------------------------------------------------------------
# GAT003 checklist items


def _set_status(item_id, status):
    def change(files):
        for entry in files["compliance"]["items"]:
            if entry["id"] == item_id:
                entry["status"] = status
    return change


def test_open_item_is_reported_at_its_status(tmp_path):
    root = portfolio(tmp_path, "pilot", _set_status("ai-literacy", "in-progress"))
    (f,) = found(check(root), "GAT003")
    path = app_file(root, "compliance")
    assert f.file == f"applications/{APP}/compliance.yaml"
    assert f.line == line_of(path, "status:", line_of(path, "id: ai-literacy"))
    assert "stage 'pilot' needs checklist item 'ai-literacy' (AI literacy of staff" in f.message
    assert "Art 4" in f.message and "it is in-progress" in f.message and "owner: raio" in f.message


def test_absent_item_is_reported_at_items(tmp_path):
    def change(files):
        files["compliance"]["items"] = [e for e in files["compliance"]["items"] if e["id"] != "dpia"]
    root = portfolio(tmp_path, "planned", change)
    (f,) = found(check(root), "GAT003")
    assert f.line == line_of(app_file(root, "compliance"), "items:") + 1
    assert "'dpia' (Data protection impact assessment (DPIA); GDPR" in f.message
    assert "compliance.yaml does not list it" in f.message and "owner: privacy-officer" in f.message


def test_absent_item_hint_followed_as_typed_settles_it(tmp_path):
    """GAT003 of an item compliance.yaml does not list said "add it ... with status: done,
    evidence: and date:": typed as it reads, evidence and date are empty (CMP001, CMP002). The
    hint gives a value for each; the entry it describes, added with the placeholders filled in,
    settles the item and brings no other finding in compliance.yaml."""
    import re

    def change(files):
        files["compliance"]["items"] = [e for e in files["compliance"]["items"] if e["id"] != "dpia"]
    root = portfolio(tmp_path, "planned", change)
    (f,) = found(check(root), "GAT003")
    said = f.hint.split("(- id: dpia) with ", 1)[1].split("; or ")[0]
    pairs = dict(re.findall(r"(\w+): (\S+)", said))
    assert set(pairs) == {"status", "evidence", "date"}, f.hint
    filled = {"DOCUMENT": "DMS-1234", "YYYY-MM-DD": "2026-01-05"}
    path = app_file(root, "compliance")
    text = path.read_text(encoding="utf-8")
    dash = text.split("items:\n", 1)[1].split("- ", 1)[0]  # the items' indentation, as the file has it
    entry = f"{dash}- id: dpia\n" + "".join(f"{dash}  {k}: {filled.get(v, v)}\n" for k, v in pairs.items())
    path.write_text(text.replace("items:\n", "items:\n" + entry, 1), encoding="utf-8")
    result = check(root)
    assert found(result, "GAT003") == []
    assert [g.code for g in result.findings if g.file.endswith("compliance.yaml") and g.severity.name == "ERROR"] == []


def test_items_follow_the_application(tmp_path):
    # a class IIa device needs the AI Act deployer duties and the CE certificate in pilot
    root = portfolio(tmp_path, "pilot", lambda f: f["application"]["regulatory"].update(mdr_class="IIa"))
    ids = {f.message.split("'")[3] for f in found(check(root), "GAT003")}
    assert {"ce-certificate", "human-oversight", "log-retention", "works-council"} <= ids
    # a not-applicable item with a justification settles it
    assert found(check(portfolio(tmp_path / "na", "pilot", _set_status("ai-literacy", "not-applicable"))),
                 "GAT003") == []


def test_stopped_application_is_not_held_to_duties_of_use(tmp_path):
    def change(files):
        files["application"]["regulatory"]["mdr_class"] = "IIa"
        files["compliance"]["items"] += [_done(i) for i in ("ce-certificate", "instructions-for-use", "works-council")]
    assert found(check(portfolio(tmp_path, "stopped", change)), "GAT003") == []
    # the same dossier in evaluation is still held to oversight, input data, logs and incident route
    ids = {f.message.split("'")[3] for f in found(check(portfolio(tmp_path / "e", "evaluation", change)), "GAT003")}
    assert ids == {"human-oversight", "input-data", "monitoring-incident-route", "log-retention"}


def test_policy_can_require_and_relax_items(tmp_path):
    extra = [{"id": "radiographer-training", "title_en": "Radiographer training", "source": "Quality manual ch. 4",
              "owner": "lead radiographer", "required_from": "production"}]
    required = {"policy": {"checklist_extra": extra, "stage_gates": {"pilot": {"require_items": ["radiographer-training"]}}}}
    (f,) = found(check(portfolio(tmp_path, "pilot", config=required)), "GAT003")
    assert "'radiographer-training' (Radiographer training; Quality manual ch. 4)" in f.message
    assert "owner: lead radiographer" in f.message
    relaxed = {"policy": {"stage_gates": {"pilot": {"relax_items": ["ai-literacy"]}}}}
    root = portfolio(tmp_path / "relaxed", "pilot", _set_status("ai-literacy", "open"), relaxed)
    assert found(check(root), "GAT003") == []


# --------------------------------------------------------------------------------------------
# GAT004 values


def test_no_primary_effect(tmp_path):
    root = portfolio(tmp_path, "planned", lambda f: f["effects"]["effects"][0].update(primary=False))
    (f,) = found(check(root), "GAT004")
    assert f.message == "stage 'planned' needs effects.effects[?].primary = true"
    assert (f.file, f.line) == (f"applications/{APP}/effects.yaml", line_of(app_file(root, "effects"), "- id: E1"))
    # without any primary key the path is missing (GAT002), not wrong
    def no_key(files):
        for effect in files["effects"]["effects"]:
            effect.pop("primary")
    result = check(portfolio(tmp_path / "nokey", "planned", no_key))
    assert found(result, "GAT004") == []
    assert [f.message for f in found(result, "GAT002")] == ["stage 'planned' needs effects.effects[?].primary"]


def test_policy_value_field(tmp_path):
    config = {"policy": {"stage_gates": {"pilot": {"require_fields": ["application.integration.hosting=on-premise"]}}}}
    root = portfolio(tmp_path, "pilot", lambda f: f["application"]["integration"].update(hosting="cloud"), config)
    messages = [f.message for f in found(check(root), "GAT004")]
    assert messages == ["stage 'pilot' needs application.integration.hosting = on-premise (it is cloud)"]
    assert found(check(portfolio(tmp_path / "ok", "pilot", config=config)), "GAT004") == []


def test_a_policy_value_field_changed_between_two_checks_in_one_process_is_read_anew(tmp_path):
    """Gate fields are parsed once per process: raio.yaml edited between two checks (an editor
    plugin, a test suite) must be checked against the value it asks now."""
    config = {"policy": {"stage_gates": {"pilot": {"require_fields": ["application.integration.hosting=on-premise"]}}}}
    root = portfolio(tmp_path, "pilot", config=config)
    assert found(check(root), "GAT004") == []
    raio_yaml = root / "raio.yaml"
    raio_yaml.write_text(raio_yaml.read_text(encoding="utf-8").replace("=on-premise", "=cloud"), encoding="utf-8")
    messages = [f.message for f in found(check(root), "GAT004")]
    assert messages == ["stage 'pilot' needs application.integration.hosting = cloud (it is on-premise)"]
    raio_yaml.write_text(raio_yaml.read_text(encoding="utf-8").replace("=cloud", "=on-premise"), encoding="utf-8")
    assert found(check(root), "GAT004") == []


# --------------------------------------------------------------------------------------------
# GAT005 policy references


def test_policy_names_unknown_item_or_file(tmp_path):
    config = {"policy": {"stage_gates": {"pilot": {"require_items": ["dpai"], "require_fields": ["pilto.plan.analysis"]}}}}
    root = portfolio(tmp_path, "proposed", config=config)
    result = check(root)
    by_message = {f.message: f for f in found(result, "GAT005")}
    assert len(by_message) == 2
    item = by_message["policy.stage_gates.pilot.require_items: 'dpai' is not a checklist item"]
    assert item.file == "raio.yaml" and item.line == line_of(root / "raio.yaml", "- dpai")
    assert "Did you mean 'dpia'?" in item.hint
    field = next(f for m, f in by_message.items() if "pilto.plan.analysis" in m)
    assert field.line == line_of(root / "raio.yaml", "- pilto.plan.analysis")


def test_policy_references_that_exist(tmp_path):
    extra = [{"id": "radiographer-training", "title_en": "x", "owner": "raio", "required_from": "production"}]
    config = {"policy": {"checklist_extra": extra, "stage_gates": {
        "production": {"require_items": ["radiographer-training"], "require_fields": ["application.cost.yearly"]},
        "pilot": {"relax_items": ["ai-literacy"]}}}}
    assert found(check(portfolio(tmp_path, "proposed", config=config)), "GAT005") == []


# --------------------------------------------------------------------------------------------
# GAT010 --next-stage


def test_next_stage_needs_are_info_and_only_on_request(tmp_path):
    root = portfolio(tmp_path, "pilot")
    assert found(check(root), "GAT010") == []
    result = check(root, next_stage=True)
    messages = [f.message for f in found(result, "GAT010")]
    assert messages == ["next stage 'evaluation' will need pilot.outcome.results"]
    (f,) = found(result, "GAT010")
    assert str(f.severity) == "info" and f.file == f"applications/{APP}/pilot.yaml"
    assert (f.line, f.column) == (1, 1)  # outcome is absent: at the document, as GAT002 reports a missing field


def test_next_stage_skips_what_the_current_stage_already_needs(tmp_path):
    def change(files):
        files["pilot"]["plan"].pop("start")
        files["compliance"]["items"] = [e for e in files["compliance"]["items"] if e["id"] != "ai-literacy"]
    root = portfolio(tmp_path, "planned", change)
    result = check(root, next_stage=True)
    assert [f.message for f in found(result, "GAT002")] == ["stage 'planned' needs pilot.plan.start"]
    assert not any("pilot.plan.start" in f.message for f in found(result, "GAT010"))
    assert any("'ai-literacy'" in f.message for f in found(result, "GAT010"))  # absent, needed from pilot


def test_next_stage_of_evaluation_is_production_and_mentions_stopped(tmp_path):
    result = check(portfolio(tmp_path, "evaluation"), next_stage=True)
    messages = [f.message for f in found(result, "GAT010")]
    assert "next stage 'production' will need monitoring.yaml" in messages
    assert "next stage 'production' will need pilot.decision.choice" in messages
    assert all("'stopped'" in f.hint for f in found(result, "GAT010"))


@pytest.mark.parametrize("stage", ["pilot", "evaluation"])
@pytest.mark.parametrize("decided, missing", [("stopped", "pilot.decision.rationale"),
                                              ("production", "monitoring.yaml")])
def test_next_stage_after_a_recorded_decision_is_the_stage_dec004_asks_for(tmp_path, stage, decided, missing):
    """DEC004 says "Set stage: stopped ('raio check --next-stage' lists what that stage needs)";
    typed as it read, --next-stage listed the gate of evaluation (from pilot) or of production
    (after a stop), never the stage the decision leads to."""
    def change(files):
        source = dossier(decided)
        files["application"]["stage"] = stage
        files["pilot"]["decision"] = dict(source["pilot"]["decision"])
        files["pilot"]["decision"].pop("rationale")
        files.pop("monitoring", None)
    result = check(portfolio(tmp_path, "evaluation", change), next_stage=True)
    (dec,) = found(result, "DEC004")
    assert dec.hint.startswith(f"Set stage: {decided} ('raio check --next-stage' lists what that stage needs)")
    messages = [f.message for f in found(result, "GAT010")]
    assert f"next stage '{decided}' will need {missing}" in messages
    assert all(m.startswith(f"next stage '{decided}'") for m in messages), messages
    assert not any("After a stop decision" in f.hint for f in found(result, "GAT010"))


def test_next_stage_retired_asks_who_decided_the_stop_which_mon017_asks_once_retired(tmp_path):
    """With retirement's date, reason and replaced_by written, --next-stage said "next stage
    'retired': its gate is met, nothing more is needed to move to it"; moved as it said, the
    dossier had MON017 (the retirement does not say who decided the stop)."""
    def planned_stop(files):
        files["application"]["stage"] = "production"
        files["application"]["retirement"] = dict(dossier("retired")["application"]["retirement"])
    root = portfolio(tmp_path, "production", planned_stop)
    (f,) = found(check(root, next_stage=True), "GAT010")
    assert f.message == "next stage 'retired' will need application.retirement.decided_by"
    assert f.hint.startswith("Fill in retirement.decided_by in application.yaml")
    path = app_file(root, "application")
    edit_yaml(path, lambda d: d["retirement"].update(decided_by="Raad van bestuur"))
    (f,) = found(check(root, next_stage=True), "GAT010")
    assert f.message == "next stage 'retired': its gate is met, nothing more is needed to move to it"
    edit_yaml(path, lambda d: d.update(stage="retired"))
    result = check(root)
    assert [x.code for x in result.findings if x.code.startswith(("GAT", "MON017"))] == []


def test_who_decided_the_stop_is_gate_data_a_policy_can_relax(tmp_path):
    """retirement.decided_by was added to the gate of retired in code, after the gate was read:
    raio.yaml policy.stage_gates.retired.relax_fields could not relax it as it relaxes every
    other field of a gate. It is stage_gates.yaml data now (retired's fields_to_enter): asked of
    the move into retired, not of a retired application, where MON017 warns of it instead."""
    from raio_cli.catalog import stage_gate

    gate = stage_gate("retired")
    assert "application.retirement.decided_by" in gate["fields_to_enter"]
    assert "application.retirement.decided_by" not in gate["fields"]

    def planned_stop(files):
        files["application"]["stage"] = "production"
        files["application"]["retirement"] = dict(dossier("retired")["application"]["retirement"])
    relaxed = {"policy": {"stage_gates": {"retired": {"relax_fields": ["application.retirement.decided_by"]}}}}
    root = portfolio(tmp_path, "production", planned_stop, relaxed)
    (f,) = found(check(root, next_stage=True), "GAT010")
    assert f.message == "next stage 'retired': its gate is met, nothing more is needed to move to it"
    edit_yaml(app_file(root, "application"), lambda d: d.update(stage="retired"))
    result = check(root)
    assert [x.code for x in result.findings if x.code.startswith(("GAT", "MON017"))] == ["MON017"]


def test_next_stage_says_so_when_its_gate_is_met_already(tmp_path):
    """--next-stage listed nothing at all for an application ready to move on, which reads as if
    the option did nothing: one info finding at `stage` says the next gate is met."""
    def back_to_pilot(files):
        files["application"]["stage"] = "pilot"
    result = check(portfolio(tmp_path, "evaluation", back_to_pilot), next_stage=True)
    (f,) = found(result, "GAT010")
    assert f.message == "next stage 'evaluation': its gate is met, nothing more is needed to move to it"
    assert str(f.severity) == "info" and f.file == f"applications/{APP}/application.yaml"
    assert f.hint.startswith("Set stage: evaluation in application.yaml")
    assert found(check(portfolio(tmp_path / "not", "pilot"), next_stage=True), "GAT010")[0].message == \
        "next stage 'evaluation' will need pilot.outcome.results"


def test_next_stage_cli_shows_info_and_keeps_the_exit_code(tmp_path, capsys, monkeypatch):
    from raio_cli.cli import main

    monkeypatch.setenv("NO_COLOR", "1")
    root = portfolio(tmp_path, "pilot")
    args = ["check", str(root), "--no-git", "--today", TODAY, "--select", "GAT"]
    for extra in ([], ["--next-stage"], ["--next-stage", "--fail-on", "info"]):
        with pytest.raises(SystemExit) as exc:
            main(args + extra)
        out = capsys.readouterr().out
        assert exc.value.code == 0, out
        assert ("info GAT010 next stage 'evaluation' will need pilot.outcome.results" in out) == bool(extra)
    with pytest.raises(SystemExit) as exc:
        main(args + ["--next-stage", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    rows = rows if isinstance(rows, list) else rows.get("findings", [])
    assert [r["code"] for r in rows if r["code"].startswith("GAT")] == ["GAT010"]
    # an error of the current stage still fails
    failing = portfolio(tmp_path / "f", "pilot", lambda f: f["pilot"]["plan"].pop("design"))
    with pytest.raises(SystemExit) as exc:
        main(["check", str(failing), "--no-git", "--today", TODAY, "--select", "GAT", "--next-stage"])
    assert exc.value.code == 1
    capsys.readouterr()


def test_next_stage_junit_fails_no_testcase_on_what_the_next_stage_needs(tmp_path, capsys):
    """raio check --next-stage -f junit --fail-on info passed the job (exit 0) but failed the
    application's testcase on GAT010: Jenkins marked the build unstable for advice."""
    import xml.etree.ElementTree as ET

    from raio_cli.cli import main

    root = portfolio(tmp_path, "pilot")
    with pytest.raises(SystemExit) as exc:
        main(["check", str(root), "--no-git", "--today", TODAY, "--select", "GAT", "--next-stage",
              "--fail-on", "info", "-f", "junit"])
    report = ET.fromstring(capsys.readouterr().out.encode("utf-8"))
    assert exc.value.code == 0
    assert report.find("testsuite").get("failures") == "0" and not list(report.iter("failure"))
    assert "GAT010" in "".join(e.text or "" for e in report.iter("system-out"))


def test_final_stages_have_no_next(tmp_path):
    for stage in ("stopped", "retired"):
        assert found(check(portfolio(tmp_path / stage, stage), next_stage=True), "GAT010") == []


def _extended(files, outcome_date="2026-08-10"):
    """The pilot of :func:`dossier` moved to 2026 and extended after its first outcome: the
    outcome that led to it, then the decision to extend (2026-08-20) to 2026-12-31, written
    under extensions too. It still runs on TODAY."""
    files["pilot"]["plan"].update(start="2026-01-05", end="2026-07-31")
    files["pilot"]["outcome"] = {"date": outcome_date, "results": [{"effect": "E1", "observed": 0.86, "n": 90},
                                                                   {"effect": "G1", "observed": 6.4, "n": 180}]}
    files["pilot"]["extensions"] = [{"end": "2026-12-31", "reason": "Too few cases for E1.", "date": "2026-08-20",
                                     "by": "Board"}]
    files["pilot"]["decision"] = {"choice": "extend", "date": "2026-08-20", "decided_by": "Board",
                                  "rationale": "Too few cases for E1.", "new_end": "2026-12-31"}


def test_next_stage_after_an_extension_needs_the_extended_pilots_outcome(tmp_path):
    """A pilot extended after its first outcome: --next-stage said nothing of the outcome, as if
    the results that led to the extension met the gate of evaluation while the extended pilot
    still runs (to 2026-12-31). Now it asks for the extended pilot's outcome, at outcome.date."""
    root = portfolio(tmp_path, "pilot", _extended)
    result = check(root, next_stage=True)
    (f,) = [f for f in found(result, "GAT010") if "outcome" in f.message]
    assert f.message == ("next stage 'evaluation' will need pilot.outcome.results of the extended pilot: the outcome "
                         "of 2026-08-10 came before the extension decided on 2026-08-20")
    assert f.file == f"applications/{APP}/pilot.yaml"
    assert f.line == line_of(app_file(root, "pilot"), "date: '2026-08-10'")
    assert "2026-12-31" in f.hint
    assert [g for g in result.findings if g.code.startswith(DOSSIER_CODES)] == []  # the pilot's own gate is met


def _ended_early(files):
    """:func:`_extended`, the extended pilot ended early on 2026-11-06 (its end written so)."""
    files["pilot"]["extensions"][0]["end"] = "2026-11-06"
    if "decision" in files["pilot"]:
        files["pilot"]["decision"]["new_end"] = "2026-11-06"


def test_an_outcome_after_the_extension_meets_the_gate_of_evaluation(tmp_path):
    """An outcome of 2026-11-10, after the extension of 2026-08-20, is the extended pilot's once
    that pilot has ended (here early, on 2026-11-06, as its end says); while it runs to
    2026-12-31 it is an interim outcome, and the gate of evaluation says so."""
    root = portfolio(tmp_path, "pilot", lambda files: (_extended(files, outcome_date="2026-11-10"), _ended_early(files)))
    assert [f for f in found(check(root, next_stage=True), "GAT010") if "outcome" in f.message] == []
    interim = portfolio(tmp_path / "interim", "pilot", lambda files: _extended(files, outcome_date="2026-11-10"))
    (f,) = [f for f in found(check(interim, next_stage=True), "GAT010") if "outcome" in f.message]
    assert f.message == ("next stage 'evaluation' will need pilot.outcome.results of the extended pilot: the outcome "
                         "of 2026-11-10 is dated before the extended pilot's end (2026-12-31)")


def test_next_stage_after_an_extension_does_not_count_an_undated_outcome(tmp_path):
    """outcome.date is optional; an outcome without one met the gate of evaluation after an
    extension, though nothing shows it is the extended pilot's. GAT010 now asks to date it."""
    def undated(files):
        _extended(files)
        del files["pilot"]["outcome"]["date"]
    root = portfolio(tmp_path, "pilot", undated)
    (f,) = [f for f in found(check(root, next_stage=True), "GAT010") if "outcome" in f.message]
    assert f.message == ("next stage 'evaluation' will need pilot.outcome.results of the extended pilot: the outcome "
                         "has no date to show it came after the extension decided on 2026-08-20")
    assert (f.file, f.line) == (f"applications/{APP}/pilot.yaml", line_of(app_file(root, "pilot"), "outcome:"))
    assert "outcome.date" in f.hint and "2026-12-31" in f.hint
    dated = portfolio(tmp_path / "dated", "pilot", lambda files: (undated(files), files["pilot"]["outcome"].update(
        date="2026-11-10"), _ended_early(files)))
    assert [f for f in found(check(dated, next_stage=True), "GAT010") if "outcome" in f.message] == []


def test_next_stage_after_an_extension_recorded_only_under_extensions(tmp_path):
    """An extension written under extensions without an extend decision (none written, or
    replaced by the next one) left the outcome that led to it meeting the gate of evaluation."""
    def recorded(files):
        _extended(files)
        del files["pilot"]["decision"]
    root = portfolio(tmp_path, "pilot", recorded)
    (f,) = [f for f in found(check(root, next_stage=True), "GAT010") if "outcome" in f.message]
    assert f.message == ("next stage 'evaluation' will need pilot.outcome.results of the extended pilot: the outcome "
                         "of 2026-08-10 came before the extension decided on 2026-08-20")
    assert f.line == line_of(app_file(root, "pilot"), "date: '2026-08-10'")
    later = portfolio(tmp_path / "later", "pilot", lambda files: (recorded(files), files["pilot"]["outcome"].update(
        date="2026-11-10"), _ended_early(files)))
    assert [f for f in found(check(later, next_stage=True), "GAT010") if "outcome" in f.message] == []


def test_an_evaluation_stage_after_an_extension_is_the_decision_rules_finding(tmp_path):
    """Stage evaluation with an extend decision: DEC004 asks to move the stage back to pilot;
    the gate does not report the outcome that led to the extension a second time."""
    root = portfolio(tmp_path, "evaluation", _extended)
    result = check(root)
    assert "DEC004" in [f.code for f in result.findings]
    assert [f for f in result.findings if f.code.startswith(DOSSIER_CODES)] == []


# --------------------------------------------------------------------------------------------
# The library


def test_gate_status_is_plain_data(tmp_path):
    from raio_cli import gates
    from raio_cli.portfolio import load

    def change(files):
        files["pilot"]["plan"].pop("sample_size")
        files["effects"]["effects"][1]["baseline"].pop("value")
        files["compliance"]["items"][2]["status"] = "open"  # ai-literacy
    root = portfolio(tmp_path, "pilot", change)
    app = load(root).app(APP)
    status = gates.gate_status(app, "pilot", {})
    assert status.stage == "pilot" and status.ok is False
    assert status.missing_files == []
    assert status.missing_fields == [("effects", "effects.effects[1].baseline.value"), ("pilot", "pilot.plan.sample_size")]
    assert status.open_items == [("ai-literacy", "raio", "open")]
    assert gates.gate_status(app, "proposed", {}).ok is True
    later = gates.gate_status(app, "production", {})
    assert later.missing_files == ["monitoring"]
    assert ("pilot", "pilot.decision.choice") in later.missing_fields
    with pytest.raises(ValueError):
        gates.gate_status(app, "gepland", {})


def test_next_stage_follows_the_lifecycle():
    from raio_cli.gates import next_stage

    assert [next_stage(s) for s in ("proposed", "planned", "pilot", "evaluation", "production", "stopped", "retired")] == \
        ["planned", "pilot", "evaluation", "production", "retired", None, None]
    assert next_stage("gepland") is None and next_stage(None) is None


def test_split_path():
    from raio_cli.gates import split_path

    assert split_path("effects.effects[1].baseline.value") == ("effects", ("effects", 1, "baseline", "value"))
    assert split_path("effects.effects[?].primary") == ("effects", ("effects",))
    assert split_path("effects.effects[0].target|limit") == ("effects", ("effects", 0))
    assert split_path("pilot.decision.choice=scale-up") == ("pilot", ("decision", "choice"))
    assert split_path("monitoring") == ("monitoring", ())


# --------------------------------------------------------------------------------------------
# The example portfolio


def test_example_portfolio_passes_its_gates(tmp_path):
    root = copy_example(tmp_path / "example")
    result = run_check(root, "--no-git", today=EXAMPLE_TODAY.isoformat())
    assert not result.internal_errors
    assert [f for f in result.findings if f.code.startswith("GAT") and str(f.severity) == "error"] == []


def test_example_gate_tightened_by_its_own_policy(tmp_path):
    root = copy_example(tmp_path / "example")
    app = next(p for p in sorted((root / "applications").iterdir())
               if "stage: production" in (p / "application.yaml").read_text(encoding="utf-8"))
    def drop_cost(data):
        data["cost"].pop("yearly")
    edit_yaml(app / "application.yaml", drop_cost)
    result = run_check(root, "--no-git", today=EXAMPLE_TODAY.isoformat())
    assert [(f.file, f.message) for f in found(result, "GAT002")] == \
        [(f"applications/{app.name}/application.yaml", "stage 'production' needs application.cost.yearly")]


def test_a_proposal_is_a_draft_its_gate_warns_unless_policy_makes_it_strict(tmp_path):
    def no_statement(files):
        del files["problem"]["statement"]

    draft = check(portfolio(tmp_path / "draft", "proposed", no_statement))
    [missing] = [f for f in found(draft, "GAT002") if "problem.statement" in f.message]
    assert str(missing.severity) == "warning" and draft.exit_code() == 0
    strict = check(portfolio(tmp_path / "strict", "proposed", no_statement, config={"policy": {"draft_stages": []}}))
    [missing] = [f for f in found(strict, "GAT002") if "problem.statement" in f.message]
    assert str(missing.severity) == "error" and strict.exit_code() == 1
    planned = check(portfolio(tmp_path / "planned", "planned", no_statement))
    [missing] = [f for f in found(planned, "GAT002") if "problem.statement" in f.message]
    assert str(missing.severity) == "error" and planned.exit_code() == 1


@pytest.mark.parametrize("code", ["GAT001", "GAT002", "GAT003", "GAT004"])
def test_the_gate_rules_page_says_a_draft_stage_gets_warnings(code):
    """raio rule GAT002 said "Severity: error" while a proposal's findings are warnings."""
    from raio_cli import rules

    doc = rules.load_all()[code].doc()
    assert ("Severity: error; a warning instead while the application is in a draft stage "
            "(raio.yaml policy.draft_stages, by default only proposed)") in doc


# --------------------------------------------------------------------------------------------
# A value a gate field must not have (path!=value): an AI Act risk still 'unknown'


def _risk(value):
    return lambda files: files["application"]["regulatory"]["ai_act"].update(risk=value)


@pytest.mark.parametrize("stage", ["planned", "pilot", "production"])
def test_an_unknown_ai_act_risk_does_not_pass_the_gate_from_planned_on(tmp_path, stage):
    """risk: unknown is the schema's word for "not yet assessed": a pilot ready to start must know
    its AI Act risk class, so 'unknown' does not pass the gate where a missing risk does not."""
    root = portfolio(tmp_path, stage, _risk("unknown"))
    result = check(root)
    assert found(result, "GAT002") == []
    (f,) = found(result, "GAT004")
    assert f.message == f"stage '{stage}' needs application.regulatory.ai_act.risk other than unknown (it is unknown)"
    assert (f.file, f.line) == (f"applications/{APP}/application.yaml", line_of(app_file(root, "application"), "risk:"))
    assert f.hint.startswith("Classify the application under the AI Act: set regulatory.ai_act.risk in "
                             "application.yaml to high, limited, minimal or prohibited, with basis: ")
    assert str(f.severity) == "error" and result.exit_code() == 1
    assert f.data == {"variant": "other", "stage": stage, "path": "application.regulatory.ai_act.risk",
                      "expected": "unknown", "actual": "unknown"}
    # a memo words it from these values, in either language
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text, is_translated

    assert is_translated(f, Text("nl"))
    assert finding_text(f, Text("en")) == \
        f"The {stage} stage needs application.regulatory.ai_act.risk other than unknown; it is unknown."
    dutch = finding_text(f, Text("nl"))  # the stage in Dutch (productie)
    assert dutch.startswith("De fase ") and dutch.endswith(
        " vereist voor application.regulatory.ai_act.risk een andere waarde dan unknown; nu is het unknown.")


def test_an_unknown_ai_act_risk_is_fine_for_a_proposal_and_any_class_passes(tmp_path):
    assert [f for f in check(portfolio(tmp_path, "proposed", _risk("unknown"))).findings
            if f.code.startswith("GAT")] == []
    for risk in ("high", "limited", "minimal", "prohibited"):
        result = check(portfolio(tmp_path / risk, "planned", _risk(risk)))
        assert [f for f in result.findings if f.code.startswith("GAT")] == [], risk


def test_an_unknown_ai_act_risk_of_a_device_that_is_high_risk_is_left_to_cmp012(tmp_path):
    def change(files):
        files["application"]["regulatory"].update(mdr_class="IIa", ai_act={"risk": "unknown"})
    result = check(portfolio(tmp_path, "pilot", change))
    assert found(result, "GAT004") == []
    (f,) = found(result, "CMP012")
    assert "'unknown'" in f.message


def test_next_stage_and_status_name_an_unknown_ai_act_risk(tmp_path):
    from raio_cli import status
    from raio_cli.portfolio import load

    root = portfolio(tmp_path, "proposed", _risk("unknown"))
    messages = [f.message for f in found(check(root, next_stage=True), "GAT010")]
    assert "next stage 'planned' will need application.regulatory.ai_act.risk other than unknown (it is unknown)" \
        in messages
    facts = status.dated(status.app_facts(load(root).app(APP), None, {}), dt.date.fromisoformat(TODAY))
    assert "application.regulatory.ai_act.risk other than unknown" in facts["next_stage_needs"]
    # a value the next gate needs is listed too, as raio check --next-stage lists it
    wrong = portfolio(tmp_path / "primary", "proposed", lambda f: f["effects"]["effects"][0].update(primary=False))
    facts = status.dated(status.app_facts(load(wrong).app(APP), None, {}), dt.date.fromisoformat(TODAY))
    assert facts["next_stage_needs"] == ["effects.effects[?].primary = true"]


def test_gate_status_lists_a_value_the_field_must_not_have(tmp_path):
    from raio_cli import gates
    from raio_cli.portfolio import load

    app = load(portfolio(tmp_path, "planned", _risk("Unknown"))).app(APP)
    status = gates.gate_status(app, "planned", {})
    assert status.ok is False and status.wrong_values == [] and status.missing_fields == []
    assert status.other_values == [("application", "application.regulatory.ai_act.risk", "unknown", "Unknown")]
    assert gates.split_path("application.regulatory.ai_act.risk!=unknown") == \
        ("application", ("regulatory", "ai_act", "risk"))


def test_policy_can_require_a_value_other_than_one(tmp_path):
    config = {"policy": {"stage_gates": {"pilot": {"require_fields": ["application.integration.hosting!=cloud"]}}}}
    root = portfolio(tmp_path, "pilot", lambda f: f["application"]["integration"].update(hosting="cloud"), config)
    (f,) = found(check(root), "GAT004")
    assert f.message == "stage 'pilot' needs application.integration.hosting other than cloud (it is cloud)"
    assert f.hint.startswith("Set integration.hosting in application.yaml to on-premise, vendor-platform or hybrid")
    assert found(check(portfolio(tmp_path / "ok", "pilot", config=config)), "GAT004") == []
    missing = portfolio(tmp_path / "missing", "pilot", lambda f: f["application"]["integration"].pop("hosting"), config)
    assert [f.message for f in found(check(missing), "GAT002")] == ["stage 'pilot' needs application.integration.hosting"]


def test_relaxing_the_ai_act_risk_relaxes_its_value_too(tmp_path):
    """A portfolio that relaxed application.regulatory.ai_act.risk (the built-in path before it
    had a value condition) still does not need it, nor its class."""
    config = {"policy": {"stage_gates": {"planned": {"relax_fields": ["application.regulatory.ai_act.risk"]}}}}
    for name, change in (("unknown", _risk("unknown")), ("absent", lambda f: f["application"]["regulatory"].pop("ai_act"))):
        result = check(portfolio(tmp_path / name, "pilot", change, config))
        assert [f for f in result.findings if f.code.startswith("GAT")] == [], name


def test_an_unreadable_compliance_file_is_one_finding_not_every_item_absent(tmp_path):
    """A ' #' on the first line of a text that goes on below makes compliance.yaml unreadable
    (YML001). raio then also said of every item the stage needs that 'compliance.yaml does not
    list it' (GAT003, 17 errors for the example's application in evaluation) and that the AI
    literacy duty is not done (DAT012): the file lists them, raio could not read it."""
    root = copy_example(tmp_path / "p")
    path = root / "applications" / "longnodule-ct" / "compliance.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notes: Zie verslag #3 van de stuurgroep\n  en de notulen\n",
                    encoding="utf-8")
    found = [f for f in run_check(root).findings if f.app == "longnodule-ct" and f.severity.name == "ERROR"]
    assert [(f.code, f.file) for f in found] == [("YML001", "applications/longnodule-ct/compliance.yaml")]
