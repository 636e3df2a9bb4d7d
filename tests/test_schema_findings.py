"""Schema errors become one readable finding each, at the offending value's line and column."""

from __future__ import annotations

import json

import pytest

from conftest import make_portfolio, run_check

APPLICATION = """\
id: fracture-ai
name: Fracture detection
stage: planned
version: 1.10
"""

EFFECTS = """\
effects:
  - id: E1
    kind: benefit
    description: Fewer missed fractures
    target: 0.9
  - id: E2
    kind: guardrial
    description: False positives stay low
    limit: "three"
    taget: 2
  - id: E3
    description: Reading time
"""


def _findings(tmp_path, effects=EFFECTS, application=APPLICATION):
    root = make_portfolio(tmp_path / "p", {"fracture-ai": {"application": application, "effects": effects}})
    result = run_check(root, "--no-git")
    return {(f.code, f.file.rsplit("/", 1)[-1], f.line, f.column): f for f in result.findings}


def _schema_mappings():
    """Every mapping in raio's schemas, nested ones included."""
    from raio_cli.schema import all_schemas

    todo = [all_schemas()]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            yield node
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)


def test_schema_errors_in_nested_lists_point_at_the_value(tmp_path):
    found = _findings(tmp_path)
    enum = found[("SCH004", "effects.yaml", 7, 11)]
    assert "effects[1].kind is 'guardrial'" in enum.message and "benefit, guardrail" in enum.message
    assert enum.hint == "Did you mean 'guardrail'?"
    typ = found[("SCH003", "effects.yaml", 9, 12)]
    assert "effects[1].limit must be a number" in typ.message
    unknown = found[("SCH002", "effects.yaml", 10, 5)]  # at the key
    assert "unknown field 'taget'" in unknown.message and unknown.hint == "Did you mean 'target'?"
    missing = found[("SCH001", "effects.yaml", 11, 5)]  # at the effect that lacks it
    assert missing.message == "effects[2] lacks the required field 'kind'"


def test_the_same_dossier_corrected_has_no_schema_or_yaml_findings(tmp_path):
    """The near miss of each finding above: the allowed choice, a number, a known field, the required
    kind, a quoted version and ISO dates give no SCH or YML finding."""
    effects = (EFFECTS.replace("kind: guardrial", "kind: guardrail").replace('limit: "three"', "limit: 3")
               .replace("    taget: 2\n", "").replace("  - id: E3\n", "  - id: E3\n    kind: benefit\n"))
    root = make_portfolio(tmp_path / "p", {"fracture-ai": {
        "application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), "effects": effects,
        "pilot": "plan:\n  start: 2026-12-01\n  end: 2027-06-01\n"}})
    result = run_check(root, "--no-git")
    assert [(f.code, f.file, f.line) for f in result.findings if f.code[:3] in ("SCH", "YML")] == []


def test_unquoted_version_is_reported_as_a_yaml_coercion_with_the_quote_hint(tmp_path):
    found = _findings(tmp_path)
    coerced = found[("YML007", "application.yaml", 4, 10)]
    assert "'1.10'" in coerced.message and "must be text" in coerced.message
    assert coerced.hint == 'Quote it: version: "1.10"'


def test_a_date_where_text_belongs_is_flagged_and_a_date_field_is_not(tmp_path):
    app = APPLICATION.replace("version: 1.10", "version: 2024-05-01\nstage_since: 2026-01-05")
    found = _findings(tmp_path, effects="effects: []\n", application=app)
    assert ("YML018", "application.yaml", 4, 10) in found
    assert not any(k[0] == "YML018" and k[2] == 5 for k in found)
    assert not any(k[0] == "YML007" for k in found)  # the text is kept: a warning, not a coercion error


def test_an_empty_text_value_is_a_wrong_type_not_a_coercion(tmp_path):
    found = _findings(tmp_path, effects="effects: []\n", application=APPLICATION.replace("version: 1.10", "version:"))
    assert found[("SCH003", "application.yaml", 4, 9)].message == "version must be text, not empty"
    assert not any(k[0] == "YML007" for k in found)


def test_missing_required_at_top_level_points_at_line_one(tmp_path):
    found = _findings(tmp_path, effects="amendments: []\n")
    assert found[("SCH001", "effects.yaml", 1, 1)].message == "the file lacks the required field 'effects'"


def test_missing_required_field_points_at_its_commented_out_line(tmp_path):
    """SCH001 pointed at the file's first key; the line to act on is the commented-out key."""
    found = _findings(tmp_path, effects="# The effects, E1 first:\namendments: []\n# effects:\n#   - id: E1\n")
    assert found[("SCH001", "effects.yaml", 3, 1)].message == "the file lacks the required field 'effects'"


def test_bad_date_format(tmp_path):
    root = make_portfolio(tmp_path / "p", {"fracture-ai": {
        "application": APPLICATION.replace("version: 1.10", 'version: "1.10"'),
        "pilot": "plan:\n  start: 2026-13-01\n  end: 01-06-2026\n"}})
    result = run_check(root, "--no-git")
    bad = [(f.code, f.line) for f in result.findings if f.file.endswith("pilot.yaml")]
    assert ("SCH005", 2) in bad and ("SCH005", 3) in bad
    assert not any("{" in f.message or "$ref" in f.message for f in result.findings)  # no schema dumps


def test_json_output_fields(tmp_path, capsys):
    from raio_cli.cli import main
    import pytest

    root = make_portfolio(tmp_path / "p", {"fracture-ai": {"application": APPLICATION, "effects": EFFECTS}})
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(root), "--format", "json", "--no-git", "--today", "2026-11-15"])
    assert exit_info.value.code == 1
    data = json.loads(capsys.readouterr().out)
    assert data and all({"code", "severity", "file", "line", "column", "message", "hint", "app"} <= set(f) for f in data)
    assert {"fracture-ai"} == {f["app"] for f in data}


def test_every_schema_property_has_a_description_and_the_schemas_are_valid():
    """Editor tooltips and docs are made from the descriptions: none may be missing."""
    from jsonschema import Draft202012Validator

    from raio_cli.schema import SCHEMA_NAMES, load_schema

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                assert isinstance(sub, dict) and sub.get("description"), f"{where}.{name} has no description"
            for key, sub in node.items():
                walk(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}[{i}]")

    for name in SCHEMA_NAMES:
        schema = load_schema(name)
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"].endswith("2020-12/schema")
        walk(schema, name)


POLICY_MAXIMA = {"max_pilot_days": 3650, "max_extensions": 10, "decision_due_days": 365,
                 "certificate_warning_days": 1825, "ai_act_warning_days": 1825,
                 "checklist_expiry_warning_days": 1825, "amendment_window_days": 365,
                 "decision_confirm_days": 1825}


def _policy_portfolio(tmp_path, policy: dict):
    config = {"organisation": "Test", "language": "en", "policy": policy}
    return make_portfolio(tmp_path / "p", {"fracture-ai": {"application": APPLICATION}}, config)


def test_policy_numbers_past_their_maximum_are_schema_findings_at_their_line(tmp_path):
    """A horizon of 10,000,000 days passed the schema and then failed every application's rules;
    now each number past its maximum is an SCH005 at its line in raio.yaml."""
    root = _policy_portfolio(tmp_path, {key: 10_000_000 for key in POLICY_MAXIMA})
    result = run_check(root, "--no-git")
    assert result.internal_errors == []
    lines = (root / "raio.yaml").read_text(encoding="utf-8").splitlines()
    found = {f.message.split(":")[0]: f for f in result.findings if f.file == "raio.yaml"}
    for key, maximum in POLICY_MAXIMA.items():
        f = found[f"policy.{key}"]
        assert f.code == "SCH005" and f"is more than the maximum {maximum}" in f.message
        assert lines[f.line - 1].strip() == f"{key}: 10000000"
    at_most = run_check(_policy_portfolio(tmp_path / "ok", dict(POLICY_MAXIMA)), "--no-git")
    assert [f for f in at_most.findings if f.file == "raio.yaml"] == []


