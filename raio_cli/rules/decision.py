"""Decision consistency: the decision follows the evidence, the stage follows the decision.

The decision in pilot.yaml (``decision``: choice scale-up | extend | stop, date, decided_by,
rationale ...) is checked against the computed verdicts (:mod:`raio_cli.verdicts`), the pilot's
dates and the application's stage. A decision may depart from what the pre-registered results
indicate (the board decides, not raio), but then it says why in ``override_rationale``.
"""

from __future__ import annotations

from raio_cli import shellhint
from raio_cli import verdicts as vd
from raio_cli.rules import app_verdicts, rule
from raio_cli.rules.dates import (as_date, date_the_outcome, decided_words, extensions_counted, end_paths_words,
                                  outcome_before_extension, outcome_before_planned_end, pilot_end, plan_dates_conflict, stale_outcome_words)

#: The stage each choice leads to, and the stages at which a choice is a lag, not a contradiction.
STAGE_OF_CHOICE = {"scale-up": "production", "stop": "stopped", "extend": "pilot"}


def in_effect(stage, choice, decided_by=None) -> bool:
    """A decision is in effect (the board's) once the stage has moved on, or an extension runs;
    a decision that names who decided it (``decided_by``) is taken while the stage still says
    pilot or evaluation too: DEC004 asks to move the stage (back to pilot for an extension, the
    extended pilot runs; to production or stopped for a scale-up or stop), and the report and raio
    status call it decided. Before that, a recorded choice is the RAIO's recommendation put to the
    board (raio memo)."""
    if stage in ("production", "stopped", "retired") or (stage == "pilot" and choice == "extend"):
        return True
    return stage in ("pilot", "evaluation") and choice in STAGE_OF_CHOICE and _text(decided_by)


def stage_lagging(app) -> str | None:
    """The stage a recorded scale-up or stop asks for while the stage still says pilot or
    evaluation (DEC004): production or stopped; ``None`` otherwise. ``raio check --next-stage``
    lists that stage's gate, as DEC004's hint says it does."""
    choice = _choice(_decision(app))
    return STAGE_OF_CHOICE[choice] if choice in ("scale-up", "stop") and app.stage in ("pilot", "evaluation") else None


def _decision(app) -> dict:
    d = app.get("pilot", "decision", default={})
    return d if isinstance(d, dict) else {}


def _choice(decision: dict) -> str | None:
    """The recorded choice when it is one of :data:`STAGE_OF_CHOICE` (a mapping or a list
    written there is the schema's finding, SCH003, not a choice)."""
    choice = decision.get("choice")
    return choice if isinstance(choice, str) and choice in STAGE_OF_CHOICE else None


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _as_primary(v: vd.Verdict) -> str:
    """Why an effect not marked primary counts as one (:func:`raio_cli.verdicts.decisive`)."""
    return "" if v.primary else " (no effect is marked primary: the benefits count)"


def _preregistered_verdicts(app, ctx) -> list[vd.Verdict]:
    return [v for v in app_verdicts(app, ctx) if not v.post_hoc]


@rule("DEC001", "scale-up-against-verdicts")
def scale_up_follows_verdicts(app, ctx):
    """A scale-up decision goes against the pre-registered results without saying why.

    What: `decision.choice: scale-up` while a pre-registered guardrail is breached or a primary
    effect is not met (verdicts computed by raio), and `decision.override_rationale` is empty.
    When no effect is marked primary, the pre-registered benefits count, as in the memo.
    Why: Pre-registration only protects patients and the budget if the decision honours it.
    The board may still decide to scale up (for reasons the effects did not capture), but the
    memo must show that it departs from the pre-registered rule, and why.
    Fix: Reconsider the decision (stop, or extend once with a reason); or write
    `override_rationale`: why scaling up is right despite the verdicts, and what guards the risk.
    """
    decision = _decision(app)
    if decision.get("choice") != "scale-up" or _text(decision.get("override_rationale")):
        return
    against = []
    breached, not_met = [], []  # the effects, for a memo that words the finding in its language
    verdicts = _preregistered_verdicts(app, ctx)
    primary = {v.effect for v in vd.decisive(verdicts)}
    for v in verdicts:
        if v.status == "breached":
            against.append(f"guardrail {v.effect} is breached")
            breached.append(v.effect)
        elif v.status == "not-met" and v.effect in primary:
            against.append(f"primary effect {v.effect} is not met{_as_primary(v)}")
            not_met.append(v.effect)
    if against:
        data = {"variant": "both" if breached and not_met else "breached" if breached else "not_met",
                **({"breached": breached} if breached else {}), **({"not_met": not_met} if not_met else {})}
        yield app.finding("DEC001", "pilot", ("decision", "choice"),
                          f"scale-up although {' and '.join(against)}; there is no override_rationale",
                          "Reconsider the decision, or give it its override_rationale: "
                          + _override(app, "why scale up despite the verdicts, and what guards the risk") + ".",
                          data=data)


