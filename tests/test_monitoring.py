"""Monitoring after the decision: the MON rules (each failing and passing), the summary memos
render, and `raio monitor` (validation, atomic writes, comments kept, the template)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os

import pytest
import yaml

from conftest import EXAMPLE_TODAY, Git, add_as_hinted, codes, copy_example, edit_yaml, make_portfolio, run_check, write

from raio_cli import monitoring as mon

TODAY = "2026-11-15"
APP = "ai-triage"


def dossier(**changes) -> dict:
    """A production application with a complete plan and up-to-date results; ``changes`` replace whole files."""
    files = {
        "application": {"id": APP, "name": "AI triage", "stage": "production", "stage_since": "2026-08-31",
                        "vendor": "Acme", "product": "Triage", "version": "2.0",
                        "regulatory": {"mdr_class": "IIa", "ai_act": {"risk": "high"}}},
        "effects": {"effects": [{"id": "E1", "kind": "benefit"}, {"id": "G1", "kind": "guardrail"}]},
        "pilot": {"plan": {"start": "2025-03-01", "end": "2025-09-30"},
                  "decision": {"choice": "scale-up", "date": "2026-01-10", "decided_by": "RvB", "rationale": "met"}},
        "monitoring": {
            "plan": {"frequency": "monthly", "owner": "RAIO", "metrics": [
                {"id": "M1", "effect": "E1", "description": "sensitivity", "unit": "%", "direction": "increase",
                 "alert_threshold": 90},
                {"id": "M2", "effect": "G1", "description": "false alarms per week", "unit": "per week",
                 "direction": "decrease", "alert_threshold": 3, "frequency": "quarterly"},
            ]},
            "results": [
                {"date": "2026-09-30", "values": {"M1": 93, "M2": 1.5}, "by": "RAIO"},
                {"date": "2026-10-31", "values": {"M1": 94}, "by": "RAIO"},
            ],
            "incidents": [],
        },
    }
    for name, value in changes.items():
        files[name] = value
    return files


def build(tmp_path, files=None, config=None):
    return make_portfolio(tmp_path / "p", {APP: files or dossier()}, config)


def mon_findings(root, today=TODAY, code=None):
    result = run_check(root, "--no-git", today=today)
    return [f for f in result.findings if f.code.startswith("MON") and (code is None or f.code == code)]


def changed(path_files: dict, name: str, fn) -> dict:
    files = copy.deepcopy(path_files)
    fn(files[name])
    return files


def line_of(root, rel, needle, occurrence=1):
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[occurrence - 1]


MON_REL = f"applications/{APP}/monitoring.yaml"


# --------------------------------------------------------------------------------------------
# The passing dossier


def test_complete_production_dossier_has_no_monitoring_findings(tmp_path):
    assert mon_findings(build(tmp_path)) == []


def test_example_portfolio_has_no_monitoring_errors(example):
    result = run_check(example, "--no-git")
    assert [f for f in result.findings if f.code.startswith("MON") and str(f.severity) == "error"] == []


# --------------------------------------------------------------------------------------------
# MON001 plan content


def test_mon001_plan_without_frequency_owner_metrics(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m.update(plan={"owner": ""}, results=[]))
    root = build(tmp_path, files)
    found = mon_findings(root, code="MON001")
    messages = sorted(f.message for f in found)
    assert messages == ["the monitoring plan has no frequency", "the monitoring plan lists no metrics (with an id)",
                        "the monitoring plan names no owner"]
    assert all(f.file == MON_REL for f in found)
    # what is missing at the plan (line 1), the empty owner at its own key
    assert sorted((f.line, f.column, f.message) for f in found)[-1] == (2, 3, "the monitoring plan names no owner")
    assert {(f.line, f.column) for f in found if "owner" not in f.message} == {(1, 1)}


def test_mon001_respects_monitoring_required_false(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m.update(plan={"owner": "RAIO"}, results=[]))
    config = {"organisation": "T", "language": "en", "policy": {"monitoring_required": False}}
    assert mon_findings(build(tmp_path, files, config), code="MON001") == []


def test_mon001_leaves_a_missing_plan_to_the_stage_gate(tmp_path):
    files = dossier()
    del files["monitoring"]
    root = build(tmp_path, files)
    assert mon_findings(root, code="MON001") == []


def test_mon001_not_for_a_pilot(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m.update(plan={"owner": "RAIO"}))
    files["application"]["stage"] = "pilot"
    assert mon_findings(build(tmp_path, files), code="MON001") == []


# --------------------------------------------------------------------------------------------
# MON002 metric that cannot alert


def test_mon002_metric_without_threshold(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m["plan"]["metrics"][0].pop("alert_threshold"))
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON002")
    assert "'M1' has no alert_threshold" in f.message and f.line == line_of(root, MON_REL, "id: M1")


def test_mon002_passes_with_direction_and_threshold(tmp_path):
    assert mon_findings(build(tmp_path), code="MON002") == []


# --------------------------------------------------------------------------------------------
# MON003 / MON004 overdue


def test_mon003_last_result_older_than_one_period(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m.update(results=m["results"][:1]))
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON003")
    assert "last result is of 2026-09-30" in f.message and "due on 2026-10-31" in f.message
    assert f.line == line_of(root, MON_REL, "2026-09-30")


def test_mon003_due_today_is_not_overdue(tmp_path):
    root = build(tmp_path)
    assert mon_findings(root, today="2026-11-30", code="MON003") == []
    assert [f.code for f in mon_findings(root, today="2026-12-01", code="MON003")] == ["MON003"]


def test_mon003_no_results_since_the_start_of_production(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m.update(results=[]))
    files["application"]["stage_since"] = "2026-01-10"
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON003")
    assert ("no monitoring result since the start of production on 2026-01-10" in f.message
            and "first was due on 2026-02-10" in f.message)
    assert f.line == line_of(root, MON_REL, "frequency: monthly")


def test_mon003_mon004_count_from_going_live_not_from_the_decision(tmp_path, capsys):
    """Scaled up on 2026-01-10, switched on on 2026-08-31, no result yet: on 2026-09-15 raio check
    said "no monitoring result since 2026-01-10 … the first was due on 2026-02-10", and status,
    report and 'raio monitor' called it overdue, while MON014 counted the same application from
    its going live and the first monthly result was due only on 2026-09-30."""
    files = changed(dossier(), "monitoring", lambda m: m.update(results=[]))
    root = build(tmp_path, files)  # decision 2026-01-10, stage_since 2026-08-31
    assert mon_findings(root, today="2026-09-15") == []
    assert mon_findings(root, today="2026-09-30") == []  # due on the day itself is not overdue
    [plan] = mon_findings(root, today="2026-10-01", code="MON003")
    assert ("no monitoring result since the start of production on 2026-08-31; with a monthly plan the first "
            "was due on 2026-09-30") in plan.message
    [metric] = mon_findings(root, today="2026-12-01", code="MON004")
    assert ("metric 'M2' is overdue: it has no value since the start of production on 2026-08-31; quarterly, "
            "so due on 2026-11-30") in metric.message
    # what raio monitor shows as due counts from the same day
    from raio_cli import portfolio

    s = mon.monitoring_summary(portfolio.load(root).app(APP), dt.date(2026, 9, 15))
    assert s["overdue"] == [] and s["since"] == "2026-08-31"
    assert {m["id"]: (m["due"], m["overdue"]) for m in s["metrics"]} == {
        "M1": ("2026-09-30", False), "M2": ("2026-11-30", False)}
    code, out, _err = run(["monitor", APP, "--portfolio", str(root), "--today", "2026-09-15"], capsys)
    assert code == 0 and "OVERDUE" not in out and "Overdue" not in out
    from raio_cli import status

    [row] = status.portfolio_status(root, dt.date(2026, 9, 15), use_git=False)["applications"]
    assert row["monitoring_due"] is None and row["monitoring"] == []
    [row] = status.portfolio_status(root, dt.date(2026, 10, 1), use_git=False)["applications"]
    assert row["monitoring_due"] == "2026-09-30"
    # the decision after the switch-on (a retrospective decision): the decision counts
    files["application"]["stage_since"] = "2025-12-01"
    assert [f.code for f in mon_findings(build(tmp_path / "later", files), today="2026-02-11")] == ["MON003"]


def test_mon003_only_in_production(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m.update(results=[]))
    files["application"]["stage"] = "evaluation"
    assert mon_findings(build(tmp_path, files), code="MON003") == []


def test_mon004_metric_with_own_frequency_overdue(tmp_path):
    def old_m2(m):
        m["results"][0]["date"] = "2026-06-30"
        m["results"].append({"date": "2026-07-31", "values": {"M1": 93}})
        m["results"].sort(key=lambda r: r["date"])

    root = build(tmp_path, changed(dossier(), "monitoring", old_m2))
    [f] = mon_findings(root, code="MON004")
    assert "metric 'M2' is overdue" in f.message and "2026-06-30" in f.message and "due on 2026-09-30" in f.message
    assert f.line == line_of(root, MON_REL, "frequency: quarterly")


def test_mon004_quarter_from_month_end_is_month_end(tmp_path):
    root = build(tmp_path)  # M2 last on 2026-09-30: due 2026-12-31
    assert mon_findings(root, today="2026-12-31", code="MON004") == []
    assert len(mon_findings(root, today="2027-01-01", code="MON004")) == 1


def test_mon003_mon004_a_result_at_the_end_of_the_calendar_is_not_overdue_nor_a_crash(tmp_path):
    """A result dated in December 9999 is due again in a year past 9999: the due date stays
    9999-12-31 (nothing overdue), where it failed the rules with 'year 10000 is out of range'."""
    files = changed(dossier(), "monitoring", lambda m: m["results"].append(
        {"date": "9999-12-20", "values": {"M1": 93, "M2": 1.5}, "by": "RAIO"}))
    result = run_check(build(tmp_path, files), "--no-git", today="9999-12-31")
    assert result.internal_errors == []
    assert [f.code for f in result.findings if f.code in ("MON003", "MON004")] == []
    assert mon.add_period(dt.date(9999, 12, 20), "monthly") == dt.date.max
    assert mon.add_months(dt.date(1, 1, 31), -1) == dt.date.min


def test_mon014_months_without_a_result_between_two_results(tmp_path):
    """A RAIO who catches up records the latest months and skips some: MON003 looks only at the
    last result, so four missing months in the middle passed unseen by check, status and report."""
    def gap(m):
        m["results"] = [{"date": "2026-05-31", "values": {"M1": 93, "M2": 1.5}},
                        {"date": "2026-09-30", "values": {"M1": 94, "M2": 1.4}},
                        {"date": "2026-10-31", "values": {"M1": 94}}]

    root = build(tmp_path, changed(dossier(), "monitoring", gap))
    [f] = mon_findings(root, code="MON014")
    assert "no monthly result of M1 between 2026-05-31 and 2026-09-30" in f.message  # M2 is quarterly
    assert "3 results missing" in f.message and "2026-06-30" in f.message
    assert f.line == line_of(root, MON_REL, "2026-09-30")
    assert mon_findings(root, code="MON003") == []  # the last result is recent: only the gap is wrong


def test_mon014_a_gap_in_the_plans_rhythm_names_its_metrics_when_another_has_its_own(tmp_path, capsys):
    """A plan monthly, with M1 following it and M2 quarterly: four months without an M1 value were
    reported as "no monthly result between 2026-05-31 and 2026-09-30", in raio check and in raio
    monitor, while a quarterly M2 result could lie within them. The gap is of the metrics that
    follow the plan's frequency, and says which; with every metric on the plan's rhythm it is
    still "no monthly result"."""
    def gap(m):
        m["results"] = [{"date": "2026-05-31", "values": {"M1": 93, "M2": 1.5}},
                        {"date": "2026-07-31", "values": {"M2": 1.2}},
                        {"date": "2026-09-30", "values": {"M1": 94, "M2": 1.4}},
                        {"date": "2026-10-31", "values": {"M1": 94}}]

    root = build(tmp_path, changed(dossier(), "monitoring", gap))
    [f] = mon_findings(root, code="MON014")
    assert "no monthly result of M1 between 2026-05-31 and 2026-09-30: 3 results missing" in f.message, f.message
    code, out, _err = run(monitor(root), capsys)
    assert code == 0 and ("Missing: no monthly result of M1 between 2026-05-31 and 2026-09-30 (3 results, "
                          "the first due on 2026-06-30).") in " ".join(out.split()), out

    def same_rhythm(m):
        gap(m)
        del m["plan"]["metrics"][1]["frequency"]  # M2 monthly too: its July result is the plan's
    root = build(tmp_path / "all", changed(dossier(), "monitoring", same_rhythm))
    found = [f.message for f in mon_findings(root, code="MON014")]
    assert found == ["no monthly result between 2026-05-31 and 2026-07-31: 1 result missing, the first due on 2026-06-30",
                     "no monthly result between 2026-07-31 and 2026-09-30: 1 result missing, the first due on 2026-08-31"]


def retired_with_results(results: list[str], on: str = "2026-10-31") -> dict:
    """The dossier retired on ``on`` (stage_since the retirement), with monthly M1 results on ``results``."""
    files = dossier()
    files["application"].update(stage="retired", stage_since=on, retirement={
        "date": on, "decided_on": "2026-09-15", "decided_by": "RvB", "reason": "vendor ends the product",
        "replacement": "none"})
    files["monitoring"]["plan"]["metrics"] = files["monitoring"]["plan"]["metrics"][:1]
    files["monitoring"]["results"] = [{"date": d, "values": {"M1": 93}} for d in results]
    return files


def test_mon014_a_retired_application_keeps_the_gaps_of_its_use(tmp_path):
    """MON014 looked only at applications in production: once retired, four months without a
    result in the middle of its use went unreported, and its retirement memo read as if the
    application had been watched while it was used."""
    files = retired_with_results(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-09-30", "2026-10-31"])
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON014")
    assert "no monthly result between 2026-04-30 and 2026-09-30: 4 results missing" in f.message
    assert f.file == MON_REL and f.line == line_of(root, MON_REL, "2026-09-30")


def test_mon014_a_retired_application_without_results_up_to_its_switch_off(tmp_path, capsys):
    """The last months before the switch-off are part of its use: the retirement date closes the
    period as a result would (at the retirement date in application.yaml); a result dated after
    the switch-off (MON019) does not fill the gap, and nothing is due after it."""
    files = retired_with_results(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30",
                     "2026-11-10"])
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON014")
    assert ("no monthly result between 2026-06-30 and the retirement on 2026-10-31: 3 results missing, "
            "the first due on 2026-07-31") in f.message
    assert f.file == f"applications/{APP}/application.yaml"
    assert f.line == line_of(root, f"applications/{APP}/application.yaml", "date: '2026-10-31'")
    assert [x.code for x in mon_findings(root) if x.code in ("MON003", "MON004")] == []
    code, out, _err = run(monitor(root), capsys)
    assert code == 0 and ("Missing: no monthly result between 2026-06-30 and the retirement on 2026-10-31 (3 results, "
                          "the first due on 2026-07-31).") in " ".join(out.split())
    # explained where it is reported, it is kept quiet there
    path = root / f.file
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[f.line - 1] += "  # raio: ignore[MON014] scanner room closed for renovation July to October"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert mon_findings(root, code="MON014") == []


def test_monitor_view_marks_a_gap_explained_by_a_suppression(tmp_path, capsys):
    """raio monitor listed a gap that a # raio: ignore[MON014] REASON explains as "Missing", while
    memo and report leave it out: the RAIO's working view keeps it, marked with the reason (a
    patient number in it masked), not as missing; the text view and the JSON say so alike."""
    files = retired_with_results(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30"])
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON014")
    path = root / f.file
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[f.line - 1] += "  # raio: ignore[MON014] scanner room closed July to October, see case 111222333"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(monitor(root), capsys)
    said = " ".join(out.split())
    assert code == 0, err
    assert "Missing:" not in said
    assert ("no monthly result between 2026-06-30 and the retirement on 2026-10-31 (3 results, the first due on "
            "2026-07-31) (explained: scanner room closed July to October, see case") in said
    assert "111222333" not in out + err
    code, out, err = run(monitor(root, "--format", "json"), capsys)
    [gap] = json.loads(out)["gaps"]
    assert gap["explained"].startswith("scanner room closed July to October") and "111222333" not in out
    # an unexplained gap stays missing, with no explanation
    path.write_text("\n".join(lines[:f.line - 1] + [lines[f.line - 1].split("  # raio:")[0]] + lines[f.line:]) + "\n",
                    encoding="utf-8")
    code, out, err = run(monitor(root, "--format", "json"), capsys)
    [gap] = json.loads(out)["gaps"]
    assert gap["explained"] is None
    # two gaps that end on one result's line (the plan's rhythm and a metric's own) are both explained
    files = dossier()
    files["application"]["stage_since"] = "2026-01-20"
    root = build(tmp_path / "two", files)
    path, i = root / MON_REL, line_of(root, MON_REL, "2026-09-30") - 1
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[i] += "  # raio: ignore[MON014] no results kept before the new registry went live"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(monitor(root, "--format", "json"), capsys)
    gaps = json.loads(out)["gaps"]
    assert len(gaps) == 2 and all(g["explained"] == "no results kept before the new registry went live" for g in gaps)


def test_mon014_a_retired_application_watched_to_the_end_passes(tmp_path):
    """Its use starts at the scale-up decision (2026-01-10), not at stage_since, which is the day
    it was retired: the first result is not read as months late."""
    files = retired_with_results(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30",
                     "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31"])
    assert mon_findings(build(tmp_path, files), code="MON014") == []


def test_mon014_metric_with_own_frequency_skipped_a_period(tmp_path):
    def gap(m):
        m["results"] = [{"date": "2026-03-31", "values": {"M1": 93, "M2": 1.5}}] + [
            {"date": f"2026-{month:02d}-{day}", "values": {"M1": 93}}
            for month, day in ((4, 30), (5, 31), (6, 30), (7, 31), (8, 31))] + m["results"]

    root = build(tmp_path, changed(dossier(), "monitoring", gap))
    [f] = mon_findings(root, code="MON014")
    assert "metric 'M2' has no quarterly value between 2026-03-31 and 2026-09-30" in f.message
    assert "1 result missing" in f.message and f.line == line_of(root, MON_REL, "2026-09-30")


def test_mon014_months_without_a_result_between_the_start_of_production_and_the_first(tmp_path):
    """In production since January, the first monitoring result recorded in September: MON014
    looked only between two results, so the seven months no result was recorded for passed
    unseen by check, status, report and memo."""
    files = dossier()
    files["application"]["stage_since"] = "2026-01-20"
    root = build(tmp_path, files)
    found = mon_findings(root, code="MON014")
    plan = next(f for f in found if "monthly" in f.message)
    assert ("no monthly result of M1 between the start of production on 2026-01-20 and 2026-09-30: "
            "7 results missing, the first due on 2026-02-20") in plan.message
    assert plan.line == line_of(root, MON_REL, "2026-09-30")
    metric = next(f for f in found if "'M2'" in f.message)
    assert "metric 'M2' has no quarterly value between the start of production on 2026-01-20" in metric.message
    assert "1 result missing" in metric.message
    # the start is the later of the decision and stage_since: go-live may follow the decision by months
    files["application"]["stage_since"] = "2026-08-31"
    assert mon_findings(build(tmp_path / "later", files), code="MON014") == []
    # explained on the first result's date line, as any gap
    path = root / MON_REL
    lines = path.read_text(encoding="utf-8").splitlines()
    i = line_of(root, MON_REL, "2026-09-30") - 1
    lines[i] += "  # raio: ignore[MON014] no results kept before the new registry went live"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert mon_findings(root, code="MON014") == []


@pytest.mark.parametrize("dates", [
    ["2026-09-30", "2026-10-31"],          # on time
    ["2026-08-31", "2026-10-20"],          # one late result, none missing
    ["2026-09-30", "2026-09-30"],          # the same date twice
])
def test_mon014_passes(tmp_path, dates):
    def results(m):
        m["results"] = [{"date": d, "values": {"M1": 93, "M2": 1.5}} for d in dates]

    assert mon_findings(build(tmp_path, changed(dossier(), "monitoring", results)), code="MON014") == []


def test_mon014_a_result_at_the_end_of_the_calendar_ends(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m["results"].append(
        {"date": "9999-12-31", "values": {"M1": 93, "M2": 1.5}}))
    result = run_check(build(tmp_path, files), "--no-git", today="9999-12-31")
    assert result.internal_errors == []
    [f] = [f for f in result.findings if f.code == "MON014" and "monthly" in f.message]
    assert "results missing" in f.message


# --------------------------------------------------------------------------------------------
# MON005 alerts without follow-up


def test_mon005_value_past_threshold_without_follow_up(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m["results"][1]["values"].update(M1=88.5))
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON005")
    # the threshold with its unit, as the memo gives it ("alarm onder 90%"); it once read "90"
    assert "M1 = 88.5% on 2026-10-31 is below its alert threshold 90%" in f.message
    assert f.line == line_of(root, MON_REL, "88.5")


def test_mon005_decrease_metric_above_threshold(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m["results"][0]["values"].update(M2=3.5))
    [f] = mon_findings(build(tmp_path, files), code="MON005")
    assert "M2 = 3.5 per week on 2026-09-30 is above its alert threshold 3 per week" in f.message


@pytest.mark.parametrize("unit, shown", [("minutes", "12 minutes"), ("aantal per kwartaal", "12 per kwartaal"),
                                         ("aantal", "12"), ("yes/no", "12"), ("", "12"), (None, "12")])
def test_mon005_gives_the_threshold_with_its_unit_as_the_memo_does(tmp_path, unit, shown):
    # one rule for a unit after a number, the memo's: a count or yes/no stands alone
    def edit(m):
        metric = m["plan"]["metrics"][1]
        metric.update(unit=unit, alert_threshold=12)
        if unit is None:
            del metric["unit"]
        m["results"][0]["values"]["M2"] = 14

    [f] = mon_findings(build(tmp_path, changed(dossier(), "monitoring", edit)), code="MON005")
    value = shown.replace("12", "14", 1)
    assert f"M2 = {value} on 2026-09-30 is above its alert threshold {shown} and" in f.message, f.message


@pytest.mark.parametrize("value, follow_up", [(90, None), (88.5, "Analysed with the vendor; a PACS routing fault.")])
def test_mon005_passes_at_threshold_or_with_follow_up(tmp_path, value, follow_up):
    def edit(m):
        m["results"][1]["values"]["M1"] = value
        if follow_up:
            m["results"][1]["follow_up"] = follow_up

    assert mon_findings(build(tmp_path, changed(dossier(), "monitoring", edit)), code="MON005") == []


# --------------------------------------------------------------------------------------------
# MON006 unknown metric, MON007 unknown effect, MON008 future dates


def test_mon006_result_for_unknown_metric(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m["results"][1]["values"].update(m1=93))
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON006")
    assert f.message == "result value for 'm1', which is not a metric of the plan" and f.hint == "Did you mean 'M1'?"
    assert (f.file, f.line, f.column) == (MON_REL, line_of(root, MON_REL, "m1: 93"), 5)


def test_mon006_passes_for_known_metrics(tmp_path):
    assert mon_findings(build(tmp_path), code="MON006") == []


def test_mon007_metric_refers_to_unknown_effect(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m["plan"]["metrics"][1].update(effect="G9"))
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON007")
    assert "'G9'" in f.message and f.line == line_of(root, MON_REL, "effect: G9")


def test_mon007_passes_for_known_effects(tmp_path):
    assert mon_findings(build(tmp_path), code="MON007") == []


def test_mon008_future_result_and_report(tmp_path):
    def edit(m):
        m["results"].append({"date": "2062-10-31", "values": {"M1": 95}})
        m["incidents"] = [{"date": "2026-11-01", "description": "x", "severity": "minor",
                           "reported_to": {"vendor": "2026-12-01"}}]

    root = build(tmp_path, changed(dossier(), "monitoring", edit))
    found = mon_findings(root, code="MON008")
    assert len(found) == 2 and {f.line for f in found} == {line_of(root, MON_REL, "2062-10-31"), line_of(root, MON_REL, "2026-12-01")}
    assert sorted(f.message for f in found) == ["incident report to vendor dated 2026-12-01, after today",
                                                "monitoring result dated 2062-10-31, after today (2026-11-15)"]


def test_mon008_passes_for_past_dates(tmp_path):
    assert mon_findings(build(tmp_path), code="MON008") == []


# --------------------------------------------------------------------------------------------
# MON009 serious incidents


def incident(**reported):
    return {"date": "2026-10-02", "description": "Missed occlusion, found by the neuroradiologist.",
            "severity": "serious", **({"reported_to": reported} if reported else {})}


def test_mon009_serious_incident_without_manufacturer_report(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m.update(incidents=[incident(vendor="2026-10-02")]))
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON009")
    assert f.message == "serious incident of 2026-10-02 has no report to the manufacturer recorded"
    assert (f.file, f.line) == (MON_REL, line_of(root, MON_REL, "vendor: '2026-10-02'"))  # at reported_to
    assert "update-incident --date 2026-10-02 --reported-manufacturer YYYY-MM-DD" in f.hint
    assert "--reported-vendor" not in f.hint


def test_mon009_serious_incident_without_any_report(tmp_path):
    files = changed(dossier(), "monitoring", lambda m: m.update(incidents=[incident()]))
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON009")
    assert "to the vendor or the manufacturer" in f.message
    assert (f.file, f.line) == (MON_REL, line_of(root, MON_REL, "severity: serious"))  # no reported_to: at severity


@pytest.mark.parametrize("inc", [
    incident(vendor="2026-10-02", manufacturer="2026-10-03"),
    {"date": "2026-10-02", "description": "Slow results for an hour.", "severity": "moderate"},
])
def test_mon009_passes(tmp_path, inc):
    files = changed(dossier(), "monitoring", lambda m: m.update(incidents=[inc]))
    assert mon_findings(build(tmp_path, files), code="MON009") == []


def _hint_of(root, code, capsys, monkeypatch, where="."):
    """The hint raio check prints for ``code``, run from ``root / where`` as a user runs it."""
    from raio_cli.cli import main

    monkeypatch.chdir(root / where)
    monkeypatch.setenv("COLUMNS", "500")
    with pytest.raises(SystemExit):
        main(["check", "--no-cache", "--today", TODAY, "--select", code])
    out = capsys.readouterr().out
    hints = [line.split("hint: ", 1)[1] for line in out.splitlines() if "hint: " in line]
    assert len(hints) == 1, out
    return hints[0]


@pytest.mark.parametrize("where", [".", f"applications/{APP}"])
def test_mon009_hint_followed_as_typed_records_the_reports(tmp_path, capsys, monkeypatch, where):
    """MON009 said 'add reported_to.vendor: YYYY-MM-DD, reported_to.manufacturer: YYYY-MM-DD';
    typed as it reads, those are two unknown fields (SCH002) and MON009 stays. The hint now gives
    the raio monitor command that records them; run as printed (dates filled in), MON009 is gone
    and nothing new is found."""
    import shlex

    from raio_cli.cli import main

    files = changed(dossier(), "monitoring", lambda m: m.update(incidents=[incident()]))
    root = build(tmp_path, files)
    hint = _hint_of(root, "MON009", capsys, monkeypatch, where)
    command = hint.split("record the dates: ", 1)[1].replace("YYYY-MM-DD", "2026-10-05")
    args = shlex.split(command)
    assert args[0] == "raio" and "update-incident" in args, hint
    with pytest.raises(SystemExit) as exc:
        main(args[1:] + ["--today", TODAY])
    assert exc.value.code == 0, capsys.readouterr().err
    assert mon_findings(root, code="MON009") == []
    assert not [f for f in run_check(root, "--no-git", today=TODAY).findings if f.file == MON_REL and f.severity.name == "ERROR"]


@pytest.mark.parametrize("results", [[], [{"date": "2026-09-30", "values": {"M1": 93}, "by": "RAIO"}]])
def test_mon003_hint_followed_as_typed_records_the_result(tmp_path, capsys, monkeypatch, results):
    """MON003 said "raio monitor APP result --date YYYY-MM-DD --value ID=NUMBER": typed as it
    read, ID is no metric and raio monitor refused it. The hint names the plan's metrics (M1;
    M2 has a rhythm of its own, MON004's); run as printed, numbers and date filled in, MON003 is
    gone."""
    import shlex

    from raio_cli.cli import main

    files = changed(dossier(), "monitoring", lambda m: m.update(results=results))
    root = build(tmp_path, files)
    hint = _hint_of(root, "MON003", capsys, monkeypatch)
    command = hint.split(": ", 1)[1]
    assert command.endswith("result --date YYYY-MM-DD --value M1=NUMBER"), hint
    args = shlex.split(command.replace("YYYY-MM-DD", "2026-11-14").replace("NUMBER", "93"))
    with pytest.raises(SystemExit) as exc:
        main(args[1:] + ["--today", TODAY])
    assert exc.value.code == 0, capsys.readouterr().err
    assert mon_findings(root, code="MON003") == []


def test_mon001_hints_followed_as_typed_complete_the_plan(tmp_path, capsys, monkeypatch):
    """MON001 said "Add plan.owner: the role ..." of a plan whose `owner: ""` was there (the
    template's, uncommented): typed as it read, a second owner (or an unknown field
    'plan.owner'). It says which line to fill in, or above which key to add the line; done as
    it says, MON001 is gone and nothing else is found in monitoring.yaml."""
    import re

    files = dossier()
    del files["monitoring"]["plan"]["frequency"]
    files["monitoring"]["plan"]["owner"] = ""
    root = build(tmp_path, files)
    path = root / MON_REL
    for _ in range(2):
        (f, *_rest) = mon_findings(root, code="MON001")
        lines = path.read_text(encoding="utf-8").split("\n")
        n = int(re.search(r"line (\d+)", f.hint).group(1))
        row = lines[n - 1]
        indent = row[:len(row) - len(row.lstrip())]
        if "fill in owner: on line" in f.hint:
            lines[n - 1] = indent + "owner: RAIO"
        else:
            add_as_hinted(lines, f.hint, "frequency", "monthly")
        path.write_text("\n".join(lines), encoding="utf-8")
    assert mon_findings(root, code="MON001") == []
    assert [g for g in run_check(root, "--no-git", today=TODAY).findings if g.file == MON_REL and g.code[:3] in ("SCH", "YML")] == []


def test_mon009_hint_of_an_incident_the_date_does_not_name_gives_yaml_that_works(tmp_path, capsys, monkeypatch):
    """Two serious incidents on one day: the command cannot pick one by its date, so the hint
    gives the line to add; added as it says (indented as the incident's date), MON009 is gone."""
    files = changed(dossier(), "monitoring",
                    lambda m: m.update(incidents=[incident(vendor="2026-10-02", manufacturer="2026-10-02"), incident()]))
    root = build(tmp_path, files)
    hint = _hint_of(root, "MON009", capsys, monkeypatch)
    assert "add the line reported_to: {vendor: YYYY-MM-DD, manufacturer: YYYY-MM-DD} to the incident" in hint
    line = hint.split("add the line ", 1)[1].split(" to the incident")[0].replace("YYYY-MM-DD", "2026-10-05")
    path = root / MON_REL
    lines = path.read_text(encoding="utf-8").splitlines()
    at = line_of(root, MON_REL, "date: '2026-10-02'", occurrence=2) - 1  # the second incident's date
    indent = lines[at][:len(lines[at]) - len(lines[at].lstrip(" -"))].replace("-", " ")
    lines.insert(at + 1, indent + line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert mon_findings(root, code="MON009") == []
    assert not [f for f in run_check(root, "--no-git", today=TODAY).findings if f.file == MON_REL and f.severity.name == "ERROR"]


# --------------------------------------------------------------------------------------------
# MON010 new version without re-assessment


def with_version(version, reassessments=None):
    files = dossier()
    files["application"]["version"] = version
    if reassessments is not None:
        files["application"]["reassessments"] = reassessments
    return files


def test_mon015_serious_incident_reported_months_later(tmp_path):
    """A missed fracture sent home on 20 August was passed to the vendor and the manufacturer on
    30 October: MON009 was satisfied by the dates being there, and nothing said the report
    came ten weeks after the incident (AI Act Art 26(5): immediately)."""
    def edit(m):
        m["incidents"] = [{"date": "2026-08-20", "description": "missed hip fracture", "severity": "serious",
                           "reported_to": {"vendor": "2026-10-30", "manufacturer": "2026-08-21"}}]

    root = build(tmp_path, changed(dossier(), "monitoring", edit))
    [f] = mon_findings(root, code="MON015")
    assert str(f.severity) == "warning" and f.line == line_of(root, MON_REL, "2026-10-30")
    assert "reported to the vendor on 2026-10-30, 71 days after the serious incident of 2026-08-20" in f.message
    assert "15 days" in f.message


def test_mon015_hint_says_how_to_keep_an_explained_late_report(tmp_path):
    """A RAIO who followed the hint and wrote in follow_up why the report was late still got the
    warning on every check, for ever (also after retirement): the hint did not say that the
    explanation goes on the date line as an inline suppression, as the rule's page does."""
    def edit(m):
        m["incidents"] = [{"date": "2026-08-20", "description": "missed hip fracture", "severity": "serious",
                           "reported_to": {"vendor": "2026-09-13", "manufacturer": "2026-08-21"},
                           "follow_up": "Found in the monthly discrepancy review"}]

    root = build(tmp_path, changed(dossier(), "monitoring", edit))
    [f] = mon_findings(root, code="MON015")
    assert "# raio: ignore[MON015] REASON on this line" in f.hint
    # the hint works as given
    path = root / MON_REL
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[f.line - 1] += "  # raio: ignore[MON015] found in the monthly discrepancy review"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert mon_findings(root, code="MON015") == []


def test_mon015_follows_the_policy(tmp_path):
    def edit(m):
        m["incidents"] = [{"date": "2026-08-20", "description": "x", "severity": "serious",
                           "reported_to": {"vendor": "2026-08-25", "manufacturer": "2026-08-25"}}]

    files = changed(dossier(), "monitoring", edit)
    assert mon_findings(build(tmp_path, files), code="MON015") == []
    root = make_portfolio(tmp_path / "strict", {APP: files}, {"policy": {"incident_report_days": 2}})
    # the vendor is the manufacturer (one report, one date, as MON009's fix says to record it): one finding
    [f] = mon_findings(root, code="MON015")
    assert f.data["parties"] == ["vendor", "manufacturer"]


def test_mon015_one_late_report_to_a_vendor_that_is_the_manufacturer_is_one_finding(tmp_path):
    """The vendor is the legal manufacturer: one report, recorded with the same date under both
    (as MON009 asks). A late report was warned of twice, once per role, and a user saw the same
    late report twice; now one finding names both roles, at the vendor: line, where one
    suppression keeps it."""
    def edit(m):
        m["incidents"] = [{"date": "2026-08-20", "description": "missed hip fracture", "severity": "serious",
                           "reported_to": {"vendor": "2026-10-30", "manufacturer": "2026-10-30"}}]

    root = build(tmp_path, changed(dossier(), "monitoring", edit))
    [f] = mon_findings(root, code="MON015")
    assert f.line == line_of(root, MON_REL, "vendor:")
    assert ("reported to the vendor and the manufacturer on 2026-10-30, 71 days after the serious incident "
            "of 2026-08-20") in f.message
    assert f.data["party"] == "vendor" and f.data["parties"] == ["vendor", "manufacturer"]
    path = root / MON_REL
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[f.line - 1] += "  # raio: ignore[MON015] found in the quarterly discrepancy review"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert mon_findings(root, code="MON015") == []


def test_mon015_two_late_reports_on_different_days_stay_two_findings(tmp_path):
    def edit(m):
        m["incidents"] = [{"date": "2026-08-20", "description": "x", "severity": "serious",
                           "reported_to": {"vendor": "2026-10-30", "manufacturer": "2026-10-01"}}]

    root = build(tmp_path, changed(dossier(), "monitoring", edit))
    assert [f.data["parties"] for f in mon_findings(root, code="MON015")] == [["vendor"], ["manufacturer"]]


@pytest.mark.parametrize("inc", [
    {"date": "2026-08-20", "description": "x", "severity": "moderate", "reported_to": {"vendor": "2026-11-01"}},
    {"date": "2026-08-20", "description": "x", "severity": "serious",
     "reported_to": {"vendor": "2026-09-04", "manufacturer": "2026-09-04", "igj": "2026-10-30"}},
])
def test_mon015_passes(tmp_path, inc):
    root = build(tmp_path, changed(dossier(), "monitoring", lambda m: m.update(incidents=[inc])))
    assert mon_findings(root, code="MON015") == []


def test_mon010_without_history_latest_reassessment_must_cover_version(tmp_path):
    files = with_version("2.1", [{"date": "2026-03-01", "version": "1.9"}, {"date": "2026-06-01", "version": "2.0"}])
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON010")
    assert "version 2.1 is in production" in f.message and "is of 2.0" in f.message
    assert f.file == f"applications/{APP}/application.yaml" and f.line == line_of(root, f.file, "version: '2.1'")


@pytest.mark.parametrize("version, reassessments", [
    ("2.0.3", [{"date": "2026-06-01", "version": "2.0"}]),  # a re-assessment of 2.0 covers 2.0.3
    ("2.1", [{"date": "2026-06-01", "version": "2.1"}]),
    ("2.1", None),  # no history, no re-assessments: nothing to compare with
])
def test_mon010_without_history_passes(tmp_path, version, reassessments):
    assert mon_findings(build(tmp_path, with_version(version, reassessments)), code="MON010") == []


def test_mon010_reads_the_version_at_the_decision_from_git(tmp_path):
    root = build(tmp_path)
    git = Git(root)
    git.commit("Dossier with version 2.0", "2025-12-01")
    files = with_version("2.1")
    write(root / "applications" / APP / "application.yaml", files["application"])
    git.commit("Vendor update to 2.1", "2026-05-04")
    result = run_check(root, today=TODAY)
    [f] = [f for f in result.findings if f.code == "MON010"]
    assert "decided for version 2.0" in f.message and "no re-assessment covers 2.1" in f.message

    files = with_version("2.1", [{"date": "2026-05-20", "version": "2.1", "summary": "40 cases re-read", "by": "RAIO"}])
    write(root / "applications" / APP / "application.yaml", files["application"])
    git.commit("Re-assessment of 2.1", "2026-05-20")
    assert "MON010" not in codes(run_check(root, today=TODAY))


def test_mon010_git_history_with_unchanged_version_passes(tmp_path):
    root = build(tmp_path, with_version("2.0", [{"date": "2025-06-01", "version": "1.0"}]))
    Git(root).commit("Dossier", "2025-12-01")
    # the fallback would flag 1.0 vs 2.0; the history shows 2.0 was the version decided on
    assert "MON010" not in codes(run_check(root, today=TODAY))


# --------------------------------------------------------------------------------------------
# MON011 retirement dates, MON012/MON013 after use


def retired(day="2026-09-01", **compliance_items):
    files = dossier()
    files["application"].update(stage="retired", stage_since=day,
                                retirement={"date": day, "reason": "vendor ended the product", "replaced_by": "none"})
    files["compliance"] = {"items": [{"id": k.replace("_", "-"), **v} for k, v in compliance_items.items()]}
    return files


@pytest.mark.parametrize("day, text", [("2025-12-01", "before the decision of 2026-01-10"),
                                       ("2026-12-01", "lies in the future")])
def test_mon011_retirement_date_implausible(tmp_path, day, text):
    root = build(tmp_path, retired(day))
    [f] = mon_findings(root, code="MON011")
    assert text in f.message and f.line == line_of(root, f"applications/{APP}/application.yaml", f"date: '{day}'")


@pytest.mark.parametrize("day", ["2026-09-01", "2026-01-10", TODAY])  # the decision's day and today itself too
def test_mon011_passes(tmp_path, day):
    assert mon_findings(build(tmp_path, retired(day)), code="MON011") == []


def test_mon016_planned_retirement_date_passed_while_still_in_production(tmp_path):
    """The board decided to stop on 2026-10-31 and the RAIO kept the stage production until the
    switch-off, as MON011 asks; after that day nothing said the stage was never moved on, and
    the monitoring rules went on asking for results of an application no longer in use."""
    files = dossier()
    files["application"]["retirement"] = {"date": "2026-10-31", "reason": "drift"}
    root = build(tmp_path, files)
    assert mon_findings(root, today="2026-10-31", code="MON016") == []
    [f] = mon_findings(root, today="2026-11-01", code="MON016")
    assert str(f.severity) == "warning" and "2026-10-31" in f.message and "still production" in f.message
    assert f.line == line_of(root, f"applications/{APP}/application.yaml", "2026-10-31")
    assert "stage: retired" in f.hint


def test_mon017_a_retired_application_does_not_say_who_decided_the_stop(tmp_path):
    """A retirement recorded the day of the switch-off and why, but not who decided to stop: the
    memo then had no decision maker to show, as DEC008 asks of the decision after the pilot."""
    root = build(tmp_path, retired())
    [f] = mon_findings(root, code="MON017")
    assert str(f.severity) == "warning" and "does not say who decided the stop (decided_by)" in f.message
    assert f.line == line_of(root, f"applications/{APP}/application.yaml", "retirement:")
    assert "decided_by" in f.hint and "decided_on" in f.hint


def test_mon017_hint_followed_as_typed_names_the_decider(tmp_path):
    """MON017 said "Write retirement.decided_by: ..., and retirement.decided_on: ...": typed as
    it read, two unknown names (SCH002) beside retirement:. It says below which line of the
    retirement to add each line: retirement:'s, which the first line added leaves where it is
    ("just above date: (line 13)" named, after it, the line added). Done so, by the line numbers
    given, MON017 is gone and nothing else is found in application.yaml."""
    root = build(tmp_path, retired())
    [f] = mon_findings(root, code="MON017")
    path = root / "applications" / APP / "application.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    for key, value in (("decided_by", "Raad van bestuur"), ("decided_on", "2026-08-15")):
        # by the line each names, the second after the first was added: the line it names
        # holds what the hint says (just above date: (line 13) named decided_by's line then)
        add_as_hinted(lines, f.hint.split("; and ")[key == "decided_on"], key, value)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert mon_findings(root, code="MON017") == []
    assert [g.code for g in run_check(root, "--no-git", today=TODAY).findings
            if g.file.endswith("application.yaml") and g.code[:3] in ("SCH", "YML")] == []


def test_mon017_passes(tmp_path):
    files = retired()
    files["application"]["retirement"].update(decided_by="Raad van bestuur", decided_on="2026-08-15")
    assert mon_findings(build(tmp_path, files), code="MON017") == []
    # a stop proposed while the application still runs: nobody has decided it yet (raio memo asks the board)
    files = dossier()
    files["application"]["retirement"] = {"date": "2027-01-31", "reason": "drift"}
    assert mon_findings(build(tmp_path / "proposed", files), code="MON017") == []


def test_mon017_a_stop_decided_in_production_does_not_say_who_decided_it(tmp_path):
    """The board decided on 1 November to switch off in January; the RAIO wrote the date of the
    decision (decided_on) but not who took it. The memo shows the stop as decided, "the dossier
    does not say by whom", while raio check, which asks a retired application for its decider,
    said nothing until the switch-off."""
    files = dossier()
    files["application"]["retirement"] = {"date": "2027-01-31", "reason": "drift", "decided_on": "2026-11-01"}
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON017")
    assert str(f.severity) == "warning" and "does not say who decided the stop (decided_by)" in f.message
    assert f.line == line_of(root, f"applications/{APP}/application.yaml", "retirement:")


@pytest.mark.parametrize("decided_on, text, severity", [
    # an emergency switch-off the board confirms afterwards can happen: a warning, to be explained
    ("2026-09-15", "the stop was decided on 2026-09-15, after the switch-off on 2026-09-01", "warning"),
    # a retired application whose stop is still to be decided, or was decided before it was scaled
    # up, contradicts itself, as a retirement date in the future or before the scale-up (MON011)
    ("2026-12-01", "the stop was decided on 2026-12-01, which lies in the future (today is 2026-11-15)", "error"),
    ("2025-12-01", "the stop was decided on 2025-12-01, before the scale-up decision of 2026-01-10", "error"),
])
def test_mon018_a_retirement_decided_after_the_switch_off_or_in_the_future(tmp_path, decided_on, text, severity):
    """A retired application whose stop was decided two weeks after it was switched off, or on a
    day still to come: raio check said nothing, and the memo showed the impossible order as
    the decision taken."""
    files = retired()
    files["application"]["retirement"].update(decided_by="Raad van bestuur", decided_on=decided_on)
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON018")
    assert str(f.severity) == severity and text in f.message, f.message
    assert f.line == line_of(root, f"applications/{APP}/application.yaml", "decided_on:")


def test_mon011_mon018_a_retired_stage_with_a_stop_still_to_come_is_one_error(tmp_path):
    """The board will decide on 1 December to switch off on 31 January, and the RAIO already set
    the stage to retired: check reported the same fact (the stop has not happened yet) twice,
    once as an error (MON011, the date) and once as a warning (MON018, the decision), and the
    board read two findings with two severities for one mistake with one fix."""
    files = retired("2027-01-31")
    files["application"]["retirement"].update(decided_by="Raad van bestuur", decided_on="2026-12-01")
    root = build(tmp_path, files)
    found = [f for f in mon_findings(root) if f.code in ("MON011", "MON018")]
    assert [(f.code, str(f.severity)) for f in found] == [("MON011", "error")], found
    assert "lies in the future" in found[0].message and "production" in found[0].hint
    # the order of the two dates is a fact of its own: still reported when both lie ahead
    files["application"]["retirement"].update(decided_on="2027-02-15")
    found = [f for f in mon_findings(build(tmp_path / "reversed", files)) if f.code in ("MON011", "MON018")]
    assert sorted((f.code, f.data.get("variant")) for f in found) == [("MON011", "future"),
                                                                      ("MON018", "after_switch_off")], found


def test_mon018_a_planned_stop_decided_after_its_own_date(tmp_path):
    files = dossier()
    files["application"]["retirement"] = {"date": "2027-01-31", "reason": "drift", "decided_on": "2027-02-15"}
    [f] = mon_findings(build(tmp_path, files), code="MON018")
    assert "the stop was decided on 2027-02-15, after the switch-off on 2027-01-31" in f.message


@pytest.mark.parametrize("stage, retirement", [
    ("retired", {"decided_on": "2026-08-15"}),           # decided before the switch-off
    ("retired", {"decided_on": "2026-09-01"}),           # decided on the day itself
    ("retired", {}),                                     # no decision date: MON017 asks for the decider
    ("production", {"date": "2027-01-31", "decided_on": "2026-11-01"}),  # a planned stop: the future date is the plan
    ("production", {"date": "2027-01-31", "decided_on": "2026-12-15"}),  # proposed to a board meeting to come
])
def test_mon018_passes(tmp_path, stage, retirement):
    files = retired()
    files["application"]["retirement"].update(decided_by="Raad van bestuur", **retirement)
    if stage == "production":
        files["application"].update(stage="production", stage_since="2026-08-31")
    assert mon_findings(build(tmp_path, files), code="MON018") == []


def test_mon012_use_item_open_after_retirement(tmp_path):
    root = build(tmp_path, retired(human_oversight={"status": "open", "owner": "RAIO"}))
    [f] = mon_findings(root, code="MON012")
    assert "'human-oversight' is open" in f.message and "retired" in f.message
    rel = f"applications/{APP}/compliance.yaml"
    assert (f.file, f.line) == (rel, line_of(root, rel, "status: open"))


@pytest.mark.parametrize("item", [{"status": "not-applicable", "justification": "retired 2026-09-01"},
                                  {"status": "done", "date": "2025-01-01", "evidence": "x"}])
def test_mon012_passes(tmp_path, item):
    assert mon_findings(build(tmp_path, retired(human_oversight=item)), code="MON012") == []


def test_mon012_works_council_is_not_about_use(tmp_path):
    assert mon_findings(build(tmp_path, retired(works_council={"status": "open"})), code="MON012") == []


def test_mon013_log_retention_left_open_after_the_period(tmp_path):
    root = build(tmp_path, retired(log_retention={"status": "in-progress", "owner": "CIO"}))
    [f] = mon_findings(root, today="2027-03-15", code="MON013")
    assert "log retention runs until 2027-03-01, six months after retirement on 2026-09-01" in f.message
    assert "has passed" in f.message
    rel = f"applications/{APP}/compliance.yaml"
    assert (f.file, f.line) == (rel, line_of(root, rel, "status: in-progress"))


def test_mon013_log_retention_done_before_the_period_ended(tmp_path):
    root = build(tmp_path, retired(log_retention={"status": "done", "date": "2024-10-14", "evidence": "x"}))
    [f] = mon_findings(root, today="2026-11-15", code="MON013")
    assert "marked done (dated 2024-10-14)" in f.message and "runs until 2027-03-01" in f.message
    assert "2027-03-01" in f.hint


@pytest.mark.parametrize("item, today", [
    ({"status": "in-progress"}, "2026-11-15"),  # still running: in progress is right
    ({"status": "done", "date": "2027-03-02", "evidence": "x"}, "2027-03-15"),  # settled after the period
])
def test_mon013_passes(tmp_path, item, today):
    assert mon_findings(build(tmp_path, retired(log_retention=item)), today=today, code="MON013") == []


def test_mon013_stopped_counts_from_the_end_of_the_pilot(tmp_path):
    files = dossier()
    files["application"].update(stage="stopped", stage_since="2026-01-10")
    files["pilot"]["decision"]["choice"] = "stop"
    files["compliance"] = {"items": [{"id": "log-retention", "status": "done", "date": "2025-01-01", "evidence": "x"}]}
    root = build(tmp_path, files)
    [f] = mon_findings(root, today="2026-02-01", code="MON013")
    assert "runs until 2026-03-31, six months after the end of the pilot on 2025-09-30" in f.message


@pytest.mark.parametrize("odd_id", [[{}], ["log-retention"], {"id": "log-retention"}])
def test_a_checklist_id_that_is_no_text_after_retirement_is_a_finding_not_a_crash(tmp_path, capsys, odd_id):
    """The value fuzzer's mutation 50180: in a retired application's compliance.yaml an item's
    `id` written as a list made MON012 and MON013 fail ('unhashable type: list'), raio check exit
    2, and raio monitor stop with an internal error. The schema's SCH003 at the id is the user's."""
    files = retired(log_retention={"status": "in-progress", "owner": "CIO"}, human_oversight={"status": "open"})
    for entry in files["compliance"]["items"]:
        entry["id"] = odd_id
    root = build(tmp_path, files)
    result = run_check(root, "--no-git", today="2027-03-15")
    assert result.internal_errors == [] and result.exit_code() == 1
    rel = f"applications/{APP}/compliance.yaml"
    assert {(f.file, f.code) for f in result.findings if f.code.startswith("SCH") and f.file == rel} == {(rel, "SCH003")}
    code, out, err = run(["monitor", APP, "--portfolio", str(root), "--today", "2027-03-15"], capsys)
    assert code == 0 and "internal error" not in err, err


# --------------------------------------------------------------------------------------------
# The summary for memos


def test_summary_of_the_example(example):
    from raio_cli import portfolio

    pf = portfolio.load(example)
    s = mon.monitoring_summary(pf.app("stroke-lvo-triage"), EXAMPLE_TODAY)
    assert s["has_plan"] and s["frequency"] == "monthly" and s["decision_date"] == "2025-01-16"
    assert s["last_result_date"] == "2026-10-31" and s["overdue"] == [] and s["alerts"] == []
    m4 = next(m for m in s["metrics"] if m["id"] == "M4")
    assert m4["frequency"] == "quarterly" and m4["latest"] == {"date": "2026-09-30", "value": 90.9, "alert": False,
                                                                "follow_up": None}
    assert m4["due"] == "2026-12-31"
    assert s["incident_counts"] == {"minor": 1, "moderate": 0, "serious": 0}
    assert s["incidents"][0]["reported_to"] == {"vendor": "2025-11-18"}
    retired_app = mon.monitoring_summary(pf.app("hersenvolumetrie-mri"), EXAMPLE_TODAY)
    assert retired_app["retention"]["until"] == "2026-12-31"
    assert retired_app["retention"]["sentence"].startswith("log retention runs until 2026-12-31")


def test_summary_shows_alerts_and_overdue(tmp_path):
    from raio_cli import portfolio

    files = changed(dossier(), "monitoring", lambda m: m.update(results=[
        {"date": "2026-08-31", "values": {"M1": 85, "M2": 1}, "follow_up": "Checked."}]))
    pf = portfolio.load(build(tmp_path, files))
    s = mon.monitoring_summary(pf.app(APP), dt.date(2026, 11, 15))
    assert s["alerts"] == [{"metric": "M1", "date": "2026-08-31", "value": 85, "threshold": 90,
                            "direction": "increase", "follow_up": "Checked."}]
    assert [(o["metric"], o["due"]) for o in s["overdue"]] == [(None, "2026-09-30")]
    assert next(m for m in s["metrics"] if m["id"] == "M1")["overdue"] is True


def test_summary_never_raises_on_odd_data():
    odd = {"application": {"stage": "production"}, "monitoring": {"plan": {"frequency": 7, "metrics": [None, {"id": 3}]},
                                                                    "results": "x", "incidents": [1, {"date": "no"}]}}
    s = mon.monitoring_summary(odd, dt.date(2026, 1, 1))
    assert s["metrics"] == [] and s["overdue"] == [] and s["incidents"][0]["date"] is None


@pytest.mark.parametrize("day, months, expected", [
    ("2026-09-30", 3, "2026-12-31"), ("2026-01-31", 1, "2026-02-28"), ("2026-01-15", 1, "2026-02-15"),
    ("2024-02-29", 12, "2025-02-28"), ("2026-11-30", 1, "2026-12-31"),
])
def test_add_months(day, months, expected):
    assert mon.add_months(dt.date.fromisoformat(day), months).isoformat() == expected


# --------------------------------------------------------------------------------------------
# raio monitor


COMMENTED = """# yaml-language-server: $schema=../../.raio/schemas/monitoring.schema.json
# Monitoring van de AI-triage. Deze regel moet blijven staan.
plan:
  frequency: monthly   # maandelijks
  owner: RAIO
  metrics:
    - id: sens
      description: Sensitiviteit
      unit: fraction
      direction: increase
      alert_threshold: 0.85
    - id: fp_per_study
      description: Vals-positieven per onderzoek
      unit: per study
      direction: decrease
      alert_threshold: 0.5
results:
  # oktober
  - date: 2026-10-01
    values: {sens: 0.9, fp_per_study: 0.2}
    by: dr. Y
    notes: >-
      Een toelichting
      over twee regels.

# Incidenten
incidents: []  # nog geen
"""


def with_monitoring(tmp_path, text: str):
    """The dossier with monitoring.yaml as ``text``."""
    files = dossier()
    del files["monitoring"]
    root = build(tmp_path, files)
    (root / MON_REL).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def portfolio(tmp_path):
    return with_monitoring(tmp_path, COMMENTED)


def run(args, capsys):
    from raio_cli.cli import main

    with pytest.raises(SystemExit) as exc:
        main(args)
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def monitor(root, *args):
    return ["monitor", APP, *args, "--portfolio", str(root), "--today", TODAY]


def test_monitor_adds_a_result_and_keeps_comments(portfolio, capsys):
    code, out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.91",
                                 "--value", "fp_per_study=0.3", "--by", "Dr. X", "--notes", "a: note"), capsys)
    assert code == 0, err
    text = (portfolio / MON_REL).read_text(encoding="utf-8")
    original = COMMENTED.splitlines()
    # every original line is still there, in order; the new entry follows the last result
    it = iter(text.splitlines())
    assert all(any(line == kept for kept in it) for line in original)
    assert "  - date: 2026-11-01\n    values: {sens: 0.91, fp_per_study: 0.3}\n    by: Dr. X\n    notes: 'a: note'\n" in text
    assert text.index("2026-11-01") < text.index("# Incidenten")
    from raio_cli import schema, yamlio

    loaded = yamlio.load_bytes(text.encode(), MON_REL)
    assert loaded.findings == [] and schema.validate(loaded, "monitoring") == []
    assert loaded.data["results"][-1] == {"date": "2026-11-01", "values": {"sens": 0.91, "fp_per_study": 0.3},
                                          "by": "Dr. X", "notes": "a: note"}
    assert "Next:" in out and "git -C" in out and "commit" in out
    assert not [p for p in (portfolio / "applications" / APP).iterdir() if p.name.endswith(".tmp")]


