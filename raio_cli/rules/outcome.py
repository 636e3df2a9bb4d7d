"""Outcome completeness: every pre-registered effect is reported, consistently, with a computed verdict.

These rules run once a pilot has an outcome to report: at stage evaluation, production, stopped
and retired, and whenever pilot.yaml has an ``outcome``. The verdicts themselves come from
:mod:`raio_cli.verdicts`, the module memos use too; OUT010 carries each verdict in its ``data``
so that ``raio check --format json`` shows what a memo will show.
"""

from __future__ import annotations

from raio_cli import verdicts as vd
from raio_cli.findings import Severity
from raio_cli.rules import app_verdicts, how_to_give, rule
from raio_cli.rules.dates import fill_the_outcome

#: Stages at which the pilot's outcome must be reported.
OUTCOME_STAGES = ("evaluation", "production", "stopped", "retired")
#: How far (on the 0-1 scale) a typed interval may differ from the Wilson interval of its counts
#: before raio says they disagree; other interval methods (Clopper-Pearson) differ by less.
INTERVAL_TOLERANCE = 0.05


def _due(app) -> bool:
    return app.stage in OUTCOME_STAGES or isinstance(app.get("pilot", "outcome"), dict)


def _unread(app, name: str) -> bool:
    """The dossier file is there but could not be read (a YAML syntax error, not UTF-8 ...): its
    own finding says so, and what it holds is unknown, not absent."""
    doc = app.docs.get(name)
    return doc is not None and not doc.ok


def _effects(app) -> list[tuple[int, dict]]:
    effects = app.get("effects", "effects", default=[])
    if not isinstance(effects, list):
        return []
    return [(i, e) for i, e in enumerate(effects) if isinstance(e, dict) and isinstance(e.get("id"), str) and e["id"]]


def _results(app) -> list[tuple[int, dict]]:
    results = app.get("pilot", "outcome", "results", default=[])
    if not isinstance(results, list):
        return []
    return [(i, r) for i, r in enumerate(results) if isinstance(r, dict)]


def _first_results(app) -> dict[str, int]:
    first: dict[str, int] = {}
    for i, r in _results(app):
        eid = r.get("effect")
        if isinstance(eid, str) and eid not in first:
            first[eid] = i
    return first


def _res_path(i: int, key: str | None = "effect") -> tuple:
    return ("outcome", "results", i) + ((key,) if key else ())


def _effect_meant(eid: str, known: list[str], reported) -> str | None:
    """The effect a result's unknown id was meant to be: one that differs only in case (e1 is E1),
    else the nearest still unreported, else the nearest of all."""
    import difflib

    same = [k for k in known if k.casefold() == eid.strip().casefold()]
    if same:
        return same[0]
    for pool in ([k for k in known if k not in reported], known):
        close = difflib.get_close_matches(eid, pool, n=1, cutoff=0.5)
        if close:
            return close[0]
    return None


def _meant_by_unknown(app) -> set[str]:
    """The unreported effects that a result with an unknown id stands for (OUT003 names them)."""
    known = [e["id"] for _, e in _effects(app)]
    reported = _first_results(app)
    meant = (_effect_meant(r["effect"], known, reported) for _, r in _results(app)
             if isinstance(r.get("effect"), str) and r["effect"] not in known)
    return {m for m in meant if m and m not in reported}


