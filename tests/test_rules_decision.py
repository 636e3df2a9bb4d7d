"""Decision consistency (DEC): the decision follows the verdicts, the stage follows the decision."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE_TODAY, add_as_hinted, run_check
from test_rules_outcome import app_file, build, check, hits, line_of, one, rel, results

SCALE_UP = {"choice": "scale-up", "date": "2026-10-15", "decided_by": "Board of directors",
            "rationale": "E1 met, G1 within its limit."}


def decided(decision=None, **outcome_changes):
    """A change that records ``decision`` (default: a scale-up) and edits results by effect id."""
    def change(f):
        f["pilot"]["decision"] = dict(decision or SCALE_UP)
        for r in results(f):
            r.update(outcome_changes.get(r["effect"], {}))
    return change


def mine(result) -> list:
    return [f for f in result.findings if f.code.startswith("DEC")]


def extended(decision):
    """:func:`decided` for an extend ``decision``, with the extension recorded under
    ``extensions`` as a complete extension is (DEC010)."""
    def change(f):
        decided(decision)(f)
        f["pilot"]["extensions"] = [{"end": decision["new_end"], "reason": decision["rationale"],
                                     "date": decision["date"], "by": decision["decided_by"]}]
    return change


# --------------------------------------------------------------------------------------------
# Passing


def test_scale_up_on_met_effects_in_production_is_clean(tmp_path):
    assert mine(check(build(tmp_path, decided(), stage="production"))) == []


def test_stop_in_stopped_and_extend_in_pilot_are_clean(tmp_path):
    stop = {**SCALE_UP, "choice": "stop", "rationale": "Not worth it."}
    assert mine(check(build(tmp_path / "a", decided(stop), stage="stopped"))) == []
    extend = {**SCALE_UP, "choice": "extend", "rationale": "Too few cases.", "new_end": "2026-12-18"}
    assert mine(check(build(tmp_path / "b", extended(extend), stage="pilot"))) == []


# --------------------------------------------------------------------------------------------
# DEC001 / DEC002: the decision against the verdicts


def test_dec001_scale_up_with_unmet_primary_and_breached_guardrail(tmp_path):
    root = build(tmp_path, decided(E1={"observed": 0.70, "interval": [0.65, 0.75]},
                                   G1={"observed": 0.12, "interval": [0.09, 0.15]}), stage="production")
    f = one(check(root), "DEC001")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "choice: scale-up"))
    assert "primary effect E1 is not met" in f.message and "guardrail G1 is breached" in f.message
    assert f.severity.name == "ERROR"


def test_dec001_passes_with_override_rationale(tmp_path):
    over = {**SCALE_UP, "override_rationale": "Sensitivity fell short, but reading time halved; monitored monthly."}
    root = build(tmp_path, decided(over, E1={"observed": 0.70, "interval": [0.65, 0.75]}), stage="production")
    assert mine(check(root)) == []


@pytest.mark.parametrize("code,commented", [("DEC001", False), ("DEC001", True), ("DEC002", False)])
def test_dec001_dec002_hint_followed_as_typed_records_the_override(tmp_path, code, commented):
    """DEC001 and DEC002 said "write decision.override_rationale: ...": typed as it reads, one
    unknown name (SCH002) beside decision:, and the finding stays. The hint says where: the
    template's commented-out line to uncomment, or above which key of the decision to add it;
    done so, the finding is gone and nothing else is found in pilot.yaml."""
    import re

    outcome = {"DEC001": {"observed": 0.70, "interval": [0.65, 0.75]}, "DEC002": {"observed": 0.82, "interval": [0.78, 0.86]}}
    root = build(tmp_path, decided(E1=outcome[code]), stage="production")
    path = app_file(root, "pilot")
    lines = path.read_text(encoding="utf-8").split("\n")
    if commented:  # as raio new-pilot writes it under decision:
        at = next(i for i, line in enumerate(lines) if line.startswith("decision:"))
        lines.insert(at + 1, '#   override_rationale: ""          # only when the choice departs from the verdicts')
        path.write_text("\n".join(lines), encoding="utf-8")
    f = one(check(root), code)
    n = int(re.search(r"\(line (\d+)\)", f.hint).group(1))
    text = "Sensitivity fell short; reading time halved; monitored monthly."
    if commented:
        assert "remove the '# ' in front of override_rationale:" in f.hint, f.hint
        lines[n - 1] = f"  override_rationale: {text}"
    else:
        add_as_hinted(lines, f.hint, "override_rationale", text)
    path.write_text("\n".join(lines), encoding="utf-8")
    result = check(root)
    assert hits(result, code) == []
    assert [g.code for g in result.findings if g.file == rel("pilot") and g.code[:3] in ("YML", "SCH")] == []


def test_dec001_ignores_unmet_secondary_benefit(tmp_path):
    def change(f):
        decided()(f)
        f["effects"]["effects"].append({"id": "E2", "kind": "benefit", "primary": False, "description": "x",
                                        "direction": "decrease", "target": 5})
        results(f).append({"effect": "E2", "observed": 9})
    assert mine(check(build(tmp_path, change, stage="production"))) == []


@pytest.mark.parametrize("e1,status", [
    ({"observed": 0.82, "interval": [0.78, 0.86]}, "inconclusive"),
    ({"observed": None, "interval": None, "missing_reason": "pathology late"}, "missing"),
])
def test_dec002_scale_up_on_unproven_primary_is_a_warning(tmp_path, e1, status):
    def change(f):
        decided()(f)
        r = results(f)[0]
        r.update(e1)
        for k in [k for k, v in r.items() if v is None]:
            del r[k]
    root = build(tmp_path, change, stage="production")
    result = check(root)
    f = one(result, "DEC002")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "choice: scale-up"))
    assert f.severity.name == "WARNING" and f"E1 is {status}" in f.message
    assert hits(result, "DEC001") == []


def test_dec001_and_dec002_read_the_benefits_when_no_effect_is_primary(tmp_path):
    """A dossier that marks no effect primary: the memo (as OUT012) weighs the decision on the
    pre-registered benefits and said the scale-up over a benefit not met departs from the rule,
    but DEC001 said nothing, so the memo did not ask for the rationale it said was missing and the
    report showed the decision in green. DEC001 and DEC002 now read the same effects as the memo."""
    def no_primary(**e1):
        def change(f):
            decided(E1=e1)(f)
            f["effects"]["effects"][0]["primary"] = False
        return change
    root = build(tmp_path / "a", no_primary(observed=0.70, interval=[0.65, 0.75]), stage="production")
    f = one(check(root), "DEC001")
    assert "E1 is not met" in f.message and "no effect is marked primary" in f.message, f.message
    assert f.data == {"variant": "not_met", "not_met": ["E1"]}
    f = one(check(build(tmp_path / "b", no_primary(observed=0.82, interval=[0.78, 0.86]), stage="production")), "DEC002")
    assert "E1 is inconclusive" in f.message and "no effect is marked primary" in f.message, f.message
    # a guardrail is no benefit: G1 not primary and inconclusive, E1 met, stays clean
    def guard(f):
        decided(G1={"observed": 0.09, "interval": [0.07, 0.12]})(f)
        f["effects"]["effects"][0]["primary"] = False
    assert mine(check(build(tmp_path / "c", guard, stage="production"))) == []


def test_dec002_passes_with_override_rationale(tmp_path):
    over = {**SCALE_UP, "override_rationale": "Scale up with quarterly audit of missed tears."}
    root = build(tmp_path, decided(over, E1={"observed": 0.82, "interval": [0.78, 0.86]}), stage="production")
    assert hits(check(root), "DEC002") == []


# --------------------------------------------------------------------------------------------
# DEC003 / DEC004: stage and decision


@pytest.mark.parametrize("stage,choice,words", [
    ("production", "stop", "production needs a scale-up decision"),
    ("production", "extend", "production needs a scale-up decision"),
    ("stopped", "scale-up", "stopped needs a stop decision"),
    ("planned", "scale-up", "still planned"),
    ("proposed", "stop", "still proposed"),
])
def test_dec003_stage_contradicts_decision(tmp_path, stage, choice, words):
    decision = {**SCALE_UP, "choice": choice, "new_end": "2026-12-18"}
    root = build(tmp_path, decided(decision), stage=stage)
    f = one(check(root), "DEC003")
    assert (f.file, f.line) == (rel("application"), line_of(app_file(root, "application"), "stage:"))
    assert words in f.message


@pytest.mark.parametrize("stage", ["production", "stopped"])
def test_dec003_leaves_a_stage_without_any_decision_to_the_gate(tmp_path, stage):
    result = check(build(tmp_path, stage=stage))
    assert hits(result, "DEC003") == []
    assert f"stage '{stage}' needs pilot.decision.choice" in [f.message for f in hits(result, "GAT002")]


def test_dec003_a_stop_after_scale_up_is_pointed_to_retirement(tmp_path):
    """A RAIO who decided to stop an application a year after its scale-up wrote 'stop' over the
    scale-up decision; DEC003 told them to set stage: stopped, the stage of a pilot that was
    stopped, where the lifecycle takes production to retired and the scale-up stays on record."""
    decision = {**SCALE_UP, "choice": "stop"}
    f = one(check(build(tmp_path, decided(decision), stage="production")), "DEC003")
    assert not f.hint.startswith("Set stage: stopped")
    assert "retirement" in f.hint and "scale-up decision" in f.hint and "stage: retired" in f.hint


def test_dec003_an_application_switched_off_after_scale_up_is_pointed_to_retired(tmp_path):
    """A RAIO switched an application off after a serious incident, two years after its scale-up,
    and set stage: stopped. DEC003 told them to set stage: production (it no longer runs) or to
    correct the decision in pilot.yaml: to write 'stop' over the scale-up that brought it into
    use. Switched off after scale-up is retired, with the stop in application.yaml retirement."""
    f = one(check(build(tmp_path, decided(SCALE_UP), stage="stopped")), "DEC003")
    assert not f.hint.startswith("Set stage: production"), f.hint
    assert "stage: retired" in f.hint and "retirement" in f.hint and "keep the scale-up" in f.hint, f.hint


@pytest.mark.parametrize("stage,choice,target", [
    ("evaluation", "scale-up", "production"),
    ("pilot", "stop", "stopped"),
    ("evaluation", "extend", "pilot"),
])
def test_dec004_stage_lags_decision(tmp_path, stage, choice, target):
    decision = {**SCALE_UP, "choice": choice, "new_end": "2026-12-18"}
    root = build(tmp_path, decided(decision), stage=stage)
    result = check(root)
    f = one(result, "DEC004")
    assert (f.file, f.line) == (rel("application"), line_of(app_file(root, "application"), "stage:"))
    assert f.severity.name == "WARNING" and f"stage: {target}" in f.hint
    assert f.message == f"the decision '{choice}' is recorded but the stage is still {stage}"
    assert hits(check(build(tmp_path / "followed", decided(decision), stage=target)), "DEC004") == []
    assert hits(result, "DEC003") == []


def _recorded_extension(files):
    """An extension written under extensions only (no extend decision): decided on 2026-10-15,
    after the outcome of 2026-10-01, to 2026-12-31."""
    files["pilot"]["extensions"] = [{"end": "2026-12-31", "reason": "Too few cases for E1.", "date": "2026-10-15",
                                     "by": "Board of directors"}]


def test_dec004_evaluation_while_an_extension_recorded_only_under_extensions_runs(tmp_path):
    """An application in evaluation whose pilot was extended after its outcome, the extension
    written under extensions and no extend decision: raio said nothing until the extended end had
    passed. The stage says the pilot is being evaluated while it still runs, on the outcome that
    led to the extension; an extend decision gets DEC004, the extension alone now does too."""
    root = build(tmp_path, _recorded_extension)
    result = check(root)
    f = one(result, "DEC004")
    assert (f.file, f.line) == (rel("application"), line_of(app_file(root, "application"), "stage:"))
    assert f.severity.name == "WARNING"
    assert f.message == ("the stage is still evaluation, but the extended pilot runs until 2026-12-31 and the outcome "
                         "of 2026-10-01 came before the extension decided on 2026-10-15")
    assert "stage: pilot" in f.hint and "2026-12-31" in f.hint and "outcome.date" in f.hint
    assert [g.code for g in result.findings if g.code.startswith(("DEC", "DAT"))] == ["DEC004"]
    assert one(check(root, today="2026-12-31"), "DEC004")  # its last day: it still runs
    # back in the pilot stage, as the hint says: nothing to say
    assert mine(check(build(tmp_path / "pilot", _recorded_extension, stage="pilot"))) == []


def test_dec004_evaluation_after_an_extension_with_an_undated_outcome(tmp_path):
    def undated(files):
        _recorded_extension(files)
        del files["pilot"]["outcome"]["date"]
    f = one(check(build(tmp_path, undated)), "DEC004")
    assert f.message == ("the stage is still evaluation, but the extended pilot runs until 2026-12-31 and the outcome "
                         "has no date to show it came after the extension decided on 2026-10-15")
    assert f.hint.startswith("Date the outcome if it is the extended pilot's (add date: YYYY-MM-DD")


def test_dec004_evaluation_on_an_outcome_dated_before_the_extended_pilots_end(tmp_path):
    """An application in evaluation, its pilot extended on 2026-10-15 to 2026-12-31, with an
    outcome of 2026-11-10: after the extension, but before the extended pilot's end. raio said
    nothing, and read it as a pilot that ended early: the board was put the results of a pilot
    that, by its own dossier, still runs. DEC004 reads it as it reads an outcome from before the
    extension: the stage is evaluation while the extended pilot runs; the hint says how to state
    an early end. The extension's date does not matter then (an outcome before the end is no
    outcome of the whole extended pilot, whichever came first)."""
    def interim(f):
        _recorded_extension(f)
        f["pilot"]["outcome"]["date"] = "2026-11-10"
    root = build(tmp_path, interim)
    result = check(root)
    f = one(result, "DEC004")
    assert (f.file, f.line) == (rel("application"), line_of(app_file(root, "application"), "stage:"))
    assert f.message == ("the stage is still evaluation, but the extended pilot runs until 2026-12-31 and the outcome "
                         "of 2026-11-10 is dated before that end")
    assert f.data == {"variant": "extension", "end": "2026-12-31"}
    assert "stage: pilot" in f.hint and "ended early" in f.hint and "extensions[0].end" in f.hint
    assert [g.code for g in result.findings if g.code.startswith(("DEC", "DAT"))] == ["DEC004"]
    undated = build(tmp_path / "undated", lambda f: (interim(f), f["pilot"]["extensions"][0].pop("date")))
    assert [g.code for g in check(undated).findings if g.code.startswith(("DEC", "DAT"))] == ["DEC004"]
    # an extend decision: its own DEC004 (the decision the stage has not followed), not a second one
    extend = {**SCALE_UP, "choice": "extend", "date": "2026-10-15", "new_end": "2026-12-31", "rationale": "Too few cases."}
    both = build(tmp_path / "extend", lambda f: (extended(extend)(f), f["pilot"]["outcome"].update(date="2026-11-10")))
    f = one(check(both), "DEC004")
    assert f.message == "the decision 'extend' is recorded but the stage is still evaluation"


def test_dec004_evaluation_after_an_extension_near_misses(tmp_path):
    """No DEC004: the outcome is the extended pilot's (dated on or after its end: the extension
    written with the day the pilot ended early); the pilot stage, where an outcome before the end
    is an interim one; a decision is recorded (DEC004's own branches, DEC007, say what is wrong
    then)."""
    def ended_early(f):
        _recorded_extension(f)
        f["pilot"]["extensions"][0]["end"] = "2026-11-06"
        f["pilot"]["outcome"]["date"] = "2026-11-10"
    assert [g.code for g in check(build(tmp_path / "early", ended_early)).findings
            if g.code.startswith(("DEC", "DAT"))] == []
    on_the_day = build(tmp_path / "day", lambda f: (ended_early(f), f["pilot"]["outcome"].update(date="2026-11-06")))
    assert hits(check(on_the_day), "DEC004") == []
    interim = build(tmp_path / "interim", lambda f: (_recorded_extension(f), f["pilot"]["outcome"].update(
        date="2026-11-10")), stage="pilot")
    assert mine(check(interim)) == []
    extend = {**SCALE_UP, "choice": "extend", "date": "2026-10-15", "new_end": "2026-12-31", "rationale": "Too few cases."}
    f = one(check(build(tmp_path / "extend", extended(extend))), "DEC004")
    assert f.message == "the decision 'extend' is recorded but the stage is still evaluation"


def test_evaluation_after_an_extension_that_has_ended_is_one_finding(tmp_path):
    """Once the extended pilot has ended, evaluation is its stage; what is missing is its outcome:
    DAT002 says so, and DEC004 does not ask to go back to a pilot that is over."""
    root = build(tmp_path, _recorded_extension)
    result = check(root, today="2027-01-10")
    assert [f.code for f in result.findings if f.code.startswith(("DEC", "DAT"))] == ["DAT002"]
    assert "the extended pilot ended on 2026-12-31" in one(result, "DAT002").message
    result = check(root, today="2027-03-10")
    assert [f.code for f in result.findings if f.code.startswith(("DEC", "DAT"))] == ["DAT003"]


# --------------------------------------------------------------------------------------------
# DEC005 / DEC006: extensions


@pytest.mark.parametrize("drop,words", [("new_end", "no new_end"), ("rationale", "no rationale")])
def test_dec005_extend_needs_rationale_and_new_end(tmp_path, drop, words):
    decision = {**SCALE_UP, "choice": "extend", "new_end": "2026-12-18"}
    decision.pop(drop)
    root = build(tmp_path, decided(decision), stage="pilot")
    f = one(check(root), "DEC005")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "choice: extend"))
    assert words in f.message


def test_dec005_passes_a_complete_extend_and_a_stop_without_new_end(tmp_path):
    """Near miss for DEC005: an extend decision whose rationale is a block of text and whose
    new_end is an unquoted date is complete; a stop decision has no new_end and needs none."""
    root = build(tmp_path / "extend", decided({**SCALE_UP, "choice": "extend", "new_end": "2026-12-18"}),
                 stage="pilot")
    pilot = app_file(root, "pilot")
    text = pilot.read_text(encoding="utf-8")
    text = text.replace("new_end: '2026-12-18'", "new_end: 2026-12-18")
    text = text.replace("rationale: E1 met, G1 within its limit.", "rationale: >-\n    Too few cases:\n    200 of the 400 planned.")
    pilot.write_text(text, encoding="utf-8")
    assert "new_end: 2026-12-18\n" in text and "rationale: >-" in text
    result = check(root)
    assert [f for f in result.findings if f.code[:3] in ("YML", "SCH")] == []  # read as written
    assert hits(result, "DEC005") == []
    stop = {"choice": "stop", "date": "2026-10-15", "decided_by": "Board of directors", "rationale": "Not worth it."}
    assert hits(check(build(tmp_path / "stop", decided(stop), stage="stopped")), "DEC005") == []


def _record_as_told(path, said: str, fill: dict) -> None:
    """Write the extensions entry as the hint's "record" part says, placeholders filled in."""
    import re

    for placeholder, value in fill.items():
        said = said.replace(placeholder, value)
    lines = path.read_text(encoding="utf-8").split("\n")
    entry = re.search(r"(\{end: .*?\})", said).group(1)
    if said.startswith("add the line extensions: ["):
        assert "at the start of a line" in said
        lines.append(f"extensions: [{entry}]")
    elif said.startswith("replace the extensions: of line "):
        n = int(re.search(r"of line (\d+)", said).group(1))
        assert lines[n - 1].startswith("extensions:"), lines[n - 1]
        at = n  # a block list under it goes too
        while at < len(lines) and lines[at].startswith((" ", "-")):
            at += 1
        lines[n - 1:at] = [f"extensions: [{entry}]"]
    else:
        assert said.startswith("add - {end: ") and "as the last entry under extensions: (line" in said, said
        n = int(re.search(r"\(line (\d+)\)", said).group(1))
        last = n
        while last < len(lines) and lines[last].startswith((" ", "-")):
            last += 1
        dash = next(line for line in lines[n:last] if line.lstrip().startswith("- "))
        lines.insert(last, dash[:len(dash) - len(dash.lstrip())] + f"- {entry}")
    path.write_text("\n".join(lines), encoding="utf-8")