def test_monitor_refuses_a_result_dated_after_the_application_was_retired(tmp_path, capsys):
    """Two years after Hersenvolumetrie was switched off (retired on 2026-06-30), a RAIO typed its
    id for the application that replaced it and recorded a quarterly result: raio monitor wrote
    it into the retired application's monitoring.yaml, where the memo and raio monitor then
    showed a value measured on a system no longer in use. A result dated after the retirement
    is now refused, as one dated in the future is, with nothing written."""
    root = copy_example(tmp_path / "p")
    app = "hersenvolumetrie-mri"
    path = root / "applications" / app / "monitoring.yaml"
    before = path.read_bytes()
    args = ["--portfolio", str(root), "--today", "2028-06-01"]
    code, _out, err = run(["monitor", app, "result", "--date", "2028-05-01", "--value", "M1=110", *args], capsys)
    assert code == 2 and path.read_bytes() == before, err
    said = " ".join(err.split())
    assert "--date 2028-05-01 is after the retirement on 2026-06-30" in said, said
    assert "retirement.date" in said
    csv = tmp_path / "results.csv"
    csv.write_text("date,metric,value\n2026-06-15,M1,100\n2026-07-31,M1,98\n", encoding="utf-8")
    code, _out, err = run(["monitor", app, "import", str(csv), *args], capsys)
    assert code == 2 and path.read_bytes() == before, err
    assert "2026-07-31 is after the retirement on 2026-06-30" in " ".join(err.split())
    # a result from before the switch-off, recorded late, is still welcome
    code, _out, err = run(["monitor", app, "result", "--date", "2026-06-15", "--value", "M1=100", *args], capsys)
    assert code == 0, err


