"""Dates and pilotitis: pilots end, outcomes lead to decisions, certificates and evidence stay valid.

Every limit comes from the policy (``raio_cli/catalog/policy.yaml``, overridden in raio.yaml
``policy``) and every legal date from ``raio_cli/catalog/regulatory_dates.yaml``; "today" is the
check's ``--today`` (:attr:`raio_cli.check.Context.today`), never the wall clock.

The pilot's *last end* is the latest of ``plan.end``, every ``extensions[].end`` and, for a
decision ``extend``, ``decision.new_end``.

The helpers :func:`as_date`, :func:`add_days`, :func:`pilot_end` and :func:`decision_reference`
are used by the decision rules and the report too.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache
from typing import Any

from raio_cli import shellhint
from raio_cli.findings import Severity
from raio_cli.monitoring import parse_date as as_date  # a YYYY-MM-DD text (or a date) as a date, else None
from raio_cli.rules import checklist_catalog, rule
from raio_cli.values import as_date as text_date, scalar_text  # text_date: lenient, also ISO text with a time after it

#: Stages in which a scale-up / extend / stop decision is still pending when none is recorded.
DECISION_PENDING_STAGES = ("pilot", "evaluation")
#: Stages in which the application is, or will be, used: certificates and evidence must be valid.
USE_STAGES = ("proposed", "planned", "pilot", "evaluation", "production")
#: Stages for which approaching regulatory dates are checked; dates that passed are errors only
#: from ``pilot`` on (in use), warnings at ``planned`` (due before the pilot starts).
REGULATORY_STAGES = ("planned", "pilot", "evaluation", "production")
IN_USE_STAGES = ("pilot", "evaluation", "production")


# --------------------------------------------------------------------------------------------
# Helpers (also used by raio_cli.rules.decision)


def add_days(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days``, kept within the calendar: an "open-ended" 9999-12-31 plus a horizon
    is 9999-12-31, not an OverflowError."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def policy_days(ctx, key: str, default: int) -> int:
    """A whole-number policy value of the run (:func:`policy_int` of ``ctx.policy``)."""
    return policy_int(ctx.policy, key, default)


def policy_int(policy: Any, key: str, default: int) -> int:
    """A whole-number value of a (merged) raio.yaml policy; the default when the schema refuses
    what it gives (text, a fraction such as 4.5, a number outside the schema's bounds, .nan or
    .inf): the schema reports it in raio.yaml, and no rule acts on a value it reports. A whole
    number written as ``20.0``, which the schema takes, is 20 (``1.000``, a thousand with a Dutch
    thousands point, is reported and left out of the policy: :attr:`Portfolio.policy`)."""
    value = policy.get(key, default) if isinstance(policy, dict) else default
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    low, high = _policy_bounds(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return default
    return value


@cache
def _policy_bounds(key: str) -> tuple[float, float]:
    """The least and the greatest value ``schemas/raio.schema.json`` allows for policy ``key``."""
    from raio_cli.schema import load_schema

    node = load_schema("raio")["properties"]["policy"]["properties"].get(key, {})
    return node.get("minimum", 0), node.get("maximum", math.inf)


def _extensions(app) -> list[tuple[int, dict]]:
    ext = app.get("pilot", "extensions", default=[])
    return [(i, e) for i, e in enumerate(ext) if isinstance(e, dict)] if isinstance(ext, list) else []


def _decision(app) -> dict:
    d = app.get("pilot", "decision", default={})
    return d if isinstance(d, dict) else {}


def pilot_end(app) -> tuple[dt.date | None, tuple]:
    """The pilot's last end date and the path of the value that sets it (in pilot.yaml).

    An end on or before ``plan.start`` is no end to count from: one of the two dates is a typo
    (DAT001 reports it), and the rules that count from the end (DAT002, DAT003, DEC007) would
    report it a second time, from the wrong date.

    Two others read the pilot's end for another use: :func:`last_planned_end`, the end that
    status, export and the report show, and :func:`raio_cli.monitoring.pilot_last_end`, a
    stopped application's end of use, which reads plain data and leaves out an extend decision
    (a stopped pilot has none): for a stopped pilot it is this date."""
    start = as_date(app.get("pilot", "plan", "start"))
    best: tuple[dt.date | None, tuple] = (None, ("plan", "end"))
    for day, path in _end_candidates(app):
        if day is not None and (start is None or day > start) and (best[0] is None or day > best[0]):
            best = (day, path)
    return best


def _end_candidates(app) -> list[tuple[dt.date | None, tuple]]:
    candidates = [(as_date(app.get("pilot", "plan", "end")), ("plan", "end"))]
    candidates += [(as_date(e.get("end")), ("extensions", i, "end")) for i, e in _extensions(app)]
    decision = _decision(app)
    if decision.get("choice") == "extend":
        candidates.append((as_date(decision.get("new_end")), ("decision", "new_end")))
    return candidates


def end_paths_words(app, end: dt.date | None, path: tuple) -> str:
    """Every place in pilot.yaml that holds the pilot's last end ``end``, as hints name them
    (``extensions[0].end and decision.new_end``: an extension recorded under extensions and in
    the extend decision holds it twice, and an early end is written in both); else ``path``."""
    paths = [p for day, p in _end_candidates(app) if end is not None and day == end]
    return " and ".join(path_words(p) for p in paths) if paths else path_words(path)


def plan_dates_conflict(app) -> bool:
    """True when pilot.yaml's ``plan.start`` is on or after its ``plan.end`` (DAT001): one of the
    two is a typo, and the rules that compare another date with ``plan.start`` wait until it is
    corrected, rather than report the same typo again from the wrong date."""
    start, end = as_date(app.get("pilot", "plan", "start")), as_date(app.get("pilot", "plan", "end"))
    return start is not None and end is not None and start >= end


def switched_off(app, today: dt.date) -> dt.date | None:
    """The day a retired application went out of use as its dossier records it
    (``application.retirement.date``), which memo and status date its stage from: the commit that
    set the stage may come days later. None for another stage, or a date that is none or still to
    come (no retirement yet; MON011 says so)."""
    if app.stage != "retired":
        return None
    retirement = app.get("application", "retirement")
    day = as_date(retirement.get("date")) if isinstance(retirement, dict) else None
    return day if day is not None and day <= today else None


def extensions_counted(app) -> list[tuple[tuple, dt.date | None]]:
    """The pilot's extensions as DAT004 counts them, with the path of each in pilot.yaml and its
    end (None when it has none): every entry of ``extensions``, and an extend decision whose
    ``new_end`` is no extension's end (the extension decided, not yet written down). The report's
    pilotitis count and its timeline read them here too."""
    counted = [(("extensions", i, "end"), as_date(e.get("end"))) for i, e in _extensions(app)]
    decision = _decision(app)
    new_end = as_date(decision.get("new_end"))
    if decision.get("choice") == "extend" and new_end is not None and new_end not in {end for _, end in counted}:
        counted.append((("decision", "new_end"), new_end))
    return counted


def last_planned_end(app) -> dt.date | None:
    """The latest of ``plan.end``, the extensions' ends and an extend decision's ``new_end``, as
    status, export and the report show the pilot's end; ``plan.end`` not when it is not after
    ``plan.start`` (DAT001: one of them is a typo). :func:`pilot_end`, which the rules count
    from, also leaves out an extension's end on or before the start, and this one keeps it: it
    can be the latest only where plan.end is missing or left out, and DAT006 reports such an
    extension (an end not after the one it extends) either way."""
    ends = [] if plan_dates_conflict(app) else [as_date(app.get("pilot", "plan", "end"))]
    ends += [as_date(e.get("end")) for _, e in _extensions(app)]
    decision = _decision(app)
    if decision.get("choice") == "extend":
        ends.append(as_date(decision.get("new_end")))
    ends = [d for d in ends if d]
    return max(ends) if ends else None


#: A value written as a date with a slip (2026-13-01, 2026-3-5, 05-03-2026): shown as written when
#: it is no date; anything else is not echoed (it could hold a number that is no date at all).
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", re.ASCII)


def plan_date_problems(app) -> list[dict]:
    """What keeps pilot.yaml's ``plan.start`` and ``plan.end`` from being the pilot's dates, for
    status, export and the report to show alike: for a value that is there but no date (SCH005,
    YML007) ``{"kind": "unreadable", "key": "start" | "end", "text": ...}`` (``text`` the value as
    written when it looks like a date, else ""); for a start on or after the end (DAT001)
    ``{"kind": "order", "start": date, "end": date}``. Empty when both are dates in order or absent."""
    problems = []
    for key in ("start", "end"):
        value = app.get("pilot", "plan", key)
        if value is None or (isinstance(value, str) and not value.strip()) or as_date(value) is not None:
            continue
        text = value.strip() if isinstance(value, str) and _DATE_LIKE.fullmatch(value.strip()) else ""
        problems.append({"kind": "unreadable", "key": key, "text": text})
    if plan_dates_conflict(app):
        problems.append({"kind": "order", "start": as_date(app.get("pilot", "plan", "start")),
                         "end": as_date(app.get("pilot", "plan", "end"))})
    return problems


def plan_date_note(problems: list[dict]) -> str | None:
    """:func:`plan_date_problems` in words (English, for status and export), or None."""
    words = []
    for p in problems:
        if p["kind"] == "order":
            words.append(f"plan.start {p['start']} is not before plan.end {p['end']}")
        else:
            words.append(f"plan.{p['key']} {repr(p['text']) + ' ' if p['text'] else ''}is not a date")
    return "; ".join(words) or None


def decision_reference(app) -> tuple[dt.date | None, tuple, str]:
    """From when a decision is due: (date, its path in pilot.yaml, what it is in words).

    The outcome's date, else the pilot's last end. After an extension (an extend decision, or
    one recorded under ``extensions``): the extended pilot's last end, unless the outcome is
    dated after the extension was decided and not before that end (:func:`outcome_before_extension`
    reads it alike).
    """
    outcome_date = as_date(app.get("pilot", "outcome", "date"))
    end, end_path = pilot_end(app)
    extended, decided = _last_extension(app)
    if extended:
        if outcome_date is not None and (decided is None or outcome_date > decided) and \
                (end is None or outcome_date >= end):
            return outcome_date, ("outcome", "date"), f"the outcome of {outcome_date}"
        return end, end_path, f"the extended pilot's end on {end}" if end else ""
    if outcome_date is not None:
        return outcome_date, ("outcome", "date"), f"the outcome of {outcome_date}"
    return end, end_path, f"the pilot's end on {end}" if end else ""


def path_words(path: tuple) -> str:
    """A path in a file as raio's hints name it: ``extensions[0].end``, ``decision.new_end``."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


