"""The portfolio report for the board: the whole portfolio as plain data in, HTML, PDF or Markdown out.

:func:`build_report_context` gathers what the report says into one plain dict of display-ready
text in the report's language (nl or en); :func:`render_report` lays it out with the sandboxed
templates ``report/report.html.j2`` (one self-contained HTML file: inline CSS and SVG, no script,
no network), ``report/report.typ.j2`` (typst, typeset to PDF) or ``report/report.md.j2``
(Markdown: the charts as tables), which a portfolio may override
in its own ``templates/`` folder like the memo's.

Nothing is recomputed here that another module already answers:

- stages, days in stage, pilotitis (DAT002-DAT005, DAT014), certificate signals (DAT007/DAT008), open
  items and finding counts come from :func:`raio_cli.status.portfolio_status` (the same check
  engine as ``raio check``); the numbers shown next to a pilotitis signal (days past the end or
  past the decision's due date) use the date rules' own helpers and the policy;
- verdicts of decided pilots come from :func:`raio_cli.verdicts.evaluate_app`, and which of them
  rest on an interval below the policy's level from the check's OUT013 (as in the memo);
- monitoring (overdue results, alerts) from :func:`raio_cli.monitoring.monitoring_summary`, and
  incidents from :func:`raio_cli.monitoring.incidents` (since the decision, those of the period
  whatever the stage then or now, and those without a date);
- the checklist's titles and which items apply or are due from :mod:`raio_cli.catalog`;
- the commit and uncommitted changes from :func:`raio_cli.documents.memo.git_facts`.

Sections: summary with points for attention, pipeline by stage (chart and table), the pilot
timeline (:func:`raio_cli.documents.svg.timeline_svg`), pilotitis, expiring CE certificates, the
compliance matrix, decisions in the period (``since`` to ``today``), monitoring of production
applications and the incidents of the period of every application, and provenance (portfolio,
commit, date, raio version). The report is a DRAFT (CONCEPT) when raio.yaml, an application's
dossier or the portfolio's templates have uncommitted changes, or when there is no git commit to
point at; memos and earlier reports (``reports/``) do not count. No value of the context is ``None``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

from raio_cli.values import as_date as _date, with_unit

from raio_cli.documents.i18n import LANGS, Text, first_sentence

FORMATS = ("html", "pdf", "md")
REPORTS_DIR = "reports"
_STRINGS = Path(__file__).resolve().with_name("report_strings.yaml")
_MEMOS = re.compile(r"(^|/)applications/[^/]+/memos(/|$)")
PENDING_STAGES = ("pilot", "evaluation")
USE_STAGES = ("proposed", "planned", "pilot", "evaluation", "production")
PILOTITIS_ORDER = {"DAT003": 0, "DAT002": 1, "DAT004": 2, "DAT005": 3, "DAT014": 4}
PDF_FONT = "Libertinus Serif"
HTML_FONT = "Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif"


class ReportError(Exception):
    """The report cannot be made; the message is one line (and ``hint`` says what to do)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


# ---------------------------------------------------------------------------------------------
# Texts


@functools.lru_cache(maxsize=None)
def _load_strings() -> dict:
    from raio_cli.resources import load_yaml

    return load_yaml(_STRINGS)


def report_strings(lang: str) -> dict:
    """The report's own fixed texts in ``lang`` (a copy)."""
    import copy

    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use nl or en")
    return copy.deepcopy(_load_strings()[lang])


class ReportText(Text):
    """The memo's :class:`~raio_cli.documents.i18n.Text` (dates, numbers, stage and choice labels)
    with the report's own texts from ``report_strings.yaml`` laid over it."""

    def __init__(self, lang: str):
        super().__init__(lang)
        own = report_strings(lang)
        for key, value in own.items():
            if isinstance(value, dict) and isinstance(self.s.get(key), dict):
                self.s[key] = {**self.s[key], **value}
            else:
                self.s[key] = value

    def days(self, n: int) -> str:
        return self.plural("n_days", n)

    def short_date(self, value: Any) -> str:
        day = _date(value)
        if day is None:
            return self.s["absent"]
        return f"{day.day} {self.s['months_short'][day.month - 1]} {day.year}"


# ---------------------------------------------------------------------------------------------
# Small readers that never raise on odd data


def _str(value: Any) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return " ".join(str(value).split())


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []




def _num(value: Any) -> int | float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def one_year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February; the first day there is in year 1)."""
    if day.year == 1:
        return dt.date.min
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _no_none(value: Any) -> Any:
    """The context with every ``None`` replaced by "" (a template never prints "None")."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return {k: _no_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_none(v) for v in value]
    return value


# ---------------------------------------------------------------------------------------------
# The context


def _load(root: Path):
    """The portfolio with each dossier file read when a section first asks for it: the report
    reads few files of applications in early stages (4.4 s against 5.3 s at 1,000 applications,
    163 against 240 MB), and the check it shows runs on its own (:func:`raio_cli.status.portfolio_status`)."""
    from raio_cli import portfolio as pf_mod

    try:
        found = pf_mod.find_root(Path(root))
    except pf_mod.PortfolioNotFound as exc:
        raise ReportError(str(exc), "Run raio in a portfolio folder or point at one.") from None
    return pf_mod.open_lazily(found)


def build_report_context(root: Path, lang: str | None = None, today: dt.date | None = None,
                         since: dt.date | None = None, *, use_git: bool = True, svg_font: str = HTML_FONT) -> dict:
    """Everything the portfolio report says, as a plain dict (see the module docstring).

    ``lang`` defaults to raio.yaml ``language``; ``today`` to the real date; ``since`` (start of
    the period whose decisions are listed) to one year before ``today``. Raises
    :class:`ReportError` for a folder without raio.yaml, an unknown language or a period that
    starts after ``today``.
    """
    pf = _load(root)
    return _context(pf, lang, today, since, use_git=use_git, svg_font=svg_font)


