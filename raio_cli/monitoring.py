"""After the decision: monitoring results, alerts, overdue periods, incidents, re-assessment and retirement.

Plain functions on plain data; no I/O, never raises on odd data (a value that cannot be read is
skipped: wrong types are the schema layer's findings). Three users:

- the MON rules (:mod:`raio_cli.rules.monitoring`) turn the answers into findings;
- memos and the portfolio report render :func:`monitoring_summary`;
- ``raio monitor`` (:mod:`raio_cli.commands.monitor`) builds entries with :func:`result_entry`
  and :func:`incident_entry` and puts them, results and incidents alike, in date order among the
  file's with :func:`place_entries`; values for a date that has a result go into that result
  (:func:`result_addition`).

Conventions
-----------
- A *period* is the plan's ``frequency`` (or a metric's own ``frequency``): weekly is 7 days,
  monthly 1 calendar month, quarterly 3, half-yearly 6, yearly 12. Adding months keeps the end
  of a month at the end of a month (2026-09-30 + a quarter = 2026-12-31) and clamps other days
  (2026-01-31 + a month = 2026-02-28).
- A result is *overdue* when the last one plus one period lies before today (due on the day
  itself is not overdue). Monitoring starts with production (:func:`production_start`): the
  later of the decision date (``pilot.decision.date``) and ``stage_since``, since the switch-on
  may follow the decision by months; MON003, MON004 and MON014 and what status, report and
  ``raio monitor`` show as due all count from that one day. A retired application's use ran
  from the decision date (its ``stage_since`` is the retirement) to its switch-off
  (``retirement.date``): MON014 and the memo read the gaps of that period.
- ``direction`` says which way is good, as for effects: ``increase`` alerts when the value is
  below ``alert_threshold``, ``decrease`` when it is above it. A value equal to the threshold
  does not alert.
- A re-assessment of version ``X`` covers ``X`` itself and every version that starts with
  ``X.`` (a re-assessment of "6.0" covers "6.0.2"), so a portfolio can re-assess per major or
  minor line as its decision conditions say.
"""

from __future__ import annotations

import calendar
import copy
import dataclasses
import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any, Iterable

from raio_cli.values import parse_date  # the one reader of a date, for the callers that import it from here

__all__ = [
    "FREQUENCIES",
    "SEVERITIES",
    "parse_date",
    "add_period",
    "add_months",
    "period_words",
    "plan",
    "metrics",
    "metric_ids",
    "results",
    "incidents",
    "incident_groups",
    "decision_date",
    "production_start",
    "alerts",
    "overdue",
    "gaps",
    "gap_key",
    "explained_gaps",
    "version_covered",
    "latest_reassessment",
    "last_use",
    "pilot_last_end",
    "retention",
    "monitoring_summary",
    "MonitorError",
    "format_number",
    "parse_number",
    "result_entry",
    "result_addition",
    "incident_entry",
    "incident_update",
    "update_entry",
    "refuse_after_use",
    "render_entry",
    "append_entry",
    "entry_position",
    "insert_entry",
    "place_entries",
    "order_note",
]

#: Frequency -> (months, days) of one period.
FREQUENCIES: dict[str, tuple[int, int]] = {
    "weekly": (0, 7),
    "monthly": (1, 0),
    "quarterly": (3, 0),
    "half-yearly": (6, 0),
    "yearly": (12, 0),
}
SEVERITIES = ("minor", "moderate", "serious")
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}


# --------------------------------------------------------------------------------------------
# Small readers


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole calendar months; a month's last day stays a month's last day; kept
    within the calendar (years 1 to 9999)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return dt.date.max if months > 0 else dt.date.min
    last = _month_days(year, month)
    at_end = day.day == _month_days(day.year, day.month)
    return dt.date(year, month, last if at_end else min(day.day, last))


#: The days of each month (index 1 to 12) in a year that is no leap year.
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]``, without the weekday it works out too (the
    monitoring rules count periods month by month, 15,000 times a run)."""
    return _MONTH_DAYS[month] + (month == 2 and calendar.isleap(year))


def known_frequency(value: Any) -> str | None:
    """``value`` when it is a frequency raio knows (a key of :data:`FREQUENCIES`), else None: an
    unknown word, or a list or mapping written where the word belongs (the schema reports both)."""
    return value if isinstance(value, str) and value in FREQUENCIES else None


def add_period(day: dt.date, frequency: str) -> dt.date | None:
    """``day`` plus one period of ``frequency``; None for an unknown frequency."""
    step = FREQUENCIES.get(frequency) if isinstance(frequency, str) else None
    if step is None:
        return None
    months, days = step
    later = add_months(day, months)
    if not days:  # a period of whole months
        return later
    return later + dt.timedelta(days=days) if later < dt.date.max - dt.timedelta(days=days) else dt.date.max


def period_words(months: int) -> str:
    """6 -> "six months", 1 -> "one month"."""
    word = _NUMBER_WORDS.get(months, str(months))
    return f"{word} month" if months == 1 else f"{word} months"


def _doc(app: Any, name: str) -> dict:
    """A dossier file's data from an :class:`~raio_cli.portfolio.App` or a mapping of file -> data."""
    if hasattr(app, "data") and callable(app.data):
        data = app.data(name)
    elif isinstance(app, Mapping):
        data = app.get(name)
    else:
        data = None
    return data if isinstance(data, dict) else {}


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def plan(monitoring: dict) -> dict:
    p = monitoring.get("plan") if isinstance(monitoring, dict) else None
    return p if isinstance(p, dict) else {}


def metrics(monitoring: dict) -> list[tuple[int, dict]]:
    """(index, metric) for every readable metric of the plan (a mapping with a text ``id``)."""
    items = plan(monitoring).get("metrics")
    out = []
    for i, m in enumerate(items if isinstance(items, list) else []):
        if isinstance(m, dict) and _text(m.get("id")):
            out.append((i, m))
    return out


def metric_ids(monitoring: dict) -> list[str]:
    return [m["id"] for _, m in metrics(monitoring)]


def results(monitoring: dict) -> list[tuple[int, dict, dt.date]]:
    """(index, result, date) for every result with a readable date, in file order."""
    items = monitoring.get("results") if isinstance(monitoring, dict) else None
    out = []
    for i, r in enumerate(items if isinstance(items, list) else []):
        day = parse_date(r.get("date")) if isinstance(r, dict) else None
        if day is not None:
            out.append((i, r, day))
    return out


def values(result: dict) -> dict:
    v = result.get("values") if isinstance(result, dict) else None
    return v if isinstance(v, dict) else {}


def incidents(monitoring: dict) -> list[tuple[int, dict, dt.date | None]]:
    items = monitoring.get("incidents") if isinstance(monitoring, dict) else None
    out = []
    for i, inc in enumerate(items if isinstance(items, list) else []):
        if isinstance(inc, dict):
            out.append((i, inc, parse_date(inc.get("date"))))
    return out


def decision_date(app: Any) -> dt.date | None:
    """``pilot.decision.date`` of the decision that ended the pilot (scale-up, stop): what
    production, its monitoring and the incidents "since the decision" count from. None after a
    decision to extend, which ends no pilot: the extended pilot runs on, its incidents are the
    pilot's (the date of the extension is the decision rules' and DAT002's, in pilot.yaml)."""
    decision = _doc(app, "pilot").get("decision")
    if not isinstance(decision, dict) or decision.get("choice") == "extend":
        return None
    return parse_date(decision.get("date"))


def decision_choice(app: Any) -> str | None:
    decision = _doc(app, "pilot").get("decision")
    return _text(decision.get("choice")) if isinstance(decision, dict) else None


def stage(app: Any) -> str | None:
    return _text(_doc(app, "application").get("stage"))


def production_start(app: Any) -> dt.date | None:
    """When the application went into production, and monitoring starts: the later of the
    decision date and ``stage_since`` (the switch-on may follow the decision by months), else
    the one given. The one start every count of due monitoring results uses."""
    days = [d for d in (decision_date(app), parse_date(_doc(app, "application").get("stage_since"))) if d]
    return max(days) if days else None


# --------------------------------------------------------------------------------------------
# Alerts and overdue periods


def alerts(metric: dict, value: Any) -> bool | None:
    """Does ``value`` pass the metric's alert threshold on the bad side? None when unknowable."""
    threshold, direction = metric.get("alert_threshold"), metric.get("direction")
    if not _is_number(threshold) or not _is_number(value) or direction not in ("increase", "decrease"):
        return None
    return value < threshold if direction == "increase" else value > threshold


#: Units whose values are percentages (0-100) or fractions (0-1), in the words a plan may use.
_PERCENT_UNITS = frozenset({"%", "percent", "procent", "percentage", "pct"})
_FRACTION_UNITS = frozenset({"fraction", "fractie", "proportion", "proportie"})


def implausible(metric: dict, value: Any, previous: Any = None) -> str | None:
    """Why ``value`` of ``metric`` looks mistyped, or None: a percentage below 0 or above 100 (which
    can be right, e.g. a workload against its baseline: a note, never a refusal), a fraction typed
    for a percentage where the metric's last value (``previous``) was above 1, a fraction outside
    0-1. Said when a value is recorded, since nothing later can tell a mistyped value from a real
    one: a fraction typed for a percentage on a "decrease" metric never raises its alert."""
    unit = metric.get("unit")
    unit = unit.strip().casefold() if isinstance(unit, str) else ""
    if not _is_number(value) or unit not in _PERCENT_UNITS | _FRACTION_UNITS:
        return None
    shown = f"{value:.10g}"
    if unit in _FRACTION_UNITS:
        if 0 <= value <= 1:
            return None
        hint = f" (a percentage? as a fraction it is {value / 100:.10g})" if 1 < value <= 100 else ""
        return f"{shown} is outside 0-1, the range of a fraction{hint}"
    if value < 0 or value > 100:
        return (f"{shown} % is outside 0-100 (right only for a percentage that can pass 100, such as a load "
                f"against its baseline)")
    if 0 < value <= 1 and _is_number(previous) and previous > 1:
        return (f"{shown} % looks like a fraction where the last value was {previous:.10g} %: as a percentage "
                f"it is {value * 100:.10g}")
    return None


def last_value(monitoring: dict, metric_id: str, before: dt.date) -> Any:
    """The metric's value in the latest result dated before ``before`` (None without one)."""
    latest = _last_with(results(monitoring), [metric_id], before - dt.timedelta(days=1))
    return values(monitoring["results"][latest[1]]).get(metric_id) if latest is not None else None


def _last_with(rs: list[tuple[int, dict, dt.date]], ids: Iterable[str] | None, today: dt.date):
    """The latest (date, index) of a result, not after today, holding a value for one of ``ids``."""
    wanted = set(ids) if ids is not None else None
    best = None
    for i, r, day in rs:
        if day > today:
            continue
        if wanted is not None and not (wanted & set(values(r))):
            continue
        if best is None or day >= best[0]:
            best = (day, i)
    return best


def overdue(app: Any, today: dt.date) -> list[dict]:
    """Overdue monitoring of a production application, as plain dicts.

    One entry for the plan (``metric: None``) when the last result of the metrics that follow the
    plan's frequency (any result, when the plan lists no metrics) plus one period lies before
    today; one entry per metric with its own ``frequency`` on the same terms. Before the first
    result, the period counts from :func:`production_start`. Keys: ``metric``, ``frequency``,
    ``last`` (date or None), ``last_index`` (index in ``results`` or None), ``since`` (the start
    used when there is no result), ``due`` (date). Results dated after today are not counted
    (the MON rules report them).
    """
    if stage(app) != "production":
        return []
    mon = _doc(app, "monitoring")
    p = plan(mon)
    if not p:
        return []
    rs = results(mon)
    start = production_start(app)
    out = []
    groups = _groups(mon)
    for metric_id, freq, ids in groups:
        last = _last_with(rs, ids, today)
        base = last[0] if last else start
        if base is None:
            continue
        due = add_period(base, freq)
        if due is not None and due < today:
            out.append({"metric": metric_id, "frequency": freq, "last": last[0] if last else None,
                        "last_index": last[1] if last else None, "since": None if last else start, "due": due})
    return out


def due_schedule(app: Any) -> list[list]:
    """What :func:`overdue` reads, without today: for each of its groups (the plan's rhythm, a
    metric with its own), ``[frequency, start, days]``: the start of production (ISO text or
    None) and the distinct dates of the results that count for it (ISO text, in order). Plain
    data that ``raio status`` keeps and dates with :func:`first_due` on any day."""
    if stage(app) != "production":
        return []
    mon = _doc(app, "monitoring")
    if not plan(mon):
        return []
    rs = results(mon)
    start = production_start(app)
    out = []
    for _metric_id, freq, ids in _groups(mon):
        wanted = set(ids) if ids is not None else None
        days = sorted({day for _, r, day in rs if wanted is None or wanted & set(values(r))})
        out.append([freq, start.isoformat() if start else None, [d.isoformat() for d in days]])
    return out