#: Where a dossier records the day something happened (not a plan, an end or an expiry still to
#: come): what it records, the file, and the path to the date, "*" for every entry of a list or
#: mapping.
RECORDED_DATES = (
    ("stage_since", "application", ("stage_since",)),
    ("reassessment", "application", ("reassessments", "*", "date")),
    ("retirement_decided", "application", ("retirement", "decided_on")),
    ("retirement", "application", ("retirement", "date")),
    ("amendment", "effects", ("amendments", "*", "date")),
    ("item", "compliance", ("items", "*", "date")),
    ("extension", "pilot", ("extensions", "*", "date")),
    ("outcome", "pilot", ("outcome", "date")),
    ("decision", "pilot", ("decision", "date")),
    ("result", "monitoring", ("results", "*", "date")),
    ("incident", "monitoring", ("incidents", "*", "date")),
    ("reported", "monitoring", ("incidents", "*", "reported_to", "*")),
)


def recorded_after(app, day: dt.date) -> list[tuple[str, str, tuple, dt.date]]:
    """(what, file, path, date) of every date in the dossier that records something as done and
    lies after ``day`` (:data:`RECORDED_DATES`), in file order: what a memo dated ``day`` would state
    as fact before it happened. The check reports most of them as dated after today: a checklist
    item, a decision, a monitoring result, incident or re-assessment as a warning (CMP009, DEC009,
    MON008), which leaves a memo no draft; a retirement or the decision to retire as an error
    (MON011, MON018); an outcome, an extension, an amendment or a ``stage_since`` as a warning
    (DAT017)."""
    found = []
    for what, name, pattern in RECORDED_DATES:
        for path, value in _at(app.data(name), pattern):
            when = as_date(value)
            if when is not None and when > day:
                found.append((what, name, path, when))
    return found


def _at(value: Any, pattern: tuple, path: tuple = ()):
    """(path, value) of every value at ``pattern`` ("*": each entry) under ``value``."""
    if not pattern:
        yield path, value
        return
    step, rest = pattern[0], pattern[1:]
    if step == "*":
        entries = enumerate(value) if isinstance(value, list) else value.items() if isinstance(value, dict) else ()
        for key, item in entries:
            yield from _at(item, rest, path + (key,))
    elif isinstance(value, dict) and step in value:
        yield from _at(value[step], rest, path + (step,))


def _decision_pending(app) -> bool:
    choice = _decision(app).get("choice")
    return app.stage in DECISION_PENDING_STAGES and choice not in ("scale-up", "stop")


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


# --------------------------------------------------------------------------------------------
# The pilot's own dates


@rule("DAT001", "pilot-start-not-before-end")
def start_before_end(app, ctx):
    """The pilot's planned start is not before its planned end.

    What: pilot.yaml `plan.start` on or after `plan.end`.
    Why: Usually a typo in a year or a swapped pair; every other date rule (overdue outcome,
    pilot length, pre-registration before the start) rests on these two dates. Until they are
    corrected, raio counts no end, overdue outcome or decision from such a `plan.end`.
    The finding stands at `plan.end`, or at `plan.start` when the dossier shows the start is the
    odd one: the stage says the pilot has begun while it would start after today, or an outcome,
    decision or extension is dated before it. A `# raio: ignore[DAT001]` on the `plan.end` line
    keeps it accepted there all the same.
    Fix: Correct the dates: `start` is the first day of the pilot, `end` its planned last day.
    """
    start, end = as_date(app.get("pilot", "plan", "start")), as_date(app.get("pilot", "plan", "end"))
    if start is not None and end is not None and start >= end:
        wrong = "start" if _start_is_the_odd_date(app, start, ctx.today) else "end"
        if wrong == "start" and _accepted_at(app, ("plan", "end"), "DAT001") and \
                not _accepted_at(app, ("plan", "start"), "DAT001"):
            wrong = "end"  # accepted where it stood before it moved to plan.start: it stays accepted
        hint = "Correct plan.end, or plan.start if that is the wrong one." if wrong == "end" else \
            "Correct plan.start (the pilot's stage or other dates say it has begun), or plan.end."
        yield app.finding("DAT001", "pilot", ("plan", wrong),
                          f"the pilot ends on {end}, {'the day it starts' if start == end else 'before it starts'} ({start})",
                          hint,
                          data={"variant": "same" if start == end else "before", "start": str(start), "end": str(end),
                                "at": wrong})


def _accepted_at(app, path: tuple, code: str) -> bool:
    """Whether an inline ``# raio: ignore[...]`` of ``code`` (with its reason) stands on the line
    where a finding at ``path`` of pilot.yaml is reported."""
    doc = app.docs.get("pilot")
    if doc is None or not doc.suppressions:
        return False
    line = app.where("pilot", path)[0]
    return any(s.line == line and s.reason and any(code.startswith(c) for c in s.codes) for s in doc.suppressions)