def _context(pf, lang: str | None, today: dt.date | None, since: dt.date | None, *, use_git: bool,
             svg_font: str) -> dict:
    from raio_cli import __version__
    from raio_cli.status import portfolio_status

    lang = lang or pf.language
    if lang not in LANGS:
        raise ReportError(f"unknown language '{lang}'", "Use --lang nl or --lang en.")
    today = today or dt.date.today()
    since = since or one_year_before(today)
    if since > today:
        raise ReportError(f"the period starts on {since.isoformat()}, after today ({today.isoformat()})",
                          "Give --since a date on or before --today.")
    t = ReportText(lang)
    # the check of raio check, through its cache (a report after a check checks nothing again)
    status = portfolio_status(pf.root, today, use_git=use_git, cache=True)
    apps = {a.id: a for a in pf.apps}
    rows = [r for r in status["applications"] if r["id"] in apps]
    policy = pf.policy if isinstance(pf.policy, dict) else {}

    organisation = _str(pf.settings.get("organisation")) or t("absent")
    department = _str(pf.settings.get("department"))
    portfolio_name = f"{organisation}, {department}" if department else organisation

    provenance, draft, reasons = _provenance(pf, t, today, status, portfolio_name, __version__)

    pilotitis = _pilotitis(rows, apps, policy, today, t)
    certificates = _certificates(rows, apps, policy, today, t)
    matrix = _matrix(rows, apps, policy, today, t)
    decisions = _decisions(rows, apps, since, today, t, policy)
    monitoring = _monitoring(rows, apps, since, today, t)
    pipeline = _pipeline(rows, t, svg_font, today)
    timeline = _timeline(rows, apps, today, t, svg_font)

    totals = status["totals"]
    n_active = sum(1 for r in rows if r["stage"] in PENDING_STAGES)
    n_production = sum(1 for r in rows if r["stage"] == "production")
    n_pilotitis_apps = len({p["app_id"] for p in pilotitis["rows"]})
    n_expired = sum(1 for c in certificates["rows"] if c["expired"])
    cards = [
        {"label": t.plural("card_applications", len(rows)), "value": str(len(rows)), "note": t("card_applications_note", n=n_production), "tone": "neutral"},
        {"label": t("card_active"), "value": str(n_active), "note": t("card_active_note"), "tone": "neutral"},
        {"label": t("card_pilotitis"), "value": str(n_pilotitis_apps),
         "note": t.plural("card_pilotitis_note", len(pilotitis["rows"])) if pilotitis["rows"] else t("card_pilotitis_none"), "tone": "bad" if n_pilotitis_apps else "good"},
        {"label": t.plural("card_certificates", len(certificates["rows"])), "value": str(len(certificates["rows"])),
         "note": t("card_certificates_note", days=certificates["horizon_days"]),
         "tone": "bad" if n_expired else ("warn" if certificates["rows"] else "good")},
        {"label": t.plural("card_open_items", totals["open_items"]), "value": str(totals["open_items"]), "note": t("card_open_items_note"),
         "tone": "warn" if totals["open_items"] else "good"},
        {"label": t.plural("card_decisions", len(decisions["rows"])), "value": str(len(decisions["rows"])),
         # the recommendations the board still has to decide are no decisions taken: the note names them
         "note": "; ".join(filter(None, [t("period_short", since=t.short_date(since), until=t.short_date(today)),
                                         t.plural("card_decisions_recommended", len(decisions["recommended"]))
                                         if decisions["recommended"] else ""])),
         "tone": "warn" if decisions["recommended"] else "neutral"},
    ]
    check_line = t("check_line", errors=t.plural("n_errors", totals["errors"]), warnings=t.plural("n_warnings", totals["warnings"]))

    from raio_cli.catalog import STAGES

    # first what the report cannot show: an application whose stage is unknown is in no section
    # but the pipeline's last line (its application.yaml missing, unreadable or naming no stage)
    attention = [{"text": t("attention_stage_unknown", app=r["name"]), "tone": "bad"}
                 for r in rows if r["stage"] not in STAGES]
    config = pf.config
    if config is not None and not isinstance(config.data, dict):  # raio.yaml unreadable: defaults stand in
        line = min((f.line for f in config.findings if f.line), default=1)
        attention.insert(0, {"text": t("attention_config_unreadable", line=line), "tone": "bad"})
    not_read = dossiers_not_read(pf.findings)
    if not_read:  # dossiers outside applications/ or in a hidden folder in it: in no section
        attention.insert(0, {"text": t("attention_not_read", folders=", ".join(not_read)), "tone": "bad"})
    for p in pilotitis["rows"]:
        attention.append({"text": t("attention_pilotitis", app=p["app_name"], signal=p["signal"], measure=p["measure"]), "tone": p["tone"]})
    for r in rows:  # a stage that has not followed an extension or a decision (DEC004, as raio status shows it)
        if r.get("extended_pilot_runs_until"):
            attention.append({"text": t("attention_extension_runs", app=r["name"],
                                        end=t.short_date(_date(r["extended_pilot_runs_until"]))), "tone": "warn"})
        elif r.get("stage_lags_decision"):
            lags = "attention_stage_lags" if r.get("stage_lags_decided") is not False else "attention_recommended"
            attention.append({"text": t(lags, app=r["name"], choice=t.label("choice", r["stage_lags_decision"]),
                                        stage=t.label("stage", r["stage"])), "tone": "warn"})
    for c in certificates["rows"]:
        attention.append({"text": t("attention_certificate", app=c["app_name"], when=c["when"]), "tone": "bad" if c["expired"] else "warn"})
    for e in _evidence_points(rows, apps, policy, today, t):
        attention.append({"text": t("attention_item_expired", app=e["app_name"], item=e["title"], when=e["when"]),
                          "tone": "bad" if e["expired"] else "warn"})
    from raio_cli.documents.memo import ai_act_duty

    # an AI Act duty that applies soon or already, its items not done (DAT011, DAT012), as the memo
    # words it: one point for all the applications it is the same for (AI literacy not recorded in
    # thirty dossiers is one point naming them, not thirty that push the rest out of the ten shown)
    duties: dict[str, dict] = {}
    for r in rows:
        for duty in r.get("ai_act") or []:
            worded = ai_act_duty(duty["code"], duty["data"], t)
            if worded:
                point = duties.setdefault(worded, {"apps": [], "bad": False})
                point["apps"].append(r["name"])
                point["bad"] = point["bad"] or duty["code"] == "DAT012"
    for worded, point in duties.items():
        attention.append({"text": t("attention_ai_act", app=t.join(point["apps"]), duty=worded),
                          "tone": "bad" if point["bad"] else "warn"})
    for m in monitoring["rows"]:
        if m["attention"]:
            attention.append({"text": t("attention_monitoring", app=m["app_name"], what=m["attention"]), "tone": m["tone"]})
    limit = 10
    more = len(attention) - limit
    attention = attention[:limit]
    if more > 0:
        attention.append({"text": t.plural("attention_more", more), "tone": "neutral"})

    context = {
        "lang": lang,
        # the language the dossiers are written in (raio.yaml), whatever the report's: long
        # application names are hyphenated by it (a Dutch name in an English report stays Dutch)
        "names_lang": pf.language,
        "t": t.s,
        "title": t("title"),
        "subtitle": t("subtitle", portfolio=portfolio_name, date=t.date(today)),
        "organisation": organisation,
        "portfolio": portfolio_name,
        "today": t.date(today),
        "today_iso": today.isoformat(),
        "period": {"since": t.date(since), "until": t.date(today), "since_iso": since.isoformat(),
                   "text": t("period_text", since=t.date(since), until=t.date(today))},
        "draft": draft,
        "draft_mark": t("draft_mark"),
        "draft_reasons": reasons,
        "summary": {"cards": cards, "attention": attention, "no_attention": t("no_attention"), "check_line": check_line},
        "pipeline": pipeline,
        "timeline": timeline,
        "pilotitis": pilotitis,
        "certificates": certificates,
        "matrix": matrix,
        "decisions": decisions,
        "monitoring": monitoring,
        "provenance": provenance,
        "app_names": [r["name"] for r in rows],
    }
    # the dossiers as written, but no patient identifier in full (PRV001/PRV002 report it in the
    # check): the charts' labels included (their numbers are quoted attributes, never read as one)
    from raio_cli import privacy
    from raio_cli.documents.memo import writable

    # a folder's name that is no UTF-8 (an application without a name is named by its folder) as
    # the memo writes it: UTF-8 cannot hold its byte, and the report stopped with an internal error
    return writable(privacy.mask_data(_no_none(context), privacy.patterns_of(policy)))