@rule("OUT001", "effect-not-reported")
def every_effect_reported(app, ctx):
    """A pre-registered effect has no result in the pilot's outcome.

    What: At stage evaluation or later (or once pilot.yaml has an `outcome`), an effect of
    effects.yaml that is not `post_hoc` has no entry in `outcome.results`. When the outcome reports
    no result at all, one finding lists the effects. An effect that a result under a misspelt id
    stands for (`effect: e1` for E1) is left to OUT003, which names it. A pilot.yaml that could not
    be read (a YAML syntax error: YML001) is that finding alone.
    Why: Leaving out the effects that went badly is the commonest form of outcome switching: the
    COMPare project found most trials in top journals misreported their pre-specified outcomes.
    Every pre-registered effect is reported, or the dossier says why it could not be measured.
    Fix: Add `- effect: E2` with `observed` and `n` (or `counts`), or with `missing_reason:
    <why it could not be measured>`.
    Example: `results: [{effect: E1, observed: 93.4, n: 441}]` while effects.yaml also has E2 and G1.
    """
    if not _due(app) or _unread(app, "pilot"):
        return  # an unreadable pilot.yaml is its own finding (YML001 ...), not an outcome without results
    effects = [(i, e) for i, e in _effects(app) if e.get("post_hoc") is not True]
    if not effects:
        return
    reported = _first_results(app)
    if not reported:
        ids = ", ".join(e["id"] for _, e in effects)
        path = ("outcome", "results") if isinstance(app.get("pilot", "outcome"), dict) else ("outcome",)
        yield app.finding("OUT001", "pilot", path,
                          f"the outcome reports none of the {len(effects)} pre-registered effects ({ids})",
                          f"Fill in outcome.results in pilot.yaml: {fill_the_outcome(app)}.", key=True,
                          data={"variant": "none", "n": len(effects), "effects": [e["id"] for _, e in effects]})
        return
    meant = _meant_by_unknown(app)  # `effect: e1` for E1: OUT003 names E1, once
    for i, e in effects:
        if e["id"] not in reported and e["id"] not in meant:
            yield app.finding("OUT001", "effects", ("effects", i, "id"),
                              f"pre-registered effect {e['id']} has no result in pilot.yaml outcome.results",
                              f"Add '- effect: {e['id']}' to outcome.results with observed and n (or counts), "
                              "or with missing_reason saying why it was not measured.", data={"effect": e["id"]})


@rule("OUT002", "result-without-value")
def result_has_value(app, ctx):
    """A result gives no observed value, no counts and no reason why.

    What: An entry in `outcome.results` with an `effect` but without `observed`, `counts` or
    `missing_reason`.
    Why: An empty result looks reported while nothing was measured; the verdict would be
    "missing" without anyone having said why.
    Fix: Fill in `observed` and `n` (or the 2x2 `counts`), or write `missing_reason`.
    """
    if not _due(app):
        return
    for i, r in _results(app):
        reason = r.get("missing_reason")
        if r.get("observed") is None and r.get("counts") is None and not (isinstance(reason, str) and reason.strip()):
            name = r.get("effect") if isinstance(r.get("effect"), str) else "this effect"
            yield app.finding("OUT002", "pilot", _res_path(i),
                              f"the result for {name} gives no observed value, no counts and no missing_reason",
                              _value_hint(app, i, r),
                              data={"effect": r["effect"]} if isinstance(r.get("effect"), str) else {"variant": "unnamed"})


def _value_hint(app, i: int, r: dict) -> str:
    """How to complete result ``i``: fill in the empty `missing_reason:` or `observed:` it has
    ("Add ... missing_reason" beside an empty one made a duplicate key), else add the lines."""
    doc = app.docs.get("pilot")
    if "missing_reason" in r and "observed" not in r:
        said = how_to_give(doc, _res_path(i, "missing_reason"), "REASON", "why it was not measured")
        return f"{said[0].upper()}{said[1:]}; or, if it was measured, replace that line with observed: and n:."
    if "observed" in r:
        said = how_to_give(doc, _res_path(i, "observed"), "NUMBER", "the value measured")
        return f"{said[0].upper()}{said[1:]}, with n: (or counts {{tp, fp, fn, tn}} instead); or give missing_reason: instead."
    return "Add observed and n (or counts {tp, fp, fn, tn}), or missing_reason."


