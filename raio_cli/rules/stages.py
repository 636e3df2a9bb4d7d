"""Stage gates: an application has what its lifecycle stage needs (files, fields, checklist items).

The gates themselves are data (``raio_cli/catalog/stage_gates.yaml`` and raio.yaml ``policy``);
:mod:`raio_cli.gates` compares an application with them and these rules turn the answer into
findings. What is checked elsewhere is not repeated here: an unknown stage is the schema's, a
decision ``choice`` that contradicts the stage is the decision rules' (DEC), and so is an outcome
that came before an extension in a stage past the pilot (DEC003 for an extend decision; DEC004 in
evaluation, for an extension recorded only under ``extensions`` too), the content of the
monitoring plan the monitoring rules' (MON), the checklist entries themselves the compliance
rules' (CMP).
"""

from __future__ import annotations

from raio_cli import shellhint
from raio_cli import catalog as cat
from raio_cli import gates
from raio_cli.findings import Finding, Severity
from raio_cli.portfolio import DOSSIER_FILES
from raio_cli.rules import checklist_catalog, dates, rule

#: Gate fields whose *value* the decision rules (DEC) check against the stage; the gate only
#: reports them when they are missing.
_DECISION_OWNED = ("pilot.decision.",)
#: The AI Act risk: when the MDR class makes it high, CMP012 reports it missing, saying so.
_AI_ACT_RISK = "application.regulatory.ai_act.risk"


def _risk_left_to_cmp012(app, ctx) -> bool:
    from raio_cli.rules.compliance import high_risk_class_to_state

    return high_risk_class_to_state(app, ctx) is not None


def _gate(app, ctx, stage, entering=False):
    """The app's gate status for ``stage``, computed once per check run (five rules ask);
    ``entering``: of the move into it (:func:`raio_cli.gates.gate_status`)."""
    policy = ctx.policy
    key = (stage, id(policy), entering)  # the app lives for one run, the run's policy object as long
    cache = app.__dict__.setdefault("_gate_status_cache", {})
    if key not in cache:
        try:
            resolved = ctx.per_run(("gate", stage), lambda: gates.resolve(stage, policy))
            cache[key] = gates.gate_status(app, stage, policy, resolved, entering=entering)
        except ValueError:  # unknown stage: the schema reports it
            cache[key] = None
    return cache[key]


def _severity(stage, ctx):
    """Warnings for a draft stage (policy ``draft_stages``, default: proposed), else the rule's own.

    A proposal is written over weeks; a freshly scaffolded dossier should pass CI while its
    findings say what a complete proposal holds. From ``planned`` on, a gate is a gate."""
    drafts = ctx.policy.get("draft_stages")
    drafts = drafts if isinstance(drafts, list) else ["proposed"]
    return Severity.WARNING if stage in drafts else None


def _current(app, ctx):
    stage = app.stage
    if stage is None or stage not in cat.STAGES:
        return None, None
    return stage, _gate(app, ctx, stage)


def _item_path(app, item_id):
    items = app.get("compliance", "items", default=[])
    for i, entry in enumerate(items if isinstance(items, list) else []):
        if isinstance(entry, dict) and entry.get("id") == item_id:
            return ("items", i, "status")
    return ("items",)


def _item_words(item_id, owner, item_status, item):
    """``item``: the catalog's entry, worded as the law read on the run's today."""
    title = item.get("title_en") or item_id
    source = item.get("source")
    what = f"'{item_id}' ({title}" + (f"; {' '.join(str(source).split())}" if source else "") + ")"
    state = "compliance.yaml does not list it" if item_status == "absent" else f"it is {item_status}"
    who = f" (owner: {owner})" if owner else ""
    return what, state + who


def _set_other(name, path, excluded):
    """How to give a ``path!=value`` gate field another value: the other values the schema allows,
    and for the AI Act risk what choosing one means (classifying the application)."""
    field = path.split(".", 1)[-1].replace("[?]", "[...]")
    others = [c for c in _choices(name, gates.split_path(path)[1]) if str(c).casefold() != str(excluded).casefold()]
    if path == _AI_ACT_RISK and others:
        return (f"Classify the application under the AI Act: set {field} in {name}.yaml to "
                f"{_either(others)}, with basis: the article or annex the class rests on")
    if others:
        return f"Set {field} in {name}.yaml to {_either(others)}"
    return f"Set {field} in {name}.yaml to a value other than {gates.word(excluded)}"