def _provenance(pf, t: ReportText, today: dt.date, status: dict, portfolio_name: str, version: str):
    from raio_cli.documents import memo as memo_lib

    extra = ["raio.yaml"]
    try:
        folder = memo_lib.template_folder(pf)
    except memo_lib.MemoError:
        folder = None
    if folder is not None:
        try:
            extra.append(folder.resolve().relative_to(pf.root.resolve()).as_posix())
        except ValueError:
            pass
    git = memo_lib.git_facts(pf.root, "applications", extra)
    dirty = [p for p in git["dirty"] if not _MEMOS.search(p)]
    reasons = []
    if not git["vcs"]:
        reasons.append(t("draft_report_novcs"))
    elif not git["commit"]:
        reasons.append(t("draft_report_nocommit"))
    if dirty:
        shown = ", ".join(dirty[:5]) + (f" (+{len(dirty) - 5})" if len(dirty) > 5 else "")
        reasons.append(t("draft_report_dirty", paths=shown))
    commit_text = (t("prov_commit_value", short=git["short"], full=git["commit"], date=t.date(git["commit_date"]))
                   if git["commit"] else (t("prov_nocommit") if git["vcs"] else t("prov_novcs")))
    history_state = _str(status.get("history"))
    history_text = t("history_ok") if history_state == "ok" else t("history_other", state=t.label("history_state", history_state))
    rendered = t.date(today)
    from raio_cli.documents.jinja_env import running  # the footer of every page: a long portfolio name cut

    footer = t("report_footer", portfolio=running(portfolio_name), commit=git["short"] or commit_text, date=rendered, version=version)
    return ({
        "portfolio": portfolio_name,
        "commit_short": git["short"] or commit_text,
        "commit_text": commit_text,
        "rendered": rendered,
        "raio_text": t("prov_raio_value", version=version),
        "history": history_text,
        "dirty": dirty,
        "footer": footer,
    }, bool(reasons), reasons)


def _pipeline(rows: list[dict], t: ReportText, font: str, today: dt.date) -> dict:
    from raio_cli.catalog import STAGES
    from raio_cli.documents.svg import StageCount, pipeline_svg

    stages = []
    table = []
    for stage in STAGES:
        members = [r for r in rows if r["stage"] == stage]
        label = t.label("stage", stage)
        stages.append(StageCount(stage, label, len(members), [r["name"] for r in members]))
        table.append({
            "stage": stage, "label": label, "count": str(len(members)),
            "apps": [{"name": r["name"], "id": r["id"],
                      "days": t.days(r["days_in_stage"]) if isinstance(r["days_in_stage"], int) else ""}
                     for r in members],
        })
    unknown = [r for r in rows if r["stage"] not in STAGES]
    if unknown:
        table.append({"stage": "", "label": t("stage_unknown"), "count": str(len(unknown)),
                      "apps": [{"name": r["name"], "id": r["id"], "days": ""} for r in unknown]})
    # a report as of a day before the history's last commits (--today in the past): those that
    # entered their stage after it show no days; say why, as raio status does under its table
    later = [r["name"] for r in rows if r.get("stage_since") and r["stage_since"] > today.isoformat()]
    note = t.plural("pipeline_note_later", len(later), date=t.date(today), names=t.join(later)) if later else ""
    # the chart's accessible name says what it shows, in words: the count in every stage
    title = t("chart_pipeline", counts=t.join([f"{s['label']} {s['count']}" for s in table]))
    return {"svg": pipeline_svg(stages, title=title, font=font), "rows": table, "note": note}


def _timeline(rows: list[dict], apps: dict, today: dt.date, t: ReportText, font: str) -> dict:
    from raio_cli.documents.svg import TimelineLabels, TimelineRow, clipped_rows, timeline_range, timeline_svg
    from raio_cli.rules import dates
    from raio_cli.rules.decision import in_effect

    out: list[TimelineRow] = []
    periods: dict[str, str] = {}
    stops: dict[str, str] = {}  # a retired application's switch-off, for its row of the table
    recommended: dict[str, str] = {}  # a choice not decided yet, for its row of the table
    for r in rows:
        app = apps[r["id"]]
        plan = _dict(app.get("pilot", "plan"))
        start, end = dates.as_date(plan.get("start")), dates.as_date(plan.get("end"))
        # a typo is shown as written and marked as no date; an end before the start draws no bar back in time
        typos = dates.plan_date_problems(app)
        unread = {p["key"]: p["text"] for p in typos if p["kind"] == "unreadable"}
        order = any(p["kind"] == "order" for p in typos)
        if start is None and end is None and not unread and r["stage"] not in PENDING_STAGES:
            continue
        if start is None and r["stage"] == "pilot":
            start = _date(r["stage_since"])  # entered the pilot stage then; plan.start is missing
        ends = sorted({d for _, d in dates.extensions_counted(app) if d})
        decision = _dict(app.get("pilot", "decision"))
        choice = _str(decision.get("choice"))
        ddate = _date(decision.get("date"))
        # the pilot's end as status and export show it: not a plan.end before the start while an
        # extension gives an end; alone, it is shown, marked
        last = dates.last_planned_end(app) or end
        stage_label = t.label("stage", r["stage"]) if r["stage"] else t("stage_unknown")
        # the start a pilot-stage application fell back on is not its plan.start: the typo shows
        since = _not_a_date(unread["start"], t) if "start" in unread else t.short_date(start)
        until = _not_a_date(unread["end"], t) if "end" in unread and last is None else t.short_date(last)
        period = t("period_short", since=since, until=until) if (start or last or unread) else t("timeline_no_dates")
        no_bar = ""
        if order:  # the wrong plan.end named when the period ends at an extension's end
            period += " " + (t("timeline_dates_order") if last == end else
                             t("timeline_dates_order_end", end=t.short_date(end)))
            # no bar: one from the start would draw a pilot (or an extension) the dossier does not give
            no_bar = t("timeline_no_bar_order", start=t.short_date(start), end=t.short_date(end))
            end = None
        early = dates.outcome_before_planned_end(app) if start and end and not ends and not order else None
        if early is not None:  # DAT016: the table and the row's titles say the pilot ended early, and when
            period += " " + t("timeline_period_ended_early", date=t.short_date(early["outcome"]))
        periods[r["id"]] = period
        sub = f"{stage_label} · {period}"
        if ends:
            sub += " · " + t.plural("n_extensions", len(ends))
        tooltip = f"{r['name']} ({r['id']}): {period}"
        # a choice nobody has decided yet is the RAIO's recommendation, as in the decisions section
        advice = bool(choice) and not in_effect(r["stage"], choice, decision.get("decided_by"))
        if advice:
            recommended[r["id"]] = t("timeline_recommended", choice=t.label("choice", choice), date=t.short_date(ddate))
        if choice:
            tooltip += f"; {recommended.get(r['id']) or t.label('choice', choice) + ' ' + t.short_date(ddate)}"
        retired_on = _date(_dict(app.get("application", "retirement")).get("date")) if r["stage"] == "retired" else None
        if retired_on:  # the end of the story after the scale-up, which the chart does not draw
            stops[r["id"]] = t("verdicts_retirement", date=t.short_date(retired_on))
            tooltip += f"; {stops[r['id']]}"
        plan_tip, extension_tips = "", []
        if ends and start and end:  # each part of the bar says what it is: the plan, then each extension
            plan_tip = f"{tooltip}; {t('timeline_planned')}: {t('period_short', since=t.short_date(start), until=t.short_date(end))}"
            previous = end
            for e in ends:
                extension_tips.append(f"{t('timeline_extension')}: "
                                      f"{t('period_short', since=t.short_date(previous), until=t.short_date(e))}")
                previous = max(previous, e)
        extension_from = None
        if ends and start and end is None and not order:  # no planned end: say so, never draw an extension as the pilot
            first = min(ends)
            decided = [dates.as_date(decision.get("date")) if path[0] == "decision" else
                       dates.as_date(app.get("pilot", *path[:-1], "date"))
                       for path, e in dates.extensions_counted(app) if e == first]
            extension_from = next((d for d in decided if d is not None and start < d < first), None)
            # a plan.end that is there but no date is unreadable, not absent: the fix differs
            unreadable = "end" in unread
            if extension_from is not None:
                plan_tip = f"{tooltip}; " + t("timeline_planned_end_unreadable" if unreadable else "timeline_planned_no_end",
                                              since=t.short_date(start))
                extension_tips = [t("timeline_extension_decided_end_unreadable" if unreadable else "timeline_extension_decided",
                                    date=t.short_date(extension_from), until=t.short_date(first))]
            else:
                plan_tip = f"{tooltip}; " + t("timeline_extended_end_unreadable" if unreadable else "timeline_extended_no_end",
                                              since=t.short_date(start), until=t.short_date(first))
                extension_tips = [""]  # drawn within the pilot's bar
            previous = first
            for e in ends[1:]:
                extension_tips.append(f"{t('timeline_extension')}: "
                                      f"{t('period_short', since=t.short_date(previous), until=t.short_date(e))}")
                previous = e
        rest_tip = ""
        if early is not None:  # DAT016: the bar runs to the outcome's date, the planned rest is drawn as not run
            days = {"since": t.short_date(start), "date": t.short_date(early["outcome"]), "end": t.short_date(end)}
            plan_tip, rest_tip = f"{tooltip}; " + t("timeline_ended_early", **days), t("timeline_not_run", **days)
        out.append(TimelineRow(
            id=r["id"], name=r["name"], sub=sub, start=start, end=end, extensions=ends,
            no_bar=no_bar, end_unreadable="end" in unread, plan_tip=plan_tip, extension_tips=extension_tips, extension_from=extension_from,
            ended_early=early["outcome"] if early else None, rest_tip=rest_tip,
            decision_date=ddate, decision_choice=choice if choice in ("scale-up", "extend", "stop") else "",
            # the chart's marker says a recommendation is one, as the table beside it does
            decision_label=(t("timeline_recommended_short", choice=t.label("choice", choice)) if advice
                            else t.label("choice_short", choice)) if choice and ddate else "",
            pending=r["stage"] in PENDING_STAGES and choice not in ("scale-up", "stop"),
            tooltip=tooltip,
        ))
    out.sort(key=lambda row: (row.start or dt.date.max, row.id))
    labels = TimelineLabels(
        today=t("timeline_today", date=t.short_date(today)), months=tuple(t.s["months_short"]),
        planned=t("timeline_planned"), extension=t("timeline_extension"), overdue=t("timeline_overdue"),
        decision=t("timeline_decision"), no_dates=t("timeline_no_dates"), no_end=t("timeline_no_end"),
        end_unreadable=t("timeline_end_unreadable"),
        title=t("chart_timeline", today=t.short_date(today)), empty=t("timeline_empty"), clipped=t("timeline_clipped"))
    note = t("timeline_note")
    if any(row.no_bar for row in out):
        note += " " + t("timeline_no_bar_note")
    if any(row.ended_early for row in out):
        note += " " + t("timeline_ended_early_note")
    clipped = clipped_rows(out, today)
    if clipped:  # an "open-ended" 9999-12-31, a year typed wrong: the bar stops at the edge, the note says so
        lo, hi = timeline_range(out, today)
        names = [f"{row.name} ({periods[row.id]})" for row in clipped[:5]]
        if len(clipped) > 5:
            names.append(f"+{len(clipped) - 5}")
        note += " " + t("timeline_clipped_note", since=t.short_date(lo), until=t.short_date(hi), apps=t.join(names))
    table = [{"id": row.id, "name": row.name, "pilot": row.sub,
              "decision": "; ".join(filter(None, [
                  recommended.get(row.id) or (f"{t.label('choice', row.decision_choice)} {t.short_date(row.decision_date)}"
                                              if row.decision_choice and row.decision_date else ""),
                  stops.get(row.id, "")]))} for row in out]
    return {"svg": timeline_svg(out, today, labels, font=font), "count": len(out),
            "apps": [row.id for row in out], "rows": table, "note": note}