@rule("DEC002", "scale-up-on-unproven-primary", severity="warning")
def scale_up_on_proven_primary(app, ctx):
    """A scale-up decision rests on a primary effect that the pilot did not show.

    What: `decision.choice: scale-up` while a primary effect's verdict is inconclusive (its
    interval contains the target or limit), missing or without a target, and
    `decision.override_rationale` is empty. When no effect is marked primary, the pre-registered
    benefits count, as in the memo.
    Why: An inconclusive result is not a failure, but neither is it the evidence that was
    pre-registered as the basis of the decision. The memo should say how the decision deals
    with that uncertainty.
    Fix: Write `override_rationale` (e.g. scale up with monitoring of the effect as a condition),
    or extend the pilot once to gather the cases the interval needs.
    """
    decision = _decision(app)
    if decision.get("choice") != "scale-up" or _text(decision.get("override_rationale")):
        return
    weak = [v for v in vd.decisive(_preregistered_verdicts(app, ctx))
            if v.status in ("inconclusive", "missing", "no-target")]
    if weak:
        listed = ", ".join(f"{v.effect} is {v.status}{_as_primary(v)}" for v in weak)
        yield app.finding("DEC002", "pilot", ("decision", "choice"),
                          f"scale-up while primary {'effect' if len(weak) == 1 else 'effects'} {listed}; "
                          "there is no override_rationale",
                          "Give the decision its override_rationale: "
                          + _override(app, "how the decision deals with the uncertainty (e.g. conditions, monitoring)")
                          + "; or extend once.")


def _override(app, what: str) -> str:
    """Where to write the decision's override_rationale, as typed ("decision.override_rationale:"
    is one unknown name to YAML; the template has the key commented out under decision:)."""
    from raio_cli.rules import how_to_give

    return how_to_give(app.docs.get("pilot"), ("decision", "override_rationale"), "TEXT", what)


@rule("DEC003", "stage-contradicts-decision")
def stage_agrees_with_decision(app, ctx):
    """The application's stage contradicts the recorded decision.

    What: Stage production with a decision other than scale-up, stopped with one other than stop,
    or a decision recorded while the stage is still proposed or planned. A stage that needs a
    decision and has none at all is the stage gate's finding (GAT002, pilot.decision.choice).
    Why: The stage says what the hospital does with the tool; the decision says what was
    decided. When they contradict, one of them is wrong, and reports to the board mislead.
    Fix: Correct the stage (production after scale-up, stopped after stop, pilot after extend),
    or record the decision that was actually taken. A stop after scale-up is no pilot decision:
    keep the scale-up in pilot.yaml and record the stop in application.yaml `retirement`, with
    who decided it (`decided_by`) and when (`decided_on`); the stage goes from production to
    retired on the day of the switch-off; an application switched off after scale-up is
    `retired`, not `stopped`.
    """
    decision = _decision(app)
    choice, stage = _choice(decision), app.stage
    if choice is None or stage is None:
        return
    message = None
    if stage in ("proposed", "planned"):
        message = f"a decision '{choice}' is recorded while the stage is still {stage}: no pilot has run"
        variant = "early"
    elif stage == "production" and choice != "scale-up":
        message = f"stage is production but the decision is '{choice}'; production needs a scale-up decision"
        variant = "production"
    elif stage == "stopped" and choice != "stop":
        message = f"stage is stopped but the decision is '{choice}'; stopped needs a stop decision"
        variant = "stopped"
    if message:
        hint = f"Set stage: {STAGE_OF_CHOICE[choice]} (the decision '{choice}'), or correct the decision in pilot.yaml."
        if stage == "production" and choice == "stop":
            # a stop after scale-up ends use: the lifecycle goes production -> retired, and the
            # scale-up that brought it into use stays the decision after the pilot
            hint = ("To stop an application in use, put the scale-up decision back in pilot.yaml (git keeps both) "
                    "and record the stop in application.yaml retirement (date, reason, replaced_by, decided_by, decided_on); keep the stage "
                    "production until the switch-off, then set stage: retired. If the pilot itself was stopped, set stage: stopped.")
        elif stage == "stopped" and choice == "scale-up":
            # switched off after it was taken into use: that is retired; the scale-up stays on record
            hint = ("If it was switched off after being taken into use, set stage: retired (stage_since: the day of the "
                    "switch-off), keep the scale-up in pilot.yaml and record the stop in application.yaml retirement "
                    "(date, reason, replaced_by, decided_by, decided_on). If it is still in use, set stage: production.")
        yield app.finding("DEC003", "application", ("stage",), message, hint,
                          data={"variant": variant, "choice": choice, "stage": stage})