@rule("OUT003", "result-for-unknown-effect")
def result_effect_known(app, ctx):
    """A result names an effect that effects.yaml does not have.

    What: `outcome.results[].effect` is not the id of any effect in effects.yaml. Not while
    effects.yaml cannot be read (a YAML syntax error: YML001): its effects are unknown, not none.
    Why: Either the id is misspelt (and the real effect looks unreported), or an outcome is
    reported that was never pre-registered: that one must be declared in effects.yaml with
    `post_hoc: true` so memos show it as exploratory.
    Fix: Correct the id, or add the effect to effects.yaml with `post_hoc: true`.
    """
    if not _due(app) or not app.has("effects") or _unread(app, "effects"):
        return  # an effects.yaml that could not be read has effects raio does not know, not none
    known = [e["id"] for _, e in _effects(app)]
    reported = _first_results(app)
    for i, r in _results(app):
        eid = r.get("effect")
        if isinstance(eid, str) and eid not in known:
            close = _effect_meant(eid, known, reported)
            hint = (f"Did you mean {close}? " if close else "") + \
                "Use an id from effects.yaml, or add the effect there with post_hoc: true."
            yield app.finding("OUT003", "pilot", _res_path(i),
                              f"result for unknown effect '{eid}' (effects.yaml has {', '.join(known) or 'none'})", hint,
                              data={"effect": eid, "known": list(known)} if known else {"variant": "none", "effect": eid})


@rule("OUT004", "duplicate-result")
def one_result_per_effect(app, ctx):
    """Two results are reported for one effect.

    What: The same effect id twice in `outcome.results`.
    Why: Two numbers for one pre-registered effect invite choosing the better one; raio uses the
    first for the verdict, which may not be the one meant.
    Fix: Keep one result per effect; put subgroup or sensitivity analyses in `notes` or in a
    separate post-hoc effect.
    """
    if not _due(app):
        return
    first = _first_results(app)
    for i, r in _results(app):
        eid = r.get("effect")
        if isinstance(eid, str) and first.get(eid) != i:
            line = app.where("pilot", _res_path(first[eid]))[0]
            yield app.finding("OUT004", "pilot", _res_path(i),
                              f"a second result for effect {eid} (first at line {line}); the verdict uses the first",
                              "Keep one result per effect.", data={"effect": eid, "first": str(line)})


def _effect_by_id(app) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for _, e in _effects(app):
        out.setdefault(e["id"], e)
    return out


def _computed(effect: dict, result: dict, level: float = 95.0):
    """(statistic, value, (lo, hi), scale) from the result's counts, with the Wilson interval at
    ``level`` percent, or None when not computable."""
    counts = result.get("counts")
    if counts is None:
        return None
    stat = vd.guess_statistic(effect)
    try:
        value, (lo, hi), _n = vd.from_counts(counts, stat, vd.z_for(level))
    except ValueError:
        return None
    unit = effect.get("unit") if isinstance(effect.get("unit"), str) else ""
    scale = 100.0 if vd.percent_scale(unit, effect.get("target", effect.get("limit")), result.get("observed")) else 1.0
    return stat, value, (lo, hi), scale


@rule("OUT005", "interval-disagrees-with-counts", severity=Severity.WARNING)
def interval_matches_counts(app, ctx):
    """A result's interval does not fit its 2x2 counts.

    What: A result with both `interval` and `counts` whose interval does not contain the statistic
    computed from the counts, or whose bounds differ from the Wilson interval of the counts by
    more than 0.05 (5 percentage points). The Wilson interval has the level the result states in
    `interval_level` (95% when it states none).
    Why: One of the two is wrong (a typo, or counts of another analysis). raio computes the
    verdict from the counts, so the interval a reader sees would not be the one that counts.
    Fix: Correct the counts or the interval, or leave the interval out: raio computes it.
    """
    if not _due(app):
        return
    effects = _effect_by_id(app)
    for i, r in _results(app):
        e = effects.get(r.get("effect")) if isinstance(r.get("effect"), str) else None
        given = r.get("interval")
        if e is None or not _pair(given):
            continue
        level, _basis = vd.stated_level(r)
        comp = _computed(e, r, level)
        if comp is None:
            continue
        stat, value, (lo, hi), scale = comp
        glo, ghi = given[0] / scale, given[1] / scale
        if not (min(glo, ghi) <= value <= max(glo, ghi)) or abs(glo - lo) > INTERVAL_TOLERANCE \
                or abs(ghi - hi) > INTERVAL_TOLERANCE:
            yield app.finding("OUT005", "pilot", _res_path(i, "interval"),
                              f"the interval [{vd.fmt_number(given[0])}, {vd.fmt_number(given[1])}] of {r['effect']} does not fit "
                              f"its counts: {stat} {vd.fmt_number(value * scale)}, Wilson {vd.fmt_number(level)}% CI "
                              f"{vd.fmt_number(lo * scale)}–{vd.fmt_number(hi * scale)}",
                              "Correct the counts or the interval, or remove the interval (raio computes it from the counts).",
                              key=True)