def _not_a_date(text: str, t: ReportText) -> str:
    """A plan date that is no date (:func:`raio_cli.rules.dates.plan_date_problems`), as written and marked."""
    return t("date_not_a_date", text=text) if text else t("date_not_a_date_bare")


def _pilotitis(rows: list[dict], apps: dict, policy: dict, today: dt.date, t: ReportText) -> dict:
    from raio_cli.rules import dates

    due_days = dates.policy_int(policy, "decision_due_days", 60)
    max_ext = dates.policy_int(policy, "max_extensions", 1)
    max_days = dates.policy_int(policy, "max_pilot_days", 365)
    out = []
    for r in rows:
        app = apps[r["id"]]
        for p in r["pilotitis"]:
            code = p["code"]
            end, _ = dates.pilot_end(app)
            days, measure, detail, tone = 0, "", "", "bad"
            if code == "DAT003":
                due, ref, ref_path, _words = dates.decision_due(app, policy)
                days = (today - due).days if due else 0
                measure = t("pil_DAT003_measure", days=t.days(days))
                which = "outcome" if ref_path and ref_path[0] == "outcome" else "end"
                detail = t(f"pil_DAT003_detail_{which}", due=t.date(due), ref=t.date(ref), days=t.days(due_days))
            elif code == "DAT002":
                days = (today - end).days if end else 0
                due = dates.add_days(end, due_days) if end else None
                measure = t("pil_DAT002_measure", days=t.days(days))
                # an extended pilot whose only outcome is the one that led to the extension, undated, or
                # dated before the extended pilot's end
                which = f"_{p['variant']}" if p.get("variant") in ("extended", "undated", "interim") else ""
                detail = t(f"pil_DAT002_detail{which}", end=t.date(end), due=t.date(due))
                tone = "warn"
            elif code == "DAT004":
                n = len(dates.extensions_counted(app))  # as DAT004 counts them
                days = n
                measure = t("pil_DAT004_measure", n=n, max=max_ext)
                detail = t("pil_DAT004_detail", end=t.date(end))
            elif code == "DAT005":
                start = _date(app.get("pilot", "plan", "start"))
                days = (end - start).days if start and end else 0
                measure = t("pil_DAT005_measure", days=t.days(days), max=t.days(max_days))
                detail = t("pil_DAT005_detail", start=t.date(start), end=t.date(end))
            elif code == "DAT014":
                start = _date(app.get("pilot", "plan", "start"))
                days = (today - start).days if start else 0
                measure = t("pil_DAT014_measure", days=t.days(days))
                detail = t("pil_DAT014_detail", start=t.date(start))
                tone = "warn"
            else:
                continue
            out.append({"app_id": r["id"], "app_name": r["name"], "stage": t.label("stage", r["stage"]),
                        "code": code, "signal": t(f"pil_{code}"), "days": days, "measure": measure,
                        "detail": detail, "tone": tone})
    out.sort(key=lambda x: (PILOTITIS_ORDER.get(x["code"], 9), -x["days"], x["app_id"]))
    return {"rows": out, "empty": t("pilotitis_empty"),
            "policy": t("pilotitis_policy", due=t.days(due_days), extensions=t.plural("n_extensions", max_ext),
                        max_days=t.days(max_days))}


