"""Verdicts: Wilson intervals, 2x2 statistics, every status in both directions, odd data never raises."""

from __future__ import annotations

import math

import pytest

from raio_cli.verdicts import Verdict, evaluate, evaluate_app, from_counts, guess_statistic, named_statistic, wilson


def benefit(direction="increase", target=0.90, **kw):
    return {"id": "E1", "kind": "benefit", "primary": True, "direction": direction, "target": target, **kw}


def guardrail(direction="decrease", limit=0.10, **kw):
    return {"id": "G1", "kind": "guardrail", "direction": direction, "limit": limit, **kw}


# --- Wilson --------------------------------------------------------------------------------


def wilson_by_formula(s, n, z=1.959963984540054):
    p = s / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_wilson_known_value_81_of_100():
    lo, hi = wilson(81, 100)
    assert round(lo, 4) == 0.7222 and round(hi, 4) == 0.8749
    assert (lo, hi) == pytest.approx(wilson_by_formula(81, 100))


@pytest.mark.parametrize("s,n,expected", [
    (0, 10, (0.0, 0.2775)),   # Wilson never gives a negative bound, unlike the Wald interval
    (10, 10, (0.7225, 1.0)),
    (412, 441, (0.9072, 0.9538)),
    (1, 2, (0.0945, 0.9055)),
])
def test_wilson_edges(s, n, expected):
    lo, hi = wilson(s, n)
    assert (round(lo, 4), round(hi, 4)) == expected
    assert 0.0 <= lo <= s / n <= hi <= 1.0
    # each bound solves the score equation (p̂ - p)² = z² p (1 - p) / n that defines the interval
    z = 1.959963984540054
    for b in (lo, hi):
        if 0 < b < 1:
            assert (s / n - b) ** 2 == pytest.approx(z * z * b * (1 - b) / n)


@pytest.mark.parametrize("s,n", [(1, 0), (5, 4), (-1, 10), (1.5, 10), (True, 10)])
def test_wilson_rejects_impossible_counts(s, n):
    with pytest.raises(ValueError):
        wilson(s, n)


# --- 2x2 tables ----------------------------------------------------------------------------

TABLE = {"tp": 90, "fp": 30, "fn": 10, "tn": 170}


@pytest.mark.parametrize("stat,value,n", [
    ("sensitivity", 90 / 100, 100),
    ("specificity", 170 / 200, 200),
    ("ppv", 90 / 120, 120),
    ("npv", 170 / 180, 180),
    ("accuracy", 260 / 300, 300),
])
def test_from_counts_statistics(stat, value, n):
    got, (lo, hi), got_n = from_counts(TABLE, stat)
    assert got == pytest.approx(value) and got_n == n
    assert (lo, hi) == pytest.approx(wilson_by_formula(round(value * n), n))


@pytest.mark.parametrize("counts,stat,words", [
    ({"tp": 0, "fp": 5, "fn": 0, "tn": 5}, "sensitivity", "tp+fn = 0"),
    ({"tp": 5, "fp": 0, "fn": 5, "tn": 0}, "specificity", "tn+fp = 0"),
    ({"tp": 0, "fp": 0, "fn": 3, "tn": 3}, "ppv", "tp+fp = 0"),
    ({"tp": 1, "fp": 1, "fn": 1}, "specificity", "lacks tn"),
    ({"tp": "ten", "fp": 1, "fn": 1, "tn": 1}, "sensitivity", "counts.tp is 'ten'"),
    ({"tp": -1, "fp": 1, "fn": 1, "tn": 1}, "sensitivity", "counts.tp is -1"),
    (TABLE, "median", "cannot be computed from a 2x2 table"),
    ("not a table", "sensitivity", "must be a mapping"),
])
def test_from_counts_explains_what_is_wrong(counts, stat, words):
    with pytest.raises(ValueError, match=None) as err:
        from_counts(counts, stat)
    assert words in str(err.value)


@pytest.mark.parametrize("effect,stat", [
    ({"statistic": "specificity", "metric": "sensitivity"}, "specificity"),
    ({"metric": "Sensitiviteit van de SEH-arts"}, "sensitivity"),
    ({"metric": "Specificity for fractures"}, "specificity"),
    ({"metric": "Positief voorspellende waarde (PPV)"}, "ppv"),
    ({"metric": "negative predictive value"}, "npv"),
    ({"metric": "reading time", "statistic": "median"}, "sensitivity"),
    ({}, "sensitivity"),
])
def test_guess_statistic(effect, stat):
    assert guess_statistic(effect) == stat


