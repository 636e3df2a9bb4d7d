"""Outcome completeness (OUT): every pre-registered effect reported, consistently, with a verdict.

The helpers at the top (dossier, build, check, hits, line_of) are shared with the decision and
date rule tests.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_TODAY, copy_example, make_portfolio, run_check

APP = "knee-mri"
TODAY = "2026-11-15"


def dossier(stage: str = "evaluation") -> dict:
    """A small dossier: one primary benefit E1 (sensitivity >= 0.80), one guardrail G1 (<= 0.10),
    and AI literacy done (the AI Act duty of every deployer since 2025)."""
    return {
        "application": {"id": APP, "name": "Knee MRI", "stage": stage,
                        "regulatory": {"mdr_class": "none", "ai_act": {"risk": "minimal"}}},
        "effects": {"effects": [
            {"id": "E1", "kind": "benefit", "primary": True, "description": "More tears found",
             "metric": "sensitivity", "direction": "increase", "baseline": {"value": 0.7, "source": "audit"},
             "target": 0.80},
            {"id": "G1", "kind": "guardrail", "primary": False, "description": "Few recalls",
             "metric": "recall rate", "direction": "decrease", "baseline": {"value": 0.05, "source": "RIS"},
             "limit": 0.10},
        ]},
        "compliance": {"items": [{"id": "ai-literacy", "status": "done", "owner": "RAIO", "evidence": "LMS-2026",
                                  "date": "2026-01-02"}]},
        "pilot": {
            "plan": {"design": "before-after", "start": "2026-01-05", "end": "2026-06-30", "sample_size": 400},
            "outcome": {"date": "2026-10-01", "results": [
                {"effect": "E1", "observed": 0.85, "n": 200, "interval": [0.82, 0.88]},
                {"effect": "G1", "observed": 0.05, "n": 400, "interval": [0.03, 0.07]},
            ]},
        },
    }


def build(tmp_path: Path, change=None, stage: str = "evaluation", config: dict | None = None) -> Path:
    files = copy.deepcopy(dossier(stage))
    if change:
        change(files)
    cfg = {"organisation": "Test", "language": "en"}
    cfg.update(config or {})
    return make_portfolio(tmp_path / "p", {APP: files}, cfg)


def check(root: Path, today: str = TODAY):
    from raio_cli import check as engine

    return engine.run(root, today=dt.date.fromisoformat(today), use_git=False)


def hits(result, code: str) -> list:
    return [f for f in result.findings if f.code == code]


def app_file(root: Path, name: str) -> Path:
    return root / "applications" / APP / f"{name}.yaml"


def rel(name: str) -> str:
    return f"applications/{APP}/{name}.yaml"


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """1-based number of the nth line that contains ``text``."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{text!r} not {nth} times in {path}")


def one(result, code: str):
    found = hits(result, code)
    assert len(found) == 1, f"{code}: {[(f.code, f.message) for f in result.findings]}"
    return found[0]


def results(files) -> list:
    return files["pilot"]["outcome"]["results"]


# --------------------------------------------------------------------------------------------
# The passing dossier


def test_complete_outcome_has_no_outcome_problems(tmp_path):
    result = check(build(tmp_path))
    assert [f for f in result.findings if f.code.startswith("OUT") and f.code != "OUT010"] == []
    assert [(f.data["effect"], f.data["status"]) for f in hits(result, "OUT010")] == [("E1", "met"), ("G1", "within-limit")]


def test_running_pilot_without_outcome_is_not_checked(tmp_path):
    root = build(tmp_path, lambda f: f["pilot"].pop("outcome"), stage="pilot")
    assert [f for f in check(root).findings if f.code.startswith("OUT")] == []


# --------------------------------------------------------------------------------------------
# OUT001


def test_out001_effect_without_result_at_its_id_line(tmp_path):
    root = build(tmp_path, lambda f: results(f).pop(1))
    f = one(check(root), "OUT001")
    assert (f.file, f.line) == (rel("effects"), line_of(app_file(root, "effects"), "id: G1"))
    assert f.severity.name == "ERROR" and "G1" in f.message


def test_out001_passes_with_missing_reason_and_ignores_post_hoc(tmp_path):
    def change(f):
        results(f)[1] = {"effect": "G1", "missing_reason": "RIS export not available"}
        f["effects"]["effects"].append({"id": "X1", "kind": "benefit", "post_hoc": True, "description": "x",
                                        "direction": "increase", "target": 1})
    assert hits(check(build(tmp_path, change)), "OUT001") == []