def _certificates(rows: list[dict], apps: dict, policy: dict, today: dt.date, t: ReportText) -> dict:
    from raio_cli.rules import dates

    horizon = dates.policy_int(policy, "certificate_warning_days", 90)
    out = []
    for r in rows:
        if not r["certificate"]:
            continue
        app = apps[r["id"]]
        cert = _dict(app.get("application", "regulatory", "certificate"))
        expires = _date(cert.get("expires"))
        if expires is None:
            continue
        left = (expires - today).days
        mdd = next((c["until"] for c in r["certificate"] if c.get("variant") == "mdd" and _date(c.get("until"))), None)
        expired = left < 0 and mdd is None  # an MDD certificate within MDR Art 120's transition is not (DAT007)
        out.append({
            "app_id": r["id"], "app_name": r["name"], "stage": t.label("stage", r["stage"]),
            "number": _str(cert.get("number")) or t("absent"),
            "notified_body": _str(cert.get("notified_body")) or t("absent"),
            "product": " ".join(s for s in (_str(app.get("application", "product")), _str(app.get("application", "version"))) if s) or t("absent"),
            "expires": t.date(expires),
            "days_left": left,
            "when": t("cert_expired", days=t.days(-left), date=t.date(expires)) if expired
                    else t("cert_mdd", days=t.days(-left), date=t.date(expires), until=t.date(_date(mdd))) if mdd
                    else t("cert_expires_today" if left == 0 else "cert_expires", days=t.days(left), date=t.date(expires)),
            "expired": expired,
            "tone": "bad" if expired else "warn",
        })
    out.sort(key=lambda c: (c["days_left"], c["app_id"]))
    return {"rows": out, "horizon_days": horizon, "empty": t("certificates_empty", days=horizon),
            "note": t("certificates_note", days=horizon)}


def _catalog(policy: dict) -> dict:
    """The checklist catalog with raio.yaml's extra items (the built-in ones when those are malformed)."""
    from raio_cli import checklist

    return checklist.catalog(policy)


def _certificate_expiry(app) -> dt.date | None:
    """The date the application's CE certificate expires (application.yaml), if it gives one."""
    if app is None:
        return None
    return _date(_dict(_dict(_dict(app.data("application")).get("regulatory")).get("certificate")).get("expires"))


def _evidence_points(rows: list[dict], apps: dict, policy: dict, today: dt.date, t: ReportText) -> list[dict]:
    """The checklist items of the applications that are or will be used whose evidence has
    expired or expires within the policy's window, as the memo's compliance section lists them
    (:func:`raio_cli.rules.dates.expiring_items`: done or still in progress, the CE certificate's
    own item left to the certificate's point): the application's name, the item's title in the
    report's language, when, and whether it has expired. The expired first, then the soonest."""
    from raio_cli.rules import dates

    catalog = _catalog(policy)
    found = []
    for r in rows:
        app = apps.get(r["id"])
        if app is None or not dates.stage_in_use(app.stage):
            continue
        for item in dates.expiring_items(app.data("compliance"), policy, today, _certificate_expiry(app)):
            entry = _dict(catalog.get(item["id"]))
            title = _str(entry.get(f"title_{t.lang}")) or _str(entry.get("title_en")) or _str(item["id"])
            days = item["days"]
            # written out, as the certificate's expiry beside it in the points for attention
            when = (t("item_expired", date=t.date(item["expires"]), days=t.days(-days)) if item["expired"]
                    else t("item_expires_today" if days == 0 else "item_expires", date=t.date(item["expires"]),
                           days=t.days(days)))
            found.append((not item["expired"], item["expires"],
                          {"app_name": r["name"], "title": title, "when": when, "expired": item["expired"]}))
    return [e for *_key, e in sorted(found, key=lambda k: (k[0], k[1]))]


def _matrix(rows: list[dict], apps: dict, policy: dict, today: dt.date, t: ReportText) -> dict:
    from raio_cli import checklist

    catalog = _catalog(policy)
    members = [r for r in rows if r["stage"] in USE_STAGES]
    columns = []
    state: dict[tuple[str, str], tuple[str, str, str]] = {}
    used: set[str] = set()
    unlisted: list[str] = []  # "application: id" of the items no line of the matrix can show
    for r in members:
        app = apps[r["id"]]
        # required now: by the stage the application is in and by the gate it passes next (what
        # raio status counts under "next gate"), as raio export --format checklist says too
        for one in checklist.item_states(app, r["stage"], r.get("next_stage"), catalog, policy, today, every=True):
            if one["extra"]:  # an entry the catalog's items do not take
                if one["item"] is None and isinstance(one["record"].get("id"), str) and one["id"]:  # CMP006's
                    unlisted.append(f"{r['name']}: {one['id']}")
                continue  # a second entry of an id (CMP007), one without an id: check's to report
            item_id, due, kind = one["id"], one["due"], one["state"]
            if kind == "done" and one["mdd_until"] is not None:
                cell = ("✓", "done", t("matrix_mdd", date=t.date(one["expires"]), until=t.date(one["mdd_until"])))
            elif kind == "expired":
                cell = ("!", "expired", t("matrix_expired", date=t.date(one["expires"])))
            elif kind == "done":
                cell = ("✓", "done", t.label("status", "done"))
            elif kind == "na":
                cell = ("–", "na", t.label("status", "not-applicable"))
            elif kind in ("open-due", "open"):
                # a status that is none of the four (check's SCH004), or none: open, said so
                label = checklist.status_words(one["record"], t, "matrix")
                # a filled and a hollow circle: required now and required later differ in black and white too
                cell = ("●", "open-due", f"{label} · {t('matrix_due')}") if due else ("○", "open", f"{label} · {t('matrix_later')}")
            else:
                cell = ("", "none", t("matrix_not_applicable"))
            if cell[1] != "none":
                used.add(item_id)
            state[(r["id"], item_id)] = cell
        columns.append({"id": r["id"], "name": r["name"], "short": _short_name(r["name"]),
                        "stage": t.label("stage", r["stage"])})
    _unique_short_names(columns)
    lines = []
    for item_id, item in catalog.items():
        if item_id not in used:
            continue
        title = _str(item.get(f"title_{t.lang}")) or _str(item.get("title_en")) or item_id
        cells = []
        for r in members:
            symbol, cls, tip = state[(r["id"], item_id)]
            cells.append({"symbol": symbol, "cls": cls, "tip": f"{r['name']}: {tip}"})
        lines.append({"id": item_id, "title": title, "cells": cells,
                      "open_due": sum(1 for c in cells if c["cls"] in ("open-due", "expired"))})
    legend = [
        {"symbol": "✓", "cls": "done", "text": t("legend_done")},
        {"symbol": "–", "cls": "na", "text": t("legend_na")},
        {"symbol": "●", "cls": "open-due", "text": t("legend_open_due")},
        {"symbol": "○", "cls": "open", "text": t("legend_open")},
        {"symbol": "!", "cls": "expired", "text": t("legend_expired")},
        {"symbol": "", "cls": "none", "text": t("legend_none")},
    ]
    from raio_cli.catalog import STAGES

    ended = [r["name"] for r in rows if r["stage"] in STAGES and r["stage"] not in USE_STAGES]
    unknown = [r["name"] for r in rows if r["stage"] not in STAGES]
    notes = ([t("matrix_note", names=t.join(ended))] if ended else []) + (
        [t("matrix_note_unknown", names=t.join(unknown))] if unknown else []) + (
        [t("matrix_note_unlisted", names=t.join(unlisted))] if unlisted else [])
    return {"columns": columns, "lines": lines, "legend": legend,
            "counts": t("matrix_counts"),
            "note": " ".join(notes),
            "empty": t("matrix_empty")}