EARLIER = {"end": "2026-09-30", "reason": "Slow start.", "date": "2026-06-01", "by": "RAIO"}


@pytest.mark.parametrize("before", ["absent", "empty", "one"])
def test_dec010_hint_followed_as_typed_records_the_extension(tmp_path, before):
    """DEC010 said "Add it to pilot.yaml extensions (- end: 2026-12-18, reason, date: ..., by)";
    typed as it read, that line is one text holding ': ', a YAML error. The hint now gives the
    entry as a flow mapping and the line to change or add; done as it says, DEC010 is gone and
    nothing else is found in pilot.yaml."""
    extend = {**SCALE_UP, "choice": "extend", "date": "2026-06-20", "new_end": "2026-12-18"}

    def change(f):
        decided(extend)(f)
        f["pilot"].pop("extensions", None)
        if before != "absent":
            f["pilot"]["extensions"] = [] if before == "empty" else [dict(EARLIER)]
    root = build(tmp_path, change, stage="pilot")
    f = one(check(root), "DEC010")
    said = f.hint.split("(report, DAT004): ", 1)[1]
    _record_as_told(app_file(root, "pilot"), said, {"REASON": "Too few cases", "WHO": "Board of directors"})
    result = check(root)
    assert hits(result, "DEC010") == []
    assert [g.code for g in result.findings if g.file == rel("pilot") and g.code[:3] in ("YML", "SCH", "DEC")] == []