# --- benefits ------------------------------------------------------------------------------


@pytest.mark.parametrize("direction,target,observed,status", [
    ("increase", 0.90, 0.93, "met"),
    ("increase", 0.90, 0.90, "met"),  # reaching the target is meeting it
    ("increase", 0.90, 0.85, "not-met"),
    ("decrease", 64, 61, "met"),
    ("decrease", 64, 64, "met"),
    ("decrease", 64, 70, "not-met"),
])
def test_benefit_point_estimate(direction, target, observed, status):
    v = evaluate(benefit(direction, target), {"effect": "E1", "observed": observed, "n": 100})
    assert v.status == status
    assert v.interval is None and v.threshold == target and v.observed == observed
    assert "no interval" in v.explanation


@pytest.mark.parametrize("direction,target,interval,status,words", [
    ("increase", 0.90, [0.91, 0.95], "met", "the whole interval clears the target"),
    ("increase", 0.90, [0.80, 0.89], "not-met", "the whole interval falls short"),
    ("increase", 0.90, [0.88, 0.95], "inconclusive", "interval contains it"),
    ("decrease", 64, [55, 63], "met", "the whole interval clears the target"),
    ("decrease", 64, [65, 75], "not-met", "the whole interval falls short"),
    ("decrease", 64, [55, 68], "inconclusive", "interval contains it"),
])
def test_benefit_with_interval(direction, target, interval, status, words):
    observed = sum(interval) / 2
    v = evaluate(benefit(direction, target), {"effect": "E1", "observed": observed, "interval": interval})
    assert v.status == status
    assert words in v.explanation
    assert v.interval == tuple(interval)


def test_inconclusive_explains_point_estimate_and_interval():
    v = evaluate(benefit("decrease", 64, unit="minutes"), {"effect": "E1", "observed": 61, "interval": [55, 68]})
    assert v.status == "inconclusive"
    assert v.explanation.startswith("61 minutes (CI 55–68; level not stated, 95% assumed)")
    assert "point estimate clears the target" in v.explanation


# --- guardrails ----------------------------------------------------------------------------


@pytest.mark.parametrize("direction,limit,observed,interval,status", [
    # decrease: lower is better, breached above the limit
    ("decrease", 0.10, 0.12, None, "breached"),
    ("decrease", 0.10, 0.10, None, "within-limit"),  # at the limit is acceptable
    ("decrease", 0.10, 0.08, None, "within-limit"),
    ("decrease", 0.10, 0.08, [0.06, 0.095], "within-limit"),
    ("decrease", 0.10, 0.08, [0.06, 0.11], "inconclusive"),
    ("decrease", 0.10, 0.12, [0.09, 0.15], "breached"),  # the point estimate decides a breach
    # increase: higher is better, breached below the limit
    ("increase", 85, 84, None, "breached"),
    ("increase", 85, 85, None, "within-limit"),
    ("increase", 85, 88.7, [87.2, 90.1], "within-limit"),
    ("increase", 85, 91.4, [82.5, 96.0], "inconclusive"),
    ("increase", 85, 83, [80, 86], "breached"),
])
def test_guardrail(direction, limit, observed, interval, status):
    result = {"effect": "G1", "observed": observed}
    if interval:
        result["interval"] = interval
    v = evaluate(guardrail(direction, limit), result)
    assert v.status == status
    assert v.kind == "guardrail" and v.threshold == limit
    assert ("higher is better" if direction == "increase" else "lower is better") in v.explanation


# --- counts --------------------------------------------------------------------------------


def test_counts_give_observed_and_wilson_interval_on_the_percent_scale():
    effect = benefit("increase", 92, unit="%", statistic="sensitivity")
    v = evaluate(effect, {"effect": "E1", "observed": 93.4, "n": 2200, "counts": {"tp": 412, "fp": 198, "fn": 29, "tn": 1561}})
    assert v.statistic == "sensitivity" and v.n == 441
    assert v.observed == pytest.approx(100 * 412 / 441)
    assert v.interval == pytest.approx(tuple(100 * b for b in wilson(412, 441)))
    assert v.status == "inconclusive"  # 90.7–95.4 contains 92
    assert "95% CI 90.7–95.4%" in v.explanation and "412/441" in v.explanation
    assert "differs" not in v.explanation