def test_monitor_show_says_when_log_retention_of_a_retired_application_has_passed(tmp_path, capsys):
    """Eighteen months after log retention of a retired application ended (2026-12-31), raio
    monitor still said "Log retention runs until 2026-12-31", in the present tense, with the item
    still in progress, while raio check warned that it had passed (MON013)."""
    root = copy_example(tmp_path / "p")
    app = "hersenvolumetrie-mri"
    code, out, err = run(["monitor", app, "--portfolio", str(root), "--today", "2028-06-01"], capsys)
    assert code == 0, err
    said = " ".join(out.split())
    assert ("Log retention ran until 2026-12-31, six months after retirement on 2026-06-30: that day has passed, "
            "and log-retention is still in-progress; set it done with the day retention ended (MON013).") in said, said
    code, out, err = run(["monitor", app, "--portfolio", str(root), "--today", "2026-11-15"], capsys)
    assert "Log retention runs until 2026-12-31, six months after retirement on 2026-06-30." in " ".join(out.split())


def test_monitor_result_past_threshold_warns_of_mon005(portfolio, capsys):
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.80"), capsys)
    assert code == 0 and "MON005" in err and "below its alert threshold 0.85" in err
    # the advice works as given: the result is recorded, so update-result adds its follow_up (the
    # note once said "add it with --follow-up", and adding the result again is refused)
    said = " ".join(err.split())
    assert "add it: raio monitor -p " in said and f' {APP} update-result --date 2026-11-01 --follow-up "..."' in said, said
    again, _out, refused = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.80",
                                       "--follow-up", "Vendor contacted"), capsys)
    assert again == 2 and "already has a result dated 2026-11-01" in refused
    done, _out, err = run(monitor(portfolio, "update-result", "--date", "2026-11-01", "--follow-up", "Vendor contacted"),
                          capsys)
    assert done == 0, err
    assert mon_findings(portfolio, code="MON005") == []


def test_monitor_follow_up_for_a_recorded_result_says_where_it_goes(portfolio, capsys):
    """After the MON005 note a RAIO gave the follow-up for the result already recorded
    (`result --date D --follow-up ...`) and was told "no values given" (give --value), which
    leads to adding the result twice; and with the values again, only "edit that entry by
    hand". raio monitor only adds entries: say that the result is there and where the
    follow_up goes."""
    before = (portfolio / MON_REL).read_bytes()
    for values in ([], ["--value", "sens=0.9"]):
        code, _out, err = run(monitor(portfolio, "result", "--date", "2026-10-01", *values,
                                      "--follow-up", "Vendor contacted"), capsys)
        said = " ".join(err.split())
        assert code == 2 and "already has a result dated 2026-10-01" in said, said
        assert "no values given" not in said
        assert "Add the follow-up to that result: raio monitor -p " in said and \
            f' {APP} update-result --date 2026-10-01 --follow-up "..."' in said, said
    assert (portfolio / MON_REL).read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (["result", "--date", "2026-11-01", "--value", "sensitivity=0.9"], "metric 'sensitivity' is not in the monitoring plan"),
    (["result", "--date", "2026-11-01", "--value", "sens=hoog"], "'hoog' is not a number"),
    (["result", "--date", "2026-11-01", "--value", "sens=0,91"], "'0,91' is not a number"),
    (["result", "--date", "2026-11-01", "--value", "sens=nan"], "is not a number"),
    (["result", "--date", "2026-11-01", "--value", "sens"], "is not METRIC=NUMBER"),
    (["result", "--date", "2026-11-01", "--value", "sens=0.9", "--value", "sens=0.8"], "given twice"),
    (["result", "--date", "01-11-2026", "--value", "sens=0.9"], "is not a date"),
    (["result", "--date", "2026-02-30", "--value", "sens=0.9"], "is not a date"),
    # ISO forms Python 3.11 reads that a dossier's dates never take: refused with the date to write
    (["result", "--date", "20261101", "--value", "sens=0.9"], "'20261101' is not a date\n  Write it as YYYY-MM-DD: --date 2026-11-01."),
    (["result", "--date", "2026-W44-7", "--value", "sens=0.9"], "Write it as YYYY-MM-DD: --date 2026-11-01 (2026-W44-7 read as"),
    (["result", "--date", "2026-12-01", "--value", "sens=0.9"], "lies in the future"),
    (["result", "--date", "2026-10-01", "--value", "sens=0.9"], "already has a result dated 2026-10-01"),
    (["result", "--value", "sens=0.9"], "--date is missing"),
    (["result", "--date", "2026-11-01"], "no values given"),
    (["result", "--date", "2026-11-01", "--value", "sens=0.9", "--severity", "minor"], "--severity does not apply"),
    (["incident", "--date", "2026-11-01", "--severity", "fatal", "--description", "x"], "is not a severity"),
    (["incident", "--date", "2026-11-01", "--severity", "minor"], "--description is missing"),
    (["incident", "--date", "2026-11-01", "--severity", "minor", "--description", "x", "--reported-vendor", "2026-10-01"],
     "is before the incident"),
    (["frobnicate"], "unknown action"),
    # a slip in the action was answered with the list only, where a mistyped metric or severity gets 'did you mean'
    (["reslt"], "unknown action 'reslt'\n  Did you mean 'result'? Use one of:"),
    (["update-incidnet"], "Did you mean 'update-incident'?"),
])
def test_monitor_refuses_bad_values_and_writes_nothing(portfolio, capsys, args, message):
    before = (portfolio / MON_REL).read_bytes()
    code, out, err = run(monitor(portfolio, *args), capsys)
    assert code == 2
    assert message in err and err.startswith("raio: error: ") and "Traceback" not in err
    assert (portfolio / MON_REL).read_bytes() == before


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_monitor_never_leaves_a_half_written_file(portfolio, capsys, monkeypatch, failing):
    before = (portfolio / MON_REL).read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.91"), capsys)
    monkeypatch.undo()
    assert code == 2 and "could not be written: No space left on device" in err
    assert (portfolio / MON_REL).read_bytes() == before
    assert sorted(p.name for p in (portfolio / "applications" / APP).iterdir()) == \
        ["application.yaml", "effects.yaml", "monitoring.yaml", "pilot.yaml"]


def test_monitor_dry_run_prints_the_entry_and_writes_nothing(portfolio, capsys):
    before = (portfolio / MON_REL).read_bytes()
    code, out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.91", "--dry-run"), capsys)
    assert code == 0 and "  - date: 2026-11-01\n    values: {sens: 0.91}\n" in out and "nothing was written" in err
    assert (portfolio / MON_REL).read_bytes() == before


def test_monitor_dry_run_says_where_the_file_will_hold_what_the_preview_escapes(portfolio, capsys):
    """The preview of a value holding '##[' (a command to a CI runner) shows its '[' as \\x{5b},
    the file gets '['; the preview said nothing of it, so the entry read as if raio would write
    '\\x{5b}'. Now a note says so; every other '[' and '::' is shown as the file will hold it."""
    value = "ward [B] ##[set-output name=x;]pwn ::1"
    args = ("result", "--date", "2026-11-01", "--value", "sens=0.91", "--notes", value)
    code, out, err = run(monitor(portfolio, *args, "--dry-run"), capsys)
    assert code == 0 and "ward [B] ##\\x{5b}set-output name=x;]pwn ::1" in out
    err = " ".join(err.split())
    assert "this preview shows \\x{5b} where the file will hold '['" in err, err
    code, out, err = run(monitor(portfolio, *args), capsys)
    assert code == 0, err
    assert yaml.safe_load((portfolio / MON_REL).read_text(encoding="utf-8"))["results"][-1]["notes"] == value
    code, out, err = run(monitor(portfolio, "result", "--date", "2026-11-02", "--value", "sens=0.91",
                                 "--notes", "ward [B] ::1", "--dry-run"), capsys)
    assert code == 0 and "ward [B] ::1" in out and "x{5b}" not in err


def test_a_serious_incident_added_unreported_is_told_the_command_that_completes_it(portfolio, capsys):
    """After 'raio monitor APP incident --severity serious' without report dates, the note said
    raio check reports MON009 'until reported_to has those dates' and not how to add them
    without editing YAML. It names raio monitor APP update-incident with the incident's date and
    the options still missing; that command, as named, completes the incident."""
    code, _out, err = run(monitor(portfolio, "incident", "--date", "2026-11-02", "--severity", "serious",
                                  "--description", "Missed fracture", "--reported-vendor", "2026-11-03"), capsys)
    err = " ".join(err.split())
    # run from outside the portfolio (--portfolio): the command names it
    command = f"raio monitor -p {portfolio} {APP} update-incident --date 2026-11-02 --reported-manufacturer YYYY-MM-DD"
    assert code == 0 and f"once it is reported: {command}" in err, err
    code, _out, err = run(monitor(portfolio, "update-incident", "--date", "2026-11-02",
                                  "--reported-manufacturer", "2026-11-04"), capsys)
    assert code == 0 and "MON009" not in err, err


def test_monitor_says_an_alert_with_the_metrics_unit_as_raio_check_does(portfolio, capsys):
    """raio check (MON005) and the memo give "0.6 per study ... alert threshold 0.5 per study";
    raio monitor's note about the same alert gave the bare numbers."""
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "fp_per_study=0.6",
                                  "--dry-run"), capsys)
    err = " ".join(err.split())
    assert code == 0 and "fp_per_study = 0.6 per study on 2026-11-01 is above its alert threshold 0.5 per study;" in err, err


def test_monitor_dry_run_says_what_raio_check_will_report(portfolio, capsys):
    # the dry run is where a physicist checks a value before adding it: an alert (or a serious
    # incident not yet reported) was only mentioned after the entry had been written
    before = (portfolio / MON_REL).read_bytes()
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.80", "--dry-run"), capsys)
    err = " ".join(err.split())
    assert code == 0 and "nothing was written" in err
    assert "sens = 0.8 on 2026-11-01 is below its alert threshold 0.85; raio check reports MON005" in err
    assert "give --follow-up (what was done about the alert) when you add it" in err
    code, _out, err = run(monitor(portfolio, "incident", "--date", "2026-11-02", "--severity", "serious",
                                  "--description", "Missed fracture", "--reported-vendor", "2026-11-03", "--dry-run"), capsys)
    err = " ".join(err.split())
    assert code == 0 and "reported to the manufacturer" in err and "(--reported-manufacturer)" in err
    # MDR Art 87 is the manufacturer's duty to report to the authorities; the deployer's duty to
    # inform the provider is AI Act Art 26(5): the message must not pin the hospital's duty on Art 87
    assert "the manufacturer reports it to the authorities (MDR Art 87)" in err and "AI Act Art 26(5)" in err
    assert "reported to the manufacturer (MDR Art 87)" not in err
    assert (portfolio / MON_REL).read_bytes() == before


def test_monitor_incident_reported_late_says_so_when_it_is_recorded(portfolio, capsys):
    """A serious incident passed on ten weeks later was recorded without a word; raio check then
    warned of it (MON015), as the command says of MON009 when it is recorded."""
    code, _out, err = run(monitor(portfolio, "incident", "--date", "2026-08-20", "--severity", "serious",
                                  "--description", "Missed hip fracture", "--reported-vendor", "2026-10-30",
                                  "--reported-manufacturer", "2026-08-21"), capsys)
    assert code == 0
    notes = [line for line in err.splitlines() if "MON015" in line]
    assert len(notes) == 1 and "vendor on 2026-10-30, 71 days after the incident" in notes[0]
    assert "15 days" in notes[0] and "follow_up" in notes[0]
    # and how to keep the warning once explained: follow_up alone does not end it
    assert "# raio: ignore[MON015] REASON on the vendor: line" in notes[0]


def test_monitor_incident_reported_late_to_a_vendor_that_is_the_manufacturer_is_one_note(portfolio, capsys):
    """One late report to a vendor that is the legal manufacturer (the same date under both)
    was said twice, once per role, as raio check reported it twice (MON015)."""
    code, _out, err = run(monitor(portfolio, "incident", "--date", "2026-08-20", "--severity", "serious",
                                  "--description", "Missed hip fracture", "--reported-vendor", "2026-10-30",
                                  "--reported-manufacturer", "2026-10-30"), capsys)
    assert code == 0
    notes = [" ".join(line.split()) for line in err.splitlines() if "MON015" in line]
    assert len(notes) == 1, notes
    assert "reported to the vendor and the manufacturer on 2026-10-30, 71 days after the incident" in notes[0]
    assert "# raio: ignore[MON015] REASON on the vendor: line" in notes[0]


WITH_INCIDENTS = COMMENTED.replace("incidents: []  # nog geen\n", """incidents:
  # de eerste
  - date: 2026-11-02
    description: >-
      Gemiste fractuur: pas bij het verslag gevonden,
      over twee regels.
    severity: serious
    reported_to:
      vendor: 2026-11-02   # dezelfde dag gebeld
    follow_up: Casus besproken in de vakgroep.
  - date: 2026-11-02
    description: AI-server twee uur niet bereikbaar
    severity: minor
  - {date: 2026-11-05, description: Verkeerde zijde gemarkeerd, severity: moderate, reported_to: {vendor: 2026-11-06}}
# einde
""")


@pytest.fixture
def with_incidents(portfolio):
    (portfolio / MON_REL).write_text(WITH_INCIDENTS, encoding="utf-8")
    return portfolio


def test_monitor_update_incident_adds_the_report_to_the_manufacturer(with_incidents, capsys):
    """A RAIO records a serious incident the day it happens and reports it to the manufacturer a
    week later; raio monitor could only add incidents ("Edit that entry by hand instead of adding
    it twice"), so the report date had to be typed into the YAML. update-incident adds it to the
    incident of that date, keeping every other line, comment and order of the file."""
    path = with_incidents / MON_REL
    code, out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "fractuur",
                                 "--reported-manufacturer", "2026-11-09", "--reference", "VIM-2026-0201"), capsys)
    assert code == 0, err
    assert "Completed the incident of 2026-11-02" in out and "reported_to.manufacturer" in out and "reference" in out
    assert " commit -m " in out and "completed for ai-triage" in out and "MON009" not in err
    text = path.read_text(encoding="utf-8")
    expected = WITH_INCIDENTS.replace(
        "      vendor: 2026-11-02   # dezelfde dag gebeld\n",
        "      vendor: 2026-11-02   # dezelfde dag gebeld\n      manufacturer: 2026-11-09\n").replace(
        "    follow_up: Casus besproken in de vakgroep.\n",
        "    follow_up: Casus besproken in de vakgroep.\n    reference: VIM-2026-0201\n")
    assert text == expected
    assert mon_findings(with_incidents, code="MON009") == []


def test_monitor_update_incident_in_a_flow_mapping_and_without_reported_to(with_incidents, capsys):
    path = with_incidents / MON_REL
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-05",
                                  "--reported-manufacturer", "2026-11-07", "--follow-up", "Leverancier past de regel aan"),
                          capsys)
    assert code == 0, err
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "server",
                                  "--reported-vendor", "2026-11-03"), capsys)
    assert code == 0, err
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["incidents"][2]["reported_to"] == {"vendor": dt.date(2026, 11, 6), "manufacturer": dt.date(2026, 11, 7)}
    assert data["incidents"][2]["follow_up"] == "Leverancier past de regel aan"
    assert data["incidents"][1]["reported_to"] == {"vendor": dt.date(2026, 11, 3)}
    assert data["incidents"][0]["reported_to"] == {"vendor": dt.date(2026, 11, 2)}
    text = path.read_text(encoding="utf-8")
    assert "# de eerste" in text and "# einde" in text and "# dezelfde dag gebeld" in text