def _start_is_the_odd_date(app, start: dt.date, today: dt.date) -> bool:
    """True when the dossier's other dates show that ``plan.start``, not ``plan.end``, is the
    typo of a DAT001 pair: the stage says the pilot has begun while it would start after today,
    or an outcome, decision or extension is dated before it. Otherwise the end is the suspect."""
    if app.stage in IN_USE_STAGES + ("stopped", "retired") and start > today:
        return True
    later = [app.get("pilot", "outcome", "date"), _decision(app).get("date")]
    later += [e.get("date") for _, e in _extensions(app)]
    return any(day is not None and day < start for day in map(as_date, later))


@rule("DAT013", "pilot-stage-before-start", severity="warning")
def pilot_stage_before_start(app, ctx):
    """The application is in the pilot stage, but its pilot starts after today.

    What: application.yaml `stage: pilot` while pilot.yaml `plan.start` lies after today (not
    while `plan.start` is on or after `plan.end`: DAT001 reports that typo first).
    Why: The stage says the pilot runs; the plan says it has not begun. One of the two is wrong,
    and it matters: the pre-registration checks (REG) take effect from `plan.start`, so a pilot
    that really runs before it is not checked, and status and report count it as running.
    Fix: Keep `stage: planned` until the pilot starts; if it has started, correct `plan.start`
    to the day it did.
    """
    start = as_date(app.get("pilot", "plan", "start"))
    if app.stage == "pilot" and start is not None and start > ctx.today and not plan_dates_conflict(app):
        yield app.finding("DAT013", "application", ("stage",),
                          f"the stage is pilot, but the pilot starts on {start}, in {_days((start - ctx.today).days)}",
                          "Set stage: planned until the pilot starts, or correct plan.start if it has begun.")


@rule("DAT014", "planned-pilot-not-started", severity="warning")
def planned_pilot_not_started(app, ctx):
    """The application is still planned, well after its pilot was to start.

    What: application.yaml `stage: planned` while pilot.yaml `plan.start` lies more than the
    policy's `start_grace_days` (default 14) before today.
    Why: A pilot that never starts stalls as surely as one that never ends: the application
    waits in the pipeline, the plan's dates drift from the truth, and if the pilot did start, the
    status and report count it as not running. Either the stage or the plan is out of date.
    Fix: If the pilot has started, set `stage: pilot` and commit it. If it has not, say why and
    from when in pilot.yaml's `plan` (moving `plan.start` after the old date passed is reported
    as REG006, which asks for the reason), or stop the application with a decision.
    """
    start = as_date(app.get("pilot", "plan", "start"))
    if app.stage != "planned" or start is None:
        return
    grace = policy_days(ctx, "start_grace_days", 14)
    late = (ctx.today - start).days
    if late > grace:
        yield app.finding("DAT014", "application", ("stage",),
                          f"the stage is still planned, but the pilot was to start on {start}, {_days(late)} ago",
                          "Set stage: pilot if the pilot has started; if it has not, record why and from when in "
                          "pilot.yaml's plan, or stop the application.")


@rule("DAT015", "outcome-before-pilot-start")
def outcome_before_start(app, ctx):
    """The pilot's outcome is dated before the pilot started.

    What: pilot.yaml `outcome.date` before `plan.start` (not while `plan.start` is on or after
    `plan.end`: DAT001 reports that typo first).
    Why: Results cannot be analysed before the pilot that produces them has begun: one of the two
    dates is wrong (often the example date of the template, left in when the outcome block was
    uncommented). The decision falls due a number of days after the outcome's date, so a wrong
    date also makes DAT003 report the decision overdue, or not yet due, by the wrong days.
    Fix: Write the date the outcome was analysed in `outcome.date`; or correct `plan.start` to
    the day the pilot really started.
    """
    outcome = app.get("pilot", "outcome")
    day = as_date(outcome.get("date")) if isinstance(outcome, dict) else None
    start = as_date(app.get("pilot", "plan", "start"))
    if day is not None and start is not None and day < start and not plan_dates_conflict(app):
        yield app.finding("DAT015", "pilot", ("outcome", "date"),
                          f"the outcome is dated {day}, before the pilot started ({start})",
                          "Write the date the outcome was analysed (outcome.date), after plan.start; or correct plan.start.",
                          data={"date": str(day), "start": str(start)})


@rule("DAT016", "outcome-before-planned-end", severity="warning")
def outcome_before_planned_end_rule(app, ctx):
    """The outcome of a pilot that was not extended is dated before its planned end.

    What: pilot.yaml `outcome.date` before `plan.end` (and not before `plan.start`: DAT015), with
    `outcome.results` on file, no extension (under `extensions` or an extend decision: DAT002
    reads an extended pilot's outcome), in stage evaluation or later. Not for a stop decision:
    stopping early (e.g. for a breached guardrail) is allowed; nor for a scale-up decided before
    the planned end: DEC007 reports that.
    Why: raio reads such an outcome as the outcome of a pilot that ended early. Ending a pilot
    early is what pre-registration guards against: stopped when the numbers look good, the
    results rest on fewer cases than planned and favour the application. The decision is due
    from the outcome's date, and memos say the pilot ended early.
    Fix: If the pilot did end early, record the day it ended and why: pilot.yaml has no field for
    the early end of a pilot that was not extended, so write it in the outcome (e.g. `unexpected`)
    and accept this finding on the `outcome.date` line with that reason
    (`# raio: ignore[DAT016] ended on ... because ...`). If the outcome is an interim analysis,
    report the whole pilot's results with the day they were analysed. If a date is a typo,
    correct `outcome.date`.
    """
    if app.stage not in ("evaluation", "production", "stopped", "retired") or _decision(app).get("choice") == "stop":
        return
    from raio_cli.rules.decision import scale_up_before_end

    if scale_up_before_end(app):
        return  # the scale-up decided before the planned end is the slip: DEC007 says it
    early = outcome_before_planned_end(app)
    if early is None:
        return
    day, end = early["outcome"], early["end"]
    days = (end - day).days
    yield app.finding("DAT016", "pilot", ("outcome", "date"),
                      f"the outcome is dated {day}, {_days(days)} before the pilot's planned end ({end}): "
                      "it is read as the outcome of a pilot that ended early",
                      "If the pilot ended early, write the day it ended and why in pilot.yaml's outcome (there is no "
                      "field for it) and accept this finding on the outcome.date line with that reason "
                      "(# raio: ignore[DAT016] ended on ... because ...); if the outcome is an interim analysis, "
                      "report the whole pilot's results; if outcome.date is a typo, correct it.",
                      data={"date": str(day), "end": str(end), "days": days})


#: The recorded dates (:data:`RECORDED_DATES`) that DAT017 holds to today, in the words of its
#: message; the others have rules of their own (CMP009, DEC009, MON008, MON011, MON018).
_FUTURE_WORDS = {"stage_since": "stage_since (the day the application entered its stage)",
                 "amendment": "an amendment", "extension": "an extension's decision", "outcome": "the outcome"}


@rule("DAT017", "recorded-date-in-future", severity="warning")
def recorded_dates_not_in_future(app, ctx):
    """A date that records something done lies after today: the outcome, an extension's or an
    amendment's decision, or the day the application entered its stage.

    What: pilot.yaml `outcome.date` or `extensions[].date`, effects.yaml `amendments[].date`, or
    application.yaml `stage_since` later than today. (A checklist item, a decision, monitoring and
    a retirement dated after today have rules of their own: CMP009, DEC009, MON008, MON011,
    MON018.)
    Why: The dossier is an audit trail: each of these dates says when something happened. A date
    still to come is usually a typo (2027 for 2026), or a plan written down as if it had happened;
    the rules that count from it then count from the wrong day (an outcome dated ahead postpones
    the decision it makes due, DAT003; an amendment dated ahead looks declared in time, REG003), and
    a memo states it as a fact.
    Fix: Correct the date; record a plan elsewhere (pilot.yaml `plan`, a note) until it happens.
    """
    for what, name, path, when in recorded_after(app, ctx.today):
        words = _FUTURE_WORDS.get(what)
        if words is not None:
            yield app.finding("DAT017", name, path, f"{words} is dated {when}, after today ({ctx.today})",
                              "Write the day it happened; a date still to come is a plan, not a record.",
                              data={"what": what, "date": str(when)})