@pytest.mark.parametrize("stage", ["evaluation", "production", "stopped", "retired"])
def test_out001_no_outcome_at_all_is_one_finding(tmp_path, stage):
    root = build(tmp_path, lambda f: f["pilot"].pop("outcome"), stage=stage)
    f = one(check(root), "OUT001")
    assert f.file == rel("pilot") and f.line == 1
    assert "none of the 2 pre-registered effects (E1, G1)" in f.message


def test_out001_empty_results_points_at_results(tmp_path):
    root = build(tmp_path, lambda f: f["pilot"]["outcome"].update(results=[]))
    f = one(check(root), "OUT001")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "results:"))


ENTRIES = ["- effect: E1", "  observed: 0.85", "  n: 200", "- effect: G1", "  missing_reason: not exported"]


@pytest.mark.parametrize("shape", ["commented", "no-results", "empty-results", "no-outcome"])
def test_out001_hint_followed_as_typed_reports_the_outcome(tmp_path, shape):
    """OUT001 said "Add outcome.results: one entry per effect ...": typed as it read, one unknown
    name (SCH002), or beside the outcome block raio new-pilot writes commented out, a second
    outcome. The hint says which lines to uncomment, or where the results go; done so (an entry
    per effect), OUT001 is gone and nothing else is found in pilot.yaml."""
    import re

    def change(f):
        outcome = f["pilot"].pop("outcome")
        if shape == "no-results":
            f["pilot"]["outcome"] = {"date": outcome["date"]}
        elif shape == "empty-results":
            f["pilot"]["outcome"] = {"date": outcome["date"], "results": []}
    root = build(tmp_path, change)
    path = app_file(root, "pilot")
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    if shape == "commented":  # as the template has it
        lines += ["# outcome:", "#   date: 2026-10-01", "#   results:", "#     - effect: E1", "#       observed: 91.5"]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = one(check(root), "OUT001")
    said = f.hint
    if shape == "commented":
        numbers = [int(n) for n in re.findall(r"\(line (\d+)\)", said)]
        assert "remove the '# ' in front of outcome: (line" in said and len(numbers) == 2, said
        for n in numbers:
            lines[n - 1] = lines[n - 1][2:]
        del lines[numbers[-1]:]  # the example entry under results: is replaced by one per effect
        lines += ["    " + e for e in ENTRIES]
    elif shape == "no-outcome":
        assert "write outcome: at the start of a line, results: indented under it" in said, said
        lines += ["outcome:", "  results:"] + ["    " + e for e in ENTRIES]
    else:
        n = int(re.search(r"of line (\d+)", said).group(1))
        row = lines[n - 1]
        indent = row[:len(row) - len(row.lstrip())]
        if shape == "empty-results":
            assert "under the results: of line" in said and "without a [] after it" in said, said
            lines[n - 1:n] = [indent + "results:"] + [indent + "  " + e for e in ENTRIES]
        else:
            assert "write results: under the outcome: of line" in said, said
            key = lines[n]  # a key of the outcome, for its indentation
            inner = key[:len(key) - len(key.lstrip())]
            lines[n:n] = [inner + "results:"] + [inner + "  " + e for e in ENTRIES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(root)
    assert hits(result, "OUT001") == []
    assert [g.code for g in result.findings if g.file == rel("pilot") and g.code[:3] in ("YML", "SCH", "OUT")
            and g.severity.name != "INFO"] == []


@pytest.mark.parametrize("name", ["pilot", "effects"])
def test_an_unreadable_pilot_or_effects_file_is_one_finding_not_also_out001_or_out003(tmp_path, name):
    """A ' #' on the first line of a text that goes on below makes pilot.yaml or effects.yaml
    unreadable (YML001). raio then also said the outcome reports none of the pre-registered effects
    (OUT001), or gave OUT003 'result for unknown effect (effects.yaml has none)' for every result:
    one slip, up to six errors, all but one untrue. The file that could not be read is the finding."""
    root = copy_example(tmp_path / "p")
    path = root / "applications" / "longnodule-ct" / f"{name}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notes: Zie verslag #3 van de stuurgroep\n  en de notulen\n",
                    encoding="utf-8")
    found = [f for f in run_check(root).findings if f.app == "longnodule-ct" and f.severity.name == "ERROR"]
    assert [(f.code, f.file) for f in found] == [("YML001", f"applications/longnodule-ct/{name}.yaml")]


# --------------------------------------------------------------------------------------------
# OUT002 - OUT004


def test_out002_result_without_value(tmp_path):
    root = build(tmp_path, lambda f: results(f).__setitem__(1, {"effect": "G1", "n": 400}))
    f = one(check(root), "OUT002")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "effect: G1"))
    assert f.message == "the result for G1 gives no observed value, no counts and no missing_reason"
    assert hits(check(build(tmp_path / "ok")), "OUT002") == []