@pytest.mark.parametrize("empty", ["reported_to:", "reported_to:   # nog niet gemeld", "reported_to: ~", "reported_to: null  # leeg"])
def test_monitor_update_incident_fills_an_empty_reported_to_in_place(with_incidents, capsys, empty):
    """`reported_to:` written with no value (as a RAIO leaves it to fill in later) stopped
    update-incident with "'reported_to' of the entry is not a mapping", while `reported_to: {}`
    worked. The dates go under the key line, whatever comment it has stays."""
    path = with_incidents / MON_REL
    before = WITH_INCIDENTS.replace("    description: AI-server twee uur niet bereikbaar\n    severity: minor\n",
                                    f"    description: AI-server twee uur niet bereikbaar\n    severity: minor\n    {empty}\n")
    path.write_text(before, encoding="utf-8")
    code, out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "server",
                                 "--reported-vendor", "2026-11-03", "--reported-manufacturer", "2026-11-04"), capsys)
    assert code == 0, err
    assert "reported_to.vendor" in out and "reported_to.manufacturer" in out
    key_line = empty.replace(" ~", "").replace(" null", "")
    expected = before.replace(f"    severity: minor\n    {empty}\n",
                              f"    severity: minor\n    {key_line}\n      vendor: 2026-11-03\n      manufacturer: 2026-11-04\n")
    assert path.read_text(encoding="utf-8") == expected
    data = yaml.safe_load(expected)
    assert data["incidents"][1]["reported_to"] == {"vendor": dt.date(2026, 11, 3), "manufacturer": dt.date(2026, 11, 4)}


def test_monitor_update_incident_fills_an_empty_reference_and_follow_up_in_place(with_incidents, capsys):
    """`reference:` or `follow_up: ~` left empty to fill in later got a second key of the same
    name, and update-incident stopped with "duplicate key" (or, in a flow entry, "a bug in raio").
    The value goes where the empty one stands."""
    path = with_incidents / MON_REL
    before = WITH_INCIDENTS.replace(
        "    description: AI-server twee uur niet bereikbaar\n    severity: minor\n",
        "    description: AI-server twee uur niet bereikbaar\n    severity: minor\n    reference:   # volgt\n"
        "    follow_up: ~\n").replace("reported_to: {vendor: 2026-11-06}}", "reported_to: {vendor: 2026-11-06}, follow_up: }")
    path.write_text(before, encoding="utf-8")
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "server",
                                  "--reference", "VIM-9", "--follow-up", "Server herstart"), capsys)
    assert code == 0, err
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-05", "--follow-up", "Gemeld"),
                          capsys)
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == before.replace("    reference:   # volgt\n    follow_up: ~\n",
                                                              "    reference: VIM-9   # volgt\n    follow_up: Server herstart\n"
                                                              ).replace("follow_up: }", "follow_up: Gemeld }")


@pytest.mark.parametrize("empty, filled", [
    ("reported_to: ~}", "reported_to: {vendor: 2026-11-07, manufacturer: 2026-11-08}}"),
    ("reported_to: null, reference: VIM-7}", "reported_to: {vendor: 2026-11-07, manufacturer: 2026-11-08}, reference: VIM-7}"),
    ("reported_to: }", "reported_to: {vendor: 2026-11-07, manufacturer: 2026-11-08}}"),
])
def test_monitor_update_incident_fills_an_empty_reported_to_in_a_flow_mapping(with_incidents, capsys, empty, filled):
    path = with_incidents / MON_REL
    flow = "severity: moderate, reported_to: {vendor: 2026-11-06}}"
    before = WITH_INCIDENTS.replace(flow, f"severity: moderate, {empty}")
    path.write_text(before, encoding="utf-8")
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-05",
                                  "--reported-vendor", "2026-11-07", "--reported-manufacturer", "2026-11-08"), capsys)
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == before.replace(empty, filled)


def test_monitor_update_incident_raises_the_severity(with_incidents, capsys):
    """An incident first recorded as minor may turn out serious; update-incident refused
    --severity, so the RAIO had to edit the YAML, and learnt only from raio check that MON009
    now counts. --severity raises it in place (nothing else of the file changes) and says, as
    for a new serious incident, which reports it still needs."""
    path = with_incidents / MON_REL
    code, out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "server",
                                 "--severity", "serious", "--reported-vendor", "2026-11-03"), capsys)
    assert code == 0, err
    said = " ".join(err.split())
    assert "severity raised from minor to serious" in " ".join(out.split())
    assert "MON009" in said and "manufacturer" in said
    expected = WITH_INCIDENTS.replace(
        "    description: AI-server twee uur niet bereikbaar\n    severity: minor\n",
        "    description: AI-server twee uur niet bereikbaar\n    severity: serious\n"
        "    reported_to:\n      vendor: 2026-11-03\n")
    assert path.read_text(encoding="utf-8") == expected
    server = line_of(with_incidents, MON_REL, "description: AI-server")
    lines = [f.line for f in mon_findings(with_incidents, code="MON009")]
    assert len(lines) == 2 and max(lines) > server  # counted now, as serious, besides the fracture's
    # in a flow mapping too; the same severity again is no change
    code, out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-05", "--severity", "serious"),
                         capsys)
    assert code == 0, err
    assert "{date: 2026-11-05, description: Verkeerde zijde gemarkeerd, severity: serious, reported_to:" in \
        path.read_text(encoding="utf-8")
    before = path.read_bytes()
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-05", "--severity", "serious"),
                          capsys)
    assert code == 2 and "nothing to add" in err and path.read_bytes() == before


@pytest.mark.parametrize("empty, filled", [
    ("", "    severity: serious\n"),                       # no severity: key at all
    ("    severity:\n", "    severity: serious\n"),
    ("    severity: ~   # nog te bepalen\n", "    severity: serious   # nog te bepalen\n"),
    ("    severity: ''\n", "    severity: serious\n"),
])
def test_monitor_update_incident_fills_a_missing_or_empty_severity(with_incidents, capsys, empty, filled):
    """An incident recorded without a severity (no `severity:` key, or one left empty to decide
    later) could not be given one: update-incident --severity answered "the severity ... is not
    one of minor, moderate, serious" and sent the RAIO to edit the YAML. It is filled where it
    stands (or added as the incident's last key), and, serious, MON009 is said as for a raise."""
    path = with_incidents / MON_REL
    server = "    description: AI-server twee uur niet bereikbaar\n    severity: minor\n"
    before = WITH_INCIDENTS.replace(server, "    description: AI-server twee uur niet bereikbaar\n" + empty)
    path.write_text(before, encoding="utf-8")
    code, out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "server",
                                 "--severity", "serious"), capsys)
    assert code == 0, err
    said = " ".join(out.split())
    assert "severity set to serious (it had none)" in said and "None" not in said, said
    assert "MON009" in " ".join(err.split())
    assert path.read_text(encoding="utf-8") == before.replace(
        "    description: AI-server twee uur niet bereikbaar\n" + empty,
        "    description: AI-server twee uur niet bereikbaar\n" + filled)
    lines = [f.line for f in mon_findings(with_incidents, code="MON009")]
    assert len(lines) == 2  # the fracture's, and this one's now it is serious


def test_monitor_update_incident_replaces_a_severity_that_is_none_and_says_so(with_incidents, capsys):
    """`severity: hoog` (not a severity: the schema reports it) could not be corrected with
    update-incident either. A value that is no severity cannot be said to be raised or lowered,
    so any --severity replaces it, and the message names what it replaced; a severity written as
    a list is left to be fixed by hand."""
    path = with_incidents / MON_REL
    before = WITH_INCIDENTS.replace("    severity: minor\n", "    severity: hoog  # ?\n")
    path.write_text(before, encoding="utf-8")
    code, out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "server",
                                 "--severity", "moderate"), capsys)
    assert code == 0, err
    assert "severity set to moderate (replacing 'hoog', not a severity)" in " ".join(out.split()), out
    assert path.read_text(encoding="utf-8") == WITH_INCIDENTS.replace("    severity: minor\n", "    severity: moderate  # ?\n")
    assert "MON009" not in err
    odd = WITH_INCIDENTS.replace("    severity: minor\n", "    severity: [minor]\n")
    path.write_text(odd, encoding="utf-8")
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "server",
                                  "--severity", "serious"), capsys)
    assert code == 2 and "not one of minor, moderate, serious" in " ".join(err.split()), err
    assert path.read_text(encoding="utf-8") == odd


def test_monitor_keeps_the_blank_lines_a_kept_block_ends_with(with_incidents, capsys):
    """An incident or result whose last key is a `|+` block followed by blank lines: those blank
    lines are part of its text (`|+` keeps them). What raio monitor added after it went straight
    under the block's last line, which cut them from the text; the check after writing caught it,
    and update-incident and result stopped with "a bug in raio". What is added goes after them,
    and no text of the file changes."""
    path = with_incidents / MON_REL
    server = "    description: AI-server twee uur niet bereikbaar\n    severity: minor\n"
    kept = "    follow_up: |+\n      Server herstart.\n\n\n"
    before = WITH_INCIDENTS.replace(server, server + kept)
    path.write_text(before, encoding="utf-8")
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "server",
                                  "--reported-vendor", "2026-11-03", "--reference", "VIM-9"), capsys)
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert text == before.replace(server + kept, server + kept + "    reported_to:\n      vendor: 2026-11-03\n"
                                  "    reference: VIM-9\n")
    data = yaml.safe_load(text)
    assert data["incidents"][1]["follow_up"] == "Server herstart.\n\n\n"
    assert [i["description"] for i in data["incidents"]] == [i["description"] for i in yaml.safe_load(before)["incidents"]]
    # a further follow-up goes under its last line, before the kept ones, as the text reads
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "server",
                                  "--follow-up", "Leverancier gebeld."), capsys)
    assert code == 0, err
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["incidents"][1]["follow_up"] == \
        f"Server herstart.\n{TODAY}: Leverancier gebeld.\n\n\n"
    # a new result after a result whose notes keep their blank lines
    notes = "    notes: >-\n      Een toelichting\n      over twee regels.\n"
    before = COMMENTED.replace(notes, "    notes: |+\n      Een toelichting.\n\n")  # and the blank line after it
    path.write_text(before, encoding="utf-8")
    code, _out, err = run(monitor(with_incidents, "result", "--date", "2026-11-01", "--value", "sens=0.91"), capsys)
    assert code == 0, err
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["results"][0]["notes"] == "Een toelichting.\n\n\n"
    assert data["results"][1]["values"] == {"sens": 0.91}
    assert path.read_text(encoding="utf-8").startswith(before.split("\n# Incidenten")[0])


def test_monitor_update_incident_extends_a_follow_up(with_incidents, capsys):
    """A RAIO adds follow-ups over weeks; update-incident refused a second one ("already has a
    follow_up"). The new one is appended as a dated line of the same text (still one string, as
    the schema has it), keeping the old text, the comments and the rest of the file."""
    path = with_incidents / MON_REL
    code, out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "fractuur",
                                 "--follow-up", "Leverancier heeft de drempel aangepast."), capsys)
    assert code == 0, err
    said = " ".join(out.split())
    assert "added a dated line to follow_up" in said and "added follow_up" not in said, said
    expected = WITH_INCIDENTS.replace(
        "    follow_up: Casus besproken in de vakgroep.\n",
        "    follow_up: |-\n      Casus besproken in de vakgroep.\n"
        f"      {TODAY}: Leverancier heeft de drempel aangepast.\n")
    assert path.read_text(encoding="utf-8") == expected
    # a third goes under the second; in a flow mapping the text is one quoted line
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--which", "fractuur",
                                  "--follow-up", "Herhaalmeting goed."), capsys)
    assert code == 0, err
    assert f"aangepast.\n      {TODAY}: Herhaalmeting goed.\n  - date: 2026-11-02\n" in path.read_text(encoding="utf-8")
    for text in ("Eerste actie", "Tweede actie"):
        code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-05", "--follow-up", text),
                              capsys)
        assert code == 0, err
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["incidents"][0]["follow_up"] == (f"Casus besproken in de vakgroep.\n{TODAY}: Leverancier "
                                                 f"heeft de drempel aangepast.\n{TODAY}: Herhaalmeting goed.")
    assert data["incidents"][2]["follow_up"] == f"Eerste actie\n{TODAY}: Tweede actie"
    assert "# de eerste" in path.read_text(encoding="utf-8") and "# einde" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--date", "2026-11-02", "--reported-manufacturer", "2026-11-09"], "2 incidents are dated 2026-11-02"),
    (["--date", "2026-11-03", "--reported-manufacturer", "2026-11-09"], "no incident dated 2026-11-03"),
    (["--date", "2026-11-02", "--which", "fractuur"], "nothing to add"),
    (["--date", "2026-11-02", "--which", "fractuur", "--reported-vendor", "2026-11-04"],
     "already has reported_to.vendor 2026-11-02"),
    (["--date", "2026-11-02", "--which", "fractuur", "--reported-manufacturer", "2026-11-01"], "before the incident"),
    (["--date", "2026-11-02", "--which", "fractuur", "--reported-manufacturer", "2026-12-01"], "lies in the future"),
    (["--date", "2026-11-02", "--which", "fractuur", "--reference", "BSN 111222333"], "nothing was written"),
    (["--date", "2026-11-02", "--which", "fractuur", "--severity", "minor"], "update-incident only raises a severity"),
    (["--date", "2026-11-02", "--which", "fractuur", "--severity", "grave"], "--severity 'grave' is not a severity"),
])
def test_monitor_update_incident_refuses_and_writes_nothing(with_incidents, capsys, args, message):
    before = (with_incidents / MON_REL).read_bytes()
    code, _out, err = run(monitor(with_incidents, "update-incident", *args), capsys)
    assert code == 2 and message in " ".join(err.split()), err
    assert (with_incidents / MON_REL).read_bytes() == before


def test_monitor_update_incident_dry_run_and_notes(with_incidents, capsys):
    before = (with_incidents / MON_REL).read_bytes()
    code, out, err = run(["monitor", APP, "update-incident", "--date", "2026-11-02", "--which", "fractuur",
                          "--reported-manufacturer", "2026-11-30", "--dry-run", "--portfolio", str(with_incidents),
                          "--today", "2026-12-01"], capsys)
    said = " ".join(err.split())
    assert code == 0 and "nothing was written" in said
    assert "\n+      manufacturer: 2026-11-30\n" in out, out
    assert "reported to the manufacturer on 2026-11-30, 28 days after the incident" in said and "MON015" in said
    assert (with_incidents / MON_REL).read_bytes() == before
    # a further follow-up: the dry run shows the lines the file would get, as it would get them
    code, out, err = run(["monitor", APP, "update-incident", "--date", "2026-11-02", "--which", "fractuur",
                          "--follow-up", "Drempel aangepast.", "--dry-run", "--portfolio", str(with_incidents),
                          "--today", "2026-12-01"], capsys)
    assert code == 0, err
    assert ("\n-    follow_up: Casus besproken in de vakgroep.\n+    follow_up: |-\n"
            "+      Casus besproken in de vakgroep.\n+      2026-12-01: Drempel aangepast.\n") in out, out
    assert (with_incidents / MON_REL).read_bytes() == before


def test_monitor_incident_recorded_twice_points_to_update_incident(with_incidents, capsys):
    code, _out, err = run(monitor(with_incidents, "incident", "--date", "2026-11-02", "--severity", "minor",
                                  "--description", "AI-server twee uur niet bereikbaar",
                                  "--reported-vendor", "2026-11-03"), capsys)
    said = " ".join(err.split())
    assert code == 2 and "already has this incident of 2026-11-02" in said
    assert "update-incident --date 2026-11-02" in said


def test_monitor_hints_name_the_application_not_app(with_incidents, capsys):
    """The hints of raio monitor gave the command with the placeholder APP ('raio monitor APP
    update-incident --date ...'), which run as printed looks for an application named APP."""
    code, _out, err = run(monitor(with_incidents, "incident", "--date", "2026-11-02", "--severity", "minor",
                                  "--description", "AI-server twee uur niet bereikbaar"), capsys)
    said = " ".join(err.split())
    again = f"raio monitor -p {with_incidents} {APP}"  # run from outside the portfolio (--portfolio): named
    assert code == 2 and f"{again} update-incident --date 2026-11-02" in said and " APP " not in said
    (with_incidents / MON_REL).write_text(COMMENTED, encoding="utf-8")
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--reference", "VIM-1"),
                          capsys)
    said = " ".join(err.split())
    assert code == 2 and f"{again} incident --date" in said and " APP " not in said
    (with_incidents / MON_REL).unlink()
    code, _out, err = run(monitor(with_incidents, "update-incident", "--date", "2026-11-02", "--reference", "VIM-1"),
                          capsys)
    said = " ".join(err.split())
    assert code == 2 and f"{again} incident --date" in said and " APP " not in said
    code, _out, err = run(monitor(with_incidents, "import"), capsys)  # the CSV forgotten
    said = " ".join(err.split())
    assert code == 2 and f"{again} import results.csv" in said and " APP " not in said, said


def test_monitor_update_incident_run_twice_says_it_is_already_recorded(with_incidents, capsys):
    """The same update-incident a second time answered 'nothing to add ... Give what it lacks:
    --reported-manufacturer ...', as if the option just given had been left out; it says that
    the incident already has that value, and writes nothing."""
    args = ("update-incident", "--date", "2026-11-02", "--which", "fractuur", "--reported-manufacturer", "2026-11-09")
    code, _out, err = run(monitor(with_incidents, *args), capsys)
    assert code == 0, err
    before = (with_incidents / MON_REL).read_bytes()
    code, _out, err = run(monitor(with_incidents, *args), capsys)
    said = " ".join(err.split())
    assert code == 2 and "already has reported_to.manufacturer 2026-11-09" in said, said
    assert "Give what it lacks" not in said and "nothing was written" in said
    assert (with_incidents / MON_REL).read_bytes() == before


@pytest.mark.parametrize("typed, meant", [("ernstig", "serious"), ("matig", "moderate"), ("Serious", "serious")])
def test_monitor_incident_severity_in_dutch_or_capitals_names_the_value_meant(portfolio, capsys, typed, meant):
    """--severity ernstig (the word the Dutch memo shows) or Serious was answered with only the
    list of values; raio check names the value meant for the same word in monitoring.yaml."""
    code, _out, err = run(monitor(portfolio, "incident", "--date", "2026-11-02", "--severity", typed,
                                  "--description", "Gemiste fractuur"), capsys)
    said = " ".join(err.split())
    assert code == 2 and f"Did you mean --severity {meant}?" in said, said
    (portfolio / MON_REL).write_text(WITH_INCIDENTS, encoding="utf-8")
    code, _out, err = run(monitor(portfolio, "update-incident", "--date", "2026-11-05", "--severity", typed), capsys)
    said = " ".join(err.split())
    assert code == 2 and f"Did you mean --severity {meant}?" in said, said


def test_monitor_action_written_with_an_underscore_names_the_action_meant(portfolio, capsys):
    code, _out, err = run(monitor(portfolio, "update_incident", "--date", "2026-11-02"), capsys)
    assert code == 2 and "Did you mean 'update-incident'?" in " ".join(err.split()), err


def test_monitor_help_teaches_update_incident(capsys):
    code, out, _err = run(["monitor", "--help"], capsys)
    said = " ".join(out.split())
    assert code == 0 and "update-incident" in said and "--which" in said


def test_monitor_incident_replaces_an_empty_flow_list(portfolio, capsys):
    code, _out, err = run(monitor(portfolio, "incident", "--date", "2026-11-02", "--severity", "serious",
                                  "--description", "Missed fracture: found at the report", "--reported-vendor", "2026-11-03",
                                  "--reference", "VIM-2026-1"), capsys)
    assert code == 0
    assert "MON009" in err and "manufacturer" in err
    text = (portfolio / MON_REL).read_text(encoding="utf-8")
    assert "incidents:  # nog geen\n  - date: 2026-11-02\n    description: 'Missed fracture: found at the report'\n" \
           "    severity: serious\n    reported_to:\n      vendor: 2026-11-03\n    reference: VIM-2026-1\n" in text
    data = yaml.safe_load(text)
    assert data["incidents"][0]["reported_to"] == {"vendor": dt.date(2026, 11, 3)}
    # the same incident twice is a duplicate
    code, _out, err = run(monitor(portfolio, "incident", "--date", "2026-11-02", "--severity", "serious",
                                  "--description", "Missed fracture: found at the report"), capsys)
    assert code == 2 and "already has this incident" in err


def test_monitor_creates_monitoring_yaml_from_the_template(tmp_path, capsys):
    files = dossier()
    del files["monitoring"]
    root = build(tmp_path, files)
    code, out, _err = run(monitor(root, "incident", "--date", "2026-11-02", "--severity", "minor",
                                  "--description", "Results late for an hour."), capsys)
    assert code == 0 and "created from the template" in out
    text = (root / MON_REL).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../.raio/schemas/monitoring.schema.json\n")
    assert "raio monitor ai-triage result" in text
    data = yaml.safe_load(text)
    assert data["incidents"] == [{"date": dt.date(2026, 11, 2), "description": "Results late for an hour.", "severity": "minor"}]
    # a result cannot be added: the template's plan has no metrics yet
    before = (root / MON_REL).read_bytes()
    code, _out, err = run(monitor(root, "result", "--date", "2026-11-01", "--value", "M1=0.9"), capsys)
    assert code == 2 and "the plan lists no metrics" in err and (root / MON_REL).read_bytes() == before


def test_monitor_init_plans_one_metric_per_pre_registered_effect(tmp_path, capsys):
    """'raio monitor APP init' wrote a plan with one made-up metric (M1 of E1, unit %, alert at 90)
    whatever the application promised. It writes one metric per pre-registered effect, with the
    effect's metric, unit and direction, and its target (a benefit) or limit (a guardrail) as the
    alert threshold; an effect marked post_hoc is left out. The plan uncommented as its comment
    says (and an owner given) is read as written and raio check finds nothing in it."""
    effects = {"effects": [
        {"id": "E1", "kind": "benefit", "primary": True, "metric": "Sensitivity with AI, against the report",
         "unit": "%", "direction": "increase", "target": 92, "baseline": {"value": 84, "source": "audit", "n": 300}},
        {"id": "G1", "kind": "guardrail", "description": "Reading time stays", "unit": "seconds",
         "direction": "decrease", "limit": 70.5, "baseline": {"value": 62, "source": "PACS", "n": 400}},
        {"id": "X1", "kind": "benefit", "post_hoc": True, "metric": "Found later", "target": 1},
    ]}
    files = dossier(effects=effects)
    del files["monitoring"]
    root = build(tmp_path, files)
    code, out, err = run(["monitor", APP, "init", "--portfolio", str(root)], capsys)
    assert code == 0, err
    path = root / MON_REL
    text = path.read_text(encoding="utf-8")
    assert "X1" not in text and "alert_threshold: 90" not in text
    lines = text.splitlines()
    start = lines.index("# plan:")
    end = lines.index("#", start)
    lines[start:end] = [line[2:] for line in lines[start:end]]
    path.write_text("\n".join(lines).replace('owner: ""', 'owner: "RAIO"') + "\n", encoding="utf-8")
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))["plan"]
    assert plan["metrics"] == [
        {"id": "M1", "effect": "E1", "description": "Sensitivity with AI, against the report", "unit": "%",
         "direction": "increase", "alert_threshold": 92},
        {"id": "M2", "effect": "G1", "description": "Reading time stays", "unit": "seconds",
         "direction": "decrease", "alert_threshold": 70.5},
    ]
    result = run_check(root, "--no-git", today=TODAY)
    assert [f for f in result.findings if f.file == MON_REL and f.code != "MON003"] == []