def first_due(schedule: list[list], today: dt.date) -> dt.date | None:
    """The earliest due date of what :func:`overdue` reports on ``today``, from :func:`due_schedule`."""
    day = today.isoformat()  # ISO dates of four-digit years compare as text
    dues = []
    for freq, start, days in schedule:
        base = next((d for d in reversed(days) if d <= day), start)  # the last result not after today
        due = add_period(dt.date.fromisoformat(base), freq) if base is not None else None
        if due is not None and due < today:
            dues.append(due)
    return min(dues) if dues else None


#: Missing periods counted in one gap at most (a typo such as 9999 for 2027 makes the gap endless).
MAX_GAP_PERIODS = 999


def _groups(mon: dict) -> list[tuple[str | None, str, list[str] | None]]:
    """(metric id or None for the plan, frequency, the metric ids whose results count or None for
    any result): the plan's rhythm for the metrics without their own, and each metric with one."""
    p = plan(mon)
    plan_freq = known_frequency(p.get("frequency"))
    ms = metrics(mon)
    follows_plan = [m["id"] for _, m in ms if known_frequency(m.get("frequency")) is None]
    groups: list[tuple[str | None, str, list[str] | None]] = []
    if plan_freq and (follows_plan or not ms):
        groups.append((None, plan_freq, follows_plan or None))
    for _, m in ms:
        if known_frequency(m.get("frequency")):
            groups.append((m["id"], m["frequency"], [m["id"]]))
    return groups


def gaps(app: Any, today: dt.date) -> list[dict]:
    """Whole periods without a result between two results of a production application, or
    between the start of production (:func:`production_start`) and the first result.

    For the plan's rhythm and each metric with its own ``frequency`` (as :func:`overdue`), two
    consecutive results (dated up to today) ``before`` and ``after`` leave a gap when ``after``
    lies on or after ``before`` plus two periods: at least one result is missing, even if the
    next one came late. The start of production counts as a ``before`` of the first result
    (``from_start`` True). ``missing`` counts the periods without a result (capped at 999);
    ``due`` is the date the first missing result was due. Keys: ``metric``, ``frequency``,
    ``before``, ``after``, ``after_index``, ``missing``, ``due``, ``from_start``, ``to_retirement``,
    ``of``: for the plan's rhythm while another metric has its own frequency, the ids of the
    metrics that follow the plan (their results are the ones missing), else None.

    A retired application's gaps are those of its period of use, read the same way and bounded
    by its switch-off (application.yaml ``retirement.date``): results dated after it do not count
    (MON019 reports them), and the switch-off counts as an ``after`` of the last result (or of the
    start, without results): ``to_retirement`` True, ``after_index`` None. Its use started with the
    scale-up decision: its ``stage_since`` is the day it was retired, not the day it was switched on.
    """
    st = stage(app)
    if st not in ("production", "retired"):
        return []
    mon = _doc(app, "monitoring")
    end = None
    if st == "retired":
        used = last_use(app)
        end = used[0] if used else None
        start = decision_date(app)
    else:
        start = production_start(app)
    bound = min(today, end) if end else today
    rs = [(i, r, day) for i, r, day in results(mon) if day <= bound]
    listed = len(metrics(mon))
    out = []
    for metric_id, freq, ids in _groups(mon):
        # the plan's rhythm, while another metric keeps its own: the gap is of the metrics that follow it
        of = list(ids) if metric_id is None and ids is not None and len(ids) < listed else None
        wanted = set(ids) if ids is not None else None
        dated: dict[dt.date, int] = {}
        for i, r, day in rs:
            if wanted is None or wanted & set(values(r)):
                dated.setdefault(day, i)
        days = sorted(dated)
        # the first result counts from the start of production, as the next one from the last
        edges = [start] + days if start is not None and (not days or start < days[0]) else days
        if end is not None and edges and end > edges[-1]:
            edges.append(end)  # the switch-off closes the period of use, as a result would
        elif end is None and not days:
            edges = []
        for before, after in zip(edges, edges[1:]):
            due = add_period(before, freq)
            step = add_period(due, freq) if due else None
            missing = 0
            while step is not None and step <= after and missing < MAX_GAP_PERIODS:
                missing += 1
                following = add_period(step, freq)
                step = following if following is not None and following > step else None
            if missing:
                out.append({"metric": metric_id, "frequency": freq, "before": before, "after": after,
                            "after_index": dated.get(after), "missing": missing, "due": due,
                            "from_start": before not in dated, "to_retirement": after not in dated, "of": of})
    return out


def gap_key(gap: Any) -> tuple:
    """``(metric, before, after)`` of a gap of :func:`gaps` (as :func:`monitoring_summary` gives it)
    or of the data of the MON014 finding that reports it: how memo and report tell which of the
    gaps raio check still reports (one explained by a suppression is not among them). The metric
    is None for the plan's rhythm, the dates ISO text; two metrics' gaps may end on one day."""
    g = gap if isinstance(gap, dict) else {}
    day = {k: parse_date(g.get(k)) for k in ("before", "after")}
    return (g.get("metric") if isinstance(g.get("metric"), str) else None,
            *(d.isoformat() if d else str(g.get(k)) for k, d in day.items()))


def explained_gaps(findings: Iterable[Any], suppressed: Iterable[Any]) -> dict[tuple, str]:
    """The gaps a suppression explains, by :func:`gap_key`, with its reason: the MON014 findings
    a check run suppressed (``suppressed``; ``# raio: ignore[MON014] REASON`` on the line after the
    gap) and the reason of the SUP002 finding on their line (``findings``; one SUP002 stands for
    all the gaps that end on one line, which share its text). ``raio monitor`` marks these gaps,
    which memo and report leave out."""
    reasons: dict[tuple, str] = {}
    for f in findings:
        data = f.data if isinstance(f.data, dict) else {}
        quiet = data.get("suppressed") if isinstance(data.get("suppressed"), dict) else {}
        if f.code == "SUP002" and quiet.get("code") == "MON014" and isinstance(data.get("reason"), str):
            reasons[(f.file, f.line)] = data["reason"]
    return {gap_key(f.data): reasons[(f.file, f.line)] for f in suppressed
            if f.code == "MON014" and (f.file, f.line) in reasons}


# --------------------------------------------------------------------------------------------
# Versions and re-assessment


def version_covered(version: str, assessed: str) -> bool:
    """Is ``version`` covered by a re-assessment of ``assessed`` ("6.0" covers "6.0" and "6.0.2")?"""
    v, a = version.strip(), assessed.strip()
    return bool(a) and (v == a or v.startswith(a + "."))


def reassessments(app: Any) -> list[tuple[int, dict, dt.date | None]]:
    items = _doc(app, "application").get("reassessments")
    return [(i, r, parse_date(r.get("date"))) for i, r in enumerate(items if isinstance(items, list) else [])
            if isinstance(r, dict)]


def latest_reassessment(app: Any) -> tuple[int, dict] | None:
    """The re-assessment with the latest date (the last one in the file among equal or missing dates)."""
    best = None
    for i, r, day in reassessments(app):
        key = day or dt.date.min
        if best is None or key >= best[0]:
            best = (key, i, r)
    return (best[1], best[2]) if best else None


# --------------------------------------------------------------------------------------------
# Retirement and the end of use


def last_use(app: Any) -> tuple[dt.date, str] | None:
    """The last day of use of a stopped or retired application, and what the date is.

    Retired: ``application.retirement.date``. Stopped: the retirement date when one is given,
    else the end of the pilot (its last end date, extensions included) when that lies before
    the decision, else the decision date (``pilot.decision.date``), else ``stage_since``. None
    for other stages.
    """
    st = stage(app)
    if st not in ("stopped", "retired"):
        return None
    application = _doc(app, "application")
    retirement = application.get("retirement")
    day = parse_date(retirement.get("date")) if isinstance(retirement, dict) else None
    if day:
        return day, "retirement"
    if st == "retired":
        return None
    decided = decision_date(app)
    ended = pilot_last_end(app)
    if ended and (decided is None or ended <= decided):
        return ended, "the end of the pilot"
    if decided:
        return decided, "the decision to stop"
    day = parse_date(application.get("stage_since"))
    return (day, "stopping") if day else None


def pilot_last_end(app: Any) -> dt.date | None:
    """The pilot's last end date: ``plan.end`` or the latest ``extensions[].end``; an end on or
    before ``plan.start`` does not count (a typo, which DAT001 reports).

    :func:`last_use` falls back to it for a stopped application. For such a pilot it is the end
    :func:`raio_cli.rules.dates.pilot_end` gives, which the date rules count from; that one also
    counts an extend decision's ``new_end`` (a stopped pilot has a stop decision, DEC003 reports
    another) and returns the value's path, but reads an :class:`~raio_cli.portfolio.App` only.
    This one reads plain data, as this module does, and the rules import this module, not the
    other way round. :func:`raio_cli.rules.dates.last_planned_end` is the end that status, export
    and the report show."""
    pilot = _doc(app, "pilot")
    p = pilot.get("plan") if isinstance(pilot.get("plan"), dict) else {}
    ends = [parse_date(p.get("end"))]
    ext = pilot.get("extensions")
    ends += [parse_date(e.get("end")) for e in (ext if isinstance(ext, list) else []) if isinstance(e, dict)]
    start = parse_date(p.get("start"))
    ends = [d for d in ends if d and (start is None or d > start)]
    return max(ends) if ends else None


def retention(app: Any, item: dict, entry: dict | None) -> dict | None:
    """How long a retention duty (``retention_after_use_months`` in the catalog) still runs.

    Returns ``{"item", "months", "last_use", "last_use_is", "until", "status", "date"}`` for a
    stopped or retired application, else None. ``status``/``date`` are those of the dossier's
    compliance entry (None when absent).
    """
    months = item.get("retention_after_use_months") if isinstance(item, dict) else None
    if not isinstance(months, int) or isinstance(months, bool) or months <= 0:
        return None
    used = last_use(app)
    if used is None:
        return None
    day, what = used
    entry = entry if isinstance(entry, dict) else {}
    return {"item": item.get("id"), "months": months, "last_use": day, "last_use_is": what,
            "until": add_months(day, months), "status": _text(entry.get("status")),
            "date": parse_date(entry.get("date"))}


def retention_sentence(info: dict, passed: bool = False) -> str:
    """ "log retention runs until 2027-03-01, six months after retirement on 2026-09-01" ("ran"
    when ``passed``)"""
    name = str(info.get("item") or "retention").replace("-", " ")
    return (f"{name} {'ran' if passed else 'runs'} until {info['until'].isoformat()}, {period_words(info['months'])} after "
            f"{info['last_use_is']} on {info['last_use'].isoformat()}")


# --------------------------------------------------------------------------------------------
# The summary memos and reports render


