"""After the decision: the monitoring plan's content, overdue results, alerts, incidents, new
versions without re-assessment, and the end of use (retirement, duties that outlive use).

Whether a production application *has* monitoring.yaml and a plan is the stage gate's question
(GAT001/GAT002 through ``stage_gates.yaml``, which drops it when raio.yaml sets
``policy.monitoring_required: false``); these rules check what the plan and the results *say*.
The computations live in :mod:`raio_cli.monitoring`, shared with memos and ``raio monitor``.
"""

from __future__ import annotations

from raio_cli import shellhint
from raio_cli import monitoring as mon
from raio_cli.findings import Severity
from raio_cli.values import with_unit
from raio_cli.rules import checklist_catalog, how_to_give, rule

_FREQ_HINT = "weekly, monthly, quarterly, half-yearly or yearly"


def _production(app) -> bool:
    return app.stage == "production"


def _monitoring_required(ctx) -> bool:
    return ctx.policy.get("monitoring_required", True) is not False


@rule("MON001", "monitoring-plan-incomplete")
def plan_incomplete(app, ctx):
    """The monitoring plan of a production application lacks its frequency, owner or metrics.

    What: monitoring.yaml `plan` of an application in production without `frequency`, without
    `owner`, or without any `metrics`. Whether the plan exists at all is the stage gate's finding
    (GAT001/GAT002); with raio.yaml `policy.monitoring_required: false` neither is reported.
    Why: A plan without a rhythm cannot fall behind, one without an owner is nobody's job, and one
    without metrics measures nothing: the scale-up decision's conditions are then not watched.
    The AI Act asks the deployer to monitor the system in use (Art 26(5)).
    Fix: Fill in `frequency` (weekly, monthly, quarterly, half-yearly, yearly), `owner` (a role)
    and at least one metric with id, description, unit, direction and alert_threshold.
    Example: `plan: {frequency: monthly, owner: RAIO, metrics: [{id: M1, direction: decrease, alert_threshold: 5}]}`
    """
    if not _production(app) or not _monitoring_required(ctx):
        return
    plan = mon.plan(app.data("monitoring"))
    if not plan:
        return  # absent or empty: the stage gate reports it
    doc = app.docs.get("monitoring")

    def give(key: str, value: str, what: str) -> str:  # fill in the key it has, or add it where it goes
        return f"In monitoring.yaml's plan, {how_to_give(doc, ('plan', key), value, what)}."

    if plan.get("frequency") is None:
        yield app.finding("MON001", "monitoring", ("plan",), "the monitoring plan has no frequency",
                          give("frequency", "monthly", f"one of {_FREQ_HINT}"), key=True, data={"variant": "frequency"})
    owner = plan.get("owner")
    if owner is None or (isinstance(owner, str) and not owner.strip()):
        yield app.finding("MON001", "monitoring", ("plan", "owner") if "owner" in plan else ("plan",),
                          "the monitoring plan names no owner", give("owner", "ROLE", "the role that records the results"),
                          key=True, data={"variant": "owner"})
    if not mon.metrics(app.data("monitoring")):
        yield app.finding("MON001", "monitoring", ("plan", "metrics") if "metrics" in plan else ("plan",),
                          "the monitoring plan lists no metrics (with an id)",
                          give("metrics", "[{id: M1, effect: E1, description: WHAT, unit: UNIT, direction: increase, "
                                          "alert_threshold: NUMBER}]", "one entry per metric"), key=True,
                          data={"variant": "metrics"})


@rule("MON002", "metric-cannot-alert", severity=Severity.WARNING)
def metric_cannot_alert(app, ctx):
    """A monitored metric has no alert threshold or no direction.

    What: A metric in monitoring.yaml `plan.metrics` without `alert_threshold`, or without
    `direction` (increase or decrease: which way is good).
    Why: Without both, no result can ever be flagged: drift after a software update or a change
    in the patient population goes unnoticed until someone happens to look.
    Fix: Add `direction` and `alert_threshold`, e.g. the guardrail limit the pilot used.
    """
    for i, m in mon.metrics(app.data("monitoring")):
        lacks = [k for k in ("direction", "alert_threshold") if m.get(k) is None]
        if lacks:
            yield app.finding("MON002", "monitoring", ("plan", "metrics", i, "id"),
                              f"metric '{m['id']}' has no {' and no '.join(lacks)}, so its results never alert",
                              "Add direction (increase | decrease: which way is good) and alert_threshold.")