def test_monitor_init_plans_a_metric_per_effect_when_every_effect_is_post_hoc(tmp_path, capsys):
    """A hospital taking raio up with an application in production for two years commits its
    effects now, and marks them post_hoc as REG001 asks. 'raio monitor APP init' then left every
    effect out and wrote the made-up example plan, so the RAIO typed the metrics, units and
    thresholds over again. With nothing pre-registered the post-hoc effects are what is known of
    what was expected: each has its metric, and the plan and the Next: line say they are post hoc."""
    effects = {"effects": [
        {"id": "E1", "kind": "benefit", "primary": True, "post_hoc": True, "metric": "Sensitivity for nodules",
         "unit": "%", "direction": "increase", "target": 85, "baseline": {"value": 78, "source": "audit", "n": 200}},
        {"id": "G1", "kind": "guardrail", "post_hoc": True, "metric": "Reading time", "unit": "minutes",
         "direction": "decrease", "limit": 14, "baseline": {"value": 12, "source": "PACS", "n": 400}},
    ]}
    files = dossier(effects=effects)
    del files["monitoring"]
    root = build(tmp_path, files)
    code, out, err = run(["monitor", APP, "init", "--portfolio", str(root)], capsys)
    assert code == 0, err
    assert "(M1, M2: one per effect, each marked post_hoc: none was pre-registered)" in " ".join(out.split())
    text = (root / MON_REL).read_text(encoding="utf-8")
    assert "alert_threshold: 90" not in text and "(post_hoc: none pre-registered)" in text
    lines = text.splitlines()
    start = lines.index("# plan:")
    end = lines.index("#", start)
    lines[start:end] = [line[2:] for line in lines[start:end]]
    plan = yaml.safe_load("\n".join(lines))["plan"]
    assert [(m["id"], m["effect"], m["unit"], m["alert_threshold"]) for m in plan["metrics"]] == [
        ("M1", "E1", "%", 85), ("M2", "G1", "minutes", 14)]


@pytest.mark.parametrize("effects, next_step", [
    ({"effects": [{"id": "E1", "kind": "benefit", "metric": "Sensitivity", "unit": "%", "target": 92},
                  {"id": "G1", "kind": "guardrail", "metric": "Reading time", "unit": "seconds"},
                  {"id": "G2", "kind": "guardrail", "metric": "Recalls", "unit": "%", "limit": 3}]},
     "Next: uncomment the plan in monitoring.yaml, fill in its owner (the role that records the results) and "
     "confirm its frequency; of its metrics (M1, M2, M3: one per pre-registered effect) keep those worth "
     "following, and give M2 an alert_threshold (no target or limit in effects.yaml: the plan says 0), then"),
    ({"effects": []},
     "Next: uncomment the plan in monitoring.yaml and fill it in: its owner (the role that records the results), "
     "its frequency, and a metric per thing to follow (id, description, unit, direction, alert_threshold), then"),
])
def test_monitor_init_says_what_is_left_of_the_plan_it_wrote(tmp_path, capsys, effects, next_step):
    """After 'raio monitor APP init' wrote a metric per pre-registered effect, its Next: line still
    said to fill in the template's plan with metrics (id, unit, direction and alert_threshold). It
    says what is left: uncomment the plan, its owner, its frequency, which metrics to keep, and
    which have no alert threshold from their effect; without effects, the whole plan."""
    files = dossier(effects=effects)
    del files["monitoring"]
    root = build(tmp_path, files)
    code, out, err = run(["monitor", APP, "init", "--portfolio", str(root)], capsys)
    assert code == 0, err
    assert out.splitlines()[1] == next_step
    text = (root / MON_REL).read_text(encoding="utf-8")
    assert "# plan:" in text and '#   owner: ""' in text


@pytest.mark.parametrize("csv_text", [
    "date,metric,value,by\n2026-11-01,sens,0.91,Dr. X\n2026-11-01,fp_per_study,0.3,Dr. X\n2026-11-08,sens,0.88,\n",
    "date,sens,fp_per_study,by\n2026-11-01,0.91,0.3,Dr. X\n2026-11-08,0.88,,\n",
    "\ufeffdate;sens;fp_per_study;by\n2026-11-01;0,91;0,3;Dr. X\n2026-11-08;0,88;;\n",
])
def test_monitor_imports_csv_long_wide_and_semicolon(portfolio, capsys, tmp_path, csv_text):
    csv_file = tmp_path / "results.csv"
    csv_file.write_text(csv_text, encoding="utf-8")
    code, out, err = run(monitor(portfolio, "import", str(csv_file)), capsys)
    assert code == 0, err
    assert "Added 2 results" in out
    data = yaml.safe_load((portfolio / MON_REL).read_text(encoding="utf-8"))
    assert data["results"][-2:] == [
        {"date": dt.date(2026, 11, 1), "values": {"sens": 0.91, "fp_per_study": 0.3}, "by": "Dr. X"},
        {"date": dt.date(2026, 11, 8), "values": {"sens": 0.88}},
    ]


@pytest.mark.parametrize("csv_text", [
    "date;sens;fp_per_study\n08-11-2026;0,88;\n01-11-2026;0,91;0,3\n",  # a Dutch sheet sorted newest first
    "date,metric,value\n2026-11-08,sens,0.88\n2026-11-01,sens,0.91\n2026-11-01,fp_per_study,0.3\n",
])
def test_monitor_import_appends_results_oldest_first(tmp_path, capsys, csv_text):
    """A spreadsheet sorted newest first was imported in its rows' order, and left monitoring.yaml's
    results in descending date order. They are appended oldest first (one date's rows in the
    file's order); the results already in the file and its comments stay as they were."""
    root, git = committed_portfolio(tmp_path)
    code, out, err = run(monitor(root, "import", str(write(tmp_path / "results.csv", csv_text))), capsys)
    assert code == 0, err
    assert "Added 2 results" in out
    data = yaml.safe_load((root / MON_REL).read_text(encoding="utf-8"))
    assert [(r["date"], list(r["values"])) for r in data["results"]] == [
        (dt.date(2026, 10, 1), ["sens", "fp_per_study"]),
        (dt.date(2026, 11, 1), ["sens", "fp_per_study"]),
        (dt.date(2026, 11, 8), ["sens"]),
    ]
    added = appended_lines(git)
    assert [line for line in added if "date:" in line] == ["  - date: 2026-11-01", "  - date: 2026-11-08"]


def committed_portfolio(tmp_path, monitoring: str = COMMENTED):
    """The portfolio fixture's application, with ``monitoring`` as its monitoring.yaml, committed
    in a real git repository: (root, Git)."""
    files = dossier()
    del files["monitoring"]
    root = build(tmp_path, files)
    (root / MON_REL).write_text(monitoring, encoding="utf-8")
    git = Git(root)
    git.commit("portfolio", "2026-11-10")
    return root, git


def appended_lines(git) -> list[str]:
    """The lines monitoring.yaml gained since the commit; fails if one was changed or removed."""
    diff = git.run("diff", "-U0", "--", MON_REL).splitlines()
    changes = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changes and all(line.startswith("+") for line in changes), diff  # appended, nothing rewritten
    return [line[1:] for line in changes]


@pytest.mark.parametrize("csv_text", [
    "Datum;Meting;Waarde;Door;Opmerkingen\n01-11-2026;sens;0,91;Dr. X;rustige maand\n"
    "01-11-2026;fp_per_study;0,3;Dr. X;rustige maand\n",
    "datum;sens;fp_per_study;Ingevoerd door;opmerking\n2026-11-01;0,91;0,3;Dr. X;rustige maand\n",
    "MEETDATUM,maat,meetwaarde,door,toelichting\n2026-11-01,sens,0.91,Dr. X,rustige maand\n"
    "2026-11-01,fp_per_study,0.3,,\n",
])
def test_monitor_import_reads_a_dutch_header(tmp_path, capsys, csv_text):
    """A Dutch spreadsheet heads its columns datum, meting, waarde, door: the import refused it
    ("must start with 'date'") and the RAIO renamed the columns by hand. The Dutch words of
    catalog field_words.yaml (import_columns) are read as the English names, in any case."""
    root, git = committed_portfolio(tmp_path)
    code, out, err = run(monitor(root, "import", str(write(tmp_path / "results.csv", csv_text))), capsys)
    assert code == 0, err
    assert "Added the result of 2026-11-01" in out
    data = yaml.safe_load((root / MON_REL).read_text(encoding="utf-8"))
    assert data["results"][-1] == {"date": dt.date(2026, 11, 1), "values": {"sens": 0.91, "fp_per_study": 0.3},
                                   "by": "Dr. X", "notes": "rustige maand"}
    assert "  - date: 2026-11-01" in appended_lines(git)


PLAN_ONLY = COMMENTED[:COMMENTED.index("results:\n")]

#: Results entered by hand for August and October, each with its comment, and text after the list.
BY_HAND = PLAN_ONLY + """results:
  # augustus
  - date: 2026-08-01
    values: {sens: 0.9}
    by: 'dr. Y'   # ingevoerd
    # nagekeken
  # oktober: na de update
  - date: 2026-10-01
    values: {sens: 0.91, fp_per_study: 0.2}
    notes: >-
      twee regels
      tekst.

# Incidenten
incidents: []  # nog geen
"""


def test_monitor_import_puts_older_results_before_newer_ones_and_keeps_every_comment(tmp_path, capsys):
    """A hospital that entered August and October by hand imported its back-catalogue (June, July)
    with a forgotten September and the new November, in no order: all four went after October, so
    the file, memo and log read 2026-10, 2026-06, 2026-07 ... Each now goes in date order among the
    results already there, which keep their lines, comments and quoting byte for byte; the
    comments above a result stay above it, one indented under a result stays under it, and the
    command says where each run of new results went. A value already recorded on its date (here
    sens of 2026-08-01) stops the import, whatever the other rows: nothing is written."""
    root, git = committed_portfolio(tmp_path, BY_HAND)
    again = write(tmp_path / "again.csv", "date,sens\n2026-06-01,0.87\n2026-08-01,0.9\n2026-11-01,0.9\n")
    code, _out, err = run(monitor(root, "import", str(again)), capsys)
    assert code == 2 and "CSV line 3: monitoring.yaml already has a result dated 2026-08-01" in err
    assert (root / MON_REL).read_text(encoding="utf-8") == BY_HAND
    csv_text = "date,sens,by\n2026-11-01,0.92,\n2026-07-01,0.88,dr. Z\n2026-09-01,0.9,\n2026-06-01,0.87,dr. Z\n"
    code, out, err = run(monitor(root, "import", str(write(tmp_path / "results.csv", csv_text))), capsys)
    assert code == 0, err
    assert (root / MON_REL).read_text(encoding="utf-8") == PLAN_ONLY + """results:
  - date: 2026-06-01
    values: {sens: 0.87}
    by: dr. Z
  - date: 2026-07-01
    values: {sens: 0.88}
    by: dr. Z
  # augustus
  - date: 2026-08-01
    values: {sens: 0.9}
    by: 'dr. Y'   # ingevoerd
    # nagekeken
  - date: 2026-09-01
    values: {sens: 0.9}
  # oktober: na de update
  - date: 2026-10-01
    values: {sens: 0.91, fp_per_study: 0.2}
    notes: >-
      twee regels
      tekst.
  - date: 2026-11-01
    values: {sens: 0.92}

# Incidenten
incidents: []  # nog geen
"""
    appended_lines(git)  # lines added, none changed or removed
    start = len(PLAN_ONLY.splitlines()) + 1  # the results: line
    assert out.splitlines()[:4] == [
        f"Added 4 results to {MON_REL}:",
        f"  2026-06-01 and 2026-07-01: at the start of results, before the result of 2026-08-01 "
        f"(lines {start + 1}-{start + 6})",
        f"  2026-09-01: between the results of 2026-08-01 and 2026-10-01 (lines {start + 12}-{start + 13})",
        f"  2026-11-01: at the end of results, after the result of 2026-10-01 (lines {start + 20}-{start + 21})",
    ]
    assert "not in date order" not in err
    # the memo's view agrees: the latest value is November's
    summary = mon.monitoring_summary({"monitoring": yaml.safe_load((root / MON_REL).read_text(encoding="utf-8"))},
                                     dt.date(2026, 11, 15))
    assert summary["last_result_date"] == "2026-11-01"


def test_monitor_result_by_hand_goes_in_date_order_and_says_where(tmp_path, capsys):
    """`raio monitor APP result` appended a forgotten September result after October's, as import
    did. It goes between them, the dry run shows where it would go, and the command says so."""
    root, git = committed_portfolio(tmp_path, BY_HAND)
    args = ("result", "--date", "2026-09-01", "--value", "sens=0.9", "--by", "dr. Y")
    code, out, err = run(monitor(root, *args, "--dry-run"), capsys)
    assert code == 0, err
    start = len(PLAN_ONLY.splitlines()) + 1
    where = f"between the results of 2026-08-01 and 2026-10-01 (lines {start + 6}-{start + 8})"
    assert out.startswith(f"results:  # would be added to {MON_REL}\n  # {where}\n  - date: 2026-09-01\n"), out
    assert (root / MON_REL).read_text(encoding="utf-8") == BY_HAND
    code, out, err = run(monitor(root, *args), capsys)
    assert code == 0, err
    assert out.splitlines()[0] == f"Added the result of 2026-09-01 to {MON_REL}, {where}."
    assert appended_lines(git) == ["  - date: 2026-09-01", "    values: {sens: 0.9}", "    by: dr. Y"]
    lines = (root / MON_REL).read_text(encoding="utf-8").splitlines()
    assert lines[start + 4:start + 8] == ["    # nagekeken", "  - date: 2026-09-01", "    values: {sens: 0.9}",
                                           "    by: dr. Y"]
    assert lines[start + 8] == "  # oktober: na de update"


UNSORTED = PLAN_ONLY + """results:
  - date: 2026-10-01
    values: {sens: 0.91}
  - date: 2026-06-01
    values: {sens: 0.9}
  - date: 2026-08-01
    values: {sens: 0.9}
incidents: []
"""

NEWEST_FIRST = PLAN_ONLY + """results:
  - date: 2026-10-01
    values: {sens: 0.91}
  - date: 2026-08-01
    values: {sens: 0.9}
  - date: 2026-06-01
    values: {sens: 0.9}
incidents: []
"""

PER_METRIC = PLAN_ONLY + """results:
  # sens
  - date: 2026-08-01
    values: {sens: 0.9}
  - date: 2026-10-01
    values: {sens: 0.91}
  # fp_per_study
  - date: 2026-07-01
    values: {fp_per_study: 0.2}
  - date: 2026-09-01
    values: {fp_per_study: 0.3}
incidents: []
"""


@pytest.mark.parametrize("text, csv_text, dates, said", [
    # in no date order: nothing moves; each goes after the last result dated before it
    (UNSORTED, "date,sens\n2026-07-01,0.8\n2026-11-01,0.8\n2026-05-01,0.8\n",
     ["2026-05-01", "2026-10-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-11-01"],
     ["  2026-05-01: at the start of results, before the result of 2026-10-01 (lines 18-19)",
      "  2026-07-01: between the results of 2026-06-01 and 2026-08-01 (lines 24-25)",
      "  2026-11-01: at the end of results, after the result of 2026-08-01 (lines 28-29)"]),
    # newest first, as some keep it by hand: kept so
    (NEWEST_FIRST, "date,sens\n2026-07-01,0.8\n2026-11-01,0.8\n",
     ["2026-11-01", "2026-10-01", "2026-08-01", "2026-07-01", "2026-06-01"],
     ["  2026-11-01: at the start of results, before the result of 2026-10-01 (lines 18-19)",
      "  2026-07-01: between the results of 2026-08-01 and 2026-06-01 (lines 24-25)"]),
    # kept metric by metric, each in date order: among the results of its metric
    (PER_METRIC, "date,sens\n2026-09-15,0.8\n",
     ["2026-08-01", "2026-09-15", "2026-10-01", "2026-07-01", "2026-09-01"],
     ["2026-09-15 to", "between the results of 2026-08-01 and 2026-10-01 (lines 21-22)"]),
])
def test_monitor_import_into_a_list_not_in_date_order_moves_nothing_and_says_where(tmp_path, capsys, text, csv_text,
                                                                                    dates, said):
    root, git = committed_portfolio(tmp_path, text)
    code, out, err = run(monitor(root, "import", str(write(tmp_path / "results.csv", csv_text))), capsys)
    assert code == 0, err
    data = yaml.safe_load((root / MON_REL).read_text(encoding="utf-8"))
    assert [r["date"].isoformat() for r in data["results"]] == dates
    appended_lines(git)  # the results already there kept their lines and their order
    if said[0].startswith("  "):
        assert out.splitlines()[1:1 + len(said)] == said, out
    else:  # one result: said on the Added line
        assert out.splitlines()[0] == f"Added the result of 2026-09-15 to {MON_REL}, {said[1]}.", out
    note = " ".join(err.split())
    if text is NEWEST_FIRST:
        assert f"the results in {MON_REL} are newest first; the new ones were put in that order" in note
    else:
        assert f"the results in {MON_REL} are not in date order" in note and "left them where they are" in note


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_monitor_import_of_older_results_that_fails_to_write_loses_nothing(tmp_path, capsys, monkeypatch, failing):
    """The write of an import that puts results before the ones in the file fails half-way (a full
    disk): the file is as it was, no temporary file is left, and the import run again puts them
    in date order."""
    root, git = committed_portfolio(tmp_path, BY_HAND)
    csv_file = write(tmp_path / "results.csv", "date,sens\n2026-06-01,0.87\n2026-09-01,0.9\n")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    code, _out, err = run(monitor(root, "import", str(csv_file)), capsys)
    monkeypatch.undo()
    assert code == 2 and "could not be written: No space left on device" in err
    assert (root / MON_REL).read_text(encoding="utf-8") == BY_HAND
    assert sorted(p.name for p in (root / "applications" / APP).iterdir()) == \
        ["application.yaml", "effects.yaml", "monitoring.yaml", "pilot.yaml"]
    code, _out, err = run(monitor(root, "import", str(csv_file)), capsys)
    assert code == 0, err
    data = yaml.safe_load((root / MON_REL).read_text(encoding="utf-8"))
    assert [r["date"].isoformat() for r in data["results"]] == ["2026-06-01", "2026-08-01", "2026-09-01", "2026-10-01"]


@pytest.mark.parametrize("text, expected", [
    ("results: [{date: 2026-08-01, values: {M1: 1}}, {date: 2026-10-01, values: {M1: 1}}]\n",
     "results: [{date: 2026-08-01, values: {M1: 1}}, {date: 2026-09-01, values: {M1: 2}}, "
     "{date: 2026-10-01, values: {M1: 1}}]\n"),
    # entries kept apart by blank lines: so is the new one
    ("results:\n\n- date: 2026-08-01\n  values: {M1: 1}\n\n- date: 2026-10-01\n  values: {M1: 1}\n",
     "results:\n\n- date: 2026-08-01\n  values: {M1: 1}\n\n- date: 2026-09-01\n  values: {M1: 2}\n\n"
     "- date: 2026-10-01\n  values: {M1: 1}\n"),
    ("results:\r\n  - date: 2026-08-01\r\n    values: {M1: 1}\r\n  - date: 2026-10-01\r\n    values: {M1: 1}\r\n",
     "results:\r\n  - date: 2026-08-01\r\n    values: {M1: 1}\r\n  - date: 2026-09-01\r\n    values: {M1: 2}\r\n"
     "  - date: 2026-10-01\r\n    values: {M1: 1}\r\n"),
])
def test_place_entries_keeps_the_layout_of_the_list(text, expected):
    entry = {"date": dt.date(2026, 9, 1), "values": {"M1": 2}}
    new, positions, runs, hows = mon.place_entries(text, yaml.safe_load(text), [entry], "results")
    assert new == expected and positions == [1] and hows == {"order"}
    assert (runs[0].before, runs[0].after) == ("2026-08-01", "2026-10-01")


#: Results under a comment on the whole list, and incidents under one, each entry without a comment of its own.
LIST_COMMENTS = PLAN_ONLY + """results:
  # Maandelijks, oudste eerst.
  - date: 2026-08-01
    values: {sens: 0.9}
  - date: 2026-10-01
    values: {sens: 0.91}

# Incidenten
incidents:
  # Alle incidenten sinds de livegang, oudste eerst.
  - date: 2026-09-10
    description: AI-server twee uur niet bereikbaar
    severity: minor
    # nagebeld met de leverancier
  - date: 2026-11-02
    description: Gemiste fractuur
    severity: serious
    reported_to: {vendor: 2026-11-02, manufacturer: 2026-11-03}
# einde
"""


def test_monitor_incident_reported_late_goes_in_date_order_and_says_where(tmp_path, capsys):
    """An incident recorded after a later one (reported late) was appended at the end of
    incidents, so the file, and raio monitor's list read in file order, went out of date order.
    It goes in date order among the incidents, which keep their lines and comments; the dry run
    shows where it would go and the command says where it went. One older than all goes at the
    start of the list, under the comment on the whole list right under incidents:."""
    root, git = committed_portfolio(tmp_path, LIST_COMMENTS)
    start = len(PLAN_ONLY.splitlines())  # the line before results:
    args = ("incident", "--date", "2026-10-05", "--severity", "moderate", "--description", "Verkeerde zijde gemarkeerd")
    code, out, err = run(monitor(root, *args, "--dry-run"), capsys)
    assert code == 0, err
    where = f"between the incidents of 2026-09-10 and 2026-11-02 (lines {start + 15}-{start + 17})"
    assert out == (f"incidents:  # would be added to {MON_REL}\n  # {where}\n  - date: 2026-10-05\n"
                   "    description: Verkeerde zijde gemarkeerd\n    severity: moderate\n"), out
    assert (root / MON_REL).read_text(encoding="utf-8") == LIST_COMMENTS
    code, out, err = run(monitor(root, *args), capsys)
    assert code == 0, err
    assert out.splitlines()[0] == f"Added the incident of 2026-10-05 to {MON_REL}, {where}."
    code, out, err = run(monitor(root, "incident", "--date", "2026-08-01", "--severity", "minor",
                                 "--description", "Trage verwerking"), capsys)
    assert code == 0, err
    assert out.splitlines()[0] == (f"Added the incident of 2026-08-01 to {MON_REL}, at the start of incidents, "
                                   f"before the incident of 2026-09-10 (lines {start + 11}-{start + 13}).")
    assert "not in date order" not in err
    assert (root / MON_REL).read_text(encoding="utf-8") == LIST_COMMENTS.replace("""oudste eerst.
  - date: 2026-09-10""", """oudste eerst.
  - date: 2026-08-01
    description: Trage verwerking
    severity: minor
  - date: 2026-09-10""").replace("""    # nagebeld met de leverancier
""", """    # nagebeld met de leverancier
  - date: 2026-10-05
    description: Verkeerde zijde gemarkeerd
    severity: moderate
""")
    assert appended_lines(git) == ["  - date: 2026-08-01", "    description: Trage verwerking", "    severity: minor",
                                   "  - date: 2026-10-05", "    description: Verkeerde zijde gemarkeerd",
                                   "    severity: moderate"]
    data = yaml.safe_load((root / MON_REL).read_text(encoding="utf-8"))
    assert [i["date"].isoformat() for i in data["incidents"]] == ["2026-08-01", "2026-09-10", "2026-10-05", "2026-11-02"]


def test_monitor_result_before_the_first_keeps_the_lists_comment_above_it(tmp_path, capsys):
    """A result older than all went right under results:, below the comment on the whole list
    ("Maandelijks, oudste eerst."), which then read as a comment on the new result's successor.
    The comment right under the key, indented as the results, stays above the list."""
    root, git = committed_portfolio(tmp_path, LIST_COMMENTS)
    start = len(PLAN_ONLY.splitlines())
    args = ("result", "--date", "2026-06-01", "--value", "sens=0.88")
    where = f"at the start of results, before the result of 2026-08-01 (lines {start + 3}-{start + 4})"
    code, out, err = run(monitor(root, *args, "--dry-run"), capsys)
    assert code == 0, err
    assert out == f"results:  # would be added to {MON_REL}\n  # {where}\n  - date: 2026-06-01\n    values: {{sens: 0.88}}\n"
    code, out, err = run(monitor(root, *args), capsys)
    assert code == 0, err
    assert out.splitlines()[0] == f"Added the result of 2026-06-01 to {MON_REL}, {where}."
    assert (root / MON_REL).read_text(encoding="utf-8") == LIST_COMMENTS.replace(
        "oudste eerst.\n  - date: 2026-08-01", "oudste eerst.\n  - date: 2026-06-01\n    values: {sens: 0.88}\n"
        "  - date: 2026-08-01", 1)
    assert appended_lines(git) == ["  - date: 2026-06-01", "    values: {sens: 0.88}"]


