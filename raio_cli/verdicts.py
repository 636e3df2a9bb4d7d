"""The verdict per pre-registered effect: computed from the result, never typed.

Pure functions on plain data (the dicts of effects.yaml and pilot.yaml); no I/O, never raises on
odd data. ``raio check`` (rule OUT010) and the memos both use this module, so a memo and a CI run
always agree about what a pilot showed.

Statuses
--------
Benefits (they have a ``target``; ``direction`` says which way is better):

- ``met``: the result clears the target (``increase``: observed >= target; ``decrease``:
  observed <= target). With an interval, *the whole interval* must clear the target;
- ``not-met``: the result falls short (with an interval: the whole interval falls short);
- ``inconclusive``: the interval contains the target, so the data cannot tell; or the result
  cannot be read (a text where a number belongs, a reversed interval, a zero denominator, a
  percentage, computed from counts or typed for a proportion such as sensitivity, against a
  target written as a fraction: 81% against 0.8).

Guardrails (they have a ``limit``, the *worst acceptable* value; ``direction`` says which way is
*better*, as for benefits):

- ``breached``: the point estimate is past the limit on the bad side (``decrease``, lower is
  better: observed > limit; ``increase``, higher is better: observed < limit). A value equal to
  the limit is acceptable;
- ``within-limit``: on the good side; with an interval, the *whole interval* must be on the good
  side;
- ``inconclusive``: the point estimate is acceptable but the interval reaches past the limit.

Interval levels
---------------
A typed ``interval`` is read at the level its result states in ``interval_level`` (90 for a 90%
interval; 0.9, a slip the schema reports, is read as 90 too); without one raio assumes 95% and says
so (``interval_basis`` ``assumed``, the explanation "level not stated, 95% assumed"). The verdict's
rule does not change with the level (the whole interval must clear the target), so a 90% interval
is a laxer test than a 95% one: memos label every interval with its level and how it is known, and
rule OUT013 warns of a primary verdict on a level below raio.yaml ``policy.min_interval_level``.

Both kinds: ``missing`` when no result is reported or the result gives a ``missing_reason``;
``no-target`` when the effect has no target (benefit) or limit (guardrail).

2x2 counts
----------
A result with ``counts: {tp, fp, fn, tn}`` has its statistic computed with a Wilson 95% score
interval (without continuity correction, as statsmodels' ``proportion_confint(method="wilson")``;
:func:`from_counts`), or one at raio.yaml ``policy.min_interval_level`` when that asks more (99
for a hospital that wants 99% intervals; :func:`counts_level`): the effect's ``statistic`` if it
is one of sensitivity, specificity, ppv, npv or accuracy, else guessed from the ``metric`` text (English or Dutch; the earliest statistic
word wins, so "sensitivity at 90% specificity" is sensitivity; the ``description`` only without a
metric), else sensitivity, which the explanation then calls an assumption (rule OUT011 warns).
The computed value replaces a typed ``observed`` (the explanation says so when they differ by more
than 0.005). Proportions are shown on the effect's scale: as percentages when the unit is ``%``
(or, with no unit, when the statistic is a proportion of the 2x2 table and the target or observed
value is above 1), else as fractions; other numbers without a unit (minutes) are shown as they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

__all__ = [
    "STATUSES",
    "COUNT_STATISTICS",
    "Verdict",
    "wilson",
    "from_counts",
    "as_count",
    "guess_statistic",
    "named_statistic",
    "evaluate",
    "evaluate_app",
    "interval_minimum",
    "counts_level",
    "decisive",
    "fmt_number",
    "is_number",
    "percent_scale",
    "stated_level",
    "evaluated_cases",
    "short_of_plan",
]

STATUSES = ("met", "not-met", "breached", "within-limit", "inconclusive", "missing", "no-target")
#: 97.5th percentile of the standard normal distribution: a two-sided 95% interval.
Z95 = 1.959963984540054
#: Statistics that :func:`from_counts` computes from a 2x2 table: (numerator, denominator) cells.
COUNT_STATISTICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sensitivity": (("tp",), ("tp", "fn")),
    "specificity": (("tn",), ("tn", "fp")),
    "ppv": (("tp",), ("tp", "fp")),
    "npv": (("tn",), ("tn", "fn")),
    "accuracy": (("tp", "tn"), ("tp", "fp", "fn", "tn")),
}
#: A result that rests on fewer than this share of the pilot's planned cases (plan.sample_size) is
#: clearly short of the plan (rule OUT012, and memos say so): the fallback of raio.yaml
#: ``policy.min_planned_share``, whose default is in ``raio_cli/catalog/policy.yaml``.
PLANNED_SHARE = 0.8
#: How far (on the 0-1 scale) a typed observed value may differ from the one computed from counts.
COUNT_TOLERANCE = 0.005

# Words in a metric's text that name a statistic (English and Dutch); the earliest in the text wins.
_STAT_WORDS = (
    ("ppv", ("ppv", "positive predictive", "positief voorspellende", "positief-voorspellende", "precision", "precisie")),
    ("npv", ("npv", "negative predictive", "negatief voorspellende", "negatief-voorspellende")),
    ("specificity", ("specificity", "specificiteit", "true negative rate")),
    ("sensitivity", ("sensitivity", "sensitiviteit", "recall", "true positive rate")),
    ("accuracy", ("accuracy", "nauwkeurigheid", "juistheid")),
)
# Phrases that contain such a word but name no statistic of the 2x2 table: in breast screening the
# recall rate is the share of women called back, the (cancer) detection rate is per 1000 screened.
_NOT_STAT_PHRASES = ("recall rate", "recall-rate", "recallrate", "recallpercentage", "recall percentage",
                     "detection rate", "detectiepercentage")
_CELL_NAMES = {"tp": "true positives", "fp": "false positives", "fn": "false negatives", "tn": "true negatives"}


@dataclass(frozen=True)
class Verdict:
    """The computed verdict of one effect; see the module docstring for the statuses."""

    effect: str
    status: str
    kind: str
    primary: bool
    post_hoc: bool
    observed: float | None
    interval: tuple[float, float] | None
    n: int | None
    statistic: str | None
    threshold: float | None
    direction: str | None
    baseline: float | None
    missing_reason: str | None
    explanation: str
    #: why an ``inconclusive`` verdict could not be judged, for a wording in another language
    #: (a memo's strings.yaml explain_inconclusive_<reason>): failed, counts, observed_not_number,
    #: interval_not_numbers, interval_reversed, observed_outside, target_not_number,
    #: limit_not_number, scale (a percentage against a fraction), no_direction; "" otherwise
    reason: str = ""
    #: the confidence level of ``interval`` in percent (95.0 for a Wilson interval from counts, or
    #: the level :func:`evaluate` was given), ``None`` without an interval
    interval_level: float | None = None
    #: how that level is known: ``wilson`` (computed from counts), ``stated`` (a typed
    #: interval with its ``interval_level``), ``assumed`` (a typed interval whose level pilot.yaml
    #: does not state: 95% is assumed); "" without an interval
    interval_basis: str = ""

    @property
    def unreadable(self) -> bool:
        """Inconclusive because the result itself cannot be read (:attr:`reason` says why: no
        positive cases, a reversed interval, two scales), not because the data are ambiguous:
        memos and the report say it "cannot be evaluated"."""
        return self.status == "inconclusive" and bool(self.reason)

    def to_dict(self) -> dict:
        """The fields as plain data (every field is a scalar, the interval becomes a list)."""
        d = {name: getattr(self, name) for name in self.__dataclass_fields__}
        d["interval"] = list(self.interval) if self.interval is not None else None
        return d


# --------------------------------------------------------------------------------------------
# Intervals and 2x2 tables


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for ``successes`` out of ``n`` (95% by default), on the 0-1 scale.

    Raises ValueError when ``n`` is not positive or ``successes`` is outside 0..n.
    """
    if not _is_count(successes) or not _is_count(n):
        raise ValueError("successes and n must be whole numbers of zero or more")
    if n <= 0:
        raise ValueError("an interval needs n > 0")
    if successes > n:
        raise ValueError(f"successes ({successes}) cannot exceed n ({n})")
    p = successes / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    lo = 0.0 if successes == 0 else max(0.0, centre - half)
    hi = 1.0 if successes == n else min(1.0, centre + half)
    return (lo, hi)