def test_an_unknown_fail_on_is_a_schema_finding_at_its_line_not_a_stop(tmp_path, capsys):
    from raio_cli.cli import main
    import pytest

    root = _policy_portfolio(tmp_path, {"fail_on": "bogus"})
    line = (root / "raio.yaml").read_text(encoding="utf-8").splitlines().index("  fail_on: bogus") + 1
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(root), "--no-git", "--today", "2026-11-15"])
    out, err = capsys.readouterr()
    assert exit_info.value.code == 1  # the finding is an error; the default fail_on (error) applies
    assert f"raio.yaml:{line}:12: error SCH004 policy.fail_on is 'bogus'; allowed: error, warning, info" in out
    assert "unknown severity" not in err
    root = _policy_portfolio(tmp_path / "warning", {"fail_on": "warning"})
    assert run_check(root, "--no-git").policy["fail_on"] == "warning"


PILOT_WITH_DATES = """\
plan:
  design: before-after
  start: {start}
  end: 2027-06-30
  sample_size: 400
"""


def _plan_start_findings(tmp_path, start):
    root = make_portfolio(tmp_path / "p", {"fracture-ai": {"application": APPLICATION, "effects": "effects: []\n",
                                                          "pilot": PILOT_WITH_DATES.format(start=start)}})
    return [f for f in run_check(root, "--no-git").findings if f.file.endswith("pilot.yaml") and f.line == 3]


def test_a_date_that_is_no_date_is_one_finding_not_two(tmp_path):
    """'next week' or 31-02-2027 in a date field was reported twice at the same place (once for the
    pattern, once for the format), with two different hints."""
    for i, start in enumerate(("next week", "31-02-2027", '"2027-1-4"')):
        found = _plan_start_findings(tmp_path / str(i), start)
        assert [f.code for f in found] == ["SCH005"], (start, found)
        assert "is not a date in the form YYYY-MM-DD" in found[0].message
        assert found[0].hint in ("Write dates as YYYY-MM-DD, e.g. 2026-03-01.", "Write start: 2027-01-04 (dates are YYYY-MM-DD).")


def test_a_day_that_is_not_on_the_calendar_says_so_instead_of_asking_for_the_form_it_has(tmp_path):
    """2027-02-31 has the form YYYY-MM-DD; telling the user to write YYYY-MM-DD does not help."""
    found = _plan_start_findings(tmp_path / "day", "2027-02-31")
    assert [f.code for f in found] == ["SCH005"]
    assert found[0].message == "plan.start: '2027-02-31' is not a day of the calendar: that month has 28 days"
    assert found[0].hint == "Correct the day, e.g. 2027-02-28."
    assert found[0].data["variant"] == "calendar_day"
    found = _plan_start_findings(tmp_path / "month", "2027-13-01")
    assert found[0].message == "plan.start: '2027-13-01' is not a day of the calendar: there is no month 13"
    assert found[0].hint == "Correct the month: 01 to 12."
    leap = _plan_start_findings(tmp_path / "leap", "2028-02-29")
    assert leap == []


PROBLEM_WITH = "statement: Missed fractures\ncurrent_practice: {value}\nalternatives:\n  - option: More training\n    ai: {ai}\n"


def _at_current_practice(tmp_path, value, ai="false"):
    root = make_portfolio(tmp_path, {"fracture-ai": {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'),
                                                     "problem": PROBLEM_WITH.format(value=value, ai=ai)}})
    result = run_check(root, "--no-git")
    return result, [(f.code, str(f.severity), f.line, f.column) for f in result.findings
                    if f.file.endswith("problem.yaml") and f.code[:3] in ("YML", "SUP")]


def test_one_slip_in_a_text_field_is_one_error_not_a_warning_and_an_error(tmp_path):
    """`current_practice: no` gave YML005 (a warning: write false) and YML007 (an error: quote it) for
    the same value; each YAML 1.1 boolean word and each number YAML 1.1 and 1.2 read differently
    (YML006) is one YML007 in a field that must be text."""
    for i, value in enumerate(("no", "yes", "No", "OFF", "On", "010", "1:20", "0b101", "1_000")):
        result, found = _at_current_practice(tmp_path / str(i), value)
        assert found == [("YML007", "error", 2, 19)], value
        [f] = [f for f in result.findings if f.code == "YML007"]
        assert f.hint == f'Quote it: current_practice: "{value}"'
    # the near misses: a yes/no field keeps its warning; a value only YAML 1.2 reads as a number stays text
    assert _at_current_practice(tmp_path / "bool", '"no"', ai="no")[1] == [("YML005", "warning", 5, 9)]
    assert _at_current_practice(tmp_path / "text", "1e3")[1] == [("YML006", "warning", 2, 19)]
    assert _at_current_practice(tmp_path / "quoted", '"no"')[1] == []


def test_accepting_the_one_finding_of_a_slip_in_a_text_field(tmp_path):
    """Accepting YML007 accepts the slip (no warning left over); accepting only YML005, which is no
    longer reported there, leaves the error and says the comment accepts nothing."""
    result, found = _at_current_practice(tmp_path / "a", "no  # raio: ignore[YML007] the word is meant")
    assert found == [("SUP002", "info", 2, 19)] and [f.code for f in result.suppressed] == ["YML007"]
    result, found = _at_current_practice(tmp_path / "b", "no  # raio: ignore[YML] the word is meant")
    assert found == [("SUP002", "info", 2, 19)] and [f.code for f in result.suppressed] == ["YML007"]
    result, found = _at_current_practice(tmp_path / "c", "no  # raio: ignore[YML005] the word is meant")
    assert sorted(found) == [("SUP003", "warning", 2, 23), ("YML007", "error", 2, 19)]
    assert result.suppressed == []


def test_a_yaml_boolean_in_a_field_with_a_list_of_values_is_one_finding_naming_what_was_written(tmp_path):
    """`task: no` gave SCH004 "task is 'False'; allowed: ..." (a value nobody wrote) and YML007
    "must be text, quote it" (quoting it would not help), besides YML005: one slip, three
    findings. Now it is SCH004 alone, quoting what was written."""
    app = APPLICATION.replace("version: 1.10", 'version: "1.10"\ntask: no\nregulatory:\n  mdr_class: OFF')
    root = make_portfolio(tmp_path / "p", {"fracture-ai": {"application": app}})
    result = run_check(root, "--no-git")
    found = [(f.code, f.line, f.column, f.message) for f in result.findings if f.code[:3] in ("YML", "SCH")]
    assert found == [
        ("SCH004", 5, 7, "task is 'no'; allowed: triage, detection, quantification, segmentation, diagnosis, reporting, workflow"),
        ("SCH004", 7, 14, "regulatory.mdr_class is 'OFF'; allowed: I, IIa, IIb, III, none"),
    ]


def test_a_value_written_in_the_wrong_case_is_suggested_in_the_right_one(tmp_path):
    """`mdr_class: IIA` (the class IIa in capitals) gave "Did you mean 'IIb'?": the suggestion
    compared letters case by case, and IIb shares more of them with IIA. A value that differs
    only in case is the one meant; a near miss is looked for without regard to case too."""
    for written, meant in (("IIA", "IIa"), ("iib", "IIb"), ("iii", "III"), ("Noen", "none")):
        app = APPLICATION.replace("version: 1.10", f'version: "1.10"\nregulatory:\n  mdr_class: {written}')
        root = make_portfolio(tmp_path / written, {"fracture-ai": {"application": app}})
        (f,) = [f for f in run_check(root, "--no-git").findings if f.code == "SCH004"]
        assert f.hint == f"Did you mean '{meant}'?", (written, f.hint)


EFFECTS_OK = """\
effects:
  - id: E1
    kind: benefit
    primary: true
    description: Fewer missed fractures
    unit: "%"
    direction: increase
    baseline:
      value: 84
      source: Audit 2025
    target: 92
"""


def _first_hour(tmp_path, effects=EFFECTS_OK, pilot=None):
    """The findings of a dossier as a radiologist writes it by hand (effects.yaml, pilot.yaml)."""
    files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), "effects": effects}
    if pilot is not None:
        files["pilot"] = pilot
    root = make_portfolio(tmp_path, {"fracture-ai": files})
    return [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]