@rule("MON003", "monitoring-overdue", severity=Severity.WARNING)
def monitoring_overdue(app, ctx):
    """Monitoring results are overdue against the plan's frequency.

    What: For an application in production: the last result (of the metrics that follow the
    plan's frequency) plus one period lies before today; or there is no result yet and the start
    of production plus one period lies before today. The start of production is the later of the
    scale-up decision's date (`pilot.decision.date`) and application.yaml `stage_since`, since the
    switch-on may follow the decision by months (the same start as MON014). A period is a week,
    a month, a quarter, half a year or a year; a month's last day stays a month's last day.
    Why: Monitoring that is planned but not done gives false comfort: the board believes the
    conditions of the scale-up decision are watched.
    Fix: Record the missing results (`raio monitor APP result --date ... --value M1=...`), or
    change the plan's frequency if it was unrealistic.
    """
    for late in mon.overdue(app, ctx.today):
        if late["metric"] is not None:
            continue
        if late["last"] is not None:
            yield app.finding("MON003", "monitoring", ("results", late["last_index"], "date"),
                              f"monitoring is overdue: the last result is of {late['last'].isoformat()} and the "
                              f"{late['frequency']} plan made the next due on {late['due'].isoformat()}",
                              f"Record the results since then: {shellhint.raio('monitor', app.id)} result --date YYYY-MM-DD{_values(app)}")
        else:
            yield app.finding("MON003", "monitoring", ("plan", "frequency"),
                              f"no monitoring result since the start of production on {late['since'].isoformat()}; "
                              f"with a {late['frequency']} "
                              f"plan the first was due on {late['due'].isoformat()}",
                              f"Record the results: {shellhint.raio('monitor', app.id)} result --date YYYY-MM-DD{_values(app)}")


def _values(app) -> str:
    """`` --value M1=NUMBER --value M2=NUMBER`` for the plan's metrics measured at its own rhythm
    (those with a frequency of their own have MON004), as raio monitor takes them: "--value
    ID=NUMBER" typed as it read was refused, no metric being called ID."""
    ids = [m["id"] for _i, m in mon.metrics(app.data("monitoring"))
           if not m.get("frequency") and mon.METRIC_ID.fullmatch(str(m["id"]))]
    return "".join(f" --value {i}=NUMBER" for i in ids) or " --value ID=NUMBER"


@rule("MON004", "metric-overdue", severity=Severity.WARNING)
def metric_overdue(app, ctx):
    """A metric with its own frequency has no recent enough result.

    What: For an application in production, a metric with its own `frequency` (e.g. a quarterly
    sensitivity check in a monthly plan) whose last value plus one period lies before today (or,
    without any value, the start of production plus one period: the later of the decision date
    and `stage_since`, as for MON003 and MON014).
    Why: Metrics measured less often than the rest are the ones forgotten, and they are usually
    the expensive, important ones (missed cancers, sensitivity against the reference standard).
    Fix: Record the metric's result, or correct its frequency.
    """
    by_id = {m["id"]: i for i, m in mon.metrics(app.data("monitoring"))}
    for late in mon.overdue(app, ctx.today):
        metric = late["metric"]
        if metric is None:
            continue
        since = (f"its last value is of {late['last'].isoformat()}" if late["last"]
                 else f"it has no value since the start of production on {late['since'].isoformat()}")
        yield app.finding("MON004", "monitoring", ("plan", "metrics", by_id.get(metric, 0), "frequency"),
                          f"metric '{metric}' is overdue: {since}; {late['frequency']}, so due on {late['due'].isoformat()}",
                          f"Record it: {shellhint.raio('monitor', app.id)} result --date YYYY-MM-DD --value {metric}=NUMBER")


@rule("MON005", "alert-without-follow-up")
def alert_without_follow_up(app, ctx):
    """A monitoring result passes its alert threshold and no follow-up is recorded.

    What: A value in monitoring.yaml `results` beyond the metric's `alert_threshold` on the bad
    side (`direction: increase`: below it; `decrease`: above it; equal is not an alert) in a
    result without `follow_up`.
    Why: An alert is the moment monitoring exists for. Without a recorded action nobody can tell
    whether it was seen, judged and acted on, or missed; the AI Act asks the deployer to act on
    risks it notices in use (Art 26(5)).
    Fix: Add `follow_up` to that result: what was done (analysis, contact with the vendor,
    suspension) or why no action was needed: `raio monitor APP update-result --date DATE
    --follow-up "..."`, or by hand.
    """
    monitoring = app.data("monitoring")
    by_id = {m["id"]: m for _, m in mon.metrics(monitoring)}
    listed = mon.results(monitoring)
    days = [day for _i, _r, day in listed]
    for i, r, day in listed:
        if isinstance(r.get("follow_up"), str) and r["follow_up"].strip():
            continue
        for key, value in mon.values(r).items():
            metric = by_id.get(key)
            if metric is None or not mon.alerts(metric, value):
                continue
            side = "below" if metric.get("direction") == "increase" else "above"
            unit = metric.get("unit")
            yield app.finding("MON005", "monitoring", ("results", i, "values", key),
                              f"{key} = {with_unit(str(value), unit)} on {day.isoformat()} is {side} its alert "
                              f"threshold {with_unit(str(metric.get('alert_threshold')), unit)} and the result "
                              "records no follow_up",
                              "Record what was done about the alert, or why nothing was needed: "
                              + (f'{shellhint.raio("monitor", app.id)} update-result --date {day.isoformat()} '
                                 '--follow-up "..."' if days.count(day) == 1 else
                                 "add a line follow_up: ... to this result, indented as its values: line"),
                              data={"variant": side, "metric": str(key), "value": str(value), "date": day.isoformat(),
                                    "threshold": str(metric.get("alert_threshold")),
                                    "unit": metric.get("unit") if isinstance(metric.get("unit"), str) else ""})