@rule("DEC004", "stage-lags-decision", severity="warning")
def stage_follows_decision(app, ctx):
    """The stage has not been moved after the decision.

    What: A scale-up or stop decision while the stage is still pilot or evaluation; or an extend
    decision while the stage is still evaluation (an extension sends the application back to
    pilot, with the new end). Without a decision, the same for an extension recorded only under
    `extensions`: the stage is evaluation while the extended pilot runs (its last end is today or
    later) and the outcome on file came before the extension was decided, has no date to show
    it came after, or is dated before the extended pilot's end (as DAT002 and the gate of
    evaluation read it: an interim outcome, not a pilot that ended early). Once the extended
    pilot has ended, evaluation is its stage: DAT002, later DAT003, report its missing outcome instead.
    Why: Portfolio reports and stage gates go by the stage: an application that was decided on
    but still shows as pilot looks like pilotitis, and the gate of its real stage (monitoring
    plan, exit terms) is not checked. One that shows as evaluation while its extended pilot runs
    is evaluated, and put to the board, on the results that led to the extension.
    Fix: Move the stage in application.yaml: production after scale-up, stopped after stop, pilot
    after extend (and after an extension, until the extended pilot ends and its outcome is
    reported). If the outcome on file is the extended pilot's, give it the `outcome.date` it was
    analysed, after the extension; if the extended pilot ended early, write the day it ended as
    the extension's `end` (or the extend decision's `new_end`) and why.
    """
    choice, stage = _decision(app).get("choice"), app.stage
    lag = (choice in ("scale-up", "stop") and stage in ("pilot", "evaluation")) or (choice == "extend" and stage == "evaluation")
    if not lag and stage == "evaluation" and _choice(_decision(app)) is None:
        yield from _evaluated_while_extended(app, ctx)
    if lag:
        target = STAGE_OF_CHOICE[choice]
        needs = f"set stage: {target} ('{shellhint.raio('check')} --next-stage' lists what that stage needs)."
        decided_by = _decision(app).get("decided_by")
        # without decided_by it is the RAIO's recommendation (pilot.yaml): the stage moves when the board decides
        hint = (needs[0].upper() + needs[1:] if isinstance(decided_by, str) and decided_by.strip()
                else f"When the board has decided: write decided_by and the date of the board's decision in "
                      f"pilot.yaml's decision and {needs}")
        end = pilot_end(app)[0] if choice == "extend" else None  # the extended pilot's, for raio status
        yield app.finding("DEC004", "application", ("stage",),
                          f"the decision '{choice}' is recorded but the stage is still {stage}", hint,
                          data={"variant": "decision", "choice": choice, "decided": _text(decided_by),
                                **({"end": str(end)} if end is not None and end >= ctx.today else {})})