def z_for(level: float) -> float:
    """The z of a two-sided ``level``% interval (95 gives 1.96); ``level`` between 0 and 100."""
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + level / 200)


def from_counts(counts: dict, statistic: str, z: float = Z95) -> tuple[float, tuple[float, float], int]:
    """``statistic`` of the 2x2 table ``counts`` ({tp, fp, fn, tn}): value, Wilson 95% CI (or the
    level of ``z``, :func:`z_for`), n.

    All on the 0-1 scale; ``n`` is the statistic's denominator (e.g. tp+fn for sensitivity).
    Raises ValueError, with a readable message, for an unknown statistic, a missing or non-count
    cell, or a zero denominator.
    """
    if statistic not in COUNT_STATISTICS:
        raise ValueError(f"'{statistic}' cannot be computed from a 2x2 table "
                         f"(use one of {', '.join(COUNT_STATISTICS)})")
    if not isinstance(counts, dict):
        raise ValueError("counts must be a mapping of tp, fp, fn and tn")
    top, bottom = COUNT_STATISTICS[statistic]
    cells: dict[str, int] = {}
    for cell in sorted(set(top) | set(bottom)):
        if cell not in counts or counts[cell] is None:
            raise ValueError(f"counts lacks {cell} ({_CELL_NAMES[cell]})")
        value = as_count(counts[cell])
        if value is None:
            raise ValueError(f"counts.{cell} is {_show(counts[cell])}, not a whole number of zero or more")
        cells[cell] = value
    num = sum(cells[c] for c in top)
    n = sum(cells[c] for c in bottom)
    if n == 0:
        raise ValueError(f"{statistic} is undefined: {'+'.join(bottom)} = 0")
    try:
        return num / n, wilson(num, n, z), n
    except OverflowError:
        size = f"{len(str(n))} digits" if n.bit_length() <= 10_000 else "thousands of digits"  # str() refuses 4,300+
        raise ValueError(f"the counts are too large to compute with ({'+'.join(bottom)} has {size})") from None