@rule("MON006", "unknown-metric")
def unknown_metric(app, ctx):
    """A monitoring result gives a value for a metric the plan does not list.

    What: A key in `results[].values` that is not the `id` of a metric in `plan.metrics`.
    Why: A value without a metric has no unit, direction or threshold: it cannot alert, and a
    typo (m1 for M1) silently leaves the real metric without a result.
    Fix: Correct the id, or add the metric to the plan.
    """
    monitoring = app.data("monitoring")
    known = mon.metric_ids(monitoring)
    if not known:
        return  # no metrics at all: MON001 (or the gate) says so once
    for i, r, _day in mon.results(monitoring):
        for key in mon.values(r):
            if key not in known:
                import difflib

                close = [k for k in known if k.casefold() == str(key).casefold()] or \
                    difflib.get_close_matches(str(key), known, n=1)
                yield app.finding("MON006", "monitoring", ("results", i, "values", key),
                                  f"result value for '{key}', which is not a metric of the plan",
                                  f"Did you mean '{close[0]}'?" if close else f"Known metrics: {', '.join(known)}.",
                                  key=True, data={"metric": str(key)})


@rule("MON007", "metric-effect-unknown", severity=Severity.WARNING)
def metric_effect_unknown(app, ctx):
    """A monitored metric refers to an effect that effects.yaml does not have.

    What: `plan.metrics[].effect` names an id that is not an effect in effects.yaml.
    Why: The link from a monitored metric to the pre-registered effect is how a memo shows that
    what the pilot showed still holds in production; a wrong id breaks that link silently.
    Fix: Use the effect's id (E1, G2 …) as in effects.yaml, or remove `effect`.
    """
    effects = app.get("effects", "effects")
    if not isinstance(effects, list):
        return
    ids = {e.get("id") for e in effects if isinstance(e, dict) and isinstance(e.get("id"), str)}
    for i, m in mon.metrics(app.data("monitoring")):
        effect = m.get("effect")
        if isinstance(effect, str) and effect.strip() and effect not in ids:
            yield app.finding("MON007", "monitoring", ("plan", "metrics", i, "effect"),
                              f"metric '{m['id']}' refers to effect '{effect}', which effects.yaml does not have",
                              f"Effects: {', '.join(sorted(ids))}." if ids else "effects.yaml lists no effects.")


@rule("MON008", "monitoring-date-in-future", severity=Severity.WARNING)
def date_in_future(app, ctx):
    """A monitoring result, incident, report or re-assessment is dated after today.

    What: A date in monitoring.yaml `results[].date`, `incidents[].date`,
    `incidents[].reported_to.*` or application.yaml `reassessments[].date` later than today.
    Why: Usually a typo (2062 for 2026); it also hides overdue monitoring, since the future
    result looks like the latest.
    Fix: Correct the date.
    """
    monitoring = app.data("monitoring")
    today = ctx.today
    for i, r, day in mon.results(monitoring):
        if day > today:
            yield app.finding("MON008", "monitoring", ("results", i, "date"),
                              f"monitoring result dated {day.isoformat()}, after today ({today.isoformat()})",
                              "Correct the date.")
    for i, inc, day in mon.incidents(monitoring):
        if day and day > today:
            yield app.finding("MON008", "monitoring", ("incidents", i, "date"),
                              f"incident dated {day.isoformat()}, after today ({today.isoformat()})", "Correct the date.")
        reported = inc.get("reported_to")
        for party, value in (reported.items() if isinstance(reported, dict) else ()):
            when = mon.parse_date(value)
            if when and when > today:
                yield app.finding("MON008", "monitoring", ("incidents", i, "reported_to", party),
                                  f"incident report to {party} dated {when.isoformat()}, after today",
                                  "Record a report once it is made.")
    for i, _r, day in mon.reassessments(app):
        if day and day > today:
            yield app.finding("MON008", "application", ("reassessments", i, "date"),
                              f"re-assessment dated {day.isoformat()}, after today ({today.isoformat()})",
                              "Record a re-assessment once it is done.")