@rule("OUT006", "interval-reversed")
def interval_ordered(app, ctx):
    """A result's interval has its lower bound above its upper bound.

    What: `interval: [lo, hi]` with lo > hi.
    Why: Usually the bounds are swapped, but it may also be a typo in one bound; raio cannot tell
    which, so the verdict is inconclusive.
    Fix: Write the interval as [lower, upper] and check both numbers against the analysis.
    """
    if not _due(app):
        return
    for i, r in _results(app):
        given = r.get("interval")
        if _pair(given) and given[0] > given[1]:
            yield app.finding("OUT006", "pilot", _res_path(i, "interval"),
                              f"the interval [{vd.fmt_number(given[0])}, {vd.fmt_number(given[1])}] of "
                              f"{r.get('effect', 'this result')} has its lower bound above its upper bound",
                              "Write [lower, upper].", key=True,
                              data={"lower": given[0], "upper": given[1],
                                    **({"effect": r["effect"]} if "effect" in r else {"variant": "unnamed"})})


@rule("OUT007", "observed-outside-interval")
def observed_inside_interval(app, ctx):
    """A result's observed value lies outside its own interval.

    What: `observed` below the interval's lower or above its upper bound, in a result without
    `counts` (with counts, OUT005 and OUT008 compare the interval and the observed value with them).
    Why: A point estimate lies within its confidence interval; one of the numbers is wrong
    (often a percentage next to a fraction: 93.4 with [0.91, 0.95]). The verdict is inconclusive.
    Fix: Correct the observed value or the interval; write both on the same scale as the target.
    """
    if not _due(app):
        return
    for i, r in _results(app):
        given, obs = r.get("interval"), r.get("observed")
        if not _pair(given) or not vd.is_number(obs) or given[0] > given[1] or r.get("counts") is not None:
            continue
        if not given[0] <= obs <= given[1]:
            yield app.finding("OUT007", "pilot", _res_path(i, "observed"),
                              f"the observed value {vd.fmt_number(obs)} of {r.get('effect', 'this result')} lies outside "
                              f"its interval [{vd.fmt_number(given[0])}, {vd.fmt_number(given[1])}]",
                              "Correct one of them; write both on the scale of the target (e.g. 93.4 and [91.0, 95.3]).",
                              data={"observed": obs, "lower": given[0], "upper": given[1],
                                    **({"effect": r["effect"]} if "effect" in r else {"variant": "unnamed"})})


@rule("OUT008", "observed-disagrees-with-counts", severity=Severity.WARNING)
def observed_matches_counts(app, ctx):
    """A result's observed value differs from what its 2x2 counts give.

    What: A result with `counts` and `observed` where the statistic computed from the counts
    (e.g. sensitivity = tp/(tp+fn)) differs from `observed` by more than 0.005 (half a percentage
    point).
    Why: raio computes the verdict from the counts; a typed value that differs is either a typo
    or the statistic of another table, and a reader of the dossier would see the wrong number.
    Fix: Correct `observed` or the counts; or set the effect's `statistic` (sensitivity,
    specificity, ppv, npv) if raio guessed the wrong one from the metric.
    """
    if not _due(app):
        return
    effects = _effect_by_id(app)
    for i, r in _results(app):
        e = effects.get(r.get("effect")) if isinstance(r.get("effect"), str) else None
        obs = r.get("observed")
        if e is None or not vd.is_number(obs):
            continue
        comp = _computed(e, r)
        if comp is None:
            continue
        stat, value, _ci, scale = comp
        if abs(obs / scale - value) > vd.COUNT_TOLERANCE:
            yield app.finding("OUT008", "pilot", _res_path(i, "observed"),
                              f"observed {vd.fmt_number(obs)} for {r['effect']} differs from its counts: "
                              f"{stat} = {vd.fmt_number(value * scale)}; raio uses the counts",
                              "Correct observed or the counts, or set the effect's statistic in effects.yaml.")