@pytest.mark.parametrize("empty", ["missing_reason", "observed"])
def test_out002_hint_followed_as_typed_completes_the_result(tmp_path, empty):
    """OUT002 said "Add observed and n ..., or missing_reason" of a result whose `missing_reason: ""`
    (or `observed:`) was there, as the template's G1 has it: typed as it read, a second key
    (YML002). It says which line to fill in; done so, OUT002 is gone with no finding in its place."""
    import re

    def change(f):
        entry = next(r for r in results(f) if r["effect"] == "G1")
        entry.clear()
        entry.update({"effect": "G1", empty: "" if empty == "missing_reason" else None})
    root = build(tmp_path, change)
    f = one(check(root), "OUT002")
    n = int(re.search(rf"Fill in {empty}: on line (\d+)", f.hint).group(1))
    path = app_file(root, "pilot")
    lines = path.read_text(encoding="utf-8").split("\n")
    row = lines[n - 1]
    indent = row[:len(row) - len(row.lstrip(" -"))]
    filled = "missing_reason: PACS timestamps not exported" if empty == "missing_reason" else "observed: 0.05"
    lines[n - 1] = indent + filled if not row.lstrip().startswith("- ") else row[:row.index("-") + 2] + filled
    if empty == "observed":  # "with n:"
        lines.insert(n, row[:len(row) - len(row.lstrip(" -"))].replace("-", " ") + "n: 200")
    path.write_text("\n".join(lines), encoding="utf-8")
    result = check(root)
    assert hits(result, "OUT002") == []
    assert [g.code for g in result.findings if g.file == rel("pilot") and g.code[:3] in ("YML", "SCH", "OUT")
            and g.severity.name != "INFO"] == []


def test_out003_unknown_effect(tmp_path):
    root = build(tmp_path, lambda f: results(f).append({"effect": "E9", "observed": 0.5}))
    f = one(check(root), "OUT003")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "effect: E9"))
    assert "'E9'" in f.message and "Did you mean E1?" in f.hint
    assert hits(check(build(tmp_path / "ok")), "OUT003") == []  # results for E1 and G1, both effects


def test_out003_a_misspelt_result_id_is_one_finding_naming_the_effect_meant(tmp_path):
    """`effect: e1` (lower case) for E1 gave OUT003 "did you mean G1?" (the nearest letters, case by
    case) and OUT001 "E1 has no result": one slip, two findings, one of them pointing the wrong way.
    Now the effect that differs only in case, or else the nearest one still unreported, is
    suggested, and OUT001 is not said of the effect the misspelt result stands for."""
    def change(f):
        results(f)[0]["effect"] = "e1"
        results(f)[1]["effect"] = "G2"
    result = check(build(tmp_path, change))
    assert hits(result, "OUT001") == []
    assert [(f.data["effect"], f.hint.split("?")[0]) for f in hits(result, "OUT003")] == [
        ("e1", "Did you mean E1"), ("G2", "Did you mean G1")]
    fixed = check(build(tmp_path / "fixed", lambda f: None))
    assert hits(fixed, "OUT001") == [] and hits(fixed, "OUT003") == []


def test_out004_duplicate_result(tmp_path):
    root = build(tmp_path, lambda f: results(f).append({"effect": "E1", "observed": 0.60}))
    result = check(root)
    f = one(result, "OUT004")
    first = line_of(app_file(root, "pilot"), "effect: E1")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "effect: E1", nth=2))
    assert f"first at line {first}" in f.message
    assert hits(check(build(tmp_path / "ok")), "OUT004") == []  # one result for each effect
    # the verdict uses the first result
    assert [v.data["status"] for v in hits(result, "OUT010") if v.data["effect"] == "E1"] == ["met"]


# --------------------------------------------------------------------------------------------
# Intervals and counts: OUT005 - OUT009

COUNTS = {"tp": 81, "fp": 10, "fn": 19, "tn": 90}  # sensitivity 0.81, Wilson 0.722-0.875


def with_counts(**result):
    def change(f):
        results(f)[0] = {"effect": "E1", "n": 200, "counts": dict(COUNTS), **result}
    return change


def test_out005_interval_disagrees_with_counts(tmp_path):
    root = build(tmp_path, with_counts(interval=[0.90, 0.95]))
    f = one(check(root), "OUT005")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "interval:"))
    assert f.severity.name == "WARNING" and "0.722–0.875" in f.message
    assert hits(check(build(tmp_path / "ok", with_counts(interval=[0.72, 0.87]))), "OUT005") == []


