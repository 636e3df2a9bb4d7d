"""The board memo as data: a dossier, its verdicts and its provenance in, a plain dict out.

:func:`build_context` gathers everything a memo says into one plain dict (the *context*):
display-ready strings in the memo's language, lists and booleans; no ``None`` anywhere (an
absent value is shown as "—" or "niet opgegeven" / "not given"). The renderers
(:mod:`~raio_cli.documents.render_md`, ``render_html``, ``render_pdf``, ``render_docx``) only lay
that context out; :func:`render_memo` picks one and returns the bytes.

Two kinds of memo, chosen from the application's stage:

- ``proposal`` (stages proposed and planned, and pilot before any outcome): the problem and for
  whom, the alternatives (non-AI included), what stays with the radiologist, training, the
  effects and guardrails registered in advance with their decision rules, the pilot plan,
  compliance readiness, cost, and the go/no-go asked; while the pilot plan lacks what the pilot
  stage's gate asks of pilot.yaml, no go is asked: the memo says what the plan lacks and asks
  agreement to the problem and the effects only.
- ``decision`` (evaluation, production, stopped, retired, and pilot once an outcome exists):
  expected against observed per effect with the computed verdict and interval
  (:mod:`raio_cli.verdicts`), the commit that registered the effects and how long before the
  start, amendments and outcome switching (REG findings of ``raio check``), exploratory
  (post-hoc) effects, compliance with open and expiring items, adoption and feedback, cost and
  capacity, monitoring, the recommendation and the decision asked. A decision in effect is put to
  the board to confirm within policy ``decision_confirm_days`` of it; later, in production the
  memo asks a periodic review (continue, adjust or stop), after a stop it records the decision,
  and while an extension decided as long ago runs it asks nothing before the extended pilot's end.

Every incident in monitoring.yaml reaches the memo, whatever the stage: in production and after
retirement the monitoring section lists those since the decision, those of the pilot before it,
and those without a date, each under its own heading; before production (pilot, evaluation, a
stop) a section of the pilot's incidents follows the pilot plan (proposal) or adoption (decision).
From the pilot on, the summary names the serious ones of the pilot, so a board never approves (or
confirms) a scale-up without seeing them; in production and after retirement also those since the
decision (after a stop: since the scale-up decision, as the heading over them says) and those
without a date, and while in use a measure past its alert threshold or overdue. A decision memo's
summary names the items the production stage requires that are not settled, as a proposal's
names those open before the start.

Provenance on every memo: organisation, department, application, the commit (HEAD), the date
rendered and raio's version. A memo is evidence, so it is a DRAFT (CONCEPT) when the worktree has
uncommitted changes under the application's folder, in raio.yaml or in the portfolio's template
folder (memos in the application's ``memos/`` folder do not count), when ``raio check`` reports
errors for the application (or could not run completely), or when there is no git at all.
``final=True`` refuses to render a draft.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

from raio_cli.values import as_date as _date, scalar_text as _str, with_unit

from raio_cli.documents.i18n import LANGS, Text, auto_decimals, fill, first_sentence, format_money, unbracketed

KINDS = ("proposal", "decision")
FORMATS = ("md", "html", "pdf", "docx")
EXTENSIONS = {"md": "md", "html": "html", "pdf": "pdf", "docx": "docx"}
PROPOSAL_STAGES = frozenset({"proposed", "planned"})
MEMOS_DIR = "memos"
#: Keys a context dict never uses: in a template ``x.items`` would be the dict's method.
#: The draft box lists this many of the check's errors and counts the rest: a dossier with 540
#: errors gave a box of 540, which in the PDF (a box kept whole on one page) ran off its page.
MAX_ERRORS_SHOWN = 25

RESERVED_KEYS = frozenset({"items", "keys", "values", "get", "pop", "update", "copy", "clear",
                           "setdefault", "fromkeys", "popitem"})


class MemoError(Exception):
    """The memo cannot be made; the message is one line (and ``hint`` says what to do)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


class DraftRefused(MemoError):
    """``final=True`` but the memo would be a draft."""


# ---------------------------------------------------------------------------------------------
# Small readers that never raise on odd data