@rule("OUT009", "counts-give-no-statistic", severity=Severity.WARNING)
def counts_computable(app, ctx):
    """A result's 2x2 counts cannot give the effect's statistic.

    What: `counts` whose denominator for the statistic is zero (e.g. tp + fn = 0 for
    sensitivity: no positive cases at all), or that lack a cell the statistic needs, or whose
    cells are not whole numbers.
    Why: Without cases the statistic is undefined and the verdict is inconclusive: the pilot did
    not measure what it set out to measure.
    Fix: Check the counts; if the pilot truly saw no such cases, say so in `missing_reason` and
    plan how the effect will still be measured.
    """
    if not _due(app):
        return
    effects = _effect_by_id(app)
    for i, r in _results(app):
        e = effects.get(r.get("effect")) if isinstance(r.get("effect"), str) else None
        if e is None or r.get("counts") is None:
            continue
        stat = vd.guess_statistic(e)
        try:
            vd.from_counts(r["counts"], stat)
        except ValueError as exc:
            yield app.finding("OUT009", "pilot", _res_path(i, "counts"), f"{r['effect']}: {exc}",
                              "Check the counts, or give missing_reason.", key=True)


@rule("OUT011", "statistic-assumed", severity=Severity.WARNING)
def counts_statistic_named(app, ctx):
    """An effect reported with 2x2 counts does not say which statistic it measures.

    What: A result gives `counts` but its effect has no `statistic` (sensitivity, specificity,
    ppv, npv, accuracy) and its `metric` (or, without a metric, its `description`) names none of
    them, so raio assumes sensitivity, tp/(tp+fn). Phrases such as "recall rate" and "detection rate" (screening: women
    called back, cancers per 1000 screened) or "false positives per scan" name no such statistic.
    Why: One table gives different numbers (tp 81, fp 10, fn 19, tn 90: sensitivity 0.81, ppv
    0.89, specificity 0.90); a wrong assumption silently gives a verdict on another measure than
    the one pre-registered.
    Fix: Set the effect's `statistic` in effects.yaml; if the measure is no proportion of the 2x2
    table (a rate per scan, a time), report `observed` and `interval` instead of `counts`.
    """
    if not _due(app):
        return
    reported = {r["effect"] for _, r in _results(app) if isinstance(r.get("effect"), str) and r.get("counts") is not None}
    for i, e in _effects(app):
        if e["id"] in reported and vd.named_statistic(e) is None:
            metric = e.get("metric")
            yield app.finding("OUT011", "effects", ("effects", i, "metric" if metric is not None else "id"),
                              f"{e['id']} is reported with 2x2 counts but names no statistic"
                              + (f" (metric {vd._show(metric)})" if metric is not None else "")
                              + "; raio assumes sensitivity, tp/(tp+fn)",
                              "Set statistic: sensitivity, specificity, ppv, npv or accuracy; or report observed "
                              "instead of counts if the measure is no proportion of the 2x2 table.")