def test_counts_on_the_fraction_scale_and_specificity_guardrail():
    g = guardrail("increase", 0.85, metric="specificity of the ED physician")
    v = evaluate(g, {"effect": "G1", "counts": {"tp": 412, "fp": 198, "fn": 29, "tn": 1561}})
    assert v.statistic == "specificity" and v.status == "within-limit"
    assert v.observed == pytest.approx(1561 / 1759)
    assert v.explanation.startswith("0.887 (95% CI 0.872–0.901)")


def test_typed_observed_that_differs_from_counts_is_replaced_and_said():
    v = evaluate(benefit("increase", 0.80), {"effect": "E1", "observed": 0.95, "counts": {"tp": 81, "fp": 0, "fn": 19, "tn": 0}})
    assert v.observed == pytest.approx(0.81)
    assert v.interval == pytest.approx(wilson(81, 100))
    assert "typed observed value 0.95 differs from the 2x2 table and is not used" in v.explanation
    assert v.status == "inconclusive"  # 0.722–0.875 contains 0.80


def test_ppv_from_counts():
    v = evaluate(benefit("increase", 0.5, statistic="ppv"), {"effect": "E1", "counts": {"tp": 60, "fp": 20, "fn": 40, "tn": 80}})
    assert v.statistic == "ppv" and v.observed == pytest.approx(0.75) and v.n == 80 and v.status == "met"


def test_zero_denominator_is_inconclusive_with_reason():
    v = evaluate(benefit(), {"effect": "E1", "counts": {"tp": 0, "fp": 3, "fn": 0, "tn": 50}})
    assert v.status == "inconclusive"
    assert "sensitivity is undefined: tp+fn = 0" in v.explanation


# --- missing, no-target, odd data ----------------------------------------------------------


def test_missing_without_result_and_with_reason():
    v = evaluate(benefit(), None)
    assert v.status == "missing" and v.missing_reason == "no result reported"
    v = evaluate(benefit(), {"effect": "E1", "missing_reason": "too few follow-up scans"})
    assert v.status == "missing" and v.missing_reason == "too few follow-up scans"
    assert "too few follow-up scans" in v.explanation
    v = evaluate(benefit(), {"effect": "E1", "n": 10})
    assert v.status == "missing" and "neither an observed value nor counts" in v.explanation


def test_no_target_and_no_limit():
    v = evaluate({"id": "E1", "kind": "benefit", "direction": "increase"}, {"effect": "E1", "observed": 1})
    assert v.status == "no-target" and "has no target" in v.explanation
    v = evaluate({"id": "G1", "kind": "guardrail", "direction": "decrease", "target": 3}, {"effect": "G1", "observed": 1})
    assert v.status == "no-target" and "gives a target" in v.explanation


@pytest.mark.parametrize("effect,result,status,words", [
    (benefit(), {"effect": "E1", "observed": "93%"}, "inconclusive", "not a number"),
    (benefit(), {"effect": "E1", "observed": True}, "inconclusive", "not a number"),
    (benefit(), {"effect": "E1", "observed": float("nan")}, "inconclusive", "not a number"),
    (benefit(target="90%"), {"effect": "E1", "observed": 0.93}, "inconclusive", "target '90%' is not a number"),
    (benefit(direction="up"), {"effect": "E1", "observed": 0.93}, "inconclusive", "which way is better"),
    (benefit(), {"effect": "E1", "observed": 0.93, "interval": [0.9]}, "inconclusive", "not two numbers"),
    (benefit(), {"effect": "E1", "observed": 0.93, "interval": ["a", "b"]}, "inconclusive", "not two numbers"),
    (benefit(), {"effect": "E1", "observed": 0.93, "interval": [0.95, 0.91]}, "inconclusive", "reversed"),
    (benefit(), {"effect": "E1", "observed": 93, "interval": [0.91, 0.95]}, "inconclusive", "outside its interval"),
    (benefit(), {"effect": "E1", "counts": {"tp": "x", "fp": 1, "fn": 1, "tn": 1}}, "inconclusive", "cannot be computed"),
    (benefit(), {"effect": "E1", "counts": [1, 2, 3, 4]}, "inconclusive", "must be a mapping"),
    (benefit(), "a text", "missing", "not a mapping"),
    (benefit(), {"effect": "E1", "observed": 0.93, "missing_reason": "  "}, "met", "0.93"),
    ("not an effect", {"effect": "E1", "observed": 1}, "no-target", "no target"),
    ({"id": 7, "kind": "strange", "limit": 5, "direction": "decrease"}, {"observed": 9}, "breached", "limit 5"),
])
def test_odd_data_never_raises(effect, result, status, words):
    v = evaluate(effect, result)
    assert isinstance(v, Verdict)
    assert v.status == status, v.explanation
    assert words in v.explanation