def _evaluated_while_extended(app, ctx):
    """DEC004 for an extension recorded only under ``extensions``: the stage is evaluation while
    the extended pilot runs, on an outcome that is not the extended pilot's
    (:func:`outcome_before_extension`, as DAT002 and the gate of evaluation read it)."""
    stale = outcome_before_extension(app)
    end, path = pilot_end(app)
    if stale is None or end is None or end < ctx.today:
        return  # no such outcome, or the extended pilot has ended: DAT002 and DAT003 report its outcome
    report = (f"set stage: pilot until the extended pilot ends on {end}, then report its results in pilot.yaml's "
              f"outcome, with the new outcome.date, and set stage: evaluation")
    words = f"{stale_outcome_words(stale)}{decided_words(stale)}"
    if stale["outcome"] is None:
        hint = f"Date the outcome if it is the extended pilot's ({date_the_outcome(app)}); otherwise {report}."
    elif stale["before_end"] is not None:  # after the extension, before its end: an interim outcome
        words = f"the outcome of {stale['outcome']} is dated before that end"
        hint = (f"{report[0].upper()}{report[1:]}. If the extended pilot ended early, write the day it ended as its "
                f"end (pilot.yaml {end_paths_words(app, end, path)}) and why.")
    else:
        hint = f"{report[0].upper()}{report[1:]}. If the outcome on file is the extended pilot's, correct its outcome.date."
    yield app.finding("DEC004", "application", ("stage",),
                      f"the stage is still evaluation, but the extended pilot runs until {end} and {words}", hint,
                      data={"variant": "extension", "end": str(end)})


@rule("DEC005", "extend-incomplete")
def extend_is_complete(app, ctx):
    """An extend decision lacks its reason or its new end date.

    What: `decision.choice: extend` without `rationale` or without `new_end`.
    Why: An extension without a reason invites the next one, and without an end date it is an
    open-ended pilot: pilotitis with a signature.
    Fix: Write `rationale` (what the extra time will show that the pilot could not) and
    `new_end`; add the extension to `extensions` (end, reason, date, by), e.g.
    `extensions: [{end: 2027-11-30, reason: "...", date: 2027-09-01, by: "..."}]`.
    """
    decision = _decision(app)
    if decision.get("choice") != "extend":
        return
    lacking = [k for k in ("rationale", "new_end") if not (_text(decision.get(k)) or as_date(decision.get(k)))]
    if lacking:
        asks = {"rationale": "rationale: (why more time will settle the question)",
                "new_end": "new_end: YYYY-MM-DD (the extended pilot's last day)"}
        hint = f"Give the decision {' and '.join(asks[k] for k in lacking)}"
        if "new_end" in lacking:  # else DEC010 says it, with the new end the decision has
            day = as_date(decision.get("date"))
            hint += ", and record the extension: " + record_extension(app, "YYYY-MM-DD", str(day or "YYYY-MM-DD"))
        yield app.finding("DEC005", "pilot", ("decision", "choice"),
                          f"the extend decision has no {' and no '.join(lacking)}", hint + ".",
                          data={"variant": "_".join(lacking)})


def record_extension(app, end: str, day: str) -> str:
    """Where to write the entry of an extension to ``end`` decided on ``day`` under pilot.yaml's
    ``extensions``, in words a user can type as they read: the entry as one flow mapping, and
    the line to change or add it at ("- end: 2027-11-30, reason, date: ..., by" typed as it read
    was one text with a colon in it, a YAML error)."""
    entry = f"{{end: {end}, reason: REASON, date: {day}, by: WHO}}"
    doc = app.docs.get("pilot")
    extensions = app.get("pilot", "extensions")
    at = doc.where(("extensions",), key=True) if doc is not None and isinstance(doc.data, dict) and \
        ("extensions",) in doc.pos else None
    if at is None:
        return f"add the line extensions: [{entry}] to pilot.yaml, at the start of a line"
    if isinstance(extensions, list) and extensions:
        return f"add - {entry} as the last entry under extensions: (line {at[0]}), indented as its other entries"
    return f"replace the extensions: of line {at[0]} with extensions: [{entry}]"


@rule("DEC006", "extend-end-not-later")
def extend_moves_end(app, ctx):
    """An extend decision's new end is not after the pilot's current end.

    What: `decision.new_end` on or before the pilot's end before this extension (plan.end, or the
    latest extension recorded with another end date).
    Why: An extension that does not extend is a typo (often the year); the overdue check would
    then count from the wrong date.
    Fix: Correct `new_end`; it must be later than the end it extends.
    """
    decision = _decision(app)
    new_end = as_date(decision.get("new_end"))
    if decision.get("choice") != "extend" or new_end is None:
        return
    ends = [as_date(app.get("pilot", "plan", "end"))]
    extensions = app.get("pilot", "extensions", default=[])
    for ext in extensions if isinstance(extensions, list) else []:
        if isinstance(ext, dict):
            ends.append(as_date(ext.get("end")))
    old = max((d for d in ends if d is not None and d != new_end), default=None)
    if old is not None and new_end <= old:
        yield app.finding("DEC006", "pilot", ("decision", "new_end"),
                          f"new_end {new_end} is not after the pilot's current end ({old})",
                          "Give a new_end later than the end it extends.",
                          data={"new_end": str(new_end), "end": str(old)})