def _either(values):
    words = [gates.word(v) for v in values]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _choices(name, steps) -> list:
    """The values the schema of ``name`` allows at ``steps`` (its ``enum``), [] when it lists none."""
    from raio_cli.schema import load_schema

    try:
        node = load_schema(name)
    except (KeyError, OSError, ValueError):
        return []
    for step in steps:
        node = node.get("items") if isinstance(step, int) else (node.get("properties") or {}).get(step)
        if not isinstance(node, dict):
            return []
    enum = node.get("enum")
    return list(enum) if isinstance(enum, list) else []


def _field_text(path, expected):
    return f"{path} = {gates.word(expected)}"


def _element_ids(app, name: str, steps: tuple) -> str:
    """`` (G1)`` for a path through a list element that has an id (effects[1] is G1: the index
    counts from 0, which a reader need not work out), else ""."""
    node, ids = app.docs[name].data if name in app.docs else None, []
    for step in steps:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), (str, int)) and not isinstance(node.get("id"), bool):
                ids.append(str(node["id"]))
        else:
            node = node.get(step) if isinstance(node, dict) else None
    return f" ({', '.join(ids)})" if ids else ""


def _commented_alternative(app, name: str, path: str, steps: tuple) -> tuple:
    """For a gate field of alternatives (``effects.effects[0].target|limit``, whose steps stop at
    the effect), the steps of the alternative the file has commented out (the ``# target:``
    new-pilot writes under a benefit), so the finding and its hint point at the line to
    uncomment; else ``steps`` as they are."""
    last = path.rsplit(".", 1)[-1]
    doc = app.docs.get(name)
    if doc is None or "|" not in last or "[" in last:
        return steps
    from raio_cli.yamlio import commented_out

    for key in last.split("|"):
        if commented_out(doc, tuple(steps) + (key,)):
            return tuple(steps) + (key,)
    return steps


def _how_to_fill(app, name: str, steps: tuple) -> str:
    """How to fill in a missing or empty gate field: ``: remove the '# ' in front of plan: (line
    8) and design: (line 9) and give it a value`` when the file has it commented out (as raio
    new-pilot writes it), how to fill an empty list, else `` (present and not empty)``."""
    doc = app.docs.get(name)
    steps = tuple(steps)
    if doc is None or not isinstance(doc.data, dict):
        return " (present and not empty)"
    if steps in doc.pos:
        if app.get(name, *steps) == [] and isinstance(steps[-1], str):
            from raio_cli.schema import entry_line

            return (f": replace {steps[-1]}: [] (line {doc.pos[steps][0]}) with a list of entries under "
                    f"{steps[-1]}:, each starting on a {entry_line(name, steps)} line ('raio schema {name}' lists their keys)")
        return " (present and not empty)"
    from raio_cli.yamlio import commented_out

    lines = commented_out(doc, steps)
    if not lines:
        if isinstance(steps[-1], str) and steps[:-1] in doc.pos:  # beside keys of its own: say where to add it
            from raio_cli.rules import how_to_give

            return ": " + how_to_give(doc, steps, steps[-1].upper(), "its value")
        return " (present and not empty)"
    keys = " and ".join(f"{key}: (line {line})" for line, key in lines)
    if _block_follows(doc, lines[-1][0]):  # a block such as monitoring.yaml's plan: its lines too
        return f": remove the '# ' in front of {keys} and of the lines under it, and fill them in"
    return f": remove the '# ' in front of {keys} and give it a value"


def _block_follows(doc, line: int) -> bool:
    """Whether commented-out ``line`` is a bare ``key:`` with commented-out lines indented under it."""
    from raio_cli.yamlio import editor_lines

    text = editor_lines(doc.raw.decode("utf-8", "replace"))  # the lines commented_out() numbers

    def uncommented(number):  # the line as it reads once its '# ' is removed, or None
        stripped = text[number - 1].lstrip() if 0 < number <= len(text) else ""
        if not stripped.startswith("#"):
            return None
        body = stripped[1:]
        return body[1:] if body.startswith(" ") else body

    key, below = uncommented(line), uncommented(line + 1)
    if key is None or below is None or not below.strip() or below.lstrip().startswith("#"):
        return False
    indent = len(key) - len(key.lstrip())
    return key.split("#", 1)[0].rstrip().endswith(":") and len(below) - len(below.lstrip()) > indent