def guess_statistic(effect: dict) -> str:
    """The 2x2 statistic an effect means: :func:`named_statistic`, else (an assumption) sensitivity."""
    return named_statistic(effect) or "sensitivity"


def named_statistic(effect: dict) -> str | None:
    """The 2x2 statistic an effect names: its ``statistic``, else the earliest statistic word of its
    ``metric`` (of its ``description`` only when it has no metric: "Few recalls" describes the aim, not
    the measure); ``None`` when it names none (e.g. false positives per scan).
    """
    if not isinstance(effect, dict):
        return None
    stat = effect.get("statistic")
    if isinstance(stat, str) and stat.strip().lower() in COUNT_STATISTICS:
        return stat.strip().lower()
    text = str(effect.get("metric") or effect.get("description") or "").lower()
    for phrase in _NOT_STAT_PHRASES:
        text = text.replace(phrase, " ")
    found = [(text.find(w), name) for name, words in _STAT_WORDS for w in words if w in text]
    return min(found)[1] if found else None


def evaluated_cases(effect: dict, result: Any) -> tuple[int, str] | None:
    """(cases, basis) a result rests on, counted as ``plan.sample_size`` counts (the studies or
    patients of the pilot): the cells of its 2x2 table, tp + fp + fn + tn (basis ``counts``), or the
    ``n`` of an accuracy, which counts every case too (basis ``n``). ``None`` when unknown or not
    comparable: a missing result, a table with a cell missing, or an ``n`` that may count another
    unit (sensitivity's n is the positives only; a median time's n may be the patients of a subgroup).
    """
    if not isinstance(result, dict) or str(result.get("missing_reason") or "").strip():
        return None
    counts = result.get("counts")
    if counts is not None:
        if not isinstance(counts, dict):
            return None
        cells = [as_count(counts.get(c)) for c in ("tp", "fp", "fn", "tn")]
        return (sum(cells), "counts") if None not in cells else None
    if _is_count(result.get("n")) and named_statistic(effect) == "accuracy":
        return result["n"], "n"
    return None