def test_dec005_hint_followed_as_typed_leaves_no_decision_finding(tmp_path):
    """DEC005 said "Give rationale ... and new_end."; done so, DEC010 followed (the extension not
    under extensions). The hint now says to record the extension too; followed as typed, no
    DEC finding is left."""
    extend = {"choice": "extend", "date": "2026-06-20", "decided_by": "Board of directors"}
    root = build(tmp_path, decided(extend), stage="pilot")
    f = one(check(root), "DEC005")
    assert "rationale: (why" in f.hint and "new_end: YYYY-MM-DD" in f.hint, f.hint
    path = app_file(root, "pilot")
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("choice: extend"))
    indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
    lines[at + 1:at + 1] = [f"{indent}rationale: Too few cases", f"{indent}new_end: 2026-12-18"]
    path.write_text("\n".join(lines), encoding="utf-8")
    said = f.hint.split("record the extension: ", 1)[1].rstrip(".")
    _record_as_told(path, said, {"YYYY-MM-DD": "2026-12-18", "REASON": "Too few cases", "WHO": "Board of directors"})
    assert mine(check(root)) == []


def test_dec006_new_end_must_be_after_old_end(tmp_path):
    decision = {**SCALE_UP, "choice": "extend", "date": "2026-06-01", "new_end": "2026-06-15"}
    root = build(tmp_path, decided(decision), stage="pilot")
    f = one(check(root), "DEC006")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "new_end:"))
    assert "2026-06-30" in f.message