def _unique_short_names(columns: list[dict], limit: int = 34) -> None:
    """Names cut to the same short name (they differ only after the cut: "Fractuurdetectie op
    röntgenfoto's van de SEH" and "... van de huisarts") get their application id after it, so
    that no two columns of the printed matrix read alike."""
    from collections import Counter

    seen = Counter(c["short"] for c in columns)
    for c in columns:
        if seen[c["short"]] > 1:
            tail = f" ({c['id']})"
            c["short"] = _short_name(c["name"], max(limit - len(tail), 12)) + tail


def _short_name(name: str, limit: int = 34) -> str:
    from raio_cli.privacy import clip

    return clip(" ".join(name.split()), limit, strip=True)


def _verdict_text(app, t: ReportText, low: list | None = None, level: float = 95.0) -> tuple[str, str]:
    """The verdicts of the pre-registered effects in one phrase, and a tone. ``low``: the status
    row's ``interval_below_policy`` (OUT013), primary verdicts on an interval below the level the
    policy asks, which the phrase names as the memo does (a "met" on it is no green); ``level``:
    that of intervals from counts (:func:`raio_cli.verdicts.counts_level`), as raio check has it."""
    try:
        from raio_cli.verdicts import decisive, evaluate_app, fmt_number

        verdicts = [v for v in evaluate_app(app.data("effects"), app.data("pilot"), level) if not v.post_hoc]
    except Exception:  # verdicts support the line; without them the decision still shows
        return t("verdicts_unavailable"), "neutral"
    if not verdicts:
        return t("verdicts_no_effects"), "neutral"
    if all(v.status == "missing" for v in verdicts):
        return t("verdicts_no_outcome"), "neutral"
    benefits = [v for v in verdicts if v.kind == "benefit"]
    guardrails = [v for v in verdicts if v.kind == "guardrail"]
    parts = []
    if benefits:
        parts.append(t.plural("verdicts_benefits", len(benefits), k=sum(1 for v in benefits if v.status == "met")))
        not_met = [v.effect for v in benefits if v.status == "not-met"]
        if not_met:  # named, as the memo names them: the count alone left one unaccounted for
            parts.append(t("verdicts_not_met", ids=", ".join(not_met)))
    breached = [v.effect for v in guardrails if v.status == "breached"]
    if breached:
        parts.append(t("verdicts_breached", ids=", ".join(breached)))
    elif guardrails and all(v.status == "within-limit" for v in guardrails):
        parts.append(t("verdicts_no_breach"))  # not while one is undecided: that is no reassurance
    # a result raio cannot read at all (no positive cases, a reversed interval) is no ambiguous
    # one: worded as the memo words it
    unreadable = [v.effect for v in verdicts if v.unreadable]
    undecided = [v.effect for v in verdicts if v.status in ("inconclusive", "missing", "no-target")
                 and v.effect not in unreadable]
    if undecided:
        parts.append(t("verdicts_undecided", ids=", ".join(undecided)))
    if unreadable:
        parts.append(t("verdicts_not_evaluable", ids=", ".join(unreadable)))
    undecided += unreadable
    low = [x for x in low or [] if isinstance(x, dict) and x.get("effect")]
    if low:
        parts.append(t("verdicts_low_level", minimum=fmt_number(low[0].get("minimum")),
                       ids=", ".join(f"{x['effect']} ({fmt_number(x.get('level'))}%)" for x in low)))
    # the effects the decision rests on, as the memo and DEC001 read them: the primary ones, or
    # the benefits when none is primary
    not_met = any(v.status == "not-met" and v.kind == "benefit" for v in decisive(verdicts))
    tone = "bad" if breached or not_met else ("warn" if undecided or low else "good")
    return "; ".join(parts), tone


def _decisions(rows: list[dict], apps: dict, since: dt.date, today: dt.date, t: ReportText, policy: dict) -> dict:
    from raio_cli.rules.dates import outcome_before_planned_end, pilot_end
    from raio_cli.rules.decision import in_effect
    from raio_cli.verdicts import counts_level

    level = counts_level(policy)

    out, recommended = [], []
    for r in rows:
        app = apps[r["id"]]
        decision = _dict(app.get("pilot", "decision"))
        choice = _str(decision.get("choice"))
        ddate = _date(decision.get("date"))
        events = []
        if choice and ddate:
            events.append({"day": ddate, "choice": choice, "by": _str(decision.get("decided_by")),
                           "override": bool(_str(decision.get("override_rationale"))), "final": True,
                           # a choice the board has not taken (no decided_by, the stage still awaits
                           # it) is the RAIO's recommendation, as the memo, raio status and DEC004
                           # read it: not a decision of the period, but one the board still has to take
                           "recommended": not in_effect(r["stage"], choice, decision.get("decided_by"))})
        for raw in _list(app.get("pilot", "extensions")):
            ext = _dict(raw)
            edate = _date(ext.get("date"))
            if edate is None or (choice == "extend" and edate == ddate):
                continue  # the recorded decision already says it
            events.append({"day": edate, "choice": "extend", "by": _str(ext.get("by")), "override": False,
                           "final": False, "end": _date(ext.get("end"))})
        # the stop after scale-up (application.yaml retirement), once decided: retired, or decided
        # while the application still runs; a stop only proposed has no decided_on
        retirement = _dict(app.get("application", "retirement"))
        rdate = _date(retirement.get("decided_on"))
        if r["stage"] in ("production", "retired") and rdate is not None:
            events.append({"day": rdate, "choice": "retire", "by": _str(retirement.get("decided_by")),
                           "override": False, "final": False, "end": _date(retirement.get("date")),
                           "reason": _str(retirement.get("reason"))})
        for e in events:
            day = e["day"]
            # a recommendation awaits the board whenever it was written: listed whatever the period
            if not e.get("recommended") and not since <= day <= today:
                continue
            if e["choice"] == "retire":
                off = e.get("end")
                verdicts, tone = (t("verdicts_retirement", date=t.date(off)) if off
                                  else t("verdicts_retirement_undated")), "neutral"
                if e["reason"]:  # why the board ended a system in use, in the dossier's words
                    verdicts = t("verdicts_retirement_reason", stop=verdicts, reason=first_sentence(e["reason"]))
            elif e["final"] and e["choice"] == "extend":
                new_end, _ = pilot_end(app)
                verdicts, tone = t("verdicts_extension", end=t.date(new_end)), "neutral"
            elif e["final"]:
                verdicts, tone = _verdict_text(app, t, r.get("interval_below_policy"), level)
                early = outcome_before_planned_end(app)  # DAT016: the results of part of the pilot, as the memo says
                if early:
                    verdicts = t("verdicts_ended_early", verdicts=verdicts, date=t.date(early["outcome"]),
                                 end=t.date(early["end"]))
                    tone = "warn" if tone == "good" else tone
            else:
                verdicts, tone = t("verdicts_extension", end=t.date(e.get("end"))), "neutral"
            (recommended if e.get("recommended") else out).append({
                "date": t.date(day), "date_iso": day.isoformat(), "app_id": r["id"], "app_name": r["name"],
                "choice": e["choice"],
                "choice_label": t("choice_retire") if e["choice"] == "retire" else t.label("choice", e["choice"]),
                # a decision in effect whose decider the dossier does not give (DEC008) says so
                "decided_by": e["by"] or t("not_given"),
                "verdicts": verdicts, "tone": tone, "override": t("decision_override") if e["override"] else "",
            })
    out.sort(key=lambda d: (d["date_iso"], d["app_id"]))
    recommended.sort(key=lambda d: (d["date_iso"], d["app_id"]))
    return {"rows": out, "recommended": recommended,
            "empty": t("decisions_empty", period=t("period_text", since=t.date(since), until=t.date(today)))}