def short_of_plan(effect: dict, result: Any, sample_size: Any,
                  share: float = PLANNED_SHARE) -> tuple[int, int, str] | None:
    """(cases, planned, basis) when the result rests on fewer than ``share`` (a fraction, the
    policy's ``min_planned_share``) of the planned ``sample_size`` (:func:`evaluated_cases`);
    ``None`` when it does not, or either is unknown."""
    if not _is_count(sample_size) or sample_size <= 0:
        return None
    found = evaluated_cases(effect, result)
    if found is None or found[0] >= share * sample_size:
        return None
    return found[0], sample_size, found[1]


# --------------------------------------------------------------------------------------------
# Verdicts


def evaluate(effect: dict, result: dict | None, level: float = 95.0, z: float | None = None) -> Verdict:
    """The verdict of one effect given its result (``None`` when none is reported). Never raises.
    ``level``: the confidence level (percent) of an interval computed from counts
    (:func:`counts_level` of the policy; 95 when it is no level above 0 and below 100); ``z`` its
    z when the caller has it (:func:`z_for`)."""
    if z is None:
        level, z = _level_z(level)
    try:
        return _evaluate(effect if isinstance(effect, dict) else {}, result, level, z)
    except Exception as exc:  # pragma: no cover - a last guard: odd data must never crash a memo
        e = effect if isinstance(effect, dict) else {}
        return _verdict(e, "inconclusive", f"the result could not be evaluated ({type(exc).__name__})", reason="failed")


def evaluate_app(effects_data: dict, pilot_data: dict, level: float = 95.0) -> list[Verdict]:
    """One verdict per effect of effects.yaml: pre-registered effects first, then post-hoc ones.
    ``level``: the confidence level of intervals computed from counts, as :func:`evaluate`.

    Each effect gets the first result in pilot.yaml ``outcome.results`` that names it (duplicates
    and results for unknown effects are reported by ``raio check``, not here). Effects without a
    usable ``id`` are skipped.
    """
    effects = effects_data.get("effects") if isinstance(effects_data, dict) else None
    outcome = pilot_data.get("outcome") if isinstance(pilot_data, dict) else None
    results = outcome.get("results") if isinstance(outcome, dict) else None
    by_id: dict[str, dict] = {}
    for r in results if isinstance(results, list) else []:
        if isinstance(r, dict) and isinstance(r.get("effect"), str) and r["effect"] not in by_id:
            by_id[r["effect"]] = r
    pre, post = [], []
    level, z = _level_z(level)
    for e in effects if isinstance(effects, list) else []:
        if not isinstance(e, dict) or not isinstance(e.get("id"), str) or not e["id"]:
            continue
        v = evaluate(e, by_id.get(e["id"]), level, z)
        (post if v.post_hoc else pre).append(v)
    return pre + post


def decisive(verdicts: list[Verdict]) -> list[Verdict]:
    """The verdicts a decision rests on, as memos count them: the primary ones that are not post
    hoc, or the pre-registered benefits when none is primary (rules DEC001, DEC002, OUT012 and the
    portfolio report read the same ones)."""
    pre = [v for v in verdicts if not v.post_hoc]
    return [v for v in pre if v.primary] or [v for v in pre if v.kind == "benefit"]


def _level_z(level: Any) -> tuple[float, float]:
    """(level, z) of the intervals computed from counts: 95 with :data:`Z95`, the very z every
    finding at 95% was computed with, for 95 or a level that is none (0, 100, a text)."""
    if not is_number(level) or not 0 < level < 100 or level == 95:
        return 95.0, Z95
    return float(level), z_for(level)