def test_dec006_accepts_the_extension_recorded_in_extensions(tmp_path):
    decision = {**SCALE_UP, "choice": "extend", "new_end": "2026-12-18"}

    def change(f):
        decided(decision)(f)
        f["pilot"]["extensions"] = [{"end": "2026-12-18", "reason": "MRI replaced", "date": "2026-10-15"}]
    assert hits(check(build(tmp_path, change, stage="pilot")), "DEC006") == []


# --------------------------------------------------------------------------------------------
# DEC007 - DEC009: dates and who


def test_dec007_scale_up_before_pilot_end(tmp_path):
    root = build(tmp_path, decided({**SCALE_UP, "date": "2026-06-01"}), stage="production")
    f = one(check(root), "DEC007")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "date: '2026-06-01'"))
    assert "before the pilot's end (2026-06-30)" in f.message
    on_the_end = build(tmp_path / "end", decided({**SCALE_UP, "date": "2026-06-30"}), stage="production")
    assert hits(check(on_the_end), "DEC007") == []  # decided on the last day: not before the end


def test_dec007_decision_before_start(tmp_path):
    root = build(tmp_path, decided({**SCALE_UP, "choice": "stop", "date": "2025-12-01"}), stage="stopped")
    f = one(check(root), "DEC007")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "date: '2025-12-01'"))
    assert "before the pilot started (2026-01-05)" in f.message
    on_the_start = build(tmp_path / "start", decided({**SCALE_UP, "choice": "stop", "date": "2026-01-05"}), stage="stopped")
    assert hits(check(on_the_start), "DEC007") == []