@rule("MON009", "serious-incident-not-reported")
def serious_incident_not_reported(app, ctx):
    """A serious incident is not recorded as reported to the vendor and the manufacturer.

    What: An incident with `severity: serious` in monitoring.yaml without
    `reported_to.vendor` or without `reported_to.manufacturer` (a date each).
    Why: Serious incidents with a medical device must reach the manufacturer, who reports them to
    the authorities (MDR Art 87); the AI Act asks the deployer to inform the provider (Art
    26(5)). The vendor (supplier) and the legal manufacturer can differ; the record must show both
    routes were used. In the Netherlands the health inspectorate (IGJ) may also need a report
    (`reported_to.igj`); raio does not require that one, since it depends on the case.
    Fix: Report the incident and record the dates (`raio monitor APP update-incident --date
    INCIDENT-DATE --reported-vendor YYYY-MM-DD --reported-manufacturer YYYY-MM-DD`, or by hand:
    `reported_to: {vendor: YYYY-MM-DD, manufacturer: YYYY-MM-DD}` in the incident); when the vendor
    is the legal manufacturer, record the same date under both.
    """
    listed = mon.incidents(app.data("monitoring"))
    days = [day for _i, _inc, day in listed]
    for i, inc, day in listed:
        if inc.get("severity") != "serious":
            continue
        reported = inc.get("reported_to") if isinstance(inc.get("reported_to"), dict) else {}
        missing = [p for p in ("vendor", "manufacturer") if mon.parse_date(reported.get(p)) is None]
        if not missing:
            continue
        when = f" of {day.isoformat()}" if day else ""
        path = ("incidents", i, "reported_to") if "reported_to" in inc else ("incidents", i, "severity")
        yield app.finding("MON009", "monitoring", path,
                          f"serious incident{when} has no report to the {' or the '.join(missing)} recorded",
                          "Report it (MDR Art 87 vigilance route via the manufacturer) and record the "
                          + ("date" if len(missing) == 1 else "dates") + ": " + _reported_hint(app, inc, day, days, missing),
                          data={"variant": "_".join(missing) + ("_dated" if day else ""),
                                       **({"date": day.isoformat()} if day else {})})


def _reported_hint(app, inc: dict, day, days: list, missing: list[str]) -> str:
    """How to record the missing report dates of a serious incident, as typed: the raio monitor
    command when the incident's date names it alone, else the YAML to add to the incident (a
    dotted ``reported_to.vendor:`` key would be an unknown field, SCH002)."""
    if day is not None and days.count(day) == 1:
        return (f"{shellhint.raio('monitor', app.id)} update-incident --date {day.isoformat()} "
                + " ".join(f"--reported-{p} YYYY-MM-DD" for p in missing))
    pairs = ", ".join(f"{p}: YYYY-MM-DD" for p in missing)
    if isinstance(inc.get("reported_to"), dict):
        return f"add {pairs} under the incident's reported_to:, indented as its other lines"
    if "reported_to" in inc:
        return f"write the incident's reported_to as {{{pairs}}}"
    return f"add the line reported_to: {{{pairs}}} to the incident, indented as its date:"


def _version_at_decision(app, ctx, decided):
    """The application.yaml ``version`` in git at the decision date: (version, how) or (None, why)."""
    if decided is None:
        return None, "no decision date"
    history = ctx.history if ctx.use_git else None
    if history is None or not getattr(history, "readable", False):
        return None, "no git history"
    ah = history.find(app.id)
    if ah is None:
        return None, "the application is not in the git history"
    version = ah.at("application", decided)
    data = version.data if version is not None else None
    value = data.get("version") if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip():
        return None, "no version recorded at the decision"
    return value.strip(), version.describe()


@rule("MON010", "new-version-without-reassessment")
def new_version_without_reassessment(app, ctx):
    """The software version in production changed after the decision without a re-assessment.

    What: For an application in production, application.yaml `version` differs from the version
    it had when the scale-up was decided (read from git: application.yaml as committed on the
    decision date), and no entry in `reassessments` covers the current version. A re-assessment
    of version X covers X and every version that starts with "X." (6.0 covers 6.0.2). Without a
    usable history (`--no-git`, no commit at the decision date) raio falls back to: when
    `reassessments` exist, the latest one (by date) must cover the current version; when there
    are none, nothing is checked.
    Why: The pilot's evidence is about the version that was piloted. A new version can behave
    differently (other training data, other thresholds); the decision conditions usually ask for
    a re-assessment, and a substantial modification can even change who is the provider under
    the AI Act (Art 25).
    Fix: Re-assess the new version (e.g. a retrospective sample against the pilot's results) and
    record it in application.yaml `reassessments` with date, version, summary, by and evidence;
    for a patch that needs no re-assessment, record that judgement the same way.
    """
    if not _production(app):
        return
    current = app.get("application", "version")
    if not isinstance(current, str) or not current.strip():
        return
    current = current.strip()
    decided = mon.decision_date(app)
    at_decision, how = _version_at_decision(app, ctx, decided)
    entries = mon.reassessments(app)
    if at_decision is not None:
        if at_decision == current:
            return
        for _i, r, day in entries:
            version = r.get("version")
            if isinstance(version, str) and mon.version_covered(current, version) and (day is None or day >= decided):
                return
        yield app.finding("MON010", "application", ("version",),
                          f"version {current} is in production, but the scale-up on {decided.isoformat()} was decided "
                          f"for version {at_decision}, and no re-assessment covers {current}",
                          "Re-assess the new version and add it to reassessments (date, version, summary, by, evidence).",
                          data={"variant": "decided", "version": current, "date": decided.isoformat(),
                                "decided_version": at_decision})
        return
    latest = mon.latest_reassessment(app)
    if latest is None:
        return  # no history and no re-assessments: nothing to compare with
    i, r = latest
    version = r.get("version")
    if isinstance(version, str) and mon.version_covered(current, version):
        return
    shown = version if isinstance(version, str) else "no version"
    yield app.finding("MON010", "application", ("version",),
                      f"version {current} is in production, but the latest re-assessment ({r.get('date', 'undated')}) "
                      f"is of {shown}",
                      "Re-assess the new version and add it to reassessments (date, version, summary, by, evidence).",
                      data={"variant": "latest", "version": current, "date": str(r.get("date") or ""),
                            "reassessed": version if isinstance(version, str) else ""})