@rule("OUT010", "verdict", severity=Severity.INFO)
def verdict_per_effect(app, ctx):
    """The computed verdict of an effect (information).

    What: One finding per effect once the outcome is due: met, not-met, breached,
    within-limit, inconclusive, missing or no-target, with the numbers it rests on. The JSON
    output carries the whole verdict in `data`.
    Why: The verdict is computed from the pre-registered target or limit and the observed
    result, never typed, so CI, memos and reports agree on what the pilot showed.
    Fix: Nothing to fix; this is information. To change a verdict, change the evidence (with a
    declared amendment where the definition changes), not the words.
    """
    if not _due(app) or not app.has("effects"):
        return
    first = _first_results(app)
    positions = {e["id"]: i for i, e in reversed(_effects(app))}
    for v in app_verdicts(app, ctx):
        effect = next((e for _, e in _effects(app) if e["id"] == v.effect), {})
        label = v.statistic or (effect.get("statistic") if isinstance(effect.get("statistic"), str) else None) or v.kind
        tags = [t for t, on in (("primary", v.primary), ("post hoc, exploratory", v.post_hoc)) if on]
        tag = f" ({', '.join(tags)})" if tags else ""
        message = f"{v.effect} {label}{tag}: {v.status} — {v.explanation}"
        if v.effect in first:
            yield app.finding("OUT010", "pilot", _res_path(first[v.effect]), message, data=v.to_dict())
        else:
            yield app.finding("OUT010", "effects", ("effects", positions.get(v.effect, 0), "id"), message,
                              data=v.to_dict())


@rule("OUT012", "fewer-cases-than-planned", severity=Severity.WARNING)
def cases_against_plan(app, ctx):
    """A primary effect rests on clearly fewer cases than the pilot planned.

    What: A primary effect (the pre-registered benefits, when no effect is primary, read as the
    memo and the decision rules read them) whose result counts fewer than 80% of
    `plan.sample_size` (raio.yaml `policy.min_planned_share`, a fraction above 0 and at most 1,
    sets another share: 0.6, or 1 for every planned case). raio compares
    like with like: `sample_size` counts the studies or patients of the pilot, so it is compared with the cases of the result's
    2x2 table, tp + fp + fn + tn (every case evaluated, not the statistic's denominator:
    sensitivity rests on tp + fn, the positives only), or with the `n` of an accuracy, which counts
    every case too. A result with only `observed` and `n` for another measure is not compared (its
    `n` may count the positives, the patients of a subgroup, lesions or weeks), nor is a result
    whose cases are unknown, a missing result or a pilot without `sample_size`. For the same reason
    raio computes no interval from `observed` and `n`, as it does from a 2x2 table: dossiers write
    the studies of the pilot as the `n` of a sensitivity (2200, where the positives it rests on
    are 441) as often as its positives, and an interval on the wrong `n` would look far surer
    than the data are. Give the 2x2 `counts`, or the analysis's `interval` with its level.
    Why: The sample size is planned so that the pilot can show its effects. With far fewer cases
    the interval is wider than planned: a "met" may hold by chance and a "not met" or
    "inconclusive" says little. A board that reads "met" must know that it rests on 120 of the 400
    cases planned.
    Fix: Check the counts against the pilot's data. If the pilot truly evaluated fewer cases,
    extend it (`extensions`) until it reaches the planned size, or say in the result's `notes` why
    fewer cases were evaluated and what that means for the decision; the memo shows the shortfall.
    If the table counts another unit than `sample_size` (lesions where the plan counts patients),
    say so on the line: `# raio: ignore[OUT012] the table counts nodules, the plan CT scans`.
    Example: `plan: {sample_size: 400}` with `counts: {tp: 45, fp: 3, fn: 5, tn: 67}`: 120 cases,
    30% of the plan.
    """
    if not _due(app):
        return
    planned = app.get("pilot", "plan", "sample_size")
    share = planned_share(ctx.policy)
    first = _first_results(app)
    results = app.get("pilot", "outcome", "results", default=[])
    effects = _effect_by_id(app)
    # the effects the decision rests on, as the memo and the decision rules read them
    decisive = dict.fromkeys(v.effect for v in vd.decisive(app_verdicts(app, ctx)))
    for e in (effects[eid] for eid in decisive if eid in effects):
        if e["id"] not in first:
            continue
        i = first[e["id"]]
        short = vd.short_of_plan(e, results[i], planned, share)
        if short is None:
            continue
        cases, plan, basis = short
        what = "cases in its 2x2 table (tp + fp + fn + tn)" if basis == "counts" else "cases (n)"
        yield app.finding("OUT012", "pilot", _res_path(i, basis),
                          f"{e['id']} (primary) rests on {cases} {what}, {round(100 * cases / plan)}% of the {plan} "
                          f"planned (plan.sample_size; the policy asks {vd.fmt_number(100 * share)}%); the verdict "
                          f"may lack the power the pilot was planned for",
                          "Check the counts; extend the pilot to its planned size, or say in the result's notes why "
                          "fewer cases were evaluated.", key=True,
                          data={"effect": e["id"], "cases": cases, "planned": plan, "basis": basis})