def monitoring_summary(app: Any, today: dt.date) -> dict:
    """What a memo or report shows about monitoring, as plain data (dates as ISO text).

    ``app`` is a :class:`raio_cli.portfolio.App` or a mapping of dossier file name -> data.
    Keys:

    - ``has_plan``, ``frequency``, ``owner``, ``stage``, ``decision_date`` (of the scale-up or
      stop, :func:`decision_date`; None before it, an extension included), ``since`` (start of
      production and monitoring, :func:`production_start`), ``last_result_date``, ``results_count``
      (the results dated up to today), ``results_after_today`` (dated after it: MON008);
    - ``metrics``: per plan metric ``id``, ``description``, ``unit``, ``direction``,
      ``alert_threshold``, ``frequency`` (its own or the plan's), ``effect``, ``latest``
      (``{"date", "value", "alert", "follow_up"}`` or None: the latest result holding a value
      for it), ``alert`` (the latest value alerts: True/False, None when unknowable),
      ``overdue`` (bool) and ``due`` (next due date, or None);
    - ``alerts``: the metrics whose latest value alerts, as ``{"metric", "date", "value",
      "threshold", "direction", "follow_up"}``, while the application is in use; empty once it
      is stopped or retired (a metric's ``alert`` still says its last value passed the threshold:
      history, not an alert now);
    - ``in_use``: False for a stopped or retired application; ``last_use``: its last day of use
      as ``{"date", "is"}`` (see :func:`last_use`; ``date`` None when the dossier gives none),
      else None;
    - ``overdue``: as :func:`overdue`, with ISO dates;
    - ``gaps``: as :func:`gaps` (whole periods without a result between two results; a retired
      application's over its period of use, up to the switch-off), with ISO dates;
    - ``unknown_metrics``: ids in results that the plan does not list;
    - ``incidents``: incidents on or after the decision date (all when there is none), up to
      today, newest first, as ``{"date", "severity", "description", "reported_to", "reference",
      "follow_up"}``, and ``incident_counts`` per severity; ``incidents_after_today``: those dated
      after today (a typo, MON008), apart, as results are, whatever the decision date;
    - ``incidents_before_decision``: the incidents dated before the decision (during the pilot),
      newest first, and ``incidents_undated``: those without a date (also in ``incidents``), both as
      :func:`incident_groups` gives them: a board and the RAIO see every incident, whatever its stage;
    - ``retention``: for a stopped or retired application, how long log retention still runs
      (see :func:`retention`, dates as ISO text), else None;
    - ``retirement_planned``: for an application in production with application.yaml
      ``retirement.date``, ``{"date", "decided_on"}`` (ISO text, decided_on None when not given),
      else None.
    """
    mon = _doc(app, "monitoring")
    p = plan(mon)
    rs = results(mon)
    ms = metrics(mon)
    plan_freq = known_frequency(p.get("frequency"))
    late = overdue(app, today)
    late_by_metric = {o["metric"]: o for o in late}
    decided = decision_date(app)
    start = production_start(app)
    in_use = stage(app) not in ("stopped", "retired")
    used = None if in_use else last_use(app)

    metric_rows, alert_rows = [], []
    known = set()
    for _, m in ms:
        mid = m["id"]
        known.add(mid)
        latest = None
        for i, r, day in rs:
            if day > today or mid not in values(r):
                continue
            if latest is None or day >= latest[0]:
                latest = (day, r)
        freq = known_frequency(m.get("frequency")) or plan_freq
        own = known_frequency(m.get("frequency")) is not None
        late_entry = late_by_metric.get(mid if own else None)
        row_latest = None
        alert = None
        if latest:
            value = values(latest[1]).get(mid)
            alert = alerts(m, value)
            row_latest = {"date": latest[0].isoformat(), "value": value, "alert": alert,
                          "follow_up": _text(latest[1].get("follow_up"))}
            if alert and in_use:
                alert_rows.append({"metric": mid, "date": latest[0].isoformat(), "value": value,
                                   "threshold": m.get("alert_threshold"), "direction": m.get("direction"),
                                   "follow_up": _text(latest[1].get("follow_up"))})
        base = latest[0] if latest else start
        due = add_period(base, freq) if base and freq else None
        metric_rows.append({
            "id": mid, "description": _text(m.get("description")), "unit": _text(m.get("unit")),
            "direction": m.get("direction") if m.get("direction") in ("increase", "decrease") else None,
            "alert_threshold": m.get("alert_threshold") if _is_number(m.get("alert_threshold")) else None,
            "frequency": freq, "effect": _text(m.get("effect")), "latest": row_latest, "alert": alert,
            "overdue": late_entry is not None if stage(app) == "production" else False,
            "due": due.isoformat() if due else None,
        })

    unknown = []
    if ms:
        for _, r, _day in rs:
            for key in values(r):
                if key not in known and key not in unknown:
                    unknown.append(str(key))

    inc_rows, future_rows = [], []
    counts = {s: 0 for s in SEVERITIES}
    for _, inc, day in incidents(mon):
        if day and day > today:  # a typo by hand (raio monitor refuses them): counted apart, as results (MON008)
            future_rows.append(_incident_row(inc, day))
            continue
        if decided and day and day < decided:
            continue
        row = _incident_row(inc, day)
        if row["severity"]:
            counts[row["severity"]] += 1
        inc_rows.append(row)
    inc_rows.sort(key=lambda r: r["date"] or "", reverse=True)
    future_rows.sort(key=lambda r: r["date"], reverse=True)
    groups = incident_groups(app, today)

    dated = [day for _, _, day in rs if day <= today]
    owner = p.get("owner")
    return {
        "stage": stage(app),
        "in_use": in_use,
        "last_use": None if in_use else {"date": used[0].isoformat() if used else None, "is": used[1] if used else None},
        "has_plan": bool(p),
        "frequency": plan_freq,
        "owner": owner.strip() if isinstance(owner, str) and owner.strip() else None,
        "decision_date": decided.isoformat() if decided else None,
        "since": start.isoformat() if start else None,
        "last_result_date": max(dated).isoformat() if dated else None,
        "results_count": len(dated),
        "results_after_today": len(rs) - len(dated),
        "retirement_planned": retirement_planned(app),
        "metrics": metric_rows,
        "alerts": alert_rows,
        "overdue": [{**o, "last": o["last"].isoformat() if o["last"] else None,
                     "since": o["since"].isoformat() if o["since"] else None, "due": o["due"].isoformat()}
                    for o in late],
        "gaps": [{**g, "before": g["before"].isoformat(), "after": g["after"].isoformat(), "due": g["due"].isoformat()}
                 for g in gaps(app, today)],
        "unknown_metrics": unknown,
        "incidents": inc_rows,
        "incident_counts": counts,
        "incidents_after_today": future_rows,
        "incidents_before_decision": groups["before_decision"],
        "incidents_undated": groups["undated"],
        "retention": _retention_for_summary(app, today),
    }


def _incident_row(inc: dict, day: dt.date | None) -> dict:
    """An incident as memos and ``raio monitor`` show it (dates as ISO text, None when absent)."""
    sev = inc.get("severity") if inc.get("severity") in SEVERITIES else None
    reported = inc.get("reported_to") if isinstance(inc.get("reported_to"), dict) else {}
    return {
        "date": day.isoformat() if day else None, "severity": sev, "description": _text(inc.get("description")),
        "reported_to": {k: (parse_date(v).isoformat() if parse_date(v) else None)
                        for k, v in reported.items() if k in ("vendor", "manufacturer", "igj")},
        "reference": _text(inc.get("reference")), "follow_up": _text(inc.get("follow_up")),
    }


def retirement_planned(app: Any) -> dict | None:
    """The retirement decided for an application still in production (its date and decision day,
    as ISO text): ``raio monitor`` and ``raio status`` say it."""
    retirement = _doc(app, "application").get("retirement")
    day = parse_date(retirement.get("date")) if isinstance(retirement, dict) else None
    if stage(app) != "production" or day is None:
        return None
    decided = parse_date(retirement.get("decided_on"))
    return {"date": day.isoformat(), "decided_on": decided.isoformat() if decided else None}


def incident_groups(app: Any, today: dt.date | None = None) -> dict[str, list[dict]]:
    """Every incident of the application, whatever its stage, in four lists (newest first, each
    incident as in :func:`monitoring_summary`): ``since_decision``, dated on or after the decision
    date (every dated one when there is no decision or only one to extend: a pilot or evaluation,
    so those of the pilot);
    ``before_decision``, dated before it (during the pilot); ``undated``, without a readable date,
    which no period can be said to leave out; ``after_today``, dated after ``today`` (a typo that
    raio check reports, MON008), which no count of what happened includes (empty without ``today``)."""
    decided = decision_date(app)
    out: dict[str, list[dict]] = {"since_decision": [], "before_decision": [], "undated": [], "after_today": []}
    for _, inc, day in incidents(_doc(app, "monitoring")):
        key = "undated" if day is None else "after_today" if today is not None and day > today else \
            "before_decision" if decided and day < decided else "since_decision"
        out[key].append(_incident_row(inc, day))
    for rows in out.values():
        rows.sort(key=lambda r: r["date"] or "", reverse=True)
    return out


def _retention_for_summary(app: Any, today: dt.date) -> dict | None:
    """The retention duty of a stopped or retired application; ``passed``: its period has ended
    (before ``today``), ``sentence`` as :func:`retention_sentence` words it."""
    if stage(app) not in ("stopped", "retired"):
        return None
    try:
        from raio_cli import catalog as cat

        items = cat.compliance_catalog()
    except Exception:  # a broken catalog must not break a memo
        return None
    entries = {e.get("id"): e for e in _compliance_items(app) if isinstance(e.get("id"), str)}  # a list there: SCH003
    for item_id, item in items.items():
        info = retention(app, item, entries.get(item_id))
        if info:
            return {**info, "last_use": info["last_use"].isoformat(), "until": info["until"].isoformat(),
                    "date": info["date"].isoformat() if info["date"] else None,
                    "sentence": retention_sentence(info, today > info["until"]), "passed": today > info["until"]}
    return None


def _compliance_items(app: Any) -> list[dict]:
    items = _doc(app, "compliance").get("items")
    return [e for e in (items if isinstance(items, list) else []) if isinstance(e, dict)]


# --------------------------------------------------------------------------------------------
# Building entries for ``raio monitor``