@rule("MON011", "retirement-date-implausible")
def retirement_date_implausible(app, ctx):
    """A retired application's retirement date lies before the decision or in the future.

    What: Stage `retired` with `retirement.date` earlier than the scale-up decision
    (`pilot.decision.date`), or later than today. (That retirement date, reason and replacement
    are present is the stage gate's check.)
    Why: An application cannot be switched off before it was taken into use; and one that is
    still running is not retired: its duties of use (oversight, logs, monitoring) still apply.
    Either way the dossier contradicts itself on a fact, so the board would read a stop that has
    not happened or could not have: an error, as MON018 is for the decision to stop dated in the
    future or before the scale-up. When both the switch-off and the decision still lie ahead,
    only this finding is reported (one mistake, one fix: the stage).
    Fix: Correct the date; if the switch-off is only planned, keep the stage `production` until
    the day itself.
    """
    if app.stage != "retired":
        return
    day = mon.parse_date(app.get("application", "retirement", "date"))
    if day is None:
        return
    decided = mon.decision_date(app)
    if decided and day < decided:
        yield app.finding("MON011", "application", ("retirement", "date"),
                          f"retirement date {day.isoformat()} is before the decision of {decided.isoformat()}",
                          "Correct the retirement date (or the decision date).",
                          data={"variant": "before_decision", "date": day.isoformat(), "decided": decided.isoformat()})
    if day > ctx.today:
        yield app.finding("MON011", "application", ("retirement", "date"),
                          f"retirement date {day.isoformat()} lies in the future (today is {ctx.today.isoformat()})",
                          "Keep the stage production until the application is actually switched off.",
                          data={"variant": "future", "date": day.isoformat(), "today": ctx.today.isoformat()})


def _catalog(ctx) -> dict:
    """The checklist catalog with raio.yaml's valid extra items (CMP011 reports the others);
    built once per run and shared: read it, never change it."""
    return checklist_catalog(ctx)


def _open(entry: dict) -> bool:
    return entry.get("status") in ("open", "in-progress")


@rule("MON012", "use-item-open-after-use", severity=Severity.WARNING)
def use_item_open_after_use(app, ctx):
    """A stopped or retired application still has open checklist items that imply use.

    What: Stage `stopped` or `retired` with a compliance.yaml item whose catalog entry has
    `implies_use: true` (human oversight, input data, the incident route, the fallback …) and
    whose status is `open` or `in-progress`. Duties that outlive use, such as log retention, are
    checked by MON013 instead.
    Why: An open item says someone is still working on using the application; after the stop
    that is either stale or a sign it is still in use.
    Fix: Set the item to `not-applicable` with a justification ("stopped on 2026-05-01"), or to
    `done` if it was completed before the stop.
    """
    if app.stage not in ("stopped", "retired"):
        return
    catalog = _catalog(ctx)
    items = app.get("compliance", "items")
    for i, entry in enumerate(items if isinstance(items, list) else []):
        if not isinstance(entry, dict) or not _open(entry):
            continue
        item = catalog.get(entry.get("id")) if isinstance(entry.get("id"), str) else None
        if not item or not item.get("implies_use") or item.get("retention_after_use_months"):
            continue
        yield app.finding("MON012", "compliance", ("items", i, "status"),
                          f"'{entry['id']}' is {entry['status']}, but the application is {app.stage} and this item is about using it",
                          f"Set status: not-applicable with justification: \"{app.stage}\" and the date, or done if it was completed.")


