"""Effect definition rules (EFF): each with a failing and a passing fixture."""

from __future__ import annotations

from conftest import make_portfolio, run_check

APP = 'id: lung-ai\nname: Test\nstage: proposed\nversion: "1.0"\n'

EFFECT = """effects:
  - id: E1
    kind: {kind}
    description: Meer noduli gevonden.
    metric: Sensitiviteit
    unit: "{unit}"
    direction: {direction}
    baseline:
      value: {baseline}
      source: Audit 2024
    {key}: {threshold}
"""


def portfolio(path, pilot: str | None = None, **values):
    fields = {"kind": "benefit", "unit": "%", "direction": "increase", "baseline": 84, "key": "target",
              "threshold": 92, **values}
    files = {"application": APP, "effects": EFFECT.format(**fields)}
    if pilot:
        files["pilot"] = pilot
    return make_portfolio(path, {"lung-ai": files})


def found(root, code, today="2026-11-15"):
    return [f for f in run_check(root, "--no-git", "--today", today).findings if f.code == code]


def test_eff001_a_target_written_as_a_fraction_against_a_percentage(tmp_path):
    """A radiologist writes the target as 0.92 under a baseline of 84 %: the pilot 'meets' it at
    any sensitivity above 0.92 %, which a memo would report as met."""
    [f] = found(portfolio(tmp_path / "slip", threshold=0.92), "EFF001")
    assert (f.file, f.line, f.column, str(f.severity)) == ("applications/lung-ai/effects.yaml", 11, 13, "error")
    assert f.message == ("E1 target 0.92 is not above its baseline 84 (direction: increase, higher is better): it is "
                         "met without any change")
    assert f.hint == ("The baseline 84 is a percentage and the target 0.92 a fraction: write target: 92.")
    assert f.data == {"effect": "E1", "target": "0.92", "baseline": "84", "direction": "increase"}
    assert not found(portfolio(tmp_path / "good"), "EFF001")


def test_eff001_a_target_on_the_wrong_side_for_a_decrease(tmp_path):
    root = portfolio(tmp_path / "bad", unit="seconden", direction="decrease", baseline=290, threshold=310)
    [f] = found(root, "EFF001")
    assert f.message.startswith("E1 target 310 is not below its baseline 290 (direction: decrease, lower is better)")
    assert f.hint.startswith("Write the target the pilot must reach, below 290, or correct the direction")
    assert "guardrail" in f.hint and "amendments" not in f.hint  # the pilot has not started
    # equal to the baseline: met without change too
    assert found(portfolio(tmp_path / "equal", unit="seconden", direction="decrease", baseline=290, threshold=290),
                 "EFF001")
    assert not found(portfolio(tmp_path / "good", unit="seconden", direction="decrease", baseline=290, threshold=260),
                     "EFF001")
    # after the start, the hint says the correction is an amendment
    started = portfolio(tmp_path / "started", "plan:\n  start: 2026-03-01\n  end: 2026-09-30\n", unit="seconden",
                        direction="decrease", baseline=290, threshold=310)
    [f] = found(started, "EFF001")
    assert f.hint.endswith("The pilot has started: a corrected definition is a change, declare it in effects.yaml "
                           "amendments (date, effect, change, reason, by).")


def test_eff001_says_nothing_where_the_schema_does(tmp_path):
    """A target that is no number, or an effect without a direction: SCH and the gates say it."""
    assert not found(portfolio(tmp_path / "text", threshold='"92%"'), "EFF001")
    assert not found(portfolio(tmp_path / "nodir", direction="sideways", threshold=0.5), "EFF001")


def test_eff002_a_guardrail_limit_on_the_good_side_of_its_baseline(tmp_path):
    root = portfolio(tmp_path / "bad", kind="guardrail", unit="markeringen per CT", direction="decrease",
                     baseline=0.8, key="limit", threshold=0.5)
    [f] = found(root, "EFF002")
    assert (f.line, str(f.severity)) == (11, "warning")
    assert f.message == ("E1 limit 0.5 is below its baseline 0.8 (direction: decrease, lower is better): the guardrail "
                         "is breached at the baseline")
    assert f.hint.startswith("Set the limit to the worst acceptable value, at or above 0.8")
    # a limit written as a fraction of a percentage
    [f] = found(portfolio(tmp_path / "slip", kind="guardrail", direction="decrease", baseline=5, key="limit",
                          threshold=0.08), "EFF002")
    assert f.hint == "The baseline 5 is a percentage and the limit 0.08 a fraction: write limit: 8."
    # at the baseline (no worsening allowed) or on the bad side: nothing
    for name, limit in (("equal", 0.8), ("good", 1.0)):
        assert not found(portfolio(tmp_path / name, kind="guardrail", unit="markeringen per CT", direction="decrease",
                                   baseline=0.8, key="limit", threshold=limit), "EFF002")
    assert not found(portfolio(tmp_path / "up", kind="guardrail", direction="increase", baseline=95, key="limit",
                               threshold=90), "EFF002")