class MonitorError(ValueError):
    """A value given to ``raio monitor`` cannot be recorded; the message is one line for the user."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


_DECIMAL = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def parse_number(text: str, what: str) -> int | float:
    """A number typed by a user: plain decimals only ("0.91", "12", "-3", "1.5e-3")."""
    t = text.strip()
    if not _DECIMAL.match(t):
        hint = "Write the number with a decimal point, e.g. 0.91." if re.match(r"^[+-]?\d+,\d+$", t) else \
            "Write a plain number, e.g. 0.91 or 12 (put the unit in the plan, not in the value)."
        raise MonitorError(f"{what}: '{_clip(t)}' is not a number", hint)
    if re.match(r"^[+-]?\d+$", t):
        return int(t)
    value = float(t)
    if not math.isfinite(value):
        raise MonitorError(f"{what}: '{_clip(t)}' is too large", "Write a finite number.")
    return value


def format_number(value: int | float) -> str:
    """A number as YAML that every YAML 1.1 and 1.2 reader reads as that number."""
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    if "e" in text and "." not in text.split("e")[0]:  # 1e+20 is text to YAML 1.1: write 1.0e+20
        mantissa, exp = text.split("e")
        text = f"{mantissa}.0e{exp}"
    return text


def result_entry(monitoring: dict, day: dt.date, values_: list[tuple[str, int | float]], by: str | None,
                 notes: str | None, follow_up: str | None, today: dt.date) -> dict:
    """A validated results entry; raises :class:`MonitorError` for what cannot be recorded.
    ``raio monitor APP result`` first asks :func:`result_addition` whether the values go into a
    result of that date already recorded, as an import does for each date of its CSV."""
    _check_day(day, today, "--date")
    for _, r, existing in results(monitoring):
        if existing == day:  # first: a follow-up given for a recorded result must not be asked for values
            raise MonitorError(f"monitoring.yaml already has a result dated {day.isoformat()}",
                               f'Add the follow-up to that result: raio monitor APP update-result --date {day.isoformat()} '
                               '--follow-up "..."' if follow_up is not None and follow_up.strip() else
                               "Edit that entry by hand, or give another --date.")
    _check_values(monitoring, day, values_)
    entry: dict = {"date": day, "values": dict(values_)}
    for key, value in (("by", by), ("notes", notes), ("follow_up", follow_up)):
        if value is not None and value.strip():
            entry[key] = value.strip()
    return entry


def _check_values(monitoring: dict, day: dt.date, values_: list[tuple[str, int | float]]) -> None:
    """Refuse no values, a metric given twice and one the plan does not list."""
    if not values_:
        raise MonitorError("no values given", "Give at least one: --value METRIC=NUMBER (repeatable).")
    known = metric_ids(monitoring)
    seen = set()
    for mid, _ in values_:
        if mid in seen:
            raise MonitorError(f"metric '{_clip(mid)}' is given twice for {day.isoformat()}",
                               "Give each metric once per date.")
        seen.add(mid)
        if mid not in known:
            if not known:
                raise MonitorError(f"metric '{_clip(mid)}' is not in the monitoring plan: the plan lists no metrics",
                                   "Add the metrics to plan.metrics in monitoring.yaml first (id, description, unit, "
                                   "direction, alert_threshold); without the file, 'raio monitor APP init' writes it.")
            raise MonitorError(f"metric '{_clip(mid)}' is not in the monitoring plan", known_metrics(mid, known))


def result_addition(monitoring: dict, day: dt.date, values_: list[tuple[str, int | float]], by: str | None,
                    notes: str | None, follow_up: str | None,
                    today: dt.date) -> tuple[int, dict, dict] | None:
    """What ``raio monitor APP result --date DAY --value ...`` adds to the result already dated
    ``day`` (a metric measured later for the same period): None when monitoring.yaml has no
    result of that day (the values make a new entry, :func:`result_entry`). Returns, as
    :func:`result_update` does, (index in ``results``, the additions as ``{"values": {metric:
    value}, "by": ..., "notes": ..., "follow_up": ...}`` (only the keys that add something), the
    result as it will read, with its date as ``date``), for :func:`update_entry` and
    :func:`verify_update`.

    Only adds, as update-result and update-incident do: a metric the result has a value of is
    refused, whatever the value given (correcting a recorded value is an edit made and reviewed
    by hand). ``by`` and ``notes`` are added when the result has none, and are no addition when
    they say what it says; another ``by`` (the values would read as recorded by one person) or
    other ``notes`` than it has are refused. A ``follow_up`` is added as update-result adds it:
    the text, or a line dated ``today`` under the follow_up the result has. Raises
    :class:`MonitorError` for what cannot be recorded, before anything is written."""
    _check_day(day, today, "--date")
    found = [(i, r) for i, r, existing in results(monitoring) if existing == day]
    if not found:
        return None
    follow_hint = (f'Add the follow-up to that result: raio monitor APP update-result --date {day.isoformat()} '
                   '--follow-up "..."') if follow_up is not None and follow_up.strip() else ""
    if not values_:
        raise MonitorError(f"monitoring.yaml already has a result dated {day.isoformat()}",
                           follow_hint or "Give the values it lacks (--value METRIC=NUMBER), or another --date.")
    if len(found) > 1:
        raise MonitorError(f"monitoring.yaml already has {len(found)} results dated {day.isoformat()}",
                           "Add the values to the one they belong to in monitoring.yaml by hand ('raio check' "
                           "reports the date recorded twice), or give another --date.")
    _check_values(monitoring, day, values_)
    index, result = found[0]
    recorded = values(result)
    if result.get("values") is not None and not isinstance(result.get("values"), dict):
        raise MonitorError(f"values of the result of {day.isoformat()} is not a mapping",
                           "Fix the file first; 'raio check' shows where.")
    for mid, _ in values_:
        if mid in recorded:
            raise MonitorError(f"monitoring.yaml already has a result dated {day.isoformat()} with {mid} = "
                               f"{_clip(str(recorded[mid]))}",
                               "raio monitor only adds the values a result lacks: to correct a recorded value, edit "
                               "it in monitoring.yaml by hand and review the change."
                               + (f" {follow_hint}" if follow_hint else ""))
    additions: dict = {"values": dict(values_)}
    for key, given, option in (("by", by, "--by"), ("notes", notes, "--notes")):
        if given is None or not given.strip():
            continue
        has = result.get(key)
        if has is None or (isinstance(has, str) and not has.strip()):  # none, or left empty
            additions[key] = given.strip()
        elif _text(has) != given.strip():
            said = f" ('{_clip(' '.join(str(has).split()), 40)}')" if key == "by" else ""
            raise MonitorError(f"the result of {day.isoformat()} already has {key}{said}; {option} "
                               f"'{_clip(given.strip(), 40)}' differs",
                               ("A result has one by, who recorded its values: leave --by out, or correct by in "
                                "monitoring.yaml by hand. " if key == "by" else
                                "Leave --notes out, or extend notes in monitoring.yaml by hand. ")
                               + "raio monitor only adds what a result lacks; it changes nothing recorded.")
    if follow_up is not None and follow_up.strip():
        line = _follow_up_addition(result, follow_up, today, f"the result of {day.isoformat()}")
        if line is not None:
            additions["follow_up"] = line
    updated = _completed(result, day, additions, ("by", "notes"))
    updated["values"] = {**recorded, **additions["values"]}
    return index, additions, updated


def incident_entry(monitoring: dict, day: dt.date, severity: str, description: str | None,
                   reported: dict[str, dt.date | None], reference: str | None, follow_up: str | None,
                   today: dt.date) -> dict:
    """A validated incidents entry; raises :class:`MonitorError` for what cannot be recorded.

    A duplicate is an incident with the same date and the same description (or the same
    reference): two different incidents on one day are possible.
    """
    _check_day(day, today, "--date")
    if severity not in SEVERITIES:
        raise _not_a_severity(severity)
    if description is None or not description.strip():
        raise MonitorError("--description is missing", "Describe what happened, without patient identifiers.")
    reported_to = _reports(reported, day, today)
    for _, inc, existing in incidents(monitoring):
        same_text = _text(inc.get("description")) == description.strip()
        same_ref = reference is not None and reference.strip() and _text(inc.get("reference")) == reference.strip()
        if existing == day and (same_text or same_ref):
            raise MonitorError(f"monitoring.yaml already has this incident of {day.isoformat()}",
                               f"To add what it lacks (a report date, reference or follow-up), complete it: raio monitor "
                               f"APP update-incident --date {day.isoformat()} --reported-manufacturer YYYY-MM-DD ...")
    entry: dict = {"date": day, "description": description.strip(), "severity": severity}
    if reported_to:
        entry["reported_to"] = reported_to
    for key, value in (("reference", reference), ("follow_up", follow_up)):
        if value is not None and value.strip():
            entry[key] = value.strip()
    return entry


def _not_a_severity(severity: Any) -> MonitorError:
    """The refusal of a ``--severity`` that is none of :data:`SEVERITIES`, naming the one meant by a
    Dutch word (ernstig, as the Dutch memo shows it) or another case (Serious)."""
    from raio_cli.schema import _dutch_value

    typed = str(severity or "")
    meant = typed.strip().casefold() if typed.strip().casefold() in SEVERITIES else _dutch_value(typed, list(SEVERITIES))
    return MonitorError(f"--severity '{_clip(typed)}' is not a severity",
                        (f"Did you mean --severity {meant}? " if meant else "") + f"Use one of: {', '.join(SEVERITIES)}.")


def incident_update(monitoring: dict, day: dt.date, which: str | None, reported: dict[str, dt.date | None],
                    reference: str | None, follow_up: str | None, today: dt.date,
                    severity: str | None = None) -> tuple[int, dict, dict]:
    """What ``raio monitor APP update-incident`` adds to the incident dated ``day``: the report
    dates, reference and follow-up it lacks. Returns (index in ``incidents``, the additions as
    ``{"reported_to": {party: date}, "reference": text, "follow_up": text}`` (only the keys
    given), the incident as it will read, with dates as ``date``). ``which`` picks one of several
    incidents of that day: a part of its description or reference (case-insensitive).

    Only adds: a value the incident already has with another content is refused (correcting a
    recorded date or text is an edit the user makes and reviews by hand); the same value again is
    no addition. A ``follow_up`` given when the incident has one is added as a line of it,
    dated ``today`` (``additions["follow_up"]`` is that line). The one change it makes is to
    raise ``severity`` (an incident recorded as minor that turns out serious;
    ``additions["severity"]``): lowering it is a correction made by hand. A severity the incident
    lacks (no key, empty) is filled in, and one that is no severity (``hoog``, which the schema
    reports) replaced: neither can be said to be raised or lowered.
    Raises :class:`MonitorError` for what cannot be recorded."""
    if severity is not None and severity not in SEVERITIES:
        raise _not_a_severity(severity)
    found = [(i, inc) for i, inc, existing in incidents(monitoring) if existing == day]
    if not found:
        dates = sorted({d.isoformat() for _, _, d in incidents(monitoring) if d})
        raise MonitorError(f"monitoring.yaml has no incident dated {day.isoformat()}",
                           f"Incidents are dated: {', '.join(dates[-8:])}." if dates else
                           "It has no dated incidents; add one: raio monitor APP incident --date ...")
    if which is not None and which.strip():
        needle = which.strip().casefold()
        found = [(i, inc) for i, inc in found
                 if any(needle in t.casefold() for t in (_text(inc.get("description")), _text(inc.get("reference"))) if t)]
        if not found:
            raise MonitorError(f"no incident of {day.isoformat()} has '{_clip(which)}' in its description or reference",
                               "Give a part of the description or the reference of the incident to complete.")
    if len(found) > 1:
        listed = "; ".join(f"'{_clip(_text(inc.get('description')) or _text(inc.get('reference')) or '?', 40)}'"
                           for _, inc in found)
        raise MonitorError(f"{len(found)} incidents are dated {day.isoformat()}: {listed}",
                           "Say which with --which TEXT: a part of its description or reference.")
    index, inc = found[0]
    additions: dict = {}
    current = inc.get("reported_to")
    if current is not None and not isinstance(current, dict):
        raise MonitorError(f"reported_to of the incident of {day.isoformat()} is not a mapping",
                           "Fix the file first; 'raio check' shows where.")
    current = current or {}
    already: list[str] = []  # given again as recorded: a second run of the same command
    for party, when in _reports(reported, day, today).items():
        if party in current:
            if parse_date(current.get(party)) == when:
                already.append(f"reported_to.{party} {when.isoformat()}")
                continue
            shown = parse_date(current.get(party))
            raise MonitorError(f"the incident of {day.isoformat()} already has reported_to.{party} "
                               f"{shown.isoformat() if shown else _clip(str(current.get(party)))}",
                               "raio monitor only adds what is missing: to correct a recorded date, edit it in "
                               "monitoring.yaml and review the change.")
        additions.setdefault("reported_to", {})[party] = when
    recorded = inc.get("severity")
    if severity is not None and severity == recorded:
        already.append(f"severity {severity}")
    if severity is not None and severity != recorded:
        if isinstance(recorded, (list, dict)):
            raise MonitorError(f"the severity of the incident of {day.isoformat()} is not one of "
                               f"{', '.join(SEVERITIES)}", "Fix the file first; 'raio check' shows where.")
        if recorded in SEVERITIES and SEVERITIES.index(severity) < SEVERITIES.index(recorded):
            raise MonitorError(f"the incident of {day.isoformat()} is recorded as {recorded}: update-incident only "
                               f"raises a severity", "To lower it (analysis showed it less grave), edit its severity "
                               "in monitoring.yaml by hand, say why in its follow_up, and review the change.")
        additions["severity"] = severity
    if reference is not None and reference.strip():
        if inc.get("reference") is None:
            additions["reference"] = reference.strip()
        elif _text(inc.get("reference")) == reference.strip():
            already.append("this reference")
        else:
            raise MonitorError(f"the incident of {day.isoformat()} already has a reference",
                               "raio monitor only adds what is missing: extend or correct reference in monitoring.yaml "
                               "by hand and review the change.")
    if follow_up is not None and follow_up.strip():
        line = _follow_up_addition(inc, follow_up, today, f"the incident of {day.isoformat()}")
        if line is None:
            already.append("this follow_up")
        else:
            additions["follow_up"] = line
    if not additions and already:
        raise MonitorError(f"the incident of {day.isoformat()} already has {' and '.join(already)}: nothing to add, "
                           "nothing was written", "Give what it still lacks, if anything: --reported-vendor, "
                           "--reported-manufacturer, --reported-igj (YYYY-MM-DD), --reference or --follow-up, or raise --severity.")
    if not additions:
        raise MonitorError(f"nothing to add to the incident of {day.isoformat()}",
                           "Give what it lacks: --reported-vendor, --reported-manufacturer, --reported-igj "
                           "(YYYY-MM-DD), --reference or --follow-up, or raise --severity.")
    updated = _completed(inc, day, additions, ("severity", "reference"))
    merged = {p: (parse_date(v) or v) for p, v in current.items()}
    merged.update(additions.get("reported_to", {}))
    if merged:
        updated["reported_to"] = merged
    return index, additions, updated


def _completed(entry: dict, day: dt.date, additions: dict, keys: tuple[str, ...]) -> dict:
    """``entry`` as it reads with ``additions``: its date as ``date``, each of ``keys`` added
    set, an added follow-up line merged into its follow_up (:func:`_follow_up_merged`)."""
    updated = {**entry, "date": day}
    for key in keys:
        if key in additions:
            updated[key] = additions[key]
    if "follow_up" in additions:
        updated["follow_up"] = _follow_up_merged(entry, additions["follow_up"])
    return updated


def result_update(monitoring: dict, day: dt.date, follow_up: str | None, today: dt.date) -> tuple[int, dict, dict]:
    """What ``raio monitor APP update-result`` adds to the result dated ``day``: the follow-up of
    an alert it raised (MON005), or, when it has one, a line of it dated ``today``. Returns
    (index in ``results``, ``{"follow_up": the text or line added}``, the result as it will read,
    with its date as ``date``). Raises :class:`MonitorError` for what cannot be recorded: no
    follow-up given, no result or several of that day, the same follow-up again, a follow_up
    that is no text."""
    if follow_up is None or not follow_up.strip():
        raise MonitorError("--follow-up is missing",
                           'Give what was done about the result (the alert it raised), or why nothing was needed: '
                           '--follow-up "...".')
    found = [(i, r) for i, r, existing in results(monitoring) if existing == day]
    if not found:
        dates = sorted({d.isoformat() for _, _, d in results(monitoring)})
        raise MonitorError(f"monitoring.yaml has no result dated {day.isoformat()}",
                           f"Results are dated: {', '.join(dates[-8:])}." if dates else
                           "It has no dated results; add one: raio monitor APP result --date ... --value ...")
    if len(found) > 1:
        raise MonitorError(f"{len(found)} results are dated {day.isoformat()}",
                           "Add the follow_up to the one it belongs to in monitoring.yaml by hand ('raio check' "
                           "reports the date recorded twice).")
    index, result = found[0]
    line = _follow_up_addition(result, follow_up, today, f"the result of {day.isoformat()}")
    if line is None:
        raise MonitorError(f"the result of {day.isoformat()} already has this follow_up: nothing to add, nothing was "
                           "written", "Give what was done since, if anything.")
    updated = {**result, "date": day, "follow_up": _follow_up_merged(result, line)}
    return index, {"follow_up": line}, updated


def _follow_up_addition(entry: dict, given: str, today: dt.date, what: str) -> str | None:
    """What a --follow-up adds to ``entry`` (an incident or a result): the text when it has no
    follow_up, a line dated ``today`` under the one it has (follow-ups accumulate), ``None`` when
    it says so already (on a line of its own, dated or not). Raises :class:`MonitorError` when its
    follow_up is there but no text."""
    given = given.strip()
    recorded = entry.get("follow_up")
    if recorded is None:
        return given
    if _text(recorded) == given:
        return None
    if not _text(recorded):
        raise MonitorError(f"{what} already has a follow_up",
                           "raio monitor only adds what is missing: extend or correct follow_up in monitoring.yaml "
                           "by hand and review the change.")
    if any(_DATED_LINE.sub("", line.strip(), count=1) == given for line in recorded.splitlines()):
        return None  # said already, that day or another
    return f"{today.isoformat()}: {given}"


#: The date in front of a line a --follow-up added under an entry's follow_up
_DATED_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}: ")


def _follow_up_merged(entry: dict, added: str) -> str:
    """``entry``'s follow_up as it reads once ``added`` (:func:`_follow_up_addition`) is in it."""
    old = entry.get("follow_up")
    if not _text(old):
        return added
    return old.rstrip("\n") + "\n" + added + old[len(old.rstrip("\n")):]


