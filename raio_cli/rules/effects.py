"""Effect definitions (EFF): what effects.yaml registers in advance must be able to show an effect.

The schema checks that an effect has a baseline, a direction and a target (benefit) or limit
(guardrail), each a number where one belongs; these rules check that they fit together. A
benefit's target that does not lie beyond its baseline in the direction that is better is met
without any change, and a decision rule on it says nothing; a slip of scale (a target of 0.92
against a baseline of 84 %) does the same. The verdicts (:mod:`raio_cli.verdicts`) read the
values as written, so this is said when the effects are registered, not once the pilot has run.
"""

from __future__ import annotations

from raio_cli import verdicts as vd
from raio_cli.findings import Severity
from raio_cli.rules import rule


def _defined(app, kind: str, key: str):
    """``(index, effect, id, baseline, threshold, up)`` for each effect of ``kind`` whose baseline
    value, threshold (``key``: target or limit) and direction are all given as they must be
    (numbers, increase or decrease); the schema and the gates say what is missing or malformed."""
    effects = app.get("effects", "effects", default=[])
    for i, effect in enumerate(effects if isinstance(effects, list) else ()):  # not a list: SCH003's
        if not isinstance(effect, dict) or effect.get("kind") != kind:
            continue
        baseline = effect.get("baseline")
        value = baseline.get("value") if isinstance(baseline, dict) else None
        threshold, direction = effect.get(key), effect.get("direction")
        if vd.is_number(value) and vd.is_number(threshold) and direction in ("increase", "decrease"):
            eid = effect.get("id") if isinstance(effect.get("id"), str) else f"effect {i + 1}"
            yield i, effect, eid, float(value), float(threshold), direction == "increase"


def _scale_slip(effect: dict, baseline: float, threshold: float, key: str) -> str:
    """The hint for a threshold written as a fraction against a baseline in percent (0.92 against
    84 with unit %), or "" when the two are on one scale."""
    unit = effect.get("unit") if isinstance(effect.get("unit"), str) else ""
    if vd.percent_scale(unit, baseline, None) and 0 < abs(threshold) <= 1 < abs(baseline) <= 100:
        return (f"The baseline {vd.fmt_number(baseline)} is a percentage and the {key} {vd.fmt_number(threshold)} a "
                f"fraction: write {key}: {vd.fmt_number(threshold * 100)}. ")
    return ""


def _after_start(app, ctx) -> str:
    """What a hint adds once the pilot has started: the correction is a change to declare."""
    from raio_cli.rules.dates import as_date

    start = as_date(app.get("pilot", "plan", "start"))
    if start is None or start > ctx.today:
        return ""
    return ("The pilot has started: a corrected definition is a change, declare it in effects.yaml amendments "
            "(date, effect, change, reason, by).")


@rule("EFF001", "target-not-beyond-baseline")
def target_beyond_baseline(app, ctx):
    """A benefit's target does not lie beyond its baseline in the direction that is better.

    What: An effect of kind benefit whose `target` is not above its `baseline.value` when its
    `direction` is increase, or not below it when decrease: reading time 290 s to decrease to 310,
    sensitivity at 84 % to increase to 0.92 (a fraction against a percentage).
    Why: The target is what the pilot must show. One the baseline already meets is met without any
    change, so the memo would report "met" for an application that did nothing, and the decision
    rule that rests on it decides nothing. Caught before the start it costs one edit; after the
    start, correcting it is a change to a pre-registered effect.
    Fix: Write the target the pilot must reach, beyond the baseline in the better direction (for
    a percentage, on the baseline's scale: 92, not 0.92), or correct the direction or the baseline.
    An effect that must only not get worse is a guardrail: kind: guardrail with a limit.
    Example: E1 target 0.92 is not above its baseline 84 (direction: increase)
    """
    for i, effect, eid, baseline, target, up in _defined(app, "benefit", "target"):
        if (target > baseline) if up else (target < baseline):
            continue
        side = "above" if up else "below"
        better = "higher" if up else "lower"
        hint = (_scale_slip(effect, baseline, target, "target")
                or f"Write the target the pilot must reach, {side} {vd.fmt_number(baseline)}, or correct the direction "
                   f"or the baseline; an effect that must only not get worse is a guardrail (kind: guardrail, limit). ")
        yield app.finding("EFF001", "effects", ("effects", i, "target"),
                          f"{eid} target {vd.fmt_number(target)} is not {side} its baseline {vd.fmt_number(baseline)} "
                          f"(direction: {effect['direction']}, {better} is better): it is met without any change",
                          (hint + _after_start(app, ctx)).strip(),
                          data={"effect": eid, "target": vd.fmt_number(target), "baseline": vd.fmt_number(baseline),
                                "direction": effect["direction"]})


@rule("EFF002", "limit-on-the-good-side", severity=Severity.WARNING)
def limit_not_beyond_baseline(app, ctx):
    """A guardrail's limit lies on the good side of its baseline: it is breached at the baseline.

    What: An effect of kind guardrail whose `limit`, the worst acceptable value, is better than its
    `baseline.value` in its `direction`: below the baseline when lower is better (direction:
    decrease), above it when higher is better (increase). At the baseline the guardrail is then
    breached; a limit equal to the baseline (no worsening allowed) is not reported.
    Why: A guardrail guards against harm: how much worse than today is acceptable. One set on the
    good side demands an improvement instead, which a benefit's target says; more often it is a
    slip (a fraction against a percentage, the direction reversed), and the memo would then report
    a breach for an application that changed nothing.
    Fix: Set the limit to the worst value that is acceptable, at or beyond the baseline on the
    bad side (for a percentage, on the baseline's scale), or correct the direction. If the
    application must improve the measure, make it a benefit with a target.
    Example: G1 limit 0.5 is below its baseline 0.8 (direction: decrease, lower is better)
    """
    for i, effect, eid, baseline, limit, up in _defined(app, "guardrail", "limit"):
        if (limit <= baseline) if up else (limit >= baseline):
            continue
        side, bad = ("above", "at or below") if up else ("below", "at or above")
        better = "higher" if up else "lower"
        hint = (_scale_slip(effect, baseline, limit, "limit")
                or f"Set the limit to the worst acceptable value, {bad} {vd.fmt_number(baseline)}, or correct the "
                   f"direction; if the application must improve the measure, make it a benefit with a target. ")
        yield app.finding("EFF002", "effects", ("effects", i, "limit"),
                          f"{eid} limit {vd.fmt_number(limit)} is {side} its baseline {vd.fmt_number(baseline)} "
                          f"(direction: {effect['direction']}, {better} is better): the guardrail is breached at the "
                          f"baseline",
                          (hint + _after_start(app, ctx)).strip(),
                          data={"effect": eid, "limit": vd.fmt_number(limit), "baseline": vd.fmt_number(baseline),
                                "direction": effect["direction"]})