def test_to_dict_is_plain_json():
    import json

    v = evaluate(benefit(), {"effect": "E1", "observed": 0.93, "interval": [0.91, 0.95]})
    d = v.to_dict()
    assert d["interval"] == [0.91, 0.95] and d["status"] == "met" and d["effect"] == "E1"
    assert set(d) == {"effect", "status", "kind", "primary", "post_hoc", "observed", "interval", "n", "statistic",
                      "threshold", "direction", "baseline", "missing_reason", "explanation", "reason", "interval_level",
                      "interval_basis"}
    json.dumps(d)


def test_evaluate_app_orders_preregistered_first_and_uses_first_result():
    effects = {"effects": [
        {"id": "X1", "kind": "benefit", "post_hoc": True, "direction": "increase", "target": 1},
        benefit(),
        guardrail(baseline={"value": 0.05, "source": "audit"}),
        "junk",
        {"kind": "benefit"},
    ]}
    pilot = {"outcome": {"results": [
        {"effect": "E1", "observed": 0.95},
        {"effect": "E1", "observed": 0.10},
        {"effect": "X1", "observed": 2},
        "junk",
    ]}}
    vs = evaluate_app(effects, pilot)
    assert [(v.effect, v.status, v.post_hoc) for v in vs] == [
        ("E1", "met", False), ("G1", "missing", False), ("X1", "met", True)]
    assert vs[1].baseline == 0.05
    assert evaluate_app({}, {}) == [] and evaluate_app(None, None) == []
    assert [v.status for v in evaluate_app({"effects": [benefit()]}, {"outcome": "none"})] == ["missing"]


# --- which statistic counts give -------------------------------------------------------------


@pytest.mark.parametrize("effect,stat", [
    # the metric names what is measured; a word later in the text (the operating point) does not
    ({"metric": "sensitivity at 90% specificity"}, "sensitivity"),
    ({"metric": "sensitiviteit bij een specificiteit van 90%"}, "sensitivity"),
    # the metric wins over the description
    ({"metric": "specificity", "description": "fewer false alarms without losing precision"}, "specificity"),
])
def test_guess_statistic_reads_the_metric_first_and_its_first_word(effect, stat):
    assert guess_statistic(effect) == stat


@pytest.mark.parametrize("metric", [
    "recall rate",                  # screening: the share of women called back, not sensitivity
    "Recallpercentage",
    "cancer detection rate",        # screening: cancers per 1000 screened, not tp/(tp+fn)
    "fout-positieven per scan",     # a rate per scan, no proportion of the 2x2 table
    "false positives per scan",
    "reading time",
])
def test_metrics_that_name_no_2x2_statistic_are_not_guessed(metric):
    assert named_statistic({"metric": metric}) is None
    assert guess_statistic({"metric": metric}) == "sensitivity"  # the assumption, which is then said


def test_counts_with_an_unrecognised_metric_say_sensitivity_is_assumed():
    effect = guardrail("decrease", 0.5, metric="fout-positieven per scan")
    v = evaluate(effect, {"effect": "G1", "counts": {"tp": 40, "fp": 30, "fn": 10, "tn": 20}})
    assert v.statistic == "sensitivity"
    assert "assumed" in v.explanation and "statistic" in v.explanation
    named = evaluate(guardrail("increase", 0.5, metric="sensitivity"),
                     {"effect": "G1", "counts": {"tp": 40, "fp": 30, "fn": 10, "tn": 20}})
    assert "assumed" not in named.explanation


# --- scale ---------------------------------------------------------------------------------