def _monitoring(rows: list[dict], apps: dict, since: dt.date, today: dt.date, t: ReportText) -> dict:
    from raio_cli.catalog import STAGES

    out = []
    for r in rows:
        if r["stage"] not in STAGES:
            continue  # a stage the report cannot read is a point for attention of its own
        app = apps[r["id"]]
        try:
            from raio_cli.monitoring import monitoring_summary

            s = monitoring_summary(app, today)
        except Exception:  # a supporting section: say it could not be read, do not fail the report
            if r["stage"] != "production":
                s = {}  # its incidents are read on their own below
            else:
                out.append({"app_id": r["id"], "app_name": r["name"], "plan": t("mon_unreadable"), "last": t("absent"),
                            "since": t("absent"), "overdue": t("absent"), "alerts": t("absent"), "incidents": t("absent"),
                            "attention": "", "tone": "neutral", "overdue_tone": "neutral", "alerts_tone": "neutral",
                            "note": ""})
                continue
        if r["stage"] != "production":
            row = _incidents_only_row(r, app, s, since, today, t)
            if row:
                out.append(row)
            continue
        plan = _plan_text(s, t)
        overdue = []
        for o in _list(s.get("overdue")):
            o = _dict(o)
            what = _str(o.get("metric")) or t("mon_plan_results")
            overdue.append(t("mon_overdue_item", what=what, due=t.short_date(o.get("due"))))
        gaps, missing = _gap_texts(r, s, t)
        overdue += gaps
        alerts = _alert_texts(s, t)
        # the incidents since the decision (all dated ones when there is none), those of the
        # pilot that fall in the report's period, and those without a date: each a board must see
        decided = _date(s.get("decision_date"))
        groups = _incident_groups(app, today)
        after, undated = groups["since_decision"], groups["undated"]
        pilot = _in_period(groups["before_decision"], since, today)
        first = _incident_counts_text(after, t) if after else t("mon_no_incidents")
        parts = [t("mon_incidents_since_decision", incidents=first) if decided else first]
        if pilot:
            parts.append(t("mon_incidents_pilot", incidents=_incident_counts_text(pilot, t)))
        if undated:
            parts.append(t("mon_incidents_undated", incidents=_incident_counts_text(undated, t)))
        serious = {"since": _n_serious(after), "pilot": _n_serious(pilot), "undated": _n_serious(undated)}
        attention_bits = []
        if len(overdue) > len(gaps):
            attention_bits.append(t("mon_attention_overdue"))
        if missing:
            attention_bits.append(t.plural("mon_attention_gap", missing))
        if alerts:
            attention_bits.append(t.plural("mon_attention_alerts", len(alerts)))
        if serious["since"]:
            attention_bits.append(t.plural("mon_attention_serious", serious["since"]))
        if serious["pilot"]:
            attention_bits.append(t.plural("mon_attention_serious_pilot", serious["pilot"]))
        if serious["undated"]:
            attention_bits.append(t.plural("mon_attention_serious_undated", serious["undated"]))
        any_serious = any(serious.values())
        tone = "bad" if (alerts or any_serious) else ("warn" if overdue else "good")
        out.append({
            "app_id": r["id"], "app_name": r["name"], "plan": plan,
            "last": t.date(s.get("last_result_date")) if _date(s.get("last_result_date")) else t("mon_no_results"),
            "since": t.date(s.get("decision_date")) if _date(s.get("decision_date")) else t("absent"),
            "overdue": "; ".join(overdue) or t("mon_none_overdue"),
            "alerts": "; ".join(alerts) or t("mon_no_alerts"),
            "incidents": "; ".join(parts),
            "attention": t.join(attention_bits),
            "tone": tone,
            "overdue_tone": "warn" if overdue else "good",
            "alerts_tone": "bad" if alerts else "good",
            "note": "",
        })
    listed = any(m["note"] for m in out)
    return {"rows": out, "empty": t("monitoring_empty"), "retired_note": t("mon_retired_note") if listed else ""}


def _incident_groups(app, today: dt.date | None = None) -> dict[str, list[dict]]:
    """Every incident of the application, whatever its stage and whenever it happened, as
    ``raio monitor`` and the memo group them (:func:`raio_cli.monitoring.incident_groups`): the
    report picks those of its period."""
    from raio_cli.monitoring import incident_groups

    return incident_groups(app, today)  # dated after today: in no count (raio check: MON008)


def _in_period(found: list[dict], since: dt.date, today: dt.date) -> list[dict]:
    return [i for i in found if (day := _date(i.get("date"))) is not None and since <= day <= today]


def _n_serious(found: list[dict]) -> int:
    return sum(1 for i in found if i.get("severity") == "serious")


def _incident_counts_text(found: list[dict], t: ReportText) -> str:
    """"1 serious, 2 minor": the incidents per severity; "3 incidents" when none has one raio knows."""
    counts = {sev: sum(1 for i in found if i.get("severity") == sev) for sev in ("serious", "moderate", "minor")}
    inc = [t("mon_incident_count", n=counts[sev], severity=t.label("severity", sev))
           for sev in ("serious", "moderate", "minor") if counts[sev]]
    return ", ".join(inc) if inc else t.plural("mon_incidents", len(found))


def _plan_text(s: dict, t: ReportText) -> str:
    freq = _str(s.get("frequency"))
    return (t.label("frequency", freq) if freq else t("mon_no_frequency")) if s.get("has_plan") else t("mon_no_plan")


def _gap_texts(r: dict, s: dict, t: ReportText) -> tuple[list[str], int]:
    """The monitoring gaps raio check reports (MON014) of the summary ``s`` as the report says them,
    and how many results they miss: of production, or of a retired application's period of use
    (the last up to its switch-off), as the memo lists them. A gap explained by a suppression is
    not among them; they are told apart by metric and dates (two metrics' gaps may end the same
    day, and only one be explained)."""
    from raio_cli.monitoring import gap_key

    reported = r.get("monitoring_gaps")
    reported = {tuple(k) for k in reported if isinstance(k, (list, tuple))} if isinstance(reported, list) else None
    texts, missing = [], 0
    for g in _list(s.get("gaps")):  # whole periods without a result between two results (MON014)
        g = _dict(g)
        if reported is not None and gap_key(g) not in reported:
            continue
        n = g.get("missing") if isinstance(g.get("missing"), int) else 0
        missing += n
        key = "mon_gap_to_retirement_item" if g.get("to_retirement") is True else "mon_gap_item"
        texts.append(t.plural(key, n, what=_str(g.get("metric")) or t("mon_plan_results"),
                              before=t.short_date(g.get("before")), after=t.short_date(g.get("after"))))
    return texts, missing