def test_dec007_allows_stopping_early(tmp_path):
    stop = {**SCALE_UP, "choice": "stop", "date": "2026-04-01", "rationale": "G1 breached: stopped early."}
    assert hits(check(build(tmp_path, decided(stop), stage="stopped")), "DEC007") == []


def _scaled_up_after_extension(outcome_date, decision_date="2027-01-10"):
    """A scale-up decided on ``decision_date`` after the pilot was extended (decided on
    2026-10-15, to 2026-12-31), on the outcome dated ``outcome_date``."""
    def change(f):
        decided({**SCALE_UP, "date": decision_date})(f)
        _recorded_extension(f)
        f["pilot"]["outcome"]["date"] = outcome_date
    return change


def test_dec007_scale_up_on_an_outcome_of_part_of_the_extended_pilot(tmp_path):
    """An application in production whose pilot was extended to 2026-12-31, scaled up on
    2027-01-10, after that end, on the outcome of 2026-11-10: an interim outcome of the pilot
    that was extended because its results were not conclusive. raio said nothing: DEC007 looked
    at the decision's date only, DAT002 and DEC004 at a decision still pending. It reads the
    outcome as they do (dated before the extended end, before the extension, or not at all)."""
    root = build(tmp_path, _scaled_up_after_extension("2026-11-10"), stage="production")
    result = check(root, today="2027-01-20")
    f = one(result, "DEC007")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "date: '2027-01-10'"))
    assert f.message == ("scale-up decided on 2027-01-10, but the outcome of 2026-11-10 is dated before the "
                         "extended pilot's end (2026-12-31)")
    assert f.data == {"variant": "interim", "date": "2027-01-10", "outcome": "2026-11-10", "end": "2026-12-31"}
    assert "extended pilot's results" in f.hint and "extensions[0].end" in f.hint
    assert [g.code for g in result.findings if g.code.startswith(("DEC", "DAT"))] == ["DEC007"]
    # the outcome that led to the extension, and one without a date
    f = one(check(build(tmp_path / "led", _scaled_up_after_extension("2026-10-01"), stage="production"),
                  today="2027-01-20"), "DEC007")
    assert f.message == ("scale-up decided on 2027-01-10, but the outcome of 2026-10-01 came before the extension "
                         "decided on 2026-10-15")
    assert f.data["variant"] == "extended" and f.data["decided"] == "2026-10-15"
    undated = build(tmp_path / "undated", lambda f: (_scaled_up_after_extension("2026-11-10")(f),
                                                      f["pilot"]["outcome"].pop("date")), stage="production")
    f = one(check(undated, today="2027-01-20"), "DEC007")
    assert f.data["variant"] == "undated" and "has no date" in f.message