def _evaluate(effect: dict, result: Any, counts_at: float = 95.0, z: float = Z95) -> Verdict:
    kind = _kind(effect)
    word = "target" if kind == "benefit" else "limit"
    if result is None:
        return _verdict(effect, "missing", "no result is reported for this effect", missing_reason="no result reported")
    if not isinstance(result, dict):
        return _verdict(effect, "missing", "the result is not a mapping of fields and cannot be read",
                        missing_reason="unreadable result")
    reason = result.get("missing_reason")
    if reason is not None and str(reason).strip():
        reason = str(reason).strip()
        return _verdict(effect, "missing", f"no result: {reason}", missing_reason=reason)

    n_given = result.get("n") if _is_count(result.get("n")) else None
    threshold_raw = effect.get(word)
    threshold = threshold_raw if is_number(threshold_raw) else None
    direction = effect.get("direction") if effect.get("direction") in ("increase", "decrease") else None
    unit = effect.get("unit") if isinstance(effect.get("unit"), str) else ""

    # --- the observed value and its interval ---------------------------------------------
    observed_raw = result.get("observed")
    counts = result.get("counts")
    notes: list[str] = []
    statistic = None
    observed: float | None = None
    interval: tuple[float, float] | None = None
    level: float | None = None
    basis = ""
    n = n_given
    percent = percent_scale(unit, threshold, observed_raw)
    if counts is not None:
        statistic = guess_statistic(effect)
        try:
            value, (lo, hi), n = from_counts(counts, statistic, z)
        except ValueError as exc:
            return _verdict(effect, "inconclusive", f"{statistic} cannot be computed from the counts: {exc}",
                            statistic=statistic, n=n_given, observed=_num_or_none(observed_raw), reason="counts")
        scale = 100.0 if percent else 1.0
        observed, interval = value * scale, (lo * scale, hi * scale)
        level, basis = counts_at, "wilson"
        num = sum(int(counts[c]) for c in COUNT_STATISTICS[statistic][0])
        notes.append(f"{statistic} {num}/{n} from the 2x2 table")
        if named_statistic(effect) is None:
            notes.append(f"{statistic} is assumed: the effect names no statistic (set its statistic to one of "
                         f"{', '.join(COUNT_STATISTICS)})")
        if observed_raw is not None:
            if not is_number(observed_raw):
                notes.append(f"the typed observed value {_show(observed_raw)} is not a number and is ignored")
            elif abs(observed_raw / scale - value) > COUNT_TOLERANCE:
                notes.append(f"the typed observed value {fmt_number(observed_raw)} differs from the 2x2 table "
                             f"and is not used")
    else:
        if observed_raw is None:
            return _verdict(effect, "missing", "the result gives neither an observed value nor counts, "
                            "and no missing_reason", missing_reason="no observed value", n=n_given)
        if not is_number(observed_raw):
            return _verdict(effect, "inconclusive", f"the observed value {_show(observed_raw)} is not a number",
                            n=n_given, reason="observed_not_number")
        observed = float(observed_raw)
        given = result.get("interval")
        if given is not None:
            if (not isinstance(given, (list, tuple)) or len(given) != 2
                    or not all(is_number(b) for b in given)):
                return _verdict(effect, "inconclusive", f"the interval {_show(given)} is not two numbers [lower, upper]",
                                observed=observed, n=n_given, reason="interval_not_numbers")
            lo, hi = float(given[0]), float(given[1])
            if lo > hi:
                return _verdict(effect, "inconclusive", f"the interval [{fmt_number(lo)}, {fmt_number(hi)}] is reversed "
                                "(lower bound above upper bound)", observed=observed, n=n_given, reason="interval_reversed")
            level, basis = stated_level(result)
            if not lo <= observed <= hi:
                return _verdict(effect, "inconclusive", f"the observed value {fmt_number(observed)} lies outside its "
                                f"interval [{fmt_number(lo)}, {fmt_number(hi)}]", observed=observed,
                                interval=(lo, hi), n=n_given, reason="observed_outside", interval_level=level,
                                interval_basis=basis)
            interval = (lo, hi)

    common = dict(observed=observed, interval=interval, n=n, statistic=statistic, interval_level=level,
                  interval_basis=basis)
    if threshold_raw is None:
        other = "limit" if kind == "benefit" else "target"
        extra = f" (it gives a {other}, which a {kind} does not use)" if effect.get(other) is not None else ""
        return _verdict(effect, "no-target", f"the {kind} has no {word}{extra}, so no verdict is possible",
                        **common)
    if threshold is None:
        return _verdict(effect, "inconclusive", f"the {word} {_show(threshold_raw)} is not a number",
                        reason=f"{word}_not_number", **common)
    if statistic is not None and percent and 0 < abs(threshold) <= 1:
        return _verdict(effect, "inconclusive", f"{statistic} is computed as a percentage "
                        f"({fmt_number(observed)}%) but the {word} {fmt_number(threshold)} reads as a fraction; "
                        f"write the {word} as a percentage ({fmt_number(threshold * 100)}) or leave out the unit %",
                        threshold=threshold, reason="scale", **common)
    if statistic is None and named_statistic(effect) is not None and 0 < abs(threshold) <= 1 and observed > 1:
        return _verdict(effect, "inconclusive", f"the observed {named_statistic(effect)} {fmt_number(observed)} "
                        f"reads as a percentage but the {word} {fmt_number(threshold)} as a fraction; write both "
                        f"on one scale", threshold=threshold, reason="scale", **common)
    if statistic is None and named_statistic(effect) is not None and unit.strip() == "%" and abs(threshold) > 1 \
            and 0 < observed < 1:
        return _verdict(effect, "inconclusive", f"the observed {named_statistic(effect)} {fmt_number(observed)} "
                        f"reads as a fraction but the {word} {fmt_number(threshold)}% as a percentage; write both "
                        f"on one scale (as a percentage: {fmt_number(observed * 100)})", threshold=threshold,
                        reason="scale", **common)
    if direction is None:
        return _verdict(effect, "inconclusive", "the effect does not say which way is better "
                        "(direction: increase or decrease)", threshold=threshold, reason="no_direction", **common)

    # without a unit, a number above 1 reads as a percentage only for a proportion (not 30 minutes)
    pct = unit.strip() == "%" or (percent and not unit.strip()
                                  and (statistic is not None or named_statistic(effect) is not None))
    shown = _shown(observed, interval, pct, unit, level, basis)
    lim = fmt_number(threshold) + ("%" if pct else (f" {unit.strip()}" if unit.strip() else ""))
    up = direction == "increase"
    good = (lambda x: x >= threshold) if up else (lambda x: x <= threshold)
    ge, lt = ("≥", "<") if up else ("≤", ">")

    if kind == "benefit":
        if interval is None:
            status = "met" if good(observed) else "not-met"
            sign = ge if status == "met" else lt
            text = f"{shown} {sign} target {lim} (point estimate; no interval given)"
        elif good(interval[0]) and good(interval[1]):
            status, text = "met", f"{shown} {ge} target {lim}: the whole interval clears the target"
        elif not good(interval[0]) and not good(interval[1]):
            status, text = "not-met", f"{shown} {lt} target {lim}: the whole interval falls short of the target"
        else:
            status = "inconclusive"
            side = "clears" if good(observed) else "falls short of"
            text = (f"{shown} against target {ge} {lim}: the point estimate {side} the target but the "
                    f"interval contains it, so the pilot cannot tell")
    else:
        better = "higher is better" if up else "lower is better"
        if not good(observed):
            status = "breached"
            text = f"{shown} {lt} limit {lim}: the point estimate is past the limit ({better})"
        elif interval is None:
            status = "within-limit"
            text = f"{shown} {ge} limit {lim} (point estimate; no interval given; {better})"
        elif good(interval[0]) and good(interval[1]):
            status = "within-limit"
            text = f"{shown} {ge} limit {lim}: the whole interval stays on the acceptable side ({better})"
        else:
            status = "inconclusive"
            text = (f"{shown} {ge} limit {lim}: the point estimate is acceptable but the interval reaches "
                    f"past the limit ({better})")
    if notes:
        text = f"{text}; {'; '.join(notes)}"
    return _verdict(effect, status, text, threshold=threshold, **common)