def test_out006_reversed_interval(tmp_path):
    root = build(tmp_path, lambda f: results(f)[0].update(interval=[0.88, 0.82]))
    result = check(root)
    f = one(result, "OUT006")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "interval:"))
    assert f.message == "the interval [0.88, 0.82] of E1 has its lower bound above its upper bound"
    assert hits(check(build(tmp_path / "ok")), "OUT006") == []  # [0.82, 0.88]
    assert [v.data["status"] for v in hits(result, "OUT010") if v.data["effect"] == "E1"] == ["inconclusive"]


def test_out007_observed_outside_interval(tmp_path):
    root = build(tmp_path, lambda f: results(f)[0].update(observed=85))  # a percentage next to fractions
    f = one(check(root), "OUT007")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "observed: 85"))
    assert f.message == "the observed value 85 of E1 lies outside its interval [0.82, 0.88]"
    assert hits(check(build(tmp_path / "ok")), "OUT007") == []
    # with counts, the interval is compared with the counts (OUT005), not with the typed observed value
    counted = check(build(tmp_path / "counts", with_counts(observed=0.81, interval=[0.85, 0.90])))
    assert hits(counted, "OUT007") == [] and len(hits(counted, "OUT005")) == 1


def test_out008_observed_differs_from_counts(tmp_path):
    root = build(tmp_path, with_counts(observed=0.90))
    result = check(root)
    f = one(result, "OUT008")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "observed: 0.9"))
    assert "sensitivity = 0.81" in f.message
    [v] = [v for v in hits(result, "OUT010") if v.data["effect"] == "E1"]
    assert v.data["observed"] == pytest.approx(0.81) and v.data["statistic"] == "sensitivity"
    assert hits(check(build(tmp_path / "ok", with_counts(observed=0.812))), "OUT008") == []


def test_out009_zero_denominator(tmp_path):
    root = build(tmp_path, lambda f: results(f).__setitem__(0, {"effect": "E1", "counts": {"tp": 0, "fp": 4, "fn": 0, "tn": 90}}))
    result = check(root)
    f = one(result, "OUT009")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "counts:"))
    assert "tp+fn = 0" in f.message
    lacking = build(tmp_path / "lacking", lambda f: results(f).__setitem__(0, {"effect": "E1", "counts": {"tp": 5, "fp": 4, "tn": 90}}))
    f = one(check(lacking), "OUT009")
    assert (f.line, f.message) == (line_of(app_file(lacking, "pilot"), "counts:"), "E1: counts lacks fn (false negatives)")
    assert hits(check(build(tmp_path / "ok", with_counts())), "OUT009") == []


# --------------------------------------------------------------------------------------------
# OUT010: verdicts in the findings


def test_out010_verdict_per_effect_at_result_line_with_data(tmp_path):
    root = build(tmp_path, with_counts())
    result = check(root)
    e1, g1 = sorted(hits(result, "OUT010"), key=lambda f: f.line)
    assert (e1.file, e1.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "effect: E1"))
    assert e1.severity.name == "INFO"
    assert e1.message.startswith("E1 sensitivity (primary): inconclusive — 0.81 (95% CI 0.722–0.875)")
    assert e1.data["interval"] == pytest.approx([0.7222, 0.8749], abs=1e-4)
    assert g1.data["status"] == "within-limit" and g1.data["kind"] == "guardrail"


def test_out010_missing_effect_verdict_at_effect_line(tmp_path):
    root = build(tmp_path, lambda f: results(f).pop(1))
    [g1] = [f for f in hits(check(root), "OUT010") if f.data["effect"] == "G1"]
    assert (g1.file, g1.line) == (rel("effects"), line_of(app_file(root, "effects"), "id: G1"))
    assert g1.data["status"] == "missing"


def test_out010_passes_a_pilot_past_its_end_without_an_outcome(tmp_path):
    """Near miss for OUT010: the pilot's end (2026-06-30) has passed and its effects have targets
    and limits, but it is still in the pilot stage with no outcome recorded: nothing is due to be
    judged yet (DAT rules say it is overdue), so no verdict, not even 'missing'."""
    root = build(tmp_path, lambda f: f["pilot"].pop("outcome"), stage="pilot")
    result = check(root)
    assert hits(result, "OUT010") == []
    assert any(f.code.startswith("DAT") for f in result.findings)  # the overdue outcome is reported