@rule("DAT002", "pilot-ended-without-outcome", severity="warning")
def outcome_after_end(app, ctx):
    """The pilot has passed its end date and has no outcome yet.

    What: An application in stage pilot or evaluation, today after the pilot's last end (plan.end,
    extensions, an extend decision's new_end), without `outcome.results` in pilot.yaml, or, after
    an extension (under `extensions` or an extend decision), with only results dated on or
    before the extension was decided (they led to it and say nothing of the extended pilot), not
    dated at all (nothing shows they are the extended pilot's), or dated before the extended
    pilot's last end (an interim outcome: it says nothing of the days after it). Once the
    decision is overdue (DAT003) that error replaces this warning.
    Why: A pilot that ends without results drifts into pilotitis: the tool stays in use, nobody
    decides. The outcome is what the decision rests on.
    Fix: Analyse the pilot and fill in `outcome` (a result or a missing_reason per effect), with
    `outcome.date`, the day it was analysed; or, if the pilot needs more time, decide to extend it
    once, with a reason and a new end date. If an extended pilot ended early, write the day it
    ended as the extension's `end` (or the extend decision's `new_end`) and why in its reason.
    """
    if not _decision_pending(app):
        return
    end, path = pilot_end(app)
    if end is None or ctx.today <= end:
        return
    results = app.get("pilot", "outcome", "results")
    stale = outcome_before_extension(app)
    if isinstance(results, list) and results and stale is None:
        return
    if _overdue(app, ctx) is not None:
        return
    due = add_days(end, policy_days(ctx, "decision_due_days", 60))
    ago = _days((ctx.today - end).days)
    if stale is not None and stale["outcome"] is None:  # nothing shows the results are the extended pilot's
        of = f" of {stale['decided']}" if stale["decided"] else ""
        yield app.finding("DAT002", "pilot", path,
                          f"the extended pilot ended on {end} ({ago} ago) and its outcome has no date to show it came "
                          f"after the extension{of}; the decision is due by {due}",
                          f"Date the outcome in pilot.yaml: {date_the_outcome(app)}. If "
                          "they are the ones that led to the extension, report the extended pilot's results in "
                          "pilot.yaml's outcome, with the new outcome.date; then decide.", data={"variant": "undated"})
        return
    if stale is not None and stale["before_end"] is not None:  # results of part of the extended pilot
        yield app.finding("DAT002", "pilot", path,
                          f"the extended pilot ended on {end} ({ago} ago) and its outcome of {stale['outcome']} is "
                          f"dated before that end; the decision is due by {due}",
                          "Report the extended pilot's results in pilot.yaml's outcome, with the new outcome.date; "
                          f"then decide. If the extended pilot ended early, write the day it ended as its end "
                          f"(pilot.yaml {end_paths_words(app, end, path)}) and why.", data={"variant": "interim"})
        return
    if stale is not None:  # the results on file are the ones that led to the extension
        yield app.finding("DAT002", "pilot", path,
                          f"the extended pilot ended on {end} ({ago} ago) and has no outcome "
                          f"since the extension (the outcome of {stale['outcome']} came before it); the decision is due by {due}",
                          "Report the extended pilot's results in pilot.yaml's outcome, with the new outcome.date; "
                          "then decide.", data={"variant": "extended"})
        return
    yield app.finding("DAT002", "pilot", path,
                      f"the pilot ended on {end} ({ago} ago) and has no outcome yet; "
                      f"the decision is due by {due}",
                      f"Fill in outcome.results in pilot.yaml: {fill_the_outcome(app)}{_or_extend(app, ctx)}.")


def _or_extend(app, ctx) -> str:
    """DAT002's other way out while the policy allows another extension: where to record it, as
    typed ("or decide to extend once" said not where, nor how)."""
    used = len(extensions_counted(app))
    if used >= policy_days(ctx, "max_extensions", 1):
        return ""
    from raio_cli.rules.decision import record_extension

    return f"; or, to extend the pilot once{' more' if used else ''}, {record_extension(app, 'YYYY-MM-DD', 'YYYY-MM-DD')}"


def fill_the_outcome(app) -> str:
    """How to write pilot.yaml's missing ``outcome.results``, as typed: the lines of the outcome
    block raio new-pilot writes commented out, else where the results go (an "outcome.results:"
    key is one unknown name to YAML)."""
    from raio_cli.yamlio import commented_out

    doc = app.docs.get("pilot")
    lines = commented_out(doc, ("outcome", "results")) if doc is not None and isinstance(doc.data, dict) else []
    each = "give each pre-registered effect a result (- effect: ID, with observed and n, or counts) or a missing_reason"
    if lines:  # the outcome block as raio new-pilot writes it: say which lines to uncomment
        return ("remove the '# ' in front of " + " and ".join(f"{key}: (line {line})" for line, key in lines)
                + f" and {each}")
    outcome = doc.data.get("outcome") if doc is not None and isinstance(doc.data, dict) else None
    if isinstance(outcome, dict) and ("outcome", "results") in doc.pos:  # results: [] or empty
        line = doc.where(("outcome", "results"), key=True)[0]
        return f"write the results under the results: of line {line} (without a [] after it): {each}"
    if isinstance(outcome, dict) and outcome and ("outcome",) in doc.pos:
        line = doc.where(("outcome",), key=True)[0]
        return f"write results: under the outcome: of line {line}, indented as its other keys, and under it {each}"
    return f"write outcome: at the start of a line, results: indented under it, and under that {each}"


def date_the_outcome(app) -> str:
    """Where to write pilot.yaml's missing ``outcome.date``, as typed ("outcome.date:" is one
    unknown name to YAML, SCH002)."""
    from raio_cli.rules import how_to_give

    return how_to_give(app.docs.get("pilot"), ("outcome", "date"), "YYYY-MM-DD",
                       "the day the extended pilot's results were analysed")


def _last_extension(app) -> tuple[bool, dt.date | None]:
    """Whether the pilot was extended (an extension :func:`extensions_counted` counts, or an extend
    decision) and the latest day one was decided (its ``date``; None when none has one)."""
    decision = _decision(app)
    extend = decision.get("choice") == "extend"
    counted = extensions_counted(app)
    days = [as_date(decision.get("date")) if extend else None]
    days += [as_date(app.get("pilot", *path[:-1], "date")) for path, _end in counted if path[0] == "extensions"]
    return bool(counted) or extend, max((d for d in days if d is not None), default=None)


def outcome_before_extension(app) -> dict | None:
    """Why the outcome on file says nothing of the extended pilot, or None when it may.

    After an extension (one that DAT004 counts, :func:`extensions_counted`, or an extend
    decision), the outcome counts only when it is dated after the last extension was decided
    (the latest ``date`` of those extensions and of the extend decision) and on or after the
    extended pilot's last end (:func:`pilot_end`): one dated on or before the extension led to
    it, one without a date cannot be shown to be the extended pilot's, and one dated before the
    extended end says nothing of the days after it (a pilot that ended early says so with the
    day it ended as the extension's end). ``{"outcome": its date or None, "decided": the last
    extension's date or None, "before_end": the extended end the outcome predates, or None when
    it came before the extension or has no date}``. An extension without a date makes a dated
    outcome stale only by its end (nothing tells which came first); without ``outcome.results``
    there is no outcome to count (None). DAT002, DEC004, the decision's due date
    (:func:`decision_reference`), the gate of evaluation (:func:`raio_cli.gates.gate_status`),
    raio status and the memo read the outcome alike."""
    extended, decided = _last_extension(app)
    results = app.get("pilot", "outcome", "results")
    if not extended or not isinstance(results, list) or not results:
        return None
    reported = as_date(app.get("pilot", "outcome", "date"))
    if reported is None or (decided is not None and reported <= decided):
        return {"outcome": reported, "decided": decided, "before_end": None}
    end = pilot_end(app)[0]
    if end is not None and reported < end:
        return {"outcome": reported, "decided": decided, "before_end": end}
    return None