@pytest.mark.parametrize("effect,observed,status,shown", [
    # minutes without a unit are no percentages
    ({"id": "E1", "kind": "benefit", "metric": "reading time", "direction": "decrease", "target": 30}, 28, "met",
     "28 ≤ target 30 "),
    ({"id": "E1", "kind": "benefit", "metric": "change in report turnaround", "direction": "decrease", "target": -5},
     -7.5, "met", "-7.5 ≤ target -5 "),
    # a proportion without a unit, written as a percentage, still reads as one
    ({"id": "E1", "kind": "benefit", "metric": "sensitivity", "direction": "increase", "target": 90}, 93, "met",
     "93% ≥ target 90% "),
])
def test_numbers_without_a_unit_are_percentages_only_for_proportions(effect, observed, status, shown):
    v = evaluate(effect, {"effect": "E1", "observed": observed})
    assert v.status == status
    assert v.explanation.startswith(shown)


# --- counts as a spreadsheet or YAML writes them ------------------------------------------------


def test_whole_number_floats_are_counts():
    # a spreadsheet export writes 12.0; that is twelve cases, not an error
    value, ci, n = from_counts({"tp": 12.0, "fp": 0, "fn": 3.0, "tn": 0}, "sensitivity")
    assert (value, n) == (0.8, 15) and ci == wilson(12, 15)
    v = evaluate(benefit("increase", 0.6, metric="sensitivity"), {"effect": "E1", "counts": {"tp": 12.0, "fp": 0, "fn": 3, "tn": 0}})
    assert v.status == "inconclusive" and v.n == 15 and "12/15" in v.explanation
    for bad in (12.5, -1.0, True, "12", float("nan")):
        with pytest.raises(ValueError):
            from_counts({"tp": bad, "fp": 0, "fn": 3, "tn": 0}, "sensitivity")


def test_counts_too_large_for_a_float_are_a_readable_error():
    with pytest.raises(ValueError, match="too large"):
        from_counts({"tp": 10 ** 400, "fp": 0, "fn": 10 ** 400, "tn": 0}, "sensitivity")