@pytest.mark.parametrize("text, expected", [
    # the comment on the list, a blank line, and the first entry's own comment: between the two
    ("incidents:\n  # alle incidenten\n\n  # de storing\n  - date: 2026-09-10\n    description: storing\n"
     "    severity: minor\n",
     "incidents:\n  # alle incidenten\n  - date: 2026-08-01\n    description: nieuw\n    severity: minor\n\n"
     "  # de storing\n  - date: 2026-09-10\n    description: storing\n    severity: minor\n"),
    # one entry under a comment: nothing says it is the entry's, so it is the list's
    ("incidents:\n- date: 2026-09-10  # x\n  description: storing\n  severity: minor\n",
     "incidents:\n- date: 2026-08-01\n  description: nieuw\n  severity: minor\n"
     "- date: 2026-09-10  # x\n  description: storing\n  severity: minor\n"),
    ("incidents:\n# lijst\n- date: 2026-09-10\n  description: storing\n  severity: minor\n",
     "incidents:\n# lijst\n- date: 2026-08-01\n  description: nieuw\n  severity: minor\n"
     "- date: 2026-09-10\n  description: storing\n  severity: minor\n"),
    # each entry with a comment of its own above it: the first's is its own, and stays with it
    ("incidents:\n  # september\n  - date: 2026-09-10\n    description: a\n    severity: minor\n"
     "  # oktober\n  - date: 2026-10-10\n    description: b\n    severity: minor\n",
     "incidents:\n  - date: 2026-08-01\n    description: nieuw\n    severity: minor\n  # september\n"
     "  - date: 2026-09-10\n    description: a\n    severity: minor\n"
     "  # oktober\n  - date: 2026-10-10\n    description: b\n    severity: minor\n"),
    # a comment indented otherwise than the entries is not the list's
    ("incidents:\n      # ?\n  - date: 2026-09-10\n    description: a\n    severity: minor\n",
     "incidents:\n  - date: 2026-08-01\n    description: nieuw\n    severity: minor\n      # ?\n"
     "  - date: 2026-09-10\n    description: a\n    severity: minor\n"),
    ("incidents: [{date: 2026-09-10, description: a, severity: minor}]\n",
     "incidents: [{date: 2026-08-01, description: nieuw, severity: minor}, "
     "{date: 2026-09-10, description: a, severity: minor}]\n"),
])
def test_place_entries_puts_an_incident_before_the_first_under_the_lists_comment(text, expected):
    entry = {"date": dt.date(2026, 8, 1), "description": "nieuw", "severity": "minor"}
    new, positions, runs, hows = mon.place_entries(text, yaml.safe_load(text), [entry], "incidents")
    assert new == expected and positions == [0] and hows == {"order"}
    assert runs[0].where().startswith("at the start of incidents, before the incident of 2026-09-10 (line")
    mon.verify_append(text, new, "incidents", [entry], "monitoring.yaml", positions=positions)


@pytest.mark.parametrize("incidents, dates, said, note", [
    # two incidents of 2026-11-02 already: a third of that day goes after them
    ("  - {date: 2026-11-02, description: a, severity: minor}\n  - {date: 2026-11-02, description: b, severity: minor}\n"
     "  - {date: 2026-11-05, description: c, severity: minor}\n",
     ["2026-11-02", "2026-11-02", "2026-11-02", "2026-11-05"],
     "between the incidents of 2026-11-02 and 2026-11-05 (lines 20-22)", None),
    ("  - {date: 2026-11-05, description: c, severity: minor}\n  - {date: 2026-09-01, description: a, severity: minor}\n"
     "  - {date: 2026-10-01, description: b, severity: minor}\n",
     ["2026-11-05", "2026-09-01", "2026-10-01", "2026-11-02"],
     "at the end of incidents, after the incident of 2026-10-01 (lines 21-23)",
     "the incidents in {rel} are not in date order (the incident of 2026-09-01 follows that of 2026-11-05); raio "
     "left them where they are and put each new one after the last incident dated before it (before the first, "
     "when none is)"),
    ("  - {date: 2026-11-05, description: c, severity: minor}\n  - {date: 2026-09-01, description: a, severity: minor}\n"
     "  - {date: 2026-08-01, description: z, severity: minor}\n",
     ["2026-11-05", "2026-11-02", "2026-09-01", "2026-08-01"],
     "between the incidents of 2026-11-05 and 2026-09-01 (lines 19-21)",
     "the incidents in {rel} are newest first; the new ones were put in that order"),
    # an incident without a date (which raio check reports) keeps its place and is not counted
    ("  - {date: 2026-09-01, description: a, severity: minor}\n  - {description: onbekend, severity: minor}\n"
     "  - {date: 2026-11-05, description: c, severity: minor}\n",
     ["2026-09-01", "2026-11-02", None, "2026-11-05"],
     "between the incident of 2026-09-01 and the entry on line 22 (lines 19-21)", None),
])
def test_monitor_incident_among_incidents_not_in_date_order_moves_nothing(tmp_path, capsys, incidents, dates, said,
                                                                          note):
    text = PLAN_ONLY + "incidents:\n" + incidents
    root, git = committed_portfolio(tmp_path, text)
    code, out, err = run(monitor(root, "incident", "--date", "2026-11-02", "--severity", "minor",
                                 "--description", "nieuw"), capsys)
    assert code == 0, err
    assert out.splitlines()[0] == f"Added the incident of 2026-11-02 to {MON_REL}, {said}.", out
    data = yaml.safe_load((root / MON_REL).read_text(encoding="utf-8"))
    assert [str(i["date"]) if "date" in i else None for i in data["incidents"]] == dates
    assert appended_lines(git) == ["  - date: 2026-11-02", "    description: nieuw", "    severity: minor"]
    notes = " ".join(err.split())
    assert (note is None and "date order" not in notes and "newest first" not in notes) or \
        f"raio: note: {note.format(rel=MON_REL)}" in notes, notes


@pytest.mark.parametrize("key, text, args", [
    ("results", "results:\n  - date: 2026-10-01\n    values: {sens: hoog}\n",
     ("result", "--date", "2026-09-01", "--value", "sens=0.9")),
    ("incidents", "incidents:\n  - date: 2026-10-01\n    description: storing\n    severity: hoog\n",
     ("incident", "--date", "2026-09-01", "--severity", "minor", "--description", "nieuw")),
])
def test_monitor_entry_before_one_the_schema_reports_is_recorded(tmp_path, capsys, key, text, args):
    """An entry put before one the schema reports (a value or severity that is none) was refused as
    not fitting the schema: the finding of the entry after it named its index, one more than
    before (results[1] for results[0]), and read as new. It is the old finding, and stays."""
    root, git = committed_portfolio(tmp_path, PLAN_ONLY + text)
    code, out, err = run(monitor(root, *args), capsys)
    assert code == 0, err
    assert out.splitlines()[0] == (f"Added the {key[:-1]} of 2026-09-01 to {MON_REL}, at the start of {key}, "
                                   f"before the {key[:-1]} of 2026-10-01 (lines 18-{18 + len(appended_lines(git)) - 1}).")
    assert (root / MON_REL).read_text(encoding="utf-8").endswith(text.replace(f"{key}:\n", ""))
    # a new entry with the same fault as the one after it is still refused
    bad = {"date": dt.date(2026, 9, 1), **({"values": {"sens": "hoog"}} if key == "results" else
                                           {"description": "nieuw", "severity": "hoog"})}
    new, positions, _runs, _hows = mon.place_entries(PLAN_ONLY + text, yaml.safe_load(PLAN_ONLY + text), [bad], key)
    with pytest.raises(mon.MonitorError, match=rf"does not fit the monitoring schema: {key}\[0\]"):
        mon.verify_append(PLAN_ONLY + text, new, key, [bad], MON_REL, APP, positions)


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_monitor_incident_before_others_that_fails_to_write_loses_nothing(tmp_path, capsys, monkeypatch, failing):
    """The write of an incident that goes before the ones in the file fails half-way (a full disk):
    the file is as it was, no temporary file is left, and the command run again puts it in date
    order."""
    root, git = committed_portfolio(tmp_path, LIST_COMMENTS)
    args = ("incident", "--date", "2026-10-05", "--severity", "minor", "--description", "Trage verwerking")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    code, _out, err = run(monitor(root, *args), capsys)
    monkeypatch.undo()
    assert code == 2 and "could not be written: No space left on device" in err
    assert (root / MON_REL).read_text(encoding="utf-8") == LIST_COMMENTS
    assert sorted(p.name for p in (root / "applications" / APP).iterdir()) == \
        ["application.yaml", "effects.yaml", "monitoring.yaml", "pilot.yaml"]
    code, _out, err = run(monitor(root, *args), capsys)
    assert code == 0, err
    data = yaml.safe_load((root / MON_REL).read_text(encoding="utf-8"))
    assert [i["date"].isoformat() for i in data["incidents"]] == ["2026-09-10", "2026-10-05", "2026-11-02"]
    assert len(appended_lines(git)) == 3


def test_monitor_import_keeps_a_metric_named_as_a_dutch_column(tmp_path, capsys):
    # a plan may follow a metric with the id 'waarde' (value): its column is that metric's values
    root, git = committed_portfolio(tmp_path, COMMENTED.replace("id: sens", "id: waarde")
                                    .replace("{sens: 0.9,", "{waarde: 0.9,"))
    code, _out, err = run(monitor(root, "import", str(write(tmp_path / "results.csv", "datum;waarde\n2026-11-01;0,91\n"))),
                          capsys)
    assert code == 0, err
    assert yaml.safe_load((root / MON_REL).read_text(encoding="utf-8"))["results"][-1]["values"] == {"waarde": 0.91}
    appended_lines(git)


def test_monitor_import_names_the_dutch_headers_it_reads(portfolio, capsys, tmp_path):
    """The header's error and raio monitor --help list every column name import reads, the Dutch
    words of the catalog (field_words.yaml import_columns) with them; each word is one column's."""
    from raio_cli.catalog import import_column_words
    from raio_cli.commands.monitor import monitor as command

    words = import_column_words()
    assert set(words) <= set(mon.RESERVED_COLUMNS)
    every = [w for ws in words.values() for w in ws]
    assert len(every) == len(set(every)) and not set(every) & set(mon.RESERVED_COLUMNS)
    assert all(w == mon._column_key(w) for w in every)  # as the import compares them
    code, _out, err = run(monitor(portfolio, "import", str(write(tmp_path / "r.csv", "periode,sens\n2026-11-01,0.9\n"))),
                          capsys)
    said, helped = " ".join(err.split()), " ".join(command.__doc__.split())
    assert code == 2 and "date (datum, meetdatum), metric (meting, maat, metriek)" in said, said
    for column, ws in words.items():
        assert f"{column} ({', '.join(ws)})" in said, said
        assert all(w in helped for w in ws), (column, ws)
    code, _out, err = run(monitor(portfolio, "import", str(write(tmp_path / "r.csv", "datum,sens,opmerkingn\n"))), capsys)
    said = " ".join(err.split())
    assert code == 2 and "CSV column 'opmerkingn' is not a metric" in said and "notes (opmerkingen" in said, said


def test_monitor_import_alert_note_names_the_csv_follow_up_column(portfolio, capsys, tmp_path):
    """An imported result past its alert threshold was answered "give --follow-up ... when you
    add it", and 'raio monitor APP import results.csv --follow-up ...' is refused (--follow-up is
    for result and incident): a CSV carries the follow-up in its follow_up column."""
    csv_file = tmp_path / "results.csv"
    csv_file.write_text("date,sens,fp_per_study\n2026-11-01,0.80,0.3\n", encoding="utf-8")
    for dry in (["--dry-run"], []):
        code, _out, err = run(monitor(portfolio, "import", str(csv_file), *dry), capsys)
        said = " ".join(err.split())
        assert code == 0 and "below its alert threshold 0.85" in said, said
        if dry:  # before the import: in the CSV; after it: the command that completes the result
            assert "--follow-up" not in said and "in the CSV's follow_up column" in said, said
        else:
            assert "add it: raio monitor -p " in said and \
                f' {APP} update-result --date 2026-11-01 --follow-up "..."' in said, said
    code, _out, err = run(monitor(portfolio, "import", str(csv_file), "--follow-up", "x"), capsys)
    assert code == 2 and "--follow-up does not apply to 'import'" in err


@pytest.mark.parametrize("csv_text, message", [
    ("date,sens\n2026-11-01,0.9\n2026-11-01,0.8\n", "CSV line 3: the date 2026-11-01 is also on line 2"),
    ("date,sens\n2026-11-01,0.9\n2026-11-08,x\n", "CSV line 3: sens: 'x' is not a number"),
    ("date,sens\n2026-11-01,0.9\n2026-13-08,0.9\n", "CSV line 3: '2026-13-08' is not a date"),
    ("date,sens\n2026-11-01,0.9\n2026-12-08,0.9\n", "lies in the future"),
    ("date,sens,bogus\n2026-11-01,0.9,1\n", "CSV column 'bogus' is not a metric of the plan"),
    ("date,metric,value\n2026-11-01,sens,0.9\n2026-11-01,sens,0.8\n", "sens on 2026-11-01 is given twice"),
    ("date,sens\n2026-10-01,0.9\n", "already has a result dated 2026-10-01"),
    ("metric,value\nsens,0.9\n", "must start with 'date'; its first column is 'metric'"),
    # a header in no language raio reads: said what was found, and the layout with the file's own separator
    ("periode;sens\n2026-11-01;0,9\n", "its first column is 'periode'\n  Write date;metric;value (long) or date;M1;M2;…"),
    ("datum;date;sens\n2026-11-01;2026-11-01;0,9\n", "names a column twice ('datum' and 'date')"),
    ("", "the CSV file is empty"),
])
def test_monitor_import_is_all_or_nothing(portfolio, capsys, tmp_path, csv_text, message):
    csv_file = tmp_path / "results.csv"
    csv_file.write_text(csv_text, encoding="utf-8")
    before = (portfolio / MON_REL).read_bytes()
    code, _out, err = run(monitor(portfolio, "import", str(csv_file)), capsys)
    assert code == 2 and message in err
    assert (portfolio / MON_REL).read_bytes() == before


@pytest.mark.parametrize("cell", ["1.061", "-2.500"])
def test_monitor_import_refuses_a_dutch_thousands_point_it_cannot_tell_from_a_decimal_point(portfolio, capsys, tmp_path, cell):
    # a spreadsheet in Dutch settings writes 1061 formatted with a thousands separator as 1.061:
    # read as 1.061 it was recorded a thousand times too small, and alerted or hid an alert
    csv_file = tmp_path / "results.csv"
    csv_file.write_text(f"date;sens;fp_per_study\n2026-11-01;0,91;{cell}\n", encoding="utf-8")
    before = (portfolio / MON_REL).read_bytes()
    code, _out, err = run(monitor(portfolio, "import", str(csv_file)), capsys)
    assert code == 2 and f"'{cell}' can be read as {cell.replace('.', '')}" in err
    assert (portfolio / MON_REL).read_bytes() == before


def test_monitor_import_reads_dutch_thousands_separators_with_semicolons(portfolio, capsys, tmp_path):
    csv_file = tmp_path / "results.csv"
    csv_file.write_text("date;sens;fp_per_study\n2026-11-01;1.250,5;1.000.000\n2026-11-08;0.91;12.5\n",
                        encoding="utf-8")
    code, _out, err = run(monitor(portfolio, "import", str(csv_file)), capsys)
    assert code == 0, err
    data = yaml.safe_load((portfolio / MON_REL).read_text(encoding="utf-8"))
    assert [r["values"] for r in data["results"][-2:]] == [{"sens": 1250.5, "fp_per_study": 1000000},
                                                           {"sens": 0.91, "fp_per_study": 12.5}]


def test_monitor_import_reads_the_day_first_dates_a_dutch_spreadsheet_writes(portfolio, capsys, tmp_path):
    """A spreadsheet in Dutch settings writes 1 November 2026 as 01-11-2026 (or 1-11-2026): the
    import accepted its decimal commas but refused every such date, and the RAIO rewrote each one
    by hand. Read day first, recorded as YYYY-MM-DD, with a note saying how it was read."""
    csv_file = tmp_path / "results.csv"
    csv_file.write_bytes(b"date;sens;fp_per_study;by\r\n01-11-2026;0,91;0,3;Dr. X\r\n8-11-2026;0,88;;\r\n")
    code, out, err = run(monitor(portfolio, "import", str(csv_file)), capsys)
    assert code == 0, err
    assert "Added 2 results" in out
    assert "read as day-month-year" in err and "'01-11-2026' as 2026-11-01" in err
    data = yaml.safe_load((portfolio / MON_REL).read_text(encoding="utf-8"))
    assert [r["date"] for r in data["results"][-2:]] == [dt.date(2026, 11, 1), dt.date(2026, 11, 8)]
    assert "- date: 2026-11-01" in (portfolio / MON_REL).read_text(encoding="utf-8")


@pytest.mark.parametrize("cell, message", [
    ("01/11/2026", "'01/11/2026' can be read day first or month first"),  # 1 November or 11 January
    ("31-11-2026", "'31-11-2026' is not a date"),
])
def test_monitor_import_refuses_a_date_it_cannot_read_for_sure(portfolio, capsys, tmp_path, cell, message):
    csv_file = tmp_path / "results.csv"
    csv_file.write_text(f"date;sens\n{cell};0,9\n", encoding="utf-8")
    before = (portfolio / MON_REL).read_bytes()
    code, _out, err = run(monitor(portfolio, "import", str(csv_file)), capsys)
    assert code == 2 and message in err and "YYYY-MM-DD" in err
    assert (portfolio / MON_REL).read_bytes() == before


def test_monitor_import_reads_the_csv_dutch_excel_saves_in_windows_1252(portfolio, capsys, tmp_path):
    # Excel's "CSV (gescheiden door lijstscheidingsteken)" writes Windows-1252, not UTF-8: the
    # file was refused and the RAIO had to find out how to save it otherwise
    csv_file = tmp_path / "results.csv"
    csv_file.write_bytes("date;sens;by;notes\n2026-11-01;0,91;Dr. Müller;geëvalueerd, 3 µSv\n".encode("cp1252"))
    code, out, err = run(monitor(portfolio, "import", str(csv_file)), capsys)
    assert code == 0, err
    assert "Added the result of 2026-11-01" in out
    assert "read as Windows-1252" in err and "CSV UTF-8" in err
    data = yaml.safe_load((portfolio / MON_REL).read_text(encoding="utf-8"))
    assert data["results"][-1] == {"date": dt.date(2026, 11, 1), "values": {"sens": 0.91}, "by": "Dr. Müller",
                                   "notes": "geëvalueerd, 3 µSv"}


def test_monitor_import_refuses_bytes_that_are_neither_utf8_nor_windows_1252(portfolio, capsys, tmp_path):
    csv_file = tmp_path / "results.csv"
    csv_file.write_bytes(b"date;sens;by\n2026-11-01;0,91;Dr. \x81\xff\n")
    before = (portfolio / MON_REL).read_bytes()
    code, _out, err = run(monitor(portfolio, "import", str(csv_file)), capsys)
    assert code == 2 and "is not UTF-8 text (byte 33), nor Windows-1252" in err and "Save the CSV as UTF-8" in err
    assert (portfolio / MON_REL).read_bytes() == before


def test_monitor_refuses_a_file_it_cannot_read_safely(portfolio, capsys):
    broken = COMMENTED.replace("owner: RAIO", "owner: RAIO\n  owner: CMIO")  # duplicate key
    (portfolio / MON_REL).write_text(broken, encoding="utf-8")
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.9"), capsys)
    assert code == 2 and "cannot be read safely" in err and "duplicate key" in err
    assert (portfolio / MON_REL).read_text(encoding="utf-8") == broken



def test_monitor_adds_a_result_to_a_file_holding_a_hidden_character_and_refuses_one_in_the_entry(portfolio, capsys):
    """A zero-width space in an existing text of monitoring.yaml is YML020 (an error of raio
    check), not a file raio monitor cannot read safely: a result is added, the character kept
    as it is. A new entry holding one is refused, naming it; nothing is written."""
    kept = COMMENTED.replace("owner: RAIO", 'owner: "RAIO\\u200b"')
    assert kept != COMMENTED
    (portfolio / MON_REL).write_text(kept, encoding="utf-8")
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.9"), capsys)
    assert code == 0, err
    text = (portfolio / MON_REL).read_text(encoding="utf-8")
    assert 'owner: "RAIO\\u200b"' in text and "2026-11-01" in text
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-02", "--value", "sens=0.9",
                                  "--notes", "gezien\u202e"), capsys)
    assert code != 0 and "U+202E RIGHT-TO-LEFT OVERRIDE" in err and "\u202e" not in err, err
    assert (portfolio / MON_REL).read_text(encoding="utf-8") == text

@pytest.mark.parametrize("bad_id", ["../../no-such-folder", "UPPER", "a" * 65, "ai-triage\n"])
def test_monitor_rejects_hostile_ids(portfolio, capsys, bad_id):
    code, _out, err = run(["monitor", bad_id, "result", "--portfolio", str(portfolio)], capsys)
    assert code == 2 and "raio: error: no application '" in err and err.count("\n") <= 2  # the wording of memo and log


def test_monitor_show_json_is_the_summary(portfolio, capsys):
    import json

    code, out, _err = run(monitor(portfolio, "--format", "json"), capsys)
    assert code == 0
    data = json.loads(out)
    assert data["frequency"] == "monthly" and [m["id"] for m in data["metrics"]] == ["sens", "fp_per_study"]


def test_monitor_show_puts_the_unit_with_its_value(portfolio, capsys):
    """It read "M1  64 on 2026-11-14 minuten": the unit after the date."""
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.91",
                                  "--value", "fp_per_study=0.3"), capsys)
    assert code == 0, err
    code, out, _err = run(monitor(portfolio), capsys)
    assert code == 0 and "0.91 fraction on 2026-11-01;" in out and "0.3 per study on 2026-11-01;" in out


def test_monitor_show_says_which_results_are_missing(tmp_path, capsys):
    """'raio monitor APP' showed the latest values and nothing overdue over four months without a
    result, which raio check reports (MON014)."""
    def gap(m):
        m["results"] = [{"date": "2026-05-31", "values": {"M1": 93, "M2": 1.5}},
                        {"date": "2026-09-30", "values": {"M1": 94, "M2": 1.4}},
                        {"date": "2026-10-31", "values": {"M1": 94}}]

    root = build(tmp_path, changed(dossier(), "monitoring", gap))
    code, out, _err = run(monitor(root), capsys)
    assert code == 0
    assert ("Missing: no monthly result of M1 between 2026-05-31 and 2026-09-30 (3 results, the first due on 2026-06-30)."
            in " ".join(out.split()))  # filled to the terminal's width


def test_monitor_show_counts_the_results_up_to_today(tmp_path, capsys):
    """A result typed by hand as 2027-10-31 for 2026-10-31 made the summary read "3 result(s),
    the last on 2026-09-30": a count that includes a result its "last" leaves out. The count is
    of the results up to today, and the one dated after it is named (raio check: MON008)."""
    def typo(m):
        m["results"][1]["date"] = "2027-10-31"

    root = build(tmp_path, changed(dossier(), "monitoring", typo))
    code, out, _err = run(monitor(root), capsys)
    said = " ".join(out.split())
    assert code == 0 and "; 1 result(s), the last on 2026-09-30, and 1 dated after today (MON008)" in said, said
    code, out, _err = run(monitor(build(tmp_path / "ok")), capsys)
    assert "; 2 result(s), the last on 2026-10-31" in " ".join(out.split()) and "after today" not in out


def test_monitor_show_counts_the_incidents_up_to_today(tmp_path, capsys):
    """An incident typed by hand as 2062-10-02 for 2026-10-02 was counted in "Incidents since the
    decision: 1 serious" as any incident, while a result dated after today is counted apart
    (MON008): the totals are of the incidents up to today, and the one dated after it is named
    apart, with its line."""
    def typo(m):
        m["incidents"] = [{"date": "2026-10-02", "description": "scanner offline", "severity": "minor"},
                          {"date": "2062-10-02", "description": "missed fracture", "severity": "serious",
                           "reported_to": {"vendor": "2026-10-03", "manufacturer": "2026-10-03"}}]

    root = build(tmp_path, changed(dossier(), "monitoring", typo))
    code, out, _err = run(monitor(root), capsys)
    said = " ".join(out.split())
    assert code == 0
    assert "Incidents since the decision on 2026-01-10: 0 serious, 0 moderate, 1 minor" in said, said
    assert "Incidents dated after today (MON008): 1 serious, 0 moderate, 0 minor" in said, said
    assert "2062-10-02 serious: missed fracture" in said
    code, out, _err = run(monitor(root, "--format", "json"), capsys)
    import json

    summary = json.loads(out)
    assert summary["incident_counts"] == {"minor": 1, "moderate": 0, "serious": 0}
    assert [i["date"] for i in summary["incidents"]] == ["2026-10-02"]
    assert [i["date"] for i in summary["incidents_after_today"]] == ["2062-10-02"]
    groups = mon.incident_groups(changed(dossier(), "monitoring", typo), dt.date(2026, 11, 15))
    assert [i["date"] for i in groups["since_decision"]] == ["2026-10-02"]
    assert [i["date"] for i in groups["after_today"]] == ["2062-10-02"]