def test_a_dutch_yes_or_no_where_true_or_false_belongs_is_answered_with_the_word_to_write(tmp_path):
    """`primary: ja` gave "must be true or false, not text" with the hint "Change the value to the
    expected type", which tells a radiologist nothing. The hint now names the word to write, and
    writing it clears the finding."""
    for written, meant in (("ja", "true"), ("Nee", "false"), ("waar", "true"), ("'true'", "true")):
        (f,) = _first_hour(tmp_path / written, EFFECTS_OK.replace("primary: true", f"primary: {written}"))
        assert (f.code, f.line, f.column) == ("SCH003", 4, 14), written
        assert f.hint == f"Write primary: {meant} (true or false, without quotes).", (written, f.hint)
        assert _first_hour(tmp_path / (written + "-fixed"), EFFECTS_OK.replace("primary: true", f"primary: {meant}")) == []


def test_a_number_with_a_decimal_comma_or_a_unit_is_answered_with_the_number_to_write(tmp_path):
    """`target: 0,92`, `value: 84,5` (the Dutch decimal comma) and `target: 92%` gave "Write the
    number without quotes or units": for 84,5 there is neither to remove, so the hint, followed
    literally, fixed nothing. The hint now gives the number as YAML reads it."""
    cases = (("target: 92", "target: 0,92", 11, "target: 0.92"),
             ("value: 84", "value: 84,5", 9, "value: 84.5"),
             ("target: 92", "target: 92%", 11, "target: 92"),
             ("target: 92", "target: 92 %", 11, "target: 92"),
             ("target: 92", "target: '92'", 11, "target: 92"))
    for i, (old, written, line, meant) in enumerate(cases):
        (f,) = _first_hour(tmp_path / str(i), EFFECTS_OK.replace(old, written))
        assert (f.code, f.line) == ("SCH003", line), written
        assert f.hint.startswith(f"Write {meant} "), (written, f.hint)
        assert _first_hour(tmp_path / f"{i}-fixed", EFFECTS_OK.replace(old, meant)) == []


def test_a_misspelt_required_field_is_one_finding_not_two(tmp_path):
    """`efects:` gave SCH001 "the file lacks the required field 'effects'" at line 1 and SCH002
    "unknown field 'efects'; did you mean 'effects'?" at line 1: one slip, two findings. The
    unknown field with its suggestion says it all."""
    found = _first_hour(tmp_path, EFFECTS_OK.replace("effects:", "efects:"))
    assert [(f.code, f.line, f.column, f.hint) for f in found] == [("SCH002", 1, 1, "Did you mean 'effects'?")]
    found = _first_hour(tmp_path / "kind", EFFECTS_OK.replace("kind: benefit", "knd: benefit"))
    assert [(f.code, f.line, f.hint) for f in found] == [("SCH002", 3, "Did you mean 'kind'?")]
    # a required field that is missing while an unrelated unknown field is there: both are said
    found = _first_hour(tmp_path / "other", EFFECTS_OK.replace("kind: benefit", "doel: benefit"))
    assert sorted(f.code for f in found) == ["SCH001", "SCH002"]


def test_a_date_under_a_misspelt_key_is_one_finding_not_a_quote_it_warning_too(tmp_path):
    """`eind: 2027-06-30` (Dutch for end) gave SCH002 "did you mean 'end'?" and YML018 "read as a
    date, not as text; quote it": quoting it would not help, renaming the key does."""
    found = _first_hour(tmp_path, pilot="plan:\n  start: 2027-01-01\n  eind: 2027-06-30\n")
    assert [(f.code, f.line, f.column, f.hint) for f in found] == [("SCH002", 3, 3, "Did you mean 'end'? (field names are English)")]


def test_a_field_indented_under_the_wrong_parent_says_where_it_belongs(tmp_path):
    """`target` indented two spaces too far, under baseline, gave "unknown field 'target' in
    effects[0].baseline; Known fields here: n, period, source, value": true, but it does not say
    that the field is right and its indentation wrong. The hint says where it belongs."""
    effects = EFFECTS_OK.replace("    target: 92", "      target: 92")
    (f,) = _first_hour(tmp_path, effects)
    assert (f.code, f.line, f.column) == ("SCH002", 11, 7)
    assert f.hint == ("'target' is a field of effects[0], not of effects[0].baseline: "
                      "indent it as far as 'baseline:' (column 5).")


def test_a_list_written_as_one_text_is_answered_with_the_list_to_write(tmp_path):
    """`modality: DX, CR` and `stakeholders_consulted: SEH-artsen, laboranten` gave "Write a list:
    one '- item' per line": right, but a radiologist who wrote a comma text has to work out what
    that looks like. The hint now gives the list, which reads."""
    cases = (("application", "modality: DX, CR", "modality: [DX, CR]"),
             ("application", "modality: DX", "modality: [DX]"),
             ("problem", "stakeholders_consulted: SEH-artsen, laboranten en radiologen",
              "stakeholders_consulted: [SEH-artsen, laboranten en radiologen]"))
    for i, (name, written, meant) in enumerate(cases):
        files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"')}
        files[name] = files.get(name, "") + written + "\n"
        root = make_portfolio(tmp_path / str(i), {"fracture-ai": files})
        (f,) = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
        assert f.code == "SCH003" and f.hint.startswith(f"Write {meant} "), (written, f.hint)
        files[name] = files[name].replace(written, meant)
        root = make_portfolio(tmp_path / f"{i}-fixed", {"fracture-ai": files})
        assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == []


def test_a_dutch_field_name_is_answered_with_the_english_one(tmp_path):
    """Keys are English; a Dutch radiologist writes `doel: 92` under an effect, `einddatum:` in the
    plan or `status: pilot` in application.yaml. SCH002 listed every known field for the first
    two and suggested 'task' (the nearest letters) for the third. The Dutch word now names the
    field meant, where that field belongs, and writing it clears the finding."""
    cases = (("effects", EFFECTS_OK.replace("target: 92", "doel: 92"), "doel", "target"),
             ("effects", EFFECTS_OK.replace("unit: ", "eenheid: "), "eenheid", "unit"),
             ("pilot", "plan:\n  start: 2027-01-01\n  einddatum: 2027-06-30\n", "einddatum", "end"),
             ("application", APPLICATION.replace("version: 1.10", 'version: "1.10"').replace("stage:", "status:"), "status", "stage"),
             ("application", APPLICATION.replace("version: 1.10", 'versie: "1.10"'), "versie", "version"),
             ("problem", "probleem: SEH mist fracturen\n", "probleem", "statement"))
    for i, (name, text, dutch, meant) in enumerate(cases):
        files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), name: text}
        root = make_portfolio(tmp_path / str(i), {"fracture-ai": files})
        found = [f for f in run_check(root, "--no-git").findings if f.code in ("SCH001", "SCH002")]
        assert [(f.data["key"], f.hint) for f in found] == [
            (dutch, f"Did you mean '{meant}'? (field names are English)")], (dutch, [f.hint for f in found])
        files[name] = text.replace(f"{dutch}:", f"{meant}:")
        root = make_portfolio(tmp_path / f"{i}-fixed", {"fracture-ai": files})
        assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == []


def test_every_field_the_dutch_words_name_is_a_field_of_a_schema():
    """The Dutch field names (catalog/field_words.yaml) point only at fields that exist."""
    from raio_cli.catalog import field_words
    names = {name for node in _schema_mappings() if isinstance(node.get("properties"), dict)
             for name in node["properties"]}
    words = field_words()
    assert words and all(word == word.casefold() for word in words)
    assert {f for fields in words.values() for f in fields} <= names