def test_json_output_carries_verdicts(tmp_path):
    root = build(tmp_path)
    exe = Path(sys.executable).parent / "raio"
    out = subprocess.run([str(exe), "check", str(root), "--no-git", "--today", TODAY, "--format", "json"],
                         capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"), timeout=120)
    assert out.returncode in (0, 1), out.stderr
    verdicts = [f for f in json.loads(out.stdout) if f["code"] == "OUT010"]
    assert {v["data"]["effect"]: v["data"]["status"] for v in verdicts} == {"E1": "met", "G1": "within-limit"}
    assert all(v["app"] == APP and v["severity"] == "info" for v in verdicts)


def test_odd_outcome_data_never_breaks_the_rules(tmp_path):
    def change(f):
        f["pilot"]["outcome"]["results"] = ["text", {"effect": 7}, {"effect": "E1", "observed": "high",
                                            "interval": "wide", "counts": "many"}, None]
        f["effects"]["effects"].append("not an effect")
    result = check(build(tmp_path, change))
    assert result.internal_errors == []
    assert any(f.code == "OUT010" for f in result.findings)


def test_example_portfolio_has_no_outcome_errors(example):
    from conftest import run_check

    result = run_check(example, "--no-git", today=EXAMPLE_TODAY.isoformat())
    assert result.internal_errors == []
    assert [f for f in result.findings if f.code.startswith("OUT") and f.severity.name != "INFO"] == []


# --------------------------------------------------------------------------------------------
# OUT011: a statistic computed from counts must be named, not assumed


def test_out011_counts_for_a_metric_that_names_no_statistic(tmp_path):
    def change(f):
        f["effects"]["effects"][1]["metric"] = "fout-positieven per scan"
        results(f)[1] = {"effect": "G1", "counts": {"tp": 40, "fp": 3, "fn": 10, "tn": 200}}
    root = build(tmp_path, change)
    result = check(root)
    f = one(result, "OUT011")
    assert f.severity.name == "WARNING"
    assert (f.file, f.line) == (rel("effects"), line_of(app_file(root, "effects"), "metric: fout-positieven per scan"))
    assert "G1" in f.message and "sensitivity" in f.message and "fout-positieven per scan" in f.message
    [g1] = [v for v in hits(result, "OUT010") if v.data["effect"] == "G1"]
    assert "assumed" in g1.message
    # a named statistic (or a metric that names one) is no finding
    assert hits(check(build(tmp_path / "ok", with_counts())), "OUT011") == []
    def named(f):
        change(f)
        f["effects"]["effects"][1]["statistic"] = "specificity"
    assert hits(check(build(tmp_path / "named", named)), "OUT011") == []


def test_out011_a_result_whose_effect_is_a_mapping_is_a_schema_finding_not_an_internal_error(tmp_path):
    root = build(tmp_path, lambda f: results(f).__setitem__(0, {"effect": {"id": "E1"}, "counts": dict(COUNTS)}))
    result = check(root)
    assert result.internal_errors == []
    assert [f.file for f in hits(result, "SCH003")] == [rel("pilot")]


def test_out009_counts_too_large_do_not_crash_the_check(tmp_path):
    root = build(tmp_path, lambda f: results(f).__setitem__(0, {"effect": "E1", "counts": {"tp": 10 ** 400, "fp": 4, "fn": 1, "tn": 90}}))
    result = check(root)
    assert "too large" in one(result, "OUT009").message
    [e1] = [v for v in hits(result, "OUT010") if v.data["effect"] == "E1"]
    assert e1.data["status"] == "inconclusive"


def test_a_typed_interval_may_state_its_level_and_the_verdict_carries_it(tmp_path):
    """pilot.yaml's interval is "e.g. 95%" but nothing said which level it is; interval_level now
    says so, the schema accepts it (90 is fine, 0.9 is read as a slip for a fraction), and the
    verdict in the JSON output carries it."""
    root = build(tmp_path, lambda f: results(f)[0].update(interval_level=90))
    result = check(root)
    assert [f for f in result.findings if f.code.startswith("SCH")] == []
    [e1] = [f for f in hits(result, "OUT010") if f.data["effect"] == "E1"]
    assert (e1.data["interval_level"], e1.data["interval_basis"]) == (90, "stated")
    assert "(90% CI 0.82–0.88)" in e1.message
    bad_root = build(tmp_path / "bad", lambda f: results(f)[0].update(interval_level=0.9))
    [f] = [f for f in check(bad_root).findings if f.code.startswith("SCH")]
    assert (f.file, f.line) == (rel("pilot"), line_of(bad_root / "applications" / APP / "pilot.yaml", "interval_level"))


# --------------------------------------------------------------------------------------------
# OUT012: a primary effect evaluated on clearly fewer cases than planned


def test_out012_primary_effect_on_far_fewer_cases_than_planned(tmp_path):
    """A pilot planned for 400 cases reported its primary verdict on a 2x2 table of 120 cases; the
    board saw "met" without knowing it rests on 30% of the planned sample."""
    root = build(tmp_path, lambda f: results(f).__setitem__(0, {"effect": "E1", "counts": {"tp": 45, "fp": 3, "fn": 5, "tn": 67}}))
    result = check(root)
    f = one(result, "OUT012")
    assert f.severity.name == "WARNING"
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "counts:"))
    assert "E1" in f.message and "120" in f.message and "400" in f.message
    assert f.data == {"effect": "E1", "cases": 120, "planned": 400, "basis": "counts"}
    # an accuracy's n counts every case too
    def accuracy(f):
        f["effects"]["effects"][0]["statistic"] = "accuracy"
        results(f)[0] = {"effect": "E1", "observed": 0.9, "n": 150}
    assert one(check(build(tmp_path / "acc", accuracy)), "OUT012").data["basis"] == "n"