def outcome_before_planned_end(app) -> dict | None:
    """``{"outcome": its date, "end": plan.end}`` when the outcome on file of a pilot that was not
    extended is dated before its planned end: read as the outcome of a pilot that ended early
    (DAT016, and the memo says so). None otherwise: no results or no readable dates, an extended
    pilot (:func:`outcome_before_extension` reads its outcome), an outcome before the start
    (DAT015) or plan dates out of order (DAT001)."""
    results = app.get("pilot", "outcome", "results")
    if _last_extension(app)[0] or not isinstance(results, list) or not results or plan_dates_conflict(app):
        return None
    reported = as_date(app.get("pilot", "outcome", "date"))
    start, end = as_date(app.get("pilot", "plan", "start")), as_date(app.get("pilot", "plan", "end"))
    if reported is None or end is None or reported >= end or (start is not None and reported < start):
        return None
    return {"outcome": reported, "end": end}


def stale_outcome_words(stale: dict) -> str:
    """Why the outcome on file is not the extended pilot's (:func:`outcome_before_extension`'s
    answer), in the words ``raio status``, DEC004 and GAT010 give it."""
    if stale["outcome"] is None:
        return "the outcome has no date to show it came after the extension"
    if stale.get("before_end") is not None:
        return f"the outcome of {stale['outcome']} is dated before the extended pilot's end ({stale['before_end']})"
    return f"the outcome of {stale['outcome']} came before the extension"


def decided_words(stale: dict) -> str:
    """" decided on DATE" after :func:`stale_outcome_words`, when the extension's date is what
    makes the outcome stale; "" otherwise."""
    return f" decided on {stale['decided']}" if stale["decided"] and stale.get("before_end") is None else ""


def _overdue(app, ctx) -> tuple[int, dt.date, tuple, str] | None:
    """(days overdue, due date, path, reference words) when a pending decision is overdue."""
    if not _decision_pending(app):
        return None
    due, ref, path, words = decision_due(app, ctx.policy)
    if due is None or ctx.today <= due:
        return None
    return (ctx.today - due).days, due, path, words


def decision_due(app, policy: Any) -> tuple[dt.date | None, dt.date | None, tuple, str]:
    """By when a decision is due: ``(due, reference date, its path, the reference in words)``,
    the policy's ``decision_due_days`` after :func:`decision_reference`; ``due`` is None without
    a reference. DAT003, the decision memo and the report's pilotitis section count it alike."""
    ref, path, words = decision_reference(app)
    if ref is None:
        return None, None, path, words
    return add_days(ref, policy_int(policy, "decision_due_days", 60)), ref, path, words


@rule("DAT003", "decision-overdue")
def decision_not_overdue(app, ctx):
    """The decision to scale up, extend or stop is overdue: pilotitis.

    What: An application in stage pilot or evaluation with no decision (or only an earlier
    `extend`), more than `decision_due_days` (policy, default 60) after the outcome's date, or
    after the pilot's last end when the outcome has no date or is not there. After an extension
    (an extend decision, or one recorded under `extensions`) an outcome dated on or before the
    day it was decided led to it: the extended pilot's last end counts instead.
    Why: Pilots that never end are the failure raio exists to prevent: the tool stays in use
    without anyone having decided it is worth it, and the pre-registered effects lose their
    meaning. An extension is a decision too, but it sets a new end by which to decide again.
    Fix: Write the recommendation in pilot.yaml `decision` (choice scale-up or stop, date,
    rationale) and commit it: that clears DAT003, and `raio memo APP` puts it to the board as the
    RAIO's recommendation, not as a DRAFT. Or extend once: choice extend with new_end and a reason.
    When the board has decided, add decided_by and move the stage to production or stopped (pilot
    for an extension). If the organisation allows longer, set `decision_due_days` in raio.yaml
    policy.
    """
    late = _overdue(app, ctx)
    if late is None:
        return
    days, due, path, words = late
    no_outcome = not isinstance(app.get("pilot", "outcome"), dict)
    ref = decision_reference(app)[0]
    # which reference, for a memo that words the finding in its own language
    variant = ("outcome" if path[:1] == ("outcome",) else
               "extended_end" if words.startswith("the extended") else "end") + ("_none" if no_outcome else "")
    decision = app.get("pilot", "decision")
    extended = isinstance(decision, dict) and decision.get("choice") == "extend"
    where = ("Replace the extend decision in pilot.yaml's decision with your recommendation after the "
             "extension: choice (scale-up or stop), date and rationale, with decided_by left out until the board "
             "decides; the extension stays recorded in extensions (add it there if it is not: end, reason, date, by) "
             "and git keeps the earlier decision. Commit it." if extended else
             "Write your recommendation in pilot.yaml under decision: choice (scale-up or stop; or extend "
             "once, with new_end), date and rationale, and commit it.")
    yield app.finding("DAT003", "pilot", path,
                      f"decision overdue by {_days(days)}: {words} asked for a decision by {due}"
                      + ("; there is no outcome either" if no_outcome else ""),
                      f"{where} That clears DAT003, and "
                      f"{shellhint.raio('memo', app.id)} puts it to the board as your recommendation instead of a DRAFT. When the "
                      "board has decided, add decided_by and move the stage (production, stopped, or pilot to extend).",
                      data={"variant": variant, "days": days, "due": str(due), "ref": str(ref)})


@rule("DAT004", "too-many-extensions")
def extensions_within_policy(app, ctx):
    """The pilot is extended more often than the policy allows.

    What: More entries in pilot.yaml `extensions` (plus an `extend` decision whose new_end is not
    among them) than `max_extensions` (policy, default 1).
    Why: Each extension postpones the decision; repeated extensions are pilotitis by
    instalments. One extension with a reason is governance; more is drift.
    Fix: Decide: scale up or stop on the evidence there is (a decision may state conditions). If
    the organisation allows more extensions, set `max_extensions` in raio.yaml policy.
    """
    limit = policy_days(ctx, "max_extensions", 1)
    places = [path for path, _ in extensions_counted(app)]
    if len(places) > limit:
        yield app.finding("DAT004", "pilot", places[limit],
                          f"{len(places)} extensions of the pilot; the policy allows {limit}",
                          "Decide to scale up or stop on the evidence there is, or change max_extensions in raio.yaml policy.",
                          data={"n": len(places), "limit": limit})


@rule("DAT005", "pilot-too-long")
def pilot_length_within_policy(app, ctx):
    """The pilot runs longer than the policy allows.

    What: From `plan.start` to the pilot's last end (extensions and an extend decision
    included) is more than `max_pilot_days` (policy, default 365) days.
    Why: A pilot answers a question in a set time; a pilot of years is routine use without a
    decision, and its pre-registered effects go stale.
    Fix: Shorten the plan or the extension, or decide on the evidence there is. If the
    organisation allows longer pilots, set `max_pilot_days` in raio.yaml policy.
    """
    start = as_date(app.get("pilot", "plan", "start"))
    end, path = pilot_end(app)
    limit = policy_days(ctx, "max_pilot_days", 365)
    if start is None or end is None or end <= start:
        return
    days = (end - start).days
    if days > limit:
        yield app.finding("DAT005", "pilot", path,
                          f"the pilot runs {_days(days)} ({start} to {end}); the policy allows {limit}",
                          "Shorten the pilot or decide on the evidence there is; or change max_pilot_days in raio.yaml policy.",
                          data={"days": days, "start": str(start), "end": str(end), "limit": limit})