def _verdict(effect: dict, status: str, explanation: str, *, observed=None, interval=None, n=None,
             statistic=None, threshold=None, missing_reason=None, reason="", interval_level=None,
             interval_basis="") -> Verdict:
    kind = _kind(effect)
    if threshold is None:
        t = effect.get("target" if kind == "benefit" else "limit")
        threshold = float(t) if is_number(t) else None
    direction = effect.get("direction") if isinstance(effect.get("direction"), str) else None
    base = effect.get("baseline")
    base = base.get("value") if isinstance(base, dict) else base
    eid = effect.get("id")
    return Verdict(
        effect=eid if isinstance(eid, str) else str(eid or "?"),
        status=status,
        kind=kind,
        primary=effect.get("primary") is True,
        post_hoc=effect.get("post_hoc") is True,
        observed=float(observed) if is_number(observed) else None,
        interval=(float(interval[0]), float(interval[1])) if interval is not None else None,
        n=n if _is_count(n) else None,
        statistic=statistic,
        threshold=float(threshold) if is_number(threshold) else None,
        direction=direction,
        baseline=float(base) if is_number(base) else None,
        missing_reason=missing_reason,
        explanation=explanation,
        reason=reason,
        interval_level=float(interval_level) if interval is not None and is_number(interval_level) else None,
        interval_basis=interval_basis if interval is not None else "",
    )