def _findings(app, ctx, status, code, lead, kinds, *, skip=None, hint_tail="", severity=None):
    """Findings for the ``kinds`` (files, fields, values, items) that ``status`` lists, minus what
    ``skip`` (the current stage's status, when ``status`` is the next stage's) already lists."""
    advice = skip is not None
    skip = skip or gates.GateStatus(stage="")
    otherwise = "" if advice else ", or set the stage the dossier is really in"
    catalog = checklist_catalog(ctx)
    # Without compliance.yaml every required item is absent: one finding for the file names them.
    # A compliance.yaml that could not be read is its own finding (YML001 ...): its items are unknown.
    doc = app.docs.get("compliance")
    items_in_file = "compliance" in status.missing_files or (doc is not None and not doc.ok)
    if "files" in kinds:
        for name in status.missing_files:
            if name in skip.missing_files:
                continue
            extra = ""
            if name == "compliance" and status.open_items:
                extra = f" (to settle: {', '.join(i[0] for i in status.open_items)})"
            how = (f"{shellhint.raio('monitor', app.id)} init writes it from its template" if name == "monitoring" else
                   "see 'raio schema' for its keys; raio new-pilot writes it only for a new application")
            data = {} if advice else {  # the values, for a memo that words the finding in its own language
                "variant": "settle" if extra else "plain", "stage": status.stage, "file": f"{name}.yaml",
                **({"items": [i[0] for i in status.open_items]} if extra else {})}
            yield app.finding(code, "application", ("stage",), f"{lead} {name}.yaml{extra}",
                              f"Create {app.rel}/{name}.yaml ({how}){otherwise}.{hint_tail}", severity=severity,
                              data=data)
    if "fields" in kinds:
        for file, path in status.missing_fields:
            if (file, path) in skip.missing_fields:
                continue
            if not advice and path == _AI_ACT_RISK and _risk_left_to_cmp012(app, ctx):
                continue
            name, steps = gates.split_path(path)
            which = _element_ids(app, name, steps)
            field = path.split(".", 1)[-1].replace("|", " or ")
            steps = _commented_alternative(app, name, path, steps)
            yield app.finding(code, name, steps, f"{lead} {path}{which}",
                              f"Fill in {field}{which} in {name}.yaml{_how_to_fill(app, name, steps)}"
                              f"{otherwise}.{hint_tail}", severity=severity,
                              data={} if advice else {"stage": status.stage, "path": f"{path}{which}"})
    if "values" in kinds:
        for file, path, expected, actual in status.wrong_values:
            if not advice and path.startswith(_DECISION_OWNED):
                continue
            if any(w[:2] == (file, path) for w in skip.wrong_values):
                continue
            name, steps = gates.split_path(path)
            now = "" if actual is None else f" (it is {actual})"
            data = {} if advice else {"variant": "plain" if actual is None else "now", "stage": status.stage,
                                      "path": path, "expected": gates.word(expected),
                                      **({} if actual is None else {"actual": str(actual)})}
            yield app.finding(code, name, steps, f"{lead} {_field_text(path, expected)}{now}",
                              f"Set {path.split('.', 1)[-1].replace('[?]', '[...]')} to {gates.word(expected)} "
                              f"in {name}.yaml{otherwise}.{hint_tail}", severity=severity, data=data)
        for file, path, excluded, actual in status.other_values:
            if not advice and path == _AI_ACT_RISK and _risk_left_to_cmp012(app, ctx):
                continue  # CMP012 says the class it must be
            if any(w[:2] == (file, path) for w in skip.other_values):
                continue
            name, steps = gates.split_path(path)
            now = "" if actual is None else f" (it is {gates.word(actual)})"
            data = {} if advice else {"variant": "other" if actual is not None else "other_plain", "stage": status.stage,
                                      "path": path, "expected": gates.word(excluded),
                                      **({} if actual is None else {"actual": gates.word(actual)})}
            yield app.finding(code, name, steps, f"{lead} {path} other than {gates.word(excluded)}{now}",
                              f"{_set_other(name, path, excluded)}{otherwise}.{hint_tail}", severity=severity, data=data)
    if "superseded" in kinds:  # only the next stage's: with the stage, DEC003/DEC004 report the extension
        skipped = {(file, path) for file, path, _facts in skip.superseded}
        for file, path, facts in status.superseded:
            if (file, path) in skipped:
                continue
            end = facts["end"]
            report = (f"report the extended pilot's results in pilot.yaml's outcome, with the new outcome.date, "
                      f"once it has ended{f' ({end})' if end else ''}")
            hint = (f"Date the outcome in pilot.yaml: {dates.date_the_outcome(app)}; if they "
                    f"are the ones that led to the extension, {report}" if facts["outcome"] is None  # nothing shows whose
                    else f"{report[0].upper()}{report[1:]}")
            yield app.finding(code, "pilot", ("outcome", "date"),
                              f"{lead} {path} of the extended pilot: {dates.stale_outcome_words(facts)}"
                              f"{dates.decided_words(facts)}", f"{hint}.{hint_tail}", severity=severity)
    if "items" in kinds and not items_in_file:
        skipped_items = {i[0] for i in skip.open_items}
        for item_id, owner, item_status in status.open_items:
            if item_id in skipped_items:
                continue
            item = cat.worded_on(catalog.get(item_id) or {}, ctx.today)  # its basis as the law read on today
            what, state = _item_words(item_id, owner, item_status, item)
            where = ("compliance", _item_path(app, item_id)) if app.has("compliance") else ("application", ("stage",))
            action = ("set status: done here, with evidence: (a document number, URL or evidence/ path) and "
                      "date: YYYY-MM-DD; or status: not-applicable with justification: why it does not apply"
                      if item_status != "absent" else
                      f"add it to compliance.yaml's items (- id: {item_id}) with status: done and evidence: DOCUMENT "
                      f"(a document number, URL or evidence/ path) and date: YYYY-MM-DD; or status: not-applicable "
                      f"with justification: why it does not apply")
            data = {}
            if not advice:  # the values, for a memo that words the finding in its own language
                data = {"variant": ("absent" if item_status == "absent" else "listed") + ("_owner" if owner else ""),
                        "stage": status.stage, "item": item_id,
                        "title": {"en": item.get("title_en") or item_id,
                                  "nl": item.get("title_nl") or item.get("title_en") or item_id},
                        "status": "" if item_status == "absent" else item_status, "owner": owner or ""}
            yield app.finding(code, where[0], where[1],
                              f"{lead} checklist item {what} done or not-applicable: {state}",
                              f"When it is settled, {action}{otherwise}.{hint_tail}", severity=severity, data=data)