@rule("DAT006", "extension-not-later")
def extensions_move_forward(app, ctx):
    """An extension's end is not after the end it extends.

    What: An entry of pilot.yaml `extensions` whose `end` is on or before the previous end (the
    plan's end for the first extension, the previous extension's end after that).
    Why: An extension that does not extend is a typo (often the year) or extensions listed out of
    order; the overdue and pilot-length checks would then use the wrong end.
    Fix: Correct the date, and list extensions in the order they were decided.
    """
    previous = as_date(app.get("pilot", "plan", "end"))
    for i, ext in _extensions(app):
        end = as_date(ext.get("end"))
        if end is None:
            continue
        if previous is not None and end <= previous:
            yield app.finding("DAT006", "pilot", ("extensions", i, "end"),
                              f"extension {i + 1} ends on {end}, not after the end it extends ({previous})",
                              "Give the new, later end date; list extensions in the order they were decided.",
                              data={"n": i + 1, "end": str(end), "previous": str(previous)})
        previous = end if previous is None or end > previous else previous


# --------------------------------------------------------------------------------------------
# Certificates and evidence


def _in_use(app) -> bool:
    return stage_in_use(app.stage)


def stage_in_use(stage: Any) -> bool:
    """Whether an application at ``stage`` (application.yaml, as read) is or will be used, as the
    date rules (DAT007-DAT010), the memo, the report and raio status judge it: a stage up to
    production, or none given; not stopped or retired, and not a stage raio does not know (a typo
    the schema reports, SCH004): its expiries are judged once the stage is."""
    return stage is None or stage in USE_STAGES


@rule("DAT007", "certificate-expired")
def certificate_valid(app, ctx):
    """The CE certificate has expired.

    What: application.yaml `regulatory.certificate.expires` before today, for an application that
    is or will be used (any stage but stopped and retired). For a certificate under the former
    Directive, marked `legal_basis: MDD` on the ce-certificate item of compliance.yaml, a
    printed date that has passed is a warning up to the MDR Art 120(3a) end date of the device's
    MDR class (raio's catalog, compliance.yaml `mdd_transition`, with its source), and an error
    after it (as for a printed date before 26 May 2021, which Art 120(2) does not extend).
    Why: Without a valid certificate the device may not be placed on the market or put into
    service under the MDR; the notified body may have suspended it, and the hospital's use is
    no longer covered. One exception: a certificate issued from 25 May 2017 under the former
    Medical Devices Directive 93/42/EEC (MDD), valid on 26 May 2021 and not withdrawn, stays
    valid by law after the date printed on it, up to the end dates of MDR Art 120(3a), when the
    conditions of Art 120(2) and (3c) are met (MDR Art 120 as amended by Regulation (EU)
    2023/607). The printed date alone then does not settle it: whether the conditions are met
    is shown by the notified body's confirmation letter.
    Fix: Ask the manufacturer for the renewed certificate (check EUDAMED and the notified body)
    and record its number and expiry; until then, consult the clinical physicist on continued use.
    For an MDD certificate, set `legal_basis: MDD` on the ce-certificate checklist item, keep
    the manufacturer's declaration and the notified body's confirmation letter that Art 120
    extends it as that item's evidence, and record the end date the letter gives as `expires`.
    """
    if not _in_use(app):
        return
    expires = as_date(app.get("application", "regulatory", "certificate", "expires"))
    if expires is not None and expires < ctx.today:
        days = (ctx.today - expires).days
        mdd = _mdd_transition(app, ctx, expires)
        if mdd is not None and ctx.today <= mdd[0]:
            yield app.finding("DAT007", "application", ("regulatory", "certificate", "expires"),
                              f"the CE certificate's printed expiry date {expires} has passed ({_days(days)} ago); "
                              f"{_ART_120.format(until=mdd[0], mdr_class=mdd[1])}",
                              _ART_120_HINT, severity=Severity.WARNING,
                              data={"expires": str(expires), "days": days, "variant": "mdd", "until": str(mdd[0]),
                                    "mdr_class": mdd[1]})
            return
        ended = "" if mdd is None else (f"; the extension of certificates under the former Directive (MDD) by MDR "
                                        f"Art 120 ended on {mdd[0]} for a class {mdd[1]} device")
        yield app.finding("DAT007", "application", ("regulatory", "certificate", "expires"),
                          f"the CE certificate expired on {expires} ({_days(days)} ago){ended}",
                          "Record the renewed certificate (number, notified body, expiry) from the manufacturer or EUDAMED; "
                          "for a certificate under the former Directive (MDD), the end date MDR Art 120 extends it to.",
                          data={"expires": str(expires), "days": days,
                                **({} if mdd is None else {"variant": "mdd_ended", "until": str(mdd[0]), "mdr_class": mdd[1]})})


_ART_120 = ("as a certificate under the former Directive (MDD), MDR Art 120 as amended by Regulation (EU) 2023/607 "
            "keeps it valid until {until} for a class {mdr_class} device if the conditions of Art 120(2) and (3c) are met")
_ART_120_HINT = ("Keep the notified body's confirmation letter that Art 120 extends the certificate (with the "
                 "manufacturer's declaration) as evidence of the ce-certificate checklist item, and record the end "
                 "date it gives as expires; without it, consult the clinical physicist on continued use.")


def _mdd_transition(app, ctx, printed: dt.date) -> tuple[dt.date, str] | None:
    """:func:`mdd_transition` of the application's dossier, by the catalog raio check reads."""
    return mdd_transition(app.data("application"), app.data("compliance"),
                          checklist_catalog(ctx).get("ce-certificate"), printed)


def mdd_transition(application: Any, compliance: Any, item: Any, printed: dt.date) -> tuple[dt.date, str] | None:
    """``(end date, MDR class)`` until which MDR Art 120 keeps the CE certificate valid after its
    printed date ``printed``, when the ce-certificate checklist item (the first entry of
    compliance.yaml's data ``compliance``) says it was issued under the former Directive
    (``legal_basis: MDD``); the dates are the catalog's (``item``: the catalog's ce-certificate,
    its ``mdd_transition``). None for any other certificate, for a class Art 120(3a) does not name,
    and for a certificate not valid on the day the MDR applied (Art 120(2)). raio check (DAT007,
    DAT009), the memo and the report ask it alike."""
    items = compliance.get("items") if isinstance(compliance, dict) else None
    entry = next((it for it in items if isinstance(it, dict) and it.get("id") == "ce-certificate"), None) \
        if isinstance(items, list) else None
    if entry is None or entry.get("legal_basis") != "MDD":
        return None
    transition = item.get("mdd_transition") if isinstance(item, dict) else None
    if not isinstance(transition, dict) or not isinstance(transition.get("until"), dict):
        return None
    regulatory = application.get("regulatory") if isinstance(application, dict) else None
    mdr_class = regulatory.get("mdr_class") if isinstance(regulatory, dict) else None
    until = as_date(transition["until"].get(mdr_class)) if isinstance(mdr_class, str) else None
    valid_on = as_date(transition.get("valid_on"))
    if until is None or valid_on is None or printed < valid_on:
        return None
    return until, mdr_class


@rule("DAT008", "certificate-expiring", severity="warning")
def certificate_not_expiring(app, ctx):
    """The CE certificate expires soon.

    What: application.yaml `regulatory.certificate.expires` within `certificate_warning_days`
    (policy, default 90) from today, for an application that is or will be used.
    Why: Renewal by a notified body takes months; asking the manufacturer early avoids a gap in
    which the device is not covered.
    For a certificate marked `legal_basis: MDD` that MDR Art 120 may extend (see DAT007), the
    message says until when and on what conditions.
    Fix: Ask the manufacturer for the status of the renewal and record the new certificate when
    it arrives; for an MDD certificate, ask for the notified body's confirmation letter that Art
    120 extends it, and record the end date it gives as `expires`.
    """
    if not _in_use(app):
        return
    expires = as_date(app.get("application", "regulatory", "certificate", "expires"))
    horizon = policy_days(ctx, "certificate_warning_days", 90)
    if expires is not None and ctx.today <= expires <= add_days(ctx.today, horizon):
        message = f"the CE certificate expires on {expires}, in {_days((expires - ctx.today).days)}"
        hint = "Ask the manufacturer about the renewal; record the new certificate when it arrives."
        mdd = _mdd_transition(app, ctx, expires)
        if mdd is not None and expires < mdd[0]:
            message += "; " + _ART_120.format(until=mdd[0], mdr_class=mdd[1])
            hint = _ART_120_HINT
        yield app.finding("DAT008", "application", ("regulatory", "certificate", "expires"), message, hint)