def _strs(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [s for s in (_str(v) for v in value) if s]
    return []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _num(value: Any) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value




# ---------------------------------------------------------------------------------------------
# Kind, loading, provenance


def memo_kind(stage: str | None, pilot: dict) -> str:
    """``proposal`` or ``decision`` for an application's stage (see the module docstring)."""
    if stage in PROPOSAL_STAGES or stage is None:
        return "proposal"
    from raio_cli.catalog import STAGES

    if stage == "pilot" or stage not in STAGES:  # a stage raio does not know: what the pilot holds
        outcome = _dict(pilot.get("outcome"))
        return "decision" if _list(outcome.get("results")) or _dict(pilot.get("decision")) else "proposal"
    return "decision"


def _load(root: Path, app_id: str):
    from raio_cli import portfolio as pf_mod

    try:
        root = pf_mod.find_root(Path(root))
    except pf_mod.PortfolioNotFound as exc:
        raise MemoError(str(exc), "Run raio in a portfolio folder or point at one.") from None
    # only this application: a memo of one dossier must not read (and check) a thousand others
    pf = pf_mod.load(root, only={app_id})
    app = pf.app(app_id)
    if app is None:
        raise MemoError(pf_mod.unknown_application(app_id, pf_mod.application_ids(root), root))
    return pf, app


def writable(value: Any) -> Any:
    """A document's context with every text as UTF-8 can write it: a byte of a folder name that
    is no UTF-8 (``caf\\xe9-app``, which Python names with a lone surrogate) as U+FFFD
    (:func:`raio_cli.gitcmd.shown`). Mappings, lists and tuples are copied where they hold one."""
    from raio_cli.gitcmd import shown

    if isinstance(value, str):
        return value if value.isascii() else shown(value)
    if isinstance(value, dict):
        return {writable(k): writable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(writable(v) for v in value) if not hasattr(value, "_fields") else value
    return value


def git_facts(root: Path, app_rel: str, extra: list[str] | tuple = ()) -> dict:
    """What git says about the portfolio for a memo: HEAD, uncommitted changes, a shallow clone
    (the pre-registration commit is :func:`preregistration`).

    Uncommitted changes count under the application's folder (except its ``memos/``), in
    raio.yaml and in ``extra`` (the portfolio's template folder: a memo is only evidence when
    everything that shaped it is committed).

    Never raises: without git, outside a repository or before the first commit, ``vcs`` or
    ``commit`` are empty and the memo says so.
    """
    from raio_cli import gitcmd

    facts: dict[str, Any] = {"vcs": False, "commit": "", "short": "", "commit_date": "", "dirty": [],
                             "shallow": False, "prereg": None, "prereg_missing": "", "error": ""}
    try:
        top = gitcmd.toplevel(root)
        if top is None:
            return facts
        facts["vcs"] = True
        head = gitcmd.git(root, "log", "-1", "--format=%H%x00%h%x00%cI", check=False)
        parts = head.stdout.strip().split("\0") if head.returncode == 0 else []
        if len(parts) == 3:
            facts["commit"], facts["short"], facts["commit_date"] = parts
        dirty = gitcmd.dirty_paths(root, paths=[app_rel, "raio.yaml", *extra])
        # a dossier file hidden by .gitignore is as uncommitted as an edited one
        dirty += [p for p in gitcmd.ignored_paths(root, paths=[app_rel, "raio.yaml"]) if p.endswith((".yaml", ".yml"))]
        try:
            memos = (root / app_rel / MEMOS_DIR).resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            memos = f"{app_rel}/{MEMOS_DIR}"
        facts["dirty"] = [gitcmd.shown(p) for p in dirty if not (p == memos or p.startswith(memos + "/"))]
        if facts["commit"]:
            facts["shallow"] = gitcmd.is_shallow(root)
    except gitcmd.GitError as exc:
        facts["error"] = str(exc)
    return facts


def app_history(root: Path, app_id: str, today: dt.date):
    """The application's git history (:class:`raio_cli.history.AppHistory`), None when git cannot tell."""
    from raio_cli import history

    h = history.read(root, today, only=[app_id])
    return h.app(app_id) if h.readable else None


def preregistration(ah, start: dt.date | None, today: dt.date | None = None) -> tuple[dict | None, str]:
    """The commit of effects.yaml a memo cites as the pre-registration, and why there is none.

    As the REG rules see it: the last committed version that holds effects before the first one
    made after the pilot's start (:func:`raio_cli.history.first_after`: what was registered when the
    pilot began; a version that follows one made after the start came after it, whatever its own
    date, a branch's version counts from the merge that took it into the main line, and one
    committed after the start on top of what was on record then came after it, and so did one on
    top of a commit of the application's other files made after the start and not after
    ``today``: :func:`raio_cli.history.witness_after`); without one, the first version that
    held effects (after the start: not pre-registered); with no start yet, the last version that
    holds effects. A commit of an effects.yaml without effects (the scaffold) is no registration.
    The reason is ``"uncommitted"`` (effects.yaml never committed) or ``"empty"`` (committed,
    never with an effect)."""
    committed = ah.committed("effects") if ah is not None else []
    held = [v for v in committed if not v.deleted and v.definitions]
    if start is not None:
        from raio_cli.history import first_after, witness_after

        witness = witness_after(ah, start, today or dt.date.max) if ah is not None else None
        after = first_after(committed, start, witness)
        first = after.order if after is not None else None
        before = [v for v in held if v.made <= start and (first is None or v.order < first)]
        v = before[-1] if before else (held[0] if held else None)
    else:
        v = held[-1] if held else None
    if v is None:
        return None, "empty" if committed else "uncommitted"
    return {"commit": v.commit, "short": v.short, "date": v.date.isoformat(), "author": v.author,
            "truncated": v.truncated}, ""


def _check(app, today: dt.date) -> tuple[list, list[str], dict]:
    """Findings of ``raio check`` for this application, why the check did not complete, and the
    monitoring gaps a suppression explains (:func:`raio_cli.monitoring.explained_gaps`).

    The same run as ``raio check applications/<id>``: the application with the portfolio-wide
    rules, served from the check's cache when nothing it depends on changed since the last check
    (a memo after a check does not read the git history again)."""
    from raio_cli import check

    try:
        result = check.run(app.dir, today=today, cache=True)
    except Exception as exc:  # a broken check must not block the memo; it makes it a draft
        return [], [f"{type(exc).__name__}: {_cut(exc)}"], {}
    from raio_cli.monitoring import explained_gaps

    problems = [_cut(e) for e in result.internal_errors if not e.startswith("Traceback")]
    return list(result.findings), problems, explained_gaps(result.findings, result.suppressed)


def _cut(message: object) -> str:
    """A message (an exception's) on one line, at most 200 characters, no number cut short (the
    memo's texts are masked after this)."""
    from raio_cli.privacy import clip

    return clip(" ".join(str(message).split()), 200, ellipsis="")


def _verdicts(effects: dict, pilot: dict, policy: Any = None) -> tuple[dict, str]:
    """Verdicts by effect id (from :mod:`raio_cli.verdicts`, intervals from counts at the level of
    raio.yaml ``policy``, as raio check computes them), and a problem if they failed."""
    try:
        from raio_cli.verdicts import counts_level, evaluate_app
    except ImportError as exc:
        return {}, f"verdicts unavailable: {exc}"
    try:
        verdicts = evaluate_app(effects, pilot, counts_level(policy))
    except Exception as exc:  # computed verdicts are the memo's core; say it, do not crash
        return {}, f"verdicts failed: {type(exc).__name__}: {_cut(exc)}"
    return {str(getattr(v, "effect", "")): v for v in verdicts or []}, ""


# ---------------------------------------------------------------------------------------------
# The context


def build_context(root: Path, app_id: str, lang: str | None = None, today: dt.date | None = None,
                  kind: str | None = None) -> dict:
    """Everything a memo of application ``app_id`` says, as a plain dict (see the module docstring).

    ``lang`` defaults to raio.yaml ``language``; ``today`` (the date rendered and the check's
    today) to the real date; ``kind`` to the one the stage calls for. Raises :class:`MemoError`
    for an unknown application, language or kind.
    """
    pf, app = _load(root, app_id)
    return _context(pf, app, lang, today, kind)


def _context(pf, app, lang: str | None, today: dt.date | None, kind: str | None) -> dict:
    from raio_cli import __version__

    lang = lang or pf.language
    if lang not in LANGS:
        raise MemoError(f"unknown language '{lang}'", "Use --lang nl or --lang en.")
    today = today or dt.date.today()
    t = Text(lang)
    A, P, E = app.data("application"), app.data("pilot"), app.data("effects")
    problem, compliance = app.data("problem"), app.data("compliance")
    kind = kind or memo_kind(app.stage, P)
    if kind not in KINDS:
        raise MemoError(f"unknown memo type '{kind}'", "Use proposal or decision.")
    if kind == "decision" and (app.stage in PROPOSAL_STAGES or app.stage is None) and memo_kind("pilot", P) == "proposal":
        raise MemoError(f"{app.id} is {app.stage or 'without a stage'} and its pilot has no outcome or decision: "
                        "a decision memo would have nothing to decide on",
                        "Use --type proposal (the memo for this stage), or record the pilot's outcome first.")
    absent, not_given = t("absent"), t("not_given")

    def text(value: Any) -> str:
        return _str(value) or not_given

    # provenance and draft status
    try:
        templates = template_folder(pf)
    except MemoError:
        templates = None  # render_memo reports it
    extra = [templates.resolve().relative_to(pf.root.resolve()).as_posix()] if templates is not None else []
    git = git_facts(pf.root, app.rel, extra)
    findings, check_problems, explained = _check(app, today)
    errors = [f for f in findings if in_draft_box(f.code, f.severity)]
    verdicts, verdict_problem = _verdicts(E, P, pf.policy) if kind == "decision" else ({}, "")
    problems = check_problems + ([verdict_problem] if verdict_problem else [])
    reasons = _draft_reasons(t, git, errors, problems)
    draft = bool(reasons)
    # what the DRAFT box asks for: a commit, the errors fixed, or both (as its reasons say)
    uncommitted = bool(git["dirty"]) or (git["vcs"] and not git["commit"])
    unchecked = bool(errors or problems) or not git["vcs"]
    draft_fix = t("draft_fix_commit") if uncommitted and not unchecked else (
        t("draft_fix_errors") if unchecked and not uncommitted and git["vcs"] else t("draft_fix"))

    organisation = _str(pf.settings.get("organisation")) or absent
    department = _str(pf.settings.get("department"))
    rendered = t.date(today)
    commit_text = git["short"] or (t("prov_nocommit") if git["vcs"] else t("prov_novcs"))
    from raio_cli.documents.jinja_env import running  # the footer of every page: a long organisation cut

    provenance = {
        "organisation": organisation,
        "department": department or absent,
        "portfolio": f"{organisation}, {department}" if department else organisation,
        "app_id": app.id,
        "app_name": app.name,
        "under_vcs": bool(git["vcs"] and git["commit"]),
        "commit_short": git["short"] or commit_text,
        "commit_full": git["commit"] or commit_text,
        "commit_date": t.date(git["commit_date"]) if git["commit_date"] else absent,
        "commit_text": (t("prov_commit_value", short=git["short"], full=git["commit"], date=t.date(git["commit_date"]))
                        if git["commit"] else commit_text),
        "rendered": rendered,
        "rendered_iso": today.isoformat(),
        "raio_version": __version__,
        "raio_text": t("prov_raio_value", version=__version__),
        "dirty": list(git["dirty"]),
        "footer": t("footer", organisation=running(organisation), app_id=app.id, commit=git["short"] or commit_text,
                    date=rendered, version=__version__),
    }

    stage = app.stage or ""
    stage_label = t.label("stage", stage) if stage else not_given
    ah = app_history(pf.root, app.id, today) if git["commit"] else None
    # when the stage began, as raio status and the report count it: the commit that set the stage,
    # else application.yaml's stage_since as written
    since = (ah.stage_since if ah is not None else None) or _date(A.get("stage_since"))
    if since is not None and since > today:
        since = None  # a history committed after the date asked for (--today)
    from raio_cli.rules.dates import policy_int as dates_policy_int, switched_off

    since = switched_off(app, today) or since  # a retirement: the switch-off the memo's text names
    stage_text = f"{stage_label} ({t('since', date=t.date(since))})" if since else stage_label
    owner = _dict(A.get("owner"))
    owner_role = _str(owner.get("role"))
    owner_text = ", ".join(s for s in (_str(owner.get("name")), t.role(owner_role) if owner_role else "") if s) or not_given
    product = _str(A.get("product"))
    version = _str(A.get("version"))
    vendor = _str(A.get("vendor"))
    product_text = " ".join(s for s in (product, version) if s) or not_given
    product_short = product or app.name
    product_by = t("product_by", product=product_short, vendor=vendor) if vendor else product_short
    # " (PI-RADS Assist van Prostavision)" after the application's name; nothing when it would
    # only repeat the name (no product and no vendor given)
    product_after = f" ({product_by})" if product_by != app.name else ""

    facts = [
        {"label": t("fact_organisation"), "value": provenance["portfolio"]},
        {"label": t("fact_application"), "value": f"{app.name} ({app.id})"},
        {"label": t("fact_product"), "value": ", ".join(s for s in (product_text, vendor) if s and s != not_given) or not_given},
        {"label": t("fact_stage"), "value": stage_text},
        {"label": t("fact_owner"), "value": owner_text},
        {"label": t("fact_date"), "value": rendered},
        {"label": t("fact_commit"), "value": git["short"] or commit_text},
    ]

    application_rows = _application_rows(A, t, not_given, compliance, pf.policy)
    problem_rows = [
        {"label": t("label_statement"), "value": text(problem.get("statement"))},
        {"label": t("label_for_whom"), "value": text(problem.get("for_whom"))},
        {"label": t("label_current_practice"), "value": text(problem.get("current_practice"))},
        {"label": t("label_baseline_text"), "value": text(problem.get("baseline"))},
        {"label": t("label_root_cause"), "value": text(problem.get("root_cause"))},
    ]
    radiologist_rows = [
        {"label": t("label_stays"), "value": text(problem.get("stays_with_radiologist"))},
        {"label": t("label_training"), "value": text(problem.get("training_impact"))},
        {"label": t("label_workload"), "value": text(problem.get("workload_impact"))},
        {"label": t("label_stakeholders"), "value": t.join(_strs(problem.get("stakeholders_consulted"))) or not_given},
    ]
    alternatives = []
    for alt in _list(problem.get("alternatives")):
        alt = _dict(alt)
        if not _str(alt.get("option")):
            continue
        alternatives.append({"option": _str(alt.get("option")),
                             "ai": t("alt_ai") if alt.get("ai") is True else t("alt_no_ai"),
                             "uses_ai": alt.get("ai") is True,
                             "assessment": text(alt.get("assessment"))})
    alternatives_note = ""
    if not alternatives:
        alternatives_note = t("no_alternatives")
    elif all(a["uses_ai"] for a in alternatives):
        alternatives_note = t("no_non_ai_alternative")

    # OUT012: a primary verdict on far fewer cases than planned (not where a reasoned suppression says
    # the table counts another unit); the memo says what raio check says
    short = {_str(_dict(f.data).get("effect")): _dict(f.data) for f in findings if f.code == "OUT012"}
    # OUT013: a primary verdict on an interval below the level the policy asks
    low = {_str(_dict(f.data).get("effect")): _dict(f.data) for f in findings if f.code == "OUT013"}
    effects = _effects(E, P, verdicts, t, kind, short, low)
    amended_ids = {_str(_dict(a).get("effect")) for a in _list(E.get("amendments"))}
    for e in effects:
        e["amended"] = e["id"] in amended_ids
        if e["amended"]:
            e["tags"] = ", ".join(x for x in (e["tags"], t("amended")) if x)
    registered = [e for e in effects if not e["post_hoc"]]
    exploratory = [e for e in effects if e["post_hoc"]]
    plan = _dict(P.get("plan"))
    start, end = _date(plan.get("start")), _date(plan.get("end"))
    extensions = [_dict(x) for x in _list(P.get("extensions"))]
    last_end = next((_date(x.get("end")) for x in reversed(extensions) if _date(x.get("end"))), None) or end
    # a typo in the plan's dates is shown as written and marked as no date, not as a plan without it
    from raio_cli.rules.dates import plan_date_problems

    typos = plan_date_problems(app)
    unread = {p["key"]: p["text"] for p in typos if p["kind"] == "unreadable"}
    start_text = _not_a_date(unread["start"], t) if "start" in unread else t.date(start)
    end_text = _not_a_date(unread["end"], t) if "end" in unread and last_end is None else t.date(last_end)
    if any(p["kind"] == "order" for p in typos):
        end_text += " " + t("period_dates_order")
    dated = {"start": bool(start or "start" in unread), "end": bool(last_end or "end" in unread)}
    # a pilot past its (last) end, as the pilot stage and a proposal memo still have it before its outcome
    pilot_over = stage == "pilot" and last_end is not None and today > last_end
    # a pilot whose start lies after the memo's date (rendered --today before it) does not run yet
    pilot_runs = stage == "pilot" and not (start is not None and today < start)

    pilot_rows = [
        {"label": t("label_design"), "value": text(plan.get("design"))},
        {"label": t("label_period"), "value": t("label_period_value", start=start_text, end=end_text)
         if dated["start"] or dated["end"] else not_given},
        {"label": t("label_sites"), "value": t.join(_strs(plan.get("sites"))) or not_given},
        {"label": t("label_population"), "value": text(plan.get("population"))},
        {"label": t("label_sample_size"), "value": t.number(_num(plan.get("sample_size"))) if _num(plan.get("sample_size")) is not None else not_given},
        {"label": t("label_analysis"), "value": text(plan.get("analysis"))},
    ]
    for x in extensions:
        pilot_rows.append({"label": t("label_extensions"),
                           "value": t("extension_value", end=t.date(x.get("end")), reason=text(x.get("reason")))})
    outcome = _dict(P.get("outcome"))
    # an outcome dated before the planned end of a pilot not extended: one that ended early (DAT016)
    from raio_cli.rules.dates import outcome_before_planned_end

    ended_early = outcome_before_planned_end(app) if kind == "decision" and stage != "pilot" else None
    if outcome.get("date") is not None:
        pilot_rows.append({"label": t("label_outcome_date"), "value": t.date(outcome.get("date")) + (
            " " + t("outcome_date_early") if ended_early else "")})

    if git["commit"]:
        git["prereg"], git["prereg_missing"] = preregistration(ah, start, today)
    # what the effects and the pilot plan still lack of what the pilot stage's gate asks: without
    # the plan there is no pilot to say go to, only the problem and the effects to agree to;
    # without complete effects nothing is registered in advance to agree to, only the problem
    effects_lack, plan_lacks = _gate_lacks(app, pf.policy, t) if kind == "proposal" and stage != "pilot" else ("", "")
    lacks = t.join([clause for clause in (effects_lack, plan_lacks) if clause])
    prereg = _preregistration(git, start, t, today, incomplete=bool(effects_lack))
    prereg["lines"] += _accepted_preregistration(findings, t)
    amendments = []
    for a in _list(E.get("amendments")):
        a = _dict(a)
        amendments.append({"date": t.date(a.get("date")), "effect": _str(a.get("effect")) or absent,
                           "change": text(a.get("change")), "reason": text(a.get("reason")), "by": text(a.get("by"))})
    # an amendment committed too long after the change it declares does not count (REG002, REG004):
    # its row says when it came into git, not only the date it gives itself
    late = {}
    for f in findings:
        data = _dict(f.data)
        i = data.get("amendment")
        if f.code in ("REG002", "REG004") and _str(data.get("variant")).startswith("late") and isinstance(i, int) \
                and not isinstance(i, bool) and 0 <= i < len(amendments):
            late[i] = t("amend_late", date=t.date(data.get("amendment_committed"))) if data.get("amendment_commit") \
                else t("amend_not_committed")
    for i, note in late.items():
        amendments[i]["date"] += " " + note
    # an amendment's wording rewritten long after it came into git (REG008): the part rewritten
    # says so, and what it said on record; the finding's item below the table refers to it
    in_table = set()
    for f in findings:
        data = _dict(f.data)
        i, part = data.get("amendment"), data.get("variant")
        if f.code == "REG008" and part in ("change", "reason", "by") and isinstance(i, int) \
                and not isinstance(i, bool) and 0 <= i < len(amendments):
            old = _str(data.get("old")) or absent
            note = t("amend_reworded", date=t.date(data.get("date")), old=old) if data.get("commit") \
                else t("amend_reworded_uncommitted", old=old)
            amendments[i][part] += " " + note
            in_table.add(id(f))
    switching = [{"code": f.code, "severity": str(f.severity),
                  "message": finding_text(f, t, in_table=id(f) in in_table), "translated": is_translated(f, t)}
                 for f in findings if in_switching(f.code, f.severity)]

    compliance_ctx = _compliance(pf, app, A, compliance, kind, stage, today, t)
    # the AI Act duties that apply to the application, soon or already, with items not done (DAT011, DAT012)
    compliance_ctx["ai_act"] = [{"text": ai_act_duty(f.code, f.data, t), "passed": f.code == "DAT012"}
                                for f in findings if ai_act_duty(f.code, f.data, t)]

    decision = _dict(P.get("decision"))
    choice = _str(decision.get("choice"))
    decision_ctx = {
        "present": bool(choice),
        "choice": choice or "",
        "choice_label": t.label("choice", choice) if choice else not_given,
        "date": t.date(decision.get("date")) if _date(decision.get("date")) else not_given,
        "decided_by": text(decision.get("decided_by")),
        "consulted": _strs(decision.get("consulted")),
        "informed": _strs(decision.get("informed")),
        "rationale": text(decision.get("rationale")),
        "conditions": _strs(decision.get("conditions")),
        # only an extension has a new end: one left in a scale-up or stop decision means nothing
        "new_end": t.date(decision.get("new_end")) if choice == "extend" and _date(decision.get("new_end")) else "",
        "override_rationale": _str(decision.get("override_rationale")),
    }
    # a decision in effect (the stage moved on, or an extension running) is the board's decision;
    # one recorded while the application still awaits it is the recommendation put to the board
    from raio_cli.rules.decision import in_effect as decision_in_effect

    in_effect = decision_in_effect(stage, choice, decision.get("decided_by"))
    decision_ctx["label"] = t("label_decision" if in_effect else "label_recommendation")
    decision_ctx["on"] = t("label_decided_on" if in_effect else "label_recommended_on")

    verdict_summary, indicates, indicates_text = _verdict_summary(registered, t)
    # departing, as DEC001/DEC002 see it: scaling up over a breached guardrail or a primary effect
    # not shown (not met, inconclusive, missing); a guardrail left inconclusive alone is no departure
    primary = _primary(registered)
    unproven = indicates == "breach" or any(
        e["status"] in ("not-met", "inconclusive", "missing", "no-target") for e in primary)
    departs = kind == "decision" and bool(choice) and (
        (choice == "scale-up" and unproven) or (choice == "stop" and indicates == "support"))
    why = decision_ctx["override_rationale"] or t("departs_no_reason")
    # a decision in effect is the board's: it departs, not a recommendation
    departs_text = t("departs_decided" if in_effect else "departs",
                     why=why if why.endswith((".", "!", "?")) else why + ".") if departs else ""

    # a retired application, or one in production whose stop has been decided (retirement names
    # who decided it, or when): the decision taken is the stop after scale-up (application.yaml
    # retirement: who, when, why), not the scale-up it ends; that one stays in the summary
    retirement = _dict(A.get("retirement"))
    stop_planned = stage == "production" and _planned_retirement(A)
    stop_decided = stop_planned and bool(_str(retirement.get("decided_by")) or _date(retirement.get("decided_on")))
    stopped_after = kind == "decision" and ((stage == "retired" and bool(retirement)) or stop_decided)
    if stopped_after:
        decided_on = _date(retirement.get("decided_on"))
        pilot_decision = dict(decision_ctx)
        decision_ctx.update({
            "present": True, "choice": "retire", "choice_label": t("choice_retire"),
            "date": t.date(decided_on) if decided_on else not_given,
            "decided_by": text(retirement.get("decided_by")), "consulted": _strs(retirement.get("consulted")),
            "informed": _strs(retirement.get("informed")),
            "rationale": text(retirement.get("reason")), "conditions": [], "new_end": "",
            "override_rationale": "", "label": t("label_decision"), "on": t("label_decided_on"),
        })


    # in production longer than the policy's decision_confirm_days after the decision (or, without
    # its date, after the start of production): a periodic review, no confirmation of that decision
    decided_at = _date(decision.get("date")) or since
    long_ago = (kind == "decision" and bool(choice) and decided_at is not None
                and (today - decided_at).days > dates_policy_int(pf.policy, "decision_confirm_days", 90))
    review = long_ago and stage == "production" and not stop_planned
    # stopped as long ago: nothing in use to review, nothing left to confirm; the memo is the record
    stopped_record = long_ago and stage == "stopped"
    # extended as long ago, the extended pilot still running: nothing to decide until its outcome
    # an extension taken: in the pilot stage, or decided by the board while the stage still says
    # evaluation (DEC004 asks to move it back to pilot)
    extended = choice == "extend" and in_effect and stage in ("pilot", "evaluation")
    extension_runs = long_ago and extended and last_end is not None and today <= last_end
    # extended, and the extended pilot over with no decision after it: a decision is due, not a confirmation
    extension_ended = kind == "decision" and extended and last_end is not None and today > last_end
    # a scale-up or stop the board decided (decided_by) while the stage still says pilot or
    # evaluation (raio check's DEC004: move the stage): taken, not asked again
    stage_lags = kind == "decision" and choice in ("scale-up", "stop") and in_effect and stage in ("pilot", "evaluation")

    # the ask; the decision rules it names only where an effect gives one (the memo shows no other)
    agree_to = t("registered_with_rules" if any(_str(_dict(e).get("decision_rule")) for e in _list(_dict(E).get("effects")))
                 else "registered_without_rules")
    if kind == "proposal" and effects_lack:
        ask = t("ask_proposal_effects_incomplete", name=app.name, lacks=lacks)
    elif kind == "proposal" and plan_lacks:
        ask = t("ask_proposal_incomplete", name=app.name, lacks=plan_lacks, registered=agree_to)
    elif kind == "proposal" and pilot_over:
        # the pilot has ended without an outcome: no longer "running", and the decision falls due
        ask = t("ask_proposal_ended", name=app.name, end=end_text)
        due = _decision_due(app, pf.policy, today, t)
        ask = f"{ask} {due}" if due else ask
    elif kind == "proposal":
        ask = t("ask_proposal_running" if pilot_runs else "ask_proposal", name=app.name, go=t("go"), nogo=t("nogo"),
                registered=agree_to)
    elif stopped_after and stage == "production":
        # decided, not yet switched off (the stage stays production until that day, MON011)
        on = _date(retirement.get("date"))
        ends = t("ask_retire_ends", date=pilot_decision["date"]) if choice == "scale-up" else ""
        by = _str(retirement.get("decided_by"))
        ask = " ".join([t("ask_retire_decided"),
                        t("retired_decided_undated" if not decided_on else "retired_decided" if by
                          else "retired_decided_unnamed", by=by, on=decision_ctx["date"]),
                        t("retire_goes_on", retire_on=t.date(on), ends=ends) if on else t("retire_goes_undated")])
        if _str(retirement.get("reason")):
            ask += " " + t("ask_retire_reason", reason=_sentence(_str(retirement.get("reason"))))
        if _str(retirement.get("replaced_by")):
            ask += " " + t("ask_retire_replaced_by", replaced_by=_sentence(_str(retirement.get("replaced_by"))))
    elif stopped_after:
        # out of use: nothing is left to decide or confirm; the memo records who stopped it and when,
        # and the decision after the pilot with the evidence it rested on
        retired = _date(retirement.get("date")) or since
        by = _str(retirement.get("decided_by"))
        on = decision_ctx["date"] if decided_on else ""
        who = ("retired_decided" if by and on else "retired_decided_undated" if by
               else "retired_decided_unnamed" if on else "retired_decided_unknown")
        ask = " ".join([t("ask_retired_stop", name=app.name, retired=t.date(retired) if retired else not_given),
                        t(who, by=by, on=on),
                        t("retired_after_decision", date=pilot_decision["date"], choice=pilot_decision["choice_label"])
                        if choice else t("retired_after_no_decision")])
    elif stage == "retired":
        # out of use: nothing is left to decide or confirm; the memo is the record of what was decided
        retired = _date(_dict(A.get("retirement")).get("date")) or since
        ask = t("ask_retired" if choice else "ask_retired_undecided", name=app.name,
                retired=t.date(retired) if retired else not_given, date=decision_ctx["date"],
                choice=decision_ctx["choice_label"])
    elif stage == "production" and _planned_retirement(A):
        # a stop after scale-up, proposed while the application still runs (MON011: the stage
        # stays production until the switch-off): that is the decision asked, not the old scale-up
        planned = _dict(A.get("retirement"))
        on = _date(planned.get("date"))
        ends = t("ask_retire_ends", date=decision_ctx["date"]) if choice == "scale-up" else ""
        ask = t("ask_retire_on" if on else "ask_retire_undated", name=app.name, retire_on=t.date(on) if on else "",
                ends=ends)
        if _str(planned.get("reason")):
            ask += " " + t("ask_retire_reason", reason=_sentence(_str(planned.get("reason"))))
        if _str(planned.get("replaced_by")):
            ask += " " + t("ask_retire_replaced_by", replaced_by=_sentence(_str(planned.get("replaced_by"))))
    elif not choice:
        ask = t("no_decision")
    elif review:
        # long in use: the board reviews the use on what monitoring shows, not the old decision again
        ask = t("ask_review", name=app.name, date=decision_ctx["date"], choice=decision_ctx["choice_label"])
    elif stopped_record:
        ask = t("ask_stopped_record", name=app.name, date=decision_ctx["date"], choice=decision_ctx["choice_label"])
    elif extension_runs:
        ask = t("ask_extension_runs", name=app.name, date=decision_ctx["date"], end=t.date(last_end))
    elif extension_ended:
        from raio_cli.rules.dates import extensions_counted

        more = len(extensions_counted(app)) < dates_policy_int(pf.policy, "max_extensions", 1)
        ask = t("ask_extension_ended" if more else "ask_extension_ended_last", name=app.name,
                date=decision_ctx["date"], end=t.date(last_end))
    elif stage in ("production", "stopped") or extended or stage_lags:
        # taken and in effect (an extension runs again in the pilot stage): confirmed, not decided anew;
        # its conditions recorded where it has any
        ask = t("ask_confirm" if decision_ctx["conditions"] else "ask_confirm_plain",
                date=decision_ctx["date"], choice=decision_ctx["choice_label"])
        if stage_lags:  # the stage follows once it is carried out
            from raio_cli.rules.decision import STAGE_OF_CHOICE

            ask += " " + t("ask_stage_follows", stage=t.label("stage", stage),
                           target=t.label("stage", STAGE_OF_CHOICE[choice]))
    else:
        ask = t("ask_decision", choice=decision_ctx["choice_label"])
    # the heading over the ask: a decision taken, a recommendation put to the board, or a decision asked
    if kind == "proposal":
        ask_heading = t("section_ask_proposal")
    elif stop_planned and not stopped_after:
        ask_heading = t("section_ask_decision")
    elif review:
        ask_heading = t("section_review_asked")
    elif extension_ended:
        ask_heading = t("section_extension_ended")
    elif stopped_after or (choice and in_effect):
        ask_heading = t("section_decision_taken")
    elif choice:
        ask_heading = t("section_ask_decision")
    elif stage == "retired":
        ask_heading = t("section_decision_record")
    else:
        ask_heading = t("section_decision_asked")
    # a decision still to take (none recorded, or one recorded but the stage not moved): by when
    if kind == "decision" and stage in ("pilot", "evaluation") and (extension_runs or extension_ended or not (extended or stage_lags)):
        due = _decision_due(app, pf.policy, today, t)
        ask = f"{ask} {due}" if due else ask

    # the summary paragraph
    if kind == "proposal":
        n_b = sum(1 for e in registered if e["kind"] == "benefit")
        n_g = sum(1 for e in registered if e["kind"] == "guardrail")
        sites = t.join(_strs(plan.get("sites")))
        open_n = compliance_ctx["required_open"]
        running = pilot_runs
        if dated["start"] and dated["end"]:
            period = t("period_both", start=start_text, end=end_text)
        elif dated["start"]:
            period = t("period_start", start=start_text)
        else:
            period = t("period_none")
        key = "summary_proposal_ended" if running and pilot_over else "summary_proposal_running" if running else "summary_proposal_effects_incomplete" if effects_lack else \
            "summary_proposal_incomplete" if lacks else "summary_proposal"
        summary = t(key, period=period if dated["start"] or not plan_lacks else "", lacks=lacks,
                    problem_short=first_sentence(_str(problem.get("statement"))) if _str(problem.get("statement")) else not_given + ".",
                    name=app.name, product=product_after, start=start_text if dated["start"] else not_given,
                    end=end_text if dated["end"] else not_given,
                    sites=t("summary_at_sites", sites=sites) if sites else "",
                    n_benefits=t.plural("summary_proposal_benefits", n_b),
                    n_guardrails=t.plural("summary_proposal_guardrails", n_g),
                    compliance=t("summary_compliance_ready") if open_n == 0 else t.plural("summary_compliance_open", open_n))
        # still proposed or planned after the planned start: the period above is no longer ahead,
        # from the day after it (raio check's DAT014 and the report's pilotitis follow after the
        # policy's start_grace_days)
        if not running and start is not None and today > start:
            summary += " " + t("summary_not_started", days=t.plural("n_days", (today - start).days), date=t.date(start))
    else:
        phrase_key = f"stage_phrase_{stage}" if stage in ("evaluation", "production", "stopped", "retired", "pilot") else \
            "stage_phrase_unknown"  # a typo in the stage: said as written, not taken for an evaluation
        if phrase_key == "stage_phrase_production" and since is None:
            phrase_key = "stage_phrase_production_undated"
        # results recorded before the pilot's (extended) end, while it still runs, are interim ones
        outcome_on = _date(outcome.get("date"))
        # in evaluation while the extended pilot runs, on the outcome that led to the extension (DEC004)
        from raio_cli.rules.dates import outcome_before_extension

        stale = outcome_before_extension(app)
        running = stage == "evaluation" and last_end is not None and today <= last_end and stale is not None
        if running:
            phrase_key = "stage_phrase_evaluation_running"
        elif phrase_key == "stage_phrase_pilot" and pilot_over:  # the stage still says pilot; the pilot is over
            phrase_key = "stage_phrase_pilot_over"
        elif ended_early and phrase_key + "_early" in t.s:  # DAT016: the planned end was not reached
            phrase_key += "_early"
        if (stage == "pilot" and last_end is not None and (outcome_on or today) < last_end) or running or \
                (stale is not None and stale["before_end"] is not None):  # DAT002, DEC004, DEC007 read it alike
            outcome_label = t("summary_outcome_interim_on", date=t.date(outcome_on)) if outcome_on else t("summary_outcome_interim")
        elif stale is not None and outcome_on:  # the results that led to the extension (DAT002, DEC007)
            outcome_label = t("summary_outcome_before_extension", date=t.date(outcome_on))
        elif ended_early and phrase_key.endswith("_early"):  # the stage phrase says it ended early
            outcome_label = t("summary_outcome_on", date=t.date(ended_early["outcome"]))
        elif ended_early:  # DAT016: the results of part of the planned pilot
            outcome_label = t("summary_outcome_ended_early", date=t.date(ended_early["outcome"]),
                              end=t.date(ended_early["end"]))
        else:
            outcome_label = t("summary_outcome")
        if outcome_label != t("summary_outcome") and indicates == "support":  # of part of the pilot only: said so
            indicates_text = t("indicates_support_partial")
        summary = t("summary_decision", name=app.name, product=product_after,
                    stage_phrase=t(phrase_key, start=t.date(start) if start else not_given,
                                   end=t.date(last_end) if last_end else not_given,
                                   since=t.date(since) if since else not_given, stage=stage),
                    outcome=outcome_label, verdicts=verdict_summary,
                    # the verdicts just named the breached guardrails: what that means, not the breach again
                    indicates=t("indicates_breach_summary") if indicates == "breach" else indicates_text)
        if stopped_after:
            if choice:
                summary += " " + t("summary_decided", choice=pilot_decision["choice_label"], date=pilot_decision["date"])
            if departs:  # the scale-up's departure from the results, before the stop that ended it
                summary += " " + departs_text
            if decided_on:
                summary += " " + t("summary_decided", choice=decision_ctx["choice_label"], date=decision_ctx["date"])
        else:
            if choice:
                key = "summary_decided" if in_effect else "summary_advice"
                summary += " " + t(key, choice=decision_ctx["choice_label"], date=decision_ctx["date"])
            if departs and decision_ctx["present"] and decision_ctx["override_rationale"]:
                # its justification, often a paragraph, is read once: in the section on the
                # decision right below (show_indicates); that none is recorded the summary says
                summary += " " + t("departs_decided_see" if in_effect else "departs_see", section=ask_heading)
            elif departs:
                summary += " " + departs_text
        if stop_decided:
            on = _date(retirement.get("date"))
            summary += (" " + t("summary_retire_decided", retire_on=t.date(on))) if on else ""
        elif stop_planned:
            on = _date(_dict(A.get("retirement")).get("date"))
            summary += " " + (t("summary_retire_planned", retire_on=t.date(on)) if on else t("summary_retire_planned_undated"))
    incidents_ctx = _pilot_incidents(app, stage, t, today)
    monitoring_ctx = _monitoring(app, A, stage, today, t, None if check_problems else findings,
                                 {} if check_problems else explained)
    # where the pilot's incidents are listed: their own section, or after scale-up the monitoring's
    listed = incidents_ctx if stage in ("pilot", "evaluation", "stopped") else \
        monitoring_ctx if monitoring_ctx["pilot_incidents"] else None
    if incidents_ctx["serious"] and listed:
        # a board must not approve (or confirm) a scale-up without seeing a serious incident of the pilot
        summary += " " + t.plural("summary_incidents_serious", incidents_ctx["serious"], section=listed["title"])
    # the decision a memo shows after a stop is the stop: the incidents since the scale-up say whose date they count from
    scaled_up_on = _date(decision.get("date"))
    since_scale_up = stopped_after and choice == "scale-up" and scaled_up_on is not None
    if since_scale_up:
        monitoring_ctx["incidents_label"] = t("label_incidents_since_scale_up", date=t.date(scaled_up_on))
    # nor confirm one without seeing those of its use (and those no date places before it)
    if incidents_ctx["serious_since"] and monitoring_ctx["incidents"]:
        summary += " " + t.plural("summary_incidents_serious_since_scale_up" if since_scale_up else "summary_incidents_serious_since",
                                  incidents_ctx["serious_since"], section=monitoring_ctx["title"],
                                  date=t.date(scaled_up_on) if scaled_up_on else "")
    if incidents_ctx["serious_undated"] and monitoring_ctx["undated_incidents"]:
        summary += " " + t.plural("summary_incidents_serious_undated", incidents_ctx["serious_undated"], section=monitoring_ctx["title"])
    # and a measure past its alert threshold, or overdue, while the application is in use
    for key in ("alerts", "overdue"):
        if monitoring_ctx[key]:
            summary += " " + t.plural(f"summary_monitoring_{key}", len(monitoring_ctx[key]), ids=t.join(monitoring_ctx[key]),
                                      section=monitoring_ctx["title"])
    # a scale-up to decide or confirm while an item production requires is not settled (open, or expired)
    if kind == "decision" and stage in ("pilot", "evaluation", "production") and compliance_ctx["required_open"]:
        summary += " " + t.plural("summary_compliance_unsettled", compliance_ctx["required_open"],
                                  stage=compliance_ctx["gate_stage"], section=t("section_compliance"))
    # and, as raio check warns of it, a CE certificate past its date or within its warning horizon
    cert_ctx = compliance_ctx["certificate"]
    if cert_ctx:
        key = ("expired" if cert_ctx["expired"] else "mdd" if cert_ctx["until"] else "expires_today"
               if cert_ctx["days"] == 0 else "expires")
        summary += " " + t(f"summary_certificate_{key}", number=cert_ctx["number"], date=cert_ctx["date"],
                           until=cert_ctx["until"], days=t.plural("n_days", cert_ctx["days"]),
                           section=t("section_compliance"))
    # and checklist evidence that expires within its horizon (DAT010), each with its date
    soon = compliance_ctx["items_expiring"]
    if soon:
        summary += " " + t.plural("summary_items_expiring", len(soon), title=soon[0]["title"], date=soon[0]["date"],
                                  days=t.plural("n_days", compliance_ctx["items_warning_days"]),
                                  items=t.join([t("summary_item_on", title=e["title"], date=e["date"]) for e in soon]),
                                  section=t("section_compliance"))
    summary = " ".join(summary.split())

    adoption_rows = [
        {"label": t("label_adoption"), "value": text(outcome.get("adoption"))},
        {"label": t("label_feedback"), "value": text(outcome.get("feedback"))},
        {"label": t("label_unexpected"), "value": text(outcome.get("unexpected"))},
    ]
    cost = _dict(A.get("cost"))
    currency = cost.get("currency")
    cost_rows = [
        {"label": t("label_one_off"), "value": format_money(_num(cost.get("one_off")), currency, lang) or not_given},
        {"label": t("label_yearly"), "value": format_money(_num(cost.get("yearly")), currency, lang) or not_given},
    ]
    if _str(cost.get("notes")):
        cost_rows.append({"label": t("label_cost_notes"), "value": _str(cost.get("notes"))})
    cost_rows.append({"label": t("label_capacity"), "value": text(A.get("capacity"))})
    if kind == "decision":
        cost_rows.append({"label": t("label_cost_actual"), "value": text(outcome.get("cost"))})
        cost_rows.append({"label": t("label_capacity_actual"), "value": text(outcome.get("capacity"))})

    # who signs: a decision in effect was taken by decided_by (or the board); otherwise the board
    # still has to decide and sign, and a name in decided_by is the one who recommends
    decided_by = _str(retirement.get("decided_by") if stopped_after else decision.get("decided_by"))
    owner_name = _str(owner.get("name"))
    signers = [{"role": t("sign_prepared"), "name": owner_text if owner_text != not_given else ""}]
    consulted = decision_ctx["consulted"] if kind == "decision" else _strs(problem.get("stakeholders_consulted"))
    consulted_text = t.join(consulted) or not_given
    informed_text = t.join(decision_ctx["informed"]) if kind == "decision" and decision_ctx["informed"] else not_given
    if stop_planned and not stopped_after:
        # a stop proposed to the board: nobody has decided it yet (whoever scaled the application
        # up, and whom they consulted, took another decision); who was consulted on the stop is
        # the retirement's own
        who_rows = [{"label": t("label_decision_asked_of"), "value": t("the_board")}]
        signers.append({"role": t("sign_board"), "name": ""})
        consulted_text = t.join(_strs(retirement.get("consulted"))) or not_given
        informed_text = t.join(_strs(retirement.get("informed"))) or not_given
    elif review or extension_ended:
        # the decision taken stays on record; the review (or the decision after an extension that
        # has run out) is the board's to decide and sign
        who_rows = [{"label": t("label_decided_by"), "value": decision_ctx["decided_by"]},
                    {"label": t("label_decision_asked_of"), "value": t("the_board")}]
        signers.append({"role": t("sign_board"), "name": ""})
    elif kind == "decision" and in_effect:
        who_rows = [{"label": t("label_decided_by"), "value": decision_ctx["decided_by"]}]
        signers.append({"role": t("sign_decided"), "name": decided_by} if decided_by else {"role": t("sign_board"), "name": ""})
    else:
        who_rows = []
        if kind == "decision" and (choice or decided_by):
            who_rows.append({"label": t("label_recommended_by"), "value": decided_by or not_given})
            if decided_by and decided_by != owner_name:
                signers.append({"role": t("sign_recommended"), "name": decided_by})
        who_rows.append({"label": t("label_decision_asked_of"), "value": t("the_board")})
        signers.append({"role": t("sign_board"), "name": ""})
    signoff = {
        # kept for portfolio templates written before "rows": who decided, only where that is so
        "decided_by": decision_ctx["decided_by"] if kind == "decision" and in_effect else not_given,
        "consulted": consulted_text,
        "informed": informed_text,
        # "Consulted on the decision": the problem section's "Consulted" names those consulted on the
        # problem, and the same label over another list read as a contradiction ("not given")
        "rows": who_rows + [{"label": t("label_consulted_decision" if kind == "decision" or stop_planned
                                         else "label_consulted"), "value": consulted_text},
                            {"label": t("label_informed"), "value": informed_text}],
        "signers": signers,
    }

    shown_errors = errors[:MAX_ERRORS_SHOWN]
    later = _recorded_after(app, today, t)
    translated = [is_translated(f, t) for f in shown_errors]
    untranslated = [f.code for f, ok in zip(shown_errors, translated) if not ok]
    context = {
        "kind": kind,
        "lang": lang,
        "t": t.s,
        "absent": absent,
        "not_given": not_given,
        "title": t(f"title_{kind}"),
        "subtitle": t("subtitle_proposal_incomplete" if lacks
                      # a pilot that already runs (or ran) is no proposal "to start" it
                      else "subtitle_proposal_ended" if kind == "proposal" and pilot_over
                      else "subtitle_proposal_running" if kind == "proposal" and pilot_runs
                      else f"subtitle_{kind}"),
        "draft": draft,
        "draft_mark": t("draft_mark"),
        "draft_reasons": reasons,
        "draft_fix": draft_fix,
        "draft_reasons_en": _draft_reasons(Text("en"), git, errors, problems) if lang != "en" else list(reasons),
        "errors": [{"code": f.code, "message": finding_text(f, t), "translated": ok,
                    "where": f"{f.file}:{f.line}" if f.line else f.file} for f, ok in zip(shown_errors, translated)],
        "errors_more": (t.plural("draft_errors_more", len(errors) - len(shown_errors), app=app.id)
                        if len(errors) > len(shown_errors) else ""),
        # under the errors: where a message is left in English, how a reader finds out what it means
        "errors_note": t("draft_errors_untranslated", code=untranslated[0]) if untranslated else "",
        **later,
        "provenance": provenance,
        "facts": facts,
        "summary": summary,
        "ask": ask,
        "ask_heading": ask_heading,
        # the section under ask_heading repeats what the results indicate beside a recorded
        # decision or recommendation; without one the summary has just said it
        "show_indicates": kind == "decision" and decision_ctx["present"] and not stopped_after,
        "app": {"id": app.id, "name": app.name, "stage": stage or "", "stage_label": stage_label,
                "owner": owner_text, "product": product_text, "vendor": vendor or not_given},
        "application_rows": application_rows,
        "problem_rows": problem_rows,
        "radiologist_rows": radiologist_rows,
        "alternatives": alternatives,
        "alternatives_note": alternatives_note,
        "effects": registered,
        "exploratory": exploratory,
        "has_results": kind == "decision",
        "verdict_summary": verdict_summary,
        "indicates": indicates,
        "indicates_text": indicates_text,
        "departs": departs,
        "departs_text": departs_text,
        "preregistration": prereg,
        "amendments": amendments,
        "switching": switching,
        "pilot_rows": pilot_rows,
        "compliance": compliance_ctx,
        "adoption_rows": adoption_rows,
        "cost_rows": cost_rows,
        "monitoring": monitoring_ctx,
        "incidents": incidents_ctx,
        "decision": decision_ctx,
        "signoff": signoff,
    }
    # the dossier as written, but no patient identifier in full (PRV001/PRV002 report it in the check)
    from raio_cli import privacy

    return privacy.mask_data(_no_none(context, absent), privacy.patterns_of(pf.policy))


def _gate_lacks(app, policy: Any, t: Text) -> tuple[str, str]:
    """What the effects and the pilot plan lack of the fields in effects.yaml and pilot.yaml that
    the pilot stage's gate requires (raio_cli/catalog/stage_gates.yaml, as raio.yaml policy
    adjusts it), each as a clause of the memo; "" for one that lacks none (or when the gate cannot
    be read: raio check reports that)."""
    from raio_cli import gates

    try:
        status = gates.gate_status(app, "pilot", policy)
    except Exception:  # a malformed policy is check's to report
        return "", ""
    return _effects_lack(app, status, t), _plan_lacks(status, t)


def _plan_lacks(status, t: Text) -> str:
    """What the pilot plan lacks of the gate's fields in pilot.yaml (a :class:`gates.GateStatus`)."""
    if "pilot" in status.missing_files:
        return t("plan_lacks_file")
    fields = []
    for file, path in status.missing_fields:
        if file != "pilot":
            continue
        name = _field_words(path.split(".", 1)[1], "plan_field", t)
        if name not in fields:
            fields.append(name)
    return t("plan_lacks_fields", fields=t.join(fields)) if fields else ""


_EFFECT_GAP = re.compile(r"effects\.effects\[(\d+|\?)\]\.(.+)")


def _effects_lack(app, status, t: Text) -> str:
    """What the effects lack of the gate's fields in effects.yaml (a :class:`gates.GateStatus`):
    no effects at all, or per effect the fields it does not give, effects that lack the same
    fields named together (``E1 and G1 do not yet give a metric and a baseline``), and no
    effect marked primary. A benefit lacks its target, a guardrail its limit."""
    if "effects" in status.missing_files:
        return t("effects_lack", which=t("effects_lack_none"))
    effects = app.data("effects").get("effects")
    effects = effects if isinstance(effects, list) else []
    lacking: dict[int, list[str]] = {}
    other: list[str] = []
    gaps = [path for file, path in status.missing_fields if file == "effects"]
    gaps += [path for file, path, _expected, _actual in status.wrong_values if file == "effects"]
    for path in gaps:
        m = _EFFECT_GAP.fullmatch(path)
        if path == "effects.effects":
            return t("effects_lack", which=t("effects_lack_none"))
        if m and m.group(1) == "?" and m.group(2) == "primary":
            words = t("effects_lack_primary")
        elif m and m.group(1) != "?":
            i = int(m.group(1))
            effect = effects[i] if i < len(effects) and isinstance(effects[i], dict) else {}
            words = lacking.setdefault(i, [])
            name = _effect_field_words(m.group(2), effect.get("kind"), t)
            if name not in words:
                words.append(name)
            continue
        else:  # a policy's own field of effects.yaml, as written
            words = path.split(".", 1)[1]
        if words not in other:
            other.append(words)
    groups: dict[tuple[str, ...], list[str]] = {}
    for i, words in lacking.items():
        effect = effects[i] if i < len(effects) and isinstance(effects[i], dict) else {}
        name = effect.get("id") if isinstance(effect.get("id"), str) and effect.get("id") else t("effect_unnamed", n=i + 1)
        groups.setdefault(tuple(words), []).append(name)
    clauses = [t.plural("effects_lack_fields", len(names), effects=t.join(names), fields=t.join(list(words)))
               for words, names in groups.items()]
    clauses += other
    return t("effects_lack", which="; ".join(clauses)) if clauses else ""


def _effect_field_words(path: str, kind: Any, t: Text) -> str:
    """A field of an effect the gate requires (``metric``, ``baseline.source``, ``target|limit``)
    in the memo's words (strings.yaml ``effect_field``, :func:`_field_words`): a benefit's target,
    a guardrail's limit."""
    if path == "target|limit" and kind in ("benefit", "guardrail"):
        path = "target" if kind == "benefit" else "limit"
    return _field_words(path, "effect_field", t)


def _field_words(path: str, group: str, t: Text) -> str:
    """A field a gate requires, by its path in its file (pilot.yaml's ``plan.sample_size``,
    ``extensions[2].by``, a policy's ``plan.analysis|population``; an effect's
    ``baseline.source``), in the memo's words (strings.yaml ``group``: ``plan_field``,
    ``effect_field``), alternatives joined by "or"; the path as written when a field of it has no words."""
    key = re.sub(r"\[[^\]]*\]", "", path)
    paths = [".".join(steps) for steps in itertools.product(*(step.split("|") for step in key.split(".")))]
    words = [t.label(group, p) for p in paths]
    return t.join_or(words) if all(w != p for w, p in zip(words, paths)) else path


def _not_a_date(text: str, t: Text) -> str:
    """A plan date that is no date (:func:`raio_cli.rules.dates.plan_date_problems`), as written and marked."""
    return t("date_not_a_date", text=text) if text else t("date_not_a_date_bare")


def _decision_due(app, policy: Any, today: dt.date, t: Text) -> str:
    """By when the board must decide, as raio check's DAT003 counts it: the policy's
    decision_due_days after the outcome (or after the pilot's last end); how late, once passed."""
    from raio_cli.rules import dates

    due, ref, path, _words = dates.decision_due(app, policy)
    if due is None:
        return ""
    days = dates.policy_int(policy, "decision_due_days", 60)
    which = "outcome" if path and path[0] == "outcome" else "end"
    values = {"due": t.date(due), "ref": t.date(ref), "days": t.plural("n_days", days)}
    if today <= due:
        return t(f"decision_due_{which}", **values)
    return t(f"decision_overdue_{which}", late=t.plural("n_days", (today - due).days), **values)


def _draft_reasons(t: Text, git: dict, errors: list, problems: list[str]) -> list[str]:
    """Why the memo is a draft, one sentence each (empty when it is not)."""
    reasons: list[str] = []
    if not git["vcs"]:
        reasons.append(t("draft_novcs"))
    elif not git["commit"]:
        reasons.append(t("draft_nocommit"))
    if git["dirty"]:
        shown = git["dirty"][:8] + (["…"] if len(git["dirty"]) > 8 else [])
        reasons.append(t("draft_dirty", paths=", ".join(shown)))
    if errors:
        codes = sorted({f.code for f in errors})
        reasons.append(t.plural("draft_errors", len(errors)) + f" ({', '.join(codes[:6])}{', …' if len(codes) > 6 else ''})")
    # each problem is an English message (an exception's): the English quotes it, the Dutch says it once
    reasons.extend(dict.fromkeys(t("draft_check_failed", detail=problem_text) for problem_text in problems))
    return reasons


def _recorded_after(app, today: dt.date, t: Text) -> dict:
    """The dossier's entries dated after the memo's date (:func:`raio_cli.rules.dates.recorded_after`),
    which the memo would state as facts before they happened (a memo rendered with an earlier
    --today): the box under the title names each (its file and line, what it records, its date) and
    what to do. They make no draft of their own: the check reports most of them as warnings (a
    retirement dated ahead as an error). Without them there is no box, and the memo reads as it did."""
    from raio_cli.rules.dates import recorded_after

    found = recorded_after(app, today)
    lines = []
    for what, name, path, when in found[:MAX_ERRORS_SHOWN]:
        line = app.where(name, path)[0]
        where = f"{app.file(name)}:{line}" if line else app.file(name)
        if what == "item":
            item_id = _str(_dict(app.get(name, *path[:-1])).get("id"))
            words = t("later_item", id=item_id) if item_id else t("later_item_unnamed")
        elif what == "reported":
            party = str(path[-1])
            words = t("later_reported", party=t.s.get(f"incident_party_{party}", party))
        else:
            words = t(f"later_{what}")
        lines.append(t("later_entry", where=where, what=words, date=t.date(when)))
    return {
        "later": lines,
        "later_mark": t("later_mark"),
        "later_intro": t.plural("later_intro", len(found), date=t.date(today)) if found else "",
        "later_more": t.plural("later_more", len(found) - len(lines)) if len(found) > len(lines) else "",
        "later_fix": t("later_fix", latest=t.date(max(entry[-1] for entry in found))) if found else "",
    }


def in_draft_box(code: str, severity: Any) -> bool:
    """Does a finding of ``code`` with ``severity`` appear in the memo's DRAFT box? Its errors do."""
    return str(severity) == "error"


def in_switching(code: str, severity: Any) -> bool:
    """Does it appear in a decision memo's pre-registration section? The REG findings do, of
    any severity (a declared amendment is a warning, outcome switching an error)."""
    return code.startswith("REG")


def shown_in_memo(code: str, severity: Any) -> bool:
    """Can a finding reach a memo's text (and so needs a wording in strings.yaml ``finding``)?
    The portfolio report quotes no finding: it words what it shows itself (report_strings.yaml)."""
    return in_draft_box(code, severity) or in_switching(code, severity)


def finding_text(f, t: Text, in_table: bool = False) -> str:
    """A finding's message in the memo's language where raio knows the code (strings.yaml
    ``finding``: the REG findings and the errors that most often make a memo a draft), else as
    reported (:func:`is_translated` tells which). A finding whose ``data`` has a ``variant`` is
    worded by ``<code>_<variant>``. A version not yet committed (its ``commit`` is "") has no
    commit nor author to name: its own wording (``finding_uncommitted``) says so. A finding the
    amendments table already marks (``in_table``: REG008, with the wording on record) is worded by
    ``<key>_in_table``, which refers to the table instead of quoting that wording again."""
    text = (_worded(f, t, "_in_table") if in_table else None) or _worded(f, t)
    return f.message if text is None else text


def _worded(f, t: Text, suffix: str = "") -> str | None:
    """The finding in ``t``'s words (strings.yaml ``finding``), or None where raio has none: no
    wording for its code (and variant), or one whose fields the finding does not give."""
    template = _finding_template(f, t, suffix)
    if not template:
        return None
    values = {}
    for key, value in f.data.items():
        if key == "variant":
            continue
        if key == "days" and isinstance(value, int) and not isinstance(value, bool):
            values[key] = t.plural("n_days", value)
        elif key in ("old", "new") and isinstance(value, bool):  # a flag switched (REG002: primary)
            values[key] = t("word_yes" if value else "word_no")
        elif key in ("old", "new") and isinstance(value, str) and f.data.get("field") in _LABELLED_FIELDS:
            values[key] = t.label(f.data["field"], value)  # a value from a list (REG002: direction)
        elif isinstance(value, dict):  # a text given in each language
            values[key] = _str(value.get(t.lang)) or _str(value.get("en")) or t("absent")
        elif key == "lacking" and isinstance(value, list):  # checklist items not done: [id, status]
            values[key] = _lacking_words(value, t)
        elif isinstance(value, str) and len(value) == 10 and _date(value):
            values[key] = t.date(value)
        elif key == "commit" and isinstance(value, str):
            values[key] = value[:7]
        elif key == "field" and isinstance(value, str):
            values[key] = t.label("field", value)
        elif key in ("stage", "status") and isinstance(value, str):
            values[key] = t.label(key, value)
        elif key == "owner" and isinstance(value, str):
            values[key] = t.role(value)
        elif key == "label" and isinstance(value, str):  # a checklist item's id, "" when it has none
            values[key] = t("finding_item", id=value) if value else t("finding_item_unnamed")
        elif key == "conditions" and isinstance(value, list):  # a condition's problems: [kind, where, extra]
            values[key] = "; ".join(_condition_problem(t, item) for item in value)
        elif key == "stages" and isinstance(value, list):
            values[key] = t.join_or([t.label("stage", _str(v)) for v in value])
        elif key in _WORD_GROUPS and isinstance(value, str):  # a word raio chose, e.g. a YAML type
            values[key] = t.label(_WORD_GROUPS[key], value)
        elif key in _WORD_GROUPS and isinstance(value, list):  # alternatives: "text or a number"
            values[key] = t.join_or([t.label(_WORD_GROUPS[key], _str(v)) for v in value])
        elif isinstance(value, list):
            values[key] = ", ".join(_str(v) for v in value) or t("absent")
        elif key in _NUMBER_KEYS and isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
            values[key] = t.number(float(value) if "." in value else int(value))  # as the memo writes numbers
        elif _num(value) is not None and not isinstance(value, bool):
            values[key] = t.number(value)
        else:
            values[key] = _str(value) or t("absent")
    if f.code == "MON005" and isinstance(f.data.get("unit"), str):  # "alarmgrens 70 minuten", as the table reads
        for key in ("value", "threshold"):
            if key in values:
                values[key] = with_unit(values[key], f.data["unit"])
    try:
        return fill(template, values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def _lacking_words(value: Any, t: Text) -> str:
    """The checklist items a finding names as not done (``[[id, status], ...]``, status "" when
    compliance.yaml does not list the item), in ``t``'s words: "ai-literacy (open)"."""
    return ", ".join(
        f"{_str(pair[0])} ({t.label('status', _str(pair[1])) if _str(pair[1]) else t('finding_not_listed')})"
        for pair in _list(value) if isinstance(pair, list) and len(pair) == 2)


def ai_act_duty(code: str, data: Any, t: Text) -> str | None:
    """An AI Act duty that applies to the application from a date soon (raio check's DAT011) or
    since a date that has passed (DAT012), with the checklist items it requires that are not done,
    in ``t``'s words from the finding's own data (its date, days, title, article, moved or pending
    standing): the memo's compliance section and the report's points for attention word it alike.
    None for another finding, or data without a date."""
    data = _dict(data)
    key = {"DAT011": "ai_act_duty_due", "DAT012": "ai_act_duty_passed"}.get(code)
    days, day = data.get("days"), _date(data.get("date"))
    if key is None or day is None or isinstance(days, bool) or not isinstance(days, int):
        return None

    def own(value: Any) -> str:
        value = _dict(value)
        return _str(value.get(t.lang)) or _str(value.get("en"))

    article = own(data.get("article"))
    standing = data.get("standing") if data.get("standing") in ("pending", "proposed") else None
    if _date(data.get("moved_from")):  # a move only proposed is worded as the memo's draft box words it (DAT012)
        moved = "ai_act_moved_proposed" if standing == "proposed" else "ai_act_moved"
        state = [t(moved, moved_from=t.date(data["moved_from"]))] + ([t("ai_act_pending")] if standing == "pending" else [])
    else:
        state = [t(f"ai_act_{standing}")] if standing else []
    return t(key, title=own(data.get("title")) or t("absent"), article=f" ({article})" if article else "",
             date=t.date(day), days=t.plural("n_days", abs(days)), state="; " + ", ".join(state) if state else "",
             lacking=_lacking_words(data.get("lacking"), t) or t("absent"))


#: data keys whose values are numbers a rule gives as text (MON005's value and threshold, EFF001's
#: target and baseline), worded in the memo's language: 97,5 in Dutch, not 97.5
_NUMBER_KEYS = ("value", "threshold", "target", "limit", "baseline")


#: effect fields whose values come from a list (strings.yaml has a group of each, by the field's name)
_LABELLED_FIELDS = ("kind", "direction")


#: data keys whose values are words raio chose (not the dossier's text), worded by a strings.yaml group
_WORD_GROUPS = {"wanted": "value_type", "got": "value_type", "read_as": "value_type", "choice": "choice",
                "yaml_problem": "yaml_problem", "os_error": "os_error"}


#: Python's type names (a condition that is no mapping, raio_cli.catalog.condition_issues) as strings.yaml value_type
_PY_TYPES = {"str": "string", "list": "array", "int": "integer", "float": "number", "bool": "boolean", "NoneType": "null"}


def _condition_problem(t: Text, item: Any) -> str:
    """One problem of a raio.yaml condition (CMP011) in ``t``'s words (strings.yaml
    ``condition_problem``); KeyError for one raio has no wording for (the finding is then not
    worded in this language)."""
    kind, at, extra = (list(item) + ["", "", ""])[:3] if isinstance(item, list) else ("", "", "")
    return t.s["condition_problem"][kind].format(at=_str(at), allowed=_str(extra),
                                                 got=t.label("value_type", _PY_TYPES.get(_str(extra), "other")))


def _catalog_error(exc: Exception, t: Text) -> str:
    """Why the checklist catalog could not be built, in ``t``'s words: worded from the
    CatalogError's kind (strings.yaml ``catalog_error``) where raio has one, else the English
    message, which only the English wording quotes."""
    kind, values = getattr(exc, "kind", ""), getattr(exc, "values", None)
    template = t.s.get("catalog_error", {}).get(kind) if isinstance(kind, str) and isinstance(values, dict) else None
    if template:
        try:
            conditions = "; ".join(_condition_problem(t, item) for item in values.get("conditions") or [])
            reason = template.format(item=_str(values.get("item")), value=_str(values.get("value")), conditions=conditions)
            return t("compliance_catalog_error_kind", reason=reason)
        except (KeyError, IndexError, ValueError, AttributeError):
            pass
    return t("compliance_catalog_error", detail=_cut(exc))


def _finding_template(f, t: Text, suffix: str = "") -> str:
    data = f.data if isinstance(f.data, dict) else {}
    uncommitted = data.get("commit") == ""
    variant = data.get("variant")
    key = (f"{f.code}_{variant}" if isinstance(variant, str) and variant else f.code) + suffix
    template = (t.s.get("finding_uncommitted", {}).get(key) if uncommitted else None) or t.s.get("finding", {}).get(key)
    return template if isinstance(template, str) else ""


def is_translated(f, t: Text) -> bool:
    """Does :func:`finding_text` word this finding in ``t``'s language (English always is)?"""
    return t.lang == "en" or _worded(f, t) is not None


def _no_none(value: Any, absent: str) -> Any:
    """The context with every None replaced by the absent mark (defence in depth: none should be left)."""
    if value is None:
        return absent
    if isinstance(value, dict):
        return {k: _no_none(v, absent) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_none(v, absent) for v in value]
    return value


def _needs_certificate(A: dict) -> bool:
    """Does the catalog's CE certificate item apply to the application (an MDR class, not in-house)?"""
    try:
        from raio_cli import catalog as cat

        item = cat.compliance_catalog().get("ce-certificate")
        return bool(item) and cat.applies(item, A) and bool(_str(_dict(A.get("regulatory")).get("mdr_class")))
    except Exception:  # a broken catalog is check's to report: the row is left out, as before
        return False


def _certificate_extended(A: dict, compliance: dict, policy: Any, printed: dt.date | None,
                          lang: str) -> tuple[dt.date, str] | None:
    """(until, the catalog's source, ``source_nl`` in Dutch) when MDR Art 120 keeps the CE certificate valid after its
    printed date ``printed`` (:func:`raio_cli.rules.dates.mdd_transition`, by the catalog raio
    check reads); None for any other certificate or a catalog the memo cannot read."""
    from raio_cli import gates
    from raio_cli.rules import dates

    if printed is None:
        return None
    try:
        item = gates.checklist_catalog(policy).get("ce-certificate")
    except Exception:  # a malformed policy is check's to report (CMP011)
        return None
    mdd = dates.mdd_transition(A, compliance, item, printed)
    if mdd is None or mdd[0] <= printed:
        return None
    transition = _dict(item.get("mdd_transition"))
    source = (_str(transition.get("source_nl")) if lang == "nl" else "") or _str(transition.get("source"))
    return mdd[0], " ".join(source.split())


def _application_rows(A: dict, t: Text, not_given: str, compliance: Any = None, policy: Any = None) -> list[dict]:
    reg = _dict(A.get("regulatory"))
    cert = _dict(reg.get("certificate"))
    ai_act = _dict(reg.get("ai_act"))
    integ = _dict(A.get("integration"))
    rows = [
        {"label": t("label_intended_use"), "value": _str(A.get("intended_use")) or not_given},
        {"label": t("label_task"), "value": t.label("task", _str(A.get("task"))) if _str(A.get("task")) else not_given},
        {"label": t("label_modality"), "value": ", ".join(_strs(A.get("modality"))) or not_given},
    ]
    if _str(A.get("body_part")):
        rows.append({"label": t("label_body_part"), "value": _str(A.get("body_part"))})
    rows.append({"label": t("label_mdr"), "value": _str(reg.get("mdr_class")) or not_given})
    if _str(cert.get("number")):
        printed = _date(cert.get("expires"))
        value = t("label_certificate_value", number=_str(cert.get("number")),
                  body=_str(cert.get("notified_body")) or not_given,
                  expires=t.date(printed) if printed else not_given)
        # a certificate under the former Directive counts as valid after its printed date (raio
        # check: DAT007-DAT010 of variant mdd): until when, and by what
        extended = _certificate_extended(A, _dict(compliance), policy, printed, t.lang)
        if extended:
            value += t("label_certificate_mdd", until=t.date(extended[0]), source=extended[1])
        rows.append({"label": t("label_certificate"), "value": value})
    elif _needs_certificate(A):  # one the device needs and the dossier does not give yet
        rows.append({"label": t("label_certificate"), "value": not_given})
    risk, basis = _str(ai_act.get("risk")), _str(ai_act.get("basis"))
    risk_words = t.label("ai_act_risk", risk)
    rows.append({"label": t("label_ai_act"), "value": (t("ai_act_value", risk=risk_words, basis=basis) if risk and basis
                                                       else risk_words if risk else not_given)})
    if reg.get("in_house") is True:
        rows.append({"label": t("label_in_house"), "value": t("word_yes")})
    hosting = _str(integ.get("hosting"))
    rows.append({"label": t("label_hosting"), "value": t.label("hosting", hosting) if hosting else not_given})
    links = [s for s in (_str(integ.get("pacs")), _str(integ.get("ris")), _str(integ.get("ehr"))) if s]
    standards = _strs(integ.get("standards"))
    if standards:
        links.append(", ".join(standards))
    rows.append({"label": t("label_integration"), "value": "; ".join(links) or not_given})
    rows.append({"label": t("label_results"), "value": _str(integ.get("results_to_radiologist")) or not_given})
    rows.append({"label": t("label_fallback"), "value": _str(integ.get("fallback")) or not_given})
    return rows


def _radar(level: Any, t: Text) -> str:
    """A RADAR level as a board reads it: "4 (therapeutic)"; the number alone outside 1-7."""
    if _num(level) is None:
        return ""
    name = t.s.get("radar_level", {}).get(level) if isinstance(level, int) and not isinstance(level, bool) else None
    return f"{level} ({name})" if name else str(level)


def _with_unit(number: str, unit: str) -> str:
    return f"{number}%" if unit == "%" else number


def _effects(E: dict, P: dict, verdicts: dict, t: Text, kind: str, short: dict | None = None,
             low: dict | None = None) -> list[dict]:
    absent, not_given = t("absent"), t("not_given")
    results = {}
    for r in _list(_dict(P.get("outcome")).get("results")):
        r = _dict(r)
        if _str(r.get("effect")):
            results.setdefault(_str(r.get("effect")), r)
    out = []
    for raw in _list(E.get("effects")):
        e = _dict(raw)
        eid = _str(e.get("id"))
        if not eid:
            continue
        kind_ = _str(e.get("kind"))
        unit = _str(e.get("unit"))
        baseline = _dict(e.get("baseline"))
        bval = _num(baseline.get("value"))
        threshold = _num(e.get("target")) if kind_ == "benefit" else _num(e.get("limit"))
        if threshold is None:
            threshold = _num(e.get("target")) if _num(e.get("target")) is not None else _num(e.get("limit"))
        direction = _str(e.get("direction"))
        if threshold is not None:
            key = "threshold_at_least" if direction == "increase" else "threshold_at_most"
            threshold_text = t(key, value=_with_unit(t.number(threshold), unit)) if direction in ("increase", "decrease") \
                else _with_unit(t.number(threshold), unit)
        else:
            threshold_text = absent
        source_bits = [s for s in (_str(baseline.get("source")),
                                   t("n_value", n=t.number(_num(baseline.get("n")))) if _num(baseline.get("n")) is not None else "",
                                   _str(baseline.get("period"))) if s]
        metric = _str(e.get("metric")) or _str(e.get("description")) or not_given
        if unit and unit != "%" and unit.lower() not in metric.lower():  # not twice: "…, per 100 verslagen (per 100 verslagen)"
            metric = f"{metric} ({unit})"
        tags = [t("primary")] if e.get("primary") is True else []
        if e.get("post_hoc") is True:
            tags.append(t("post_hoc"))
        result = results.get(eid, {})
        item = {
            "id": eid,
            "kind": kind_,
            "kind_label": t.label("kind", kind_) if kind_ else not_given,
            "primary": e.get("primary") is True,
            "post_hoc": e.get("post_hoc") is True,
            "tags": ", ".join(tags),
            "domain": t.label("domain", _str(e.get("domain"))) if _str(e.get("domain")) else not_given,
            "description": _str(e.get("description")) or not_given,
            "metric": metric,
            "unit": unit,
            "direction": t.label("direction", direction) if direction else not_given,
            "baseline": _with_unit(t.number(bval), unit) if bval is not None else absent,
            "baseline_source": "; ".join(source_bits) or not_given,
            "threshold": threshold_text,
            "threshold_kind": t.label("threshold_kind", kind_) if kind_ in ("benefit", "guardrail") else "",
            "radar": _radar(e.get("radar_level"), t) or absent,
            "measurement": _str(e.get("measurement")) or not_given,
            "decision_rule": _str(e.get("decision_rule")),
            "observed": absent, "n": absent, "n_text": "", "interval": absent, "interval_level": "", "observed_n": absent,
            "status": "", "verdict": absent, "tone": "neutral",
            "explanation": "", "missing_reason": _str(result.get("missing_reason")), "notes": _str(result.get("notes")),
        }
        if kind == "decision":
            _fill_verdict(item, verdicts.get(eid), result, unit, t)
            few = (short or {}).get(eid)
            judged = item["status"] not in ("missing", "") and not _str(getattr(verdicts.get(eid), "reason", ""))
            if few and judged and _num(few.get("cases")) is not None and _num(few.get("planned")):
                cases, planned = few["cases"], few["planned"]  # not for a result that could not be evaluated at all
                note = t("explain_short_of_plan", cases=t.number(cases), planned=t.number(planned),
                         share=t.number(round(100 * cases / planned)))
                item["explanation"] = f"{item['explanation']} {note}".strip()
            below = (low or {}).get(eid)
            if below and judged and item["interval_level"] and _num(below.get("level")) is not None \
                    and _num(below.get("minimum")) is not None:
                level, minimum = t.number(below["level"]), t.number(below["minimum"])
                assumed = getattr(verdicts.get(eid), "interval_basis", "") == "assumed"
                item["interval_level"] = t("interval_level_low_assumed" if assumed else "interval_level_low",
                                           level=level, minimum=minimum)
                note = t("explain_low_level", level=level, minimum=minimum)
                item["explanation"] = f"{item['explanation']} {note}".strip()
        out.append(item)
    return out


def _fill_verdict(item: dict, verdict: Any, result: dict, unit: str, t: Text) -> None:
    absent = t("absent")
    typed = _num(result.get("observed"))
    observed = _num(getattr(verdict, "observed", None)) if verdict is not None else None
    if observed is None:
        observed = typed
    if observed is not None:
        same = typed is not None and abs(observed - typed) < 1e-9
        shown = t.number(typed) if same else t.number(observed, auto_decimals(observed))
        item["observed"] = _with_unit(shown, unit)
    n = _num(getattr(verdict, "n", None)) if verdict is not None else None
    n = n if n is not None else _num(result.get("n"))
    if n is not None:
        item["n"] = t.number(n)
    # a value always says what it rests on, or that the dossier does not say
    item["n_text"] = t("n_value", n=item["n"]) if item["n"] != absent else t("n_unknown") if item["observed"] != absent else ""
    item["observed_n"] = f"{item['observed']} ({item['n_text']})" if item["observed"] != absent else item["observed"]
    interval = getattr(verdict, "interval", None) if verdict is not None else None
    if interval is None:
        interval = result.get("interval")
    if isinstance(interval, (list, tuple)) and len(interval) == 2 and all(_num(x) is not None for x in interval):
        lo, hi = interval
        typed_iv = result.get("interval")
        if isinstance(typed_iv, list) and len(typed_iv) == 2 and list(typed_iv) == list(interval):
            # as typed, both bounds with the same decimals: [8.9, 12.0] is "8,9–12,0", not "8,9–12"
            places = max(_typed_decimals(lo), _typed_decimals(hi))
            if places:
                lo_s, hi_s = (t.number(float(lo), places, keep_zeros=True),
                              t.number(float(hi), places, keep_zeros=True))
            else:
                lo_s, hi_s = t.number(lo), t.number(hi)
        else:
            places = auto_decimals(max(abs(lo), abs(hi)))
            if float(lo).is_integer() and float(hi).is_integer():
                lo_s, hi_s = t.number(lo), t.number(hi)
            else:
                lo_s, hi_s = t.number(lo, places, keep_zeros=True), t.number(hi, places, keep_zeros=True)
        item["interval"] = _with_unit(f"{lo_s}–{hi_s}", unit)
        level, basis = _interval_level(verdict, result)
        item["interval_level"] = t(f"interval_level_{basis}", level=t.number(level))
    status = _str(getattr(verdict, "status", "")) if verdict is not None else ""
    if not status:
        status = "missing"
    item["status"] = status
    reason = _str(getattr(verdict, "reason", "")) if verdict is not None else ""
    # inconclusive because the result itself cannot be read: say so, not "inconclusive" as if the data were ambiguous
    item["verdict"] = t.label("verdict", "not-evaluable" if getattr(verdict, "unreadable", False) else status)
    if reason == "counts":  # the typed observed value was not used: the counts give no statistic
        item["observed"] = item["observed_n"] = absent
        if item["n"] != absent:
            item["observed_n"] = f"{absent} ({t('n_value', n=item['n'])})"
    item["tone"] = {"met": "good", "within-limit": "good", "not-met": "bad", "breached": "bad"}.get(status, "neutral")
    item["explanation"] = _explain(item, verdict, result, t)


def _interval_level(verdict: Any, result: dict) -> tuple[float, str]:
    """(level in percent, how it is known: wilson, stated or assumed) of the interval a memo shows:
    the verdict's, else (a typed interval the verdict could not use) the one pilot.yaml states."""
    from raio_cli.verdicts import stated_level

    if verdict is not None and getattr(verdict, "interval", None) is not None \
            and getattr(verdict, "interval_basis", "") in ("wilson", "stated", "assumed") \
            and _num(getattr(verdict, "interval_level", None)) is not None:
        return float(verdict.interval_level), verdict.interval_basis
    return stated_level(result)


def _typed_decimals(value: Any) -> int:
    """How many decimals a number typed in a dossier shows (12.0 and 12: none; 8.9: one)."""
    if isinstance(value, bool) or not isinstance(value, float) or value.is_integer():
        return 0
    text = repr(value)
    return len(text.split(".", 1)[1]) if "." in text and "e" not in text.lower() else 0


def _explain(item: dict, verdict: Any, result: dict, t: Text) -> str:
    """Why the verdict is what it is, in the memo's language (verdicts.py explains in English)."""
    status, kind = item["status"], item["kind"]
    has_interval = verdict is not None and getattr(verdict, "interval", None) is not None
    ci = ""
    if has_interval:
        level, basis = _interval_level(verdict, result)
        ci = t(f"ci_{basis}", level=t.number(level))
    threshold = _num(getattr(verdict, "threshold", None)) if verdict is not None else None
    observed = _num(getattr(verdict, "observed", None)) if verdict is not None else None
    if status == "met":
        text = t("explain_met_interval", ci=ci) if has_interval else t("explain_met_point")
    elif status == "not-met":
        text = t("explain_not_met_interval", ci=ci) if has_interval else t("explain_not_met_point")
    elif status == "breached":
        text = t("explain_breached")
    elif status == "within-limit":
        text = t("explain_within_interval", ci=ci) if has_interval else t("explain_within_point")
    elif status == "missing":
        return "" if item["missing_reason"] else t("explain_missing")
    elif status == "no-target":
        text = t("explain_no_target")
    else:
        lo_hi = getattr(verdict, "interval", None) if verdict is not None else None
        if kind == "benefit" and lo_hi and threshold is not None and lo_hi[0] <= threshold <= lo_hi[1]:
            text = t("explain_inconclusive_benefit", ci=ci)
        elif kind == "guardrail" and lo_hi and threshold is not None and observed is not None:
            text = t("explain_inconclusive_guardrail", ci=ci)
        else:
            detail = _str(getattr(verdict, "explanation", "")) if verdict is not None else ""
            reason = _str(getattr(verdict, "reason", "")) if verdict is not None else ""
            key = f"explain_inconclusive_{reason}" if reason and f"explain_inconclusive_{reason}" in t.s else "explain_inconclusive_other"
            text = t(key, detail=detail or t("not_given"))  # verdicts.py's English: only the English quotes it
    counts = _dict(result.get("counts"))
    statistic = _str(getattr(verdict, "statistic", "")) if verdict is not None else ""
    if counts and statistic:
        from raio_cli.verdicts import COUNT_STATISTICS, as_count

        cells = COUNT_STATISTICS.get(statistic)
        whole = {c: n for c, n in ((c, as_count(v)) for c, v in counts.items()) if n is not None}
        if cells and all(c in whole for c in set(cells[0]) | set(cells[1])):
            num, den = sum(whole[c] for c in cells[0]), sum(whole[c] for c in cells[1])
            if den == 0:  # no case to divide by (no positives for a sensitivity): nothing was computed, say why
                text = t("explain_inconclusive_counts_empty", cases=t.label("denominator_cases", statistic),
                         cells=" + ".join(cells[1]), statistic=t.label("statistic", statistic))
            else:
                text += " " + t("explain_counts", statistic=t.label("statistic", statistic), num=t.number(num),
                                den=t.number(den))
            if "is assumed" in _str(getattr(verdict, "explanation", "")):
                text += " " + t("explain_counts_assumed", statistic=t.label("statistic", statistic))
        typed = _num(result.get("observed"))
        if typed is not None and observed is not None and "differs" in _str(getattr(verdict, "explanation", "")):
            text += " " + t("explain_counts_differs", typed=t.number(typed))
    return text


def _primary(effects: list[dict]) -> list[dict]:
    """The effects a decision rests on: those marked primary, or the benefits when none is."""
    return [e for e in effects if e["primary"]] or [e for e in effects if e["kind"] == "benefit"]


def _verdict_summary(effects: list[dict], t: Text) -> tuple[str, str, str]:
    """("2 of 3 ... met; no guardrail breached", indicates code, indicates sentence)."""
    benefits = [e for e in effects if e["kind"] == "benefit"]
    guardrails = [e for e in effects if e["kind"] == "guardrail"]
    parts = []
    if benefits:
        parts.append(t.plural("summary_benefits", len(benefits), k=sum(1 for e in benefits if e["status"] == "met")))
        # the benefits that missed their target, named: "0 of 3 met; 2 inconclusive" left the
        # third for the reader to find in the table
        not_met = [e["id"] for e in benefits if e["status"] == "not-met"]
        if not_met:
            parts.append(t.plural("summary_not_met", len(not_met), ids=", ".join(not_met)))
    else:
        parts.append(t("summary_no_benefits"))
    breached = [e["id"] for e in guardrails if e["status"] == "breached"]
    if breached:
        parts.append(t.plural("summary_breach", len(breached), ids=", ".join(breached)))
    elif guardrails and all(e["status"] == "within-limit" for e in guardrails):
        parts.append(t("summary_no_breach"))
    elif not guardrails:
        parts.append(t("summary_no_guardrails"))
    # a guardrail without a result, or whose interval reaches past its limit, is named among the
    # undecided below: "no guardrail breached" beside it reassured where nothing is known (the
    # report's verdicts never said it then)
    undecided = [e["id"] for e in effects if e["status"] in ("inconclusive", "missing", "no-target")]
    if undecided:
        parts.append(t.plural("summary_open", len(undecided), ids=", ".join(undecided)))
    summary = "; ".join(parts)

    if not effects or all(e["status"] in ("missing", "") for e in effects):
        code = "none"
    else:
        primary = _primary(effects)
        if breached:
            code = "breach"
        elif any(e["status"] == "not-met" for e in primary if e["kind"] == "benefit"):
            code = "not_met"
        elif any(e["status"] in ("inconclusive", "missing", "no-target") for e in primary + guardrails):
            code = "open"
        elif primary and all(e["status"] in ("met", "within-limit") for e in primary):
            code = "support"
        else:
            code = "open"
    if code == "breach" and len(breached) > 1:  # two breached are not "a guardrail"
        return summary, code, t("indicates_breach_many", n=len(breached))
    return summary, code, t(f"indicates_{code}")


def _preregistration(git: dict, start: dt.date | None, t: Text, today: dt.date | None = None,
                     incomplete: bool = False) -> dict:
    """The pre-registration section: when the effects came into git, against the pilot's start.
    Effects that still lack what the pilot's gate asks (``incomplete``) were only described so far
    in that commit, not registered."""
    lines: list[str] = []
    tone = "neutral"
    if not git["vcs"] or not git["commit"]:
        lines.append(t("prereg_novcs"))
        tone = "bad"
    elif git["prereg"] is None:
        lines.append(t("prereg_empty" if git.get("prereg_missing") == "empty" else "prereg_uncommitted"))
        tone = "bad"
    else:
        p = git["prereg"]
        when = _date(p["date"])
        if p.get("truncated") and start is not None and when is not None and when >= start:
            # where a shallow clone was cut: its date says when the clone begins, not when the
            # effects were written (the check skips the pre-registration checks: GIT004)
            lines.append(t("prereg_truncated", commit=p["short"], date=t.date(when)))
            return {"lines": lines, "tone": tone, "commit": p["short"]}
        lines.append(t("prereg_commit_incomplete" if incomplete else "prereg_commit", commit=p["short"], date=t.date(when), author=p["author"] or t("not_given")))
        if start is None:
            lines.append(t("prereg_no_start"))
        elif when is not None and when < start:
            key = "prereg_before" if today is None or start <= today else "prereg_before_planned"
            lines.append(t.plural(key, (start - when).days, start=t.date(start)))
            tone = "good"
        elif when is not None and when == start:
            lines.append(t("prereg_same_day", start=t.date(start)))
            tone = "bad"
        elif when is not None:
            lines.append(t("prereg_after", start=t.date(start)))
            tone = "bad"
        if git["shallow"]:
            lines.append(t("prereg_shallow"))
    return {"lines": lines, "tone": tone,
            "commit": git["prereg"]["short"] if git["prereg"] else t("absent")}


def _accepted_preregistration(findings: list, t: Text) -> list[str]:
    """What the dossier accepts of the pre-registration checks (``# raio: ignore[REG001] REASON``:
    effects agreed on paper before the start, committed after it): what the check found, in the
    memo's words, and the reason. The suppressed finding left the memo's sections, and a board
    read the section without the exception or why it was made."""
    from raio_cli.findings import Finding

    lines = []
    for f in findings:
        data = f.data if isinstance(f.data, dict) else {}
        quiet = data.get("suppressed") if isinstance(data.get("suppressed"), dict) else {}
        if f.code != "SUP002" or not str(quiet.get("code", "")).startswith("REG"):
            continue
        try:
            found = finding_text(Finding.from_dict(quiet), t)
        except (KeyError, TypeError, ValueError):  # a cache entry of another shape: the code alone
            found = str(quiet.get("code"))
        reason = " ".join(_str(data.get("reason")).split()).rstrip(".") or t("not_given")
        lines.append(t("prereg_accepted", reason=reason, found=found.rstrip(".") + "."))
    return lines


def _compliance(pf, app, A: dict, compliance: dict, kind: str, stage: str, today: dt.date, t: Text) -> dict:
    """Readiness for the gate that matters (the pilot for a proposal, production after it), open items by owner, expiring items."""
    from raio_cli import catalog as cat
    from raio_cli import gates
    from raio_cli.rules import dates

    not_given = t("not_given")
    policy = pf.policy
    gate_stage = "pilot" if kind == "proposal" else ("production" if stage in ("evaluation", "pilot", "") else stage)
    error = ""
    try:
        # the catalog raio check judges by: an extra item in raio.yaml it cannot use is left out
        # (CMP011 in the DRAFT box says why), not the whole section
        items_catalog = gates.checklist_catalog(policy)
        required = cat.required_items(gate_stage, A, items_catalog, policy)
    except Exception as exc:  # a malformed policy is check's to report; the memo says it could not tell
        items_catalog, required = {}, []
        error = _catalog_error(exc, t)
    recorded: dict[str, dict] = {}
    for raw in _list(compliance.get("items")):
        item = _dict(raw)
        if _str(item.get("id")):
            recorded.setdefault(_str(item.get("id")), item)

    def title(item_id: str) -> str:
        entry = items_catalog.get(item_id) or {}
        return _str(entry.get(f"title_{t.lang}")) or _str(entry.get("title_en")) or item_id

    def owner_of(item_id: str) -> str:
        rec = recorded.get(item_id, {})
        # a role slug (as the catalog and raio new-pilot write it) in the memo's language; free text as written
        owner = _str(rec.get("owner")) or _str((items_catalog.get(item_id) or {}).get("owner"))
        return t.role(owner) if owner else not_given

    def _mdd_valid(item_id: str, rec: dict) -> bool:
        """The ce-certificate item's certificate past its printed date, kept valid today by MDR
        Art 120 (raio check: DAT009 of variant mdd, a warning): not lapsed."""
        printed = _date(rec.get("expires"))
        mdd = dates.mdd_transition(A, compliance, items_catalog.get(item_id), printed) \
            if item_id == "ce-certificate" and printed else None
        return mdd is not None and today <= mdd[0]

    from raio_cli.checklist import is_open

    # settled: done or not-applicable, exactly so; any other status, also one that is none of the
    # four (check's SCH004), leaves an item open, as raio status and the report count it
    done = [i for i in required if i in recorded and not is_open(recorded[i].get("status"))]
    # done, but its expiry has passed (raio check: DAT009): no longer settled while in use
    lapsed = [] if not dates.stage_in_use(app.stage) else [
        i for i in done if recorded[i].get("status") == "done"
        and (_date(recorded[i].get("expires")) or dt.date.max) < today and not _mdd_valid(i, recorded[i])]
    open_ids = [i for i in required if i not in done]
    for item_id, rec in recorded.items():
        if is_open(rec.get("status")) and item_id not in open_ids:
            open_ids.append(item_id)
    first_needed: dict[str, str] = {}  # item -> the first stage whose gate requires it, up to the gate's
    if required:
        try:
            for earlier in cat.STAGES[: cat.stage_index(gate_stage)]:
                for item_id in cat.required_items(earlier, A, items_catalog, policy):
                    first_needed.setdefault(item_id, earlier)
        except Exception:  # a malformed policy: the gate's stage, as before
            first_needed = {}

    # a duty that runs on after use (log retention, AI Act Art 26(6)): open while its period runs
    # (as raio check's MON013 asks), so neither settled nor "not required"
    # marked done while its period runs (MON013 too): named so, and listed as the duty that runs on
    running: dict[str, dt.date] = {}
    early: dict[str, dt.date] = {}
    if stage in ("stopped", "retired"):
        from raio_cli.monitoring import retention

        marked_done = [i for i, rec in recorded.items() if rec.get("status") == "done" and i not in open_ids]
        for item_id in open_ids + marked_done:
            try:
                info = retention(app, items_catalog.get(item_id) or {}, recorded.get(item_id))
            except Exception:  # odd dates are check's to report; the memo then says what it says without
                info = None
            if info and item_id in marked_done and today < info["until"]:
                early[item_id] = info["until"]
                if item_id not in required:
                    open_ids.append(item_id)
            if info and item_id not in required and today <= info["until"] and item_id in open_ids:
                running[item_id] = info["until"]

    def needed_for(item_id: str) -> str:
        """The stage the item is required for: the first stage whose gate requires it when the
        gate in question does (as compliance.yaml and raio check say), else the catalog's later
        stage; until when a duty after use runs; "not required" for an item open in the dossier
        that no gate asks."""
        if item_id in required:
            return t.label("stage", first_needed[item_id]) if item_id in first_needed else stage_label
        if item_id in running:
            return t("compliance_retention_runs", until=t.date(running[item_id]))
        later = _str((items_catalog.get(item_id) or {}).get("required_from"))
        try:
            if later and cat.stage_index(later) > cat.stage_index(gate_stage):
                return t.label("stage", later)
        except Exception:  # an odd required_from in a raio.yaml extra item is check's to report
            pass
        return t("compliance_not_required")

    stage_label = t.label("stage", gate_stage)
    groups: dict[str, list[dict]] = {}
    from raio_cli.checklist import status_words

    for item_id in open_ids:
        status = _str(recorded.get(item_id, {}).get("status"))
        groups.setdefault(owner_of(item_id), []).append({
            "id": item_id,
            "title": title(item_id),
            # none of the four (check's SCH004: `bezig`, "done "), or none (SCH001): open, said so
            "status": (t("compliance_done_early_status", status=t.label("status", status)) if item_id in early
                       else status_words(recorded.get(item_id), t, "compliance")),
            "basis": _str(cat.worded_on(items_catalog.get(item_id) or {}, today).get("source")) or t("absent"),
            "required": item_id in required,
            "needed_for": needed_for(item_id),
        })
    by_owner = [{"owner": owner, "entries": entries} for owner, entries in groups.items()]

    def expiring_row(label: str, exp: dt.date, expired: bool, owner: str, when: str = "") -> dict:
        owner = unbracketed(owner)  # the list gives it in brackets: "(functionaris gegevensbescherming, FG)"
        return {"title": label.strip(),
                "when": when or t("compliance_expired" if expired else "compliance_expires", date=t.date(exp)),
                "owner": owner or t("absent"), "expired": expired}

    expiring = []
    warn_cert = dates.policy_int(policy, "certificate_warning_days", 90)  # as DAT008 reads it
    cert = _dict(_dict(A.get("regulatory")).get("certificate"))
    cert_exp = _date(cert.get("expires"))
    # out of use: what expires after it is no risk (raio check: DAT007-DAT010 likewise)
    in_use = dates.stage_in_use(app.stage)
    # the CE certificate expired, or expiring within the policy's horizon (DAT007, DAT008), for the summary
    certificate: dict[str, Any] = {}
    # past its printed date, a certificate under the former Directive that MDR Art 120 keeps valid
    # (raio check's DAT007 and DAT009 of variant mdd) has not expired: until when, on its conditions
    mdd = dates.mdd_transition(A, compliance, items_catalog.get("ce-certificate"), cert_exp) if cert_exp else None
    valid_until = mdd[0] if mdd and cert_exp < today <= mdd[0] else None
    if in_use and cert_exp and (cert_exp - today).days <= warn_cert:
        number = _str(cert.get("number"))
        cert_owner = owner_of("ce-certificate") if "ce-certificate" in recorded or "ce-certificate" in items_catalog else ""
        expired = cert_exp < today and valid_until is None
        when = t("compliance_mdd", date=t.date(cert_exp), until=t.date(valid_until)) if valid_until else ""
        expiring.append(expiring_row(t("certificate_item", number=number), cert_exp, expired,
                                     cert_owner if cert_owner != not_given else "", when))
        certificate = {"expired": expired, "days": (cert_exp - today).days, "date": t.date(cert_exp),
                       "number": f" {number}" if number else "",
                       "until": t.date(valid_until) if valid_until else ""}
    # the checklist's evidence expired or expiring (the ce-certificate item dated as the certificate
    # is the certificate's row above: one renewal); those to come, soonest first, for the summary
    items_expiring = []
    for item in dates.expiring_items(compliance, policy, today, cert_exp) if in_use else []:
        expiring.append(expiring_row(title(item["id"]), item["expires"], item["expired"], owner_of(item["id"])))
        if not item["expired"]:
            items_expiring.append((item["expires"], {"title": title(item["id"]).strip(), "date": t.date(item["expires"])}))

    total = len(required)
    # the table lists every open item: those the gate requires (counted here) and those open in
    # the dossier that are required later or not at all, which the sentence counts apart
    other_open = len(open_ids) - (total - len(done)) - len(running)
    if error:
        readiness = error
    elif total and len(done) == total and not lapsed:
        readiness = t("compliance_all_done", total=total, stage=stage_label)
    else:
        readiness = t("compliance_ready", done=len(done) - len(lapsed), total=total, stage=stage_label)
    if lapsed and not error:
        readiness += " " + t.plural("compliance_lapsed", len(lapsed), title=t("compliance_expiring_title"))
    if other_open and not error:
        readiness += " " + t.plural("compliance_other_open", other_open, stage=stage_label,
                                 column=t("compliance_needed_for"))
    if running and not error:
        readiness += " " + t.plural("compliance_running", len(running), column=t("compliance_needed_for"))
    for item_id, until in early.items():
        readiness += " " + t("compliance_done_early", title=title(item_id), until=t.date(until))
    return {
        "gate_stage": stage_label,
        "required_total": total,
        "required_done": len(done) - len(lapsed),
        "required_open": total - len(done) + len(lapsed),
        "other_open": other_open,
        "readiness": readiness,
        "by_owner": by_owner,
        "expiring": expiring,
        "certificate": certificate,
        "items_expiring": [e for _exp, e in sorted(items_expiring, key=lambda pair: pair[0])],
        "items_warning_days": dates.checklist_expiry_window(policy),
        "tone": "bad" if error or total > len(done) or lapsed else ("good" if total else "neutral"),
    }


def _planned_retirement(A: dict) -> bool:
    """application.yaml holds a retirement (a date or a reason) while the application still runs."""
    retirement = _dict(A.get("retirement"))
    return bool(_date(retirement.get("date")) or _str(retirement.get("reason")))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _monitoring(app, A: dict, stage: str, today: dt.date, t: Text, findings: list | None = None,
                explained: dict | None = None) -> dict:
    """Monitoring after scale-up (production, retired): plan, latest value per metric with its alert
    state, the gaps raio check reports and those a suppression explains (``explained``, by
    :func:`raio_cli.monitoring.gap_key`, with its reason), incidents since the decision, those of
    the pilot (``pilot_incidents``) and those without a date (``undated_incidents``)."""
    not_given, absent = t("not_given"), t("absent")
    retirement = _dict(A.get("retirement"))
    # a retired application's monitoring is that of its time in use, not of a production it left
    title = t("section_monitoring_retired" if stage == "retired" else "section_monitoring")
    empty = {"present": False, "title": title, "rows": [], "metrics": [], "incidents": [], "no_incidents": t("no_incidents"),
             "incidents_label": t("label_incidents"), "pilot_incidents": [], "undated_incidents": [], "future_incidents": [],
             "alerts": [], "overdue": []}
    if stage not in ("production", "retired"):
        return empty
    try:
        from raio_cli.monitoring import gap_key, monitoring_summary

        summary = monitoring_summary(app, today)
    except Exception:  # monitoring is a supporting section: without it the memo still stands
        return empty
    rows = []
    if summary.get("has_plan"):
        freq = _str(summary.get("frequency"))
        rows.append({"label": t("label_monitoring_plan"), "value": t(
            "monitoring_plan_value", frequency=t.label("frequency", freq) if freq else not_given,
            owner=t.role(_str(summary.get("owner"))) if _str(summary.get("owner")) else not_given)})
    if _date(summary.get("last_result_date")):
        rows.append({"label": t("label_monitoring_last"), "value": t.date(summary.get("last_result_date"))})
    gaps, justified = [], []
    # the gaps raio check reports: one explained by a suppression (# raio: ignore[MON014]) is not among them
    # (by metric and dates: two metrics' gaps may end the same day, and only one be explained)
    reported = None if findings is None else {gap_key(f.data) for f in findings if f.code == "MON014"}
    # (a retired application's: those of its period of use, the last up to its switch-off)
    for g in _list(summary.get("gaps")):  # whole periods without a result between two results (MON014)
        g = _dict(g)
        reason = None
        if reported is not None and gap_key(g) not in reported:
            reason = _str((explained or {}).get(gap_key(g)))
            if not reason:
                continue
        if isinstance(g.get("missing"), int) and _date(g.get("before")) and _date(g.get("after")):
            key = "monitoring_gap_to_retirement_value" if g.get("to_retirement") is True else "monitoring_gap_value"
            text = t(key, n=g["missing"], before=t.date(g["before"]), after=t.date(g["after"]),
                     what=f"{_str(g.get('metric'))}: " if _str(g.get("metric")) else "")
            # explained: part of the audit trail, with the reason the RAIO gave (masked with the memo)
            (justified if reason else gaps).append(t("monitoring_gap_explained", gap=text, reason=reason) if reason else text)
    if gaps:
        rows.append({"label": t("label_monitoring_gaps"), "value": "; ".join(gaps)})
    if justified:
        rows.append({"label": t("label_monitoring_gaps_explained"), "value": "; ".join(justified)})
    reassessed = []
    for r in _list(A.get("reassessments")):  # the version in use against the evidence: DECIDE-AI's "AI version"
        r = _dict(r)
        head = ", ".join(b for b in (t.date(r.get("date")) if _date(r.get("date")) else "",
                                     t("reassessment_version", version=_str(r.get("version"))) if _str(r.get("version")) else "")
                         if b)
        head += f" ({_str(r.get('by'))})" if _str(r.get("by")) else ""
        reassessed.append(": ".join(b for b in (head, _str(r.get("summary"))) if b) or not_given)
    if reassessed:
        rows.append({"label": t("label_reassessments"), "value": "; ".join(reassessed)})
    retention = _dict(summary.get("retention"))  # the duty that outlives use (MON013), from the retirement on
    if stage == "retired" and _date(retention.get("until")) and isinstance(retention.get("months"), int):
        status = _str(retention.get("status"))
        # the period has ended and the item is still open: what raio check warns of (MON013)
        ended_open = retention.get("passed") is True and status in ("open", "in-progress")
        # marked done while the period runs: what raio check warns of too (MON013)
        done_early = status == "done" and today < _date(retention.get("until"))
        key = "log_retention_passed_open" if ended_open else "log_retention_done_early" if done_early else "log_retention_value"
        rows.append({"label": t("label_log_retention"), "value": t(
            key, until=t.date(retention["until"]), months=t.plural("n_months", retention["months"]),
            last_use=t.date(retention.get("last_use")) if _date(retention.get("last_use")) else not_given,
            status=t.label("status", status) if status else t("log_retention_not_listed"))})
    if (stage == "retired" and retirement) or (stage == "production" and _planned_retirement(A)):
        bits = [t.date(retirement.get("date")) if _date(retirement.get("date")) else "", _str(retirement.get("reason"))]
        rows.append({"label": t("label_retirement" if stage == "retired" else "label_retirement_planned"),
                     "value": ": ".join(b for b in bits if b) or not_given})
    metrics, alerting, overdue = [], [], []  # the ids of the metrics in alert and overdue, while in use
    for m in _list(summary.get("metrics")):
        m = _dict(m)
        unit = _str(m.get("unit"))
        latest = _dict(m.get("latest"))
        value = _num(latest.get("value"))
        shown = absent
        if value is not None:
            shown = with_unit(t.number(value), unit)
            shown += f" ({t.date(latest.get('date'))})" if _date(latest.get("date")) else ""
        threshold = _num(m.get("alert_threshold"))
        direction = _str(m.get("direction"))
        if threshold is not None and direction in ("increase", "decrease"):
            limit = with_unit(t.number(threshold), unit)  # "alarm boven 70 minuten", as its value reads
            threshold_text = t("mon_alert_below" if direction == "increase" else "mon_alert_above", value=limit)
        else:
            threshold_text = absent
        if m.get("alert") is True and summary.get("in_use") is False:
            # the last value before a stop or retirement: history, not an alert to act on now
            status, tone = t("mon_alert_in_use"), "neutral"
        elif m.get("alert") is True:
            status, tone = t("mon_alert"), "bad"
            alerting.append(_str(m.get("id")) or absent)
        elif m.get("overdue") is True:
            status, tone = t("mon_overdue"), "bad"
            overdue.append(_str(m.get("id")) or absent)
        elif value is None:
            status, tone = t("mon_none"), "neutral"
        else:
            status, tone = t("mon_ok"), "good"
        description = _str(m.get("description"))
        metrics.append({"id": _str(m.get("id")) or absent,
                        "label": f"{_str(m.get('id'))}: {description}" if description else (_str(m.get("id")) or absent),
                        "latest": shown, "threshold": threshold_text, "status": status, "tone": tone})
    # every incident: those since the decision, those of the pilot before it, those without a date
    # the reports raio check calls late (MON015; one explained by a suppression is not among them)
    # (one finding names both roles when the vendor is the manufacturer and one report went to both)
    late = {} if findings is None else {
        (str(d.get("date")), str(party), str(d.get("reported"))): d
        for d in ((f.data or {}) for f in findings if f.code == "MON015")
        for party in (d.get("parties") if isinstance(d.get("parties"), list) else [d.get("party")])}
    incidents = _incident_lines([i for i in _list(summary.get("incidents")) if _date(_dict(i).get("date"))], t, late)
    pilot = _incident_lines(_list(summary.get("incidents_before_decision")), t, late)
    undated = _incident_lines(_list(summary.get("incidents_undated")), t)
    # dated after today (a typo, MON008): apart, in no count of what happened, as results dated after today
    future = _incident_lines(_list(summary.get("incidents_after_today")), t, late)
    present = bool(rows or metrics or incidents or pilot or undated or future)
    return {"present": present, "title": title, "rows": rows, "metrics": metrics, "incidents": incidents,
            "no_incidents": t("no_incidents"), "incidents_label": t("label_incidents"), "pilot_incidents": pilot,
            "undated_incidents": undated, "future_incidents": future, "alerts": alerting, "overdue": overdue}


def _incident_lines(found: list, t: Text, late: dict | None = None) -> list[str]:
    """An incident a line: its date ("without a date" when it has none, then where to write it),
    severity and description, and to whom it was reported, or to whom a serious one was not (what
    MON009 asks); a report ``late`` names (MON015's data by incident date, party and report date)
    says how late it was."""
    not_given = t("not_given")
    lines = []
    for inc in found:
        inc = _dict(inc)
        sev = _str(inc.get("severity"))
        line = t("incident_value", date=t.date(inc.get("date")) if _date(inc.get("date")) else t("incident_no_date"),
                 severity=t.label("severity", sev) if sev else not_given,
                 description=_str(inc.get("description")) or not_given)
        reported = _dict(inc.get("reported_to"))
        reports: dict = {}  # (date, how late) -> the parties: one report to a vendor that is the manufacturer is one
        for p in ("vendor", "manufacturer", "igj"):
            if not _date(reported.get(p)):
                continue
            slow = (late or {}).get((str(_date(inc.get("date"))), p, str(_date(reported[p]))))
            suffix = (" " + t("incident_report_late", days=slow["days"], limit=slow["limit"])
                      if slow and isinstance(slow.get("days"), int) and isinstance(slow.get("limit"), int) else "")
            reports.setdefault((str(_date(reported[p])), suffix), []).append(t(f"incident_party_{p}"))
        parties = [t("incident_party_on", party=t.join(names), date=t.date(day)) + suffix
                   for (day, suffix), names in reports.items()]
        unreported = [t(f"incident_party_{p}") for p in ("vendor", "manufacturer")
                      if sev == "serious" and not _date(reported.get(p))]  # what MON009 asks of a serious one
        said = [t("incident_reported", parties=t.join(parties))] if parties else []
        said += [t("incident_unreported", parties=t.join_or(unreported))] if unreported else []
        if said:
            sentence = "; ".join(said)
            line = line.rstrip()
            line += ("" if line.endswith((".", "!", "?")) else ".") + f" {sentence[0].upper()}{sentence[1:]}."
        if not _date(inc.get("date")):  # the required date (SCH001, the DRAFT box): say what to do
            line = line.rstrip()
            line += ("" if line.endswith((".", "!", "?")) else ".") + " " + t("incident_date_it")
        lines.append(line)
    return lines


def _pilot_incidents(app, stage: str, t: Text, today: dt.date | None = None) -> dict:
    """The incidents of an application not (yet) in production: in its pilot or evaluation, when
    the board decides on scale-up or stop, and after a stop. A serious incident (AI Act Art 26(5),
    MDR Art 87 vigilance) must be before the board before it approves a scale-up; production and
    retired memos list incidents in their monitoring section. ``serious``: how many are serious
    (in production and after retirement: how many of the pilot, dated before the decision, and
    ``serious_since`` and ``serious_undated`` those since the decision and those without a date);
    none counts an incident dated after ``today`` (MON008), which is listed all the same."""
    title = t("section_incidents_pilot" if stage in ("pilot", "evaluation", "stopped") else "section_incidents")
    empty = {"present": False, "title": title, "lines": [], "serious": 0, "serious_since": 0, "serious_undated": 0}
    try:
        from raio_cli.monitoring import incident_groups

        groups = incident_groups(app, today)
    except Exception:  # a supporting section: without it the memo still stands
        return empty

    def serious(found: list) -> int:
        return sum(1 for i in found if i.get("severity") == "serious")

    if stage in ("production", "retired"):  # listed by the monitoring section; the summary names the serious ones
        return {**empty, "serious": serious(groups["before_decision"]), "serious_since": serious(groups["since_decision"]),
                "serious_undated": serious(groups["undated"])}
    found = groups["since_decision"] + groups["before_decision"]
    found.sort(key=lambda r: r["date"] or "", reverse=True)
    counted = serious(found + groups["undated"])
    found = groups["after_today"] + found + groups["undated"]  # dated after today: listed (by its date), not counted
    return {**empty, "present": bool(found), "lines": _incident_lines(found, t), "serious": counted}


# ---------------------------------------------------------------------------------------------
# Rendering


def template_folder(pf) -> Path | None:
    """The portfolio's own template folder (raio.yaml ``templates``, else ``templates/``), if any."""
    from raio_cli.portfolio import inside

    key = pf.settings.get("templates")
    if isinstance(key, str) and key.strip():
        folder = pf.root / key.strip()
        if not inside(folder, pf.root):
            raise MemoError(f"raio.yaml templates '{key.strip()}' lies outside the portfolio",
                            "Point it at a folder inside the portfolio, e.g. templates.")
        if not folder.is_dir():
            raise MemoError(f"raio.yaml templates '{key.strip()}' is not a folder")
        return folder
    folder = pf.root / "templates"
    return folder if folder.is_dir() and inside(folder, pf.root) else None


def suggested_filename(today: dt.date, kind: str, fmt: str, lang: str, default_lang: str) -> str:
    """``<YYYY-MM-DD>-<kind>.<ext>``, with ``-<lang>`` before the extension in a non-default language."""
    suffix = f"-{lang}" if lang != default_lang else ""
    return f"{today.isoformat()}-{kind}{suffix}.{EXTENSIONS[fmt]}"


def render_memo(root: Path, app_id: str, fmt: str = "md", lang: str | None = None, today: dt.date | None = None,
                final: bool = False, *, kind: str | None = None,
                draft_reasons: list | None = None) -> tuple[bytes, str, bool]:
    """The memo of ``app_id`` as ``(bytes, suggested file name, is_draft)``; ``draft_reasons``, when
    given, receives why it is a draft, in English (the sentences the memo's DRAFT box gives).

    ``fmt``: md, html, pdf or docx. Raises :class:`DraftRefused` when ``final`` and the memo
    would be a draft, :class:`MemoError` for any other reason it cannot be made (unknown
    application, template problem, typesetting failure), with a one-line message.
    """
    if fmt not in FORMATS:
        raise MemoError(f"unknown format '{fmt}'", f"Use one of: {', '.join(FORMATS)}.")
    pf, app = _load(root, app_id)
    today = today or dt.date.today()
    context = writable(_context(pf, app, lang, today, kind))
    if draft_reasons is not None and context["draft"]:
        draft_reasons.extend(context["draft_reasons_en"])
    if final and context["draft"]:
        raise DraftRefused("--final refused: the memo would be a DRAFT: " + "; ".join(context["draft_reasons_en"]),
                           "Commit the dossier and fix the check errors first (raio check).")
    override = template_folder(pf)
    from raio_cli.documents.jinja_env import TemplateProblem

    try:
        if fmt == "md":
            from raio_cli.documents.render_md import render

            data = render(context, override, pf.root)
        elif fmt == "html":
            from raio_cli.documents.render_html import render

            data = render(context, override, pf.root)
        elif fmt == "pdf":
            from raio_cli.documents.render_pdf import render

            data = render(context, override, pf.root, today)
        else:
            from raio_cli.documents.render_docx import render

            data = render(context, today)
    except TemplateProblem as exc:
        raise MemoError(str(exc), "Fix the template, or remove it to use the built-in one.") from None
    name = suggested_filename(today, context["kind"], fmt, context["lang"], pf.language)
    return data, name, context["draft"]