def test_dec007_scale_up_after_an_extension_near_misses(tmp_path):
    """No finding on the outcome: dated on the extended end or after it; a stop on an interim
    outcome (stopping early is allowed); no extension. A scale-up decided before the extended end
    is one finding, DEC007's before_end, not a second one for its outcome."""
    for name, outcome in (("on-end", "2026-12-31"), ("after", "2027-01-05")):
        root = build(tmp_path / name, _scaled_up_after_extension(outcome), stage="production")
        assert [g.code for g in check(root, today="2027-01-20").findings if g.code.startswith(("DEC", "DAT"))] == []
    stop = build(tmp_path / "stop", lambda f: (_scaled_up_after_extension("2026-11-10")(f), f["pilot"]["decision"].update(
        choice="stop", rationale="Not worth it.")), stage="stopped")
    assert hits(check(stop, today="2027-01-20"), "DEC007") == []
    plain = build(tmp_path / "plain", decided({**SCALE_UP, "date": "2027-01-10"}), stage="production")
    assert hits(check(plain, today="2027-01-20"), "DEC007") == []
    early = build(tmp_path / "early", _scaled_up_after_extension("2026-11-10", "2026-12-01"), stage="production")
    (f,) = hits(check(early, today="2027-01-20"), "DEC007")
    assert f.data["variant"] == "before_end"