@rule("GAT001", "gate-file-missing")
def gate_files(app, ctx):
    """A dossier file that the application's stage needs does not exist.

    What: The gate of the stage in application.yaml (built-in defaults in stage_gates.yaml,
    adjusted by raio.yaml policy.stage_gates) names a file that is not in the folder, e.g.
    effects.yaml for a planned pilot or monitoring.yaml in production. Reported at the `stage`
    line of application.yaml.
    Why: A stage is a claim about how far the application has come; a planned pilot without
    pre-registered effects, or a production system without a monitoring plan, is the claim
    without the evidence.
    Fix: Create the file (`raio monitor APP init` writes monitoring.yaml from its template; `raio
    schema NAME` shows the keys of the others, which raio new-pilot writes for a new
    application), or set `stage` to the stage the dossier is really in.
    Severity: a warning instead while the application is in a draft stage (raio.yaml
    policy.draft_stages, by default only proposed), so that a proposal written over weeks can
    pass CI.
    """
    stage, status = _current(app, ctx)
    if status is None:
        return
    yield from _findings(app, ctx, status, "GAT001", f"stage '{stage}' needs", {"files"}, severity=_severity(stage, ctx))


@rule("GAT002", "gate-field-missing")
def gate_fields(app, ctx):
    """A field that the application's stage needs is missing or empty.

    What: A path of the stage's gate, such as pilot.plan.sample_size or
    effects.effects[].baseline.value, that is absent, null or empty in its file. Reported at the
    nearest value that exists; for lists, per element (effects.effects[1].baseline.value).
    Fields of a file that is missing altogether are not listed (GAT001 reports the file).
    Why: The gate says what must be written down before an application may be in a stage: the
    pre-registered baseline and target before a pilot starts, the outcome before it is evaluated,
    the decision before it goes to production. Pilots without these are how pilotitis starts.
    Fix: Fill in the field, or set `stage` to the stage the dossier is really in. A portfolio can
    adjust what its gates require in raio.yaml policy.stage_gates.<stage> (require_fields,
    relax_fields).
    Severity: a warning instead while the application is in a draft stage (raio.yaml
    policy.draft_stages, by default only proposed), so that a proposal written over weeks can
    pass CI.
    Example: stage 'pilot' needs pilot.plan.sample_size
    """
    stage, status = _current(app, ctx)
    if status is None:
        return
    yield from _findings(app, ctx, status, "GAT002", f"stage '{stage}' needs", {"fields"}, severity=_severity(stage, ctx))