def test_monitor_show_says_a_decided_retirement_in_production(tmp_path, capsys):
    """The board decided to retire the application on 1 December; until the switch-off 'raio
    monitor APP' showed the summary of any production application, without a word of the end
    (the memo says it), and after that day without a word that the stage was never changed
    (raio check: MON016)."""
    files = dossier()
    files["application"]["retirement"] = {"date": "2026-12-01", "decided_on": "2026-11-05", "decided_by": "RvB",
                                          "reason": "vendor ends the product"}
    root = build(tmp_path, files)
    code, out, _err = run(monitor(root), capsys)
    said = " ".join(out.split())
    assert code == 0 and ("Retirement decided on 2026-11-05 for 2026-12-01: results stay due until the "
                          "switch-off.") in said, said
    code, out, _err = run(["monitor", APP, "--portfolio", str(root), "--today", "2026-12-10"], capsys)
    said = " ".join(out.split())
    assert code == 0 and ("Retirement decided on 2026-11-05 for 2026-12-01: that day has passed and the stage "
                          "is still production; once switched off, set stage: retired (MON016).") in said, said
    code, out, _err = run(monitor(build(tmp_path / "ok")), capsys)
    assert "Retirement" not in out


@pytest.mark.parametrize("brk", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_monitor_keeps_the_files_line_endings(portfolio, capsys, brk):
    """A file with Windows line ends, or the lone \r of old Mac editors, keeps them in what
    monitor adds: a result, an incident and what update-incident adds to it."""
    (portfolio / MON_REL).write_bytes(COMMENTED.replace("\n", brk).encode())
    code, _out, _err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.91"), capsys)
    raw = (portfolio / MON_REL).read_bytes()
    assert code == 0 and f"{brk}  - date: 2026-11-01{brk}    values: {{sens: 0.91}}{brk}".encode() in raw
    code, _out, _err = run(monitor(portfolio, "incident", "--date", "2026-11-02", "--severity", "serious",
                                   "--description", "Missed fracture", "--reported-vendor", "2026-11-03"), capsys)
    assert code == 0
    code, _out, _err = run(monitor(portfolio, "update-incident", "--date", "2026-11-02",
                                   "--reported-manufacturer", "2026-11-04"), capsys)
    raw = (portfolio / MON_REL).read_bytes()
    assert code == 0 and b"manufacturer: 2026-11-04" in raw
    assert raw.replace(brk.encode(), b"").count(b"\n") + raw.replace(brk.encode(), b"").count(b"\r") == 0, raw


def test_example_results_can_be_appended(tmp_path, capsys):
    root = copy_example(tmp_path / "ex")
    code, _out, err = run(["monitor", "stroke-lvo-triage", "result", "--portfolio", str(root), "--today", "2026-11-15",
                           "--date", "2026-11-14", "--value", "M1=60", "--value", "M2=0.5", "--value", "M3=99.9"], capsys)
    assert code == 0, err
    result = run_check(root, "--no-git")
    assert not [f for f in result.findings if str(f.severity) == "error"]


@pytest.mark.parametrize("args, option", [
    (["incident", "--date", "2026-11-01", "--severity", "minor", "--description", "patient 111222333 got no result"],
     "--description"),
    (["incident", "--date", "2026-11-01", "--severity", "minor", "--description", "x", "--reference", "BSN 123.456.782"],
     "--reference"),
    (["incident", "--date", "2026-11-01", "--severity", "minor", "--description", "x", "--follow-up", "called 111 222 333"],
     "--follow-up"),
    (["result", "--date", "2026-11-01", "--value", "sens=0.9", "--notes", "see MRN-0012345"], "--notes"),
    (["result", "--date", "2026-11-01", "--value", "sens=0.9", "--by", "111222333"], "--by"),
    (["result", "--date", "2026-11-01", "--value", "sens=0.9", "--notes", "x", "--dry-run"], None),
    (["import", "CSV"], "CSV column notes (2026-11-01)"),
])
def test_monitor_refuses_patient_identifiers_and_writes_nothing(portfolio, capsys, tmp_path, args, option):
    """monitoring.yaml holds no patient data: a BSN, or a match of raio.yaml's phi_patterns, in
    any text raio monitor is given is refused with exit 2 before anything is written (or shown,
    with --dry-run), and the refusal does not echo it."""
    config = portfolio / "raio.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "policy:\n  phi_patterns:\n    - name: patient number\n      regex: 'MRN-\\d{7}'\n", encoding="utf-8")
    csv_file = tmp_path / "results.csv"
    csv_file.write_text("date,metric,value,notes\n2026-11-01,sens,0.9,case 111222333\n", encoding="utf-8")
    args = [str(csv_file) if a == "CSV" else a for a in args]
    code, out, err = run(monitor(portfolio, *args), capsys)
    if option is None:  # the same command without an identifier is accepted
        assert code == 0, err
        return
    assert code == 2, out + err
    assert f"{option} holds a" in err and "no patient data" in err
    for secret in ("111222333", "123.456.782", "111 222 333", "MRN-0012345"):
        assert secret not in out + err
    assert (portfolio / MON_REL).read_text(encoding="utf-8") == COMMENTED


def test_the_missing_monitoring_file_hint_leads_to_a_command_that_writes_it(tmp_path, capsys):
    """GAT001 said "raio new-pilot writes every dossier file", which refuses an existing
    application and never writes monitoring.yaml. Followed literally, the hint now works: raio
    monitor APP init writes the file from its template (never over one), and the finding for the
    file is gone; what is left is its plan to fill in."""
    files = dossier()
    del files["monitoring"]
    root = build(tmp_path, files)
    def missing_monitoring():
        return [f for f in run_check(root, "--no-git", today=TODAY).findings
                if f.code == "GAT001" and "monitoring.yaml" in f.message]

    gaps = missing_monitoring()
    assert len(gaps) == 1 and f"raio monitor {APP} init writes it" in gaps[0].hint
    code, out, err = run(monitor(root, "init"), capsys)
    assert code == 0, err
    assert out.splitlines()[0] == f"Wrote {root / MON_REL}" and "uncomment the plan in monitoring.yaml" in out
    written = (root / MON_REL).read_text(encoding="utf-8")
    assert missing_monitoring() == []
    assert not [f for f in run_check(root, "--no-git", today=TODAY).findings if f.code.startswith("YML")]
    code, _out, err = run(monitor(root, "init"), capsys)
    assert code == 2 and "exists; it was not overwritten" in err and (root / MON_REL).read_text(encoding="utf-8") == written


@pytest.mark.parametrize("unit, value, previous, said", [
    ("%", 997, 99.1, "997 % is outside 0-100"),
    ("%", -5, None, "-5 % is outside 0-100"),
    ("%", 0.9973, 99.1, "0.9973 % looks like a fraction where the last value was 99.1 %: as a percentage it is 99.73"),
    ("Procent", 0.5, 60, "as a percentage it is 50"),
    ("fraction", 91, 0.9, "91 is outside 0-1, the range of a fraction (a percentage? as a fraction it is 0.91)"),
    ("%", 0.5, 0.4, None),  # a metric that is truly below 1 %
    ("%", 99.5, 0.4, None),
    ("%", 100, None, None),
    ("fraction", 0.9, 91, None),
    ("minuten", 997, 12, None),  # no range to know for other units
])
def test_implausible_values_of_percentages_and_fractions(unit, value, previous, said):
    found = mon.implausible({"id": "m", "unit": unit}, value, previous)
    assert (found is None) if said is None else (said in found), found


def test_monitor_notes_a_percentage_typed_as_a_fraction_before_and_after_adding_it(portfolio, capsys):
    # sens is a fraction (0.9 last): 91 typed as a percentage would never raise its alert (0.85)
    before = (portfolio / MON_REL).read_bytes()
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=91", "--dry-run"), capsys)
    err = " ".join(err.split())
    assert code == 0 and "sens on 2026-11-01: 91 is outside 0-1, the range of a fraction" in err
    assert "as a fraction it is 0.91" in err and "correct the value before you add it" in err
    assert (portfolio / MON_REL).read_bytes() == before
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=91"), capsys)
    err = " ".join(err.split())
    assert code == 0 and "91 is outside 0-1" in err and f"correct it in {MON_REL}" in err
    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-02", "--value", "sens=0.92"), capsys)
    assert code == 0 and "outside" not in err


def test_monitor_says_why_it_refuses_a_listed_folder_and_what_a_missing_file_or_stage_means(portfolio, capsys):
    """`raio monitor 'app met spatie'` said "no application ... 'raio status' lists the applications"
    of a folder raio status lists; `show` said "No monitoring plan in monitoring.yaml" of a file that
    does not exist, and "stage ?" of an application.yaml it could not read."""
    odd = portfolio / "applications" / "app met spatie"
    odd.mkdir()
    (odd / "application.yaml").write_text("id: app-met-spatie\n", encoding="utf-8")
    code, out, err = run(["monitor", "app met spatie", "show", "--portfolio", str(portfolio), "--today", TODAY], capsys)
    assert code == 2 and "is not a valid application id" in err and "IDN006" in err and "git mv" in err
    assert "'raio status' lists" not in err
    code, out, err = run(["monitor", "no-such-app", "show", "--portfolio", str(portfolio), "--today", TODAY], capsys)
    assert code == 2 and "no application 'no-such-app'" in err

    (portfolio / MON_REL).unlink()
    app_yaml = portfolio / "applications" / APP / "application.yaml"
    app_yaml.write_text("id: [unclosed\n", encoding="utf-8")
    code, out, err = run(monitor(portfolio, "show"), capsys)
    assert code == 0, err
    out = " ".join(out.split())  # filled to the terminal's width
    assert f"No monitoring.yaml yet: 'raio monitor -p {portfolio} {APP} init'" in out and "No monitoring plan in" not in out
    assert "stage unknown (application.yaml is missing, cannot be read" in out and "stage ?" not in out


@pytest.mark.parametrize("where", ["portfolio", "app", "outside"])
def test_monitor_init_and_result_say_next_steps_with_paths_from_the_current_folder(tmp_path, capsys, monkeypatch, where):
    """raio monitor APP init (and result) printed 'git -C /the/absolute/portfolio add ...' and
    'raio check /the/absolute/...', where new-pilot and the other commands print paths from the
    current folder. Now the paths are relative to where the user is, and the commands printed
    work there as typed (run here, in a real repository)."""
    import shlex
    import subprocess

    from conftest import Git

    files = dossier()
    del files["monitoring"]
    root = build(tmp_path, files)
    git = Git(root)
    git.commit("Dossier", "2026-01-05")
    cwd = {"portfolio": root, "app": root / "applications" / APP, "outside": tmp_path}[where]
    monkeypatch.chdir(cwd)
    code, out, err = run(["monitor", APP, "init", "--portfolio", str(root)], capsys)
    assert code == 0, err
    assert str(tmp_path) not in out
    lines = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    expected = {
        "portfolio": ["git add -- " + MON_REL, f"raio check applications/{APP}"],
        "app": ["git add -- monitoring.yaml", "raio check ."],
        "outside": [f"git -C p add -- {MON_REL}", f"raio check p/applications/{APP}"],
    }[where]
    assert lines == expected
    subprocess.run(shlex.split(lines[0]), cwd=cwd, check=True, capture_output=True)
    assert git.run("diff", "--cached", "--name-only").split() == [MON_REL]


def test_mon019_a_result_dated_after_the_retirement_is_reported(tmp_path):
    """A result typed into a retired application's monitoring.yaml (by hand, or for the wrong
    application) months after its switch-off: raio monitor refuses such a result, but raio check
    said nothing of one already in the file, and the memo and report showed it as the latest value
    of a system out of use."""
    files = retired("2026-09-01")
    files["monitoring"]["results"] = [{"date": "2026-08-31", "values": {"M1": 94}},
                                      {"date": "2026-10-31", "values": {"M1": 95}}]
    root = build(tmp_path, files)
    [f] = mon_findings(root, code="MON019")
    assert str(f.severity) == "warning"
    assert f.message == "monitoring result dated 2026-10-31, after the application was retired on 2026-09-01"
    assert (f.file, f.line) == (MON_REL, line_of(root, MON_REL, "2026-10-31"))


@pytest.mark.parametrize("day", ["2026-09-01", "2026-08-31"])  # up to the switch-off itself
def test_mon019_passes_for_results_up_to_the_retirement(tmp_path, day):
    files = retired("2026-09-01")
    files["monitoring"]["results"] = [{"date": "2026-07-31", "values": {"M1": 94}}, {"date": day, "values": {"M1": 95}}]
    assert mon_findings(build(tmp_path, files), code="MON019") == []


def test_mon019_passes_for_an_application_in_production(tmp_path):
    files = dossier()  # in production, results up to 2026-10-31; a retirement planned, not yet done
    files["application"]["retirement"] = {"date": "2026-09-01", "reason": "to be replaced", "replaced_by": "none"}
    assert mon_findings(build(tmp_path, files), code="MON019") == []


def test_monitor_show_does_not_call_a_value_from_before_the_retirement_a_live_alert(tmp_path, capsys, monkeypatch):
    """Hersenvolumetrie was switched off on 2026-06-30. Months later raio monitor still marked the
    last quarter's use (M1 = 17 analyses, below the alert threshold 60) "[ALERT]", as if a system
    no longer in use needed action now. The value is still shown, as history: out of bounds while
    in use, before the retirement, with nothing due."""
    import json

    root = copy_example(tmp_path / "p")
    app = "hersenvolumetrie-mri"
    monkeypatch.setenv("COLUMNS", "200")  # each metric on one line (narrower, it goes over more)
    code, out, err = run(["monitor", app, "--portfolio", str(root), "--today", "2026-11-15"], capsys)
    assert code == 0, err
    assert "ALERT" not in out, out
    [m1] = [line for line in out.splitlines() if line.strip().startswith("M1 ")]
    assert "17 analyses per kwartaal on 2026-06-30" in m1
    assert "[below its alert threshold while in use, before retirement on 2026-06-30]" in m1, m1
    assert ("Out of use since 2026-06-30 (retirement): the values are the last measured while in use; "
            "no results are due.") in " ".join(out.split()), out
    code, out, err = run(["monitor", app, "--portfolio", str(root), "--today", "2026-11-15", "--format", "json"], capsys)
    data = json.loads(out)
    assert data["in_use"] is False and data["last_use"] == {"date": "2026-06-30", "is": "retirement"}
    assert data["alerts"] == []  # no alert now; the metric still says its last value passed the threshold
    assert next(m for m in data["metrics"] if m["id"] == "M1")["alert"] is True


def test_monitor_show_still_shouts_an_alert_of_an_application_in_use(tmp_path, capsys):
    files = changed(dossier(), "monitoring", lambda m: m.update(results=[
        {"date": "2026-09-30", "values": {"M1": 93, "M2": 1.5}}, {"date": "2026-10-31", "values": {"M1": 85}}]))
    root = build(tmp_path, files)
    code, out, err = run(["monitor", APP, "--portfolio", str(root), "--today", TODAY], capsys)
    assert code == 0, err
    [m1] = [line for line in out.splitlines() if line.strip().startswith("M1 ")]
    assert "[ALERT, no follow-up]" in m1
    import json

    code, out, err = run(["monitor", APP, "--portfolio", str(root), "--today", TODAY, "--format", "json"], capsys)
    data = json.loads(out)
    assert data["in_use"] is True and data["last_use"] is None and [a["metric"] for a in data["alerts"]] == ["M1"]


@pytest.mark.parametrize("app, today", [("fractuurdetectie-seh", "2026-11-15"), ("mammografie-tweede-lezer", "2026-11-15"),
                                        ("stroke-lvo-triage", "2027-03-01"), ("hersenvolumetrie-mri", "2028-06-01")])
def test_monitor_show_fits_a_narrow_terminal_and_loses_no_value(tmp_path, capsys, monkeypatch, app, today):
    """On a laptop's terminal of 60 columns 'raio monitor APP' wrote lines of up to 125 columns
    (the plan's owner, an incident's description, a metric with its alerts), which the terminal
    broke mid-word. Every line now fits COLUMNS, a metric's value, threshold and alerts go over
    more lines instead, and nothing is lost: the same words, in the same order, as on a wide
    terminal, where each metric is still one line."""
    root = copy_example(tmp_path / "p")
    monkeypatch.setenv("NO_COLOR", "1")
    shown = {}
    for columns in ("40", "60", "200"):
        monkeypatch.setenv("COLUMNS", columns)
        code, out, err = run(["monitor", app, "--portfolio", str(root), "--today", today], capsys)
        assert code == 0, err
        too_wide = [line for line in out.splitlines() if len(line) > int(columns)]
        assert not too_wide, (columns, too_wide)
        shown[columns] = out
    assert " ".join(shown["40"].split()) == " ".join(shown["60"].split()) == " ".join(shown["200"].split())
    metrics = [line for line in shown["200"].splitlines() if line.startswith("  M")]
    assert len(metrics) >= 2 and all("; wanted " in line for line in metrics)
    if app == "stroke-lvo-triage":
        assert "OVERDUE (due " in shown["60"] and "[OVERDUE" in shown["200"]


@pytest.mark.parametrize("where", ["plan", "metric"])
def test_a_frequency_written_as_a_mapping_is_the_schema_finding_not_an_internal_error(tmp_path, capsys, where):
    """`frequency: {tp: 0}` (a paste into the wrong key) made raio check, status, report and
    monitor fail with "unhashable type: 'dict'": the frequency was looked up in the table of
    known ones as it was. Now it is an unknown frequency, which the schema reports."""
    def change(m):
        if where == "plan":
            m["plan"]["frequency"] = {"tp": 0}
        else:
            m["plan"]["metrics"][0]["frequency"] = ["monthly"]

    root = build(tmp_path, changed(dossier(), "monitoring", change))
    result = run_check(root, "--no-git", today=TODAY)
    assert result.internal_errors == []
    assert any(f.code == "SCH003" and f.file.endswith("monitoring.yaml") for f in result.findings)
    code, out, err = run(["monitor", APP, "--portfolio", str(root), "--today", TODAY], capsys)
    assert code in (0, 1) and "internal error" not in out + err, out + err
    code, out, err = run(["status", str(root), "--today", TODAY, "--no-git"], capsys)
    assert code in (0, 1) and "internal error" not in out + err, out + err


def test_monitor_show_lists_the_incidents_of_the_pilot_and_those_without_a_date(tmp_path, capsys):
    """'raio monitor APP' said "Incidents since the decision on 2026-03-16: 0 serious" for an
    application with a serious incident during its pilot (before the scale-up decision), and
    counted an incident without a date as one since the decision, without saying it had none."""
    root = copy_example(tmp_path / "p")
    app = "mammografie-tweede-lezer"
    edit_yaml(root / "applications" / app / "monitoring.yaml", lambda d: d.update(incidents=[
        {"date": "2026-02-10", "severity": "serious", "description": "Carcinoom gemist na een lage AI-score.",
         "reported_to": {"vendor": "2026-02-12"}},
        {"severity": "moderate", "description": "Werklijst toonde geen AI-scores."},
        {"date": "2026-09-03", "severity": "minor", "description": "Score te laat in PACS."}]))
    code, out, err = run(["monitor", app, "--portfolio", str(root), "--today", "2026-11-15"], capsys)
    assert code == 0, err
    text = " ".join(out.split())
    assert "Incidents since the decision on 2026-03-16: 0 serious, 0 moderate, 1 minor" in text
    assert "2026-09-03 minor: Score te laat in PACS. (not reported)" in text
    assert ("Incidents during the pilot, before the decision on 2026-03-16: 1 serious, 0 moderate, 0 minor "
            "2026-02-10 serious: Carcinoom gemist na een lage AI-score. (vendor 2026-02-12)") in text
    assert ("Incidents without a date: 0 serious, 1 moderate, 0 minor "
            "(no date) moderate: Werklijst toonde geen AI-scores. (not reported)") in text


def test_monitor_show_heads_a_pilots_incidents_as_the_pilots(tmp_path, capsys):
    """An application still in its pilot (no scale-up decision) had its incidents headed
    "Incidents", where the memo heads them "Incidents during the pilot"."""
    root = copy_example(tmp_path / "p")
    app = "verslag-concept-llm"
    write(root / "applications" / app / "monitoring.yaml", {"incidents": [
        {"date": "2026-09-20", "severity": "serious", "description": "Laesie gemist.",
         "reported_to": {"vendor": "2026-09-21", "manufacturer": "2026-09-21"}}]})
    code, out, err = run(["monitor", app, "--portfolio", str(root), "--today", "2026-11-15"], capsys)
    assert code == 0, err
    text = " ".join(out.split())
    assert "Incidents during the pilot: 1 serious, 0 moderate, 0 minor 2026-09-20 serious: Laesie gemist." in text

def test_monitor_show_heads_an_extended_pilots_incidents_as_the_pilots(tmp_path, capsys):
    """prostaat-mri-pirads was extended on 2026-08-03 and still runs: 'raio monitor APP' headed
    its incidents "since the decision on 2026-08-03", and those before as "during the pilot,
    before the decision", as if a scale-up had been decided. An extension ends no pilot: every
    incident is one of the pilot, as the memo lists them."""
    root = copy_example(tmp_path / "p")
    app = "prostaat-mri-pirads"
    write(root / "applications" / app / "monitoring.yaml", {"incidents": [
        {"date": "2026-03-10", "severity": "minor", "description": "Storing AI-platform."},
        {"date": "2026-09-20", "severity": "moderate", "description": "Laesie gemist."}]})
    code, out, err = run(["monitor", app, "--portfolio", str(root), "--today", "2026-11-15"], capsys)
    assert code == 0, err
    text = " ".join(out.split())
    assert "decision" not in text, text
    assert ("Incidents during the pilot: 0 serious, 1 moderate, 1 minor 2026-09-20 moderate: Laesie gemist. "
            "(not reported) 2026-03-10 minor: Storing AI-platform. (not reported)") in text
    summary = mon.monitoring_summary(mon_app(root, app), dt.date(2026, 11, 15))
    assert summary["decision_date"] is None and summary["incidents_before_decision"] == []
    # the decision that ends the extended pilot is the one incidents are counted from
    edit_yaml(root / "applications" / app / "pilot.yaml",
              lambda d: d["decision"].update(choice="stop", date="2026-09-01"))
    code, out, err = run(["monitor", app, "--portfolio", str(root), "--today", "2026-11-15"], capsys)
    text = " ".join(out.split())
    assert "Incidents since the decision on 2026-09-01: 0 serious, 1 moderate, 0 minor" in text
    assert "Incidents during the pilot, before the decision on 2026-09-01: 0 serious, 0 moderate, 1 minor" in text


def mon_app(root, app):
    from raio_cli.portfolio import load

    return next(a for a in load(root).apps if a.id == app)


def test_monitor_show_lists_every_incident_not_the_newest_five(tmp_path, capsys):
    """Only the five newest incidents were listed; the sixth and older ones were left out unsaid."""
    root = copy_example(tmp_path / "p")
    app = "mammografie-tweede-lezer"
    edit_yaml(root / "applications" / app / "monitoring.yaml", lambda d: d.update(incidents=[
        {"date": f"2026-0{m}-15", "severity": "minor", "description": f"Storing {m}."} for m in range(4, 10)]))
    code, out, err = run(["monitor", app, "--portfolio", str(root), "--today", "2026-11-15"], capsys)
    assert code == 0, err
    assert all(f"2026-0{m}-15 minor: Storing {m}." in out for m in range(4, 10))


def test_monitor_show_without_results_says_none_yet(tmp_path, capsys):
    """Right after raio monitor init and its plan, the summary read "0 result(s), the last on -":
    a dash for a date, in a line a radiologist reads. It says that there are no results yet."""
    files = dossier()
    files["monitoring"] = {**files["monitoring"], "results": []}
    root = build(tmp_path, files)
    code, out, err = run(monitor(root), capsys)
    assert code == 0, err
    assert "Plan: monthly, owner RAIO; no results yet" in out
    assert "the last on -" not in out
    files["monitoring"]["results"] = dossier()["monitoring"]["results"]
    root = build(tmp_path / "with", files)
    code, out, err = run(monitor(root), capsys)
    assert "Plan: monthly, owner RAIO; 2 result(s), the last on 2026-10-31" in out


def test_first_due_from_the_schedule_is_the_earliest_overdue_on_any_day(example, tmp_path):
    """raio status keeps what monitoring's due dates depend on without today (due_schedule) and
    dates it in its own process (first_due): on every day it must say what overdue() says, for
    the plan's rhythm, a metric with its own, results dated after the day, and none yet."""
    from raio_cli.portfolio import load

    files = changed(dossier(), "monitoring", lambda m: m["results"].extend([
        {"date": "2027-06-30", "values": {"M2": 2.0}, "by": "RAIO"},  # after some of the days below
        {"date": "2026-12-31", "values": {"M1": 91}, "by": "RAIO"},  # out of order
        {"date": "2026-12-31", "values": {"M1": 92}, "by": "RAIO"}]))
    none_yet = changed(dossier(), "monitoring", lambda m: m.update(results=[]))
    apps = [a for a in load(example).apps if a.stage == "production"]
    apps += load(build(tmp_path / "a", files)).apps + load(build(tmp_path / "b", none_yet)).apps
    assert len(apps) >= 4
    seen = set()
    day = dt.date(2025, 1, 1)
    while day < dt.date(2029, 1, 1):
        for app in apps:
            late = [o["due"] for o in mon.overdue(app, day)]
            expected = min(late) if late else None
            assert mon.first_due(mon.due_schedule(app), day) == expected, (app.id, day)
            seen.add(expected is None)
        day += dt.timedelta(days=5)
    assert seen == {True, False}


def test_a_stopped_pilots_last_end_is_the_end_the_date_rules_count_from(tmp_path):
    """monitoring.pilot_last_end (where a stopped application's last day of use falls back to)
    and rules.dates.pilot_end (what DAT002, DAT003 and DEC007 count from) read the pilot's end
    alike for a stopped pilot: plan.end or a later extension's end, an end on or before
    plan.start left out (DAT001's typo). rules.dates.last_planned_end, what status, export and the
    report show, leaves out only a plan.end that is no end, not an extension's."""
    from raio_cli import portfolio
    from raio_cli.rules import dates

    cases = {  # plan.start, plan.end, extensions' ends -> pilot_end, last_planned_end
        "plain": ("2026-03-01", "2026-09-01", [], "2026-09-01", "2026-09-01"),
        "extended": ("2026-03-01", "2026-09-01", ["2026-02-01", "2026-10-15"], "2026-10-15", "2026-10-15"),
        "typo": ("2026-03-01", "2026-02-15", ["2026-02-20"], None, "2026-02-20"),
    }
    apps = {name: {"application": {"id": name, "name": name, "stage": "stopped"},
                   "pilot": {"plan": {"start": start, "end": end}, "extensions": [{"end": e} for e in ext],
                             "decision": {"choice": "stop", "date": "2026-11-01"}}}
            for name, (start, end, ext, _, _) in cases.items()}
    pf = portfolio.load(make_portfolio(tmp_path / "p", apps))
    for app in pf.apps:
        _start, _end, _ext, counted, shown = cases[app.id]
        as_text = lambda day: day.isoformat() if day else None  # noqa: E731
        assert as_text(mon.pilot_last_end(app)) == as_text(dates.pilot_end(app)[0]) == counted, app.id
        assert as_text(mon.pilot_last_end({"pilot": app.data("pilot")})) == counted, app.id
        assert as_text(dates.last_planned_end(app)) == shown, app.id


def test_update_result_records_the_follow_up_mon005_asks_for_as_its_hint_gives_it(portfolio, capsys):
    """MON005 said "Add follow_up to this result" and raio monitor only added entries: the
    follow-up of an alert went in by hand. Its hint now gives `update-result`; typed as it reads
    (the "..." filled in), the finding is gone and only that line is added, comments kept. A
    second follow-up is a line dated today under the first; what cannot be added writes nothing."""
    import shlex

    code, _out, err = run(monitor(portfolio, "result", "--date", "2026-11-01", "--value", "sens=0.80"), capsys)
    assert code == 0, err
    before = (portfolio / MON_REL).read_text(encoding="utf-8")
    [f] = mon_findings(portfolio, code="MON005")
    assert f.hint.endswith(f'raio monitor {APP} update-result --date 2026-11-01 --follow-up "..."'), f.hint
    typed = shlex.split(f.hint.split(": ", 1)[1].replace("...", "Vendor contacted; recalibrated"))[1:]
    assert typed[:4] == ["monitor", APP, "update-result", "--date"]

    dry, out, err = run(typed + ["--portfolio", str(portfolio), "--today", TODAY, "--dry-run"], capsys)
    assert dry == 0 and "+    follow_up: Vendor contacted; recalibrated" in out, out
    assert (portfolio / MON_REL).read_text(encoding="utf-8") == before
    code, out, err = run(typed + ["--portfolio", str(portfolio), "--today", TODAY], capsys)
    assert code == 0, err
    assert "Completed the result of 2026-11-01 in " + MON_REL + ": added follow_up." in out
    after = (portfolio / MON_REL).read_text(encoding="utf-8")
    assert after.replace("    follow_up: Vendor contacted; recalibrated\n", "", 1) == before
    assert mon_findings(portfolio, code="MON005") == []

    code, out, err = run(monitor(portfolio, "update-result", "--date", "2026-11-01", "--follow-up",
                                 "Vendor confirmed the cause")[:-1] + ["2026-11-20"], capsys)
    assert code == 0 and "added a dated line to follow_up" in out, err
    data = yaml.safe_load((portfolio / MON_REL).read_text(encoding="utf-8"))
    [r] = [r for r in data["results"] if str(r["date"]) == "2026-11-01"]
    assert r["follow_up"] == "Vendor contacted; recalibrated\n2026-11-20: Vendor confirmed the cause"

    written = (portfolio / MON_REL).read_bytes()
    for args, message in (
            (["--date", "2026-11-01", "--follow-up", "Vendor confirmed the cause"], "already has this follow_up"),
            (["--date", "2026-10-15", "--follow-up", "x"], "has no result dated 2026-10-15"),
            (["--date", "2026-11-01"], "--follow-up is missing"),
            (["--follow-up", "x"], "--date is missing"),
            (["--date", "2026-11-01", "--follow-up", "x", "--value", "sens=0.9"], "--value does not apply to 'update-result'")):
        code, _out, err = run(monitor(portfolio, "update-result", *args), capsys)
        assert code == 2 and message in " ".join(err.split()), (args, err)
    assert (portfolio / MON_REL).read_bytes() == written
    (portfolio / MON_REL).unlink()
    code, _out, err = run(monitor(portfolio, "update-result", "--date", "2026-11-01", "--follow-up", "x"), capsys)
    assert code == 2 and "does not exist yet, so it has no result to complete" in err
    assert not (portfolio / MON_REL).exists()


# --- APP omitted inside an application's folder ---------------------------------------------------

def _twin(tmp_path, name):
    """A portfolio with the dossier and no monitoring.yaml, in tmp_path/name/p."""
    files = dossier()
    del files["monitoring"]
    return build(tmp_path / name, files)


def test_monitor_inside_the_application_folder_needs_no_app(portfolio, capsys, monkeypatch):
    """raio check run in applications/<id>/ checks that application, but raio monitor there said
    "Missing argument 'APP'". Inside the folder (or one below it) APP may be left out: 'raio
    monitor' shows that application's summary and 'raio monitor result ...' records its result,
    as with its id."""
    app = portfolio / "applications" / APP
    (app / "notes").mkdir()
    for where in (app, app / "notes"):
        monkeypatch.chdir(where)
        for args in ([], ["show"], ["result", "--date", "2026-11-01", "--value", "sens=0.91", "--dry-run"]):
            explicit = run(["monitor", APP, *args, "--today", TODAY], capsys)
            assert explicit[0] == 0, explicit[2]
            assert run(["monitor", *args, "--today", TODAY], capsys) == explicit, args
    code, out, err = run(["monitor", "result", "--date", "2026-11-01", "--value", "sens=0.91", "--today", TODAY], capsys)
    assert code == 0, err
    assert yaml.safe_load((portfolio / MON_REL).read_text(encoding="utf-8"))["results"][-1] == \
        {"date": dt.date(2026, 11, 1), "values": {"sens": 0.91}}


def test_monitor_init_and_import_inside_the_application_folder(tmp_path, capsys, monkeypatch):
    """'raio monitor init' and 'raio monitor import results.csv' in applications/<id>/: the first
    word is the action, not an application named 'init' or 'import' (the portfolio has none), and
    what they write and say is what 'raio monitor <id> init' and '... import' write and say."""
    said = {}
    for name, args in (("explicit", [APP]), ("omitted", [])):
        root = _twin(tmp_path, name)
        app = root / "applications" / APP
        monkeypatch.chdir(app)
        (app / "results.csv").write_text("date,sens,fp_per_study\n2026-11-01,0.91,0.3\n", encoding="utf-8")
        init = run(["monitor", *args, "init", "--today", TODAY], capsys)
        (root / MON_REL).write_text(COMMENTED, encoding="utf-8")  # a plan with the CSV's metrics
        imported = run(["monitor", *args, "import", "results.csv", "--today", TODAY], capsys)
        assert init[0] == 0 and imported[0] == 0, (init[2], imported[2])
        said[name] = (init, imported, (root / MON_REL).read_text(encoding="utf-8"))
    assert said["omitted"] == said["explicit"]
    assert "date: 2026-11-01" in said["omitted"][2]


@pytest.mark.parametrize("args", [[], ["init"], ["result", "--date", "2026-11-01", "--value", "sens=0.91"]])
def test_monitor_without_app_outside_an_application_folder_teaches(tmp_path, capsys, monkeypatch, args):
    """At the portfolio's top (or in applications/) an omitted APP is an error (exit 2) that
    names the argument, the portfolio's ids, 'raio status', and that inside applications/<id>/ it
    may be left out; an action's name where APP belongs ('raio monitor init') is said as such,
    not as "no application 'init'". Nothing is written."""
    root = _twin(tmp_path, "pf")
    for where in (root, root / "applications"):
        monkeypatch.chdir(where)
        code, out, err = run(["monitor", *args, "--today", TODAY], capsys)
        said = " ".join(err.split())
        assert code == 2 and out == "", err
        action = f" before the action '{args[0]}'" if args else ""
        assert said.startswith(f"raio: error: missing argument 'APP': the application's id{action} (the current "
                               "folder is in no application's folder)"), said
        assert f"e.g. raio monitor {APP}{' ' + args[0] if args else ''}; this portfolio has {APP} ('raio status' lists them)" in said
        assert "Inside an application's folder (applications/<id>/ or below it) APP may be omitted." in said
    assert not (root / MON_REL).exists()


def test_monitor_action_named_as_an_application_is_refused_inside_another_folder(tmp_path, capsys, monkeypatch):
    """An application may be named 'init' (a valid id). Inside applications/<id>/, 'raio monitor
    init' could mean that application's summary or this one's monitoring.yaml: refused (exit 2,
    nothing written) with both spellings. Given in full, or outside an application's folder, the
    id is APP as ever."""
    root = _twin(tmp_path, "pf")
    make_portfolio(root, {"init": {"application": "id: init\nname: Init\nstage: proposed\n"}})
    monkeypatch.chdir(root / "applications" / APP)
    code, out, err = run(["monitor", "init", "--today", TODAY], capsys)
    said = " ".join(err.split())
    assert code == 2 and out == "" and not (root / MON_REL).exists()
    assert said == (f"raio: error: 'init' is both an action and an application of this portfolio Say which: raio monitor "
                    f"{APP} init for this folder's application, or raio monitor init show for the application 'init'.")
    explicit = run(["monitor", "init", "show", "--today", TODAY], capsys)
    assert explicit[0] == 0 and "(init), stage proposed" in explicit[1], explicit[2]
    monkeypatch.chdir(root)
    assert run(["monitor", "init", "--today", TODAY], capsys) == explicit
    monkeypatch.chdir(root / "applications" / APP)
    assert run(["monitor", APP, "init", "--today", TODAY], capsys)[0] == 0
    assert (root / MON_REL).is_file()


def test_monitor_action_mistyped_inside_the_application_folder_is_told_as_an_action(tmp_path, capsys, monkeypatch):
    """Inside applications/<id>/, 'raio monitor reslt --date ...' read 'reslt' as APP and said
    "--date does not apply to 'show'", which names neither the typo nor the action. A first word
    near an action's name, that no application has, is that action mistyped there ("Did you mean
    'result'?"); outside an application's folder it is an APP as ever, and an application of
    that name is still that application."""
    root = _twin(tmp_path, "pf")
    monkeypatch.chdir(root / "applications" / APP)
    code, out, err = run(["monitor", "reslt", "--date", "2026-11-01", "--value", "sens=0.91", "--today", TODAY], capsys)
    said = " ".join(err.split())
    assert code == 2 and out == "" and not (root / MON_REL).exists()
    assert said.startswith("raio: error: unknown action 'reslt' Did you mean 'result'?"), said
    monkeypatch.chdir(root)
    code, out, err = run(["monitor", "reslt", "--today", TODAY], capsys)
    assert code == 2 and "no application 'reslt'" in err, err
    make_portfolio(root, {"reslt": {"application": "id: reslt\nname: Reslt\nstage: proposed\n"}})
    monkeypatch.chdir(root / "applications" / APP)
    code, out, err = run(["monitor", "reslt", "--today", TODAY], capsys)
    assert code == 0 and "(reslt), stage proposed" in out, err


# --- a metric measured later for a date that has a result -----------------------------------------

SAME_DATE = """# Monitoring van de AI-triage. Deze regel moet blijven staan.
plan:
  frequency: monthly   # maandelijks
  owner: RAIO
  metrics:
    - {id: M1, effect: E1, description: sensitivity, unit: '%', direction: increase, alert_threshold: 90}
    - {id: M2, effect: G1, description: false alarms per week, unit: per week, direction: decrease, alert_threshold: 3,
       frequency: quarterly}
    - {id: M3, effect: E1, description: reading time saved, unit: s, direction: increase, alert_threshold: 30}
results:
  # september
  - date: 2026-09-30
    values: {M1: 93, M2: 1.5}   # uit PACS
    by: RAIO
  # oktober
  - date: 2026-10-31
    values:
      M1: 94     # na de update
      # M3 volgt
    by: RAIO
    notes: Gemeten op de SEH.

incidents: []  # nog geen
"""


@pytest.fixture
def same_date(tmp_path):
    return with_monitoring(tmp_path, SAME_DATE)


def _findings_of_monitoring(root) -> list:
    """What raio check reports in monitoring.yaml."""
    result = run_check(root, "--no-git", today=TODAY)
    return [(f.code, f.message) for f in result.findings if str(f.file or "").endswith("monitoring.yaml")]


@pytest.mark.parametrize("day, old, new", [
    # a flow mapping gets the pair before its brace, the comment after it kept
    ("2026-09-30", "    values: {M1: 93, M2: 1.5}   # uit PACS\n", "    values: {M1: 93, M2: 1.5, M3: 64.3}   # uit PACS\n"),
    # a block mapping a line at its indentation, under its last value and above the comment after it
    ("2026-10-31", "      M1: 94     # na de update\n", "      M1: 94     # na de update\n      M3: 64.3\n"),
])
def test_monitor_result_adds_a_later_metric_to_the_result_of_its_date(same_date, capsys, day, old, new):
    """The RAIO records M1 and M2 at the end of the month and gets M3 for that month-end later:
    `result --date D --value M3=64.3` was refused ("already has a result dated D ... Edit that
    entry by hand"). It now goes into the values of that result, in the file's layout, every
    other byte kept; the dry run shows the change and writes nothing; raio check stays clean."""
    path = same_date / MON_REL
    assert _findings_of_monitoring(same_date) == []
    code, out, err = run(monitor(same_date, "result", "--date", day, "--value", "M3=64.3", "--dry-run"), capsys)
    assert code == 0, err
    assert f"+{new.splitlines()[-1]}" in out and (f"-{old.splitlines()[0]}" in out) == ("{" in old), out
    assert path.read_text(encoding="utf-8") == SAME_DATE
    code, out, err = run(monitor(same_date, "result", "--date", day, "--value", "M3=64.3"), capsys)
    assert code == 0, err
    said = " ".join(out.split())
    assert f"Added M3 = 64.3 to the existing result of {day} in {MON_REL}" in said, said
    assert f"Monitoring: M3 added to result {day} for {APP}" in said, said
    assert path.read_text(encoding="utf-8") == SAME_DATE.replace(old, new, 1)
    [r] = [r for r in yaml.safe_load(path.read_text(encoding="utf-8"))["results"] if str(r["date"]) == day]
    assert r["values"]["M3"] == 64.3 and r["by"] == "RAIO" and len(r["values"]) == (3 if day == "2026-09-30" else 2)
    assert _findings_of_monitoring(same_date) == []
    _code, checked, _err = run(["check", str(same_date / "applications" / APP), "--no-git", "--today", TODAY], capsys)
    assert "monitoring.yaml" not in checked + _err and "in 1 application" in checked, checked


@pytest.mark.parametrize("args, message", [
    # a metric the result has a value of: refused whatever the value, naming it and its value
    (["--value", "M1=95"], "monitoring.yaml already has a result dated 2026-09-30 with M1 = 93"),
    (["--value", "M3=64.3", "--value", "M2=1.5"], "already has a result dated 2026-09-30 with M2 = 1.5"),
    # an unknown metric as before
    (["--value", "M9=1"], "metric 'M9' is not in the monitoring plan"),
    (["--value", "M3=64.3", "--by", "Dr. X"], "the result of 2026-09-30 already has by ('RAIO'); --by 'Dr. X' differs"),
    (["--value", "M3=64.3", "--notes", "Anders"], "the result of 2026-10-31 already has notes; --notes 'Anders' differs"),
])
def test_monitor_result_refuses_what_the_result_of_its_date_has_and_writes_nothing(same_date, capsys, args, message):
    day = "2026-10-31" if "--notes" in args else "2026-09-30"
    code, _out, err = run(monitor(same_date, "result", "--date", day, *args), capsys)
    said = " ".join(err.split())
    assert code == 2 and message in said, said
    if "M1=95" in args:
        assert "to correct a recorded value, edit it in monitoring.yaml by hand" in said, said
    assert (same_date / MON_REL).read_text(encoding="utf-8") == SAME_DATE


def test_monitor_result_added_to_its_date_takes_by_notes_and_follow_up_as_update_result_does(same_date, capsys):
    """--by the result has is no addition, --notes it lacks is added, --follow-up is added as
    update-result adds it (a dated line under the one it has); M3 below its threshold without a
    follow-up is noted as MON005, as for a new result."""
    path = same_date / MON_REL
    code, out, err = run(monitor(same_date, "result", "--date", "2026-09-30", "--value", "M3=20", "--by", "RAIO",
                                 "--notes", "M3 uit de RIS-log."), capsys)
    assert code == 0, err
    assert "added notes" in out and "added by" not in out and "MON005" in err and "update-result --date 2026-09-30" in err
    assert path.read_text(encoding="utf-8") == SAME_DATE.replace(
        "    values: {M1: 93, M2: 1.5}   # uit PACS\n    by: RAIO\n",
        "    values: {M1: 93, M2: 1.5, M3: 20}   # uit PACS\n    by: RAIO\n    notes: M3 uit de RIS-log.\n", 1)
    code, out, err = run(monitor(same_date, "result", "--date", "2026-10-31", "--value", "M3=25",
                                 "--follow-up", "Vendor contacted"), capsys)
    assert code == 0 and "added follow_up" in out and "MON005" not in err, err
    [r] = [r for r in yaml.safe_load(path.read_text(encoding="utf-8"))["results"] if str(r["date"]) == "2026-10-31"]
    assert r == {"date": dt.date(2026, 10, 31), "values": {"M1": 94, "M3": 25}, "by": "RAIO",
                 "notes": "Gemeten op de SEH.", "follow_up": "Vendor contacted"}
    assert [f.data["date"] for f in mon_findings(same_date, code="MON005")] == ["2026-09-30"]


def test_monitor_import_completes_the_result_of_a_date_recorded_already(same_date, tmp_path, capsys):
    """A CSV of M3, measured after M1 and M2 of the month-end were recorded, stopped at the date
    ("already has a result dated D"), though `result --date D --value M3=...` adds it. The import
    now adds it the same way: into the flow mapping before its brace, every other byte kept; the
    dry run shows the change and writes nothing; the command and the commit subject say which
    result got which metric."""
    path = same_date / MON_REL
    csv_file = write(tmp_path / "m3.csv", "date,M3\n2026-09-30,64.3\n")
    code, out, err = run(monitor(same_date, "import", str(csv_file), "--dry-run"), capsys)
    assert code == 0, err
    assert "added to the existing result of 2026-09-30: M3 = 64.3 (it had M1, M2)" in out, out
    assert "+    values: {M1: 93, M2: 1.5, M3: 64.3}   # uit PACS" in out and "dry run: nothing was written" in err
    assert path.read_text(encoding="utf-8") == SAME_DATE
    code, out, err = run(monitor(same_date, "import", str(csv_file)), capsys)
    assert code == 0, err
    said = " ".join(out.split())
    assert f"Added to the existing result in {MON_REL}: 2026-09-30: M3 = 64.3 (it had M1, M2)" in said, said
    assert f"Monitoring: M3 added to result 2026-09-30 for {APP}" in said, said
    assert path.read_text(encoding="utf-8") == SAME_DATE.replace(
        "    values: {M1: 93, M2: 1.5}   # uit PACS\n", "    values: {M1: 93, M2: 1.5, M3: 64.3}   # uit PACS\n", 1)
    assert _findings_of_monitoring(same_date) == []


def test_monitor_import_completes_an_existing_date_and_adds_a_new_one_in_one_write(same_date, tmp_path, capsys):
    """One CSV with October's M3 (October is recorded, in a block mapping) and a new November:
    October gets M3 under its last value, November goes after October, nothing else changes;
    the dry run says both and writes nothing."""
    path = same_date / MON_REL
    csv_file = write(tmp_path / "both.csv",
                     "date,metric,value\n2026-11-14,M1,95\n2026-10-31,M3,40\n2026-11-14,M3,50\n")
    code, out, err = run(monitor(same_date, "import", str(csv_file), "--dry-run"), capsys)
    assert code == 0, err
    assert "added to the existing result of 2026-10-31: M3 = 40 (it had M1)" in out, out
    assert "new result: 2026-11-14" in out and "+      M3: 40" in out and "+  - date: 2026-11-14" in out, out
    assert path.read_text(encoding="utf-8") == SAME_DATE
    code, out, err = run(monitor(same_date, "import", str(csv_file)), capsys)
    assert code == 0, err
    said = " ".join(out.split())
    assert "2026-10-31: M3 = 40 (it had M1)" in said and f"Added the result of 2026-11-14 to {MON_REL}" in said, said
    assert f"Monitoring: result 2026-11-14; M3 added to result 2026-10-31 for {APP}" in said, said
    assert path.read_text(encoding="utf-8") == SAME_DATE.replace(
        "      M1: 94     # na de update\n", "      M1: 94     # na de update\n      M3: 40\n", 1).replace(
        "    notes: Gemeten op de SEH.\n",
        "    notes: Gemeten op de SEH.\n  - date: 2026-11-14\n    values: {M1: 95, M3: 50}\n", 1)
    assert _findings_of_monitoring(same_date) == []


def test_monitor_import_refuses_a_metric_recorded_on_its_date_and_writes_nothing(same_date, tmp_path, capsys):
    """A metric the result of its date has a value of stops the whole import, naming the date,
    the metric and the value recorded; the new date in the same CSV is not added either."""
    path = same_date / MON_REL
    before = path.read_bytes()
    csv_file = write(tmp_path / "again.csv", "date,M1,M3\n2026-11-14,95,50\n2026-09-30,95,60\n")
    code, _out, err = run(monitor(same_date, "import", str(csv_file)), capsys)
    said = " ".join(err.split())
    assert code == 2 and "CSV line 3: monitoring.yaml already has a result dated 2026-09-30 with M1 = 93" in said, said
    assert path.read_bytes() == before


def test_monitor_import_refuses_an_identifier_in_what_it_adds_to_a_recorded_result(same_date, tmp_path, capsys):
    """The notes a CSV row adds to a result recorded already (September has none) are screened as a
    new result's are: a BSN in them stops the import before anything is written, and the refusal
    does not echo it."""
    path = same_date / MON_REL
    before = path.read_bytes()
    csv_file = write(tmp_path / "m3.csv", "date,M3,notes\n2026-09-30,64.3,case 111222333\n")
    code, out, err = run(monitor(same_date, "import", str(csv_file)), capsys)
    assert code == 2 and "holds a" in err and "no patient data" in err, out + err
    assert "111222333" not in out + err
    assert path.read_bytes() == before