def _compliance_items(app) -> list[tuple[int, dict]]:
    """The checklist's entries with their index; of an id listed twice only the first, which raio,
    memos and the gates read (the second is CMP007's finding, not a second item to judge)."""
    items = app.get("compliance", "items", default=[])
    if not isinstance(items, list):
        return []
    seen: set[str] = set()
    out = []
    for i, it in enumerate(items):
        if not isinstance(it, dict):
            continue
        item_id = it.get("id")
        if isinstance(item_id, str):
            if item_id in seen:
                continue
            seen.add(item_id)
        out.append((i, it))
    return out


def _item_name(item: dict) -> str:
    return item["id"] if isinstance(item.get("id"), str) else "a checklist item"


@rule("DAT009", "checklist-item-expired")
def checklist_items_valid(app, ctx):
    """A done checklist item's evidence has expired.

    What: An item of compliance.yaml with status `done` whose `expires` is before today, for an
    application that is or will be used (any stage but stopped and retired). The ce-certificate
    item of a certificate under the former Directive (`legal_basis: MDD`) is a warning up to the
    MDR Art 120(3a) end date, as for DAT007.
    Why: A DPIA, security review, training record or certificate that has expired no longer shows
    the duty is met, although the checklist still says `done`.
    Fix: Renew the evidence and update `date`, `expires` and `evidence`; or set the status to
    `in-progress` while the renewal runs.
    """
    if not _in_use(app):
        return
    for i, item in _compliance_items(app):
        expires = as_date(item.get("expires"))
        if item.get("status") == "done" and expires is not None and expires < ctx.today:
            mdd = _mdd_transition(app, ctx, expires) if item.get("id") == "ce-certificate" else None
            if mdd is not None and ctx.today <= mdd[0]:
                yield app.finding("DAT009", "compliance", ("items", i, "expires"),
                                  f"ce-certificate's printed expiry date {expires} has passed "
                                  f"({_days((ctx.today - expires).days)} ago); "
                                  f"{_ART_120.format(until=mdd[0], mdr_class=mdd[1])}",
                                  _ART_120_HINT, severity=Severity.WARNING,
                                  data={"item": "ce-certificate", "expires": str(expires),
                                        "days": (ctx.today - expires).days, "variant": "mdd",
                                        "until": str(mdd[0]), "mdr_class": mdd[1]})
                continue
            yield app.finding("DAT009", "compliance", ("items", i, "expires"),
                              f"{_item_name(item)} expired on {expires} ({_days((ctx.today - expires).days)} ago) "
                              "but is marked done",
                              "Renew the evidence and update date, expires and evidence; or set status: in-progress.",
                              data={"item": _item_name(item), "expires": str(expires),
                                    "days": (ctx.today - expires).days})


@rule("DAT010", "checklist-item-expiring", severity="warning")
def checklist_items_not_expiring(app, ctx):
    """A done checklist item's evidence expires soon.

    What: An item of compliance.yaml with status `done` whose `expires` is within
    `checklist_expiry_warning_days` (policy, default 60) from today, for an application that is
    or will be used.
    Why: Renewing a security review, training or DPIA takes time; starting before the expiry
    avoids a period in which the duty is not demonstrably met.
    For the ce-certificate item of a certificate marked `legal_basis: MDD` that MDR Art 120 may
    extend (see DAT007), the message says until when and on what conditions, as DAT008 does.
    Fix: Plan the renewal with the item's owner; update `date`, `expires` and `evidence` when done.
    For an MDD certificate, ask for the notified body's confirmation letter that Art 120 extends
    it, and record the end date it gives as `expires`.
    """
    if not _in_use(app):
        return
    horizon = checklist_expiry_window(ctx.policy)
    for i, item in _compliance_items(app):
        expires = as_date(item.get("expires"))
        if item.get("status") == "done" and expires is not None and ctx.today <= expires <= add_days(ctx.today, horizon):
            owner = item.get("owner") if isinstance(item.get("owner"), str) else None
            message = f"{_item_name(item)} expires on {expires}, in {_days((expires - ctx.today).days)}"
            hint = f"Plan the renewal{' with ' + owner if owner else ''}; update date, expires and evidence when done."
            mdd = _mdd_transition(app, ctx, expires) if item.get("id") == "ce-certificate" else None
            if mdd is not None and expires < mdd[0]:  # as DAT008 says of the certificate's printed date
                message += "; " + _ART_120.format(until=mdd[0], mdr_class=mdd[1])
                hint = _ART_120_HINT
            yield app.finding("DAT010", "compliance", ("items", i, "expires"), message, hint)


def checklist_expiry_window(policy: Any) -> int:
    """The days ahead in which checklist evidence counts as expiring: raio.yaml policy
    ``checklist_expiry_warning_days``, default 60 (DAT010, the memo and the report alike)."""
    return policy_int(policy, "checklist_expiry_warning_days", 60)


def evidence_dates(compliance: Any, certificate_expires: dt.date | None = None) -> list[dict]:
    """The checklist items of compliance.yaml's data ``compliance`` whose evidence runs out on a
    date: ``{"id", "expires" (a date), "status"}`` in the checklist's order.

    Of an id listed twice only the first entry counts (as for the rules). An item marked
    ``not-applicable`` is left out: there is nothing to renew. Any other status counts (DAT009
    and DAT010 judge done items only): the evidence an item has, or is being renewed, runs out on
    that date. The ``ce-certificate`` item is left out when its ``expires`` is the CE
    certificate's own (``certificate_expires``, application.yaml): one renewal, the
    certificate's, named once."""
    items = compliance.get("items") if isinstance(compliance, dict) else None
    seen: set[str] = set()
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        item_id = scalar_text(item.get("id"))  # as the memo and the report read an id
        if not item_id or item_id in seen:
            continue
        seen.add(item_id)
        status = item.get("status")
        if status == "not-applicable":  # exactly so: "not-applicable " is none of the four (SCH004), open
            continue
        expires = text_date(item.get("expires"))
        if expires is None or (item_id == "ce-certificate" and expires == certificate_expires):
            continue
        out.append({"id": item_id, "expires": expires, "status": status.strip() if isinstance(status, str) else None})
    return out


def expiring_items(compliance: Any, policy: Any, today: dt.date,
                   certificate_expires: dt.date | None = None) -> list[dict]:
    """The checklist items of an application whose evidence has expired or expires within
    :func:`checklist_expiry_window` from ``today``, as the memo's compliance section and the
    report's points for attention list them, from compliance.yaml's data ``compliance``
    (:func:`evidence_dates`: done or in progress, not the CE certificate's own item). An item
    expires on its ``expires`` date (``days`` 0: expiring, not expired) and has expired from the
    day after.

    Each item as ``{"id", "expires" (a date), "days" (until it expires, negative once expired),
    "expired"}``, in the checklist's order. Whether the application is still in use is the
    caller's question (out of use, nothing expiring is a risk: DAT007-DAT010)."""
    window = checklist_expiry_window(policy)
    out = []
    for item in evidence_dates(compliance, certificate_expires):
        days = (item["expires"] - today).days
        if days <= window:
            out.append({"id": item["id"], "expires": item["expires"], "days": days, "expired": days < 0})
    return out