@rule("GAT003", "gate-item-not-settled")
def gate_items(app, ctx):
    """A checklist item that the application's stage needs is not done or not-applicable.

    What: An item of the compliance catalog (or raio.yaml policy.checklist_extra, or a gate's
    require_items) that applies to this application and is required from its stage or earlier,
    but is open, in progress or not listed in compliance.yaml. The message names the item, its
    legal or normative source and the role that owns it. A compliance.yaml that could not be read
    (a YAML syntax error: YML001) is that finding alone: its items are unknown, not absent.
    Why: The duties that come with using AI in care (MDR, AI Act deployer duties, GDPR, NEN 7510)
    must be met before the stage that needs them, not after; the gate is where that is visible.
    Fix: Settle the item and record it in compliance.yaml: status done with evidence and date, or
    not-applicable with a justification. Or set `stage` to the stage the dossier is really in.
    Severity: a warning instead while the application is in a draft stage (raio.yaml
    policy.draft_stages, by default only proposed), so that a proposal written over weeks can
    pass CI.
    """
    stage, status = _current(app, ctx)
    if status is None:
        return
    yield from _findings(app, ctx, status, "GAT003", f"stage '{stage}' needs", {"items"}, severity=_severity(stage, ctx))


@rule("GAT004", "gate-field-wrong-value")
def gate_values(app, ctx):
    """A gate field that must have a given value has another one, or one it must not have.

    What: A gate path of the form `path=value`, e.g. at least one effect with `primary: true`
    (effects.effects[?].primary=true), or a raio.yaml require_fields entry such as
    application.regulatory.in_house=false, where the field is there but holds another value.
    Or a path of the form `path!=value` whose field holds that value: from `planned` on the AI
    Act risk may not be `unknown` (application.regulatory.ai_act.risk!=unknown). The decision's
    `choice` against the stage is left to the decision rules (DEC); an `unknown` risk of a device
    whose MDR class makes it high-risk to CMP012, which says it must be high.
    Why: Some gates ask not only that something is written down but what: a pilot needs a
    primary effect to be judged on, and the AI Act risk class decides which duties apply.
    Fix: Set the value the gate needs (for the AI Act risk: classify the application as
    prohibited, high, limited or minimal, with the basis), or set `stage` to the stage the
    dossier is really in.
    Severity: a warning instead while the application is in a draft stage (raio.yaml
    policy.draft_stages, by default only proposed), so that a proposal written over weeks can
    pass CI.
    """
    stage, status = _current(app, ctx)
    if status is None:
        return
    yield from _findings(app, ctx, status, "GAT004", f"stage '{stage}' needs", {"values"}, severity=_severity(stage, ctx))