def _alert_texts(s: dict, t: ReportText) -> list[str]:
    alerts = []
    # each number with its metric's unit, as the memo's monitoring table gives it ("84 minuten")
    units = {_str(_dict(m).get("id")): _str(_dict(m).get("unit")) for m in _list(s.get("metrics"))}
    for a in _list(s.get("alerts")):
        a = _dict(a)
        value = _num(a.get("value"))
        threshold = _num(a.get("threshold"))
        unit = units.get(_str(a.get("metric")), "")
        alerts.append(t("mon_alert_item", metric=_str(a.get("metric")) or t("absent"),
                        value=with_unit(t.number(value), unit) if value is not None else t("absent"),
                        threshold=with_unit(t.number(threshold), unit) if threshold is not None else t("absent"),
                        date=t.short_date(a.get("date"))))
    return alerts


def _incidents_only_row(r: dict, app, s: dict, since: dt.date, today: dt.date, t: ReportText) -> dict | None:
    """The row of an application not in production (retired, stopped, or before production) that
    has incidents dated in the report's period, whenever they happened in its life (its pilot
    included), or incidents without a date (no period can be said to leave them out): a serious
    incident (AI Act Art 73, MDR vigilance) stays before the board whatever the stage now. A
    retired application's row also lists the results missing from its period of use that raio
    check reports (MON014), as its memo does, and has a row for them alone. None when it has
    neither."""
    groups = _incident_groups(app, today)
    in_period = _in_period(groups["since_decision"] + groups["before_decision"], since, today)
    undated = groups["undated"]
    gaps, missing = _gap_texts(r, s, t) if r["stage"] == "retired" else ([], 0)
    if not in_period and not undated and not gaps:
        return None
    parts = []
    if in_period:
        parts.append(t("mon_incidents_period", incidents=_incident_counts_text(in_period, t)))
    if undated:
        parts.append(t("mon_incidents_undated", incidents=_incident_counts_text(undated, t)))
    bits = []
    if missing:
        bits.append(t.plural("mon_attention_gap", missing))
    if _n_serious(in_period):
        bits.append(t.plural("mon_attention_serious_period", _n_serious(in_period)))
    if _n_serious(undated):
        bits.append(t.plural("mon_attention_serious_undated", _n_serious(undated)))
    stage = r["stage"]
    off = _date(_dict(s.get("last_use")).get("date"))
    if stage == "retired":
        note = t("mon_out_of_use", date=t.date(off)) if off else t("mon_out_of_use_undated")
        state, plan = t("mon_state_retired"), t("mon_retired_plan")
        overdue = "; ".join(gaps) or t("mon_retired_overdue")
    elif stage == "stopped":
        note = t("mon_stopped", date=t.date(off)) if off else t("mon_stopped_undated")
        state, plan, overdue = t("mon_state_stopped"), t("mon_retired_plan"), t("mon_retired_overdue")
    else:  # before production: monitoring (results due, alerts) starts with production
        note = t("mon_in_stage", stage=t.label("stage", stage))
        overdue = t("mon_before_production")
        state, plan = "", _plan_text(s, t) if s.get("has_plan") else overdue  # no plan needed yet
    attention = t.join(bits) if bits else ""
    if attention and state:
        attention = t("mon_attention_state", what=attention, state=state)
    serious = bool(_n_serious(in_period) or _n_serious(undated))
    return {
        "app_id": r["id"], "app_name": r["name"], "note": note, "plan": plan,
        "last": t.date(s.get("last_result_date")) if _date(s.get("last_result_date")) else t("mon_no_results"),
        "since": t.date(s.get("decision_date")) if _date(s.get("decision_date")) else t("absent"),
        "overdue": overdue, "alerts": t("mon_no_alerts") if state else overdue,
        "incidents": "; ".join(parts) or t("mon_incidents_period", incidents=t("mon_no_incidents")),
        "attention": attention,
        "tone": "bad" if serious else ("warn" if gaps else "neutral"),
        "overdue_tone": "warn" if gaps else "neutral", "alerts_tone": "neutral",
    }


# ---------------------------------------------------------------------------------------------
# Rendering


def suggested_filename(today: dt.date, fmt: str, lang: str, default_lang: str) -> str:
    """``<YYYY-MM-DD>-portfolio.<ext>``, with ``-<lang>`` before the extension in a non-default language."""
    suffix = f"-{lang}" if lang != default_lang else ""
    return f"{today.isoformat()}-portfolio{suffix}.{fmt}"


def _compile_pdf(source: str, today: dt.date) -> bytes:
    """The memo's typst step (:func:`raio_cli.documents.render_pdf.compile_pdf`), its error as a ReportError."""
    from raio_cli.documents.render_pdf import TypesetError, compile_pdf

    try:
        return compile_pdf(source, today, what="report")
    except TypesetError as exc:
        raise ReportError(str(exc), "Check the portfolio's report template, or remove it to use the built-in one.") from None


def render_report_with_name(root: Path, fmt: str = "html", lang: str | None = None, today: dt.date | None = None,
                            since: dt.date | None = None, *, use_git: bool = True) -> tuple[bytes, str, bool]:
    """The report as ``(bytes, suggested file name, is_draft)``; see :func:`render_report`."""
    from raio_cli.documents import memo as memo_lib
    from raio_cli.documents.jinja_env import TemplateProblem, render

    if fmt not in FORMATS:
        raise ReportError(f"unknown format '{fmt}'", f"Use one of: {', '.join(FORMATS)}.")
    from raio_cli import gcquiet

    pf = _load(root)
    today = today or dt.date.today()
    # every dossier file read and the whole report built: millions of short-lived objects, a
    # tenth of the time in the cyclic collector otherwise
    with gcquiet.quiet(len(pf.apps)):
        context = _context(pf, lang, today, since, use_git=use_git, svg_font=PDF_FONT if fmt == "pdf" else HTML_FONT)
        try:
            override = memo_lib.template_folder(pf)
        except memo_lib.MemoError as exc:
            raise ReportError(str(exc), exc.hint) from None
        try:
            if fmt == "html":
                data = render("html", "report/report.html.j2", context, override, pf.root).encode("utf-8")
            elif fmt == "md":
                text = render("md", "report/report.md.j2", context, override, pf.root)
                data = (re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n").encode("utf-8")
            else:
                data = _compile_pdf(render("typ", "report/report.typ.j2", context, override, pf.root), today)
        except TemplateProblem as exc:
            raise ReportError(str(exc), "Fix the template, or remove it to use the built-in one.") from None
    return data, suggested_filename(today, fmt, context["lang"], pf.language), context["draft"]


def render_report(root: Path, fmt: str = "html", lang: str | None = None, today: dt.date | None = None,
                  since: dt.date | None = None) -> bytes:
    """The portfolio report as bytes: ``fmt`` html (one self-contained file), pdf or md.

    Raises :class:`ReportError` (one line, with a hint) when it cannot be made.
    """
    return render_report_with_name(root, fmt, lang, today, since)[0]


def dossiers_not_read(findings) -> list[str]:
    """The folders of dossiers that raio does not read, as a reader recognises them: one outside
    applications/ (IDN009: ``longnodule-ct/``, ``archief/ (verslag-concept-llm)``) and a hidden
    one in it that holds a dossier (IDN006: ``applications/.verborgen/``). The report says so at
    the top: what it does not read it cannot show, and its counts leave them out."""
    out = []
    for f in findings:
        data = f.data if isinstance(f.data, dict) else {}
        if f.code == "IDN009":
            held = [str(a) for a in data.get("applications") or []]
            folder = "./" if f.file == "." else f"{f.file}/"
            out.append(f"{folder} ({', '.join(held)})" if held else folder)
        elif f.code == "IDN006" and data.get("variant") == "hidden" and data.get("not_read"):
            out.append(f"{f.file}/")
    return out