def test_out012_passes_when_cases_are_near_the_plan_or_not_comparable(tmp_path):
    """Near misses: 2x2 tables of 340 and 400 cases against 400 planned; sensitivity's n of 200
    (the positives only, not the pilot's cases); a time whose n counts patients of a subgroup; a
    guardrail that is not primary; no n at all; no sample_size; a missing result."""
    near = {"effect": "E1", "counts": {"tp": 80, "fp": 20, "fn": 20, "tn": 220}}  # 340 of 400: 85%
    assert hits(check(build(tmp_path / "near", lambda f: results(f).__setitem__(0, near))), "OUT012") == []
    assert hits(check(build(tmp_path / "typed")), "OUT012") == []  # sensitivity, n: 200 of 400 positives
    def time(f):
        f["effects"]["effects"][0].update(metric="median door-to-groin time", unit="minutes", target=60,
                                          direction="decrease")
        results(f)[0] = {"effect": "E1", "observed": 55, "n": 58, "interval": [50, 59]}
    assert hits(check(build(tmp_path / "time", time)), "OUT012") == []
    small = {"effect": "G1", "counts": {"tp": 3, "fp": 2, "fn": 1, "tn": 20}}
    assert hits(check(build(tmp_path / "guard", lambda f: results(f).__setitem__(1, small))), "OUT012") == []
    def no_n(f):
        results(f)[0] = {"effect": "E1", "observed": 0.85, "interval": [0.82, 0.88]}
    assert hits(check(build(tmp_path / "non", no_n)), "OUT012") == []
    few = {"effect": "E1", "counts": {"tp": 45, "fp": 3, "fn": 5, "tn": 67}}
    def no_plan(f):
        results(f)[0] = few
        f["pilot"]["plan"].pop("sample_size")
    assert hits(check(build(tmp_path / "noplan", no_plan)), "OUT012") == []
    def missing(f):
        results(f)[0] = {"effect": "E1", "missing_reason": "reference standard not available"}
    assert hits(check(build(tmp_path / "missing", missing)), "OUT012") == []


def test_out012_reads_the_effects_the_decision_rules_and_the_memo_read(tmp_path):
    """With no effect marked primary the decision rests on the pre-registered benefits. OUT012 had
    its own copy of that rule and read `kind` as written, while the verdicts (DEC001, DEC002,
    OUT013, memo and report) read an effect without `kind` that has a target as a benefit. So a
    benefit without `kind`, on 120 of the 400 planned cases, counted for the decision but OUT012
    (and the memo, which repeats it) said nothing about the shortfall."""
    def no_kind(f):
        e1 = f["effects"]["effects"][0]
        e1.pop("kind")
        e1["primary"] = False
        results(f)[0] = {"effect": "E1", "counts": {"tp": 45, "fp": 3, "fn": 5, "tn": 67}}
    f = one(check(build(tmp_path, no_kind)), "OUT012")
    assert f.data == {"effect": "E1", "cases": 120, "planned": 400, "basis": "counts"}