#: The option of ``raio monitor`` each field of a new entry comes from.
_OPTIONS = {"values": "--value", "by": "--by", "notes": "--notes", "follow_up": "--follow-up",
            "description": "--description", "reference": "--reference"}


def refuse_identifiers(entries: list[dict], patterns: Iterable = (), from_csv: bool = False) -> None:
    """Raise :class:`MonitorError` when a new entry holds a BSN or a match of ``patterns``
    (raio.yaml's phi_patterns) in any of its texts or values: monitoring.yaml holds no patient
    data. The message names the option (or, ``from_csv``, the CSV column and date) and masks
    what it found."""
    from raio_cli import privacy

    for entry in entries:
        given = {key: value for key, value in entry.items() if key in _OPTIONS}
        hits = privacy.identifiers_in(given, patterns)
        if not hits:
            continue
        if from_csv:
            hits = [dataclasses.replace(h, path=(f"CSV column {h.path[0]} ({entry['date'].isoformat()})",)) for h in hits]
        else:
            hits = [dataclasses.replace(h, path=(_OPTIONS[h.path[0]],)) for h in hits]
        raise MonitorError(f"{privacy.describe_hits(hits)}; monitoring.yaml holds no patient data, so nothing was written",
                           "Describe what happened without who it happened to: leave out BSNs and patient numbers "
                           "(refer to the internal incident report instead, e.g. --reference VIM-2026-014).")


def refuse_after_use(app: Any, entries: list[dict], label: str = "--date") -> None:
    """Raise :class:`MonitorError` for a result dated after the retirement of a retired (or
    stopped) application (:func:`last_use`): nothing was measured on a system out of use, and a
    value recorded there (usually for the wrong application) would show in its memo as its
    latest. ``label`` names the date in the message: the option, or the CSV's result."""
    end = last_use(app)
    if end is None or end[1] != "retirement":
        return
    for entry in entries:
        day = entry.get("date")
        if isinstance(day, dt.date) and day > end[0]:
            raise MonitorError(f"{label} {day.isoformat()} is after the retirement on {end[0].isoformat()}: the "
                               f"application is {stage(app)}, out of use since then",
                               "Record the result for the application it was measured on. If this one still runs, "
                               "application.yaml's retirement.date is wrong: correct it (and keep the stage "
                               "production until the switch-off).")


def _reports(reported: dict[str, dt.date | None], day: dt.date, today: dt.date) -> dict[str, dt.date]:
    """The report dates given (``--reported-PARTY``) of an incident on ``day``: none in the future,
    none before the incident."""
    out = {}
    for party, when in reported.items():
        if when is None:
            continue
        _check_day(when, today, f"--reported-{party}")
        if when < day:
            raise MonitorError(f"--reported-{party} {when.isoformat()} is before the incident on {day.isoformat()}",
                               "A report cannot precede the incident; check both dates.")
        out[party] = when
    return out


def _check_day(day: dt.date, today: dt.date, option: str) -> None:
    if day > today:
        raise MonitorError(f"{option} {day.isoformat()} lies in the future (today is {today.isoformat()})",
                           "Record results and incidents once they have happened.")


def _scalar(value: Any) -> str:
    """One YAML scalar, quoted only when needed (dates plain, as in the rest of the dossier)."""
    import yaml

    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    text = str(value)
    style = '"' if ("\n" in text or "\r" in text or "\t" in text) else None
    dumped = yaml.safe_dump(text, default_style=style, allow_unicode=True, width=1 << 30)
    if dumped.endswith("\n...\n"):
        dumped = dumped[: -len("\n...\n")]
    return dumped.rstrip("\n")


def render_entry(entry: dict, indent: int = 2, newline: str = "\n") -> str:
    """A results or incidents entry as block YAML lines; ``values`` as one flow mapping."""
    pad = " " * indent
    lines = []
    first = True
    for key, value in entry.items():
        lead = f"{pad}- " if first else f"{pad}  "
        first = False
        if isinstance(value, dict) and key == "values":
            inner = ", ".join(f"{_scalar(k)}: {_scalar(v)}" for k, v in value.items())
            lines.append(f"{lead}{key}: {{{inner}}}")
        elif isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            for k, v in value.items():
                lines.append(f"{pad}    {_scalar(k)}: {_scalar(v)}")
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")
    return newline.join(lines) + newline


def _flow_entry(entry: dict) -> str:
    parts = []
    for key, value in entry.items():
        if isinstance(value, dict):
            parts.append(f"{key}: {{{', '.join(f'{_scalar(k)}: {_scalar(v)}' for k, v in value.items())}}}")
        else:
            parts.append(f"{key}: {_scalar(value)}")
    return "{" + ", ".join(parts) + "}"


def append_entry(text: str, key: str, entry: dict) -> str:
    """``text`` (a monitoring.yaml) with ``entry`` appended to the top-level list ``key``.

    The rest of the text, comments included, is kept byte for byte: the entry is inserted after
    the last line of the list (block style), before the closing bracket (flow style), in place
    of an empty value (``results:``, ``results: []``, ``results: ~``), or as a new key at the
    end when there is none. Raises :class:`MonitorError` when the text cannot be read as a YAML
    mapping or ``key`` holds something other than a list.
    """
    import yaml

    newline = _newline(text)
    root = _node_tree(text)
    if root is None:  # an empty file (or only comments)
        body = text if not text or text.endswith(("\n", "\r")) else text + newline
        return body + f"{key}:{newline}" + render_entry(entry, 2, newline)
    if not isinstance(root, yaml.MappingNode):
        raise MonitorError("monitoring.yaml is not a mapping of keys to values", "Fix the file first; 'raio check' shows where.")
    if root.flow_style:
        raise MonitorError("monitoring.yaml is written as one flow mapping ({...})",
                           "Write it in block style (one 'key: value' per line) so entries can be added.")
    value_node = None
    key_node = None
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            key_node, value_node = k, v
    if value_node is None:
        body = text if text.endswith(("\n", "\r")) or not text else text + newline
        return body + f"{key}:{newline}" + render_entry(entry, 2, newline)

    key_line = key_node.start_mark.line
    indent = key_node.start_mark.column + 2
    if isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":null"):
        # `results:` or `results: ~` / `null`: the list goes under the key
        same_line = value_node.start_mark.line == key_line and value_node.end_mark.index > value_node.start_mark.index
        remove = (value_node.start_mark.index, value_node.end_mark.index) if same_line else None
        return _splice_after_line(text, key_line, render_entry(entry, indent, newline), newline, remove)
    if not isinstance(value_node, yaml.SequenceNode):
        raise MonitorError(f"'{key}' in monitoring.yaml is not a list", "Fix the file first; 'raio check' shows where.")
    if value_node.flow_style:
        if not value_node.value and value_node.start_mark.line == value_node.end_mark.line == key_line:
            # `results: []`: replace the brackets by a block list under the key
            remove = (value_node.start_mark.index, value_node.end_mark.index)
            return _splice_after_line(text, key_line, render_entry(entry, indent, newline), newline, remove)
        close = text.rfind("]", 0, value_node.end_mark.index)
        at = len(text[:close].rstrip())  # keep the whitespace before ']'
        sep = ", " if value_node.value and not text[:at].endswith(",") else (" " if value_node.value else "")
        return text[:at] + sep + _flow_entry(entry) + text[at:]
    # A block list: insert after the last line that belongs to its last item.
    last_line = _last_content_line(value_node.value[-1], text)
    return _splice_after_line(text, last_line, render_entry(entry, value_node.start_mark.column, newline), newline)


# --------------------------------------------------------------------------------------------
# Results and incidents in date order


#: How :func:`entry_position` chose a new entry's place: ``"order"`` in the date order of the
#: list, ``"newest-first"`` in a list written newest first, ``"per-metric"`` among the results of
#: its metrics (a list of results kept per metric, each run in date order), ``"unsorted"`` after
#: the last entry dated before it in a list in no date order.
PLACES = ("order", "newest-first", "per-metric", "unsorted")


def _ascending(days: list[dt.date]) -> bool:
    return all(a <= b for a, b in zip(days, days[1:]))


def entry_position(items: Any, entry: dict) -> tuple[int, str]:
    """Where the new result or incident ``entry`` goes in ``items`` (monitoring.yaml's results or
    incidents as read), by its ``date`` (the date the schema orders both by): the index to insert
    it at (``len(items)``: at the end), and how that was chosen (:data:`PLACES`). Said below of
    results, it holds for incidents, which have no metrics (so are never placed per metric).

    The results already there are never moved. In a list in date order (oldest first, as raio
    writes it) the entry goes after the last result dated on or before it, before the first when
    none is; in a list written newest first, before the first result dated on or before it. A
    list in no date order is read per metric when the results that share a metric with the entry
    are in date order among themselves (a file kept metric by metric): the entry goes among them.
    Otherwise it goes after the last result (in the file's order) dated on or before it, before
    the first dated one when none is. Results without a readable date keep their place and are
    not counted."""
    items = items if isinstance(items, list) else []
    day = parse_date(entry.get("date"))
    dated = [(i, d, set(values(r))) for i, r in enumerate(items)
             if isinstance(r, dict) and (d := parse_date(r.get("date"))) is not None]
    if day is None or not dated:
        return len(items), "order"
    days = [d for _, d, _ in dated]
    if not _ascending(days) and _ascending(days[::-1]):  # newest first: kept so
        return next((i for i, d, _ in dated if d <= day), dated[-1][0] + 1), "newest-first"
    scope, how = dated, "order" if _ascending(days) else "unsorted"
    if how == "unsorted":
        peers = [p for p in dated if p[2] & set(values(entry))]
        if peers and len(peers) < len(dated) and _ascending([d for _, d, _ in peers]):
            scope, how = peers, "per-metric"
    before = [i for i, d, _ in scope if d <= day]
    return (before[-1] + 1 if before else scope[0][0]), how