# --------------------------------------------------------------------------------------------
# Regulatory dates (EU AI Act)


def _is_ai_act(entry: dict) -> bool:
    return "ai act" in str(entry.get("regulation", "")).lower()


def date_status(entry: dict, by_id: dict[str, dict]) -> str:
    """What a reader must know about a date's status, e.g. 'moved from 2027-08-02 by the Digital
    Omnibus on AI (2026), pending publication in the Official Journal'; "" for a plain date."""
    parts = []
    old = by_id.get(entry.get("replaces")) if entry.get("replaces") else None
    if old is not None:
        source = str(entry.get("source") or "").split(":")[0].strip()
        parts.append(f"moved from {old.get('date')}" + (f" by the {source}" if source else ""))
    if entry.get("pending_publication"):
        parts.append("pending publication in the Official Journal")
    if entry.get("status") == "proposed":
        parts.append("proposed, not yet adopted")
    return ", ".join(parts)


def _catalog(ctx) -> dict:
    """The checklist catalog with raio.yaml's valid extra items (CMP011 reports the others);
    built once per run and shared: read it, never change it."""
    return checklist_catalog(ctx)


@rule("DAT011", "regulatory-date-approaching", severity="warning")
def regulatory_date_approaching(app, ctx):
    """An AI Act date is near (or passed, before a pilot) and its checklist items are not done.

    What: A dated obligation of the EU AI Act in raio's catalog of regulatory dates that concerns
    the application (e.g. Art 6(1)/Annex I high-risk duties for MDR class IIa and up), falls
    within `ai_act_warning_days` (policy, default 180) from today, and requires checklist items
    that are not `done` or `not-applicable` in compliance.yaml. For an application still in stage
    planned, a date that has already passed is reported here too: the items are due before the
    pilot starts. Applies to stages planned, pilot, evaluation and production.
    Why: The deployer duties of Art 26 (human oversight, logs, informing workers, monitoring)
    take months to arrange. Dates move: the high-risk dates were moved in 2026 by the Digital
    Omnibus on AI (Regulation (EU) 2026/1744), so raio keeps them as data with their source and
    status (an amendment binds from its entry into force, after publication in the Official
    Journal), and the message repeats the status. A high-risk system placed on the market or
    put into service before its high-risk date is held to the AI Act only once its design changes
    significantly (Art 111(2)), except one intended for use by public authorities, which must
    comply by the later date Art 111(2) sets.
    Fix: Complete the listed items with their owners and record the evidence in compliance.yaml;
    mark an item not-applicable only with a justification (e.g. Art 111(2), with the date the
    system was placed on the market and the confirmation that its design has not changed).
    """
    yield from _regulatory(app, ctx, passed=False)


@rule("DAT012", "regulatory-date-passed")
def regulatory_date_passed(app, ctx):
    """An AI Act date has passed and the checklist items it requires are not done.

    What: A dated obligation of the EU AI Act in raio's catalog of regulatory dates that concerns
    the application, whose date is today or earlier, while the application is in use (stage
    pilot, evaluation or production) and compliance.yaml lacks one of the items it requires as
    `done` or `not-applicable`. Not while compliance.yaml cannot be read (a YAML syntax error:
    YML001), as DAT011: its items are unknown, not absent.
    Why: From that date the duty applies by law (e.g. AI literacy under Art 4 since 2 February
    2025); using the application without it is a breach the hospital, as deployer, answers for.
    For the high-risk duties one transitional rule applies: a system placed on the market or put
    into service before its high-risk date is held to them only once its design changes significantly
    (Art 111(2)), except one intended for use by public authorities, which must comply by the
    later date Art 111(2) sets.
    Fix: Complete the listed items now and record the evidence; if that cannot be done quickly,
    consider suspending use until it is. Where Art 111(2) applies, mark the item not-applicable
    with that justification (the date the system was placed on the market and the confirmation
    that its design has not changed), reviewed by the privacy officer or legal counsel.
    """
    yield from _regulatory(app, ctx, passed=True)


def _regulatory(app, ctx, passed: bool):
    stage = app.stage
    doc = app.docs.get("compliance")
    if stage not in REGULATORY_STAGES or (doc is not None and not doc.ok):
        return  # an unreadable compliance.yaml is its own finding (YML001 ...): its items are unknown
    from raio_cli import catalog
    from raio_cli.checklist import is_open

    try:
        # worded as on today: a law amended later is quoted as it then read
        entries = catalog.regulatory_dates(shared=True, on=ctx.today)
    except catalog.CatalogError:
        return
    by_id = {e["id"]: e for e in entries}
    horizon = policy_days(ctx, "ai_act_warning_days", 180)
    application = app.data("application")
    items_catalog = None
    status = {}
    where = {}
    for i, item in _compliance_items(app):
        if isinstance(item.get("id"), str) and item["id"] not in status:
            status[item["id"]] = item.get("status")
            where[item["id"]] = i
    for entry in entries:
        if not _is_ai_act(entry) or entry.get("status") == "moved" or not entry.get("requires_items"):
            continue
        day = entry["date"]
        is_past = day <= ctx.today
        if is_past:
            if passed != (stage in IN_USE_STAGES):
                continue
        elif passed or day > add_days(ctx.today, horizon):
            continue
        try:
            if not catalog.concerns(entry, application):
                continue
        except catalog.CatalogError:
            continue
        if items_catalog is None:
            items_catalog = _catalog(ctx)
        lacking = []
        for item_id in entry["requires_items"]:
            item = items_catalog.get(item_id)
            try:
                if item is not None and not catalog.applies(item, application):
                    continue
            except catalog.CatalogError:
                pass
            st = status.get(item_id)
            if is_open(st):  # as every count of open items: only done and not-applicable settle it
                lacking.append((item_id, st if isinstance(st, str) else "not in compliance.yaml"))
        if not lacking:
            continue
        title = entry.get("title_en") or entry["id"]
        state = date_status(entry, by_id)
        when = (f"since {day} ({_days((ctx.today - day).days)} ago)" if is_past
                else f"from {day} (in {_days((day - ctx.today).days)})")
        missing = ", ".join(f"{i} ({s})" for i, s in lacking)
        article = f" ({entry['article']})" if entry.get("article") else ""
        message = (f"{title}{article} {when}" + (f"; status: {state}" if state else "")
                   + f"; not done: {missing}")
        if is_past and not passed:
            message += "; due before the pilot starts"
        first = lacking[0][0]
        path = ("items", where[first], "status") if first in where else ("items",)
        code = "DAT012" if passed else "DAT011"
        # the values, for a memo that words the finding in its own language (a date passed, DAT012):
        # moved or not, and the act that sets it pending publication or only proposed (a proposal
        # is not adopted, so not pending publication either); DAT011 keeps the English message
        old = by_id.get(entry.get("replaces")) if entry.get("replaces") else None
        pending = "proposed" if entry.get("status") == "proposed" else "pending" if entry.get("pending_publication") else ""
        variant = ("_".join(p for p in ("" if old is None else "moved", pending) if p)
                   if code == "DAT012" and entry.get("article") else "english")
        data = {"variant": variant, "title": {"en": title, "nl": entry.get("title_nl") or title},
                "article": {"en": entry.get("article") or "", "nl": entry.get("article_nl") or entry.get("article") or ""},
                "date": str(day), "days": (ctx.today - day).days,
                "lacking": [[i, s if isinstance(status.get(i), str) else ""] for i, s in lacking]}
        if old is not None:
            data["moved_from"] = str(old.get("date"))
        if pending:  # the act that sets the date not yet published, or only proposed: memo and report say so
            data["standing"] = pending
        yield app.finding(code, "compliance", path, message,
                          f"Complete {', '.join(i for i, _ in lacking)} and record the evidence in compliance.yaml "
                          f"(source: {entry.get('source', entry.get('regulation', ''))}).", key=True, data=data)