def scale_up_before_end(app) -> bool:
    """A scale-up dated before the pilot's last end (and not before its start): DEC007's
    ``before_end``. DAT016 leaves such a pilot to DEC007: one finding for one slip."""
    decision = _decision(app)
    day = as_date(decision.get("date"))
    if day is None or _choice(decision) != "scale-up":
        return False
    start = as_date(app.get("pilot", "plan", "start"))
    if start is not None and day < start and not plan_dates_conflict(app):
        return False  # DEC007 before_start
    end = pilot_end(app)[0]
    return end is not None and day < end


@rule("DEC007", "decision-before-pilot-end")
def decision_after_pilot(app, ctx):
    """A scale-up is decided before the pilot has ended, or a decision before it started.

    What: `decision.date` before the pilot's last end (plan.end or the latest extension) for a
    scale-up; or before `plan.start` for any choice (not while `plan.start` is on or after
    `plan.end`: DAT001 reports that typo first). Stopping early (e.g. for a breached guardrail)
    and extending before the end are allowed. After an extension, also a scale-up decided after
    the extended end on an outcome that is not the extended pilot's, as DAT002 reads it: dated
    before the extended end (an interim outcome), on or before the day the extension was decided
    (the results that led to it), or not dated at all.
    Before the planned end of a pilot whose outcome is dated before that end (not extended: one
    that ended early, as DAT016 reads it), the finding names the planned end.
    Why: A scale-up before the end is decided on incomplete results, which makes the
    pre-registered sample and analysis pointless; a decision before the start rests on no
    pilot at all. A pilot is extended because its results did not settle the question; a
    scale-up on the results from before its extended end rests on what did not settle it.
    Fix: Correct the date, or, if the pilot was cut short, record why in `rationale` and set the
    decision to what it is: stop, or a new pilot. After an extension, report the extended
    pilot's results (with their `outcome.date`) and decide on them; if the extended pilot ended
    early, write the day it ended as the extension's end and why.
    """
    decision = _decision(app)
    day, choice = as_date(decision.get("date")), _choice(decision)
    if day is None or choice is None:
        return
    start = as_date(app.get("pilot", "plan", "start"))
    if start is not None and day < start and not plan_dates_conflict(app):
        yield app.finding("DEC007", "pilot", ("decision", "date"),
                          f"the decision '{choice}' is dated {day}, before the pilot started ({start})",
                          "Correct the decision date or the pilot's start.",
                          data={"variant": "before_start", "choice": choice, "date": str(day), "start": str(start)})
        return
    if choice == "scale-up":
        end, path = pilot_end(app)
        if scale_up_before_end(app):
            early = outcome_before_planned_end(app)
            if early is not None:  # the outcome is of a pilot that ended early (DAT016's reading)
                yield app.finding("DEC007", "pilot", ("decision", "date"),
                                  f"scale-up decided on {day}, before the pilot's planned end ({end})",
                                  f"The outcome of {early['outcome']} is that of a pilot that ended early: decide on "
                                  "the whole pilot's results after its planned end; if the pilot was cut short, record "
                                  "why in `rationale` and set the decision to what it is (stop, or a new pilot); or "
                                  "correct the dates.",
                                  data={"variant": "before_planned_end", "date": str(day), "end": str(end),
                                        "outcome": str(early["outcome"])})
                return
            yield app.finding("DEC007", "pilot", ("decision", "date"),
                              f"scale-up decided on {day}, before the pilot's end ({end})",
                              "Decide after the pilot has ended and its outcome is reported; or correct the dates.",
                              data={"variant": "before_end", "date": str(day), "end": str(end)})
            return
        # after the extended end, but on an outcome that is not the extended pilot's (as DAT002 reads it)
        stale = outcome_before_extension(app)
        if stale is None:
            return
        report = ("Report the extended pilot's results in pilot.yaml's outcome, with the new outcome.date, and put "
                  "the scale-up to the board on them")
        words = f"scale-up decided on {day}, but {stale_outcome_words(stale)}{decided_words(stale)}"
        if stale["outcome"] is None:
            yield app.finding("DEC007", "pilot", ("decision", "date"), words,
                              f"Date the outcome if it is the extended pilot's ({date_the_outcome(app)}); otherwise {report[0].lower()}"
                              f"{report[1:]}.", data={"variant": "undated", "date": str(day)})
        elif stale["before_end"] is not None:  # an interim outcome
            yield app.finding("DEC007", "pilot", ("decision", "date"), words,
                              f"{report}. If the extended pilot ended early, write the day it ended as its end "
                              f"(pilot.yaml {end_paths_words(app, end, path)}) and why.",
                              data={"variant": "interim", "date": str(day), "outcome": str(stale["outcome"]),
                                    "end": str(stale["before_end"])})
        else:  # the results that led to the extension
            yield app.finding("DEC007", "pilot", ("decision", "date"), words,
                              f"{report}. If the outcome on file is the extended pilot's, correct its outcome.date.",
                              data={"variant": "extended", "date": str(day), "outcome": str(stale["outcome"]),
                                    "decided": str(stale["decided"])})