def test_dec008_decision_without_decided_by(tmp_path):
    decision = dict(SCALE_UP)
    decision.pop("decided_by")
    root = build(tmp_path, decided(decision), stage="production")
    f = one(check(root), "DEC008")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "decision:"))
    assert f.message == "the decision does not say who decided (decided_by)" and "decided_by:" in f.hint
    assert hits(check(build(tmp_path / "ok", decided(), stage="production")), "DEC008") == []


def test_dec008_leaves_a_recommendation_awaiting_the_board_alone(tmp_path):
    """A choice written while the application is in evaluation is the recommendation raio memo
    puts to the board (as pilot.yaml's template says); DEC008 made that memo a DRAFT."""
    decision = dict(SCALE_UP)
    decision.pop("decided_by")
    assert hits(check(build(tmp_path, decided(decision), stage="evaluation")), "DEC008") == []


def test_dec009_decision_in_the_future(tmp_path):
    root = build(tmp_path, decided({**SCALE_UP, "date": "2026-12-01"}), stage="production")
    f = one(check(root), "DEC009")
    assert f.severity.name == "WARNING" and "after today (2026-11-15)" in f.message
    assert (f.file, f.line, f.column) == (rel("pilot"), line_of(app_file(root, "pilot"), "date: '2026-12-01'"), 9)
    assert hits(check(build(tmp_path / "ok", decided(), stage="production")), "DEC009") == []