def test_out012_share_of_the_plan_is_raio_yaml_policy(tmp_path):
    """The 80% below which OUT012 warns was a constant in the code: a hospital that accepts 60% of
    the planned cases, or that wants every planned case, could not say so. raio.yaml
    policy.min_planned_share now sets it (default 0.8); a share outside 0 < x <= 1 is a schema
    finding at its line, and the rule keeps the default."""
    def cases(n_tn):
        return lambda f: results(f).__setitem__(0, {"effect": "E1", "counts": {"tp": 80, "fp": 20, "fn": 20, "tn": n_tn}})
    # 280 of 400 planned: 70%
    assert one(check(build(tmp_path / "default", cases(160))), "OUT012").data["cases"] == 280
    lax = check(build(tmp_path / "lax", cases(160), config={"policy": {"min_planned_share": 0.6}}))
    assert hits(lax, "OUT012") == [] and [f for f in lax.findings if f.file == "raio.yaml"] == []
    # 380 of 400 (95%) passes the default but not a policy that wants every planned case
    assert hits(check(build(tmp_path / "near", cases(260))), "OUT012") == []
    strict = one(check(build(tmp_path / "strict", cases(260), config={"policy": {"min_planned_share": 1}})), "OUT012")
    assert strict.data["cases"] == 380 and "95% of the 400 planned" in strict.message
    for bad in (0, 1.5, "most"):
        root = build(tmp_path / f"bad{bad}", cases(160), config={"policy": {"min_planned_share": bad}})
        result = check(root)
        [f] = [f for f in result.findings if f.file == "raio.yaml"]
        assert f.code.startswith("SCH") and "min_planned_share" in f.message
        assert f.line == line_of(root / "raio.yaml", "min_planned_share")
        assert one(result, "OUT012").data["cases"] == 280  # the default 0.8 still applies


def test_out012_has_a_rule_page_that_says_what_is_compared():
    from raio_cli.rules import RULES

    page = RULES["OUT012"]
    assert "tp + fp + fn + tn" in page.what and "sample_size" in page.what and "positives" in page.what
    # why a result with only observed and n is neither compared nor given an interval from its n
    assert "no interval from `observed` and `n`" in page.what
    assert page.why and page.fix and page.severity.name == "WARNING"


# --------------------------------------------------------------------------------------------
# OUT013: a primary verdict judged on an interval below the level the policy asks


def test_out013_primary_verdict_on_an_interval_below_95_percent(tmp_path):
    """E1 (primary) was "met" on an 80% interval: raio judges every interval by the same rule (the
    whole interval clears the target), so an 80% interval is a one-sided test at 10% where a 95%
    one tests at 2.5%, and nothing warned. A board reads "met" as the usual 95% evidence."""
    root = build(tmp_path, lambda f: results(f)[0].update(interval_level=80))
    result = check(root)
    f = one(result, "OUT013")
    assert f.severity.name == "WARNING"
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "interval_level"))
    assert "E1" in f.message and "met" in f.message and "80%" in f.message and "95%" in f.message
    assert f.data == {"effect": "E1", "status": "met", "level": 80, "minimum": 95}
    # not-met on a 90% interval, against a hospital that asks 95% too
    def short(f):
        results(f)[0].update(observed=0.7, interval=[0.65, 0.75], interval_level=90)
    assert one(check(build(tmp_path / "notmet", short)), "OUT013").data["status"] == "not-met"


def test_out013_reads_a_level_written_as_a_fraction_as_the_level_it_means(tmp_path):
    """interval_level: 0.8 (an 80% interval written as a fraction) was taken as "level not
    stated, 95% assumed": the verdict and the memo presented an 80% interval as a 95% one. The
    schema still reports the slip at its line; the verdict now reads 80%, and OUT013 warns."""
    root = build(tmp_path, lambda f: results(f)[0].update(interval_level=0.8))
    result = check(root)
    [sch] = [f for f in result.findings if f.code.startswith("SCH")]
    assert sch.line == line_of(app_file(root, "pilot"), "interval_level")
    [e1] = [f for f in hits(result, "OUT010") if f.data["effect"] == "E1"]
    assert (e1.data["interval_level"], e1.data["interval_basis"]) == (80, "stated") and "95% assumed" not in e1.message
    assert one(result, "OUT013").data == {"effect": "E1", "status": "met", "level": 80, "minimum": 95}


def test_out013_passes_at_the_level_the_policy_asks_and_where_the_level_changes_nothing(tmp_path):
    """Near misses: a stated 95%; no level stated (95% assumed, the memo says so); a Wilson 95%
    interval from counts; a guardrail that is not primary; an 80% interval that contains the
    target (inconclusive at any level); and a hospital whose policy accepts 80% for pilots."""
    def at(level):
        return lambda f: results(f)[0].update(interval_level=level)
    assert hits(check(build(tmp_path / "stated", at(95))), "OUT013") == []
    assert hits(check(build(tmp_path / "assumed")), "OUT013") == []
    def counts(f):
        results(f)[0] = {"effect": "E1", "counts": {"tp": 180, "fp": 20, "fn": 20, "tn": 180}}
    assert hits(check(build(tmp_path / "wilson", counts)), "OUT013") == []
    def side(f):
        results(f)[1].update(interval_level=80)
        results(f)[0] = {"effect": "E1", "observed": 0.82, "interval": [0.78, 0.86], "interval_level": 80}
    assert hits(check(build(tmp_path / "side", side)), "OUT013") == []
    lax = check(build(tmp_path / "lax", at(80), config={"policy": {"min_interval_level": 80}}))
    assert hits(lax, "OUT013") == [] and [f for f in lax.findings if f.file == "raio.yaml"] == []
    strict = check(build(tmp_path / "strict", at(85), config={"policy": {"min_interval_level": 90}}))
    assert one(strict, "OUT013").data == {"effect": "E1", "status": "met", "level": 85, "minimum": 90}