@pytest.mark.parametrize("written, direction, hint", [
    ('target: "below 80"', None,
     "Write target: 80 (a number, without quotes or words); 'below' says lower is better, which is the effect's own "
     "field: write direction: decrease."),
    ('target: "at least 85%"', "increase",
     "Write target: 85 (a number, without quotes or words; the unit goes in 'unit'); 'at least' says higher is better, "
     "as the effect's own field direction: increase already does."),
    ("target: ten minste 85,5", None,
     "Write target: 85.5 (a number, without quotes or words); 'ten minste' says higher is better, which is the "
     "effect's own field: write direction: increase."),
    ('target: "< 80"', "increase",
     "Write target: 80 (a number, without quotes or words); '<' says lower is better, but the effect's own field says "
     "direction: increase (higher is better): check which is meant; if '<' is, write direction: decrease."),
    ('limit: "max 5%"', "decrease",
     "Write limit: 5 (a number, without quotes or words; the unit goes in 'unit'); 'max' says lower is better, as the "
     "effect's own field direction: decrease already does."),
    ('target: "below 80"', "[decrease]",  # a direction of the wrong type is its own finding; the hint is as without one
     "Write target: 80 (a number, without quotes or words); 'below' says lower is better, which is the effect's own "
     "field: write direction: decrease."),
    ("limit: Minimaal 90", "decrease",
     "Write limit: 90 (a number, without quotes or words); 'Minimaal' says higher is better, but the effect's own field "
     "says direction: decrease (lower is better): check which is meant; if 'Minimaal' is, write direction: increase."),
])
def test_a_target_or_limit_written_with_comparison_words_is_answered_with_the_number_and_the_direction(
        tmp_path, written, direction, hint):
    """`target: "85%"` got the precise "Write target: 85", but `target: "below 80"` or `limit: "max
    5%"` only the generic hint about decimal commas, which says nothing of the word. The hint now
    gives the number and says that the direction the words imply is the effect's own field, and
    whether the effect's direction says the same; the finding stays SCH003, an error. Followed,
    the hint leaves no finding."""
    from conftest import Git

    def effects(value: str, direction: str | None) -> str:
        text = EFFECTS_OK.replace("target: 92", value).replace("    direction: increase\n",
                                                              f"    direction: {direction}\n" if direction else "")
        return text.replace("kind: benefit", "kind: guardrail") if value.startswith("limit") else text

    def found(folder, text):
        files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), "effects": text}
        root = make_portfolio(tmp_path / folder, {"fracture-ai": files})
        Git(root).commit("fracture-ai", "2026-11-01")
        return [f for f in run_check(root).findings if f.code[:3] in ("SCH", "YML")]

    text = effects(written, direction)
    (f,) = [f for f in found("written", text) if not str(f.data.get("where")).endswith("direction")]
    line = text.splitlines().index("    " + written) + 1
    assert (f.code, str(f.severity), f.file, f.line) == ("SCH003", "error", "applications/fracture-ai/effects.yaml", line)
    assert f.hint == hint
    key, number = hint.split(" (")[0].removeprefix("Write ").split(": ")
    meant = hint.rsplit("write direction: ", 1)[1].rstrip(".") if "write direction" in hint else direction
    assert found("fixed", effects(f"{key}: {number}", meant)) == []


def test_every_comparison_word_names_a_direction_of_the_effects_schema():
    """The comparison words (catalog field_words.yaml `comparisons`) imply only a direction an effect
    can have, each one direction, as the hint compares them (lower case, one space between words)."""
    from raio_cli.catalog import _load
    from raio_cli.schema import load_schema

    groups = _load("field_words.yaml")["comparisons"]
    allowed = load_schema("effects")["properties"]["effects"]["items"]["properties"]["direction"]["enum"]
    words = [w for ws in groups.values() for w in ws]
    assert set(groups) <= set(allowed) and len(words) == len(set(words))
    assert all(w == " ".join(w.casefold().split()) and not any(c.isdigit() for c in w) for w in words)
    # "min" is Dutch for minus too: "min 5%" may mean 5 % less, and the hint would turn the direction
    assert not {"min", "min."} & set(words)


PILOT_OUTCOME = """\
plan:
  start: 2027-01-01
  end: 2027-06-30
outcome:
  date: 2027-07-15
  results:
    - effect: E1
      observed: 91.5
      n: 300
      interval: [88.0, 94.2]
"""


def test_an_interval_or_a_count_written_as_people_write_them_is_answered_with_what_to_write(tmp_path):
    """`interval: [88,0, 94,2]` (decimal commas inside brackets) gave "the list may hold at most 2
    items; Correct the value." `interval: 88-94` gave "Write a list: one '- item' per line";
    `n: 300 studies` was told to write "a number with a decimal point"; `interval: [88%, 94%]`
    "84.5, not 84,5". Each hint now gives what to write, and writing it clears the finding."""
    cases = (("interval: [88.0, 94.2]", "interval: [88,0, 94,2]", "Write interval: [88.0, 94.2] "),
             ("interval: [88.0, 94.2]", "interval: 88-94", "Write interval: [88, 94] "),
             ("interval: [88.0, 94.2]", "interval: 88 - 94.2%", "Write interval: [88, 94.2] "),
             ("n: 300", "n: 300 studies", "Write n: 300 (a whole number, "),
             ("interval: [88.0, 94.2]", "interval: [88%, 94.2]", "Write 88 "))
    for i, (right, written, hint) in enumerate(cases):
        files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), "effects": EFFECTS_OK}
        root = make_portfolio(tmp_path / str(i), {"fracture-ai": {**files, "pilot": PILOT_OUTCOME.replace(right, written)}})
        (f,) = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
        assert f.hint.startswith(hint), (written, f.code, f.hint)
        meant = hint[len("Write "):].strip() if hint.startswith("Write interval") or hint.startswith("Write n:") else None
        if meant:
            meant = meant.split(" (")[0]
            root = make_portfolio(tmp_path / f"{i}-fixed", {"fracture-ai": {**files, "pilot": PILOT_OUTCOME.replace(right, meant)}})
            assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == [], meant