@rule("MON013", "retention-after-use", severity=Severity.WARNING)
def retention_after_use(app, ctx):
    """A duty that runs on after use (log retention) is settled too early or left open too long.

    What: For a stopped or retired application, a checklist item with
    `retention_after_use_months` in the catalog (log retention: six months, AI Act Art 26(6))
    that is still `open` or `in-progress` after that period has passed, or is marked `done` while
    the period still runs. The period runs from the last use: the retirement date; for a stopped
    application the retirement date if given, else the end of the pilot (extensions included),
    else the stop decision's date, else `stage_since`. The message says until when it runs.
    Why: Logs must stay available for the period after the last use, for incident analysis and
    for the authorities; "done" before then suggests the logs are gone or the duty was forgotten,
    "open" long after suggests nobody closed it.
    Fix: Keep the item `in-progress` while retention runs; set it to `done` with the date the
    retention ended (and where the logs went) once the period has passed.
    """
    if app.stage not in ("stopped", "retired"):
        return
    catalog = _catalog(ctx)
    items = app.get("compliance", "items")
    for i, entry in enumerate(items if isinstance(items, list) else []):
        if not isinstance(entry, dict):
            continue
        item = catalog.get(entry.get("id")) if isinstance(entry.get("id"), str) else None
        info = mon.retention(app, item, entry) if item else None
        if info is None:
            continue
        sentence = mon.retention_sentence(info)
        until = info["until"]
        if _open(entry) and ctx.today > until:
            yield app.finding("MON013", "compliance", ("items", i, "status"),
                              f"'{entry['id']}' is still {entry['status']}: {sentence}, which has passed",
                              f"Set status: done with date: the day retention ended (on or after {until.isoformat()}).")
        elif entry.get("status") == "done" and ctx.today < until:
            done_on = info["date"]
            when = f" (dated {done_on.isoformat()})" if done_on else ""
            yield app.finding("MON013", "compliance", ("items", i, "status"),
                              f"'{entry['id']}' is marked done{when}, but {sentence}",
                              f"Keep it in-progress until {until.isoformat()}, then set done with that date.")


@rule("MON014", "monitoring-gap", severity=Severity.WARNING)
def monitoring_gap(app, ctx):
    """Whole periods passed without a monitoring result between two results, or before the first.

    What: For an application in production, or a retired one over its period of use, two
    consecutive results (of the metrics that follow the plan's frequency, or of a metric with its
    own `frequency`) lie two periods or more apart: at least one result the plan asked for is
    missing, even allowing the next one to come late.
    The start of production counts as a result before the first: the later of the scale-up
    decision's date (`pilot.decision.date`) and application.yaml `stage_since`, since the
    switch-on may follow the decision. Reported at the result after the gap, with how many
    results are missing and when the first was due. For a retired application the period of use
    ends at the switch-off (application.yaml `retirement.date`, where a gap between the last
    result and the switch-off is reported); results after it do not count (MON019), and its use
    starts at the scale-up decision (its `stage_since` is the day it was retired).
    Why: MON003 looks only at the latest result. A RAIO who catches up by recording the last few
    months leaves the months before unmeasured without any finding, and the board reads
    "monitoring up to date" over a period in which drift or an incident went unwatched; the
    first months of use, when an application meets the department's own patients and workflow,
    are the ones most often left unmeasured. The board that signs a retirement reads in its memo
    whether the application was watched while it was used.
    Fix: Record the missing results with their dates (`raio monitor APP result --date ...`). If
    nothing could be measured (the application was suspended, the data source was down), say why
    in an inline suppression on the date line after the gap:
    `date: 2027-06-15  # raio: ignore[MON014] suspended February to May 2027, see VIM-2027-0042`.
    """
    for gap in mon.gaps(app, ctx.today):
        n = gap["missing"]
        count = f"{n} result{'s' if n != 1 else ''} missing" if n < mon.MAX_GAP_PERIODS else f"{n} or more results missing"
        subject = (f"metric '{gap['metric']}' has no {gap['frequency']} value" if gap["metric"] is not None
                   else f"no {gap['frequency']} result" + (f" of {' or '.join(gap['of'])}" if gap.get("of") else ""))
        value = f" --value {gap['metric']}=NUMBER" if gap["metric"] is not None else " --value ID=NUMBER"
        before = (f"the start of production on {gap['before'].isoformat()}" if gap.get("from_start")
                  else gap["before"].isoformat())
        if gap.get("to_retirement"):  # the last months of use, up to the switch-off: at the retirement date
            file, path = "application", ("retirement", "date")
            after = f"the retirement on {gap['after'].isoformat()}"
        else:
            file, path = "monitoring", ("results", gap["after_index"], "date")
            after = gap["after"].isoformat()
        yield app.finding("MON014", file, path,
                          f"{subject} between {before} and {after}: "
                          f"{count}, the first due on {gap['due'].isoformat()}",
                          f"Record the missing results with their dates ({shellhint.raio('monitor', app.id)} result --date YYYY-MM-DD"
                          f"{value}); if nothing could be measured, say why: # raio: ignore[MON014] REASON on this line.",
                          data={"variant": "metric" if gap["metric"] is not None else "plan", "metric": gap["metric"],
                                "missing": n, "before": gap["before"].isoformat(), "after": gap["after"].isoformat()})