def test_a_policy_asking_99_percent_judges_counts_and_typed_intervals_at_99(tmp_path):
    """A hospital that wants 99% intervals for its pilots (a safety endpoint) was refused:
    min_interval_level stopped at 95, because raio computed the intervals of 2x2 counts at 95%
    only. It now computes them at the policy's level when that is above 95, so a sensitivity of
    174/200 against a target of 0.80 (Wilson 95% 0.816-0.910, met) is inconclusive at 99%
    (0.797-0.920); a typed 95% interval, stated or assumed, is below the policy (OUT013). At a
    policy of 95 or less nothing changes: counts are judged at 95%."""
    def counts(f):
        results(f)[0] = {"effect": "E1", "counts": {"tp": 174, "fp": 20, "fn": 26, "tn": 180}}
    strict = {"policy": {"min_interval_level": 99}}
    result = check(build(tmp_path / "c99", counts, config=strict))
    assert [f for f in result.findings if f.file == "raio.yaml"] == []
    [e1] = [f for f in hits(result, "OUT010") if f.data["effect"] == "E1"]
    assert (e1.data["status"], e1.data["interval_level"], e1.data["interval_basis"]) == ("inconclusive", 99, "wilson")
    assert "(99% CI 0.797–0.92)" in e1.message, e1.message
    assert hits(result, "OUT013") == []  # the interval is at the level the policy asks
    for config in ({}, {"policy": {"min_interval_level": 90}}):
        [e1] = [f for f in hits(check(build(tmp_path / f"c{len(config)}", counts, config=config)), "OUT010")
                if f.data["effect"] == "E1"]
        assert (e1.data["status"], e1.data["interval_level"]) == ("met", 95), e1.message
    # a typed interval at 95%, stated or assumed, is below a policy of 99
    stated = one(check(build(tmp_path / "s99", lambda f: results(f)[0].update(interval_level=95), config=strict)),
                 "OUT013")
    assert stated.data == {"effect": "E1", "status": "met", "level": 95, "minimum": 99}
    assumed = one(check(build(tmp_path / "a99", config=strict)), "OUT013")
    assert assumed.data == {"effect": "E1", "status": "met", "level": 95, "minimum": 99}


def test_out013_minimum_level_outside_50_to_99_9_is_a_schema_finding_and_the_default_applies(tmp_path):
    """A policy asking 100% could never be met; one below 50 is no interval worth the name."""
    for bad in (100, 40):
        root = build(tmp_path / str(bad), lambda f: results(f)[0].update(interval_level=80),
                     config={"policy": {"min_interval_level": bad}})
        result = check(root)
        [f] = [f for f in result.findings if f.file == "raio.yaml"]
        assert f.code.startswith("SCH") and "min_interval_level" in f.message
        assert f.line == line_of(root / "raio.yaml", "min_interval_level")
        assert one(result, "OUT013").data["minimum"] == 95


def test_out013_has_a_rule_page():
    from raio_cli.rules import RULES

    page = RULES["OUT013"]
    assert "interval_level" in page.what and "min_interval_level" in page.what and "primary" in page.what
    assert "2.5%" in page.why and "interval_level: 95" in page.fix and page.severity.name == "WARNING"


def test_out005_compares_a_typed_interval_with_the_wilson_interval_at_its_stated_level(tmp_path):
    """An 80% interval typed beside its counts (18/20: Wilson 80% 0.78–0.96) was compared with the
    Wilson 95% interval (0.70–0.97) and reported as not fitting its counts; the comparison now
    uses the level the result states, and the message names it."""
    def typed(interval, level=None):
        def change(f):
            results(f)[0] = {"effect": "E1", "counts": {"tp": 18, "fp": 3, "fn": 2, "tn": 377}, "interval": interval,
                             **({"interval_level": level} if level else {})}
        return change
    assert hits(check(build(tmp_path / "a", typed([0.78, 0.96], 80))), "OUT005") == []
    assert "Wilson 95% CI" in one(check(build(tmp_path / "b", typed([0.78, 0.96]))), "OUT005").message
    assert "Wilson 80% CI 0.782–0.958" in one(check(build(tmp_path / "c", typed([0.70, 0.97], 80))), "OUT005").message