def test_a_text_where_fields_belong_is_answered_with_the_field_to_write_it_in(tmp_path):
    """`owner: dr. A. de Vries` and `alternatives: [- extra scholing]` gave "must be a mapping of
    fields, not text; Write the fields indented under the key", which a radiologist cannot turn
    into YAML. The hint now names the field the text goes in; and `plan: 2027-01-01` is not told to
    quote the date as well (YML018), which would not help."""
    app = APPLICATION.replace("version: 1.10", 'version: "1.10"') + "owner: dr. A. de Vries\n"
    root = make_portfolio(tmp_path / "a", {"fracture-ai": {"application": app, "problem": "alternatives:\n  - extra scholing\n",
                                                            "pilot": "plan: 2027-01-01\n"}})
    found = {(f.file.rsplit("/", 1)[-1], f.line): f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")}
    assert found[("application.yaml", 5)].hint == ("Write owner: on a line of its own and below it, indented two spaces, "
                                                   "name: \"dr. A. de Vries\".")
    assert found[("problem.yaml", 2)].hint == 'Write the item as - option: "extra scholing" (more fields below it, indented as far as option:).'
    assert [f.code for f in found.values() if f.file.endswith("pilot.yaml")] == ["SCH003"]
    fixed = {"application": app.replace("owner: dr. A. de Vries", 'owner:\n  name: "dr. A. de Vries"'),
             "problem": 'alternatives:\n  - option: "extra scholing"\n'}
    root = make_portfolio(tmp_path / "b", {"fracture-ai": fixed})
    assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == []


def test_a_field_indented_too_little_says_the_mapping_it_belongs_in(tmp_path):
    """`n:` under a baseline, written two spaces too far left, gave "unknown field 'n' in
    effects[0]" and the list of an effect's fields: it does not say that n is right but belongs
    one level deeper. The hint says under which key, and how far to indent it."""
    effects = EFFECTS_OK.replace("      source: Audit 2025\n", "      source: Audit 2025\n    n: 312\n")
    (f,) = _first_hour(tmp_path, effects)
    assert (f.code, f.line, f.column) == ("SCH002", 11, 5)
    assert f.hint == "'n' is a field of effects[0].baseline: indent it under 'baseline:' as far as 'source:' (column 7)."
    assert _first_hour(tmp_path / "fixed", effects.replace("    n: 312", "      n: 312")) == []


def test_a_date_written_as_people_write_dates_is_answered_with_the_date_to_write(tmp_path):
    """1-3-2027, 01/03/2027, 2027-3-1, 15 maart 2027 and 20270101 in a date field gave "Write dates
    as YYYY-MM-DD, e.g. 2026-03-01", and 20270101 "which YAML reads as a whole number, but it must
    be text; Quote it", which leaves a text that is no date either. The hint now gives the date
    (saying how a day-month order was read), and writing it clears the finding."""
    cases = (("1-3-2027", "Write start: 2027-03-01 (dates are YYYY-MM-DD; 1-3-2027 read as day-month-year: 1 March 2027)."),
             ("01/03/2027", "Write start: 2027-03-01 (dates are YYYY-MM-DD; 01/03/2027 read as day-month-year: 1 March 2027)."),
             ("2027-3-1", "Write start: 2027-03-01 (dates are YYYY-MM-DD)."),
             ("15 maart 2027", "Write start: 2027-03-15 (dates are YYYY-MM-DD)."),
             ("20270101", "Write start: 2027-01-01 (dates are YYYY-MM-DD)."),
             ("2027-01-01T09:00", "Write start: 2027-01-01 (dates are YYYY-MM-DD)."),
             ("maart 2027", "Write dates as YYYY-MM-DD, e.g. 2026-03-01."))
    for i, (written, hint) in enumerate(cases):
        found = _plan_start_findings(tmp_path / str(i), written)
        assert [(f.code, f.hint) for f in found] == [("SCH005", hint)], (written, [(f.code, f.message, f.hint) for f in found])
        if hint.startswith("Write start: "):
            assert _plan_start_findings(tmp_path / f"{i}-fixed", hint.split()[2]) == []


def test_a_value_written_in_dutch_is_answered_with_the_english_one(tmp_path):
    """`domain: kwaliteit`, `task: detectie`, `stage: voorgesteld`: the Dutch words memos use for
    these values gave "Use one of: ..." with the English list. The hint now names the value meant,
    from the memo's own Dutch labels."""
    cases = (("effects", EFFECTS_OK.replace("    kind: benefit\n", "    kind: benefit\n    domain: kwaliteit\n"), "kwaliteit", "quality"),
             ("application", APPLICATION.replace("version: 1.10", 'version: "1.10"\ntask: Detectie'), "Detectie", "detection"),
             ("application", APPLICATION.replace("version: 1.10", 'version: "1.10"').replace("stage: planned", "stage: voorgesteld"),
              "voorgesteld", "proposed"))
    for i, (name, text, dutch, meant) in enumerate(cases):
        files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), name: text}
        root = make_portfolio(tmp_path / str(i), {"fracture-ai": files})
        found = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
        assert [(f.code, f.hint) for f in found] == [("SCH004", f"Did you mean '{meant}'? (values are English)")], (dutch, found)


def test_a_dutch_word_for_a_value_that_is_no_memo_label_is_answered_with_the_english_one(tmp_path):
    """`direction: hoger`, `kind: voordeel`, `choice: doorgaan`, `status: gereed`: Dutch words a
    radiologist writes for a value, but not the label a memo shows for it, gave only "Use one of:
    ..." with the English list. The Dutch words for each value are data (catalog field_words.yaml,
    `values`); the hint names the value meant, and writing it clears the finding."""
    pilot = "plan:\n  start: 2027-01-01\n  end: 2027-06-30\ndecision:\n  choice: scale-up\n  date: 2027-07-15\n"
    compliance = "items:\n  - id: dpia\n    status: done\n"
    cases = (("effects", EFFECTS_OK, "direction: increase", "direction: hoger", "increase"),
             ("effects", EFFECTS_OK, "direction: increase", "direction: Lager", "decrease"),
             ("effects", EFFECTS_OK, "kind: benefit", "kind: voordeel", "benefit"),
             ("effects", EFFECTS_OK, "kind: benefit", "kind: vangrail", "guardrail"),
             ("pilot", pilot, "choice: scale-up", "choice: doorgaan", "scale-up"),
             ("pilot", pilot, "choice: scale-up", "choice: verlengen", "extend"),
             ("compliance", compliance, "status: done", "status: gereed", "done"),
             ("compliance", compliance, "status: done", "status: nvt", "not-applicable"),
             ("application", APPLICATION.replace("version: 1.10", 'version: "1.10"'), "stage: planned", "stage: in gebruik",
              "production"))
    for i, (name, text, right, written, meant) in enumerate(cases):
        files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), name: text.replace(right, written)}
        root = make_portfolio(tmp_path / str(i), {"fracture-ai": files})
        found = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
        assert [(f.code, f.hint) for f in found] == [("SCH004", f"Did you mean '{meant}'? (values are English)")], (written, found)
        files[name] = text.replace(right, right.split(": ")[0] + ": " + meant)
        root = make_portfolio(tmp_path / f"{i}-fixed", {"fracture-ai": files})
        assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == [], written


def test_every_dutch_word_for_a_value_names_a_value_of_a_list_and_one_per_list():
    """The Dutch value words (catalog field_words.yaml, `values`) name only values of the schemas'
    lists, are written in lower case, and never name two values of the same list (the hint
    would then guess)."""
    from raio_cli.catalog import value_words
    lists = [[str(v) for v in node["enum"]] for node in _schema_mappings() if isinstance(node.get("enum"), list)]
    words = value_words()
    assert words and all(word == " ".join(word.casefold().split()) for word in words)
    assert {v for values in words.values() for v in values} <= {v for allowed in lists for v in allowed}
    for word, values in words.items():
        for allowed in lists:
            assert len([v for v in values if v in allowed]) <= 1, (word, allowed)


def test_a_comment_that_cuts_a_text_short_is_named_with_the_text_quoted(tmp_path):
    """`name: Fracture detection #2 site`: YAML reads ' #' as the start of a comment, so the
    dossier said "Fracture detection" and nothing told the radiologist. YML019 now names the text
    as read at the '#', and the hint gives the line quoted. A comment YAML reads as the writer
    meant it is left alone: after a number, a date, a yes/no, a value from a list, an id, or two
    spaces before the '#'."""
    problem = "statement: Fracturen worden gemist\nalternatives:\n  - option: Extra scholing\n    ai: false\n"
    cases = (("name: Fracture detection", "name: Fracture detection #2 site", 2, 'name: "Fracture detection #2 site"'),
             ("statement: Fracturen worden gemist", "statement: Fracturen worden gemist #SEH nachtdienst", 1,
              'statement: "Fracturen worden gemist #SEH nachtdienst"'),
             ("  - option: Extra scholing", "  - option: Extra scholing # 2 dagen", 3, 'option: "Extra scholing # 2 dagen"'))
    for i, (right, written, line, fixed) in enumerate(cases):
        position = (line, written.index(" #") + 2)  # at the '#'
        right = right.lstrip(" -")
        name = "application" if right.startswith("name") else "problem"
        files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), "problem": problem}
        files[name] = files[name].replace(right, written.lstrip(" -"))
        root = make_portfolio(tmp_path / str(i), {"fracture-ai": files})
        found = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
        assert [(f.code, f.file.rsplit("/", 1)[-1], (f.line, f.column)) for f in found] == [
            ("YML019", f"{name}.yaml", position)], (written, [(f.code, f.message) for f in found])
        (f,) = found
        read = right.split(": ", 1)[1]
        assert f.severity.name == "WARNING" and f"'{read}'" in f.message, f.message
        assert f.hint.startswith(f"If the '#' belongs to the text, quote it: {fixed}"), f.hint
        files[name] = files[name].replace(written.lstrip(" -"), fixed)
        root = make_portfolio(tmp_path / f"{i}-fixed", {"fracture-ai": files})
        loaded = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
        assert loaded == [], (fixed, loaded)
    deliberate = {
        "application": APPLICATION.replace("version: 1.10", 'version: "1.10" # as on the label')
        .replace("name: Fracture detection", "name: Fracture detection  # the vendor's name")
        .replace("stage: planned", "stage: planned # since March") + "regulatory:\n  in_house: false # bought\n",
        "effects": EFFECTS_OK.replace("target: 92", "target: 92 # percent").replace("direction: increase", "direction: increase # up")
        .replace("id: E1", "id: E1 # the primary one"),
        "pilot": "plan:\n  start: 2027-01-01 # a Monday\n  end: 2027-06-30\n",
    }
    root = make_portfolio(tmp_path / "deliberate", {"fracture-ai": deliberate})
    assert [(f.code, f.message) for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == []


def test_a_comment_that_cuts_a_list_item_short_is_quoted_as_a_list_item(tmp_path):
    """YML019 on a text in a list (plan.sites) gave the line to write as '-: "Centrum #2 (MRI 1)"',
    a mapping with the key '-', not the list item it was; it gives '- "Centrum #2 (MRI 1)"'."""
    pilot = "plan:\n  start: 2027-01-01\n  end: 2027-06-30\n  sites:\n    - Centrum #2 (MRI 1)\n"
    files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), "pilot": pilot}
    root = make_portfolio(tmp_path / "cut", {"fracture-ai": files})
    (f,) = [f for f in run_check(root, "--no-git").findings if f.code == "YML019"]
    assert (f.line, f.column) == (5, 15)
    assert f.hint.startswith('If the \'#\' belongs to the text, quote it: - "Centrum #2 (MRI 1)";'), f.hint
    files["pilot"] = pilot.replace("- Centrum #2 (MRI 1)", '- "Centrum #2 (MRI 1)"')
    root = make_portfolio(tmp_path / "fixed", {"fracture-ai": files})
    assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == []


def test_a_comment_that_cuts_a_text_over_several_lines_short_is_named_with_the_whole_text_quoted(tmp_path):
    """A text without quotes may go on over the next, more indented lines; YAML joins them with a
    space and still ends the text at a ' #' on its last line. YML019 said nothing then: the
    dossier read "Fracturen worden gemist op de SEH" and the rest was gone unseen. It is now
    reported at the '#' with the whole text quoted on one line, which reads back as written."""
    from raio_cli.yamlio import load_bytes

    cases = (
        ("problem", "statement: Fracturen worden gemist\n  op de SEH #2 nachtdiensten\n", (2, 13),
         "Fracturen worden gemist op de SEH", 'statement: "Fracturen worden gemist op de SEH #2 nachtdiensten"'),
        ("pilot", "plan:\n  start: 2027-01-01\n  end: 2027-06-30\n  sites:\n    - Centrum\n      Noord #2 (MRI 1)\n", (6, 13),
         "Centrum Noord", '- "Centrum Noord #2 (MRI 1)"'),
    )
    base = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'),
            "problem": "statement: Fracturen worden gemist\n"}
    for i, (name, written, position, read, fixed) in enumerate(cases):
        files = {**base, name: written}
        root = make_portfolio(tmp_path / str(i), {"fracture-ai": files})
        found = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
        assert [(f.code, f.file.rsplit("/", 1)[-1], (f.line, f.column)) for f in found] == [
            ("YML019", f"{name}.yaml", position)], (written, [(f.code, f.message) for f in found])
        (f,) = found
        assert f"is read as '{read}'" in f.message, f.message
        assert f.hint.startswith(f"If the '#' belongs to the text, quote it on one line, in place of lines "
                                 f"{position[0] - 1} to {position[0]}: {fixed};"), f.hint
        lines = written.split("\n")
        indent = lines[position[0] - 2][: len(lines[position[0] - 2]) - len(lines[position[0] - 2].lstrip(" "))]
        files[name] = "\n".join(lines[: position[0] - 2] + [indent + fixed] + lines[position[0]:])
        root = make_portfolio(tmp_path / f"{i}-fixed", {"fracture-ai": files})
        assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == [], files[name]
        assert f"{read} #2" in str(load_bytes(files[name].encode(), "f.yaml").data)
    # a comment after two spaces on the last line is meant as one
    files = {**base, "problem": "statement: Fracturen worden gemist\n  op de SEH  # audit 2025\n"}
    root = make_portfolio(tmp_path / "deliberate", {"fracture-ai": files})
    assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == []
    # a blank line in the text is a line break in it: the line given keeps it, written \n
    files = {**base, "problem": "statement: Fracturen worden gemist\n\n  op de SEH #2 nachtdiensten\n"}
    root = make_portfolio(tmp_path / "blank", {"fracture-ai": files})
    (f,) = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
    fixed = 'statement: "Fracturen worden gemist\\nop de SEH #2 nachtdiensten"'
    assert (f.code, f.line, f.column) == ("YML019", 3, 13) and f"in place of lines 1 to 3: {fixed};" in f.hint, f.hint
    files["problem"] = fixed + "\n"
    root = make_portfolio(tmp_path / "blank-fixed", {"fracture-ai": files})
    assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == []
    assert load_bytes(files["problem"].encode(), "f.yaml").data == {"statement": "Fracturen worden gemist\nop de SEH #2 nachtdiensten"}


# a number written with underscores -> how YAML 1.1 (PyYAML's resolver, which raio follows) reads it
UNDERSCORES = {"1_000": (1000, "number 1000"), "1_0.5": (10.5, "number 10.5"), "0x_1F": (31, "hexadecimal number 31"),
               "_1": ("_1", None), "1__0": (10, "number 10"), "-1_000": (-1000, "number -1000"),
               "0_17": (15, "octal number 15"), "1_0:30": (630, "base-60 number 630"), "0b1_0": (2, "binary number 2"),
               "+1_000.5_0": (1000.5, "number 1000.5"), "1_e3": ("1_e3", None), "1:3_0": ("1:3_0", None)}


def test_a_number_written_with_underscores_is_read_as_yaml_1_1_reads_it_in_a_number_and_a_text_field(tmp_path):
    """YAML 1.1 reads 1_000 as 1000 and YAML 1.2 as text; raio reads as PyYAML's YAML 1.1
    resolver does, with either of its readers. In a field that must be a number the value is
    that number and YML006 says what each reads; in one that must be text it is one YML007 with
    the value as written; what YAML 1.1 too reads as text (_1, 1_e3) is text in both."""
    import yaml

    from raio_cli import yamlio

    for i, (written, (value, as11)) in enumerate(UNDERSCORES.items()):
        raw = f"target: {written}\n".encode()
        assert yaml.safe_load(raw)["target"] == value and type(yaml.safe_load(raw)["target"]) is type(value)
        for fast in (True, False):
            loaded = yamlio._load_bytes(raw, "effects.yaml", fast=fast)
            assert loaded.data == {"target": value} and type(loaded.data["target"]) is type(value), (written, fast)
        effects = EFFECTS_OK.replace("target: 92", f"target: {written}")
        files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), "effects": effects,
                 "problem": PROBLEM_WITH.format(value=written, ai="false")}
        root = make_portfolio(tmp_path / str(i), {"fracture-ai": files})
        found = {(f.file.rsplit("/", 1)[-1], f.code): f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")}
        if as11 is None:
            assert sorted(found) == [("effects.yaml", "SCH003")], (written, found)
            continue
        assert sorted(found) == [("effects.yaml", "YML006"), ("problem.yaml", "YML007")], (written, found)
        assert found["effects.yaml", "YML006"].message == (
            f"'{written}' is read as the {as11} by YAML 1.1 tools and as the text '{written}' by YAML 1.2 tools")
        word = "a whole number" if isinstance(value, int) else "a number"
        assert found["problem.yaml", "YML007"].message == f"current_practice is '{written}', which YAML reads as {word}, but it must be text"
        assert found["problem.yaml", "YML007"].hint == f'Quote it: current_practice: "{written}"'


@pytest.mark.parametrize("written, shown", [("111_222_333", "'*******33' (written with underscores)"), ("20_270_101", "'20270101' (written with underscores)"),
                                            ("20270101", "'20270101'"), ("1e3", "'1e3'"), ("0o17", "'0o17'")])
def test_a_number_where_a_date_belongs_is_one_finding_the_date_s(tmp_path, written, shown):
    """`start: 111_222_333` gave SCH005 (not a date) and YML006 (YAML 1.1 and 1.2 read it
    differently) at the same place, and YML006's hint (write the number in plain digits) does
    not fit a date. One slip, one finding: SCH005, which gives the date's form; the value it
    shows is masked as before. YML006 still speaks where a number belongs."""
    pilot = f"plan:\n  start: {written}\n  end: 2027-06-30\n"
    files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), "pilot": pilot,
             "effects": EFFECTS_OK.replace("target: 92", f"target: {written}")}
    root = make_portfolio(tmp_path, {"fracture-ai": files})
    found = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
    at_start = [(f.code, f.line, f.column) for f in found if f.file.endswith("pilot.yaml")]
    assert at_start == [("SCH005", 2, 10)], [(f.code, f.message) for f in found]
    (f,) = [f for f in found if f.file.endswith("pilot.yaml")]
    assert "YYYY-MM-DD" in f.message and shown in f.message, f.message
    shown_all = json.dumps([g.to_dict() for g in found])
    assert "111_222_333" not in shown_all and "111222333" not in shown_all
    assert "YML006" in [g.code for g in found if g.file.endswith("effects.yaml")] or written == "20270101"