def _kind(effect: dict) -> str:
    kind = effect.get("kind")
    if kind in ("benefit", "guardrail"):
        return kind
    return "guardrail" if effect.get("limit") is not None and effect.get("target") is None else "benefit"


def percent_scale(unit: str, threshold: Any, observed: Any) -> bool:
    """Are proportions of this effect written as percentages (93.4) rather than fractions (0.934)?"""
    u = unit.strip().lower()
    if u:
        return "%" in u or u in ("percent", "procent", "percentage", "pct")
    return any(is_number(v) and 1 < abs(v) <= 100 for v in (threshold, observed))


def stated_level(result: Any) -> tuple[float, str]:
    """(level in percent, basis) of a result's typed interval: its ``interval_level`` when that is a
    number from 50 to below 100 (``stated``); one written as a fraction from 0.5 to below 1 is the
    level it means (0.8 is 80%, ``stated``: an 80% interval must never pass for a 95% one; the
    schema reports the slip); else 95 (``assumed``; the schema reports a bad one)."""
    level = result.get("interval_level") if isinstance(result, dict) else None
    if is_number(level) and 50 <= level < 100:
        return float(level), "stated"
    if is_number(level) and 0.5 <= level < 1:
        return round(float(level) * 100, 6), "stated"
    return 95.0, "assumed"


#: The highest raio.yaml ``policy.min_interval_level`` (the schema's maximum): 100% is no interval.
MAX_INTERVAL_LEVEL = 99.9


def interval_minimum(policy: Any) -> float:
    """raio.yaml ``policy.min_interval_level`` (rule OUT013), in percent from 50 to
    :data:`MAX_INTERVAL_LEVEL`; 95 when it gives something else (the schema reports it at its line
    in raio.yaml)."""
    value = policy.get("min_interval_level") if isinstance(policy, dict) else None
    return float(value) if is_number(value) and 50 <= value <= MAX_INTERVAL_LEVEL else 95.0


def counts_level(policy: Any) -> float:
    """The level (percent) of the intervals raio computes from 2x2 counts under ``policy``: 95, or
    the policy's ``min_interval_level`` when it asks more, so that no verdict on counts rests on
    less than the policy asks (and none changes for a policy of 95 or less)."""
    return max(95.0, interval_minimum(policy))


def _shown(observed: float, interval, pct: bool, unit: str, level: float | None = None, basis: str = "") -> str:
    """'93.4% (95% CI 90.7–95.3%)', '61 minutes (90% CI 55–68)', '1.4 alerts per week';
    a typed interval without a level: '(CI 55–68; level not stated, 95% assumed)'."""
    suffix = "%" if pct else ""
    text = fmt_number(observed) + suffix
    if not pct and unit.strip():
        text += f" {unit.strip()}"
    if interval is not None:
        bounds = f"{fmt_number(interval[0])}–{fmt_number(interval[1])}{suffix}"
        if basis == "assumed" or level is None:
            text += f" (CI {bounds}; level not stated, 95% assumed)"
        else:
            text += f" ({fmt_number(level)}% CI {bounds})"
    return text


def fmt_number(x: float) -> str:
    """A number for a sentence: 93.4, 0.934, 61, 1.4 (no trailing zeros, no exponent)."""
    if not is_number(x):
        return _show(x)
    x = float(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    a = abs(x)
    decimals = 1 if a >= 10 else 2 if a >= 1 else 3
    s = f"{x:.{decimals}f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def is_number(v: Any) -> bool:
    if isinstance(v, int):  # every int is finite (math.isfinite overflows on a 400-digit one)
        return not isinstance(v, bool)
    return isinstance(v, float) and math.isfinite(v)


def _is_count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def as_count(v: Any) -> int | None:
    """``v`` as a count of a 2x2 table: a whole number of zero or more, also one written as
    ``12.0`` (as a spreadsheet export writes twelve); ``None`` for anything else."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return v if _is_count(v) else None


def _num_or_none(v: Any) -> float | None:
    return float(v) if is_number(v) else None