@rule("MON015", "incident-reported-late", severity=Severity.WARNING)
def incident_reported_late(app, ctx):
    """A serious incident was passed to the vendor or the manufacturer long after it happened.

    What: An incident with `severity: serious` whose `reported_to.vendor` or
    `reported_to.manufacturer` date lies more than `incident_report_days` (raio.yaml policy,
    default 15) after the incident's `date`. (No report at all is MON009; the report to IGJ
    depends on the case and is not checked.) When the vendor is the legal manufacturer and one
    report is recorded with the same date under both, it is one finding naming both roles, at
    the `vendor:` line.
    Why: The AI Act asks the deployer to inform the provider of a serious incident immediately
    (Art 26(5)); the manufacturer then has at most 15 days to report it to the authority (MDR
    Art 87(3)). A report weeks late delays the analysis and the field safety action that protect
    the next patient, and the record should show why it took that long.
    Fix: Correct the date if it was mistyped. Otherwise say why the report was late in the
    incident's `follow_up` and keep the finding with an inline suppression on the date line
    (`vendor: 2027-10-30  # raio: ignore[MON015] found in the quarterly discrepancy review`),
    and look at the local incident procedure (VIM) that let it happen.
    """
    from raio_cli.rules.dates import policy_days

    limit = policy_days(ctx, "incident_report_days", 15)
    for i, inc, day in mon.incidents(app.data("monitoring")):
        if inc.get("severity") != "serious" or day is None:
            continue
        reported = inc.get("reported_to") if isinstance(inc.get("reported_to"), dict) else {}
        late: dict = {}  # report date -> the roles reported to that day, late
        for party in ("vendor", "manufacturer"):
            when = mon.parse_date(reported.get(party))
            if when is not None and (when - day).days > limit:
                late.setdefault(when, []).append(party)
        # one date under both roles is one report (the vendor is the legal manufacturer): one finding
        for when, parties in late.items():
            days = (when - day).days
            yield app.finding("MON015", "monitoring", ("incidents", i, "reported_to", parties[0]),
                              f"reported to the {' and the '.join(parties)} on {when.isoformat()}, {days} days after "
                              f"the serious incident of {day.isoformat()}; the policy allows {limit} days",
                              "Correct the date if it is mistyped; else record in follow_up why the report was late, "
                              "review the incident procedure (AI Act Art 26(5): inform the provider immediately) and "
                              "keep the finding with # raio: ignore[MON015] REASON on this line.",
                              data={"party": parties[0], "parties": parties, "days": days, "date": day.isoformat(),
                                    "reported": when.isoformat(), "limit": limit})


@rule("MON016", "retirement-date-passed-in-production", severity=Severity.WARNING)
def retirement_date_passed_in_production(app, ctx):
    """An application still in production has a retirement date that has passed.

    What: Stage `production` with `retirement.date` before today.
    Why: A stop after scale-up is recorded in `retirement` while the application still runs, and
    the stage stays production until the switch-off (MON011). Once that day has passed, either
    the application is out of use and the dossier still says production (the monitoring rules
    keep asking for results, the report counts it as in use), or the switch-off was postponed
    and the date no longer says when.
    Fix: When it is switched off, set `stage: retired` and `stage_since` to the retirement date
    (and settle the duties of use, MON012/MON013); if it still runs, move `retirement.date` to
    the new planned day.
    """
    if not _production(app):
        return
    day = mon.parse_date(app.get("application", "retirement", "date"))
    if day is None or day >= ctx.today:
        return
    yield app.finding("MON016", "application", ("retirement", "date"),
                      f"retirement date {day.isoformat()} has passed, but the stage is still production",
                      f"Once switched off, set stage: retired and stage_since: {day.isoformat()}; "
                      "if it still runs, move retirement.date to the planned day.",
                      data={"date": day.isoformat()})


@rule("MON017", "retirement-without-decider", severity=Severity.WARNING)
def retirement_names_decider(app, ctx):
    """A retired application, or a stop decided in production, does not say who decided it.

    What: Stage `retired` with a `retirement` in application.yaml without `decided_by`; or stage
    `production` with a `retirement.decided_on` (the stop is decided, the switch-off still to
    come) without `decided_by`. (A stop recorded in production without either is a proposal the
    memo puts to the board, and nobody has decided it yet.)
    Why: Stopping an application after scale-up is a decision like the one after the pilot
    (DEC008): the board, the governance committee or a mandated person takes it, and the audit
    trail and the memo must name them. Without it the memo of a retired application, or of a
    stop decided in production, can show why and when, but not who took the responsibility (it
    says the dossier does not record by whom).
    Fix: Write `retirement.decided_by` (e.g. "Raad van bestuur, op advies van de AI-stuurgroep")
    and `retirement.decided_on`, the date of the decision (it may precede `date`, the switch-off).
    """
    if app.stage not in ("production", "retired"):
        return
    retirement = app.get("application", "retirement")
    if not isinstance(retirement, dict) or not retirement:
        return  # absent: the stage gate's finding
    if app.stage == "production" and mon.parse_date(retirement.get("decided_on")) is None:
        return  # a proposal: nobody has decided it yet
    by = retirement.get("decided_by")
    if isinstance(by, str) and by.strip():
        return
    doc = app.docs.get("application")
    hint = "In application.yaml's retirement, " + how_to_give(doc, ("retirement", "decided_by"), "WHO",
                                                               "the body or person that decided to stop")
    if mon.parse_date(retirement.get("decided_on")) is None:
        hint += "; and " + how_to_give(doc, ("retirement", "decided_on"), "YYYY-MM-DD", "the date of that decision")
    yield app.finding("MON017", "application", ("retirement",),
                      "the retirement does not say who decided the stop (decided_by)", hint + ".", key=True)