def test_odd_decisions_never_break_the_rules(tmp_path):
    for i, decision in enumerate(["scale-up", ["stop"], {"choice": 3, "date": "soon", "new_end": 12},
                                  {"choice": "extend", "date": "2026-13-45", "new_end": "tomorrow"}]):
        def change(f, decision=decision):
            f["pilot"]["decision"] = decision
        result = check(build(tmp_path / str(i), change, stage="production"))
        assert result.internal_errors == []


@pytest.mark.parametrize("choice, value_line", [({"tp": 0, "fp": 0, "fn": 0, "tn": 0}, "tp: 0"),
                                                (["scale-up"], "- scale-up")])
def test_a_choice_of_the_wrong_type_is_a_schema_finding_not_a_failed_rule(tmp_path, choice, value_line):
    """The value fuzzer's mutation 5067: `decision.choice` written as a mapping made DEC003 and
    DEC007 fail ('unhashable type'), and raio check exit 2 as if raio were broken."""
    def change(f):
        f["pilot"]["decision"] = {**SCALE_UP, "choice": choice}
    root = build(tmp_path, change, stage="production")
    result = check(root)
    assert result.internal_errors == []
    f = one(result, "SCH003")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), value_line))
    assert "decision.choice" in f.message and result.exit_code() == 1


def test_example_portfolio_has_no_decision_errors(example):
    result = run_check(example, "--no-git", today=EXAMPLE_TODAY.isoformat())
    assert result.internal_errors == []
    assert [f for f in mine(result) if f.severity.name == "ERROR"] == []


def test_dec004_on_a_recommendation_says_to_wait_for_the_board_and_what_the_stage_needs(tmp_path):
    """pilot.yaml teaches: write the recommendation, and move the stage when the board has decided
    (decided_by). DEC004 on that recommendation said only 'Set stage: production.'; followed at once,
    it gave four gate errors (decided_by, monitoring.yaml, exit terms) the hint had not mentioned.
    It said to write decided_by only: the recommendation's date then stood as the board's decision
    date, in the memo and the report, while pilot.yaml asks for the decision's date too."""
    recommendation = {k: v for k, v in SCALE_UP.items() if k != "decided_by"}
    f = one(check(build(tmp_path / "r", decided(recommendation))), "DEC004")
    assert f.hint == ("When the board has decided: write decided_by and the date of the board's decision in "
                      "pilot.yaml's decision and set stage: production ('raio check --next-stage' lists what that "
                      "stage needs).")
    f = one(check(build(tmp_path / "d", decided(SCALE_UP))), "DEC004")
    assert f.hint == "Set stage: production ('raio check --next-stage' lists what that stage needs)."


def test_dec010_an_extension_decided_but_not_written_under_extensions(tmp_path):
    """A pilot extended by its decision alone (choice extend, new_end) and no extensions entry:
    when the next decision (scale-up or stop) replaced this one, the extension left the dossier
    without a finding, and the report showed the pilot ending on its first end date. A warning
    at new_end asks for the extensions entry; with it, or with another choice, none."""
    extend = {**SCALE_UP, "choice": "extend", "date": "2026-06-20", "new_end": "2026-12-18"}
    root = build(tmp_path / "bare", decided(extend), stage="pilot")
    f = one(check(root), "DEC010")
    assert (f.file, f.line, str(f.severity)) == (rel("pilot"), line_of(app_file(root, "pilot"), "new_end:"), "warning")
    assert "2026-12-18" in f.message and "extensions" in f.hint and "date: 2026-06-20" in f.hint
    assert hits(check(build(tmp_path / "recorded", extended(extend), stage="pilot")), "DEC010") == []
    assert hits(check(build(tmp_path / "scale-up", decided(), stage="production")), "DEC010") == []