@pytest.mark.parametrize("written", ["0b_", "0x_", "-0x__", "+0b_"])
def test_a_binary_or_hexadecimal_prefix_without_digits_is_named_as_yaml_1_1_tools_cannot_read_it(tmp_path, written):
    """PyYAML's YAML 1.1 resolver takes 0b_ and 0x_ for whole numbers, and then cannot work out
    their value: yaml.safe_load stops with an error. raio kept the text and said nothing in a
    field of text, so the dossier passed and another tool could not read it. Both of raio's
    readers now report YML006 at the value, which stays the text as written; in a text field
    that is the one finding, with the hint to quote it, which reads in every tool."""
    import yaml

    from raio_cli import yamlio

    raw = f"statement: x\ncurrent_practice: {written}\n".encode()
    with pytest.raises(ValueError):
        yaml.safe_load(raw)
    readings = []
    for fast in (True, False):
        loaded = yamlio._load_bytes(raw, "problem.yaml", fast=fast)
        readings.append((loaded.data, [(f.code, f.line, f.column, f.message, f.hint) for f in loaded.findings]))
    assert readings[0] == readings[1], readings
    data, findings = readings[0]
    assert data == {"statement": "x", "current_practice": written}
    assert [f[:3] for f in findings] == [("YML006", 2, 19)], findings
    assert f"'{written}'" in findings[0][3] and "YAML 1.1" in findings[0][3], findings[0][3]
    assert f'Quote it ("{written}")' in findings[0][4], findings[0][4]
    files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'),
             "problem": PROBLEM_WITH.format(value=written, ai="false")}
    root = make_portfolio(tmp_path / "plain", {"fracture-ai": files})
    found = [(f.code, f.file.rsplit("/", 1)[-1], f.line) for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
    assert found == [("YML006", "problem.yaml", 2)], found
    files["problem"] = PROBLEM_WITH.format(value=f'"{written}"', ai="false")
    assert yaml.safe_load(files["problem"])["current_practice"] == written
    root = make_portfolio(tmp_path / "quoted", {"fracture-ai": files})
    assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == []


LONG_TEXT = ("Fracturen worden gemist op de SEH in de nachtdienst, vooral bij kinderen en ouderen met polstrauma, "
             "heupklachten en enkelletsel")
LONG_COMMENT = "#2 volgens de audit van de afdeling radiologie in het voorjaar van 2025"


@pytest.mark.parametrize("lines", [1, 2])
def test_a_comment_that_cuts_a_long_text_short_is_not_given_as_a_line_cut_short(tmp_path, lines):
    """YML019's hint gave the line to write with the text quoted, cut at 160 characters and ended
    with '…': pasted, it lost the end of the text. A line too long to give whole is not given:
    the hint says where to put the quotes, and following it keeps the whole text."""
    cut = LONG_TEXT.index(" ", 40)
    first, rest = (LONG_TEXT, "") if lines == 1 else (LONG_TEXT[:cut], LONG_TEXT[cut + 1:])
    written = f"statement: {first}\n  {rest} {LONG_COMMENT}\n" if rest else f"statement: {first} {LONG_COMMENT}\n"
    files = {"application": APPLICATION.replace("version: 1.10", 'version: "1.10"'), "problem": written}
    root = make_portfolio(tmp_path / "cut", {"fracture-ai": files})
    (f,) = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
    assert f.code == "YML019" and "…" not in f.hint, f.hint
    place = "" if lines == 1 else " (lines 1 to 2)"
    where = ("", "") if lines == 1 else (" (line 1)", " (line 2)")
    assert f.hint == (f"If the '#' belongs to the text, put the whole text in quotes, the ' #' and what follows it included{place}: "
                      f"a \" before its first word{where[0]} and one after its last{where[1]}; "
                      "if it is a comment, put two spaces before the '#'."), f.hint
    files["problem"] = written.replace("statement: ", 'statement: "').replace(LONG_COMMENT, LONG_COMMENT + '"')
    root = make_portfolio(tmp_path / "fixed", {"fracture-ai": files})
    assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == []
    from raio_cli.yamlio import load_bytes
    assert load_bytes(files["problem"].encode(), "problem.yaml").data == {"statement": f"{LONG_TEXT} {LONG_COMMENT}"}


def test_a_long_text_where_fields_belong_is_not_given_as_a_line_cut_short(tmp_path):
    """`owner: <a long text>` was answered with the line to write, the text cut at 80 characters;
    the hint now gives it whole (up to 160 characters) or says what to write in words."""
    hints = []
    for i, owner in enumerate(("dr. A. de Vries, radioloog, afdeling Radiologie en Nucleaire Geneeskunde, locatie Centrum",
                               LONG_TEXT + ", " + LONG_COMMENT[3:])):
        app = APPLICATION.replace("version: 1.10", 'version: "1.10"') + f"owner: {owner}\n"
        root = make_portfolio(tmp_path / str(i), {"fracture-ai": {"application": app}})
        (f,) = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
        assert "…" not in f.hint, f.hint
        hints.append(f.hint)
    assert hints[0] == ('Write owner: on a line of its own and below it, indented two spaces, '
                        'name: "dr. A. de Vries, radioloog, afdeling Radiologie en Nucleaire Geneeskunde, locatie Centrum".')
    assert hints[1] == ("Write owner: on a line of its own and below it, indented two spaces, name: "
                        "and the text, in double quotes.")


def test_a_text_with_a_backslash_where_fields_belong_is_given_in_quotes_that_read(tmp_path):
    """`owner: S:\\Radiologie\\eigenaar` was answered with `name: "S:\\Radiologie\\eigenaar"`, in
    double quotes, where a backslash starts a code such as \\n: written so, it was a new syntax
    error. It is given in single quotes, and written so it reads."""
    app = APPLICATION.replace("version: 1.10", 'version: "1.10"') + "owner: S:\\Radiologie\\eigenaar\n"
    root = make_portfolio(tmp_path / "a", {"fracture-ai": {"application": app}})
    (f,) = [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")]
    assert f.hint == "Write owner: on a line of its own and below it, indented two spaces, name: 'S:\\Radiologie\\eigenaar'.", f.hint
    fixed = app.replace("owner: S:\\Radiologie\\eigenaar", "owner:\n  name: 'S:\\Radiologie\\eigenaar'")
    root = make_portfolio(tmp_path / "b", {"fracture-ai": {"application": fixed}})
    assert [f for f in run_check(root, "--no-git").findings if f.code[:3] in ("SCH", "YML")] == []


def test_a_count_with_a_dutch_thousands_point_is_answered_with_the_number_to_write(tmp_path):
    """`sample_size: 4.000` (four thousand, as Dutch writes it) was read as 4.0 and accepted as the
    whole number 4, silently: the pilot planned 4 cases. `n: 4.310` gave "must be a whole number"
    with "Write a whole number, without quotes or units", which has nothing to remove. Both now say
    what YAML read and give the number to write, and writing it clears the finding."""
    plan = "plan:\n  start: 2027-01-01\n  end: 2027-06-30\n  sample_size: {}\n"
    for written, meant in (("4.000", "4000"), ("4.310", "4310"), ("1.250.000", "1250000")):
        (f,) = _first_hour(tmp_path / written, pilot=plan.format(written))
        assert (f.code, f.line, f.column) == ("SCH003", 4, 16), written
        assert "thousands" in f.hint and (written in f.message or f.message.endswith("not text")), (written, f.message)
        assert f.hint.startswith(f"Write sample_size: {meant} "), (written, f.hint)
        assert _first_hour(tmp_path / f"{written}-fixed", pilot=plan.format(meant)) == []
    # a number with a decimal point where a number with decimals belongs stays as it is
    assert _first_hour(tmp_path / "target", EFFECTS_OK.replace("target: 92", "target: 92.500")) == []


def test_a_text_that_is_only_an_anchor_is_one_finding_not_also_empty(tmp_path):
    """`cost: &Conform` (or a list item `- &Centrum`) is read as an anchor named Conform on an
    empty value. raio said so (YML003, quote it) and also "must be text, not empty" with "Fill
    in a value, or remove the key" (SCH003): one slip, two errors, the second's hint pointing
    away from the fix. The quoting that YML003 gives mends both."""
    pilot = "plan:\n  start: 2027-01-01\n  end: 2027-06-30\n  sites:\n    - {}\noutcome:\n  cost: {}\n"
    found = _first_hour(tmp_path, pilot=pilot.format("&Centrum", "&Conform"))
    assert [(f.code, f.line) for f in found] == [("YML003", 5), ("YML003", 7)], [(f.code, f.message) for f in found]
    assert [f.hint for f in found] == ['Put the whole text in quotes: - "&Centrum"', 'Put the whole text in quotes: cost: "&Conform"']
    assert _first_hour(tmp_path / "fixed", pilot=pilot.format('"&Centrum"', '"&Conform"')) == []


def test_an_anchor_on_a_value_of_the_wrong_type_leaves_the_schemas_finding(tmp_path):
    """`sites: &s 12` is an anchor (YML003) on a number where a list belongs: the schema's SCH003
    is the finding that says what is wrong, and it stays beside YML003. (YML003 stands in for the
    schema only at a text that was nothing but '&word'.)"""
    pilot = "plan:\n  start: 2027-01-01\n  end: 2027-06-30\n  sites: &s 12\n"
    found = _first_hour(tmp_path, pilot=pilot)
    assert [(f.code, f.line) for f in found] == [("SCH003", 4), ("YML003", 4)], [(f.code, f.message) for f in found]


def test_a_missing_fields_hint_quotes_its_description_past_an_eg(tmp_path):
    """SCH001's hint quotes the field's description up to its first sentence's end: it cut at
    "e.g." and read "Add 'name:' (Human-readable name of the application, e.g).". A description's
    abbreviations end no sentence, as in the memo."""
    found = _findings(tmp_path, application="id: fracture-ai\nstage: planned\nversion: '1.10'\n")
    (f,) = [f for key, f in found.items() if key[0] == "SCH001" and "'name'" in f.message]
    assert f.hint == "Add 'name:' (Human-readable name of the application, e.g. Fractuurdetectie SEH).", f.hint


DOTTED_PILOT = """\
plan:
  start: 2026-01-05
  end: 2026-06-30
  design: before-after
plan.sample_size: 400
"""


@pytest.mark.parametrize("case", ["one", "two", "parent"])
def test_sch002_hint_of_a_dotted_key_followed_as_typed_leaves_no_finding(tmp_path, case):
    """`reported_to.vendor: 2026-10-05` (a nested field as hints and docs name it) got "Did you
    mean 'reported_to'?": renamed as told, the incident has reported_to twice, or it loses the
    vendor. The hint now says how to nest it; followed as typed, SCH002 is gone and no other
    finding comes in its place."""
    incident = "  - date: 2026-10-02\n    description: Missed fracture\n    severity: serious\n"
    lines = {
        "one": ["    reported_to.vendor: 2026-10-05"],
        "two": ["    reported_to.vendor: 2026-10-05", "    reported_to.manufacturer: 2026-10-06"],
        "parent": ["    reported_to:", "      vendor: 2026-10-05", "    reported_to.manufacturer: 2026-10-06"],
    }[case]
    text = "results: []\nincidents:\n" + incident + "\n".join(lines) + "\n"
    root = make_portfolio(tmp_path / "p", {"fracture-ai": {"application": APPLICATION, "monitoring": text}})
    path = root / "applications" / "fracture-ai" / "monitoring.yaml"

    def sch002():
        return [f for f in run_check(root, "--no-git").findings if f.code == "SCH002"]

    found = sch002()
    assert found and all("Did you mean" not in f.hint for f in found), [f.hint for f in found]
    hint = found[0].hint
    rows = path.read_text(encoding="utf-8").splitlines()
    if case == "parent":  # "move it under the reported_to: of line N, as manufacturer: "..." indented as its other lines"
        parent = int(hint.split(" of line ")[1].split(",")[0])
        moved = hint.split(", as ", 1)[1].split(" indented as")[0]
        assert rows[parent - 1] == "    reported_to:"
        rows = [r for r in rows if ".manufacturer" not in r]
        rows.insert(parent, "      " + moved)
    else:  # "write it nested, reported_to: {...} (or ...)" / "write them nested in one reported_to: {...} and remove"
        nested = "reported_to: {" + hint.split("reported_to: {", 1)[1].split("}")[0] + "}"
        rows = [r for r in rows if "reported_to." not in r] + ["    " + nested]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert sch002() == []
    result = run_check(root, "--no-git")
    assert [f for f in result.findings if f.file.endswith("monitoring.yaml") and f.code.startswith(("SCH", "YML"))] == []
    assert "MON009" not in {f.code for f in result.findings} or case == "one"


def test_sch002_dotted_key_of_the_file_top(tmp_path):
    root = make_portfolio(tmp_path / "p", {"fracture-ai": {"application": APPLICATION, "pilot": DOTTED_PILOT}})
    [f] = [f for f in run_check(root, "--no-git").findings if f.code == "SCH002"]
    assert f.hint.startswith("YAML reads 'plan.sample_size' as one name: move it under the plan: of line 1, "
                             "as sample_size: 400 indented as its other lines"), f.hint


@pytest.mark.parametrize("file,written,key", [
    ("problem", "alternatives: Extra training in skeletal radiology\n", "alternatives"),
    ("effects", "effects:\n  - id: E1\n    kind: benefit\n    description: Fewer missed fractures\n    baseline: 84\n", "baseline"),
])
def test_sch003_hint_of_a_list_of_entries_or_a_mapping_followed_as_typed(tmp_path, file, written, key):
    """`alternatives: Extra training` got "Write a list: one '- item' per line": typed so, the
    entry is a text where a mapping with option: belongs, SCH003 again; `baseline: 84` got
    "Write the fields indented under the key", naming none. The hints now give the value as a
    mapping with its field (alternatives: [{option: ...}], baseline: {value: 84}); written as
    they say, no schema finding is left in the file."""
    root = make_portfolio(tmp_path / "p", {"fracture-ai": {"application": APPLICATION, file: written}})
    path = root / "applications" / "fracture-ai" / f"{file}.yaml"
    (f,) = [f for f in run_check(root, "--no-git").findings if f.code == "SCH003" and f.file.endswith(f"{file}.yaml")]
    said = f.hint.split(": ", 1)[1]  # "Write ...: <key>: ..." -> from the key on
    said = said[said.index(f"{key}: "):].split(" (its other fields", 1)[0].split(", or ", 1)[0]
    assert said in (f"{key}: [{{option: Extra training in skeletal radiology}}]", f"{key}: {{value: 84}}"), f.hint
    lines = path.read_text(encoding="utf-8").splitlines()
    n = f.line - 1
    lines[n] = lines[n][:lines[n].index(f"{key}:")] + said
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [g for g in run_check(root, "--no-git").findings if g.file.endswith(f"{file}.yaml") and g.code.startswith("SCH")] == []