# Reference values from statsmodels 0.15 proportion_confint(s, n, alpha=0.05, method="wilson")
# (the Wilson score interval without continuity correction), written out so no test needs it.
@pytest.mark.parametrize("s,n,lo,hi", [
    (0, 1, 0.0, 0.7934506856227627),
    (1, 1, 0.2065493143772374, 1.0),
    (3, 7, 0.15821985525146964, 0.7495416354723428),
    (81, 100, 0.7222115462093562, 0.8748524849023126),
    (999999, 1000000, 0.9999943350881957, 0.9999998234754233),
    (500000000, 1000000000, 0.4999690102484443, 0.5000309897515557),
    (1, 1000000, 1.7652457674537176e-07, 5.664911804311445e-06),
])
def test_wilson_matches_reference_values(s, n, lo, hi):
    assert wilson(s, n) == pytest.approx((lo, hi), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("effect,result", [
    # unit % but a target written as a fraction: 81% was compared with 0.8 and 'met'
    (benefit("increase", 0.80, unit="%", metric="sensitivity"), {"effect": "E1", "counts": {"tp": 81, "fp": 0, "fn": 19, "tn": 0}}),
    # no unit, a typed percentage next to the counts, a target as a fraction
    (benefit("increase", 0.95, metric="sensitivity"), {"effect": "E1", "observed": 81, "counts": {"tp": 81, "fp": 0, "fn": 19, "tn": 0}}),
    # a guardrail: specificity must stay at least 0.9; 50% is no 'within-limit'
    (guardrail("increase", 0.9, unit="%", metric="specificity"), {"effect": "G1", "counts": {"tp": 0, "fp": 50, "fn": 0, "tn": 50}}),
])
def test_counts_on_the_percent_scale_against_a_fraction_target_are_inconclusive(effect, result):
    v = evaluate(effect, result)
    assert v.status == "inconclusive" and v.reason == "scale"
    assert "fraction" in v.explanation and "percent" in v.explanation


def test_a_target_of_zero_or_a_percentage_target_is_no_scale_problem():
    v = evaluate(guardrail("decrease", 0, unit="%", metric="specificity"), {"effect": "G1", "counts": {"tp": 0, "fp": 0, "fn": 0, "tn": 5}})
    assert v.status == "breached" and v.reason == ""
    v = evaluate(benefit("increase", 80, unit="%", metric="sensitivity"), {"effect": "E1", "counts": {"tp": 95, "fp": 0, "fn": 5, "tn": 0}})
    assert v.status == "met"


def test_a_typed_percentage_against_a_fraction_target_is_inconclusive():
    # sensitivity 91 (a percentage) against a target of 0.9 (a fraction) was 'met': 91 >= 0.9;
    # a proportion above 1 cannot be on the scale of a fraction
    v = evaluate(benefit("increase", 0.90, metric="sensitivity"), {"effect": "E1", "observed": 85, "interval": [80, 90]})
    assert v.status == "inconclusive" and v.reason == "scale"
    assert "fraction" in v.explanation and "percent" in v.explanation
    # a metric that is no proportion (minutes) is compared as typed
    v = evaluate(benefit("decrease", 0.5, metric="change in reading time"), {"effect": "E1", "observed": 3})
    assert v.status == "not-met"


def test_a_typed_fraction_against_a_percentage_target_is_inconclusive():
    # the other way round: sensitivity 0.91 (a fraction) against a target of 90 with unit % was
    # 'not-met' without a word (0.91 < 90), a pilot that met its target reported as failed
    v = evaluate(benefit("increase", 90, metric="sensitivity", unit="%"), {"effect": "E1", "observed": 0.91})
    assert v.status == "inconclusive" and v.reason == "scale"
    assert "0.91" in v.explanation and "fraction" in v.explanation and "percent" in v.explanation
    # a guardrail that names no 2x2 statistic may be well below 1% (complications): as typed
    v = evaluate(guardrail("decrease", 2, metric="complication rate", unit="%"), {"effect": "G1", "observed": 0.4})
    assert v.status == "within-limit"
    # a percentage typed as such is read as typed
    v = evaluate(benefit("increase", 90, metric="sensitivity", unit="%"), {"effect": "E1", "observed": 91})
    assert v.status == "met"


@pytest.mark.parametrize("result, level, basis, words", [
    ({"observed": 0.95, "interval": [0.92, 0.97], "interval_level": 90}, 90.0, "stated", "(90% CI 0.92–0.97)"),
    ({"observed": 0.95, "interval": [0.92, 0.97]}, 95.0, "assumed", "(CI 0.92–0.97; level not stated, 95% assumed)"),
    # a level written as a fraction is the level it means, not "not stated" (the schema reports the slip)
    ({"observed": 0.95, "interval": [0.92, 0.97], "interval_level": 0.8}, 80.0, "stated", "(80% CI 0.92–0.97)"),
    ({"observed": 0.95, "interval": [0.92, 0.97], "interval_level": 0.4}, 95.0, "assumed", "level not stated"),
    ({"counts": {"tp": 95, "fp": 3, "fn": 5, "tn": 97}}, 95.0, "wilson", "(95% CI 0.888–0.978)"),
    ({"observed": 0.95, "n": 100}, None, "", "(point estimate; no interval given)"),
])
def test_a_verdict_says_the_level_of_its_interval_and_whether_it_is_stated(result, level, basis, words):
    """Every interval was presented as a 95% one, also a 90% interval typed in pilot.yaml. A typed
    interval now carries its stated level (interval_level), or 95% said to be an assumption; the
    intervals raio computes from counts are Wilson 95%."""
    v = evaluate(benefit(target=0.90), {"effect": "E1", **result})
    assert (v.interval_level, v.interval_basis) == (level, basis)
    assert words in v.explanation, v.explanation
    assert v.to_dict()["interval_level"] == level and v.to_dict()["interval_basis"] == basis


def test_counts_are_judged_at_the_level_asked_and_at_95_as_before_otherwise():
    """A policy asking 99% (raio.yaml min_interval_level) judges a 2x2 table on its Wilson 99%
    interval: 174/200 against a target of 0.80 is met at 95% (0.816–0.910) but inconclusive at
    99% (0.797–0.920). At 95, or a level that is none, the verdict is the one raio always gave."""
    from raio_cli.verdicts import counts_level

    effect = benefit(target=0.80, statistic="sensitivity")
    result = {"effect": "E1", "counts": {"tp": 174, "fp": 20, "fn": 26, "tn": 180}}
    at99 = evaluate(effect, result, 99)
    assert (at99.status, at99.interval_level, at99.interval_basis) == ("inconclusive", 99.0, "wilson")
    assert at99.interval == pytest.approx(wilson_by_formula(174, 200, 2.5758293035489004))
    for level in (95, 100, "99"):
        assert evaluate(effect, result, level) == evaluate(effect, result)
    assert evaluate(effect, result).status == "met"
    assert [counts_level(p) for p in (None, {}, {"min_interval_level": 80}, {"min_interval_level": 99},
                                      {"min_interval_level": 100})] == [95, 95, 95, 99, 95]