@rule("OUT013", "interval-level-below-policy", severity=Severity.WARNING)
def interval_level_as_asked(app, ctx):
    """A primary effect is judged on an interval of a lower level than 95%.

    What: A primary effect (the pre-registered benefits, when no effect is primary) whose verdict
    is met, not-met or within-limit and rests on a typed `interval` whose `interval_level` is below
    95% (raio.yaml `policy.min_interval_level`, from 50 to 99.9, sets another minimum: 90 for a
    hospital that accepts 90% intervals in pilots, 99 for one that wants 99%). A verdict the level
    cannot change is not reported: an inconclusive one (a wider interval contains the target too)
    or a breached guardrail (judged on the point estimate); nor is an interval raio computes from
    counts (Wilson, at 95% or at the policy's level when that is higher). An interval whose level
    pilot.yaml does not state is taken as 95%, as memos say: below a policy above 95.
    Why: raio judges every interval by one rule: the whole interval must clear the target. A
    narrower interval clears it more easily: a "met" on a two-sided 80% interval is a one-sided
    test at 10%, on a 95% interval at 2.5%, so with no real gain beyond the target one pilot in
    ten is "met" instead of one in forty. A board reads "met" as the usual 95% evidence.
    Fix: Report the 95% interval of the analysis with `interval_level: 95` (or the level the
    policy asks), or the 2x2 `counts` (raio computes a Wilson interval at 95%, or at the policy's
    level). If the hospital accepts a lower level for its pilots, set `min_interval_level` in
    raio.yaml policy; the memo and the report say when a verdict rests on a level below it.
    Example: `observed: 0.85, interval: [0.82, 0.88], interval_level: 80` against target 0.80.
    """
    if not _due(app) or not app.has("effects"):
        return
    minimum = interval_minimum(ctx.policy)
    first = _first_results(app)
    verdicts = app_verdicts(app, ctx)
    decisive = {v.effect for v in vd.decisive(verdicts)}
    for v in verdicts:
        if v.effect not in decisive or v.effect not in first or v.interval_basis not in ("stated", "assumed") \
                or v.status not in ("met", "not-met", "within-limit") or v.interval_level is None \
                or v.interval_level >= minimum:
            continue
        level, least = vd.fmt_number(v.interval_level), vd.fmt_number(minimum)
        yield app.finding("OUT013", "pilot", _res_path(first[v.effect], "interval_level"),
                          f"{v.effect} (primary) is {v.status} on an interval at {level}%, below the {least}% the "
                          f"policy asks (min_interval_level): an interval at {least}% is wider and may not give "
                          f"the same verdict",
                          f"Report the {least}% interval (interval_level: {least}) or the 2x2 counts; or set "
                          "min_interval_level in raio.yaml policy if the hospital accepts this level.",
                          data={"effect": v.effect, "status": v.status, "level": v.interval_level,
                                "minimum": minimum})


#: raio.yaml ``policy.min_interval_level`` (OUT013): :func:`raio_cli.verdicts.interval_minimum`.
interval_minimum = vd.interval_minimum


def planned_share(policy) -> float:
    """raio.yaml ``policy.min_planned_share`` (OUT012), a fraction above 0 and at most 1; the
    default when it gives something else (the schema reports it at its line in raio.yaml)."""
    value = policy.get("min_planned_share") if isinstance(policy, dict) else None
    return float(value) if vd.is_number(value) and 0 < value <= 1 else vd.PLANNED_SHARE


def _pair(value) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(vd.is_number(b) for b in value)