@rule("GAT010", "next-stage-needs", severity=Severity.INFO)
def next_stage_needs(app, ctx):
    """What the gate of the next stage will need (only with `raio check --next-stage`).

    What: With --next-stage, everything the next lifecycle stage's gate needs that the dossier
    does not have yet and the current stage does not already need: files, fields, values and
    checklist items. After evaluation the next stage is production (scale-up); after a stop
    decision it would be stopped. Once a scale-up or stop is recorded in pilot.yaml while the stage
    is still pilot or evaluation (DEC004), the next stage is the one that decision leads to:
    production or stopped. Before retired it lists `retirement.decided_by` too, which MON017 asks
    of a retired application (the gate's `fields_to_enter` in stage_gates.yaml: what the move
    into a stage needs besides its gate). After an extension (an extend decision, or one recorded
    under `extensions`), an outcome dated on or before the day it was decided (the results that
    led to it), or not dated at all, does not meet the gate of evaluation: the extended pilot's
    outcome is what it needs, reported at `outcome.date` (as DAT002 reads it). Where the next gate is
    met already, one finding at `stage` says so. Information only: it never changes the exit
    code.
    Why: Knowing the next gate early turns the move to the next stage into a checklist instead
    of a surprise, and keeps a pilot from stalling on paperwork.
    Fix: Nothing is wrong; prepare what is listed before you change `stage`. For an outcome
    after an extension: give it its `outcome.date` if it is the extended pilot's, else report the
    extended pilot's results once it has ended.
    """
    if not ctx.options.get("next_stage"):
        return
    stage, status = _current(app, ctx)
    if status is None:
        return
    from raio_cli.rules.decision import stage_lagging

    decided = stage_lagging(app)  # a scale-up or stop recorded: the stage DEC004 asks for
    following = decided or gates.next_stage(stage)
    if following is None:
        return
    upcoming = _gate(app, ctx, following, entering=True)
    if upcoming is None:
        return
    tail = ""
    alternatives = () if decided else gates.ALTERNATIVE_NEXT.get(stage, ())
    if alternatives:
        tail = (f" After a stop decision the next stage is {' or '.join(repr(a) for a in alternatives)} "
                f"instead, which needs the stop decision but not the duties of ongoing use.")
    if upcoming.ok:  # said, so that --next-stage is not silent where it has nothing to list
        yield app.finding("GAT010", "application", ("stage",),
                          f"next stage '{following}': its gate is met, nothing more is needed to move to it",
                          f"Set stage: {following} in application.yaml (with stage_since) when the application "
                          f"moves on.{tail}", severity=Severity.INFO, data={"variant": "met", "stage": following})
        return
    yield from _findings(app, ctx, upcoming, "GAT010", f"next stage '{following}' will need",
                         {"files", "fields", "values", "superseded", "items"}, skip=status, hint_tail=tail,
                         severity=Severity.INFO)


@rule("GAT005", "policy-gate-unknown-reference", scope="portfolio")
def policy_gate_references(portfolio, ctx):
    """raio.yaml policy.stage_gates names a file or checklist item that raio does not know.

    What: A require_fields/relax_fields path whose first part is not a dossier file
    (application, problem, effects, compliance, pilot, monitoring), or a require_items/relax_items
    id that is neither in the built-in catalog nor in policy.checklist_extra.
    Why: A gate that requires an item nobody can record (a typo such as `dpai`) can never be
    passed, and a relaxation with a typo silently relaxes nothing.
    Fix: Correct the name (the hint suggests the closest item id); the built-in ids are in
    raio_cli/catalog/compliance.yaml. Add organisation-specific items to policy.checklist_extra
    before a gate requires them.
    """
    config = portfolio.config
    settings = portfolio.settings
    policy = settings.get("policy")
    gates_cfg = policy.get("stage_gates") if isinstance(policy, dict) else None
    if config is None or not isinstance(gates_cfg, dict):
        return
    known_items = set(checklist_catalog(ctx))
    for stage, change in gates_cfg.items():
        if not isinstance(change, dict):
            continue
        for key in ("require_fields", "relax_fields", "require_items", "relax_items"):
            values = change.get(key)
            for i, value in enumerate(values if isinstance(values, list) else []):
                if not isinstance(value, str):
                    continue
                if key.endswith("_fields"):
                    file = value.split(".", 1)[0].split("[", 1)[0]
                    if file in DOSSIER_FILES and "." in value:
                        continue
                    message = (f"policy.stage_gates.{stage}.{key}: '{value}' does not start with a dossier file "
                               f"and a key")
                    data = {"variant": "path", "where": f"policy.stage_gates.{stage}.{key}", "value": value}
                    hint = f"Write the path as <file>.<key>..., the file being one of: {', '.join(DOSSIER_FILES)}."
                else:
                    if value in known_items:
                        continue
                    message = f"policy.stage_gates.{stage}.{key}: '{value}' is not a checklist item"
                    data = {"variant": "item", "where": f"policy.stage_gates.{stage}.{key}", "value": value}
                    close = _close(value, known_items)
                    hint = (f"Did you mean '{close}'? " if close else "") + \
                        "Use an id of the built-in catalog, or add the item to policy.checklist_extra."
                line, col = config.where(("policy", "stage_gates", stage, key, i))
                yield Finding(config.file, line, col, "GAT005", Severity.ERROR, message, hint, "", data)


def _close(word, candidates):
    import difflib

    match = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return match[0] if match else None