def insert_entry(text: str, key: str, entry: dict, position: int) -> str:
    """``text`` (a monitoring.yaml) with ``entry`` inserted as item ``position`` of the top-level
    list ``key`` (the items from there on follow it); at or past the end, :func:`append_entry`.

    Nothing else of the text changes, comments included. In a block list the entry goes after
    the last line of the item before it, and after the comments indented under that item; the
    comments above the next item stay above it, and a blank line between the two items is kept
    between the entry and the next item (and given the entry before it too). Before the first
    item, the entry goes under the key's line and under the comment lines that follow it there
    indented as the items (a comment on the whole list, :func:`_list_comment`), and above the
    comments of the first item. In a flow list it goes before the item."""
    import yaml

    root = _node_tree(text)
    seq = None
    key_node = None
    if isinstance(root, yaml.MappingNode) and not root.flow_style:
        for k, v in root.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                key_node, seq = k, v
    if not isinstance(seq, yaml.SequenceNode) or position >= len(seq.value) or position < 0:
        return append_entry(text, key, entry)
    newline = _newline(text)
    following = seq.value[position]
    if seq.flow_style:
        at = following.start_mark.index
        return text[:at] + _flow_entry(entry) + ", " + text[at:]
    dash = seq.start_mark.column
    lines = _lines(text)
    first = _dash_line(following, lines, dash)
    block = render_entry(entry, dash, newline)
    if position == 0:
        return _splice_after_line(text, _list_comment(seq, key_node.start_mark.line, lines, dash), block, newline)
    after = _last_content_line(seq.value[position - 1], text)
    while after + 1 < first and lines[after + 1].lstrip(" ").startswith("#") and \
            len(lines[after + 1]) - len(lines[after + 1].lstrip(" ")) > dash:
        after += 1  # a comment indented under the item before belongs to it
    if any(not line.strip() for line in lines[after + 1:first]):
        block = newline + block  # the items are kept apart by blank lines: so is the new one
    return _splice_after_line(text, after, block, newline)


def _dash_line(item, lines: list[str], dash: int) -> int:
    """0-based line of the dash of block list item ``item`` ('-' alone on its line too)."""
    first = min(item.start_mark.line, len(lines) - 1)
    while first > 0 and not (lines[first][:dash].strip() == "" and lines[first][dash:dash + 1] == "-"):
        first -= 1
    return first


def _comment_at(line: str, dash: int) -> bool:
    """Is ``line`` a comment on its own line, indented as the items of a list whose dashes are in
    column ``dash``?"""
    return line[:dash].strip() == "" and line[dash:dash + 1] == "#"


def _list_comment(seq, key_line: int, lines: list[str], dash: int) -> int:
    """The 0-based line after which an entry goes before the first item of block list ``seq``
    (its key on ``key_line``): the key's line, or the last line of the comment on the whole list,
    comment lines right under the key indented as the items. They are the list's, and stay above
    a new first entry, unless they run down to the first item's dash and each other item has a
    comment line of its own right above its dash (a list whose items each carry a comment, such
    as the month they are of): then they are the first item's, and stay with it."""
    first = _dash_line(seq.value[0], lines, dash)
    end = key_line
    while end + 1 < first and _comment_at(lines[end + 1], dash):
        end += 1
    if end == key_line or end + 1 < first:
        return end
    others = seq.value[1:]
    labelled = bool(others) and all(
        (at := _dash_line(item, lines, dash)) > 0 and _comment_at(lines[at - 1], dash) for item in others)
    return key_line if labelled else end


@dataclasses.dataclass
class Placement:
    """A run of new entries that went in one after another (:func:`place_entries`): the dates of
    its entries, its first and last line (1-based, in the new text), and the dates (ISO text, or
    "line N" for an entry without a readable date) of the entries before and after it, None at
    the start or end of the list; ``key``: the list (results or incidents), ``entries``: the new
    entries of the run, as given."""

    days: list[dt.date]
    first_line: int
    last_line: int
    before: str | None
    after: str | None
    key: str = "results"
    entries: list = dataclasses.field(default_factory=list)

    def where(self) -> str:
        """ "between the results of 2025-05-17 and 2025-08-17 (lines 24-27)"; of incidents,
        "between the incidents of ...". """
        lines = f"line {self.first_line}" if self.first_line == self.last_line else \
            f"lines {self.first_line}-{self.last_line}"
        key, one = self.key, _ONE.get(self.key, "entry")

        def side(named: str) -> str:  # a date, or the line of an entry without one
            return f"the entry on {named}" if named.startswith("line ") else f"the {one} of {named}"

        if self.before is None and self.after is None:
            return f"as the first {key} ({lines})"
        if self.after is None:
            return f"at the end of {key}, after {side(self.before)} ({lines})"
        if self.before is None:
            return f"at the start of {key}, before {side(self.after)} ({lines})"
        if not (self.before + self.after).count("line "):
            return f"between the {key} of {self.before} and {self.after} ({lines})"
        return f"between {side(self.before)} and {side(self.after)} ({lines})"

    def dates(self) -> str:
        """ "2025-06-17", "2025-06-17 and 2025-07-17", "2025-04-17 to 2025-07-17 (4 results)"."""
        first, last = self.days[0].isoformat(), self.days[-1].isoformat()
        if len(self.days) == 1:
            return first
        return f"{first} and {last}" if len(self.days) == 2 else f"{first} to {last} ({len(self.days)} {self.key})"


#: One entry of each list that :func:`place_entries` places in date order.
_ONE = {"results": "result", "incidents": "incident"}