@rule("DEC008", "decision-without-decider")
def decision_names_decider(app, ctx):
    """A decision does not say who decided.

    What: pilot.yaml `decision` without `decided_by`.
    Only for a decision in effect (the stage moved to production, stopped or retired, or back to
    pilot for an extension): a choice recorded while the application is still in evaluation is
    the recommendation `raio memo` puts to the board, and nobody has decided it yet.
    Why: Accountability: the board, the governance committee or a mandated person decides, and
    the audit trail and the memo must name them.
    Fix: Write `decided_by`, e.g. "Raad van bestuur, op advies van de AI-stuurgroep".
    """
    decision = _decision(app)
    if not in_effect(app.stage, decision.get("choice"), decision.get("decided_by")):
        return
    if decision and decision.get("choice") is not None and not _text(decision.get("decided_by")):
        yield app.finding("DEC008", "pilot", ("decision",),
                          "the decision does not say who decided (decided_by)",
                          "Write decided_by: the body or person that took the decision.", key=True,
                          data={"variant": "none"})


@rule("DEC009", "decision-in-future", severity="warning")
def decision_not_in_future(app, ctx):
    """A decision is dated after today.

    What: `decision.date` later than today.
    Why: The dossier is an audit trail: a decision is recorded when it is taken. A future date is
    usually a typo, or a planned board meeting written down as if it had happened.
    Fix: Correct the date; record a planned meeting elsewhere (e.g. in a note) until it decides.
    """
    day = as_date(_decision(app).get("date"))
    if day is not None and day > ctx.today:
        yield app.finding("DEC009", "pilot", ("decision", "date"),
                          f"the decision is dated {day}, after today ({ctx.today})",
                          "Record a decision when it has been taken, with that date.")


@rule("DEC010", "extension-not-recorded", severity="warning")
def extension_is_recorded(app, ctx):
    """An extend decision's new end is not written under `extensions`.

    What: `decision.choice: extend` with a `new_end` that no entry of `extensions` has as its `end`.
    Why: The decision is replaced by the next one (scale-up or stop) when the extended pilot
    ends. The extension then leaves the dossier with it: the report shows the pilot ending on
    its first end date, with its outcome months later, and the policy's limit on extensions
    (DAT004) no longer counts it. Only the git history would still tell.
    Fix: Add the extension to `extensions`: `- end:` the new end, `reason:`, `date:` of the
    decision and `by:` who decided, as the decision says them.
    """
    # extensions_counted counts a decision's new_end apart exactly when no extension has it as its end
    unrecorded = [end for path, end in extensions_counted(app) if path == ("decision", "new_end")]
    for new_end in unrecorded:
        day = as_date(_decision(app).get("date"))
        yield app.finding("DEC010", "pilot", ("decision", "new_end"),
                          f"the extension to {new_end} is decided but not written under extensions",
                          "Record it, as the next decision replaces this one and the extension must stay on "
                          f"record (report, DAT004): {record_extension(app, str(new_end), str(day or 'YYYY-MM-DD'))}, "
                          "with the decision's reason and who decided.",
                          data={"new_end": str(new_end)})