@rule("MON018", "retirement-decision-date-implausible")
def retirement_decision_date_implausible(app, ctx):
    """The decision to stop is dated after the switch-off, in the future, or before the scale-up.

    What: application.yaml `retirement.decided_on` later than `retirement.date` (decided after it
    was switched off), or earlier than the scale-up decision (`pilot.decision.date`); and, for
    stage `retired`, `decided_on` later than today. A stop recorded while the stage is still
    production is a plan: its `date` and its `decided_on` (the board meeting it goes to) may lie
    in the future. (A retirement `date` in the future or before the decision is MON011; when the
    retirement date lies ahead too, MON011 alone reports the stage.)
    Why: The stop after scale-up is a decision the board takes before the switch-off, and the
    memo of a retired application shows it as the decision taken: with the order reversed, or a
    decision still to come, the record says the application was switched off before anyone
    decided it, and the audit trail cannot show on whose authority. A retired application whose
    stop is still to be decided, or was decided before the application was scaled up, states
    something that cannot be true, like a retirement date in the future (MON011): an error. A
    stop decided after the switch-off can happen (an emergency switch-off after a field safety
    notice that the board confirms at its next meeting), so that order is a warning, to be
    explained in the record.
    Fix: Correct `decided_on` to the date the stop was decided (the minutes of the meeting), or
    `date` to the day it was switched off. If the stop is not yet decided, keep the stage
    production until it is and the application is switched off. If the application was really
    switched off first, say who ordered it in `reason` and keep the finding with an inline
    suppression on the `decided_on` line (`# raio: ignore[MON018] switched off on the FSN, board
    confirmed`).
    Severity: a warning instead when the stop was decided after the switch-off (the order can
    happen in an emergency).
    """
    if app.stage not in ("production", "retired"):
        return
    retirement = app.get("application", "retirement")
    if not isinstance(retirement, dict):
        return
    decided_on = mon.parse_date(retirement.get("decided_on"))
    if decided_on is None:
        return
    where = ("retirement", "decided_on")
    hint = "Correct decided_on to the date the stop was decided, or date to the day it was switched off."
    day = mon.parse_date(retirement.get("date"))
    if app.stage == "retired" and decided_on > ctx.today:
        if day is None or day <= ctx.today:  # with the switch-off ahead too, MON011 reports the stage
            yield app.finding("MON018", "application", where,
                              f"the stop was decided on {decided_on.isoformat()}, which lies in the future "
                              f"(today is {ctx.today.isoformat()})",
                              "Correct decided_on; if the stop is not yet decided, keep the stage production until it is.",
                              data={"variant": "future", "decided_on": decided_on.isoformat(),
                                    "today": ctx.today.isoformat()})
            return
    if day is not None and decided_on > day:
        yield app.finding("MON018", "application", where,
                          f"the stop was decided on {decided_on.isoformat()}, after the switch-off on {day.isoformat()}",
                          hint, severity=Severity.WARNING,
                          data={"variant": "after_switch_off", "decided_on": decided_on.isoformat(),
                                "date": day.isoformat()})
    decided = mon.decision_date(app)
    if decided is not None and decided_on < decided:
        yield app.finding("MON018", "application", where,
                          f"the stop was decided on {decided_on.isoformat()}, before the scale-up decision of "
                          f"{decided.isoformat()}",
                          "Correct decided_on (or the decision date in pilot.yaml).",
                          data={"variant": "before_decision", "decided_on": decided_on.isoformat(),
                                "decided": decided.isoformat()})


@rule("MON019", "result-after-retirement", severity=Severity.WARNING)
def result_after_retirement(app, ctx):
    """A retired application has a monitoring result dated after its retirement.

    What: Stage `retired`, and a monitoring.yaml `results[].date` later than
    application.yaml `retirement.date` (the switch-off).
    Why: A system out of use produces no results: such a result is usually typed into the
    wrong application (its successor's) or carries a wrong date, and the memo, report and
    `raio monitor` would show it as the latest value of the retired application. `raio monitor
    result` and `raio monitor import` refuse it; this finds one written into the file by hand.
    Incidents are not checked: a harm the system did may come to light after the switch-off.
    Fix: Move the result to the application it belongs to, or correct its date.
    """
    if app.stage != "retired":
        return
    retired_on = mon.parse_date(app.get("application", "retirement", "date"))
    if retired_on is None:
        return
    for i, _r, day in mon.results(app.data("monitoring")):
        if day > retired_on:
            yield app.finding("MON019", "monitoring", ("results", i, "date"),
                              f"monitoring result dated {day.isoformat()}, after the application was retired on "
                              f"{retired_on.isoformat()}",
                              "Move the result to the application it belongs to, or correct its date.",
                              data={"date": day.isoformat(), "retired": retired_on.isoformat()})