def place_entries(text: str, monitoring: dict, entries: list[dict],
                  key: str = "results") -> tuple[str, list[int], list[Placement], set[str]]:
    """``text`` with the new entries ``entries`` of the list ``key`` (results or incidents) each
    inserted where :func:`entry_position` puts it, one after another (so a CSV's results fall in
    among each other as among the file's). Returns the new text, each entry's position as it was
    inserted (for :func:`verify_append`), the runs of new entries in the new list
    (:class:`Placement`, in the file's order) and how their places were chosen (:data:`PLACES`)."""
    import yaml

    items = list(monitoring.get(key)) if isinstance(monitoring.get(key), list) else []
    new: list = [None] * len(items)  # the new entries as given, where they are in the list
    positions, hows = [], set()
    for entry in entries:
        position, how = entry_position(items, entry)
        text = insert_entry(text, key, entry, position)
        items.insert(position, _plain(entry))
        new.insert(position, entry)
        positions.append(position)
        hows.add(how)
    root = _node_tree(text)
    seq = next((v for k, v in (root.value if isinstance(root, yaml.MappingNode) else [])
                if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    runs: list[Placement] = []
    if not isinstance(seq, yaml.SequenceNode) or len(seq.value) != len(items):
        return text, positions, runs, hows

    def named(i: int) -> str | None:
        if not 0 <= i < len(items):
            return None
        day = parse_date(items[i].get("date")) if isinstance(items[i], dict) else None
        return day.isoformat() if day else f"line {seq.value[i].start_mark.line + 1}"

    i = 0
    while i < len(items):
        if new[i] is None:
            i += 1
            continue
        j = i
        while j + 1 < len(items) and new[j + 1] is not None:
            j += 1
        runs.append(Placement([parse_date(items[k]["date"]) for k in range(i, j + 1)],
                              seq.value[i].start_mark.line + 1, _last_content_line(seq.value[j], text) + 1,
                              named(i - 1), named(j + 1), key, new[i:j + 1]))
        i = j + 1
    return text, positions, runs, hows


def complete_and_place(text: str, monitoring: dict, completions: list[tuple[int, dict, dict]], entries: list[dict],
                       rel: str, app_id: str = "") -> tuple[str, list[int], list[Placement], set[str]]:
    """``text`` with each of ``completions`` (index in ``results``, additions, the result as it
    will read: :func:`result_addition`) added to its result in place (:func:`update_entry`), then
    the new ``entries`` placed among the results (:func:`place_entries`): what an import of a CSV
    with dates already recorded and new ones writes, in one step. Each step is verified as the
    update and append paths verify theirs (:func:`verify_update`, :func:`verify_append`: re-read,
    nothing else changed, no new schema error), so the whole change is. Returns what
    :func:`place_entries` returns; raises :class:`MonitorError` before anything is written."""
    current = copy.deepcopy(monitoring)
    items = current.get("results")
    for index, additions, updated in completions:  # in place: no index moves until the inserts
        new = update_entry(text, "results", index, additions)
        verify_update(text, new, "results", index, updated, rel, app_id)
        text = new
        if isinstance(items, list) and 0 <= index < len(items):
            items[index] = _plain(updated)
    if not entries:
        return text, [], [], set()
    new, positions, placed, hows = place_entries(text, current, entries, "results")
    verify_append(text, new, "results", entries, rel, app_id, positions)
    return new, positions, placed, hows


def order_note(monitoring: dict, hows: set[str], rel: str, key: str = "results") -> str | None:
    """What to say of a list of results (or incidents: ``key``) not in date order that new ones
    were placed in (how: :func:`place_entries`), or None for a list in date order."""
    one = _ONE.get(key, "entry")
    items = monitoring.get(key) if isinstance(monitoring.get(key), list) else []
    dated = [(i, d) for i, r in enumerate(items) if isinstance(r, dict) and (d := parse_date(r.get("date")))]
    if "newest-first" in hows:
        return f"the {key} in {rel} are newest first; the new ones were put in that order"
    if not hows & {"unsorted", "per-metric"}:
        return None
    k = next((k for k in range(1, len(dated)) if dated[k][1] < dated[k - 1][1]), None)
    if k is None:
        return None
    out = (f"the {key} in {rel} are not in date order (the {one} of {dated[k][1].isoformat()} follows that of "
           f"{dated[k - 1][1].isoformat()}); raio left them where they are")
    parts = []
    if "per-metric" in hows:
        parts.append("among the results of its metrics, which are in date order")
    if "unsorted" in hows:
        parts.append(f"after the last {one} dated before it (before the first, when none is)")
    return out + " and put each new one " + ", or ".join(parts)


def _node_tree(text: str):
    """The node tree of a monitoring.yaml (None when empty). The pure-Python loader: its marks
    count characters (libyaml's may count bytes), and a monitoring.yaml is a few kilobytes.
    Raises :class:`MonitorError` when the text is no valid YAML."""
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        raise MonitorError(f"monitoring.yaml is not valid YAML ({' '.join(str(exc).split())[:120]})",
                           "Fix the file first; 'raio check' shows where.") from None
    finally:
        loader.dispose()


def update_entry(text: str, key: str, index: int, additions: dict) -> str:
    """``text`` (a monitoring.yaml) with ``additions`` added to item ``index`` of the top-level
    list ``key``: each key the item lacks goes after its last line (a mapping such as
    ``reported_to`` into the item's own mapping when it has one), before the closing brace of a
    flow mapping. Nothing else of the text changes, comments included. Raises
    :class:`MonitorError` when the item cannot be found as a mapping."""
    newline = _newline(text)
    for field, value in additions.items():
        if isinstance(value, dict):
            for k, v in value.items():
                text = _add_to_mapping(text, key, index, field, k, v, newline)
        else:
            text = _add_to_mapping(text, key, index, None, field, value, newline)
    return text


def _add_to_mapping(text: str, key: str, index: int, field: str | None, name: str, value: Any, newline: str) -> str:
    """``text`` with ``name: value`` added to item ``index`` of list ``key`` (or to its mapping
    ``field``; created as ``field: {name: value}`` when the item has none)."""
    import yaml

    root = _node_tree(text)
    seq = None
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                seq = v
    if not isinstance(seq, yaml.SequenceNode) or not 0 <= index < len(seq.value) or \
            not isinstance(seq.value[index], yaml.MappingNode):
        raise MonitorError(f"the entry to complete is not a mapping in '{key}' of monitoring.yaml",
                           "Fix the file first; 'raio check' shows where.")
    target = seq.value[index]
    if field is None:
        present = [v for k, v in target.value if isinstance(k, yaml.ScalarNode) and k.value == name]
        if present and isinstance(present[-1], yaml.ScalarNode) and present[-1].tag.endswith(":null"):
            # `reference:` or `follow_up: ~` left to fill in: the value goes where the null stands
            node = present[-1]
            if node.end_mark.index > node.start_mark.index:
                return text[:node.start_mark.index] + _scalar(value) + text[node.end_mark.index:]
            key_node = [k for k, v in target.value if v is node][0]
            colon = text.index(":", key_node.end_mark.index) + 1
            return text[:colon] + " " + _scalar(value) + text[colon:]
        if present and isinstance(present[-1], yaml.ScalarNode):
            node = present[-1]
            if name == "follow_up":  # a follow-up is appended as a line of the text
                key_node = [k for k, v in target.value if v is node][0]
                return _append_line(text, key_node, node, str(value), target.flow_style, newline)
            # a value to change (only severity is changed): replaced where it stands
            return text[:node.start_mark.index] + _scalar(value) + text[node.end_mark.index:]
    if field is not None:
        inner = [(k, v) for k, v in target.value if isinstance(k, yaml.ScalarNode) and k.value == field]
        if not inner:
            return _insert_pair(text, target, field, {name: value}, newline)
        key_node, node = inner[-1]
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and target.flow_style:
            # `{..., reported_to: ~}`: the null becomes the mapping
            rest = text[node.end_mark.index:]
            return text[:node.start_mark.index].rstrip(" ") + f" {{{_scalar(name)}: {_scalar(value)}}}" + \
                (rest if node.end_mark.index > node.start_mark.index else rest.lstrip(" "))
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            # `reported_to:` or `reported_to: ~` / `null`: the mapping goes under the key line
            line = key_node.start_mark.line
            same_line = node.start_mark.line == line and node.end_mark.index > node.start_mark.index
            remove = (node.start_mark.index, node.end_mark.index) if same_line else None
            block = f"{' ' * (key_node.start_mark.column + 2)}{_scalar(name)}: {_scalar(value)}{newline}"
            return _splice_after_line(text, line, block, newline, remove)
        inner = [node]
        if not isinstance(inner[-1], yaml.MappingNode):
            raise MonitorError(f"'{field}' of the entry is not a mapping", "Fix the file first; 'raio check' shows where.")
        target = inner[-1]
    return _insert_pair(text, target, name, value, newline)


def _append_line(text: str, key_node, node, line: str, flow: bool, newline: str) -> str:
    """``text`` with ``line`` added as a new line of the text scalar ``node``: under its last
    line in a literal block (after an empty line in a folded one, which keeps it a line of its
    own); a one-line value in a block mapping becomes a literal block (``|-``, the comment after
    the value moved to its header), one in a flow mapping a double-quoted text."""
    lines = _lines(text)
    if node.style in ("|", ">"):
        content = [x for x in lines[node.start_mark.line + 1:] if x.strip()]
        pad = " " * (len(content[0]) - len(content[0].lstrip(" "))) if content else \
            " " * (key_node.start_mark.column + 2)
        block = (newline if node.style == ">" else "") + pad + line + newline
        return _splice_after_line(text, _last_content_line(node, text, kept=False), block, newline)
    new = node.value + "\n" + line
    parts = new.split("\n")
    start, end = node.start_mark.index, node.end_mark.index
    brk = re.search("[\r\n\x85\u2028\u2029]", text[end:])
    line_end = end + brk.start() if brk else len(text)
    tail = text[end:line_end]
    if flow or any(not p.strip() or p != p.strip() or not p.isprintable() for p in parts) or \
            (tail.strip() and not tail.strip().startswith("#")):
        return text[:start] + _scalar(new) + text[end:]
    pad = " " * (key_node.start_mark.column + 2)
    return text[:start] + "|-" + tail.rstrip() + "".join(newline + pad + p for p in parts) + text[line_end:]


def _insert_pair(text: str, node, name: str, value: Any, newline: str) -> str:
    """``name: value`` added as the last pair of the mapping ``node`` (block or flow)."""
    if node.flow_style or not node.value:
        inner = f"{{{', '.join(f'{_scalar(k)}: {_scalar(v)}' for k, v in value.items())}}}" if isinstance(value, dict) \
            else _scalar(value)
        close = text.rfind("}", 0, node.end_mark.index)
        if close < 0 or not node.flow_style:
            raise MonitorError("the entry to complete is an empty mapping", "Fix the file first; 'raio check' shows where.")
        at = len(text[:close].rstrip())
        sep = ", " if node.value and not text[:at].endswith(",") else ""
        return text[:at] + sep + f"{_scalar(name)}: {inner}" + text[at:]
    pad = " " * node.value[0][0].start_mark.column
    if isinstance(value, dict):
        block = f"{pad}{_scalar(name)}:{newline}" + "".join(
            f"{pad}  {_scalar(k)}: {_scalar(v)}{newline}" for k, v in value.items())
    else:
        block = f"{pad}{_scalar(name)}: {_scalar(value)}{newline}"
    return _splice_after_line(text, _last_content_line(node, text), block, newline)


def _splice_after_line(text: str, line: int, block: str, newline: str, remove: tuple[int, int] | None = None) -> str:
    """Insert ``block`` after 0-based ``line``; first cut ``remove`` (a span on that line) out."""
    if remove:
        start, end = remove
        text = text[:start].rstrip(" ") + text[end:]
    lines = _lines(text, keepends=True)
    cut = sum(len(part) for part in lines[: line + 1])
    head = text[:cut]
    if head and not head.endswith(("\n", "\r")):
        head += newline
    return head + block + text[cut:]


def _last_content_line(node, text: str, kept: bool = True) -> int:
    """0-based line of the last character that belongs to ``node`` (comments after it excluded).
    The blank lines a block scalar kept with ``|+`` or ``>+`` are part of its text, so belong to it
    (what goes after the node goes after them); ``kept=False``: its last line that is not blank."""
    import yaml

    while True:
        if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
            node = node.value[-1][1]
        elif isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
            node = node.value[-1]
        else:
            break
    end, start = node.end_mark, node.start_mark
    line = end.line
    if end.column == 0 and line > start.line:  # block scalars end at the start of a later line
        line -= 1
    lines = _lines(text)
    if kept and getattr(node, "style", None) in ("|", ">") and re.match(r"[|>](?:\d?\+|\+\d)", text[start.index:start.index + 3]):
        return min(line, max(len(lines) - 1, 0))
    while line > start.line and line < len(lines) and not lines[line].strip():
        line -= 1
    return min(line, max(len(lines) - 1, 0))


_BREAK = re.compile("(?<=\n)|(?<=\r)(?!\n)|(?<=[\x85\u2028\u2029])")


def _newline(text: str) -> str:
    """The line break the file uses, for the lines added to it: \r\n (Windows), a lone \r (old
    Mac editors) where it has no \n at all, else \n."""
    return "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"


def _lines(text: str, keepends: bool = False) -> list[str]:
    """Lines as YAML counts them (\\n, \\r\\n, \\r, NEL, LS, PS), not as str.splitlines does."""
    parts = [p for p in _BREAK.split(text) if p]
    return parts if keepends else [p.rstrip("\r\n\x85\u2028\u2029") for p in parts]


def known_metrics(typed: str, known) -> str:
    """The hint for a metric ``typed`` that the plan does not list: the plan's metric it most
    likely means ('m1' for M1, 'M11' for M1), then every metric of the plan."""
    import difflib

    names = [str(k) for k in known]  # an id written as a number is the schema's to report
    close = [k for k in names if k.casefold() == str(typed).casefold()] or \
        difflib.get_close_matches(str(typed), names, n=1)
    return (f"Did you mean {close[0]}? " if close else "") + f"Known metrics: {', '.join(names)}."


def _clip(text: str, n: int = 60) -> str:
    from raio_cli.privacy import clip

    return clip(text, n)


# --------------------------------------------------------------------------------------------
# Importing results from CSV, the new-file template, and checking a changed file


RESERVED_COLUMNS = ("date", "metric", "value", "by", "notes", "follow_up")


def _column_key(header: str) -> str:
    """A CSV header as the import compares it with its column names: lower case, a space or '-'
    between words as '_' ("Follow-up", "ingevoerd door")."""
    return "_".join(header.casefold().replace("-", " ").split())


def csv_column_names(header: list[str], known: Iterable[str] = ()) -> list[str]:
    """Each CSV header as the import reads it: one of :data:`RESERVED_COLUMNS` for an English
    column name or one of its Dutch words (catalog ``field_words.yaml`` ``import_columns``:
    ``datum`` is date), else the header itself (a metric). A Dutch word that is a metric id of
    the plan (``known``) stays that metric."""
    from raio_cli.catalog import import_column_words

    dutch = {w: column for column, words in import_column_words().items() for w in words}
    known = set(known)
    out = []
    for h in header:
        key = _column_key(h)
        out.append(key if key in RESERVED_COLUMNS else dutch[key] if key in dutch and h not in known else h)
    return out


def csv_columns_text() -> str:
    """The column names import reads, for a hint: "date (datum, meetdatum), metric (meting ...)"."""
    from raio_cli.catalog import import_column_words

    words = import_column_words()
    return ", ".join(f"{c} ({', '.join(words[c])})" if words.get(c) else c for c in RESERVED_COLUMNS)


def decode_csv(raw: bytes) -> tuple[str, str]:
    """The text of a results CSV and the encoding it was read in: ``"utf-8"`` (with or without a
    byte-order mark), else ``"cp1252"``, what Excel writes as "CSV (comma delimited)" on a Dutch
    or English Windows. Raises the ``UnicodeDecodeError`` of UTF-8 when neither reads it (bytes
    Windows-1252 leaves undefined: then it is neither)."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise exc from None


_DAY_FIRST = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_SLASHED = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


def csv_date(raw: str, where: str) -> tuple[dt.date, bool]:
    """The date of a CSV cell, and whether it was written day first: YYYY-MM-DD, or D-M-YYYY
    with hyphens (01-11-2026 is 1 November 2026), as a spreadsheet in Dutch settings writes a
    date. Raises :class:`MonitorError` for anything else; a date with slashes (01/11/2026),
    which an English spreadsheet writes month first, is refused as ambiguous."""
    day = parse_date(raw)
    if day is not None:
        return day, False
    text = raw.strip()
    m = _DAY_FIRST.fullmatch(text)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), True
        except ValueError:
            pass
    hint = ("Write dates as YYYY-MM-DD (2026-11-01), or day-month-year with hyphens (01-11-2026) "
            "as a spreadsheet in Dutch settings writes them.")
    if _SLASHED.fullmatch(text):
        raise MonitorError(f"{where}: '{_clip(raw)}' can be read day first or month first", hint)
    raise MonitorError(f"{where}: '{_clip(raw)}' is not a date", hint)


def parse_results_csv(text: str, monitoring: dict, today: dt.date, notes: list[str] | None = None,
                      completions: list | None = None) -> list[dict]:
    """Results entries from CSV text, validated; raises :class:`MonitorError` (with the line) on any problem.

    Two layouts, told apart by the header (names are case-insensitive, in English or in the
    Dutch words of :func:`csv_column_names`: ``datum;meting;waarde``):

    - *long*: ``date,metric,value[,by,notes,follow_up]``: one value per row; rows with the same
      date become one result (their by/notes/follow_up must agree);
    - *wide*: ``date,<metric>,<metric>…[,by,notes,follow_up]``: one result per row; an empty cell
      means no value for that metric.

    The delimiter is a comma, or a semicolon when the header has semicolons and no commas (as
    spreadsheets in Dutch settings write); with semicolons a decimal comma (0,91) is accepted,
    and points between groups of three digits are thousands separators (1.250,5; 1.250.000);
    a number such as 1.061 (1061 in Dutch, 1.061 in English) is refused as ambiguous.
    A date is YYYY-MM-DD or day-month-year with hyphens (01-11-2026, see :func:`csv_date`);
    reading one day first appends a note to ``notes``, which the caller shows.
    A date may occur once in the file. A date monitoring.yaml has a result of is refused, unless
    ``completions`` is given: its values then go into that result as ``raio monitor APP result``
    adds them (:func:`result_addition`: only the metrics it lacks, by and notes when it has none),
    each as (index in ``results``, additions, the result as it will read) appended to
    ``completions`` (oldest first, for :func:`complete_and_place`), and only the new dates are returned.
    The entries come oldest first, whatever the order of the rows (one date's rows of the long
    layout are one entry, its values in the rows' order).
    """
    import csv
    import io

    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise MonitorError("the CSV file is empty", "The first line is the header: date,metric,value or date,M1,M2,…")
    delimiter = ";" if ";" in lines[0] and "," not in lines[0] else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [h.strip() for h in rows[0]]
    known = metric_ids(monitoring)
    lower = csv_column_names(header, known)
    if not lower or lower[0] != "date":
        first = f"; its first column is '{_clip(header[0])}'" if header and header[0] else "; its first column has no name"
        sep = delimiter
        raise MonitorError(f"the CSV header must start with 'date'{first}",
                           f"Write date{sep}metric{sep}value (long) or date{sep}M1{sep}M2{sep}… (wide) as the first "
                           f"line. Column names, in any case, in English or Dutch: {csv_columns_text()}.")
    folded = [name.casefold() for name in lower]
    twice = next((name for name in folded if folded.count(name) > 1), None)
    if twice is not None:
        both = [f"'{_clip(h, 30)}'" for h, name in zip(header, folded) if name == twice]
        raise MonitorError(f"the CSV header names a column twice ({' and '.join(both[:2])})", "Give each column once.")
    long = "metric" in lower and "value" in lower
    if not long:
        for h, name in zip(header[1:], lower[1:]):
            if name in RESERVED_COLUMNS:
                continue
            if h not in known:
                raise MonitorError(f"CSV column '{_clip(h)}' is not a metric of the plan",
                                   (known_metrics(h, known) if known else
                                    "Add the metrics to plan.metrics in monitoring.yaml first.")
                                   + f" Other columns: {csv_columns_text()}.")

    def cell(row, name):
        i = lower.index(name) if name in lower else -1
        return row[i].strip() if 0 <= i < len(row) else ""

    def number(raw, where):
        if delimiter == ";":
            # Dutch notation: a decimal comma, and points only as thousands separators
            # (1.250 or 1.250,5). One group of three after a point without a comma (1.061) is
            # 1061 in Dutch and 1.061 in English: ask instead of guessing.
            grouped = re.fullmatch(r"[+-]?[1-9]\d{0,2}((?:\.\d{3})+)(,\d+)?", raw)
            if grouped and grouped.group(1).count(".") == 1 and not grouped.group(2):
                raise MonitorError(f"{where}: '{_clip(raw)}' can be read as {raw.replace('.', '')} (a point "
                                   f"between thousands, as in Dutch) or as {raw} (a decimal point)",
                                   "Write it without a thousands separator: a whole number as "
                                   f"{raw.replace('.', '')}, a decimal one with a comma ({raw.replace('.', ',')}).")
            if grouped:
                raw = raw.replace(".", "")
            if re.fullmatch(r"[+-]?\d+,\d+", raw):
                raw = raw.replace(",", ".")
        return parse_number(raw, where)

    grouped: dict[dt.date, dict] = {}
    order: list[dt.date] = []
    read_day_first: list[str] = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        where = f"CSV line {n}"
        if len(row) > len(header):
            raise MonitorError(f"{where} has {len(row)} cells, the header {len(header)}",
                               "Quote cells that contain the delimiter.")
        raw_date = cell(row, "date")
        day, day_first = csv_date(raw_date, where)
        if day_first and notes is not None and not read_day_first:
            read_day_first.append(raw_date)
            notes.append(f"dates were read as day-month-year, as Dutch spreadsheets write them: "
                         f"'{_clip(raw_date)}' as {day.isoformat()}")
        _check_day(day, today, where + ": date")
        extras = {k: cell(row, k) or None for k in ("by", "notes", "follow_up")}
        if long:
            metric = cell(row, "metric")
            if not metric:
                raise MonitorError(f"{where}: the metric is empty", "Give the metric id, e.g. M1.")
            pairs = [(metric, number(cell(row, "value"), f"{where}: {metric}"))]
        else:
            pairs = []
            for i, h in enumerate(header[1:], start=1):
                if lower[i] in RESERVED_COLUMNS:
                    continue
                raw = row[i].strip() if i < len(row) else ""
                if raw:
                    pairs.append((h, number(raw, f"{where}: {h}")))
            if not pairs:
                raise MonitorError(f"{where} has no values", "Fill in at least one metric, or remove the line.")
        group = grouped.get(day)
        if group is None:
            grouped[day] = group = {"values": [], "line": n, **extras}
            order.append(day)
        elif not long:
            raise MonitorError(f"{where}: the date {day.isoformat()} is also on line {group['line']}",
                               "Give each date once.")
        else:
            for k, v in extras.items():
                if v and group.get(k) and group[k] != v:
                    raise MonitorError(f"{where}: {k} differs from line {group['line']} for the same date",
                                       "Rows of one date share by, notes and follow_up.")
                group[k] = group.get(k) or v
        for metric, value in pairs:
            if metric in dict(group["values"]):
                raise MonitorError(f"{where}: {metric} on {day.isoformat()} is given twice", "Give each value once.")
            group["values"].append((metric, value))
    if not order:
        raise MonitorError("the CSV file has no rows after its header", "Add one row per date (wide) or per value (long).")
    entries = []
    for day in order:
        g = grouped[day]
        try:
            addition = None if completions is None else \
                result_addition(monitoring, day, g["values"], g["by"], g["notes"], g["follow_up"], today)
            if addition is not None:
                completions.append(addition)
                continue
            entries.append(result_entry(monitoring, day, g["values"], g["by"], g["notes"], g["follow_up"], today))
        except MonitorError as exc:
            raise MonitorError(f"CSV line {g['line']}: {exc}", exc.hint) from None
    if completions:
        completions.sort(key=lambda c: c[2]["date"])
    # oldest first, whatever the order of the rows (a spreadsheet sorted newest first), as
    # place_entries puts them one by one among the file's; sorted() is stable, each date is one entry
    return sorted(entries, key=lambda e: e["date"])


METRIC_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,31}")


def metrics_from_effects(effects: Any, patterns=()) -> list[dict]:
    """One monitoring metric per pre-registered effect of effects.yaml's data, ready for the
    template's commented plan: ``id`` (M1, M2 ...), ``effect``, ``description`` and ``unit``
    (double-quoted YAML), ``direction``, ``alert_threshold`` (the guardrail's limit or the
    benefit's target as text, None without one), ``source`` (which of the two) and ``post_hoc``.
    Effects marked post_hoc, and ids or values of another shape, are left out: the plan follows
    what was promised; unless every effect is post_hoc (a dossier written after its pilot began,
    as by a hospital that takes raio up with applications long in use): then they are what is
    known of what was expected, and each has its metric."""
    from raio_cli.privacy import mask_identifiers
    from raio_cli.scaffold import comment_text, yaml_quoted

    items = effects.get("effects") if isinstance(effects, dict) else None
    items = [e for e in items if isinstance(e, dict)] if isinstance(items, list) else []
    all_post_hoc = all(e.get("post_hoc") is True for e in items)
    out: list[dict] = []
    for effect in items:
        if effect.get("post_hoc") is True and not all_post_hoc:
            continue
        eid = effect.get("id")
        if not isinstance(eid, str) or not METRIC_ID.fullmatch(eid):
            continue
        guardrail = effect.get("kind") == "guardrail"
        source = "limit" if guardrail else "target"
        threshold = effect.get(source)
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not math.isfinite(threshold):
            threshold = None
        direction = effect.get("direction")
        if direction not in ("increase", "decrease"):
            direction = "decrease" if guardrail else "increase"
        text = next((v for v in (effect.get("metric"), effect.get("description")) if isinstance(v, str) and v.strip()), "")
        unit = effect.get("unit") if isinstance(effect.get("unit"), str) else ""

        def quoted(value: str, limit: int) -> str:
            return yaml_quoted(comment_text(mask_identifiers(value, patterns), limit))

        out.append({"id": f"M{len(out) + 1}", "effect": eid, "description": quoted(text, 120), "unit": quoted(unit, 40),
                    "direction": direction, "alert_threshold": None if threshold is None else repr(threshold),
                    "source": source, "post_hoc": effect.get("post_hoc") is True})
    return out


def template_text(app_id: str, name: str, patterns=(), effects: Any = None) -> str:
    """A new monitoring.yaml from ``templates/dossier/monitoring.yaml.j2``. The application's id
    and name go into its comments, which raio check does not read: a BSN or a match of
    ``patterns`` in them is masked, or raio would copy it where nothing reports it. ``effects``
    (effects.yaml's data) gives the plan one metric per pre-registered effect."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from raio_cli.privacy import clip, mask_identifiers
    from raio_cli.resources import templates_dir

    env = Environment(loader=FileSystemLoader(str(templates_dir() / "dossier")), undefined=StrictUndefined,
                      autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["comment"] = lambda v: clip("".join(ch for ch in " ".join(str(v).split()) if ch.isprintable()), 200,
                                            ellipsis="")
    return env.get_template("monitoring.yaml.j2").render(id=mask_identifiers(app_id, patterns),
                                                          name=mask_identifiers(name, patterns),
                                                          metrics=metrics_from_effects(effects, patterns))


def template_next(metrics: list[dict]) -> str:
    """What is left to do in a monitoring.yaml that :func:`template_text` wrote with ``metrics``
    (:func:`metrics_from_effects`), as ``raio monitor APP init`` says it: the plan is commented
    out, its owner empty and its frequency a guess; of a plan planned from effects.yaml, which
    metrics to keep and which have no alert threshold from their effect."""
    if not metrics:
        return ("uncomment the plan in monitoring.yaml and fill it in: its owner (the role that records the results), "
                "its frequency, and a metric per thing to follow (id, description, unit, direction, alert_threshold)")
    ids = [m["id"] for m in metrics]
    lacking = [m["id"] for m in metrics if m.get("alert_threshold") is None]
    per = ("one per effect, each marked post_hoc: none was pre-registered" if all(m.get("post_hoc") for m in metrics)
           else "one per pre-registered effect")
    text = (f"uncomment the plan in monitoring.yaml, fill in its owner (the role that records the results) and "
            f"confirm its frequency; of its metrics ({', '.join(ids)}: {per}) "
            "keep those worth following")
    if lacking:
        named = lacking[0] if len(lacking) == 1 else ", ".join(lacking[:-1]) + " and " + lacking[-1]
        text += f", and give {named} an alert_threshold (no target or limit in effects.yaml: the plan says 0)"
    return text


def _plain(value: Any) -> Any:
    """An entry as raio's loader reads it back (dates as ISO text)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def verify_append(old_text: str, new_text: str, key: str, entries: list[dict], rel: str, app_id: str = "",
                  positions: list[int] | None = None) -> None:
    """Check that ``new_text`` is ``old_text`` plus ``entries`` at the end of ``key`` and nothing else;
    with ``positions``, each entry inserted at its position in turn (:func:`place_entries`).

    Re-reads both with :mod:`raio_cli.yamlio`, compares the data, and validates against the
    monitoring schema: a finding the old text did not have means the entries cannot be added as
    they are. Raises :class:`MonitorError`.
    """
    from raio_cli import schema, yamlio

    old = yamlio.load_bytes(old_text.encode("utf-8"), rel, app_id)
    new = yamlio.load_bytes(new_text.encode("utf-8"), rel, app_id)
    if not isinstance(new.data, dict):
        first = new.findings[0].message if new.findings else "not a mapping"
        raise MonitorError(f"adding the entry would leave {rel} unreadable ({first})",
                           "This is a bug in raio; nothing was written. Add the entry by hand and report it.")
    old_data = old.data if isinstance(old.data, dict) else {}
    before = old_data.get(key) if isinstance(old_data.get(key), list) else []
    after = new.data.get(key)
    expected = list(before)
    for n, e in enumerate(entries):
        expected.insert(positions[n] if positions is not None else len(expected), _plain(e))
    rest_old = {k: v for k, v in old_data.items() if k != key}
    rest_new = {k: v for k, v in new.data.items() if k != key}
    if after != expected or rest_old != rest_new:
        raise MonitorError(f"adding the entry would change {rel} in other places",
                           "This is a bug in raio; nothing was written. Add the entry by hand and report it.")

    # An entry inserted before others moves their index (incidents[1] is now incidents[2]) and
    # lines, which the findings name: they are compared with their numbers left out, counted.
    from collections import Counter

    def keyed(findings) -> Counter:
        return Counter((f.code, re.sub(r"\d+", "#", f.message)) for f in findings if str(f.severity) == "error")

    now = new.findings + schema.validate(new, "monitoring", app_id)
    fresh = keyed(now) - keyed(old.findings + (schema.validate(old, "monitoring", app_id) if isinstance(old.data, dict) else []))
    if fresh:
        code, message = min((f.code, f.message) for f in now
                            if str(f.severity) == "error" and (f.code, re.sub(r"\d+", "#", f.message)) in fresh)
        raise MonitorError(f"the new entry does not fit the monitoring schema: {message} ({code})",
                           "Nothing was written. Correct the values and try again.")


def verify_update(old_text: str, new_text: str, key: str, index: int, updated: dict, rel: str, app_id: str = "") -> None:
    """Check that ``new_text`` is ``old_text`` with item ``index`` of ``key`` now reading
    ``updated`` and nothing else changed, and that it brings no schema error the old text did not
    have. Raises :class:`MonitorError`."""
    from raio_cli import schema, yamlio

    old = yamlio.load_bytes(old_text.encode("utf-8"), rel, app_id)
    new = yamlio.load_bytes(new_text.encode("utf-8"), rel, app_id)
    if not isinstance(new.data, dict) or not isinstance(old.data, dict):
        raise MonitorError(f"completing the entry would leave {rel} unreadable",
                           "This is a bug in raio; nothing was written. Complete the entry by hand and report it.")
    expected = copy.deepcopy(old.data)
    items = expected.get(key)
    if not isinstance(items, list) or not 0 <= index < len(items):
        raise MonitorError(f"completing the entry would change {rel} in other places",
                           "This is a bug in raio; nothing was written. Complete the entry by hand and report it.")
    items[index] = _plain(updated)
    if new.data != expected:
        raise MonitorError(f"completing the entry would change {rel} in other places",
                           "This is a bug in raio; nothing was written. Complete the entry by hand and report it.")

    def keyed(findings):
        return {(f.code, f.message) for f in findings if str(f.severity) == "error"}

    fresh = keyed(new.findings + schema.validate(new, "monitoring", app_id)) - \
        keyed(old.findings + schema.validate(old, "monitoring", app_id))
    if fresh:
        code, message = sorted(fresh)[0]
        raise MonitorError(f"the completed entry does not fit the monitoring schema: {message} ({code})",
                           "Nothing was written. Correct the values and try again.")
